"""A person's age written as a bare number, in the three languages (issue 26)."""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


def _units(text: str, lang: str) -> list[tuple[str, float | None]]:
    return [(q.unit, q.value) for q in find_quantities(text, lang)]


@pytest.mark.parametrize("text, lang, age", [
    ("Kipchoge, 37, won again in Berlin.", "en", 37),
    ("Sessegnon is still only 19 and has time.", "en", 19),
    ("She is just 24, the youngest on the board.", "en", 24),
    ("Schneider, 41, sagte am Montag nichts.", "de", 41),
    ("Er ist erst 17 und spielt schon.", "de", 17),
    ("鈴木一郎さん（52）は語った", "ja", 52),
    ("佐藤容疑者(34)を逮捕した", "ja", 34),
])
def test_an_age_beside_a_name_is_an_age(text: str, lang: str, age: int) -> None:
    assert _units(text, lang) == [("age", age)]


@pytest.mark.parametrize("text, lang", [
    ("Sales grew in Texas, 30, and Ohio, 12.", "en"),
    ("In June, 30, people applied.", "en"),
    ("第3四半期（30）の数字", "ja"),
])
def test_a_number_between_commas_or_brackets_without_a_person_is_no_age(text: str, lang: str) -> None:
    assert all(q.unit != "age" for q in find_quantities(text, lang))
