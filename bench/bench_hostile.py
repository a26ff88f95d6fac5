"""Hostile inputs for the text stage: time and peak memory of ``parse`` and ``claims`` on each.

Every case is a generator of one document shaped to hit a slow path (a run of
dots, a line of spaces, one 1 MB line, 200,000 caption cues …). Each is written
to a temporary folder and run through ``python -m helpers parse FILE`` and
``python -m helpers claims FILE`` in a fresh process, so the figures include the
process start (the ``baseline`` case is an empty-ish document: subtract it) and
the peak memory is that process's own (``os.wait4``'s rusage).

    .venv/bin/python bench/bench_hostile.py                 # every case at its issue size
    .venv/bin/python bench/bench_hostile.py --case dots_run --case srt_cues
    .venv/bin/python bench/bench_hostile.py --scale 0.1     # smaller inputs
    .venv/bin/python bench/bench_hostile.py --big           # adds the 50 MB caption file
    .venv/bin/python bench/bench_hostile.py --timeout 60    # a case still running is reported as "> 60 s"

Other stages add their cases to ``CASES`` (name -> (file name, generator of the
text at a scale)); ``tests/test_hostile_text.py`` runs the text ones in-process
at a small size.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Generator = Callable[[float], str]

_SENTENCE = "Meta trained Llama 3 on 15 trillion tokens and plans 350,000 H100s by the end of 2024. "


def _n(base: int, scale: float) -> int:
    return max(1, int(base * scale))


def baseline(scale: float) -> str:
    return "Meta trained Llama 3 on 15 trillion tokens.\n"


def dots_run(scale: float) -> str:
    # A table-of-contents line copied from a PDF: 60 dots hung the build.
    return "Contents\n\nIntroduction" + "." * _n(2000, scale) + "1\nMethods" + "." * _n(2000, scale) + "7\n"


def spaces_heading(scale: float) -> str:
    return "# Title" + " " * _n(6000, scale) + "x\n\nSome text follows here.\n"


def spaces_caption(scale: float) -> str:
    cues = []
    for k in range(3):
        cues.append(f"{k + 1}\n00:00:0{k},000 --> 00:00:0{k + 1},000\n" + " " * _n(3000, scale) + "x\n")
    return "\n".join(cues)


def one_line(scale: float) -> str:
    n = _n(1_000_000, scale)
    return (_SENTENCE * (n // len(_SENTENCE) + 1))[:n] + "\n"


def one_line_unpunctuated(scale: float) -> str:
    n = _n(1_000_000, scale)
    words = "meta trained llama on fifteen trillion tokens and plans many gpus by the end of the year "
    return (words * (n // len(words) + 1))[:n] + "\n"


def one_line_japanese(scale: float) -> str:
    n = _n(1_000_000, scale)
    sentence = "メタは2024年末までにH100を35万個導入する予定だと述べた。"
    return (sentence * (n // len(sentence) + 1))[:n] + "\n"


def no_spaces(scale: float) -> str:
    n = _n(1_000_000, scale)
    word = "Metatrained15trillionTokens,350.000H100s;"
    return (word * (n // len(word) + 1))[:n] + "\n"


def numbers(scale: float) -> str:
    return " ".join(str(1000 + k) for k in range(_n(100_000, scale))) + "\n"


def srt_cues(scale: float) -> str:
    out = []
    for k in range(_n(200_000, scale)):
        out.append(f"{k + 1}\n{_srt_time(k)} --> {_srt_time(k + 1)}\nLine {k} of the talk, 15 tokens\n")
    return "\n".join(out)


def _srt_time(s: int) -> str:
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d},000"


def json_segments(scale: float) -> str:
    segs = [{"start": k, "end": k + 1, "text": f" Segment {k} says 15 tokens"} for k in range(_n(200_000, scale))]
    return json.dumps({"text": "", "segments": segs})


def caption_file_50mb(scale: float) -> str:
    return srt_cues(scale * 50_000_000 / 9_500_000)


# name -> (file name, generator). Other areas extend this list with their own cases.
CASES: dict[str, tuple[str, Generator]] = {
    "baseline": ("baseline.txt", baseline),
    "dots_run": ("dots.txt", dots_run),
    "spaces_heading": ("heading.md", spaces_heading),
    "spaces_caption": ("spaces.srt", spaces_caption),
    "one_line_1mb": ("one_line.txt", one_line),
    "one_line_unpunctuated_1mb": ("one_line_words.txt", one_line_unpunctuated),
    "one_line_japanese_1mb": ("one_line_ja.txt", one_line_japanese),
    "no_spaces_1mb": ("no_spaces.txt", no_spaces),
    "numbers_100k": ("numbers.txt", numbers),
    "srt_cues_200k": ("cues.srt", srt_cues),
    "json_segments_200k": ("segments.json", json_segments),
}
BIG_CASES: dict[str, tuple[str, Generator]] = {"caption_file_50mb": ("big.srt", caption_file_50mb)}


def run(cmd: list[str], timeout: float) -> tuple[float | None, float, float]:
    """(wall seconds or None on timeout, CPU seconds, peak MB) of one command in its own process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return None, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode(errors="replace").strip().splitlines()
        print(f"    {' '.join(cmd[-2:])} exited {proc.returncode}: {err[-1] if err else ''}", file=sys.stderr)
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", action="append", help="run only this case (repeatable)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every case's size")
    ap.add_argument("--big", action="store_true", help="include the 50 MB caption file")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a command counts as hung")
    args = ap.parse_args()
    cases = dict(CASES, **(BIG_CASES if args.big else {}))
    names = args.case or list(cases)
    print(f"{'case':<20} {'MB':>7} {'stage':<7} {'wall s':>8} {'CPU s':>7} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        for name in names:
            file_name, make = cases[name]
            path = Path(tmp) / file_name
            path.write_text(make(args.scale), encoding="utf-8")
            size = path.stat().st_size / 1e6
            for stage in ("parse", "claims"):
                wall, cpu, peak = run([sys.executable, "-m", "helpers", stage, str(path)], args.timeout)
                shown = f"> {args.timeout:.0f}" if wall is None else f"{wall:.2f}"
                print(f"{name:<20} {size:>7.2f} {stage:<7} {shown:>8} {cpu:>7.2f} {peak:>8.0f}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
