"""How the floor passes between speakers: announcements, replies that thank by name, echoes.

Pure functions over one sentence (or two neighbouring ones), in English,
German and Japanese:

* :func:`announced`: the people a sentence hands the floor to by naming them
  ("Our first question comes from Kevin Walsh.", "Priya can give the
  detail.", "Am Telefon ist der frühere Minister Wolfgang Clement.",
  "鈴木さん、お願いします。"). A moderator, an operator or a host speaks so;
  the person named speaks next.
* :func:`thanked`: the people a reply opens by thanking or answering by name
  ("Thanks, Tom.", "Sure, Kevin.", "Guten Morgen, Herr Müller.",
  "田中さん、ありがとうございます。"): the person named spoke just before.
* :func:`go_ahead`: an operator's or moderator's formula after an announcement ("Your line is open.", "Please
  go ahead.", "Bitte sehr.", "どうぞ。"): the announcer still speaking, the floor passes after it.
* :func:`echoes`: a short sentence that takes up a figure or word of the one
  before ("Four hundred.", "10万基ですか。", "1兆円。"): someone else reacting.
* :func:`floor`: all of it for one sentence: whom it hands the floor to, addresses, or answers by name, a name two
  speakers share ("David", "Dave") standing for both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..language import script_lang
from .names import _compiled, vocatives
from .openings import _JUMPS_IN, _REMARK_TO

# Text right before a name that hands the floor to that name (no sentence end in between).
_HANDS_TO = re.compile(
    r"(?:\bquestions? (?:comes?|is|will come) from|\bnext (?:question|caller) is(?: from)?|\bwe(?:'ll| will) go to"
    r"|\b(?:over|back) to(?: you,)?|\bhand(?:ing)?(?: it| things)?(?: over| back)? to|\bturn(?: it| the call)? over to"
    r"|\b(?:I'?ll|I will|I'd|we'?ll|we will|let me) let|\blasse ich|\bbring in|\bgo(?:ing)? to"
    r"|\bjoining (?:us|me)(?: now| today)?(?: is| are)?|\bwith us (?:now|today) is"
    r"|\bFrage kommt von|\bübergebe(?: ich)?(?: das Wort)? an|\bdas Wort hat|\bam Telefon (?:ist|begrüße ich)"
    r"|\bbegrüße ich|\bzugeschaltet ist|\bbei mir im Studio ist|次の質問は|続いて|それでは|では)",
    re.IGNORECASE,
)
_HANDS_TO_WINDOW = 60  # how far before a name the announcing words may stand ("…ist der frühere Minister X")
# Text right after a name that hands the floor to it ("Priya can give the detail", "鈴木さん、お願いします").
_HANDED_AFTER = re.compile(  # whitespace runs bounded: the pattern is tried at every name, in linear time
    r"(?:\s{1,3}(?:can|will|could|may|is going to|wants to|would like to) (?:give|take|answer|add|speak|talk|walk"
    r"|address|comment|say|tell|explain|go into|cover)\b"
    r"|\s{0,3},\s{0,3}(?:go ahead|your line is open|please go ahead|bitte|Sie haben das Wort)"
    r"|\s{1,3}(?:kann|wird|möchte)\s{1,3}(?:das|dazu|etwas)"
    r"|(?:さん|氏|先生)?(?:から|に)?、?(?:お願いします|お願いできますか|どうぞ|お聞きします|伺います"
    r"|から(?:お答え|回答|ご説明|説明)(?:します|いたします|させていただきます)))",
    re.IGNORECASE,
)
_REPLY_WORDS = re.compile(
    r"^\s{0,3}(?:thanks(?: a lot| so much| very much)?|thank you(?: so much| very much)?|sure|great question"
    r"|good question|yes|yeah|right|absolutely|of course|hi|hello|hey"
    r"|good (?:morning|afternoon|evening)|danke|vielen dank|ja|gerne|guten (?:morgen|tag|abend)|hallo"
    r"|ありがとう|はい|ええ|そうですね|こんにちは|よろしくお願いします)\b[\s,.!、。]{0,3}",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?。！？]")
# Thanks right after the name that opens the sentence: "田中さん、(本日は)ありがとうございました。", "Daniel, thank
# you.", "Herr Weber, vielen Dank." (a welcome, "Jon, thank you for being here", is no reply).
_THANKS_AFTER_NAME = re.compile(
    r"(?:さん|先生|氏)?[、,]?\s{0,2}(?:本日は|今日は|今回は|どうも)?(?:ありがとうございま|ありがとう)"
    r"|,\s{0,2}(?:thank you|thanks|danke|vielen dank)\b"
    # not a welcome: "Jon Stewart, thank you for being here." thanks the guest before they have said anything
    r"(?!\s{1,2}(?:(?:so|very) much\s{1,2})?(?:for|für)\s{1,2}"
    r"(?:being|joining|coming|taking|having|Ihr Kommen|Ihren Besuch))",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d[\d,.]*|[一二三四五六七八九十百千万億兆]+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{4,}|[ァ-ヺー]{3,}|[一-龯]{2,}")
HANDOVER_TAIL_CHARS = 40  # a vocative this close to the end of a paragraph hands the floor over
ECHO_WORDS = 5  # an echo has at most this many words
ECHO_CHARS_JA = 14  # or characters, in Japanese


def _name_spans(s: str, alias: dict[str, str]) -> list[tuple[int, int, str]]:
    out = []
    for m in _compiled(tuple(sorted(alias.items())), "mention").finditer(s):
        name = alias.get(m.group(0)) or alias.get(m.group(0).lower())
        if name:
            out.append((m.start(), m.end(), name))
    return out


def announced(s: str, alias: dict[str, str]) -> set[str]:
    """The people ``s`` hands the floor to by naming them with announcing words before or after the name."""
    found: set[str] = set()
    for start, end, name in _name_spans(s, alias):
        before = s[max(0, start - _HANDS_TO_WINDOW) : start]
        ends = [m.end() for m in _HANDS_TO.finditer(before)]
        if (ends and not _SENTENCE_END.search(before, ends[-1])) or _HANDED_AFTER.match(s, end):
            found.add(name)
    return found


def thanked(s: str, given: dict[str, str]) -> set[str]:
    """The people a sentence opens by answering or thanking by name ("Thanks, Tom.", "Guten Morgen, Herr Müller.",
    "田中さん、ありがとうございます。", "Daniel, thank you."): they spoke just before."""
    found: set[str] = set()
    spans = _name_spans(s, given)
    m = _REPLY_WORDS.match(s)
    if m:
        for start, _, name in spans:
            if start <= m.end() + len("Herr "):  # the name right after the reply words
                found.add(name)
    for start, end, name in spans:
        if start <= 1 and _THANKS_AFTER_NAME.match(s, end):
            found.add(name)
    return found


_GO_AHEAD = re.compile(
    r"^\s{0,3}(?:(?:please\s{1,3})?(?:go ahead|proceed)(?:,?\s{1,3}please)?|your line is(?: now)? open"
    r"|(?:bitte(?: sehr| schön)?,?\s{0,3})?(?:Sie haben das Wort|Ihre Frage(?:,? bitte)?)|bitte(?: sehr| schön)?"
    r"|(?:それでは、?)?(?:どうぞ|お願いします)(?:、?お願いします)?)[\s.!。！]{0,3}$",
    re.IGNORECASE,
)


def go_ahead(s: str) -> bool:
    """Is ``s`` only the formula that opens someone's line after an announcement ("Your line is open.", "Please
    proceed.", "Bitte sehr.", "どうぞ。")? The announcer says it; the person announced speaks after it."""
    return bool(_GO_AHEAD.match(s))


def _short(s: str) -> bool:
    s = s.strip()
    return len(s) <= ECHO_CHARS_JA if script_lang(s) == "ja" else len(s.split()) <= ECHO_WORDS


def echoes(s: str, before: str) -> bool:
    """Is ``s`` a short reaction that takes up a figure or a word of ``before`` ("Four hundred." after "… 400
    interruptions", "7割ですか。" after "…7割を液冷に")?"""
    if not _short(s) or _short(before):
        return False
    numbers = set(_NUMBER.findall(s))
    if numbers & set(_NUMBER.findall(before)):
        return True
    words = {w.lower() for w in _WORD.findall(s)}
    return bool(words) and bool(words & {w.lower() for w in _WORD.findall(before)}) and not numbers


SHARED = "\x01"  # marks a key that stands for every speaker with a shared name (see ``_holders``)


def _holders(keys: Iterable[str], holders: dict[str, frozenset[str]]) -> set[str]:
    """The speakers the shared-name keys ``keys`` stand for."""
    return {name for k in keys for name in holders[k[len(SHARED) :]]}


@dataclass(frozen=True)
class Names:
    """The forms a dialogue's speakers are named and addressed by."""

    alias: dict[str, str]  # any form -> speaker (mentions, announcements)
    given: dict[str, str]  # forms of address -> speaker
    shared: dict[str, str]  # forms two or more speakers share -> a key standing for all of them
    holders: dict[str, frozenset[str]]  # those forms -> the speakers who have them


def floor(s: str, addressed: dict[str, bool], names: Names) -> tuple[set[str], set[str], set[str], set[str]]:
    """Whom sentence ``s`` hands the floor to (at the next paragraph; inside the paragraph too), whom it addresses,
    and whom it answers or thanks by name (they spoke just before). ``addressed``: its vocatives -> whether it asks.

    Addressing someone hands them the floor when the sentence asks or requests something, is a short address
    ("Thanks, Mark.") or a remark put to them ("Sook-Jong, you had…"); "マーク、私たちが今生きているのは…" goes on
    talking to them. A name two speakers share ("Thanks a lot, David.", "Dave, it's early, but…") names one of them:
    each may have spoken before, each may be handed the floor (never the one speaking), none is ruled out.
    """
    short_address = len(s.strip()) <= HANDOVER_TAIL_CHARS
    replied = thanked(s, names.given)  # "Thanks, Tom.": Tom spoke the sentence before, and is handed nothing
    thanked_one_of = _holders(thanked(s, names.shared), names.holders)
    one_of = vocatives(s, names.shared)
    named = announced(s, names.alias)
    remark = bool(_REMARK_TO.match(s))
    hands_one_of = _holders({k for k, asks in one_of.items() if asks or short_address or remark}, names.holders)
    if _JUMPS_IN.search(s):  # "Marcus, can I come in there?": leave asked of Marcus, the asker goes on
        addressed, one_of, named, hands_one_of = {}, {}, set(), set()
    nxt = (
        {name for name, asks in addressed.items() if asks or short_address or remark} - replied
        | named
        | hands_one_of - thanked_one_of
    )
    inline = (
        {name for name, asks in addressed.items() if asks} - replied
        | named
        | _holders({k for k, asks in one_of.items() if asks}, names.holders) - thanked_one_of
    )
    addressed_here = set(addressed) - replied | _holders(one_of, names.holders) - thanked_one_of
    return nxt, inline, addressed_here, replied | thanked_one_of
