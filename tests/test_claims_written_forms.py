"""Issue 26's written forms in English, German and Japanese (batch 14, session 5): scientific notation, temperatures
below zero, hyphenated unit adjectives and alternatives ("10- or 12-core"), model sizes, days worked a week; and the
label categories the batch-10 gold left (squad numbers handed out, counts before a model's name). The English side
is tests/fixtures/claims/en_forms14_mixed; these cases were written with their expected readings before the rules.
"""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


def found(text: str, lang: str) -> list[tuple[str, float | None, float | None, str]]:
    return [(q.surface, q.value_low, q.value_high, q.unit) for q in find_quantities(text, lang)]


def readings(text: str, lang: str) -> list[tuple[float | None, str]]:
    return [(q.value_low, q.unit) for q in find_quantities(text, lang)]


@pytest.mark.parametrize("text, lang, want", [
    ("The M2 Pro comes with a 10- or 12-core CPU.", "en", [(10.0, "count"), (12.0, "count")]),
    ("Intel will offer 9- and 15-watt designs.", "en", [(9.0, "watt"), (15.0, "watt")]),
    ("It is common to find 1.4- and 1.2-litre engines.", "en", [(0.0014, "cubic_meter"), (0.0012, "cubic_meter")]),
    ("Its eight- and 70-billion parameter siblings came out.", "en", [(8e9, "parameter"), (7e10, "parameter")]),
    ("Most buyers want a three- or four-bedroom house.", "en", [(3.0, "count"), (4.0, "count")]),
    ("Der Chip hat einen 10- oder 12-Kern-Prozessor.", "de", [(10.0, "count"), (12.0, "count")]),
    ("Es gibt ein 9- und 15-Watt-Modell.", "de", [(9.0, "watt"), (15.0, "watt")]),
])
def test_numbers_left_hanging_on_their_hyphen_before_or_and_are_two_values(text, lang, want):
    got = readings(text, lang)
    assert [u for _, u in got] == [u for _, u in want]
    assert [v for v, _ in got] == pytest.approx([v for v, _ in want])


def test_a_hanging_hyphen_before_to_still_opens_a_range():
    assert found("a 15- to 20-year asset", "en") == [("15- to 20-year", 15.0, 20.0, "duration_year")]


@pytest.mark.parametrize("text, lang, kelvin", [
    ("Minneapolis hit 18 degrees below zero by midday.", "en", 255.15),
    ("Es waren zehn Grad unter null.", "de", 263.15),
    ("the wind chill will be minus thirty tonight", "en", 243.15),
    ("She said she had ridden at -52C.", "en", 221.15),
    ("Die Temperatur fiel auf minus 40 Grad.", "de", 233.15),
    ("気温はマイナス40度まで下がった。", "ja", 233.15),
])
def test_temperatures_below_zero_are_negative_on_their_scale(text, lang, kelvin):
    (q,) = find_quantities(text, lang)
    assert q.unit == "kelvin" and q.value_low == pytest.approx(kelvin)


@pytest.mark.parametrize("text", ["Revenue was 100 minus 20.", "The index was minus 3 in the cold month."])
def test_minus_without_cold_weather_or_after_an_operand_stays_a_plain_number(text):
    assert all(q.unit != "kelvin" for q in find_quantities(text, "en"))


@pytest.mark.parametrize("text, lang, want", [
    ("Staff worked a four-day, 32-hour week on full pay.", "en",
     [(4.0, "count_per_week"), (115200.0, "duration_second_per_week")]),
    ("Nearly 2,000 employees switched to a four-day week in April.", "en",
     [(2000.0, "person"), (4.0, "count_per_week")]),
    ("we moved the whole team to a four day week", "en", [(4.0, "count_per_week")]),
    ("Viele arbeiten in einer Vier-Tage-Woche.", "de", [(4.0, "count_per_week")]),
    ("週4日勤務を導入した。", "ja", [(4.0, "count_per_week")]),
    ("She stayed for a four-day weekend.", "en", [(4.0, "duration_day")]),
])
def test_days_worked_a_week_are_a_count_per_week(text, lang, want):
    assert readings(text, lang) == want


@pytest.mark.parametrize("text, lang", [
    ("They kept the four-day week.", "en"),
    ("The four-day week pilot ended in December.", "en"),
    ("Die Firmen testeten die Vier-Tage-Woche.", "de"),
])
def test_the_n_day_week_as_a_scheme_is_a_name(text, lang):
    assert found(text, lang) == []


@pytest.mark.parametrize("text, lang, want", [
    ("so we took the eight b and the seventy b and fine tuned both", "en", [(8e9, "parameter"), (7e10, "parameter")]),
    ("Meta released Llama 3.1 in 8B, 70B and 405B sizes.", "en",
     [(3.1, "version"), (8e9, "parameter"), (7e10, "parameter"), (4.05e11, "parameter")]),
    ("Das Modell hat 70 Milliarden Parameter.", "de", [(7e10, "parameter")]),
    ("700億パラメータのモデルを公開した。", "ja", [(7e10, "parameter")]),
])
def test_model_sizes_are_parameters(text, lang, want):
    got = readings(text, lang)
    assert [u for _, u in got] == [u for _, u in want]
    assert [v for v, _ in got] == pytest.approx([v for v, _ in want])


@pytest.mark.parametrize("text, lang, want", [
    ("Die Avogadro-Konstante beträgt 6,022 × 10^23 pro Mol.", "de", 6.022e23),
    ("Ein Elektron wiegt 9,11 × 10^-31 Kilogramm.", "de", 9.11e-31),
    ("An electron has a mass of 9.11x10^-31 kilograms.", "en", 9.11e-31),
    ("The membrane stops particles wider than 3 × 10−5 m.", "en", 3e-5),
    ("アボガドロ定数は約6.02×10の23乗だ。", "ja", 6.02e23),
])
def test_scientific_notation_with_either_decimal_mark(text, lang, want):
    (q,) = find_quantities(text, lang)
    assert q.value_low == pytest.approx(want)


@pytest.mark.parametrize("text, lang, want", [
    ("Honda's hot hatch uses a 2.0-litre turbocharged engine.", "en", (0.002, "cubic_meter")),
    ("Ein 2,0-Liter-Motor treibt den Wagen an.", "de", (0.002, "cubic_meter")),
    ("2.0リットルのエンジンを積む。", "ja", (0.002, "cubic_meter")),
    ("A 12-year-old from Ohio won the spelling bee.", "en", (12.0, "age")),
    ("Der 12-jährige Schüler gewann.", "de", (12.0, "age")),
    ("12歳の少年が優勝した。", "ja", (12.0, "age")),
    ("Analysts say the chipmaker holds a 10-year lead over its rivals.", "en", (10.0, "duration_year")),
    ("The party's 11-point advantage is its largest in years.", "en", (11.0, "percentage_point")),
])
def test_hyphenated_unit_adjectives_keep_their_unit(text, lang, want):
    (q,) = find_quantities(text, lang)
    assert (q.value_low, q.unit) == (pytest.approx(want[0]), want[1])


def test_a_lead_in_a_match_stays_a_count_of_points():
    assert readings("The Lakers built a 10-point lead in the third quarter.", "en") == [(10.0, "count")]


@pytest.mark.parametrize("text, lang", [
    ("FIFA tournaments number squads from 1 to 23, while clubs may choose anything between 1 and 99.", "en"),
    ("At first the numbers followed positions, the goalkeeper taking 1 and the defenders 2 to 5.", "en"),
    ("Die Rückennummern gehen von 1 bis 99.", "de"),
])
def test_numbers_handed_out_to_players_are_labels(text, lang):
    assert found(text, lang) == []


def test_a_counted_noun_in_a_numbering_sentence_still_counts():
    assert readings("The squad numbers run from 1 to 23 and the club has 30 staff.", "en") == [(30.0, "person")]


@pytest.mark.parametrize("text, want", [
    ("Flydubai has 251 on order: 131 MAX 8s, 70 MAX 9s and 50 MAX 10s.", [251.0, 131.0, 70.0, 50.0]),
    ("Utair ordered 30 737 MAX aircraft.", [30.0]),
    ("The Boeing 737 MAX 8 crashed.", []),
])
def test_a_count_before_a_models_name_is_read_and_the_model_number_is_not(text, want):
    assert [v for v, _ in readings(text, "en")] == want


@pytest.mark.parametrize("text, lang", [
    ("Two of the three suspects were later released, police said.", "en"),
    ("It should be one of the five most massive clusters.", "en"),
    ("Zwei der drei Verdächtigen wurden freigelassen.", "de"),
])
def test_the_group_a_part_is_taken_from_said_in_words_is_no_quantity(text, lang):
    assert found(text, lang) == []


@pytest.mark.parametrize("text, want", [
    ("The dogs picked out 54 of the 55 patients.", [(54.0, "count"), (55.0, "person")]),
    ("hughes agreed to develop five of the three-ton satellites.", [(3000.0, "kilogram")]),
])
def test_a_group_in_digits_or_with_a_unit_is_still_read(text, want):
    assert readings(text, "en") == want


@pytest.mark.parametrize("text, want", [
    ("Radio 4 listeners fell by 200,000.", [(200000.0, "person")]),
    ("Year 11 pupils sit their GCSEs in May.", []),
    ("The office is at 350 Fifth Avenue.", []),
    ("The TV supports 4K at 120Hz.", [(120.0, "hertz")]),
    ("The company has 4K employees.", [(4000.0, "person")]),
    ("Workers put $23,000 into their 401(k) plans.", [(23000.0, "usd")]),
])
def test_names_with_numbers_before_a_counted_noun_are_labels(text, want):
    assert readings(text, "en") == want


@pytest.mark.parametrize("text, want", [
    ("Bayern beat Dortmund 3-1 and moved 5 points clear.", "count"),
    ("Labour are 20 points clear in the latest poll.", "percentage_point"),
])
def test_a_gap_in_a_league_table_is_points_counted_and_in_a_poll_percentage_points(text, want):
    (q,) = find_quantities(text, "en")
    assert q.unit == want


@pytest.mark.parametrize("text, want", [
    ("a nine-figure fee was paid when City wrapped up their £100 million deal.",
     [(1e8, 999999999.0, "gbp"), (1e8, 1e8, "gbp")]),
    ("She earns a six-figure salary.", [(1e5, 999999.0, "count")]),
])
def test_an_n_figure_amount_spans_the_numbers_with_n_digits(text, want):
    assert [(lo, hi, u) for _, lo, hi, u in found(text, "en")] == want


def test_a_spoken_model_size_with_and_is_read_whole():
    assert readings("the model has four hundred and five b parameters", "en") == [(4.05e11, "parameter")]


@pytest.mark.parametrize("text, want", [
    ("61 companies cut staff hours.", [(61.0, "count")]),
    ("300 new staff joined.", [(300.0, "person")]),
])
def test_organisations_counted_first_do_not_take_the_people_after_their_verb(text, want):
    assert readings(text, "en") == want
