"""Who says each sentence: behaviour on small texts, and the seed gold as a regression floor."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text import speakers
from helpers.text.parse import parse_document
from helpers.text.speakers import ATTRIBUTIONS, author_asides, roles

ROOT = Path(__file__).resolve().parents[1]
TWO = ["Dwarkesh Patel", "Mark Zuckerberg"]


def voices(text: str, speakers=None, genre=None, event=None):
    doc = parse_document(text, "t", speakers=speakers, genre=genre, event=event)
    return doc, [(s.text, s.speaker, s.attribution, s.speaker_confidence) for s in doc.sentences]


def speaker_of(rows, prefix: str):
    hits = [r for r in rows if r[0].startswith(prefix)]
    assert hits, prefix
    return hits[0][1]


INTERVIEW = """\
Welcome to the show. Today my guest runs a large technology company.

Thanks. Glad to be here.

Mark, what are you working on this year?

Mostly glasses and AI. We are putting an assistant into every app.

How many people use it?

Hundreds of millions already, and it grows every month.
"""


def test_vocative_question_hands_the_floor_to_the_person_addressed():
    _, rows = voices(INTERVIEW, TWO, "transcript", "Dwarkesh Patel podcast interview with Mark Zuckerberg")
    assert speaker_of(rows, "Mark, what are you") == "Dwarkesh Patel"  # nobody addresses themselves
    assert speaker_of(rows, "Mostly glasses") == "Mark Zuckerberg"
    assert speaker_of(rows, "How many people") == "Dwarkesh Patel"
    assert speaker_of(rows, "Hundreds of millions") == "Mark Zuckerberg"
    assert all(r[2] == "turn" for r in rows)


def test_vocative_flips_the_speaker_when_names_are_swapped():
    swapped = INTERVIEW.replace("Mark,", "Dwarkesh,")
    _, rows = voices(swapped, TWO, "transcript", None)
    assert speaker_of(rows, "Dwarkesh, what are you") == "Mark Zuckerberg"
    assert speaker_of(rows, "Mostly glasses") == "Dwarkesh Patel"


def test_self_introduction_fixes_a_turn_and_its_neighbours():
    text = """\
Welcome back, everyone. Tonight we talk about chips with a very special guest.

Thanks for having me. I'm Jensen Huang, and I run a company that makes accelerated computers.

So what does your company actually make?

We started with graphics chips, and now we build whole data centers.
"""
    _, rows = voices(text, ["Mark Zuckerberg", "Jensen Huang"], "transcript", None)
    assert speaker_of(rows, "I'm Jensen Huang") == "Jensen Huang"
    # the neighbours follow from the one anchored turn
    assert speaker_of(rows, "Welcome back") == "Mark Zuckerberg"
    assert speaker_of(rows, "So what does") == "Mark Zuckerberg"
    assert speaker_of(rows, "We started with") == "Jensen Huang"


def test_japanese_vocative_and_self_introduction():
    text = """\
皆さんこんばんは。私はジェンセン・フアンです。今日は特別なゲストをお招きしています。

ありがとうございます。呼んでいただけて嬉しいです。

マーク、今年は何に取り組んでいますか?

そうですね、スマートグラスとAIです。すべてのアプリにアシスタントを入れています。
"""
    speakers = ["Jensen Huang", "Mark Zuckerberg"]
    _, rows = voices(text, speakers, "transcript translation", None)
    assert speaker_of(rows, "私はジェンセン・フアンです") == "Jensen Huang"
    assert speaker_of(rows, "マーク、今年は") == "Jensen Huang"
    assert speaker_of(rows, "そうですね、スマート") == "Mark Zuckerberg"


# A round table laid out one utterance per line, no blank lines (ASR and
# caption-derived text): every line is a candidate turn.
ROUND_TABLE = """\
座談会：推論基盤の今

司会の西田です。今日は二人の技術者に来ていただきました。
小林さん、いま一番大きな学習はどれくらいの規模ですか。
GPU1万6000基で、2か月ほどです。一日に何度もチェックポイントから再開します。
森田さんのところはいかがですか。
うちはもっと小さいです。4000基で学習して、足りない分は借りています。
借りる方が安いんですか。
短期なら安いです。常時使う分は自前で持っています。
"""
ROUND_TABLE_SPEAKERS = ["西田 浩", "小林 真理", "森田 健一"]


def test_one_utterance_per_line_decodes_each_line_as_a_turn():
    _, rows = voices(ROUND_TABLE, ROUND_TABLE_SPEAKERS, "transcript", "座談会 with 小林 真理 and 森田 健一")
    assert speaker_of(rows, "小林さん、いま") == "西田 浩"
    assert speaker_of(rows, "GPU1万6000基") == "小林 真理"
    assert speaker_of(rows, "一日に何度も") == "小林 真理"  # the rest of the line stays with its speaker
    # "森田さんの…はいかがですか": the person named with an honorific in a question is the one asked
    assert speaker_of(rows, "森田さんのところ") == "西田 浩"
    assert speaker_of(rows, "うちはもっと") == "森田 健一"
    assert speaker_of(rows, "借りる方が") == "西田 浩"
    given = speakers.given_names(ROUND_TABLE_SPEAKERS)
    assert speakers.vocatives("森田さんのところはいかがですか。", given) == {"森田 健一": True}
    assert speakers.vocatives("今日は森田さんに来ていただきました。", given) == {}  # named, not asked


def test_wrapped_lines_stay_with_their_turn():
    # The same kind of talk with lines wrapped mid-sentence (subtitle-style
    # translations): a line is no turn, the paragraph is.
    text = """\
対談：推論基盤の今

司会の西田です。
今日は小林さんに来ていただきました。
小林さん、いま一番大きな学習は
どれくらいの規模ですか。

そうですね、
GPU1万6000基で、
2か月ほどです。
一日に何度も
チェックポイントから再開します。
それでも、
電力の確保が一番の課題です。

借りる方が
安いんですか。
"""
    doc, rows = voices(text, ["西田 浩", "小林 真理"], "transcript", "対談 with 小林 真理")
    units = [speakers.Unit(s.start, s.end, s.line, s.block_id, s.block_kind, s.text) for s in doc.sentences]
    assert not speakers._lines_are_turns(units)
    answer = [r[1] for r in rows if r[0].startswith(("そうですね", "一日に何度も", "それでも"))]
    assert answer == ["小林 真理"] * 3
    assert speaker_of(rows, "借りる方が") == "西田 浩"
    assert speakers._lines_are_turns([
        speakers.Unit(s.start, s.end, s.line, s.block_id, s.block_kind, s.text)
        for s in parse_document(ROUND_TABLE, "t").sentences
    ])


def test_labelled_turns_stay_labelled_and_certain():
    text = "Host: How many GPUs will you have?\nMark Zuckerberg: About 350,000 by the end of the year.\n"
    doc, rows = voices(text, ["Mark Zuckerberg"], "transcript", None)
    by = {r[0][:5]: r for r in rows}
    assert by["About"][1:] == ("Mark Zuckerberg", "labelled", 1.0)
    assert all(not s.speaker_inferred for s in doc.sentences)


def test_a_role_label_names_the_catalogs_host():
    text = ("Title line\n\nHOST: How many GPUs will you have?\nGUEST: About 350,000 by the end of the year.\n"
            "HOST: And next year?\nGUEST: More.\n")
    _, rows = voices(text, TWO, "transcript", "Dwarkesh Patel podcast interview with Mark Zuckerberg")
    assert [(r[1], r[2]) for r in rows][:2] == [("Dwarkesh Patel", "labelled"), ("Mark Zuckerberg", "labelled")]
    # with two hosts the label stays as written
    _, rows = voices(text, ["Mark Zuckerberg", "Ruchi Sanghvi", "Aditya Agarwal"], "transcript",
                     "South Park Commons talk with Mark Zuckerberg")
    assert [r[1] for r in rows][:2] == ["HOST", "Mark Zuckerberg"]


@pytest.mark.parametrize(
    "text, speakers, sentence, who",
    [
        ("Die Aktie stieg. Zuckerberg sagte, Meta werde 350.000 GPUs besitzen.", ["Mark Zuckerberg"], "Zuckerberg sagte", "Mark Zuckerberg"),
        ("Die Aktie stieg. Laut Jensen Huang arbeiten mehrere hundert Ingenieure an PyTorch.", [], "Laut Jensen", "Jensen Huang"),
        ("Meta hat viel investiert. Meta habe 2018 erste Demos gezeigt, erklärte Zuckerberg.", ["Mark Zuckerberg"], "Meta habe", "Mark Zuckerberg"),
        ("Shares rose. Nvidia chief executive Jensen Huang said Meta was close to 600,000 chips.", [], "Nvidia chief", "Jensen Huang"),
        ("Shares rose. According to a company filing, the firm employed 70,799 people.", [], "According to", "company filing"),
        ("会場は満員だった。ザッカーバーグ氏は、35万個購入する計画だと語った。", ["Mark Zuckerberg"], "ザッカーバーグ氏は", "Mark Zuckerberg"),
        ("会場は満員だった。関係者によると、10倍の計算資源が必要になる。", [], "関係者によると", "関係者"),
    ],
)
def test_reported_speech_names_the_person_reported(text, speakers, sentence, who):
    _, rows = voices(text, speakers, "article", None)
    row = next(r for r in rows if r[0].startswith(sentence))
    assert row[2] == "reported"
    assert who in row[1]
    assert rows[0][2] == "author" and rows[0][1] is None


def test_a_surname_alone_names_the_person_named_in_full_before():
    text = ("Chips and power\n\nDylan Patel, an analyst who tracks chip supply, has doubts. "
            "The market grew by 40 percent. Patel said a cluster now costs 2 billion dollars.\n")
    _, rows = voices(text, [], "article", None)
    assert (speaker_of(rows, "Patel said"), rows[-1][2]) == ("Dylan Patel", "reported")
    assert speaker_of(rows, "The market grew") is None


def test_a_following_sentence_inherits_the_source_but_a_question_does_not():
    text = "Meta and its models\n\nZuckerberg said the models keep improving. He added that training took 15 trillion tokens. Is that sustainable?\n"
    _, rows = voices(text, ["Mark Zuckerberg"], "article", None)
    assert speaker_of(rows, "He added") == "Mark Zuckerberg"
    assert speaker_of(rows, "Is that") is None


def test_notes_are_the_guests_words_and_asides_the_authors():
    text = """\
先週のインタビューのメモです。

【GPU】
(24:00)年末までに35万個のGPUを購入する計画だ(湯川解説:GPUは2つの用途で使われる)。
(質問)データセンターは1000億ドル規模になる。何に使うのか?
"""
    doc = parse_document(text, "n", speakers=["Mark Zuckerberg", "Dwarkesh Patel"], genre="notes",
                         event="Dwarkesh Patel podcast interview with Mark Zuckerberg")
    by = {s.text[:6]: s for s in doc.sentences}
    assert by["先週のインタ"].attribution == "author"
    assert by["(24:00"[1:] if False else next(k for k in by if "35万個" in by[k].text)].speaker == "Mark Zuckerberg"
    question = next(s for s in doc.sentences if "1000億ドル" in s.text)
    assert (question.speaker, question.attribution) == ("Dwarkesh Patel", "reported")
    (a, b), = author_asides(text)
    assert text[a:b].startswith("(湯川解説")


def test_roles_from_the_event_and_from_the_welcome():
    assert roles(TWO, "Dwarkesh Patel podcast interview with Mark Zuckerberg") == {
        "Dwarkesh Patel": "host", "Mark Zuckerberg": "guest"}
    assert roles(["Jensen Huang", "Mark Zuckerberg"], "conversation between Jensen Huang and Mark Zuckerberg") == {}


def test_no_known_speakers_means_no_guessed_names():
    _, rows = voices(INTERVIEW, None, "transcript", None)
    assert all(r[1] is None for r in rows)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=list("ab cマーク、。?\n「」Mark,.:私はです"), max_size=300))
def test_every_sentence_gets_a_valid_voice(text):
    doc = parse_document(text, "h", speakers=TWO, genre="transcript")
    for s in doc.sentences:
        assert s.attribution in ATTRIBUTIONS
        assert 0.0 <= s.speaker_confidence <= 1.0
        assert (s.speaker is None) or s.speaker in TWO or s.attribution in ("labelled", "reported")


# Run in a fresh interpreter: who says each sentence of the interview (known speakers) and of a
# German panel of three, as text.
DECODE = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from test_speakers import INTERVIEW, TWO, ROOT, voices
PANEL = ["Stefan Krause", "Anna Schmidt", "Lukas Brandt"]
panel = (ROOT / "tests" / "fixtures" / "speakers" / "de_panel_open_source.txt").read_text(encoding="utf-8")
print(repr(voices(INTERVIEW, TWO, "transcript", None)[1]))
print(repr(voices(panel, PANEL, "transcript", None)[1]))
"""


def test_decoding_is_deterministic():
    # Two processes with different string hashing: any order taken from a set or a hash would differ.
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", DECODE], capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert "Mark Zuckerberg" in outputs[0] and "'Lukas Brandt', 'turn'" in outputs[0] and outputs[0].count("\n") == 2


def _bench():
    spec = importlib.util.spec_from_file_location("eval_speakers", ROOT / "bench" / "eval_speakers.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["eval_speakers"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gold():
    bench = _bench()
    return bench, bench.evaluate()


def test_seed_gold_stays_above_the_measured_floor(gold):
    """Floors a little under what the decoder reaches today (bench/eval_speakers.py prints the figures)."""
    bench, report = gold
    by = {r.doc: r for r in report.docs}
    assert by["000_a86c1cdb2fa65775"].claims_accuracy >= 0.88  # 0.94 measured
    assert by["004_212789ab223fc4b9"].claims_accuracy >= 0.84  # 0.86
    assert by["002_eb63065994b04cab"].claims_accuracy >= 0.9  # 0.96
    assert by["003_ff97695cd6ad6ecf"].attribution_accuracy >= 0.85  # 0.93 (only 5 of its quantities are a person's)
    assert by["en_interview"].sentence_accuracy >= 0.9  # 1.0
    assert by["de_podcast_rechenzentrum"].claims_accuracy >= 0.9  # 0.95
    assert by["ja_interview_llm"].claims_accuracy >= 0.8  # 0.87
    assert by["ja_teidan_opensource"].claims_accuracy >= 0.5  # 0.58 (0.11 when its one-turn-per-line layout was one block)
    seeds = [s for s in report.claims(person=True) if s.doc[:3].isdigit()]
    assert sum(s.correct for s in seeds) / len(seeds) >= 0.84  # 0.85
    # the rendered dialogues (several speakers, run-on turns) are harder: 0.775 over all the gold
    assert report.person_claims_accuracy >= 0.75
    assert report.confident_wrong_share <= 0.05  # 0.007 with the table fitted on this gold


def test_confidence_separates_right_from_wrong_on_held_out_dialogues(gold):
    """The issue's targets on dialogues never looked at while the rules were developed (split heldout2, added
    and labelled before the second round's first run), scored with the shipped table: under 5% of decisions
    confident (>= 0.8) and wrong, AUROC >= 0.75."""
    bench, report = gold
    held = [s for s in report.scored if s.split == "heldout2" and s.people]
    sentences = [s for s in held if s.kind == "sentence"]
    assert len({s.doc for s in held}) >= 7 and len(sentences) >= 100
    for kind in ("claim", "sentence"):
        mine = [s for s in held if s.kind == kind]
        assert sum(s.confidence >= bench.CONFIDENT and not s.correct for s in mine) / len(mine) < 0.05  # 0 measured
    assert bench.auroc([(s.confidence, s.correct) for s in sentences]) >= 0.75  # 0.82 measured
    # and not by declaring everything unsure: the mean confidence stays within 25 points of the accuracy
    right = sum(s.correct for s in sentences) / len(sentences)
    assert abs(right - sum(s.confidence for s in sentences) / len(sentences)) < 0.25  # 0.83 right, 0.79 given


def test_auroc_counts_ties_half():
    bench = _bench()
    assert bench.auroc([(0.9, True), (0.1, False)]) == 1.0
    assert bench.auroc([(0.1, True), (0.9, False)]) == 0.0
    assert bench.auroc([(0.5, True), (0.5, False), (0.9, True)]) == 0.75


def test_fitted_table_is_monotone_and_fitted_on_the_calibration_split(gold):
    """The shipped table is the fit of the current gold's calibration dialogues (every posterior scored against
    the speaker the decoder would name), rises with the posterior, and each step is the accuracy it covers."""
    bench, _ = gold
    decided = bench.evaluate(decide_all=True)
    shipped = yaml.safe_load(bench.CALIBRATION.read_text("utf-8"))
    assert shipped == bench.fit(decided), "re-run bench/eval_speakers.py --calibrate"
    steps = shipped["posterior"]
    assert [r["upto"] for r in steps] == sorted(r["upto"] for r in steps) and steps[-1]["upto"] == 1.0
    assert all(a["accuracy"] <= b["accuracy"] for a, b in pairwise(steps))
    points = [
        s for s in decided.scored if s.kind == "sentence" and s.rule in bench.DECODED and s.split in bench.FIT_SPLITS
    ]
    assert points and all(s.split not in ("tune", "heldout2") for s in points)
    lo = -1.0
    for row in steps:
        right: dict[str, int] = {}
        n: dict[str, int] = {}
        for s in points:
            if lo < s.score <= row["upto"]:
                right[s.doc] = right.get(s.doc, 0) + s.correct
                n[s.doc] = n.get(s.doc, 0) + 1
        assert sum(n.values()) == row["n"]
        assert row["accuracy"] <= bench._cluster_low(right, n) + 5e-4
        assert len(n) >= bench.MIN_DOCS
        lo = row["upto"]


def test_dialogue_spread_lowers_the_bound():
    """Claims of one dialogue are not independent: two dialogues at 100% and 40% leave the
    next dialogue's accuracy far less certain than 140 claims at 70% would."""
    bench = _bench()
    spread = bench._cluster_low({"a": 70, "b": 28}, {"a": 70, "b": 70}, z=1.28)
    alike = bench._cluster_low({"a": 49, "b": 49}, {"a": 70, "b": 70}, z=1.28)
    assert alike == pytest.approx(bench._wilson_low(98, 140, 1.28))
    assert spread < alike - 0.2
