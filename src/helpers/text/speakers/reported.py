"""Reported speech: the cues that say whose words a sentence of a write-up passes on, and the source they name.

"Zuckerberg sagte", "laut Jensen Huang", "X said", "according to X",
"Xは…と述べた", "Xによると", "同氏によると"; pronouns take the last person
named before them. Bracketed author's asides ("（湯川解説：…）") are the writer's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..language import script_lang
from ..regex_guard import guarded
from .names import _compiled, _lookup, mentions, unquoted

_ASIDE = re.compile(
    r"[（(]\s*(?:[^\s（()）:：]{0,8}解説|訳注|編注|注|補足|Anm\.(?: d\. (?:Red|Ü)\.)?|Editor'?s note|Note|Ed\.)"
    r"\s*[:：][^（()）]*[)）]",
    re.IGNORECASE,
)


def author_asides(text: str) -> list[tuple[int, int]]:
    """Spans of bracketed author's asides inside reported passages ("（湯川解説：…）")."""
    return [m.span() for m in _ASIDE.finditer(text)]


_EN_NAME = r"(?P<src>(?:[A-Z][\w'’.-]+\s){0,3}[A-Z][\w'’-]+)"
_EN_VERBS = (
    r"said|says|told|tells|added|adds|noted|notes|argued|argues|explained|explains|estimated|estimates|believes|"
    r"believed|thinks|thought|claimed|claims|stated|states|wrote|writes|announced|announces|predicted|predicts|"
    r"expects|expected|warned|warns|insisted|recalled|joked|admitted|acknowledged"
)
_DE_VERBS = (
    r"sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|glaubt|glaubte|schätzt|schätzte|berichtete|berichtet|"
    r"erzählte|erzählt|behauptete|behauptet|ergänzte|fügte|sprach|verriet|räumte|kündigte|prognostizierte|"
    r"ist überzeugt|war überzeugt|geht davon aus|teilte"
)
_JA_VERBS = (
    r"述べ|語っ|語り|語る|話し|話す|説明し|説明す|明らかにし|強調し|指摘し|発言し|言っ|言い|言う|主張し|"
    r"考えてい|見てい|予測し|予想し|発表し|示唆し|認め|明かし|言及し|コメントし"
)
_PRONOUN_EN = re.compile(r"^\s*(?:He|She|They)\s+(?:" + _EN_VERBS + r")\b")
_PRONOUN_DE = re.compile(r"^\s*(?:Er|Sie)\s+(?:" + _DE_VERBS + r")\b|\b(?:" + _DE_VERBS + r")\s(?:er|sie)\b")
CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "en_according",
        re.compile(
            r"\b[Aa]ccording to (?P<src>(?:the |a |an )?[^,.;:]{2,60}?)(?=[,.;:]|\s(?:is|was|has|had|will|would)\b)"
        ),
    ),
    ("en_verb", re.compile(_EN_NAME + r",?(?:\s[\w'-]+,)?\s(?:" + _EN_VERBS + r")\b")),
    ("en_inverted", re.compile(r"[,”\"]\s*(?:" + _EN_VERBS + r")\s" + _EN_NAME)),
    (
        "de_laut",
        re.compile(r"\b(?:[Ll]aut|[Nn]ach Angaben (?:von|des|der)|[Ss]o)\s(?P<src>(?:[A-ZÄÖÜ][\wäöüß.'’-]+\s?){1,4})"),
    ),
    ("de_zufolge", re.compile(r"(?P<src>(?:[A-ZÄÖÜ][\wäöüß.'’-]+\s){1,4})zufolge\b")),
    ("de_verb", re.compile(r"(?P<src>(?:[A-ZÄÖÜ][\wäöüß'’-]++\s?){1,3})\s(?:" + _DE_VERBS + r")\b")),
    ("de_inverted", re.compile(r"\b(?:" + _DE_VERBS + r")\s(?P<src>(?:[A-ZÄÖÜ][\wäöüß'’-]+\s?){1,3})")),
    (
        "ja_niyoru",
        re.compile(
            r"(?P<src>(?:[A-Za-z][\w.'’-]*\s)*[^、。「」（）()\s]{1,20})(?:によると|によれば|いわく|曰く|の話では|からの情報|が言うには|が(?:言って|話して)(?:いた|いました)(?:のは|のですが|が))"
        ),
    ),
    (
        "ja_honorific",
        re.compile(
            r"(?P<src>[A-Za-z][A-Za-z .'’-]*[A-Za-z]|[ァ-ヺー・]{2,})(?:氏|さん|CEO|社長|会長)(?:は|が)[^。]{0,120}?(?:"
            + _JA_VERBS
            + r")"
        ),
    ),
    (
        "ja_verb",
        re.compile(
            r"(?P<src>[^、。「」（）()\s]{1,20}?)(?:氏|さん|CEO|社長|会長)?(?:は|が)[^。]{0,200}?(?:と|って|ように)(?:"
            + _JA_VERBS
            + r")"
        ),
    ),
]
_JA_VERB_AFTER = "|".join(f"{p}(?:{_JA_VERBS})" for p in ("と", "って", "ように"))
# Words every match of a cue contains (a verb of saying, "によると", "zufolge"),
# as alternations whose every branch starts with a literal character, so that
# the regex engine skips to the few positions where one can start. Most
# sentences contain none: one search over all of them rules a sentence out,
# where trying each cue at every position is costly (ja_verb backtracks over up
# to 200 characters). Otherwise a cue is tried only where all its words occur.
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "en_according": ("ccording to ",),
    "en_verb": (_EN_VERBS,),
    "en_inverted": (_EN_VERBS,),
    "de_laut": (
        (
            r"Laut\s[A-ZÄÖÜ]|laut\s[A-ZÄÖÜ]|Nach Angaben (?:von|des|der)\s[A-ZÄÖÜ]"
            r"|nach Angaben (?:von|des|der)\s[A-ZÄÖÜ]"
            r"|So\s[A-ZÄÖÜ]|so\s[A-ZÄÖÜ]"
        ),
    ),
    "de_zufolge": ("zufolge",),
    "de_verb": (_DE_VERBS,),
    "de_inverted": (_DE_VERBS,),
    "ja_niyoru": ("によると|によれば|いわく|曰く|の話では|からの情報|が言うには|が言って|が話して",),
    "ja_honorific": ("氏(?:は|が)|さん(?:は|が)|CEO(?:は|が)|社長(?:は|が)|会長(?:は|が)", _JA_VERBS),
    "ja_verb": (_JA_VERB_AFTER,),
}
_WORD_LISTS = list(dict.fromkeys(w for words in CUE_WORDS.values() for w in words))
_WORD_PATTERNS = [re.compile(w) for w in _WORD_LISTS]
_CUE_PLAN = [(rule, pat, tuple(_WORD_LISTS.index(w) for w in CUE_WORDS[rule])) for rule, pat in CUES]
_DE_VERB = re.compile(_DE_VERBS)  # in both branches of _PRONOUN_DE


def cue_matches(s: str) -> Iterator[tuple[str, re.Match[str]]]:
    """(rule, match) of every cue of ``CUES`` that matches ``s``, in ``CUES`` order."""
    # each word list searched alone: one alternation of all of them costs as much as the lists together
    found = [p.search(s) is not None for p in _WORD_PATTERNS]
    if not any(found):
        return
    for rule, pat, needs in _CUE_PLAN:
        if all(found[k] for k in needs):
            m = pat.search(s)
            if m:
                yield rule, m


# Hearsay endings: the writer passes on what the last-named source said.
_EVIDENTIAL = re.compile(
    r"(?:ようです|ようだ|そうです|そうだ|らしい|とのこと|とのことです|ということです|という)[。.]?[\s」』)）]*$"
)
_SAME_PERSON = re.compile(r"^(?:同氏|同社|彼|彼女|He|She|Er|Sie)$")
_OPENING_QUOTE = re.compile(r"[「“\"]")
_FIRST_PERSON = re.compile(r"私は|僕は|俺は|\bI\b|\bich\b|\bmir\b")
_QUESTION = re.compile(r"[?？][\s」』)）]*$")
_INTERVIEWER = re.compile(r"^\s*[（(]?(?:質問|Q|Frage|Question)[)）:：]", re.IGNORECASE)
_LATIN_FULL_NAME = re.compile(r"\b[A-Z][a-zäöüé]+(?:\s[A-Z][a-zäöüé]+)+\b")
_TWO_NAMES = re.compile(r"^[A-ZÄÖÜ][\wäöüß'’-]+(?:\s[A-ZÄÖÜ][\wäöüß'’-]+){1,3}")
_STOP_SOURCES = re.compile(r"^(?:It|This|That|There|The|A|An|Es|Das|Die|Der|Dies|These|Those|We|I|You|Ich|Wir|Man)$")


def _source_name(raw: str, alias: dict[str, str]) -> str | None:
    raw = raw.strip(" 　、,")
    if not raw:
        return None
    named = mentions(raw, alias)
    if len(named) == 1:
        return next(iter(named))
    if script_lang(raw) == "ja":
        # A name right before an honorific is the source ("過去にもZukerberg氏が").
        m = re.search(r"([A-Za-z][A-Za-z .'’-]*[A-Za-z]|[ァ-ヺー・]{2,})(?:氏|さん|CEO|社長|会長)$", raw)
        if m:
            return m.group(1)
        for sep in ("、", "は", "が", "の", "も", "で"):
            if sep in raw:
                raw = raw.rsplit(sep, 1)[-1]
    raw = re.sub(r"^(?:the|a|an)\s+", "", raw, flags=re.IGNORECASE) if script_lang(raw) != "ja" else raw
    raw = re.sub(r"(?:氏|さん|CEO|社長|会長)$", "", raw)
    if _STOP_SOURCES.match(raw) or len(raw) < 2:
        return None
    # Latin names: keep the trailing capitalised words ("Nvidia chief executive Jensen Huang").
    m = re.search(r"((?:[A-ZÄÖÜ][\wäöüß'’-]+\s)*[A-ZÄÖÜ][\wäöüß'’-]+)$", raw)
    if m and script_lang(raw) != "ja" and " " not in raw.strip()[: m.start()].strip() and m.start() > 0:
        return m.group(1)
    if m and script_lang(raw) != "ja" and m.start() > 0:
        return m.group(1)
    return raw


_PERSON_NAME = re.compile(
    r"[ァ-ヺー]{2,}・[ァ-ヺー]{2,}|[ァ-ヺー]{2,}(?=氏|さん)|\b[A-Z][a-zäöü]+(?:\s[A-Z][a-zäöü]+)+\b"
)


def _last_person(before: str, alias: dict[str, str]) -> str | None:
    """The person a pronoun ("彼", "He", "同氏") most likely means: the last one named before it."""
    best: tuple[int, str] | None = None
    for m in _compiled(tuple(sorted(alias.items())), "mention").finditer(before):
        name = _lookup(alias, m.group(0))
        if name and (best is None or m.start() >= best[0]):
            best = (m.start(), name)
    for m in _PERSON_NAME.finditer(before):
        if best is None or m.start() > best[0]:
            best = (m.start(), m.group(0))
    return best[1] if best else None


def reported_source(
    s: str, alias: dict[str, str], last: str | None, before: str = "", named_before: dict[str, str] | None = None
) -> tuple[str | None, str] | None:
    """(source, rule) when ``s`` says whose words it reports.

    ``last`` is the source of the previous report, ``before`` the text of the
    paragraph before ``s``: pronouns ("彼は…と述べた", "He added") take the
    last person named there, else the last source. ``named_before`` maps the
    surnames of people named in full earlier in the text to their full names.
    """
    named_before = named_before or {}
    s = unquoted(s) if not _OPENING_QUOTE.search(s) else s
    if (last or before) and (_PRONOUN_EN.search(s) or (_DE_VERB.search(s) and _PRONOUN_DE.search(s))):
        return (last or _last_person(before, alias)), "pronoun"
    for rule, m in cue_matches(s):
        raw = m.group("src")
        if _SAME_PERSON.match(raw.strip(" 、,")):
            if before or last:
                return _last_person(before, alias) or last, "same_person"
            continue
        name = _source_name(raw, alias)
        if name is None:
            continue
        # Capitalised words next to a verb of saying are a name only if they
        # look like one: two or more of them (German capitalises every noun,
        # "das Unternehmertum erzählte" is no source).
        # A lone surname counts when the text named the person in full before
        # ("Dylan Patel, an analyst … Patel said").
        if rule in ("en_verb", "de_verb", "en_inverted", "de_inverted") and not mentions(name, alias):
            if name.split()[-1] in named_before:
                return named_before[name.split()[-1]], rule
            if not _TWO_NAMES.fullmatch(name) or _STOP_SOURCES.match(name):
                continue
        if (
            rule == "ja_verb"
            and not mentions(raw, alias)
            and not re.search(r"(?:氏|さん|CEO|社長|会長)(?:は|が)", m.group(0))
        ):
            continue
        return name, rule
    return None


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_LATIN_FULL_NAME = guarded(_LATIN_FULL_NAME)
