"""Publishing: the reports of a build as a folder any static host can serve.

The published folder holds the HTML pages and the data files, nothing of the
build's working state (``_build/``), and only relative links: it can be copied
to GitHub Pages, a bucket or a USB stick and opened from anywhere. Publishing
again updates the folder in place: files the new build no longer has are
removed, but only files an earlier publish wrote (listed in its manifest), so
a folder with anything else in it is never emptied by mistake.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import ConfigurationError

MANIFEST = ".published.json"
SITE_SUFFIXES = (".html", ".csv")
# A link a static host cannot serve from a copied folder: another scheme, protocol-relative or root-absolute.
_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_NOT_RELATIVE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/)", re.IGNORECASE)


@dataclass
class Published:
    out: Path
    written: list[str]  # files copied because they are new or changed
    unchanged: int
    removed: list[str]


def site_files(build_out: Path) -> list[str]:
    """Every file of a build that belongs on the site, relative to its folder, in a stable order."""
    if not (build_out / "index.html").is_file():
        raise ConfigurationError("no index.html here; build the reports first", path=str(build_out))
    return sorted(
        p.relative_to(build_out).as_posix()
        for p in build_out.rglob("*")
        if p.is_file() and p.suffix in SITE_SUFFIXES and "_build" not in p.relative_to(build_out).parts
    )


def absolute_links(html_text: str) -> list[str]:
    """Links of a page that would break once the folder moves (``#`` fragments and ``data:`` images are fine)."""
    return [u for u in _LINK.findall(html_text) if _NOT_RELATIVE.match(u) and not u.lower().startswith("data:")]


def publish(build_out: Path, out: Path) -> Published:
    """Copy a build's site into ``out``; only new or changed files are written."""
    build_out, out = Path(build_out), Path(out)
    files = site_files(build_out)
    for rel in files:
        if rel.endswith(".html"):
            bad = absolute_links((build_out / rel).read_text(encoding="utf-8"))
            if bad:
                raise ConfigurationError(f"{rel} links outside the site: {', '.join(sorted(set(bad))[:5])}", path=str(build_out))
    manifest = out / MANIFEST
    if out.exists() and any(out.iterdir()) and not manifest.exists():
        raise ConfigurationError("folder is not empty and was not written by publish; choose an empty or new folder", path=str(out))
    previous = json.loads(manifest.read_text(encoding="utf-8"))["files"] if manifest.exists() else []
    written, unchanged = [], 0
    for rel in files:
        src, dst = build_out / rel, out / rel
        if dst.exists() and _digest(dst) == _digest(src):
            unchanged += 1
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(dst.name + ".tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(dst)
        written.append(rel)
    removed = sorted(set(previous) - set(files))
    for rel in removed:
        (out / rel).unlink(missing_ok=True)
    # GitHub Pages runs Jekyll unless told not to, and Jekyll drops files starting with "_".
    (out / ".nojekyll").write_text("", encoding="utf-8")
    manifest.write_text(json.dumps({"files": files}, indent=1) + "\n", encoding="utf-8")
    return Published(out, written, unchanged, removed)


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()
