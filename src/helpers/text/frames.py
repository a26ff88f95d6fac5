"""The text stage's tidy tables: one row per block and one row per sentence."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
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
        Column(
            "kind",
            "str",
            "title, chrome (page furniture kept out of analysis), heading, turn (has a speaker) or paragraph.",
            isin=BLOCK_KINDS,
        ),
        Column(
            "start",
            "int",
            "Character offset of the block's first character in the decoded, newline-normalized text.",
            min_value=0,
        ),
        Column(
            "end",
            "int",
            "Character offset just after the block's last character; speaker prefixes and leading timestamps are "
            "outside [start, end).",
            min_value=0,
        ),
        Column("line", "int", "1-based line number of start.", min_value=1),
        Column(
            "speaker",
            "str",
            "Speaker of the block, from a label or a Name: prefix, or in an unlabelled dialogue the decoded speaker of "
            "most of the block (each sentence has its own); empty when unknown and in write-ups.",
        ),
        Column(
            "speaker_inferred",
            "bool",
            "True when the speaker was decoded from the dialogue (see sentences.attribution) rather than labelled.",
        ),
        Column(
            "timestamp",
            "str",
            "Timestamp of the passage the block belongs to, as written (e.g. 07:18, 1:06:01); empty when none.",
            pattern=_TIMESTAMP,
        ),
        Column(
            "heading",
            "str",
            "Text of the section heading the block sits under (a heading block records itself); empty before the first "
            "heading.",
        ),
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
        Column(
            "sentence_id",
            "int",
            "Position of the sentence among the document's sentences, from 0, in document order.",
            min_value=0,
        ),
        Column("block_id", "int", "Block the sentence belongs to.", min_value=0),
        Column("start", "int", "Character offset of the sentence's first character in the document text.", min_value=0),
        Column("end", "int", "Character offset just after the sentence's last character.", min_value=0),
        Column("line", "int", "1-based line number of start.", min_value=1),
        Column(
            "lang",
            "str",
            "Sentence language: ja (by script), de or en (lingua); the document language when undecidable.",
            isin=LANGS,
        ),
        Column(
            "speaker",
            "str",
            "Who says the sentence: a person's name as the catalog or the text gives it (the transcript's label, the "
            "decoded turn, or the person a write-up reports); empty for the author's own words and when unknown.",
        ),
        Column(
            "speaker_inferred",
            "bool",
            "True when the speaker was inferred (attribution turn or reported), not read from a label.",
        ),
        Column(
            "attribution",
            "str",
            "How the speaker is known: labelled (the transcript's own label), turn (decoded from an unlabelled "
            "dialogue), reported (a write-up reports the person's words), author (the writer's own statement, heading "
            "or description), aligned (carried over from the aligned sentence of another rendering of the same event "
            "that labels it or knows it confidently; see alignment.speaker_carried) or unknown.",
            isin=ATTRIBUTIONS,
        ),
        Column(
            "speaker_confidence",
            "float",
            "Calibrated probability (0-1) that speaker and attribution are right: 1 for labels, otherwise the accuracy "
            "observed for such decisions on the hand-labelled gold (text/data/speaker_calibration.yaml); for aligned, "
            "the source's confidence times the link's (its similarity, 0 at 0.78 and below, 1 at 0.88 and above).",
            min_value=0,
        ),
        Column(
            "timestamp",
            "str",
            "Timestamp of the passage or, in caption transcripts, of the sentence's first caption line.",
            pattern=_TIMESTAMP,
        ),
        Column(
            "text",
            "str",
            "Analysed sentence text: text[start:end] for prose; for captions and transcripts read by a format reader, "
            "the text without its format structure (timings, tags, labels, JSON), runs joined by single spaces.",
            non_empty=True,
        ),
        Column(
            "block_kind",
            "str",
            "Kind of the sentence's block: paragraph, turn, heading or title (headings, and a title that states a "
            "figure, are citable and may hold claims; summaries skip them).",
            isin=("paragraph", "turn", "heading", "title"),
        ),
    ),
    unique=("doc_id", "sentence_id"),
    ordered=(("start", "end"),),
)


def frames(doc: ParsedDocument) -> dict[str, pd.DataFrame]:
    """Tidy ``blocks`` and ``sentences`` frames for one document."""
    bs, ss = doc.blocks, doc.sentences
    blocks = typed_frame(BLOCKS, {
        "doc_id": [doc.doc_id] * len(bs),
        "block_id": [b.block_id for b in bs],
        "kind": [b.kind for b in bs],
        "start": [b.start for b in bs],
        "end": [b.end for b in bs],
        "line": [b.line for b in bs],
        "speaker": [b.speaker for b in bs],
        "speaker_inferred": [b.speaker_inferred for b in bs],
        "timestamp": [b.timestamp for b in bs],
        "heading": [b.heading for b in bs],
        "text": [doc.text[b.start : b.end] for b in bs],
    })  # fmt: skip
    sentences = typed_frame(SENTENCES, {
        "doc_id": [doc.doc_id] * len(ss),
        "sentence_id": [s.sentence_id for s in ss],
        "block_id": [s.block_id for s in ss],
        "start": [s.start for s in ss],
        "end": [s.end for s in ss],
        "line": [s.line for s in ss],
        "lang": [s.lang for s in ss],
        "speaker": [s.speaker for s in ss],
        "speaker_inferred": [s.speaker_inferred for s in ss],
        "attribution": [s.attribution for s in ss],
        "speaker_confidence": [s.speaker_confidence for s in ss],
        "timestamp": [s.timestamp for s in ss],
        "text": [s.text for s in ss],
        "block_kind": [s.block_kind for s in ss],
    })  # fmt: skip
    return {"blocks": blocks, "sentences": sentences}


# Per column kind, the value types a column is made from directly; any other
# value goes the way of ``TableSpec.frame`` (an int column with a None in it
# passes through float there, so it does here too).
_DIRECT: dict[tuple[str, bool], frozenset[type]] = {
    ("str", False): frozenset({str, type(None)}),
    ("int", False): frozenset({int}),
    ("int", True): frozenset({int}),
    ("float", False): frozenset({float, int, type(None)}),
    ("float", True): frozenset({float, int, type(None)}),
    ("bool", False): frozenset({bool}),
}
# What ``TableSpec.frame`` makes of text, whichever pandas this is (its string dtype, or object).
_STR_DTYPE = pd.Series([""], dtype=object).astype(str).dtype
_DTYPES = {("int", False): "int64", ("float", False): "float64", ("float", True): "float64", ("bool", False): "bool"}


def typed_frame(spec: TableSpec, columns: Mapping[str, list]) -> pd.DataFrame:
    """``spec.frame`` of the same rows, given column by column: the same frame, types and values.

    ``spec.frame`` makes a frame of row dicts and then converts every cell of
    it through pandas; extraction builds five tables for every document, and
    making each column as one typed array from plain Python values costs a
    fraction of that.
    """
    data: dict[str, object] = {}
    for c in spec.columns:
        values = columns[c.name]
        kinds = _DIRECT.get((c.kind, c.nullable))
        if kinds is None or not set(map(type, values)) <= kinds:
            data[c.name] = spec.coerce(pd.DataFrame({c.name: values}))[c.name]
        elif c.kind == "str":
            data[c.name] = pd.array(["" if v is None else v for v in values], dtype=_STR_DTYPE)
        elif c.nullable and c.kind == "int":
            data[c.name] = pd.array(values, dtype="Int64")
        else:
            data[c.name] = np.array(values, dtype=_DTYPES[(c.kind, c.nullable)])
    return pd.DataFrame(data, columns=spec.names)
