"""The extraction stage: decode, parse and extract claims for every document.

Runs in the build process (or on Dask workers) before any notebook; its
tables are the data every notebook reads. One bad document is recorded with
its error and the others go on.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from functools import partial

import pandas as pd

from ..exceptions import DocumentError
from ..tables import Column, TableSpec
from ..text.catalog import Catalog
from ..text.corpus import SourceFile
from .rows import Chunk, join

DOCUMENTS = TableSpec(
    "documents",
    "one row per document (also the ones that failed, with their error)",
    (
        Column("doc_id", "str", "document id: the seed file's name without extension"),
        Column("file", "str", "the file name in the seeds folder"),
        Column("status", "str", "ok, or error when the document could not be read or parsed (see error)"),
        Column("error", "str", "what is wrong with the document, naming the file (empty when ok)"),
        Column("sha256", "str", "SHA-256 of the file's bytes"),
        Column("bytes", "int", "size of the file in bytes", nullable=True),
        Column(
            "encoding",
            "str",
            "detected encoding (utf-8, utf-8-sig, utf-16-le, utf-16-be, utf-32-le, utf-32-be, cp932, euc_jp, cp1252)",
        ),
        Column(
            "format",
            "str",
            "format read from the content: plain, srt, vtt, sbv, json3, asr-json, whisper-tsv, whisper-text or "
            "transcript (see README, Formats read)",
        ),
        Column("lang", "str", "document language detected from its body (ja, de, en, unknown)"),
        Column("title", "str", "title line as found by the parser (empty when the document has none)"),
        Column(
            "chars",
            "int",
            "characters of the decoded, newline-normalized text (the space all offsets index)",
            nullable=True,
        ),
        Column("lines", "int", "lines of the decoded text", nullable=True),
        Column("blocks", "int", "number of blocks (rows in blocks.csv)", nullable=True),
        Column("sentences", "int", "number of body sentences (rows in sentences.csv)", nullable=True),
        Column("claims", "int", "number of quantitative claims (rows in claims.csv)", nullable=True),
        Column(
            "out_of_range",
            "str",
            "ids of the sentences (anchor s-N in the document report) holding a number too large to be a claim "
            "(beyond 10^27, or more than 19 digits): left out of claims.csv, not capped; separated by '; '",
        ),
        Column(
            "catalog_title", "str", "title as given in seeds/catalog.yaml, else in the document's YAML front matter"
        ),
        Column("catalog_language", "str", "language as given in the catalog"),
        Column("genre", "str", "transcript translation, article, notes, commentary or transcript (catalog)"),
        Column("event", "str", "the event the document reports on (catalog)"),
        Column("event_id", "str", "key shared by documents about one event (catalog)"),
        Column("event_date", "str", "date of the event, YYYY-MM-DD or YYYY (catalog, else front matter)"),
        Column(
            "published",
            "str",
            "publication date if the text states one (catalog, else front matter: publish_date, date, upload_date)",
        ),
        Column(
            "speakers",
            "str",
            "speakers named by the catalog (else the front matter's host, guest, speakers), separated by '; '",
        ),
        Column(
            "rendering_of",
            "str",
            "what the document renders, when it is a translation or write-up of one event (catalog)",
        ),
    ),
    unique=("doc_id",),
)


# What only a parsed document has in its row of DOCUMENTS.
PARSED_COLUMNS = (
    "encoding",
    "format",
    "lang",
    "title",
    "chars",
    "lines",
    "blocks",
    "sentences",
    "claims",
    "out_of_range",
)


class CsvTables(Mapping[str, pd.DataFrame]):
    """A document's tables held as the CSV bytes of its rows (``build.rows``), parsed into frames only when read.

    The build keeps a thousand documents' rows as bytes: it joins them into the
    data files, and :func:`combine` parses each table once for the whole corpus.
    Whether a document was extracted now or read from the cache, the build then
    analyses exactly the values its data files hold, which the notebooks read.
    """

    def __init__(self, chunks: Mapping[str, Chunk]) -> None:
        self.chunks = dict(chunks)
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = _parse(name, [self.chunks[name]])
        return self._frames[name]

    def __contains__(self, name: object) -> bool:
        return name in self.chunks

    def __iter__(self) -> Iterator[str]:
        return iter(self.chunks)

    def __len__(self) -> int:
        return len(self.chunks)


def _chunked_specs() -> dict[str, TableSpec]:
    from ..analysis.summarize import SUMMARIES
    from ..claims.extract import CLAIMS
    from ..text.frames import BLOCKS, SENTENCES

    return {spec.name: spec for spec in (BLOCKS, SENTENCES, CLAIMS, SUMMARIES)}


def _parse(name: str, chunks: list[Chunk]) -> pd.DataFrame:
    """Table ``name`` of these rows: one joinable run of chunks, or a single chunk (which may be quoted)."""
    data = join(chunks) if len(chunks) > 1 else chunks[0].header + chunks[0].body
    assert data is not None, "only chunks that join are parsed together"
    return _chunked_specs()[name].parse_csv(data)


def _concat(extractions: list[Extraction], name: str) -> pd.DataFrame | None:
    """Table ``name`` of the extractions, in their order (None when none has it).

    Consecutive documents held as CSV are joined and parsed as one table: the
    same frame as parsing each and joining the frames, for a fraction of the cost.
    """
    parts: list[pd.DataFrame] = []
    pending: list[Chunk] = []

    def flush() -> None:
        if pending:
            parts.append(_parse(name, pending))
            pending.clear()

    for e in extractions:
        if name not in e.tables:
            continue
        chunk = e.tables.chunks[name] if isinstance(e.tables, CsvTables) and name not in e.tables._frames else None
        if chunk is None or chunk.quoted:
            flush()
            parts.append(e.tables[name])
            continue
        if pending and chunk.header != pending[0].header:
            flush()
        pending.append(chunk)
    flush()
    return pd.concat(parts, ignore_index=True) if parts else None


@dataclass
class Extraction:
    """What extraction made of one document."""

    doc_id: str
    row: dict[str, object]
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    # Its rows of the per-document tables as CSV bytes (``build.rows``), when they were made with it.
    csv: Mapping[str, Chunk] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.row["status"] == "ok"


def extract_document(source: SourceFile, catalog: Catalog) -> Extraction:
    from ..analysis.summarize import summaries_frame
    from ..claims.extract import claims_frame
    from ..text.decode import decode_bytes, document_bytes
    from ..text.frames import frames as text_frames
    from ..text.parse import parse_document

    entry = catalog.entry(source.doc_id)
    row: dict[str, object] = dict.fromkeys(DOCUMENTS.names, "")
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
        data = document_bytes(source.path, source.path.name)  # a regular file of bounded size only
        row.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
        decoded = decode_bytes(data, source=source.path.name)
        doc = parse_document(
            decoded.text,
            source.doc_id,
            path=source.path.name,
            encoding=decoded.encoding,
            speakers=list(entry.speakers) or None,
            genre=entry.genre,
            event=entry.event,
        )
        frames = text_frames(doc)
        refused: dict[str, list[int]] = {}
        frames["claims"] = claims_frame([doc], {source.doc_id: entry}, refused, validate=False)  # see check_claims
        # A summary reads its own document only: made here, it is cached with the extraction
        # and reused while the document is unchanged, not recomputed for the corpus on every build.
        frames["summaries"] = summaries_frame(
            frames["sentences"], frames["claims"], {source.doc_id: entry.genre}, {source.doc_id: doc.format}
        )
    except DocumentError as e:
        row.update(status="error", error=str(e))
        return Extraction(source.doc_id, row)
    except Exception as e:  # a parser bug on one document must not sink the corpus
        row.update(status="error", error=f"{source.path.name}: internal error {type(e).__name__}: {e}")
        return Extraction(source.doc_id, row)
    # Front matter speaks where the catalog is silent.
    meta = doc.metadata
    for column, key in (("catalog_title", "title"), ("published", "published"), ("event_date", "event_date")):
        if not row[column] and meta.get(key):
            row[column] = meta[key]
    if not row["speakers"]:
        row["speakers"] = "; ".join(meta[k] for k in ("host", "guest", "speakers") if meta.get(k))
    row.update(
        status="ok",
        encoding=decoded.encoding,
        format=doc.format,
        lang=doc.lang,
        title=doc.title or "",
        chars=len(doc.text),
        lines=doc.text.count("\n") + 1,
        blocks=len(doc.blocks),
        sentences=len(doc.sentences),
        claims=len(frames["claims"]),
        out_of_range="; ".join(str(i) for i in refused[source.doc_id]),
    )
    return Extraction(source.doc_id, row, frames)


def check_claims(extractions: list[Extraction]) -> list[Extraction]:
    """``extractions`` with every document whose claims break a rule of ``CLAIMS`` turned into an error.

    The rules are checked once on the corpus's claims (a check's cost is
    mostly per call, not per row: one document's costs about what a thousand
    documents' do); a document with a failing row is reported with the rule it
    breaks, and the others go on.
    """
    from pandera.errors import SchemaErrors

    from ..claims.extract import CLAIMS

    ok = [e for e in extractions if e.ok and "claims" in e.tables]
    claims = _concat(ok, "claims")
    if claims is None:  # no document has claims to check
        return extractions
    try:
        CLAIMS.schema().validate(claims, lazy=True)
        return extractions
    except SchemaErrors as errors:
        cases = errors.failure_cases
    rows = pd.to_numeric(cases["index"], errors="coerce")
    broken: dict[str, str] = {}
    whole_table = []
    for row, (_, case) in zip(rows, cases.iterrows()):
        rule = f"{case['column'] or 'table'}: {case['check']}"
        if pd.isna(row):
            whole_table.append(rule)
            continue
        broken.setdefault(str(claims.at[int(row), "doc_id"]), rule)
    if whole_table and not broken:  # a rule of the whole table (e.g. columns): every document's rows break it
        broken = {e.doc_id: whole_table[0] for e in ok}

    def failed(e: Extraction) -> Extraction:
        # As a document that failed while parsing: the catalog's facts and the file's, nothing parsed.
        row: dict[str, object] = {
            **e.row,
            **dict.fromkeys(PARSED_COLUMNS, ""),
            "status": "error",
            "error": f"{e.row['file']}: internal error: a claim breaks the claims table's rule {broken[e.doc_id]}",
        }
        return Extraction(e.doc_id, row)

    return [failed(e) if e.doc_id in broken else e for e in extractions]


class CorpusTables(MutableMapping[str, pd.DataFrame]):
    """The corpus tables by name, each made into one frame when first read.

    The build joins its data files from the documents' CSV bytes and reads
    only some tables as frames (claims and sentences to compare, documents for
    the index): the blocks of a thousand documents are never put together.
    """

    def __init__(self, makers: Mapping[str, Callable[[], pd.DataFrame]]) -> None:
        self._makers = dict(makers)
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = self._makers[name]()
        return self._frames[name]

    def __setitem__(self, name: str, df: pd.DataFrame) -> None:
        self._makers.setdefault(name, lambda: df)
        self._frames[name] = df

    def __delitem__(self, name: str) -> None:
        del self._makers[name]
        self._frames.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def release_models() -> None:
    """Drop the extractor's models (SudachiPy's dictionary, lingua's detector) from this process, if it loaded them.

    A worker extracts documents first and runs notebooks after: on two cores a
    thousand-document build held about 180 MB of models per worker through the
    whole notebook stage, which needs none of them. A later extraction loads
    them again (about half a second).
    """
    from ..text import japanese, language

    caches = (japanese.tokenizer, japanese.dictionary, language.detector)
    if not any(c.cache_info().currsize for c in caches):
        return
    for c in caches:
        c.cache_clear()
    gc.collect()
    # glibc keeps freed heap pages; hand them back (elsewhere there is nothing to do)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def combine(extractions: list[Extraction]) -> CorpusTables:
    """The corpus tables, one row per document / block / sentence / claim / summary item, sorted by document."""
    extractions = sorted(extractions, key=lambda e: e.doc_id)

    def joined(spec: TableSpec) -> pd.DataFrame:
        table = _concat(extractions, spec.name)
        return spec.empty() if table is None else table

    makers: dict[str, Callable[[], pd.DataFrame]] = {"documents": lambda: DOCUMENTS.frame(e.row for e in extractions)}
    for spec in _chunked_specs().values():
        makers[spec.name] = partial(joined, spec)
    return CorpusTables(makers)
