"""Whole turns: a dialogue's sentences grouped into turns, decoded turn by turn, each turn's speaker given to all of
its sentences.

Three pure steps, used by :func:`.dialogue.decode_dialogue` when ``whole_turns`` is on:

1. :func:`candidate_boundaries` and :func:`segment_turns` join the sentences between candidate turn boundaries.
   A boundary is a candidate when its chance of a change (from its cues: a question or invitation before it, an
   answer word, a reply by name, an echo, an address handing the floor over, the kind of break; and the
   conversation's own rates, re-estimated by EM) reaches a threshold; below it the sentences belong to one turn.
   Candidates keep their chance of a change in the turn-level transition.
2. :func:`turn_emissions` adds up the sentences' log emissions per turn (their evidence: questions, length,
   first and second person, names addressed, role cues, each speaker's style), and :func:`decode_turns` runs
   Viterbi and forward–backward over the turns, with the transition of the boundary that opens each turn
   (alternation in a two-person interview comes from there).
3. :func:`spread_turns` gives every sentence of a turn the turn's speaker and the turn's posterior.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .hmm import forward_backward, viterbi


# Cues that make a boundary a candidate turn change even inside a paragraph.
def candidate_boundaries(change_p: np.ndarray, cued: np.ndarray, min_change: float, min_uncued: float) -> list[bool]:
    """Per boundary between sentences: whether the speaker may change there.

    ``change_p`` is each boundary's chance of a change (from its cues and the conversation's own rates), ``cued``
    whether a cue of a change holds there (more than the kind of break). A cued boundary is a candidate from
    ``min_change`` on, one with nothing but the break from ``min_uncued`` on.
    """
    return [bool(p >= (min_change if c else max(min_change, min_uncued))) for p, c in zip(change_p, cued)]


def segment_turns(n: int, candidates: Sequence[bool]) -> list[range]:
    """The turns of ``n`` sentences: maximal runs between candidate boundaries (``candidates[i]`` lies between
    sentence i and i + 1)."""
    if n == 0:
        return []
    turns: list[range] = []
    start = 0
    for i, cut in enumerate(candidates[: n - 1]):
        if cut:
            turns.append(range(start, i + 1))
            start = i + 1
    turns.append(range(start, n))
    return turns


def turn_emissions(log_emit: np.ndarray, turns: Sequence[range]) -> np.ndarray:
    """Log emissions per turn (turns x S): the sum over the turn's sentences."""
    return np.array([log_emit[t.start : t.stop].sum(axis=0) for t in turns])


def decode_turns(
    init: np.ndarray, log_trans: Sequence[np.ndarray], turn_emit: np.ndarray, turns: Sequence[range]
) -> tuple[list[int], np.ndarray]:
    """The likeliest state of each turn and the turns' state posteriors (turns x S).

    ``log_trans`` holds the sentence-level transitions (one per boundary); a turn is entered through the
    boundary just before its first sentence.
    """
    trans = [log_trans[t.start - 1] for t in turns[1:]]
    path = viterbi(init, trans, turn_emit)
    gamma, _ = forward_backward(init, trans, turn_emit)
    return path, gamma


def spread_turns(turns: Sequence[range], values: Sequence[object]) -> list[object]:
    """One value per sentence: each turn's value repeated over its sentences."""
    out: list[object] = []
    for t, v in zip(turns, values):
        out.extend([v] * len(t))
    return out
