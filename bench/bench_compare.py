"""Comparison cost on synthetic corpora, and its precision on the multi-company fixture corpus.

1. For each size (default 100 and 1,000 documents recombined from the seeds by
   ``bench/make_synthetic.py``): extract the claims as the build does (not
   timed), then time ``findings_frame`` (claims against each other and the
   ledger) and measure its peak memory (tracemalloc, a second run). Prints
   claims, groups, findings, findings per claim and the largest group.
2. On ``tests/fixtures/compare_corpus`` (earnings calls, coverage and podcasts
   about Meta, Nvidia and Microsoft in en/de/ja, with an analyst's verdicts in
   ``expected.yaml``): precision and recall of ``conflict`` and ``consistent``.

    .venv/bin/python bench/bench_compare.py [--sizes 100 1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from make_synthetic import write_corpus  # noqa: E402

from helpers.analysis.compare import findings_frame  # noqa: E402
from helpers.analysis.ledger import load_ledger  # noqa: E402
from helpers.build.extract import combine, extract_document  # noqa: E402
from helpers.text.catalog import Catalog, CatalogEntry, load_catalog  # noqa: E402
from helpers.text.corpus import discover  # noqa: E402

LEDGER = ROOT / "references" / "reference_facts.csv"
FIXTURE = ROOT / "tests" / "fixtures" / "compare_corpus"


def _extract(args):
    source, catalog = args
    return extract_document(source, catalog)


def extract(folder: Path, catalog: Catalog, jobs: int) -> dict[str, pd.DataFrame]:
    sources = discover(folder)
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        extractions = pool.map(_extract, [(s, catalog) for s in sources], chunksize=8)
    return combine(extractions)


def compare_cost(n: int, jobs: int) -> None:
    ledger = load_ledger(LEDGER)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        write_corpus(folder, n)
        # each document is an event on its own day, so that periods resolve and figures without topic can be grouped
        start = dt.date(2024, 1, 1)
        catalog = Catalog(path=None, entries={
            s.doc_id: CatalogEntry(s.doc_id, event_id=s.doc_id, event_date=(start + dt.timedelta(days=i % 730)).isoformat())
            for i, s in enumerate(discover(folder))
        })  # fmt: skip
        t0 = time.perf_counter()
        tables = extract(folder, catalog, jobs)
        t_extract = time.perf_counter() - t0
    claims, sentences = tables["claims"], tables["sentences"]
    t0 = time.perf_counter()
    findings = findings_frame(claims, ledger, catalog, sentences)
    seconds = time.perf_counter() - t0
    tracemalloc.start()
    findings_frame(claims, ledger, catalog, sentences)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    heads = findings[findings["kind"] == "group"]
    sizes = heads["claim_ids"].str.split().map(len)
    per_claim = findings[findings["kind"] != "group"]["claim_ids"].str.split().map(len).sum()
    print(
        f"{n:>5} documents: {len(claims):,} claims (extracted in {t_extract:.1f}s, not timed below); "
        f"compare {seconds:.2f}s, peak {peak / 2**20:.1f} MiB; {len(heads):,} groups "
        f"({int((heads['topic'] == '').sum()):,} without topic, largest {int(sizes.max()) if len(sizes) else 0:,} claims); "
        f"{len(findings):,} findings = {len(findings) / max(len(claims), 1):.2f} per claim "
        f"({per_claim:,} claim verdicts)"
    )


def fixture_precision() -> None:
    docs = FIXTURE / "docs"
    catalog = load_catalog(docs / "catalog.yaml")
    tables = combine([extract_document(s, catalog) for s in discover(docs)])
    claims = tables["claims"]
    findings = findings_frame(claims, load_ledger(LEDGER), catalog, tables["sentences"])
    gold = yaml.safe_load((FIXTURE / "expected.yaml").read_text(encoding="utf-8"))["figures"]
    expected: dict[str, str] = {}
    for g in gold:
        rows = claims[(claims["doc_id"] == g["doc"]) & claims["surface"].str.contains(g["surface"], regex=False)]
        if len(rows):
            expected[rows.iloc[0]["claim_id"]] = g["verdict"]
    got: dict[str, str] = {}
    for r in findings[findings["kind"].isin(["claim", "version"])].itertuples():
        for cid in r.claim_ids.split():
            got[cid] = r.verdict
    print(f"fixture corpus: {len(claims)} claims, {len(expected)} annotated, {int((findings['kind'] == 'group').sum())} groups")
    for verdict in ("conflict", "consistent", "translation_slip"):
        called = {c for c, v in got.items() if v == verdict}
        truth = {c for c, v in expected.items() if v == verdict}
        hit = len(called & truth)
        precision = hit / len(called) if called else float("nan")
        recall = hit / len(truth) if truth else float("nan")
        print(f"  {verdict:<17} called {len(called):>3}  correct {hit:>3}  precision {precision:.2f}  recall {recall:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--jobs", type=int, default=2, help="extraction processes (the comparison itself runs in one)")
    args = ap.parse_args(argv)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    fixture_precision()
    for n in args.sizes:
        compare_cost(n, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
