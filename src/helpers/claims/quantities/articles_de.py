"""German's indefinite article as one of a unit: "ein Gigawatt", "einem Terabyte", "um ein Prozent".

German says one with the article ("ein", "eine", "einem", "einen", "einer"), and before a unit of length, power,
energy, data or a percentage it states an amount whatever follows ("Ein Gigawatt kostet 50 Milliarden Dollar", "das
Rechenzentrum braucht ein Gigawatt"), as English "one gigawatt" does. Before other nouns it stays an article ("ein
Mann", "eine Frage"), and after a number it is no amount ("5 Euro ein Kilometer").
"""

from __future__ import annotations

import re

from .. import units
from .model import _Core

_ARTICLE = re.compile(
    r"(?<![\w-])(?:[Ee]in|[Ee]ine|[Ee]inem|[Ee]inen|[Ee]iner)"
    r"(?=\s(?:(?:Kilo|Mega|Giga|Tera|Peta|Exa|Zenti|Milli)?(?:[Ww]att|[Mm]eter|[Bb]yte|[Jj]oule)|Prozent))"
)
# lengths, power, energy, data and shares: what "ein" before the unit always states an amount of
_UNITS = frozenset({"meter", "watt", "joule", "byte", "byte_per_second", "percent", "percentage_point"})


def article_units_de(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """Cores for "ein"/"eine"/"einem" and its inflections right before a unit of ``_UNITS`` (value one)."""
    cores: list[_Core] = []
    for m in _ARTICLE.finditer(text) if "ein" in text or "Ein" in text else ():
        hit = units.unit_after(text, m.end(), "de", words_only=True)
        if hit is None or hit.info.unit not in _UNITS:
            continue
        if any(ch.isdigit() for word in text[max(0, m.start() - 16) : m.start()].split()[-2:] for ch in word):
            continue  # "5 Euro ein Kilometer": a price per unit, not one unit
        if not any(s < m.end() and m.start() < e for s, e in blocked):
            cores.append(_Core(m.start(), m.end(), 1.0, 1.0, word=True))
    return cores
