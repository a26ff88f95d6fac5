"""Hardening II (issue 32): nothing outside ``--out`` is deleted, overwritten or published; watch and terminal output.

Every path the build reads from its own records (the site's manifest, the
lockfile, the folders under ``_build/``) may have been written by someone
else: a build folder restored from a CI cache or shared with others is the
untrusted case. Each test plants such a record and checks that the files it
points at outside the folder are still there, byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers.build import BuildOptions, build
from helpers.build.publish import MANIFEST, publish
from helpers.build.watch import watch
from helpers.exceptions import ConfigurationError
from helpers.text.catalog import Catalog, CatalogEntry

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DE = "Meta hat 350.000 GPUs.\nDas kostet 10 Milliarden Dollar.\n"
MINE = "a file of the user's, outside the output folder"


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def _victim(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINE, encoding="utf-8")
    return path


def _untouched(*paths: Path) -> bool:
    return all(p.is_file() and p.read_text(encoding="utf-8") == MINE for p in paths)


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT / "src"))}
    return subprocess.run([PYTHON, "-m", "helpers", *args], check=False, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


# --- Critical: publish removes only what its manifest names inside --out --------------------------

def test_publish_never_removes_a_manifest_path_outside_out(tmp_path):
    build_out = _site(tmp_path / "reports", {"index.html": "<p>i</p>", "data/claims.csv": "doc_id\n"})
    out = tmp_path / "site"
    publish(build_out, out)
    relative = _victim(tmp_path / "v" / "a")
    absolute = _victim(tmp_path / "elsewhere" / "b.html")
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"] += ["../v/a", str(absolute), "data/../index.html", "data/./claims.csv"]
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    done = publish(build_out, out)
    assert _untouched(relative, absolute)
    assert (out / "index.html").is_file() and (out / "data" / "claims.csv").is_file()  # another spelling of a kept file
    assert done.removed == []
    assert any("'../v/a' leads outside" in s for s in done.skipped)
    assert any(f"{str(absolute)!r} leads outside" in s for s in done.skipped)


def test_publish_removes_stale_files_inside_out_as_before(tmp_path):
    build_out = _site(tmp_path / "reports", {"index.html": "<p>i</p>", "old.html": "<p>o</p>"})
    out = tmp_path / "site"
    publish(build_out, out)
    (build_out / "old.html").unlink()
    assert publish(build_out, out).removed == ["old.html"] and not (out / "old.html").exists()


# --- Critical: build removes only reports inside --out -------------------------------------------

def _notebooks_without_runs(folder: Path) -> Path:
    """A notebooks folder with a pipeline notebook that has nothing to run (no two renderings of one event)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "05_alignment.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return folder


def test_build_never_removes_a_lockfile_path_outside_out(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "doc.txt").write_text(DE, encoding="utf-8")
    out = tmp_path / "out"
    relative, absolute, executed = _victim(tmp_path / "v" / "a"), _victim(tmp_path / "abs.html"), _victim(tmp_path / "nb.ipynb")
    out_build = out / "_build"
    out_build.mkdir(parents=True)
    stale = _victim(out / "documents" / "doc.html")  # a stale report inside --out, named in another spelling
    runs = {
        "02_document--gone": {"report": "../v/a", "executed": str(executed), "status": "ok"},
        "02_document--gone2": {"report": str(absolute), "executed": str(out_build / "notebooks" / ".." / ".." / ".." / "nb.ipynb")},
        "02_document--gone3": {"report": "documents/../documents/doc.html"},
    }
    (out_build / "lock.json").write_text(json.dumps({"runs": runs}), encoding="utf-8")
    notebooks = _notebooks_without_runs(tmp_path / "notebooks")
    result = build(BuildOptions(seeds=seeds, out=out, notebooks=notebooks, ledger=None, jobs=1))
    assert result.exit_code == 0
    assert _untouched(relative, absolute, executed)
    assert not stale.exists()  # inside --out: removed, as any stale report
    log = capsys.readouterr().out
    assert "'../v/a' leads outside" in log and f"{str(absolute)!r} leads outside" in log
    assert json.loads((out_build / "lock.json").read_text())["runs"] == {}  # the stale entries are gone


@pytest.mark.parametrize("planted, victim", [("_build/rows", "somebody/claims.csv"), ("data", "claims.csv")])
def test_build_refuses_an_output_folder_with_links_leading_out(tmp_path, planted, victim):
    """A ``_build/rows`` linked elsewhere had every folder in it removed; a ``data`` linked elsewhere was written into."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "doc.txt").write_text(DE, encoding="utf-8")
    out = tmp_path / "out"
    mine = _victim(tmp_path / "shared" / victim)
    (out / planted).parent.mkdir(parents=True)
    (out / planted).symlink_to(tmp_path / "shared")
    with pytest.raises(ConfigurationError, match=f"links leading outside it or special files.*: {planted}; remove them"):
        build(BuildOptions(seeds=seeds, out=out, notebooks=_notebooks_without_runs(tmp_path / "nb"), ledger=None, jobs=1))
    assert _untouched(mine) and sorted(p.name for p in (tmp_path / "shared").iterdir()) == [Path(victim).parts[0]]


@pytest.mark.parametrize("lock", ['{"runs": {"x": "not an entry"}}', '{"runs": []}', "[1]"])
def test_a_damaged_lockfile_only_costs_a_full_rebuild(tmp_path, lock):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "doc.txt").write_text(DE, encoding="utf-8")
    out = tmp_path / "out"
    (out / "_build").mkdir(parents=True)
    (out / "_build" / "lock.json").write_text(lock, encoding="utf-8")
    result = build(BuildOptions(seeds=seeds, out=out, notebooks=_notebooks_without_runs(tmp_path / "nb"), ledger=None, jobs=1))
    assert result.exit_code == 0 and json.loads((out / "_build" / "lock.json").read_text()) == {"runs": {}}


def test_an_empty_notebooks_folder_is_a_usage_error_not_an_instruction_to_delete_reports(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "doc.txt").write_text(DE, encoding="utf-8")
    out = tmp_path / "out"
    report = _victim(out / "documents" / "doc.html")
    (out / "_build").mkdir(parents=True)
    runs = {"02_document--doc": {"report": "documents/doc.html", "status": "ok"}}
    (out / "_build" / "lock.json").write_text(json.dumps({"runs": runs}), encoding="utf-8")
    empty = tmp_path / "typo"
    empty.mkdir()
    with pytest.raises(ConfigurationError, match=r"typo: none of the pipeline's notebooks .* remove the 1 report"):
        build(BuildOptions(seeds=seeds, out=out, notebooks=empty, ledger=None, jobs=1))
    assert _untouched(report)


# --- Medium: publish copies regular files only and never writes through a link ---------------------

def test_publish_does_not_publish_links_planted_in_the_build_folder(tmp_path):
    secret = tmp_path / "home" / "secret.html"
    secret.parent.mkdir()
    secret.write_text("SECRET-TOKEN", encoding="utf-8")
    (tmp_path / "home" / "notes.csv").write_text("SECRET-CSV", encoding="utf-8")
    build_out = _site(tmp_path / "reports", {"index.html": "<p>i</p>"})
    (build_out / "secret.html").symlink_to(secret)
    (build_out / "documents").symlink_to(tmp_path / "home")
    out = tmp_path / "site"
    done = publish(build_out, out)
    published = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert "SECRET" not in published
    assert sorted(done.written) == ["index.html"]
    assert any(s.startswith("secret.html: a link") for s in done.skipped) and any(s.startswith("documents: a link") for s in done.skipped)


def test_publish_never_writes_through_a_linked_subfolder_of_out(tmp_path):
    build_out = _site(tmp_path / "reports", {"index.html": "<p>i</p>", "documents/a.html": "<p>new</p>"})
    out = tmp_path / "site"
    publish(build_out, out)
    victim = _victim(tmp_path / "home" / "a.html")
    shutil.rmtree(out / "documents")
    (out / "documents").symlink_to(victim.parent)
    (build_out / "documents" / "a.html").write_text("<p>newer</p>", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="documents is a link or not a folder"):
        publish(build_out, out)
    assert _untouched(victim)


def test_publish_never_writes_through_a_linked_file_in_out(tmp_path):
    build_out = _site(tmp_path / "reports", {"index.html": "<p>i</p>"})
    out = tmp_path / "site"
    publish(build_out, out)
    victim = _victim(tmp_path / "home" / "index.html")
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(victim)
    (out / ".nojekyll").unlink()
    (out / ".nojekyll").symlink_to(_victim(tmp_path / "home" / "nojekyll"))
    publish(build_out, out)
    assert _untouched(victim, tmp_path / "home" / "nojekyll")
    assert (out / "index.html").read_text() == "<p>i</p>" and not (out / "index.html").is_symlink()


def test_publish_to_a_file_is_a_named_usage_error(tmp_path):
    build_out = _site(tmp_path / "reports", {"index.html": "<p>i</p>"})
    target = _victim(tmp_path / "site.txt")
    done = _cli("publish", "--no-build", "--build-dir", str(build_out), "--out", str(target))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and f"{target}: is a file, not a folder" in done.stderr
    assert _untouched(target)


# --- Medium: watch follows a folder replaced under it ---------------------------------------------

def test_folder_news_says_when_a_watched_folder_is_replaced_removed_or_back(tmp_path):
    from helpers.build.watch import folder_id, folder_news

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first = folder_id(seeds)
    assert folder_news(seeds, first, folder_id(seeds)) is None
    seeds.rename(tmp_path / "old")
    assert folder_id(seeds) is None
    assert "was removed" in folder_news(seeds, first, None)
    seeds.mkdir()
    assert folder_id(seeds) != first and "was replaced" in folder_news(seeds, first, folder_id(seeds))
    assert "is back" in folder_news(seeds, None, folder_id(seeds))


def _seen(calls: list[set[Path]], files: list[Path]) -> bool:
    return any(f in c for c in calls for f in files)


def test_watch_keeps_watching_a_seeds_folder_that_was_replaced(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(DE, encoding="utf-8")
    calls: list[set[Path]] = []
    lines: list[str] = []
    stop = threading.Event()
    t = threading.Thread(target=watch, args=([seeds], calls.append),
                         kwargs={"stop": stop, "debounce_ms": 100, "echo": lines.append}, daemon=True)
    t.start()
    try:
        deadline = time.monotonic() + 20
        while not lines and time.monotonic() < deadline:
            time.sleep(0.1)
        assert lines and lines[0].startswith("watching "), lines
        seeds.rename(tmp_path / "old")
        seeds.mkdir()
        while not calls and time.monotonic() < deadline:
            time.sleep(0.1)
        # The replacement itself is seen (and said), then a change in the new folder is seen too: a file is
        # written every few seconds until one is (the watcher starts again on the new folder meanwhile).
        seen_before, written = len(calls), []
        deadline = time.monotonic() + 30
        while not _seen(calls[seen_before:], written) and time.monotonic() < deadline:
            written.append(seeds / f"new{len(written)}.txt")
            written[-1].write_text(DE, encoding="utf-8")
            until = time.monotonic() + 3
            while not _seen(calls[seen_before:], written) and time.monotonic() < until:
                time.sleep(0.1)
    finally:
        stop.set()
        t.join(timeout=20)
    assert _seen(calls[seen_before:], written), (calls, lines)
    assert any("was replaced by another folder" in line for line in lines), lines


# --- Low: names and document text never reach the terminal as control characters -------------------

def test_for_terminal_shows_control_characters_as_escapes():
    from helpers.build.terminal import for_terminal

    assert for_terminal("a\x1b]0;owned\x07b\u202ec\x9bd") == "a\\x1b]0;owned\\x07b\\u202ec\\x9bd"
    assert for_terminal("one\ntwo", lines=True) == "one\ntwo" and for_terminal("one\ntwo") == "one\\x0atwo"
    assert for_terminal("Zuckerberg sagt: 350.000 GPUs, 日本語") == "Zuckerberg sagt: 350.000 GPUs, 日本語"


def test_escape_codes_in_file_names_never_reach_the_build_log(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(DE, encoding="utf-8")
    (seeds / "x\x1b]0;owned\x07\x1b[2J.txt").symlink_to(tmp_path / "nowhere.txt")  # fails, and is named in the log
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    build(BuildOptions(seeds=seeds, out=tmp_path / "out", notebooks=notebooks, ledger=None, jobs=1))
    log = capsys.readouterr().out
    assert "x\\x1b]0;owned\\x07\\x1b[2J" in log  # named, shown
    assert "\x1b" not in log and "\x07" not in log  # never obeyed


# --- Low: renderings of one event are aligned in linear, not quadratic, number ---------------------

def test_renderings_of_one_event_are_each_aligned_with_the_first_only():
    from helpers.build.analyze import rendering_pairs_in

    ids = [f"r{i}" for i in range(6)]
    entries = {d: CatalogEntry(doc_id=d, event_id="talk", rendering_of="the talk") for d in ids}
    entries["other"] = CatalogEntry(doc_id="other", event_id="talk")  # not a rendering
    pairs = rendering_pairs_in(Catalog(path=None, entries=entries), ids[1:] + ["other"])
    assert pairs == [("r1", "r2"), ("r1", "r3"), ("r1", "r4"), ("r1", "r5")]  # r0 did not build
