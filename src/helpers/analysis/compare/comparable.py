"""Whether two figures can contradict each other: a known and equal subject, measure, period and framing.

A ``conflict`` says two figures about the same thing cannot both hold. That
needs, on both sides (issue 26):

- a **subject** the text states: a figure whose owner is only the document's
  main subject, a generic party, or nobody ("Our company has been around for
  six years" in a podcast about Meta) is nobody's in particular, unless the
  speaker works for that subject (a CFO's "Revenue of $39.3 billion" on her
  company's call);
- a **period**: a flow (revenue, capex) with no stated period, or a forecast
  for an unstated time, may be any quarter or year;
- the same **framing** (``helpers.claims.framing``): guidance or a forecast
  against an actual is never a conflict, a statement about a whole class
  ("language models in general", with no owner named in the clause)
  contradicts no one model's figure, and a next
  or previous generation's figure is about another period than the current one;
- guidance of **the same date**: a company's outlook given months apart is a
  revision ($75B in February, $85B in July), not a contradiction;
- the same **scale**: figures more than ``SCALE_DECADES`` powers of ten apart
  measure different things of one dimension (a chip's 100 W against a data
  center's 100 MW), not the same thing wrongly.

Where one side fails, the verdict is ``unverified`` and the detail says which
condition failed. Subject, measure and period equality itself is the group key's
job (``keys``); this module judges the figures a group holds.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ...claims.framing import status_of
from ...claims.subjects import period_key, person_for_speaker
from .rules import TIME_VARYING, same_time
from .views import ClaimView

# Two figures further apart than this (in powers of ten) are different things of one dimension.
SCALE_DECADES = 2.0
# Subject bases that do not say whose figure it is (helpers.claims.subjects): the document's main
# subject is a guess, another party's figure is not the group's subject's, and none is nobody's.
_UNKNOWN_SUBJECT = frozenset({"", "document", "other_party"})
_STATUS_WORDS = {"actual": "an actual", "guidance": "guidance", "forecast": "someone else's forecast"}


def subject_known(c: ClaimView) -> bool:
    if not c.subject:
        return False
    if c.subject_basis == "document":
        return _speaker_works_for(c.speaker, c.subject)
    return c.subject_basis not in _UNKNOWN_SUBJECT


@lru_cache(maxsize=1024)
def _speaker_works_for(speaker: str, subject: str) -> bool:
    person = person_for_speaker(speaker)
    return person is not None and person.owner == subject


def _needs_period(c: ClaimView) -> bool:
    # a topic that does not change over time (Llama 3's training tokens) holds whatever the date
    return not c.topic or c.topic in TIME_VARYING


def period_reason(c: ClaimView) -> str:
    """Why the figure's period is unknown, or ""."""
    if not _needs_period(c):
        return ""
    if not c.period:
        return "period unknown on one side (a flow with no stated period)"
    if c.period_basis == "outlook":
        return "period unknown on one side (a forecast for an unstated time)"
    return ""


def framing_reason(c: ClaimView) -> str:
    """Why the figure's framing keeps it from contradicting a figure of the current period, or ""."""
    if c.generic and c.subject_basis != "clause":
        # "language models in general", unless the clause names whose models ("Meta's language models")
        return "a general statement, not one owner's figure"
    if c.status == "forecast":
        return "a forecast by someone else, not the owner's figure"
    if c.generation:
        return f"periods differ: the {c.generation} generation, not the current one"
    return ""


def unjudgeable(c: ClaimView) -> str:
    """Why ``c`` cannot be called conflicting with anything, or "" when it can."""
    reason = framing_reason(c) or period_reason(c)
    if reason:
        return reason
    if not subject_known(c):
        return "subject unknown on one side"
    return ""


def rival_key(c: ClaimView) -> str:
    """The framing figures must share to contradict each other: the status, for guidance the quarter it was
    given in, for a power figure what it is the power of (a chip's, a rack's or a site's), and the product version
    its clause names (Llama 2's tokens are not Llama 3's)."""
    key = f"guidance{period_key('@' + c.event_date)}" if c.status == "guidance" and c.event_date else c.status
    return "|".join((key, c.holder, c.version))


def holder_words(c: ClaimView) -> str:
    """What a power figure is the power of, in words: "a chip's", "a rack's" or "a site's"."""
    return f"a {c.holder or 'site'}'s"


def revision_reason(c: ClaimView, given_on: str) -> str:
    """Why ``c`` (guidance) does not contradict guidance given on ``given_on``, or ""."""
    if c.status == "guidance" and c.event_date and given_on and not same_time(c.event_date, given_on):
        return f"guidance given on {c.event_date} against guidance of {given_on}: a revision, not a conflict"
    return ""


def status_words(status: str) -> str:
    return _STATUS_WORDS.get(status, status)


@lru_cache(maxsize=1024)
def _ledger_status(text: str) -> str:
    return status_of(text, "en")


def ledger_status(row) -> str:
    """The framing of a ledger figure, read from its key and statement ("2025 capex guidance", "outlook raised")."""
    key = str(getattr(row, "topic_key", "") or "").replace("_", " ")
    return _ledger_status(f"{key}. {getattr(row, 'statement', '') or ''}")


def decades_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    def mid(r: tuple[float, float]) -> float:
        hi = r[1] if not math.isinf(r[1]) else r[0]
        return max((r[0] + hi) / 2, 1e-300)

    return abs(math.log10(mid(a)) - math.log10(mid(b)))


def scale_window(rng: tuple[float, float]) -> tuple[float, float]:
    """The values a figure of the same scale can take: within SCALE_DECADES powers of ten of the stated range."""
    f = 10.0**SCALE_DECADES
    return (rng[0] / f, rng[1] * f if math.isfinite(rng[1]) else math.inf)
