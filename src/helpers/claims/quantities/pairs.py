"""How two neighbouring figures joined by "or", "/", "to" or "-" relate when they are not one range.

Alternatives written in digits, a total and a per-share figure, a spec sheet's slash alternatives, two race
times; used by ``merge`` (split from it: one concept, the pair's kind).
"""

from __future__ import annotations

import re

from .model import _Q

_DIGIT = re.compile(r"[$€£¥]?\d")
_TIME_TO_HUNDREDTHS = re.compile(r"(?:\d:)?[0-5]?\d:[0-5]\d[.,]\d\d")
# "10- or 12-core", "9- and 15-watt", "three- or four-bedroom": two compounds sharing their noun, two values
_HANGING_ALTERNATIVES = re.compile(r"-\s(?:or|and|oder|und)\s$")


def digit_alternatives(text: str, a: _Q, b: _Q, between: str) -> bool:
    """ "20,000 or 30,000", "6 or 8 GB", "10 oder 12 Stunden", "10- or 12-core": two figures written in digits
    offered as alternatives are two values (spelled neighbours, "two or three years", "sechs oder sieben", are one
    range)."""
    if _HANGING_ALTERNATIVES.match(between):
        return True
    return (
        between.strip().lstrip("-‐").strip() in ("or", "oder")
        and not (a.vague or b.vague)
        and _DIGIT.match(text, a.start) is not None
        and _DIGIT.match(text, b.start) is not None
    )


def race_times(text: str, a: _Q, b: _Q) -> bool:
    """ "beat Ledecky, 3:58.76 to 3:59.97", "4:01.29-4:01.31 ahead of": two race times to the hundredth are a
    result (the winner's and the other's), not a range of one time."""
    return a.unit == b.unit == "duration_second" and all(
        _TIME_TO_HUNDREDTHS.fullmatch(text, q.start, q.end) is not None for q in (a, b)
    )


def unlike_pair(a: _Q, b: _Q, between: str) -> bool:
    """ "a loss of 6,700,000 or 0.09¢ per share": figures of unlike size either side of "or" are two measures
    (a total and a per-share figure), neither a range nor alternatives of one."""
    return between.strip() in ("or", "oder") and not a.explicit_unit and a.raw_low > 100 * max(b.raw_high, 0.0)


def slash_alternatives(text: str, a: _Q, b: _Q, between: str) -> bool:
    """ "2/3 GB", "16/32 GB": a spec sheet's alternatives, the bare first number in the second one's unit."""
    return (
        between == "/"
        and not a.explicit_unit
        and b.unit in ("byte", "coulomb", "pixel")
        and _DIGIT.match(text, a.start) is not None
        and _DIGIT.match(text, b.start) is not None
    )
