"""Plain text's marked lines grouped into block drafts: paragraphs, turns, headings and chrome."""

from __future__ import annotations

import statistics

from .lines import _TS_ONLY, _Draft, _Line
from .marks import _timestamp_of

_PARAGRAPH_LINE_MEDIAN = 60


# --- blocks ------------------------------------------------------------------


def _build_blocks(groups: list[list[_Line]], captions: set[int]) -> list[_Draft]:
    drafts: list[_Draft] = []
    heading: str | None = None
    timestamp: str | None = None
    speaker: str | None = None
    pending: list[_Line] = []  # body lines waiting to become blocks

    def single(kind: str, ln: _Line) -> _Draft:
        return _Draft(kind=kind, lines=[ln], start=ln.content_start, end=ln.start + len(ln.text.rstrip()))

    def flush() -> None:
        if pending:
            drafts.extend(_body_drafts(pending, heading, timestamp))
            pending.clear()

    for group in groups:
        for ln in group:
            if ln.cls in ("chrome", "title"):
                flush()
                d = single(ln.cls, ln)
                d.heading = heading
                drafts.append(d)
            elif ln.cls == "heading":
                flush()
                heading, timestamp, speaker = ln.heading_text, None, None
                d = single("heading", ln)
                d.heading = heading
                drafts.append(d)
            elif ln.cls == "label":
                flush()
                speaker = ln.speaker
            elif only_time := _TS_ONLY.match(ln.text):
                flush()
                timestamp = only_time.group(1)
            else:
                ts, marker = _timestamp_of(ln.text, caption=ln.no in captions)
                if ln.no in captions:
                    if ln.speaker and ln.speaker != speaker:
                        flush()
                    ln.timestamp = ts
                    if not ln.speaker:
                        ln.content_start = max(ln.content_start, ln.start + marker)
                elif ts is not None:
                    flush()
                    timestamp = ts
                    ln.content_start = max(ln.content_start, ln.start + marker)
                if ln.speaker:
                    if ln.speaker != speaker or pending and pending[-1].caption != ln.caption:
                        flush()
                    speaker = ln.speaker
                elif pending and pending[-1].caption != ln.caption:
                    flush()
                ln.speaker = speaker
                ln.timestamp = ln.timestamp or timestamp
                pending.append(ln)
        flush()
    return drafts


def _body_drafts(lines: list[_Line], heading: str | None, timestamp: str | None) -> list[_Draft]:
    def make(chunk: list[_Line]) -> _Draft:
        first, last = chunk[0], chunk[-1]
        return _Draft(
            kind="turn" if first.speaker else "paragraph",
            lines=list(chunk),
            start=first.content_start,
            end=last.start + len(last.text.rstrip()),
            speaker=first.speaker,
            timestamp=first.timestamp if first.caption else (first.timestamp or timestamp),
            heading=heading,
            caption=first.caption,
        )

    if lines[0].caption:
        return [make(lines)]
    lengths = [len(ln.text.strip()) for ln in lines]
    # Line-per-paragraph text (no blank lines between paragraphs): one block per line.
    if len(lines) >= 2 and statistics.median(lengths) >= _PARAGRAPH_LINE_MEDIAN:
        return [make([ln]) for ln in lines]
    # Lines with their own speaker or timestamp marker start a new block.
    out: list[list[_Line]] = []
    for ln in lines:
        if out and (
            ln.content_start != ln.start + (len(ln.text) - len(ln.text.lstrip())) or ln.speaker != out[-1][0].speaker
        ):
            out.append([ln])
        elif out:
            out[-1].append(ln)
        else:
            out.append([ln])
    return [make(chunk) for chunk in out]
