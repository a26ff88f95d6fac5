from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import claims
from helpers.model import ParsedDocument, Sentence

ROOT = Path(__file__).resolve().parents[1]


def one(text: str, lang: str) -> claims.Quantity:
    qs = claims.find_quantities(text, lang)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    "text, lang, surface, low, high, unit, vague, qualifier",
    [
        ("年末までに35万個のGPUを購入する", "ja", "35万個", 350_000, 350_000, "gpu", False, ""),
        ("今は22万個から24万個のクラスターで学習と推論(GPU)", "ja", "22万個から24万個", 220_000, 240_000, "gpu", False, ""),
        ("70Bのモデル", "ja", "70B", 7e10, 7e10, "parameter", False, ""),
        ("15兆トークンで学習させた", "ja", "15兆トークン", 1.5e13, 1.5e13, "token", False, ""),
        ("約2億人のクリエーター", "ja", "約2億人", 2e8, 2e8, "person", False, "approx"),
        ("結局10%ほどのコスト削減", "ja", "10%ほど", 10, 10, "percent", False, "approx"),
        ("何十億ドルものコスト削減", "ja", "何十億ドル", 1e9, 1e10, "usd", True, ""),
        ("例えば、数百億ドルのトレーニング", "ja", "数百億ドル", 1e10, 1e11, "usd", True, ""),
        ("もしシステムに何百、何千億ドルも使う", "ja", "何百、何千億ドル", 1e10, 1e12, "usd", True, ""),
        ("50メガワットから150メガワット規模", "ja", "50メガワットから150メガワット", 5e7, 1.5e8, "watt", False, ""),
        ("2、3週間前のインタビュー", "ja", "2、3週間", 2, 3, "duration_week", False, ""),
        ("でも1年半ほど前から", "ja", "1年半ほど", 1.5, 1.5, "duration_year", False, "approx"),
        ("28歳のアレクサンダー", "ja", "28歳", 28, 28, "age", False, ""),
        ("2020年に買い集めた", "ja", "2020年", 2020, 2020, "year", False, ""),
        ("30億人以上に拡大", "ja", "30億人以上", 3e9, 3e9, "person", False, "at_least"),
        ("三つのこと", "ja", "三つ", 3, 3, "count", False, ""),
        ("大企業はそのうちの3分の2をふいに", "ja", "3分の2", 200 / 3, 200 / 3, "percent", False, ""),
        ("Llama 3.10をリリース", "ja", "Llama 3.10", 3.1, 3.1, "version", False, ""),
        ("Diese Geräte werden in den nächsten 10 bis 15 Jahren populär.", "de", "10 bis 15 Jahren", 10, 15,
         "duration_year", False, ""),
        ("dann musste ich es neun Monate lang so lassen.", "de", "neun Monate", 9, 9, "duration_month", False, ""),
        ("Open Compute hat Milliarden von Dollar gespart.", "de", "Milliarden von Dollar", 1e9, 1e10, "usd", True, ""),
        ("Obwohl wir fast eine Million Nutzer hatten.", "de", "fast eine Million Nutzer", 1e6, 1e6, "person", False,
         "almost"),
        ("wer als Erster im Büro 10.000 Liegestütze schafft.", "de", "10.000", 1e4, 1e4, "count", False, ""),
        ("Das kostet 2,5 Milliarden Dollar.", "de", "2,5 Milliarden Dollar", 2.5e9, 2.5e9, "usd", False, ""),
        ("We will have about 350,000 H100s.", "en", "about 350,000 H100s", 3.5e5, 3.5e5, "gpu", False, "approx"),
        ("It cost $10 billion.", "en", "$10 billion", 1e10, 1e10, "usd", False, ""),
        ("around 600k GPUs", "en", "around 600k GPUs", 6e5, 6e5, "gpu", False, "approx"),
        ("We spend tens of billions of dollars.", "en", "tens of billions of dollars", 1e10, 1e11, "usd", True, ""),
        ("It takes 10 to 15 years.", "en", "10 to 15 years", 10, 15, "duration_year", False, ""),
        ("It took nine months.", "en", "nine months", 9, 9, "duration_month", False, ""),
        ("a 1 GW data center", "en", "1 GW", 1e9, 1e9, "watt", False, ""),
        ("at about half the cost", "en", "about half", 50, 50, "percent", False, "approx"),
        ("more than 3 billion people", "en", "more than 3 billion people", 3e9, 3e9, "person", False, "at_least"),
    ],
)
def test_find_quantities(text, lang, surface, low, high, unit, vague, qualifier) -> None:
    q = one(text, lang)
    assert q.surface == surface
    assert text[q.start:q.end] == surface
    assert q.value_low == pytest.approx(low) and q.value_high == pytest.approx(high)
    assert (q.value is None) == (low != high or vague)
    assert (q.unit, q.vague, q.qualifier) == (unit, vague, qualifier)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("(07:18)", "ja"),
        ("https://www.youtube.com/watch?v=bc6uFV9CJGg&t=317s", "ja"),
        ("NVIDIAの最新半導体H100を買い集めた", "ja"),
        ("GPT-4Oモデルの推論", "ja"),
        ("1つは、そのほうが結局コスト削減につながるから。", "ja"),
        ("2つ目は、広告収入があるので", "ja"),
        ("第一の理由は", "ja"),
        ("重要な機能の1つ。", "ja"),
        ("一緒に十分な一部の統一", "ja"),
        ("3Dデータも重要。", "ja"),
        ("私たちはそれをマイナス1から0のフェーズと定義しています。", "ja"),
        ("Das Konzept „von -1 bis 0“ passt sehr gut.", "de"),
        ("Es gibt einige Dinge.", "de"),
        ("This is one of the reasons.", "en"),
        ("Support for A100 and H100 chips.", "en"),
    ],
)
def test_not_claims(text: str, lang: str) -> None:
    assert claims.find_quantities(text, lang) == []


def test_lists_stay_separate_and_product_names_are_skipped() -> None:
    qs = claims.find_quantities("405B、70B、8Bがあることです。", "ja")
    assert [q.surface for q in qs] == ["405B", "70B", "8B"]
    qs = claims.find_quantities("Llama 4やGPT-5は理解できます", "ja")
    assert [(q.surface, q.unit) for q in qs] == [("Llama 4", "version")]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789,.%年万億兆個人ドル約ほど から、 MillionenbisJahreto yearsGPU$HB-:一二十", max_size=60),
       st.sampled_from(["ja", "de", "en"]))
def test_quantities_are_well_formed(text: str, lang: str) -> None:
    for q in claims.find_quantities(text, lang):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.surface
        assert q.unit in claims.UNITS and q.qualifier in claims.QUALIFIERS
        for v in (q.value_low, q.value_high):
            assert v is not None and math.isfinite(v)
        assert q.value_low <= q.value_high


def test_huge_digit_runs_do_not_crash() -> None:
    assert claims.find_quantities("9" * 400 + "ドル", "ja") == []
    assert claims.find_quantities("99999999999兆ドル", "ja") == []
    assert claims.find_quantities("1" + "0" * 400 + " dollars", "en") == []


def _doc() -> ParsedDocument:
    # The second sentence is a caption sentence whose text drops a timestamp line.
    text = "Zeile eins.\nWir kaufen 350.000 GPUs bis Jahresende.\n(00:12)\nDas dauert 10 bis\n(00:15)\n15 Jahre.\n"
    s1_start = text.index("Wir")
    s1_end = text.index("\n(00:12)")
    a = text.index("Das dauert")
    a_end = text.index("\n(00:15)")
    b = text.index("15 Jahre")
    b_end = b + len("15 Jahre.")
    s2 = Sentence(sentence_id=2, block_id=2, start=a, end=b_end, line=4, lang="de",
                  text=text[a:a_end] + " " + text[b:b_end], speaker="Mark Zuckerberg", pieces=((a, a_end), (b, b_end)))
    s1 = Sentence(sentence_id=1, block_id=1, start=s1_start, end=s1_end, line=2, lang="de", text=text[s1_start:s1_end])
    return ParsedDocument(doc_id="t1", path="", encoding="utf-8", text=text, lang="de", title=None, sentences=[s1, s2])


def test_extract_claims_maps_offsets_through_pieces() -> None:
    doc = _doc()
    cs = claims.extract_claims(doc)
    assert [c.claim_id for c in cs] == ["t1:c0001", "t1:c0002"]
    for c in cs:
        assert doc.text[c.start:c.end] == c.surface
    gpu, years = cs
    assert (gpu.unit, gpu.value, gpu.line, gpu.topic) == ("gpu", 350_000, 2, "meta_gpu_fleet")
    assert years.surface == "10 bis\n(00:15)\n15 Jahre"
    assert (years.value_low, years.value_high, years.unit, years.line) == (10, 15, "duration_year", 4)
    assert years.speaker == "Mark Zuckerberg" and years.sentence_id == 2


def test_claims_frame_columns_and_schema() -> None:
    df = claims.claims_frame([_doc()])
    assert list(df.columns) == claims.COLUMNS
    assert list(df.columns)[:15] == ["doc_id", "claim_id", "line", "start", "end", "surface", "value", "value_low",
                                     "value_high", "unit", "vague", "qualifier", "topic", "speaker", "sentence_id"]
    assert set(claims.DATA_DICTIONARY) == set(claims.COLUMNS)
    assert math.isnan(df.loc[1, "value"])
    bad = df.copy()
    bad.loc[0, "unit"] = "furlongs"
    with pytest.raises(Exception):
        claims.CLAIMS_SCHEMA.validate(bad)


def test_topics_follow_the_clause() -> None:
    s = "年末までに35万個のGPUを購入する計画だが、今は22万個から24万個のクラスターで学習と推論の両方を行なっている。"
    got = [(q.surface, claims.assign_topic(s, q)[0]) for q in claims.find_quantities(s, "ja")]
    assert got == [("35万個", "meta_gpu_fleet"), ("22万個から24万個", "llama_training_cluster")]
    s = "今の建物は50メートルある。"
    assert all(claims.assign_topic(s, q) == ("", "") for q in claims.find_quantities(s, "ja"))
    s = "そのおかげで何十億ドルものコスト削減につながった。コストが10%削減"
    measures = [claims.assign_topic(s, q) for q in claims.find_quantities(s, "ja")]
    assert measures == [("open_compute_savings", "absolute_usd"), ("open_compute_savings", "percent")]


def test_highlight_html_escapes_everything() -> None:
    out = claims.highlight_html("<b>10%</b> & co", 3, 6, "de")
    assert out == '<span lang="de">&lt;b&gt;<mark>10%</mark>&lt;/b&gt; &amp; co</span>'


def test_main_claims_formats(tmp_path: Path) -> None:
    p = tmp_path / "talk.txt"
    p.write_text("We trained the 70B model on 15 trillion tokens over nine months.\n", encoding="utf-8")
    out = claims.main_claims([str(p)], "csv")
    header, *rows = out.strip().splitlines()
    assert header.split(",") == claims.COLUMNS
    assert len(rows) == 3
    lines = claims.main_claims([str(p)], "jsonl").strip().splitlines()
    assert [json.loads(x)["unit"] for x in lines] == ["parameter", "token", "duration_month"]
    with pytest.raises(ValueError):
        claims.main_claims([str(p)], "xml")


def test_gold_scores_do_not_regress() -> None:
    spec = importlib.util.spec_from_file_location("eval_claims", ROOT / "bench" / "eval_claims.py")
    assert spec and spec.loader
    ev = importlib.util.module_from_spec(spec)
    sys.modules["eval_claims"] = ev  # dataclasses look their module up while the class is built
    spec.loader.exec_module(ev)
    for gold_path in sorted((ROOT / "tests" / "fixtures" / "claims").glob("gold_*.csv")):
        doc_id = gold_path.stem[len("gold_"):]
        scores = ev.evaluate(ev.load_gold(gold_path), ev.predict(ev.source_of(doc_id), doc_id))
        p, r, _ = scores["value+unit"]
        assert p >= 0.85 and r >= 0.85, (doc_id, scores)
