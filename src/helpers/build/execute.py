"""Execute one notebook run with papermill and export its report.

Runs in a worker process (one kernel per process: papermill's ``cwd``
handling is not thread-safe). papermill and nbconvert are imported once per
worker, not once per notebook, and the kernel is warm: each worker keeps one
long-lived kernel and runs notebook after notebook in it (papermill engine
``warm``), so a run costs its own cells, not a kernel start and the imports of
pandas, matplotlib and helpers (about 2 s of a 2.5 s report). Before every
run the kernel's namespace and session state are reset to what a fresh
kernel has (see ``_RESET``); after a failure, a timeout or ``KERNEL_RUNS``
runs the kernel is replaced, so one run can never poison the next.

What a short run would otherwise spend outside its cells is cut too: the
kernel client (its sockets) lives as long as the kernel, because a new client
waits 0.2 s for the kernel's output channel to fall quiet; and the objects the
warm-up created are frozen out of the garbage collector, so the collection
``%reset`` makes scans what one run created, not all of pandas (0.13 s). The
executed notebook is saved once per run, not at every cell (see ``WarmEngine``),
and what does not change within a kernel's life (the reset code, the kernel's
language_info) is sent or asked once per kernel, not once per run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import atomic
from ..exceptions import NotebookFailed
from ..reports.export import SHORTENED
from ..reports.links import site_root
from .extract import release_models
from .options import DEFAULT_TIMEOUT
from .pipeline import NotebookRun, file_stem
from .terminal import PROGRESS_ENV, for_terminal

if TYPE_CHECKING:
    from jupyter_client.client import KernelClient
    from jupyter_client.manager import AsyncKernelManager

KERNEL_NAME = "python3"
# Runs one kernel serves before it is replaced: bounds whatever a long-lived
# process accumulates (caches, fragmentation) for ~1.5 s per this many runs.
KERNEL_RUNS = 200
START_ATTEMPTS = 3
# A report is read in a browser: one output beyond this many characters (the
# full text of a book-sized document) makes the page unusable and the HTML
# export take minutes. The report then shows the start and says where the rest
# is; the executed notebook and the data files keep everything.
MAX_OUTPUT_CHARS = 3_000_000
# Where to cut HTML, best first: before a block element, after a sentence or
# table row, at a line break; never inside a tag or an entity. (marker, chars of it kept)
_HTML_BOUNDARIES = (
    ("\n<p", 0),
    ("\n<h", 0),
    ("\n<li", 0),
    ("<tr>", 0),
    ("\n<div", 0),
    ("</span>", 7),
    ("</tr>", 5),
    ("\n", 0),
)


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
    export_seconds: float = 0.0  # of ``seconds``, the HTML export

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

    if not _too_long(nb, max_chars):
        return nb  # the usual case: nothing to cut, nothing to copy
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
                    note = f"{SHORTENED} {html.escape(_truncation_note(len(kept), len(text)))}</div>"
                    data[mime] = kept + note
                else:
                    data[mime] = text[:max_chars] + "\n[" + _truncation_note(max_chars, len(text)) + "]"
    return nb


def _too_long(nb, max_chars: int) -> bool:
    """Whether any text or HTML output of ``nb`` is longer than ``max_chars``."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            values = [out.get("text", "")] if out.get("output_type") == "stream" else out.get("data", {}).values()
            if any(
                len(v if isinstance(v, str) else "".join(v) if isinstance(v, list) else str(v)) > max_chars
                for v in values
            ):
                return True
    return False


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


# Run silently (no output, no history, no execution count) before every notebook:
# what a fresh kernel would not have is removed. Imported modules stay (that is
# the saving); their state that notebooks can change is put back: matplotlib's
# figures and rcParams, warning filters and the once-per-location registries
# (a warning a previous run showed must show again), the execution counter.
# It lives in a module the warm-up creates (``%reset`` keeps modules), so each run
# sends one short call: IPython tokenizes and compiles every request's code, which
# for this function's source took ~7 ms of kernel time per run.
_RESET_MODULE = """
import sys, warnings
from IPython import get_ipython

filters = list(warnings.filters)
rc = None

def reset():
    global rc
    ip = get_ipython()
    ip.run_line_magic("reset", "-f")
    warnings.filters[:] = filters
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib, matplotlib.pyplot as plt
        plt.close("all")
        if rc is None:
            rc = dict(matplotlib.rcParams)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matplotlib.rcParams.update(rc)
    ip.execution_count = 1
"""
_RESET = '__import__("__helpers_warm_state__").reset()'
# Imported once per kernel, before its first run, so the first run is as cheap as
# the others and the rcParams snapshot above is taken before any notebook ran.
# matplotlib_fontja sets the Japanese font only when first imported: it must be
# in the snapshot, or every run after the first would draw Japanese as boxes.
_WARM_UP = (
    "import matplotlib.pyplot, matplotlib_fontja, pandas, helpers.notebook, helpers.reports.render\n"
    "import sys, types\n"
    "sys.modules['__helpers_warm_state__'] = types.ModuleType('__helpers_warm_state__')\n"
    f"exec({_RESET_MODULE!r}, sys.modules['__helpers_warm_state__'].__dict__)\n"
    "import gc\ngc.collect()\ngc.freeze()\ndel gc"
)


class WarmKernel:
    """The long-lived kernel of this worker process."""

    def __init__(self) -> None:
        self.km: AsyncKernelManager | None = None
        self.kc: KernelClient | None = None  # the client nbclient started on the kernel's first run, kept for the next
        self.language_info: dict[str, Any] | None = None  # the kernel's, asked once: a run's notebook records it
        self.cwd = ""
        self.runs = 0

    def manager(self, cwd: str, log_path: Path):
        """A kernel manager with a live, reset kernel whose working directory is ``cwd``."""
        self.ready(cwd, log_path)
        self.runs += 1
        return self.km

    def ready(self, cwd: str, log_path: Path) -> None:
        """Have a live kernel whose working directory is ``cwd``: the one running, or a new one."""
        from jupyter_core.utils import run_sync

        if self.km is not None and (self.cwd != cwd or self.runs >= KERNEL_RUNS or not run_sync(self.km.is_alive)()):
            self.discard()
        attempt = 1
        while self.km is None:
            try:
                self._start(cwd, log_path)
            except RuntimeError as e:
                # jupyter_client picks free ports, closes them and hands them to the kernel: a
                # process starting at the same moment (another worker, --jobs 2) can take one first
                # and the kernel dies binding it ("Address already in use", jupyter_client#154).
                # A new start picks new ports; a kernel that dies for another reason dies again.
                if "died" not in str(e) or attempt >= START_ATTEMPTS:
                    raise
                attempt += 1

    def _start(self, cwd: str, log_path: Path) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        km = AsyncKernelManager(kernel_name=KERNEL_NAME)
        log_path.parent.mkdir(parents=True, exist_ok=True)
        # The kernel outlives every per-run stderr redirection: its own chatter goes to one log.
        with open(log_path, "ab") as log:
            # nbclient gives its kernels an in-memory history; so must a warm one (no shared sqlite file).
            run_sync(km.start_kernel)(
                cwd=cwd, stdout=log, stderr=log, extra_arguments=["--HistoryManager.hist_file=:memory:"]
            )
        self.km, self.cwd, self.runs = km, cwd, 0
        try:
            self._execute(km, _WARM_UP)
        except Exception:
            self.discard()
            raise

    def _execute(self, km: AsyncKernelManager, code: str) -> None:
        from jupyter_core.utils import run_sync

        async def go() -> None:
            kc = km.client()
            kc.start_channels()
            try:
                await kc.wait_for_ready(timeout=60)
                reply = await kc.execute_interactive(code, silent=True, store_history=False, timeout=120)
            finally:
                kc.stop_channels()
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"kernel warm-up failed: {reply['content'].get('evalue', '')}")

        run_sync(go)()

    def discard(self) -> None:
        """Shut the kernel down now (after a failure: the next run gets a fresh one)."""
        from jupyter_core.utils import run_sync

        km, self.km = self.km, None
        kc, self.kc = self.kc, None
        self.language_info = None
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            with contextlib.suppress(Exception):  # already dead: nothing to stop
                run_sync(km.shutdown_kernel)(now=True)


_KERNEL = WarmKernel()


@lru_cache(maxsize=1)
def _register_warm_engine() -> None:
    """papermill engine ``warm``: papermill's nbclient engine on this process's warm kernel."""
    import atexit
    import copy

    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.iorw import write_ipynb

    class WarmClient(PapermillNotebookClient):
        def _kernel_client(self) -> KernelClient:
            """The kernel's client, which ``setup_kernel`` starts (or is given) before any cell runs."""
            if self.kc is None:
                raise RuntimeError("no kernel client: the kernel was not set up")
            return self.kc

        def papermill_execute_cells(self):
            reply = self.wait_for_reply(self._kernel_client().execute(_RESET, silent=True, store_history=False))
            if reply is None or reply["content"]["status"] != "ok":
                raise RuntimeError("the warm kernel could not be reset")
            super().papermill_execute_cells()

        def execute(self, **kwargs):
            # None on a kernel's first run: nbclient starts a client, which then stays with the kernel.
            # Replies and outputs are matched to their request's id, so a reused client cannot
            # mistake one run's messages for another's.
            self.kc = _KERNEL.kc
            try:
                # papermill's ``execute``, except that the kernel's language_info (which the notebook
                # records) is asked once per kernel rather than in one more round trip per run.
                self.reset_execution_trackers()
                with self.setup_kernel(**kwargs):
                    self.papermill_execute_cells()
                    if _KERNEL.language_info is None:
                        reply = self.wait_for_reply(self._kernel_client().kernel_info())
                        _KERNEL.language_info = reply["content"]["language_info"]
                    self.nb.metadata["language_info"] = copy.deepcopy(_KERNEL.language_info)
                    self.set_widgets_metadata()
                return self.nb
            finally:
                _KERNEL.kc, self.kc = self.kc, None

    class WarmEngine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, **kwargs):
            # papermill's engine saves the notebook when it starts, at every cell's start and end and
            # when it ends; papermill saves it once more after the engine returns (or, when a cell
            # raised, with its error marks). Each save serializes and schema-validates the whole
            # notebook; the build reads only the last one. So the engine saves nothing, except when it
            # raises (a timeout, a dead kernel): then papermill will not, and what ran is saved here.
            try:
                return super().execute_notebook(nb, kernel_name, output_path=None, **kwargs)
            except BaseException:
                if output_path:
                    write_ipynb(nb, output_path)
                raise

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):  # fmt: skip
            kwargs.pop("input_path", None)
            return WarmClient(
                nb_man,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                **kwargs,
            ).execute()

    papermill_engines.register("warm", WarmEngine)
    atexit.register(_KERNEL.discard)


def _kernel_log(build_dir: Path) -> Path:
    return build_dir / "logs" / f"kernel-{os.getpid()}.log"


def start_kernel(notebooks_dir: Path, build_dir: Path) -> None:
    """Start this worker's kernel ahead of its first run.

    The build sends this behind the documents it has the workers extract, so
    that the kernels start and import pandas, matplotlib and helpers while the
    build process reads the extraction cache and analyses the corpus, not after.
    A kernel that cannot start is not reported here: the run that needs it
    tries again and says why.
    """
    release_models()
    _register_warm_engine()
    try:
        with _stderr_to(_kernel_log(build_dir)):
            _KERNEL.ready(str(notebooks_dir), _kernel_log(build_dir))
    except Exception:
        _KERNEL.discard()


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

    if not os.environ.get(PROGRESS_ENV):  # on a terminal the build draws a progress bar instead
        print(for_terminal(f"[start] {run.key}"), flush=True)
    started = time.perf_counter()
    source = notebooks_dir / f"{run.spec.name}.ipynb"
    executed = build_dir / "notebooks" / f"{file_stem(run.key)}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    tmp_executed = atomic.temp_path(executed.parent, ".tmp.ipynb")
    failure: NotebookFailed | None = None
    declared = _declared_parameters(str(source))
    parameters = {k: v for k, v in run.parameters.items() if k in declared}
    log_path = build_dir / "logs" / f"{file_stem(run.key)}.log"
    _register_warm_engine()
    nb = None
    try:
        with _stderr_to(log_path):
            km = _KERNEL.manager(str(notebooks_dir), _kernel_log(build_dir))
            nb = papermill.execute_notebook(
                _literal_path(source),
                _literal_path(tmp_executed),
                parameters=parameters,
                cwd=str(notebooks_dir),
                progress_bar=False,
                log_output=False,
                execution_timeout=timeout,
                kernel_name=KERNEL_NAME,
                engine_name="warm",
                km=km,
            )
    except Exception as exc:  # a failing notebook must not stop the build
        failure = notebook_failure(exc, timeout)
        # Whatever the failed run left (a cell still running after a timeout, half-set state) goes with its kernel.
        _KERNEL.discard()
    if tmp_executed.exists():
        os.replace(tmp_executed, executed)
        if nb is None:  # failed: papermill wrote what ran before raising
            nb = nbformat.read(str(executed), as_version=4)
    else:
        nb = nbformat.v4.new_notebook()
        if failure is None:
            failure = NotebookFailed("the notebook produced no output")
    exported = time.perf_counter()
    html_text = to_html(
        cap_outputs(nb),
        title=run.title,
        nav=nav,
        lang=lang,
        failure=str(failure) if failure else None,
        slots=run.chrome,
        root=site_root(run.report),
    )
    atomic.write_text(out_dir / run.report, html_text)
    finished = time.perf_counter()
    return RunResult(
        key=run.key,
        report=run.report,
        status="failed" if failure else "ok",
        seconds=finished - started,
        failure=failure,
        executed=str(executed),
        export_seconds=finished - exported,
    )


def run_notebooks(
    jobs: list[tuple[NotebookRun, list[tuple[str, str]], str]],
    notebooks_dir: Path,
    build_dir: Path,
    out_dir: Path,
    timeout: int = DEFAULT_TIMEOUT,
) -> list[RunResult | Exception]:
    """``(run, nav, lang)`` jobs one after another in this worker's kernel: each one's result, or what it raised.

    The build sends a document's reports as one such batch: they read the same
    rows, which the kernel then parses once (``helpers.notebook`` keeps recently
    read tables), and one job that cannot write its report does not stop the others.
    """
    release_models()  # this worker may have extracted documents: their models are dead weight now
    outcomes: list[RunResult | Exception] = []
    for run, nav, lang in jobs:
        try:
            outcomes.append(run_notebook(run, notebooks_dir, build_dir, out_dir, nav, timeout, lang))
        except Exception as e:  # reported per run by the build, as when the run was sent alone
            outcomes.append(e)
    return outcomes
