"""Units a table names in its caption, its row labels or its column headers (claims.tables), en/de/ja."""

from __future__ import annotations

import pytest

from helpers.claims.extract import extract_claims
from helpers.text.parse import parse_document


def _found(text: str) -> dict[str, tuple[float | None, str]]:
    return {c.surface.strip(): (c.value, c.unit) for c in extract_claims(parse_document(text, "t"))}


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Jobs data, in 1,000s:\nNonfarm payrolls: June 206, May 218.\n", "218", 218000.0, "count"),
        ("Jobs data, in 1,000s:\nJobless rate (pct): June 4.1, May 4.0.\n", "4.0", 4.0, "percent"),
        ("Jobs data, in 1,000s:\nUnemployed: June 6,811, May 6,649.\n", "6,649", 6649000.0, "person"),
        ("Jobs data, in 1,000s:\nAverage weekly hours: Aug 34.6, July 34.5.\n", "34.5", 124200.0, "duration_second"),
        ("Jobs data:\nEarnings per hour (dlrs): Aug 25.09, July 25.01.\n", "25.01", 25.01, "usd_per_hour"),
        ("Arbeitsmarkt, in Tausend:\nArbeitslose: Juni 2.811, Mai 2.649.\n", "2.649", 2649000.0, "person"),
        ("Arbeitsmarkt:\nArbeitslosenquote (in %): Juni 6,1, Mai 6,0.\n", "6,0", 6.0, "percent"),
        ("雇用統計（単位：千人）：\n失業者（千人）：6月 1811、5月 1849。\n", "1849", 1849000.0, "person"),
    ],
)
def test_a_row_takes_the_unit_its_label_or_caption_names(text: str, surface: str, value: float, unit: str) -> None:
    assert _found(text)[surface] == pytest.approx((value, unit))


def test_a_markdown_table_takes_its_column_units_and_an_index_row_is_in_points() -> None:
    text = (
        "Markets closed higher.\n\n| Index | Close | Change (pts) | Change (pct) |\n| --- | --- | --- | --- |\n"
        "| Dow | 18,004.16 | 106.70 | 0.6 |\n"
    )
    found = _found(text)
    assert found["18,004.16"] == (18004.16, "index_point")
    assert found["106.70"] == (106.7, "index_point")
    assert found["0.6"] == (0.6, "percent")


def test_a_money_table_in_millions_is_in_the_currency_said_before_and_its_per_share_row_is_not_scaled() -> None:
    text = (
        "Charges were $19 million.\n\nQuarterly results (in millions, except per share data):\n\n"
        "| | Q1 | Q2 |\n| --- | --- | --- |\n| Revenues | 4,110 | 4,141 |\n"
        "| Diluted earnings per share | 0.77 | 0.90 |\n"
    )
    found = _found(text)
    assert found["4,141"] == (4141e6, "usd")
    assert found["0.90"] == (0.9, "usd_per_share")


def test_prose_with_a_colon_and_a_table_without_units_keep_their_bare_counts() -> None:
    found = _found("The rate barely moved: 4.7 percent.\n\n| Place | Swimmer |\n| --- | --- |\n| 2 | Ledecky |\n")
    assert found["4.7 percent"] == (4.7, "percent")
    assert found.get("2", (2.0, "count"))[1] == "count"
