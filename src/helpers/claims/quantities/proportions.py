"""Numbers written side by side that make one reading: proportions ("one in 50 patients", "two out of every
100", "eight in 10 Americans", "5人に1人" are one percentage, not two counts) and dimensions ("5.76 x 2.77 x
0.32 inches", "19 by 12 by 11 kilometres": each side a length in the unit written last)."""

from __future__ import annotations

import re
from dataclasses import replace

from .model import _Q

_BETWEEN = {
    "en": re.compile(r"\s(?:in|out\sof(?:\severy)?|of\severy)\s"),
    "de": re.compile(r"\s(?:von|aus|unter)(?:\sje)?\s"),
}
# "3.99 of 1000 orders", "2,5 von 1000 Geburten": a fraction of a round whole is a rate per that whole
_OF_ROUND = {"en": re.compile(r"\sof\s"), "de": re.compile(r"\svon\s")}
_ROUND_WHOLES = (100.0, 1000.0, 10000.0, 100000.0)
_JA_BETWEEN = re.compile(r"に")
# what the whole may be counted in: things and people, not a year, a duration or a money amount
_WHOLE_UNITS = ("count", "person")


def proportions(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """Merge a part and its whole ("one in 50") into one percentage reading."""
    out: list[_Q] = []
    i = 0
    while i < len(qs):
        q = qs[i]
        nxt = qs[i + 1] if i + 1 < len(qs) else None
        merged = _proportion(text, q, nxt, lang) if nxt is not None else None
        if merged is not None:
            out.append(merged)
            i += 2
            continue
        out.append(q)
        i += 1
    return out


def _fraction_of_round(text: str, part: _Q, whole: _Q, lang: str) -> bool:
    """ "3.99 of 1000": a part with a fraction of a round whole, which no count of things can be."""
    of = _OF_ROUND.get(lang)
    return (
        of is not None
        and of.fullmatch(text, part.end, whole.start) is not None
        and part.low == part.high
        and not float(part.low).is_integer()
        and whole.low in _ROUND_WHOLES
    )


def _proportion(text: str, part: _Q, whole: _Q, lang: str) -> _Q | None:
    if lang == "ja":
        whole, part = part, whole  # 5人に1人: the whole comes first
        if not _JA_BETWEEN.fullmatch(text, whole.end, part.start):
            return None
        first, last = whole, part
    else:
        between = _BETWEEN.get(lang)
        if between is None or not (
            between.fullmatch(text, part.end, whole.start) or _fraction_of_round(text, part, whole, lang)
        ):
            return None
        first, last = part, whole
    # digits alone ("2 in 5 or more") may be two numbers; a spelled part, a whole of people or "out of" is a share
    if lang != "ja" and not (
        not any(ch.isdigit() for ch in text[part.start : part.end])
        or whole.unit == "person"
        or not text[part.end : whole.start].strip().startswith(("in", "von"))
        or _fraction_of_round(text, part, whole, lang)
    ):
        return None
    if not (
        part.unit in _WHOLE_UNITS
        and whole.unit in _WHOLE_UNITS
        and not part.vague
        and not whole.vague
        and part.low == part.high
        and whole.low == whole.high
        and 0 < part.low <= whole.low
        and whole.low >= 2
        and not (1800 <= whole.low <= 2100 and whole.low.is_integer())  # "one in 2019": a year
    ):
        return None
    share = part.low / whole.low * 100
    return replace(
        first,
        end=last.end,
        low=share,
        high=share,
        raw_low=share,
        raw_high=share,
        unit="percent",
        mult=1.0,
        explicit_unit=True,
        unit_surface="",
        kind="num",
    )


_DIMENSION_JOIN = re.compile(r"\s?[x×]\s?|\sby\s|\s?x\s")


def dimensions(text: str, qs: list[_Q]) -> list[_Q]:
    """Each side of "A x B x C <length unit>" read in that unit, not as a multiple or a count."""
    out = list(qs)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _joined_side(text, out[j], out[j + 1]):
            j += 1
        last = out[j]
        if j > i and last.unit == "meter" and last.explicit_unit and last.raw_low:
            mult = last.low / last.raw_low
            for k in range(i, j):
                q = out[k]
                out[k] = replace(
                    q,
                    end=_number_end(text, q),
                    low=q.raw_low * mult,
                    high=q.raw_high * mult,
                    unit="meter",
                    mult=mult,
                    explicit_unit=True,
                    unit_surface=last.unit_surface,
                )
        i = j + 1
    return out


def _number_end(text: str, q: _Q) -> int:
    """Where the number of a side ends: a multiple's reading takes the x after it ("5.76 x")."""
    return q.start + len(text[q.start : q.end].rstrip(" x×")) if q.unit == "multiple" else q.end


def _joined_side(text: str, a: _Q, b: _Q) -> bool:
    if a.unit not in ("count", "multiple") or a.low != a.high or (a.explicit_unit and a.unit != "multiple"):
        return False
    return _DIMENSION_JOIN.fullmatch(text, _number_end(text, a), b.start) is not None
