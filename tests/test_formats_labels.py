"""Speaker-label forms a document tells from text (formats.interview), and the label forms of one line.

The fixtures in ``tests/fixtures/formats/labels`` are read end to end: every
sentence of a tuned fixture has the speaker its gold gives, is read as exactly
its words (no label, turn mark or neighbouring turn in it), and no sentence of
prose is given a label's speaker. The held-out fixtures are only scored by
``bench/eval_formats.py --labels``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from helpers.text.formats.interview import INTERVIEWER, DocLabel, doc_labels
from helpers.text.formats.transcript import _match_label
from helpers.text.parse import parse_document, parse_file

LABELS = Path(__file__).resolve().parent / "fixtures" / "formats" / "labels"
GOLD = yaml.safe_load((LABELS / "gold.yaml").read_text(encoding="utf-8"))
TUNED = sorted(n for n, g in GOLD.items() if g.get("split", "tuned") == "tuned")


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", TUNED)
def test_labelled_fixture_reads_each_turn_with_its_speaker(name):
    doc = parse_file(LABELS / name)
    texts = [_norm(s.text) for s in doc.sentences]
    j = 0
    for _, speaker, text in GOLD[name]["sentences"]:
        assert _norm(text) in texts[j:], (text, texts)
        j = texts.index(_norm(text), j)
        got = doc.sentences[j]
        if speaker is None:
            assert got.attribution != "labelled", (text, got.speaker)
        else:
            assert got.speaker == speaker, text


def test_dashed_questions_are_the_interviewer_and_the_next_line_a_new_turn():
    lines = [
        "――売上はいくらですか。",
        "300億円です。",
        "―― 利益は？",
        "渡辺　50億円です。",
        "――来期は。",
        "渡辺　増やします。",
    ]
    got = doc_labels(lines)
    assert got[0] == DocLabel(INTERVIEWER, 2) and got[2] == DocLabel(INTERVIEWER, 3)
    assert got[1] == DocLabel(None, 0)  # the answer: a new turn, its speaker unnamed
    assert got[3] == DocLabel("渡辺", 3)


def test_the_answer_after_a_blank_line_is_not_the_interviewer(tmp_path):
    text = "――目標は？\n\n500億円です。\n\n海外は3割です。\n\n――採用は？\n\n200人です。\n"
    assert doc_labels(text.split("\n"))[2] == DocLabel(None, 0)
    path = tmp_path / "interview.txt"
    path.write_text(text, encoding="utf-8")
    speakers = [(s.text, s.speaker) for s in parse_file(path).sentences]
    assert speakers[0] == ("目標は？", INTERVIEWER) and speakers[3] == ("採用は？", INTERVIEWER)
    assert all(who != INTERVIEWER for _, who in speakers[1:3] + speakers[4:])


def test_dashes_that_do_not_ask_are_prose():
    assert doc_labels(["――それは冬のことだった。", "――彼は戻らなかった。", "――十年がたった。"]) == {}


def test_spaced_surnames_need_a_dialogue_that_asks():
    dialogue = ["金井　いつからですか。", "森本　30年前です。", "金井　人数は？", "森本　150人です。"]
    assert {d.name for d in doc_labels(dialogue).values()} == {"金井", "森本"}
    datelines = [
        "東京　政府は4日、予算を決めた。",
        "大阪　府は5日、発表した。",
        "東京　都は6日、決めた。",
        "大阪　市は7日、決めた。",
    ]
    assert doc_labels(datelines) == {}


def test_a_full_name_before_a_colon_is_not_a_surname_and_words():
    lines = ["山本 大輔: 規模は？", "鈴木 一郎: 700億です。", "山本 大輔: 期間は？", "鈴木 一郎: 3か月です。"]
    assert doc_labels(lines) == {}
    hit = _match_label("山本 大輔: 規模は？")
    assert hit is not None and hit.name == "山本 大輔"


def test_bracketed_names_are_turns_but_datelines_and_field_lists_are_not():
    turns = ["【佐藤】利益は450億円でした。", "【記者】配当は？", "【佐藤】40円です。", "【記者】来期は？"]
    assert [d.name for d in doc_labels(turns).values()] == ["佐藤", "記者", "佐藤", "記者"]
    agency = [
        "【ワシントン共同】米国は発表した。",
        "【北京共同】中国は反発した？",
        "【ワシントン共同】議会は？",
        "【北京共同】減った。",
    ]
    fields = ["【特徴】軽い。", "【価格】3万円。", "【特徴】20時間もつ。", "【価格】2000円引き。"]
    assert doc_labels(agency) == {} and doc_labels(fields) == {}


def test_a_bracketed_name_recurs_with_its_colon_label():
    lines = ["（高橋）320店です。", "（聞き手）ペースは。", "（高橋）30店です。", "聞き手：採算は？"]
    got = doc_labels(lines, Counter({"聞き手": 1}))
    assert [got[i].name for i in (0, 1, 2)] == ["高橋", "聞き手", "高橋"]


def test_names_alone_above_their_turn_take_turns():
    lines = ["金井", "30年ですね。", "森本さん", "はい。", "金井", "何人ですか。", "森本さん", "150人です。"]
    got = doc_labels(lines)
    assert {i: d.name for i, d in got.items()} == {0: "金井", 2: "森本さん", 4: "金井", 6: "森本さん"}
    assert got[0].content == len(lines[0])  # a label for the lines below
    assert doc_labels(["はい", "そうです。", "いいえ", "違います。", "はい", "そう。", "いいえ", "違う。"]) == {}


def test_latin_names_alone_need_full_names_or_roles():
    call = [
        "Operator",
        "Welcome.",
        "Amy Hood",
        "Revenue grew.",
        "Satya Nadella",
        "Thanks.",
        "Amy Hood",
        "Next.",
        "Satya Nadella",
        "Ten regions.",
        "Prepared Remarks",
        "Margins rose.",
        "Keith Moss",
        "How many?",
    ]
    got = {i: d.name for i, d in doc_labels(call, plausible=lambda n: n != "Prepared Remarks").items()}
    assert got == {
        0: "Operator",
        2: "Amy Hood",
        4: "Satya Nadella",
        6: "Amy Hood",
        8: "Satya Nadella",
        12: "Keith Moss",
    }
    headings = ["Pros", "Light.", "Cons", "Costly.", "Pros", "Fast.", "Cons", "Loud."]
    assert doc_labels(headings, plausible=bool) == {}


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["Q    How many?", "MR. EARNEST:  About 2,500.", "Q (Inaudible.)"], ["Q", "Q"]),
        (["Q. How long?", "A. About 14 years.", "Q. And then?", "A. Roughly 60."], ["Q", "A", "Q", "A"]),
        (["Ｑ．売上目標は？", "Ａ．500億円です。", "Ｑ．海外は？", "Ａ．3割です。"], ["Q", "A", "Q", "A"]),
        (["Ｑ　売上目標は？", "Ａ　500億円です。", "Ｑ 海外は？", "Ａ 3割です。"], ["Q", "A", "Q", "A"]),
    ],
)
def test_q_and_a_forms_count_when_q_recurs(lines, names):
    assert [d.name for d in doc_labels(lines).values()] == names


def test_an_outline_is_not_q_and_a():
    assert doc_labels(["A. Background", "The program started.", "B. Results", "Q. E. D."]) == {}


def test_turn_marks_open_unnamed_turns():
    lines = [">> welcome to the stream", ">> thanks for having me", ">> how long did it take", "[Music]"]
    assert doc_labels(lines) == {i: DocLabel(None, 3) for i in range(3)}
    doc = parse_document("\n".join(lines) + "\n", "dump")
    assert [s.text for s in doc.sentences[:3]] == [ln[3:] for ln in lines[:3]]
    assert all(s.attribution != "labelled" for s in doc.sentences)


@pytest.mark.parametrize(
    ("line", "name", "words"),
    [
        ("Blickpunkt:Film: Wie viele Besucher?", "Blickpunkt:Film", "Wie viele Besucher?"),
        ("> **Maria Lopez:** And the cooling?", "Maria Lopez", "And the cooling?"),
        ("SPEAKER 3 (laughs): Finally.", "SPEAKER 3", "Finally."),
        ("Tom Reed (laughing): Sure.", "Tom Reed", "Sure."),
        ("Mark Zuckerberg (Meta): 600,000 GPUs.", "Mark Zuckerberg", "600,000 GPUs."),
        ("Jensen Huang, CEO: Thanks.", "Jensen Huang", "Thanks."),
        ("Łukasz Kaiser: 7 layers.", "Łukasz Kaiser", "7 layers."),
        ("Jiří Novák: Díky.", "Jiří Novák", "Díky."),
        ("Lex Fridman [inaudible]: Wow.", "Lex Fridman", "Wow."),
        ("山本　大輔：規模は？", "山本　大輔", "規模は？"),
    ],
)
def test_one_line_label_forms(line, name, words):
    hit = _match_label(line)
    assert hit is not None and hit.name == name and line[hit.content :] == words


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Lex:Hello there", "Lex"),  # a colon-joined name needs its own colon after it
        ("Meeting at 10:30: room 4", None),  # a time is never part of a name
        ("10:30: start", None),
        ("Record (in all years): 91 sites", None),  # a field's qualifier is not a stage direction
        ("In Berlin, Germany: prices rose", None),  # a title after the comma must name a role
    ],
)
def test_what_a_label_name_does_not_take(line, name):
    hit = _match_label(line)
    assert (hit.name if hit else None) == name


def test_a_timed_note_is_a_time_not_words():
    from helpers.text.labelled import inline_stamps

    line = "How many [inaudible 00:03:05] stores [crosstalk 00:03:09] opened?"
    assert [(line[a:b], ts) for a, b, ts in inline_stamps(line)] == [
        (" 00:03:05", "00:03:05"),
        (" 00:03:09", "00:03:09"),
    ]
    assert inline_stamps("[inaudible] and [laughter 12]") == []


def test_names_and_publications_with_lower_case_particles_are_speakers():
    """A particle between capitalised words ("zu", a publication's "am") stays inside the label."""
    text = (
        "Welt am Sonntag: Herr zu Guttenberg, was machen Sie heute?\n\n"
        "Karl-Theodor zu Guttenberg: Ich berate Unternehmen in Europa.\n\n"
        "Welt am Sonntag: Vermissen Sie die Politik?\n\n"
        "Karl-Theodor zu Guttenberg: Nein, das Fernsehen vermisse ich nicht.\n"
    )
    doc = parse_document(text, "wams")
    assert doc.format == "transcript"
    assert [s.speaker for s in doc.sentences] == ["Welt am Sonntag", "Karl-Theodor zu Guttenberg"] * 2
    assert not any(s.text.startswith(("Welt", "Karl")) for s in doc.sentences)
