"""Readings a quantity's sentence decides: the same words name different units in different trades.

* ounces of gold, silver or a mine's output are troy ounces (31.1 g), not the avoirdupois ounce (28.3 g);
  "Feinunzen" / "Unzen Gold" in German, トロイオンス is read so by the tables already
* "lost 15 pounds", "weighs 200 pounds": pounds of weight (kg), not pounds sterling, where no £ sign is written
* "a 6.1-magnitude earthquake", "magnitude 7.8", "der Stärke 6,1": an earthquake's magnitude (dimensionless)
* "adults aged 65 and over", "children under five", "im Alter von 70": an age, not a count
* "27 died and more than 5,000 were injured", "killing 12": people, counted by what befell them
* "bringing inflation back down to 2", "the unemployment rate rose to 4.4": percent, said without its sign
* "the 64-bit chip", "a 32-bit version": a word size naming a design (a label), no amount of data
* "Blackwell is 40 times Hopper", "900 times what we had": a multiple of the thing named after "times"
* "three hundred fifty thousand h one hundreds": a chip's letter before its spoken number (H100), not hours
* "$10 billion in 2023 and 12 billion in 2024", "one trillion dollars ... growing at two hundred and fifty
  billion a year", "13 trillion tokens ... the two to three trillion range": a bare scaled amount after money,
  tokens or parameters in the same sentence is of that unit (money with its rate)
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...text.regex_guard import guarded
from .. import rates, units
from .model import _Q

_TROY_PER_AVOIRDUPOIS = 0.0311034768 / 0.028349523125
_OUNCE_SURFACES = frozenset({"ounce", "ounces", "oz", "unze", "unzen"})
_PRECIOUS = re.compile(
    r"(?i)\b(?:gold|silver|platinum|palladium|bullion|precious metals?|min(?:e|es|ing|er|ers)|Gold[a-zäöü]*|"
    r"Silber[a-zäöü]*|Platin|Edelmetall[a-zäöü]*|Mine|Minen|Bergbau)\b"
)
_POUND_SURFACES = frozenset({"pound", "pounds"})
_KG_PER_POUND = 0.45359237
_WEIGHT_BEFORE = re.compile(
    r"(?i)\b(?:lost|lose|loses|losing|gained|gain|gains|gaining|shed|sheds|shedding|weigh|weighs|weighed|weighing|"
    r"weight of|heavier by|lighter by|put on)\s(?:(?:about|around|nearly|almost|over|more than|up to|some|roughly|"
    r"an extra|another|a further)\s)?\Z"
)
_WEIGHT_AFTER = re.compile(r"(?i)\s(?:of (?:weight|body weight|fat|muscle)|heavier|lighter|overweight)\b")
_MAGNITUDE_AFTER = re.compile(r"(?i)-?\s?magnitude\b")
_MAGNITUDE_BEFORE = re.compile(r"(?i)\b(?:magnitude|magnitude-|Stärke|Magnitude)\s?\Z")
_AGE_BEFORE = re.compile(
    r"(?i)\b(?:aged|ages|age|aged between|aged from|children|kids|babies|infants|toddlers|youngsters|"
    r"(?:people|adults|patients|women|men|those|anyone|drivers|workers) (?:over|under|older than|younger than)|"
    r"(?:children|kids|babies|infants) (?:under|below|younger than|over)|im Alter von|ab|unter|über)\s\Z"
)
_AGE_NOUN_BEFORE = re.compile(
    r"(?i)\b(?:children|kids|babies|infants|toddlers|pupils|Kinder|Jugendliche)\s(?:under|below|aged|unter)\s\Z"
)
# "27 died and more than 5,000 were injured", "killing 12", "arrested 40": people counted by what befell them
_CASUALTY = (
    r"killed|injured|hurt|wounded|dead|died|arrested|detained|missing|displaced|evacuated|rescued|hospitali[sz]ed|"
    r"infected"
)
_CASUALTY_AFTER = re.compile(
    rf"(?i)\s(?:(?:others?|more)\s)?(?:(?:were|was|have been|had been|are|have|had|got)\s)?(?:{_CASUALTY})\b"
)
_CASUALTY_BEFORE = re.compile(
    r"(?i)\b(?:killing|injuring|wounding|killed|injured|wounded|arrested|arresting|evacuated|evacuating|"
    r"rescued|rescuing|infecting|infected|left|leaving)\s(?:(?:at least|more than|over|nearly|almost|about|around|"
    r"some|another|a further|an estimated)\s)?\Z"
)
# what may follow a number that counts the people a casualty verb names: no noun of its own
_NO_NOUN_AFTER = re.compile(
    r"(?i)\s?(?:$|[.,;:!?)]|\s(?:people|persons|others|and|or|after|in|on|at|during|when|while|as|since|over|"
    r"across|near|inside|outside|including|among|with|before|from)\b)"
)
# "bringing inflation back down to 2", "the unemployment rate rose to 4.4": the level of a rate said without its
# percent (speech and captions); only economic rates, so "a heart rate of 120" keeps its reading
_RATE_LEVEL_BEFORE = re.compile(
    r"(?i)\b(?:inflation|unemployment|jobless rate|interest rates?|(?:funds|policy|bank|benchmark|mortgage|base|"
    r"discount|deposit|savings|tax|growth|unemployment) rates?|yields?)\b[^.;!?]{0,40}?\b(?:to|at|of|from|around|"
    r"near|above|below)\s(?:(?:about|around|roughly|nearly|almost|just|over|under)\s)?\Z"
)
_MAX_RATE_LEVEL = 30
_BIT_LABEL = re.compile(r"\d-bit\Z")
# the noun the word size describes ("64-bit chip", "32-bit version"); "the 16-bit 8088" keeps its reading of data
_WORD_AFTER = re.compile(r"\s[a-z]")
_REACH = 40  # characters before a number within which its context words are looked for
# what a multiple is of, named right after "times": a name ("40 times Hopper") or a clause ("what we had")
_TIMES_WHAT_AFTER = re.compile(r"\s(?!I\b)(?:[A-Z][A-Za-z0-9]+|what|those|these|its|their|our|his|her|my|your)\b")
# a chip's number said after its letter: "h one hundreds", "b two hundred"
_CHIP_NUMBER_AFTER = re.compile(r"(?i)\s(?:one|two|three)\s(?:hundreds?|oh\s(?:one|two|three))\b")
# "in two thousand six", "since two thousand and ten", "in 2 thousand 24": a year of this millennium as said
_SPOKEN_MILLENNIUM = re.compile(
    r"(?i)(?:about\s|around\s|roughly\s)?(?:two|2)\sthousand(?:\s(?:and\s)?(?:[a-z]+(?:[\s-][a-z]+)?|\d{1,2}))?"
)
_YEAR_BEFORE = re.compile(r"(?i)\b(?:in|since|from|by|until|till|before|after|year|of|back\sin|early|late)\s\Z")
_CLAUSE_AFTER_YEAR = re.compile(
    r"(?i)\s?(?:$|[.,;:!?)]|\s(?:so|and|or|but|when|we|i|you|they|he|she|it|the|a|an|that|which|with|to|in|at|on|"
    r"for|was|is|there|then|after|before)\b)"
)
# "times parameters times", "times tokens": a factor named by a noun, then another product sign
_TIMES_FACTOR_AFTER = re.compile(r"(?i)\s[a-z]+\stimes\b")
_TIMES_BEFORE = re.compile(r"\w\stimes\s\Z")
_NUMBER_AFTER = re.compile(
    r"(?i)\s(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a\shundred|hundred)\b"
)
_MAX_CONSTANT = 100
# money words that govern a bare amount right after them ("raised 6.6 billion", "capex of 80 billion", "the round put
# you at 22.5 billion") or before ("13 billion in revenue", "a 157 billion valuation"); "sales" and a verb between
# ("revenue hit 46 million") are left alone: sales may be units, and the tests keep such levels counts
_MONEY_BEFORE = re.compile(
    r"(?i)\b(?:rais(?:e|es|ed|ing)|spen(?:d|ds|ding|t)|invest(?:s|ed|ing|ment|ments)?|pa(?:y|ys|id|ying)|cost(?:s|ing)?|"
    r"revenues?|capex|capital\sexpenditures?|valuations?|valued\sat|worth|budgets?|funding|profits?|loss(?:es)?|"
    r"burn(?:s|ed|ing)?|market\scap(?:italization)?|bills?|price[ds]?|earn(?:s|ed|ing)?|fund(?:s|ed)?|"
    r"borrow(?:s|ed|ing)?|debt|loans?|deals?|put\s(?:you|us|them|it|him|her))\b(?:\s(?:of|at|for|about|around|roughly|like|over|nearly|almost|"
    r"just|some|something|another|an?\sextra|was|is|were|are|up\sto)){0,3}\s\Z"
)
# after the amount (and a rate's per-what: "a billion a year in revenue"): what it is of, or what it buys ("five
# million to train it", "332 million in venture money")
_MONEY_AFTER = re.compile(
    r"(?i)(?:\s(?:a|per|every)\s(?:year|quarter|month))?\s(?:(?:in|of)\s(?:annual\s|yearly\s|quarterly\s|"
    r"venture\s|outside\s)?(?:revenues?|capex|funding|profits?|investment|debt|money|cash|capital)|"
    r"valuation|worth\sof|to\s(?:train|build|buy|develop|acquire|fund|finance)\b)\b"
)
_OTHER_CURRENCY = re.compile(
    r"[£€¥₹]|\b(?:pounds?|pence|euros?|yen|rupees?|yuan|renminbi|francs?|won|GBP|EUR|JPY|INR|CNY|CHF|crores?|lakhs?)\b"
)
_SCALE_SAID = re.compile(r"(?i)million|billion|trillion|\d\s?(?:bn|m|b)\b")
_MAX_COMMA_RANGE = 12
_SCALE_LETTER = re.compile(r"([kmbt])\s(?:tokens?|parameters?)")
_LETTER_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
# its own plural noun, perhaps after one adjective ("2 trillion tokens", "78,000,000 diluted shares"; not "in loans",
# not "is chips")
_PLURAL_AFTER = re.compile(
    r"\s(?:(?!(?:in|of|for|on|at|to|from|by|and|or|is|was|are|were|has|have|had)\s)[a-z]{2,}\s)?[a-z]{2,}(?<!s)s\b"
)
_BY_BEFORE = re.compile(r"(?i)\bby\s\Z|\bover[\s-]?(?:subscribed|booked|sold)\s\Z")  # "oversubscribed 40 times"
_CARRY_REACH = 160  # characters between an amount and a bare scaled amount that shares its unit
_AI_COUNTS = ("token", "parameter")
_MIN_SCALED = 1e6


def context_units(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """``qs`` with troy ounces, pounds of weight, magnitudes and ages read from the sentence; word-size labels
    dropped."""
    if lang == "ja":
        return qs
    if lang == "en" and " or " in text:
        qs = _vague_chains(text, qs)
    if ", " in text:
        qs = _comma_ranges(text, qs)
    out: list[_Q] = []
    for q in _formula_operands(text, qs) if lang == "en" and " times " in text else qs:
        if q.unit == "byte" and _BIT_LABEL.search(text, q.start, q.end) and _WORD_AFTER.match(text, q.end):
            continue
        q = _reread(text, q, lang)
        # the last large amount before: "$10 billion in 2023 and 12 billion", "1.8 trillion parameters, sixteen
        # experts of about 111 billion each" (years and small counts between are passed over)
        last = next((p for p in reversed(out) if p.unit != "year" and (p.high >= _MIN_SCALED or p.scaled)), None)
        out.append(_unit_carried(text, q, last, lang))
    return out


def _comma_ranges(text: str, qs: list[_Q]) -> list[_Q]:
    """ "two, three tons at a time", "zwei, drei Jahre": two neighbouring small numbers said with a comma are one
    range in the second one's unit (as 2、3週間 is in Japanese)."""
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.unit == "count"
            and not prev.unit_surface
            and prev.low == prev.high == q.raw_low - 1 == q.raw_high - 1
            and q.raw_low <= _MAX_COMMA_RANGE
            and q.unit_surface  # "two, three tons"; counting aloud ("one, two, three, go") stays apart
            and text[prev.end : q.start] == ", "
            and text[prev.start : prev.end].isalpha()
        ):
            out[-1] = replace(q, start=prev.start, low=q.low * prev.low / q.raw_low, raw_low=prev.low, kind="range")
            continue
        out.append(q)
    return out


def _vague_chains(text: str, qs: list[_Q]) -> list[_Q]:
    """ "hundreds or thousands or tens of thousands of times": vague amounts offered as alternatives are one
    range, from the first one's low bound to the last one's high bound, in the last one's unit."""
    out: list[_Q] = []
    for q in qs:
        prev = out[-1] if out else None
        if prev is not None and prev.vague and q.vague and text[prev.end : q.start] == " or " and q.high > prev.high:
            q = replace(q, start=prev.start, low=prev.low, raw_low=prev.raw_low * prev.mult / q.mult)
            out.pop()
        out.append(q)
    return out


def _formula_operands(text: str, qs: list[_Q]) -> list[_Q]:
    """A product said aloud ("six times parameters times tokens", "405 billion times 15 trillion times six"):
    its factors are no multiples, and its small constants ("six times parameters", "times six") no amounts."""
    out: list[_Q] = []
    for q in qs:
        times = q.unit == "count" and q.unit_surface == "times"
        if times and _TIMES_FACTOR_AFTER.match(text, q.end):
            continue  # "six times parameters times tokens": the formula's constant
        if (
            q.unit == "count"
            and not q.unit_surface
            and q.high < _MAX_CONSTANT
            and _TIMES_BEFORE.search(text, 0, q.start)
        ):
            continue  # "... times six": the constant again
        if times and _NUMBER_AFTER.match(text, q.end):
            end = q.end - len(q.unit_surface)
            q = replace(q, end=len(text[:end].rstrip()), unit_surface="")  # "405 billion times 15 trillion"
        out.append(q)
    return out


def _unit_carried(text: str, q: _Q, before: _Q | None, lang: str) -> _Q:
    """A bare scaled amount right after a scaled amount of money, tokens or parameters in the same sentence is
    of that unit: "$10 billion in 2023 and 12 billion in 2024", "growing at two hundred and fifty billion a
    year" (a rate where a per-what follows), "13 trillion tokens ... the two to three trillion range"."""
    money = _money_said(text, q, lang)  # "which cost about 2 billion": the money word governs
    if money is not q or before is None or not 0 <= q.start - before.end <= _CARRY_REACH:
        return money
    if (
        q.unit != "count"
        or q.unit_surface  # "12 billion users": a unit of its own
        or not (q.scaled or q.low >= _MIN_SCALED)
        or _PLURAL_AFTER.match(text, q.end)  # "2 trillion tokens is like 20 million books": its own noun
    ):
        return q
    carried = rates.amount_unit(before.unit)
    if carried in _AI_COUNTS and before.unit == carried:
        return replace(q, unit=carried, explicit_unit=True)
    if not units.is_currency(carried):
        return q
    if q.vague or not (q.scaled or min(q.low, before.low) >= _MIN_SCALED):
        return q  # "$10 billion ... 12 billion", "about thirty grand ... like forty k"
    return _as_money(text, q, carried, lang)


def _money_said(text: str, q: _Q, lang: str) -> _Q:
    """ "they raised six point six billion", "spending one point five trillion", "thirteen billion in revenue": a
    bare amount in millions or more that a money word governs is dollars, the currency English speech leaves
    unsaid (a sentence naming any currency was handled by the carry before)."""
    if (
        lang != "en"
        or q.unit != "count"
        or q.unit_surface
        or q.vague
        or q.low < _MIN_SCALED
        or not _SCALE_SAID.search(text, q.start, q.end)
        or _PLURAL_AFTER.match(text, q.end)
        or not (_MONEY_BEFORE.search(text, max(0, q.start - _REACH), q.start) or _MONEY_AFTER.match(text, q.end))
        or _OTHER_CURRENCY.search(text)
    ):
        return q
    return _as_money(text, q, "usd", lang)


def _as_money(text: str, q: _Q, currency: str, lang: str) -> _Q:
    """``q`` as an amount of ``currency``, a rate where a per-what follows ("250 billion a year")."""
    rate = rates.rate_after(text, q.end, currency, True, lang)
    if rate is None:
        return replace(q, unit=currency, explicit_unit=True)
    unit, factor, end = rate
    return replace(q, unit=unit, low=q.low * factor, high=q.high * factor, end=end, explicit_unit=True)


def _reread(text: str, q: _Q, lang: str) -> _Q:
    surface = q.unit_surface.lower()
    before = text[max(0, q.start - _REACH) : q.start]
    if q.unit == "kilogram" and surface in _OUNCE_SURFACES and _PRECIOUS.search(text):
        return _scaled(q, _TROY_PER_AVOIRDUPOIS, "kilogram")
    if lang == "en" and q.unit == "gbp" and surface in _POUND_SURFACES:
        if _WEIGHT_BEFORE.search(before) or _WEIGHT_AFTER.match(text, q.end):
            return _scaled(q, _KG_PER_POUND, "kilogram")
        return q
    if q.unit == "duration_year" and _aged(before, lang):
        return replace(q, unit="age")  # "aged 70 years", "im Alter von 70 Jahren"
    letter = _SCALE_LETTER.fullmatch(surface) if q.unit in ("token", "parameter") and not q.scaled else None
    if letter:  # "two t tokens", "seven b parameters": a scale said as its letter
        return _scaled(replace(q, scaled=True), _LETTER_SCALE[letter.group(1)], q.unit)
    if q.unit == "duration_second" and surface in ("h", "b") and _CHIP_NUMBER_AFTER.match(text, q.end):
        end = q.end - len(q.unit_surface)
        return replace(
            q,
            unit="gpu",
            end=len(text[:end].rstrip()),
            low=q.raw_low,
            high=q.raw_high,
            mult=1.0,
            unit_surface="",
            explicit_unit=True,
        )
    if (
        lang == "en"
        and q.unit == "count"
        and surface == "times"
        and (_TIMES_WHAT_AFTER.match(text, q.end) or _BY_BEFORE.search(before))
    ):
        return replace(q, unit="multiple")  # "Blackwell is 40 times Hopper", "lever it up by thousands of times"
    if q.unit != "count" or q.explicit_unit:
        return q
    if (
        lang == "en"
        and 2000 <= q.low == q.high < 2100
        and _SPOKEN_MILLENNIUM.fullmatch(text, q.start, q.end)
        and _YEAR_BEFORE.search(before)
        and _CLAUSE_AFTER_YEAR.match(text, q.end)
    ):
        return replace(q, unit="year", kind="year")  # "cuda came out in two thousand six"
    if lang == "en" and (_CASUALTY_AFTER.match(text, q.end) or _casualties_before(text, q, before)):
        return replace(q, unit="person")
    if (
        lang == "en"
        and q.high <= _MAX_RATE_LEVEL
        and _RATE_LEVEL_BEFORE.search(text, max(0, q.start - 80), q.start)
        and _NO_NOUN_AFTER.match(text, q.end)
    ):
        return replace(q, unit="percent")
    if _MAGNITUDE_AFTER.match(text, q.end) or _MAGNITUDE_BEFORE.search(before):
        return replace(q, unit="dimensionless")
    if q.kind == "num" and q.high <= 130 and (_AGE_NOUN_BEFORE.search(before) or _aged(before, lang)):
        return replace(q, unit="age")
    return q


def _aged(before: str, lang: str) -> bool:
    """An age word right before the number: "aged 65", "ages 5 to 11", "im Alter von 70"."""
    m = _AGE_BEFORE.search(before)
    if m is None:
        return False
    word = m.group(0).strip().lower()
    if word in ("ab", "unter", "über"):
        return False  # German prepositions alone say nothing of age
    if lang == "de":
        return word.startswith("im alter")
    return not word.startswith("im ")


def _scaled(q: _Q, factor: float, unit: str) -> _Q:
    return replace(q, low=q.low * factor, high=q.high * factor, mult=q.mult * factor, unit=unit)


def _casualties_before(text: str, q: _Q, before: str) -> bool:
    """ "killing 12", "injured more than 40": a casualty verb before the number; "left 2,500 homes" has its noun."""
    m = _CASUALTY_BEFORE.search(before)
    if m is None:
        return False
    if m.group(0).lower().startswith(("left", "leaving")):
        return _CASUALTY_AFTER.match(text, q.end) is not None
    return _NO_NOUN_AFTER.match(text, q.end) is not None


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_AGE_BEFORE = guarded(_AGE_BEFORE)
_CASUALTY_BEFORE = guarded(_CASUALTY_BEFORE)
_RATE_LEVEL_BEFORE = guarded(_RATE_LEVEL_BEFORE)
