"""The data files beside the CSVs: each table as Parquet, and one SQLite database of them all.

``data/<table>.parquet`` holds a table with its column types (ids stay text,
missing numbers are nulls) and ``data/corpus.db`` every table with full-text
search on the sentences and the claims, as ``datasette data/corpus.db`` opens
it: one SQLite table per CSV, keyed by the columns that identify a row, and an
FTS5 index (``sentences_fts``, ``claims_fts``) that datasette's search box uses.

Both are written from the CSVs the build has just written, and only when their
bytes change, so that two builds of the same inputs leave identical files:
Parquet is written without pandas' metadata (which names the pandas version and
the index) and with the same writer settings every time; it holds no time. The
database is made afresh in a temporary file by the same statements in the same
order, then vacuumed: SQLite stores no time either, and its header's change
counter and page layout follow from the statements alone, so the same SQLite
library gives the same bytes. (A different SQLite version may write another
version number into the header; the content is the same.)
"""

from __future__ import annotations

import filecmp
import io
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .. import atomic
from ..reports.index import DATABASE
from ..tables import TableSpec
from .digests import write_if_changed
from .pipeline import TABLES

# The text columns each table's full-text index covers (trigram tokens: Japanese has no spaces).
FULL_TEXT = {"sentences": ("text", "speaker"), "claims": ("surface", "context", "topic", "subject", "speaker")}
_SQL_TYPES = {"int": "INTEGER", "float": "REAL", "bool": "INTEGER", "str": "TEXT"}


def _tables(data_dir: Path) -> list[tuple[TableSpec, pd.DataFrame]]:
    """Every table of the pipeline whose CSV the folder holds, read with its types (in ``TABLES`` order)."""
    found = []
    for spec in TABLES:
        path = data_dir / f"{spec.name}.csv"
        if path.is_file():
            found.append((spec, spec.read_csv(path)))
    return found


def parquet_bytes(spec: TableSpec, df: pd.DataFrame) -> bytes:
    """The table as Parquet: its columns in the spec's order and types, nothing that changes between runs."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = []
    for c in spec.columns:
        kind = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}[c.kind]
        fields.append(pa.field(c.name, kind, nullable=c.nullable or c.kind in ("float", "str")))
    columns = [c for c in spec.names if c in df.columns]
    table = pa.Table.from_pandas(df[columns], preserve_index=False)
    table = table.cast(pa.schema([f for f in fields if f.name in columns])).replace_schema_metadata(None)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", compression_level=9, use_dictionary=True, write_statistics=True)
    return sink.getvalue()


def _records(df: pd.DataFrame) -> Iterator[tuple]:
    """Rows as plain Python values for sqlite3: missing numbers are NULL, flags 0/1.

    Column by column, then zipped: two thirds of the time of converting the frame
    to objects and masking it, and no second copy of the table (the large-input
    build's 550,000 sentences).
    """
    columns = [df[c].to_numpy(dtype=object, na_value=None) for c in df.columns]
    return zip(*columns) if columns else iter(())


def _fts_tokenizer(con: sqlite3.Connection) -> str:
    """Trigram tokens (any language, substrings) where this SQLite has them (3.34+), else unicode61."""
    try:
        con.execute("CREATE VIRTUAL TABLE temp.probe USING fts5(x, tokenize='trigram')")
        con.execute("DROP TABLE temp.probe")
        return "trigram"
    except sqlite3.OperationalError:
        return "unicode61"


def write_database(path: Path, tables: list[tuple[TableSpec, pd.DataFrame]]) -> None:
    """Every table into a new SQLite database at ``path`` (replaced), with FTS5 on sentences and claims.

    The full-text tables are what ``sqlite-utils enable-fts`` makes (``<table>_fts``,
    external content, rowid-linked), which datasette recognises as the table's search.
    """
    import sqlite_utils

    path.unlink(missing_ok=True)
    con = sqlite3.connect(str(path), isolation_level=None)
    try:
        # A new file, thrown away if anything fails: no rollback journal beside it (a killed build would leave
        # one the next build's clean-up does not know), and nothing written twice. The bytes are the same.
        con.execute("PRAGMA journal_mode=OFF")
        db = sqlite_utils.Database(con)
        tokenizer = _fts_tokenizer(con)
        for spec, df in tables:
            columns = {c.name: _SQL_TYPES[c.kind] for c in spec.columns if c.name in df.columns}
            pk = spec.unique if spec.unique and set(spec.unique) <= set(columns) and _unique(df, spec.unique) else None
            con.execute("BEGIN")
            table = db.table(spec.name)
            table.create({name: {"INTEGER": int, "REAL": float, "TEXT": str}[t] for name, t in columns.items()}, pk=pk)
            marks = ", ".join("?" for _ in columns)
            names = ", ".join(f'"{n}"' for n in columns)
            # the names are the spec's own column names, the values bound parameters
            con.executemany(f'INSERT INTO "{spec.name}" ({names}) VALUES ({marks})', _records(df[list(columns)]))
            con.execute("COMMIT")
            wanted = [c for c in FULL_TEXT.get(spec.name, ()) if c in columns]
            if wanted:
                table.enable_fts(wanted, fts_version="FTS5", tokenize=tokenizer, create_triggers=False)
        con.execute("VACUUM")
    finally:
        con.close()


def _unique(df: pd.DataFrame, columns: tuple[str, ...]) -> bool:
    return not df.duplicated(list(columns)).any()


def write_datasets(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Parquet beside every table's CSV and ``corpus.db`` of them all, each written only when it changed.

    Returns the tables as read (the site search indexes them).
    """
    tables = _tables(data_dir)
    for spec, df in tables:
        write_if_changed(data_dir / f"{spec.name}.parquet", parquet_bytes(spec, df))
    # Made beside its place under the build's temporary name (an interrupted build's is removed by the next),
    # compared with the old file in chunks and renamed into place: a database as large as its text (350 MB for
    # the large-input build) is neither read into memory nor written twice.
    tmp = atomic.temp_path(data_dir)
    try:
        write_database(tmp, tables)
        target = data_dir / DATABASE
        if not (target.is_file() and filecmp.cmp(tmp, target, shallow=False)):
            with tmp.open("rb+") as f:
                os.fsync(f.fileno())
            os.chmod(tmp, atomic.FILE_MODE)
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return {spec.name: df for spec, df in tables}
