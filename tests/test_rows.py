"""Tables joined from each document's own CSV bytes equal the tables written whole."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.build import builder
from helpers.build.rows import CHUNKED, document_chunks, join
from helpers.build.scheduler import Workers
from helpers.tables import csv_parts, to_csv_bytes
from helpers.text.catalog import Catalog
from helpers.text.corpus import discover

ROOT = Path(__file__).resolve().parents[1]

cells = st.one_of(st.text(max_size=12), st.sampled_from(["=1+1", "'quoted", "-5", "a\nb", 'say "hi"', "x,y", "\t", ""]))


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.tuples(cells, st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=False)), st.integers(-10**12, 10**12)), max_size=12),
    cuts=st.lists(st.integers(0, 12), max_size=4),
)
def test_a_table_is_its_header_and_any_split_of_its_rows_joined(rows, cuts):
    df = pd.DataFrame(rows, columns=["text", "value", "n"]).astype({"text": object, "value": "float64", "n": "int64"})
    whole, quoted = csv_parts(df)
    bounds = sorted({0, len(df), *(c for c in cuts if c <= len(df))})
    parts = [document_chunks({"claims": df.iloc[a:b]})["claims"] for a, b in zip(bounds, bounds[1:])] or [
        document_chunks({"claims": df})["claims"]
    ]
    joined = join(parts)
    if any(p.quoted for p in parts):
        assert joined is None  # every text cell quoted: written from the frame instead
    else:
        assert not quoted and joined == whole


def test_a_lone_carriage_return_is_never_joined():
    df = pd.DataFrame({"text": ["a\rb", "c"]}, dtype=object)
    chunk = document_chunks({"claims": df})["claims"]
    assert chunk.quoted and join([chunk]) is None


def test_the_seed_tables_joined_from_documents_equal_the_tables_written_whole(tmp_path):
    sources, catalog = discover(ROOT / "seeds"), Catalog(path=None)
    fixed = {"helpers": "x", "packages": "y"}
    with Workers("local", 2) as workers:
        fresh = builder.extract_all(sources, catalog, tmp_path / "cache", fixed, workers)
        cached = builder.extract_all(sources, catalog, tmp_path / "cache", fixed, workers)
    assert all(e.csv for e in fresh) and all(e.csv for e in cached)
    for extractions in (fresh, cached):
        tables = builder.combine(extractions)
        files, chunks = builder.table_files(extractions, tables)
        assert set(chunks) == set(CHUNKED)  # every table was joined, none written from its frame
        # nor made into a frame: the build never reads the blocks as one, so they are never put together
        assert "blocks" not in tables._frames
        assert files == {name: to_csv_bytes(df) for name, df in tables.items()}
    entry = json.loads(next((tmp_path / "cache").iterdir()).read_bytes())
    assert set(entry["csv"]) == set(CHUNKED)


def test_a_document_rows_folder_holds_what_filtering_the_table_gives(tmp_path):
    sources, catalog = discover(ROOT / "seeds"), Catalog(path=None)
    with Workers("local", 1) as workers:
        extractions = builder.extract_all(sources, catalog, tmp_path / "cache", {"helpers": "x", "packages": "y"}, workers)
    tables = builder.combine(extractions)
    _, chunks = builder.table_files(extractions, tables)
    doc = sorted(e.doc_id for e in extractions)[2]
    names = ("documents", *CHUNKED)
    builder.RowDigests(tables, chunks).write_own_rows(tmp_path / "joined", names, (doc,))
    builder.RowDigests(tables).write_own_rows(tmp_path / "filtered", names, (doc,))
    for name in names:
        assert (tmp_path / "joined" / f"{name}.csv").read_bytes() == (tmp_path / "filtered" / f"{name}.csv").read_bytes(), name
    # and a run's record depends on the same rows whichever way they were hashed: only the digests' form differs
    joined, filtered = builder.RowDigests(tables, chunks), builder.RowDigests(tables)
    others = [e.doc_id for e in extractions if e.doc_id != doc]
    assert joined.of(list(CHUNKED), (doc,)) != joined.of(list(CHUNKED), (others[0],))
    assert filtered.of(list(CHUNKED), (doc,)) != filtered.of(list(CHUNKED), (others[0],))
