"""Co-hosts, panels and calls (issue 30, session 5, round 10): a request for the floor is a second voice that hands
nothing to the person it names, a sentence opening by addressing the audience is a host's, a moderator's turn to the
audience's questions is moderation (en/de/ja)."""

from __future__ import annotations

import numpy as np
import pytest

from dialogue_units import dialogue_units
from helpers.text.speakers.cues import CUE_NAMES, STYLES, change_cues, sentence_evidence
from helpers.text.speakers.dialogue import W_HOST_AUDIENCE, _hosts_address

_units = dialogue_units
PANEL = ["Marcus Mabry", "Richard Haass", "Amos Yadlin"]


JA_PANEL = ["高橋 彩", "佐藤 健太", "田中 美咲"]


@pytest.mark.parametrize(
    ("people", "request_"),
    [
        (PANEL, "Marcus, can I come in there?"),
        (PANEL, "Marcus, I'll jump in here."),
        (PANEL, "Marcus, darf ich da kurz einhaken?"),
        (JA_PANEL, "高橋さん、ちょっと口を挟ませてください。"),
    ],
)
def test_a_request_for_the_floor_hands_nothing_to_the_person_it_names(people, request_):
    units = _units([(0, "Not failing, a C."), (1, request_), (1, "Nine countries have nuclear weapons.")])
    ev = sentence_evidence(units, people)
    features, handovers = change_cues(units, ev)
    assert handovers[1] == set()  # Marcus is asked for leave, not for an answer: the asker goes on
    assert not ev.questions[1]
    assert features[0][CUE_NAMES.index("answer")] == 1.0  # a second voice, not the answer going on
    assert ev.emit[1, 0] < 0  # and not Marcus's


def test_a_question_to_a_person_by_name_still_hands_them_the_floor():
    units = _units([(0, "Not failing, a C."), (1, "Marcus, can you tell us more?"), (2, "Sure.")])
    _, handovers = change_cues(units, sentence_evidence(units, PANEL))
    assert handovers[1] == {"Marcus Mabry"}


@pytest.mark.parametrize(
    ("opening", "to_audience"),
    [
        ("Listeners, we won't bury the lead: we flew down to sit down with Jensen himself.", True),
        ("Liebe Hörerinnen und Hörer, heute sprechen wir mit Jensen.", True),
        ("リスナーの皆さん、今日はジェンセンさんに話を聞きます。", True),
        ("Everyone knows the company was nearly out of money.", False),
        ("Thank you, everyone.", False),
    ],
)
def test_a_sentence_opening_by_addressing_the_audience_leans_to_the_hosts(opening, to_audience):
    people = ["Ben Gilbert", "David Rosenthal", "Jensen Huang"]
    role = {"Ben Gilbert": "host", "David Rosenthal": "host", "Jensen Huang": "guest"}
    units = _units([(0, opening)])
    ev = sentence_evidence(units, people)
    before = ev.emit.copy()
    _hosts_address(ev, units, people, role)
    lean = ev.emit - before
    assert np.allclose(lean[0, :2], W_HOST_AUDIENCE if to_audience else 0.0)
    assert lean[0, 2] == 0.0


@pytest.mark.parametrize(
    "closing",
    [
        "On that cheerful note, let's go to the members for questions.",
        "Damit öffnen wir die Runde.",
        "それでは会場からのご質問をお受けします。",
    ],
)
def test_turning_to_the_audiences_questions_is_moderation(closing):
    ev = sentence_evidence(_units([(0, closing)]), PANEL)
    assert ev.style[0] == STYLES.index("moderation")


@pytest.mark.parametrize(("genre", "other_as_likely"), [("podcast", True), ("interview", False), (None, False)])
def test_a_podcasts_co_hosts_take_turns_asking(genre, other_as_likely):
    from helpers.text.speakers.dialogue import speaker_states, transition_matrix

    people = ["Ben Gilbert", "David Rosenthal", "Jensen Huang"]
    role = {"Ben Gilbert": "host", "David Rosenthal": "host", "Jensen Huang": "guest"}
    st = speaker_states(people, role, genre)
    m = transition_matrix(0.9, set(), st)
    frm = st.states.index(("Jensen Huang", "David Rosenthal"))  # David asked last, the guest answered
    to_david = m[frm, st.states.index(("David Rosenthal", "David Rosenthal"))]
    to_ben = m[frm, st.states.index(("Ben Gilbert", "David Rosenthal"))]
    assert (to_ben == to_david) if other_as_likely else (to_ben < to_david)


@pytest.mark.parametrize(
    "closing",
    [
        "Thank you for joining us today, and we look forward to speaking with all of you soon.",
        "Danke, dass Sie heute dabei waren.",
        "今後ともよろしくお願いいたします。",
    ],
)
def test_a_call_closed_in_the_companys_voice_is_the_company_hosts(closing):
    people = ["Laura Mendes", "Kevin Walsh", "Tom Becker"]  # an IR host the text never names, an analyst, the CFO
    units = _units(
        [
            (0, "Thank you, operator. Our first question comes from Kevin Walsh."),
            (1, "Tom, can you walk us through the range?"),
            (2, "Sure, Kevin. It moved up."),
            (3, closing),
        ]
    )
    ev = sentence_evidence(units, people)
    assert ev.emit[3, 0] > ev.emit[3, 2] and ev.emit[3, 0] > ev.emit[3, 1]
    assert ev.emit[0, 0] > ev.emit[0, 2]  # "Thank you, operator.": the host, even with no operator among the speakers


def test_thanks_for_joining_us_outside_a_call_is_no_company_host():
    people = ["Laura Mendes", "Kevin Walsh", "Tom Becker"]
    units = _units([(0, "Tom, thank you for joining us."), (1, "Glad to be here, Kevin.")])
    ev = sentence_evidence(units, people)
    assert ev.emit[0, 0] <= ev.emit[0, 1]  # no lean to the one the text never names
