"""JSON text for readers: load it with bounds, and map decoded strings back to their spans in the file."""

from __future__ import annotations

import json
import re

from ...exceptions import DocumentError
from ..safeload import BoundExceeded, Malformed, load_json
from .runs import Run

# --- speech-recognition output ------------------------------------------------------


# Whisper and faster-whisper: segments; Hugging Face pipelines: chunks;
# AssemblyAI: utterances (times in milliseconds).
_SEGMENT_KEYS = ("segments", "chunks", "utterances")


class _JsonError(str):
    """Why a text that should be JSON is not (json's message, with line and column)."""


def _load_json(body: str, source: str) -> object:
    """The JSON value of ``body``, or why it is not JSON; nesting beyond the parser's bound names ``source``."""
    try:
        return load_json(body)
    except Malformed as exc:
        return _JsonError(exc.message)
    except BoundExceeded as exc:
        raise DocumentError(str(exc), path=source) from None


def _json_body(text: str, base: int, source: str, what: str) -> object:
    """The JSON after ``base``, or a named error: a reader chose this file for its keys, so it must parse."""
    data = _load_json(text[base:], source)
    if isinstance(data, _JsonError):
        raise DocumentError(f"malformed {what}: {data}", path=source)
    return data


def _segments_of(data: object) -> list[dict] | None:
    if isinstance(data, dict):
        segs = next((data[k] for k in _SEGMENT_KEYS if isinstance(data.get(k), list)), None)
    else:
        segs = data
    if not isinstance(segs, list) or not segs:
        return None
    if not all(isinstance(s, dict) and isinstance(s.get("text"), str) for s in segs):
        return None
    return segs


_JSON_STRING = re.compile(r'"text"\s*:\s*"((?:[^"\\\n]|\\.)*)"')
_JSON_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?|.)")


def _json_runs(text: str, a: int, b: int) -> list[Run]:
    """Runs of a JSON string's raw content: literal stretches and one run per escape."""
    runs: list[Run] = []
    pos = a
    for m in list(_JSON_ESCAPE.finditer(text, a, b)) + [None]:
        end = m.start() if m else b
        if pos < end:
            runs.append(Run(pos, end, text[pos:end]))
        if m:
            runs.append(Run(m.start(), m.end(), json.loads('"' + m.group(0) + '"')))
            pos = m.end()
    # Whitespace at either end (Whisper starts every segment with a space) is not text.
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs and runs[0].text != runs[0].text.lstrip() and runs[0].end - runs[0].start == len(runs[0].text):
        r = runs[0]
        cut = len(r.text) - len(r.text.lstrip())
        runs[0] = Run(r.start + cut, r.end, r.text[cut:])
    if runs and runs[-1].text != runs[-1].text.rstrip() and runs[-1].end - runs[-1].start == len(runs[-1].text):
        r = runs[-1]
        cut = len(r.text) - len(r.text.rstrip())
        runs[-1] = Run(r.start, r.end - cut, r.text[: len(r.text) - cut])
    return runs


# Every JSON string token, in file order; scanning from the start of the JSON
# value means a match never begins inside another string.
_JSON_TOKEN = re.compile(r'"((?:[^"\\\n]|\\.)*)"(\s*:\s*)?')


class _KeyedStrings:
    """The string values of a JSON text under their keys, found in file order.

    ``find(key, value)`` moves past the next string under ``key`` whose decoded
    value is ``value`` and returns its content span; the parsed JSON says what
    to look for, this says where it is.
    """

    def __init__(self, text: str, pos: int, source: str) -> None:
        self.text, self.pos, self.source = text, pos, source

    def skip_to(self, key: str) -> None:
        """Move past the next ``key``."""
        for m in _JSON_TOKEN.finditer(self.text, self.pos):
            if m.group(2) and m.group(1) == key:
                self.pos = m.end()
                return
        raise DocumentError(f"no {key!r} in the file", path=self.source)

    def find(self, keys: tuple[str, ...], value: str) -> tuple[int, int]:
        key: str | None = None
        for m in _JSON_TOKEN.finditer(self.text, self.pos):
            if m.group(2):
                key = m.group(1)
                continue
            if key in keys and json.loads('"' + m.group(1) + '"') == value:
                self.pos = m.end()
                return m.start(1), m.end(1)
            key = None
        raise DocumentError(f"{'/'.join(keys)} {value[:40]!r} not found in the file", path=self.source)


def _json_lines(text: str, a: int, b: int) -> list[list[Run]]:
    """Runs of a JSON string's content, one list per line (``\\n`` escapes break lines)."""
    lines: list[list[Run]] = []
    pos = a
    for m in list(_JSON_ESCAPE.finditer(text, a, b)) + [None]:
        if m is not None and m.group(0) != "\\n":
            continue
        end = m.start() if m else b
        runs = _json_runs(text, pos, end)
        if runs:
            lines.append(runs)
        if m:
            pos = m.end()
    return lines
