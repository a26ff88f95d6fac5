"""German ordinals and "No. 1" in sentence cuts and quantities; speaker handles in small letters ("zabo:")."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from helpers.claims.extract import quantity_lines
from helpers.text.parse import parse_document
from helpers.text.segment import split_sentences

_spec = importlib.util.spec_from_file_location(
    "eval_boundaries", Path(__file__).resolve().parents[1] / "bench" / "eval_boundaries.py"
)
assert _spec and _spec.loader
evalb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evalb)

DEV_SENTENCES = [it for it in evalb.sentence_items() if it["split"] == "dev"]


@pytest.mark.parametrize("item", DEV_SENTENCES, ids=lambda it: it["id"])
def test_annotated_sentences_are_cut_where_the_gold_cuts(item):
    text = " ".join(item["sentences"])
    assert [text[a:b] for a, b in split_sentences(text, item["lang"])] == item["sentences"]


@pytest.mark.parametrize(
    "text,cuts",
    [
        ("Sie feiert ihren 100. Geburtstag. Alle kommen.", 1),  # a possessive before: an ordinal
        ("Die Quote stieg auf 7. Experten staunten.", 1),  # a counting word before: a number ending a sentence
        ("Es waren am Ende 45. Die Bilanz ist gut.", 1),  # a word opening sentences after it
        ("Der Termin ist der 3. Oktober. Er steht fest.", 1),  # a month after it
        ("Im Jahr 2024. Danach kam 2025.", 1),  # four digits: never an ordinal
    ],
)
def test_german_number_and_period_cuts_only_at_a_sentence_end(text, cuts):
    assert len(split_sentences(text, "de")) == cuts + 1


def test_no_is_an_abbreviation_only_before_a_number():
    assert len(split_sentences("It ranked No. 1 again. He said no. Then he left.", "en")) == 3
    assert len(split_sentences("業界No. 1の企業です。", "ja")) == 1


def _quantities(text: str, lang: str = "de") -> list[str]:
    return [q["surface"] for line in quantity_lines(text, lang) for q in json.loads(line)["quantities"]]


def test_a_german_ordinal_after_a_possessive_is_no_quantity_but_a_final_number_is():
    assert _quantities("Die Firma feiert ihren 100. Geburtstag und hat 2.000 Mitarbeiter.") == ["2.000 Mitarbeiter"]
    assert _quantities("Wir feiern unsere 25. Ausgabe.") == []
    assert _quantities("Der Umsatz stieg auf 100. Danach fiel er.") == ["100"]


def test_annotated_label_lines_are_read_as_the_gold_reads_them():
    right, total, wrong = evalb.score_labels("dev")
    assert right == total, wrong
    assert any(d["split"] == "dev" and d["lang"] == "ja" for d in evalb.label_docs())


def test_a_repeated_handle_in_small_letters_names_the_speaker():
    text = (
        "zabo:今夜も始まりました。\n椿らい堂:よろしくお願いします。\n"
        "zabo:今年は2日間です。\n椿らい堂:はい、そうです。\n"
    )
    doc = parse_document(text, "t")
    assert [s.speaker for s in doc.sentences] == ["zabo", "椿らい堂", "zabo", "椿らい堂"]
    assert not any(s.text.startswith("zabo") for s in doc.sentences)


def test_a_handle_said_once_or_a_note_stays_text():
    text = "Ken: 始めます。\nMC: どうぞ。\nKen: 売上は3億円です。\nMC: なるほど。\nstep: 次に進みます。\n"
    doc = parse_document(text, "t")
    assert doc.sentences[-1].text.startswith("step:")
    prose = parse_document("note: figures are unaudited.\nupdate: the CEO resigned.\nnote: see above.\n", "p")
    assert prose.sentences[0].text.startswith("note:") and all(s.speaker is None for s in prose.sentences)
    assert "update: the CEO" in " ".join(s.text for s in prose.sentences)
