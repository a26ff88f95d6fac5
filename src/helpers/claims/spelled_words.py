"""The number words of English and German with their values: units, teens, tens, scale words,
ordinals (as fraction denominators), German fractions and halves (``spelled``)."""

from __future__ import annotations

EN_DIGIT_WORDS = {
    "zero": 0,
    "nought": 0,
    "naught": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
EN_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "mln": 1e6,
    "bln": 1e9,
    "tln": 1e12,
}
EN_ORD_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1e3,
    "millionth": 1e6,
    "billionth": 1e9,
    "trillionth": 1e12,
    "quarter": 4,
    "half": 2,
}
# "second"/"first" as denominators only after a number word and in plural ("three twenty-firsts")
EN_AMBIGUOUS_ORD = {"first", "second"}

DE_FRACTIONS = {
    "halb": 2,
    "halbe": 2,
    "halbes": 2,
    "halber": 2,
    "halben": 2,
    "drittel": 3,
    "viertel": 4,
    "fünftel": 5,
    "sechstel": 6,
    "siebtel": 7,
    "achtel": 8,
    "neuntel": 9,
    "zehntel": 10,
    "zwölftel": 12,
    "zwanzigstel": 20,
    "hundertstel": 100,
    "tausendstel": 1000,
}
DE_SCALES = {
    "tausend": 1e3,
    "million": 1e6,
    "millionen": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "billion": 1e12,
    "billionen": 1e12,
}
DE_HALF = {"anderthalb": 1.5, "eineinhalb": 1.5, "einundhalb": 1.5, "einhalb": 0.5, "dreiviertel": 0.75}
# a time of day said in words: the words before it ("at two thirty") and after it ("two thirty tomorrow")
EN_CLOCK_BEFORE = frozenset({"at", "until", "till", "by"})
EN_CLOCK_AFTER = frozenset({"in", "on", "this", "tomorrow", "today", "tonight", "pm", "am", "p", "a", "o", "and", "or"})
