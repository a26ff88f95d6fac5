"""One SudachiPy tokenizer per process (loading the dictionary costs ~0.3 s)."""

from __future__ import annotations

from functools import lru_cache

from sudachipy import Dictionary, SplitMode, Tokenizer

# SudachiPy refuses inputs over 49,149 bytes; callers tokenize per sentence,
# and anything longer is cut into pieces below this size.
MAX_TOKENIZE_BYTES = 49_000


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    return Dictionary(dict="core")


@lru_cache(maxsize=1)
def tokenizer() -> Tokenizer:
    return dictionary().tokenizer(mode=SplitMode.C)


def tokenize(text: str):
    """Tokenize ``text`` safely whatever its length; yields (offset, morpheme)."""
    tok = tokenizer()
    offset = 0
    for chunk in _chunks(text):
        for m in tok.tokenize(chunk):
            yield offset + m.begin(), m
        offset += len(chunk)


def morphemes(text: str):
    """The morphemes of ``text`` whatever its length, without offsets (``tokenize`` gives them)."""
    tok = tokenizer()
    for chunk in _chunks(text):
        yield from tok.tokenize(chunk)


def _chunks(text: str):
    if len(text.encode("utf-8")) <= MAX_TOKENIZE_BYTES:
        yield text
        return
    # Worst case 4 bytes per char: cut at a char count that is always safe,
    # preferring a newline or sentence end near the cut.
    step = MAX_TOKENIZE_BYTES // 4
    i = 0
    while i < len(text):
        j = min(len(text), i + step)
        if j < len(text):
            for k in range(j, max(i, j - 500), -1):
                if text[k - 1] in "\n。！？.!?":
                    j = k
                    break
        yield text[i:j]
        i = j
