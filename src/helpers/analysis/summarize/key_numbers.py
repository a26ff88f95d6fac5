"""The key numbers of a document: its most salient claims, dates and versions only when nothing else is left."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ...claims.lexicon import CALENDAR_UNITS

# Units a reader of this corpus looks for first, by substring of the unit
# (lowercased); earlier tiers rank higher. Unlisted units rank after these,
# and claims with no unit (bare counts) last.
UNIT_TIERS: tuple[tuple[str, ...], ...] = (
    ("usd", "eur", "jpy", "$", "€", "dollar", "euro", "ドル", "円", "yen", "currency", "money"),
    ("gpu", "h100", "chip", "flop", "token", "param", "watt", "gw", "mw", "compute", "datacenter"),
    ("user", "people", "person", "researcher", "employee", "人", "名", "staff"),
    ("%", "percent", "prozent", "share", "ratio"),
)
# Claims that are dates or product versions rather than quantities.
_CALENDAR_MEASURES = frozenset({"date", "year", "calendar_year", "version", "time_of_day", "timestamp"})
# helpers.claims writes calendar years as unit "year" (durations are "duration_year").
_YEAR_SURFACE = re.compile(r"^\s*(?:19|20)\d\d\s*(?:年|s)?\s*$")
# "Llama 3.1", "GPT-5", "v2", "3.1.0"; not a bare "10.000" (German thousands).
_VERSION_SURFACE = re.compile(r"\b(?:llama|gpt|version|v)[\s-]*\d|\b\d+\.\d+\.\d+\b", re.IGNORECASE)


def _blank(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def is_calendar_or_version(claim: Mapping[str, Any]) -> bool:
    """Whether a claim row is a calendar year, date or version rather than a quantity."""
    measure = "" if _blank(claim.get("measure")) else str(claim.get("measure")).lower()
    unit = "" if _blank(claim.get("unit")) else str(claim.get("unit")).lower()
    surface = "" if _blank(claim.get("surface")) else str(claim.get("surface"))
    if measure in _CALENDAR_MEASURES or unit in CALENDAR_UNITS:
        return True
    if unit in ("", "years") and _YEAR_SURFACE.match(surface):
        return True
    return not unit and bool(_VERSION_SURFACE.search(surface))


def _unit_tier(unit: Any) -> int:
    if _blank(unit):
        return len(UNIT_TIERS) + 1
    text = str(unit).lower()
    for tier, keys in enumerate(UNIT_TIERS):
        if any(k in text for k in keys):
            return tier
    return len(UNIT_TIERS)


def _magnitude(row: Mapping[str, Any]) -> float:
    for col in ("value", "value_high", "value_low"):
        v = row.get(col)
        if v is not None and not _blank(v):
            try:
                return math.log10(abs(float(v)) + 1.0)
            except (TypeError, ValueError):
                continue
    return 0.0


def key_claims(claims: pd.DataFrame, doc_id: str, k: int = 8) -> pd.DataFrame:
    """The ``k`` most salient claims of one document, most salient first.

    Order: claims with a topic, then by unit interest (money, compute, people,
    shares, other units, bare counts), precise before vague, larger magnitude
    first, then document order. Dates and versions only fill in when there
    are no other claims. A value repeated in the same unit is listed once.
    """
    rows = claims[claims["doc_id"] == doc_id] if len(claims) else claims
    if rows.empty or k <= 0:
        return rows.iloc[0:0].copy()
    return pd.DataFrame(_key_records(rows.to_dict("records"), k), columns=rows.columns).reset_index(drop=True)


def _key_records(records: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    """The ``k`` key claims among one document's claim rows, most salient first (see :func:`key_claims`)."""
    quantities = [r for r in records if not is_calendar_or_version(r)]
    # Dates and versions have no meaningful magnitude: keep them in document order.
    keep, by_magnitude = (quantities, True) if quantities else (records, False)

    def key(r: Mapping[str, Any]) -> tuple:
        has_topic = not _blank(r.get("topic"))
        vague = str(r.get("vague")).lower() in ("true", "1", "yes")
        return (
            0 if has_topic else 1,
            _unit_tier(r.get("unit")),
            1 if vague else 0,
            -round(_magnitude(r), 9) if by_magnitude else 0.0,
            _num(r.get("start")),
            str(r.get("claim_id")),
        )

    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for r in sorted(keep, key=key):
        # A figure said twice is one key number; vague figures (no value) are
        # the same when worded the same.
        what = r.get("value") if not _blank(r.get("value")) else " ".join(str(r.get("surface")).lower().split())
        ident = (str(what), str(r.get("unit")).lower())
        if ident in seen:
            continue
        seen.add(ident)
        out.append(r)
        if len(out) == k:
            break
    return out


def _num(value: Any) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return math.inf
    return math.inf if math.isnan(v) else v
