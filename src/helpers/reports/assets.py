"""The site's shared stylesheet and script: one copy each under ``assets/``, linked from every page.

Every page links ``assets/site.css`` and ``assets/site.js`` relative to itself
(``../assets/site.css`` from ``documents/``), so a page opened from disk
(``file://``) and a published one load the same two files, and a page carries
only its own content. The build writes the files beside the index; publish
copies them with the pages.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import atomic
from .export import TEMPLATES_DIR

ASSETS = "assets"
CSS = f"{ASSETS}/site.css"
JS = f"{ASSETS}/site.js"


@lru_cache(maxsize=1)
def report_css() -> str:
    """The theme, without its comments and indentation (``compact_css``)."""
    return compact_css((TEMPLATES_DIR / "report.css").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def report_js() -> str:
    """Tables (sort, filter, search, columns, state), site search box, theme, contents and permalinks,
    without its comment lines and indentation (``compact_js``)."""
    return compact_js((TEMPLATES_DIR / "report.js").read_text(encoding="utf-8"))


def compact_css(text: str) -> str:
    """CSS without ``/* comments */``, indentation or blank lines (the stylesheet has no "/*" in a string)."""
    out, pos = [], 0
    while (start := text.find("/*", pos)) >= 0:
        out.append(text[pos:start])
        end = text.find("*/", start + 2)
        pos = len(text) if end < 0 else end + 2
    out.append(text[pos:])
    return "\n".join(line.strip() for line in "".join(out).splitlines() if line.strip())


def compact_js(text: str) -> str:
    """JavaScript without whole-line comments, indentation or blank lines; every other line kept as written.

    Only lines that are nothing but a comment go (``// …``, or ``/* … */`` blocks
    that start a line), so no string or regular expression is ever touched; line
    breaks stay, so automatic semicolons are where they were.
    """
    kept, in_block = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if in_block:
            in_block = "*/" not in line
            continue
        if line.startswith("/*"):
            in_block = "*/" not in line
            continue
        if line and not line.startswith("//"):
            kept.append(line)
    return "\n".join(kept)


def site_assets() -> dict[str, str]:
    """The shared files by path under the output folder."""
    return {CSS: report_css() + "\n", JS: report_js() + "\n"}


def write_site_assets(out: Path) -> None:
    """Write the shared files into the output folder, each only when changed (keeps its timestamp)."""
    for rel, text in site_assets().items():
        path = out / rel
        if not (path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == text):
            atomic.write_text(path, text)
