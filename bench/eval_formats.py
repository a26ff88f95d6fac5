"""Transcript label forms: format debris in claims, speaker and timestamp accuracy against the gold readings.

Every fixture listed in ``tests/fixtures/formats/gold.yaml`` is parsed end to
end (``parse_file``) and compared with its hand-written reading:

- debris in claims: claims whose surface is not part of any sentence the gold
  says is there, i.e. that come from a label, a timestamp, a link, a reference
  list or other structure read as text (also any claim the structure pattern
  of ``tests/test_formats.py`` matches);
- speaker accuracy: of the gold sentences with a speaker, the share whose
  parsed sentence has that speaker;
- timestamp accuracy: of the gold sentences with a timestamp, the share whose
  parsed sentence has that time (compared in seconds, so ``0:03`` = ``00:00:03``).

A gold sentence is matched to the first parsed sentence, from where the last
match was, whose text contains it or is contained in it (labels read as text
still match their words); a gold sentence without a match counts as wrong.

``--labels`` scores the speaker-label fixtures of ``tests/fixtures/formats/labels``
instead, with two more figures: false labels (gold sentences without a speaker,
as in the negative fixtures of prose with colons, times and datelines, that are
read with a label's speaker: attribution ``labelled``) and exact text (gold sentences read as exactly their words: no
label, turn mark or neighbouring turn in them). Fixtures marked ``split: heldout``
are printed only as an aggregate.

    .venv/bin/python bench/eval_formats.py [--fixtures a.txt,b.md] [--labels]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

from helpers.claims.extract import extract_claims
from helpers.text.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
GOLD = FIXTURES / "gold.yaml"
LABELS = FIXTURES / "labels"
KEYS = (
    "claims",
    "debris",
    "labelled",
    "speaker_ok",
    "timed",
    "time_ok",
    "unlabelled",
    "false_label",
    "sentences",
    "exact",
)
# Same pattern as tests/test_formats.py: structure that leaked into analysed text.
DEBRIS = re.compile(
    r"-->|&(?:amp|lt|gt|quot|nbsp);|<\/?(?:c|v|i|b|u|font|ruby|rt|lang|span)\b[^>]*>|\{\\|\"(?:utf8|tOffsetMs|tStartMs|punctuated_word|transcript)\"|<\d{1,2}:\d{2}|\b\d{1,2}:\d{2}:\d{2}[.,]\d{3}\b|\balign:|\bposition:\d|"
    r"\bWEBVTT\b|\"(?:start|end|text|speaker|segments|tokens|words)\"\s*:|\bSPEAKER_\d|\]\(https?:|[#&]t=\d|"
    r"^\s*\d+\.\s+\[|\*\*|^\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s|\(\d{1,2}:\d{2}(?::\d{2})?\):?"
)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _seconds(ts: str | None) -> float | None:
    if ts is None:
        return None
    total = 0.0
    for part in ts.split(":"):
        total = total * 60 + float(part.replace(",", "."))
    return total


def align(gold: list[list], parsed: list) -> list[int | None]:
    """Index of the parsed sentence each gold sentence is read as (None: not found); monotone."""
    texts = [_norm(s.text) for s in parsed]
    out: list[int | None] = []
    j = 0
    for _, _, text in gold:
        want = _norm(text)
        hit = next((k for k in range(j, len(texts)) if want in texts[k] or (texts[k] and texts[k] in want)), None)
        out.append(hit)
        if hit is not None:
            j = hit
    return out


def score(name: str, want: dict, folder: Path = FIXTURES) -> dict[str, int]:
    doc = parse_file(folder / name)
    gold = want["sentences"]
    matched = align(gold, doc.sentences)
    row = dict.fromkeys(KEYS, 0)
    for (ts, speaker, text), k in zip(gold, matched):
        got = doc.sentences[k] if k is not None else None
        row["sentences"] += 1
        row["exact"] += int(got is not None and _norm(got.text) == _norm(text))
        if speaker is not None:
            row["labelled"] += 1
            row["speaker_ok"] += int(got is not None and got.speaker == speaker)
        else:
            row["unlabelled"] += 1
            row["false_label"] += int(got is not None and got.attribution == "labelled")
        if ts is not None:
            row["timed"] += 1
            row["time_ok"] += int(got is not None and _seconds(got.timestamp) == _seconds(ts))
    spoken = [_norm(text) for _, _, text in gold]
    for c in extract_claims(doc):
        row["claims"] += 1
        surface = _norm(c.surface)
        if DEBRIS.search(c.surface) or not any(surface in s for s in spoken):
            row["debris"] += 1
    return row


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}% ({a}/{b})" if b else "n/a"


def labels_report(names: list[str] | None) -> None:
    """The speaker-label fixtures: tuned ones row by row, held-out ones only in aggregate."""
    gold = yaml.safe_load((LABELS / "gold.yaml").read_text(encoding="utf-8"))
    names = names or sorted(gold)
    cols = ("debris in claims", "speaker accuracy", "timestamps", "false labels", "exact text")
    print("| " + " | ".join([f"{'fixture':26}"] + [f"{c:>17}" for c in cols]) + " |")
    print("| " + " | ".join([f"{'---':26}"] + [f"{'---':>17}" for _ in cols]) + " |")

    def line(label: str, r: dict[str, int]) -> None:
        cells = [
            pct(r["debris"], r["claims"]),
            pct(r["speaker_ok"], r["labelled"]),
            pct(r["time_ok"], r["timed"]),
            pct(r["false_label"], r["unlabelled"]),
            pct(r["exact"], r["sentences"]),
        ]
        print("| " + " | ".join([f"{label:26}"] + [f"{c:>17}" for c in cells]) + " |")

    for split in ("tuned", "heldout"):
        part = [n for n in names if gold[n].get("split", "tuned") == split]
        total = dict.fromkeys(KEYS, 0)
        for name in part:
            row = score(name, gold[name], LABELS)
            for key in total:
                total[key] += row[key]
            if split == "tuned":
                line(name, row)
        line(f"{split} ({len(part)} fixtures)", total)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fixtures", help="comma-separated fixture names (default: all in gold.yaml)")
    ap.add_argument("--labels", action="store_true", help="score the speaker-label fixtures (labels/gold.yaml)")
    args = ap.parse_args()
    if args.labels:
        labels_report(args.fixtures.split(",") if args.fixtures else None)
        return
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    names = args.fixtures.split(",") if args.fixtures else sorted(gold)

    total = dict.fromkeys(KEYS, 0)
    print(f"| {'fixture':26} | {'debris in claims':>18} | {'speaker accuracy':>18} | {'timestamp accuracy':>18} |")
    print(f"| {'---':26} | {'---':>18} | {'---':>18} | {'---':>18} |")
    for name in names:
        row = score(name, gold[name])
        for key in total:
            total[key] += row[key]
        print(
            f"| {name:26} | {pct(row['debris'], row['claims']):>18} | {pct(row['speaker_ok'], row['labelled']):>18} | "
            f"{pct(row['time_ok'], row['timed']):>18} |"
        )
    print(
        f"| {'all (' + str(len(names)) + ' fixtures)':26} | {pct(total['debris'], total['claims']):>18} | "
        f"{pct(total['speaker_ok'], total['labelled']):>18} | {pct(total['time_ok'], total['timed']):>18} |"
    )


if __name__ == "__main__":
    main()
