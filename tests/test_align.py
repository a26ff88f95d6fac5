import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analysis.align import ALIGNMENT, STATUSES, alignment_frame, alignment_summary, latin_tokens
from helpers.reports.alignment import alignment_html
from helpers.text.model import ParsedDocument, Sentence

REPO = Path(__file__).resolve().parents[1]
NAN = math.nan


def sentences(doc_id: str, lang: str, passages: list[str]) -> pd.DataFrame:
    """One sentence per passage (block), offsets as if joined by blank lines."""
    rows, pos = [], 0
    for i, text in enumerate(passages):
        rows.append(dict(doc_id=doc_id, sentence_id=i, block_id=i, start=pos, end=pos + len(text), lang=lang, text=text))
        pos += len(text) + 2
    return pd.DataFrame(rows)


def claims_for(sents: pd.DataFrame, items: list[tuple[int, str, float, str]]) -> pd.DataFrame:
    """Claims (passage index, surface, value, unit) located inside the given passages."""
    rows = []
    for n, (i, surface, value, unit) in enumerate(items):
        s = sents.iloc[i]
        off = s["text"].index(surface)
        rows.append(dict(doc_id=s["doc_id"], claim_id=f"{s['doc_id']}:c{n}", start=s["start"] + off,
                         end=s["start"] + off + len(surface), surface=surface, value=value, value_low=NAN,
                         value_high=NAN, unit=unit))  # fmt: skip
    return pd.DataFrame(rows)


JA = [
    "こんにちは、SPCへようこそ。",
    "膝を怪我して、9ヶ月は練習できませんでした。",
    "Facebookは2012年に10億人に達しました。",
    "FAIRを立ち上げ、Oculusを買収しました。",  # only in ja
    "Llama 2のリリース前には大きな議論がありました。",
    "Open Computeで何十億ドルも節約しました。",
]
DE = [
    "Willkommen bei SPC.",
    "Mein Knie tat weh, neun Monate lang konnte ich nicht trainieren.",
    "Facebook erreichte 2012 eine Milliarde Menschen.",
    "Bevor wir Llama 2 veröffentlichten, gab es eine große Debatte.",
    "Dann sprachen wir über das Wetter und über Hawaii.",  # only in de
    "Mit Open Compute haben wir Milliarden von Dollar gespart.",
]


@pytest.fixture()
def pair():
    a, b = sentences("ja_doc", "ja", JA), sentences("de_doc", "de", DE)
    claims = pd.concat(
        [
            claims_for(a, [(1, "9ヶ月", 9, "duration_month"), (2, "2012", 2012, "year"), (2, "10億人", 1e9, "person"),
                           (4, "2", 2, "version"), (5, "何十億ドル", NAN, "usd")]),
            claims_for(b, [(1, "neun Monate", 9, "duration_month"), (2, "2012", 2012, "year"),
                           (2, "eine Milliarde", 1e9, "person"), (3, "2", 2, "version"),
                           (5, "Milliarden von Dollar", NAN, "usd")]),
        ],
        ignore_index=True,
    )  # fmt: skip
    vague = claims["value"].isna()
    claims.loc[vague, "value_low"], claims.loc[vague, "value_high"] = 1e9, 1e10
    return a, b, claims


def test_columns_and_dictionary(pair):
    out = alignment_frame(*pair)
    assert list(out.columns[:7]) == ["doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "status"]
    assert list(out.columns) == ALIGNMENT.names
    assert out["status"].isin(STATUSES).all()


def test_ja_de_pair_is_aligned_in_order_with_one_sided_passages(pair):
    a, b, claims = pair
    out = alignment_frame(a, b, claims)
    matched = out[out["status"] == "matched"]
    # Passages 0,1,2,4,5 of ja pair with 0,1,2,3,5 of de, in order.
    pairs = [(a.set_index("start").loc[r.start_a, "block_id"], b.set_index("start").loc[r.start_b, "block_id"])
             for r in matched.itertuples()]  # fmt: skip
    assert pairs == [(0, 0), (1, 1), (2, 2), (4, 3), (5, 5)]
    only_a = out[out["status"] == "only_a"]
    only_b = out[out["status"] == "only_b"]
    assert list(only_a["start_a"]) == [a.loc[3, "start"]] and only_a["start_b"].isna().all()
    assert list(only_b["start_b"]) == [b.loc[4, "start"]]
    # Rows follow the order of both texts.
    assert list(out["start_a"].dropna()) == sorted(out["start_a"].dropna())
    assert list(out["start_b"].dropna()) == sorted(out["start_b"].dropna())


def test_value_that_differs_and_quantity_missing(pair):
    a, b, claims = pair
    # The German rendering says 100 million where the Japanese says 10億 (1 billion): a 10^1 slip.
    claims.loc[claims["surface"] == "eine Milliarde", ["surface", "value"]] = ["hundert Millionen", 1e8]
    # ...and drops the year.
    claims = claims[~((claims["doc_id"] == "de_doc") & (claims["unit"] == "year"))]
    out = alignment_frame(a, b, claims)
    row = out[out["start_a"] == a.loc[2, "start"]].iloc[0]
    assert row["status"] == "value_differs"
    assert "person: 10億人 vs hundert Millionen (differ by 10^1)" in row["detail"]
    assert "year=2012" in row["only_in_a"].split()
    summary = alignment_summary(out)
    assert summary["value_differs"] == 1 and summary["quantities_only_in_a"] >= 2


def test_vague_quantities_that_overlap_match(pair):
    out = alignment_frame(*pair)
    row = out[out["start_a"] == pair[0].loc[5, "start"]].iloc[0]
    assert row["status"] == "matched" and row["only_in_a"] == "" and row["only_in_b"] == ""


def test_english_pair_and_parsed_documents():
    en = ["Welcome to SPC.", "I hurt my knee, so for 9 months no training.", "Facebook hit 1 billion people in 2012."]
    de = ["Willkommen bei SPC.", "Knie verletzt, 9 Monate kein Training.", "Facebook erreichte 2012 eine Milliarde."]

    def doc(doc_id, lang, texts):
        text = "\n\n".join(texts)
        sents, pos = [], 0
        for i, t in enumerate(texts):
            sents.append(Sentence(sentence_id=i, block_id=i, start=pos, end=pos + len(t), line=2 * i + 1, lang=lang, text=t))
            pos += len(t) + 2
        return ParsedDocument(doc_id=doc_id, path=f"{doc_id}.txt", encoding="utf-8", text=text, lang=lang, title=None,
                              sentences=sents)  # fmt: skip

    out = alignment_frame(doc("en_doc", "en", en), doc("de_doc", "de", de), None)
    assert list(out["status"]) == ["matched"] * 3
    # "Facebook" and "2012" anchor the last passage; the others are placed by position before it.
    assert list(out["method"]) == ["position", "position", "anchor"]


def test_html_escapes_and_tags_language(pair):
    a, b, claims = pair
    a = a.copy()
    a.loc[0, "text"] = "<script>alert(1)</script>こんにちは、SPCへようこそ。"
    out = alignment_frame(a, b, claims)
    page = alignment_html(out, "../documents/")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<span lang="ja">' in page and '<span lang="de">' in page
    assert 'href="../documents/ja_doc.html#s-0"' in page


def test_sentences_of_two_documents_are_refused():
    both = pd.concat([sentences("x", "ja", ["a"]), sentences("y", "ja", ["b"])])
    with pytest.raises(ValueError, match="one document"):
        alignment_frame(both, sentences("z", "de", ["c"]), None)


def test_latin_tokens_map_katakana_names():
    assert latin_tokens("メタのLlama4とOpen-Source-KI") == ["llama", "open", "source", "ki", "meta"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(DE), min_size=1, max_size=8), st.lists(st.sampled_from(JA), min_size=1, max_size=8))
def test_every_passage_appears_and_alignment_is_monotone(de, ja):
    a, b = sentences("ja_doc", "ja", ja), sentences("de_doc", "de", de)
    out = alignment_frame(a, b, None)
    assert set(a["start"]) == set(out["start_a"].dropna())
    assert set(b["start"]) == set(out["start_b"].dropna()) | set(
        s for s, e in zip(b["start"], b["end"]) if any(r.start_b <= s < r.end_b for r in out.dropna(subset=["start_b"]).itertuples())
    )
    starts_b = [x for x in out["start_b"] if not pd.isna(x)]
    assert starts_b == sorted(starts_b)
    pd.testing.assert_frame_equal(out, alignment_frame(a, b, None))  # deterministic


def test_real_renderings_align(tmp_path):
    pytest.importorskip("helpers.text.parse")
    from helpers.notebook import setup

    try:
        tables = setup().tables
    except Exception as e:
        pytest.skip(f"extraction not available: {e}")
    s, c = tables["sentences"], tables["claims"]
    a, b = "000_a86c1cdb2fa65775", "001_42769d631cd94a90"
    out = alignment_frame(s[s["doc_id"] == a], s[s["doc_id"] == b], c)
    counts = alignment_summary(out)
    anchored = out[out["method"] == "anchor"]
    assert len(anchored) >= 30 and counts["matched"] > counts["only_a"] + counts["only_b"]
    # The German article skips the FAIR / 2012 part of the talk.
    fair = out[out["excerpt_a"].str.contains("2012年頃、私たちは株式公開")]
    assert list(fair["status"]) == ["only_a"]


def test_alignment_notebook_displays_the_built_alignment(pair, data_folder):
    papermill = pytest.importorskip("papermill")
    a, b, claims = pair
    alignment = alignment_frame(a, b, claims)
    data = data_folder(sentences=pd.concat([a, b]), claims=claims, alignment=alignment)
    out = data.parent / "out.ipynb"
    papermill.execute_notebook(
        str(REPO / "notebooks" / "05_alignment.ipynb"), str(out), cwd=str(REPO / "notebooks"), progress_bar=False,
        parameters=dict(doc_a="ja_doc", doc_b="de_doc", data_dir=str(data), catalog_path=""),
    )  # fmt: skip
    html_out = "".join(o.get("data", {}).get("text/html", "") for c in __import__("nbformat").read(out, 4).cells for o in c.get("outputs", []))
    only_a = alignment[alignment["status"] == "only_a"]
    assert len(only_a) and all(x.split("…")[0][:10] in html_out for x in only_a["excerpt_a"])
    assert 'href="../documents/ja_doc.html#s-' in html_out
