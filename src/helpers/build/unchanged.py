"""Has anything changed since the last clean build? Answered from file stats alone.

A build that found nothing wrong records the stats of every file it read and
wrote; the next build compares them before reading anything. Only stdlib is
imported here, so the command line answers a build with nothing to do in a
fraction of a second (the full path imports pandas and the pipeline first).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..exceptions import ConfigurationError
from .confine import read_record
from .options import BuildOptions, OutputLock, log, package_versions

NOOP_RECORD = "unchanged.json"
MAX_RECORD_BYTES = 64 * 1024 * 1024  # a link to /dev/zero or a FIFO planted as the record is no record


def _stats(paths: list[Path], root: Path) -> dict[str, list[int]]:
    """Size, modification time, inode and change time of each file, by path under ``root``."""
    out = {}
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        out[p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)] = [
            st.st_size,
            st.st_mtime_ns,
            st.st_ino,
            st.st_ctime_ns,
        ]
    return out


def _tree_stats(root: Path, skip: frozenset[str] = frozenset()) -> dict[str, list[int]]:
    """:func:`_stats` of every file under ``root`` (folders named in ``skip`` left out), by relative path.

    A built corpus of a thousand documents holds some 12,000 files: scandir's
    entries and plain strings make this several times faster than paths.
    Links to folders are not followed; links to files are, as ``stat`` does.
    """
    out: dict[str, list[int]] = {}

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if e.name not in skip and not e.is_symlink():
                    walk(e.path, f"{prefix}{e.name}/")
                continue
            try:
                st = e.stat()
            except OSError:
                continue
            out[prefix + e.name] = [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]

    walk(str(root), "")
    return out


def input_stats(opts: BuildOptions) -> dict[str, object]:
    """What a build reads, as file stats: the corpus, catalog, ledger, notebooks, this package and tracked versions.

    A file rewritten with the same bytes shows as changed (its times move):
    that only sends the build down the full path, which hashes contents.
    """
    package = Path(__file__).resolve().parents[1]
    extra = [p for p in (opts.catalog, opts.ledger, opts.questions) if p]
    return {
        "options": [str(opts.seeds), str(opts.notebooks), str(opts.catalog or ""), str(opts.ledger or "")]
        + ([str(opts.questions)] if opts.questions else []),
        "seeds": _tree_stats(opts.seeds),
        "notebooks": _tree_stats(opts.notebooks),
        "files": _stats([Path(p).resolve() for p in extra], Path("/")),
        "package": _tree_stats(package, frozenset({"__pycache__"})),
        "packages": package_versions(),
    }


def output_stats(out: Path) -> dict[str, list[int]]:
    """Every file the build wrote (a report deleted or edited by hand sends the next build down the full path)."""
    return _tree_stats(out, frozenset({"logs"}))


def matching_record(opts: BuildOptions) -> dict | None:
    """The last clean build's record if no input or output file has changed since; else None."""
    try:
        record = read_record(opts.out / "_build" / NOOP_RECORD, MAX_RECORD_BYTES)
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("inputs") != json.loads(json.dumps(input_stats(opts))):
        return None
    outputs = output_stats(opts.out)
    outputs.pop(f"_build/{NOOP_RECORD}", None)
    return record if record.get("outputs") == json.loads(json.dumps(outputs)) else None


def nothing_to_do(opts: BuildOptions) -> bool:
    """True when the last build was clean, left no change list to clear, and no file has changed since.

    The caller then exits 0 without importing the build; any other case
    (including a missing or unusable folder) goes to the full build, which
    reports it.
    """
    if opts.force or not (opts.seeds.is_dir() and opts.notebooks.is_dir() and (opts.out / "_build").is_dir()):
        return False
    opts.out, opts.seeds, opts.notebooks = opts.out.resolve(), opts.seeds.resolve(), opts.notebooks.resolve()
    try:
        with OutputLock(opts.out / "_build" / "build.lock"):
            record = matching_record(opts)
            if record is None or not record.get("changes_empty"):
                return False
    except (OSError, ConfigurationError):  # the full build says what is wrong, properly
        return False
    log(f"nothing changed since the last build; reports: {opts.out / 'index.html'}")
    return True
