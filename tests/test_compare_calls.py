"""No conflict a careful analyst would not raise on the calls fixture, the genuine one found, and the measure and
subject categories it exercises (issue 26, batch 12).

``tests/fixtures/compare_calls/`` holds Micron's (fiscal year ending in August), Adobe's (November), SAP's and
Delta's calls with guidance and actuals for several periods, a podcast and a news roundup about several companies,
German and Japanese coverage, with ``expected.yaml`` written before the comparison first ran on them. The held-out
documents are scored by ``bench/bench_compare.py``; the tests below read the dev split, except the one that no
document, held out or not, gets a conflict the analyst did not plant.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compared_corpus import judged_fixture, misjudged_dev_traps, unplanted_conflicts
from helpers.analysis.compare.keys import short_names
from helpers.claims.subjects import counted_of

CORPUS = Path(__file__).parent / "fixtures" / "compare_calls"


@pytest.fixture(scope="module")
def corpus():
    return judged_fixture(CORPUS)


def test_no_document_gets_a_conflict_the_analyst_did_not_plant(corpus):
    claims, verdicts, gold, ids, _ = corpus
    assert unplanted_conflicts(claims, verdicts, gold, ids) == []


def test_the_planted_dev_conflict_is_found(corpus):
    _, verdicts, gold, ids, splits = corpus
    planted = [(g["doc"], g["surface"]) for g in gold if g["verdict"] == "conflict" and g["doc"] in splits["dev"]]
    assert planted and all(verdicts.get(ids.get(k, ""), ("",))[0] == "conflict" for k in planted)


def test_each_dev_trap_is_no_conflict_and_says_why_when_judged(corpus):
    _, verdicts, gold, ids, splits = corpus
    assert misjudged_dev_traps(verdicts, gold, ids, splits) == []


def test_every_annotated_dev_figure_is_extracted(corpus):
    _, _, gold, ids, splits = corpus
    assert [g["surface"] for g in gold if g["doc"] in splits["dev"] and (g["doc"], g["surface"]) not in ids] == []


def test_a_company_named_in_full_and_by_its_first_word_is_one_subject_unless_the_word_starts_two_names():
    assert short_names(["Micron Technology", "Micron", "SAP"]) == {"Micron Technology": "Micron"}
    assert short_names(["American Airlines", "American Express", "American"]) == {}
    assert short_names(["Meta AI", "Meta"]) == {}  # a lexicon product is not its company


@pytest.mark.parametrize(
    "clause, surface, counted",
    [
        # the cue nearest before the figure, not the first measure the clause names
        ("einen Cloud-Umsatz von 21,6 Milliarden Euro und einen freien Cashflow von rund 8 Milliarden Euro",
         "rund 8 Milliarden Euro", "cash_flow"),
        ("einen Cloud-Umsatz von 21,6 Milliarden Euro und einen freien Cashflow von rund 8 Milliarden Euro",
         "21,6 Milliarden Euro", "revenue/cloud"),
        # a cue after the figure that its own figure follows is not this figure's: the sentence's earnings are
        ("compared with $1.18 in the year-ago quarter, and operating cash flow was $5.73 billion", "$1.18",
         "net_income"),
        # an acronym narrows a measure as any word does (a segment), an accounting basis does not
        ("DRAM revenue for the quarter was $8.98 billion", "$8.98 billion", "revenue/dram"),
        ("GAAP revenue for the quarter was $8.98 billion", "$8.98 billion", "revenue"),
        ("2025年8月期のフリーキャッシュフローは37億ドルだった", "37億ドル", "cash_flow"),
    ],
)  # fmt: skip
def test_what_a_figure_counts_is_the_measure_said_of_it(clause, surface, counted):
    sentence = "Earnings per share were $3.03, " + clause
    unit, lang = ("usd", "en") if "$" in surface else ("usd", "ja") if "ドル" in surface else ("eur", "de")
    assert counted_of(unit, clause, sentence, lang, at=clause.index(surface)) == counted
