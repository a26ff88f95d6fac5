"""Units said once and carried: a bare amount whose unit the same speaker said just before.

Speech and prose name a unit once and leave it off the figures that follow:

* a count: "our first big cluster was 1,000 GPUs. Now the first question is 20,000 or 30,000", "wir hatten
  20.000 GPUs, nächstes Jahr 100.000", "GPUは2万台でした。来年は10万": a bare number (no unit, no noun after it,
  not vague) takes the counted unit of the last precise amount said before it, in its sentence or in the
  sentence right before, when it is of a like size (a hundredth to a hundred times that amount);
* a rate's per-what: "about $4.50/hr. ... you get $7.20 today, $5.22 a year from now": an amount of money
  written with the same sign as a rate in the sentence right before, and of the same size (0.4 to 2.5 times),
  is a rate too (within one sentence ``quantities.pipeline`` does this already).

Only the one sentence before is looked at, and only within the same block (paragraph or speaker turn) and
for the same speaker, so the pass is linear. Small numbers (below 10) are never given a carried unit: "one",
"two" are enumerations, idioms and pronouns as often as counts.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..text.model import Sentence
from . import rates, units
from .quantities import Quantity

# units that name no counted thing: a bare number after them keeps its own reading
_NOT_CARRIED = frozenset({"count", "percent", "percentage_point", "year", "multiple", "version", "age", "other"})
_MIN_VALUE = 10.0
_COUNT_RATIO = 100.0
_RATE_RATIO = (0.4, 2.5)
# what may follow a bare number that shares a unit said before: the clause's end, a conjunction, a time word
_BARE_AFTER = re.compile(
    r"\s?(?:[.,;:!?)。、]|$|から|まで|に|で|と|です|でした|だ|(?:and|or|but|so|then|now|today|next|last|this|that|in|"
    r"by|at|each|a|und|oder|aber|jetzt|heute|nächstes|im|bis|"
    # the amount as the subject or a part: "now around 411 000 have", "the first 95 who", "150,000 of them"
    r"who|have|had|were|are|of\s(?:them|those|these|whom|(?:19|20)\d\d))\b)"
)


def carry_units(found: list[tuple[Sentence, list[Quantity]]]) -> list[tuple[Sentence, list[Quantity]]]:
    """``found`` (each sentence with its quantities, in document order) with units carried to bare amounts."""
    out: list[tuple[Sentence, list[Quantity]]] = []
    prev: tuple[Sentence, list[Quantity]] | None = None
    for sent, qs in found:
        before = prev[1] if prev is not None and _same_turn(prev[0], sent) else []
        carried = _carried(sent.text, qs, before) if qs else qs
        out.append((sent, carried))
        prev = (sent, carried)
    return out


def _same_turn(a: Sentence, b: Sentence) -> bool:
    return a.block_id == b.block_id and a.speaker == b.speaker


def _carried(text: str, qs: list[Quantity], before: list[Quantity]) -> list[Quantity]:
    counted = next((q for q in reversed(before) if _counts(q)), None)
    rated = next((q for q in reversed(before) if _is_rate(q)), None)
    out: list[Quantity] = []
    for q in qs:
        if counted is not None and _bare(text, q):
            scale = _scale(counted)
            if _like(q, counted, 1 / _COUNT_RATIO, _COUNT_RATIO, scale):
                q = _in_unit(q, counted.unit, scale)
        elif rated is not None and _rate_carries(q, rated):
            q = replace(q, unit=rated.unit)
        out.append(q)
        if _counts(q):
            counted = q
        elif not q.vague and q.unit not in ("year", "count", "multiple"):  # "triple the 2.3 million": the same
            counted = None  # "10 megawatts ... 20,000": the last amount said names another unit
    return out


def _counts(q: Quantity) -> bool:
    """A precise amount of a counted thing (GPUs, tokens, people, watts), whose unit a bare figure may share."""
    unit = q.unit
    return (
        not q.vague
        and q.value is not None
        and unit not in _NOT_CARRIED
        and not unit.startswith("duration_")
        and "_per_" not in unit
        and not units.is_currency(unit)
    )


def _bare(text: str, q: Quantity) -> bool:
    return (
        q.unit == "count"
        and not q.unit_surface
        and not q.vague
        and q.value_low is not None
        and q.value_low >= _MIN_VALUE
        and _BARE_AFTER.match(text, q.end) is not None
    )


def _scale(anchor: Quantity) -> float:
    """What the anchor's written number was multiplied by (1e6 for "10 megawatts"), 1 where nothing."""
    written = units.as_written(anchor.value_low, anchor.unit, anchor.unit_surface)
    return anchor.value_low / written if anchor.value_low and written else 1.0


def _in_unit(q: Quantity, unit: str, scale: float) -> Quantity:
    def times(v: float | None) -> float | None:
        return None if v is None else v * scale

    return replace(q, unit=unit, value=times(q.value), value_low=times(q.value_low), value_high=times(q.value_high))


def _like(q: Quantity, anchor: Quantity, low: float, high: float, scale: float = 1.0) -> bool:
    """Whether ``q`` (its written number times ``scale``) is of the anchor's size: from low to high times it."""
    if q.value_low is None or q.value_high is None or anchor.value_low is None or anchor.value_low <= 0:
        return False
    return low <= q.value_low * scale / anchor.value_low and q.value_high * scale / anchor.value_low <= high


def _is_rate(q: Quantity) -> bool:
    return "_per_" in q.unit and not q.vague and units.is_currency(rates.amount_unit(q.unit))


def _rate_carries(q: Quantity, rated: Quantity) -> bool:
    """Money written as the rate before it was ("$4.50/hr" ... "$7.20"), of the same size, is that rate."""
    return (
        q.unit == rates.amount_unit(rated.unit)
        and q.unit_surface == rated.unit_surface
        and q.value_low is not None
        and _like(q, rated, *_RATE_RATIO)
    )
