"""The text model shared by every stage: a parsed document, its blocks and sentences.

Offsets are character offsets into the decoded, newline-normalized document
text (``ParsedDocument.text``); ``text[start:end]`` gives back the exact words.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

BLOCK_KINDS = ("title", "chrome", "heading", "turn", "paragraph")
LANGS = ("ja", "de", "en", "unknown")
# How a sentence's speaker is known (see ``text.speakers``): the transcript's
# own label, a turn decoded from the dialogue, reported speech in a write-up,
# the writer's own words, taken over from the aligned sentence of another rendering of the
# same event (``analysis.align``), or unknown.
ATTRIBUTIONS = ("labelled", "turn", "reported", "author", "aligned", "unknown")


def _wide(ch: str) -> bool:
    """A character Japanese and Chinese run on without spaces (Korean Hangul does use spaces)."""
    return bool(ch) and unicodedata.east_asian_width(ch) in "WF" and "HANGUL" not in unicodedata.name(ch, "")


def separator(left: str, right: str) -> str:
    """What joins two pieces of a sentence that a line or cue break separates in the file.

    A space, except between two wide characters: a Japanese sentence broken
    across caption lines runs on without one (CSS Text 3 drops such segment
    breaks the same way). ``left`` and ``right`` are the pieces' texts (only
    the last and first characters matter).
    """
    return "" if _wide(left[-1:]) and _wide(right[:1]) else " "


def join_pieces(texts: list[str]) -> str:
    """The pieces' texts joined as a sentence's ``text`` is (see ``separator``)."""
    out = texts[0] if texts else ""
    for t in texts[1:]:
        out += separator(out, t) + t
    return out


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
    ``pieces`` lists the (doc_start, doc_end) spans that, joined by
    ``separator`` (a space, none between wide characters), make up ``text``;
    ``to_doc_offset`` maps positions back. Pieces that touch in the document
    (one ends where the next starts), and those listed in ``glued`` (markup between
    them), are joined without a space. ``piece_lengths`` is set only when a piece's analysed
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
    # Indices of pieces that follow the previous piece without a space although
    # they do not touch: only markup lies between them ("GPU</u>." reads "GPU.").
    glued: tuple[int, ...] = ()

    def to_doc_offset(self, i: int) -> int:
        """Map offset ``i`` in ``self.text`` (0..len(text)) to a document offset."""
        if not self.pieces:
            return self.start + i
        pos = 0
        last = len(self.pieces) - 1
        for n, (a, b) in enumerate(self.pieces):
            length = self.piece_lengths[n] if self.piece_lengths else b - a
            end = pos + length
            # A break with no joining space (between wide characters, see ``separator``):
            # were there one, text[end] would be that space, which is not wide.
            glued = (
                n < last
                and self.pieces[n + 1][0] != b
                and (n + 1 in self.glued or not separator(self.text[end - 1 : end], self.text[end : end + 1]))
            )
            if i < end or (i == end and not glued):
                if length == b - a:
                    return a + (i - pos)
                return a if i == pos else b  # inside an escape: its whole span
            pos = end
            if n < last and self.pieces[n + 1][0] != b and not glued:
                pos += 1  # the joining space
                if i < pos:
                    return b
        return self.pieces[-1][1]

    def to_doc_end(self, i: int) -> int:
        """The document offset that ends a span of ``self.text`` ending at ``i``.

        ``to_doc_offset(i)`` where two pieces join without a space is where the
        next piece starts (right for a span's start); a span's end stays in its
        own piece, before the markup or line break between them.
        """
        if i <= 0 or not self.pieces:
            return self.to_doc_offset(i)
        j = self.to_doc_offset(i - 1)
        for n, (a, b) in enumerate(self.pieces):
            if a <= j < b:
                return j + 1 if not self.piece_lengths or self.piece_lengths[n] == b - a else b
        return j


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
