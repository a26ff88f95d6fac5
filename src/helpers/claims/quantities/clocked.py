"""Race and running times written with colons: h:mm:ss, m:ss.hh and, where a race is named, h:mm (durations).

Split from ``pipeline`` (one concept: the clock forms a results report writes times in).
"""

from __future__ import annotations

import re

from ...text.regex_guard import guarded
from .model import _Core

_CLOCKED = re.compile(
    r"(?:(?<=[\w,.;:!?]\s)|(?<=[\w,;]\s\()|(?<=\bsub-))([1-9]):([0-5]\d):([0-5]\d(?:\.\d{1,2})?)(?![\d:\]])"
)  # "in 2:07:30", "(2:23:19)", "a sub-2:07:30 run", "1:59:40.2" (tenths of a second)
# "under 2:05", "the women's mark is 2:37", "ran the marathon in 3:53": a long race's hours and minutes, in a
# sentence about a race (a mile's "4:05" is minutes, "at 3:53" a clock)
_CLOCKED_HM = re.compile(
    r"\b(?:(?:under|below|than|in|of|is|was|a|unter)\s|sub-)([1-9]):([0-5]\d)"
    r"(?![\d:.,]\d|\s?(?i:[ap]\.?m\b|o['’]clock|uhr\b))"
)
_LONG_RACES = r"(?:half[\s-])?marathons?|halbmarathon|ironman|triathlon|ultras?"
_RACE_CONTEXT = re.compile(
    rf"(?i)\b(?:{_LONG_RACES}|races?|runners?|finish\w*|course\srecord|time\sbonus\w*|pace)\b|マラソン"
)
# a target said "sub-3" (hours) or サブ3, only where a long race is named or after "run a sub-3"
_LONG_RACE = re.compile(rf"(?i)\b(?:{_LONG_RACES})\b|マラソン")
_SUB_HOURS = re.compile(r"(?i)(?:(?<![\w-])sub[\s-]|サブ)([2-6])(?![\d:]|[.,]\d)")
_RUN_A_SUB = re.compile(r"(?i)\b(?:run|ran|running|go|went|laufen|lief)\s(?:a\s|eine?\s)?$")
# "in 29:17.45", "(1:43.91)", "in 29:17,45 Minuten": a track time in minutes, seconds and hundredths (the
# hundredths tell it from a clock)
# "in 1:43.91", "(1:54.98)", a table's "| 3:58.15 |", the second of "4:01.29-4:01.31"
_CLOCKED_SPLIT = re.compile(
    r"(?:(?<=[\w,.;:!?|]\s)|(?<=[\w,;]\s\()|(?<=\d\d-))([1-5]?\d):([0-5]\d[.,]\d{1,2})(?![\d:\]])"
)
_LINE_STAMP = re.compile(r"\A\s*[(\[]?\d{1,2}:\d{2}")


def clocked_durations(text: str) -> list[_Core]:
    """Race and running times written h:mm:ss ("under 2:07:30", "runner-up (2:23:19)"), m:ss.ss ("in 1:43.91") or,
    in a sentence about a race, h:mm ("women under 2:18"): durations in seconds.
    A transcript's time stamps are not: they open the line, sit in square brackets or pad the hour (00:12:05)."""
    if _LINE_STAMP.match(text):
        return []
    cores = []
    for m in _CLOCKED.finditer(text):
        h, mi, s = int(m.group(1)), int(m.group(2)), float(m.group(3))
        cores.append(
            _Core(m.start(), m.end(), h * 3600.0 + mi * 60 + s, h * 3600.0 + mi * 60 + s, unit="duration_second")
        )
    for m in _CLOCKED_HM.finditer(text) if _RACE_CONTEXT.search(text) else ():
        v = int(m.group(1)) * 3600.0 + int(m.group(2)) * 60.0
        if not any(c.start <= m.start(1) < c.end for c in cores):
            cores.append(_Core(m.start(1), m.end(), v, v, unit="duration_second"))
    long_race = _LONG_RACE.search(text) is not None
    for m in _SUB_HOURS.finditer(text):
        run = _RUN_A_SUB.search(text, max(0, m.start() - 16), m.start()) and "mile" not in text.lower()
        if long_race or run:
            hours = int(m.group(1)) * 3600.0  # "run a sub-3", "sub-3-Marathon", "サブ3": under three hours
            cores.append(_Core(m.start(), m.end(), hours, hours, unit="duration_second"))
    for m in _CLOCKED_SPLIT.finditer(text) if "." in text or "," in text else ():
        v = int(m.group(1)) * 60.0 + float(m.group(2).replace(",", "."))
        cores.append(_Core(m.start(), m.end(), v, v, unit="duration_second"))
    return sorted(cores, key=lambda c: c.start)


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_CLOCKED = guarded(_CLOCKED)
_RACE_CONTEXT = guarded(_RACE_CONTEXT)
_CLOCKED_SPLIT = guarded(_CLOCKED_SPLIT)
_LONG_RACE = guarded(_LONG_RACE)
