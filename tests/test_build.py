"""End-to-end: the build on the seeds, on another folder, twice, and incrementally."""

from __future__ import annotations

import dataclasses
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers.build import BuildOptions, build

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if a.get("id"):
            self.ids.add(a["id"])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _report_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file() and "_build" not in p.relative_to(out).parts)


def test_seed_build_succeeds_and_index_lists_every_document(seed_build):
    out, result = seed_build
    assert result.exit_code == 0, result.problems
    assert all(r.status == "ok" for r in result.runs), [r for r in result.runs if r.status != "ok"]
    index = (out / "index.html").read_text(encoding="utf-8")
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        assert p.stem in index
        assert (out / "documents" / f"{p.stem}.html").exists()
    for name in ("documents.csv", "blocks.csv", "sentences.csv", "claims.csv"):
        assert (out / "data" / name).stat().st_size > 100


def test_every_link_and_anchor_resolves(seed_build):
    out, _ = seed_build
    pages = [p for p in _report_files(out) if p.suffix == ".html"]
    assert len(pages) >= 6
    parsed = {p: _parse(p) for p in pages}
    index_targets = {(out / unquote(urlsplit(h).path)).resolve() for h in parsed[out / "index.html"].hrefs}
    for p in pages:
        if p.name != "index.html":
            assert p.resolve() in index_targets, f"index does not link {p}"
    for page, links in parsed.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            assert parts.scheme in ("", "file"), f"{page}: external link {href}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            assert target.exists(), f"{page}: broken link {href}"
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                assert parts.fragment in ids, f"{page}: missing anchor {href}"


def test_reports_contain_no_absolute_paths_or_timestamps(seed_build):
    out, _ = seed_build
    for p in _report_files(out):
        text = p.read_text(encoding="utf-8", errors="replace")
        assert str(out) not in text, p
        assert str(ROOT) not in text, p
        assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", text), p


def test_two_clean_builds_are_byte_identical(seed_build, tmp_path):
    out, _ = seed_build
    again = build(BuildOptions(out=tmp_path / "again", jobs=2))
    assert again.exit_code == 0
    a = {p.relative_to(out): p.read_bytes() for p in _report_files(out)}
    b = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in _report_files(tmp_path / "again")}
    assert a.keys() == b.keys()
    differing = [str(k) for k in a if a[k] != b[k]]
    assert differing == []


def test_build_leaves_the_options_it_is_given_unchanged(tmp_path, monkeypatch):
    """The build works on resolved paths without writing them back: a caller that reuses its options
    (watch, publish) keeps what it passed, on the full path and on the no-op path alike."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / "002_eb63065994b04cab.txt", tmp_path / "seeds")
    (tmp_path / "notebooks").mkdir()  # no notebooks: extraction, analysis and the index only
    opts = BuildOptions(seeds=Path("seeds"), out=Path("out"), notebooks=Path("notebooks"), ledger=None, jobs=1)
    given = dataclasses.replace(opts)
    first = build(opts)
    assert first.exit_code == 0 and first.stages, first.problems
    assert opts == given
    assert (tmp_path / "out" / "data" / "claims.csv").exists()
    again = build(opts)
    assert again.stages == {}  # the no-op path
    assert opts == given


def test_build_on_another_folder_and_incremental_rebuilds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("002_eb63065994b04cab.txt", "003_ff97695cd6ad6ecf.txt"):
        shutil.copy(ROOT / "seeds" / name, seeds)
    (seeds / "english talk.txt").write_text(
        "HOST: How many GPUs will you have?\n"
        "Mark Zuckerberg: We will have about 350,000 H100s by the end of the year.\n"
        "HOST: And the cost?\n"
        "Mark Zuckerberg: It saved us billions of dollars over 10 to 15 years.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    first = build(BuildOptions(seeds=seeds, out=out, jobs=2))
    assert first.exit_code == 0, (first.problems, [r.error for r in first.runs if r.error])
    assert (out / "documents" / "english talk.html").exists()
    assert first.skipped == []

    noop = build(BuildOptions(seeds=seeds, out=out, jobs=2))
    assert sorted(noop.skipped) == sorted(r.key for r in first.runs)
    assert noop.stages == {}  # decided from file stats alone: nothing was extracted, hashed or written

    # A report deleted by hand is an output that changed: the full path runs again and rebuilds just it.
    (out / "documents" / "english talk.html").unlink()
    repaired = build(BuildOptions(seeds=seeds, out=out, jobs=2))
    assert sorted(set(r.key for r in repaired.runs) - set(repaired.skipped)) == ["02_document--english talk"]
    assert repaired.stages and (out / "documents" / "english talk.html").exists()

    with open(seeds / "english talk.txt", "a", encoding="utf-8") as f:
        f.write("Mark Zuckerberg: And we train on 24,000 GPUs per cluster.\n")
    touched = build(BuildOptions(seeds=seeds, out=out, jobs=2))
    rerun = sorted(set(r.key for r in touched.runs) - set(touched.skipped))
    assert rerun, "the touched document's notebooks must re-run"
    assert all("english talk" in k or k.count("--") == 0 for k in rerun), rerun
    assert not any("002_eb63065994b04cab" in k for k in rerun)

    # The next build reruns nothing; it only empties the change list, as the full path does.
    assert len((out / "data" / "changes.csv").read_bytes().splitlines()) > 1
    quick = build(BuildOptions(seeds=seeds, out=out, jobs=2))
    assert quick.stages == {} and len((out / "data" / "changes.csv").read_bytes().splitlines()) == 1
    fast_files = {p: (out / p).read_bytes() for p in ("index.html", "data/changes.csv")}
    (out / "_build" / "unchanged.json").unlink()
    full = build(BuildOptions(seeds=seeds, out=out, jobs=2))
    assert full.stages and sorted(full.skipped) == sorted(r.key for r in full.runs)
    assert {p: (out / p).read_bytes() for p in fast_files} == fast_files

    # A removed document takes its report and executed notebook with it: publish would copy what is left.
    executed = {r.key: Path(r.executed) for r in full.runs}["02_document--english talk"]
    assert executed.exists()
    (seeds / "english talk.txt").unlink()
    removed = build(BuildOptions(seeds=seeds, out=out, jobs=2))
    assert removed.exit_code == 0
    assert not (out / "documents" / "english talk.html").exists() and not executed.exists()
    assert (out / "documents" / "002_eb63065994b04cab.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "documents/english%20talk.html" not in index and "removed" in index  # its claims are listed as removed


def test_bad_document_is_reported_and_the_rest_builds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / "002_eb63065994b04cab.txt", seeds)
    (seeds / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (seeds / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = build(BuildOptions(seeds=seeds, out=out, jobs=2))
    assert result.exit_code == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "broken.txt" in index and "empty.txt" in index
    assert (out / "documents" / "002_eb63065994b04cab.html").exists()
    assert not (out / "documents" / "broken.html").exists()


def test_a_document_folder_holds_exactly_the_document_rows_the_data_folder_has(tmp_path):
    """Per-document runs read their own rows from a folder of their own: the same rows, values and types."""
    import pandas as pd

    from helpers.build.builder import ROWS_DIR, RowDigests, _write_if_changed
    from helpers.build.extract import combine, extract_document
    from helpers.build.pipeline import PIPELINE, plan_runs
    from helpers.notebook import load_tables
    from helpers.tables import to_csv_bytes
    from helpers.text.catalog import Catalog
    from helpers.text.corpus import discover

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in (("a", "HOST: How many GPUs?\nMark: About 350,000 H100s, and 600,000 in all.\n"), ("b", "We spent $2 billion.\n")):
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
    tables = combine([extract_document(s, Catalog(path=None)) for s in discover(seeds)])
    data = tmp_path / "data"
    data.mkdir()
    for name, df in tables.items():
        _write_if_changed(data / f"{name}.csv", to_csv_bytes(df))
    rows_dir = tmp_path / ROWS_DIR
    runs = [r for r in plan_runs(ROOT / "notebooks", ["a", "b"], Catalog(path=None), data, None, None, rows_dir=rows_dir) if r.doc_ids == ("a",)]
    assert {r.spec.name for r in runs} == {s.name for s in PIPELINE if s.scope == "document"}
    assert {r.parameters["data_dir"] for r in runs} == {str(rows_dir / "a")}
    for run in runs:
        RowDigests(tables).write_own_rows(rows_dir / "a", run.needs, run.doc_ids)
    full, own = load_tables(data), load_tables(rows_dir / "a")
    assert set(own) == set().union(*(r.needs for r in runs))
    for name, df in own.items():
        expected = full[name][full[name]["doc_id"] == "a"].reset_index(drop=True)
        assert len(expected) and list(df.dtypes) == list(expected.dtypes)
        pd.testing.assert_frame_equal(df, expected)


def test_the_kernel_table_cache_rereads_changed_files_and_keeps_only_recent_ones(tmp_path, monkeypatch):
    """A warm kernel serves hundreds of documents: their tables must not pile up, nor a stale copy be served."""
    import helpers.notebook as notebook
    from helpers.tables import to_csv_bytes
    from helpers.text.frames import SENTENCES

    monkeypatch.setattr(notebook, "_FILE_CACHE", type(notebook._FILE_CACHE)())
    monkeypatch.setattr(notebook, "CACHE_FILES", 3)
    monkeypatch.setattr(notebook, "CACHED_FROM_BYTES", 0)

    def row(doc: str, text: str) -> dict:
        return {**{c.name: 0 for c in SENTENCES.columns if c.kind in ("int", "float")}, "doc_id": doc, "text": text}

    paths = []
    for n in range(5):
        path = tmp_path / f"d{n}" / "sentences.csv"
        path.parent.mkdir()
        path.write_bytes(to_csv_bytes(SENTENCES.frame([row(f"d{n}", f"doc {n}")])))
        paths.append(path)
    first = notebook._read_table(SENTENCES, paths[0])
    first.loc[0, "text"] = "changed by a notebook"  # a run's own copy: the next run must not see this
    assert notebook._read_table(SENTENCES, paths[0]).loc[0, "text"] == "doc 0"
    paths[0].write_bytes(to_csv_bytes(SENTENCES.frame([row("d0", "rewritten")])))
    assert notebook._read_table(SENTENCES, paths[0]).loc[0, "text"] == "rewritten"
    for path in paths[1:]:
        notebook._read_table(SENTENCES, path)
    assert list(notebook._FILE_CACHE) == [str(p) for p in paths[2:]]
    # A document's own rows are read by one run: below the threshold nothing is kept.
    monkeypatch.setattr(notebook, "CACHED_FROM_BYTES", 1 << 20)
    notebook._FILE_CACHE.clear()
    small = notebook._read_table(SENTENCES, paths[0])
    assert small.loc[0, "text"] == "rewritten" and not notebook._FILE_CACHE


def test_a_document_whose_claims_break_the_table_rules_fails_alone(tmp_path):
    """The claims table is checked once for the corpus; a bad row sinks its own document, named, not the build."""
    from helpers.build.extract import check_claims, combine, extract_document
    from helpers.text.catalog import Catalog
    from helpers.text.corpus import discover

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in (("a", "Meta has 350,000 H100s.\n"), ("b", "We spent $2 billion and 3 years.\n"), ("c", "No numbers here.\n")):
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
    extractions = [extract_document(s, Catalog(path=None)) for s in discover(seeds)]
    assert check_claims(extractions) == extractions  # every rule holds: nothing changes
    bad = extractions[1].tables["claims"]
    bad.loc[bad.index[-1], ["value_low", "value_high"]] = [5.0, 1.0]  # a range whose low end is above its high end
    checked = check_claims(extractions)
    assert [e.ok for e in checked] == [True, False, True]
    assert "b.txt" in checked[1].row["error"] and "value_low <= value_high" in checked[1].row["error"]
    assert checked[1].row["claims"] == "" and checked[1].tables == {}
    tables = combine(checked)
    assert set(tables["claims"]["doc_id"]) == {"a"}
    assert list(tables["documents"]["status"]) == ["ok", "error", "ok"]


def test_a_notebook_reads_only_the_tables_it_asks_for(tmp_path, monkeypatch):
    """A corpus-level report reads two to four tables; the others (tens of MB at scale) stay on disk."""
    import helpers.notebook as notebook
    from helpers.build.extract import DOCUMENTS
    from helpers.tables import to_csv_bytes
    from helpers.text.frames import BLOCKS, SENTENCES

    for spec in (DOCUMENTS, BLOCKS, SENTENCES):
        (tmp_path / f"{spec.name}.csv").write_bytes(to_csv_bytes(spec.empty()))
    read: list[str] = []
    real = notebook._read_table
    monkeypatch.setattr(notebook, "_read_table", lambda spec, path: read.append(spec.name) or real(spec, path))
    nb = notebook.setup(tmp_path)
    assert read == [] and set(nb.tables) == {"documents", "blocks", "sentences"} and "claims" not in nb.tables
    assert list(nb.tables["sentences"].columns) == SENTENCES.names and nb.tables["sentences"] is nb.tables["sentences"]
    assert read == ["sentences"]
    assert set(notebook.load_tables(tmp_path)) == {"documents", "blocks", "sentences"}
    with pytest.raises(notebook.ConfigurationError, match="no documents.csv"):
        notebook.setup(tmp_path / "nowhere")


def test_file_stats_for_the_no_op_check_cover_every_file_and_follow_no_folder_link(tmp_path):
    import os

    from helpers.build.unchanged import _tree_stats

    (tmp_path / "a" / "logs").mkdir(parents=True)
    (tmp_path / "a" / "logs" / "x.log").write_text("skipped at any depth")
    (tmp_path / "a" / "b.html").write_text("b")
    (tmp_path / "top.csv").write_text("t")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s")
    os.symlink(outside, tmp_path / "linked-folder")
    os.symlink(tmp_path / "top.csv", tmp_path / "a" / "link.csv")
    os.symlink(tmp_path / "gone", tmp_path / "broken")
    stats = _tree_stats(tmp_path, frozenset({"logs"}))
    assert sorted(stats) == ["a/b.html", "a/link.csv", "top.csv"]
    st = os.stat(tmp_path / "top.csv")
    assert stats["top.csv"] == stats["a/link.csv"] == [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


def test_a_worker_drops_the_extractors_models_before_it_runs_notebooks(tmp_path):
    """SudachiPy's dictionary and lingua's detector (about 180 MB a worker) are not kept through the notebook
    stage; a later extraction loads them again and gives the same tables."""
    import pandas as pd

    from helpers.build.execute import run_notebooks
    from helpers.build.extract import extract_document, release_models
    from helpers.text import japanese, language
    from helpers.text.catalog import Catalog
    from helpers.text.corpus import discover

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ja.txt").write_text("メタは35万個のGPUを持っている。\n", encoding="utf-8")
    (seeds / "de.txt").write_text("Meta hat im Jahr 2024 genau 350.000 GPUs gekauft, sagte er.\n", encoding="utf-8")
    models = (japanese.dictionary, language.detector)

    def extract():
        return [extract_document(s, Catalog(path=None)) for s in discover(seeds)]

    first = extract()
    assert all(m.cache_info().currsize == 1 for m in models)
    run_notebooks([], ROOT / "notebooks", tmp_path / "_build", tmp_path / "out")  # a worker's notebook batch
    assert all(m.cache_info().currsize == 0 for m in models)
    release_models()  # nothing loaded: nothing to do
    again = extract()
    for a, b in zip(first, again):
        assert a.row == b.row
        for name in a.tables:
            pd.testing.assert_frame_equal(a.tables[name], b.tables[name])
