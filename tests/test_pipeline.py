from pathlib import Path

from helpers.text.catalog import load_catalog
from helpers.text.corpus import discover
from helpers.build.pipeline import PIPELINE, nav_links, plan_runs
from helpers.reports.links import report_href as href

ROOT = Path(__file__).resolve().parents[1]


def test_every_registered_notebook_exists_and_every_notebook_is_registered():
    on_disk = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert {s.name for s in PIPELINE} == on_disk


def test_plan_runs_per_document_and_per_rendering_pair(tmp_path):
    cat = load_catalog(ROOT / "seeds" / "catalog.yaml")
    ids = [s.doc_id for s in discover(ROOT / "seeds")]
    runs = plan_runs(ROOT / "notebooks", ids, cat, tmp_path, None, None)
    keys = [r.key for r in runs]
    assert len(keys) == len(set(keys))
    per_doc = [r for r in runs if r.spec.name == "02_document"]
    assert [r.parameters["doc_id"] for r in per_doc] == ids
    assert all(r.parameters["data_dir"] == str(tmp_path) for r in runs)
    pairs = [r for r in runs if r.spec.scope == "pair"]
    assert all(r.doc_ids == ("000_a86c1cdb2fa65775", "001_42769d631cd94a90") for r in pairs)


def test_discover_skips_catalog_and_reports_duplicate_ids(tmp_path):
    (tmp_path / "catalog.yaml").write_text("documents: {}\n")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.md").write_text("y")
    (tmp_path / "b c.txt").write_text("z")
    (tmp_path / ".hidden").write_text("z")
    found = discover(tmp_path)
    assert [s.doc_id for s in found] == ["a", "b c"]
    assert "a.md" in found[0].problem and "a.txt" in found[0].problem
    assert found[1].problem == ""


def test_relative_links_quote_and_climb():
    assert href("index.html", "documents/b c.html") == "documents/b%20c.html"
    assert href("documents/x.html", "index.html") == "../index.html"
    assert ("Comparison", "../comparison.html") in nav_links("documents/x.html", list(PIPELINE))
    assert ("Comparison", "../comparison.html") not in nav_links("documents/x.html", [s for s in PIPELINE if s.name != "04_comparison"])
