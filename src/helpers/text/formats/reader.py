"""Reading a document: detect its format (unless given), run that format's reader, read its front matter."""

from __future__ import annotations

from ...exceptions import DocumentError
from .asr_json import read_asr_json, read_whisper_text, read_whisper_tsv
from .captions import _SBV_TIMING, read_json3, read_sbv, read_srt, read_vtt
from .detect import detect_format, front_matter
from .runs import _TIMING, Reading
from .timing import BadTiming
from .transcript import read_transcript

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
