"""Parse decoded text into blocks and sentences with exact offsets.

Captions, speech-recognition output and labelled transcripts are recognised
by ``formats`` and read by their own readers; plain text is read by ``plain``
(``lines``, ``chrome``, ``marks``, ``blocks``, ``sentences``, ``reader``), and
what follows is how. YAML front matter and inline timestamp links in plain text are
blanked out before these rules run and kept out of the sentences after.

A plain document is read line by line; every line is classified, then body lines
are grouped into blocks and blocks into sentences.

Line classes and the general rules behind them (no rule looks at a doc id):

* **chrome** (kept as addressable blocks, never analysed):
  short label lines before the title ("見出し画像", "Nachricht": at most 15
  characters, no punctuation); date-only lines; a line that is a run of
  language names (a language menu); reading-time lines
  (「この記事は約12分で読めます。」, "5 min read", "Lesezeit"); bare URLs;
  a short unpunctuated line right next to a reading-time or date line (a
  byline); a group in another language than the document among the first
  six groups, before any heading or turn (an English video title and
  teaser inside a Japanese article); after the last paragraph, short
  unpunctuated single lines ("コメント", "タイトルとURLをコピーしました")
  and call-to-action lines ("この記事が気に入ったらサポートをしてみませんか?");
  and a repeat of the title.
* **title**: the first substantive line, if it stands alone (a blank line or
  the end follows) and does not end like a prose sentence (。 or .); short
  labels before it are chrome only when a longer title line follows them.
  Documents that start straight with prose get ``title=None``. A title that
  holds a digit ("Nvidia to invest $100bn in OpenAI") is also split into
  sentences (block kind "title"), so a headline's figures become claims.
* **heading**: 【…】 lines, lines opening with ■◆●▼ or Markdown ``#``; and,
  in prose documents only (median paragraph at least 80 characters), a
  short standalone line (≤ 40 characters, no sentence punctuation) between
  paragraphs whose next paragraph is long. Headings are not split into
  sentences: they name sections, claims live in the paragraphs. Each block
  records the heading it sits under (a heading records itself).
* **timestamps**: a line that is only ``(07:18)``/``[1:06:01]``/``07:18``
  sets the timestamp of the passage that follows; a bracketed leading marker
  ``(11:37)最初は…`` does the same for its own line and is kept out of the
  block and sentence spans (bare ``12:30 text`` counts only in captions).
  The timestamp holds until the next timestamp or heading.
* **caption transcripts**: three or more timestamped lines in sequence with
  a median length of at most 150 characters are captions. Consecutive
  caption lines of one speaker form one block; their texts (timestamps and
  speaker prefixes removed) are joined with single spaces, split into
  sentences, and each sentence records the document spans it was joined
  from (``Sentence.pieces``) and the timestamp of its first line.
* **speaker turns**: a line that is only a name labels the paragraphs after
  it ("Gastgeber" / "Mark Zuckerberg") when it names a known speaker or
  recurs as a standalone line, with at least two such recurring names in
  the document (a dialogue has two parties; one recurring line alone is
  page furniture). A ``Name:`` prefix (``HOST:``, ``Mark Zuckerberg:``,
  ``マーク：``) labels its own line under the same rule; the label is kept
  out of the block and sentence spans. A speaker holds until the next label
  or heading. Blocks with a speaker have kind "turn".

Body lines of one blank-line-delimited group become one block, except in
paragraph-style groups (two or more lines with a median length of at least
60 characters, e.g. one paragraph per line with no blank lines) where every
line is its own block. Groups of short phrase lines (subtitle-style
translations) stay one block, and their sentences may run across lines
(see ``segment``); offsets stay exact because spans index the document.

Who says each sentence is decided by ``text.speakers`` once the sentences
exist: labelled turns keep their label; unlabelled dialogue (a transcript
with known speakers) is decoded as a whole; write-ups get reported speech
and the author's voice. Every sentence carries ``speaker``,
``speaker_inferred`` (True unless labelled or the author's), ``attribution``
and ``speaker_confidence``; a paragraph of a decoded dialogue becomes a turn
of whoever says most of it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

from . import formats
from .decode import read_document
from .model import Block, ParsedDocument, Sentence, join_pieces
from .plain import parse_plain
from .speakers import Unit, attribute
from .speakers import aliases as speaker_aliases


def parse_file(
    path: str | Path,
    doc_id: str | None = None,
    speakers: list[str] | None = None,
    genre: str | None = None,
    event: str | None = None,
) -> ParsedDocument:
    """Decode and parse one file; ``doc_id`` defaults to the file name without extension."""
    p = Path(path)
    decoded = read_document(p)
    return parse_document(
        decoded.text,
        doc_id or p.stem,
        path=str(p),
        encoding=decoded.encoding,
        speakers=speakers,
        genre=genre,
        event=event,
    )


def parse_document(
    text: str,
    doc_id: str,
    path: str = "",
    encoding: str = "utf-8",
    speakers: list[str] | None = None,
    genre: str | None = None,
    event: str | None = None,
) -> ParsedDocument:
    """Blocks and sentences of ``text`` (see module docstring).

    ``speakers``, ``genre`` and ``event`` come from the catalog (all optional);
    they let ``text.speakers`` decode who says each sentence.

    ``text`` should come from ``decode``; stray CR/CRLF are normalized here so
    that offsets always index ``ParsedDocument.text``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reading = formats.read(text, source=path or doc_id)
    if reading.format != "plain":
        doc = formats.build_document(text, reading, doc_id, path=path, encoding=encoding)
        return _attributed(doc, speakers, genre, event)
    masks = ([reading.front_matter] if reading.front_matter else []) + formats.inline_debris(text, 0, len(text))
    if not masks:
        return parse_plain(text, doc_id, path, encoding, speakers, genre, event)
    # Front matter and inline timestamp links are blanked out (same length, so
    # every offset still indexes ``text``), then kept out of the sentences.
    masked = list(text)
    for a, b in masks:
        masked[a:b] = [ch if ch == "\n" else " " for ch in text[a:b]]
    doc = parse_plain("".join(masked), doc_id, path, encoding, speakers, genre, event)
    doc.text = text
    unmasked = [_unmasked(text, s, masks) for s in doc.sentences]
    doc.sentences = [s for s in unmasked if s is not None]
    doc.sentences = [replace(s, sentence_id=n) for n, s in enumerate(doc.sentences)]
    if reading.front_matter:
        a, b = reading.front_matter
        shifted = [replace(blk, block_id=blk.block_id + 1) for blk in doc.blocks]
        doc.blocks = [Block(block_id=0, kind="chrome", start=a, end=a + len(text[a:b].rstrip()), line=1)] + shifted
        doc.sentences = [replace(s, block_id=s.block_id + 1) for s in doc.sentences]
    doc.metadata = dict(reading.metadata)
    doc.title = reading.title or doc.title
    return doc


def _attributed(
    doc: ParsedDocument, speakers: list[str] | None, genre: str | None, event: str | None
) -> ParsedDocument:
    """A format reader's document with every sentence attributed like plain text (labels mapped to the
    catalog's names, unlabelled dialogue decoded)."""
    known = [s for s in (speakers or []) if s.strip()]
    alias = speaker_aliases(known)

    def canonical(label: str | None) -> str | None:
        # A label spelled another way than the catalog ("マーク・ザッカーバーグ", "MARK ZUCKERBERG") is the
        # catalog's person.
        return alias.get(label.strip().lower(), alias.get(label.strip(), label)) if label else label

    units = [
        Unit(s.start, s.end, s.line, s.block_id, s.block_kind, s.text, canonical(s.speaker), s.timestamp)
        for s in doc.sentences
    ]
    voices = attribute(doc.text, units, known, genre, event)
    doc.sentences = [
        replace(s, speaker=v.speaker, speaker_inferred=v.inferred, attribution=v.attribution,
                speaker_confidence=round(v.confidence, 3))
        for s, v in zip(doc.sentences, voices)
    ]  # fmt: skip
    return doc


def _unmasked(text: str, s: Sentence, masks: list[tuple[int, int]]) -> Sentence | None:
    """``s`` without the masked spans (sorted by start): its pieces are the text between them."""
    spans = list(s.pieces) or [(s.start, s.end)]
    masks = _near(masks, spans[0][0], spans[-1][1])
    if not any(a < me and ms < b for a, b in spans for ms, me in masks):
        return s
    pieces: list[tuple[int, int]] = []
    for a, b in spans:
        cuts = sorted((max(a, ms), min(b, me)) for ms, me in masks if ms < b and a < me)
        pos = a
        for ms, me in cuts + [(b, b)]:
            x, y = pos, ms
            while x < y and text[x].isspace():
                x += 1
            while y > x and text[y - 1].isspace():
                y -= 1
            if x < y:
                pieces.append((x, y))
            pos = max(pos, me)
    if not pieces:
        return None
    joined = join_pieces([text[a:b] for a, b in pieces])
    return replace(
        s, start=pieces[0][0], end=pieces[-1][1], text=joined, pieces=tuple(pieces) if len(pieces) > 1 else ()
    )


def _near(masks: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The masks that reach into ``[a, b)``, found by bisection: looking at every mask for every
    sentence was quadratic in a document of inline timestamp links."""
    k = max(0, bisect_right(masks, (a, float("inf"))) - 1)
    near: list[tuple[int, int]] = []
    while k < len(masks) and masks[k][0] < b:
        if masks[k][1] > a:
            near.append(masks[k])
        k += 1
    return near
