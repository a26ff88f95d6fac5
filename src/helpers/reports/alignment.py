"""The alignment report's tables: passages of two renderings side by side."""

from __future__ import annotations

import html

import pandas as pd

from ..analysis.align import STATUSES
from .links import sentence_href
from .markup import esc, lang_span


def alignment_html(frame: pd.DataFrame, documents_href: str, statuses: tuple[str, ...] = STATUSES) -> str:
    """Rows of the given statuses as an escaped HTML table; excerpts carry their lang and link to the sentence."""

    def cell(doc: str, sid, lang: str, text: str) -> str:
        if not text:
            return "<td></td>"
        span = lang_span(text, lang)
        if pd.notna(sid):
            span = f'<a href="{esc(sentence_href(doc, sid, documents_href))}">{span}</a>'
        return f"<td>{span}</td>"

    head = "<tr><th>status</th><th>a</th><th>b</th><th>only in a</th><th>only in b</th><th>detail</th></tr>"
    body = []
    for r in frame[frame["status"].isin(statuses)].itertuples():
        body.append(
            f'<tr class="status-{html.escape(r.status)}"><td>{html.escape(r.status)}</td>'
            + cell(r.doc_a, r.sentence_a, r.lang_a, r.excerpt_a)
            + cell(r.doc_b, r.sentence_b, r.lang_b, r.excerpt_b)
            + f"<td>{html.escape(r.only_in_a)}</td><td>{html.escape(r.only_in_b)}</td>"
            + f'<td lang="und">{html.escape(r.detail)}</td></tr>'
        )
    return f'<table class="alignment"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
