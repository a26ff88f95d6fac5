"""The lowercased word runs of a sentence, read once and shared by the finders' cheap pre-checks.

A pattern ``(?i)\\b(?:w1|w2|...)\\b`` over letter-only words matches a sentence exactly when one of its maximal
``\\w`` runs, lowercased, is one of the words. That holds for ASCII text only (under IGNORECASE ``ſ`` reads as
``s`` and ``K`` (Kelvin) as ``k``, which ``str.lower`` does not do), so other text gets ``None``: test it with
the pattern itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_RUN = re.compile(r"\w+")


@lru_cache(maxsize=512)
def word_runs(text: str) -> frozenset[str] | None:
    """The set of lowercased maximal word runs of an ASCII ``text``; ``None`` when the text is not ASCII."""
    if not text.isascii():
        return None
    return frozenset(_RUN.findall(text.lower()))


def runs_table(words: Iterable[str]) -> frozenset[str] | None:
    """``words`` as a set to test word runs against, or ``None`` when a word is not letters only (then the
    equivalence above does not hold and callers keep their pattern)."""
    table = frozenset(w.lower() for w in words)
    return table if all(w.isascii() and w.isalpha() for w in table) else None
