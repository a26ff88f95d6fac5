"""Rates read across two neighbouring amounts: alternatives sharing one per-what ("35 or 36 hours a week") and an
amount per a stated distance ("£838 per 10,000 miles"). Split from ``pipeline`` (one concept: a rate made of a pair).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import rates
from .model import _Q

_ALTERNATIVE = re.compile(r"\s(?:or|and|oder|und)\s")


def alternatives_rated(text: str, qs: list[_Q]) -> list[_Q]:
    """ "35 or 36 hours a week", "$60 or $70 a barrel": the first alternative is per the same as the second."""
    out = list(qs)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if (
            "_per_" not in q.unit
            and "_per_" in nxt.unit
            and rates.amount_unit(nxt.unit) == q.unit
            and q.low == q.high
            and 0 < q.low <= nxt.low <= 10 * q.low  # alternatives of one size, not "$3.7M or 13c per share"
            and _ALTERNATIVE.fullmatch(text, q.end, nxt.start)
        ):
            out[i] = replace(q, unit=nxt.unit, explicit_unit=True)
    return out


# "£838 per 10,000 miles", "27 kWh/100 mi", "6 litres per 100 km": an amount per a stated distance
_PER_STATED = re.compile(r"\s?(?:/|per|every|je|pro)\s?")


def per_distance(text: str, qs: list[_Q]) -> list[_Q]:
    """An amount (money, energy, volume, mass) and the distance it is per, read as one rate per metre."""
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and q.unit == "meter"
            and q.low == q.high
            and q.low > 0
            and prev.unit in rates.PER_DISTANCE_AMOUNTS
            and _PER_STATED.fullmatch(text, prev.end, q.start)
        ):
            out[-1] = replace(
                prev, end=q.end, unit=f"{prev.unit}_per_meter", low=prev.low / q.low, high=prev.high / q.low,
                explicit_unit=True,
            )  # fmt: skip
            continue
        out.append(q)
    return out
