"""Units the sentence decides (troy ounces, pounds of weight, magnitudes, ages, word-size labels) and amounts said
in words that carry their unit (a point and a half, a decade); the international acre."""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


def _read(text: str, lang: str = "en") -> list[tuple[str, float | None, str]]:
    return [(q.surface, q.value, q.unit) for q in find_quantities(text, lang)]


def test_ounces_of_a_precious_metal_are_troy_ounces() -> None:
    ((_, mine, unit),) = _read("Output of the gold mine fell to 2 million ounces.")
    assert unit == "kilogram" and mine == pytest.approx(2e6 * 0.0311034768)
    ((_, coffee, _),) = _read("The cup holds 12 ounces of coffee.")
    assert coffee == pytest.approx(12 * 0.028349523125)


def test_pounds_lost_or_weighed_are_weight_and_pounds_paid_stay_sterling() -> None:
    assert _read("She lost 15 pounds on the drug.") == [("15 pounds", pytest.approx(15 * 0.45359237), "kilogram")]
    assert _read("The calf weighs about 90 pounds.")[0][2] == "kilogram"
    assert _read("The ticket cost 15 pounds.") == [("15 pounds", 15.0, "gbp")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A 6.1-magnitude earthquake struck.", "en"),
        ("an earthquake of magnitude 7.8", "en"),
        ("ein Erdbeben der Stärke 6,1", "de"),
    ],
)
def test_an_earthquake_magnitude_is_a_pure_number(text: str, lang: str) -> None:
    assert [u for _, _, u in _read(text, lang)] == ["dimensionless"]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("The trial enrolled adults aged 65 and over.", "en", 65.0),
        ("It hit children under five hardest.", "en", 5.0),
        ("Frauen im Alter von 70 Jahren", "de", 70.0),
    ],
)
def test_an_age_word_makes_the_number_an_age(text: str, lang: str, value: float) -> None:
    assert [(v, u) for _, v, u in _read(text, lang)] == [(value, "age")]


def test_a_number_without_an_age_word_stays_a_count() -> None:
    assert [u for _, _, u in _read("The children planted 65 trees.")] == ["count"]


def test_a_word_size_before_its_noun_is_a_label_not_data() -> None:
    assert _read("a 64-bit chip") == []
    assert _read("a key of 256 bits")[0][2] == "byte"


def test_amounts_said_in_words_carry_their_unit() -> None:
    assert _read("Yields rose a point and a half this year.") == [("a point and a half", 1.5, "percentage_point")]
    assert _read("It was the steepest drop in a decade.") == [("a decade", 10.0, "duration_year")]
    assert _read("seit einem Jahrzehnt", "de") == [("einem Jahrzehnt", 10.0, "duration_year")]
    assert _read("A decade ago, prices were lower.") == []


def test_an_acre_is_the_international_acre() -> None:
    assert _read("a 1,200-acre farm") == [("1,200-acre", pytest.approx(1200 * 4046.8564224, rel=1e-9), "square_meter")]


def test_a_commodity_price_per_bushel_is_a_rate() -> None:
    assert _read("Wheat rose to $6.45 a bushel.") == [("$6.45 a bushel", 6.45, "usd_per_bushel")]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Officials said 27 people died and more than 5,000 were injured.", ["person", "person"]),
        ("A bomb exploded, killing 12 and injuring 40.", ["person", "person"]),
        ("Police arrested 40 after the match.", ["person"]),
    ],
)
def test_people_counted_by_what_befell_them(text: str, units: list[str]) -> None:
    assert [u for _, _, u in _read(text)] == units


@pytest.mark.parametrize(
    "text", ["The storm killed 3 cows.", "The fire left 2,500 homes without power.", "They sold 40 and kept 12."]
)
def test_a_count_with_its_own_noun_or_no_casualty_verb_stays_a_count(text: str) -> None:
    assert all(u == "count" for _, _, u in _read(text))


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("The striker scored twice in the last 10 minutes.", ("twice", 2.0, "count")),
        ("She has been married twice.", ("twice", 2.0, "count")),
        ("It is twice the size.", ("twice", 2.0, "multiple")),
    ],
)
def test_twice_after_a_verb_counts_occurrences(text: str, reading: tuple[str, float, str]) -> None:
    assert _read(text)[0] == reading


def test_twice_in_an_idiom_is_no_claim() -> None:
    assert _read("I thought twice about it.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("to return inflation to 2 . In addition", 2.0), ("the unemployment rate rose to 4.4 in march", 4.4)],
)
def test_an_economic_rate_level_said_without_its_sign_is_a_percentage(text: str, value: float) -> None:
    assert [(v, u) for _, v, u in _read(text)] == [(value, "percent")]


@pytest.mark.parametrize("text", ["his heart rate rose to 120", "inflation spread to 9 countries"])
def test_other_rates_and_counted_nouns_keep_their_reading(text: str) -> None:
    assert all(u == "count" for _, _, u in _read(text))
