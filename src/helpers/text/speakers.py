"""Who says each sentence: labelled turns, decoded dialogue, reported speech.

Every analysed sentence gets a :class:`Voice`: ``speaker`` (a person's name
as the catalog or the text gives it), ``attribution`` and ``confidence``.

* ``labelled``: the transcript's own label (``Name:`` prefixes, label lines,
  caption speakers from the format readers) is taken as given.
* ``turn``: unlabelled dialogue (a transcript with two or more known
  speakers and no labels) is decoded as a whole. Sentences are the
  observations; a hidden state is the current speaker (and, when the
  conversation has several hosts, which host spoke last). Turns change
  easily at paragraph breaks, rarely at line breaks inside a paragraph and
  hardly inside a line; a text laid out one utterance per line with no
  blank lines (ASR output, caption-derived text: no sentence runs on across
  a line break) has its lines read as paragraphs, while lines that wrap a
  sentence ("まず第一に、\nここに…") stay one turn unit. Turns change more or
  less easily with the evidence a careful reader uses: a question closing a paragraph hands the floor over, an
  answer word ("そうですね", "Yeah", "Ja") takes it, a paragraph that is just
  a question or a one-liner is most likely someone else's, a name used as
  address at the end of a paragraph ("リッチー、…ですか?", "Mark, thanks for
  coming on.") gives the floor to the person addressed. Emissions weigh
  self-introductions ("I'm X", "私はXです"), names used as address (the
  person addressed is not the one speaking), names used in the third person
  (people rarely talk about themselves by name), self-reference to the
  speaker's organisation ("at Meta we", "当社のNVLink", "メタの皆さん" for
  the other side; ``data/affiliations.yaml``) and the roles of host and
  guest (from the catalog's event, "… interview with X", or the opening
  welcome: hosts open and ask, guests answer at length). How often turns
  change and how each person talks are re-estimated on the conversation
  itself (a few EM steps), so an interview that turns at every paragraph
  and a subtitle translation that splits one answer into dozens of short
  paragraphs are both read sensibly. Viterbi gives the speakers (a
  sentence whose own posterior clearly favours someone else takes that
  speaker); forward-backward gives each sentence's posterior, mapped to a
  calibrated confidence. Translator's and editor's notes ("本稿では…翻訳",
  "this transcript has been edited") are the author's. A transcript with
  one known speaker is theirs; with none, speakers stay unknown.
* ``reported``: in articles, notes and commentary a sentence is the
  reported person's when it or an earlier sentence of its paragraph says
  who is being reported ("Zuckerberg sagte", "laut Jensen Huang", "X said",
  "according to X", "Xは…と述べた", "Xによると", "同氏によると"); in notes
  of an interview (timestamped passages) the passages are the guest's
  words and a "(質問)"/"Q:" passage is the interviewer's.
* ``author``: the writer's own statements, headings, descriptions, and
  bracketed asides inside reported passages ("（湯川解説：…）",
  "(Anm. d. Red.: …)", "(Editor's note: …)"; see :func:`author_asides`).
* ``unknown``: a dialogue without known speakers.

Names match in the catalog's spelling, by given and family name, through a
small table of katakana spellings (``NAME_TRANSLITERATIONS``) and, for long
Latin names, one letter off ("Zukerberg").

Confidence is not the model's raw probability: ``data/speaker_calibration.yaml``
maps raw posteriors (dialogue) and rule names (reported speech) to the
accuracy observed on the hand-labelled gold in ``tests/fixtures/speakers``
(made offline by ``bench/eval_speakers.py --calibrate``; never fitted at run
time).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import numpy as np
import yaml

from .language import script_lang
from .model import ATTRIBUTIONS, ParsedDocument, Sentence, VoiceSpan

__all__ = ["ATTRIBUTIONS", "Unit", "Voice", "aliases", "attribute", "roles", "span_voices", "voice_of"]


# Katakana spellings of names that occur in this corpus, keyed by the Latin
# spelling used in the catalog. Extend it when the catalog gains speakers.
NAME_TRANSLITERATIONS: dict[str, tuple[str, ...]] = {
    "mark": ("マーク",),
    "zuckerberg": ("ザッカーバーグ", "ザッカーバーク", "ザック"),
    "jensen": ("ジェンセン", "ジェンスン"),
    "huang": ("フアン", "ファン"),
    "aditya": ("アディティア", "アディティヤ", "アディア"),
    "ruchi": ("ルチ", "リッチー", "ルーチ"),
    "priscilla": ("プリシラ",),
    "dwarkesh": ("ドワルケシュ", "ドワーケシュ"),
    "patel": ("パテル",),
    "lex": ("レックス",),
    "fridman": ("フリードマン",),
}


@dataclass(frozen=True)
class Voice:
    """Who says a sentence, how we know, and how sure we are (0–1)."""

    speaker: str | None
    attribution: str  # one of ATTRIBUTIONS
    confidence: float
    rule: str = ""  # the evidence that decided it, for calibration and debugging
    score: float = 1.0  # the raw score behind ``confidence`` (a dialogue posterior), for calibration

    @property
    def inferred(self) -> bool:
        return self.attribution not in ("labelled", "author", "unknown")


@dataclass(frozen=True)
class Unit:
    """A sentence as the attributor sees it (document offsets)."""

    start: int
    end: int
    line: int
    block_id: int
    block_kind: str  # heading | paragraph | turn
    text: str
    speaker: str | None = None  # from a label
    timestamp: str | None = None


def _data_file(name: str) -> str:
    return resources.files("helpers.text").joinpath("data", name).read_text("utf-8")


# --- names -------------------------------------------------------------------


def aliases(speakers: list[str]) -> dict[str, str]:
    """lowercased alias -> speaker name, for labels and mentions."""
    out: dict[str, str] = {}
    for name in speakers:
        out[name.lower()] = name
        for token in name.split():
            key = token.lower()
            if len(key) >= 3:
                out.setdefault(key, name)
            for kana in NAME_TRANSLITERATIONS.get(key, ()):
                out.setdefault(kana, name)
        tokens = name.lower().split()
        if len(tokens) == 2:
            # Katakana full names: "マーク・ザッカーバーグ", "マークザッカーバーグ".
            for a in NAME_TRANSLITERATIONS.get(tokens[0], ()):
                for b in NAME_TRANSLITERATIONS.get(tokens[1], ()):
                    out.setdefault(f"{a}・{b}", name)
                    out.setdefault(a + b, name)
        if script_lang(name) == "ja":
            for token in re.split(r"[・\s]", name):
                if len(token) >= 2:
                    out.setdefault(token, name)
    return out


def given_names(speakers: list[str]) -> dict[str, str]:
    """Forms a speaker is addressed by: given name, its katakana, a Japanese name's first part."""
    out: dict[str, str] = {}
    for name in speakers:
        tokens = re.split(r"[・\s]", name.strip())
        given = tokens[0]
        if len(given) >= 2:
            out[given] = name
        for kana in NAME_TRANSLITERATIONS.get(given.lower(), ()):
            out[kana] = name
    return out


_QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』|“[^“”]*”|„[^„“”]*[“”]|\"[^\"]*\"")
_QUESTION_OR_REQUEST = re.compile(
    r"([?？]|か[。.]?|ください[。.]?|どうぞ[。.]?|お願いします[。.]?|please[.!]?|bitte[.!]?)[\s」』)）]*$", re.IGNORECASE
)
_REQUEST_ANYWHERE = re.compile(r"[?？]|ください|下さい|どうぞ|お願い|ませんか|\bplease\b|\bbitte\b", re.IGNORECASE)


def unquoted(s: str) -> str:
    """``s`` with quoted passages blanked (same length, so offsets hold)."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), s)


def _alternation(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


@lru_cache(maxsize=64)
def _compiled(forms: tuple[tuple[str, str], ...], kind: str) -> re.Pattern[str]:
    """One regex over all ``forms`` (form, name) for ``kind``: mention, intro, vocative_ja, vocative_latin."""
    ja = [f for f, _ in forms if script_lang(f) == "ja"]
    latin = [f for f, _ in forms if script_lang(f) != "ja"]
    never = r"(?!x)x"
    if kind == "mention":
        parts = []
        if ja:
            parts.append(r"(?<![ァ-ヺー・])(?:" + _alternation(ja) + r")(?![ァ-ヺー])")
        if latin:
            parts.append(r"(?<![A-Za-z0-9À-ÿ])(?:" + _alternation(latin) + r")(?![A-Za-z0-9À-ÿ])")
        return re.compile("|".join(parts) or never, re.IGNORECASE)
    if kind == "intro":
        alt = _alternation([f for f, _ in forms]) or never
        return re.compile(
            r"(?:私は|僕は|俺は|わたしは)(?P<a>" + alt + r")\s*です|(?P<b>" + alt + r")と申します|"
            r"(?:\bI'm|\bI am|\bmy name is|\bthis is|\bich bin|\bich heiße|\bmein Name ist)\s+(?P<c>" + alt + r")\b",
            re.IGNORECASE,
        )
    if kind == "vocative_ja":
        # "マーク、…" and "…、マーク。" address; "マーク・ザッカーバーグ" or "マークは" do not.
        return re.compile(r"(?<![ァ-ヺー・])(?P<v>" + (_alternation(ja) or never) + r")(?:さん|くん|君)?(?=[、，,。！!？?])")
    if kind == "honorific_ja":
        # "中村さんの研究室はいかがですか": in a question, the person named with an
        # honorific is the one asked (one does not call oneself "さん").
        return re.compile(r"(?<![ァ-ヺー・])(?P<v>" + (_alternation(ja) or never) + r")(?:さん|くん|君|先生)(?![、，,。！!？?])")
    return re.compile(
        r"(?:^|(?<=[.!?]\s)|(?<=[,;]\s)|(?<=[,;]))(?P<v>" + (_alternation(latin) or never) + r")(?=\s*[,!?]|\s*\.(?:\s|$))"
    )


def _lookup(alias: dict[str, str], form: str) -> str | None:
    return alias.get(form) or alias.get(form.lower())


def vocatives(s: str, given: dict[str, str]) -> dict[str, bool]:
    """Speakers addressed in ``s`` -> whether an addressing sentence asks or requests."""
    found: dict[str, bool] = {}
    forms = tuple(sorted(given.items()))
    for kind in ("vocative_ja", "vocative_latin"):
        for m in _compiled(forms, kind).finditer(s):
            name = _lookup(given, m.group("v"))
            if name:
                found[name] = found.get(name, False) or _asks(s, m.start())
    for m in _compiled(forms, "honorific_ja").finditer(s):
        name = _lookup(given, m.group("v"))
        if name and _asks(s, m.start()):
            found[name] = True
    return found


def _asks(s: str, pos: int) -> bool:
    """Does the sentence around ``pos`` end in a question or a request?"""
    begin = max(s.rfind(ch, 0, pos) for ch in "。.!?！？\n") + 1
    ends = [i for i in (s.find(ch, pos) for ch in "。!?！？\n") if i >= 0]
    end = min(ends) + 1 if ends else len(s)
    sentence = s[begin:end].rstrip()
    return bool(_QUESTION_OR_REQUEST.search(sentence) or _REQUEST_ANYWHERE.search(sentence))


def self_introductions(s: str, alias: dict[str, str]) -> set[str]:
    """Speakers who introduce themselves in ``s`` ("私はXです", "Xと申します", "I'm X", "ich bin X")."""
    found: set[str] = set()
    for m in _compiled(tuple(sorted(alias.items())), "intro").finditer(s):
        name = _lookup(alias, m.group("a") or m.group("b") or m.group("c"))
        if name:
            found.add(name)
    return found


def mentions(s: str, alias: dict[str, str]) -> set[str]:
    """Speakers named in ``s`` (any alias, whole words / whole katakana runs).

    Long Latin names also match one letter off ("Zukerberg"): notes and
    machine transcripts misspell names more often than they name a stranger
    who differs by one letter.
    """
    found: set[str] = set()
    for m in _compiled(tuple(sorted(alias.items())), "mention").finditer(s):
        name = _lookup(alias, m.group(0))
        if name:
            found.add(name)
    long_forms = [(f, n) for f, n in _long_latin_forms(tuple(sorted(alias.items()))) if n not in found]
    if long_forms:
        for w in re.findall(r"[A-Za-zÀ-ÿ]{5,}", s):
            w = w.lower()
            for form, name in long_forms:
                if abs(len(w) - len(form)) <= 1 and _one_edit(w, form):
                    found.add(name)
    return found


@lru_cache(maxsize=64)
def _long_latin_forms(forms: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((f, n) for f, n in forms if len(f) >= 6 and " " not in f and script_lang(f) != "ja")


def _one_edit(a: str, b: str) -> bool:
    """At most one insertion, deletion or substitution apart."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


# --- roles -------------------------------------------------------------------

_ROLE_LABELS = {
    **dict.fromkeys(("host", "interviewer", "moderator", "gastgeber", "gastgeberin", "moderatorin", "司会", "聞き手",
                     "ホスト", "インタビュアー", "q", "frage", "question"), "host"),
    **dict.fromkeys(("guest", "gast", "ゲスト", "a", "antwort", "answer"), "guest"),
}
BEFORE_CHARS = 400  # how far back in the paragraph a pronoun looks for the person it means
WELCOME_BLOCKS = 15  # how far into a conversation the guest's welcome is looked for
_WELCOME = re.compile(
    r"ようこそ|お迎え|お招き|ゲスト|紹介します|welcome|please join me|my guest|our guest|willkommen|begrüßen|zu Gast", re.IGNORECASE
)


def roles(speakers: list[str], event: str | None, units: list[Unit] | None = None) -> dict[str, str]:
    """speaker -> "host" | "guest" from the event's wording or the opening welcome; {} when unknown.

    "X podcast interview with Y", "talk with Y", "Gespräch mit Y": Y is the
    guest, everyone else a host. Failing that, the person welcomed by name
    in the first paragraphs is the guest ("皆さんようこそ マーク・ザッカーバーグです").
    """
    alias = aliases(speakers)
    guests: set[str] = set()
    if event:
        m = re.search(r"\b(?:with|mit|featuring)\s+(.+)$", event, re.IGNORECASE)
        if m:
            guests = mentions(m.group(1), alias)
    if not guests and units:
        blocks: list[int] = []
        for u in units:
            if u.block_id not in blocks:
                blocks.append(u.block_id)
            if len(blocks) > WELCOME_BLOCKS:
                break
            s = unquoted(u.text)
            if _WELCOME.search(s):
                named = mentions(s, alias)
                if len(named) == 1:
                    guests = named
                    break
    if not guests or len(guests) == len(speakers):
        return {}
    return {s: ("guest" if s in guests else "host") for s in speakers}


# --- affiliations --------------------------------------------------------------


@lru_cache(maxsize=1)
def _affiliation_table() -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load(_data_file("affiliations.yaml"))
    return {str(k): tuple(str(t) for t in v) for k, v in (raw.get("people") or {}).items()}


_WE = re.compile(r"私たち|わたしたち|我々|われわれ|僕ら|僕たち|うち|弊社|当社|\b(?:we|our|us|ours)\b|\b(?:wir|unser\w*|uns)\b", re.IGNORECASE)
_YOU = re.compile(r"あなた|君たち|あなた方|御社|皆さん|\b(?:you|your|yours)\b|\b(?:Sie|Ihr\w*|du|dein\w*|euch|euer\w*)\b")


def _affiliated(s: str, speakers: list[str]) -> dict[str, float]:
    """speaker -> evidence from self-reference ("at Meta we") or address ("your GPUs")."""
    table = _affiliation_table()
    out: dict[str, float] = {}
    pronouns = [(m.start(), 1.0) for m in _WE.finditer(s)] + [(m.start(), -1.0) for m in _YOU.finditer(s)]
    if not pronouns:
        return out
    for name in speakers:
        score = 0.0
        terms = table.get(name, ())
        if terms:
            for m in _compiled(tuple((t, name) for t in terms), "mention").finditer(s):
                # The nearest pronoun decides: "私たちは…メタ" is one's own side,
                # "あなたが FAIR を始めた" / "メタの皆さん" the other's.
                score += min(pronouns, key=lambda p: abs(p[0] - m.start()))[1]
        if score:
            out[name] = max(-1.0, min(1.0, score))
    return out


# --- dialogue decoding ---------------------------------------------------------

_ANSWER_START = re.compile(
    r"^\s*(?:そうですね|そうだね|そうだな|ええ|はい|うん|いや|いいえ|ああ|まあ|確かに|その通り|ありがとう|分かりません|わかりません|正直|"
    r"なるほど|面白い|素晴らしい|いいですね|良いですね|すごい|本当に\?|"
    r"yeah|yes|no|well|right|sure|so,|thanks|thank you|i think|honestly|exactly|interesting|great|cool|okay|ok|oh|wow|i see|"
    r"ja|nein|nun|genau|danke|also,|interessant|gut|stimmt)\b",
    re.IGNORECASE,
)
_QUESTION_END = re.compile(r"(?:[?？]|ですか[。.]?|ますか[。.]?|でしょうか[。.]?|ませんか[。.]?)[\s」』)）]*$")
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
CUE_NAMES = ("block", "line", "sent", "question", "answer", "asks", "asks_long", "short", "after_short", "handed",
             "question_answer")
CUE_WEIGHTS = np.array([
    math.log(0.25 / 0.75), math.log(0.02 / 0.98), math.log(0.01 / 0.99),
    2.0,  # the paragraph before ends in a question
    1.5,  # the paragraph opens like an answer ("そうですね", "Yeah", "Ja")
    2.0,  # the paragraph is a question: questions mostly come from the other party
    0.5,  # a longer paragraph ending in a question (may be a rhetorical turn)
    1.5,  # the paragraph is a one-liner (back-channel or short reply)
    0.5,  # the paragraph follows a one-liner
    3.0,  # the paragraph before ends by addressing someone by name
    3.5,  # inside a paragraph: a question, then an answer word
])
CUE_PRIOR_PRECISION = 1.0  # how firmly the defaults hold (1 / variance in log-odds)
W_SELF_INTRO = 5.0
W_ADDRESSED = -4.0
W_MENTIONED = -1.2
W_AFFILIATION = 2.0
LONG_CHARS = 40
# P(question, long statement, other | role), before re-estimation on the conversation.
ROLE_STYLE = {"host": (0.30, 0.30, 0.40), "guest": (0.10, 0.50, 0.40), "": (1 / 3, 1 / 3, 1 / 3)}
STYLE_PRIOR_WEIGHT = 15.0
STYLE_TEMPER = 0.5
HOST_OPENS = 0.8  # the first words of a conversation are a host's
W_AUTHOR_BASE = -3.0
W_AUTHOR_EDITORIAL = 6.0
ADDRESSED_NEXT = 3.0  # log-odds bonus for handing the floor to the person asked by name
AUTHOR = "\x00author"
EM_STEPS = 4
CLEARLY_LIKELIER = 0.1  # posterior margin by which a sentence's own likeliest speaker overrides the best path
HANDOVER_TAIL_CHARS = 40  # a vocative this close to the end of a paragraph hands the floor over
AUTHOR_SHARE = 0.05  # a note by the translator or editor interrupts a dialogue rarely
LINE_TURNS_MIN = 3  # line breaks between sentences before a layout of one utterance per line is considered
LINE_TURNS_WRAPPED = 0.1  # at most this many line breaks inside sentences per one between them


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


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _fit_cue_weights(features: np.ndarray, switched: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Log-odds of a speaker change per cue that best explain the expected changes.

    A logistic regression on soft labels (the expected change at each
    boundary) with a Gaussian pull towards the default weights, so a cue seen
    a few times keeps about its default meaning and one seen often is
    weighed as this conversation uses it (Newton steps).
    """
    w = prior.copy()
    if len(switched) == 0:
        return w
    for _ in range(8):
        p = _sigmoid(features @ w)
        grad = features.T @ (switched - p) - CUE_PRIOR_PRECISION * (w - prior)
        hess = (features * (p * (1 - p))[:, None]).T @ features + CUE_PRIOR_PRECISION * np.eye(len(w))
        w = w + np.linalg.solve(hess, grad)
    return w


def decode_dialogue(units: list[Unit], speakers: list[str], role: dict[str, str]) -> list[tuple[str | None, float]]:
    """(speaker or None for the author's notes, posterior) per unit, decoded over the whole conversation."""
    n = len(units)
    if n == 0:
        return []
    alias = aliases(speakers)
    given = given_names(speakers)
    people = list(speakers)
    hosts = [p for p in people if role.get(p) == "host"]
    # States: (who speaks, which host spoke last). With one host or none the
    # second part is constant.
    last_host_opts: list[str | None] = hosts if len(hosts) > 1 else [None]
    who_opts = people + [AUTHOR]
    states = [(w, h) for w in who_opts for h in last_host_opts]
    S = len(states)
    who_idx = np.array([who_opts.index(w) for w, _ in states])

    emit = np.zeros((n, len(who_opts)))
    asks_next: list[set[str]] = []
    questions = np.zeros(n, dtype=bool)
    style = np.zeros(n, dtype=int)  # 0 question, 1 long statement, 2 other
    answers = np.zeros(n, dtype=bool)
    for i, u in enumerate(units):
        s = unquoted(u.text)
        e = emit[i]
        intro = self_introductions(s, alias)
        for name in intro:
            e[who_opts.index(name)] += W_SELF_INTRO
        addressed = vocatives(s, given)
        for name in addressed:
            e[who_opts.index(name)] += W_ADDRESSED
        for name in mentions(s, alias) - set(addressed) - intro:
            e[who_opts.index(name)] += W_MENTIONED
        for name, v in _affiliated(s, people).items():
            e[who_opts.index(name)] += W_AFFILIATION * v
        # A question to the audience ("皆さん、…座っていただけますか?") hands nothing over.
        questions[i] = bool(_QUESTION_END.search(s.rstrip())) and not _AUDIENCE.search(s)
        answers[i] = bool(_ANSWER_START.search(s))
        style[i] = 0 if questions[i] else (1 if len(s.strip()) >= LONG_CHARS else 2)
        e[-1] += W_AUTHOR_BASE + (W_AUTHOR_EDITORIAL if _EDITORIAL.search(s) else 0.0)
        # Addressing someone hands them the floor when the sentence asks or
        # requests something, or is a short address ("Thanks, Mark."); "マーク、
        # 私たちが今生きているのは…" goes on talking to them.
        short_address = len(s.strip()) <= HANDOVER_TAIL_CHARS
        asks_next.append({name for name, asks in addressed.items() if asks or short_address})

    bounds = _boundaries(units)
    # Turn units: paragraphs, or lines where a text has one utterance per line.
    seg = np.cumsum([b == "block" for b in bounds]).tolist()
    block_text: dict[int, str] = {}
    block_asks: dict[int, bool] = {}  # the unit's last sentence is a question
    block_sentences: dict[int, int] = {}
    for i, u in enumerate(units):
        block_text[seg[i]] = block_text.get(seg[i], "") + u.text
        block_asks[seg[i]] = bool(questions[i])
        block_sentences[seg[i]] = block_sentences.get(seg[i], 0) + 1
    block_short = {k: _short(t) for k, t in block_text.items()}
    # Per boundary: which cues hold there (a row of ``features``, see
    # CUE_NAMES) and the people handed the floor.
    features = np.zeros((max(n - 1, 0), len(CUE_NAMES)))
    handovers: list[set[str]] = []
    for i in range(1, n):
        b = bounds[i]
        x = features[i - 1]
        x[CUE_NAMES.index(b)] = 1.0
        handed: set[str] = set()
        if b == "block":
            x[CUE_NAMES.index("question")] = questions[i - 1]
            x[CUE_NAMES.index("answer")] = answers[i]
            if block_asks[seg[i]]:
                # A paragraph that is just a question is someone else's; a long one
                # ending in a question may be a speaker's rhetorical turn.
                x[CUE_NAMES.index("asks" if block_sentences[seg[i]] <= 2 else "asks_long")] = 1.0
            # A very short paragraph is a back-channel or a one-line reply: it
            # most likely changes the speaker, and the floor may go back after it.
            if block_short[seg[i]]:
                x[CUE_NAMES.index("short")] = 1.0
            elif block_short[seg[i - 1]]:
                x[CUE_NAMES.index("after_short")] = 1.0
            # A name used as address in the last sentences of a paragraph hands
            # the floor to that person ("Mark, thanks for coming on." / "…、マーク。").
            j, after = i - 1, 0
            while j >= 0 and seg[j] == seg[i - 1] and after <= HANDOVER_TAIL_CHARS:
                handed |= asks_next[j]
                after += len(units[j].text.strip())
                j -= 1
            x[CUE_NAMES.index("handed")] = bool(handed)
        else:
            x[CUE_NAMES.index("question_answer")] = questions[i - 1] and answers[i]
        handovers.append(handed)

    def transitions(weights: np.ndarray) -> list[np.ndarray]:
        out = []
        cache: dict[tuple[float, frozenset[str]], np.ndarray] = {}
        for p, handed in zip(_sigmoid(features @ weights), handovers):
            key = (float(p), frozenset(handed))
            if key in cache:
                out.append(cache[key])
                continue
            m = np.full((S, S), -np.inf)
            for a, (wa, ha) in enumerate(states):
                expect_h = wa if wa in hosts else ha  # the "last host" part follows deterministically
                targets: list[tuple[int, float]] = []
                for c, (wc, hc) in enumerate(states):
                    if len(last_host_opts) > 1 and hc != expect_h or wc == wa:
                        continue
                    w = 1.0
                    if wc in handed:
                        w *= math.exp(ADDRESSED_NEXT)
                    if wc in hosts and len(hosts) > 1 and expect_h is not None and wc != expect_h:
                        w *= 0.3  # hosts take turns less often than a host follows up
                    if wc == AUTHOR:
                        w *= AUTHOR_SHARE
                    elif wa == AUTHOR and hosts:
                        # after a translator's or editor's note the host (re)opens
                        w *= HOST_OPENS if wc in hosts else 1 - HOST_OPENS
                    targets.append((c, w))
                total = sum(w for _, w in targets)
                for c, w in targets:
                    m[a, c] = math.log(p) + math.log(w / total)
                for c, (wc, hc) in enumerate(states):
                    if wc == wa and (len(last_host_opts) == 1 or hc == expect_h):
                        m[a, c] = math.log(1 - p) if targets else 0.0
            cache[key] = m
            out.append(m)
        return out

    # How each person talks (asks / holds forth / other), started from their
    # role (hosts ask, guests answer at length) and re-estimated below.
    prior = np.array([ROLE_STYLE.get(role.get(w, ""), ROLE_STYLE[""]) for w in who_opts]).T  # 3 x W
    style_p = prior.copy()

    def emissions(style_p: np.ndarray) -> np.ndarray:
        # Style is weak evidence repeated over every sentence of a turn: tempered.
        return (emit + STYLE_TEMPER * np.log(style_p[style]))[:, who_idx]  # n x S

    log_emit = emissions(style_p)
    # Ties (two hosts nobody tells apart) go to the speaker the catalog lists first.
    opener = np.array([
        (HOST_OPENS / len(hosts) if w in hosts else (1 - HOST_OPENS) / max(1, len(people) - len(hosts)))
        if hosts else 1 / len(people)
        for w, _ in states
    ])
    opener = np.where([w == AUTHOR for w, _ in states], AUTHOR_SHARE, opener)
    init = np.log(opener / opener.sum() / len(last_host_opts)) - 0.01 * np.array([who_opts.index(w) for w, _ in states])
    same = who_idx[:, None] == who_idx[None, :]

    def forward_backward(log_trans: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Posteriors per sentence (n x S) and the expected speaker change at each boundary (n-1)."""
        trans = np.exp(np.stack(log_trans)) if log_trans else np.zeros((0, S, S))
        e = np.exp(log_emit - log_emit.max(axis=1, keepdims=True))
        alpha = np.zeros((n, S))
        scale = np.zeros(n)
        alpha[0] = np.exp(init) * e[0]
        scale[0] = alpha[0].sum()
        alpha[0] /= scale[0]
        for i in range(1, n):
            alpha[i] = (alpha[i - 1] @ trans[i - 1]) * e[i]
            scale[i] = alpha[i].sum()
            alpha[i] /= scale[i]
        beta = np.ones((n, S))
        for i in range(n - 2, -1, -1):
            beta[i] = trans[i] @ (e[i + 1] * beta[i + 1]) / scale[i + 1]
        gamma = alpha * beta
        gamma /= gamma.sum(axis=1, keepdims=True)
        xi = alpha[:-1, :, None] * trans * (e[1:] * beta[1:])[:, None, :] / scale[1:, None, None]
        switched = (xi * ~same).sum(axis=(1, 2))
        return gamma, switched

    # How often turns change at a paragraph or line break differs a lot between
    # documents (an interview turns at nearly every paragraph, a subtitle-style
    # translation splits one answer into dozens): re-estimate the base rates on
    # this conversation, and how each person talks, with a few EM steps.
    weights = CUE_WEIGHTS.copy()
    for _ in range(EM_STEPS):
        gamma, switched = forward_backward(transitions(weights))
        who_gamma = np.zeros((n, len(who_opts)))
        np.add.at(who_gamma.T, who_idx, gamma.T)
        counts = np.zeros((3, len(who_opts)))
        np.add.at(counts, style, who_gamma)
        style_p = counts + STYLE_PRIOR_WEIGHT * prior
        style_p = style_p / style_p.sum(axis=0, keepdims=True)
        style_p[:, -1] = 1 / 3  # the author's notes carry no style evidence
        log_emit = emissions(style_p)
        weights = _fit_cue_weights(features, switched, CUE_WEIGHTS)
    log_trans = transitions(weights)
    # Viterbi
    score = init + log_emit[0]
    back = np.zeros((n, S), dtype=int)
    for i in range(1, n):
        cand = score[:, None] + log_trans[i - 1]
        back[i] = np.argmax(cand, axis=0)
        score = cand[back[i], np.arange(S)] + log_emit[i]
    path = [int(np.argmax(score))]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i][path[-1]]))
    path.reverse()
    gamma, _ = forward_backward(log_trans)
    who_post = np.zeros((n, len(who_opts)))
    np.add.at(who_post.T, who_idx, gamma.T)
    out: list[tuple[str | None, float]] = []
    for i in range(n):
        w = states[path[i]][0]
        k = who_opts.index(w)
        if who_post[i, k] < who_post[i].max() - CLEARLY_LIKELIER:
            # Viterbi's single best path can run through a sentence that, summed
            # over all paths, clearly more likely belongs to someone else (mostly
            # when two hosts are hard to tell apart): take the likelier speaker.
            k = int(np.argmax(who_post[i]))
            w = who_opts[k]
        out.append((None if w == AUTHOR else w, float(who_post[i, k])))
    return out


# --- reported speech -------------------------------------------------------------

_ASIDE = re.compile(
    r"[（(]\s*(?:[^\s（()）:：]{0,8}解説|訳注|編注|注|補足|Anm\.(?: d\. (?:Red|Ü)\.)?|Editor'?s note|Note|Ed\.)\s*[:：][^（()）]*[)）]",
    re.IGNORECASE,
)


def author_asides(text: str) -> list[tuple[int, int]]:
    """Spans of bracketed author's asides inside reported passages ("（湯川解説：…）")."""
    return [m.span() for m in _ASIDE.finditer(text)]


_EN_NAME = r"(?P<src>(?:[A-Z][\w'’.-]+\s){0,3}[A-Z][\w'’-]+)"
_EN_VERBS = (
    r"said|says|told|tells|added|adds|noted|notes|argued|argues|explained|explains|estimated|estimates|believes|"
    r"believed|thinks|thought|claimed|claims|stated|states|wrote|writes|announced|announces|predicted|predicts|"
    r"expects|expected|warned|warns|insisted|recalled|joked|admitted|acknowledged"
)
_DE_VERBS = (
    r"sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|glaubt|glaubte|schätzt|schätzte|berichtete|berichtet|"
    r"erzählte|erzählt|behauptete|behauptet|ergänzte|fügte|sprach|verriet|räumte|kündigte|prognostizierte|"
    r"ist überzeugt|war überzeugt|geht davon aus|teilte"
)
_JA_VERBS = (
    r"述べ|語っ|語り|語る|話し|話す|説明し|説明す|明らかにし|強調し|指摘し|発言し|言っ|言い|言う|主張し|"
    r"考えてい|見てい|予測し|予想し|発表し|示唆し|認め|明かし|言及し|コメントし"
)
_PRONOUN_EN = re.compile(r"^\s*(?:He|She|They)\s+(?:" + _EN_VERBS + r")\b")
_PRONOUN_DE = re.compile(r"^\s*(?:Er|Sie)\s+(?:" + _DE_VERBS + r")\b|\b(?:" + _DE_VERBS + r")\s(?:er|sie)\b")
CUES: list[tuple[str, re.Pattern[str]]] = [
    ("en_according", re.compile(r"\b[Aa]ccording to (?P<src>(?:the |a |an )?[^,.;:]{2,60}?)(?=[,.;:]|\s(?:is|was|has|had|will|would)\b)")),
    ("en_verb", re.compile(_EN_NAME + r",?(?:\s[\w'-]+,)?\s(?:" + _EN_VERBS + r")\b")),
    ("en_inverted", re.compile(r"[,”\"]\s*(?:" + _EN_VERBS + r")\s" + _EN_NAME)),
    ("de_laut", re.compile(r"\b(?:[Ll]aut|[Nn]ach Angaben (?:von|des|der)|[Ss]o)\s(?P<src>(?:[A-ZÄÖÜ][\wäöüß.'’-]+\s?){1,4})")),
    ("de_zufolge", re.compile(r"(?P<src>(?:[A-ZÄÖÜ][\wäöüß.'’-]+\s){1,4})zufolge\b")),
    ("de_verb", re.compile(r"(?P<src>(?:[A-ZÄÖÜ][\wäöüß'’-]++\s?){1,3})\s(?:" + _DE_VERBS + r")\b")),
    ("de_inverted", re.compile(r"\b(?:" + _DE_VERBS + r")\s(?P<src>(?:[A-ZÄÖÜ][\wäöüß'’-]+\s?){1,3})")),
    ("ja_niyoru", re.compile(r"(?P<src>(?:[A-Za-z][\w.'’-]*\s)*[^、。「」（）()\s]{1,20})(?:によると|によれば|いわく|曰く|の話では|からの情報|が言うには|が(?:言って|話して)(?:いた|いました)(?:のは|のですが|が))")),
    ("ja_honorific", re.compile(r"(?P<src>[A-Za-z][A-Za-z .'’-]*[A-Za-z]|[ァ-ヺー・]{2,})(?:氏|さん|CEO|社長|会長)(?:は|が)[^。]{0,120}?(?:" + _JA_VERBS + r")")),
    ("ja_verb", re.compile(r"(?P<src>[^、。「」（）()\s]{1,20}?)(?:氏|さん|CEO|社長|会長)?(?:は|が)[^。]{0,200}?(?:と|って|ように)(?:" + _JA_VERBS + r")")),
]
_JA_VERB_AFTER = "|".join(f"{p}(?:{_JA_VERBS})" for p in ("と", "って", "ように"))
# Words every match of a cue contains (a verb of saying, "によると", "zufolge"),
# as alternations whose every branch starts with a literal character, so that
# the regex engine skips to the few positions where one can start. Most
# sentences contain none: one search over all of them rules a sentence out,
# where trying each cue at every position is costly (ja_verb backtracks over up
# to 200 characters). Otherwise a cue is tried only where all its words occur.
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "en_according": ("ccording to ",),
    "en_verb": (_EN_VERBS,),
    "en_inverted": (_EN_VERBS,),
    "de_laut": ((r"Laut\s[A-ZÄÖÜ]|laut\s[A-ZÄÖÜ]|Nach Angaben (?:von|des|der)\s[A-ZÄÖÜ]|nach Angaben (?:von|des|der)\s[A-ZÄÖÜ]"
                 r"|So\s[A-ZÄÖÜ]|so\s[A-ZÄÖÜ]"),),
    "de_zufolge": ("zufolge",),
    "de_verb": (_DE_VERBS,),
    "de_inverted": (_DE_VERBS,),
    "ja_niyoru": ("によると|によれば|いわく|曰く|の話では|からの情報|が言うには|が言って|が話して",),
    "ja_honorific": ("氏(?:は|が)|さん(?:は|が)|CEO(?:は|が)|社長(?:は|が)|会長(?:は|が)", _JA_VERBS),
    "ja_verb": (_JA_VERB_AFTER,),
}
_WORD_LISTS = list(dict.fromkeys(w for words in CUE_WORDS.values() for w in words))
_WORD_PATTERNS = [re.compile(w) for w in _WORD_LISTS]
_ANY_CUE_WORD = re.compile("|".join(_WORD_LISTS))
_CUE_PLAN = [(rule, pat, tuple(_WORD_LISTS.index(w) for w in CUE_WORDS[rule])) for rule, pat in CUES]
_DE_VERB = re.compile(_DE_VERBS)  # in both branches of _PRONOUN_DE


def cue_matches(s: str) -> Iterator[tuple[str, re.Match[str]]]:
    """(rule, match) of every cue of ``CUES`` that matches ``s``, in ``CUES`` order."""
    if not _ANY_CUE_WORD.search(s):
        return
    found = [p.search(s) is not None for p in _WORD_PATTERNS]
    for rule, pat, needs in _CUE_PLAN:
        if all(found[k] for k in needs):
            m = pat.search(s)
            if m:
                yield rule, m


# Hearsay endings: the writer passes on what the last-named source said.
_EVIDENTIAL = re.compile(r"(?:ようです|ようだ|そうです|そうだ|らしい|とのこと|とのことです|ということです|という)[。.]?[\s」』)）]*$")
_SAME_PERSON = re.compile(r"^(?:同氏|同社|彼|彼女|He|She|Er|Sie)$")
_OPENING_QUOTE = re.compile(r"[「“\"]")
_FIRST_PERSON = re.compile(r"私は|僕は|俺は|\bI\b|\bich\b|\bmir\b")
_QUESTION = re.compile(r"[?？][\s」』)）]*$")
_INTERVIEWER = re.compile(r"^\s*[（(]?(?:質問|Q|Frage|Question)[)）:：]", re.IGNORECASE)
_LATIN_FULL_NAME = re.compile(r"\b[A-Z][a-zäöüé]+(?:\s[A-Z][a-zäöüé]+)+\b")
_TWO_NAMES = re.compile(r"^[A-ZÄÖÜ][\wäöüß'’-]+(?:\s[A-ZÄÖÜ][\wäöüß'’-]+){1,3}")
_STOP_SOURCES = re.compile(r"^(?:It|This|That|There|The|A|An|Es|Das|Die|Der|Dies|These|Those|We|I|You|Ich|Wir|Man)$")


def _source_name(raw: str, alias: dict[str, str]) -> str | None:
    raw = raw.strip(" 　、,")
    if not raw:
        return None
    named = mentions(raw, alias)
    if len(named) == 1:
        return next(iter(named))
    if script_lang(raw) == "ja":
        # A name right before an honorific is the source ("過去にもZukerberg氏が").
        m = re.search(r"([A-Za-z][A-Za-z .'’-]*[A-Za-z]|[ァ-ヺー・]{2,})(?:氏|さん|CEO|社長|会長)$", raw)
        if m:
            return m.group(1)
        for sep in ("、", "は", "が", "の", "も", "で"):
            if sep in raw:
                raw = raw.rsplit(sep, 1)[-1]
    raw = re.sub(r"^(?:the|a|an)\s+", "", raw, flags=re.IGNORECASE) if script_lang(raw) != "ja" else raw
    raw = re.sub(r"(?:氏|さん|CEO|社長|会長)$", "", raw)
    if _STOP_SOURCES.match(raw) or len(raw) < 2:
        return None
    # Latin names: keep the trailing capitalised words ("Nvidia chief executive Jensen Huang").
    m = re.search(r"((?:[A-ZÄÖÜ][\wäöüß'’-]+\s)*[A-ZÄÖÜ][\wäöüß'’-]+)$", raw)
    if m and script_lang(raw) != "ja" and " " not in raw.strip()[: m.start()].strip() and m.start() > 0:
        return m.group(1)
    if m and script_lang(raw) != "ja" and m.start() > 0:
        return m.group(1)
    return raw


_PERSON_NAME = re.compile(
    r"[ァ-ヺー]{2,}・[ァ-ヺー]{2,}|[ァ-ヺー]{2,}(?=氏|さん)|\b[A-Z][a-zäöü]+(?:\s[A-Z][a-zäöü]+)+\b"
)


def _last_person(before: str, alias: dict[str, str]) -> str | None:
    """The person a pronoun ("彼", "He", "同氏") most likely means: the last one named before it."""
    best: tuple[int, str] | None = None
    for m in _compiled(tuple(sorted(alias.items())), "mention").finditer(before):
        name = _lookup(alias, m.group(0))
        if name and (best is None or m.start() >= best[0]):
            best = (m.start(), name)
    for m in _PERSON_NAME.finditer(before):
        if best is None or m.start() > best[0]:
            best = (m.start(), m.group(0))
    return best[1] if best else None


def reported_source(
    s: str, alias: dict[str, str], last: str | None, before: str = "", named_before: dict[str, str] | None = None
) -> tuple[str | None, str] | None:
    """(source, rule) when ``s`` says whose words it reports.

    ``last`` is the source of the previous report, ``before`` the text of the
    paragraph before ``s``: pronouns ("彼は…と述べた", "He added") take the
    last person named there, else the last source. ``named_before`` maps the
    surnames of people named in full earlier in the text to their full names.
    """
    named_before = named_before or {}
    s = unquoted(s) if not _OPENING_QUOTE.search(s) else s
    if (last or before) and (_PRONOUN_EN.search(s) or (_DE_VERB.search(s) and _PRONOUN_DE.search(s))):
        return (last or _last_person(before, alias)), "pronoun"
    for rule, m in cue_matches(s):
        raw = m.group("src")
        if _SAME_PERSON.match(raw.strip(" 、,")):
            if before or last:
                return _last_person(before, alias) or last, "same_person"
            continue
        name = _source_name(raw, alias)
        if name is None:
            continue
        # Capitalised words next to a verb of saying are a name only if they
        # look like one: two or more of them (German capitalises every noun,
        # "das Unternehmertum erzählte" is no source).
        # A lone surname counts when the text named the person in full before
        # ("Dylan Patel, an analyst … Patel said").
        if rule in ("en_verb", "de_verb", "en_inverted", "de_inverted") and not mentions(name, alias):
            if name.split()[-1] in named_before:
                return named_before[name.split()[-1]], rule
            if not _TWO_NAMES.fullmatch(name) or _STOP_SOURCES.match(name):
                continue
        if rule == "ja_verb" and not mentions(raw, alias) and not re.search(r"(?:氏|さん|CEO|社長|会長)(?:は|が)", m.group(0)):
            continue
        return name, rule
    return None


def attribute(
    text: str,
    units: list[Unit],
    speakers: list[str] | None = None,
    genre: str | None = None,
    event: str | None = None,
) -> list[Voice]:
    """One :class:`Voice` per unit (see the module docstring)."""
    known = [s for s in (speakers or []) if s.strip()]
    alias = aliases(known)
    if not units:
        return []
    labelled = any(u.speaker for u in units)
    g = (genre or "").lower()
    dialogue_genre = any(w in g for w in ("transcript", "interview", "conversation", "podcast", "talk", "gespräch"))
    report_genre = any(w in g for w in ("article", "notes", "commentary", "summary", "report", "artikel"))
    out: list[Voice | None] = [None] * len(units)

    if labelled:
        # A role label ("HOST:", "Gastgeber", "司会") names the catalog's one host
        # (or guest) when the catalog says who that is.
        by_role = {}
        role = roles(known, event, None)
        for r in ("host", "guest"):
            holders = [s for s in known if role.get(s) == r]
            if len(holders) == 1:
                by_role[r] = holders[0]
        for i, u in enumerate(units):
            if u.speaker:
                r = _ROLE_LABELS.get(u.speaker.strip().lower())
                who = by_role.get(r, u.speaker) if r else u.speaker
                out[i] = Voice(who, "labelled", calibrated_rule("labelled"), "labelled")
    elif len(known) >= 2 and (dialogue_genre or (not report_genre and _looks_like_dialogue(units, known))):
        body = [i for i, u in enumerate(units) if u.block_kind != "heading"]
        role = roles(known, event, [units[i] for i in body])
        for i, (who, p) in zip(body, decode_dialogue([units[i] for i in body], known, role)):
            if who is None:
                out[i] = Voice(None, "author", calibrated_rule("editorial"), "editorial")
            else:
                out[i] = Voice(who, "turn", calibrated_posterior(p), "turn", p)
        for i, u in enumerate(units):
            if out[i] is None:
                out[i] = Voice(None, "author", calibrated_rule("heading"), "heading")
        return [v for v in out if v is not None]
    elif dialogue_genre and not report_genre and len(known) < 2:
        # A transcript of one known person is theirs (headings aside); with
        # nobody known, who speaks stays unknown rather than guessed.
        for i, u in enumerate(units):
            if u.block_kind == "heading":
                out[i] = Voice(None, "author", calibrated_rule("heading"), "heading")
            elif known:
                out[i] = Voice(known[0], "turn", calibrated_rule("monologue"), "monologue")
            else:
                out[i] = Voice(None, "unknown", 0.0, "no_speakers")
        return [v for v in out if v is not None]

    role = roles(known, event, None)
    guest = _guest(known, role, units, alias)
    host = next((s for s in known if role.get(s) == "host"), None)
    notes = not labelled and any(u.timestamp for u in units)
    in_notes = False
    block_source: dict[int, tuple[str | None, str]] = {}
    last: str | None = None
    last_block: int | None = None
    named_before: dict[str, str] = {}
    before_block, before = -1, ""  # the paragraph so far, for pronouns
    for i, u in enumerate(units):
        if out[i] is not None:
            continue
        s = u.text
        if u.block_kind == "heading":
            out[i] = Voice(None, "author", calibrated_rule("heading"), "heading")
            in_notes = in_notes or notes
            continue
        if u.timestamp:
            in_notes = True
        if notes and in_notes and _INTERVIEWER.search(s):
            block_source[u.block_id] = (host, "interviewer")
        stripped = _ASIDE.sub("", s)
        rest = stripped.strip()
        if not rest or (len(rest) < 3 and (asides := author_asides(s)) and asides[0][0] == 0):
            out[i] = Voice(None, "author", calibrated_rule("aside"), "aside")
            continue
        if u.block_id != before_block:
            before_block, before = u.block_id, ""
        cue = reported_source(stripped, alias, last, before[-BEFORE_CHARS:], named_before)
        before += s
        for m in _LATIN_FULL_NAME.finditer(s):
            named_before.setdefault(m.group(0).split()[-1], m.group(0))
        if cue is not None:
            src, rule = cue
            last = src or last
            last_block = u.block_id
            block_source[u.block_id] = (src, "inherited")
            out[i] = Voice(src, "reported", calibrated_rule(rule), rule)
            continue
        if last and last_block is not None and u.block_id - last_block <= 1 and _EVIDENTIAL.search(s):
            out[i] = Voice(last, "reported", calibrated_rule("evidential"), "evidential")
            continue
        inherited = block_source.get(u.block_id)
        if inherited and inherited[1] == "interviewer":
            out[i] = Voice(inherited[0], "reported", calibrated_rule("interviewer"), "interviewer")
            continue
        if notes and in_notes and guest:
            out[i] = Voice(guest, "reported", calibrated_rule("notes"), "notes")
            continue
        if inherited and not _QUESTION.search(s) and not _FIRST_PERSON.search(unquoted(s)):
            out[i] = Voice(inherited[0], "reported", calibrated_rule("inherited"), "inherited")
            continue
        out[i] = Voice(None, "author", calibrated_rule("author"), "author")
    return [v for v in out if v is not None]


def _looks_like_dialogue(units: list[Unit], known: list[str]) -> bool:
    """A known speaker introduces themselves or is addressed by name, or many
    paragraphs ask and answer: a conversation, not a write-up."""
    alias, given = aliases(known), given_names(known)
    if any(self_introductions(unquoted(u.text), alias) or vocatives(unquoted(u.text), given) for u in units):
        return True
    blocks: dict[int, str] = {}
    for u in units:
        blocks[u.block_id] = blocks.get(u.block_id, "") + u.text
    if len(blocks) < 6:
        return False
    asked = sum(bool(_QUESTION_END.search(t.rstrip())) for t in blocks.values())
    answered = sum(bool(_ANSWER_START.search(t)) for t in blocks.values())
    return (asked + answered) / len(blocks) >= 0.15


def _guest(known: list[str], role: dict[str, str], units: list[Unit], alias: dict[str, str]) -> str | None:
    guests = [s for s in known if role.get(s) == "guest"]
    if len(guests) == 1:
        return guests[0]
    if len(known) == 1:
        return known[0]
    if not known:
        return None
    counts = {s: 0 for s in known}
    for u in units:
        for name in mentions(u.text, alias):
            counts[name] += 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


_QUOTE_REPORTED = re.compile(
    r"(?:(?P<src>[^、。「」\s]{1,24})(?:は|が|も))?「(?P<q>[^「」]+)」(?=\s*(?:と|って|という|とか))"
    r"|(?P<src2>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})\s(?:said|says|told|wrote|sagte|sagt|schrieb)[:,]?\s[“\"](?P<q2>[^”\"]+)[”\"]"
)
# What every match of ``_QUOTE_REPORTED`` contains: the closing bracket before
# "と"/"って", or the verb before the opening quote. Trying the optional source
# at every position of every sentence is the costly part; most sentences lack both.
_QUOTE_REPORTED_WORDS = re.compile(r"」\s*(?:と|って)|(?:said|says|told|wrote|sagte|sagt|schrieb)[:,]?\s[“\"]")


def span_voices(text: str, units: list[Unit], voices: list[Voice], speakers: list[str] | None = None) -> list[VoiceSpan]:
    """Stretches inside a sentence with a voice of their own, sorted by start.

    Author's asides ("（湯川解説：…）") are the writer's wherever they stand; in
    write-ups (not in dialogue, where a speaker quoting someone still asserts
    it) words quoted from someone ("…人々は「…17年ここにいた…」という感じでした")
    are reported speech of the quoted person.
    """
    alias = aliases([s for s in (speakers or []) if s.strip()])
    out: list[VoiceSpan] = []
    for a, b in author_asides(text):
        out.append(VoiceSpan(a, b, None, "author", calibrated_rule("aside")))
    for u, v in zip(units, voices):
        if v.attribution not in ("author", "reported"):
            continue
        if not _QUOTE_REPORTED_WORDS.search(u.text):
            continue
        for m in _QUOTE_REPORTED.finditer(u.text):
            raw = m.group("src") or m.group("src2") or ""
            src = _source_name(raw, alias) if raw else None
            q = "q" if m.group("q") else "q2"
            out.append(VoiceSpan(u.start + m.start(q), u.start + m.end(q), src, "reported", calibrated_rule("quote")))
    return sorted(out, key=lambda v: (v.start, v.end))


def voice_of(doc: ParsedDocument, sentence: Sentence, offset: int) -> tuple[str | None, str, float]:
    """(speaker, attribution, confidence) of the words at document ``offset`` in ``sentence``.

    The sentence's voice, unless the offset falls in one of the document's
    :func:`span_voices` (an author's aside, a quotation in a write-up).
    """
    spans = doc.voice_spans
    k = bisect_right(spans, offset, key=lambda v: v.start) - 1
    # spans never nest deeper than an aside holding a quotation: look back a little
    for v in spans[max(0, k - 3) : k + 1][::-1]:
        if v.start <= offset < v.end:
            return v.speaker, v.attribution, v.confidence
    return sentence.speaker, sentence.attribution, sentence.speaker_confidence


# --- calibration -------------------------------------------------------------


@lru_cache(maxsize=1)
def _calibration() -> dict:
    return yaml.safe_load(_data_file("speaker_calibration.yaml")) or {}


def calibrated_posterior(p: float) -> float:
    """Observed accuracy of dialogue decisions made with posterior ``p`` (piecewise constant)."""
    table = _calibration().get("posterior") or []
    for row in table:
        if p <= float(row["upto"]):
            return float(row["accuracy"])
    return round(p, 3)


def calibrated_rule(rule: str) -> float:
    """Observed accuracy of a reported-speech rule on the gold; 1.0 for labels."""
    rules = _calibration().get("rules") or {}
    if rule in rules:
        return float(rules[rule])
    return 1.0 if rule == "labelled" else 0.5
