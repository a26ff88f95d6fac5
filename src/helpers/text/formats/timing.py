"""Times a file states: checked to be seconds a recording can have, written as a clock."""

from __future__ import annotations

import math
import re

# A time a file states is a number of seconds from the start of the recording;
# beyond a thousand hours it is a damaged or hostile file, not a recording.
MAX_SECONDS = 3_600_000


class BadTiming(ValueError):
    """A time a file states that is not a finite number of seconds in range (``read`` names the file)."""


def clock(seconds: float) -> str:
    """``HH:MM:SS`` of a time in seconds (fractions dropped, as the tables store whole seconds).

    The one rule for every reader's times: a time that is not finite or beyond
    ``MAX_SECONDS`` is :class:`BadTiming`; a negative one is the start.
    """
    if not math.isfinite(seconds) or seconds > MAX_SECONDS:
        raise BadTiming(f"timestamp {seconds!r} is not a number of seconds from 0 to {MAX_SECONDS:,} (1,000 hours)")
    s = max(0, int(seconds))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def stated_clock(value: object, per_second: int = 1) -> str | None:
    """``clock`` of a time a JSON file states (``per_second`` 1000 for milliseconds); None when it states none."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return clock(value / per_second)
    except OverflowError:  # an integer too large for a float
        raise BadTiming(f"timestamp of {len(str(abs(value)))} digits is not a number of seconds in range") from None


def _written_clock(ts: str) -> str:
    """A timestamp as written, without fraction; minutes past 99 become hours."""
    ts = re.split(r"[.,]", ts)[0]
    parts = [int(p) for p in ts.split(":")]
    if len(parts) == 2 and parts[0] > 99 or len(parts) == 3 and parts[0] > 99:
        total = sum(p * 60**k for k, p in enumerate(reversed(parts)))
        return clock(total)
    return ts


def _seconds(ts: str) -> float:
    main, _, frac = ts.replace(",", ".").partition(".")
    parts = [int(p) for p in main.split(":")]
    return sum(p * 60**k for k, p in enumerate(reversed(parts))) + (float("0." + frac) if frac else 0.0)
