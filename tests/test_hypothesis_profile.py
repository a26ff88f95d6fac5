"""Hypothesis searches the same examples on every CI run and new ones during development.

The profile is chosen by CI=true in hypothesis_profiles.py, which conftest.py
loads; these tests check that it takes effect (examples repeat across processes
under CI and differ without) and that no test's own @settings escapes it.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis_profiles import HYPOTHESIS_PROFILE
from hypothesis import settings

TESTS = Path(__file__).resolve().parent

# A hypothesis test run in a fresh interpreter under the project's profiles, printing what it drew.
DRAW = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
import hypothesis_profiles
from hypothesis import given, settings, strategies as st
drawn = []
@settings(max_examples=20)
@given(st.binary(min_size=8, max_size=8))
def probe(b):
    drawn.append(b.hex())
probe()
print(settings.default.derandomize, drawn)
"""


def _draw(tmp_path: Path, ci: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    if ci:
        env["CI"] = "true"
    # cwd: a folder of its own, so a development run's example database is not shared with the other run
    cwd = tmp_path / f"run{len(list(tmp_path.iterdir()))}"
    cwd.mkdir()
    command = [sys.executable, "-c", DRAW]
    done = subprocess.run(command, check=False, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_under_ci_two_processes_draw_the_same_examples(tmp_path):
    first, second = _draw(tmp_path, ci=True), _draw(tmp_path, ci=True)
    assert first.startswith("True ") and first == second


def test_during_development_two_processes_draw_different_examples(tmp_path):
    first, second = _draw(tmp_path, ci=False), _draw(tmp_path, ci=False)
    assert first.startswith("False ") and first != second


def test_the_profile_follows_the_ci_variable():
    expected = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
    assert HYPOTHESIS_PROFILE == expected
    assert settings.default.derandomize == (expected == "ci")


@pytest.mark.parametrize("module", sorted(p.stem for p in TESTS.glob("test_*.py")))
def test_no_test_overrides_the_profile(module):
    # A test's @settings inherits the profile only if created after conftest loaded it and if it does
    # not set derandomize itself: either slip would make CI random again for that test.
    tests = vars(importlib.import_module(module)).values()
    for test in tests:
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is not None:
            assert own.derandomize == settings.default.derandomize, f"{module}.{test.__name__}"
            assert own.deadline is None, f"{module}.{test.__name__}: a deadline fails by chance on a loaded machine"
