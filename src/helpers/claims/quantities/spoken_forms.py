"""English numbers as speech writes them: years said in pairs ("twenty twenty four"), model sizes said or captioned
("four oh five b", "the seventy b"), and spoken numbers that name a product ("h one hundred", "the seven thirty
seven max"). Split from ``latin`` (one concept: the spoken forms of English numbers).
"""

from __future__ import annotations

import re

from .. import numbers
from ..word_runs import word_runs
from .attach import _unit_after
from .model import _Core, _overlaps, _spans

# a letter, "the a", or a few consonants before a spoken number name a product: "h one hundred", "the a one
# hundred", "gb two hundred", "ps five", "nvl seventy two"
_SPOKEN_LABEL_BEFORE = re.compile(r"(?i)(?:(?<![\w'’])[b-hj-z]|\bcovid)\s$")
_SPOKEN_GROUP_BEFORE = re.compile(
    r"(?i)(?:(?<=\bthe\s)a|(?<![\w'’])(?!(?:hmm|hm|mm|mhm|shh|pm|mr|mrs|dr|st|vs|ms|rs)\s)[b-df-hj-np-tv-xz]{2,4})\s$"
)
_DIGIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# a model number said digit by digit group: "seven thirty seven", "seven forty seven" (737, 747)
_DIGITWISE = re.compile(
    rf"(?i){_DIGIT_WORD}[\s-](?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]{_DIGIT_WORD}"
)
_MODEL_SAID_BEFORE = re.compile(r"(?i)\b(?:the|a|an)\s(?:[a-z]+\s)?$")
_MODEL_SUFFIX_AFTER = re.compile(r"(?i)\s(?:max|neo|pro|plus|ultra|mini|series|jet|jets|aircraft|planes?)\b")


def _spoken_label(text: str, s: int, e: int, surface: str, scale_re: re.Pattern[str]) -> bool:
    """A spoken number that names a product: after a letter ("h one hundreds", "q three"), "the a" or a few
    consonants ("the a one hundred", "gb two hundred", "nvl seventy two"), or a model number said digit-wise after
    an article or before a model's word ("the seven thirty seven max", "a boeing seven forty seven"), no unit after."""
    if _SPOKEN_LABEL_BEFORE.search(text, max(0, s - 8), s):
        return True
    if not text[s : s + 1].isalpha():
        return False
    if _SPOKEN_GROUP_BEFORE.search(text, max(0, s - 8), s):
        return True
    return (
        _DIGITWISE.fullmatch(surface) is not None
        and (_MODEL_SAID_BEFORE.search(text, max(0, s - 16), s) or _MODEL_SUFFIX_AFTER.match(text, e)) is not None
        and _unit_after(text, e, "en") is None
        and not scale_re.match(text, e)
    )


_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_YEAR = re.compile(
    rf"(?i)\b(nineteen|twenty)\s((?:oh\s{_UNIT_WORD})|(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    rf"seventeen|eighteen|nineteen)|{_TENS}(?:[\s-]{_UNIT_WORD})?)\b(?![\s-]{_UNIT_WORD}\b)"
    rf"(?![\s-][a-z]{{0,12}}(?:ths?|firsts?|seconds?|thirds?|halves|quarters?)\b)"
    rf"(?!\s(?:hundred|thousand|million|billion|percent|per\scent|times|x|people|persons|users|employees|dollars|"
    rf"bucks|years|months|weeks|days|hours|minutes)\b)"
)
_DIGIT_WORDS = {
    w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))
} | {"oh": 0}
_NUMBER_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
# "the four oh five b", "a seventy b model", "405 b": a size in billions of parameters, said or captioned
_SPOKEN_SIZE = re.compile(
    rf"(?i)\b((?:{_NUMBER_WORD}[\s-](?:and\s)?){{0,3}}{_NUMBER_WORD}|\d{{1,4}})\s(?:b|bee)\b(?!['’]|\s(?:shares?|class|stock|grade|team|side|plan)\b)"
)


def _spoken_years(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """Years as they are said: "twenty twenty four" (2024), "nineteen ninety nine", "twenty oh five" (2005)."""
    cores: list[_Core] = []
    for m in _SPOKEN_YEAR.finditer(text) if "twenty" in text or "nineteen" in text else ():
        century = 1900 if m.group(1).lower() == "nineteen" else 2000
        rest = m.group(2).lower().replace("-", " ").split()
        if rest[0] == "oh":
            value = numbers.parse_word_number(rest[1], "en")
        else:
            value = numbers.parse_word_number(" ".join(rest), "en")
        if value is None or not (rest[0] == "oh" or value >= 10) or _overlaps(m.start(), m.end(), blocked):
            continue
        year = century + value
        cores.append(_Core(m.start(), m.end(), year, year, kind="year", word=True))
    return cores


def _may_size(text: str) -> bool:
    """Whether _SPOKEN_SIZE may match: its "b" or "bee" is a word of its own."""
    runs = word_runs(text)
    return runs is None or "b" in runs or "bee" in runs


def _spoken_sizes(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """Model sizes as captions spell them: "four oh five b" (405B, read digit by digit), "the seventy b", "405 b"."""
    cores: list[_Core] = []
    for m in _SPOKEN_SIZE.finditer(text):
        words = [w for w in m.group(1).lower().replace("-", " ").split() if w != "and"]
        if all(w in _DIGIT_WORDS for w in words) and len(words) > 1:
            v: float | None = float("".join(str(_DIGIT_WORDS[w]) for w in words))
        elif len(words) == 1 and words[0].isdigit():
            v = float(words[0])
        elif (
            len(words) in (2, 3)
            and words[0] in _DIGIT_WORDS
            and words[1] not in _DIGIT_WORDS
            and (tens := numbers.parse_word_number(" ".join(words[1:]), "en"))
            and 10 <= tens < 100
        ):
            v = 100 * _DIGIT_WORDS[words[0]] + tens  # "one twenty b", "one seventy five b": hundreds and tens
        else:
            v = numbers.parse_word_number(" ".join(words), "en")
        if v and not _overlaps(m.start(), m.end(), blocked + _spans(cores)):
            cores.append(_Core(m.start(), m.end(), v * 1e9, v * 1e9, word=not words[0].isdigit(), kind="size"))
    return cores
