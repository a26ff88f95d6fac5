"""Warm kernels: runs that share one kernel give exactly what fresh kernels give, and a failure poisons nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.build import execute
from helpers.build.execute import run_notebook
from helpers.build.pipeline import NotebookRun, NotebookSpec, plan_runs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="module")
def seed_runs(tmp_path_factory) -> tuple[list[NotebookRun], Path]:
    """The seed corpus's data folder, as the build writes it, and the build's runs over it."""
    from helpers.analysis.ledger import load_ledger
    from helpers.build.analyze import analyze
    from helpers.build.builder import DEFAULT_LEDGER
    from helpers.build.extract import combine, extract_document
    from helpers.tables import to_csv_bytes
    from helpers.text.catalog import load_catalog
    from helpers.text.corpus import CATALOG_NAME, discover

    work = tmp_path_factory.mktemp("warm")
    catalog = load_catalog(SEEDS / CATALOG_NAME)
    tables = combine([extract_document(s, catalog) for s in discover(SEEDS)])
    tables.update(analyze(tables, catalog, load_ledger(DEFAULT_LEDGER)))
    data = work / "data"
    data.mkdir()
    for name, df in tables.items():
        (data / f"{name}.csv").write_bytes(to_csv_bytes(df))
    doc_ids = sorted(tables["documents"]["doc_id"])
    return plan_runs(NOTEBOOKS, doc_ids, catalog, data, SEEDS / CATALOG_NAME, DEFAULT_LEDGER), work


def _run_all(runs: list[NotebookRun], notebooks: Path, work: Path, fresh: bool) -> list[tuple[str, bytes, bytes]]:
    """(key, HTML report, executed cells) of each run, in one warm kernel or each in a fresh one."""
    out = work / ("fresh" if fresh else "warm")
    results = []
    execute._KERNEL.discard()
    for run in runs:
        if fresh:
            execute._KERNEL.discard()
        res = run_notebook(run, notebooks, out / "_build", out, nav=[("Index", "index.html")])
        assert res.status == "ok", res.error
        cells = json.loads(Path(res.executed).read_text(encoding="utf-8"))["cells"]
        code = [(c["execution_count"], c["outputs"]) for c in cells if c["cell_type"] == "code"]
        results.append((run.key, (out / run.report).read_bytes(), json.dumps(code, sort_keys=True).encode()))
    execute._KERNEL.discard()
    return results


def test_runs_sharing_a_kernel_equal_runs_in_fresh_kernels(seed_runs):
    """Two documents (a Japanese and a German one) through the per-document notebook and the corpus report."""
    runs, work = seed_runs
    by_key = {r.key: r for r in runs}
    docs = ("000_a86c1cdb2fa65775", "003_ff97695cd6ad6ecf")
    keys = [f"02_document--{d}" for d in docs] + ["01_corpus_overview"]
    chosen = [by_key[k] for k in keys if k in by_key]
    assert len(chosen) == len(keys), sorted(by_key)
    warm = _run_all(chosen, NOTEBOOKS, work, fresh=False)
    fresh = _run_all(chosen, NOTEBOOKS, work, fresh=True)
    for (key, html_w, cells_w), (_, html_f, cells_f) in zip(warm, fresh):
        assert html_w == html_f, f"{key}: report differs between a warm and a fresh kernel"
        # Executed notebooks too, outputs and execution counts (a reused kernel would count on).
        assert cells_w == cells_f, f"{key}: executed notebook differs between a warm and a fresh kernel"


def _notebook(path: Path, *sources: str) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("mode = ''")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params] + [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


# Leaves behind what a careless notebook could: a global, a changed matplotlib
# setting, an open figure, a warning filter; or fails or hangs (mode).
_DIRTY = '''
import warnings
import matplotlib
import matplotlib.pyplot as plt
leftover = 42
matplotlib.rcParams["lines.linewidth"] = 9.5
plt.figure()
warnings.simplefilter("ignore")
if mode == "fail":
    raise ValueError("this run fails on purpose")
if mode == "hang":
    import time
    time.sleep(60)
'''
# What a fresh kernel sees; a warm kernel that leaked would print something else.
_PROBE = '''
import sys, warnings
import matplotlib
import matplotlib.pyplot as plt
print("leftover" in globals(), matplotlib.rcParams["lines.linewidth"], len(plt.get_fignums()))
def f():
    warnings.warn("shown in every run", UserWarning)
f()
print(sorted(k for k in globals() if not k.startswith("_")))
'''


def _probe_run(notebooks: Path, name: str, key: str, mode: str = "") -> NotebookRun:
    spec = NotebookSpec(name, "corpus", f"{key}.html", key, key, "leak probe")
    return NotebookRun(spec=spec, key=key, report=f"{key}.html", title=key, parameters={"mode": mode})


@pytest.mark.parametrize("mode", ["", "fail", "hang"])
def test_nothing_leaks_into_the_next_run(tmp_path, mode):
    """After a clean, a failing or a timed-out run, the next run in the worker sees a fresh kernel's state."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "dirty.ipynb", _DIRTY)
    _notebook(notebooks / "probe.ipynb", _PROBE)
    out = tmp_path / "out"
    nav = [("Index", "index.html")]
    probe = _probe_run(notebooks, "probe", "probe")

    def report() -> bytes:
        # A warning names the cell's file under /tmp/ipykernel_<pid>/: that differs between any two kernels.
        return re.sub(rb"ipykernel_[0-9]+", b"ipykernel_PID", (out / "probe.html").read_bytes())

    execute._KERNEL.discard()
    fresh = run_notebook(probe, notebooks, out / "_build", out, nav)
    fresh_html = report()
    first_kernel, first_client = execute._KERNEL.km, execute._KERNEL.kc
    dirty = run_notebook(_probe_run(notebooks, "dirty", "dirty", mode), notebooks, out / "_build", out, nav, timeout=5)
    assert dirty.status == ("ok" if mode == "" else "failed")
    # The engine saves the executed notebook once, at the end, also when a cell raised or was cut
    # off: what ran is there, as a valid notebook.
    import nbformat

    executed = nbformat.read(dirty.executed, as_version=4)
    nbformat.validate(executed)
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2, 3]
    assert executed.metadata.papermill.end_time
    assert any(o.output_type == "error" for o in code[-1].outputs) == (mode == "fail")
    assert ("language_info" in executed.metadata) == (mode != "hang")  # a cut-off run never asks the kernel
    after = run_notebook(probe, notebooks, out / "_build", out, nav)
    try:
        assert fresh.status == after.status == "ok", after.error
        assert b"False 1.5 0" in fresh_html and b"shown in every run" in fresh_html
        assert report() == fresh_html
        # A clean run keeps the kernel and its client (that is the point); a failure replaces both.
        assert (execute._KERNEL.km is first_kernel) == (mode == "")
        assert first_client is not None and (execute._KERNEL.kc is first_client) == (mode == "")
    finally:
        execute._KERNEL.discard()
    if mode == "fail":
        assert "ValueError" in dirty.error and "fails on purpose" in dirty.error
    if mode == "hang":
        assert "5" in dirty.error or "timeout" in dirty.error.lower()


def test_a_kernel_that_dies_while_starting_is_started_again(monkeypatch, tmp_path):
    # Two workers starting kernels at once can race for the same free port; the loser dies at start.
    kernel = execute.WarmKernel()
    starts: list[str] = []

    def start(cwd: str, log_path: Path) -> None:
        starts.append(cwd)
        if len(starts) < execute.START_ATTEMPTS:
            raise RuntimeError("Kernel died before replying to kernel_info")
        kernel.km, kernel.cwd, kernel.runs = object(), cwd, 0

    monkeypatch.setattr(kernel, "_start", start)
    assert kernel.manager(str(tmp_path), tmp_path / "k.log") is not None
    assert len(starts) == execute.START_ATTEMPTS


def test_a_kernel_that_keeps_dying_or_fails_otherwise_is_reported(monkeypatch, tmp_path):
    for message, attempts in (("Kernel died before replying to kernel_info", execute.START_ATTEMPTS),
                              ("kernel warm-up failed: ImportError", 1)):
        kernel = execute.WarmKernel()
        starts: list[str] = []

        def start(cwd: str, log_path: Path, message=message) -> None:
            starts.append(cwd)
            raise RuntimeError(message)

        monkeypatch.setattr(kernel, "_start", start)
        with pytest.raises(RuntimeError, match=message):
            kernel.manager(str(tmp_path), tmp_path / "k.log")
        assert len(starts) == attempts


def test_a_kernel_started_ahead_serves_the_first_run_unchanged(tmp_path, monkeypatch):
    """The build starts each worker's kernel while it reads the cache: the first run then uses it, to the same report."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "probe.ipynb", _PROBE)
    out = tmp_path / "out"
    probe = _probe_run(notebooks, "probe", "probe")

    def report() -> bytes:
        return re.sub(rb"ipykernel_[0-9]+", b"ipykernel_PID", (out / "probe.html").read_bytes())

    execute._KERNEL.discard()
    try:
        assert run_notebook(probe, notebooks, out / "_build", out, []).status == "ok"
        cold = report()
        execute._KERNEL.discard()
        execute.start_kernel(notebooks, out / "_build")
        ahead = execute._KERNEL.km
        assert ahead is not None and execute._KERNEL.runs == 0  # started, not yet counted as a run
        assert run_notebook(probe, notebooks, out / "_build", out, []).status == "ok"
        assert execute._KERNEL.km is ahead and execute._KERNEL.runs == 1
        assert report() == cold
    finally:
        execute._KERNEL.discard()

    def broken(cwd: str, log_path: Path) -> None:
        raise RuntimeError("kernel warm-up failed: ImportError")

    # A kernel that cannot start is the run's to report, with the build's notebook and log.
    monkeypatch.setattr(execute._KERNEL, "_start", broken)
    execute.start_kernel(notebooks, out / "_build")
    assert execute._KERNEL.km is None
