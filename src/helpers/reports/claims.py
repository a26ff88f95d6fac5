"""Pieces of the document report's claims section."""

from __future__ import annotations

from .links import sentence_href
from .markup import esc


def claims_count_html(doc_id: str, claims: int, sentences: int, out_of_range: str = "") -> str:
    """The report's opening line: how many claims in how many sentences, and which sentences
    hold numbers too large to be claims (documents.csv ``out_of_range``), each linked."""
    line = f"<p><code>{esc(doc_id)}</code>: {claims:,} claims in {sentences:,} sentences."
    ids = [int(i) for i in str(out_of_range or "").split(";") if i.strip()]
    if ids:
        links = ", ".join(f'<a href="{esc(sentence_href(doc_id, i))}">s-{i}</a>' for i in ids)
        line += (
            f" Left out as too large to be claims (beyond 10^27 or more than 19 digits): "
            f"the number{'s' if len(ids) > 1 else ''} in {links}."
        )
    return line + "</p>"
