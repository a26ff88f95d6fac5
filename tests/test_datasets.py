"""Parquet and SQLite beside the CSVs: the same rows and types, full-text search, the same bytes every build."""

from __future__ import annotations

import shutil
import sqlite3

import pandas as pd
import pyarrow.parquet as pq

from helpers.build.datasets import FULL_TEXT, write_datasets
from helpers.build.pipeline import table_spec
from helpers.reports.index import DATABASE, csv_records

SENTENCES = pd.DataFrame(
    {
        "doc_id": ["001", "001", "002"],
        "sentence_id": [0, 1, 0],
        "block_id": [0, 0, 0],
        "start": [0, 20, 0],
        "end": [19, 40, 15],
        "lang": ["ja", "ja", "en"],
        "text": ["GPUは60万台になる。", "=SUM(A1) と書いた\n二行目", "Meta has 600,000 GPUs."],
    }
)
CLAIMS = pd.DataFrame(
    {
        "doc_id": ["001", "002"],
        "claim_id": ["001:c0001", "002:c0001"],
        "sentence_id": [0, 0],
        "surface": ["60万台", "600,000"],
        "value": [600000.0, float("nan")],
        "value_low": [600000.0, 600000.0],
        "unit": ["gpu", "gpu"],
        "context": ["GPUは60万台になる。", "Meta has 600,000 GPUs."],
    }
)


def test_parquet_holds_the_csv_rows_with_their_types_and_no_run_metadata(data_folder):
    data = data_folder(sentences=SENTENCES, claims=CLAIMS)
    tables = write_datasets(data)
    assert len(tables["sentences"]) == 3 and len(tables["claims"]) == 2
    for name in ("documents", "sentences", "claims"):
        spec = table_spec(name)
        from_csv = spec.read_csv(data / f"{name}.csv")
        table = pq.read_table(data / f"{name}.parquet")
        assert table.schema.names == spec.names
        assert table.schema.metadata is None  # no pandas version, index or time
        pd.testing.assert_frame_equal(table.to_pandas(), from_csv, check_dtype=False)
    ids = pq.read_table(data / "sentences.parquet").column("doc_id").to_pylist()
    assert ids == ["001", "001", "002"]  # ids stay text
    # the formula-looking sentence is the document's text, not the CSV's neutralised form
    assert pq.read_table(data / "sentences.parquet").column("text").to_pylist()[1].startswith("=SUM")
    assert pd.isna(pq.read_table(data / "claims.parquet").column("value").to_pylist()[1])


def test_database_has_every_table_keyed_and_searchable(data_folder):
    data = data_folder(sentences=SENTENCES, claims=CLAIMS)
    write_datasets(data)
    con = sqlite3.connect(data / DATABASE)
    for p in data.glob("*.csv"):
        assert con.execute(f'SELECT count(*) FROM "{p.stem}"').fetchone()[0] == csv_records(p)
    assert set(FULL_TEXT) <= {r[0].removesuffix("_fts") for r in con.execute("SELECT name FROM sqlite_master")}
    # substrings of Japanese (no spaces) and English words are both found
    found = con.execute(
        "SELECT s.doc_id, s.sentence_id FROM sentences s JOIN sentences_fts f ON f.rowid = s.rowid "
        "WHERE sentences_fts MATCH ? ORDER BY 1, 2",
        ("60万台",),
    ).fetchall()
    assert found == [("001", 0)]
    hits = con.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", ("GPUs",)).fetchone()[0]
    assert hits == 1
    pk = [r[1] for r in con.execute("PRAGMA table_info(claims)") if r[5]]
    assert pk == ["claim_id"]
    value = con.execute("SELECT value, typeof(value) FROM claims WHERE claim_id = '002:c0001'").fetchone()
    assert value == (None, "null")
    con.close()


def test_datasets_are_byte_identical_across_builds_and_left_alone_when_unchanged(data_folder, tmp_path):
    first = data_folder(sentences=SENTENCES, claims=CLAIMS)
    second = tmp_path / "again"
    shutil.copytree(first, second)
    write_datasets(first)
    write_datasets(second)
    made = sorted(p.name for p in first.iterdir() if p.suffix in (".parquet", ".db"))
    assert DATABASE in made and "claims.parquet" in made
    for name in made:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    stamps = {name: (first / name).stat().st_mtime_ns for name in made}
    write_datasets(first)
    assert {name: (first / name).stat().st_mtime_ns for name in made} == stamps
    assert not [p for p in first.iterdir() if p.name.endswith(".tmp")]
