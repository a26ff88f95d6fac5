"""Text for the terminal: file names and document text shown, never obeyed.

A file name or a line of a document can hold control characters: an escape
sequence that retitles the window, moves the cursor, hides the rest of the
line, or a bidirectional override that shows a name in a different order.
Every message the build prints or logs goes through :func:`for_terminal`,
which shows each such character as its escape (``\\x1b``, ``\\u202e``).

On a terminal, each stage of the build draws a :class:`Progress` bar instead of
a line per item; elsewhere the plain lines stay.
"""

from __future__ import annotations

import os
import re
import sys
import time
from typing import TextIO

# C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: object, *, lines: bool = False) -> str:
    """``str(text)`` with every control character shown as its escape; with ``lines``, newlines are kept."""
    return (_CONTROL_BUT_NEWLINE if lines else _CONTROL).sub(_escape, str(text))


# Set while a build draws progress bars: the worker processes then print no line per notebook started.
PROGRESS_ENV = "HELPERS_PROGRESS_BAR"
# Set by ``watch``: its rebuilds keep to plain lines, a log of what ran again, even on a terminal.
PLAIN_ENV = "HELPERS_PLAIN_LINES"


def progress_mode(stream: TextIO | None = None) -> bool:
    """Whether this build draws bars (``stream``, stdout by default, is a terminal); tells the workers to come."""
    on = is_terminal(stream if stream is not None else sys.stdout)
    if on:
        os.environ[PROGRESS_ENV] = "1"
    else:
        os.environ.pop(PROGRESS_ENV, None)
    return on


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal a progress bar may redraw (not a pipe, a log file, CI or a dumb terminal)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and os.environ.get("TERM", "") != "dumb" and not os.environ.get("CI") and not os.environ.get(PLAIN_ENV)


def _clock(seconds: float) -> str:
    s = max(0, round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class Progress:
    """One stage's progress bar on a terminal: counts, time left, and each failure named as it happens.

    ``step`` after every item done (``failure``: what went wrong with it, printed on
    its own line above the bar at once). When the output is not a terminal it
    draws nothing and ``enabled`` is False: the build then prints its plain
    lines, as it always has (CI, logs, ``watch``). The bar is redrawn at most
    ten times a second; ``close`` clears it before the stage's summary line.
    """

    WIDTH = 24

    def __init__(self, stage: str, total: int, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stage, self.total = stage, total
        self.stream = stream if stream is not None else sys.stdout
        self.enabled = is_terminal(self.stream) if enabled is None else enabled
        self.done = self.failed = 0
        self.started = self._drawn = time.monotonic()
        if self.enabled and total:
            self._draw()

    def line(self) -> str:
        """The bar as it reads now: ``notebooks run [######......] 12/40, 1 failed, 0:23 left``."""
        filled = self.WIDTH * min(self.done, self.total) // max(self.total, 1)
        elapsed = time.monotonic() - self.started
        failed = f", {self.failed} failed" if self.failed else ""
        if 0 < self.done < self.total:
            when = f"{_clock(elapsed / self.done * (self.total - self.done))} left"
        else:
            when = _clock(elapsed)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        return for_terminal(f"{self.stage} [{bar}] {self.done}/{self.total}{failed}, {when}")

    def step(self, n: int = 1, failure: str | None = None) -> None:
        self.done += n
        if failure is not None:
            self.failed += 1
            if self.enabled:
                self.stream.write("\r\x1b[2K" + for_terminal(f"[failed] {failure}") + "\n")
        now = time.monotonic()
        if self.enabled and (failure is not None or self.done >= self.total or now - self._drawn >= 0.1):
            self._drawn = now
            self._draw()

    def _draw(self) -> None:
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
