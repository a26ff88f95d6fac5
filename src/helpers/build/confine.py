"""The one rule for paths the build reads from its own records: resolved, they must stay inside their folder.

A manifest, lockfile or cache lives in a folder anyone who can write it may
have changed (a CI cache, a shared drive, an unpacked archive): a path read
from one is a request, never an instruction. Before such a path is removed,
copied or read, it is resolved (``..`` and symbolic links followed) and must
lie strictly inside the folder it belongs to; any other path is left alone
and named in a warning. Files are removed only when they are regular files,
never through a link and never one the caller still keeps.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from ..exceptions import HelpersError
from ..text import safeload

Warn = Callable[[str], None]


class OutsideFolder(HelpersError):
    """A path read from ``source`` (a manifest, lockfile or cache) leads outside ``folder``: it is left alone."""

    def __init__(self, path: str, folder: str, source: str) -> None:
        self.path = path
        self.folder = folder
        self.source = source
        super().__init__(f"{source}: {path!r} leads outside {folder}; left alone")


def confined(folder: str | Path, path: str | Path, *, source: str) -> Path:
    """The entry of ``folder`` that ``path`` (relative to ``folder``, or absolute) names; its last part is not followed.

    The way there is resolved (``..`` and links, then ``is_relative_to``) and
    must stay inside ``folder``; the entry itself may be a link, which callers
    remove as a link or refuse, never follow. Raises :class:`OutsideFolder`
    otherwise (also for an empty path, the folder itself, and a path that is not text).
    """
    root = Path(folder).resolve()
    if not isinstance(path, (str, Path)) or not str(path) or "\0" in str(path):
        raise OutsideFolder(repr(path) if not isinstance(path, (str, Path)) else str(path), str(root), source)
    named = root / path
    parent = named.parent.resolve()
    if named.name in ("", ".", "..") or not (parent == root or parent.is_relative_to(root)):
        raise OutsideFolder(str(path), str(root), source)
    return parent / named.name


def remove_file(folder: Path, path: str | Path, *, source: str, warn: Warn, keep: Collection[str] = ()) -> bool:
    """Delete the regular file ``path`` names inside ``folder``; True if it was there and is gone.

    ``keep`` holds paths relative to ``folder`` (POSIX form) that must stay: a
    record naming one of them in another spelling (``a/../index.html``) does
    not delete it. A path outside the folder, or naming a folder, a device or a
    link, is left alone and named through ``warn``.
    """
    try:
        target = confined(folder, path, source=source)
    except OutsideFolder as e:
        warn(str(e))
        return False
    if target.relative_to(Path(folder).resolve()).as_posix() in keep:
        return False
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(mode):
        warn(f"{source}: {str(path)!r} is not a regular file; left alone")
        return False
    target.unlink(missing_ok=True)
    return True


def remove_tree(folder: Path, path: str | Path, *, source: str, warn: Warn) -> bool:
    """Delete the folder ``path`` names inside ``folder`` with everything in it; True if it was there.

    A link is removed as a link, never followed (nor is any link within the
    folder: ``shutil.rmtree`` removes links); a path outside ``folder`` is
    left alone and named through ``warn``.
    """
    try:
        target = confined(folder, path, source=source)
    except OutsideFolder as e:
        warn(str(e))
        return False
    if target.is_symlink():
        target.unlink()
        return True
    if not target.is_dir():
        return False
    shutil.rmtree(target, ignore_errors=True)
    return True


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` when it is a regular file (not a link, FIFO or device) of at most ``limit`` bytes.

    ``safeload.read_regular`` without following links; anything else raises OSError, so callers that
    treat an unreadable record as missing need no new case.
    """
    try:
        return safeload.read_regular(path, limit, follow_links=False)
    except safeload.Unreadable as e:
        raise OSError(f"{path}: {e}") from None


def read_record(path: Path, limit: int) -> Any:
    """The JSON value of one of the build's own records, read by ``read_regular`` and bounded in nesting.

    Raises OSError for a record that cannot be read or parsed, as for a missing one.
    """
    try:
        return safeload.load_json(read_regular(path, limit))
    except safeload.Unreadable as e:
        raise OSError(f"{path}: {e}") from None


def unsafe_entries(folder: Path, limit: int = 5) -> list[str]:
    """Entries under ``folder`` the build never makes and must not write through or read: links leading
    outside it (to another folder, a secret, ``/dev/zero``) and special files (FIFOs, devices, sockets).

    Paths relative to ``folder``, the first ``limit`` in name order; links are not followed.
    """
    root = Path(folder).resolve()
    found: list[str] = []

    def walk(here: str, prefix: str) -> None:
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            if len(found) >= limit:
                return
            if e.is_symlink():
                target = Path(e.path).resolve()
                if not (target == root or target.is_relative_to(root)):
                    found.append(prefix + e.name)
            elif e.is_dir(follow_symlinks=False):
                walk(e.path, f"{prefix}{e.name}/")
            elif not e.is_file(follow_symlinks=False):
                found.append(prefix + e.name)

    walk(str(root), "")
    return found
