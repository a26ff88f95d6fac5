"""The findings table: one group finding and one finding per figure of each group, plus year checks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

import pandas as pd

from ...format import range_words
from ...tables import Column, TableSpec
from ..attribution import said_by
from ..ledger import known_versions, product_first_years, rows_for_topic
from .comparable import rival_key, unjudgeable
from .keys import GroupKey, _countable, _quantity
from .peers import _Cluster, claim_verdict
from .rows import as_text, short_id
from .rules import FAMILY, VERDICTS, VERSIONS, finite_or_none
from .unknowns import unknown_side_findings
from .verdicts import Verdict, _ref_range, _specific, reference_verdict, version_verdict
from .views import ClaimView, claim_views, prepare_claims

FINDINGS = TableSpec(
    "findings",
    "one row per comparison finding",
    (
        Column(
            "finding_id",
            "str",
            "Stable id (f0001, ...) in group order (topics in report order, then groups without topic by subject, "
            "measure and period); in a group the group finding first, then its claims in document order; year checks "
            "last.",
        ),
        Column(
            "topic",
            "str",
            "Claims topic of the group; empty for a group without topic (keyed by subject, measure and period); "
            "product_release for the year-before-product check.",
        ),
        Column(
            "verdict",
            "str",
            "consistent | different_measure | conflict | translation_slip | unverified (see helpers.analysis.compare).",
            isin=VERDICTS,
        ),
        Column(
            "claim_ids",
            "str",
            "Space-separated claim_ids the finding is about (several when one document repeats the same figure).",
        ),
        Column("reference", "str", "topic_key of the ledger row used, or empty."),
        Column(
            "detail",
            "str",
            "One line a researcher can check: the surfaces, normalized values, dates and the rule that fired.",
        ),
        Column(
            "kind",
            "str",
            "group (one per group: its range of values, sources and ledger figure; verdict = the most serious of its "
            "claims'), claim (one figure against its group and the ledger; or, without group_id, a figure left out "
            "of a group because its period or subject is unknown: unverified, saying which), version, year.",
        ),
        Column(
            "measure",
            "str",
            "The claim's measure (topic measure such as h100_equivalents); for a group without topic the group's "
            "'<dimension>:<counted>' (currency:revenue, count:users/daily).",
        ),
        Column("doc_ids", "str", "Space-separated documents involved."),
        Column("likely_value", "str", "For translation_slip: the figure the source most likely meant."),
        Column("reference_value", "str", "The ledger figure in base units (range as low–high)."),
        Column("reference_as_of", "str", "Date of the ledger figure."),
        Column("reference_source", "str", "Source title of the ledger figure."),
        Column(
            "group_id",
            "str",
            "The group the finding belongs to (g0001, ... in finding order); empty for year checks and figures left "
            "out of every group.",
        ),
        Column(
            "subject",
            "str",
            "Whose figures the group holds (claims.csv subject; for a topic group the topic's own subject when the "
            "claims do not name one); empty when unknown.",
        ),
        Column(
            "period",
            "str",
            "The group's period key: 2024, FY2025, 2024-Q4, end-2025, @2025-Q1 (figures as of a date, by quarter); "
            "empty when the topic does not change over time.",
        ),
        Column(
            "speakers",
            "str",
            "Who says the figures: 'speaker (document)' separated by '; ', the speaker as every report shows it "
            "(helpers.analysis.attribution): the name for a transcript label, 'Name (inferred)' when decoded from an "
            "unlabelled dialogue (claims.csv attribution turn), 'Name (reported)' when a writer reports the person's "
            "words, 'author' for the writer's own words; claims with an unknown speaker are left out.",
        ),
    ),
    unique=("finding_id",),
)


_SEVERITY = ("conflict", "translation_slip", "different_measure", "consistent", "unverified")


def _group_summary(key: GroupKey, views: list[ClaimView], rows: list[dict]) -> dict:
    """One row that sums up a group: its range of values, its sources, who says what, and the ledger figure."""
    counts = Counter(r["verdict"] for r in rows)
    verdict = next((v for v in _SEVERITY if counts.get(v)), "unverified")
    docs = sorted({c.doc_id for c in views})
    numeric = [c for c in views if c.rng is not None and c.unit not in ("version", "year")]
    units = sorted({c.unit for c in numeric})
    ranges = []
    for u in units:
        lo = min(c.rng[0] for c in numeric if c.unit == u)  # type: ignore[index]
        hi = max(c.rng[1] for c in numeric if c.unit == u)  # type: ignore[index]
        ranges.append(range_words((lo, hi), u))
    refs = Counter(r["reference"] for r in rows if r["reference"])
    ref_key = refs.most_common(1)[0][0] if refs else ""
    ref_row = next((r for r in rows if r["reference"] == ref_key), None) if ref_key else None
    said = sorted({_said_in(c.said, c.doc_id) for c in views if c.said})
    parts = [
        f"{len(views)} figure(s) from {len(docs)} document(s) "
        f"({', '.join(short_id(d) for d in docs[:8])}{', …' if len(docs) > 8 else ''})"
    ]
    if ranges:
        parts.append("values " + "; ".join(ranges))
    if ref_row is not None:
        parts.append(f"ledger {ref_key} {ref_row['reference_value']} ({ref_row['reference_as_of']})")
    parts.append(", ".join(f"{counts[v]} {v}" for v in VERDICTS if counts.get(v)))
    if said:
        parts.append("said by " + ", ".join(said[:6]) + (", …" if len(said) > 6 else ""))
    return dict(
        kind="group", topic=key.topic, verdict=verdict, claim_ids=" ".join(cid for c in views for cid in c.claim_ids),
        detail="; ".join(parts), measure=key.measure or " / ".join(sorted({c.measure for c in views if c.measure})),
        doc_ids=" ".join(docs), likely_value="", subject=key.subject, period=key.period,
        speakers="; ".join(said), **_ref_fields_of(ref_row),
    )  # fmt: skip


def _said_in(said: str, doc_id: str) -> str:
    """findings.csv's 'speaker (document)': "Jensen Huang (inferred) (004)"; "" without a speaker."""
    return f"{said} ({short_id(doc_id)})" if said else ""


def _ref_fields_of(finding: Mapping | None) -> dict:
    keys = ("reference", "reference_value", "reference_as_of", "reference_source")
    return {k: (finding[k] if finding is not None else "") for k in keys}


def _ref_fields(row) -> dict:
    if row is None:
        return dict(reference="", reference_value="", reference_as_of="", reference_source="")
    return dict(
        reference=row.topic_key,
        reference_value=range_words(_ref_range(row), row.base_unit) if row.base_unit != "version" else str(row.value),
        reference_as_of=row.as_of,
        reference_source=row.source_title,
    )


def _group_refs(by_topic: Mapping[str, list], key: GroupKey) -> list:
    """Numeric ledger rows for a group: its topic's rows about its subject (or about no particular one)."""
    out = []
    for r in by_topic.get(key.topic, ()):
        subject = as_text(getattr(r, "subject", ""))
        if subject and key.subject and subject != key.subject:
            continue  # another subject's figure: AWS's campus is not Meta's data center, Facebook's users not Meta AI's
        out.append(r)
    return out


def _claim_row(key: GroupKey, c: ClaimView, v: Verdict, kind: str, ref_fields: dict) -> dict:
    return dict(
        kind=kind, topic=key.topic, verdict=v.verdict, claim_ids=" ".join(c.claim_ids), detail=v.detail,
        measure=c.measure or key.measure, doc_ids=c.doc_id, likely_value=v.likely_value, subject=key.subject,
        period=key.period, speakers=_said_in(c.said, c.doc_id), **ref_fields,
    )  # fmt: skip


def group_findings(
    key: GroupKey,
    views: list[ClaimView],
    ledger: pd.DataFrame,
    by_topic: Mapping[str, list] | None = None,
    aligned: Mapping[str, tuple[str, str, str]] | None = None,
) -> list[dict]:
    """The group finding, then one finding per figure of the group in document order.

    ``by_topic`` (topic -> numeric ledger rows) saves filtering the ledger once per group; ``aligned`` (see
    ``findings_frame``) lets the sentence alignment decide translation slips.
    """
    rows: list[dict] = []
    if key.topic in VERSIONS:
        releases = known_versions(ledger, key.topic)
        by_version = {
            str(r.value): r
            for r in ledger[(ledger["topic"] == key.topic) & (ledger["measure"] == "release")].itertuples()
        }
        for c in views:
            v, used = version_verdict(c, releases)
            rows.append(_claim_row(key, c, v, "version", _ref_fields(by_version.get(used))))
        return [_group_summary(key, views, rows), *rows] if rows else []
    if by_topic is None:
        by_topic = {key.topic: list(rows_for_topic(ledger, key.topic).itertuples())} if key.topic else {}
    refs = _group_refs(by_topic, key)
    numeric = [c for c in views if _quantity(c.unit) and c.rng is not None]
    checked = {c: reference_verdict(c, refs) for c in numeric}

    def effective_measure(c: ClaimView) -> str:
        # the ledger row a figure matched says what it measures when its own words did not (600k: H100-equivalents)
        if _specific(c.measure):
            return c.measure
        v, row = checked[c]
        if (
            row is not None
            and v.verdict in ("consistent", "translation_slip", "different_measure")
            and _specific(row.measure)
        ):
            return str(row.measure)
        return "*"

    measures = {c: effective_measure(c) for c in numeric}
    members: dict[tuple[str, str], list[ClaimView]] = {}
    for c in numeric:
        members.setdefault((_countable(c.unit), measures[c]), []).append(c)
    clusters = {k: _Cluster(vs) for k, vs in members.items()}
    # the figures that can contradict others at all, apart by framing (guidance never contradicts an actual,
    # nor guidance given in another quarter)
    judgeable: dict[tuple[str, str, str], list[ClaimView]] = {}
    for (u, mk), vs in members.items():
        for c in vs:
            if not unjudgeable(c):
                judgeable.setdefault((u, mk, rival_key(c)), []).append(c)
    rival_clusters = {k: _Cluster(vs) for k, vs in judgeable.items()}
    family = key.topic in FAMILY
    for c in numeric:
        m = measures[c]
        peers = [cl for (u, mk), cl in clusters.items() if u == _countable(c.unit) and (m == "*" or mk in (m, "*"))]
        rivals = [
            cl
            for (u, mk, st), cl in rival_clusters.items()
            if u == _countable(c.unit) and (m == "*" or mk in (m, "*")) and st == rival_key(c)
        ]
        ref, row = checked[c]
        v = claim_verdict(c, ref, row, peers, refs, family, rivals, aligned)
        rows.append(_claim_row(key, c, v, "claim", _ref_fields(row if v is ref else None)))
    return [_group_summary(key, views, rows), *rows] if rows else []


def findings_frame(
    claims: pd.DataFrame,
    ledger: pd.DataFrame,
    catalog: Mapping | None,
    sentences: pd.DataFrame | None = None,
    aligned: Mapping[str, tuple[str, str, str]] | None = None,
) -> pd.DataFrame:
    """All findings of a claims table, with stable ids (f0001, ...) in a deterministic order.

    ``sentences`` (optional) gives each document's length in sentences, to
    place claims in the talk; without it the claims' own sentence ids are used.
    ``aligned`` (claim id -> partner claim id, verdict, reason, from the
    fidelity table: ``analysis.align.aligned_figures``) makes the figure that
    the aligned sentence of another rendering states decide translation slips.
    A group without topic is reported only when two documents give figures for it; a figure that would join
    one but for its unknown period or subject gets an ``unverified`` finding saying so (``unknowns``), last.
    """
    df = prepare_claims(claims, catalog, sentences)
    groups: dict[GroupKey, list[ClaimView]] = {}
    for c in claim_views(df[df["group"].notna()]):
        groups.setdefault(c.group, []).append(c)  # type: ignore[arg-type]
    by_topic = {t: list(rows_for_topic(ledger, t).itertuples()) for t in {k.topic for k in groups} if t}
    rows: list[dict] = []
    reported: list[GroupKey] = []
    n = 0
    for key in sorted(groups, key=GroupKey.sort_key):
        views = groups[key]
        if not key.topic and len({c.doc_id for c in views}) < 2:
            continue
        part = group_findings(key, views, ledger, by_topic, aligned)
        if part:
            n += 1
            reported.append(key)
            for r in part:
                r["group_id"] = f"g{n:04d}"
            rows += part
    rows += year_product_findings(df, ledger)
    rows += unknown_side_findings(df, reported)
    for i, r in enumerate(rows, 1):
        r["finding_id"] = f"f{i:04d}"
    return pd.DataFrame([{c: r.get(c, "") for c in FINDINGS.names} for r in rows], columns=FINDINGS.names, dtype=object)


def year_product_findings(df: pd.DataFrame, ledger: pd.DataFrame) -> list[dict]:
    """Years earlier than the product the same sentence names (2020 for H100, first sold 2022)."""
    firsts = product_first_years(ledger)
    out: list[dict] = []
    if not firsts:
        return out
    keys = {
        name: r.topic_key for r in ledger[ledger["topic"] == "product_release"].itertuples() for name in [r.measure]
    }
    for r in df[df["unit"] == "year"].sort_values(["doc_id", "start"], kind="stable").itertuples():
        year = finite_or_none(r.value)
        if year is None:
            continue
        text = r.context or ""
        for name, first in sorted(firsts.items()):
            if re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![0-9])", text) and year < first:
                out.append(
                    dict(
                        topic=r.topic or "product_release",
                        verdict="translation_slip",
                        claim_ids=str(r.claim_id),
                        reference=keys[name],
                        detail=(
                            f'{short_id(r.doc_id)} "{r.surface}" = {int(year)} names {name}, '
                            f"which first appeared in {first}: impossible year"
                        ),
                        kind="year",
                        measure=r.measure,
                        doc_ids=r.doc_id,
                        likely_value=f"{first} or later",
                        speakers=_said_in(said_by(r.speaker, r.attribution), r.doc_id),
                    )
                )
    return out
