"""Build figures at scale: synthetic corpora of N documents (``bench/make_synthetic.py``).

For each N: a full build into a fresh folder, then one document added to the
built corpus and the rebuild, then a rebuild that only empties the change list
the addition left, then a no-op rebuild. Printed per build: wall
time, notebook runs, wall time per stage (extraction, comparison, notebook
execution and export, index), the workers' summed execution and export time,
peak RSS of the build's process tree (build, workers, kernels; sampled every
0.2 s), total HTML bytes and the largest page.

Other processes on the machine slow every figure: the load average is printed
before and after each build.

    .venv/bin/python bench/bench_scale.py [--docs 100 1000] [--jobs 2] [--scheduler local-cluster] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import load, output_to  # noqa: E402
from make_synthetic import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ENV_DEFAULTS = {"JUPYTER_PREFER_ENV_PATH": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


@contextlib.contextmanager
def peak_rss() -> Iterator[list[float]]:
    """While the block runs, sampled every 0.2 s over this process and all its descendants:
    ``[0]`` the peak summed RSS (bytes), ``[1]`` the CPU seconds (user + system) they used.

    CPU seconds are summed per process from its last sample (a process's last
    0.2 s can be missed); other engineers' load stretches wall time far more.
    """
    peak = [0.0, 0.0]
    stop = threading.Event()
    me = psutil.Process()
    start = sum(me.cpu_times()[:2])
    cpu: dict[tuple[int, float], float] = {}  # (pid, start time): CPU seconds at the last sample

    def sample() -> None:
        while not stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
                    t = p.cpu_times()
                    cpu[(p.pid, p.create_time())] = t.user + t.system
            peak[0] = max(peak[0], total)
            peak[1] = sum(cpu.values()) - start
            stop.wait(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    try:
        yield peak
    finally:
        stop.set()
        t.join()


def html_sizes(out: Path) -> tuple[int, int, str, int]:
    """Total HTML bytes, the largest page's bytes and name, and the number of pages."""
    pages = [(p.stat().st_size, p) for p in out.rglob("*.html") if "_build" not in p.parts]
    biggest = max(pages, default=(0, out))
    return sum(s for s, _ in pages), biggest[0], str(biggest[1].relative_to(out)), len(pages)


def one_build(label: str, seeds: Path, out: Path, jobs: int, scheduler: str | None, log: Path) -> dict[str, object]:
    from helpers.build import BuildOptions, build

    before = load()
    with peak_rss() as peak, output_to(log):
        t = time.perf_counter()
        result = build(BuildOptions(seeds=seeds, out=out, jobs=jobs, scheduler=scheduler))
        wall = time.perf_counter() - t
    ran = [r for r in result.runs if r.key not in set(result.skipped)]
    total, largest, largest_name, pages = html_sizes(out)
    row = {
        "build": label,
        "exit": result.exit_code,
        "wall": wall,
        "CPU s": peak[1],
        "runs": len(ran),
        "reused": len(result.skipped),
        "failed": sum(r.status != "ok" for r in result.runs),
        **{f"stage {k}": v for k, v in result.stages.items()},
        "worker execute s": sum(r.seconds - r.export_seconds for r in ran),
        "worker export s": sum(r.export_seconds for r in ran),
        "peak RSS MB": peak[0] / 1e6,
        "HTML MB": total / 1e6,
        "pages": pages,
        "largest page KB": largest / 1e3,
        "largest page": largest_name,
        "load": f"{before} -> {load()}",
    }
    return row


def print_row(row: dict[str, object]) -> None:
    print(f"\n== {row['build']} ==", flush=True)
    for k, v in row.items():
        if k == "build":
            continue
        print(f"  {k:<20} {v:.1f}" if isinstance(v, float) else f"  {k:<20} {v}", flush=True)


def scale(n: int, work: Path, jobs: int, scheduler: str | None) -> list[dict[str, object]]:
    seeds = work / f"syn{n}"
    files = write_corpus(seeds, n + 1)
    extra = files[-1]
    held_back = work / extra.name
    shutil.move(extra, held_back)  # the document added after the full build
    out = work / f"out{n}"
    log = work / f"build{n}.log"
    rows = [one_build(f"{n} documents, full build", seeds, out, jobs, scheduler, log)]
    print_row(rows[-1])
    shutil.move(held_back, seeds / extra.name)
    rows.append(one_build(f"{n} documents, one document added", seeds, out, jobs, scheduler, log))
    print_row(rows[-1])
    # The first rebuild after a change still empties the change list (changes.csv, the index);
    # the second has nothing at all to do.
    rows.append(one_build(f"{n + 1} documents, rebuild clearing the change list", seeds, out, jobs, scheduler, log))
    print_row(rows[-1])
    rows.append(one_build(f"{n + 1} documents, no-op rebuild", seeds, out, jobs, scheduler, log))
    print_row(rows[-1])
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--scheduler", default=None, help="local (default), local-cluster or tcp://HOST:PORT")
    ap.add_argument("--keep", type=Path, help="build here and keep the corpora, reports and logs")
    args = ap.parse_args(argv)
    for k, v in ENV_DEFAULTS.items():
        os.environ.setdefault(k, v)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cores {os.cpu_count()}, jobs {args.jobs}, scheduler {args.scheduler or 'local'}; {load()}; work in {work}")
    try:
        for n in args.docs:
            scale(n, work, args.jobs, args.scheduler)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
