"""Plain answers to headline questions: who says what, where, and whether the sources and the published figure agree.

Each figure a question gathers is said once, in a reader's words ("350,000
GPUs", "$1 billion–$10 billion", "10%"), linked to its sentence; the words as
written follow when the source is not English. Internal ids and keys (claim
ids, ledger keys, topic keys) appear only in links and tooltips. The opening
sentence counts the verdicts without repeating a figure.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping

import pandas as pd

from ..analysis.compare import as_text, claim_range, prepare_claims, records, row_tuples
from ..analysis.questions import Question, gathers, measure_words, period_words
from ..claims.topics import behaviours
from ..format import number_words
from .links import document_href, sentence_href
from .markup import esc, lang_attr, speaker_html

# Units in a reader's words: (singular, plural); a currency is a symbol or its code before the number.
_UNIT_WORDS = {
    "gpu": ("GPU", "GPUs"), "token": ("token", "tokens"), "parameter": ("parameter", "parameters"),
    "person": ("person", "people"), "age": ("year old", "years old"), "duration_year": ("year", "years"),
    "duration_month": ("month", "months"), "duration_week": ("week", "weeks"), "duration_day": ("day", "days"),
    "duration_second": ("second", "seconds"), "watt": ("watt", "watts"), "count": ("", ""), "other": ("", ""),
}  # fmt: skip
_CURRENCY_SIGNS = {"usd": "$", "eur": "€", "gbp": "£", "jpy": "¥"}
_SI = ((1e9, "GW"), (1e6, "MW"), (1e3, "kW"))
# A figure's qualifier in words, before it (at_least and at_most are already in its range).
_WORDED = re.compile(r"([\d,.]+)(?: (trillion|billion|million))?")  # number_words' output: "1.5 billion"
_VERSION = re.compile(r"\d+(?:\.\d+)*")
_HEDGES = {"approx": "about ", "almost": "almost ", "negated": "not "}

# What a verdict means, counted in the opening sentence (singular, plural).
_COUNTED = {
    "consistent": ("agrees with another source or the published figure",
                   "agree with another source or the published figure"),
    "different_measure": ("measures something else", "measure something else"),
    "conflict": ("contradicts another figure", "contradict another figure"),
    "translation_slip": ("looks like a slip", "look like slips"),
    "unverified": ("has nothing to be checked against", "have nothing to be checked against"),
}  # fmt: skip


def figure_words(rng: tuple[float, float] | None, unit: str) -> str:
    """A value or range as a reader says it: "350,000 GPUs", "$1 billion–$10 billion", "10%", "at least 5 MW"."""
    if rng is None:
        return ""
    lo, hi = rng
    if math.isinf(hi):
        return "at least " + _one(lo, unit)
    if lo == hi:
        return _one(lo, unit)
    if lo == 0:
        return "at most " + _one(hi, unit)
    if unit in _CURRENCY_SIGNS or unit in ("percent", "watt", "version", "year"):
        return f"{_one(lo, unit)}–{_one(hi, unit)}"
    return f"{_number(lo, unit)}–{_one(hi, unit)}"


def _number(x: float, unit: str) -> str:
    if unit in ("year", "version"):
        return str(int(x)) if float(x).is_integer() else f"{x:g}"
    return number_words(x)


def _one(x: float, unit: str) -> str:
    if unit in _CURRENCY_SIGNS:
        return f"{_CURRENCY_SIGNS[unit]}{number_words(x)}"
    if unit == "percent":
        return f"{number_words(x)}%"
    if unit == "version":
        return f"version {_number(x, unit)}"
    if unit == "year":
        return _number(x, unit)
    if unit == "watt":
        for size, symbol in _SI:
            if abs(x) >= size:
                return f"{x / size:,.3g} {symbol}"
        return f"{number_words(x)} W"
    one, many = _UNIT_WORDS.get(unit, (unit.upper() if len(unit) == 3 else unit.replace("_", " "),) * 2)
    word = one if x == 1 else many
    return f"{number_words(x)} {word}".strip()


def _date_words(text: object) -> str:
    """ "2024-04-18" -> "18 April 2024", "2015-03" -> "March 2015"; other text as it is."""
    s = as_text(text)
    return period_words(s).removeprefix("in ") if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", s) else s


def _measure(topic: str, measure: str) -> str:
    """The measure in a reader's words, when the topic names it (its measure_words) or the group is keyed by it."""
    if not topic:
        return measure_words(measure) if ":" in measure else ""
    b = behaviours().get(topic)
    return dict(b.measure_words).get(measure, "") if b else ""


def reworded(text: str, unit: str) -> str:
    """A value the findings table words for a researcher ("22,000–24,000 gpu", "≥15 trillion token", "2 billion
    usd", "3.1") in a reader's words; other text ("2022 or later") as it is."""
    numbers = text.removesuffix(f" {unit}") if unit else text
    bound = numbers[:1] if numbers[:1] in "≥≤" else ""
    try:
        values = [_from_words(p) for p in numbers[len(bound) :].split("–")]
    except ValueError:
        return text
    if bound == "≥":
        return figure_words((values[0], math.inf), unit)
    if bound == "≤":
        return figure_words((0.0, values[0]), unit)
    return figure_words((values[0], values[-1]), unit)


def _from_words(text: str) -> float:
    m = _WORDED.fullmatch(text.strip())
    if not m:
        raise ValueError(text)
    scale = {"trillion": 1e12, "billion": 1e9, "million": 1e6}.get(m.group(2) or "", 1.0)
    return float(m.group(1).replace(",", "")) * scale


class _Ledger:
    """What the answers need of the ledger: a reference's measure, to say what a figure of another measure counts."""

    def __init__(self, ledger: pd.DataFrame | None) -> None:
        rows = [] if ledger is None or not len(ledger) else records(ledger)
        self.measure = {str(r.get("topic_key", "")): (str(r.get("topic", "")), str(r.get("measure", ""))) for r in rows}


def _published(f, unit: str, figure: str, ledger: _Ledger) -> tuple[str, str, bool]:
    """("the published figure of X" with its ledger key and source in a tooltip, " (date)", whether X is ``figure``)."""
    value = reworded(as_text(f.reference_value), unit)
    tip = f"ledger {as_text(f.reference)}: {as_text(f.reference_source)}".strip()
    when = _date_words(f.reference_as_of)
    same = bool(value) and value == figure
    words = "published figure" + ("" if same or not value else f" of {value}")
    return f'<span class="ref" title="{esc(tip)}">{esc(words)}</span>', f" ({esc(when)})" if when else "", same


def _judgement(f, unit: str, figure: str, ledger: _Ledger) -> str:
    """Whether the sources and the published figure agree with the figure, in a sentence."""
    ref, when, same = _published(f, unit, figure, ledger) if as_text(f.reference) else ("", "", False)
    likely = reworded(as_text(f.likely_value), unit)
    verdict = as_text(f.verdict)
    if verdict == "consistent":
        if ref:
            return f"The {ref}{when} is the same." if same else f"It agrees with the {ref}{when}."
        return "Another source gives the same figure."
    if verdict == "different_measure":
        if ref:
            counts = _measure(*ledger.measure.get(as_text(f.reference), ("", "")))
            size = " of the same size" if same else ""
            what = f"counts {esc(counts)}" if counts else "counts something else"
            return f"The {ref}{size}{when} {what}: the two do not contradict each other."
        return "The other sources' figures count something else (another quantity, date or model)."
    if verdict == "conflict":
        return f"It contradicts the {ref}{when}." if ref else "It contradicts another source's figure of the same."
    if verdict == "translation_slip":
        if as_text(f.kind) == "version":
            return f"No such version was released: probably {esc(likely)}."
        if as_text(f.kind) == "year":
            return f"The product it names did not exist yet: probably {esc(likely)}."
        slip = f"It looks like a slip for {esc(likely)}" if likely else "It looks like a slip"
        if ref:
            return f"{slip}: the {ref}{when} is a power of ten away from what is written."
        return f"{slip}: another rendering of the same talk gives a figure a power of ten away."
    return "Nothing in the corpus or the ledger can check it."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _where(doc_id: str, catalog: Mapping | None, documents_href: str) -> tuple[str, str]:
    """The document as a link named by its event or title (its id in the tooltip), and its genre."""
    e = catalog.get(doc_id) if catalog is not None else None
    # named in the reader's language: an English document by its title, any other by the event it reports
    first = ("title", "event") if as_text(getattr(e, "language", "")) == "en" else ("event", "title")
    name = next((as_text(getattr(e, k, "")) for k in first if as_text(getattr(e, k, ""))), doc_id)
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name) or name  # "(video id …)" is for the catalog, not the reader
    short = name if len(name) <= 70 else name[:69].rstrip() + "…"
    href = document_href(doc_id, documents_href)
    genre = as_text(getattr(e, "genre", ""))
    return f'<a href="{esc(href)}" title="{esc(doc_id)}: {esc(name)}"><cite>{esc(short)}</cite></a>', genre


def _said(c: Mapping, doc: str, when: str, figure: str, what: str) -> str:
    """Who says the figure, and where: "Name says 350,000 GPUs, a target, in <document> (notes, 18 April 2024)"."""
    speaker = speaker_html(c["speaker"], c["attribution"], c.get("speaker_confidence"))
    if as_text(c["attribution"]) == "author":
        return f"The author of {doc} ({when}) writes {figure}{what}"
    if speaker:
        return f"{speaker} says {figure}{what}{',' if what.startswith(',') else ''} in {doc} ({when})"
    return f"An unattributed sentence of {doc} ({when}) gives {figure}{what}"


def _item(f, c: Mapping, catalog: Mapping | None, documents_href: str, ledger: _Ledger) -> str:
    rng = claim_range(c["value"], c.get("value_low"), c.get("value_high"))
    unit = as_text(c["unit"])
    what = _measure(as_text(f.topic), as_text(c.get("measure")) or as_text(f.measure))
    words = figure_words(rng, unit) or as_text(c["surface"])
    if unit == "version":  # 3.10 is not 3.1: a version is said as written
        m = _VERSION.search(as_text(c["surface"]))
        words = f"version {m.group()}" if m else words
    elif what and unit in ("person", "count") and rng is not None and not math.isinf(rng[1]):
        words, what = f"{figure_words(rng, 'count')} {what}", ""  # 18,500 employees, not 18,500 people, employees
    hedge = _HEDGES.get(as_text(c.get("qualifier")), "")
    href = sentence_href(str(c["doc_id"]), c["sentence_id"], documents_href)
    tip = f"claim {c['claim_id']}; as written: {c['surface']}"
    figure = f'{hedge}<a href="{esc(href)}" title="{esc(tip)}">{esc(words)}</a>'
    if as_text(c["lang"]) not in ("", "en") and as_text(c["surface"]) != words:
        figure += f" (“<span{lang_attr(c['lang'])}>{html.escape(as_text(c['surface']))}</span>”)"
    if what:
        what = f" of {esc(what)}" if unit in _CURRENCY_SIGNS and ":" in as_text(f.measure) else f", {esc(what)}"
    doc, genre = _where(str(c["doc_id"]), catalog, documents_href)
    when = ", ".join(x for x in (esc(genre), esc(_date_words(c["event_date"])) or "undated") if x)
    return f"<li>{_said(c, doc, when, figure, what)}. {_judgement(f, unit, words, ledger)}</li>"


def answer_html(
    question: Question,
    findings: pd.DataFrame,
    claims: pd.DataFrame,
    catalog: Mapping | None,
    documents_href: str = "documents/",
    prepared: pd.DataFrame | None = None,
    ledger: pd.DataFrame | None = None,
) -> str:
    """The question as a heading, one sentence counting what the sources say, then each figure once.

    The figures are those of the findings the question gathers (``questions.gathers``), by topic
    (or group) in findings order. ``prepared`` (``prepare_claims`` of the same claims) saves
    preparing them again for every question; ``ledger`` lets a figure of another measure say what the
    published figure counts.
    """
    head = f"<h3>{esc(question.text)}</h3>" if question.text else ""
    own = findings[gathers(question, findings) & findings["kind"].isin(["claim", "version", "year"])]
    df = prepared if prepared is not None else prepare_claims(claims, catalog)
    firsts = [ids.split()[0] for ids in own["claim_ids"].tolist()]
    shown = {r["claim_id"]: r for r in records(df[df["claim_id"].isin(set(firsts))])}
    facts = _Ledger(ledger)
    parts: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    docs: set[str] = set()
    for f, cid in zip(row_tuples(own), firsts):
        c = shown.get(cid)
        if c is None:
            continue
        about = as_text(f.topic) or as_text(f.group_id)
        parts.setdefault(about, []).append(_item(f, c, catalog, documents_href, facts))
        counts[as_text(f.verdict)] = counts.get(as_text(f.verdict), 0) + 1
        docs.add(str(c["doc_id"]))
    if not parts:
        return head + "<p>The corpus gives no figure on this question.</p>"
    n = sum(counts.values())
    said = [
        f"{k} {_COUNTED[v][k != 1]}" if v in _COUNTED else f"{k} {esc(v)}"
        for v, k in sorted(counts.items(), key=lambda vk: list(_COUNTED).index(vk[0]) if vk[0] in _COUNTED else 9)
    ]
    opening = (f"The corpus gives {n} figure{'s' if n != 1 else ''} in {len(docs)} document"
               f"{'s' if len(docs) != 1 else ''}: {_listed(said)}.")  # fmt: skip
    body = []
    for about, items in parts.items():
        name = behaviours()[about].name if about in behaviours() else ""
        if len(parts) > 1 and name:
            body.append(f"<h4>{esc(_cap(name))}</h4>")
        body.append(f'<ul class="answer">{"".join(items)}</ul>')
    return f'{head}<p class="answer">{opening}</p>{"".join(body)}'


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
