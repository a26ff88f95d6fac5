"""The records of quantity extraction: the ``Quantity`` it returns and the readings it builds on the way.

A *core* (``_Core``) is a numeral found in the text with its value; a *reading* (``_Q``) is a
core with its unit, qualifier and span attached; ``_UnitHit`` is a unit written after a number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """One quantity in a sentence; ``start``/``end`` are offsets into that sentence's text."""

    start: int
    end: int
    surface: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str
    vague: bool
    qualifier: str
    unit_surface: str = ""  # the unit as written (km, ドル, Megawatts); empty for bare numbers
    change: str = ""  # in a movement ("fell from $90 to $62", "down 424p to 5,512p"): from, by or to; else empty


@dataclass
class _Core:
    start: int
    end: int
    low: float
    high: float
    vague: bool = False
    kind: str = "num"  # num | version | year | fraction | date | size
    scaled: bool = False  # carries its own scale (万/億/Millionen/billion)
    word: bool = False  # spelled-out number
    unit: str = ""  # a unit the numeral itself carries (三割: percent, 2倍: multiple)


@dataclass
class _Q:
    start: int
    end: int
    low: float
    high: float
    unit: str
    mult: float
    vague: bool
    qualifier: str
    explicit_unit: bool
    kind: str
    raw_low: float
    raw_high: float
    scaled: bool
    offset: float = 0.0  # base = raw * mult + offset (temperatures only)
    unit_surface: str = ""
    change: str = ""  # from | by | to: the value's part in a movement (see Quantity)


@dataclass(frozen=True)
class _UnitHit:
    unit: str
    mult: float
    offset: float
    end: int
    surface: str


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    for s, e in spans:  # noqa: SIM110  (a loop, not any() over a generator: asked for every number and span)
        if a < e and s < b:
            return True
    return False


def _spans(cores: list[_Core]) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in cores]
