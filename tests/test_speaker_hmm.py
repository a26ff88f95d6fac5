"""The dialogue decoder's HMM inference, alone: forward–backward and Viterbi on small hand-computed models."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text.speakers import forward_backward, viterbi
from helpers.text.speakers.dialogue import speaker_states, transition_matrix

LOG = np.log


def two_step_model():
    """Two states, two steps. The joint probability of each path (init x emission x transition x emission):
    (0,0) 0.5*0.6*0.9*0.3 = 0.081, (0,1) 0.5*0.6*0.1*0.7 = 0.021,
    (1,0) 0.5*0.2*0.2*0.3 = 0.006, (1,1) 0.5*0.2*0.8*0.7 = 0.056; together 0.164."""
    init = LOG([0.5, 0.5])
    trans = [LOG([[0.9, 0.1], [0.2, 0.8]])]
    emit = LOG([[0.6, 0.2], [0.3, 0.7]])
    return init, trans, emit


def test_forward_backward_gives_the_hand_computed_posteriors():
    gamma, xi = forward_backward(*two_step_model())
    z = 0.164
    assert gamma == pytest.approx(np.array([[0.102 / z, 0.062 / z], [0.087 / z, 0.077 / z]]))
    assert xi.shape == (1, 2, 2)
    assert xi[0] == pytest.approx(np.array([[0.081 / z, 0.021 / z], [0.006 / z, 0.056 / z]]))


def test_forward_backward_ignores_a_constant_added_to_a_steps_emissions():
    init, trans, emit = two_step_model()
    shifted = emit + np.array([[5.0], [-40.0]])  # only differences within a step carry evidence
    for a, b in zip(forward_backward(init, trans, emit), forward_backward(init, trans, shifted)):
        assert a == pytest.approx(b)


def test_forward_backward_on_one_step_is_the_normalised_prior_times_the_emission():
    gamma, xi = forward_backward(LOG([0.25, 0.75]), [], LOG([[0.8, 0.4]]))
    assert gamma == pytest.approx(np.array([[0.2 / 0.5, 0.3 / 0.5]]))
    assert xi.shape == (0, 2, 2)


def test_viterbi_follows_the_best_path_not_the_best_state_at_each_step():
    # Paths (0,0) 0.30, (0,1) 0.25, (1,0) 0, (1,1) 0.45: state 0 is likelier at the first step (0.55),
    # yet the likeliest path is (1,1).
    init = LOG([0.55, 0.45])
    with np.errstate(divide="ignore"):
        trans = [LOG([[0.30 / 0.55, 0.25 / 0.55], [0.0, 1.0]])]
    emit = np.zeros((2, 2))
    gamma, _ = forward_backward(init, trans, emit)
    assert gamma[0] == pytest.approx([0.55, 0.45])
    assert viterbi(init, trans, emit) == [1, 1]


def test_viterbi_breaks_ties_towards_the_lowest_state():
    flat = LOG([[0.5, 0.5], [0.5, 0.5]])
    assert viterbi(LOG([0.5, 0.5]), [flat, flat], np.zeros((3, 2))) == [0, 0, 0]


def test_viterbi_on_the_two_step_model():
    assert viterbi(*two_step_model()) == [0, 0]  # 0.081, the largest of the four paths


def _paths(init, trans, emit):
    """Every path with its joint log-probability, by enumeration."""
    n, s = emit.shape
    for path in itertools.product(range(s), repeat=n):
        score = init[path[0]] + emit[0, path[0]]
        for i in range(1, n):
            score += trans[i - 1][path[i - 1], path[i]] + emit[i, path[i]]
        yield path, score


@st.composite
def hmm(draw):
    n = draw(st.integers(1, 5))
    s = draw(st.integers(1, 3))
    weight = st.floats(0.05, 1.0)

    def dist(k):
        w = np.array(draw(st.lists(weight, min_size=k, max_size=k)))
        return w / w.sum()

    init = LOG(dist(s))
    trans = [LOG(np.array([dist(s) for _ in range(s)])) for _ in range(n - 1)]
    emit = LOG(np.array(draw(st.lists(st.lists(weight, min_size=s, max_size=s), min_size=n, max_size=n))))
    return init, trans, emit


@settings(max_examples=200, deadline=None)
@given(hmm())
def test_forward_backward_and_viterbi_agree_with_enumerating_every_path(model):
    init, trans, emit = model
    n, s = emit.shape
    paths = list(_paths(init, trans, emit))
    z = sum(math.exp(score) for _, score in paths)
    gamma_want = np.zeros((n, s))
    xi_want = np.zeros((max(n - 1, 0), s, s))
    for path, score in paths:
        p = math.exp(score) / z
        for i, k in enumerate(path):
            gamma_want[i, k] += p
        for i in range(n - 1):
            xi_want[i, path[i], path[i + 1]] += p
    gamma, xi = forward_backward(init, trans, emit)
    assert gamma == pytest.approx(gamma_want, abs=1e-9)
    assert xi == pytest.approx(xi_want, abs=1e-9)
    best = max(score for _, score in paths)
    assert max(score for path, score in paths if list(path) == viterbi(init, trans, emit)) == pytest.approx(best)


@pytest.mark.parametrize("hosts", [1, 2])
def test_every_transition_matrix_row_is_a_distribution(hosts):
    people = ["Ann Host", "Bob Host", "Cy Guest"]
    role = {"Ann Host": "host", "Bob Host": "host" if hosts == 2 else "guest", "Cy Guest": "guest"}
    states = speaker_states(people, role)
    for p in (0.01, 0.5, 0.99):
        for handed in (set(), {"Cy Guest"}):
            m = transition_matrix(p, handed, states)
            assert np.exp(m).sum(axis=1) == pytest.approx(np.ones(len(states.states)))


def test_a_hosts_unnamed_question_follows_up_with_the_one_who_spoke_last():
    """One host, two guests: from the host (after guest B) the floor goes back to B rather than to A, unless A is
    named."""
    role = {"H": "host", "A": "guest", "B": "guest"}
    st = speaker_states(["H", "A", "B"], role)
    assert st.remembered == ["A", "B"]
    m = transition_matrix(0.9, set(), st)
    host_after_b = st.states.index(("H", "B"))
    # (who speaks, which guest spoke before them): from the host after B, to A or back to B
    to_a, to_b = st.states.index(("A", "B")), st.states.index(("B", "B"))
    assert m[host_after_b, to_b] > m[host_after_b, to_a]
    named = transition_matrix(0.9, {"A"}, st)
    assert named[host_after_b, to_a] > named[host_after_b, to_b]
    # a guest's turn is remembered; the host's is not
    after_a = st.states.index(("A", "B"))
    assert np.isinf(m[after_a, st.states.index(("H", "B"))]) and np.isfinite(m[after_a, st.states.index(("H", "A"))])


def test_two_people_or_several_hosts_remember_no_guest():
    assert speaker_states(["H", "G"], {"H": "host", "G": "guest"}).remembered == []
    st = speaker_states(["H1", "H2", "G"], {"H1": "host", "H2": "host", "G": "guest"})
    assert st.remembered == ["H1", "H2"]
