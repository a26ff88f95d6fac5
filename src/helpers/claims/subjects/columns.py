"""The subject, period and counted columns of a claims table, from each claim's sentence and its document."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd

from ..framing import FRAME_COLUMNS, Frame, frame_in_sentence
from .clauses import Resolved, _has, _lang_key, clause_span
from .entities import lineage, mentions, organisation_of, person_for_speaker
from .measures import counted_of, measure_kind
from .names import document_names, heading_company, name_mentions, role_company
from .period_words import _OUTLOOK
from .periods import period_in, reported_period, unstated_period
from .subject import main_subject, subject_in_sentence
from .turns import answered_question, answering_speakers

SUBJECT_COLUMNS = ("subject", "subject_basis", "period", "period_basis", "counted")

# A company's own results call or webcast, named in a document's title or event: its speakers speak for it.
_OWN_EVENT = re.compile(
    r"\b(?:earnings|results|quarterly|investor|conference)[- ](?:call|webcast|conference call)\b|\bQ&A webcast\b|"
    r"\bearnings conference\b|"
    r"\bshareholder (?:meeting|letter)\b|Telefonkonferenz|Analystenkonferenz|Bilanzpressekonferenz|"
    r"Hauptversammlung|決算説明会|決算会見|株主総会",
    re.IGNORECASE,
)
# A heading about someone else's take on the call: its speakers do not speak for the company.
_ABOUT_EVENT = re.compile(
    r"\b(?:reaction|review|recap|analysis|podcast|coverage|preview|breakdown|takeaways|commentary)\b|Analyse|"
    r"Kommentar|Nachbetrachtung|解説|まとめ|分析",
    re.IGNORECASE,
)
# Speaker labels of people who do not speak for the company on its call.
_OUTSIDER = re.compile(
    r"\b(?:operator|analyst|moderator|host|guest|interviewer|questioner|participant|unknown|speaker\s*\d*)\b|"
    r"Analyst|Moderator|司会|アナリスト",
    re.IGNORECASE,
)


# after a figure: it is a part of another figure of the same measure ("$10 billion of it", "davon", "うち")
_PART_OF = re.compile(r"\s(?:of (?:it|that|this|them|those|the total)\b|davon\b)")


@dataclass(frozen=True)
class DocumentContext:
    """What a document says about itself: the key to its "we" and its default subject and date."""

    doc_id: str
    event_date: str = ""
    main_subject: str = ""
    speaker_orgs: Mapping[str, str] | None = None  # speaker label -> organisation
    reported: tuple[str, str] = ("", "")  # the quarter and year a results document reports on (reported_period)
    own_event: bool = False  # the main subject's own call or webcast: its unnamed speakers speak for it
    names: tuple[tuple[str, str], ...] = ()  # (alias, name) of organisations the lexicon does not know
    answers_for: Mapping[str, str] | None = None  # speaker -> the company their "we" answers for (turns)


def speaker_organisation(speaker: str, ctx: DocumentContext, answers: bool = True) -> str:
    """The organisation a speaker speaks for: the catalog's roles, the people lexicon, else on the main subject's
    own call (``own_event``) that subject, unless the label says the speaker is an outsider (an analyst, the
    operator, a host); else (unless not ``answers``) the company the speaker's "we" answers a question about
    (``turns.answering_speakers``)."""
    if not speaker:
        return ""
    if ctx.speaker_orgs and ctx.speaker_orgs.get(speaker):
        return ctx.speaker_orgs[speaker]
    p = person_for_speaker(speaker)
    if p is not None:
        return p.owner
    if ctx.own_event and ctx.main_subject and not _has(_OUTSIDER, speaker):
        return ctx.main_subject
    return (ctx.answers_for or {}).get(speaker, "") if answers else ""


def _str(x: object) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


def _offset_in(sentence_text: str, sentence_start: object, claim: Mapping) -> tuple[int, int]:
    surface = _str(claim.get("surface"))
    try:
        rel = int(claim.get("start")) - int(sentence_start)  # type: ignore[arg-type, call-overload]
    except (TypeError, ValueError):
        rel = -1
    if rel >= 0 and sentence_text[rel : rel + len(surface)] == surface:
        return rel, rel + len(surface)
    i = sentence_text.find(surface) if surface else -1
    return (i, i + len(surface)) if i >= 0 else (0, 0)


def _records(df: pd.DataFrame) -> list[dict]:
    # plain-Python rows; to_dict("records") on extension dtypes is several times slower
    # (tolist gives the same Python values as astype(object) would, without copying the column first)
    cols = list(df.columns)
    return [dict(zip(cols, vals)) for vals in zip(*(df[c].tolist() for c in cols))]


def annotate(
    claims: pd.DataFrame,
    sentences: pd.DataFrame | Iterable[Mapping] | None,
    contexts: Mapping[str, DocumentContext],
) -> pd.DataFrame:
    """``claims`` with subject, subject_basis, period, period_basis, counted, status, generic and generation filled in.

    ``sentences`` (doc_id, sentence_id, block_id, start, text, speaker, lang)
    gives each claim its sentence and the one before; without it the claim's
    ``context`` is its only sentence and nothing carries over. The framing
    (``helpers.claims.framing``) is read at the claim's own offset, so that a
    figure written twice in a sentence is framed twice.
    """
    out = claims.copy()
    for col in SUBJECT_COLUMNS:
        out[col] = ""
    for col, empty in zip(FRAME_COLUMNS, ("actual", False, "")):
        out[col] = empty
    if out.empty:
        return out
    sent_index: dict[tuple[str, int], Mapping] = {}
    rows = _records(sentences) if isinstance(sentences, pd.DataFrame) else list(sentences or [])
    for r in rows:
        sent_index[(str(r["doc_id"]), int(r["sentence_id"]))] = r
    placed = [_placed(c, sent_index) for c in _records(out)]
    contexts = _with_answering_speakers(contexts, rows, sent_index)
    # each sentence's outlook figures: the period of guidance or a forecast does not date an actual
    outlooks: dict[tuple[str, int, str], list[tuple[int, int]]] = {}
    for p in placed:
        spans = outlooks.setdefault((p.doc_id, p.sid, p.text), [])
        if p.frame.status != "actual":
            spans.append((p.start, p.end))
    actual_view: dict[tuple[str, int, str], str] = {}  # the sentence as an actual sees it, made once per sentence
    values = []
    for p in placed:
        key = (p.doc_id, p.sid, p.text)
        if p.frame.status == "actual" and key not in actual_view:
            actual_view[key] = _without_outlooks(p.text, outlooks[key])
        values.append(_annotate_one(p, actual_view.get(key, p.text) if p.frame.status == "actual" else p.text,
                                    sent_index, contexts))  # fmt: skip
    for i, col in enumerate(SUBJECT_COLUMNS):
        out[col] = [v[i] for v in values]
    for col in FRAME_COLUMNS:
        out[col] = [getattr(p.frame, col) for p in placed]
    return out


def _with_answering_speakers(
    contexts: Mapping[str, DocumentContext], rows: Iterable[Mapping], sent_index: Mapping[tuple[str, int], Mapping]
) -> Mapping[str, DocumentContext]:
    """Each document's context with the organisations its unplaced speakers answer for with "we"
    (``turns.answering_speakers``) as its ``answers_for``."""
    by_doc: dict[str, list[Mapping]] = {}
    for r in rows:
        by_doc.setdefault(str(r["doc_id"]), []).append(r)
    out = dict(contexts)
    for doc, sents in by_doc.items():
        ctx = contexts.get(doc) or DocumentContext(doc)
        # a speaker who already speaks for a company (on its own call: any but the operator and analysts) keeps it
        placed = {
            sp: org for sp in {str(r.get("speaker") or "") for r in sents} if (org := speaker_organisation(sp, ctx))
        }
        learnt = answering_speakers(sorted(sents, key=lambda r: int(r["sentence_id"])), sent_index, placed, ctx.names)
        if learnt:
            out[doc] = replace(ctx, answers_for=learnt)
    return out


@dataclass(frozen=True)
class _Placed:
    """A claim placed in its sentence: the sentence, the claim's offsets in it, and its framing there."""

    claim: Mapping
    doc_id: str
    sid: int
    sent: Mapping | None
    text: str
    lang: str
    start: int
    end: int
    frame: Frame


@lru_cache(maxsize=16384)
def _frame(text: str, left: int, right: int, lang: str) -> Frame:
    # keyed by the sentence and the clause's bounds: the sentence's hash is computed once, a sliced clause's every time
    return frame_in_sentence(text, left, right, lang)


def _placed(c: Mapping, sent_index: Mapping[tuple[str, int], Mapping]) -> _Placed:
    doc_id = str(c["doc_id"])
    try:
        sid = int(c.get("sentence_id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        sid = -1
    sent = sent_index.get((doc_id, sid))
    text = _str(sent["text"]) if sent is not None else _str(c.get("context"))
    lang = _str(c.get("lang")) or (_str(sent.get("lang")) if sent is not None else "")
    s, e = _offset_in(text, sent["start"] if sent is not None else None, c)
    return _Placed(c, doc_id, sid, sent, text, lang, s, e, _frame(text, *clause_span(text, s, e), _lang_key(lang)))


def _without_outlooks(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with the clauses of guidance and forecast figures at ``spans`` blanked out (offsets kept).

    "Revenue was $10 billion, and next year we expect $12 billion": the period an
    outlook is for lies ahead and dates no actual. The other way round it may
    ("$91.4 billion in 2025, above the $75 billion it had planned").
    """
    if not spans:
        return text
    parts, pos = [], 0
    for left, right in sorted(clause_span(text, s, e) for s, e in spans):
        left = max(left, pos)
        if right > left:
            parts += [text[pos:left], " " * (right - left)]
            pos = right
    return "".join(parts) + text[pos:]


def _annotate_one(p: _Placed, sentence_view: str, sent_index: Mapping[tuple[str, int], Mapping],
                  contexts: Mapping[str, DocumentContext]) -> tuple[str, ...]:  # fmt: skip
    """The subject, period and counted columns of one placed claim; ``sentence_view`` is its sentence as far as
    it may date the claim (see ``_without_outlooks``)."""
    c, doc_id, sid, sent, text, lang, s, e = p.claim, p.doc_id, p.sid, p.sent, p.text, p.lang, p.start, p.end
    ctx = contexts.get(doc_id) or DocumentContext(doc_id)
    speaker = _str(c.get("speaker")) or (_str(sent.get("speaker")) if sent is not None else "")
    unit = _str(c.get("unit"))
    left, right = clause_span(text, s, e)
    clause = text[left:right]
    counted = counted_of(unit, clause, text, _lang_key(lang), at=s - left)
    if counted and _PART_OF.match(text, e):
        counted += "/part"  # "brought in about $10 billion of it": a part of the figure before, not the whole
    person = person_for_speaker(speaker)
    # an unnamed speaker ("Host") is someone different in every document
    who = person.name if person is not None else (f"{speaker} ({doc_id})" if speaker else "")
    subj, refers_back = subject_in_sentence(text, s, e, lang, unit, speaker_organisation(speaker, ctx), who, ctx.names)
    outlook = _has(_OUTLOOK, clause)
    # "now" dates only its own clause ("Meta AI now has 700 million ..., and ... will reach 1 billion")
    per = period_in(
        clause,
        s - left,
        ctx.event_date,
        outlook,
        reported=ctx.reported,
        end=e - left,
        before=text[max(0, left - 120) : left],
    ) or period_in(  # fmt: skip
        sentence_view, s, ctx.event_date, outlook, False, reported=ctx.reported, end=e
    )
    if sent is not None:
        question, asked = answered_question(sent, sent_index)
        if question and not counted:
            # an elliptical answer counts what its question asks about ("売上高はどうでしたか" - "288億ドルでした")
            counted = counted_of(unit, _str(question[0]["text"]), _str(question[0]["text"]), _lang_key(lang))
        prev = sent_index.get((doc_id, sid - 1))
        if question and not speaker_organisation(speaker, ctx, answers=False):
            # a speaker who speaks for a company (its CFO on its call) answers for it, whatever the question names
            subj, per = _carried(subj, per, question, lang, ctx, sent_index, question=True, dating=asked)
        elif prev is not None and (prev.get("block_id") == sent.get("block_id") or refers_back):
            subj, per = _carried(subj, per, [prev], lang, ctx, sent_index, dating=1)
    if subj is not None and not subj.value and not speaker and ctx.own_event and ctx.main_subject:
        # an unlabelled "we" on a company's own call (a transcript without speaker labels) speaks for the company
        subj = Resolved(ctx.main_subject, "speaker")
    if subj is None and ctx.main_subject:
        # on the subject's own call its speakers speak for it (a CFO's "Revenue was ..."), elsewhere it is a guess
        own = speaker_organisation(speaker, ctx) == ctx.main_subject
        subj = Resolved(ctx.main_subject, "speaker" if own else "document")
    if per is None and unit not in ("year", "version") and unstated_period(text, ctx.reported, outlook):
        per = Resolved(ctx.reported[0], "relative")
    if per is None:
        flow = bool(counted) and measure_kind(counted) == "flow"
        if unit in ("year", "version") or flow or not ctx.event_date:
            per = Resolved("", "")
        elif outlook:
            # a forecast for a time the text does not state: not a count as of the event
            per = Resolved(f">{ctx.event_date}", "outlook")
        else:
            per = Resolved(f"@{ctx.event_date}", "event_date")
    return (subj.value if subj else "", subj.basis if subj else "", per.value, per.basis, counted)


def _carried(
    subj: Resolved | None,
    per: Resolved | None,
    before: list[Mapping],
    lang: str,
    ctx: DocumentContext,
    sent_index: Mapping[tuple[str, int], Mapping],
    question: bool = False,
    dating: int = 1,
) -> tuple[Resolved | None, Resolved | None]:
    """The subject and period a claim takes from the sentences ``before`` it (the one before, or the question its
    turn answers and that question's lead-in), nearest first, when its own sentence gives none.

    A sentence before that names no one but refers back itself ("Im laufenden Jahr will er ...") passes on the
    subject of the sentence before it; two sentences back at most. An answer's sentences before
    (``turns.answered_question``) are searched in turn; only the first ``dating`` may date it."""
    before = list(before)
    for depth in range(len(before) if len(before) > 1 else 2):
        if depth >= len(before):
            break
        prev = before[depth]
        ptext = _str(prev["text"])
        pspeaker = _str(prev.get("speaker"))
        # only a company, product or "we" carries over; an "I" in the sentence before is not this figure's owner
        prev_subject, back = subject_in_sentence(
            ptext, len(ptext), len(ptext), lang, "", speaker_organisation(pspeaker, ctx), "", ctx.names
        )
        if question and prev_subject is not None and not prev_subject.value:
            prev_subject = None  # a question's turn passes on a named subject only, not an unplaced "we"
        if subj is None and prev_subject is not None:
            # an unplaced "we" before stays unknown here too
            subj = Resolved(prev_subject.value, "previous_sentence" if prev_subject.value else "")
        if per is None and depth < dating:
            found_p = period_in(
                ptext, len(ptext), ctx.event_date, _has(_OUTLOOK, ptext), False, reported=ctx.reported, carried=True
            )
            # a period carries over only while the sentence is about the same subject
            same_subject = (
                subj is None
                or subj.basis == "previous_sentence"
                or (prev_subject is not None and prev_subject.value == subj.value)
            )
            if found_p is not None and same_subject:
                per = Resolved(found_p.value, "previous_sentence")
        if prev_subject is not None:
            break
        if len(before) > 1:
            continue
        earlier = sent_index.get((str(prev["doc_id"]), int(prev["sentence_id"]) - 1))
        if earlier is not None and (earlier.get("block_id") == prev.get("block_id") or back):
            before.append(earlier)
    return subj, per


def _owner(company: str, names: tuple[tuple[str, str], ...]) -> str:
    """The organisation a results heading's company is: a lexicon entry's ("NVIDIA" -> Nvidia), else one of the
    document's own names, else "" (a name rejected there, a speaker's say)."""
    if not company:
        return ""
    hits = mentions(company)
    if hits and hits[0].start == 0:
        return organisation_of(hits[0].entity.name) or hits[0].entity.name
    return company if any(company == n for _, n in names) else ""


def document_context(doc_id: str, title: str, body: str, entry: object | None) -> DocumentContext:
    """A document's context from its title, text and catalog entry (any object with catalog fields)."""
    get = (lambda k: _str(getattr(entry, k, "") or "")) if entry is not None else (lambda k: "")
    speakers = tuple(getattr(entry, "speakers", ()) or ()) if entry is not None else ()
    heading = " ".join(x for x in (title, get("title"), get("event")) if x)
    orgs: dict[str, str] = {}
    headings = [x for x in (title, get("title"), get("event")) if x]
    names = document_names("\n".join(headings), body, speakers)
    roles = getattr(entry, "roles", None) if entry is not None else None
    if roles:
        # a catalog that records roles ("Susan Li": "CFO, Meta") names the organisation in them
        for name, role in roles.items() if isinstance(roles, Mapping) else roles:
            hits = [m.entity for m in [*mentions(str(role)), *name_mentions(str(role), names)]]
            org = next((organisation_of(h.name) or h.name for h in hits), "") or role_company(str(role))
            if org:
                orgs[str(name)] = org
    owner = next(filter(None, (_owner(heading_company(h), names) for h in headings)), "")
    own_event = _has(_OWN_EVENT, heading) and not _has(_ABOUT_EVENT, heading)
    # on a company's own call or webcast the company its heading names is the main subject, however often the
    # call names its suppliers; elsewhere that company counts three times more
    main = owner if owner and own_event else main_subject(heading, body, speakers, names, owner)
    return DocumentContext(
        doc_id=doc_id,
        event_date=get("event_date") or get("published"),
        main_subject=main,
        speaker_orgs=orgs or None,
        reported=reported_period(heading, get("event_date") or get("published")),
        own_event=bool(main) and own_event,
        names=names,
    )


def with_subjects(claims: pd.DataFrame, docs: Iterable, entries: Mapping[str, object] | None = None) -> pd.DataFrame:
    """Claims of parsed documents with subject, period and counted, and topics their subject does not fit removed.

    ``entries`` maps doc_id to its catalog entry (event date, speakers, title);
    without one a document has no event date, so relative periods stay unresolved.
    """
    from ..topics import topic_fits

    docs = list(docs)
    sentences = [
        dict(doc_id=d.doc_id, sentence_id=s.sentence_id, block_id=s.block_id, start=s.start, text=s.text,
             speaker=s.speaker or "", lang=s.lang)
        for d in docs for s in d.sentences
    ]  # fmt: skip
    contexts = {
        d.doc_id: document_context(d.doc_id, d.title or "", d.text, (entries or {}).get(d.doc_id)) for d in docs
    }
    out = annotate(claims, sentences, contexts)
    if len(out):
        keep = [topic_fits(t, lineage(s)) if t else True for t, s in zip(out["topic"], out["subject"])]
        mask = ~pd.Series(keep, index=out.index)
        out.loc[mask, "topic"] = ""
        out.loc[mask, "measure"] = ""
    return out
