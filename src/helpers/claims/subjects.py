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
    durations, which are the person's own;
``speaker``
    "we / our / wir / unser / 当社 / 私たち" in the clause: the speaker's
    organisation (from the people lexicon or the catalog); "I / ich / 私" for a
    duration or age: the speaker;
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
    and text name far more often than any other;
empty
    nothing says whose figure it is.

**Period** (``period``, with ``period_basis``): ``2024`` (a year), ``FY2025``
(a fiscal year), ``2024-Q4`` / ``FY2025-Q4`` (a quarter), ``2024-12`` or
``2024-12-31`` (a month or day), ``end-2025`` (a target "by the end of the
year", distinct from a count at any date) or ``@2025-01-29`` (no period stated:
as of the event). Bases: ``stated`` (written out), ``relative`` ("last year",
"im laufenden Quartal", "2か月前", resolved against the event date), ``target``,
``previous_sentence``, ``event_date``, ``outlook`` (a forecast "will reach
1 billion" with no period stated: ``>2025-01-29``, after the event, compared
with nothing of another date); a flow (revenue, spending) with no stated
period gets none, because the event date says nothing about which year it sums.
A quarter or month named without a year is the latest one that has ended by the
event ("fourth quarter" in a call in February 2025 is 2024-Q4), or for an outlook
("is expected to be", "in Aussicht", "見込み") the first one that has not.

**Counted** (``counted``): what the figure counts, from ``data/measures.yaml``
(revenue, capex, employees, users/daily ...) or from a unit that says it
(GPUs, watts, tokens, parameters); empty when nothing does.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd
import yaml

# ---------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str  # organisation | product | person
    owner: str  # organisation of a person, parent of a product ("" when none)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: Entity


def _data(name: str) -> dict:
    text = resources.files("helpers.claims").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # the C loader when built


@lru_cache(maxsize=1)
def entities() -> dict[str, tuple[Entity, tuple[str, ...]]]:
    """Entity name -> (entity, aliases), from data/entities.yaml."""
    raw = _data("entities.yaml")
    out: dict[str, tuple[Entity, tuple[str, ...]]] = {}
    for name, aliases in (raw.get("organisations") or {}).items():
        out[str(name)] = (Entity(str(name), "organisation", ""), tuple(map(str, aliases)))
    for name, spec in (raw.get("products") or {}).items():
        out[str(name)] = (Entity(str(name), "product", str(spec.get("parent") or "")), tuple(map(str, spec["aliases"])))
    for name, spec in (raw.get("people") or {}).items():
        out[str(name)] = (Entity(str(name), "person", str(spec.get("organisation") or "")), tuple(map(str, spec["aliases"])))
    return out


@lru_cache(maxsize=1)
def _alias_index() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]], dict[str, Entity]]:
    """Where an alias can start (one character class), the aliases by first character (longest first), and their entities.

    Scanning the candidate positions is linear in the text; one regex alternation
    of every alias tries them all at every position and costs ~10 µs a character.
    """
    by_alias: dict[str, Entity] = {}
    for entity_, aliases in entities().values():
        for a in aliases:
            by_alias.setdefault(a, entity_)
    by_first: dict[str, list[str]] = {}
    for a in sorted(by_alias, key=lambda s: (-len(s), s)):
        by_first.setdefault(a[0], []).append(a)
    starts = re.compile("[" + "".join(re.escape(c) for c in sorted(by_first)) + "]")
    return starts, {c: tuple(v) for c, v in by_first.items()}, by_alias


# After a Latin alias: a genitive or plural s ("Metas", "Meta's"), then no further letter (a version may follow: "Llama3").
_LATIN_END = re.compile(r"(?:'s|’s|s)?(?![A-Za-z])")


def _alias_at(text: str, i: int, candidates: tuple[str, ...]) -> str | None:
    for a in candidates:
        if not text.startswith(a, i):
            continue
        end = i + len(a)
        if a.isascii():
            if i > 0 and (text[i - 1].isascii() and text[i - 1].isalnum()):
                continue
            if not _LATIN_END.match(text, end):
                continue
        elif end < len(text) and ("ァ" <= text[end] <= "ヶ" or text[end] == "ー"):
            continue  # メタ is not メタバース
        return a
    return None


# "NVIDIA製の半導体", "Nvidia H100s", "AMD-Chips": the maker of the hardware, not whose figure it is.
_MAKER_AFTER = re.compile(
    r"(?:'s|’s)?(?:\s|-)?(?:製|GPUs?\b|H100|H200|A100|B200|GB200|MI300|chips?\b|Chips\b|Grafikkarten|accelerators?\b|半導体)"
)


def mentions(text: str, makers: bool = False) -> list[Mention]:
    """Entities named in ``text``, left to right, longest alias first.

    A company named as the maker of chips ("NVIDIA製", "Nvidia GPUs") is left
    out unless ``makers``: the chips' count belongs to whoever owns them.
    """
    return list(_mentions(text, makers))


@lru_cache(maxsize=4096)
def _mentions(text: str, makers: bool) -> tuple[Mention, ...]:
    # cached: every claim of a sentence asks about the same sentence
    starts, by_first, by_alias = _alias_index()
    out = []
    pos = 0
    for m in starts.finditer(text):
        i = m.start()
        if i < pos:
            continue
        alias = _alias_at(text, i, by_first[text[i]])
        if alias is None:
            continue
        end = i + len(alias)
        pos = end
        if not makers and _MAKER_AFTER.match(text, end):
            continue
        out.append(Mention(i, end, by_alias[alias]))
    return tuple(out)


def entity(name: str) -> Entity | None:
    hit = entities().get(name)
    return hit[0] if hit else None


def organisation_of(name: str) -> str:
    """The organisation behind an entity name (a person's employer, a product's parent, an organisation itself)."""
    e = entity(name)
    if e is None:
        return ""
    if e.kind == "organisation":
        return e.name
    return organisation_of(e.owner) if e.owner and e.owner != name else e.owner


def lineage(name: str) -> list[str]:
    """``name`` and every parent up to its organisation ("Meta AI" -> ["Meta AI", "Meta"])."""
    out = [name]
    e = entity(name)
    while e is not None and e.owner and e.owner not in out:
        out.append(e.owner)
        e = entity(e.owner)
    return out


def person_for_speaker(speaker: str) -> Entity | None:
    """The lexicon person a speaker label names ("Mark Zuckerberg", "ザック", "Zuckerberg")."""
    if not speaker:
        return None
    for m in mentions(speaker):
        if m.entity.kind == "person":
            return m.entity
    return None


# ---------------------------------------------------------------------------- units and measures

CURRENCIES = frozenset({"usd", "eur", "jpy", "gbp", "cny", "chf", "krw", "inr", "cad", "aud", "hkd", "twd", "sek"})
DURATIONS = {"duration_year": 365.25, "duration_month": 30.44, "duration_week": 7.0, "duration_day": 1.0}
# Units that say by themselves what is counted.
SELF_DESCRIBING = {"gpu": "gpus", "watt": "power", "token": "tokens", "parameter": "parameters"}


@lru_cache(maxsize=512)
def dimension(unit: str) -> str:
    """The physical or economic dimension of a claims unit: currency, time, or the unit itself.

    Units other engineers add later (ISO currency codes, pint units such as
    "megawatt") map through pint when it knows them.
    """
    unit = (unit or "").strip()
    if unit.lower() in CURRENCIES:
        return "currency"
    if unit in DURATIONS:
        return "time"
    if unit in ("gpu", "person", "count", "percent", "token", "parameter", "watt", "age", "year", "version", "other", ""):
        return unit
    try:
        dim = str(_ureg().parse_units(unit).dimensionality)
    except Exception:  # pint missing or not a pint unit: the unit name is its own dimension
        return unit
    return {"[length] ** 2 * [mass] / [time] ** 3": "watt", "[time]": "time"}.get(dim, dim)


@lru_cache(maxsize=1)
def _ureg():
    import pint

    return pint.UnitRegistry()


@dataclass(frozen=True)
class _Measure:
    key: str
    dimensions: frozenset[str]
    kind: str
    cues: tuple[str, ...]
    qualifiers: tuple[tuple[str, tuple[str, ...]], ...]


@lru_cache(maxsize=1)
def measures() -> tuple[_Measure, ...]:
    raw = _data("measures.yaml")["measures"]
    out = []
    for key, spec in raw.items():
        cues = tuple(str(c) for lang in (spec.get("cues") or {}).values() for c in lang)
        quals = tuple((str(q), tuple(map(str, cs))) for q, cs in (spec.get("qualifiers") or {}).items())
        out.append(_Measure(str(key), frozenset(spec["dimensions"]), str(spec.get("kind", "stock")), cues, quals))
    return tuple(out)


def measure_kind(counted: str) -> str:
    """flow or stock for a counted key ("revenue" -> flow); stock for self-describing units."""
    base = counted.split("/")[0]
    for m in measures():
        if m.key == base:
            return m.kind
    return "stock"


@lru_cache(maxsize=4096)
def _cue_re(cue: str) -> re.Pattern[str]:
    if cue.isascii() and cue[:1].isupper():
        # a capitalised (German) noun also heads or ends a compound: Rechenzentrumsumsatz, Nutzerzahl
        return re.compile(re.escape(cue.lower()))
    if cue.isascii():
        return re.compile(r"(?<![A-Za-z])" + re.escape(cue.lower()))
    return re.compile(re.escape(cue))


@lru_cache(maxsize=1)
def _measure_words() -> frozenset[str]:
    """Every single-word Latin cue of every measure: a measure word before another ("revenue run rate") narrows nothing."""
    return frozenset(c.lower() for m in measures() for c in m.cues if c.isascii() and " " not in c)


def _find_cue(cue: str, text: str, lowered: str) -> re.Match[str] | None:
    return _cue_re(cue).search(lowered if cue.isascii() else text)


# Words that narrow nothing: articles, totals, period words and ordinals.
_EN_STOP = frozenset(
    ["the", "a", "an", "its", "our", "their", "his", "her", "my", "your", "of", "for", "in", "on", "at", "by", "to", "as", "with", "from", "and", "or", "it", "this", "that", "these", "those", "is", "are", "was", "were", "be", "been", "will", "would", "has", "have", "had", "total", "overall", "quarter", "quarterly", "annual", "full", "year", "fiscal", "record", "first", "second", "third", "fourth", "q1", "q2", "q3", "q4", "company", "group", "net", "gross", "hundred", "thousand", "million", "billion", "trillion", "more", "than", "about", "around", "nearly", "almost", "over", "track", "expected", "plans", "plan"]
)
_DE_STOP = ("quartals", "quartal", "jahres", "gesamt", "konzern", "netto", "brutto")
_JA_STOP = ("総", "通期", "四半期", "年間", "連結", "全体", "合計")


def _qualifier(cue: str, m: re.Match[str], text: str, lang: str, taken: tuple[str, ...]) -> str:
    """Words right before the cue that narrow it ("data center" revenue, Rechenzentrumsumsatz, データセンター売上高)."""
    s = m.start()
    if cue.isascii():
        w0 = s
        while w0 > 0 and (text[w0 - 1].isalpha() or text[w0 - 1] == "-"):
            w0 -= 1
        if w0 < s:
            # the cue inside a longer word: a German compound (Rechenzentrumsumsatz)
            prefix = text[w0:s].strip("-").lower()
            if not prefix or any(prefix.startswith(p) for p in _DE_STOP) or mentions(text[w0:s]):
                return ""
            return prefix[:-1] if prefix.endswith("s") and len(prefix) > 4 else prefix
        if lang != "en":
            return ""
        picked: list[str] = []
        pos = s
        while len(picked) < 2:
            w = re.search(r"(?:^|(?<=\s))([A-Za-z][A-Za-z\-]*)\s+$", text[max(0, pos - 30) : pos])
            if w is None:
                break
            word = w.group(1)
            lw = word.lower()
            if lw in _EN_STOP or lw in taken or lw in _measure_words() or mentions(word) or re.fullmatch(r"[A-Z]{2,}", word):
                break
            picked.insert(0, word.lower())
            pos = pos - len(w.group(0))
        return " ".join(picked)
    run = re.search(r"[ァ-ヶー一-龠A-Za-z]+$", text[max(0, s - 12) : s])
    if run is None:
        return ""
    word = run.group(0)
    for cadence in taken:
        word = word.removeprefix(cadence)
    word = word.removesuffix("アクティブ")  # 月間アクティブユーザー: "active" is what a user count means anyway
    if not word or any(word.endswith(x) or word == x for x in _JA_STOP) or mentions(word):
        return ""
    return word


@lru_cache(maxsize=4096)
def counted_of(unit: str, clause: str, sentence: str, lang: str = "en") -> str:
    """What a figure counts ("revenue", "users/daily", "revenue/data center", "gpus"), or ""."""
    if unit in SELF_DESCRIBING:
        return SELF_DESCRIBING[unit]
    dim = dimension(unit)
    for text in (clause, sentence):
        lowered = text.lower()
        for m in measures():
            if dim not in m.dimensions:
                continue
            for cue in m.cues:
                hit = _find_cue(cue, text, lowered)
                if hit is None:
                    continue
                parts = [m.key]
                taken: tuple[str, ...] = ()
                for q, qcues in m.qualifiers:
                    if any(_find_cue(c, clause, clause.lower()) for c in qcues):
                        parts.append(q)
                        taken = tuple(c.lower() for c in qcues)
                        break
                narrow = _qualifier(cue, hit, text, lang, taken)
                if narrow:
                    parts.append(narrow)
                return "/".join(parts)
    return ""


# ---------------------------------------------------------------------------- subjects

_WE = {
    "en": re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|[Ww]e're|[Ww]e've)\b"),
    "de": re.compile(r"\b(?:[Ww]ir|[Uu]nser\w*|uns)\b"),
    "ja": re.compile(r"私たち|わたしたち|我々|われわれ|当社|弊社|自社|私ども|僕ら"),
}
_YOU = {
    "en": re.compile(r"\b[Yy]ou(?:'ve|'re)?\b|\b[Yy]our\b"),
    "de": re.compile(r"\b(?:Sie|[Dd]u|Ihr\w*|[Dd]ein\w*)\b"),
    "ja": re.compile(r"あなた|君|御社|貴社"),
}
_I = {
    "en": re.compile(r"\b(?:I|I've|I'm|I'd|[Mm]y)\b"),
    "de": re.compile(r"\b(?:[Ii]ch|[Mm]ein\w*)\b"),
    "ja": re.compile(r"私(?!たち|ども)|僕(?!ら)|俺"),
}
_BACK_REFERENCE = {
    "en": re.compile(r"\b(?:[Ii]t|[Ii]ts|[Tt]he company|[Tt]he firm|[Tt]he group)\b"),
    "de": re.compile(r"\b(?:[Dd]as Unternehmen|[Dd]er Konzern|[Dd]ie Firma|[Dd]es Konzerns|[Dd]es Unternehmens)\b"),
    "ja": re.compile(r"同社|同グループ"),
}
# Someone else's figure: a generic party named before the figure.
_OTHER_PARTY = {
    "en": re.compile(r"\b(?:[Cc]ustomers|[Cc]lients|[Aa]nalysts|[Cc]ompetitors|[Rr]ivals|[Ii]nvestors|[Oo]thers)\b"),
    "de": re.compile(r"\b(?:Kunden|Analysten|Konkurrenten|Wettbewerber|Investoren|Anleger)\b"),
    "ja": re.compile(r"顧客|アナリスト|競合|投資家|他社"),
}
_CLAUSE_SPLIT = re.compile(r"[。！？!?;；:：]|、|,\s|\(|\)|（|）|\s[–—]\s")


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: between the nearest clause marks (、 , ; : parentheses) on either side."""
    starts, ends = _clause_marks(text)
    # a mark that ends by the figure's start bounds the clause on the left (marks do not overlap: ends are sorted too)
    i = bisect.bisect_right(ends, start)
    left = ends[i - 1] if i else 0
    j = bisect.bisect_left(starts, end)
    right = starts[j] if j < len(starts) else len(text)
    return left, right


@lru_cache(maxsize=4096)
def _clause_marks(text: str) -> tuple[list[int], list[int]]:
    marks = list(_CLAUSE_SPLIT.finditer(text))
    return [m.start() for m in marks], [m.end() for m in marks]


@lru_cache(maxsize=16384)
def _has(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the pattern occurs in the text, cached: every claim of a sentence asks about the same sentence."""
    return pattern.search(text) is not None


def _lang_key(lang: str) -> str:
    return lang if lang in ("ja", "de") else "en"


def _own(entity_: Entity, personal: bool) -> str:
    """The subject an entity stands for: a person's figure is their organisation's unless it is personal."""
    if entity_.kind == "person" and not personal:
        return entity_.owner or entity_.name
    return entity_.name


def _pick(ms: list[Mention], at: int) -> Mention:
    """The mention nearest before the figure, else the nearest after it."""
    before = [m for m in ms if m.end <= at]
    if before:
        return before[-1]
    return min(ms, key=lambda m: m.start - at)


def main_subject(title_text: str, body: str, speakers: Iterable[str] = ()) -> str:
    """The organisation a document is mainly about, or "" when none dominates.

    Names in the title and catalog entry count three times; one organisation
    must be named at least twice and twice as often as any other.
    """
    score: dict[str, float] = {}
    for text, weight in ((title_text, 3.0), (body, 1.0)):
        for m in mentions(text):
            org = organisation_of(m.entity.name) or m.entity.name
            score[org] = score.get(org, 0.0) + weight
    for s in speakers:
        p = person_for_speaker(s)
        if p is not None and p.owner:
            score[p.owner] = score.get(p.owner, 0.0) + 1.0
    if not score:
        return ""
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return top if n >= 2 and n >= 2 * second else ""


@dataclass(frozen=True)
class Resolved:
    value: str
    basis: str


def subject_in_sentence(
    text: str, start: int, end: int, lang: str, unit: str, speaker_org: str, speaker: str
) -> tuple[Resolved | None, bool]:
    """The subject the sentence itself gives, and whether the clause refers back to an earlier one."""
    lk = _lang_key(lang)
    personal = unit == "age" or unit in DURATIONS
    left, right = clause_span(text, start, end)
    clause = text[left:right]
    ms = mentions(text)
    inside = [m for m in ms if left <= m.start and m.end <= right]
    if inside:
        people = [m for m in inside if m.entity.kind == "person"]
        # an age or a span of years belongs to the person named with it ("Scale AIから引き抜いた28歳のワン")
        chosen = _pick(people, start) if personal and people else _pick(inside, start)
        return Resolved(_own(chosen.entity, personal), "clause"), False
    if _has(_WE[lk], clause):
        return (Resolved(speaker_org, "speaker") if speaker_org else None), False
    if personal and speaker and _has(_I[lk], clause):
        return Resolved(speaker, "speaker"), False
    if personal and _has(_YOU[lk], clause):
        # the addressee's own years: someone the text does not name here, not the document's company
        return Resolved("", "other_party"), False
    other = next((m for m in _all(_OTHER_PARTY[lk], text) if left <= m.start() < start), None)
    if other:
        return Resolved(other.group(0).lower(), "other_party"), False
    other = next((m for m in _all(_OTHER_PARTY[lk], text) if m.end() <= start), None)
    if other and not ms:
        return Resolved(other.group(0).lower(), "other_party"), False
    if ms:
        return Resolved(_own(_pick(ms, start).entity, personal), "sentence"), False
    if _has(_WE[lk], text):
        return (Resolved(speaker_org, "speaker") if speaker_org else None), False
    return None, _has(_BACK_REFERENCE[lk], clause)


# ---------------------------------------------------------------------------- periods

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ein": 1, "einem": 1, "zwei": 2,
              "drei": 3, "vier": 4, "fünf": 5, "sechs": 6}  # fmt: skip
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4,
        "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "1": 1, "2": 2, "3": 3, "4": 4, "１": 1, "２": 2, "３": 3,
        "４": 4, "一": 1, "二": 2, "三": 3, "四": 4}  # fmt: skip
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
_MONTHS.update({m: i + 1 for i, m in enumerate(
    ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"])})
_Y = r"((?:19|20)\d{2})"
_QWORD = r"(first|second|third|fourth|ersten|zweiten|dritten|vierten|erste|zweite|dritte|vierte)"

_TARGET_YEAR = re.compile(rf"(?:end of|by the end of|by end of|year-end|Ende|bis Ende|Jahresende)\s+{_Y}|{_Y}\s*年末", re.IGNORECASE)
_TARGET = re.compile(
    r"by the end of (?:the|this) year|end (?:of )?(?:the|this) year|by year[- ]end|"
    r"Ende (?:des|dieses) Jahres|bis Jahresende|zum Jahresende|今年末|年末(?:まで|に|時点)", re.IGNORECASE)
_QUARTER_YEAR = re.compile(
    rf"\bQ([1-4])\s*(?:of\s*)?(FY\s?)?'?{_Y}\b|\b{_QWORD}\s+(?:fiscal\s+)?quarter\s+of\s+(fiscal\s+)?{_Y}|"
    rf"{_Y}年(?:度)?(?:の)?第([1-4１-４一二三四])四半期|\b([1-4])\.\s*(?:Geschäfts)?[Qq]uartal\s+(?:des\s+Geschäftsjahres\s+)?{_Y}|"
    rf"\b{_QWORD}\s+(Geschäfts)?[Qq]uartal\w*\s+{_Y}", re.IGNORECASE)
_FISCAL_YEAR = re.compile(rf"\bfiscal(?:\s+year)?\s+{_Y}|\bFY\s?'?((?:19|20)?\d{{2}})\b|Geschäftsjahr(?:es)?\s+{_Y}|{_Y}年度", re.IGNORECASE)
_QUARTER = re.compile(
    rf"\bQ([1-4])\b|\b{_QWORD}\s+(fiscal\s+)?quarter|\b{_QWORD}\s+(Geschäfts)?[Qq]uartal|"
    r"\b([1-4])\.\s*(Geschäfts)?[Qq]uartal|第([1-4１-４一二三四])四半期", re.IGNORECASE)
_THIS_QUARTER = re.compile(r"this quarter|current quarter|(?:laufenden?|aktuellen?) Quartal|今四半期", re.IGNORECASE)
_THIS_FISCAL = re.compile(r"(?:this|current) fiscal year|(?:laufenden?|aktuellen?) Geschäftsjahr|今年度|今期", re.IGNORECASE)
_REL_YEAR = re.compile(
    r"(this year|dieses Jahr|diesem Jahr|in diesem Jahr|今年|本年)|(last year|im vergangenen Jahr|vergangenes Jahr|"
    r"letztes Jahr|letzten Jahr|昨年|去年)|(next year|nächstes Jahr|im nächsten Jahr|kommendes Jahr|来年)", re.IGNORECASE)
_AGO = re.compile(r"((?<!\d)\d+|one|two|three|four|five|six)\s+months?\s+ago|vor\s+(\d+|einem|zwei|drei|vier|fünf|sechs)\s+Monat(?:en)?|((?<!\d)\d+)\s*[かヶカケ]月前", re.IGNORECASE)
_MONTH_EN_DE = re.compile(
    r"(?:as of|on|in|by|at the end of|Ende|im|zum)\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?:\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d|[.,]\d))?(?:,?\s+" + _Y + ")?",
    re.IGNORECASE,
)
_MONTH_JA = re.compile(rf"(?:{_Y}年)?(\d{{1,2}})月(末|(\d{{1,2}})日)?")
_YEAR = re.compile(rf"(?<![0-9]){_Y}(?:年(?!度|末)|(?![0-9年]))")
_NOW = re.compile(r"\b(?:now|currently|today|at present)\b|\b(?:jetzt|derzeit|heute|aktuell|inzwischen|zurzeit)\b|今は|現在|現時点|目下", re.IGNORECASE)
_OUTLOOK = re.compile(
    r"\b(?:expect\w*|anticipat\w*|forecast\w*|guidance|outlook|will|plan\w*|on track)\b|"
    r"erwart\w*|in Aussicht|Prognose|prognostiz\w*|\bwill\b|\bsoll\w*\b|見込|予想|予定|計画|見通し", re.IGNORECASE)


def _date(text: str) -> dt.date | None:
    m = re.match(r"@?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", text or "")
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 7), int(m.group(3) or 1))


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _resolve_quarter(q: int, event: dt.date, outlook: bool) -> str:
    """A quarter named without a year: the latest ended by the event, or for an outlook the first not ended."""
    for year in ((event.year - 1, event.year, event.year + 1) if outlook else (event.year, event.year - 1)):
        end_month = q * 3
        end = dt.date(year + (end_month == 12), 1 if end_month == 12 else end_month + 1, 1) - dt.timedelta(days=1)
        if outlook and end >= event:
            return f"{year}-Q{q}"
        if not outlook and end <= event:
            return f"{year}-Q{q}"
    return f"{event.year}-Q{q}"


def _resolve_month(month: int, day: int | None, event: dt.date, outlook: bool) -> str:
    year = event.year
    if outlook:
        if month < event.month:
            year += 1
    elif month > event.month or (month == event.month and day is not None and day > event.day):
        year -= 1
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


def _nearest(matches: Iterable[re.Match[str]], at: int) -> re.Match[str] | None:
    return min(matches, key=lambda m: (abs(m.start() - at), m.start()), default=None)


@lru_cache(maxsize=8192)
def _all(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str], ...]:
    """Every match of a period pattern in a text, cached: each claim of a sentence looks for the nearest one."""
    return tuple(pattern.finditer(text))


def period_in(text: str, at: int, event_date: str, outlook: bool, now_words: bool = True) -> Resolved | None:
    """The period ``text`` states for a figure at ``at`` (nearest expression wins within a kind)."""
    event = _date(event_date)
    m = _nearest(_all(_TARGET_YEAR, text), at)
    if m:
        return Resolved(f"end-{m.group(1) or m.group(2)}", "target")
    if _all(_TARGET, text) and event:
        return Resolved(f"end-{event.year}", "target")
    m = _nearest(_all(_QUARTER_YEAR, text), at)
    if m:
        g = m.groups()
        if g[0]:
            return Resolved(f"{'FY' if g[1] else ''}{g[2]}-Q{g[0]}", "stated")
        if g[3]:
            return Resolved(f"{'FY' if g[4] else ''}{g[5]}-Q{_ORD[g[3].lower()]}", "stated")
        if g[6]:
            return Resolved(f"{g[6]}-Q{_ORD[g[7]]}", "stated")
        if g[8]:
            return Resolved(f"{g[9]}-Q{g[8]}", "stated")
        return Resolved(f"{'FY' if g[11] else ''}{g[12]}-Q{_ORD[g[10].lower()]}", "stated")
    m = _nearest(_all(_FISCAL_YEAR, text), at)
    if m:
        year = next(x for x in m.groups() if x)
        year = year if len(year) == 4 else f"20{year}"
        return Resolved(f"FY{year}", "stated")
    if event:
        m = _nearest(_all(_QUARTER, text), at)
        if m:
            g = m.groups()
            raw = g[0] or g[1] or g[3] or g[5] or g[7]
            q = _ORD.get(raw.lower(), 0) if raw else 0
            if q:
                return Resolved(_resolve_quarter(q, event, outlook), "relative")
        if _all(_THIS_QUARTER, text):
            return Resolved(f"{event.year}-Q{_quarter_of(event)}", "relative")
        if _all(_THIS_FISCAL, text):
            return Resolved(f"FY{event.year}", "relative")
        m = _nearest(_all(_AGO, text), at)
        if m:
            raw = (m.group(1) or m.group(2) or m.group(3)).lower()
            n = int(raw) if raw.isdigit() else _NUM_WORDS.get(raw, 1)
            month0 = event.year * 12 + event.month - 1 - n
            return Resolved(f"@{month0 // 12}-{month0 % 12 + 1:02d}-{min(event.day, 28):02d}", "relative")
        m = _nearest(_all(_MONTH_EN_DE, text), at)
        if m:
            month = _MONTHS[m.group(1).lower()]
            day = int(m.group(2)) if m.group(2) else None
            if m.group(3):
                return Resolved(f"{m.group(3)}-{month:02d}" + (f"-{day:02d}" if day else ""), "stated")
            return Resolved(_resolve_month(month, day, event, outlook), "relative")
        m = _nearest((x for x in _all(_MONTH_JA, text) if 1 <= int(x.group(2)) <= 12), at)
        if m:
            month = int(m.group(2))
            day = int(m.group(4)) if m.group(4) else None
            if m.group(1):
                return Resolved(f"{m.group(1)}-{month:02d}" + (f"-{day:02d}" if day else ""), "stated")
            return Resolved(_resolve_month(month, day, event, outlook), "relative")
    m = _nearest(_all(_YEAR, text), at)
    if m:
        return Resolved(m.group(1), "stated")
    if event_date and now_words and _all(_NOW, text):
        return Resolved(f"@{event_date}", "relative")
    if event:
        m = _nearest(_all(_REL_YEAR, text), at)
        if m:
            shift = 0 if m.group(1) else (-1 if m.group(2) else 1)
            return Resolved(str(event.year + shift), "relative")
    return None


def period_key(period: str) -> str:
    """The key figures are grouped by: points in time fall into their quarter ("@2025-01-29" -> "@2025-Q1")."""
    if not period:
        return ""
    m = re.fullmatch(r"@?(\d{4})-(\d{2})(?:-\d{2})?", period)
    if m:
        return f"@{m.group(1)}-Q{(int(m.group(2)) - 1) // 3 + 1}"
    return period


def point_in_time(period: str) -> dt.date | None:
    """The date of a point-in-time period (a day, a month, or "as of the event"), else None."""
    if period.startswith("@") or re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", period or ""):
        return _date(period)
    return None


# ---------------------------------------------------------------------------- tables

SUBJECT_COLUMNS = ("subject", "subject_basis", "period", "period_basis", "counted")


@dataclass(frozen=True)
class DocumentContext:
    """What a document says about itself: the key to its "we" and its default subject and date."""

    doc_id: str
    event_date: str = ""
    main_subject: str = ""
    speaker_orgs: Mapping[str, str] | None = None  # speaker label -> organisation


def speaker_organisation(speaker: str, ctx: DocumentContext) -> str:
    if not speaker:
        return ""
    if ctx.speaker_orgs and ctx.speaker_orgs.get(speaker):
        return ctx.speaker_orgs[speaker]
    p = person_for_speaker(speaker)
    return p.owner if p is not None else ""


def _str(x: object) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


def _offset_in(sentence_text: str, sentence_start: object, claim: Mapping) -> tuple[int, int]:
    surface = _str(claim.get("surface"))
    try:
        rel = int(claim.get("start")) - int(sentence_start)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        rel = -1
    if 0 <= rel and sentence_text[rel : rel + len(surface)] == surface:
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
    """``claims`` with subject, subject_basis, period, period_basis and counted filled in.

    ``sentences`` (doc_id, sentence_id, block_id, start, text, speaker, lang)
    gives each claim its sentence and the one before; without it the claim's
    ``context`` is its only sentence and nothing carries over.
    """
    out = claims.copy()
    for col in SUBJECT_COLUMNS:
        out[col] = ""
    if out.empty:
        return out
    sent_index: dict[tuple[str, int], Mapping] = {}
    rows = _records(sentences) if isinstance(sentences, pd.DataFrame) else (sentences or [])
    for r in rows:
        sent_index[(str(r["doc_id"]), int(r["sentence_id"]))] = r
    values = []
    for c in _records(out):
        values.append(_annotate_one(c, sent_index, contexts))
    for i, col in enumerate(SUBJECT_COLUMNS):
        out[col] = [v[i] for v in values]
    return out


def _annotate_one(c: Mapping, sent_index: Mapping[tuple[str, int], Mapping], contexts: Mapping[str, DocumentContext]) -> tuple[str, ...]:
    doc_id = str(c["doc_id"])
    ctx = contexts.get(doc_id) or DocumentContext(doc_id)
    try:
        sid = int(c.get("sentence_id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        sid = -1
    sent = sent_index.get((doc_id, sid))
    text = _str(sent["text"]) if sent is not None else _str(c.get("context"))
    speaker = _str(c.get("speaker")) or (_str(sent.get("speaker")) if sent is not None else "")
    lang = _str(c.get("lang")) or (_str(sent.get("lang")) if sent is not None else "")
    unit = _str(c.get("unit"))
    s, e = _offset_in(text, sent["start"] if sent is not None else None, c)
    left, right = clause_span(text, s, e)
    clause = text[left:right]
    counted = counted_of(unit, clause, text, _lang_key(lang))
    person = person_for_speaker(speaker)
    # an unnamed speaker ("Host") is someone different in every document
    who = person.name if person is not None else (f"{speaker} ({doc_id})" if speaker else "")
    subj, refers_back = subject_in_sentence(text, s, e, lang, unit, speaker_organisation(speaker, ctx), who)
    outlook = _has(_OUTLOOK, clause)
    # "now" dates only its own clause ("Meta AI now has 700 million ..., and ... will reach 1 billion")
    per = period_in(clause, s - left, ctx.event_date, outlook) or period_in(text, s, ctx.event_date, outlook, False)
    prev = sent_index.get((doc_id, sid - 1)) if sent is not None else None
    if prev is not None and (prev.get("block_id") == sent.get("block_id") or refers_back):
        ptext = _str(prev["text"])
        pspeaker = _str(prev.get("speaker"))
        # only a company, product or "we" carries over; an "I" in the sentence before is not this figure's owner
        prev_subject, _ = subject_in_sentence(ptext, len(ptext), len(ptext), lang, "", speaker_organisation(pspeaker, ctx), "")
        if subj is None and prev_subject is not None:
            subj = Resolved(prev_subject.value, "previous_sentence")
        if per is None:
            found_p = period_in(ptext, len(ptext), ctx.event_date, _has(_OUTLOOK, ptext), False)
            # a period carries over only while the sentence is about the same subject
            same_subject = subj is None or subj.basis == "previous_sentence" or (
                prev_subject is not None and prev_subject.value == subj.value)
            if found_p is not None and same_subject:
                per = Resolved(found_p.value, "previous_sentence")
    if subj is None and ctx.main_subject:
        subj = Resolved(ctx.main_subject, "document")
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


def document_context(doc_id: str, title: str, body: str, entry: object | None) -> DocumentContext:
    """A document's context from its title, text and catalog entry (any object with catalog fields)."""
    get = (lambda k: _str(getattr(entry, k, "") or "")) if entry is not None else (lambda k: "")
    speakers = tuple(getattr(entry, "speakers", ()) or ()) if entry is not None else ()
    heading = " ".join(x for x in (title, get("title"), get("event")) if x)
    orgs: dict[str, str] = {}
    roles = getattr(entry, "roles", None) if entry is not None else None
    if isinstance(roles, Mapping):
        # a catalog that records roles ("Susan Li": "CFO, Meta") names the organisation in them
        for name, role in roles.items():
            hits = [m.entity for m in mentions(str(role))]
            org = next((organisation_of(h.name) or h.name for h in hits), "")
            if org:
                orgs[str(name)] = org
    return DocumentContext(
        doc_id=doc_id,
        event_date=get("event_date") or get("published"),
        main_subject=main_subject(heading, body, speakers),
        speaker_orgs=orgs or None,
    )


def with_subjects(claims: pd.DataFrame, docs: Iterable, entries: Mapping[str, object] | None = None) -> pd.DataFrame:
    """Claims of parsed documents with subject, period and counted, and topics their subject does not fit removed.

    ``entries`` maps doc_id to its catalog entry (event date, speakers, title);
    without one a document has no event date, so relative periods stay unresolved.
    """
    from .topics import topic_fits

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
