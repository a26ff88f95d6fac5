"""Comparison of quantitative claims across sources and against the reference ledger.

Claims sharing a topic form a group. Every claim is checked against the
ledger (a *reference* finding) and every pair of claims from different
documents is compared (a *pair* finding). Each finding carries one verdict:

``consistent``
    the ranges overlap once rounding, approximation and vagueness are allowed
    for (tolerances below);
``different_measure``
    same topic, but the two figures measure different things (``measure`` or
    unit differ), refer to different dates for a figure that changes over
    time, or name different members of a model family;
``conflict``
    both figures measure the same thing at the same time and cannot both hold;
``translation_slip``
    the figure misses the reference (or the other rendering of the same
    talk) but hits it after a clean power of ten (万 read as thousand), or a
    version number that never existed is a garbled real one, or a year
    precedes the product it names; ``likely_value`` states the intended figure;
``unverified``
    nothing to compare against.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..tables import Column, TableSpec
from ..claims.lexicon import NUMERIC_UNITS
from ..format import range_words
from ..claims.topics import report_order
from .ledger import known_versions, product_first_years, rows_for_topic

VERDICTS = ("consistent", "different_measure", "conflict", "translation_slip", "unverified")

# The topics in report order (the claims lexicon's order for reports).
TOPIC_KEYS = report_order()

# Figures that change over time: two values from different dates can both hold.
TIME_VARYING = frozenset(
    {"meta_gpu_fleet", "meta_capex", "meta_user_count", "creator_count", "datacenter_power",
     "company_age", "alexandr_wang_age", "reality_labs_spend", "ai_hiring_pay", "llama_training_cluster"}
)  # fmt: skip
# Topics whose values name different members of a family (8B, 70B and 405B
# are all true at once), so differing values are not a conflict.
FAMILY = frozenset({"llama_model_size", "llama_benchmark", "llama_training_cost", "ai_hiring_pay", "scale_ai_deal"})
# Two dates closer than this are "the same time" for a time-varying figure
# (a quarter: company figures are reported quarterly).
SAME_TIME_DAYS = 90

# Tolerances, as a fraction of the stated value. Spoken and translated figures
# are rounded ("24K" for 24,576 is 2.3 % off), so even a plain figure gets 5 %.
TOL_EXACT = 0.05
TOL_APPROX = 0.20  # 約, ほど, etwa, about
ALMOST_FLOOR = 0.85  # "almost 600k" covers 510k..600k
# Clean powers of ten tried when a figure misses: 万 vs thousand is 10^1, 億 vs million 10^2.
SLIP_EXPONENTS = (1, -1, 2, -2, 3, -3, 4, -4)
# A slip is only called for a precise figure: a range wider than this factor
# (50-150 MW) can be moved onto almost anything by a power of ten.
SLIP_MAX_SPREAD = 1.5
# Further than this (in powers of ten) from every ledger figure of its measure,
# a figure is about something else (1 token per word vs 15T tokens), not a conflict.
FAR_OFF_DECADES = 4.5
# Two figures of one event are the same statement only if they sit at about the
# same point of the talk (share of the document's sentences before them).
SAME_PLACE = 0.15
# Units whose values are compared as quantities (version and year have their own rules).


FINDINGS = TableSpec(
    "findings",
    "one row per comparison finding",
    (
        Column("finding_id", "str", "Stable id (f0001, ...) in topic order, then reference findings before pair findings, then document order."),
        Column("topic", "str", "Claims topic of the group (product_release for the year-before-product check)."),
        Column("verdict", "str", "consistent | different_measure | conflict | translation_slip | unverified (see helpers.analysis.compare).", isin=VERDICTS),
        Column("claim_ids", "str", "Space-separated claim_ids the finding is about (several when one document repeats the same figure)."),
        Column("reference", "str", "topic_key of the ledger row used, or empty."),
        Column("detail", "str", "One line a researcher can check: the surfaces, normalized values, dates and the rule that fired."),
        Column("kind", "str", "reference (claim vs ledger), pair (claim vs claim of another document), version, year."),
        Column("measure", "str", "The claim's measure (pairs: both, joined by ' / ' when they differ)."),
        Column("doc_ids", "str", "Space-separated documents involved."),
        Column("likely_value", "str", "For translation_slip: the figure the source most likely meant."),
        Column("reference_value", "str", "The ledger figure in base units (range as low–high)."),
        Column("reference_as_of", "str", "Date of the ledger figure."),
        Column("reference_source", "str", "Source title of the ledger figure."),
    ),
    unique=("finding_id",),
)

GROUP_COLUMNS = [
    "claim_id", "doc_id", "event_date", "speaker", "lang", "surface", "normalized", "qualifier", "measure",
    "unit", "low", "high", "sentence_id", "verdicts",
]  # fmt: skip


# --------------------------------------------------------------------------- values


def finite_or_none(x: object) -> float | None:
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def claim_range(value: object, low: object, high: object) -> tuple[float, float] | None:
    """The stated figure as (low, high); an open top (at least) is inf; None without a number."""
    v = finite_or_none(value)
    if v is not None:
        return (v, v)
    lo, hi = finite_or_none(low), finite_or_none(high)
    if lo is None and hi is None:
        return None
    return (lo if lo is not None else 0.0, hi if hi is not None else math.inf)


def tolerant(rng: tuple[float, float], qualifier: str, vague: bool = False) -> tuple[float, float] | None:
    """Widen a stated range by the tolerance its qualifier allows; None for a negated figure."""
    lo, hi = rng
    if qualifier == "negated":
        return None
    if qualifier == "at_least":
        return (lo * (1 - TOL_EXACT), math.inf)
    if qualifier == "at_most":
        return (0.0, hi * (1 + TOL_EXACT))
    if qualifier == "almost":
        return (lo * ALMOST_FLOOR, hi * (1 + TOL_EXACT))
    tol = TOL_APPROX if qualifier == "approx" else TOL_EXACT
    return (lo * (1 - tol), hi * (1 + tol))


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def slip_exponent(a: tuple[float, float], b: tuple[float, float]) -> int | None:
    """k such that a / 10**k overlaps b (smallest |k| first), else None. Open ranges never slip."""
    if any(math.isinf(x) or x <= 0 for x in (*a, *b)):
        return None
    for k in SLIP_EXPONENTS:
        f = 10.0**k
        if overlaps((a[0] / f, a[1] / f), b):
            return k
    return None


def _date(text: object) -> dt.date | None:
    if not isinstance(text, str) or not text:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def same_time(a: str, b: str) -> bool:
    da, db = _date(a), _date(b)
    if da is None or db is None:
        return True  # unknown dates cannot show a difference
    return abs((da - db).days) <= SAME_TIME_DAYS


# --------------------------------------------------------------------------- claims


@dataclass(frozen=True)
class ClaimView:
    """One figure of one document (several claims when the document repeats it)."""

    claim_ids: tuple[str, ...]
    doc_id: str
    topic: str
    unit: str
    measure: str
    qualifier: str
    vague: bool
    surface: str
    rng: tuple[float, float] | None
    event_id: str
    event_date: str
    as_of: str  # the year the sentence names, else the event date
    speaker: str
    lang: str
    position: float = math.nan  # share of the document's sentences before the figure

    @property
    def precise(self) -> bool:
        return self.rng is not None and not self.vague and self.rng[0] > 0 and self.rng[1] <= self.rng[0] * SLIP_MAX_SPREAD

    @property
    def window(self) -> tuple[float, float] | None:
        return None if self.rng is None else tolerant(self.rng, self.qualifier, self.vague)

    def label(self) -> str:
        return f'{short_id(self.doc_id)} "{self.surface}" = {range_words(self.rng, self.unit)}'


def short_id(doc_id: str) -> str:
    """``000_a86c1cdb2fa65775`` -> ``000``; other ids unchanged."""
    m = re.match(r"^(\d+)_[0-9a-f]{8,}$", doc_id)
    return m.group(1) if m else doc_id


def as_text(x: object) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


def _entry(catalog: Mapping, doc_id: str):
    return catalog.get(doc_id) if catalog is not None else None


def prepare_claims(claims: pd.DataFrame, catalog: Mapping | None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims with event id/date from the catalog, the date each figure refers to and its place in the document.

    ``as_of`` is a year stated in the same sentence ("2012年頃 ... 10億人"),
    else the event date, else the publication date. ``position`` is the share
    of the document's sentences before the claim (from ``sentences`` when
    given, else from the highest sentence_id among the claims).
    """
    df = claims.copy()
    for col in ("measure", "qualifier", "topic", "speaker", "unit", "surface", "context", "lang"):
        if col not in df.columns:
            df[col] = ""
        df[col] = df[col].map(as_text)
    if "vague" not in df.columns:
        df["vague"] = False
    df["vague"] = df["vague"].fillna(False).astype(bool)
    df["claim_id"] = df["claim_id"].map(str)
    event_ids, event_dates = [], []
    for doc_id in df["doc_id"]:
        e = _entry(catalog, doc_id)
        event_ids.append(as_text(getattr(e, "event_id", "")) or doc_id)
        event_dates.append(as_text(getattr(e, "event_date", "")) or as_text(getattr(e, "published", "")))
    df["event_id"] = event_ids
    df["event_date"] = event_dates
    years: dict[tuple[str, object], str] = {}
    if "sentence_id" in df.columns:
        for r in df[df["unit"] == "year"].itertuples():
            v = finite_or_none(r.value)
            if v is not None and 1900 <= v <= 2100:
                years.setdefault((r.doc_id, r.sentence_id), str(int(v)))
        df["as_of"] = [
            years.get((d, s), e) if u != "year" else e
            for d, s, e, u in zip(df["doc_id"], df["sentence_id"], df["event_date"], df["unit"])
        ]
    else:
        df["as_of"] = df["event_date"]
    if "sentence_id" in df.columns:
        sid = pd.to_numeric(df["sentence_id"], errors="coerce")
        if sentences is not None and len(sentences):
            counts = sentences.groupby("doc_id")["sentence_id"].max().to_dict()
        else:
            counts = sid.groupby(df["doc_id"]).max().to_dict()
        df["position"] = [s / max(float(counts.get(d, 0) or 0), 1.0) for d, s in zip(df["doc_id"], sid)]
    else:
        df["position"] = math.nan
    return df


def claim_views(df: pd.DataFrame) -> list[ClaimView]:
    """Group a prepared topic frame into views: one per (document, figure, unit, measure, qualifier)."""
    views: dict[tuple, list] = {}
    order = df.sort_values(["doc_id", "start", "claim_id"], kind="stable") if "start" in df.columns else df
    for r in order.itertuples():
        rng = claim_range(r.value, getattr(r, "value_low", None), getattr(r, "value_high", None))
        key = (r.doc_id, r.unit, r.measure, r.qualifier, rng, r.as_of)
        views.setdefault(key, []).append(r)
    out = []
    for (doc_id, unit, measure, qualifier, rng, as_of), rows in views.items():
        first = rows[0]
        out.append(
            ClaimView(
                claim_ids=tuple(str(r.claim_id) for r in rows),
                doc_id=doc_id,
                topic=first.topic,
                unit=unit,
                measure=measure,
                qualifier=qualifier,
                vague=bool(first.vague),
                surface=first.surface,
                rng=rng,
                event_id=first.event_id,
                event_date=first.event_date,
                as_of=as_of,
                speaker=first.speaker,
                lang=first.lang,
                position=float(first.position),
            )
        )
    return out


# --------------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Verdict:
    verdict: str
    detail: str
    likely_value: str = ""


def _specific(measure: str) -> bool:
    return bool(measure) and measure != "unspecified"


def pair_verdict(a: ClaimView, b: ClaimView, implied_a: str = "", implied_b: str = "") -> Verdict:
    """Compare two figures of one topic from different documents.

    ``implied_a``/``implied_b`` are the measures of the ledger rows each figure
    matched, when that says more than the cue words did (600k matches the
    H100-equivalents figure, 350k the H100 count).
    """
    both = f"{a.label()} vs {b.label()}"
    if a.unit != b.unit:
        return Verdict("different_measure", f"{both}: units differ ({a.unit} vs {b.unit})")
    if _specific(a.measure) and _specific(b.measure) and a.measure != b.measure:
        return Verdict("different_measure", f"{both}: measures differ ({a.measure} vs {b.measure})")
    if _specific(implied_a) and _specific(implied_b) and implied_a != implied_b:
        return Verdict(
            "different_measure",
            f"{both}: the figures match different ledger measures ({implied_a} vs {implied_b})",
        )
    wa, wb = a.window, b.window
    if wa is None or wb is None:
        neg = a if wa is None else b
        return Verdict("unverified", f"{both}: {short_id(neg.doc_id)} negates its figure, nothing to compare")
    if overlaps(wa, wb):
        return Verdict("consistent", f"{both}: ranges overlap within the stated qualifiers")
    same_event = a.event_id == b.event_id
    apart = abs(a.position - b.position)
    if same_event and apart > SAME_PLACE:
        return Verdict(
            "different_measure",
            f"{both}: different points of one event ({a.position:.0%} vs {b.position:.0%} into the text), so different statements",
        )
    if same_event and a.precise and b.precise:
        k = slip_exponent(wa, wb)
        if k is not None:
            # The figure that misses is unknowable from two renderings alone: state both readings.
            return Verdict(
                "translation_slip",
                f"{both}: two renderings of one event differ by exactly 10^{abs(k)}",
                f"{range_words(_scaled(a.rng, k), a.unit)} or {range_words(_scaled(b.rng, -k), b.unit)}",
            )
    if a.topic in FAMILY:
        return Verdict("different_measure", f"{both}: different members of a family (e.g. model sizes), both can hold")
    if a.speaker and b.speaker and a.speaker != b.speaker:
        return Verdict("different_measure", f"{both}: {a.speaker}'s figure vs {b.speaker}'s, not one source's")
    if a.topic in TIME_VARYING and not same_time(a.as_of, b.as_of):
        return Verdict(
            "different_measure", f"{both}: a figure that changes over time, stated for {a.as_of} vs {b.as_of}"
        )
    return Verdict("conflict", f"{both}: ranges do not overlap and no measure, date or speaker tells them apart")


def _scaled(rng: tuple[float, float] | None, k: int) -> tuple[float, float] | None:
    if rng is None:
        return None
    return (rng[0] / 10.0**k, rng[1] / 10.0**k)


def _ref_range(row) -> tuple[float, float]:
    return (float(row.low_base), float(row.high_base))


def _ref_window(row) -> tuple[float, float]:
    lo, hi = _ref_range(row)
    return (lo * (1 - TOL_EXACT), hi * (1 + TOL_EXACT))


def _log_distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    def mid(r: tuple[float, float]) -> float:
        hi = r[1] if not math.isinf(r[1]) else r[0]
        return max((r[0] + hi) / 2, 1e-300)

    return abs(math.log10(mid(a)) - math.log10(mid(b)))


def _ref_text(row) -> str:
    return f"ledger {row.topic_key} {range_words(_ref_range(row), row.base_unit)} ({row.measure or 'any measure'}, {row.as_of})"


def reference_verdict(c: ClaimView, refs: pd.DataFrame, ref_rows: list | None = None) -> tuple[Verdict, object | None]:
    """Check one figure against the ledger rows of its topic; returns the verdict and the row used.

    ``ref_rows`` is ``list(refs.itertuples())`` when the caller checks many figures
    (itertuples costs milliseconds per call: 200,000 claims made it dominate).
    """
    if refs.empty:
        return Verdict("unverified", f"{c.label()}: no ledger figure for topic {c.topic}"), None
    same_unit = [r for r in (refs.itertuples() if ref_rows is None else ref_rows) if r.base_unit == c.unit]
    if not same_unit:
        units = ", ".join(sorted(set(refs["base_unit"])))
        return Verdict("unverified", f"{c.label()}: ledger has this topic only in {units}"), None
    w = c.window
    if w is None:
        return Verdict("unverified", f"{c.label()}: the source negates the figure"), None

    def fits(r) -> bool:
        return not (_specific(c.measure) and _specific(r.measure) and r.measure != c.measure)

    def by_closeness(rows):
        # Nearest value first; among equals the figure published closest to the claim's date.
        cd = _date(c.as_of) or dt.date(2000, 1, 1)
        return sorted(
            rows,
            key=lambda r: (_log_distance(c.rng, _ref_range(r)), abs(((_date(r.as_of_date) or cd) - cd).days), r.line),
        )

    same = [r for r in same_unit if fits(r)]
    other = [r for r in same_unit if not fits(r)]
    hit = by_closeness([r for r in same if overlaps(w, _ref_window(r))])
    if hit:
        r = hit[0]
        return Verdict("consistent", f"{c.label()} matches {_ref_text(r)}"), r
    hit = by_closeness([r for r in other if overlaps(w, _ref_window(r))])
    if hit:
        r = hit[0]
        return (
            Verdict(
                "different_measure",
                f"{c.label()} ({c.measure}) matches {_ref_text(r)}: the figure is a {r.measure}, not a {c.measure}",
            ),
            r,
        )
    if c.precise:
        slips = []
        for r in same:
            k = slip_exponent(w, _ref_window(r))
            if k is not None:
                slips.append((abs(k), r.line, k, r))
        if slips:
            _, _, k, r = min(slips, key=lambda t: (t[0], t[1]))
            likely = range_words(_scaled(c.rng, k), c.unit)
            return (
                Verdict(
                    "translation_slip",
                    f"{c.label()} is 10^{k} x {_ref_text(r)}: a clean power of ten (万 vs thousand type slip)",
                    likely,
                ),
                r,
            )
    if not same:
        r = by_closeness(other)[0]
        return Verdict("different_measure", f"{c.label()} ({c.measure}): ledger has only other measures, e.g. {_ref_text(r)}"), r
    r = by_closeness(same)[0]
    if _log_distance(c.rng, _ref_range(r)) > FAR_OFF_DECADES:
        return (
            Verdict("different_measure", f"{c.label()} is over 10^{FAR_OFF_DECADES:g} away from every ledger figure (nearest {_ref_text(r)}): a different quantity"),
            r,
        )
    if c.topic in TIME_VARYING and not same_time(c.as_of, r.as_of_date):
        return (
            Verdict("different_measure", f"{c.label()} refers to {c.as_of}; nearest {_ref_text(r)} is from another time"),
            r,
        )
    if c.topic in FAMILY:
        return Verdict("unverified", f"{c.label()}: no ledger figure for this member; nearest {_ref_text(r)}"), r
    if _specific(r.measure) and not _specific(c.measure):
        # A conflict needs both sides to measure the same thing; here only the ledger says what it measures.
        return (
            Verdict("unverified", f"{c.label()} does not say what it measures; nearest {_ref_text(r)} is a {r.measure}"),
            r,
        )
    return Verdict("conflict", f"{c.label()} contradicts {_ref_text(r)}"), r


_VERSION = re.compile(r"(\d+(?:\.\d+)?)")


def version_verdict(c: ClaimView, releases: Mapping[str, str]) -> tuple[Verdict, str]:
    """Check a product version against the released versions; returns verdict and the ledger version used."""
    m = _VERSION.search(c.surface.replace("．", "."))
    if m is None and c.rng is not None:
        text = f"{c.rng[0]:g}"
    elif m is None:
        return Verdict("unverified", f'{short_id(c.doc_id)} "{c.surface}": no version number'), ""
    else:
        text = m.group(1)
    label = f'{short_id(c.doc_id)} "{c.surface}" (version {text})'
    if not releases:
        return Verdict("unverified", f"{label}: ledger lists no releases"), ""
    if text in releases:
        rel = releases[text]
        if c.event_date and _date(c.event_date) and _date(rel) and _date(c.event_date) < _date(rel):
            return Verdict("unverified", f"{label}: released {rel}, after the event ({c.event_date}); a plan or forecast"), text
        return Verdict("consistent", f"{label}: released {rel}"), text
    # Versions known by the event date: a later, unknown number is a plan, not a slip.
    known_then = {v for v, d in releases.items() if not c.event_date or (_date(d) or dt.date.min) <= (_date(c.event_date) or dt.date.max)}
    latest = max((float(v) for v in (known_then or releases)), default=0.0)
    if "." in text:
        major, minor = text.split(".", 1)
        stripped = f"{major}.{minor.rstrip('0')}".rstrip(".")
        if stripped in releases:
            return (
                Verdict("translation_slip", f"{label}: no such version; '{text}' is '{stripped}' with a stray 0 (released {releases[stripped]})", stripped),
                stripped,
            )
        if major in releases and float(text) <= latest:
            siblings = sorted(v for v in releases if v.split(".")[0] == major)
            return (
                Verdict("translation_slip", f"{label}: no such version was released (known {', '.join(siblings)}); likely {major}", major),
                major,
            )
    if float(text) > latest:
        return Verdict("unverified", f"{label}: later than any release known at the event (latest {latest:g}); a future version"), ""
    return Verdict("unverified", f"{label}: not a known release"), ""


def year_product_findings(df: pd.DataFrame, ledger: pd.DataFrame) -> list[dict]:
    """Years earlier than the product the same sentence names (2020 for H100, first sold 2022)."""
    firsts = product_first_years(ledger)
    out = []
    if not firsts:
        return out
    keys = {name: r.topic_key for r in ledger[ledger["topic"] == "product_release"].itertuples() for name in [r.measure]}
    for r in df[df["unit"] == "year"].sort_values(["doc_id", "start"], kind="stable").itertuples():
        year = finite_or_none(r.value)
        if year is None:
            continue
        text = r.context or ""
        for name, first in sorted(firsts.items()):
            if re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![0-9])", text) and year < first:
                out.append(
                    dict(
                        topic=r.topic or "product_release",
                        verdict="translation_slip",
                        claim_ids=str(r.claim_id),
                        reference=keys[name],
                        detail=f'{short_id(r.doc_id)} "{r.surface}" = {int(year)} names {name}, which first appeared in {first}: impossible year',
                        kind="year",
                        measure=r.measure,
                        doc_ids=r.doc_id,
                        likely_value=f"{first} or later",
                    )
                )
    return out


# --------------------------------------------------------------------------- findings


def _topic_order(topic: str) -> tuple[int, str]:
    return (TOPIC_KEYS.index(topic) if topic in TOPIC_KEYS else len(TOPIC_KEYS), topic)


def _ref_fields(row) -> dict:
    if row is None:
        return dict(reference="", reference_value="", reference_as_of="", reference_source="")
    return dict(
        reference=row.topic_key,
        reference_value=range_words(_ref_range(row), row.base_unit) if row.base_unit != "version" else str(row.value),
        reference_as_of=row.as_of,
        reference_source=row.source_title,
    )


def _cross_document_pairs(views: list[ClaimView]):
    """Every (a, b) with a before b in ``views`` and from different documents, in that order.

    Same-document pairs are never formed rather than skipped one by one:
    a single document with 200,000 numbers would otherwise cost 2*10^10 steps.
    """
    by_doc: dict[str, list[int]] = {}
    for i, v in enumerate(views):
        by_doc.setdefault(v.doc_id, []).append(i)

    def after(indices: list[int], i: int):
        return (indices[k] for k in range(bisect.bisect_right(indices, i), len(indices)))

    for i, a in enumerate(views):
        for j in heapq.merge(*(after(indices, i) for doc, indices in by_doc.items() if doc != a.doc_id)):
            yield a, views[j]


def topic_findings(views: list[ClaimView], topic: str, ledger: pd.DataFrame) -> list[dict]:
    """Reference findings for every view of one topic, then pair findings across documents."""
    out: list[dict] = []
    if topic == "llama_version":
        releases = known_versions(ledger)
        rows = {str(r.value): r for r in ledger[(ledger["topic"] == topic) & (ledger["measure"] == "release")].itertuples()}
        for c in views:
            v, used = version_verdict(c, releases)
            out.append(dict(topic=topic, verdict=v.verdict, claim_ids=" ".join(c.claim_ids), detail=v.detail,
                            kind="version", measure=c.measure, doc_ids=c.doc_id, likely_value=v.likely_value,
                            **_ref_fields(rows.get(used))))  # fmt: skip
        return out
    refs = rows_for_topic(ledger, topic)
    numeric = [c for c in views if c.unit in NUMERIC_UNITS and c.rng is not None]
    implied: dict[ClaimView, str] = {}
    ref_rows = list(refs.itertuples())
    for c in numeric:
        v, row = reference_verdict(c, refs, ref_rows)
        w = c.window
        if row is not None and (v.verdict == "translation_slip" or (w is not None and overlaps(w, _ref_window(row)))):
            implied[c] = row.measure
        out.append(dict(topic=topic, verdict=v.verdict, claim_ids=" ".join(c.claim_ids), detail=v.detail,
                        kind="reference", measure=c.measure, doc_ids=c.doc_id, likely_value=v.likely_value,
                        **_ref_fields(row)))  # fmt: skip
    for a, b in _cross_document_pairs(numeric):
        v = pair_verdict(a, b, implied.get(a, ""), implied.get(b, ""))
        measure = a.measure if a.measure == b.measure else f"{a.measure} / {b.measure}"
        out.append(dict(topic=topic, verdict=v.verdict, claim_ids=" ".join(a.claim_ids + b.claim_ids),
                        detail=v.detail, kind="pair", measure=measure, doc_ids=f"{a.doc_id} {b.doc_id}",
                        likely_value=v.likely_value, **_ref_fields(None)))  # fmt: skip
    return out


def findings_frame(
    claims: pd.DataFrame, ledger: pd.DataFrame, catalog: Mapping | None, sentences: pd.DataFrame | None = None
) -> pd.DataFrame:
    """All findings of a claims table, with stable ids (f0001, ...) in a deterministic order.

    ``sentences`` (optional) gives each document's length in sentences, to
    place claims in the talk; without it the claims' own sentence ids are used.
    """
    df = prepare_claims(claims, catalog, sentences)
    topical = df[df["topic"] != ""]
    rows: list[dict] = []
    kind_rank = {"reference": 0, "version": 0, "year": 1, "pair": 2}
    for topic in sorted(set(topical["topic"]), key=_topic_order):
        rows += topic_findings(claim_views(topical[topical["topic"] == topic]), topic, ledger)
    rows += year_product_findings(df, ledger)
    rows.sort(key=lambda r: (_topic_order(r["topic"]), kind_rank[r["kind"]]))  # stable: keeps document order
    for n, r in enumerate(rows, 1):
        r["finding_id"] = f"f{n:04d}"
    return pd.DataFrame([{c: r.get(c, "") for c in FINDINGS.names} for r in rows], columns=FINDINGS.names, dtype=object)


# --------------------------------------------------------------------------- groups and report


def topic_group(claims: pd.DataFrame, findings: pd.DataFrame, catalog: Mapping | None, topic: str) -> pd.DataFrame:
    """All claims of one topic side by side, in event-date then document order, with their verdicts."""
    df = prepare_claims(claims, catalog)
    df = df[df["topic"] == topic]
    verdicts: dict[str, list[str]] = {}
    for f in findings[findings["topic"] == topic].itertuples():
        for cid in f.claim_ids.split():
            verdicts.setdefault(cid, []).append(f"{f.finding_id}:{f.verdict}")
    rows = []
    for r in df.itertuples():
        rng = claim_range(r.value, getattr(r, "value_low", None), getattr(r, "value_high", None))
        rows.append(
            dict(
                claim_id=r.claim_id, doc_id=r.doc_id, event_date=r.event_date, speaker=r.speaker, lang=r.lang,
                surface=r.surface, normalized=range_words(rng, r.unit), qualifier=r.qualifier, measure=r.measure,
                unit=r.unit, low=rng[0] if rng else math.nan, high=rng[1] if rng else math.nan,
                sentence_id=getattr(r, "sentence_id", ""), verdicts=" ".join(verdicts.get(r.claim_id, [])),
            )
        )  # fmt: skip
    out = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    return out.sort_values(["event_date", "doc_id", "claim_id"], kind="stable").reset_index(drop=True)
