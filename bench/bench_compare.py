"""Comparison cost on synthetic corpora, and its precision on the multi-company fixture corpus.

1. For each size (default 100 and 1,000 documents recombined from the seeds by
   ``bench/make_synthetic.py``): extract the claims as the build does (not
   timed), then time ``findings_frame`` (claims against each other and the
   ledger) and measure its peak memory (tracemalloc, a second run). Prints
   claims, groups, findings, findings per claim and the largest group.
2. On ``tests/fixtures/compare_corpus`` (earnings calls, coverage and podcasts
   about Meta, Nvidia and Microsoft in en/de/ja, with an analyst's verdicts in
   ``expected.yaml``) and ``tests/fixtures/compare_conflicts`` (Alphabet and
   Amazon calls with guidance and actuals, their coverage, a podcast and a
   feature with issue 26's traps): precision and recall of ``conflict`` and
   ``consistent``; on ``tests/fixtures/compare_english``, ``compare_multi``, ``compare_chips`` and ``compare_calls``
   (with dev and held-out splits) bogus and genuine conflicts per document.

    .venv/bin/python bench/bench_compare.py [--sizes 100 1000] [--jobs 2] [--cache DIR]

``--cache DIR`` keeps each size's extracted claims and sentences there, so a
second run measures the comparison without extracting again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
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

from make_synthetic import write_corpus

from helpers.analysis.compare import findings_frame
from helpers.analysis.ledger import load_ledger
from helpers.build.extract import combine, extract_document
from helpers.claims.extract import CLAIMS
from helpers.tables import to_csv_bytes
from helpers.text.catalog import Catalog, CatalogEntry, load_catalog
from helpers.text.corpus import discover
from helpers.text.frames import SENTENCES

LEDGER = ROOT / "references" / "reference_facts.csv"
FIXTURE = ROOT / "tests" / "fixtures" / "compare_corpus"
# issue 26's traps: guidance against actuals, a chip's watts against a data center's, general statements ...
CONFLICT_FIXTURE = FIXTURE.parent / "compare_conflicts"
# the same traps on Oracle's and Tesla's calls, two interviews, de and ja coverage, with a held-out split
ENGLISH_FIXTURE = FIXTURE.parent / "compare_english"
# NVIDIA's, Microsoft's and Meta's calls (fiscal years that are not calendar years), two podcasts, de and ja
MULTI_FIXTURE = FIXTURE.parent / "compare_multi"
# AMD's and TSMC's calls, an interview, de and ja dialogues whose figures' company is named in the previous turn
CHIPS_FIXTURE = FIXTURE.parent / "compare_chips"
# Micron's, Adobe's, SAP's and Delta's calls (guidance and actuals for several periods), a podcast and a news roundup
# about several companies, de and ja coverage
CALLS_FIXTURE = FIXTURE.parent / "compare_calls"


def _extract(args):
    source, catalog = args
    return extract_document(source, catalog)


def extract(folder: Path, catalog: Catalog, jobs: int) -> dict[str, pd.DataFrame]:
    sources = discover(folder)
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        extractions = pool.map(_extract, [(s, catalog) for s in sources], chunksize=8)
    return combine(extractions)


def synthetic_catalog(doc_ids: list[str]) -> Catalog:
    """Each document an event on its own day, so that periods resolve and figures without topic can be grouped."""
    start = dt.date(2024, 1, 1)
    return Catalog(path=None, entries={
        d: CatalogEntry(d, event_id=d, event_date=(start + dt.timedelta(days=i % 730)).isoformat())
        for i, d in enumerate(doc_ids)
    })  # fmt: skip


def synthetic_tables(n: int, jobs: int, cache: Path | None) -> tuple[pd.DataFrame, pd.DataFrame, Catalog, float]:
    """Claims and sentences of n synthetic documents, extracted (or read from the cache) and their catalog."""
    here = cache / str(n) if cache else None
    if here is not None and (here / "claims.csv").exists():
        claims, sentences = CLAIMS.read_csv(here / "claims.csv"), SENTENCES.read_csv(here / "sentences.csv")
        return claims, sentences, synthetic_catalog(sorted(set(sentences["doc_id"]))), math.nan
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        write_corpus(folder, n)
        catalog = synthetic_catalog([s.doc_id for s in discover(folder)])
        t0 = time.perf_counter()
        tables = extract(folder, catalog, jobs)
        seconds = time.perf_counter() - t0
    if here is not None:
        here.mkdir(parents=True, exist_ok=True)
        for name in ("claims", "sentences"):
            (here / f"{name}.csv").write_bytes(to_csv_bytes(tables[name]))
    return tables["claims"], tables["sentences"], catalog, seconds


def compare_cost(n: int, jobs: int, cache: Path | None) -> None:
    ledger = load_ledger(LEDGER)
    claims, sentences, catalog, t_extract = synthetic_tables(n, jobs, cache)
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
        f"{n:>5} documents: {len(claims):,} claims ({'from the cache' if math.isnan(t_extract) else f'extracted in {t_extract:.1f}s'}, not timed below); "
        f"compare {seconds:.2f}s, peak {peak / 2**20:.1f} MiB; {len(heads):,} groups "
        f"({int((heads['topic'] == '').sum()):,} without topic, largest {int(sizes.max()) if len(sizes) else 0:,} claims); "
        f"{len(findings):,} findings = {len(findings) / max(len(claims), 1):.2f} per claim "
        f"({per_claim:,} claim verdicts)"
    )


def fixture_precision(fixture: Path) -> None:
    docs = fixture / "docs"
    catalog = load_catalog(docs / "catalog.yaml")
    tables = combine([extract_document(s, catalog) for s in discover(docs)])
    claims = tables["claims"]
    findings = findings_frame(claims, load_ledger(LEDGER), catalog, tables["sentences"])
    gold = yaml.safe_load((fixture / "expected.yaml").read_text(encoding="utf-8"))["figures"]
    expected: dict[str, str] = {}
    for g in gold:
        rows = claims[(claims["doc_id"] == g["doc"]) & claims["surface"].str.contains(g["surface"], regex=False)]
        if len(rows):
            expected[rows.iloc[0]["claim_id"]] = g["verdict"]
    got: dict[str, str] = {}
    for r in findings[findings["kind"].isin(["claim", "version"])].itertuples():
        for cid in r.claim_ids.split():
            got[cid] = r.verdict
    print(
        f"{fixture.name}: {len(claims)} claims, {len(expected)} annotated, {int((findings['kind'] == 'group').sum())} groups"
    )
    for verdict in ("conflict", "consistent", "translation_slip"):
        called = {c for c, v in got.items() if v == verdict}
        truth = {c for c, v in expected.items() if v == verdict}
        hit = len(called & truth)
        precision = hit / len(called) if called else float("nan")
        recall = hit / len(truth) if truth else float("nan")
        print(
            f"  {verdict:<17} called {len(called):>3}  correct {hit:>3}  precision {precision:.2f}  recall {recall:.2f}"
        )


def split_scores(fixture: Path) -> None:
    """Bogus and genuine conflicts per document and per split (dev / held-out) of a fixture whose
    ``expected.yaml`` names its ``splits``; a claim no entry lists and called ``conflict`` is bogus too."""
    docs = fixture / "docs"
    catalog = load_catalog(docs / "catalog.yaml")
    tables = combine([extract_document(s, catalog) for s in discover(docs)])
    claims = tables["claims"]
    findings = findings_frame(claims, load_ledger(LEDGER), catalog, tables["sentences"])
    spec = yaml.safe_load((fixture / "expected.yaml").read_text(encoding="utf-8"))
    expected: dict[str, str] = {}
    missing: dict[str, int] = {}
    for g in spec["figures"]:
        rows = claims[(claims["doc_id"] == g["doc"]) & claims["surface"].str.contains(g["surface"], regex=False)]
        if len(rows):
            expected[rows.iloc[0]["claim_id"]] = g["verdict"]
        else:
            missing[g["doc"]] = missing.get(g["doc"], 0) + 1
    got: dict[str, str] = {}
    for r in findings[findings["kind"].isin(["claim", "version"])].itertuples():
        for cid in r.claim_ids.split():
            got[cid] = r.verdict
    doc_of = dict(zip(claims["claim_id"], claims["doc_id"]))
    print(f"{fixture.name}: {len(claims)} claims, {len(expected)} annotated figures found")
    for split, names in spec["splits"].items():
        total = {"bogus": 0, "genuine": 0, "found": 0, "consistent": 0, "agreed": 0}
        for doc in names:
            mine = {c for c, d in doc_of.items() if d == doc}
            called = {c for c in mine if got.get(c) == "conflict"}
            genuine = {c for c in mine if expected.get(c) == "conflict"}
            agreed = {c for c in mine if expected.get(c) == "consistent"}
            row = {
                "bogus": len(called - genuine), "genuine": len(genuine), "found": len(called & genuine),
                "consistent": len({c for c in agreed if got.get(c) == "consistent"}), "agreed": len(agreed),
            }  # fmt: skip
            for k, v in row.items():
                total[k] += v
            print(
                f"  {split:<8} {doc:<24} bogus conflicts {row['bogus']:>2}"
                f"  genuine found {row['found']}/{row['genuine']}"
                f"  consistent {row['consistent']}/{row['agreed']}  figures not extracted {missing.get(doc, 0)}"
            )
        print(
            f"  {split:<8} {'ALL':<24} bogus conflicts {total['bogus']:>2}"
            f"  genuine found {total['found']}/{total['genuine']}"
            f"  consistent {total['consistent']}/{total['agreed']}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--jobs", type=int, default=2, help="extraction processes (the comparison itself runs in one)")
    ap.add_argument(
        "--cache", type=Path, default=None, help="folder keeping the extracted synthetic tables between runs"
    )
    ap.add_argument("--fixtures-only", action="store_true", help="only the fixtures' precision, no synthetic corpora")
    args = ap.parse_args(argv)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    fixture_precision(FIXTURE)
    fixture_precision(CONFLICT_FIXTURE)
    split_scores(ENGLISH_FIXTURE)
    split_scores(MULTI_FIXTURE)
    split_scores(CHIPS_FIXTURE)
    split_scores(CALLS_FIXTURE)
    if args.fixtures_only:
        return 0
    for n in args.sizes:
        compare_cost(n, args.jobs, args.cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
