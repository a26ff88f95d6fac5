"""Executed notebook -> single-file, offline, byte-reproducible HTML report."""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing nbformat costs ~1 s (jsonschema format checks); a no-op build never needs it
    import nbformat

TEMPLATES_DIR = Path(str(resources.files("helpers.reports") / "templates"))
# Only ids the template generated; a uuid inside document text is data and stays.
_UUID = re.compile(r"(?<=id=\")[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\")")


# A cell with this tag runs (and nbval still checks it) but is left out of the report:
# the checked cells print plain text for a stable comparison, not for readers.
HIDE_TAG = "report-hide"


@lru_cache(maxsize=1)
def report_css() -> str:
    return (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def report_js() -> str:
    """Table sorting, filtering and search, and claim permalinks; inlined into every page."""
    return (TEMPLATES_DIR / "report.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        template_name="offline",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs between two runs of the same inputs (timings, kernel details)."""
    nb = copy.deepcopy(nb)
    # With code hidden, a cell without output is only blank space in the report.
    nb.cells = [
        c for c in nb.cells
        if (c.cell_type != "code" or c.get("outputs")) and HIDE_TAG not in c.get("metadata", {}).get("tags", [])
    ]
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("language_info", None)
    for i, cell in enumerate(nb.cells):
        # papermill's injected-parameters cell gets a random id on every run.
        if "id" in cell:
            cell.id = f"cell-{i}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            cell.execution_count = None
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = None
                out.get("metadata", {}).pop("execution", None)
    return nb


def failure_banner(message: str) -> nbformat.NotebookNode:
    """A markdown cell placed first in a failed report; the message is escaped."""
    import html

    import nbformat

    body = html.escape(message)
    return nbformat.v4.new_markdown_cell(
        f'<div class="error-box"><strong>This report did not build completely.</strong>\n{body}</div>'
    )


def to_html(
    nb: nbformat.NotebookNode,
    *,
    title: str,
    nav: list[tuple[str, str]],
    lang: str = "en",
    failure: str | None = None,
) -> str:
    nb = clean_notebook(nb)
    nb.metadata["title"] = title
    if failure:
        nb.cells.insert(0, failure_banner(failure))
    body, _ = _exporter().from_notebook_node(
        nb,
        resources={"report_nav": nav, "report_css": report_css(), "report_js": report_js(), "language_code": lang},
    )
    return _stable_ids(body)


def _stable_ids(html_text: str) -> str:
    """nbconvert's lab template gives some outputs random uuid4 ids: number them instead."""
    seen: dict[str, str] = {}

    def repl(m: re.Match[str]) -> str:
        return seen.setdefault(m.group(0), f"output-{len(seen) + 1}")

    return _UUID.sub(repl, html_text)
