"""Text for the terminal: file names and document text shown, never obeyed.

A file name or a line of a document can hold control characters: an escape
sequence that retitles the window, moves the cursor, hides the rest of the
line, or a bidirectional override that shows a name in a different order.
Every message the build prints or logs goes through :func:`for_terminal`,
which shows each such character as its escape (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: object, *, lines: bool = False) -> str:
    """``str(text)`` with every control character shown as its escape; with ``lines``, newlines are kept."""
    return (_CONTROL_BUT_NEWLINE if lines else _CONTROL).sub(_escape, str(text))
