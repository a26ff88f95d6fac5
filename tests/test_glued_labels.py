"""A data row whose unit-word label is glued to its value ("Parameters8000000000") is a quantity (issue 26)."""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


@pytest.mark.parametrize("text, lang, unit, value", [
    ("Model card\nParameters70000000000\nLicense: custom", "en", "parameter", 7e10),
    ("FLOPs3.8e+25", "en", "flop", 3.8e25),
    ("Tokens2000000000000", "en", "token", 2e12),
    ("Parameter13000000000", "de", "parameter", 1.3e10),
])
def test_a_unit_label_glued_to_a_value_gives_the_unit(text: str, lang: str, unit: str, value: float) -> None:
    qs = [q for q in find_quantities(text, lang) if q.unit == unit]
    assert [q.value for q in qs] == [pytest.approx(value)]


@pytest.mark.parametrize("text", ["Windows11", "Released on Windows11 today", "Covid19"])
def test_a_name_glued_to_a_number_stays_a_name(text: str) -> None:
    assert find_quantities(text, "en") == []
