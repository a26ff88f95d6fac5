"""Calls, panels and co-hosts (issue 30, session 5): a greeting by name is a reply, short forms ("Joe"), a panel's
presider, an answer added by a second voice ("And just to add, …"), a remark put to someone by name, the analyst
who asked last following up, and the executives a call names answering."""

from __future__ import annotations

import pytest

from dialogue_units import dialogue_units
from helpers.text.speakers.cues import CUE_NAMES, change_cues, sentence_evidence
from helpers.text.speakers.dialogue import speaker_states, transition_matrix
from helpers.text.speakers.handover import thanked
from helpers.text.speakers.names import given_names, short_forms
from helpers.text.speakers.roles import roles

_units = dialogue_units


def test_a_greeting_by_name_is_a_reply_to_that_person():
    people = ["Elizabeth Anderson", "John Morici"]
    assert thanked("Hey, Elizabeth, this is John.", given_names(people)) == {"Elizabeth Anderson"}


@pytest.mark.parametrize(("given", "form"), [("Joseph Hogan", "joe"), ("Jeffrey Lee", "jeff"), ("Nathan Ng", "nate")])
def test_common_short_forms_name_their_person(given, form):
    assert short_forms([given, "Ann Other"])[form] == given


def test_a_short_form_that_is_also_a_word_is_left_out():
    assert "ray" not in short_forms(["Raymond Chen", "Ann Other"])


@pytest.mark.parametrize(
    "event",
    [
        "Council on Foreign Relations panel presided by Marcus Mabry",
        "Podiumsgespräch, geleitet von Marcus Mabry",
        "パネル討論 進行：Marcus Mabry",
    ],
)
def test_the_presider_hosts_the_panel(event):
    people = ["Marcus Mabry", "Richard Haass", "Amos Yadlin"]
    assert roles(people, event) == {"Marcus Mabry": "host", "Richard Haass": "guest", "Amos Yadlin": "guest"}


def test_a_moderator_introducing_themselves_and_the_panel_hosts_it():
    people = ["Marcus Mabry", "Richard Haass", "Amos Yadlin"]
    intro = "I'm Marcus Mabry, and I have two heads of institutes with me: Richard Haass and Amos Yadlin."
    units = _units([(0, intro)])
    assert roles(people, None, units) == {"Marcus Mabry": "host", "Richard Haass": "guest", "Amos Yadlin": "guest"}


@pytest.mark.parametrize(
    ("answer", "added"),
    [
        ("Revenue grew 7% in the quarter.", "And just to add, advertising is still small in the numbers."),
        ("Der Umsatz stieg um 7 Prozent.", "Wenn ich ergänzen darf, die Werbung ist noch klein."),
        ("売上は7%増えました。", "補足すると、広告はまだ小さいです。"),
    ],
)
def test_an_answer_added_by_a_second_voice_is_no_continuation(answer, added):
    units = _units([(0, answer), (1, added)])
    features, _ = change_cues(units, sentence_evidence(units, ["A B", "C D"]))
    assert features[0][CUE_NAMES.index("answer")] == 1.0
    assert features[0][CUE_NAMES.index("continues")] == 0.0


def test_a_paragraph_going_on_with_and_still_continues():
    units = _units([(0, "Revenue grew 7% in the quarter."), (1, "And margins held at 22%.")])
    features, _ = change_cues(units, sentence_evidence(units, ["A B", "C D"]))
    assert features[0][CUE_NAMES.index("continues")] == 1.0


@pytest.mark.parametrize(
    ("remark", "asked"),
    [
        ("Sook-Jong, you had North Korea on top of your list.", "Sook-Jong Lee"),
        ("Herr Vogel, Sie haben Nordkorea ganz oben auf Ihrer Liste.", "Jens Vogel"),
    ],
)
def test_a_remark_put_to_someone_by_name_hands_them_the_floor(remark, asked):
    people = ["Marcus Mabry", "Sook-Jong Lee", "Jens Vogel", "Amos Yadlin"]
    units = _units([(0, remark), (1, "Yes. The sanctions have not worked.")])
    _, handovers = change_cues(units, sentence_evidence(units, people))
    assert handovers[0] == {asked}


def test_a_remark_with_you_know_hands_nothing_over():
    people = ["Marcus Mabry", "Sook-Jong Lee", "Amos Yadlin"]
    units = _units([(0, "Sook-Jong, you know, the sanctions have not worked."), (1, "They have not.")])
    _, handovers = change_cues(units, sentence_evidence(units, people))
    assert handovers[0] == set()


def test_a_host_closing_an_opening_by_addressing_a_guest_asks_the_next_question_too():
    people = ["Marcus Mabry", "Richard Haass", "Amos Yadlin"]
    units = _units(
        [
            (0, "Good morning."),
            (0, "Richard, the report card graded ten challenges this year."),
            (1, "What is the headline?"),
        ]
    )
    features, handovers = change_cues(units, sentence_evidence(units, people))
    assert features[1][CUE_NAMES.index("question")] == 0.0  # the host asks on
    assert features[1][CUE_NAMES.index("asks_again")] == 1.0


def test_a_call_names_its_executives_as_the_ones_who_answer():
    people = ["Operator", "Jon Block", "Nathan Rich", "Joseph Hogan", "John Morici"]
    units = _units(
        [
            (0, "Our first question comes from the line of Jon Block."),
            (1, "What changed, Joe?"),
            (2, "Our next question comes from the line of Nathan Rich."),
            (3, "John, anything to add?"),
        ]
    )
    role = roles(people, None, units)
    assert role["Jon Block"] == role["Nathan Rich"] == "analyst"
    assert role["Joseph Hogan"] == role["John Morici"] == "guest"
    assert role["Operator"] == "moderator"


def test_after_an_executive_answers_the_analyst_who_asked_last_follows_up():
    people = ["Operator", "Jon Block", "Nathan Rich", "John Morici"]
    role = {"Operator": "moderator", "Jon Block": "analyst", "Nathan Rich": "analyst", "John Morici": "guest"}
    st = speaker_states(people, role)
    m = transition_matrix(0.9, set(), st)
    frm = st.states.index(("John Morici", "Nathan Rich"))  # Nathan asked last
    to_nathan = m[frm, st.states.index(("Nathan Rich", "Nathan Rich"))]
    to_jon = m[frm, st.states.index(("Jon Block", "Nathan Rich"))]  # the memory updates at the next boundary
    assert to_jon > float("-inf")
    assert to_nathan > to_jon
    # the operator announcing a new analyst is no follow-up: both analysts stay alike
    frm = st.states.index(("Operator", "Nathan Rich"))
    same = st.states.index(("Nathan Rich", "Nathan Rich")), st.states.index(("Jon Block", "Nathan Rich"))
    assert m[frm, same[0]] == m[frm, same[1]]


def test_a_name_two_speakers_share_names_one_of_them():
    from helpers.text.speakers.names import shared_forms

    people = ["Operator", "David Baszucki", "Michael Guthrie", "David Karnovsky"]
    shared = shared_forms(people)
    assert shared["David"] == shared["Dave"] == {"David Baszucki", "David Karnovsky"}
    assert "David" not in given_names(people)  # no longer the last David listed


def test_thanks_to_a_shared_name_favours_both_holders_and_hands_nothing_over():
    people = ["Operator", "David Baszucki", "Michael Guthrie", "David Karnovsky"]
    units = _units([(0, "We are running experiments across every cohort."), (1, "Thanks a lot, David.")])
    ev = sentence_evidence(units, people)
    assert ev.emit[0, 1] == ev.emit[0, 3] > ev.emit[0, 2]  # one of the Davids answered, not Michael
    assert ev.asks_next[1] == set()


def test_a_question_to_a_shared_name_hands_the_floor_to_its_holders():
    people = ["Operator", "David Baszucki", "Michael Guthrie", "David Karnovsky"]
    units = _units([(0, "Dave, it's early, but how did the ad units do?"), (1, "Two things.")])
    _, handovers = change_cues(units, sentence_evidence(units, people))
    assert handovers[0] == {"David Baszucki", "David Karnovsky"}  # the one asking cannot be the one who answers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Gross margin was 70.4% on a non-GAAP basis.", True),
        ("Free cash flow was $211 million in the quarter.", True),
        ("Der freie Cashflow lag bei 211 Millionen Dollar.", True),
        ("営業利益率は22%でした。", True),
        ("Teen starts were up about 8% for us.", False),
        ("Scanners are a capital purchase, so doctors are careful.", False),
    ],
)
def test_statements_about_the_numbers_are_recognised(text, numbers):
    import numpy as np

    from helpers.text.speakers.topics import finance_sentences

    assert finance_sentences([text], np.array([True]))[0] == numbers


def test_on_a_call_the_numbers_are_a_style_of_their_own_learned_per_person():
    from helpers.text.speakers.cues import STYLES
    from helpers.text.speakers.dialogue import call_styles, style_prior

    people = ["Operator", "Jon Block", "Nathan Rich", "Joseph Hogan", "John Morici"]
    role = {
        "Operator": "moderator",
        "Jon Block": "analyst",
        "Nathan Rich": "analyst",
        "Joseph Hogan": "guest",
        "John Morici": "guest",
    }
    st = speaker_states(people, role)
    prior = style_prior(st, role)
    assert prior.shape[0] == len(STYLES) + 1 and abs(prior[:, 3].sum() - 1) < 1e-9
    units = _units([(0, "Gross margin was 70.4% on a non-GAAP basis."), (1, "Teen starts were up about 8%.")])
    styles = call_styles(sentence_evidence(units, people), units, st).style
    assert list(styles) == [len(STYLES), STYLES.index("other")]
    # elsewhere (no analysts) nothing changes
    plain = speaker_states(["A B", "C D"], {"A B": "host", "C D": "guest"})
    assert style_prior(plain, {"A B": "host", "C D": "guest"}).shape[0] == len(STYLES)
