"""Every link between reports: relative, URL-quoted, built in one place.

Reports live at ``<out>/<report>``; a document report anchors every sentence
as ``#s-<sentence_id>`` and every claim as ``#c-<claim_id>``. Ids are quoted, so a document id with ``#``, ``?``,
``%`` or a space still links to its own report.
"""

from __future__ import annotations

import math
from urllib.parse import quote

DOCUMENTS = "documents/"


def sentence_anchor(sentence_id: int | str) -> str:
    return f"s-{int(sentence_id)}"


def claim_anchor(claim_id: str) -> str:
    """A claim's permalink in its document report: the marked words inside their sentence."""
    return f"c-{claim_id}"


def claim_href(doc_id: str, claim_id: str, folder: str = "../" + DOCUMENTS) -> str:
    return document_href(doc_id, folder) + "#" + quote(claim_anchor(claim_id), safe=":")


def document_href(doc_id: str, folder: str = "../" + DOCUMENTS) -> str:
    return f"{folder}{quote(str(doc_id), safe='')}.html"


def sentence_href(doc_id: str, sentence_id: object, folder: str = "../" + DOCUMENTS) -> str:
    """The document report of ``doc_id`` at its sentence (or at its top when the sentence is unknown)."""
    try:
        sid = float(sentence_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        sid = math.nan
    anchor = f"#{sentence_anchor(int(sid))}" if math.isfinite(sid) else ""
    return document_href(doc_id, folder) + anchor


def report_href(from_report: str, to_report: str) -> str:
    """Relative, URL-quoted link from one report to another (both relative to the output folder)."""
    return site_root(from_report) + quote(to_report)


def site_root(report: str) -> str:
    """The way from a report (relative to the output folder) up to the folder: ``"../"`` per level."""
    return "../" * report.count("/")
