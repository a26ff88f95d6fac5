"""Execute one notebook run with papermill and export its report.

Runs in a worker process (one kernel per process: papermill's ``cwd``
handling is not thread-safe). papermill and nbconvert are imported once per
worker, not once per notebook.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import atomic
from .pipeline import NotebookRun

DEFAULT_TIMEOUT = 600  # seconds per cell


@dataclass(frozen=True)
class RunResult:
    key: str
    report: str
    status: str  # "ok" | "failed"
    seconds: float
    error: str = ""
    executed: str = ""  # path of the executed notebook


def _failure_message(exc: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"cell {exc.exec_count} raised {exc.ename}: {exc.evalue}"
    name = type(exc).__name__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    hint = ""
    if "kernel" in name.lower() or "kernel" in text.lower():
        hint = " (hint: is ipykernel installed in the project's .venv? run `make install`)"
    if "timeout" in name.lower() or "timed out" in text.lower():
        hint = f" (hint: a cell ran longer than {DEFAULT_TIMEOUT}s; pass --timeout)"
    return f"{name}: {text}{hint}"


@lru_cache(maxsize=64)
def _declared_parameters(path: str) -> frozenset[str]:
    """Names the notebook's parameters cell defines: the build passes only those."""
    import papermill

    return frozenset(papermill.inspect_notebook(path))


@contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Send this process's (and so the kernel's) stderr to a log file while a notebook runs.

    Kernels chatter on stderr (transport warnings, debugger notices); the
    terminal shows one line per notebook and the log keeps the rest.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "wb") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def run_notebook(
    run: NotebookRun,
    notebooks_dir: Path,
    build_dir: Path,
    out_dir: Path,
    nav: list[tuple[str, str]],
    timeout: int = DEFAULT_TIMEOUT,
    lang: str = "en",
) -> RunResult:
    """Execute ``run`` and write its HTML report; never raises for a notebook failure."""
    import nbformat
    import papermill

    from .export import to_html

    print(f"[start] {run.key}", flush=True)
    started = time.perf_counter()
    source = notebooks_dir / f"{run.spec.name}.ipynb"
    executed = build_dir / "notebooks" / f"{run.key}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    tmp_executed = executed.with_name(f".{run.key}.{os.getpid()}.tmp.ipynb")
    error = ""
    declared = _declared_parameters(str(source))
    parameters = {k: v for k, v in run.parameters.items() if k in declared}
    log_path = build_dir / "logs" / f"{run.key}.log"
    try:
        with _stderr_to(log_path):
            papermill.execute_notebook(
                str(source),
                str(tmp_executed),
                parameters=parameters,
                cwd=str(notebooks_dir),
                progress_bar=False,
                log_output=False,
                execution_timeout=timeout,
                kernel_name="python3",
            )
    except Exception as exc:  # a failing notebook must not stop the build
        error = _failure_message(exc)
    if tmp_executed.exists():
        os.replace(tmp_executed, executed)
        nb = nbformat.read(str(executed), as_version=4)
    else:
        nb = nbformat.v4.new_notebook()
        if not error:
            error = "the notebook produced no output"
    html_text = to_html(nb, title=run.title, nav=nav, lang=lang, failure=error or None)
    atomic.write_text(out_dir / run.report, html_text)
    return RunResult(
        key=run.key,
        report=run.report,
        status="failed" if error else "ok",
        seconds=time.perf_counter() - started,
        error=error,
        executed=str(executed),
    )
