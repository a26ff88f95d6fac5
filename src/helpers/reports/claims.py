"""The claims report's pieces: each claim marked in its sentence, linked to the document report."""

from __future__ import annotations

import html
import math
from typing import Any

from ..text.model import Sentence


def highlight_html(sentence: Sentence | str, start: int, end: int, lang: str = "") -> str:
    """The sentence as HTML with ``[start:end]`` (offsets into its text) wrapped in <mark>; all text escaped."""
    text = sentence.text if isinstance(sentence, Sentence) else sentence
    lang = lang or (sentence.lang if isinstance(sentence, Sentence) else "")
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    body = f"{html.escape(text[:start])}<mark>{html.escape(text[start:end])}</mark>{html.escape(text[end:])}"
    attr = f' lang="{html.escape(lang, quote=True)}"' if lang in ("ja", "de", "en") else ""
    return f"<span{attr}>{body}</span>"





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


def _fmt_value(row: dict[str, Any]) -> str:
    def num(x: Any) -> str:
        x = float(x)
        return f"{x:,.0f}" if x.is_integer() else f"{x:,.4g}"

    v, lo, hi = row.get("value"), row.get("value_low"), row.get("value_high")
    def missing(x: Any) -> bool:
        return x is None or x == "" or (isinstance(x, float) and math.isnan(x))

    if not missing(v):
        return num(v)
    if not missing(lo) and not missing(hi):
        return f"{num(lo)} – {num(hi)}"
    return ""


def claims_list_html(claims_rows: list[dict[str, Any]], sentences: dict[int, dict[str, Any]], doc_id: str) -> str:
    """An HTML list of claims, each in its sentence with the surface marked and a link to the sentence anchor.

    All document text is escaped; Japanese/German/English text carries a ``lang`` attribute.
    """
    items = []
    for row in claims_rows:
        sid = int(row["sentence_id"])
        sent = sentences.get(sid, {"text": row.get("context", "")})
        lang = str(row.get("lang") or sent.get("lang") or "")
        where = sentence_offsets(row, sent)
        text = str(sent.get("text", ""))
        body = highlight_html(text, where[0], where[1], lang) if where else highlight_html(text, 0, 0, lang)
        href = html.escape(f"../documents/{doc_id}.html#s-{sid}", quote=True)
        meta = " · ".join(x for x in (
            html.escape(str(row["unit"])), html.escape(_fmt_value(row)), html.escape(str(row.get("qualifier") or "")),
            html.escape(str(row.get("topic") or "")), html.escape(str(row.get("measure") or ""))) if x)
        items.append(
            f'<li id="{html.escape(str(row["claim_id"]), quote=True)}"><a href="{href}">'
            f'{html.escape(str(row["claim_id"]))}</a> <small>{meta}</small><br>{body}</li>'
        )
    return '<ol class="claims">' + "\n".join(items) + "</ol>"
