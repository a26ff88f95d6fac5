"""The index page: every document, every report, the data files and what they were built from."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import jinja2
import pandas as pd

from . import atomic
from .export import TEMPLATES_DIR, report_css

if TYPE_CHECKING:
    from .build import BuildOptions
    from .execute import RunResult
    from .pipeline import NotebookRun

_LABELS = {"02_document": "structure", "03_claims": "claims", "06_summary": "summary"}


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # document text and error messages are data
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _sha_file(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def render_index(
    opts: "BuildOptions",
    documents: pd.DataFrame,
    runs: list["NotebookRun"],
    results: list["RunResult"],
    problems: list[str],
    data_dir: Path,
    changes: pd.DataFrame | None = None,
) -> str:
    from .build import package_versions

    by_key = {r.key: r for r in results}
    doc_rows = []
    for d in documents.fillna("").to_dict("records"):
        reports = []
        for run in runs:
            if run.doc_ids == (d["doc_id"],):
                res = by_key.get(run.key)
                reports.append(
                    {
                        "label": _LABELS.get(run.spec.name, run.spec.name),
                        "href": quote(run.report),
                        "status": res.status if res else "missing",
                    }
                )
        d = dict(d)
        d["title"] = d["title"] or d["catalog_title"]
        d["lang"] = d["lang"] or d["catalog_language"]
        d["reports"] = reports
        d["failed_reports"] = any(r["status"] != "ok" for r in reports)
        for col in ("sentences", "claims"):
            d[col] = "" if d[col] == "" else int(d[col])
        doc_rows.append(d)
    corpus_reports = []
    for run in runs:
        if len(run.doc_ids) != 1:
            res = by_key.get(run.key)
            corpus_reports.append(
                {
                    "label": run.title,
                    "href": quote(run.report),
                    "status": res.status if res else "missing",
                    "error": res.error if res else "",
                }
            )
    failed_runs = [
        {"key": r.key, "href": quote(r.report), "error": r.error} for r in results if r.status != "ok"
    ]
    data_files = []
    for p in sorted(data_dir.glob("*.csv")):
        rows = max(0, p.read_bytes().count(b"\n") - 1)
        data_files.append(
            {"name": p.name, "href": "data/" + quote(p.name), "rows": rows, "bytes": p.stat().st_size, "sha256": _sha_file(p)}
        )
    inputs = []
    for p in sorted(opts.seeds.iterdir()):
        if p.is_file() and not p.name.startswith("."):
            inputs.append({"name": f"seeds/{p.name}", "sha256": _sha_file(p)})
    if opts.ledger and opts.ledger.exists():
        inputs.append({"name": f"ledger: {opts.ledger.name}", "sha256": _sha_file(opts.ledger)})
    return _env().get_template("index.html.j2").render(
        css=report_css(),
        documents=doc_rows,
        runs=runs,
        n_ok_runs=sum(r.status == "ok" for r in results),
        n_failed_runs=sum(r.status != "ok" for r in results),
        corpus_reports=corpus_reports,
        failed_runs=failed_runs,
        problems=problems,
        data_files=data_files,
        inputs=inputs,
        packages=sorted(package_versions().items()),
        changes=[] if changes is None else changes.to_dict("records"),
        changes_counts=[] if changes is None else sorted(changes.groupby(["kind", "change"]).size().items()),
    )


def write_index(opts, documents, runs, results, problems, data_dir, changes=None) -> None:
    html_text = render_index(opts, documents, runs, results, problems, data_dir, changes)
    path = opts.out / "index.html"
    if not (path.exists() and path.read_text(encoding="utf-8") == html_text):
        atomic.write_text(path, html_text)
