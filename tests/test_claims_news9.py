"""News quantities (issue 26, gold batch 9): the categories the batch's dev documents showed (market reports in
eighths, a report's list of prices, US forecasts without a scale, golf scores, ages, multiples, catalogue names),
one rule each, in English and, where the category exists there, German and Japanese."""

from __future__ import annotations

import pytest

from helpers.claims import quantities
from helpers.claims.quantities import degrees
from test_claims_news6 import _has, readings


@pytest.mark.parametrize(
    "text,lang,surface,unit,value",
    [
        # a whole and a fraction joined by a hyphen; a grain price's eighths are of its last cent
        ("Wheat was down 2.1 percent at $9.68-1/4 a bushel.", "en", "$9.68-1/4 a bushel", "usd_per_bushel", 9.6825),
        ("It touched its lowest since March 1 at $9.60-3/4.", "en", "$9.60-3/4", "usd", 9.6075),
        ("Corn ended up 14-1/4 cents at $6.64-1/4 a bushel.", "en", "14-1/4 cents", "usd_per_bushel", 0.1425),
        ("The pipe is 2-1/2 inches wide.", "en", "2-1/2 inches", "meter", 0.0635),
        # the prices a market report lists after moves in percent share the first one's per-what, whatever their size
        (
            "Silver shed 0.9 percent to $21.21 per ounce, platinum dropped 0.7 percent to $919.96.",
            "en",
            "$919.96",
            "usd_per_ounce",
            919.96,
        ),
        # a golfer counted by a hyphenated noun; "the top five through 54 holes" is no range
        ("The last-placed finisher in the 30-golfer field earns $395,000.", "en", "30-golfer", "person", 30.0),
        ("They complete the top five through 54 holes.", "en", "54", "count", 54.0),
        # an age opening the clause before a name and its verb
        ("At 32, Holst is decades younger than the average farmer.", "en", "32", "age", 32.0),
        ("Mit 52 war Müller schon Chef.", "de", "52", "age", 52.0),
        # a range of multiples before "that of", a large multiple before a comparative
        ("Its mass is put at four to five times that of Jupiter.", "en", "four to five times", "multiple", 4.0),
        ("It is more than one million times fainter.", "en", "more than one million times", "multiple", 1e6),
        # a vague amount before adjectives, one of them with a comma
        ("The day stayed dry, with a few spotty, light showers.", "en", "a few", "count", 2.0),
        # the inch sign typed as a quote in a sentence about rain
        ('Most projections show 1-2" of rain and a few 3"+ totals.', "en", '3"+', "meter", 0.0762),
        # bushels of grain are a volume
        ("The USDA predicts 14.5 billion bushels of corn.", "en", "14.5 billion bushels", "cubic_meter", 510966517.42),
    ],
)
def test_news9_categories(text: str, lang: str, surface: str, unit: str, value: float) -> None:
    assert _has(text, lang, surface, unit, value), readings(text, lang)


@pytest.mark.parametrize(
    "text,lang,unit",
    [
        ("Cantlay was at -20 and Rahm at -18 after the final round.", "en", "count"),  # scores to par
        ("Gusts could reach 50 mph in the eastern half of the state.", "en", "percent"),  # a region, not a share
        ("In der östlichen Hälfte des Landes regnet es.", "de", "percent"),
        ("東半分で雨が降る。", "ja", "percent"),
        ("51 Eri b, imaged 96 light years away, is faint.", "en", "count"),  # a catalogue name
        ("It was rated 5/10.", "en", "percent"),  # a rating closing its sentence stays no share
        ("I've told you a million times.", "en", "multiple"),  # the idiom stays an idiom
        ("There was at least one player missing.", "en", "person"),
    ],
)
def test_news9_categories_leave_lookalikes_alone(text: str, lang: str, unit: str) -> None:
    assert all(u != unit for _, u, _ in readings(text, lang)), readings(text, lang)


def test_scores_to_par_are_no_quantities_and_a_group_of_ranks_opens_no_range() -> None:
    found = readings("Justin Thomas (-15) and Kevin Na (-13) complete the top five through 54 holes.")
    assert found == [("five", "count", 5.0), ("54", "count", 54.0)]


def test_scores_to_par_outside_golf_stay_quantities() -> None:
    assert ("-20", "count", -20.0) in readings("The balance moved by -20 after the correction.")


US_FORECAST = (
    "Gusts in the 50-60 mph range are possible, with around 1-2″ of rain.\n"
    "Highs on Sunday should climb into the upper 50s.\n"
    "Monday: clouds increasing, high near 60."
)


def test_a_us_forecast_in_mph_and_inches_reads_its_bare_temperatures_in_fahrenheit() -> None:
    assert degrees.document_scale(US_FORECAST, "en") == "F"
    with degrees.scale_hint("F"):
        upper = quantities.find_quantities("Highs on Sunday should climb into the upper 50s.", "en")
        near = quantities.find_quantities("Monday: clouds increasing, high near 60.", "en")
    assert [(q.unit, round(q.value_low or 0, 4), round(q.value_high or 0, 4)) for q in upper] == [
        ("kelvin", 287.0389, 288.15)
    ]
    assert [(q.surface, q.unit, round(q.value or 0, 4)) for q in near] == [("60", "kelvin", 288.7056)]


@pytest.mark.parametrize(
    "text",
    [
        "Winds of 40 km/h and 12 mm of rain; highs in the upper 20s.",  # a metric forecast
        "Temperatures reach 38C in Seville, and 14 inches of snow fell on New York with 60 mph gusts.",
        "The index rose 50 points, or 1.2 inches on the chart.",  # no weather
    ],
)
def test_a_forecast_in_metric_units_or_no_forecast_settles_no_fahrenheit(text: str) -> None:
    assert degrees.document_scale(text, "en") != "F"
