"""Explorer pages depend only on what they show: adding a document executes the page it lands on.

Real builds of a tiny corpus with two documents a page, with only the
explorer notebook: a page is executed when its own documents, claims or
findings change, exported again from its executed notebook when only what it
shows about the other pages changes (title, links to every page), and reused
otherwise.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.build import BuildOptions, build
from helpers.build.builder import RowDigests
from helpers.build.pipeline import PIPELINE, plan_runs
from helpers.reports import explorer
from helpers.reports.export import slot, to_html
from helpers.text.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
slow = pytest.mark.slow  # real builds; the unit tests below them run everywhere
EXPLORER = "07_claims_explorer"

# One figure each, on unrelated subjects: the only findings are a0's, against the ledger.
TEXTS = {
    "a0": "Mark Zuckerberg said Meta will have about 350,000 NVIDIA H100 GPUs by the end of 2024.\n",
    "a1": "The Berlin office opened in 2019 with a staff of 40 engineers.\n",
    "a2": "Our bakery sells 120 loaves of bread every morning.\n",
    "a3": "The river is 85 kilometres long and crosses three towns.\n",
    "a4": "The museum welcomed 15,000 visitors during its first month.\n",
    "a5": "The ferry carries 300 passengers on each crossing.\n",
    "a6": "The library lends 2,500 books every week.\n",
    # a0's figure again, in other words: it joins a0's group, whose summary then names both documents
    "b0": "By the end of 2024, Zuckerberg said, Meta would own roughly 350,000 H100 GPUs from NVIDIA.\n",
}


class Corpus:
    def __init__(self, tmp_path: Path, docs: list[str]) -> None:
        self.seeds, self.out, self.notebooks = tmp_path / "seeds", tmp_path / "out", tmp_path / "notebooks"
        for folder in (self.seeds, self.notebooks):
            folder.mkdir(parents=True)
        shutil.copy(ROOT / "notebooks" / f"{EXPLORER}.ipynb", self.notebooks)
        self.ledger = tmp_path / "ledger.csv"
        shutil.copy(ROOT / "references" / "reference_facts.csv", self.ledger)
        for d in docs:
            self.add(d)

    def add(self, doc: str) -> None:
        (self.seeds / f"{doc}.txt").write_text(TEXTS[doc], encoding="utf-8")

    def build(self):
        result = build(BuildOptions(seeds=self.seeds, out=self.out, notebooks=self.notebooks, ledger=self.ledger, jobs=1))
        assert result.exit_code == 0, result.problems
        return result

    def key(self, page: int) -> str:
        return EXPLORER if page == 1 else f"{EXPLORER}--p{page}"

    def state(self) -> dict[int, tuple[int, bytes]]:
        """page -> (when its executed notebook was written, its report)."""
        out = {}
        for page in range(1, 10):
            executed = self.out / "_build" / "notebooks" / f"{self.key(page)}.ipynb"
            if executed.exists():
                out[page] = (executed.stat().st_mtime_ns, (self.out / explorer.page_report(page)).read_bytes())
        return out


def _what_happened(before: dict, after: dict) -> dict[int, str]:
    """page -> executed | exported | reused | new."""
    seen = {}
    for page, (ran, report) in after.items():
        if page not in before:
            seen[page] = "new"
        elif ran != before[page][0]:
            seen[page] = "executed"
        else:
            seen[page] = "exported" if report != before[page][1] else "reused"
    return seen


@pytest.fixture()
def two_a_page(monkeypatch):
    """Pages of two documents, never cut by an id: a fixed layout the tests can name page by page."""
    monkeypatch.setattr(explorer, "DOCS_PER_PAGE", 2)
    monkeypatch.setattr(explorer, "CUT_ONE_IN", 10**12)


@slow
def test_a_document_added_in_the_middle_executes_its_own_page_only(tmp_path, monkeypatch):
    """Pages end where document ids say (about one id in two here): a document sorted between others joins its
    page and leaves the later pages where they were, which fixed-size pages shifted and executed again."""
    monkeypatch.setattr(explorer, "DOCS_PER_PAGE", 10)
    monkeypatch.setattr(explorer, "CUT_ONE_IN", 2)
    corpus = Corpus(tmp_path, ["a0", "a1", "a3", "a4", "a5", "a6"])
    assert explorer.explorer_pages(["a0", "a1", "a3", "a4", "a5", "a6"]) == [("a0",), ("a1",), ("a3", "a4"), ("a5", "a6")]
    corpus.build()
    before = corpus.state()
    corpus.add("a2")
    corpus.build()
    after = corpus.state()
    # Page 3 now starts with a2; the pager of every other page names it so, so they are exported again.
    assert _what_happened(before, after) == {1: "exported", 2: "exported", 3: "executed", 4: "exported"}
    assert ">a2<" in after[3][1].decode() and "3: a2 …" in after[4][1].decode()
    fresh = Corpus(tmp_path / "fresh", ["a0", "a1", "a2", "a3", "a4", "a5", "a6"])
    fresh.build()
    assert {page: report for page, (_, report) in fresh.state().items()} == {page: report for page, (_, report) in after.items()}


@slow
def test_a_document_added_to_the_last_page_executes_that_page_only(tmp_path, two_a_page):
    corpus = Corpus(tmp_path, ["a0", "a1", "a2", "a3", "a4"])
    corpus.build()
    before = corpus.state()
    corpus.add("a5")
    result = corpus.build()
    # Pages 1 and 2 name the last page by its first document, still a4: they are left as they are.
    assert _what_happened(before, corpus.state()) == {1: "reused", 2: "reused", 3: "executed"}
    page3 = (corpus.out / "explorer-3.html").read_text(encoding="utf-8")
    assert "claims from the 2 documents of this page" in page3 and ">a5<" in page3
    assert "3: a4 …" in (corpus.out / "explorer.html").read_text(encoding="utf-8")
    assert sorted(result.skipped) == [corpus.key(1), corpus.key(2)]
    # Nothing changed since: everything is reused as it is.
    settled = corpus.state()
    corpus.seeds.joinpath("a5.txt").touch()  # a new file stat: not the no-op shortcut, the full path
    again = corpus.build()
    assert _what_happened(settled, corpus.state()) == {1: "reused", 2: "reused", 3: "reused"}
    assert sorted(again.skipped) == [corpus.key(1), corpus.key(2), corpus.key(3)]


@slow
def test_a_document_joining_a_group_leaves_the_pages_of_the_groups_other_documents_alone(tmp_path, two_a_page):
    corpus = Corpus(tmp_path, ["a0", "a1", "a2", "a3"])
    corpus.build()
    before = corpus.state()
    corpus.add("b0")
    corpus.build()
    findings = pd.read_csv(corpus.out / "data" / "findings.csv", dtype=str, keep_default_na=False)
    groups = findings[findings["kind"] == "group"]
    # The group summary of a0's figure now names b0 too: a corpus-wide change page 1 does not show.
    assert len(groups) == 1 and groups["doc_ids"].iloc[0] == "a0 b0"
    after = corpus.state()
    assert _what_happened(before, after) == {1: "exported", 2: "exported", 3: "new"}
    page3 = after[3][1].decode()
    assert "a0 b0" not in page3 and ">b0<" in page3 and "meta_gpu_fleet" in page3
    fresh = Corpus(tmp_path / "fresh", ["a0", "a1", "a2", "a3", "b0"])
    fresh.build()
    assert {page: report for page, (_, report) in fresh.state().items()} == {page: report for page, (_, report) in after.items()}


@slow
def test_a_new_page_re_exports_the_others_with_a_link_to_it(tmp_path, two_a_page):
    corpus = Corpus(tmp_path, ["a0", "a1", "a2", "a3", "a4", "a5"])
    corpus.build()
    before = corpus.state()
    assert "explorer-4.html" not in before[1][1].decode()
    corpus.add("a6")
    corpus.build()
    after = corpus.state()
    # Every older page's title ("page n of 4") and links change; none of them runs again.
    assert _what_happened(before, after) == {1: "exported", 2: "exported", 3: "exported", 4: "new"}
    for page in (1, 2, 3):
        report = after[page][1].decode()
        assert '<a href="explorer-4.html">4: a6 …</a>' in report
        assert f"Claims explorer (page {page} of 4)" in report
    # Re-exported, the old pages are what executing them would give.
    fresh = Corpus(tmp_path / "fresh", [])
    for d in ["a0", "a1", "a2", "a3", "a4", "a5", "a6"]:
        fresh.add(d)
    fresh.build()
    for page in (1, 2, 3, 4):
        assert fresh.state()[page][1] == after[page][1]


@slow
def test_a_changed_finding_of_page_one_executes_page_one_only(tmp_path, two_a_page):
    corpus = Corpus(tmp_path, ["a0", "a1", "a2", "a3", "a4"])
    corpus.build()
    before = corpus.state()
    # The reference value a0's claim is checked against: a0's findings change, no document does.
    ledger = corpus.ledger.read_text(encoding="utf-8")
    assert "end_2024,meta_gpu_fleet,year_end_target,350000," in ledger
    corpus.ledger.write_text(ledger.replace("end_2024,meta_gpu_fleet,year_end_target,350000,", "end_2024,meta_gpu_fleet,year_end_target,500000,"), encoding="utf-8")
    corpus.build()
    assert _what_happened(before, corpus.state()) == {1: "executed", 2: "reused", 3: "reused"}


def test_a_page_folder_holds_its_documents_rows_and_the_findings_involving_them(tmp_path):
    tables = {
        "documents": pd.DataFrame({"doc_id": ["a", "b", "c"], "status": ["ok"] * 3}),
        "claims": pd.DataFrame({"doc_id": ["a", "b", "c", "c"], "claim_id": ["a:c1", "b:c1", "c:c1", "c:c2"]}),
        "findings": pd.DataFrame(
            {
                "finding_id": ["f1", "f2", "f3", "f4"],
                "claim_ids": ["a:c1 c:c1", "c:c2", "b:c1", "c:c1"],
                # f4 names no document: it still holds a claim of c, whose verdict it sets
                "doc_ids": ["a c", "c", "b", ""],
            }
        ),
    }
    rows = RowDigests(tables)
    rows.write_own_rows(tmp_path / "page", ("documents", "claims", "findings"), ("a", "b"))
    findings = pd.read_csv(tmp_path / "page" / "findings.csv")
    assert list(findings["finding_id"]) == ["f1", "f3"]  # each once, in table order
    assert list(pd.read_csv(tmp_path / "page" / "claims.csv")["claim_id"]) == ["a:c1", "b:c1"]
    before = rows.of(["documents", "claims", "findings"], ("a", "b"))
    changed = {**tables, "findings": tables["findings"].assign(doc_ids=["a c", "c", "b", "c"], claim_ids=["a:c1 c:c1", "c:c2", "b:c1", "c:c9"])}
    assert RowDigests(changed).of(["documents", "claims", "findings"], ("a", "b")) == before  # c's findings only
    changed["findings"].loc[0, "finding_id"] = "f9"
    assert RowDigests(changed).of(["documents", "claims", "findings"], ("a", "b")) != before


def test_the_plan_gives_each_page_its_documents_and_chrome(tmp_path, two_a_page):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / f"{EXPLORER}.ipynb", notebooks)
    docs = ["c", "a", "e", "b", "d"]
    runs = plan_runs(notebooks, docs, Catalog(path=None), tmp_path / "data", None, None, rows_dir=tmp_path / "_build" / "rows")
    assert [r.shows for r in runs] == [("a", "b"), ("c", "d"), ("e",)]
    assert [r.title for r in runs] == [f"Claims explorer (page {n} of 3)" for n in (1, 2, 3)]
    assert runs[1].chrome[explorer.PAGER_SLOT] == explorer.pager_html(2, [("a", "b"), ("c", "d"), ("e",)])
    assert {r.parameters["data_dir"] for r in runs} == {str(tmp_path / "_build" / "pages" / str(n)) for n in (1, 2, 3)}
    assert all(r.parameters["paged"] for r in runs)
    # Nothing but the page itself in its execution: no page number, no page count.
    assert runs[0].parameters.keys() == {"data_dir", "catalog_path", "ledger_path", "paged"}
    single = plan_runs(notebooks, docs[:2], Catalog(path=None), tmp_path / "data", None, None, rows_dir=tmp_path / "_build" / "rows")
    assert [(r.title, r.shows, r.parameters["data_dir"], r.parameters["paged"]) for r in single] == [
        ("Claims explorer", (), str(tmp_path / "data"), False)
    ]
    assert single[0].chrome == {explorer.PAGER_SLOT: ""}
    assert [spec.scope for spec in PIPELINE if spec.name == EXPLORER] == ["explorer"]


def test_export_fills_slots_and_leaves_them_invisible_otherwise():
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": slot("pager") + "<p>body</p>"})]
    nb.cells = [cell]
    filled = to_html(nb, title="t", nav=[], slots={"pager": "<nav>pages</nav>"})
    assert "<nav>pages</nav><p>body</p>" in filled and "report-slot" not in filled
    assert "<!--report-slot:pager--><p>body</p>" in to_html(nb, title="t", nav=[])
