"""Tests for helpers.analysis.summarize: ranking, selection, key numbers, topic summaries, notebook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text import model

from helpers.analysis import summarize
from helpers.text.catalog import CatalogEntry

ROOT = Path(__file__).resolve().parents[1]

JA_FILLER = "そうだな。"
JA_TEXTS = [
    "こんにちは。",
    "MetaはNVIDIAのGPUを大量に購入してAIモデルを訓練しました。",
    JA_FILLER,
    "AIモデルの訓練にはGPUと電力と大規模なデータセンターが必要です。",
    "オープンソースのAIモデルはコストを削減し、開発者のエコシステムを広げます。",
    "ありがとうございます。",
    "天気が良いので公園を散歩して昼ご飯を食べました。",
    "MetaのAIモデルLlamaはオープンソースで公開され、GPUで訓練されています。",
]
DE_TEXTS = [
    "Gastgeber",
    "Ja.",
    "Meta trainiert große Sprachmodelle auf vielen GPUs in eigenen Rechenzentren.",
    "Die Sprachmodelle von Meta sind Open Source und werden von Entwicklern weltweit genutzt.",
    "Mein Knie tat weh, und ich ließ meine Haare wachsen.",
    "Open Source senkt die Kosten, weil Entwickler die Modelle verbessern und Rechenzentren effizienter werden.",
    "Genau, so ist es.",
]
EN_TEXTS = [
    "Welcome everyone.",
    "Meta trains large language models on many GPUs in its own data centers.",
    "Open source language models let developers everywhere build products cheaply.",
    "I hurt my knee and grew my hair during those nine months.",
    "Training language models on GPUs in data centers costs a lot of energy and money.",
    "Yeah, right.",
]


def sentence_frame(texts: list[str], lang: str, doc_id: str = "d") -> pd.DataFrame:
    rows, start = [], 0
    for i, text in enumerate(texts):
        rows.append(
            {
                "doc_id": doc_id, "sentence_id": i, "block_id": i, "start": start,
                "end": start + len(text), "line": i + 1, "lang": lang, "speaker": None,
                "speaker_inferred": False, "timestamp": None, "text": text,
            }
        )  # fmt: skip
        start += len(text) + 1
    return pd.DataFrame(rows, columns=list(summarize.SENTENCE_COLUMNS))


def eligible_count(texts: list[str], lang: str) -> int:
    """Sentences a summary may quote: long enough, and none that a summary never quotes (filters)."""
    ends = summarize.punctuated(texts)
    return sum(
        len(set(summarize.content_tokens(t, lang))) >= summarize.MIN_CONTENT_TOKENS
        and summarize.reject_reason(t, lang, punctuated=ends) is None
        for t in texts
    )


# --- tokens -------------------------------------------------------------------


def test_japanese_tokens_are_normalized_content_words():
    tokens = summarize.content_tokens("MetaはGPUを35万個買いました。こういうことができると思います。", "ja")
    assert "買う" in tokens  # dictionary form, not 買い
    assert "meta" in tokens and "gpu" in tokens  # Latin words lowercased
    assert "350000" not in tokens and "35万" not in tokens  # numerals are not centrality words
    assert not {"こと", "できる", "出来る", "思う"} & set(tokens)


def test_japanese_filler_has_no_content():
    assert summarize.content_tokens(JA_FILLER, "ja") == []
    assert summarize.content_tokens("ありがとうございます。", "ja") == []


def test_german_and_english_forms_are_folded():
    de = summarize.content_tokens("Das Modell und die Modelle und den Modellen", "de")
    assert len(set(de)) == 1
    assert summarize.content_tokens("und die der das ist", "de") == []
    en = summarize.content_tokens("The company and the companies were training models", "en")
    assert en.count("company") == 2 and "train" in en and "model" in en


def test_unknown_language_falls_back_by_script():
    assert summarize.content_tokens("MetaのAIモデルを訓練する", "unknown") == summarize.content_tokens(
        "MetaのAIモデルを訓練する", "ja"
    )
    assert "gpus" in summarize.content_tokens("Meta buys GPUs", "unknown")


# --- ranking ------------------------------------------------------------------


def test_rank_scores_are_positive_for_eligible_and_zero_otherwise():
    scores = summarize.rank_sentences(JA_TEXTS, ["ja"] * len(JA_TEXTS))
    assert scores.shape == (len(JA_TEXTS),)
    assert scores[JA_TEXTS.index(JA_FILLER)] == 0.0
    eligible = scores > 0
    assert eligible.sum() == eligible_count(JA_TEXTS, "ja")
    assert scores.sum() == pytest.approx(1.0)


def test_rank_rejects_mismatched_languages():
    with pytest.raises(ValueError):
        summarize.rank_sentences(["a b c d"], [])


def test_rank_empty():
    assert summarize.rank_sentences([], []).shape == (0,)


def test_off_topic_sentence_ranks_lowest():
    for texts, lang, off_topic in (
        (JA_TEXTS, "ja", 6),
        (DE_TEXTS, "de", 4),
        (EN_TEXTS, "en", 3),
    ):
        scores = summarize.rank_sentences(texts, [lang] * len(texts))
        positive = scores[scores > 0]
        assert scores[off_topic] == positive.min(), lang


@pytest.mark.parametrize(
    "texts,lang,off_topic", [(JA_TEXTS, "ja", 6), (DE_TEXTS, "de", 4), (EN_TEXTS, "en", 3)]
)
def test_each_language_summary_picks_the_central_sentences(texts, lang, off_topic):
    out = summarize.summarize_sentences(sentence_frame(texts, lang), n=2)
    assert len(out) == 2
    assert off_topic not in set(out["sentence_id"])
    assert (out["score"] > 0).all()


# --- selection ----------------------------------------------------------------


def test_summary_is_in_document_order_and_deterministic():
    df = sentence_frame(JA_TEXTS, "ja")
    first = summarize.summarize_sentences(df, n=3)
    shuffled = df.sample(frac=1.0, random_state=7)
    second = summarize.summarize_sentences(shuffled, n=3)
    assert list(first["sentence_id"]) == sorted(first["sentence_id"])
    pd.testing.assert_frame_equal(first.reset_index(drop=True), second.reset_index(drop=True))
    assert list(first.columns) == list(summarize.SENTENCE_COLUMNS) + ["score"]


def test_filler_is_never_chosen_even_when_frequent():
    texts = [JA_FILLER] * 20 + JA_TEXTS[1:2] + [JA_FILLER] * 20
    out = summarize.summarize_sentences(sentence_frame(texts, "ja"), n=5)
    assert list(out["text"]) == [JA_TEXTS[1]]


def test_n_larger_than_document_returns_every_eligible_sentence():
    out = summarize.summarize_sentences(sentence_frame(DE_TEXTS, "de"), n=50)
    assert len(out) == eligible_count(DE_TEXTS, "de") == 4
    assert list(out["sentence_id"]) == [2, 3, 4, 5]


def test_empty_and_zero():
    empty = sentence_frame([], "ja")
    out = summarize.summarize_sentences(empty, n=5)
    assert out.empty and "score" in out.columns
    assert summarize.summarize_sentences(sentence_frame(EN_TEXTS, "en"), n=0).empty


def test_identical_sentences_tie_break_to_document_order():
    text = "Meta trains open language models on large GPU clusters."
    out = summarize.summarize_sentences(sentence_frame([text] * 6, "en"), n=2)
    assert list(out["sentence_id"]) == [0, 1]


def test_redundant_sentence_is_skipped_while_alternatives_remain():
    texts = [
        "Meta trains open language models on large GPU clusters today.",
        "Meta trains open language models on large GPU clusters now.",
        "Language models from Meta need GPU clusters and much training data.",
        "Open models help developers build products on Meta language models.",
    ]
    out = summarize.summarize_sentences(sentence_frame(texts, "en"), n=2)
    assert not {0, 1} <= set(out["sentence_id"])


def test_more_than_one_document_is_refused():
    df = pd.concat([sentence_frame(EN_TEXTS, "en", "a"), sentence_frame(EN_TEXTS, "en", "b")])
    with pytest.raises(ValueError, match="one document"):
        summarize.summarize_sentences(df)


_WORDS = {
    "ja": ["Meta", "GPU", "モデル", "訓練", "電力", "公開", "研究者", "報酬", "そうだな", "ね", "。", "を", "が"],
    "de": ["Meta", "Modelle", "Rechenzentren", "Entwickler", "Kosten", "offen", "ja", "und", "die", "gut"],
    "en": ["Meta", "models", "datacenters", "developers", "costs", "open", "yeah", "and", "the", "good"],
}


@st.composite
def documents(draw):
    lang = draw(st.sampled_from(sorted(_WORDS)))
    sep = "" if lang == "ja" else " "
    sentence = st.lists(st.sampled_from(_WORDS[lang]), max_size=10).map(sep.join)
    return lang, draw(st.lists(sentence, max_size=12))


@settings(max_examples=60, deadline=None)
@given(documents(), st.integers(min_value=0, max_value=15))
def test_summary_is_an_ordered_subset_of_eligible_size(doc, n):
    lang, texts = doc
    df = sentence_frame(texts, lang)
    out = summarize.summarize_sentences(df, n=n)
    ids = list(out["sentence_id"])
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert set(ids) <= set(df["sentence_id"])
    assert list(out["text"]) == [texts[i] for i in ids]
    assert len(ids) == min(n, eligible_count(texts, lang))
    again = summarize.summarize_sentences(df, n=n)
    assert list(again["sentence_id"]) == ids


# --- documents and paths ------------------------------------------------------


def parsed(texts: list[str], lang: str) -> model.ParsedDocument:
    text = "\n".join(texts)
    sentences, start = [], 0
    for i, t in enumerate(texts):
        sentences.append(model.Sentence(sentence_id=i, block_id=i, start=start, end=start + len(t), line=i + 1, lang=lang, text=t))
        start += len(t) + 1
    return model.ParsedDocument(doc_id="x", path="x.txt", encoding="utf-8", text=text, lang=lang, title=None, sentences=sentences)


def test_summarize_document_returns_sentences_matching_the_table_path():
    doc = parsed(JA_TEXTS, "ja")
    chosen = summarize.summarize_document(doc, n=3)
    assert all(isinstance(s, model.Sentence) for s in chosen)
    assert [doc.text[s.start : s.end] for s in chosen] == [s.text for s in chosen]
    table = summarize.summarize_sentences(sentence_frame(JA_TEXTS, "ja"), n=3)
    assert [s.sentence_id for s in chosen] == list(table["sentence_id"])


def test_summarize_path_reads_any_text_file(tmp_path):
    pytest.importorskip("helpers.text.parse")
    path = tmp_path / "notes.txt"
    body = "\n\n".join(EN_TEXTS[1:3] + EN_TEXTS[4:5] + [EN_TEXTS[3], EN_TEXTS[5]])
    path.write_text("Notes on Meta\n\n" + body + "\n", encoding="utf-8")
    lines = summarize.summarize_path(str(path), n=2)
    assert len(lines) == 2
    assert all(line in body for line in lines)
    assert EN_TEXTS[3] not in lines


# --- key numbers --------------------------------------------------------------

CLAIM_COLUMNS = [
    "doc_id", "claim_id", "line", "start", "end", "surface", "value", "value_low", "value_high",
    "unit", "vague", "qualifier", "topic", "speaker", "sentence_id", "measure", "lang", "context",
]  # fmt: skip


def claim(doc_id, claim_id, start, surface, value, unit=None, topic=None, vague=False, measure=None, sentence_id=0, speaker=None, context=""):
    return {
        "doc_id": doc_id, "claim_id": claim_id, "line": 1, "start": start, "end": start + len(surface),
        "surface": surface, "value": value, "value_low": None, "value_high": None, "unit": unit,
        "vague": vague, "qualifier": None, "topic": topic, "speaker": speaker, "sentence_id": sentence_id,
        "measure": measure, "lang": "ja", "context": context,
    }  # fmt: skip


CLAIMS = pd.DataFrame(
    [
        claim("a", "a-1", 10, "2024年", 2024.0, measure="date"),
        claim("a", "a-2", 20, "Llama 3.1", 3.1),
        claim("a", "a-3", 30, "20人", 20.0, unit="people"),
        claim("a", "a-4", 40, "35万個のH100", 350000.0, unit="GPU", topic="gpu-fleet"),
        claim("a", "a-5", 50, "1億ドル", 1e8, unit="USD"),
        claim("a", "a-6", 60, "数百万ドル", 5e6, unit="USD", vague=True),
        claim("a", "a-7", 70, "3", 3.0),
        claim("a", "a-8", 80, "1億ドル", 1e8, unit="USD"),  # the same value again
        claim("b", "b-1", 10, "2020年", 2020.0),
        claim("b", "b-2", 20, "2024", 2024.0),
    ],
    columns=CLAIM_COLUMNS,
)


def test_key_claims_order_and_exclusions():
    out = summarize.key_claims(CLAIMS, "a", k=8)
    assert list(out["claim_id"]) == ["a-4", "a-5", "a-6", "a-3", "a-7"]
    assert list(out.columns) == CLAIM_COLUMNS
    assert list(summarize.key_claims(CLAIMS, "a", k=2)["claim_id"]) == ["a-4", "a-5"]


def test_key_claims_fall_back_to_dates_and_handle_missing():
    assert list(summarize.key_claims(CLAIMS, "b")["claim_id"]) == ["b-1", "b-2"]
    assert summarize.key_claims(CLAIMS, "nope").empty
    assert summarize.key_claims(CLAIMS.iloc[0:0], "a").empty


def test_key_claims_is_deterministic_under_row_order():
    shuffled = CLAIMS.sample(frac=1.0, random_state=3)
    assert list(summarize.key_claims(shuffled, "a")["claim_id"]) == list(summarize.key_claims(CLAIMS, "a")["claim_id"])


def test_calendar_and_version_detection():
    assert summarize.is_calendar_or_version({"surface": "2024年", "unit": None, "measure": None})
    assert summarize.is_calendar_or_version({"surface": "GPT-5", "unit": None, "measure": None})
    assert not summarize.is_calendar_or_version({"surface": "2024人", "unit": "people", "measure": None})
    assert not summarize.is_calendar_or_version({"surface": "10%", "unit": "%", "measure": None})


# --- topic summaries ----------------------------------------------------------


def test_topic_summaries_quote_each_source_with_date_and_speaker():
    ja = sentence_frame(["導入です。", "MetaはH100を35万個買う。", "電力は1GWが必要だ。", "GPUは60万個相当になる。"], "ja", "000")
    ja["speaker"] = ["司会", "Mark Zuckerberg", "Mark Zuckerberg", "Mark Zuckerberg"]
    de = sentence_frame(["Meta kauft 350.000 H100.", "Das ist viel."], "de", "001")
    sentences = pd.concat([ja, de], ignore_index=True)
    claims = pd.DataFrame(
        [
            claim("000", "000-2", 60, "60万個", 6e5, "GPU", "gpu-fleet", sentence_id=3),
            claim("000", "000-1", 10, "35万個", 3.5e5, "GPU", "gpu-fleet", sentence_id=1),
            claim("000", "000-3", 30, "1GW", 1e9, "W", "power", sentence_id=2),
            claim("001", "001-1", 10, "350.000", 3.5e5, "GPU", "gpu-fleet", sentence_id=0),
            claim("001", "001-2", 90, "100", 100.0, "GPU", "gpu-fleet", sentence_id=99, context="  nicht im  Satz "),
            claim("001", "001-3", 5, "5", 5.0),  # no topic: not summarised
        ],
        columns=CLAIM_COLUMNS,
    )
    claims.loc[claims["doc_id"] == "001", "lang"] = "de"
    catalog = {
        "000": CatalogEntry(doc_id="000", event_id="spc-2024", event_date="2024-08-08"),
        "001": CatalogEntry(doc_id="001", event_id="spc-2024", event_date="2024-08-08"),
    }
    out = summarize.topic_summaries(claims, sentences, catalog)
    assert list(zip(out["topic"], out["doc_id"])) == [("gpu-fleet", "000"), ("gpu-fleet", "001"), ("power", "000")]
    first = out.iloc[0]
    assert first["sentence_ids"] == (1, 3)
    assert first["text"] == "MetaはH100を35万個買う。GPUは60万個相当になる。"
    assert first["speaker"] == "Mark Zuckerberg" and first["event_date"] == "2024-08-08"
    assert first["n_claims"] == 2 and first["lang"] == "ja"
    second = out.iloc[1]
    assert second["text"] == "Meta kauft 350.000 H100." and second["sentence_ids"] == (0,)
    assert out.iloc[2]["text"] == "電力は1GWが必要だ。"


def test_topic_summaries_fall_back_to_context_and_unknown_catalog():
    claims = pd.DataFrame(
        [claim("009", "009-1", 10, "100", 100.0, "GPU", "gpu-fleet", sentence_id=None, context="  etwa 100  GPUs ")],
        columns=CLAIM_COLUMNS,
    )
    claims["lang"] = "de"
    out = summarize.topic_summaries(claims, sentence_frame([], "de"), {})
    assert out.iloc[0]["text"] == "etwa 100 GPUs" and out.iloc[0]["sentence_ids"] == ()
    assert out.iloc[0]["event_date"] is None
    assert summarize.topic_summaries(claims.iloc[0:0], sentence_frame([], "de"), {}).empty


def test_topic_summaries_limit_sentences_per_source():
    texts = [f"Meta kauft {i} GPUs für Rechenzentren." for i in range(6)]
    sentences = sentence_frame(texts, "de", "001")
    claims = pd.DataFrame(
        [claim("001", f"c{i}", i * 40, str(i), float(i), "GPU", "gpu-fleet", sentence_id=i) for i in range(6)]
        + [claim("001", "c9", 200, "5", 5.0, "GPU", "gpu-fleet", sentence_id=5)],
        columns=CLAIM_COLUMNS,
    )
    out = summarize.topic_summaries(claims, sentences, {}, max_sentences=2)
    assert out.iloc[0]["sentence_ids"] == (0, 5)  # most claims first, then earliest; shown in order


# --- notebook -----------------------------------------------------------------


def test_the_document_notebook_displays_the_built_summary(data_folder):
    papermill = pytest.importorskip("papermill")
    nb_path = ROOT / "notebooks" / "02_document.ipynb"
    saved = json.loads(nb_path.read_text(encoding="utf-8"))
    assert any("parameters" in c["metadata"].get("tags", []) for c in saved["cells"])
    # saved without outputs, but for the ones nbval checks
    assert all(not c.get("outputs") for c in saved["cells"] if c["cell_type"] == "code" and "NBVAL_CHECK_OUTPUT" not in "".join(c["source"]))

    sentences = sentence_frame(DE_TEXTS + ["<b>Meta & Modelle</b> für Entwickler, Rechenzentren und Kosten."], "de", "001_x")
    claims = CLAIMS.assign(doc_id=CLAIMS["doc_id"].replace({"a": "001_x"}))
    summaries = summarize.summaries_frame(sentences, claims)
    blocks = pd.DataFrame({"doc_id": pd.Series([], dtype=str)})  # the summary needs no blocks
    data = data_folder(sentences=sentences, claims=claims, summaries=summaries, blocks=blocks)
    out_nb = data.parent / "out.ipynb"
    papermill.execute_notebook(
        str(nb_path), str(out_nb), parameters={"doc_id": "001_x", "data_dir": str(data)},
        cwd=str(nb_path.parent), progress_bar=False, kernel_name="python3",
    )  # fmt: skip
    html = "".join(
        "".join(o.get("data", {}).get("text/html", ""))
        for c in json.loads(out_nb.read_text(encoding="utf-8"))["cells"]
        for o in c.get("outputs", [])
    )
    summary_list = html[html.index("<ol>") : html.index("</ol>")]
    assert summary_list.count("<li>") == int((summaries["kind"] == "sentence").sum()) > 0
    assert 'href="#s-' in summary_list and 'lang="de"' in summary_list  # the summary links into its own page
    assert "&lt;b&gt;Meta &amp; Modelle&lt;/b&gt;" in html and "<b>Meta" not in html
    key_numbers = html[html.index("<h3>Key numbers</h3>") :].split("</ul>")[0]
    assert "35万個のH100" in key_numbers and "2024年" not in key_numbers and "350,000" in key_numbers


# --- the evaluation's ROUGE ---------------------------------------------------


def _bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_summary", ROOT / "bench" / "eval_summary.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_summary"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_rouge_matches_hand_computed_values():
    bench = _bench()
    ref = bench.units("the cat sat on the mat", "de")
    pred = bench.units("The cat on the mat!", "de")
    # unigrams: overlap 5 of 5 predicted, 5 of 6 reference
    assert bench.rouge_n(pred, ref, 1) == pytest.approx(2 * 1 * (5 / 6) / (1 + 5 / 6))
    # bigrams: pred {the cat, cat on, on the, the mat} vs ref 5 bigrams; overlap 3
    assert bench.rouge_n(pred, ref, 2) == pytest.approx(2 * (3 / 4) * (3 / 5) / (3 / 4 + 3 / 5))
    assert bench.lcs_length(pred, ref) == 5
    assert bench.rouge_l(pred, pred) == 1.0 and bench.rouge_n([], ref, 1) == 0.0
    assert bench.units("メタ、AIを。", "ja") == ["メ", "タ", "A", "I", "を"]


def test_version_detection_spares_german_thousands():
    assert summarize.is_calendar_or_version({"surface": "Llama 3.1", "unit": None, "measure": "unspecified"})
    assert summarize.is_calendar_or_version({"surface": "2024", "unit": None, "measure": "unspecified"})
    assert not summarize.is_calendar_or_version({"surface": "10.000", "unit": None, "measure": None})
    assert not summarize.is_calendar_or_version({"surface": "3.5", "unit": None, "measure": None})


def test_key_claims_list_a_repeated_vague_figure_once():
    rows = pd.DataFrame(
        [
            claim("c", "c-1", 10, "何十億人", None, "person", "meta_user_count", vague=True),
            claim("c", "c-2", 20, "何十億人", None, "person", "meta_user_count", vague=True),
            claim("c", "c-3", 30, "数億人", None, "person", "meta_user_count", vague=True),
            claim("c", "c-4", 40, "2012年頃", 2012.0, "year"),
        ],
        columns=CLAIM_COLUMNS,
    )
    assert list(summarize.key_claims(rows, "c")["claim_id"]) == ["c-1", "c-3"]
