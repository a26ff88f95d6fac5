"""Shared fixtures: real builds of the corpus into temporary folders (built once per session)."""

from __future__ import annotations

import math
import re
import shutil
import time
from pathlib import Path

import pytest

# Imported (and a hypothesis profile loaded) before any test module makes its @settings, which
# inherit from the profile loaded then.
import hypothesis_profiles  # noqa: F401
from browsing import browser  # noqa: F401 (Chromium for the browser tests, one per module)
from helpers.build import BuildOptions, BuildResult, build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

NASTY_TEXT = """<script>window.__pwned = 1; alert('x')</script> 悪意のある文書のタイトル

<img src=x onerror="window.__pwned = 2"> この行には1000億ドルという数字があります。
</table></textarea> {{ 7*7 }} {% if true %}テンプレート{% endif %} 35万個のGPU。
<a href="javascript:window.__pwned=3">クリック</a> は文字列として表示されるべきです。
"""


# Test files that use a corpus built once per session (the fixtures below).
SESSION_BUILD_FILES = frozenset(
    p.name
    for p in Path(__file__).parent.glob("test_*.py")
    if re.search(r"\b(seed_build|nasty_build)\b", p.read_text("utf-8"))
)
# Test files that read the seeds' tables as a notebook run by hand does (``helpers.notebook.setup()``): it
# extracts, compares and aligns the seeds (embedding two of them, about 20 CPU-s) once per process.
SEED_TABLES_FILES = frozenset(
    p.name for p in Path(__file__).parent.glob("test_*.py") if re.search(r"\bsetup\(\)", p.read_text("utf-8"))
) - SESSION_BUILD_FILES


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist (``make test`` runs ``-n 2``), what runs on one worker.

    A file's tests, as ``--dist loadfile`` does: its module fixtures are made once,
    and a notebook's cells stay together and in order (nbval runs them in one
    kernel). And all the files that use the session's builds, so each corpus is
    built once, not once per worker; likewise the files that read the seeds'
    tables through ``setup()``, whose result each process computes once.
    (``--dist loadgroup`` would say this with marks, but it ignores them under pytest 9.)
    """
    from xdist.scheduler import LoadScopeScheduling

    class FilesAndSessionBuilds(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            name = Path(file).name
            if name in SESSION_BUILD_FILES:
                return "session builds"
            return "seed tables" if name in SEED_TABLES_FILES else file

    return FilesAndSessionBuilds(config, log)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> tuple[Path, BuildResult]:
    """The seed corpus built into a fresh folder, as `make reports` would."""
    out = tmp_path_factory.mktemp("reports")
    result = build(BuildOptions(out=out, jobs=2))
    return out, result


@pytest.fixture(scope="session")
def nasty_build(tmp_path_factory) -> tuple[Path, BuildResult]:
    """A small corpus with a document full of markup and template syntax next to a good one."""
    seeds = tmp_path_factory.mktemp("nasty_seeds")
    shutil.copy(SEEDS / "002_eb63065994b04cab.txt", seeds)
    (seeds / "evil.txt").write_text(NASTY_TEXT, encoding="utf-8")
    out = tmp_path_factory.mktemp("nasty_reports")
    result = build(BuildOptions(seeds=seeds, out=out, jobs=2))
    return out, result


def least_cpu_seconds(work, repeat: int) -> tuple[float, object]:
    """The least CPU time of ``repeat`` runs of ``work`` and its result.

    For tests that measure growth at two sizes: CPU time, not wall time, and the
    least of a few runs, so other processes on a loaded machine count as little as possible.
    """
    best = math.inf
    for _ in range(repeat):
        started = time.process_time()
        result = work()
        best = min(best, time.process_time() - started)
    return best, result


def write_data_folder(folder: Path, **tables) -> Path:
    """A build's data folder holding the given tables (a documents row for every doc_id they mention).

    Columns a table leaves out are filled with empty values of their type, through
    the table's spec, so a test states only what it is about.
    """
    import pandas as pd

    from helpers.build.pipeline import table_spec
    from helpers.tables import to_csv_bytes

    folder.mkdir(parents=True, exist_ok=True)
    doc_ids = sorted({d for df in tables.values() if "doc_id" in df.columns for d in df["doc_id"]})
    tables.setdefault("documents", pd.DataFrame({"doc_id": doc_ids, "status": "ok", "lang": "ja"}))
    for name, df in tables.items():
        spec = table_spec(name)
        full = df.copy()
        for col in spec.columns:
            if col.name not in full.columns:
                full[col.name] = {"int": 0, "float": float("nan"), "bool": False}.get(col.kind, "")
        (folder / f"{name}.csv").write_bytes(to_csv_bytes(spec.coerce(full[spec.names])))
    return folder


@pytest.fixture()
def data_folder(tmp_path):
    return lambda **tables: write_data_folder(tmp_path / "data", **tables)
