"""Quantitative claim extraction: every stated quantity, normalized, with its topic and source span.

Pipeline per sentence (``find_quantities``):

1. numeral *cores*: digit runs, Japanese kanji numerals (kept only where SudachiPy
   tags them 数詞, so 一緒/十分 never count), spelled-out German/English numbers,
   vague numerals from the bracket table (数百億, tens of billions, Milliarden),
   model versions (Llama 3.1) and dates;
2. each core takes its unit from the counter or noun after it, else from the unit
   vocabulary of ``claims.units`` (currency signs and codes before or after it, pint
   units, ratios), and an approximation/bound qualifier from the words around it;
3. adjacent quantities joined by a range connector become one range
   (22万個から24万個, 10 bis 15 Jahre, 2、3週間), a lower and an upper bound become one
   range (20以上30未満), subunits join their amount (2ドル3セント) and a unit left out in a
   coordination is carried over ("8 billion parameters and 70 billion");
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

The vocabulary lives in ``claims.lexicon``; ``claims.topics`` adds topics and
``claims.extract`` maps sentence offsets to document offsets and builds the table.
"""


from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from . import numbers, spelled, units
from .lexicon import (
    DE_DATE,
    EN_DATE,
    EN_UNITS,
    FRACTIONS,
    HAS_LATIN_WORD,
    ISO_DATE,
    JA_CORE,
    JA_DATE,
    JA_GPU_CONTEXT,
    JA_PERSON_NOUN,
    JA_SUFFIX_QUAL,
    JA_VAGUE,
    JA_MONTH_DAY,
    JA_VAGUE_FOLLOW,
    LATIN_SUFFIX_QUAL,
    MONTH_YEAR,
    SHORT_YEAR,
    LATIN_GPU_CONTEXT,
    LATIN_NUM,
    NAMED_RANGE,
    PREFIX_QUAL,
    RANGE_CONNECTOR,
    SCALE_AFTER,
    TIMESTAMP,
    UNITS,
    UNITS_BY_LANG,
    URL,
    VERSION,
)

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
    unit_surface: str = ""  # the unit as written (km, ドル, Megawatts); empty for bare numbers


# ---------------------------------------------------------------------------
# core detection


@dataclass
class _Core:
    start: int
    end: int
    low: float
    high: float
    vague: bool = False
    kind: str = "num"  # num | version | year | fraction | date | size
    scaled: bool = False  # carries its own scale (万/億/Millionen/billion)
    word: bool = False  # spelled-out number
    unit: str = ""  # a unit the numeral itself carries (三割: percent, 2倍: multiple)


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


def _sudachi_numerals(text: str) -> tuple[frozenset[int], dict[int, int]]:
    """Start offsets of SudachiPy numeral (数詞) tokens and where each numeral run ends."""
    from ..text.japanese import tokenize

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
    for m in JA_CORE.finditer(text):
        s, e = m.start(), m.end()
        surface = m.group(0)
        if _overlaps(s, e, taken):
            continue
        if not any(c.isdigit() for c in surface):
            # Kanji-only: trust it only where SudachiPy tags a numeral (一緒, 十分, 統一 are words)
            if sudachi is None:
                sudachi = _sudachi_numerals(text)
            if s not in sudachi[0]:
                # SudachiPy misses some numerals standing alone (千三百, 四十万); a digit with 百/千/万/億/兆
                # after it is a numeral in any case (万一 "just in case" starts with the multiplier)
                if not re.fullmatch(r"[〇零一二三四五六七八九十][〇零一二三四五六七八九十百千万億兆・]*[百千万億兆][〇零一二三四五六七八九十百千万億兆・]*",
                                    surface) or text[s - 1:s] in ("何", "数", "幾"):
                    continue
            elif "・" not in surface:  # 九・二三: the point between kanji digits is evidence enough
                e = min(e, sudachi[1].get(s, e))
            surface = text[s:e]
            if surface and surface[-1] in "万億兆" and len(surface) == 1:
                continue
        # digits run straight into 万/億/兆 of a vague word (数十億) are handled by JA_VAGUE
        v = numbers.parse_japanese(surface)
        if v is None:
            # trailing scale char without a number or garbage: try without the tail
            continue
        # −5, マイナス10000: a sign before the numeral (マイナス1から0, a phase name, is taken already)
        if s >= 1 and text[s - 1] == "-" and (s == 1 or not (text[s - 2].isascii() and text[s - 2].isalnum())):
            v, s = -v, s - 1
        elif text[max(0, s - 4):s] == "マイナス":
            v, s = -v, s - 4
        cores.append(_Core(s, e, v, v, scaled=any(c in "万億兆" for c in surface)))
    for m in JA_VAGUE.finditer(text):
        s, e = m.start(), m.end()
        if _overlaps(s, e, taken) or _overlaps(s, e, [(c.start, c.end) for c in cores]):
            continue
        word = m.group(0)
        prefix = word.rstrip("万億兆")
        bracket = numbers.vague_bracket(prefix, "ja")
        if bracket is None:
            continue
        follow = JA_VAGUE_FOLLOW.match(text, e)
        if not follow:
            continue
        if follow.group(0) in ("の", "という", "、") and len(prefix) == 1 and word == prefix:
            continue  # 何の, 数の: not numerals
        scale = numbers.parse_japanese("1" + word[len(prefix):]) if word != prefix else 1.0
        if scale is None:
            continue
        cores.append(_Core(s, e, bracket[0] * scale, bracket[1] * scale, vague=True, scaled=word != prefix))
    return cores


def _latin_cores(text: str, lang: str, taken: list[tuple[int, int]], words: bool = True) -> list[_Core]:
    """Digit numbers (with scale words), spelled-out numbers and vague scale words in de/en text
    (``words=False``: Latin numerals inside Japanese text, where English number words are not read)."""
    lang = lang if lang in ("de", "en") else "en"
    cores: list[_Core] = []
    scale_re = SCALE_AFTER[lang]
    # "10 to the 13th": a power of ten written out
    refused: list[tuple[int, int]] = []  # a power too large is no claim, and neither are its digits
    for m in _TO_THE.finditer(text) if " to the " in text else ():
        if not _overlaps(m.start(), m.end(), taken):
            try:
                v = numbers.finite_or_none(float(m.group(1)) ** float(m.group(2)))
            except OverflowError:
                v = numbers.finite_or_none(math.inf)  # refused, and noted as beyond the range
            if v is not None:
                cores.append(_Core(m.start(), m.end(), v, v))
            else:
                refused.append(m.span())
    for m in LATIN_NUM.finditer(text):
        s, e = m.start(), m.end()
        if _overlaps(s, e, taken + refused) or _overlaps(s, e, [(c.start, c.end) for c in cores]):
            continue
        v = numbers.parse_latin(m.group(0), lang)
        if v is None:
            continue
        neg = _NEGATIVE_WORD.search(text, max(0, s - 10), s)
        if neg and v > 0:
            v, s = -v, neg.start()
        scaled = False
        sm = scale_re.match(text, e)
        if sm is None and text[e:e + 1] == "m" and _is_million_m(text, s, e, lang):
            sm = re.compile("m").match(text, e)
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
    # spelled-out numbers, fractions and mixed numbers ("two hundred fifty", "two-thirds", "zweieinhalb")
    occupied = [(c.start, c.end) for c in cores]
    for sp in spelled.spelled_numbers(text, lang) if words else ():
        s, e = sp.start, sp.end
        if _overlaps(s, e, taken):
            continue
        inside = [c for c in cores if s <= c.start and c.end <= e]
        crossing = [c for c in cores if c.start < e and s < c.end]
        if len(inside) != len(crossing) or any(c.kind not in ("num", "fraction") for c in crossing):
            continue  # crosses a number found otherwise ("thousands of")
        surface = text[s:e].lower()
        if sp.kind == "int" and sp.words == 1 and sp.value == 1 and surface in _ARTICLE_ONE \
                and not (surface in ("one", "eins") and _unit_after(text, e, lang) is not None):
            continue  # "one", "ein": an article or pronoun far more often than a count ("one penny" counts)
        if not sp.words and sp.kind == "int":
            continue
        for c in inside:
            cores.remove(c)
        v, e2, scaled = sp.value, e, False
        sm = scale_re.match(text, e)
        if sm and sm.group(1) and sp.kind != "fraction":
            mult = numbers.SCALE_WORDS[lang].get(sm.group(1).lower().rstrip("."))
            if mult is not None:
                v, e2, scaled = v * mult, sm.end(), True
        scaled = scaled or any(w in surface for w in ("thousand", "million", "billion", "trillion", "tausend",
                                                       "million", "milliard", "billion", "lakh", "crore"))
        if sp.kind == "fraction":
            cores.append(_Core(s, e2, 100 * v, 100 * v, kind="fraction", word=True))
        else:
            cores.append(_Core(s, e2, v, v, scaled=scaled, word=True))
    # "tenfold", "3-fold", "zehnfach": a multiple
    for m in _FOLD.finditer(text) if "fold" in text or "fach" in text else ():
        if _overlaps(m.start(), m.end(), taken):
            continue
        head = m.group(1)
        v = numbers.parse_latin(head, lang) if head[0].isdigit() else numbers.parse_word_number(head, lang)
        if v is not None and v > 1:
            cores = [c for c in cores if not (m.start() <= c.start and c.end <= m.end())]
            cores.append(_Core(m.start(), m.end(), v, v, word=not head[0].isdigit(), unit="multiple"))
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
    offset: float = 0.0  # base = raw * mult + offset (temperatures only)
    unit_surface: str = ""


@dataclass(frozen=True)
class _UnitHit:
    unit: str
    mult: float
    offset: float
    end: int
    surface: str


# "pounds" is money in British news and weight next to words of weight
_WEIGHT_CONTEXT = re.compile(r"(?i)\b(?:weigh\w*|heav\w*|tons?|tonnes?|kilo\w*|kg|lbs?|grams?|ounces?|mass|"
                             r"pounds? of)\b")
_POUND_KG = 0.45359237
_LEAD = re.compile(r"[\s\-]*(?:(?:of|von)\s)?")
# 分 as minutes, unless it starts a word (分野 field, 分析 analysis, 分かる understand) or a fraction (3分の2)
_JA_FUN_WORD = frozenset("の野析類散解割布担配子母岐裂けかっ")


def _unit_after(text: str, pos: int, lang: str) -> _UnitHit | None:
    """The unit written right after a number: the corpus's counters, or the unit vocabulary where it
    reads a longer unit (人民元 is yuan, not 人 persons; 台湾ドル is Taiwan dollars, not 台 pieces)."""
    for pattern, unit, mult in UNITS_BY_LANG.get(lang, EN_UNITS):
        m = pattern.match(text, pos)
        if m:
            hit = units.unit_after(text, pos, lang) if lang == "ja" else None
            if hit is not None and hit.end > m.end() and units.is_currency(hit.info.unit):
                return _UnitHit(hit.info.unit, hit.info.factor, hit.info.offset, hit.end, hit.surface)
            return _UnitHit(unit, mult, 0.0, m.end(), text[_LEAD.match(text, pos, m.end()).end():m.end()])
    if lang == "ja":  # Latin units inside Japanese sentences (350,000 H100s, 10 percent)
        for pattern, unit, mult in EN_UNITS[4:]:
            if pattern.pattern.startswith(r"\s?") or pattern.pattern.startswith("(?:\\s"):
                m = pattern.match(text, pos)
                if m and m.end() > pos + 1 and m.group(0).strip():
                    return _UnitHit(unit, mult, 0.0, m.end(), text[_LEAD.match(text, pos, m.end()).end():m.end()])
    hit = units.unit_after(text, pos, lang)
    if hit is None and lang == "ja":
        hit = units.unit_after(text, pos, "en")
    if hit is None:
        return None
    if lang == "ja" and hit.surface == "分" and text[hit.end:hit.end + 1] in _JA_FUN_WORD:
        return None
    if units.is_currency(hit.info.unit) and re.match(r"\s?-?\d", text[hit.end:hit.end + 3]) \
            and not units.is_word(hit.surface, lang):
        return None  # "$ 20,000.00 $ 37,305.97": a sign before the next amount, not after this one
    if hit.info.unit == "gbp" and hit.surface.lower() in ("pound", "pounds") and _WEIGHT_CONTEXT.search(text):
        return _UnitHit("kilogram", _POUND_KG, 0.0, hit.end, hit.surface)
    return _UnitHit(hit.info.unit, hit.info.factor, hit.info.offset, hit.end, hit.surface)


def _is_product_number(text: str, s: int, e: int, lang: str) -> bool:
    """H100, A100, GPT-4o, GPT5, 3D, 4th: digits glued to Latin letters are names, not quantities.

    Letters that are a unit (256GB, 50mph, 500Km, 10x) or a currency sign or code before the
    number (USD1,700, RM120, US$5) are not names.
    """
    before = text[max(0, s - 2):s]
    if before[-1:].isascii() and before[-1:].isalpha():
        sign = units.sign_before(text, s)
        if sign is None or sign.end != s:
            return True
    if before[-1:] == "-" and before[:1].isascii() and before[:1].isalpha() \
            and not re.search(r"\d(?:k|K|M|B|bn|m)-$", text[max(0, s - 5):s]):  # 5k-20k is a range
        return True
    after = text[e:e + 2]
    if after[:1].isascii() and after[:1].isalpha():
        # unit suffixes glued to digits are fine
        if re.match(r"(?:B|GW|MW|kW|k|K|M|T|bn|mn|x)(?![A-Za-z])", text[e:e + 3]):
            return False
        hit = units.unit_after(text, e, lang) or units.unit_after(text, e, "en")
        if hit is not None and hit.start == e:
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
    if value == 2 and re.match(r"度と", text[e:]):
        return True  # 2度と: "never again"
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
    prefixes = PREFIX_QUAL.get(lang, PREFIX_QUAL["en"])
    window = text[max(0, s - 40):s]
    for pattern, q in prefixes:
        m = pattern.search(window)
        if m:
            qual, qs = q, s - (len(window) - m.start())
            break
    if lang == "ja":
        for pattern, q in JA_SUFFIX_QUAL:
            m = pattern.match(text, e)
            if m:
                qe = m.end()
                if not qual:
                    qual = q
                break
    else:
        for pattern, q in LATIN_SUFFIX_QUAL.get(lang, []):
            m = pattern.match(text, e)
            if m and not qual:
                qual, qe = q, m.end()
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
        return "gpu" if JA_GPU_CONTEXT.search(text) else "count"
    return unit


def _attach(text: str, core: _Core, lang: str, sign_ok: bool = True) -> _Q | None:
    e = core.end
    unit, mult, explicit = "count", 1.0, False
    offset, unit_surface = 0.0, ""
    if core.kind in ("version", "year"):
        unit = core.kind
    elif core.kind == "size":
        unit, explicit = "parameter", True
    elif core.kind == "fraction":
        unit = "percent"
    elif core.unit:
        unit, explicit = core.unit, True
    else:
        found = _unit_after(text, e, lang)
        if found:
            unit, mult, e, offset, unit_surface = found.unit, found.mult, found.end, found.offset, found.surface
            explicit = True
        # currency before the number ($, US$, €, £, ¥, USD, RM); a currency word after it may repeat it
        sign = units.sign_before(text, core.start) if sign_ok else None
        if sign is not None and (not found or units.is_currency(unit) or unit in ("count", "parameter")):
            core = replace(core, start=sign.start)
            if not found or not units.is_currency(unit):
                scale = 1e9 if found and found.unit == "parameter" else 1.0  # "$10B": billions of dollars
                if found and found.unit == "parameter":
                    e = found.end
                elif found:
                    e = core.end  # "$5 people": the word after is not the dollars' unit
                unit, mult, explicit, offset = sign.info.unit, scale * sign.info.factor, True, 0.0
                unit_surface = sign.surface
        if found and units.is_currency(unit) and not core.scaled:
            # "75 USD million": the scale word after the currency
            sm = SCALE_AFTER.get(lang, SCALE_AFTER["en"]).match(text, e)
            if sm and sm.group(1):
                scale_word = numbers.SCALE_WORDS.get(lang, numbers.SCALE_WORDS["en"]).get(sm.group(1).lower().rstrip("."))
                if scale_word:
                    mult, e = mult * scale_word, sm.end()
        if not found and not core.unit:
            deg = _DEGREES.match(text, e)
            if deg and (core.low < 0 or _TEMPERATURE_CONTEXT.search(text)) and not _ANGLE_CONTEXT.search(text):
                # "-5 Grad", "it was 24 degrees outside", "気温は30度": degrees Celsius, the everyday scale
                info = units.lookup("°C", "en")
                if info is not None and not (lang == "ja" and _JA_TEMPERATURE.search(text, max(0, core.start - 10),
                                                                                      core.start)):
                    unit, mult, offset, e, explicit = info.unit, info.factor, info.offset, deg.end(), True
                    unit_surface = deg.group(1)
                    found = _UnitHit(unit, mult, offset, e, unit_surface)
            elif deg and _ANGLE_CONTEXT.search(text):
                unit, mult, e, explicit, unit_surface = "radian", math.pi / 180, deg.end(), True, deg.group(1)
                found = _UnitHit(unit, mult, 0.0, e, unit_surface)
        if lang == "ja" and not found and text[e:e + 1] == "度":
            # 華氏51度, 摂氏温度の10度, 華氏マイナス5度: the scale is named before the number
            pre = _JA_TEMPERATURE.search(text, max(0, core.start - 10), core.start)
            if pre is not None:
                info = units.lookup("°F" if pre.group(1) in ("華氏", "カ氏") else "°C", "en")
                if info is not None:
                    core = replace(core, start=pre.start())
                    if "マイナス" in pre.group(0) and core.low > 0:
                        core = replace(core, low=-core.low, high=-core.high)
                    unit, mult, offset, e, explicit = info.unit, info.factor, info.offset, e + 1, True
                    unit_surface = pre.group(1)
        if lang == "ja":
            if core.kind == "num" and explicit and unit not in ("count", "_piece", "person", "gpu") \
                    and text.startswith("半", e):  # 2年半, 1時間半: and a half
                core = _Core(core.start, core.end, core.low + 0.5, core.high + 0.5, core.vague,
                             core.kind, core.scaled, core.word)
                e += 1
            if unit in ("count", "_piece") and JA_PERSON_NOUN.match(text, e):
                unit = "person"
        else:
            if unit == "count" and LATIN_GPU_CONTEXT.match(text[e:e + 12].lstrip(" -")):
                unit = "gpu"
            elif unit == "count" and core.low >= 1000 and _CLUSTER_AFTER.match(text, e):
                unit = "gpu"  # "24K clusters": a cluster is sized by its GPUs, never 24,000 clusters
            elif unit == "count" and not core.scaled and _is_age(text, core, lang):
                unit, explicit = "age", True
        if not explicit and not core.scaled and core.word is False and re.fullmatch(r"\d\.\d{1,2}", text[core.start:core.end]) \
                and _VERSION_CONTEXT.search(text):
            unit = "version"  # a bare 3.1 next to model or version words is a model version
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
    low = numbers.finite_or_none(core.low * mult + offset)
    high = numbers.finite_or_none(core.high * mult + offset)
    if low is None or high is None:
        return None
    return _Q(qs, qe, low, high, unit, mult, core.vague, qual, explicit, core.kind, raw_low, raw_high, core.scaled,
              offset, unit_surface)


def _merge_ranges(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """Join 'A connector B' into one range when B's unit can apply to A."""
    connector = RANGE_CONNECTOR.get(lang, RANGE_CONNECTOR["en"])
    out: list[_Q] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            between = text[a.end:b.start]
            conn = connector.fullmatch(between)
            if conn is None and lang == "ja" and between == "と" and text.startswith("の間", b.end):
                conn = re.match("と", between)  # 20と30の間: between 20 and 30
            if b.qualifier in ("at_least", "at_most") and lang != "ja":
                conn = None  # "5000 or less than 6000": a value and a bound, not a range
            ok = conn is not None and a.kind == b.kind == "num" and b.unit not in ("version", "year") or (
                conn is not None and a.unit == b.unit == "year")
            if conn is not None and units.is_currency(a.unit) and b.unit == "count" and not b.explicit_unit \
                    and a.kind == b.kind == "num":
                # "$60-65 billion": the currency sign of the first number covers the second
                b = replace(b, unit=a.unit, explicit_unit=True, unit_surface=a.unit_surface)
                if b.scaled and not a.scaled:
                    scale = _scale_of(text[b.start:b.end], b.raw_low, b.vague, lang)
                    a = replace(a, low=a.low * scale, high=a.high * scale, raw_low=a.raw_low * scale,
                                raw_high=a.raw_high * scale, scaled=True)
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
                    a_low, a_high = a_low * mult + b.offset, a_high * mult + b.offset
                else:
                    a_low, a_high = a.low, a.high
                if a_low < b.high:
                    out.append(_Q(a.start, b.end, min(a_low, b.low), max(a_high, b.high), b.unit, mult,
                                  a.vague or b.vague, a.qualifier or b.qualifier, True, "range",
                                  a_low, b.raw_high, b.scaled, b.offset, b.unit_surface or a.unit_surface))
                    i += 2
                    continue
                if a_low > b.high and not a.explicit_unit:
                    i += 2  # "1 to 0": a descending pair is a name (minus-one-to-zero), not a range
                    continue
        out.append(a)
        i += 1
    return out


_BOUND_JOIN = re.compile(r"\s*(?:,|、)?\s*(?:and|but|und|aber|while|かつ|で|が|,|、)?\s*")


def _merge_bounds(text: str, qs: list[_Q]) -> list[_Q]:
    """'more than 10 and less than 40', '20以上30未満', 'mindestens 5 und höchstens 9': a lower and an upper
    bound of one thing are one range."""
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if (prev is not None and {prev.qualifier, q.qualifier} == {"at_least", "at_most"}
                and prev.kind == q.kind and q.kind in ("num", "fraction") and (prev.unit == q.unit or not q.explicit_unit or not prev.explicit_unit)
                and _BOUND_JOIN.fullmatch(text[prev.end:q.start])):
            lo, hi = (prev, q) if prev.qualifier == "at_least" else (q, prev)
            unit_q = prev if prev.explicit_unit else q
            if lo.low < hi.high:
                out[-1] = replace(unit_q, start=prev.start, end=q.end, low=lo.low, high=hi.high, qualifier="",
                                  kind="range", raw_low=lo.raw_low, raw_high=hi.raw_high)
                continue
        out.append(q)
    return out


# "an 8 billion parameter model and a 70 billion", "5 km or 10": the unit of the first applies to the second
_COORDINATION = re.compile(r"^(?:\s++[A-Za-zÄÖÜäöüß-]+)?\s*+(?:,\s*+)?(?:and|or|vs\.?|versus|und|oder|bzw\.|と|や|、|,)\s*(?:(?:a|an|the|ein|eine|einen|der|die|das)\s)?")
_CLAUSE_ENDS = re.compile(r"\s*(?:[.,;:!?)。、！？]|$)")


def _elided_units(text: str, qs: list[_Q]) -> list[_Q]:
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if (prev is not None and not q.explicit_unit and q.unit == "count" and q.kind == "num" and prev.explicit_unit
                and prev.kind in ("num", "range") and prev.unit not in ("count", "year", "version", "age", "other")
                and _COORDINATION.fullmatch(text[prev.end:q.start]) and q.scaled == prev.scaled
                and (_CLAUSE_ENDS.match(text, q.end) or _same_word_after(text, prev.end, q.end))):
            low, high = q.raw_low * prev.mult + prev.offset, q.raw_high * prev.mult + prev.offset
            q = replace(q, unit=prev.unit, mult=prev.mult, offset=prev.offset, unit_surface=prev.unit_surface,
                        explicit_unit=True, low=low, high=high)
        out.append(q)
    return out


def _same_word_after(text: str, a: int, b: int) -> bool:
    """The same word follows both quantities ('8B model and a 70B model' and '8 billion parameter model and 70 billion
    model' alike)."""
    wa = re.match(r"\s*([A-Za-zÄÖÜäöüß]+)", text[a:a + 30])
    wb = re.match(r"\s*([A-Za-zÄÖÜäöüß]+)", text[b:b + 30])
    return bool(wa and wb and wa.group(1).lower() == wb.group(1).lower())


_DEGREES = re.compile(r"\s?(degrees?|deg\.?|Grad|度|°)(?![A-Za-z])")
_TEMPERATURE_CONTEXT = re.compile(r"(?i)temperat|warm|cold|hot\b|heat|weather|fever|frost|freez|outside|"
                                  r"kalt|heiß|hitze|wetter|fieber|draußen|気温|温度|体温|暑|寒|熱|最高|最低")
_ANGLE_CONTEXT = re.compile(r"(?i)angle|rotat|turn|tilt|slope|latitude|longitude|winkel|dreh|neig|breite|länge|"
                            r"角度|回転|傾")
_JA_TEMPERATURE = re.compile(r"(華氏|カ氏|摂氏|セ氏)(?:温度)?の?\s?(?:マイナス\s?)?$")
_CJK = re.compile(r"[\u4e00-\u9fff々]")
_VERSION_CONTEXT = re.compile(r"(?i)\b(?:version|release[ds]?|model[ls]?|llama|gpt|v)\b|バージョン|モデル|リリース|Modell|Fassung")
_SUBUNIT_JOIN = re.compile(r"\s?(?:と|and|und|,)?\s?")


_FEET = frozenset({"ft", "foot", "feet", "'", "′"})
_INCHES_AFTER = re.compile(r"\s?(?:in|inch|inches|″|\")(?![A-Za-z])")


def _merge_feet_inches(text: str, qs: list[_Q]) -> list[_Q]:
    """5 feet 2 inches, 12 ft 2 in: one length."""
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if prev is not None and prev.unit == "meter" and prev.unit_surface.lower() in _FEET and q.low == q.high \
                and re.fullmatch(r"\s*(?:and\s+)?", text[prev.end:q.start]):
            inch_m = None
            if q.unit == "meter" and q.unit_surface.lower() in ("in", "inch", "inches", "″", '"'):
                inch_m, end = q.low, q.end
            elif not q.explicit_unit and q.kind == "num":
                m = _INCHES_AFTER.match(text, q.end)
                if m:
                    inch_m, end = q.raw_low * 0.0254, m.end()
            if inch_m is not None:
                out[-1] = replace(prev, end=end, low=prev.low + inch_m, high=prev.high + inch_m)
                continue
        out.append(q)
    return out


def _merge_subunits(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """2ドル3セント, 10円5銭, 15 Dollar und 15 Cent, zwei Euro fünfzig: an amount and its subunits are one amount.

    A bare whole number under 100 closing the clause right after an amount written with a currency word
    is its cents ("15 dollars 50"); after a sign ("$5 and 10") it is not."""
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if prev is not None and units.is_currency(prev.unit) and prev.low == prev.high and q.low == q.high \
                and prev.mult >= 1 and _SUBUNIT_JOIN.fullmatch(text[prev.end:q.start]):
            cents = None
            if q.mult < 1 and (q.unit == prev.unit or q.unit_surface.lower() in _GENERIC_CENTS):
                cents = q.raw_low * q.mult
            elif (not q.explicit_unit and q.kind == "num" and q.raw_low.is_integer() and 0 < q.raw_low < 100
                  and prev.raw_low.is_integer() and prev.unit_surface[:1].isalpha()
                  and _CLAUSE_ENDS.match(text, q.end)):
                cents = q.raw_low / 100
            if cents is not None:
                out[-1] = replace(prev, end=q.end, low=prev.low + cents, high=prev.high + cents)
                continue
        out.append(q)
    return out


_GENERIC_CENTS = frozenset({"cent", "cents", "ct", "¢", "セント"})


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
    original = text
    # full-width digits and signs read as ASCII; one character for one, so offsets stay those of the input
    if not text.isascii() and _FULL_WIDTH.search(text):
        text = text.translate(_HALFWIDTH)
    if not _MAYBE_NUMBER.search(text) and not (lang == "ja" and _KANA_RUN.search(text)) \
            and (lang == "ja" or not spelled.STARTS[lang].search(text)) \
            and not _vague_re(lang).search(text) and not any(p.search(text) for p, _ in FRACTIONS.get(lang, [])):
        return []  # nothing here can be a number: most sentences of a transcript
    # Each pattern below needs a digit or a particular character: test for it before scanning the sentence
    digits = _ANY_DIGIT.search(text) is not None
    taken: list[tuple[int, int]] = [m.span() for m in URL.finditer(text)] if "http" in text or "www." in text else []
    if digits:
        taken += [m.span() for m in TIMESTAMP.finditer(text)]
        if lang in _CLOCK:
            taken += [m.span() for m in _CLOCK[lang].finditer(text) if units.sign_before(text, m.start()) is None]
        taken += [m.span() for m in NAMED_RANGE.finditer(text)]
    cores: list[_Core] = []
    for m in VERSION.finditer(text) if digits else ():
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
    # 1.5e9, -12e-1, 2^5: a numeral with an exponent, in any language's text
    for m in _SCIENTIFIC.finditer(text) if digits and _EXPONENT_HINT.search(text) else ():
        if not _overlaps(m.start(), m.end(), taken):
            with numbers.refusals() as too_large:
                v = numbers.parse_latin(m.group(0), "en")
            if v is not None:
                cores.append(_Core(m.start(), m.end(), v, v))
            elif too_large:
                taken.append(m.span())  # 10^400 is no claim, and its 400 is not one either
    dates = ((ISO_DATE, JA_DATE, JA_MONTH_DAY) if lang == "ja" else (ISO_DATE, DE_DATE, EN_DATE, MONTH_YEAR)) \
        if digits else ()
    for pattern in dates:
        for m in pattern.finditer(text):
            if _overlaps(m.start(), m.end(), taken + [(c.start, c.end) for c in cores]):
                continue
            year = next((g for g in m.groups() if g and len(g) == 4), None)
            if year:
                cores.append(_Core(m.start(), m.end(), float(year), float(year), kind="year"))
            else:
                day = float(m.group(2) if pattern is JA_MONTH_DAY else m.group(1))
                cores.append(_Core(m.start(), m.end(), day, day, kind="date"))
    if lang != "ja" and digits and ("'" in text or "’" in text):
        for m in SHORT_YEAR.finditer(text):
            if not _overlaps(m.start(), m.end(), taken + [(c.start, c.end) for c in cores]):
                two = float(m.group(1))
                # '25 is 2025, '98 is 1998: the century closest to the present corpus
                year = 2000 + two if two <= 40 else 1900 + two
                cores.append(_Core(m.start(), m.end(), year, year, kind="year"))
    for pattern, value in FRACTIONS.get(lang, []):
        for m in pattern.finditer(text):
            if not _overlaps(m.start(), m.end(), taken):
                cores.append(_Core(m.start(), m.end(), value, value, kind="fraction", word=True))
    if lang == "ja":
        # 3割8分7厘 (38.7 %), 七割半 (75 %): tenths, hundredths and thousandths written out
        for m in _JA_WARI.finditer(text) if "割" in text else ():
            if _overlaps(m.start(), m.end(), taken) or not (m.group(2) or m.group(3) or m.group(4)):
                continue
            parts = [numbers.parse_japanese(g) if g else 0.0 for g in (m.group(1), m.group(2), m.group(3))]
            if any(p is None for p in parts):
                continue
            v = 10 * parts[0] + parts[1] + parts[2] / 10 + (5.0 if m.group(4) else 0.0)
            cores.append(_Core(m.start(), m.end(), v, v, unit="percent"))
        # にじゅうさん, さんびゃく: a hiragana run that is one numeral from end to end; a lone short reading
        # only between spaces (さん after a name is "Mr.", に and ご are particles and prefixes)
        for m in _KANA_RUN.finditer(text) if " " in text or any(k in text for k in _KANA_MULTIPLIERS) else ():
            if _overlaps(m.start(), m.end(), taken):
                continue
            parsed = numbers.parse_hiragana(m.group(0))
            if parsed is None or parsed[0] is None:
                continue
            v, tokens, multiplier = parsed
            alone = (m.start() == 0 or text[m.start() - 1] == " ") and (m.end() == len(text) or text[m.end()] == " ")
            if multiplier and tokens >= 2 or alone and len(m.group(0)) >= 2:
                cores.append(_Core(m.start(), m.end(), v, v, word=True))
        # 3分の2 (two thirds), 1と2分の1 (one and a half), マイナス5分の4, 100億分の1
        for m in _JA_FRACTION.finditer(text) if "分の" in text else ():
            if _overlaps(m.start(), m.end(), taken):
                continue
            num = numbers.parse_japanese(m.group("num"))
            den = numbers.parse_japanese(m.group("den"))
            whole = numbers.parse_japanese(m.group("whole")) if m.group("whole") else None
            if num is None or not den or (m.group("whole") and whole is None):
                continue
            sign = -1.0 if m.group("sign") else 1.0
            if whole is not None:
                v = sign * (whole + num / den)
                cores.append(_Core(m.start(), m.end(), v, v))
            else:
                cores.append(_Core(m.start(), m.end(), sign * 100 * num / den, sign * 100 * num / den,
                                   kind="fraction"))
    # 3/4, 1 3/5, -4/5, ½, 2½: proper fractions only (9/11 and 24/7 are a date and a phrase)
    for m in _SLASH_FRACTION.finditer(text) if "/" in text or _VULGAR.search(text) else ():
        if _overlaps(m.start(), m.end(), taken + [(c.start, c.end) for c in cores]):
            continue
        if m.group("vulgar"):
            frac = unicodedata.numeric(m.group("vulgar"))
        else:
            num, den = float(m.group("num")), float(m.group("den"))
            # 3/4 and 1/20 are fractions; 9/11 and 12/25 are dates
            if not den or num >= den or (den > 10 and num != 1):
                continue
            frac = num / den
        sign = -1.0 if m.group("sign") else 1.0
        if m.group("whole"):
            v = sign * (float(m.group("whole")) + frac)
            cores.append(_Core(m.start(), m.end(), v, v))
        else:
            cores.append(_Core(m.start(), m.end(), sign * 100 * frac, sign * 100 * frac, kind="fraction"))
    # a word fraction ("half") may be part of a longer spelled number ("half a dozen", "two million and one half")
    taken += [(c.start, c.end) for c in cores if not (c.kind == "fraction" and c.word)]
    if lang == "ja":
        # English numbers inside Japanese text ("0 Million", "350,000 H100s") need a Latin scale/word
        latin = _latin_cores(text, "en", taken, words=False) if HAS_LATIN_WORD.search(text) else []
        new = _ja_cores(text, taken) + latin
    else:
        new = _latin_cores(text, lang, taken)
    if lang == "ja":
        # Latin-script numbers inside Japanese text are already covered by JA_CORE
        new = [c for c in new if c.word is False and not _overlaps(c.start, c.end, [(x.start, x.end) for x in new if x is not c and x.end - x.start > c.end - c.start])]
        new = _dedupe(new)
    cores += new
    cores.sort(key=lambda c: (c.start, -c.end))
    qs: list[_Q] = []
    for core in cores:
        if core.kind == "num":
            if _is_product_number(text, core.start, core.end, lang):
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
        if qs and q.start < qs[-1].end <= core.start and core.kind == "num":
            # "17 USD 25": the code belongs to the amount before; read this number without it
            q = _attach(text, core, lang, sign_ok=False)
            if q is None or q.start < qs[-1].end:
                continue
        if qs and q.start < qs[-1].end:
            continue  # overlapping reading of the same words: keep the first (longest) one
        qs.append(q)
    qs = _merge_ranges(text, qs, lang)
    qs = _merge_subunits(text, qs, lang)
    qs = _merge_feet_inches(text, qs)
    qs = _merge_bounds(text, qs)
    qs = _elided_units(text, qs)
    if lang != "ja":
        # "einige", "several" alone are not quantities; "einige Jahre", "several million" are
        qs = [q for q in qs if not (q.vague and not q.scaled and not q.explicit_unit)]
    out: list[Quantity] = []
    for q in qs:
        point = q.low == q.high and not q.vague
        out.append(Quantity(
            start=q.start, end=q.end, surface=original[q.start:q.end],
            value=q.low if point else None,
            value_low=q.low, value_high=q.high,
            unit=q.unit if q.unit in UNITS else "other", unit_surface=q.unit_surface,
            vague=q.vague, qualifier=q.qualifier,
        ))
    return out


_HALFWIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x2212: "-", 0x3000: " ", 0x00A0: " ", 0x202F: " ",
                                                          0x2009: " "}
_JA_NUM = r"[0-9〇零一二三四五六七八九十百千万億兆.]+"
_JA_FRACTION = re.compile(rf"(?P<sign>-|マイナス)?(?<!{_JA_NUM[:-1]})(?:(?P<whole>{_JA_NUM})と)?(?P<den>{_JA_NUM})分の(?P<num>{_JA_NUM})")
# a hiragana run made only of numeral readings (the parser then checks it is one numeral)
_KANA_RUN = re.compile(r"(?<![ぁ-ゖ])(?:" + "|".join(numbers.KANA_TOKENS) + r")+(?![ぁ-ゖ])")
_JA_WARI = re.compile(rf"(?<![0-9.{'〇零一二三四五六七八九十'}])([0-9.{'〇零一二三四五六七八九十'}]+)\s?割(?:([0-9一二三四五六七八九])分)?(?:([0-9一二三四五六七八九])厘)?(半)?")
_SLASH_FRACTION = re.compile(
    r"(?<![\w/.,-])(?P<sign>-)?(?:(?P<whole>\d{1,3})(?:\s?(?=[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])|\s+(?=\d{1,3}/)))?"
    r"(?:(?P<num>\d{1,3})\s?/\s?(?P<den>\d{1,4})(?![\d/.]|\.\d)|(?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]))")
_MAYBE_NUMBER = re.compile(r"[0-9〇零一二三四五六七八九十百千万億兆数何幾半½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]")
_ANY_DIGIT = re.compile(r"\d")
_EXPONENT_HINT = re.compile(r"\d\s?[eE^x×*]")
_VULGAR = re.compile(r"[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]")
_KANA_MULTIPLIERS = ("じゅう", "じゅっ", "ひゃく", "びゃく", "ぴゃく", "せん", "ぜん", "まん", "おく", "ちょう")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u2212\u3000\u00a0\u202f\u2009]")
# 6pm, 11 a.m.: a time of day
_CLOCK = {"en": re.compile(r"(?<![\d.])\d{1,2}(?::\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)", re.I),
          "de": re.compile(r"(?<![\d.])\d{1,2}(?:[:.]\d{2})?\s?Uhr\b"),
          "ja": re.compile(r"(?:午前|午後)?(?<![\d.])\d{1,2}時(?!間)(?:\d{1,2}分|半)?")}
# Bounded by Latin letters and digits only: Japanese runs kana and kanji into its numerals (10^30個).
_SCIENTIFIC = re.compile(r"(?<![0-9A-Za-zÀ-ɏ_.,^-])-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d{1,3}(?![0-9A-Za-zÀ-ɏ_.])"
                         r"|(?:\^|\s?\*\*\s?)[+-]?\d{1,3}(?:\.\d+)?(?![0-9A-Za-zÀ-ɏ_.])"
                         r"|\s?[x×*]\s?10\^[+-]?\d{1,3}(?![0-9A-Za-zÀ-ɏ_.]))")
_FOLD = re.compile(r"(?i)\b([a-zäöüß]+|\d+(?:[.,]\d+)?)-?(?:fold|fach(?:e[nmrs]?)?)\b")
_TO_THE = re.compile(r"(?<![\d.])(\d{1,3}) to the (\d{1,3})(?:st|nd|rd|th)?(?: power)?\b")
_NEGATIVE_WORD = re.compile(r"(?:\b(?:minus|negative|Minus|negativ)\s|マイナス)$")
_ARTICLE_ONE = frozenset({"one", "a", "an", "ein", "eine", "einen", "einem", "einer", "eines"})


def _is_million_m(text: str, s: int, e: int, lang: str) -> bool:
    """A lower-case m glued to a number: million after a currency sign or before a counted noun
    ($3m, £1.2m, 1.2m tons, 3m people); otherwise the metre (a 100m race)."""
    if lang == "de" or re.match(r"m[A-Za-z0-9²³/]", text[e:e + 2]):
        return False
    if units.sign_before(text, s) is not None:
        return True
    nxt = re.match(r"m\s([A-Za-z]+)", text[e:e + 30])
    if nxt is None:
        return False
    word = nxt.group(1)
    return units.lookup(word, lang) is not None or (word.endswith("s") and len(word) > 3) \
        or word.lower() in ("people", "staff")


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
    if lang == "ja" and len(surface) == 1 and not surface.isdigit() and not core.scaled and not core.vague \
            and (_CJK.match(text, core.end) or _CJK.match(text[core.start - 1:core.start] if core.start else "")):
        return True  # a lone kanji numeral inside a word: 一歩, 唯一, 三角
    before = text[max(0, core.start - 12):core.start]
    if re.search(r"[\u30a1-\u30fa\u30fc]$", before):
        return True
    # German capitalizes every noun ("im Büro 10.000 Liegestütze"), so only ja/en read this as a name;
    # a capitalized function word ("The 11 members", "Some 300 residents") names nothing
    name = re.search(r"(?<![.!?]\s)\b([A-Z][A-Za-z]+)\s$", before)
    if lang != "de" and name and not core.word and name.group(1).lower() not in _FUNCTION_WORDS:
        return True
    return False


_FUNCTION_WORDS = frozenset("""
the a an some about only all these those its his her their our my your another every each with for in on at by
from of and but or nearly almost over under around just when after before since until during between among roughly
approximately more less fewer than top first last next past exactly total up to into within across per like are were
was is had has have we they he she it i you there here both also still already many just some nearly another
""".split())


def _dedupe(cores: list[_Core]) -> list[_Core]:
    seen: set[tuple[int, int]] = set()
    out = []
    for c in sorted(cores, key=lambda c: (c.start, -(c.end - c.start))):
        if (c.start, c.end) in seen or any(s <= c.start and c.end <= e for s, e in seen):
            continue
        seen.add((c.start, c.end))
        out.append(c)
    return out
