"""Execute one notebook run with papermill and export its report.

Runs in a worker process (one kernel per process: papermill's ``cwd``
handling is not thread-safe). papermill and nbconvert are imported once per
worker, not once per notebook.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import atomic
from ..exceptions import NotebookFailed
from .pipeline import NotebookRun, file_stem

DEFAULT_TIMEOUT = 600  # seconds per cell
# A report is read in a browser: one output beyond this many characters (the
# full text of a book-sized document) makes the page unusable and the HTML
# export take minutes. The report then shows the start and says where the rest
# is; the executed notebook and the data files keep everything.
MAX_OUTPUT_CHARS = 3_000_000
# Where to cut HTML, best first: before a block element, after a sentence or
# table row, at a line break; never inside a tag or an entity. (marker, chars of it kept)
_HTML_BOUNDARIES = (("\n<p", 0), ("\n<h", 0), ("\n<li", 0), ("<tr>", 0), ("\n<div", 0), ("</span>", 7), ("</tr>", 5), ("\n", 0))


# A full disk or a read-only folder is not a kernel that cannot start: say which file.
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENAMETOOLONG})


def _literal_path(path: Path) -> str:
    """``path`` as papermill must be given it: papermill formats paths with ``str.format(**parameters)``,
    so a ``{`` or ``}`` in a document id or folder would be read as a placeholder (failing, or naming
    another file); doubled, they stay literal."""
    return str(path).replace("{", "{{").replace("}", "}}")


@dataclass(frozen=True)
class RunResult:
    key: str
    report: str
    status: str  # "ok" | "failed"
    seconds: float
    failure: NotebookFailed | None = None
    executed: str = ""  # path of the executed notebook

    @property
    def error(self) -> str:
        return str(self.failure) if self.failure else ""


def notebook_failure(exc: BaseException, timeout: int = DEFAULT_TIMEOUT, kernel: str = "python3") -> NotebookFailed:
    """What went wrong and, for failures of the machinery rather than the code, what to do."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return NotebookFailed(f"cell {exc.exec_count} raised {exc.ename}: {exc.evalue}", cell=exc.exec_count)
    if isinstance(exc, OSError) and exc.errno in _WRITE_ERRNOS:
        return NotebookFailed(f"cannot write {exc.filename or 'the executed notebook'}: {exc.strerror}")
    name = type(exc).__name__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    hint = ""
    if "timeout" in name.lower() or "timed out" in text.lower():
        hint = f"a cell ran longer than {timeout}s; pass --timeout SECONDS to allow more"
    elif "dead" in name.lower() or "died" in text.lower():
        hint = "the kernel died, often out of memory; try --jobs 1 or a smaller document"
    elif "kernel" in name.lower() or "kernel" in text.lower() or isinstance(exc, OSError):
        hint = (
            f"the Jupyter kernel {kernel!r} could not start; `jupyter kernelspec list` shows which"
            " kernel is used; run `make install` to reinstall ipykernel in the project's .venv"
        )
    return NotebookFailed(f"{name}: {text}", hint=hint)


def _truncation_note(kept: int, total: int) -> str:
    return (
        f"This output is cut after {kept:,} of {total:,} characters to keep the report usable in a browser. "
        "Nothing is lost: the data files (data/*.csv, linked from the index) hold every block, sentence and "
        "claim, and the executed notebook under _build/notebooks/ holds the full output."
    )


def _cut_html(markup: str, limit: int) -> str:
    cuts = []
    for marker, keep in _HTML_BOUNDARIES:
        at = markup.rfind(marker, 0, limit - keep)
        if at > 0:
            cuts.append(at + keep)
    # The best kind of boundary, unless it would throw away more than half of what may be shown.
    good = [c for c in cuts if c >= limit // 2]
    cut = good[0] if good else max(cuts, default=-1)
    if cut <= 0:
        # No safe boundary at all: show the output as escaped text instead.
        import html

        return f"<pre>{html.escape(markup[:limit])}</pre>"
    return markup[:cut]


def cap_outputs(nb, max_chars: int = MAX_OUTPUT_CHARS):
    """A copy of ``nb`` whose text and HTML outputs are at most ``max_chars`` long, each cut one marked.

    HTML is cut before a block element (unclosed tags are closed by the
    exporter's parser) and followed by a note saying where the rest is.
    """
    import copy
    import html

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                text = "".join(out.get("text", ""))
                if len(text) > max_chars:
                    out["text"] = text[:max_chars] + "\n[" + _truncation_note(max_chars, len(text)) + "]\n"
                continue
            data = out.get("data", {})
            for mime in ("text/html", "text/plain", "text/markdown"):
                value = data.get(mime)
                if value is None:
                    continue
                text = "".join(value) if isinstance(value, list) else str(value)
                if len(text) <= max_chars:
                    continue
                if mime == "text/html":
                    kept = _cut_html(text, max_chars)
                    note = f'<div class="error-box"><strong>Shortened.</strong> {html.escape(_truncation_note(len(kept), len(text)))}</div>'
                    data[mime] = kept + note
                else:
                    data[mime] = text[:max_chars] + "\n[" + _truncation_note(max_chars, len(text)) + "]"
    return nb


@lru_cache(maxsize=64)
def _declared_parameters(path: str) -> frozenset[str]:
    """Names the notebook's parameters cell defines: the build passes only those."""
    import logging

    import papermill

    # papermill warns about parameter lines it cannot type-infer (lists); that is not an error.
    logging.getLogger("papermill").setLevel(logging.ERROR)
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

    from ..reports.export import to_html

    print(f"[start] {run.key}", flush=True)
    started = time.perf_counter()
    source = notebooks_dir / f"{run.spec.name}.ipynb"
    executed = build_dir / "notebooks" / f"{file_stem(run.key)}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    tmp_executed = atomic.temp_path(executed.parent, ".tmp.ipynb")
    failure: NotebookFailed | None = None
    declared = _declared_parameters(str(source))
    parameters = {k: v for k, v in run.parameters.items() if k in declared}
    log_path = build_dir / "logs" / f"{file_stem(run.key)}.log"
    try:
        with _stderr_to(log_path):
            papermill.execute_notebook(
                _literal_path(source),
                _literal_path(tmp_executed),
                parameters=parameters,
                cwd=str(notebooks_dir),
                progress_bar=False,
                log_output=False,
                execution_timeout=timeout,
                kernel_name="python3",
                # Outputs are saved already; a graceful kernel shutdown only adds ~0.2 s per run.
                shutdown_kernel="immediate",
            )
    except Exception as exc:  # a failing notebook must not stop the build
        failure = notebook_failure(exc, timeout)
    if tmp_executed.exists():
        os.replace(tmp_executed, executed)
        nb = nbformat.read(str(executed), as_version=4)
    else:
        nb = nbformat.v4.new_notebook()
        if failure is None:
            failure = NotebookFailed("the notebook produced no output")
    html_text = to_html(cap_outputs(nb), title=run.title, nav=nav, lang=lang, failure=str(failure) if failure else None)
    atomic.write_text(out_dir / run.report, html_text)
    return RunResult(
        key=run.key,
        report=run.report,
        status="failed" if failure else "ok",
        seconds=time.perf_counter() - started,
        failure=failure,
        executed=str(executed),
    )
