"""Table specs: one definition gives the schema, the writer, the typed reader and the data dictionary."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.build.pipeline import INPUT_TABLES, TABLES
from helpers.tables import Column, TableSpec, to_csv_bytes

SPEC = TableSpec(
    "things",
    "one row per thing",
    (
        Column("doc_id", "str", "id; may look like a number"),
        Column("n", "int", "a count", min_value=0),
        Column("maybe", "int", "a count that may be missing", nullable=True),
        Column("x", "float", "a value", nullable=True),
        Column("flag", "bool", "a flag"),
        Column("note", "str", "free text"),
    ),
    unique=("doc_id",),
)

# Document text is newline-normalized before it reaches a table, so "\r" never occurs in it.
text = st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=12))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.one_of(st.none(), st.integers(0, 10**6)),
                          st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, width=32)),
                          st.booleans(), text), min_size=0, max_size=8))  # fmt: skip
def test_csv_round_trip_keeps_types_and_empties(tmp_path_factory, rows):
    records = [dict(doc_id=f"{i:03d}", n=n, maybe=m, x=x, flag=f, note=t) for i, (n, m, x, f, t) in enumerate(rows)]
    df = SPEC.frame(records)
    SPEC.validate(df)
    assert all(isinstance(v, str) for v in df["note"])  # missing text is "", never NaN or "None"
    path = tmp_path_factory.mktemp("t") / "things.csv"
    path.write_bytes(to_csv_bytes(df))
    back = SPEC.read_csv(path)
    assert list(back["doc_id"]) == [r["doc_id"] for r in records]  # "001" stays text
    assert list(back["n"]) == [r["n"] for r in records]
    assert [None if pd.isna(v) else int(v) for v in back["maybe"]] == [r["maybe"] for r in records]
    for got, want in zip(back["x"], (r["x"] for r in records)):
        assert (want is None and math.isnan(got)) or got == pytest.approx(want, rel=1e-6, abs=1e-30)
    assert list(back["flag"]) == [r["flag"] for r in records]
    assert list(back["note"]) == ["" if r["note"] is None else r["note"] for r in records]
    assert to_csv_bytes(back) == to_csv_bytes(df)


def test_schema_rejects_what_the_spec_forbids():
    import pandera.errors

    good = SPEC.frame([dict(doc_id="a", n=1, maybe=None, x=1.0, flag=True, note="")])
    SPEC.validate(good)
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        SPEC.validate(good.assign(n=-1))
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        SPEC.validate(pd.concat([good, good], ignore_index=True))  # unique doc_id
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        SPEC.validate(good.assign(extra=1))  # strict: undeclared columns


def test_every_table_is_documented_and_its_empty_frame_validates():
    names = [s.name for s in TABLES]
    assert len(names) == len(set(names))
    for spec in (*TABLES, *INPUT_TABLES):
        assert all(c.meaning.strip() for c in spec.columns), spec.name
        assert list(spec.empty().columns) == spec.names
    for spec in TABLES:
        spec.validate(spec.empty())
