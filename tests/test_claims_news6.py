"""News quantities (issue 26, gold batch 6): the categories the batch's dev documents showed, one rule each, in
English and, where the category exists there, German."""

from __future__ import annotations

import math

import pytest

from helpers.claims import quantities


def readings(text: str, lang: str = "en") -> list[tuple[str, str, float | None]]:
    return [(q.surface, q.unit, q.value_low) for q in quantities.find_quantities(text, lang)]


def _has(text: str, lang: str, surface: str, unit: str, value: float) -> bool:
    return any(
        s == surface and u == unit and v is not None and math.isclose(v, value, rel_tol=1e-6)
        for s, u, v in readings(text, lang)
    )


@pytest.mark.parametrize(
    "text,lang,surface,unit,value",
    [
        # a scale letter or a cut-off scale word before a currency code
        ("Revenue was 9.14 B CHF against 9.15 B CHF expected.", "en", "9.14 B CHF", "chf", 9.14e9),
        ("The group is valued at 21.43 bill.CHF after the rally.", "en", "21.43 bill.CHF", "chf", 2.143e10),
        ("The firm is valued at 4.2 mill.EUR today.", "en", "4.2 mill.EUR", "eur", 4.2e6),
        ("Der Gewinn lag bei 4,2 Mill. Euro", "de", "4,2 Mill. Euro", "eur", 4.2e6),
        # rarer ISO codes in capitals next to a number
        ("The bank will pay GEL 1.75 a share.", "en", "GEL 1.75 a share", "gel_per_share", 1.75),
        ("Die Bank zahlt GEL 1,75 je Aktie.", "de", "GEL 1,75 je Aktie", "gel_per_share", 1.75),
        # a plus after the number, then its unit
        ("The Nikkei rose 430+ points on Monday.", "en", "430+ points", "index_point", 430.0),
        ("More than 100+ people came.", "en", "More than 100+ people", "person", 100.0),
        # an index level the index passed or came near
        ("On the eve of Thanksgiving the Dow slipped below 30,000.", "en", "below 30,000", "index_point", 3e4),
        ("The S&P 500 topped 5,000 for the first time.", "en", "5,000", "index_point", 5e3),
        ("Der DAX stieg über 16.000.", "de", "über 16.000", "index_point", 16000.0),
        # the same amount in a second unit after a slash
        ("The morning temperature is 14°C/57°F.", "en", "14°C", "kelvin", 287.15),
        ("Die Temperatur liegt bei 14°C/57°F.", "de", "14°C", "kelvin", 287.15),
        # the inch sign, and pixels per inch written out
        ("The device measured 3.9″ x 2″ in all.", "en", "3.9″", "meter", 0.09906),
        ("The screen has more than 250 pixels per inch.", "en", "more than 250 pixels per inch", "pixel_per_inch", 250),
        # an interval between two events is no rate's denominator
        ("Volunteers receive two doses a month apart.", "en", "a month", "duration_month", 1.0),
        # double, triple the: a multiple
        ("Waiting lists reached more than triple the 2.3 million of 2009.", "en", "more than triple", "multiple", 3),
        ("It has roughly double the range.", "en", "roughly double", "multiple", 2.0),
        ("Der Umsatz war doppelt so hoch wie im Vorjahr.", "de", "doppelt", "multiple", 2.0),
        ("Der Gewinn stieg auf das Doppelte.", "de", "Doppelte", "multiple", 2.0),
        # index moves and levels: German "Dax" as the press writes it, Japanese reports in yen and dollars
        ("Der Dax legte um 1,2 Prozent auf 16.500 Punkte zu.", "de", "16.500 Punkte", "index_point", 16500.0),
        ("日経平均株価は前日比430円高の3万8112円で取引を終えた。", "ja", "430円", "index_point", 430.0),
        ("日経平均株価は前日比430円高の3万8112円で取引を終えた。", "ja", "3万8112円", "index_point", 38112.0),
        ("NYダウは300ドル安の3万3684ドルだった。", "ja", "300ドル", "index_point", 300.0),
        # track times in minutes, seconds and hundredths
        ("She ran the 10,000m in 29:17.45.", "en", "29:17.45", "duration_second", 1757.45),
        ("Sie lief die 10.000 Meter in 29:17,45 Minuten.", "de", "29:17,45", "duration_second", 1757.45),
        # a marathon time in hours and minutes, in a sentence about a race; a bare index move in a headline
        (
            "The largest time bonus was for men under 2:05 and women under 2:18.",
            "en",
            "under 2:18",
            "duration_second",
            8280,
        ),
        ("The women's mark in the race is 2:37.", "en", "2:37", "duration_second", 9420.0),
        ("Dow slips into the red for the year, sheds 430+", "en", "430+", "index_point", 430.0),
        # an age after "as young as", "im Alter von"
        ("Teens as young as 16 took part in the trial.", "en", "16", "age", 16.0),
        ("Jugendliche im Alter von 16 nahmen teil.", "de", "16", "age", 16.0),
    ],
)
def test_news6_categories(text: str, lang: str, surface: str, unit: str, value: float) -> None:
    assert _has(text, lang, surface, unit, value), readings(text, lang)


@pytest.mark.parametrize(
    "text,lang,unit",
    [
        ("He hit a double the next day.", "en", "multiple"),  # the noun
        ("We sold 5 bill. The rest went home.", "en", "usd"),  # "bill." counts only before a currency code
        ("ALL 5 solutions failed.", "en", "all"),  # capitalised words are not the rarer codes
        ("Volunteers receive two doses a month apart.", "en", "count_per_month"),
        ("今日の日経平均は2222円13銭です。", "ja", "index_point"),  # no move: a level quoted in yen stays yen
        ("日経平均が上昇し、ソフトバンクは1兆円を投じる。", "ja", "index_point"),  # 兆 of yen is money
        ("The meeting starts at 10:30.", "en", "duration_second"),  # a clock time
        ("The race starts at 9:30 am.", "en", "duration_second"),
        ("The meeting is in 2:05 hours.", "en", "duration_second"),  # h:mm only in a sentence about a race
    ],
)
def test_news6_categories_leave_lookalikes_alone(text: str, lang: str, unit: str) -> None:
    assert all(u != unit for _, u, _ in readings(text, lang)), readings(text, lang)


def test_a_bare_count_of_them_takes_the_people_said_before() -> None:
    from helpers.claims.carried import _carried

    qs = quantities.find_quantities("The virus killed over 650,000 people, almost 150,000 of them in the U.S.", "en")
    carried = _carried("The virus killed over 650,000 people, almost 150,000 of them in the U.S.", qs, [], {})
    assert [(q.surface, q.unit) for q in carried] == [("over 650,000 people", "person"), ("almost 150,000", "person")]
