"""What a figure counts: the dimension of its unit and the measure (revenue, capex, users ...) its words name,
from data/measures.yaml."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .entities import _data, mentions

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
    if unit in (
        "gpu",
        "person",
        "count",
        "percent",
        "token",
        "parameter",
        "watt",
        "age",
        "year",
        "version",
        "other",
        "",
    ):
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
    """Every single-word Latin cue of every measure: a measure word before another ("revenue run rate") narrows
    nothing."""
    return frozenset(c.lower() for m in measures() for c in m.cues if c.isascii() and " " not in c)


def _find_cue(cue: str, text: str, lowered: str) -> re.Match[str] | None:
    return _cue_re(cue).search(lowered if cue.isascii() else text)


@lru_cache(maxsize=1)
def _not_narrowing() -> dict[str, dict[str, tuple[str, ...]]]:
    """The words before a cue that narrow nothing, by kind (skip, stop) and language (data/measures.yaml)."""
    raw = _data("measures.yaml").get("not_narrowing") or {}
    return {kind: {lang: tuple(str(w).lower() for w in words or ()) for lang, words in (raw.get(kind) or {}).items()}
            for kind in ("skip", "stop")}  # fmt: skip


def _words(kind: str, lang: str) -> tuple[str, ...]:
    return _not_narrowing()[kind].get(lang, ())


@lru_cache(maxsize=1)
def _en_stop() -> frozenset[str]:
    return frozenset(_words("stop", "en"))


def _en_stops_here(word: str) -> bool:
    """Whether an English word before the cue ends the words that narrow it: a listed word, a participle or past
    tense (-ed: doubled, generated), an adverb (-ly: roughly)."""
    lw = word.lower()
    return lw in _en_stop() or (len(lw) > 4 and lw.endswith(("ed", "ly")))


def _de_prefix(prefix: str) -> str:
    """What a German compound's prefix narrows: nothing for a stop word, else the prefix without skip words."""
    if any(prefix.startswith(p) for p in _words("stop", "de")):
        return ""
    for p in _words("skip", "de"):
        prefix = prefix.removeprefix(p)
    return prefix.strip("-")


def _ja_run(word: str) -> str:
    """What the characters before a Japanese cue narrow: nothing for a stop word, else the run without skip words."""
    if any(word.endswith(x) for x in _words("stop", "ja")):
        return ""
    trimmed = True
    while word and trimmed:
        trimmed = False
        for x in _words("skip", "ja"):
            if word.endswith(x) or word.startswith(x):
                word = word.removesuffix(x) if word.endswith(x) else word.removeprefix(x)
                trimmed = True
    return word


def _qualifier(cue: str, m: re.Match[str], text: str, lang: str, taken: tuple[str, ...]) -> str:
    """Words right before the cue that narrow it ("data center" revenue, Rechenzentrumsumsatz, データセンター売上高)."""
    s = m.start()
    if cue.isascii():
        w0 = s
        while w0 > 0 and (text[w0 - 1].isalpha() or text[w0 - 1] == "-"):
            w0 -= 1
        if w0 < s:
            # the cue inside a longer word: a German compound (Rechenzentrumsumsatz)
            prefix = _de_prefix(text[w0:s].strip("-").lower())
            if not prefix or mentions(text[w0:s]):
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
            pos = pos - len(w.group(0))
            if lw in _words("skip", "en"):
                continue  # "data center segment revenue": data center still narrows it
            if _en_stops_here(word) or lw in taken or lw in _measure_words() or mentions(word):
                break
            picked.insert(0, lw)
        return " ".join(picked)
    run = re.search(r"[ァ-ヶー一-龠A-Za-z]+$", text[max(0, s - 12) : s])
    if run is None:
        return ""
    word = run.group(0)
    for cadence in taken:
        word = word.removeprefix(cadence)
    word = word.removesuffix("アクティブ")  # 月間アクティブユーザー: "active" is what a user count means anyway
    word = _ja_run(word)
    if not word or mentions(word):
        return ""
    return word


# What a power figure is the power of, by the noun its clause names (issue 26: a chip's 100 W is no data center's
# 100 MW, and a GPU's 1,200 W no rack's 120 kW, though both are "Nvidia" or "Blackwell").
_POWER_OF = (
    ("chip", re.compile(r"\b(?:gpus?|chips?|processors?|accelerators?|cards?|h100s?|h200s?|b200s?|gb200s?|"
                        r"prozessors?|prozessoren|grafikkarten?|beschleuniger)\b|チップ|半導体|プロセッサ",
                        re.IGNORECASE)),
    ("rack", re.compile(r"\b(?:racks?|servers?|nodes?|cabinets?)\b|ラック|サーバー", re.IGNORECASE)),
    ("site", re.compile(r"\b(?:data ?cent(?:er|re)s?|clusters?|campus(?:es)?|sites?|facilit(?:y|ies)|plants?|"
                        r"rechenzentr(?:um|en)|standorts?|anlagen?)\b|データセンター|クラスター|拠点|施設",
                        re.IGNORECASE)),
)  # fmt: skip


def _power_of(clause: str) -> str:
    """ "power/chip", "power/rack" or "power/site" when the clause names one kind of holder, else "power"."""
    kinds = [kind for kind, pattern in _POWER_OF if pattern.search(clause)]
    return f"power/{kinds[0]}" if len(kinds) == 1 else "power"


# a number right after a measure's cue: the cue is said of that number ("cash flow was $5.73 billion")
# (a year is no figure: "approximately $75 billion in capital expenditures in 2025")
_OWN_NUMBER = re.compile(r"[^.;!?\d]{0,25}?[$€£¥]?(?!(?:19|20)\d\d\b)\d")
_DIGIT = re.compile(r"(?<!\d)(?!(?:19|20)\d\d\b)\d")


def _said_of_this(hits: tuple[tuple[str, int, int], ...], text: str, at: int) -> list[tuple[str, int, int]]:
    """The cue hits (counted, start, end) that may be said of the figure at ``at``: not one after it that its own
    figure follows ("$1.18 ..., and operating cash flow was $5.73 billion"), nor one before it with another number
    between when a cue stands nearer ("Cloud-Umsatz von 21,6 Milliarden Euro und einen freien Cashflow von rund 8
    Milliarden Euro"; a list "$9.1 billion this quarter and $21.2 billion for the year" keeps its only cue)."""
    digits = _digits(text)
    kept = [h for h in hits if h[2] <= at or not _OWN_NUMBER.match(text, h[2])]
    near = [h for h in kept if h[2] <= at and bisect.bisect_left(digits, h[2]) == bisect.bisect_left(digits, at)]
    return [h for h in kept if h[2] > at or h in near] if near else kept


@lru_cache(maxsize=256)
def _digits(text: str) -> list[int]:
    return [m.start() for m in _DIGIT.finditer(text)]


def _counted(m: _Measure, cue: str, hit: re.Match[str], text: str, clause: str, lang: str) -> str:
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


@lru_cache(maxsize=4096)
def _candidates(unit: str, clause: str, sentence: str, lang: str) -> tuple[tuple[tuple[str, int, int], ...], str]:
    """What each measure cue in ``clause`` would make the figure count, with the cue's offsets, in measure order; and
    what the first measure with a cue in ``sentence`` would (when the clause has none)."""
    dim = dimension(unit)
    found: list[tuple[tuple[str, int, int], ...]] = []
    for text in (clause, sentence):
        lowered = text.lower()
        hits = [(m, cue, hit) for m in measures() if dim in m.dimensions for cue in m.cues
                if (hit := _find_cue(cue, text, lowered)) is not None]  # fmt: skip
        if text is sentence and found and found[0]:
            break
        found.append(tuple((_counted(m, cue, hit, text, clause, lang), hit.start(), hit.end())
                           for m, cue, hit in (hits if text is clause else hits[:1])))  # fmt: skip
    in_clause = found[0]
    return in_clause, (found[1][0][0] if not in_clause and len(found) > 1 and found[1] else "")


def counted_of(unit: str, clause: str, sentence: str, lang: str = "en", at: int | None = None) -> str:
    """What a figure counts ("revenue", "users/daily", "revenue/data center", "gpus", "power/chip"), or "".

    With ``at`` (the figure's offset in ``clause``) cues said of another figure of the clause do not count
    (``_said_of_this``); the first measure (in ``data/measures.yaml`` order) with a cue left wins, else the first
    with a cue in the sentence."""
    if unit == "watt":
        return _power_of(clause)
    if unit in SELF_DESCRIBING:
        return SELF_DESCRIBING[unit]
    in_clause, in_sentence = _candidates(unit, clause, sentence, lang)
    if at is not None and in_clause:
        in_clause = tuple(_said_of_this(in_clause, clause, at))
        if not in_clause:
            return _candidates(unit, "", sentence, lang)[1]
    return in_clause[0][0] if in_clause else in_sentence
