"""Assembly of a reader's units into blocks and sentences, each sentence mapped back to the document."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..language import document_lang, segment_lang, sentence_lang
from ..model import Block, ParsedDocument, Sentence, separator
from ..segment import split_sentences
from .runs import Reading, Run, Unit


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
                block_id=block_id,
                kind=kind,
                start=start,
                end=end,
                line=line_of(start),
                speaker=speaker,
                timestamp=first.timestamp,
                heading=heading,
            )
        )
        if kind in ("title", "chrome"):
            continue
        for s in _block_sentences(d.units, doc_lang):
            sentences.append(
                Sentence(
                    sentence_id=len(sentences),
                    block_id=block_id,
                    line=line_of(s["start"]),
                    speaker=speaker,
                    block_kind=kind,
                    attribution="labelled" if speaker else "unknown",
                    speaker_confidence=1.0 if speaker else 0.0,
                    **s,
                )
            )
    return ParsedDocument(
        doc_id=doc_id,
        path=path,
        encoding=encoding,
        text=text,
        lang=doc_lang,
        title=title,
        blocks=blocks,
        sentences=sentences,
        format=reading.format,
        metadata=dict(reading.metadata),
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
