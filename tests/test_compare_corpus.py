"""The comparison on a corpus it was not written for: earnings calls, articles and podcasts about three companies.

``tests/fixtures/compare_corpus/`` holds short passages (English, German,
Japanese) from Meta, Nvidia and Microsoft calls and their coverage, two podcasts
about other things, and ``expected.yaml``: what a careful analyst concludes
about each figure. The corpus is extracted exactly as the build does it and
compared against the project's ledger.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from compared_corpus import compare_corpus

from helpers.claims.subjects import period_key

CORPUS = Path(__file__).parent / "fixtures" / "compare_corpus"


@pytest.fixture(scope="module")
def corpus():
    return compare_corpus(CORPUS)


def _claim_for(claims: pd.DataFrame, doc: str, surface: str) -> pd.Series | None:
    rows = claims[(claims["doc_id"] == doc) & claims["surface"].str.contains(surface, regex=False)]
    return rows.iloc[0] if len(rows) else None


def _verdicts(findings: pd.DataFrame) -> dict[str, str]:
    """claim_id -> its one verdict (claim and version findings)."""
    out = {}
    for r in findings[findings["kind"].isin(["claim", "version"])].itertuples():
        for cid in r.claim_ids.split():
            out[cid] = r.verdict
    return out


def test_every_annotated_figure_is_extracted(corpus):
    claims, _, gold = corpus
    missing = [(g["doc"], g["surface"]) for g in gold if _claim_for(claims, g["doc"], g["surface"]) is None]
    assert not missing


def test_subject_and_period_as_the_analyst_reads_them(corpus):
    claims, _, gold = corpus
    subjects = [(g, _claim_for(claims, g["doc"], g["surface"])["subject"]) for g in gold if "subject" in g]
    periods = [(g, _claim_for(claims, g["doc"], g["surface"])["period"]) for g in gold if "period" in g]
    wrong_subjects = [(g["doc"], g["surface"], got, g["subject"]) for g, got in subjects if got != g["subject"]]
    wrong_periods = [(g["doc"], g["surface"], got, g["period"]) for g, got in periods
                     if period_key(got) != period_key(str(g["period"]))]  # fmt: skip
    assert not wrong_subjects
    # known misses: "this to be the year when ..." (no period phrase), "im Quartal" two sentences after the quarter
    assert len(wrong_periods) <= 0.1 * len(periods), wrong_periods


def test_every_conflict_is_a_genuine_disagreement(corpus):
    claims, findings, gold = corpus
    genuine = {_claim_for(claims, g["doc"], g["surface"])["claim_id"] for g in gold if g["verdict"] == "conflict"}
    called = {cid for cid, v in _verdicts(findings).items() if v == "conflict"}
    assert called <= genuine, findings[findings["verdict"] == "conflict"][["claim_ids", "detail"]].to_string()


def test_genuine_disagreements_and_slips_are_found(corpus):
    claims, findings, gold = corpus
    got = _verdicts(findings)
    for g in gold:
        if g["verdict"] in ("conflict", "translation_slip"):
            cid = _claim_for(claims, g["doc"], g["surface"])["claim_id"]
            assert got.get(cid) == g["verdict"], (g, findings[findings["claim_ids"].str.contains(cid)].to_string())


def test_consistent_only_where_the_analyst_agrees(corpus):
    claims, findings, gold = corpus
    agreed = {_claim_for(claims, g["doc"], g["surface"])["claim_id"] for g in gold if g["verdict"] == "consistent"}
    called = {cid for cid, v in _verdicts(findings).items() if v == "consistent"}
    assert called <= agreed
    # and the comparison finds most of them: cross-language groups without a shared topic are the misses
    assert len(called) >= 0.7 * len(agreed)


def test_traps_never_share_a_group(corpus):
    claims, findings, _ = corpus
    group_of = {}
    for r in findings[findings["kind"] != "group"].itertuples():
        for cid in r.claim_ids.split():
            group_of[cid] = r.group_id

    def gid(doc, surface):
        return group_of.get(_claim_for(claims, doc, surface)["claim_id"])

    # the same $22.6B: Microsoft's quarterly capex and Nvidia's quarterly data-center revenue
    assert gid("microsoft_q2_fy2025_call", "$22.6 billion") is None or gid("microsoft_q2_fy2025_call", "$22.6 billion") != gid("nvidia_interview_de", "22,6 Milliarden")
    # a quarter's capex and the full year's
    assert gid("meta_q4_2024_call", "$14.84 billion") != gid("meta_q4_2024_call", "$39.23 billion")
    # Nvidia's head count in mid-2024 and early 2025; ChatGPT's users two months apart
    assert gid("nvidia_interview_de", "30.000") is None or gid("nvidia_interview_de", "30.000") != gid("nvidia_q4_fy2025_call", "36,000")
    assert gid("ai_podcast", "400 million") is None or gid("ai_podcast", "400 million") != gid("ai_podcast", "300 million")
    # two strangers' years of experience are compared with nothing
    assert gid("crypto_stream", "six years") is None and gid("ai_podcast", "14 years") is None
    # customers' 100,000-GPU clusters are neither Meta's fleet nor a Llama training cluster
    hundred_k = _claim_for(claims, "nvidia_q4_fy2025_call", "100,000")
    assert hundred_k["topic"] == "" and hundred_k["subject_basis"] == "other_party"
    # TikTok's users are not Meta's
    assert _claim_for(claims, "ai_commentary_ja", "10億人")["topic"] == ""


def test_groups_hold_one_subject_and_one_period(corpus):
    claims, findings, _ = corpus
    by_id = claims.set_index("claim_id")
    for head in findings[findings["kind"] == "group"].itertuples():
        members = by_id.loc[head.claim_ids.split()]
        subjects = set(members["subject"]) - {""}
        assert len(subjects) <= 1, (head.group_id, subjects)
        if not head.topic:
            assert {period_key(p) for p in members["period"]} == {head.period}


def test_findings_are_a_few_per_claim(corpus):
    claims, findings, _ = corpus
    # one group finding per group and one finding per figure: never more findings than twice the claims
    assert len(findings) <= 2 * len(claims)
    assert findings["finding_id"].is_unique and (findings.groupby("group_id")["kind"].apply(lambda k: (k == "group").sum()) <= 1).all()
