"""A longer fuzz session over the text pipeline: the properties of tests/test_fuzz.py with many more examples.

    .venv/bin/python bench/fuzz.py [--examples 2000] [--seconds 0] [--seed 0]

For every target prints the examples tried, the time taken and any failure
(the shrunk input, repr'd, and the error). ``--seconds`` > 0 repeats each
target in rounds until its time budget is spent. Exit status 1 when any
target failed.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_fuzz as tf  # noqa: E402  (the properties themselves live with the tests)


def _run(prop: Callable, strategies: tuple, examples: int, rng_seed: int) -> tuple[int, str]:
    """Run one property with ``examples`` generated examples; (examples tried, failure text or '')."""
    tried = 0

    @functools.wraps(prop)
    def counting(*args, **kwargs):
        nonlocal tried
        tried += 1
        return prop(*args, **kwargs)

    test = settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))(
        seed(rng_seed)(given(*strategies)(counting))
    )
    try:
        test()
    except Exception as e:  # a failing property: report its shrunk input, keep fuzzing the others
        return tried, "".join(traceback.format_exception_only(type(e), e)).strip()
    return tried, ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=2000, help="examples per target and round")
    ap.add_argument("--seconds", type=float, default=0.0, help="time budget per target (0: one round)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    failed = 0
    print(f"{'target':<28} {'examples':>9} {'seconds':>8}  result")
    for name, (prop, strategies, _) in tf.PROPERTIES.items():
        started = time.perf_counter()
        total, failures, round_no = 0, [], 0
        while True:
            tried, failure = _run(prop, strategies, args.examples, args.seed + round_no)
            total += tried
            if failure:
                failures.append(failure)
            round_no += 1
            if args.seconds <= 0 or time.perf_counter() - started >= args.seconds:
                break
        seconds = time.perf_counter() - started
        print(f"{name:<28} {total:>9} {seconds:>8.1f}  {'FAILED' if failures else 'ok'}", flush=True)
        for f in failures:
            print("    " + f.replace("\n", "\n    "))
        failed += bool(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
