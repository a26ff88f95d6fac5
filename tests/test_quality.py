"""The package passes its linter, its formatter's check and its type checker (configured in pyproject.toml).

The tools come from the environment running the tests (the `test` extra installs them). Where one is
missing the test is skipped, except under CI (CI=true), which installs the extra: there a missing tool
is a broken environment and fails.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    # Next to this interpreter, not on PATH: another ruff or mypy version would judge by other rules.
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed next to {sys.executable} (pip install -e '.[test]')")
        pytest.skip(f"{name} is not installed next to {sys.executable}")
    return str(path)


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _report(done: subprocess.CompletedProcess[str]) -> str:
    out = (done.stdout + done.stderr).strip()
    return out if len(out) < 20_000 else out[:20_000] + "\n..."


def test_ruff_check_is_clean():
    done = _run(_tool("ruff"), "check", "src/helpers")
    assert done.returncode == 0, _report(done)


def test_ruff_format_leaves_the_package_unchanged():
    done = _run(_tool("ruff"), "format", "--check", "src/helpers")
    assert done.returncode == 0, "run `.venv/bin/ruff format src/helpers`:\n" + _report(done)


def test_mypy_is_clean():
    # files, python_version and the untyped third-party modules come from [tool.mypy] in pyproject.toml
    done = _run(_tool("mypy"))
    assert done.returncode == 0, _report(done)
