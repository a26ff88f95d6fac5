from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.claims import numbers


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("35万", 350_000),
        ("1000億", 1e11),
        ("15兆", 1.5e13),
        ("1,000億", 1e11),
        ("二十四万", 240_000),
        ("１２３万", 1_230_000),
        ("1.5兆", 1.5e12),
        ("三", 3),
        ("二〇二四", 2024),
        ("10億", 1e9),
        ("3.1", 3.1),
    ],
)
def test_japanese_numerals(surface: str, expected: float) -> None:
    assert numbers.parse_number(surface, "ja") == pytest.approx(expected)


@pytest.mark.parametrize(
    "surface, lang, expected",
    [
        ("10.000", "de", 10_000),
        ("2,5", "de", 2.5),
        ("2,5 Milliarden", "de", 2.5e9),
        ("eine Million", "de", 1e6),
        ("zweiundzwanzig", "de", 22),
        ("neun", "de", 9),
        ("3 Mrd.", "de", 3e9),
        ("3.1", "de", 3.1),
        ("350,000", "en", 350_000),
        ("$10 billion", "en", 1e10),
        ("600k", "en", 600_000),
        ("nine", "en", 9),
        ("a million", "en", 1e6),
        ("twenty-two", "en", 22),
    ],
)
def test_latin_numerals(surface: str, lang: str, expected: float) -> None:
    assert numbers.parse_number(surface, lang) == pytest.approx(expected)


@pytest.mark.parametrize("surface, lang", [("9" * 400, "en"), ("9999999999999999兆", "ja"), ("", "de"), ("Achtung", "de"),
                                           ("万", "ja"), ("einige", "de")])
def test_unparseable_or_huge_is_none(surface: str, lang: str) -> None:
    assert numbers.parse_number(surface, lang) is None


def test_vague_brackets_are_ordered_and_cover_the_brief() -> None:
    table = numbers.vague_brackets()
    for lang, entries in table.items():
        for key, (low, high) in entries.items():
            assert 0 < low < high, (lang, key)
    assert table["ja"]["何十"] == (10, 100)  # 何十億 = 1e9..1e10
    assert table["ja"]["数百"] == (100, 1000)  # 数百億 = 1e10..1e11
    assert table["ja"]["数"] == (1, 10)  # 数年 = 1..10 years
    assert numbers.vague_bracket("Milliarden", "de") == (1e9, 1e10)


_KANJI = "〇一二三四五六七八九"


def _to_kanji(n: int) -> str:
    """Reference writer for Japanese numerals (the test's own, independent of the parser)."""
    if n == 0:
        return "〇"
    out = ""
    for unit, big in ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, "")):
        part, n = divmod(n, unit)
        if not part:
            continue
        s = ""
        for u, ch in ((1000, "千"), (100, "百"), (10, "十")):
            d, part = divmod(part, u)
            if d:
                s += ("" if d == 1 else _KANJI[d]) + ch
        if part:
            s += _KANJI[part]
        out += s + big
    return out


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**15))
def test_kanji_roundtrip(n: int) -> None:
    assert numbers.parse_japanese(_to_kanji(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_grouped_digits_roundtrip(n: int) -> None:
    assert numbers.parse_number(f"{n:,}", "en") == n
    assert numbers.parse_number(f"{n:,}".replace(",", "."), "de") == n


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789,.万億兆十百千一二三 MillionenBbk$", max_size=30), st.sampled_from(["ja", "de", "en"]))
def test_never_raises_and_always_finite(surface: str, lang: str) -> None:
    v = numbers.parse_number(surface, lang)
    assert v is None or (math.isfinite(v) and abs(v) <= numbers.MAX_VALUE)
