"""News quantities (issue 26, gold batch 13): the categories the batch's dev documents showed (freight and box-office
rates, a per-what named before the amount, spec-sheet alternatives with a slash, chained scale words after a vague
word, ages after "the age of", race distances in metres, school years, model names before a chip word, a total and
a per-share figure either side of "or"), one rule each, in English and, where the category exists there, German and
Japanese."""

from __future__ import annotations

import pytest

from test_claims_news6 import _has, readings


@pytest.mark.parametrize(
    "text,lang,surface,unit,value",
    [
        # freight per container (FEU, a sized container) and takings per cinema are rates
        (
            "The index fell 0.9 per cent to US$7,657.20 per FEU.",
            "en",
            "US$7,657.20 per FEU",
            "usd_per_container",
            7657.2,
        ),
        ("FBX01 ended the week at $4,516/FEU.", "en", "$4,516/FEU", "usd_per_container", 4516.0),
        (
            "Rates hit US $2,500 per 40-foot container.",
            "en",
            "US $2,500 per 40-foot container",
            "usd_per_container",
            2500,
        ),
        (
            "It opened in 534 locations, a lukewarm $489 per location.",
            "en",
            "$489 per location",
            "usd_per_location",
            489,
        ),
        ("Der Film spielte 5.000 Euro pro Kino ein.", "de", "5.000 Euro pro Kino", "eur_per_location", 5000.0),
        # where the move started, before a rate: "from ... to ... per container"
        (
            "Rates fell from about US $6,000 to US $2,500 per 40-foot container.",
            "en",
            "about US $6,000",
            "usd_per_container",
            6000,
        ),
        # a pupil, student or patient is a head
        (
            "Revenues dropped by $50 million (or $6,200 per student).",
            "en",
            "$6,200 per student",
            "usd_per_person",
            6200.0,
        ),
        ("Die Stadt zahlt 800 Euro pro Schüler.", "de", "800 Euro pro Schüler", "eur_per_person", 800.0),
        # the per-what named before the amount, across a verb
        ("Total spending per student was $12,970 against $12,383.", "en", "$12,970", "usd_per_person", 12970.0),
        ("Total spending per student was $12,970 against $12,383.", "en", "$12,383", "usd_per_person", 12383.0),
        # slash alternatives before a data unit on a spec sheet
        ("RAM: 2/3 GB", "en", "2", "byte", 2e9),
        ("Internal storage: 16/32 GB, expandable", "en", "16", "byte", 16e9),
        # every scale word after a vague word multiplies its bracket
        ("Expect it to move by a few hundred thousand shares.", "en", "a few hundred thousand", "count", 2e5),
        ("They spent several hundred million dollars.", "en", "several hundred million dollars", "usd", 3e8),
        # an age after "the age of"
        ("66% were over the age of 25.", "en", "25", "age", 25.0),
        # a race distance in metres before its event, not millions
        ("In the women's 200m backstroke semifinals, Smith set a record.", "en", "200m", "meter", 200.0),
        ("He won the 110m hurdles title.", "en", "110m", "meter", 110.0),
        # one full percentage point
        (
            "Today it sits nearly a full percentage point lower.",
            "en",
            "nearly a full percentage point",
            "percentage_point",
            1,
        ),
        # a total and a per-share figure either side of "or": the total in the same currency, at its own size
        ("It posted a loss of 6,700,000 or 0.09¢ per share.", "en", "6,700,000", "usd", 6.7e6),
        ("Net income was 2,900,000 or 0.04 dollars.", "en", "2,900,000", "usd", 2.9e6),
        # a share count after money: its own plural noun past one adjective
        ("It earned $5,700,000 or $0.07 per share on 78,000,000 diluted shares.", "en", "78,000,000", "count", 7.8e7),
    ],
)
def test_news13_categories(text: str, lang: str, surface: str, unit: str, value: float) -> None:
    assert _has(text, lang, surface, unit, value), readings(text, lang)


@pytest.mark.parametrize(
    "text,lang,surface",
    [
        ("The district served 19,203 students in 2020-2021, up from 18,741.", "en", "2020-2021"),  # a school year
        ("Im Schuljahr 2020-2021 lernten 19.203 Schüler hier.", "de", "2020-2021"),
        ("the 2023/2024 season", "en", "2023/2024"),
        ("It runs on an octa-core chip with an Adreno 506 GPU.", "en", "no 506 GPU"),  # a model, and no "no" in Adreno
        ("It runs on an octa-core chip with an Adreno 506 GPU.", "en", "506 GPU"),
        ("King won the women's 4x100m medley relay.", "en", "4"),  # a relay's name
        ("It is a bit of a shame, said Ye.", "en", "a bit"),  # the idiom, not one binary digit
    ],
)
def test_news13_lookalikes_are_no_quantities(text: str, lang: str, surface: str) -> None:
    assert all(s != surface for s, _, _ in readings(text, lang)), readings(text, lang)


@pytest.mark.parametrize(
    "text,surface,unit,value",
    [
        ("A dependable value arrived only in 1908–1909.", "1908–1909", "year", 1908.0),  # two years, no season word
        ("There are 20,000 or 30,000 GPUs.", "20,000", "gpu", 20000.0),  # alternatives of a like size still share
        ("Meta bought 10,000 GPU servers.", "10,000 GPU", "gpu", 10000.0),  # a count before a singular chip word
        ("The company has 3m customers and £2m in cash.", "3m customers", "person", 3e6),  # m is still million
        ("It beats by a single bit.", "a single bit", "byte", 0.125),
    ],
)
def test_news13_rules_leave_their_neighbours_alone(text: str, surface: str, unit: str, value: float) -> None:
    assert _has(text, "en", surface, unit, value), readings(text, "en")
