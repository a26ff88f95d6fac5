"""The text model shared by every stage: a parsed document, its blocks and sentences.

Offsets are character offsets into the decoded, newline-normalized document
text (``ParsedDocument.text``); ``text[start:end]`` gives back the exact words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_KINDS = ("title", "chrome", "heading", "turn", "paragraph")
LANGS = ("ja", "de", "en", "unknown")
# How a sentence's speaker is known (see ``text.speakers``): the transcript's
# own label, a turn decoded from the dialogue, reported speech in a write-up,
# the writer's own words, or unknown.
ATTRIBUTIONS = ("labelled", "turn", "reported", "author", "unknown")


@dataclass(frozen=True)
class Block:
    block_id: int
    kind: str  # one of BLOCK_KINDS
    start: int
    end: int
    line: int  # 1-based line of ``start``
    speaker: str | None = None
    speaker_inferred: bool = False
    timestamp: str | None = None  # as written, e.g. "07:18" or "1:06:01"
    heading: str | None = None  # the section heading this block sits under


@dataclass(frozen=True)
class Sentence:
    """One sentence of the analysed body.

    ``text`` is the analysed text. For ordinary prose it equals
    ``doc.text[start:end]``. For caption-style transcripts whose sentences run
    across timestamped lines, ``text`` has the timestamps removed and
    ``pieces`` lists the (doc_start, doc_end) spans that, joined by a single
    space, make up ``text``; ``to_doc_offset`` maps positions back. Pieces
    that touch in the document (one ends where the next starts) are joined
    without a space. ``piece_lengths`` is set only when a piece's analysed
    text is shorter than its span: a JSON escape (``\u00fc``) is one character
    of ``text`` and six of the document.
    """

    sentence_id: int
    block_id: int
    start: int
    end: int
    line: int
    lang: str
    text: str
    speaker: str | None = None
    speaker_inferred: bool = False
    timestamp: str | None = None
    pieces: tuple[tuple[int, int], ...] = ()
    block_kind: str = "paragraph"  # headings are sentences too (quotable, may hold claims)
    piece_lengths: tuple[int, ...] = ()
    attribution: str = "unknown"  # one of ATTRIBUTIONS
    speaker_confidence: float = 0.0  # calibrated probability that ``speaker`` is right (1.0 for labels)

    def to_doc_offset(self, i: int) -> int:
        """Map offset ``i`` in ``self.text`` (0..len(text)) to a document offset."""
        if not self.pieces:
            return self.start + i
        pos = 0
        for n, (a, b) in enumerate(self.pieces):
            length = self.piece_lengths[n] if self.piece_lengths else b - a
            if i <= pos + length:
                if length == b - a:
                    return a + (i - pos)
                return a if i == pos else b  # inside an escape: its whole span
            pos += length
            if n < len(self.pieces) - 1 and self.pieces[n + 1][0] != b:
                pos += 1  # the joining space
                if i < pos:
                    return b
        return self.pieces[-1][1]


@dataclass(frozen=True)
class VoiceSpan:
    """Words inside a sentence with a voice other than the sentence's: an author's
    aside ("（湯川解説：…）") or a quotation in a write-up."""

    start: int
    end: int
    speaker: str | None
    attribution: str  # one of ATTRIBUTIONS
    confidence: float


@dataclass
class ParsedDocument:
    doc_id: str
    path: str
    encoding: str
    text: str
    lang: str
    title: str | None
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    format: str = "plain"  # see helpers.text.formats.FORMATS
    metadata: dict[str, str] = field(default_factory=dict)  # from YAML front matter (title, guest, published …)
    voice_spans: list[VoiceSpan] = field(default_factory=list)  # sorted by start
