"""Units said once and carried: a bare amount whose unit the same speaker said just before.

Speech and prose name a unit once and leave it off the figures that follow:

* a count: "our first big cluster was 1,000 GPUs. Now the first question is 20,000 or 30,000", "wir hatten
  20.000 GPUs, nächstes Jahr 100.000", "GPUは2万台でした。来年は10万": a bare number (no unit, no noun after it,
  not vague) takes the counted unit of the last precise amount said before it, in its sentence or in the
  sentence right before, when it is of a like size (a hundredth to a hundred times that amount);
* a rate's per-what: "about $4.50/hr. ... you get $7.20 today, $5.22 a year from now": an amount of money
  written with the same sign as a rate in the sentence right before, and of the same size (0.4 to 2.5 times),
  is a rate too (within one sentence ``quantities.pipeline`` does this already).

* more of the same: "$7,500 ... and the state chipped in another 2,250": a bare amount after "another", "a
  further", "weitere" takes the unit of the last precise amount, money included;
* a price said again: "it's less than thirty thousand dollars after rebates ... after incentives it came in around
  twenty thousand", "kostete am Ende rund 20.000": a bare amount after a verb of price (cost, paid, came in, sold
  for, kostete) is in the currency of the last amount of money the same speaker said, however many lines before,
  when it is of a like size;
* a model size said again: "the eight billion parameter one ... the seventy b is the best": a bare number and
  its "b" after a size in parameters is a size too.

Only the one sentence before is looked at, and only within the same block (paragraph or speaker turn) or the
next caption line of unpunctuated speech (ASR captions break a sentence over lines, each its own block), and
for the same speaker, so the pass is linear. A carried unit goes on to the next bare figure ("ninety miles ...
seventy left ... twenty two more"). Small numbers (below 10) are never given a carried unit: "one", "two" are
enumerations, idioms and pronouns as often as counts; nor is a number whose own measure or position is named
right before it ("heart rate under 140", "mile 20").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..text.model import Sentence
from ..text.regex_guard import guarded
from . import rates, units
from .quantities import Quantity

# units that name no counted thing: a bare number after them keeps its own reading
_NOT_CARRIED = frozenset({"count", "percent", "percentage_point", "year", "multiple", "version", "age", "other"})
_MIN_VALUE = 10.0
# a measure named right before a bare number is its own ("3 miles ... my heart rate under 140", "Puls unter 140"),
# and a unit word right before it makes it a position ("20 miles ... hit the wall around mile 20", "bei Kilometer 30")
_MEASURE_BEFORE = re.compile(
    r"(?i)\b(?:(?:rate|temperature|score|pressure|speed|pace|price|age|weight|height|ratio|index|rating|puls|temperatur|"
    r"preis|alter|gewicht|tempo)\s(?:(?:of|at|under|over|below|above|around|about|near|is|was|von|bei|unter|über|um)\s)?"
    r"|(?:mile|km|kilomet(?:re|er)|lap|minute|round|meile|runde|minute)\s)$"
)
_MEASURE_REACH = 30
# "another 2,250", "a further 300", "weitere 500": more of what was just said, money included
_ANOTHER_BEFORE = re.compile(
    r"(?i)(?:\b(?:another|a\sfurther|an\sadditional|an\sextra|weitere|nochmals|noch\seinmal)\s|さらに)$"
)
# a verb of price right before a bare amount: the amount is money ("it came in around twenty thousand")
_PRICED_BEFORE = re.compile(
    r"(?i)\b(?:costs?|costing|paid|pays?|priced\sat|sells?\sfor|sold\sfor|came\sin|comes\sin|spent|worth|"
    r"kostet(?:e|en)?|bezahlt(?:e|en)?|zahlt(?:e|en)?)\s(?:(?:es|er|sie|das|wir)\s)?(?:(?:at|around|about|roughly|under|over|just|only|nearly|"
    r"almost|um|rund|etwa|knapp|nur|less\sthan|more\sthan|am\sende)\s)*$"
)
# a model size's letter after a bare number ("the seventy b", "a 405 bee"), read where a size was said just before
_SIZE_LETTER = re.compile(r"\s(?:b|bee)\b(?!['’])")
# a bare amount that says its own scale ("seventy billion", "20 Millionen", "10万") is not scaled again
_OWN_SCALE = re.compile(r"(?i)\b(?:thousand|million|billion|trillion|tausend|million(?:en)?|milliarden?)\b|[万億兆]")
_COUNT_RATIO = 100.0
# dollars said anywhere in a document: a sign, the word, or the US code
_DOLLARS_SAID = re.compile(r"\$|(?i:\bdollars?\b|\bbucks\b|\bcents?\b)|\bUSD\b")
_MIN_MONEY = 1e6
_MONEY_SENTENCES = 3  # how many sentences back a bare scaled amount may find the speaker's money
# a noun right after a bare amount is its own unit ("12 billion users", "400 billion total parameters")
_NOUN_AFTER = re.compile(
    r"\s(?!(?:is|was|has|in|at|on|of|for|and|or|but|so|to|by|goes|went|this|that|last|next|as|"
    r"plus|more|less|from|into|with|over|under|now|then|right|total)\b)[a-z]{2,}"
)
_RATE_RATIO = (0.4, 2.5)
# what may follow a bare number that shares a unit said before: the clause's end, a conjunction, a time word
_BARE_AFTER = re.compile(
    r"\s?(?:[.,;:!?)。、]|$|から|まで|に|で|と|です|でした|だ|(?:and|or|but|so|then|now|today|next|last|this|that|in|"
    r"by|at|on|each|a|und|oder|aber|jetzt|heute|nächstes|im|bis|left|remaining|übrig|more(?=\s+than\b|\s*$)|"
    r"less(?=\s+than\b)|mehr\sals|weniger\sals|"
    # the amount as the subject or a part: "now around 411 000 have", "the first 95 who", "150,000 of them"
    r"who|have|had|were|are|of\s(?:them|those|these|whom|(?:19|20)\d\d))\b)"
)

# a part and its whole: "54 of the 55 patients", "28 out of 31", "54 der 55 Patienten", "28 von 31 Patienten"
_PART_OF = re.compile(r"\s(?:of|out\sof|von|der|von\sden)\s(?:(?:the|those|these|our|its|their|all)\s)?")
_DIGITS = re.compile(r"\d{1,3}(?:[,.]\d{3})*")


def carry_units(found: list[tuple[Sentence, list[Quantity]]]) -> list[tuple[Sentence, list[Quantity]]]:
    """``found`` (each sentence with its quantities, in document order) with units carried to bare amounts."""
    out: list[tuple[Sentence, list[Quantity]]] = []
    prev: tuple[Sentence, list[Quantity]] | None = None
    scales: dict[int, float] = {}  # the written scale of each amount given a carried unit (by id), for the next
    money: dict[str | None, Quantity] = {}  # each speaker's last amount of money, for a price said again
    said_at: dict[str | None, int] = {}  # the sentence where it was said
    for n, (sent, qs) in enumerate(found):
        before = prev[1] if prev is not None and _same_turn(prev[0], sent) else []
        if prev is not None and not before and _rates_go_on(prev[0], sent):
            before = [q for q in prev[1] if _is_rate(q)]  # "... $10,926 per FEU." / "Rates to Genoa ... to $11,736"
        carried = _carried(sent.text, qs, before, scales) if qs else qs
        last = money.get(sent.speaker)
        recent = last if last is not None and n - said_at[sent.speaker] <= _MONEY_SENTENCES else None
        carried = [_money_again(sent.text, _priced(sent.text, q, last), recent) for q in carried]
        for q in carried:
            if _is_money(q) or _is_money_range(q):
                money[sent.speaker], said_at[sent.speaker] = q, n
        out.append((sent, carried))
        prev = (sent, carried)
    return out


def currency_unsaid(found: list[tuple[Sentence, list[Quantity]]]) -> list[tuple[Sentence, list[Quantity]]]:
    """ "they raised 6.6 billion": English speech leaves the dollars unsaid, and a money word makes such an amount
    dollars (``quantities.context_units``) only where the document says dollars somewhere. Where it never does, the
    amount is in the one currency the document names ("£", "euros"), and a count where it names none."""
    if any(_DOLLARS_SAID.search(sent.text) for sent, _ in found):
        return found
    named = {q.unit for _, qs in found for q in qs if q.unit_surface and units.is_currency(q.unit)}
    unit = next(iter(named)) if len(named) == 1 else "count"
    return [(sent, [_unguessed(q, unit) for q in qs]) for sent, qs in found]


def _unguessed(q: Quantity, unit: str) -> Quantity:
    return replace(q, unit=unit) if q.unit == "usd" and not q.unit_surface else q


def _priced(text: str, q: Quantity, money: Quantity | None) -> Quantity:
    """A bare amount after a verb of price, in the currency of the speaker's last amount of money if of its size."""
    priced = _PRICED_BEFORE.search(text, max(0, q.start - _MEASURE_REACH), q.start)
    if money is None or priced is None or not _bare(text, q):
        return q
    scale = _scale(money)
    return _in_unit(q, money.unit, scale) if _like(q, money, 1 / _COUNT_RATIO, _COUNT_RATIO, scale) else q


def _money_again(text: str, q: Quantity, money: Quantity | None) -> Quantity:
    """ "They announced $500 billion ... The first tranche is 100 billion", "costs fifty to sixty billion ... and of
    that about thirty five billion is nvidia's": a bare amount in millions or more, its scale said, in the currency of
    the speaker's amount of money a sentence or two before, when of a like size."""
    if (
        money is None
        or q.unit != "count"
        or q.unit_surface
        or q.vague
        or q.value_low is None
        or q.value_low < _MIN_MONEY
        or not _OWN_SCALE.search(q.surface)
        or _NOUN_AFTER.match(text, q.end)
        or _MEASURE_BEFORE.search(text, max(0, q.start - _MEASURE_REACH), q.start)
    ):
        return q
    ref = money.value_low or 0.0
    return replace(q, unit=money.unit) if ref and 1 / _COUNT_RATIO <= q.value_low / ref <= _COUNT_RATIO else q


def _is_money_range(q: Quantity) -> bool:
    return not q.vague and q.value is None and q.value_low is not None and units.is_currency(q.unit)


# a line that ends a sentence: its last character is a sentence's end
_CLOSED = re.compile(r"[.!?…。！？\"”)\]]\s*$")


# a sentence that speaks of rates or prices goes on with the rate of the paragraph before it (news paragraphs
# are one sentence each): "... fell three per cent to $10,926 per FEU." / "Rates to Genoa dipped to $11,736"
_RATES_WORD = re.compile(r"(?i)\b(?:rates?|prices?|fares?|tariffs?|Raten|Preise?|Frachtraten)\b|運賃|料金|価格")


def _rates_go_on(a: Sentence, b: Sentence) -> bool:
    return a.speaker == b.speaker and b.block_id == a.block_id + 1 and _RATES_WORD.search(b.text) is not None


def _same_turn(a: Sentence, b: Sentence) -> bool:
    """Whether ``b`` goes on the speaker's turn of ``a``: the same block, or the next caption line of unpunctuated
    speech (ASR captions break one sentence over lines, each its own block: "rated at two thirty eight miles" /
    "the leaf barely gets a hundred"). A line ending a sentence, or a next line opening with a capital (a
    headline, a new paragraph), starts afresh."""
    if a.speaker != b.speaker:
        return False
    if a.block_id == b.block_id:
        return True
    return b.block_id == a.block_id + 1 and not _CLOSED.search(a.text) and b.text[:1].islower()


def _carried(text: str, qs: list[Quantity], before: list[Quantity], scales: dict[int, float]) -> list[Quantity]:
    counted = next((q for q in reversed(before) if _counts(q)), None)
    rated = next((q for q in reversed(before) if _is_rate(q)), None)
    added = next((q for q in reversed(before) if _counts(q) or _is_money(q)), None)
    out: list[Quantity] = []
    for i, q in enumerate(qs):
        whole = qs[i + 1] if i + 1 < len(qs) else None
        size = _SIZE_LETTER.match(text, q.end) if counted is not None and counted.unit == "parameter" else None
        if whole is not None and _part_of(text, q, whole):
            q = replace(q, unit=whole.unit)  # "54 of the 55 lung cancer patients": 54 patients
        elif size is not None and q.unit == "count" and not q.unit_surface and q.value_low and q.value_low < 1000:
            q = _as_size(text, q, size.end())  # "the seventy b is the best": a size said as the one before it
        elif added is not None and _ANOTHER_BEFORE.search(text, max(0, q.start - 16), q.start) and _bare(text, q):
            scale = scales.get(id(added)) or _scale(added)  # "$7,500 ... and the state chipped in another 2,250"
            if _like(q, added, 1 / _COUNT_RATIO, _COUNT_RATIO, scale):
                q = _in_unit(q, added.unit, scale)
                scales[id(q)] = scale
        elif counted is not None and _bare(text, q):
            # "ninety miles ... seventy left ... twenty two more"; "eight billion parameter ... seventy billion"
            scale = 1.0 if _OWN_SCALE.search(q.surface) else scales.get(id(counted)) or _scale(counted)
            if _like(q, counted, 1 / _COUNT_RATIO, _COUNT_RATIO, scale):
                q = _in_unit(q, counted.unit, scale)
                scales[id(q)] = scale
        elif rated is not None and _rate_carries(q, rated):
            q = replace(q, unit=rated.unit)
            if q.change == "to" and out and out[-1].change == "by" and out[-1].unit == q.unit.split("_per_")[0]:
                out[-1] = replace(out[-1], unit=q.unit)  # "dipped $172 to $11,736": the move is per the same
        out.append(q)
        if _counts(q) or _is_money(q):
            added = q
        if _counts(q):
            counted = q
        elif not q.vague and q.unit not in ("year", "count", "version", "multiple"):  # "triple the 2.3 million"
            counted = None  # "10 megawatts ... 20,000": the last amount said names another unit
    return out


def _as_size(text: str, q: Quantity, end: int) -> Quantity:
    """A spelled number and its "b" read as a model size in billions of parameters."""
    q = _in_unit(q, "parameter", 1e9)
    return replace(q, end=end, surface=text[q.start : end], unit_surface=text[q.end : end].strip())


def _is_money(q: Quantity) -> bool:
    return not q.vague and q.value is not None and units.is_currency(q.unit)


def _counts(q: Quantity) -> bool:
    """A precise amount of a counted thing (GPUs, tokens, people, watts), whose unit a bare figure may share."""
    unit = q.unit
    return (
        not q.vague
        and q.value is not None
        and unit not in _NOT_CARRIED
        and not unit.startswith("duration_")
        and "_per_" not in unit
        and not units.is_currency(unit)
    )


def _bare(text: str, q: Quantity) -> bool:
    return (
        not _MEASURE_BEFORE.search(text, max(0, q.start - _MEASURE_REACH), q.start)
        and q.unit == "count"
        and not q.unit_surface
        and not q.vague
        and q.value_low is not None
        and q.value_low >= _MIN_VALUE
        and _BARE_AFTER.match(text, q.end) is not None
    )


def _part_of(text: str, q: Quantity, whole: Quantity) -> bool:
    """ "54 of the 55 patients", "28 von 31 Patienten": a bare number in digits before "of" and a count of a counted
    thing at least as large is a part of that whole, counted in its unit."""
    return (
        q.unit == "count"
        and not q.unit_surface
        and not q.vague
        and _DIGITS.fullmatch(text[q.start : q.end]) is not None
        and _counts(whole)
        and not whole.unit.startswith("_")
        and _PART_OF.fullmatch(text[q.end : whole.start]) is not None
        and q.value_high is not None
        and whole.value_low is not None
        and q.value_high <= whole.value_low
    )


def _scale(anchor: Quantity) -> float:
    """What the anchor's written number was multiplied by (1e6 for "10 megawatts"), 1 where nothing."""
    written = units.as_written(anchor.value_low, anchor.unit, anchor.unit_surface)
    return anchor.value_low / written if anchor.value_low and written else 1.0


def _in_unit(q: Quantity, unit: str, scale: float) -> Quantity:
    def times(v: float | None) -> float | None:
        return None if v is None else v * scale

    return replace(q, unit=unit, value=times(q.value), value_low=times(q.value_low), value_high=times(q.value_high))


def _like(q: Quantity, anchor: Quantity, low: float, high: float, scale: float = 1.0) -> bool:
    """Whether ``q`` (its written number times ``scale``) is of the anchor's size: from low to high times it."""
    if q.value_low is None or q.value_high is None or anchor.value_low is None or anchor.value_low <= 0:
        return False
    return low <= q.value_low * scale / anchor.value_low and q.value_high * scale / anchor.value_low <= high


def _is_rate(q: Quantity) -> bool:
    return "_per_" in q.unit and not q.vague and units.is_currency(rates.amount_unit(q.unit))


def _rate_carries(q: Quantity, rated: Quantity) -> bool:
    """Money written as the rate before it was ("$4.50/hr" ... "$7.20"), of the same size, is that rate."""
    return (
        q.unit == rates.amount_unit(rated.unit)
        and q.unit_surface == rated.unit_surface
        and q.value_low is not None
        and _like(q, rated, *_RATE_RATIO)
    )


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_PRICED_BEFORE = guarded(_PRICED_BEFORE)
_MEASURE_BEFORE = guarded(_MEASURE_BEFORE)
_ANOTHER_BEFORE = guarded(_ANOTHER_BEFORE)
