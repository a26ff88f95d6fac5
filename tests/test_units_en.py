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


@pytest.mark.parametrize(("text", "lang", "surface", "unit", "value"), [
    ("The streamer added 2.3m subscribers last quarter.", "en", "2.3m subscribers", "person", 2.3e6),
    ("The app reached 90m weekly users.", "en", "90m weekly users", "person", 9e7),
    ("The pool is 50m long.", "en", "50m", "meter", 50.0),
    ("In all 12k runners finished.", "en", "12k runners", "person", 12000.0),
    ("Margins widened to 31pc.", "en", "31pc", "percent", 31.0),
    ("Shares closed at 212.5p.", "en", "212.5p", "gbp", 2.125),
    ("Revenue was £2.7bn.", "en", "£2.7bn", "gbp", 2.7e9),
    ("Sales rose to 9 million year-on-year.", "en", "9 million", "count", 9e6),
    ("The run used 7.2e23 FLOPs of compute.", "en", "7.2e23 FLOPs", "flop", 7.2e23),
    ("The accelerator peaks at 2e15 FLOPS.", "en", "2e15 FLOPS", "flop_per_second", 2e15),
    ("Training took 3.2M H100 hours.", "en", "3.2M H100 hours", "gpu_hour", 3.2e6),
    ("It was trained on 9.5T text tokens.", "en", "9.5T text tokens", "token", 9.5e12),
    ("The model supports a 32K context window.", "en", "32K context window", "token", 32000.0),
    ("It has a 50 MP main camera.", "en", "50 MP", "pixel", 5e7),
    ("The screen is a 401-ppi panel.", "en", "401-ppi", "pixel_per_inch", 401.0),
    ("Samsung showed a 6.7-in. phone.", "en", "6.7-in.", "meter", 6.7 * 0.0254),
    ("Der Umsatz lag bei 40 Tsd. Euro.", "de", "40 Tsd. Euro", "eur", 40000.0),
    ("Der Konzern verdiente 3,5 Mrd. Euro.", "de", "3,5 Mrd. Euro", "eur", 3.5e9),
])
def test_letters_after_a_number_read_as_scale_or_unit(text: str, lang: str, surface: str, unit: str,
                                                      value: float) -> None:
    q = _one(text, lang)
    assert (q.surface, q.unit) == (surface, unit)
    assert math.isclose(q.value, value, rel_tol=1e-9)
    assert q.unit in lexicon.UNITS


@pytest.mark.parametrize(("text", "surface", "unit", "value"), [
    ("The hatchback returns 52 mpg on the motorway.", "52 mpg", "meter_per_gallon", 52 * 1609.344),
    ("Its battery holds 5,000 mAh.", "5,000 mAh", "coulomb", 18000.0),
    ("Inflate the tyres to 35 psi.", "35 psi", "pascal", 35 * 6894.757293168361),
    ("Carbon dioxide passed 425 ppm.", "425 ppm", "percent", 0.0425),
    ("The bank cut rates by 50 basis points.", "50 basis points", "percentage_point", 0.5),
    ("The farm generated 12 GWh.", "12 GWh", "joule", 12 * 3.6e12),
])
def test_compound_units_written_as_one_symbol(text: str, surface: str, unit: str, value: float) -> None:
    q = _one(text)
    assert (q.surface, q.unit) == (surface, unit)
    assert math.isclose(q.value, value, rel_tol=1e-9)
    assert q.unit in lexicon.UNITS


@pytest.mark.parametrize(("text", "surface", "unit", "value"), [
    ("A mole holds 6.02×10^23 atoms.", "6.02×10^23", "count", 6.02e23),
    ("The film is 4 × 10-6 m thick.", "4 × 10-6 m", "meter", 4e-6),
    ("The constant is 1.38 \\times 10^{-23} here.", "1.38 \\times 10^{-23}", "count", 1.38e-23),
    ("Each cell is 2.5×10⁻³ m wide.", "2.5×10⁻³ m", "meter", 2.5e-3),
    ("The first run used 3.8e25 FLOPs.", "3.8e25 FLOPs", "flop", 3.8e25),
    ("The lake froze at minus-12 degrees in the cold snap.", "minus-12 degrees", "kelvin", 261.15),
    ("She bought a 1.6-litre hatchback.", "1.6-litre", "cubic_meter", 0.0016),
    ("A 9-year-old girl won.", "9-year-old", "age", 9.0),
    ("They built a 4-year lead.", "4-year", "duration_year", 4.0),
    ("The 8b and 70b models were released together.", "8b", "parameter", 8e9),
    ("The lab trained seventy billion parameters.", "seventy billion parameters", "parameter", 7e10),
    ("The Fed raised rates by three quarters of a percentage point.", "three quarters of a percentage point",
     "percentage_point", 0.75),
])
def test_written_forms_keep_their_value_and_unit(text: str, surface: str, unit: str, value: float) -> None:
    q = find_quantities(text, "en")[0]
    assert (q.surface, q.unit) == (surface, unit)
    assert math.isclose(q.value, value, rel_tol=1e-9)


@pytest.mark.parametrize(("text", "lang", "surface", "value", "unit_surface"), [
    ("The heatwave brought 41C to Seville.", "en", "41C", 314.15, "C"),
    ("Phoenix hit 115°F in the heat.", "en", "115°F", (115 - 32) * 5 / 9 + 273.15, "°F"),
    ("The lab kept samples at 4 degC, outside it was 50 deg F.", "en", "4 degC", 277.15, "degC"),
    ("The decade was warmer by 0.8 degrees Celsius.", "en", "0.8 degrees Celsius", 0.8, "degrees Celsius"),
    ("Oceans warmed 1.5 degrees Fahrenheit (0.83 degrees Celsius) warmer than before.", "en",
     "1.5 degrees Fahrenheit", 1.5 * 5 / 9, "degrees Fahrenheit"),
    ("Last year beat the record by one-tenth of a degree Celsius.", "en", "one-tenth of a degree Celsius", 0.1,
     "degree Celsius"),
    ("Der Sommer war um 2 Grad wärmer.", "de", "2 Grad", 2.0, "Grad"),
    ("気温は平年より3度高かった。", "ja", "3度", 3.0, "度"),
])
def test_temperatures_keep_their_scale_and_differences_have_no_offset(text: str, lang: str, surface: str,
                                                                      value: float, unit_surface: str) -> None:
    q = find_quantities(text, lang)[0]
    assert (q.surface, q.unit, q.unit_surface) == (surface, "kelvin", unit_surface)
    assert math.isclose(q.value, value, rel_tol=1e-9)


def test_a_glued_c_outside_talk_of_temperature_stays_a_name() -> None:
    assert [q.surface for q in find_quantities("The 40C model ships in May.", "en")] == []


@pytest.mark.parametrize(("text", "lang", "surfaces", "unit", "values"), [
    ("The winner finished in 2:11:42, the runner-up (2:12:05) just behind.", "en", ["2:11:42", "2:12:05"],
     "duration_second", [7902.0, 7925.0]),
    ("She swam it in one hour, four minutes and 9 seconds.", "en", ["one hour, four minutes and 9 seconds"],
     "duration_second", [3849.0]),
    ("Die Fahrt dauerte 3 Stunden und 20 Minuten.", "de", ["3 Stunden und 20 Minuten"], "duration_second",
     [12000.0]),
    ("The tablet has a 2,048 x 1,536 resolution.", "en", ["2,048", "1,536"], "pixel", [2048.0, 1536.0]),
    ("The probe came 12 times closer than before.", "en", ["12 times"], "multiple", [12.0]),
])
def test_written_durations_pixel_pairs_and_multiples(text: str, lang: str, surfaces: list[str], unit: str,
                                                     values: list[float]) -> None:
    qs = find_quantities(text, lang)
    assert [q.surface for q in qs] == surfaces
    assert all(q.unit == unit for q in qs) and [q.value for q in qs] == values


@pytest.mark.parametrize("text", ["0:01:37 Speaker one: we grew fast", "1:02:03 so that is the plan",
                                  "he said [1:02:03] that", "At (00:46:16) she laughs"])
def test_transcript_time_stamps_stay_no_claims(text: str) -> None:
    assert all(q.unit != "duration_second" for q in find_quantities(text, "en"))


def test_occurrences_stay_apart_from_multiples() -> None:
    # occurrences are counted (the gold's convention, as "drei Mal" and 3回); a multiple stays a multiple
    assert _one("We met three times last year.").unit == "count"
    assert _one("It grew three times faster.").unit == "multiple"


def test_a_rate_carries_to_like_amounts_compared_with_it() -> None:
    qs = find_quantities("Unleaded fell to 128.4p a litre and diesel to 131.2p, from highs of 140p.", "en")
    assert [(q.surface, q.unit) for q in qs] == [("128.4p a litre", "gbp_per_liter"), ("131.2p", "gbp_per_liter"),
                                                 ("140p", "gbp_per_liter")]
    qs = find_quantities("Brent slid from $82 (£64) a barrel in May to $71 last week.", "en")
    assert [(q.surface, q.unit) for q in qs] == [("$82", "usd_per_barrel"), ("£64", "gbp_per_barrel"),
                                                 ("$71", "usd_per_barrel")]


def test_a_rate_does_not_carry_to_other_amounts() -> None:
    qs = find_quantities("It paid 13p a share and profit was £300m, with 2p going to charity.", "en")
    assert [q.unit for q in qs] == ["gbp_per_share", "gbp", "gbp"]


@pytest.mark.parametrize(("text", "surface", "unit", "value"), [
    ("The screen shows 1,440 by 3,200 resolution.", "1,440", "pixel", 1440.0),
    ("The new engine gives more than twice the thrust.", "more than twice", "multiple", 2.0),
    ("All four women finished.", "four women", "person", 4.0),
    ("In all 9,300 Leeds fans travelled.", "9,300 Leeds fans", "person", 9300.0),
    ("The mission gained three more years of operations.", "three more years", "duration_year", 3.0),
    ("Nearly 2 million tonnes of grain are shipped every week.",
     "Nearly 2 million tonnes of grain are shipped every week", "kilogram_per_week", 2e9),
    ("Only 4K of those GPUs were idle.", "4K", "gpu", 4000.0),
])
def test_units_implied_by_the_words_around_a_number(text: str, surface: str, unit: str, value: float) -> None:
    q = find_quantities(text, "en")[0]
    assert (q.surface, q.unit) == (surface, unit)
    assert math.isclose(q.value, value, rel_tol=1e-9)


@pytest.mark.parametrize(("text", "surface", "unit", "value"), [
    ("The new campus will draw a gigawatt of power.", "a gigawatt", "watt", 1e9),
    ("The crater is barely a metre deep.", "a metre", "meter", 1.0),
    ("In the village it is a 4 to 1 ratio.", "4 to 1 ratio", "multiple", 4.0),
])
def test_an_article_or_a_ratio_states_an_amount(text: str, surface: str, unit: str, value: float) -> None:
    q = _one(text)
    assert (q.surface, q.unit) == (surface, unit)
    assert math.isclose(q.value, value, rel_tol=1e-9)


@pytest.mark.parametrize("text", ["The price of a barrel of Brent crude rose.", "They installed a smart meter.",
                                  "A litre of milk costs more.", "They won 3 to 1."])
def test_an_article_before_a_price_unit_or_a_score_is_no_amount(text: str) -> None:
    assert find_quantities(text, "en") == []


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("so the four oh five b model is the big one", "four oh five b", 405e9),
    ("and the seventy b model runs on one node", "seventy b", 70e9),
    ("we fine tuned the 8 b model first", "8 b", 8e9),
])
def test_model_sizes_as_captions_spell_them_are_parameters(text: str, surface: str, value: float) -> None:
    q = next(q for q in find_quantities(text, "en") if q.surface == surface)
    assert (q.surface, q.unit, q.value, q.unit_surface) == (surface, "parameter", value, "b")


def test_a_spoken_b_outside_talk_of_models_or_before_shares_is_no_size() -> None:
    assert all(q.unit != "parameter" for q in find_quantities("plan b was to buy two b shares", "en"))
    assert all(q.unit != "parameter" for q in find_quantities("the model owns two b shares", "en"))


def test_a_speed_named_before_its_amount_is_a_speed() -> None:
    q = _one("列車は毎時300キロメートルで走る。", "ja")
    assert (q.unit, q.surface) == ("meter_per_second", "毎時300キロメートル")
    assert math.isclose(q.value, 300_000 / 3600, rel_tol=1e-9)


def test_every_rate_the_extractor_builds_is_in_the_vocabulary() -> None:
    from helpers.claims import rates

    built = {rates.rate_after(f" a {p}", 0, a, True, "en") for a in rates.AMOUNTS for p in ("year", "barrel", "hour")}
    assert {b[0] for b in built if b} <= set(lexicon.UNITS)
    assert set(rates.RATE_UNITS) <= set(lexicon.UNITS)
