"""Which scale bare degrees are on: "it hit 104 degrees" in a US weather story is Fahrenheit, "24 degrees" in
a Berlin one Celsius.

A sentence that names its scale decides (Fahrenheit, °F, Celsius, °C). Otherwise English text reads the
scale the document uses (``document_scale``, set for one document by ``extract_claims`` through
``scale_hint``): the scale it names, or Fahrenheit where it speaks of weather and gives 61 to 149 degrees
(no air, sea or body temperature on Earth reaches 60 °C) or gives wind in mph and rain in inches (a US forecast's
"highs in the upper 50s"). A sentence read alone, and German and Japanese
text, keep Celsius, the everyday scale. ``units.as_written`` recovers the number of bare degrees from
the reading whose number is whole (98 °F is 36.67 °C); where both are whole (104 °F = 40 °C) it says Celsius.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace

from ...text.regex_guard import guarded
from .model import _Q

FAHRENHEIT_NAMED = re.compile(r"(?i)\bfahr?enheit\b|°\s?F\b|\bdeg(?:rees?|\.)?\s?F\b")
CELSIUS_NAMED = re.compile(r"(?i)\bcelsius\b|\bcentigrade\b|°\s?C\b|\bdeg(?:rees?|\.)?\s?C\b")
# a three-digit-ish reading in degrees near words of weather: 61-149 degrees is a Fahrenheit temperature
_HOT_DEGREES = re.compile(r"(?i)(?<![\d.,])(?:6[1-9]|[7-9]\d|1[0-4]\d)(?:\s|-)degrees?\b")
_WEATHER = re.compile(r"(?i)temperat|weather|forecast|\bhighs?\b|\blows?\b|heat|fever|degrees\s(?:above|below)")
# the units a forecast gives wind and rain in: miles per hour and inches in the US, km/h and millimetres elsewhere
# (or its temperatures with the Celsius letter: "38C in Seville")
_US_CUSTOMARY = re.compile(
    r"(?i)\d\s?mph\b|\bmiles\s(?:per|an)\shour\b|\binch(?:es)?\s(?:of\s)?(?:rain|snow)|\d(?:″|\")"
)
_METRIC = re.compile(r"(?i)\d\s?(?:km/h|kph|mm|cm)\b|\bkilomet(?:re|er)s\s(?:per|an)\shour|millimet|\d(?-i:C)\b")
_HINT: ContextVar[str] = ContextVar("degree_scale_hint", default="")


def document_scale(text: str, lang: str) -> str:
    """ "F" or "C" where a document's text settles the scale of its bare degrees, else ""."""
    if lang != "en":
        return ""
    celsius = CELSIUS_NAMED.search(text) is not None
    if FAHRENHEIT_NAMED.search(text) and not celsius and "degree" in text:
        return "F"
    if celsius:
        return "C" if "degree" in text else ""
    if not _WEATHER.search(text):
        return ""
    if "degree" in text and _HOT_DEGREES.search(text):
        return "F"
    # a forecast that gives wind in mph and rain in inches gives its "highs in the upper 50s" in Fahrenheit
    return "F" if _US_CUSTOMARY.search(text) and not _METRIC.search(text) else ""


@contextmanager
def scale_hint(scale: str) -> Iterator[None]:
    """Bare degrees read on ``scale`` ("F", "C" or "") while the block runs (one document's sentences)."""
    token = _HINT.set(scale)
    try:
        yield
    finally:
        _HINT.reset(token)


def hinted() -> bool:
    """Whether the document being read is about temperatures (its scale is settled)."""
    return _HINT.get() != ""


def reads_fahrenheit(text: str, lang: str) -> bool:
    """Whether bare degrees in this sentence are Fahrenheit."""
    if lang != "en":
        return False
    named_f, named_c = FAHRENHEIT_NAMED.search(text) is not None, CELSIUS_NAMED.search(text) is not None
    if named_f != named_c:
        return named_f
    return _HINT.get() == "F"


def bare_reads_fahrenheit(text: str, lang: str, value: float) -> bool:
    """Whether bare degrees of ``value`` are Fahrenheit: the sentence's or document's scale, or, in an English
    sentence about weather that names no scale, 61 to 149 degrees (no weather reaches 60 °C), whatever scale
    the rest of the document uses ("a record of 109°" in a roundup that gives Britain's highs in °C)."""
    if reads_fahrenheit(text, lang):
        return True
    return (
        lang == "en" and 60 < value < 150 and CELSIUS_NAMED.search(text) is None and _WEATHER.search(text) is not None
    )


# "in the 90s", "the low 80s", "mid- to upper-90s", "upper 60s and 70s", "90s and 100s": temperatures by decade
_PART = r"(low|mid|upper|high)-?\s?"
TEMPERATURE_DECADES = re.compile(
    rf"(?i)\b(?:{_PART}(?:to\s{_PART})?)?(\d0|1[0-2]0)s\b(?:\s(?:and|to|or)\s(?:the\s)?(?:{_PART})?(\d0|1[0-2]0)s\b)?"
)
_SPAN = {"low": (0, 3), "mid": (4, 6), "upper": (7, 9), "high": (7, 9), None: (0, 9)}


def decade_bounds(m: re.Match[str]) -> tuple[float, float]:
    """The degrees a decade reading spans: "upper 60s and 70s" is 67 to 79, "mid- to upper-90s" 94 to 99."""
    first_part, to_part, decade, and_part, last_decade = m.groups()
    base = float(decade)
    low = base + _SPAN[first_part.lower() if first_part else None][0]
    if last_decade:
        high = float(last_decade) + _SPAN[and_part.lower() if and_part else None][1]
    else:
        high = base + _SPAN[(to_part or first_part or "").lower() or None][1]
    return low, high


# the subject of a temperature given without "degrees": "Highs should peak around 106", "lows near 40 tonight"
_TEMPERATURE_SUBJECT = re.compile(
    r"(?i)\b(?:highs|lows|temperatures?|the\smercury|heat\sindex|wind\schills?|thermometers?|"
    r"record\shigh\sfor\s(?:today|the\sdate))\b"
    r"|\b(?:high|low)(?=\s(?:(?:near|around|about|of)\s)?-?\d)"  # a forecast's "high near 60", "low 68"
)
# what may follow such a temperature: the clause's end, a place or a time ("106 in the Sacramento metro area")
_BARE_END = re.compile(
    r"\s?(?:[.,;:!?)]|$|(?:in|on|at|by|for|and|or|across|during|near|around|this|today|tonight|tomorrow|set)\b)"
)
_CLAUSE_BREAK = re.compile(r"[.;!?]\s")


def bare_temperatures(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """Plain numbers a sentence about temperatures gives as its highs or lows ("Highs should peak around 106 and
    may reach 108 to 109"), in a document about temperatures or a sentence that says "temperature": kelvin, on
    the scale bare degrees are read on."""
    if lang != "en" or not (hinted() or "temperat" in text.lower() or "chill" in text.lower()):
        return qs
    subject = _TEMPERATURE_SUBJECT.search(text)
    if subject is None:
        return qs
    out: list[_Q] = []
    for q in qs:
        if (
            q.unit == "count"
            and not (q.explicit_unit and q.unit_surface)  # a range of bare numbers ("108 to 109") is explicit
            and not q.scaled
            and q.kind in ("num", "range")
            and q.start >= subject.end()
            and -60 <= q.low <= q.high <= 135
            and _BARE_END.match(text, q.end)
            and _CLAUSE_BREAK.search(text, subject.end(), q.start) is None
        ):
            if bare_reads_fahrenheit(text, lang, q.high):
                low, high = ((v - 32) * 5 / 9 + 273.15 for v in (q.low, q.high))
            else:
                low, high = q.low + 273.15, q.high + 273.15
            q = replace(q, unit="kelvin", low=low, high=high)
        out.append(q)
    return out


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
CELSIUS_NAMED = guarded(CELSIUS_NAMED)
FAHRENHEIT_NAMED = guarded(FAHRENHEIT_NAMED)
# "38 degrees below zero", "18 below zero", "zehn Grad unter null": degrees under freezing, a temperature below zero
_BELOW_ZERO = {
    "en": re.compile(r"(?i)(?:\s?degrees?)?\sbelow\s(?:zero|0)\b"),
    "de": re.compile(r"(?i)(?:\s?grad)?\sunter\s(?:null|0)\b"),
}


# "a record-low minus 27", "the wind chill reached minus-58": a number said with "minus" in a sentence about cold
_SAID_MINUS = re.compile(r"(?i)minus\b")
_COLD = re.compile(
    r"(?i)\bcold(?:est)?\s(?:snap|wave|spell|weather|air|front|night|morning|day)|freez|\bchill|record[\s-]low|"
    r"\bfrost|\bsnow|\bice\b|arctic|polar|blizzard|winter"
)
_OPERAND_BEFORE = re.compile(r"(?i)(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand))\s$")


_BELOW_ZERO_HINT = re.compile(r"(?i)zero|null|minus|\s0\b")


def below_zero(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """A number of degrees said to be below zero is a negative temperature in kelvin, on the scale bare degrees
    are read on; the "zero" inside the phrase is no quantity of its own."""
    pattern = _BELOW_ZERO.get(lang)
    if pattern is None or _BELOW_ZERO_HINT.search(text) is None:
        return qs
    out: list[_Q] = []
    covered = -1
    for q in qs:
        if q.start < covered:
            continue  # the "below zero" already read
        m = pattern.match(text, q.end)
        if m is None and q.unit == "kelvin" and q.unit_surface:
            m = pattern.match(text, q.end - len(q.unit_surface) - 1)
        minus = q.unit == "count" and q.high < 0 and _SAID_MINUS.match(text, q.start) and _COLD.search(text)
        if minus and not _OPERAND_BEFORE.search(text, max(0, q.start - 12), q.start) and q.low >= -80:
            m, q = _SAID_MINUS.match(text, q.start), replace(q, raw_low=-q.high, raw_high=-q.low)
        if m is not None and q.unit in ("count", "kelvin") and not q.scaled and 0 < q.raw_high <= 80:
            low, high = -q.raw_high, -q.raw_low
            if bare_reads_fahrenheit(text, lang, -low):
                low, high = ((v - 32) * 5 / 9 + 273.15 for v in (low, high))
            else:
                low, high = low + 273.15, high + 273.15
            q = replace(
                q, end=max(m.end(), q.end), unit="kelvin", low=low, high=high, mult=1.0, offset=0.0, explicit_unit=True
            )
            covered = m.end()
        out.append(q)
    return out
