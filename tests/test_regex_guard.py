"""Tests for helpers.text.regex_guard: a guarded pattern finds exactly the matches of its original."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import helpers.claims.extract  # noqa: F401  (imports every module that guards its patterns)
import helpers.text.parse  # noqa: F401
from helpers.text.regex_guard import ORIGINALS, guarded

FIXTURES = Path(__file__).parent / "fixtures"
# Letters whose case-insensitive matches differ from str.lower (ſ is s, K is the Kelvin sign, İ and ı are i),
# digits of other scripts, full-width forms, and the words and signs the guarded patterns look for.
ALPHABET = "aAbBcCfFiIkKmMsStTzZ019 -./%$£€,:;()ſKİıẞß٣１２ＡＢ年月日円ドル万億"
WORDS = ["24/7", "fifty", "zero", "cents", "million", "times", "FY2024", "2019-20", "Llama 3.1", "won 3-1", "$5"]


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _same_everywhere(text: str) -> None:
    for fast, original in ORIGINALS.items():
        assert _matches(fast, text) == _matches(original, text), original.pattern[:80]
        for pos in range(0, len(text), 7):
            got, want = fast.match(text, pos), original.match(text, pos)
            assert (got and got.span()) == (want and want.span()), original.pattern[:80]


def test_the_package_guards_its_hot_patterns():
    assert len(ORIGINALS) >= 40
    assert all(fast.groupindex == original.groupindex for fast, original in ORIGINALS.items())
    assert all(fast.groups == original.groups for fast, original in ORIGINALS.items())


def test_guarded_patterns_find_the_same_matches_in_the_fixtures():
    seeds = sorted((FIXTURES.parents[1] / "seeds").glob("*.txt"))  # German and Japanese
    texts = sorted((FIXTURES / "claims").glob("en_*.txt"))[:12] + seeds
    for path in texts:
        for line in path.read_text(encoding="utf-8").splitlines():
            _same_everywhere(line)


@given(st.lists(st.one_of(st.text(alphabet=ALPHABET, max_size=12), st.sampled_from(WORDS)), max_size=8))
def test_guarded_patterns_find_the_same_matches_in_any_text(parts):
    _same_everywhere(" ".join(parts))


def test_case_rules_follow_the_scope_of_each_letter():
    fast = guarded(re.compile(r"\b(?:(?i:stock)|Kg)\b"))
    assert fast is not re.compile(r"\b(?:(?i:stock)|Kg)\b")
    assert [m.group() for m in fast.finditer("STOCK ſtock kg Kg \u212ag")] == ["STOCK", "ſtock", "Kg"]
    fast = guarded(re.compile(r"(?i)(?<!\w)kilo"))
    assert [m.group() for m in fast.finditer("KILO \u212aILO kilo")] == ["KILO", "\u212aILO", "kilo"]


def test_unbounded_patterns_are_returned_as_they_are():
    for source in (r"\d*", r"(?:a|)b?", r".x", r"\w+", r"[^a]b", r"\s+x"):
        pattern = re.compile(source)
        assert guarded(pattern) is pattern


def test_flags_groups_and_a_verbose_comment_are_kept():
    pattern = re.compile(r"(?x) (?P<n> \d+ ) \s? (?P<u> km | mi )  # a distance", re.I)
    fast = guarded(pattern)
    assert fast.flags == pattern.flags and fast.groupindex == pattern.groupindex
    assert [m.groupdict() for m in fast.finditer("5 KM and 7mi")] == [{"n": "5", "u": "KM"}, {"n": "7", "u": "mi"}]
