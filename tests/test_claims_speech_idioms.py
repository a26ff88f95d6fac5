"""Numbers of speech that count nothing (around the clock, ratings on a scale, a request to wait, a time of day, a
station on the dial, number idioms and hyperbole) in en/de/ja, and a life event's age said in speech."""

from __future__ import annotations

import pytest

from helpers.claims.extract import extract_claims
from helpers.text.parse import parse_document


def _claims(text: str) -> list[tuple[str, float | None, str]]:
    return [(c.surface, c.value, c.unit) for c in extract_claims(parse_document(text + "\n", "t"))]


@pytest.mark.parametrize(
    "text",
    [
        "we are open twenty four seven for our customers",
        "I'd give it a 10 out of 10 honestly",
        "on a scale of one to ten it's an eight",
        "hang on one second let me pull that up",
        "I woke up at 6 in the morning to catch the flight",
        "good monday afternoon and welcome to the show on news talk seven eighty",
        "he was on cloud nine after the launch",
        "it's a two-sided marketplace",
        "it's the 80/20 rule",
        "I agree a thousand percent",
        "we did it in one go",
        "it's a catch-22 for founders",
        "that is the million dollar question",
        "I have zero idea what he meant",
        "I have a million questions for you",
        "on the count of three",
        "it's a one to one relationship",
        "you should max out your 401k every year",
        "we read the 10-K last night",
        "after 9/11 the rules changed",
        "we shot it in 4K",
        "ten out of ten would recommend",
        "please leave us a five star review on apple podcasts",
        "around the 20 minute mark he explains it",
        "it's a top 10 list of the best tools",
        "he did a complete 180 on that",
        "it was a 360 degree review",
        # German
        "Wir sind rund um die Uhr erreichbar, vierundzwanzig sieben.",
        "Das läuft 24/7 in der Cloud.",
        "Ich würde ihm eine 10 von 10 geben.",
        "Auf einer Skala von eins bis zehn ist das eine acht.",
        "Wir treffen uns um halb acht.",
        "Er war auf Wolke sieben.",
        "Es ist fünf vor zwölf für die Branche.",
        "Ich bin mir hundert Prozent sicher.",
        "Ich habe null Ahnung, was er meinte.",
        "Ich habe tausend Fragen an Sie.",
        "Nach 9/11 änderten sich die Regeln.",
        "Das war eine 180-Grad-Wende der Regierung.",
        "Er hat eine Kehrtwende um 180 Grad gemacht.",
        "Bitte gebt uns fünf Sterne bei Apple Podcasts.",
        # Japanese
        "24時間365日動いています。",
        "10点満点で言うと8点です。",
        "百パーセント確信しています。",
        "政府の方針が180度転換した。",
    ],
)
def test_numbers_of_speech_give_no_claim(text) -> None:
    assert _claims(text) == []


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("eight out of ten customers renewed last year", ("eight out of ten", 80.0, "percent")),
        ("the plant runs twenty four hours a day", ("twenty four hours a day", 86400.0, "duration_second_per_day")),
        ("we had a couple of minutes left before the break", ("a couple of minutes", None, "duration_second")),
        ("the price was 6 dollars in the morning session", ("6 dollars", 6.0, "usd")),
        ("Ein Rechenzentrum braucht 24 Megawatt.", ("24 Megawatt", 24e6, "watt")),
        ("朝の会議は5分でした。", ("5分", 300.0, "duration_second")),
        ("we sold 4K units in the first week", ("4K", 4000.0, "count")),
        ("the ratio went from one to one hundred", ("one to one hundred", None, "count")),
        ("we hired a thousand people last year", ("a thousand people", 1000.0, "person")),
        ("ten out of ten patients recovered", ("ten out of ten patients", 100.0, "percent")),
        ("rotate the panel 180 degrees to face south", ("180 degrees", None, "radian")),
        ("it's a 20 minute drive to the office", ("20 minute", 1200.0, "duration_second")),
        ("Die Platte dreht sich um 180 Grad.", ("180 Grad", None, "radian")),
    ],
)
def test_amounts_beside_the_idioms_stay(text, claim) -> None:
    surface, value, unit = claim
    got = _claims(text)
    assert any(s == surface and (value is None or v == value) and u == unit for s, v, u in got), got


@pytest.mark.parametrize(
    "text",
    [
        "when I was 19 I started my first company",
        "Dylan Field dropped out of college at 19. They raised money.",
        "Mit 19 habe ich meine erste Firma gegründet.",
        "I turned 19 last year and moved out",
    ],
)
def test_a_life_events_age_said_in_speech_is_an_age(text) -> None:
    assert ("19", 19.0, "age") in _claims(text)


def test_a_count_after_when_stays_a_count() -> None:
    assert ("19 people", 19.0, "person") in _claims("we grew when we were 19 people")
