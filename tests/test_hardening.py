"""Hardening: no input, cache or corpus can run code, leak files or destroy work.

Each test is one attack or mishap a careful reviewer found, and checks the
outcome a user relies on (no code runs, no outside file is published, no
spreadsheet formula, a named error and the right exit status, nothing of
theirs deleted). End-to-end builds use a tiny corpus and, where notebooks
are needed at all, a trivial notebook, so they stay fast.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import least_cpu_seconds
from helpers import atomic
from helpers.build import BuildOptions, build, builder, main_build
from helpers.build import runs as notebook_stage
from helpers.build.pipeline import MAX_STEM_BYTES, file_stem, join_ids, plan_runs
from helpers.build.scheduler import Workers, check_scheduler
from helpers.exceptions import ConfigurationError, OutputError
from helpers.notebook import setup
from helpers.tables import FORMULA_STARTS, to_csv_bytes
from helpers.text.catalog import MAX_CATALOG_BYTES, Catalog, CatalogEntry, load_catalog
from helpers.text.corpus import MAX_ID_BYTES, discover
from helpers.text.frames import SENTENCES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PYTHON = sys.executable
slow = pytest.mark.slow

DE = "Meta hat 350.000 GPUs.\nDas kostet 10 Milliarden Dollar.\n"
SECRET = "SECRET-TOKEN-7f3a9c"


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([PYTHON, "-m", "helpers", *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def _trivial_notebook(*sources: str) -> dict:
    """A per-document notebook that only reads its document's rows (a kernel start, nothing else)."""
    cells = [
        {"id": "params", "cell_type": "code", "metadata": {"tags": ["parameters"]},
         "source": 'doc_id = ""\ndata_dir = ""\ncatalog_path = ""\nledger_path = ""\n', "outputs": [], "execution_count": None},
        {"id": "body", "cell_type": "code", "metadata": {},
         "source": "from helpers.notebook import setup\nnb = setup(data_dir, catalog_path, ledger_path)\n"
                   "print(doc_id, len(nb.documents_of(doc_id)['sentences']))\n", "outputs": [], "execution_count": None},
    ] + [{"id": f"c{i}", "cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None} for i, s in enumerate(sources)]
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "python3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def _notebooks(folder: Path, trivial: dict[str, dict] | None = None, real: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in real:
        shutil.copy(NOTEBOOKS / f"{name}.ipynb", folder)
    for name, nb in (trivial or {}).items():
        (folder / f"{name}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return folder


def _all_output_text(out: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file())


# --- Critical: the extraction cache cannot run code ---------------------------------------------

class _Planted:
    """Unpickling this creates the marker file: the proof that a cache entry ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_in_the_cache_never_runs(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "doc.txt").write_text(DE, encoding="utf-8")
    sources, catalog, cache = discover(seeds), Catalog(path=None), tmp_path / "out" / "_build" / "extract"
    fixed = {"helpers": "x", "packages": "y"}
    with Workers("local", 1) as workers:
        fresh = to_csv_bytes(builder.combine(builder.extract_all(sources, catalog, cache, fixed, workers))["sentences"])
        (entry,) = list(cache.iterdir())
        assert entry.suffix == ".json" and json.loads(entry.read_bytes())["key"]  # data, with its key
        marker = tmp_path / "code-ran"
        payload = pickle.dumps(("any key", _Planted(marker)))
        entry.write_bytes(payload)  # what the old cache would have unpickled
        entry.with_suffix(".pkl").write_bytes(payload)
        again = builder.combine(builder.extract_all(sources, catalog, cache, fixed, workers))
    assert not marker.exists()
    assert to_csv_bytes(again["sentences"]) == fresh  # the damaged entry was a miss, re-extracted
    assert json.loads(entry.read_bytes())["key"]  # and replaced by a good one


def _one_document_cache(tmp_path: Path):
    """A corpus of one German document, and where and with what fixed inputs its extraction is cached."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "doc.txt").write_text(DE, encoding="utf-8")
    return discover(seeds), Catalog(path=None), tmp_path / "cache", {"helpers": "x", "packages": "y"}


def test_a_cache_entry_is_used_only_for_its_own_key(tmp_path):
    sources, catalog, cache, fixed = _one_document_cache(tmp_path)
    with Workers("local", 1) as workers:
        builder.extract_all(sources, catalog, cache, fixed, workers)
        (entry,) = list(cache.iterdir())
        forged = json.loads(entry.read_bytes())
        forged["csv"]["sentences"][1] = forged["csv"]["sentences"][1].replace("Meta hat", "FORGED hat")
        forged["csv_sha256"] = builder._rows_digest(builder.chunks_from_json(forged["csv"]))
        forged["key"] = "0" * 64  # made for other inputs
        entry.write_text(json.dumps(forged), encoding="utf-8")
        tables = builder.combine(builder.extract_all(sources, catalog, cache, fixed, workers))
    assert not tables["sentences"]["text"].str.contains("FORGED").any()
    assert tables["sentences"]["text"].iloc[0] == "Meta hat 350.000 GPUs."


@pytest.mark.parametrize("damage", ["text in a number column", "a row with one more cell", "a header that is not the table's",
                                    "a missing table", "not a string", "quoted flag not a bool", "no digest"])
def test_a_cache_entry_with_its_own_key_but_damaged_rows_is_a_miss(tmp_path, damage):
    """A cached document's rows are parsed only when the corpus's tables are: an entry changed after it was
    written (its rows no longer match their digest) is a miss, re-extracted, never a table that breaks the build."""
    sources, catalog, cache, fixed = _one_document_cache(tmp_path)
    with Workers("local", 1) as workers:
        fresh = to_csv_bytes(builder.combine(builder.extract_all(sources, catalog, cache, fixed, workers))["sentences"])
        (entry,) = list(cache.iterdir())
        damaged = json.loads(entry.read_bytes())
        header, body, quoted = damaged["csv"]["sentences"]
        first, rest = body.split("\n", 1)
        if damage == "text in a number column":
            cells = first.split(",")
            cells[1] = "twelve"  # sentence_id
            damaged["csv"]["sentences"][1] = ",".join(cells) + "\n" + rest
        elif damage == "a row with one more cell":
            damaged["csv"]["sentences"][1] = first + ",extra\n" + rest
        elif damage == "a header that is not the table's":
            damaged["csv"]["sentences"][0] = header.replace("start", "begin")
        elif damage == "a missing table":
            del damaged["csv"]["sentences"]
        elif damage == "not a string":
            damaged["csv"]["sentences"][1] = 5
        elif damage == "quoted flag not a bool":
            damaged["csv"]["sentences"][2] = "no"
        else:
            del damaged["csv_sha256"]
        entry.write_text(json.dumps(damaged), encoding="utf-8")
        again = builder.combine(builder.extract_all(sources, catalog, cache, fixed, workers))
    assert to_csv_bytes(again["sentences"]) == fresh  # re-extracted: no crash, no damaged row
    assert json.loads(entry.read_bytes())["csv"]["sentences"] == [header, body, quoted]  # and the entry rewritten


# --- One small build shared by the data-level checks (no notebooks) --------------------------------

FORMULAS = "=HYPERLINK(\"http://evil.example\",\"klick\") 5 GPUs.\n+cmd|' /C calc'!A0 hat 3 GPUs.\n-2+3 sind 10 Prozent.\n@SUM(1+1) mal 4 Server.\n"
BIDI = "Rechnung \u202egnp.exe\u202c vom Mai\n\nMeta hat 5 GPUs, sagt \u2067Ali\u2069.\n"
USER_TEMPS = ("notes.tmp", ".draft.tmp", "data/.mine.csv.tmp", ".x.tmp.ipynb", "_build/.keep.tmp")


@pytest.fixture(scope="module")
def data_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hardening")
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "token.txt").write_text(f"api token: {SECRET} 42 GPUs\n", encoding="utf-8")
    seeds = tmp / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(DE, encoding="utf-8")
    (seeds / "formulas.txt").write_text(FORMULAS, encoding="utf-8")
    (seeds / "bidi.txt").write_text(BIDI, encoding="utf-8")
    (seeds / "absolute.txt").symlink_to(outside / "token.txt")
    (seeds / "relative.txt").symlink_to(Path("..") / "outside" / "token.txt")
    (seeds / "proc.txt").symlink_to("/proc/self/status")
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "dangling.txt").symlink_to(tmp / "nowhere.txt")
    (seeds / "inside.txt").symlink_to("good.txt")  # a link within the corpus is fine
    out = tmp / "out"
    for name in USER_TEMPS:  # a user's own files that merely look temporary
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("mine", encoding="utf-8")
    stale = atomic.temp_path(out / "data")  # one the build itself left behind
    stale.write_text("half", encoding="utf-8")
    result = build(BuildOptions(seeds=seeds, out=out, notebooks=_notebooks(tmp / "notebooks"), jobs=1))
    return out, result, stale


REFUSED = {"absolute": "outside the seeds folder", "relative": "outside the seeds folder", "proc": "outside the seeds folder",
           "passwd": "outside the seeds folder", "dangling": "leads nowhere"}


def test_links_out_of_the_seeds_folder_are_refused_by_name_and_the_rest_builds(data_build):
    out, result, _ = data_build
    assert result.exit_code == 1  # some documents failed; the others built
    docs = result.documents.set_index("doc_id")
    for doc_id, words in REFUSED.items():
        assert docs.loc[doc_id, "status"] == "error"
        assert docs.loc[doc_id, "error"].startswith(f"{doc_id}.txt: ") and words in docs.loc[doc_id, "error"]
        assert docs.loc[doc_id, "sha256"] == "" and pd.isna(docs.loc[doc_id, "bytes"])  # never read
    assert docs.loc["inside", "status"] == docs.loc["good", "status"] == "ok"
    published = _all_output_text(out)
    assert SECRET not in published
    assert "root:x:0:0" not in published and "VmRSS" not in published and "TracerPid" not in published


def test_formula_cells_are_neutralised_in_the_csv_and_read_back_exactly(data_build):
    out, _, _ = data_build
    for name in ("sentences", "blocks", "claims"):
        assert not _formula_text_cells((out / "data" / f"{name}.csv").read_text(encoding="utf-8"), name), name
    raw = (out / "data" / "sentences.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and "'+cmd" in raw and "'-2+3" in raw and "'@SUM" in raw
    sentences = SENTENCES.read_csv(out / "data" / "sentences.csv")
    text = FORMULAS
    for row in sentences[sentences["doc_id"] == "formulas"].itertuples():
        assert text[row.start : row.end] == row.text  # the cell reads back as the document's words
    assert sentences["text"].str.startswith("=HYPERLINK").any()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("=+-@\t\r'\"a, \n日"), max_size=8), min_size=1, max_size=5))
def test_neutralised_cells_round_trip_exactly(tmp_path_factory, values):
    path = tmp_path_factory.mktemp("rt") / "sentences.csv"
    frame = SENTENCES.frame(
        {"doc_id": "d", "sentence_id": i, "block_id": 0, "start": 0, "end": 0, "line": 1, "speaker_inferred": False, "text": v, "speaker": v}
        for i, v in enumerate(values)
    )
    path.write_bytes(to_csv_bytes(frame))
    with open(path, encoding="utf-8", newline="") as f:
        assert not [c for row in csv.reader(f) for c in row if c.startswith(FORMULA_STARTS)]
    back = SENTENCES.read_csv(path)
    assert list(back["text"]) == list(back["speaker"]) == values


def test_the_claims_cli_csv_is_neutralised_too(tmp_path):
    from helpers.claims.extract import main_claims

    doc = tmp_path / "f.txt"
    doc.write_text(FORMULAS, encoding="utf-8")
    out = main_claims([str(doc)])
    assert out.count("\n") > 1 and not _formula_text_cells(out, "claims")


def _formula_text_cells(csv_text: str, table: str) -> list[str]:
    """Text cells that a spreadsheet would run as a formula. Numeric columns hold numbers
    (a negative value such as -2.0 is a number to a spreadsheet, not a formula)."""
    from helpers.build.pipeline import table_spec

    spec = table_spec(table)
    rows = list(csv.reader(io.StringIO(csv_text)))
    text_cols = [i for i, name in enumerate(rows[0]) if spec.column(name).kind == "str"]
    return [row[i] for row in rows[1:] for i in text_cols if row[i].startswith(FORMULA_STARTS)]


def test_only_the_builds_own_temporary_files_are_removed(data_build):
    out, _, stale = data_build
    assert not stale.exists()
    for name in USER_TEMPS:
        assert (out / name).read_text(encoding="utf-8") == "mine", name


def test_the_notebooks_of_a_build_get_no_catalog_when_it_has_none(data_build):
    out, _, _ = data_build
    nb = setup(out / "data", "", "")
    assert len(nb.catalog) == 0  # never the repository's own seeds/catalog.yaml


def test_bidirectional_controls_are_shown_not_obeyed(data_build):
    from helpers.reports import markup, render

    out, _, _ = data_build
    assert "\u202e" not in (out / "index.html").read_text(encoding="utf-8")
    tables = setup(out / "data").documents_of("bidi")
    page = render.document_html(tables["blocks"], tables["sentences"], tables["claims"])
    assert "[U+202E]gnp.exe[U+202C]" in page and "[U+2067]Ali[U+2069]" in page
    assert not any(chr(c) in page for c in markup.BIDI_CONTROLS)
    assert "\u202e" in "".join(tables["blocks"]["text"])  # the data keep the text as written


# --- Catalog resource exhaustion ----------------------------------------------------------------

def _alias_bomb(levels: int = 12) -> str:
    text = "documents:\n  good:\n    title: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, levels):
        text += f"    t{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9) + "]\n"
    return text + f"    speakers: *x{levels - 1}\n"


def test_an_alias_bomb_is_refused_quickly_in_bounded_memory(tmp_path):
    p = tmp_path / "catalog.yaml"
    p.write_text(_alias_bomb(), encoding="utf-8")  # 9^12 values when expanded
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ConfigurationError, match="alias") as e:
        load_catalog(p)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < 5 and peak < 50_000_000
    assert str(p) in str(e.value) and e.value.line is not None


def test_a_rejected_value_is_never_turned_into_text(tmp_path):
    p = tmp_path / "catalog.yaml"
    # Within the expansion bound, but 9^5 values each: their text would be megabytes.
    p.write_text(_alias_bomb(5).replace("    speakers: *x4\n", "    language: *x4\n    event_date: *x4\n    genre: *x4\n"), encoding="utf-8")
    cat = load_catalog(p)
    assert "good" not in cat
    assert cat.problems and all(len(str(problem)) < 400 for problem in cat.problems)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "too big", "recursive"])
def test_a_catalog_that_is_not_a_small_regular_file_is_a_named_error(tmp_path, kind):
    p = tmp_path / "catalog.yaml"
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "device":
        p = Path("/dev/zero")
    elif kind == "folder":
        p.mkdir()
    elif kind == "too big":
        with open(p, "wb") as f:
            f.truncate(MAX_CATALOG_BYTES + 1)
    else:
        p.write_text("documents:\n  a: &a\n    speakers: [*a]\n", encoding="utf-8")
    done: list[BaseException] = []
    reader = threading.Thread(target=lambda: done.append(pytest.raises(ConfigurationError, load_catalog, p).value), daemon=True)
    reader.start()
    reader.join(10)
    if kind == "fifo" and not done:  # unblock the thread before failing
        with open(p, "w"):
            pass
    assert done, f"reading a {kind} as the catalog did not end"
    assert str(p) in str(done[0])


@slow
def test_cli_alias_bomb_catalog_exits_2_within_seconds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(DE, encoding="utf-8")
    (seeds / "catalog.yaml").write_text(_alias_bomb(14), encoding="utf-8")
    started = time.perf_counter()
    r = _cli("build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--notebooks", str(_notebooks(tmp_path / "nb")), "--jobs", "1")
    assert r.returncode == 2, r.stderr
    assert time.perf_counter() - started < 60
    assert "alias" in r.stdout and "catalog.yaml" in r.stdout
    assert "Traceback" not in r.stderr and "MemoryError" not in r.stderr


# --- Names: braces, length, separators, characters that need quoting ------------------------------

TRICKY_IDS = ("a{b}c", "{doc_id}", "{data_dir}x}", "q#1?x=%41")
LONG_OK = "長" * (MAX_ID_BYTES // 3)  # 198 bytes: the longest kind of id that is allowed
TOO_LONG = "長" * (MAX_ID_BYTES // 3 + 1)


@pytest.fixture(scope="module")
def names_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("names")
    seeds = tmp / "seeds"
    seeds.mkdir()
    for doc_id in (*TRICKY_IDS, LONG_OK, TOO_LONG):
        (seeds / f"{doc_id}.txt").write_text(DE, encoding="utf-8")
    out = tmp / "out"
    nbs = _notebooks(tmp / "notebooks", {"02_document": _trivial_notebook()})
    result = build(BuildOptions(seeds=seeds, out=out, notebooks=nbs, jobs=2))
    return tmp, out, result


@slow
def test_ids_with_braces_and_long_ids_build_inside_the_output_folder(names_build):
    tmp, out, result = names_build
    assert {r.key: r.status for r in result.runs} == {f"02_document--{d}": "ok" for d in (*TRICKY_IDS, LONG_OK)}
    for doc_id in (*TRICKY_IDS, LONG_OK):
        assert f"{doc_id} 2" in (out / "documents" / f"{doc_id}.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp.iterdir()) == ["notebooks", "out", "seeds"]  # nothing written elsewhere
    assert len(list((out / "_build" / "notebooks").glob("*.ipynb"))) == len(TRICKY_IDS) + 1
    docs = result.documents.set_index("doc_id")
    assert "file name too long" in docs.loc[TOO_LONG, "error"]
    assert result.exit_code == 1


@slow
def test_every_index_link_resolves_for_ids_that_need_quoting(names_build):
    import re

    _, out, _ = names_build
    index = (out / "index.html").read_text(encoding="utf-8")
    hrefs = [h for h in re.findall(r'href="([^"]+)"', index) if not h.startswith(("#", "http"))]
    assert any("%23" in h for h in hrefs) and any("%3F" in h for h in hrefs) and any("%2541" in h for h in hrefs)
    for h in hrefs:
        target = unquote(h.split("#")[0].replace("&amp;", "&"))
        assert (out / target).exists(), h


def test_derived_file_names_stay_short_and_unique():
    long_a, long_b = "a" * 300, "a" * 299 + "b"
    assert len(file_stem(long_a).encode()) <= MAX_STEM_BYTES and file_stem(long_a) != file_stem(long_b)
    assert file_stem("short") == "short"
    assert join_ids(("x__y", "z"), "__") != join_ids(("x", "y__z"), "__")
    assert join_ids(("x_", "y"), "__") != join_ids(("x", "_y"), "__")
    assert join_ids(("000_a", "001_b"), "__") == "000_a__001_b"  # ordinary ids keep readable names


def test_alignment_runs_of_ids_containing_the_separator_do_not_collide(tmp_path):
    (tmp_path / "05_alignment.ipynb").write_text("{}", encoding="utf-8")
    entries = {
        d: CatalogEntry(doc_id=d, event_id=e, rendering_of="talk")
        for d, e in (("x__y", "e1"), ("z", "e1"), ("x", "e2"), ("y__z", "e2"), ("x--y", "e3"), ("z2", "e3"))
    }
    catalog = Catalog(path=None, entries=entries)
    runs = plan_runs(tmp_path, sorted(entries), catalog, tmp_path, None, None)
    assert len(runs) == 3
    assert len({r.report for r in runs}) == len({r.key for r in runs}) == 3


# --- Output folder problems -----------------------------------------------------------------------

def test_a_failed_write_names_the_file(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device") as e:
        atomic.write_text(tmp_path / "data" / "claims.csv", "x")
    assert str(tmp_path / "data" / "claims.csv") in str(e.value)
    assert [p.name for p in (tmp_path / "data").iterdir()] == []


def test_a_full_disk_ends_the_build_with_the_path_and_exit_2(tmp_path, monkeypatch, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(DE, encoding="utf-8")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    code = main_build(BuildOptions(seeds=seeds, out=tmp_path / "out", notebooks=_notebooks(tmp_path / "nb"), jobs=1))
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot write" in err and str(tmp_path / "out") in err and "No space left on device" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("how", ["read-only", "under a file"])
def test_an_output_folder_that_cannot_be_written_is_a_named_error(tmp_path, capsys, how):
    if how == "read-only" and os.geteuid() == 0:
        pytest.skip("root may write into read-only folders")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(DE, encoding="utf-8")
    out = tmp_path / "out"
    if how == "read-only":
        out.mkdir()
        out.chmod(0o555)
    else:
        (tmp_path / "file").write_text("x")
        out = tmp_path / "file" / "out"
    try:
        code = main_build(BuildOptions(seeds=seeds, out=out, notebooks=_notebooks(tmp_path / "nb"), jobs=1))
    finally:
        if how == "read-only":
            out.chmod(0o755)
    err = capsys.readouterr().err
    assert code == 2 and str(out) in err and ("Permission denied" in err or "Not a directory" in err)
    assert "Traceback" not in err


# --- Interrupted builds ---------------------------------------------------------------------------

def test_changes_of_an_interrupted_build_appear_in_the_next_one(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    doc = seeds / "good.txt"
    doc.write_text(DE, encoding="utf-8")
    opts = dict(seeds=seeds, out=tmp_path / "out", notebooks=_notebooks(tmp_path / "nb"), jobs=1)
    assert build(BuildOptions(**opts)).exit_code == 0
    doc.write_text(DE.replace("350.000", "600.000"), encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(notebook_stage, "execute_runs", interrupted)
        assert main_build(BuildOptions(**opts)) == builder.EXIT_INTERRUPTED
    assert build(BuildOptions(**opts)).exit_code == 0
    changes = pd.read_csv(tmp_path / "out" / "data" / "changes.csv", dtype=str, keep_default_na=False)
    assert len(changes) > 0 and changes.apply(lambda r: "600" in " ".join(r) or "350" in " ".join(r), axis=1).any()
    # and a build after a finished one compares with that one: nothing changed since
    assert build(BuildOptions(**opts)).exit_code == 0
    assert pd.read_csv(tmp_path / "out" / "data" / "changes.csv").empty


@slow
def test_sigterm_stops_the_workers_and_their_kernels(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(DE, encoding="utf-8")
    pids = tmp_path / "pids"
    pids.mkdir()
    sleeper = _trivial_notebook(
        f"import os, pathlib, time\npathlib.Path({str(pids)!r}, 'kernel').write_text(str(os.getpid()))\n"
        f"pathlib.Path({str(pids)!r}, 'worker').write_text(str(os.getppid()))\ntime.sleep(300)\n"
    )
    nbs = _notebooks(tmp_path / "nb", {"02_document": sleeper})
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [PYTHON, "-m", "helpers", "build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--notebooks", str(nbs), "--jobs", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True,
    )
    try:
        deadline = time.time() + 120
        while not ((pids / "kernel").exists() and (pids / "worker").exists()) and time.time() < deadline:
            time.sleep(0.2)
        kernel, worker = int((pids / "kernel").read_text()), int((pids / "worker").read_text())
        proc.send_signal(signal.SIGTERM)  # the build process only, as a service manager or `kill` does
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == builder.EXIT_TERMINATED, err
        assert "build terminated" in err
        deadline = time.time() + 20
        while (_alive(kernel) or _alive(worker)) and time.time() < deadline:
            time.sleep(0.2)
        assert not _alive(worker), "a pool worker outlived the build"
        assert not _alive(kernel), "a kernel outlived the build"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


# --- Dask: something listening that is not a scheduler --------------------------------------------

@pytest.fixture
def silent_server():
    """Accepts connections and never says a word (an HTTP server waiting for a request, say)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for c in held:
        c.close()
    server.close()


def test_a_server_that_is_not_a_dask_scheduler_is_a_named_error_in_time(silent_server):
    started = time.perf_counter()
    with pytest.raises(ConfigurationError, match="no Dask scheduler answered") as e:
        check_scheduler(silent_server, timeout=2)
    assert time.perf_counter() - started < 10
    assert silent_server in str(e.value)


@slow
def test_cli_with_a_silent_scheduler_address_exits_2(tmp_path, silent_server):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(DE, encoding="utf-8")
    r = _cli("build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--notebooks", str(_notebooks(tmp_path / "nb")),
             "--scheduler", silent_server, timeout=90)
    assert r.returncode == 2, r.stderr
    assert "no Dask scheduler answered" in r.stderr and silent_server in r.stderr


# --- Documents without numbers ---------------------------------------------------------------------

@slow
def test_a_document_without_numbers_builds_every_report(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "prose.txt").write_text(
        "Über das Wetter\n\nDas ist ein Text ganz ohne Zahlen. Er erzählt vom Regen und vom Wind.\n"
        "Am Abend wurde es still, und alle gingen nach Hause.\n", encoding="utf-8")
    nbs = _notebooks(tmp_path / "nb", real=("01_corpus_overview", "02_document"))
    result = build(BuildOptions(seeds=seeds, out=tmp_path / "out", notebooks=nbs, jobs=2))
    assert [(r.key, r.status, r.error) for r in result.runs if r.status != "ok"] == []
    assert result.exit_code == 0
    assert "<code>prose</code>: 0 claims" in (tmp_path / "out" / "documents" / "prose.html").read_text(encoding="utf-8")


# --- Numbers beyond the range -------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Meta bought 10^400 GPUs last year.", []),  # beyond 10^27: not a claim, and never "400 GPUs"
        ("Meta has 10^4 GPUs.", [("10^4 GPUs", 10_000.0, "gpu")]),
        ("Meta hat 2 ** 10 GPUs und 5 Server.", [("2 ** 10 GPUs", 1024.0, "gpu"), ("5", 5.0, "count")]),
        ("Meta has 2000000000000000000000 GPUs.", []),
        ("Meta has 10 to the 400 GPUs and 10 to the 6 users.", [("10 to the 6 users", 1e6, "person")]),
        ("メタは10^30個のGPUを持つと言った。", []),  # kana and kanji run into the numeral; never "30個"
        ("予算は1e30ドルではなく2^10個のGPUだ。", [("2^10個", 1024.0, "gpu")]),
    ],
)
def test_powers_of_ten_are_read_whole_and_huge_values_are_no_claims(text, expected):
    from helpers.claims.extract import claims_frame
    from helpers.text.parse import parse_document

    refused: dict[str, list[int]] = {}
    frame = claims_frame([parse_document(text + "\n", "x")], out_of_range=refused)
    assert list(zip(frame["surface"], frame["value"], frame["unit"])) == expected
    # Left out, but never silently: the sentence is named.
    assert refused == {"x": [] if text.startswith("Meta has 10^4") or "2 ** 10" in text else [0]}


def test_the_documents_table_names_sentences_with_numbers_too_large_to_be_claims(tmp_path):
    from helpers.build.extract import extract_document
    from helpers.text.catalog import load_catalog
    from helpers.text.corpus import discover

    (tmp_path / "big.txt").write_text(
        "Meta has 350,000 GPUs.\n\nThe order number was 123456789012345678901234.\n\nSome say 10^400 atoms.\n", encoding="utf-8")
    e = extract_document(discover(tmp_path)[0], load_catalog(None))
    assert e.row["claims"] == 1
    sentences = e.tables["sentences"].set_index("sentence_id")["text"]
    assert [sentences[int(i)] for i in str(e.row["out_of_range"]).split("; ")] == [
        "The order number was 123456789012345678901234.", "Some say 10^400 atoms."]


# --- A document with 200,000 numbers: the comparison stays linear -------------------------------

def _one_topic_claims(n: int) -> pd.DataFrame:
    """One document repeating one topic's figure ``n`` times."""
    from helpers.claims.extract import CLAIMS

    return CLAIMS.frame(
        dict(
            doc_id="big", claim_id=f"big:c{i:05d}", line=1, start=i, end=i + 1, surface=f"{i}万個",
            value=float(i * 10_000), value_low=float(i * 10_000), value_high=float(i * 10_000), unit="gpu",
            topic="meta_gpu_fleet", sentence_id=i, lang="ja", context=f"{i}万個", subject="Meta", period="2024",
        )
        for i in range(1, n + 1)
    )


def test_comparison_work_does_not_grow_with_the_square_of_the_claims():
    from helpers.analysis.compare import findings_frame
    from helpers.analysis.ledger import empty_ledger

    small, large = _one_topic_claims(2_000), _one_topic_claims(16_000)
    small_seconds, _ = least_cpu_seconds(lambda: findings_frame(small, empty_ledger(), {}), 3)
    large_seconds, findings = least_cpu_seconds(lambda: findings_frame(large, empty_ledger(), {}), 1)
    # Findings are per claim and per group, never per pair (16,000 claims would be 128 million pairs).
    assert len(findings) <= 3 * len(large)
    assert set(findings["kind"]) <= {"group", "claim"} and (findings["kind"] == "claim").sum() <= len(large)
    # Eight times the claims: linear work takes about 9 times the CPU time (measured), quadratic about 45.
    assert large_seconds / small_seconds < 24, f"8x the claims took {large_seconds / small_seconds:.0f}x the CPU time"


def _two_renderings_claims(n: int) -> pd.DataFrame:
    """Two renderings of one talk, ``n`` figures in all, none a clean power of ten from another at its point."""
    from helpers.claims.extract import CLAIMS

    return CLAIMS.frame(
        dict(
            doc_id=d, claim_id=f"{d}:c{i:05d}", line=1, start=i, end=i + 1, surface=f"{i}",
            value=float(1000 + 2 * i + (d == "b")), value_low=None, value_high=None, unit="gpu", topic="meta_gpu_fleet",
            sentence_id=i, lang="en", context="Meta has GPUs.", subject="Meta", period="2024",
        )
        for d in "ab" for i in range(n // 2)
    )  # fmt: skip


def test_comparing_two_renderings_of_a_long_talk_does_not_grow_with_the_square_of_the_claims():
    from helpers.analysis.compare import findings_frame
    from helpers.analysis.ledger import empty_ledger
    from helpers.text.catalog import Catalog, CatalogEntry

    one_event = Catalog(path=None, entries={d: CatalogEntry(d, event_id="talk", event_date="2024-05-01") for d in "ab"})
    small, large = _two_renderings_claims(1_000), _two_renderings_claims(8_000)
    small_seconds, _ = least_cpu_seconds(lambda: findings_frame(small, empty_ledger(), one_event), 3)
    large_seconds, findings = least_cpu_seconds(lambda: findings_frame(large, empty_ledger(), one_event), 1)
    assert (findings["kind"] == "claim").sum() == len(large)
    # Each figure has over a thousand of the other rendering at its point (SAME_PLACE); the power-of-ten search
    # looks only at those about a power of ten away: linear work takes about 8 times the CPU time, quadratic 64.
    assert large_seconds / small_seconds < 24, f"8x the claims took {large_seconds / small_seconds:.0f}x the CPU time"


def test_a_finding_detail_marks_the_claim_surfaces_in_their_language():
    from helpers.reports.comparison import detail_html

    surfaces = {f"{i}万個": "ja" for i in range(200_000)}  # every claim's surface, as findings_html passes them
    details = [f'"{i}万個" is 10^1 x ledger meta_gpu_fleet 350,000 gpu ("about")' for i in range(0, 200_000, 10)]
    html_parts = [detail_html(d, surfaces) for d in details]
    assert html_parts[1] == '"<span lang="ja">10万個</span>" is 10^1 x ledger meta_gpu_fleet 350,000 gpu ("about")'


@slow
def test_links_between_reports_resolve_for_ids_that_need_quoting(tmp_path):
    import re

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for doc_id in ("q#1?x=%41", "a{b}c"):
        (seeds / f"{doc_id}.txt").write_text(DE, encoding="utf-8")
    out = tmp_path / "out"
    nbs = _notebooks(tmp_path / "nb", real=("01_corpus_overview", "02_document"))
    result = build(BuildOptions(seeds=seeds, out=out, notebooks=nbs, jobs=2))
    assert result.exit_code == 0, [r.error for r in result.runs if r.error]
    checked = 0
    for page in [out / "index.html", *out.glob("*/*.html"), *out.glob("*.html")]:
        for h in re.findall(r'href="([^"#][^"]*)"', page.read_text(encoding="utf-8")):
            if h.startswith(("http:", "https:", "data:")):
                continue
            target = unquote(h.replace("&amp;", "&").split("#")[0])
            assert (page.parent / target).resolve().exists(), f"{page.relative_to(out)} links {h}"
            checked += 1
    assert checked > 10


def test_the_claims_report_links_the_sentences_whose_numbers_were_too_large():
    from helpers.reports.claims import claims_count_html

    assert claims_count_html("a<b", 3, 10) == "<p><code>a&lt;b</code>: 3 claims in 10 sentences.</p>"
    html = claims_count_html("a<b", 0, 10, "2; 7")
    assert '<a href="../documents/a%3Cb.html#s-2">s-2</a>, <a href="../documents/a%3Cb.html#s-7">s-7</a>' in html
    assert "beyond 10^27" in html and "a<b" not in html
