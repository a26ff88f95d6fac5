"""The numeral finders run in turn over a sentence: each finds one form of number (a *core*) where no
earlier finder and no span that holds no claim (a URL, a timestamp, a time of day) has found one.

Script-independent forms come first (model versions and sizes, exponents, dates, years written '25,
word and slash fractions), then those of the sentence's script (``japanese``, ``latin``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .. import numbers, spoken
from ..lexicon import (
    DE_DATE,
    DECADE,
    EN_DATE,
    EN_DAY_MONTH,
    EN_UNITS,
    FISCAL_YEAR,
    FRACTIONS,
    HAS_LATIN_WORD,
    ISO_DATE,
    JA_DATE,
    JA_MONTH_DAY,
    MONTH_NAMED,
    MONTH_YEAR,
    NEED_MONTH,
    NUMERIC_DATE,
    SHORT_YEAR,
    UNITS_BY_LANG,
    VERSION,
)
from .japanese import _dedupe, _ja_cores, _ja_fractions, _ja_wari, _kana_numerals
from .latin import _latin_cores
from .model import _Core, _overlaps, _spans

# Llama versions run 1, 2, 3, 3.1 ... (10 as a far-off example); a number this high after "Llama" is a size
_MIN_LLAMA_SIZE = 20
# "2-1/2 inches", "up 14-1/4 cents", "$9.68-1/4 a bushel": a whole and a fraction joined by a hyphen (a grain
# price's eighths are of its last cent)
_SLASH_FRACTION = re.compile(
    r"(?<![\w/.,-])(?P<sign>-)?(?:(?P<whole>\d{1,3})(?:\s?(?=[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])|\s+(?=\d{1,3}/)"
    r"|(?P<cents>\.\d\d)?(?P<hyphen>-)(?=[1-9]/(?:2|4|8|16)(?![\d/]))))?"
    r"(?:(?P<num>\d{1,3})\s?/\s?(?P<den>\d{1,4})(?![\d/]|\.\d)|(?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]))"
)
_EXPONENT_HINT = re.compile(r"\d\s?(?:[eE^x×*]|\\times)")
_VULGAR = re.compile(r"[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]")
# Bounded by Latin letters and digits only: Japanese runs kana and kanji into its numerals (10^30個).
_SCIENTIFIC = re.compile(
    r"(?<![0-9A-Za-zÀ-ɏ_.,^-])-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d{1,3}(?![0-9A-Za-zÀ-ɏ_]|\.\d)"
    r"|(?:\^|\s?\*\*\s?)[+-]?\d{1,3}(?:\.\d+)?(?![0-9A-Za-zÀ-ɏ_]|\.\d)"
    r"|\s?(?:[x×*]|\\times)\s?10(?:\^\{?[+-]?\d{1,3}\}?|\*\*[+-]?\d{1,3}|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+"
    r"|-\d{1,2}(?=\s[A-Za-zµ]))(?![0-9A-Za-zÀ-ɏ_]|\.\d))"
)
# German writes the mantissa with a decimal comma: "6,022 × 10^23"
_SCIENTIFIC_DE = re.compile(
    r"(?<![0-9A-Za-zÀ-ɏ_.,^-])-?\d+,\d+\s?(?:[x×*]|\\times)\s?10(?:\^\{?[+-]?\d{1,3}\}?|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"(?![0-9A-Za-zÀ-ɏ_]|\.\d)"
    r"|" + _SCIENTIFIC.pattern
)
# 6.02×10²³, 3 × 10-5 m (the superscript lost), 6.02 \times 10^{23}: the mantissa and the power of ten
_TIMES_TEN = re.compile(r"\A(.+?)\s?(?:[x×*]|\\times)\s?10\s?(?:\^\{?|\*\*)?([-+⁻⁺]?[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]+)\}?")
# a line that is a label glued to a number and nothing else (a spec sheet's or model card's row)
_GLUED_LABEL = re.compile(r"^([A-Z][A-Za-z]{3,30})(\d[\d,]*(?:\.\d+)?(?:[eE][+-]?\d{1,3})?)[ \t]*$", re.M)
_GLUED_LABEL_HINT = re.compile(r"[a-z]\d")
_ONE_OR_TWO_DIGITS = re.compile(r"\d{1,2}")
_ONE_DIGIT_SCALED = re.compile(r"[1-9]\s(?:thousand|million|billion|trillion)")
_ONE_DIGIT = re.compile(r"\d")
# what follows the second half of a split decimal: its unit, or a word that cannot open a sentence
_CLAUSE_GOES_ON = re.compile(
    r"\s?%|\s(?:percent|per cent|inch(?:es)?|feet|foot|mph|miles?|km|kg|pounds?|at|in|by|to"
    r"|and|or|for|from|this|next|last|over)\b"
)
# "a point and a half", "two points and a quarter": a move in percentage points said in words; "a decade",
# "ein Jahrzehnt": ten years; "a century": a hundred
_POINT_AND_FRACTION = re.compile(
    r"(?i)\b(a|one|two|three|four|five)\s(?:percentage\s)?points?\sand\sa\s(half|quarter)\b"
)
# "nearly a full percentage point lower", "a whole percentage point": one point (not "per percentage point",
# "every percentage point of growth", where it is what something is per)
_A_FULL_POINT = re.compile(r"(?i)(?<!per\s)(?<!every\s)(?<!each\s)\b(?:a|one)\s(?:full|whole)\spercentage\spoint\b")
_SMALL = {"a": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "half": 0.5, "quarter": 0.25}
_A_DECADE = {
    "en": re.compile(r"(?i)\b(?:a|one)\s(decade|century)\b(?![\s-](?:ago|old|later|earlier|low|high))"),
    "de": re.compile(r"(?i)\b(?:ein|einem|eines)\s(Jahrzehnt|Jahrhundert)s?\b"),
}
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")


def _find_cores(text: str, lang: str, taken: list[tuple[int, int]], digits: bool) -> list[_Core]:
    """Every numeral core of a sentence, ordered by start (longest first); ``taken``: spans that hold no claim,
    ``digits``: whether the text has a digit at all."""
    taken = list(taken)
    cores: list[_Core] = _versions(text, taken) if digits else []
    if lang == "en":
        cores += _spoken_versions(text, taken + _spans(cores))
    if lang != "ja" and digits and _GLUED_LABEL_HINT.search(text):
        cores += _glued_labels(text, lang, taken + _spans(cores))
    if digits and _EXPONENT_HINT.search(text):
        scientific, refused = _scientific(text, taken, lang)
        cores += scientific
        taken += refused
    cores += _dates(text, lang, taken + _spans(cores)) if digits else []
    if lang != "ja" and digits and ("'" in text or "’" in text):
        cores += _short_years(text, taken + _spans(cores))
    said = _said_amounts(text, lang, taken)
    cores += said
    taken += _spans(said)
    cores += _word_fractions(text, lang, taken)
    if lang == "ja":
        cores += _ja_wari(text, taken) + _kana_numerals(text, taken) + _ja_fractions(text, taken)
        powers = [_Core(s, e, v, v) for s, e, v in spoken.spoken_powers(text, "ja") if not _overlaps(s, e, taken)]
        cores += powers  # 10の13乗トークン
        taken += _spans(powers)
    cores += _slash_fractions(text, taken + _spans(cores))
    # a word fraction ("half") may be part of a longer spelled number ("half a dozen", "two million and one half")
    taken += [(c.start, c.end) for c in cores if not (c.kind == "fraction" and c.word)]
    if lang == "ja":
        # English numbers inside Japanese text ("0 Million", "350,000 H100s") need a Latin scale/word
        latin = _latin_cores(text, "en", taken, words=False) if HAS_LATIN_WORD.search(text) else []
        new = _ja_cores(text, taken) + latin
        # Latin-script numbers inside Japanese text are already covered by JA_CORE
        new = [
            c
            for c in new
            if c.word is False
            and not _overlaps(
                c.start, c.end, [(x.start, x.end) for x in new if x is not c and x.end - x.start > c.end - c.start]
            )
        ]
        new = _dedupe(new)
    else:
        new = _latin_cores(text, lang, taken)
    cores += new
    cores.sort(key=lambda c: (c.start, -c.end))
    return _broken_decimals(text, cores) if lang == "en" and ". " in text else cores


def _broken_decimals(text: str, cores: list[_Core]) -> list[_Core]:
    """ "6. 5 inches", "rises to 4. 4 at the end": one decimal that captioning split with a space after the point,
    joined where a unit or a word that goes on with the clause follows (so "won 2. 3 players left" stays two)."""
    out: list[_Core] = []
    for c in cores:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == c.kind == "num"
            and not prev.word
            and (not c.word or c.scaled)
            and text[prev.end : c.start] == ". "
            and _ONE_OR_TWO_DIGITS.fullmatch(text, prev.start, prev.end)
            and (
                _ONE_DIGIT.fullmatch(text, c.start, c.end)
                or c.scaled
                and _ONE_DIGIT_SCALED.fullmatch(text, c.start, c.end)
            )
            and text[prev.start - 1 : prev.start] not in (".", ",")
            and _CLAUSE_GOES_ON.match(text, c.end)
        ):
            digit = text[c.start]  # "4. 4 trillion": the scale said after the second part scales the whole
            value = float(f"{text[prev.start : prev.end]}.{digit}") * (c.low / float(digit) if c.scaled else 1.0)
            out[-1] = replace(prev, end=c.end, low=value, high=value, scaled=c.scaled)
            continue
        out.append(c)
    return out


def _glued_labels(text: str, lang: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """ "Parameters8000000000", "FLOPs1.22e+24": a data row's label glued to its value, the label a unit word."""
    cores: list[_Core] = []
    for m in _GLUED_LABEL.finditer(text):
        if _overlaps(m.start(2), m.end(2), taken):
            continue
        labels = (" " + m.group(1), " " + m.group(1).lower())  # FLOPs is case-sensitive, Parameters is not
        unit = next(
            (
                u
                for label in labels
                for pattern, u, mult in UNITS_BY_LANG.get(lang, EN_UNITS)
                if mult == 1.0 and (hit := pattern.match(label)) and hit.end() == len(label)
            ),
            None,
        )
        value = numbers.parse_latin(m.group(2), "en") if unit else None
        if unit and value is not None:
            cores.append(_Core(m.start(), m.end(2), value, value, kind="label", unit=unit))
    return cores


def _versions(text: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """Model versions (Llama 3.1) and sizes (Llama 3 70B, Llama 405)."""
    cores: list[_Core] = []
    for m in VERSION.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            v = numbers.parse_digits(m.group(1), "en")
            if v is not None:
                if m.end() < len(text) and text[m.end()] == "B" and not text[m.end() + 1 : m.end() + 2].isalpha():
                    cores.append(_Core(m.start(), m.end() + 1, v * 1e9, v * 1e9, kind="size"))
                elif v >= _MIN_LLAMA_SIZE and v.is_integer():
                    # "Llama 405": no release is numbered that high, so the number names the 405B model
                    cores.append(_Core(m.start(), m.end(), v * 1e9, v * 1e9, kind="size"))
                else:
                    cores.append(_Core(m.start(), m.end(), v, v, kind="version"))
    return cores


def _spoken_versions(text: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """ "gpt four", "llama three point one": model versions as captions spell them."""
    cores: list[_Core] = []
    for s, e, v in spoken.spoken_versions(text):
        if not _overlaps(s, e, taken + _spans(cores)):
            cores.append(_Core(s, e, v, v, kind="version", word=True))
    return cores


def _scientific(text: str, taken: list[tuple[int, int]], lang: str = "en") -> tuple[list[_Core], list[tuple[int, int]]]:
    """1.5e9, -12e-1, 2^5: a numeral with an exponent, in any language's text; and the spans of those too large,
    which are no claim (nor is the 400 of 10^400)."""
    cores: list[_Core] = []
    refused: list[tuple[int, int]] = []
    pattern = _SCIENTIFIC_DE if lang == "de" else _SCIENTIFIC
    for m in pattern.finditer(text):
        if not _overlaps(m.start(), m.end(), taken + refused):
            with numbers.refusals() as too_large:
                tt = _TIMES_TEN.fullmatch(m.group(0))
                written = f"{tt.group(1)}e{tt.group(2).translate(_SUPERSCRIPT)}" if tt else m.group(0)
                written = written.replace(",", ".") if lang == "de" and tt else written  # 6,022 × 10^23
                v = numbers.parse_latin(written, "en")
            if v is not None:
                cores.append(_Core(m.start(), m.end(), v, v))
            elif too_large:
                refused.append(m.span())
    return cores, refused


_DATE_PATTERNS = {
    "ja": (ISO_DATE, JA_DATE, JA_MONTH_DAY),
    "de": (ISO_DATE, NUMERIC_DATE, DE_DATE, MONTH_YEAR),
    "en": (ISO_DATE, NUMERIC_DATE, EN_DATE, EN_DAY_MONTH, DE_DATE, MONTH_YEAR),
}


def _dates(text: str, lang: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """Dates: a year (kind year) where one is written, else the day (kind date, which holds its words so no
    number in it is read as a count, and is then dropped: a day of the month is not a quantity)."""
    cores = _fiscal_years_and_decades(text, lang, blocked)
    month = MONTH_NAMED.search(text) is not None
    for pattern in _DATE_PATTERNS.get(lang, _DATE_PATTERNS["en"]):
        if not month and pattern in NEED_MONTH:
            continue
        for m in pattern.finditer(text):
            if _overlaps(m.start(), m.end(), blocked + _spans(cores)):
                continue
            year = next((g for g in m.groups() if g and len(g) == 4), None)
            if year is None and pattern is NUMERIC_DATE:
                year = str(_century(int(m.group(1))))
            if year:
                cores.append(_Core(m.start(), m.end(), float(year), float(year), kind="year"))
            else:
                day = float(m.group(2) if pattern is JA_MONTH_DAY else m.group(1))
                cores.append(_Core(m.start(), m.end(), day, day, kind="date"))
    return cores


def _century(two: int) -> int:
    """A year written with two digits, in the century closest to the present corpus ('25 is 2025, '98 is 1998)."""
    return 2000 + two if two <= 40 else 1900 + two


def _fiscal_years_and_decades(text: str, lang: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """FY26 (the year 2026) and the 2030s (2030 to 2039): years named without a date around them."""
    cores: list[_Core] = []
    for pattern in (FISCAL_YEAR, DECADE[lang]) if lang in DECADE else ():
        for m in pattern.finditer(text):
            if _overlaps(m.start(), m.end(), blocked + _spans(cores)):
                continue
            first = int(m.group(1)) if len(m.group(1)) == 4 else _century(int(m.group(1)))
            last = first + 9 if pattern is not FISCAL_YEAR else first
            cores.append(_Core(m.start(), m.end(), float(first), float(last), kind="year"))
    return cores


def _short_years(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """'25 is 2025, '98 is 1998: the century closest to the present corpus."""
    cores: list[_Core] = []
    for m in SHORT_YEAR.finditer(text):
        if not _overlaps(m.start(), m.end(), blocked + _spans(cores)):
            year = float(_century(int(m.group(1))))
            cores.append(_Core(m.start(), m.end(), year, year, kind="year"))
    return cores


def _word_fractions(text: str, lang: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """Fractions the lexicon names by a word (half, Hälfte, Drittel, 半分), as a percentage."""
    cores: list[_Core] = []
    for pattern, value in FRACTIONS.get(lang, []):
        for m in pattern.finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            if (
                lang == "en"
                and _COUNTED_BEFORE.search(text, max(0, m.start() - 12), m.start())
                and _NOUN_AFTER.match(text, m.end())
            ):
                continue  # "a thousand half cycles", "two half days": the number counts half-things
            cores.append(_Core(m.start(), m.end(), value, value, kind="fraction", word=True))
    return cores


# a number right before "half" and a noun right after it: "half" is part of the counted thing's name
_COUNTED_BEFORE = re.compile(
    r"(?i)(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|hundred|thousand|"
    r"million|dozen))\s$"
)
_NOUN_AFTER = re.compile(
    r"[\s-](?!(?:of|the|and|or|a|an|to|in|on|at|by|for|from|percent|per|more|less|as|than|that|it|is|was|are|were)\b)"
    r"[a-z]{3,}"
)


# the units a spec sheet offers in alternatives written with a slash ("2/3 GB", "16/32GB", "4/6 TB")
_SPEC_UNIT_AFTER = re.compile(r"\s?(?:[KMGT]B|[KMGT]b|mAh|MP)\b")


def _slash_fractions(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """3/4, 1 3/5, -4/5, ½, 2½: proper fractions only (9/11 and 24/7 are a date and a phrase)."""
    cores: list[_Core] = []
    for m in _SLASH_FRACTION.finditer(text) if "/" in text or _VULGAR.search(text) else ():
        if _overlaps(m.start(), m.end(), blocked + _spans(cores)):
            continue
        if text[m.end() : m.end() + 1] == "." and not m.group("hyphen"):
            continue  # "5/10." closes a rating; "$9.60-3/4." a price
        if _SPEC_UNIT_AFTER.match(text, m.end()):
            continue  # "RAM: 2/3 GB": a spec sheet's alternatives, not two thirds of a gigabyte
        if m.group("vulgar"):
            frac = unicodedata.numeric(m.group("vulgar"))
        else:
            num, den = float(m.group("num")), float(m.group("den"))
            # 3/4 and 1/20 are fractions; 9/11 and 12/25 are dates
            if not den or num >= den or (den > 10 and num != 1):
                continue
            frac = num / den
        sign = -1.0 if m.group("sign") else 1.0
        if m.group("cents"):
            v = sign * (float(m.group("whole") + m.group("cents")) + frac / 100)
            cores.append(_Core(m.start(), m.end(), v, v))
        elif m.group("whole"):
            v = sign * (float(m.group("whole")) + frac)
            cores.append(_Core(m.start(), m.end(), v, v))
        else:
            cores.append(_Core(m.start(), m.end(), sign * 100 * frac, sign * 100 * frac, kind="fraction"))
    return cores


def _said_amounts(text: str, lang: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """Amounts said with words that carry their unit: "a point and a half" (1.5 percentage points), "a decade"
    (10 years), "ein Jahrhundert" (100 years)."""
    cores: list[_Core] = []
    if lang == "en" and "point" in text:
        for m in _POINT_AND_FRACTION.finditer(text):
            v = _SMALL[m.group(1).lower()] + _SMALL[m.group(2).lower()]
            if not _overlaps(m.start(), m.end(), taken):
                cores.append(_Core(m.start(), m.end(), v, v, word=True, unit="percentage_point"))
        for m in _A_FULL_POINT.finditer(text):
            if not _overlaps(m.start(), m.end(), taken + _spans(cores)):
                cores.append(_Core(m.start(), m.end(), 1.0, 1.0, word=True, unit="percentage_point"))
    pattern = _A_DECADE.get(lang)
    if pattern is not None and ("ecade" in text or "entur" in text or "ahr" in text):
        for m in pattern.finditer(text):
            v = 10.0 if m.group(1).lower().startswith(("decade", "jahrzehnt")) else 100.0
            if not _overlaps(m.start(), m.end(), taken + _spans(cores)):
                cores.append(_Core(m.start(), m.end(), v, v, word=True, unit="duration_year"))
    return cores
