"""When a figure holds: the period a text states or implies, resolved against the event date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .clauses import Resolved, _all

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ein": 1, "einem": 1, "zwei": 2,
              "drei": 3, "vier": 4, "fünf": 5, "sechs": 6}  # fmt: skip
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4,
        "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "1": 1, "2": 2, "3": 3, "4": 4, "１": 1, "２": 2, "３": 3,
        "４": 4, "一": 1, "二": 2, "三": 3, "四": 4}  # fmt: skip
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
_MONTHS.update({m: i + 1 for i, m in enumerate(
    ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"])})
_Y = r"((?:19|20)\d{2})"
_QWORD = r"(first|second|third|fourth|ersten|zweiten|dritten|vierten|erste|zweite|dritte|vierte)"

_TARGET_YEAR = re.compile(rf"(?:end of|by the end of|by end of|year-end|Ende|bis Ende|Jahresende)\s+{_Y}|{_Y}\s*年末", re.IGNORECASE)
_TARGET = re.compile(
    r"by the end of (?:the|this) year|end (?:of )?(?:the|this) year|by year[- ]end|"
    r"Ende (?:des|dieses) Jahres|bis Jahresende|zum Jahresende|今年末|年末(?:まで|に|時点)", re.IGNORECASE)
_QUARTER_YEAR = re.compile(
    rf"\bQ([1-4])\s*(?:of\s*)?(FY\s?)?'?{_Y}\b|\b{_QWORD}\s+(?:fiscal\s+)?quarter\s+of\s+(fiscal\s+)?{_Y}|"
    rf"{_Y}年(?:度)?(?:の)?第([1-4１-４一二三四])四半期|\b([1-4])\.\s*(?:Geschäfts)?[Qq]uartal\s+(?:des\s+Geschäftsjahres\s+)?{_Y}|"
    rf"\b{_QWORD}\s+(Geschäfts)?[Qq]uartal\w*\s+{_Y}", re.IGNORECASE)
_FISCAL_YEAR = re.compile(rf"\bfiscal(?:\s+year)?\s+{_Y}|\bFY\s?'?((?:19|20)?\d{{2}})\b|Geschäftsjahr(?:es)?\s+{_Y}|{_Y}年度", re.IGNORECASE)
_QUARTER = re.compile(
    rf"\bQ([1-4])\b|\b{_QWORD}\s+(fiscal\s+)?quarter|\b{_QWORD}\s+(Geschäfts)?[Qq]uartal|"
    r"\b([1-4])\.\s*(Geschäfts)?[Qq]uartal|第([1-4１-４一二三四])四半期", re.IGNORECASE)
_THIS_QUARTER = re.compile(r"this quarter|current quarter|(?:laufenden?|aktuellen?) Quartal|今四半期", re.IGNORECASE)
_THIS_FISCAL = re.compile(r"(?:this|current) fiscal year|(?:laufenden?|aktuellen?) Geschäftsjahr|今年度|今期", re.IGNORECASE)
_REL_YEAR = re.compile(
    r"(this year|dieses Jahr|diesem Jahr|in diesem Jahr|今年|本年)|(last year|im vergangenen Jahr|vergangenes Jahr|"
    r"letztes Jahr|letzten Jahr|昨年|去年)|(next year|nächstes Jahr|im nächsten Jahr|kommendes Jahr|来年)", re.IGNORECASE)
_AGO = re.compile(r"((?<!\d)\d+|one|two|three|four|five|six)\s+months?\s+ago|vor\s+(\d+|einem|zwei|drei|vier|fünf|sechs)\s+Monat(?:en)?|((?<!\d)\d+)\s*[かヶカケ]月前", re.IGNORECASE)
_MONTH_EN_DE = re.compile(
    r"(?:as of|on|in|by|at the end of|Ende|im|zum)\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?:\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d|[.,]\d))?(?:,?\s+" + _Y + ")?",
    re.IGNORECASE,
)
_MONTH_JA = re.compile(rf"(?:{_Y}年)?(\d{{1,2}})月(末|(\d{{1,2}})日)?")
_YEAR = re.compile(rf"(?<![0-9]){_Y}(?:年(?!度|末)|(?![0-9年]))")
_NOW = re.compile(r"\b(?:now|currently|today|at present)\b|\b(?:jetzt|derzeit|heute|aktuell|inzwischen|zurzeit)\b|今は|現在|現時点|目下", re.IGNORECASE)
_OUTLOOK = re.compile(
    r"\b(?:expect\w*|anticipat\w*|forecast\w*|guidance|outlook|will|plan\w*|on track)\b|"
    r"erwart\w*|in Aussicht|Prognose|prognostiz\w*|\bwill\b|\bsoll\w*\b|見込|予想|予定|計画|見通し", re.IGNORECASE)


def _date(text: str) -> dt.date | None:
    m = re.match(r"@?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", text or "")
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 7), int(m.group(3) or 1))


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _resolve_quarter(q: int, event: dt.date, outlook: bool) -> str:
    """A quarter named without a year: the latest ended by the event, or for an outlook the first not ended."""
    for year in ((event.year - 1, event.year, event.year + 1) if outlook else (event.year, event.year - 1)):
        end_month = q * 3
        end = dt.date(year + (end_month == 12), 1 if end_month == 12 else end_month + 1, 1) - dt.timedelta(days=1)
        if outlook and end >= event:
            return f"{year}-Q{q}"
        if not outlook and end <= event:
            return f"{year}-Q{q}"
    return f"{event.year}-Q{q}"


def _resolve_month(month: int, day: int | None, event: dt.date, outlook: bool) -> str:
    year = event.year
    if outlook:
        if month < event.month:
            year += 1
    elif month > event.month or (month == event.month and day is not None and day > event.day):
        year -= 1
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


def _nearest(matches: Iterable[re.Match[str]], at: int) -> re.Match[str] | None:
    return min(matches, key=lambda m: (abs(m.start() - at), m.start()), default=None)


def period_in(text: str, at: int, event_date: str, outlook: bool, now_words: bool = True) -> Resolved | None:
    """The period ``text`` states for a figure at ``at`` (nearest expression wins within a kind)."""
    event = _date(event_date)
    m = _nearest(_all(_TARGET_YEAR, text), at)
    if m:
        return Resolved(f"end-{m.group(1) or m.group(2)}", "target")
    if _all(_TARGET, text) and event:
        return Resolved(f"end-{event.year}", "target")
    m = _nearest(_all(_QUARTER_YEAR, text), at)
    if m:
        g = m.groups()
        if g[0]:
            return Resolved(f"{'FY' if g[1] else ''}{g[2]}-Q{g[0]}", "stated")
        if g[3]:
            return Resolved(f"{'FY' if g[4] else ''}{g[5]}-Q{_ORD[g[3].lower()]}", "stated")
        if g[6]:
            return Resolved(f"{g[6]}-Q{_ORD[g[7]]}", "stated")
        if g[8]:
            return Resolved(f"{g[9]}-Q{g[8]}", "stated")
        return Resolved(f"{'FY' if g[11] else ''}{g[12]}-Q{_ORD[g[10].lower()]}", "stated")
    m = _nearest(_all(_FISCAL_YEAR, text), at)
    if m:
        year = next(x for x in m.groups() if x)
        year = year if len(year) == 4 else f"20{year}"
        return Resolved(f"FY{year}", "stated")
    if event:
        m = _nearest(_all(_QUARTER, text), at)
        if m:
            g = m.groups()
            raw = g[0] or g[1] or g[3] or g[5] or g[7]
            q = _ORD.get(raw.lower(), 0) if raw else 0
            if q:
                return Resolved(_resolve_quarter(q, event, outlook), "relative")
        if _all(_THIS_QUARTER, text):
            return Resolved(f"{event.year}-Q{_quarter_of(event)}", "relative")
        if _all(_THIS_FISCAL, text):
            return Resolved(f"FY{event.year}", "relative")
        m = _nearest(_all(_AGO, text), at)
        if m:
            raw = (m.group(1) or m.group(2) or m.group(3)).lower()
            n = int(raw) if raw.isdigit() else _NUM_WORDS.get(raw, 1)
            month0 = event.year * 12 + event.month - 1 - n
            return Resolved(f"@{month0 // 12}-{month0 % 12 + 1:02d}-{min(event.day, 28):02d}", "relative")
        m = _nearest(_all(_MONTH_EN_DE, text), at)
        if m:
            month = _MONTHS[m.group(1).lower()]
            day = int(m.group(2)) if m.group(2) else None
            if m.group(3):
                return Resolved(f"{m.group(3)}-{month:02d}" + (f"-{day:02d}" if day else ""), "stated")
            return Resolved(_resolve_month(month, day, event, outlook), "relative")
        m = _nearest((x for x in _all(_MONTH_JA, text) if 1 <= int(x.group(2)) <= 12), at)
        if m:
            month = int(m.group(2))
            day = int(m.group(4)) if m.group(4) else None
            if m.group(1):
                return Resolved(f"{m.group(1)}-{month:02d}" + (f"-{day:02d}" if day else ""), "stated")
            return Resolved(_resolve_month(month, day, event, outlook), "relative")
    m = _nearest(_all(_YEAR, text), at)
    if m:
        return Resolved(m.group(1), "stated")
    if event_date and now_words and _all(_NOW, text):
        return Resolved(f"@{event_date}", "relative")
    if event:
        m = _nearest(_all(_REL_YEAR, text), at)
        if m:
            shift = 0 if m.group(1) else (-1 if m.group(2) else 1)
            return Resolved(str(event.year + shift), "relative")
    return None


def period_key(period: str) -> str:
    """The key figures are grouped by: points in time fall into their quarter ("@2025-01-29" -> "@2025-Q1")."""
    if not period:
        return ""
    m = re.fullmatch(r"@?(\d{4})-(\d{2})(?:-\d{2})?", period)
    if m:
        return f"@{m.group(1)}-Q{(int(m.group(2)) - 1) // 3 + 1}"
    return period


def point_in_time(period: str) -> dt.date | None:
    """The date of a point-in-time period (a day, a month, or "as of the event"), else None."""
    if period.startswith("@") or re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", period or ""):
        return _date(period)
    return None
