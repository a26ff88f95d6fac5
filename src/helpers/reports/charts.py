"""Charts that answer the comparison's questions: what each source says, when, against the published figures.

Drawn as inline SVG by hand rather than with matplotlib: the marks take the
page's colours (CSS variables, so light and dark schemes both read), every
point carries a tooltip, the figure has alt text, and a chart costs a few
kilobytes instead of a base64 PNG.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

import pandas as pd

from ..analysis.compare import NUMERIC_UNITS, as_text, row_tuples, short_id, topic_group, topic_groups
from ..analysis.ledger import rows_for_topic
from ..analysis.questions import Question, gathers
from ..claims.topics import behaviours
from ..format import grouped
from .links import claim_href
from .markup import esc

# When a claim is in several findings, the most consequential verdict colours it.
VERDICT_ORDER = ("conflict", "translation_slip", "different_measure", "consistent", "unverified")
VERDICT_WORDS = {
    "consistent": "consistent",
    "different_measure": "different measure",
    "conflict": "conflict",
    "translation_slip": "translation slip",
    "unverified": "unverified",
    "": "not compared",
}
WIDTH, HEIGHT = 820, 300
LEFT, RIGHT, TOP, BOTTOM = 78, 210, 16, 42  # room for value ticks (left) and ledger labels (right)
LABEL_GAP = 14  # pixels between two ledger labels
# A chart draws at most this many marks (distinct date, value and verdict), the most repeated first:
# a large corpus repeats the same figures, and every mark costs bytes and a tab stop. At ~200 bytes
# a mark, a chart stays under 20 KB, and the comparison's 80 group sections under 1.6 MB of charts.
MAX_MARKS = 80


def main_verdict(verdicts: str) -> str:
    """The verdict a claim is coloured by, from ``topic_group``'s "f0001:consistent f0007:conflict"."""
    found = {v.split(":", 1)[-1] for v in str(verdicts).split()}
    return next((v for v in VERDICT_ORDER if v in found), "")


def _date(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def short_number(x: float) -> str:
    """Tick labels: 350000 -> 350k, 1.2e9 -> 1.2G; small numbers grouped."""
    for size, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= size:
            v = x / size
            return f"{v:.0f}{suffix}" if v == round(v) else f"{v:.3g}{suffix}"
    return grouped(x)


class _Scale:
    """Value -> y pixel, logarithmic when the values span a factor of ten or more."""

    def __init__(self, lo: float, hi: float, top: float, bottom: float):
        self.log = lo > 0 and hi / lo >= 10
        if self.log:
            self.lo, self.hi = math.log10(lo) - 0.15, math.log10(hi) + 0.15
        else:
            pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 1.0
            self.lo, self.hi = min(0.0, lo - pad) if lo >= 0 else lo - pad, hi + pad
        self.top, self.bottom = top, bottom

    def __call__(self, v: float) -> float:
        t = math.log10(v) if self.log else v
        return self.bottom - (t - self.lo) / (self.hi - self.lo) * (self.bottom - self.top)

    def ticks(self) -> list[float]:
        if self.log:
            decades = range(math.floor(self.lo), math.ceil(self.hi) + 1)
            # Fewer than three decades in view: 2 and 5 times each decade too.
            steps = (1,) if self.hi - self.lo >= 3 else (1, 2, 5)
            return [m * 10.0**k for k in decades for m in steps if self.lo <= math.log10(m * 10.0**k) <= self.hi]
        step = 10 ** math.floor(math.log10((self.hi - self.lo) / 4 or 1))
        for m in (1, 2, 5, 10):
            if (self.hi - self.lo) / (step * m) <= 6:
                step *= m
                break
        first = math.ceil(self.lo / step) * step
        return [first + i * step for i in range(int((self.hi - first) / step) + 1)]


# The columns of ``topic_group``'s table that a mark is drawn from.
MARK_SOURCES = ("claim_id", "doc_id", "event_date", "surface", "normalized", "unit", "low", "high", "verdicts")


def chart_points(group: pd.DataFrame) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """The unit most figures use, the marks drawn, and every mark (the drawn ones are capped).

    Same event date, range and verdict make one mark: ``count`` is how many
    claims it stands for and ``docs`` their documents; it links to its first
    claim. At most ``MAX_MARKS`` marks, the most repeated, in date order.
    A mark has the ``MARK_SOURCES`` columns of its first claim, ``verdict``,
    ``first``, ``count`` and ``docs``.
    """
    unit, drawn, every = _marks(group)
    columns = [*_KEYS, *(c for c in MARK_SOURCES if c not in _KEYS), "first", "count", "docs"]

    def frame(marks: list[dict]) -> pd.DataFrame:
        return pd.DataFrame({c: [m[c] for m in marks] for c in columns}, columns=columns)

    return unit, frame(drawn), frame(every)


_KEYS = ("event_date", "low", "high", "verdict")  # what makes claims one mark


def _marks(group: pd.DataFrame) -> tuple[str, list[dict], list[dict]]:
    """``chart_points`` as lists of marks (dicts): a report draws a chart per group, and pandas'
    grouping, joining and sorting of each group cost more than the chart itself."""
    pts = group[list(MARK_SOURCES)]
    pts = pts[pts["unit"].isin(NUMERIC_UNITS) & (pts["low"] > 0)]
    if pts.empty:
        return "", [], []
    col = {c: pts[c].tolist() for c in MARK_SOURCES}
    units = Counter(col["unit"])
    unit = max(sorted(units), key=units.__getitem__)
    marks: dict[tuple, dict] = {}
    for i, u in enumerate(col["unit"]):
        if u != unit:
            continue
        date = "" if pd.isna(col["event_date"][i]) else col["event_date"][i]
        high = col["high"][i]
        # a missing high (NaN) makes one mark, as pandas groups it, though no two NaNs are equal
        key = (date, col["low"][i], None if pd.isna(high) else high, main_verdict(col["verdicts"][i]))
        if key not in marks:
            marks[key] = {
                **{c: col[c][i] for c in MARK_SOURCES},
                "event_date": date, "verdict": key[3], "first": col["claim_id"][i], "count": 0, "docs": set(),
            }  # fmt: skip
        mark = marks[key]
        mark["count"] += 1
        mark["docs"].add(str(col["doc_id"][i]))
    every = list(marks.values())
    for mark in every:
        mark["docs"] = " ".join(sorted(mark["docs"]))
    drawn = sorted(every, key=lambda m: -m["count"])[:MAX_MARKS]
    drawn.sort(key=lambda m: (m["event_date"], m["low"], m["doc_id"]))
    return unit, drawn, every


def topic_chart(
    group: pd.DataFrame,
    ledger: pd.DataFrame,
    topic: str,
    documents_href: str = "documents/",
    chart_id: str = "",
    label: str = "",
) -> str:
    """Every source's value for ``topic`` against its event date, with ledger figures as reference lines.

    ``group`` is ``analysis.compare.topic_group``'s table. Points are values,
    vertical bars ranges (an arrow: open upwards), coloured by verdict; each
    links to the claim in its document (so the SVG is a named group, not an
    image: an image's links would be hidden from assistive technology).
    ``chart_id`` keeps ids unique when a page has several charts of one topic;
    ``label`` names the chart (default: the topic). Returns "" when a sentence
    says it better: no numeric value, or a single distinct figure.
    """
    return _chart(*_marks(group), ledger, topic, documents_href, chart_id, label)


def _axes(
    key: str,
    name: str,
    unit: str,
    sentence: str,
    y: _Scale,
    dates: list[date],
    undated: bool,
    x1: float,
    x_of: Callable[[date], float],
) -> list[str]:
    """The opening of a chart's ``<svg>``: its title, description, axes, ticks and axis labels."""
    out = [
        (
            f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="group" '
            f'aria-labelledby="{esc(key)}-t" aria-describedby="{esc(key)}-c">'
        ),
        f'<title id="{esc(key)}-t">{esc(f"Chart of {name}: {unit} by event date")}</title>',
        f"<desc>{sentence}</desc>",
        f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}"/>',
    ]
    for t in y.ticks():
        ty = y(t)
        if TOP - 1 <= ty <= HEIGHT - BOTTOM + 1:
            out.append(
                f'<line class="axis" x1="{LEFT - 4}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" opacity=".35"/>'
            )
            out.append(
                f'<text class="tick" x="{LEFT - 7}" y="{ty + 4:.1f}" text-anchor="end">{esc(short_number(t))}</text>'
            )
    out.append(
        f'<text class="label" x="14" y="{(TOP + HEIGHT - BOTTOM) / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(TOP + HEIGHT - BOTTOM) / 2:.0f})">'
        f"{esc(unit)}{' (log scale)' if y.log else ''}</text>"
    )
    for d in _date_ticks(dates):
        out.append(
            f'<text class="tick" x="{x_of(d):.1f}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle">{d.isoformat()}</text>'
        )
    if undated:
        out.append(
            f'<text class="tick" x="{x1 + 35 if dates else (LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
            'text-anchor="middle">undated</text>'
        )
    out.append(
        f'<text class="label" x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 6}" '
        'text-anchor="middle">event date</text>'
    )
    return out


def _mark_links(
    pts: list[dict],
    dates: list[date],
    x0: float,
    x1: float,
    x_of: Callable[[date], float],
    y: _Scale,
    documents_href: str,
) -> list[str]:
    """A linked mark for each of ``pts``, with its tooltip and, when it stands for several claims, its count."""
    out = []
    # Several marks of one date side by side rather than on top of each other; with no date
    # at all, the marks spread over the whole width in value order.
    per_date = Counter(_date(m["event_date"]) or "undated" for m in pts)
    slot: dict[object, int] = {}
    for i, m in enumerate(pts):
        when, doc_id, count, verdict = m["event_date"], m["doc_id"], m["count"], m["verdict"]
        day = _date(when)
        k = slot[day or "undated"] = slot.get(day or "undated", -1) + 1
        if not dates:
            cx = x0 + (i + 0.5) * (WIDTH - RIGHT - 20 - x0) / len(pts)
        else:  # up to seven abreast, centred on the date
            cx = (x_of(day) if day else x1 + 35) + (k % 7 - (min(per_date[day or "undated"], 7) - 1) / 2) * 9
        cls = f"c-{verdict}"
        docs = m["docs"].split()
        who = (
            short_id(doc_id) if len(docs) == 1 else f"{count} claims in {len(docs)} documents, first {short_id(doc_id)}"
        )
        tip = f"{who} {when or 'undated'}: {m['surface']} = {m['normalized']} ({VERDICT_WORDS[verdict]})"
        href = claim_href(str(doc_id), str(m["first"]), documents_href)
        low, high = float(m["low"]), float(m["high"])
        # A mark standing for several claims says how many, so repeats are seen and not only hovered.
        times = f'<text class="count" x="{cx + 7:.1f}" y="{y(low) - 5:.1f}">×{count}</text>' if count > 1 else ""
        out.append(f'<a href="{esc(href)}"><title>{esc(tip)}</title>{_mark(cx, low, high, y, cls)}{times}</a>')
    return out


def _chart(
    unit: str,
    pts: list[dict],
    every: list[dict],
    ledger: pd.DataFrame,
    topic: str,
    documents_href: str,
    chart_id: str,
    label: str,
    keys: bool = True,
) -> str:
    if len(pts) < 2:
        return ""
    refs = rows_for_topic(ledger, topic) if topic else ledger.iloc[0:0]
    refs = refs[refs["base_unit"] == unit]
    name, key = label or topic, f"chart-{chart_id or topic}"
    values = [
        x
        for x in (*(m["low"] for m in pts), *(m["high"] for m in pts), *refs["low_base"], *refs["high_base"])
        if 0 < x < math.inf
    ]
    y = _Scale(min(values), max(values), TOP, HEIGHT - BOTTOM)
    dates = sorted({d for d in (_date(m["event_date"]) for m in pts) if d})
    undated = any(_date(m["event_date"]) is None for m in pts)
    x0, x1 = LEFT + 20, WIDTH - RIGHT - (60 if undated else 20)
    first, last = (dates[0].toordinal(), dates[-1].toordinal()) if dates else (0, 0)
    span, mid = max(last - first, 60), (first + last) / 2

    def x_of(d: date) -> float:
        return x0 + ((d.toordinal() - mid) / span + 0.5) * (x1 - x0)

    sentence = esc(_alt(name, unit, every, refs, len(pts), keys))
    out = _axes(key, name, unit, sentence, y, dates, undated, x1, x_of)
    out += _reference_lines(refs, y)
    out += _mark_links(pts, dates, x0, x1, x_of, y, documents_href)
    out.append("</svg>")
    caption = f'<figcaption id="{esc(key)}-c">{sentence}</figcaption>'
    return f'<figure class="chart">{"".join(out)}{_legend(pts)}{caption}</figure>'


def chart_or_sentence(
    group: pd.DataFrame,
    ledger: pd.DataFrame,
    topic: str,
    documents_href: str = "documents/",
    chart_id: str = "",
    label: str = "",
) -> str:
    """``topic_chart``, or when there is a single distinct figure the sentence that says it;
    "" without numeric figures."""
    unit, pts, every = _marks(group)
    chart = _chart(unit, pts, every, ledger, topic, documents_href, chart_id, label)
    if chart:
        return chart
    if not pts:
        return ""
    refs = rows_for_topic(ledger, topic) if topic else ledger.iloc[0:0]
    sentence = _alt(label or topic, unit, every, refs[refs["base_unit"] == unit], len(pts), words=True)
    return f'<p class="note">{esc(sentence)}</p>'


def headline_charts(
    claims: pd.DataFrame,
    findings: pd.DataFrame,
    catalog,
    ledger: pd.DataFrame,
    topics: Iterable[str] | Question,
    documents_href: str = "documents/",
    prepared: pd.DataFrame | None = None,
) -> str:
    """One chart per headline topic (or, for a question gathering no topic, per group it gathers) that has several
    distinct figures; the headline's sentence covers the rest.

    A chart is named in a reader's words (the topic's name in topics.yaml, or the question), its ledger
    figures by value and date; ids stay in the chart's element ids.
    """
    question = topics if isinstance(topics, Question) else Question("", topics=tuple(topics))
    out = []
    for topic in question.topics:
        group = topic_group(claims, findings, catalog, topic=topic, prepared=prepared)
        if question.subjects or question.periods:
            group = group[gathers(Question("", subjects=question.subjects, periods=question.periods), group)]
        name = behaviours()[topic].name if topic in behaviours() else topic
        label = name[:1].upper() + name[1:]
        out.append(_chart(*_marks(group), ledger, topic, documents_href, topic, label, keys=False))
    if not question.topics:
        heads = findings[(findings["kind"] == "group") & gathers(question, findings)]
        ids = heads["group_id"].tolist()[:MAX_HEADLINE_CHARTS]
        for gid, group in topic_groups(claims, findings, catalog, ids, prepared=prepared).items():
            label = question.text or gid
            out.append(_chart(*_marks(group), ledger, "", documents_href, gid, label, keys=False))
    return "".join(out)


# A question gathering groups without topic draws at most this many of them (findings.csv has every group).
MAX_HEADLINE_CHARTS = 3


def _reference_lines(refs: pd.DataFrame, y: _Scale) -> list[str]:
    """Dashed lines at each ledger figure; labels at the right, nudged apart so none overlaps."""
    out: list[str] = []
    labels: dict[tuple[float, str], list[str]] = {}
    for r in row_tuples(refs):
        lo, hi = float(r.low_base), float(r.high_base)
        for v in sorted({lo, hi} if math.isfinite(hi) else {lo}):
            out.append(f'<line class="ref" x1="{LEFT}" y1="{y(v):.1f}" x2="{WIDTH - RIGHT}" y2="{y(v):.1f}"/>')
        value = short_number(lo) + (f"–{short_number(hi)}" if math.isfinite(hi) and hi > lo else "")
        labels.setdefault((round(y(lo), 1), value), []).append(str(r.as_of)[:7])
    last = -math.inf
    for (ty, value), names in sorted(labels.items()):
        ty = max(ty, last + LABEL_GAP)
        last = ty
        text = f"ledger {value} ({', '.join(sorted(set(names)))})"
        out.append(f'<text class="ref-text" x="{WIDTH - RIGHT + 6}" y="{ty + 4:.1f}">{esc(text)}</text>')
    return out


def _mark(cx: float, low: float, high: float, y: _Scale, cls: str) -> str:
    if math.isfinite(high) and high > low:
        return (
            f'<line class="range {cls}" x1="{cx:.1f}" y1="{y(low):.1f}" x2="{cx:.1f}" y2="{y(high):.1f}"/>'
            f'<circle class="{cls}" cx="{cx:.1f}" cy="{y(low):.1f}" r="3"/>'
            f'<circle class="{cls}" cx="{cx:.1f}" cy="{y(high):.1f}" r="3"/>'
        )
    if not math.isfinite(high):  # "at least": an arrow upwards from the bound
        y0 = y(low)
        return (
            f'<line class="range {cls}" x1="{cx:.1f}" y1="{y0:.1f}" x2="{cx:.1f}" y2="{max(TOP, y0 - 40):.1f}"/>'
            f'<path class="{cls}" d="M{cx - 5:.1f},{max(TOP, y0 - 40) + 6:.1f} L{cx:.1f},{max(TOP, y0 - 40):.1f} '
            f'L{cx + 5:.1f},{max(TOP, y0 - 40) + 6:.1f}Z"/>'
            f'<circle class="{cls}" cx="{cx:.1f}" cy="{y0:.1f}" r="4"/>'
        )
    return f'<circle class="{cls}" cx="{cx:.1f}" cy="{y(low):.1f}" r="5"/>'


def _date_ticks(dates: list[date]) -> list[date]:
    """At most five date labels, evenly picked, always the first and the last."""
    if len(dates) <= 5:
        return dates
    idx = sorted({round(i * (len(dates) - 1) / 4) for i in range(5)})
    return [dates[i] for i in idx]


def _legend(pts: list[dict]) -> str:
    present = [v for v in VERDICT_ORDER + ("",) if v in {m["verdict"] for m in pts}]
    items = "".join(
        f'<li class="v-{v or "none"}"><span aria-hidden="true"></span>{VERDICT_WORDS[v]}</li>' for v in present
    )
    return f'<ul class="legend" aria-label="verdict colours">{items}</ul>'


def _alt(
    name: str, unit: str, pts: list[dict], refs: pd.DataFrame, drawn: int, keys: bool = True, words: bool = False
) -> str:
    """The chart in one sentence: how many figures, from how many sources, over which dates and values.

    ``pts`` is every mark (``_marks``), so the sentence speaks for all
    figures; when only ``drawn`` of them are drawn it says so.
    """
    n, docs = sum(m["count"] for m in pts), sorted({d for m in pts for d in m["docs"].split()})
    dates = sorted(d.isoformat() for d in (_date(m["event_date"]) for m in pts) if d)
    undated = sum(m["count"] for m in pts if _date(m["event_date"]) is None)
    lows = [float(m["low"]) for m in pts]
    highs = [float(m["high"]) for m in pts if math.isfinite(float(m["high"]))]
    when = (
        f" dated {dates[0]} to {dates[-1]}"
        if dates and dates[0] != dates[-1]
        else (f" dated {dates[0]}" if dates else "")
    )
    when = (f"{when} ({undated} undated)" if dates else " with no event date") if undated else when
    lo, top = min(lows), max(highs + lows)
    values = (
        f"all {grouped(lo)}"
        if lo == top and not any(math.isinf(float(m["high"])) for m in pts)
        else f"from {grouped(lo)} to {grouped(top)}"
    )
    counts: Counter[str] = Counter()
    for m in pts:
        counts[m["verdict"]] += m["count"]
    verdicts = ", ".join(f"{n} {VERDICT_WORDS[v]}" for v, n in sorted(counts.items()))
    left_out = (
        f" The {drawn} most repeated of {len(pts)} distinct figures are drawn; the claims explorer and claims.csv have "
        "them all."
        if len(pts) > drawn
        else ""
    )
    ref_text = "; ".join(_ref_words(row_tuples(refs), keys, words))
    return (
        f"{name}: {n} figure{'s' if n != 1 else ''} in {unit} from {len(docs)} "
        f"source{'s' if len(docs) != 1 else ''}{when}, "
        f"{values} ({verdicts})"
        + (f"; published figures: {ref_text}." if ref_text else "; no published figure to compare with.")
        + left_out
    )


def _ref_words(rows: Iterable, keys: bool = True, words: bool = False) -> list[str]:
    """Each ledger figure as "key value (date)" (the key names its line in the chart); without ``keys`` (a
    headline's chart, read as an answer) "value (date)"; with ``words`` (a sentence standing for a chart,
    no line to name) "value in the ledger's words (date)": "24,576 NVIDIA H100 GPUs (2024-03-12)"."""
    out = []
    for r in rows:
        lo, hi = float(r.low_base), float(r.high_base)
        value = grouped(lo) + (f"–{grouped(hi)}" if math.isfinite(hi) and hi > lo else "")
        if words:
            said = as_text(getattr(r, "unit", ""))
            out.append(f"{value} {said} ({r.as_of})" if said else f"{value} ({r.as_of})")
        else:
            out.append(f"{r.topic_key} {value} ({r.as_of})" if keys else f"{value} ({r.as_of})")
    return out
