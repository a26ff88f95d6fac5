"""Short lines in a run of unlabelled dialogue: a one-line paragraph changes the speaker only when it responds
(a reaction or answer word, a greeting back, a figure taken up, a line after a question); a line that goes on with
the same speaker's list ("Second, …", "Drittens …", "2つ目は、…") or states something without responding is no
reply, in English, German and Japanese."""

from __future__ import annotations

import pytest

from helpers.text.speakers import cues
from helpers.text.speakers.cues import CUE_NAMES
from helpers.text.speakers.voice import Unit

TWO = ["Anna Host", "Ben Guest"]
LONG = {
    "en": "We trained the first model on a small cluster, and it took most of a year to make it stable enough.",
    "de": "Wir haben das erste Modell auf einem kleinen Cluster trainiert, und es hat fast ein Jahr gedauert.",
    "ja": "最初のモデルは小さなクラスタで学習させましたが、安定させるまでにほぼ一年かかりました。",
}


def features(paragraphs: list[str]) -> list[set[str]]:
    """The cues at each boundary of one-sentence paragraphs (a set of cue names per boundary)."""
    units, pos = [], 0
    for block, s in enumerate(paragraphs):
        units.append(Unit(pos, pos + len(s), 1 + 2 * block, block, "paragraph", s, None, None))
        pos += len(s) + 1
    f, _ = cues.change_cues(units, cues.sentence_evidence(units, TWO))
    return [{n for n, v in zip(CUE_NAMES, row) if v} for row in f]


@pytest.mark.parametrize(
    ("lang", "reply"),
    [
        ("en", "Great."),
        ("en", "Good afternoon."),
        ("en", "Absolutely."),
        ("de", "Genau."),
        ("de", "Guten Tag."),
        ("de", "Klar."),
        ("ja", "素晴らしい。"),
        ("ja", "ああ、ラマだ。"),
        ("ja", "もちろん。"),
    ],
)
def test_a_one_line_reaction_after_a_paragraph_is_cued_as_a_reply(lang, reply):
    assert "short" in features([LONG[lang], reply])[0]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Three dropouts."),
        ("de", "Drei Abbrecher."),
        ("ja", "この3つは同時に真実である。"),
    ],
)
def test_a_one_line_statement_that_does_not_respond_is_no_reply(lang, line):
    at = features([LONG[lang], line])[0]
    assert "short" not in at
    # and the paragraph after it is not read as the floor going back
    assert "after_short" not in features([LONG[lang], line, LONG[lang]])[1]


def test_a_question_before_makes_any_one_liner_a_reply():
    assert "short" in features(["How long did it take to make it stable?", "Three dropouts."])[0]
    assert "short" in features(["Wie lange hat es gedauert?", "Drei Abbrecher."])[0]
    assert "short" in features(["安定までどのくらいかかりましたか。", "この3つは同時に真実である。"])[0]


@pytest.mark.parametrize(
    ("item"),
    [
        "Second, very few founders ever took a company past a trillion dollars.",
        "And third, he dropped out of college.",
        "Zweitens hat kaum ein Gründer eine Firma über eine Billion Dollar gebracht.",
        "2つ目は、1兆ドル以上の価値に導いた創業者はごくわずかだということ。",
        "そして3つ、大学中退。",
    ],
)
def test_the_next_item_of_a_list_goes_on_with_the_same_speaker(item):
    first = "第一の理由は、世界中の何十億という人々の生活に触れたことです。" if item[0] in "2そ" else LONG["en"]
    at = features([first, item])[0]
    assert "continues" in at and "short" not in at


def test_a_one_line_reply_after_a_list_item_still_changes_the_speaker():
    # the list's own lines do not respond; a reaction after them does
    at = features(["First, the models got smaller.", "Second, they got cheaper.", "Wow."])
    assert "short" not in at[0] and "short" in at[1]
