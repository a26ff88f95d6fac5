"""Unlabelled dialogue decoded as a whole: who speaks each sentence of a conversation between known speakers.

Sentences are the observations; a hidden state is the current speaker (and,
when the conversation has several hosts, which host spoke last). Turns
change easily at paragraph breaks, rarely at line breaks inside a paragraph
and hardly inside a line, more or less easily with the cues of
:mod:`.cues`; a person's emissions weigh the evidence of their sentences and
how they talk (hosts open and ask, guests answer at length). How often turns
change and how each person talks are re-estimated on the conversation itself
(a few EM steps), so an interview that turns at every paragraph and a
subtitle translation that splits one answer into dozens of short paragraphs
are both read sensibly. Viterbi gives the speakers (a sentence whose own
posterior clearly favours someone else takes that speaker); forward–backward
gives each sentence's posterior.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from .cues import CUE_NAMES, CUE_WEIGHTS, STYLES, Evidence, change_cues, sentence_evidence
from .hmm import forward_backward, viterbi
from .names import unquoted
from .openings import _TO_AUDIENCE
from .topics import finance_sentences
from .turns import candidate_boundaries, decode_turns, segment_turns, spread_turns, turn_emissions
from .voice import Unit

CUE_PRIOR_PRECISION = 1.0  # how firmly the defaults hold (1 / variance in log-odds)
# P(question, long statement, other, moderation | role), before re-estimation on the conversation.
# Analysts on a call ask; a moderator or operator opens, hands over and closes.
# Then the host's welcome and the guest's thanks ("Thanks for having me.", "Great question."): rare, but each tells
# who invited whom.
ROLE_STYLE = {
    "host": (0.27, 0.24, 0.28, 0.08, 0.10, 0.025, 0.005),
    "guest": (0.10, 0.455, 0.34, 0.02, 0.05, 0.005, 0.03),
    "analyst": (0.43, 0.14, 0.35, 0.02, 0.05, 0.005, 0.005),
    "moderator": (0.05, 0.10, 0.31, 0.47, 0.05, 0.015, 0.005),
    "": (0.29, 0.29, 0.28, 0.06, 0.06, 0.01, 0.01),
}
# On a call, the share of a person's statements that are about the company's numbers (margins, cash flow,
# guidance: :mod:`.topics`), before re-estimation on the call: the executives talk numbers, the analysts ask about
# them. Re-estimated per person, it tells the CFO's answers from the CEO's once either has been placed by a name.
ROLE_FINANCE = {"guest": 0.15, "analyst": 0.03, "moderator": 0.01, "host": 0.05, "": 0.08}
STYLE_PRIOR_WEIGHT = 15.0
STYLE_TEMPER = 0.5
# With one host and several others, a host's question that names nobody follows up on the last answer: the one who
# spoke last is this many times likelier to be asked than each of the others.
FOLLOW_UP = 2.0
# With several hosts, how likely the next host turn after someone else's is the other host's rather than the one who
# spoke last: on a stage or in a studio one interviewer mostly follows up his own question (0.3); a podcast's co-hosts
# take turns asking (in the two-host podcasts of the tune gold 10 of 14 host turns after a guest's were the other
# host's), so there the other host is as likely (PODCAST_HOST_SWITCH).
HOST_SWITCH = 0.3
PODCAST_HOST_SWITCH = 1.0
# On a call (analysts, no host) the state remembers which analyst asked last: after an executive's answer the
# floor goes back to that analyst this many times likelier than to each other analyst (a new one is announced).
ANALYST_FOLLOW_UP = 4.0
HOST_OPENS = 0.8  # the first words of a conversation are a host's
ADDRESSED_NEXT = 3.0  # log-odds bonus for handing the floor to the person asked by name
AUTHOR = "\x00author"
EM_STEPS = 4
W_HOST_ADDRESS = 1.0  # log-odds lean towards the hosts for a sentence that addresses a guest by name
W_HOST_AUDIENCE = 3.0  # and for one that opens by addressing the audience ("Listeners, …", "Liebe Hörer, …")
CLEARLY_LIKELIER = 0.1  # posterior margin by which a sentence's own likeliest speaker overrides the best path
AUTHOR_SHARE = 0.05  # a note by the translator or editor interrupts a dialogue rarely
# How often the speaker changes at a paragraph break without a cue differs most between documents: an
# interview turns at nearly every paragraph, a subtitle translation splits one answer into dozens. The share of
# paragraph breaks that carry a cue of a change (a question before, an answer word, a one-liner, an address by
# name) tells them apart: about 0.17 in the two translated talks of the gold (where 14% of the other breaks
# change speaker), 0.47 to 0.79 in the interviews, podcasts, panels and calls (50% to 100%). The rate without
# a cue is interpolated between these anchors (share, rate), and EM refines it from there.
CUED_SHARE_RATE = ((0.2, 0.25), (0.45, 0.8))
# Decode whole turns (:mod:`.turns`): every sentence of a turn gets the turn's speaker and posterior. Off by
# default: on the development dialogues it was not better than decoding sentence by sentence (docs/performance.md,
# speakers, rounds 3 and 4: tune 86.7% -> 85.3%, 004 78.0% -> 71.2% in round 4); ``decode_dialogue(...,
# whole_turns=True)`` or ``bench/eval_speakers.py --whole-turns`` turns it on.
WHOLE_TURNS = False
# Which boundaries may change the speaker. A boundary whose chance of a change is under MIN_TURN_CHANGE joins its
# sentences into one turn. Between two people turns alternate and a change is mostly heard (a question, an answer
# word, a reply by name): a boundary with no cue (only a paragraph or line break) continues the turn unless its
# chance of a change reaches UNCUED_TURN_CHANGE (an interview laid out one turn per paragraph). With three or
# more, anyone may pick up after a pause: the uncued breaks stay candidates.
UNCUED_TURN_CHANGE = {2: 0.6}
MIN_TURN_CHANGE = 0.05
# An answer going on into a second paragraph without a cue (``answer_goes_on``) is read as such only between two
# people laid out about one paragraph per turn (a paragraph change rate, from the share of cued breaks, of at least
# ANSWER_GOES_ON_MIN_RATE): there the high rate would hand the second paragraph over; a subtitle-like layout's low
# rate keeps it anyway, and with three or more anyone may pick up after a pause. It puts more answers right (tune2
# 86.2% -> 93.1%, calibration 78.9% -> 89.5% of claims) but is a guess the text does not state: the confidence of
# every decision is the lower of the posteriors with and without the cue, so a speaker only the guess names stays
# unsure (with the plain posterior held-out claims confident and wrong rose past 5%: docs/performance.md, round 5
# and session 4). ``decode_dialogue(..., answer_goes_on=False)`` turns it off.
ANSWER_GOES_ON = True
ANSWER_GOES_ON_MIN_RATE = 0.5
STRONG_CUES = ("question", "answer", "asks", "handed", "replies", "short", "echo")


@dataclass(frozen=True)
class States:
    """The hidden states: (who speaks, who of ``remembered`` spoke last). With several hosts the state remembers
    which host spoke last; with one host and two or more others, which of the others did (a host's question that
    names nobody follows up on the last answer); on a call without a host, which analyst asked last. Otherwise the
    second part is constant."""

    people: list[str]
    hosts: list[str]
    last_host_opts: list[str | None]  # the values of the second part (None when nothing is remembered)
    who_opts: list[str]  # the people, then AUTHOR (translator's and editor's notes)
    states: list[tuple[str, str | None]]
    who_idx: np.ndarray  # the index in ``who_opts`` of each state's speaker
    openers: list[str]  # who opens: the hosts, failing them the moderators
    remembered: list[str]  # whose turns the second part remembers: the hosts, or the others of a single host
    answerers: frozenset[str] = frozenset()  # on a call, the executives who answer the analysts
    host_switch: float = HOST_SWITCH  # the weight of the other host taking the next host turn (see HOST_SWITCH)


def speaker_states(speakers: list[str], role: dict[str, str], genre: str | None = None) -> States:
    people = list(speakers)
    hosts = [p for p in people if role.get(p) == "host"]
    others = [p for p in people if p not in hosts]
    analysts = [p for p in people if role.get(p) == "analyst"]
    remembered = (
        hosts if len(hosts) > 1 else others if len(hosts) == 1 and len(others) > 1 else analysts if not hosts else []
    )
    if len(remembered) < 2:
        remembered = []
    last_host_opts: list[str | None] = [*remembered] if remembered else [None]
    who_opts = people + [AUTHOR]
    states = [(w, h) for w in who_opts for h in last_host_opts]
    who_idx = np.array([who_opts.index(w) for w, _ in states])
    openers = hosts or [p for p in people if role.get(p) == "moderator"]
    answerers = frozenset(p for p in people if role.get(p) == "guest") if analysts else frozenset()
    switch = PODCAST_HOST_SWITCH if "podcast" in (genre or "").lower() else HOST_SWITCH
    return States(people, hosts, last_host_opts, who_opts, states, who_idx, openers, remembered, answerers, switch)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _fit_cue_weights(features: np.ndarray, switched: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Log-odds of a speaker change per cue that best explain the expected changes.

    A logistic regression on soft labels (the expected change at each
    boundary) with a Gaussian pull towards the default weights, so a cue seen
    a few times keeps about its default meaning and one seen often is
    weighed as this conversation uses it (Newton steps).
    """
    w = prior.copy()
    if len(switched) == 0:
        return w
    for _ in range(8):
        p = _sigmoid(features @ w)
        grad = features.T @ (switched - p) - CUE_PRIOR_PRECISION * (w - prior)
        hess = (features * (p * (1 - p))[:, None]).T @ features + CUE_PRIOR_PRECISION * np.eye(len(w))
        w = w + np.linalg.solve(hess, grad)
    return w


def transition_matrix(p: float, handed: set[str], st: States) -> np.ndarray:
    """Log-probabilities S x S of moving between states across a boundary where the speaker changes with
    probability ``p`` and the people in ``handed`` were just given the floor."""
    S = len(st.states)
    hosts = st.hosts
    m = np.full((S, S), -np.inf)
    for a, (wa, ha) in enumerate(st.states):
        expect_h = wa if wa in st.remembered else ha  # the remembered part follows deterministically
        targets: list[tuple[int, float]] = []
        for c, (wc, hc) in enumerate(st.states):
            if len(st.last_host_opts) > 1 and hc != expect_h or wc == wa:
                continue
            w = 1.0
            if wc in handed:
                w *= math.exp(ADDRESSED_NEXT)
            if wc in hosts and len(hosts) > 1 and expect_h is not None and wc != expect_h:
                w *= st.host_switch  # on a stage one host follows up; a podcast's co-hosts take turns
            if wa in hosts and len(hosts) == 1 and wc == expect_h and wc in st.remembered:
                w *= FOLLOW_UP  # the host's question goes back to the one who spoke last, unless it names someone
            if not hosts and wa in st.answerers and wc in st.remembered:
                # on a call the analyst who asked last follows up ("Got it. And on scanners?"); a new one is announced
                w *= ANALYST_FOLLOW_UP if wc == expect_h else 1.0
            if wc == AUTHOR:
                w *= AUTHOR_SHARE
            elif wa == AUTHOR and hosts:
                # after a translator's or editor's note the host (re)opens
                w *= HOST_OPENS if wc in hosts else 1 - HOST_OPENS
            targets.append((c, w))
        total = sum(w for _, w in targets)
        for c, w in targets:
            m[a, c] = math.log(p) + math.log(w / total)
        for c, (wc, hc) in enumerate(st.states):
            if wc == wa and (len(st.last_host_opts) == 1 or hc == expect_h):
                m[a, c] = math.log(1 - p) if targets else 0.0
    return m


def transitions(features: np.ndarray, handovers: list[set[str]], weights: np.ndarray, st: States) -> list[np.ndarray]:
    """The log transition matrix at each boundary, its change probability the cues' ``features @ weights``."""
    out = []
    cache: dict[tuple[float, frozenset[str]], np.ndarray] = {}
    for p, handed in zip(_sigmoid(features @ weights), handovers):
        key = (float(p), frozenset(handed))
        if key not in cache:
            cache[key] = transition_matrix(p, handed, st)
        out.append(cache[key])
    return out


def style_prior(st: States, role: dict[str, str]) -> np.ndarray:
    """How each person talks (asks / holds forth / other / moderates / …), styles x W, from their role: hosts ask,
    guests hold forth, moderators hand over. On a call (``st.answerers``) a last row: statements about the numbers."""
    prior = np.array([ROLE_STYLE.get(role.get(w, ""), ROLE_STYLE[""]) for w in st.who_opts]).T
    if not st.answerers:
        return prior
    finance = np.array([ROLE_FINANCE.get(role.get(w, ""), ROLE_FINANCE[""]) for w in st.who_opts])
    return np.vstack([prior * (1 - finance), finance])


def call_styles(ev: Evidence, units: list[Unit], st: States) -> Evidence:
    """On a call, the statements about the company's numbers take the style after :data:`STYLES` (``style_prior``'s
    last row); elsewhere ``ev`` as it is."""
    if not st.answerers:
        return ev
    plain = np.isin(ev.style, [STYLES.index(k) for k in ("long", "other", "you")])
    numbers = finance_sentences([u.text for u in units], plain)
    return replace(ev, style=np.where(numbers, len(STYLES), ev.style))


def emissions(ev: Evidence, style_p: np.ndarray, st: States) -> np.ndarray:
    """Log emission scores n x S: the sentences' evidence plus how each speaker talks."""
    # Style is weak evidence repeated over every sentence of a turn: tempered.
    return (ev.emit + STYLE_TEMPER * np.log(style_p[ev.style]))[:, st.who_idx]  # n x S


def initial_log_probs(st: States) -> np.ndarray:
    """Who opens the conversation: a host if there are hosts; ties go to the speaker the catalog lists first."""
    hosts, people = st.openers, st.people
    opener = np.array(
        [
            (HOST_OPENS / len(hosts) if w in hosts else (1 - HOST_OPENS) / max(1, len(people) - len(hosts)))
            if hosts
            else 1 / len(people)
            for w, _ in st.states
        ]
    )
    opener = np.where([w == AUTHOR for w, _ in st.states], AUTHOR_SHARE, opener)
    return np.log(opener / opener.sum() / len(st.last_host_opts)) - 0.01 * np.array(
        [st.who_opts.index(w) for w, _ in st.states]
    )


def by_speaker(gamma: np.ndarray, st: States) -> np.ndarray:
    """State posteriors n x S summed per speaker: n x W."""
    who = np.zeros((len(gamma), len(st.who_opts)))
    np.add.at(who.T, st.who_idx, gamma.T)
    return who


def restyle(gamma: np.ndarray, ev: Evidence, prior: np.ndarray, st: States) -> np.ndarray:
    """How each person talks, re-estimated from the sentences the posteriors give them (the prior as pseudo-counts)."""
    counts = np.zeros(prior.shape)
    np.add.at(counts, ev.style, by_speaker(gamma, st))
    style_p = counts + STYLE_PRIOR_WEIGHT * prior
    style_p = style_p / style_p.sum(axis=0, keepdims=True)
    style_p[:, -1] = 1 / len(prior)  # the author's notes carry no style evidence
    return style_p


def fit_conversation(
    ev: Evidence, features: np.ndarray, handovers: list[set[str]], init: np.ndarray, role: dict[str, str], st: States
) -> tuple[np.ndarray, np.ndarray]:
    """Cue weights (log-odds of a change) and log emissions re-estimated on this conversation (EM).

    How often turns change at a paragraph or line break differs a lot between
    documents (an interview turns at nearly every paragraph, a subtitle-style
    translation splits one answer into dozens): re-estimate the base rates on
    this conversation, and how each person talks, with a few EM steps.
    """
    start = CUE_WEIGHTS.copy()
    rate = block_change_rate(features)
    start[CUE_NAMES.index("block")] = math.log(rate / (1 - rate))
    weights, log_emit = _em(ev, features, handovers, init, role, st, start)
    return weights, log_emit


def block_change_rate(features: np.ndarray) -> float:
    """The chance of a change at a paragraph break without a cue, from the share of breaks that have one."""
    blocks = features[:, CUE_NAMES.index("block")] > 0
    if not blocks.any():
        return CUED_SHARE_RATE[0][1]
    cued = features[blocks][:, [CUE_NAMES.index(c) for c in STRONG_CUES]].any(axis=1).mean()
    (x0, y0), (x1, y1) = CUED_SHARE_RATE
    return float(y0 + (y1 - y0) * min(1.0, max(0.0, (cued - x0) / (x1 - x0))))


def _em(
    ev: Evidence,
    features: np.ndarray,
    handovers: list[set[str]],
    init: np.ndarray,
    role: dict[str, str],
    st: States,
    start: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Cue weights and log emissions after EM from the cue weights ``start`` (also the prior the weights are
    pulled towards)."""
    same = st.who_idx[:, None] == st.who_idx[None, :]
    prior = style_prior(st, role)
    log_emit = emissions(ev, prior.copy(), st)
    weights = start.copy()
    for _ in range(EM_STEPS):
        gamma, xi = forward_backward(init, transitions(features, handovers, weights, st), log_emit)
        switched = (xi * ~same).sum(axis=(1, 2))
        log_emit = emissions(ev, restyle(gamma, ev, prior, st), st)
        weights = _fit_cue_weights(features, switched, start)
    return weights, log_emit


def decode_dialogue(
    units: list[Unit],
    speakers: list[str],
    role: dict[str, str],
    whole_turns: bool | None = None,
    answer_goes_on: bool | None = None,
    genre: str | None = None,
) -> list[tuple[str | None, float]]:
    """(speaker or None for the author's notes, posterior) per unit, decoded over the whole conversation.

    ``whole_turns`` (default :data:`WHOLE_TURNS`) decodes turn by turn instead of sentence by sentence;
    ``answer_goes_on`` (default :data:`ANSWER_GOES_ON`) reads an uncued paragraph after an answer as going on;
    ``genre`` ("podcast", "interview", …) tells how co-hosts take turns (:data:`HOST_SWITCH`).
    """
    n = len(units)
    if n == 0:
        return []
    st = speaker_states(speakers, role, genre)
    ev = call_styles(sentence_evidence(units, speakers), units, st)
    _hosts_address(ev, units, speakers, role)
    features, handovers = change_cues(units, ev)
    goes_on = ANSWER_GOES_ON if answer_goes_on is None else answer_goes_on
    col = CUE_NAMES.index("answer_goes_on")
    if not goes_on or len(st.people) != 2 or block_change_rate(features) < ANSWER_GOES_ON_MIN_RATE:
        features[:, col] = 0.0
    decoded, _ = _decode(ev, features, handovers, role, st, whole_turns)
    if not features[:, col].any():
        return decoded
    # An answer read as going on into an uncued paragraph is a guess the text does not state: the confidence is
    # the one the decoder would give the same speaker without that guess (a decision it alone carries is unsure).
    plain = features.copy()
    plain[:, col] = 0.0
    _, skeptic = _decode(ev, plain, handovers, role, st, whole_turns)
    return [(w, min(p, skeptic[i].get(w, 0.0))) for i, (w, p) in enumerate(decoded)]


def _hosts_address(ev: Evidence, units: list[Unit], speakers: list[str], role: dict[str, str]) -> None:
    """A sentence that addresses a guest by name ("Jensen, for four years you told me…") is likelier a host's
    (a host turns to each guest in turn); with two guests the other guest could say it too, so it is a lean. One that
    opens by addressing the audience ("Listeners, we won't bury the lead…") is a host's too: hosts speak for the
    show, guests to the hosts."""
    hosts = [speakers.index(p) for p in speakers if role.get(p) in ("host", "moderator")]
    if not hosts:
        return
    for i, named in enumerate(ev.addressed):
        if any(role.get(p) == "guest" for p in named):
            ev.emit[i, hosts] += W_HOST_ADDRESS
        if _TO_AUDIENCE.search(unquoted(units[i].text)):
            ev.emit[i, hosts] += W_HOST_AUDIENCE


def _decode(
    ev: Evidence,
    features: np.ndarray,
    handovers: list[set[str]],
    role: dict[str, str],
    st: States,
    whole_turns: bool | None,
) -> tuple[list[tuple[str | None, float]], list[dict[str | None, float]]]:
    """(speaker, posterior) per unit: the best path, a sentence whose own posterior clearly favours someone else
    taking that speaker; and each unit's posterior per speaker (None for the author's notes; decoding whole
    turns, only the chosen speaker's)."""
    init = initial_log_probs(st)
    weights, log_emit = fit_conversation(ev, features, handovers, init, role, st)
    log_trans = transitions(features, handovers, weights, st)
    if WHOLE_TURNS if whole_turns is None else whole_turns:
        turns = _decode_whole_turns(init, log_trans, log_emit, features, weights, st)
        return turns, [{w: p} for w, p in turns]
    path = viterbi(init, log_trans, log_emit)
    gamma, _ = forward_backward(init, log_trans, log_emit)
    who_post = by_speaker(gamma, st)
    out: list[tuple[str | None, float]] = []
    for i in range(len(who_post)):
        w = st.states[path[i]][0]
        k = st.who_opts.index(w)
        if who_post[i, k] < who_post[i].max() - CLEARLY_LIKELIER:
            # Viterbi's single best path can run through a sentence that, summed
            # over all paths, clearly more likely belongs to someone else (mostly
            # when two hosts are hard to tell apart): take the likelier speaker.
            k = int(np.argmax(who_post[i]))
            w = st.who_opts[k]
        out.append((None if w == AUTHOR else w, float(who_post[i, k])))
    posts = [{None if w == AUTHOR else w: float(p) for w, p in zip(st.who_opts, row)} for row in who_post]
    return out, posts


def _decode_whole_turns(
    init: np.ndarray,
    log_trans: list[np.ndarray],
    log_emit: np.ndarray,
    features: np.ndarray,
    weights: np.ndarray,
    st: States,
) -> list[tuple[str | None, float]]:
    """Decode turn by turn (:mod:`.turns`): each sentence gets its turn's speaker and posterior."""
    change_p = _sigmoid(features @ weights) if len(features) else np.zeros(0)
    positive = [CUE_NAMES.index(c) for c, w in zip(CUE_NAMES, CUE_WEIGHTS) if w > 0]
    cued = np.asarray((features[:, positive] > 0).any(axis=1) if len(features) else np.zeros(0), dtype=bool)
    min_uncued = UNCUED_TURN_CHANGE.get(len(st.people), MIN_TURN_CHANGE)
    turns = segment_turns(len(log_emit), candidate_boundaries(change_p, cued, MIN_TURN_CHANGE, min_uncued))
    path, gamma = decode_turns(init, log_trans, turn_emissions(log_emit, turns), turns)
    who_post = by_speaker(gamma, st)
    per_turn: list[tuple[str | None, float]] = []
    for k, s in enumerate(path):
        w = st.states[s][0]
        j = st.who_opts.index(w)
        if who_post[k, j] < who_post[k].max() - CLEARLY_LIKELIER:
            j = int(np.argmax(who_post[k]))
            w = st.who_opts[j]
        per_turn.append((None if w == AUTHOR else w, float(who_post[k, j])))
    return [v for v in spread_turns(turns, per_turn) if isinstance(v, tuple)]
