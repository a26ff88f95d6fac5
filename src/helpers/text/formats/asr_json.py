"""Speech-recognition output: Whisper/WhisperX/Hugging Face/AssemblyAI JSON, Deepgram, Whisper TSV and text."""

from __future__ import annotations

import json
import re
from collections import Counter

from ...exceptions import DocumentError
from .jsontext import _JSON_STRING, _SEGMENT_KEYS, _json_body, _json_runs, _KeyedStrings, _segments_of
from .runs import _TS, Reading, Unit, _runs_of_line
from .timing import BadTiming, _seconds, clock, stated_clock

_WHISPER_TEXT = re.compile(r"^[ \t]*\[(" + _TS + r")[ \t]*-->[ \t]*" + _TS + r"\][ \t]*(.*)$")


def read_asr_json(text: str, base: int = 0, source: str = "") -> Reading:
    data = _json_body(text, base, source, "speech-recognition JSON")
    channels = _deepgram_channels(data)
    if channels is not None and isinstance(data, dict):  # channels are found only in a dict
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


# --- Deepgram --------------------------------------------------------------------------


def _deepgram_channels(data: object) -> list[dict] | None:
    """The channels of a Deepgram pre-recorded response (or of its ``results`` saved alone)."""
    if not isinstance(data, dict):
        return None
    results = data["results"] if isinstance(data.get("results"), dict) else data
    channels = results.get("channels")
    if not isinstance(channels, list) or not channels:
        return None
    for ch in channels:
        alts = ch.get("alternatives") if isinstance(ch, dict) else None
        if (
            not isinstance(alts, list)
            or not alts
            or not isinstance(alts[0], dict)
            or not isinstance(alts[0].get("transcript"), str)
        ):
            return None
    return channels


def _deepgram_speaker(value: object) -> str | None:
    # Diarization numbers speakers from 0; Deepgram's own paragraph transcript writes "Speaker 0".
    return f"Speaker {value}" if isinstance(value, int) and not isinstance(value, bool) else None


def _read_deepgram(text: str, base: int, source: str, data: dict, channels: list[dict]) -> Reading:
    """Units of one of a Deepgram response's renderings (they repeat each other; read one)."""
    results = data["results"] if isinstance(data.get("results"), dict) else data
    utterances = results["utterances"] if isinstance(results.get("utterances"), list) else []
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
        return (
            p
            if isinstance(p, list)
            and p
            and all(isinstance(x, dict) and isinstance(x.get("sentences"), list) for x in p)
            else None
        )

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
