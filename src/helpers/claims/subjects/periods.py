"""When a figure holds: the period a text states or implies, resolved against the event date."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from ..framing import says_past
from .clauses import Resolved, _all
from .period_words import (
    _AGO,
    _BASE_BEFORE,
    _BASE_FIGURE,
    _CHANGE_SAID,
    _COMPARED,
    _FISCAL_YEAR,
    _HALF,
    _HALF_YEAR,
    _LAST_YEARS,
    _LEADS_FIGURE,
    _MONTH_EN_DE,
    _MONTH_JA,
    _MONTHS,
    _NEW_CLAUSE,
    _NEXT_QUARTER,
    _NOW,
    _NUM_WORDS,
    _ORD,
    _OTHER_FISCAL,
    _OWN_FIGURE,
    _PREV_QUARTER,
    _QUARTER,
    _QUARTER_YEAR,
    _REL_YEAR,
    _TARGET,
    _TARGET_YEAR,
    _THE_QUARTER,
    _THE_YEAR,
    _THIS_FISCAL,
    _THIS_QUARTER,
    _TURNING,
    _YEAR,
    _YEAR_AGO_QUARTER,
    _YEAR_BEFORE,
)


def _date(text: str) -> dt.date | None:
    m = re.match(r"@?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", text or "")
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 7), int(m.group(3) or 1))


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _resolve_quarter(q: int, event: dt.date, outlook: bool) -> str:
    """A quarter named without a year: the latest ended by the event, or for an outlook the first not ended."""
    for year in (event.year - 1, event.year, event.year + 1) if outlook else (event.year, event.year - 1):
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


def _resolve_half(h: int, event: dt.date, outlook: bool) -> str:
    """A half named without a year: the latest ended by the event, or for an outlook the first not ended."""
    end = dt.date(event.year, 6, 30) if h == 1 else dt.date(event.year, 12, 31)
    if outlook:
        return f"{event.year + (end < event)}-H{h}"
    return f"{event.year - (end > event)}-H{h}"


def _gap(m: re.Match[str], at: int, end: int) -> int:
    """How far a period expression is from the figure at ``at``..``end``: 0 when it touches it, else to its nearer
    end ("$9.1 billion this quarter and $21.2 billion for the year": each figure takes the phrase after it)."""
    if end <= m.start():
        return m.start() - end
    if at < m.start():
        return 0
    return max(0, at - m.end())


def _shift(quarter: str, n: int) -> str:
    """A quarter key ("2024-Q4", "FY2025-Q4") moved by ``n`` quarters, in its own (calendar or fiscal) years."""
    m = re.fullmatch(r"(FY)?(\d{4})-Q([1-4])", quarter)
    if m is None:
        return ""
    i = int(m.group(2)) * 4 + int(m.group(3)) - 1 + n
    return f"{m.group(1) or ''}{i // 4}-Q{i % 4 + 1}"


def _year_of(quarter: str) -> str:
    """The (calendar or fiscal) year a quarter key belongs to: "FY2025-Q4" -> "FY2025"."""
    return quarter.split("-Q")[0] if "-Q" in quarter else ""


def _bare_quarter(q: int, reported: str, outlook: bool) -> str:
    """Quarter ``q`` named without a year in a document reporting on ``reported``: the latest such quarter up to
    the reported one, or for an outlook the first after it ("For Q1, we expect" on a Q4 call is next year's Q1)."""
    for n in range(1, 5) if outlook else range(0, -4, -1):
        key = _shift(reported, n)
        if key.endswith(f"-Q{q}"):
            return key
    return ""


@lru_cache(maxsize=8192)
def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in _all(pattern, text)]


def _around(pattern: re.Pattern[str], text: str, at: int) -> tuple[re.Match[str], ...]:
    """The matches of ``pattern`` nearest ``at`` on either side: the last starting at or before it and the first after.

    The matches of one pattern do not overlap, so the last to start before ``at`` also ends nearest it; looking
    at two matches keeps a sentence with many figures and many dates linear.
    """
    matches = _all(pattern, text)
    i = bisect.bisect_right(_starts(pattern, text), at)
    return matches[max(0, i - 1) : i + 1]


def _with_year(m: re.Match[str], part: str) -> Resolved:
    """A quarter (part "Q") or half ("H") stated with its year, fiscal when the text says so."""
    g = m.groupdict()
    year = g["y"] if len(g["y"]) == 4 else f"20{g['y']}"
    fiscal = g.get("fy") or g.get("fy2")
    return Resolved(f"{'FY' if fiscal else ''}{year}-{part}{_ORD[g[part.lower()].lower()]}", "stated")


def _fiscal(m: re.Match[str], event: dt.date | None, outlook: bool) -> Resolved:
    year = next(x for x in m.groups() if x)
    return Resolved(f"FY{year if len(year) == 4 else '20' + year}", "stated")


def _quarter(m: re.Match[str], event: dt.date, outlook: bool, reported: str) -> Resolved | None:
    g = m.groups()
    raw = g[0] or g[1] or g[3] or g[5] or g[7] or g[8] or g[9]
    q = _ORD.get(raw.lower(), 0) if raw else 0
    if not q:
        return None
    if reported:
        return Resolved(_bare_quarter(q, reported, outlook), "relative")
    if g[2] or g[4] or g[6]:
        # a fiscal quarter ("fourth fiscal quarter", "vierten Geschäftsquartal") without its year: the company's
        # fiscal calendar is unknown, so is the quarter
        return None
    return Resolved(_resolve_quarter(q, event, outlook), "relative")


def _this_quarter(m: re.Match[str], event: dt.date, outlook: bool, reported: tuple[str, str]) -> Resolved:
    """ "this quarter": the quarter a results document reports on for an actual, else the event's quarter."""
    if reported[0] and not outlook:
        return Resolved(reported[0], "relative")
    return Resolved(f"{event.year}-Q{_quarter_of(event)}", "relative")


def _near_quarter(n: int) -> Resolver:
    """The quarter ``n`` quarters from the reported one ("last quarter" on a call), else from the event's."""

    def resolve(m: re.Match[str], event: dt.date, outlook: bool, reported: tuple[str, str]) -> Resolved:
        base = reported[0] or f"{event.year}-Q{_quarter_of(event)}"
        return Resolved(_shift(base, n), "relative")

    return resolve


def _half(m: re.Match[str], event: dt.date, outlook: bool, reported: tuple[str, str] = ("", "")) -> Resolved:
    raw = next(x for x in m.groups() if x)
    if reported[0] and reported[1]:
        # on a results call a half without its year is one of the reported year's, unless it is over by then (an
        # actual "second half" on a first-quarter call is last year's) or, for an outlook, already past
        h, now = _ORD[raw.lower()], (int(reported[0][-1]) + 1) // 2
        # "the back half", "the front half" is spoken of the year under way
        spoken = raw.lower() in ("front", "back")
        shift = 0 if spoken else -1 if not outlook and h > now else (1 if outlook and h < now else 0)
        year = re.sub(r"\d{4}", lambda y: str(int(y.group(0)) + shift), reported[1])
        return Resolved(f"{year}-H{h}", "relative")
    return Resolved(_resolve_half(_ORD[raw.lower()], event, outlook), "relative")


def _ago(m: re.Match[str], event: dt.date, outlook: bool) -> Resolved:
    raw = (m.group(1) or m.group(2) or m.group(3)).lower()
    n = int(raw) if raw.isdigit() else _NUM_WORDS.get(raw, 1)
    month0 = event.year * 12 + event.month - 1 - n
    return Resolved(f"@{month0 // 12}-{month0 % 12 + 1:02d}-{min(event.day, 28):02d}", "relative")


def _month_en_de(m: re.Match[str], event: dt.date, outlook: bool) -> Resolved:
    month = _MONTHS[m.group(1).lower()]
    day = int(m.group(2)) if m.group(2) else None
    if m.group(3):
        return Resolved(f"{m.group(3)}-{month:02d}" + (f"-{day:02d}" if day else ""), "stated")
    return Resolved(_resolve_month(month, day, event, outlook), "relative")


def _month_ja(m: re.Match[str], event: dt.date, outlook: bool) -> Resolved | None:
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return None
    day = int(m.group(4)) if m.group(4) else None
    if m.group(1):
        return Resolved(f"{m.group(1)}-{month:02d}" + (f"-{day:02d}" if day else ""), "stated")
    return Resolved(_resolve_month(month, day, event, outlook), "relative")


def _rel_year(m: re.Match[str], event: dt.date, outlook: bool, reported: tuple[str, str]) -> Resolved:
    """ "this year", "last year", "next year": on a fiscal-year company's results call its fiscal years around the
    reported one ("next year" on Adobe's Q4 fiscal 2024 call is FY2025), elsewhere calendar years around the event."""
    n = 0 if m.group(1) else (-1 if m.group(2) else 1)
    if reported[1].startswith("FY"):
        # "this year" in an outlook after the fourth quarter is the year ahead; "next year" is always the one after
        return Resolved(f"FY{(_year_number(reported, outlook) if n == 0 else int(reported[1][-4:])) + n}", "relative")
    return Resolved(str(event.year + n), "relative")


def _year_number(reported: tuple[str, str], outlook: bool) -> int:
    """The year a results document's "this year" is: the reported year, or for an outlook given after its fourth
    quarter the next one."""
    year = int(reported[1][-4:])
    return year + 1 if outlook and reported[0].endswith("-Q4") else year


def _year_end(m: re.Match[str], event: dt.date, outlook: bool, reported: tuple[str, str]) -> Resolved:
    """ "by the end of the year", "ended the year at": the end of the reported (fiscal) year on a results document
    (of the next one for an outlook after its fourth quarter), else of the event's year."""
    if reported[1]:
        prefix = "FY" if reported[1].startswith("FY") else ""
        return Resolved(f"end-{prefix}{_year_number(reported, outlook)}", "target")
    return Resolved(f"end-{event.year}", "target")


def _other_fiscal(m: re.Match[str], event: dt.date, outlook: bool, reported: tuple[str, str]) -> Resolved:
    """ "next fiscal year" / 来期 and "last fiscal year" / 前期: the fiscal year after or before the current one."""
    n = 1 if (m.group(1) or m.group(3) or m.group(5)) else -1
    base = _year_number(reported, outlook) if reported[1].startswith("FY") else event.year
    return Resolved(f"FY{base + n}", "relative")


def _the_year(m: re.Match[str], event: dt.date | None, outlook: bool, reported: tuple[str, str]) -> Resolved | None:
    """ "for the full year", "im Gesamtjahr", 通期: the reported year (``_reported``); in a document reporting no
    period, the event's year for an outlook and for an actual the last year that has ended by the event (not for
    通期, the fiscal period)."""
    found = _reported(0, "Y")(m, event, outlook, reported)  # type: ignore[arg-type]
    stated_before = _YEAR_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    # 通期 is a fiscal period: which year it is, the company's calendar says, not the event's
    if found is not None or event is None or reported[0] or stated_before or m.group(0) == "通期":
        return found  # "2025年8月期の通期", "fiscal 2025 full year": the year stated before it
    return Resolved(str(event.year - (0 if outlook else 1)), "relative")


# (match, event date, outlook, (the reported quarter, the reported year)) -> the period
Resolver = Callable[[re.Match[str], dt.date, bool, tuple[str, str]], "Resolved | None"]


def _reported(n: int, part: str) -> Resolver:
    """The reported quarter (``part`` "Q") or its year ("Y") of a results document, or for an outlook the quarter
    after it and that quarter's year; nothing without one."""

    def resolve(m: re.Match[str], event: dt.date, outlook: bool, reported: tuple[str, str]) -> Resolved | None:
        quarter, year = reported
        if outlook and quarter:
            # guidance "for the quarter" is for the one ahead, "for the full year" after a fourth quarter for the next
            quarter = _shift(quarter, 1)
            if year and quarter.endswith("-Q1"):
                year = re.sub(r"\d{4}", lambda y: str(int(y.group(0)) + 1), year)
        value = quarter if part == "Q" else year
        return Resolved(value, "relative") if value else None

    return resolve


# Every kind of period expression, and how it resolves (match, event date, outlook, the quarter the document
# reports on), in the order that breaks a tie between expressions equally near the figure (a quarter with its
# year before the year inside it). The last field: whether the kind needs the event date.
_KINDS: tuple[tuple[tuple[re.Pattern[str], ...], Resolver, bool], ...] = (
    ((_TARGET_YEAR,), lambda m, e, o, r: Resolved(f"end-{next(g for g in m.groups() if g)}", "target"), False),
    # "exiting the year" on a fiscal-year company's call is the end of its fiscal year
    ((_TARGET,), _year_end, True),
    (_QUARTER_YEAR, lambda m, e, o, r: _with_year(m, "Q"), False),
    (_HALF_YEAR, lambda m, e, o, r: _with_year(m, "H"), False),
    ((_FISCAL_YEAR,), lambda m, e, o, r: _fiscal(m, e, o), False),
    ((_QUARTER,), lambda m, e, o, r: _quarter(m, e, o, r[0]), True),
    ((_HALF,), lambda m, e, o, r: _half(m, e, o, r), True),
    ((_THE_QUARTER,), _reported(0, "Q"), False),
    ((_THE_YEAR,), _the_year, False),
    ((_YEAR_AGO_QUARTER,), lambda m, e, o, r: Resolved(_shift(r[0], -4), "relative") if r[0] else None, False),
    ((_PREV_QUARTER,), _near_quarter(-1), True),
    ((_NEXT_QUARTER,), _near_quarter(1), True),
    ((_THIS_QUARTER,), _this_quarter, True),
    ((_THIS_FISCAL,), lambda m, e, o, r: Resolved(r[1] if r[1].startswith("FY") else f"FY{e.year}", "relative"),
     True),
    ((_OTHER_FISCAL,), _other_fiscal, True),
    ((_AGO,), lambda m, e, o, r: _ago(m, e, o), True),
    ((_MONTH_EN_DE,), lambda m, e, o, r: _month_en_de(m, e, o), True),
    ((_MONTH_JA,), lambda m, e, o, r: _month_ja(m, e, o), True),
    ((_YEAR,), lambda m, e, o, r: Resolved(m.group(1), "stated"), False),
    ((_REL_YEAR,), _rel_year, True),
)  # fmt: skip


def period_in(
    text: str, at: int, event_date: str, outlook: bool, now_words: bool = True,
    reported: tuple[str, str] = ("", ""), end: int | None = None, carried: bool = False, before: str = "",
) -> Resolved | None:  # fmt: skip
    """The period ``text`` states for a figure at ``at`` (to ``end``): the nearest expression of any kind (ties by
    kind order).

    ``reported`` is the quarter and the year the document reports on (``reported_period``): "for the quarter",
    "for the full year", "last quarter" and a quarter named without its year are read against them. "now" counts
    only when nothing else is stated, and only when ``now_words``. ``carried`` (a period carried over from the
    sentence before) leaves out periods said of a figure of their own ("... and 21.1% in Q2 FY25"). ``before`` is
    the text before ``text`` (its sentence's, when ``text`` is a clause): a quarter stated there dates "a year
    earlier" in ``text``.
    """
    event = _date(event_date)
    stop = at if end is None else max(at, end)
    best: tuple[int, int, Resolved, re.Match[str]] | None = None
    for rank, (patterns, resolve, needs_event) in enumerate(_KINDS):
        if needs_event and event is None:
            continue
        for pattern in patterns:
            for m in _around(pattern, text, at):
                gap = _gap(m, at, stop)
                if best is not None and (gap, rank) >= best[:2] or _other_figures(m, text, stop):
                    continue
                if carried and _OWN_FIGURE.search(text, max(0, m.start() - 60), m.start()):
                    continue  # carried to the next sentence, a period said of a figure stays that figure's
                # the kinds that need the event date were skipped above when there is none
                found = resolve(m, event, outlook, reported)  # type: ignore[arg-type]
                if found is not None and found.value:
                    best = (gap, rank, found, m)
    if best is not None:
        return _year_ago_quarter(best[2], best[3], text, at, reported, event, before)
    if event_date and now_words and _all(_NOW, text):
        return Resolved(f"@{event_date}", "relative")
    return None


def _other_figures(m: re.Match[str], text: str, stop: int) -> bool:
    """Whether the period ``m`` dates another figure than the one ending at ``stop``: the base of a comparison
    ("12.9% from the first quarter of 2021", "lower than last year"), or one a comparison after the figure
    introduces ("$313.6 million, compared with $249.0 million a year ago")."""
    if _BASE_BEFORE.search(text, max(0, m.start() - 60), m.start()):
        return True
    base = _BASE_FIGURE.search(text, max(0, m.start() - 50), m.start())
    if base is not None and not base.start() < stop <= m.start():
        return True
    if m.start() >= stop and _TURNING.search(text, max(0, m.start() - 30), m.start()):
        return True  # "Turning to the full year, ..." dates what follows it, not the figure before
    if m.start() >= stop and _NEW_CLAUSE.search(text, stop, m.start()) and _LEADS_FIGURE.match(text, m.end()):
        return True  # "up 11%, and for the full year we delivered $21.51 billion": the later figure's period
    return m.start() >= stop and _COMPARED.search(text, stop, m.start()) is not None


def _year_ago_quarter(
    found: Resolved, m: re.Match[str], text: str, at: int, reported: tuple[str, str], event: dt.date | None = None,
    before: str = "",
) -> Resolved:  # fmt: skip
    """On a call reporting a quarter, a year before ("a year ago", and "last year" for a figure it is compared
    with: "up from 31% last year") is the same quarter a year before; elsewhere the year is kept. A quarter said
    with the year before ("Q4 last year", "the fourth quarter a year ago") is that quarter a year before the
    reported (or the event's) year."""
    if m.re is _QUARTER and _LAST_YEARS.match(text, m.end()):
        return _quarter_last_year(found, reported, event)
    if not reported[0] and m.re is _REL_YEAR and m.group(2) and "last" not in m.group(2).lower():
        # "fiscal fourth quarter 2025: revenue of $11.3 billion, up from $7.75 billion a year earlier": the quarter
        # the sentence states, a year before
        hay, pos = before + text, len(before) + at
        stated = [q for p in _QUARTER_YEAR for q in p.finditer(hay, max(0, pos - 120), pos)]
        if stated:
            quarter = _with_year(max(stated, key=lambda q: q.end()), "Q").value
            return Resolved(_shift(quarter, -4), found.basis)
    if not reported[0] or m.re is not _REL_YEAR or not m.group(2):
        return found
    if "last" in m.group(2).lower() and not _BASE_FIGURE.search(text, max(0, at - 40), at):
        return found
    return Resolved(_shift(reported[0], -4), found.basis)


def _quarter_last_year(found: Resolved, reported: tuple[str, str], event: dt.date | None) -> Resolved:
    """Quarter ``found`` in the year before the reported one (the event's, on a document reporting none)."""
    m = re.fullmatch(r"(FY)?(\d{4})-Q([1-4])", found.value)
    if m is None or not (reported[1] or event):
        return found
    year = int(reported[1][-4:]) if reported[1] else event.year  # type: ignore[union-attr]
    prefix = "FY" if reported[1].startswith("FY") else ""
    return Resolved(f"{prefix}{year - 1}-Q{m.group(3)}", found.basis)


def unstated_period(sentence: str, reported: tuple[str, str], outlook: bool) -> str:
    """The period of an actual whose text states none, on a results document: the reported quarter when its
    sentence tells what happened ("Adjusted EBITDA was $34.1 million") or what changed on an earlier period ("Year
    over year our gross margin is up 9 points", "compares with 20.5% a year ago"), else "" (a count as of the event:
    "we serve 620")."""
    if outlook or not reported[0]:
        return ""
    return reported[0] if says_past(sentence) or _CHANGE_SAID.search(sentence) else ""


def _quarter_end(key: str) -> dt.date:
    """The last day of a calendar quarter key ("2024-Q4" -> 2024-12-31)."""
    year, q = int(key[:4]), int(key[-1])
    return dt.date(year + (q == 4), 1 if q == 4 else q * 3 + 1, 1) - dt.timedelta(days=1)


def reported_period(heading: str, event_date: str) -> tuple[str, str]:
    """The quarter and the year a results document reports on, from its title or event ("Tesla Fourth Quarter
    2024 Q&A" -> ("2024-Q4", "2024"), "NVIDIA Q4 FY2025" on 2025-02-26 -> ("2024-Q4", "FY2025"), "Microsoft
    Fiscal Year 2025 Second Quarter" on 2025-01-29 -> ("FY2025-Q2", "FY2025")), or ("", "").

    A fiscal quarter that is the calendar quarter the call follows (the latest one ended by it, as NVIDIA's fourth
    quarter of fiscal 2025 ending in January is the fourth quarter of 2024) is keyed as that calendar quarter, so
    that a report of the call or a "last quarter" said after it meets the call's figures. Any other fiscal quarter
    (Microsoft's second, October to December) keeps its fiscal key: its number is not the calendar quarter's, and
    keyed by it its figures would meet another quarter's ("last quarter" in a podcast of January 2024 is October
    to December 2023, not Microsoft's fourth fiscal quarter of 2024, April to June). The year keeps the fiscal year
    the title names.
    """
    event = _date(event_date)
    for pattern in _QUARTER_YEAR:
        m = pattern.search(heading)
        if m is not None:
            key = _with_year(m, "Q").value
            if not key.startswith("FY") and event is not None and _quarter_end(key) > event:
                # a results call cannot report a quarter that has not ended: "Q4 2025" in February 2025 is a
                # fiscal label (Nvidia's fiscal 2025 ends in January)
                key = f"FY{key}"
            if key.startswith("FY"):
                return (fiscal_quarter_key(key, event_date) if event else ""), _year_of(key)
            return key, _year_of(key)
    return "", ""


def period_key(period: str, event_date: str = "") -> str:
    """The key figures are grouped by: points in time fall into their quarter ("@2025-01-29" -> "@2025-Q1"); with
    the figure's ``event_date``, a fiscal quarter stated with its year is keyed as its own results call keys it
    (``fiscal_quarter_key``)."""
    if not period:
        return ""
    if event_date and period.startswith("FY"):
        return fiscal_quarter_key(period, event_date)
    m = re.fullmatch(r"@?(\d{4})-(\d{2})(?:-\d{2})?", period)
    if m:
        return f"@{m.group(1)}-Q{(int(m.group(2)) - 1) // 3 + 1}"
    return period


def fiscal_quarter_key(period: str, event_date: str) -> str:
    """A fiscal quarter with its year ("FY2025-Q4") keyed as the calendar quarter of the same number in the year
    before ("2024-Q4"), when a document of ``event_date`` shows that it is that quarter: the latest calendar
    quarter ended by the date (a results call follows its quarter) or the one the date falls in (an outlook for
    the quarter under way). Fiscal years are named for the year they end in, so their quarter n then lies in the
    calendar quarter n of the year before. Any other fiscal quarter keeps its own key: its company's calendar is
    unknown, so it meets only the same fiscal quarter stated as such (``reported_period`` keys a results call's
    quarter the same way)."""
    m = re.fullmatch(r"FY(\d{4})-Q([1-4])", period)
    event = _date(event_date)
    if m is None or event is None:
        return period
    key = f"{int(m.group(1)) - 1}-Q{m.group(2)}"
    current = f"{event.year}-Q{_quarter_of(event)}"
    return key if key in (current, _shift(current, -1)) else period


def point_in_time(period: str) -> dt.date | None:
    """The date of a point-in-time period (a day, a month, or "as of the event"), else None."""
    if period.startswith("@") or re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", period or ""):
        return _date(period)
    return None
