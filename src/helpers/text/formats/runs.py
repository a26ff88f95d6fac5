"""What every reader produces: runs of analysed text grouped into units, and the pieces that cut lines into runs."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .. import labelled


@dataclass(frozen=True)
class Run:
    """A span of analysed text: ``doc_text[start:end]``, or, for a JSON escape, its decoded ``text``."""

    start: int
    end: int
    text: str
    glued: bool = False  # follows the previous run of its line with only markup between ("GPU</u>.")


@dataclass
class Unit:
    """What a format states about a stretch of text: its runs, speaker and timestamp."""

    runs: list[Run]
    speaker: str | None = None
    timestamp: str | None = None
    kind: str = "body"  # body | heading | chrome | title
    new_block: bool = False  # a paragraph or turn starts here


@dataclass
class Reading:
    format: str
    units: list[Unit] = field(default_factory=list)
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    front_matter: tuple[int, int] | None = None  # span of the YAML front matter


# --- shared pieces -------------------------------------------------------------

_TS = labelled.TS  # a stated time, "1:02", "01:02:03.5"; the same in every format
_TIMING = re.compile(r"^[ \t]*(" + _TS + r")[ \t]+-->[ \t]+(" + _TS + r")[^\n]*$", re.M)
_TAG = re.compile(r"<[^<>\n]*>|\{\\[^{}\n]*\}")  # WebVTT/HTML tags, ASS overrides ({\an8})
# A line that is only a sound ("[Music]", "(Applaus)", Japanese "（拍手）", "［音楽］") is not speech.
# Blanks around a sound are possessive and a line of only ♪, # and blanks is its own branch: the
# blanks around "[♪♫#\s]+" took cubic time on a caption line of spaces.
_SOUND_ONLY = re.compile(
    r"^(?:[ \t]*+(?:\[[^\[\]\n]{1,40}\]|\([^()\n]{1,40}\)|（[^（）\n]{1,20}）|［[^［］\n]{1,20}］)[ \t]*+|[♪♫#\s]+)$"
)
# A new speaker inside a caption: "- " (subtitles) or ">>" (broadcast, YouTube writes "&gt;&gt;").
_DIALOGUE_DASH = re.compile(r"^[ \t]*(?:>>+|(?:&gt;){2,}|-(?=[ \t]))[ \t]*")
_CAPTION_NAME = re.compile(
    r"^[ \t]*(?P<name>[A-ZÄÖÜÀ-ÞĀ-ɏ][A-Za-zÀ-ÿĀ-ɏ.'’-]*(?:[ ][A-Za-zÀ-ÿĀ-ɏ0-9.'’-]+){0,3})[ \t]*:[ \t]+(?=\S)"
)


def _runs_of_line(text: str, start: int, end: int) -> list[Run]:
    """Runs of a caption line between its tags, trimmed, empty ones dropped."""
    runs: list[Run] = []
    pos = start
    for m in list(_TAG.finditer(text, start, end)) + [None]:
        a, b = pos, (m.start() if m else end)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            # "<b>8,000</b>," is one word: no space where only tags separate two runs.
            glued = bool(runs) and not _TAG.sub("", text[runs[-1].end : a])
            runs.extend(_unescaped_runs(text, a, b, glued))
        if m:
            pos = m.end()
    return runs


# WebVTT escapes "&", "<" and ">" in cue text ("Q&amp;A", "R&amp;D"); one run per
# escape keeps the offsets exact (like JSON escapes, see ``Sentence.piece_lengths``).
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")


def _unescaped_runs(text: str, a: int, b: int, glued: bool) -> list[Run]:
    runs: list[Run] = []
    pos = a
    for m in list(_ENTITY.finditer(text, a, b)) + [None]:
        end = m.start() if m else b
        if pos < end:
            runs.append(Run(pos, end, text[pos:end], glued and not runs))
        if m:
            runs.append(Run(m.start(), m.end(), html.unescape(m.group(0)), glued and not runs))
            pos = m.end()
    return runs


def _line_spans(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each line from ``start`` to the next blank line."""
    out = []
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        if not text[pos:nl].strip():
            break
        out.append((pos, nl))
        pos = nl + 1
    return out
