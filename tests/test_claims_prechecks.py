"""The claim finders' cheap pre-checks give the answers of the scans they stand before (no claim changes)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from helpers.claims import numbers, spelled, spoken, topics
from helpers.claims.lexicon import ONE_DAY_MOVE, SCALE_AFTER
from helpers.claims.quantities import attach, filters, latin, pipeline, spoken_forms

# words the patterns look for, near misses, and characters that case-folding reads differently (ſ, Kelvin K, İ)
WORDS = [
    "one",
    "ones",
    "Twenty",
    "hundreds",
    "dozen",
    "a",
    "Dutzend",
    "ein",
    "b",
    "bee",
    "GPT",
    "llama",
    "four",
    "point",
    "three",
    "single",
    "day",
    "Day",
    "drop",
    "times",
    "mal",
    "2",
    "8",
    "is",
    "not",
    "more",
    "than",
    "about",
    "nearly",
    "no",
    "less",
    "or",
    "equal",
    "to",
    "up",
    "~",
    "≤",
    "zwei",
    "fünf",
    "½",
    "ſix",
    "Kilo",
    "İ",
    "onE",
    "done",
    "an",
    "million",
    "MILLION",
    "millions",
    "bn",
]
SEPARATORS = [" ", "  ", "-", ", ", ".", "\n", "/", "(", ")", "'"]
sentences = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=14).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@given(sentences)
def test_number_words_by_word_runs_agree_with_the_pattern(text):
    for lang in ("en", "de"):
        assert spelled.may_start(text, lang) == (spelled.STARTS[lang].search(text) is not None)


@given(sentences)
def test_a_pattern_that_matches_is_never_skipped(text):
    if spoken_forms._SPOKEN_SIZE.search(text):
        assert spoken_forms._may_size(text)
    if ONE_DAY_MOVE.search(text):
        assert pipeline._may_be_one_day(text)
    if re.search(r"\b(?:a|one|ein)\s(?:dozen|Dutzend)\b", text, re.I):
        assert latin._dozens(text, [])
    if spoken._VERSION.search(text):
        runs = spoken.word_runs(text)
        assert runs is None or spoken._FAMILY_RUNS is None or not runs.isdisjoint(spoken._FAMILY_RUNS)


@given(sentences, st.integers(0, 60), st.integers(0, 30))
def test_product_operands_and_clauses_as_before(text, s, width):
    s = min(s, len(text))
    e = min(len(text), s + width)
    scale = filters._SCALE_WORD.search(text, s, e) or filters._POWER_SAID.search(text, s, e)
    after = filters._TIMES_OPERAND_AFTER.match(text, e) is not None
    before = bool(filters._TIMES_OPERAND_BEFORE.search(text, max(0, s - 40), s))
    operand = not scale and (after or before and bool(filters._PRODUCT_GOES_ON.match(text, e)))
    assert filters.is_product_operand(text, s, e) == operand
    left = max((m.end() for m in topics._CLAUSE_SPLIT.finditer(text, 0, s)), default=0)
    right = next((m.start() for m in topics._CLAUSE_SPLIT.finditer(text, e)), len(text))
    assert topics._clause(text, s, e) == text[left:right]


@given(sentences)
def test_qualifiers_searched_from_their_reach_find_the_same_match(text):
    window = text[-40:]
    for patterns in attach.PREFIX_QUAL.values():
        for pattern, _ in patterns:
            m = pattern.search(window)
            n = pattern.search(window, max(0, len(window) - attach._end_reach(pattern)))
            assert (m and m.span()) == (n and n.span())


@given(sentences)
def test_tokens_open_runs_by_set_as_by_the_pattern(text):
    for tok in spelled.TOKEN.findall(text):
        for lang in ("en", "de"):
            assert spelled._opens_run.__wrapped__(tok, lang) == (spelled.STARTS[lang].match(tok) is not None)


@given(sentences)
@example("It cost a million, an MILLION or a bn; a millions")
@example("one thousand-fold")
def test_article_scales_are_never_skipped(text):
    scales = numbers.SCALE_WORDS["en"]
    found = [
        m
        for m in latin._ARTICLE["en"].finditer(text)
        if (sm := SCALE_AFTER["en"].match(text, m.end() - 1)) and sm.group(1) and sm.group(1).lower() in scales
    ]
    assert bool(latin._article_scales(text, "en", [])) == bool(found)


@given(sentences)
@example("in five, over 3, out of ten, first half, seconds points as Over a million, a third, minus two")
def test_words_left_out_as_starts_never_start_a_run(text):
    toks = [(m.group(0), m.start(), m.end()) for m in spelled.TOKEN.finditer(text)]
    for k, (tok, _, _) in enumerate(toks):
        if spelled._opens_run(tok, "en") and tok.lower() not in spelled._EN_RUN_STARTS:
            assert spelled._parse_en(text, toks, k) is None
