"""Atomic file writes: a reader (or a killed build) sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path

from .exceptions import OutputError

# Every temporary file the build writes is named ``.helpers-tmp-<random>.tmp``
# (``.tmp.ipynb`` for executed notebooks). The cleanup after an interrupted
# build removes exactly these, never a user's own ``.something.tmp``. The
# name is short and fixed in length, so a long target name cannot push it
# past the file-name limit.
TEMP_PREFIX = ".helpers-tmp-"
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[0-9a-f]{16}\.tmp(?:\.ipynb)?")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Owner-only files would be a surprise: reports and data are meant to be shared like any other file.
FILE_MODE = 0o666 & ~_umask()


def temp_path(folder: str | Path, suffix: str = ".tmp") -> Path:
    """A fresh temporary path in ``folder`` that :func:`remove_stale_temp_files` recognises."""
    return Path(folder) / f"{TEMP_PREFIX}{secrets.token_hex(8)}{suffix}"


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Raises :class:`OutputError` naming ``path`` when it cannot be written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            tmp = temp_path(path.parent)
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
                break
            except FileExistsError:
                continue
    except OSError as e:
        raise OutputError(str(path), e.strerror or str(e)) from None
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise OutputError(str(path), e.strerror or str(e)) from None
        raise


def write_text(path: str | Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def is_temp_file(path: str | Path) -> bool:
    """True for the temporary files :func:`write_bytes` (and the notebook runner) write before renaming."""
    return _TEMP_NAME.fullmatch(Path(path).name) is not None


def remove_stale_temp_files(folder: str | Path) -> list[Path]:
    """Delete temporary files a killed writer left behind under ``folder``; returns what was removed.

    Only call this while holding the folder's build lock: a live writer's
    temporary file looks the same.
    """
    removed: list[Path] = []
    root = Path(folder)
    if not root.is_dir():
        return removed
    for p in sorted(root.rglob(TEMP_PREFIX + "*")):
        if is_temp_file(p) and p.is_file() and not p.is_symlink():
            try:
                p.unlink()
                removed.append(p)
            except FileNotFoundError:
                pass
    return removed
