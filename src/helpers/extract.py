"""The extraction stage: decode, parse and extract claims for every document.

Runs in the build process (or on Dask workers) before any notebook; its
tables are the data every notebook reads. One bad document is recorded with
its error and the others go on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .catalog import Catalog
from .corpus import SourceFile
from .exceptions import DocumentError

DOCUMENT_COLUMNS = [
    "doc_id", "file", "status", "error", "sha256", "bytes", "encoding", "lang", "title",
    "chars", "lines", "blocks", "sentences", "claims",
    "catalog_title", "catalog_language", "genre", "event", "event_id", "event_date", "published",
    "speakers", "rendering_of",
]  # fmt: skip


DATA_DICTIONARY = {
    "doc_id": "document id: the seed file's name without extension",
    "file": "the file name in the seeds folder",
    "status": "ok, or error when the document could not be read or parsed (see error)",
    "error": "what is wrong with the document, naming the file (empty when ok)",
    "sha256": "SHA-256 of the file's bytes",
    "bytes": "size of the file in bytes",
    "encoding": "detected encoding (utf-8, utf-8-sig, utf-16-le, utf-16-be, utf-32-le, utf-32-be, cp932, euc_jp, cp1252)",
    "lang": "document language detected from its body (ja, de, en, unknown)",
    "title": "title line as found by the parser (empty when the document has none)",
    "chars": "characters of the decoded, newline-normalized text (the space all offsets index)",
    "lines": "lines of the decoded text",
    "blocks": "number of blocks (rows in blocks.csv)",
    "sentences": "number of body sentences (rows in sentences.csv)",
    "claims": "number of quantitative claims (rows in claims.csv)",
    "catalog_title": "title as given in seeds/catalog.yaml",
    "catalog_language": "language as given in the catalog",
    "genre": "transcript translation, article, notes, commentary or transcript (catalog)",
    "event": "the event the document reports on (catalog)",
    "event_id": "key shared by documents about one event (catalog)",
    "event_date": "date of the event, YYYY-MM-DD or YYYY (catalog)",
    "published": "publication date if the text states one (catalog)",
    "speakers": "speakers named by the catalog, separated by '; '",
    "rendering_of": "what the document renders, when it is a translation or write-up of one event (catalog)",
}


@dataclass
class Extraction:
    """What extraction made of one document."""

    doc_id: str
    row: dict[str, object]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.row["status"] == "ok"


def extract_document(source: SourceFile, catalog: Catalog) -> Extraction:
    from .claims import claims_frame
    from .decode import decode_bytes
    from .parse import parse_document, tables

    entry = catalog.entry(source.doc_id)
    row: dict[str, object] = {c: "" for c in DOCUMENT_COLUMNS}
    row.update(
        doc_id=source.doc_id,
        file=source.path.name,
        catalog_title=entry.title or "",
        catalog_language=entry.language or "",
        genre=entry.genre or "",
        event=entry.event or "",
        event_id=entry.event_id or "",
        event_date=entry.event_date or "",
        published=entry.published or "",
        speakers="; ".join(entry.speakers),
        rendering_of=entry.rendering_of or "",
    )
    try:
        if source.problem:
            raise DocumentError(source.problem, path=source.path.name)
        data = source.path.read_bytes()
        row.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
        decoded = decode_bytes(data, source=source.path.name)
        doc = parse_document(
            decoded.text,
            source.doc_id,
            path=source.path.name,
            encoding=decoded.encoding,
            speakers=list(entry.speakers) or None,
        )
        frames = tables(doc)
        frames["claims"] = claims_frame([doc])
    except DocumentError as e:
        row.update(status="error", error=str(e))
        return Extraction(source.doc_id, row)
    except Exception as e:  # a parser bug on one document must not sink the corpus
        row.update(status="error", error=f"{source.path.name}: internal error {type(e).__name__}: {e}")
        return Extraction(source.doc_id, row)
    row.update(
        status="ok",
        encoding=decoded.encoding,
        lang=doc.lang,
        title=doc.title or "",
        chars=len(doc.text),
        lines=doc.text.count("\n") + 1,
        blocks=len(doc.blocks),
        sentences=len(doc.sentences),
        claims=len(frames["claims"]),
    )
    return Extraction(source.doc_id, row, frames)


def combine(extractions: list[Extraction]) -> dict[str, pd.DataFrame]:
    """The corpus tables, one row per document / block / sentence / claim, sorted by document."""
    extractions = sorted(extractions, key=lambda e: e.doc_id)
    out = {"documents": pd.DataFrame([e.row for e in extractions], columns=DOCUMENT_COLUMNS)}
    for name in ("blocks", "sentences", "claims"):
        parts = [e.tables[name] for e in extractions if name in e.tables]
        out[name] = pd.concat(parts, ignore_index=True) if parts else _empty(name)
    return out


def _empty(name: str) -> pd.DataFrame:
    from . import claims, parse

    schema = {"blocks": parse.BLOCKS_SCHEMA, "sentences": parse.SENTENCES_SCHEMA, "claims": claims.CLAIMS_SCHEMA}[name]
    return pd.DataFrame(columns=list(schema.columns))


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """Deterministic CSV: fixed line ending, no index."""
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")
