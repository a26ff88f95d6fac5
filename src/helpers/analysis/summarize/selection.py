"""Choosing a summary's sentences: the most central, skipping those that repeat one already chosen."""

from __future__ import annotations

import numpy as np

from .centrality import _PairwiseCosine

# Two summary sentences sharing more than this cosine similarity say the same
# thing twice; the second one is only used when nothing else is left.
REDUNDANCY = 0.6
# Scores equal up to float noise tie; document order then decides.
_SCORE_DECIMALS = 12


def _select(scores: np.ndarray, eligible: np.ndarray, similarity: np.ndarray | _PairwiseCosine, n: int) -> list[int]:
    """Indices of the chosen sentences, in input order."""
    if n <= 0:
        return []
    positions = np.flatnonzero(eligible)
    local = scores[positions]
    # Highest score first; equal scores (to float noise) in document order.
    order = np.lexsort((positions, -np.round(local, _SCORE_DECIMALS)))
    picked: list[int] = []
    held_back: list[int] = []
    for j in order:
        if len(picked) == n:
            break
        if any(similarity[j, k] > REDUNDANCY for k in picked):
            held_back.append(int(j))
        else:
            picked.append(int(j))
    picked += held_back[: n - len(picked)]
    return sorted(int(positions[j]) for j in picked)
