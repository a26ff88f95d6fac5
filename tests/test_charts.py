"""The comparison's charts: what each source says, when, against the ledger; readable without seeing them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis.ledger import empty_ledger, load_ledger
from helpers.reports.charts import (
    MAX_MARKS,
    chart_or_sentence,
    chart_points,
    main_verdict,
    topic_chart,
)

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["claim_id", "doc_id", "event_date", "speaker", "lang", "surface", "normalized", "qualifier", "measure", "unit",
           "low", "high", "sentence_id", "verdicts"]  # fmt: skip
SVG = "{http://www.w3.org/2000/svg}"


def _group(rows) -> pd.DataFrame:
    return pd.DataFrame([dict(zip(COLUMNS, r)) for r in rows], columns=COLUMNS)


def _claim(i: int, doc: str, date: str, low: float, high: float | None = None, verdicts: str = "", surface: str = "") -> tuple:
    high = low if high is None else high
    return (f"{doc}:c{i:04d}", doc, date, "", "en", surface or f"{low:g}", f"{low:,.0f} gpu", "", "", "gpu", low, high, i, verdicts)


FLEET = _group(
    [
        ("a:c0001", "a", "2024-04-18", "", "ja", "35万個", "350,000 gpu", "", "", "gpu", 350000.0, 350000.0, 3, "f0001:consistent"),
        ("b:c0002", "b", "2024-07-29", "", "en", "600k", "600,000 gpu", "", "", "gpu", 600000.0, 600000.0, 5, "f0002:consistent f0003:conflict"),
        ("b:c0003", "b", "2024-07-29", "", "en", "at least 1M", "≥ 1,000,000", "", "", "gpu", 1e6, float("inf"), 6, ""),
    ]
)  # fmt: skip


def _svg(figure_html: str) -> ET.Element:
    """The chart's <svg> parsed as XML: a chart that is not well-formed would not parse."""
    return ET.fromstring(re.search(r"<svg.*</svg>", figure_html, re.DOTALL).group(0).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def test_each_source_is_a_mark_at_its_date_coloured_by_verdict_and_linking_to_its_claim():
    html = topic_chart(FLEET, empty_ledger(), "meta_gpu_fleet", "documents/")
    svg = _svg(html)
    links = svg.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == ["documents/a.html#c-a:c0001", "documents/b.html#c-b:c0002", "documents/b.html#c-b:c0003"]
    assert links[0].find(f"{SVG}title").text == "a 2024-04-18: 35万個 = 350,000 gpu (consistent)"
    assert 'class="c-consistent"' in html and 'class="c-conflict"' in html  # "f0002:consistent f0003:conflict" is a conflict
    assert "<path" in html  # "at least": an arrow upwards
    dates = [t.text for t in svg.findall(f"{SVG}text[@class='tick']") if t.text and t.text.startswith("2024")]
    assert dates == ["2024-04-18", "2024-07-29"]
    assert main_verdict("f1:unverified f2:translation_slip") == "translation_slip"


def test_the_chart_has_a_name_and_a_description_in_words():
    html = topic_chart(FLEET, empty_ledger(), "meta_gpu_fleet", chart_id="g0004", label="meta_gpu_fleet · Meta · 2024")
    svg = _svg(html)
    assert svg.get("role") == "group" and svg.get("aria-labelledby") == "chart-g0004-t" and svg.get("aria-describedby") == "chart-g0004-c"
    assert svg.find(f"{SVG}title").get("id") == "chart-g0004-t"
    assert svg.find(f"{SVG}title").text == "Chart of meta_gpu_fleet · Meta · 2024: gpu by event date"
    sentence = "meta_gpu_fleet · Meta · 2024: 3 figures in gpu from 2 sources dated 2024-04-18 to 2024-07-29, from 350,000 to 1,000,000"
    assert svg.find(f"{SVG}desc").text.startswith(sentence)
    assert f'<figcaption id="chart-g0004-c">{sentence}' in html
    assert "(1 not compared, 1 conflict, 1 consistent); no published figure to compare with." in html


def test_ledger_figures_are_reference_lines_named_in_the_description():
    ledger = load_ledger(ROOT / "references" / "reference_facts.csv")
    html = topic_chart(FLEET, ledger, "meta_gpu_fleet")
    fleet = ledger[(ledger["topic"] == "meta_gpu_fleet") & (ledger["base_unit"] == "gpu")]
    assert html.count('class="ref"') >= len(fleet) > 0
    assert "ledger 350k (2024-01, 2024-03)" in html  # two ledger rows at one value share a label
    assert "published figures: meta_h100_target_end_2024 350,000 (2024-01-18)" in html


def test_a_single_figure_is_a_sentence_not_a_chart():
    one = FLEET.iloc[:1]
    ledger = load_ledger(ROOT / "references" / "reference_facts.csv")
    assert topic_chart(one, ledger, "meta_gpu_fleet") == ""
    sentence = chart_or_sentence(one, ledger, "meta_gpu_fleet")
    assert sentence.startswith('<p class="note">meta_gpu_fleet: 1 figure in gpu from 1 source dated 2024-04-18, all 350,000 (1 consistent)')
    # the same figure from many sources on one date is still one figure
    same = _group([_claim(i, f"d{i}", "2024-04-18", 350000.0, verdicts="f1:consistent") for i in range(5)])
    assert topic_chart(same, ledger, "meta_gpu_fleet") == ""
    assert "5 figures in gpu from 5 sources dated 2024-04-18, all 350,000" in chart_or_sentence(same, ledger, "meta_gpu_fleet")
    # nothing numeric: neither chart nor sentence
    assert chart_or_sentence(FLEET.assign(unit="version"), ledger, "x") == "" == topic_chart(FLEET.assign(unit="version"), ledger, "x")


def test_markup_in_surfaces_labels_and_ids_is_escaped():
    nasty = FLEET.assign(surface=['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "&amp; 1M"])
    html = topic_chart(nasty, empty_ledger(), "t", chart_id='x"><b', label="<i>label</i>")
    assert "<script>" not in html and "<img" not in html and "<i>" not in html and 'x"><b' not in html
    svg = _svg(html)  # still well-formed XML
    assert svg.find(f"{SVG}a/{SVG}title").text.endswith("<script>alert(1)</script> = 350,000 gpu (consistent)")


def test_same_input_same_bytes_and_repeated_figures_are_one_mark():
    assert topic_chart(FLEET, empty_ledger(), "meta_gpu_fleet") == topic_chart(FLEET.copy(), empty_ledger(), "meta_gpu_fleet")
    repeated = _group([_claim(i, f"d{i % 4}", "2024-04-18" if i % 2 else "", 350000.0 * (1 + i % 3)) for i in range(300)])
    unit, marks, every = chart_points(repeated)
    assert unit == "gpu" and len(every) == len(marks) == 6 and marks["count"].sum() == 300
    svg = _svg(topic_chart(repeated, empty_ledger(), "meta_gpu_fleet"))
    assert len(svg.findall(f"{SVG}a")) == 6
    assert "claims in 2 documents" in svg.find(f"{SVG}a/{SVG}title").text


@pytest.mark.parametrize("dated", [True, False])
def test_a_corpus_sized_topic_stays_a_small_chart_that_says_what_it_leaves_out(dated):
    # 20,000 claims with 2,000 distinct values: what a 1,000-document corpus gives one headline topic and more
    rows = [_claim(i, f"d{i % 1000:04d}", f"2024-{1 + i % 12:02d}-01" if dated else "", 1000.0 + (i % 2000) * 37, verdicts="f1:conflict")
            for i in range(20_000)]  # fmt: skip
    html = topic_chart(_group(rows), empty_ledger(), "meta_gpu_fleet")
    assert len(_svg(html).findall(f"{SVG}a")) == MAX_MARKS
    assert f"The {MAX_MARKS} most repeated of {6000 if dated else 2000} distinct figures are drawn" in html and "claims.csv have them all" in html
    assert len(html.encode()) < 20 * 1024  # 80 such sections stay well inside the page's 5 MB
    assert ("dated 2024-01-01 to 2024-12-01, from" if dated else "20000 figures in gpu from 1000 sources with no event date") in html


def test_undated_figures_are_counted_in_the_description():
    mixed = FLEET.assign(event_date=["2024-04-18", "2024-07-29", ""])
    assert "3 figures in gpu from 2 sources dated 2024-04-18 to 2024-07-29 (1 undated), " in topic_chart(mixed, empty_ledger(), "t")


def test_claims_alike_but_for_a_missing_high_end_are_one_mark():
    """A mark is a distinct (date, range, verdict): two claims without a high end are one mark of two, not two marks."""
    rows = [_claim(i, f"d{i}", "2024-04-18", 350000.0, float("nan"), verdicts="f1:consistent") for i in range(2)]
    unit, marks, every = chart_points(_group([*rows, _claim(9, "d9", "2024-04-18", 600000.0)]))
    assert unit == "gpu" and len(every) == 2 and sorted(every["count"]) == [1, 2]
    assert list(every.loc[every["count"] == 2, "docs"]) == ["d0 d1"]


def test_a_sentence_standing_for_a_chart_names_ledger_figures_in_the_ledger_s_words_not_its_keys():
    ledger = load_ledger(ROOT / "references" / "reference_facts.csv")
    sentence = chart_or_sentence(FLEET.iloc[:1], ledger, "meta_gpu_fleet")
    fleet = ledger[(ledger["topic"] == "meta_gpu_fleet") & (ledger["base_unit"] == "gpu")]
    assert len(fleet) and not any(key in sentence for key in fleet["topic_key"])
    assert "published figures: 350,000 NVIDIA H100 GPUs (2024-01-18)" in sentence
