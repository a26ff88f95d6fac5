"""Sentence cuts at a number and a period, and Latin-letter speaker labels: scores against hand-annotated gold.

Gold: tests/fixtures/text6/sentence_gold.yaml (German ordinals "am 3. Oktober", "ihren 100. Geburtstag",
sentences ending in a number, English "No. 1", "vs.", "approx. 3") and tests/fixtures/text6/label_gold.yaml
(Japanese and German transcripts with Latin-letter labels "zabo:", "Ken:", "A:", and lines that only look
like labels: "Note: …", "Update: …", "10:30: …"). Each set has a dev and a heldout split.

* sentences: an item is right when ``split_sentences`` returns exactly its sentences; also boundary
  precision/recall over all cuts.
* labels: a line is right when its sentences start after its label and carry that speaker, or, for a
  line annotated as no label, when its first sentence starts where the line starts.

Usage: .venv/bin/python bench/eval_boundaries.py [--quiet]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from helpers.text.parse import parse_document
from helpers.text.segment import split_sentences

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "text6"


def sentence_items() -> list[dict]:
    return yaml.safe_load((GOLD / "sentence_gold.yaml").read_text(encoding="utf-8"))["items"]


def label_docs() -> list[dict]:
    return yaml.safe_load((GOLD / "label_gold.yaml").read_text(encoding="utf-8"))["docs"]


def _cuts(sentences: list[str]) -> set[int]:
    out, pos = set(), 0
    for s in sentences[:-1]:
        pos += len(s)
        out.add(pos)
        pos += 1
    return out


def score_sentences(split: str) -> tuple[int, int, int, int, int, list[str]]:
    """(items right, items, cuts right, cuts predicted, cuts gold, ids wrong)."""
    right = tp = npred = ngold = 0
    wrong: list[str] = []
    items = [it for it in sentence_items() if it["split"] == split]
    for it in items:
        text = " ".join(it["sentences"])
        got = [text[a:b] for a, b in split_sentences(text, it["lang"])]
        gold_cuts, pred_cuts = _cuts(it["sentences"]), _cuts(got)
        tp += len(gold_cuts & pred_cuts)
        npred += len(pred_cuts)
        ngold += len(gold_cuts)
        if got == it["sentences"]:
            right += 1
        else:
            wrong.append(it["id"])
    return right, len(items), tp, npred, ngold, wrong


def score_labels(split: str) -> tuple[int, int, list[str]]:
    """(lines right, lines, doc:line of the lines wrong)."""
    right = total = 0
    wrong: list[str] = []
    for doc in label_docs():
        if doc["split"] != split:
            continue
        text = "\n".join(line for _, line in doc["lines"]) + "\n"
        parsed = parse_document(text, doc["id"])
        pos = 0
        for k, (who, line) in enumerate(doc["lines"]):
            a, b = pos, pos + len(line)
            pos = b + 1
            inside = [s for s in parsed.sentences if a <= s.start < b]
            if who is None:
                ok = bool(inside) and inside[0].start == a
            else:
                colon = line.find(":") if ":" in line else line.find("：")
                ok = bool(inside) and all(s.start > a + colon and s.speaker == who for s in inside)
            total += 1
            right += ok
            if not ok:
                wrong.append(f"{doc['id']}:{k}")
    return right, total, wrong


def main(argv: list[str]) -> None:
    quiet = "--quiet" in argv
    for split in ("dev", "heldout"):
        r, n, tp, npred, ngold, wrong = score_sentences(split)
        prec = tp / npred if npred else 1.0
        rec = tp / ngold if ngold else 1.0
        line = f"sentences {split}: {r}/{n} items exact, cuts precision {prec:.3f} recall {rec:.3f}"
        print(line + ("" if quiet or split == "heldout" else f"  wrong: {wrong}"))
        lr, ln, lwrong = score_labels(split)
        print(f"labels {split}: {lr}/{ln} lines right" + ("" if quiet or split == "heldout" else f"  wrong: {lwrong}"))


if __name__ == "__main__":
    main(sys.argv[1:])
