"""Tidy tables, each defined once: columns, types and meaning.

A ``TableSpec`` is the single definition of a table. The pandera schema that
checks it, the typed empty frame, the CSV writer, the type restoration on load
and the data dictionary in ``reports/README.md`` are all derived from it. The
specs themselves live with the stage that writes the table (``text.frames``,
``claims.extract``, ``analysis.compare`` ...); ``build.datadict`` lists them all.

Text columns hold empty strings, never NaN or ``None``, under every pandas
the project allows: a missing speaker is ``""`` in memory and an empty cell
in the CSV.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

KINDS = ("str", "int", "float", "bool")
# What a number or flag column holds once coerced, by (kind, nullable).
_DTYPES = {("int", False): "int64", ("int", True): "Int64", ("float", False): "float64", ("float", True): "float64",
           ("bool", False): "bool", ("bool", True): "bool"}  # fmt: skip


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # one of KINDS
    meaning: str
    nullable: bool = False  # numbers that may be missing (empty in the CSV)
    isin: tuple[str, ...] | None = None  # allowed values of a text column
    min_value: float | None = None
    pattern: str | None = None  # regular expression a non-empty text value must match
    non_empty: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str  # file stem: data/<name>.csv
    description: str  # one line for the data dictionary
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()  # columns that together identify a row
    ordered: tuple[tuple[str, str], ...] = ()  # (low, high): low <= high wherever both are set
    path: str = ""  # where the data dictionary says the table lives; default data/<name>.csv
    _schema: list = field(default_factory=list, compare=False, repr=False)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def location(self) -> str:
        return self.path or f"data/{self.name}.csv"

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def dictionary(self) -> dict[str, str]:
        return {c.name: c.meaning for c in self.columns}

    def frame(self, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
        """A typed frame from row dicts (missing keys are empty)."""
        rows = list(rows)
        df = pd.DataFrame([{n: r.get(n) for n in self.names} for r in rows], columns=self.names)
        return self.coerce(df)

    def empty(self) -> pd.DataFrame:
        return self.frame([])

    def coerce(self, df: pd.DataFrame, skip: AbstractSet[str] = frozenset(), *, copy: bool = True) -> pd.DataFrame:
        """Give every column its declared type; text columns get "" for missing values. ``skip``: columns already typed.

        ``copy=False`` lets the result share the columns it did not convert with ``df``
        (for a frame the caller made for this and drops).
        """
        # Columns are converted apart and the frame built once: assigning them one by one into a
        # copy cost a third of a millisecond each, and a document's report reads five small tables.
        out: dict[str, Any] = {}
        kinds = {c.name: c for c in self.columns}
        for name in df.columns:
            s, c = df[name], kinds.get(name)
            if c is None or name in skip or (c.kind != "str" and str(s.dtype) == _DTYPES[c.kind, c.nullable]):
                out[name] = s  # already typed: the CSV reader gives most numbers their type
            elif c.kind == "int":
                if c.nullable:
                    out[name] = pd.to_numeric(s.replace("", math.nan), errors="coerce").astype("Int64")
                else:
                    out[name] = pd.to_numeric(s).astype("int64")
            elif c.kind == "float":
                out[name] = pd.to_numeric(s.replace("", math.nan), errors="coerce").astype("float64")
            elif c.kind == "bool":
                if s.dtype == object or str(s.dtype).startswith("str"):
                    # a plain loop: Series.map with a lambda costs 6x as much on a corpus's sentences
                    s = pd.Series(
                        [v if isinstance(v, bool) else str(v).lower() == "true" for v in s.tolist()], index=s.index
                    )
                out[name] = s.astype(bool)
            else:
                out[name] = _text(s)
        return pd.DataFrame(out, index=df.index, columns=df.columns, copy=copy)

    def schema(self):
        """The pandera schema (built on first use: importing pandera costs ~0.5 s)."""
        if not self._schema:
            self._schema.append(_build_schema(self))
        return self._schema[0]

    def validate(self, df: pd.DataFrame) -> pd.DataFrame:
        return self.schema().validate(df)

    def read_csv(self, path: str | Path) -> pd.DataFrame:
        """Read the table with the types the writer meant (ids like "001" stay text)."""
        return self.parse_csv(Path(path).read_bytes())

    def parse_csv(self, data: bytes, columns: Sequence[str] = ()) -> pd.DataFrame:
        """:meth:`read_csv` of a file's bytes already in memory; only ``columns`` (in that order) when given.

        The CSV is still tokenized whole, but the other columns are not converted:
        a corpus report that counts sentences needs two of the sentences table's fourteen.
        """
        # The header is one line of our own column names: the csv module reads it for a
        # hundredth of what a pandas read of no rows costs.
        names = list(columns) or next(csv.reader([data.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8")]), [])
        numeric = self._numeric()
        text = {c: str for c in names if c not in numeric}
        df = pd.read_csv(
            io.BytesIO(data), usecols=list(columns) or None, dtype=text, keep_default_na=False,
            na_values={c: [""] for c in numeric if c in names},
        )  # fmt: skip
        if list(df.columns) != names:
            df = df[names]
        # Every table is read in every notebook run: undoing what the writer did costs
        # a pass over every text cell, so it is made only when some cell was marked.
        if any(mark in data for mark in _MARKED_CELL_STARTS):
            for c in text:
                df[c] = df[c].map(restore_cell)
        # Text read as text (never NaN with keep_default_na=False) is already what coerce would make it.
        return self.coerce(df, skip={c.name for c in self.columns if c.kind == "str" and c.name in text}, copy=False)

    def _numeric(self) -> set[str]:
        return {c.name for c in self.columns if c.kind in ("int", "float")}


def _text(s: pd.Series) -> pd.Series:
    def one(v: Any) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            return ""
        return str(v)

    return pd.Series([one(v) for v in s], index=s.index, dtype=object).astype(str)


def _build_schema(spec: TableSpec):
    import pandera.pandas as pa

    columns = {}
    for c in spec.columns:
        checks = []
        if c.min_value is not None:
            checks.append(pa.Check.ge(c.min_value))
        if c.isin is not None:
            checks.append(pa.Check.isin(c.isin))
        if c.pattern is not None:
            checks.append(pa.Check(lambda s, p=c.pattern: (s == "") | s.str.fullmatch(p), error=f"matches {c.pattern}"))
        if c.non_empty:
            checks.append(pa.Check.str_length(min_value=1))
        if c.kind == "float":
            checks.append(pa.Check(lambda s: s.isna() | (s.abs() < math.inf), error="finite"))
        dtype = (
            "Int64"
            if c.kind == "int" and c.nullable
            else {"str": str, "int": int, "float": float, "bool": bool}[c.kind]
        )
        columns[c.name] = pa.Column(dtype, checks, nullable=c.nullable)
    table_checks = [
        pa.Check(lambda df, a=a, b=b: df[a].isna() | df[b].isna() | (df[a] <= df[b]), error=f"{a} <= {b}")
        for a, b in spec.ordered
    ]
    return pa.DataFrameSchema(columns, checks=table_checks, unique=list(spec.unique) or None, strict=True, ordered=True)


# OWASP CSV injection: a spreadsheet evaluates a cell that begins with one of
# these as a formula (=HYPERLINK(...), +cmd|...). Researchers open the tables in
# spreadsheets, and sentences are quoted from documents anyone may have written.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_MARK = "'"  # what spreadsheets themselves use to say "this cell is text"


def neutralise_cell(value: Any) -> Any:
    """A text value as written to CSV: one ``'`` in front when it begins with a formula start or with ``'``.

    Quoting a leading ``'`` too keeps the change reversible:
    :func:`restore_cell` gives back the original text exactly.
    """
    if isinstance(value, str) and value.startswith(_TEXT_MARK_STARTS):
        return _TEXT_MARK + value
    return value


# How a marked cell starts in the CSV text: after a separator, a line end or an opening quote.
_MARKED_CELL_STARTS = tuple(f"{before}{_TEXT_MARK}".encode() for before in (",", "\n", '"'))


_TEXT_MARK_STARTS = (*FORMULA_STARTS, _TEXT_MARK)


def restore_cell(value: str) -> str:
    """The text :func:`neutralise_cell` was given."""
    return value[1:] if value.startswith(_TEXT_MARK) else value


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """Deterministic CSV: fixed line ending, no index, UTF-8, text cells neutralised. The one writer of every table."""
    return csv_parts(df)[0]


def csv_parts(df: pd.DataFrame) -> tuple[bytes, bool]:
    """:func:`to_csv_bytes`, and whether every text cell had to be quoted (a table holding a lone ``\\r``).

    Otherwise each row's bytes depend on that row alone: the CSV of a table is
    its header and the rows' bytes of any split of it, joined in order.
    """
    text = [c for c in df.columns if df[c].dtype == object or str(df[c].dtype) in ("str", "string")]
    marks = _TEXT_MARK_STARTS
    neutralised = {}
    lone_cr = False
    # Every table of a 1,000-document corpus (millions of cells) is written by every build:
    # plain loops over the values, and a column is rebuilt only when one of its cells changes.
    for c in text:
        values = df[c].tolist()
        if any(isinstance(v, str) and v.startswith(marks) for v in values):
            neutralised[str(c)] = [neutralise_cell(v) for v in values]
        # The csv module quotes a field holding "\n" but not a lone "\r", which every
        # reader takes for a line end; such rare tables get every text cell quoted.
        lone_cr = lone_cr or any(isinstance(v, str) and "\r" in v for v in values)
    if neutralised:
        df = df.assign(**{c: pd.Series(v, index=df.index, dtype=df[c].dtype) for c, v in neutralised.items()})
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC if lone_cr else csv.QUOTE_MINIMAL)
    return buf.getvalue().encode("utf-8"), lone_cr
