"""A figure against the other figures of its group: indexed overlaps, renderings of one event, the claim verdict."""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ...format import range_words
from .comparable import holder_words, scale_window, status_words, unjudgeable
from .rules import SAME_PLACE, SLIP_EXPONENTS, SLIP_MAX_SPREAD, TOL_EXACT, overlaps, slip_exponent, widened
from .verdicts import Verdict, _ref_range, _scaled
from .views import ClaimView


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


# A precise figure's stated range spans at most this factor (SLIP_MAX_SPREAD, widened by TOL_EXACT each way), so
# one that overlaps a range starts at most this factor below its low end; 1 % more against float rounding.
_SPREAD = 1.01 * SLIP_MAX_SPREAD * (1 + TOL_EXACT) / (1 - TOL_EXACT)


# Up to this many figures at a point, walking them all costs less than looking up value cells (``in_value``).
_FEW = 64


def _around(places: list[float], x: float) -> tuple[int, int]:
    """The slice of sorted ``places`` at about the same point as ``x``: ``not abs(p - x) > SAME_PLACE``, the very
    comparison ``_Cluster`` makes, so float rounding cannot move a figure across the border (``p - x`` only grows
    with ``p``)."""
    lo = bisect.bisect_left(places, True, key=lambda p: p - x >= -SAME_PLACE)
    return lo, bisect.bisect_left(places, True, lo, key=lambda p: p - x > SAME_PLACE)


def _place_cell(position: float) -> int | None:
    """The cell of places a figure falls in (None for a figure without a place)."""
    return None if math.isnan(position) else math.floor(position / SAME_PLACE)


def _value_cell(value: float) -> int:
    """The cell of values a positive figure falls in: a quarter of a power of ten."""
    return math.floor(4 * math.log10(value))


def _next_of_other_doc(docs: list[str]) -> list[int]:
    """For each entry, the first entry from it on of another document (``len(docs)`` when none)."""
    out = [len(docs)] * len(docs)
    for k in range(len(docs) - 2, -1, -1):
        out[k] = k + 1 if docs[k + 1] != docs[k] else out[k + 1]
    return out


class _EventPlaces:
    """The figures of one event by their place in their documents (share of the sentences before them).

    ``near_other`` lists the figures of other documents at about the same point as a figure, in time that grows
    with the answer, not with the event's figures (a document's own figures are skipped run by run); ``elsewhere``
    counts a document's or a speaker's figures further away, by bisection. A figure without a place (NaN) is at
    every point and nowhere else, as ``abs(nan) > SAME_PLACE`` is false.
    """

    def __init__(self, views: list[ClaimView], indexes: list[int]) -> None:
        placed = sorted((views[i].position, i) for i in indexes if not math.isnan(views[i].position))
        self.places = [p for p, _ in placed]
        self.placed = [i for _, i in placed]
        self.unplaced = [i for i in indexes if math.isnan(views[i].position)]
        self.skip_placed = _next_of_other_doc([views[i].doc_id for i in self.placed])
        self.skip_unplaced = _next_of_other_doc([views[i].doc_id for i in self.unplaced])
        self.docs = [views[i].doc_id for i in self.placed], [views[i].doc_id for i in self.unplaced]
        # precise figures by the low end of their stated range, and by place and that low end in cells a
        # SAME_PLACE wide and a quarter of a power of ten high, for the power-of-ten search (``in_value``)
        stated = sorted((_stated(views[i])[0], i) for i in indexes if views[i].precise)
        self.stated_los = [lo for lo, _ in stated]
        self.stated_at = [i for _, i in stated]
        self.cells: dict[tuple[int | None, int], list[int]] = {}
        for i in indexes:
            if views[i].precise:
                self.cells.setdefault((_place_cell(views[i].position), _value_cell(_stated(views[i])[0])), []).append(i)
        # sorted places of the event, of each document, of each speaker ("" unknown) and of each document's speaker
        self.by: dict[tuple, list[float]] = {}
        for p, i in placed:
            d, s = views[i].doc_id, views[i].speaker
            keys: tuple[tuple, ...] = (("event",), ("doc", d), ("speaker", s), ("doc speaker", d, s))
            if not loose(views[i]):
                keys += (("stated",), ("doc stated", d), ("stated speaker", s), ("doc stated speaker", d, s))
            for key in keys:
                self.by.setdefault(key, []).append(p)

    def near_other(self, c: ClaimView) -> list[int]:
        """The figures (indexes) of documents other than ``c``'s at about the same point as ``c``, in index order."""
        lo, hi = (0, len(self.placed)) if math.isnan(c.position) else _around(self.places, c.position)
        out = _of_other_docs(self.placed, self.docs[0], self.skip_placed, lo, hi, c.doc_id)
        out += _of_other_docs(self.unplaced, self.docs[1], self.skip_unplaced, 0, len(self.unplaced), c.doc_id)
        return sorted(out)

    def near_count(self, c: ClaimView) -> int:
        """How many figures (of any document) are at about the same point as ``c``: what ``near_other`` walks."""
        lo, hi = (0, len(self.placed)) if math.isnan(c.position) else _around(self.places, c.position)
        return hi - lo + len(self.unplaced)

    def in_value(self, c: ClaimView) -> list[list[int]]:
        """Runs of precise figures whose stated range may overlap ``c``'s moved by a clean power of ten (a
        superset: their low end lies up to ``_SPREAD`` below the moved range), at about ``c``'s place when it has
        one (cells around it; figures without a place are at every place)."""
        lo, hi = _stated(c)
        bands = [(lo / 10.0**k / _SPREAD, hi / 10.0**k) for k in SLIP_EXPONENTS]
        if math.isnan(c.position):
            los = self.stated_los
            slices = [(bisect.bisect_left(los, a), bisect.bisect_right(los, b)) for a, b in bands]
            return [self.stated_at[a:b] for a, b in slices if a < b]
        # 1 % more each way against float rounding, as for _SPREAD
        near = SAME_PLACE * 1.01
        first, last = math.floor((c.position - near) / SAME_PLACE), math.floor((c.position + near) / SAME_PLACE)
        places = [None, *range(first, last + 1)]
        return [
            run for a, b in bands for v in range(_value_cell(a), _value_cell(b * 1.01) + 1) for p in places
            if (run := self.cells.get((p, v)))
        ]  # fmt: skip

    def elsewhere(self, key: tuple, position: float) -> int:
        """How many placed figures of ``key`` (see ``by``) sit further than SAME_PLACE from ``position``."""
        if math.isnan(position):
            return 0
        places = self.by.get(key, [])
        lo, hi = _around(places, position)
        return len(places) - (hi - lo)


def _of_other_docs(indexes: list[int], docs: list[str], skip: list[int], lo: int, hi: int, doc: str) -> list[int]:
    """``indexes[lo:hi]`` whose document is not ``doc``, jumping over ``doc``'s runs."""
    out = []
    k = lo
    while k < hi:
        if docs[k] == doc:
            k = skip[k]
            continue
        out.append(indexes[k])
        k += 1
    return out


def loose(c: ClaimView) -> bool:
    """A figure dated only by its event ("Meta has about 70,000 employees"), not by a period its text states."""
    return c.period_basis in ("", "event_date", "outlook")


@dataclass
class _Cluster:
    """Figures of one group and one measure, indexed for linear-time peer checks."""

    views: list[ClaimView]
    events: dict[str, _EventPlaces] = field(default_factory=dict)
    n_doc: Counter = field(default_factory=Counter)
    n: Counter = field(default_factory=Counter)  # figures with a known speaker: by speaker, document, looseness

    def __post_init__(self) -> None:
        numeric = [c for c in self.views if c.window is not None and c.rng is not None]
        # each figure's tolerance is applied once: one side's window against the other side's stated range
        self.windows = _IntervalIndex([(c.window, c.doc_id) for c in numeric])  # type: ignore[misc]
        self.stated = _IntervalIndex([(c.rng, c.doc_id) for c in numeric])  # type: ignore[misc]
        by_event: dict[str, list[int]] = {}
        for i, c in enumerate(self.views):
            by_event.setdefault(c.event_id, []).append(i)
            self.n_doc[c.doc_id] += 1
            if c.speaker:
                for tag in ("", "loose ") if loose(c) else ("",):
                    self.n[tag + "known"] += 1
                    self.n[(tag + "speaker", c.speaker)] += 1
                    self.n[(tag + "doc known", c.doc_id)] += 1
                    self.n[(tag + "doc speaker", c.doc_id, c.speaker)] += 1
        self.events = {e: _EventPlaces(self.views, ix) for e, ix in by_event.items()}

    def overlapping_other_doc(self, c: ClaimView) -> bool:
        """Whether a figure of another document agrees with ``c`` within either figure's tolerance (O(log n))."""
        if c.window is None or c.rng is None:
            return False
        return self.stated.overlaps_other(c.window, c.doc_id) or self.windows.overlaps_other(c.rng, c.doc_id)

    def eligible_disagreeing(self, c: ClaimView) -> int:
        """Figures of other documents that could contradict ``c``: not another point of the same event, and
        another speaker's only when both figures state their period (O(log n)).

        Two speakers' figures dated only by their events are different statements (rounded, said at another
        time); with the period stated on both sides they can contradict: the group already says both are about
        one known subject, measure and period (a podcast host's "Oracle's fiscal 2025 revenue was $47.4 billion"
        against the CFO's $57.4B).
        """
        n = len(self.views) - self.n_doc[c.doc_id]
        if c.speaker:
            # other speakers' figures of other documents: all of them for a loose figure, their loose ones else
            tag = "" if loose(c) else "loose "
            others = self.n[tag + "known"] - self.n[(tag + "speaker", c.speaker)]
            own_doc = self.n[(tag + "doc known", c.doc_id)] - self.n[(tag + "doc speaker", c.doc_id, c.speaker)]
            n -= others - own_doc
        event = self.events.get(c.event_id)
        if event is None:
            return n
        # figures of the event's other documents at another point of it that were not taken off above: with a
        # known speaker, the unknown speakers', its own speaker's and (for a stated period) other speakers' stated
        keys: list[tuple[tuple, tuple, int]]
        if c.speaker:
            keys = [(("speaker", s), ("doc speaker", c.doc_id, s), 1) for s in ("", c.speaker)]
            if not loose(c):
                keys.append((("stated",), ("doc stated", c.doc_id), 1))
                keys += [(("stated speaker", s), ("doc stated speaker", c.doc_id, s), -1) for s in ("", c.speaker)]
        else:
            keys = [(("event",), ("doc", c.doc_id), 1)]
        for theirs, mine, sign in keys:
            n -= sign * (event.elsewhere(theirs, c.position) - event.elsewhere(mine, c.position))
        return n

    def near_scale(self, c: ClaimView) -> bool:
        """Whether a figure of another document is within SCALE_DECADES powers of ten of ``c`` (O(log n))."""
        return c.rng is not None and self.stated.overlaps_other(scale_window(c.rng), c.doc_id)

    def barred(self) -> Counter:
        """Why figures of this cluster cannot contradict anything: reason -> how many (issue 26)."""
        if not hasattr(self, "_barred"):
            self._barred = Counter(r for r in map(unjudgeable, self.views) if r)
        return self._barred

    def view_of(self, claim_id: str) -> ClaimView | None:
        """The view holding a claim (an index built on first use: one lookup per aligned figure)."""
        if not hasattr(self, "_by_claim"):
            self._by_claim = {cid: v for v in self.views for cid in v.claim_ids}
        return self._by_claim.get(claim_id)

    def renderings(self, c: ClaimView) -> list[ClaimView]:
        """Figures at the same point of another rendering of the same event."""
        event = self.events.get(c.event_id)
        return [self.views[i] for i in event.near_other(c)] if event is not None else []

    def first_slip(self, c: ClaimView) -> tuple[ClaimView, int] | None:
        """The first figure (in cluster order) at the same point of another rendering of ``c``'s event that states
        precise ``c`` a clean power of ten apart, and the power. Walked by place or by value, whichever holds fewer
        figures (two renderings of a long talk have thousands at each point, a power of ten apart only a few); by
        value, each run of a cell is walked in cluster order only up to its first such figure."""
        event = self.events.get(c.event_id)
        if event is None:
            return None
        near = event.near_count(c)
        runs = event.in_value(c) if near > _FEW else []
        if near <= _FEW or sum(map(len, runs)) >= near:
            return next(filter(None, (_slip(c, v) for v in self.renderings(c))), None)
        if math.isnan(c.position):
            runs = [sorted(i for run in runs for i in run)]
        views = self.views
        firsts = []
        for run in runs:
            for i in run:
                v = views[i]
                if v.doc_id != c.doc_id and not (abs(v.position - c.position) > SAME_PLACE) and _slip(c, v):
                    firsts.append(i)
                    break
        return _slip(c, views[min(firsts)]) if firsts else None


def _slip(c: ClaimView, v: ClaimView) -> tuple[ClaimView, int] | None:
    """``v`` and the power of ten between it and precise ``c``, when both are precise and one is the other moved."""
    if not v.precise or overlaps(_stated(c), _stated(v)):
        return None
    k = slip_exponent(_stated(c), _stated(v))
    return None if k is None else (v, k)


def _point_match(c: ClaimView, row) -> bool:
    """The stated figure itself (not an open "at least" window) lands on the ledger figure."""
    if c.rng is None:
        return False
    lo, hi = _ref_range(row)
    hi = hi if math.isfinite(hi) else lo
    return overlaps(widened((c.rng[0], c.rng[0]), "approx"), (lo, hi))


def _stated(c: ClaimView) -> tuple[float, float]:
    assert c.rng is not None
    return widened(c.rng, "")


def _aligned_partner(
    c: ClaimView, clusters: list[_Cluster], aligned: Mapping[str, tuple[str, str, str]]
) -> tuple[ClaimView | None, str] | None:
    """The figure the sentence alignment pairs with ``c`` in another rendering (None when not in these clusters)
    and the fidelity verdict; None when the alignment says nothing about ``c``."""
    told = next((aligned[cid] for cid in c.claim_ids if cid in aligned), None)
    if told is None:
        return None
    partner = told[0]
    v = next(filter(None, (cl.view_of(partner) for cl in clusters)), None)
    return v, told[1]


def _rendering_slip(
    c: ClaimView, clusters: list[_Cluster], refs: list, aligned: Mapping[str, tuple[str, str, str]] | None = None
) -> tuple[ClaimView, int | None] | None:
    """Another rendering of the same event states this figure otherwise, and the ledger does not side with ``c``.

    With ``aligned`` (claim id -> partner claim id, fidelity verdict, reason: ``analysis.align.aligned_figures``)
    the figure the aligned sentence states decides: a ``changed`` partner is a slip (k: the power of ten between
    them, None when the figures are not one moved), ``same`` is none; only a figure the alignment does not pair
    falls back to a clean power of ten at the same point of the other rendering.
    """
    if not c.precise:
        return None
    told = _aligned_partner(c, clusters, aligned) if aligned else None
    if told is not None:
        v, verdict = told
        if v is None or verdict != "changed" or any(_point_match(c, r) for r in refs):
            return None
        return v, (slip_exponent(_stated(c), _stated(v)) if v.precise else None)
    slip = next(filter(None, (cl.first_slip(c) for cl in clusters)), None)
    if slip is None or any(_point_match(c, r) for r in refs):
        return None  # when the ledger sides with this figure, the other rendering slipped
    return slip


def claim_verdict(
    c: ClaimView,
    ref: Verdict,
    row,
    clusters: list[_Cluster],
    refs: list,
    family: bool,
    rivals: list[_Cluster] | None = None,
    aligned: Mapping[str, tuple[str, str, str]] | None = None,
) -> Verdict:
    """One verdict for a figure against its group and the ledger.

    A same-event rendering that is a clean power of ten away decides first (a
    slip is visible only between the two); then the ledger; then the other
    documents of the group: any overlapping figure makes it consistent; when
    none overlaps, a figure that could contradict it (not a family member, not
    another point of the same event, not another speaker's unless both state
    their period) makes it a conflict.
    ``rivals`` are the clusters of figures that can contradict ``c`` at all
    (``comparable``: known subject and period, framed like ``c``); without it,
    every peer can.
    """
    slip = _rendering_slip(c, clusters, refs, aligned)
    if slip is not None:
        return _slip_verdict(c, *slip)
    if ref.verdict != "unverified" or c.window is None:
        return ref
    if any(cl.overlapping_other_doc(c) for cl in clusters):
        # No count of the group's other figures: it would change this finding whenever any document joins
        # the group (the group's own finding counts its sources).
        return Verdict("consistent", f"{c.label()} overlaps figures of other sources in its group")
    if sum(len(cl.views) - cl.n_doc[c.doc_id] for cl in clusters) == 0:
        return ref
    if family:
        return Verdict(
            "different_measure",
            f"{c.label()}: differs from the other figures of the group, "
            "but members of a family (e.g. model sizes) can all hold",
        )
    return _disagreeing_verdict(c, ref, clusters, clusters if rivals is None else rivals)


def _slip_verdict(c: ClaimView, v: ClaimView, k: int | None) -> Verdict:
    """``c`` against the figure ``v`` another rendering of its event states (``k``: the power of ten between
    them, None when the aligned sentence states another figure that is not ``c`` moved)."""
    if k is None:
        return Verdict(
            "translation_slip",
            f"{c.label()} vs {v.label()}: the aligned sentence of the other rendering states another figure",
            range_words(v.rng, v.unit),
        )
    return Verdict(
        "translation_slip",
        f"{c.label()} vs {v.label()}: two renderings of one event differ by exactly 10^{abs(k)}",
        range_words(_scaled(c.rng, k), c.unit),
    )


def _disagreeing_verdict(c: ClaimView, ref: Verdict, clusters: list[_Cluster], rivals: list[_Cluster]) -> Verdict:
    """The verdict of a figure no figure of another source overlaps: a conflict only with a rival of its scale
    that could contradict it; else unverified with the reason, or a different statement."""
    eligible = sum(cl.eligible_disagreeing(c) for cl in clusters)
    barred = unjudgeable(c)
    if eligible > 0 and barred:
        return Verdict(
            "unverified",
            f"{c.label()}: overlaps no figure of the other sources, but it cannot contradict one: {barred}",
        )
    able = sum(cl.eligible_disagreeing(c) for cl in rivals)
    if able > 0:
        return _rival_verdict(c, able, any(cl.near_scale(c) for cl in rivals))
    if eligible > 0:
        return _barred_verdict(c, ref, clusters, rivals)
    return Verdict(
        "different_measure",
        f"{c.label()}: differs only from figures of other points of the same event or of other speakers "
        "(dated only by their events), so different statements",
    )


def _rival_verdict(c: ClaimView, able: int, near_scale: bool) -> Verdict:
    """``c`` against ``able`` figures that could contradict it: a conflict when one is of its scale."""
    if not near_scale:
        return Verdict(
            "unverified",
            f"{c.label()}: scale differs: no figure of the other sources within 10^2 of it, "
            "so a different quantity of the same unit",
        )
    return Verdict(
        "conflict",
        f"{c.label()}: no figure of the {able} other source(s) on the same subject, measure and period overlaps it",
    )


def _barred_verdict(c: ClaimView, ref: Verdict, clusters: list[_Cluster], rivals: list[_Cluster]) -> Verdict:
    """``c`` against figures that differ from it but none of which can contradict it: unverified, saying why."""
    # the ledger's reason for not calling a conflict (guidance against an actual ...) stays in the detail
    also = ref.detail.removeprefix(f"{c.label()}: ") if " no conflict with " in f" {ref.detail}" else ""
    why = _barred_words(c, clusters, rivals)
    detail = f"{c.label()}: overlaps no figure of the other sources, and none can contradict it: {why}"
    return Verdict("unverified", f"{detail}; {also}" if also else detail)


def _barred_words(c: ClaimView, clusters: list[_Cluster], rivals: list[_Cluster]) -> str:
    """Why the other figures of the group cannot contradict ``c``: "subject unknown on one side (1); guidance (2)"."""
    why: Counter = Counter()
    for cl in clusters:
        why.update(cl.barred())
    framed = sum(len(cl.views) for cl in clusters) - sum(why.values()) - sum(len(cl.views) for cl in rivals)
    parts = [f"{r} ({n})" for r, n in sorted(why.items())]
    # figures framed alike but of another holder: a chip's power against a site's
    held: Counter = Counter(
        holder_words(v) for cl in clusters for v in cl.views if v.holder != c.holder and not unjudgeable(v)
    )
    for theirs, n in sorted(held.items()):
        parts.append(f"{holder_words(c)} power against {theirs} ({n}): different things, never a conflict")
        framed -= n
    # figures of another version of the product (Llama 2 against Llama 3)
    versions: Counter = Counter(
        v.version or "no version named"
        for cl in clusters
        for v in cl.views
        if v.version != c.version and v.holder == c.holder and not unjudgeable(v)
    )
    for theirs, n in sorted(versions.items()):
        mine = c.version or "no version named"
        parts.append(f"another model version: {mine} against {theirs} ({n}): different models, never a conflict")
        framed -= n
    if framed > 0:
        parts.append(_framed_words(c.status, framed))
    return "; ".join(parts) or "another speaker's or another point of the same event"


def _framed_words(status: str, n: int) -> str:
    if status == "actual":
        framed = f"{status_words('guidance')} or {status_words('forecast')} against {status_words(status)}"
        return f"{framed} ({n}): never a conflict"
    if status == "guidance":
        return f"guidance given in another quarter, or an actual ({n}): a revision or an outcome, never a conflict"
    return f"framed otherwise than {status_words(status)} ({n}): never a conflict"
