from pathlib import Path

import pytest

from helpers.text.catalog import load_catalog, rendering_pairs
from helpers.exceptions import ConfigurationError

ROOT = Path(__file__).resolve().parents[1]


def test_seed_catalog_is_complete_and_clean():
    cat = load_catalog(ROOT / "seeds" / "catalog.yaml")
    assert cat.problems == []
    ids = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(cat) == ids
    assert cat["001_42769d631cd94a90"].published == "2024-08-12"
    assert cat["004_212789ab223fc4b9"].event_date == "2024-07-29"
    assert cat["003_ff97695cd6ad6ecf"].event_date == "2025"
    assert "Ruchi Sanghvi" in cat["000_a86c1cdb2fa65775"].speakers
    assert rendering_pairs(cat) == [("000_a86c1cdb2fa65775", "001_42769d631cd94a90")]


def test_titles_are_as_written_in_the_files():
    cat = load_catalog(ROOT / "seeds" / "catalog.yaml")
    for doc_id, entry in cat.items():
        if entry.title:
            text = (ROOT / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
            assert entry.title in text, doc_id


def test_missing_catalog_is_empty_and_uncatalogued_docs_get_blank_entries(tmp_path):
    cat = load_catalog(tmp_path / "catalog.yaml")
    assert len(cat) == 0
    assert cat.entry("x").title is None


def test_malformed_yaml_cites_the_line(tmp_path):
    p = tmp_path / "catalog.yaml"
    p.write_text("documents:\n  a:\n    title: [unclosed\n  b: {}\n", encoding="utf-8")
    with pytest.raises(ConfigurationError) as e:
        load_catalog(p)
    assert e.value.line is not None and e.value.line >= 3
    assert str(p) in str(e.value)


@pytest.mark.parametrize(
    "body, field, line",
    [
        ("    language: xx\n", "language", 3),
        ("    speakers: Mark\n", "speakers", 3),
        ("    event_date: next week\n", "event_date", 3),
        ("    title: x\n    colour: red\n", "colour", 4),
        ("    roles: [CFO]\n", "roles", 3),
    ],
)
def test_bad_fields_are_reported_with_their_line_and_others_still_load(tmp_path, body, field, line):
    p = tmp_path / "catalog.yaml"
    p.write_text("documents:\n  a:\n" + body + "  b:\n    language: de\n", encoding="utf-8")
    cat = load_catalog(p)
    assert list(cat) == ["b"]
    (problem,) = cat.problems
    assert problem.line == line and field in str(problem)


def test_entry_naming_a_missing_document_is_a_problem(tmp_path):
    p = tmp_path / "catalog.yaml"
    p.write_text("documents:\n  ghost:\n    language: en\n", encoding="utf-8")
    cat = load_catalog(p)
    cat.check_documents(["real"])
    assert cat.problems and cat.problems[0].line == 2 and "ghost" in str(cat.problems[0])


def test_roles_name_each_speakers_role(tmp_path):
    p = tmp_path / "catalog.yaml"
    p.write_text("documents:\n  a:\n    speakers: [Susan Li]\n    roles:\n      Susan Li: CFO, Meta\n", encoding="utf-8")
    cat = load_catalog(p)
    assert not cat.problems and cat.entry("a").roles == (("Susan Li", "CFO, Meta"),)


def test_the_corpus_title_is_read_and_a_title_that_is_not_text_is_a_problem_with_its_line(tmp_path):
    seeds = load_catalog(Path(__file__).parents[1] / "seeds" / "catalog.yaml")
    assert seeds.title == "Meta, Llama and AI infrastructure"
    p = tmp_path / "catalog.yaml"
    p.write_text("title:  Quarterly   calls\ndocuments:\n  a: {language: en}\n", encoding="utf-8")
    assert load_catalog(p).title == "Quarterly calls"
    p.write_text("documents:\n  a: {language: en}\ntitle: [not, text]\n", encoding="utf-8")
    catalog = load_catalog(p)
    assert catalog.title == "" and "a" in catalog
    assert [(e.line, "title" in str(e)) for e in catalog.problems] == [(3, True)]
    assert load_catalog(tmp_path / "none.yaml").title == ""
