"""What a build reports when it ends: its result, the index page, the record of a clean build and the log's summary."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import atomic
from ..exceptions import ConfigurationError
from ..reports.assets import write_site_assets
from ..reports.index import ReportEntry, render_search_page, write_index
from ..reports.search import write_site_search
from ..text.catalog import load_catalog
from ..text.corpus import CATALOG_NAME, link_problem
from .datasets import write_datasets
from .execute import RunResult
from .extract import Extraction
from .options import BuildOptions, log, package_versions
from .pipeline import PIPELINE, NotebookRun, nav_links
from .unchanged import NOOP_RECORD, output_stats


@dataclass
class BuildResult:
    exit_code: int
    documents: pd.DataFrame
    runs: list[RunResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # Wall seconds per stage: extraction, analysis, notebooks (execution and export), index.
    stages: dict[str, float] = field(default_factory=dict)


def index_entries(runs: list[NotebookRun], results: list[RunResult]) -> list[ReportEntry]:
    by_key = {r.key: r for r in results}
    out = []
    for run in runs:
        res = by_key.get(run.key)
        label = run.spec.label if len(run.doc_ids) == 1 else run.title
        status, error = (res.status, res.error) if res else ("missing", "")
        out.append(ReportEntry(run.key, label, run.report, run.doc_ids, status, error))
    return out


def index_inputs(seeds: Path, ledger: Path | None) -> list[tuple[str, Path]]:
    inputs = [
        (f"seeds/{p.name}", p)
        for p in sorted(seeds.iterdir())
        if p.is_file() and not p.name.startswith(".") and link_problem(p, seeds.resolve()) == ""
    ]
    if ledger and ledger.is_file():  # a FIFO or device named as the ledger is refused by the build, not hashed
        inputs.append((f"ledger: {ledger.name}", ledger))
    return inputs


def write_build_index(
    opts: BuildOptions, documents: pd.DataFrame, entries: list[ReportEntry], problems: list[str], changes: pd.DataFrame
) -> None:
    """The index page of the output folder: every document and report, the problems, the inputs and the changes.

    The Parquet files and the SQLite database beside the CSVs, and the site search's index and page, are
    brought up to date first: the index links them.
    """
    write_site_assets(opts.out)  # every page links them (helpers.reports.assets)
    tables = write_datasets(opts.out / "data")
    corpus_reports = [(e.label, e.report) for e in entries if len(e.doc_ids) != 1 and e.status == "ok"]
    nav = header_links(entries)
    write_site_search(opts.out, tables, corpus_reports, render_search_page(entries, nav))
    write_index(
        opts.out / "index.html",
        documents=documents,
        reports=entries,
        problems=problems,
        data_dir=opts.out / "data",
        inputs=index_inputs(opts.seeds, opts.ledger),
        packages=package_versions(),
        changes=changes,
        title=corpus_title(opts),
        nav=nav,
    )


def header_links(entries: list[ReportEntry]) -> list[tuple[str, str]]:
    """The header's links after the index, labelled as on every report (``pipeline.nav_links``)."""
    names = {e.key.split("--")[0] for e in entries}
    return nav_links("index.html", [spec for spec in PIPELINE if spec.name in names])[1:]


def corpus_title(opts: BuildOptions) -> str:
    """The corpus's title from its catalog (``title:``), or "" (a broken catalog is reported elsewhere)."""
    try:
        return load_catalog(opts.catalog or opts.seeds / CATALOG_NAME).title
    except ConfigurationError:
        return ""


def clean_build_record(
    inputs_seen: dict[str, object], results: list[RunResult], entries: list[ReportEntry], changes: pd.DataFrame
) -> dict[str, object]:
    """What a build that found nothing wrong leaves for the next one, which may then stop after comparing file
    stats (``builder._unchanged_build``): the next build with the same files would reuse everything."""
    return {
        "inputs": inputs_seen,
        "runs": [[r.key, r.report, r.executed] for r in results],
        "index": [[e.key, e.label, e.report, list(e.doc_ids)] for e in entries],
        "changes_empty": bool(changes.empty),
    }


def write_record(out: Path, record: dict[str, object]) -> None:
    """Record what a clean build left: its outputs' stats are taken last, after every other write."""
    outputs = output_stats(out)
    outputs.pop(f"_build/{NOOP_RECORD}", None)
    atomic.write_text(out / "_build" / NOOP_RECORD, json.dumps({**record, "outputs": outputs}, sort_keys=True) + "\n")


def log_summary(
    opts: BuildOptions,
    extractions: list[Extraction],
    results: list[RunResult],
    skipped: list[str],
    problems: list[str],
    changes: pd.DataFrame,
    started: float,
) -> None:
    """The build's last lines: what ran and what was reused, then each failure with what to do."""
    failed_runs = [r for r in results if r.status != "ok"]
    failed_docs = [e for e in extractions if not e.ok]
    ok_docs = len(extractions) - len(failed_docs)
    log(
        f"ran {len(results) - len(skipped)} notebooks ({len(failed_runs)} failed), reused {len(skipped)}; "
        f"documents ok {ok_docs}/{len(extractions)}; {len(changes)} changed claims/findings; "
        f"{time.perf_counter() - started:.1f}s"
    )
    # Repeated at the end, where a reader of the terminal looks, with what to do.
    for e in failed_docs:
        log(f"[document failed] {e.row['error']}")
    for r in failed_runs:
        log(
            f"[report failed] {r.key}: {r.error} (report with the error: {opts.out / r.report}; "
            f"executed notebook: {r.executed})"
        )
    for p in problems:
        log(f"[config] {p}")
    if failed_docs or failed_runs or problems:
        log(f"the index lists these problems too: {opts.out / 'index.html'}")
    log(f"reports: {opts.out / 'index.html'}")
