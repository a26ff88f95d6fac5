"""Spelled-out numbers in English and German running text, as spans with values.

``spelled_numbers(text, lang)`` finds every maximal run of number words and returns
``(start, end, value, kind)``; kind is ``int`` (whole numbers, also with decimals after
"point"/"Komma"), ``mixed`` (a whole number and a fraction: one and a half, zweieinhalb) or
``fraction`` (two thirds, a fifth, one over three, drei Viertel). Runs are built word by word
with the usual grammar (units, tens, hundred, scale words; "and"/"und" only where it joins
parts of one number), so "two three" stays two numbers and "one hundred and six" is one.
German runs are read by ``spelled_de`` (its compounds, dreihundertneunundneunzigtausend, by text2num).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.regex_guard import guarded
from .spelled_de import parse_de
from .spelled_tokens import TOKEN, digit_value, joined
from .spelled_words import (
    EN_AMBIGUOUS_ORD,
    EN_CLOCK_AFTER,
    EN_CLOCK_BEFORE,
    EN_DIGIT_WORDS,
    EN_ORD_UNITS,
    EN_SCALES,
    EN_TEENS,
    EN_TENS,
)
from .word_runs import runs_table, word_runs

_EN_WORDS = sorted(
    set(EN_DIGIT_WORDS)
    | set(EN_TEENS)
    | set(EN_TENS)
    | set(EN_SCALES)
    | set(EN_ORD_UNITS)
    | {
        "a",
        "an",
        "minus",
        "negative",
        "hundred",
        "dozen",
        "dozens",
        "dozs",
        "dzs",
        "over",
        "out",
        "in",
        "point",
        "halves",
    },
    key=lambda w: (-len(w), w),
)
# Where a run of number words can start (and what may follow digits in one): cheap tests before parsing
STARTS = {
    "en": re.compile(r"(?i)\b(?:" + "|".join(_EN_WORDS) + r")s?\b|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]"),
    "de": re.compile(
        r"(?i)(?:ein|zwei|drei|vier|fünf|fuenf|sech|sieb|acht|neun|zehn|elf|zwölf|zwoelf|zwanzig|"
        r"dreißig|dreissig|hundert|tausend|million|milliard|billion|null|halb|drittel|viertel|"
        r"fünftel|achtel|zehntel|dutzend|anderthalb|minus|komma)|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]"
    ),
}
# The English words from which _parse_en can read a run (the others of STARTS only go on one: "one in five")
_EN_RUN_STARTS = frozenset(EN_DIGIT_WORDS) | set(EN_TEENS) | set(EN_TENS) | set(EN_SCALES)
_EN_RUN_STARTS |= {"hundred", "a", "an", "minus", "negative", "half", "quarter", "point"}
# STARTS["en"] as a set of word runs (its words are letters only): the same answer on ASCII text, a third the time
_EN_START_RUNS = runs_table([*_EN_WORDS, *(w + "s" for w in _EN_WORDS)])


def may_start(text: str, lang: str) -> bool:
    """Whether ``STARTS[lang]`` finds a match in ``text``."""
    runs = word_runs(text) if lang == "en" and _EN_START_RUNS is not None else None
    if runs is not None and _EN_START_RUNS is not None:
        return not _EN_START_RUNS.isdisjoint(runs)
    return STARTS[lang].search(text) is not None


@dataclass(frozen=True)
class Spelled:
    start: int
    end: int
    value: float
    kind: str  # int | mixed | fraction
    words: int  # number words in the run (a single "one" is weaker evidence than "one hundred")


def _en_ord(word: str) -> float | None:
    w = word.lower()
    if w.endswith("s") and w[:-1] in EN_ORD_UNITS:
        w = w[:-1]
    elif w == "halves":
        w = "half"
    return EN_ORD_UNITS.get(w)


def spelled_numbers(text: str, lang: str) -> list[Spelled]:
    """Every run of spelled-out number words in ``text`` (English or German)."""
    if not may_start(text, lang):
        return []
    toks = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]
    out: list[Spelled] = []
    parse = _parse_en if lang == "en" else parse_de
    opens = [_opens_run(tok, lang) for tok, _, _ in toks]
    # a run starts with a number word, an article or sign word, or digits followed by a number word (an English
    # word that only goes on a run, "in", "over", "first", is not read as its start: it never starts one)
    starts = _EN_RUN_STARTS if lang == "en" else None
    firsts = [
        k
        for k, tok in enumerate(toks)
        if opens[k]
        and (starts is None or tok[0].lower() in starts)
        or (tok[0][0].isdigit() and k + 1 < len(toks) and opens[k + 1])
    ]
    i = 0
    for k in firsts:
        if k < i:
            continue
        i = k
        res = parse(text, toks, i)
        if res is None:
            i += 1
            continue
        j, value, kind, words = res
        out.append(Spelled(toks[i][1], toks[j - 1][2], value, kind, words))
        i = j
    return out


@lru_cache(maxsize=1 << 14)
def _opens_run(tok: str, lang: str) -> bool:
    """Whether a token may open a run of number words (asked of every token: words repeat, so cached)."""
    if lang == "en" and _EN_START_RUNS is not None and tok.isascii() and tok.isalpha():
        # STARTS["en"] matches a token of letters only as a whole (its words end at a word boundary): a set lookup
        return tok.lower() in _EN_START_RUNS
    return STARTS[lang].match(tok) is not None


def _cardinal_en(text: str, toks: list, i: int) -> tuple[int, float, int] | None:
    """A whole English number from token i: (next index, value, number words), or None."""
    total, current = 0.0, 0.0
    last = ""  # unit | teen | ten | hundred | scale | digit
    saved: tuple[int, float, float, int, str] | None = None  # the state before the last "and"
    group: tuple[int, float, float, int, str] | None = None  # the state right after the last "hundred"
    j = i
    words = 0
    seen = False
    while j < len(toks):
        w = toks[j][0].lower()
        if j > i and not joined(text, toks, j):
            break
        if w == "and" and seen and last in ("hundred", "scale") and j + 1 < len(toks) and joined(text, toks, j + 1):
            if not _and_continues(text, toks, j, last):
                break
            saved = (j, total, current, words, last)
            j += 1
            continue
        d = digit_value(w)
        if w in ("a", "an") and not seen:
            nxt = toks[j + 1][0].lower() if j + 1 < len(toks) and joined(text, toks, j + 1) else ""
            if nxt in ("hundred", "dozen") or nxt in EN_SCALES:
                current, last, seen, j = 1.0, "unit", True, j + 1
                continue
            break
        if d is not None:
            if last in ("", "hundred", "scale") and (last == "" or d < 1000):
                current += d
                last, seen = "digit", True
                j += 1
                continue
            break
        if w in EN_DIGIT_WORDS:
            if last in ("unit", "teen", "digit"):
                break
            if last == "hundred":
                group = (j, total, current, words, last)
            if w == "one" and last == "scale" and not _number_word_next(text, toks, j + 1):
                break  # "the 70 billion one you can run": the pronoun one, not 70,000,000,001
            current += EN_DIGIT_WORDS[w]
            last = "unit"
        elif w in EN_TEENS or w in EN_TENS:
            tens = EN_TEENS.get(w) or EN_TENS[w]
            if last == "unit" and _hundreds_said_short(toks, i, j, total, current):
                current = current * 100 + tens  # "two fifty nine miles": ASR says 259 without "hundred"
            elif last in ("unit", "teen", "ten", "digit"):
                break
            else:
                current += tens
            last = "teen" if w in EN_TEENS else "ten"
        elif w == "hundred":
            if last == "hundred":
                break
            back = _second_hundreds(current, saved, group)
            if back is not None:
                j, total, current, words, last = back
                break
            current = (current or 1.0) * 100
            last = "hundred"
        elif w in EN_SCALES:
            if last == "scale" and current == 0:
                total = (total or 1.0) * EN_SCALES[w]  # "lakh crore"
            else:
                total += (current or 1.0) * EN_SCALES[w]
            current = 0.0
            last = "scale"
        elif w in ("dozen", "dozens", "doz", "dozs", "dz", "dzs") and seen:
            current = (current or 1.0) * 12
            last = "scale"
        else:
            break
        seen = True
        words += 1
        j += 1
    if not seen:
        return None
    if words == 1 and last == "scale" and toks[i][0].lower() in EN_SCALES:
        return None  # a bare scale word ("million") is not a number by itself
    return j, total + current, words


def _second_hundreds(
    current: float, saved: tuple[int, float, float, int, str] | None, group: tuple[int, float, float, int, str] | None
) -> tuple[int, float, float, int, str] | None:
    """Where a number ends when "hundred" follows hundreds of its own, or None while it is the first: at the "and"
    before it ("3 hundred and 2 hundred": two numbers joined by "and"), else right after the first hundreds ("the
    three hundred four hundred mile range": two numbers whose "to" the caption lost)."""
    if current < 100:
        return None
    return saved if saved is not None else group


def _hundreds_said_short(toks: list, i: int, j: int, total: float, current: float) -> bool:
    """Whether the tens word at token j goes on a lone unit word as its hundreds: "two fifty nine" (259), "one
    twenty" (120), "two thousand two fifty" (2250), as speech says them. Only a unit word that opens the number or
    follows "thousand"; not before a denominator ("three twenty-firsts") nor as a clock ("at two thirty")."""
    if not 1 <= current <= 9 or (j - 1 != i and toks[j - 2][0].lower() != "thousand") or total % 1000:
        return False
    if j + 1 < len(toks) and _en_ord(toks[j + 1][0]) is not None:
        return False
    k = j + 1  # after "at": only where a word that is no number and no clock word follows ("at two thirty eight miles")
    while k < len(toks) and toks[k][0].lower() in EN_DIGIT_WORDS:
        k += 1
    clock = k >= len(toks) or not toks[k][0].isalpha() or toks[k][0].lower() in EN_CLOCK_AFTER
    return _prev_word(toks, i) not in EN_CLOCK_BEFORE or not clock


def _number_word_next(text: str, toks: list, j: int) -> bool:
    """Whether token j goes on a spelled number ("a million one hundred thousand")."""
    if j >= len(toks) or not joined(text, toks, j):
        return False
    w = toks[j][0].lower()
    return w == "hundred" or w in EN_SCALES or w in EN_TEENS or w in EN_TENS or w in EN_DIGIT_WORDS


def _and_continues(text: str, toks: list, j: int, last: str) -> bool:
    """Does the "and" at token j join the parts of one number ("one hundred and six"), after a hundred or a
    scale word (``last``), rather than start a fraction of its own?"""
    nxt = toks[j + 1][0].lower()
    if last == "scale" and _compound_ord(text, toks, j + 2) is not None:
        return False  # "five billion and three quarters": the fraction is of the billion
    k = (
        j + 2
        if nxt in EN_DIGIT_WORDS
        else j + 3
        if (nxt in EN_TENS and j + 2 < len(toks) and toks[j + 2][0].lower() in EN_DIGIT_WORDS)
        else 0
    )
    den = _compound_ord(text, toks, k) if k else None
    numerator = (
        EN_DIGIT_WORDS.get(nxt, 0)
        if k == j + 2
        else EN_TENS.get(nxt, 0) + (EN_DIGIT_WORDS.get(toks[j + 2][0].lower(), 0) if k else 0)
    )
    if den is not None and numerator < den[1]:
        # "one hundred and three quarters", "two hundred and fifty-four hundredths": a whole number and a
        # proper fraction ("one hundred and thirty-two fifths" is 132/5)
        return False
    return nxt in EN_DIGIT_WORDS or nxt in EN_TEENS or nxt in EN_TENS or digit_value(nxt) is not None


def _compound_ord(text: str, toks: list, j: int) -> tuple[int, float] | None:
    """'twenty-fifth', 'twenty firsts', 'hundredth', 'quarters': an ordinal used as a denominator."""
    if j >= len(toks):
        return None
    w = toks[j][0].lower()
    if w in EN_TENS and j + 1 < len(toks) and joined(text, toks, j + 1):
        unit = _en_ord(toks[j + 1][0])
        if unit is not None and unit < 10:
            return j + 2, EN_TENS[w] + unit
    den = _en_ord(w)
    if den is None or w.rstrip("s") in EN_AMBIGUOUS_ORD:
        return None  # "9.58 seconds", "the first": time and order, never a denominator on their own
    return j + 1, float(den)


def _scale_after(text: str, toks: list, j: int) -> tuple[int, float] | None:
    """A scale word after a fraction: 'half million', 'two thirds of a million'."""
    k = j
    if (
        k + 1 < len(toks)
        and toks[k][0].lower() == "of"
        and toks[k + 1][0].lower() in ("a", "an")
        and joined(text, toks, k)
        and joined(text, toks, k + 1)
    ):
        k += 2
    if k < len(toks) and joined(text, toks, k) and toks[k][0].lower() in EN_SCALES:
        return k + 1, EN_SCALES[toks[k][0].lower()]
    return None


def _parse_en(text: str, toks: list, i: int, scale: bool = True) -> tuple[int, float, str, int] | None:
    sign = 1.0
    w0 = toks[i][0].lower()
    if w0 in ("minus", "negative") and i + 1 < len(toks) and joined(text, toks, i + 1):
        sign, i = -1.0, i + 1
    w = toks[i][0].lower()
    # "half a dozen", "half million", "a quarter million", "a half", "a fifth", "a twenty-first"
    if (
        w == "half"
        and i + 2 < len(toks)
        and toks[i + 1][0].lower() == "a"
        and toks[i + 2][0].lower() == "dozen"
        and joined(text, toks, i + 1)
        and joined(text, toks, i + 2)
    ):
        return i + 3, sign * 6.0, "int", 2
    if w == "point" and i + 1 < len(toks) and joined(text, toks, i + 1) and _POINT_LEAD.get(_prev_word(toks, i)):
        k, digits = _decimal_digits(text, toks, i + 1)  # "like point two cents": speech drops the leading zero
        if digits:
            return k, sign * float("0." + digits), "int", 1
        return None
    if w in ("half", "quarter"):
        k = i + 2 if i + 2 < len(toks) and toks[i + 1][0].lower() == "a" and joined(text, toks, i + 1) else i + 1
        sc = _scale_after(text, toks, k)  # "half million", "half a million", "a quarter million"
        if sc is not None:
            return sc[0], sign * sc[1] / (2 if w == "half" else 4), "int", 2
        return None
    if w in ("a", "an", "one") and i + 1 < len(toks) and joined(text, toks, i + 1):
        den = _compound_ord(text, toks, i + 1)
        if den is not None:
            sc = _scale_after(text, toks, den[0]) if scale else None
            if sc is not None:
                return sc[0], sign * sc[1] / den[1], "int", 3
            return den[0], sign / den[1], "fraction", 2
    card = _cardinal_en(text, toks, i)
    if card is None:
        return None
    j, value, words = card
    last_scale = (
        next((EN_SCALES[toks[k][0].lower()] for k in range(j - 1, i - 1, -1) if toks[k][0].lower() in EN_SCALES), None)
        if words
        else None
    )
    # decimals: "two hundred point zero three", "nought point seventy-one"
    if (
        words
        and j + 1 < len(toks)
        and toks[j][0].lower() == "point"
        and joined(text, toks, j)
        and joined(text, toks, j + 1)
    ):
        k, digits = _decimal_digits(text, toks, j + 1)
        if digits:
            return k, sign * (value + float("0." + digits)), "int", words + 1
    if j < len(toks) and joined(text, toks, j):
        fraction = _en_fraction_of(text, toks, j, sign, value, words, scale)
        if fraction is not None:
            return fraction
    if words == 0:
        return None
    # "one and a half", "five and a quarter", "one million and a half", "five billion and three quarters"
    if j + 2 < len(toks) and toks[j][0].lower() == "and" and joined(text, toks, j) and joined(text, toks, j + 1):
        mixed = _en_and_fraction(text, toks, j, sign, value, words, last_scale)
        if mixed is not None:
            return mixed
    return j, sign * value, "int", words


# words after which a bare "point two" is a decimal ("like point two cents", "down point five percent"); elsewhere
# "point" is the noun ("at some point two people left")
_POINT_LEAD = dict.fromkeys(
    "like about around only just roughly maybe is was of by to down up from and or over under than another".split(),
    True,
)


def _prev_word(toks: list, i: int) -> str:
    return toks[i - 1][0].lower() if i > 0 else ""


def _decimal_digits(text: str, toks: list, j: int) -> tuple[int, str]:
    """The digits spelled after "point" from token j ("zero three", "seventy-one"): (next index, digits)."""
    digits = ""
    k = j
    while k < len(toks) and (k == j or joined(text, toks, k)):
        t = toks[k][0].lower()
        if t in EN_DIGIT_WORDS:
            digits += str(EN_DIGIT_WORDS[t])
        elif t in EN_TEENS:
            digits += str(EN_TEENS[t])
        elif t in EN_TENS:
            nxt = toks[k + 1][0].lower() if k + 1 < len(toks) and joined(text, toks, k + 1) else ""
            if nxt in EN_DIGIT_WORDS and EN_DIGIT_WORDS[nxt]:
                digits += str(EN_TENS[t] // 10) + str(EN_DIGIT_WORDS[nxt])
                k += 1
            else:
                digits += str(EN_TENS[t])
        else:
            break
        k += 1
    return k, digits


def _en_fraction_of(
    text: str, toks: list, j: int, sign: float, value: float, words: int, scale: bool
) -> tuple[int, float, str, int] | None:
    """The number ``value`` (ending before token j) as the numerator of a fraction: a denominator after it
    ("two thirds", "five eighths", "three twenty-firsts", "two thirds of a million") or a ratio
    ("one over three", "1 over 3", "one out of three", "2 in 5")."""
    den = _compound_ord(text, toks, j)
    if den is not None and not (toks[j][0].lower() in ("quarter", "half") and value != 1):
        sc = _scale_after(text, toks, den[0]) if scale else None
        if sc is not None:
            return sc[0], sign * value * sc[1] / den[1], "int", words + 2
        return den[0], sign * value / den[1], "fraction", words + 1
    nxt = toks[j][0].lower()
    if nxt in ("over", "out", "in") and j + 1 < len(toks) and joined(text, toks, j + 1) and value < 1000:
        k = j + 1
        if nxt == "out":
            if toks[k][0].lower() != "of" or k + 1 >= len(toks) or not joined(text, toks, k + 1):
                k = -1
            else:
                k += 1
        den_card = _cardinal_en(text, toks, k) if k > 0 and toks[k][0].lower() not in ("a", "an") else None
        # "one over three" is a fraction; "$10 million over four years" and "1 in 5 years" are not
        if (
            den_card is not None
            and den_card[1] > value
            and (nxt == "out" or total_is_plain(text, toks, den_card[0]))
            and (nxt != "in" or words + den_card[2] > 0)
        ):
            return den_card[0], sign * value / den_card[1], "fraction", words + 1
    return None


def _en_and_fraction(
    text: str, toks: list, j: int, sign: float, value: float, words: int, last_scale: float | None
) -> tuple[int, float, str, int] | None:
    """A whole number and the fraction after "and" at token j ("one and a half", "five and a half million",
    "three million and a quarter"), or None when no fraction follows."""
    sub = _parse_en(text, toks, j + 1, scale=False)
    if sub is None or sub[2] != "fraction":
        return None
    frac = sub[1]
    end = sub[0]
    sc = _scale_after(text, toks, end)
    if sc is not None and last_scale is None:
        return sc[0], sign * (value + frac) * sc[1], "int", words + sub[3] + 1  # five and a half million
    if sc is not None:
        frac, end = frac * sc[1], sc[0]  # one billion and a half million
    elif last_scale is not None:
        frac *= last_scale  # three million and a quarter
    return end, sign * (value + frac), "mixed", words + sub[3]


def total_is_plain(text: str, toks: list, j: int) -> bool:
    """Nothing but punctuation, the end, or 'of' follows the denominator (no counted noun)."""
    return j >= len(toks) or not joined(text, toks, j) or toks[j][0].lower() == "of"


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
STARTS = {key: guarded(pattern) for key, pattern in STARTS.items()}
