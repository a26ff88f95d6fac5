"""Label forms that are labels only where a document uses them as such.

Printed interviews and briefings mark turns with forms that, on one line,
could as well be text; the document as a whole tells them apart:

* ``――質問`` / ``── 質問`` (also ``—— ``): the interviewer of a Japanese interview
  (``聞き手``), when such lines recur and ask (half of them end in a question)
  or the document names speakers too; the unlabelled line after one is the
  answer, a new turn;
* ``渡辺　本文`` / ``田中社長 本文``: a Japanese surname (with a title) and a
  space before the words, when the name recurs and the document is an
  interview (dashed questions, or two such names that take turns and ask);
* ``【佐藤】本文``, ``（高橋）本文``: a bracketed name before the words, when
  two or more such speakers recur, take turns and ask (a dateline such as
  ``【ワシントン共同】`` names a news agency; ``【特徴】…【価格】…`` lists never ask);
* a name alone on its line with the turn on the lines right below it (``金井`` /
  ``森本さん`` / ``「寺松」``, ``Satya Nadella`` / ``Operator`` as earnings-call pages print them),
  two or more names recurring and taking turns;
* ``Q    text``, ``Q. text`` / ``A. text``, ``Ｑ．本文``, ``Ｑ　本文``, ``Q (Inaudible.)``: the reporters'
  and the witness's turns in briefing, court and FAQ transcripts, when ``Q`` recurs;
* ``>> text``: a caption dump's turn mark without a name (a new turn, speaker unknown).

``doc_labels`` reads the stripped lines of a document and returns, for each
line that opens with one of these labels, the speaker (None for a turn whose
speaker the text does not name) and where the words start. Pure functions,
linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .. import labelled
from ..language import script_lang

INTERVIEWER = "聞き手"
# A Japanese name as interviews print it: kanji or kana, a title or honorific may follow; no
# digits, punctuation or brackets (so "第1章" and sentences are not names).
_JA_NAME = r"[^\s\x00-\x7f。、，．・「」『』：:()（）【】\[\]〔〕！？!?―─—…0-9０-９]{1,8}"
_DASH_TURN = re.compile(r"^(?:[―─]{1,3}|——)[ \t\u3000]*(?=\S)")
_SPACED = re.compile(r"^(?P<name>" + _JA_NAME + r")[ \t\u3000]+(?=\S)")
_BRACKETED = re.compile(r"^(?:【(?P<a>" + _JA_NAME + r")】|（(?P<b>" + _JA_NAME + r")）)[ \t\u3000]*(?=\S)")
_ALONE = re.compile(r"^(?:「(?P<a>" + _JA_NAME + r")」|【(?P<b>" + _JA_NAME + r")】|(?P<c>" + _JA_NAME + r"))$")
_COLON_NAME = re.compile(r"^(?P<name>" + labelled.NAME_CJK + r")[ \t]*[：:]")
_ALONE_LATIN = re.compile(r"^" + labelled.NAME_LATIN + r"$")
# the headings of a call's sections ("Question-and-Answer Session", "Prepared Remarks")
_SECTION = re.compile(
    r"\b(?:Session|Remarks|Answers?|Questions?|Participants|Statements?|Introduction|Overview|Summary)\b"
)
_ROLE_WORD = re.compile(r"^(?:Operator|Moderator|Host|Interviewer|Interviewee|Guest|Narrator|Reporter|Analyst)$")
_QA = re.compile(
    r"^(?P<name>[QAＱＡ])(?:\.(?:[ \t\u3000]+|(?=[^\x00-\x7f]))|．[ \t\u3000]*|\u3000+|(?<=[ＱＡ])[ \t]+"
    r"|[ \t]{2,}|\t[ \t]*|[ \t]+(?=\())(?=\S)"
)
_QA_NAMES = {"Ｑ": "Q", "Ａ": "A"}
# a turn that asks: a question mark, or the endings of Japanese questions and requests
_ASKS = re.compile(r"(?:[?？]|か。|は。|ください。|でしょうか)[」』）)]*$")
# a news agency's dateline in brackets: 【ワシントン共同】, （時事）, 【ロンドン＝ロイター】
_AGENCY = re.compile(r"(?:共同|時事|ロイター|ＡＦＰ|AFP|ＡＰ|AP|発|通信)$")
_TURN_MARK = re.compile(r"^>>[ \t]*(?=\S)")
_MIN = 2  # a form counts as a label when it recurs at least this often
_ALONE_MAX = 60  # a name alone on its line is short
# a name has a kanji, katakana or Latin letter ("はい" or "また" alone on a line is not a name)
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffA-Za-z]")


@dataclass(frozen=True)
class DocLabel:
    name: str | None  # None: a new turn whose speaker is not named
    content: int  # offset in the stripped line where the words start (its length: a label for the lines below)


def doc_labels(
    lines: list[str], named: Counter[str] | None = None, plausible: Callable[[str], bool] = bool
) -> dict[int, DocLabel]:
    """Line index -> label for the forms above, over the stripped ``lines`` of one document.

    ``named`` counts the names the document's other labels give (``Name:``), so a
    bracketed name that also stands before a colon recurs; ``plausible`` tells a Latin name alone
    on its line from a word that is not one ("Summary").
    """
    out: dict[int, DocLabel] = {}
    out.update(_qa_labels(lines))
    out.update(_turn_marks(lines))
    out.update(_japanese_labels(lines, named or Counter()))
    out.update(_alone_labels(lines, out, plausible))
    return out


def _qa_labels(lines: list[str]) -> dict[int, DocLabel]:
    found = {i: m for i, ln in enumerate(lines) if (m := _QA.match(ln))}
    names = {i: _QA_NAMES.get(m.group("name"), m.group("name")) for i, m in found.items()}
    if sum(1 for n in names.values() if n == "Q") < _MIN:
        return {}
    return {i: DocLabel(names[i], m.end()) for i, m in found.items()}


def _turn_marks(lines: list[str]) -> dict[int, DocLabel]:
    found = {i: m.end() for i, ln in enumerate(lines) if (m := _TURN_MARK.match(ln))}
    return {i: DocLabel(None, end) for i, end in found.items()} if len(found) >= _MIN else {}


def _japanese_labels(lines: list[str], named: Counter[str]) -> dict[int, DocLabel]:
    """Dashed questions, spaced and bracketed names (see the module's docstring)."""
    dashes: dict[int, int] = {}
    spaced: dict[int, tuple[str, int]] = {}
    bracketed: dict[int, tuple[str, int]] = {}
    colon: dict[int, str] = {}  # "高橋氏：" lines, whose turns count as asking too
    counts: Counter[str] = Counter()
    for i, ln in enumerate(lines):
        if not ln or ln[0] < "\x80":  # every form here opens with a dash, a bracket or a Japanese name
            continue
        m = _DASH_TURN.match(ln)
        if m and script_lang(ln[m.end() :]):
            dashes[i] = m.end()
            continue
        b = _BRACKETED.match(ln)
        if b and not _AGENCY.search(b.group("a") or b.group("b")):
            bracketed[i] = (b.group("a") or b.group("b"), b.end())
            counts[bracketed[i][0]] += 1
            continue
        c = _COLON_NAME.match(ln)
        if c:  # "山本 大輔: …" is a name and a colon, not a surname and words
            counts[c.group("name")] += 1
            colon[i] = c.group("name")
            continue
        s = _SPACED.match(ln)
        if s and _NAME_CHAR.search(s.group("name")) and script_lang(ln[s.end() :]):
            spaced[i] = (s.group("name"), s.end())
            counts[s.group("name")] += 1
    for name, k in named.items():
        counts[name] += k if name not in counts else 0
    recurring = {n for n, k in counts.items() if k >= _MIN}
    asking = sum(1 for i in dashes if _ASKS.search(lines[i]))
    interview = len(dashes) >= _MIN and 2 * asking >= len(dashes)
    out: dict[int, DocLabel] = {}
    if interview:
        out.update({i: DocLabel(INTERVIEWER, end) for i, end in dashes.items()})
    for form in (bracketed, spaced):
        turns = {i: name for i, (name, _) in form.items() if name in recurring}
        if interview or _dialogue(turns, colon, lines):
            out.update({i: DocLabel(name, form[i][1]) for i, name in turns.items()})
    if interview:
        # the answer after a dashed question (its next line with words) is a new turn, its speaker named or not
        for i in dashes:
            j = next((j for j in range(i + 1, min(len(lines), i + 4)) if lines[j]), None)
            if j is not None and j not in out and j not in dashes:
                out[j] = DocLabel(None, 0)
    return out


def _take_turns(names: list[str]) -> bool:
    """Names in the order they label lines change hands at least twice (a dialogue, not a list)."""
    return sum(1 for a, b in zip(names, names[1:]) if a != b) >= 2


def _dialogue(turns: dict[int, str], colon: dict[int, str], lines: list[str]) -> bool:
    """Two or more names that take turns, and a turn that asks: a conversation, not a list of fields."""
    order = [turns[i] for i in sorted(turns)]
    asks = any(_ASKS.search(lines[i]) for i in [*turns, *colon])
    return len(set(order)) >= 2 and _take_turns(order) and asks


def _alone_labels(
    lines: list[str], taken: dict[int, DocLabel], plausible: Callable[[str], bool]
) -> dict[int, DocLabel]:
    """Names alone on a line right above their turn, two or more names that recur and take turns.

    A Japanese name, or a Latin one of two words or more, in capitals or a role ("Satya Nadella",
    "OPERATOR", "Operator"): single capitalised words alone on a line are headings as often.
    Once two names recur, a role or a full name that stands once is a speaker too ("Operator"
    opening a call, an analyst asking one question).
    """
    alone = [_alone_name(ln, plausible) if 0 < len(ln) <= _ALONE_MAX else None for ln in lines]
    found: dict[int, str] = {}
    for i, name in enumerate(alone[:-1]):
        if name and i not in taken and lines[i + 1] and not alone[i + 1]:
            found[i] = name
    counts = Counter(found.values())
    recurring = {n for n, k in counts.items() if k >= _MIN}
    if len(recurring) < 2 or not _take_turns([found[i] for i in sorted(found) if found[i] in recurring]):
        return {}
    return {i: DocLabel(name, len(lines[i])) for i, name in found.items() if name in recurring or _once(name)}


def _once(name: str) -> bool:
    """A name alone that stands once is a speaker when it is a role or a Latin full name, not a section's heading."""
    if _ROLE_WORD.match(name):
        return True
    return name.isascii() and len(name.split()) >= 2 and not _SECTION.search(name)


def _alone_name(line: str, plausible: Callable[[str], bool]) -> str | None:
    m = _ALONE.match(line)
    if m:
        name = m.group("a") or m.group("b") or m.group("c")
        return name if _NAME_CHAR.search(name) else None
    m = _ALONE_LATIN.match(line)
    if not m or not line[-1].isalpha() or not plausible(line):
        return None
    return line if len(line.split()) >= 2 or line.isupper() or _ROLE_WORD.match(line) else None
