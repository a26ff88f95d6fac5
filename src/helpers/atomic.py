"""Atomic file writes: a reader (or a killed build) sees the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes owner-only files; reports and data are meant to be shared like any other file.
_MODE = 0o666 & ~_umask()


def write_bytes(path: str | Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(path: str | Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def is_temp_file(path: str | Path) -> bool:
    """True for the temporary files :func:`write_bytes` (and the notebook runner) write before renaming."""
    name = Path(path).name
    return name.startswith(".") and (name.endswith(".tmp") or name.endswith(".tmp.ipynb"))


def remove_stale_temp_files(folder: str | Path) -> list[Path]:
    """Delete temporary files a killed writer left behind under ``folder``; returns what was removed.

    Only call this while holding the folder's build lock: a live writer's
    temporary file looks the same.
    """
    removed: list[Path] = []
    root = Path(folder)
    if not root.is_dir():
        return removed
    for p in sorted(root.rglob(".*")):
        if p.is_file() and is_temp_file(p):
            try:
                p.unlink()
                removed.append(p)
            except FileNotFoundError:
                pass
    return removed
