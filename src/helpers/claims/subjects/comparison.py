"""Entities named as a comparison's base: "than X", "half of X's", "versus X", "als X", "halb so viel wie X",
"Xより", "Xの半分", "Xと比べ". A figure compared with X is not X's figure ("Llama costs about half of GPT-4o's
price" is Llama's; "405はGPT-4Oモデルの推論コストの約半分" is the 405's), unless the figure is attached to X
itself ("more than GPT-3's 175B", "GPT-3の1750億より").

A base needs something compared with it before it in the sentence (a name, a number, a pronoun, a Japanese topic):
"Half of Meta's revenue comes from ads" compares nothing, so the half stays Meta's.
"""

from __future__ import annotations

import re

from .entities import Mention

# the cue right before the base (en/de); "as" and "wie" only after "as/so <adjective>" ("wie Meta mitteilte" is a
# source)
_BEFORE = {
    "en": re.compile(
        r"(?i)\b(?:than|versus|vs\.?|compared (?:with|to)|(?:comparable|equivalent|similar) to|on par with|"
        r"relative to|(?<!first )(?<!second )half(?: of)?|twice|double|triple|(?:a|one) (?:third|quarter|tenth) of|"
        r"a fraction of|as \w+ as|times)\s+"
        r"(?:that of\s+|those of\s+|the (?:\w+ )?of\s+|the\s+)?$"
    ),
    "de": re.compile(
        r"\b(?:(?:mehr|weniger|höher|niedriger|größer|kleiner|billiger|teurer|günstiger|schneller|langsamer|"
        r"besser|schlechter|stärker|schwächer)\s+als|so\s+\w+\s+wie|[Ii]m Vergleich (?:zu|mit)|[Vv]erglichen mit|"
        r"vergleichbar mit|[Gg]egenüber)\s+(?:dem\s+|der\s+|den\s+|des\s+)?$"
    ),
}
# after the base (ja), with no topic or subject between: より / と比べ / と比較 / 並み / と同等, or の ... 半分 / 倍 /
# N分の (the cue's word is group 1 or 2)
_AFTER_JA = re.compile(
    r"[^、。,，はがを]{0,20}?(?:(より|[とに]比べ|と比較|並み|と同等|に匹敵)|の[^、。,，はがを]{0,15}?(半分|倍|[0-9０-９一二三四五十]+分の))"
)
# how far before a base its cue may start (en/de)
_CUE_WINDOW = 40
# what may stand between a base and its own figure ("GPT-3's 175B", "GPT-3 with 175B", "des GPT-3 mit 175 Mrd.")
_ATTACHED_GAP = re.compile(
    r"(?:[ -]?\d{1,2}(?:\.\d{1,2})?[a-z]?)?(?:'s|’s|s)?\s*(?:with|at|of|mit|von|bei)?\s*"
    r"(?:about|around|roughly|only|just|rund|etwa|knapp|nur)?\s*"
)
# a proportion of the base ("half of X's", "twice X's", "Xの半分"), unlike "than X", can be X's own ("Half of Meta's
# revenue"): it is a base only with something compared before it
_PROPORTION = re.compile(r"(?i)half|twice|double|triple|a |one |times")
# something compared before the cue: a digit, a pronoun, a Japanese topic or subject particle
_LEFT_SIDE = {
    "en": re.compile(r"\d|\b(?:[Ii]t|[Tt]hey|[Tt]his|[Tt]hat|[Ww]hich|[Ww]e|[Oo]urs|[Ii]ts|[Tt]heirs)\b"),
    "de": re.compile(r"\d|\b(?:[Ee]s|[Ee]r|[Ss]ie|[Dd]as|[Dd]ies\w*|[Ww]ir|[Uu]nser\w*)\b"),
    "ja": re.compile(r"\d|[０-９]|[はが]"),
}


def _cue_before(text: str, m: Mention, lk: str) -> int | None:
    """Where the en/de cue before ``m`` starts, else None."""
    lo = max(0, m.start - _CUE_WINDOW)
    hit = _BEFORE[lk].search(text[lo : m.start])
    return lo + hit.start() if hit else None


def is_base(text: str, m: Mention, ms: list[Mention], start: int, end: int, lk: str) -> bool:
    """Whether ``m`` is named as the base a figure at text[start:end] is compared with, the figure not its own."""
    if lk == "ja":
        after = _AFTER_JA.match(text, m.end)
        if after is None:
            return False
        cue, word = m.start, after.start(1) if after.group(1) else after.start(2)
        needs_left = not after.group(1)
        if m.end <= start and end <= word:
            return False  # "GPT-3の1750億より": the base's own figure, before its cue
    else:
        found = _cue_before(text, m, lk)
        if found is None:
            return False
        cue = found
        needs_left = _PROPORTION.match(text, found) is not None
        if m.end <= start and _ATTACHED_GAP.fullmatch(text, m.end, start):
            return False  # "more than GPT-3's 175B": the base's own figure, right after it
    if not needs_left:
        return True
    left = text[:cue]
    if any(o.end <= cue for o in ms if o is not m) or (start < cue and end <= cue):
        return True
    return _LEFT_SIDE[lk].search(left) is not None


def drop_bases(text: str, ms: list[Mention], start: int, end: int, lk: str) -> list[Mention]:
    """``ms`` without the mentions a figure at text[start:end] is compared with."""
    return [m for m in ms if not is_base(text, m, ms, start, end, lk)]
