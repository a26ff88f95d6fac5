"""The lockfile (``_build/lock.json``): what each notebook run of the last build depended on and wrote.

It lives in the output folder, which a CI cache, a shared drive or an
unpacked archive may have filled: every path in it is confined to the folder
it belongs to (``confine``) before the build reads or removes a file it names,
and an entry of the wrong shape is dropped like a damaged lockfile.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable
from pathlib import Path

from .confine import OutsideFolder, confined, read_record, remove_file
from .options import log

LOCKFILE = "lock.json"
MAX_LOCKFILE_BYTES = 256 * 1024 * 1024  # some 200,000 runs; a link to /dev/zero or a FIFO is no lockfile
EXECUTED_DIR = ("_build", "notebooks")  # where executed notebooks are, under the output folder


def read_lock(build_dir: Path) -> dict[str, dict]:
    """The runs the last build recorded, by key; empty when there is no usable lockfile (a full rebuild)."""
    try:
        runs = read_record(build_dir / LOCKFILE, MAX_LOCKFILE_BYTES).get("runs", {})
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(runs, dict):
        return {}
    return {str(k): v for k, v in runs.items() if isinstance(v, dict)}


def executed_notebook(out: Path, entry: dict) -> Path | None:
    """The executed notebook a lock entry names, when there is one inside ``_build/notebooks/``; else None."""
    executed = entry.get("executed")
    if not executed or not isinstance(executed, str):
        return None
    try:
        path = confined(out.joinpath(*EXECUTED_DIR), executed, source=f"_build/{LOCKFILE}")
        return path if stat.S_ISREG(path.lstat().st_mode) else None  # never what a link points to
    except OutsideFolder as e:
        log(f"[warning] {e}")
    except OSError:
        pass
    return None


def remove_outputs(out: Path, entries: Iterable[dict], keep: set[str]) -> None:
    """Delete the reports and executed notebooks of runs the build no longer makes (a removed document,
    a notebook taken out of the pipeline): left behind, the index would not list them but ``publish``
    would still put them on the site. Reports in ``keep`` stay, however an entry spells them."""
    source = f"_build/{LOCKFILE}"

    def warn(message: str) -> None:
        log(f"[warning] {message}")

    for entry in entries:
        report = entry.get("report")
        if report:
            remove_file(out, str(report), source=source, warn=warn, keep=keep)
        executed = entry.get("executed")
        if executed:
            remove_file(out.joinpath(*EXECUTED_DIR), str(executed), source=source, warn=warn)
