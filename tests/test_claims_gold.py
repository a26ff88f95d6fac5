"""The English development gold and its scorer: every annotation is placed, every document is in the split,
rates and not-a-quantity spans are scored as tests/fixtures/claims/README.md says."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "claims"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


build_gold = _load("build_gold", GOLD / "build_gold.py")
ev = _load("eval_claims", ROOT / "bench" / "eval_claims.py")


@pytest.mark.parametrize("short", build_gold.specs())
def test_every_spec_line_is_placed_with_a_value_or_as_not_a_quantity(short: str) -> None:
    rows = build_gold.rows_of(short)
    text = build_gold.source_text(short)
    assert rows
    for r in rows:
        assert text[r["start"]:r["end"]] == r["surface"]
        if r["kind"] == "quantity":
            assert r["unit"] and float(r["value_low"]) <= float(r["value_high"]), r
        else:
            assert r["unit"] == "" and r["value"] == "", r


def test_a_spec_line_that_cannot_be_placed_names_its_file_and_line(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "x.txt").write_text("It costs $5.", encoding="utf-8")
    (tmp_path / "gold_spec_x.txt").write_text("# header\n$5|2|5|||usd|\n", encoding="utf-8")
    monkeypatch.setattr(build_gold, "HERE", tmp_path)
    with pytest.raises(build_gold.SpecError, match=r"gold_spec_x.txt:2: '\$5' occurrence 2 of 1"):
        build_gold.rows_of("x")


def test_every_gold_document_is_in_exactly_one_part_of_the_split() -> None:
    docs = {p.stem[len("gold_"):] for p in GOLD.glob("gold_*.csv")}
    dev, held = set(ev.SPLIT["dev"]), set(ev.SPLIT["heldout"])
    assert docs == dev | held and not dev & held
    assert docs >= ev.FLOOR_DOCS
    assert all(ev.DOCS[d]["genre"] and ev.DOCS[d]["lang"] in ("en", "de", "ja") for d in docs)


def test_rates_compare_after_normalising_their_parts() -> None:
    barrel = ev.Span(0, 4, "$110 per barrel", 110, 110, "usd_per_barrel")
    per_m3 = ev.Span(0, 4, "$110 per barrel", 110 / 0.158987294928, 110 / 0.158987294928, "usd_per_cubic_meter")
    litre = ev.Span(0, 4, "£1.37 per litre", 1.37, 1.37, "gbp_per_liter")
    assert ev.value_ok(barrel, per_m3)
    assert ev.canonical("gbp_per_liter", 1.37, 1.37) == ("gbp_per_cubic_meter", pytest.approx(1370),
                                                          pytest.approx(1370))
    assert not ev.value_ok(litre, ev.Span(0, 4, "£1.37", 1.37, 1.37, "gbp"))  # a rate is not plain money
    assert ev.canonical("usd_per_year", 2.5e10, 2.5e10) == ("usd_per_year", 2.5e10, 2.5e10)
    assert ev.canonical("meter_per_second", 3.0, 3.0) == ("meter_per_second", 3.0, 3.0)


def test_a_prediction_on_a_not_quantity_span_counts_against_that_span_category() -> None:
    ftse = ev.Span(4, 12, "FTSE 100", None, None, "", ("name_label",))
    gold = [ev.Span(20, 25, "1.24%", 1.24, 1.24, "percent", ("change_range",))]
    pred = [ev.Span(9, 12, "100", 100, 100, "count"), ev.Span(20, 25, "1.24%", 1.24, 1.24, "percent")]
    cats = ev.by_category(gold, [ftse], pred)
    assert (cats["name_label"].pred, cats["name_label"].good, cats["name_label"].gold) == (1, 0, 0)
    assert (cats["change_range"].pred, cats["change_range"].good, cats["change_range"].gold) == (1, 1, 1)


def test_value_matching_pairs_the_value_that_is_right_before_the_larger_overlap() -> None:
    # "two 100% Canadian beef patties": the gold count 2 overlaps "two" (3 chars) and "100%" (4 chars)
    gold = [ev.Span(0, 30, "two 100% Canadian beef patties", 2, 2, "count"), ev.Span(4, 8, "100%", 100, 100, "percent")]
    pred = [ev.Span(0, 3, "two", 2, 2, "count"), ev.Span(4, 8, "100%", 100, 100, "percent")]
    assert ev.evaluate(gold, pred)["value+unit"] == (1.0, 1.0, 1.0)


def test_held_out_misses_are_listed_only_when_held_out_documents_are_asked_for(capsys, monkeypatch) -> None:
    only = [("en_talk_lemkin_asr", GOLD / "gold_en_talk_lemkin_asr.csv")]
    monkeypatch.setattr(ev, "_selected", lambda split, lang=None, batch=None: only)
    monkeypatch.setattr(ev, "predict", lambda path, doc_id: [])
    ev.main(["--split", "all"])
    assert "== en_talk_lemkin_asr" not in capsys.readouterr().out
    ev.main(["--split", "heldout"])
    assert "== en_talk_lemkin_asr" in capsys.readouterr().out
