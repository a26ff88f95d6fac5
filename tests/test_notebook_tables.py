"""What notebooks read: a few columns of a table are the same values and types as in the whole table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import notebook
from helpers.build.extract import DOCUMENTS
from helpers.tables import to_csv_bytes
from helpers.text.catalog import Catalog
from helpers.text.frames import SENTENCES

ROOT = Path(__file__).resolve().parents[1]


def _sentences() -> pd.DataFrame:
    texts = ["=SUM(A1)", "'quoted", "-3 % drop", "plain, with a comma", 'says "hi"\nover two lines', "", "+49 30"]
    speakers = ["@handle", "Mark", "", "'Anna'", "Jensen", "", "Lisa"]
    return SENTENCES.frame(
        {**{c.name: i for c in SENTENCES.columns if c.kind in ("int", "float")},
         "doc_id": f"-d{i % 3}" if i % 2 else f"d{i % 3}", "lang": ("ja", "de", "en")[i % 3], "text": t, "speaker": s,
         "speaker_inferred": bool(i % 2), "speaker_confidence": 0.5 + i / 100 if i % 3 else None}
        for i, (t, s) in enumerate(zip(texts, speakers))
    )  # fmt: skip


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setattr(notebook, "_FILE_CACHE", type(notebook._FILE_CACHE)())
    (tmp_path / "documents.csv").write_bytes(to_csv_bytes(DOCUMENTS.empty()))
    (tmp_path / "sentences.csv").write_bytes(to_csv_bytes(_sentences()))
    return tmp_path


@pytest.mark.parametrize(
    "columns",
    [["doc_id", "lang"], ["lang", "doc_id"], ["text"], ["speaker", "speaker_inferred", "speaker_confidence", "sentence_id"]],
)
def test_a_few_columns_are_those_of_the_whole_table(data, columns):
    """Cells the writer marked (formula starts, a leading quote mark) come back as written, numbers and flags typed."""
    whole = notebook.TablesOf(data)["sentences"]
    assert list(whole["text"][:2]) == ["=SUM(A1)", "'quoted"] and whole["speaker_inferred"].dtype == bool
    part = notebook.setup(data).columns("sentences", columns)
    pd.testing.assert_frame_equal(part, whole[columns])
    pd.testing.assert_frame_equal(notebook.TablesOf(data).columns("sentences", columns), whole[columns])  # cached: the same


def test_columns_follow_the_file_and_are_a_copy(data):
    nb = notebook.setup(data)
    first = nb.columns("sentences", ["doc_id", "lang"])
    first.loc[0, "lang"] = "changed by a notebook"
    assert notebook.setup(data).columns("sentences", ["lang"]).loc[0, "lang"] == "ja"
    (data / "sentences.csv").write_bytes(to_csv_bytes(_sentences().assign(lang="en")))
    assert set(notebook.setup(data).columns("sentences", ["lang"])["lang"]) == {"en"}
    tables = {"sentences": _sentences()}  # in memory (a notebook run by hand on the seeds)
    in_memory = notebook.Notebook(tables, Catalog(path=None), pd.DataFrame()).columns("sentences", ["doc_id"])
    pd.testing.assert_frame_equal(in_memory, tables["sentences"][["doc_id"]])


def test_the_ledger_and_catalog_are_parsed_once_per_kernel_but_follow_their_files(data, tmp_path, monkeypatch):
    """A warm kernel serves every run of a build: the ledger is parsed once, yet an edited file is read again."""
    monkeypatch.setattr(notebook, "_FILE_CACHE", type(notebook._FILE_CACHE)())
    ledger = tmp_path / "ledger.csv"
    ledger.write_bytes((ROOT / "references" / "reference_facts.csv").read_bytes())
    catalog = tmp_path / "catalog.yaml"
    catalog.write_bytes((ROOT / "seeds" / "catalog.yaml").read_bytes())
    calls = []
    parse = notebook.load_ledger
    monkeypatch.setattr(notebook, "load_ledger", lambda p: calls.append(p) or parse(p))
    first = notebook.setup(data, catalog, ledger)
    column = first.ledger.columns[0]
    first.ledger.loc[0, column] = "changed by a notebook"  # a run's own copy
    second = notebook.setup(data, catalog, ledger)
    assert len(calls) == 1 and second.ledger.loc[0, column] != "changed by a notebook"
    assert second.catalog.entry("000_a86c1cdb2fa65775") == first.catalog.entry("000_a86c1cdb2fa65775")
    header, rest = ledger.read_text(encoding="utf-8").split("\n", 1)
    ledger.write_text(header + "\n" + rest.split("\n", 1)[1], encoding="utf-8")  # one row fewer
    third = notebook.setup(data, catalog, ledger)
    assert len(calls) == 2 and len(third.ledger) == len(second.ledger) - 1
