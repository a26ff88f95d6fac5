"""The reference ledger (``references/reference_facts.csv``): published figures to check claims against.

The ledger is plain CSV a researcher extends by hand. Each row is one published
figure with its date (``as_of``) and source. Columns ``topic`` and ``measure``
tie a row to the claims lexicon; ``base_unit`` names the claims unit the value
is compared in and ``scale`` (default 1) converts the row's own unit to it
(e.g. GW -> watts is 1e9, a fraction -> percent is 100).

Loading validates every row and reports every bad one, each with its CSV line,
in one :class:`~helpers.exceptions.LedgerError`.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pandas as pd

from ..claims.lexicon import UNITS
from ..claims.topics import topics_where
from ..exceptions import ConfigurationError, LedgerError
from ..tables import Column, TableSpec
from ..text.safeload import BoundExceeded, read_regular

REQUIRED_COLUMNS = (
    "topic_key",
    "topic",
    "measure",
    "value",
    "value_low",
    "value_high",
    "unit",
    "base_unit",
    "scale",
    "as_of",
    "statement",
    "source_title",
    "source_url",
)
# Columns a ledger may have; older ledgers without them still load.
OPTIONAL_COLUMNS = ("subject", "period")
# A hand-kept ledger of a few thousand figures is well under a megabyte.
MAX_LEDGER_BYTES = 16_000_000
# Rows whose value is a date or a name rather than a quantity.
NON_NUMERIC_BASE_UNITS = frozenset({"date", "text"})
BASE_UNITS = frozenset(UNITS) | NON_NUMERIC_BASE_UNITS

_PERIOD = re.compile(r"^(?:FY)?\d{4}(?:-Q[1-4])?$|^end-\d{4}$|^@?\d{4}-\d{2}(?:-\d{2})?$")
# Dates are often known only to the month, or as "2025-07/08" (July or August).
_AS_OF = re.compile(r"^(\d{4})(?:-(\d{2})(?:/(\d{2})|-(\d{2}))?)?$")

LEDGER = TableSpec(
    "reference_facts",
    "the reference ledger of published figures (input, in the repository)",
    (
        Column("topic_key", "str", "Unique key of the ledger row (cited as `reference` in findings)."),
        Column("topic", "str", "Claims topic the figure belongs to (empty: context only, never compared)."),
        Column(
            "measure",
            "str",
            "What exactly is measured inside the topic (e.g. h100_count vs h100_equivalents); empty = any.",
        ),
        Column(
            "value",
            "str",
            "The figure in the row's own unit (a number; an ISO date when base_unit is date; a name when text).",
        ),
        Column("value_low", "str", "Lower bound when the source gives a range or 'over N' (empty = value)."),
        Column("value_high", "str", "Upper bound when the source gives a range or 'almost N' (empty = value)."),
        Column("unit", "str", "The row's own unit, as the source states it."),
        Column(
            "base_unit",
            "str",
            "Claims unit the value is compared in (gpu, usd, token, percent, watt, ...; date/text = not numeric).",
        ),
        Column("scale", "str", "Multiplier from the row's unit to base_unit (empty = 1)."),
        Column("as_of", "str", "Date the figure was published or refers to: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM/MM."),
        Column("statement", "str", "What the source says, in a sentence a researcher can check."),
        Column("source_title", "str", "Title of the source (required)."),
        Column("source_url", "str", "Address of the source (required)."),
        Column(
            "subject",
            "str",
            "Whose figure it is (a name from claims/data/entities.yaml, e.g. Meta); optional, empty = the topic's "
            "subject.",
        ),
        Column(
            "period",
            "str",
            "When the figure holds, written like claims.csv `period` (2024, FY2025, 2024-Q4, 2024-12, end-2024); "
            "optional, empty = any period. A claim with a stated period is checked only against rows of a compatible "
            "period.",
        ),
        Column("line", "int", "Line of the row in the CSV file (added on load)."),
        Column("as_of_date", "str", "as_of as an ISO date, first day of the period (added on load)."),
        Column("value_base", "float", "value x scale (added on load; NaN for non-numeric rows).", nullable=True),
        Column("low_base", "float", "Lower bound x scale (added on load).", nullable=True),
        Column(
            "high_base",
            "float",
            "Upper bound x scale; inf when the source says 'over N' (added on load).",
            nullable=True,
        ),
    ),
    path="references/reference_facts.csv",
)


def _number(text: str, *, field: str, path: str, line: int, required: bool) -> float:
    text = text.strip()
    if not text:
        if required:
            raise ConfigurationError(f"{field} is empty but a number is required", path=path, line=line)
        return math.nan
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise ConfigurationError(f"{field} {text!r} is not a number", path=path, line=line) from None
    if math.isnan(value) or math.isinf(value):
        raise ConfigurationError(f"{field} {text!r} is not a finite number", path=path, line=line)
    return value


def as_of_date(text: str) -> str | None:
    """``"2025-07/08"`` -> ``"2025-07-01"``; ``"2015"`` -> ``"2015-01-01"``; None if not a date."""
    m = _AS_OF.match(text.strip())
    if not m:
        return None
    year, month, _alt_month, day = m.groups()
    month = month or "01"
    day = day or "01"
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}-{month}-{day}"


def _validate_row(row: dict[str, str], *, path: str, line: int) -> dict[str, object]:
    key = row["topic_key"].strip()
    if not key:
        raise ConfigurationError("topic_key is empty", path=path, line=line)
    for field in ("source_title", "source_url"):
        if not row[field].strip():
            raise ConfigurationError(f"{key}: missing source ({field} is empty)", path=path, line=line)
    base_unit = row["base_unit"].strip()
    if base_unit not in BASE_UNITS:
        raise ConfigurationError(
            f"{key}: unknown base_unit {base_unit!r} (known: {', '.join(sorted(BASE_UNITS))})", path=path, line=line
        )
    date = as_of_date(row["as_of"])
    if date is None:
        raise ConfigurationError(f"{key}: as_of {row['as_of']!r} is not a date", path=path, line=line)
    out: dict[str, object] = {c: row[c].strip() for c in REQUIRED_COLUMNS}
    for c in OPTIONAL_COLUMNS:
        out[c] = (row.get(c) or "").strip()
    period = str(out["period"])
    if period and not _PERIOD.match(period):
        raise ConfigurationError(
            f"{key}: period {period!r} is not a period (2024, FY2025, 2024-Q4, 2024-12, end-2024)", path=path, line=line
        )
    out["line"] = line
    out["as_of_date"] = date
    if base_unit in NON_NUMERIC_BASE_UNITS:
        if base_unit == "date" and as_of_date(row["value"]) is None:
            raise ConfigurationError(f"{key}: value {row['value']!r} is not a date", path=path, line=line)
        out.update(value_base=math.nan, low_base=math.nan, high_base=math.nan)
        return out
    scale = _number(row["scale"], field=f"{key}: scale", path=path, line=line, required=False)
    scale = 1.0 if math.isnan(scale) else scale
    value = _number(row["value"], field=f"{key}: value", path=path, line=line, required=True)
    low = _number(row["value_low"], field=f"{key}: value_low", path=path, line=line, required=False)
    high = _number(row["value_high"], field=f"{key}: value_high", path=path, line=line, required=False)
    # "over N" is written as value_low without value_high: the figure is a floor.
    if not math.isnan(low) and math.isnan(high):
        high = math.inf
    low = value if math.isnan(low) else low
    high = value if math.isnan(high) else high
    if low > high:
        raise ConfigurationError(f"{key}: value_low {low} exceeds value_high {high}", path=path, line=line)
    out.update(value_base=value * scale, low_base=low * scale, high_base=high * scale)
    return out


def load_ledger(path: str | Path) -> pd.DataFrame:
    """Read and validate the ledger; one row per figure, CSV order, plus normalized columns.

    Raises :class:`ConfigurationError` for an unreadable file or header (only
    a regular file of at most ``MAX_LEDGER_BYTES`` is read), and
    :class:`LedgerError` listing every bad row (with its CSV line): a
    non-numeric value where a number is required, a missing source, an
    unknown base unit, an unreadable date, a duplicate key, or CSV the reader
    cannot follow (an unbalanced quote, a field over ``csv``'s limit), after
    which the rest of the file is not read.
    """
    p = str(path)
    text = _ledger_text(Path(path))
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = next(reader)
    except StopIteration:
        raise ConfigurationError("empty ledger (no header)", path=p, line=1) from None
    except csv.Error as e:
        raise ConfigurationError(f"unreadable CSV header: {e}", path=p, line=1) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ConfigurationError(f"missing column(s): {', '.join(missing)}", path=p, line=1)
    rows: list[dict[str, object]] = []
    problems: list[ConfigurationError] = []
    seen: dict[str, int] = {}
    next_line = reader.line_num + 1
    for fields in _records(reader, p, problems):
        line = next_line
        next_line = reader.line_num + 1
        if not any(f.strip() for f in fields):
            continue
        try:
            if len(fields) != len(header):
                swallowed = any("\n" in f for f in fields)
                hint = " (a quote that is never closed takes in the lines after it)" if swallowed else ""
                raise ConfigurationError(f"expected {len(header)} fields, found {len(fields)}{hint}", path=p, line=line)
            row = _validate_row(dict(zip(header, fields)), path=p, line=line)
            key = str(row["topic_key"])
            if key in seen:
                raise ConfigurationError(f"duplicate topic_key {key!r} (first on line {seen[key]})", path=p, line=line)
        except ConfigurationError as e:
            problems.append(e)
            continue
        seen[key] = line
        rows.append(row)
    if problems:
        raise LedgerError(problems)
    return pd.DataFrame(rows, columns=LOADED_COLUMNS)


def _ledger_text(path: Path) -> str:
    p = str(path)
    try:
        data = read_regular(path, MAX_LEDGER_BYTES)
    except FileNotFoundError:
        raise ConfigurationError("ledger file not found", path=p) from None
    except OSError as e:
        raise ConfigurationError(f"cannot read the ledger: {e.strerror or e}", path=p) from None
    except BoundExceeded as e:
        raise ConfigurationError(f"the ledger: {e.message}", path=p) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ConfigurationError(f"not UTF-8 text (byte {e.start})", path=p) from None


def _records(reader, path: str, problems: list[ConfigurationError]):
    """The reader's records until one it cannot read, which is recorded with its line (the rest is not trusted)."""
    while True:
        start = reader.line_num + 1
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            hint = " (a quote that is never closed?)" if "end of data" in str(e) or "field limit" in str(e) else ""
            problems.append(ConfigurationError(f"unreadable CSV from here on: {e}{hint}", path=path, line=start))
            return


LOADED_COLUMNS = LEDGER.names


def empty_ledger() -> pd.DataFrame:
    """A ledger with no figures (every claim is then unverified)."""
    return pd.DataFrame(columns=LOADED_COLUMNS)


def rows_for_topic(ledger: pd.DataFrame, topic: str) -> pd.DataFrame:
    """Numeric ledger rows of one topic, in file order."""
    numeric = ~ledger["base_unit"].isin(NON_NUMERIC_BASE_UNITS)
    return ledger[(ledger["topic"] == topic) & numeric]


def known_versions(ledger: pd.DataFrame, product_topic: str | None = None) -> dict[str, str]:
    """Released version strings -> release date, from rows with measure ``release`` of ``product_topic``
    (None: of every topic whose figures are versions, ``versions: true`` in topics.yaml)."""
    topics = {product_topic} if product_topic is not None else topics_where("versions")
    rows = ledger[ledger["topic"].isin(topics) & (ledger["measure"] == "release")]
    return {str(r.value): str(r.as_of_date) for r in rows.itertuples()}


def product_first_years(ledger: pd.DataFrame) -> dict[str, int]:
    """Product name -> first year it existed, from ``product_release`` rows (name in ``measure``)."""
    rows = ledger[ledger["topic"] == "product_release"]
    return {str(r.measure): int(r.value_base) for r in rows.itertuples()}
