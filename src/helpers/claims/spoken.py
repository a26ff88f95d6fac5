"""Numbers as speech recognition writes AI talk: powers of ten and model versions said in words.

* ``spoken_powers``: "ten to the thirteen tokens" (1e13), "three point eight times ten to the twenty fifth
  flops" (3.8e25), "2 times 10 to the 24th" (2e24): a mantissa, if any, times a power of ten;
* ``spoken_versions``: "gpt four" (4), "llama three point one" (3.1), "claude three" (3): a model generation
  named by its version number in words, as captions write "GPT-4" and "Llama 3.1".

Both return ``(start, end, value)`` spans for the finders. Powers of ten are read in German ("zehn hoch dreizehn
Token", "2,5 mal 10 hoch 24") and Japanese ("10の13乗トークン", "3.8×10の25乗") too; versions only in English
(German and Japanese captions write "GPT-4" in digits).
"""

from __future__ import annotations

import re

from ..text.regex_guard import guarded
from . import numbers
from .spelled_words import EN_DIGIT_WORDS, EN_ORD_UNITS, EN_TEENS, EN_TENS
from .word_runs import runs_table, word_runs

_CARDINAL = sorted(set(EN_DIGIT_WORDS) | set(EN_TEENS) | set(EN_TENS), key=lambda w: (-len(w), w))
# ordinals that can be an exponent ("the thirteenth", "the twenty fifth"): first .. ninetieth
_EXPONENT_ORDINALS = {w: int(v) for w, v in EN_ORD_UNITS.items() if v < 100 and w not in ("quarter", "half")}
_ORDINAL = sorted(_EXPONENT_ORDINALS, key=lambda w: (-len(w), w))
_CARD = "(?:" + "|".join(_CARDINAL) + ")"
_ORD = "(?:" + "|".join(_ORDINAL) + ")"
# an exponent: "thirteen", "twenty fifth", "twenty-three", "25", "25th"
_EXPONENT = rf"(?:{_CARD}(?:[\s-](?:{_ORD}|{_CARD}))?|{_ORD}|\d{{1,2}}(?:st|nd|rd|th)?)"
# a mantissa: "three point eight", "2.5", "six"
_MANTISSA = rf"(?:\d{{1,3}}(?:\.\d+)?|{_CARD}(?:\spoint(?:\s(?:{_CARD}))+)?)"
_POWER = re.compile(rf"(?i)(?<![\w.])(?:({_MANTISSA})\s(?:times|x)\s)?(ten|10)\sto\sthe\s({_EXPONENT})(?:\spower)?\b")
_MAX_EXPONENT = 99
_DE_WORD = r"[a-zäöüß]{3,30}"
_DE_POWER = re.compile(
    rf"(?i)(?<![\w,])(?:(\d{{1,3}}(?:,\d+)?|{_DE_WORD})\s(?:mal|x|×)\s)?(zehn|10)\shoch\s(\d{{1,2}}|{_DE_WORD})\b"
)
_JA_POWER = re.compile(r"(?:(\d{1,3}(?:\.\d+)?)\s?[×x]\s?)?10の(\d{1,2})乗")
# model families whose generations are numbered; the number said in words ("gpt four", "llama three point one")
_FAMILY = r"(?:gpt|llama|claude|gemini|grok|qwen|mistral|phi|deepseek\sv)"
_VERSION = re.compile(
    rf"(?i)(?<![\w-]){_FAMILY}[\s-]({_CARD})(?:\spoint\s({_CARD}))?\b(?![\s-](?:b|bee|billion|million)\b)"
)
_MAX_VERSION = 10
# the families as word runs: a sentence without one of them holds no _VERSION (None: test with the pattern)
_FAMILY_RUNS = runs_table(w.split("\\s")[0] for w in _FAMILY[3:-1].split("|"))


def _words_value(words: str) -> float | None:
    """ "three point eight" (3.8), "twenty five" (25), "twenty fifth" (25), "25th" (25)."""
    w = words.lower().replace("-", " ").strip()
    digits = re.fullmatch(r"(\d+(?:\.\d+)?)(?:st|nd|rd|th)?", w)
    if digits:
        return float(digits.group(1))
    if " point " in f" {w} ":
        whole, _, frac = w.partition(" point ")
        head = numbers.parse_word_number(whole, "en")
        tail = [EN_DIGIT_WORDS.get(t) for t in frac.split()]
        if head is None or any(t is None for t in tail):
            return None
        return float(f"{int(head)}.{''.join(str(t) for t in tail)}")
    parts = w.split()
    last = parts[-1]
    if last in _EXPONENT_ORDINALS:
        unit = _EXPONENT_ORDINALS[last]
        head = numbers.parse_word_number(" ".join(parts[:-1]), "en") if parts[:-1] else 0.0
        return None if head is None else head + unit
    return numbers.parse_word_number(w, "en")


def _de_value(said: str) -> float | None:
    """ "13", "2,5", "dreizehn": a German mantissa or exponent."""
    if said[:1].isdigit():
        return float(said.replace(",", "."))
    return numbers.parse_word_number(said, "de")


def spoken_powers(text: str, lang: str = "en") -> list[tuple[int, int, float]]:
    """ "ten to the thirteen", "three point eight times ten to the twenty fifth", "zehn hoch dreizehn",
    "10の13乗": (start, end, value) each."""
    out: list[tuple[int, int, float]] = []
    if lang == "ja":
        for m in _JA_POWER.finditer(text) if "乗" in text else ():
            out.append((m.start(), m.end(), float(m.group(1) or 1) * 10.0 ** int(m.group(2))))
        return out
    if lang == "de":
        for m in _DE_POWER.finditer(text) if "hoch" in text else ():
            exponent, mantissa = _de_value(m.group(3)), _de_value(m.group(1)) if m.group(1) else 1.0
            if exponent is not None and mantissa is not None and exponent.is_integer() and exponent <= _MAX_EXPONENT:
                out.append((m.start(), m.end(), mantissa * 10.0**exponent))
        return out
    if " to the " not in text:
        return out
    for m in _POWER.finditer(text):
        exponent = _words_value(m.group(3))
        mantissa = _words_value(m.group(1)) if m.group(1) else 1.0
        if exponent is None or mantissa is None or not exponent.is_integer() or exponent > _MAX_EXPONENT:
            continue
        if not m.group(1) and m.group(2) == "10" and m.group(3)[:1].isdigit():
            continue  # "10 to the 13th": the digit finder reads it
        out.append((m.start(), m.end(), mantissa * 10.0**exponent))
    return out


def spoken_versions(text: str) -> list[tuple[int, int, float]]:
    """ "gpt four", "llama three point one": a model generation said in words, (start, end, value) each."""
    out: list[tuple[int, int, float]] = []
    runs = word_runs(text) if _FAMILY_RUNS is not None else None
    if runs is not None and _FAMILY_RUNS is not None and runs.isdisjoint(_FAMILY_RUNS):
        return out
    for m in _VERSION.finditer(text):
        whole = EN_DIGIT_WORDS.get(m.group(1).lower()) or numbers.parse_word_number(m.group(1), "en")
        if whole is None or not 1 <= whole <= _MAX_VERSION:
            continue
        value = float(whole)
        if m.group(2):
            tenth = EN_DIGIT_WORDS.get(m.group(2).lower())
            if tenth is None:
                continue
            value = float(f"{int(whole)}.{tenth}")
        out.append((m.start(), m.end(), value))
    return out


_DURATION_UNIT = {
    "second": ("duration_second", 1.0),
    "minute": ("duration_second", 60.0),
    "hour": ("duration_second", 3600.0),
    "day": ("duration_day", 1.0),
    "week": ("duration_week", 1.0),
    "month": ("duration_month", 1.0),
    "year": ("duration_year", 1.0),
}
_PERIOD = r"(second|minute|hour|day|week|month|year)"
# "an hour and a half", "a year and a half": one and a half; "half an hour", "half a day": a half
_AND_A_HALF = re.compile(rf"(?i)\b(?:an?|one)\s{_PERIOD}\sand\sa\shalf\b")
_HALF_A = re.compile(rf"(?i)\bhalf\san?\s{_PERIOD}\b(?![\s-](?:ago|earlier|later|before)\b)")
_HALF_A_PERCENT = re.compile(r"(?i)\bhalf\sa\s(?:per\s?cent|percent)\b")  # "half a per cent": 0.5 percent
# "multi-year", "multibillion-dollar", "multi trillion dollar": more than one and fewer than ten of what follows
_MULTI = re.compile(
    r"(?i)\bmulti[\s-]?(?:(year|decade)|(million|billion|trillion)[\s-](dollars?|pounds?|euros?))\b(?![\s-]?old\b)"
)
_MULTI_SCALE = {"million": 1e6, "billion": 1e9, "trillion": 1e12}
_MULTI_CURRENCY = {"dollar": "usd", "pound": "gbp", "euro": "eur"}
_MULTI_LOW, _MULTI_HIGH = 2.0, 10.0
# "a six-figure salary", "a nine-figure fee": an amount written with that many digits
_FIGURE_DIGITS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_N_FIGURE = re.compile(r"(?i)\b(" + "|".join(_FIGURE_DIGITS) + r"|[2-9]|1[0-2])-figure\b")
_CURRENCY_SAID = (
    ("gbp", re.compile(r"£|\bpounds?\b|\bGBP\b")),
    ("eur", re.compile(r"€|\beuros?\b|\bEUR\b")),
    ("usd", re.compile(r"\$|\bdollars?\b|\bUSD\b")),
)


def _sentence_currency(text: str) -> str:
    """The currency a sentence names (its first sign or word), else a plain count."""
    found = [(m.start(), unit) for unit, pattern in _CURRENCY_SAID if (m := pattern.search(text))]
    return min(found)[1] if found else "count"


_DOLLARS = "(?:" + "|".join(sorted(set(EN_DIGIT_WORDS) | set(EN_TEENS), key=lambda w: (-len(w), w))) + ")"
_TENS = "(?:" + "|".join(sorted(EN_TENS, key=lambda w: (-len(w), w))) + ")"
_UNITS = "(?:" + "|".join(w for w in sorted(EN_DIGIT_WORDS, key=lambda w: (-len(w), w)) if w != "zero") + ")"
# "three fifty a gallon", "twelve ninety nine an hour", "two oh nine a share": dollars and cents said as two numbers
# before what a retail price is per (not a month or year: "two fifty a month" may be $250)
_PRICE = re.compile(
    rf"(?i)(?<![\w.-])({_DOLLARS})\s(?:({_TENS})(?:[\s-]({_UNITS}))?|oh\s({_UNITS}))"
    r"(?=\s(?:a|an|per)\s(?:gallon|litre|liter|share|hour|barrel|bushel|ounce|kilo|kilowatt[\s-]hour|kwh)\b)"
)
_NUMBER_BEFORE = re.compile(rf"(?i)\b(?:{_DOLLARS}|{_TENS}|hundred|thousand|\d+)\s$")
_HOUR_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# "nine thirty in the morning", "at seven pm", "five o'clock": a time of day said in words, no amount
_SPOKEN_CLOCK = re.compile(
    rf"(?i)\b{_HOUR_WORD}(?:\s(?:oh\s(?:one|two|three|four|five|six|seven|eight|nine)|ten|fifteen|twenty|thirty|"
    r"forty(?:[\s-]five)?|fifty(?:[\s-]five)?))?(?=\s(?:in\sthe\s(?:morning|afternoon|evening)|[ap]\.?m\b|o['’]clock"
    r"|at\snight|tonight))"
)


_CLOCK_HINTS = ("morning", "afternoon", "evening", "clock", "night", "m ", "m.", "M ", "M.")


def spoken_periods(text: str) -> list[tuple[int, int, float, float, str]]:
    """ "an hour and a half" (5400 s), "half a day" (0.5 day), "multi-year" (2-10 years), "a multibillion-dollar
    bet" (2e9-1e10 usd): (start, end, low, high, unit) each."""
    out: list[tuple[int, int, float, float, str]] = []
    if "half" in text:
        for m in _AND_A_HALF.finditer(text):
            unit, factor = _DURATION_UNIT[m.group(1).lower()]
            out.append((m.start(), m.end(), 1.5 * factor, 1.5 * factor, unit))
        for m in _HALF_A.finditer(text):
            unit, factor = _DURATION_UNIT[m.group(1).lower()]
            out.append((m.start(), m.end(), 0.5 * factor, 0.5 * factor, unit))
        out.extend((m.start(), m.end(), 0.5, 0.5, "percent") for m in _HALF_A_PERCENT.finditer(text))
    if "figure" in text:  # "a nine-figure fee" (1e8 to 1e9 - 1), in the sentence's currency
        for m in _N_FIGURE.finditer(text):
            n = _FIGURE_DIGITS.index(m.group(1).lower()) + 2 if not m.group(1).isdigit() else int(m.group(1))
            out.append((m.start(), m.end(), 10.0 ** (n - 1), 10.0**n - 1, _sentence_currency(text)))
    if "ulti" in text:
        for m in _MULTI.finditer(text):
            if m.group(1):
                years = 10.0 if m.group(1).lower() == "decade" else 1.0
                out.append((m.start(), m.end(), _MULTI_LOW * years, _MULTI_HIGH * years, "duration_year"))
            else:
                scale = _MULTI_SCALE[m.group(2).lower()]
                currency = _MULTI_CURRENCY[m.group(3).lower().rstrip("s")]
                out.append((m.start(), m.end(), _MULTI_LOW * scale, _MULTI_HIGH * scale, currency))
    return out


def spoken_clock_times(text: str) -> list[tuple[int, int]]:
    """ "nine thirty in the morning", "seven pm": times of day said in words, spans that hold no claim."""
    if not (any(hint in text for hint in _CLOCK_HINTS) or text.endswith(("m", "M"))):
        return []  # most sentences: no word of a clock
    return [m.span() for m in _SPOKEN_CLOCK.finditer(text)]


def spoken_prices(text: str) -> list[tuple[int, int, float, float, str]]:
    """ "three fifty a gallon" ($3.50), "twelve ninety nine an hour": a price said as dollars and cents before
    what it is per, (start, end, low, high, "usd") each; the per-what is read as any rate's."""
    out: list[tuple[int, int, float, float, str]] = []
    for m in _PRICE.finditer(text) if (" a " in text or " an " in text or " per " in text) else ():
        if _NUMBER_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "twenty three fifty a gallon": part of a longer number
        dollars = EN_DIGIT_WORDS.get(m.group(1).lower(), EN_TEENS.get(m.group(1).lower(), 0))
        cents = EN_DIGIT_WORDS[m.group(4).lower()] if m.group(4) else EN_TENS[m.group(2).lower()]
        cents += EN_DIGIT_WORDS[m.group(3).lower()] if m.group(3) else 0
        out.append((m.start(), m.end(), dollars + cents / 100, dollars + cents / 100, "usd"))
    return out


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_PRICE = guarded(_PRICE)
_SPOKEN_CLOCK = guarded(_SPOKEN_CLOCK)
_VERSION = guarded(_VERSION)
_POWER = guarded(_POWER)
