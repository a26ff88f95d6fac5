"""Stock-index levels and moves read as index points, in the three languages (issue 26)."""

from __future__ import annotations

import pytest

from helpers.claims import lexicon
from helpers.claims.quantities import find_quantities


def _read(text: str, lang: str) -> list[tuple[str, str, float | None]]:
    return [(q.surface, q.unit, q.value) for q in find_quantities(text, lang)]


def test_index_point_is_in_the_vocabulary() -> None:
    assert "index_point" in lexicon.UNITS


@pytest.mark.parametrize("text, lang, expected", [
    ("The Dow Jones slid 412.3 points to 33,104.8 on Friday.", "en",
     [("412.3 points", "index_point", 412.3), ("33,104.8", "index_point", 33104.8)]),
    ("The Nasdaq ended at 14,020.5, up 0.8%.", "en",
     [("14,020.5", "index_point", 14020.5), ("0.8%", "percent", 0.8)]),
    ("Der MDAX verlor 210 Punkte auf 26.450 Punkte.", "de",
     [("210 Punkte", "index_point", 210), ("26.450 Punkte", "index_point", 26450)]),
    ("Der Leitindex schloss bei 16.012,5 Zählern.", "de", [("16.012,5 Zählern", "index_point", 16012.5)]),
    ("日経平均は412ポイント下げた", "ja", [("412ポイント", "index_point", 412)]),
])
def test_an_index_move_and_level_are_index_points(text: str, lang: str, expected: list) -> None:
    assert _read(text, lang) == expected


@pytest.mark.parametrize("text, lang, unit", [
    ("Gross margin fell three points as utilisation slipped.", "en", "percentage_point"),
    ("Index funds lost two points of market share.", "en", "percentage_point"),
    ("Die Arbeitslosenquote stieg um 2 Prozentpunkte.", "de", "percentage_point"),
    ("支持率は5ポイント下がった", "ja", "percentage_point"),
])
def test_points_outside_an_index_stay_percentage_points(text: str, lang: str, unit: str) -> None:
    assert [q.unit for q in find_quantities(text, lang)] == [unit]


def test_a_small_bare_number_near_an_index_is_no_level() -> None:
    assert [q.unit for q in find_quantities("The FTSE 250 index rose to 4 of its 5 targets.", "en")] != ["index_point"]
