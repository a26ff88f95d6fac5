"""Race results written bare (claims.races) and pairs that are no range (quantities.pairs, merge), en/de/ja."""

from __future__ import annotations

import pytest

from helpers.claims.extract import extract_claims
from helpers.claims.quantities import find_quantities
from helpers.text.parse import parse_document


def _found(text: str) -> list[tuple[str, float | None, str]]:
    return [(c.surface.strip(), c.value, c.unit) for c in extract_claims(parse_document(text, "t"))]


def _read(text: str, lang: str) -> list[tuple[str, float | None, float | None, float | None, str]]:
    return [(q.surface, q.value, q.value_low, q.value_high, q.unit) for q in find_quantities(text, lang)]


@pytest.mark.parametrize(
    ("text", "bare", "seconds"),
    [
        ("He won the 200m freestyle in 1:44.75. He led at halfway in 50.57 before fading.", "50.57", 50.57),
        ("She broke the butterfly record of 49.82, set in 2009.", "49.82", 49.82),
        ("Er gewann die 200 m Freistil in 1:44,75. Zur Hälfte lag er mit 50,57 vorn.", "50,57", 50.57),
    ],
)
def test_a_bare_time_in_a_swimming_report_is_seconds(text: str, bare: str, seconds: float) -> None:
    assert (bare, pytest.approx(seconds), "duration_second") in _found(text)


def test_a_distance_before_its_stroke_is_metres_and_a_named_lap_no_count() -> None:
    found = _found("Men's 400 freestyle: he won in 3:41.22, splitting 26.50 on the last 50.")
    assert ("400", 400.0, "meter") in found
    assert not any(s == "50" for s, _, _ in found)


def test_figures_without_a_race_keep_their_reading() -> None:
    assert ("26.50", 26.5, "count") in _found("The index stood at 26.50 on the last day.")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Titmus beat Ledecky, 3:58.76 to 3:59.97.", "en", [238.76, 239.97]),
        ("Smith took bronze, 4:01.29-4:01.31 ahead of Kesely.", "en", [241.29, 241.31]),
        ("It offers 10- or 12-core chips.", "en", [10.0, 12.0]),
    ],
)
def test_two_race_times_and_hyphenated_alternatives_are_two_values(text: str, lang: str, expected: list[float]) -> None:
    assert [v for _, v, *_ in _read(text, lang)] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "lang", "low", "high"),
    [
        ("Revenue was up 1.5%, compared with guidance of a 2% to 3% increase.", "en", 2.0, 3.0),
        ("Sales rose, and analysts expect a 2.5% to 3% rise next year.", "en", 2.5, 3.0),
        ("Der Umsatz stieg, erwartet wird ein Plus von 2 bis 3 Prozent.", "de", 2.0, 3.0),
        ("売上高は増えたが、来期は2%から3%の増加を見込む。", "ja", 2.0, 3.0),
    ],
)
def test_a_pair_sizing_a_movement_named_after_it_is_a_range(text: str, lang: str, low: float, high: float) -> None:
    ranges = [(lo, hi) for _, v, lo, hi, _ in _read(text, lang) if v is None]
    assert ranges == [(pytest.approx(low), pytest.approx(high))]


def test_a_movement_to_a_level_stays_two_values() -> None:
    assert [v for _, v, *_ in _read("The Nikkei gained 310 points to 38,112.5.", "en")] == [310.0, 38112.5]


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        (
            "Spot rates to New York fell $338 to $10,926 per FEU.\n\nRates to Genoa dipped $172 to $11,736.",
            "$11,736",
            "usd_per_container",
        ),
        (
            "Spot rates to New York fell $338 to $10,926 per FEU.\n\nRates to Genoa dipped $172 to $11,736.",
            "$172",
            "usd_per_container",
        ),
        (
            "Diesel kostete 1,80 Euro je Liter.\n\nDie Preise für Benzin lagen bei 1,85 Euro.",
            "1,85 Euro",
            "eur_per_liter",
        ),
        ("ガソリンは1リットル当たり175円だった。\n\n軽油の価格は165円だった。", "165円", "jpy_per_liter"),
    ],
)
def test_a_paragraph_on_rates_goes_on_with_the_rate_of_the_one_before(text: str, surface: str, unit: str) -> None:
    assert [u for s, _, u in _found(text) if s == surface] == [unit]


def test_a_paragraph_on_something_else_keeps_plain_money() -> None:
    found = _found("Spot rates fell to $10,926 per FEU.\n\nThe carrier paid $11,736 in fees.")
    assert [u for s, _, u in found if s == "$11,736"] == ["usd"]


@pytest.mark.parametrize(
    ("text", "lang", "roles"),
    [
        ("The shares were down 12 cents at $3.41.", "en", ["by", "to"]),
        ("The rate rose 0.3 percentage points to 4.1%, from 3.2% a year earlier.", "en", ["by", "to", "from"]),
        ("Revenue rose to $4,284 million from $4,129 million.", "en", ["to", "from"]),
        ("Cash was 257,200,000, up from $253,700,000.", "en", ["to", "from"]),
        ("Die Inflation stieg von 3 auf 5 Prozent.", "de", ["from", "to"]),
        ("Der Umsatz stieg um 2 Prozent auf 4,1 Milliarden Euro.", "de", ["by", "to"]),
        ("金利は3%から5%に上昇した。", "ja", ["from", "to"]),
        ("売上高は前年同期比2割増の500億円だった。", "ja", ["by", "to"]),
    ],
)
def test_each_part_of_a_movement_has_its_role(text: str, lang: str, roles: list[str]) -> None:
    assert [q.change for q in find_quantities(text, lang)] == roles


def test_figures_without_a_movement_have_no_role_and_a_bare_level_takes_its_starts_currency() -> None:
    assert [q.change for q in find_quantities("The company has 300 staff at 12 sites.", "en")] == ["", ""]
    assert [q.unit for q in find_quantities("Cash was 257,200,000, up from $253,700,000.", "en")] == ["usd", "usd"]
