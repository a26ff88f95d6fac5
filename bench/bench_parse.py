"""Throughput of decode + parse over the seed documents.

Prints chars/s for warm runs (dictionary and lingua models loaded, first pass
discarded). "cold cache" clears the per-string language cache before every
repetition, so it measures the real lingua cost; "warm cache" keeps it, as a
long-lived process re-parsing the same documents would.

    .venv/bin/python bench/bench_parse.py [--reps N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from helpers.text import language
from helpers.text.decode import read_document
from helpers.text.parse import parse_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run_once(paths: list[Path]) -> tuple[int, int]:
    chars = sentences = 0
    for p in paths:
        decoded = read_document(p)
        doc = parse_document(decoded.text, p.stem, path=str(p), encoding=decoded.encoding)
        chars += len(doc.text)
        sentences += len(doc.sentences)
    return chars, sentences


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    paths = sorted(SEEDS.glob("*.txt"))
    t0 = time.perf_counter()
    language.detector()
    chars, sentences = run_once(paths)  # warm-up: loads models, fills caches
    print(f"first pass (incl. model loading): {time.perf_counter() - t0:.2f} s")
    print(f"{len(paths)} documents, {chars:,} chars, {sentences:,} sentences")
    for label, clear in (("cold cache", True), ("warm cache", False)):
        times = []
        for _ in range(args.reps):
            if clear:
                language._latin_answer.cache_clear()
            t = time.perf_counter()
            run_once(paths)
            times.append(time.perf_counter() - t)
        best, median = min(times), sorted(times)[len(times) // 2]
        print(f"{label}: median {median * 1000:.0f} ms, {chars / median:,.0f} chars/s (best {chars / best:,.0f})")


if __name__ == "__main__":
    main()
