"""How a claim's speaker is shown: one wording everywhere, inferences marked in words, names escaped."""

from __future__ import annotations

import math
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers.analysis.attribution import said_by, speaker_note, speaker_of
from helpers.analysis.compare import findings_frame, topic_group
from helpers.analysis.ledger import load_ledger
from helpers.reports.comparison import group_html, speaks_for, who_claims_html
from helpers.reports.explorer import claims_table_html, claims_view
from helpers.reports.markup import speaker_html
from helpers.reports.render import document_html
from helpers.text.catalog import CatalogEntry

REPO = Path(__file__).resolve().parents[1]
LEDGER = load_ledger(REPO / "references" / "reference_facts.csv")
HOSTILE = '<img src=x onerror="alert(1)">&\u202eevil'


@pytest.mark.parametrize(
    ("speaker", "attribution", "shown"),
    [
        ("Mark Zuckerberg", "labelled", "Mark Zuckerberg"),
        ("Jensen Huang", "turn", "Jensen Huang (inferred)"),
        ("Mark Zuckerberg", "reported", "Mark Zuckerberg (reported)"),
        ("", "reported", "unnamed (reported)"),
        ("", "author", "author"),
        ("湯川", "author", "湯川 (author)"),
        ("", "unknown", ""),
        ("Mark Zuckerberg", "", "Mark Zuckerberg"),  # a claims table from before attributions
        (math.nan, math.nan, ""),
        (pd.NA, "labelled", ""),
    ],
)
def test_each_attribution_has_one_wording(speaker, attribution, shown):
    assert said_by(speaker, attribution) == shown


def test_inferences_are_marked_in_words_and_the_note_gives_the_confidence():
    assert "(inferred)" in speaker_html("Jensen Huang", "turn", 0.73)
    assert 'title="inferred: decoded from the turns of an unlabelled dialogue; confidence 0.73"' in speaker_html("Jensen Huang", "turn", 0.73)
    # a label is certain: no number to read, and nothing marks it as a guess
    assert speaker_note("labelled", 1.0) == "named by the transcript's own speaker label"
    assert "inferred" not in speaker_html("Mark Zuckerberg", "labelled", 1.0).split(">", 1)[1]
    assert speaker_html("", "unknown", 0.0) == ""
    assert speaker_note("reported", "not a number") == "inferred: the writer reports this person's words"


def test_a_hostile_name_is_escaped_everywhere_it_is_shown():
    out = speaker_html(HOSTILE, "turn", 0.5)
    assert "<img" not in out and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;" in out
    assert "\u202e" not in out and "[U+202E]" in out  # a bidi override cannot reorder the label


def test_the_speaker_is_one_person_however_known():
    assert speaker_of("Mark Zuckerberg", "labelled") == speaker_of("Mark Zuckerberg", "turn") == "Mark Zuckerberg"
    # unnamed writers of two articles are not one speaker
    assert speaker_of("", "author") == speaker_of("", "unknown") == ""


CATALOG = {
    "ja_notes": CatalogEntry("ja_notes", language="ja", event_id="podcast", event_date="2024-04-18"),
    "de_news": CatalogEntry("de_news", language="de", event_id="news", event_date="2024-05-01"),
    "en_talk": CatalogEntry("en_talk", language="en", event_id="talk", event_date="2024-07-29"),
}


def claim(doc, cid, surface, unit, topic, value, *, speaker="", attribution="unknown", confidence=0.0, lang="en",
          context="", subject="", sentence_id=1):  # fmt: skip
    return dict(doc_id=doc, claim_id=cid, line=1, start=0, end=len(surface), surface=surface, value=value, value_low=value,
                value_high=value, unit=unit, vague=False, qualifier="", topic=topic, speaker=speaker,
                sentence_id=sentence_id, measure="", lang=lang, context=context or surface, attribution=attribution,
                speaker_confidence=confidence)  # fmt: skip


def test_labelled_and_inferred_figures_of_one_person_are_not_other_speakers():
    claims = pd.DataFrame([
        # both sentences name whose creators they count: a conflict needs a known subject on both sides
        claim("ja_notes", "j1", "2億人", "person", "creator_count", 2e8, speaker="Mark Zuckerberg", attribution="labelled",
              confidence=1.0, lang="ja", context="Metaのクリエイターは2億人だ。"),
        claim("de_news", "d1", "50 Millionen", "person", "creator_count", 5e7, speaker="Mark Zuckerberg", attribution="turn",
              confidence=0.7, lang="de", context="Meta zählt 50 Millionen Creator."),
    ])  # fmt: skip
    f = findings_frame(claims, LEDGER, CATALOG)
    row = f[(f["kind"] == "claim") & (f["claim_ids"] == "d1")].iloc[0]
    assert row["verdict"] == "conflict" and "other speakers" not in row["detail"]
    assert row["speakers"] == "Mark Zuckerberg (inferred) (de_news)"
    head = f[f["kind"] == "group"].iloc[0]
    assert head["speakers"] == "Mark Zuckerberg (inferred) (de_news); Mark Zuckerberg (ja_notes)"


def _fleet_group():
    claims = pd.DataFrame([
        claim("en_talk", "t1", "600,000", "gpu", "meta_gpu_fleet", 6e5, speaker="Jensen Huang", attribution="turn",
              confidence=0.73, context="Meta is coming up on 600,000 H100s."),
        claim("ja_notes", "n1", "35万個", "gpu", "meta_gpu_fleet", 3.5e5, speaker="Mark Zuckerberg", attribution="reported",
              confidence=0.95, lang="ja", context="ザッカーバーグ氏によると、Metaは年末までにH100を35万個持つ。", sentence_id=2),
    ])  # fmt: skip
    f = findings_frame(claims, LEDGER, CATALOG)
    return claims, f


def test_the_comparison_says_who_claims_each_figure_and_the_subjects_own():
    claims, f = _fleet_group()
    sentences = []
    for head in f[f["kind"] == "group"].itertuples():
        group = topic_group(claims, f, CATALOG, group_id=head.group_id)
        sentences.append((head, group, who_claims_html(group, head, "documents/")))
    text = " ".join(s for _, _, s in sentences)
    # the other company's CEO is named as the source, marked as inferred, with the document
    assert "Jensen Huang (inferred)</span> says" in text and "(en_talk)" in text
    # Meta's own figure is Zuckerberg's, marked as reported; where he gives none, the ledger's stands in
    assert "Meta&#x27;s own figure is" in text or "Meta's own figure is" in text
    assert "Mark Zuckerberg (reported)" in text
    for head, group, html in sentences:
        if "Jensen" in html and "Zuckerberg" not in html:
            assert "not in these sources; the published figure is" in html
        assert 'href="documents/' in html  # each figure links to its sentence
        assert "(inferred)" in group_html(group, "documents/") or "Jensen" not in html


def test_who_claims_escapes_speakers_and_subjects():
    group = pd.DataFrame([dict(
        claim_id="x:c1", doc_id="x", event_date="", speaker=HOSTILE, attribution="turn", speaker_confidence=0.6,
        said=said_by(HOSTILE, "turn"), lang="en", surface="5", normalized="5 gpu", sentence_id=0)])  # fmt: skip
    head = SimpleNamespace(subject="<b>Meta</b>", reference="", reference_value="", reference_as_of="")
    html = who_claims_html(group, head)
    assert "<img" not in html and "<b>" not in html and "(inferred)</span> says" in html


def test_speaking_for_a_subject_follows_the_entity_lexicon():
    assert speaks_for("Mark Zuckerberg", "Meta") and speaks_for("Zuckerberg", "Llama")  # a product's maker
    assert not speaks_for("Jensen Huang", "Meta") and speaks_for("Jensen Huang", "Nvidia")
    assert not speaks_for("Susan Li", "Mark Zuckerberg")  # a person's own figure is only theirs
    assert not speaks_for("Gastgeber", "Meta") and not speaks_for("", "Meta")


def test_document_text_marks_a_change_of_voice_inside_a_block():
    text = "Zuckerberg sagte, Meta habe 350.000 GPUs. Das ist viel."
    blocks = pd.DataFrame([dict(block_id=0, kind="paragraph", start=0, end=len(text), text=text, speaker="",
                                speaker_inferred=False, timestamp="")])  # fmt: skip
    sentences = pd.DataFrame([
        dict(sentence_id=0, block_id=0, start=0, end=41, lang="de", speaker="Mark Zuckerberg", attribution="reported",
             speaker_confidence=0.95),
        dict(sentence_id=1, block_id=0, start=42, end=len(text), lang="de", speaker="", attribution="author",
             speaker_confidence=0.8),
    ])  # fmt: skip
    html = document_html(blocks, sentences)
    assert html.index("[<span") < html.index('id="s-0"')
    assert "Mark Zuckerberg (reported)</span>]" in html
    assert 'author</span>]</small> <span id="s-1"' in html
    turn = blocks.assign(speaker="Jensen Huang", speaker_inferred=True, kind="turn")
    same = sentences.assign(speaker="Jensen Huang", attribution="turn")
    html = document_html(turn, same)
    assert "Jensen Huang (inferred)</span>:</strong>" in html and 'class="voice"' not in html
    assert 'title="inferred: decoded from the turns' in html  # how an inferred speaker is known, on its turn
    labelled = document_html(turn.assign(speaker_inferred=False), sentences.assign(speaker="Jensen Huang", attribution="labelled"))
    assert '<strong><span class="speaker">Jensen Huang</span>:</strong>' in labelled  # the transcript's own label: no tooltip


def test_explorer_shows_the_mark_and_filters_by_the_person():
    claims = pd.DataFrame([
        claim("en_talk", "en_talk:c0001", "600,000", "gpu", "meta_gpu_fleet", 6e5, speaker="Jensen Huang",
              attribution="turn", confidence=0.73),
        claim("en_talk", "en_talk:c0002", "5", "count", "", 5, speaker="Jensen Huang", attribution="labelled", confidence=1.0),
    ])  # fmt: skip
    sentences = pd.DataFrame(dict(doc_id=["en_talk"], sentence_id=[1], text=["x"]))
    docs = pd.DataFrame(dict(doc_id=["en_talk"], event_date=["2024-07-29"]))
    empty = pd.DataFrame(dict(claim_ids=pd.Series([], dtype=str), verdict=pd.Series([], dtype=str)))
    view = claims_view(claims, sentences, docs, empty)
    assert list(view["speaker"]) == ["Jensen Huang (inferred)", "Jensen Huang"]
    html = claims_table_html(view)
    # both rows filter as one person; the attribution column tells them apart
    assert html.count('data-value="Jensen Huang"') == 2
    assert "<th scope=\"col\" data-filter data-optional>attribution</th>" in html  # behind the column chooser


def test_topic_summaries_word_their_speakers_by_the_rule():
    from helpers.analysis.summarize import topic_summaries

    claims = pd.DataFrame([
        claim("en_talk", "en_talk:c0001", "600,000", "gpu", "meta_gpu_fleet", 6e5, speaker="Jensen Huang", attribution="turn",
              confidence=0.7),
        claim("ja_notes", "ja_notes:c0001", "35万個", "gpu", "meta_gpu_fleet", 3.5e5, attribution="author", lang="ja"),
    ])  # fmt: skip
    sentences = pd.DataFrame([
        dict(doc_id="en_talk", sentence_id=1, start=0, text="Meta is coming up on 600,000 H100s.", speaker="Jensen Huang",
             attribution="turn"),
        dict(doc_id="ja_notes", sentence_id=1, start=0, text="H100を35万個。", speaker="", attribution="author"),
    ])  # fmt: skip
    out = topic_summaries(claims, sentences, CATALOG).set_index("doc_id")
    assert out.loc["en_talk", "speaker"] == "Jensen Huang (inferred)"
    assert out.loc["ja_notes", "speaker"] == "author"


def test_a_turn_continuing_the_same_voice_is_not_headed_again():
    texts = ["Wir haben 350.000 GPUs.", "Und mehr kommen.", "Wirklich?", "Ja, 600.000.", "Gut."]
    who = ["Mark Zuckerberg", "Mark Zuckerberg", "Gastgeber", "Mark Zuckerberg", "Mark Zuckerberg"]
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    blocks = pd.DataFrame([
        dict(block_id=i, kind="turn", start=s, end=s + len(t), text=t, speaker=w, speaker_inferred=True,
             timestamp=f"00:0{i}")
        for i, (t, w, s) in enumerate(zip(texts, who, starts, strict=True))
    ])  # fmt: skip
    sentences = pd.DataFrame([
        dict(sentence_id=i, block_id=i, start=s, end=s + len(t), lang="de", speaker=w, attribution="turn",
             speaker_confidence=0.9)
        for i, (t, w, s) in enumerate(zip(texts, who, starts, strict=True))
    ])  # fmt: skip
    html = document_html(blocks, sentences)
    headed = re.findall(r'<p class="turn">(<strong>.*?</strong>)?', html)
    assert [bool(h) for h in headed] == [True, False, True, True, False]
    assert html.count("(00:0") == 5  # every timestamp stays
    # a voice that changes inside the turn before (shown in brackets) is named again on the next turn
    mark = blocks.assign(speaker="Mark Zuckerberg")
    said = sentences.assign(speaker=["Mark Zuckerberg", "Gastgeber"] + ["Mark Zuckerberg"] * 3)
    html = document_html(mark, said)
    headed = re.findall(r'<p class="turn">(<strong>.*?</strong>)?', html)
    assert [bool(h) for h in headed] == [True, False, True, False, False]
    assert "[<span" in html.split('id="s-1"')[0].rsplit("<p", 1)[1]
