"""The notebook stage: plan the runs, decide which to execute, export or reuse, run them, record them.

A run whose recorded inputs (``run_record``, kept in the lockfile) are
unchanged and whose report exists is not executed again; when only its
chrome changed (title, navigation, language, slots: what the report shows
about other runs), its report is exported again from its executed notebook.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import time
from collections import ChainMap
from collections.abc import Iterator, MutableMapping
from pathlib import Path

import pandas as pd

from .. import atomic
from ..exceptions import NotebookFailed, OutputError
from ..reports.explorer import figure_findings
from ..reports.links import site_root
from ..text.catalog import Catalog
from .confine import remove_tree
from .digests import notebook_source_digest, sha, write_if_changed
from .execute import RunResult, run_notebooks
from .extract import Extraction
from .lockfile import LOCKFILE, executed_notebook, read_lock, remove_outputs
from .options import BuildOptions, log, warn
from .pipeline import PAGES_DIR, NotebookRun, nav_links, plan_runs
from .row_digests import RowDigests
from .rows import Chunk
from .scheduler import Workers
from .terminal import Progress

ROWS_DIR = "rows"

Nav = list[tuple[str, str]]
# Runs sent together, each with its record (what it depends on) and the digest of its chrome.
Batch = list[tuple[NotebookRun, dict, str]]
ExportJob = tuple[NotebookRun, Nav, str, str]  # (run, nav, lang, executed notebook)


def plan_notebook_runs(
    notebooks: Path,
    extractions: list[Extraction],
    catalog: Catalog,
    catalog_file: Path | None,
    ledger: Path | None,
    out: Path,
    questions: Path | None = None,
    questions_generated: bool = False,
) -> list[NotebookRun]:
    """Every run of the build over the documents extracted, the row folders no run uses any more removed."""
    build_dir = out / "_build"
    ok_docs = [e.doc_id for e in extractions if e.ok]
    runs = plan_runs(
        notebooks, ok_docs, catalog, out / "data", catalog_file, ledger, rows_dir=build_dir / ROWS_DIR,
        questions_path=questions, questions_generated=questions_generated,
    )  # fmt: skip
    drop_stale_rows(out, build_dir / ROWS_DIR, runs)
    return runs


def drop_stale_rows(out: Path, rows_dir: Path, runs: list[NotebookRun]) -> None:
    """Remove the row folders of documents no longer in the corpus, and of explorer pages no longer there.

    Only inside ``out``: a ``_build/rows`` that is a link to another folder has nothing removed from it.
    """
    wanted = {Path(str(r.parameters["data_dir"])) for r in runs}
    for parent in (rows_dir, rows_dir.with_name(PAGES_DIR)):
        if parent.is_dir():
            for folder in parent.iterdir():
                if folder not in wanted:
                    remove_tree(out, folder, source=f"{parent.name}/", warn=warn)


def run_and_record(
    runs: list[NotebookRun],
    opts: BuildOptions,
    workers: Workers,
    tables: MutableMapping[str, pd.DataFrame],
    chunks: dict[str, dict[str, Chunk]],
    fixed: dict[str, str],
    doc_langs: dict[str, str],
) -> tuple[list[RunResult], list[str]]:
    """Every run's result and the keys of the runs reused; the lockfile then records the runs planned.

    Also on Ctrl-C the lockfile is written: the runs that finished are
    recorded, so the next build reuses them.
    """
    build_dir, data_dir = opts.out / "_build", opts.out / "data"
    lock = read_lock(build_dir)  # a damaged lockfile only costs a full rebuild
    try:
        # Only explorer pages cut findings into their own rows, and they show the findings about single figures.
        sliced = ChainMap({"findings": figure_findings(tables["findings"])}, tables) if "findings" in tables else tables
        rows = RowDigests(sliced, chunks)
        return execute_runs(runs, opts, workers, build_dir, data_dir, rows, lock, fixed, doc_langs)
    finally:
        _record_runs(opts.out, runs, lock)


def _record_runs(out: Path, runs: list[NotebookRun], lock: dict[str, dict]) -> None:
    """Write the lockfile with the runs planned; the outputs of runs no longer planned are removed."""
    planned = {r.key for r in runs}
    remove_outputs(out, [v for k, v in lock.items() if k not in planned], {r.report for r in runs})
    kept = {k: v for k, v in sorted(lock.items()) if k in planned}
    write_if_changed(out / "_build" / LOCKFILE, (json.dumps({"runs": kept}, indent=2, sort_keys=True) + "\n").encode())


def run_record(
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
            file_digests[name] = sha(p.read_bytes()) if p.exists() else "missing"
        inputs[f"{name}.csv"] = file_digests[name]
    if run.doc_ids or run.shows:
        inputs["rows"] = rows.of(sliced, run.doc_ids or run.shows)
    record: dict[str, object] = {
        "notebook": notebook_digest,
        "parameters": sha(json.dumps(run.parameters, sort_keys=True, ensure_ascii=False).encode()),
        "inputs": inputs,
        **fixed,
    }
    record["digest"] = sha(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    return record


def execute_runs(
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

    Each run's entry in ``lock`` is updated as it finishes. Returns every
    run's result (by key) and the keys of the runs reused, in plan order.
    """
    results: list[RunResult] = []
    skipped: list[str] = []
    specs = list(dict.fromkeys(r.spec for r in runs))
    notebook_digests = {spec.name: notebook_source_digest(opts.notebooks / f"{spec.name}.ipynb") for spec in specs}
    file_digests: dict[str, str] = {}
    futures: dict[cf.Future, Batch] = {}
    exports: list[tuple[ExportJob, dict, str]] = []
    for batch_runs in _batches(runs):
        batch: Batch = []
        jobs: list[tuple[NotebookRun, Nav, str]] = []
        for run in batch_runs:
            record = run_record(run, notebook_digests[run.spec.name], data_dir, rows, fixed, file_digests)
            nav, lang = nav_links(run.report, specs), report_lang(run, doc_langs)
            chrome = chrome_digest(run, nav, lang)
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
            sent = workers.executor().submit(run_notebooks, jobs, opts.notebooks, build_dir, opts.out, opts.timeout)
            futures[sent] = batch
    exported = _send_exports(exports, workers, opts.out, futures)
    order = {run.key: n for n, run in enumerate(runs)}
    skipped.sort(key=order.__getitem__)
    _collect(futures, exported, lock, results, len(runs))
    return sorted(results, key=lambda r: r.key), skipped


def _batches(runs: list[NotebookRun]) -> list[list[NotebookRun]]:
    """One batch per document (all its reports, run one after another in one kernel, which reads the
    document's rows once); every other run is a batch of its own. Corpus-level runs are the longest:
    sent first, they do not leave one worker finishing alone."""
    batches: dict[object, list[NotebookRun]] = {}
    for run in sorted(runs, key=lambda r: r.spec.scope == "document"):
        batches.setdefault(("document", run.doc_ids) if run.spec.scope == "document" else run.key, []).append(run)
    return list(batches.values())


def _send_exports(
    exports: list[tuple[ExportJob, dict, str]], workers: Workers, out: Path, futures: dict[cf.Future, Batch]
) -> set[cf.Future]:
    """Exports are short: shared among the workers, after the executions, whose kernels they do not need."""
    exported: set[cf.Future] = set()
    for share in (exports[i :: workers.jobs] for i in range(min(len(exports), workers.jobs))):
        fut = workers.executor().submit(export_again, [job for job, _, _ in share], out)
        futures[fut] = [(job[0], record, chrome) for job, record, chrome in share]
        exported.add(fut)
    return exported


def _collect(
    futures: dict[cf.Future, Batch],
    exported: set[cf.Future],
    lock: dict[str, dict],
    results: list[RunResult],
    total: int,
) -> None:
    """Each run's result as its batch finishes, into ``results`` and its lock entry, with a line of log."""
    progress = Progress("notebooks run and pages exported", total)
    for fut in _as_completed_in_key_order(futures):
        batch = futures[fut]
        try:
            outcomes: list[RunResult | Exception] = fut.result()
        except Exception as e:  # the worker process itself died
            outcomes = [e] * len(batch)
        for (run, record, chrome), outcome in zip(batch, outcomes):
            res = outcome if isinstance(outcome, RunResult) else failed_run(run, outcome)
            results.append(res)
            outcome_fields = {"status": res.status, "executed": res.executed, "report": run.report}
            lock[run.key] = {**record, "chrome": chrome, **outcome_fields}
            mark = ("export" if fut in exported else "ok    ") if res.status == "ok" else "FAILED"
            extra = f"  {res.error}" if res.error else ""
            if progress.enabled:  # a terminal: the bar, and each failure named on its own line
                progress.step(failure=f"{run.key}: {res.error}" if res.status != "ok" else None)
            else:
                log(f"[{len(results):>3}/{total}] {mark} {run.key}  {res.seconds:.1f}s{extra}")
    progress.close()


def chrome_digest(run: NotebookRun, nav: Nav, lang: str) -> str:
    """Digest of what the export adds to a run's executed notebook: a change re-exports it, never re-executes it."""
    return sha(json.dumps([run.title, nav, lang, sorted(run.chrome.items())], ensure_ascii=False).encode())


def export_again(jobs: list[ExportJob], out_dir: Path) -> list[RunResult | Exception]:
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
            html = to_html(
                cap_outputs(nb), title=run.title, nav=nav, lang=lang, slots=run.chrome, root=site_root(run.report)
            )
            atomic.write_text(out_dir / run.report, html)
        except Exception as e:  # reported per run by the build; the next build executes it again
            outcomes.append(e)
            continue
        seconds = time.perf_counter() - started
        outcomes.append(RunResult(run.key, run.report, "ok", seconds, executed=executed, export_seconds=seconds))
    return outcomes


def report_lang(run: NotebookRun, doc_langs: dict[str, str]) -> str:
    """The page language of a report: its document's, or English for reports on several documents."""
    return doc_langs.get(run.doc_ids[0], "en") if len(run.doc_ids) == 1 else "en"


def failed_run(run: NotebookRun, error: Exception) -> RunResult:
    """The result of a run that raised instead of returning: what went wrong, in the build's words."""
    if isinstance(error, OutputError):  # the report could not be written: say where, it is not a crash
        failure = NotebookFailed(str(error))
    elif isinstance(error, OSError):
        failure = NotebookFailed(f"cannot write {error.filename or run.report}: {error.strerror or error}")
    else:
        failure = NotebookFailed(f"worker crashed: {type(error).__name__}: {error}")
    return RunResult(run.key, run.report, "failed", 0.0, failure)


def _as_completed_in_key_order(futures: dict[cf.Future, Batch]) -> Iterator[cf.Future]:
    """Futures as they finish; several finishing together are taken in the order of their first run's key."""
    pending = set(futures)
    while pending:
        done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
        yield from sorted(done, key=lambda f: futures[f][0][0].key)
