"""Turn-level cues of unlabelled dialogue: a paragraph going on from the one before continues a turn, a
paragraph of questions asks even when it closes on a remark, questions without a question mark, a host's
closing words, the host's welcome and the guest's thanks, and thanks after a name, in English, German and Japanese."""

from __future__ import annotations

import pytest

from helpers.text.parse import parse_document
from helpers.text.speakers import cues, dialogue, handover
from helpers.text.speakers.cues import CUE_NAMES
from helpers.text.speakers.names import given_names
from helpers.text.speakers.voice import Unit


def units(paragraphs: list[list[str]]) -> list[Unit]:
    """One unit per sentence; each inner list is a paragraph (its own block and line)."""
    out, pos = [], 0
    for block, sentences in enumerate(paragraphs):
        for s in sentences:
            out.append(Unit(pos, pos + len(s), 1 + 2 * block, block, "paragraph", s, None, None))
            pos += len(s) + 1
    return out


def cue_at(paragraphs: list[list[str]], people: list[str], boundary: int, name: str) -> bool:
    u = units(paragraphs)
    features, _ = cues.change_cues(u, cues.sentence_evidence(u, people))
    return bool(features[boundary - 1, CUE_NAMES.index(name)])


TWO = ["Anna Host", "Ben Guest"]


def said(text: str, event: str) -> dict[str, str | None]:
    """Who the decoder says speaks each sentence of an unlabelled two-person talk (by the sentence's first words)."""
    doc = parse_document(text, "t", speakers=TWO, genre="transcript", event=event)
    return {s.text[:12]: s.speaker for s in doc.sentences}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("We built the first cluster in 2019.", "And then we doubled it within a year.", True),
        ("Wir haben 2019 mit einem kleinen Team in Leipzig angefangen.", "Aber erst 2021 lief es stabil.", True),
        ("2019年に小さなチームで大阪から始めました。", "しかし、安定したのは2021年です。", True),
        ("When did you start?", "And we began in 2019.", False),  # after a question: an answer, not a continuation
        ("そうだね。", "だから、2019年に始めたんだ。", False),  # after a one-liner the floor goes back
        ("We built the first cluster in 2019.", "Android phones were the first target.", False),  # a word, not "And"
    ],
)
def test_a_paragraph_going_on_from_the_one_before_is_cued_as_a_continuation(first, second, expected):
    assert cue_at([[first], [second]], TWO, 1, "continues") is expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (["So why did you join in 2004?", "What attracted you?", "Search was no big deal then."], True),
        (["Warum sind Sie 2004 gekommen?", "Was hat Sie gereizt?", "Suche war damals klein."], True),
        (["We grew fast.", "Why?", "Because search was everything then.", "And it paid off."], False),
    ],
)
def test_a_paragraph_opening_with_questions_asks_even_when_it_closes_on_a_remark(paragraph, expected):
    u = units([["An answer before."], paragraph])
    ev = cues.sentence_evidence(u, TWO)
    turns = cues.turn_units(u, cues._boundaries(u), ev.questions)
    assert turns.asks[turns.seg[-1]] is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I want to start by asking you: you have been in the job for almost a year now.", True),
        ("I wonder if you can spend some time on what brought inflation down.", True),
        ("Ich würde gern von Ihnen wissen, wie es 2025 weitergeht.", True),
        ("最初にお聞きしたいのは、2025年の見通しです。", True),
        ("冷却の方式も変わってきていると聞きました。", True),
        ("コストの面ではいかがでしょう。", True),
        ("国の支援はどうでしょうね。", True),
        ("それで足りるんですかね。", True),
        ("どうでしょう、私にはわかりません。", False),
        ("I understand you doubled the team in 2022.", True),
        ("Ich habe gehört, dass Sie 2022 das Team verdoppelt haben.", True),
        ("I heard the same story in 2022.", False),
        ("I wonder how we got here so quickly.", False),
        ("We asked you all to send questions.", False),
    ],
)
def test_a_request_to_answer_without_a_question_mark_is_a_question(sentence, expected):
    assert bool(cues.sentence_evidence(units([[sentence]]), TWO).questions[0]) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Please join me in thanking our guest.",
        "I'm afraid we are out of time.",
        "Herr Weber, vielen Dank für das Gespräch.",
    ],
)
def test_closing_words_are_the_moderators_style(sentence):
    assert cues.STYLES[cues.sentence_evidence(units([[sentence]]), TWO).style[0]] == "moderation"


@pytest.mark.parametrize(
    ("sentence", "style"),
    [
        ("Thanks, Kai, it is great to be here.", "thanks"),
        ("David, thank you for that question.", "thanks"),
        ("Danke für die Einladung.", "thanks"),
        ("本日はお招きいただき、ありがとうございます。", "thanks"),
        ("Welcome to the program.", "welcome"),
        ("Schön, dass Sie da sind.", "welcome"),
        ("皆さん、ようこそ。", "welcome"),
        ("Our guest tonight founded her company in 2009.", "welcome"),
        ("Heute bei uns zu Gast ist die Gründerin von Nordlicht.", "welcome"),
        ("本日のゲストは2009年に会社を創業しました。", "welcome"),
        ("We were about a thousand people in 2004.", "long"),
    ],
)
def test_the_hosts_welcome_and_the_guests_thanks_are_styles_of_their_own(sentence, style):
    assert cues.STYLES[cues.sentence_evidence(units([[sentence]]), TWO).style[0]] == style


TALKS = [
    # an answer going on over an uncued paragraph ("And then…") stays with the guest
    (
        [
            "Ben, how did the company grow after 2019?",
            "Yeah, it was a wild ride. We had 40 engineers in 2019 and we ran everything on one cluster.",
            "And then we doubled the team every year, to about 300 people by 2022.",
            "What was the hardest part?",
            "Hiring, by far. We interviewed more than 2,000 people in one year.",
        ],
        {"And then we ": "Ben Guest", "What was the": "Anna Host"},
    ),
    # a host's introduction of "our guest" over two paragraphs stays the host's
    (
        [
            "Good evening, everyone. Our guest tonight founded her company in 2009 with three people in a garage.",
            "She has been chief executive for 12 years, and last year revenue passed 10 billion dollars.",
            "Ben, let me start with the garage. What made you think the idea would work?",
            "Thank you, Anna, and thank you all for coming. Honestly, I did not know it would work.",
        ],
        {"Our guest to": "Anna Host", "She has been": "Anna Host", "Honestly, I ": "Ben Guest"},
    ),
    # a guest thanking for the invitation is read as the guest
    (
        [
            "Let me start with the book. You wrote it in 2021, after 12 years at the company. Why then?",
            "Thank you for having me, it is a pleasure to be here. I wrote it because 2021 was the first quiet year.",
            "You sold 40,000 copies in the first month.",
            "It surprised us all.",
        ],
        {"Thank you fo": "Ben Guest", "You sold 40,": "Anna Host"},
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), TALKS)
def test_turn_cues_decide_whose_paragraph_it_is_in_a_small_talk(paragraphs, expected):
    text = "A conversation with Ben Guest\n\n" + "\n\n".join(paragraphs) + "\n"
    who = said(text, "Conversation with Ben Guest")
    assert {k: who[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("sentence", "people", "expected"),
    [
        ("Daniel, thank you.", ["Sarah Chen", "Daniel Ortiz"], {"Daniel Ortiz"}),
        ("田中さん、本日はありがとうございました。", ["佐藤 健太", "田中 美咲"], {"田中 美咲"}),
        ("Herr Weber, vielen Dank.", ["Julia Hoffmann", "Markus Weber"], {"Markus Weber"}),
        # a welcome thanks the guest before they have said anything
        ("Jon Stewart, thank you for being here with me.", ["Bill Moyers", "Jon Stewart"], set()),
        ("Herr Weber, vielen Dank für Ihr Kommen.", ["Julia Hoffmann", "Markus Weber"], set()),
    ],
)
def test_thanks_after_the_name_that_opens_a_sentence_names_who_spoke_before(sentence, people, expected):
    assert handover.thanked(sentence, given_names(people)) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        ([["We doubled the cluster in 2021.", "Right?"], ["Yeah."], ["So the cost fell by half."]], True),
        ([["Wir haben 2021 verdoppelt.", "Oder?"], ["Genau."], ["Also sanken die Kosten um die Hälfte."]], True),
        ([["2021年に倍にしたんだ。", "わかる?"], ["そうだね。"], ["だから、コストは半分になった。"]], True),
        # a question put in full hands the floor over: the one-line reply is no back-channel to it
        ([["How many GPUs did you buy in 2021?"], ["About 400."], ["So the cost fell by half."]], False),
        # a long question closing a statement is no tag
        (
            [["We doubled it.", "Why did the cost of the second cluster fall by half?"], ["Yeah."], ["So it did."]],
            False,
        ),
        # no one-liner in between: the reply is the answer itself
        ([["We doubled the cluster in 2021.", "Right?"], ["Yes, and the cost fell by half after that."]], False),
    ],
)
def test_after_a_tag_question_and_a_one_line_reply_the_floor_goes_back(paragraphs, expected):
    """"…, right?" / "Yeah." / "So…": the one who tagged the question goes on (en/de/ja)."""
    last = sum(len(p) for p in paragraphs[:-1])
    assert cue_at(paragraphs, TWO, last, "tag_back") is expected


EN_ANSWER = "It cost about 40 million dollars, most of it paid with bonds."
DE_ANSWER = "Etwa 40 Millionen Euro, das meiste über Anleihen finanziert."
JA_ANSWER = "約40億円で、その大部分は債券で賄いました。"


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        ([["How much did the plant cost?"], [EN_ANSWER], ["The rest came from the state."]], True),
        ([["Was hat das Werk gekostet?"], [DE_ANSWER], ["Den Rest hat das Land bezahlt."]], True),
        ([["工場の費用はいくらでしたか。"], [JA_ANSWER], ["残りの費用は県が補助金として負担しました。"]], True),
        # the second paragraph asks, answers or goes on with "And": its own cues decide
        ([["How much did the plant cost?"], [EN_ANSWER], ["And who paid the rest?"]], False),
        ([["工場の費用はいくらでしたか。"], [JA_ANSWER], ["なるほど、残りは県ですね。"]], False),
        # the paragraph before answered nothing
        ([["We opened the plant in 2021."], [EN_ANSWER], ["The rest came from the state."]], False),
        # a second voice inside the answer's paragraph (a run-on layout): no single answer to go on
        (
            [
                ["工場の費用は?"],
                [JA_ANSWER, "40億円ですか。", "大きいですね。"],
                ["残りの費用は県が補助金として負担しました。"],
            ],
            False,
        ),
    ],
)
def test_an_answer_going_on_into_an_uncued_paragraph_is_cued_as_going_on(paragraphs, expected):
    """Q / A / an uncued second paragraph of A: the answer goes on (en/de/ja)."""
    last = sum(len(p) for p in paragraphs[:-1])
    assert cue_at(paragraphs, TWO, last, "answer_goes_on") is expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            [
                "Anna Host here. Ben, how much did the new plant cost?",
                "It cost about 40 million dollars. We paid for most of it with bonds.",
                "The rest came from the state. That was in 2021.",
                "And how many homes does it serve?",
                "Roughly 12,000 homes. That is a third of the city.",
            ],
            {"The rest cam": "Ben Guest", "And how many": "Anna Host"},
        ),
        (
            [
                "Hier ist Anna Host. Ben, was hat das neue Werk gekostet?",
                "Etwa 40 Millionen Euro. Das meiste haben wir über Anleihen bezahlt.",
                "Den Rest hat das Land übernommen. Das war 2021.",
                "Und wie viele Haushalte versorgt es?",
                "Rund 12.000 Haushalte. Das ist ein Drittel der Stadt.",
            ],
            {"Den Rest hat": "Ben Guest", "Und wie viel": "Anna Host"},
        ),
    ],
)
def test_with_answers_going_on_an_answer_over_two_paragraphs_is_never_the_hosts(monkeypatch, paragraphs, expected):
    """The uncued second paragraph of an answer goes to the guest, or is left unknown where only the going-on says
    so (its confidence is the decoder's without that reading); it is never handed to the host."""
    monkeypatch.setattr(dialogue, "ANSWER_GOES_ON", True)
    text = "An interview with Ben Guest\n\n" + "\n\n".join(paragraphs) + "\n"
    who = said(text, "Anna Host interview with Ben Guest")
    going_on = next(k for k, v in expected.items() if v == "Ben Guest")
    assert who[going_on] in ("Ben Guest", None)
    assert {k: who[k] for k in expected if k != going_on} == {k: v for k, v in expected.items() if k != going_on}
