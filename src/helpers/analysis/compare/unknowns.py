"""Figures left out of every group because their period or subject is unknown, next to a group they would join.

"We did 28.5 billion dollars of revenue for the full year" says whose revenue it is but not which year; a group
of AMD's 2024 revenue was compared. The figure is no conflict, nor is it silently dropped: it gets an
``unverified`` finding that says which side is unknown and what it was not compared with.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ...claims.subjects import dimension, period_key
from .keys import GroupKey, _countable, _quantity
from .rows import as_text, short_id


def unknown_side_findings(df: pd.DataFrame, reported: Iterable[GroupKey]) -> list[dict]:
    """An ``unverified`` claim finding for each figure of ``df`` (prepared claims) in no group whose subject and
    measure match a ``reported`` group without topic while its period is unknown, or whose measure and period
    match one while its subject is unknown; in document and claim order."""
    by_subject: dict[tuple[str, str], list[str]] = {}
    by_period: dict[tuple[str, str], list[str]] = {}
    for k in reported:
        if not k.topic:
            by_subject.setdefault((k.subject, k.measure), []).append(k.period)
            by_period.setdefault((k.measure, k.period), []).append(k.subject)
    if not by_subject:
        return []
    # each key's groups named once, not once per figure that would join them
    periods_of = {k: ", ".join(sorted(set(v))) for k, v in by_subject.items()}
    subjects_of = {k: ", ".join(sorted(set(v))) for k, v in by_period.items()}
    out: list[dict] = []
    cols = ("claim_id", "doc_id", "surface", "unit", "subject", "subject_basis", "counted", "period", "event_date")
    left = df[df["group"].isna() & (df["topic"].map(as_text) == "")]
    for cid, doc, surface, unit, subject, basis, counted, period, event in zip(*(left[c].map(as_text) for c in cols)):
        if not counted or basis == "other_party" or not _quantity(unit) or bool(subject) == bool(period):
            continue
        measure = f"{_countable(dimension(unit))}:{counted}"
        if subject:
            others, why = periods_of.get((subject, measure)), "its period is unknown"
            what = f"{subject}'s {counted} for {others}"
        else:
            key = period_key(period, event)
            others, why = subjects_of.get((measure, key)), "its subject is unknown"
            what = f"the {counted} of {others} for {key}"
        if others is None:
            continue
        out.append(
            dict(kind="claim", topic="", verdict="unverified", claim_ids=cid, doc_ids=doc, measure=measure,
                 detail=f'{short_id(doc)} "{surface}": {why}, so it is not compared with {what}',
                 subject=subject, period=period)
        )  # fmt: skip
    return out
