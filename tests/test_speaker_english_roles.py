"""English dialogue categories (issue 30, heldout4 -> tune3): short forms, titles, roles from a title or a panel
introduction, a question paragraph that names whom it is for, and an organisation claimed only by a near pronoun."""

from __future__ import annotations

from helpers.text.speakers import roles
from helpers.text.speakers.cues import _affiliated, change_cues, sentence_evidence
from helpers.text.speakers.names import aliases, given_names, mentions, short_forms, titled_forms, vocatives
from helpers.text.speakers.voice import Unit

STAGE = ["Jensen Huang", "Masayoshi Son"]


def _units(paragraphs: list[str]) -> list[Unit]:
    out, pos = [], 0
    for block, p in enumerate(paragraphs):
        out.append(Unit(pos, pos + len(p), block + 1, block, "turn", p, None, None))
        pos += len(p) + 2
    return out


def test_a_short_form_names_its_person_in_address_and_in_the_third_person():
    assert short_forms(STAGE) == {"masa": "Masayoshi Son", "マサ": "Masayoshi Son"}
    assert vocatives("Masa, come and sit with me.", given_names(STAGE)) == {"Masayoshi Son": False}
    assert mentions("At one point Masa was the largest shareholder.", aliases(STAGE)) == {"Masayoshi Son"}
    assert mentions("Thanks, Mike.", aliases(["Michael Dell", "Patrick Moorhead"])) == {"Michael Dell"}


def test_a_short_form_two_speakers_share_names_neither():
    assert "dan" not in short_forms(["Daniel Newman", "Daniel Ek"])
    assert "mike" not in short_forms(["Michael Dell", "Mike Lynch"])  # Mike is someone's own name


def test_an_organisation_is_ones_own_only_with_a_pronoun_near_it():
    assert _affiliated("In 2017 our Vision Fund bought about 4.9% of NVIDIA for roughly $4 billion.", STAGE) == {}
    assert _affiliated("We shipped our NVIDIA systems to every cloud.", STAGE) == {"Jensen Huang": 1.0}
    assert _affiliated("Most of you do not know this, but Masa was the largest shareholder of NVIDIA.", STAGE) == {}


def test_roles_from_the_title_and_the_event():
    assert roles(STAGE, None, [], "NVIDIA AI Summit Japan: Jensen Huang in conversation with Masayoshi Son") == {
        "Jensen Huang": "host", "Masayoshi Son": "guest"}
    panel = ["Fareed Zakaria", "Sam Altman", "Marc Benioff"]
    assert roles(panel, "Technology in a Turbulent World, moderated by Fareed Zakaria") == {
        "Fareed Zakaria": "host", "Sam Altman": "guest", "Marc Benioff": "guest"}
    assert roles(["Anne Will", "Olaf Scholz", "Friedrich Merz"], "Talk, moderiert von Anne Will")["Anne Will"] == "host"
    assert roles(["孫正義", "柳井正"], "柳井正との対談") == {"孫正義": "host", "柳井正": "guest"}
    assert roles(STAGE, "conversation between Jensen Huang and Masayoshi Son") == {}


def test_whoever_introduces_the_panel_hosts_it():
    panel = ["Borge Brende", "Faisal Alibrahim", "Anna Marks"]
    units = _units(["To close, I have a very good panel: Minister Faisal Alibrahim and Anna Marks.", "Thank you."])
    assert roles(panel, None, units) == {"Borge Brende": "host", "Faisal Alibrahim": "guest", "Anna Marks": "guest"}


def test_a_title_the_text_gave_one_speaker_addresses_them():
    panel = ["Borge Brende", "Faisal Alibrahim", "Anna Marks"]
    texts = ["I have a very good panel: Minister Faisal Alibrahim and Anna Marks.", "Minister, let me start with you."]
    assert titled_forms(texts, panel) == {"Minister": "Faisal Alibrahim"}
    assert titled_forms(["Minister Faisal Alibrahim and Minister Anna Marks"], panel) == {}  # shared: nobody's
    assert titled_forms(["Frau Ministerin Svenja Schulze ist zu Gast."], ["Svenja Schulze", "Anne Will"]) == {
        "Frau Ministerin": "Svenja Schulze"}
    assert titled_forms(["今日は西村大臣に伺います。"], ["西村", "司会"]) == {"大臣": "西村"}
    ev = sentence_evidence(_units(texts), panel)
    assert ev.addressed[1] == {"Faisal Alibrahim"}


def test_a_question_paragraph_hands_the_floor_to_whom_it_names_anywhere():
    people = ["Interviewer", "Michael Dell", "Jensen Huang"]
    sentences = [(0, "Michael, one thousand new customers in a year."), (0, "That is a big jump."),
                 (0, "What are they building now?"), (1, "It has moved from testing into production.")]
    units, pos = [], 0
    for block, text in sentences:
        units.append(Unit(pos, pos + len(text), block + 1, block, "turn", text, None, None))
        pos += len(text) + 1
    _, handovers = change_cues(units, sentence_evidence(units, people))
    assert handovers[2] == {"Michael Dell"}  # the boundary between the question paragraph and the answer
    assert handovers[0] == set()  # not inside the host's own paragraph
