"""Parse decoded text into blocks and sentences with exact offsets.

Captions, speech-recognition output and labelled transcripts are recognised
by ``formats`` and read by their own readers; what follows is how plain text
is read. YAML front matter and inline timestamp links in plain text are
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
  Documents that start straight with prose get ``title=None``.
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

import re
import statistics
from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from . import formats
from .decode import read_document
from .language import detect_lang, document_lang, segment_lang, sentence_lang
from .model import Block, ParsedDocument, Sentence, join_pieces, separator
from .segment import split_sentences
from .speakers import Unit, Voice, attribute, span_voices
from .speakers import aliases as speaker_aliases

_TERMINAL = "。．.!?！？…"
_CLOSERS = "」』）)】〕］]〉》\"”’'»"
_TS = r"\d{1,2}:\d{2}(?::\d{2})?"
_TS_ONLY = re.compile(r"^[ \t\u3000]*[\[(（]?(" + _TS + r")[\])）]?[ \t\u3000]*$")
# A leading marker: bracketed anywhere; bare ("00:12:05 text") only counts in
# caption runs, so prose like "12:30 Uhr begann …" keeps its first words.
_TS_LEAD = re.compile(r"^[ \t\u3000]*(?:[\[(（](" + _TS + r")[\])）]|(" + _TS + r")(?=[ \t\u3000]))[ \t\u3000]*(?=\S)")
_TS_LEAD_BRACKETED = re.compile(r"^[ \t\u3000]*[\[(（](" + _TS + r")[\])）][ \t\u3000]*(?=\S)")
_NAME_PREFIX = re.compile(
    r"^[ \t\u3000]*(?P<label>[A-ZÄÖÜ][A-Za-zÀ-ÿ.'’-]*(?: [A-ZÄÖÜ][A-Za-zÀ-ÿ.'’-]*){0,3}|[^\s\x00-\x7f。、「」：:()（）]{1,12})"
    r"[ \t]*[:：][ \t\u3000]*(?=\S)"
)
_BRACKET_HEADING = re.compile(r"^[ \t\u3000]*【([^【】]+)】[ \t\u3000]*$")
_MARK_HEADING = re.compile(r"^[ \t\u3000]*(?:#{1,6}[ \t]+|[■□◆◇●▼▶][ \t\u3000]*)(\S.{0,78})$")
_URL_ONLY = re.compile(r"^[ \t\u3000]*<?https?://\S+>?[ \t\u3000]*$")
_MONTHS = (
    "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    "January|February|March|May|June|July|October|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Okt|Nov|Dec|Dez"
)
_DATE_ONLY = re.compile(
    r"^[ \t\u3000]*(?:"
    r"\d{4}[-/.年]\s?\d{1,2}[-/.月]\s?\d{1,2}日?(?:[（(].[)）])?"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{4}"
    r"|(?:\d{1,2}\.?\s)?(?:" + _MONTHS + r")\.?\s(?:\d{1,2},?\s)?\d{4}"
    r")(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?[ \t\u3000]*$"
)
_READING_TIME = re.compile(
    r"(分で読め|読了時間|読む時間|\bmin(?:ute)?s?\.? read\b|\bLesezeit\b|\bLesedauer\b|\bMin\. Lesezeit)", re.I
)
_LANGUAGE_NAMES = (
    "English", "Deutsch", "Français", "Francais", "Español", "español", "Italiano", "Português", "Portugues",
    "Русский язык", "Русский", "日本語", "中文", "简体中文", "繁體中文", "한국어", "한어", "Ελληνικά", "Indonesian",
    "Bahasa Indonesia", "Sanskrit", "Suomalainen", "Suomi", "Latina", "Nederlands", "Polski", "Türkçe", "العربية",
    "हिन्दी", "Tiếng Việt", "ไทย", "Svenska", "Dansk", "Norsk", "Čeština", "Magyar", "Română", "Українська",
)
_LANGUAGE_NAME_RE = re.compile("|".join(re.escape(n) for n in sorted(_LANGUAGE_NAMES, key=len, reverse=True)))

# Blog-platform prompts after the article ("この記事が気に入ったらサポートを
# してみませんか?", "Share this article").
_CALL_TO_ACTION = re.compile(
    r"(気に入ったら|サポートをしてみませんか|フォローして|チャンネル登録|高評価|シェアして|"
    r"\bsubscribe\b|\bshare this\b|\bfollow us\b|\babonnieren\b|\bjetzt teilen\b|\bartikel teilen\b)",
    re.I,
)
_CALL_TO_ACTION_MAX_CHARS = 60
_LABEL_MAX_CHARS = 40
_LEADING_LABEL_MAX_CHARS = 15
_HEADING_MAX_CHARS = 40
_TRAILING_CHROME_MAX_CHARS = 30
_FRONT_MATTER_GROUPS = 6
_PROSE_MEDIAN_CHARS = 80
_PARAGRAPH_LINE_MEDIAN = 60
_CAPTION_MIN_LINES = 3
_CAPTION_MAX_MEDIAN = 150


@dataclass
class _Line:
    no: int  # 1-based
    start: int
    end: int
    text: str
    group: int = -1  # index of the blank-line-delimited group
    cls: str = "body"  # body | chrome | title | heading | label | ts | blank
    content_start: int = 0  # doc offset where the analysed content starts
    timestamp: str | None = None
    speaker: str | None = None
    heading_text: str | None = None
    caption: bool = False


@dataclass
class _Draft:
    kind: str
    lines: list[_Line]
    start: int
    end: int
    speaker: str | None = None
    speaker_inferred: bool = False
    timestamp: str | None = None
    heading: str | None = None
    caption: bool = False


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
    return parse_document(decoded.text, doc_id or p.stem, path=str(p), encoding=decoded.encoding, speakers=speakers,
                          genre=genre, event=event)


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
        return _parse_plain(text, doc_id, path, encoding, speakers, genre, event)
    # Front matter and inline timestamp links are blanked out (same length, so
    # every offset still indexes ``text``), then kept out of the sentences.
    masked = list(text)
    for a, b in masks:
        masked[a:b] = [ch if ch == "\n" else " " for ch in text[a:b]]
    doc = _parse_plain("".join(masked), doc_id, path, encoding, speakers, genre, event)
    doc.text = text
    doc.sentences = [_unmasked(text, s, masks) for s in doc.sentences]
    doc.sentences = [s for s in doc.sentences if s is not None]
    doc.sentences = [replace(s, sentence_id=n) for n, s in enumerate(doc.sentences)]
    if reading.front_matter:
        a, b = reading.front_matter
        shifted = [replace(blk, block_id=blk.block_id + 1) for blk in doc.blocks]
        doc.blocks = [Block(block_id=0, kind="chrome", start=a, end=a + len(text[a:b].rstrip()), line=1)] + shifted
        doc.sentences = [replace(s, block_id=s.block_id + 1) for s in doc.sentences]
    doc.metadata = dict(reading.metadata)
    doc.title = reading.title or doc.title
    return doc


def _attributed(doc: ParsedDocument, speakers: list[str] | None, genre: str | None, event: str | None) -> ParsedDocument:
    """A format reader's document with every sentence attributed like plain text (labels mapped to the
    catalog's names, unlabelled dialogue decoded)."""
    known = [s for s in (speakers or []) if s.strip()]
    alias = speaker_aliases(known)

    def canonical(label: str | None) -> str | None:
        # A label spelled another way than the catalog ("マーク・ザッカーバーグ", "MARK ZUCKERBERG") is the catalog's person.
        return alias.get(label.strip().lower(), alias.get(label.strip(), label)) if label else label

    units = [
        Unit(s.start, s.end, s.line, s.block_id, s.block_kind, s.text, canonical(s.speaker), s.timestamp) for s in doc.sentences
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
    return replace(s, start=pieces[0][0], end=pieces[-1][1], text=joined, pieces=tuple(pieces) if len(pieces) > 1 else ())


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


def _parse_plain(
    text: str, doc_id: str, path: str, encoding: str, speakers: list[str] | None, genre: str | None, event: str | None
) -> ParsedDocument:
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
        body = _sentences(text, d, block_id, doc_lang, line_starts) if d.kind in ("paragraph", "turn", "heading") else []
        drafted.append((block_id, d, body))
    units = [
        Unit(s["start"], s["end"], s["line"], block_id, d.kind, s["text"], d.speaker, s["timestamp"])
        for block_id, d, body in drafted
        for s in body
    ]
    voices = iter(attribute(text, units, known, genre, event))

    blocks: list[Block] = []
    sentences: list[Sentence] = []
    for block_id, d, body in drafted:
        said = []
        for s in body:
            v = next(voices)
            s.update(speaker=v.speaker, speaker_inferred=v.inferred, attribution=v.attribution,
                     speaker_confidence=round(v.confidence, 3))
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
    voice_spans = span_voices(text, units, [
        Voice(s.speaker, s.attribution, s.speaker_confidence) for s in sentences
    ], known)

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


# --- lines and groups -------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        ln = _Line(no=no, start=pos, end=pos + len(raw), text=raw, content_start=pos)
        if not raw.strip():
            ln.cls = "blank"
        else:
            ln.content_start = pos + (len(raw) - len(raw.lstrip()))
        lines.append(ln)
        pos += len(raw) + 1
    return lines


def _group_lines(lines: list[_Line]) -> list[list[_Line]]:
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    for ln in lines:
        if ln.cls == "blank":
            if current:
                groups.append(current)
                current = []
            continue
        ln.group = len(groups)
        current.append(ln)
    if current:
        groups.append(current)
    return groups


def _ends_like_sentence(s: str) -> bool:
    s = s.rstrip().rstrip(_CLOSERS)
    return bool(s) and s[-1] in _TERMINAL


def _is_unpunctuated_short(s: str, limit: int) -> bool:
    s = s.strip()
    return 0 < len(s) <= limit and not any(ch in s for ch in "。．.!?！？、,;；") and not s.endswith((":", "："))


# --- front matter, chrome ----------------------------------------------------


def _mark_front(groups: list[list[_Line]], aliases: dict[str, str]) -> _Line | None:
    """The title line, and the short label lines before it (chrome).

    Short labels ("見出し画像", "Nachricht") only count as chrome when a longer
    title follows them; otherwise the first title-like line is the title.
    """
    labels: list[_Line] = []
    first_title_like: _Line | None = None
    for group in groups:
        first = group[0]
        if _is_chrome_line(first.text) and len(group) == 1:
            first.cls = "chrome"
            continue
        if first.text.strip().lower() in aliases:
            break  # a speaker label: the dialogue has started
        # A title heads something: a document that is one line is that line's text.
        title_like = len(group) == 1 and _title_like(first.text) and group is not groups[-1]
        if title_like and first_title_like is None:
            first_title_like = first
        is_label = len(group) == 1 and _is_unpunctuated_short(first.text, _LEADING_LABEL_MAX_CHARS)
        if is_label and group is not groups[-1]:
            labels.append(first)
            continue
        if title_like:
            for ln in labels:
                ln.cls = "chrome"
            first.cls = "title"
            return first
        break
    if first_title_like is not None:
        first_title_like.cls = "title"
        return first_title_like
    return None


def _title_like(s: str) -> bool:
    candidate = s.strip()
    return (
        len(candidate) <= 200
        and not candidate.rstrip(_CLOSERS).endswith(("。", "."))
        and not _TS_ONLY.match(candidate)
        and not _TS_LEAD.match(candidate)
    )


def _is_chrome_line(s: str) -> bool:
    stripped = s.strip()
    if _DATE_ONLY.match(stripped) or _URL_ONLY.match(stripped):
        return True
    if len(stripped) <= 40 and _READING_TIME.search(stripped):
        return True
    names = _LANGUAGE_NAME_RE.findall(stripped)
    if len(names) >= 3:
        covered = sum(len(n) for n in names)
        if covered >= 0.5 * len(stripped.replace(" ", "")):
            return True
    return False


def _mark_chrome(groups: list[list[_Line]], doc_lang: str, title: _Line | None) -> None:
    title_text = title.text.strip() if title else ""
    for group in groups:
        for k, ln in enumerate(group):
            if ln.cls != "body":
                continue
            s = ln.text.strip()
            if _is_chrome_line(s) or (title_text and len(s) >= 10 and s != title_text and title_text.startswith(s)):
                ln.cls = "chrome"
            elif title_text and s == title_text and ln is not title:
                ln.cls = "chrome"
            else:
                continue
            if _DATE_ONLY.match(s) or _READING_TIME.search(s):
                # A byline right next to a date or reading-time line is chrome too.
                for j in (k - 1, k + 1):
                    if 0 <= j < len(group) and group[j].cls == "body" and _is_byline(group[j].text):
                        group[j].cls = "chrome"

    # Another language among the first groups, before any heading or turn.
    if doc_lang in ("ja", "de", "en"):
        for group in groups[:_FRONT_MATTER_GROUPS]:
            body = [ln for ln in group if ln.cls == "body"]
            if not body:
                continue
            if _BRACKET_HEADING.match(body[0].text) or _MARK_HEADING.match(body[0].text):
                break
            if _TS_LEAD.match(body[0].text) or _TS_ONLY.match(body[0].text):
                break
            lang = detect_lang(" ".join(ln.text for ln in body))
            if lang not in ("unknown", doc_lang):
                for ln in body:
                    ln.cls = "chrome"

    # Short unpunctuated single lines after the last paragraph.
    for group in reversed(groups):
        if all(ln.cls == "chrome" for ln in group):
            continue
        if len(group) == 1 and group[0].cls == "body" and (
            _is_unpunctuated_short(group[0].text, _TRAILING_CHROME_MAX_CHARS)
            or (len(group[0].text.strip()) <= _CALL_TO_ACTION_MAX_CHARS and _CALL_TO_ACTION.search(group[0].text))
        ):
            if group is groups[0]:
                break
            group[0].cls = "chrome"
            continue
        break


def _is_byline(s: str) -> bool:
    return (
        _is_unpunctuated_short(s, _LABEL_MAX_CHARS)
        and not _TS_LEAD.match(s)
        and not _TS_ONLY.match(s)
        and not _BRACKET_HEADING.match(s)
        and not _MARK_HEADING.match(s)
    )


# --- captions, speakers, headings --------------------------------------------


def _timestamp_of(s: str, caption: bool = True) -> tuple[str | None, int]:
    """(timestamp, length of the leading marker) for a line with a leading marker."""
    m = (_TS_LEAD if caption else _TS_LEAD_BRACKETED).match(s)
    if not m:
        return None, 0
    return m.group(1) or m.group(2), m.end()


def _mark_captions(lines: list[_Line]) -> set[int]:
    """Line numbers of caption lines (runs of short timestamped lines)."""
    run: list[_Line] = []
    captions: set[int] = set()

    def close() -> None:
        if len(run) >= _CAPTION_MIN_LINES:
            lengths = [len(ln.text) for ln in run]
            if statistics.median(lengths) <= _CAPTION_MAX_MEDIAN:
                for ln in run:
                    captions.add(ln.no)
                    ln.caption = True
        run.clear()

    for ln in lines:
        if ln.cls == "blank":
            continue
        if ln.cls == "body" and _TS_LEAD.match(ln.text):
            run.append(ln)
        else:
            close()
    close()
    return captions


def _normalize_label(s: str) -> str:
    return s.strip().rstrip(":：").strip()


def _mark_labels(lines: list[_Line], groups: list[list[_Line]], aliases: dict[str, str]) -> None:
    standalone: dict[str, int] = {}
    for group in groups:
        if len(group) == 1 and group[0].cls == "body":
            s = _normalize_label(group[0].text)
            if _looks_like_label(s):
                standalone[s] = standalone.get(s, 0) + 1
    # A dialogue has two parties: one recurring short line alone is page
    # furniture ("Advertisement"), not a speaker.
    recurring = {k for k, n in standalone.items() if n >= 2}
    if len(recurring) < 2:
        recurring = set()
    for i, group in enumerate(groups):
        if len(group) != 1 or group[0].cls != "body" or i == len(groups) - 1:
            continue
        s = _normalize_label(group[0].text)
        if _looks_like_label(s) and (s in recurring or s.lower() in aliases):
            group[0].cls = "label"
            group[0].speaker = aliases.get(s.lower(), s)

    prefixes: dict[str, int] = {}
    found: dict[int, tuple[str, int]] = {}
    for ln in lines:
        if ln.cls != "body":
            continue
        s = ln.text
        offset = 0
        if ln.caption:
            _, offset = _timestamp_of(s)
        m = _NAME_PREFIX.match(s[offset:])
        if m and not m.group("label").strip().isdigit() and not m.group("label").lower().startswith("http"):
            label = m.group("label").strip()
            found[ln.no] = (label, offset + m.end())
            prefixes[label] = prefixes.get(label, 0) + 1
    recurring_prefixes = {k for k, n in prefixes.items() if n >= 2}
    if len(recurring_prefixes) < 2:
        recurring_prefixes = set()
    for ln in lines:
        if ln.no in found:
            label, end = found[ln.no]
            if label in recurring_prefixes or label.lower() in aliases:
                ln.speaker = aliases.get(label.lower(), label)
                ln.content_start = ln.start + end


def _looks_like_label(s: str) -> bool:
    if not _is_unpunctuated_short(s, _LABEL_MAX_CHARS):
        return False
    if _TS_ONLY.match(s) or _is_chrome_line(s):
        return False
    return len(s.split()) <= 5


def _mark_headings(groups: list[list[_Line]]) -> None:
    for group in groups:
        for ln in group:
            if ln.cls != "body":
                continue
            m = _BRACKET_HEADING.match(ln.text) or _MARK_HEADING.match(ln.text)
            if m:
                ln.cls = "heading"
                ln.heading_text = m.group(1).strip()

    body_groups = [g for g in groups if any(ln.cls == "body" for ln in g)]
    sizes = [sum(len(ln.text) for ln in g if ln.cls == "body") for g in body_groups]
    if not sizes or statistics.median(sizes) < _PROSE_MEDIAN_CHARS:
        return
    for i, group in enumerate(groups):
        if i == 0 or i == len(groups) - 1 or len(group) != 1:
            continue
        ln = group[0]
        if ln.cls != "body" or ln.speaker or ln.caption:
            continue
        s = ln.text.strip()
        if not _is_unpunctuated_short(s, _HEADING_MAX_CHARS) or _TS_LEAD.match(s):
            continue
        nxt = groups[i + 1][0]
        if nxt.cls != "body" or not (len(nxt.text.strip()) >= 40 or _ends_like_sentence(nxt.text)):
            continue
        ln.cls = "heading"
        ln.heading_text = s


# --- blocks ------------------------------------------------------------------


def _build_blocks(groups: list[list[_Line]], captions: set[int]) -> list[_Draft]:
    drafts: list[_Draft] = []
    heading: str | None = None
    timestamp: str | None = None
    speaker: str | None = None
    pending: list[_Line] = []  # body lines waiting to become blocks

    def single(kind: str, ln: _Line) -> _Draft:
        return _Draft(kind=kind, lines=[ln], start=ln.content_start, end=ln.start + len(ln.text.rstrip()))

    def flush() -> None:
        if pending:
            drafts.extend(_body_drafts(pending, heading, timestamp))
            pending.clear()

    for group in groups:
        for ln in group:
            if ln.cls in ("chrome", "title"):
                flush()
                d = single(ln.cls, ln)
                d.heading = heading
                drafts.append(d)
            elif ln.cls == "heading":
                flush()
                heading, timestamp, speaker = ln.heading_text, None, None
                d = single("heading", ln)
                d.heading = heading
                drafts.append(d)
            elif ln.cls == "label":
                flush()
                speaker = ln.speaker
            elif _TS_ONLY.match(ln.text):
                flush()
                timestamp = _TS_ONLY.match(ln.text).group(1)
            else:
                ts, marker = _timestamp_of(ln.text, caption=ln.no in captions)
                if ln.no in captions:
                    if ln.speaker and ln.speaker != speaker:
                        flush()
                    ln.timestamp = ts
                    if not ln.speaker:
                        ln.content_start = max(ln.content_start, ln.start + marker)
                elif ts is not None:
                    flush()
                    timestamp = ts
                    ln.content_start = max(ln.content_start, ln.start + marker)
                if ln.speaker:
                    if ln.speaker != speaker or pending and pending[-1].caption != ln.caption:
                        flush()
                    speaker = ln.speaker
                elif pending and pending[-1].caption != ln.caption:
                    flush()
                ln.speaker = speaker
                ln.timestamp = ln.timestamp or timestamp
                pending.append(ln)
        flush()
    return drafts


def _body_drafts(lines: list[_Line], heading: str | None, timestamp: str | None) -> list[_Draft]:
    def make(chunk: list[_Line]) -> _Draft:
        first, last = chunk[0], chunk[-1]
        return _Draft(
            kind="turn" if first.speaker else "paragraph",
            lines=list(chunk),
            start=first.content_start,
            end=last.start + len(last.text.rstrip()),
            speaker=first.speaker,
            timestamp=first.timestamp if first.caption else (first.timestamp or timestamp),
            heading=heading,
            caption=first.caption,
        )

    if lines[0].caption:
        return [make(lines)]
    lengths = [len(ln.text.strip()) for ln in lines]
    # Line-per-paragraph text (no blank lines between paragraphs): one block per line.
    if len(lines) >= 2 and statistics.median(lengths) >= _PARAGRAPH_LINE_MEDIAN:
        return [make([ln]) for ln in lines]
    # Lines with their own speaker or timestamp marker start a new block.
    out: list[list[_Line]] = []
    for ln in lines:
        if out and (ln.content_start != ln.start + (len(ln.text) - len(ln.text.lstrip())) or ln.speaker != out[-1][0].speaker):
            out.append([ln])
        elif out:
            out[-1].append(ln)
        else:
            out.append([ln])
    return [make(chunk) for chunk in out]


# --- sentences ---------------------------------------------------------------


def _line_of(line_starts: list[int], offset: int) -> int:
    return bisect_right(line_starts, offset)


def _sentences(text: str, d: _Draft, block_id: int, doc_lang: str, line_starts: list[int]) -> list[dict]:
    common = dict(block_id=block_id, speaker=d.speaker, speaker_inferred=d.speaker_inferred)
    out: list[dict] = []
    if not d.caption:
        block_text = text[d.start : d.end]
        for a, b in split_sentences(block_text, segment_lang(block_text, doc_lang)):
            start, end = d.start + a, d.start + b
            s = text[start:end]
            out.append(
                dict(
                    common,
                    start=start,
                    end=end,
                    line=_line_of(line_starts, start),
                    lang=sentence_lang(s, doc_lang),
                    text=s,
                    timestamp=d.timestamp,
                )
            )
        return out

    # Captions: join line contents (model.separator) and map back.
    parts: list[tuple[int, int, int, str | None]] = []  # (joined_pos, doc_start, doc_end, timestamp)
    chunks: list[str] = []
    pos = 0
    for ln in d.lines:
        content = text[ln.content_start : ln.start + len(ln.text)]
        lead = len(content) - len(content.lstrip())
        content = content.strip()
        if not content:
            continue
        a = ln.content_start + lead
        if chunks:
            gap = separator(chunks[-1], content)
            chunks.append(gap)
            pos += len(gap)
        parts.append((pos, a, a + len(content), ln.timestamp))
        chunks.append(content)
        pos += len(content)
    joined = "".join(chunks)
    positions = [p[0] for p in parts]
    for a, b in split_sentences(joined, segment_lang(joined, doc_lang)):
        pieces: list[tuple[int, int]] = []
        ts: str | None = None
        # Only the lines the sentence overlaps: every line for every sentence was quadratic in a block's lines.
        for k in range(max(0, bisect_right(positions, a) - 1), len(parts)):
            jpos, da, db, lts = parts[k]
            if jpos >= b:
                break
            lo, hi = max(a, jpos), min(b, jpos + (db - da))
            if lo < hi:
                if not pieces:
                    ts = lts
                pieces.append((da + lo - jpos, da + hi - jpos))
        s = joined[a:b]
        out.append(
            dict(
                common,
                start=pieces[0][0],
                end=pieces[-1][1],
                line=_line_of(line_starts, pieces[0][0]),
                lang=sentence_lang(s, doc_lang),
                text=s,
                timestamp=ts,
                pieces=tuple(pieces),
            )
        )
    return out
