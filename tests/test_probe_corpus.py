"""The probe corpus of issue 32 builds: every hostile case read correctly or named as a bad document.

The corpus is ``bench/bench_hostile.py``'s (its text-stage cases and
``bench/hostile_parsers.py``'s documents), at sizes small enough for a test
and large enough that the old code hung or crashed on each pattern case. The
whole corpus is built at once, in a subprocess as a user runs it, with the
path cases planted (lockfile and site-manifest entries naming files outside,
a link in the build folder to a secret file) and then published; the files
outside must come through byte for byte. The ledger cases that are special
files (a FIFO hung the build, /dev/zero filled its memory) are built one by one.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_hostile", ROOT / "bench" / "bench_hostile.py")
bench_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_hostile)

SCALE = 0.02  # 20 KB lines, 4,000 cues; the pattern cases (dots, spaces) hang the old code at any of these sizes
# Generous for a loaded 2-core machine: the build takes well under a minute; a hang is many minutes.
BUILD_SECONDS = 300
MAX_MB = 2000


@pytest.fixture(autouse=True)
def _this_checkout_on_the_path(monkeypatch):
    """The builds run in subprocesses: they import the package this test imports."""
    monkeypatch.setenv("PYTHONPATH", os.environ.get("PYTHONPATH", str(ROOT / "src")))


@pytest.mark.slow
def test_probe_corpus_builds_with_every_case_read_or_named_and_nothing_outside_touched(tmp_path):
    cases = bench_hostile.probe_cases(SCALE)
    stub = bench_hostile.stub_notebooks(tmp_path / "notebooks")
    corpus = bench_hostile.build_corpus(cases, tmp_path / "corpus", stub, BUILD_SECONDS, MAX_MB)
    build = corpus.build
    assert not build.killed, build.killed
    assert build.status == 1, (build.status, build.stdout[-2000:], build.stderr[-2000:])  # 1: some documents are bad
    assert "Traceback" not in build.stderr + build.stdout, build.stderr[-2000:]
    by_name = {c.name: c for c in cases if c.kind == "document"}
    assert set(corpus.results) == set(by_name)
    wrong = {n: r for n, r in corpus.results.items() if not bench_hostile.as_expected(by_name[n], r)}
    assert wrong == {}
    assert corpus.publish is not None and corpus.publish.status == 0, corpus.publish and corpus.publish.stderr
    assert corpus.touched == []


@pytest.mark.parametrize("name", ["ledger_fifo", "ledger_dev_zero"])
def test_a_ledger_that_is_a_fifo_or_device_is_refused_and_the_rest_builds(tmp_path, name):
    """A FIFO as ``--ledger`` hung the build (the index hashed it); /dev/zero filled the memory."""
    case = next(c for c in bench_hostile.probe_cases(SCALE) if c.name == name)
    stub = bench_hostile.stub_notebooks(tmp_path / "notebooks")
    measured = bench_hostile.run_case(case, tmp_path / "cases", stub, timeout=120, max_mb=MAX_MB)
    assert not measured.run.killed, measured.run.killed
    assert measured.run.status == 2  # a configuration problem; the documents are built all the same
    assert measured.result.startswith("ledger refused:") and "not a regular file" in measured.result, measured.result


def test_a_label_noun_before_the_last_of_many_numbers_is_still_seen():
    """The label-noun look-behind reads a window, not the whole sentence before each number (quadratic in a
    sentence of numbers: the 100,000-number case spent most of its claims time there); it finds the same nouns."""
    from helpers.claims.quantities.pipeline import find_quantities

    numbers = " ".join(str(1000 + k) for k in range(150))
    for text in (numbers + " and in episode 7 we saw it.", "In episode 7 we saw " + numbers + "."):
        found = [text[q.start:q.end] for q in find_quantities(text, "en")]
        assert "7" not in found and found[0] == "1000" and found[-1] == "1149"
