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
  and ``transcript._LABELS``.
* ``plain``: everything else, parsed by ``parse`` as before.

YAML front matter (``---`` … ``---`` at the start) is read into
``Reading.metadata`` and kept out of the analysed text, whatever the format.

Modules, in the order a document passes them: ``detect`` (which format, front
matter), one reader module per family (``captions``, ``asr_json``,
``transcript``; plain text is read by ``helpers.text.parse``), ``reader``
(detect and dispatch), ``assemble`` (units into blocks and sentences). Shared:
``runs`` (what a reader yields), ``timing`` (stated times), ``jsontext``.
"""

from __future__ import annotations

from .asr_json import read_asr_json, read_whisper_text, read_whisper_tsv
from .assemble import build_document
from .captions import read_json3, read_sbv, read_srt, read_vtt
from .detect import FORMATS, MAX_FRONT_MATTER_CHARS, detect_format, front_matter
from .reader import MAX_SPEAKER_CHARS, read, short_name
from .runs import Reading, Run, Unit
from .timing import MAX_SECONDS, BadTiming, clock, stated_clock
from .transcript import inline_debris, read_transcript

__all__ = [
    "FORMATS",
    "MAX_FRONT_MATTER_CHARS",
    "MAX_SECONDS",
    "MAX_SPEAKER_CHARS",
    "BadTiming",
    "Reading",
    "Run",
    "Unit",
    "build_document",
    "clock",
    "detect_format",
    "front_matter",
    "inline_debris",
    "read",
    "read_asr_json",
    "read_json3",
    "read_sbv",
    "read_srt",
    "read_transcript",
    "read_vtt",
    "read_whisper_text",
    "read_whisper_tsv",
    "short_name",
    "stated_clock",
]
