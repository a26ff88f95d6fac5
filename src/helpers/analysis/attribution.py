"""How a claim's speaker reads wherever it is shown: one rule for findings.csv, the comparison and every report.

The claims table keeps the speaker's name, how it is known (``attribution``)
and a calibrated ``speaker_confidence``; a reader needs the first two in one
phrase, and must see at once when the name is a guess:

- labelled: ``Mark Zuckerberg`` (the transcript's own speaker label);
- turn: ``Jensen Huang (inferred)`` (decoded from the turns of an unlabelled dialogue);
- reported: ``Mark Zuckerberg (reported)`` (the writer reports the person's words);
- author: ``author``, or ``Name (author)`` when named (the writer's own statement);
- aligned: ``Name (aligned)`` (taken from the aligned sentence of another rendering of the same event);
- unknown: nothing (nobody is known to assert it).

The marks are words, not colours, so they survive plain text, CSV and screen
readers. A claims table written before attributions existed (no
``attribution`` column) shows its speakers as written.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

# The parenthesised word after the name; labelled and unknown get none.
MARKS = {"turn": "inferred", "reported": "reported", "author": "author", "aligned": "aligned"}
INFERRED = frozenset({"turn", "reported", "aligned"})
# What each attribution means, for a tooltip or a legend.
MEANINGS = {
    "labelled": "named by the transcript's own speaker label",
    "turn": "inferred: decoded from the turns of an unlabelled dialogue",
    "reported": "inferred: the writer reports this person's words",
    "author": "the writer's own statement",
    "aligned": "inferred: the speaker of the aligned sentence in another rendering of the same event",
    "unknown": "nobody is known to assert this",
}


def _text(x: object) -> str:
    return "" if x is None or pd.isna(x) else str(x).strip()


def speaker_of(speaker: object, attribution: object) -> str:
    """Who asserts a claim, for telling speakers apart: the name, or "" when nobody is known.

    An unnamed author is nobody in particular (two articles' authors are not one
    person), so it is "" like an unknown speaker.
    """
    return "" if _text(attribution) == "unknown" else _text(speaker)


def said_by(speaker: object, attribution: object) -> str:
    """The speaker as shown: "Name", "Name (inferred)", "Name (reported)", "author", or ""
    (see the module docstring)."""
    name, how = _text(speaker), _text(attribution)
    if how == "unknown":
        return ""
    mark = MARKS.get(how)
    if not mark:
        return name
    if name:
        return f"{name} ({mark})"
    return "author" if how == "author" else f"unnamed ({mark})"


def said_by_row(row: Mapping) -> str:
    """``said_by`` of a claims-table row (a row without ``attribution`` shows its speaker as written)."""
    return said_by(row.get("speaker"), row.get("attribution"))


def speaker_note(attribution: object, confidence: object = None, *, meaning: bool = True) -> str:
    """How the speaker is known and how sure that is, in words: for a tooltip next to ``said_by``.

    A label is certain and says so without a number; other attributions give
    the calibrated confidence with two decimals. ``meaning=False``: only the confidence
    (where the page has said how the speaker is known).
    """
    how = _text(attribution)
    words = MEANINGS.get(how, "") if meaning else ""
    try:
        p = float(confidence)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        p = math.nan
    if how in ("labelled", "unknown", "") or math.isnan(p):
        return words
    return f"{words}; confidence {p:.2f}" if words else f"confidence {p:.2f}"
