"""Issue 26's weakest categories in German and Japanese: names and labels that contain numbers, discourse
numbers (ordinals, enumerations, idioms) and rates with compound units. Written, with the expected values,
before the extractor was run on them (batch 10, session 5); the English side is the batch-10 gold
(tests/fixtures/claims/en_labels10_*, en_discourse10_talk, en_rates10_energy).
"""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


def found(text: str, lang: str) -> list[tuple[str, float | None, float | None, str]]:
    return [(q.surface, q.value_low, q.value_high, q.unit) for q in find_quantities(text, lang)]


@pytest.mark.parametrize("text, lang", [
    ("Der Euro Stoxx 50 gab am Nachmittag nach.", "de"),
    ("Apple stellte das iPhone 15 in Cupertino vor.", "de"),
    ("Der Unfall geschah auf der Bundesstraße 9 bei Speyer.", "de"),
    ("Bayern gewann das Spiel 3:1 gegen Dortmund.", "de"),
    ("Er trägt bei Bayern die Nummer 10.", "de"),
    ("Erstens ist es billiger, zweitens kommt es schneller.", "de"),
    ("Eines Tages schaffen wir das.", "de"),
    ("Er ist einer der besten Spieler der Liga.", "de"),
    ("iPhone 15の販売は好調だ。", "ja"),
    ("国道9号線で事故があった。", "ja"),
    ("3つ目の理由はコストだ。", "ja"),
    ("背番号10の選手が決勝点を挙げた。", "ja"),
])
def test_labels_ordinals_and_idioms_are_no_quantities_in_german_and_japanese(text, lang):
    assert found(text, lang) == []


@pytest.mark.parametrize("text, lang, want", [
    ("Die Lufthansa bestellte 20 Boeing 787.", "de", [("20", 20.0, 20.0, "count")]),
    ("Der DAX 40 stieg um 1,5 Prozent auf 15.800 Punkte.", "de",
     [("1,5 Prozent", 1.5, 1.5, "percent"), ("15.800 Punkte", 15800.0, 15800.0, "index_point")]),
    ("日経225は3%上昇した。", "ja", [("3%", 3.0, 3.0, "percent")]),
])
def test_quantities_beside_a_label_are_still_read(text, lang, want):
    got = found(text, lang)
    assert [(s, u) for s, _, _, u in got] == [(s, u) for s, _, _, u in want]
    for (_, lo, hi, _), (_, wlo, whi, _) in zip(got, want):
        assert lo == pytest.approx(wlo) and hi == pytest.approx(whi)


@pytest.mark.parametrize("text, lang, want", [
    ("Das Werk produziert 1 Million Tonnen pro Jahr.", "de", (1e9, 1e9, "kilogram_per_year")),
    ("Brent kostete 70 Dollar je Barrel.", "de", (70.0, 70.0, "usd_per_barrel")),
    ("Die Beschäftigten arbeiten 30 bis 35 Stunden pro Woche.", "de", (108000.0, 126000.0, "duration_second_per_week")),
    ("Das Auto fährt 100 km/h.", "de", (100 / 3.6, 100 / 3.6, "meter_per_second")),
    ("Der Speicher fasst 2 GWh.", "de", (7.2e12, 7.2e12, "joule")),
    ("Der Reifendruck liegt bei 36 psi.", "de", (36 * 6894.757293168361, 36 * 6894.757293168361, "pascal")),
    ("年間100万トンを生産する。", "ja", (1e9, 1e9, "kilogram_per_year")),
    ("時速100キロで走る。", "ja", (100 / 3.6, 100 / 3.6, "meter_per_second")),
    ("バッテリー容量は5000mAhだ。", "ja", (18000.0, 18000.0, "coulomb")),
    ("週に30時間働く。", "ja", (108000.0, 108000.0, "duration_second_per_week")),
])
def test_rates_and_compound_units_keep_the_whole_unit(text, lang, want):
    (q,) = find_quantities(text, lang)
    assert (q.value_low, q.value_high) == pytest.approx(want[:2]) and q.unit == want[2]


# ---------------------------------------------------------------------------
# The same categories in English, as the batch-10 gold found them (regression tests for the rules it led to)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("The Nasdaq 100 added 10.74 at 2,228.42.",
     [("10.74", 10.74, 10.74, "index_point"), ("2,228.42", 2228.42, 2228.42, "index_point")]),
    ("The Russell 2000 closed at 2,273.07.", [("2,273.07", 2273.07, 2273.07, "index_point")]),
    ("Geoff Hurst wore 10 when he scored.", []),
    ("After another one crashed in Indonesia, killing 189.", [("189", 189.0, 189.0, "person")]),
    ("That's one half of the story.", []),
    ("The FTSE 250 rose half a per cent.", [("half a per cent", 0.5, 0.5, "percent")]),
    ("American ordered 47 787s.", [("47", 47.0, 47.0, "count")]),
    ("Klose played from 2002 to 2014.", [("2002", 2002.0, 2002.0, "year"), ("2014", 2014.0, 2014.0, "year")]),
    ("The crashes cost 346 lives.", [("346 lives", 346.0, 346.0, "person")]),
    ("The nine justices heard it.", [("nine justices", 9.0, 9.0, "person")]),
])
def test_english_labels_moves_and_idioms(text, want):
    got = found(text, "en")
    assert [(s, u) for s, _, _, u in got] == [(s, u) for s, _, _, u in want]
    for (_, lo, hi, _), (_, wlo, whi, _) in zip(got, want):
        assert lo == pytest.approx(wlo) and hi == pytest.approx(whi)


@pytest.mark.parametrize("text, want", [
    ("It aims to store 20-30m tonnes of carbon dioxide a year.", (2e10, 3e10, "kilogram_per_year")),
    ("That is the emissions of 10-15m cars.", (1e7, 1.5e7, "count")),
    ("We get hundreds or thousands of bug reports a day.", (100.0, 10000.0, "count_per_day")),
    ("It produces 500,000 tonnes of steel annually.", (5e8, 5e8, "kilogram_per_year")),
    ("CO2 reached 420 parts per million.", (0.042, 0.042, "percent")),
    ("It gets 3.7 mi/kWh.", (5954.5728, 5954.5728, "meter_per_kilowatt_hour")),
    ("The chip is rated at 40 TOPS.", (4e13, 4e13, "count_per_second")),
    ("It orbits at 7.8 km/s.", (7800.0, 7800.0, "meter_per_second")),
    ("It costs £838 per 10,000 miles.", (838 / 16093440, 838 / 16093440, "gbp_per_meter")),
    ("It uses 27 kWh/100 mi.", (27 * 3.6e6 / 160934.4, 27 * 3.6e6 / 160934.4, "joule_per_meter")),
    ("They worked 40-hour weeks.", (144000.0, 144000.0, "duration_second_per_week")),
    ("He averaged 30 points a game.", (30.0, 30.0, "count_per_game")),
    ("Beef costs $3 a pound.", (3.0, 3.0, "usd_per_lb")),
])
def test_english_rates_keep_the_whole_unit(text, want):
    (q,) = find_quantities(text, "en")
    assert (q.value_low, q.value_high) == pytest.approx(want[:2]) and q.unit == want[2]


def test_the_first_of_two_alternatives_is_per_the_same_as_the_second():
    assert found("Iceland moved to 35 or 36 hours a week.", "en") == [
        ("35", 126000.0, 126000.0, "duration_second_per_week"),
        ("36 hours a week", 129600.0, 129600.0, "duration_second_per_week"),
    ]
    # a restatement in another unit is no alternative of the same size
    assert found("Net income of $3.7M or 13c per share.", "en")[0][3] == "usd"


@pytest.mark.parametrize("text, lang, want", [
    ("気温は30℃だ。", "ja", ("30℃", 303.15, "kelvin")),
    ("距離は100kmだ。", "ja", ("100km", 100000.0, "meter")),
    ("Nächstes Jahr 100.000.", "de", ("100.000", 100000.0, "count")),
    ("Es kostet nur 15 Dollar 50.", "de", ("15 Dollar 50", 15.5, "usd")),
])
def test_units_before_kana_and_amounts_after_a_noun_are_still_read(text, lang, want):
    (surface, low, high, unit), = found(text, lang)
    assert (surface, unit) == (want[0], want[2]) and low == high == pytest.approx(want[1])


@pytest.mark.parametrize("text", [
    "we use the a one hundred and the h one hundred",
    "the gb two hundred and the ps five",
    "the nvl seventy two rack",
    "the seven thirty seven max",
    "the falcon nine rocket launched",
    "the galaxy note nine has a big screen",
    "He ran in lane 4.",
])
def test_spoken_and_written_product_and_place_names_are_no_quantities(text):
    assert found(text, "en") == []


@pytest.mark.parametrize("text, want", [
    ("hmm two things matter", [("two", 2.0, 2.0, "count")]),
    ("it does two sixty of range", [("two sixty", 260.0, 260.0, "count")]),
    ("gpt three with one seventy five b parameters", [
        ("gpt three", 3.0, 3.0, "version"), ("one seventy five b", 1.75e11, 1.75e11, "parameter")]),
])
def test_spoken_amounts_beside_those_rules_are_still_read(text, want):
    assert found(text, "en") == want


@pytest.mark.parametrize("text, want", [
    ("It's a two-way street.", []),
    ("It's one or the other.", []),
    ("We did it one step at a time.", []),
    ("We have zero tolerance.", []),
    ("We sold one or two units.", [("one or two", 1.0, 2.0, "count")]),
])
def test_number_idioms_are_no_quantities_but_alternatives_stay(text, want):
    assert found(text, "en") == want
