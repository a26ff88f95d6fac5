"""Caption readers: SubRip, WebVTT, YouTube's SubViewer (sbv) and timedtext JSON (json3)."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...exceptions import DocumentError
from .jsontext import _json_body, _json_lines, _KeyedStrings
from .runs import (
    _CAPTION_NAME,
    _DIALOGUE_DASH,
    _SOUND_ONLY,
    _TAG,
    _TIMING,
    Reading,
    Run,
    Unit,
    _line_spans,
    _runs_of_line,
)
from .timing import clock, stated_clock
from .transcript import _plausible_name

# SubViewer (YouTube .sbv): "0:00:01.000,0:00:04.000" alone on the line above the cue text.
_SBV_TS = r"\d{1,3}:\d{1,2}:\d{1,2}\.\d{3}"
_SBV_TIMING = re.compile(r"^[ \t]*(" + _SBV_TS + r"),(" + _SBV_TS + r")[ \t]*$", re.M)


# --- SubRip and WebVTT -------------------------------------------------------------


@dataclass
class _Cue:
    start: float
    lines: list[tuple[int, int]]  # document spans of its text lines
    voice: str | None = None


def _locate_cues(
    text: str,
    base: int,
    cue_lines: Sequence[tuple[float, Sequence[str], str | None]],
    timing: re.Pattern[str] = _TIMING,
) -> list[_Cue]:
    """Find each parsed cue's text lines in the document, in order: the lines under its timing line."""
    cues: list[_Cue] = []
    pos = base
    for start, lines, voice in cue_lines:
        m = timing.search(text, pos)
        if not m:
            break
        spans: list[tuple[int, int]] = []
        at = m.end() + 1
        for want in lines:
            if at > len(text):
                break
            nl = text.find("\n", at)
            nl = len(text) if nl < 0 else nl
            if text[at:nl].strip() != want.strip():
                # The library read this cue differently from its lines (a
                # stray blank line, a cue it repaired): take the block as written.
                spans = _line_spans(text, m.end() + 1)
                break
            spans.append((at, nl))
            at = nl + 1
        cues.append(_Cue(start, spans, voice))
        pos = spans[-1][1] if spans else m.end()
    return cues


def _decimal_points(text: str) -> str:
    """``text`` with SubRip's decimal commas in cue timings ("00:00:01,000") made points, as WebVTT writes them.

    One character for one, so every offset still indexes the document.
    """
    commas = [m.start(g) + m.group(g).find(",") for m in _TIMING.finditer(text) for g in (1, 2) if "," in m.group(g)]
    if not commas:
        return text
    chars = list(text)
    for i in commas:
        chars[i] = "."
    return "".join(chars)


def read_vtt(text: str, base: int = 0, source: str = "") -> Reading:
    """WebVTT cues; timings written SubRip-style with a decimal comma are read as WebVTT's points."""
    import webvtt

    try:
        vtt = webvtt.from_string(_decimal_points(text[text.index("WEBVTT", base) :]))
    except Exception as exc:  # the library raises its own MalformedFileError and friends
        raise DocumentError(f"malformed WebVTT: {exc}", path=source) from exc
    parsed = [(c.start_in_seconds, c.lines, c.voice) for c in vtt.captions]
    return _caption_reading("vtt", text, _locate_cues(text, base, parsed))


def read_srt(text: str, base: int = 0, source: str = "") -> Reading:
    import srt

    # srt logs every stretch it skips; the reader keeps going the same way, quietly.
    logging.getLogger("srt").setLevel(logging.ERROR)
    try:
        subs = list(srt.parse(text[base:].lstrip("\ufeff"), ignore_errors=True))
    except Exception as exc:
        raise DocumentError(f"malformed SubRip: {exc}", path=source) from exc
    parsed = [(s.start.total_seconds(), s.content.split("\n"), None) for s in subs]
    return _caption_reading("srt", text, _locate_cues(text, base, parsed))


def read_sbv(text: str, base: int = 0, source: str = "") -> Reading:
    import io

    import webvtt

    try:
        sbv = webvtt.from_buffer(io.StringIO(text[base:]), format="sbv")
    except Exception as exc:  # MalformedFileError, MalformedCaptionError
        raise DocumentError(f"malformed SubViewer (.sbv) captions: {exc}", path=source) from exc
    parsed = [(c.start_in_seconds, c.lines, None) for c in sbv.captions]
    return _caption_reading("sbv", text, _locate_cues(text, base, parsed, _SBV_TIMING))


_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>\n]+)>")
_INLINE_TIME = re.compile(r"<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{3}>")


def _caption_names(lines: list[str]) -> Callable[[str], bool]:
    """Which ``Name:`` openings of caption lines name a speaker.

    Zoom and broadcast captions name the speaker inside the cue ("Mark Zuckerberg: …",
    ">> JENSEN: …"): a name counts when it recurs, has two words or is in capitals.
    """
    names: Counter[str] = Counter()
    for line in lines:
        m = _CAPTION_NAME.match(_DIALOGUE_DASH.sub("", line, count=1))
        if m:
            names[m.group("name")] += 1

    def caption_name(name: str) -> bool:
        shouted = name.isupper() and sum(ch.isalpha() for ch in name) >= 3  # "JENSEN:", not "Q3:"
        return _plausible_name(name) and (names[name] >= 2 or len(name.split()) >= 2 or shouted)

    return caption_name


def _caption_reading(fmt: str, text: str, cues: list[_Cue]) -> Reading:
    """Units of caption cues: one per line, duplicates of a scrolling caption read once."""

    def clean(a: int, b: int) -> str:
        # Compared without spaces: word timings split Japanese lines where the plain copy has no space.
        return "".join(_TAG.sub("", text[a:b]).split())

    # Scrolling auto-captions show two lines per cue, the first repeating the
    # previous cue's last line; YouTube's also time every word inline.
    repeats = 0
    last: str | None = None
    for cue in cues:
        texts = [clean(a, b) for a, b in cue.lines if clean(a, b)]
        if len(cue.lines) >= 2 and texts and last is not None and texts[0] == last:
            repeats += 1
        if texts:
            last = texts[-1]
    word_timed = any(_INLINE_TIME.search(text, a, b) for cue in cues for a, b in cue.lines)
    rolling = len(cues) >= 3 and repeats >= (0.3 if word_timed else 0.6) * len(cues)

    caption_name = _caption_names([_TAG.sub("", text[a:b]) for cue in cues for a, b in cue.lines])

    units: list[Unit] = []
    last_unit: Unit | None = None
    last_key: str | None = None
    voice: str | None = None
    for cue in cues:
        ts = clock(cue.start)
        first_text = True
        for a, b in cue.lines:
            line = text[a:b]
            m = _VOICE.search(line)
            if m:
                voice = m.group(1).strip()
            elif cue.voice:
                voice = cue.voice
            c = clean(a, b)
            if not c or _SOUND_ONLY.match(_TAG.sub("", line)):
                continue
            dash = _DIALOGUE_DASH.match(line)
            begin = a + (dash.end() if dash else 0)
            runs = _runs_of_line(text, begin, b)
            if runs:
                nm = _CAPTION_NAME.match(runs[0].text)
                if nm and caption_name(nm.group("name")):
                    voice = nm.group("name")
                    runs = _runs_of_line(text, runs[0].start + nm.end(), b)
            if not runs:
                continue
            opening, first_text = first_text, False
            if rolling and opening and c == last_key and last_unit is not None:
                # The line scrolled up: read it once, from this plain copy (its
                # first showing has word timings between the words), with the
                # timestamp of the cue that first showed it.
                if len(last_unit.runs) > 1 and len(runs) == 1:
                    last_unit.runs = runs
                continue
            last_unit = Unit(runs, speaker=voice, timestamp=ts, new_block=bool(dash))
            last_key = c
            units.append(last_unit)
    return Reading(fmt, units)


# --- YouTube timedtext JSON (json3) ------------------------------------------------


def _json3_events(data: object) -> list[dict] | None:
    """The events of YouTube's json3 captions, or None when ``data`` is something else."""
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list) or not events or not all(isinstance(e, dict) and "tStartMs" in e for e in events):
        return None
    if not any(isinstance(e.get("segs"), list) for e in events):
        return None
    return events


def read_json3(text: str, base: int = 0, source: str = "") -> Reading:
    data = _json_body(text, base, source, "json3 captions")
    events = _json3_events(data)
    if events is None:
        raise DocumentError("not YouTube json3 captions (no events with tStartMs and segs)", path=source)
    strings = _KeyedStrings(text, base, source)
    units: list[Unit] = []
    cue_lines: list[tuple[str | None, list[Run]]] = []
    for ev in events:
        segs = ev.get("segs")
        start = ev.get("tStartMs")
        if not isinstance(segs, list) or not isinstance(start, (int, float)):
            continue  # window and style events carry no text
        # An event is a cue; its "\n" segments (and newlines inside a segment) break lines.
        lines: list[list[Run]] = [[]]
        for seg in segs:
            value = seg.get("utf8") if isinstance(seg, dict) else None
            if not isinstance(value, str):
                continue
            a, b = strings.find(("utf8",), value)
            seg_lines = _json_lines(text, a, b)
            if value.startswith("\n"):
                lines.append([])
            for k, runs in enumerate(seg_lines):
                if k:
                    lines.append([])
                if lines[-1] and not k and not value[:1].isspace():
                    # Word segments carry their own spaces (" in"); one without continues the word before it.
                    runs[0] = Run(runs[0].start, runs[0].end, runs[0].text, glued=True)
                lines[-1].extend(runs)
            if value.endswith("\n") and value.strip():
                lines.append([])
        cue_lines.extend((stated_clock(start, 1000), runs) for runs in lines if runs)
    caption_name = _caption_names([" ".join(r.text for r in runs) for _, runs in cue_lines])
    voice: str | None = None
    for ts, runs in cue_lines:
        if _SOUND_ONLY.match(" ".join(r.text for r in runs)):
            continue
        new_block = False
        for rx, group in ((_DIALOGUE_DASH, None), (_CAPTION_NAME, "name")):
            r = runs[0]
            m = rx.match(r.text) if r.end - r.start == len(r.text) else None
            if not m or group and not caption_name(m.group(group)):
                continue
            new_block = True
            if group:
                voice = m.group(group)
            rest = r.text[m.end() :]
            runs = ([Run(r.end - len(rest), r.end, rest)] if rest else []) + runs[1:]
            if not runs:
                break
        if runs:
            units.append(Unit(runs, speaker=voice, timestamp=ts, new_block=new_block))
    return Reading("json3", units)
