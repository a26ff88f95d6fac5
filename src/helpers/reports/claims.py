"""The claims report's pieces: each claim marked in its sentence, linked to the document report."""

from __future__ import annotations

import math
from typing import Any

from ..format import claim_value
from .links import sentence_href
from .markup import esc, mark, speaker_html


def sentence_offsets(claim: dict[str, Any], sentence: dict[str, Any]) -> tuple[int, int] | None:
    """Where a claims-table row sits inside its sentence's analysed text, or None if it cannot be placed.

    Prose sentences are document slices, so document offsets shift directly;
    caption sentences drop timestamps, so the surface is searched for instead.
    """
    text = str(sentence.get("text", ""))
    surface = str(claim["surface"])
    s_start = sentence.get("start")
    if s_start is not None and not (isinstance(s_start, float) and math.isnan(s_start)):
        a, b = int(claim["start"]) - int(s_start), int(claim["end"]) - int(s_start)
        if 0 <= a < b <= len(text) and text[a:b] == surface:
            return a, b
    i = text.find(surface)
    if i >= 0:
        return i, i + len(surface)
    # a surface spanning a dropped timestamp line: highlight from its first words to its last
    head, tail = surface.split("\n")[0], surface.split("\n")[-1]
    i, j = text.find(head), text.rfind(tail)
    if head and tail and 0 <= i <= j:
        return i, j + len(tail)
    return None


def claims_list_html(claims_rows: list[dict[str, Any]], sentences: dict[int, dict[str, Any]], doc_id: str) -> str:
    """An HTML list of claims, each in its sentence with the surface marked and a link to the sentence anchor.

    Each claim names who asserts it (``markup.speaker_html``: "Name (inferred)"
    for a decoded turn, with the confidence in its tooltip). All document text
    is escaped; Japanese/German/English text carries a ``lang`` attribute.
    """
    items = []
    for row in claims_rows:
        sid = int(row["sentence_id"])
        sent = sentences.get(sid, {"text": row.get("context", "")})
        lang = str(row.get("lang") or sent.get("lang") or "")
        where = sentence_offsets(row, sent)
        text = str(sent.get("text", ""))
        body = mark(text, where[0], where[1], lang) if where else mark(text, 0, 0, lang)
        href = esc(sentence_href(doc_id, sid))
        meta = " · ".join(esc(x) for x in (
            row["unit"], claim_value(row), row.get("qualifier") or "", row.get("topic") or "", row.get("measure") or "") if x)
        said = speaker_html(row.get("speaker"), row.get("attribution"), row.get("speaker_confidence"))
        who = f" — {said}" if said else ""
        items.append(
            f'<li id="{esc(row["claim_id"])}"><a href="{href}">'
            f'{esc(row["claim_id"])}</a> <small>{meta}</small>{who}<br>{body}</li>'
        )
    return '<ol class="claims">' + "\n".join(items) + "</ol>"


def claims_count_html(doc_id: str, claims: int, sentences: int, out_of_range: str = "") -> str:
    """The report's opening line: how many claims in how many sentences, and which sentences
    hold numbers too large to be claims (documents.csv ``out_of_range``), each linked."""
    line = f"<p><code>{esc(doc_id)}</code>: {claims:,} claims in {sentences:,} sentences."
    ids = [int(i) for i in str(out_of_range or "").split(";") if i.strip()]
    if ids:
        links = ", ".join(f'<a href="{esc(sentence_href(doc_id, i))}">s-{i}</a>' for i in ids)
        line += (f" Left out as too large to be claims (beyond 10^18 or more than 19 digits): "
                 f"the number{'s' if len(ids) > 1 else ''} in {links}.")
    return line + "</p>"

