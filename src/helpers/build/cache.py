"""The extraction cache (``_build/extract/``): one entry per document, reused while its key is the same.

The cache is data, never code: anyone who can write the output folder (a
shared drive, a CI cache, an unpacked archive) could otherwise run code on
the next build through an unpickled entry. An entry holds the document's row
and its rows of the other tables as CSV, read back by the tables' own parser,
with a digest of those rows: an entry edited or damaged after it was written
is a miss, not a table that breaks the build.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from ..text.decode import MAX_DOCUMENT_BYTES
from ..text.safeload import Unreadable, load_json
from .confine import read_regular
from .digests import sha
from .extract import CsvTables, Extraction
from .rows import CHUNKED, Chunk
from .rows import from_json as chunks_from_json
from .rows import to_json as chunks_to_json

CACHE_FORMAT = 4  # 2: entries hold the document's summary; 3: and its rows as CSV; 4: only as CSV
# An entry holds a document's rows as CSV: a few times the document's own size.
MAX_CACHE_ENTRY_BYTES = 16 * MAX_DOCUMENT_BYTES


def extraction_key(source_bytes: bytes, entry: object, fixed: dict[str, str]) -> str:
    """What a document's extraction depends on: its bytes, its catalog entry, the code and the packages."""
    return sha(source_bytes + repr(entry).encode() + json.dumps(fixed, sort_keys=True).encode())


def entry_path(cache_dir: Path, doc_id: str) -> Path:
    return cache_dir / f"{sha(doc_id.encode())[:16]}.json"


def cache_entry(key: str, extraction: Extraction) -> bytes:
    entry = {"format": CACHE_FORMAT, "key": key, "doc_id": extraction.doc_id, "row": extraction.row,
             "csv": chunks_to_json(extraction.csv), "csv_sha256": rows_digest(extraction.csv)}  # fmt: skip
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, default=_json_scalar).encode("utf-8")


def rows_digest(chunks: Mapping[str, Chunk]) -> str:
    """SHA-256 of each table's name, quoting flag, header and rows, in name order.

    Fed part by part: joining them first copied a document's rows twice (200 MB for a 50 MB document).
    """
    h = hashlib.sha256()
    for name, c in sorted(chunks.items()):
        for part in (name.encode(), bytes([c.quoted]), c.header, c.body):
            h.update(part)
    return h.hexdigest()


def _json_scalar(value: object) -> object:
    if hasattr(value, "item"):  # numpy scalars in a row
        return value.item()
    raise TypeError(f"not cacheable: {type(value).__name__}")


def cache_bytes(path: Path) -> bytes:
    """A cache entry's bytes; b"" (a miss) unless it is a regular file of bounded size (no planted FIFO or device)."""
    try:
        return read_regular(path, MAX_CACHE_ENTRY_BYTES)
    except OSError:
        return b""


def read_cache_entry(data: bytes, key: str, doc_id: str) -> Extraction | None:
    """The cached extraction when the entry is well-formed and made for exactly this key; else None (a miss)."""
    try:
        entry = load_json(data)  # bounded: nesting too deep for the parser is a miss, not a crash
        if not (
            isinstance(entry, dict)
            and entry.get("format") == CACHE_FORMAT
            and entry.get("key") == key
            and entry.get("doc_id") == doc_id
        ):
            return None
        chunks = chunks_from_json(entry.get("csv"))
        if chunks is None or set(chunks) != set(CHUNKED) or entry.get("csv_sha256") != rows_digest(chunks):
            return None
        row = entry["row"]
        if not isinstance(row, dict) or row.get("status") != "ok":
            return None
        return Extraction(doc_id, row, CsvTables(chunks), chunks)
    except (Unreadable, ValueError, TypeError, KeyError, AttributeError):  # a damaged entry is only a miss
        return None
