"""Units read as written on English prose (issue 26), with the same categories in German and Japanese:
rates and compound units, scale suffixes, written forms and temperatures. Sentences are our own."""

from __future__ import annotations

import math

import pytest

from helpers.claims import lexicon
from helpers.claims.quantities import find_quantities


def _one(text: str, lang: str = "en"):
    qs = find_quantities(text, lang)
    assert len(qs) == 1, [(q.surface, q.unit) for q in qs]
    return qs[0]


@pytest.mark.parametrize(("text", "lang", "surface", "unit", "value"), [
    ("The miner expects to spend $4bn a year on new pits.", "en", "$4bn a year", "usd_per_year", 4e9),
    ("Unleaded sold for 131.9p a litre on Monday.", "en", "131.9p a litre", "gbp_per_liter", 1.319),
    ("The board declared 7p per ordinary share.", "en", "7p per ordinary share", "gbp_per_share", 0.07),
    ("Analysts see crude at $64 a barrel by spring.", "en", "$64 a barrel", "usd_per_barrel", 64.0),
    ("Rents reached £48 per square foot in the City.", "en", "£48 per square foot", "gbp_per_square_foot", 48.0),
    ("The smelter ships 400,000 tonnes a year.", "en", "400,000 tonnes a year", "kilogram_per_year", 4e8),
    ("Nurses worked 50 to 60 hours a week.", "en", "50 to 60 hours a week", "duration_second_per_week", None),
    ("The club sold 250 tickets per day.", "en", "250 tickets per day", "count_per_day", 250.0),
    ("The probe flew at 7 miles per second.", "en", "7 miles per second", "meter_per_second", 7 * 1609.344),
    ("Die Reederei zahlt 12 Dollar je Barrel.", "de", "12 Dollar je Barrel", "usd_per_barrel", 12.0),
    ("Der Konzern investiert 2 Mrd. Euro pro Jahr.", "de", "2 Mrd. Euro pro Jahr", "eur_per_year", 2e9),
    ("原油は1バレル当たり58ドルだった。", "ja", "1バレル当たり58ドル", "usd_per_barrel", 58.0),
    ("工場は年間30万トンを生産する。", "ja", "年間30万トン", "kilogram_per_year", 3e8),
])
def test_a_rate_keeps_its_whole_unit(text: str, lang: str, surface: str, unit: str, value: float | None) -> None:
    q = _one(text, lang)
    assert (q.surface, q.unit) == (surface, unit)
    assert q.unit in lexicon.UNITS
    if value is not None:
        assert math.isclose(q.value, value, rel_tol=1e-9)


@pytest.mark.parametrize("text", [
    "Sales were $8m a year earlier.",
    "The fund returned 4% a year.",
    "Profit fell to £9 million year-on-year.",
    "He ran 3 marathons in a year.",
])
def test_a_period_reference_or_growth_is_no_rate(text: str) -> None:
    assert all("_per_" not in q.unit for q in find_quantities(text, "en"))


def test_profit_year_on_year_keeps_its_currency() -> None:
    q = _one("Profit fell to £9 million year-on-year.")
    assert (q.unit, q.value) == ("gbp", 9e6)


def test_an_oil_barrel_is_42_us_gallons() -> None:
    q = _one("The field holds 1,000 barrels.")
    assert math.isclose(q.value, 1000 * 42 * 3.785411784e-3, rel_tol=1e-9)
