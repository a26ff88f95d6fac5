"""Sentence alignment and fidelity against the hand-aligned gold in tests/fixtures/align/.

Each gold pair is a TSV (see tests/fixtures/align/README.md): one line per link, the two sides' sentences and the
numbers that differ. The two documents are rebuilt from it (sentences joined into paragraphs), parsed and
claim-extracted by the project's own pipeline, aligned, and scored at the gold's sentence level (a parsed sentence
counts for the gold sentence it starts in). Prints per pair and per part (dev, held-out):

- link precision, recall and F1, strict and with one-sentence tolerance (a predicted link counts when each side is
  within one sentence of a gold link's side);
- the share of the translated text (b side, characters) that is aligned correctly;
- precision and recall of the fidelity table's ``changed`` verdicts against the gold's changed numbers.

With ``--speed N`` it instead times one pair of N-sentence renderings (the gold's sentences, repeated with a
numbered suffix so that every sentence is new): cold (empty embedding cache, model not loaded) and warm, on one
core, and prints the peak memory.

Usage: python bench/eval_align.py [--pairs NAME ...] [--show-errors NAME] [--cache DIR] [--speed N]
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.analysis.align import align_renderings
from helpers.claims.extract import claims_frame
from helpers.text.frames import frames
from helpers.text.parse import parse_document

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "align"
HELD_OUT = ("talk_en_ja",)
PARAGRAPH = 5  # gold links per paragraph of the rebuilt documents


@dataclass
class GoldPair:
    name: str
    lang_a: str
    lang_b: str
    links: list[tuple[list[str], list[str]]] = field(default_factory=list)
    changes: list[tuple[int, str, str]] = field(default_factory=list)  # (link index, surface a, surface b)


def load_pair(path: Path) -> GoldPair:
    name = path.stem
    lang_a, lang_b = name.rsplit("_", 2)[-2:]
    pair = GoldPair(name, lang_a, lang_b)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        a = [s.strip() for s in cols[0].split("|||") if s.strip()]
        b = [s.strip() for s in (cols[1] if len(cols) > 1 else "").split("|||") if s.strip()]
        pair.links.append((a, b))
        for note in (cols[2] if len(cols) > 2 else "").split(";"):
            if "=>" in note:
                sa, sb = (x.strip() for x in note.split("=>", 1))
                pair.changes.append((len(pair.links) - 1, sa, sb))
    return pair


def _joiner(lang: str) -> str:
    return "" if lang == "ja" else " "


def _heading(link: tuple[list[str], list[str]]) -> bool:
    """A title or heading: no side's sentence ends like one (it stands on a line of its own)."""
    return all(not s.rstrip().endswith(_ENDS) for side in link for s in side)


_ENDS = tuple('.!?。！？」"“”)')


def build_side(pair: GoldPair, side: int) -> tuple[str, list[tuple[int, int]], list[int]]:
    """The document text, each gold sentence's span, and each gold sentence's link index."""
    lang = pair.lang_a if side == 0 else pair.lang_b
    text, spans, owner = "", [], []
    # Paragraph breaks fall at different links on the two sides, as in real renderings.
    shift = 0 if side == 0 else 2
    for k, link in enumerate(pair.links):
        heading = _heading(pair.links[k]) or (k and _heading(pair.links[k - 1]))
        if text and (heading or (k + shift) % PARAGRAPH == 0):
            text += "\n\n"
        for s in link[side]:
            if text and not text.endswith("\n"):
                text += _joiner(lang)
            spans.append((len(text), len(text) + len(s)))
            owner.append(k)
            text += s
    return text + "\n", spans, owner


def gold_sentence_of(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """The gold sentence a parsed sentence belongs to: the one it overlaps most."""
    best, best_overlap = -1, 0
    for g, (a, b) in enumerate(spans):
        overlap = min(b, end) - max(a, start)
        if overlap > best_overlap:
            best, best_overlap = g, overlap
    return best


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    tp_tol: int = 0
    chars_ok: int = 0
    chars: int = 0
    ch_tp: int = 0
    ch_pred: int = 0
    ch_gold: int = 0

    def add(self, o: Score) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(o, k))

    def line(self, label: str) -> str:
        def prf(tp, p, g):
            pr, rc = tp / p if p else 0.0, tp / g if g else 0.0
            return pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0

        p, r, f = prf(self.tp, self.pred, self.gold)
        pt, rt, ft = prf(self.tp_tol, self.pred, self.gold)
        cp, cr, _ = prf(self.ch_tp, self.ch_pred, self.ch_gold)
        share = self.chars_ok / self.chars if self.chars else 0.0
        return (
            f"{label:<14} links {self.gold:4d}  strict P {p:.3f} R {r:.3f} F1 {f:.3f}  "
            f"tol1 P {pt:.3f} R {rt:.3f} F1 {ft:.3f}  aligned {share:.1%}  "
            f"changed P {cp:.2f} R {cr:.2f} ({self.ch_tp}/{self.ch_pred} pred, {self.ch_gold} gold)"
        )


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).replace(" ", "").lower()


def evaluate(pair: GoldPair, show_errors: bool = False, cache_dir: Path | None = None) -> Score:
    docs, spans, owners = [], [], []
    for side in (0, 1):
        text, sp, ow = build_side(pair, side)
        docs.append(parse_document(text, f"{pair.name}_{'ab'[side]}"))
        spans.append(sp)
        owners.append(ow)
    sents = [frames(d)["sentences"] for d in docs]
    claims = claims_frame(docs)
    result = align_renderings(sents[0], sents[1], claims, cache_dir=cache_dir)
    # Map parsed sentence ids to gold sentence indices.
    gmap = []
    for side in (0, 1):
        s = sents[side]
        gmap.append(
            {int(r.sentence_id): gold_sentence_of(spans[side], int(r.start), int(r.end)) for r in s.itertuples()}
        )
    gold_links, offset_a, offset_b = set(), 0, 0
    for a, b in pair.links:
        ga = tuple(range(offset_a, offset_a + len(a)))
        gb = tuple(range(offset_b, offset_b + len(b)))
        offset_a, offset_b = offset_a + len(a), offset_b + len(b)
        if ga and gb:
            gold_links.add((ga, gb))
    pred_links = set()
    for row in result.alignment.itertuples():
        if not row.sentences_a or not row.sentences_b:
            continue
        ga = tuple(sorted({gmap[0][int(x)] for x in str(row.sentences_a).split()} - {-1}))
        gb = tuple(sorted({gmap[1][int(x)] for x in str(row.sentences_b).split()} - {-1}))
        if ga and gb:
            pred_links.add((ga, gb))
    sc = Score(pred=len(pred_links), gold=len(gold_links))
    sc.tp = len(pred_links & gold_links)

    def near(x: tuple[int, ...], y: tuple[int, ...]) -> bool:
        return abs(x[0] - y[0]) <= 1 and abs(x[-1] - y[-1]) <= 1

    for p in pred_links:
        if any(near(p[0], g[0]) and near(p[1], g[1]) for g in gold_links):
            sc.tp_tol += 1
    # Share of the translated (b) text aligned right: characters of b sentences whose gold link is predicted.
    right_b = {g for p in pred_links & gold_links for g in p[1]}
    for g, (s, e) in enumerate(spans[1]):
        sc.chars += e - s
        sc.chars_ok += (e - s) if g in right_b else 0
    # Fidelity: predicted `changed` rows against the gold's changed numbers (both surfaces present).
    gold_changed = [(k, a, b) for k, a, b in pair.changes if a and b]
    sc.ch_gold = len(gold_changed)
    fid = result.fidelity
    changed = fid[fid["verdict"] == "changed"]
    sc.ch_pred = len(changed)
    hit = set()
    for r in changed.itertuples():
        for n, (_, a, b) in enumerate(gold_changed):
            if (
                n not in hit
                and _norm(a) in _norm(str(r.surface_a)) + "|" + _norm(str(r.context_a))
                and _norm(b)[:4] in _norm(str(r.surface_b)) + _norm(str(r.context_b))
            ):
                hit.add(n)
                sc.ch_tp += 1
                break
        else:
            if show_errors:
                print(f"  spurious changed: {r.surface_a!r} vs {r.surface_b!r}: {r.reason}")
    if show_errors:
        for n, (k, a, b) in enumerate(gold_changed):
            if n not in hit:
                print(f"  missed changed: link {k}: {a!r} => {b!r}")
        texts = [dict(zip(s["sentence_id"], s["text"], strict=True)) for s in sents]
        for p in sorted(pred_links - gold_links):
            print(f"  wrong link: {p}")
        for g in sorted(gold_links - pred_links):
            print(f"  missed link: {g}")
        del texts
    return sc


def speed(n: int) -> None:
    import resource
    import tempfile

    pairs = [load_pair(p) for p in sorted(GOLD.glob("*.tsv"))]
    side_a = [s for p in pairs for a, _ in p.links for s in a]
    side_b = [s for p in pairs for _, b in p.links for s in b]

    def frame(doc_id: str, texts: list[str]) -> pd.DataFrame:
        texts = [f"{t} ({k // len(texts) + 1})" if k >= len(texts) else t for k, t in enumerate(texts * 8)][:n]
        rows, pos = [], 0
        for i, t in enumerate(texts):
            rows.append(
                dict(doc_id=doc_id, sentence_id=i, block_id=i // 5, start=pos, end=pos + len(t), lang="", text=t)
            )
            pos += len(t) + 1
        return pd.DataFrame(rows)

    a, b = frame("speed_a", side_a), frame("speed_b", side_b)
    with tempfile.TemporaryDirectory() as cache:
        t, c = time.perf_counter(), time.process_time()
        cold = align_renderings(a, b, None, cache_dir=Path(cache))
        t_cold, c_cold = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        warm = align_renderings(a, b, None, cache_dir=Path(cache))
        t_warm, c_warm = time.perf_counter() - t, time.process_time() - c
    same = cold.alignment.equals(warm.alignment)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} x {n} sentences: cold {t_cold:.1f}s wall / {c_cold:.1f}s CPU ({2 * n / c_cold:.0f} sentences/s "
          f"per CPU second), warm {t_warm:.2f}s wall / {c_warm:.2f}s CPU, warm == cold: {same}, "
          f"peak memory {peak:.0f} MB")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", nargs="*", default=None)
    ap.add_argument("--show-errors", default="", help="print the errors of this (dev) pair")
    ap.add_argument("--cache", default="", help="embedding cache folder (default: none, every run embeds cold)")
    ap.add_argument("--speed", type=int, default=0, help="time one pair of N-sentence renderings instead")
    args = ap.parse_args(argv)
    if args.speed:
        speed(args.speed)
        return 0
    paths = sorted(GOLD.glob("*.tsv"))
    parts = {"dev": Score(), "held-out": Score()}
    for path in paths:
        if args.pairs and path.stem not in args.pairs:
            continue
        pair = load_pair(path)
        show = args.show_errors == pair.name and pair.name not in HELD_OUT
        t = time.perf_counter()
        sc = evaluate(pair, show, Path(args.cache) if args.cache else None)
        part = "held-out" if pair.name in HELD_OUT else "dev"
        parts[part].add(sc)
        print(sc.line(pair.name) + f"  {time.perf_counter() - t:.1f}s", flush=True)
    for part, sc in parts.items():
        if sc.gold:
            print(sc.line(part))
    return 0


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    sys.exit(main())
