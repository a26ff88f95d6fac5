"""Each document's rows of the per-document tables as CSV bytes, made once, where it is extracted.

A build of a thousand documents writes some 60 MB of tables, and a folder of
each document's own rows that its report reads (``pipeline.document_data_dir``).
Serialising a thousand documents' rows again in every build took seconds of
the build process's time even when one document was added. Instead each
document's rows are serialised by the worker that extracts it and cached with
the extraction; the build joins bytes. The corpus CSV is the header and the
documents' rows in document order, because each row's bytes depend on that
row alone (``tables.csv_parts``); a table with a lone carriage return, whose
cells are all quoted, cannot be joined and is written from its frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..tables import csv_parts

# The tables with rows per document that extraction makes (documents.csv, one small row each, is written whole).
CHUNKED = ("blocks", "sentences", "claims", "summaries")


@dataclass(frozen=True)
class Chunk:
    """One document's rows of one table as the table's CSV holds them."""

    header: bytes
    body: bytes
    quoted: bool  # written with every text cell quoted (a lone "\r"): not joinable with other rows


def document_chunks(tables: Mapping[str, pd.DataFrame]) -> dict[str, Chunk]:
    out = {}
    for name in CHUNKED:
        if name in tables:
            data, quoted = csv_parts(tables[name])
            cut = data.index(b"\n") + 1
            out[name] = Chunk(data[:cut], data[cut:], quoted)
    return out


def join(chunks: list[Chunk]) -> bytes | None:
    """The CSV of these rows in this order, or None when they cannot be joined (none, quoted, differing headers)."""
    if not chunks or any(c.quoted for c in chunks) or len({c.header for c in chunks}) > 1:
        return None
    return b"".join([chunks[0].header, *(c.body for c in chunks)])  # one copy of the rows, not two


def to_json(chunks: Mapping[str, Chunk]) -> dict[str, list]:
    return {name: [c.header.decode("utf-8"), c.body.decode("utf-8"), c.quoted] for name, c in sorted(chunks.items())}


def from_json(raw: object) -> dict[str, Chunk] | None:
    """Chunks read back from a cache entry, or None when they are not exactly what :func:`to_json` writes."""
    if not isinstance(raw, dict):
        return None
    out = {}
    for name, value in raw.items():
        if not (
            name in CHUNKED
            and isinstance(value, list)
            and len(value) == 3
            and isinstance(value[0], str)
            and isinstance(value[1], str)
            and isinstance(value[2], bool)
            and value[0].endswith("\n")
        ):
            return None
        out[name] = Chunk(value[0].encode("utf-8"), value[1].encode("utf-8"), value[2])
    return out
