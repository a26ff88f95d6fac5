"""Turn a speaker-labelled dialogue script into unlabelled text plus turn gold.

Scripts (tests/fixtures/speakers/scripts/*.txt) hold one turn per line as
``Name: words``; a first line ``# Title`` is the author's. The labels are the
gold; the rendering drops them the way transcripts reach us without labels,
varied per document so the decoder meets every kind of boundary:

* ``paragraphs``: one paragraph per turn, a long turn sometimes split over
  two paragraphs;
* ``runon``: as above, but a short turn is often run into the paragraph of the
  turn before it (the gold then starts the turn inside the line);
* ``lines``: one line per turn with no blank lines between them.

The choice of where to split or join is seeded by the script's name, so the
fixtures regenerate byte for byte.

Usage: .venv/bin/python bench/unlabel_dialogue.py SCRIPT MODE OUT_TEXT OUT_TURNS_CSV
"""

from __future__ import annotations

import csv
import random
import re
import sys
import zlib
from pathlib import Path

SPLIT_SHARE = 0.35  # long turns split over two paragraphs
JOIN_SHARE = 0.5  # short turns run into the paragraph before (runon)
LONG_CHARS = 160
SHORT_CHARS = 70
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*")  # "U.S." is no sentence end


def _sentences(s: str) -> list[str]:
    return [p for p in _SENTENCE_END.split(s) if p.strip()]


def render(script: str, mode: str, seed: str) -> tuple[str, list[tuple[int, str, str, str]]]:
    rng = random.Random(zlib.crc32(seed.encode()))
    lines = [x.rstrip() for x in script.splitlines() if x.strip()]
    out: list[str] = []  # output lines
    gold: list[tuple[int, str, str, str]] = []  # line, prefix, speaker, note
    if lines and lines[0].startswith("# "):
        out += [lines.pop(0)[2:], ""]
        gold.append((1, "", "", "title"))
    sep = [] if mode == "lines" else [""]
    ja = any("\u3040" <= ch <= "\u30ff" for ch in script)
    for raw in lines:
        who, _, words = raw.partition(":")
        words = words.strip()
        if mode == "runon" and out and out[-1] and len(words) <= SHORT_CHARS and rng.random() < JOIN_SHARE:
            out[-1] += ("" if ja else " ") + words
            gold.append((len(out), words[:16], who.strip(), "run into the paragraph before"))
            continue
        if out and out[-1] != "" and sep:
            out += sep
        sents = _sentences(words)
        if mode != "lines" and len(words) >= LONG_CHARS and len(sents) >= 3 and rng.random() < SPLIT_SHARE:
            k = rng.randint(1, len(sents) - 1)
            joiner = "" if ja else " "
            out.append(joiner.join(sents[:k]))
            gold.append((len(out), "", who.strip(), "one turn over two paragraphs"))
            out += ["", joiner.join(sents[k:])]
            continue
        out.append(words)
        gold.append((len(out), "", who.strip(), ""))
    return "\n".join(out) + "\n", gold


def main(argv: list[str]) -> int:
    script, mode, text_out, turns_out = argv
    text, gold = render(Path(script).read_text("utf-8"), mode, Path(script).stem)
    Path(text_out).write_text(text, "utf-8")
    with open(turns_out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["line", "prefix", "speaker", "note"])
        w.writerows(gold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
