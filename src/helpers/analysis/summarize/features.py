"""What a sentence carries besides centrality: quantities, recurring names, its place in the document,
and how much each counts for the document's genre.

The genre is read from the catalog's free-text genre ("article", "earnings call", "podcast
interview", "transcript translation" …) or, without one, from the format and from how many
sentences carry a speaker: never from a document's name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ...claims.quantities.pipeline import find_quantities
from .key_numbers import _VERSION_SURFACE, UNIT_TIERS, _unit_tier, is_calendar_or_version


@dataclass(frozen=True)
class Profile:
    """How one kind of document is summarised: the weight of each feature beside centrality (0 to 1)."""

    kind: str  # written, conversation, interview, talk or call
    lead: float  # the lead: a written text's first sentences, a call's first figures
    cold_open: float  # a show's highlights, before its host welcomes the listener
    close: float  # a talk's closing sentences, where it restates its point
    quantities: float  # sentences stating figures
    names: float  # sentences naming what the document keeps coming back to
    late: float  # penalty for a call's questions and answers, after its prepared remarks
    outlook: float  # sentences giving guidance or an outlook with a figure
    asker: float  # penalty for the interviewer's turns (the speaker asking most questions)
    headline: float = 0.0  # sentences stating a headline result (revenue, earnings per share, net income) with a figure
    part: float = 0.0  # penalty for a result of one segment, region or business rather than the whole company's
    lead_figures: bool = False  # the lead is the first sentences that state figures (a call's headline results)
    header: bool = True  # a labelled transcript's unlabelled opening is a header, not text (else: an author's intro)
    lead_size: int = 3  # how many first sentences the lead holds at least
    intro: float = 0.0  # a host's or interviewer's first turn, where they say who the guest is and what about
    standfirst: float = 0.0  # the share of a summary (rounded up) a labelled transcript's unlabelled opening may give
    answer: float = 0.0  # the first answer's opening sentence: what the guest is there to say
    guest: float = 0.0  # the sentence of a show's introduction naming who else speaks in it (the guest, co-hosts)
    milestone: float = 0.0  # a figure tied to a deadline or a starting year ("zero by 2050", "500-fold since 1975")
    lede: bool = False  # a story's first sentence, what its reporter put first, is always in its summary
    framing: float = 0.0  # a show's opening sentence saying what the episode is about ("In this episode we …")
    thesis: float = 0.0  # a talk's sentence stating the speaker's message ("My message is simple: …")
    # (an interview's: all of it, since the standfirst is the author's own summary; what room it leaves goes to answers)


WRITTEN = Profile(
    "written",
    0.6,
    0.0,
    0.0,
    quantities=0.5,
    names=0.2,
    late=0.0,
    outlook=0.2,
    asker=0.0,
    lede=True,
    headline=0.3,
    part=0.3,
)
CONVERSATION = Profile(
    "conversation",
    0.0,
    0.5,
    0.0,
    quantities=0.7,
    names=0.2,
    late=0.0,
    outlook=0.2,
    asker=0.3,
    intro=0.45,
    guest=0.3,
    answer=0.2,
    framing=0.3,
)
INTERVIEW = Profile(
    "interview",
    0.0,
    0.3,
    0.0,
    quantities=0.3,
    names=0.2,
    late=0.0,
    outlook=0.1,
    asker=0.3,
    intro=0.3,
    standfirst=1.0,
    guest=0.3,
    answer=0.3,
)
TALK = Profile(
    "talk", 0.0, 0.0, 0.4, quantities=0.2, names=0.1, late=0.0, outlook=0.1, asker=0.3, milestone=0.7, thesis=0.5
)
CALL = Profile(
    "call",
    0.4,
    0.0,
    0.0,
    quantities=0.7,
    names=0.1,
    late=0.4,
    outlook=0.5,
    asker=0.3,
    headline=1.0,
    part=0.4,
    lead_figures=True,
)
# Notes and blog posts open with what their author found most important.
# Their takeaways or release list is as long as a summary: five sentences.
NOTES = Profile("notes", 0.9, 0.0, 0.0, quantities=0.5, names=0.2, late=0.0, outlook=0.2, asker=0.0, lead_size=5)
SPOKEN = CONVERSATION  # any other spoken document: captions, ASR output, labelled transcripts
# An article or notes written as a labelled conversation: its unlabelled opening is the author's lead.
WRITTEN_CONVERSATION = Profile(
    "written conversation", 0.6, 0.0, 0.0, quantities=0.7, names=0.2, late=0.0, outlook=0.2, asker=0.3, header=False
)

_CALL_GENRE = re.compile(r"earnings|results\s+call|conference\s+call|investor|analyst\s+call|決算|quartalszahlen", re.I)
_TALK_GENRE = re.compile(r"\btalk|keynote|speech|lecture|presentation|sermon|vortrag|\brede\b|講演|講義|スピーチ", re.I)
_INTERVIEW_GENRE = re.compile(r"interview|gespräch|インタビュー|対談|q\s*&\s*a", re.I)
_SPOKEN_GENRE = re.compile(
    r"podcast|transcript|conversation|panel|video|caption|episode|discussion|hearing|briefing|webinar|"
    r"sendung|folge|番組|配信|動画",
    re.I,
)
_NOTES_GENRE = re.compile(r"notes|write-?up|blog|\bpost\b|memo|メモ|ノート|notizen|mitschrift", re.I)
_WRITTEN_GENRE = re.compile(
    r"article|notes|write-?up|commentary|blog|news|report|essay|release|post|column|summary|記事|artikel|bericht",
    re.I,
)
_SPOKEN_FORMATS = frozenset({"srt", "vtt", "sbv", "json3", "asr-json", "whisper-tsv", "whisper-text"})
# A host's welcome ends a cold open: what comes before it is the show's highlights.
_WELCOME = re.compile(
    r"welcome\s+(?:to|back|everyone|everybody)|today\s+i\s+(?:have|am\s+(?:joined|speaking))|"
    r"(?:this|today)\s+is\s+(?:the|episode)|i'?m\s+your\s+host|joining\s+me\s+today|"
    r"herzlich\s+willkommen|willkommen\s+(?:zu|bei|zur|zum)|ようこそ|始まりました|お届けします",
    re.I,
)
_COLD_OPEN_SHARE = 0.2  # a cold open is at most the first fifth of the sentences
_COLD_OPEN_MIN = 5  # (or the first five, in a short document)
_LEAD_PARAGRAPH = 6  # at most this many sentences of a first paragraph count as the lead
_CLOSE_SHARE = 0.1  # a talk's close: its last tenth


def profile(genre: str | None, fmt: str | None, speaker_share: float) -> Profile:
    """The profile of a document from its catalog genre, else its format and labelled share.

    ``speaker_share`` is the share of sentences that carry a speaker.
    """
    text = genre or ""
    for pattern, prof in ((_CALL_GENRE, CALL), (_TALK_GENRE, TALK), (_INTERVIEW_GENRE, INTERVIEW)):
        if pattern.search(text):
            return prof
    if _SPOKEN_GENRE.search(text):
        return SPOKEN
    if _WRITTEN_GENRE.search(text) or _NOTES_GENRE.search(text):
        # An article written as a labelled conversation reads like one.
        if speaker_share >= 0.5:
            return WRITTEN_CONVERSATION
        return NOTES if _NOTES_GENRE.search(text) else WRITTEN
    if (fmt or "plain") in _SPOKEN_FORMATS or fmt == "transcript" or speaker_share >= 0.5:
        return SPOKEN
    return WRITTEN


def is_show(prof: Profile) -> bool:
    """Whether a document is a show (a podcast, an interview), where a line presenting who else is on is the
    introduction of its guests rather than a call's procedure."""
    return prof.guest > 0


# A date ("recorded on June 10, 2020", "On October 20, 2020, …") is what a summary dates its point
# by: it counts as much as a bare count. A version ("Llama 3.1") is a name, not a figure.
DATE_WEIGHT = 0.3


def figure_weight(surface: str, unit: str | None) -> float:
    """How much one quantity counts as a figure: 1 for money, compute, people and shares
    (``key_numbers.UNIT_TIERS``), 0.6 for other units, 0.3 for a bare count or a date, 0 for a version."""
    if is_calendar_or_version({"surface": surface, "unit": unit}):
        version = (unit or "").lower() == "version" or (not unit and _VERSION_SURFACE.search(surface))
        return 0.0 if version else DATE_WEIGHT
    tier = _unit_tier(unit)
    return 1.0 if tier < len(UNIT_TIERS) else 0.6 if tier == len(UNIT_TIERS) else 0.3


# A change by a factor said in a word ("has to double in size by 2050", "muss sich bis 2050 verdoppeln",
# 「2050年までに倍増」): with another figure beside it (its year, its base) it states a multiple
# ("double digits" and "double down" do not).
_MULTIPLIER_WORD = re.compile(
    r"\b(?:doubl(?:e[sd]?|ing)|tripl(?:e[sd]?|ing)|quadrupl(?:e[sd]?|ing)|halv(?:e[sd]?|ing))\b"
    r"(?!\s+down\b|[\s-]+digits?\b)|"
    r"\b(?:verdoppel|verdreifach|vervierfach|halbier)\w*|倍増|倍化|半減|倍に(?:なる|なり|なっ|する|し|増)",
    re.I,
)
MULTIPLE_WEIGHT = 0.6  # as ``figure_weight`` weighs a multiple ("500-fold") found as a quantity


def quantity_counts(texts: Sequence[str], langs: Sequence[str]) -> list[float]:
    """The figures each sentence states, each weighted by ``figure_weight``; a factor said in a word
    (``_MULTIPLIER_WORD``) beside another figure counts as a multiple."""
    out = []
    for text, lang in zip(texts, langs):
        found = find_quantities(text, lang if lang in ("ja", "de", "en") else "en")
        weight = sum(figure_weight(q.surface, q.unit) for q in found)
        if found and not any(q.unit == "multiple" for q in found) and _MULTIPLIER_WORD.search(text):
            weight += MULTIPLE_WEIGHT
        out.append(weight)
    return out


def recurring_names(names: Sequence[set[str]]) -> list[float]:
    """Per sentence, 0 to 1: how many names it shares with other sentences of the document (2 = 1.0)."""
    seen = Counter(n for found in names for n in found)
    return [min(1.0, sum(1 for n in found if seen[n] >= 2) / 2) for found in names]


def lede(candidates: Sequence[int], texts: Sequence[str], langs: Sequence[str]) -> int | None:
    """A story's lede: its first sentence a summary may quote, when it comes among the first sentences (the first
    fifth, or five) rather than after a long preface, and is no stub ("Costs rose 12%."); an article is written as
    an inverted pyramid."""
    limit = max(_COLD_OPEN_MIN, int(len(texts) * _COLD_OPEN_SHARE))
    if not candidates or candidates[0] >= limit:
        return None
    first = candidates[0]
    return None if _length(texts[first], langs[first]) < _SHORT_WORDS else first


def position_prior(
    candidates: Sequence[int],
    texts: Sequence[str],
    prof: Profile,
    speakers: Sequence[str | None] | None = None,
    figures: Sequence[float] | None = None,
    blocks: Sequence[int] | None = None,
) -> dict[int, float]:
    """Bonus (0 to 1, times the profile's weight) by place: the first candidate sentences of a
    written text (its lead) or a call's first sentences with figures (its headline results); the
    sentences before a host's welcome in the first fifth of a show (its cold open; in a labelled
    transcript only labelled turns, not the header above them); the last of a talk (its close)."""
    out: dict[int, float] = {}
    if prof.lead > 0:
        lead = [i for i in candidates if figures[i]] if prof.lead_figures and figures is not None else candidates
        size = prof.lead_size
        if blocks is not None and lead and not prof.lead_figures:
            # an author's first paragraph is the lead, however many sentences it has
            size = max(size, min(_LEAD_PARAGRAPH, sum(1 for i in lead if blocks[i] == blocks[lead[0]])))
        for rank, i in enumerate(lead[:size]):
            out[i] = prof.lead * (1.0 - rank / size)
    if prof.close > 0:
        tail = candidates[-max(1, int(len(candidates) * _CLOSE_SHARE)) :]
        for i in tail:
            out[i] = prof.close
    if prof.cold_open > 0 and texts:
        limit = max(_COLD_OPEN_MIN, int(len(texts) * _COLD_OPEN_SHARE))
        welcome = next((i for i in range(min(limit, len(texts))) if _WELCOME.search(texts[i])), None)
        # a back-and-forth before the welcome (the speaker changing twice or more) is banter, not highlights
        banter = speakers is not None and welcome and _changes(speakers[:welcome]) >= _BANTER_CHANGES
        if welcome and not banter:
            labelled = speakers is not None and any(speakers[:welcome])
            for i in candidates:
                if i < welcome and (not labelled or (speakers is not None and speakers[i])):
                    out[i] = prof.cold_open
    return out


_BANTER_CHANGES = 2  # a cold open where the speaker changes this often is small talk


def _changes(speakers: Sequence[str | None]) -> int:
    """How often the labelled speaker changes from one sentence to the next."""
    labelled = [s for s in speakers if s]
    return sum(1 for a, b in zip(labelled, labelled[1:]) if a != b)


# Where a call's questions and answers begin.
_QA_START = re.compile(
    r"question[-\s]and[-\s]answer|q\s*&\s*a\b|(?:first|next)\s+question|open\s+(?:up\s+)?(?:the\s+)?"
    r"(?:call|line|floor)s?\s+(?:up\s+)?(?:for|to)\s+questions|fragerunde|fragen\s+und\s+antworten|質疑応答",
    re.I,
)
# Guidance and outlook: what a company expects, forecasts or plans.
_OUTLOOK = re.compile(
    r"\b(?:expects?|expected|expecting|guidance|outlook|forecasts?|sees|anticipates?|targets?|plans?\s+to|"
    r"will\s+(?:spend|invest|build|open|bring|grow|reach)|erwartet|rechnet\s+(?:\w+\s+)?mit|prognose|"
    r"ausblick|plant|soll(?:en)?\b)|見通し|予想|計画|目指|予定",
    re.I,
)


# A call's headline results: what a results release leads with.
_HEADLINE = re.compile(
    r"\b(?:earnings|income|profit|loss)\s+per\s+(?:diluted\s+)?share|\bEPS\b|net\s+(?:income|earnings|profit|loss|sales)|"
    r"\b(?:total\s+)?revenues?\b|\bsales\s+(?:were|was|rose|grew|increased|decreased|fell|declined|of|up|down)\b|"
    r"operating\s+(?:income|profit|margin)|\bEBITDA\b|free\s+cash\s+flow|"
    r"ergebnis\s+je\s+aktie|umsatz|\berlös|nettogewinn|konzernergebnis|betriebsergebnis|operative[sn]?\s+ergebnis|"
    r"売上高|売上収益|営業利益|経常利益|純利益|1株当たり|一株当たり",
    re.I,
)


# The first of a release's headline results: profit per share (and the year's or quarter's net result).
_PER_SHARE = re.compile(r"\bper\s+(?:diluted\s+|basic\s+)?share\b|\bEPS\b|je\s+aktie|1株当たり|一株当たり", re.I)
# A part of the company rather than the whole: a segment, division, business unit, region or market.
_PART = re.compile(
    r"\bsegments?\b|\bdivisions?\b|business\s+(?:units?|groups?)|\bin\s+(?:our|the)\s+(?:[A-Z][\w&-]*\s+){1,3}"
    r"(?:business|group|market|unit)\b|\b(?:Americas|EMEA|APAC|Asia\s+Pacific|Europe|China|international)\s+"
    r"(?:sales\s+|revenues?\s+)?(?:grew|rose|was|were|increased|decreased|declined|fell|came\s+in)\b|"
    r"sparten?\b|\bsegmente[n]?\b|geschäftsbereich|セグメント|部門|事業部",
    re.I,
)


def headline_weight(text: str) -> float:
    """1 for a result per share (what a results release leads with), 0.6 for another headline result
    (revenue, net income, a margin), else 0."""
    if _PER_SHARE.search(text):
        return 1.0
    return 0.6 if _HEADLINE.search(text) else 0.0


def is_headline(text: str) -> bool:
    return bool(_HEADLINE.search(text) or _PER_SHARE.search(text))


def key_figure(text: str) -> float:
    """How much a sentence's figures count as a story's key points: twice for the whole company's headline result
    (revenue, earnings per share, net income, an outlook of them), half for one segment's, region's or business's."""
    if is_part(text):
        return 0.5
    return 2.0 if is_headline(text) else 1.0


def is_part(text: str) -> bool:
    """Whether a sentence gives one segment's, region's or business's result rather than the company's."""
    return bool(_PART.search(text))


# A sentence that opens on a pronoun or demonstrative leans on the one before it ("It will cost about
# one billion euros."), and one that opens on a reply ("Yes, …", "はい、…") on the question before it:
# quoted alone, the reader does not know what it is about.
_DANGLING = re.compile(
    r"^\W*(?:(?:it|they|he|she|therefore|thus|hence|consequently|as\s+a\s+result|es|er|sie|dabei|damit|dadurch|"
    r"deshalb|deswegen|daher|darum|folglich)\b|"
    r"(?:this|that|these|those)(?:'s\b|\s+(?:is|was|are|were|will|would|has|have|had|can|could|should|may|"
    r"might|means?|shows?|makes?)\b)|"
    r"(?:das|dies|diese[rs]?)\s+(?:ist|war|sind|waren|wird|werden|soll|sollen|kann|können|hat|haben|heißt|"
    r"bedeutet|zeigt)\b|"
    r"(?:yeah|yes|well|okay|ok|right|sure|ja|naja|genau|gut)\s*,|"
    r"それ|これ|この|その|そこ|彼|だから|なので|ですから|したがって|従って|はい[、,]|ええ[、,]|うん[、,]|そうですね|"
    r"そうですか|なるほど)",
    re.I,
)
# A discourse marker ("So we brought in …", "And the crew …", "Und wir …", "また、…") links a sentence to the
# talk, not to one sentence: what follows it decides whether the sentence leans on the one before.
_MARKER = re.compile(r"^\W*(?:(?:so|and|but|also|und|aber|auch)\b|でも|しかし|また|そして)[\s,、]*", re.I)
_SHORT_WORDS, _LONG_WORDS = 8, 45  # words (a Japanese sentence: characters / 2.5)


# "So" and German "so"/"also" are also result connectives ("therefore"): what follows tells which. A
# speaker's own conclusion ("So we keep teams small …", "So I think …") needs the sentence it draws on;
# one that brings in someone by name ("So we brought in NASA astronaut Kayla Barron …") or plans the
# talk ("So I want to spend the time on …") opens a topic. In German the verb comes straight after a
# connective ("Also haben wir …", "So kann ein Podcast …"), after a filler the subject ("Also, ich …").
_RESULT_EN = re.compile(
    r"so,?\s+(?:i|we|you)\b(?!'(?:d|ll|m)\b|\s+(?:want|wanted|would|will|am\s+going|thought)\b)", re.I
)
_NAME_AFTER = re.compile(r"\s[A-Z][A-Za-z]")
_RESULT_DE = re.compile(
    r"(?:so|also)\s+(?:ist|sind|war|waren|wird|werden|wurden?|hat|habe|haben|hatten?|kann|können|konnten?|"
    r"muss|müssen|mussten?|soll|sollen|sollten?|wollen|wollten?|darf|dürfen|gibt|gab|geht|ging|bleibt|"
    r"kommt|kam|sehen?|sieht|machen|macht|brauchen|braucht)\b",
    re.I,
)


# A demonstrative with a verb ("That's a 500-fold decline", "Das ist ein Rückgang um …", 「これは…」) names the
# point before it; when the sentence states its own figure, the figure is the point and it stands alone.
_DEMONSTRATIVE = re.compile(
    r"^\W*(?:(?:this|that|these|those)(?:'s\b|\s)|(?:das|dies|diese[rs]?)\s|これ|それ|この|その)", re.I
)


def dangling(text: str, figures: float = 0.0) -> bool:
    """Whether ``text`` leans on the sentence before it (``_DANGLING``); one opening on a demonstrative
    does not when it states ``figures`` of its own."""
    if figures and _DEMONSTRATIVE.match(text):
        return False
    marker = _MARKER.match(text)
    rest = text[marker.end() :] if marker else text
    if _DANGLING.match(rest):
        return True
    for start in (text.lstrip(" \"'“„«(-–—"), rest):
        if _RESULT_DE.match(start):
            return True
        m = _RESULT_EN.match(start)
        if m and not _NAME_AFTER.search(start, m.end()):
            return True
    return False


def _length(text: str, lang: str) -> float:
    """A sentence's length in words (a Japanese one's: characters / 2.5)."""
    return len(text) / 2.5 if lang == "ja" else len(text.split())


def length_prior(text: str, lang: str) -> float:
    """0 for a sentence of ordinary length, up to 1 for a very short or very long one: main points are
    rarely four words or a whole paragraph run together."""
    n = _length(text, lang)
    if n < _SHORT_WORDS:
        return (_SHORT_WORDS - n) / _SHORT_WORDS
    if n > _LONG_WORDS:
        return min(1.0, (n - _LONG_WORDS) / _LONG_WORDS)
    return 0.0


def qa_start(texts: Sequence[str]) -> int | None:
    """The first sentence of a call's questions and answers (in its second part), or None."""
    n = len(texts)
    return next((i for i in range(n // 3, n) if _QA_START.search(texts[i])), None)


def is_outlook(text: str) -> bool:
    return bool(_OUTLOOK.search(text))


# A year a change is measured against: a start ("since 1975", "seit 1990", 「1990年以降」, 「1990年以来」) or a
# deadline ("by 2050", "bis 2030", 「2050年までに」) that a goal is set for ("has to", "muss", 「目指す」): a talk's
# thesis is a figure tied to one ("By 2020 that had fallen to 20 cents" only dates a fact).
_SINCE = re.compile(
    r"\b(?:since|seit)\s+(?:(?:the\s+year|dem\s+Jahr)\s+)?(?:19|20)\d\d\b|(?:19|20|１９|２０)[0-9０-９]{2}年(?:度)?(?:以降|以来)",
    re.I,
)
_DEADLINE = re.compile(
    r"\b(?:by|before|bis)\s+(?:(?:the\s+(?:end|middle)\s+of|zum\s+Jahr|Ende|Mitte)\s+)?(?:19|20)\d\d\b|"
    r"(?:19|20|１９|２０)[0-9０-９]{2}年(?:度)?(?:まで|までに)",
    re.I,
)
_GOAL = re.compile(
    r"\b(?:will|must|has\s+to|have\s+to|needs?\s+to|should|aims?|goal|target|going\s+to|muss|müssen|soll|sollen|"
    r"wird|werden|Ziel)\b|'ll\b|目指|目標|必要|べき|計画",
    re.I,
)


def is_milestone(text: str) -> bool:
    return bool(_SINCE.search(text) or (_DEADLINE.search(text) and _GOAL.search(text)))


_INTRO_SHARE = 0.25  # a host's introduction comes in the first quarter of a show


def host_intro(
    speakers: Sequence[str | None], questions: Sequence[bool], texts: Sequence[str] | None = None
) -> set[int]:
    """The sentences of a host's first turn, when it comes early: where the host says who the guest
    is and what the show is about. The host is whoever asks the most questions, when two or more speak.
    Given ``texts``, the turn introduces only when it welcomes (``_WELCOME``) or asks: a reporter's
    narration before a broadcast interview ("Tonight, the chairman of …") reports, it does not introduce."""
    asked: Counter[str] = Counter(s for s, q in zip(speakers, questions) if s and q)
    if not asked or len({s for s in speakers if s}) < 2:
        return set()
    host = min(asked, key=lambda s: (-asked[s], s))
    turns = _turns(speakers, host, len(speakers) * _INTRO_SHARE)
    if not turns:
        return set()
    if texts is None:
        return turns[0]
    # small talk before the show begins (a cold open) is no introduction: the turn that welcomes is, with the
    # host's later turns before the one asking the first question ("I'm Ben." / "And I'm David." / "On this
    # episode we sit down with …": a co-host's line between them leaves the host's introduction going on)
    k = next((k for k, t in enumerate(turns) if any(_WELCOME.search(texts[i]) for i in t)), None)
    if k is not None:
        start = min(turns[k])
        asked_at = next((i for i in range(start, len(questions)) if questions[i]), len(questions))
        return turns[k].union(*(t for t in turns[k + 1 :] if max(t) < asked_at))
    return turns[0] if any(questions[i] for i in turns[0]) else set()


def _turns(speakers: Sequence[str | None], host: str, limit: float) -> list[set[int]]:
    """The sentences of each of ``host``'s turns (unlabelled sentences after them included) that begin by ``limit``."""
    out: list[set[int]] = []
    current: set[int] | None = None
    for i, s in enumerate(speakers):
        if s == host:
            if current is None:
                if i > limit:
                    break
                current = set()
                out.append(current)
            current.add(i)
        elif s is None:
            if current is not None:
                current.add(i)
        else:
            current = None
    return out


def askers(speakers: Sequence[str | None], questions: Sequence[bool]) -> set[str]:
    """The speakers who mostly ask (at least a third of their sentences are questions), when two or more speak."""
    total: Counter[str] = Counter(s for s in speakers if s)
    if len(total) < 2:
        return set()
    asked: Counter[str] = Counter(s for s, q in zip(speakers, questions) if s and q)
    return {s for s, n in total.items() if asked[s] * 3 >= n and asked[s] >= 2}


_MAX_LABELS = 12  # the speakers looked for by name: the most frequent (a show has a few hosts and guests)
_LABEL_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")


def names_speakers(texts: Sequence[str], speakers: Sequence[str | None]) -> set[int]:
    """The sentences that name another speaker of the document by their label or its last word ("My guest today is
    Dr. Alan Stern", "joining me are Emily Flippen and Matt Argersinger", "Heute spreche ich mit Marcel Goretzki",
    「小宮山先生に伺います」): in a show's introduction, who the guest is."""
    labels = [s for s, _ in Counter(s for s in speakers if s).most_common(_MAX_LABELS)]
    keys: dict[str, str] = {}
    for label in labels:
        keys[label] = label
        words = _LABEL_WORD.findall(label)
        if len(words) >= 2:
            keys.setdefault(words[-1], label)
    out: set[int] = set()
    for i, (text, speaker) in enumerate(zip(texts, speakers)):
        if _VOCATIVE.match(text) or _VOCATIVE_END.search(text):
            continue  # "Herr Kofler, nach Ihrem Abschied …", "Thanks, Alan.": spoken to the guest, not about them
        if any(label != speaker and _names(text, key) for key, label in keys.items()):
            out.add(i)
    return out


# A name said to its bearer: at the start before a comma ("Alan, …", "Herr Kofler, …") or at the end after one.
_VOCATIVE = re.compile(r"^\W*(?:(?:Herr|Frau|Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+)?,")
_VOCATIVE_END = re.compile(
    r",\s+(?:(?:Herr|Frau|Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+)?\W*$"
)


def _names(text: str, key: str) -> bool:
    """Whether ``text`` holds ``key`` as a word of its own (Japanese, which has no spaces: anywhere)."""
    at = text.find(key)
    while at >= 0:
        end = at + len(key)
        if _CJK.search(key) or (
            (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
        ):
            return True
        at = text.find(key, at + 1)
    return False


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def first_answer(speakers: Sequence[str | None], questions: Sequence[bool], rejected: Sequence[bool]) -> int | None:
    """The first sentence of the answer to a show's first question that is not ``rejected`` ("Yes." says nothing):
    the next turn of another speaker, what the one guest was invited for (a panel's first answer is one of many:
    only when one speaker besides the one asking first speaks)."""
    first = next((i for i, (s, q) in enumerate(zip(speakers, questions)) if q and s), None)
    if first is None or len({s for s in speakers if s} - {speakers[first]}) != 1:
        return None
    for i in range(first + 1, len(speakers)):
        s = speakers[i]
        if s and s != speakers[first]:
            if not rejected[i]:
                return i
        elif s == speakers[first] and not questions[i] and not rejected[i]:
            return None  # the asker went on talking: no answer to take
    return None
