"""A business named by a number ("betting group 888") is a name, not a count (issue 26)."""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


@pytest.mark.parametrize("text, lang", [
    ("Shares in the betting group 888 rose after the update.", "en"),
    ("The Chinese retailer 361 cut its forecast.", "en"),
    ("Der Konzern 3M senkte die Prognose.", "de"),
])
def test_a_number_naming_a_business_is_no_count(text: str, lang: str) -> None:
    assert find_quantities(text, lang) == []


@pytest.mark.parametrize("text, lang, unit", [
    ("The group 20 percent lower on the day.", "en", "percent"),
    ("The company hired 300 staff.", "en", "person"),
    ("a group of 30 investors", "en", "person"),
])
def test_an_amount_after_a_business_word_stays_an_amount(text: str, lang: str, unit: str) -> None:
    assert [q.unit for q in find_quantities(text, lang)] == [unit]
