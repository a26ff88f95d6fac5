"""Talk transcripts, second round: prices said as speech says them (claims.spoken, claims.carried), days a week as
how often (claims.rates), "a single" unit (claims.quantities.latin) and a product line's letter before its number
(claims.lexicon)."""

from __future__ import annotations

import pytest

from helpers.claims.extract import extract_claims
from helpers.claims.quantities import find_quantities
from helpers.text.parse import parse_document


def _readings(text: str, lang: str = "en") -> list[tuple[str, str, float | None]]:
    return [(q.surface, q.unit, q.value_low) for q in find_quantities(text, lang)]


def _claims(text: str) -> list[tuple[str, str, float | None]]:
    return [(c.surface, c.unit, c.value) for c in extract_claims(parse_document(text, "t"))]


@pytest.mark.parametrize(
    ("text", "surface", "unit", "value"),
    [
        ("twenty five miles per gallon at three fifty a gallon", "three fifty a gallon", "usd_per_gallon", 3.5),
        ("she earns twelve ninety nine an hour", "twelve ninety nine an hour", "usd_per_hour", 12.99),
        ("the dividend was two oh nine a share", "two oh nine a share", "usd_per_share", 2.09),
    ],
)
def test_dollars_and_cents_said_before_a_per_what_are_a_price(text: str, surface: str, unit: str, value: float) -> None:
    assert (surface, unit, value) in _readings(text), _readings(text)


def test_a_price_said_short_inside_a_longer_number_or_per_month_is_no_price() -> None:
    assert not any(u.startswith("usd") for _, u, _ in _readings("we drove twenty three fifty a gallon"))
    assert not any(u.startswith("usd") for _, u, _ in _readings("rent is three fifty a month"))


@pytest.mark.parametrize(
    ("text", "bare", "unit", "value"),
    [
        (
            "it's less than thirty thousand dollars after rebates\nthe range was fine\n"
            "after incentives it came in around twenty thousand\n",
            "around twenty thousand",
            "usd",
            20000.0,
        ),
        (
            "Das Auto kostete 30.000 Euro.\nDer Akku hält lange.\nAm Ende kostete es rund 25.000.\n",
            "rund 25.000",
            "eur",
            25000.0,
        ),
    ],
)
def test_a_bare_amount_after_a_verb_of_price_is_in_the_speakers_last_currency(text, bare, unit, value) -> None:
    assert (bare, unit, value) in _claims(text), _claims(text)


def test_a_bare_amount_without_a_verb_of_price_or_of_another_size_stays_a_count() -> None:
    text = "It cost 30,000 dollars.\n\nWe drove 20,000 last year.\n\nLater it came in at 20 million.\n"
    units = {s: u for s, u, _ in _claims(text)}
    assert units.get("20,000") == "count" and units.get("20 million") == "count", _claims(text)


@pytest.mark.parametrize(
    ("text", "lang", "surface", "unit"),
    [
        ("For someone new, three or four days a week is plenty.", "en", "three or four days a week", "count_per_week"),
        ("Ich laufe drei Tage pro Woche.", "de", "drei Tage pro Woche", "count_per_week"),
        ("週3日走ります。", "ja", "週3日", "count_per_week"),
        ("We were closed ten days a year.", "en", "ten days a year", "count_per_year"),
    ],
)
def test_days_per_week_month_or_year_say_how_often(text: str, lang: str, surface: str, unit: str) -> None:
    assert [(s, u) for s, u, _ in _readings(text, lang)] == [(surface, unit)], _readings(text, lang)


def test_days_said_alone_or_this_week_stay_durations_and_dates() -> None:
    assert [u for _, u, _ in _readings("We stayed three days.")] == ["duration_day"]
    assert [u for _, u, _ in _readings("今週3人が来た。", "ja")] == ["person"]


def test_a_single_unit_is_one_of_it_wherever_it_stands() -> None:
    assert ("a single gigawatt", "watt", 1e9) in _readings("nobody has built a single gigawatt data center yet")
    assert _readings("it costs five dollars a meter") == [("five dollars", "usd", 5.0)]


@pytest.mark.parametrize(
    "text", ["the bmw i three and the leaf barely get a hundred", "i bought a model three last year"]
)
def test_a_product_lines_letter_or_model_before_a_number_makes_it_a_label(text: str) -> None:
    assert not any(v == 3.0 for _, _, v in _readings(text)), _readings(text)


@pytest.mark.parametrize(
    ("text", "lang", "surface", "seconds"),
    [
        ("Justin ran his first marathon last year in 3:53 after a few years of running.", "en", "3:53", 13980.0),
        ("Maybe one day I'll even run a sub-3.", "en", "sub-3", 10800.0),
        ("Er lief den Marathon in 3:53.", "de", "3:53", 13980.0),
        ("フルマラソンでサブ3を目指す。", "ja", "サブ3", 10800.0),
    ],
)
def test_a_long_races_time_said_h_mm_or_sub_n_is_hours(text: str, lang: str, surface: str, seconds: float) -> None:
    assert (surface, "duration_second", seconds) in _readings(text, lang), _readings(text, lang)


@pytest.mark.parametrize(
    "text", ["we met at 3:53 in the marathon tent", "he ran a 3:59 mile", "she can run a sub-4 mile now"]
)
def test_a_clock_time_or_a_miles_time_is_no_race_in_hours(text: str) -> None:
    assert not any(u == "duration_second" and v and v >= 3600 for _, u, v in _readings(text)), _readings(text)


def test_a_bare_amount_saying_its_own_scale_takes_the_unit_said_before_unscaled() -> None:
    text = "the eight billion parameter one is good\nwe trained the seventy billion on around fifteen trillion tokens\n"
    assert ("seventy billion", "parameter", 70e9) in _claims(text), _claims(text)


@pytest.mark.parametrize(
    "text",
    [
        "The secretary signs copies, and at 6 o'clock you can pick them up.",
        "If you want to put a question to us, call 800-989-8255 or send an email.",
        "To reach net zero emissions the grid must change, and we have been our own customer zero.",
        "Welcome to the best of year three.",
        "As a governor I was focusing on a million different things.",
    ],
)
def test_talk_numbers_that_are_clocks_phones_idioms_or_labels_are_no_amount(text: str) -> None:
    assert _readings(text) == [], _readings(text)


def test_a_real_zero_count_and_a_year_before_a_count_stay_amounts() -> None:
    assert _readings("we had zero outages") == [("zero", "count", 0.0)]
    assert _readings("last year 500 people joined") == [("500 people", "person", 500.0)]


@pytest.mark.parametrize(
    ("text", "lang", "surface", "unit", "low"),
    [
        ("the data centers are a 15- to 20-year asset", "en", "15- to 20-year", "duration_year", 15.0),
        ("a 10- to 15-minute walk", "en", "10- to 15-minute", "duration_second", 600.0),
        ("ein 10- bis 15-minütiger Spaziergang", "de", "10- bis 15", "count", 10.0),
    ],
)
def test_a_number_left_hanging_on_its_hyphen_opens_a_range(text, lang, surface, unit, low) -> None:
    assert (surface, unit, low) in _readings(text, lang), _readings(text, lang)


def test_an_english_number_word_capitalised_inside_a_sentence_names_something() -> None:
    assert _readings("The sixth annual Six Five Summit is on, with a special guest.") == []
    assert _readings("Three topics ran through this meeting, and we have three things.") == [
        ("Three", "count", 3.0),
        ("three", "count", 3.0),
    ]
