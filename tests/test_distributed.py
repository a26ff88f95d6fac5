"""Distributed builds give the same bytes as local ones; the synthetic benchmark corpus is sound.

The slow tests start a real Dask ``LocalCluster`` on loopback (two worker
processes), as ``--scheduler local-cluster`` does.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.build import scheduler
from helpers.build.analysis_reuse import EMBED_CACHE
from helpers.build.builder import BuildOptions, build, extract_all
from helpers.text.catalog import load_catalog
from helpers.text.corpus import CATALOG_NAME, discover
from helpers.build.extract import combine, extract_document
from helpers.tables import to_csv_bytes
from helpers.build.scheduler import Workers

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# A rendering pair (Japanese transcript, German article): the cluster build runs
# per-document, corpus-wide and pair notebooks, and the pair notebook writes a data file.
PAIR = ("000_a86c1cdb2fa65775", "001_42769d631cd94a90")
FIXED = {"test": "extraction cache key"}  # what the build hashes into cache keys; any constant will do here


def _outputs(out: Path) -> dict[str, bytes]:
    """Every file a build leaves for readers: all but its private _build/ folder."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.relative_to(out).parts[0] != "_build"
    }


def _small_corpus(folder: Path) -> Path:
    folder.mkdir()
    for doc_id in PAIR:
        shutil.copy(SEEDS / f"{doc_id}.txt", folder)
    full = yaml.safe_load((SEEDS / CATALOG_NAME).read_text(encoding="utf-8"))
    subset = {"documents": {d: full["documents"][d] for d in PAIR}}
    (folder / CATALOG_NAME).write_text(yaml.safe_dump(subset, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return folder


@pytest.fixture
def executor_kinds(monkeypatch) -> list[str]:
    """Module names of the executors the build actually obtained: proof of where work ran."""
    kinds: list[str] = []
    original = scheduler.Workers.executor

    def spy(self):
        ex = original(self)
        kinds.append(type(ex).__module__)
        return ex

    monkeypatch.setattr(scheduler.Workers, "executor", spy)
    return kinds


@pytest.mark.slow
def test_local_cluster_build_is_byte_identical_to_local_build(tmp_path, executor_kinds):
    seeds = _small_corpus(tmp_path / "seeds")
    local = build(BuildOptions(seeds=seeds, out=tmp_path / "local", jobs=2))
    assert local.exit_code == 0, (local.problems, [r.error for r in local.runs if r.error])
    assert not any(k.startswith("distributed") for k in executor_kinds)

    executor_kinds.clear()
    # The sentence embeddings are made by the analysis, in the build process whatever the scheduler, and a
    # cached embedding decides as a fresh one does (test_align): the cluster build starts with the local
    # build's, rather than embedding both documents again (about 18 CPU-s).
    shutil.copytree(tmp_path / "local" / "_build" / EMBED_CACHE, tmp_path / "cluster" / "_build" / EMBED_CACHE)
    cluster = build(BuildOptions(seeds=seeds, out=tmp_path / "cluster", jobs=2, scheduler="local-cluster"))
    assert cluster.exit_code == 0, (cluster.problems, [r.error for r in cluster.runs if r.error])
    assert executor_kinds and all(k.startswith("distributed") for k in executor_kinds), executor_kinds

    keys = sorted(r.key for r in cluster.runs)
    assert keys == sorted(r.key for r in local.runs)
    assert cluster.skipped == [] and len(keys) >= 6  # two documents, one pair, three corpus reports
    assert any(k.startswith("05_alignment--") for k in keys)

    a, b = _outputs(tmp_path / "local"), _outputs(tmp_path / "cluster")
    assert sorted(a) == sorted(b)
    assert "data/alignment.csv" in a and "data/findings.csv" in a and "data/summaries.csv" in a
    assert any(name.endswith(".html") and name != "index.html" for name in a)
    assert [name for name in a if a[name] != b[name]] == []


@pytest.fixture(scope="module")
def extraction_corpus(tmp_path_factory):
    """The seeds, two unreadable files and enough short synthetic documents for a worker pool.

    Returns the folder and the tables of a plain in-process loop over it.
    """
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, corpus, dirs_exist_ok=True)
    # Failing documents must travel back from the workers as error rows, like good ones as tables.
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (corpus / "empty.txt").write_bytes(b"")
    n = 9  # with the seeds and the two broken files: several batches per worker
    make_synthetic.write_corpus(corpus, n, seed=1, min_chars=300, max_chars=1500)
    sources = discover(corpus)
    catalog = load_catalog(corpus / CATALOG_NAME)
    reference = _csv(combine([extract_document(s, catalog) for s in sources]))
    return corpus, reference


def _csv(tables) -> dict[str, bytes]:
    return {name: to_csv_bytes(df) for name, df in tables.items()}


@pytest.fixture
def tcp_scheduler():
    """An already running Dask scheduler with two worker processes, as a remote one would be."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:  # fmt: skip
        yield cluster.scheduler_address


@pytest.mark.slow
@pytest.mark.parametrize("where", ["local", "local-cluster", "tcp"])
def test_extract_all_on_workers_equals_in_process(where, extraction_corpus, executor_kinds, tmp_path, request):
    corpus, reference = extraction_corpus
    sources = discover(corpus)
    address = request.getfixturevalue("tcp_scheduler") if where == "tcp" else where
    with Workers(address, 2) as workers:
        there = _csv(combine(extract_all(sources, load_catalog(corpus / CATALOG_NAME), tmp_path, FIXED, workers)))
    expected_kind = "concurrent.futures" if where == "local" else "distributed"
    assert executor_kinds and all(k.startswith(expected_kind) for k in executor_kinds), executor_kinds

    assert sorted(there) == sorted(reference) == ["blocks", "claims", "documents", "sentences", "summaries"]
    for name in reference:
        assert there[name] == reference[name], name
    status = pd.read_csv(io.BytesIO(reference["documents"]), dtype=str).set_index("doc_id")["status"]
    assert all(status[s.doc_id] == "ok" for s in discover(SEEDS))
    assert status["broken"] == status["empty"] == "error"
    # The workers also filled the cache: a second pass reads it and gives the same tables.
    with Workers("local", 1) as workers:
        cached = _csv(combine(extract_all(sources, load_catalog(corpus / CATALOG_NAME), tmp_path, FIXED, workers)))
    assert cached == reference
    assert len(list(tmp_path.glob("*.json"))) == int((status == "ok").sum())


# --- the synthetic corpus of bench/make_synthetic.py --------------------------------

def _make_synthetic():
    spec = importlib.util.spec_from_file_location("make_synthetic", ROOT / "bench" / "make_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


make_synthetic = _make_synthetic()
SEED_LANGS, SEED_POOL = make_synthetic.seed_pool(SEEDS)


def test_seed_pool_keeps_every_seed_language():
    catalog = load_catalog(SEEDS / CATALOG_NAME)
    assert SEED_LANGS == [catalog.entry(s.doc_id).language for s in discover(SEEDS)]
    assert set(SEED_POOL) == {"ja", "de"}
    assert all(p.strip() for ps in SEED_POOL.values() for p in ps)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(min_value=0, max_value=12),
    seed=st.integers(min_value=0, max_value=2**32),
    min_chars=st.integers(min_value=1, max_value=3_000),
    extra=st.integers(min_value=0, max_value=3_000),
)
def test_synthetic_documents_are_deterministic_and_keep_the_language_mix(n, seed, min_chars, extra):
    max_chars = min_chars + extra
    docs = list(make_synthetic.synthetic_documents(SEEDS, n, seed, min_chars, max_chars))
    assert docs == list(make_synthetic.synthetic_documents(SEEDS, n, seed, min_chars, max_chars))
    assert len({name for name, _, _ in docs}) == n
    assert [lang for _, lang, _ in docs] == [SEED_LANGS[i % len(SEED_LANGS)] for i in range(n)]
    for _, lang, text in docs:
        assert len(text) >= min_chars
        allowed = set(SEED_POOL[lang])
        assert all(p in allowed for p in text.rstrip("\n").split("\n\n"))


def test_write_corpus_writes_utf8_files_that_discover_finds(tmp_path):
    files = make_synthetic.write_corpus(tmp_path / "a", 7, seed=3, min_chars=500, max_chars=900)
    again = make_synthetic.write_corpus(tmp_path / "b", 7, seed=3, min_chars=500, max_chars=900)
    assert [p.read_bytes() for p in files] == [p.read_bytes() for p in again]
    assert [s.path for s in discover(tmp_path / "a")] == files
    other = make_synthetic.write_corpus(tmp_path / "c", 7, seed=4, min_chars=500, max_chars=900)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in files]
    with pytest.raises(ValueError):
        list(make_synthetic.synthetic_documents(SEEDS, 1, 0, 10, 5))


def _pid() -> int:
    import os

    return os.getpid()


def test_released_workers_stop_in_the_background_and_close_waits_for_them():
    """After the last run the build releases the pool: its workers stop while the index is written, and
    closing the pool leaves no worker behind; a pool never used starts nothing."""
    import multiprocessing
    import os

    idle = Workers("local", 2)
    idle.release()
    idle.close()
    assert multiprocessing.active_children() == []
    with Workers("local", 2) as workers:
        pid = workers.executor().submit(_pid).result(timeout=120)
        assert pid != os.getpid() and any(p.pid == pid for p in multiprocessing.active_children())
        workers.release()
        workers.release()  # twice is once
    assert multiprocessing.active_children() == []
