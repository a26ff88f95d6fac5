"""The tokens of spelled-out numbers, shared by the English and German readers (``spelled``, ``spelled_de``)."""

from __future__ import annotations

import re
import unicodedata

TOKEN = re.compile(r"[A-Za-zÄÖÜäöüß]+|\d+(?:[.,]\d+)?|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]")
# what may stand between two words of one number
_GAP = re.compile(r"(?:\s+|\s*-\s*)")


def joined(text: str, toks: list, k: int) -> bool:
    """Is token k directly joined to token k-1 by spaces or a hyphen (no other punctuation)?"""
    return k < len(toks) and _GAP.fullmatch(text[toks[k - 1][2] : toks[k][1]]) is not None


def vulgar(tok: str) -> float | None:
    if len(tok) == 1 and not tok.isascii():
        try:
            return float(unicodedata.numeric(tok))
        except (TypeError, ValueError):
            return None
    return None


def digit_value(tok: str) -> float | None:
    if tok[0].isdigit():
        try:
            return (
                float(tok.replace(",", ""))
                if "," in tok and "." not in tok and len(tok.split(",")[-1]) == 3
                else float(tok.replace(",", "."))
            )
        except ValueError:
            return None
    return None
