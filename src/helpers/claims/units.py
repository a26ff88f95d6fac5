"""The unit vocabulary: what a number can be counted or measured in, and how its value is normalized.

Every quantity gets one ``unit`` name from ``UNITS``:

* currencies: ISO 4217 codes in lower case (``usd``, ``eur``, ``jpy``, ``gbp``, ``cny`` ...), for every
  code CLDR knows (via Babel), recognized by symbol (``€``, ``£``, ``¥``, ``US$``), code (``USD``,
  ``EUR``), CLDR name in Japanese, German and English (``米ドル``, ``Schweizer Franken``, ``euros``)
  and the everyday words of news and transcripts (``ドル``, ``円``, ``Dollar``, ``bucks``). The value
  stays in the currency's main unit (``5 cents`` = 0.05 usd); there is no exchange-rate conversion;
* physical and digital units through one pint registry, normalized to one base unit per dimension:
  ``meter``, ``kilogram``, ``square_meter``, ``cubic_meter``, ``meter_per_second``, ``watt``, ``joule``,
  ``kelvin``, ``byte``, ``byte_per_second``, ``hertz``, ``radian`` and ``duration_second`` (hours,
  minutes, seconds); SI prefixes apply where pint allows them (``GW``, ``Megawatt``, ``キロメートル``);
* ``percent`` (half = 50; a fraction such as 3分の2 is 66.7 percent), ``percentage_point``,
  ``multiple`` (2倍, tenfold, 2.5x) and ``index_point`` (a stock index's level or move: "fell 95.85 points
  to 7,652.91", "120 Punkte", read only in a sentence naming an index);
* the corpus's own count units: ``gpu``, ``token``, ``parameter``, ``person``, ``count``;
* calendar and lifetime: ``year`` (a calendar year), ``duration_year`` / ``_month`` / ``_week`` /
  ``_day``, ``age``; ``version`` (Llama 3.1); ``other``.

``unit_surface`` keeps the unit as written (``km``, ``Meilen``, ``ドル``), so the number as written
can always be recovered: ``as_written(value, unit, unit_surface)``.

The surface tables are built once per process on first use (pint and Babel load in about a second);
the hot path only does dictionary look-ups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .currency_tables import (
    COMMON_CODES,
    COMMON_WORDS,
    CURRENCY_SIGNS,
    CURRENCY_SUBUNITS,
    CURRENCY_WORDS,
    DOLLAR_PREFIXES,
    SIGN_CODES,
)
from .rates import RATE_UNITS, amount_unit
from .unit_tables import PLAIN, PREFIXED, PREFIXES

COUNT_UNITS = (
    "gpu",
    "token",
    "parameter",
    "person",
    "count",
    "pixel",
    "pixel_per_inch",
    "flop",
    "flop_per_second",
    "gpu_hour",
    "frame_per_second",
)
DURATIONS = ("duration_year", "duration_month", "duration_week", "duration_day", "duration_second")
PHYSICAL = (
    "meter",
    "kilogram",
    "square_meter",
    "cubic_meter",
    "meter_per_second",
    "watt",
    "joule",
    "kelvin",
    "byte",
    "byte_per_second",
    "hertz",
    "radian",
    "coulomb",
    "pascal",
)
RATIOS = ("percent", "percentage_point", "multiple", "index_point", "dimensionless")
CALENDAR = ("year", "age", "version", "other")

# pint expression of each physical base unit
_BASE = {
    "meter": "meter",
    "kilogram": "kilogram",
    "square_meter": "meter**2",
    "cubic_meter": "meter**3",
    "meter_per_second": "meter/second",
    "watt": "watt",
    "joule": "joule",
    "kelvin": "kelvin",
    "byte": "byte",
    "byte_per_second": "byte/second",
    "hertz": "hertz",
    "radian": "radian",
    "duration_second": "second",
}


@dataclass(frozen=True)
class UnitInfo:
    """A unit as written: base = written * factor + offset (offset only for temperatures)."""

    unit: str
    factor: float = 1.0
    offset: float = 0.0


# ---------------------------------------------------------------------------
# currencies (the surface tables are in currency_tables)


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """Every ISO 4217 code CLDR knows, in lower case."""
    from babel.numbers import list_currencies

    # bitcoin has no ISO code; btc is the code exchanges use
    return frozenset(c.lower() for c in list_currencies() if re.fullmatch(r"[A-Z]{3}", c)) | {"btc"}


def is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit in currency_codes()


@lru_cache(maxsize=1)
def _currency_tables() -> tuple[dict[str, dict[str, UnitInfo]], dict[str, str]]:
    """(words per language, lower-cased; signs and codes, case-sensitive) -> currency."""
    from babel import Locale

    words: dict[str, dict[str, UnitInfo]] = {"ja": {}, "de": {}, "en": {}}
    # CLDR names first, everyday words override them (ドル is the US dollar, not any dollar)
    for lang in ("ja", "de", "en"):
        loc = Locale.parse(lang)
        plural = loc._data.get("currency_names_plural", {})
        for code in sorted(currency_codes()):
            names = {loc.currencies.get(code.upper())}
            names.update(
                (plural.get(code.upper()) or {}).values() if hasattr(plural.get(code.upper()), "values") else ()
            )
            for name in names:
                if name and len(name) > 2:
                    words[lang][name.lower()] = UnitInfo(code)
                    if lang == "ja":
                        words[lang][name.replace(" ", "").lower()] = UnitInfo(code)
    # the currency's own word where CLDR's name has a country before it and no other currency shares it:
    # ナイラ (ナイジェリア ナイラ), naira, Zloty
    for lang in ("ja", "de", "en"):
        loc = Locale.parse(lang)
        last: dict[str, set[str]] = {}
        plural = loc._data.get("currency_names_plural", {})
        for code in currency_codes():
            name = loc.currencies.get(code.upper()) or ""
            forms = [name, *dict(plural.get(code.upper()) or {}).values()]
            for form in forms:
                parts = re.split(r"[ ・-]", form)
                if len(parts) > 1 and len(parts[-1]) >= 2 and parts[-1].isalpha():
                    last.setdefault(parts[-1].lower(), set()).add(code)
            if lang == "ja" and " " in name:
                words[lang][name.replace(" ", "・").lower()] = UnitInfo(code)
        for word, codes in last.items():
            if len(codes) == 1 and word not in words[lang] and word not in COMMON_WORDS:
                words[lang][word] = UnitInfo(next(iter(codes)))
    # German adjectives inflect: Kanadischer Dollar, 16 Millionen kanadische(n) Dollar
    for name, info in list(words["de"].items()):
        first, _, rest = name.partition(" ")
        m = re.fullmatch(r"^(\w+?)(er|e|en|es)", first)
        if rest and m:
            for ending in ("e", "en", "er", "es"):
                words["de"].setdefault(f"{m.group(1)}{ending} {rest}", info)
    for code, per_lang in CURRENCY_WORDS.items():
        for lang, spellings in per_lang.items():
            for f in spellings:
                words[lang][f.lower()] = UnitInfo(code)
    for lang, subs in CURRENCY_SUBUNITS.items():
        for f, (code, share) in subs.items():
            words[lang][f] = UnitInfo(code, share)
    signs = dict(CURRENCY_SIGNS)
    for code in SIGN_CODES:
        signs.setdefault(code.upper(), code)
    for code in COMMON_CODES:
        signs.setdefault(code.upper(), code)
        signs.setdefault("M" + code.upper(), code)  # MEUR, MUSD: millions
        for lang in words:
            words[lang].setdefault(code, UnitInfo(code))
    return words, signs


# ---------------------------------------------------------------------------
# physical and digital units (surface tables in unit_tables.py)


@lru_cache(maxsize=1)
def _registry():
    import pint

    # No disk cache (pint's ``cache_folder``): the build's workers would share one folder, and a
    # worker that reads an entry while another writes it fails with "EOFError: Ran out of input"
    # (seen on a fresh machine's first build). Parsing the definitions costs 0.08 s per process.
    return pint.UnitRegistry(cache_folder=None)


def _info(pint_unit: str, base: str) -> UnitInfo:
    """Factor (and offset) from ``pint_unit`` to the vocabulary base unit, computed by pint."""
    ureg = _registry()
    target = ureg.Unit(_BASE[base]) if base in _BASE else None
    if target is None:
        raise KeyError(base)
    if pint_unit[:1].isdigit():  # a scaled unit ("4046.8564224 * meter ** 2"): no offset
        return UnitInfo(base, float(ureg.Quantity(pint_unit).to(target).magnitude), 0.0)
    zero = ureg.Quantity(0.0, pint_unit).to(target).magnitude
    one = ureg.Quantity(1.0, pint_unit).to(target).magnitude
    return UnitInfo(base, float(one - zero), float(zero))


@lru_cache(maxsize=1)
def _physical_tables() -> tuple[dict[str, dict[str, UnitInfo]], dict[str, UnitInfo]]:
    """(names per language, lower-cased; symbols, case-sensitive) -> physical unit."""
    words: dict[str, dict[str, UnitInfo]] = {"ja": {}, "de": {}, "en": {}}
    symbols: dict[str, UnitInfo] = {}
    for pint_unit, base, prefixes, symbol, en, de, ja in PREFIXED:
        for prefix in prefixes:
            sym, pen, pde, pja = PREFIXES[prefix]
            name = prefix + pint_unit if "/" not in pint_unit else f"{prefix}{pint_unit}"
            info = _info(name, base)
            # bare B, b and s clash with billions, bits and plurals; pm and am are times of day
            if sym + symbol not in ("g", "s", "b", "B", "J", "L", "pm", "Pm", "am", "Em"):
                symbols[sym + symbol] = info
            for lang, names, p in (("en", en, pen), ("de", de, pde), ("ja", ja, pja)):
                for n in names:
                    words[lang][(p + n).lower()] = info
    # liters are often written with a lower-case l (ml, cl); micro with a plain u
    for sym, info in list(symbols.items()):
        if sym.endswith("L") and len(sym) == 2:
            symbols[sym[0] + "l"] = info
        if sym.startswith("µ"):
            symbols["u" + sym[1:]] = info
            symbols["μ" + sym[1:]] = info
    for pint_unit, base, forms in PLAIN:
        if not forms:
            continue
        info = _info(pint_unit, base)
        for lang, names in forms.items():
            for n in names:
                if lang == "*":
                    symbols[n] = info
                else:
                    words[lang][n.lower()] = info
    # "km" & co. as words too, so "500Km" and "KM" are found case-insensitively where that is unambiguous
    lowered: dict[str, set[UnitInfo]] = {}
    for sym, info in symbols.items():
        # a plain-u micro (us, um, ug) only as written: "494 US hospitals" is no time in microseconds
        if len(sym) >= 2 and not (sym[0] == "u" and "µ" + sym[1:] in symbols):
            lowered.setdefault(sym.lower(), set()).add(info)
    for low, infos in lowered.items():
        if len(infos) == 1:
            for lang in words:
                words[lang].setdefault(low, next(iter(infos)))
    return words, symbols


# ---------------------------------------------------------------------------
# ratios and the corpus's count units (unit -> surfaces per language); regular-expression fragments are
# kept in quantities.py where they depend on context (個 is a GPU only next to GPU words)

_RATIO_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "percent": {
        "en": ("percent", "per cent", "pct", "pc", "%", "％", "percentage"),
        "de": ("prozent", "%", "％", "v. h."),
        "ja": ("パーセント", "%", "％", "プロセント"),
    },
    "percentage_point": {
        "en": (
            "percentage points",
            "percentage point",
            "percentage-points",
            "percentage-point",
            "percent points",
            "pp",
            "ppt",
            "ppts",
            "points",
        ),
        "de": ("prozentpunkte", "prozentpunkten", "prozentpunkt"),
        "ja": ("ポイント", "パーセントポイント", "％ポイント", "%ポイント"),
    },
    "multiple": {
        "en": ("x", "×", "times", "fold", "-fold"),
        "de": ("x", "×", "mal", "fach", "-fach"),
        "ja": ("倍", "x", "×"),
    },
}


@lru_cache(maxsize=1)
def _ratio_tables() -> dict[str, dict[str, UnitInfo]]:
    out: dict[str, dict[str, UnitInfo]] = {"ja": {}, "de": {}, "en": {}}
    for unit, per_lang in _RATIO_WORDS.items():
        for lang, forms in per_lang.items():
            for f in forms:
                out[lang][f.lower()] = UnitInfo(unit)
    # a basis point is a hundredth of a percentage point
    for lang, forms in {
        "en": ("basis points", "basis point", "bps", "bp"),
        "de": ("basispunkte", "basispunkten", "basispunkt"),
        "ja": ("ベーシスポイント", "bp"),
    }.items():
        for f in forms:
            out[lang][f] = UnitInfo("percentage_point", 0.01)
    return out


# ---------------------------------------------------------------------------
# look-ups


@dataclass(frozen=True)
class UnitMatch:
    info: UnitInfo
    start: int
    end: int
    surface: str


@lru_cache(maxsize=1)
def _all_words() -> dict[str, dict[str, UnitInfo]]:
    """Lower-cased surface -> unit for each language: ratios, physical units, currencies (later win)."""
    phys, _ = _physical_tables()
    curr, _ = _currency_tables()
    ratio = _ratio_tables()
    out: dict[str, dict[str, UnitInfo]] = {}
    for lang in ("ja", "de", "en"):
        table: dict[str, UnitInfo] = {}
        table.update(phys[lang])
        table.update(curr[lang])
        table.update(ratio[lang])
        out[lang] = table
    return out


@lru_cache(maxsize=1)
def _max_words() -> int:
    return max(len(k.split()) for t in _all_words().values() for k in t)


@lru_cache(maxsize=1)
def _ja_max_len() -> int:
    return max(len(k) for k in _all_words()["ja"])


def symbol_table() -> dict[str, UnitInfo]:
    """Case-sensitive unit symbols (km, GW, °C, mph) and currency signs and codes."""
    return _symbols()


@lru_cache(maxsize=1)
def _symbols() -> dict[str, UnitInfo]:
    _, phys = _physical_tables()
    _, signs = _currency_tables()
    out = dict(phys)
    for s, code in signs.items():
        millions = len(s) == 4 and s[0] == "M" and s[1:].lower() == code
        out[s] = UnitInfo(code, 1e6 if millions else 1.0)
    return out


_TOKEN = re.compile(r"[^\s,;:!?()\[\]\"“”„]+")
_TOKEN_JA = re.compile(r"[^\s,;:!?()\[\]\"“”„\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]+")
_NEXT_TOKEN = re.compile(r"[ \-][^\s,;:!?()\[\]\"“”„]+")
_WORD_END = re.compile(r"(?![A-Za-zÄÖÜäöüß0-9])")


def unit_after(text: str, pos: int, lang: str, words_only: bool = False) -> UnitMatch | None:
    """The longest unit written right after ``pos`` (one optional space before it), or None.

    Symbols are matched case-sensitively (MW is not mW), names case-insensitively (Megawatts).
    """
    table = _all_words().get(lang, _all_words()["en"])
    start = pos
    nxt = text[pos + 1 : pos + 2]
    if pos < len(text) and (
        text[pos] in " \u00a0\u202f"
        and nxt
        and not nxt.isspace()
        and not nxt.isdigit()
        or text[pos] == "-"
        and nxt.isalpha()
    ):
        start = pos + 1  # "5 km", "10 €", "100-megawatt", "siebenhundert-Euro"
    if start >= len(text):
        return None
    if lang == "ja" and not text[start].isascii() and text[start] not in "°℃℉％＄￥￡€£¥":
        # Japanese: the longest table entry that the text starts with
        for n in range(min(_ja_max_len(), len(text) - start), 0, -1):
            info = table.get(text[start : start + n].lower())
            if info is not None:
                return UnitMatch(info, start, start + n, text[start : start + n])
        return None
    # names: up to a few words, longest first ("5kmだ", "時速100kmで": in Japanese a Latin unit ends at the kana)
    m = (_TOKEN_JA if lang == "ja" else _TOKEN).match(text, start)
    if m is None:
        return None
    ends = [m.end()]
    for _ in range(_max_words() - 1):
        word = _NEXT_TOKEN.match(text, ends[-1])
        if word is None:
            break
        ends.append(word.end())
    hyphen = text.find("-", start, ends[0])
    firsts = [hyphen] if hyphen >= 0 else []
    # "14°C/57°F", "3.9″/99mm": the same amount read again after a slash, not a rate's denominator
    if text.find("/", start, ends[0]) >= 0:
        firsts += [i for i in range(start, ends[0]) if text[i] == "/" and text[i + 1 : i + 2].isdigit()][:1]
    symbols = {} if words_only else symbol_table()
    for end in sorted(set(ends + firsts), reverse=True):  # the longest first
        cand = text[start:end]
        # trailing sentence punctuation is not part of the unit ("5 km."), nor a plus ("100W+ charging")
        for c in dict.fromkeys((cand, cand.rstrip("."), cand.rstrip("+"))):  # each form once, in this order
            if not c:
                continue
            info = table.get(c.lower())
            if info is None:
                info = symbols.get(c)
            if info is not None and _WORD_END.match(text, start + len(c)):
                return UnitMatch(info, start, start + len(c), c)
    return None


def sign_before(text: str, pos: int) -> UnitMatch | None:
    """A currency sign or code right before ``pos``: ``$``, ``US$``, ``€ ``, ``USD``, ``RM``, ``c $``, ``HK$``."""
    signs = _currency_tables()[1]
    lo = max(0, pos - 8)
    window = text[lo:pos]
    stripped = window.rstrip(" ")
    if len(window) - len(stripped) > 1 or not stripped:
        return None
    best: UnitMatch | None = None
    for n in range(min(5, len(stripped)), 0, -1):
        cand = stripped[-n:]
        code = signs.get(cand)
        if code is None:
            continue
        before = stripped[-n - 1 : -n] if len(stripped) > n else ""
        if cand[0].isalpha() and before.isalpha():
            continue  # "ABCUSD": part of a word
        s = lo + len(stripped) - n
        best = UnitMatch(_symbols().get(cand) or UnitInfo(code), s, s + n, cand)
        break
    if best is not None and best.surface in ("$", "＄"):
        # letters naming the dollar: C$, c $, HK$, nz$, Mex$, us $, AUD$
        m = re.search(r"(?<![A-Za-z.])([A-Za-z.]{1,4})( ?)$", text[max(0, best.start - 6) : best.start])
        # "a $5 fee", "give us $5": a lower-case English word before a spaced sign is no prefix; c $ and hk $
        # (lower-cased news) are
        if (
            m
            and (m.group(2) or len(m.group(1)) == 1)
            and not m.group(1).isupper()
            and m.group(1).lower() in ("a", "us", "s", "r", "z", "can", "au")
        ):
            m = None
        if m:
            letters = m.group(1).lower()
            code = DOLLAR_PREFIXES.get(letters) or (letters if letters in COMMON_CODES else None)
            if code:
                s = best.start - (len(m.group(0)))
                best = UnitMatch(UnitInfo(code), s, best.end, text[s : best.end])
    return best


def is_word(surface: str, lang: str) -> bool:
    """Is this a unit's name (dollars, Euro, ドル) rather than a sign or symbol ($, €, km)?"""
    return surface.lower() in _all_words().get(lang, {}) and not surface.isupper()


def lookup(surface: str, lang: str) -> UnitInfo | None:
    """The unit of a surface as written (``km``, ``ドル``, ``Megawatt``), or None."""
    if not surface:
        return None
    info = _all_words().get(lang, {}).get(surface.lower())
    if info is None:
        info = symbol_table().get(surface)
    return info


def as_written(value: float | None, unit: str, unit_surface: str, lang: str = "en") -> float | None:
    """Undo the normalization: the number as written before its unit (``75`` for 75 ml = 7.5e-5 m³)."""
    if value is None:
        return None
    unit = amount_unit(unit)  # a rate's number is its amount's ("13p a share": 13 pence)
    info = lookup(unit_surface, lang) if unit_surface else None
    if info is None:
        for other in ("en", "de", "ja"):
            info = lookup(unit_surface, other) if unit_surface else None
            if info is not None:
                break
    if info is None and unit in _BARE_DEGREES and unit_surface:
        # "24 degrees", "-5 Grad", "30度": Celsius where the sentence speaks of temperature, else an angle;
        # "highs of 104 degrees" read as Fahrenheit (degrees.py) is the reading whose number is whole
        info = lookup(_BARE_DEGREES[unit], "en")
        if unit == "kelvin" and info is not None:
            celsius = value - info.offset
            fahrenheit = celsius * 9 / 5 + 32
            if abs(celsius - round(celsius, 1)) > 1e-6 and abs(fahrenheit - round(fahrenheit, 1)) < 1e-6:
                return round(fahrenheit, 1)
    if info is not None and unit == "meter_per_second" and info.unit == "meter" and not info.offset:
        return value * 3600 / info.factor  # 時速120キロメートル, "50 km an hour": a distance an hour as written
    if info is None or info.unit != unit:
        if unit == "percent":
            return value / 100  # a fraction or "half": a ratio as written, normalized to percent
        return value
    return (value - info.offset) / info.factor


_BARE_DEGREES = {"kelvin": "°C", "radian": "degree of arc"}


def vocabulary() -> tuple[str, ...]:
    """The whole vocabulary: the corpus's original names (order kept), then ratios, durations, physical base
    units and every other ISO 4217 currency."""
    legacy = (
        "usd",
        "gpu",
        "percent",
        "token",
        "parameter",
        "person",
        "count",
        "watt",
        "year",
        "duration_year",
        "duration_month",
        "duration_week",
        "duration_day",
        "age",
        "version",
        "other",
    )
    extra = COUNT_UNITS + RATIOS + DURATIONS + PHYSICAL + tuple(sorted(currency_codes())) + RATE_UNITS
    return legacy + tuple(u for u in dict.fromkeys(extra) if u not in legacy)
