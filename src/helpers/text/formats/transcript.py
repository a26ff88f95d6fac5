"""Labelled transcripts: lines with a speaker label or a timestamp, and prose that cites the recording."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .. import labelled
from ..language import script_lang
from .interview import doc_labels
from .runs import _SOUND_ONLY, _TS, Reading, Run, Unit
from .timing import _written_clock, clock

# --- labelled transcripts -------------------------------------------------------------

_NAME_LATIN = labelled.NAME_LATIN
_NAME = r"(?P<name>" + labelled.NAME_LATIN + r"|" + labelled.NAME_CJK + r")"
# [00:12], (00:12) and ranges [00:00:00 - 00:00:05] (the start counts)
_BR_TS = r"[\[(](?P<ts>" + _TS + r")(?:[ \t]*(?:-->|-|–)[ \t]*" + _TS + r")?[\])]"
_LINK_TS = r"\[(?P<ts>" + _TS + r")\]\([^)\s]*\)"

# A stage direction between a name and its colon ("(laughs)", "(voice-over)", "(through translator)"),
# not a field's qualifier ("Record (in all competitions): 91 games").
# Or the speaker's affiliation: "Mark Zuckerberg (Meta): …", "JENSEN HUANG (NVIDIA): …"; or a
# transcriber's note: "Lex Fridman [inaudible]: …".
_NOTE = (
    r"(?:\((?:(?!(?:in|per|of|for|from|incl|including|excluding|approx|estimated|all|total)\b)[a-z][a-z -]{0,23}"
    r"|[A-Z][A-Za-z0-9&.' -]{0,39})\)|\[[a-z][a-z -]{0,23}\])"
)

# Each style: (name, regex at line start). The analysed text of the
# line starts at the end of the match; a match that reaches the end of the
# line is a label for the lines below it.
_LABELS: list[tuple[str, re.Pattern[str]]] = [
    # **[00:14] SPEAKER_04:** text   (WhisperX diarization as Markdown)
    (
        "bold-ts-name",
        re.compile(r"^(?:[-*•][ \t]+)?\*\*" + _BR_TS + r"[ \t]*" + _NAME + r"[ \t]*[:：][ \t]*\*\*[ \t]*"),
    ),
    # [#P001] [00:00] Name: text   and   [00:12] Name: text
    (
        "ts-name",
        re.compile(
            r"^(?:[-*•][ \t]+)?(?:\[#[^\]\n]{1,24}\][ \t]*)?" + _BR_TS + r"[ \t]*" + _NAME + r"[ \t]*[:：][ \t]*"
        ),
    ),
    # 12.  [00:00:13](https://…#t=13): text
    ("list-link", re.compile(r"^\d{1,5}\.[ \t]+" + _LINK_TS + r"[ \t]*[:：]?[ \t]*")),
    # 00:00:00 <v Name>text
    ("ts-voice", re.compile(r"^(?:(?P<ts>" + _TS + r")[ \t]+)?<v(?:\.[^\s>]*)?[ \t]+(?P<name>[^>\n]{1,60})>[ \t]*")),
    # Name (00:01:02): text   /   **Name** [00:01:02]
    ("name-ts", re.compile(r"^(?:\*\*)?" + _NAME + r"(?:\*\*)?[ \t]*" + _BR_TS + r"[ \t]*[:：]?(?:\*\*)?[ \t]*")),
    # Otter: "**Name**  0:24" or "Unknown Speaker  0:58" alone on a line
    ("otter", re.compile(r"^(?:\*\*)?" + _NAME + r"(?:\*\*)?[ \t]+(?P<ts>" + _TS + r")[ \t]*$")),
    # (00:03:10): text   continuing the same speaker
    ("ts-colon", re.compile(r"^" + _BR_TS + r"[ \t]*[:：][ \t]*")),
    # Brian Nowak -- Morgan Stanley -- Analyst   (earnings calls)
    ("name-dash-title", re.compile(r"^" + _NAME + r"[ \t]+--[ \t]+\S[^\n]*$")),
    # Name: text   /   **Name:** text   /   Name: alone
    # Jensen Huang, CEO: text   (a role in the title, see _ROLE)
    (
        "name-title",
        re.compile(r"^(?:\*\*)?" + _NAME + r",[ \t]+(?P<title>[^:：\n*]{1,60})(?:\*\*)?[ \t]*[:：](?:\*\*)?[ \t]*"),
    ),
    # (also "> **Name:**" quoted, "Name (laughs): text" with a note)
    (
        "name",
        re.compile(
            r"^(?:[-*•][ \t]+|>+[ \t]*)?(?:\*\*)?"
            + _NAME
            + r"(?:[ \t]*"
            + _NOTE
            + r")?(?:\*\*)?[ \t]*[:：](?:\*\*)?[ \t]*"
        ),
    ),
]
# A name alone on its line above "(00:00:00) text" lines (lexfridman.com, Descript).
_BARE_NAME = re.compile(r"^(?:\*\*)?(?P<name>" + _NAME_LATIN + r")(?:\*\*)?$")
_OPERATOR = re.compile(
    r"^(?:\*\*)?(?P<name>Operator|Moderator|Host|Interviewer|Interviewee)(?:\*\*)?[ \t]*[:：]?[ \t]*$", re.I
)
_HEADING_OPEN = re.compile(r"^#{1,6}[ \t]+(?=\S)")


def _heading_text(line: str) -> str | None:
    r"""The text of a Markdown heading line ("## Title ##" -> "Title"), None for another line.

    What "^#{1,6}[ \t]+(\S.*?)[ \t]*#*[ \t]*$" matched, without its cubic time on a line of spaces:
    the shortest text (one character at least) after which only blanks, closing #s and blanks follow.
    """
    line = line[:-1] if line.endswith("\n") else line  # "$" matches before a final line break
    m = _HEADING_OPEN.match(line)
    if m is None or "\n" in line:
        return None
    rest = line[m.end() :]
    return rest[: max(1, len(rest.rstrip(" \t").rstrip("#").rstrip(" \t")))]


_ROLE = re.compile(
    r"\b(?:Chief|Officer|CEO|CFO|COO|CTO|President|Director|Analyst|Vice|Head|Founder|Chair(?:man|woman)?|"
    r"Investor Relations|Partner|Managing|Manager|Treasurer|Secretary|Host|Guest|Research|Engineer|Scientist|"
    r"Moderator|Interviewer|Panelist|Anchor|Correspondent|Reporter|Editor|Professor|Minister|Senator|Governor|"
    r"Ambassador|Spokes(?:person|man|woman))\b"
)
_HEADING_SPEAKER = re.compile(r"^(?P<name>" + _NAME_LATIN + r"),[ \t]+(?P<title>.+)$")
_BARE_TS_LINE = re.compile(r"^(?P<ts>" + _TS + r")$")
_TS_ONLY_LINE = re.compile(r"^[ \t]*(?:\*\*)?[\[(]?(?P<ts>" + _TS + r")[\])]?(?:\*\*)?[ \t]*$")
_TS_LEAD = re.compile(r"^" + _BR_TS + r"[ \t]*")
# Inline timestamp links inside sentences: [[00:06](https://…&t=6)] or [00:06](…).
_INLINE_LINK = re.compile(r"\[?\[" + _TS + r"\]\([^)\s]*\)\]?")
_GENERIC_SPEAKER = re.compile(
    r"^(?:SPEAKER_\d+|Speaker[ _]?\d+|Unknown "
    r"Speaker|spk_?\d+|Operator|Moderator|Host|Co-?host|Interviewer|Interviewee|"
    r"Guest|Q|A|Question|Answer|Frage|Antwort|Audience(?: Member)?|Analyst|Participant(?: \d+)?|Narrator|Reporter)$",
    re.I,
)
_NOT_NAMES = {
    "note",
    "update",
    "source",
    "edit",
    "warning",
    "example",
    "summary",
    "transcript",
    "chapter",
    "date",
    "time",
    "duration",
    "title",
    "url",
    "link",
    "tags",
    "tag",
    "status",
    "image",
    "photo",
    "video",
    "audio",
    "disclaimer",
    "copyright",
    "contents",
    "agenda",
    "topic",
    "topics",
    "episode",
    "season",
    "part",
    "step",
    "tip",
    "prepared remarks",
    "questions and answers",
    "call participants",
    "participants",
    "also",
    "https",
    "http",
    "www",
    "ps",
    "p.s",
    "nb",
    "re",
    "fyi",
    "tl;dr",
    "tldr",
    "bonus",
    "caption",
    "credit",
    "credits",
    # sentence openers that end in a colon in prose ("But: …", "Fazit: …")
    "but",
    "and",
    "so",
    "yes",
    "no",
    "okay",
    "ok",
    "well",
    "now",
    "then",
    "here",
    "there",
    "today",
    "result",
    "problem",
    "solution",
    "fact",
    "quote",
    "context",
    "background",
    "conclusion",
    "lesson",
    "takeaway",
    "why",
    "what",
    "how",
    "who",
    "when",
    "where",
    "aber",
    "und",
    "fazit",
    "hinweis",
    "anmerkung",
    "quelle",
    "beispiel",
    "ergebnis",
    "zitat",
}
_STRONG_MIN = 3
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Januar|Februar|März|Mai|Juni|Juli|Okt|Dez|Dezember)"
    r"[a-zä]*\.?"
)
# A dateline ("March 3, 2024", "2024-03-03", "3. März 2024", "2024年3月3日") is page furniture.
_DATE_LINE = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|" + _MONTH + r"[ \t]+\d{1,2},?[ \t]+\d{4}|"
    r"\d{1,2}\.?[ \t]+" + _MONTH + r"[ \t]+\d{4}|\d{1,2}/\d{1,2}/\d{4})$"
)
# Transcription services sign their exports at the end.
_FOOTER = re.compile(r"^(?:Transcribed by|Transcript(?:ion)? (?:generated|provided|produced) by|Powered by)\b", re.I)


@dataclass(frozen=True)
class _LabelHit:
    style: str
    name: str | None
    ts: str | None
    content: int  # offset in the line where the analysed text starts


@lru_cache(maxsize=1 << 16)  # detection and reading look at the same lines
def _match_label(line: str) -> _LabelHit | None:
    general = labelled.match(line)
    if general:
        return _LabelHit("labelled", general.name, general.ts, general.content)
    for style, rx in _LABELS:
        m = rx.match(line)
        if not m:
            continue
        gd = m.groupdict()
        name = (gd.get("name") or "").strip() or None
        if name and (name.lower().startswith("http") or name.isdigit()):
            continue
        if style == "name-title" and not _ROLE.search(gd.get("title") or ""):
            continue
        return _LabelHit(style, name, gd.get("ts"), len(line) if style in ("otter", "name-dash-title") else m.end())
    m = _OPERATOR.match(line)
    if m:
        return _LabelHit("operator", m.group("name"), None, len(line))
    small = labelled.handle(line)  # "zabo:今夜は…": a label only where the document repeats it
    return _LabelHit("handle", small.name, None, small.content) if small else None


def _is_labelled(body: str) -> bool:
    every = [ln.strip() for ln in body.split("\n")]
    lines = [ln for ln in every if ln]
    if not lines:
        return False
    if labelled.cites_recording(lines) or labelled.stamped_prose(lines):
        return True
    hits = [_match_label(ln) for ln in lines]
    strong = sum(1 for h in hits if h and h.style not in ("name", "name-title", "ts-colon", "operator", "handle"))
    strong += len(doc_labels(every, Counter(h.name for h in hits if h and h.name), _plausible_name))
    strong += sum(1 for ln in lines if _heading_speaker(ln))
    strong += sum(_bare_name_labels(lines).values())
    if strong >= _STRONG_MIN and strong >= 0.1 * len(lines):
        return True
    if _earnings_like(lines):
        return True
    # YouTube's transcript panel copied out: "0:04" alone above each caption line.
    bare = sum(1 for ln in lines if _BARE_TS_LINE.match(ln))
    if bare >= _STRONG_MIN and bare >= 0.2 * len(lines):
        return True
    named = Counter(
        h.name for h in hits if h and h.style in ("name", "name-title") and h.name and _plausible_name(h.name)
    )
    handles = Counter(h.name for h in hits if h and h.style == "handle" and h.name)
    named.update({n: k for n, k in handles.items() if k >= 2})
    recurring = [n for n, k in named.items() if k >= 2]
    if len(recurring) >= 2 and sum(named[n] for n in recurring) >= 4 and sum(named.values()) >= 0.1 * len(lines):
        return True
    # "HOST:" turns answered by someone who speaks once with a full name; or
    # prepared remarks under "## Name, Title" headings, then "Name:" turns.
    sure = [n for n in named if named[n] >= 2 or len(n.split()) >= 2 or _GENERIC_SPEAKER.match(n)]
    turns = sum(named[n] for n in sure)
    if len(sure) >= 2 and turns >= _STRONG_MIN and turns >= 0.1 * len(lines):
        return True
    return strong >= 1 and strong + len(sure) >= _STRONG_MIN


def _bare_name_labels(lines: list[str]) -> Counter:
    """Names alone on a line right above a timestamped line, when two or more such names recur."""
    found: Counter[str] = Counter()
    for ln, nxt in zip(lines, lines[1:]):
        m = _BARE_NAME.match(ln)
        if m and _plausible_name(m.group("name")) and (_TS_LEAD.match(nxt) or _TS_ONLY_LINE.match(nxt)):
            found[m.group("name")] += 1
    recurring = Counter({n: k for n, k in found.items() if k >= 2})
    return recurring if len(recurring) >= 2 else Counter()


def _heading_speaker(line: str) -> str | None:
    """The speaker of a "## Name, Title" heading (a role in the title), else None."""
    heading = _heading_text(line.strip())
    if heading is None:
        return None
    sp = _HEADING_SPEAKER.match(heading.strip("* "))
    if sp and _plausible_name(sp.group("name")) and _ROLE.search(sp.group("title")):
        return sp.group("name")
    return None


_NAME_DASH_TITLE = re.compile(r"^" + _NAME + r"[ \t]+--[ \t]+\S")


def _earnings_like(lines: list[str]) -> bool:
    if not any(_OPERATOR.match(ln) for ln in lines):
        return False
    dashes = sum(1 for i, ln in enumerate(lines[:-1]) if ln == "--" and i > 0)
    titled = sum(1 for ln in lines if _NAME_DASH_TITLE.match(ln))
    return dashes + titled >= 2


def _plausible_name(name: str) -> bool:
    n = name.strip().strip("*").strip()
    if n.lower() in _NOT_NAMES:
        return False
    if _GENERIC_SPEAKER.match(n):
        return True
    if script_lang(n) == "ja":
        return len(n) <= 12
    words = n.split()
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w.isdigit() or w in labelled.NAME_PARTICLES for w in words)


def read_transcript(text: str, base: int = 0, source: str = "") -> Reading:
    """Units of a speaker- or time-labelled transcript."""
    if labelled.cites_recording(text[base:].split("\n")):
        return _read_cited(text, base)
    st = _transcript_state(text, base)
    i = 0
    while i < len(st.lines):
        i += _read_transcript_line(st, i)
    return Reading("transcript", st.units)


@dataclass
class _TranscriptState:
    """A labelled transcript being read line by line: what its labels are, and what holds so far."""

    text: str
    lines: list[tuple[int, str]]  # (offset, raw line)
    recurring: set[str]  # Name: labels seen at least twice that look like names
    bare_names: set[str]  # names alone on a line above a timestamped line
    doc_hits: dict[int, _LabelHit]  # labels only the document tells from text (``interview``), by line
    single_word_style: bool  # the recurring labels are all single names
    units: list[Unit] = field(default_factory=list)
    speaker: str | None = None
    timestamp: str | None = None
    new_block: bool = True
    title_done: bool = False

    def accept_name(self, name: str) -> bool:
        if name in self.recurring or _GENERIC_SPEAKER.match(name):
            return True
        if not _plausible_name(name):
            return False
        shouted = name.isupper() and sum(ch.isalpha() for ch in name) >= 3  # ">> MARK:", broadcast style
        return len(name.split()) >= 2 or self.single_word_style or shouted or script_lang(name) == "ja"

    def standalone(self, i: int) -> bool:
        n = len(self.lines)
        return (i == 0 or not self.lines[i - 1][1].strip()) and (i + 1 >= n or not self.lines[i + 1][1].strip())


def _transcript_state(text: str, base: int) -> _TranscriptState:
    raw_lines: list[tuple[int, str]] = []
    pos = base
    for raw in text[base:].split("\n"):
        raw_lines.append((pos, raw))
        pos += len(raw) + 1

    # A Name: label that occurs once is still a label when it looks like a
    # name (two or more capitalised words, or a generic role) or the document's
    # recurring labels are single names too; otherwise it is text ("Note: …").
    counts: Counter[str] = Counter()
    for _, raw in raw_lines:
        h = _match_label(raw.strip())
        if h and h.name:
            counts[h.name] += 1
    handles = {h.name for _, raw in raw_lines if (h := _match_label(raw.strip())) and h.style == "handle"}
    recurring = {n for n, k in counts.items() if k >= 2 and (_plausible_name(n) or n in handles)}
    bare_names = set(_bare_name_labels([raw.strip() for _, raw in raw_lines if raw.strip()]))
    single_word_style = bool(recurring) and all(len(n.split()) == 1 for n in recurring)
    found = doc_labels([raw.strip() for _, raw in raw_lines], counts, _plausible_name)
    doc_hits = {i: _LabelHit("interview", d.name, None, d.content) for i, d in found.items()}
    return _TranscriptState(text, raw_lines, recurring, bare_names, doc_hits, single_word_style)


def _read_transcript_line(st: _TranscriptState, i: int) -> int:
    """Read line ``i`` into ``st``; the number of lines it took."""
    a, raw = st.lines[i]
    stripped = raw.strip()
    if not stripped:
        st.new_block = True
        return 1
    first_line = not st.title_done
    st.title_done = True
    # Earnings-call block: Name / -- / Title
    if i + 2 < len(st.lines) and st.lines[i + 1][1].strip() == "--" and _plausible_name(stripped):
        st.speaker, st.new_block = stripped, True
        return 3
    if _structure_line(st, a, raw, stripped, first_line):
        return 1
    hit = _accepted_label(st, i, stripped, first_line)
    if not hit and _free_line(st, i, a, raw, first_line):
        return 1
    _read_words(st, a, raw, hit)
    return 1


def _structure_line(st: _TranscriptState, a: int, raw: str, stripped: str, first_line: bool) -> bool:
    """A heading, a bare speaker name or a line that is only a time: read into ``st``, True; else False."""
    heading = _heading_text(stripped)
    if heading is not None and not labelled.match(stripped):  # "##### **Name** [[00:06](…)]" is a label
        named = _heading_speaker(stripped)
        htext = heading.strip("* ")
        operator = _OPERATOR.match(htext)
        if named:
            st.speaker, st.new_block = named, True
        elif operator:
            st.speaker, st.new_block = operator.group("name"), True
        else:
            runs = _content_runs(st.text, a + raw.index(heading), a + len(raw.rstrip()))
            if runs:
                kind = "title" if first_line and stripped.startswith("# ") else "heading"
                st.units.append(Unit(runs, kind=kind, new_block=True))
            st.speaker, st.new_block = None, True
        return True
    bare = _BARE_NAME.match(stripped)
    if bare and bare.group("name") in st.bare_names:
        if bare.group("name") != st.speaker:
            st.new_block = True
        st.speaker = bare.group("name")
        return True
    tsm = _TS_ONLY_LINE.match(stripped)
    if tsm:
        st.timestamp = _written_clock(tsm.group("ts"))
        return True
    return False


def _accepted_label(st: _TranscriptState, i: int, stripped: str, first_line: bool) -> _LabelHit | None:
    """The label line ``i`` opens with, unless it is text that only looks like one."""
    hit = _match_label(stripped)
    # a name without a time ("Name:", "[Name]:", "NAME, TITLE:") must look like a speaker's
    weak = hit is not None and (hit.style in ("name", "name-title", "handle") or hit.style == "labelled" and not hit.ts)
    if hit and hit.name and weak and not st.accept_name(hit.name):
        hit = None
    if hit and hit.style == "name" and first_line and st.standalone(i) and hit.name not in st.recurring:
        hit = None  # "Mark Zuckerberg: Future of AI at Meta" heading the file is its title
    if hit and hit.style == "name-dash-title" and not _plausible_name(hit.name or ""):
        hit = None
    return hit or st.doc_hits.get(i)


def _free_line(st: _TranscriptState, i: int, a: int, raw: str, first_line: bool) -> bool:
    """An unlabelled line that is not speech (stage direction, date, title, section heading): read, True."""
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    if _SOUND_ONLY.match(stripped) or st.standalone(i) and _FOOTER.match(stripped):
        # "(BEGIN VIDEO CLIP)", "[Music]": a stage direction, not speech
        st.units.append(Unit([Run(a + lead, a + len(raw.rstrip()), stripped)], kind="chrome", new_block=True))
        return True
    if st.standalone(i) and _DATE_LINE.match(stripped):
        st.units.append(Unit([Run(a + lead, a + len(raw.rstrip()), stripped)], kind="chrome", new_block=True))
        return True
    if st.standalone(i) and len(stripped) <= 200 and not _ends_like_sentence(stripped):
        # A line of its own that is not a label: the title (first line) or a
        # section heading ("Prepared Remarks:", "Questions & Answers:").
        if first_line or stripped.endswith((":", "：")):
            runs = _content_runs(st.text, a + lead, a + len(raw.rstrip().rstrip(":：")))
            st.units.append(Unit(runs, kind="title" if first_line else "heading", new_block=True))
            if not first_line:
                st.speaker = None
            st.new_block = True
            return True
    return False


def _read_words(st: _TranscriptState, a: int, raw: str, hit: _LabelHit | None) -> None:
    """The spoken words of a line, after its label or leading time, as units of the current speaker."""
    content = len(raw) - len(raw.lstrip())
    if hit:
        if hit.name:
            # Every label opens a turn, also a repeated one: a sentence never runs across two labels.
            st.speaker, st.new_block = hit.name.strip().strip("*").strip(), True
        elif hit.style == "interview":  # ">> text", the answer to "――質問": a new turn, its speaker unnamed
            st.speaker, st.new_block = None, True
        if hit.ts:
            st.timestamp = _written_clock(hit.ts)
        content += hit.content
        after = _TS_LEAD.match(raw[content:])  # "Speaker 1: [00:00:05] text"
        if after:
            st.timestamp = _written_clock(after.group("ts"))
            content += after.end()
    else:
        m = _TS_LEAD.match(raw.strip())
        if m:
            st.timestamp = _written_clock(m.group("ts"))
            content += m.end()
    timed, st.timestamp = _timed_units(st.text, a + content, a + len(raw), st.timestamp)
    for u in timed:
        st.units.append(Unit(u.runs, speaker=st.speaker, timestamp=u.timestamp, new_block=st.new_block))
        st.new_block = False


def _timed_units(text: str, a: int, b: int, timestamp: str | None) -> tuple[list[Unit], str | None]:
    """The words of ``text[a:b]`` and the time after them, cut where a time stands inside them.

    "I'm the [00:00:07] co host": the time times the words after it.
    """
    cuts: list[tuple[int, str | None]] = [(a, None)]
    for s, e, ts in labelled.inline_stamps(text[a:b]):
        cuts.append((a + s, None))
        cuts.append((a + e, _written_clock(ts)))
    cuts.append((b, None))
    units: list[Unit] = []
    for k, ((start, stamp), (end, _)) in enumerate(zip(cuts[::2], cuts[1::2])):
        timestamp = stamp or timestamp
        runs = _content_runs(text, start, end)
        runs = _glue_punctuation(runs) if k else runs
        if runs:
            units.append(Unit(runs, timestamp=timestamp))
    return units, timestamp


def _glue_punctuation(runs: list[Run]) -> list[Run]:
    """Runs cut after a time or citation ("GPUs [[1]](#t=8). It"): a full stop or comma opening them takes no space."""
    if runs and runs[0].text[:1] in ".,;:!?)]":  # "]" closes a note whose time was cut out
        runs[0] = replace(runs[0], glued=True)
    return runs


def _read_cited(text: str, base: int) -> Reading:
    """Units of prose citing its recording (see ``labelled.cited_spans``)."""
    units: list[Unit] = []
    for sp in labelled.cited_spans(text, base):
        runs = _glue_punctuation(_content_runs(text, sp.start, sp.end))
        if runs:
            ts = clock(sp.seconds) if sp.seconds is not None else None
            units.append(Unit(runs, timestamp=ts, kind=sp.kind, new_block=sp.new_block))
    return Reading("transcript", units)


def _ends_like_sentence(s: str) -> bool:
    s = s.rstrip().rstrip("」』）)】\"”’'»")
    return bool(s) and s[-1] in "。．.!?！？…"


_INLINE_STRIP = re.compile(r"\[?\[" + _TS + r"\]\([^)\s]*\)\]?|</v>|\*\*")


def _content_runs(text: str, a: int, b: int) -> list[Run]:
    """Runs of a line's text without inline timestamp links, voice end tags and bold marks."""
    runs: list[Run] = []
    pos = a
    for m in list(_INLINE_STRIP.finditer(text[a:b])) + [None]:
        end = a + m.start() if m else b
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            # "**important**." is one word and its full stop: no space where only marks separate them.
            glued = bool(runs) and not _INLINE_STRIP.sub("", text[runs[-1].end : s])
            runs.append(Run(s, e, text[s:e], glued))
        if m:
            pos = a + m.end()
    return runs


def inline_debris(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of inline timestamp links in ``text[start:end]`` (kept out of the analysed text of prose)."""
    return [(start + m.start(), start + m.end()) for m in _INLINE_LINK.finditer(text[start:end])]
