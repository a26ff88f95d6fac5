"""Quantitative claim extraction: every stated quantity, normalized, with its topic and source span.

Pipeline per sentence (``find_quantities``):

1. numeral *cores*: digit runs, Japanese kanji numerals (kept only where SudachiPy
   tags them 数詞, so 一緒/十分 never count), spelled-out German/English numbers,
   vague numerals from the bracket table (数百億, tens of billions, Milliarden),
   model versions (Llama 3.1) and dates;
2. each core takes its unit from the counter or noun after it (and ``$`` before
   it), and an approximation/bound qualifier from the words around it;
3. adjacent quantities joined by a range connector become one range
   (22万個から24万個, 10 bis 15 Jahre, 2、3週間);
4. what is not a claim is dropped: timestamps, URLs, product names (H100,
   GPT-4o), discourse ordinals (1つは, 2つ目は, 第一), partitives (の1つ, one of),
   phase names (マイナス1から0, 1からn), calendar months (4月に), identifiers
   (episode 212, Kapitel 12).

Readings chosen on purpose: "the next few years" yields "few years" (2-5): "next"
says when, not how much. "Alexandr is 28" is an age only with a name or pronoun
before the copula and the clause ending after the number. "Llama 405" (no release
is numbered 20 or higher) and a bare "405" repeating a size the document states as
"405B" next to model words are parameters. Japanese negation is marked only when
the quantity's own clause ends in a negated progressive (〜ていない/〜ていません) or
starts with 誰も/何も and ends negated; durations are never marked negated.

``extract_claims`` maps sentence offsets to document offsets and adds the topic
and measure from ``data/topics.yaml``; ``claims_frame`` builds the table.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml

from . import numbers
from .model import ParsedDocument, Sentence

UNITS = ("usd", "gpu", "percent", "token", "parameter", "person", "count", "watt", "year",
         "duration_year", "duration_month", "duration_week", "duration_day", "age", "version", "other")
QUALIFIERS = ("approx", "at_least", "at_most", "almost", "negated", "")


@dataclass(frozen=True)
class Quantity:
    """One quantity in a sentence; ``start``/``end`` are offsets into that sentence's text."""

    start: int
    end: int
    surface: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str
    vague: bool
    qualifier: str


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


COLUMNS = ["doc_id", "claim_id", "line", "start", "end", "surface", "value", "value_low", "value_high",
           "unit", "vague", "qualifier", "topic", "speaker", "sentence_id", "measure", "lang", "context"]

DATA_DICTIONARY: dict[str, str] = {
    "doc_id": "Document id (file name without extension).",
    "claim_id": "Stable id '{doc_id}:cNNNN', numbered in document order.",
    "line": "1-based line of `start` in the document text.",
    "start": "Character offset of the claim's first character in the decoded, newline-normalized document text.",
    "end": "Character offset one past the claim's last character; doc.text[start:end] == surface.",
    "surface": "The claim exactly as written, including qualifier words (約, etwa, about) and the unit.",
    "value": "Point value in base units (dollars, watts, tokens, parameters, persons, years...); empty for ranges and vague quantities.",
    "value_low": "Lower bound for ranges and vague quantities (vague brackets: data/vague_brackets.yaml); equals value for point values.",
    "value_high": "Upper bound for ranges and vague quantities; equals value for point values.",
    "unit": "One of: " + ", ".join(UNITS) + ". 'percent' values are percentage points (half = 50).",
    "vague": "True when the quantity is a vague numeral (何十億, Milliarden, tens of billions, 数年).",
    "qualifier": "approx (約, ほど, etwa, about), at_least (以上, über, more than), at_most (以下, 以内, bis zu, up to), almost (ほぼ, fast, almost), negated (kein, not, 〜ていない after the quantity in its clause; the negating verb is not part of the surface), or empty.",
    "topic": "Topic key from data/topics.yaml; empty when no topic's cue words and units match (never a guess).",
    "speaker": "Speaker of the sentence as given by the parser; empty when unknown.",
    "sentence_id": "Id of the sentence the claim sits in (anchor s-{sentence_id} in the document report).",
    "measure": "What exactly the topic measures (e.g. h100_equivalents vs h100_count), from the topic's measure cues; empty when none applies.",
    "lang": "Language of the sentence (ja, de, en).",
    "context": "The sentence text the claim was found in.",
}

# ---------------------------------------------------------------------------
# lexicons (general rules, per language)

_D = r"[0-9０-９]"
_KANJI_NUM = "〇一二三四五六七八九十百千万億兆"
_KANJI_DIGIT = set("〇一二三四五六七八九")

# Japanese numeral: digits (with 1,000 grouping and decimals) and kanji numerals with 万/億/兆
_JA_CORE = re.compile(
    rf"(?:{_D}|[{_KANJI_NUM}]|(?<={_D})[,，](?={_D}{{3}})|(?<={_D})[.．](?={_D}))+"
)
_JA_VAGUE = re.compile(r"(?:数|何|幾)(?:十|百|千)?(?:[万億兆])?")
# what may follow a vague Japanese numeral for it to be a quantity at all (数多く, 何か are not)
_JA_VAGUE_FOLLOW = re.compile(
    r"(?:年|ヶ月|か月|カ月|ヵ月|ケ月|週間|日|時間|人|名|個|台|社|ドル|円|トークン|パーセント|という|の|、|万|億|兆)"
)
_HAS_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_LATIN_NUM = re.compile(r"(?<![0-9A-Za-z])\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")

_NUMWORD_HINT = {
    "de": re.compile(r"^(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|"
                     r"fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|eins|ein)", re.I),
    "en": re.compile(r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                     r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                     r"eighty|ninety|hundred|thousand)", re.I),
}

_VERSION = re.compile(r"(?:Llama|LLaMA|LLAMA|Lama|ラマ)[\s\-]?(\d+(?:\.\d+)?)")
_TIMESTAMP = re.compile(r"(?<![0-9])\d{1,2}:\d{2}(?::\d{2})?(?![0-9])")
# "マイナス1から0", "von -1 bis 0": a phase name, not a quantity
_NAMED_RANGE = re.compile(r"(?:マイナス|minus\s|(?<![\w\d])[-−])\d+\s?(?:から|bis|to|〜|～)\s?\d+"
                          # "1からnへ", "from 1 to n": a growth phase named after a variable, not a range
                          r"|(?<![\d.,])\d+\s?(?:から|to|bis|zu)\s?[nNxX](?![A-Za-z0-9])")
_URL = re.compile(r"https?://\S+|www\.\S+")
_ISO_DATE = re.compile(r"(?<![0-9])((?:18|19|20)\d{2})[-/](\d{1,2})[-/](\d{1,2})(?![0-9])")
_JA_DATE = re.compile(r"((?:18|19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_MONTHS_DE = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_DE_DATE = re.compile(rf"(\d{{1,2}})\.\s?(?:{_MONTHS_DE})(?:\s((?:18|19|20)\d{{2}}))?")
_EN_DATE = re.compile(rf"(?:{_MONTHS_EN})\s(\d{{1,2}})(?:st|nd|rd|th)?(?:,\s((?:18|19|20)\d{{2}}))?")

# (pattern right after the number, unit, multiplier). Order matters: longest first.
_Unit = tuple[re.Pattern[str], str, float]


def _u(p: str, unit: str, mult: float = 1.0) -> _Unit:
    return (re.compile(p), unit, mult)


_SHARED_UNITS: list[_Unit] = [
    _u(r"\s?(?:GW|ギガワット)", "watt", 1e9),
    _u(r"\s?(?:MW|メガワット)", "watt", 1e6),
    _u(r"\s?(?:kW|キロワット)", "watt", 1e3),
    _u(r"\s?(?:%|％|パーセント)", "percent"),
    _u(r"(?:x|×)(?![A-Za-z0-9])", "other"),
]
_JA_UNITS: list[_Unit] = _SHARED_UNITS + [
    _u(r"\s?(?:米ドル|ドル)", "usd"),
    _u(r"\s?トークン", "token"),
    _u(r"\s?(?:パラメータ|パラメーター)", "parameter"),
    _u(r"B(?![A-Za-z])", "parameter", 1e9),
    _u(r"(?:歳|才)", "age"),
    _u(r"年代", "year"),
    _u(r"年間", "duration_year"),
    _u(r"年", "_year"),
    _u(r"(?:ヶ|ケ|か|カ|ヵ|ヶ)月(?:間)?", "duration_month"),
    _u(r"週間", "duration_week"),
    _u(r"日間", "duration_day"),
    _u(r"日(?![本曜])", "duration_day"),
    _u(r"(?:人|名)", "person"),
    _u(r"(?:個|台)", "_piece"),
    _u(r"(?:ナノ秒|ミリ秒|マイクロ秒)", "other"),
    _u(r"月(?!間)", "_month_name"),
    _u(r"(?:時間|分(?!の)|秒|月|円|倍|位|点)", "other"),
    _u(r"(?:つ|回|件|社|匹|本|枚|冊|か国|カ国|ヶ国|種類|チーム)", "count"),
]
_PERSON_DE = (r"Menschen|Leute[n]?|Personen|Nutzer(?:innen|n)?|Benutzer[n]?|Mitarbeiter(?:innen|n)?|"
              r"Ingenieure[n]?|Forscher(?:innen|n)?|Entwickler(?:innen|n)?|Kreative[n]?|Creator[s]?|Kunden|"
              r"Angestellte[n]?|Personen|Freunde[n]?|Schüler[n]?|Studenten|Leiter[n]?|Manager[n]?")
_PERSON_EN = (r"people|persons|users|employees|engineers|researchers|developers|creators|customers|"
              r"friends|students|staff|person|user|employee|engineer|researcher|developer|creator")
_GPU_WORDS = r"GPUs?|H100s?|A100s?|H100-Äquivalente|Grafikkarten|Chips|chips|accelerators"
_DE_UNITS: list[_Unit] = _SHARED_UNITS + [
    _u(r"\s?(?:von\s)?(?:US-Dollar|Dollar|USD|\$)", "usd"),
    _u(r"\s?Prozent", "percent"),
    _u(r"\s?Token[s]?", "token"),
    _u(r"\s?Parameter[n]?", "parameter"),
    _u(r"B(?![A-Za-z])", "parameter", 1e9),
    _u(r"\s?Megawatt", "watt", 1e6),
    _u(r"\s?Gigawatt", "watt", 1e9),
    _u(r"\s?Jahre alt", "age"),
    _u(r"\s?Jahrzehnt(?:e|en)?\b", "duration_year", 10.0),
    _u(r"-jährige[nrms]?\b", "duration_year"),
    _u(r"-Jahres\b", "duration_year"),
    _u(r"\s?Jahr(?:e|en|es)?\b", "_year"),
    _u(r"\s?Monat(?:e|en|s)?\b", "duration_month"),
    _u(r"\s?Woche[n]?\b", "duration_week"),
    _u(r"\s?Tag(?:e|en)?\b", "duration_day"),
    _u(r"\s?(?:Stunden|Stunde|Minuten|Minute|Sekunden|Euro|€|Mal)\b", "other"),
    _u(rf"\s?(?:(?!von\b|und\b|oder\b|bis\b)[a-zäöüß]+\s)?(?:{_PERSON_DE})\b", "person"),
    _u(rf"(?:\s|-)?(?:[A-Z][\w-]*\s)?(?:{_GPU_WORDS})\b", "gpu"),
]
_EN_UNITS: list[_Unit] = _SHARED_UNITS + [
    _u(r"\s?(?:of\s)?(?:dollars|dollar|USD)\b", "usd"),
    _u(r"\s?percent\b", "percent"),
    _u(r"\s?tokens?\b", "token"),
    _u(r"\s?(?:billion\s)?parameters?\b", "parameter"),
    _u(r"B(?![A-Za-z])", "parameter", 1e9),
    _u(r"\s?megawatts?\b", "watt", 1e6),
    _u(r"\s?gigawatts?\b", "watt", 1e9),
    _u(r"(?:\s|-)years?(?:\s|-)old\b", "age"),
    _u(r"\s?decades?\b", "duration_year", 10.0),
    _u(r"(?:\s|-)years?\b", "_year"),
    _u(r"(?:\s|-)months?\b", "duration_month"),
    _u(r"(?:\s|-)weeks?\b", "duration_week"),
    _u(r"(?:\s|-)days?\b", "duration_day"),
    _u(r"\s?(?:hours?|minutes?|seconds?|euros?|times)\b", "other"),
    _u(rf"\s?(?:of\s)?(?:(?!of\b|and\b|or\b|to\b|in\b|the\b)[a-z]+\s)?(?:{_PERSON_EN})\b", "person"),
    _u(rf"(?:\s|-)?(?:[A-Z][\w-]*\s)?(?:{_GPU_WORDS})\b", "gpu"),
]
_UNITS_BY_LANG = {"ja": _JA_UNITS, "de": _DE_UNITS, "en": _EN_UNITS}

_SCALE_AFTER = {
    "de": re.compile(r"\s?(Milliarden|Milliarde|Millionen|Million|Mrd\.?|Mio\.?|Billionen|Billion|Tausend)(?![A-Za-zäöü])"),
    "en": re.compile(r"\s?((?i:trillion|billion|million|thousand)|bn|mn)\b|(k|K|M|T)(?![A-Za-z])|(B)(?=\s?(?:\$|USD|dollars))"),
}
# Japanese nouns after の/という that say what is counted
_JA_PERSON_NOUN = re.compile(r"(?:の|という|もの)?(?:人々|人|ユーザー|クリエーター|クリエイター|友人|従業員|研究者|エンジニア|社員|メンバー|ファン)")
_JA_GPU_CONTEXT = re.compile(r"GPU|ＧＰＵ|H100|A100|半導体|チップ")
_LATIN_GPU_CONTEXT = re.compile(r"GPU|H100|A100|chips?\b|Chips\b|Grafikkarten")

_PREFIX_QUAL = {
    "ja": [(re.compile(r"(?:約|およそ|大体|だいたい|おおよそ)$"), "approx"),
           (re.compile(r"(?:ほぼ)$"), "almost"),
           (re.compile(r"(?:最大|最高)$"), "at_most"),
           (re.compile(r"(?:少なくとも|最低)$"), "at_least")],
    "de": [(re.compile(r"(?:etwa|ungefähr|rund|circa|ca\.|zirka|gut)\s$", re.I), "approx"),
           (re.compile(r"(?:fast|beinahe|knapp|nahezu|annähernd)\s$", re.I), "almost"),
           (re.compile(r"(?:mehr als|über|mindestens|wenigstens)\s$", re.I), "at_least"),
           (re.compile(r"(?:weniger als|höchstens|bis zu|unter)\s$", re.I), "at_most"),
           (re.compile(r"(?:keine[nrms]?|kein|nicht)\s$", re.I), "negated")],
    "en": [(re.compile(r"(?:about|around|approximately|roughly|some|circa|~)\s?$", re.I), "approx"),
           (re.compile(r"(?:almost|nearly|close to)\s$", re.I), "almost"),
           (re.compile(r"(?:more than|over|at least|upwards of|north of)\s$", re.I), "at_least"),
           (re.compile(r"(?:less than|fewer than|up to|at most|under|south of)\s$", re.I), "at_most"),
           (re.compile(r"(?:not|no)\s$", re.I), "negated")],
}
_JA_SUFFIX_QUAL = [
    (re.compile(r"(?:ほど|くらい|ぐらい|程度|前後|頃|ごろ|余り|あまり)"), "approx"),
    (re.compile(r"(?:以上|超|強)"), "at_least"),
    (re.compile(r"(?:以下|以内|未満|足らず)"), "at_most"),
    (re.compile(r"(?:近く|弱)"), "almost"),
]
_RANGE_CONNECTOR = {
    "ja": re.compile(r"\s?(?:から|〜|～|~|－|-|–|、|か|ないし)\s?"),
    "de": re.compile(r"\s?(?:bis|-|–|oder|und)\s?"),
    "en": re.compile(r"\s?(?:to|-|–|or|and)\s?"),
}
_FRACTIONS = {
    "ja": [(re.compile(r"半分"), 50.0)],
    "de": [(re.compile(r"\bHälfte\b"), 50.0), (re.compile(r"\bDrittel\b"), 100 / 3)],
    "en": [(re.compile(r"(?<!and a )\bhalf\b(?!\s(?:an?\s)?(?:hour|day|year|month|week|of the time))"), 50.0)],
}


# ---------------------------------------------------------------------------
# core detection


@dataclass
class _Core:
    start: int
    end: int
    low: float
    high: float
    vague: bool = False
    kind: str = "num"  # num | version | year | fraction
    scaled: bool = False  # carries its own scale (万/億/Millionen/billion)
    word: bool = False  # spelled-out number


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


def _sudachi_numerals(text: str) -> tuple[frozenset[int], dict[int, int]]:
    """Start offsets of SudachiPy numeral (数詞) tokens and where each numeral run ends."""
    from .japanese import tokenize

    starts: set[int] = set()
    ends: dict[int, int] = {}
    run_start: int | None = None
    for off, m in tokenize(text):
        is_num = m.part_of_speech()[1] == "数詞"
        if is_num:
            starts.add(off)
            if run_start is None:
                run_start = off
            ends[run_start] = off + len(m.surface())
        else:
            run_start = None
    return frozenset(starts), ends


def _ja_cores(text: str, taken: list[tuple[int, int]]) -> list[_Core]:
    cores: list[_Core] = []
    sudachi: tuple[frozenset[int], dict[int, int]] | None = None
    for m in _JA_CORE.finditer(text):
        s, e = m.start(), m.end()
        surface = m.group(0)
        if _overlaps(s, e, taken):
            continue
        if not any(c.isdigit() for c in surface):
            # Kanji-only: trust it only where SudachiPy tags a numeral (一緒, 十分, 統一 are words)
            if sudachi is None:
                sudachi = _sudachi_numerals(text)
            if s not in sudachi[0]:
                continue
            e = min(e, sudachi[1].get(s, e))
            surface = text[s:e]
            if surface and surface[-1] in "万億兆" and len(surface) == 1:
                continue
        # digits run straight into 万/億/兆 of a vague word (数十億) are handled by _JA_VAGUE
        v = numbers.parse_japanese(surface)
        if v is None:
            # trailing scale char without a number or garbage: try without the tail
            continue
        cores.append(_Core(s, e, v, v, scaled=any(c in "万億兆" for c in surface)))
    for m in _JA_VAGUE.finditer(text):
        s, e = m.start(), m.end()
        if _overlaps(s, e, taken) or _overlaps(s, e, [(c.start, c.end) for c in cores]):
            continue
        word = m.group(0)
        prefix = word.rstrip("万億兆")
        bracket = numbers.vague_bracket(prefix, "ja")
        if bracket is None:
            continue
        follow = _JA_VAGUE_FOLLOW.match(text, e)
        if not follow:
            continue
        if follow.group(0) in ("の", "という", "、") and len(prefix) == 1 and word == prefix:
            continue  # 何の, 数の: not numerals
        scale = numbers.parse_japanese("1" + word[len(prefix):]) if word != prefix else 1.0
        if scale is None:
            continue
        cores.append(_Core(s, e, bracket[0] * scale, bracket[1] * scale, vague=True, scaled=word != prefix))
    return cores


def _latin_cores(text: str, lang: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """Digit numbers (with scale words), spelled-out numbers and vague scale words in de/en text."""
    lang = lang if lang in ("de", "en") else "en"
    cores: list[_Core] = []
    scale_re = _SCALE_AFTER[lang]
    for m in _LATIN_NUM.finditer(text):
        s, e = m.start(), m.end()
        if _overlaps(s, e, taken):
            continue
        v = numbers.parse_digits(m.group(0), lang)
        if v is None:
            continue
        scaled = False
        sm = scale_re.match(text, e)
        if sm:
            mult = numbers.SCALE_WORDS[lang].get(sm.group(0).strip().lower().rstrip("."), None)
            if mult is None and lang == "de":
                mult = numbers.SCALE_WORDS["de"].get(sm.group(0).strip().lower())
            if mult is not None:
                v = numbers.finite_or_none(v * mult)
                if v is None:
                    continue
                e = sm.end()
                scaled = True
        cores.append(_Core(s, e, v, v, scaled=scaled))
    # "eine Million", "a billion": the indefinite article as the number one
    art = r"\b(?:eine|ein|einer|einen)\s" if lang == "de" else r"\b(?:a|an|one)\s"
    for m in re.finditer(art, text, re.I):
        sm = scale_re.match(text, m.end() - 1)
        if sm and sm.group(1):
            mult = numbers.SCALE_WORDS[lang].get(sm.group(1).lower().rstrip("."))
            if mult and not _overlaps(m.start(), sm.end(), taken + [(c.start, c.end) for c in cores]):
                cores.append(_Core(m.start(), sm.end(), mult, mult, scaled=True, word=True))
    # vague words: "tens of billions", "Milliarden (von) Dollar", "ein paar Monate"
    table = numbers.vague_brackets().get(lang, {})
    vague_re = _vague_re(lang)
    occupied = [(c.start, c.end) for c in cores]
    for m in vague_re.finditer(text):
        s, e = m.start(), m.end()
        if _overlaps(s, e, taken + occupied):
            continue
        low, high = table[m.group(1).lower()]
        scaled = m.group(1).lower() in ("millionen", "milliarden", "billionen", "millions", "billions", "trillions",
                                        "many millions", "many billions")
        sm = re.compile(r"\s(?:von\s)?(Milliarden|Millionen|Billionen)\b|\s(?:of\s)?(billions|millions|trillions|thousands)\b",
                        re.I).match(text, e) if not scaled else None
        if sm:
            mult = numbers.SCALE_WORDS[lang].get((sm.group(1) or sm.group(2)).lower(), 1.0)
            low, high, e, scaled = low * mult, high * mult, sm.end(), True
        cores.append(_Core(s, e, low, high, vague=True, scaled=scaled))
        occupied.append((s, e))
    # spelled-out numbers; consecutive number words form one number ("two hundred fifty")
    occupied = [(c.start, c.end) for c in cores]
    words = [w for w in _WORD.finditer(text) if not _overlaps(w.start(), w.end(), taken + occupied)]
    i = 0
    hint = _NUMWORD_HINT[lang]
    while i < len(words):
        w = words[i]
        if not hint.match(w.group(0)) or numbers.parse_word_number(w.group(0), lang) is None:
            i += 1
            continue
        j = i
        while (j + 1 < len(words) and text[words[j].end():words[j + 1].start()] in (" ", "-")
               and numbers.parse_word_number(text[w.start():words[j + 1].end()], lang) is not None):
            j += 1
        s, e = w.start(), words[j].end()
        surface = text[s:e]
        v = numbers.parse_word_number(surface, lang)
        scaled = False
        sm = scale_re.match(text, e)
        low = surface.lower()
        indefinite = low in ("ein", "eine", "eins", "einen", "einem", "einer", "one", "a", "an")
        if sm and sm.group(1):
            mult = numbers.SCALE_WORDS[lang].get(sm.group(1).lower().rstrip("."))
            if mult is not None and v is not None:
                v, e, scaled = v * mult, sm.end(), True
        if v is not None and not (indefinite and not scaled):
            cores.append(_Core(s, e, v, v, scaled=scaled, word=True))
        i = j + 1
    # "a dozen", "ein Dutzend": twelve
    for m in re.finditer(r"\b(?:a|one|ein)\s(?:dozen|Dutzend)\b", text, re.I):
        if not _overlaps(m.start(), m.end(), taken + [(c.start, c.end) for c in cores]):
            cores.append(_Core(m.start(), m.end(), 12.0, 12.0, word=True))
    # "ein oder zwei Wochen", "one or two": the article-like one starting a range
    alt = r"\b(?:ein|eine|einen)(?=\s(?:oder|bis)\s)" if lang == "de" else r"\b(?:one)(?=\s(?:or|to)\s)"
    for m in re.finditer(alt, text, re.I):
        if not _overlaps(m.start(), m.end(), taken + [(c.start, c.end) for c in cores]):
            cores.append(_Core(m.start(), m.end(), 1.0, 1.0, word=True))
    return cores


@lru_cache(maxsize=8)
def _vague_re(lang: str) -> re.Pattern[str]:
    keys = sorted(numbers.vague_brackets().get(lang, {}), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b", re.I)


# ---------------------------------------------------------------------------
# units, qualifiers, filters


@dataclass
class _Q:
    start: int
    end: int
    low: float
    high: float
    unit: str
    mult: float
    vague: bool
    qualifier: str
    explicit_unit: bool
    kind: str
    raw_low: float
    raw_high: float
    scaled: bool


def _unit_after(text: str, pos: int, lang: str) -> tuple[str, float, int] | None:
    for pattern, unit, mult in _UNITS_BY_LANG.get(lang, _EN_UNITS):
        m = pattern.match(text, pos)
        if m:
            return unit, mult, m.end()
    if lang == "ja":  # Latin units inside Japanese sentences (350,000 H100s, 10 percent)
        for pattern, unit, mult in _EN_UNITS[4:]:
            if pattern.pattern.startswith(r"\s?") or pattern.pattern.startswith("(?:\\s"):
                m = pattern.match(text, pos)
                if m and m.end() > pos + 1 and m.group(0).strip():
                    return unit, mult, m.end()
    return None


def _is_product_number(text: str, s: int, e: int) -> bool:
    """H100, A100, GPT-4o, GPT5, 3D, 4th: digits glued to Latin letters are names, not quantities."""
    before = text[max(0, s - 2):s]
    if before[-1:].isascii() and before[-1:].isalpha():
        return True
    if before[-1:] == "-" and before[:1].isascii() and before[:1].isalpha():
        return True
    after = text[e:e + 2]
    if after[:1].isascii() and after[:1].isalpha():
        # unit suffixes glued to digits are fine
        if re.match(r"(?:B|GW|MW|kW|k|K|M|T|bn|mn|x)(?![A-Za-z])", text[e:e + 3]):
            return False
        return True
    return False


def _ja_excluded(text: str, s: int, e: int, unit_end: int, value: float) -> bool:
    before = text[max(0, s - 3):s]
    after = text[e:unit_end + 2]
    if before.endswith("第"):
        return True  # 第一の理由, 第2世代
    if re.match(r"(?:つ|番|回)?目", text[e:]) and not re.match(r"(?:週間|日|年|ヶ月)", text[e:]):
        return True  # 2つ目は, 2番目
    if text[e:].startswith("番") and not text[e:].startswith("番組"):
        return True
    if value == 1 and re.match(r"(?:つ|人|個)", text[e:]):
        if before.endswith("の") or before.endswith("もう") or before.endswith("うち"):
            return True  # 機能の1つ, もう1つ: partitive / discourse
        if re.match(r"つ[はの]", text[e:]):
            return True  # 1つは ... : discourse ordinal; 1つの X: an article ("a single X"), not a count
    if re.match(r"度と", text[e:]):
        return True  # 2度と: "never again"
    if before.endswith("マイナス"):
        return True  # マイナス1から0: a name for a phase
    del after
    return False


def _latin_excluded(text: str, s: int, e: int, lang: str) -> bool:
    after = text[e:e + 8].lower()
    before = text[max(0, s - 12):s].lower()
    if lang == "en" and after.startswith(" of ") and text[s:e].lower() == "one":
        return True
    if re.search(r"(?:der|die|das|den|dem|am|zum|im|vom)\s$", before) and text[e:e + 1] == "." \
            and re.match(r"\.\s[a-zäöüA-ZÄÖÜ]", text[e:e + 3]):
        return True  # "der 2. Platz": German ordinal
    if before.endswith("-") and re.search(r"\d\s?-$", before):
        return False
    if re.search(r"(?:^|\s)-$", before):
        return True  # "von -1 bis 0": a name, not a quantity
    return False


def _qualifier(text: str, s: int, e: int, lang: str) -> tuple[str, int, int]:
    qual, qs, qe = "", s, e
    prefixes = _PREFIX_QUAL.get(lang, _PREFIX_QUAL["en"])
    window = text[max(0, s - 16):s]
    for pattern, q in prefixes:
        m = pattern.search(window)
        if m:
            qual, qs = q, s - (len(window) - m.start())
            break
    if lang == "ja":
        for pattern, q in _JA_SUFFIX_QUAL:
            m = pattern.match(text, e)
            if m:
                qe = m.end()
                if not qual:
                    qual = q
                break
    return qual, qs, qe


def _base_unit(unit: str, value: float, text: str, end: int, lang: str) -> str:
    """Resolve the provisional units: 年 → calendar year or duration, 個/台 → gpu or count."""
    if unit == "_year":
        tail = text[end:end + 2]
        if 1800 <= value <= 2100 and float(value).is_integer() and not tail.startswith(("間", "前", "後")):
            return "year"
        return "duration_year"
    if unit == "_piece":
        return "gpu" if _JA_GPU_CONTEXT.search(text) else "count"
    return unit


def _attach(text: str, core: _Core, lang: str) -> _Q | None:
    e = core.end
    unit, mult, explicit = "count", 1.0, False
    if core.kind in ("version", "year"):
        unit = core.kind
    elif core.kind == "size":
        unit, explicit = "parameter", True
    elif core.kind == "fraction":
        unit = "percent"
    else:
        found = _unit_after(text, e, lang)
        if found:
            unit, mult, e = found[0], found[1], found[2]
            explicit = True
        # currency before the number
        if re.search(r"(?:US\$|\$|USD\s?)$", text[max(0, core.start - 4):core.start]):
            pre = re.search(r"(?:US\$|\$|USD\s?)$", text[max(0, core.start - 4):core.start])
            assert pre is not None
            core = _Core(core.start - (len(pre.group(0))), core.end, core.low, core.high, core.vague,
                         core.kind, core.scaled, core.word)
            if unit in ("count", "parameter"):
                unit, mult, explicit = "usd", 1.0, True
                if found and found[0] == "parameter":  # "$10B": billions of dollars
                    mult = 1e9
        if lang == "ja":
            if core.kind == "num" and unit in ("_year",) and re.match(r"半", text[e:]):
                core = _Core(core.start, core.end, core.low + 0.5, core.high + 0.5, core.vague,
                             core.kind, core.scaled, core.word)
                e += 1
            if unit in ("count", "_piece") and _JA_PERSON_NOUN.match(text, e):
                unit = "person"
        else:
            if unit == "count" and _LATIN_GPU_CONTEXT.match(text[e:e + 12].lstrip(" -")):
                unit = "gpu"
            elif unit == "count" and core.low >= 1000 and _CLUSTER_AFTER.match(text, e):
                unit = "gpu"  # "24K clusters": a cluster is sized by its GPUs, never 24,000 clusters
            elif unit == "count" and not core.scaled and _is_age(text, core, lang):
                unit, explicit = "age", True
        if not explicit and not core.scaled and core.word is False and re.fullmatch(r"\d\.\d{1,2}", text[core.start:core.end]):
            unit = "version"  # a bare 3.1 in running text is a model version
        if not explicit and core.kind == "num" and lang != "ja" and 1800 <= core.low <= 2100 \
                and core.low.is_integer() and core.low == core.high and re.fullmatch(r"\d{4}", text[core.start:core.end]):
            unit = "year"
    unit = _base_unit(unit, core.low, text, e, lang)
    if unit == "_month_name":
        if 1 <= core.low <= 12 and core.low == core.high:
            return None  # 4月に: the month April, a calendar reference rather than a quantity
        unit = "other"
    if unit == "year" and text[e - 2:e] == "年代":
        core = _Core(core.start, core.end, core.low, core.low + 9, core.vague, core.kind, core.scaled, core.word)
    qual, qs, qe = _qualifier(text, core.start, e, lang)
    raw_low, raw_high = core.low, core.high
    low = numbers.finite_or_none(core.low * mult)
    high = numbers.finite_or_none(core.high * mult)
    if low is None or high is None:
        return None
    return _Q(qs, qe, low, high, unit, mult, core.vague, qual, explicit, core.kind, raw_low, raw_high, core.scaled)


def _merge_ranges(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """Join 'A connector B' into one range when B's unit can apply to A."""
    connector = _RANGE_CONNECTOR.get(lang, _RANGE_CONNECTOR["en"])
    out: list[_Q] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            between = text[a.end:b.start]
            conn = connector.fullmatch(between)
            ok = conn is not None and a.kind == b.kind == "num" and b.unit not in ("version", "year") or (
                conn is not None and a.unit == b.unit == "year")
            if conn is not None and a.unit == "usd" and b.unit == "count" and not b.explicit_unit \
                    and a.kind == b.kind == "num":
                # "$60-65 billion": the currency sign of the first number covers the second
                b = _Q(b.start, b.end, b.low, b.high, "usd", b.mult, b.vague, b.qualifier, True, b.kind,
                       b.raw_low, b.raw_high, b.scaled)
                if b.scaled and not a.scaled:
                    scale = _scale_of(text[b.start:b.end], b.raw_low, b.vague, lang)
                    a = _Q(a.start, a.end, a.low * scale, a.high * scale, a.unit, a.mult, a.vague, a.qualifier,
                           a.explicit_unit, a.kind, a.raw_low * scale, a.raw_high * scale, True)
                ok = True
            if ok and conn is not None:
                word = between.strip()
                if word == "und" and not re.search(r"zwischen\s$", text[max(0, a.start - 9):a.start]):
                    ok = False
                if word == "and" and not re.search(r"between\s$", text[max(0, a.start - 8):a.start]):
                    ok = False
                if word in ("、", ",") and (a.explicit_unit or a.scaled or a.raw_high >= b.raw_low):
                    # 2、3週間 / 何百、何千億: only a bare numeral directly before a bigger one
                    ok = ok and not a.explicit_unit and a.raw_high <= b.raw_low
                if a.explicit_unit and a.unit != b.unit:
                    ok = False
            if ok:
                mult = b.mult
                a_low, a_high = a.raw_low, a.raw_high
                if not a.explicit_unit:
                    # a bare first number borrows the second one's scale (何百、何千億 = 何百億..何千億)
                    if b.scaled and not a.scaled:
                        scale = _scale_of(text[b.start:b.end], b.raw_low, b.vague, lang)
                        a_low, a_high = a_low * scale, a_high * scale
                    a_low, a_high = a_low * mult, a_high * mult
                else:
                    a_low, a_high = a.low, a.high
                if a_low < b.high:
                    out.append(_Q(a.start, b.end, min(a_low, b.low), max(a_high, b.high), b.unit, mult,
                                  a.vague or b.vague, a.qualifier or b.qualifier, True, "range",
                                  a_low, b.raw_high, b.scaled))
                    i += 2
                    continue
                if a_low > b.high and not a.explicit_unit:
                    i += 2  # "1 to 0": a descending pair is a name (minus-one-to-zero), not a range
                    continue
        out.append(a)
        i += 1
    return out


def _scale_of(surface: str, raw: float, vague: bool, lang: str) -> float:
    for ch, mult in (("兆", 1e12), ("億", 1e8), ("万", 1e4)):
        if ch in surface:
            return mult
    for word, mult in numbers.SCALE_WORDS.get(lang, {}).items():
        if len(word) > 2 and word in surface.lower():
            return mult
    return 1.0


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Every quantity in one sentence's text, in order, offsets into ``text``."""
    if not text:
        return []
    lang = lang if lang in ("ja", "de", "en") else "en"
    taken: list[tuple[int, int]] = [m.span() for m in _URL.finditer(text)]
    taken += [m.span() for m in _TIMESTAMP.finditer(text)]
    taken += [m.span() for m in _NAMED_RANGE.finditer(text)]
    cores: list[_Core] = []
    for m in _VERSION.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            v = numbers.parse_digits(m.group(1), "en")
            if v is not None:
                if m.end() < len(text) and text[m.end()] == "B" and not text[m.end() + 1:m.end() + 2].isalpha():
                    cores.append(_Core(m.start(), m.end() + 1, v * 1e9, v * 1e9, kind="size"))
                elif v >= _MIN_LLAMA_SIZE and v.is_integer():
                    # "Llama 405": no release is numbered that high, so the number names the 405B model
                    cores.append(_Core(m.start(), m.end(), v * 1e9, v * 1e9, kind="size"))
                else:
                    cores.append(_Core(m.start(), m.end(), v, v, kind="version"))
    for pattern in (_ISO_DATE, _JA_DATE, _DE_DATE, _EN_DATE):
        for m in pattern.finditer(text):
            if _overlaps(m.start(), m.end(), taken + [(c.start, c.end) for c in cores]):
                continue
            year = next((g for g in m.groups() if g and len(g) == 4), None)
            if year:
                cores.append(_Core(m.start(), m.end(), float(year), float(year), kind="year"))
            else:
                cores.append(_Core(m.start(), m.end(), float(m.group(1)), float(m.group(1)), kind="date"))
    for pattern, value in _FRACTIONS.get(lang, []):
        for m in pattern.finditer(text):
            if not _overlaps(m.start(), m.end(), taken):
                cores.append(_Core(m.start(), m.end(), value, value, kind="fraction"))
    if lang == "ja":
        for m in re.finditer(rf"({_D}+)分の({_D}+)", text):
            num = numbers.parse_japanese(m.group(2))
            den = numbers.parse_japanese(m.group(1))
            if num is not None and den:
                cores.append(_Core(m.start(), m.end(), 100 * num / den, 100 * num / den, kind="fraction"))
    taken += [(c.start, c.end) for c in cores]
    if lang == "ja":
        # English numbers inside Japanese text ("0 Million", "350,000 H100s") need a Latin scale/word
        latin = _latin_cores(text, "en", taken) if _HAS_LATIN_WORD.search(text) else []
        new = _ja_cores(text, taken) + latin
    else:
        new = _latin_cores(text, lang, taken)
    if lang == "ja":
        # Latin-script numbers inside Japanese text are already covered by _JA_CORE
        new = [c for c in new if c.word is False and not _overlaps(c.start, c.end, [(x.start, x.end) for x in new if x is not c and x.end - x.start > c.end - c.start])]
        new = _dedupe(new)
    cores += new
    cores.sort(key=lambda c: (c.start, -c.end))
    qs: list[_Q] = []
    for core in cores:
        if core.kind == "num":
            if _is_product_number(text, core.start, core.end):
                continue
            if lang == "ja" and _ja_excluded(text, core.start, core.end, core.end, core.low):
                continue
            if lang != "ja" and _latin_excluded(text, core.start, core.end, lang):
                continue
        if core.kind == "date":
            q = _Q(core.start, core.end, core.low, core.high, "other", 1.0, False, "", True, "date",
                   core.low, core.high, False)
        else:
            q = _attach(text, core, lang)
        if q is None:
            continue
        if core.kind == "num" and not q.explicit_unit and q.unit == "count" and (
                _is_name_number(text, core, lang) or _IDENTIFIER_BEFORE.search(text, 0, core.start)):
            continue
        if lang == "ja" and q.unit not in _NOT_NEGATABLE and _ja_negated(text, q.start, q.end):
            q.qualifier = "negated"
        if qs and q.start < qs[-1].end:
            continue  # overlapping reading of the same words: keep the first (longest) one
        qs.append(q)
    qs = _merge_ranges(text, qs, lang)
    if lang != "ja":
        # "einige", "several" alone are not quantities; "einige Jahre", "several million" are
        qs = [q for q in qs if not (q.vague and not q.scaled and not q.explicit_unit)]
    out: list[Quantity] = []
    for q in qs:
        point = q.low == q.high and not q.vague
        out.append(Quantity(
            start=q.start, end=q.end, surface=text[q.start:q.end],
            value=q.low if point else None,
            value_low=q.low, value_high=q.high,
            unit=q.unit if q.unit in UNITS else "other",
            vague=q.vague, qualifier=q.qualifier,
        ))
    return out


# Llama versions run 1, 2, 3, 3.1 ... (10 as a far-off example); a number this high after "Llama" is a size
_MIN_LLAMA_SIZE = 20
_CLUSTER_AFTER = re.compile(r"(?:\s|-)(?:GPU-)?(?:clusters?|Cluster[n]?)\b")
# "episode 212", "Kapitel 12", "No. 5": a number naming an item, not counting anything
_IDENTIFIER_BEFORE = re.compile(
    r"\b(?:episode|chapter|page|section|season|part|number|no\.|item|room|figure|table|"
    r"folge|kapitel|seite|abschnitt|nummer|nr\.|teil|staffel|abbildung|tabelle)\s?#?\s?$|#$", re.I)
# "Alexandr is 28", "He was 19, and", "Wang ist 28.": a copula after a name or pronoun, then a bare number
_AGE_SUBJECT = re.compile(
    r"(?:\b(?:he|she|i|you|they|er|sie|ich|du)|(?<![.!?]\s)(?<!^)\b(?!(?:It|This|That|There|What|Which|Who|The|Es|Das|"
    r"Dies|Der|Die|Was|Wer)\b)[A-Z][a-z]+|^(?!(?:It|This|That|There|What|Which|Who|The|Es|Das|Dies|Der|Die|Was|Wer)\b)"
    r"[A-Z][a-z]+)\s(?:is|was|turned|turns|is now|am|are|ist|war|wurde|wird|bin|bist)\s$")
_CLAUSE_END_AFTER = re.compile(r"\s*(?:[.,;:!?)]|$|\s(?:and|but|when|und|aber|als)\b)")
# Japanese: the quantity is the object or subject of a verb negated in the same clause
# ("1億ドルをもらっていません", "だれも1ギガワットの...を構築していない"); durations are left alone
# ("2年間働いていない" says for how long, it does not deny the two years).
_JA_NEG_VERB = re.compile(r"て(?:は|も)?い(?:ない|ません|なかった)")
_JA_NOBODY = re.compile(r"(?:誰も|だれも|何も|一度も)")
_JA_NEG_END = re.compile(r"(?:ない|ません|なかった)")
_JA_CLAUSE_END = re.compile(r"[。、！？!?]")
_NOT_NEGATABLE = frozenset({"duration_year", "duration_month", "duration_week", "duration_day", "year", "version"})


def _is_age(text: str, core: _Core, lang: str) -> bool:
    """A bare whole number 1..120 right after "<Name> is" and closing its clause is a person's age."""
    if lang not in ("en", "de") or core.low != core.high or not core.low.is_integer() or not 1 <= core.low <= 120:
        return False
    before = text[max(0, core.start - 40):core.start]
    return bool(_AGE_SUBJECT.search(before)) and _CLAUSE_END_AFTER.match(text, core.end) is not None


def _ja_negated(text: str, start: int, end: int) -> bool:
    m = _JA_CLAUSE_END.search(text, end)
    after = text[end:m.start() if m else len(text)]
    neg = _JA_NEG_VERB.search(after)
    if neg and neg.start() <= 25:
        return True
    left = max((x.end() for x in _JA_CLAUSE_END.finditer(text, 0, start)), default=0)
    return bool(_JA_NOBODY.search(text, left, start)) and _JA_NEG_END.search(after) is not None


def _is_name_number(text: str, core: _Core, lang: str) -> bool:
    """A bare number that is part of a name: ソフトウェア1, Segment Anything 2, a lone kanji 一 (一歩)."""
    surface = text[core.start:core.end]
    if lang == "ja" and not any(c.isdigit() for c in surface) and not core.scaled and not core.vague:
        return True
    before = text[max(0, core.start - 12):core.start]
    if re.search(r"[\u30a1-\u30fa\u30fc]$", before):
        return True
    # German capitalizes every noun ("im Büro 10.000 Liegestütze"), so only ja/en read this as a name
    if lang != "de" and re.search(r"(?<![.!?]\s)\b[A-Z][A-Za-z]+\s$", before) and not core.word:
        return True
    return False


def _dedupe(cores: list[_Core]) -> list[_Core]:
    seen: set[tuple[int, int]] = set()
    out = []
    for c in sorted(cores, key=lambda c: (c.start, -(c.end - c.start))):
        if (c.start, c.end) in seen or any(s <= c.start and c.end <= e for s, e in seen):
            continue
        seen.add((c.start, c.end))
        out.append(c)
    return out


# ---------------------------------------------------------------------------
# topics


@dataclass(frozen=True)
class _Topic:
    key: str
    units: frozenset[str]
    cues: tuple[str, ...]
    exclude: tuple[str, ...]
    measures: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]
    default_measure: str
    clause_only: bool = False
    min_value: float | None = None


@lru_cache(maxsize=1)
def topics() -> tuple[_Topic, ...]:
    """The topic lexicon (data/topics.yaml), in file order (earlier topics win ties)."""
    raw = yaml.safe_load(resources.files("helpers").joinpath("data/topics.yaml").read_text("utf-8"))
    out = []
    for key, spec in raw["topics"].items():
        cues: list[str] = []
        for lang_cues in (spec.get("cues") or {}).values():
            cues.extend(str(c) for c in lang_cues)
        exclude: list[str] = []
        for lang_cues in (spec.get("exclude") or {}).values():
            exclude.extend(str(c) for c in lang_cues)
        measures = []
        for mk, mv in (spec.get("measures") or {}).items():
            # a measure is a list of cues, or {cues: [...], units: [...]} when the unit decides
            if isinstance(mv, dict):
                measures.append((str(mk), tuple(str(c) for c in mv.get("cues") or []), frozenset(mv.get("units") or [])))
            else:
                measures.append((str(mk), tuple(str(c) for c in mv or []), frozenset()))
        min_value = spec.get("min_value")
        out.append(_Topic(key, frozenset(spec["units"]), tuple(cues), tuple(exclude), tuple(measures),
                          str(spec.get("default_measure", "")), spec.get("scope", "sentence") == "clause",
                          float(min_value) if min_value is not None else None))
    return tuple(out)


@lru_cache(maxsize=2048)
def _cue_re(cue: str) -> re.Pattern[str]:
    # Short acronyms must also end the word (plural s allowed): "AR" is not "arbeiten", "GPU" is "GPUs"
    tail = r"s?(?![a-z])" if cue.isupper() and len(cue) <= 4 else ""
    return re.compile(r"(?<![A-Za-z])" + re.escape(cue.lower()) + tail)


def _cue_hit(cue: str, window: str, lowered: str) -> bool:
    if cue.isascii():
        return _cue_re(cue).search(lowered) is not None
    return cue in window


_CLAUSE_SPLIT = re.compile(r"[。！？!?;；]|、|,\s|\(|\)|（|）")


def _clause(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE_SPLIT.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_SPLIT.finditer(text, end)), len(text))
    return text[left:right]


def assign_topic(sentence: str, q: Quantity) -> tuple[str, str]:
    """(topic, measure) for a quantity from the cue words around it; ('', '') when nothing matches.

    The quantity's own clause is tried first, then the whole sentence, so two
    quantities in one sentence (35万個 to buy vs 22万個 in clusters) keep their own topics.
    """
    clause = _clause(sentence, q.start, q.end)
    for window in (clause, sentence):
        lowered = window.lower()
        best: tuple[int, int, _Topic] | None = None
        for rank, t in enumerate(topics()):
            if q.unit not in t.units:
                continue
            if t.clause_only and window is not clause:
                continue
            if t.min_value is not None and (q.value_high is None or q.value_high < t.min_value):
                continue
            hits = sum(1 for c in t.cues if _cue_hit(c, window, lowered))
            if not hits or any(_cue_hit(c, window, lowered) for c in t.exclude):
                continue
            if best is None or hits > best[0]:
                best = (hits, rank, t)
        if best is not None:
            t = best[2]
            return t.key, _measure(t, q, window, sentence)
    return "", ""


def _measure(t: _Topic, q: Quantity, window: str, sentence: str) -> str:
    """The first measure whose cues occur near the quantity (its clause), else in the sentence."""
    for text in (window, sentence):
        lowered = text.lower()
        for mk, mcues, munits in t.measures:
            if munits and q.unit not in munits:
                continue
            if (munits and not mcues) or any(_cue_hit(c, text, lowered) for c in mcues):
                return mk
    return t.default_measure


# ---------------------------------------------------------------------------
# documents and tables


def extract_claims(doc: ParsedDocument) -> list[Claim]:
    """All claims of a parsed document, in document order, with document offsets."""
    claims: list[Claim] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", doc.text)]
    found = [(sent, find_quantities(sent.text, sent.lang if sent.lang in ("ja", "de", "en") else doc.lang))
             for sent in doc.sentences]
    # sizes the document states with a B ("405B"): a later bare "405" next to a model is that model
    sizes = {q.value for _, qs in found for q in qs
             if q.unit == "parameter" and q.value is not None and q.surface.rstrip().endswith("B")}
    for sent, qs in found:
        for q in qs:
            q = _as_model_size(sent.text, q, sizes)
            start = sent.to_doc_offset(q.start)
            end = sent.to_doc_offset(q.end)
            surface = doc.text[start:end]
            if not surface.strip():
                continue
            topic, measure = assign_topic(sent.text, q)
            claims.append(Claim(
                doc_id=doc.doc_id, claim_id="", line=_line_of(line_starts, start), start=start, end=end,
                surface=surface, value=q.value, value_low=q.value_low, value_high=q.value_high, unit=q.unit,
                vague=q.vague, qualifier=q.qualifier, topic=topic, speaker=sent.speaker or "",
                sentence_id=sent.sentence_id, measure=measure, lang=sent.lang, context=sent.text,
            ))
    claims.sort(key=lambda c: (c.start, c.end))
    return [Claim(**{**asdict(c), "claim_id": f"{doc.doc_id}:c{n:04d}"}) for n, c in enumerate(claims, 1)]


_MODEL_CONTEXT = re.compile(r"モデル|[Mm]odel|Llama|LLaMA|Lama|ラマ|GPT")


def _as_model_size(text: str, q: Quantity, sizes: set[float]) -> Quantity:
    """A bare count that repeats a model size stated with B in the document, in a sentence about models."""
    if q.unit != "count" or q.vague or q.value is None or not q.surface.isdigit():
        return q
    value = q.value * 1e9
    if value not in sizes or not _MODEL_CONTEXT.search(text):
        return q
    return Quantity(q.start, q.end, q.surface, value, value, value, "parameter", False, q.qualifier)


def _line_of(line_starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset)


def _schema():
    import pandera.pandas as pa

    def nonneg_finite(s):
        return s.isna() | (s.abs() < math.inf)

    return pa.DataFrameSchema(
        {
            "doc_id": pa.Column(str),
            "claim_id": pa.Column(str, unique=True),
            "line": pa.Column(int, pa.Check.ge(1)),
            "start": pa.Column(int, pa.Check.ge(0)),
            "end": pa.Column(int, pa.Check.ge(0)),
            "surface": pa.Column(str, pa.Check.str_length(min_value=1)),
            "value": pa.Column(float, pa.Check(nonneg_finite), nullable=True),
            "value_low": pa.Column(float, pa.Check(nonneg_finite), nullable=True),
            "value_high": pa.Column(float, pa.Check(nonneg_finite), nullable=True),
            "unit": pa.Column(str, pa.Check.isin(UNITS)),
            "vague": pa.Column(bool),
            "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS)),
            "topic": pa.Column(str),
            "speaker": pa.Column(str),
            "sentence_id": pa.Column(int),
            "measure": pa.Column(str),
            "lang": pa.Column(str),
            "context": pa.Column(str),
        },
        checks=[
            pa.Check(lambda df: (df["start"] < df["end"]).all(), error="start < end"),
            pa.Check(lambda df: (df["value_low"].isna() | df["value_high"].isna()
                                 | (df["value_low"] <= df["value_high"])).all(), error="value_low <= value_high"),
        ],
        strict=True,
        ordered=True,
    )


class _LazySchema:
    """CLAIMS_SCHEMA, built on first use (importing pandera costs ~0.5 s)."""

    _schema = None

    def __getattr__(self, name: str) -> Any:
        if _LazySchema._schema is None:
            _LazySchema._schema = _schema()
        return getattr(_LazySchema._schema, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.validate(*args, **kwargs)


CLAIMS_SCHEMA = _LazySchema()


def claims_frame(docs: list[ParsedDocument]):
    """The claims table of several documents (columns ``COLUMNS``), validated by ``CLAIMS_SCHEMA``."""
    import pandas as pd

    rows = [asdict(c) for d in docs for c in extract_claims(d)]
    df = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("value", "value_low", "value_high"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in ("line", "start", "end", "sentence_id"):
        df[col] = df[col].astype(int)
    df["vague"] = df["vague"].astype(bool)
    # An empty frame has object columns; the schema wants strings even with no rows.
    for col in df.columns[df.dtypes == object]:
        df[col] = df[col].astype(str)
    return CLAIMS_SCHEMA.validate(df)


def _fmt(v: Any) -> Any:
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return int(v) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return v


def write_claims(claims: Iterable[Claim], out: io.TextIOBase | Any, fmt: str = "csv") -> None:
    """Write claims as CSV (header ``COLUMNS``) or JSON Lines to a text stream."""
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(COLUMNS)
        for c in claims:
            d = asdict(c)
            w.writerow(["" if d[k] is None else _fmt(d[k]) for k in COLUMNS])
    elif fmt == "jsonl":
        for c in claims:
            out.write(json.dumps({k: asdict(c)[k] for k in COLUMNS}, ensure_ascii=False) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}; use csv or jsonl")


def main_claims(paths: list[str], fmt: str = "csv") -> str:
    """``python -m helpers claims PATH... [--format csv|jsonl]``: claims of any text files, as text."""
    from .parse import parse_file

    buf = io.StringIO()
    allc: list[Claim] = []
    for p in paths:
        allc.extend(extract_claims(parse_file(p)))
    write_claims(allc, buf, fmt)
    return buf.getvalue()


def highlight_html(sentence: Sentence | str, start: int, end: int, lang: str = "") -> str:
    """The sentence as HTML with ``[start:end]`` (offsets into its text) wrapped in <mark>; all text escaped."""
    text = sentence.text if isinstance(sentence, Sentence) else sentence
    lang = lang or (sentence.lang if isinstance(sentence, Sentence) else "")
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    body = f"{html.escape(text[:start])}<mark>{html.escape(text[start:end])}</mark>{html.escape(text[end:])}"
    attr = f' lang="{html.escape(lang, quote=True)}"' if lang in ("ja", "de", "en") else ""
    return f"<span{attr}>{body}</span>"


# ---------------------------------------------------------------------------
# report helpers (used by notebooks/03_claims.ipynb)


def sentence_offsets(claim: dict[str, Any], sentence: dict[str, Any]) -> tuple[int, int] | None:
    """Where a claims-table row sits inside its sentence's analysed text, or None if it cannot be placed.

    Prose sentences are document slices, so document offsets shift directly;
    caption sentences drop timestamps, so the surface is searched for instead.
    """
    text = str(sentence.get("text", ""))
    surface = str(claim["surface"])
    s_start = sentence.get("start")
    if s_start is not None and not (isinstance(s_start, float) and math.isnan(s_start)):
        a, b = int(claim["start"]) - int(s_start), int(claim["end"]) - int(s_start)
        if 0 <= a < b <= len(text) and text[a:b] == surface:
            return a, b
    i = text.find(surface)
    if i >= 0:
        return i, i + len(surface)
    # a surface spanning a dropped timestamp line: highlight from its first words to its last
    head, tail = surface.split("\n")[0], surface.split("\n")[-1]
    i, j = text.find(head), text.rfind(tail)
    if head and tail and 0 <= i <= j:
        return i, j + len(tail)
    return None


def _fmt_value(row: dict[str, Any]) -> str:
    def num(x: Any) -> str:
        x = float(x)
        return f"{x:,.0f}" if x.is_integer() else f"{x:,.4g}"

    v, lo, hi = row.get("value"), row.get("value_low"), row.get("value_high")
    def missing(x: Any) -> bool:
        return x is None or x == "" or (isinstance(x, float) and math.isnan(x))

    if not missing(v):
        return num(v)
    if not missing(lo) and not missing(hi):
        return f"{num(lo)} – {num(hi)}"
    return ""


def claims_list_html(claims_rows: list[dict[str, Any]], sentences: dict[int, dict[str, Any]], doc_id: str) -> str:
    """An HTML list of claims, each in its sentence with the surface marked and a link to the sentence anchor.

    All document text is escaped; Japanese/German/English text carries a ``lang`` attribute.
    """
    items = []
    for row in claims_rows:
        sid = int(row["sentence_id"])
        sent = sentences.get(sid, {"text": row.get("context", "")})
        lang = str(row.get("lang") or sent.get("lang") or "")
        where = sentence_offsets(row, sent)
        text = str(sent.get("text", ""))
        body = highlight_html(text, where[0], where[1], lang) if where else highlight_html(text, 0, 0, lang)
        href = html.escape(f"../documents/{doc_id}.html#s-{sid}", quote=True)
        meta = " · ".join(x for x in (
            html.escape(str(row["unit"])), html.escape(_fmt_value(row)), html.escape(str(row.get("qualifier") or "")),
            html.escape(str(row.get("topic") or "")), html.escape(str(row.get("measure") or ""))) if x)
        items.append(
            f'<li id="{html.escape(str(row["claim_id"]), quote=True)}"><a href="{href}">'
            f'{html.escape(str(row["claim_id"]))}</a> <small>{meta}</small><br>{body}</li>'
        )
    return '<ol class="claims">' + "\n".join(items) + "</ol>"
