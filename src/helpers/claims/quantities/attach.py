"""Attaching a unit and a qualifier to a numeral: the unit written after it, a currency sign before it,
degrees read as temperature or angle, and units the context implies (GPUs, persons, ages, versions, years).

``_attach`` turns a ``_Core`` into a ``_Q`` (a reading): the unit from the counter, noun or sign
around the number, the value converted to the base unit, and the approximation or bound
qualifier from the words around it.
"""

from __future__ import annotations

import math
import re
import re._parser as re_parser  # type: ignore[import-not-found]
from dataclasses import dataclass, replace
from functools import lru_cache

from ...text.pattern_tables import first_match, may_search
from ...text.regex_guard import guarded
from .. import numbers, units
from ..lexicon import (
    EN_UNITS,
    JA_GPU_CONTEXT,
    JA_PERSON_NOUN,
    JA_SUFFIX_QUAL,
    LATIN_GPU_CONTEXT,
    LATIN_SUFFIX_QUAL,
    PREFIX_QUAL,
    PREFIXED_FLOP,
    SCALE_AFTER,
    UNITS_BY_LANG,
    flop_reading,
)
from ..people_words import PEOPLE_BEFORE, PEOPLE_BEFORE_DE, PEOPLE_COUNTED_BEFORE, PERSON_AFTER_ELLIPSIS
from .degrees import bare_reads_fahrenheit, hinted
from .filters import _is_glued_cent
from .model import _Q, _Core, _UnitHit

# "pounds" is money in British news and weight next to words of weight
_WEIGHT_CONTEXT = re.compile(
    r"(?i)\b(?:weigh\w*|heav\w*|tons?|tonnes?|kilo\w*|kg|lbs?|grams?|ounces?|mass|"
    r"pounds? of)\b"
)
_POUND_KG = 0.45359237
# "a 300-pound lineman", "a 20-pound turkey": a weight; "a 50-pound note", "a 100-pound fine" stay money
_MONEY_AFTER_POUND = re.compile(
    r"\s(?:notes?|fines?|coins?|vouchers?|tickets?|bets?|prizes?|rewards?|fees?|charges?|bills?|payments?|bonus)\b"
)


def _hyphen_weight(text: str, start: int) -> bool:
    """ "300-pound lineman": a pound joined to its number by a hyphen, before no word of money."""
    return start > 0 and text[start - 1] == "-" and _MONEY_AFTER_POUND.match(text, start + len("pound")) is None


_LEAD = re.compile(r"[\s\-]*(?:(?:of|von)\s)?")


def _as_written(text: str, pos: int, end: int) -> str:
    """The unit as written between ``pos`` and ``end``, without the blanks, dashes and "of" that lead to it."""
    lead = _LEAD.match(text, pos, end)  # matches at least the empty string
    return text[lead.end() if lead else pos : end]


# 分 as minutes, unless it starts a word (分野 field, 分析 analysis, 分かる understand) or a fraction (3分の2)
_JA_FUN_WORD = frozenset("の野析類散解割布担配子母岐裂けかっ")

_HYPHEN_WORD = re.compile(r"-[A-Za-z]{2}")
_DEGREES = re.compile(r"(?:\s|-)?(degrees?|deg\.?|Grad|度|°)(?![A-Za-z])")
_TEMPERATURE_CONTEXT = re.compile(
    r"(?i)temperat|warm|cold|hot\b|heat|weather|fever|frost|freez|outside|\bhighs?\b|\blows?\b|forecast|"
    r"fahrenheit|celsius|climat|mercury|thermometer|"
    r"kalt|kält|wärm|heiß|hitze|wetter|fieber|draußen|気温|温度|体温|暑|寒|熱|最高|最低"
)
_ANGLE_CONTEXT = re.compile(
    r"(?i)angle|rotat|turn|tilt|slope|latitude|longitude|winkel|dreh|neig|breite|länge|"
    r"角度|回転|傾"
)
_JA_TEMPERATURE = re.compile(r"(華氏|カ氏|摂氏|セ氏)(?:温度)?の?\s?(?:マイナス\s?)?$")
_VERSION_CONTEXT = re.compile(
    r"(?i)\b(?:version|release[ds]?|model[ls]?|llama|gpt|v)\b|バージョン|モデル|リリース|Modell|Fassung"
)
_CLUSTER_AFTER = re.compile(r"(?:\s|-)(?:GPU-)?(?:clusters?|Cluster[n]?)\b")
# "Alexandr is 28", "He was 19, and", "Wang ist 28.": a copula after a name or pronoun, then a bare number
_AGE_SUBJECT = re.compile(
    r"(?:\b(?:he|she|i|I|He|She|You|They|you|they|er|sie|ich|du|Er|Sie|Ich|Du)|(?<![.!?]\s)(?<!^)\b(?!(?:It|This|That|There|What|Which|Who|The|Es|Das|"
    r"Dies|Der|Die|Was|Wer)\b)[A-Z][a-z]+|^(?!(?:It|This|That|There|What|Which|Who|The|Es|Das|Dies|Der|Die|Was|Wer)\b)"
    r"[A-Z][a-z]+)(?:\s(?:is|was|were|turned|turns|is now|am|are|ist|war|waren|wurde|wird|bin|bist)|['’](?:s|m|re))\s"
    r"(?:(?:still|only|just|now|barely|already|noch|erst|nur|gerade)\s){0,2}$"
)
# "warmer by 1 degree", "a rise of 2C", "1.84 degrees Fahrenheit (1 degree Celsius) warmer", "um 2 Grad wärmer",
# "平年より2度高い": a temperature difference, in kelvin without the scale's offset
# global warming kept "under 1.5C", "limit warming to 2C", "Erwärmung auf 1,5 Grad begrenzen": a rise, in kelvin
_DIFFERENCE_BEFORE = re.compile(
    r"(?i)(?:\bby|\bum|\b(?:rise|increase|warming|drop|fall|cooling|anstieg)\s(?:of|by|von|um)"
    r"|\b(?:warming|erwärmung|erderwärmung)\b[^.;:!?\d]{0,40}\b(?:of|to|at|below|under|within|beyond|above|auf|unter))\s"
    r"(?:(?:about|roughly|around|some|only|just|nearly|almost|well|etwa|rund|fast|deutlich)\s)?$"
)
_DIFFERENCE_AFTER = re.compile(
    r"\)?\s?(?:\([^()]{0,40}\)\s?)?(?:warmer|cooler|hotter|colder|higher|lower|above|below|departure|"
    r"more|less|of\s(?:global\s)?(?:warming|heating|cooling)|wärmer|kälter|höher|niedriger|高|低|上昇|下降|上回|下回)"
)
_OF_THOSE = re.compile(r"^of\s(?:those|the|these|our|its|their)\s")  # "16K of those GPUs"
# also a bound or a kind said between the number and its unit: "90 plus percent", "17 billion active parameters"
_MORE = re.compile(
    r"\s(?:more|extra|additional|further|straight|consecutive|successive|full|whole|long|plus|active|total|input|"
    r"output)(?=\s)"
)
_SCALE_LETTER = re.compile(r"([CF])(?![A-Za-z0-9])")
# "three quarters of a percentage point", "one-tenth of a degree Celsius", "half an hour": a fraction of a unit
_A_POINT = re.compile(r"[\s-](?:percentage[\s-])?point\b(?![\s-](?:guard|plan|lead|shot|line|game|play))")
_OF_A = re.compile(r"\s(?:of\s)?(?:a|an|one)(?=\s)")
_AI_CONTEXT = re.compile(
    r"(?i)\b(?:models?|llama|gpt|llms?|parameters?|weights|mistral|qwen|gemma|deepseek|"
    r"transformers?|gpus?|vram|inference|fine[\s-]?tun\w*|checkpoints?|open[\s-]weights?|gigs|laptops?)\b"
)
# "At 52 I ran ...", "and at 30, she left": "at"/"mit" and a number opening a clause whose subject is a person
_AT_AGE_BEFORE = re.compile(r"(?:^|[.!?;:,]\s|\b(?:and|but|so|then|und|aber|dann)\s)(?:[Aa]t|[Mm]it)\s$")
_SUBJECT_AFTER = re.compile(
    r",?\s(?:I|he|she|you|they|[Ee]r|[Ss]ie|[Ii]ch)\b"
    r"|\s(?:wurde|war|ging|kam|zog|hatte|habe|hat|bin|gründete|übernahm)\s(?:er|sie|ich)\b"
    # "At 32, Holst is decades younger", "Mit 52 war Müller": a name and its verb
    r"|,?\s(?!(?:The|This|That|It|There|Der|Die|Das|Es)\b)[A-Z][a-z]+\s(?:is|was|has|had|became|ist|war|wurde|hat|hatte)\b"
    r"|\s(?:wurde|war|ist|hatte)\s(?!(?:Der|Die|Das|Es)\b)[A-ZÄÖÜ][a-zäöüß]+\b"
)
# "when I was 19 I started", "dropped out of college at 19.", "I turned forty last year": a life event's age,
# said in speech
_LIFE_AGE_BEFORE = re.compile(
    r"(?i)\b(?:(?:when|since|until|by\sthe\stime)\s(?:i|he|she|we|they)\s(?:was|were|turned)"
    r"|\b(?:i|he|she|you|they)\s(?:just\s)?turned"
    r"|(?:dropped\sout|left\s(?:school|college|home)|graduated|retired|married|died|moved\sout|debuted)"
    r"(?:\s(?:of\s)?[a-z]+){0,3}\sat)\s\Z"
)
_CLAUSE_END_AFTER = re.compile(r"\s*(?:[.,;:!?)]|$|\s(?:and|but|when|und|aber|als)\b)")
_WHO_AFTER = re.compile(r"\s(?:who|whom)\b")
_PEOPLE_BEFORE = {"en": PEOPLE_BEFORE, "de": PEOPLE_BEFORE_DE}
# the clause's end after a time adjunct: "headcount grew by over 5,000 in the quarter", "we added 300 this quarter"
_END_AFTER_TIME = re.compile(
    r"(?:\s(?:in|during|for|over|this|last|next)\s(?:the\s|this\s|that\s|fiscal\s)?"
    r"(?:quarter|year|half|month|week|period|FY\s?\d{2,4}|(?:19|20)\d{2}|Q[1-4])\b"
    r"|\s(?:sequentially|year[\s-](?:over|on)[\s-]year|quarter[\s-](?:over|on)[\s-]quarter))?"
    r"(?:\s(?:zu|ab))?\s*(?:[.,;:!?)]|$|\s(?:and|but|when|und|aber|als)\b)"
)
# "Mutai, 30, is the first", "Müller, 41, sagte": a name, its age between commas, and the clause going on
_APPOSITIVE_NAME = re.compile(
    r"(?:^|[\s(])(?!(?:It|This|That|There|What|Which|Who|The|However|But|And|So|Es|Das|Dies|Der|Die|Aber|Und"
    r"|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday"
    r"|Wednesday|Thursday|Friday|Saturday|Sunday|Januar|Februar|März|Juni|Juli|Oktober|Dezember)\b)"
    r"[A-Z][a-zà-ÿ'’-]+,\s\Z"
)
_APPOSITIVE_AFTER = re.compile(r",\s(?!(?:and|or|nor|und|oder)\b)[a-zäöü]+\b")
# a minus written before a currency sign, after a space, a bracket or the start: not a hyphen joining words
_MINUS_BEFORE_SIGN = re.compile(r"(?:\A|[\s(:=])?[-−–]\Z")
# 田中太郎さん（45）, 容疑者(30): Japanese news gives a person's age in brackets after the name
_JA_AGE_BRACKET_BEFORE = re.compile(r"(?:さん|氏|容疑者|被告|選手|監督|社長|会長|議員|知事)[（(]\Z")
_JA_AGE_BRACKET_AFTER = re.compile(r"[）)]")
# "as young as 16", "aged 70", "over the age of 25", "under the age of 18", "im Alter von 16", "ab einem Alter von 18"
_AGE_BEFORE = re.compile(
    r"(?:\b(?:as\s(?:young|old)\sas|aged|(?:the|an?)\sage\sof|im\sAlter\svon)|\b[Aa]lter\s(?:von\s)?)\s\Z"
)


@dataclass(frozen=True)
class _Unit:
    """The unit a core is read with so far, where its reading ends, and whether the text states the unit."""

    unit: str
    mult: float
    offset: float
    end: int
    surface: str
    explicit: bool


_WHOLE = 1 << 20


def _unit_after(text: str, pos: int, lang: str) -> _UnitHit | None:
    """The unit written right after a number: the corpus's counters, or the unit vocabulary where it
    reads a longer unit (人民元 is yuan, not 人 persons; 台湾ドル is Taiwan dollars, not 台 pieces)."""
    table = UNITS_BY_LANG.get(lang, EN_UNITS)
    first = first_match(table, text, pos)  # the table's first pattern that matches at pos
    if first is not None:
        found = first[1]
        unit, mult = table[first[0]][1:]
        hit = units.unit_after(text, pos, lang) if lang == "ja" else None
        if hit is not None and hit.end > found.end() and units.is_currency(hit.info.unit):
            return _UnitHit(hit.info.unit, hit.info.factor, hit.info.offset, hit.end, hit.surface)
        if unit == PREFIXED_FLOP:
            unit, mult = flop_reading(found.group(0))
        return _UnitHit(unit, mult, 0.0, found.end(), _as_written(text, pos, found.end()))
    if lang == "ja":  # Latin units inside Japanese sentences (350,000 H100s, 10 percent)
        for pattern, unit, mult in EN_UNITS[4:]:
            if pattern.pattern.startswith(r"\s?") or pattern.pattern.startswith("(?:\\s"):
                m = pattern.match(text, pos)
                if m and m.end() > pos + 1 and m.group(0).strip():
                    return _UnitHit(unit, mult, 0.0, m.end(), _as_written(text, pos, m.end()))
    hit = units.unit_after(text, pos, lang)
    if hit is None and lang == "ja":
        hit = units.unit_after(text, pos, "en")
    if hit is None and lang != "ja" and _HYPHEN_WORD.match(text, pos):
        return _hyphenated_unit(text, pos, lang)
    if hit is None:
        return None
    if lang == "ja" and hit.surface == "分" and text[hit.end : hit.end + 1] in _JA_FUN_WORD:
        return None
    if (
        units.is_currency(hit.info.unit)
        and re.match(r"\s?-?\d", text[hit.end : hit.end + 3])
        and not units.is_word(hit.surface, lang)
    ):
        return None  # "$ 20,000.00 $ 37,305.97": a sign before the next amount, not after this one
    if hit.info.unit == "gbp" and hit.surface.lower() in ("pound", "pounds") and _WEIGHT_CONTEXT.search(text):
        return _UnitHit("kilogram", _POUND_KG, 0.0, hit.end, hit.surface)
    if hit.info.unit == "gbp" and hit.surface.lower() == "pound" and _hyphen_weight(text, hit.end - len(hit.surface)):
        return _UnitHit("kilogram", _POUND_KG, 0.0, hit.end, hit.surface)
    return _UnitHit(hit.info.unit, hit.info.factor, hit.info.offset, hit.end, hit.surface)


def _hyphenated_unit(text: str, pos: int, lang: str) -> _UnitHit | None:
    """ "48-megapixel", "a 3-nanometer chip": a unit word of two letters or more joined to the number by a hyphen."""
    for pattern, unit, mult in UNITS_BY_LANG.get(lang, EN_UNITS):
        m = pattern.match(text, pos + 1)
        if m and m.group(0)[:1].isalpha() and m.end() - pos > 2:
            return _UnitHit(unit, mult, 0.0, m.end(), _as_written(text, pos, m.end()))
    hit = units.unit_after(text, pos + 1, lang)
    if hit is None or hit.start != pos + 1 or len(hit.surface) < 2 or not hit.surface.isalpha():
        return None
    return _UnitHit(hit.info.unit, hit.info.factor, hit.info.offset, hit.end, hit.surface)


@lru_cache(maxsize=64)
def _end_reach(pattern: re.Pattern[str]) -> int:
    """How far before the end of the string a match of ``pattern`` can start when the pattern ends with ``$`` (no
    MULTILINE): its longest match and a final newline. A search from there finds the same leftmost match (the
    lookbehinds still see the characters before); any other pattern: the whole string."""
    if not pattern.pattern.endswith("$") or pattern.pattern.endswith("\\$") or pattern.flags & re.MULTILINE:
        return _WHOLE
    longest = re_parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
    return longest + 1 if longest < _WHOLE else _WHOLE


def _qualifier(text: str, s: int, e: int, lang: str) -> tuple[str, int, int]:
    qual, qs, qe = "", s, e
    prefixes = PREFIX_QUAL.get(lang, PREFIX_QUAL["en"])
    window = text[max(0, s - 40) : s]
    # one search for all the prefixes first: most numbers have none (a match ends at the window's end, so it starts
    # within each pattern's reach of it: searching from the window's start finds it too)
    for pattern, q in prefixes if may_search(prefixes, window) else ():
        m = pattern.search(window, max(0, len(window) - _end_reach(pattern)))
        if m:
            qual, qs = q, s - (len(window) - m.start())
            break
    if lang == "ja":
        first = first_match(JA_SUFFIX_QUAL, text, e)
        if first is not None:
            qe = first[1].end()
            if not qual:
                qual = JA_SUFFIX_QUAL[first[0]][1]
    elif not qual:  # a qualifier before the number wins; the words after are then not read
        suffixes = LATIN_SUFFIX_QUAL.get(lang, ())
        first = first_match(suffixes, text, e)
        if first is not None:
            qual, qe = suffixes[first[0]][1], first[1].end()
    return qual, qs, qe


def _base_unit(unit: str, value: float, text: str, end: int, lang: str) -> str:
    """Resolve the provisional units: 年 → calendar year or duration, 個/台 → gpu or count."""
    if unit == "_year":
        tail = text[end : end + 2]
        if 1800 <= value <= 2100 and float(value).is_integer() and not tail.startswith(("間", "前", "後")):
            return "year"
        return "duration_year"
    if unit == "_piece":
        return "gpu" if JA_GPU_CONTEXT.search(text) else "count"
    return unit


def _is_age(text: str, core: _Core, lang: str) -> bool:
    """A bare whole number 1..120 that is a person's age: right after "<Name> is (still only)" and closing its
    clause, between commas after a name ("Mutai, 30, is"), or in brackets after a Japanese name (山田さん（45）)."""
    if core.low != core.high or not core.low.is_integer() or not 1 <= core.low <= 120:
        return False
    before = text[max(0, core.start - 40) : core.start]
    if lang == "ja":
        return bool(_JA_AGE_BRACKET_BEFORE.search(before)) and _JA_AGE_BRACKET_AFTER.match(text, core.end) is not None
    if lang not in ("en", "de"):
        return False
    if _APPOSITIVE_NAME.search(before) and _APPOSITIVE_AFTER.match(text, core.end):
        return True
    if _AT_AGE_BEFORE.search(before) and _SUBJECT_AFTER.match(text, core.end):
        return True  # "At 52 I ran General Instrument", "Mit 52 wurde er Chef": an age opening the clause
    if lang == "en" and _LIFE_AGE_BEFORE.search(before) and units.unit_after(text, core.end, "en") is None:
        return True
    return bool(_AGE_SUBJECT.search(before)) and _CLAUSE_END_AFTER.match(text, core.end) is not None


def _attach(text: str, core: _Core, lang: str, sign_ok: bool = True) -> _Q | None:
    """The reading of a core: its unit, value in the base unit, qualifier and span (None: not a quantity)."""
    if core.kind in ("version", "year"):
        u = _Unit(core.kind, 1.0, 0.0, core.end, "", False)
    elif core.kind == "size":
        u = _Unit("parameter", 1.0, 0.0, core.end, text[core.end - 1] if text[core.end - 1] in "bB" else "", True)
    elif core.kind == "fraction":
        core, u = _fraction_unit(text, core, lang)
    elif core.unit:
        u = _Unit(core.unit, 1.0, 0.0, core.end, "", True)
    else:
        core, u, found = _written_unit(text, core, lang, sign_ok)
        core, u = _degree_unit(text, core, lang, u, found)
        core, u = _unit_from_context(text, core, lang, u)
    return _reading(text, core, lang, u)


def _temperature_letter(text: str, end: int, lang: str) -> bool:
    """A C or F glued to a number in a sentence about temperature ("40C", "104F"): the scale, not a name."""
    return (
        lang != "ja"
        and _SCALE_LETTER.match(text, end) is not None
        and (_TEMPERATURE_CONTEXT.search(text) or _NEGATIVE_BEFORE.search(text, max(0, end - 8), end)) is not None
    )  # "-52C": a number below zero with the letter is a temperature in any sentence


_NEGATIVE_BEFORE = re.compile(r"(?:^|[\s(])[-−]\d{1,3}(?:\.\d)?$")


def _fraction_unit(text: str, core: _Core, lang: str) -> tuple[_Core, _Unit]:
    """A fraction alone is a percentage (a third = 33.3); before "of a <unit>" it is that share of the unit."""
    of_a = _OF_A.match(text, core.end) if lang != "ja" else None
    hit = _unit_after(text, of_a.end(), lang) if of_a else None
    point = _A_POINT.match(text, of_a.end() if of_a else core.end) if lang == "en" else None
    if hit is None and point is not None:  # "cut by a quarter point", "half a percentage point": of a point
        hit = _UnitHit("percentage_point", 1.0, 0.0, point.end(), point.group(0).strip())
    if hit is None and of_a is not None and _TEMPERATURE_CONTEXT.search(text):
        deg = _DEGREES.match(text, of_a.end())
        info = units.lookup("°C", "en") if deg else None
        hit = _UnitHit(info.unit, info.factor, info.offset, deg.end(), deg.group(1)) if info and deg else None
    if hit is None or hit.unit in ("count", "percent"):
        return core, _Unit("percent", 1.0, 0.0, core.end, "", False)
    share = replace(core, low=core.low / 100, high=core.high / 100)
    return share, _Unit(hit.unit, hit.mult, hit.offset, hit.end, hit.surface, True)


def _written_unit(text: str, core: _Core, lang: str, sign_ok: bool) -> tuple[_Core, _Unit, bool]:
    """The unit written after the number and the currency sign before it (the core then starts at the sign);
    and whether a unit follows the number."""
    e = core.end
    unit, mult, explicit = "count", 1.0, False
    offset, unit_surface = 0.0, ""
    found = _unit_after(text, e, lang)
    if found is None and text[e : e + 1] == "+" and lang != "ja":
        found = _unit_after(text, e + 1, lang)  # "430+ points", "100+ people": a lower bound, then the unit
    if found is None and _is_glued_cent(text, e, lang):
        found = _UnitHit("usd", 0.01, 0.0, e + 1, "c")
    more = _MORE.match(text, e) if found is None and lang == "en" else None
    if more is not None:  # "seven more years", "two extra GPUs": the unit after the word of addition
        found = _unit_after(text, more.end(), lang)
    if found:
        unit, mult, e, offset, unit_surface = found.unit, found.mult, found.end, found.offset, found.surface
        explicit = True
    # currency before the number ($, US$, €, £, ¥, USD, RM); a currency word after it may repeat it
    sign = units.sign_before(text, core.start) if sign_ok else None
    if sign is not None and (not found or units.is_currency(unit) or unit in ("count", "parameter")):
        core = replace(core, start=sign.start)
        if _MINUS_BEFORE_SIGN.match(text[max(0, sign.start - 2) : sign.start]) and core.low >= 0:
            # "-$0.04", "EPS of −€0.10": the minus before the currency sign belongs to the amount
            core = replace(core, start=sign.start - 1, low=-core.high, high=-core.low)
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
    return core, _Unit(unit, mult, offset, e, unit_surface, explicit), found is not None


def _degree_unit(text: str, core: _Core, lang: str, u: _Unit, found: bool) -> tuple[_Core, _Unit]:
    """Degrees after a number with no other unit: Celsius near words of temperature, radians near words of angle,
    Fahrenheit or Celsius where Japanese names the scale before the number (華氏51度)."""
    scale = _SCALE_LETTER.match(text, u.end) if not found and _temperature_letter(text, u.end, lang) else None
    if scale is not None:
        info = units.lookup("°" + scale.group(1), "en")
        if info is not None:
            return core, _Unit(info.unit, info.factor, info.offset, scale.end(), scale.group(1), True)
    if not found:
        deg = _DEGREES.match(text, u.end)
        if deg and (core.low < 0 or hinted() or _TEMPERATURE_CONTEXT.search(text)) and not _ANGLE_CONTEXT.search(text):
            # "-5 Grad", "it was 24 degrees outside", "気温は30度": degrees Celsius, the everyday scale;
            # "highs of 101 to 107 degrees" in English weather: Fahrenheit (degrees.py)
            info = units.lookup("°F" if bare_reads_fahrenheit(text, lang, core.high) else "°C", "en")
            if info is not None and not (
                lang == "ja" and _JA_TEMPERATURE.search(text, max(0, core.start - 10), core.start)
            ):
                u = _Unit(info.unit, info.factor, info.offset, deg.end(), deg.group(1), True)
                found = True
        elif deg and _ANGLE_CONTEXT.search(text):
            u = replace(u, unit="radian", mult=math.pi / 180, end=deg.end(), explicit=True, surface=deg.group(1))
            found = True
    if lang == "ja" and not found and text[u.end : u.end + 1] == "度":
        # 華氏51度, 摂氏温度の10度, 華氏マイナス5度: the scale is named before the number
        pre = _JA_TEMPERATURE.search(text, max(0, core.start - 10), core.start)
        if pre is not None:
            info = units.lookup("°F" if pre.group(1) in ("華氏", "カ氏") else "°C", "en")
            if info is not None:
                core = replace(core, start=pre.start())
                if "マイナス" in pre.group(0) and core.low > 0:
                    core = replace(core, low=-core.low, high=-core.high)
                u = _Unit(info.unit, info.factor, info.offset, u.end + 1, pre.group(1), True)
    return core, u


def _people_far_before(text: str, core: _Core, lang: str, end: int) -> bool:
    """A bare count of people whose noun stands far from it: "the number of Americans ... fell 49,000 to 1.98
    million", "a sample of 2,000", "the first 95 who developed symptoms", "1613 people had waited, while now
    411 000 have" (an elliptical clause repeating a count of people)."""
    before = PEOPLE_COUNTED_BEFORE.get(lang)
    if before is not None and before.search(text, max(0, core.start - 100), core.start):
        return True
    if lang == "en" and _WHO_AFTER.match(text, end):
        return True
    ellipsis = PERSON_AFTER_ELLIPSIS.get(lang)
    return (
        ellipsis is not None
        and ellipsis[0].match(text, end) is not None
        and bool(ellipsis[1].search(text, 0, core.start))
    )


_BARE_DECIMAL = re.compile(r"\d\.\d{1,2}")  # 3.1: a model version next to model words
_FOUR_DIGITS = re.compile(r"\d{4}")


def _unit_from_context(text: str, core: _Core, lang: str, u: _Unit) -> tuple[_Core, _Unit]:
    """Units the words around a number imply: and a half (2年半), persons, GPUs, ages, model versions, years."""
    unit, e, explicit = u.unit, u.end, u.explicit
    if lang == "ja":
        if (
            core.kind == "num"
            and explicit
            and unit not in ("count", "_piece", "person", "gpu")
            and text.startswith("半", e)
        ):  # 2年半, 1時間半: and a half
            core = _Core(
                core.start, core.end, core.low + 0.5, core.high + 0.5, core.vague, core.kind, core.scaled, core.word
            )
            e += 1
        if unit in ("count", "_piece") and JA_PERSON_NOUN.match(text, e):
            unit = "person"
        elif unit == "count" and not explicit and _is_age(text, core, lang):
            unit, explicit = "age", True
    else:
        if unit == "count" and LATIN_GPU_CONTEXT.match(_OF_THOSE.sub("", text[e : e + 30].lstrip(" -"), count=1)[:12]):
            unit = "gpu"
        elif unit == "count" and core.low >= 1000 and _CLUSTER_AFTER.match(text, e):
            unit = "gpu"  # "24K clusters": a cluster is sized by its GPUs, never 24,000 clusters
        elif (
            unit == "count"
            and not explicit
            and lang in _PEOPLE_BEFORE
            and core.high >= 1000
            and _END_AFTER_TIME.match(text, e)
            and _PEOPLE_BEFORE[lang].search(text, max(0, core.start - 80), core.start)
        ):
            unit = "person"  # "monthly active users rose 26% to 46 million.", "Die Belegschaft wuchs auf 323.000."
        elif unit == "count" and not explicit and _AGE_BEFORE.search(text, max(0, core.start - 20), core.start):
            unit, explicit = "age", True  # "teens as young as 16", "aged 70", "im Alter von 16"
        elif unit == "count" and not core.scaled and _is_age(text, core, lang):
            unit, explicit = "age", True
        elif unit == "count" and not explicit and _people_far_before(text, core, lang, e):
            unit = "person"
        elif unit == "count" and core.scaled and text[core.end - 1] in "bB" and _AI_CONTEXT.search(text):
            unit, explicit = "parameter", True  # "the 8b and 70b models": model sizes in parameters
            u = replace(u, surface=text[core.end - 1])
    if (
        not explicit
        and not core.scaled
        and core.word is False
        and _BARE_DECIMAL.fullmatch(text[core.start : core.end])
        and _VERSION_CONTEXT.search(text)
    ):
        unit = "version"  # a bare 3.1 next to model or version words is a model version
    if (
        not explicit
        and core.kind == "num"
        and lang != "ja"
        and 1800 <= core.low <= 2100
        and core.low.is_integer()
        and core.low == core.high
        and _FOUR_DIGITS.fullmatch(text[core.start : core.end])
    ):
        unit = "year"
    return core, replace(u, unit=unit, end=e, explicit=explicit)


def _reading(text: str, core: _Core, lang: str, u: _Unit) -> _Q | None:
    """The reading of a core with its unit: provisional units resolved, qualifier and value in the base unit."""
    e = u.end
    unit = _base_unit(u.unit, core.low, text, e, lang)
    if unit == "_month_name":
        if 1 <= core.low <= 12 and core.low == core.high:
            return None  # 4月に: the month April, a calendar reference rather than a quantity
        unit = "other"
    if unit == "year" and text[e - 2 : e] == "年代":
        core = _Core(core.start, core.end, core.low, core.low + 9, core.vague, core.kind, core.scaled, core.word)
    qual, qs, qe = _qualifier(text, core.start, e, lang)
    raw_low, raw_high = core.low, core.high
    if u.offset and (
        _DIFFERENCE_BEFORE.search(text, max(0, core.start - 30), core.start) or _DIFFERENCE_AFTER.match(text, e)
    ):
        u = replace(u, offset=0.0)
    low = numbers.finite_or_none(core.low * u.mult + u.offset)
    high = numbers.finite_or_none(core.high * u.mult + u.offset)
    if low is None or high is None:
        return None
    return _Q(
        qs,
        qe,
        low,
        high,
        unit,
        u.mult,
        core.vague,
        qual,
        u.explicit,
        core.kind,
        raw_low,
        raw_high,
        core.scaled,
        u.offset,
        u.surface,
    )


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_AI_CONTEXT = guarded(_AI_CONTEXT)
_AGE_SUBJECT = guarded(_AGE_SUBJECT)
