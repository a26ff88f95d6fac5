"""The index page: every document, every report, the data files and what they were built from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
import markupsafe
import pandas as pd

from .. import atomic
from .assets import compact_js
from .export import TEMPLATES_DIR
from .markup import visible_controls

# All tables in one SQLite database beside the CSVs (written by helpers.build.datasets).
DATABASE = "corpus.db"


@dataclass(frozen=True)
class ReportEntry:
    """One report of the build as the index lists it."""

    key: str
    label: str  # short label next to a document ("structure", "claims"), or the title of a corpus report
    report: str  # path under the output folder
    doc_ids: tuple[str, ...]
    status: str  # ok, failed, or missing
    error: str = ""


def _visible(value: object) -> object:
    """Every text the template prints, with bidirectional controls shown (markup already made is left alone)."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return visible_controls(value)
    return value


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # document text and error messages are data
        finalize=_visible,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _sha_file(p: Path) -> str:
    with p.open("rb") as f:  # in chunks: an input of any size is hashed in bounded memory
        return hashlib.file_digest(f, "sha256").hexdigest()


def csv_records(path: Path) -> int:
    """The records of a CSV file under its header: a quoted field may hold line breaks, so lines are not records.

    A line break ends a record only outside quotes, and a quoted field's own
    quotes come in pairs (``""``): a line with an odd number of ``"`` opens or
    closes a quoted field. One pass, any field size.
    """
    records, quoted, pending = 0, False, False
    with path.open("rb") as f:
        for line in f:
            pending = True
            if line.count(b'"') % 2:
                quoted = not quoted
            if not quoted and line.endswith(b"\n"):
                records, pending = records + 1, False
    return max(0, records + pending - 1)


def render_index(
    documents: pd.DataFrame,
    reports: list[ReportEntry],
    problems: list[str],
    data_dir: Path,
    inputs: list[tuple[str, Path]],
    packages: dict[str, str],
    changes: pd.DataFrame | None = None,
    title: str = "",
    nav: list[tuple[str, str]] | None = None,
) -> str:
    """``inputs``: the seed files and the ledger, listed with their hashes; ``title``: the catalog's for the corpus;
    ``nav``: the header's links after the index, as every other page has them (default: the reports' titles)."""
    doc_rows = []
    for d in documents.astype(object).where(documents.notna(), "").to_dict("records"):
        own = [
            {"label": r.label, "href": quote(r.report), "status": r.status}
            for r in reports
            if r.doc_ids == (d["doc_id"],)
        ]
        d = dict(d)
        d["title"] = d["title"] or d["catalog_title"]
        d["lang"] = d["lang"] or d["catalog_language"]
        d["reports"] = own
        d["failed_reports"] = any(r["status"] != "ok" for r in own)
        for col in ("sentences", "claims"):
            d[col] = "" if d[col] == "" else int(d[col])
        doc_rows.append(d)
    corpus_reports = [
        {"label": r.label, "href": quote(r.report), "status": r.status, "error": r.error}
        for r in reports
        if len(r.doc_ids) != 1
    ]
    failed_runs = [
        {"key": r.key, "href": quote(r.report), "error": r.error}
        for r in sorted(reports, key=lambda r: r.key)
        if r.status != "ok"
    ]
    data_files = []
    for p in sorted(data_dir.glob("*.csv")):
        parquet = p.with_suffix(".parquet")
        data_files.append(
            {
                "name": p.name,
                "table": p.stem,
                "href": "data/" + quote(p.name),
                "parquet": "data/" + quote(parquet.name) if parquet.is_file() else "",
                "parquet_bytes": parquet.stat().st_size if parquet.is_file() else 0,
                "rows": csv_records(p),
                "bytes": p.stat().st_size,
                "sha256": _sha_file(p),
            }
        )
    database_file = data_dir / DATABASE
    database = None
    if database_file.is_file():
        database = {"href": "data/" + quote(DATABASE), "bytes": database_file.stat().st_size}
    return (
        _env()
        .get_template("index.html.j2")
        .render(
            nav=_nav(reports, nav),
            title=title,
            documents=doc_rows,
            runs=reports,
            n_ok_runs=sum(r.status == "ok" for r in reports),
            n_failed_runs=sum(r.status != "ok" for r in reports),
            corpus_reports=corpus_reports,
            failed_runs=failed_runs,
            problems=problems,
            data_files=data_files,
            database=database,
            inputs=[{"name": name, "sha256": _sha_file(p)} for name, p in inputs],
            packages=sorted(packages.items()),
            changes=[] if changes is None else changes.to_dict("records"),
            changes_counts=[] if changes is None else sorted(changes.groupby(["kind", "change"]).size().items()),
        )
    )


def _nav(reports: list[ReportEntry], links: list[tuple[str, str]] | None = None) -> list[dict[str, str]]:
    """The header's links: ``links`` (label, href) when given, else the corpus-level reports by title (an
    explorer's later pages are linked from its first)."""
    if links is not None:
        return [{"label": label, "href": href} for label, href in links]
    return [{"label": r.label, "href": quote(r.report)} for r in reports if not r.doc_ids and "--p" not in r.key]


def render_search_page(reports: list[ReportEntry], nav: list[tuple[str, str]] | None = None) -> str:
    """``search.html``: the site search, reading ``search-index.js`` beside it (``reports.search``)."""
    search_js = compact_js((TEMPLATES_DIR / "search.js").read_text(encoding="utf-8"))
    return _env().get_template("search.html.j2").render(search_js=search_js, nav=_nav(reports, nav))


def write_index(path: Path, **kwargs) -> None:
    """Write the index unless it is unchanged (keeps its timestamp for incremental tools)."""
    html_text = render_index(**kwargs)
    if not (path.exists() and path.read_text(encoding="utf-8") == html_text):
        atomic.write_text(path, html_text)
