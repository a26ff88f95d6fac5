"""How a figure is framed: an actual, the owner's guidance, someone else's forecast, a general statement,
another generation.

Two figures can contradict each other only when they are framed alike: a
quarter's actual capital expenditure and next year's guidance, analysts'
estimate and the company's outlook, "language models in general" and one
model's figure, a next-generation cluster and the current one are all
different statements (issue 26). The cue words of all three languages live in
one lexicon, ``data/framing.yaml``; the functions read the figure's own clause.

``frame_of(sentence, surface, lang)`` gives a ``Frame``:

``status``
    ``actual`` (no cue), ``guidance`` (the owner's outlook, plan or target:
    "we expect", "will", "in Aussicht", "見込み") or ``forecast`` (someone
    else's estimate: "analysts expect", "Konsens", "市場予想");
``generic``
    the clause speaks of a whole class ("in general", "language models",
    "generell", "一般的に"), not of one owner;
``generation``
    ``next`` or ``previous`` when the clause names another generation than the
    current one ("next-generation cluster", "Vorgänger", "次世代"), else "".

The claims table carries them as the columns ``FRAME_COLUMNS``, filled at each
claim's own offset (``helpers.claims.subjects.annotate``); a table written
before they existed is framed by the comparison from each claim's ``context``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..text.safeload import load_yaml

STATUSES = ("actual", "guidance", "forecast")
FRAME_COLUMNS = ("status", "generic", "generation")
GENERATIONS = ("", "next", "previous")
_KINDS = (
    "forecast",
    "not_guidance",
    "guidance",
    "generic",
    "next_generation",
    "previous_generation",
    "past",
    "contrast",
)
_LANGS = ("en", "de", "ja")

# Clause boundaries: sentence ends, semicolons, colons, commas followed by a space, 、 and brackets, dashes.
_CLAUSE_SPLIT = re.compile(r"[。！？!?;；:：]|、|,\s|\(|\)|（|）|\s[–—]\s")


@dataclass(frozen=True)
class Frame:
    status: str = "actual"
    generic: bool = False
    generation: str = ""


def _cue_pattern(cue: str) -> str:
    if cue.isascii() and cue[:1].isupper() and " " not in cue and cue.lower() != cue and not cue.isupper():
        # a capitalised German noun also heads or ends a compound (Umsatzprognose): a substring
        return re.escape(cue.lower())
    if cue.isascii():
        end = r"(?![A-Za-z])" if len(cue) <= 4 else ""
        return r"(?<![A-Za-z])" + re.escape(cue.lower()) + end
    return re.escape(cue.lower())


@lru_cache(maxsize=1)
def _patterns() -> dict[tuple[str, str], re.Pattern[str] | None]:
    raw = load_yaml(resources.files("helpers.claims").joinpath("data/framing.yaml").read_text("utf-8"))
    out: dict[tuple[str, str], re.Pattern[str] | None] = {}
    for kind in _KINDS:
        by_lang = raw.get(kind) or {}
        unknown = set(by_lang) - set(_LANGS)
        if unknown:
            raise ValueError(f"framing.yaml: {kind} has cues for unknown languages {sorted(unknown)}")
        for lang in _LANGS:
            cues = [str(c) for c in by_lang.get(lang) or ()]
            # longest first, so that "previous cluster generation" wins over "previous generation"
            alts = "|".join(_cue_pattern(c) for c in sorted(cues, key=len, reverse=True))
            out[(kind, lang)] = re.compile(alts) if alts else None
    return out


def _has(kind: str, lang: str, clause: str) -> bool:
    pattern = _patterns().get((kind, lang if lang in _LANGS else "en"))
    return pattern is not None and pattern.search(clause.lower()) is not None


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause of ``sentence`` that holds the characters start..end begins and ends."""
    left = 0
    for m in _CLAUSE_SPLIT.finditer(sentence, 0, max(start, 0)):
        left = m.end()
    right = _CLAUSE_SPLIT.search(sentence, max(end, start, 0))
    return left, right.start() if right else len(sentence)


def clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` that holds the characters start..end (the whole sentence without boundaries)."""
    left, right = clause_bounds(sentence, start, end)
    return sentence[left:right]


def status_of(clause: str, lang: str) -> str:
    """``forecast``, ``guidance`` or ``actual`` for a figure whose clause is ``clause``."""
    if _has("forecast", lang, clause):
        return "forecast"
    if _has("guidance", lang, clause):
        # "in line with expectations" reports an actual: drop those words and look again
        pattern = _patterns().get(("not_guidance", lang if lang in _LANGS else "en"))
        rest = pattern.sub(" ", clause.lower()) if pattern is not None else clause
        if _has("guidance", lang, rest):
            return "guidance"
    return "actual"


def generation_of(clause: str, lang: str) -> str:
    """``next``, ``previous`` or "" (the current generation, or none named)."""
    if _has("next_generation", lang, clause):
        return "next"
    if _has("previous_generation", lang, clause):
        return "previous"
    return ""


def frame_of(sentence: str, surface: str, lang: str, start: int | None = None) -> Frame:
    """The frame of a figure written as ``surface`` in ``sentence`` (at offset ``start`` when known)."""
    at = start if start is not None and sentence[start : start + len(surface)] == surface else sentence.find(surface)
    if at < 0 or not surface:
        return frame_of_clause(sentence, lang)
    return frame_in_sentence(sentence, *clause_bounds(sentence, at, at + len(surface)), lang)


def frame_in_sentence(sentence: str, left: int, right: int, lang: str) -> Frame:
    """The frame of a figure whose clause is ``sentence[left:right]``; a clause with no cue and no verb of its own
    that follows the owner's outlook in the same sentence is that outlook's ("We plan 63 to 64 restaurants, about
    55 company-owned and 8 to 9 franchised"; "we expect growth of 4%, and revenue growth of 20% to 21%")."""
    frame = frame_of_clause(sentence[left:right], lang)
    if frame.status != "actual" or left <= 0:
        return frame
    pattern = _patterns().get(("guidance", lang if lang in _LANGS else "en"))
    lower = sentence[:right].lower()
    cues = list(pattern.finditer(lower, 0, left)) if pattern is not None else []
    last = cues[-1] if cues else None
    # a verb that reports what happened, a contrast or a "now" between the outlook and the figure ends its reach
    if last is None or any(_has(k, lang, lower[last.end() :]) for k in ("past", "contrast")):
        return frame
    if _has("not_guidance", lang, lower[last.start() : left]):
        return frame
    return Frame("guidance", frame.generic, frame.generation)


def says_past(text: str) -> bool:
    """Whether ``text`` reports what happened (a past-tense verb of any of the languages: was, stieg, でした)."""
    return any(_has("past", lang, text) for lang in _LANGS)


def frame_of_clause(clause: str, lang: str) -> Frame:
    """The frame of a figure whose own clause is ``clause``."""
    return Frame(status_of(clause, lang), _has("generic", lang, clause), generation_of(clause, lang))
