"""Speakers carried over along the alignment, scored on the gold pairs of ``eval_align``.

The gold pairs have no speakers, so each pair's first rendering is given
labelled turns (runs of 1 to 6 gold links, speakers taking turns) and the
second none; after alignment, each sentence of the second rendering that has
a gold partner should carry its partner's speaker. Prints per pair the share
of such sentences that carry a speaker (recall), the share of carried speakers
that are right (precision), and the mean confidence of right and wrong ones.
Turns change at links only, so the score is that of the alignment at turn
boundaries. ``talk_en_ja`` is held out: only its aggregate figure is read.

    PYTHONPATH=src python bench/eval_carry.py [--cache DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_align import GOLD, HELD_OUT, build_side, gold_sentence_of, load_pair  # noqa: E402

from helpers.analysis.align import align_renderings  # noqa: E402
from helpers.text.frames import frames  # noqa: E402
from helpers.text.parse import parse_document  # noqa: E402

TURNS = (3, 1, 5, 2, 6, 4)  # gold links per turn, cycling
SPEAKERS = ("Speaker One", "Speaker Two", "Speaker Three")


def link_speakers(n_links: int) -> list[str]:
    out, k = [], 0
    while len(out) < n_links:
        out += [SPEAKERS[k % len(SPEAKERS)]] * TURNS[k % len(TURNS)]
        k += 1
    return out[:n_links]


def evaluate(path: Path, cache: Path | None) -> tuple[int, int, int, list[float], list[float]]:
    """(sentences with a gold partner, carried, carried right, confidences right, confidences wrong)."""
    pair = load_pair(path)
    who = link_speakers(len(pair.links))
    sents, owners = [], []
    for side in (0, 1):
        text, spans, owner = build_side(pair, side)
        s = frames(parse_document(text, f"{pair.name}_{'ab'[side]}"))["sentences"]
        links = [owner[g] if g >= 0 else -1 for g in (gold_sentence_of(spans, int(a), int(b))
                                                       for a, b in zip(s["start"], s["end"], strict=True))]  # fmt: skip
        owners.append(links)
        sents.append(s)
    a, b = sents
    a["speaker"] = [who[k] if k >= 0 else "" for k in owners[0]]
    a["attribution"], a["speaker_confidence"] = "labelled", 1.0
    b["speaker"], b["attribution"], b["speaker_confidence"] = "", "unknown", 0.0
    res = align_renderings(a, b, None, cache_dir=cache)
    has_partner = {k for k, (x, y) in enumerate(pair.links) if x and y}
    got = res.sentences_b.set_index("sentence_id")
    n = carried = right = 0
    conf_right, conf_wrong = [], []
    for sid, k in zip(b["sentence_id"], owners[1], strict=True):
        if k < 0 or k not in has_partner:
            continue
        n += 1
        row = got.loc[sid]
        if row["attribution"] != "aligned":
            continue
        carried += 1
        ok = row["speaker"] == who[k]
        right += ok
        (conf_right if ok else conf_wrong).append(float(row["speaker_confidence"]))
    return n, carried, right, conf_right, conf_wrong


def _mean(xs: list[float]) -> str:
    return f"{sum(xs) / len(xs):.3f}" if xs else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", default="", help="embedding cache folder")
    args = ap.parse_args(argv)
    totals: dict[str, list] = {"dev": [0, 0, 0, [], []], "held-out": [0, 0, 0, [], []]}
    for path in sorted(GOLD.glob("*.tsv")):
        res = evaluate(path, Path(args.cache) if args.cache else None)
        part = "held-out" if path.stem in HELD_OUT else "dev"
        for i, v in enumerate(res):
            totals[part][i] += v
        if part == "dev":
            print(_line(path.stem, res))
    for part, t in totals.items():
        print(_line(part, tuple(t)))  # type: ignore[arg-type]
    return 0


def _line(label: str, r: tuple) -> str:
    n, carried, right, cr, cw = r
    return (f"{label:<14} sentences {n:4d}  carried {carried / n:.1%}  right {right / max(carried, 1):.1%}  "
            f"confidence right {_mean(cr)} wrong {_mean(cw)}")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
