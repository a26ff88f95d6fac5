"""Dates and times of day in claims: a year is a quantity, a day of the month or a clock time is not (issue 26)."""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


def _read(text: str, lang: str) -> list[tuple[str, str, float, float]]:
    return [(q.surface, q.unit, q.value_low, q.value_high) for q in find_quantities(text, lang)]


@pytest.mark.parametrize("text, lang", [
    ("Profit rose in the period to July 31, the bank said.", "en"),
    ("The vote is due on 14 March, officials said.", "en"),
    ("Bids close Feb. 12 and results follow.", "en"),
    ("The launch slipped to its October 3rd window.", "en"),
    ("Die Frist endet am 15. März.", "de"),
    ("会議は７月２０日に開く", "ja"),
])
def test_a_day_of_the_month_is_no_quantity(text: str, lang: str) -> None:
    assert _read(text, lang) == []


@pytest.mark.parametrize("text, lang", [
    ("Trading closed at 1642 GMT.", "en"),
    ("The rocket lifted off at 7.45 p.m local time.", "en"),
    ("Doors open at 8.15pm.", "en"),
    ("Der Zug fährt um 17.40 Uhr.", "de"),
    ("午後３時半に始まる", "ja"),
])
def test_a_time_of_day_is_no_quantity(text: str, lang: str) -> None:
    assert _read(text, lang) == []


@pytest.mark.parametrize("text, lang, surface, low, high", [
    ("Posted 3/14/2021 by the desk.", "en", "3/14/2021", 2021, 2021),
    ("Filed on 1/29/20 in court.", "en", "1/29/20", 2020, 2020),
    ("Veröffentlicht am 03.05.2019 in Berlin.", "de", "03.05.2019", 2019, 2019),
    ("It backed its FY25 outlook.", "en", "FY25", 2025, 2025),
    ("Sales in FY 2019 were flat.", "en", "FY 2019", 2019, 2019),
    ("Crewed landings may come in the 2040s.", "en", "2040s", 2040, 2049),
    ("Das war in den 1980er Jahren.", "de", "1980er Jahren", 1980, 1989),
    ("1980年代に始まった", "ja", "1980年代", 1980, 1989),
    ("The deal closed on 2 April 2022.", "en", "2 April 2022", 2022, 2022),
])
def test_a_year_in_a_date_fiscal_year_or_decade_is_a_year(text: str, lang: str, surface: str, low: int,
                                                            high: int) -> None:
    assert _read(text, lang) == [(surface, "year", low, high)]


def test_a_dotted_version_is_no_date() -> None:
    assert all(q.unit != "year" for q in find_quantities("Release 2.1.10 fixed the bug.", "en"))


def test_a_four_digit_number_before_a_word_is_no_clock() -> None:
    assert [q.value for q in find_quantities("It sold 1530 bikes.", "en")] == [1530]
