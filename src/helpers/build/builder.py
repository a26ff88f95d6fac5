"""``python -m helpers build``: extraction, notebook runs, reports and the index.

Exit status: 0 everything built; 1 some documents or notebooks failed (the
rest is built and the index marks the failures); 2 usage or configuration
error (bad catalog, ledger or folders; what could be built still is); 130
interrupted (Ctrl-C): every file already written is complete, and the next
build reuses the notebooks that finished.

The stages live in their own modules, called here in order: ``inputs``
(documents, catalog, ledger), ``extraction`` (with ``cache``),
``analysis_reuse``, ``baseline`` (the change list), ``runs`` (notebooks and
the lockfile) and ``summary`` (index, record, log).
"""

from __future__ import annotations

import json
import signal
import sys
import time
from dataclasses import replace

import pandas as pd

from .. import atomic
from ..exceptions import ConfigurationError, HelpersError
from ..reports.index import ReportEntry
from ..tables import to_csv_bytes
from .analysis_reuse import ANALYSIS_RECORD, MAX_RECORD_BYTES, analyze_or_reuse, carried_tables
from .baseline import BASELINE_TABLES, change_list, drop_baseline, keep_baseline, read_previous
from .cache import cache_bytes as _cache_bytes
from .cache import read_cache_entry as _read_cache_entry
from .cache import rows_digest as _rows_digest
from .confine import unsafe_entries
from .digests import frame_digest, helpers_source_digest, notebook_source_digest, sha, write_if_changed
from .digests import write_if_changed as _write_if_changed
from .execute import RunResult
from .extract import combine
from .extraction import extract_all, extract_batch, extract_stage, extract_with_rows, table_files
from .inputs import check_notebooks, questions_for_notebooks, read_inputs
from .inputs import load_ledger_or_empty as _load_ledger
from .lockfile import read_lock
from .options import (
    DEFAULT_LEDGER,
    DEFAULT_NOTEBOOKS,
    DEFAULT_OUT,
    DEFAULT_SEEDS,
    REPO_ROOT,
    TRACKED_PACKAGES,
    BuildOptions,
    OutputLock,
    log,
    package_versions,
)
from .pipeline import table_spec
from .row_digests import RowDigests
from .rows import from_json as chunks_from_json
from .runs import ROWS_DIR, export_again, plan_notebook_runs, run_and_record
from .scheduler import Workers
from .summary import (
    BuildResult,
    clean_build_record,
    index_entries,
    index_inputs,
    log_summary,
    write_build_index,
    write_record,
)
from .terminal import for_terminal, progress_mode
from .unchanged import NOOP_RECORD, input_stats, matching_record

__all__ = [
    "EXIT_INTERRUPTED", "EXIT_TERMINATED", "BuildOptions", "BuildResult", "Terminated", "build", "main_build",
    # Other modules, tests, notebooks and bench scripts import these from here, where they were defined
    # before the build was split into its stages: kept, so that callers do not change.
    "ANALYSIS_RECORD", "DEFAULT_LEDGER", "DEFAULT_NOTEBOOKS", "DEFAULT_OUT", "DEFAULT_SEEDS", "MAX_RECORD_BYTES",
    "REPO_ROOT", "ROWS_DIR", "TRACKED_PACKAGES", "RowDigests", "_cache_bytes", "_load_ledger",
    "_read_cache_entry", "_rows_digest", "_write_if_changed", "analyze_or_reuse", "chunks_from_json",
    "combine", "export_again", "extract_all", "extract_batch", "extract_with_rows", "frame_digest",
    "helpers_source_digest", "index_entries", "index_inputs", "notebook_source_digest", "table_files",
]  # fmt: skip


def build(opts: BuildOptions) -> BuildResult:
    """Build the reports and data ``opts`` asks for; ``opts`` itself is left as given."""
    started = time.perf_counter()
    if not opts.seeds.is_dir():
        raise ConfigurationError("seeds folder not found", path=str(opts.seeds))
    if not opts.notebooks.is_dir():
        raise ConfigurationError("notebooks folder not found", path=str(opts.notebooks))
    opts = replace(opts, out=opts.out.resolve(), seeds=opts.seeds.resolve(), notebooks=opts.notebooks.resolve())
    build_dir = opts.out / "_build"
    with OutputLock(build_dir / "build.lock"):
        unsafe = unsafe_entries(opts.out)
        if unsafe:
            raise ConfigurationError(
                "holds links leading outside it or special files, which the build never makes and would write "
                f"through: "
                f"{', '.join(for_terminal(u) for u in unsafe)}; remove them",
                path=str(opts.out),
            )
        check_notebooks(opts.notebooks, read_lock(build_dir))
        unchanged = None if opts.force else _unchanged_build(opts)
        if unchanged is not None:
            seconds = time.perf_counter() - started
            log(f"nothing changed since the last build ({seconds:.2f}s); reports: {opts.out / 'index.html'}")
            return unchanged
        return _full_build(opts, started)


def _full_build(opts: BuildOptions, started: float) -> BuildResult:
    """Every stage in order: inputs, extraction, analysis, data files, notebooks, change list, index, record."""
    build_dir, data_dir = opts.out / "_build", opts.out / "data"
    (build_dir / NOOP_RECORD).unlink(missing_ok=True)  # until this build has finished, nothing is known unchanged
    # Taken before anything is read: a file changed while the build runs is a change for the next one.
    inputs_seen = input_stats(opts)

    progress_mode()  # before the workers start: on a terminal they leave the lines to the progress bars
    with Workers(opts.scheduler, opts.jobs) as workers:
        stale = atomic.remove_stale_temp_files(opts.out)
        if stale:
            log(f"removed {len(stale)} unfinished temporary file(s) left by an interrupted build")
        inputs = read_inputs(opts)
        versions = json.dumps(package_versions(), sort_keys=True).encode()
        fixed = {"helpers": helpers_source_digest(), "packages": sha(versions)}

        t0 = time.perf_counter()
        extractions, tables, files, chunks = extract_stage(
            inputs.sources, inputs.catalog, fixed, workers, opts.notebooks, build_dir
        )
        stages = {"extraction": time.perf_counter() - t0}
        log(f"extracted {len(inputs.sources)} documents from {opts.seeds} in {stages['extraction']:.1f}s")
        t0 = time.perf_counter()
        analysed = analyze_or_reuse(tables, inputs.catalog, inputs.ledger, fixed, data_dir, build_dir, files)
        carried_tables(tables, analysed, files, chunks)  # speakers carried over to other renderings
        tables.update({k: v for k, v in analysed.items() if k not in ("sentences", "claims")})
        stages["analysis"] = time.perf_counter() - t0
        log(f"compared, aligned and summarized in {stages['analysis']:.1f}s")

        baseline = keep_baseline(data_dir, build_dir / "baseline")
        previous = {name: read_previous(baseline, name) for name in BASELINE_TABLES}
        data_dir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            write_if_changed(data_dir / f"{name}.csv", data)

        questions = questions_for_notebooks(inputs.questions_file, tables["findings"], build_dir)
        runs = plan_notebook_runs(
            opts.notebooks, extractions, inputs.catalog, inputs.catalog_file(), inputs.ledger_for_notebooks, opts.out,
            questions, questions_generated=inputs.questions_file is None,
        )  # fmt: skip
        doc_langs = {e.doc_id: str(e.row["lang"]) for e in extractions if e.ok}
        t0 = time.perf_counter()
        results, skipped = run_and_record(runs, opts, workers, tables, chunks, fixed, doc_langs)
        stages["notebooks"] = time.perf_counter() - t0
        workers.release()

        changes = change_list(previous["claims"], tables["claims"], previous["findings"], tables["findings"])
        write_if_changed(data_dir / "changes.csv", to_csv_bytes(changes))
        drop_baseline(baseline)  # this build finished: its tables are the next build's baseline

        t0 = time.perf_counter()
        entries = index_entries(runs, results)
        write_build_index(opts, tables["documents"], entries, inputs.problems, changes)
        stages["index"] = time.perf_counter() - t0

        failed = any(r.status != "ok" for r in results) or any(not e.ok for e in extractions)
        exit_code = 2 if inputs.config_error else (1 if failed else 0)
        if exit_code == 0:
            write_record(opts.out, clean_build_record(inputs_seen, results, entries, changes))
    log_summary(opts, extractions, results, skipped, inputs.problems, changes, started)
    return BuildResult(exit_code, tables["documents"], results, inputs.problems, skipped, stages)


def _unchanged_build(opts: BuildOptions) -> BuildResult | None:
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
        entries = [
            ReportEntry(key, label, report, tuple(doc_ids), "ok", "") for key, label, report, doc_ids in record["index"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not record.get("changes_empty"):
        from .changes import CHANGES

        no_changes = pd.DataFrame(columns=CHANGES.names)
        write_if_changed(opts.out / "data" / "changes.csv", to_csv_bytes(no_changes))
        write_build_index(opts, documents, entries, [], no_changes)
        write_record(opts.out, {**record, "changes_empty": True})
    return BuildResult(0, documents, runs, [], [r.key for r in runs], {})


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
