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
    both figures measure the same thing at the same time and cannot both hold:
    each side has a known subject (stated, not only the document's main
    subject) and, for figures that change over time, a known period; both are
    framed alike (``helpers.claims.framing``: an actual against an actual,
    guidance against guidance of the same quarter; never a general statement,
    someone else's forecast or another generation's figure) and within
    ``SCALE_DECADES`` powers of ten of each other (``comparable``). Where one
    of these fails, the figure is ``unverified`` and the detail says which;
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
measure, not a family member, not another point of the same event, not another
speaker's unless both figures state their period, not another model version or
power holder), else ``different_measure``. A decisive ledger verdict wins
over the group's. Each figure's tolerance is applied once: its window against
the other's stated range. No conflict is called for a figure whose owner
only the document's main subject suggests, unless its speaker works for that
subject (a CFO on her company's call, or any speaker not labelled analyst,
operator or host on the subject's own earnings call).
A speaker is a person whatever way they are known: Mark Zuckerberg labelled in
one transcript and inferred in another is one speaker, and unnamed authors are
nobody in particular (``attribution.speaker_of``).

The package's modules, in the order they build on each other: ``rules``
(the constants above and figures as ranges), ``rows`` (frames as plain rows,
short ids), ``keys`` (the group a claim belongs to), ``views`` (claims prepared
and viewed as figures), ``comparable`` (whether a figure can contradict another
at all), ``verdicts`` (a figure against the ledger), ``peers`` (a
figure against its group), ``findings`` (the findings table) and ``groups`` (a
group's claims side by side for the reports). Their public names are all
importable from here.
"""

from __future__ import annotations

from ...claims.lexicon import NUMERIC_UNITS
from .comparable import SCALE_DECADES, rival_key, subject_known, unjudgeable
from .findings import FINDINGS, findings_frame, group_findings, year_product_findings
from .groups import GROUP_COLUMNS, topic_group, topic_groups
from .keys import GroupKey, group_key
from .peers import claim_verdict
from .rows import as_text, records, row_tuples, short_id
from .rules import (
    ALMOST_FLOOR,
    FAMILY,
    FAR_OFF_DECADES,
    SAME_PLACE,
    SAME_TIME_DAYS,
    SLIP_EXPONENTS,
    SLIP_MAX_SPREAD,
    TIME_VARYING,
    TOL_APPROX,
    TOL_EXACT,
    TOPIC_KEYS,
    VERDICTS,
    claim_range,
    finite_or_none,
    overlaps,
    same_time,
    slip_exponent,
    tolerant,
)
from .verdicts import Verdict, period_fits, reference_verdict, version_verdict
from .views import ClaimView, claim_views, prepare_claims

__all__ = [
    # rules: topics over time and families, tolerances, ranges
    "VERDICTS",
    "TOPIC_KEYS",
    "TIME_VARYING",
    "FAMILY",
    "SAME_TIME_DAYS",
    "TOL_EXACT",
    "TOL_APPROX",
    "ALMOST_FLOOR",
    "SLIP_EXPONENTS",
    "SLIP_MAX_SPREAD",
    "FAR_OFF_DECADES",
    "SAME_PLACE",
    "finite_or_none",
    "claim_range",
    "tolerant",
    "overlaps",
    "slip_exponent",
    "same_time",
    # rows of frames, short ids
    "short_id",
    "as_text",
    "records",
    "row_tuples",
    # group keys, claims as figures
    "GroupKey",
    "group_key",
    "ClaimView",
    "prepare_claims",
    "claim_views",
    # whether a figure can contradict another at all
    "SCALE_DECADES",
    "subject_known",
    "unjudgeable",
    "rival_key",
    # verdicts against the ledger and against the group
    "Verdict",
    "period_fits",
    "reference_verdict",
    "version_verdict",
    "claim_verdict",
    # the findings table and the groups the reports show
    "FINDINGS",
    "findings_frame",
    "group_findings",
    "year_product_findings",
    "GROUP_COLUMNS",
    "topic_group",
    "topic_groups",
    # the units compared as quantities (reports.charts reads them from here)
    "NUMERIC_UNITS",
]
