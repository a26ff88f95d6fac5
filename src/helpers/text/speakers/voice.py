"""What the attributor reads and what it answers: a :class:`Unit` in, a :class:`Voice` out."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources


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
    block_kind: str  # heading | paragraph | turn | title (a title that states a figure)
    text: str
    speaker: str | None = None  # from a label
    timestamp: str | None = None


def _data_file(name: str) -> str:
    return resources.files("helpers.text").joinpath("data", name).read_text("utf-8")
