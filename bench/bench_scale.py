"""Build figures at scale: synthetic corpora of N documents (``bench/make_synthetic.py``).

For each N: a full build into a fresh folder, then one document added to the
built corpus and the rebuild, then a rebuild that only empties the change list
the addition left, then a no-op rebuild. Printed per build: wall
time, notebook runs, wall time per stage (extraction, comparison, notebook
execution and export, index), the workers' summed execution and export time,
peak RSS of the build's process tree (build, workers, kernels; sampled every
0.2 s), total HTML bytes and the largest page.

``--large SCALE`` instead builds the large inputs of the robustness test
(tests/test_robustness.py: a 50 MB document, a 1 MB line and 100,000 tiny
lines next to a good seed, with the overview and document notebooks), each
input's size times SCALE, once from a cold folder: the same figures per build.

Other processes on the machine slow every figure: the load average is printed
before and after each build. Compare the CPU seconds (build, workers and
kernels) rather than wall time on a shared machine.

    .venv/bin/python bench/bench_scale.py [--docs 100 1000] [--jobs 2] [--scheduler local-cluster] [--keep DIR]
    .venv/bin/python bench/bench_scale.py --large 1.0
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


def one_build(
    label: str, seeds: Path, out: Path, jobs: int, scheduler: str | None, log: Path, notebooks: Path | None = None
) -> dict[str, object]:
    from helpers.build import BuildOptions, build

    before = load()
    more = {"notebooks": notebooks} if notebooks is not None else {}
    with peak_rss() as peak, output_to(log):
        t = time.perf_counter()
        result = build(BuildOptions(seeds=seeds, out=out, jobs=jobs, scheduler=scheduler, **more))
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


def large(scale: float, work: Path, jobs: int, scheduler: str | None) -> dict[str, object]:
    """The robustness test's large inputs, each ``scale`` times its size, built once from a cold folder."""
    seeds, notebooks = work / "large", work / "large_notebooks"
    seeds.mkdir()
    notebooks.mkdir()
    block = (ROOT / "seeds" / "004_212789ab223fc4b9.txt").read_bytes().rstrip() + b"\n\n"
    line = ("Meta hat 350.000 GPUs und plant 600.000 H100-Äquivalente. " * int(20_000 * max(scale, 1))).encode()
    tiny = (f"{i} GPUs\n" if i % 10 == 0 else "ok\n" for i in range(int(100_000 * scale)))
    inputs = {
        "big.txt": block * (int(50_000_000 * scale) // len(block) + 1),
        "one line.txt": line[: int(1_000_000 * scale)].decode("utf-8", "ignore").encode(),  # whole characters
        "tiny lines.txt": "".join(tiny).encode(),
    }
    for name, data in inputs.items():
        (seeds / name).write_bytes(data)
    shutil.copy(ROOT / "seeds" / "002_eb63065994b04cab.txt", seeds)
    for name in ("01_corpus_overview", "02_document"):
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", notebooks)
    sizes = ", ".join(f"{name} {len(data) / 1e6:.1f} MB" for name, data in inputs.items())
    row = one_build(f"large inputs x{scale} ({sizes})", seeds, work / "large_out", jobs, scheduler,
                    work / "large.log", notebooks)  # fmt: skip
    row["corpus.db MB"] = (work / "large_out" / "data" / "corpus.db").stat().st_size / 1e6
    print_row(row)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--scheduler", default=None, help="local (default), local-cluster or tcp://HOST:PORT")
    ap.add_argument("--keep", type=Path, help="build here and keep the corpora, reports and logs")
    ap.add_argument("--large", type=float, metavar="SCALE", help="the robustness test's large inputs, times SCALE")
    args = ap.parse_args(argv)
    for k, v in ENV_DEFAULTS.items():
        os.environ.setdefault(k, v)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cores {os.cpu_count()}, jobs {args.jobs}, scheduler {args.scheduler or 'local'}; {load()}; work in {work}")
    try:
        if args.large is not None:
            large(args.large, work, args.jobs, args.scheduler)
        for n in [] if args.large is not None else args.docs:
            scale(n, work, args.jobs, args.scheduler)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
