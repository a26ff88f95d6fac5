"""The text stage's tidy tables: one row per block and one row per sentence."""

from __future__ import annotations

import pandas as pd

from ..tables import Column, TableSpec
from .model import ATTRIBUTIONS, BLOCK_KINDS, LANGS, ParsedDocument

_TIMESTAMP = r"\d{1,2}:\d{2}(:\d{2})?"

BLOCKS = TableSpec(
    "blocks",
    "one row per block: title, chrome, heading, turn or paragraph",
    (
        Column("doc_id", "str", "Document id (file name without extension)."),
        Column("block_id", "int", "Position of the block in the document, from 0.", min_value=0),
        Column("kind", "str", "title, chrome (page furniture kept out of analysis), heading, turn (has a speaker) or paragraph.", isin=BLOCK_KINDS),
        Column("start", "int", "Character offset of the block's first character in the decoded, newline-normalized text.", min_value=0),
        Column("end", "int", "Character offset just after the block's last character; speaker prefixes and leading timestamps are outside [start, end).", min_value=0),
        Column("line", "int", "1-based line number of start.", min_value=1),
        Column("speaker", "str", "Speaker of the block, from a label or a Name: prefix, or in an unlabelled dialogue the decoded speaker of most of the block (each sentence has its own); empty when unknown and in write-ups."),
        Column("speaker_inferred", "bool", "True when the speaker was decoded from the dialogue (see sentences.attribution) rather than labelled."),
        Column("timestamp", "str", "Timestamp of the passage the block belongs to, as written (e.g. 07:18, 1:06:01); empty when none.", pattern=_TIMESTAMP),
        Column("heading", "str", "Text of the section heading the block sits under (a heading block records itself); empty before the first heading."),
        Column("text", "str", "The block's text, exactly text[start:end]."),
    ),
    unique=("doc_id", "block_id"),
    ordered=(("start", "end"),),
)

SENTENCES = TableSpec(
    "sentences",
    "one row per body sentence",
    (
        Column("doc_id", "str", "Document id (file name without extension)."),
        Column("sentence_id", "int", "Position of the sentence among the document's sentences, from 0, in document order.", min_value=0),
        Column("block_id", "int", "Block the sentence belongs to.", min_value=0),
        Column("start", "int", "Character offset of the sentence's first character in the document text.", min_value=0),
        Column("end", "int", "Character offset just after the sentence's last character.", min_value=0),
        Column("line", "int", "1-based line number of start.", min_value=1),
        Column("lang", "str", "Sentence language: ja (by script), de or en (lingua); the document language when undecidable.", isin=LANGS),
        Column("speaker", "str", "Who says the sentence: a person's name as the catalog or the text gives it (the transcript's label, the decoded turn, or the person a write-up reports); empty for the author's own words and when unknown."),
        Column("speaker_inferred", "bool", "True when the speaker was inferred (attribution turn or reported), not read from a label."),
        Column("attribution", "str", "How the speaker is known: labelled (the transcript's own label), turn (decoded from an unlabelled dialogue), reported (a write-up reports the person's words), author (the writer's own statement, heading or description) or unknown.", isin=ATTRIBUTIONS),
        Column("speaker_confidence", "float", "Calibrated probability (0-1) that speaker and attribution are right: 1 for labels, otherwise the accuracy observed for such decisions on the hand-labelled gold (text/data/speaker_calibration.yaml).", min_value=0),
        Column("timestamp", "str", "Timestamp of the passage or, in caption transcripts, of the sentence's first caption line.", pattern=_TIMESTAMP),
        Column("text", "str", "Analysed sentence text: text[start:end] for prose; for captions and transcripts read by a format reader, the text without its format structure (timings, tags, labels, JSON), runs joined by single spaces.", non_empty=True),
        Column("block_kind", "str", "Kind of the sentence's block: paragraph, turn or heading (headings are citable and may hold claims; summaries skip them).", isin=("paragraph", "turn", "heading")),
    ),
    unique=("doc_id", "sentence_id"),
    ordered=(("start", "end"),),
)


def frames(doc: ParsedDocument) -> dict[str, pd.DataFrame]:
    """Tidy ``blocks`` and ``sentences`` frames for one document."""
    blocks = BLOCKS.frame(
        {
            "doc_id": doc.doc_id,
            "block_id": b.block_id,
            "kind": b.kind,
            "start": b.start,
            "end": b.end,
            "line": b.line,
            "speaker": b.speaker,
            "speaker_inferred": b.speaker_inferred,
            "timestamp": b.timestamp,
            "heading": b.heading,
            "text": doc.text[b.start : b.end],
        }
        for b in doc.blocks
    )
    sentences = SENTENCES.frame(
        {
            "doc_id": doc.doc_id,
            "sentence_id": s.sentence_id,
            "block_id": s.block_id,
            "start": s.start,
            "end": s.end,
            "line": s.line,
            "lang": s.lang,
            "speaker": s.speaker,
            "speaker_inferred": s.speaker_inferred,
            "attribution": s.attribution,
            "speaker_confidence": s.speaker_confidence,
            "timestamp": s.timestamp,
            "text": s.text,
            "block_kind": s.block_kind,
        }
        for s in doc.sentences
    )
    return {"blocks": blocks, "sentences": sentences}
