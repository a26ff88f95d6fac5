"""Transcript formats: which one a text is (by content, never by file name) and one reader per format.

A reader turns the decoded document into *units*: runs of analysed text with
the speaker and timestamp the format states, each run a span of the decoded
document. Everything else in the file (cue numbers, timing lines, cue
settings, inline word timings, voice tags, JSON keys and numbers, speaker
labels, list indices, link targets, front matter) is structure: it never
enters a sentence, so no number in it can become a claim. ``build_document``
joins the units of a block with single spaces, splits sentences and maps each
one back to the document through ``Sentence.pieces``, so ``text[start:end]``
of every piece is the quoted words (for JSON with ``\\u`` escapes, the JSON
source of those words).

Formats (``FORMATS``):

* ``srt``: SubRip, parsed by ``srt``; ``vtt``: WebVTT, parsed by
  ``webvtt-py`` (cues, NOTE/STYLE/REGION blocks, settings, voice). Neither
  library reports where a cue's text sits in the file, so each cue's text
  lines are located after its timing line and checked against the library's.
  Inline tags (``<c>``, ``<i>``, ``<00:00:09.436>``, ``<v Name>``) split a
  line into runs. Auto-captions that scroll (each line shown twice, first
  with word timings, then plain as the caption rolls up) are recognised by
  their cues repeating the previous cue's last line; every line is read once,
  from its plain copy, with the timestamp of the cue that first showed it.
* ``sbv``: YouTube's SubViewer captions (``0:00:01.000,0:00:04.000`` above
  each cue), parsed by ``webvtt-py`` and read like SubRip.
* ``json3``: YouTube's timedtext JSON (``events`` with ``tStartMs`` and
  ``segs`` of ``utf8`` text, as yt-dlp saves it): one cue per event, its
  ``"\n"`` segments line breaks; window events and ``aAppend`` newline events
  hold no text.
* ``asr-json``: Whisper, faster-whisper and WhisperX JSON (``segments``),
  Hugging Face pipelines (``chunks``) and AssemblyAI (``utterances``, times in
  milliseconds); only the segments' ``text`` is read, never the top-level
  ``text`` that repeats them. Speakers from the segment's ``speaker`` (or the
  majority of its words' speakers). Deepgram's pre-recorded response
  (``results.channels[].alternatives[]``) is read from one of its parallel
  renderings, the richest present: ``paragraphs`` (sentences with times,
  paragraphs with a speaker), else ``results.utterances``, else ``words``,
  else the bare ``transcript``; diarized speakers 0, 1 … are "Speaker 0" ….
* ``whisper-tsv``: the Whisper CLI's ``start<TAB>end<TAB>text`` (milliseconds).
* ``whisper-text``: ``[00:00.000 --> 00:05.000] text`` lines (Whisper's
  verbose output).
* ``transcript``: speaker- or time-labelled transcripts; see ``labelled`` (the
  general label rule, times inside running text, prose citing the recording)
  and ``_LABELS``.
* ``plain``: everything else, parsed by ``parse`` as before.

YAML front matter (``---`` … ``---`` at the start) is read into
``Reading.metadata`` and kept out of the analysed text, whatever the format.
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..exceptions import DocumentError
from . import labelled
from .language import document_lang, script_lang, segment_lang, sentence_lang
from .model import Block, ParsedDocument, Sentence, separator
from .safeload import BoundExceeded, Malformed, load_json, load_yaml
from .segment import split_sentences

FORMATS = ("plain", "srt", "vtt", "sbv", "json3", "asr-json", "whisper-tsv", "whisper-text", "transcript")


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

_TS = r"\d{1,3}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
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
_CAPTION_NAME = re.compile(r"^[ \t]*(?P<name>[A-ZÄÖÜ][A-Za-zÀ-ÿ.'’-]*(?:[ ][A-Za-zÀ-ÿ0-9.'’-]+){0,3})[ \t]*:[ \t]+(?=\S)")


# A time a file states is a number of seconds from the start of the recording;
# beyond a thousand hours it is a damaged or hostile file, not a recording.
MAX_SECONDS = 3_600_000


class BadTiming(ValueError):
    """A time a file states that is not a finite number of seconds in range (``read`` names the file)."""


def clock(seconds: float) -> str:
    """``HH:MM:SS`` of a time in seconds (fractions dropped, as the tables store whole seconds).

    The one rule for every reader's times: a time that is not finite or beyond
    ``MAX_SECONDS`` is :class:`BadTiming`; a negative one is the start.
    """
    if not math.isfinite(seconds) or seconds > MAX_SECONDS:
        raise BadTiming(f"timestamp {seconds!r} is not a number of seconds from 0 to {MAX_SECONDS:,} (1,000 hours)")
    s = max(0, int(seconds))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def stated_clock(value: object, per_second: int = 1) -> str | None:
    """``clock`` of a time a JSON file states (``per_second`` 1000 for milliseconds); None when it states none."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return clock(value / per_second)
    except OverflowError:  # an integer too large for a float
        raise BadTiming(f"timestamp of {len(str(abs(value)))} digits is not a number of seconds in range") from None


def _written_clock(ts: str) -> str:
    """A timestamp as written, without fraction; minutes past 99 become hours."""
    ts = re.split(r"[.,]", ts)[0]
    parts = [int(p) for p in ts.split(":")]
    if len(parts) == 2 and parts[0] > 99 or len(parts) == 3 and parts[0] > 99:
        total = sum(p * 60**k for k, p in enumerate(reversed(parts)))
        return clock(total)
    return ts


def _seconds(ts: str) -> float:
    main, _, frac = ts.replace(",", ".").partition(".")
    parts = [int(p) for p in main.split(":")]
    return sum(p * 60**k for k, p in enumerate(reversed(parts))) + (float("0." + frac) if frac else 0.0)


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


# --- front matter ----------------------------------------------------------------

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_META_KEYS = {
    "title": "title",
    "guest": "guest",
    "guests": "guest",
    "host": "host",
    "hosts": "host",
    "speakers": "speakers",
    "publish_date": "published",
    "published": "published",
    "date": "published",
    "upload_date": "published",
    "event_date": "event_date",
    "duration": "duration",
    "duration_seconds": "duration",
    "language": "language",
    "lang": "language",
    "url": "url",
    "source": "url",
    "channel": "channel",
    "uploader": "channel",
}


# Real front matter is a few hundred bytes. Between two "---" lines further
# apart than this is Markdown between two rules, read as text (never parsed).
MAX_FRONT_MATTER_CHARS = 100_000


def front_matter(text: str, source: str = "") -> tuple[tuple[int, int] | None, dict[str, str]]:
    """Span and metadata of YAML front matter at the start of ``text``; (None, {}) when there is none.

    Front matter that is not YAML, or longer than ``MAX_FRONT_MATTER_CHARS``,
    is read as text. YAML beyond the other bounds of
    :func:`~helpers.text.safeload.load_yaml` (an alias bomb, nesting) is a
    :class:`DocumentError` naming ``source``.
    """
    m = _FRONT.match(text)
    if not m or m.end(1) - m.start(1) > MAX_FRONT_MATTER_CHARS:
        return None, {}
    try:
        data = load_yaml(m.group(1) or "")
    except Malformed:
        return None, {}
    except BoundExceeded as e:
        raise DocumentError(f"front matter: {e}", path=source) from None
    if not isinstance(data, dict):
        return None, {}
    meta: dict[str, str] = {}
    for key, value in data.items():
        name = _META_KEYS.get(str(key).lower())
        if name is None or value is None or name in meta:
            continue
        if isinstance(value, (list, tuple)):
            value = "; ".join(str(v) for v in value)
        meta[name] = str(value).strip()
    return (0, m.end()), meta


# --- detection -------------------------------------------------------------------

_SRT_START = re.compile(r"\A\s*\d+[ \t]*\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")
_JSON3_KEYS = re.compile(r'"events"\s*:\s*\[\s*\{[^{}]*"tStartMs"\s*:')
_ASR_KEYS = re.compile(r'"(?:segments|utterances|chunks|channels|alternatives)"\s*:\s*\[')
# SubViewer (YouTube .sbv): "0:00:01.000,0:00:04.000" alone on the line above the cue text.
_SBV_TS = r"\d{1,3}:\d{1,2}:\d{1,2}\.\d{3}"
_SBV_TIMING = re.compile(r"^[ \t]*(" + _SBV_TS + r"),(" + _SBV_TS + r")[ \t]*$", re.M)
_WHISPER_TEXT = re.compile(r"^[ \t]*\[(" + _TS + r")[ \t]*-->[ \t]*" + _TS + r"\][ \t]*(.*)$")


def detect_format(text: str, source: str = "") -> str:
    """The format of a decoded document, from its content (see ``FORMATS``); bound hits name ``source``."""
    fm, _ = front_matter(text, source)
    body = text[fm[1] :] if fm else text
    head = body.lstrip("\ufeff \t\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if _SRT_START.match(head):
        return "srt"
    if head[:1] in "{[":
        data = _load_json(head, source)
        if _json3_events(data) is not None:
            return "json3"
        if _deepgram_channels(data) is not None or _segments_of(data) is not None:
            return "asr-json"
        if isinstance(data, _JsonError):
            # A cut-off download or a hand edit gone wrong: still the format its keys
            # say, so its reader names the fault instead of the JSON being read as prose.
            if _JSON3_KEYS.search(head):
                return "json3"
            if _ASR_KEYS.search(head):
                return "asr-json"
    if _SBV_TIMING.match(head):
        return "sbv"
    first = head.split("\n", 1)[0].strip().lower()
    if first.split("\t") == ["start", "end", "text"]:
        return "whisper-tsv"
    lines = [ln for ln in body.split("\n") if ln.strip()]
    if lines and sum(1 for ln in lines if _WHISPER_TEXT.match(ln)) >= max(2, 0.6 * len(lines)):
        return "whisper-text"
    if len(lines) >= 2 and sum(1 for ln in lines if _TIMING.match(ln)) >= 0.2 * len(lines):
        # Timing lines without a header: SubRip that lost its header or numbers.
        return "srt"
    if len(lines) >= 2 and sum(1 for ln in lines if _SBV_TIMING.match(ln)) >= 0.2 * len(lines):
        return "sbv"
    if _is_labelled(body):
        return "transcript"
    return "plain"


# --- SubRip and WebVTT -------------------------------------------------------------


@dataclass
class _Cue:
    start: float
    lines: list[tuple[int, int]]  # document spans of its text lines
    voice: str | None = None


def _locate_cues(
    text: str, base: int, cue_lines: list[tuple[float, list[str], str | None]], timing: re.Pattern[str] = _TIMING
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
    names = Counter()
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
_JSON_ESCAPE = re.compile(r'\\(?:u[0-9a-fA-F]{4}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?|.)')


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


def read_asr_json(text: str, base: int = 0, source: str = "") -> Reading:
    data = _json_body(text, base, source, "speech-recognition JSON")
    channels = _deepgram_channels(data)
    if channels is not None:
        return _read_deepgram(text, base, source, data, channels)
    segs = _segments_of(data)
    if segs is None:
        raise DocumentError("not speech-recognition JSON (no segments with text, no Deepgram results)", path=source)
    # The top-level "text" repeats the segments: start looking after the segments key.
    key = re.search(r'(?<!\\)"(' + "|".join(_SEGMENT_KEYS) + r')"\s*:\s*\[', text[base:])
    scale = 1000 if key and key.group(1) == "utterances" else 1
    pos = base + (key.end() if key else 0)
    units: list[Unit] = []
    for seg in segs:
        want = seg["text"]
        m = _JSON_STRING.search(text, pos)
        while m and json.loads('"' + m.group(1) + '"') != want:
            m = _JSON_STRING.search(text, m.end())
        if not m:
            raise DocumentError(f"segment text {want[:40]!r} not found in the file", path=source)
        pos = m.end()
        runs = _json_runs(text, m.start(1), m.end(1))
        if not runs:
            continue
        start = seg.get("start")
        if start is None and isinstance(seg.get("timestamp"), (list, tuple)) and seg["timestamp"]:
            start = seg["timestamp"][0]
        speaker = seg.get("speaker")
        if not speaker and isinstance(seg.get("words"), list):
            voted = Counter(w.get("speaker") for w in seg["words"] if isinstance(w, dict) and w.get("speaker"))
            speaker = voted.most_common(1)[0][0] if voted else None
        units.append(Unit(runs, speaker=str(speaker) if speaker else None, timestamp=stated_clock(start, scale)))
    return Reading("asr-json", units)


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


# --- Deepgram --------------------------------------------------------------------------


def _deepgram_channels(data: object) -> list[dict] | None:
    """The channels of a Deepgram pre-recorded response (or of its ``results`` saved alone)."""
    if not isinstance(data, dict):
        return None
    results = data.get("results") if isinstance(data.get("results"), dict) else data
    channels = results.get("channels")
    if not isinstance(channels, list) or not channels:
        return None
    for ch in channels:
        alts = ch.get("alternatives") if isinstance(ch, dict) else None
        if not isinstance(alts, list) or not alts or not isinstance(alts[0], dict) or not isinstance(alts[0].get("transcript"), str):
            return None
    return channels


def _deepgram_speaker(value: object) -> str | None:
    # Diarization numbers speakers from 0; Deepgram's own paragraph transcript writes "Speaker 0".
    return f"Speaker {value}" if isinstance(value, int) and not isinstance(value, bool) else None


def _read_deepgram(text: str, base: int, source: str, data: dict, channels: list[dict]) -> Reading:
    """Units of one of a Deepgram response's renderings (they repeat each other; read one)."""
    results = data.get("results") if isinstance(data.get("results"), dict) else data
    utterances = results.get("utterances")
    alts = [ch["alternatives"][0] for ch in channels]
    strings = _KeyedStrings(text, base, source)
    units: list[Unit] = []

    def add(key: tuple[str, ...], value: object, start: object, speaker: str | None, new_block: bool) -> None:
        if not isinstance(value, str) or not value.strip():
            return
        a, b = strings.find(key, value)
        runs = _json_runs(text, a, b)
        if runs:
            ts = stated_clock(start)
            units.append(Unit(runs, speaker=speaker, timestamp=ts, new_block=new_block))

    def paragraphs(alt: dict) -> list[dict] | None:
        p = alt.get("paragraphs")
        p = p.get("paragraphs") if isinstance(p, dict) else None
        return p if isinstance(p, list) and p and all(isinstance(x, dict) and isinstance(x.get("sentences"), list) for x in p) else None

    # Several channels (multichannel) interleave in time only in the utterances.
    several = len(alts) > 1
    if several and isinstance(utterances, list) and utterances:
        order = "utterances"
    elif all(paragraphs(alt) for alt in alts):
        order = "paragraphs"
    elif isinstance(utterances, list) and utterances:
        order = "utterances"
    elif all(isinstance(alt.get("words"), list) and alt["words"] for alt in alts):
        order = "words"
    else:
        order = "transcript"

    if order == "utterances":
        strings.skip_to("utterances")
        for u in utterances:
            if not isinstance(u, dict):
                continue
            speaker = _deepgram_speaker(u.get("speaker"))
            if speaker is None and several and isinstance(u.get("channel"), int):
                speaker = f"Channel {u['channel']}"
            add(("transcript",), u.get("transcript"), u.get("start"), speaker, True)
        return Reading("asr-json", units)
    for n, alt in enumerate(alts):
        channel = f"Channel {n}" if several else None
        if order == "paragraphs":
            for para in paragraphs(alt) or []:
                speaker = _deepgram_speaker(para.get("speaker")) or channel
                opened = len(units)
                for sent in para["sentences"]:
                    if isinstance(sent, dict):
                        add(("text",), sent.get("text"), sent.get("start"), speaker, len(units) == opened)
        elif order == "words":
            previous: str | None = None
            for w in alt["words"]:
                if not isinstance(w, dict):
                    continue
                key = ("punctuated_word",) if isinstance(w.get("punctuated_word"), str) else ("word",)
                speaker = _deepgram_speaker(w.get("speaker")) or channel
                add(key, w.get(key[0]), w.get("start"), speaker, speaker != previous)
                previous = speaker
        else:
            add(("transcript",), alt.get("transcript"), None, channel, True)
    return Reading("asr-json", units)


_MILLISECONDS = re.compile(r"[0-9]+")  # ASCII digits: str.isdigit() also takes "²", which int() refuses


def read_whisper_tsv(text: str, base: int = 0, source: str = "") -> Reading:
    units: list[Unit] = []
    pos = base
    first = True
    for raw in text[base:].split("\n"):
        a = pos
        pos += len(raw) + 1
        if first:
            first = False
            continue
        cols = raw.split("\t")
        ms = cols[0].strip()
        if len(cols) < 3:
            continue
        if not _MILLISECONDS.fullmatch(ms) or len(ms) > 18:
            # int() refuses 4,300 digits, and no recording lasts 18 digits of milliseconds.
            shown = ms[:20] + ("…" if len(ms) > 20 else "")
            raise BadTiming(f"start {shown!r} is not a whole number of milliseconds in range")
        t_start = a + len(cols[0]) + 1 + len(cols[1]) + 1
        runs = _runs_of_line(text, t_start, a + len(raw))
        if runs:
            units.append(Unit(runs, timestamp=stated_clock(int(ms), 1000)))
    return Reading("whisper-tsv", units)


def read_whisper_text(text: str, base: int = 0, source: str = "") -> Reading:
    units: list[Unit] = []
    pos = base
    for raw in text[base:].split("\n"):
        a = pos
        pos += len(raw) + 1
        m = _WHISPER_TEXT.match(raw)
        if not m:
            runs = _runs_of_line(text, a, a + len(raw))
            if runs and units:
                units.append(Unit(runs, timestamp=units[-1].timestamp))
            continue
        runs = _runs_of_line(text, a + m.start(2), a + len(raw))
        if runs:
            units.append(Unit(runs, timestamp=clock(_seconds(m.group(1)))))
    return Reading("whisper-text", units)


# --- labelled transcripts -------------------------------------------------------------

_NAME_TOKEN = r"(?:[A-ZÄÖÜÀ-Þ][A-Za-zÀ-ÿ0-9_.'’-]*|\d{1,3}|de|da|del|der|van|von|la|le|di|bin|al)"
_NAME_LATIN = r"[A-ZÄÖÜÀ-Þ][A-Za-zÀ-ÿ0-9_.'’-]*(?:[ ]" + _NAME_TOKEN + r"){0,4}"
_NAME_CJK = r"[^\s\x00-\x7f。、「」『』：:()（）【】\[\]！？!?]{1,12}"
_NAME = r"(?P<name>" + _NAME_LATIN + r"|" + _NAME_CJK + r")"
# [00:12], (00:12) and ranges [00:00:00 - 00:00:05] (the start counts)
_BR_TS = r"[\[(](?P<ts>" + _TS + r")(?:[ \t]*(?:-->|-|–)[ \t]*" + _TS + r")?[\])]"
_LINK_TS = r"\[(?P<ts>" + _TS + r")\]\([^)\s]*\)"

# Each style: (name, regex at line start). The analysed text of the
# line starts at the end of the match; a match that reaches the end of the
# line is a label for the lines below it.
_LABELS: list[tuple[str, re.Pattern[str]]] = [
    # **[00:14] SPEAKER_04:** text   (WhisperX diarization as Markdown)
    ("bold-ts-name", re.compile(r"^(?:[-*•][ \t]+)?\*\*" + _BR_TS + r"[ \t]*" + _NAME + r"[ \t]*[:：][ \t]*\*\*[ \t]*")),
    # [#P001] [00:00] Name: text   and   [00:12] Name: text
    ("ts-name", re.compile(r"^(?:[-*•][ \t]+)?(?:\[#[^\]\n]{1,24}\][ \t]*)?" + _BR_TS + r"[ \t]*" + _NAME + r"[ \t]*[:：][ \t]*")),
    # 12.  [00:00:13](https://…#t=13): text
    ("list-link", re.compile(r"^\d{1,5}\.[ \t]+" + _LINK_TS + r"[ \t]*[:：]?[ \t]*")),
    # 00:00:00 <v Name>text
    ("ts-voice", re.compile(r"^(?:(?P<ts>" + _TS + r")[ \t]+)?<v(?:\.[^\s>]*)?[ \t]+(?P<name>[^>\n]{1,60})>[ \t]*")),
    # Name (00:01:02): text   /   **Name** [00:01:02]
    ("name-ts", re.compile(r"^(?:\*\*)?" + _NAME + r"(?:\*\*)?[ \t]*" + _BR_TS + r"[ \t]*[:：]?(?:\*\*)?[ \t]*")),
    # Otter: "**Name**  0:24" or "Unknown Speaker  0:58" alone on a line
    ("otter", re.compile(r"^(?:\*\*)?" + _NAME + r"(?:\*\*)?[ \t]+(?P<ts>" + _TS + r")[ \t]*$")),
    # (00:03:10): text   continuing the same speaker
    ("ts-colon", re.compile(r"^" + _BR_TS + r"[ \t]*[:：][ \t]*")),
    # Brian Nowak -- Morgan Stanley -- Analyst   (earnings calls)
    ("name-dash-title", re.compile(r"^" + _NAME + r"[ \t]+--[ \t]+\S[^\n]*$")),
    # Name: text   /   **Name:** text   /   Name: alone
    ("name", re.compile(r"^(?:[-*•][ \t]+|>>+[ \t]*)?(?:\*\*)?" + _NAME + r"(?:\*\*)?[ \t]*[:：](?:\*\*)?[ \t]*")),
]
# A name alone on its line above "(00:00:00) text" lines (lexfridman.com, Descript).
_BARE_NAME = re.compile(r"^(?:\*\*)?(?P<name>" + _NAME_LATIN + r")(?:\*\*)?$")
_OPERATOR = re.compile(r"^(?:\*\*)?(?P<name>Operator|Moderator|Host|Interviewer|Interviewee)(?:\*\*)?[ \t]*[:：]?[ \t]*$", re.I)
_HEADING_OPEN = re.compile(r"^#{1,6}[ \t]+(?=\S)")


def _heading_text(line: str) -> str | None:
    r"""The text of a Markdown heading line ("## Title ##" -> "Title"), None for another line.

    What "^#{1,6}[ \t]+(\S.*?)[ \t]*#*[ \t]*$" matched, without its cubic time on a line of spaces:
    the shortest text (one character at least) after which only blanks, closing #s and blanks follow.
    """
    line = line[:-1] if line.endswith("\n") else line  # "$" matches before a final line break
    m = _HEADING_OPEN.match(line)
    if m is None or "\n" in line:
        return None
    rest = line[m.end() :]
    return rest[: max(1, len(rest.rstrip(" \t").rstrip("#").rstrip(" \t")))]


_ROLE = re.compile(
    r"\b(?:Chief|Officer|CEO|CFO|COO|CTO|President|Director|Analyst|Vice|Head|Founder|Chair(?:man|woman)?|"
    r"Investor Relations|Partner|Managing|Manager|Treasurer|Secretary|Host|Guest|Research|Engineer|Scientist)\b"
)
_HEADING_SPEAKER = re.compile(r"^(?P<name>" + _NAME_LATIN + r"),[ \t]+(?P<title>.+)$")
_BARE_TS_LINE = re.compile(r"^(?P<ts>" + _TS + r")$")
_TS_ONLY_LINE = re.compile(r"^[ \t]*(?:\*\*)?[\[(]?(?P<ts>" + _TS + r")[\])]?(?:\*\*)?[ \t]*$")
_TS_LEAD = re.compile(r"^" + _BR_TS + r"[ \t]*")
# Inline timestamp links inside sentences: [[00:06](https://…&t=6)] or [00:06](…).
_INLINE_LINK = re.compile(r"\[?\[" + _TS + r"\]\([^)\s]*\)\]?")
_GENERIC_SPEAKER = re.compile(
    r"^(?:SPEAKER_\d+|Speaker[ _]?\d+|Unknown Speaker|spk_?\d+|Operator|Moderator|Host|Co-?host|Interviewer|Interviewee|"
    r"Guest|Q|A|Question|Answer|Frage|Antwort|Audience(?: Member)?|Analyst|Participant(?: \d+)?|Narrator|Reporter)$",
    re.I,
)
_NOT_NAMES = {
    "note", "update", "source", "edit", "warning", "example", "summary", "transcript", "chapter", "date", "time",
    "duration", "title", "url", "link", "tags", "tag", "status", "image", "photo", "video", "audio", "disclaimer",
    "copyright", "contents", "agenda", "topic", "topics", "episode", "season", "part", "step", "tip",
    "prepared remarks", "questions and answers", "call participants", "participants", "also",
    "https", "http", "www", "ps", "p.s", "nb", "re", "fyi", "tl;dr", "tldr", "bonus", "caption", "credit", "credits",
    # sentence openers that end in a colon in prose ("But: …", "Fazit: …")
    "but", "and", "so", "yes", "no", "okay", "ok", "well", "now", "then", "here", "there", "today", "result",
    "problem", "solution", "fact", "quote", "context", "background", "conclusion", "lesson", "takeaway", "why",
    "what", "how", "who", "when", "where", "aber", "und", "also", "fazit", "hinweis", "anmerkung", "quelle",
    "beispiel", "ergebnis", "zitat",
}
_STRONG_MIN = 3
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Januar|Februar|März|Mai|Juni|Juli|Okt|Dez|Dezember)[a-zä]*\.?"
)
# A dateline ("March 3, 2024", "2024-03-03", "3. März 2024", "2024年3月3日") is page furniture.
_DATE_LINE = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|" + _MONTH + r"[ \t]+\d{1,2},?[ \t]+\d{4}|"
    r"\d{1,2}\.?[ \t]+" + _MONTH + r"[ \t]+\d{4}|\d{1,2}/\d{1,2}/\d{4})$"
)
# Transcription services sign their exports at the end.
_FOOTER = re.compile(r"^(?:Transcribed by|Transcript(?:ion)? (?:generated|provided|produced) by|Powered by)\b", re.I)


@dataclass(frozen=True)
class _LabelHit:
    style: str
    name: str | None
    ts: str | None
    content: int  # offset in the line where the analysed text starts


@lru_cache(maxsize=1 << 16)  # detection and reading look at the same lines
def _match_label(line: str) -> _LabelHit | None:
    general = labelled.match(line)
    if general:
        return _LabelHit("labelled", general.name, general.ts, general.content)
    for style, rx in _LABELS:
        m = rx.match(line)
        if not m:
            continue
        gd = m.groupdict()
        name = (gd.get("name") or "").strip() or None
        if name and (name.lower().startswith("http") or name.isdigit()):
            continue
        return _LabelHit(style, name, gd.get("ts"), len(line) if style in ("otter", "name-dash-title") else m.end())
    m = _OPERATOR.match(line)
    if m:
        return _LabelHit("operator", m.group("name"), None, len(line))
    return None


def _is_labelled(body: str) -> bool:
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    if not lines:
        return False
    if labelled.cites_recording(lines) or labelled.stamped_prose(lines):
        return True
    hits = [_match_label(ln) for ln in lines]
    strong = sum(1 for h in hits if h and h.style not in ("name", "ts-colon", "operator"))
    strong += sum(1 for ln in lines if _heading_speaker(ln))
    strong += sum(_bare_name_labels(lines).values())
    if strong >= _STRONG_MIN and strong >= 0.1 * len(lines):
        return True
    if _earnings_like(lines):
        return True
    # YouTube's transcript panel copied out: "0:04" alone above each caption line.
    bare = sum(1 for ln in lines if _BARE_TS_LINE.match(ln))
    if bare >= _STRONG_MIN and bare >= 0.2 * len(lines):
        return True
    named = Counter(h.name for h in hits if h and h.style == "name" and h.name and _plausible_name(h.name))
    recurring = [n for n, k in named.items() if k >= 2]
    if len(recurring) >= 2 and sum(named[n] for n in recurring) >= 4 and sum(named.values()) >= 0.1 * len(lines):
        return True
    # "HOST:" turns answered by someone who speaks once with a full name; or
    # prepared remarks under "## Name, Title" headings, then "Name:" turns.
    sure = [n for n in named if named[n] >= 2 or len(n.split()) >= 2 or _GENERIC_SPEAKER.match(n)]
    turns = sum(named[n] for n in sure)
    if len(sure) >= 2 and turns >= _STRONG_MIN and turns >= 0.1 * len(lines):
        return True
    return strong >= 1 and strong + len(sure) >= _STRONG_MIN


def _bare_name_labels(lines: list[str]) -> Counter:
    """Names alone on a line right above a timestamped line, when two or more such names recur."""
    found = Counter()
    for ln, nxt in zip(lines, lines[1:]):
        m = _BARE_NAME.match(ln)
        if m and _plausible_name(m.group("name")) and (_TS_LEAD.match(nxt) or _TS_ONLY_LINE.match(nxt)):
            found[m.group("name")] += 1
    recurring = Counter({n: k for n, k in found.items() if k >= 2})
    return recurring if len(recurring) >= 2 else Counter()


def _heading_speaker(line: str) -> str | None:
    """The speaker of a "## Name, Title" heading (a role in the title), else None."""
    heading = _heading_text(line.strip())
    if heading is None:
        return None
    sp = _HEADING_SPEAKER.match(heading.strip("* "))
    if sp and _plausible_name(sp.group("name")) and _ROLE.search(sp.group("title")):
        return sp.group("name")
    return None


_NAME_DASH_TITLE = re.compile(r"^" + _NAME + r"[ \t]+--[ \t]+\S")


def _earnings_like(lines: list[str]) -> bool:
    if not any(_OPERATOR.match(ln) for ln in lines):
        return False
    dashes = sum(1 for i, ln in enumerate(lines[:-1]) if ln == "--" and i > 0)
    titled = sum(1 for ln in lines if _NAME_DASH_TITLE.match(ln))
    return dashes + titled >= 2


def _plausible_name(name: str) -> bool:
    n = name.strip().strip("*").strip()
    if n.lower() in _NOT_NAMES:
        return False
    if _GENERIC_SPEAKER.match(n):
        return True
    if script_lang(n) == "ja":
        return len(n) <= 12
    words = n.split()
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w.isdigit() or w in ("de", "da", "del", "der", "van", "von", "la", "le", "di", "bin", "al") for w in words)


def read_transcript(text: str, base: int = 0, source: str = "") -> Reading:
    """Units of a speaker- or time-labelled transcript."""
    if labelled.cites_recording(text[base:].split("\n")):
        return _read_cited(text, base)
    raw_lines: list[tuple[int, str]] = []
    pos = base
    for raw in text[base:].split("\n"):
        raw_lines.append((pos, raw))
        pos += len(raw) + 1

    # A Name: label that occurs once is still a label when it looks like a
    # name (two or more capitalised words, or a generic role) or the document's
    # recurring labels are single names too; otherwise it is text ("Note: …").
    counts = Counter()
    for _, raw in raw_lines:
        h = _match_label(raw.strip())
        if h and h.name:
            counts[h.name] += 1
    recurring = {n for n, k in counts.items() if k >= 2 and _plausible_name(n)}
    bare_names = set(_bare_name_labels([raw.strip() for _, raw in raw_lines if raw.strip()]))
    single_word_style = bool(recurring) and all(len(n.split()) == 1 for n in recurring)

    def accept_name(name: str) -> bool:
        if name in recurring or _GENERIC_SPEAKER.match(name):
            return True
        if not _plausible_name(name):
            return False
        shouted = name.isupper() and sum(ch.isalpha() for ch in name) >= 3  # ">> MARK:", broadcast style
        return len(name.split()) >= 2 or single_word_style or shouted or script_lang(name) == "ja"

    units: list[Unit] = []
    speaker: str | None = None
    timestamp: str | None = None
    new_block = True
    title_done = False
    n = len(raw_lines)

    def standalone(i: int) -> bool:
        return (i == 0 or not raw_lines[i - 1][1].strip()) and (i + 1 >= n or not raw_lines[i + 1][1].strip())

    i = 0
    while i < n:
        a, raw = raw_lines[i]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        if not stripped:
            new_block = True
            i += 1
            continue
        first_line = not title_done
        title_done = True
        # Earnings-call block: Name / -- / Title
        if i + 2 < n and raw_lines[i + 1][1].strip() == "--" and _plausible_name(stripped):
            speaker, new_block = stripped, True
            i += 3
            continue
        heading = _heading_text(stripped)
        if heading is not None and not labelled.match(stripped):  # "##### **Name** [[00:06](…)]" is a label
            named = _heading_speaker(stripped)
            htext = heading.strip("* ")
            if named:
                speaker, new_block = named, True
            elif _OPERATOR.match(htext):
                speaker, new_block = _OPERATOR.match(htext).group("name"), True
            else:
                runs = _content_runs(text, a + raw.index(heading), a + len(raw.rstrip()))
                if runs:
                    kind = "title" if first_line and stripped.startswith("# ") else "heading"
                    units.append(Unit(runs, kind=kind, new_block=True))
                speaker, new_block = None, True
            i += 1
            continue
        bare = _BARE_NAME.match(stripped)
        if bare and bare.group("name") in bare_names:
            if bare.group("name") != speaker:
                new_block = True
            speaker = bare.group("name")
            i += 1
            continue
        tsm = _TS_ONLY_LINE.match(stripped)
        if tsm:
            timestamp = _written_clock(tsm.group("ts"))
            i += 1
            continue
        hit = _match_label(stripped)
        content = lead
        # a name without a time ("Name:", "[Name]:", "NAME, TITLE:") must look like a speaker's
        weak = hit is not None and (hit.style == "name" or hit.style == "labelled" and not hit.ts)
        if hit and hit.name and weak and not accept_name(hit.name):
            hit = None
        if hit and hit.style == "name" and first_line and standalone(i) and hit.name not in recurring:
            hit = None  # "Mark Zuckerberg: Future of AI at Meta" heading the file is its title
        if hit and hit.style == "name-dash-title" and not _plausible_name(hit.name or ""):
            hit = None
        if not hit and (_SOUND_ONLY.match(stripped) or standalone(i) and _FOOTER.match(stripped)):
            # "(BEGIN VIDEO CLIP)", "[Music]": a stage direction, not speech
            units.append(Unit([Run(a + lead, a + len(raw.rstrip()), stripped)], kind="chrome", new_block=True))
            i += 1
            continue
        if not hit and standalone(i) and _DATE_LINE.match(stripped):
            units.append(Unit([Run(a + lead, a + len(raw.rstrip()), stripped)], kind="chrome", new_block=True))
            i += 1
            continue
        if not hit and standalone(i) and len(stripped) <= 200 and not _ends_like_sentence(stripped):
            # A line of its own that is not a label: the title (first line) or a
            # section heading ("Prepared Remarks:", "Questions & Answers:").
            if first_line or stripped.endswith((":", "：")):
                runs = _content_runs(text, a + lead, a + len(raw.rstrip().rstrip(":：")))
                units.append(Unit(runs, kind="title" if first_line else "heading", new_block=True))
                if not first_line:
                    speaker = None
                new_block = True
                i += 1
                continue
        if hit:
            if hit.name:
                # Every label opens a turn, also a repeated one: a sentence never runs across two labels.
                speaker, new_block = hit.name.strip().strip("*").strip(), True
            if hit.ts:
                timestamp = _written_clock(hit.ts)
            content = lead + hit.content
            after = _TS_LEAD.match(raw[content:])  # "Speaker 1: [00:00:05] text"
            if after:
                timestamp = _written_clock(after.group("ts"))
                content += after.end()
        else:
            m = _TS_LEAD.match(stripped)
            if m:
                timestamp = _written_clock(m.group("ts"))
                content = lead + m.end()
        timed, timestamp = _timed_units(text, a + content, a + len(raw), timestamp)
        for u in timed:
            units.append(Unit(u.runs, speaker=speaker, timestamp=u.timestamp, new_block=new_block))
            new_block = False
        i += 1
    return Reading("transcript", units)


def _timed_units(text: str, a: int, b: int, timestamp: str | None) -> tuple[list[Unit], str | None]:
    """The words of ``text[a:b]`` and the time after them, cut where a time stands inside them.

    "I'm the [00:00:07] co host": the time times the words after it.
    """
    cuts = [(a, None)]
    for s, e, ts in labelled.inline_stamps(text[a:b]):
        cuts.append((a + s, None))
        cuts.append((a + e, _written_clock(ts)))
    cuts.append((b, None))
    units: list[Unit] = []
    for k, ((start, ts), (end, _)) in enumerate(zip(cuts[::2], cuts[1::2])):
        timestamp = ts or timestamp
        runs = _content_runs(text, start, end)
        runs = _glue_punctuation(runs) if k else runs
        if runs:
            units.append(Unit(runs, timestamp=timestamp))
    return units, timestamp


def _glue_punctuation(runs: list[Run]) -> list[Run]:
    """Runs cut after a time or citation ("GPUs [[1]](#t=8). It"): a full stop or comma opening them takes no space."""
    if runs and runs[0].text[:1] in ".,;:!?)":
        runs[0] = replace(runs[0], glued=True)
    return runs


def _read_cited(text: str, base: int) -> Reading:
    """Units of prose citing its recording (see ``labelled.cited_spans``)."""
    units: list[Unit] = []
    for sp in labelled.cited_spans(text, base):
        runs = _glue_punctuation(_content_runs(text, sp.start, sp.end))
        if runs:
            ts = clock(sp.seconds) if sp.seconds is not None else None
            units.append(Unit(runs, timestamp=ts, kind=sp.kind, new_block=sp.new_block))
    return Reading("transcript", units)


def _ends_like_sentence(s: str) -> bool:
    s = s.rstrip().rstrip("」』）)】\"”’'»")
    return bool(s) and s[-1] in "。．.!?！？…"


_INLINE_STRIP = re.compile(r"\[?\[" + _TS + r"\]\([^)\s]*\)\]?|</v>|\*\*")


def _content_runs(text: str, a: int, b: int) -> list[Run]:
    """Runs of a line's text without inline timestamp links, voice end tags and bold marks."""
    runs: list[Run] = []
    pos = a
    for m in list(_INLINE_STRIP.finditer(text[a:b])) + [None]:
        end = a + m.start() if m else b
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            # "**important**." is one word and its full stop: no space where only marks separate them.
            glued = bool(runs) and not _INLINE_STRIP.sub("", text[runs[-1].end : s])
            runs.append(Run(s, e, text[s:e], glued))
        if m:
            pos = a + m.end()
    return runs


def inline_debris(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of inline timestamp links in ``text[start:end]`` (kept out of the analysed text of prose)."""
    return [(start + m.start(), start + m.end()) for m in _INLINE_LINK.finditer(text[start:end])]


# --- reading and building ------------------------------------------------------------

_READERS = {
    "vtt": read_vtt,
    "srt": read_srt,
    "sbv": read_sbv,
    "json3": read_json3,
    "asr-json": read_asr_json,
    "whisper-tsv": read_whisper_tsv,
    "whisper-text": read_whisper_text,
    "transcript": read_transcript,
}


# A speaker's name, as a file states it, is at most this long: a 20 KB ``<v>``
# name carried over 3,000 cues made 800 MB of tables and reports.
MAX_SPEAKER_CHARS = 100
_CUT_MARK = "…"


def read(text: str, source: str = "", fmt: str | None = None) -> Reading:
    """Detect the format (unless given) and read ``text``; ``plain`` gives a Reading without units.

    A time no recording has (``BadTiming``) is a :class:`DocumentError`
    naming ``source``; so is a caption file that reads as no text at all.
    Speaker names longer than ``MAX_SPEAKER_CHARS`` are cut, ending in "…".
    """
    fmt = fmt or detect_format(text, source)
    span, meta = front_matter(text, source)
    if fmt == "plain":
        reading = Reading("plain")
    else:
        try:
            reading = _READERS[fmt](text, span[1] if span else 0, source)
        except BadTiming as e:
            raise DocumentError(str(e), path=source) from None
        if not reading.units and fmt in _CAPTIONS:
            raise DocumentError(_no_text(fmt, text, span[1] if span else 0), path=source)
        for u in reading.units:
            u.speaker = short_name(u.speaker)
    reading.front_matter = span
    reading.metadata = meta
    if meta.get("title"):
        reading.title = meta["title"]
    return reading


def short_name(name: str | None) -> str | None:
    """``name`` cut to ``MAX_SPEAKER_CHARS``, the cut shown by a final "…"."""
    if name is None or len(name) <= MAX_SPEAKER_CHARS:
        return name
    return name[: MAX_SPEAKER_CHARS - len(_CUT_MARK)] + _CUT_MARK


_CAPTIONS = ("vtt", "srt", "sbv", "json3")


def _no_text(fmt: str, text: str, base: int) -> str:
    """Why a caption file read as no text, naming the likely cause."""
    if fmt == "json3":
        return "read as json3 captions, but no event has text segments; no text was read"
    timings = len(_TIMING.findall(text, base)) if fmt != "sbv" else len(_SBV_TIMING.findall(text, base))
    if timings == 0:
        return f"read as {fmt} captions but no cue has a timing line its format accepts, so no text was read"
    return (
        f"read as {fmt} captions with {timings} timing line(s), but no cue holds text "
        "(only sounds, or cues the format's parser could not read); no text was read"
    )


@dataclass
class _DraftBlock:
    kind: str
    units: list[Unit]


def build_document(text: str, reading: Reading, doc_id: str, path: str = "", encoding: str = "utf-8") -> ParsedDocument:
    """Blocks and sentences of a document read by a format reader."""
    drafts: list[_DraftBlock] = []
    for u in reading.units:
        if u.kind != "body":
            drafts.append(_DraftBlock(u.kind, [u]))
            continue
        prev = drafts[-1] if drafts else None
        if prev is None or prev.kind != "body" or u.new_block or u.speaker != prev.units[-1].speaker:
            drafts.append(_DraftBlock("body", [u]))
        else:
            prev.units.append(u)

    body_text = " ".join(r.text for d in drafts if d.kind == "body" for u in d.units for r in u.runs)
    doc_lang = document_lang(body_text) if body_text.strip() else document_lang(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect_right(line_starts, offset)

    blocks: list[Block] = []
    sentences: list[Sentence] = []
    if reading.front_matter:
        a, b = reading.front_matter
        blocks.append(Block(block_id=0, kind="chrome", start=a, end=len(text[a:b].rstrip()), line=1))
    heading: str | None = None
    title = reading.title
    for d in drafts:
        first, last = d.units[0], d.units[-1]
        start, end = first.runs[0].start, last.runs[-1].end
        if d.kind == "heading":
            heading = " ".join(r.text for r in first.runs)
        if d.kind == "title" and title is None:
            title = " ".join(r.text for r in first.runs)
        speaker = first.speaker if d.kind == "body" else None
        kind = {"body": "turn" if speaker else "paragraph"}.get(d.kind, d.kind)
        block_id = len(blocks)
        blocks.append(
            Block(
                block_id=block_id, kind=kind, start=start, end=end, line=line_of(start), speaker=speaker,
                timestamp=first.timestamp, heading=heading,
            )
        )
        if kind in ("title", "chrome"):
            continue
        for s in _block_sentences(d.units, doc_lang):
            sentences.append(
                Sentence(
                    sentence_id=len(sentences), block_id=block_id, line=line_of(s["start"]), speaker=speaker,
                    block_kind=kind, attribution="labelled" if speaker else "unknown",
                    speaker_confidence=1.0 if speaker else 0.0, **s,
                )
            )
    return ParsedDocument(
        doc_id=doc_id, path=path, encoding=encoding, text=text, lang=doc_lang, title=title, blocks=blocks,
        sentences=sentences, format=reading.format, metadata=dict(reading.metadata),
    )


# Auto-captions often have no punctuation at all; rather than 1,000-character
# "sentences" cut anywhere, such a block is cut where a cue line ends, once a
# stretch is this long.
_UNPUNCTUATED_CHARS_PER_STOP = 400
_UNPUNCTUATED_CHUNK = 200


def _unpunctuated_spans(joined: str, unit_ends: list[int]) -> list[tuple[int, int]]:
    """Sentence spans at line ends for text with (almost) no sentence punctuation; [] otherwise."""
    if len(joined) <= _UNPUNCTUATED_CHARS_PER_STOP:
        return []
    stops = sum(joined.count(ch) for ch in ".!?。！？")
    if stops * _UNPUNCTUATED_CHARS_PER_STOP >= len(joined):
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for end in unit_ends:
        if end - start >= _UNPUNCTUATED_CHUNK or end == unit_ends[-1]:
            a = start + (len(joined[start:end]) - len(joined[start:end].lstrip()))
            if a < end:
                spans.append((a, end))
            start = end
    return spans


def _block_sentences(units: list[Unit], doc_lang: str) -> list[dict]:
    """Join a block's runs (a space between lines and cues, none between wide characters), split, and map back."""
    parts: list[tuple[int, Run, str | None]] = []  # (position in joined text, run, timestamp)
    chunks: list[str] = []
    unit_ends: list[int] = []  # position in the joined text where each unit ends
    pos = 0
    prev: Run | None = None
    for u in units:
        for r in u.runs:
            if prev is not None:
                # Contiguous runs are one stretch of the file (JSON escapes).
                if r.start != prev.end and not r.glued and separator(prev.text, r.text):
                    chunks.append(" ")
                    pos += 1
            parts.append((pos, r, u.timestamp))
            chunks.append(r.text)
            pos += len(r.text)
            prev = r
        unit_ends.append(pos)
    joined = "".join(chunks)
    positions = [p[0] for p in parts]
    out: list[dict] = []
    for a, b in _unpunctuated_spans(joined, unit_ends) or split_sentences(joined, segment_lang(joined, doc_lang)):
        pieces: list[tuple[int, int]] = []
        lengths: list[int] = []
        glued: list[int] = []
        ts: str | None = None
        # Walked by index from the sentence's first run: a slice of the rest of the block per
        # sentence copied the block once per sentence (200,000 cues took minutes).
        for k in range(max(0, bisect_right(positions, a) - 1), len(parts)):
            jpos, r, rts = parts[k]
            if jpos >= b:
                break
            n = len(r.text)
            lo, hi = max(a, jpos), min(b, jpos + n)
            if lo >= hi:
                continue
            if not pieces:
                ts = rts
            if r.end - r.start == n:
                da, db = r.start + lo - jpos, r.start + hi - jpos
            else:  # an escape: all or nothing
                da, db = r.start, r.end
            if pieces and pieces[-1][1] == da and lengths[-1] == pieces[-1][1] - pieces[-1][0] and db - da == hi - lo:
                pieces[-1] = (pieces[-1][0], db)
                lengths[-1] += hi - lo
            else:
                if pieces and r.glued and lo == jpos and da != pieces[-1][1]:
                    glued.append(len(pieces))
                pieces.append((da, db))
                lengths.append(hi - lo)
        s = joined[a:b]
        exact = all(ln == pb - pa for ln, (pa, pb) in zip(lengths, pieces))
        out.append(
            dict(
                start=pieces[0][0],
                end=pieces[-1][1],
                lang=sentence_lang(s, doc_lang),
                text=s,
                timestamp=ts,
                pieces=tuple(pieces),  # always, as for captions: the timestamp is the first piece's
                piece_lengths=() if exact else tuple(lengths),
                glued=tuple(glued),
            )
        )
    return out
