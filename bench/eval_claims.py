"""Precision/recall of claim extraction against the hand-made gold annotations.

Gold: tests/fixtures/claims/gold_*.csv (built from the readable gold_spec_*.txt
by build_gold.py). For every gold document the script parses the file with
helpers.text.parse, extracts claims and reports, per document and overall:

* span/exact   - predicted (start, end) equals a gold span
* span/overlap - one-to-one matching of overlapping spans
* value+unit   - overlap-matched pairs whose unit and value (or low/high) agree

followed by the misses (gold without a match) and false positives.
Usage: .venv/bin/python bench/eval_claims.py [--quiet]
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "fixtures" / "claims"
# Gold documents written and annotated before the extractor was ever run on them: their scores are
# out-of-sample figures, printed with "(unseen)". Keep tuning off them; add a new unseen one instead.
UNSEEN = frozenset({"en_podcast"})


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    surface: str
    low: float | None
    high: float | None
    unit: str


def _f(x: str | float | None) -> float | None:
    if x is None or x == "":
        return None
    v = float(x)
    return None if math.isnan(v) else v


def load_gold(path: Path) -> list[Span]:
    with open(path, encoding="utf-8") as f:
        return [Span(int(r["start"]), int(r["end"]), r["surface"], _f(r["value_low"]), _f(r["value_high"]), r["unit"])
                for r in csv.DictReader(f)]


def source_of(doc_id: str) -> Path:
    seed = ROOT / "seeds" / f"{doc_id}.txt"
    return seed if seed.exists() else GOLD_DIR / f"{doc_id}.txt"


def predict(path: Path, doc_id: str) -> list[Span]:
    from helpers.claims import extract as claims_extract
    from helpers.text.parse import parse_file

    doc = parse_file(str(path), doc_id=doc_id)
    return [Span(c.start, c.end, c.surface, c.value_low, c.value_high, c.unit) for c in claims_extract.extract_claims(doc)]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def value_ok(g: Span, p: Span) -> bool:
    return g.unit == p.unit and _close(g.low, p.low) and _close(g.high, p.high)


def match(gold: list[Span], pred: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                cands.append((-ov, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(gold: list[Span], pred: list[Span]) -> dict[str, tuple[float, float, float]]:
    exact = len({(g.start, g.end) for g in gold} & {(p.start, p.end) for p in pred})
    pairs = match(gold, pred)
    good = sum(1 for g, p in pairs if value_ok(g, p))
    return {
        "span/exact": prf(exact, len(pred), exact, len(gold)),
        "span/overlap": prf(len(pairs), len(pred), len(pairs), len(gold)),
        "value+unit": prf(good, len(pred), good, len(gold)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quiet", action="store_true", help="only the score table")
    args = ap.parse_args(argv)
    totals = {"gold": [], "pred": []}
    all_gold: list[Span] = []
    all_pred: list[Span] = []
    report = []
    for gold_path in sorted(GOLD_DIR.glob("gold_*.csv")):
        doc_id = gold_path.stem[len("gold_"):]
        gold = load_gold(gold_path)
        pred = predict(source_of(doc_id), doc_id)
        scores = evaluate(gold, pred)
        tag = " (unseen)" if doc_id in UNSEEN else ""
        print(f"\n{doc_id}{tag}: gold={len(gold)} predicted={len(pred)}")
        for k, (p, r, f) in scores.items():
            print(f"  {k:13} P={p:.3f} R={r:.3f} F1={f:.3f}")
        # offsets are per document: shift so the pooled score can match across docs
        shift = len(all_gold) * 10_000_000
        all_gold += [Span(g.start + shift, g.end + shift, g.surface, g.low, g.high, g.unit) for g in gold]
        all_pred += [Span(p.start + shift, p.end + shift, p.surface, p.low, p.high, p.unit) for p in pred]
        pairs = match(gold, pred)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        report.append((doc_id, [g for g in gold if id(g) not in matched_g],
                       [p for p in pred if id(p) not in matched_p],
                       [(g, p) for g, p in pairs if not value_ok(g, p)]))
    del totals
    print("\nALL")
    for k, (p, r, f) in evaluate(all_gold, all_pred).items():
        print(f"  {k:13} P={p:.3f} R={r:.3f} F1={f:.3f}")
    if not args.quiet:
        for doc_id, misses, fps, wrong in report:
            print(f"\n== {doc_id}")
            for g in misses:
                print(f"  MISS  {g.start:6d} {g.surface!r} {g.unit} [{g.low}, {g.high}]")
            for p in fps:
                print(f"  FP    {p.start:6d} {p.surface!r} {p.unit} [{p.low}, {p.high}]")
            for g, p in wrong:
                print(f"  VALUE {g.start:6d} gold {g.surface!r} {g.unit} [{g.low}, {g.high}]"
                      f" | got {p.surface!r} {p.unit} [{p.low}, {p.high}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
