"""``find_quantities``: a sentence's quantities, from its numeral cores through their readings and merges."""

from __future__ import annotations

import re
from dataclasses import replace

from ...text.regex_guard import guarded
from .. import rates, spelled, spoken, units
from ..lexicon import (
    DAY_RANGE_START,
    DESIGNATION,
    FRACTIONS,
    GOLF_CONTEXT,
    INDEX_NAME_BEFORE,
    LIST_MARKER,
    MODEL_NUMBER,
    MONTH_DAY_RANGE,
    MONTH_NAMED,
    NAMED_RANGE,
    ONE_DAY_MOVE,
    RATING,
    RELAY,
    SCORE,
    SEASON,
    SEASON_CONTEXT,
    SPORT_CONTEXT,
    TIMESTAMP,
    TO_PAR,
    UNITS,
    URL,
)
from ..word_runs import word_runs
from .attach import _attach, _temperature_letter
from .clocked import clocked_durations
from .context_units import context_units
from .degrees import bare_temperatures, below_zero
from .filters import (
    _IDENTIFIER_BEFORE,
    _NOT_NEGATABLE,
    _is_edition_year,
    _is_name_number,
    _is_period_fraction,
    _is_product_number,
    _ja_excluded,
    _ja_negated,
    _latin_excluded,
    is_resolution_name,
    is_street_ordinal,
    numbering_labels,
)
from .finders import _find_cores
from .indices import index_points, ja_index_money, poll_points, scored_points, share_price_points
from .japanese import _KANA_RUN
from .latin import UNIT_ADJECTIVE, _vague_re, vague_may_occur
from .merge import _merge
from .model import _Q, Quantity, _Core, _spans
from .movements import change_roles
from .proportions import dimensions, proportions
from .rate_pairs import alternatives_rated, per_distance
from .speech_idioms import speech_idiom_spans

_HALFWIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {
    0x2212: "-",
    0x3000: " ",
    0x00A0: " ",
    0x202F: " ",
    0x2009: " ",
}
_MAYBE_NUMBER = re.compile(r"[0-9〇零一二三四五六七八九十百千万億兆数何幾半½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]")
_ANY_DIGIT = re.compile(r"\d")
# an ASCII double quote right after a number, in a sentence about rain or snow, is the inch sign typed as a quote
_RAIN_OR_SNOW = re.compile(r"(?i)\b(?:rain\w*|snow\w*|precipitation|downpours?|showers?)\b")
_ASCII_INCH = re.compile(r'(?<=\d)"(?=\+|\s(?:of\s)?(?:rain|snow)|\s(?:to|and|or|-)\s\d|[\s.,;:)]|$)')
_PIXELS_AFTER = re.compile(r"\s?(pixels?|px|resolution|display|screen)\b", re.IGNORECASE)
_CARRY_REACH = 100  # characters after a rate within which a like amount shares its per-what
_MAX_GENERATION = 10  # "Gen 2 chips", "Series 4 GPUs": a label noun before a small number names a generation
# a telephone number ("800-989-8255", "(212) 555-0100", "1-800-555-0199"): no amount
_PHONE = re.compile(r"(?<![\d-])(?:1-)?(?:\(\d{3}\)\s?|\d{3}-)\d{3}-\d{4}(?![\d-])")
# a journal citation's volume, issue and pages after its year: "JAMA, 1997; 277(4): 301-17"
_CITATION = re.compile(r";\s?(\d{1,4}(?:\(\d{1,3}\))?:\s?\d{1,5}(?:[-–]\d{1,5})?)(?![\d.,])")
# numbers in idioms of speech: no amount of anything
_IDIOM_HINT = re.compile(r"(?i)24|cents|pence|times|percent|per\scent|%|50|fifty|zero|illion|thousand")
_IDIOMS_EN = re.compile(
    r"(?i)(?<![\d/])24/7(?![\d/])|\b24-7\b|(?<![\d/.,])50[-/]50(?![\d/])|\bfifty[\s-]fifty\b|\b(?:from\s)?zero\sto\sone\b(?!\s?(?:%|percent|per\scent|hundred|thousand|million|billion|[a-z]{2,}s\b))|\b(?:my|our|your|his|her|their)\s(?:two|2)\s(?:cents|pence)\b"
    r"|\b(?:a|one)\s(?:hundred|thousand|million|billion)\stimes\b(?!\s(?:more|less|fewer|over|as|the|that|those|"
    r"(?!(?:never|ever|other|after|under|either|whether|her|per)\b)[a-z]{2,}er)\b)"
    r"|\b(?:a\s)?(?:hundred|100)\s?(?:%|percent\b|per\scent\b)(?=\s(?:sure|certain|agree|right|correct|confident|"
    r"committed|honest|behind\syou|on\sboard)\b)"
    # "net zero", "customer zero", "ground zero": a target or a first of its kind; "a million different things"
    r"|\b(?:net|customer|patient|ground)[\s-]zero\b|\ba\s(?:thousand|million|billion)\s(?:different|other|little)\s"
    r"|\bagree(?:\swith\s(?:you|him|her|them|that|this))?\s(?:a\s)?(?:hundred|100)\s?(?:%|percent\b|per\scent\b)"
)
_DIGITS_WORD = re.compile(r"(?i)digits?\b|teens\b|stellig")
_DE_PERCENT_AFTER = re.compile(r"\s?(?:Prozentbereich|Prozentpunkte|Prozent|%)")
_RATE_AFTER = re.compile(
    r"(?i)\s?(?:%|percent|per\scent|percentage|growth|rates?|declines?|increases?|range|margins?|gains?|cagr)\b|\s?%"
)
_RATE_BEFORE = re.compile(
    r"(?i)\b(?:grow|grew|growth|growing|margins?|rates?|up|down|declin\w*|increas\w*|decreas\w*|rose|fell|expand\w*|"
    r"contract\w*|inflation|yields?|returns?)\b[^.;:!?]{0,50}$"
)
_RANGE_TO_SHARE = re.compile(r"\s?(?:to|-|–)\s?\d[\d.,]*\s?(?:%|percent\b|per\scent\b)")
_TIMES_SIGN = re.compile(r"\s?[x×]\s?|\sby\s")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u2212\u3000\u00a0\u202f\u2009]")
# 6pm, 11 a.m., 5.30 p.m, 1523 BST: a time of day, whatever separates hours and minutes and whether a zone follows
_CLOCK = {
    "en": re.compile(
        r"(?<![\d.])(?:\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.m\b\.?|[ap]m\b|o['’]clock\b)"
        r"|(?:[01]\d|2[0-3])[0-5]\d\s?(?-i:BST|GMT|UTC|CES?T|[ECMP][SD]T|IST|JST|ET)\b)",
        re.I,
    ),
    "de": re.compile(r"(?<![\d.])\d{1,2}(?:[:.]\d{2})?\s?Uhr\b"),
    "ja": re.compile(r"(?:午前|午後)?(?<![\d.])\d{1,2}時(?!間)(?:\d{1,2}分|半)?"),
}


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Every quantity in one sentence's text, in order, offsets into ``text``."""
    if not text:
        return []
    lang = lang if lang in ("ja", "de", "en") else "en"
    original = text
    # full-width digits and signs read as ASCII; one character for one, so offsets stay those of the input
    if not text.isascii() and _FULL_WIDTH.search(text):
        text = text.translate(_HALFWIDTH)
    if not _may_hold_numbers(text, lang):
        return []  # nothing here can be a number: most sentences of a transcript
    if '"' in text and lang == "en" and _RAIN_OR_SNOW.search(text):
        text = _ASCII_INCH.sub("″", text)  # "1-2\" of rain", "3\"+ totals": the inch sign typed as a quote
    # Each finder needs a digit or a particular character: test for it before scanning the sentence
    digits = _ANY_DIGIT.search(text) is not None
    clocked = clocked_durations(text) if digits and (":" in text or "sub" in text.lower() or "サブ" in text) else []
    clocked += _hyphen_heights(text) if digits and "-f" in text else []
    cores = _find_cores(text, lang, _no_claim_spans(text, lang, digits) + _spans(clocked), digits)
    if clocked:
        cores = sorted(cores + clocked, key=lambda c: (c.start, -c.end))
    qs = change_roles(text, _merge(text, _readings(text, lang, cores), lang), lang)
    qs = _with_rates(text, proportions(text, dimensions(text, _pixel_pairs(text, qs)), lang), lang)
    qs = share_price_points(text, index_points(text, below_zero(text, bare_temperatures(text, qs, lang), lang), lang))
    qs = ja_index_money(text, qs) if lang == "ja" else qs
    qs = numbering_labels(text, poll_points(text, scored_points(text, qs)), lang)
    qs = context_units(text, qs, lang)
    if lang in ("en", "de"):
        qs = [_digit_share(text, q, lang) for q in qs]
    if lang != "ja":
        # "einige", "several" alone are not quantities; "einige Jahre", "several million", "a few breaths"
        # (a counted noun after the vague word) are
        qs = [
            q
            for q in qs
            if not (q.vague and not q.scaled and not q.explicit_unit and not _counted_noun_after(text, q.end, lang))
        ]
    out: list[Quantity] = []
    for q in qs:
        point = q.low == q.high and not q.vague
        out.append(
            Quantity(
                start=q.start,
                end=q.end,
                surface=original[q.start : q.end],
                value=q.low if point else None,
                value_low=q.low,
                value_high=q.high,
                unit=q.unit if q.unit in UNITS else "other",
                unit_surface=q.unit_surface,
                vague=q.vague,
                qualifier=q.qualifier,
                change=q.change,
            )
        )
    return out


def _is_index_name(text: str, start: int) -> bool:
    """The Russell 2000, the Nikkei 225: a number right after an index's name names the index, even a year's."""
    return INDEX_NAME_BEFORE.search(text, max(0, start - 12), start) is not None


def _pixel_pairs(text: str, qs: list[_Q]) -> list[_Q]:
    """ "2,436 x 1,125 resolution", "1920×1080 pixels": a display's two pixel counts, not a multiple and a count."""
    out = list(qs)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        a_end = a.start + len(text[a.start : a.end].rstrip(" x×")) if a.unit == "multiple" else a.end
        if (
            a.unit in ("multiple", "count", "year")
            and (b.unit == "count" and not b.explicit_unit or b.unit == "pixel")
            and _TIMES_SIGN.fullmatch(text, a_end, b.start)
            and (b.unit == "pixel" or (after := _PIXELS_AFTER.match(text, b.end)))
        ):
            said = (
                b.unit_surface
                if b.unit == "pixel" or after is None
                else after.group(1)
                if after.group(1)[0] in "pP"
                else ""
            )
            out[i] = replace(a, end=a_end, unit="pixel", explicit_unit=True, unit_surface=said)
            out[i + 1] = replace(b, unit="pixel", explicit_unit=True, unit_surface=said)
    return out


def _with_rates(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """Each amount followed by its per-what ("$25bn a year", "13p a share", "pro Jahr") read as a rate;
    in Japanese the per-what comes first (1バレル当たり70ドル)."""
    out: list[_Q] = []
    inside = -1  # the last amount that is part of a per-what ("$2,500 per 40-foot container")
    for i, q in enumerate(qs):
        if i <= inside:
            continue
        nxt = qs[i + 1].start if i + 1 < len(qs) else len(text)
        if lang == "ja":
            if (
                q.unit == "count"
                and text[max(0, q.start - 2) : q.start] == "時速"
                and _JA_SPEED_KILO.match(text, q.end)
            ):
                q = replace(q, unit="meter", low=q.low * 1e3, high=q.high * 1e3, end=q.end + 2, explicit_unit=True)
            hit = rates.rate_before(text, q.start, q.unit)
            if hit is not None:
                unit, factor, start = hit
                while out and out[-1].start >= start:
                    out.pop()  # the 1 of 1バレル当たり: part of the per-what
                if not out or out[-1].end <= start:
                    q = replace(q, unit=unit, low=q.low * factor, high=q.high * factor, start=start)
        else:
            after = rates.rate_after(text, q.end, q.unit, q.explicit_unit, lang)
            if after is not None and after[2] > nxt:
                inside = _inside_per_what(qs, i, after[2])
            if after is not None and (after[2] <= nxt or inside > i):
                unit, factor, end = after
                q = replace(q, unit=unit, low=q.low * factor, high=q.high * factor, end=end, explicit_unit=True)
            elif after is None and lang == "en" and (named := rates.rate_named_before(text, q.start, q.unit)):
                q = replace(q, unit=named, explicit_unit=True)
        out.append(q)
    return per_distance(text, alternatives_rated(text, _rates_carried(text, out)))


_JA_SPEED_KILO = re.compile(r"キロ(?!グラム|メートル|ワット|カロリー|バイト)")  # 時速100キロ: kilometres an hour


def _is_season(text: str, m: re.Match[str]) -> bool:
    """Two consecutive years name one season: "2019-20" always, "2020-2021" with a slash or a school, season or
    fiscal word within the 80 characters before (else two years: "only in 1908–1909")."""
    if len(m.group(3)) == 2 or m.group(2) == "/":
        return True
    return SEASON_CONTEXT.search(text, max(0, m.start() - 80), m.start()) is not None


def _singular_after(q: _Q) -> bool:
    """Whether a model-sized number (above one, below 10,000) is followed by a singular unit word ("506 GPU")."""
    said = q.unit_surface.strip()
    return 1 < q.high < 10_000 and said[-1:].isalpha() and not said.endswith(("s", "S"))


def _inside_per_what(qs: list[_Q], i: int, end: int) -> int:
    """The index of the last amount after ``qs[i]`` that lies wholly inside its rate's per-what ending at
    ``end`` (the size of "per 40-foot container"); ``i`` when one only starts there."""
    last = i
    for j in range(i + 1, len(qs)):
        if qs[j].start >= end:
            break
        if qs[j].end > end:
            return i
        last = j
    return last


_RELATIVE = frozenset({"percent", "percentage_point"})
# "silver shed 0.9 percent to $21.21 per ounce, platinum dropped 0.7 percent to $919.96": the level a move in
# percent reached; the prices of a market report's list share the rate whatever their size
_TO_LEVEL = re.compile(r",?\s(?:to|at)\s")


def _move_level(text: str, qs: list[_Q], q: _Q) -> bool:
    """Whether ``q`` is the level a move in percent reached ("0.7 percent to $919.96")."""
    before = next((p for p in reversed(qs) if p.end <= q.start), None)
    if before is None or before.unit not in _RELATIVE:
        return False
    return _TO_LEVEL.fullmatch(text, before.end, q.start) is not None


# between a move and the level it reached: ", or 1.3 percent, to settle at", " to close at"
_MOVE_THEN_LEVEL = re.compile(r",?\s?(?:or\s(?:[^,;.]|\.(?=\d)){1,25},\s?)?(?:to|at)\b[^,;.]{0,20}")


def _rates_carried(text: str, qs: list[_Q]) -> list[_Q]:
    """A rate's per-what carries to the amounts compared with it in the sentence: "115.12p a litre and diesel to
    117.18p, from peaks of 120p", "$57 (£44) a barrel ... to $45": written the same way (same unit and sign)
    and of the same size, a little later in the sentence; and to an amount right before a bracketed rate."""
    rated = [q for q in qs if "_per_" in q.unit and q.low > 0 and rates.amount_unit(q.unit) != q.unit]
    if not rated:
        return qs
    out = list(qs)
    for i, q in enumerate(out):
        if "_per_" in q.unit or q.low <= 0 or q.low != q.high:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        # the level the move reached, past its size as a percentage: "rose $1.49, or 1.3%, to $112.39 a barrel";
        # where it started: "fell from $6,000 to $2,500 per container"
        level = next((r for r in out[i + 1 : i + 3] if r.unit not in _RELATIVE), None)
        moved = level is not None and (
            q.change in ("by", "from")
            and level.change == "to"
            or q.low < level.low
            and _MOVE_THEN_LEVEL.fullmatch(text, q.end, level.start) is not None
        )
        if moved and level in rated and rates.amount_unit(level.unit) == q.unit:  # "up 71 cents to $89.53 a barrel"
            out[i] = replace(q, unit=level.unit, explicit_unit=True)
            rated.append(out[i])
            continue
        if nxt is not None and nxt in rated and text[q.end : nxt.start].strip() == "(" and units.is_currency(q.unit):
            out[i] = replace(q, unit=q.unit + nxt.unit[nxt.unit.index("_per_") :], explicit_unit=True)
            rated.append(out[i])
            continue
        like = next(
            (
                r
                for r in rated
                if rates.amount_unit(r.unit) == q.unit
                and r.unit_surface == q.unit_surface
                and 0 <= q.start - r.end <= _CARRY_REACH
                and (
                    0.4 <= q.low / _written(r) <= 2.5
                    or r.unit.endswith("_per_token")
                    or _move_level(text, out, q)
                    and _move_level(text, out, r)
                )
            ),
            None,
        )
        if like is not None:
            f = like.low / _written(like)  # the per-what's own scale: "per million tokens" is 1e-6 of a token
            out[i] = replace(q, unit=like.unit, low=q.low * f, high=q.high * f, explicit_unit=True)
            rated.append(out[i])
    return out


def _written(q: _Q) -> float:
    """The amount as written in its amount unit (a rate per million tokens before its division)."""
    return q.raw_low * q.mult if q.raw_low else q.low


# a plural noun after a vague word, past one adjective ("several such pools", "a few breaths");
# "a few of them", "several more", "a few times as" name no counted thing
_COUNTED_NOUN = {
    "en": re.compile(
        r"\s(?:(?:such|more|other|big|small|large|light|new|major|key|different|extra|additional|separate|"
        r"recent|similar|good|great|important|powerful|simple|[a-z]+[lt]y|[a-z]+(?:er|est)),?\s){0,2}"
        r"(?!(?:is|was|has|does|goes|this|his|its|us|as|"
        r"thus|plus|less|unless|across|always|perhaps|yes|times|ones|words)\b)[a-z]{2,}s\b"
    ),
}
# German is left out: the German seed gold reads "einige Fragen", "mehrere Faktoren" as no quantity


def _digit_share(text: str, q: _Q, lang: str) -> _Q:
    """ "growth in the mid-single digits", "margins in the high teens", "a low double-digit rate", "im mittleren
    einstelligen Prozentbereich": a percentage where the sentence speaks of growth, margins or rates."""
    if not (q.vague and q.unit == "count" and not q.explicit_unit and _DIGITS_WORD.search(text, q.start, q.end)):
        return q
    if lang == "de":
        after = _DE_PERCENT_AFTER.match(text, q.end)
        return replace(q, unit="percent", explicit_unit=True, end=after.end()) if after else q
    if not (_RATE_AFTER.match(text, q.end) or _RATE_BEFORE.search(text, max(0, q.start - 60), q.start)):
        return q
    return replace(q, unit="percent", explicit_unit=True)


def _counted_noun_after(text: str, end: int, lang: str) -> bool:
    """Whether a counted noun follows a vague word ("a few breaths"): then the vague amount counts something."""
    pattern = _COUNTED_NOUN.get(lang)
    return pattern is not None and pattern.match(text, end) is not None


def _may_hold_numbers(text: str, lang: str) -> bool:
    """Whether any finder could find a number: a digit, a numeral character, a number word or a fraction word."""
    return bool(
        _MAYBE_NUMBER.search(text)
        or (lang == "ja" and _KANA_RUN.search(text))
        or (lang != "ja" and spelled.may_start(text, lang))
        or (vague_may_occur(text, lang) and _vague_re(lang).search(text))
        or any(p.search(text) for p, _ in FRACTIONS.get(lang, []))
        or (lang == "en" and ("twice" in text or "thrice" in text or "le the" in text))
        or (lang == "de" and "oppelt" in text)
        or (lang == "en" and "-" in text and UNIT_ADJECTIVE.search(text) is not None)  # "the mile-wide asteroid"
    )


# a person's height as a sports report writes it: "the 6-foot-3 guard", "a 5-ft-11 striker"
_HYPHEN_HEIGHT = re.compile(r"(?<![\w.,-])([4-7])-(?:foot|ft)-(1[01]|[0-9])(?![\w-])")


def _hyphen_heights(text: str) -> list[_Core]:
    """Heights written feet-hyphen-inches ("6-foot-3"): one length in metres."""
    cores = []
    for m in _HYPHEN_HEIGHT.finditer(text):
        metres = int(m.group(1)) * 0.3048 + int(m.group(2)) * 0.0254
        cores.append(_Core(m.start(), m.end(), metres, metres, unit="meter"))
    return cores


def _capitalized_label_before(text: str, start: int, lang: str) -> bool:
    """A label noun written with a capital right before the number (English writes a plain noun in lower case)."""
    if lang != "en" or not text[max(0, start - 24) : start].rstrip(" #").rpartition(" ")[2][:1].isupper():
        return False  # the word before is in lower case (most numbers): no regex scan
    m = _IDENTIFIER_BEFORE.search(text, max(0, start - 32), start)
    return m is not None and m.group(0)[:1].isupper()


def _names_a_model(text: str, start: int, end: int) -> bool:
    """ "737 Max", "Pixel 8 Pro": three digits or more, or a name before the number ("bought 3 Pro licences" counts)."""
    before = text[max(0, start - 30) : start].split()
    if _VARIANTS_COUNTED.match(text, end) and not (before and before[-1][:1].isupper()):
        return False  # "131 MAX 8s, 70 MAX 9s": how many of a model's variant, the model named after the count
    return end - start >= 3 or bool(before and before[-1][:1].isupper())


_VARIANTS_COUNTED = re.compile(r"[\s-]\w+\s\d{1,3}s\b")


# a lower-case word or a comma and a space: a capital after them is no sentence's start
_TITLE_BEFORE = re.compile(r"[a-z,]\s")


def _is_title_number(text: str, start: int) -> bool:
    """ "the Six Five Summit", "the Best of Year Three": an English number word capitalised inside a sentence is
    part of a name (English writes counts in lower case; German capitalises its number nouns, so en only)."""
    return text[start : start + 1].isupper() and _TITLE_BEFORE.match(text, max(0, start - 2)) is not None


_SCORE_SIGN = frozenset("-–:対")
_PAR_SIGN = frozenset("-−+")


def _may_be_one_day(text: str) -> bool:
    """Whether ONE_DAY_MOVE may match: "day" and "one" or "single" are words of their own (ASCII text)."""
    runs = word_runs(text)
    return runs is None or "day" in runs and ("one" in runs or "single" in runs)


_SEASON_SIGN = frozenset("-/–")


def _no_claim_spans(text: str, lang: str, digits: bool) -> list[tuple[int, int]]:
    """Spans whose numbers are no claim: URLs, idioms of speech (24/7, my two cents, a hundred percent sure, said
    it a million times, net zero), timestamps, times of day (6pm, six o'clock), telephone numbers, named ranges
    (マイナス1から0), list markers ("1." opening a line), ranges of days ("4–5 August", "Oct. 8-12"), a one-day fall,
    designations ("2013 YP139"), model numbers ("737 Max"), seasons ("2019-20"), ratings ("5/10"), scores in a
    sentence about a match ("won 3-1"), a golfer's score to par ("at -20") and a citation's volume and pages
    ("1997; 277: 301-17")."""
    taken: list[tuple[int, int]] = [m.span() for m in URL.finditer(text)] if "http" in text or "www." in text else []
    if lang == "en" and _IDIOM_HINT.search(text):
        taken += [m.span() for m in _IDIOMS_EN.finditer(text)]
    taken += speech_idiom_spans(text, lang)  # "twenty four seven", "a 10 out of 10", "hang on one second"
    if lang == "en":
        taken += spoken.spoken_clock_times(text)  # "nine thirty in the morning"
    if lang == "en" and "day" in text and _may_be_one_day(text):
        taken += [m.span() for m in ONE_DAY_MOVE.finditer(text)]
    if digits:
        taken += [m.span() for m in TIMESTAMP.finditer(text)] if ":" in text else []
        if lang in _CLOCK:
            taken += [m.span() for m in _CLOCK[lang].finditer(text) if units.sign_before(text, m.start()) is None]
        taken += [m.span() for m in _PHONE.finditer(text)] if "-" in text else []
        taken += [m.span() for m in NAMED_RANGE.finditer(text)]
        taken += [m.span() for m in LIST_MARKER.finditer(text)]
        month = MONTH_NAMED.search(text) is not None
        if lang != "ja":
            taken += [m.span() for m in DAY_RANGE_START.finditer(text)] if month else []
            taken += [m.span() for m in DESIGNATION.finditer(text)]
        if lang == "en" and month:
            taken += [m.span() for m in MONTH_DAY_RANGE.finditer(text)]
        taken += [m.span() for m in MODEL_NUMBER.finditer(text) if _names_a_model(text, m.start(), m.end())]
        if "x" in text or "×" in text:
            taken += [m.span() for m in RELAY.finditer(text)]  # the 4x100m medley relay: an event's name
        taken += [
            m.span()
            for m in (SEASON.finditer(text) if _SEASON_SIGN.intersection(text) else ())  # 2019-20, 2019/20
            if (int(m.group(1)) + 1) % 100 == int(m.group(3)) % 100 and _is_season(text, m)
        ]
        if "/" in text:
            taken += [m.span() for m in RATING.finditer(text)]
        if _SCORE_SIGN.intersection(text) and SPORT_CONTEXT.search(text):  # a score needs its dash or colon
            taken += [m.span() for m in SCORE.finditer(text)]
        if lang != "ja" and _PAR_SIGN.intersection(text) and GOLF_CONTEXT.search(text):
            taken += [m.span() for m in TO_PAR.finditer(text)]
        if ":" in text:
            taken += [m.span(1) for m in _CITATION.finditer(text)]
    return taken


def _readings(text: str, lang: str, cores: list[_Core]) -> list[_Q]:
    """Each core read with its unit and qualifier, left to right; cores that name, order or overlap are dropped."""
    qs: list[_Q] = []
    for core in cores:
        if core.kind == "num":
            if (
                core.unit != "duration_second"  # a race time (sub-2:07:30) is no product name
                and _is_product_number(text, core.start, core.end, lang)
                and not _temperature_letter(text, core.end, lang)
            ):
                continue
            if lang == "ja" and _ja_excluded(text, core.start, core.end, core.end, core.low):
                continue
            if lang != "ja" and _latin_excluded(text, core.start, core.end, lang):
                continue
        if core.kind == "fraction" and core.word and _is_period_fraction(text, core.start, core.end):
            continue
        if lang == "en" and (
            core.kind == "fraction"
            and is_street_ordinal(text, core.start, core.end)
            or core.scaled
            and is_resolution_name(text, core.start, core.end)
        ):
            continue  # "350 Fifth Avenue": an address; "4K at 120Hz": a resolution's name
        if core.kind == "date":
            continue  # June 30, 5月4日: a day of the month is a point in time, not an amount
        q = _attach(text, core, lang)
        if q is None:
            continue
        if (
            core.kind == "num"
            # "Gen 2 chips"; "an Adreno 506 GPU": a singular chip word after a number above one is a model's name
            and (not q.explicit_unit or q.unit == "gpu" and (core.high < _MAX_GENERATION or _singular_after(q)))
            and (q.unit in ("count", "gpu") or q.unit == "year" and _is_index_name(text, core.start))
            and (
                _is_name_number(text, core, lang)
                # a label noun ends where the number starts: 32 characters hold the longest (from 0: quadratic);
                # not before a range whose second figure says its unit ("the whole model 80 to 90% cheaper")
                or _IDENTIFIER_BEFORE.search(text, max(0, core.start - 32), core.start)
                and not _RANGE_TO_SHARE.match(text, core.end)
                or (lang == "en" and core.word and _is_title_number(text, core.start))
            )
        ):
            continue
        if core.kind == "num" and q.unit in ("count", "person") and _capitalized_label_before(text, core.start, lang):
            continue  # "Radio 4 listeners", "Year 11 pupils", "Level 4 robotaxis": a named thing's people or things
        if q.unit == "year" and core.kind == "num" and _is_edition_year(text, core.start, core.end):
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
    return qs


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_IDIOMS_EN = guarded(_IDIOMS_EN)
_IDIOM_HINT = guarded(_IDIOM_HINT)
_CLOCK = {key: guarded(pattern) for key, pattern in _CLOCK.items()}
_PHONE = guarded(_PHONE)
