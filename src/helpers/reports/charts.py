"""Charts that answer the comparison's questions: what each source says, when, against the published figures.

Drawn as inline SVG by hand rather than with matplotlib: the marks take the
page's colours (CSS variables, so light and dark schemes both read), every
point carries a tooltip, the figure has alt text, and a chart costs a few
kilobytes instead of a base64 PNG.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

import pandas as pd

from ..analysis.compare import NUMERIC_UNITS, short_id
from ..analysis.ledger import rows_for_topic
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
LEFT, RIGHT, TOP, BOTTOM = 78, 210, 16, 42
LABEL_GAP = 14  # pixels between two ledger labels  # room for value ticks (left) and ledger labels (right)


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
            steps = (1,) if self.hi - self.lo >= 2 else (1, 2, 5)
            return [m * 10.0**k for k in decades for m in steps if self.lo <= math.log10(m * 10.0**k) <= self.hi]
        step = 10 ** math.floor(math.log10((self.hi - self.lo) / 4 or 1))
        for m in (1, 2, 5, 10):
            if (self.hi - self.lo) / (step * m) <= 6:
                step *= m
                break
        first = math.ceil(self.lo / step) * step
        return [first + i * step for i in range(int((self.hi - first) / step) + 1)]


def topic_chart(group: pd.DataFrame, ledger: pd.DataFrame, topic: str, documents_href: str = "documents/") -> str:
    """Every source's value for ``topic`` against its event date, with ledger figures as reference lines.

    ``group`` is ``analysis.compare.topic_group``'s table. Points are values,
    vertical bars ranges (an arrow: open upwards), coloured by verdict; each
    links to the claim in its document (so the SVG is a named group, not an
    image: an image's links would be hidden from assistive technology). Returns "" when there is nothing a
    chart would show better than the table (no numeric value, or a single one
    and no reference).
    """
    pts = group[group["unit"].isin(NUMERIC_UNITS) & (group["low"] > 0)]
    if pts.empty:
        return ""
    unit = max(sorted(set(pts["unit"])), key=lambda u: int((pts["unit"] == u).sum()))
    pts = pts[pts["unit"] == unit].reset_index(drop=True)
    refs = rows_for_topic(ledger, topic)
    refs = refs[refs["base_unit"] == unit]
    if len(pts) < 2 and refs.empty:
        return ""
    values = [x for x in (*pts["low"], *pts["high"], *refs["low_base"], *refs["high_base"]) if 0 < x < math.inf]
    y = _Scale(min(values), max(values), TOP, HEIGHT - BOTTOM)
    dates = sorted({d for d in map(_date, pts["event_date"]) if d})
    undated = any(_date(d) is None for d in pts["event_date"])
    x0, x1 = LEFT + 20, WIDTH - RIGHT - (60 if undated else 20)
    first, last = (dates[0].toordinal(), dates[-1].toordinal()) if dates else (0, 0)
    span, mid = max(last - first, 60), (first + last) / 2

    def x_of(d: date) -> float:
        return x0 + ((d.toordinal() - mid) / span + 0.5) * (x1 - x0)
    out = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="group" aria-labelledby="t-{esc(topic)}">',
        f'<title id="t-{esc(topic)}">{esc(_alt(topic, unit, pts, refs))}</title>',
        f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}"/>',
    ]
    for t in y.ticks():
        ty = y(t)
        if TOP - 1 <= ty <= HEIGHT - BOTTOM + 1:
            out.append(f'<line class="axis" x1="{LEFT - 4}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" opacity=".35"/>')
            out.append(f'<text class="tick" x="{LEFT - 7}" y="{ty + 4:.1f}" text-anchor="end">{esc(short_number(t))}</text>')
    out.append(
        f'<text class="label" x="14" y="{(TOP + HEIGHT - BOTTOM) / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(TOP + HEIGHT - BOTTOM) / 2:.0f})">{esc(unit)}{" (log scale)" if y.log else ""}</text>'
    )
    for d in _date_ticks(dates):
        out.append(f'<text class="tick" x="{x_of(d):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{d.isoformat()}</text>')
    if undated:
        out.append(f'<text class="tick" x="{x1 + 35:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">undated</text>')
    out.append(f'<text class="label" x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 6}" text-anchor="middle">event date</text>')
    out += _reference_lines(refs, y)
    # Several claims of one date side by side rather than on top of each other.
    slot: dict[object, int] = {}
    for r in pts.itertuples():
        d = _date(r.event_date)
        key = d or "undated"
        k = slot[key] = slot.get(key, -1) + 1
        cx = (x_of(d) if d else x1 + 35) + (k % 7 - 3) * 7
        cls = f"c-{main_verdict(r.verdicts)}"
        tip = f"{short_id(r.doc_id)} {r.event_date or 'undated'}: {r.surface} = {r.normalized} ({VERDICT_WORDS[main_verdict(r.verdicts)]})"
        href = claim_href(str(r.doc_id), str(r.claim_id), documents_href)
        shape = _mark(cx, float(r.low), float(r.high), y, cls)
        out.append(f'<a href="{esc(href)}"><title>{esc(tip)}</title>{shape}</a>')
    out.append("</svg>")
    return f'<figure class="chart">{"".join(out)}{_legend(pts)}<figcaption>{esc(_alt(topic, unit, pts, refs))}</figcaption></figure>'


def _reference_lines(refs: pd.DataFrame, y: _Scale) -> list[str]:
    """Dashed lines at each ledger figure; labels at the right, nudged apart so none overlaps."""
    out, labels = [], {}
    for r in refs.itertuples():
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
            f'<circle class="{cls}" cx="{cx:.1f}" cy="{y(low):.1f}" r="3"/><circle class="{cls}" cx="{cx:.1f}" cy="{y(high):.1f}" r="3"/>'
        )
    if not math.isfinite(high):  # "at least": an arrow upwards from the bound
        y0 = y(low)
        return (
            f'<line class="range {cls}" x1="{cx:.1f}" y1="{y0:.1f}" x2="{cx:.1f}" y2="{max(TOP, y0 - 40):.1f}"/>'
            f'<path class="{cls}" d="M{cx - 5:.1f},{max(TOP, y0 - 40) + 6:.1f} L{cx:.1f},{max(TOP, y0 - 40):.1f} L{cx + 5:.1f},{max(TOP, y0 - 40) + 6:.1f}Z"/>'
            f'<circle class="{cls}" cx="{cx:.1f}" cy="{y0:.1f}" r="4"/>'
        )
    return f'<circle class="{cls}" cx="{cx:.1f}" cy="{y(low):.1f}" r="5"/>'


def _date_ticks(dates: list[date]) -> list[date]:
    """At most five date labels, evenly picked, always the first and the last."""
    if len(dates) <= 5:
        return dates
    idx = sorted({round(i * (len(dates) - 1) / 4) for i in range(5)})
    return [dates[i] for i in idx]


def _legend(pts: pd.DataFrame) -> str:
    present = [v for v in (*VERDICT_ORDER, "") if v in {main_verdict(x) for x in pts["verdicts"]}]
    items = "".join(f'<li class="v-{v or "none"}"><span aria-hidden="true"></span>{VERDICT_WORDS[v]}</li>' for v in present)
    return f'<ul class="legend" aria-label="verdict colours">{items}</ul>'


def _alt(topic: str, unit: str, pts: pd.DataFrame, refs: pd.DataFrame) -> str:
    """The chart in one sentence: how many figures, from how many sources, over which dates and values."""
    docs = sorted(set(pts["doc_id"]))
    dates = sorted(d.isoformat() for d in map(_date, pts["event_date"]) if d)
    lows = [float(x) for x in pts["low"]]
    highs = [float(x) for x in pts["high"] if math.isfinite(float(x))]
    when = f" dated {dates[0]} to {dates[-1]}" if dates and dates[0] != dates[-1] else (f" dated {dates[0]}" if dates else "")
    top = max(highs + lows)
    counts = pts["verdicts"].map(main_verdict).value_counts()
    verdicts = ", ".join(f"{n} {VERDICT_WORDS[v]}" for v, n in sorted(counts.items()))
    ref_text = "; ".join(_ref_words(refs.itertuples()))
    return (
        f"{topic}: {len(pts)} figure{'s' if len(pts) != 1 else ''} in {unit} from {len(docs)} source{'s' if len(docs) != 1 else ''}{when}, "
        f"from {grouped(min(lows))} to {grouped(top)} ({verdicts})"
        + (f"; published figures: {ref_text}." if ref_text else "; no published figure to compare with.")
    )


def _ref_words(rows: Iterable) -> list[str]:
    out = []
    for r in rows:
        lo, hi = float(r.low_base), float(r.high_base)
        value = grouped(lo) + (f"–{grouped(hi)}" if math.isfinite(hi) and hi > lo else "")
        out.append(f"{r.topic_key} {value} ({r.as_of})")
    return out
