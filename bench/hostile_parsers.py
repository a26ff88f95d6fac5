"""Hostile inputs for the parsers: YAML front matter, JSON transcripts, timings, captions, the ledger.

Each generator returns ``(name, filename, bytes)``. ``DOCUMENTS`` are seed
files (put ``filename`` in a seeds folder); ``LEDGERS`` are reference ledgers
(pass the file as ``--ledger``). Every case must end, within seconds and in
bounded memory, either read correctly or as a named error for its document
(or, for a ledger, a reported ledger problem while the rest builds); the
expectation of each is in ``EXPECTED``. Sizes are those that broke the build
before (issue 32); ``scale`` shrinks the big ones for quick tests.

    .venv/bin/python bench/hostile_parsers.py OUT_DIR   # writes OUT_DIR/seeds/* and OUT_DIR/ledgers/*
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

_LEDGER_HEADER = (
    "topic_key,topic,measure,value,value_low,value_high,unit,base_unit,scale,as_of,statement,source_title,source_url\n"
)
_LEDGER_ROW = "k{n},gpu_count,,350000,,,GPUs,gpu,,2024-01,Meta has 350k H100s,Meta blog,https://example.com/{n}\n"


def alias_bomb(levels: int = 9) -> str:
    """YAML whose last alias expands to 9**levels values (nine levels: 387 million)."""
    text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, levels):
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n"
    return text + f"title: *a{levels - 1}\nguests: *a{levels - 1}\n"


def front_matter_alias_bomb() -> tuple[str, str, bytes]:
    """The 427-byte Markdown file that took 115 s and 4.2 GB."""
    text = "---\n" + alias_bomb() + "---\n\nMeta hat 350.000 GPUs.\n"
    return "front matter alias bomb", "bomb.md", text.encode()


def front_matter_deep() -> tuple[str, str, bytes]:
    text = "---\nx: " + "[" * 900 + "]" * 900 + "\n---\n\nMeta hat 350.000 GPUs.\n"
    return "front matter nested 900 deep", "deep_front.md", text.encode()


def front_matter_huge(scale: float = 1.0) -> tuple[str, str, bytes]:
    lines = "".join(f"k{i}: value {i}\n" for i in range(int(200_000 * scale)))
    text = "---\n" + lines + "---\n\nMeta hat 350.000 GPUs.\n"
    return "front matter of megabytes (read as text)", "huge_front.md", text.encode()


def _deep(prefix: str, depth: int) -> bytes:
    return (prefix + "[" * depth + "]" * depth + "}").encode()


def json_deep_whisper(depth: int = 100_000) -> tuple[str, str, bytes]:
    return "Whisper JSON nested 100,000 deep", "deep_whisper.json", _deep('{"segments": ', depth)


def json_deep_json3(depth: int = 100_000) -> tuple[str, str, bytes]:
    return "json3 nested 100,000 deep", "deep_json3.json", _deep('{"events": ', depth)


def json_deep_deepgram(depth: int = 100_000) -> tuple[str, str, bytes]:
    return "Deepgram JSON nested 100,000 deep", "deep_deepgram.json", _deep('{"results": {"channels": ', depth) + b"}"


def _whisper(start: str) -> bytes:
    return (
        '{"segments": [{"start": 0.0, "end": 2.0, "text": " Meta hat 350.000 GPUs."},'
        f' {{"start": {start}, "end": 4.0, "text": " Das ist viel."}}]}}'
    ).encode()


def whisper_start_overflow() -> tuple[str, str, bytes]:
    return "Whisper start 1e400", "start_inf.json", _whisper("1e400")


def whisper_start_nan() -> tuple[str, str, bytes]:
    return "Whisper start NaN", "start_nan.json", _whisper("NaN")


def whisper_start_huge_int() -> tuple[str, str, bytes]:
    return "Whisper start of 400 digits", "start_big.json", _whisper("1" + "0" * 400)


def assemblyai_start_nan() -> tuple[str, str, bytes]:
    text = '{"utterances": [{"start": NaN, "end": 2000, "speaker": "A", "text": "Meta hat 350.000 GPUs."}]}'
    return "AssemblyAI start NaN", "aai_nan.json", text.encode()


def json3_start_huge() -> tuple[str, str, bytes]:
    text = '{"events": [{"tStartMs": ' + "9" * 400 + ', "dDurationMs": 2000, "segs": [{"utf8": "Meta hat 350.000 GPUs."}]}]}'
    return "json3 tStartMs of 400 digits", "json3_big.json", text.encode()


def deepgram_start_inf() -> tuple[str, str, bytes]:
    data = {"results": {"channels": [{"alternatives": [{"transcript": "Meta hat 350.000 GPUs.", "paragraphs": {
        "paragraphs": [{"speaker": 0, "sentences": [{"text": "Meta hat 350.000 GPUs.", "start": "START"}]}]}}]}]}}
    return "Deepgram start -Infinity", "dg_inf.json", json.dumps(data).replace('"START"', "-Infinity").encode()


def whisper_tsv_huge_start() -> tuple[str, str, bytes]:
    text = "start\tend\ttext\n0\t2000\tMeta hat 350.000 GPUs.\n" + "9" * 5000 + "\t4000\tDas ist viel.\n"
    return "Whisper TSV start of 5,000 digits", "tsv_big.tsv", text.encode()


def whisper_tsv_superscript() -> tuple[str, str, bytes]:
    text = "start\tend\ttext\n0\t2000\tMeta hat 350.000 GPUs.\n²\t4000\tDas ist viel.\n"
    return "Whisper TSV start '²'", "tsv_sup.tsv", text.encode()


def vtt_long_voice(cues: int = 3000, name_chars: int = 20_000) -> tuple[str, str, bytes]:
    """A 20 KB ``<v>`` name carried over 3,000 cues (809 MB of output before)."""
    name = "N" * name_chars
    body = "".join(
        f"{i // 60:02d}:{i % 60:02d}.000 --> {i // 60:02d}:{i % 60:02d}.900\n" + (f"<v {name}>" if i == 0 else "") + f"Satz {i} hier.\n\n"
        for i in range(cues)
    )
    return "WebVTT with a 20 KB voice name", "long_voice.vtt", ("WEBVTT\n\n" + body).encode()


def vtt_srt_timings() -> tuple[str, str, bytes]:
    text = "WEBVTT\n\n00:00:01,000 --> 00:00:04,000\nMeta hat 350.000 GPUs.\n\n00:00:05,000 --> 00:00:08,000\nDas ist viel.\n"
    return "WebVTT with SubRip timings", "srt_timings.vtt", text.encode()


def vtt_no_cues() -> tuple[str, str, bytes]:
    text = "WEBVTT\n\nMeta hat 350.000 GPUs.\nDas ist viel.\n"
    return "WebVTT without timing lines", "no_cues.vtt", text.encode()


def ledger_long_field() -> tuple[str, str, bytes]:
    return "ledger with a 128 KB field", "long_field.csv", (_LEDGER_HEADER + _LEDGER_ROW.format(n=1).replace("Meta blog", "x" * 131_073)).encode()


def ledger_unbalanced_quote(rows: int = 1500) -> tuple[str, str, bytes]:
    """A quote opened on line 3 and never closed: the 1,500 rows after it (200 KB) become one field."""
    text = _LEDGER_HEADER + _LEDGER_ROW.format(n=1) + _LEDGER_ROW.format(n=2).replace("Meta blog", '"Meta blog')
    text += "".join(_LEDGER_ROW.format(n=n) for n in range(3, rows))
    return "ledger with a quote never closed", "open_quote.csv", text.encode()


DOCUMENTS: list[Callable[[], tuple[str, str, bytes]]] = [
    front_matter_alias_bomb, front_matter_deep, front_matter_huge, json_deep_whisper, json_deep_json3,
    json_deep_deepgram, whisper_start_overflow, whisper_start_nan, whisper_start_huge_int, assemblyai_start_nan,
    json3_start_huge, deepgram_start_inf, whisper_tsv_huge_start, whisper_tsv_superscript, vtt_long_voice,
    vtt_srt_timings, vtt_no_cues,
]
LEDGERS: list[Callable[[], tuple[str, str, bytes]]] = [ledger_long_field, ledger_unbalanced_quote]
# "error: <words in the message>" or "ok"; vtt_long_voice is ok with every speaker cut to 100 characters.
EXPECTED = {
    "bomb.md": "error: alias", "deep_front.md": "error: nested", "huge_front.md": "ok",
    "deep_whisper.json": "error: nested", "deep_json3.json": "error: nested", "deep_deepgram.json": "error: nested",
    "start_inf.json": "error: time", "start_nan.json": "error: time", "start_big.json": "error: time",
    "aai_nan.json": "error: time", "json3_big.json": "error: time", "dg_inf.json": "error: time",
    "tsv_big.tsv": "error: milliseconds", "tsv_sup.tsv": "error: milliseconds", "long_voice.vtt": "ok", "srt_timings.vtt": "ok",
    "no_cues.vtt": "error: timing line", "long_field.csv": "error: field limit", "open_quote.csv": "error: quote",
}


def main(out: str) -> None:
    for folder, cases in (("seeds", DOCUMENTS), ("ledgers", LEDGERS)):
        (Path(out) / folder).mkdir(parents=True, exist_ok=True)
        for case in cases:
            name, filename, data = case()
            (Path(out) / folder / filename).write_bytes(data)
            print(f"{folder}/{filename}\t{len(data):,} bytes\t{name}")


if __name__ == "__main__":
    main(sys.argv[1])
