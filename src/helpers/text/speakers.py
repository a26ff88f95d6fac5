"""Who speaks: speaker names and their aliases, and speakers inferred in unlabelled dialogue.

Inference uses textual evidence only (a self-introduction, a speaker addressed
by name, a question addressed to someone) and always flags the result as
inferred; without evidence the speaker stays unknown.
"""

from __future__ import annotations

import re
from typing import Protocol

from .language import script_lang

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


class Turn(Protocol):
    """A block of text that may get a speaker (the parser's draft blocks)."""

    kind: str
    start: int
    end: int
    speaker: str | None
    speaker_inferred: bool


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
    return out


def _given_names(speakers: list[str]) -> dict[str, str]:
    """Forms a speaker is addressed by: given name, its katakana, a Japanese name's first part."""
    out: dict[str, str] = {}
    for name in speakers:
        tokens = re.split(r"[・\s]", name.strip())
        given = tokens[0]
        if len(given) >= 2:
            out[given] = name
        for kana in NAME_TRANSLITERATIONS.get(given.lower(), ()):
            out[kana] = name
    return out


_QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』|“[^“”]*”|„[^„“”]*[“”]|\"[^\"]*\"")
_QUESTION_OR_REQUEST = re.compile(r"([?？]|か[。.]?|ください[。.]?|どうぞ[。.]?|お願いします[。.]?|please[.!]?|bitte[.!]?)[\s」』)）]*$", re.I)


_REQUEST_ANYWHERE = re.compile(r"[?？]|ください|下さい|どうぞ|お願い|ませんか|\bplease\b|\bbitte\b", re.I)


def _unquoted(s: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), s)


def _vocatives(s: str, given: dict[str, str]) -> dict[str, bool]:
    """Speakers addressed in ``s`` -> whether an addressing sentence asks or requests."""
    found: dict[str, bool] = {}
    for form, name in given.items():
        esc = re.escape(form)
        if script_lang(form) == "ja":
            # "マーク、…" and "…、マーク。" address; "マーク・ザッカーバーグ" or
            # "マークは" do not.
            pattern = r"(?<![ァ-ヺー・])" + esc + r"(?:さん|くん|君)?(?=[、，,。！!？?])"
        else:
            pattern = r"(?:^|(?<=[.!?]\s)|(?<=[,;]\s)|(?<=[,;]))" + esc + r"(?=\s*[,!?]|\s*\.(?:\s|$))"
        for m in re.finditer(pattern, s):
            found[name] = found.get(name, False) or _asks(s, m.start())
    return found


def _asks(s: str, pos: int) -> bool:
    """Does the sentence around ``pos`` end in a question or a request?"""
    begin = max(s.rfind(ch, 0, pos) for ch in "。.!?！？\n") + 1
    ends = [i for i in (s.find(ch, pos) for ch in "。!?！？\n") if i >= 0]
    end = min(ends) + 1 if ends else len(s)
    sentence = s[begin:end].rstrip()
    return bool(_QUESTION_OR_REQUEST.search(sentence) or _REQUEST_ANYWHERE.search(sentence))


def _self_introductions(s: str, aliases: dict[str, str]) -> set[str]:
    found: set[str] = set()
    for form, name in aliases.items():
        esc = re.escape(form)
        pattern = (
            r"(?:私は|僕は|俺は)" + esc + r"です|" + esc + r"と申します|"
            r"(?:\bI'm|\bI am|\bmy name is|\bich bin|\bich heiße|\bmein Name ist)\s+" + esc + r"\b"
        )
        if re.search(pattern, s, re.I):
            found.add(name)
    return found


def infer_speakers(text: str, drafts: list[Turn], speakers: list[str], aliases: dict[str, str]) -> None:
    given = _given_names(speakers)
    body = [d for d in drafts if d.kind in ("paragraph", "turn")]
    own: dict[int, set[str]] = {}
    next_hint: dict[int, set[str]] = {}
    for i, d in enumerate(body):
        s = _unquoted(text[d.start : d.end])
        intro = _self_introductions(s, aliases)
        addressed = _vocatives(s, given)
        if intro or addressed:
            claims = set(intro)
            if addressed and len(speakers) == 2:
                claims |= set(speakers) - set(addressed)
            # Nobody addresses themselves by name.
            own[i] = claims - set(addressed)
        asking = {name for name, asks in addressed.items() if asks}
        if addressed and _QUESTION_OR_REQUEST.search(s.rstrip()):
            asking = set(addressed)
        if asking and i + 1 < len(body):
            next_hint.setdefault(i + 1, set()).update(asking)
    for i, d in enumerate(body):
        claims = own[i] if i in own else next_hint.get(i, set())
        if len(claims) == 1:
            d.speaker = next(iter(claims))
            d.speaker_inferred = True
