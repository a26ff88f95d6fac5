"""Pieces of the document report's claims section."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

import pandas as pd

from ..analysis.attribution import said_by, speaker_note
from ..format import missing
from ..format import value as format_value
from .links import claim_anchor, sentence_href
from .markup import esc
from .render import table


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


# How a qualifier is shown in front of a figure (claims.csv keeps the word: approx, at_least, ...).
QUALIFIER_MARKS = {"approx": "≈", "at_least": "≥", "at_most": "≤", "almost": "almost", "negated": "not"}
CLAIM_COLUMNS = ("claim", "line", "words", "figure", "who", "topic")


def figure_text(row: Mapping[str, object]) -> str:
    """A claim's figure, formatted once with its unit: "≈ 350,000 gpu", "22,000–24,000 gpu",
    "10–100 duration_year (vague)"; the qualifier as a sign, a vague numeral's bracket marked."""
    unit = "" if missing(row.get("unit")) else str(row.get("unit"))
    point = format_value(row.get("value"), unit)
    low, high = format_value(row.get("value_low"), unit), format_value(row.get("value_high"), unit)
    number = point or (low if low == high else f"{low}–{high}" if low and high else low or high)
    qualifier = QUALIFIER_MARKS.get(str(row.get("qualifier") or ""), str(row.get("qualifier") or ""))
    vague = " (vague)" if str(row.get("vague")).lower() == "true" else ""
    return " ".join(p for p in (qualifier, number, unit) if p) + vague


def figure_key(row: Mapping[str, object]) -> str:
    """What the figure column sorts and is searched by: the point value, else the low bound, else
    the high one, as the shortest text that reads back as the same number ("10000000", not "10000000.0")."""
    for col in ("value", "value_low", "value_high"):
        v = row.get(col)
        if not missing(v):
            try:
                x = float(v)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                return str(v)
            return str(int(x)) if x.is_integer() and abs(x) < 1e18 else repr(x)
    return ""


def who_text(row: Mapping[str, object]) -> str:
    """Who asserts a claim, how that is known and how sure, as one line of text:
    "Name (inferred) 0.59"; a transcript's own label needs no number."""
    said = said_by(row.get("speaker"), row.get("attribution"))
    p = row.get("speaker_confidence")
    sure = str(row.get("attribution")) not in ("labelled", "unknown", "") and not missing(p)
    return f"{said} {float(p):.2f}" if said and sure else said  # type: ignore[arg-type]


def claims_table_html(doc_id: str, claims: pd.DataFrame) -> str:
    """The document report's claims table, one compact row per claim in document order.

    The id links to the claim's words in the page's own text (``#c-<claim_id>``) and shows
    only the claim's number; the figure is formatted once (qualifier, value or range, unit);
    who says it, how that is known and how sure share one cell, the meaning of the mark in a
    tooltip on its first row; topic and measure share one cell. Words not in English (the
    page's language) carry their ``lang``. Every column of every claim is
    in data/claims.csv and the claims explorer.
    """
    prefix = f"{doc_id}:"
    recs = claims.to_dict("records")
    view = pd.DataFrame(
        {
            "claim": [str(r["claim_id"]) for r in recs],
            # as text: it sorts as a number all the same (report.js), without a data-value on every row
            "line": [str(r["line"]) for r in recs],
            "words": [r["surface"] for r in recs],
            "figure": [figure_text(r) for r in recs],
            "who": [who_text(r) for r in recs],
            "topic": [" · ".join(str(r.get(c) or "") for c in ("topic", "measure") if r.get(c)) for r in recs],
            "_lang": [str(r.get("lang") or "") for r in recs],
            "_key": [figure_key(r) for r in recs],
            "_name": ["" if missing(r.get("speaker")) else str(r.get("speaker")) for r in recs],
            "_how": [str(r.get("attribution") or "") for r in recs],
        }
    )
    explained: set[str] = set()

    def who(r: Mapping[str, object]) -> str:
        how = str(r["_how"])
        note = speaker_note(how) if how not in explained and r["who"] else ""
        explained.add(how)
        return f'<span title="{esc(note)}">{esc(r["who"])}</span>' if note else esc(r["who"])

    return table(
        view,
        numeric=("line", "figure"),
        # the page is in English: only words in another language say theirs
        lang={"words": lambda r: "" if r["_lang"] == "en" else str(r["_lang"])},
        links={"claim": lambda r: "#" + quote(claim_anchor(str(r["claim"])), safe=":")},
        hidden=("_lang", "_key", "_name", "_how"),
        cells={
            "claim": lambda r: esc(str(r["claim"]).removeprefix(prefix)),
            "figure": lambda r: esc(r["figure"]),
            "who": who,
        },
        keys={"figure": lambda r: r["_key"], "who": lambda r: r["_name"] if r["_name"] != r["who"] else None},
        filters=("who", "topic"),
        label="claims of the document",
    )
