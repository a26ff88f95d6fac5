"""Plain text's timestamps, caption runs, speaker labels and headings, marked on its lines."""

from __future__ import annotations

import re
import statistics

from .chrome import _is_chrome_line
from .lines import (
    _BRACKET_HEADING,
    _LABEL_MAX_CHARS,
    _MARK_HEADING,
    _TS,
    _TS_LEAD,
    _TS_ONLY,
    _ends_like_sentence,
    _is_unpunctuated_short,
    _Line,
)

_TS_LEAD_BRACKETED = re.compile(r"^[ \t\u3000]*[\[(（](" + _TS + r")[\])）][ \t\u3000]*(?=\S)")
# (a capitalised word joined by a colon is part of the name: "Blickpunkt:Film: …")
_NAME_PREFIX = re.compile(
    r"^[ \t\u3000]*(?P<label>[A-ZÄÖÜÀ-ÞĀ-ɏ][A-Za-zÀ-ÿĀ-ɏ.'’-]*(?::[A-ZÄÖÜÀ-ÞĀ-ɏ][A-Za-zÀ-ÿĀ-ɏ.'’-]*)?(?: "
    r"[A-ZÄÖÜÀ-ÞĀ-ɏ][A-Za-zÀ-ÿĀ-ɏ.'’-]*){0,3}|[^\s\x00-\x7f。、「」：:()（）]{1,12})"
    r"[ \t]*[:：][ \t\u3000]*(?=\S)"
)
_HEADING_MAX_CHARS = 40
_PROSE_MEDIAN_CHARS = 80
_CAPTION_MIN_LINES = 3
_CAPTION_MAX_MEDIAN = 150


# --- captions, speakers, headings --------------------------------------------


def _timestamp_of(s: str, caption: bool = True) -> tuple[str | None, int]:
    """(timestamp, length of the leading marker) for a line with a leading marker."""
    m = (_TS_LEAD if caption else _TS_LEAD_BRACKETED).match(s)
    if not m:
        return None, 0
    return m.group(1) or m.group(2), m.end()


def _mark_captions(lines: list[_Line]) -> set[int]:
    """Line numbers of caption lines (runs of short timestamped lines)."""
    run: list[_Line] = []
    captions: set[int] = set()

    def close() -> None:
        if len(run) >= _CAPTION_MIN_LINES:
            lengths = [len(ln.text) for ln in run]
            if statistics.median(lengths) <= _CAPTION_MAX_MEDIAN:
                for ln in run:
                    captions.add(ln.no)
                    ln.caption = True
        run.clear()

    for ln in lines:
        if ln.cls == "blank":
            continue
        if ln.cls == "body" and _TS_LEAD.match(ln.text):
            run.append(ln)
        else:
            close()
    close()
    return captions


def _normalize_label(s: str) -> str:
    return s.strip().rstrip(":：").strip()


def _mark_labels(lines: list[_Line], groups: list[list[_Line]], aliases: dict[str, str]) -> None:
    standalone: dict[str, int] = {}
    for group in groups:
        if len(group) == 1 and group[0].cls == "body":
            s = _normalize_label(group[0].text)
            if _looks_like_label(s):
                standalone[s] = standalone.get(s, 0) + 1
    # A dialogue has two parties: one recurring short line alone is page
    # furniture ("Advertisement"), not a speaker.
    recurring = {k for k, n in standalone.items() if n >= 2}
    if len(recurring) < 2:
        recurring = set()
    for i, group in enumerate(groups):
        if len(group) != 1 or group[0].cls != "body" or i == len(groups) - 1:
            continue
        s = _normalize_label(group[0].text)
        if _looks_like_label(s) and (s in recurring or s.lower() in aliases):
            group[0].cls = "label"
            group[0].speaker = aliases.get(s.lower(), s)

    prefixes: dict[str, int] = {}
    found: dict[int, tuple[str, int]] = {}
    for ln in lines:
        if ln.cls != "body":
            continue
        s = ln.text
        offset = 0
        if ln.caption:
            _, offset = _timestamp_of(s)
        m = _NAME_PREFIX.match(s[offset:])
        if m and not m.group("label").strip().isdigit() and not m.group("label").lower().startswith("http"):
            label = m.group("label").strip()
            found[ln.no] = (label, offset + m.end())
            prefixes[label] = prefixes.get(label, 0) + 1
    recurring_prefixes = {k for k, n in prefixes.items() if n >= 2}
    if len(recurring_prefixes) < 2:
        recurring_prefixes = set()
    for ln in lines:
        if ln.no in found:
            label, end = found[ln.no]
            if label in recurring_prefixes or label.lower() in aliases:
                ln.speaker = aliases.get(label.lower(), label)
                ln.content_start = ln.start + end


def _looks_like_label(s: str) -> bool:
    if not _is_unpunctuated_short(s, _LABEL_MAX_CHARS):
        return False
    if _TS_ONLY.match(s) or _is_chrome_line(s):
        return False
    return len(s.split()) <= 5


def _mark_headings(groups: list[list[_Line]]) -> None:
    for group in groups:
        for ln in group:
            if ln.cls != "body":
                continue
            m = _BRACKET_HEADING.match(ln.text) or _MARK_HEADING.match(ln.text)
            if m:
                ln.cls = "heading"
                ln.heading_text = m.group(1).strip()

    body_groups = [g for g in groups if any(ln.cls == "body" for ln in g)]
    sizes = [sum(len(ln.text) for ln in g if ln.cls == "body") for g in body_groups]
    if not sizes or statistics.median(sizes) < _PROSE_MEDIAN_CHARS:
        return
    for i, group in enumerate(groups):
        if i == 0 or i == len(groups) - 1 or len(group) != 1:
            continue
        ln = group[0]
        if ln.cls != "body" or ln.speaker or ln.caption:
            continue
        s = ln.text.strip()
        if not _is_unpunctuated_short(s, _HEADING_MAX_CHARS) or _TS_LEAD.match(s):
            continue
        nxt = groups[i + 1][0]
        if nxt.cls != "body" or not (len(nxt.text.strip()) >= 40 or _ends_like_sentence(nxt.text)):
            continue
        ln.cls = "heading"
        ln.heading_text = s
