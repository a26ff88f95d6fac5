"""The comparison's rules: which topics change over time or name a family (from topics.yaml), the tolerances, and
figures as ranges.

A stated figure is a range (low, high); each qualifier widens it by its own
tolerance; a figure that misses can hit after a clean power of ten.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from ...claims.topics import report_order, topics_where

VERDICTS = ("consistent", "different_measure", "conflict", "translation_slip", "unverified")

# The topics in report order (the claims lexicon's order for reports).
TOPIC_KEYS = report_order()

# Figures that change over time (``time_varying: true`` in topics.yaml): two values from different dates can
# both hold.
TIME_VARYING = topics_where("time_varying")
# Topics whose values name different members of a family (``family: true``: 8B, 70B and 405B
# are all true at once), so differing values are not a conflict.
FAMILY = topics_where("family")
# Topics whose values are release versions (``versions: true``), checked against the ledger's release rows.
VERSIONS = topics_where("versions")
# Two dates closer than this are "the same time" for a time-varying figure
# (a quarter: company figures are reported quarterly).
SAME_TIME_DAYS = 90

# Tolerances, as a fraction of the stated value. Spoken and translated figures
# are rounded ("24K" for 24,576 is 2.3 % off), so even a plain figure gets 5 %.
TOL_EXACT = 0.05
TOL_APPROX = 0.20  # 約, ほど, etwa, about
ALMOST_FLOOR = 0.85  # "almost 600k" covers 510k..600k
# Clean powers of ten tried when a figure misses: 万 vs thousand is 10^1, 億 vs million 10^2.
SLIP_EXPONENTS = (1, -1, 2, -2, 3, -3, 4, -4)
# A slip is only called for a precise figure: a range wider than this factor
# (50-150 MW) can be moved onto almost anything by a power of ten.
SLIP_MAX_SPREAD = 1.5
# Further than this (in powers of ten) from every ledger figure of its measure,
# a figure is about something else (1 token per word vs 15T tokens), not a conflict.
FAR_OFF_DECADES = 4.5
# Two figures of one event are the same statement only if they sit at about the
# same point of the talk (share of the document's sentences before them).
SAME_PLACE = 0.15


def finite_or_none(x: object) -> float | None:
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def claim_range(value: object, low: object, high: object) -> tuple[float, float] | None:
    """The stated figure as (low, high); an open top (at least) is inf; None without a number."""
    v = finite_or_none(value)
    if v is not None:
        return (v, v)
    lo, hi = finite_or_none(low), finite_or_none(high)
    if lo is None and hi is None:
        return None
    return (lo if lo is not None else 0.0, hi if hi is not None else math.inf)


def tolerant(rng: tuple[float, float], qualifier: str, vague: bool = False) -> tuple[float, float] | None:
    """Widen a stated range by the tolerance its qualifier allows; None for a negated figure."""
    return None if qualifier == "negated" else widened(rng, qualifier)


def widened(rng: tuple[float, float], qualifier: str) -> tuple[float, float]:
    """``tolerant`` of a figure that is not negated: the window is always there."""
    lo, hi = rng
    if qualifier == "at_least":
        return (lo * (1 - TOL_EXACT), math.inf)
    if qualifier == "at_most":
        return (0.0, hi * (1 + TOL_EXACT))
    if qualifier == "almost":
        return (lo * ALMOST_FLOOR, hi * (1 + TOL_EXACT))
    tol = TOL_APPROX if qualifier == "approx" else TOL_EXACT
    return (lo * (1 - tol), hi * (1 + tol))


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def slip_exponent(a: tuple[float, float], b: tuple[float, float]) -> int | None:
    """k such that a / 10**k overlaps b (smallest |k| first), else None. Open ranges never slip."""
    if any(math.isinf(x) or x <= 0 for x in (*a, *b)):
        return None
    for k in SLIP_EXPONENTS:
        f = 10.0**k
        if overlaps((a[0] / f, a[1] / f), b):
            return k
    return None


def _date(text: object) -> dt.date | None:
    if not isinstance(text, str) or not text:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def same_time(a: str, b: str) -> bool:
    da, db = _date(a), _date(b)
    if da is None or db is None:
        return True  # unknown dates cannot show a difference
    return abs((da - db).days) <= SAME_TIME_DAYS
