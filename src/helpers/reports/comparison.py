"""The comparison report's pieces: groups, findings and headline answers (charts: ``reports.charts``)."""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import pandas as pd

from ..analysis.compare import as_text, row_tuples, short_id
from ..analysis.questions import Question, measure_words, period_words
from ..claims.subjects import entity, lineage, organisation_of, person_for_speaker
from ..claims.topics import behaviours
from .answers import answer_html, figure_words, reworded
from .links import sentence_href
from .markup import KNOWN_LANGS, esc, lang_attr, lang_span, speaker_html, visible_controls


def group_html(group: pd.DataFrame, documents_href: str) -> str:
    """A group's claims as an HTML table; every surface is escaped, carries its language and links to its sentence."""
    heads = (
        "document",
        "event date",
        "speaker",
        "surface",
        "normalized",
        "qualifier",
        "measure",
        "subject",
        "period",
        "findings",
    )
    rows = []
    for r in row_tuples(group, MAX_TABLE_ROWS):
        link = html.escape(sentence_href(r.doc_id, r.sentence_id, documents_href), quote=True)
        cells = [html.escape(str(x)) for x in (short_id(r.doc_id), r.event_date)]
        cells.append(speaker_html(r.speaker, r.attribution, r.speaker_confidence))
        cells.append(f'<a href="{link}">{lang_span(r.surface, r.lang)}</a>')
        cells += [html.escape(str(x)) for x in (r.normalized, r.qualifier, r.measure, r.subject, r.period, r.verdicts)]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in heads)
    return f'<table class="data claims"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def detail_html(detail: str, surfaces: Mapping[str, str]) -> str:
    """Escape a finding's detail; quoted surfaces get a span with their language.

    Each quoted part of the detail is looked up, so the cost grows with the
    detail, not with the number of claims (200,000 claims made this quadratic).
    """

    def span(m: re.Match[str]) -> str:
        lang = surfaces.get(html.unescape(m.group(1)))
        return f'"<span{lang_attr(lang)}>{m.group(1)}</span>"' if lang in KNOWN_LANGS else m.group(0)

    return _QUOTED.sub(span, html.escape(visible_controls(detail), quote=False))


_QUOTED = re.compile(r'"([^"]+)"')


def surface_langs(claims: pd.DataFrame) -> dict[str, str]:
    """Each claim surface's language (a surface written in several languages: its last claim's), for ``detail_html``.

    A report with many findings tables makes it once and passes it to each:
    made per table, it cost more than the tables at a thousand documents.
    """
    return dict(zip(map(str, claims["surface"].tolist()), map(str, claims["lang"].tolist())))


def findings_html(findings: pd.DataFrame, claims: pd.DataFrame, surfaces: Mapping[str, str] | None = None) -> str:
    """Findings as an escaped HTML table; surfaces quoted in the details carry their language
    (``surface_langs`` of ``claims``)."""
    surfaces = surface_langs(claims) if surfaces is None else surfaces
    cols = ["finding_id", "verdict", "kind", "reference", "likely_value", "detail"]
    head = "".join(f"<th>{c}</th>" for c in cols)
    body = []
    for r in row_tuples(findings):
        cells = [html.escape(str(getattr(r, c))) for c in cols[:-1]] + [detail_html(str(r.detail), surfaces)]
        body.append(
            f'<tr class="verdict-{html.escape(r.verdict)}" id="{html.escape(r.finding_id)}">'
            + "".join(f"<td>{c}</td>" for c in cells)
            + "</tr>"
        )
    return f'<table class="data findings"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


MAX_SECTIONS = 80
_PROBLEMS = ("conflict", "translation_slip")


def section_groups(findings: pd.DataFrame, limit: int = MAX_SECTIONS) -> pd.DataFrame:
    """The group rows that get a section of their own: groups with a topic, and any group with a conflict or a
    slip, in findings order, at most `limit`."""
    heads = findings[findings["kind"] == "group"]
    return heads[(heads["topic"] != "") | heads["verdict"].isin(_PROBLEMS)].head(limit)


def groups_html(
    findings: pd.DataFrame,
    claims: pd.DataFrame,
    limit: int | None = None,
    surfaces: Mapping[str, str] | None = None,
    sections: Collection[str] | None = None,
) -> str:
    """One line per group: what it is about, its verdict and summary. A group links to its section when it has
    one (`sections`: the ids that do; None: every group), so no link points at an anchor the page lacks."""
    heads = ("group", "topic / measure", "subject", "period", "verdict", "summary")
    surfaces = surface_langs(claims) if surfaces is None else surfaces
    heads_rows = findings[findings["kind"] == "group"]
    rows = []
    for r in row_tuples(heads_rows, limit):
        gid = html.escape(r.group_id)
        linked = sections is None or r.group_id in sections
        cells = [f'<a href="#{gid}">{gid}</a>' if linked else gid] + [
            html.escape(as_text(x)) for x in (r.topic or r.measure, r.subject, r.period, r.verdict)
        ]
        cells.append(detail_html(as_text(r.detail), surfaces))
        rows.append(
            f'<tr class="verdict-{html.escape(r.verdict)}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in heads)
    return f'<table class="data groups"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


# A section's tables show at most this many rows; findings.csv has them all.
MAX_TABLE_ROWS = 60


def headline_html(
    findings: pd.DataFrame,
    claims: pd.DataFrame,
    catalog: Mapping | None,
    question: Question | tuple[str, ...],
    documents_href: str = "documents/",
    prepared: pd.DataFrame | None = None,
    ledger: pd.DataFrame | None = None,
) -> str:
    """A headline answer in plain words (``answers.answer_html``): who says what, where, and whether the sources
    and the published figure agree, each figure once. ``question`` is a ``Question`` or the topic keys it gathers."""
    if not isinstance(question, Question):
        question = Question("", topics=tuple(question))
    return answer_html(question, findings, claims, catalog, documents_href, prepared, ledger)


def group_title(head) -> str:
    """A group in a reader's words: its topic's name (or what it counts), whose and when
    ("Meta's GPU fleet · Meta · as of the third quarter of 2024")."""
    topic, measure = as_text(getattr(head, "topic", "")), as_text(getattr(head, "measure", ""))
    about = behaviours()[topic].name if topic in behaviours() else topic or measure_words(measure)
    parts = (about[:1].upper() + about[1:], as_text(getattr(head, "subject", "")), period_words(as_text(head.period)))
    return " · ".join(x for x in parts if x)


def section_titles(heads: pd.DataFrame) -> dict[str, str]:
    """Each group's ``group_title``, made distinct: groups that would read the same (one topic counted in two
    measures, or the same words for two groups of a large corpus) are told apart by what they count, and
    where that is the same too, by their group id, so no two sections or contents entries read alike."""
    rows = list(heads.itertuples())
    titles = {as_text(r.group_id): group_title(r) for r in rows}
    seen = Counter(titles.values())
    for r in rows:
        gid = as_text(r.group_id)
        if seen[titles[gid]] > 1:
            measure = measure_words(as_text(getattr(r, "measure", "")))
            titles[gid] += f" · {measure}" if measure and measure.lower() not in titles[gid].lower() else ""
    seen = Counter(titles.values())
    for gid, title in titles.items():
        if seen[title] > 1:
            titles[gid] = f"{title} (group {gid})"
    return titles


def group_heading_html(head, title: str | None = None) -> str:
    """A group section's heading in a reader's words (``title``, or ``group_title``); its id is the anchor
    that other links land on, shown only in the tooltip and the heading's own link."""
    gid = esc(as_text(head.group_id))
    tip = f'title="group {gid}"'
    link = f'<a class="anchor-link" href="#{gid}" {tip} aria-label="link to this group">¶</a>'
    return f'<h3 id="{gid}" {tip}>{esc(title if title is not None else group_title(head))}{link}</h3>'


# A group's "who claims what" sentence names at most this many speakers and figures per speaker.
MAX_SPEAKERS = 8
MAX_FIGURES = 4


def speaks_for(speaker: str, subject: str) -> bool:
    """Whether ``speaker`` speaks for ``subject``: is that person, or works for the organisation behind it.

    A person subject (an age, a tenure) is only that person's own; an
    organisation or product is its organisation's people's (the entity lexicon
    knows who works where: Jensen Huang at Nvidia, Susan Li at Meta).
    """
    person = person_for_speaker(speaker)
    if person is None or not subject:
        return False
    about = entity(subject)
    if about is not None and about.kind == "person":
        return person.name == about.name
    org = organisation_of(person.name)
    return bool(org) and org in lineage(subject)


def _figure(r, documents_href: str) -> str:
    """The figure in a reader's words ("350,000 GPUs"), linked to its sentence; its claim id in the tooltip."""
    href = sentence_href(r.doc_id, r.sentence_id, documents_href)
    low, high, unit = getattr(r, "low", math.nan), getattr(r, "high", math.nan), as_text(getattr(r, "unit", ""))
    words = figure_words((float(low), float(high)), unit) if low == low and high == high and unit else ""
    tip = f' title="claim {esc(r.claim_id)}"' if getattr(r, "claim_id", "") else ""
    return f'<a href="{esc(href)}"{tip}>{esc(words or r.normalized or r.surface)}</a>'


def _listed(items: list[str], limit: int) -> str:
    shown = items[:limit] + ([f"{len(items) - limit} more"] if len(items) > limit else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def who_claims_html(group: pd.DataFrame, head, documents_href: str = "documents/") -> str:
    """One sentence saying who claims each figure of a group, and what the subject's own figure is.

    "Jensen Huang (inferred) says 600,000 gpu (004); Meta's own figure is
    350,000 gpu (Mark Zuckerberg, 001)." ``group`` is ``compare.topic_group``'s
    frame, ``head`` the group's finding (subject and ledger fields). The own
    figure is one whose speaker speaks for the group's subject
    (``speaks_for``); when no speaker does, the ledger figure the group was
    checked against. Every speaker is worded by ``markup.speaker_html``, so an
    inferred one says so; each figure links to its sentence.
    """
    if not len(group):
        return ""
    subject = as_text(getattr(head, "subject", ""))
    voices = _voices(group, subject)
    parts = _others_said(voices, documents_href)
    own = _own_said(voices.own, documents_href, subject) if voices.own else _published(head, subject)
    if own:
        parts.append(own)
    if voices.slips:
        said = _attributed(voices.slips, documents_href)
        parts.append(f"{_listed(said, MAX_FIGURES)} look{'s' if len(said) == 1 else ''} like a slip")
    text = "; ".join(parts)
    return f'<p class="who-claims">{text[:1].upper() + text[1:] if text.startswith(("the ", "an ")) else text}.</p>'


Voice = tuple[str, str]  # ("person", the words shown) or ("author" | "unknown", the document)
Said = dict[tuple[str, Voice], list]  # (figure, voice) -> its rows, in the group's order


@dataclass
class _Voices:
    """A group's rows by who says them: the others' figures per voice, the subject's own, and slips."""

    others: dict[Voice, dict[str, list]] = field(default_factory=dict)  # voice -> figure -> its rows
    opening: dict[Voice, str] = field(default_factory=dict)  # voice -> the escaped words opening its clause
    own: Said = field(default_factory=dict)
    slips: Said = field(default_factory=dict)  # a figure flagged as a slip is nobody's own figure


def _voices(group: pd.DataFrame, subject: str) -> _Voices:
    """``group``'s rows sorted by voice (``_Voices``); whether a speaker speaks for ``subject``: ``speaks_for``."""
    out = _Voices()
    # a group of a large corpus repeats a few voices thousands of times: each is worked out once
    voice_of: dict[tuple, tuple[Voice, str]] = {}
    for_subject: dict[str, bool] = {}
    for r in row_tuples(group):
        confidence = None if r.speaker_confidence != r.speaker_confidence else r.speaker_confidence
        who = (r.said, r.doc_id, r.speaker, r.attribution, confidence)
        if who not in voice_of:
            voice_of[who] = _voice(r)
        key, opens = voice_of[who]
        figure = as_text(r.normalized) or as_text(r.surface)
        speaker = as_text(r.speaker)
        if speaker not in for_subject:
            for_subject[speaker] = speaks_for(speaker, subject)
        if ":translation_slip" in as_text(getattr(r, "verdicts", "")):
            out.slips.setdefault((figure, key), []).append(r)
        elif for_subject[speaker]:
            out.own.setdefault((figure, key), []).append(r)
        else:
            out.opening.setdefault(key, opens)
            out.others.setdefault(key, {}).setdefault(figure, []).append(r)
    return out


def _docs(rows: list) -> str:
    """The short ids of the documents ``rows`` come from, each once."""
    return ", ".join(dict.fromkeys(esc(short_id(x.doc_id)) for x in rows))


def _others_said(voices: _Voices, documents_href: str) -> list[str]:
    """One clause per voice that does not speak for the subject: "Jensen Huang says 600,000 GPUs (004)"."""
    parts = []
    for key, figures in list(voices.others.items())[:MAX_SPEAKERS]:
        # a writer or an unknown voice is one document's, which its opening already names
        per_doc = key[0] != "person"
        said = [
            _figure(rows[0], documents_href) + ("" if per_doc else f" ({_docs(rows)})") for rows in figures.values()
        ]
        parts.append(f"{voices.opening[key]} {_listed(said, MAX_FIGURES)}")
    if len(voices.others) > MAX_SPEAKERS:
        parts.append(f"{len(voices.others) - MAX_SPEAKERS} more speaker(s)")
    return parts


def _attributed(said: Said, documents_href: str) -> list[str]:
    """Each figure with who says it and where: "350,000 GPUs (Mark Zuckerberg, 001)"."""
    return [
        f"{_figure(rows[0], documents_href)} "
        f"({speaker_html(rows[0].speaker, rows[0].attribution, rows[0].speaker_confidence)}, {_docs(rows)})"
        for rows in said.values()
    ]


def _own_said(own: Said, documents_href: str, subject: str) -> str:
    said = _attributed(own, documents_href)
    return f"{esc(subject)}'s own figure{'s are' if len(said) > 1 else ' is'} {_listed(said, MAX_FIGURES)}"


def _published(head, subject: str) -> str:
    """The ledger figure the group was checked against, its entry in the tooltip; "" without one."""
    value = as_text(getattr(head, "reference_value", ""))
    if not value:
        return ""
    tip = f"ledger {as_text(head.reference)}: {as_text(getattr(head, 'reference_source', ''))}"
    words = reworded(value, value.rsplit(" ", 1)[-1]) if " " in value else value  # "24,576 gpu": 24,576 GPUs
    ref = f'<span class="ref" title="{esc(tip)}">{esc(words)}</span> ({esc(head.reference_as_of)})'
    if subject:
        return f"{esc(subject)}'s own figure is not in these sources; the published figure is {ref}"
    return f"the published figure is {ref}"


def _voice(r) -> tuple[tuple[str, str], str]:
    """(key, opening) of a group row's speaker: a person by the words shown, a writer or unknown voice by
    document; and the escaped HTML that opens their clause."""
    said, doc = as_text(r.said), short_id(r.doc_id)
    if said == "author":
        return ("author", doc), f"the author of {esc(doc)} says"
    if not said:
        return ("unknown", doc), f"an unattributed sentence of {esc(doc)} gives"
    return ("person", said), f"{speaker_html(r.speaker, r.attribution, r.speaker_confidence)} says"
