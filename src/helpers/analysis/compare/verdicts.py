"""Verdicts of one figure against the reference ledger: its numeric rows, and the released versions."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from ...claims.subjects import period_key, point_in_time, version_named
from ...format import range_words
from .comparable import (
    SCALE_DECADES,
    decades_apart,
    framing_reason,
    ledger_status,
    period_reason,
    revision_reason,
    status_words,
    unjudgeable,
)
from .rows import as_text, short_id
from .rules import (
    FAMILY,
    FAR_OFF_DECADES,
    SAME_TIME_DAYS,
    TIME_VARYING,
    TOL_EXACT,
    _date,
    overlaps,
    same_time,
    slip_exponent,
)
from .views import ClaimView

# A ledger frame's row as ``itertuples()`` gives it: its fields are the ledger's columns, known at run time.
LedgerRow = Any


@dataclass(frozen=True)
class Verdict:
    verdict: str
    detail: str
    likely_value: str = ""


def _specific(measure: str) -> bool:
    return bool(measure) and measure != "unspecified"


def _scaled(rng: tuple[float, float] | None, k: int) -> tuple[float, float] | None:
    if rng is None:
        return None
    return (rng[0] / 10.0**k, rng[1] / 10.0**k)


def _ref_range(row) -> tuple[float, float]:
    return (float(row.low_base), float(row.high_base))


def _ref_window(row) -> tuple[float, float]:
    lo, hi = _ref_range(row)
    return (lo * (1 - TOL_EXACT), hi * (1 + TOL_EXACT))


def _log_distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    def mid(r: tuple[float, float]) -> float:
        hi = r[1] if not math.isinf(r[1]) else r[0]
        return max((r[0] + hi) / 2, 1e-300)

    return abs(math.log10(mid(a)) - math.log10(mid(b)))


def _ref_text(row) -> str:
    period = as_text(getattr(row, "period", ""))
    return (
        f"ledger {row.topic_key} {range_words(_ref_range(row), row.base_unit)} "
        f"({row.measure or 'any measure'}, {row.as_of}{', for ' + period if period else ''})"
    )


def period_fits(c: ClaimView, ledger_period: str) -> bool:
    """Whether a ledger figure's period is compatible with the period the claim states.

    A claim whose period was not stated (taken as of the event) and a ledger row
    without a period fit anything; two points in time fit within SAME_TIME_DAYS;
    otherwise the periods must be the same (a quarter is not its year, a year-end
    target is not a count at some date).
    """
    if not ledger_period or not c.period or c.period_basis in ("", "event_date"):
        return True
    a, b = point_in_time(c.period), point_in_time(ledger_period)
    if a is not None and b is not None:
        return abs((a - b).days) <= SAME_TIME_DAYS
    return period_key(c.period) == period_key(ledger_period)


def reference_verdict(c: ClaimView, refs: pd.DataFrame | list) -> tuple[Verdict, LedgerRow | None]:
    """Check one figure against the ledger rows of its group; returns the verdict and the row used.

    In turn: a ledger figure of the claim's measure and period that overlaps it;
    one of another period or measure that does (``_mismatch_verdict``); a clean
    power of ten away (``_slip_verdict``); else what the nearest figure says
    (``_nearest_verdict``).
    """
    rows = list(refs.itertuples()) if isinstance(refs, pd.DataFrame) else list(refs)
    if not rows:
        return Verdict("unverified", f"{c.label()}: no ledger figure for {c.topic or 'this subject and measure'}"), None
    same_unit = [r for r in rows if r.base_unit == c.unit]
    if not same_unit:
        units = ", ".join(sorted({r.base_unit for r in rows}))
        return Verdict("unverified", f"{c.label()}: ledger has this topic only in {units}"), None
    mine = [r for r in same_unit if _version_fits(c, r)]
    if not mine:
        named = ", ".join(sorted({_row_version(r) for r in same_unit}))
        return Verdict(
            "unverified", f"{c.label()}: ledger has figures only for another model version ({named}), not {c.version}"
        ), None
    same_unit = mine
    w = c.window
    if w is None:
        return Verdict("unverified", f"{c.label()}: the source negates the figure"), None
    same = [r for r in same_unit if _fits(c, r)]
    other = [r for r in same_unit if not _fits(c, r)]
    hit = _by_closeness(c, [r for r in same if overlaps(w, _ref_window(r))])
    if hit:
        r = hit[0]
        return Verdict("consistent", f"{c.label()} matches {_ref_text(r)}"), r
    hit = _by_closeness(c, [r for r in other if overlaps(w, _ref_window(r))])
    # A figure that matches another period's figure while missing its own period's has the period wrong:
    # that is checked below (conflict or slip), with the other period's figure named as the likely mix-up.
    mixed_up = hit[0] if hit and _measure_fits(c, hit[0]) and same else None
    if hit and mixed_up is None:
        return _mismatch_verdict(c, hit[0])
    if c.precise:
        slipped = _slip_verdict(c, w, same)
        if slipped is not None:
            return slipped
    return _nearest_verdict(c, same, other, mixed_up)


def _row_version(r) -> str:
    """The product version a ledger row's statement names first ("Llama 3 (8B, 70B) pretrained ..."), or ""."""
    product, version = _statement_version(as_text(getattr(r, "statement", "")))
    return f"{product} {version}" if product else ""


@lru_cache(maxsize=1024)
def _statement_version(statement: str) -> tuple[str, str]:
    return version_named(statement, first=True)


def _version_fits(c: ClaimView, r) -> bool:
    """A figure naming a product version (Llama 2) is not checked against a ledger row naming another version of
    the same product (Llama 3); a row or a figure naming none fits any."""
    if not c.version:
        return True
    theirs = _row_version(r)
    return not theirs or theirs.split(" ")[0] != c.version.split(" ")[0] or theirs == c.version


def _measure_fits(c: ClaimView, r) -> bool:
    return not (_specific(c.measure) and _specific(r.measure) and r.measure != c.measure)


def _fits(c: ClaimView, r) -> bool:
    return _measure_fits(c, r) and period_fits(c, as_text(getattr(r, "period", "")))


def _by_closeness(c: ClaimView, rows: list) -> list:
    # Nearest value first; among equals the figure published closest to the claim's date.
    rng = c.rng
    assert rng is not None, "only figures with a value are checked against the ledger (reference_verdict)"
    cd = _date(c.as_of) or dt.date(2000, 1, 1)
    return sorted(
        rows,
        key=lambda r: (_log_distance(rng, _ref_range(r)), abs(((_date(r.as_of_date) or cd) - cd).days), r.line),
    )


def _mismatch_verdict(c: ClaimView, r: LedgerRow) -> tuple[Verdict, LedgerRow]:
    """A figure that matches ledger row ``r`` of another period (none of its own period) or of another measure."""
    if _measure_fits(c, r):
        return (
            Verdict(
                "different_measure", f"{c.label()} ({c.period}) matches {_ref_text(r)}: a figure for another period"
            ),
            r,
        )
    return (
        Verdict(
            "different_measure",
            f"{c.label()} ({c.measure}) matches {_ref_text(r)}: the figure is a {r.measure}, not a {c.measure}",
        ),
        r,
    )


def _slip_verdict(c: ClaimView, w: tuple[float, float], same: list) -> tuple[Verdict, LedgerRow] | None:
    """A precise figure that hits a ledger figure of its measure and period after a clean power of ten."""
    slips = []
    for r in same:
        k = slip_exponent(w, _ref_window(r))
        if k is not None:
            slips.append((abs(k), r.line, k, r))
    if not slips:
        return None
    _, _, k, r = min(slips, key=lambda t: (t[0], t[1]))
    likely = range_words(_scaled(c.rng, k), c.unit)
    return (
        Verdict(
            "translation_slip",
            f"{c.label()} is 10^{k} x {_ref_text(r)}: a clean power of ten (万 vs thousand type slip)",
            likely,
        ),
        r,
    )


def _nearest_verdict(
    c: ClaimView, same: list, other: list, mixed_up: LedgerRow | None
) -> tuple[Verdict, LedgerRow | None]:
    """The verdict of a figure no ledger figure overlaps, from the nearest one: a conflict only when both
    measure the same thing at the same time, for one member of a family at most."""
    assert c.rng is not None, "only figures with a value are checked against the ledger (reference_verdict)"
    if not same:
        r = _by_closeness(c, other)[0]
        if all(_measure_fits(c, x) for x in other):
            # same measure, other periods only: nothing to check this period against
            return Verdict(
                "unverified",
                f"{c.label()} ({c.period}): ledger has this measure only for other periods, e.g. {_ref_text(r)}",
            ), None
        return Verdict(
            "different_measure", f"{c.label()} ({c.measure}): ledger has only other measures, e.g. {_ref_text(r)}"
        ), r
    r = _by_closeness(c, same)[0]
    if _log_distance(c.rng, _ref_range(r)) > FAR_OFF_DECADES:
        return (
            Verdict(
                "different_measure",
                f"{c.label()} is over 10^{FAR_OFF_DECADES:g} away from every ledger figure "
                f"(nearest {_ref_text(r)}): a different quantity",
            ),
            r,
        )
    early = framing_reason(c) or period_reason(c)
    if early:
        # another framing or an unknown period: not "another time" either, just nothing to hold it against
        return Verdict("unverified", f"{c.label()}: no conflict with {_ref_text(r)}: {early}"), None
    # a stated period that fits the ledger row's already says they are about the same time
    stated = c.period_basis not in ("", "event_date") and bool(as_text(getattr(r, "period", "")))
    if c.topic in TIME_VARYING and not stated and not same_time(c.as_of, r.as_of_date):
        return (
            Verdict(
                "different_measure", f"{c.label()} refers to {c.as_of}; nearest {_ref_text(r)} is from another time"
            ),
            r,
        )
    if c.topic in FAMILY:
        return Verdict("unverified", f"{c.label()}: no ledger figure for this member; nearest {_ref_text(r)}"), r
    if _specific(r.measure) and not _specific(c.measure):
        # A conflict needs both sides to measure the same thing; here only the ledger says what it measures.
        return (
            Verdict(
                "unverified", f"{c.label()} does not say what it measures; nearest {_ref_text(r)} is a {r.measure}"
            ),
            r,
        )
    why = _no_conflict_with(c, r)
    if why:
        return Verdict("unverified", f"{c.label()}: no conflict with {_ref_text(r)}: {why}"), None
    hint = f"; it matches {_ref_text(mixed_up)}, another period's figure" if mixed_up is not None else ""
    return Verdict("conflict", f"{c.label()} contradicts {_ref_text(r)}{hint}"), r


def _no_conflict_with(c: ClaimView, r) -> str:
    """Why a figure that misses ledger row ``r`` still does not contradict it (issue 26), or ""."""
    reason = unjudgeable(c)
    if reason:
        return reason
    theirs = ledger_status(r)
    if theirs != c.status:
        framed = f"{status_words(c.status)} against {status_words(theirs)}"
        return f"{framed}: guidance or a forecast against an actual is never a conflict"
    if c.version and not _row_version(r):
        # the model version is part of whose figure it is: a ledger row that names none may be any version's
        return f"the figure is {c.version}'s and the ledger figure names no model version"
    revised = revision_reason(c, as_text(getattr(r, "as_of_date", "")) or as_text(r.as_of))
    if revised:
        return revised
    apart = decades_apart(c.rng, _ref_range(r)) if c.rng is not None else 0.0
    if apart > SCALE_DECADES:
        return f"scale differs: 10^{apart:.1f} apart, a different quantity of the same unit"
    return ""


_VERSION = re.compile(r"(\d+(?:\.\d+)?)")


def version_verdict(c: ClaimView, releases: Mapping[str, str]) -> tuple[Verdict, str]:
    """Check a product version against the released versions; returns verdict and the ledger version used."""
    m = _VERSION.search(c.surface.replace("．", "."))
    if m is None and c.rng is not None:
        text = f"{c.rng[0]:g}"
    elif m is None:
        return Verdict("unverified", f'{short_id(c.doc_id)} "{c.surface}": no version number'), ""
    else:
        text = m.group(1)
    label = f'{short_id(c.doc_id)} "{c.surface}" (version {text})'
    if not releases:
        return Verdict("unverified", f"{label}: ledger lists no releases"), ""
    if text in releases:
        rel = releases[text]
        event, released = _date(c.event_date), _date(rel)
        if c.event_date and event and released and event < released:
            return Verdict(
                "unverified", f"{label}: released {rel}, after the event ({c.event_date}); a plan or forecast"
            ), text
        return Verdict("consistent", f"{label}: released {rel}"), text
    # Versions known by the event date: a later, unknown number is a plan, not a slip.
    known_then = {
        v
        for v, d in releases.items()
        if not c.event_date or (_date(d) or dt.date.min) <= (_date(c.event_date) or dt.date.max)
    }
    latest = max((float(v) for v in (known_then or releases)), default=0.0)
    if "." in text:
        major, minor = text.split(".", 1)
        stripped = f"{major}.{minor.rstrip('0')}".rstrip(".")
        if stripped in releases:
            return (
                Verdict(
                    "translation_slip",
                    f"{label}: no such version; '{text}' is '{stripped}' with a stray 0 "
                    f"(released {releases[stripped]})",
                    stripped,
                ),
                stripped,
            )
        if major in releases and float(text) <= latest:
            siblings = sorted(v for v in releases if v.split(".")[0] == major)
            return (
                Verdict(
                    "translation_slip",
                    f"{label}: no such version was released (known {', '.join(siblings)}); likely {major}",
                    major,
                ),
                major,
            )
    if float(text) > latest:
        return Verdict(
            "unverified", f"{label}: later than any release known at the event (latest {latest:g}); a future version"
        ), ""
    return Verdict("unverified", f"{label}: not a known release"), ""
