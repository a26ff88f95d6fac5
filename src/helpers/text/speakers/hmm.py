"""Hidden Markov model inference in log space: forward–backward posteriors and the Viterbi path.

Pure functions over arrays: ``init`` (S) the log-probability of starting in
each state, ``log_trans`` (n-1 matrices S x S, one per step, rows "from",
columns "to") and ``log_emit`` (n x S) the log-likelihood of each
observation under each state. Emissions need not be normalised: only their
differences within a step matter.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def forward_backward(
    init: np.ndarray, log_trans: Sequence[np.ndarray], log_emit: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Posterior of each state at each step (n x S) and of each transition between steps (n-1 x S x S).

    Scaled forward and backward passes (each step's forward vector is
    normalised), so long sequences neither underflow nor overflow.
    """
    n, S = log_emit.shape
    trans = np.exp(np.stack(log_trans)) if len(log_trans) else np.zeros((0, S, S))
    e = np.exp(log_emit - log_emit.max(axis=1, keepdims=True))
    alpha = np.zeros((n, S))
    scale = np.zeros(n)
    alpha[0] = np.exp(init) * e[0]
    scale[0] = alpha[0].sum()
    alpha[0] /= scale[0]
    for i in range(1, n):
        alpha[i] = (alpha[i - 1] @ trans[i - 1]) * e[i]
        scale[i] = alpha[i].sum()
        alpha[i] /= scale[i]
    beta = np.ones((n, S))
    for i in range(n - 2, -1, -1):
        beta[i] = trans[i] @ (e[i + 1] * beta[i + 1]) / scale[i + 1]
    gamma = alpha * beta
    gamma /= gamma.sum(axis=1, keepdims=True)
    xi = alpha[:-1, :, None] * trans * (e[1:] * beta[1:])[:, None, :] / scale[1:, None, None]
    return gamma, xi


def viterbi(init: np.ndarray, log_trans: Sequence[np.ndarray], log_emit: np.ndarray) -> list[int]:
    """The likeliest sequence of states (one index per step); among equally likely states the lowest index wins."""
    n, S = log_emit.shape
    score = init + log_emit[0]
    back = np.zeros((n, S), dtype=int)
    for i in range(1, n):
        cand = score[:, None] + log_trans[i - 1]
        back[i] = np.argmax(cand, axis=0)
        score = cand[back[i], np.arange(S)] + log_emit[i]
    path = [int(np.argmax(score))]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i][path[-1]]))
    path.reverse()
    return path
