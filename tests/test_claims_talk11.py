"""Talk transcripts (batch 11): money said bare a sentence after an amount of money, a scaled price per million tokens,
a caption's broken decimal before a scale word, the article as one unit after a bound, a qualifier between a number
and its unit, "one" standing for a noun; and a plain-text headline that states a figure."""

from __future__ import annotations

import pytest

from helpers.claims.extract import extract_claims
from helpers.claims.quantities import find_quantities
from helpers.text.parse import parse_document


def _units(text: str) -> list[tuple[str, float | None, str]]:
    return [(c.surface, c.value, c.unit) for c in extract_claims(parse_document(text, "t"))]


def _read(text: str) -> list[tuple[str, float | None, str]]:
    return [(q.surface, q.value, q.unit) for q in find_quantities(text, "en")]


@pytest.mark.parametrize(
    ("text", "bare", "value"),
    [
        (
            "They announced $500 billion over four years. The first tranche is 100 billion, not more.",
            "100 billion",
            1e11,
        ),
        (
            (
                "they put in a hundred billion dollars\none gigawatt costs fifty billion all in\n"
                "and of that about thirty five billion is chips"
            ),
            "about thirty five billion",
            35e9,
        ),
    ],
)
def test_a_bare_scaled_amount_after_money_said_just_before_is_money(text, bare, value) -> None:
    assert (bare, value, "usd") in _units(text)


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        (
            "Sie kündigten 500 Milliarden Dollar an. Die erste Tranche sind 100 Milliarden, nicht mehr.",
            "100 Milliarden",
        ),
        ("彼らは5000億ドルを発表しました。最初の分は1000億です。", "1000億"),
    ],
)
def test_money_said_just_before_carries_in_german_and_japanese(text, bare) -> None:
    assert (bare, 1e11, "usd") in _units(text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("so we talked to the founders\nand they raised six point six billion last october\n", "count"),
        ("The firm raised £2bn last year.\nThis year it raised 6.6 billion in funding.\n", "gbp"),
        ("The firm raised $2bn last year.\nThis year it raised 6.6 billion in funding.\n", "usd"),
    ],
)
def test_unsaid_money_is_dollars_only_where_the_document_says_dollars(text, unit) -> None:
    assert [u for s, v, u in _units(text) if v == 6.6e9] == [unit]


def test_a_bare_scaled_amount_with_no_money_before_stays_a_count() -> None:
    got = _units("We have 500 GPUs. The first tranche is 100 billion, not more.")
    assert ("100 billion", 1e11, "count") in got


def test_money_words_after_an_amount_and_its_rate() -> None:
    assert ("a billion a year", 1e9, "usd_per_year") in _read("we had passed a billion a year in revenue.")
    assert ("332 million", 332e6, "usd") in _read("They raised something like 332 million in venture money.")


def test_a_price_per_million_tokens_said_with_an_article_and_carried() -> None:
    got = _read("It used to be $30 a million tokens and o1 is $60.")
    assert [(s, round(v or 0, 9), u) for s, v, u in got] == [
        ("$30 a million tokens", 3e-05, "usd_per_token"),
        ("$60", 6e-05, "usd_per_token"),
    ]


def test_a_caption_decimal_split_before_a_scale_word_is_one_number() -> None:
    got = _units("the stock is up\nit was 4. 4 trillion at the close on friday")
    assert [(s, v) for s, v, _ in got] == [("4. 4 trillion", 4.4e12)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Over a gigawatt when it's fully built.", "Over a gigawatt"),
        ("the first money goes in when a gigawatt is up", "a gigawatt"),
    ],
)
def test_the_article_is_one_unit_after_a_bound_or_as_a_subject(text, surface) -> None:
    assert (surface, 1e9, "watt") in _read(text)


def test_a_qualifier_between_number_and_unit_and_a_memory_size_before_a_gpu() -> None:
    assert ("90 plus percent", 90.0, "percent") in _read("90 plus percent of gross profit was card")
    assert _read("it runs on a single eighty gigabyte gpu") == [("eighty gigabyte", 8e10, "byte")]
    assert ("seventeen billion active parameters", 17e9, "parameter") in _read(
        "it has seventeen billion active parameters"
    )


@pytest.mark.parametrize("text", ["the big one runs on a laptop", "at any one time"])
def test_one_standing_for_a_noun_is_no_quantity(text) -> None:
    assert _read(text) == []


def test_a_headline_with_a_figure_gives_claims_and_stays_the_title() -> None:
    text = "Nvidia to invest $100 billion in OpenAI\n\nNvidia said it would invest up to $100 billion.\n"
    doc = parse_document(text, "t")
    assert doc.title == "Nvidia to invest $100 billion in OpenAI"
    assert [c.line for c in extract_claims(doc)] == [1, 3]


def test_a_headline_without_a_figure_stays_only_the_title() -> None:
    doc = parse_document("A quiet week in tech\n\nNvidia said it would invest up to $100 billion.\n", "t")
    assert doc.title == "A quiet week in tech"
    assert [c.line for c in extract_claims(doc)] == [3]


def test_a_markdown_headline_with_a_figure_gives_claims() -> None:
    doc = parse_document("# Nvidia to invest $100 billion in OpenAI\n\nThe shares rose 4% on the news.\n", "t")
    assert [(c.surface, c.line) for c in extract_claims(doc)] == [("$100 billion", 1), ("4%", 3)]


@pytest.mark.parametrize(
    ("text", "multiple"),
    [
        ("The IPO was oversubscribed 40 times.", "40 times"),
        ("Die Aktie war 40-fach überzeichnet.", "40-fach"),
        ("新規株式公開は40倍の応募があった。", "40倍"),
    ],
)
def test_an_offer_oversubscribed_n_times_is_a_multiple(text, multiple) -> None:
    assert (multiple, 40.0, "multiple") in _units(text)


def test_a_round_that_put_you_at_an_amount_is_money_where_the_document_says_dollars() -> None:
    text = (
        "The firm raised $2bn in 2020.\nSince then the card business has grown into travel and bill pay.\n"
        "The team has doubled in every office it runs.\nCustomers stayed.\nThe product got better.\n"
        "And the last round put you at 22.5 billion.\n"
    )
    assert ("22.5 billion", 22.5e9, "usd") in _units(text)
    assert ("5 million users", 5e6, "person") in _units("They put it at 5 million users.")


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Ein Gigawatt kostet 50 Milliarden Dollar.", ("Ein Gigawatt", 1e9, "watt")),
        ("Wir bauen einen Cluster mit einem Gigawatt.", ("einem Gigawatt", 1e9, "watt")),
        ("Die Inflation stieg um ein Prozent.", ("ein Prozent", 1.0, "percent")),
        ("Er lief einen Kilometer.", ("einen Kilometer", 1000.0, "meter")),
    ],
)
def test_the_german_article_before_a_unit_is_one_of_it(text, claim) -> None:
    assert claim in _units(text)


@pytest.mark.parametrize("text", ["Ein Mann kam herein.", "Eine Frage habe ich noch.", "Das dauert eine Stunde."])
def test_the_german_article_before_other_nouns_stays_an_article(text) -> None:
    assert _units(text) == []
