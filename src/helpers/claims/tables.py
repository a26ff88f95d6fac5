"""Units a table names in its headers: data rows whose figures are bare numbers.

News and call transcripts print data as tables whose units sit in a caption or a header, not beside each figure:

* a caption's scale ("jobs data, in 1,000s:", "(in millions, except per share data)", "in Mio. Euro",
  "（単位：百万円）") scales the bare counts of the rows below it, to the next blank line (or through the markdown
  table right after it); a table of money ("in millions") is in the currency of the last amount of money before it;
* a row's own label names its unit ("Jobless rate (pct): Aug 5.1", "Earnings per hour (dlrs): Aug 25.09",
  "Average weekly hours: Aug 34.6", "Arbeitslosenquote (in %)", "失業率（％）"), which wins over the caption's
  scale; a per-share row is a rate and never scaled;
* a markdown table's header cells name their column's unit ("Change (pct)", "Change (pts)"); the rows of a table
  of stock indices are index points.

Only bare amounts (a count with no unit written, not vague) are given a unit; a row's figures the sentence reader
did not take (a number right after a month's name, "June 206") are added when their unit is known.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..text.model import Sentence
from . import units
from .quantities import Quantity

_SCALES = (
    (
        re.compile(r"(?i)\b(?:in\s)?(?:1,000s|000s|thousands)\b|\bin\sTausend\b|\bin\sTsd\b|（?千(?:人|円|ドル|台|件)"),
        1e3,
    ),
    (re.compile(r"(?i)\bin\smillions\b|\b(?:in\s)?Mio\b|\bin\sMillionen\b|百万"), 1e6),
    (re.compile(r"(?i)\bin\sbillions\b|\b(?:in\s)?Mrd\b|\bin\sMilliarden\b"), 1e9),
    (re.compile(r"億"), 1e8),
)
_PERCENT = re.compile(r"(?i)\((?:pct|percent|per\scent|%)\)|\bin\s(?:%|Prozent)|（\s*[%％]\s*）|\(％\)")
_POINTS = re.compile(r"(?i)\((?:pts|points|Punkte)\)|（ポイント）")
_CURRENCY = (
    (re.compile(r"(?i)\((?:dlrs|\$|usd|dollars)\)|\bin\s(?:US-)?Dollar\b|ドル"), "usd"),
    (re.compile(r"(?i)\((?:eur|€|euro)\)|\bEuro\b|€"), "eur"),
    (re.compile(r"円"), "jpy"),
)
_PER_HOUR = re.compile(r"(?i)\bper\shour\b|\bhourly\b|Stundenlohn|時給")
_PER_SHARE = re.compile(r"(?i)\bper\sshare\b|\bEPS\b|je\sAktie|1株")
_HOURS = re.compile(r"(?i)\bhours\b|\bStunden\b|時間")
_PEOPLE = re.compile(r"(?i)\b(?:unemployed|jobless|persons|people)\b|Arbeitslose|Erwerbstätige|失業者|人）")
_INDEX_ROW = re.compile(r"(?i)^\s*(?:Dow|S&P|Nasdaq|FTSE|DAX|CAC|Nikkei|TOPIX|Hang\sSeng|Russell|Stoxx|日経)")
_COLON = re.compile(r"[:：]")
_CAPTION = "\x00caption"  # a caption line among the rows: its own scale word is no amount
_RANK_COLUMN = re.compile(r"(?i)place|rank|pos\.?|position|no\.|#|platz|rang|順位")
# a bare figure of a row: digits not glued to a word, a unit, a time or a date
_FIGURE = re.compile(r"(?<![\w.,:/$€£¥-])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\w%$€£¥:/]|[.,]\d|\s?(?:percent|per\scent)\b)")


def _scale(s: str) -> float:
    return next((f for p, f in _SCALES if p.search(s)), 1.0)


def _currency(s: str) -> str:
    return next((u for p, u in _CURRENCY if p.search(s)), "")


def _unit_of(label: str, column: str, scope: str, money: str) -> tuple[str, float] | None:
    """The unit and factor of a bare figure under ``scope`` (the caption), in a row ``label`` and ``column``."""
    heads = label + " " + column
    if _PERCENT.search(heads) or (_PERCENT.search(scope) and not _scale(heads) > 1):
        return "percent", 1.0
    currency = _currency(heads) or _currency(scope)
    if _PER_SHARE.search(label):
        return (currency or money or "usd") + "_per_share", 1.0
    if _PER_HOUR.search(label) and (currency or money):
        return (currency or money) + "_per_hour", 1.0
    if _HOURS.search(label):
        return "duration_second", 3600.0
    if _POINTS.search(heads) or _INDEX_ROW.search(label):
        return "index_point", 1.0
    scale = _scale(heads) if _scale(heads) > 1 else _scale(scope)
    if currency or (scale >= 1e6 and money):
        return currency or money, scale
    if scale > 1:
        return ("person" if _PEOPLE.search(label) else "count"), scale
    return None


def _marked(s: str) -> bool:
    return _scale(s) > 1 or _PERCENT.search(s) is not None or _currency(s) != "" or _POINTS.search(s) is not None


def _is_caption(line: str) -> bool:
    """A line naming what the rows below it hold: "jobs data, in 1,000s:", "(in millions, except per share data)"."""
    return (
        line.endswith((":", "："))
        and not re.search(r"[:：]\s*\S", line)
        or (line.startswith(("(", "（")) and line.endswith((")", "）")) and _marked(line))
    )


def _cells(line: str) -> list[tuple[int, int]]:
    """The spans of a markdown row's cells, relative to the line."""
    bars = [m.start() for m in re.finditer(r"\|", line)]
    return [(a + 1, b) for a, b in zip(bars, bars[1:], strict=False)]


def _rows(text: str) -> list[tuple[int, int, str, list[tuple[int, int, str]]]]:
    """Each data row as (line start, line end, caption scope, [(start, end, unit-heads)] of its figure spans)."""
    rows: list[tuple[int, int, str, list[tuple[int, int, str]]]] = []
    scope, blank_ok = "", False
    header: list[str] = []
    pos = 0
    for line in text.split("\n"):
        start, end, pos = pos, pos + len(line), pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            scope, header = (scope, header) if blank_ok else ("", [])
            blank_ok = False
            continue
        blank_ok = False
        if stripped.startswith("|"):
            cells = _cells(line)
            if not header:
                header = [line[a:b] for a, b in cells]
            elif not re.fullmatch(r"[|\s:-]+", stripped):
                label = line[cells[0][0] : cells[0][1]] if cells else ""
                spans = [
                    (start + a, start + b, label + "\t" + (header[i] if i < len(header) else ""))
                    for i, (a, b) in enumerate(cells)
                    if i > 0 or header and _RANK_COLUMN.fullmatch(header[0].strip())  # a first column of places
                ]
                rows.append((start, end, scope, spans))
            continue
        header = []
        if _is_caption(stripped):
            scope, blank_ok = stripped, True
            rows.append((start, end, _CAPTION, []))
            continue
        colon_at = _COLON.search(line)
        if colon_at is not None:
            colon = colon_at.start()
            if scope or _marked(line[:colon]):
                rows.append((start, end, scope, [(start + colon + 1, end, line[:colon] + "\t")]))
    return rows


def table_units(text: str, found: list[tuple[Sentence, list[Quantity]]]) -> list[tuple[Sentence, list[Quantity]]]:
    """``found`` with the units of table headers given to the bare figures of data rows (see the module note)."""
    if "\n" not in text or not ("|" in text or ":" in text or "：" in text):
        return found
    rows = _rows(text)
    if not rows:
        return found
    spans = [(a, b, scope, heads) for _, _, scope, cells in rows for a, b, heads in cells]
    captions = [(a, b) for a, b, scope, _ in rows if scope == _CAPTION]
    out: list[tuple[Sentence, list[Quantity]]] = []
    money, k, c = "", 0, 0
    for sent, qs in found:
        new: list[Quantity] = []
        taken = [(sent.to_doc_offset(q.start), sent.to_doc_end(q.end)) for q in qs]
        for q, (ds, _de) in zip(qs, taken, strict=True):
            while k < len(spans) and spans[k][1] <= ds:
                k += 1
            cell = spans[k] if k < len(spans) and spans[k][0] <= ds else None
            while c < len(captions) and captions[c][1] <= ds:
                c += 1
            if q.vague and q.unit == "count" and c < len(captions) and captions[c][0] <= ds:
                continue  # "(in millions, except per share data)": the table's scale, not an amount
            if cell is not None and not q.unit_surface and not q.vague and q.value is not None:
                label, _, column = cell[3].partition("\t")
                if q.unit == "count" and _RANK_COLUMN.fullmatch(column.strip()):
                    continue  # a results table's place
                unit = _unit_of(label, column, cell[2], money)
                if unit is not None and q.unit in ("count", unit[0]):
                    q = _in_unit(q, *unit)
            if units.is_currency(q.unit):  # the last money said: the currency of a table "in millions"
                money = q.unit
            new.append(q)
        if not sent.pieces:
            new += _untaken(text, sent, taken, spans, money)
        out.append((sent, sorted(new, key=lambda q: (q.start, q.end))))
    return out


def _in_unit(q: Quantity, unit: str, factor: float) -> Quantity:
    def f(v: float | None) -> float | None:
        return None if v is None else v * factor

    return replace(q, unit=unit, value=f(q.value), value_low=f(q.value_low), value_high=f(q.value_high))


def _untaken(
    text: str, sent: Sentence, taken: list[tuple[int, int]], spans: list[tuple[int, int, str, str]], money: str
) -> list[Quantity]:
    """Figures of the rows inside ``sent`` that no reading took, when their unit is known."""
    out: list[Quantity] = []
    for a, b, scope, heads in spans:
        if b <= sent.start or a >= sent.end:
            continue
        label, _, column = heads.partition("\t")
        unit = _unit_of(label, column, scope, money)
        if unit is None:
            continue
        for m in _FIGURE.finditer(text, max(a, sent.start), min(b, sent.end)):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            raw = float(m.group().replace(",", ""))
            i = m.start() - sent.start
            q = Quantity(i, i + len(m.group()), m.group(), raw, raw, raw, "count", False, "")
            out.append(_in_unit(q, *unit))
    return out
