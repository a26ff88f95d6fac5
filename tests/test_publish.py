"""Publishing, watching, the CI workflow, and the report pieces they ship: charts, explorer, hidden cells."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.build.publish import MANIFEST, absolute_links, publish
from helpers.build.watch import rebuilt, watch
from helpers.exceptions import ConfigurationError

ROOT = Path(__file__).resolve().parents[1]


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def test_publish_copies_the_site_without_build_state_and_updates_in_place(tmp_path):
    build = _site(
        tmp_path / "reports",
        {
            "index.html": '<a href="documents/a%20b.html#s-1">a</a><img src="data:image/png;base64,AA">',
            "documents/a b.html": '<a href="../index.html">i</a>',
            "data/claims.csv": "doc_id\n",
            "_build/lock.json": "{}",
            "_build/notebooks/x.html": "kept out",
        },
    )
    out = tmp_path / "site"
    first = publish(build, out)
    assert sorted(first.written) == ["data/claims.csv", "documents/a b.html", "index.html"]
    assert not (out / "_build").exists() and (out / ".nojekyll").exists()
    assert publish(build, out).written == []  # unchanged files are not rewritten
    (build / "documents" / "a b.html").unlink()
    (build / "explorer.html").write_text("<p>new</p>", encoding="utf-8")
    third = publish(build, out)
    assert third.written == ["explorer.html"] and third.removed == ["documents/a b.html"]
    assert not (out / "documents" / "a b.html").exists()
    assert json.loads((out / MANIFEST).read_text())["files"] == ["data/claims.csv", "explorer.html", "index.html"]


def test_publish_ships_the_pages_shared_style_and_script_and_every_page_finds_them(tmp_path):
    import nbformat

    from helpers.reports.assets import CSS, JS, site_assets, write_site_assets
    from helpers.reports.export import to_html
    from helpers.reports.links import site_root

    build = tmp_path / "reports"
    for report in ("index.html", "documents/a b.html", "alignment/x__y.html"):
        page = to_html(nbformat.v4.new_notebook(), title="T", nav=[], root=site_root(report))
        _site(build, {report: page})
    write_site_assets(build)
    stamp = (build / CSS).stat().st_mtime_ns
    write_site_assets(build)
    assert (build / CSS).stat().st_mtime_ns == stamp  # unchanged files are not rewritten
    out = tmp_path / "site"
    done = publish(build, out)
    assert {CSS, JS} <= set(done.written)
    assert (out / CSS).read_text(encoding="utf-8") == site_assets()[CSS]
    for report in ("index.html", "documents/a b.html", "alignment/x__y.html"):
        text = (out / report).read_text(encoding="utf-8")
        up = "../" * report.count("/")
        linked = [(out / report).parent / href for href in (up + CSS, up + JS)]
        assert all(f'"{p.relative_to((out / report).parent).as_posix()}"' in text for p in linked)
        assert all(p.resolve().is_file() for p in linked), report


def test_publish_refuses_a_foreign_folder_and_absolute_links(tmp_path):
    build = _site(tmp_path / "reports", {"index.html": "<p>x</p>"})
    foreign = _site(tmp_path / "home", {"notes.txt": "mine"})
    with pytest.raises(ConfigurationError, match="not written by publish"):
        publish(build, foreign)
    assert (foreign / "notes.txt").exists()
    _site(build, {"comparison.html": '<script src="https://cdn.example/x.js"></script><a href="/abs.html">x</a>'})
    with pytest.raises(ConfigurationError, match="comparison.html links outside the site"):
        publish(build, tmp_path / "site")
    with pytest.raises(ConfigurationError, match="no index.html"):
        publish(tmp_path / "nothing", tmp_path / "site2")


def test_absolute_links_are_found_and_relative_ones_pass():
    page = '<a href="#c-1">x</a><a href="../documents/x.html">y</a><a href="file:///etc/passwd">z</a><a href="//h/x">w</a><a href="HTTPS://a">v</a>'
    assert absolute_links(page) == ["file:///etc/passwd", "//h/x", "HTTPS://a"]


def _watch_until_first_rebuild(seeds: Path, since=None, meanwhile=None) -> tuple[list[set[Path]], list[str]]:
    """Run ``watch`` on ``seeds`` until its first rebuild: the changed files of each rebuild and the lines printed.

    ``meanwhile`` runs one second after the watcher started (it is running by then).
    """
    calls: list[set[Path]] = []
    stop = threading.Event()

    def rebuild(changed):
        calls.append(changed)
        stop.set()

    lines: list[str] = []
    t = threading.Thread(target=watch, args=([seeds], rebuild),
                         kwargs={"since": since, "stop": stop, "debounce_ms": 200, "echo": lines.append})
    t.start()
    if meanwhile is not None:
        time.sleep(1.0)
        meanwhile()
    t.join(timeout=30)
    stop.set()
    assert not t.is_alive()
    return calls, lines


def test_watch_rebuilds_once_per_change_with_the_changed_file(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    calls, lines = _watch_until_first_rebuild(
        seeds, meanwhile=lambda: (seeds / "new.txt").write_text("Meta hat 350.000 H100.", encoding="utf-8"))
    assert calls and any(p.name == "new.txt" for p in calls[0])
    assert lines[0].startswith("watching ") and "changed: new.txt" in lines


def test_a_change_made_before_the_watcher_is_live_still_rebuilds(tmp_path):
    """The first build runs before file events are watched: a document added meanwhile must not be missed."""
    from helpers.build.watch import snapshot

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "old.txt").write_text("a", encoding="utf-8")
    (seeds / "gone.txt").write_text("b", encoding="utf-8")
    before = snapshot([seeds])
    (seeds / "new.txt").write_text("Meta hat 350.000 H100.", encoding="utf-8")  # no watcher yet: no event
    (seeds / "gone.txt").unlink()
    calls, lines = _watch_until_first_rebuild(seeds, since=before)
    assert [{p.name for p in c} for c in calls] == [{"new.txt", "gone.txt"}]
    assert lines == [f"watching {seeds} (Ctrl-C to stop)", "changed: gone.txt, new.txt"]


def test_rebuilt_names_the_reports_that_ran():
    from helpers.build.builder import BuildResult
    from helpers.build.execute import RunResult

    runs = [RunResult("02_document--a", "documents/a.html", "ok", 1.0), RunResult("01_corpus_overview", "corpus.html", "ok", 0.0)]
    assert rebuilt(BuildResult(0, pd.DataFrame(), runs, [], ["01_corpus_overview"])) == "rebuilt 1 report(s): 02_document--a"
    assert rebuilt(BuildResult(0, pd.DataFrame(), runs[1:], [], ["01_corpus_overview"])).startswith("nothing to rebuild")


def test_cli_has_publish_and_watch():
    from helpers.cli import parser

    args = parser().parse_args(["publish", "--out", "site", "--no-build"])
    assert args.out == "site" and args.no_build
    assert parser().parse_args(["watch", "--publish", "site"]).publish == "site"


def test_workflow_builds_on_push_and_schedule_caches_the_lockfile_and_deploys_pages():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "reports.yml").read_text(encoding="utf-8"))
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and triggers["schedule"][0]["cron"]
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    text = json.dumps(steps)
    assert "python -m helpers publish --out" in text
    cache = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache"))
    assert "reports/_build" in cache["with"]["path"]
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages") for s in steps)


# --- the pieces publishing ships -------------------------------------------------------------


doc_ids = st.lists(st.text(alphabet="abcdefghij0123456789_-", min_size=1, max_size=8), max_size=300, unique=True)


@settings(max_examples=200, deadline=None)
@given(ids=doc_ids, per_page=st.integers(1, 60), one_in=st.integers(1, 40))
def test_explorer_pages_hold_every_document_once_in_order_and_never_too_many(ids, per_page, one_in):
    from helpers.reports import explorer

    pages = explorer.explorer_pages(ids, per_page, one_in)
    assert [d for page in pages for d in page] == sorted(ids)
    assert all(0 < len(page) <= per_page for page in pages) or pages == [()]
    # a page ends where an id says so, or when full: nowhere else
    assert all(explorer.ends_page(page[-1], one_in) or len(page) == per_page for page in pages[:-1])


@settings(max_examples=200, deadline=None)
@given(ids=doc_ids.filter(bool), new=st.text(alphabet="abcdefghij0123456789_-", min_size=1, max_size=8), one_in=st.integers(2, 20))
def test_a_document_added_changes_only_pages_between_the_id_cuts_around_it(ids, new, one_in):
    """The pages closed before the new document stay, numbers and all; from the first id that ends a page
    behind it, the pages are again what they were (only between the two can a full page's cut ripple)."""
    from helpers.reports import explorer

    if new in ids:
        return
    before = explorer.explorer_pages(ids, 50, one_in)
    after = explorer.explorer_pages([*ids, new], 50, one_in)
    closed = before if explorer.ends_page(before[-1][-1], one_in) or len(before[-1]) == 50 else before[:-1]
    ahead = [p for p in closed if p[-1] < new]
    cuts = [d for d in sorted(ids) if d > new and explorer.ends_page(d, one_in)]
    behind = [p for p in before if cuts and p[0] > cuts[0]]
    assert after[: len(ahead)] == ahead
    assert not behind or after[-len(behind):] == behind


def test_explorer_pages_verdicts_and_table():
    from helpers.reports import explorer

    assert explorer.explorer_pages([f"d{i:03d}" for i in range(120)], per_page=50, one_in=10**12)[2] == tuple(f"d{i:03d}" for i in range(100, 120))
    assert explorer.explorer_pages([]) == [()]
    findings = pd.DataFrame({"claim_ids": ["a:c1 a:c2", "a:c2"], "verdict": ["consistent", "conflict"]})
    assert explorer.claim_verdicts(findings) == {"a:c1": "consistent", "a:c2": "conflict"}
    claims = pd.DataFrame(
        [{"doc_id": "a", "claim_id": "a:c2", "sentence_id": 4, "surface": "35万", "value": 350000.0, "value_low": 350000.0,
          "value_high": 350000.0, "unit": "gpu", "topic": "meta_gpu_fleet", "speaker": "", "lang": "ja", "measure": "", "context": ""}]
    )  # fmt: skip
    sentences = pd.DataFrame({"doc_id": ["a"], "sentence_id": [4], "text": ["H100を35万個<script>"]})
    view = explorer.claims_view(claims, sentences, pd.DataFrame({"doc_id": ["a"], "event_date": ["2024-01-18"]}), findings)
    assert view.loc[0, "verdict"] == "conflict" and view.loc[0, "event_date"] == "2024-01-18"
    html = explorer.claims_table_html(view)
    assert 'href="documents/a.html#c-a:c2"' in html and 'href="documents/a.html#s-4"' in html
    assert "data-tools" in html and '<th scope="col" data-filter>verdict</th>' in html and "&lt;script&gt;" in html


def test_a_page_shows_each_figures_own_check_not_its_groups():
    from helpers.reports import explorer

    findings = pd.DataFrame(
        {c: [""] * 3 for c in ("finding_id", "group_id", *explorer.FINDING_COLUMNS)}
    ).assign(
        finding_id=["f0001", "f0002", "f0003"], group_id=["g0001"] * 3, kind=["group", "claim", "claim"],
        claim_ids=["a:c1 b:c1 b:c2", "a:c1", "b:c1 b:c2"], doc_ids=["a b", "a", "b"], verdict=["conflict", "consistent", "conflict"],
        detail=["2 figure(s) from 2 document(s)", 'a "35万" overlaps', 'b "<b>1万</b>" conflicts'],
    )  # fmt: skip
    shown = explorer.figure_findings(findings)
    assert list(shown.columns) == list(explorer.FINDING_COLUMNS) and list(shown["claim_ids"]) == ["a:c1", "b:c1 b:c2"]
    # The group's summary carries b's conflict; a's own figure is consistent.
    assert explorer.claim_verdicts(shown) == {"a:c1": "consistent", "b:c1": "conflict", "b:c2": "conflict"}
    html = explorer.findings_table_html(shown, {"b"})
    assert 'href="documents/b.html#c-b:c1"' in html and ">c1<" in html and "&lt;b&gt;1万&lt;/b&gt;" in html
    assert "a:c1" not in html and "f0003" not in html and "g0001" not in html


def test_document_text_gives_every_claim_a_permalink():
    from helpers.reports.render import document_html

    blocks = pd.DataFrame([{"block_id": 0, "kind": "paragraph", "start": 0, "text": "Es sind 10 und 20 GPUs.", "speaker": "", "timestamp": ""}])
    sentences = pd.DataFrame([{"doc_id": "d", "sentence_id": 0, "block_id": 0, "start": 0, "end": 23, "lang": "de"}])
    claims = pd.DataFrame(
        {"claim_id": ["d:c1", "d:c2", "d:c3"], "sentence_id": [0, 0, 0], "start": [8, 8, 15], "end": [10, 17, 40], "unit": ["gpu"] * 3}
    )
    out = document_html(blocks, sentences, claims)
    for cid in ("d:c1", "d:c2", "d:c3"):  # marked, overlapped, and out of the sentence's bounds
        assert out.count(f'id="c-{cid}"') == 1


def test_checked_cells_are_hidden_from_reports_and_no_notebook_prints_a_table():
    import nbformat

    from helpers.reports.assets import CSS, site_assets
    from helpers.reports.export import HIDE_TAG, to_html

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            hidden = HIDE_TAG in cell.metadata.get("tags", [])
            if "NBVAL_CHECK_OUTPUT" in cell.source:
                assert hidden, f"{path.name}: a checked cell would print plain text into the report"
            elif not hidden:
                assert "print(" not in cell.source and ".to_string(" not in cell.source, f"{path.name}: raw text in the report"
    nb = nbformat.v4.new_notebook()
    shown = nbformat.v4.new_code_cell("x")
    shown.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<p>shown</p>"})]
    checked = nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(df)", metadata={"tags": [HIDE_TAG]})
    checked.outputs = [nbformat.v4.new_output("stream", name="stdout", text="RAW   DUMP\n")]
    nb.cells = [shown, checked]
    page = to_html(nb, title="T", nav=[])
    assert "shown" in page and "RAW   DUMP" not in page
    assert len(page.encode()) < 8_000  # the theme is shared (assets/site.css), not JupyterLab's 260 KB stylesheet
    css = site_assets()[CSS]
    assert '<link href="assets/site.css" rel="stylesheet"/>' in page and "<style>" not in page
    assert "prefers-color-scheme: dark" in css and "@media print" in css


@pytest.mark.slow
def test_the_watch_command_rebuilds_a_new_document_and_stops_cleanly(tmp_path):
    """`python -m helpers watch` end to end: the real command, a real file event, a real incremental build."""
    import os
    import queue
    import signal
    import subprocess
    import sys

    seeds, notebooks, out = tmp_path / "seeds", tmp_path / "nb", tmp_path / "out"
    seeds.mkdir()
    notebooks.mkdir()
    (seeds / "first.txt").write_text("Meta has 350,000 GPUs.\n", encoding="utf-8")
    # One per-document notebook that reads its document's rows: the build's machinery without the cost of the real ones.
    cells = [
        {"id": "params", "cell_type": "code", "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": None,
         "source": 'doc_id = ""\ndata_dir = ""\ncatalog_path = ""\nledger_path = ""\n'},
        {"id": "body", "cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "from helpers.notebook import setup\nnb = setup(data_dir, catalog_path, ledger_path)\n"
                   "print(doc_id, len(nb.documents_of(doc_id)['claims']))\n"},
    ]
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "python3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    (notebooks / "02_document.ipynb").write_text(json.dumps(nb), encoding="utf-8")

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "helpers", "watch", "--seeds", str(seeds), "--out", str(out), "--notebooks", str(notebooks),
         "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x.rstrip("\n")) for x in proc.stdout], daemon=True).start()
    seen: list[str] = []

    def wait_for(prefix: str, timeout: float = 180) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            seen.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting {prefix!r} in time; output:\n" + "\n".join(seen))

    try:
        assert "02_document--first" in wait_for("rebuilt ")
        wait_for("watching ")
        (seeds / "second.txt").write_text("Meta plans 600,000 H100s.\n", encoding="utf-8")
        assert "changed: second.txt" in wait_for("changed: ")
        again = wait_for("rebuilt ")
        # Incremental: only the new document's report ran again.
        assert "02_document--second" in again and "02_document--first" not in again
        assert (out / "documents" / "second.html").is_file()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        wait_for("stopped watching", timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
