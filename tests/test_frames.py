"""typed_frame: a table made column by column is exactly what TableSpec.frame makes of the same rows."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.tables import Column, TableSpec
from helpers.text.frames import typed_frame

SPEC = TableSpec(
    "things",
    "one row per thing",
    (
        Column("doc_id", "str", "id"),
        Column("n", "int", "a count"),
        Column("maybe", "int", "a count that may be missing", nullable=True),
        Column("x", "float", "a value", nullable=True),
        Column("y", "float", "a value"),
        Column("flag", "bool", "a flag"),
        Column("note", "str", "free text"),
    ),
)

# Each column also gets values off the direct path (a None in an int column, a
# numpy number, a string of a bool), which must go the way TableSpec.frame goes.
cell = {
    "doc_id": st.one_of(st.text(max_size=6), st.none()),
    "n": st.one_of(st.integers(-(2**62), 2**62), st.integers(0, 9).map(np.int64)),
    "maybe": st.one_of(st.none(), st.integers(0, 2**60)),
    "x": st.one_of(st.none(), st.floats(allow_infinity=False), st.integers(-(10**6), 10**6), st.just("")),
    "y": st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.none()),
    "flag": st.one_of(st.booleans(), st.sampled_from(["true", "False"])),
    "note": st.one_of(st.text(max_size=6), st.none(), st.just(math.nan), st.integers(0, 9)),
}


def assert_same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True, check_index_type=True)
    assert list(map(str, a.dtypes)) == list(map(str, b.dtypes))
    for c in a.columns:  # the cached extraction stores these lists: types must match, not only values
        assert [type(v) for v in a[c].tolist()] == [type(v) for v in b[c].tolist()]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.fixed_dictionaries(cell), max_size=6))
def test_typed_frame_is_spec_frame(rows):
    columns = {name: [r[name] for r in rows] for name in SPEC.names}
    assert_same(typed_frame(SPEC, columns), SPEC.frame(rows))


def test_typed_frame_of_document_tables():
    from helpers.analysis.summarize import SUMMARIES
    from helpers.claims.extract import CLAIMS
    from helpers.text.frames import BLOCKS, SENTENCES

    for spec in (BLOCKS, SENTENCES, CLAIMS, SUMMARIES):
        assert_same(typed_frame(spec, {n: [] for n in spec.names}), spec.empty())
    rows = [dict(doc_id="d", kind="sentence", rank=1, sentence_id=3, claim_id="", score=0.25),
            dict(doc_id="d", kind="key_claim", rank=1, sentence_id=4, claim_id="d:c0001", score=None)]  # fmt: skip
    assert_same(typed_frame(SUMMARIES, {n: [r[n] for r in rows] for n in SUMMARIES.names}), SUMMARIES.frame(rows))
