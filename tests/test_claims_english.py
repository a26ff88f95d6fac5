"""The English categories of issue 26, one general rule each (tests/fixtures/claims/README.md names them):
unit symbols glued or hyphenated to a number, the people a count is of, the scale of bare degrees."""

from __future__ import annotations

import math

import pytest

from helpers.claims import extract, quantities
from helpers.text.model import ParsedDocument, Sentence


def readings(text: str, lang: str = "en") -> list[tuple[str, str, float | None, float | None]]:
    return [(q.surface, q.unit, q.value_low, q.value_high) for q in quantities.find_quantities(text, lang)]


def document(lines: list[str], lang: str = "en") -> ParsedDocument:
    text, sentences, start = "", [], 0
    for i, line in enumerate(lines):
        sentences.append(
            Sentence(sentence_id=i, block_id=i, start=start, end=start + len(line), line=i + 1, lang=lang, text=line)
        )
        text += line + "\n"
        start += len(line) + 1
    return ParsedDocument(doc_id="d", path="", encoding="utf-8", text=text, lang=lang, title=None, sentences=sentences)


def _close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-9)


@pytest.mark.parametrize(
    "text,surface,unit,value",
    [
        ("The iPhone 15 has a 3,877mAh battery.", "3,877mAh", "coulomb", 3877 * 3.6),
        ("a big step from the 12MP sensors", "12MP", "pixel", 12e6),
        ("the 48-megapixel main camera", "48-megapixel", "pixel", 48e6),
        ("the move to a 3-nanometer process", "3-nanometer", "meter", 3e-9),
        ("a laptop with 16 gigs of memory", "16 gigs", "byte", 16e9),
        ("tyres at 32psi", "32psi", "pascal", 32 * 6894.757293168361),
    ],
)
def test_a_unit_symbol_glued_or_hyphenated_to_a_number_is_its_unit(
    text: str, surface: str, unit: str, value: float
) -> None:
    got = {s: (u, lo) for s, u, lo, _ in readings(text)}
    assert surface in got and got[surface][0] == unit and _close(got[surface][1], value), got


@pytest.mark.parametrize("text", ["GPT-4o and H100s", "the A17 chip", "3D printing", "a 3-D film", "a 10-K filing"])
def test_letters_glued_to_digits_that_are_no_unit_stay_names(text: str) -> None:
    assert all(u == "count" for _, u, _, _ in readings(text)), readings(text)
    assert not any(u in ("pixel", "coulomb", "byte", "meter") for _, u, _, _ in readings(text))


@pytest.mark.parametrize(
    "text,surface",
    [
        ("breath came from 55 lung cancer patients", "55 lung cancer patients"),
        ("75 deaths were blamed on the heat", "75 deaths"),
        ("carrying four astronauts from three countries", "four astronauts"),
        ("20 Chinese students", "20 Chinese students"),
    ],
)
def test_people_nouns_after_up_to_two_words_make_a_count_of_persons(text: str, surface: str) -> None:
    assert (surface, "person") in [(s, u) for s, u, _, _ in readings(text)], readings(text)


def test_jobs_stay_a_count_as_in_the_first_gold() -> None:
    assert [u for _, u, _, _ in readings("it would cut 18,000 jobs")] == ["count"]


def _kelvin_f(f: float) -> float:
    return (f - 32) * 5 / 9 + 273.15


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("bracing for 116 degrees Fahrenheit, with 110-115 degrees expected", _kelvin_f(110), _kelvin_f(115)),
        ("100.2 degrees farenheit is low", _kelvin_f(100.2), _kelvin_f(100.2)),
        ("It was 24 degrees outside.", 297.15, 297.15),
        # alone, bare degrees are Celsius, unless no weather could reach them in Celsius (61-149 degrees)
        ("the temperature outside is 98 degrees", _kelvin_f(98), _kelvin_f(98)),
        ("Today's record of 109° looks safe, though the heat index will reach 105°", _kelvin_f(109), _kelvin_f(109)),
        ("set the oven temperature to 200 degrees", 473.15, 473.15),
        # highs and lows given without "degrees" are temperatures
        ("The record high temperature for today is 99, set in 2007.", _kelvin_f(99), _kelvin_f(99)),
        ("Temperatures in London will reach 25 on Sunday.", 298.15, 298.15),
        ("Highs of 16 or even 17°C are expected.", 289.15, 289.15),
        ("the forecast says 30 degrees Celsius and then 35 degrees", 308.15, 308.15),
    ],
)
def test_bare_degrees_take_the_scale_the_sentence_implies(text: str, low: float, high: float) -> None:
    got = [(lo, hi) for _, u, lo, hi in readings(text) if u == "kelvin"]
    assert any(_close(lo, low) and _close(hi, high) for lo, hi in got), got


def test_a_share_price_high_is_no_temperature() -> None:
    assert "kelvin" not in [u for _, u, _, _ in readings("Shares hit a record high of 250 on Monday.")]


def test_a_temperature_departure_is_a_difference_in_kelvin() -> None:
    got = [(lo, hi) for _, u, lo, hi in readings("highs will run 15 to 20 degrees above normal") if u == "kelvin"]
    assert got and _close(got[0][0], 15.0) and _close(got[0][1], 20.0)  # Celsius alone: 1 degree = 1 K


@pytest.mark.parametrize(
    "lines,low",
    [
        (["Afternoon highs are forecast at 101 to 107 degrees."], _kelvin_f(101)),
        (["A child with a fever of 102 degrees."], _kelvin_f(102)),
        (["The heat wave goes on.", "It was 24 degrees and warm on Monday."], 297.15),  # no hot reading: Celsius
    ],
)
def test_a_weather_document_above_60_degrees_is_in_fahrenheit(lines: list[str], low: float) -> None:
    got = [c.value_low for c in extract.extract_claims(document(lines)) if c.unit == "kelvin"]
    assert got and _close(got[0], low), got


def test_a_document_in_fahrenheit_reads_its_bare_degrees_in_fahrenheit() -> None:
    doc = document(
        [
            "The valley is bracing for 116 degrees Fahrenheit.",
            "Highs will run 15 to 20 degrees above normal.",
            "St. Louis reached 100 degrees or higher for ten days.",
        ]
    )
    kelvin = [(c.surface, c.value_low, c.value_high) for c in extract.extract_claims(doc) if c.unit == "kelvin"]
    assert [s.split(" or ")[0] for s, _, _ in kelvin] == ["116 degrees Fahrenheit", "15 to 20 degrees", "100 degrees"]
    assert _close(kelvin[1][1], 15 * 5 / 9) and _close(kelvin[1][2], 20 * 5 / 9)
    assert _close(kelvin[2][1], _kelvin_f(100))


def test_german_and_metric_documents_keep_celsius() -> None:
    doc = document(["Im Sommer wurden 38 Grad gemessen, die Hitze hielt an."], lang="de")
    assert [round(c.value_low or 0, 2) for c in extract.extract_claims(doc) if c.unit == "kelvin"] == [311.15]


@pytest.mark.parametrize(
    "text,lang,surface,share",
    [
        ("Drug reactions hit one in 50 hospital patients.", "en", "one in 50 hospital patients", 2.0),
        ("More than two out of every 100 hospital patients suffer.", "en", "two out of every 100", 2.0),
        ("close to eight in 10 Americans see a crisis", "en", "eight in 10 Americans", 80.0),
        ("one in three of all adverse events", "en", "one in three", 100 / 3),
        ("5人に1人が喫煙する。", "ja", "5人に1人", 20.0),
    ],
)
def test_a_part_in_a_whole_is_one_percentage(text: str, lang: str, surface: str, share: float) -> None:
    got = [(s, lo) for s, u, lo, _ in readings(text, lang) if u == "percent"]
    assert len(got) == 1 and surface in got[0][0] and _close(got[0][1], share), readings(text, lang)


@pytest.mark.parametrize("text", ["He scored 3 in 2019.", "How about 2 in 5 or more", "54 of the 55 patients"])
def test_numbers_side_by_side_that_are_no_share_stay_apart(text: str) -> None:
    assert not [u for _, u, _, _ in readings(text) if u == "percent"], readings(text)


@pytest.mark.parametrize(
    "text,surface,unit,value",
    [
        ("a 12-percentage-point lead", "12-percentage-point", "percentage_point", 12.0),
        ("a charge of $600 grand", "$600 grand", "usd", 600_000.0),
        ("he made 600 grand last year", "600 grand", "usd", 600_000.0),
        ("a 100-megawatt plant", "100-megawatt", "watt", 1e8),
    ],
)
def test_written_units_read_whole(text: str, surface: str, unit: str, value: float) -> None:
    assert [(s, u) for s, u, _, _ in readings(text)] == [(surface, unit)]
    assert _close(readings(text)[0][2], value)


def test_the_grand_total_is_no_money() -> None:
    assert [u for _, u, _, _ in readings("the grand total was 5")] == ["count"]


@pytest.mark.parametrize("verb", ["regained", "recovered", "eased", "edged up", "sagged"])
def test_a_distance_moved_and_the_level_reached_are_two_values(verb: str) -> None:
    got = readings(f"Oil {verb} 71 cents to $89.53 a barrel.")
    assert [s for s, _, _, _ in got] == ["71 cents", "$89.53 a barrel"], got


@pytest.mark.parametrize(
    "text,surface,unit,value",
    [
        ("so for llama 3 70b that loop ran", "llama 3", "version", 3.0),
        ("gpt 4 reportedly saw 13 trillion tokens", "gpt 4", "version", 4.0),
        ("GPT-3.5 was next", "GPT-3.5", "version", 3.5),
        ("it is 72 blackwell gpus all wired together", "72 blackwell gpus", "gpu", 72.0),
        ("spread it over all 72 gpus", "72 gpus", "gpu", 72.0),
        ("trillions of tokens scraped from the web", "trillions of tokens", "token", 1e12),
        ("126 teraflops per gpu", "126 teraflops", "flop_per_second", 126e12),
        ("gpt 3 took 3640 petaflop days", "3640 petaflop days", "flop", 3640 * 1e15 * 86400),
        ("the 8b you can run on a laptop", "8b", "parameter", 8e9),
    ],
)
def test_talk_about_models_as_asr_writes_it(text: str, surface: str, unit: str, value: float) -> None:
    got = {s: (u, lo) for s, u, lo, _ in readings(text)}
    assert surface in got and got[surface][0] == unit and _close(got[surface][1], value), got


def test_gpt_4o_is_a_name_not_a_version() -> None:
    assert not [s for s, u, _, _ in readings("GPT-4o is out") if u == "version"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("the 8 billion one you can run", [("8 billion", 8e9)]),
        ("two billion one hundred million", [("two billion one hundred million", 2.1e9)]),
    ],
)
def test_one_after_a_scale_word_is_a_pronoun_unless_the_number_goes_on(text: str, expected: list) -> None:
    assert [(s, lo) for s, _, lo, _ in readings(text)] == expected


@pytest.mark.parametrize(
    "text", ["anyway one day we'll get there", "It was a fourth straight winning week.", "for a third time this year"]
)
def test_idioms_and_ordinals_are_no_quantities(text: str) -> None:
    assert readings(text) == []


@pytest.mark.parametrize("text", ["a third of voters", "up by a third on last year", "It fell by a fifth."])
def test_fractions_stay_fractions(text: str) -> None:
    assert [u for _, u, _, _ in readings(text)] == ["percent"]


@pytest.mark.parametrize(
    "text,surface,unit,value",
    [
        ("a $1.5tn infrastructure plan", "$1.5tn", "usd", 1.5e12),
        ("debt of £2.3trn", "£2.3trn", "gbp", 2.3e12),
        ("The 6ft 2in striker", "6ft 2in", "meter", (6 * 12 + 2) * 0.0254),
        ("It weighed 7lb 3oz", "7lb 3oz", "kilogram", 7 * 0.45359237 + 3 * 0.028349523125),
        ("He is 5 feet 10 inches tall", "5 feet 10 inches", "meter", 70 * 0.0254),
    ],
)
def test_scale_suffixes_and_compound_imperial_units(text: str, surface: str, unit: str, value: float) -> None:
    got = readings(text)
    assert [(s, u) for s, u, _, _ in got] == [(surface, unit)] and _close(got[0][2], value), got


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Boeing's 737 Max was grounded", "en"),
        ("the 15 Pro Max is bigger", "en"),
        ("The FTSE 250 and the Nikkei 225 fell", "en"),
        ("the Russell 2000 index fell", "en"),
        ("Europe's Stoxx 600 slipped", "en"),
        ("Der DAX 40 schloss fester.", "de"),
        ("日経225が下落した。", "ja"),
    ],
)
def test_index_and_product_names_hold_no_quantity(text: str, lang: str) -> None:
    assert readings(text, lang) == []


def test_a_count_before_a_product_word_still_counts() -> None:
    assert [s for s, _, _, _ in readings("He bought 3 Pro licences")] == ["3"]


@pytest.mark.parametrize(
    "text,surface,value",
    [
        ("Avogadro's number is 6.02×10^23.", "6.02×10^23", 6.02e23),
        ("It is 3.5e10.", "3.5e10", 3.5e10),
    ],
)
def test_scientific_numbers_at_a_sentence_end(text: str, surface: str, value: float) -> None:
    got = readings(text)
    assert [s for s, _, _, _ in got] == [surface] and _close(got[0][2], value)


@pytest.mark.parametrize(
    "text,surface,value",
    [
        ("It took a decade.", "a decade", 10.0),
        ("the highest in over a decade", "over a decade", 10.0),
        ("It lasted for a year.", "a year", 1.0),
    ],
)
def test_a_bounded_period_with_an_article_is_one_period(text: str, surface: str, value: float) -> None:
    got = readings(text)
    assert len(got) == 1 and surface in got[0][0] and got[0][1] == "duration_year" and _close(got[0][2], value)


@pytest.mark.parametrize("text", ["once a year", "a year ago", "about a year's worth", "nearly a century ago"])
def test_period_references_with_an_article_are_no_amount(text: str) -> None:
    assert readings(text) == []


def test_a_rate_carries_to_the_distance_moved_and_a_repeated_currency_is_skipped() -> None:
    got = readings("Oil regained 71 cents to $89.53 U.S. a barrel.")
    assert [(s, u) for s, u, _, _ in got] == [
        ("71 cents", "usd_per_barrel"),
        ("$89.53 U.S. a barrel", "usd_per_barrel"),
    ]


@pytest.mark.parametrize(
    "text,lang,surface",
    [("Grete Waitz won nine times.", "en", "nine times"), ("Er gewann drei Mal.", "de", "drei Mal")],
)
def test_occurrences_are_counted(text: str, lang: str, surface: str) -> None:
    assert [(s, u) for s, u, _, _ in readings(text, lang)] == [(surface, "count")]


def test_a_sub_race_time_is_a_duration() -> None:
    got = readings("A sub-2:07:30 run earns a man an extra $70,000.")
    assert ("2:07:30", "duration_second") in [(s, u) for s, u, _, _ in got] and _close(got[0][2], 7650.0)


@pytest.mark.parametrize(
    "text,surface,year",
    [
        ("so in twenty twenty four we did it", "twenty twenty four", 2024.0),
        ("back in nineteen ninety nine", "nineteen ninety nine", 1999.0),
        ("in twenty oh five", "twenty oh five", 2005.0),
    ],
)
def test_years_as_they_are_said(text: str, surface: str, year: float) -> None:
    assert [(s, u, lo) for s, u, lo, _ in readings(text)] == [(surface, "year", year)]


@pytest.mark.parametrize("text", ["twenty thirty people came", "we had twenty twenty five percent margins"])
def test_two_spoken_numbers_before_a_unit_are_no_year(text: str) -> None:
    assert "year" not in [u for _, u, _, _ in readings(text)], readings(text)


def test_asr_spelled_labels_and_spoken_k() -> None:
    assert readings("in q three we shipped like h one hundreds and covid nineteen hit") == []
    assert [(s, lo) for s, _, lo, _ in readings("we have five hundred k users")] == [("five hundred k users", 5e5)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("5.76 x 2.77 x 0.32 inches", [0.146304, 0.070358, 0.008128]),
        ("measuring about 19 by 12 by 11 kilometres", [19000.0, 12000.0, 11000.0]),
        ("a 20 x 30 cm photo", [0.2, 0.3]),
    ],
)
def test_each_side_of_a_dimension_is_a_length(text: str, expected: list[float]) -> None:
    got = readings(text)
    assert [u for _, u, _, _ in got] == ["meter"] * len(expected)
    assert all(_close(lo, v) for (_, _, lo, _), v in zip(got, expected, strict=True))


def test_pixels_and_multiples_stay_what_they_are() -> None:
    assert [u for _, u, _, _ in readings("a 1920 x 1080 display")] == ["pixel", "pixel"]
    assert [u for _, u, _, _ in readings("it's 3 x faster")] == ["multiple"]


@pytest.mark.parametrize(
    "text,lang,unit,low,high",
    [
        ("We added a couple of dozen engineers.", "en", "person", 24.0, 36.0),
        ("It lengthens stays by between one and five days.", "en", "duration_day", 1.0, 5.0),
        ("zwischen einem und drei Jahren", "de", "duration_year", 1.0, 3.0),
        ("for 3 straight days", "en", "duration_day", 3.0, 3.0),
    ],
)
def test_vague_dozens_ranges_from_one_and_counted_periods(
    text: str, lang: str, unit: str, low: float, high: float
) -> None:
    got = readings(text, lang)
    assert len(got) == 1 and got[0][1] == unit and _close(got[0][2], low) and _close(got[0][3], high), got


@pytest.mark.parametrize("text", ["(Chest, vol 118, p 290)", "(JAMA, 1997; 277: 301-17)"])
def test_citation_volumes_and_pages_are_no_quantities(text: str) -> None:
    assert [u for _, u, _, _ in readings(text)] in ([], ["year"])


@pytest.mark.parametrize(
    "text,unit",
    [
        ("Xbox Live monthly active users rose 26% year over year to 46 million.", "person"),
        ("Users rose and revenue hit 46 million.", "count"),
    ],
)
def test_people_named_before_their_count(text: str, unit: str) -> None:
    assert [u for s, u, _, _ in readings(text) if s == "46 million"] == [unit]


@pytest.mark.parametrize(
    "text,lang,surface,unit",
    [
        ("The number of Americans receiving benefits fell 49,000 to 1.98 million.", "en", "1.98 million", "person"),
        ("The number of Americans receiving benefits fell 49,000 to 1.98 million.", "en", "49,000", "person"),
        ("The number of orders fell to 1.98 million.", "en", "1.98 million", "count"),
        ("Fieldwork ran in August with a sample of more than 2,000.", "en", "more than 2,000", "person"),
        ("The analysis was based on the first 95 who developed symptoms.", "en", "95", "person"),
        ("The analysis was based on the first 95 cases.", "en", "95", "count"),
        ("In 2020 only 1613 people had waited over a year, while now 411 000 have.", "en", "411 000", "person"),
        ("In 2020 only 1613 orders had waited over a year, while now 411 000 have.", "en", "411 000", "count"),
        ("Subscribers to Office Home and Personal passed 7 million.", "en", "7 million", "person"),
        ("Die Zahl der Arbeitslosen sank im Mai um 20.000 auf 2,9 Millionen.", "de", "2,9 Millionen", "person"),
        ("Es gab eine Stichprobe von rund 2.000.", "de", "rund 2.000", "person"),
    ],
)
def test_people_counted_far_from_their_noun(text: str, lang: str, surface: str, unit: str) -> None:
    assert [u for s, u, _, _ in readings(text, lang) if s == surface] == [unit]


@pytest.mark.parametrize(
    "text,lang,surface,unit,value",
    [
        ("Video recording goes up to 2160p@60fps.", "en", "60fps", "frame_per_second", 60.0),
        ("Videos mit 4K und 120 fps.", "de", "120 fps", "frame_per_second", 120.0),
        ("4K・60フレーム/秒で撮影できる。", "ja", "60フレーム/秒", "frame_per_second", 60.0),
        ("The mile-wide asteroid was imaged.", "en", "mile-wide", "meter", 1609.344),
        ("He ate a foot-long sandwich.", "en", "foot-long", "meter", 0.3048),
        ("Nobody has built a single gigawatt data center yet.", "en", "a single gigawatt", "watt", 1e9),
        ("It is an exaflop in a single rack.", "en", "an exaflop", "flop_per_second", 1e18),
    ],
)
def test_one_unit_said_with_an_article_or_as_an_adjective(
    text: str, lang: str, surface: str, unit: str, value: float
) -> None:
    assert [(u, round(lo or 0, 4)) for s, u, lo, _ in readings(text, lang) if s == surface] == [(unit, round(value, 4))]


def test_a_single_thing_without_a_unit_is_no_amount() -> None:
    assert readings("A single site and a gigawatt data center.") == []


@pytest.mark.parametrize(
    "text,lang,surface,share",
    [
        ("Drugs were wrongly prescribed in 3.99 of 1000 orders.", "en", "3.99 of 1000", 0.399),
        ("Es waren 2,5 von 1000 Geburten.", "de", "2,5 von 1000", 0.25),
    ],
)
def test_a_fraction_of_a_round_whole_is_a_share(text: str, lang: str, surface: str, share: float) -> None:
    assert [(u, lo) for s, u, lo, _ in readings(text, lang) if s == surface] == [("percent", pytest.approx(share))]


def test_a_whole_number_of_a_round_whole_stays_two_counts() -> None:
    assert [u for _, u, _, _ in readings("He scored 3 of 100 points.")] == ["count", "count"]


@pytest.mark.parametrize(
    "text,lang",
    [
        ("The 10-second takeaway: revenue rose.", "en"),
        ("5 min read", "en"),
        ("Lesezeit: 4 Minuten", "de"),
        ("5 Min. Lesezeit", "de"),
    ],
)
def test_a_reading_time_label_is_no_duration(text: str, lang: str) -> None:
    assert [u for _, u, _, _ in readings(text, lang) if u.startswith("duration")] == []


def test_a_walk_of_ten_minutes_stays_a_duration() -> None:
    assert [u for _, u, _, _ in readings("It is a 10-minute walk.")] == ["duration_second"]


def _f_to_k(f: float) -> float:
    return (f - 32) * 5 / 9 + 273.15


def test_temperatures_by_decade_in_a_fahrenheit_story() -> None:
    doc = document(
        [
            "The valley is bracing for 116 degrees Fahrenheit.",
            "Parts of Montana will see the mid- to upper-90s this week.",
            "Temperatures in the 90s and 100s with lows in the upper 60s and 70s.",
        ]
    )
    got = [(c.surface, c.value_low, c.value_high) for c in extract.extract_claims(doc) if c.unit == "kelvin"][1:]
    expected = [("mid- to upper-90s", 94, 99), ("90s and 100s", 90, 109), ("upper 60s and 70s", 67, 79)]
    assert [s for s, _, _ in got] == [s for s, _, _ in expected]
    assert all(
        _close(lo, _f_to_k(a)) and _close(hi, _f_to_k(b)) for (_, lo, hi), (_, a, b) in zip(got, expected, strict=True)
    )


@pytest.mark.parametrize("text", ["In the 90s the weather was hot.", "in the 1990s prices rose"])
def test_decades_without_temperature_readings_are_no_temperatures(text: str) -> None:
    assert "kelvin" not in [u for _, u, _, _ in readings(text)]


def test_an_unpunctuated_enumeration_is_no_count() -> None:
    assert [s for s, _, _, _ in readings("there's like two reasons one it's slower two you run out of data")] == ["two"]
    assert readings("one it's cheaper two it ships sooner") == []


@pytest.mark.parametrize("text", ["we have two we like", "he scored two it was great"])
def test_a_lone_number_before_a_clause_still_counts(text: str) -> None:
    assert [s for s, _, _, _ in readings(text)] == ["two"]


@pytest.mark.parametrize(
    "text,surface,value",
    [
        ("The Fed raised rates by a quarter point to 5.25%.", "a quarter point", 0.25),
        ("a half-point cut", "a half-point", 0.5),
        ("by half a percentage point", "half a percentage point", 0.5),
    ],
)
def test_a_fraction_of_a_point_is_percentage_points(text: str, surface: str, value: float) -> None:
    got = [(s, lo) for s, u, lo, _ in readings(text) if u == "percentage_point"]
    assert len(got) == 1 and got[0][0] == surface and _close(got[0][1], value)


def test_the_group_of_20_is_a_name_but_a_group_of_20_people_counts() -> None:
    assert [u for _, u, _, _ in readings("Leaders of the Group of 20 met.")] == []
    assert [u for _, u, _, _ in readings("a group of 20 people")] == ["person"]


@pytest.mark.parametrize(
    "text,surface,low,high",
    [
        ("We expect growth in the mid-single digits.", "mid-single digits", 4.0, 6.0),
        ("margins in the high teens", "high teens", 17.0, 19.0),
        ("Revenue grew at a low double-digit rate.", "low double-digit", 10.0, 30.0),
        ("Gross margin will be in the low 40s.", "low 40s", 40.0, 43.0),
    ],
)
def test_digit_counts_and_decades_of_rates_are_percentages(text: str, surface: str, low: float, high: float) -> None:
    assert [(s, u, lo, hi) for s, u, lo, hi in readings(text)] == [(surface, "percent", low, high)]


@pytest.mark.parametrize("text", ["He scored in double digits.", "in the 1990s margins fell"])
def test_digit_counts_and_decades_elsewhere_are_no_percentages(text: str) -> None:
    assert "percent" not in [u for _, u, _, _ in readings(text)]


@pytest.mark.parametrize(
    "text",
    [
        "i agree with you a hundred percent",
        "i'm 100% sure",
        "working 24/7 on it",
        "just my two cents",
        "i've said it a million times",
    ],
)
def test_numbers_in_idioms_of_speech_are_no_quantities(text: str) -> None:
    assert readings(text) == []


@pytest.mark.parametrize("text", ["it is a thousand times faster", "100% of the shares", "two cents a share"])
def test_the_same_words_as_amounts_still_count(text: str) -> None:
    assert len(readings(text)) == 1


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("Der Umsatz soll im mittleren einstelligen Prozentbereich wachsen.", 4.0, 6.0),
        ("Die Marge stieg um einen niedrigen zweistelligen Prozentsatz.", 10.0, 30.0),
        ("Jeder fünfte Deutsche raucht.", 20.0, 20.0),
    ],
)
def test_german_digit_counts_and_every_nth_are_percentages(text: str, low: float, high: float) -> None:
    got = readings(text, "de")
    assert [u for _, u, _, _ in got] == ["percent"] and _close(got[0][2], low) and _close(got[0][3], high), got


@pytest.mark.parametrize(
    "text,lang,surface",
    [
        ("Headcount grew by over 5,000 in the quarter, to 323,000 employees.", "en", "over 5,000"),
        ("Subscribers fell by 9,000 sequentially.", "en", "9,000"),
        ("Our employees grew by 1,200 year over year.", "en", "1,200"),
        ("Die Zahl der Mitarbeiter stieg im Quartal um 5.000.", "de", "5.000"),
        ("Die Kunden nahmen um 75.000 zu.", "de", "75.000"),
    ],
)
def test_people_named_before_their_count_hold_across_a_time_adjunct(text: str, lang: str, surface: str) -> None:
    assert (surface, "person") in [(s, u) for s, u, _, _ in readings(text, lang)], readings(text, lang)


@pytest.mark.parametrize(
    "text,lang", [("Revenue grew by 5,000 in the quarter.", "en"), ("Der Umsatz stieg im Quartal um 5.000.", "de")]
)
def test_a_time_adjunct_does_not_make_money_words_people(text: str, lang: str) -> None:
    assert [u for _, u, _, _ in readings(text, lang)] == ["count"]


@pytest.mark.parametrize(
    "text,surface,low,high",
    [
        ("Compensation increases were 6% to 8% in India.", "6% to 8%", 6.0, 8.0),
        ("Guidance is now 4.5% to 5%, up from the 3.75% to 4.5% we gave last quarter.", "3.75% to 4.5%", 3.75, 4.5),
    ],
)
def test_a_movement_named_as_a_noun_then_sized_is_a_range(text: str, surface: str, low: float, high: float) -> None:
    assert (surface, "percent", low, high) in readings(text), readings(text)


@pytest.mark.parametrize(
    "text,values",
    [
        ("Revenue rose 6% to $8 billion.", ["6%", "$8 billion"]),
        ("That was an increase of 5% to $7 billion.", ["5%", "$7 billion"]),
        ("Prices fell from $90 to $62.", ["$90", "$62"]),
    ],
)
def test_a_movement_with_a_verb_or_two_units_stays_two_values(text: str, values: list[str]) -> None:
    assert [s for s, _, _, _ in readings(text)] == values, readings(text)


@pytest.mark.parametrize(
    "text,lang", [("Power was cut to 1120 households.", "en"), ("Der Strom fiel bei 1.120 Haushalten aus.", "de")]
)
def test_households_are_a_count_not_persons(text: str, lang: str) -> None:
    assert [u for _, u, _, _ in readings(text, lang)] == ["count"], readings(text, lang)
