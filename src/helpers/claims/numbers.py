"""Number normalization for Japanese, German and English numerals.

Every parser returns a finite float or ``None``; nothing here raises on odd
input. Values above ``MAX_VALUE`` (or digit runs longer than ``MAX_DIGITS``)
are refused: the corpus talks about billions, trillions and 1e24 FLOPs, and a 400-digit
run is noise, not a claim, so it is skipped rather than capped to a fake value.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources

from text_to_num import text2num

from ..text.safeload import load_yaml

MAX_VALUE = 1e27  # training compute in FLOPs (1e26) and the Avogadro constant (6e23) are claims too
MAX_DIGITS = 19

_JA_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壱": 1,
    "弐": 2,
    "参": 3,
}
_JA_SMALL = {"十": 10, "百": 100, "千": 1000}
_JA_BIG = {"万": 1e4, "億": 1e8, "兆": 1e12}

SCALE_WORDS: dict[str, dict[str, float]] = {
    "de": {
        "tausend": 1e3,
        "tsd": 1e3,
        "tsd.": 1e3,
        "million": 1e6,
        "millionen": 1e6,
        "mio": 1e6,
        "mio.": 1e6,
        "milliarde": 1e9,
        "milliarden": 1e9,
        "mrd": 1e9,
        "mrd.": 1e9,
        "mill.": 1e6,
        # German Billion is 10^12 (long scale)
        "billion": 1e12,
        "billionen": 1e12,
    },
    "en": {
        "thousand": 1e3,
        "k": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "mn": 1e6,
        "m": 1e6,
        "mln": 1e6,
        "bln": 1e9,
        "tln": 1e12,
        "tn": 1e12,
        "trn": 1e12,
        "billion": 1e9,
        "billions": 1e9,
        "bn": 1e9,
        "b": 1e9,
        "trillion": 1e12,
        "trillions": 1e12,
        "t": 1e12,
        # cut off before a currency code only ("21.43 bill.CHF", lexicon.SCALE_AFTER); with the dot, never a word
        "bill.": 1e9,
        "mill.": 1e6,
    },
}

_INDEFINITE = {"de": ("eine", "ein", "einer", "einen", "einem"), "en": ("a", "an", "one")}


# Numerals refused for their size while a ``refusals()`` block is open: a reader
# of the claims table must be able to learn that a number was there and left out.
_REFUSED: ContextVar[list[str] | None] = ContextVar("refused_numbers", default=None)


@contextmanager
def refusals() -> Iterator[list[str]]:
    """Collect, inside the block, a note for each numeral refused as out of range (see ``MAX_VALUE``)."""
    found: list[str] = []
    token = _REFUSED.set(found)
    try:
        yield found
    finally:
        _REFUSED.reset(token)
        outer = _REFUSED.get()
        if outer is not None:  # an enclosing block hears of them too
            outer.extend(found)


def _refuse(what: str) -> None:
    found = _REFUSED.get()
    if found is not None:
        found.append(what)


def finite_or_none(value: float | None) -> float | None:
    """The value if it is a usable finite number within ``MAX_VALUE``, else None."""
    if value is None or math.isnan(value):
        return None
    if math.isinf(value) or abs(value) > MAX_VALUE:
        _refuse("beyond 10^27")
        return None
    return float(value)


def to_halfwidth(s: str) -> str:
    """Full-width digits/letters/punctuation to ASCII (NFKC), keeping kana/kanji."""
    return s if s.isascii() else unicodedata.normalize("NFKC", s)  # ASCII is its own NFKC form


def _digit_run_ok(s: str) -> bool:
    if sum(c.isdigit() for c in s) <= MAX_DIGITS:
        return True
    _refuse(f"more than {MAX_DIGITS} digits")
    return False


# The digit forms of parse_digits and parse_latin, compiled once (every number of every sentence is read with them)
_DE_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")
_DE_DECIMAL = re.compile(r"^\d+,\d+")
_EN_GROUPED_WHOLE = re.compile(r"\d{1,3}(,\d{3})+")
_EN_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_COMMA_DECIMAL = re.compile(r"^\d+,\d{1,2}")
_PLAIN_DECIMAL = re.compile(r"\d+(\.\d+)?")
_TIMES_TEN_POWER = re.compile(r"^(.+?)\s?[x×*]\s?10\^([+-]?\d{1,3})")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?")
_GROUP_SPACE = re.compile(r"[ \u00a0\u202f\u2009]")


def parse_digits(s: str, lang: str) -> float | None:
    """Parse an ASCII digit string with the separators of ``lang``.

    German: ``10.000`` = 10000, ``2,5`` = 2.5. English/Japanese: ``350,000`` =
    350000, ``3.1`` = 3.1. A German dot is a thousands separator only when it
    groups exactly three digits (``10.000``), so ``Llama 3.1`` stays 3.1.
    """
    s = to_halfwidth(s).strip()
    if not s or not _digit_run_ok(s):
        return None
    if lang == "de":
        if _DE_GROUPED.fullmatch(s):
            s = s.replace(".", "").replace(",", ".")
        elif _DE_DECIMAL.fullmatch(s):
            s = s.replace(",", ".")
        elif _EN_GROUPED_WHOLE.fullmatch(s):
            # English-style grouping that slipped into a translation
            s = s.replace(",", "")
    else:
        if _EN_GROUPED.fullmatch(s):
            s = s.replace(",", "")
        elif _COMMA_DECIMAL.fullmatch(s) and lang != "ja":
            s = s.replace(",", ".")
    if not _PLAIN_DECIMAL.fullmatch(s):
        return None
    return finite_or_none(float(s))


# Used with fullmatch; the "^" keeps a search (or any caller's finditer) from retrying the lazy
# prefix at every position, which is quadratic in the length of the text.
_EXPONENT = re.compile(r"^(.*?)(?:[eE]([+-]?\d{1,3})|(?:\^|\s?\*\*\s?)([+-]?\d{1,3}(?:\.\d+)?))")


def parse_latin(s: str, lang: str) -> float | None:
    """A Latin-script numeral with its sign, separators and exponent: ``-1.3``, ``1 234 567``,
    ``1.5e9``, ``2^5``, ``.08``, ``2,5`` (German), ``40 000`` (space-grouped thousands)."""
    s = to_halfwidth(s).strip()
    sign = 1.0
    if s[:1] in "-−":
        sign, s = -1.0, s[1:].lstrip()
    times_ten = _TIMES_TEN_POWER.fullmatch(s)
    if times_ten:  # 1.3x10^6
        s = f"{times_ten.group(1)}e{times_ten.group(2)}"
    m = _EXPONENT.fullmatch(s)
    exponent: float | None = None
    power = False
    if m:
        s = m.group(1)
        exponent = float(m.group(2) or m.group(3))
        power = m.group(3) is not None
    if _SPACE_GROUPED.fullmatch(s):
        s = _GROUP_SPACE.sub("", s)
        s = s.replace(",", ".") if lang == "de" else s
    if s.startswith(".") and s[1:].isdigit():
        s = "0" + s
    base = parse_digits(s, lang)
    if base is None:
        return None
    if exponent is not None:
        if base == 0 and exponent < 0 and power:
            return None
        try:
            base = base**exponent if power else base * 10.0**exponent
        except OverflowError:
            _refuse("beyond 10^27")
            return None  # 1e400: out of range, not a claim
        except ZeroDivisionError:
            return None
        if isinstance(base, complex):
            return None
    return finite_or_none(sign * base)


def parse_japanese(s: str) -> float | None:
    """Parse a Japanese numeral: digits, kanji numerals, 万/億/兆, 1,000億, ２４万, 二十四万, 1.5兆."""
    s = to_halfwidth(s).replace(",", "").replace("，", "").replace("、", "").replace(" ", "")
    if not s or not _digit_run_ok(s):
        return None
    if "・" in s:
        # 九・二三: kanji digits after the point are read one by one
        whole, _, frac = s.partition("・")
        head = parse_japanese(whole)
        if head is None or not frac or any(c not in _JA_DIGITS for c in frac):
            return None
        return finite_or_none(head + float("0." + "".join(str(_JA_DIGITS[c]) for c in frac)))
    total = 0.0
    section = 0.0  # value below the next 万/億/兆
    current: float | None = None  # pending digits
    i = 0
    seen = False
    while i < len(s):
        c = s[i]
        if c.isdigit() and c.isascii():
            m = re.match(r"\d+(\.\d+)?", s[i:])
            assert m is not None
            if current is not None:
                return None
            current = float(m.group(0))
            i += len(m.group(0))
            seen = True
            continue
        if c in _JA_DIGITS:
            d = _JA_DIGITS[c]
            # kanji digits may be written positionally (二〇二四)
            current = d if current is None else current * 10 + d
            seen = True
        elif c in _JA_SMALL:
            # 零十 is ten: a leading zero is not a digit of the multiplier
            section += (current if current else 1) * _JA_SMALL[c]
            current = None
            seen = True
        elif c in _JA_BIG:
            part = section + (current or 0)
            if part == 0:
                return None
            total += part * _JA_BIG[c]
            section, current = 0.0, None
            seen = True
        else:
            return None
        i += 1
    if not seen:
        return None
    return finite_or_none(total + section + (current or 0))


# Numerals read out in hiragana (transcripts, furigana): longest reading first
_KANA_DIGITS = {
    "いち": 1,
    "いっ": 1,
    "に": 2,
    "さん": 3,
    "よん": 4,
    "し": 4,
    "ご": 5,
    "ろく": 6,
    "ろっ": 6,
    "なな": 7,
    "しち": 7,
    "はち": 8,
    "はっ": 8,
    "きゅう": 9,
    "く": 9,
    "れい": 0,
    "ぜろ": 0,
}
_KANA_SMALL = {"じゅう": 10, "じゅっ": 10, "ひゃく": 100, "びゃく": 100, "ぴゃく": 100, "せん": 1000, "ぜん": 1000}
_KANA_BIG = {"まん": 1e4, "おく": 1e8, "ちょう": 1e12}
KANA_TOKENS = sorted([*_KANA_DIGITS, *_KANA_SMALL, *_KANA_BIG], key=len, reverse=True)


def parse_hiragana(s: str) -> tuple[float, int, bool] | None:
    """A numeral read out in hiragana (にじゅうさん = 23, さんびゃく = 300): (value, tokens, has a
    multiplier), or None when ``s`` is not one numeral from end to end or its value is refused
    (``finite_or_none``)."""
    total = section = 0.0
    current: float | None = None
    i = tokens = 0
    multiplier = False
    while i < len(s):
        tok = next((t for t in KANA_TOKENS if s.startswith(t, i)), None)
        if tok is None:
            return None
        if tok in _KANA_DIGITS:
            if current is not None:
                current = current * 10 + _KANA_DIGITS[tok]  # にさんよん: digits read one by one
            else:
                current = float(_KANA_DIGITS[tok])
        elif tok in _KANA_SMALL:
            section += (current if current else 1.0) * _KANA_SMALL[tok]
            current, multiplier = None, True
        else:
            part = section + (current or 0.0)
            if part == 0:
                return None
            total += part * _KANA_BIG[tok]
            section, current, multiplier = 0.0, None, True
        i += len(tok)
        tokens += 1
    value = finite_or_none(total + section + (current or 0.0))
    return None if value is None else (value, tokens, multiplier)


@lru_cache(maxsize=4096)
def parse_word_number(word: str, lang: str) -> float | None:
    """A spelled-out German or English number (``neun``, ``zweiundzwanzig``, ``twenty-two``)."""
    w = word.strip().lower()
    if lang not in ("de", "en") or not w:
        return None
    try:
        return finite_or_none(float(text2num(w, lang)))
    except (ValueError, TypeError):
        return None


def parse_number(surface: str, lang: str) -> float | None:
    """Parse one numeral as written in ``lang`` (``ja``, ``de``, ``en``) into a float.

    Handles digits with local separators, Japanese kanji numerals and 万/億/兆,
    German/English scale words (``2,5 Milliarden``, ``$10 billion``, ``600k``),
    spelled-out numbers and ``eine Million`` (which text2num rejects).
    Returns None for anything that is not a single number or is out of range.
    """
    s = to_halfwidth(surface).strip().lstrip("$€").strip()
    if not s:
        return None
    if lang == "ja":
        v = parse_japanese(s)
        if v is not None:
            return v
        lang = "en"  # Latin-script numbers inside Japanese text ("70B", "350,000")
    scales = SCALE_WORDS.get(lang, SCALE_WORDS["en"])
    m = re.fullmatch(r"(.*?)[\s-]*([A-Za-zäöüÄÖÜ]+\.?)", s)
    if m and m.group(2).lower() in scales and m.group(1):
        head, scale = m.group(1).strip(), scales[m.group(2).lower()]
        if head.lower() in _INDEFINITE.get(lang, ()):
            base: float | None = 1.0
        else:
            base = parse_number(head, lang)
        return finite_or_none(base * scale) if base is not None else None
    if re.fullmatch(r"[\d.,]+", s):
        return parse_digits(s, lang)
    if lang in ("de", "en"):
        return parse_word_number(s, lang)
    return None


@lru_cache(maxsize=1)
def vague_brackets() -> dict[str, dict[str, tuple[float, float]]]:
    """The documented vague-quantity table (data/vague_brackets.yaml), per language."""
    raw = load_yaml(resources.files("helpers.claims").joinpath("data/vague_brackets.yaml").read_text("utf-8"))
    table: dict[str, dict[str, tuple[float, float]]] = {}
    for lang, entries in raw.items():
        table[lang] = {str(k).lower(): (float(v[0]), float(v[1])) for k, v in entries.items()}
    return table


def vague_bracket(key: str, lang: str) -> tuple[float, float] | None:
    """Multiplier bracket for a vague numeral (``数百``, ``tens of``, ``Milliarden``), or None."""
    return vague_brackets().get(lang, {}).get(key.strip().lower())
