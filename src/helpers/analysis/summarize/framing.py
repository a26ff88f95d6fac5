"""What a spoken document says it is about. A show's framing: the sentence of its opening that says what the
episode is about ("In this episode we look at …", "Today we check in with …", "In dieser Folge sprechen wir über …",
「今回は…についてお話しします」), which show notes open with, as an article's lede opens a story. A talk's thesis: the
sentence where the speaker states their message ("My message is simple: …", "Meine Botschaft ist …",
「私が一番伝えたいのは…」), which a talk's description restates."""

from __future__ import annotations

import re
from collections.abc import Sequence

_FRAMING = re.compile(
    r"\b(?:in\s+(?:this|today's)\s+(?:episode|show)|on\s+(?:this|today's)\s+(?:episode|show)|today\s+on\s+the\s+show|"
    r"(?:today|this\s+week),?\s+(?:we|I)(?:'ll|'re|\s+will|\s+are)?\s+(?:\w+\s+)?(?:talk|discuss|look|dig|dive|"
    r"explore|check|hear|sit|explain|cover|start|get)|"
    r"the\s+(?:main\s+)?topic\s+(?:today|of\s+(?:this|today's)\s+(?:episode|show))|"
    r"we(?:'re|\s+are)\s+(?:going\s+to\s+)?(?:talk|talking|look|looking|discuss|discussing|dig|digging|start|"
    r"starting)\s+(?:about|at|into|with)|"
    r"in\s+dieser\s+(?:folge|episode|ausgabe|sendung)|heute\s+(?:sprechen|reden|geht\s+es|schauen|blicken)\b|"
    r"(?:das\s+)?thema\s+(?:dieser|der\s+heutigen|heute)|wir\s+sprechen\s+(?:heute\s+)?(?:über|mit))|"
    r"今回(?:は|の(?:テーマ|エピソード))|本日のテーマ|今日のテーマ|今日は.{0,30}(?:について|を取り上げ)",
    re.IGNORECASE,
)
_OPENING_SHARE = 0.25  # the opening: the first quarter of a show
_OPENING_MIN = 8  # (or its first eight sentences)


def is_framing(text: str) -> bool:
    """Whether a sentence says what the episode is about (``_FRAMING``)."""
    return bool(_FRAMING.search(text))


def framing(texts: Sequence[str], candidates: Sequence[int]) -> int | None:
    """The first candidate sentence of a show's opening that frames the episode, or None."""
    limit = max(_OPENING_MIN, int(len(texts) * _OPENING_SHARE))
    return next((i for i in candidates if i < limit and is_framing(texts[i])), None)


_THESIS = re.compile(
    r"\b(?:my|our|the)\s+(?:(?:main|central|simple|key|one|core|big|whole)\s+)?(?:message|argument|point|thesis|"
    r"claim|contention|proposal)\s+(?:of\s+(?:this|my|today's)\s+talk\s+)?(?:today\s+|here\s+|tonight\s+)?(?:is|was)\b|"
    r"\bi(?:'m|\s+am)\s+here\s+(?:today\s+)?to\s+(?:argue|convince|propose|persuade)|"
    r"\bi\s+(?:want|would\s+like|'d\s+like)\s+to\s+(?:argue|convince\s+you|propose|persuade\s+you)|"
    r"\bwhat\s+i\s+want\s+you\s+to\s+(?:take\s+away|remember)|"
    r"\b(?:meine|unsere|die)\s+(?:(?:zentrale|einfache|wichtigste)\s+)?(?:botschaft|these|kernaussage)\s+"
    r"(?:heute\s+)?(?:ist|lautet)\b|\bich\s+(?:möchte|will)\s+sie\s+(?:heute\s+)?(?:davon\s+)?überzeugen|"
    r"(?:私|わたし)が(?:一番|最も|今日|本日)?(?:伝えたい|言いたい|お伝えしたい|申し上げたい)(?:こと|の)は|"
    r"(?:私|わたし)の(?:メッセージ|主張)は",
    re.IGNORECASE,
)


def is_thesis(text: str) -> bool:
    """Whether a sentence states the speaker's message (``_THESIS``)."""
    return bool(_THESIS.search(text))
