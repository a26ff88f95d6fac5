"""Comparison of quantitative claims across sources and against the reference ledger.

Figures are compared only inside a **group** of figures about the same thing:

- a reviewed topic (``claims/data/topics.yaml``) and the claim's subject
  (topic assignment already refused subjects the topic is not about; a claim
  whose subject is unknown joins the topic's own), split by period when the
  topic changes over time (``TIME_VARYING``): the 350k H100s Meta planned for
  the end of 2024 and a count as of July 2024 are two groups, Meta AI's users
  and Meta's daily users too;
- for figures no topic covers, the claim's subject, its measure (unit dimension
  and what is counted, ``claims.csv`` ``counted``) and its period must all be
  known and agree: Meta's 2024-Q4 capex, Nvidia's FY2025 revenue. So a corpus
  about other companies gets comparisons without new lexicon entries, and two
  subjects or two periods are never compared.

Each group gets one *group* finding (its values, sources, who says what and
the ledger figure) and each figure one *claim* finding: its verdict against the
ledger and against the other documents of its group. Checking a figure against
its group uses a sorted index of the group's ranges, so the cost grows with the
number of claims (n log n), not with the number of pairs. Versions (*version*)
and years before a product existed (*year*) keep their own findings.
Each claim finding carries one verdict:

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

Against the group, a figure is ``consistent`` when a figure of another
document overlaps it, a ``translation_slip`` when another rendering of the same
event states it a clean power of ten apart (and the ledger does not side with
it), a ``conflict`` when no figure overlaps and one could contradict it (same
measure, not a family member, not another speaker's figure, not another point
of the same event), else ``different_measure``. A decisive ledger verdict wins
over the group's. Each figure's tolerance is applied once: its window against
the other's stated range. Outside topics about one company, no conflict is
called for a figure whose owner only the document's main subject suggests.
A speaker is a person whatever way they are known: Mark Zuckerberg labelled in
one transcript and inferred in another is one speaker, and unnamed authors are
nobody in particular (``attribution.speaker_of``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter, namedtuple
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..claims.lexicon import NUMERIC_UNITS
from ..claims.subjects import (
    SUBJECT_COLUMNS,
    DocumentContext,
    annotate,
    dimension,
    period_key,
    point_in_time,
)
from ..claims.topics import report_order, topic_subjects
from ..format import range_words
from ..tables import Column, TableSpec
from .attribution import said_by, said_by_row, speaker_of
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


FINDINGS = TableSpec(
    "findings",
    "one row per comparison finding",
    (
        Column("finding_id", "str", "Stable id (f0001, ...) in group order (topics in report order, then groups without topic by subject, measure and period); in a group the group finding first, then its claims in document order; year checks last."),
        Column("topic", "str", "Claims topic of the group; empty for a group without topic (keyed by subject, measure and period); product_release for the year-before-product check."),
        Column("verdict", "str", "consistent | different_measure | conflict | translation_slip | unverified (see helpers.analysis.compare).", isin=VERDICTS),
        Column("claim_ids", "str", "Space-separated claim_ids the finding is about (several when one document repeats the same figure)."),
        Column("reference", "str", "topic_key of the ledger row used, or empty."),
        Column("detail", "str", "One line a researcher can check: the surfaces, normalized values, dates and the rule that fired."),
        Column("kind", "str", "group (one per group: its range of values, sources and ledger figure; verdict = the most serious of its claims'), claim (one figure against its group and the ledger), version, year."),
        Column("measure", "str", "The claim's measure (topic measure such as h100_equivalents); for a group without topic the group's '<dimension>:<counted>' (currency:revenue, count:users/daily)."),
        Column("doc_ids", "str", "Space-separated documents involved."),
        Column("likely_value", "str", "For translation_slip: the figure the source most likely meant."),
        Column("reference_value", "str", "The ledger figure in base units (range as low–high)."),
        Column("reference_as_of", "str", "Date of the ledger figure."),
        Column("reference_source", "str", "Source title of the ledger figure."),
        Column("group_id", "str", "The group the finding belongs to (g0001, ... in finding order); empty for year checks."),
        Column("subject", "str", "Whose figures the group holds (claims.csv subject; for a topic group the topic's own subject when the claims do not name one); empty when unknown."),
        Column("period", "str", "The group's period key: 2024, FY2025, 2024-Q4, end-2025, @2025-Q1 (figures as of a date, by quarter); empty when the topic does not change over time."),
        Column("speakers", "str", "Who says the figures: 'speaker (document)' separated by '; ', the speaker as every report shows it (helpers.analysis.attribution): the name for a transcript label, 'Name (inferred)' when decoded from an unlabelled dialogue (claims.csv attribution turn), 'Name (reported)' when a writer reports the person's words, 'author' for the writer's own words; claims with an unknown speaker are left out."),
    ),
    unique=("finding_id",),
)

GROUP_COLUMNS = [
    "claim_id", "doc_id", "event_date", "speaker", "attribution", "speaker_confidence", "said", "lang", "surface", "normalized", "qualifier", "measure",
    "unit", "low", "high", "sentence_id", "verdicts", "subject", "period", "group_id",
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
    speaker: str  # who asserts it, for telling speakers apart ("" when unknown)
    lang: str
    position: float = math.nan  # share of the document's sentences before the figure
    subject: str = ""
    subject_basis: str = ""
    period: str = ""
    period_basis: str = ""
    group: GroupKey | None = None
    said: str = ""  # the speaker as reports show it (attribution.said_by)

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


def _text_column(s: pd.Series) -> pd.Series:
    """A column as plain str, missing values as "" (vectorized: ``map(as_text)`` costs seconds on large corpora)."""
    return s.astype(object).where(s.notna(), "").astype(str)


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain-Python dicts; several times faster than ``to_dict("records")`` on extension dtypes."""
    cols = list(df.columns)
    return [dict(zip(cols, vals)) for vals in zip(*(df[c].astype(object).tolist() for c in cols))]


def row_tuples(df: pd.DataFrame, limit: int | None = None) -> list[tuple]:
    """``df.itertuples()`` (the first ``limit`` rows) without walking text columns element by element,
    which cost more than the HTML made of them in the comparison report."""
    fields = _row_type(("Index", *map(str, df.columns)))
    part = df if limit is None else df.iloc[:limit]
    # one object array of the whole frame: its cells are the Python values itertuples gives
    return [fields._make((i, *row)) for i, row in zip(part.index.tolist(), part.to_numpy(dtype=object).tolist())]


@lru_cache(maxsize=64)
def _row_type(fields: tuple[str, ...]) -> type:
    return namedtuple("Pandas", fields, rename=True)


def _entry(catalog: Mapping, doc_id: str):
    return catalog.get(doc_id) if catalog is not None else None


def _contexts(df: pd.DataFrame, catalog: Mapping | None) -> dict[str, DocumentContext]:
    """What the catalog says about each document, for claims tables written before subjects existed."""
    out = {}
    for doc_id in sorted(set(df["doc_id"])):
        e = _entry(catalog, doc_id)
        date = as_text(getattr(e, "event_date", "")) or as_text(getattr(e, "published", ""))
        out[doc_id] = DocumentContext(doc_id, event_date=date)
    return out


def prepare_claims(claims: pd.DataFrame, catalog: Mapping | None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims with event id/date from the catalog, the date each figure refers to and its place in the document.

    ``as_of`` is a year stated in the same sentence ("2012年頃 ... 10億人"),
    else the event date, else the publication date. ``position`` is the share
    of the document's sentences before the claim (from ``sentences`` when
    given, else from the highest sentence_id among the claims). A claims table
    without subject and period columns (written before they existed) gets them
    from each claim's own sentence.
    """
    df = claims.copy()
    for col in ("measure", "qualifier", "topic", "speaker", "unit", "surface", "context", "lang", "attribution"):
        if col not in df.columns:
            df[col] = ""
        df[col] = _text_column(df[col])
    if "vague" not in df.columns:
        df["vague"] = False
    df["vague"] = df["vague"].fillna(False).astype(bool)
    df["claim_id"] = [str(c) for c in df["claim_id"].tolist()]
    if any(c not in df.columns for c in SUBJECT_COLUMNS):
        have_text = sentences is not None and "text" in sentences.columns and len(sentences)
        df = annotate(df.drop(columns=[c for c in SUBJECT_COLUMNS if c in df.columns]),
                      sentences if have_text else None, _contexts(df, catalog))  # fmt: skip
    for col in SUBJECT_COLUMNS:
        df[col] = _text_column(df[col])
    # Every corpus report prepares every claim: the loops below run over plain lists (iterating a
    # text column element by element costs seconds at a thousand documents), and what depends
    # only on the document or on the group's fields is worked out once per distinct value.
    doc_ids = df["doc_id"].tolist()
    events: dict[str, tuple[str, str]] = {}
    for doc_id in dict.fromkeys(doc_ids):
        e = _entry(catalog, doc_id)
        events[doc_id] = (as_text(getattr(e, "event_id", "")) or doc_id, as_text(getattr(e, "event_date", "")) or as_text(getattr(e, "published", "")))
    df["event_id"] = [events[d][0] for d in doc_ids]
    event_dates = [events[d][1] for d in doc_ids]
    df["event_date"] = event_dates
    years: dict[tuple[str, object], str] = {}
    if "sentence_id" in df.columns:
        for r in df[df["unit"] == "year"].itertuples():
            v = finite_or_none(r.value)
            if v is not None and 1900 <= v <= 2100:
                years.setdefault((r.doc_id, r.sentence_id), str(int(v)))
        df["as_of"] = [
            years.get((d, s), e) if u != "year" else e
            for d, s, e, u in zip(doc_ids, df["sentence_id"].tolist(), event_dates, df["unit"].tolist())
        ]
    else:
        df["as_of"] = df["event_date"]
    if "sentence_id" in df.columns:
        sid = pd.to_numeric(df["sentence_id"], errors="coerce")
        if sentences is not None and len(sentences):
            counts = sentences.groupby("doc_id")["sentence_id"].max().to_dict()
        else:
            counts = sid.groupby(df["doc_id"]).max().to_dict()
        lengths = {d: max(float(n or 0), 1.0) for d, n in counts.items()}
        df["position"] = [s / lengths.get(d, 1.0) for d, s in zip(doc_ids, sid.tolist())]
    else:
        df["position"] = math.nan
    subjects = topic_subjects()
    cols = ["topic", "subject", "subject_basis", "period", "event_date", "unit", "counted"]
    keys: dict[tuple, GroupKey | None] = {}
    groups = []
    for vals in zip(*(df[c].astype(object).tolist() for c in cols)):
        if vals not in keys:
            keys[vals] = group_key(dict(zip(cols, vals)), subjects)
        groups.append(keys[vals])
    df["group"] = groups
    return df


def claim_views(df: pd.DataFrame) -> list[ClaimView]:
    """Group a prepared frame into views: one per (group, document, figure, unit, measure, qualifier)."""
    views: dict[tuple, list] = {}
    order = df.sort_values(["doc_id", "start", "claim_id"], kind="stable") if "start" in df.columns else df
    for r in records(order):
        rng = claim_range(r["value"], r.get("value_low"), r.get("value_high"))
        key = (r["group"], r["doc_id"], r["unit"], r["measure"], r["qualifier"], rng, r["as_of"])
        views.setdefault(key, []).append(r)
    out = []
    for (group, doc_id, unit, measure, qualifier, rng, as_of), rows in views.items():
        first = rows[0]
        out.append(
            ClaimView(
                claim_ids=tuple(str(r["claim_id"]) for r in rows),
                doc_id=doc_id,
                topic=first["topic"],
                unit=unit,
                measure=measure,
                qualifier=qualifier,
                vague=bool(first["vague"]),
                surface=first["surface"],
                rng=rng,
                event_id=first["event_id"],
                event_date=first["event_date"],
                as_of=as_of,
                speaker=speaker_of(first["speaker"], first["attribution"]),
                said=said_by_row(first),
                lang=first["lang"],
                position=float(first["position"]),
                subject=first["subject"],
                subject_basis=first["subject_basis"],
                period=first["period"],
                period_basis=first["period_basis"],
                group=group,
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
    period = as_text(getattr(row, "period", ""))
    return f"ledger {row.topic_key} {range_words(_ref_range(row), row.base_unit)} ({row.measure or 'any measure'}, {row.as_of}{', for ' + period if period else ''})"


def period_fits(c: ClaimView, ledger_period: str) -> bool:
    """Whether a ledger figure's period is compatible with the period the claim states.

    A claim whose period was not stated (taken as of the event) and a ledger row
    without a period fit anything; two points in time fit within SAME_TIME_DAYS;
    otherwise the periods must be the same (a quarter is not its year, a year-end
    target is not a count at some date).
    """
    if not ledger_period or not c.period or c.period_basis in ("", "event_date"):
        return True
    a, b = point_in_time(c.period), point_in_time(ledger_period)
    if a is not None and b is not None:
        return abs((a - b).days) <= SAME_TIME_DAYS
    return period_key(c.period) == period_key(ledger_period)


def reference_verdict(c: ClaimView, refs: pd.DataFrame | list) -> tuple[Verdict, object | None]:
    """Check one figure against the ledger rows of its group; returns the verdict and the row used."""
    rows = list(refs.itertuples()) if isinstance(refs, pd.DataFrame) else list(refs)
    if not rows:
        return Verdict("unverified", f"{c.label()}: no ledger figure for {c.topic or 'this subject and measure'}"), None
    same_unit = [r for r in rows if r.base_unit == c.unit]
    if not same_unit:
        units = ", ".join(sorted({r.base_unit for r in rows}))
        return Verdict("unverified", f"{c.label()}: ledger has this topic only in {units}"), None
    w = c.window
    if w is None:
        return Verdict("unverified", f"{c.label()}: the source negates the figure"), None

    def measure_fits(r) -> bool:
        return not (_specific(c.measure) and _specific(r.measure) and r.measure != c.measure)

    def fits(r) -> bool:
        return measure_fits(r) and period_fits(c, as_text(getattr(r, "period", "")))

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
    # A figure that matches another period's figure while missing its own period's has the period wrong:
    # that is checked below (conflict or slip), with the other period's figure named as the likely mix-up.
    mixed_up = hit[0] if hit and measure_fits(hit[0]) and same else None
    if hit and measure_fits(hit[0]) and not same:
        r = hit[0]
        return (
            Verdict("different_measure", f"{c.label()} ({c.period}) matches {_ref_text(r)}: a figure for another period"),
            r,
        )
    if hit and mixed_up is None:
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
        if all(measure_fits(x) for x in other):
            # same measure, other periods only: nothing to check this period against
            return Verdict("unverified", f"{c.label()} ({c.period}): ledger has this measure only for other periods, e.g. {_ref_text(r)}"), None
        return Verdict("different_measure", f"{c.label()} ({c.measure}): ledger has only other measures, e.g. {_ref_text(r)}"), r
    r = by_closeness(same)[0]
    if _log_distance(c.rng, _ref_range(r)) > FAR_OFF_DECADES:
        return (
            Verdict("different_measure", f"{c.label()} is over 10^{FAR_OFF_DECADES:g} away from every ledger figure (nearest {_ref_text(r)}): a different quantity"),
            r,
        )
    # a stated period that fits the ledger row's already says they are about the same time
    stated = c.period_basis not in ("", "event_date") and bool(as_text(getattr(r, "period", "")))
    if c.topic in TIME_VARYING and not stated and not same_time(c.as_of, r.as_of_date):
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
    hint = f"; it matches {_ref_text(mixed_up)}, another period's figure" if mixed_up is not None else ""
    return Verdict("conflict", f"{c.label()} contradicts {_ref_text(r)}{hint}"), r


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
                        speakers=_said_in(said_by(r.speaker, r.attribution), r.doc_id),
                    )
                )
    return out


# --------------------------------------------------------------------------- groups


@dataclass(frozen=True)
class GroupKey:
    """What makes figures comparable: a reviewed topic, or (subject, measure, period) for the rest."""

    topic: str
    subject: str
    measure: str  # generic groups: "<dimension>:<counted>"; topic groups: ""
    period: str  # period key (helpers.claims.subjects.period_key); "" when the topic does not change over time

    def sort_key(self) -> tuple:
        return (*_topic_order(self.topic), self.subject, self.measure, self.period)


def group_key(row: Mapping, topic_subjects: Mapping[str, tuple[str, ...]]) -> GroupKey | None:
    """The group a prepared claim belongs to, or None when it cannot be compared with anything.

    A topic's claims are grouped by their subject (topic assignment already
    refused subjects the topic is not about; a claim whose subject is unknown
    joins the topic's own); those of a topic that changes over time are split by period.
    A claim without topic is grouped only when its subject, what it counts and
    its period are all known (a flow without a stated period is not).
    """
    topic = row["topic"]
    if topic:
        # a product's figures (Meta AI's users) are not its company's (Meta's daily users); a claim whose
        # subject nothing states joins the topic's own subject, as topic assignment let it through
        required = topic_subjects.get(topic, ())
        subject = row["subject"] if row["subject"] and row["subject_basis"] != "other_party" else (required[0] if required else "")
        period = ""
        if topic in TIME_VARYING:
            period = period_key(row["period"]) or period_key(f"@{row['event_date']}" if row["event_date"] else "")
        return GroupKey(topic, subject, "", period)
    if not _quantity(row["unit"]):
        return None
    if not (row["subject"] and row["counted"] and row["period"]) or row["subject_basis"] == "other_party":
        return None
    return GroupKey("", row["subject"], f"{_countable(dimension(row['unit']))}:{row['counted']}", period_key(row["period"]))


def _quantity(unit: str) -> bool:
    """Whether figures in this unit are compared as quantities (also currencies and physical units added later)."""
    return unit in NUMERIC_UNITS or dimension(unit) == "currency" or dimension(unit) != unit


def _countable(unit: str) -> str:
    """People and things counted are both counts once ``counted`` says what is counted (users: "700 million actives" / "7億人")."""
    return "count" if unit in ("person", "count") else unit


class _IntervalIndex:
    """Intervals sorted by their low end, with prefix maxima of the high end per document: "does any interval
    of another document overlap [lo, hi]?" in O(log n)."""

    def __init__(self, items: list[tuple[tuple[float, float], str]]) -> None:
        items = sorted(items, key=lambda t: t[0][0])
        self.los = [lo for (lo, _), _ in items]
        self.best: list[tuple[float, str, float]] = []  # (max high, its document, max high of any other document)
        top: tuple[float, str, float] = (-math.inf, "", -math.inf)
        for (_, hi), doc in items:
            h1, d1, h2 = top
            if hi > h1:
                top = (hi, doc, h1 if d1 != doc else h2)
            elif doc != d1 and hi > h2:
                top = (h1, d1, hi)
            self.best.append(top)

    def overlaps_other(self, rng: tuple[float, float], doc: str) -> bool:
        i = bisect.bisect_right(self.los, rng[1])
        if i == 0:
            return False
        h1, d1, h2 = self.best[i - 1]
        return (h1 if d1 != doc else h2) >= rng[0]


@dataclass
class _Cluster:
    """Figures of one group and one measure, indexed for linear-time peer checks."""

    views: list[ClaimView]
    by_event: dict[str, list[ClaimView]] = field(default_factory=dict)
    n_doc: Counter = field(default_factory=Counter)
    n_speaker: Counter = field(default_factory=Counter)
    n_doc_speaker: Counter = field(default_factory=Counter)
    n_known: int = 0
    n_doc_known: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        numeric = [c for c in self.views if c.window is not None and c.rng is not None]
        # each figure's tolerance is applied once: one side's window against the other side's stated range
        self.windows = _IntervalIndex([(c.window, c.doc_id) for c in numeric])  # type: ignore[misc]
        self.stated = _IntervalIndex([(c.rng, c.doc_id) for c in numeric])  # type: ignore[misc]
        for c in self.views:
            self.by_event.setdefault(c.event_id, []).append(c)
            self.n_doc[c.doc_id] += 1
            if c.speaker:
                self.n_known += 1
                self.n_speaker[c.speaker] += 1
                self.n_doc_known[c.doc_id] += 1
                self.n_doc_speaker[(c.doc_id, c.speaker)] += 1

    def overlapping_other_doc(self, c: ClaimView) -> bool:
        """Whether a figure of another document agrees with ``c`` within either figure's tolerance (O(log n))."""
        if c.window is None or c.rng is None:
            return False
        return self.stated.overlaps_other(c.window, c.doc_id) or self.windows.overlaps_other(c.rng, c.doc_id)

    def eligible_disagreeing(self, c: ClaimView) -> int:
        """Figures of other documents that could contradict ``c``: not another speaker's, not another point of the same event."""
        n = len(self.views) - self.n_doc[c.doc_id]
        if c.speaker:
            others_known = self.n_known - self.n_speaker[c.speaker]
            own_doc_others = self.n_doc_known[c.doc_id] - self.n_doc_speaker[(c.doc_id, c.speaker)]
            n -= others_known - own_doc_others
        for v in self.by_event.get(c.event_id, ()):
            if v.doc_id != c.doc_id and abs(v.position - c.position) > SAME_PLACE:
                if not (c.speaker and v.speaker and v.speaker != c.speaker):
                    n -= 1
        return n

    def renderings(self, c: ClaimView) -> list[ClaimView]:
        """Figures at the same point of another rendering of the same event."""
        return [
            v for v in self.by_event.get(c.event_id, ())
            if v.doc_id != c.doc_id and not (abs(v.position - c.position) > SAME_PLACE)
        ]  # fmt: skip


def _point_match(c: ClaimView, row) -> bool:
    """The stated figure itself (not an open "at least" window) lands on the ledger figure."""
    if c.rng is None:
        return False
    lo, hi = _ref_range(row)
    hi = hi if math.isfinite(hi) else lo
    return overlaps(tolerant((c.rng[0], c.rng[0]), "approx"), (lo, hi))


def _stated(c: ClaimView) -> tuple[float, float]:
    assert c.rng is not None
    return tolerant(c.rng, "") or c.rng


def _rendering_slip(c: ClaimView, clusters: list[_Cluster], refs: list) -> tuple[ClaimView, int] | None:
    """Another rendering of the same event states this figure 10^k apart, and the ledger does not side with ``c``."""
    if not c.precise:
        return None
    for cl in clusters:
        for v in cl.renderings(c):
            if not v.precise or overlaps(_stated(c), _stated(v)):
                continue
            k = slip_exponent(_stated(c), _stated(v))
            if k is None:
                continue
            if any(_point_match(c, r) for r in refs):
                continue  # the ledger sides with this figure: the other rendering slipped
            return v, k
    return None


def claim_verdict(c: ClaimView, ref: Verdict, row, clusters: list[_Cluster], refs: list, family: bool) -> Verdict:
    """One verdict for a figure against its group and the ledger.

    A same-event rendering that is a clean power of ten away decides first (a
    slip is visible only between the two); then the ledger; then the other
    documents of the group: any overlapping figure makes it consistent; when
    none overlaps, a figure that could contradict it (not a family member, not
    another speaker's, not another point of the same event) makes it a conflict.
    """
    slip = _rendering_slip(c, clusters, refs)
    if slip is not None:
        v, k = slip
        return Verdict(
            "translation_slip",
            f"{c.label()} vs {v.label()}: two renderings of one event differ by exactly 10^{abs(k)}",
            range_words(_scaled(c.rng, k), c.unit),
        )
    if ref.verdict != "unverified" or c.window is None:
        return ref
    if any(cl.overlapping_other_doc(c) for cl in clusters):
        # No count of the group's other figures: it would change this finding whenever any document joins
        # the group (the group's own finding counts its sources).
        return Verdict("consistent", f"{c.label()} overlaps figures of other sources in its group")
    peers = sum(len(cl.views) - cl.n_doc[c.doc_id] for cl in clusters)
    if peers == 0:
        return ref
    if family:
        return Verdict("different_measure", f"{c.label()}: differs from the other figures of the group, but members of a family (e.g. model sizes) can all hold")
    eligible = sum(cl.eligible_disagreeing(c) for cl in clusters)
    if eligible > 0:
        return Verdict("conflict", f"{c.label()}: no figure of the {eligible} other source(s) on the same subject, measure and period overlaps it")
    return Verdict(
        "different_measure",
        f"{c.label()}: differs only from figures of other speakers or of other points of the same event, so different statements",
    )


_SEVERITY = ("conflict", "translation_slip", "different_measure", "consistent", "unverified")


def _group_summary(key: GroupKey, views: list[ClaimView], rows: list[dict]) -> dict:
    """One row that sums up a group: its range of values, its sources, who says what, and the ledger figure."""
    counts = Counter(r["verdict"] for r in rows)
    verdict = next((v for v in _SEVERITY if counts.get(v)), "unverified")
    docs = sorted({c.doc_id for c in views})
    numeric = [c for c in views if c.rng is not None and c.unit not in ("version", "year")]
    units = sorted({c.unit for c in numeric})
    ranges = []
    for u in units:
        lo = min(c.rng[0] for c in numeric if c.unit == u)  # type: ignore[index]
        hi = max(c.rng[1] for c in numeric if c.unit == u)  # type: ignore[index]
        ranges.append(range_words((lo, hi), u))
    refs = Counter(r["reference"] for r in rows if r["reference"])
    ref_key = refs.most_common(1)[0][0] if refs else ""
    ref_row = next((r for r in rows if r["reference"] == ref_key), None) if ref_key else None
    said = sorted({_said_in(c.said, c.doc_id) for c in views if c.said})
    parts = [f"{len(views)} figure(s) from {len(docs)} document(s) ({', '.join(short_id(d) for d in docs[:8])}{', …' if len(docs) > 8 else ''})"]
    if ranges:
        parts.append("values " + "; ".join(ranges))
    if ref_row is not None:
        parts.append(f"ledger {ref_key} {ref_row['reference_value']} ({ref_row['reference_as_of']})")
    parts.append(", ".join(f"{counts[v]} {v}" for v in VERDICTS if counts.get(v)))
    if said:
        parts.append("said by " + ", ".join(said[:6]) + (", …" if len(said) > 6 else ""))
    return dict(
        kind="group", topic=key.topic, verdict=verdict, claim_ids=" ".join(cid for c in views for cid in c.claim_ids),
        detail="; ".join(parts), measure=key.measure or " / ".join(sorted({c.measure for c in views if c.measure})),
        doc_ids=" ".join(docs), likely_value="", subject=key.subject, period=key.period,
        speakers="; ".join(said), **_ref_fields_of(ref_row),
    )  # fmt: skip


def _said_in(said: str, doc_id: str) -> str:
    """findings.csv's 'speaker (document)': "Jensen Huang (inferred) (004)"; "" without a speaker."""
    return f"{said} ({short_id(doc_id)})" if said else ""


def _ref_fields_of(finding: Mapping | None) -> dict:
    keys = ("reference", "reference_value", "reference_as_of", "reference_source")
    return {k: (finding[k] if finding is not None else "") for k in keys}


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


def _group_refs(by_topic: Mapping[str, list], key: GroupKey) -> list:
    """Numeric ledger rows for a group: its topic's rows about its subject (or about no particular one)."""
    out = []
    for r in by_topic.get(key.topic, ()):
        subject = as_text(getattr(r, "subject", ""))
        if subject and key.subject and subject != key.subject:
            continue  # another subject's figure: AWS's campus is not Meta's data center, Facebook's users not Meta AI's
        out.append(r)
    return out


def _claim_row(key: GroupKey, c: ClaimView, v: Verdict, kind: str, ref_fields: dict) -> dict:
    return dict(
        kind=kind, topic=key.topic, verdict=v.verdict, claim_ids=" ".join(c.claim_ids), detail=v.detail,
        measure=c.measure or key.measure, doc_ids=c.doc_id, likely_value=v.likely_value, subject=key.subject,
        period=key.period, speakers=_said_in(c.said, c.doc_id), **ref_fields,
    )  # fmt: skip


def group_findings(key: GroupKey, views: list[ClaimView], ledger: pd.DataFrame, by_topic: Mapping[str, list] | None = None) -> list[dict]:
    """The group finding, then one finding per figure of the group in document order.

    ``by_topic`` (topic -> numeric ledger rows) saves filtering the ledger once per group.
    """
    rows: list[dict] = []
    if key.topic == "llama_version":
        releases = known_versions(ledger)
        by_version = {str(r.value): r for r in ledger[(ledger["topic"] == key.topic) & (ledger["measure"] == "release")].itertuples()}
        for c in views:
            v, used = version_verdict(c, releases)
            rows.append(_claim_row(key, c, v, "version", _ref_fields(by_version.get(used))))
        return [_group_summary(key, views, rows), *rows] if rows else []
    if by_topic is None:
        by_topic = {key.topic: list(rows_for_topic(ledger, key.topic).itertuples())} if key.topic else {}
    refs = _group_refs(by_topic, key)
    numeric = [c for c in views if _quantity(c.unit) and c.rng is not None]
    checked = {c: reference_verdict(c, refs) for c in numeric}

    def effective_measure(c: ClaimView) -> str:
        # the ledger row a figure matched says what it measures when its own words did not (600k: H100-equivalents)
        if _specific(c.measure):
            return c.measure
        v, row = checked[c]
        if row is not None and v.verdict in ("consistent", "translation_slip", "different_measure") and _specific(row.measure):
            return str(row.measure)
        return "*"

    measures = {c: effective_measure(c) for c in numeric}
    members: dict[tuple[str, str], list[ClaimView]] = {}
    for c in numeric:
        members.setdefault((_countable(c.unit), measures[c]), []).append(c)
    clusters = {k: _Cluster(vs) for k, vs in members.items()}
    family = key.topic in FAMILY
    # a topic about one company vouches for whose figure it is; elsewhere the text must say it
    vouched = bool(topic_subjects().get(key.topic))
    for c in numeric:
        m = measures[c]
        peers = [cl for (u, mk), cl in clusters.items() if u == _countable(c.unit) and (m == "*" or mk in (m, "*"))]
        ref, row = checked[c]
        v = claim_verdict(c, ref, row, peers, refs, family)
        guessed = c.subject_basis == "document" or (not c.subject and v is ref and bool(as_text(getattr(row, "subject", ""))))
        if v.verdict == "conflict" and not vouched and guessed:
            v = Verdict("unverified", f"{v.detail}; but the text does not say whose figure it is, so no conflict is called")
        rows.append(_claim_row(key, c, v, "claim", _ref_fields(row if v is ref else None)))
    return [_group_summary(key, views, rows), *rows] if rows else []


def findings_frame(
    claims: pd.DataFrame, ledger: pd.DataFrame, catalog: Mapping | None, sentences: pd.DataFrame | None = None
) -> pd.DataFrame:
    """All findings of a claims table, with stable ids (f0001, ...) in a deterministic order.

    ``sentences`` (optional) gives each document's length in sentences, to
    place claims in the talk; without it the claims' own sentence ids are used.
    A group without topic is reported only when two documents give figures for it.
    """
    df = prepare_claims(claims, catalog, sentences)
    groups: dict[GroupKey, list[ClaimView]] = {}
    for c in claim_views(df[df["group"].notna()]):
        groups.setdefault(c.group, []).append(c)  # type: ignore[arg-type]
    by_topic = {t: list(rows_for_topic(ledger, t).itertuples()) for t in {k.topic for k in groups} if t}
    rows: list[dict] = []
    n = 0
    for key in sorted(groups, key=GroupKey.sort_key):
        views = groups[key]
        if not key.topic and len({c.doc_id for c in views}) < 2:
            continue
        part = group_findings(key, views, ledger, by_topic)
        if part:
            n += 1
            for r in part:
                r["group_id"] = f"g{n:04d}"
            rows += part
    rows += year_product_findings(df, ledger)
    for i, r in enumerate(rows, 1):
        r["finding_id"] = f"f{i:04d}"
    return pd.DataFrame([{c: r.get(c, "") for c in FINDINGS.names} for r in rows], columns=FINDINGS.names, dtype=object)


# --------------------------------------------------------------------------- groups and report


def topic_group(
    claims: pd.DataFrame,
    findings: pd.DataFrame,
    catalog: Mapping | None,
    topic: str = "",
    group_id: str = "",
    prepared: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The claims of one group (``group_id``) or of one topic side by side, in event-date then document order, with their verdicts.

    ``prepared`` (``prepare_claims`` of the same claims) saves preparing them again for every group of a report;
    ``topic_groups`` makes many groups' tables at once.
    """
    df = prepared if prepared is not None else prepare_claims(claims, catalog)
    if group_id:
        own = findings[findings["group_id"] == group_id]
        ids = set(" ".join(own.loc[own["kind"] == "group", "claim_ids"]).split())
        rows = df["claim_id"].isin(ids)
    else:
        own = findings[findings["topic"] == topic]
        rows = df["topic"] == topic
    return _group_frame(_group_sources(df[rows]), _judgements(own[own["kind"] != "group"]))


def topic_groups(
    claims: pd.DataFrame,
    findings: pd.DataFrame,
    catalog: Mapping | None,
    group_ids: Iterable[str],
    prepared: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """``topic_group`` of each of ``group_ids``, made in one pass over the claims and findings.

    A report shows up to a hundred groups of a thousand-document corpus:
    cutting each out of the whole tables cost more than the groups' tables.
    """
    df = prepared if prepared is not None else prepare_claims(claims, catalog)
    wanted = list(dict.fromkeys(group_ids))
    mine = findings[findings["group_id"].isin(wanted)]
    members: dict[str, set[str]] = {g: set() for g in wanted}
    judged: dict[str, list[tuple]] = {g: [] for g in wanted}
    for g, kind, finding in zip(mine["group_id"].tolist(), mine["kind"].tolist(), _judgements(mine)):
        if kind == "group":
            members[g].update(finding[2].split())
        else:
            judged[g].append(finding)
    # only the claims of the wanted groups are cut out of the table, once
    sources = _group_sources(df[df["claim_id"].isin(set().union(*members.values()))])
    at: dict[str, list[int]] = {}
    for i, cid in enumerate(sources["claim_id"]):
        at.setdefault(cid, []).append(i)
    out = {}
    for g in wanted:
        # the claims in table order, as a filter of the table gives them
        positions = sorted(i for cid in members[g] for i in at.get(cid, ()))
        out[g] = _group_frame({c: [v[i] for i in positions] for c, v in sources.items()}, judged[g])
    return out


# The prepared claims' columns a group row is made of.
_GROUP_SOURCES = (
    "claim_id", "doc_id", "event_date", "speaker", "attribution", "speaker_confidence", "lang", "surface", "value", "value_low",
    "value_high", "unit", "qualifier", "measure", "sentence_id", "subject", "period",
)  # fmt: skip


def _group_sources(df: pd.DataFrame) -> dict[str, list]:
    """The columns of prepared claims that a group row is made of, as lists (a prepared table has some forty columns)."""
    return {c: df[c].tolist() for c in _GROUP_SOURCES if c in df.columns}


def _judgements(findings: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """(finding_id, verdict, claim_ids, group_id) of each finding."""
    group_ids = findings["group_id"].tolist() if "group_id" in findings.columns else [""] * len(findings)
    return list(zip(findings["finding_id"].tolist(), findings["verdict"].tolist(), findings["claim_ids"].tolist(), group_ids))


def _group_frame(sources: Mapping[str, list], judged: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """``topic_group``'s table of the claims in ``sources`` (columns as lists) with the verdicts of the claim findings ``judged``."""
    verdicts: dict[str, list[str]] = {}
    groups: dict[str, str] = {}
    for finding_id, verdict, claim_ids, gid in judged:
        for cid in claim_ids.split():
            verdicts.setdefault(cid, []).append(f"{finding_id}:{verdict}")
            groups.setdefault(cid, as_text(gid))
    n = len(sources["claim_id"])
    none = [None] * n
    ranges = [claim_range(*v) for v in zip(sources["value"], sources.get("value_low", none), sources.get("value_high", none))]
    # a group repeats few speakers and few figures many times over: each is worded once
    said: dict[tuple, str] = {}
    for who in zip(sources["speaker"], sources["attribution"]):
        if who not in said:
            said[who] = said_by_row(dict(zip(("speaker", "attribution"), who)))
    words: dict[tuple, str] = {}
    for what in zip(ranges, sources["unit"]):
        if what not in words:
            words[what] = range_words(*what)
    ids = sources["claim_id"]
    columns = {
        "claim_id": ids, "doc_id": sources["doc_id"], "event_date": sources["event_date"], "speaker": sources["speaker"],
        "attribution": sources["attribution"], "speaker_confidence": sources.get("speaker_confidence", [math.nan] * n),
        "said": [said[who] for who in zip(sources["speaker"], sources["attribution"])], "lang": sources["lang"],
        "surface": sources["surface"], "normalized": [words[what] for what in zip(ranges, sources["unit"])],
        "qualifier": sources["qualifier"], "measure": sources["measure"], "unit": sources["unit"],
        "low": [r[0] if r else math.nan for r in ranges], "high": [r[1] if r else math.nan for r in ranges],
        "sentence_id": sources.get("sentence_id", [""] * n), "verdicts": [" ".join(verdicts.get(c, [])) for c in ids],
        "subject": sources["subject"], "period": sources["period"], "group_id": [groups.get(c, "") for c in ids],
    }  # fmt: skip
    out = pd.DataFrame(columns, columns=GROUP_COLUMNS) if n else pd.DataFrame([], columns=GROUP_COLUMNS)
    return out.sort_values(["event_date", "doc_id", "claim_id"], kind="stable").reset_index(drop=True)
