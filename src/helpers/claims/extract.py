"""Claims of a parsed document: every quantity with document offsets, line, sentence, speaker and topic.

``claims_frame`` builds the tidy claims table (``CLAIMS``); ``main_claims`` is
``python -m helpers claims``.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..exceptions import DocumentError
from ..tables import Column, TableSpec, neutralise_cell
from ..text.frames import typed_frame
from ..text.model import ATTRIBUTIONS, ParsedDocument, Sentence
from ..text.speakers import voice_of
from . import numbers
from .carried import carry_units, currency_unsaid
from .framing import GENERATIONS, STATUSES
from .lexicon import QUALIFIERS, UNITS
from .quantities import Quantity, degrees, find_quantities
from .races import race_units
from .subjects import with_subjects
from .tables import table_units
from .topics import assign_topic
from .units import PHYSICAL


@dataclass(frozen=True)
class Claim:
    doc_id: str
    claim_id: str
    line: int
    start: int
    end: int
    surface: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str
    vague: bool
    qualifier: str
    topic: str
    speaker: str
    sentence_id: int
    measure: str
    lang: str
    context: str
    attribution: str = "unknown"
    speaker_confidence: float = 0.0
    unit_surface: str = ""
    change: str = ""


CLAIMS = TableSpec(
    "claims",
    "one row per quantitative claim",
    (
        Column("doc_id", "str", "Document id (file name without extension)."),
        Column("claim_id", "str", "Stable id '{doc_id}:cNNNN', numbered in document order."),
        Column("line", "int", "1-based line of `start` in the document text.", min_value=1),
        Column(
            "start",
            "int",
            "Character offset of the claim's first character in the decoded, newline-normalized document text.",
            min_value=0,
        ),
        Column(
            "end",
            "int",
            "Character offset one past the claim's last character; doc.text[start:end] == surface unless the "
            "claim runs across format structure (see surface).",
            min_value=0,
        ),
        Column(
            "surface",
            "str",
            "The claim exactly as written, including qualifier words (約, etwa, about) and the unit; for a claim "
            "that runs across format structure (a timing line, caption tag, the JSON between word strings) the "
            "words as analysed, without that structure.",
            non_empty=True,
        ),
        Column(
            "value",
            "float",
            "Point value in base units (dollars, watts, tokens, parameters, persons, years...); empty for ranges "
            "and vague quantities.",
            nullable=True,
        ),
        Column(
            "value_low",
            "float",
            "Lower bound for ranges and vague quantities (vague brackets: data/vague_brackets.yaml); equals "
            "value for point values.",
            nullable=True,
        ),
        Column(
            "value_high",
            "float",
            "Upper bound for ranges and vague quantities; equals value for point values.",
            nullable=True,
        ),
        Column(
            "unit",
            "str",
            "What the value counts or measures (claims.units): the corpus's units ("
            + ", ".join(UNITS[:16])
            + "); ratios: percent (half = 50; a fraction such as 3分の2 is 66.7; 420 ppm is 0.042), "
            "percentage_point (25 basis points = 0.25), multiple (2倍, 10x), index_point (a stock index's level "
            'or move where the sentence names an index: "FTSE 100 closed 95.85 points lower at 7,652.91" = 95.85 '
            'and 7652.91, "der DAX stieg um 120 Punkte", TOPIXは25ポイント高); '
            "duration_second (hours, minutes, seconds); pixel (12 MP, 1,080 pixels), pixel_per_inch (458-ppi), flop "
            "(7.2e23 FLOPs), flop_per_second (9.9e14 FLOPS), gpu_hour (1.46M H100 hours), frame_per_second (60fps); "
            "physical base units "
            "from pint ("
            + ", ".join(PHYSICAL)
            + "); a currency as its ISO 4217 code in lower case (usd, eur, jpy, gbp, cny, ...); or a rate "
            "<amount>_per_<per what> (claims.rates), the amount in its base unit and the per-what as named: "
            "usd_per_year ($25bn a year), gbp_per_liter (£1.37 per litre, 115.12p a litre), usd_per_barrel "
            "($70 a barrel, 70 Dollar je Barrel, 1バレル当たり70ドル), gbp_per_share (13p a share), "
            "cubic_meter_per_day "
            "(1 million barrels each day; an oil barrel is 42 US gallons), kilogram_per_year (2 million tonnes a year, "
            "年間100万トン), duration_second_per_week (30 to 35 hours a week), gbp_per_square_foot (£12 per square "
            "foot), count_per_month (3078 jobs per month), meter_per_gallon (40 mpg); speeds and data rates keep "
            "meter_per_second (2 miles per second) and byte_per_second. "
            "As English text writes them: person for people counted (55 lung cancer patients, 52,000 fans; jobs "
            "are count); count for things and occurrences (won nine times, drei Mal, 3回); percent for a part of a "
            "whole (one in 50 = 2, eight in 10 Americans = 80, 5人に1人 = 20); kelvin for temperatures (40C, "
            "104F; bare degrees are Celsius unless the sentence names Fahrenheit or the document is a Fahrenheit "
            "weather story: 101 to 107 degrees), a difference without the offset (15 to 20 degrees above normal = "
            "8.3-11.1 K); coulomb for battery charge (3,877mAh); meter and kilogram for compound imperial "
            "amounts (6ft 2in, 7lb 3oz); usd for spoken thousands (600 grand); duration_year for a bounded "
            "period (more than a decade = 10); version for a model generation (Llama 3, llama 3, GPT-4, "
            "GPT-3.5; GPT-4o is a name); parameter for model sizes (70b, 405B); flop_per_second (126 teraflops) "
            "and flop (3640 petaflop days). Names and labels with numbers (FTSE 100, Russell 2000, Boeing's 737 "
            "Max, iPhone 15, Suite 4), ordinals (a fourth straight week), enumerations and idioms (One, it's "
            "cheaper; one day we'll get there; one of the best) are no claims.",
            isin=UNITS,
        ),
        Column(
            "vague", "bool", "True when the quantity is a vague numeral (何十億, Milliarden, tens of billions, 数年)."
        ),
        Column(
            "qualifier",
            "str",
            "approx (約, ほど, etwa, about), at_least (以上, über, more than), at_most (以下, 以内, bis zu, up "
            "to), almost (ほぼ, fast, almost), negated (kein, not, 〜ていない after the quantity in its clause; "
            "the negating verb is not part of the surface), or empty.",
            isin=QUALIFIERS,
        ),
        Column(
            "topic",
            "str",
            "Topic key from data/topics.yaml; empty when no topic's cue words and units match (never a guess).",
        ),
        Column(
            "speaker",
            "str",
            "Who asserts the claim (see attribution): the sentence's speaker, or the author inside an aside and "
            "the quoted person inside a quotation; empty for the author's own words and when unknown.",
        ),
        Column(
            "sentence_id",
            "int",
            "Id of the sentence the claim sits in (anchor s-{sentence_id} in the document report).",
        ),
        Column(
            "measure",
            "str",
            "What exactly the topic measures (e.g. h100_equivalents vs h100_count), from the topic's measure "
            "cues; empty when none applies.",
        ),
        Column("lang", "str", "Language of the sentence (ja, de, en)."),
        Column("context", "str", "The sentence text the claim was found in."),
        Column(
            "attribution",
            "str",
            "How the speaker is known: labelled (transcript label), turn (decoded from an unlabelled dialogue), "
            "reported (a write-up reports the speaker's words), author (the writer's own words, including bracketed "
            "asides such as 湯川解説), aligned (carried over from another rendering of the same event, whose aligned "
            "sentence labels the speaker or knows it confidently) or unknown; turn, reported and aligned are "
            "inferences.",
            isin=ATTRIBUTIONS,
        ),
        Column(
            "speaker_confidence",
            "float",
            "Calibrated probability (0-1) that speaker and attribution are right (1 for labels); see "
            "bench/eval_speakers.py.",
            min_value=0,
        ),
        Column(
            "unit_surface",
            "str",
            "The unit as written (km, ドル, Megawatts, $, 個); `value` is in the base unit of `unit`, so 5 km has "
            "value 5000 and unit_surface km; empty for bare numbers.",
        ),
        Column(
            "subject",
            "str",
            "Whose figure it is: an organisation, product or person from data/entities.yaml or a company the "
            "document names itself (its results heading, 'Globex Inc.', 'Globex's revenue', 株式会社X; see "
            "claims.subjects.names; a person's figure counts for their organisation, except ages and durations), a "
            "generic party (customers), an unnamed speaker as "
            "'Host (doc_id)', or empty; see helpers.claims.subjects.",
        ),
        Column(
            "subject_basis",
            "str",
            "How the subject was found: clause (named in the figure's clause), speaker (we/our/wir/当社 -> the "
            "speaker's organisation; I -> the speaker), other_party (someone generic or unnamed: customers, analysts, "
            "the addressee's own years), sentence, previous_sentence, document (the document's dominant "
            "organisation), or empty.",
            isin=("clause", "speaker", "other_party", "sentence", "previous_sentence", "document", ""),
        ),
        Column(
            "period",
            "str",
            'When the figure holds, the nearest period in its own clause first: 2024 (year; also "last year", im '
            "Vorjahr, 来年 against the event date), FY2025 (fiscal year: fiscal 2025, FY25, Geschäftsjahr 2025, "
            "2025年度), "
            "2024-Q4 / FY2025-Q3 (quarter: fourth-quarter, Q3 FY25, drittes Quartal, 第3四半期), 2025-H1 (half: first "
            "half, H1, erstes Halbjahr, 上期), 2024-12 or "
            "2024-12-31 (month, day), end-2025 or end-FY2025 (a target for the end of that year or fiscal year), "
            "@2025-01-29 (nothing stated: as of the event), >2025-01-29 (a forecast for an unstated later time), "
            "or empty (a flow such as revenue with no stated period).",
        ),
        Column(
            "period_basis",
            "str",
            "How the period was found: stated, relative (last year, im laufenden Quartal, 2か月前, resolved against "
            "the event date), target (by the end of the year), previous_sentence, event_date, outlook (a forecast with "
            "no period stated: >event date), or empty.",
            isin=("stated", "relative", "target", "previous_sentence", "event_date", "outlook", ""),
        ),
        Column(
            "counted",
            "str",
            "What the figure counts, for comparing claims without topic: revenue, capex, employees, users/daily, "
            "revenue/data center ... (data/measures.yaml) or gpus/power/tokens/parameters from the unit; empty when "
            'nothing says. Words that narrow nothing are left out: consolidated, reported or cash revenue and "Meta '
            'expects capex" count revenue and capex.',
        ),
        Column(
            "status",
            "str",
            'How the figure is framed in its own clause (helpers.claims.framing, data/framing.yaml): actual ("capex '
            'was $14.8 billion"), guidance (the owner\'s outlook or plan: "we expect $60 billion", "stellt 43 '
            'Milliarden in Aussicht", 見込み) or forecast (someone else\'s estimate: "analysts expect", Konsens, '
            "市場予想). Guidance or a forecast never conflicts with an actual.",
            isin=STATUSES,
        ),
        Column(
            "generic",
            "bool",
            'True when the clause speaks of a whole class, not one owner ("language models in general train on 15 '
            "trillion tokens\", generell, 一般的に); such a figure conflicts with no one model's unless the clause "
            "names whose it is.",
        ),
        Column(
            "generation",
            "str",
            'next or previous when the clause names another generation than the current one ("the next-generation '
            'cluster will have 100,000 GPUs", Vorgänger, 次世代); empty for the current generation or none named.',
            isin=GENERATIONS,
        ),
        Column(
            "change",
            "str",
            "The value's part in a reported movement, which is two values and never a range: from (where it started: "
            "'fell from $90 to $62' -> $90; von 90 auf 62 Dollar; 90ドルから62ドルに下落), by (how far it moved: "
            "'down 424p "
            "to 5,512p' -> 424p; 'down 12 cents at $3.41' -> 12 cents; 2割増の500億円 -> 2割), "
            "to (where it ended: $62, 5,512p, $3.41); a start named after the level is from too "
            "('to 4.1%, from 3.2% a year earlier'); empty for every other claim.",
            isin=("from", "by", "to", ""),
        ),
    ),
    unique=("claim_id",),
    ordered=(("start", "end"), ("value_low", "value_high")),
)


def extract_claims(doc: ParsedDocument, out_of_range: list[int] | None = None) -> list[Claim]:
    """All claims of a parsed document, in document order, with document offsets.

    ``out_of_range``, when given, receives the ids of the sentences holding a
    numeral refused for its size (beyond 10^27, more than 19 digits): not a
    claim, but not silently gone either.
    """
    pending: list[dict[str, Any]] = []  # each claim's fields but its id, which follows document order
    line_starts = [0] + [m.end() for m in re.finditer("\n", doc.text)]
    found = []
    with degrees.scale_hint(degrees.document_scale(doc.text, doc.lang)):
        for sent in doc.sentences:
            with numbers.refusals() as refused:
                lang = sent.lang if sent.lang in ("ja", "de", "en") else doc.lang
                found.append((sent, find_quantities(sent.text, lang)))
            if refused and out_of_range is not None:
                out_of_range.append(sent.sentence_id)
    carried = carry_units(found)
    found = race_units(table_units(doc.text, currency_unsaid(carried) if doc.lang == "en" else carried))
    # sizes the document states with a B ("405B"): a later bare "405" next to a model is that model
    sizes = {
        q.value
        for _, qs in found
        for q in qs
        if q.unit == "parameter" and q.value is not None and q.surface.rstrip().endswith("B")
    }
    for sent, qs in found:
        for q in qs:
            q = _as_model_size(sent.text, q, sizes)
            start = sent.to_doc_offset(q.start)
            end = sent.to_doc_end(q.end)
            surface = _surface(doc.text, sent, q.start, q.end, start, end)
            if not surface.strip():
                continue
            topic, measure = assign_topic(sent.text, q)
            speaker, attribution, confidence = voice_of(doc, sent, start)
            pending.append(
                dict(
                    doc_id=doc.doc_id,
                    line=bisect.bisect_right(line_starts, start),
                    start=start,
                    end=end,
                    surface=surface,
                    value=q.value,
                    value_low=q.value_low,
                    value_high=q.value_high,
                    unit=q.unit,
                    vague=q.vague,
                    qualifier=q.qualifier,
                    topic=topic,
                    speaker=speaker or "",
                    sentence_id=sent.sentence_id,
                    measure=measure,
                    lang=sent.lang,
                    context=sent.text,
                    attribution=attribution,
                    speaker_confidence=confidence,
                    unit_surface=q.unit_surface,
                    change=q.change,
                )
            )
    pending.sort(key=lambda c: (c["start"], c["end"]))
    return [Claim(claim_id=f"{doc.doc_id}:c{n:04d}", **c) for n, c in enumerate(pending, 1)]


def _surface(text: str, sent: Sentence, q_start: int, q_end: int, start: int, end: int) -> str:
    """The claim as written: the document's characters, unless more than line breaks lies between its words.

    A claim across caption lines reads as written ("close to\n600,000 H100");
    one across a timing line, a caption tag, a JSON escape or the JSON between
    word strings would carry that structure, so its surface is the analysed words.
    """
    raw, analysed = text[start:end], sent.text[q_start:q_end]
    return raw if "".join(raw.split()) == "".join(analysed.split()) else analysed


_MODEL_CONTEXT = re.compile(r"モデル|[Mm]odel|Llama|LLaMA|Lama|ラマ|GPT")


def _as_model_size(text: str, q: Quantity, sizes: set[float]) -> Quantity:
    """A bare count that repeats a model size stated with B in the document, in a sentence about models."""
    if q.unit != "count" or q.vague or q.value is None or not q.surface.isdigit():
        return q
    value = q.value * 1e9
    if value not in sizes or not _MODEL_CONTEXT.search(text):
        return q
    return Quantity(q.start, q.end, q.surface, value, value, value, "parameter", False, q.qualifier, q.unit_surface)


def claims_frame(
    docs: list[ParsedDocument],
    entries: Mapping[str, Any] | None = None,
    out_of_range: dict[str, list[int]] | None = None,
    validate: bool = True,
) -> pd.DataFrame:
    """The claims table of several documents, validated against ``CLAIMS``.

    ``entries`` (doc_id -> catalog entry) dates the documents, so that periods
    such as "last year" resolve, and names their speakers. ``out_of_range``,
    when given, receives per document the sentences with numerals too large to
    be claims (see ``extract_claims``). ``validate=False`` leaves the check to
    the caller: the build checks the whole corpus's table at once, which costs
    about what checking one document's does.
    """
    found: list[Claim] = []
    for d in docs:
        refused: list[int] = []
        found += extract_claims(d, refused)
        if out_of_range is not None:
            out_of_range[d.doc_id] = refused
    # Claims hold plain values (no nested fields to copy, as asdict would); columns they
    # do not have (subject, period ...) are filled in by with_subjects.
    columns = {name: [getattr(c, name, None) for c in found] for name in CLAIMS.names}
    frame = with_subjects(typed_frame(CLAIMS, columns), docs, entries)
    return CLAIMS.validate(frame) if validate else frame


def _fmt(v: Any) -> Any:
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return int(v) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return v


def write_claims(claims: Iterable[Claim | Mapping[str, Any]], out: io.TextIOBase | Any, fmt: str = "csv") -> None:
    """Write claims as CSV (the ``CLAIMS`` columns) or JSON Lines to a text stream."""
    names = CLAIMS.names
    rows = [asdict(c) if isinstance(c, Claim) else dict(c) for c in claims]
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(names)
        text = {c.name for c in CLAIMS.columns if c.kind == "str"}
        for d in rows:
            w.writerow(
                [neutralise_cell(d.get(k)) if k in text else "" if d.get(k) is None else _fmt(d.get(k)) for k in names]
            )
    elif fmt == "jsonl":
        for d in rows:
            out.write(json.dumps({k: d.get(k, "") for k in names}, ensure_ascii=False) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}; use csv or jsonl")


def main_claims(paths: list[str], fmt: str = "csv") -> str:
    """``python -m helpers claims PATH... [--format csv|jsonl]``: claims of any text files, as text."""
    from ..text.parse import parse_file

    buf = io.StringIO()
    found: list[dict[str, Any]] = []
    for p in paths:
        for row in claims_frame([parse_file(p)]).to_dict("records"):
            found.append({k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()})
    write_claims(found, buf, fmt)
    return buf.getvalue()


QUANTITY_FIELDS = (
    "start",
    "end",
    "surface",
    "value",
    "value_low",
    "value_high",
    "unit",
    "unit_surface",
    "qualifier",
    "vague",
    "change",
)


def quantity_lines(text: str, lang: str = "auto") -> Iterator[str]:
    """One JSON object per line of ``text``, in order: ``{"line", "text", "quantities"}``.

    Every line is analysed as it is (no title, chrome or sentence splitting); offsets are into the
    line. ``lang`` is ja, de, en or auto (Japanese by script, German/English by lingua per line;
    a line too short to tell takes the language of the whole input).
    """
    from ..text.language import detect_lang, document_lang

    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final newline ends the last line; it does not start another
    fallback = ""
    for n, line in enumerate(lines, 1):
        line_lang = lang
        if lang == "auto":
            line_lang = detect_lang(line) if line.strip() else "en"
            if line_lang not in ("ja", "de", "en"):
                if not fallback:
                    fallback = document_lang(text)
                    fallback = fallback if fallback in ("ja", "de", "en") else "en"
                line_lang = fallback
        found = [{k: getattr(q, k) for k in QUANTITY_FIELDS} for q in find_quantities(line, line_lang)]
        yield json.dumps({"line": n, "text": line, "quantities": found}, ensure_ascii=False)


def main_quantities(path: str | None, lang: str = "auto") -> Iterator[str]:
    """``python -m helpers quantities [--lang en|de|ja|auto] [FILE]``: JSON lines for a file or stdin."""
    import sys

    from ..text.decode import decode_bytes

    if path is None or path == "-":
        data, source = sys.stdin.buffer.read(), "<stdin>"
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise DocumentError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
        source = path
    if not data.strip():
        return iter(())  # no lines, no output
    return quantity_lines(decode_bytes(data, source).text, lang)
