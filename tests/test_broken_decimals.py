"""A decimal that captioning split with a space after the point ("6. 5 inches") is one number (issue 26)."""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


def _read(text: str) -> list[tuple[str, str, float]]:
    return [(q.surface, q.unit, round(q.value_low, 6)) for q in find_quantities(text, "en")]


@pytest.mark.parametrize("text, expected", [
    ("the screen grows to 6. 1 inches this year", [("6. 1 inches", "meter", 0.15494)]),
    ("growth slows to 1. 7 percent next year", [("1. 7 percent", "percent", 1.7)]),
    # an economic rate's level without its % sign is a percentage (claims.quantities.context_units)
    ("unemployment rises to 4. 4 at the end of next year", [("4. 4", "percent", 4.4)]),
])
def test_a_split_decimal_before_its_unit_or_clause_is_one_number(text: str, expected: list) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize("text", ["We won 2. 3 players left early.", "It was 2019. 5 people came."])
def test_a_sentence_ending_in_a_number_stays_apart_from_the_next(text: str) -> None:
    assert len(find_quantities(text, "en")) == 2
