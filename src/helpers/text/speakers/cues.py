"""Cues in a dialogue's text: what each sentence says about its speaker, what each boundary says about a change.

Emission evidence per sentence (log-odds per person): self-introductions
("I'm X", "私はXです"), names used as address (the person addressed is not
the one speaking), names used in the third person (people rarely talk about
themselves by name), self-reference to the speaker's organisation ("at Meta
we", "当社のNVLink", "メタの皆さん" for the other side;
``data/affiliations.yaml``) and editorial notes (the author's).

Change cues per boundary (a row of :data:`CUE_NAMES`): the kind of break
(paragraph, line, inside a line), a question closing a paragraph, an answer
word opening the next ("そうですね", "Yeah", "Ja"), a paragraph that is just
a question (or opens with questions) or a one-liner, a name used as address at
the end of a paragraph, which hands the floor to the person addressed, and a
paragraph going on from the one before ("And…", "Aber…", "そして、"), which
continues the turn. Styles include the host's welcome and the guest's thanks
("Thanks for having me.", "Great question.").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from ..language import script_lang
from ..safeload import load_yaml
from .handover import HANDOVER_TAIL_CHARS, SHARED, Names, echoes, floor, go_ahead
from .names import (
    _compiled,
    aliases,
    given_names,
    mentions,
    self_introductions,
    shared_forms,
    titled_forms,
    unquoted,
    vocatives,
)
from .openings import _ADDS, _ANSWER_START, _CONTINUES, _JUMPS_IN
from .roles import unnamed_host
from .voice import Unit, _data_file

STYLES = ("question", "long", "other", "moderation", "you", "welcome", "thanks")  # how a sentence is said (dialogue)
# The host's welcome ("Thank you for joining us.", "Our guest tonight…", "Willkommen", "ようこそ") and the guest's
# thanks for the invitation or the question ("Thanks for having me.", "It's great to be here.", "Great question.",
# "Danke für die Einladung.", "お招きいただき", "いい質問"): who invited whom, and who is asked.
_WELCOME = re.compile(
    r"\b(?:welcome (?:to|back|aboard)"
    r"|thanks? (?:you )?(?:so much |very much )?for (?:coming|joining|being (?:here|with us))"
    r"|(?:great|good|nice|wonderful) to have you|willkommen|schön, dass Sie (?:da|hier|bei uns) sind|begrüße"
    r"|(?:our|my) (?:special |next |first )?guests?|please welcome|join me in welcoming"
    r"|unser(?:e|en)? (?:heutiger? )?Gast|heute (?:bei uns )?zu Gast)\b"
    r"|ようこそ|お越しいただ|お迎えして|(?:本日|今日|今回)の(?:ゲスト|お客様)",
    re.IGNORECASE,
)
_GUEST_THANKS = re.compile(
    r"\b(?:thanks? (?:you )?(?:so much |very much )?for (?:having|inviting) (?:me|us)"
    r"|(?:great|good|nice|glad|happy|delighted|pleased|an honou?r|a pleasure|a privilege) to be (?:here|with you|back)"
    r"|thank you for (?:the|that|your) (?:kind |warm |generous )?introduction"
    r"|(?:thank you|thanks) for (?:the|that|your) question|(?:great|good|excellent|fair) question"
    r"|danke (?:schön |sehr )?für die (?:Einladung|Frage)|gute Frage|freue mich, (?:hier|bei Ihnen|dabei) zu sein)\b"
    r"|お招きいただ|呼んでいただ|お呼びいただ|ご紹介いただ|(?:いい|良い)質問|ご質問ありがとう",
    re.IGNORECASE,
)
# What a moderator or operator says: opening the questions, handing over, closing.
_MODERATION = re.compile(
    r"\b(?:(?:next|first|last|final|following) question|question (?:comes|is) from|open (?:up )?the (?:line|floor)"
    r"|time for (?:one|a) (?:more|last|final)|concludes (?:today's|our|the|this)|thank you (?:all )?for joining"
    r"|your line is open|(?:nächste|letzte|erste) Frage|Frage kommt von|damit (?:sind wir|schließen wir|endet)"
    r"|vielen Dank (?:fürs|für das) Zuhören|zum Schluss|one last question|to close"
    r"|(?:please )?join me in thanking|(?:we are|we're) (?:out of|almost out of) time|all the time we have"
    r"|thank you (?:so much |very much )?for (?:this|the|that) (?:conversation|discussion)"
    r"|(?:vielen |herzlichen )?Dank für (?:das|dieses) Gespräch"
    r"|(?:let's|let us) (?:go|turn) to (?:the )?(?:members|audience|floor|room)|open (?:it|this) up (?:to|for)"
    r"|öffnen wir (?:die Runde|das Gespräch)|Fragen aus dem (?:Publikum|Saal))\b"
    r"|次の質問|最初の質問|ご質問の方|以上で(?:終了|終わり)|質疑応答に移|会場(?:の皆さん)?から(?:の)?(?:ご)?質問|^最後に|お二人|お二方|お三方|御三方|皆さん、ありがとう",
    re.IGNORECASE,
)
# Words that invite someone else to speak (beside questions and address by name).
_INVITES = re.compile(
    r"ようこそ|お迎え|お招き|よろしくお願いします|お願いします|どうぞ|ください|下さい|お聞かせ|"
    r"\b(?:welcome|thanks? (?:you )?(?:so much |very much )?for (?:coming|joining|being)"
    r"|(?:great|good|nice) to have you"
    r"|joins? us|joining us|go ahead|please|tell (?:us|me)|give us|talk (?:to )?us (?:about|through)|walk us through"
    r"|bitte|erzählen Sie|sagen Sie (?:uns|mal)"
    r"|your line is open|kick us off|start us off|take it away"
    r"|willkommen|begrüße|schön, dass|zu Gast|am Telefon|guten (?:morgen|tag|abend))\b",
    re.IGNORECASE,
)
# A question ("…でしたか。", "いかがでしょう。"), a request to tell ("教えてください。"), a prompt trailing off
# ("伺いましたが……。") or one on hearsay ("…変わってきていると聞きました。"): each hands the floor over.
_QUESTION_END = re.compile(
    r"(?:[?？]|(?:です|ます|でした|ました)か(?:ね)?[。.]?|でしょうか[。.]?|ませんか[。.]?"
    r"|(?:いかが|どう)(?:でしょう|ですか)(?:ね)?[。.]?"
    r"|(?:教えて|お聞かせ|聞かせて|説明して)(?:ください|下さい)[。.]?|(?:が|けど|けれど|けれども)(?:…|‥|\.\.\.){1,3}[。.]?"
    r"|(?:伺|うかが|お聞きし|お尋ねし|聞かせていただき)(?:って|い|て)?(?:いき)?たい(?:と思います|と思っています|のですが|んですが|です)?[。.]?"
    r"|(?:と|って)(?:聞きました|聞いています|聞いてます|伺いました|伺っています|聞きますが|言われています)[。.]?)"
    r"[\s」』)）]*$"
)
# A statement that asks the other person (the question follows in words, not with a question mark):
# "Let me ask you about…", "I'd like to ask you…", "Ich möchte Sie fragen…", "I understand you…" (hearsay put to
# the person it is about).
_ASKS_YOU = re.compile(
    r"\b(?:let me (?:start (?:off )?by |begin by )?ask(?:ing)? you"
    r"|I(?:'d| would) (?:like|love) to (?:start by )?ask(?:ing)? you"
    r"|I want to (?:start (?:off )?by |begin by )?ask(?:ing)? you|I wonder(?:ed)? if you (?:can|could|would)"
    r"|I (?:understand|hear|heard|read|am told|'m told|was told) (?:that )?you"
    r"|ich habe gehört, dass Sie|man hört, (?:dass )?Sie"
    r"|my (?:first|next|last|final) question (?:is|would be|for you)|"
    r"(?:ich )?möchte (?:Sie|ich Sie) (?:fragen|gern fragen)|lassen Sie mich (?:Sie )?fragen|"
    r"ich würde (?:gern|gerne) von Ihnen wissen|"
    r"meine (?:erste|nächste|letzte) Frage (?:ist|lautet|an Sie))\b"
    r"|(?:お聞き|お伺い|伺い|うかがい)したいのは",
    re.IGNORECASE,
)
_AUDIENCE = re.compile(
    r"皆さん|みなさん|皆様|みなさま|会場の|\b(?:everyone|everybody|folks|ladies and gentlemen|guys)\b|"
    r"\b(?:meine Damen und Herren|liebe Zuschauer|alle zusammen)\b",
    re.IGNORECASE,
)
_EDITORIAL = re.compile(
    r"本稿|本記事|日本語訳|訳注|訳者|内容の精査|ご承知おき|この記事|書き起こし|を翻訳|翻訳した|翻訳です|翻訳しています|"
    r"\bthis (?:article|transcript|translation|post)\b|\btranscribed\b|\bedited for\b|\btranslated\b|"
    r"\bdieser (?:Artikel|Beitrag)\b|\bÜbersetzung\b|\bübersetzt\b|\bTranskript\b",
    re.IGNORECASE,
)

# Log-odds of a speaker change at a boundary before a sentence: a base rate
# per kind of boundary (paragraph break ~1 in 4, line break inside a
# paragraph ~1 in 50, inside a line ~1 in 100) plus what each cue adds.
# These are the starting values; each conversation re-weighs them (EM).
CUE_NAMES = (
    "block",
    "line",
    "sent",
    "question",
    "answer",
    "asks",
    "asks_long",
    "short",
    "after_short",
    "handed",
    "question_answer",
    "replies",
    "echo",
    "question_inline",
    "handed_inline",
    "asks_again",
    "opening",
    "asks_named_inline",
    "continues",
    "tag_back",
    "answer_goes_on",
)
CUE_WEIGHTS = np.array(
    [
        math.log(0.25 / 0.75),
        math.log(0.02 / 0.98),
        math.log(0.01 / 0.99),
        2.0,  # the paragraph before ends in a question
        1.5,  # the paragraph opens like an answer ("そうですね", "Yeah", "Ja")
        2.0,  # the paragraph is a question: questions mostly come from the other party
        0.5,  # a longer paragraph ending in a question (may be a rhetorical turn)
        1.5,  # the paragraph is a one-liner (back-channel or short reply)
        0.5,  # the paragraph follows a one-liner
        3.0,  # the paragraph before ends by addressing someone by name
        3.5,  # inside a paragraph: a question, then an answer word
        3.0,  # the sentence opens by thanking or answering someone by name ("Thanks, Tom.")
        5.0,  # a short reaction taking up a figure of the sentence before ("Four hundred.", "7割ですか。")
        1.0,  # inside a paragraph: a question, then a statement (a rhetorical one as often)
        3.5,  # inside a paragraph: the sentence before hands the floor to someone by name
        -5.0,  # a question after a question: the same person asking on (multi-part), not an answer
        -3.0,  # nobody has been invited to speak yet: whoever opens goes on (a host's introduction)
        3.0,  # inside a paragraph: a question that names the person asked ("瀬戸さんご自身の…は何ですか。")
        -1.5,  # the paragraph opens by going on ("And…", "But…", "Aber…", "そして、", "でも、") after no question
        2.0,  # after a statement closed by a tag question ("…, right?", "…oder?", "わかる?") and a one-line reply
        -0.7,  # an answer going on into a second paragraph without a cue (two people, one paragraph per turn)
    ]
)
W_THANKED = 2.5  # the person a reply thanks by name ("Thanks, Tom.") said the sentence before
W_SELF_INTRO = 5.0
W_ADDRESSED = -4.0
W_MENTIONED = -1.2
W_AFFILIATION = 2.0
AFFILIATION_REACH = 24  # characters between an organisation's name and the pronoun that claims it
W_AUTHOR_BASE = -3.0
W_AUTHOR_EDITORIAL = 6.0
LONG_CHARS = 40
LINE_TURNS_MIN = 3  # line breaks between sentences before a layout of one utterance per line is considered
LINE_TURNS_WRAPPED = 0.1  # at most this many line breaks inside sentences per one between them


# --- affiliations --------------------------------------------------------------


@lru_cache(maxsize=1)
def _affiliation_table() -> dict[str, tuple[str, ...]]:
    raw = load_yaml(_data_file("affiliations.yaml"))
    return {str(k): tuple(str(t) for t in v) for k, v in (raw.get("people") or {}).items()}


_WE = re.compile(
    r"私たち|わたしたち|我々|われわれ|僕ら|僕たち|うち|弊社|当社|\b(?:we|our|us|ours)\b|\b(?:wir|unser\w*|uns)\b",
    re.IGNORECASE,
)
_YOU_ADDRESS = re.compile(r"あなた|御社|\b(?:your|yours)\b|\b(?:Sie haben|Ihr(?:e|en|er|em)?)\b")
_YOU = re.compile(
    r"あなた|君たち|あなた方|御社|皆さん|\b(?:you|your|yours)\b|\b(?:Sie|Ihr\w*|du|dein\w*|euch|euer\w*)\b"
)


def _affiliated(s: str, speakers: list[str]) -> dict[str, float]:
    """speaker -> evidence from self-reference ("at Meta we") or address ("your GPUs")."""
    table = _affiliation_table()
    out: dict[str, float] = {}
    pronouns = [(m.start(), 1.0) for m in _WE.finditer(s)] + [(m.start(), -1.0) for m in _YOU.finditer(s)]
    if not pronouns:
        return out
    japanese = script_lang(s) == "ja"
    for name in speakers:
        score = 0.0
        terms = table.get(name, ())
        if terms:
            for m in _compiled(tuple((t, name) for t in terms), "mention").finditer(s):
                # The nearest pronoun decides: "私たちは…メタ" is one's own side,
                # "あなたが FAIR を始めた" / "メタの皆さん" the other's.
                # In English and German a pronoun far from the name belongs to another phrase ("our Vision
                # Fund bought 4.9% of NVIDIA", "most of you do not know that Masa owned NVIDIA"); a Japanese
                # topic ("私たちは…") governs the whole sentence.
                near = min(pronouns, key=lambda p: abs(p[0] - m.start()))
                if japanese or abs(near[0] - m.start()) <= AFFILIATION_REACH:
                    score += near[1]
        if score:
            out[name] = max(-1.0, min(1.0, score))
    return out


# --- what each sentence says about its speaker -----------------------------------


@dataclass(frozen=True)
class Evidence:
    """What the sentences of a dialogue say, read once before decoding (one row or item per sentence)."""

    emit: np.ndarray  # n x (speakers + author): log-odds that each speaker (the author last) says the sentence
    questions: np.ndarray  # the sentence ends in a question, not one put to the audience
    answers: np.ndarray  # the sentence opens like an answer
    style: np.ndarray  # an index into STYLES
    asks_next: list[set[str]]  # the speakers the sentence hands the floor to
    asks_inline: list[set[str]]  # those it asks or announces (a handover even inside a paragraph)
    addressed: list[set[str]]  # the speakers it addresses by name (not in a reply: "Thanks, Tom.")
    invites: np.ndarray  # the sentence asks, addresses, announces or welcomes someone: the floor may pass
    replies: np.ndarray  # the sentence opens by thanking or answering someone by name
    echo: np.ndarray  # the sentence is a short reaction taking up the sentence before
    continues: np.ndarray  # the sentence opens by going on from the one before ("And…", "Aber…", "そして、")


def _style(s: str, question: bool) -> int:
    """The kind of sentence ``s`` is, as an index into ``STYLES`` (the first that applies)."""
    if _MODERATION.search(s):
        return STYLES.index("moderation")
    if _GUEST_THANKS.search(s):
        return STYLES.index("thanks")
    if _WELCOME.search(s):
        return STYLES.index("welcome")
    if question:
        return STYLES.index("question")
    if _YOU_ADDRESS.search(s):
        return STYLES.index("you")
    return STYLES.index("long" if len(s.strip()) >= LONG_CHARS else "other")


def sentence_evidence(units: list[Unit], speakers: list[str]) -> Evidence:
    """The :class:`Evidence` of every unit; ``emit`` has one column per speaker, in order, then the author's."""
    alias = aliases(speakers)
    given = given_names(speakers)
    for title, name in titled_forms([u.text for u in units], speakers).items():
        given.setdefault(title, name)
    holders = shared_forms(speakers)
    names = Names(alias, given, {form: SHARED + form for form in holders}, holders)
    people = list(speakers)
    n = len(units)
    emit = np.zeros((n, len(people) + 1))  # the author's column last
    asks_next: list[set[str]] = []
    asks_inline: list[set[str]] = []
    addressed_by: list[set[str]] = []
    questions = np.zeros(n, dtype=bool)
    style = np.zeros(n, dtype=int)
    answers = np.zeros(n, dtype=bool)
    replies = np.zeros(n, dtype=bool)
    echo = np.zeros(n, dtype=bool)
    continues = np.zeros(n, dtype=bool)
    for i, u in enumerate(units):
        s = unquoted(u.text)
        e = emit[i]
        intro = self_introductions(s, alias)
        for name in intro:
            e[people.index(name)] += W_SELF_INTRO
        addressed = vocatives(s, given)
        for name in addressed:
            e[people.index(name)] += W_ADDRESSED
        for name in mentions(s, alias) - set(addressed) - intro:
            e[people.index(name)] += W_MENTIONED
        for name, v in _affiliated(s, people).items():
            e[people.index(name)] += W_AFFILIATION * v
        # A question to the audience ("皆さん、…座っていただけますか?") hands nothing over.
        # A request for the floor ("Marcus, can I come in there?") asks leave, not an answer: the asker goes on.
        jumps_in = bool(_JUMPS_IN.search(s))
        questions[i] = bool(_QUESTION_END.search(s.rstrip()) or _ASKS_YOU.search(s)) and not _AUDIENCE.search(s)
        questions[i] = questions[i] and not jumps_in
        adds = bool(_ADDS.search(s)) or jumps_in
        answers[i] = bool(_ANSWER_START.search(s)) or adds
        continues[i] = bool(_CONTINUES.search(s)) and not adds
        style[i] = _style(s, bool(questions[i]))
        e[-1] += W_AUTHOR_BASE + (W_AUTHOR_EDITORIAL if _EDITORIAL.search(s) else 0.0)
        nxt, inline, addressed_here, spoke_before = floor(s, addressed, names)
        asks_next.append(nxt)
        asks_inline.append(inline)
        if i and go_ahead(s) and units[i - 1].line == u.line:
            # "…comes from Matthew Cost. Your line is open.": the announcer goes on; the floor passes after it
            asks_next[i] |= asks_next[i - 1]
            asks_inline[i] |= asks_inline[i - 1]
            asks_inline[i - 1] = set()
        addressed_by.append(addressed_here)
        replies[i] = bool(spoke_before)
        if i:
            for name in spoke_before:
                emit[i - 1, people.index(name)] += W_THANKED
        echo[i] = i > 0 and echoes(s, unquoted(units[i - 1].text))
    unnamed_host(units, people, alias, addressed_by, emit)
    invites = np.array(
        [
            bool(questions[i] or asks_next[i] or (_INVITES.search(t) and not _AUDIENCE.search(t)))
            for i, t in enumerate(unquoted(u.text) for u in units)
        ],
        dtype=bool,
    )
    return Evidence(
        emit,
        questions,
        answers,
        style,
        asks_next,
        asks_inline,
        addressed_by,
        invites,
        replies,
        echo,
        continues,
    )


# --- what each boundary says about a change of speaker ---------------------------------


def _short(s: str) -> bool:
    s = s.strip()
    if script_lang(s) == "ja":
        return len(s) <= 14
    return len(s.split()) <= 4


def _lines_are_turns(units: list[Unit]) -> bool:
    """Is the text laid out one utterance per line with no blank lines between
    turns (ASR output, caption-derived text)? Then every line break falls
    between sentences; where lines wrap prose, many sentences run on across a
    line break ("まず第一に、\nここに来られて…") and a line is no turn."""
    between = sum(a.block_id == b.block_id and a.line != b.line for a, b in pairwise(units))
    inside = sum(u.text.strip().count("\n") for u in units)
    return between >= LINE_TURNS_MIN and inside <= LINE_TURNS_WRAPPED * between


def _boundaries(units: list[Unit]) -> list[str]:
    """The kind of boundary before each unit: block (a paragraph break, or a
    line break in a one-utterance-per-line text), line, sent."""
    line_kind = "block" if _lines_are_turns(units) else "line"
    out = ["block"]
    for a, b in pairwise(units):
        out.append("block" if a.block_id != b.block_id else (line_kind if a.line != b.line else "sent"))
    return out


@dataclass(frozen=True)
class TurnUnits:
    """The turn units of a dialogue (paragraphs, or lines where a text has one utterance per line)."""

    seg: list[int]  # the turn unit of each sentence
    asks: dict[int, bool]  # the unit's last sentence is a question
    sentences: dict[int, int]  # how many sentences the unit has
    short: dict[int, bool]  # the unit is a one-liner


def turn_units(units: list[Unit], bounds: list[str], questions: np.ndarray) -> TurnUnits:
    """Group the sentences by the turn unit they belong to (a "block" boundary starts one)."""
    seg = np.cumsum([b == "block" for b in bounds]).tolist()
    block_text: dict[int, str] = {}
    block_asks: dict[int, bool] = {}
    block_sentences: dict[int, int] = {}
    block_questions: dict[int, int] = {}
    opens_asking: dict[int, bool] = {}
    for i, u in enumerate(units):
        block_text[seg[i]] = block_text.get(seg[i], "") + u.text
        block_asks[seg[i]] = bool(questions[i])
        block_sentences[seg[i]] = block_sentences.get(seg[i], 0) + 1
        block_questions[seg[i]] = block_questions.get(seg[i], 0) + bool(questions[i])
        opens_asking.setdefault(seg[i], bool(questions[i]))
    for k, n in block_sentences.items():
        # A paragraph that opens with a question and is mostly questions asks, even when it closes on a remark
        # ("So why did you come in 2004? What attracted you? Search was no big deal then.").
        block_asks[k] = block_asks[k] or (opens_asking[k] and 2 * block_questions[k] >= n)
    block_short = {k: _short(t) for k, t in block_text.items()}
    return TurnUnits(seg, block_asks, block_sentences, block_short)


def _handed(units: list[Unit], seg: list[int], ev: Evidence, i: int) -> set[str]:
    """The people addressed in the last sentences of the turn unit before unit ``i``: they are handed the floor
    ("Mark, thanks for coming on." / "…、マーク。"). A unit that ends in a question hands it to whoever it
    addresses ("Tom, you raised the range again. Can you walk us through it?")."""
    handed: set[str] = set()
    j, after = i - 1, 0
    while j >= 0 and seg[j] == seg[i - 1] and after <= HANDOVER_TAIL_CHARS:
        handed |= ev.asks_next[j]
        after += len(units[j].text.strip())
        j -= 1
    if ev.questions[i - 1]:
        # A host's long question names whom it is for anywhere in it ("Michael, a thousand new customers in a
        # year. That is a big jump. What are they building?"): the one named answers.
        j = i - 1
        while j >= 0 and seg[j] == seg[i - 1]:
            handed |= ev.addressed[j]
            j -= 1
    return handed


def _para_start(seg: list[int], i: int) -> int:
    """The first unit of unit ``i``'s paragraph."""
    while i > 0 and seg[i - 1] == seg[i]:
        i -= 1
    return i


def _para_end(seg: list[int], i: int) -> int:
    """One past the last unit of unit ``i``'s paragraph."""
    while i < len(seg) and seg[i] == seg[i - 1 if i else 0]:
        i += 1
    return i


def _setup_names(seg: list[int], ev: Evidence, i: int) -> set[str]:
    """Whom the paragraph before unit ``i`` opens, or closes, by addressing."""
    if not i:
        return set()
    a = _para_start(seg, i - 1)
    return ev.addressed[a] or (ev.addressed[i - 1] - ev.asks_next[i - 1])


def _sets_up(seg: list[int], ev: Evidence, i: int) -> bool:
    """Does the paragraph before unit ``i`` open by addressing someone by name and ask nothing ("Jensen, for four
    years you told me…", "Herr Müller, Sie haben…", "マサ、あなたは…"), or close so after an opening of its own
    ("Good morning. I'm Marcus Mabry… Richard, the report card graded ten challenges.")? It sets up the question
    that follows."""
    if i == 0 or ev.emit.shape[1] <= 3:  # with two people (and the author) the one addressed is the only other
        return False
    a = _para_start(seg, i - 1)
    closing = ev.addressed[i - 1] - ev.asks_next[i - 1]  # not a hand-over ("Take it away, Jimi.")
    return bool(ev.addressed[a] or closing) and not any(ev.questions[a:i]) and not ev.replies[a]


# Cues that stop an answer from going on into the next paragraph, and changes of voice inside a paragraph.
ANSWER_STOPS = tuple("question answer asks asks_long short after_short handed replies echo continues".split())
INLINE_CHANGES = ("question_answer", "question_inline", "handed_inline", "asks_named_inline", "replies", "echo")


def _tagged(units: list[Unit], seg: list[int], ev: Evidence, i: int) -> bool:
    """Does the paragraph before unit ``i``'s paragraph end on a short tag question after a statement ("…, right?",
    "…oder?", "…わかる?") rather than on a question put in full?"""
    a = i
    while a > 0 and seg[a - 1] == seg[i]:
        a -= 1
    last = a - 1  # the last unit of the paragraph before
    if last < 0 or not ev.questions[last] or not _short(units[last].text):
        return False
    k = last - 1
    while k >= 0 and seg[k] == seg[last]:
        if not ev.questions[k]:
            return True
        k -= 1
    return False


# A one-liner that reacts or greets back beside the answer words: "Good afternoon.", "Absolutely.", "Of course.",
# "Guten Tag.", "Klar.", "こんにちは。", "もちろん。", "そうです。"
_REACTS = re.compile(
    r"^\s*(?:(?:good (?:morning|afternoon|evening)|morning|afternoon|evening|hi|hello|hey|absolutely|totally|of course"
    r"|indeed|true|amazing|incredible|wonderful|fantastic|terrific|nice|mhm|uh-huh|hmm|ah|ha|exactly|precisely"
    r"|(?:that'?s|that is) (?:exactly |absolutely |so |very )?"
    r"(?:right|true|it|great|amazing|incredible|fascinating|fair)"
    r"|fair enough|me too|not at all|never|really|genau|stimmt|exakt"
    r"|guten (?:morgen|tag|abend)|hallo|servus|richtig|klar|natürlich|absolut|toll|super|wunderbar|spannend|ach|aha"
    r"|sicher|keineswegs|eben)\b"
    r"|(?:こんにちは|こんばんは|おはよう(?:ございます)?|どうも|へえ|ほう|本当(?:ですか|に)|そうです|違います|もちろん|いいね|最高)"
    r"(?=[、。，,！!？?…\s]|$))",
    re.IGNORECASE,
)


def _responds(ev: Evidence, i: int, asked: bool, text: str) -> bool:
    """Does the one-line paragraph opening with unit ``i`` respond to the paragraph before: a reaction or answer
    word ("Great.", "ああ、ラマだ。", "Genau."), a figure taken up, a reply by name, or any line after a question or
    a remark put to the other person (``asked``: "You sold 40,000 copies." / "It surprised us all."), unless it
    goes on with the paragraph before ("Second, …", "そして3つ、…")?"""
    if ev.continues[i]:
        return False
    return bool(asked or ev.answers[i] or ev.echo[i] or ev.replies[i] or _REACTS.search(text))


def change_cues(units: list[Unit], ev: Evidence) -> tuple[np.ndarray, list[set[str]]]:
    """Per boundary between two units: which cues hold there (a row of :data:`CUE_NAMES`) and the people handed
    the floor."""
    n = len(units)
    bounds = _boundaries(units)
    turns = turn_units(units, bounds, ev.questions)
    seg = turns.seg
    features = np.zeros((max(n - 1, 0), len(CUE_NAMES)))
    handovers: list[set[str]] = []
    invited = np.cumsum(ev.invites) > 0  # someone has been invited to speak by the end of each sentence
    entered_asked = False  # the paragraph before answers: entered after a question, with one voice so far
    responded: dict[int, bool] = {}  # a one-line paragraph responds to the one before (see _responds)
    for i in range(1, n):
        b = bounds[i]
        x = features[i - 1]
        x[CUE_NAMES.index(b)] = 1.0
        handed: set[str] = set()
        x[CUE_NAMES.index("replies")] = ev.replies[i]
        x[CUE_NAMES.index("echo")] = ev.echo[i]
        if b == "block":
            # the paragraph before ends in a question or an invitation ("Thank you for being here, Jon.")
            x[CUE_NAMES.index("question")] = ev.questions[i - 1] or ev.invites[i - 1] or turns.asks[seg[i - 1]]
            x[CUE_NAMES.index("answer")] = ev.answers[i]
            x[CUE_NAMES.index("opening")] = not invited[i - 1] and not ev.answers[i]
            # (after a one-liner the floor goes back instead: "わかる?" / "そうだね。" / "だから、…")
            x[CUE_NAMES.index("continues")] = (
                ev.continues[i] and not x[CUE_NAMES.index("question")] and not turns.short[seg[i - 1]]
            )
            if turns.asks[seg[i]]:
                # A paragraph that is just a question is someone else's; a long one
                # ending in a question may be a speaker's rhetorical turn.
                x[CUE_NAMES.index("asks" if turns.sentences[seg[i]] <= 2 else "asks_long")] = 1.0
                # a question paragraph right after a question: the asker going on (a multi-part question)
                x[CUE_NAMES.index("asks_again")] = ev.questions[i - 1] and ev.questions[i]
            # A very short paragraph that responds (a reaction or answer word, a question, a figure taken up, a
            # reply after a question) is a back-channel or a one-line reply: it most likely changes the speaker, and
            # the floor may go back after it. One that does not respond ("この3つは同時に真実である。", an item of a
            # list laid out a line each) is no reply: it goes on as any paragraph does.
            if turns.short[seg[i]]:
                before = unquoted(units[i - 1].text)
                asked = bool(x[CUE_NAMES.index("question")] or turns.asks[seg[i]])
                to_you = _YOU.search(before) or _YOU.search(before[:1].lower() + before[1:])  # "You sold…"
                asked = asked or bool(to_you and not _AUDIENCE.search(before))
                responded[seg[i]] = _responds(ev, i, asked, unquoted(units[i].text))
                x[CUE_NAMES.index("short")] = responded[seg[i]]
            elif turns.short[seg[i - 1]]:
                x[CUE_NAMES.index("after_short")] = responded.get(seg[i - 1], True)
            handed = _handed(units, seg, ev, i)
            if turns.asks[seg[i]] and _sets_up(seg, ev, i):
                # "Jensen, for four years you told me…" / "What is your reading of that?": the host asks on
                x[CUE_NAMES.index("question")], handed = 0.0, set()
                x[CUE_NAMES.index("asks_again")] = not any(ev.addressed[i : _para_end(seg, i)])
            elif turns.asks[seg[i - 1]] and not handed and i >= 2 and _sets_up(seg, ev, _para_start(seg, i - 1)):
                handed = _setup_names(seg, ev, _para_start(seg, i - 1))  # the question's answer: whom it set up
            x[CUE_NAMES.index("handed")] = bool(handed)
            x[CUE_NAMES.index("tag_back")] = turns.short[seg[i - 1]] and _tagged(units, seg, ev, i - 1)
            quiet = not any(x[CUE_NAMES.index(c)] for c in ANSWER_STOPS)
            x[CUE_NAMES.index("answer_goes_on")] = entered_asked and quiet
            entered_asked = bool(x[CUE_NAMES.index("question")] or (entered_asked and quiet))
        else:
            x[CUE_NAMES.index("question_answer")] = ev.questions[i - 1] and ev.answers[i]
            x[CUE_NAMES.index("question_inline")] = ev.questions[i - 1] and not ev.questions[i]
            handed = ev.asks_inline[i - 1]
            x[CUE_NAMES.index("handed_inline")] = bool(handed)
            x[CUE_NAMES.index("asks_named_inline")] = bool(ev.questions[i] and ev.addressed[i])
            if any(x[CUE_NAMES.index(c)] for c in INLINE_CHANGES):
                entered_asked = False  # a second voice inside the paragraph (a run-on layout): no longer one answer
        handovers.append(handed)
    return features, handovers
