"""Periods on earnings calls and their coverage (issue 26, batch 12): fiscal years around the reported one, years'
ends, a quarter "last year", changes said "year over year", German and Japanese year words, and the company a call's
title names. Sentences written for these tests in the style of calls, podcasts and news, in en/de/ja.
"""

from __future__ import annotations

import pytest

from helpers.claims.subjects import heading_company
from helpers.claims.subjects.periods import reported_period
from test_periods import claims_of, period_of

ADOBE = ("FY2024-Q4", "FY2024")  # a fiscal Q4 call (fiscal year ending in November), 2024-12-11
SAP = ("2024-Q4", "2024")  # a calendar Q4 call, 2025-01-28
INFOSYS = ("FY2025-Q3", "FY2025")  # a fiscal Q3 call, 2025-01-16


@pytest.mark.parametrize(
    "sentence, surface, event, reported, period",
    [
        # relative years on a fiscal-year company's call are its fiscal years
        ("We expect Digital Media revenue to grow about 11% next year.", "about 11%", "2024-12-11", ADOBE, "FY2025"),
        ("This year we bought back about 17.5 million shares.", "17.5 million", "2024-12-11", ADOBE, "FY2024"),
        ("We plan to hire over 20,000 freshers next year.", "20,000", "2025-01-16", INFOSYS, "FY2026"),
        ("Margins were 20.5% last year.", "20.5%", "2025-01-16", INFOSYS, "FY2024"),
        # ... and calendar years on a calendar-year company's
        ("We expect free cash flow of around EUR 8 billion this year.", "EUR 8 billion", "2025-01-28", SAP, "2025"),
        # "targeting" is guidance: for the quarter ahead, and the year ahead after a fourth quarter
        ("For Q1 we are targeting revenue of $5.63 billion.", "$5.63 billion", "2024-12-11", ADOBE, "FY2025-Q1"),
        ("The targets absorb a headwind of about $200 million for the year.", "$200 million", "2024-12-11", ADOBE,
         "FY2025"),
        # a level at the end of the reported year
        ("Our total cloud backlog closed 2024 at EUR 63 billion.", "EUR 63 billion", "2025-01-28", SAP, "end-2024"),
        ("Current cloud backlog ended the year at EUR 18.1 billion.", "EUR 18.1 billion", "2025-01-28", SAP,
         "end-2024"),
        # a quarter "last year", the year-ago quarter (not "in the year")
        ("EPS was $4.81, against $4.27 in Q4 last year.", "$4.27", "2024-12-11", ADOBE, "FY2023-Q4"),
        ("EPS was $3.03, compared with $1.18 in the year-ago quarter.", "$1.18", "2025-09-23",
         ("FY2025-Q4", "FY2025"), "FY2024-Q4"),
        # a change said year over year, or a figure compared with an earlier one, is the reported quarter's
        ("Year over year our gross margin is up more than 9 points.", "9 points", "2025-09-23",
         ("FY2025-Q4", "FY2025"), "FY2025-Q4"),
        ("The operating margin of 21.3% compares with 20.5% a year ago.", "21.3%", "2025-01-16", INFOSYS,
         "FY2025-Q3"),
        # a period after a clause break that opens another figure's clause is that figure's
        ("Revenue for the quarter was $5.61 billion, up 11% year over year, and for the full year we delivered "
         "$21.51 billion.", "11%", "2024-12-11", ADOBE, "FY2024-Q4"),
    ],
)  # fmt: skip
def test_a_calls_relative_periods_resolve_against_its_reported_quarter_and_fiscal_year(
    sentence, surface, event, reported, period
):
    assert period_of(sentence, surface, event=event, reported=reported)[0] == period


@pytest.mark.parametrize(
    "sentence, surface, lang, event, period",
    [
        ("Micron reported its fiscal fourth quarter 2025: revenue of $11.3 billion.", "$11.3 billion", "en",
         "2025-10-02", "FY2025-Q4"),
        ("In the fourth fiscal quarter 2025 revenue was $11.3 billion.", "$11.3 billion", "en", "2025-10-02",
         "FY2025-Q4"),
        # "a year earlier" after a quarter the sentence states: that quarter a year before
        ("Micron reported its fiscal fourth quarter 2025: revenue of $11.3 billion, up 46% from $7.75 billion a "
         "year earlier.", "$7.75 billion", "en", "2025-10-02", "FY2024-Q4"),
        # a document that reports no period: the full year is the last one ended, for an outlook the one under way
        ("Im Gesamtjahr setzte der Konzern 34,18 Milliarden Euro um.", "34,18 Milliarden Euro", "de", "2025-01-29",
         "2024"),
        ("For the full year, sales came to $4.2 billion.", "$4.2 billion", "en", "2025-02-03", "2024"),
        ("Im laufenden Jahr erwartet SAP einen Cloud-Umsatz von 21,6 Milliarden Euro.", "21,6 Milliarden Euro",
         "de", "2025-01-29", "2025"),
        ("SAP hat im Schlussquartal den Umsatz auf 4,71 Milliarden Euro gesteigert.", "4,71 Milliarden Euro", "de",
         "2025-01-29", "2024-Q4"),
        ("Revenue in the final quarter rose to $4.7 billion.", "$4.7 billion", "en", "2025-01-29", "2024-Q4"),
        # Japanese fiscal years named by their closing month, and the current, next and last fiscal year
        ("2025年8月期の通期の売上高は374億ドルだった。", "374億ドル", "ja", "2025-09-24", "FY2025"),
        ("今期（2026年8月期）の設備投資は約180億ドルを計画する。", "約180億ドル", "ja", "2025-09-24", "FY2026"),
        ("来期の設備投資は約200億ドルを見込む。", "約200億ドル", "ja", "2025-05-14", "FY2026"),
        ("前期の売上高は300億ドルだった。", "300億ドル", "ja", "2025-05-14", "FY2024"),
        ("Im nächsten Geschäftsjahr will der Konzern 5 Milliarden Euro investieren.", "5 Milliarden Euro", "de",
         "2025-05-14", "FY2026"),
    ],
)  # fmt: skip
def test_fiscal_quarters_full_years_and_year_words_in_en_de_ja(sentence, surface, lang, event, period):
    unit = "usd" if "$" in surface or "ドル" in surface else "eur"
    assert period_of(sentence, surface, unit, lang=lang, event=event)[0] == period


def test_a_months_quarter_in_japanese_is_no_month():
    # "9〜11月期" names a quarter by its months: not November
    assert period_of("9〜11月期の売上高は125億ドル前後を見込む。", "125億ドル", lang="ja", event="2025-09-24")[0] != (
        "2025-11"
    )


@pytest.mark.parametrize(
    "title, company",
    [("WOW! Q1 2025 earnings call", "WOW!"), ("Infosys Q2 FY25 results call", "Infosys"),
     ("Micron Technology fiscal Q4 2025 earnings call", "Micron Technology")],
)  # fmt: skip
def test_a_calls_title_names_its_company_punctuation_included(title, company):
    assert heading_company(title) == company


def test_a_fiscal_quarter_in_a_title_is_reported_as_its_fiscal_key():
    assert reported_period("Micron Technology fiscal Q4 2025 earnings call", "2025-09-23") == ("FY2025-Q4", "FY2025")


def test_a_party_a_figure_counts_is_not_the_figures_owner():
    got = claims_of(
        "We ended the quarter with 1,876 clients, against 1,872 a year earlier.",
        ["1,876", "1,872"],
        "count",
        event="2025-01-16",
        speaker="Jayesh Sanghrajka",
        main="Infosys",
        reported=INFOSYS,
    )
    assert [g["subject_basis"] for g in got] != ["other_party", "other_party"]
    assert all(g["subject"] != "clients" for g in got)


def test_a_figure_said_of_another_figure_is_a_part_of_its_measure_not_the_whole():
    got = claims_of(
        "Revenue was $37.4 billion, and our HBM products brought in about $10 billion of it.",
        ["$37.4 billion", "$10 billion"],
        "usd",
        event="2025-09-23",
        reported=("FY2025-Q4", "FY2025"),
    )
    assert [g["counted"] for g in got] == ["revenue", "revenue/part"]


@pytest.mark.parametrize(
    "sentence, surface",
    [("Analysts had expected around $11.9 billion.", "$11.9 billion"),
     ("Revenue of $12.5 billion was above the $11.9 billion expected by analysts.", "$11.9 billion")],
)  # fmt: skip
def test_what_analysts_had_expected_is_their_forecast_not_the_companys_figure(sentence, surface):
    assert claims_of(sentence, [surface], "usd", event="2025-10-02")[0]["status"] == "forecast"
