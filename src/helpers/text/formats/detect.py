"""Which format a text is, by its content (never by file name), and its YAML front matter."""

from __future__ import annotations

import re

from ...exceptions import DocumentError
from ..safeload import BoundExceeded, Malformed, load_yaml
from .asr_json import _WHISPER_TEXT, _deepgram_channels
from .captions import _SBV_TIMING, _json3_events
from .jsontext import _JsonError, _load_json, _segments_of
from .runs import _TIMING
from .transcript import _is_labelled

FORMATS = ("plain", "srt", "vtt", "sbv", "json3", "asr-json", "whisper-tsv", "whisper-text", "transcript")


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
