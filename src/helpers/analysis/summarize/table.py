"""The summaries table of a corpus: each document's summary sentences and key numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ...tables import Column, TableSpec
from ...text.frames import typed_frame
from .document import _blocks, _body_in_order, _speakers, _summary, _texts_and_langs
from .features import figure_weight
from .key_numbers import _key_records
from .tokens import MIN_CONTENT_TOKENS

SUMMARY_SENTENCES = 5  # sentences in a document's summary
KEY_CLAIMS = 8  # key numbers listed with it

SUMMARIES = TableSpec(
    "summaries",
    "one row per summary item of a document: its summary sentences (document order) and key numbers (most salient "
    "first)",
    (
        Column("doc_id", "str", "Document id."),
        Column(
            "kind",
            "str",
            "sentence (an extractive summary sentence) or key_claim (one of the document's key numbers).",
            isin=("sentence", "key_claim"),
        ),
        Column(
            "rank",
            "int",
            "Position in the summary: document order for sentences, salience order for key numbers; from 1.",
            min_value=1,
        ),
        Column("sentence_id", "int", "The sentence (anchor s-N in the document report).", min_value=0),
        Column("claim_id", "str", "The key number's claim (empty for summary sentences)."),
        Column(
            "score",
            "float",
            "Summary score of a summary sentence: centrality plus the genre's bonuses for figures, recurring "
            "names and place (empty for key numbers).",
            nullable=True,
        ),
    ),
    unique=("doc_id", "kind", "rank"),
)


def summaries_frame(
    sentences: pd.DataFrame,
    claims: pd.DataFrame,
    genres: Mapping[str, str | None] | None = None,
    formats: Mapping[str, str | None] | None = None,
) -> pd.DataFrame:
    """Summary sentences and key numbers of every document in ``sentences``.

    ``genres`` (the catalog's genre) and ``formats`` (the format read), by document id, choose
    how each summary weighs lead, figures and names; the figures are the document's claims.
    """
    # Rows as plain dicts (what to_dict("records") gives, for a fraction of its cost on text columns).
    names = list(claims.columns)
    claims_of: dict[Any, list[dict[str, Any]]] = {}
    for values in zip(*(claims[c].tolist() for c in names)):
        row = dict(zip(names, values))
        claims_of.setdefault(row["doc_id"], []).append(row)
    columns: dict[str, list] = {c: [] for c in SUMMARIES.names}

    def add(**row: Any) -> None:
        for c in SUMMARIES.names:
            columns[c].append(row[c])

    for doc_id, doc_sentences in sentences.groupby("doc_id", sort=True):
        ordered = _body_in_order(doc_sentences)
        figures = _figures(claims_of.get(str(doc_id), []))
        scores, chosen = _summary(
            *_texts_and_langs(ordered),
            SUMMARY_SENTENCES,
            MIN_CONTENT_TOKENS,
            speakers=_speakers(ordered),
            genre=(genres or {}).get(str(doc_id)),
            fmt=(formats or {}).get(str(doc_id)),
            quantities=[figures.get(_sentence_key(sid), 0.0) for sid in ordered["sentence_id"].tolist()],
            blocks=_blocks(ordered),
        )
        sentence_ids = ordered["sentence_id"].tolist()
        for rank, i in enumerate(chosen, 1):
            add(
                doc_id=doc_id,
                kind="sentence",
                rank=rank,
                sentence_id=sentence_ids[i],
                claim_id="",
                score=float(scores[i]),
            )
        for rank, c in enumerate(_key_records(claims_of.get(str(doc_id), []), KEY_CLAIMS), 1):
            add(
                doc_id=doc_id,
                kind="key_claim",
                rank=rank,
                sentence_id=c["sentence_id"],
                claim_id=c["claim_id"],
                score=None,
            )
    return typed_frame(SUMMARIES, columns)


def _sentence_key(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _figures(claims: list[dict[str, Any]]) -> dict[int | None, float]:
    """The weighted figures (``features.figure_weight``) each sentence of one document states, from its claims."""
    out: dict[int | None, float] = {}
    for c in claims:
        key = _sentence_key(c.get("sentence_id"))
        unit = c.get("unit")
        out[key] = out.get(key, 0.0) + figure_weight(
            str(c.get("surface") or ""), unit if isinstance(unit, str) else None
        )
    return out
