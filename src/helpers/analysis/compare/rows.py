"""Frames read as plain-Python rows, and the short forms of ids and values the findings write."""

from __future__ import annotations

import math
import re
from collections import namedtuple
from functools import lru_cache
from typing import Any

import pandas as pd


def short_id(doc_id: str) -> str:
    """``000_a86c1cdb2fa65775`` -> ``000``; other ids unchanged."""
    m = re.match(r"^(\d+)_[0-9a-f]{8,}$", doc_id)
    return m.group(1) if m else doc_id


def as_text(x: object) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


def _text_column(s: pd.Series) -> pd.Series:
    """A column as plain str, missing values as "" (vectorized: ``map(as_text)`` costs seconds on large corpora)."""
    return s.astype(object).where(s.notna(), "").astype(str)


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain-Python dicts; several times faster than ``to_dict("records")`` on extension dtypes."""
    cols = list(df.columns)
    return [dict(zip(cols, vals)) for vals in zip(*(df[c].astype(object).tolist() for c in cols))]


def row_tuples(df: pd.DataFrame, limit: int | None = None) -> list[Any]:
    """``df.itertuples()`` (the first ``limit`` rows) without walking text columns element by element,
    which cost more than the HTML made of them in the comparison report.

    Typed ``Any``: each row is a namedtuple whose fields are the frame's columns, known only at run time."""
    fields = _row_type(("Index", *map(str, df.columns)))
    part = df if limit is None else df.iloc[:limit]
    # one object array of the whole frame: its cells are the Python values itertuples gives
    return [fields._make((i, *row)) for i, row in zip(part.index.tolist(), part.to_numpy(dtype=object).tolist())]


@lru_cache(maxsize=64)
def _row_type(fields: tuple[str, ...]) -> type[Any]:
    return namedtuple("Pandas", fields, rename=True)
