"""Race times and distances a results report writes bare, in a swimming or running context.

A results report names the race once and leaves the unit off what follows:

* bare times to the hundredth: "led at the halfway mark in 50.57 before Hobson split 26.66", "broke the previous
  record of 49.82", "Efimova and Meili followed in 29.48 and 29.99", "in 50,57 Sekunden" is written out anyway:
  a number with two decimals below 60, after a word that introduces a time (in, of, split, clocked, touched,
  against, and), is seconds when its sentence or the sentence before names a stroke or gives a race time
  (m:ss.hh);
* an event's distance before its stroke: "Men's 400 freestyle", "die 200 Freistil": metres;
* a lap named by its distance ("split 26.66 on the third 50", "over the last 50") is a label, not a count.

The context is the sentence and the one before it (or further back while each sentence gives a time of its own),
so the pass is linear.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..text.model import Sentence
from .quantities import Quantity

_STROKE = (
    r"(?:freestyle|free|butterfly|fly|backstroke|back|breaststroke|breast|medley|IM|Freistil|Schmetterling|"
    r"Rücken|Brust|Lagen|自由形|バタフライ|背泳ぎ|平泳ぎ|個人メドレー)"
)
_CONTEXT = re.compile(
    r"(?i)\b(?:freestyle|butterfly|backstroke|breaststroke|medley|Freistil|Schmetterling|Brustschwimmen|Lagen)\b"
    r"|(?<![\d:])[0-5]?\d:[0-5]\d[.,]\d\d(?!\d)|自由形|バタフライ|背泳ぎ|平泳ぎ|個人メドレー"
)
_TIME_SURFACE = re.compile(r"[1-5]?\d[.,]\d\d")
_TIME_BEFORE = re.compile(
    r"(?i)\b(?:in|of|split|splitting|clocked|clocking|touched|touching|against|and|on|mit|von|in\seiner\sZeit\svon)"
    r"\s\Z"
)
_STROKE_AFTER = re.compile(rf"\s{_STROKE}\b")
_LAP_BEFORE = re.compile(r"(?i)\bthe\s(?:first|second|third|fourth|last|final|opening|closing|next)\s\Z")
_LAP_AFTER = re.compile(r"[,.;]|\s(?:to|and)\b|\Z")
_LAPS = frozenset({25.0, 50.0, 100.0, 200.0})


def race_units(found: list[tuple[Sentence, list[Quantity]]]) -> list[tuple[Sentence, list[Quantity]]]:
    """``found`` with bare race times in seconds, event distances in metres and named laps dropped."""
    out: list[tuple[Sentence, list[Quantity]]] = []
    named_before = False  # the sentence before named the race, or went on about it with a time of its own
    for sent, qs in found:
        text = sent.text
        named = _CONTEXT.search(text) is not None
        if qs and (named or named_before):
            qs = [r for q in qs if (r := _reread(text, q)) is not None]
        out.append((sent, qs))
        named_before = named or (named_before and any(q.unit == "duration_second" for q in qs))
    return out


def _reread(text: str, q: Quantity) -> Quantity | None:
    if q.unit not in ("count", "meter") or q.vague or q.value is None:
        return q
    surface = text[q.start : q.end]
    if _TIME_SURFACE.fullmatch(surface) and _TIME_BEFORE.search(text, max(0, q.start - 24), q.start):
        return replace(q, unit="duration_second", unit_surface="")  # a distance carried to it was the event's
    if q.unit != "count" or q.unit_surface:
        return q
    if q.value in _LAPS and _LAP_BEFORE.search(text, max(0, q.start - 16), q.start) and _LAP_AFTER.match(text, q.end):
        return None
    if q.value >= 25 and q.value == int(q.value) and _STROKE_AFTER.match(text, q.end):
        return replace(q, unit="meter")
    return q
