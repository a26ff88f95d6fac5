"""Build speed on the seed corpus: naive papermill/nbconvert CLI loop versus ``helpers build``.

1. naive: every notebook run of the build (same runs, same parameters, from
   ``helpers.build.pipeline.plan_runs`` over a data folder made by one extraction),
   one after another, as ``papermill IN OUT -r name value ...`` then
   ``jupyter nbconvert --to html --no-input OUT`` subprocesses.
2. ours, cold: ``build(BuildOptions(out=<fresh folder>, jobs=--jobs))``.
3. no-op rebuild into the same folder, in this process and as
   ``python -m helpers build`` (interpreter start included).
4. touch one seed: a copy of the seeds is built, one document gets a sentence
   appended, and the rebuild re-runs only what depends on it.
5. where the time of one notebook run goes (fresh interpreter): imports,
   kernel start, cell execution, kernel shutdown and save, HTML export.

Other processes on the machine slow every figure: the load average is printed
before and after.

    .venv/bin/python bench/bench_build.py [--jobs 0] [--scheduler local-cluster] [--quick] [--skip-naive] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BIN = Path(sys.executable).parent
TOUCHED_DOC = "002_eb63065994b04cab"  # in no rendering pair: only its own and the corpus-wide runs depend on it
TOUCH_TEXT = "\n追記:このメモは2024年5月に1000億ドルの投資について書き足しました。\n"
ENV = {**os.environ, "JUPYTER_PREFER_ENV_PATH": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


@contextlib.contextmanager
def output_to(path: Path) -> Iterator[None]:
    """Send fd 1 and 2 (this process and the workers it starts) to a log file: the build chats."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def timed_build(opts, log_path: Path):
    from helpers.build import build

    t = time.perf_counter()
    with output_to(log_path):
        result = build(opts)
    return result, time.perf_counter() - t


def prepare_data(work: Path):
    """Extract the seeds once into ``work/data`` and plan the build's runs over it."""
    from helpers.build.builder import extract_all, helpers_source_digest
    from helpers.build.builder import DEFAULT_LEDGER, DEFAULT_NOTEBOOKS
    from helpers.text.catalog import load_catalog
    from helpers.text.corpus import CATALOG_NAME, discover
    from helpers.analysis.ledger import empty_ledger, load_ledger
    from helpers.build.analyze import analyze
    from helpers.build.extract import combine
    from helpers.tables import to_csv_bytes
    from helpers.build.pipeline import plan_runs
    from helpers.build.scheduler import Workers

    catalog_path = SEEDS / CATALOG_NAME
    catalog = load_catalog(catalog_path)
    sources = discover(SEEDS)
    fixed = {"helpers": helpers_source_digest()}  # the cache is fresh: any stable key will do
    with Workers("local", 1) as workers:
        extractions = extract_all(sources, catalog, work / "extract-cache", fixed, workers)
    data = work / "data"
    data.mkdir(parents=True)
    ledger = DEFAULT_LEDGER if DEFAULT_LEDGER.exists() else None
    tables = combine(extractions)
    # The build computes findings, alignment and summaries before any notebook runs; so must this.
    tables.update(analyze(tables, catalog, load_ledger(ledger) if ledger else empty_ledger()))
    for name, df in tables.items():
        (data / f"{name}.csv").write_bytes(to_csv_bytes(df))
    ok = [e.doc_id for e in extractions if e.ok]
    return plan_runs(DEFAULT_NOTEBOOKS, ok, catalog, data, catalog_path, ledger), DEFAULT_NOTEBOOKS


def papermill_args(parameters: dict[str, object], declared: frozenset[str]) -> list[str]:
    """CLI flags for the parameters the notebook declares (the build passes only those too)."""
    args: list[str] = []
    for name, value in parameters.items():
        if name not in declared:
            continue
        if isinstance(value, str):
            args += ["-r", name, value]  # raw: an id such as 1_000 must not turn into a number
        else:
            args += ["-y", json.dumps({name: value})]
    return args


def naive(runs, notebooks: Path, work: Path) -> tuple[float, list[str], list[float]]:
    """Sequential papermill + nbconvert CLI calls; returns wall time, failed keys and per-run times."""
    import papermill

    names = sorted({r.spec.name for r in runs})
    declared = {n: frozenset(papermill.inspect_notebook(str(notebooks / f"{n}.ipynb"))) for n in names}
    executed, html = work / "naive-executed", work / "naive-html"
    executed.mkdir()
    html.mkdir()
    failed: list[str] = []
    per_run: list[float] = []
    started = time.perf_counter()
    for run in runs:
        t = time.perf_counter()
        out_nb = executed / f"{run.key}.ipynb"
        pm = subprocess.run(
            [str(BIN / "papermill"), str(notebooks / f"{run.spec.name}.ipynb"), str(out_nb), "-k", "python3",
             "--cwd", str(notebooks), "--no-progress-bar", *papermill_args(run.parameters, declared[run.spec.name])],
            capture_output=True, env=ENV,
        )  # fmt: skip
        nc = subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out_nb),
             "--output-dir", str(html), "--output", run.key],
            capture_output=True, env=ENV,
        )  # fmt: skip
        per_run.append(time.perf_counter() - t)
        if pm.returncode or nc.returncode:
            failed.append(run.key)
            print(f"  naive {run.key} failed:\n{(pm.stderr or nc.stderr).decode(errors='replace')[-1500:]}")
    return time.perf_counter() - started, failed, per_run


def run_phases(data_key: str) -> dict[str, float]:
    """In a fresh interpreter: where one notebook run's time goes (see the module docstring)."""
    t0 = time.perf_counter()
    import nbformat
    import papermill
    from nbconvert import HTMLExporter  # noqa: F401  (the build imports it once per worker too)

    from helpers.reports.export import to_html

    imports = time.perf_counter() - t0
    spec = json.loads(data_key)
    out: dict[str, float] = {"imports": imports}
    for attempt in ("first", "second"):
        marks: dict[str, float] = {}
        work = Path(tempfile.mkdtemp(prefix="bench-phases-"))
        t = time.perf_counter()
        papermill.execute_notebook(
            spec["input"], str(work / "out.ipynb"), parameters=spec["parameters"], cwd=spec["cwd"],
            kernel_name="python3", progress_bar=False, log_output=False,
            on_notebook_start=lambda **_: marks.setdefault("kernel_ready", time.perf_counter()),
            on_cell_executed=lambda **_: marks.__setitem__("last_cell", time.perf_counter()),
            on_notebook_complete=lambda **_: marks.setdefault("kernel_down", time.perf_counter()),
        )  # fmt: skip
        done = time.perf_counter()
        nb = nbformat.read(str(work / "out.ipynb"), as_version=4)
        t_export = time.perf_counter()
        to_html(nb, title="bench", nav=[])
        exported = time.perf_counter()
        shutil.rmtree(work)
        out[f"{attempt}_kernel_start"] = marks["kernel_ready"] - t
        out[f"{attempt}_cells"] = marks["last_cell"] - marks["kernel_ready"]
        out[f"{attempt}_shutdown_save"] = done - marks["last_cell"]
        out[f"{attempt}_read_export"] = exported - t_export
    return out


def phases_of(run, notebooks: Path) -> dict[str, float]:
    import papermill

    declared = frozenset(papermill.inspect_notebook(str(notebooks / f"{run.spec.name}.ipynb")))
    spec = {
        "input": str(notebooks / f"{run.spec.name}.ipynb"),
        "cwd": str(notebooks),
        "parameters": {k: v for k, v in run.parameters.items() if k in declared},
    }
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child-phases", json.dumps(spec)],
        capture_output=True, text=True, env=ENV,
    )  # fmt: skip
    if proc.returncode:
        raise RuntimeError(f"phase measurement failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def noop_build(opts, log_path: Path, expected: set[str]):
    """A rebuild that should skip everything; once more if the package source moved meanwhile."""
    from helpers.build.builder import helpers_source_digest

    for attempt in range(3):
        before = helpers_source_digest()
        result, seconds = timed_build(opts, log_path)
        if set(result.skipped) == expected:
            return result, seconds, attempt
        if helpers_source_digest() == before and attempt:
            break  # the source did not move: the re-runs are real
        print(f"  (no-op rebuild re-ran {len(expected) - len(result.skipped)} runs; the package source "
              "changed meanwhile or the lockfile was stale; repeating)")  # fmt: skip
    return result, seconds, attempt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=0, help="build workers (0: one per core)")
    ap.add_argument("--scheduler", help="where our builds run: local (default), local-cluster or tcp://HOST:PORT")
    ap.add_argument("--skip-naive", action="store_true", help="skip the naive CLI loop (the slowest part)")
    ap.add_argument("--quick", action="store_true", help="skip the naive loop and the phase breakdown")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    ap.add_argument("--child-phases", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_phases:
        print(json.dumps(run_phases(args.child_phases)), flush=True)
        return 0

    from helpers.build.builder import BuildOptions, helpers_source_digest

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        work_ctx = contextlib.nullcontext(str(args.keep))
    else:
        work_ctx = tempfile.TemporaryDirectory(prefix="bench-build-")
    figures: list[tuple[str, str]] = []
    failures: list[str] = []
    with work_ctx as w:
        work = Path(w)
        log_path = work / "build.log"
        print(f"cores: {os.cpu_count()}; {load()}; build logs: {log_path}")
        runs, notebooks = prepare_data(work / "naive")
        print(f"{len(runs)} notebook runs over {len({d for r in runs for d in r.doc_ids})} documents")

        naive_s = None
        if not (args.skip_naive or args.quick):
            naive_s, naive_failed, per_run = naive(runs, notebooks, work / "naive")
            failures += [f"naive {k}" for k in naive_failed]
            print(f"naive CLI loop: {naive_s:.1f} s ({naive_s / len(runs):.2f} s per run, "
                  f"min {min(per_run):.2f}, max {max(per_run):.2f})")  # fmt: skip
            figures.append(("naive papermill+nbconvert CLI, sequential", f"{naive_s:.1f} s"))

        out = work / "ours"
        options = dict(jobs=args.jobs, scheduler=args.scheduler)
        cold, cold_s = timed_build(BuildOptions(out=out, **options), log_path)
        if cold.exit_code != 0:
            errors = [r.error for r in cold.runs if r.error]
            failures.append(f"cold build exit {cold.exit_code}: {cold.problems} {errors}")
        busy = sum(r.seconds for r in cold.runs)
        print(f"ours, cold: {cold_s:.1f} s for {len(cold.runs)} runs (run times add up to {busy:.1f} s)")
        where = f"jobs={args.jobs or os.cpu_count()}, {args.scheduler or 'local'}"
        figures.append((f"ours, cold ({where})", f"{cold_s:.1f} s"))
        if naive_s is not None:
            ratio = naive_s / cold_s
            verdict = "meets" if ratio >= 3 else "BELOW"
            print(f"naive / ours = {ratio:.2f}x ({verdict} target 3x)")
            figures.append(("speed-up naive / ours", f"{ratio:.2f}x"))

        all_keys = {r.key for r in cold.runs}
        noop, noop_s, retries = noop_build(BuildOptions(out=out, **options), log_path, all_keys)
        ok = set(noop.skipped) == all_keys
        print(f"no-op rebuild, in-process: {noop_s:.2f} s; skipped {len(noop.skipped)}/{len(all_keys)}"
              f"{'' if ok else ' (NOT a no-op)'}{f'; after {retries} repeat(s)' if retries else ''}")  # fmt: skip
        figures.append(("no-op rebuild, in-process", f"{noop_s:.2f} s"))
        if not ok:
            failures.append("no-op rebuild re-ran notebooks")

        t = time.perf_counter()
        cli = [sys.executable, "-m", "helpers", "build", "--out", str(out), "--jobs", str(args.jobs)]
        if args.scheduler:
            cli += ["--scheduler", args.scheduler]
        proc = subprocess.run(cli,
                              capture_output=True, text=True, env=ENV, cwd=ROOT)  # fmt: skip
        cli_s = time.perf_counter() - t
        cli_ran = next((ln for ln in proc.stdout.splitlines() if ln.startswith("ran ")), "")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import helpers.build"], check=True, env=ENV)
        import_s = time.perf_counter() - t
        print(f"no-op rebuild, `python -m helpers build`: {cli_s:.2f} s (exit {proc.returncode}; {cli_ran}); "
              f"interpreter + `import helpers.build` alone: {import_s:.2f} s")  # fmt: skip
        figures.append(("no-op rebuild, `python -m helpers build`", f"{cli_s:.2f} s"))
        figures.append(("  of which interpreter + import helpers.build", f"{import_s:.2f} s"))
        if proc.returncode != 0:
            failures.append(f"CLI no-op rebuild exit {proc.returncode}: {proc.stderr[-500:]}")

        seeds = work / "seeds"
        shutil.copytree(SEEDS, seeds)
        target = seeds / f"{TOUCHED_DOC}.txt"
        target.chmod(0o644)  # the seeds are read-only in the repository and copytree keeps that
        touch_out = work / "touch"
        first_s = None
        for attempt in range(3):
            stable = helpers_source_digest()
            # The first pass is a cold build of the copy; a repeat only brings the lockfile up to date.
            before, before_s = timed_build(BuildOptions(seeds=seeds, out=touch_out, **options), log_path)
            first_s = first_s or before_s
            if before.exit_code != 0:
                failures.append(f"build of the seed copy exit {before.exit_code}")
            with open(target, "a", encoding="utf-8") as f:
                f.write(TOUCH_TEXT)
            touched, touched_s = timed_build(BuildOptions(seeds=seeds, out=touch_out, **options), log_path)
            source_moved = helpers_source_digest() != stable
            if not source_moved:
                break
            print("  (the package source changed during the touch measurement, so every run re-ran; repeating)")
        rerun = sorted({r.key for r in touched.runs} - set(touched.skipped))
        print(f"touch one seed ({TOUCHED_DOC}): copy built in {first_s:.1f} s; rebuild {touched_s:.1f} s, "
              f"re-ran {len(rerun)}/{len(touched.runs)}:")  # fmt: skip
        for key in rerun:
            print(f"  {key}")
        figures.append((f"touch one seed: rebuild ({len(rerun)}/{len(touched.runs)} runs)", f"{touched_s:.1f} s"))
        figures.append(("  (second cold build, seed copy)", f"{first_s:.1f} s"))
        unexpected = [k for k in rerun if "--" in k and TOUCHED_DOC not in k]
        if unexpected and not source_moved:
            failures.append(f"touching {TOUCHED_DOC} re-ran unrelated runs: {unexpected}")
        if not rerun or touched.exit_code != 0:
            failures.append(f"touched rebuild exit {touched.exit_code}, re-ran {rerun}")

        if not args.quick:
            sample = next(r for r in runs if r.spec.name == "02_document" and TOUCHED_DOC in r.doc_ids)
            ph = phases_of(sample, notebooks)
            print(f"one notebook run ({sample.key}), fresh interpreter:")
            print(f"  import papermill + nbconvert + helpers.reports.export: {ph['imports']:.2f} s (once per worker)")
            for attempt in ("first", "second"):
                print(f"  {attempt} run: kernel start {ph[f'{attempt}_kernel_start']:.2f} s, cells "
                      f"{ph[f'{attempt}_cells']:.2f} s, shutdown+save {ph[f'{attempt}_shutdown_save']:.2f} s, "
                      f"read+HTML export {ph[f'{attempt}_read_export']:.2f} s")  # fmt: skip
            figures.append(("one run: imports (once per worker)", f"{ph['imports']:.2f} s"))
            for part in ("kernel_start", "cells", "shutdown_save", "read_export"):
                figures.append((f"one run (2nd in worker): {part.replace('_', ' ')}", f"{ph[f'second_{part}']:.2f} s"))

        print(f"\n{load()}")
        width = max(len(k) for k, _ in figures)
        print(f"{'figure':<{width}}  value")
        print("-" * (width + 10))
        for k, v in figures:
            print(f"{k:<{width}}  {v}")
    if failures:
        print("FAILURES:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
