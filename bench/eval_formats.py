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

    .venv/bin/python bench/eval_formats.py [--fixtures a.txt,b.md]
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


def score(name: str, want: dict) -> dict[str, int]:
    doc = parse_file(FIXTURES / name)
    gold = want["sentences"]
    matched = align(gold, doc.sentences)
    row = {"claims": 0, "debris": 0, "labelled": 0, "speaker_ok": 0, "timed": 0, "time_ok": 0}
    for (ts, speaker, _), k in zip(gold, matched):
        got = doc.sentences[k] if k is not None else None
        if speaker is not None:
            row["labelled"] += 1
            row["speaker_ok"] += int(got is not None and got.speaker == speaker)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fixtures", help="comma-separated fixture names (default: all in gold.yaml)")
    args = ap.parse_args()
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    names = args.fixtures.split(",") if args.fixtures else sorted(gold)

    total = {"claims": 0, "debris": 0, "labelled": 0, "speaker_ok": 0, "timed": 0, "time_ok": 0}
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
