"""The extraction stage: every document extracted on the workers, unchanged ones read from the cache.

``extract`` makes the tables of one document; this module runs it over the
corpus, in batches on the workers, and joins the documents' rows into the
data files' bytes.
"""

from __future__ import annotations

import concurrent.futures as cf
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from .. import atomic
from ..exceptions import DocumentError
from ..tables import to_csv_bytes
from ..text.catalog import Catalog
from ..text.corpus import SourceFile
from ..text.decode import document_bytes
from .cache import cache_bytes, cache_entry, entry_path, extraction_key, read_cache_entry
from .execute import start_kernel
from .extract import CorpusTables, CsvTables, Extraction, check_claims, combine, extract_document
from .options import log
from .rows import CHUNKED, Chunk, document_chunks
from .rows import join as join_chunks
from .scheduler import Workers
from .terminal import Progress, is_terminal

# A document to extract, its cache key ("" when it has none: extraction names the fault) and its cache entry.
Keyed = tuple[SourceFile, str, Path]


def extract_with_rows(source: SourceFile, catalog: Catalog) -> Extraction:
    """``extract_document``, with the document's rows serialised where it ran (``build.rows``)."""
    extraction = extract_document(source, catalog)
    if extraction.ok:
        extraction.csv = document_chunks(extraction.tables)
    return extraction


def table_files(
    extractions: list[Extraction], tables: Mapping[str, pd.DataFrame]
) -> tuple[dict[str, bytes], dict[str, dict[str, Chunk]]]:
    """The CSV bytes of each extracted table, and each joinable table's rows per document.

    Joined from the documents' own bytes where every document has them
    (``build.rows``), else written from the table.
    """
    ok = sorted((e for e in extractions if e.ok), key=lambda e: e.doc_id)  # combine's order
    files: dict[str, bytes] = {}
    chunks: dict[str, dict[str, Chunk]] = {}
    for name in CHUNKED:
        parts = [e.csv.get(name) for e in ok]
        present = [p for p in parts if isinstance(p, Chunk)]
        joined = join_chunks(present) if len(present) == len(parts) else None
        if joined is not None:
            files[name] = joined
            chunks[name] = {e.doc_id: p for e, p in zip(ok, present)}
    return {name: files[name] if name in files else to_csv_bytes(tables[name]) for name in tables}, chunks


def extract_batch(sources: list[SourceFile], catalog: Catalog) -> list[Extraction]:
    """Extract these documents where this runs (a worker): rows serialised, claims checked.

    The claims table's rules are checked once per batch (``extract.check_claims``:
    a check costs about as much for one document as for a hundred), so the
    build process never loads the extractor or the checks.
    """
    checked = check_claims([extract_with_rows(s, catalog) for s in sources])
    # Only the rows' bytes go back to the build: what it analyses is what the data files hold (``extract.CsvTables``).
    return [Extraction(e.doc_id, e.row, CsvTables(e.csv), e.csv) if e.ok else e for e in checked]


def _keyed(sources: list[SourceFile], catalog: Catalog, cache_dir: Path, fixed: dict[str, str]) -> list[Keyed]:
    keyed = []
    for s in sources:
        try:
            key = "" if s.problem else extraction_key(document_bytes(s.path), catalog.entry(s.doc_id), fixed)
        except (OSError, DocumentError):  # extraction names the fault
            key = ""
        keyed.append((s, key, entry_path(cache_dir, s.doc_id)))
    return keyed


def extract_all(
    sources: list[SourceFile], catalog: Catalog, cache_dir: Path, fixed: dict[str, str], workers: Workers,
    then: Callable[[], None] | None = None,
) -> list[Extraction]:  # fmt: skip
    """Extract every document on the workers, reusing cached results for unchanged documents.

    Documents without a cache entry are sent first: the workers extract them
    while this process reads the other entries, so a rebuild that adds one
    document to a thousand pays for the extractor's start-up and the cache at
    once, not one after the other. Entries found stale are sent next. Only a
    document that passed the claims checks is cached. ``then`` is called once
    the first documents are sent, if any are: what it sends the workers waits
    behind them (the build starts the workers' kernels).
    """
    results: dict[str, Extraction] = {}
    futures: dict[cf.Future, list[Keyed]] = {}

    def send(todo: list[Keyed]) -> None:
        # a few batches per worker: even when documents differ in length, none finishes long after the others
        size = max(1, -(-len(todo) // (workers.jobs * 4)))
        for i in range(0, len(todo), size):
            part = todo[i : i + size]
            futures[workers.executor().submit(extract_batch, [s for s, _, _ in part], catalog)] = part

    keyed = _keyed(sources, catalog, cache_dir, fixed)
    progress = Progress("documents extracted", len(sources))
    stale = []
    send([t for t in keyed if not (t[1] and t[2].exists())])
    if futures and then is not None:
        then()
    for s, key, cached in keyed:
        if key and cached.exists():
            extraction = read_cache_entry(cache_bytes(cached), key, s.doc_id)
            if extraction is None:
                stale.append((s, key, cached))
            else:
                results[s.doc_id] = extraction
                progress.step()
    send(stale)
    for fut in cf.as_completed(futures):
        for (s, key, cached), extraction in zip(futures[fut], fut.result()):
            results[s.doc_id] = extraction
            progress.step(failure=None if extraction.ok else f"{s.doc_id}: {extraction.row['error']}")
            if key and extraction.ok:
                atomic.write_bytes(cached, cache_entry(key, extraction))
    progress.close()
    return [results[s.doc_id] for s in sources]


def extract_stage(
    sources: list[SourceFile],
    catalog: Catalog,
    fixed: dict[str, str],
    workers: Workers,
    notebooks: Path,
    build_dir: Path,
) -> tuple[list[Extraction], CorpusTables, dict[str, bytes], dict[str, dict[str, Chunk]]]:
    """The documents' extractions, their combined tables, the tables' CSV bytes and rows per document.

    A document to extract will have a report to run: each worker starts its
    kernel after its documents.
    """

    def start_kernels() -> None:
        for _ in range(workers.jobs):
            workers.executor().submit(start_kernel, notebooks, build_dir)

    extractions = extract_all(sources, catalog, build_dir / "extract", fixed, workers, then=start_kernels)
    for e in extractions:
        if not e.ok and not is_terminal(sys.stdout):  # a terminal's progress bar named it as it happened
            log(f"[error] {e.doc_id}: {e.row['error']}")
    tables = combine(extractions)
    files, chunks = table_files(extractions, tables)
    return extractions, tables, files, chunks
