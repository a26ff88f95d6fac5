"""The clause around a figure, cached pattern look-ups over a sentence, and a value read with its basis.

Every claim of a sentence asks the same questions about the same sentence, so the look-ups are cached.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

_CLAUSE_SPLIT = re.compile(r"[。！？!?;；:：]|、|,\s|\(|\)|（|）|\s[–—]\s")


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: between the nearest clause marks (、 , ; : parentheses) on either side."""
    starts, ends = _clause_marks(text)
    # a mark that ends by the figure's start bounds the clause on the left (marks do not overlap: ends are sorted too)
    i = bisect.bisect_right(ends, start)
    left = ends[i - 1] if i else 0
    j = bisect.bisect_left(starts, end)
    right = starts[j] if j < len(starts) else len(text)
    return left, right


@lru_cache(maxsize=4096)
def _clause_marks(text: str) -> tuple[list[int], list[int]]:
    marks = list(_CLAUSE_SPLIT.finditer(text))
    return [m.start() for m in marks], [m.end() for m in marks]


@lru_cache(maxsize=16384)
def _has(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the pattern occurs in the text, cached: every claim of a sentence asks about the same sentence."""
    return pattern.search(text) is not None


def _lang_key(lang: str) -> str:
    return lang if lang in ("ja", "de") else "en"


@lru_cache(maxsize=8192)
def _all(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str], ...]:
    """Every match of a period pattern in a text, cached: each claim of a sentence looks for the nearest one."""
    return tuple(pattern.finditer(text))


@dataclass(frozen=True)
class Resolved:
    """A subject or period read for a figure, and the basis it was read on (clause, speaker, stated, relative ...)."""

    value: str
    basis: str
