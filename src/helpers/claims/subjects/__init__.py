"""Who a figure belongs to (its subject), when it holds (its period) and what it counts.

A figure can only be compared with another that is about the same thing: the
same company or product, the same quantity, the same time. The cue words of a
topic say neither whose figure it is ("14 years" of one guest against "six
years" of another) nor which period (one quarter's capital expenditure against
a full year's). This module reads them from the sentence and its context.

**Subject** (``subject``, with ``subject_basis``), first that applies:

``clause``
    an organisation, product or person named in the figure's own clause (the
    one just before the figure first, as in "Metaの設備投資", "Nvidia's
    revenue"); a person stands for their organisation, except for ages and
    durations, which are the person's own. A chip named with its maker's
    product ("A Blackwell GPU draws 1,000 watts") owns its power; a count of
    chips stays their owner's. Besides the lexicon
    (``data/entities.yaml``) a document's own organisations count: the company
    its results heading is about, names with a corporate suffix ("Globex Inc.",
    "Hammer Werke AG", 株式会社グローベックス, イニテック社) and single names
    used as a company's owner ("Globex's revenue", "Hooli now has 1,100
    employees"), found conservatively by ``names``;
``speaker``
    "we / our / wir / unser / 当社 / 私たち" in the clause: the speaker's
    organisation (from the people lexicon or the catalog's ``roles``); "I / ich /
    私" for a duration or age: the speaker. A "we" whose speaker nothing places
    leaves the subject empty: not the sentence before's, not the document's;
``other_party``
    the clause names someone generic (customers, analysts, Kunden, 顧客): the
    figure is theirs, so no company topic applies and it is compared with nothing;
``sentence``
    an entity named elsewhere in the sentence;
``previous_sentence``
    the subject of the sentence before, in the same block (or across blocks when
    the clause refers back: "it", "der Konzern", "同社");
``document``
    the document's main subject: the one organisation its title, catalog entry
    and text name far more often than any other, and at least twice by name or
    through its people (its products count towards "more often", not towards the
    two: a podcast naming Llama often and Meta once is about several companies)
    (``speaker`` instead when the
    figure's speaker speaks for it: a known person of that organisation, or on
    its own earnings call or webcast any speaker not labelled operator, analyst,
    host or guest; the company may be one the lexicon does not know);
empty
    nothing says whose figure it is.

**Period** (``period``, with ``period_basis``): the expression of any kind
nearest the figure in its own clause, else in its sentence (where an actual
does not take the period of a clause that holds guidance: "next year we expect"
dates no actual). ``2024`` (a year), ``FY2025`` (a fiscal year: fiscal 2025,
FY25, Geschäftsjahr 2025, 2025年度), ``2024-Q4`` / ``FY2025-Q3`` (a quarter:
fourth-quarter, Q3 FY25, drittes Quartal, 第3四半期), ``2025-H1`` (a half: first
half, H1, erstes Halbjahr, 上期), ``2024-12`` or
``2024-12-31`` (a month or day), ``end-2025`` (a target "by the end of the
year", distinct from a count at any date) or ``@2025-01-29`` (no period stated:
as of the event). Bases: ``stated`` (written out), ``relative`` ("last year",
"im laufenden Quartal", "2か月前", resolved against the event date), ``target``,
``previous_sentence``, ``event_date``, ``outlook`` (a forecast "will reach
1 billion" with no period stated: ``>2025-01-29``, after the event, compared
with nothing of another date); a flow (revenue, spending) with no stated
period gets none, because the event date says nothing about which year it sums.
A quarter, half or month named without a year is the latest one that has ended by the
event ("fourth quarter" in a call in February 2025 is 2024-Q4), or for an outlook
("is expected to be", "in Aussicht", "見込み") the first one that has not. A results
document whose title or event names the quarter it reports on ("Fiscal 2025 Fourth
Quarter Earnings Call") reads "for the quarter", "this quarter", "last/next quarter",
"for the full year", "im Quartal", "当四半期", "前四半期" and a bare "Q1" against that
quarter and its year (the fiscal year the title names). The quarter is the calendar
quarter the call follows when the fiscal quarter is that one (NVIDIA's fourth quarter
of fiscal 2025, November to January: ``2024-Q4``), else its fiscal key (Microsoft's
second quarter of fiscal 2025, October to December: ``FY2025-Q2``), so that it never
meets another quarter's "last quarter". A fiscal quarter without its year outside such
a document is unknown; one stated with its year ("im zweiten Quartal des
Geschäftsjahres 2025") keeps that period, and is grouped (``period_key`` with the
event date) as its own results call keys it.

**Counted** (``counted``): what the figure counts, from ``data/measures.yaml``
(revenue, capex, employees, users/daily ...) or from a unit that says it
(GPUs, watts, tokens, parameters); a power figure is ``power/chip``, ``power/rack`` or
``power/site`` when its clause names what draws it; empty when nothing does. Words before the
cue narrow it ("data center revenue") unless ``not_narrowing`` in that file
lists them (consolidated, cash, segment; verbs such as "expects").

**Framing** (``status``, ``generic``, ``generation``): ``helpers.claims.framing``
read in the figure's own clause at its own offset.

Modules: ``entities`` (the lexicon and where a text names it), ``names`` (a document's own
organisations the lexicon does not know), ``measures`` (what a figure
counts), ``clauses`` (the clause around a figure), ``subject`` (whose figure), ``period_words``
(the words periods are said in), ``periods`` (when it holds) and ``columns`` (the claims table's subject,
period and counted columns).
"""

from .clauses import Resolved, clause_span
from .columns import (
    SUBJECT_COLUMNS,
    DocumentContext,
    annotate,
    document_context,
    speaker_organisation,
    with_subjects,
)
from .entities import (
    Entity,
    Mention,
    entities,
    entity,
    lineage,
    mentions,
    organisation_of,
    person_for_speaker,
    version_named,
)
from .measures import CURRENCIES, DURATIONS, SELF_DESCRIBING, counted_of, dimension, measure_kind, measures
from .names import document_names, heading_company, name_mentions
from .periods import period_in, period_key, point_in_time
from .subject import main_subject, subject_in_sentence

__all__ = [
    "CURRENCIES",
    "DURATIONS",
    "SELF_DESCRIBING",
    "SUBJECT_COLUMNS",
    "DocumentContext",
    "Entity",
    "Mention",
    "Resolved",
    "annotate",
    "clause_span",
    "counted_of",
    "dimension",
    "document_context",
    "document_names",
    "entities",
    "entity",
    "heading_company",
    "lineage",
    "main_subject",
    "measure_kind",
    "measures",
    "mentions",
    "name_mentions",
    "organisation_of",
    "period_in",
    "period_key",
    "person_for_speaker",
    "point_in_time",
    "speaker_organisation",
    "subject_in_sentence",
    "version_named",
    "with_subjects",
]
