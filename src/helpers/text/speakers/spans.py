"""Voices inside a sentence: author's asides and quotations in write-ups, and the voice at a document offset."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import ParsedDocument, Sentence, VoiceSpan
from ..regex_guard import guarded
from .calibration import calibrated_rule
from .names import aliases
from .reported import _source_name, author_asides
from .voice import Unit, Voice

_QUOTE_REPORTED = re.compile(
    r"(?:(?P<src>[^、。「」\s]{1,24})(?:は|が|も))?「(?P<q>[^「」]+)」(?=\s*(?:と|って|という|とか))"
    r"|(?P<src2>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})\s(?:said|says|told|wrote|sagte|sagt|schrieb)[:,]?\s[“\"](?P<q2>[^”\"]+)[”\"]"
)
# What every match of ``_QUOTE_REPORTED`` contains: the closing bracket before
# "と"/"って", or the verb before the opening quote. Trying the optional source
# at every position of every sentence is the costly part; most sentences lack both.
_QUOTE_REPORTED_WORDS = re.compile(r"」\s*(?:と|って)|(?:said|says|told|wrote|sagte|sagt|schrieb)[:,]?\s[“\"]")


def span_voices(
    text: str, units: list[Unit], voices: list[Voice], speakers: list[str] | None = None
) -> list[VoiceSpan]:
    """Stretches inside a sentence with a voice of their own, sorted by start.

    Author's asides ("（湯川解説：…）") are the writer's wherever they stand; in
    write-ups (not in dialogue, where a speaker quoting someone still asserts
    it) words quoted from someone ("…人々は「…17年ここにいた…」という感じでした")
    are reported speech of the quoted person.
    """
    alias = aliases([s for s in (speakers or []) if s.strip()])
    out: list[VoiceSpan] = []
    for a, b in author_asides(text):
        out.append(VoiceSpan(a, b, None, "author", calibrated_rule("aside")))
    for u, v in zip(units, voices):
        if v.attribution not in ("author", "reported"):
            continue
        if not _QUOTE_REPORTED_WORDS.search(u.text):
            continue
        for m in _QUOTE_REPORTED.finditer(u.text):
            raw = m.group("src") or m.group("src2") or ""
            src = _source_name(raw, alias) if raw else None
            q = "q" if m.group("q") else "q2"
            out.append(VoiceSpan(u.start + m.start(q), u.start + m.end(q), src, "reported", calibrated_rule("quote")))
    return sorted(out, key=lambda v: (v.start, v.end))


def voice_of(doc: ParsedDocument, sentence: Sentence, offset: int) -> tuple[str | None, str, float]:
    """(speaker, attribution, confidence) of the words at document ``offset`` in ``sentence``.

    The sentence's voice, unless the offset falls in one of the document's
    :func:`span_voices` (an author's aside, a quotation in a write-up).
    """
    spans = doc.voice_spans
    k = bisect_right(spans, offset, key=lambda v: v.start) - 1
    # spans never nest deeper than an aside holding a quotation: look back a little
    for v in spans[max(0, k - 3) : k + 1][::-1]:
        if v.start <= offset < v.end:
            return v.speaker, v.attribution, v.confidence
    return sentence.speaker, sentence.attribution, sentence.speaker_confidence


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_QUOTE_REPORTED_WORDS = guarded(_QUOTE_REPORTED_WORDS)
