"""Merging adjacent readings: a range from 'A connector B' (22万個から24万個, 10 bis 15 Jahre, 2、3週間),
a lower and an upper bound (20以上30未満), an amount and its subunits (2ドル3セント, 5 feet 2 inches),
and a unit left out in a coordination carried over ("8 billion parameters and 70 billion").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...text.regex_guard import guarded
from .. import numbers, rates, units
from ..lexicon import RANGE_CONNECTOR
from .model import _Q
from .pairs import digit_alternatives, race_times, slash_alternatives, unlike_pair

_BETWEEN_BEFORE = re.compile(r"(?i)\b(?:between|zwischen)\s$")
_BOUND_JOIN = re.compile(r"\s*(?:,|、)?\s*(?:and|but|und|aber|while|かつ|で|が|,|、)?\s*")
# "an 8 billion parameter model and a 70 billion", "5 km or 10": the unit of the first applies to the second
_COORDINATION = re.compile(
    r"^(?:\s++[A-Za-zÄÖÜäöüß-]+)?\s*+(?:,\s*+)?(?:and|or|vs\.?|versus|und|oder|bzw\.|と|や|、|,)\s*(?:(?:a|an|the|ein|eine|einen|der|die|das)\s)?"
)
_GROUP_BEFORE = re.compile(r"(?i)\b(?:top|bottom)[\s-]$")
_CLAUSE_ENDS = re.compile(r"\s*(?:[.,;:!?)。、！？]|$)")
_SUBUNIT_JOIN = re.compile(r"\s?(?:と|and|und|,)?\s?")
_INCHES_AFTER = re.compile(r"\s?(?:in|inch|inches|″|\")(?![A-Za-z])")
_OUNCES_AFTER = re.compile(r"\s?(?:oz|ounces?)(?![A-Za-z])")
_INCH_WORDS = frozenset({"in", "inch", "inches", "″", '"'})
_OUNCE_WORDS = frozenset({"oz", "ounce", "ounces"})
# a unit as written, then the unit of its smaller part: (unit, the part's words, the part's unit after a bare number,
# the part's size in the base unit)
_SUBUNIT = {
    **dict.fromkeys(("ft", "foot", "feet", "'", "′"), ("meter", _INCH_WORDS, _INCHES_AFTER, 0.0254)),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), ("kilogram", _OUNCE_WORDS, _OUNCES_AFTER, 0.028349523125)),
}
_DURATION_JOIN = re.compile(r"\s*,?\s*(?:(?:and|und)\s+)?|と")
_GENERIC_CENTS = frozenset({"cent", "cents", "ct", "¢", "セント"})

# A change is two values, never a range: "fell from $90 to $62", "down 424p to 5,512p", "von 90 auf 62 Dollar",
# "90ドルから62ドルに下落". The pair's connector says where the movement ends (to, auf, から..に).
# a scale letter written right after the second number of a money range ("$400-500m", "£3-4bn", "$400-500k")
_SCALE_LETTERS = re.compile(r"(?<=\d)(k|K|m|mn|mln|M|bn|b|B|tn|trn)\Z")
_SCALE_LETTER_GLUED = re.compile(r"(?<=\d)(k|K|m|mn|mln|M|bn|b|B|tn|trn)(?![A-Za-z])")
_LETTER_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}
_CHANGE_CONNECTOR = {"en": re.compile(r"\s?to\s?"), "de": re.compile(r"\s?auf\s?"), "ja": re.compile(r"\s?から\s?")}
# "from" right before the first value, unless the words before say it spans a range ("ranging from 5 to 10")
_FROM_BEFORE = {
    "en": re.compile(
        r"(?i)(?<!\branging )(?<!\branges )(?<!\branged )(?<!\bvaries )(?<!\bvary )"
        r"(?<!\bvaried )(?<!\banywhere )(?<!\banything )\bfrom\s$"
    ),
    "de": re.compile(r"(?i)(?<!\breicht )(?<!\breichen )(?<!\birgendwo )\b(?:von|um)\s$"),
}
# the first value of a change is where it started after "from"/"von" (else how far it moved: "down 424p", "um 5")
_STARTS_FROM = re.compile(r"(?i)\b(?:from|von)\s$")
# a word of movement earlier in the clause: the first value is the distance moved, the second the level reached
_MOVEMENT_BEFORE = {
    "en": re.compile(
        r"(?i)\b(?:up|down|by|rose|rises?|rising|risen|fell|falls?|falling|fallen|gain(?:s|ed|ing)?|los(?:t|es|ing)|"
        r"drop(?:s|ped|ping)?|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|lift(?:s|ed|ing)?|add(?:s|ed|ing)?|shed(?:s|ding)?|"
        r"slip(?:s|ped|ping)?|slid(?:e|es|ing)?|sank|sinks?|sinking|grew|grows?|growing|increas(?:e|es|ed|ing)|"
        r"decreas(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|cut(?:s|ting)?|rais(?:e|es|ed|ing)|surg(?:e|es|ed|ing)|"
        r"soar(?:s|ed|ing)?|plung(?:e|es|ed|ing)|tumbl(?:e|es|ed|ing)|advanc(?:e|es|ed|ing)|eas(?:e|es|ed|ing)|"
        r"knock(?:s|ed|ing)?|rall(?:y|ies|ied|ying)|boost(?:s|ed|ing)?|slump(?:s|ed|ing)?|dipp?(?:s|ed|ing)?|"
        r"rebound(?:s|ed|ing)?|recover(?:s|ed|ing)?|regain(?:s|ed|ing)?|edg(?:e|es|ed|ing)|sag(?:s|ged|ging)?|"
        r"fad(?:e|es|ed|ing)|retreat(?:s|ed|ing)?|trim(?:s|med|ming)?|skid(?:s|ded|ding)?|spik(?:e|es|ed|ing)|"
        r"higher|lower)\b(?:[^.;:!?]|\.(?=\d)){0,60}$"
    ),
    "de": re.compile(
        r"(?i)\b(?:gestiegen|gefallen|gesunken|stieg|steigt|fiel|fällt|sank|sinkt|kletterte|klettert|"
        r"legte|verlor|verliert|erhöht|gesenkt|zugelegt|nachgegeben)\b(?:[^.;:!?]|[.,](?=\d)){0,60}$"
    ),
}
# a word of movement used as a noun whose size is then stated: "compensation increases were 6% to 8%", "a decline
# of 2 to 3 points": the pair (in one unit) is a range of that size, not a movement from one value to the other
_NOMINAL_MOVEMENT = re.compile(
    r"(?i)\b(?:increases?|decreases?|declines?|gains?|rises|cuts|raises|drops|falls)\s(?:were|was|is|are|will\sbe|"
    r"would\sbe|of)\s(?:about\s|around\s|roughly\s|approximately\s|between\s)?$"
)
# "guidance of a 2% to 3% increase", "ein Plus von 2 bis 3 Prozent": the pair sizes a movement named after it
_MOVEMENT_NOUN_AFTER = re.compile(
    r"(?i)\s(?:increases?|decreases?|declines?|gains?|rises?|drops?|falls?|growth|cuts?|hikes?|jumps?|reductions?)\b"
)
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:a|an)\s$")
# "up from the 3.75% to 4.5% we guided": "from" takes a noun phrase, and the pair inside it is a range
_FROM_PHRASE_BEFORE = re.compile(r"(?i)\bfrom\s(?:the|our|its|their|this|that)\s$")
_JA_MOVEMENT_AFTER = re.compile(
    r"(?:に|へ)(?:まで)?\s?(?:上昇|下落|増加|減少|拡大|縮小|低下|増え|減っ|減り|減る|伸び|上が|下が|"
    r"値上が|値下が|引き上げ|引き下げ|落ち|改善|悪化|成長|膨ら|なっ|なり|なる|達し|回復|急騰|急落)"
)
_GERMAN_MOVEMENT_AFTER = re.compile(
    r"(?i)\s?(?:\w+\s){0,3}?(?:gestiegen|gefallen|gesunken|gesenkt|erhöht|angehoben|"
    r"zugelegt|geklettert|gestiegen|zurückgegangen|geschrumpft|gewachsen)\b"
)


def _is_change(text: str, a: _Q, b: _Q, lang: str) -> bool:
    """Whether 'A to B' reports a movement (two values: where it started or how far it moved, and where it ended)
    rather than a range: "from A to B" after a word of movement ("fell from $90 to $62", von 90 auf 62 Dollar
    gefallen, 90ドルから62ドルに下落), or such a word before "A to B" where A carries its own unit or B is far
    larger than A ("down 424p to 5,512p", "down 12.7 to 326.6p"; "rise 5 to 7%" stays a range)."""
    if (
        a.kind != "num"
        or b.kind != "num"
        or not _CHANGE_CONNECTOR[lang].fullmatch(text[a.end : b.start])
        or {a.unit, b.unit} & {"year", "version"}
    ):
        return False  # "from 2 million in 2020 to 5 million": the year says when, it did not move
    if lang == "ja":
        return _JA_MOVEMENT_AFTER.match(text, b.end) is not None
    before = text[max(0, a.start - 80) : a.start]
    if lang == "en" and a.unit == b.unit and (_NOMINAL_MOVEMENT.search(before) or _FROM_PHRASE_BEFORE.search(before)):
        return False
    if lang == "en" and _ARTICLE_BEFORE.search(before) and _MOVEMENT_NOUN_AFTER.match(text, b.end):
        return False
    moved = _MOVEMENT_BEFORE[lang].search(before) is not None
    if _FROM_BEFORE[lang].search(before):
        # "the range is from 200 to 300", "from 1MB to 4GB per GPU": a range unless something moved
        return moved or (lang == "de" and _GERMAN_MOVEMENT_AFTER.match(text, b.end) is not None)
    return moved and (a.explicit_unit or (a.raw_low > 0 and b.raw_low >= 3 * a.raw_high))


def _opens_with_bracketed_loss(text: str, a: _Q, between: str, connector: re.Pattern[str]) -> bool:
    """ "($300,000)-$3.6M": an accountant's bracketed loss opening a range (a bracketed conversion, "$57 (£44) a
    barrel", is followed by no range connector)."""
    return (
        a.low > 0
        and a.start > 0
        and text[a.start - 1] == "("
        and between.startswith(")")
        and connector.fullmatch(between[1:]) is not None
        and units.is_currency(a.unit)
    )


def _is_release_and_size(text: str, a: _Q, b: _Q) -> bool:
    """ "3.1-8B", "3.1-405B": a model's release joined to its size by a hyphen, not a range of parameters."""
    return (
        b.unit == "parameter"
        and not a.explicit_unit
        and text[a.end : b.start] == "-"
        and re.fullmatch(r"\d{1,2}\.\d{1,2}", text[a.start : a.end]) is not None
        and text[b.start : b.end].endswith(("B", "b"))
    )


def _start_of_change(text: str, a: _Q, b: _Q, lang: str) -> _Q:
    """The first value of a change, with the unit of the second where it has none ("from 6 to 11 gigawatts")."""
    if a.explicit_unit or not b.explicit_unit or b.unit in ("count", "version", "year"):
        return a
    scale = _scale_of(text[b.start : b.end], b.raw_low, b.vague, lang) if b.scaled and not a.scaled else 1.0
    raw_low, raw_high = a.raw_low * scale, a.raw_high * scale
    return replace(
        a,
        unit=b.unit,
        mult=b.mult,
        offset=b.offset,
        unit_surface=b.unit_surface,
        explicit_unit=True,
        low=raw_low * b.mult + b.offset,
        high=raw_high * b.mult + b.offset,
        raw_low=raw_low,
        raw_high=raw_high,
        scaled=a.scaled or b.scaled,
    )


def _range_connector(
    text: str, a: _Q, b: _Q, between: str, connector: re.Pattern[str], lang: str
) -> re.Match[str] | None:
    """What joins A and B as the two ends of one range, or None: a connector word or sign, a lost "and"."""
    conn = connector.fullmatch(between)
    if (
        conn is None
        and between.isspace()
        and a.explicit_unit
        and a.unit == b.unit
        and _BETWEEN_BEFORE.search(text, max(0, a.start - 9), a.start)
    ):
        conn = re.match(r"\s+", between)  # "between $1,900,000,000 $2,000,000,000": the "and" lost in a transcript
    if conn is None and between == " " and lang == "en" and _spelled_ends(text, a, b):
        conn = re.match(r"\s", between)  # "the three hundred four hundred mile range": the "to" lost in captions
    if conn is None and lang == "ja" and between == "と" and text.startswith("の間", b.end):
        conn = re.match("と", between)  # 20と30の間: between 20 and 30
    if b.qualifier in ("at_least", "at_most") and lang != "ja":
        conn = None  # "5000 or less than 6000": a value and a bound, not a range
    return conn


def _spelled_ends(text: str, a: _Q, b: _Q) -> bool:
    """Two round spelled numbers side by side, a bare one and a larger one with its unit ("three hundred four hundred
    miles", "twenty thirty percent"): in captions, a range whose "to" was lost."""
    return (
        a.unit == "count"
        and not a.explicit_unit
        and b.explicit_unit
        and a.kind == b.kind == "num"
        and text[a.start : a.end].replace(" ", "").isalpha()
        and text[b.start : b.start + 1].isalpha()
        and 0 < a.raw_low < b.raw_low <= 10 * a.raw_low
        and a.raw_low % 10 == 0 == b.raw_low % 10
    )


def _currency_covers_second(a: _Q, b: _Q) -> bool:
    """ "$60-65 billion", "$400-500m": the currency sign of the first number covers the bare second one (whose
    m is then millions, not metres)."""
    bare = b.unit == "count" and not b.explicit_unit or b.unit == "meter" and b.unit_surface == "m"
    return units.is_currency(a.unit) and bare and a.kind == b.kind == "num"


def _share_currency(text: str, a: _Q, b: _Q, lang: str) -> tuple[_Q, _Q]:
    """Both ends in the first one's currency, the first also in the second one's scale ("$60-65 billion", "$400-500m",
    "$400-500bn")."""
    letter = _SCALE_LETTERS.search(text, b.start, b.end)
    if b.unit == "meter":  # "$400-500m": a scale letter, read as metres before the currency was known
        b = replace(b, low=b.raw_low * 1e6, high=b.raw_high * 1e6, scaled=True)
    b = replace(b, unit=a.unit, explicit_unit=True, unit_surface=a.unit_surface)
    if b.scaled and not a.scaled:
        scale = _scale_of(text[b.start : b.end], b.raw_low, b.vague, lang)
        if scale == 1.0 and letter is not None:
            scale = _LETTER_SCALES[letter.group(1).lower()]
        a = replace(
            a,
            low=a.low * scale,
            high=a.high * scale,
            raw_low=a.raw_low * scale,
            raw_high=a.raw_high * scale,
            scaled=True,
        )
    return a, b


def _connector_fits(text: str, a: _Q, b: _Q, between: str, loss: bool) -> bool:
    """Whether the connector's word and the two units let A and B be one range."""
    word = between.strip()
    if word == "und" and not re.search(r"zwischen\s$", text[max(0, a.start - 9) : a.start]):
        return False
    if word == "and" and not loss and not re.search(r"between\s$", text[max(0, a.start - 8) : a.start]):
        return False  # "(3c) and 8c": a bracketed loss and a profit span a guidance range
    if word in ("through", "thru") and _GROUP_BEFORE.search(text, max(0, a.start - 7), a.start):
        return False  # "the top five through 54 holes": a group of ranks, then how far the event has gone
    if word in ("、", ",") and (a.explicit_unit or a.scaled or a.raw_high >= b.raw_low):
        # 2、3週間 / 何百、何千億: only a bare numeral directly before a bigger one
        if a.explicit_unit or a.raw_high > b.raw_low:
            return False
    return not (a.explicit_unit and a.unit != b.unit)


def _first_in_second_unit(text: str, a: _Q, b: _Q, lang: str) -> tuple[float, float]:
    """The first end's low and high in the second one's unit (a bare first number borrows its unit)."""
    if a.explicit_unit:
        return a.low, a.high
    a_low, a_high = a.raw_low, a.raw_high
    # a bare first number borrows the second one's scale (何百、何千億 = 何百億..何千億)
    if b.scaled and not a.scaled:
        scale = _scale_of(text[b.start : b.end], b.raw_low, b.vague, lang)
        a_low, a_high = a_low * scale, a_high * scale
    return a_low * b.mult + b.offset, a_high * b.mult + b.offset


def _alternative(a: _Q, b: _Q, a_low: float, a_high: float) -> _Q:
    """The first of two alternatives, in the second one's unit where it has none of its own."""
    if a.explicit_unit:
        return a
    return replace(
        a,
        low=a_low,
        high=a_high,
        unit=b.unit,
        mult=b.mult,
        offset=b.offset,
        explicit_unit=b.explicit_unit,
        unit_surface=b.unit_surface,
        scaled=a.scaled or b.scaled,
    )


def _range(a: _Q, b: _Q, a_low: float, a_high: float) -> _Q:
    """One quantity from A to B, in B's unit."""
    return _Q(
        a.start,
        b.end,
        min(a_low, b.low),
        max(a_high, b.high),
        b.unit,
        b.mult,
        a.vague or b.vague,
        a.qualifier or b.qualifier,
        True,
        "range",
        a_low,
        b.raw_high,
        b.scaled,
        b.offset,
        b.unit_surface or a.unit_surface,
    )


def _merge_ranges(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """Join 'A connector B' into one range when B's unit can apply to A; a change ('from A to B') stays two values."""
    connector = RANGE_CONNECTOR.get(lang, RANGE_CONNECTOR["en"])
    qs = list(qs)  # the second value of a change is marked in place
    out: list[_Q] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            between = text[a.end : b.start]
            loss = _opens_with_bracketed_loss(text, a, between, connector)
            if loss:
                a = replace(a, start=a.start - 1, low=-a.high, high=-a.low, raw_low=-a.raw_high, raw_high=-a.raw_low)
                between = between[1:]
            if _is_release_and_size(text, a, b):
                out.append(replace(a, unit="version", explicit_unit=False, unit_surface=""))
                i += 1
                continue
            if slash_alternatives(text, a, b, between):
                a_low, a_high = _first_in_second_unit(text, a, b, lang)
                out.append(_alternative(a, b, a_low, a_high))
                i += 1
                continue
            if _is_change(text, a, b, lang):
                role = "from" if lang == "ja" or _STARTS_FROM.search(text, max(0, a.start - 6), a.start) else "by"
                out.append(replace(_start_of_change(text, a, b, lang), change=role))
                qs[i + 1] = replace(b, change="to")
                i += 1
                continue
            conn = _range_connector(text, a, b, between, connector, lang)
            ok = conn is not None and (
                a.kind == b.kind == "num"
                and {a.unit, b.unit}.isdisjoint(("version", "year"))
                or a.unit == b.unit == "year"
                and not (between.strip() == "to" and _STARTS_FROM.search(text, max(0, a.start - 6), a.start))
            )  # "from 2002 to 2014": the two years a span ran between, two values as "between 1978 and 1988"
            if conn is not None and _currency_covers_second(a, b):
                a, b = _share_currency(text, a, b, lang)
                ok = True
            if ok and conn is not None:
                ok = _connector_fits(text, a, b, between, loss)
            if ok and race_times(text, a, b):
                ok = False
            if ok and unlike_pair(a, b, between):
                ok = False  # "a loss of 6,700,000 or 0.09¢ per share": the total is in the same currency
                currency = rates.amount_unit(b.unit)
                a = replace(a, unit=currency, explicit_unit=True) if units.is_currency(currency) else a
            if ok and digit_alternatives(text, a, b, between):
                a_low, a_high = _first_in_second_unit(text, a, b, lang)
                out.append(_alternative(a, b, a_low, a_high))
                i += 1
                continue
            if ok:
                a_low, a_high = _first_in_second_unit(text, a, b, lang)
                if a_low < b.high:
                    out.append(_range(a, b, a_low, a_high))
                    i += 2
                    continue
                if a_low > b.high and not a.explicit_unit:
                    i += 2  # "1 to 0": a descending pair is a name (minus-one-to-zero), not a range
                    continue
        out.append(a)
        i += 1
    return out


def _merge_bounds(text: str, qs: list[_Q]) -> list[_Q]:
    """'more than 10 and less than 40', '20以上30未満', 'mindestens 5 und höchstens 9': a lower and an upper
    bound of one thing are one range."""
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and {prev.qualifier, q.qualifier} == {"at_least", "at_most"}
            and prev.kind == q.kind
            and q.kind in ("num", "fraction")
            and (prev.unit == q.unit or not q.explicit_unit or not prev.explicit_unit)
            and _BOUND_JOIN.fullmatch(text[prev.end : q.start])
        ):
            lo, hi = (prev, q) if prev.qualifier == "at_least" else (q, prev)
            unit_q = prev if prev.explicit_unit else q
            if lo.low < hi.high:
                out[-1] = replace(
                    unit_q,
                    start=prev.start,
                    end=q.end,
                    low=lo.low,
                    high=hi.high,
                    qualifier="",
                    kind="range",
                    raw_low=lo.raw_low,
                    raw_high=hi.raw_high,
                )
                continue
        out.append(q)
    return out


def _elided_units(text: str, qs: list[_Q]) -> list[_Q]:
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not q.explicit_unit
            and q.unit == "count"
            and q.kind == "num"
            and prev.explicit_unit
            and prev.kind in ("num", "range")
            and prev.unit not in ("count", "year", "version", "age", "other")
            and _COORDINATION.fullmatch(text[prev.end : q.start])
            and q.scaled == prev.scaled
            and (_CLAUSE_ENDS.match(text, q.end) or _same_word_after(text, prev.end, q.end))
        ):
            low, high = q.raw_low * prev.mult + prev.offset, q.raw_high * prev.mult + prev.offset
            q = replace(
                q,
                unit=prev.unit,
                mult=prev.mult,
                offset=prev.offset,
                unit_surface=prev.unit_surface,
                explicit_unit=True,
                low=low,
                high=high,
            )
        out.append(q)
    return out


# "16 or even 17°C", "5 or perhaps 6 million", "zwei oder sogar drei Grad": an escalation, two values in one unit
_ESCALATION = re.compile(
    r"\s(?:or|and|to|oder|und|bis)\s(?:(?:even|possibly|perhaps|maybe|potentially|sogar|vielleicht|eventuell)\s)+"
)


def _units_carried_back(text: str, qs: list[_Q]) -> list[_Q]:
    """A bare number before an escalation takes the unit of the number after it ("16 or even 17°C")."""
    out = list(qs)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (
            a.kind == "num"
            and a.unit == "count"
            and not a.explicit_unit
            and not a.vague
            and b.explicit_unit
            and b.kind in ("num", "range")
            and b.unit not in ("count", "year", "version", "age", "other")
            and a.scaled == b.scaled
            and _ESCALATION.fullmatch(text, a.end, b.start)
        ):
            low, high = a.raw_low * b.mult + b.offset, a.raw_high * b.mult + b.offset
            out[i] = replace(
                a, unit=b.unit, mult=b.mult, offset=b.offset, unit_surface=b.unit_surface, low=low, high=high
            )
    return out


def _same_word_after(text: str, a: int, b: int) -> bool:
    """The same word follows both quantities ('8B model and a 70B model' and '8 billion parameter model and 70 billion
    model' alike)."""
    wa = re.match(r"\s*([A-Za-zÄÖÜäöüß]+)", text[a : a + 30])
    wb = re.match(r"\s*([A-Za-zÄÖÜäöüß]+)", text[b : b + 30])
    return bool(wa and wb and wa.group(1).lower() == wb.group(1).lower())


def _merge_feet_inches(text: str, qs: list[_Q]) -> list[_Q]:
    """5 feet 2 inches, 12 ft 2 in, 6ft 2in, 7lb 3oz: one length or one mass."""
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        sub = _SUBUNIT.get(prev.unit_surface.lower()) if prev is not None else None
        if (
            prev is not None
            and sub is not None
            and prev.unit == sub[0]
            and q.low == q.high
            and re.fullmatch(r"\s*(?:and\s+)?", text[prev.end : q.start])
        ):
            minor, after, factor = sub[1], sub[2], sub[3]
            part = None
            if q.unit == prev.unit and q.unit_surface.lower() in minor:
                part, end = q.low, q.end
            elif not q.explicit_unit and q.kind == "num":
                m = after.match(text, q.end)
                if m:
                    part, end = q.raw_low * factor, m.end()
            if part is not None:
                out[-1] = replace(prev, end=end, low=prev.low + part, high=prev.high + part)
                continue
        out.append(q)
    return out


def _merge_durations(text: str, qs: list[_Q]) -> list[_Q]:
    """ "two hours, five minutes, and six seconds", "2 Stunden und 5 Minuten", "1時間30分": one duration, its parts
    in falling order of size (hours, then minutes, then seconds)."""
    out: list[_Q] = []
    last_part = 0.0  # the size of the last part joined into out[-1] (3600 for hours)
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.unit == q.unit == "duration_second"
            and prev.low == prev.high
            and q.low == q.high
            and not q.qualifier
            and 0 < q.mult < last_part
            and _DURATION_JOIN.fullmatch(text[prev.end : q.start])
        ):
            out[-1] = replace(prev, end=q.end, low=prev.low + q.low, high=prev.high + q.low)
            last_part = q.mult
            continue
        out.append(q)
        last_part = q.mult if q.unit == "duration_second" else 0.0
    return out


def _merge_subunits(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """2ドル3セント, 10円5銭, 15 Dollar und 15 Cent, zwei Euro fünfzig: an amount and its subunits are one amount.

    A bare whole number under 100 closing the clause right after an amount written with a currency word
    is its cents ("15 dollars 50"); after a sign ("$5 and 10") it is not."""
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and units.is_currency(prev.unit)
            and prev.low == prev.high
            and q.low == q.high
            and prev.mult >= 1
            and _SUBUNIT_JOIN.fullmatch(text[prev.end : q.start])
        ):
            cents = None
            if q.mult < 1 and (q.unit == prev.unit or q.unit_surface.lower() in _GENERIC_CENTS):
                cents = q.raw_low * q.mult
            elif (
                not q.explicit_unit
                and q.kind == "num"
                and q.raw_low.is_integer()
                and 0 < q.raw_low < 100
                and prev.raw_low.is_integer()
                and prev.unit_surface[:1].isalpha()
                and _CLAUSE_ENDS.match(text, q.end)
            ):
                cents = q.raw_low / 100
            if cents is not None:
                out[-1] = replace(prev, end=q.end, low=prev.low + cents, high=prev.high + cents)
                continue
        out.append(q)
    return out


def _scale_of(surface: str, raw: float, vague: bool, lang: str) -> float:
    for ch, mult in (("兆", 1e12), ("億", 1e8), ("万", 1e4)):
        if ch in surface:
            return mult
    for word, mult in numbers.SCALE_WORDS.get(lang, {}).items():
        if len(word) > 2 and word in surface.lower():
            return mult
    letter = _SCALE_LETTER_GLUED.search(surface)  # "20-30m tonnes", "10-15m cars": the letter right after the digits
    return _LETTER_SCALES[letter.group(1).lower()] if letter else 1.0


def _merge(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """Every merge in turn: ranges, subunits, feet and inches, bounds, then units carried over a coordination."""
    qs = _merge_ranges(text, qs, lang)
    qs = _merge_subunits(text, qs, lang)
    qs = _merge_feet_inches(text, qs)
    qs = _merge_durations(text, qs)
    qs = _merge_bounds(text, qs)
    return _units_carried_back(text, _elided_units(text, qs))


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_FROM_BEFORE = {key: guarded(pattern) for key, pattern in _FROM_BEFORE.items()}
_MOVEMENT_BEFORE = {key: guarded(pattern) for key, pattern in _MOVEMENT_BEFORE.items()}
