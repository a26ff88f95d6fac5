"""The prefilters of text.speakers and text.language change no answer, only how fast it comes.

Reported-speech cues run only where their cue words occur; the property
tests below run every cue the plain way (compiled here from the public
pattern list ``CUES``) and require the same matches from ``cue_matches``,
on random text made of cue words, names, particles and filler in Japanese,
German and English, and on every line of the speaker gold's articles.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text import language, speakers

ROOT = Path(__file__).resolve().parents[1]

PLAIN = [(rule, re.compile(p.pattern, p.flags)) for rule, p in speakers.CUES]


def plain_matches(s: str) -> list[tuple[str, tuple[int, int], dict]]:
    return [(rule, m.span(), m.groupdict()) for rule, p in PLAIN if (m := p.search(s))]


def fast_matches(s: str) -> list[tuple[str, tuple[int, int], dict]]:
    return [(rule, m.span(), m.groupdict()) for rule, m in speakers.cue_matches(s)]


VERBS = [v for alternation in (speakers._EN_VERBS, speakers._DE_VERBS, speakers._JA_VERBS) for v in alternation.split("|")]
NAMES = ["Zuckerberg", "Mark Zuckerberg", "Jensen Huang", "Dylan Patel", "Nvidia", "Über Ärger", "He", "Sie", "The",
         "ザッカーバーグ", "マーク・ザッカーバーグ", "フアン", "関係者", "同氏", "彼", "Zukerberg"]
# Sentence shapes every cue is written for, with a slot for a name (N) and one for a verb of saying (V).
TEMPLATES = [
    "N V", "N, V", "N, a friend, V", "“Yes,” V N", "\"We grow\", V N", "according to N,", "According to N is",
    "laut N", "Laut N sind", "Nach Angaben von N", "nach Angaben der N", "So N", "so N", "N zufolge", "N V er",
    "V N", "Er V", "He V", "NによるとV", "Nによれば", "Nいわく", "Nの話では", "Nからの情報", "Nが言うには",
    "Nが言っていたのは", "Nが話していましたが", "N氏は10倍だとV", "NさんがGPUについてV", "NCEOは、「35万個」とV",
    "N社長が", "Nは35万個だってV", "NはそのようにV", "Nも「V」と", "Nは、。とV",
]
SEPARATORS = ["", " ", "  ", "\n", "、", "。", ",", ".", ";", ":", "「", "」", "『", "』", "“", "”", "„", "\"", "（", "）", "\t"]
FILLER = ["350,000", "10倍", "GPU", "Rechenzentren", "ist", "was", "言う", "語", "話", "説明", "これは", "です", "した",
          "と", "って", "ように", "は", "が", "も", "氏", "さん", "CEO", "zufolge", "ccording to"]


@st.composite
def cue_phrase(draw) -> str:
    template = draw(st.sampled_from(TEMPLATES))
    return template.replace("N", draw(st.sampled_from(NAMES))).replace("V", draw(st.sampled_from(VERBS)))


PIECE = cue_phrase() | st.sampled_from(VERBS + NAMES + SEPARATORS + FILLER) | st.text(alphabet="aeoSsLlNnzuはがとっ氏 ,。", max_size=4)
TEXT = st.lists(PIECE, max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_cue_prefilter_finds_what_every_cue_finds(s):
    assert fast_matches(s) == plain_matches(s)


def test_cue_prefilter_on_every_verb_in_every_shape():
    fired = set()
    for template in TEMPLATES:
        for verb in VERBS:
            for name in ("Mark Zuckerberg", "Über Ärger", "He", "ザッカーバーグ", "同氏"):
                s = "Vorher. " + template.replace("N", name).replace("V", verb) + " 10倍。"
                plain = plain_matches(s)
                assert fast_matches(s) == plain, s
                fired |= {rule for rule, *_ in plain}
    assert fired == {rule for rule, _ in speakers.CUES}  # every cue is exercised


def test_cue_prefilter_on_real_sentences():
    lines = []
    for path in sorted((ROOT / "tests" / "fixtures" / "speakers").glob("*.txt")):
        lines += path.read_text("utf-8").splitlines()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += path.read_text("utf-8").splitlines()
    assert sum(bool(plain_matches(s)) for s in lines) >= 20  # cues do fire on these texts
    for s in lines:
        assert fast_matches(s) == plain_matches(s), s


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_word_prefilters_are_necessary(s):
    # A pattern run only where its words occur must never match without them.
    for words, pattern in ((speakers._DE_VERB, speakers._PRONOUN_DE),
                           (speakers._QUOTE_REPORTED_WORDS, speakers._QUOTE_REPORTED)):
        if pattern.search(s):
            assert words.search(s), (pattern.pattern, s)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80) | TEXT)
def test_character_counts_by_runs_count_every_character(s):
    assert language.japanese_char_count(s) == len(language._JAPANESE_CHARS.findall(s))
    assert language.letter_count(s) == len(re.findall(r"[^\W\d_]", s))
