"""No conflict a careful analyst would not raise on the English-first multi-company fixture (issue 26).

``tests/fixtures/compare_english/`` holds Oracle's and Tesla's calls (fiscal and calendar
quarters, guidance and actuals, "for the quarter", "last quarter"), two interviews that
mention several companies and model generations, and German and Japanese coverage, with
``expected.yaml`` written before the comparison ran on them. The held-out documents are
scored by ``bench/bench_compare.py`` only; these tests read the dev split.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from compared_corpus import compare_corpus, judged
from helpers.claims.subjects import counted_of, period_in
from helpers.claims.subjects.periods import reported_period

CORPUS = Path(__file__).parent / "fixtures" / "compare_english"


@pytest.fixture(scope="module")
def dev():
    claims, findings, gold = compare_corpus(CORPUS)
    splits = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))["splits"]
    verdicts, ids = judged(claims, findings, gold)
    docs = set(splits["dev"])
    mine = claims[claims["doc_id"].isin(docs)]
    return mine, verdicts, [g for g in gold if g["doc"] in docs], ids


def test_every_conflict_on_a_dev_document_is_genuine(dev):
    claims, verdicts, gold, ids = dev
    genuine = {ids[(g["doc"], g["surface"])] for g in gold if g["verdict"] == "conflict"}
    called = {c for c in claims["claim_id"] if verdicts.get(c, ("",))[0] == "conflict"}
    assert called <= genuine, [(c, verdicts[c][1]) for c in called - genuine]


def test_genuine_conflicts_between_a_call_and_a_podcast_host_are_found(dev):
    # the interview's host misquotes Oracle's fiscal 2025 revenue: another speaker, one subject, measure and period
    _, verdicts, _, ids = dev
    for doc, surface in (("oracle_q4_fy2025_call", "$57.4 billion"), ("ai_models_interview", "$47.4 billion")):
        assert verdicts[ids[(doc, surface)]][0] == "conflict"


def test_each_trap_is_no_conflict_and_says_why_when_judged(dev):
    _, verdicts, gold, ids = dev
    wrong = []
    for g in gold:
        if "trap" not in g or (g["doc"], g["surface"]) not in ids:
            continue
        verdict, detail = verdicts.get(ids[(g["doc"], g["surface"])], ("", ""))
        if verdict == "conflict" or (verdict == "unverified" and not detail):
            wrong.append((g["doc"], g["surface"], g["trap"], verdict, detail))
    assert not wrong


@pytest.mark.parametrize(
    "heading, date, expected",
    [
        ("Tesla Fourth Quarter 2024 Q&A Webcast", "2025-01-29", ("2024-Q4", "2024")),
        # Oracle's fourth fiscal quarter (March to May) is not the calendar quarter the call follows: fiscal key
        ("Oracle Fiscal 2025 Fourth Quarter Earnings Call", "2025-06-11", ("FY2025-Q4", "FY2025")),
        ("NVIDIA Q4 FY2025 results coverage", "2025-02-27", ("2024-Q4", "FY2025")),
        ("Alphabet 2025年第3四半期決算説明会", "2025-10-29", ("2025-Q3", "2025")),
        ("Oracle erhöht die Investitionen kräftig", "2025-06-12", ("", "")),
        # a quarter that had not ended by the call is a fiscal label
        ("NVIDIA Corporation (NVDA) Q4 2025 Earnings Call Transcript", "2025-02-26", ("2024-Q4", "FY2025")),
        ("Amazon 2024 Q4 results call", "2025-02-06", ("2024-Q4", "2024")),
    ],
)
def test_the_reported_quarter_and_year_come_from_the_heading(heading, date, expected):
    assert reported_period(heading, date) == expected


@pytest.mark.parametrize(
    "text, surface, outlook, expected",
    [
        ("Total revenue for the quarter was $25.7 billion.", "$25.7 billion", False, "2024-Q4"),
        ("Capital expenditures were $9.1 billion this quarter and $21.2 billion for the year.", "$21.2 billion",
         False, "2024"),
        ("Capital expenditures were $9.1 billion this quarter and $21.2 billion for the year.", "$9.1 billion",
         False, "2024-Q4"),
        ("Last quarter we reported revenue of $25.2 billion.", "$25.2 billion", False, "2024-Q3"),
        ("For Q1, we expect revenue of $26 billion.", "$26 billion", True, "2025-Q1"),
        ("For the quarter, we expect revenue of $26 billion.", "$26 billion", True, "2025-Q1"),
        ("For the full year, we expect capex of $11 billion.", "$11 billion", True, "2025"),
        ("Das Rechenzentrumsgeschäft brachte im Quartal 35,6 Milliarden Dollar ein.", "35,6", False, "2024-Q4"),
        ("当四半期の売上高は257億ドルだった。", "257億ドル", False, "2024-Q4"),
        ("前四半期の売上高は252億ドルだった。", "252億ドル", False, "2024-Q3"),
    ],
)  # fmt: skip
def test_a_results_document_dates_its_quarter_words_by_the_quarter_it_reports(text, surface, outlook, expected):
    at = text.index(surface)
    got = period_in(text, at, "2025-01-29", outlook, reported=("2024-Q4", "2024"), end=at + len(surface))
    assert got is not None and got.value == expected


def test_a_fiscal_quarter_without_its_year_or_a_report_to_date_it_is_unknown():
    text = "Oracle setzte im vierten Geschäftsquartal 15,9 Milliarden Dollar um."
    assert period_in(text, text.index("15,9"), "2025-06-12", False) is None


@pytest.mark.parametrize(
    "clause, expected",
    [
        ("Each of those GPUs draws about 1,200 watts", "power/chip"),
        ("and a full rack of them needs around 120 kilowatts", "power/rack"),
        ("xAI's Colossus site needs about 150 megawatts", "power/site"),
        ("ein ganzer Oracle-Cluster dagegen mehr als 200 Megawatt", "power/site"),
        ("データセンターの電力は1ギガワット", "power/site"),
        ("we expect to bring online almost 1 gigawatt of compute", "power"),
    ],
)
def test_power_is_the_power_of_the_noun_the_clause_names(clause, expected):
    assert counted_of("watt", clause, clause) == expected


@pytest.mark.parametrize(
    "title, speaker, expected",
    [
        ("Oracle Fiscal 2025 Fourth Quarter Earnings Call", "Safra Catz", "Oracle"),
        ("Oracle Fiscal 2025 Fourth Quarter Earnings Call", "Operator", ""),
        ("Oracle Fiscal 2025 Fourth Quarter Earnings Call", "Brent Thill, Analyst", ""),
        ("Oracle earnings call reaction podcast", "Jane Doe", ""),
        ("Oracle erhöht die Investitionen kräftig", "Jane Doe", ""),
    ],
)
def test_unnamed_speakers_speak_for_the_company_only_on_its_own_call(title, speaker, expected):
    from helpers.claims.subjects import document_context, speaker_organisation

    ctx = document_context("d", title, "Oracle said revenue grew. Oracle expects more.", None)
    assert speaker_organisation(speaker, ctx) == expected


@pytest.mark.parametrize(
    "sentence, surface, lang, speaker, expected",
    [
        ("I have been at Oracle for 26 years.", "26 years", "en", "Safra Catz", "Safra Catz (d)"),
        ("Finanzchefin Safra Catz ist seit 26 Jahren bei Oracle.", "26 Jahren", "de", "", ""),
        ("Oracle wurde vor 48 Jahren gegründet.", "48 Jahren", "de", "", "Oracle"),
        ("OpenAI has been around for about ten years.", "ten years", "en", "", "OpenAI"),
        ("2005年、Facebookに入社して2週間か3週間目くらいのことです。", "2週間か3週間", "ja", "", ""),
        ("イーロン・マスク氏は16年にわたりCEOを務めている。", "16年", "ja", "", ""),
    ],
)
def test_years_in_a_job_are_a_persons_not_the_companys_age(sentence, surface, lang, speaker, expected):
    import pandas as pd

    from helpers.claims.subjects import DocumentContext, annotate

    at = sentence.index(surface)
    claims = pd.DataFrame([dict(doc_id="d", claim_id="c", sentence_id=1, start=at, surface=surface,
                                unit="duration_year", lang=lang, speaker=speaker, context=sentence)])  # fmt: skip
    sentences = pd.DataFrame([dict(doc_id="d", sentence_id=1, block_id=1, start=0, text=sentence, speaker=speaker,
                                   lang=lang)])  # fmt: skip
    got = annotate(claims, sentences, {"d": DocumentContext("d", event_date="2025-06-12")})
    assert got.iloc[0]["subject"] == expected
