"""News quantities (issue 26, gold batch 4): the categories the NewsQuant-style gold showed, one rule each,
in English and, where the category exists there, German and Japanese."""

from __future__ import annotations

import math

import pytest

from helpers.claims import quantities, units


def readings(text: str, lang: str = "en") -> list[tuple[str, str, float | None, float | None]]:
    return [(q.surface, q.unit, q.value_low, q.value_high) for q in quantities.find_quantities(text, lang)]


def _close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-6)


def _kelvin_f(f: float) -> float:
    return (f - 32) * 5 / 9 + 273.15


@pytest.mark.parametrize(
    "text,lang,surface,unit,value",
    [
        # a move's size takes the rate of the level it reached, past its percentage
        ("Brent rose $1.49, or 1.3 percent, to settle at $112.39 a barrel.", "en", "$1.49", "usd_per_barrel", 1.49),
        # compound units written as one symbol
        ("OPEC+ agreed a cut of 2 million bpd.", "en", "2 million bpd", "cubic_meter_per_day", 2e6 * 0.158987294928),
        ("Pressure stayed below 150 mm Hg.", "en", "below 150 mm Hg", "pascal", 150 * 133.322387415),
        ("It has 100W+ charging.", "en", "100W+", "watt", 100.0),
        # per adult, per resident: a rate per person
        ("The debt is £53,000 per adult.", "en", "£53,000 per adult", "gbp_per_person", 53000.0),
        ("Die Schulden betragen 30.000 Euro pro Einwohner.", "de", "30.000 Euro pro Einwohner", "eur_per_person", 3e4),
        # areas and volumes of the small prefixes
        ("Each die is about 800 square millimetres.", "en", "about 800 square millimetres", "square_meter", 8e-4),
        ("Ein Chip von 800 Quadratmillimetern.", "de", "800 Quadratmillimetern", "square_meter", 8e-4),
        ("面積は800平方ミリメートルだ。", "ja", "800平方ミリメートル", "square_meter", 8e-4),
        # race times with tenths, heights written feet-hyphen-inches, a hyphenated pound is a weight
        ("Kipchoge ran 1:59:40.2 in Vienna.", "en", "1:59:40.2", "duration_second", 7180.2),
        ("The 6-foot-3 guard scored 30 points.", "en", "6-foot-3", "meter", 6 * 0.3048 + 3 * 0.0254),
        ("The 300-pound lineman ran 100 yards.", "en", "300-pound", "kilogram", 300 * 0.45359237),
        ("He paid with a 50-pound note.", "en", "50-pound", "gbp", 50.0),
        # points someone scored are a count; a share's move in points before a price in pence is pence
        ("The 6-foot-3 guard scored 30 points.", "en", "30 points", "count", 30.0),
        ("Flybe's shares plunged 11.6 points or 24.8% to 35.1p.", "en", "11.6 points", "gbp", 0.116),
        # an index level after "a record"
        ("The Nasdaq gained 0.9% to a record 5,916.78.", "en", "5,916.78", "index_point", 5916.78),
        ("Der DAX stieg auf ein Rekordhoch von 16.000 Punkte.", "de", "16.000 Punkte", "index_point", 16000.0),
        # grams glued to the digits, billion cubic metres of gas
        ("The bar has 12g of sugar.", "en", "12g", "kilogram", 0.012),
        ("Exports reached 50 bcm.", "en", "50 bcm", "cubic_meter", 5e10),
        # inches abbreviated in a bracketed conversion
        ("It has a 12mm telephoto (about 0.47 in).", "en", "about 0.47 in", "meter", 0.47 * 0.0254),
    ],
)
def test_news_units_are_read_whole(text: str, lang: str, surface: str, unit: str, value: float) -> None:
    got = readings(text, lang)
    assert any(s == surface and u == unit and _close(lo, value) for s, u, lo, _ in got), got


@pytest.mark.parametrize(
    "text,lang,label",
    [
        ("NEOWISE found the asteroid 2013 YP139 about 43 million kilometres away.", "en", "2013"),
        ("Fieldwork ran on 4–5 August 2025 with a sample of 2,000.", "en", "4"),
        ("The poll surveyed 1,000 voters from Oct. 8-12.", "en", "12"),
        ("Boeing reported another 75 cancellations for 737 Max jets.", "en", "737"),
        ("Google's Pixel 8 Pro costs $999.", "en", "8"),
        ("Die Messe läuft vom 4. bis 5. August 2025 mit 300 Ausstellern.", "de", "4"),
        ("会期は8月4〜5日で、300社が出展する。", "ja", "4〜5日"),
    ],
)
def test_dates_designations_and_models_are_no_quantities(text: str, lang: str, label: str) -> None:
    assert label not in [s for s, _, _, _ in readings(text, lang)], readings(text, lang)


def test_a_4g_network_is_no_weight() -> None:
    assert "kilogram" not in [u for _, u, _, _ in readings("The 4g network covers 95% of homes.")]


def test_a_one_day_fall_counts_no_days_but_one_day_off_does() -> None:
    assert readings("It was the biggest one-day fall in history.") == []
    assert ("one day", "duration_day") in [(s, u) for s, u, _, _ in readings("It lasted one day and cost $5.")]


def test_us_is_no_microsecond_but_us_written_lower_case_is() -> None:
    assert [(s, u) for s, u, _, _ in readings("A study at 494 US hospitals.")] == [("494", "count")]
    assert ("5 us", "duration_second") in [(s, u) for s, u, _, _ in readings("The pulse lasts 5 us.")]


@pytest.mark.parametrize(
    "text,lang,surface,value",
    [
        ("Highs reach 16 or even 17°C.", "en", "16", 289.15),
        ("Storage is 128 or even 512 gigabytes.", "en", "128", 128e9),
    ],
)
def test_an_escalation_carries_its_unit_back(text: str, lang: str, surface: str, value: float) -> None:
    assert any(s == surface and _close(lo, value) for s, _, lo, _ in readings(text, lang)), readings(text, lang)


def test_a_count_before_an_unrelated_number_keeps_no_unit() -> None:
    assert ("5", "count") in [(s, u) for s, u, _, _ in readings("It could cost 5 or perhaps 6 million dollars.")]


@pytest.mark.parametrize(
    "text,lang,value",
    [
        ("Global warming must stay under 1.5C.", "en", 1.5),
        ("Nations agreed to limit warming to well below 2C.", "en", 2.0),
        ("The world faces 2.7C of warming.", "en", 2.7),
        ("Die Erderwärmung soll auf 1,5 Grad begrenzt werden.", "de", 1.5),
    ],
)
def test_warming_is_a_temperature_difference(text: str, lang: str, value: float) -> None:
    got = [lo for _, u, lo, _ in readings(text, lang) if u == "kelvin"]
    assert got and _close(got[0], value), readings(text, lang)


def test_a_temperature_reading_stays_a_temperature() -> None:
    got = [lo for _, u, lo, _ in readings("Temperatures hit 1.5C in Oslo.") if u == "kelvin"]
    assert got and _close(got[0], 274.65)


def test_bare_degrees_read_as_fahrenheit_are_written_as_they_were() -> None:
    (q,) = quantities.find_quantities("the temperature outside is 98 degrees", "en")
    assert _close(q.value_low, _kelvin_f(98))
    assert units.as_written(q.value_low, q.unit, q.unit_surface, "en") == pytest.approx(98)
    (c,) = quantities.find_quantities("It was 24 degrees outside.", "en")
    assert units.as_written(c.value_low, c.unit, c.unit_surface, "en") == pytest.approx(24)


@pytest.mark.parametrize(
    "text,lang,surface,unit",
    [
        ("Biden has a 5-point lead in the poll.", "en", "5-point", "percentage_point"),
        ("Die SPD hat einen 5-Punkte-Vorsprung in der Umfrage.", "de", "5-Punkte", "percentage_point"),
        ("The Lakers had a 10-point lead at half-time.", "en", "10", "count"),
    ],
)
def test_a_lead_in_a_poll_is_in_percentage_points(text: str, lang: str, surface: str, unit: str) -> None:
    assert (surface, unit) in [(s, u) for s, u, _, _ in readings(text, lang)], readings(text, lang)


def test_a_sentence_opening_with_a_gerund_names_no_number() -> None:
    assert ("10,000 steps a day", "count_per_day") in [
        (s, u) for s, u, _, _ in readings("Walking 10,000 steps a day cut the risk.")
    ]
    assert "11" not in [s for s, _, _, _ in readings("Apollo 11 landed in 1969.")]


@pytest.mark.parametrize(
    "text,lang,surface,unit,value",
    [
        ("Der 34-Jährige wurde festgenommen.", "de", "34-Jährige", "age", 34.0),
        ("Ein 12-jähriger Junge wurde gefunden.", "de", "12-jähriger", "age", 12.0),
        ("Die 12-jährige Geschichte der Firma.", "de", "12-jährige", "duration_year", 12.0),
        ("原油価格は1バレル=85ドルに上昇した。", "ja", "1バレル=85ドル", "usd_per_barrel", 85.0),
    ],
)
def test_german_ages_and_japanese_rates_written_with_an_equals_sign(
    text: str, lang: str, surface: str, unit: str, value: float
) -> None:
    got = readings(text, lang)
    assert any(s == surface and u == unit and _close(lo, value) for s, u, lo, _ in got), got


def test_product_versions_in_a_sentence_lingua_reads_as_german(tmp_path):
    """ "Wi-Fi 7" and "Bluetooth 5.3" are versions in any English sentence: the names must not make the
    sentence German (where the English name rules are not read)."""
    from helpers.claims.extract import extract_claims
    from helpers.text.parse import parse_file

    path = tmp_path / "phones.txt"
    path.write_text(
        "Apple sold 10 million phones last year. "
        "The Galaxy S24 Ultra has Wi-Fi 7, Bluetooth 5.3 and a Snapdragon 8 Gen 3 chip.\n",
        encoding="utf-8",
    )
    doc = parse_file(str(path))
    assert [s.lang for s in doc.sentences] == ["en", "en"]
    assert [(c.surface, c.unit) for c in extract_claims(doc)] == [("10 million", "count")]
