"""Spoken and captioned numbers in talk transcripts: hundreds said short by ASR, units carried over caption lines,
model sizes said again, product operands, "one day" as an idiom, counted halves, ages said bare, week labels."""

from __future__ import annotations

import pytest

from helpers.claims.carried import carry_units
from helpers.claims.extract import extract_claims
from helpers.claims.quantities import find_quantities
from helpers.claims.spelled import spelled_numbers
from helpers.text.model import Sentence
from helpers.text.parse import parse_document


def _read(text: str, lang: str = "en") -> list[tuple[str, float | None, str]]:
    return [(q.surface, q.value, q.unit) for q in find_quantities(text, lang)]


def _claims(text: str) -> list[tuple[str, float | None, str]]:
    return [(c.surface, c.value, c.unit) for c in extract_claims(parse_document(text, "t"))]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("the bolt now gets two fifty nine miles", [259.0]),
        ("connecticut chipped in another two thousand two fifty", [2250.0]),
        ("one twenty b parameters", [120.0]),
        ("they're up in the three hundred four hundred mile range", [300.0, 400.0]),
        ("three twenty-firsts of the vote", [3 / 21]),  # a numerator and its denominator, not 320ths
        ("let's meet at two thirty tomorrow", [2.0, 30.0]),  # a time of day
        ("twenty twenty two", [20.0, 22.0]),  # a year said in pairs is read by the year finder
    ],
)
def test_asr_hundreds_said_without_the_word_hundred(text: str, values: list[float]) -> None:
    assert [pytest.approx(s.value) for s in spelled_numbers(text, "en")] == values


def _carried(*lines: str, lang: str = "en") -> list[tuple[str, float | None, str]]:
    """Each line its own block (as ASR captions parse), carried in order."""
    sents = [Sentence(k, k, 0, len(t), k + 1, lang, t) for k, t in enumerate(lines)]
    found = carry_units([(s, find_quantities(s.text, lang)) for s in sents])
    return [(q.surface, q.value, q.unit) for _, qs in found for q in qs]


def test_a_unit_said_once_carries_over_unpunctuated_caption_lines() -> None:
    lines = ("and it's rated at two thirty eight miles on a single charge", "the leaf barely gets a hundred")
    assert ("a hundred", pytest.approx(160934.4), "meter") in _carried(*lines)
    # "ninety miles" ... "seventy left" ... "twenty two more": the unit goes on through the carried figure
    claims = _carried("that added ninety miles", "got home with seventy left so twenty two more than rated")
    assert ("seventy", pytest.approx(70 * 1609.344), "meter") in claims
    assert ("twenty two", pytest.approx(22 * 1609.344), "meter") in claims


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("I ran 3 miles on Monday and 40 miles on Tuesday, and kept my heart rate under 140.", "under 140"),
        ("The racks draw 120 kilowatts and the cluster reached a score of 85", "85"),
        ("Ich lief 30 Kilometer und hielt den Puls unter 140.", "unter 140"),
    ],
)
def test_a_measure_named_before_a_bare_number_keeps_it_from_a_carried_unit(text: str, bare: str) -> None:
    lang = "de" if text.startswith("Ich") else "en"
    assert (bare, "count") in [(s, u) for s, _, u in _carried(text, lang=lang)]


@pytest.mark.parametrize(
    "lines",
    [
        ("It is rated at 238 miles on a single charge.", "the leaf barely gets a hundred"),  # a closed sentence
        ("it is rated at 238 miles on a single charge", "The leaf barely gets a hundred"),  # opens with a capital
    ],
)
def test_a_unit_is_not_carried_past_a_closed_line_or_into_a_capitalised_one(lines: tuple[str, str]) -> None:
    assert ("a hundred", 100.0, "count") in _carried(*lines)


def test_a_model_size_said_again_as_its_letter_after_a_size_is_parameters() -> None:
    asr = "the eight billion parameter one is nearly as good as llama two which was seventy billion\n"
    asr += "and for its size the seventy b is the best out there\n"
    claims = _claims(asr)
    assert ("seventy billion", 7e10, "parameter") in claims  # a model version between them keeps the unit
    assert ("seventy b", 7e10, "parameter") in claims


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("2 times 8 is 16", "en", ["16"]),
        ("well if you take five hundred times two fifty that is the range", "en", []),
        (
            "four hundred and five billion times fifteen trillion",
            "en",
            ["four hundred and five billion", "fifteen trillion"],
        ),
        ("it went from 3 times 10 to the 24th", "en", ["3 times", "10 to the 24th"]),
        ("Blackwell is 40 times Hopper", "en", ["40 times"]),
    ],
)
def test_plain_operands_of_a_product_said_aloud_are_no_quantities(text: str, lang: str, kept: list[str]) -> None:
    assert [s for s, _, _ in _read(text, lang)] == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("a stepping stone toward\none day building an electric car", []),
        ("I'd love to qualify for Boston one day, maybe", []),
        ("and one day of lower body strength work", ["one day"]),
        ("it took one day", ["one day"]),
        ("one day later the price fell", ["one day"]),
    ],
)
def test_one_day_is_a_day_only_where_the_words_around_it_measure_it(text: str, kept: list[str]) -> None:
    assert [s for s, _, _ in _read(text)] == kept


def test_half_before_a_counted_noun_is_part_of_its_name_not_a_fraction() -> None:
    assert _read("the same as a thousand half cycles") == [("a thousand", 1000.0, "count")]
    assert _read("half the cars are electric") == [("half", 50.0, "percent")]


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("At 52 I ran General Instrument.", "52", "age"),
        ("I was 91 when I said it.", "91", "age"),
        ("You were 86 and still roasting him.", "86", "age"),
        ("now he's 25 and living in Philadelphia", "25", "age"),
        ("it's 25 and counting", "25", "count"),  # a thing has no age
        ("At 52 we had three plants", "52", "count"),
        ("Mit 52 wurde er Chef.", "52", "age"),
    ],
)
def test_an_age_said_bare_after_a_person_is_an_age(text: str, surface: str, unit: str) -> None:
    lang = "de" if text.startswith("Mit") else "en"
    assert (surface, unit) in [(s, u) for s, _, u in _read(text, lang)]


def test_a_week_named_by_its_number_is_a_label_but_a_week_before_an_amount_is_not() -> None:
    assert _read("so this was week three i ran") == []
    assert _read("this week 3,000 GPUs shipped") == [("3,000 GPUs", 3000.0, "gpu")]
    assert _read("people hit the wall around mile 20") == []  # a point on the course
    assert _read("Bei Kilometer 30 kam der Einbruch.", "de") == []


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("they're up in the three hundred four hundred mile range", 300 * 1609.344, 400 * 1609.344, "meter"),
        ("it is twenty thirty percent cheaper", 20.0, 30.0, "percent"),
    ],
)
def test_two_round_spelled_numbers_side_by_side_are_a_range_whose_to_the_captions_lost(text, low, high, unit) -> None:
    [q] = find_quantities(text, "en")
    assert (q.value_low, q.value_high, q.unit) == (pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize(
    ("text", "lang", "bare", "unit"),
    [
        (
            "the tax credit was seventy five hundred dollars and the state chipped in another two thousand two fifty",
            "en",
            "two thousand two fifty",
            "usd",
        ),
        ("The state paid $7,500 and the city another 2,250.", "en", "2,250", "usd"),
        ("Der Bund zahlte 7.500 Euro, das Land weitere 2.250.", "de", "2.250", "eur"),
        ("We bought 20,000 GPUs and another 5 racks", "en", "5", "count"),  # small and with its own noun
    ],
)
def test_another_bare_amount_is_more_of_what_was_just_said_money_included(text, lang, bare, unit) -> None:
    assert (bare, unit) in [(s, u) for s, _, u in _carried(text, lang=lang)]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("One customer came to us needing 10 megawatts", ["10 megawatts"]),
        ("and one rack has as many parts as 20 cars", ["20"]),
        ("and like one writer put it gas cars have more range", []),
        ("he scored just one goal from 32 appearances", ["one", "32"]),  # after a verb: a count
        ("one page is about 500 words", ["one", "about 500"]),  # a unit being defined
        ("one gigawatt of power", ["one gigawatt"]),
    ],
)
def test_one_and_a_noun_opening_a_clause_is_a_single_instance_not_an_amount(text: str, kept: list[str]) -> None:
    assert [s for s, _, _ in _read(text)] == kept
