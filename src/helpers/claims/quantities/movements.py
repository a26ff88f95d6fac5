"""The parts of a reported movement that no "A to B" pair marks: where it started, how far it moved, where it ended.

``merge`` marks "fell from $90 to $62" and "down 424p to 5,512p". A report also writes the level after "at",
the start after the level, and Japanese the move before the level:

* "down 12 cents at $3.41", "up 2% at 7,512": how far (by) and where it ended (to);
* "rose 0.3 percentage points to 4.1%, from 3.2% a year earlier", "rose to $4,284 million from $4,129 million":
  the level after "to" a word of movement governs (to), the figure after "from" is where it started (from);
* "前年同期比2割増の500億円", "25%増の120万台": the move (by) and the level it reached (to).

* "cash was 257,200,000, up from $253,700,000": a bare level and its start, the level in the start's currency.

Only ``change`` is set, on figures that have none, and a bare level's unit; values are untouched.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .merge import _MOVEMENT_BEFORE
from .model import _Q

_AT_LEVEL = re.compile(r",?\sat\s")
_TO_BEFORE = re.compile(r"(?i)\bto\s\Z")
_FROM_BEFORE = re.compile(r"(?i)\bfrom\s\Z")
_JA_MOVE_THEN_LEVEL = re.compile(r"\s?(?:増|減|の?(?:増加|減少|上昇|下落|伸び|アップ|ダウン))の\s?")
_REACH = 80
_UP_FROM = re.compile(r"(?i),?\s(?:up|down)\sfrom\s")


def change_roles(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """``qs`` with the change roles of a movement's level after "at", its start after "from", and ja's 増の."""
    if not qs or lang not in ("en", "ja"):
        return qs
    out = list(qs)
    if lang == "ja":
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if not a.change and not b.change and _JA_MOVE_THEN_LEVEL.fullmatch(text, a.end, b.start):
                out[i], out[i + 1] = replace(a, change="by"), replace(b, change="to")
        return out
    if lang != "en":
        return out
    moving = False  # a word of movement governs the clause so far
    for i, q in enumerate(out):
        if q.change:
            moving = moving or q.change in ("by", "to")
            continue
        prev = out[i - 1] if i else None
        if prev is not None and not prev.change and _UP_FROM.fullmatch(text, prev.end, q.start):
            out[i - 1], out[i] = replace(_bare_in(prev, q), change="to"), replace(q, change="from")
            continue
        at = prev is not None and not prev.change and _AT_LEVEL.fullmatch(text, prev.end, q.start) is not None
        to = _TO_BEFORE.search(text, max(0, q.start - 3), q.start) is not None
        start = _FROM_BEFORE.search(text, max(0, q.start - 5), q.start) is not None
        if not (at or to or start):
            continue  # the search for a word of movement is the costly part: only where a role may follow
        moved = _MOVEMENT_BEFORE["en"].search(text, max(0, q.start - _REACH), q.start) is not None
        if at and moved and prev is not None:
            out[i - 1], out[i] = replace(prev, change="by"), replace(q, change="to")
            moving = True
        elif to and moved:
            out[i] = replace(q, change="to")
            moving = True
        elif start and (moving or moved):
            out[i] = replace(q, change="from")
    return out


def _bare_in(level: _Q, start: _Q) -> _Q:
    """A bare level ("257,200,000") in the unit of the start it moved from ("$253,700,000"), when of its size."""
    if level.explicit_unit or level.unit != "count" or level.vague or not start.explicit_unit or start.mult != 1:
        return level
    if not (start.low > 0 and 0.5 <= level.low / start.low <= 2):
        return level
    return replace(level, unit=start.unit, explicit_unit=True, unit_surface="")
