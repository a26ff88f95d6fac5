"""The pipeline, defined once: the tables the build's stages write, and the notebooks that display them.

Extraction (decode, parse, claims) and analysis (findings, alignment,
summaries) run in the build process and write every table in ``TABLES``;
notebooks then only read tables and display them, so all runs are independent.
The notebook list, report labels, navigation and the data dictionary all come
from here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.align import ALIGNMENT, FIDELITY
from ..analysis.compare import FINDINGS
from ..analysis.ledger import LEDGER
from ..analysis.summarize import SUMMARIES
from ..claims.extract import CLAIMS
from ..reports.explorer import PAGER_SLOT, explorer_pages, page_report, pager_html
from ..reports.links import report_href
from ..tables import TableSpec
from ..text.catalog import Catalog
from ..text.corpus import MAX_ID_BYTES
from ..text.frames import BLOCKS, SENTENCES
from .analyze import rendering_pairs_in
from .changes import CHANGES
from .extract import DOCUMENTS

# Every table the build writes into data/, in the order the stages produce them.
TABLES: tuple[TableSpec, ...] = (
    DOCUMENTS, BLOCKS, SENTENCES, CLAIMS, FINDINGS, ALIGNMENT, FIDELITY, SUMMARIES, CHANGES,
)  # fmt: skip
# Inputs documented alongside (not written by the build).
INPUT_TABLES: tuple[TableSpec, ...] = (LEDGER,)


def table_spec(name: str) -> TableSpec:
    for spec in TABLES:
        if spec.name == name:
            return spec
    raise KeyError(f"no table named {name!r}")


@dataclass(frozen=True)
class NotebookSpec:
    name: str  # file stem in notebooks/
    scope: str  # "corpus" | "document" | "pair" | "explorer" (the corpus, one run per page of documents)
    report: str  # report path under the output folder, with {doc_id} / {pair} (doc_a__doc_b, see join_ids)
    title: str
    label: str  # how the index and the navigation name the report
    contents: str  # what the report shows (for reports/README.md)
    needs: tuple[str, ...] = ("documents", "sentences", "claims")  # tables the notebook reads
    # Whether it answers the headline questions (reads the question file: its runs depend on the file's bytes),
    # and also those the build made for a corpus without a file. Those change with the corpus's largest groups:
    # a per-document report that read them would run again for every document whenever a document changes them.
    questions: bool = False
    generated_questions: bool = False


PIPELINE: tuple[NotebookSpec, ...] = (
    NotebookSpec(
        "01_corpus_overview",
        "corpus",
        "corpus.html",
        "Corpus overview",
        "Corpus",
        "the corpus table with catalog facts, sizes, sentences per language, and documents that failed",
    ),
    NotebookSpec(
        "02_document",
        "document",
        "documents/{doc_id}.html",
        "Document {doc_id}",
        "report",
        "everything on one document: its summary and key numbers, what it says on each topic, its claims (the "
        "headline figures, the claims table with speakers and confidence, counts by unit and topic), its catalog "
        "facts, its blocks (chrome, headings, speaker turns, timestamps), sentence counts by language and speaker, "
        "and its full text with every sentence anchored as `#s-N` and every claim highlighted with its permalink "
        "`#c-<claim_id>`",
        needs=("documents", "blocks", "sentences", "claims", "summaries"),
        questions=True,
    ),
    NotebookSpec(
        "04_comparison",
        "corpus",
        "comparison.html",
        "Comparison across sources",
        "Comparison",
        "the headline questions (the corpus's question file, else questions about its largest groups) answered in "
        "plain words: who says each figure, where, and whether the sources and the published figure agree; "
        "a table of every group of comparable figures (a topic for one subject and period, or a subject, measure and "
        "period), sections for topic groups and groups with a conflict or slip with one verdict per figure and a "
        "log-scale chart of values and ranges with reference values, and the ledger",
        needs=("documents", "sentences", "claims", "findings"),
        questions=True,
        generated_questions=True,
    ),
    NotebookSpec(
        "05_alignment",
        "pair",
        "alignment/{pair}.html",
        "Alignment of {doc_a} and {doc_b}",
        "alignment",
        "two renderings of one event side by side, sentence by sentence (linked by multilingual embeddings): "
        "every number that changed, was dropped or added (the fidelity table), sentences only one rendering has, "
        "each side linking to its document report; in a long pair, runs of matched links without a difference are "
        "folded so that the page stays small",
        needs=("documents", "alignment", "fidelity"),
    ),
    NotebookSpec(
        "07_claims_explorer",
        "explorer",
        "explorer.html",
        "Claims explorer",
        "Claims explorer",
        "every claim of the corpus in one table to sort, filter (document, speaker, language, unit, topic, verdict) "
        "and search (claims and their sentences), each linking to its permalink `documents/<id>.html#c-<claim_id>`, "
        "and every finding, searchable; large corpora are split over `explorer-N.html` pages by document",
        needs=("documents", "sentences", "claims", "findings"),
    ),
)


@dataclass(frozen=True)
class NotebookRun:
    """One execution of one notebook with one set of parameters."""

    spec: NotebookSpec
    key: str  # unique, filesystem-safe: e.g. "02_document--000_a86c..."
    report: str  # relative path of the HTML report under the output folder
    title: str
    parameters: dict[str, object] = field(default_factory=dict)
    doc_ids: tuple[str, ...] = ()  # documents this run is about (empty: the whole corpus)
    # A run over part of the corpus (an explorer page): the documents whose rows its data folder holds.
    shows: tuple[str, ...] = ()
    # Markup the export puts into the report's slots (``reports.export.slot``): what the report shows
    # about other runs, which must not make this run execute again when only they change.
    chrome: dict[str, str] = field(default_factory=dict)

    @property
    def needs(self) -> tuple[str, ...]:
        return self.spec.needs


def plan_runs(
    notebooks_dir: Path,
    doc_ids: list[str],
    catalog: Catalog,
    data_dir: Path,
    catalog_path: Path | None,
    ledger_path: Path | None,
    rows_dir: Path | None = None,
    questions_path: Path | None = None,
    questions_generated: bool = False,
) -> list[NotebookRun]:
    """Every notebook run of the build, in a deterministic order.

    Runs of notebooks that answer the headline questions get ``questions_path``
    and the digest of its bytes (not a notebook parameter: it makes an edited
    question file a change of those runs, and of no other); questions the build
    made (``questions_generated``) only go to notebooks that answer those too.

    With ``rows_dir``, a per-document run whose tables all have a ``doc_id``
    column reads them from ``rows_dir/<document>/``, which holds the document's
    own rows only (the build writes it: see ``document_data_dir``). A run
    depends on those rows alone (that is what the lockfile records), and
    reading and copying the whole corpus's tables in every run would make a
    build's cost grow with the square of the number of documents.
    """
    common: dict[str, object] = {
        "data_dir": str(data_dir),
        "catalog_path": str(catalog_path) if catalog_path else "",
        "ledger_path": str(ledger_path) if ledger_path else "",
    }
    asked: dict[str, object] = {}
    if questions_path is not None:
        digest = hashlib.sha256(questions_path.read_bytes()).hexdigest() if questions_path.is_file() else "missing"
        asked = {"questions_path": str(questions_path), "questions_digest": digest}
    runs: list[NotebookRun] = []
    pairs = rendering_pairs_in(catalog, doc_ids)
    for spec in PIPELINE:
        if not (notebooks_dir / f"{spec.name}.ipynb").exists():
            continue
        bindings: list[tuple[dict[str, str], tuple[str, ...]]]
        if spec.scope == "corpus":
            bindings = [({}, ())]
        elif spec.scope == "document":
            bindings = [({"doc_id": d}, (d,)) for d in doc_ids]
        elif spec.scope == "explorer":
            runs += _explorer_runs(spec, explorer_pages(doc_ids), common, rows_dir)
            continue
        else:
            bindings = [({"doc_a": a, "doc_b": b}, (a, b)) for a, b in pairs]
        for binding, docs in bindings:
            answers = spec.questions and (spec.generated_questions or not questions_generated)
            parameters = {**common, **(asked if answers else {}), **binding}
            if rows_dir is not None and spec.scope == "document" and set(spec.needs) <= PER_DOCUMENT_TABLES:
                parameters["data_dir"] = str(document_data_dir(rows_dir, docs[0]))
            fmt = {k: str(v) for k, v in binding.items()}
            if len(docs) > 1:
                fmt["pair"] = file_stem(join_ids(docs, "__"))
            key = "--".join([spec.name, join_ids(docs, "--")]) if len(docs) > 1 else "--".join([spec.name, *docs])
            runs.append(
                NotebookRun(
                    spec=spec,
                    key=key,
                    report=spec.report.format(**fmt),
                    title=spec.title.format(**fmt),
                    parameters=parameters,
                    doc_ids=docs,
                )
            )
    return runs


# Tables with one row set per document (a ``doc_id`` column): the ones a document's own folder can hold.
PER_DOCUMENT_TABLES = frozenset({"documents", "blocks", "sentences", "claims", "summaries"})


def document_data_dir(rows_dir: Path, doc_id: str) -> Path:
    """The folder of one document's own rows of the per-document tables."""
    return rows_dir / file_stem(doc_id)


def _explorer_runs(
    spec: NotebookSpec, pages: list[tuple[str, ...]], common: dict[str, object], rows_dir: Path | None
) -> list[NotebookRun]:
    """One run per explorer page.

    With ``rows_dir`` and more than one page, a page reads its own rows only
    (``page_data_dir``: its documents' rows and the findings involving them),
    so it depends on nothing else and is not executed again when another
    document is added. What it shows about the other pages (its title's
    "page n of N" and the links to every page) is export-time chrome. A corpus
    on one page reads the corpus's tables: every change is its change anyway.
    """
    paged = len(pages) > 1
    runs = []
    for n, docs in enumerate(pages, start=1):
        parameters: dict[str, object] = {**common, "paged": paged}
        shows: tuple[str, ...] = ()
        if paged and rows_dir is not None:
            parameters["data_dir"] = str(page_data_dir(rows_dir, n))
            shows = docs
        runs.append(
            NotebookRun(
                spec=spec,
                key=spec.name if n == 1 else f"{spec.name}--p{n}",
                report=page_report(n),
                title=f"{spec.title} (page {n} of {len(pages)})" if paged else spec.title,
                parameters=parameters,
                shows=shows,
                chrome={PAGER_SLOT: pager_html(n, pages)},
            )
        )
    return runs


PAGES_DIR = "pages"  # beside the documents' row folders, where no document id can take its name


def page_data_dir(rows_dir: Path, page: int) -> Path:
    """The folder of one explorer page's own rows."""
    return rows_dir.with_name(PAGES_DIR) / str(page)


# Longest file name (in UTF-8 bytes, before the extension) the build derives
# from document ids; file systems allow 255 bytes per name.
MAX_STEM_BYTES = MAX_ID_BYTES


def _digest(parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def file_stem(name: str) -> str:
    """``name`` when it fits in ``MAX_STEM_BYTES``; else its start and a hash of all of it (still unique)."""
    data = name.encode("utf-8")
    if len(data) <= MAX_STEM_BYTES:
        return name
    return data[: MAX_STEM_BYTES - 17].decode("utf-8", errors="ignore") + "~" + _digest(name)[:16]


def join_ids(ids: tuple[str, ...], sep: str) -> str:
    """The ids joined by ``sep`` so that different tuples never give the same text.

    Plain ``a__b`` when no id contains the separator or begins or ends with its
    character (then the first separator splits it back); otherwise a hash of
    the tuple is appended, so ("x__y", "z") and ("x", "y__z") differ.
    """
    plain = sep.join(ids)
    mark = sep[0]
    if any(sep in i or i.startswith(mark) or i.endswith(mark) for i in ids):
        return f"{plain}~{_digest(list(ids))[:12]}"
    return plain


def nav_links(report: str, specs: list[NotebookSpec]) -> list[tuple[str, str]]:
    """The navigation bar of a report: the index and every corpus-level report the build has."""
    links = [("Index", report_href(report, "index.html"))]
    seen = set()
    for spec in PIPELINE:
        if spec.scope in ("corpus", "explorer") and spec in specs and spec.name not in seen:
            seen.add(spec.name)
            links.append((spec.label, report_href(report, spec.report)))
    return links
