"""A table of patterns tried in order, asked with one regular expression instead of one call per pattern.

The claims rules keep their vocabularies as ordered tables (``(pattern, unit, factor)``, ``(pattern, qualifier)``):
the first pattern that matches after a number gives its unit. Trying forty patterns one by one costs forty Python
calls per number. ``first_match`` asks one alternation of the table's patterns, each in a group of its own, and
Python's ``re`` tries alternatives in order and stops at the first that matches: the group that took part names
the same pattern the loop would have found. ``may_search`` answers whether any pattern of a table finds a match
in a span (a pre-check before a loop whose order matters). The tables themselves stay as they are; a table whose
patterns cannot be joined (back references, flags that cannot be scoped) is asked pattern by pattern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .regex_guard import guarded

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_SCOPED = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s", re.VERBOSE: "x"}
# id(table) -> (the table, its length, the joined pattern or None, alternative index per group)
_JOINED: dict[int, tuple[Sequence[Any], int, re.Pattern[str] | None, dict[int, int]]] = {}


def _scoped(pattern: re.Pattern[str]) -> str | None:
    """``pattern`` as a group with its flags scoped to it (``(?i:...)``), or None where that is not possible."""
    flags = pattern.flags & ~re.UNICODE
    if flags & ~sum(_SCOPED) or _BACK_REFERENCE.search(pattern.pattern):
        return None
    body = pattern.pattern
    while (found := _GLOBAL_FLAGS.match(body)) is not None:
        body = body[found.end() :]
    letters = "".join(letter for flag, letter in _SCOPED.items() if flags & flag)
    end = "\n" if flags & re.VERBOSE else ""  # a verbose pattern may end in a comment
    return f"(?{letters}:{body}{end})" if letters else f"(?:{body})"


def _joined(table: Sequence[Any]) -> tuple[re.Pattern[str] | None, dict[int, int]]:
    """The alternation of the table's patterns (the first item of each row), each in a capturing group, and the
    index of each such group's row; None when the patterns cannot be joined."""
    known = _JOINED.get(id(table))
    if known is not None and known[0] is table and known[1] == len(table):
        return known[2], known[3]
    parts: list[str] = []
    rows: dict[int, int] = {}
    group = 1
    for k, row in enumerate(table):
        scoped = _scoped(row[0])
        if scoped is None:
            parts = []
            break
        parts.append(f"({scoped})")
        rows[group] = k
        group += 1 + row[0].groups
    try:
        joined = guarded(re.compile("|".join(parts))) if parts else None
    except re.error:
        joined = None
    _JOINED[id(table)] = (table, len(table), joined, rows)
    return joined, rows


def first_match(table: Sequence[Any], text: str, pos: int) -> tuple[int, re.Match[str]] | None:
    """The index of the first row of ``table`` whose pattern matches ``text`` at ``pos``, and that match."""
    joined, rows = _joined(table)
    if joined is None:
        for k, row in enumerate(table):
            m = row[0].match(text, pos)
            if m:
                return k, m
        return None
    hit = joined.match(text, pos)
    if hit is None or hit.lastindex is None:
        return None
    k = rows[hit.lastindex]
    m = table[k][0].match(text, pos)
    return (k, m) if m else None


def may_search(table: Sequence[Any], text: str, pos: int = 0) -> bool:
    """Whether the pattern of any row of ``table`` finds a match in ``text`` from ``pos`` (a pre-check: False means
    none does, True that the rows are worth trying one by one)."""
    joined, _rows = _joined(table)
    return joined is None or joined.search(text, pos) is not None
