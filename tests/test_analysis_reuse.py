"""The analysis stage is reused when nothing it is computed from changed, and only then."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.build import analysis_reuse
from helpers.build.builder import RowDigests, analyze_or_reuse

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXED = {"helpers": "code", "packages": "versions"}


@pytest.fixture(scope="module")
def extracted():
    from helpers.analysis.ledger import load_ledger
    from helpers.build.extract import combine, extract_document
    from helpers.text.catalog import load_catalog
    from helpers.text.corpus import CATALOG_NAME, discover

    catalog = load_catalog(SEEDS / CATALOG_NAME)
    tables = combine([extract_document(s, catalog) for s in discover(SEEDS)])
    return tables, catalog, load_ledger(ROOT / "references" / "reference_facts.csv")


def _forbid_analysis(monkeypatch):
    def fail(*_a, **_k):
        raise AssertionError("analysis ran although nothing changed")

    monkeypatch.setattr(analysis_reuse, "analyze", fail)


def test_unchanged_inputs_reuse_the_data_files_exactly(extracted, tmp_path, monkeypatch):
    tables, catalog, ledger = extracted
    first = analyze_or_reuse(tables, catalog, ledger, FIXED, tmp_path / "data", tmp_path / "_build")
    with monkeypatch.context() as m:
        _forbid_analysis(m)
        again = analyze_or_reuse(tables, catalog, ledger, FIXED, tmp_path / "data", tmp_path / "_build")
    for name, df in first.items():
        pd.testing.assert_frame_equal(again[name], df)
        # Reused tables must hash like computed ones, or every per-document run would re-run.
        if "doc_id" in df.columns:
            assert RowDigests({name: again[name]})._table(name) == RowDigests({name: df})._table(name)


@pytest.mark.parametrize("change", ["claims", "code", "ledger", "catalog", "edited data file"])
def test_any_change_recomputes(extracted, tmp_path, monkeypatch, change):
    tables, catalog, ledger = extracted
    analyze_or_reuse(tables, catalog, ledger, FIXED, tmp_path / "data", tmp_path / "_build")
    fixed = dict(FIXED)
    if change == "claims":
        tables = {**tables, "claims": tables["claims"].iloc[1:]}
    elif change == "code":
        fixed["helpers"] = "other code"
    elif change == "ledger":
        ledger = ledger.iloc[1:]
    elif change == "catalog":
        from dataclasses import replace

        doc = next(iter(catalog.entries))
        catalog = replace(catalog, entries={**catalog.entries, doc: replace(catalog.entries[doc], title="Renamed")})
    else:
        path = tmp_path / "data" / "findings.csv"
        path.write_bytes(path.read_bytes() + b"\n")
    calls = []
    real = analysis_reuse.analyze
    monkeypatch.setattr(analysis_reuse, "analyze", lambda *a: calls.append(1) or real(*a))
    analyze_or_reuse(tables, catalog, ledger, fixed, tmp_path / "data", tmp_path / "_build")
    assert calls == [1]


def test_carried_speakers_are_written_into_the_changed_documents_rows_only(extracted, tmp_path):
    """000 (turns decoded) takes speakers from 001 (labelled): its rows change, the others' bytes stay, files agree."""
    from helpers.build.rows import document_chunks
    from helpers.build.rows import join as join_chunks
    from helpers.tables import to_csv_bytes

    tables, catalog, ledger = extracted
    analysed = analyze_or_reuse(tables, catalog, ledger, FIXED, tmp_path / "data", tmp_path / "_build")
    docs = sorted(set(tables["documents"]["doc_id"]))
    names = ("sentences", "claims")
    chunks = {n: {d: document_chunks({n: tables[n][tables[n]["doc_id"] == d]})[n] for d in docs} for n in names}
    before = {n: dict(chunks[n]) for n in names}
    files = {n: join_chunks(list(chunks[n].values())) for n in names}
    mine = dict(tables)
    changed = analysis_reuse.carried_tables(mine, analysed, files, chunks)
    assert changed == ["000_a86c1cdb2fa65775"]
    assert (mine["claims"]["attribution"] == "aligned").sum() > 0
    assert set(mine["claims"].loc[mine["claims"]["attribution"] == "aligned", "doc_id"]) == set(changed)
    for n in names:
        assert files[n] == to_csv_bytes(analysed[n])  # the data file is the carried table
        assert [d for d in docs if chunks[n][d] != before[n][d]] == changed
    # a second pass changes nothing: the tables already hold the carried speakers
    assert analysis_reuse.carried_tables(mine, analysed, files, chunks) == []
