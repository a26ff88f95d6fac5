"""Fidelity: every quantity of two aligned sentences (or spans), and whether the rendering kept it.

For each link of the sentence alignment, the quantities of either side
(the claims table's, plus product generations such as "fourth generation",
"vierte Generation", 第5世代, which are ordinals and not claims) are paired:

- ``same``: the same figure, compared as what it counts: 10万 and 100,000 are
  one number; a count of parameters ("8B") and a bare count agree when the
  figures do; a duration in months and one in weeks are compared in seconds;
- ``changed``: a figure of the same kind whose value, scale, currency, unit or
  version differs (250.000 vs 25,000; $5 million vs 5億円; version 3.1 vs 3.2);
- ``dropped``: a quantity of a with nothing to pair in b's span;
- ``added``: a quantity of b with nothing to pair in a's span.

A vague quantity (何十億, millions of) can only be ``same`` (ranges overlap), never
``changed``: a vague rendering of a figure is not a different figure.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ...claims.lexicon import NUMERIC_UNITS
from ...tables import Column, TableSpec

VERDICTS = ("same", "changed", "dropped", "added")
TOLERANCE = 0.01  # relative: rounding in translation ("about 1.5 billion" for 15億) is the same figure

FIDELITY = TableSpec(
    "fidelity",
    "one row per quantity of an aligned link of two renderings: kept, changed, dropped or added",
    (
        Column("doc_a", "str", "First rendering (document id)."),
        Column("doc_b", "str", "Second rendering (document id)."),
        Column("link", "int", "Row number of the link in the alignment table of this pair (0-based)."),
        Column(
            "sentence_a",
            "int",
            "sentence_id in doc_a of the quantity (anchor #s-N); the link's first for added.",
            nullable=True,
        ),
        Column(
            "sentence_b",
            "int",
            "sentence_id in doc_b of the quantity; the link's first for dropped.",
            nullable=True,
        ),
        Column(
            "verdict",
            "str",
            "same | changed (value, scale, currency, unit or version differs) | dropped (only in a) | added (only in "
            "b).",
        ),
        Column(
            "kind",
            "str",
            "What the figure counts: money, count, duration, year, version, generation, percent, or the unit.",
        ),
        Column("surface_a", "str", "The quantity as written in doc_a (empty for added)."),
        Column("surface_b", "str", "The quantity as written in doc_b (empty for dropped)."),
        Column("unit_a", "str", "Unit of the doc_a quantity (claims.unit)."),
        Column("unit_b", "str", "Unit of the doc_b quantity."),
        Column("value_a", "float", "Value of the doc_a quantity in base units (low end for ranges).", nullable=True),
        Column("value_b", "float", "Value of the doc_b quantity in base units.", nullable=True),
        Column("claim_a", "str", "claim_id of the doc_a quantity (empty for generations and added)."),
        Column("claim_b", "str", "claim_id of the doc_b quantity."),
        Column("score", "float", "Similarity of the link (cosine of the two spans' embeddings, 3 decimals)."),
        Column("reason", "str", "One line: why this verdict."),
        Column("context_a", "str", "The doc_a sentence(s) of the link."),
        Column("context_b", "str", "The doc_b sentence(s) of the link."),
    ),
)  # fmt: skip

_EXACT = {"version", "generation", "year"}  # labels, not measurements: 2.0 and 2.1 are two versions
_COUNTS = {"count", "person", "gpu", "token", "parameter", "other"}
_DURATION_SECONDS = {"duration_second": 1.0, "duration_day": 86400.0, "duration_week": 7 * 86400.0,
                     "duration_month": 30.4375 * 86400.0, "duration_year": 365.25 * 86400.0}  # fmt: skip
_NON_CURRENCY = {
    "usd", "gpu", "percent", "token", "parameter", "person", "count", "watt", "age", "other", "pixel",
    "pixel_per_inch", "flop", "flop_per_second", "gpu_hour", "percentage_point", "multiple", "index_point",
    "meter", "kilogram", "square_meter", "cubic_meter", "meter_per_second", "joule", "kelvin", "byte",
    "byte_per_second", "hertz", "radian", "coulomb", "pascal",
}  # fmt: skip
CURRENCIES = frozenset(u for u in NUMERIC_UNITS if len(u) == 3 and u.isalpha() and u not in _NON_CURRENCY) | {"usd"}
# "5 cents" names no currency: English and German cents are both dollar's and euro's.
_BARE_CENT = re.compile(r"(?i)\bcents?\b")
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5, "sechste": 6,
    "siebte": 7, "achte": 8, "neunte": 9, "zehnte": 10,
}  # fmt: skip
_KANJI = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_GEN_LATIN = re.compile(
    r"(?i)\b(\d{1,2})(?:st|nd|rd|th|\.)?[ -]?generation|"
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|erste|zweite|dritte|vierte|fünfte|"
    r"sechste|siebte|achte|neunte|zehnte)[nrms]?[ -]generation"
)
_GEN_JA = re.compile(r"第([0-9]{1,2}|[一二三四五六七八九十]{1,2})世代")


@dataclass(frozen=True)
class Quantity:
    sentence_id: int
    start: int
    surface: str
    unit: str
    low: float
    high: float
    vague: bool
    claim_id: str = ""

    @property
    def point(self) -> bool:
        return not self.vague and self.low == self.high


def kind_of(q: Quantity) -> str:
    unit = q.unit
    if "_per_" in unit:
        base, per = unit.split("_per_", 1)
        return f"{_base_kind(base, q)}_per_{per}"
    return _base_kind(unit, q)


def _base_kind(unit: str, q: Quantity) -> str:
    if unit in CURRENCIES:
        return "money"
    if unit in _COUNTS:
        return "count"
    if unit in _DURATION_SECONDS:
        return "duration"
    if unit in ("percent", "percentage_point"):
        return "percent"
    return unit


def _currency(q: Quantity) -> str:
    base = q.unit.split("_per_", 1)[0]
    if base in CURRENCIES and _BARE_CENT.search(q.surface) and not any(c in q.surface for c in "$€¥£円"):
        return "cent"  # a currency the text does not name
    return base if base in CURRENCIES else ""


def _scaled(q: Quantity) -> tuple[float, float]:
    f = _DURATION_SECONDS.get(q.unit.split("_per_", 1)[0], 1.0)
    return q.low * f, q.high * f


def _overlap(a: Quantity, b: Quantity) -> bool:
    """The same figure: point values equal at the precision of the less precise one (3.6 for 3.58, not 355 for
    352); ranges and vague quantities when they overlap."""
    (al, ah), (bl, bh) = _scaled(a), _scaled(b)
    if a.point and b.point and a.unit in _EXACT:
        return al == bl
    if a.point and b.point:
        digits = min(_significant(a.low), _significant(b.low))
        return _round_sig(al, digits) == _round_sig(bl, digits)
    return al * (1 - TOLERANCE) <= bh * (1 + TOLERANCE) and bl * (1 - TOLERANCE) <= ah * (1 + TOLERANCE)


def _significant(v: float) -> int:
    """Significant digits of a figure as written (trailing zeros of an integer do not count): 1,400 -> 2, 3.58 -> 3."""
    if not math.isfinite(v) or v == 0:
        return 1
    text = f"{abs(v):.12g}"
    mantissa = text.split("e")[0].replace(".", "").lstrip("0")
    if "." not in text.split("e")[0]:
        mantissa = mantissa.rstrip("0")
    return max(len(mantissa), 1)


def _round_sig(v: float, digits: int) -> float:
    if not math.isfinite(v) or v == 0:
        return v
    return round(v, digits - 1 - math.floor(math.log10(abs(v))))


def generations(text: str, sentence_id: int, offset: int = 0) -> list[Quantity]:
    """Product generations ("fourth generation", "vierte Generation", 第5世代): ordinals the claims leave out."""
    out = []
    norm = unicodedata.normalize("NFKC", text)
    for m in _GEN_LATIN.finditer(norm):
        n = int(m.group(1)) if m.group(1) else _ORDINALS.get(m.group(2).lower(), 0)
        if n:
            out.append(Quantity(sentence_id, offset + m.start(), m.group(0), "generation", n, n, False))
    for m in _GEN_JA.finditer(norm):
        g = m.group(1)
        n = int(g) if g.isdigit() else (10 + _KANJI.get(g[1], 0) if g[0] == "十" and len(g) == 2 else _kanji(g))
        if n:
            out.append(Quantity(sentence_id, offset + m.start(), m.group(0), "generation", n, n, False))
    return out


def _kanji(g: str) -> int:
    if len(g) == 1:
        return _KANJI.get(g, 0)
    return _KANJI.get(g[0], 0) * 10 + (_KANJI.get(g[1], 0) if g[1] != "十" else 0)


def _fmt(v: float) -> str:
    if math.isinf(v):
        return "∞"
    return f"{v:,.0f}" if abs(v) >= 1000 and v == int(v) else f"{v:g}"


def _change_reason(a: Quantity, b: Quantity, kind: str) -> str:
    ca, cb = _currency(a), _currency(b)
    if ca and cb and ca != cb and "cent" not in (ca, cb):
        return f"currency differs: {ca} {_fmt(a.low)} vs {cb} {_fmt(b.low)}"
    if kind in ("version", "generation"):
        return f"{kind} differs: {_fmt(a.low)} vs {_fmt(b.low)}"
    if a.unit != b.unit and kind not in ("count", "duration", "money"):
        return f"unit differs: {a.unit} vs {b.unit}"
    va, vb = _scaled(a)[0], _scaled(b)[0]
    if va > 0 and vb > 0:
        k = math.log10(va / vb)
        if abs(k) >= 0.5 and abs(k - round(k)) < 0.01:
            return f"value differs by 10^{round(k)}: {_fmt(a.low)} vs {_fmt(b.low)} (a scale slip, e.g. 万 vs thousand)"
    return f"value differs: {_fmt(a.low)} vs {_fmt(b.low)}"


def comparable(a: Quantity, b: Quantity) -> bool:
    """Of one kind; a rate and an amount of one kind too ("$5 million a month" / 月に5億円): one language's
    extraction may attach the period that the other leaves in the sentence."""
    ka, kb = kind_of(a), kind_of(b)
    return ka == kb or ka.split("_per_", 1)[0] == kb or kb.split("_per_", 1)[0] == ka


def _same(a: Quantity, b: Quantity) -> bool:
    if not comparable(a, b) or not _overlap(a, b):
        return False
    ca, cb = _currency(a), _currency(b)
    return ca == cb or "cent" in (ca, cb)


def _changed(a: Quantity, b: Quantity) -> bool:
    if a.vague or b.vague or not comparable(a, b):
        return False
    if kind_of(a) == "money" or "_per_" in kind_of(a):
        ca, cb = _currency(a), _currency(b)
        if "cent" in (ca, cb) and _overlap(a, b):
            return False
    return True


def pair_quantities(qa: list[Quantity], qb: list[Quantity]) -> list[tuple[Quantity | None, Quantity | None, str, str]]:
    """(a, b, verdict, reason) for every quantity of either side: same first, then changed by order, then the rest."""
    out: list[tuple[Quantity | None, Quantity | None, str, str]] = []
    left_b = list(qb)
    rest_a = []
    for a in qa:
        hit = next((k for k, b in enumerate(left_b) if b.unit == a.unit and _same(a, b)), None)
        if hit is None:
            hit = next((k for k, b in enumerate(left_b) if _same(a, b)), None)
        if hit is None:
            rest_a.append(a)
        else:
            b = left_b.pop(hit)
            out.append((a, b, "same", "same figure" if a.unit == b.unit else f"same figure ({a.unit} vs {b.unit})"))
    for a in rest_a:
        hit = next((k for k, b in enumerate(left_b) if _changed(a, b)), None)
        if hit is None:
            out.append((a, None, "dropped", f"no {kind_of(a)} in the other rendering's sentence"))
        else:
            b = left_b.pop(hit)
            out.append((a, b, "changed", _change_reason(a, b, kind_of(a))))
    out += [(None, b, "added", f"no {kind_of(b)} in the other rendering's sentence") for b in left_b]
    return out


def aligned_figures(fidelity: Any) -> dict[str, tuple[str, str, str]]:
    """claim id -> (partner claim id, verdict, reason) for every pair of claims the fidelity table pairs
    (``same`` or ``changed``), both directions: what the comparison asks of the alignment."""
    out: dict[str, tuple[str, str, str]] = {}
    if fidelity is None or not len(fidelity):
        return out
    both = fidelity[(fidelity["claim_a"] != "") & (fidelity["claim_b"] != "")]
    for a, b, verdict, reason in zip(both["claim_a"], both["claim_b"], both["verdict"], both["reason"], strict=True):
        if verdict in ("same", "changed"):
            out.setdefault(str(a), (str(b), str(verdict), str(reason)))
            out.setdefault(str(b), (str(a), str(verdict), str(reason)))
    return out
