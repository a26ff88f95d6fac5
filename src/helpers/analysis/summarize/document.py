"""The summary of one document: from a sentences table, a parsed document or a text file."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...text import model
from .centrality import _rank
from .selection import _select
from .tokens import MIN_CONTENT_TOKENS, _token_lists

SENTENCE_COLUMNS = (
    "doc_id", "sentence_id", "block_id", "start", "end", "line", "lang",
    "speaker", "speaker_inferred", "timestamp", "text",
)  # fmt: skip


def summarize_sentences(sentences: pd.DataFrame, n: int = 5, *, min_tokens: int = MIN_CONTENT_TOKENS) -> pd.DataFrame:
    """The ``n`` most central rows of one document's sentences table.

    Returns the chosen rows in document order with an added ``score`` column;
    fewer than ``n`` when fewer sentences are long enough to be chosen.
    """
    if "doc_id" in sentences.columns and sentences["doc_id"].nunique() > 1:
        raise ValueError(
            "summarize_sentences takes one document at a time; got "
            + ", ".join(sorted(map(str, sentences["doc_id"].unique())))
        )
    ordered = _body_in_order(sentences)
    scores, chosen = _summary(*_texts_and_langs(ordered), n, min_tokens)
    out = ordered.iloc[chosen].copy()
    out["score"] = scores[chosen]
    return out


def _body_in_order(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences a summary may quote (no headings), in document order."""
    if "block_kind" in sentences.columns:
        sentences = sentences[sentences["block_kind"] != "heading"]
    sort_keys = [c for c in ("start", "sentence_id") if c in sentences.columns]
    return sentences.sort_values(sort_keys, kind="stable") if sort_keys else sentences


def _texts_and_langs(ordered: pd.DataFrame) -> tuple[list[str], list[str]]:
    return ordered["text"].fillna("").astype(str).tolist(), ordered["lang"].fillna("unknown").astype(str).tolist()


def _summary(texts: list[str], langs: list[str], n: int, min_tokens: int) -> tuple[np.ndarray, list[int]]:
    """(scores, positions of the ``n`` chosen sentences in input order) for one document's sentences."""
    scores, eligible, similarity = _rank(_token_lists(texts, langs), min_tokens)
    return scores, _select(scores, eligible, similarity, n)


def summarize_document(
    doc: model.ParsedDocument, n: int = 5, *, min_tokens: int = MIN_CONTENT_TOKENS, genre: str | None = None
) -> list[model.Sentence]:
    """The ``n`` most central body sentences of ``doc``, in document order."""
    sents = sorted((s for s in doc.sentences if s.block_kind != "heading"), key=lambda s: (s.start, s.sentence_id))
    _, chosen = _summary([s.text for s in sents], [s.lang for s in sents], n, min_tokens)
    return [sents[i] for i in chosen]


def summarize_path(path: str, n: int = 5) -> list[str]:
    """Summary sentences of any text file (``python -m helpers summarize PATH``)."""
    from ...text.parse import parse_file  # parsing pulls in language models: load on use

    doc = parse_file(path)
    return [" ".join(s.text.split()) for s in summarize_document(doc, n)]
