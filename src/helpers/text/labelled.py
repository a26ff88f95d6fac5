"""Labelled lines: where a transcript line's speaker label and time end and its words begin.

One rule reads the label forms that exports and web pages put before a turn,
whatever the site: an optional list bullet, paragraph id (``[#P001]``) or
Markdown heading marks, then

* a time, a name and a colon (or a bracketed name): ``[00:06] **Ankit**: …``,
  ``[[00:06](https://…&t=6)] **Ankit**: …``, ``[00:15 → 01:02] **Chris Moore:** …``;
* a name and a time, the colon optional: ``[Lex Fridman] [01:26:51] …``,
  ``[SPEAKER_00] [00:05-00:12]: …``, ``##### **Chenyu** [[00:00:00](…)]`` (a
  label alone on its line names the lines below it);
* a name in brackets and a colon: ``[Lex Fridman]: …``;
* alone on its line, a name and a bare time or a time range and a name:
  ``Lex Fridman  00:00:01 - 00:00:05``, ``00:00:01 - 00:00:05 Lex Fridman``;
* a name in capitals, a comma, a title in capitals and a colon, as broadcast
  rush transcripts write a speaker's first turn: ``ERICA HILL, CNN ANCHOR: …``
  (also with a note: ``HILL (voice-over): …``).

A time is ``[t]``, ``(t)``, a range ``[t - t]`` / ``[t → t]`` (its start
counts), or a link ``[t](url)`` / ``[[t](url)]``. The name may be bare, in
square brackets or in bold, with the colon inside or outside the bold.

Also here: times inside running text (``… I'm the [00:00:07] co host …``),
which split a line into stretches with their own time, and prose that cites
the recording with numbered links (``[[12]](#t=734)``, pandoc's
``[\\[12\\]](#t=734)``) above a numbered reference list of timed quotes
(``1.  [00:12:14](…#t=734): …``): each stretch of prose takes the time of
the citation that closes it, and the reference list, which repeats the
recording, is not read.

Everything here is a pure function of strings and offsets; the transcript
reader in ``formats`` turns the spans into units.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

TS = r"\d{1,3}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_RANGE_TAIL = r"(?:[ \t]*(?:-->|->|→|–|—|-)[ \t]*" + TS + r")?"
# A speaker's name as transcripts write it, the one rule ``formats.transcript`` uses too: up to five
# capitalised Latin words (particles such as "van", "de", "zu" or a publication's "am", as in
# "Welt am Sonntag:", and short numbers between them), or a
# short run of non-ASCII letters (a Japanese name). A capitalised word may join the first with a
# colon and no space, as in a publication's name ("Blickpunkt:Film: …" is Blickpunkt:Film's turn).
# (Latin-1 and Latin Extended letters: "Łukasz", "Jiří", "Ōtani")
NAME_PARTICLES = tuple("de da del der des du van von vom zu zum am la le di bin al".split())
NAME_TOKEN = r"(?:[A-ZÄÖÜÀ-ÞĀ-ɏ][A-Za-zÀ-ÿĀ-ɏ0-9_.'’-]*|\d{1,3}|" + "|".join(NAME_PARTICLES) + r")"
_WORD = r"[A-ZÄÖÜÀ-ÞĀ-ɏ][A-Za-zÀ-ÿĀ-ɏ0-9_.'’-]*"
NAME_LATIN = _WORD + r"(?::" + _WORD + r")?(?:[ ]" + NAME_TOKEN + r"){0,4}"
_CJK = r"[^\s\x00-\x7f。、「」『』：:()（）【】\[\]！？!?]"
# (a family and a given name may stand apart: "山本 大輔: …", "山本　大輔：…")
NAME_CJK = _CJK + r"{1,12}(?:[ \u3000]" + _CJK + r"{1,8})?"
_NAME = r"(?:" + NAME_LATIN + r"|" + NAME_CJK + r")"
_PREFIX = r"^(?P<bullet>[-*•][ \t]+|>+[ \t]*)?(?:\[#[^\]\n]{1,24}\][ \t]*)?(?P<marks>#{1,6}[ \t]+)?"


def _stamp(k: int) -> str:
    """A time in any of its written forms; the time itself in group ``t{k}a`` … ``t{k}d``."""
    g = "(?P<t" + str(k)
    return (
        r"(?:\[\[" + g + "a>" + TS + r")\]\([^)\s]*\)\]"  # [[00:06](url)]
        r"|\[" + g + "b>" + TS + r")\]\([^)\s]*\)"  # [00:06](url)
        r"|\[" + g + "c>" + TS + r")" + _RANGE_TAIL + r"\]"  # [00:06], [00:05-00:12], [a → b]
        r"|\(" + g + "d>" + TS + r")" + _RANGE_TAIL + r"\))"  # (00:06)
    )


def _name(k: int) -> str:
    """A name, bare, [bracketed] or **bold** (a colon inside the bold in group ``c{k}``)."""
    g = "(?P<n" + str(k)
    bold = r"\*\*" + g + "a>" + _NAME + r")[ \t]*(?P<c" + str(k) + r">[:：])?\*\*"
    return "(?:" + bold + r"|\[" + g + "b>" + _NAME + r")\]|" + g + "c>" + _NAME + "))"


# time, name, colon (the colon may sit inside the bold)
_TIME_NAME = re.compile(_PREFIX + _stamp(1) + r"[ \t]*" + _name(1) + r"[ \t]*(?P<s1>[:：])?[ \t]*")
# name, time, colon or not
_NAME_TIME = re.compile(_PREFIX + _name(2) + r"[ \t]*" + _stamp(2) + r"[ \t]*(?P<s2>[:：])?[ \t]*")
# [Name]: text
_BRACKET_NAME = re.compile(_PREFIX + r"\[(?P<n6>" + _NAME + r")\][ \t]*[:：][ \t]*")
# a label alone on its line with a bare time: "Lex Fridman  00:00:01 - 00:00:05", "00:00:01 - 00:00:05 Lex Fridman"
_LINE_NAME_TIME = re.compile(_PREFIX + _name(4) + r"[ \t]+(?P<t4>" + TS + r")" + _RANGE_TAIL + r"[ \t]*$")
_LINE_RANGE_NAME = re.compile(
    r"^(?P<t5>" + TS + r")[ \t]*(?:-->|->|→|–|—|-)[ \t]*" + TS + r"[ \t]+" + _name(5) + r"[ \t]*$"
)
# NAME, TITLE: and NAME (voice-over): (capitals only, so prose never matches)
_CAPS_TITLE = re.compile(
    r"^(?:>+[ \t]*)?(?P<n3>[A-Z][A-Z.'’-]*(?:[ ][A-Z0-9][A-Z0-9.'’-]*){0,4})"
    r"(?:,[ \t]+[A-Z0-9][A-Z0-9 ,.'’&/-]{0,80}?(?:[ \t]*\([a-z -]{1,24}\))?|[ \t]*\([a-z -]{1,24}\))[ \t]*:[ \t]+(?=\S)"
)


@dataclass(frozen=True)
class Label:
    name: str
    ts: str | None
    content: int  # offset in the line where its words start (the line's length: a label for the lines below)


def _group(m: re.Match, prefix: str) -> str | None:
    return next((v for k, v in m.groupdict().items() if k.startswith(prefix) and v), None)


def match(line: str) -> Label | None:
    """The speaker label at the start of ``line`` (stripped), in any of the forms above, else None."""
    head = line[:200]
    if "[" not in head and "(" not in head and "," not in head:  # the other forms have a bracket or a comma
        return _line_label(line)
    m = _TIME_NAME.match(line)
    if m and (m.group("s1") or m.group("c1") or m.group("n1b")):
        return _label(m, "t1", "n1")
    m = _NAME_TIME.match(line)
    if m and (m.group("n2a") or m.group("n2b") or m.group("s2") or m.end() == len(line)):
        # "## Intro (00:00)", "- Llama 3 (12:30)": a chapter, unless the name is set off
        chapter = (m.group("bullet") or m.group("marks")) and m.end() == len(line)
        if not chapter or m.group("n2a") or m.group("n2b"):
            return _label(m, "t2", "n2")
    m = _CAPS_TITLE.match(line)
    if m:
        return Label(m.group("n3"), None, m.end())
    m = _BRACKET_NAME.match(line)
    if m:
        return _label(m, "t6", "n6")
    return _line_label(line)


def _line_label(line: str) -> Label | None:
    """A label alone on its line with a bare time (a range when the time comes first)."""
    m = _LINE_NAME_TIME.match(line) if line[-1:].isdigit() else None
    if m and not ((m.group("bullet") or m.group("marks")) and m.group("n4c")):  # "- Intro 00:00" is a chapter
        return _label(m, "t4", "n4")
    m = _LINE_RANGE_NAME.match(line) if line[:1].isdigit() else None
    return _label(m, "t5", "n5") if m else None


def _label(m: re.Match, ts: str, name: str) -> Label | None:
    who = (_group(m, name) or "").strip()
    if not who or who.isdigit() or who.lower().startswith("http"):
        return None
    return Label(who, _group(m, ts), m.end())


# --- handles: a speaker's name in small letters -------------------------------------

# Romaji and chat handles ("zabo:今夜は…", "ken: はい", "jonas: Sehr gut.") name speakers in small
# letters; prose opens lines with such words too ("note: …", "https://…"), so a handle is a label only
# where the document repeats it (``formats.transcript``) and never one of these words.
_HANDLE = re.compile(r"^(?P<name>[a-z][a-z0-9_.-]{1,19})[ \t]*[:：][ \t]*(?=\S)")
NOT_HANDLES = frozenset(
    "note notes update edit source sources warning example summary transcript chapter date time tip tips ps nb "
    "todo fixme re fyi http https ftp mailto tel file www email e-mail url".split()
)


def handle(line: str) -> Label | None:
    """A speaker's handle in small letters at the start of ``line`` ("zabo:今夜は…"), else None."""
    m = _HANDLE.match(line)
    if m is None or m.group("name") in NOT_HANDLES:
        return None
    return Label(m.group("name"), None, m.end())


# --- times inside running text ------------------------------------------------------

# "[00:00:05]" inside a line (a link "[00:05](…)" is not a bare time), also in a transcriber's
# note that marks where words were lost: "[inaudible 00:03:05]", "[crosstalk 00:12:01]" (Rev), whose
# time alone is cut out ("[inaudible]" stays in the words)
_INLINE_STAMP = re.compile(
    r"\[(?:(?:inaudible|crosstalk|unintelligible|indiscernible|foreign language|silence)(?P<gap>[ \t]+))?"
    r"(?P<ts>" + TS + r")\](?!\()"
)


def inline_stamps(line: str) -> list[tuple[int, int, str]]:
    """(start, end, time) of every bracketed time in ``line`` (of a note's time only, with the blank before it)."""
    return [
        (m.start("gap"), m.end("ts")) + (m.group("ts"),) if m.group("gap") else (m.start(), m.end(), m.group("ts"))
        for m in _INLINE_STAMP.finditer(line)
    ]


def stamped_prose(lines: list[str]) -> bool:
    """Running text timed by bracketed stamps: three or more, a line opening with one, one inside a line.

    A list of chapters ("[02:15] Llama 3 release" lines) has its times only at line starts.
    """
    stamps = inside = opening = 0
    for ln in lines:
        ln = ln.strip()
        found = list(_INLINE_STAMP.finditer(ln))
        stamps += len(found)
        first = bool(found) and _INLINE_STAMP.match(ln) is not None
        opening += first
        inside += len(found) - first
    return stamps >= 3 and opening >= 1 and inside >= 1


# --- prose that cites the recording -------------------------------------------------

# [[12]](#t=734), [\[12\]](#t=734), [[3]](https://…&t=90): a numbered citation link
_CITATION = re.compile(r"\[\\?\[\d{1,4}\\?\]\]\((?P<url>[^()\s]*)\)")
_URL_TIME = re.compile(r"[#?&]t=(\d{1,6})(?:s\b)?")
# 1.  [00:12:14](…#t=734): quote    (an item of the reference list)
_REFERENCE = re.compile(r"^\d{1,4}\.[ \t]+\[" + TS + r"\]\([^)\s]*\)")
_HEADING_MARKS = re.compile(r"(#{1,6})[ \t]+(?=\S)")


def _heading(stripped: str) -> tuple[str, int, int] | None:
    """(marks, start, end) of a Markdown heading's text in a stripped line; closing #s are not text."""
    m = _HEADING_MARKS.match(stripped)
    if not m:
        return None
    end = len(stripped.rstrip("#").rstrip(" \t")) if stripped.endswith("#") else len(stripped)
    return (m.group(1), m.end(), end) if end > m.end() else None


def citations(line: str) -> list[tuple[int, int, int | None]]:
    """(start, end, seconds or None) of every citation link in ``line``."""
    out = []
    for m in _CITATION.finditer(line):
        t = _URL_TIME.search(m.group("url"))
        out.append((m.start(), m.end(), int(t.group(1)) if t else None))
    return out


def cites_recording(lines: list[str]) -> bool:
    """Prose citing times of the recording: two or more citation links that carry a time."""
    timed = 0
    for ln in lines:
        timed += sum(1 for _, _, t in citations(ln) if t is not None)
        if timed >= 2:
            return True
    return False


@dataclass(frozen=True)
class Span:
    """A stretch of a cited document: ``text[start:end]`` with its kind and time (seconds)."""

    start: int
    end: int
    kind: str  # body | heading | title
    seconds: int | None = None
    new_block: bool = False


def cited_spans(text: str, base: int = 0) -> list[Span]:
    """The stretches of prose, headings and title of a document citing its recording, reference list left out.

    Every stretch of a paragraph up to a citation takes that citation's time;
    text after a paragraph's last citation has none.
    """
    lines: list[tuple[int, str]] = []
    pos = base
    for raw in text[base:].split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    nonblank = [i for i, (_, raw) in enumerate(lines) if raw.strip()]
    out: list[Span] = []
    pending: list[int] = []  # indices in ``out`` of stretches waiting for a citation
    in_references = False
    new_block = True
    titled = False
    for idx, (a, raw) in enumerate(lines):
        stripped = raw.strip()
        if not stripped:
            new_block, pending = True, []
            continue
        lead = len(raw) - len(raw.lstrip())
        h = _heading(stripped)
        if h:
            k = bisect_right(nonblank, idx)
            nxt = lines[nonblank[k]][1].strip() if k < len(nonblank) else ""
            in_references = bool(_REFERENCE.match(nxt))
            if not in_references:
                kind = "title" if not titled and h[0] == "#" else "heading"
                out.append(Span(a + lead + h[1], a + lead + h[2], kind, new_block=True))
            titled, new_block, pending = True, True, []
            continue
        titled = True
        if _REFERENCE.match(stripped) or (in_references and lead):  # an item, or an item's wrapped line
            in_references = True
            continue
        in_references = False
        cursor = a + lead
        for s, e, seconds in citations(raw) + [(len(raw), len(raw), None)]:
            if a + s > cursor:
                out.append(Span(cursor, a + s, "body", new_block=new_block))
                pending.append(len(out) - 1)
                new_block = False
            if seconds is not None:
                for k in pending:
                    out[k] = Span(out[k].start, out[k].end, "body", seconds, out[k].new_block)
                pending = []
            cursor = a + e
    return out
