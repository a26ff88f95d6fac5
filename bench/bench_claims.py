"""Throughput of decode + parse + claim extraction, in characters per second per core.

Two corpora by default: the seeds (mostly Japanese and German) and the English gold texts
(tests/fixtures/claims/en_*.txt: news, earnings calls, talks; English is the slower language).
One process, one core. The first pass warms up (SudachiPy dictionary, language
models, regex caches are per-process costs); the timed passes repeat the full
pipeline from the file bytes. Target: >= 300,000 chars/s per core on each corpus.
Usage: .venv/bin/python bench/bench_claims.py [--repeat N] [PATH...]  (PATHs: one corpus of your own)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(paths: list[Path]) -> tuple[int, int]:
    from helpers.claims import extract as claims_extract
    from helpers.text.parse import parse_file

    chars = n_claims = 0
    for p in paths:
        doc = parse_file(str(p))
        chars += len(doc.text)
        n_claims += len(claims_extract.extract_claims(doc))
    return chars, n_claims


def clear_text_caches() -> int:
    """Empty the per-text caches (lru caches of more than 64 entries: words, windows, lines), keeping the loaded
    models and tables (caches of a few entries): a pass over texts met for the first time."""
    cleared = 0
    for name, mod in list(sys.modules.items()):
        if not name.startswith("helpers"):
            continue
        for obj in vars(mod).values():
            info = getattr(obj, "cache_info", None)
            if callable(info) and (info().maxsize is None or info().maxsize > 64):
                obj.cache_clear()
                cleared += 1
    return cleared


def measure(name: str, paths: list[Path], repeat: int) -> None:
    """Print one corpus's first pass, and its steady state as wall and CPU time."""
    t0 = time.perf_counter()
    chars, n_claims = run(paths)
    warm = time.perf_counter() - t0
    t1 = time.perf_counter()
    cpu: list[float] = []
    for _ in range(repeat):
        c0 = time.process_time()
        run(paths)
        cpu.append(time.process_time() - c0)
    dt = (time.perf_counter() - t1) / repeat
    print(f"{name}: documents={len(paths)} chars={chars} claims={n_claims}")
    print(f"  first pass (incl. model loading): {warm:.3f} s = {chars / warm:,.0f} chars/s")
    print(f"  steady state (mean of {repeat}): {dt:.3f} s = {chars / dt:,.0f} chars/s per core")
    # On a shared machine wall time moves with the load; the process's own CPU time much less.
    cpu_dt = statistics.median(cpu)
    print(f"  steady state CPU time (median of {repeat}): {cpu_dt:.3f} s = {chars / cpu_dt:,.0f} chars/s per core")
    # The passes above meet the same texts again, and per-text caches then answer: new texts see this figure.
    cold: list[float] = []
    for _ in range(repeat):
        clear_text_caches()
        c0 = time.process_time()
        run(paths)
        cold.append(time.process_time() - c0)
    cold_dt = statistics.median(cold)
    print(
        f"  text caches emptied before each pass, CPU time (median of {repeat}): {cold_dt:.3f} s = "
        f"{chars / cold_dt:,.0f} chars/s per core"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args(argv)
    if args.paths:
        corpora = {"given files": [Path(p) for p in args.paths]}
    else:
        corpora = {
            "seeds": sorted((ROOT / "seeds").glob("*.txt")),
            "English gold": sorted((ROOT / "tests" / "fixtures" / "claims").glob("en_*.txt")),
        }
    for name, paths in corpora.items():
        measure(name, paths, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
