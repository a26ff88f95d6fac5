"""The hostile benchmark of issue 32: time and peak memory of each hostile input, per stage or per build.

Every case is a generator of one file shaped to hit a slow path or an unbounded
parser: the text-stage cases here (a run of dots, a line of spaces, one 1 MB
line, 200,000 caption cues …) and the parsers' documents and ledgers of
``bench/hostile_parsers.py`` (an alias bomb in front matter, JSON nested
100,000 deep, NaN timings, a FIFO or /dev/zero as the ledger …).

Without ``--build``, each text case runs through ``python -m helpers parse``
and ``claims`` in a fresh process (the figures include the process start: the
``baseline`` case is a one-line document, subtract it).

With ``--build``, every case is built alone (``python -m helpers build`` on a
seeds folder holding just that file, or the baseline document with the case
as ``--ledger``; the notebooks are a stub with nothing to run, so the figures
are extraction, analysis and the index) and reported as read ok, named as a
bad document (with its error), a refused ledger, or a build error (killed past
``--timeout`` or ``--max-mb``, a raw traceback, no row for the document).
Then every document case goes into one probe corpus, built at once with the
real notebooks, after planting records that name files outside the output
folder (a lockfile entry, a site manifest, a link to a secret file); the build
is published and the files outside must be untouched. Times are wall seconds
and CPU seconds (user + system, children included: on a loaded machine the
steadier figure); peak memory is the largest process's resident size.

    .venv/bin/python bench/bench_hostile.py                 # parse/claims of every text case at its issue size
    .venv/bin/python bench/bench_hostile.py --case dots_run --case srt_cues_200k
    .venv/bin/python bench/bench_hostile.py --scale 0.1     # smaller inputs
    .venv/bin/python bench/bench_hostile.py --big           # adds the 50 MB caption file
    .venv/bin/python bench/bench_hostile.py --build --timeout 60 --json after.json
    PYTHONPATH=/tmp/old/src .venv/bin/python bench/bench_hostile.py --build --json before.json  # old code
    .venv/bin/python bench/bench_hostile.py --compare before.json after.json   # the before/after table

(For old code, pass its notebooks too: ``--notebooks /tmp/old/notebooks``.)
``tests/test_hostile_text.py`` runs the text cases in-process at a small size,
``tests/test_probe_corpus.py`` builds the probe corpus at a small size.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

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


_parsers_path = Path(__file__).with_name("hostile_parsers.py")
_parsers_spec = importlib.util.spec_from_file_location("hostile_parsers", _parsers_path)
hostile_parsers = importlib.util.module_from_spec(_parsers_spec)
_parsers_spec.loader.exec_module(hostile_parsers)

ROOT = Path(__file__).resolve().parents[1]
# What each parser case gets at a scale below 1 (the others are small at any scale).
_SCALED = {
    "front_matter_huge": lambda s: {"scale": s},
    "vtt_long_voice": lambda s: {"cues": max(2, int(3000 * s))},
    "ledger_unbalanced_quote": lambda s: {"rows": max(4, int(1500 * s))},
}
FIFO, DEV_ZERO = "fifo.csv", "zero.csv"


class Case(NamedTuple):
    """One file of the probe corpus: a seed document, or a reference ledger built beside a good document."""

    name: str
    filename: str
    kind: str  # "document" or "ledger"
    expected: str  # "ok", or "error: <words the error names>"
    data: bytes | None  # None: a special file (a FIFO, a link to /dev/zero), made by place()


def probe_cases(scale: float = 1.0) -> list[Case]:
    """Every hostile case: the text-stage ones above, the parsers' documents and ledgers, two special ledgers."""
    cases = [Case(name, filename, "document", "ok", make(scale).encode()) for name, (filename, make) in CASES.items()]
    for kind, generators in (("document", hostile_parsers.DOCUMENTS), ("ledger", hostile_parsers.LEDGERS)):
        for make in generators:
            kwargs = _SCALED[make.__name__](scale) if make.__name__ in _SCALED and scale < 1 else {}
            _, filename, data = make(**kwargs)
            cases.append(Case(make.__name__, filename, kind, hostile_parsers.EXPECTED[filename], data))
    # A FIFO hung the build; /dev/zero filled the memory.
    cases.append(Case("ledger_fifo", FIFO, "ledger", "error: regular file", None))
    cases.append(Case("ledger_dev_zero", DEV_ZERO, "ledger", "error: regular file", None))
    return cases


def place(case: Case, folder: Path) -> Path:
    """Write ``case``'s file into ``folder``; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.filename
    if case.filename == FIFO:
        os.mkfifo(path)
    elif case.filename == DEV_ZERO:
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(case.data)
    return path


def stub_notebooks(folder: Path) -> Path:
    """A notebooks folder whose one pipeline notebook has nothing to run: the build extracts, analyses and indexes."""
    folder.mkdir(parents=True, exist_ok=True)
    empty = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "05_alignment.ipynb").write_text(json.dumps(empty), encoding="utf-8")
    return folder


# --- running one command, bounded ------------------------------------------------------------------

class Run(NamedTuple):
    seconds: float | None  # None: killed (see ``killed``)
    cpu: float  # user + system seconds of the command and the processes it waited for: less load-dependent than wall
    peak_mb: float  # the largest process of the command's group, at its peak (or when killed)
    status: int | None
    stdout: str
    stderr: str
    killed: str = ""

    def shown(self) -> str:
        return self.killed or f"{self.seconds:.1f} s"


def _group_rss_mb(pgid: int) -> float:
    """The resident size of the largest process in group ``pgid``, from /proc."""
    largest = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            largest = max(largest, int(stat.rsplit(")", 1)[1].split()[21]) * os.sysconf("SC_PAGE_SIZE"))
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return largest / 1e6


def run_bounded(cmd: list[str], timeout: float, max_mb: float, cwd: Path | None = None) -> Run:
    """Run ``cmd`` in its own process group; kill the group past ``timeout`` seconds or ``max_mb`` in one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, start_new_session=True)
        polled, killed, status, usage = 0.0, "", None, None
        while True:
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(wait_status)
                break
            polled = max(polled, _group_rss_mb(proc.pid))
            if time.perf_counter() - t0 > timeout:
                killed = f"timeout >{timeout:.0f} s"
            elif polled > max_mb:
                killed = f"killed at {polled:.0f} MB"
            if killed:
                os.killpg(proc.pid, signal.SIGKILL)
                _, _, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = None if killed else time.perf_counter() - t0
        proc.returncode = status
        out.seek(0)
        err.seek(0)
        text = (out.read().decode(errors="replace"), err.read().decode(errors="replace"))
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, max(polled, usage.ru_maxrss / 1024), status, *text, killed=killed)


def build_cmd(seeds: Path, out: Path, notebooks: Path, ledger: Path | None = None, jobs: int = 2) -> list[str]:
    return [sys.executable, "-m", "helpers", "build", "--seeds", str(seeds), "--out", str(out),
            "--notebooks", str(notebooks), "--ledger", str(ledger or ""), "--jobs", str(jobs)]


# --- what a build made of each case -----------------------------------------------------------------

def document_outcomes(out: Path) -> dict[str, tuple[str, str]]:
    """file name -> (status, error) from the build's documents.csv (empty when the build wrote none)."""
    path = out / "data" / "documents.csv"
    if not path.is_file():
        return {}
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as f:
        return {row["file"]: (row["status"], row.get("error", "")) for row in csv.DictReader(f)}


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def build_error(run: Run) -> str | None:
    """Why the build as a whole failed (killed, a raw traceback, no documents table), or None."""
    if run.killed:
        return run.killed
    if "Traceback (most recent call last)" in run.stderr + run.stdout:
        return f"raw traceback: {_last_line(run.stderr)}"
    return None


def outcome(case: Case, run: Run, out: Path) -> str:
    """"ok", "bad document: <its error>" / "ledger refused: <problem>", or "build error: <why>"."""
    if (error := build_error(run)) is not None:
        return f"build error: {error}"
    if case.kind == "ledger":
        said = [line for line in run.stdout.splitlines() if case.filename in line and line.startswith("[config]")]
        if said:
            return f"ledger refused: {said[0].removeprefix('[config] ')[:160]}"
        return "ok" if run.status == 0 else f"build error: exit {run.status}: {_last_line(run.stdout + run.stderr)}"
    status, error = document_outcomes(out).get(case.filename, ("", ""))
    if status == "ok":
        return "ok"
    if status:
        return f"bad document: {error[:160]}"
    return f"build error: exit {run.status}, no row for the document: {_last_line(run.stderr or run.stdout)}"


def as_expected(case: Case, result: str) -> bool:
    """Whether ``result`` is the case's expectation: read ok, or refused with the expected words in the message."""
    if case.expected == "ok":
        return result == "ok"
    words = case.expected.removeprefix("error: ")
    return result.startswith(("bad document:", "ledger refused:")) and words in result


# --- the path cases: records in the build and site folders naming files outside them ----------------

SECRET = b"a file of the user's, outside the output folders"
_VICTIMS = ("lock_relative.html", "lock_absolute.html", "published_relative.html", "published_absolute.html")


def plant_path_cases(root: Path, out: Path, site: Path) -> Path:
    """Plant, in ``out`` and ``site``, records and a link naming files in ``root/outside``; that folder.

    A lockfile entry naming ``../outside/…`` and an absolute path (a stale
    report ``build`` would remove) and a site manifest naming the same two
    kinds (stale files ``publish`` would remove). The link to a secret file
    is planted by ``plant_link`` once the build is done (a build refuses an
    output folder with such a link), for ``publish`` to copy onto the site.
    """
    outside = root / "outside"
    outside.mkdir(parents=True, exist_ok=True)
    for name in (*_VICTIMS, "secret.html"):
        (outside / name).write_bytes(SECRET)
    runs = {
        "02_document--gone": {"report": os.path.relpath(outside / "lock_relative.html", out), "status": "ok"},
        "02_document--gone2": {"report": str((outside / "lock_absolute.html").resolve()), "status": "ok"},
    }
    (out / "_build").mkdir(parents=True, exist_ok=True)
    (out / "_build" / "lock.json").write_text(json.dumps({"runs": runs}), encoding="utf-8")
    site.mkdir(parents=True, exist_ok=True)
    stale = [
        os.path.relpath(outside / "published_relative.html", site),
        str((outside / "published_absolute.html").resolve()),
    ]
    (site / ".published.json").write_text(json.dumps({"files": stale}), encoding="utf-8")
    return outside


def plant_link(out: Path, outside: Path) -> None:
    """A link in the built folder to the secret file outside, named like a page."""
    (out / "leak.html").symlink_to((outside / "secret.html").resolve())


def outside_touched(outside: Path, site: Path) -> list[str]:
    """What went wrong outside the output folders: files removed or changed, the secret published."""
    wrong = [f"{p.name} removed or changed" for p in sorted(outside.iterdir()) if p.read_bytes() != SECRET]
    wrong += [f"{name} missing" for name in _VICTIMS if not (outside / name).exists()]
    if site.is_dir() and any(p.is_file() and not p.is_symlink() and SECRET in p.read_bytes() for p in site.rglob("*")):
        wrong.append("the secret linked from the build folder was published")
    return wrong


def publish_cmd(out: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "helpers", "publish", "--no-build", "--build-dir", str(out), "--out", str(site)]


# --- the benchmark -------------------------------------------------------------------------------------

class Measured(NamedTuple):
    case: Case
    run: Run
    result: str


def run_case(case: Case, work: Path, notebooks: Path, timeout: float, max_mb: float) -> Measured:
    """``case`` built alone (a ledger case beside the baseline document), in a fresh folder under ``work``."""
    folder = work / case.name
    shutil.rmtree(folder, ignore_errors=True)
    seeds, ledger = folder / "seeds", None
    if case.kind == "ledger":
        (seeds).mkdir(parents=True)
        (seeds / "baseline.txt").write_text(baseline(1.0), encoding="utf-8")
        ledger = place(case, folder / "ledger")
    else:
        place(case, seeds)
    run = run_bounded(build_cmd(seeds, folder / "out", notebooks, ledger), timeout, max_mb, cwd=folder)
    measured = Measured(case, run, outcome(case, run, folder / "out"))
    shutil.rmtree(folder, ignore_errors=True)
    return measured


class CorpusBuild(NamedTuple):
    build: Run
    publish: Run | None
    results: dict[str, str]  # case name -> outcome in the all-in-one build
    touched: list[str]  # what went wrong outside --out and the site


def build_corpus(cases: list[Case], work: Path, notebooks: Path, timeout: float, max_mb: float) -> CorpusBuild:
    """Every document case in one seeds folder, built at once with the path cases planted, then published."""
    seeds, out, site = work / "probe", work / "out", work / "site"
    for case in cases:
        if case.kind == "document":
            place(case, seeds)
    out.mkdir(parents=True)
    outside = plant_path_cases(work, out, site)
    build = run_bounded(build_cmd(seeds, out, notebooks), timeout, max_mb, cwd=work)
    published = None
    if (out / "index.html").is_file():
        plant_link(out, outside)
        published = run_bounded(publish_cmd(out, site), timeout, max_mb, cwd=work)
    results = {case.name: outcome(case, build, out) for case in cases if case.kind == "document"}
    return CorpusBuild(build, published, results, outside_touched(outside, site))


def _stage_mode(args: argparse.Namespace) -> None:
    """``parse`` and ``claims`` of each text case, each in a fresh process."""
    cases = dict(CASES, **(BIG_CASES if args.big else {}))
    print(f"{'case':<26} {'MB':>7} {'stage':<7} {'wall s':>10} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        for name in args.case or list(cases):
            file_name, make = cases[name]
            path = Path(tmp) / file_name
            path.write_text(make(args.scale), encoding="utf-8")
            size = path.stat().st_size / 1e6
            for stage in ("parse", "claims"):
                run = run_bounded([sys.executable, "-m", "helpers", stage, str(path)], args.timeout, args.max_mb)
                if run.status:
                    print(f"    {stage} {path.name} exited {run.status}: {_last_line(run.stderr)}", file=sys.stderr)
                print(f"{name:<26} {size:>7.2f} {stage:<7} {run.shown():>10} {run.peak_mb:>8.0f}", flush=True)
            path.unlink()


def _row(m: Measured) -> dict:
    return {"seconds": m.run.seconds, "cpu": round(m.run.cpu, 1), "peak_mb": round(m.run.peak_mb),
            "shown": m.run.shown(), "outcome": m.result, "expected": as_expected(m.case, m.result),
            "bytes": len(m.case.data or b"")}


def _build_mode(args: argparse.Namespace) -> dict:
    """Each case built alone, then the whole probe corpus at once; the figures as a dict (also printed)."""
    cases = [c for c in probe_cases(args.scale) if not args.case or c.name in args.case]
    work = Path(tempfile.mkdtemp(prefix="hostile-build-", dir=args.work))
    report: dict = {"cases": {}, "corpus": None}
    try:
        stub = stub_notebooks(work / "stub-notebooks")
        print(f"{'case':<28} {'kind':<8} {'time':>14} {'CPU s':>6} {'peak MB':>8}  outcome", flush=True)
        for case in cases:
            m = run_case(case, work / "cases", stub, args.timeout, args.max_mb)
            report["cases"][case.name] = _row(m)
            mark = "" if as_expected(case, m.result) else "  [UNEXPECTED: wanted " + case.expected + "]"
            figures = f"{m.run.shown():>14} {m.run.cpu:>6.1f} {m.run.peak_mb:>8.0f}"
            print(f"{case.name:<28} {case.kind:<8} {figures}  {m.result}{mark}", flush=True)
        if not args.no_corpus:
            corpus = build_corpus(cases, work / "corpus", Path(args.notebooks), args.corpus_timeout, args.max_mb)
            report["corpus"] = {
                "build": {"shown": corpus.build.shown(), "cpu": round(corpus.build.cpu, 1),
                          "peak_mb": round(corpus.build.peak_mb), "status": corpus.build.status},
                "publish": corpus.publish and {"shown": corpus.publish.shown(), "status": corpus.publish.status},
                "unexpected": {n: r for n, r in corpus.results.items()
                               if not as_expected(next(c for c in cases if c.name == n), r)},
                "touched": corpus.touched,
            }
            print(json.dumps(report["corpus"], indent=1), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


def _compare(before_path: str, after_path: str) -> None:
    """The before/after table of two ``--build --json`` reports, in Markdown."""
    before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in (before_path, after_path))
    print("| case | before: wall | CPU s | MB | outcome | after: wall | CPU s | MB | outcome |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---|")
    for name, a in after["cases"].items():
        b = before["cases"].get(name, {"shown": "–", "cpu": "–", "peak_mb": "–", "outcome": "not run"})
        cells = [*(b[k] for k in ("shown", "cpu", "peak_mb")), b["outcome"][:70],
                 *(a[k] for k in ("shown", "cpu", "peak_mb")), a["outcome"][:70]]
        print(f"| {name} | " + " | ".join(str(c) for c in cells) + " |")
    for label, report in (("before", before), ("after", after)):
        print(f"\nwhole probe corpus, {label}: {json.dumps(report['corpus'])}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", action="append", help="run only this case (repeatable)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every case's size")
    ap.add_argument("--big", action="store_true", help="include the 50 MB caption file (parse/claims mode)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a command is killed as hung")
    ap.add_argument("--max-mb", type=float, default=3000.0, help="kill a command when a process of it exceeds this")
    ap.add_argument("--build", action="store_true", help="build the probe corpus: each case alone, then all at once")
    ap.add_argument("--notebooks", default=str(ROOT / "notebooks"), help="notebooks of the all-in-one build")
    ap.add_argument("--corpus-timeout", type=float, default=600.0, help="seconds the all-in-one build may take")
    ap.add_argument("--no-corpus", action="store_true", help="skip the all-in-one build")
    ap.add_argument("--work", help="folder for the temporary builds (default: the system's)")
    ap.add_argument("--json", help="also write the --build figures to this file")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="print the table of two --json reports")
    args = ap.parse_args()
    if args.compare:
        _compare(*args.compare)
    elif args.build:
        report = _build_mode(args)
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    else:
        _stage_mode(args)


if __name__ == "__main__":
    main()
