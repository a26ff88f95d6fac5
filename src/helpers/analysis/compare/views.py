"""Claims prepared for comparison (event, date, place in the document, group) and viewed as figures."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ...claims.framing import frame_of
from ...claims.subjects import SUBJECT_COLUMNS, DocumentContext, annotate, clause_span, version_named
from ...claims.topics import topic_subjects
from ...format import range_words
from ..attribution import said_by_row, speaker_of
from .keys import GroupKey, group_key, short_names
from .rows import _text_column, as_text, records, short_id
from .rules import SLIP_MAX_SPREAD, claim_range, finite_or_none, tolerant


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
    status: str = "actual"  # actual | guidance | forecast (helpers.claims.framing)
    generic: bool = False  # a statement about a whole class ("language models in general")
    generation: str = ""  # next | previous: another generation than the current one
    holder: str = ""  # what a power figure is the power of when its clause says: chip | rack ("" a site or unknown)
    version: str = ""  # the product version its clause names before it ("Llama 3"): another version is another model

    @property
    def precise(self) -> bool:
        return (
            self.rng is not None and not self.vague and self.rng[0] > 0 and self.rng[1] <= self.rng[0] * SLIP_MAX_SPREAD
        )

    @property
    def window(self) -> tuple[float, float] | None:
        return None if self.rng is None else tolerant(self.rng, self.qualifier, self.vague)

    def label(self) -> str:
        return f'{short_id(self.doc_id)} "{self.surface}" = {range_words(self.rng, self.unit)}'


def _entry(catalog: Mapping | None, doc_id: str) -> object:
    return catalog.get(doc_id) if catalog is not None else None


def _contexts(df: pd.DataFrame, catalog: Mapping | None) -> dict[str, DocumentContext]:
    """What the catalog says about each document, for claims tables written before subjects existed."""
    out = {}
    for doc_id in sorted(set(df["doc_id"])):
        e = _entry(catalog, doc_id)
        date = as_text(getattr(e, "event_date", "")) or as_text(getattr(e, "published", ""))
        out[doc_id] = DocumentContext(doc_id, event_date=date)
    return out


def prepare_claims(
    claims: pd.DataFrame, catalog: Mapping | None, sentences: pd.DataFrame | None = None
) -> pd.DataFrame:
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
    df = _framed(df)
    # Every corpus report prepares every claim: the loops below run over plain lists (iterating a
    # text column element by element costs seconds at a thousand documents), and what depends
    # only on the document or on the group's fields is worked out once per distinct value.
    doc_ids = df["doc_id"].tolist()
    events: dict[str, tuple[str, str]] = {}
    for doc_id in dict.fromkeys(doc_ids):
        e = _entry(catalog, doc_id)
        events[doc_id] = (
            as_text(getattr(e, "event_id", "")) or doc_id,
            as_text(getattr(e, "event_date", "")) or as_text(getattr(e, "published", "")),
        )
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
    # a company one document names in full and another by its first word is one subject in the groups
    short = short_names(s for s in dict.fromkeys(df["subject"].tolist()) if s)
    for vals in zip(*(df[c].astype(object).tolist() for c in cols)):
        if vals not in keys:
            row = dict(zip(cols, vals))
            row["subject"] = short.get(row["subject"], row["subject"])
            keys[vals] = group_key(row, subjects)
        groups.append(keys[vals])
    df["group"] = groups
    return df


FRAME_COLUMNS = ("status", "generic", "generation")


def _framed(df: pd.DataFrame) -> pd.DataFrame:
    """Claims with their framing (``helpers.claims.framing``), read from each claim's sentence unless a column
    gives it."""
    if all(c in df.columns for c in FRAME_COLUMNS):
        return df
    frames: dict[tuple[str, str, str], tuple] = {}
    values = []
    for what in zip(df["context"].tolist(), df["surface"].tolist(), df["lang"].tolist()):
        if what not in frames:
            f = frame_of(*what)
            frames[what] = (f.status, f.generic, f.generation)
        values.append(frames[what])
    for i, col in enumerate(FRAME_COLUMNS):
        if col not in df.columns:
            df[col] = [v[i] for v in values]
    return df


def claim_views(df: pd.DataFrame) -> list[ClaimView]:
    """Group a prepared frame into views: one per (group, document, figure, unit, measure, qualifier)."""
    views: dict[tuple, list] = {}
    order = df.sort_values(["doc_id", "start", "claim_id"], kind="stable") if "start" in df.columns else df
    for r in records(order):
        rng = claim_range(r["value"], r.get("value_low"), r.get("value_high"))
        # a figure stated once as guidance and once as the actual is two statements
        key = (
            r["group"],
            r["doc_id"],
            r["unit"],
            r["measure"],
            r["qualifier"],
            rng,
            r["as_of"],
            r["status"],
            bool(r["generic"]),
            r["generation"],
            _holder(r.get("counted")),
            _version(r.get("context"), r.get("surface")),
        )
        views.setdefault(key, []).append(r)
    out = []
    for (
        group,
        doc_id,
        unit,
        measure,
        qualifier,
        rng,
        as_of,
        status,
        generic,
        generation,
        holder,
        version,
    ), rows in views.items():
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
                status=status,
                generic=generic,
                generation=generation,
                holder=holder,
                version=version,
            )
        )
    return out


def _version(context: object, surface: object) -> str:
    """The product and version named in the figure's clause before it ("Llama 4 went past 30 trillion tokens":
    "Llama 4"), or ""."""
    text = context if isinstance(context, str) else ""
    figure = surface if isinstance(surface, str) else ""
    at = text.find(figure) if figure else -1
    if at < 0:
        return ""
    left, right = clause_span(text, at, at + len(figure))
    product, version = version_named(text[left:right], at - left)
    return f"{product} {version}" if product else ""


def _holder(counted: object) -> str:
    """ "chip" or "rack" for a power figure its clause says is a chip's or a rack's (``counted`` power/chip ...);
    a site's power and a power of nothing named are the sites' a company's power figures are usually about."""
    text = counted if isinstance(counted, str) else ""
    return text.removeprefix("power/") if text in ("power/chip", "power/rack") else ""
