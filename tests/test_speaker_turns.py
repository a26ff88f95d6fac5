"""Turns first, then speakers: the handover cues, the paragraph-change rate, roles read from the text, the
confidence table's interpolation, and whole turns on small unlabelled conversations in three languages."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.text import speakers
from helpers.text.parse import parse_document
from helpers.text.speakers import calibration, dialogue, handover
from helpers.text.speakers.cues import CUE_NAMES
from helpers.text.speakers.names import aliases, given_names
from helpers.text.speakers.roles import _roles_from_text, roles
from helpers.text.speakers.voice import Unit

CALL = ["Laura Mendes", "Kevin Walsh", "Tom Becker", "Priya Raman"]


def rows(text: str, people: list[str], genre: str = "transcript", event: str | None = None):
    doc = parse_document(text, "t", speakers=people, genre=genre, event=event)
    return [(s.text, s.speaker, s.attribution, s.speaker_confidence) for s in doc.sentences]


def speaker_of(found, prefix: str):
    hits = [r for r in found if r[0].startswith(prefix)]
    assert hits, prefix
    return hits[0][1]


@pytest.mark.parametrize(
    ("sentence", "people", "expected"),
    [
        ("Our first question comes from Kevin Walsh.", CALL, {"Kevin Walsh"}),
        ("On 2025, Priya can give the detail.", CALL, {"Priya Raman"}),
        ("With that, I'll hand it over to Tom Becker.", CALL, {"Tom Becker"}),
        (
            "Am Telefon ist jetzt der frühere Minister Wolfgang Clement.",
            ["Dirk Müller", "Wolfgang Clement"],
            {"Wolfgang Clement"},
        ),
        ("では、鈴木さん、お願いします。", ["山本 大輔", "鈴木 一郎"], {"鈴木 一郎"}),
        # named, but nobody is handed the floor
        ("Kevin Walsh wrote about this last year.", CALL, set()),
        ("Priya joined the company in 2019.", CALL, set()),
        ("Wolfgang Clement war Minister. Am Telefon ist niemand.", ["Dirk Müller", "Wolfgang Clement"], set()),
    ],
)
def test_announced_hands_the_floor_to_the_person_named(sentence, people, expected):
    assert handover.announced(sentence, aliases(people)) == expected


@pytest.mark.parametrize(
    ("sentence", "people", "expected"),
    [
        ("Thanks, Tom.", CALL, {"Tom Becker"}),
        ("Sure, Kevin.", CALL, {"Kevin Walsh"}),
        ("Guten Morgen, Herr Müller.", ["Dirk Müller", "Wolfgang Clement"], {"Dirk Müller"}),
        ("田中さん、ありがとうございます。", ["佐藤 健太", "田中 美咲"], {"田中 美咲"}),
        ("Thanks for having me.", CALL, set()),
        ("Tom, what moved the range?", CALL, set()),  # address, but no reply
    ],
)
def test_thanked_names_who_spoke_before(sentence, people, expected):
    assert handover.thanked(sentence, given_names(people)) == expected


@pytest.mark.parametrize(
    ("before", "sentence", "expected"),
    [
        ("次の世代では10万基を超えるクラスターが話題になっています。", "10万基ですか。", True),
        ("Die Karten teilen sich über 300 Gruppen auf 512 GPUs.", "Dreihundert Gruppen auf 512 Karten?", True),
        ("Everyone had strong opinions, so we compared two network designs side by side.", "Why two designs?", True),
        ("We built two clusters.", "Two?", False),  # the sentence before is itself short: no reaction to a speech
        ("Everyone had strong opinions, so we compared two network designs.", "What about power costs?", False),
        ("Everyone had strong opinions, so we compared two designs.", "That took us six long months of work.", False),
    ],
)
def test_echoes_are_short_reactions_taking_up_the_sentence_before(before, sentence, expected):
    assert handover.echoes(sentence, before) is expected


def _features(cued: list[bool]) -> np.ndarray:
    f = np.zeros((len(cued), len(CUE_NAMES)))
    f[:, CUE_NAMES.index("block")] = 1
    f[:, CUE_NAMES.index("question")] = cued
    return f


def test_paragraph_change_rate_follows_the_share_of_cued_breaks():
    (x0, y0), (x1, y1) = dialogue.CUED_SHARE_RATE
    assert dialogue.block_change_rate(_features([False] * 10)) == pytest.approx(y0)  # a translated talk
    assert dialogue.block_change_rate(_features([True] * 6 + [False] * 4)) == pytest.approx(y1)  # an interview
    middle = dialogue.block_change_rate(_features([True] * 3 + [False] * 7))
    assert y0 < middle < y1
    assert dialogue.block_change_rate(np.zeros((0, len(CUE_NAMES)))) == pytest.approx(y0)


def test_roles_from_the_text_of_a_call():
    units = [
        Unit(0, 1, 1, 1, "paragraph", "Thank you, operator. Our first question comes from Kevin Walsh."),
        Unit(2, 3, 3, 2, "paragraph", "Thanks. Tom, can you walk us through the capex range?"),
    ]
    role = _roles_from_text([*CALL, "Operator"], units)
    assert role == {"Operator": "moderator", "Kevin Walsh": "analyst", "Tom Becker": "guest"}
    asked = [Unit(0, 1, 1, 1, "paragraph", "Bill, what stayed with you?")]
    two = _roles_from_text(["Neal Conan", "Bill Moyers"], asked)
    assert two == {"Bill Moyers": "guest", "Neal Conan": "host"}
    assert _roles_from_text(["A B", "C D"], [Unit(0, 1, 1, 1, "paragraph", "Nothing here.")]) == {}


def test_posterior_to_accuracy_runs_between_the_steps_midpoints():
    steps = [{"upto": 0.6, "accuracy": 0.3}, {"upto": 0.9, "accuracy": 0.7}, {"upto": 1.0, "accuracy": 0.8}]
    xs = np.linspace(0, 1, 101)
    ys = [calibration.posterior_to_accuracy(steps, float(x)) for x in xs]
    assert all(a <= b for a, b in zip(ys, ys[1:]))  # rises with the posterior
    assert len(set(ys[35:90])) == len(ys[35:90])  # no ties between the first and last midpoints
    assert calibration.posterior_to_accuracy(steps, 0.1) == pytest.approx(0.3)  # flat below the first midpoint
    assert calibration.posterior_to_accuracy(steps, 0.3) == pytest.approx(0.3)  # a midpoint: the step's figure
    assert calibration.posterior_to_accuracy(steps, 0.75) == pytest.approx(0.7)
    assert calibration.posterior_to_accuracy(steps, 0.525) == pytest.approx(0.5)  # half way from 0.3 to 0.75
    assert calibration.posterior_to_accuracy(steps, 1.0) == pytest.approx(0.8)
    assert calibration.posterior_to_accuracy([], 0.42) == pytest.approx(0.42)


STAGE = """\
AI and the next computing platforms

Welcome, everyone. Tonight's guest needs no introduction, but I'll give him one anyway.

He built one of the largest platforms in the world, and he has been a friend of this conference for years.

Mark, welcome. What does generative AI change for your products?

Thanks for having me, Jensen. It changes almost everything we do. Our feeds used to show what your friends posted. \
Now most of what people see comes from recommendations, and we run those on hundreds of thousands of GPUs. \
We expect to have about 600,000 of them by the end of the year.

That's a lot of GPUs. And how do you keep them busy?

Training takes maybe a third. The rest is ranking and inference, every second of the day.

Well, thank you, Mark. We ship you another 100,000 next month.
"""


def test_the_guests_first_long_answer_and_the_hosts_closing_figure_stay_whole():
    found = rows(STAGE, ["Jensen Huang", "Mark Zuckerberg"], event="Keynote conversation with Mark Zuckerberg")
    for prefix in ("Welcome, everyone", "He built", "Mark, welcome", "That's a lot", "Well, thank you"):
        assert speaker_of(found, prefix) == "Jensen Huang", prefix
    for prefix in ("Thanks for having me", "It changes", "Now most", "We expect", "Training takes"):
        assert speaker_of(found, prefix) == "Mark Zuckerberg", prefix
    # the host's closing figure is the host's, even right after the guest's numbers
    assert speaker_of(found, "We ship you another 100,000") == "Jensen Huang"


def test_a_multi_part_question_stays_with_the_asker():
    """In a talk whose answers run over many paragraphs (a subtitle-style translation), a second question right
    after the first is the asker's, and the answer after it the other's."""
    text = """\
対談 AIと次の計算基盤

皆さん、こんばんは。今日は特別なゲストをお迎えしています。ようこそ、マーク。

ありがとう。呼んでもらえて嬉しいです。

最初の質問です。生成AIの進歩をどう見ていますか?

また、それを業務にどう生かしていますか?

そうですね。まず、私たちは推薦システムにAIを使っています。

フィードに表示される投稿の多くは、
今では推薦によって選ばれています。

そのために、
大規模なGPUクラスターを運用しています。

次の世代のモデルでは、
さらに多くの計算資源が必要になるでしょう。
"""
    found = rows(text, ["ジェンセン・フアン", "マーク・ザッカーバーグ"], event="対談 with マーク・ザッカーバーグ")
    assert speaker_of(found, "また、それを") == speaker_of(found, "最初の質問")
    assert speaker_of(found, "そうですね") != speaker_of(found, "最初の質問")


def test_an_announced_analyst_asks_and_the_executive_named_answers():
    text = """\
Q3 earnings call

Thank you, operator. Our first question comes from Kevin Walsh.

Great, thanks for taking the question. Tom, you raised the capex range again. Can you walk us through it?

Sure, Kevin. We now expect 37 to 40 billion dollars this year.

Thank you. That concludes today's call.
"""
    found = rows(text, CALL)
    assert speaker_of(found, "Great, thanks") == "Kevin Walsh"
    assert speaker_of(found, "Sure, Kevin") == "Tom Becker"
    assert speaker_of(found, "We now expect 37") == "Tom Becker"


def test_a_german_radio_interview_turns_at_the_greeting():
    text = """\
Interview der Woche

Das neue Hilfspaket steht, noch einmal knapp 110 Milliarden Euro. \
Am Telefon ist der frühere Minister Wolfgang Clement. Guten Morgen.

Guten Morgen, Herr Müller.

Herr Clement, funktioniert Europa wieder?

Ja, jedenfalls besser als vorher. Das erste Paket ist gescheitert.
"""
    found = rows(text, ["Dirk Müller", "Wolfgang Clement"], event="Interview mit Wolfgang Clement")
    assert speaker_of(found, "Das neue Hilfspaket") == "Dirk Müller"
    assert speaker_of(found, "Guten Morgen, Herr") == "Wolfgang Clement"
    assert speaker_of(found, "Herr Clement") == "Dirk Müller"
    assert speaker_of(found, "Ja, jedenfalls") == "Wolfgang Clement"


def test_an_undecided_sentence_is_left_unknown(monkeypatch):
    monkeypatch.setattr(speakers.attribution, "UNDECIDED_BELOW", 1.01)  # no posterior decides
    monkeypatch.setattr(speakers.attribution, "UNDECIDED_CHANCES", 3.0)
    found = rows(STAGE, ["Jensen Huang", "Mark Zuckerberg"])
    assert {r[2] for r in found} == {"unknown"} and {r[1] for r in found} == {None}
    assert all(0 <= r[3] <= 1 for r in found)


def test_the_person_a_show_is_named_after_hosts_it():
    """A radio show, a journal or a podcast named after a catalog person: that person hosts, the others are
    guests (en/de/ja); an event naming the guest still decides, and a show named after nobody known decides
    nothing."""
    assert roles(["Brian Lehrer", "Journalist", "Donald Trump"], "The Brian Lehrer Show") == {
        "Brian Lehrer": "host",
        "Journalist": "guest",
        "Donald Trump": "guest",
    }
    assert roles(["Sandra Maischberger", "Olaf Scholz"], "Maischberger-Sendung")["Sandra Maischberger"] == "host"
    assert roles(["羽鳥 慎一", "田中 美咲"], "羽鳥慎一の番組")["羽鳥 慎一"] == "host"
    assert roles(["Bill Moyers", "Jon Stewart"], "Bill Moyers Journal interview with Jon Stewart") == {
        "Bill Moyers": "host",
        "Jon Stewart": "guest",
    }
    assert roles(["Neal Conan", "Bill Moyers"], "The Daily Show") == {}


def test_a_statement_that_asks_hands_the_floor_over():
    """'伺っていきたい。', 'Let me ask you…', 'Ich möchte Sie fragen…' ask as a question does: the long
    statements after them are the other person's (a panel moderator's prompt without a question mark)."""
    from helpers.text.speakers.cues import _ASKS_YOU, _QUESTION_END

    for s in ("御三方のお考えを伺っていきたい。", "その点を伺いたいと思います。", "少しお聞きしたいのですが。"):
        assert _QUESTION_END.search(s), s
    assert not _QUESTION_END.search("その話は前にも伺いました。")
    assert _ASKS_YOU.search("Let me ask you about the budget.") and _ASKS_YOU.search("Ich möchte Sie fragen, wie.")
    assert not _ASKS_YOU.search("I asked him about the budget.")
    text = """\
パネル討論 世界の変化に追いつく

では次の問いに移ります。世界の変化についていくために、御三方の取り組みを伺っていきたい。

我々は海外の会社を買収しました。でも、日本のやり方を押し付けるために買ったわけではありません。

世界中の人を同じように扱う。そのために、3カ月に1度、何十人も集まって議論しています。
"""
    found = rows(text, ["鎌田", "八木"], event="パネル討論")
    assert speaker_of(found, "では次の問い") == "鎌田"
    assert speaker_of(found, "我々は海外") == "八木"


def test_japanese_answer_words_end_at_punctuation():
    """'いやいや、', 'そうそう。', 'そうなんだ。' open an answer (no word boundary falls between two kana, so they
    were missed); 'いやあ、' and 'はじめに' do not."""
    from helpers.text.speakers.cues import _ANSWER_START

    for s in (
        "いやいや、こちらこそ。",
        "そうそう。",
        "そうなんだ。",
        "ありがとうございます。",
        "そうですね、",
        "Yeah, so",
    ):
        assert _ANSWER_START.search(s), s
    for s in ("いやあ、今日は暑い。", "はじめに言っておく。", "いやらしい話だ。", "Nobody knows."):
        assert not _ANSWER_START.search(s), s


def test_an_introduction_that_ends_by_inviting_hands_the_floor_to_the_guest():
    """A host's introduction over several paragraphs that ends by thanking the guest for coming: the next
    paragraph, a long declarative answer, is the guest's."""
    text = """\
The Evening Journal

I'm Ruth Baker, and this is the Evening Journal. Every week we talk with people who shape the news.

My guest tonight has run the city's water authority for 12 years. She rebuilt 400 miles of pipe on a budget \
that most engineers called impossible.

Maria Lopez, thank you for being here with me.

The pleasure is mine. I should say the budget was never the hard part. The hard part was convincing people that \
pipes they never see deserve 3 percent of the city's money every year.
"""
    found = rows(text, ["Ruth Baker", "Maria Lopez"])
    assert speaker_of(found, "Maria Lopez, thank you") == "Ruth Baker"
    assert speaker_of(found, "The pleasure is mine") == "Maria Lopez"
    assert speaker_of(found, "The hard part") == "Maria Lopez"
