"""Signs and cents of money amounts: a minus before the currency sign, cents glued to the number beside a
per-share figure, a bracketed loss opening a guidance range (issue 26)."""

from __future__ import annotations

import pytest

from helpers.claims.quantities import find_quantities


def _read(text: str, lang: str = "en") -> list[tuple[str, str, float, float]]:
    return [(q.surface, q.unit, round(q.value_low, 6), round(q.value_high, 6)) for q in find_quantities(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    ("Analysts expect EPS of -$0.12 this quarter.", "en", ("-$0.12", "usd", -0.12, -0.12)),
    ("Operating cash flow was -£2.5m in the year.", "en", ("-£2.5m", "gbp", -2.5e6, -2.5e6)),
    ("Das Ergebnis je Aktie lag bei -€0,31.", "de", ("-€0,31", "eur", -0.31, -0.31)),
])
def test_a_minus_before_the_currency_sign_makes_the_amount_negative(text: str, lang: str, expected: tuple) -> None:
    assert expected in _read(text, lang)


def test_a_hyphen_between_two_amounts_stays_a_range() -> None:
    assert _read("Capex of $5.2M-$9.2M is planned.") == [("$5.2M-$9.2M", "usd", 5.2e6, 9.2e6)]


@pytest.mark.parametrize("text, expected", [
    ("Adjusted EPS of 21c-34c per diluted share is guided.", ("21c-34c per diluted share", "usd_per_share", 0.21, 0.34)),
    ("It pays a dividend of 7.5c a share.", ("7.5c a share", "usd_per_share", 0.075, 0.075)),
    ("Net income of (5c) and 9c per diluted share.", ("(5c) and 9c per diluted share", "usd_per_share", -0.05, 0.09)),
])
def test_cents_glued_to_a_per_share_figure_are_money(text: str, expected: tuple) -> None:
    assert _read(text) == [expected]


@pytest.mark.parametrize("text", ["Madrid hit 41c on Sunday.", "The 12c model ships in May."])
def test_a_glued_c_without_a_share_is_no_cent(text: str) -> None:
    assert all(q.unit != "usd" for q in find_quantities(text, "en"))
