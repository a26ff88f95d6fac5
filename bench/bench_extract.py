"""Extraction throughput (decode + parse + claims, no notebooks) and its memory.

(a) The five seeds in this process, warm (dictionary and models loaded, first
    pass discarded): chars/s on one core, median of --reps repetitions.
(b) A synthetic corpus (bench/make_synthetic.py, --docs documents): wall time
    and peak RSS of the whole process tree for the plain in-process loop,
    ``helpers.build.extract_all`` on a local process pool and on a Dask
    LocalCluster. Each configuration runs in a fresh interpreter so that its
    peak memory is its own. "tree RSS" sums the resident memory of the process
    and all its descendants, sampled every 200 ms (shared pages are counted once
    per process, so it is an upper bound); ru_maxrss figures are the kernel's
    own peaks for the main process and for its largest finished child; CPU s
    is the user + system time of the whole configuration (interpreter start
    excluded), which tells contention from overhead on a busy machine.

    .venv/bin/python bench/bench_extract.py [--docs 1000] [--jobs 2] [--reps 5] [--quick]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SEEDS = BENCH.parent / "seeds"
MODES = ("in-process", "local", "local-cluster")
RSS_TARGET_MB = 1536
THROUGHPUT_TARGET = 300_000  # chars/s per core


class TreeRssSampler:
    """Peak of the summed RSS of this process and all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        import psutil

        self._psutil = psutil
        self._root = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        total = 0
        for p in [self._root, *self._root.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except self._psutil.Error:  # the process ended between listing and reading
                pass
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> "TreeRssSampler":
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _cpu_s() -> float:
    """User + system CPU of this process and its finished children (pool and cluster workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def tables_digest(tables: dict) -> str:
    from helpers.tables import to_csv_bytes

    h = hashlib.sha256()
    for name in sorted(tables):
        h.update(name.encode() + b"\0" + to_csv_bytes(tables[name]))
    return h.hexdigest()


def seed_throughput(reps: int) -> dict[str, float]:
    """Warm single-core throughput of extract_document over the seeds."""
    from helpers.text.catalog import load_catalog
    from helpers.text.corpus import CATALOG_NAME, discover
    from helpers.build.extract import extract_document

    sources = discover(SEEDS)
    catalog = load_catalog(SEEDS / CATALOG_NAME)
    t = time.perf_counter()
    first = [extract_document(s, catalog) for s in sources]
    first_pass = time.perf_counter() - t
    bad = [e.doc_id for e in first if not e.ok]
    if bad:
        raise SystemExit(f"seed extraction failed for {bad}")
    chars = sum(int(e.row["chars"]) for e in first)
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        for s in sources:
            extract_document(s, catalog)
        times.append(time.perf_counter() - t)
    median = statistics.median(times)
    return {
        "docs": len(sources),
        "chars": chars,
        "first_pass_s": first_pass,
        "median_s": median,
        "best_s": min(times),
        "chars_per_s": chars / median,
    }


def child(mode: str, corpus: Path, jobs: int) -> dict[str, object]:
    """One configuration of (b), measured from inside a fresh interpreter."""
    from helpers.build.builder import extract_all, helpers_source_digest
    from helpers.text.catalog import Catalog
    from helpers.text.corpus import discover
    from helpers.build.extract import combine, extract_document
    from helpers.build.scheduler import Workers

    sources = discover(corpus)
    catalog = Catalog(path=None)  # synthetic documents are uncatalogued, as a new corpus would be
    fixed = {"helpers": helpers_source_digest()}  # the cache is fresh: any stable key will do
    with tempfile.TemporaryDirectory(prefix="bench-extract-cache-") as cache, TreeRssSampler() as rss:
        t0 = time.perf_counter()
        if mode == "in-process":
            extractions = [extract_document(s, catalog) for s in sources]
        else:
            with Workers(mode, jobs) as workers:
                extractions = extract_all(sources, catalog, Path(cache), fixed, workers)
        t1 = time.perf_counter()
        tables = combine(extractions)
        t2 = time.perf_counter()
    return {
        "mode": mode,
        "workers": 1 if mode == "in-process" else jobs,
        "docs": len(sources),
        "errors": sum(not e.ok for e in extractions),
        "error_samples": [f"{e.doc_id}: {e.row['error']}" for e in extractions if not e.ok][:3],
        "chars": int(sum(int(e.row["chars"] or 0) for e in extractions)),
        "extract_s": t1 - t0,
        "combine_s": t2 - t1,
        "tree_rss_mb": rss.peak / 2**20,
        "cpu_s": _cpu_s(),
        "maxrss_self_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "maxrss_children_mb": _maxrss_mb(resource.RUSAGE_CHILDREN),
        "digest": tables_digest(tables),
    }


def run_child(mode: str, corpus: Path, jobs: int) -> dict[str, object]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--corpus", str(corpus), "--jobs", str(jobs)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    total = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{mode}: exit {proc.returncode}\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_s"] = total
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="synthetic documents for (b)")
    ap.add_argument("--jobs", type=int, default=2, help="workers for the pool and the cluster")
    ap.add_argument("--reps", type=int, default=5, help="repetitions for (a)")
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated subset of {','.join(MODES)}")
    ap.add_argument("--corpus", type=Path, help="use this folder instead of generating a synthetic corpus")
    ap.add_argument("--quick", action="store_true", help="200 documents, 3 repetitions")
    ap.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        print(json.dumps(child(args.child, args.corpus, args.jobs)), flush=True)
        return 0
    if args.quick:
        args.docs, args.reps = min(args.docs, 200), min(args.reps, 3)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = set(modes) - set(MODES)
    if unknown:
        ap.error(f"unknown modes {sorted(unknown)}")

    print(f"cores: {os.cpu_count()}; {load()}")
    a = seed_throughput(args.reps)
    verdict = "meets" if a["chars_per_s"] >= THROUGHPUT_TARGET else "BELOW"
    print(
        f"(a) seeds, 1 core, warm: {a['docs']} documents, {a['chars']:,} chars; first pass {a['first_pass_s']:.2f} s; "
        f"median {a['median_s'] * 1000:.0f} ms over {args.reps} reps -> {a['chars_per_s']:,.0f} chars/s "
        f"(best {a['chars'] / a['best_s']:,.0f}); {verdict} target {THROUGHPUT_TARGET:,}"
    )

    if not modes:
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-synthetic-") as tmp:
        corpus = args.corpus
        if corpus is None:
            sys.path.insert(0, str(BENCH))
            from make_synthetic import write_corpus

            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, args.docs)
        rows = [run_child(mode, corpus, args.jobs) for mode in modes]

    print(f"\n(b) {rows[0]['docs']} documents, {rows[0]['chars']:,} chars ({corpus if args.corpus else 'synthetic'})")
    header = (
        f"{'mode':<14}{'workers':>8}{'extract s':>11}{'combine s':>11}{'chars/s':>12}{'process s':>11}{'CPU s':>8}"
        f"{'tree RSS MB':>13}{'maxrss main':>13}{'maxrss child':>14}{'errors':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['mode']:<14}{r['workers']:>8}{r['extract_s']:>11.1f}{r['combine_s']:>11.2f}"
            f"{r['chars'] / r['extract_s']:>12,.0f}{r['process_s']:>11.1f}{r['cpu_s']:>8.1f}{r['tree_rss_mb']:>13.0f}"
            f"{r['maxrss_self_mb']:>13.0f}{r['maxrss_children_mb']:>14.0f}{r['errors']:>8}"
        )
    over = [r["mode"] for r in rows if r["tree_rss_mb"] > RSS_TARGET_MB]
    print(f"RSS target <= {RSS_TARGET_MB} MB: " + ("met by all" if not over else f"EXCEEDED by {', '.join(over)}"))
    print(load())
    status = 0
    if len({r["digest"] for r in rows}) != 1:
        print("FAILURE: the configurations produced different tables", file=sys.stderr)
        status = 1
    else:
        print("all configurations produced identical tables")
    for r in rows:
        if r["errors"]:
            # Every synthetic document is made of seed text: a failed one is a defect, not noise.
            print(f"FAILURE: {r['mode']}: {r['errors']} documents failed, e.g.", file=sys.stderr)
            for sample in r["error_samples"]:
                print(f"  {sample}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
