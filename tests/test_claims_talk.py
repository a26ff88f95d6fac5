"""Talk transcripts on AI and infrastructure: discourse numbers (enumerations, idioms, pronouns, model numbers),
AI-talk units said aloud (powers of ten, model versions, chips, GPU-hours), formulas, vague alternatives and a
unit carried from money, tokens or parameters to a bare scaled amount."""

from __future__ import annotations

import pytest

from helpers.claims import spoken
from helpers.claims.quantities import find_quantities


def _read(text: str, lang: str = "en") -> list[tuple[str, float | None, str]]:
    return [(q.surface, q.value, q.unit) for q in find_quantities(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "counted"),
    [
        # "two things" announces the points; "one the data center", "two the moat" are the points
        ("so two things one the data center is the computer and two the moat is the software", "en", [3]),
        ("And three, physical AI understands the world.", "en", []),
        ("Und drei, es ist schneller.", "de", []),
        ("One day every factory will be a robotic factory.", "en", []),
        ("So let's do the economics of renting one out.", "en", []),
        ("The 5090 is the Blackwell generation. Next to the 4090 it is smaller.", "en", []),
    ],
)
def test_enumerations_idioms_pronouns_and_model_numbers_are_no_quantities(text: str, lang: str, counted) -> None:
    assert [q.start for q in find_quantities(text, lang)] == counted


def test_a_number_before_a_comma_and_another_number_is_a_range_not_an_enumeration() -> None:
    assert [s for s, _, _ in _read("and two, three years later it shipped")] == ["two, three years"]
    assert [s for s, _, _ in _read("It took one day to ship.")] == ["one day"]
    assert [s for s, _, _ in _read("Of the 1500 surveyed, the 250 were happy.")] == ["1500", "250"]


def test_powers_of_ten_said_aloud_keep_mantissa_and_unit() -> None:
    assert _read("trained on ten to the thirteen tokens") == [("ten to the thirteen tokens", 1e13, "token")]
    ((surface, value, unit),) = _read("like three point eight times ten to the twenty fifth flops")
    assert value == pytest.approx(3.8e25) and unit == "flop" and surface.endswith("flops")
    assert spoken.spoken_powers("10 to the 13th") == []  # the digit finder reads it


def test_model_versions_said_in_words_are_versions() -> None:
    assert _read("we moved from gpt four to llama three point one") == [
        ("gpt four", 4.0, "version"),
        ("llama three point one", 3.1, "version"),
    ]
    assert spoken.spoken_versions("gpt seventy b") == []  # a size, not a generation


def test_a_multiple_of_a_named_thing_and_occurrences_stay_apart() -> None:
    assert _read("Blackwell is 40 times Hopper.") == [("40 times", 40.0, "multiple")]
    assert _read("I went there three times I think.") == [("three times", 3.0, "count")]
    assert _read("lever it up by hundreds or thousands or tens of thousands of times")[0][2] == "multiple"


def test_a_spoken_formula_keeps_its_factors_and_drops_its_constants() -> None:
    said = _read(
        "it is six times parameters times tokens so four hundred and five billion times fifteen trillion times six"
    )
    assert [(s, v) for s, v, _ in said] == [("four hundred and five billion", 405e9), ("fifteen trillion", 15e12)]


def test_chip_letters_gpu_hours_and_authors() -> None:
    assert _read("it ordered roughly three hundred fifty thousand h one hundreds") == [
        ("roughly three hundred fifty thousand", 350000.0, "gpu")
    ]
    assert _read("It costs $7.20 per GPU-hour and 13,000 utilized GPU-hours.") == [
        ("$7.20 per GPU-hour", 7.2, "usd_per_gpu_hour"),
        ("13,000 utilized GPU-hours", 13000.0, "gpu_hour"),
    ]
    assert _read("eight authors at google") == [("eight authors", 8.0, "person")]


def test_a_bare_scaled_amount_after_money_tokens_or_parameters_shares_the_unit() -> None:
    assert _read("we spent $10 billion in 2023 and 12 billion in 2024")[2] == ("12 billion", 12e9, "usd")
    assert _read("one trillion dollars of assets growing at two hundred and fifty billion a year")[1][2] == (
        "usd_per_year"
    )
    assert _read("it saw 13 trillion tokens and the others two to three trillion")[1][2] == "token"
    # a noun of its own after the number keeps it apart
    assert _read("2 trillion tokens is like 20 million books")[1][2] == "count"


def test_spoken_years_vague_handfuls_and_per_quarter() -> None:
    assert _read("cuda came out in two thousand six so") == [("two thousand six", 2006.0, "year")]
    assert _read("we hired two thousand people") == [("two thousand people", 2000.0, "person")]
    ((surface, _, unit),) = _read("only a handful of companies did it")
    assert surface == "a handful of" and unit == "count"
    assert [s for s, _, _ in _read("They add a few hundred megawatts a quarter each.")] == ["a few hundred megawatts"]
    assert [s for s, _, _ in _read("Sales fell by a quarter.")] == ["a quarter"]
    assert _read("$5.22 a year from now")[0][2] == "usd"


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit"),
    [
        ("Das Modell sah zehn hoch dreizehn Token.", "de", 1e13, "token"),
        ("rund 3,8 mal 10 hoch 25 FLOPs", "de", 3.8e25, "flop"),
        ("10の13乗トークンで学習しました。", "ja", 1e13, "token"),
        ("計算量は3.8×10の25乗FLOPsです。", "ja", 3.8e25, "flop"),
    ],
)
def test_powers_of_ten_said_in_german_and_japanese(text: str, lang: str, value: float, unit: str) -> None:
    ((_, got, got_unit),) = _read(text, lang)
    assert got == pytest.approx(value) and got_unit == unit


def test_a_price_per_million_tokens_is_a_price_per_token() -> None:
    ((surface, value, unit),) = _read("It costs $3 per million tokens.")
    assert surface == "$3 per million tokens" and value == pytest.approx(3e-6) and unit == "usd_per_token"
    assert _read("twenty cents per thousand output tokens")[0][1:] == (pytest.approx(2e-4), "usd_per_token")


def test_fifty_fifty_and_german_multiples() -> None:
    assert _read("it's roughly fifty fifty, a 50/50 split") == []
    assert [u for _, _, u in _read("das 25-Fache bei gleicher Leistung", "de")] == ["multiple"]
    assert [v for _, v, _ in _read("in 2 thousand 24 we shipped")] == [2024.0]


def test_speech_drops_the_of_of_a_couple_and_a_large_amount_carries_money_past_small_counts() -> None:
    assert _read("and then a couple hundred")[0][1:] == (None, "count")
    assert [q.value_low for q in find_quantities("it took a couple weeks", "en")] == [2.0]
    assert _read("a couple who lived there said so") == []
    said = _read("it is 1.8 trillion parameters, sixteen experts of about a hundred and eleven billion each")
    assert said[-1][2] == "parameter"
    assert _read("the h100 was about $30k and the b200 is like 40k")[1] == ("40k", 40000.0, "usd")


def test_zero_to_one_and_generation_labels_are_no_amounts() -> None:
    assert _read("Going from zero to one is hard.") == []
    assert [s for s, _, _ in _read("It fell from zero to one percent.")] == ["zero", "one percent"]
    assert _read("We ship Gen 2 chips.") == []
    assert _read("the next generation 100,000 GPUs") == [("100,000 GPUs", 100000.0, "gpu")]


def test_asr_sizes_scale_letters_chips_and_a_decimal_without_its_zero() -> None:
    assert _read("the big model was like one seventy five b")[-1] == ("one seventy five b", 175e9, "parameter")
    assert _read("the data set was like two t tokens")[0][1:] == (2e12, "token")
    assert _read("on like five hundred twelve a100s")[0][1:] == (512.0, "gpu")
    assert _read("it's down point five percent")[0][1:] == (0.5, "percent")
    assert [s for s, _, _ in _read("at some point two people left")] == ["two people"]


def test_model_families_name_versions_and_the_nasdaq_100_is_a_name() -> None:
    assert _read("claude 4 and gemini 2.5 pro and Grok 3") == [
        ("claude 4", 4.0, "version"),
        ("gemini 2.5", 2.5, "version"),
        ("Grok 3", 3.0, "version"),
    ]
    assert _read("the nasdaq 100 was up 3%") == [("3%", 3.0, "percent")]


@pytest.mark.parametrize(
    ("text", "lang", "low", "high", "unit"),
    [
        ("and ships them two, three tons at a time", "en", 2000.0, 3000.0, "kilogram"),
        ("and two, three years later it shipped", "en", 2.0, 3.0, "duration_year"),
        ("Und zwei, drei Jahre später.", "de", 2.0, 3.0, "duration_year"),
    ],
)
def test_two_small_numbers_said_with_a_comma_are_one_range(text: str, lang: str, low, high, unit) -> None:
    ((q,),) = [find_quantities(text, lang)]
    assert (q.value_low, q.value_high, q.unit) == (low, high, unit)


def test_periods_said_with_a_half_multi_amounts_and_spoken_clock_times() -> None:
    assert _read("then half an hour of questions and an hour and a half of demos") == [
        ("half an hour", 1800.0, "duration_second"),
        ("an hour and a half", 5400.0, "duration_second"),
    ]
    assert _read("a year and a half of runway") == [("a year and a half", 1.5, "duration_year")]
    said = [(q.surface, q.value_low, q.value_high, q.unit) for q in find_quantities("a multibillion-dollar deal", "en")]
    assert said == [("multibillion-dollar", 2e9, 1e10, "usd")]
    assert [q.value_high for q in find_quantities("a multi-year deal", "en")] == [10.0]
    assert _read("it was nine thirty in the morning and we left at seven pm") == []
    assert _read("we had half a million users") == [("half a million users", 500000.0, "person")]


def test_a_bare_amount_a_money_word_governs_is_dollars_where_no_currency_is_said() -> None:
    assert [u for _, _, u in _read("they raised six point six billion at a hundred fifty seven billion valuation")] == [
        "usd",
        "usd",
    ]
    assert _read("we trained on 15 trillion tokens which cost about 2 billion")[1][2] == "usd"
    assert _read("the company has 3 billion users and costs are high")[0][2] == "person"
    assert _read("it raised 5 billion last year, or 4 billion pounds")[0][2] == "count"  # another currency said
