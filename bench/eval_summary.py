"""Score extractive summaries against the authors' own summaries in the corpus.

Two seeds carry an author-written summary of their body: 001's editorial
introduction (the paragraphs before the first ``Gastgeber`` label) and 003's
video summary paragraph (「この動画では、…」). Each body, without that summary,
is summarised with ``helpers.analysis.summarize`` and with two baselines: the first N
body sentences (lead-N) and N random body sentences (seeded, averaged over
draws), plus N random sentences among those the method may choose at all
(separates what the length filter buys from what the ranking buys). N is the
number of sentences in the reference. Scores are ROUGE-1/2/L F1 over character
n-grams for Japanese and lowercased word tokens for German.

    .venv/bin/python bench/eval_summary.py [--seeds DIR] [--draws 20] [--seed 0]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from helpers.text import model

from helpers.analysis import summarize

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Case:
    doc_id: str
    lang: str
    # Splits the document into (reference sentences, body sentences).
    split: Callable[[model.ParsedDocument], tuple[list[model.Sentence], list[model.Sentence]]]


def _before_first_label(label: str):
    def split(doc: model.ParsedDocument):
        m = re.search(rf"^{re.escape(label)}[ \t]*$", doc.text, re.MULTILINE)
        if m is None:
            raise SystemExit(f"{doc.path}: no line {label!r} to split the introduction off")
        ref = [s for s in doc.sentences if s.end <= m.start()]
        body = [s for s in doc.sentences if s.start >= m.start()]
        return ref, body

    return split


def _paragraph_starting(prefix: str):
    def split(doc: model.ParsedDocument):
        m = re.search(rf"^{re.escape(prefix)}.*$", doc.text, re.MULTILINE)
        if m is None:
            raise SystemExit(f"{doc.path}: no paragraph starting {prefix!r}")
        ref = [s for s in doc.sentences if s.start >= m.start() and s.end <= m.end()]
        body = [s for s in doc.sentences if s.start >= m.end()]
        return ref, body

    return split


CASES = (
    Case("001_42769d631cd94a90", "de", _before_first_label("Gastgeber")),
    Case("003_ff97695cd6ad6ecf", "ja", _paragraph_starting("この動画では")),
)


# --- ROUGE --------------------------------------------------------------------


def units(text: str, lang: str) -> list[str]:
    """ROUGE units: characters (no spaces or punctuation) for Japanese, words otherwise."""
    if lang == "ja":
        return [c for c in text if unicodedata.category(c)[0] not in "PZSC"]
    return [w.lower() for w in _WORD.findall(text)]


def _f1(overlap: float, n_pred: int, n_ref: int) -> float:
    if overlap == 0 or n_pred == 0 or n_ref == 0:
        return 0.0
    p, r = overlap / n_pred, overlap / n_ref
    return 2 * p * r / (p + r)


def rouge_n(pred: Sequence[str], ref: Sequence[str], n: int) -> float:
    grams = lambda xs: Counter(tuple(xs[i : i + n]) for i in range(len(xs) - n + 1))  # noqa: E731
    p, r = grams(pred), grams(ref)
    return _f1(sum((p & r).values()), sum(p.values()), sum(r.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(pred: Sequence[str], ref: Sequence[str]) -> float:
    return _f1(lcs_length(pred, ref), len(pred), len(ref))


def scores(pred: Sequence[model.Sentence], ref: Sequence[model.Sentence], lang: str) -> tuple[float, float, float]:
    p = units(" ".join(s.text for s in pred), lang)
    r = units(" ".join(s.text for s in ref), lang)
    return rouge_n(p, r, 1), rouge_n(p, r, 2), rouge_l(p, r)


# --- Runs -----------------------------------------------------------------------


def evaluate(seeds: Path, draws: int, seed: int) -> list[tuple[str, str, int, int, str, tuple[float, ...], tuple[float, ...]]]:
    from helpers.text.parse import parse_file

    rows = []
    for case in CASES:
        doc = parse_file(str(seeds / f"{case.doc_id}.txt"))
        ref, body = case.split(doc)
        if not ref or not body:
            raise SystemExit(f"{doc.path}: reference has {len(ref)} sentences, body {len(body)}")
        n = len(ref)
        sub = model.ParsedDocument(doc.doc_id, doc.path, doc.encoding, doc.text, doc.lang, doc.title, doc.blocks, body)
        method = summarize.summarize_document(sub, n)
        eligible = [
            s for s in body if len(set(summarize.content_tokens(s.text, s.lang))) >= summarize.MIN_CONTENT_TOKENS
        ]
        rng = np.random.default_rng(seed)

        def random_runs(pool: list[model.Sentence]) -> tuple[tuple[float, ...], tuple[float, ...]]:
            runs = []
            for _ in range(draws):
                idx = sorted(rng.choice(len(pool), size=min(n, len(pool)), replace=False))
                runs.append(scores([pool[i] for i in idx], ref, case.lang))
            cols = list(zip(*runs))
            return tuple(statistics.fmean(c) for c in cols), tuple(statistics.pstdev(c) for c in cols)

        none = (float("nan"),) * 3
        base = (case.doc_id, case.lang, n, len(body))
        rows.append((*base, "textrank", scores(method, ref, case.lang), none))
        rows.append((*base, "lead-N", scores(body[:n], ref, case.lang), none))
        rows.append((*base, f"random (x{draws})", *random_runs(body)))
        rows.append((*base, f"random eligible (x{draws})", *random_runs(eligible)))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--draws", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rows = evaluate(args.seeds, args.draws, args.seed)
    print(f"{'document':22} {'lang':4} {'N':>3} {'body':>5}  {'system':22} {'ROUGE-1':>13} {'ROUGE-2':>13} {'ROUGE-L':>13}")
    for doc_id, lang, n, n_body, system, mean, sd in rows:
        cells = " ".join(
            f"{m:.3f}" + (f" ±{s:.3f}" if s == s else "       ") for m, s in zip(mean, sd)
        )
        print(f"{doc_id:22} {lang:4} {n:>3} {n_body:>5}  {system:22} {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
