"""Publishing: the reports of a build as a folder any static host can serve.

The published folder holds the HTML pages and the data files, nothing of the
build's working state (``_build/``), and only relative links: it can be copied
to GitHub Pages, a bucket or a USB stick and opened from anywhere. Publishing
again updates the folder in place: files the new build no longer has are
removed, but only files an earlier publish wrote (listed in its manifest), so
a folder with anything else in it is never emptied by mistake.

Nothing outside the folder is written, removed or published: only regular
files are copied, a link on either side is never followed, and a path the
manifest names is removed only when it is a regular file inside the folder
(``confine``); whatever is left alone is named in ``Published.skipped``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from ..exceptions import ConfigurationError
from .confine import read_record, read_regular, remove_file
from .terminal import for_terminal

MANIFEST = ".published.json"
MAX_SITE_FILE_BYTES = 1024 * 1024 * 1024  # a page or table larger than this is no page: a link to /dev/zero, say
# pages, data files (CSV, Parquet, SQLite), the site search index and the pages' shared style and script
SITE_SUFFIXES = (".html", ".csv", ".parquet", ".db", ".js", ".css")
# A link a static host cannot serve from a copied folder: another scheme, protocol-relative or root-absolute.
_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_NOT_RELATIVE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/)", re.IGNORECASE)


@dataclass
class Published:
    out: Path
    written: list[str]  # files copied because they are new or changed
    unchanged: int
    removed: list[str]
    # What was left alone, each naming why: links in the build folder, manifest entries outside ``out``.
    skipped: list[str] = field(default_factory=list)


def site_files(build_out: Path, skipped: list[str] | None = None) -> list[str]:
    """Every file of a build that belongs on the site, relative to its folder, in a stable order.

    Regular files only, found without following a link: a link planted in the
    build folder (to a secret file, or to a folder elsewhere) is not published;
    it is named in ``skipped``.
    """
    if not _regular(build_out / "index.html"):
        raise ConfigurationError("no index.html here; build the reports first", path=str(build_out))
    files = []

    def skip(rel: Path) -> None:
        if skipped is not None:
            skipped.append(
                f"{for_terminal(rel.as_posix())}: a link or not a regular file in the build folder; not published"
            )

    for folder, dirs, names in os.walk(build_out):  # links to folders are listed in dirs, never entered
        here = Path(folder)
        rel_dir = here.relative_to(build_out)
        for d in dirs:
            if (here / d).is_symlink():
                skip(rel_dir / d)
        dirs[:] = [d for d in dirs if d != "_build" and not (here / d).is_symlink()]
        for name in names:
            if Path(name).suffix in SITE_SUFFIXES:
                if _regular(here / name):
                    files.append((rel_dir / name).as_posix())
                else:
                    skip(rel_dir / name)
    return sorted(files)


def absolute_links(html_text: str) -> list[str]:
    """Links of a page that would break once the folder moves (``#`` fragments and ``data:`` images are fine)."""
    return [u for u in _LINK.findall(html_text) if _NOT_RELATIVE.match(u) and not u.lower().startswith("data:")]


def publish(build_out: Path, out: Path) -> Published:
    """Copy a build's site into ``out``; only new or changed files are written.

    Nothing outside ``out`` is written or removed: ``out`` must be a folder (or
    not exist yet), no folder the site goes into may be a link, and a path the
    manifest names is removed only when it is a regular file inside ``out``.
    """
    build_out, out = Path(build_out), Path(out)
    skipped: list[str] = []
    files = site_files(build_out, skipped)
    for rel in files:
        if rel.endswith(".html"):
            bad = absolute_links(_read(build_out / rel).decode("utf-8", "replace"))
            if bad:
                raise ConfigurationError(
                    f"{rel} links outside the site: {', '.join(sorted(set(bad))[:5])}", path=str(build_out)
                )
    previous = _check_out(out, build_out, files)
    written, unchanged = [], 0
    for rel in files:
        data, dst = _read(build_out / rel), out / rel
        if _regular(dst) and _digest_file(dst) == hashlib.sha256(data).hexdigest():
            unchanged += 1
            continue
        atomic.write_bytes(dst, data)  # replaces whatever is at dst (a link too), never writes through it
        written.append(rel)
    removed = []
    for rel in sorted(set(previous) - set(files)):
        if remove_file(out, rel, source=MANIFEST, warn=skipped.append, keep=set(files)):
            removed.append(rel)
    # GitHub Pages runs Jekyll unless told not to, and Jekyll drops files starting with "_".
    atomic.write_text(out / ".nojekyll", "")
    atomic.write_text(out / MANIFEST, json.dumps({"files": files}, indent=1) + "\n")
    return Published(out, written, unchanged, removed, skipped)


def _check_out(out: Path, build_out: Path, files: list[str]) -> list[str]:
    """The files an earlier publish to ``out`` wrote; raises ConfigurationError when ``out`` cannot be published to.

    ``out`` must be a folder (or not exist yet), empty or written by publish,
    and every folder the site goes into a real folder inside it, not a link
    that would put the files elsewhere.
    """
    if out.exists() and not out.is_dir():
        raise ConfigurationError("is a file, not a folder; choose a new or empty folder to publish to", path=str(out))
    if out.resolve() == build_out.resolve() or out.resolve().is_relative_to(build_out.resolve()):
        raise ConfigurationError("is the build folder or inside it; publish to a folder of its own", path=str(out))
    manifest = out / MANIFEST
    if not out.exists():
        return []
    if not manifest.exists() and not manifest.is_symlink():
        if any(out.iterdir()):
            raise ConfigurationError(
                "folder is not empty and was not written by publish; choose an empty or new folder", path=str(out)
            )
        return []
    for folder in sorted({Path(rel).parent for rel in files} - {Path(".")}):
        for step in [*reversed(folder.parents[:-1]), folder]:
            if (out / step).is_symlink() or ((out / step).exists() and not (out / step).is_dir()):
                raise ConfigurationError(
                    f"{step.as_posix()} is a link or not a folder: the site's files would go elsewhere; remove it",
                    path=str(out),
                )
    try:
        previous = read_record(manifest, MAX_SITE_FILE_BYTES)["files"]
        if not (isinstance(previous, list) and all(isinstance(p, str) for p in previous)):
            raise TypeError("files is not a list of paths")
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ConfigurationError(
            f"the manifest of an earlier publish is unusable ({e}); remove it or publish elsewhere", path=str(manifest)
        ) from None
    return previous


def _regular(path: Path) -> bool:
    """A regular file, not a link to one."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _read(path: Path) -> bytes:
    return read_regular(path, MAX_SITE_FILE_BYTES)


def _digest_file(path: Path) -> str:
    try:
        return hashlib.sha256(_read(path)).hexdigest()
    except OSError:
        return ""
