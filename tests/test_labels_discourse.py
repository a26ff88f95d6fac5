"""Issue 26's categories of numbers that are not what they look like: changes read as two values (not a
range), names and labels that contain numbers, and discourse numbers (enumerations, idioms, vague amounts).

Sentences here are written for the rules, in all three languages where the problem exists.
"""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


def found(text: str, lang: str = "en") -> list[tuple[str, float | None, float | None, str]]:
    return [(q.surface, q.value_low, q.value_high, q.unit) for q in find_quantities(text, lang)]


# ---------------------------------------------------------------------------
# Changes: where a value moved from, how far, and where it ended are separate values
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, want", [
    ("Brent fell from $90 to $62 over the summer.", "en", [("$90", 90.0, 90.0, "usd"), ("$62", 62.0, 62.0, "usd")]),
    ("Shares slid from 90 to 62 dollars.", "en", [("90", 90.0, 90.0, "usd"), ("62 dollars", 62.0, 62.0, "usd")]),
    ("Capacity will grow from 6 to 11 gigawatts.", "en",
     [("6", 6e9, 6e9, "watt"), ("11 gigawatts", 11e9, 11e9, "watt")]),
    ("Acme was down 424p to 5,512p.", "en", [("424p", 4.24, 4.24, "gbp"), ("5,512p", 55.12, 55.12, "gbp")]),
    ("Bolt was down 12.7 to 326.6p.", "en", [("12.7", 0.127, 0.127, "gbp"), ("326.6p", 3.266, 3.266, "gbp")]),
    ("It rose 4.5 percent or 16.4p to 382.2p.", "en",
     [("4.5 percent", 4.5, 4.5, "percent"), ("16.4p", 0.164, 0.164, "gbp"), ("382.2p", 3.822, 3.822, "gbp")]),
    ("Der Preis ist von 90 auf 62 Dollar gefallen.", "de",
     [("90", 90.0, 90.0, "usd"), ("62 Dollar", 62.0, 62.0, "usd")]),
    ("原油価格は60ドルから90ドルに上昇した。", "ja", [("60ドル", 60.0, 60.0, "usd"), ("90ドル", 90.0, 90.0, "usd")]),
    ("原油価格は90から62ドルに下落した。", "ja", [("90", 90.0, 90.0, "usd"), ("62ドル", 62.0, 62.0, "usd")]),
])
def test_a_change_is_two_values_not_a_range(text, lang, want):
    got = found(text, lang)
    assert [(s, u) for s, _, _, u in got] == [(s, u) for s, _, _, u in want]
    for (_, lo, hi, _), (_, wlo, whi, _) in zip(got, want):
        assert lo == pytest.approx(wlo) and hi == pytest.approx(whi)


@pytest.mark.parametrize("text, lang, want", [
    ("Sales are expected to rise 5 to 7% next year.", "en", ("5 to 7%", 5.0, 7.0, "percent")),
    ("The number range is from 200 to 300 here.", "en", ("200 to 300", 200.0, 300.0, "count")),
    ("Each checkpoint holds from 1MB to 4GB.", "en", ("1MB to 4GB", 1e6, 4e9, "byte")),
    ("Prices ranging from 5 to 10 dollars.", "en", ("5 to 10 dollars", 5.0, 10.0, "usd")),
    ("Es kostet von 5 bis 10 Dollar.", "de", ("5 bis 10 Dollar", 5.0, 10.0, "usd")),
    ("価格は60ドルから90ドルの範囲だ。", "ja", ("60ドルから90ドル", 60.0, 90.0, "usd")),
])
def test_a_range_without_movement_stays_one_range(text, lang, want):
    assert found(text, lang) == [want]


@pytest.mark.parametrize("text, want", [
    ("Gross margin of 48.7%-50.2% is expected.", ("48.7%-50.2%", 48.7, 50.2, "percent")),
    ("We guide billings between $1,900,000,000 $2,000,000,000 for the year.",
     ("$1,900,000,000 $2,000,000,000", 1.9e9, 2e9, "usd")),
])
def test_written_ranges_a_dash_after_percent_and_a_lost_and(text, want):
    assert found(text) == [want]


def test_a_minus_sign_after_a_word_still_reads_negative():
    assert found("It fell to -5% today.") == [("-5%", -5.0, -5.0, "percent")]


# ---------------------------------------------------------------------------
# Names and labels that contain numbers
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ("The FTSE 100 and the Dow 30 closed higher.", "en"),
    ("Most Fortune 500 firms use it.", "en"),
    ("Windows 11 ships on the iPhone 15 box.", "en"),
    ("It runs GPT-4o.", "en"),
    ("People talk about web 2 and web 3.", "en"),
    ("Write to Suite 4, 22-24 Mill Lane.", "en"),
    ("She made the record books on day two.", "en"),
    ("The phone uses a Qualcomm Snapdragon 660 chip.", "en"),
    ("Seoul edged Gwangju 2-1.", "en"),
    ("They won 3-1, and the fans sang.", "en"),
    ("Der DAX 40 schloss freundlich.", "de"),
    ("Das Büro liegt in der Hauptstraße 5.", "de"),
    ("Das Spiel endete 2:1.", "de"),
    ("日経225は上昇した。", "ja"),
    ("住所は3丁目5番地です。", "ja"),
])
def test_a_number_inside_a_name_or_label_is_no_quantity(text, lang):
    assert found(text, lang) == []


@pytest.mark.parametrize("text, lang, want", [
    ("The FTSE 100 rose 2% today.", "en", [("2%", 2.0, 2.0, "percent")]),
    ("The project takes 2-3 weeks before the final.", "en", [("2-3 weeks", 2.0, 3.0, "duration_week")]),
    ("Der DAX 40 stieg um 2 Prozent.", "de", [("2 Prozent", 2.0, 2.0, "percent")]),
])
def test_quantities_next_to_a_label_are_still_read(text, lang, want):
    assert found(text, lang) == want


def test_a_release_joined_to_a_size_is_a_version_and_a_size():
    assert found("The page says 3.1-8B took a while.") == [("3.1", 3.1, 3.1, "version"), ("8B", 8e9, 8e9, "parameter")]


def test_a_year_in_brackets_after_a_model_code_names_the_edition():
    assert found("Samsung launched the Galaxy A9 (2018) today.") == []
    assert found("Sales (2018) doubled in 2019.")[-1] == ("2019", 2019.0, 2019.0, "year")


# ---------------------------------------------------------------------------
# Discourse numbers: list markers, ratings, halves that name a period or an idiom
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ("1. Around the world\n2. Back again", "en"),
    ("21/20. Ryan Sessegnon (Tottenham)", "en"),
    ("Rating: 5/10", "en"),
    ("He deserves 7/10, no more.", "en"),
    ("Profit rose in the first half of the year.", "en"),
    ("The first-half results were strong.", "en"),
    ("The half-year profit fell.", "en"),
    ("That is the other half of the story.", "en"),
    ("In der ersten Hälfte des Jahres.", "de"),
])
def test_list_markers_ratings_and_period_halves_are_no_quantities(text, lang):
    assert found(text, lang) == []


def test_a_half_of_something_is_still_fifty_percent():
    assert found("half of the staff left.") == [("half", 50.0, 50.0, "percent")]


@pytest.mark.parametrize("text", [
    "One, it's cheaper. Two, it ships sooner.",
    "(03:47:34) One is… And then we left.",
    "It deepens ties with customers shared by the two, since both sell kits.",
    "Margins were up in the first two quarters of the year.",
    "a few of them",
    "several more",
])
def test_enumerations_pronouns_and_periods_are_no_quantities(text):
    assert found(text) == []


@pytest.mark.parametrize("text, lang, want", [
    ("Just a few breaths of that air would kill you.", "en", (2.0, 5.0, "count")),
    ("There are several such pools nearby.", "en", (3.0, 9.0, "count")),
    ("We hired a couple of hundred engineers.", "en", (200.0, 300.0, "person")),
    ("They made several billion dollars of investments.", "en", (3e9, 9e9, "usd")),
    ("Es kostet ein paar Hundert Euro.", "de", (200.0, 500.0, "eur")),
    ("Sie investierten mehrere Milliarden Dollar.", "de", (2e9, 9e9, "usd")),
    ("数百人が参加した。", "ja", (100.0, 1000.0, "person")),
])
def test_vague_amounts_carry_their_bracket_times_what_follows(text, lang, want):
    (q,) = find_quantities(text, lang)
    low, high, unit = want
    assert (q.value_low, q.value_high) == pytest.approx((low, high)) and q.unit == unit


def test_two_people_opening_a_sentence_are_counted():
    assert found("Two people died.") == [("Two people", 2.0, 2.0, "person")]


@pytest.mark.parametrize("text, want", [
    ("Orders were up a high single digit percentage.", (6.0, 9.0, "percent")),
    ("They are building a multi-gigawatt data center.", (2e9, 1e10, "watt")),
])
def test_digit_counts_and_multi_carry_brackets(text, want):
    (q,) = find_quantities(text, "en")
    assert (q.value_low, q.value_high, q.unit) == want


def test_a_bracketed_loss_opens_a_range_but_a_bracketed_conversion_does_not():
    assert found("Operating income of ($300,000)-$3.6M is guided.") == [
        ("($300,000)-$3.6M", -300000.0, 3.6e6, "usd")]
    # the bracketed pounds convert the dollars: the same price a barrel, not a range or a negative
    assert found("It fell from $57 (£44) a barrel to $45.")[1] == ("£44", 44.0, 44.0, "gbp_per_barrel")


@pytest.mark.parametrize("text, want", [
    ("The striker has scored just one goal this season.", [("one", 1.0, 1.0, "count")]),
    ("He hit six fours in one single over.", [("six", 6.0, 6.0, "count"), ("one", 1.0, 1.0, "count")]),
    ("One day we'll get there.", []),
    ("It was the most successful one we made.", []),
    ("Nobody has built a gigawatt one yet.", []),
    ("She is one of the best.", []),
    ("That is the one thing I regret.", []),
])
def test_one_counts_the_noun_after_it_but_not_in_idioms(text, want):
    assert found(text) == want


@pytest.mark.parametrize("text, lang, want", [
    ("Brent fell from $90 to $62.", "en", ["from", "to"]),
    ("Acme was down 424p to 5,512p.", "en", ["by", "to"]),
    ("Der Preis ist von 90 auf 62 Dollar gefallen.", "de", ["from", "to"]),
    ("Er ist um 5 Prozent auf 62 Dollar gestiegen.", "de", ["by", "to"]),
    ("原油価格は60ドルから90ドルに上昇した。", "ja", ["from", "to"]),
    ("Sales are expected to rise 5 to 7% next year.", "en", [""]),
])
def test_each_value_of_a_change_says_its_part(text, lang, want):
    assert [q.change for q in find_quantities(text, lang)] == want


def test_the_claims_table_documents_the_change_column():
    from helpers.claims.extract import CLAIMS, QUANTITY_FIELDS

    assert CLAIMS.names[-1] == "change" and QUANTITY_FIELDS[-1] == "change"
    assert "never a range" in CLAIMS.dictionary()["change"]


@pytest.mark.parametrize("text, lang", [
    ("It could be hundreds or thousands of people.", "en"),
    ("Es könnten Hunderte oder Tausende Menschen sein.", "de"),
])
def test_hundreds_or_thousands_is_one_vague_range(text, lang):
    (q,) = find_quantities(text, lang)
    assert (q.value_low, q.value_high, q.unit, q.vague) == (100.0, 10000.0, "person", True)


def test_captions_without_casing_keep_index_and_product_names():
    assert found("so the ftse 100 fell and the iphone 15 sold 3 million units") == [
        ("3 million", 3e6, 3e6, "count")]


@pytest.mark.parametrize("text, want", [
    ("With 11,600 Suwon fans in the stands, they won.", ("11,600 Suwon fans", 11600.0, 11600.0, "person")),
    ("It had a field of 47,107 runners.", ("47,107 runners", 47107.0, 47107.0, "person")),
    ("The six analysts expected less.", ("six analysts", 6.0, 6.0, "person")),
    ("She beat the 20 other players.", ("20 other players", 20.0, 20.0, "person")),
])
def test_people_named_by_their_role_are_persons(text, want):
    assert found(text) == [want]


def test_at_least_one_is_an_idiom_not_a_count():
    assert found("You are bound to disagree with at least one player here.") == []


def test_a_year_between_the_values_of_a_change_is_no_part_of_it():
    got = find_quantities("It grew from 2 million in 2020 to 5 million in 2023.", "en")
    assert [(q.surface, q.change) for q in got if q.unit == "year"] == [("2020", ""), ("2023", "")]


def test_a_japanese_score_is_no_quantity():
    assert found("チームは3対1で勝利した。", "ja") == []


@pytest.mark.parametrize("text", ["He played in the 2019-20 season.", "Hamilton 2000/01", "im Jahr 2023/24"])
def test_a_season_of_two_consecutive_years_is_no_quantity(text):
    assert found(text, "de" if "Jahr" in text else "en") == []


def test_two_years_that_do_not_follow_each_other_still_count():
    assert found("It ran from 1990 to 1995.") != []
