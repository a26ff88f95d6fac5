"""One group's (or one topic's) claims side by side with their verdicts, as the reports show them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from ...format import range_words
from ..attribution import said_by_row
from .rows import as_text
from .rules import claim_range
from .views import prepare_claims

GROUP_COLUMNS = [
    "claim_id", "doc_id", "event_date", "speaker", "attribution", "speaker_confidence", "said", "lang", "surface",
    "normalized", "qualifier", "measure", "unit", "low", "high", "sentence_id", "verdicts", "subject", "period",
    "group_id",
]  # fmt: skip


def topic_group(
    claims: pd.DataFrame,
    findings: pd.DataFrame,
    catalog: Mapping | None,
    topic: str = "",
    group_id: str = "",
    prepared: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The claims of one group (``group_id``) or of one topic side by side, in event-date then document order,
    with their verdicts.

    ``prepared`` (``prepare_claims`` of the same claims) saves preparing them again for every group of a report;
    ``topic_groups`` makes many groups' tables at once.
    """
    df = prepared if prepared is not None else prepare_claims(claims, catalog)
    if group_id:
        own = findings[findings["group_id"] == group_id]
        ids = set(" ".join(own.loc[own["kind"] == "group", "claim_ids"]).split())
        rows = df["claim_id"].isin(ids)
    else:
        own = findings[findings["topic"] == topic]
        rows = df["topic"] == topic
    return _group_frame(_group_sources(df[rows]), _judgements(own[own["kind"] != "group"]))


def topic_groups(
    claims: pd.DataFrame,
    findings: pd.DataFrame,
    catalog: Mapping | None,
    group_ids: Iterable[str],
    prepared: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """``topic_group`` of each of ``group_ids``, made in one pass over the claims and findings.

    A report shows up to a hundred groups of a thousand-document corpus:
    cutting each out of the whole tables cost more than the groups' tables.
    """
    df = prepared if prepared is not None else prepare_claims(claims, catalog)
    wanted = list(dict.fromkeys(group_ids))
    mine = findings[findings["group_id"].isin(wanted)]
    members: dict[str, set[str]] = {g: set() for g in wanted}
    judged: dict[str, list[tuple]] = {g: [] for g in wanted}
    for g, kind, finding in zip(mine["group_id"].tolist(), mine["kind"].tolist(), _judgements(mine)):
        if kind == "group":
            members[g].update(finding[2].split())
        else:
            judged[g].append(finding)
    # only the claims of the wanted groups are cut out of the table, once
    sources = _group_sources(df[df["claim_id"].isin(set().union(*members.values()))])
    at: dict[str, list[int]] = {}
    for i, cid in enumerate(sources["claim_id"]):
        at.setdefault(cid, []).append(i)
    out = {}
    for g in wanted:
        # the claims in table order, as a filter of the table gives them
        positions = sorted(i for cid in members[g] for i in at.get(cid, ()))
        out[g] = _group_frame({c: [v[i] for i in positions] for c, v in sources.items()}, judged[g])
    return out


# The prepared claims' columns a group row is made of.
_GROUP_SOURCES = (
    "claim_id", "doc_id", "event_date", "speaker", "attribution", "speaker_confidence", "lang", "surface", "value",
    "value_low", "value_high", "unit", "qualifier", "measure", "sentence_id", "subject", "period",
)  # fmt: skip


def _group_sources(df: pd.DataFrame) -> dict[str, list]:
    """The columns of prepared claims that a group row is made of, as lists
    (a prepared table has some forty columns)."""
    return {c: df[c].tolist() for c in _GROUP_SOURCES if c in df.columns}


def _judgements(findings: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """(finding_id, verdict, claim_ids, group_id) of each finding."""
    group_ids = findings["group_id"].tolist() if "group_id" in findings.columns else [""] * len(findings)
    return list(
        zip(findings["finding_id"].tolist(), findings["verdict"].tolist(), findings["claim_ids"].tolist(), group_ids)
    )


def _group_frame(sources: Mapping[str, list], judged: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """``topic_group``'s table of the claims in ``sources`` (columns as lists) with the verdicts of the claim
    findings ``judged``."""
    verdicts: dict[str, list[str]] = {}
    groups: dict[str, str] = {}
    for finding_id, verdict, claim_ids, gid in judged:
        for cid in claim_ids.split():
            verdicts.setdefault(cid, []).append(f"{finding_id}:{verdict}")
            groups.setdefault(cid, as_text(gid))
    n = len(sources["claim_id"])
    none = [None] * n
    ranges = [
        claim_range(*v) for v in zip(sources["value"], sources.get("value_low", none), sources.get("value_high", none))
    ]
    # a group repeats few speakers and few figures many times over: each is worded once
    said: dict[tuple, str] = {}
    for who in zip(sources["speaker"], sources["attribution"]):
        if who not in said:
            said[who] = said_by_row(dict(zip(("speaker", "attribution"), who)))
    words: dict[tuple, str] = {}
    for what in zip(ranges, sources["unit"]):
        if what not in words:
            words[what] = range_words(*what)
    ids = sources["claim_id"]
    columns = {
        "claim_id": ids, "doc_id": sources["doc_id"], "event_date": sources["event_date"],
        "speaker": sources["speaker"],
        "attribution": sources["attribution"], "speaker_confidence": sources.get("speaker_confidence", [math.nan] * n),
        "said": [said[who] for who in zip(sources["speaker"], sources["attribution"])], "lang": sources["lang"],
        "surface": sources["surface"], "normalized": [words[what] for what in zip(ranges, sources["unit"])],
        "qualifier": sources["qualifier"], "measure": sources["measure"], "unit": sources["unit"],
        "low": [r[0] if r else math.nan for r in ranges], "high": [r[1] if r else math.nan for r in ranges],
        "sentence_id": sources.get("sentence_id", [""] * n), "verdicts": [" ".join(verdicts.get(c, [])) for c in ids],
        "subject": sources["subject"], "period": sources["period"], "group_id": [groups.get(c, "") for c in ids],
    }  # fmt: skip
    out = pd.DataFrame(columns, columns=GROUP_COLUMNS) if n else pd.DataFrame([], columns=GROUP_COLUMNS)
    return out.sort_values(["event_date", "doc_id", "claim_id"], kind="stable").reset_index(drop=True)
