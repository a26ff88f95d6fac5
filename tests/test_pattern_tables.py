"""Tests for helpers.text.pattern_tables: one alternation answers as the table's patterns tried in order."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from helpers.claims.lexicon import JA_SUFFIX_QUAL, LATIN_SUFFIX_QUAL, PREFIX_QUAL, UNITS_BY_LANG
from helpers.text.pattern_tables import _joined, first_match, may_search

ROOT = Path(__file__).resolve().parents[1]
TABLES = [*UNITS_BY_LANG.values(), *PREFIX_QUAL.values(), *LATIN_SUFFIX_QUAL.values(), JA_SUFFIX_QUAL]
WORDS = ["5", " million", " percent", "%", " tokens", " GPUs", "-year-old", " or more", "約", "以上", "台", "人", "x"]


def _loop(table, text, pos):
    for k, row in enumerate(table):
        m = row[0].match(text, pos)
        if m:
            return k, m.span()
    return None


def _check(text: str) -> None:
    for table in TABLES:
        for pos in range(len(text) + 1):
            got = first_match(table, text, pos)
            assert (got and (got[0], got[1].span())) == _loop(table, text, pos)
        assert may_search(table, text) == any(row[0].search(text) for row in table)


def test_the_lexicon_tables_are_joined():
    assert all(_joined(table)[0] is not None for table in TABLES)


def test_first_match_is_the_loop_over_the_seeds_and_fixtures():
    english = sorted((ROOT / "tests" / "fixtures" / "claims").glob("en_*.txt"))[:10]
    for path in english + sorted((ROOT / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            after_numbers = [m.end() for m in re.finditer(r"\d", line)]
            for table in TABLES:
                for pos in after_numbers:
                    got = first_match(table, line, pos)
                    assert (got and (got[0], got[1].span())) == _loop(table, line, pos)


@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_first_match_is_the_loop_on_any_words(words):
    _check("".join(words))


def test_a_table_that_cannot_be_joined_is_tried_row_by_row():
    table = [(re.compile(r"(a)\1"), "double"), (re.compile(r"a"), "single")]
    assert _joined(table)[0] is None
    assert first_match(table, "xaa", 1)[0] == 0 and first_match(table, "xab", 1)[0] == 1
    assert first_match(table, "xb", 1) is None and may_search(table, "bab")
