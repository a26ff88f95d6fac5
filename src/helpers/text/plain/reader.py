"""The plain-text reader: lines classified, blocks and sentences built, every sentence attributed a speaker."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..language import document_lang
from ..model import Block, ParsedDocument, Sentence
from ..speakers import Unit, Voice, attribute, span_voices
from ..speakers import aliases as speaker_aliases
from .blocks import _build_blocks
from .chrome import _mark_chrome, _mark_front
from .lines import _Draft, _group_lines, _split_lines
from .marks import _mark_captions, _mark_headings, _mark_labels
from .sentences import _line_of, _sentences

_HAS_DIGIT = re.compile(r"[0-9０-９]")


def parse_plain(
    text: str, doc_id: str, path: str, encoding: str, speakers: list[str] | None, genre: str | None, event: str | None
) -> ParsedDocument:
    """Blocks and sentences of plain ``text`` (see ``helpers.text.parse``), each sentence attributed a speaker."""
    lines = _split_lines(text)
    groups = _group_lines(lines)
    line_langs: dict[str, tuple[str, int]] = {}  # the body's lines are the text's: detect each once
    raw_lang = document_lang(text, line_langs)
    known = [s for s in (speakers or []) if s.strip()]
    aliases = speaker_aliases(known)

    title = _mark_front(groups, aliases)
    _mark_chrome(groups, raw_lang, title)
    caption_lines = _mark_captions(lines)
    _mark_labels(lines, groups, aliases)
    _mark_headings(groups)
    drafts = _build_blocks(groups, caption_lines)

    body_text = "\n".join(text[d.start : d.end] for d in drafts if d.kind in ("paragraph", "turn"))
    doc_lang = document_lang(body_text, line_langs) if body_text.strip() else raw_lang

    line_starts = [ln.start for ln in lines]
    drafted: list[tuple[int, _Draft, list[dict]]] = []
    for block_id, d in enumerate(drafts):
        # Headings are sentences too: they can be quoted and may carry claims
        # (002's 【2020年に…】); summaries leave them out by block_kind.
        # A title that states a figure ("Nvidia to invest $100bn in OpenAI") is a sentence too, so its numbers
        # become claims; a title without one stays only the document's title.
        sentenced = (
            d.kind in ("paragraph", "turn", "heading") or d.kind == "title" and _HAS_DIGIT.search(text, d.start, d.end)
        )
        body = _sentences(text, d, block_id, doc_lang, line_starts) if sentenced else []
        drafted.append((block_id, d, body))
    units = [
        Unit(s["start"], s["end"], s["line"], block_id, d.kind, s["text"], d.speaker, s["timestamp"])
        for block_id, d, body in drafted
        for s in body
    ]
    voices = iter(attribute(text, units, known, genre, event))

    blocks, sentences = _attributed_blocks(drafted, voices, line_starts)
    voice_spans = span_voices(
        text, units, [Voice(s.speaker, s.attribution, s.speaker_confidence) for s in sentences], known
    )

    return ParsedDocument(
        doc_id=doc_id,
        path=path,
        encoding=encoding,
        text=text,
        lang=doc_lang,
        title=title.text.strip() if title else None,
        blocks=blocks,
        sentences=sentences,
        voice_spans=voice_spans,
    )


def _attributed_blocks(
    drafted: list[tuple[int, _Draft, list[dict]]], voices: Iterator[Voice], line_starts: list[int]
) -> tuple[list[Block], list[Sentence]]:
    """The blocks and sentences of the drafts, their sentences taking ``voices`` in order."""
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    for block_id, d, body in drafted:
        said = []
        for s in body:
            v = next(voices)
            s.update(
                speaker=v.speaker,
                speaker_inferred=v.inferred,
                attribution=v.attribution,
                speaker_confidence=round(v.confidence, 3),
            )
            said.append(s)
        speaker, inferred = d.speaker, d.speaker_inferred
        if speaker is None and d.kind == "paragraph":
            # A paragraph of a decoded dialogue is a turn of whoever says most of it.
            chars: dict[str, int] = {}
            for s in said:
                if s["attribution"] == "turn" and s["speaker"]:
                    chars[s["speaker"]] = chars.get(s["speaker"], 0) + len(s["text"])
            if chars:
                speaker, inferred = max(sorted(chars.items()), key=lambda kv: kv[1])[0], True
        kind = "turn" if speaker and d.kind == "paragraph" else d.kind
        blocks.append(
            Block(
                block_id=block_id,
                kind=kind,
                start=d.start,
                end=d.end,
                line=_line_of(line_starts, d.start),
                speaker=speaker,
                speaker_inferred=inferred,
                timestamp=d.timestamp,
                heading=d.heading,
            )
        )
        for s in said:
            sentences.append(Sentence(sentence_id=len(sentences), block_kind=kind, **s))
    return blocks, sentences
