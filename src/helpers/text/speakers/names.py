"""Names: whom words mean (aliases, katakana spellings, one letter off), who is addressed, who introduces themselves."""

from __future__ import annotations

import re
from functools import lru_cache

from ..language import script_lang

# Katakana spellings of names that occur in this corpus, keyed by the Latin
# spelling used in the catalog. Extend it when the catalog gains speakers.
NAME_TRANSLITERATIONS: dict[str, tuple[str, ...]] = {
    "mark": ("マーク",),
    "zuckerberg": ("ザッカーバーグ", "ザッカーバーク", "ザック"),
    "jensen": ("ジェンセン", "ジェンスン"),
    "huang": ("フアン", "ファン"),
    "aditya": ("アディティア", "アディティヤ", "アディア"),
    "ruchi": ("ルチ", "リッチー", "ルーチ"),
    "priscilla": ("プリシラ",),
    "dwarkesh": ("ドワルケシュ", "ドワーケシュ"),
    "patel": ("パテル",),
    "lex": ("レックス",),
    "fridman": ("フリードマン",),
}

# Short forms a person is called by on stage and on calls ("Masa", "Mike", "Dave", "Joe"; "マサ"), keyed by the
# catalog's given name. A short form counts as that person only when no other speaker has it as a name. Forms that
# are also common words ("Ray", "Sue", "Nick", "Ted", "Wolf") are left out: mentions are matched in any case.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "masayoshi": ("masa", "マサ"),
    "michael": ("mike", "micha"),
    "david": ("dave",),
    "daniel": ("dan", "danny"),
    "patrick": ("pat",),
    "robert": ("bob", "rob"),
    "william": ("bill",),
    "james": ("jim",),
    "thomas": ("tom",),
    "matthew": ("matt",),
    "christopher": ("chris",),
    "alexander": ("alex",),
    "anthony": ("tony",),
    "stephen": ("steve",),
    "steven": ("steve",),
    "johannes": ("hannes",),
    "jonathan": ("jon",),
    "benjamin": ("ben",),
    "katherine": ("kate", "katie"),
    "elizabeth": ("liz",),
    "joseph": ("joe",),
    "andrew": ("andy",),
    "samuel": ("sam",),
    "jeffrey": ("jeff",),
    "gregory": ("greg",),
    "timothy": ("tim",),
    "ronald": ("ron",),
    "douglas": ("doug",),
    "peter": ("pete",),
    "philip": ("phil",),
    "phillip": ("phil",),
    "charles": ("charlie",),
    "frederick": ("fred",),
    "lawrence": ("larry",),
    "richard": ("rick",),
    "nathan": ("nate",),
    "joshua": ("josh",),
    "jacob": ("jake",),
    "zachary": ("zach",),
    "jennifer": ("jen", "jenny"),
    "rebecca": ("becky",),
    "margaret": ("maggie", "meg"),
    "stephanie": ("steph",),
    "alexandra": ("alex",),
    "friedrich": ("fritz",),
}


def short_forms(speakers: list[str]) -> dict[str, str]:
    """Short form -> speaker ("masa" -> "Masayoshi Son"), left out where two speakers share it or one has it
    as a name of their own."""
    own = {t.lower() for name in speakers for t in re.split(r"[・\s]", name)}
    out: dict[str, str] = {}
    clash: set[str] = set()
    for name in speakers:
        given = re.split(r"[・\s]", name.strip())[0].lower()
        for form in SHORT_FORMS.get(given, ()):
            if form in out and out[form] != name:
                clash.add(form)
            out[form] = name
    return {f: n for f, n in out.items() if f not in clash and f not in own}


def aliases(speakers: list[str]) -> dict[str, str]:
    """lowercased alias -> speaker name, for labels and mentions."""
    out: dict[str, str] = {}
    for name in speakers:
        out[name.lower()] = name
        for token in name.split():
            key = token.lower()
            if len(key) >= 3:
                out.setdefault(key, name)
            for kana in NAME_TRANSLITERATIONS.get(key, ()):
                out.setdefault(kana, name)
        tokens = name.lower().split()
        if len(tokens) == 2:
            # Katakana full names: "マーク・ザッカーバーグ", "マークザッカーバーグ".
            for a in NAME_TRANSLITERATIONS.get(tokens[0], ()):
                for b in NAME_TRANSLITERATIONS.get(tokens[1], ()):
                    out.setdefault(f"{a}・{b}", name)
                    out.setdefault(a + b, name)
        if script_lang(name) == "ja":
            for token in re.split(r"[・\s]", name):
                if len(token) >= 2:
                    out.setdefault(token, name)
    for form, name in short_forms(speakers).items():
        out.setdefault(form, name)
    return out


FORMAL_TITLES = ("Herr", "Frau", "Mr.", "Ms.", "Mrs.", "Dr.", "Senator", "Professor")


def shared_forms(speakers: list[str]) -> dict[str, frozenset[str]]:
    """Given names and short forms two or more speakers share ("David" for David Baszucki and David Karnovsky,
    "Dave" for both) -> the speakers who have them. Such a form names one of them, not a particular one."""
    holders: dict[str, set[str]] = {}
    for name in speakers:
        given = re.split(r"[・\s]", name.strip())[0]
        if len(given) >= 2 and script_lang(name) != "ja":
            holders.setdefault(given, set()).add(name)
            for form in SHORT_FORMS.get(given.lower(), ()):
                holders.setdefault(form if script_lang(form) == "ja" else form.capitalize(), set()).add(name)
    own = {t.lower() for name in speakers for t in re.split(r"[・\s]", name)[1:]}
    return {f: frozenset(n) for f, n in holders.items() if len(n) > 1 and f.lower() not in own}


def given_names(speakers: list[str]) -> dict[str, str]:
    """Forms a speaker is addressed by: given name, its katakana, a Japanese name's first part (not a given name two
    speakers share: :func:`shared_forms`)."""
    out: dict[str, str] = {}
    shared = shared_forms(speakers)
    for name in speakers:
        tokens = re.split(r"[・\s]", name.strip())
        given = tokens[0]
        if len(given) >= 2 and given not in shared:
            out[given] = name
        for kana in NAME_TRANSLITERATIONS.get(given.lower(), ()):
            out[kana] = name
        if len(tokens) >= 2 and script_lang(name) != "ja":
            out.setdefault(name.strip(), name)  # "Steve Hely, welcome to the show."
            # Formal address by family name: "Herr Clement, …", "Thank you, Mr. Moyers."
            for title in FORMAL_TITLES:
                out.setdefault(f"{title} {tokens[-1]}", name)
    for form, name in short_forms(speakers).items():
        out.setdefault(form if script_lang(form) == "ja" else form.capitalize(), name)
    return out


# Titles a person is addressed by alone once the text has introduced them with it ("Minister Faisal Alibrahim" ...
# "Minister, let me start with you."; "Frau Ministerin Schulze" ... "Frau Ministerin, …"; "山田大臣" ... "大臣、…").
ADDRESS_TITLES = (
    "Prime Minister", "Minister", "President", "Secretary", "Governor", "Ambassador", "Commissioner", "Chairman",
    "Senator", "Mayor", "General", "Professor", "Director-General",
    "Frau Ministerin", "Herr Minister", "Frau Präsidentin", "Herr Präsident", "Frau Bundeskanzlerin",
    "Herr Bundeskanzler", "Herr Botschafter", "Frau Botschafterin", "Herr Professor", "Frau Professorin",
)  # fmt: skip
ADDRESS_TITLES_JA = ("大臣", "総理", "社長", "会長", "知事", "市長", "長官", "教授")


def titled_forms(texts: list[str], speakers: list[str]) -> dict[str, str]:
    """Title -> speaker, for each title the texts put before (Latin) or after (Japanese) exactly one speaker's
    name; a title two speakers share addresses neither."""
    alias = aliases(speakers)
    found: dict[str, set[str]] = {}
    latin = re.compile(r"\b(" + _alternation(ADDRESS_TITLES) + r")\s+((?:[A-ZÀ-Ý][\w'’-]+\s?){1,3})")
    ja = re.compile(r"([一-龥ァ-ヺー・]{2,12}?)(" + _alternation(ADDRESS_TITLES_JA) + r")")
    for t in texts:
        for m in latin.finditer(t):
            for name in mentions(m.group(2), alias):
                found.setdefault(m.group(1), set()).add(name)
        for m in ja.finditer(t):
            for name in mentions(m.group(1), alias):
                found.setdefault(m.group(2), set()).add(name)
    return {title: next(iter(names)) for title, names in found.items() if len(names) == 1}


_QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』|“[^“”]*”|„[^„“”]*[“”]|\"[^\"]*\"")
_QUESTION_OR_REQUEST = re.compile(
    r"([?？]|か[。.]?|ください[。.]?|どうぞ[。.]?|お願いします[。.]?|please[.!]?|bitte[.!]?)[\s」』)）]*$",
    re.IGNORECASE,
)
_REQUEST_ANYWHERE = re.compile(r"[?？]|ください|下さい|どうぞ|お願い|ませんか|\bplease\b|\bbitte\b", re.IGNORECASE)


def unquoted(s: str) -> str:
    """``s`` with quoted passages blanked (same length, so offsets hold)."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), s)


def _alternation(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


@lru_cache(maxsize=64)
def _compiled(forms: tuple[tuple[str, str], ...], kind: str) -> re.Pattern[str]:
    """One regex over all ``forms`` (form, name) for ``kind``: mention, intro, vocative_ja, vocative_latin."""
    ja = [f for f, _ in forms if script_lang(f) == "ja"]
    latin = [f for f, _ in forms if script_lang(f) != "ja"]
    never = r"(?!x)x"
    if kind == "mention":
        parts = []
        if ja:
            parts.append(r"(?<![ァ-ヺー・])(?:" + _alternation(ja) + r")(?![ァ-ヺー])")
        if latin:
            parts.append(r"(?<![A-Za-z0-9À-ÿ])(?:" + _alternation(latin) + r")(?![A-Za-z0-9À-ÿ])")
        return re.compile("|".join(parts) or never, re.IGNORECASE)
    if kind == "intro":
        alt = _alternation([f for f, _ in forms]) or never
        return re.compile(
            r"(?:私は|僕は|俺は|わたしは)(?P<a>" + alt + r")\s*です|(?P<b>" + alt + r")と申します|"
            r"(?:\bI'm|\bI am|\bmy name is|\bthis is|\bich bin|\bich heiße|\bmein Name ist)\s+(?P<c>" + alt + r")\b",
            re.IGNORECASE,
        )
    if kind == "vocative_ja":
        # "マーク、…" and "…、マーク。" address; "マーク・ザッカーバーグ" or "マークは" do not.
        return re.compile(
            r"(?<![ァ-ヺー・])(?P<v>" + (_alternation(ja) or never) + r")(?:さん|くん|君)?(?=[、，,。！!？?])"
        )
    if kind == "honorific_ja":
        # "中村さんの研究室はいかがですか": in a question, the person named with an
        # honorific is the one asked (one does not call oneself "さん").
        return re.compile(
            r"(?<![ァ-ヺー・])(?P<v>" + (_alternation(ja) or never) + r")(?:さん|くん|君|先生)(?![、，,。！!？?])"
        )
    return re.compile(
        r"(?:^(?:(?i:and|so|okay|ok|well|now|und|also|nun|gut)\s+)?|(?<=[.!?]\s)|(?<=[,;]\s)|(?<=[,;]))(?P<v>"
        + (_alternation(latin) or never)
        + r")(?=\s*[,!?]|\s*\.(?:\s|$))"
    )


def _lookup(alias: dict[str, str], form: str) -> str | None:
    return alias.get(form) or alias.get(form.lower())


def vocatives(s: str, given: dict[str, str]) -> dict[str, bool]:
    """Speakers addressed in ``s`` -> whether an addressing sentence asks or requests."""
    found: dict[str, bool] = {}
    forms = tuple(sorted(given.items()))
    for kind in ("vocative_ja", "vocative_latin"):
        for m in _compiled(forms, kind).finditer(s):
            name = _lookup(given, m.group("v"))
            if name:
                found[name] = found.get(name, False) or _asks(s, m.start())
    for m in _compiled(forms, "honorific_ja").finditer(s):
        name = _lookup(given, m.group("v"))
        if name and _asks(s, m.start()):
            found[name] = True
    return found


def _asks(s: str, pos: int) -> bool:
    """Does the sentence around ``pos`` end in a question or a request?"""
    begin = max(s.rfind(ch, 0, pos) for ch in "。.!?！？\n") + 1
    ends = [i for i in (s.find(ch, pos) for ch in "。!?！？\n") if i >= 0]
    end = min(ends) + 1 if ends else len(s)
    sentence = s[begin:end].rstrip()
    return bool(_QUESTION_OR_REQUEST.search(sentence) or _REQUEST_ANYWHERE.search(sentence))


def self_introductions(s: str, alias: dict[str, str]) -> set[str]:
    """Speakers who introduce themselves in ``s`` ("私はXです", "Xと申します", "I'm X", "ich bin X")."""
    found: set[str] = set()
    for m in _compiled(tuple(sorted(alias.items())), "intro").finditer(s):
        name = _lookup(alias, m.group("a") or m.group("b") or m.group("c"))
        if name:
            found.add(name)
    return found


def mentions(s: str, alias: dict[str, str]) -> set[str]:
    """Speakers named in ``s`` (any alias, whole words / whole katakana runs).

    Long Latin names also match one letter off ("Zukerberg"): notes and
    machine transcripts misspell names more often than they name a stranger
    who differs by one letter.
    """
    found: set[str] = set()
    for m in _compiled(tuple(sorted(alias.items())), "mention").finditer(s):
        name = _lookup(alias, m.group(0))
        if name:
            found.add(name)
    long_forms = [(f, n) for f, n in _long_latin_forms(tuple(sorted(alias.items()))) if n not in found]
    if long_forms:
        for w in re.findall(r"[A-Za-zÀ-ÿ]{5,}", s):
            w = w.lower()
            for form, name in long_forms:
                if abs(len(w) - len(form)) <= 1 and _one_edit(w, form):
                    found.add(name)
    return found


@lru_cache(maxsize=64)
def _long_latin_forms(forms: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((f, n) for f, n in forms if len(f) >= 6 and " " not in f and script_lang(f) != "ja")


def _one_edit(a: str, b: str) -> bool:
    """At most one insertion, deletion or substitution apart."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]
