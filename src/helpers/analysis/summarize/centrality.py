"""Centrality of the sentences of one document: LexRank, or the TF-IDF centroid for book-sized documents.

LexRank is PageRank over TF-IDF cosine similarities between the sentences.
It needs the full sentence-by-sentence similarity matrix; above
``LEXRANK_MAX_SENTENCES`` eligible sentences that matrix no longer fits in
memory, so centrality becomes the cosine of each sentence to the document's
TF-IDF centroid, linear in the number of sentences.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
from threadpoolctl import ThreadpoolController

from .tokens import MIN_CONTENT_TOKENS, _token_lists

DAMPING = 0.85
_MAX_ITER = 200
_TOL = 1e-10
_VOCAB_BLOCK = 1024
# 4,000 sentences make a 128 MB similarity matrix and take seconds; the seed
# documents have at most ~1,100 eligible sentences, so they all use LexRank.
LEXRANK_MAX_SENTENCES = 4000


def _tfidf_rows(
    token_lists: Sequence[Sequence[str]], weight: Callable[[str], float] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Unit-length TF-IDF vectors as (rows, cols, values, vocabulary size), frequent words first.

    ``weight`` scales each word's IDF (everyday words count less, ``tokens.common_weight``).
    """
    n = len(token_lists)
    counts = [Counter(tokens) for tokens in token_lists]
    df = Counter(t for c in counts for t in c)
    index = {t: i for i, t in enumerate(sorted(df, key=lambda t: (-df[t], t)))}
    rows, cols, vals = [], [], []
    for row, c in enumerate(counts):
        for t, tf in c.items():
            rows.append(row)
            cols.append(index[t])
            w = 1.0 if weight is None else weight(t)
            vals.append(tf * w * (math.log((1 + n) / (1 + df[t])) + 1.0))  # smoothed idf, always > 0
    rows_a, cols_a, vals_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=float)
    norms = np.zeros(n)
    np.add.at(norms, rows_a, vals_a**2)
    norms = np.sqrt(norms)
    norms[norms == 0] = 1.0
    return rows_a, cols_a, vals_a / norms[rows_a], len(index)


class _PairwiseCosine:
    """``similarity[j, k]`` computed on demand from sparse rows.

    Selection only asks for the pairs among the few sentences it picks, so
    large documents never materialize the quadratic matrix.
    """

    def __init__(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n: int) -> None:
        order = np.argsort(rows, kind="stable")
        self._cols, self._vals = cols[order], vals[order]
        self._bounds = np.searchsorted(rows[order], np.arange(n + 1))
        self.shape = (n, n)
        # Selection compares every candidate with the same few picked rows.
        self._row = lru_cache(maxsize=256)(self._row_uncached)

    def _row_uncached(self, i: int) -> dict[int, float]:
        lo, hi = self._bounds[i], self._bounds[i + 1]
        return dict(zip(self._cols[lo:hi].tolist(), self._vals[lo:hi].tolist()))

    def __getitem__(self, pair: tuple[int, int]) -> float:
        a, b = self._row(int(pair[0])), self._row(int(pair[1]))
        if len(b) < len(a):
            a, b = b, a
        return float(sum(v * b.get(c, 0.0) for c, v in a.items()))


def _centroid_scores(
    token_lists: Sequence[Sequence[str]], weight: Callable[[str], float] | None = None
) -> tuple[np.ndarray, _PairwiseCosine]:
    """Cosine of each sentence to the TF-IDF centroid, normalized to sum to 1; O(tokens)."""
    n = len(token_lists)
    rows, cols, vals, vocab = _tfidf_rows(token_lists, weight)
    centroid = np.zeros(vocab)
    np.add.at(centroid, cols, vals)
    norm = np.linalg.norm(centroid)
    if norm:
        centroid /= norm
    scores = np.zeros(n)
    np.add.at(scores, rows, vals * centroid[cols])
    # A sentence sharing no word with the rest still gets a positive score, as in LexRank.
    scores = scores + 1e-12
    return scores / scores.sum(), _PairwiseCosine(rows, cols, vals, n)


def _cosine_tfidf(token_lists: Sequence[Sequence[str]], weight: Callable[[str], float] | None = None) -> np.ndarray:
    """Cosine similarities between the TF-IDF vectors of the sentences.

    The vectors are sparse (a sentence uses a few dozen of thousands of
    words), so the product is summed over blocks of the vocabulary: memory
    stays at sentences x block rather than sentences x vocabulary.
    """
    n = len(token_lists)
    # Frequent words come first: later blocks then touch only the few
    # sentences that use their rare words, and only those rows are multiplied.
    rows_a, cols_a, vals_a, vocab = _tfidf_rows(token_lists, weight)
    similarity = np.zeros((n, n))
    for lo in range(0, vocab, _VOCAB_BLOCK):
        keep = (cols_a >= lo) & (cols_a < lo + _VOCAB_BLOCK)
        used, local_rows = np.unique(rows_a[keep], return_inverse=True)
        block = np.zeros((len(used), _VOCAB_BLOCK))
        block[local_rows, cols_a[keep] - lo] = vals_a[keep]
        similarity[np.ix_(used, used)] += block @ block.T
    return similarity


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def _pagerank(similarity: np.ndarray, damping: float = DAMPING) -> np.ndarray:
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    transition = similarity.copy()
    np.fill_diagonal(transition, 0.0)
    out_weight = transition.sum(axis=1, keepdims=True)
    dangling = out_weight[:, 0] == 0
    out_weight[dangling] = 1.0
    transition /= out_weight
    # A sentence similar to nothing spreads its vote evenly (dangling node).
    transition[dangling] = 1.0 / n
    scores = np.full(n, 1.0 / n)
    for _ in range(_MAX_ITER):
        updated = (1.0 - damping) / n + damping * (transition.T @ scores)
        if np.abs(updated - scores).sum() < _TOL:
            scores = updated
            break
        scores = updated
    return scores / scores.sum()


def _rank(
    token_lists: Sequence[Sequence[str]],
    min_tokens: int,
    max_lexrank: int | None = None,
    *,
    eligible: np.ndarray | None = None,
    weight: Callable[[str], float] | None = None,
    dates: Sequence[int] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | _PairwiseCosine]:
    """(scores, eligible mask, similarity among eligible) for the given token lists.

    ``dates`` (per sentence, the dates it writes) count towards ``min_tokens`` as content words:
    "This episode was recorded on June 10, 2020." says what and when.

    Above ``max_lexrank`` eligible sentences (default ``LEXRANK_MAX_SENTENCES``)
    the centroid method replaces LexRank and similarities are computed on demand.
    """
    limit = LEXRANK_MAX_SENTENCES if max_lexrank is None else max_lexrank
    extra = dates if dates is not None else [0] * len(token_lists)
    long_enough = np.array([len(set(tokens)) + k >= min_tokens for tokens, k in zip(token_lists, extra)], dtype=bool)
    eligible = long_enough if eligible is None else (long_enough & eligible)
    scores = np.zeros(len(token_lists))
    chosen = [tokens for tokens, ok in zip(token_lists, eligible) if ok]
    similarity: np.ndarray | _PairwiseCosine
    if len(chosen) > limit:
        scores[eligible], similarity = _centroid_scores(chosen, weight)
    else:
        # A document's matrices are a few hundred rows: BLAS threads cost more in
        # waking and spinning than they save, and in a build every core already
        # runs a worker of its own. One thread gives the same numbers (OpenBLAS
        # splits rows and columns among threads, never the sum of one element).
        with _blas().limit(limits=1, user_api="blas"):
            similarity = _cosine_tfidf(chosen, weight)
            scores[eligible] = _pagerank(similarity)
    return scores, eligible, similarity


def rank_sentences(texts: list[str], langs: list[str], *, min_tokens: int = MIN_CONTENT_TOKENS) -> np.ndarray:
    """Centrality score per sentence; 0.0 for sentences too short to be chosen.

    Scores of eligible sentences are positive and sum to 1. Sentences are
    compared only with the other sentences given, so pass one document at a time.
    """
    if len(texts) != len(langs):
        raise ValueError(f"{len(texts)} texts but {len(langs)} languages")
    return _rank(_token_lists(texts, langs), min_tokens)[0]
