"""Numbers as people read them: one module for every stage that writes a number as text.

Two styles, each with one job: ``grouped`` for tables (thousands separators,
exact) and ``words`` for sentences and finding details (350,000 stays exact;
480 million and 1.5 billion are easier to read than nine digits).
"""

from __future__ import annotations

import math

import pandas as pd

# Units whose values are names of years or releases: no thousands separators (2024, not 2,024).
_UNSEPARATED_UNITS = frozenset({"year", "version"})


def missing(value: object) -> bool:
    """Whether a table shows ``value`` as an empty cell: None, "", NaN, and pandas' NA and NaT
    (a nullable column's gaps)."""
    if isinstance(value, str):
        return value == ""
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def grouped(value: object) -> str:
    """Thousands separators, up to four significant digits for fractions, scientific only for the very large."""
    if missing(value):
        return ""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if abs(v) >= 1e15:
        return f"{v:.3g}"
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.4g}"


def value(v: object, unit: str) -> str:
    """A claim's value as a reader expects it for its unit: years and versions without separators."""
    if missing(v):
        return ""
    if unit in _UNSEPARATED_UNITS:
        x = float(v)  # type: ignore[arg-type]
        return str(int(x)) if x == int(x) else f"{x:g}"
    return grouped(v)


def number_words(x: float) -> str:
    """Large numbers in words (480 million, 1.5 billion); smaller ones grouped; ∞ for an open bound."""
    if math.isinf(x):
        return "∞"
    ax = abs(x)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if ax >= size:
            return f"{x / size:.3g} {word}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:.3g}"


def range_words(rng: tuple[float, float] | None, unit: str = "") -> str:
    """A value or range in words with its unit: "350,000 gpu", "22,000–24,000 gpu", "≥15 trillion token"."""
    if rng is None:
        return ""
    lo, hi = rng
    if math.isinf(hi):
        text = f"≥{number_words(lo)}"
    elif lo == hi:
        text = number_words(lo)
    elif lo == 0:
        text = f"≤{number_words(hi)}"
    else:
        text = f"{number_words(lo)}–{number_words(hi)}"
    return f"{text} {unit}".strip()
