import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analysis.compare import (
    FINDINGS,
    claim_range,
    findings_frame,
    overlaps,
    slip_exponent,
    tolerant,
    topic_group,
)
from helpers.analysis.ledger import load_ledger
from helpers.reports.comparison import group_html, headline_html
from helpers.text.catalog import CatalogEntry

REPO = Path(__file__).resolve().parents[1]
LEDGER = load_ledger(REPO / "references" / "reference_facts.csv")
NAN = math.nan
CLAIM_COLUMNS = ["doc_id", "claim_id", "line", "start", "end", "surface", "value", "value_low", "value_high", "unit",
                 "vague", "qualifier", "topic", "speaker", "sentence_id", "measure", "lang", "context"]  # fmt: skip

CATALOG = {
    "ja_talk": CatalogEntry("ja_talk", language="ja", event_id="talk", event_date="2024-08-08", rendering_of="talk"),
    "de_talk": CatalogEntry("de_talk", language="de", event_id="talk", event_date="2024-08-08", rendering_of="talk"),
    "ja_notes": CatalogEntry("ja_notes", language="ja", event_id="podcast", event_date="2024-04-18"),
    "en_keynote": CatalogEntry("en_keynote", language="en", event_id="keynote", event_date="2024-07-29"),
    "de_news": CatalogEntry("de_news", language="de", event_id="news", event_date="2024-05-01"),
}


def claim(doc, cid, surface, unit, topic, value=NAN, low=NAN, high=NAN, *, measure="", qualifier="", vague=False,
          speaker="", lang="ja", context="", sentence_id=1, start=0):  # fmt: skip
    return dict(doc_id=doc, claim_id=cid, line=1, start=start, end=start + len(surface), surface=surface, value=value,
                value_low=low, value_high=high, unit=unit, vague=vague, qualifier=qualifier, topic=topic,
                speaker=speaker, sentence_id=sentence_id, measure=measure, lang=lang, context=context or surface)  # fmt: skip


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=CLAIM_COLUMNS)


def findings(*rows) -> pd.DataFrame:
    return findings_frame(frame(*rows), LEDGER, CATALOG)


def claim_of(f: pd.DataFrame, cid: str) -> pd.Series:
    """The claim finding (or version finding) of one claim."""
    return one(f[f["kind"].isin(["claim", "version"])], claim_ids=cid)


def one(f: pd.DataFrame, **where) -> pd.Series:
    sel = f
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, sel[["kind", "claim_ids", "verdict", "detail"]].to_string()
    return sel.iloc[0]


# ---------------------------------------------------------------- value handling


def test_tolerances_by_qualifier():
    assert tolerant((100, 100), "") == pytest.approx((95, 105))
    assert tolerant((100, 100), "approx") == pytest.approx((80, 120))
    assert tolerant((600, 600), "almost") == pytest.approx((510, 630))
    assert tolerant((100, 100), "at_least")[1] == math.inf
    assert tolerant((100, 100), "at_most")[0] == 0
    assert tolerant((100, 100), "negated") is None
    assert claim_range(NAN, 1e9, NAN) == (1e9, math.inf)
    assert claim_range(NAN, NAN, NAN) is None


@given(
    st.floats(1e-3, 1e15),
    st.floats(1.0, 1e3),
    st.sampled_from(["", "approx", "almost", "at_least", "at_most"]),
)
def test_tolerance_always_contains_the_stated_range(lo, width, qualifier):
    rng = (lo, lo * width)
    w = tolerant(rng, qualifier)
    assert w[0] <= rng[0] and w[1] >= rng[1]


@given(st.floats(1.0, 1e10), st.sampled_from([1, 2, 3, 4, -1, -2, -3, -4]))
def test_power_of_ten_is_found_back(x, k):
    a = (x * 10.0**k, x * 10.0**k)
    assert slip_exponent(a, (x * 0.99, x * 1.01)) == k
    assert overlaps((x, x), (x, x))


# ---------------------------------------------------------------- verdict rules, three languages


def test_vague_billions_agree_across_languages():
    f = findings(
        claim("ja_notes", "j1", "何十億ドル", "usd", "open_compute_savings", low=1e9, high=1e10, vague=True, measure="absolute_usd"),
        claim("de_news", "d1", "Milliarden von Dollar", "usd", "open_compute_savings", low=1e9, high=1e10, vague=True,
              measure="absolute_usd", lang="de"),
        claim("en_keynote", "e1", "billions of dollars", "usd", "open_compute_savings", low=1e9, high=1e10, vague=True,
              measure="absolute_usd", lang="en"),
    )  # fmt: skip
    # one group, one verdict per figure: all three agree with each other and with the ledger
    assert list(f["kind"]) == ["group", "claim", "claim", "claim"] and f["group_id"].nunique() == 1
    claims = f[f["kind"] == "claim"]
    assert set(claims["verdict"]) == {"consistent"}
    assert set(claims["reference"]) <= {"ocp_savings_2011_2014", "ocp_savings_2012_2015"}
    assert (
        one(f, kind="group")["verdict"] == "consistent"
        and "3 figure(s) from 3 document(s)" in one(f, kind="group")["detail"]
    )


def test_percent_and_absolute_savings_are_different_measures():
    f = findings(
        claim("ja_notes", "j1", "10%", "percent", "open_compute_savings", 10, qualifier="approx", measure="percent"),
        claim("en_keynote", "e1", "billions of dollars", "usd", "open_compute_savings", low=1e9, high=1e10, vague=True,
              measure="absolute_usd", lang="en"),
    )  # fmt: skip
    # a percentage and a dollar figure are never compared with each other
    assert claim_of(f, "j1")["verdict"] == "unverified" and "only in count, usd" in claim_of(f, "j1")["detail"]
    assert claim_of(f, "e1")["verdict"] == "consistent"
    assert "conflict" not in set(f["verdict"])


def test_h100_count_vs_h100_equivalents():
    f = findings(
        claim("ja_notes", "j1", "35万個", "gpu", "meta_gpu_fleet", 350000, measure="year_end_target", speaker="Mark Zuckerberg"),
        claim("en_keynote", "e1", "600,000", "gpu", "meta_gpu_fleet", 600000, measure="h100_count", lang="en",
              speaker="Jensen Huang"),
    )  # fmt: skip
    assert claim_of(f, "j1")["verdict"] == "consistent"
    ref = claim_of(f, "e1")
    assert ref["verdict"] == "different_measure" and ref["reference"] == "meta_h100_equivalents_end_2024"
    assert "conflict" not in set(f["verdict"])
    # who says each figure travels with it
    assert ref["speakers"] == "Jensen Huang (en_keynote)"


def test_figures_from_different_times_are_different_measures_not_conflicts():
    f = findings(
        claim("ja_notes", "j1", "30億人", "person", "meta_user_count", 3e9),
        claim("de_talk", "d1", "eine Milliarde Menschen", "person", "meta_user_count", 1e9, lang="de"),
    )
    # April and August are different quarters: two groups, never compared
    a, b = claim_of(f, "j1"), claim_of(f, "d1")
    assert a["group_id"] != b["group_id"] and (a["period"], b["period"]) == ("@2024-Q2", "@2024-Q3")
    assert "conflict" not in set(f["verdict"])


def test_year_in_the_sentence_dates_the_figure():
    sentence = "2012 hatte Facebook eine Milliarde Nutzer."
    f = findings(
        claim("de_talk", "d0", "2012", "year", "", 2012, lang="de", sentence_id=7, context=sentence),
        claim("de_talk", "d1", "eine Milliarde", "person", "meta_user_count", 1e9, lang="de", sentence_id=7,
              context=sentence, start=sentence.index("eine")),
    )  # fmt: skip
    ref = claim_of(f, "d1")
    # the 2012 figure is checked against nothing of another period, and is no conflict with today's
    assert ref["period"] == "2012" and ref["subject"] == "Facebook"
    assert ref["verdict"] == "unverified" and "only for other periods" in ref["detail"]


def test_conflict_same_measure_same_time():
    ja, de = "Llama 3は15兆トークンで学習された。", "Llama 3 wurde mit fünf Billionen Token trainiert."
    f = findings(
        claim("ja_notes", "j1", "15兆トークン", "token", "llama_training_tokens", 15e12, context=ja, start=ja.index("15")),
        claim("de_news", "d1", "fünf Billionen Token", "token", "llama_training_tokens", 5e12, lang="de", context=de,
              start=de.index("fünf")),
    )  # fmt: skip
    assert claim_of(f, "j1")["verdict"] == "consistent"
    assert claim_of(f, "d1")["verdict"] == "conflict"
    assert one(f, kind="group")["verdict"] == "conflict"


def test_guidance_revised_in_another_quarter_is_no_conflict_but_the_same_quarters_is():
    ja = "グーグルは2025年の設備投資を750億ドルと見込む。"
    en = "Google's capital expenditures are expected to be $85 billion in 2025."
    de = "Alphabet erwartet für 2025 Investitionsausgaben von 85 Milliarden Dollar."
    j1 = claim("ja_notes", "j1", "750億ドル", "usd", "", 75e9, context=ja, start=ja.index("750"))
    f = findings(
        j1, claim("en_keynote", "e1", "$85 billion", "usd", "", 85e9, lang="en", context=en, start=en.index("$85"))
    )
    # April's guidance and July's: a revision
    assert claim_of(f, "j1")["verdict"] == "unverified" and "revision" in claim_of(f, "j1")["detail"]
    assert "conflict" not in set(f["verdict"])
    # the same quarter's two accounts of one outlook cannot both hold
    f = findings(
        j1, claim("de_news", "d1", "85 Milliarden Dollar", "usd", "", 85e9, lang="de", context=de, start=de.index("85"))
    )
    assert {claim_of(f, "j1")["verdict"], claim_of(f, "d1")["verdict"]} == {"conflict"}


def test_an_actual_never_contradicts_guidance():
    en = "Alphabet's capital expenditures were $52.5 billion in 2024."
    de = "Alphabet erwartet für 2024 Investitionsausgaben von 40 Milliarden Dollar."
    f = findings(
        claim("en_keynote", "e1", "$52.5 billion", "usd", "", 52.5e9, lang="en", context=en, start=en.index("$52")),
        claim("de_news", "d1", "40 Milliarden Dollar", "usd", "", 40e9, lang="de", context=de, start=de.index("40")),
    )  # fmt: skip
    assert set(f[f["kind"] == "claim"]["verdict"]) == {"unverified"}
    assert "never a conflict" in claim_of(f, "e1")["detail"]


def test_a_general_statement_never_contradicts_one_models_figure():
    en = "Large language models in general are trained on about 10 trillion tokens."
    got = claim_of(findings(claim("en_keynote", "e1", "10 trillion tokens", "token", "llama_training_tokens", 1e13, lang="en",
                                  context=en, start=en.index("10"))), "e1")  # fmt: skip
    assert got["verdict"] == "unverified" and "general statement" in got["detail"]
    # whose language models the clause names: one owner's figure, which can contradict Llama's
    en = "Meta's language models were trained on 10 trillion tokens."
    got = claim_of(findings(claim("en_keynote", "e1", "10 trillion tokens", "token", "llama_training_tokens", 1e13, lang="en",
                                  context=en, start=en.index("10"))), "e1")  # fmt: skip
    assert got["verdict"] == "conflict"


def test_man_read_as_thousand_is_a_translation_slip():
    f = findings(
        claim("ja_notes", "j1", "22万個から24万個", "gpu", "llama_training_cluster", low=220000, high=240000),
        claim("en_keynote", "e1", "240 thousand GPUs", "gpu", "llama_training_cluster", 240000, lang="en"),
        claim("de_news", "d1", "24.000 GPUs", "gpu", "llama_training_cluster", 24000, lang="de"),
    )
    ref = claim_of(f, "j1")
    assert ref["verdict"] == "translation_slip" and ref["likely_value"] == "22,000–24,000 gpu"
    assert claim_of(f, "e1")["verdict"] == "translation_slip"
    assert claim_of(f, "d1")["verdict"] == "consistent"


def test_power_of_ten_between_two_renderings_of_one_talk():
    f = findings(
        claim("ja_talk", "j1", "24万人", "person", "creator_count", 240000),
        claim("de_talk", "d1", "24.000 Menschen", "person", "creator_count", 24000, lang="de"),
    )
    # Nothing in the ledger on creators says which rendering slipped: both are flagged, each with the other's reading.
    assert claim_of(f, "j1")["verdict"] == "translation_slip" and claim_of(f, "j1")["likely_value"] == "24,000 person"
    assert claim_of(f, "d1")["verdict"] == "translation_slip" and claim_of(f, "d1")["likely_value"] == "240,000 person"


def test_power_of_ten_between_different_events_is_not_called_a_slip():
    ja, de = "Metaのクリエイターは24万人だ。", "Meta zählt 24.000 Menschen als Creator."
    f = findings(
        claim("ja_notes", "j1", "24万人", "person", "creator_count", 240000, context=ja, start=ja.index("24")),
        claim("de_news", "d1", "24.000 Menschen", "person", "creator_count", 24000, lang="de", context=de, start=de.index("24")),
    )  # fmt: skip
    assert set(f[f["kind"] == "claim"]["verdict"]) == {"conflict"}


@pytest.mark.parametrize(
    "doc,surface,verdict,likely",
    [
        ("ja_talk", "Llama 3.10", "translation_slip", "3.1"),
        ("en_keynote", "Llama 2.1", "translation_slip", "2"),
        ("de_talk", "Llama 3.1", "consistent", ""),
        ("de_talk", "Llama10", "unverified", ""),
        ("ja_notes", "Llama 3.1", "unverified", ""),  # released after the podcast: a plan
    ],
)
def test_version_numbers(doc, surface, verdict, likely):
    f = findings(claim(doc, "v1", surface, "version", "llama_version", float(surface.split("a")[-1].strip())))
    row = one(f, kind="version")
    assert row["verdict"] == verdict and row["likely_value"] == likely


def test_year_before_the_product_existed():
    f = findings(
        claim("ja_notes", "j1", "2020年", "year", "", 2020, context="2020年にNVIDIAの最新半導体H100を買い集めた理由"),
        claim("en_keynote", "e1", "2023", "year", "", 2023, lang="en", context="In 2023 we bought H100s"),
        claim("de_news", "d1", "2019", "year", "", 2019, lang="de", context="2019 kaufte Meta A100-GPUs"),
    )
    slips = f[f["kind"] == "year"]
    assert list(slips["claim_ids"]) == ["d1", "j1"]
    assert set(slips["verdict"]) == {"translation_slip"}
    assert one(slips, claim_ids="j1")["likely_value"] == "2022 or later"


def test_almost_and_at_least_and_negated():
    f = findings(
        claim("de_news", "d1", "fast 600.000", "gpu", "meta_gpu_fleet", 600000, qualifier="almost", lang="de",
              measure="h100_equivalents"),
        claim("en_keynote", "e1", "at least 550,000", "gpu", "meta_gpu_fleet", 550000, qualifier="at_least", lang="en",
              measure="h100_equivalents"),
        claim("ja_notes", "j1", "35万個ではない", "gpu", "meta_gpu_fleet", 350000, qualifier="negated"),
    )  # fmt: skip
    assert claim_of(f, "d1")["verdict"] == "consistent" and claim_of(f, "e1")["verdict"] == "consistent"
    assert claim_of(f, "j1")["verdict"] == "unverified"


def test_unverified_without_reference_and_family_members():
    f = findings(
        claim("ja_notes", "j1", "約2億人", "person", "creator_count", 2e8, qualifier="approx"),
        claim("en_keynote", "e1", "405B", "parameter", "llama_model_size", 405e9, lang="en"),
        claim("de_talk", "d1", "70 Milliarden Parameter", "parameter", "llama_model_size", 70e9, lang="de"),
    )
    assert claim_of(f, "j1")["verdict"] == "unverified"
    assert claim_of(f, "e1")["verdict"] == "consistent"  # "over 400B" in training
    d1 = claim_of(f, "d1")
    assert d1["verdict"] == "different_measure" and "family" in d1["detail"]


# ---------------------------------------------------------------- output contract


def sample():
    return frame(
        claim("ja_notes", "j1", "35万個", "gpu", "meta_gpu_fleet", 350000, measure="h100_count", start=10),
        claim("ja_notes", "j2", "22万個から24万個", "gpu", "llama_training_cluster", low=220000, high=240000, start=20),
        claim("en_keynote", "e1", "600,000", "gpu", "meta_gpu_fleet", 600000, lang="en", start=5),
        claim("de_talk", "d1", "Milliarden von Dollar", "usd", "open_compute_savings", low=1e9, high=1e10, vague=True,
              lang="de", measure="absolute_usd"),
        claim("ja_talk", "j3", "Llama 3.10", "version", "llama_version", 3.1),
        claim("ja_talk", "j4", "9ヶ月", "duration_month", "", 9),
    )  # fmt: skip


def test_findings_columns_ids_and_dictionary():
    f = findings_frame(sample(), LEDGER, CATALOG)
    assert list(f.columns[:6]) == ["finding_id", "topic", "verdict", "claim_ids", "reference", "detail"]
    assert list(f.columns) == FINDINGS.names
    assert list(f["finding_id"]) == [f"f{i:04d}" for i in range(1, len(f) + 1)]
    assert f["verdict"].isin(["consistent", "different_measure", "conflict", "translation_slip", "unverified"]).all()
    assert list(dict.fromkeys(f["topic"])) == [
        "meta_gpu_fleet",
        "llama_training_cluster",
        "open_compute_savings",
        "llama_version",
    ]


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_row_order(rnd):
    df = sample()
    idx = list(df.index)
    rnd.shuffle(idx)
    a = findings_frame(df, LEDGER, CATALOG)
    b = findings_frame(df.loc[idx].reset_index(drop=True), LEDGER, CATALOG)
    pd.testing.assert_frame_equal(a, b)


def test_repeated_figure_in_one_document_is_one_finding():
    f = findings(
        claim("ja_notes", "j1", "15兆トークン", "token", "llama_training_tokens", 15e12, start=1),
        claim("ja_notes", "j2", "15兆トークン", "token", "llama_training_tokens", 15e12, start=50),
    )
    assert list(f["kind"]) == ["group", "claim"] and list(f["claim_ids"]) == ["j1 j2", "j1 j2"]


def test_group_table_html_escapes_and_links():
    df = sample()
    df.loc[df["claim_id"] == "d1", "surface"] = "<b>Milliarden</b> & Dollar"
    f = findings_frame(df, LEDGER, CATALOG)
    g = topic_group(df, f, CATALOG, "open_compute_savings")
    out = group_html(g, "documents/")
    assert "<b>" not in out and "&lt;b&gt;Milliarden&lt;/b&gt; &amp; Dollar" in out
    assert 'lang="de"' in out and 'href="documents/de_talk.html#s-1"' in out


def test_headline_sentence_names_sources_verdicts_and_links():
    df = sample()
    f = findings_frame(df, LEDGER, CATALOG)
    out = headline_html(f, df, CATALOG, ("meta_gpu_fleet", "llama_training_cluster"), "documents/")
    # one opening sentence counting the verdicts in words, then each figure once with who says it and where
    opening = out[: out.index("</p>")]
    assert "looks like a slip" in opening and "translation_slip" not in out
    assert "35万個" in out and "600,000 GPUs" in out and "It looks like a slip for 22,000–24,000 GPUs" in out
    assert 'href="documents/ja_notes.html#s-' in out and '<span lang="ja">35万個</span>' in out
    nothing = headline_html(f, df, CATALOG, ("reality_labs_spend",))
    assert nothing == "<p>The corpus gives no figure on this question.</p>"


# ---------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def real():
    pytest.importorskip("helpers.text.parse")
    from helpers.text.catalog import load_catalog
    from helpers.notebook import setup

    try:
        tables = setup().tables
    except Exception as e:  # the extraction stage is built by other engineers
        pytest.skip(f"extraction not available: {e}")
    claims = tables["claims"]
    if claims.empty:
        pytest.skip("no claims extracted")
    catalog = load_catalog(REPO / "seeds" / "catalog.yaml")
    return claims, findings_frame(claims, LEDGER, catalog)


def test_real_cluster_is_a_translation_slip(real):
    claims, f = real
    ids = set(claims[claims["surface"].str.contains("22万") & claims["surface"].str.contains("24万")]["claim_id"])
    assert ids, "22万–24万 not extracted"
    rows = f[f["claim_ids"].str.split().map(lambda xs: bool(ids & set(xs))) & (f["kind"] == "claim")]
    assert (rows["verdict"] == "translation_slip").any(), rows.to_string()


def test_real_350k_vs_600k_is_a_different_measure(real):
    claims, f = real
    a = set(claims[(claims["value"] == 350000) & (claims["topic"] == "meta_gpu_fleet")]["claim_id"])
    b = set(claims[(claims["value"] == 600000) & (claims["topic"] == "meta_gpu_fleet")]["claim_id"])
    assert a and b
    mine = f[f["kind"] == "claim"]
    va = mine[mine["claim_ids"].str.split().map(lambda xs: bool(a & set(xs)))]
    vb = mine[mine["claim_ids"].str.split().map(lambda xs: bool(b & set(xs)))]
    # 350k is the year-end H100 target; 600k matches the H100-equivalents figure: different measures, no conflict
    assert set(va["verdict"]) == {"consistent"} and set(va["reference"]) <= {
        "meta_blog_h100_end_2024",
        "meta_h100_target_end_2024",
    }
    assert set(vb["verdict"]) == {"different_measure"} and set(vb["reference"]) == {"meta_h100_equivalents_end_2024"}
    assert "conflict" not in set(f[f["topic"] == "meta_gpu_fleet"]["verdict"])


# ---------------------------------------------------------------- guards against false slips and conflicts


def test_wide_range_is_not_called_a_slip():
    # 50-150 MW x 10 would overlap a 480-960 MW campus; a range that wide proves nothing.
    f = findings(
        claim("ja_notes", "j1", "50メガワットから150メガワット", "watt", "datacenter_power", low=5e7, high=1.5e8)
    )
    assert claim_of(f, "j1")["verdict"] != "translation_slip"


def test_figure_far_from_every_reference_is_another_quantity():
    f = findings(claim("ja_notes", "j1", "約1トークン", "token", "llama_training_tokens", 1, qualifier="approx"))
    row = claim_of(f, "j1")
    assert row["verdict"] == "different_measure" and "different quantity" in row["detail"]


def test_same_event_far_apart_are_different_statements():
    f = findings(
        claim("ja_talk", "j0", "x", "count", "", 1, sentence_id=100),
        claim("ja_talk", "j1", "5年", "duration_year", "company_age", 5, sentence_id=10),
        claim("de_talk", "d0", "x", "count", "", 1, sentence_id=100, lang="de"),
        claim("de_talk", "d1", "20 Jahren", "duration_year", "company_age", 20, sentence_id=80, lang="de"),
    )
    assert claim_of(f, "j1")["group_id"] == claim_of(f, "d1")["group_id"]
    row = claim_of(f, "j1")
    assert row["verdict"] == "different_measure" and "other points of the same event" in row["detail"]


def test_figures_of_two_speakers_dated_only_by_their_events_are_different_statements():
    f = findings(
        claim("ja_notes", "j1", "2億人", "person", "creator_count", 2e8, speaker="Mark Zuckerberg"),
        claim("de_news", "d1", "50 Millionen", "person", "creator_count", 5e7, lang="de", speaker="Jensen Huang"),
    )
    row = claim_of(f, "d1")
    assert row["verdict"] == "different_measure" and "other speakers" in row["detail"]
    assert row["speakers"] == "Jensen Huang (de_news)"


def test_another_speakers_figure_on_the_same_subject_measure_and_period_can_conflict():
    # a podcast host misquoting a company's reported figure: two speakers, one known subject, measure and period
    said = "Oracle's fiscal 2025 revenue was {}."
    f = findings(
        claim("call", "c1", "$57.4 billion", "usd", "", 5.74e10, speaker="Safra Catz", lang="en",
              context=said.format("$57.4 billion")),
        claim("podcast", "p1", "$47.4 billion", "usd", "", 4.74e10, speaker="Host", lang="en",
              context=said.format("$47.4 billion")),
    )  # fmt: skip
    assert claim_of(f, "p1")["verdict"] == "conflict" and claim_of(f, "c1")["verdict"] == "conflict"


def test_findings_html_tags_quoted_surfaces_with_their_language():
    from helpers.reports.comparison import findings_html

    df = sample()
    out = findings_html(findings_frame(df, LEDGER, CATALOG), df)
    assert '"<span lang="ja">35万個</span>"' in out and '<span lang="de">Milliarden von Dollar</span>' in out
    assert out.count("<tr") == len(findings_frame(df, LEDGER, CATALOG)) + 1


# ---------------------------------------------------------------- the notebook


def test_comparison_notebook_displays_the_built_findings(data_folder):
    papermill = pytest.importorskip("papermill")
    d002, d004 = "002_eb63065994b04cab", "004_212789ab223fc4b9"
    claims = frame(
        claim(d002, f"{d002}:c1", "35万個", "gpu", "meta_gpu_fleet", 350000, sentence_id=3),
        claim(d002, f"{d002}:c2", "22万個から24万個", "gpu", "llama_training_cluster", low=220000, high=240000, sentence_id=3),
        claim(d004, f"{d004}:c1", "60万台", "gpu", "meta_gpu_fleet", 600000, measure="h100_count", sentence_id=9),
        claim(d004, f"{d004}:c2", "<何十億ドル>", "usd", "open_compute_savings", low=1e9, high=1e10, vague=True, sentence_id=5),
    )  # fmt: skip
    found = findings_frame(claims, LEDGER, CATALOG)
    slip = found[(found["claim_ids"] == f"{d002}:c2") & (found["kind"] == "claim")]
    assert list(slip["verdict"]) == ["translation_slip"]
    data = data_folder(claims=claims, findings=found)
    out = data.parent / "out.ipynb"
    papermill.execute_notebook(
        str(REPO / "notebooks" / "04_comparison.ipynb"), str(out), cwd=str(REPO / "notebooks"), progress_bar=False,
        parameters=dict(data_dir=str(data), catalog_path=str(REPO / "seeds" / "catalog.yaml"),
                        ledger_path=str(REPO / "references" / "reference_facts.csv")),
    )  # fmt: skip
    html_out = "".join(
        o.get("data", {}).get("text/html", "")
        for c in __import__("nbformat").read(out, 4).cells
        for o in c.get("outputs", [])
    )
    assert "&lt;何十億ドル&gt;" in html_out and "<何十億ドル>" not in html_out
    assert f'href="documents/{d002}.html#s-3"' in html_out
    assert "translation_slip" in html_out


def test_no_conflict_when_only_the_ledger_says_what_it_measures(tmp_path):
    header = (REPO / "references" / "reference_facts.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("topic_key,topic,measure,value")
    cols = header.split(",")
    row = dict.fromkeys(cols, "")
    row.update(topic_key="campus", topic="datacenter_power", measure="single_campus_capacity", value="960",
               value_low="480", value_high="960", unit="MW", base_unit="watt", scale="1000000", as_of="2024-03-04",
               statement="one campus", source_title="a source", source_url="https://example.org")  # fmt: skip
    path = tmp_path / "ledger.csv"
    path.write_text(header + "\n" + ",".join(row[c] for c in cols) + "\n", encoding="utf-8")
    ledger = load_ledger(path)
    rows = [claim("ja_notes", "n1", "50メガワットから150メガワット", "watt", "datacenter_power", low=5e7, high=1.5e8)]
    f = findings_frame(frame(*rows), ledger, CATALOG)
    got = claim_of(f, "n1")
    assert got["verdict"] == "unverified" and "single_campus_capacity" in got["detail"]
    # Once the claim says it measures the same thing (and whose campus it is), the same numbers are a conflict.
    text = "AWSのキャンパスは200メガワットだ。"
    rows = [claim("ja_notes", "n1", "200メガワット", "watt", "datacenter_power", value=2e8, measure="single_campus_capacity",
                  context=text, start=text.index("200"))]  # fmt: skip
    assert claim_of(findings_frame(frame(*rows), ledger, CATALOG), "n1")["verdict"] == "conflict"


def test_no_conflict_when_only_the_document_says_whose_figure_it_is():
    # "Today's data centers are 50-150 MW" in a talk about Meta is the industry's, not Meta's 1 GW cluster
    rows = frame(
        claim("ja_talk", "j1", "50メガワットから150メガワット", "watt", "datacenter_power", low=5e7, high=1.5e8)
    )
    rows = rows.assign(
        subject="Meta", subject_basis="document", period="@2024-08-08", period_basis="event_date", counted="power"
    )
    ledger = LEDGER.assign(
        as_of_date=LEDGER["as_of_date"].where(LEDGER["topic_key"] != "meta_prometheus_gw", "2024-08-01")
    )
    got = claim_of(findings_frame(rows, ledger, CATALOG), "j1")
    assert got["verdict"] == "unverified" and "subject unknown" in got["detail"]
    # once the sentence names Meta, the same figure contradicts Meta's published one
    named = rows.assign(subject_basis="clause")
    assert claim_of(findings_frame(named, ledger, CATALOG), "j1")["verdict"] == "conflict"


# ---------------------------------------------------------------- one report, many groups


def test_topic_groups_gives_each_group_the_table_topic_group_gives_it():
    """The report makes every shown group's table in one pass: the same rows, order, values and types as one by one."""
    from helpers.analysis.compare import prepare_claims, topic_groups

    df = sample()
    f = findings_frame(df, LEDGER, CATALOG)
    ids = list(f.loc[f["kind"] == "group", "group_id"])
    assert len(ids) >= 3
    prepared = prepare_claims(df, CATALOG)
    wanted = [*ids[::-1], "g9999"]  # any order; a group the findings do not have is empty
    tables = topic_groups(df, f, CATALOG, wanted, prepared=prepared)
    assert list(tables) == wanted and tables["g9999"].empty
    for gid in ids:
        one_by_one = topic_group(df, f, CATALOG, group_id=gid)
        assert len(one_by_one)
        pd.testing.assert_frame_equal(tables[gid], one_by_one)
    shuffled = df.sample(frac=1, random_state=3).reset_index(drop=True)  # rows in another order: the same tables
    for gid, table in topic_groups(shuffled, f, CATALOG, ids).items():
        pd.testing.assert_frame_equal(table, tables[gid])


def test_report_pieces_given_prepared_claims_and_surface_languages_say_the_same():
    from helpers.analysis.compare import prepare_claims
    from helpers.reports.comparison import findings_html, groups_html, surface_langs

    df = sample()
    f = findings_frame(df, LEDGER, CATALOG)
    prepared, surfaces = prepare_claims(df, CATALOG), surface_langs(df)
    keys = ("meta_gpu_fleet", "llama_training_cluster", "open_compute_savings")
    assert headline_html(f, df, CATALOG, keys, prepared=prepared) == headline_html(f, df, CATALOG, keys)
    assert findings_html(f, df, surfaces) == findings_html(f, df)
    assert groups_html(f, df, surfaces=surfaces) == groups_html(f, df)


def test_the_groups_table_links_only_to_groups_that_have_a_section():
    import re

    from helpers.reports.comparison import groups_html, section_groups

    df = sample()
    f = findings_frame(df, LEDGER, CATALOG)
    heads = f[f["kind"] == "group"]
    shown = section_groups(f, limit=2)
    assert len(shown) == 2 and len(heads) > 2
    assert all(t != "" or v in ("conflict", "translation_slip") for t, v in zip(shown["topic"], shown["verdict"]))
    table = groups_html(f, df, sections=set(shown["group_id"]))
    assert sorted(re.findall(r'href="#(g\d+)"', table)) == sorted(shown["group_id"])
    assert all(f">{gid}<" in table for gid in heads["group_id"])  # the others are named, not linked
    assert len(re.findall(r'href="#', groups_html(f, df))) == len(heads)


def test_section_titles_are_distinct_even_when_groups_read_alike():
    from helpers.reports.comparison import group_title, section_titles

    heads = pd.DataFrame(
        {
            "group_id": ["g1", "g2", "g3", "g4", "g5", "g6", "g7"],
            "topic": ["", "", "", "", "", "widgets", "widgets"],
            "measure": ["revenue", "revenue", "revenue", "net_income", "revenue", "revenue", "shipments"],
            "subject": ["Acme", "Acme", "Acme", "Acme", "Beta", "Acme", "Acme"],
            "period": ["2024", "2024", "2024", "2024", "2024", "2024", "2024"],
        }
    )
    titles = section_titles(heads)
    assert len(set(titles.values())) == len(heads)
    # A group that reads like no other keeps its plain title; look-alikes are told apart by their id.
    assert titles["g5"] == group_title(next(heads.iloc[[4]].itertuples()))
    assert titles["g1"].startswith(group_title(next(heads.iloc[[0]].itertuples()))) and "(group g1)" in titles["g1"]
    assert "(group" not in titles["g4"]
    # One topic in two measures: told apart by what each counts.
    assert titles["g6"] != titles["g7"] and "(group" not in titles["g6"] + titles["g7"]


# --- The indexed peer checks answer as a walk over every figure of the group would ---------------------------

_PLACES = st.sampled_from([math.nan, 0.0, 0.1 + 0.05, 0.15, 0.3, 0.45, 0.7, 1.0])  # borders of SAME_PLACE included
_VALUES = st.builds(lambda v, e: v * 10.0**e, st.sampled_from([1.0, 1.05, 2.4, 3.5, 3.6, 6.0]), st.integers(0, 6))


@st.composite
def _figures(draw, n_max: int = 14):
    from helpers.analysis.compare import ClaimView

    out = []
    for i in range(draw(st.integers(0, n_max))):
        v = draw(_VALUES)
        rng = draw(st.sampled_from([(v, v), (v, v * 1.5), (v, v * 3), (v, math.inf), None]))
        out.append(ClaimView(
            claim_ids=(f"c{i}",), doc_id=draw(st.sampled_from("abc")), topic="t", unit="gpu", measure="", qualifier="",
            vague=draw(st.booleans()), surface="x", rng=rng, event_id=draw(st.sampled_from("xy")), event_date="",
            as_of="", speaker=draw(st.sampled_from(["", "A", "B"])), lang="en", position=float(draw(_PLACES)),
            period_basis=draw(st.sampled_from(["", "event_date", "stated", "relative"])),
        ))  # fmt: skip
    return out


@settings(max_examples=300, deadline=None)
@given(_figures(), _figures(4))
def test_indexed_renderings_and_slips_are_what_a_walk_over_every_figure_finds(figures, others):
    from helpers.analysis.compare import peers
    from helpers.analysis.compare.peers import _Cluster, _rendering_slip, _stated, loose
    from helpers.analysis.compare.rules import SAME_PLACE

    clusters = [_Cluster(figures), _Cluster(others)]

    def at_same_point(cl, c):
        return [v for v in cl.views if v.event_id == c.event_id and v.doc_id != c.doc_id
                and not abs(v.position - c.position) > SAME_PLACE]  # fmt: skip

    def eligible(cl, c):
        n = len(cl.views) - cl.n_doc[c.doc_id]
        for v in cl.views:
            # another speaker's figure can contradict only when both state their period
            if c.speaker and v.speaker and v.speaker != c.speaker and (loose(c) or loose(v)):
                n -= v.doc_id != c.doc_id
            elif v.event_id == c.event_id and v.doc_id != c.doc_id and abs(v.position - c.position) > SAME_PLACE:
                n -= 1
        return n

    def slip(c):
        for v in (v for cl in clusters for v in at_same_point(cl, c)):
            if c.precise and v.precise and not overlaps(_stated(c), _stated(v)):
                k = slip_exponent(_stated(c), _stated(v))
                if k is not None:
                    return v, k
        return None

    for c in figures + others:
        for cl in clusters:
            assert cl.renderings(c) == at_same_point(cl, c)
            assert cl.eligible_disagreeing(c) == eligible(cl, c)
        assert _rendering_slip(c, clusters, []) == slip(c)
        few, peers._FEW = peers._FEW, 0  # the search by value cells, used where many figures share a point
        try:
            assert _rendering_slip(c, clusters, []) == slip(c)
        finally:
            peers._FEW = few


def test_another_model_versions_figure_never_contradicts():
    # Llama 2's tokens against Llama 4's (and against ledger rows of Llama 3 or of no named version)
    f = findings(
        claim("en_a", "a1", "2 trillion tokens", "token", "llama_training_tokens", 2e12, lang="en",
              context="Meta's Llama 2 was trained on 2 trillion tokens."),
        claim("en_b", "b1", "30 trillion tokens", "token", "llama_training_tokens", 3e13, lang="en",
              context="Meta's Llama 4 went past 30 trillion tokens."),
    )  # fmt: skip
    for cid, mine, theirs in (("a1", "Llama 2", "Llama 4"), ("b1", "Llama 4", "Llama 2")):
        row = claim_of(f, cid)
        assert row["verdict"] != "conflict", row["detail"]
        assert f"another model version: {mine} against {theirs}" in row["detail"]
