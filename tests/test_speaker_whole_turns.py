"""Whole-turn decoding (helpers.text.speakers.turns): candidate boundaries, turns, turn-level emissions, the
turn-level HMM and spreading a turn's speaker over its sentences; and the decoder's ``whole_turns`` option."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.text.parse import parse_document
from helpers.text.speakers import dialogue
from helpers.text.speakers.hmm import forward_backward
from helpers.text.speakers.turns import (
    candidate_boundaries,
    decode_turns,
    segment_turns,
    spread_turns,
    turn_emissions,
)

LOG = np.log


def test_a_cued_boundary_is_a_candidate_from_the_lower_threshold_an_uncued_one_from_the_higher():
    change_p = np.array([0.02, 0.2, 0.2, 0.7, 0.5])
    cued = np.array([True, True, False, False, True])
    assert candidate_boundaries(change_p, cued, 0.05, 0.6) == [False, True, False, True, True]
    # with the same threshold for both, only the chance counts
    assert candidate_boundaries(change_p, cued, 0.05, 0.05) == [False, True, True, True, True]


@pytest.mark.parametrize(
    ("n", "cuts", "expected"),
    [
        (0, [], []),
        (1, [], [range(0, 1)]),
        (4, [False, False, False], [range(0, 4)]),
        (4, [True, False, True], [range(0, 1), range(1, 3), range(3, 4)]),
        (3, [True, True], [range(0, 1), range(1, 2), range(2, 3)]),
    ],
)
def test_turns_are_the_maximal_runs_between_candidate_boundaries(n, cuts, expected):
    turns = segment_turns(n, cuts)
    assert turns == expected
    assert [i for t in turns for i in t] == list(range(n))


def test_turn_emissions_add_up_the_sentences():
    log_emit = np.array([[0.0, -1.0], [-2.0, 0.0], [-0.5, -0.5]])
    got = turn_emissions(log_emit, [range(0, 2), range(2, 3)])
    assert np.allclose(got, [[-2.0, -1.0], [-0.5, -0.5]])


def _alternating(p_change: float) -> list[np.ndarray]:
    stay = LOG(1 - p_change)
    move = LOG(p_change)
    return [np.array([[stay, move], [move, stay]])]


def test_a_long_answer_with_one_sentence_that_sounds_like_the_host_stays_whole():
    """A question (host), then a three-sentence answer whose middle sentence alone leans to the host: decoded per
    turn, the whole answer is the guest's and every sentence carries the same posterior."""
    log_emit = LOG(np.array([[0.9, 0.1], [0.2, 0.8], [0.9, 0.1], [0.2, 0.8]]))
    init = LOG(np.array([0.8, 0.2]))
    trans = _alternating(0.9) + _alternating(0.3) + _alternating(0.3)
    turns = [range(0, 1), range(1, 4)]
    path, gamma = decode_turns(init, trans, turn_emissions(log_emit, turns), turns)
    assert path == [0, 1]
    spread = spread_turns(turns, [(s, round(float(gamma[k, s]), 6)) for k, s in enumerate(path)])
    assert [s for s, _ in spread] == [0, 1, 1, 1]
    assert len({p for _, p in spread[1:]}) == 1
    # sentence by sentence the same evidence splits the answer
    sentence_gamma, _ = forward_backward(init, trans, log_emit)
    assert sentence_gamma[2].argmax() == 0


def test_one_sentence_turns_decode_like_the_sentence_hmm():
    log_emit = LOG(np.array([[0.7, 0.3], [0.4, 0.6], [0.5, 0.5]]))
    init = LOG(np.array([0.6, 0.4]))
    trans = _alternating(0.4) + _alternating(0.7)
    turns = [range(0, 1), range(1, 2), range(2, 3)]
    _, gamma = decode_turns(init, trans, turn_emissions(log_emit, turns), turns)
    expected, _ = forward_backward(init, trans, log_emit)
    assert np.allclose(gamma, expected)


def test_a_turn_is_entered_through_the_boundary_before_its_first_sentence():
    """Turns [0], [1, 2]: the transition into the second turn is boundary 0's (a sure change), not boundary 1's."""
    log_emit = np.zeros((3, 2))
    init = LOG(np.array([0.999, 0.001]))
    trans = _alternating(0.999) + _alternating(0.001)
    turns = [range(0, 1), range(1, 3)]
    path, _ = decode_turns(init, trans, turn_emissions(log_emit, turns), turns)
    assert path == [0, 1]


TALK = """\
The water utility interview

Welcome back to the show. My guest today is Dana Reyes, who runs the water utility. Dana, how much did the new \
plant cost?

It cost about 40 million dollars. We paid for most of it with bonds.

The rest came from the state. That was in 2021.

And how many homes does it serve?

Roughly 12,000 homes. That is a third of the city.
"""


def _by_paragraph(monkeypatch, whole_turns: bool):
    monkeypatch.setattr(dialogue, "WHOLE_TURNS", whole_turns)
    doc = parse_document(
        TALK, "t", speakers=["Sam Ortiz", "Dana Reyes"], genre="transcript", event="Sam Ortiz interview with Dana Reyes"
    )
    starts = [i for i in range(len(TALK)) if i == 0 or TALK[i - 2 : i] == "\n\n"]
    out: dict[int, list[tuple[str | None, float]]] = {}
    for s in doc.sentences:
        k = max(i for i, st in enumerate(starts) if st <= s.start)
        out.setdefault(k, []).append((s.speaker, s.speaker_confidence))
    return out


def test_whole_turns_give_every_sentence_of_a_paragraph_one_speaker_and_an_uncued_answer_one_confidence(monkeypatch):
    paragraphs = _by_paragraph(monkeypatch, True)
    assert len(paragraphs) == 5  # the title has no sentences
    for voices in paragraphs.values():
        assert len({who for who, _ in voices}) == 1, voices
    # the answers' sentences follow each other without a cue: one turn, one posterior
    for k in (2, 3, 5):
        assert len(set(paragraphs[k])) == 1, paragraphs[k]
    who = [voices[0][0] for _, voices in sorted(paragraphs.items())]
    # the host opens and asks; the guest answers (the answer's second paragraph, uncued, goes to the host unless
    # dialogue.ANSWER_GOES_ON is on: docs/performance.md)
    assert who[:2] == ["Sam Ortiz", "Dana Reyes"]


@pytest.mark.parametrize("whole_turns", [False, True])
def test_with_answers_going_on_an_answer_over_two_uncued_paragraphs_stays_the_guests(monkeypatch, whole_turns):
    monkeypatch.setattr(dialogue, "ANSWER_GOES_ON", True)
    who = [voices[0][0] for _, voices in sorted(_by_paragraph(monkeypatch, whole_turns).items())]
    assert who == ["Sam Ortiz", "Dana Reyes", "Dana Reyes", "Sam Ortiz", "Dana Reyes"]


def test_answers_going_on_are_on_by_default():
    assert dialogue.ANSWER_GOES_ON is True


def test_a_decision_only_the_going_on_carries_has_the_confidence_of_the_decoder_without_it():
    """The answer's uncued second paragraph goes to the guest with answers going on; its confidence is never above
    the posterior the decoder gives the guest there without that reading (so a guess stays unsure)."""
    from helpers.text.speakers.voice import Unit

    paragraphs = [p for p in TALK.split("\n\n")[1:] if p.strip()]
    units, pos = [], 0
    for block, p in enumerate(paragraphs):
        for s in p.replace(". ", ".\n").split("\n"):
            units.append(Unit(pos, pos + len(s), 1 + 2 * block, block, "paragraph", s, None, None))
            pos += len(s) + 1
    role = {"Sam Ortiz": "host", "Dana Reyes": "guest"}
    on = dialogue.decode_dialogue(units, ["Sam Ortiz", "Dana Reyes"], role, answer_goes_on=True)
    off = dialogue.decode_dialogue(units, ["Sam Ortiz", "Dana Reyes"], role, answer_goes_on=False)
    second = [i for i, u in enumerate(units) if u.block_id == 2]
    assert all(on[i][0] == "Dana Reyes" for i in second)
    for i in second:
        guest_off = off[i][1] if off[i][0] == "Dana Reyes" else 1 - off[i][1]
        assert on[i][1] <= guest_off + 0.01  # the author's share aside


def test_whole_turns_are_off_by_default():
    assert dialogue.WHOLE_TURNS is False
