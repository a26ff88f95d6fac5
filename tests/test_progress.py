"""Build progress on a terminal: a bar per stage with counts and time left, failures named as they happen;
plain lines, as before, when the output is not a terminal."""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

from helpers.build.terminal import PLAIN_ENV, Progress, is_terminal

ROOT = Path(__file__).resolve().parents[1]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_counts_names_failures_at_once_and_says_time_left(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv(PLAIN_ENV, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    screen = FakeTerminal()
    bar = Progress("documents extracted", 4, stream=screen)
    assert bar.enabled
    bar.step()
    bar.step(failure="bad.txt: cannot decode \x1b[31m")
    text = screen.getvalue()
    assert "[failed] bad.txt: cannot decode \\x1b[31m\n" in text  # its own line, control characters shown
    assert re.search(r"documents extracted \[#{12}\.{12}\] 2/4, 1 failed, \d+:\d\d left$", bar.line())
    bar.step(2)
    assert re.search(r"4/4, 1 failed, \d+:\d\d$", bar.line())
    bar.close()
    assert screen.getvalue().endswith("\r\x1b[2K")


def test_no_bar_where_the_output_is_not_a_terminal(monkeypatch):
    plain = io.StringIO()
    bar = Progress("notebooks run and pages exported", 3, stream=plain)
    bar.step(failure="02_document--x: cell 2 raised")
    bar.close()
    assert not bar.enabled and plain.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    assert not is_terminal(FakeTerminal())
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "dumb")
    assert not is_terminal(FakeTerminal())
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv(PLAIN_ENV, "1")  # watch: plain lines on a terminal too
    assert not is_terminal(FakeTerminal())


def _run_in_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run a command with a pseudo-terminal as its output, and return what it drew."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=600)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_build_on_a_terminal_draws_bars_and_names_a_failed_document(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / "002_eb63065994b04cab.txt", seeds)
    (seeds / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", PLAIN_ENV)}
    env.update(TERM="xterm", PYTHONPATH=str(ROOT / "src"))
    args = [
        sys.executable,
        "-m",
        "helpers",
        "build",
        "--seeds",
        str(seeds),
        "--out",
        str(tmp_path / "out"),
        "--jobs",
        "1",
    ]
    drawn = _run_in_terminal(args, env)
    assert "documents extracted [" in drawn and "2/2, 1 failed" in drawn
    assert "[failed] broken:" in drawn
    assert re.search(r"notebooks run and pages exported \[[#.]+\] \d+/\d+", drawn)
    assert "[start]" not in drawn and "] ok " not in drawn  # the bar, not a line per notebook
    assert "[document failed]" in drawn  # the summary still repeats every problem
