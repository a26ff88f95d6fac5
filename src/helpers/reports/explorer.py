"""The claims explorer: every claim of the corpus in one sortable, filterable, searchable table.

Each row links to the claim's permalink (``documents/<doc>.html#c-<claim_id>``),
which scrolls to and highlights its sentence. Large corpora are split over
several pages by document (``explorer_pages``), so that no page grows beyond
a few megabytes; pages end where document ids say, so that adding a document
changes its own page only. Each page says which documents it holds and links
the others.
The links to the others (``pager_html``) are not part of a page's execution:
the notebook leaves ``PAGER_SLOT`` where they go and the build's export fills
it, so a page whose own documents did not change is only exported again when
another page opens or changes its range, never executed again.

For the same reason a page shows only the findings about its own figures
(``figure_findings``): a group's summary row names every document of the group
and changes whenever one joins, and the corpus-wide ``finding_id``/``group_id``
are renumbered whenever a finding is inserted before them. The comparison
report sums up each group and is executed again on every change anyway.
"""

from __future__ import annotations

import hashlib
import math

import pandas as pd

from ..analysis.attribution import said_by
from ..format import value as format_value
from .charts import VERDICT_ORDER
from .links import claim_href, sentence_href
from .markup import esc, speaker_html
from .render import table

DOCS_PER_PAGE = 50  # at most: at the seeds' ~70 claims per document, ~3,500 rows or ~2 MB a page
CUT_ONE_IN = 32  # a page ends after about one document id in this many: ~25 documents a page on average
SENTENCE_CHARS = 240  # the sentence column is for searching and reading at a glance; the link has the rest
COLUMNS = (
    "claim",
    "surface",
    "value",
    "speaker",
    "verdict",
    "sentence",
    "document",
    "event_date",
    "attribution",
    "lang",
    "unit",
    "topic",
    "measure",
)
# Shown at first: the claim, its figure as written and normalized, who says it, its verdict and its
# sentence; the column chooser shows the rest, whose filters work either way.
DEFAULT_COLUMNS = ("claim", "surface", "value", "speaker", "verdict", "sentence")
FILTERS = ("document", "speaker", "attribution", "lang", "unit", "topic", "verdict")
HIDDEN = ("_claim_id", "_sentence_id", "_speaker", "_confidence", "_number")


# Where a page's links to the other pages go (an HTML comment: invisible when a page is run on its own).
PAGER_SLOT = "explorer-pager"


def ends_page(doc_id: str, one_in: int | None = None) -> bool:
    """Whether a page ends after this document, whatever the other documents are (about one id in ``CUT_ONE_IN``)."""
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % (one_in or CUT_ONE_IN) == 0


def explorer_pages(doc_ids: list[str], per_page: int | None = None, one_in: int | None = None) -> list[tuple[str, ...]]:
    """The documents of each explorer page, in document-id order, at most ``per_page`` (``DOCS_PER_PAGE``) a page.

    A page ends after a document whose id says so (:func:`ends_page`), or when
    it is full. Pages of a fixed size shifted every later page by one when a
    document was added or removed in the middle, and each of those pages ran
    again; here a document joins or leaves its own page only, unless it ends a
    page itself or its page is full.
    """
    per_page = per_page or DOCS_PER_PAGE
    pages: list[tuple[str, ...]] = []
    page: list[str] = []
    for doc_id in sorted(doc_ids):
        page.append(doc_id)
        if len(page) >= per_page or ends_page(doc_id, one_in):
            pages.append(tuple(page))
            page = []
    if page:
        pages.append(tuple(page))
    return pages or [()]


def page_report(page: int) -> str:
    return "explorer.html" if page <= 1 else f"explorer-{page}.html"


# The columns of the findings a page shows: a figure's check, its claims and document, never a corpus-wide id.
FINDING_COLUMNS = ("claim_ids", "doc_ids", "topic", "verdict", "kind", "measure", "reference", "likely_value", "detail")


def figure_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings about single figures (every kind but the group summaries), with ``FINDING_COLUMNS`` only."""
    return findings.loc[findings["kind"] != "group", list(FINDING_COLUMNS)].reset_index(drop=True)


def claim_verdicts(findings: pd.DataFrame) -> dict[str, str]:
    """claim_id -> the most consequential verdict of the findings about it.

    Pass ``figure_findings``: a group's summary carries the most serious verdict
    of any of its figures, which is not this figure's verdict.
    """
    found: dict[str, set[str]] = {}
    for ids, verdict in zip(findings["claim_ids"], findings["verdict"]):
        for cid in str(ids).split():
            found.setdefault(cid, set()).add(str(verdict))
    return {cid: next((v for v in VERDICT_ORDER if v in vs), "") for cid, vs in found.items()}


def claims_view(
    claims: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame, findings: pd.DataFrame
) -> pd.DataFrame:
    """One row per claim with what a reader filters and searches on."""
    text = dict(zip(zip(sentences["doc_id"], sentences["sentence_id"]), sentences["text"]))
    dates = dict(zip(documents["doc_id"], documents["event_date"])) if "event_date" in documents else {}
    verdicts = claim_verdicts(findings)
    rows = []
    for c in claims.to_dict("records"):
        value = format_value(c["value"], c["unit"])
        number = _number(c["value"], c["value_low"], c["value_high"])
        if not value:
            low, high = format_value(c["value_low"], c["unit"]), format_value(c["value_high"], c["unit"])
            value = f"{low}–{high}" if high else (f"≥ {low}" if low else "")
        sentence = str(text.get((c["doc_id"], c["sentence_id"]), c.get("context", "")))
        if len(sentence) > SENTENCE_CHARS:
            sentence = sentence[: SENTENCE_CHARS - 1] + "…"
        rows.append(
            {
                "claim": str(c["claim_id"]).rsplit(":", 1)[-1],
                "document": c["doc_id"],
                "event_date": str(dates.get(c["doc_id"], "") or ""),
                "speaker": said_by(c.get("speaker"), c.get("attribution")),
                "attribution": c.get("attribution") or "",
                "lang": c.get("lang") or "",
                "surface": c["surface"],
                "value": value,
                "unit": c["unit"],
                "topic": c.get("topic") or "",
                "measure": c.get("measure") or "",
                "verdict": verdicts.get(str(c["claim_id"]), ""),
                "sentence": sentence,
                "_claim_id": str(c["claim_id"]),
                "_sentence_id": c["sentence_id"],
                "_speaker": c.get("speaker") or "",
                "_confidence": c.get("speaker_confidence"),
                "_number": number,
            }
        )
    return pd.DataFrame(rows, columns=[*COLUMNS, *HIDDEN])


def _number(value: object, low: object, high: object) -> str:
    """The figure's number(s) in base units, "|"-separated: what the page sorts by and matches a typed number
    against (``600k``, ``60万`` and ``600,000`` all mean 600000)."""
    numbers = []
    for v in (value, low, high):
        try:
            x = float(v)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if math.isfinite(x) and repr(x) not in numbers:
            numbers.append(repr(x))
    return "|".join(numbers)


def claims_table_html(view: pd.DataFrame, documents_href: str = "documents/") -> str:
    """The explorer's table: the claim links to its permalink, the sentence to its anchor.

    The speaker reads "Name (inferred)" when decoded, with the confidence in
    its tooltip; its filter offers each person once, however they are known
    (the attribution filter tells labelled from inferred).
    """
    return table(
        view,
        hidden=HIDDEN,
        cells={"speaker": lambda r: speaker_html(r["_speaker"], r["attribution"], r["_confidence"])},
        keys={"speaker": lambda r: r["_speaker"], "value": lambda r: r["_number"]},
        numeric=("value",),
        lang={"surface": "lang", "sentence": "lang"},
        links={
            "claim": lambda r: claim_href(str(r["document"]), str(r["_claim_id"]), documents_href),
            "sentence": lambda r: sentence_href(str(r["document"]), r["_sentence_id"], documents_href),
        },
        label="claims",
        tools=True,
        filters=FILTERS,
        optional=tuple(c for c in COLUMNS if c not in DEFAULT_COLUMNS),
        state=True,
        cards=True,
        # every claim on one page: the table's own cap would silently drop rows
        max_rows=max(len(view), 1),
    )


def findings_table_html(
    findings: pd.DataFrame, doc_ids: set[str] | None = None, documents_href: str = "documents/"
) -> str:
    """The ``figure_findings`` of ``doc_ids`` (all when None), searchable by their detail line and filterable.

    The claim links to its permalink (the first, when one document repeats the
    figure). Beyond ``render.MAX_TABLE_ROWS`` the table says how many more there
    are, and ``data/findings.csv`` has them all.
    """
    if doc_ids is not None:
        # A list of booleans, not a Series: an empty one would select columns, not rows (a page without findings).
        findings = findings.loc[[bool(set(str(ids).split()) & doc_ids) for ids in findings["doc_ids"]]]
    first = [str(ids).split()[0] if str(ids).split() else "" for ids in findings["claim_ids"]]
    view = pd.DataFrame(
        {
            "claim": [cid.rsplit(":", 1)[-1] for cid in first],
            "document": findings["doc_ids"].tolist(),
            **{
                c: findings[c].tolist()
                for c in ("topic", "verdict", "kind", "measure", "reference", "likely_value", "detail")
            },
            "_claim_id": first,
        }
    )
    return table(
        view,
        hidden=("_claim_id",),
        links={"claim": lambda r: claim_href(str(r["document"]), str(r["_claim_id"]), documents_href)},
        label="findings",
        tools=True,
        filters=("topic", "verdict", "kind"),
        state=True,
        cards=True,
    )


def pager_html(page: int, pages: list[tuple[str, ...]]) -> str:
    """Links to every explorer page, each named by its first document (pages are in document-id order).

    Only the first: a document appended to a page that does not start with it
    leaves every other page's links as they were, so those pages are not even
    exported again.
    """
    if len(pages) <= 1:
        return ""
    items = []
    for i, docs in enumerate(pages, start=1):
        label = f"{i}: {docs[0]} …" if docs else str(i)
        current = ' aria-current="page"' if i == page else ""
        items.append(f'<li><a href="{esc(page_report(i))}"{current}>{esc(label)}</a></li>')
    return f'<nav aria-label="explorer pages"><ul class="pager">{"".join(items)}</ul></nav>'
