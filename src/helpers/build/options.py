"""What a build is asked to do, and the few things even a build that finds nothing to do needs.

Kept free of pandas and of the pipeline's modules, so that ``python -m helpers
build`` on an unchanged folder answers before those are imported (see
``unchanged``).
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO

from ..exceptions import ConfigurationError
from .terminal import for_terminal

# Workers must start the kernel of this environment, not a python3 kernelspec in ~/.local.
os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")

DEFAULT_TIMEOUT = 600  # seconds per cell
REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SEEDS = REPO_ROOT / "seeds"
DEFAULT_OUT = REPO_ROOT / "reports"
DEFAULT_NOTEBOOKS = REPO_ROOT / "notebooks"
DEFAULT_LEDGER = REPO_ROOT / "references" / "reference_facts.csv"
# Versions recorded in the lockfile and the index: a change re-runs every notebook.
TRACKED_PACKAGES = (
    "helpers", "papermill", "nbconvert", "nbformat", "ipykernel", "pandas", "numpy", "matplotlib",
    "sudachipy", "sudachidict-core", "pysbd", "lingua-language-detector", "text2num", "jinja2",
)  # fmt: skip


@dataclass
class BuildOptions:
    seeds: Path = DEFAULT_SEEDS
    out: Path = DEFAULT_OUT
    notebooks: Path = DEFAULT_NOTEBOOKS
    ledger: Path | None = DEFAULT_LEDGER
    catalog: Path | None = None  # default: <seeds>/catalog.yaml
    questions: Path | None = None  # default: <seeds>/questions.yaml, else questions made from the corpus
    jobs: int = 0  # 0: one per core
    force: bool = False
    timeout: int = DEFAULT_TIMEOUT
    scheduler: str | None = None  # None/"local", "local-cluster" or "tcp://HOST:PORT"


def log(message: str) -> None:
    """Print one line of the build's log (names and document text in it cannot drive the terminal)."""
    print(for_terminal(message), flush=True)


def warn(message: str) -> None:
    """Log a warning: a path the build leaves alone, a file it could not remove."""
    log(f"[warning] {message}")


class OutputLock:
    """One build per output folder: a second build waits, and says so."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[str] | None = None

    def __enter__(self) -> OutputLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a+")
        except OSError as e:
            raise ConfigurationError(
                f"cannot write to the output folder: {e.strerror}", path=str(self.path.parent.parent)
            ) from None
        try:
            fcntl.flock(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"another build is writing to {self.path.parent.parent}; waiting for it to finish")
            fcntl.flock(self._fh, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._fh is not None
        fcntl.flock(self._fh, fcntl.LOCK_UN)
        self._fh.close()


def package_versions() -> dict[str, str]:
    out = {}
    for name in TRACKED_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out
