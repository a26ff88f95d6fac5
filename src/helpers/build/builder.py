"""``python -m helpers build``: extraction, notebook runs, reports and the index.

Exit status: 0 everything built; 1 some documents or notebooks failed (the
rest is built and the index marks the failures); 2 usage or configuration
error (bad catalog, ledger or folders; what could be built still is); 130
interrupted (Ctrl-C): every file already written is complete, and the next
build reuses the notebooks that finished.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import os
import shutil
import signal
import sys
import time
from collections import ChainMap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import atomic
from ..text.catalog import Catalog, load_catalog
from ..text.corpus import CATALOG_NAME, discover, link_problem
from ..text.decode import MAX_DOCUMENT_BYTES, document_bytes
from ..text.safeload import Unreadable, load_json
from ..analysis.ledger import empty_ledger, load_ledger
from ..exceptions import ConfigurationError, DocumentError, HelpersError, LedgerError, NotebookFailed, OutputError
from .execute import RunResult, run_notebooks, start_kernel
from .extract import CsvTables, Extraction, check_claims, combine, extract_document
from ..reports.explorer import figure_findings
from ..reports.index import ReportEntry, write_index
from ..tables import to_csv_bytes
from .analyze import ANALYSED, analyze
from .pipeline import PAGES_DIR, PIPELINE, NotebookRun, nav_links, plan_runs, table_spec
from .rows import CHUNKED, Chunk, document_chunks, join as join_chunks, from_json as chunks_from_json, to_json as chunks_to_json
from .options import (  # noqa: F401  (DEFAULT_* are part of this module's interface)
    DEFAULT_LEDGER, DEFAULT_NOTEBOOKS, DEFAULT_OUT, DEFAULT_SEEDS, REPO_ROOT, TRACKED_PACKAGES, BuildOptions, OutputLock, log,
    package_versions,
)
from .confine import read_record, read_regular, remove_tree, unsafe_entries
from .lockfile import LOCKFILE, executed_notebook, read_lock, remove_outputs
from .scheduler import Workers
from .terminal import for_terminal
from .unchanged import NOOP_RECORD, input_stats as _input_stats, matching_record, output_stats as _output_stats



@dataclass
class BuildResult:
    exit_code: int
    documents: pd.DataFrame
    runs: list[RunResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # Wall seconds per stage: extraction, analysis, notebooks (execution and export), index.
    stages: dict[str, float] = field(default_factory=dict)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def helpers_source_digest() -> str:
    """Hash of the package's own code and data: any change re-runs what imports it."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def notebook_source_digest(path: Path) -> str:
    """Hash of a notebook's cells (type, source, tags), ignoring outputs and metadata."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        (c.get("cell_type"), "".join(c.get("source", "")), sorted(c.get("metadata", {}).get("tags", [])))
        for c in nb.get("cells", [])
    ]
    return _sha(json.dumps(cells, ensure_ascii=False).encode())


class RowDigests:
    """Digest of each document's rows of each table, computed once per build rather than once per run.

    A per-document run depends on its own rows only, and finding them by
    filtering every table for every run would cost minutes at a thousand
    documents. Where the documents' rows come as CSV bytes (``build.rows``) a
    document's digest is their hash and its row files are joined from them;
    otherwise rows are hashed column-wise in one vectorised pass (pandas'
    stable 64-bit row hash) and grouped by document.
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame], chunks: dict[str, dict[str, Chunk]] | None = None) -> None:
        self.tables = tables
        # table -> document -> its rows as CSV bytes (build.rows), for tables every document has them of
        self.chunks = chunks or {}
        self._by_doc: dict[str, dict[str, str]] = {}
        self._rows: dict[str, dict[str, object]] = {}
        self._row_hashes: dict[str, tuple[bytes, object]] = {}
        self._written: set[tuple[Path, str]] = set()  # a document's reports share its folder: each file once a build

    def per_document(self, name: str) -> bool:
        """Whether table ``name`` has a ``doc_id`` column (without making a frame of a table held as bytes)."""
        return name in self.chunks or "doc_id" in self.tables[name].columns

    def _hashes(self, name: str) -> tuple[bytes, object]:
        """The table's header (columns and types) and one 64-bit hash per row, computed once."""
        if name not in self._row_hashes:
            df = self.tables[name]
            header = json.dumps([[c, str(t)] for c, t in df.dtypes.items()]).encode()
            self._row_hashes[name] = (header, pd.util.hash_pandas_object(df, index=False).to_numpy())
        return self._row_hashes[name]

    def _table(self, name: str) -> dict[str, str]:
        if name not in self._by_doc and name in self.chunks:
            self._by_doc[name] = {doc: _sha(c.header + c.body) for doc, c in self.chunks[name].items() if c.body}
        if name not in self._by_doc:
            import numpy as np

            df = self.tables[name]
            header, rows = self._hashes(name)
            codes, docs = pd.factorize(df["doc_id"].astype(str), sort=True)
            order = np.argsort(codes, kind="stable")
            bounds = np.searchsorted(codes[order], np.arange(len(docs) + 1))
            self._by_doc[name] = {
                str(doc): _sha(header + rows[order[bounds[i] : bounds[i + 1]]].tobytes()) for i, doc in enumerate(docs)
            }
        return self._by_doc[name]

    def _positions(self, name: str) -> dict[str, object]:
        """document -> positions of its rows; in a table without ``doc_id`` (findings), of the rows involving it."""
        if name not in self._rows:
            df = self.tables[name]
            if "doc_id" in df.columns:
                self._rows[name] = df.groupby(df["doc_id"].astype(str), sort=False).indices
            else:
                self._rows[name] = _involving(df)
        return self._rows[name]

    def _at(self, name: str, doc_ids: tuple[str, ...]):
        """Positions of the rows of ``doc_ids`` in table order, each row once."""
        import numpy as np

        found = [self._positions(name).get(d) for d in doc_ids]
        return np.unique(np.concatenate([np.asarray(p, dtype=np.intp) for p in found if p is not None] or [np.array([], dtype=np.intp)]))

    def write_own_rows(self, folder: Path, names: tuple[str, ...], doc_ids: tuple[str, ...]) -> None:
        """Write the rows of ``doc_ids`` of each table in ``names`` into ``folder``, as the data folder's CSVs would hold them.

        A table without a ``doc_id`` column (findings) gets the rows involving any of ``doc_ids``.
        """
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            if (folder, name) in self._written:
                continue
            self._written.add((folder, name))
            if name in self.chunks:
                wanted = set(doc_ids)  # in table order, as filtering the table gives them
                joined = join_chunks([c for d, c in self.chunks[name].items() if d in wanted])
                if joined is not None:
                    _write_if_changed(folder / f"{name}.csv", joined)
                    continue
            _write_if_changed(folder / f"{name}.csv", to_csv_bytes(self.tables[name].take(self._at(name, doc_ids))))

    def of(self, names: list[str], doc_ids: tuple[str, ...]) -> str:
        """One digest of the rows of ``doc_ids`` in the tables ``names`` (as ``write_own_rows`` writes them)."""
        empty = _sha(b"")
        parts = []
        for name in sorted(names):
            if self.per_document(name):
                parts += [f"{name}\0{doc}\0{self._table(name).get(doc, empty)}" for doc in doc_ids]
            else:
                header, rows = self._hashes(name)
                parts.append(f"{name}\0{_sha(header + rows[self._at(name, doc_ids)].tobytes())}")
        return _sha("\n".join(parts).encode())


def _involving(findings: pd.DataFrame) -> dict[str, list[int]]:
    """document -> positions of the findings involving it: naming it, or holding one of its claims.

    A page's verdicts come from the findings holding its claims and its findings
    table lists the findings naming its documents; each finding names the
    documents of its claims, but a page must not depend on that to show the same.
    """
    by_doc: dict[str, list[int]] = {}
    for i, (docs, claims) in enumerate(zip(findings["doc_ids"].astype(str), findings["claim_ids"].astype(str))):
        involved = set(docs.split()) | {cid.rsplit(":", 1)[0] for cid in claims.split()}
        for d in involved:
            by_doc.setdefault(d, []).append(i)
    return by_doc


def frame_digest(df: pd.DataFrame) -> str:
    """Digest of a table's columns, types and every row (vectorised: fast on a thousand documents)."""
    header = json.dumps([[c, str(t)] for c, t in df.dtypes.items()]).encode()
    return _sha(header + pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes())


ANALYSIS_RECORD = "analysis.json"
# The largest cache entry or record read back: far above a real one, far below what would exhaust memory.
MAX_RECORD_BYTES = 256 * 1024 * 1024


def analyze_or_reuse(
    tables: Mapping[str, pd.DataFrame],
    catalog: Catalog,
    ledger: pd.DataFrame,
    fixed: dict[str, str],
    data_dir: Path,
    build_dir: Path,
    files: Mapping[str, bytes] | None = None,
) -> dict[str, pd.DataFrame]:
    """The analysis tables, read back from the data folder when nothing they are computed from changed.

    Analysis is corpus-wide (findings compare every document's claims) and
    takes longer than everything else in a rebuild that changes nothing; its
    inputs are the extracted tables, the catalog, the ledger and the code. The
    data files written by the previous build are reused only if their bytes are
    the ones it wrote (a CSV round trip gives back the same frame).
    """
    key = _sha(
        json.dumps(
            {
                **fixed,
                # the tables as their CSV bytes (``files``, when the caller has them already)
                "tables": {name: _sha(files[name] if files and name in files else to_csv_bytes(tables[name])) for name in sorted(tables)},
                "catalog": repr(sorted(catalog.entries.items())),
                "ledger": frame_digest(ledger),
            },
            sort_keys=True,
        ).encode()
    )
    record_path = build_dir / ANALYSIS_RECORD
    try:
        record = read_record(record_path, MAX_RECORD_BYTES) if record_path.exists() else {}
        record = record if isinstance(record, dict) and isinstance(record.get("files", {}), dict) else {}
    except (OSError, ValueError):
        record = {}  # a damaged record only costs the analysis
    files = {name: data_dir / f"{name}.csv" for name in ANALYSED}
    if record.get("key") == key and all(
        p.exists() and _sha(p.read_bytes()) == record.get("files", {}).get(name) for name, p in files.items()
    ):
        return {name: table_spec(name).read_csv(p) for name, p in files.items()}
    analysed = {name: df for name, df in analyze(tables, catalog, ledger).items() if name in ANALYSED}
    data_dir.mkdir(parents=True, exist_ok=True)
    digests = {}
    for name, df in analysed.items():
        data = to_csv_bytes(df)
        _write_if_changed(files[name], data)
        digests[name] = _sha(data)
    build_dir.mkdir(parents=True, exist_ok=True)
    atomic.write_text(record_path, json.dumps({"key": key, "files": digests}, indent=2, sort_keys=True) + "\n")
    return analysed


def _run_record(
    run: NotebookRun,
    notebook_digest: str,
    data_dir: Path,
    rows: RowDigests,
    fixed: dict[str, str],
    file_digests: dict[str, str],
) -> dict[str, object]:
    """What a run depends on, hash by hash; the lockfile keeps it so a re-run can be explained."""
    inputs: dict[str, str] = {}
    sliced = []
    for name in run.needs:
        if (run.doc_ids and rows.per_document(name)) or run.shows:
            sliced.append(name)  # per-document runs and explorer pages depend on their own rows only (below)
            continue
        if name not in file_digests:
            p = data_dir / f"{name}.csv"
            file_digests[name] = _sha(p.read_bytes()) if p.exists() else "missing"
        inputs[f"{name}.csv"] = file_digests[name]
    if run.doc_ids or run.shows:
        inputs["rows"] = rows.of(sliced, run.doc_ids or run.shows)
    record: dict[str, object] = {
        "notebook": notebook_digest,
        "parameters": _sha(json.dumps(run.parameters, sort_keys=True, ensure_ascii=False).encode()),
        "inputs": inputs,
        **fixed,
    }
    record["digest"] = _sha(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    return record


def _load_ledger(path: Path | None) -> tuple[pd.DataFrame, list[str]]:
    """The ledger, or an empty one and the problems that made it unusable."""
    if path is None:
        return empty_ledger(), []
    if not path.exists():
        return empty_ledger(), [f"{path}: reference ledger not found"]
    try:
        return load_ledger(path), []
    except LedgerError as e:
        return empty_ledger(), [str(p) for p in e.problems]
    except ConfigurationError as e:
        return empty_ledger(), [str(e)]


def _extraction_key(source_bytes: bytes, entry: object, fixed: dict[str, str]) -> str:
    return _sha(source_bytes + repr(entry).encode() + json.dumps(fixed, sort_keys=True).encode())


# The extraction cache is data, never code: anyone who can write the output
# folder (a shared drive, a CI cache, an unpacked archive) could otherwise run
# code on the next build through an unpickled entry. An entry holds the
# document's row and its rows of the other tables as CSV, read back by the
# tables' own parser, with a digest of those rows: an entry edited or damaged
# after it was written is a miss, not a table that breaks the build.
_CACHE_FORMAT = 4  # 2: entries hold the document's summary; 3: and its rows as CSV; 4: only as CSV


def _cache_entry(key: str, extraction: Extraction) -> bytes:
    entry = {"format": _CACHE_FORMAT, "key": key, "doc_id": extraction.doc_id, "row": extraction.row,
             "csv": chunks_to_json(extraction.csv), "csv_sha256": _rows_digest(extraction.csv)}  # fmt: skip
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, default=_json_scalar).encode("utf-8")


def _rows_digest(chunks: Mapping[str, Chunk]) -> str:
    return _sha(b"".join(name.encode() + bytes([c.quoted]) + c.header + c.body for name, c in sorted(chunks.items())))


def _json_scalar(value: object) -> object:
    if hasattr(value, "item"):  # numpy scalars in a row
        return value.item()
    raise TypeError(f"not cacheable: {type(value).__name__}")


# An entry holds a document's rows as CSV: a few times the document's own size.
_MAX_CACHE_ENTRY_BYTES = 16 * MAX_DOCUMENT_BYTES


def _cache_bytes(path: Path) -> bytes:
    """A cache entry's bytes; b"" (a miss) unless it is a regular file of bounded size (not a planted FIFO or device)."""
    try:
        return read_regular(path, _MAX_CACHE_ENTRY_BYTES)
    except OSError:
        return b""


def _read_cache_entry(data: bytes, key: str, doc_id: str) -> Extraction | None:
    """The cached extraction when the entry is well-formed and made for exactly this key; else None (a miss)."""
    try:
        entry = load_json(data)  # bounded: nesting too deep for the parser is a miss, not a crash
        if not (isinstance(entry, dict) and entry.get("format") == _CACHE_FORMAT and entry.get("key") == key and entry.get("doc_id") == doc_id):
            return None
        chunks = chunks_from_json(entry.get("csv"))
        if chunks is None or set(chunks) != set(CHUNKED) or entry.get("csv_sha256") != _rows_digest(chunks):
            return None
        row = entry["row"]
        if not isinstance(row, dict) or row.get("status") != "ok":
            return None
        return Extraction(doc_id, row, CsvTables(chunks), chunks)
    except (Unreadable, ValueError, TypeError, KeyError, AttributeError):  # a damaged entry is only a miss
        return None


def extract_with_rows(source, catalog: Catalog) -> Extraction:
    """``extract_document``, with the document's rows serialised where it ran (``build.rows``)."""
    extraction = extract_document(source, catalog)
    if extraction.ok:
        extraction.csv = document_chunks(extraction.tables)
    return extraction


def table_files(extractions: list[Extraction], tables: Mapping[str, pd.DataFrame]) -> tuple[dict[str, bytes], dict[str, dict[str, Chunk]]]:
    """The CSV bytes of each extracted table, and each joinable table's rows per document.

    Joined from the documents' own bytes where every document has them
    (``build.rows``), else written from the table.
    """
    ok = sorted((e for e in extractions if e.ok), key=lambda e: e.doc_id)  # combine's order
    files, chunks = {}, {}
    for name in CHUNKED:
        parts = [e.csv.get(name) for e in ok]
        joined = join_chunks(parts) if all(isinstance(p, Chunk) for p in parts) else None
        if joined is not None:
            files[name] = joined
            chunks[name] = {e.doc_id: p for e, p in zip(ok, parts)}
    return {name: files[name] if name in files else to_csv_bytes(tables[name]) for name in tables}, chunks


def extract_batch(sources: list, catalog: Catalog) -> list[Extraction]:
    """Extract these documents where this runs (a worker): rows serialised, claims checked.

    The claims table's rules are checked once per batch (``extract.check_claims``:
    a check costs about as much for one document as for a hundred), so the
    build process never loads the extractor or the checks.
    """
    checked = check_claims([extract_with_rows(s, catalog) for s in sources])
    # Only the rows' bytes go back to the build: what it analyses is what the data files hold (``extract.CsvTables``).
    return [Extraction(e.doc_id, e.row, CsvTables(e.csv), e.csv) if e.ok else e for e in checked]


def extract_all(
    sources: list, catalog: Catalog, cache_dir: Path, fixed: dict[str, str], workers: Workers,
    then: Callable[[], None] | None = None,
) -> list[Extraction]:
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
    futures: dict[cf.Future, list[tuple]] = {}

    def send(todo: list[tuple]) -> None:
        # a few batches per worker: even when documents differ in length, none finishes long after the others
        size = max(1, -(-len(todo) // (workers.jobs * 4)))
        for i in range(0, len(todo), size):
            part = todo[i : i + size]
            futures[workers.executor().submit(extract_batch, [s for s, _, _ in part], catalog)] = part

    keyed, stale = [], []
    for s in sources:
        try:
            key = "" if s.problem else _extraction_key(document_bytes(s.path), catalog.entry(s.doc_id), fixed)
        except (OSError, DocumentError):  # extraction names the fault
            key = ""
        keyed.append((s, key, cache_dir / f"{_sha(s.doc_id.encode())[:16]}.json"))
    send([t for t in keyed if not (t[1] and t[2].exists())])
    if futures and then is not None:
        then()
    for s, key, cached in keyed:
        if key and cached.exists():
            extraction = _read_cache_entry(_cache_bytes(cached), key, s.doc_id)
            if extraction is None:
                stale.append((s, key, cached))
            else:
                results[s.doc_id] = extraction
    send(stale)
    for fut in cf.as_completed(futures):
        for (s, key, cached), extraction in zip(futures[fut], fut.result()):
            results[s.doc_id] = extraction
            if key and extraction.ok:
                atomic.write_bytes(cached, _cache_entry(key, extraction))
    return [results[s.doc_id] for s in sources]


def _execute_runs(
    runs: list[NotebookRun],
    opts: BuildOptions,
    workers: Workers,
    build_dir: Path,
    data_dir: Path,
    rows: RowDigests,
    lock: dict[str, dict],
    fixed: dict[str, str],
    doc_langs: dict[str, str],
) -> tuple[list[RunResult], list[str]]:
    """Run the notebooks concurrently; every table they read exists before the first starts.

    A run whose recorded inputs are unchanged (and whose report exists) is not
    executed again. When only its chrome changed (title, navigation, language,
    slots: what the report shows about other runs), its report is exported
    again from its executed notebook.
    """
    results: list[RunResult] = []
    skipped: list[str] = []
    total = len(runs)
    specs = list(dict.fromkeys(r.spec for r in runs))
    notebook_digests = {spec.name: notebook_source_digest(opts.notebooks / f"{spec.name}.ipynb") for spec in specs}
    file_digests: dict[str, str] = {}
    # One batch per document (all its reports, run one after another in one kernel, which reads
    # the document's rows once); every other run is a batch of its own.
    # Corpus-level runs are the longest: sent first, they do not leave one worker finishing alone.
    batches: dict[object, list[NotebookRun]] = {}
    for run in sorted(runs, key=lambda r: r.spec.scope == "document"):
        batches.setdefault(("document", run.doc_ids) if run.spec.scope == "document" else run.key, []).append(run)
    futures: dict[cf.Future, list[tuple[NotebookRun, dict, str]]] = {}
    exports: list[tuple[tuple[NotebookRun, list[tuple[str, str]], str, str], dict, str]] = []
    for batch_runs in batches.values():
        batch, jobs = [], []
        for run in batch_runs:
            record = _run_record(run, notebook_digests[run.spec.name], data_dir, rows, fixed, file_digests)
            nav, lang = nav_links(run.report, specs), _report_lang(run, doc_langs)
            chrome = _chrome_digest(run, nav, lang)
            previous = lock.get(run.key, {})
            current = not opts.force and previous.get("digest") == record["digest"] and previous.get("status") == "ok"
            if current and previous.get("chrome") == chrome and (opts.out / run.report).exists():
                skipped.append(run.key)
                results.append(RunResult(run.key, run.report, "ok", 0.0, executed=previous.get("executed", "")))
                continue
            executed = executed_notebook(opts.out, previous) if current else None
            if executed is not None:
                exports.append(((run, nav, lang, str(executed)), record, chrome))
                continue
            if run.parameters.get("data_dir") != str(data_dir):
                rows.write_own_rows(Path(str(run.parameters["data_dir"])), run.needs, run.doc_ids or run.shows)
            batch.append((run, record, chrome))
            jobs.append((run, nav, lang))
        if batch:
            # Sent as soon as it is ready: workers start while the next batches' rows are written.
            futures[workers.executor().submit(run_notebooks, jobs, opts.notebooks, build_dir, opts.out, opts.timeout)] = batch
    # Exports are short: shared among the workers, after the executions, whose kernels they do not need.
    exported: set[cf.Future] = set()
    for share in (exports[i :: workers.jobs] for i in range(min(len(exports), workers.jobs))):
        fut = workers.executor().submit(export_again, [job for job, _, _ in share], opts.out)
        futures[fut] = [(job[0], record, chrome) for job, record, chrome in share]
        exported.add(fut)
    order = {run.key: n for n, run in enumerate(runs)}
    skipped.sort(key=order.__getitem__)
    for fut in _as_completed_in_key_order(futures):
        batch = futures[fut]
        try:
            outcomes: list[RunResult | Exception] = fut.result()
        except Exception as e:  # the worker process itself died
            outcomes = [e] * len(batch)
        for (run, record, chrome), outcome in zip(batch, outcomes):
            res = outcome if isinstance(outcome, RunResult) else _failed_run(run, outcome)
            results.append(res)
            lock[run.key] = {**record, "chrome": chrome, "status": res.status, "executed": res.executed, "report": run.report}
            mark = ("export" if fut in exported else "ok    ") if res.status == "ok" else "FAILED"
            extra = f"  {res.error}" if res.error else ""
            log(f"[{len(results):>3}/{total}] {mark} {run.key}  {res.seconds:.1f}s{extra}")
    return sorted(results, key=lambda r: r.key), skipped


def _chrome_digest(run: NotebookRun, nav: list[tuple[str, str]], lang: str) -> str:
    """Digest of what the export adds to a run's executed notebook: a change re-exports it, never re-executes it."""
    return _sha(json.dumps([run.title, nav, lang, sorted(run.chrome.items())], ensure_ascii=False).encode())


def export_again(jobs: list[tuple[NotebookRun, list[tuple[str, str]], str, str]], out_dir: Path) -> list[RunResult | Exception]:
    """``(run, nav, lang, executed notebook)`` jobs: each report written again from its executed notebook.

    For runs whose inputs did not change but whose chrome did (an explorer page
    when another page opens): the export ``execute.run_notebook`` does, without
    the execution. Runs in a worker, which has nbformat and nbconvert imported.
    """
    import nbformat

    from ..reports.export import to_html
    from .execute import cap_outputs

    outcomes: list[RunResult | Exception] = []
    for run, nav, lang, executed in jobs:
        started = time.perf_counter()
        try:
            nb = nbformat.read(executed, as_version=4)
            atomic.write_text(out_dir / run.report, to_html(cap_outputs(nb), title=run.title, nav=nav, lang=lang, slots=run.chrome))
        except Exception as e:  # reported per run by the build; the next build executes it again
            outcomes.append(e)
            continue
        seconds = time.perf_counter() - started
        outcomes.append(RunResult(run.key, run.report, "ok", seconds, executed=executed, export_seconds=seconds))
    return outcomes


def _report_lang(run: NotebookRun, doc_langs: dict[str, str]) -> str:
    """The page language of a report: its document's, or English for reports on several documents."""
    return doc_langs.get(run.doc_ids[0], "en") if len(run.doc_ids) == 1 else "en"


def _failed_run(run: NotebookRun, error: Exception) -> RunResult:
    """The result of a run that raised instead of returning: what went wrong, in the build's words."""
    if isinstance(error, OutputError):  # the report could not be written: say where, it is not a crash
        failure = NotebookFailed(str(error))
    elif isinstance(error, OSError):
        failure = NotebookFailed(f"cannot write {error.filename or run.report}: {error.strerror or error}")
    else:
        failure = NotebookFailed(f"worker crashed: {type(error).__name__}: {error}")
    return RunResult(run.key, run.report, "failed", 0.0, failure)


def _as_completed_in_key_order(futures: dict[cf.Future, list[tuple[NotebookRun, dict]]]):
    """Futures as they finish; several finishing together are taken in the order of their first run's key."""
    pending = set(futures)
    while pending:
        done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
        yield from sorted(done, key=lambda f: futures[f][0][0].key)


ROWS_DIR = "rows"


def _drop_stale_rows(out: Path, rows_dir: Path, runs: list[NotebookRun]) -> None:
    """Remove the row folders of documents no longer in the corpus, and of explorer pages no longer there.

    Only inside ``out``: a ``_build/rows`` that is a link to another folder has nothing removed from it.
    """
    wanted = {Path(str(r.parameters["data_dir"])) for r in runs}
    for parent in (rows_dir, rows_dir.with_name(PAGES_DIR)):
        if parent.is_dir():
            for folder in parent.iterdir():
                if folder not in wanted:
                    remove_tree(out, folder, source=f"{parent.name}/", warn=_warn)


def _warn(message: str) -> None:
    log(f"[warning] {message}")


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    atomic.write_bytes(path, data)


def _read_previous(data_dir: Path, name: str) -> pd.DataFrame | None:
    path = data_dir / f"{name}.csv"
    try:
        return table_spec(name).read_csv(path) if path.exists() else None
    except Exception:  # an unreadable previous table only means no change list
        return None


_BASELINE_TABLES = ("claims", "findings")


def _keep_baseline(data_dir: Path, baseline: Path) -> Path:
    """The folder holding the tables of the last build that finished, for ``changes.csv``.

    While a build runs, the previous build's tables are kept (hard-linked,
    so free) in ``_build/baseline/``; a build that is interrupted after
    writing new tables leaves them there, and the next build compares with
    them rather than with the unfinished build's tables, so no change is lost.
    """
    if baseline.is_dir() and not baseline.is_symlink():
        return baseline  # left by an interrupted build (it appears whole: renamed into place)
    out = baseline.parents[1]
    remove_tree(out, baseline, source="_build/", warn=_warn)  # a link put there: removed, never followed
    staging = baseline.with_name(baseline.name + ".new")
    remove_tree(out, staging, source="_build/", warn=_warn)
    staging.mkdir(parents=True)
    for t in _BASELINE_TABLES:
        src = data_dir / f"{t}.csv"
        if src.is_file() and not src.is_symlink():  # the build's own table, never what a link points to
            try:
                os.link(src, staging / src.name)
            except OSError:  # a file system without hard links
                shutil.copyfile(src, staging / src.name)
    os.replace(staging, baseline)
    return baseline


def _drop_baseline(baseline: Path) -> None:
    remove_tree(baseline.parents[1], baseline, source="_build/", warn=_warn)


def build(opts: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    if not opts.seeds.is_dir():
        raise ConfigurationError("seeds folder not found", path=str(opts.seeds))
    if not opts.notebooks.is_dir():
        raise ConfigurationError("notebooks folder not found", path=str(opts.notebooks))
    opts.out = opts.out.resolve()
    opts.seeds = opts.seeds.resolve()
    opts.notebooks = opts.notebooks.resolve()
    build_dir = opts.out / "_build"
    with OutputLock(build_dir / "build.lock"):
        unsafe = unsafe_entries(opts.out)
        if unsafe:
            raise ConfigurationError(
                f"holds links leading outside it or special files, which the build never makes and would write through: "
                f"{', '.join(for_terminal(u) for u in unsafe)}; remove them",
                path=str(opts.out),
            )
        _check_notebooks(opts.notebooks, read_lock(build_dir))
        unchanged = None if opts.force else _unchanged_build(opts, build_dir)
        if unchanged is not None:
            log(f"nothing changed since the last build ({time.perf_counter() - started:.2f}s); reports: {opts.out / 'index.html'}")
            return unchanged
        return _full_build(opts, started)


def _check_notebooks(notebooks: Path, lock: Mapping[str, dict]) -> None:
    """Refuse a notebooks folder without one of the pipeline's notebooks when the last build made reports.

    Building from it would remove every one of them as a report of a notebook
    taken out of the pipeline: a mistyped ``--notebooks`` is far likelier.
    """
    if lock and not any((notebooks / f"{spec.name}.ipynb").is_file() for spec in PIPELINE):
        raise ConfigurationError(
            f"none of the pipeline's notebooks ({', '.join(spec.name for spec in PIPELINE)}) is here; building would "
            f"remove the {len(lock)} report(s) of the last build: check --notebooks",
            path=str(notebooks),
        )


def _full_build(opts: BuildOptions, started: float) -> BuildResult:
    problems: list[str] = []
    config_error = False
    build_dir = opts.out / "_build"
    data_dir = opts.out / "data"
    (build_dir / NOOP_RECORD).unlink(missing_ok=True)  # until this build has finished, nothing is known unchanged
    # Taken before anything is read: a file changed while the build runs is a change for the next one.
    inputs_seen = _input_stats(opts)

    with Workers(opts.scheduler, opts.jobs) as workers:
        stale = atomic.remove_stale_temp_files(opts.out)
        if stale:
            log(f"removed {len(stale)} unfinished temporary file(s) left by an interrupted build")
        catalog_path = opts.catalog or (opts.seeds / CATALOG_NAME)
        catalog_usable = True
        try:
            catalog = load_catalog(catalog_path)
        except ConfigurationError as e:
            problems.append(str(e))
            config_error = True
            catalog_usable = False  # notebooks must not trip over it again: they get no catalog
            catalog = Catalog(path=str(catalog_path))
        sources = discover(opts.seeds)
        catalog.check_documents([s.doc_id for s in sources])
        if catalog.problems:
            config_error = True
            problems += [str(p) for p in catalog.problems]
        # A broken ledger is reported once, here; the comparison then runs without it.
        ledger, ledger_problems = _load_ledger(opts.ledger)
        if ledger_problems:
            config_error = True
            problems += ledger_problems
        ledger_for_notebooks = None if ledger_problems else opts.ledger

        fixed = {"helpers": helpers_source_digest(), "packages": _sha(json.dumps(package_versions(), sort_keys=True).encode())}
        t0 = time.perf_counter()

        def start_kernels() -> None:
            # A document to extract will have a report to run: each worker starts its kernel after its documents.
            for _ in range(workers.jobs):
                workers.executor().submit(start_kernel, opts.notebooks, build_dir)

        extractions = extract_all(sources, catalog, build_dir / "extract", fixed, workers, then=start_kernels)
        for e in extractions:
            if not e.ok:
                log(f"[error] {e.doc_id}: {e.row['error']}")
        tables = combine(extractions)
        files, chunks = table_files(extractions, tables)
        stages = {"extraction": time.perf_counter() - t0}
        log(f"extracted {len(sources)} documents from {opts.seeds} in {stages['extraction']:.1f}s")
        t0 = time.perf_counter()
        tables.update(analyze_or_reuse(tables, catalog, ledger, fixed, data_dir, build_dir, files))
        stages["analysis"] = time.perf_counter() - t0
        log(f"compared, aligned and summarized in {stages['analysis']:.1f}s")

        baseline = _keep_baseline(data_dir, build_dir / "baseline")
        previous_claims = _read_previous(baseline, "claims")
        previous_findings = _read_previous(baseline, "findings")
        data_dir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            _write_if_changed(data_dir / f"{name}.csv", data)

        ok_docs = [e.doc_id for e in extractions if e.ok]
        doc_langs = {e.doc_id: str(e.row["lang"]) for e in extractions if e.ok}
        runs = plan_runs(
            opts.notebooks,
            ok_docs,
            catalog,
            data_dir,
            Path(catalog.path) if catalog_usable and catalog.path and Path(catalog.path).exists() else None,
            ledger_for_notebooks,
            rows_dir=build_dir / ROWS_DIR,
        )
        _drop_stale_rows(opts.out, build_dir / ROWS_DIR, runs)
        lock_path = build_dir / LOCKFILE
        lock = read_lock(build_dir)  # a damaged lockfile only costs a full rebuild
        t0 = time.perf_counter()
        try:
            # Only explorer pages cut findings into their own rows, and they show the findings about single figures.
            sliced = ChainMap({"findings": figure_findings(tables["findings"])}, tables) if "findings" in tables else tables
            results, skipped = _execute_runs(runs, opts, workers, build_dir, data_dir, RowDigests(sliced, chunks), lock, fixed, doc_langs)
            stages["notebooks"] = time.perf_counter() - t0
        finally:
            # Also on Ctrl-C: the runs that finished are recorded, so the next build reuses them.
            planned = {r.key for r in runs}
            remove_outputs(opts.out, [v for k, v in lock.items() if k not in planned], {r.report for r in runs})
            lock = {k: v for k, v in sorted(lock.items()) if k in planned}
            _write_if_changed(lock_path, (json.dumps({"runs": lock}, indent=2, sort_keys=True) + "\n").encode())
        workers.release()

        changes = _changes(previous_claims, tables["claims"], previous_findings, tables["findings"])
        _write_if_changed(data_dir / "changes.csv", to_csv_bytes(changes))
        _drop_baseline(baseline)  # this build finished: its tables are the next build's baseline

        t0 = time.perf_counter()
        write_index(
            opts.out / "index.html",
            documents=tables["documents"],
            reports=index_entries(runs, results),
            problems=problems,
            data_dir=data_dir,
            inputs=index_inputs(opts.seeds, opts.ledger),
            packages=package_versions(),
            changes=changes,
        )
        stages["index"] = time.perf_counter() - t0

        failed_runs = [r for r in results if r.status != "ok"]
        failed_docs = [e for e in extractions if not e.ok]
        exit_code = 2 if config_error else (1 if failed_runs or failed_docs else 0)
        if exit_code == 0:
            # A build that found nothing wrong: the next one with the same files would reuse
            # everything, so it may stop after comparing file stats (see _unchanged_build).
            record = {
                "inputs": inputs_seen,
                "runs": [[r.key, r.report, r.executed] for r in results],
                "index": [[e.key, e.label, e.report, list(e.doc_ids)] for e in index_entries(runs, results)],
                "changes_empty": bool(changes.empty),
            }
            _write_record(opts.out, record)
    log(
        f"ran {len(results) - len(skipped)} notebooks ({len(failed_runs)} failed), reused {len(skipped)}; "
        f"documents ok {len(ok_docs)}/{len(extractions)}; {len(changes)} changed claims/findings; "
        f"{time.perf_counter() - started:.1f}s"
    )
    # Repeated at the end, where a reader of the terminal looks, with what to do.
    for e in failed_docs:
        log(f"[document failed] {e.row['error']}")
    for r in failed_runs:
        log(f"[report failed] {r.key}: {r.error} (report with the error: {opts.out / r.report}; executed notebook: {r.executed})")
    for p in problems:
        log(f"[config] {p}")
    if failed_docs or failed_runs or problems:
        log(f"the index lists these problems too: {opts.out / 'index.html'}")
    log(f"reports: {opts.out / 'index.html'}")
    return BuildResult(exit_code, tables["documents"], results, problems, skipped, stages)


def _write_record(out: Path, record: dict[str, object]) -> None:
    """Record what a clean build left: its outputs' stats are taken last, after every other write."""
    record = {**record, "outputs": _output_stats(out)}
    record["outputs"].pop(f"_build/{NOOP_RECORD}", None)
    atomic.write_text(out / "_build" / NOOP_RECORD, json.dumps(record, sort_keys=True) + "\n")


def _unchanged_build(opts: BuildOptions, build_dir: Path) -> BuildResult | None:
    """The last build's result when it finished cleanly and no input or output file has changed since; else None.

    Such a build reruns nothing and writes the same tables and reports. What
    it still changes is the change list, which is relative to the build
    before: after a build that changed claims, the next one empties
    ``changes.csv`` and shows no changes in the index, as the full path would.
    """
    record = matching_record(opts)
    if record is None:
        return None
    try:
        documents = table_spec("documents").read_csv(opts.out / "data" / "documents.csv")
        runs = [RunResult(key, report, "ok", 0.0, executed=executed) for key, report, executed in record["runs"]]
        entries = [ReportEntry(key, label, report, tuple(doc_ids), "ok", "") for key, label, report, doc_ids in record["index"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not record.get("changes_empty"):
        from .changes import CHANGES

        no_changes = pd.DataFrame(columns=CHANGES.names)
        data_dir = opts.out / "data"
        _write_if_changed(data_dir / "changes.csv", to_csv_bytes(no_changes))
        write_index(
            opts.out / "index.html",
            documents=documents,
            reports=entries,
            problems=[],
            data_dir=data_dir,
            inputs=index_inputs(opts.seeds, opts.ledger),
            packages=package_versions(),
            changes=no_changes,
        )
        _write_record(opts.out, {**record, "changes_empty": True})
    return BuildResult(0, documents, runs, [], [r.key for r in runs], {})


def _changes(old_claims, new_claims, old_findings, new_findings) -> pd.DataFrame:
    from .changes import claim_changes, finding_changes

    return pd.concat(
        [claim_changes(old_claims, new_claims), finding_changes(old_findings, new_findings)], ignore_index=True
    )


def index_entries(runs: list[NotebookRun], results: list[RunResult]) -> list[ReportEntry]:
    by_key = {r.key: r for r in results}
    out = []
    for run in runs:
        res = by_key.get(run.key)
        label = run.spec.label if len(run.doc_ids) == 1 else run.title
        out.append(ReportEntry(run.key, label, run.report, run.doc_ids, res.status if res else "missing", res.error if res else ""))
    return out


def index_inputs(seeds: Path, ledger: Path | None) -> list[tuple[str, Path]]:
    inputs = [
        (f"seeds/{p.name}", p)
        for p in sorted(seeds.iterdir())
        if p.is_file() and not p.name.startswith(".") and link_problem(p, seeds.resolve()) == ""
    ]
    if ledger and ledger.is_file():  # a FIFO or device is refused as a ledger, and never read to hash it
        inputs.append((f"ledger: {ledger.name}", ledger))
    return inputs


EXIT_INTERRUPTED = 130  # the shell's convention for a process ended by SIGINT
EXIT_TERMINATED = 143  # ... and by SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM: handled like Ctrl-C (finished work is recorded, workers are stopped), then exit 143."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


def main_build(opts: BuildOptions) -> int:
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread (an embedding application): leave signals to it
        previous = None
    try:
        return build(opts).exit_code
    except HelpersError as e:
        print(for_terminal(f"error: {e}", lines=True), file=sys.stderr)
        return 2
    except OSError as e:  # the output cannot be written (read-only, full disk): name the file, no traceback
        print(for_terminal(f"error: cannot write {e.filename or opts.out}: {e.strerror or e}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:
        print(
            f"build {'terminated' if isinstance(e, Terminated) else 'interrupted'}: files already written are "
            "complete (old or new, never half); run the build again to finish (finished notebooks are reused)",
            file=sys.stderr,
        )
        return EXIT_TERMINATED if isinstance(e, Terminated) else EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
