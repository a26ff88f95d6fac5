"""Plain text as lines: each line's class and offsets, groups at blank lines, and the drafts blocks are made of."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINAL = "。．.!?！？…"
_CLOSERS = "」』）)】〕］]〉》\"”’'»"
_TS = r"\d{1,2}:\d{2}(?::\d{2})?"
_TS_ONLY = re.compile(r"^[ \t\u3000]*[\[(（]?(" + _TS + r")[\])）]?[ \t\u3000]*$")
# A leading marker: bracketed anywhere; bare ("00:12:05 text") only counts in
# caption runs, so prose like "12:30 Uhr begann …" keeps its first words.
_TS_LEAD = re.compile(r"^[ \t\u3000]*(?:[\[(（](" + _TS + r")[\])）]|(" + _TS + r")(?=[ \t\u3000]))[ \t\u3000]*(?=\S)")
_BRACKET_HEADING = re.compile(r"^[ \t\u3000]*【([^【】]+)】[ \t\u3000]*$")
_MARK_HEADING = re.compile(r"^[ \t\u3000]*(?:#{1,6}[ \t]+|[■□◆◇●▼▶][ \t\u3000]*)(\S.{0,78})$")
_LABEL_MAX_CHARS = 40


@dataclass
class _Line:
    no: int  # 1-based
    start: int
    end: int
    text: str
    group: int = -1  # index of the blank-line-delimited group
    cls: str = "body"  # body | chrome | title | heading | label | ts | blank
    content_start: int = 0  # doc offset where the analysed content starts
    timestamp: str | None = None
    speaker: str | None = None
    heading_text: str | None = None
    caption: bool = False


@dataclass
class _Draft:
    kind: str
    lines: list[_Line]
    start: int
    end: int
    speaker: str | None = None
    speaker_inferred: bool = False
    timestamp: str | None = None
    heading: str | None = None
    caption: bool = False


# --- lines and groups -------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        ln = _Line(no=no, start=pos, end=pos + len(raw), text=raw, content_start=pos)
        if not raw.strip():
            ln.cls = "blank"
        else:
            ln.content_start = pos + (len(raw) - len(raw.lstrip()))
        lines.append(ln)
        pos += len(raw) + 1
    return lines


def _group_lines(lines: list[_Line]) -> list[list[_Line]]:
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    for ln in lines:
        if ln.cls == "blank":
            if current:
                groups.append(current)
                current = []
            continue
        ln.group = len(groups)
        current.append(ln)
    if current:
        groups.append(current)
    return groups


def _ends_like_sentence(s: str) -> bool:
    s = s.rstrip().rstrip(_CLOSERS)
    return bool(s) and s[-1] in _TERMINAL


def _is_unpunctuated_short(s: str, limit: int) -> bool:
    s = s.strip()
    return 0 < len(s) <= limit and not any(ch in s for ch in "。．.!?！？、,;；") and not s.endswith((":", "："))
