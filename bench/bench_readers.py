"""Transcript readers: throughput per format, and what each fixture yields.

1. Throughput: every fixture in ``tests/fixtures/formats/`` is grown to about
   ``--chars`` characters by repeating its body (cues, segments, rows or turns;
   headers and front matter once), then read with ``formats.read`` (detection
   and reader) and parsed end to end with ``parse_document`` (reader, sentence
   splitting, language); characters per second of each, best of ``--repeat``.
2. Coverage per format over the fixtures: sentences, claims, share of
   sentences with a speaker (of those in files whose format states speakers),
   share with a timestamp (of those in files that have timestamps), and format
   debris: sentences whose text holds structure (timing arrows, tags, JSON keys,
   list indices, timestamp links) and claims whose surface holds structure or a
   digit outside the analysed text.

    .venv/bin/python bench/bench_readers.py [--chars 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from pathlib import Path

from helpers.claims.extract import extract_claims
from helpers.text.decode import read_document
from helpers.text.formats import front_matter, read
from helpers.text.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
DEBRIS = re.compile(
    r"-->|&(?:amp|lt|gt|quot|nbsp);|<\/?(?:c|v|i|b|u|font|ruby|rt|lang|span)\b[^>]*>|\{\\|\"(?:utf8|tOffsetMs|tStartMs|punctuated_word|transcript)\"|<\d{1,2}:\d{2}|\b\d{1,2}:\d{2}:\d{2}[.,]\d{3}\b|\balign:|\bposition:\d|"
    r"\bWEBVTT\b|\"(?:start|end|text|speaker|segments|tokens|words)\"\s*:|\bSPEAKER_\d|\]\(https?:|[#&]t=\d|"
    r"^\s*\d+\.\s+\[|\*\*|^\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s|\(\d{1,2}:\d{2}(?::\d{2})?\):?"
)


def grown(text: str, fmt: str, chars: int) -> str:
    """``text`` with its body repeated until it is about ``chars`` long, still in its format."""
    if fmt in ("asr-json", "json3"):
        data = json.loads(text)
        times = max(1, chars // len(text))
        if "results" in data:  # Deepgram: every rendering grows alike
            for channel in data["results"]["channels"]:
                for alt in channel["alternatives"]:
                    alt["transcript"] = " ".join([alt["transcript"]] * times)
                    if "words" in alt:
                        alt["words"] = alt["words"] * times
                    if "paragraphs" in alt:
                        alt["paragraphs"]["paragraphs"] = alt["paragraphs"]["paragraphs"] * times
            if "utterances" in data["results"]:
                data["results"]["utterances"] = data["results"]["utterances"] * times
        else:
            key = next(k for k in ("events", "segments", "chunks", "utterances") if k in data)
            data[key] = data[key] * times
        return json.dumps(data, ensure_ascii=text.isascii())
    span, _ = front_matter(text)
    head_end = span[1] if span else 0
    if fmt == "vtt":
        head_end = text.index("\n\n") + 2
    elif fmt == "whisper-tsv":
        head_end = text.index("\n") + 1
    head, body = text[:head_end], text[head_end:].rstrip("\n") + "\n\n"
    return head + body * max(1, (chars - len(head)) // len(body))


def rate(fn, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return len(text) / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    files = sorted(p for p in FIXTURES.iterdir() if p.name != "gold.yaml")
    docs = {p.name: parse_document(read_document(p).text, p.stem, path=p.name) for p in files}

    print(f"throughput (characters per second, best of {args.repeat}, inputs of ~{args.chars:,} characters)")
    print(f"{'fixture':28} {'format':13} {'read':>12} {'parse':>12}")
    for p in files:
        text = read_document(p).text
        fmt = docs[p.name].format
        big = grown(text, fmt, args.chars)
        r = rate(lambda t: read(t), big, args.repeat)
        q = rate(lambda t: parse_document(t, "bench"), big, args.repeat)
        print(f"{p.name:28} {fmt:13} {r:12,.0f} {q:12,.0f}")

    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name, d in docs.items():
        row = rows[d.format]
        row["files"] += 1
        claims = extract_claims(d)
        row["sentences"] += len(d.sentences)
        row["claims"] += len(claims)
        body = [s for s in d.sentences if s.block_kind != "heading"]
        if any(s.speaker for s in body):
            row["labelled"] += len(body)
            row["with_speaker"] += sum(1 for s in body if s.speaker)
        if any(s.timestamp for s in body):
            row["timed"] += len(body)
            row["with_timestamp"] += sum(1 for s in body if s.timestamp)
        row["debris_sentences"] += sum(1 for s in d.sentences if DEBRIS.search(s.text))
        inside = {i for s in d.sentences for a, b in (s.pieces or [(s.start, s.end)]) for i in range(a, b)}

        def debris(c) -> bool:
            if DEBRIS.search(c.surface) or "<" in c.surface:
                return True
            if d.text[c.start : c.end] != c.surface:  # structure between its words: the analysed words
                return c.surface not in d.sentences[c.sentence_id].text
            return any(ch.isdigit() and c.start + k not in inside for k, ch in enumerate(c.surface))

        row["debris_claims"] += sum(1 for c in claims if debris(c))

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.0f}% ({a}/{b})" if b else "n/a"

    print()
    print("| format | files | sentences | claims | speaker coverage | timestamp coverage | debris in sentences | debris in claims |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for fmt in sorted(rows):
        r = rows[fmt]
        print(
            f"| {fmt} | {r['files']} | {r['sentences']} | {r['claims']} | {pct(r['with_speaker'], r['labelled'])} | "
            f"{pct(r['with_timestamp'], r['timed'])} | {r['debris_sentences']} | {r['debris_claims']} |"
        )


if __name__ == "__main__":
    main()
