"""Numeral finders for German and English text: digits with scale words (3.5 Milliarden, $3m), powers
written out (10 to the 13th), "a billion", vague words (tens of billions), spelled-out numbers
(two hundred fifty, zweieinhalb), multiples (tenfold), "a dozen" and the "one" that starts a range.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ...text.regex_guard import guarded
from .. import numbers, spelled, spoken, units
from ..lexicon import LATIN_NUM, SCALE_AFTER, flop_reading
from ..word_runs import word_runs
from .articles_de import article_units_de
from .attach import _AI_CONTEXT, _unit_after
from .degrees import TEMPERATURE_DECADES, decade_bounds, hinted, reads_fahrenheit
from .filters import is_article_ordinal
from .model import _Core, _overlaps, _spans
from .spoken_forms import _may_size, _spoken_label, _spoken_sizes, _spoken_years

_FOLD = re.compile(r"(?i)\b([a-zäöüß]+|\d+(?:[.,]\d+)?)-?(?:fold|fach(?:e[nmrs]?)?)\b")
# "twice the speed", "more than triple the 2.3 million"; not "a double the next day" (the noun)
_TWICE = re.compile(
    r"(?i)\b(?:twice|thrice)\b(?=\s(?:the|as|that|what|[a-z]+er)\b)"
    r"|(?<!\ba\s)(?<!the\s)\b(?:double|triple|quadruple)(?=\sthe\b)"
)
# "doppelt so hoch", "das Doppelte des Umsatzes": German's word for a multiple of two
_DOUBLE_DE = re.compile(r"\b[Dd]oppelt(?=\sso\b)|(?<=\b[Dd]as\s)Doppelte\b|(?<=\bum\sdas\s)Doppelte\b")
_MULTIPLE_WORDS = {"twice": 2.0, "thrice": 3.0, "double": 2.0, "triple": 3.0, "quadruple": 4.0}
# "scored twice in the last 10 minutes", "has been married twice.": occurrences, counted as "two times" is
_TWICE_OCCURRENCE = re.compile(
    r"(?i)(?<=[a-z]\s)(?:twice|thrice)(?=\s?(?:$|[.,;:!?)]|\s(?:in|on|at|before|after|during|for|this|last|and|"
    r"since|within|over|so far|already|now|then|while|when|but|or|to)\b))"
)
_ARTICLE_UNIT = re.compile(r"\b(?:a|an|A|An)(?:\s(single))?(?=\s[a-z])")
# "the mile-wide asteroid", "a foot-long sandwich", "a metre-high wall": one unit of length as a compound adjective
UNIT_ADJECTIVE = re.compile(
    r"\b(?:a|an|the|A|An|The)\s(mile|foot|yard|inch|metre|meter|kilometre|kilometer)-(?:wide|long|high|deep|tall|thick)\b"
)
# lengths, power, energy and data; volumes and masses after an article are what a price is per ("a barrel of Brent")
_ARTICLE_UNITS = frozenset({"meter", "watt", "joule", "byte", "byte_per_second"})
# "an exaflop in a single rack", "a petaflop": one unit of compute per second, an amount whatever follows
_ARTICLE_FLOP = re.compile(r"\b(?:a|an|A|An)\s(?:single\s)?((?i:giga|tera|peta|exa)-?flops?)\b(?![\s-]?days?\b)")
# a sentence that speaks of temperature readings, where "the 90s" are degrees rather than years
_DECADE_CONTEXT = re.compile(r"(?i)\btemperatures?\b|\bhighs\b|\blows\b|\bdegrees\b|mercury|thermometer|heat index")
_SHARE_CONTEXT = re.compile(
    r"(?i)\b(?:margins?|tax\srates?|yields?|growth\srates?|interest\srates?|mortgage\srates?|approval|"
    r"ratings?|polls?|polling|percent|per\scent|unemployment|turnout)\b"
)
_DE_ORDINALS = {
    "zweite": 2,
    "dritte": 3,
    "vierte": 4,
    "fünfte": 5,
    "sechste": 6,
    "siebte": 7,
    "achte": 8,
    "neunte": 9,
    "zehnte": 10,
}
_EVERY_NTH_DE = re.compile(r"\b[Jj]ede[rs]?\s(zweite|dritte|vierte|fünfte|sechste|siebte|achte|neunte|zehnte)\b", re.I)
_SPOKEN_K = re.compile(r"\s[kK]\b")
_IDIOM_OF_THE = re.compile(r"\sof\sthe\s(?:story|picture|equation|battle|coin)\b")
_PERIOD_AFTER_ARTICLE = re.compile(
    r"(?<![\w-])([Aa]n?)\s(?=(?:decade|century|year|month|week|fortnight|day|hour|minute)s?\b"
    r"(?![’']s|\s(?:ago|earlier|later|before|after|since|or\s(?:so|two|more)\b)))"
)
_PERIOD_BOUND_BEFORE = re.compile(
    r"(?i)\b(?:more\sthan|over|nearly|almost|about|around|under|less\sthan|within|at\sleast|roughly|for|took|"
    r"lasted|spent)\s$"
)
# "two doses a month apart": the interval between two events is an amount of time
_APART = re.compile(r"(?:decade|century|year|month|week|fortnight|day|hour|minute)s?\sapart\b")
_AMOUNT_AFTER = re.compile(
    r"\s(?:of|deep|long|high|wide|tall|away|thick|across|below|above|or\smore|"
    # the unit as the subject of its clause: "when a gigawatt is up", "a gigawatt powers a city"
    r"is|was|will|would|could|can|comes|goes|costs|needs|takes|runs|powers|feeds)\b|[.,;:!?]|$"
)
# a bound said before the article makes it an amount whatever follows: "over a gigawatt when it's built"
_BOUND_BEFORE = re.compile(
    r"(?i)\b(?:more\sthan|less\sthan|over|under|nearly|almost|about|around|roughly|at\sleast|up\sto)\s\Z"
)
_RATIO = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s?(?:to|:)\s?1\s(?:ratio)\b")
_TO_THE = re.compile(r"(?<![\d.])(\d{1,3}) to the (\d{1,3})(?:st|nd|rd|th)?(?: power)?\b")
_NEGATIVE_WORD = re.compile(r"(?:\b(?:minus|negative|Minus|negativ)[\s-]|マイナス)$")
# a scale word after a vague word multiplies its bracket: "a couple of hundred engineers" (200-300), "several
# billion dollars", "ein paar Hundert Euro", "tens of thousands"
_VAGUE_SCALE = re.compile(
    r"\s(?:von\s)?(Hundert|Tausend|Milliarden|Millionen|Billionen|Dutzend)\b"
    r"|\s(?:of\s)?(hundreds?|thousands?|millions?|billions?|trillions?|dozens?)\b",
    re.I,
)
_HUNDREDS = {
    "hundert": 100.0,
    "hundred": 100.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "tausend": 1e3,
    "dozen": 12.0,  # "a couple of dozen engineers": 24 to 36
    "dozens": 12.0,
    "dutzend": 12.0,
}
# "one in 50", "one out of every ten", "einer von fünf": the part of a proportion (proportions.py)
_ONE_IN_WHOLE = re.compile(
    r"\s(?:in|out\sof(?:\severy)?|of\severy|von|aus)\s(?:je\s)?(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|"
    r"zwanzig|hundert|tausend)\b)",
    re.I,
)
_ARTICLE_ONE = frozenset({"one", "a", "an", "ein", "eine", "einen", "einem", "einer", "eines"})


def _latin_cores(text: str, lang: str, taken: list[tuple[int, int]], words: bool = True) -> list[_Core]:
    """Digit numbers (with scale words), spelled-out numbers and vague scale words in de/en text
    (``words=False``: Latin numerals inside Japanese text, where English number words are not read)."""
    lang = lang if lang in ("de", "en") else "en"
    cores, refused = _powers_of_ten(text, lang, taken)
    cores += _ratios(text, taken + _spans(cores)) if lang == "en" else []
    cores += _spoken_periods(text, taken + _spans(cores)) if lang == "en" and words else []
    cores += (
        _spoken_sizes(text, taken + _spans(cores))
        if lang == "en" and words and _may_size(text) and _AI_CONTEXT.search(text)
        else []
    )
    if lang == "en" and "0s" in text and (hinted() or _DECADE_CONTEXT.search(text)):
        cores += _temperature_decades(text, taken + _spans(cores))
    elif lang == "en" and "0s" in text and _SHARE_CONTEXT.search(text):
        cores += _share_decades(text, taken + _spans(cores))
    cores += _digit_numbers(text, lang, taken + refused + _spans(cores))
    cores += _article_scales(text, lang, taken + _spans(cores))
    cores += _vague_words(text, lang, taken + _spans(cores))
    if lang == "de" and "ede" in text:
        cores += _every_nth(text, taken + _spans(cores))
    if words and lang == "en":
        cores += _spoken_years(text, taken + _spans(cores))
    if words:
        cores = _with_spelled(text, lang, taken, cores)
    cores = _with_multiples(text, lang, taken, cores)
    cores += _dozens(text, taken + _spans(cores))
    if lang == "en" and words:
        cores += _article_units(text, taken + _spans(cores))
        cores += _article_spans(text, taken + _spans(cores))
    elif lang == "de":
        cores += article_units_de(text, taken + _spans(cores))  # "ein Gigawatt", "um ein Prozent"
    cores += _range_ones(text, lang, taken + _spans(cores))
    return cores


def _powers_of_ten(text: str, lang: str, taken: list[tuple[int, int]]) -> tuple[list[_Core], list[tuple[int, int]]]:
    """Powers of ten written out ("10 to the 13th"); and the spans of powers too large, which are no claim,
    and neither are their digits."""
    cores: list[_Core] = []
    refused: list[tuple[int, int]] = []
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
    for s, e, v in spoken.spoken_powers(text, lang):  # "ten to the thirteen", "zehn hoch dreizehn"
        if not _overlaps(s, e, taken + _spans(cores)):
            cores.append(_Core(s, e, v, v))
    return cores, refused


def _digit_numbers(text: str, lang: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """Digit numbers with a sign word before (minus 5) and a scale word after (3.5 Milliarden, $3m)."""
    cores: list[_Core] = []
    scale_re = SCALE_AFTER[lang]
    for m in LATIN_NUM.finditer(text):
        s, e, written = m.start(), m.end(), m.group(0)
        head = re.match(r"\d{1,3}(?=[ \u00a0]\d)", written) if _overlaps(s, e, blocked) else None
        if head is not None and not _overlaps(s, s + head.end(), blocked):
            e, written = s + head.end(), head.group(0)  # "30 737 MAX aircraft": a count before a model's number
        if _overlaps(s, e, blocked) or _overlaps(s, e, _spans(cores)):
            continue
        v = numbers.parse_latin(written, lang)
        if v is None:
            continue
        neg = _NEGATIVE_WORD.search(text, max(0, s - 10), s)
        if neg and v > 0:
            v, s = -v, neg.start()
        scaled = False
        sm = scale_re.match(text, e)
        if sm is None and text[e : e + 1] == "m" and _is_million_m(text, s, e, lang):
            sm = re.compile("m").match(text, e)
        if sm:
            mult = numbers.SCALE_WORDS[lang].get(sm.group(0).strip().lower().rstrip("."), None)
            if mult is None:  # "Mrd.", "bill.": abbreviations kept with their dot
                mult = numbers.SCALE_WORDS[lang].get(sm.group(0).strip().lower())
            if mult is not None:
                v = numbers.finite_or_none(v * mult)
                if v is None:
                    continue
                e = sm.end()
                scaled = True
        cores.append(_Core(s, e, v, v, scaled=scaled))
    return cores


# the indefinite article as the number one (before a scale word), and the one that opens a range
_ARTICLE = {"de": re.compile(r"\b(?:eine|ein|einer|einen)\s", re.I), "en": re.compile(r"\b(?:a|an|one)\s", re.I)}
_RANGE_ONE = {
    "de": re.compile(r"\b(?:ein|eine|einen)(?=\s(?:oder|bis)\s)|(?<=\bzwischen\s)(?:einem|einer)(?=\sund\s)", re.I),
    "en": re.compile(r"\b(?:one)(?=\s(?:or|to)\s)|(?<=\bbetween\s)one(?=\sand\s)", re.I),
}


def _article_scales(text: str, lang: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """The indefinite article as the number one before a scale word ("eine Million", "a billion")."""
    cores: list[_Core] = []
    scale_re = SCALE_AFTER[lang]
    if lang == "en" and (runs := word_runs(text)) is not None and runs.isdisjoint(numbers.SCALE_WORDS["en"]):
        return cores  # a scale word is a whole word: none in the text, no core
    for m in _ARTICLE[lang].finditer(text):
        sm = scale_re.match(text, m.end() - 1)
        if sm and sm.group(1):
            mult = numbers.SCALE_WORDS[lang].get(sm.group(1).lower().rstrip("."))
            if mult and not _overlaps(m.start(), sm.end(), blocked + _spans(cores)):
                cores.append(_Core(m.start(), sm.end(), mult, mult, scaled=True, word=True))
    return cores


def _vague_words(text: str, lang: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """Vague words with their bracket ("tens of billions", "Milliarden (von) Dollar", "ein paar Monate")."""
    cores: list[_Core] = []
    table = numbers.vague_brackets().get(lang, {})
    vague_re = _vague_re(lang)
    occupied = list(blocked)
    for m in vague_re.finditer(text) if vague_may_occur(text, lang) else ():
        s, e = m.start(), m.end()
        if _overlaps(s, e, occupied):
            continue
        low, high = table[m.group(1).lower()]
        scaled = m.group(1).lower() in (
            "millionen",
            "milliarden",
            "billionen",
            "millions",
            "billions",
            "trillions",
            "many millions",
            "many billions",
        )
        sm = _VAGUE_SCALE.match(text, e) if not scaled else None
        while sm:  # "a few hundred thousand shares", "several hundred million dollars": each scale word multiplies
            word = (sm.group(1) or sm.group(2)).lower()
            mult = _HUNDREDS.get(word) or numbers.SCALE_WORDS[lang].get(word, 1.0)
            low, high, e, scaled = low * mult, high * mult, sm.end(), True
            sm = _VAGUE_SCALE.match(text, e) if word in ("hundred", "hundert") else None
        cores.append(_Core(s, e, low, high, vague=True, scaled=scaled))
        occupied.append((s, e))
    return cores


def _with_spelled(text: str, lang: str, taken: list[tuple[int, int]], cores: list[_Core]) -> list[_Core]:
    """``cores`` with spelled-out numbers, fractions and mixed numbers ("two hundred fifty", "two-thirds",
    "zweieinhalb") in place of the digit numbers they contain."""
    cores = list(cores)
    scale_re = SCALE_AFTER[lang]
    for sp in spelled.spelled_numbers(text, lang):
        s, e = sp.start, sp.end
        if _overlaps(s, e, taken):
            continue
        inside = [c for c in cores if s <= c.start and c.end <= e]
        crossing = [c for c in cores if c.start < e and s < c.end]
        if len(inside) != len(crossing) or any(c.kind not in ("num", "fraction") for c in crossing):
            continue  # crosses a number found otherwise ("thousands of")
        surface = text[s:e].lower()
        if (
            sp.kind == "int"
            and sp.words == 1
            and sp.value == 1
            and surface in _ARTICLE_ONE
            and not (surface in ("one", "eins") and _unit_after(text, e, lang) is not None)
            and not (surface == "one" and lang == "en" and _is_counted_one(text, s, e))
            and not _ONE_IN_WHOLE.match(text, e)
        ):
            continue  # "one", "ein": an article or pronoun far more often than a count ("one penny" counts)
        if not sp.words and sp.kind == "int":
            continue
        if sp.kind == "fraction" and (is_article_ordinal(text, s, e, lang) or _IDIOM_OF_THE.match(text, e)):
            continue  # "a third of", "one half of the story": an ordinal, an idiom
        if lang == "en" and _spoken_label(text, s, e, surface, scale_re):
            continue  # "q three", "h one hundreds", "gb two hundred", "the seven thirty seven max": a name
        for c in inside:
            cores.remove(c)
        v, e2, scaled = sp.value, e, False
        sm = scale_re.match(text, e)
        if sm and not sm.group(1) and lang == "en" and not _SPOKEN_K.match(text, e):
            sm = None  # after a spelled number only a spoken "k" is a scale ("five hundred k users")
        if sm and sp.kind != "fraction":
            word = sm.group(1) or sm.group(0).strip()
            mult = numbers.SCALE_WORDS[lang].get(word.lower().rstrip("."))
            if mult is not None:
                v, e2, scaled = v * mult, sm.end(), True
        scaled = scaled or any(
            w in surface
            for w in (
                "thousand",
                "million",
                "billion",
                "trillion",
                "tausend",
                "million",
                "milliard",
                "billion",
                "lakh",
                "crore",
            )
        )
        if sp.kind == "fraction":
            cores.append(_Core(s, e2, 100 * v, 100 * v, kind="fraction", word=True))
        else:
            cores.append(_Core(s, e2, v, v, scaled=scaled, word=True))
    return cores


# "one goal", "one single over", "one penalty kick each": "one" before a counted noun, where the text weighs
# the number ("only one goal", "in one over"); idioms ("one day", "one thing", "one way"), partitives and
# pronouns ("one of", "one who", "the one guy", "at least one player") are no count
_ONE_IDIOM_AFTER = frozenset(
    """
day days time times thing things way ways hand side point bit another more other others such who that which
of and or but to in on at for with from by as if so than then there is was has had does did can could would
will should must may might we you they he she it i me us them yet ever still now here again too also already
just even only really very not never
""".split()
)
_ONE_NOT_BEFORE = re.compile(
    r"(?i)\b(?:the|this|that|which|any|every|no|some|each|no\.|number|at|at least|last|the only)\s$"
)


def _is_counted_one(text: str, s: int, e: int) -> bool:
    """Whether the word "one" at s..e counts the noun after it ("scored just one goal")."""
    nxt = re.match(r"\s(?:single\s)?([a-z]+)\b", text[e : e + 30])
    if nxt is None or nxt.group(1) in _ONE_IDIOM_AFTER or text[s : s + 1].isupper():
        return False
    return _ONE_NOT_BEFORE.search(text, max(0, s - 12), s) is None


def _with_multiples(text: str, lang: str, taken: list[tuple[int, int]], cores: list[_Core]) -> list[_Core]:
    """``cores`` with "tenfold", "3-fold", "zehnfach" (a multiple) in place of the numbers inside them."""
    for m in _TWICE.finditer(text) if "ice" in text or "le the" in text else ():
        if not _overlaps(m.start(), m.end(), taken):  # "twice the speed", "twice as fast", "triple the": a multiple
            v = _MULTIPLE_WORDS[m.group(0).lower()]
            cores.append(_Core(m.start(), m.end(), v, v, word=True, unit="multiple"))
    for m in _DOUBLE_DE.finditer(text) if lang == "de" and "oppelt" in text else ():
        if not _overlaps(m.start(), m.end(), taken):
            cores.append(_Core(m.start(), m.end(), 2.0, 2.0, word=True, unit="multiple"))
    for m in _TWICE_OCCURRENCE.finditer(text) if "ice" in text else ():
        if not _overlaps(m.start(), m.end(), taken + _spans(cores)):
            v = 2.0 if m.group(0).lower() == "twice" else 3.0
            cores.append(_Core(m.start(), m.end(), v, v, word=True, unit="count"))
    for m in _FOLD.finditer(text) if "fold" in text or "fach" in text else ():
        if _overlaps(m.start(), m.end(), taken):
            continue
        head = m.group(1)
        fold = numbers.parse_latin(head, lang) if head[0].isdigit() else numbers.parse_word_number(head, lang)
        if fold is not None and fold > 1:
            cores = [c for c in cores if not (m.start() <= c.start and c.end <= m.end())]
            cores.append(_Core(m.start(), m.end(), fold, fold, word=not head[0].isdigit(), unit="multiple"))
    return cores


def _dozens(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """Twelve, written "a dozen" or "ein Dutzend"."""
    cores: list[_Core] = []
    runs = word_runs(text)
    if runs is not None and "dozen" not in runs and "dutzend" not in runs:
        return cores
    for m in re.finditer(r"\b(?:a|one|ein)\s(?:dozen|Dutzend)\b", text, re.I):
        if not _overlaps(m.start(), m.end(), blocked + _spans(cores)):
            cores.append(_Core(m.start(), m.end(), 12.0, 12.0, word=True))
    return cores


def _article_units(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """The article as one unit of length, power, energy or data where it states an amount ("a gigawatt of power",
    "less than a metre deep", "beyond a terabyte."), and "a single" unit wherever it stands
    ("a single gigawatt data center"); never after an amount ("5 dollars a metre")."""
    cores: list[_Core] = []
    for m in _ARTICLE_UNIT.finditer(text) if " a" in text or text[:2] in ("a ", "A ", "an", "An") else ():
        hit = units.unit_after(text, m.end(), "en", words_only=True)
        before = text[max(0, m.start() - 30) : m.start()].split()
        if (
            hit is None
            or hit.info.unit not in _ARTICLE_UNITS
            # "a single gigawatt data center": an amount whatever follows
            or not (
                m.group(1)
                or _AMOUNT_AFTER.match(text, hit.end)
                or _BOUND_BEFORE.search(text, max(0, m.start() - 16), m.start())
            )
            or (before and (any(ch.isdigit() for ch in before[-1]) or units.lookup(before[-1], "en")))
            # "a bit of a shame", "a bit more": the idiom, not one binary digit ("a single bit" stays one)
            or (not m.group(1) and text[m.end() : hit.end].strip().lower() == "bit")
        ):
            continue
        if not _overlaps(m.start(), m.end(), blocked):
            cores.append(_Core(m.start(), m.end(), 1.0, 1.0, word=True))
    for m in _ARTICLE_FLOP.finditer(text) if "lop" in text else ():
        unit, factor = flop_reading(m.group(1))
        if not _overlaps(m.start(), m.end(), blocked):
            cores.append(_Core(m.start(), m.end(), factor, factor, word=True, unit=unit))
    for m in UNIT_ADJECTIVE.finditer(text) if "-" in text else ():
        info = units.lookup(m.group(1), "en")
        if info is not None and not _overlaps(m.start(1), m.end(), blocked):
            cores.append(_Core(m.start(1), m.end(), info.factor, info.factor, word=True, unit=info.unit))
    return cores


def _temperature_decades(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """Temperatures by decade in a sentence or document about weather ("highs in the upper 90s"), in kelvin on
    the scale the document reads bare degrees in."""
    cores: list[_Core] = []
    fahrenheit = reads_fahrenheit(text, "en")
    for m in TEMPERATURE_DECADES.finditer(text):
        if _overlaps(m.start(), m.end(), blocked):
            continue
        low, high = decade_bounds(m)
        in_f = fahrenheit or high > 60  # no weather reaches 60 °C: "the 90s" are Fahrenheit
        low, high = ((v - 32) * 5 / 9 + 273.15 if in_f else v + 273.15 for v in (low, high))
        cores.append(_Core(m.start(), m.end(), low, high, vague=True, unit="kelvin"))
    return cores


def _share_decades(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """ "gross margin in the low 40s", "approval in the high 30s": percentages by decade."""
    cores: list[_Core] = []
    for m in TEMPERATURE_DECADES.finditer(text):
        if not _overlaps(m.start(), m.end(), blocked) and float(m.group(3)) < 100:
            low, high = decade_bounds(m)
            cores.append(_Core(m.start(), m.end(), low, high, vague=True, unit="percent"))
    return cores


def _every_nth(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """ "Jeder fünfte Deutsche", "jede dritte Firma": one in n, a percentage."""
    cores: list[_Core] = []
    for m in _EVERY_NTH_DE.finditer(text):
        n = _DE_ORDINALS[m.group(1).lower()]
        if not _overlaps(m.start(), m.end(), blocked):
            cores.append(_Core(m.start(), m.end(), 100 / n, 100 / n, word=True, unit="percent"))
    return cores


def _article_spans(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """ "more than a decade", "nearly a century", "for a year", "a month apart": one period, where a bound, "for" or
    "apart" says it is a length of time; "a year ago", "once a year", "a year's time" are no amount."""
    cores: list[_Core] = []
    for m in _PERIOD_AFTER_ARTICLE.finditer(text):
        bounded = _PERIOD_BOUND_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _APART.match(text, m.end())
        if bounded and not _overlaps(m.start(1), m.end(1), blocked):
            cores.append(_Core(m.start(1), m.end(1), 1.0, 1.0, word=True))
    return cores


def _spoken_periods(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """ "an hour and a half", "half a day", "multi-year", "multibillion-dollar" (spoken.spoken_periods); "three fifty
    a gallon" (spoken.spoken_prices)."""
    cores: list[_Core] = []
    for s, e, low, high, unit in spoken.spoken_periods(text) + spoken.spoken_prices(text):
        if not _overlaps(s, e, blocked + _spans(cores)):
            cores.append(_Core(s, e, low, high, vague=low != high, word=True, unit=unit))
    return cores


def _ratios(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """ "a 30 to 1 ratio", "a 3:1 ratio": a multiple."""
    cores: list[_Core] = []
    for m in _RATIO.finditer(text) if "ratio" in text else ():
        v = numbers.parse_latin(m.group(1), "en")
        if v is not None and not _overlaps(m.start(), m.end(), blocked):
            cores.append(_Core(m.start(), m.end(), v, v, unit="multiple"))
    return cores


def _range_ones(text: str, lang: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """The article-like one starting a range ("ein oder zwei Wochen", "one or two", "between one and five days")."""
    cores: list[_Core] = []
    for m in _RANGE_ONE[lang].finditer(text):
        if not _overlaps(m.start(), m.end(), blocked + _spans(cores)):
            cores.append(_Core(m.start(), m.end(), 1.0, 1.0, word=True))
    return cores


def vague_may_occur(text: str, lang: str) -> bool:
    """False where no vague word can occur: an ASCII text that holds none of them, ignoring case (a cheap test
    before ``_vague_re``, whose case-blind alternation tries every word at every position)."""
    keys = _vague_keys(lang)
    if not text.isascii() or keys is None:
        return True
    low = text.lower()
    return any(k in low for k in keys)


@lru_cache(maxsize=8)
def _vague_keys(lang: str) -> tuple[str, ...] | None:
    """The vague words, lower-cased, without those holding another ("a few" holds "few"); None where one is not
    ASCII (then the ASCII test above cannot tell)."""
    keys = {k.lower() for k in numbers.vague_brackets().get(lang, {})}
    if not all(k.isascii() for k in keys):
        return None
    return tuple(sorted(k for k in keys if not any(other != k and other in k for other in keys)))


@lru_cache(maxsize=8)
def _vague_re(lang: str) -> re.Pattern[str]:
    keys = sorted(numbers.vague_brackets().get(lang, {}), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b", re.I)


# the events a race distance in metres names ("200m backstroke", "110m hurdles", "400m individual medley")
_RACE_EVENTS = frozenset(
    "freestyle backstroke breaststroke butterfly medley individual relay hurdles steeplechase sprint dash race "
    "final finals heat heats semifinal semifinals semi-final swim".split()
)


def _is_million_m(text: str, s: int, e: int, lang: str) -> bool:
    """A lower-case m glued to a number: million after a currency sign or before a counted noun
    ($3m, £1.2m, 1.2m tons, 3m people); otherwise the metre (a 100m race)."""
    if lang == "de" or re.match(r"m[A-Za-z0-9²³/]", text[e : e + 2]):
        return False
    if units.sign_before(text, s) is not None:
        return True
    nxt = re.match(r"m\s([A-Za-z]+)(?:\s([a-z]+))?", text[e : e + 40])
    if nxt is None:
        return False
    # "3m people", "1.2m tons", "700m monthly users": the counted noun, perhaps after one adjective
    first, second = nxt.group(1), nxt.group(2)
    if first.lower() in _RACE_EVENTS:
        return False  # "the 200m backstroke semifinals", "the 110m hurdles": a race over metres
    words = (first,) if first.endswith("s") or not second else (first, second)
    return any(
        units.lookup(word, lang) is not None
        or (word.endswith("s") and len(word) > 3)
        or word.lower() in ("people", "staff")
        for word in words
    )


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_PERIOD_AFTER_ARTICLE = guarded(_PERIOD_AFTER_ARTICLE)
_ARTICLE_UNIT = guarded(_ARTICLE_UNIT)
_TWICE = guarded(_TWICE)
_NEGATIVE_WORD = guarded(_NEGATIVE_WORD)
UNIT_ADJECTIVE = guarded(UNIT_ADJECTIVE)
_ARTICLE = {key: guarded(pattern) for key, pattern in _ARTICLE.items()}
_RANGE_ONE = {key: guarded(pattern) for key, pattern in _RANGE_ONE.items()}
