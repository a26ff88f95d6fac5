"""Calls and broadcasts (issue 30, round 8): an operator's formula after an announcement ("Your line is open.",
"Bitte sehr.", "どうぞ。") is the announcer still speaking; the floor passes to the person announced after it."""

from __future__ import annotations

import pytest

from dialogue_units import dialogue_units
from helpers.text.speakers.cues import change_cues, sentence_evidence
from helpers.text.speakers.handover import go_ahead

_units = dialogue_units


@pytest.mark.parametrize(
    "s",
    [
        "Your line is open.",
        "Please go ahead.",
        "Please proceed.",
        "Go ahead, please.",
        "Bitte sehr.",
        "Sie haben das Wort.",
        "どうぞ。",
        "それでは、お願いします。",
    ],
)
def test_an_operators_formula_is_recognised(s):
    assert go_ahead(s)


@pytest.mark.parametrize(
    "s",
    [
        "Please go ahead and tell us about margins.",
        "Your line of business grew 12%.",
        "Bitte sehr gerne erkläre ich das.",
        "どうぞよろしくお願いします、と彼は言った。",
    ],
)
def test_a_sentence_that_says_more_is_no_formula(s):
    assert not go_ahead(s)


@pytest.mark.parametrize(
    ("people", "announce", "formula", "question"),
    [
        (
            ["Operator", "Matthew Cost", "David Baszucki"],
            "Your next question comes from the line of Matthew Cost.",
            "Your line is open.",
            "Thanks for taking the question.",
        ),
        (
            ["Moderatorin", "Anna Weber", "Jens Vogel"],
            "Die nächste Frage kommt von Anna Weber.",
            "Bitte sehr.",
            "Danke für das Wort.",
        ),
        (["司会", "田中一郎", "鈴木花子"], "次の質問は田中一郎さんです。", "どうぞ。", "ありがとうございます。"),
    ],
)
def test_the_floor_passes_after_the_formula_not_before_it(people, announce, formula, question):
    units = _units([(0, announce), (0, formula), (1, question)])
    _, handovers = change_cues(units, sentence_evidence(units, people))
    assert handovers[0] == set()  # the formula is still the operator's
    assert handovers[1] == {people[1]}  # the analyst announced asks next


@pytest.mark.parametrize(
    ("people", "handover", "executive"),
    [
        (
            ["Operator", "Steve Filton", "Alan Miller"],
            "Admissions fell 6%. I'll let Alan speak to staffing.",
            "Alan Miller",
        ),
        (
            ["Moderator", "Eva Roth", "Jens Vogel"],
            "Der Umsatz stieg um 4%. Dazu lasse ich Jens antworten.",
            "Jens Vogel",
        ),
        (
            ["オペレーター", "田中一郎", "鈴木花子"],
            "売上は4%増えました。 人員については鈴木花子から説明いたします。",
            "鈴木花子",
        ),
    ],
)
def test_an_executive_handing_over_by_name_hands_the_floor(people, handover, executive):
    first, second = handover.split(" ", 1) if "。" in handover else handover.split(". ", 1)
    first = first if first.endswith("。") else first + "."
    units = _units([(0, first), (0, second), (1, "Staffing is the constraint.")])
    _, handovers = change_cues(units, sentence_evidence(units, people))
    assert handovers[1] == {executive}


def test_the_host_a_call_never_names_says_operator_next_question():
    people = ["Operator", "Brett Iversen", "Keith Weiss", "Amy Hood"]
    units = _units(
        [
            (0, "Our first question comes from Keith Weiss."),
            (1, "Amy, what about margins?"),
            (2, "Margins rose 2 points."),
            (3, "Thanks, Keith."),
            (3, "Operator, next question, please."),
        ]
    )
    emit = sentence_evidence(units, people).emit
    others = [emit[4, people.index(p)] for p in people if p != "Brett Iversen"]
    assert emit[4, people.index("Brett Iversen")] > max(others)


def test_when_the_text_names_nobody_no_speaker_is_favoured_as_host():
    people = ["Operator", "Brett Iversen", "Amy Hood"]
    units = _units([(0, "Operator, next question, please.")])  # nobody named: no host can be told apart
    emit = sentence_evidence(units, people).emit
    assert emit[0, people.index("Brett Iversen")] == emit[0, people.index("Amy Hood")]


BROADCAST = ["Interviewer", "Michael Dell", "Jensen Huang"]


def _setup_then_question(people: list[str]) -> list[set[str]]:
    units = _units(
        [
            (0, "Jensen, for four years you told me the computer had to change."),
            (1, "What I took from the keynote is that it is happening on premises."),
            (1, "What is your reading of that?"),
            (2, "Intelligence has to be made where the data is."),
        ]
    )
    return change_cues(units, sentence_evidence(units, people))[1]


def test_a_question_after_a_host_addressed_a_second_guest_goes_to_that_guest():
    handovers = _setup_then_question(BROADCAST)
    assert handovers[0] == set()  # the set-up and the question are the host's
    assert handovers[2] == {"Jensen Huang"}  # the guest the set-up addressed answers


def test_with_two_people_the_setup_rule_stays_out():
    handovers = _setup_then_question(["Interviewer", "Jensen Huang"])
    assert handovers[2] == set()
