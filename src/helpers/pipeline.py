"""The notebook DAG: which notebooks run, for what, reading and writing which data files.

Extraction (decode, parse, claims) runs first in the build process and writes
the tidy tables every notebook reads; notebooks are then independent runs,
ordered only by the data files they need and produce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .catalog import Catalog, rendering_pairs

EXTRACTED = ("documents.csv", "blocks.csv", "sentences.csv", "claims.csv")


@dataclass(frozen=True)
class NotebookSpec:
    name: str  # file stem in notebooks/
    scope: str  # "corpus" | "document" | "pair"
    report: str  # report path under the output folder, with {doc_id} / {doc_a} / {doc_b}
    title: str
    needs: tuple[str, ...] = EXTRACTED
    produces: tuple[str, ...] = ()  # data files written into data/, with placeholders


PIPELINE: tuple[NotebookSpec, ...] = (
    NotebookSpec("01_corpus_overview", "corpus", "corpus.html", "Corpus overview"),
    NotebookSpec("02_document", "document", "documents/{doc_id}.html", "Document {doc_id}"),
    NotebookSpec("03_claims", "document", "claims/{doc_id}.html", "Claims in {doc_id}"),
    NotebookSpec(
        "04_comparison", "corpus", "comparison.html", "Comparison across sources", produces=("findings.csv",)
    ),
    NotebookSpec(
        "05_alignment",
        "pair",
        "alignment/{doc_a}__{doc_b}.html",
        "Alignment of {doc_a} and {doc_b}",
        produces=("alignment_{doc_a}__{doc_b}.csv",),
    ),
    NotebookSpec("06_summary", "document", "summaries/{doc_id}.html", "Summary of {doc_id}"),
)


@dataclass(frozen=True)
class NotebookRun:
    """One execution of one notebook with one set of parameters."""

    spec: NotebookSpec
    key: str  # unique, filesystem-safe: e.g. "02_document--000_a86c..."
    report: str  # relative path of the HTML report under the output folder
    title: str
    parameters: dict[str, object] = field(default_factory=dict)
    needs: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()  # documents this run is about (empty: the whole corpus)


def plan_runs(
    notebooks_dir: Path,
    doc_ids: list[str],
    catalog: Catalog,
    data_dir: Path,
    catalog_path: Path | None,
    ledger_path: Path | None,
) -> list[NotebookRun]:
    """Every notebook run of the build, in a deterministic order."""
    common: dict[str, object] = {
        "data_dir": str(data_dir),
        "catalog_path": str(catalog_path) if catalog_path else "",
        "ledger_path": str(ledger_path) if ledger_path else "",
    }
    runs: list[NotebookRun] = []
    pairs = [(a, b) for a, b in rendering_pairs(catalog) if a in doc_ids and b in doc_ids]
    for spec in PIPELINE:
        if not (notebooks_dir / f"{spec.name}.ipynb").exists():
            continue
        if spec.scope == "corpus":
            bindings = [({}, ())]
        elif spec.scope == "document":
            bindings = [({"doc_id": d}, (d,)) for d in doc_ids]
        else:
            bindings = [({"doc_a": a, "doc_b": b}, (a, b)) for a, b in pairs]
        for binding, docs in bindings:
            fmt = {k: str(v) for k, v in binding.items()}
            params = dict(common)
            params.update(binding)
            produces = tuple(p.format(**fmt) for p in spec.produces)
            if spec.scope == "pair":
                params["output_name"] = produces[0]
            key = "--".join([spec.name, *docs])
            runs.append(
                NotebookRun(
                    spec=spec,
                    key=key,
                    report=spec.report.format(**fmt),
                    title=spec.title.format(**fmt),
                    parameters=params,
                    needs=spec.needs,
                    produces=produces,
                    doc_ids=docs,
                )
            )
    return runs


def href(from_report: str, to_report: str) -> str:
    """Relative, URL-quoted link from one report to another (both relative to the output folder)."""
    depth = from_report.count("/")
    return "../" * depth + quote(to_report)


def nav_links(report: str, has_comparison: bool) -> list[tuple[str, str]]:
    links = [("Index", href(report, "index.html")), ("Corpus", href(report, "corpus.html"))]
    if has_comparison:
        links.append(("Comparison", href(report, "comparison.html")))
    return links
