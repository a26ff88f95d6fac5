"""What is not a claim although it is a number: product names (H100, GPT-4o), discourse ordinals
(1つは, 2つ目は, 第一), partitives (の1つ, one of), phase names (von -1 bis 0), numbers naming
an item (episode 212, ソフトウェア1); and Japanese negation of a quantity's clause.
"""

from __future__ import annotations

import re

from ...text.regex_guard import guarded
from ...text.segment import DE_ORDINAL_DETERMINERS
from .. import units
from ..lexicon import INDEX_NAME_BEFORE, JA_LABEL_AFTER, LABEL_NOUN_BEFORE, STREET_AFTER, STREET_BEFORE, UNITS_BY_LANG
from ..spelled_words import EN_DIGIT_WORDS, EN_TEENS, EN_TENS
from ..word_runs import word_runs
from .model import _Q, _Core
from .one_word import one_not_counted

_CJK = re.compile(r"[\u4e00-\u9fff々]")
# "episode 212", "Kapitel 12", "No. 5", "day two", "Suite 4": a number naming an item, not counting anything
_IDENTIFIER_BEFORE = LABEL_NOUN_BEFORE
# Japanese: the quantity is the object or subject of a verb negated in the same clause
# ("1億ドルをもらっていません", "だれも1ギガワットの...を構築していない"); durations are left alone
# ("2年間働いていない" says for how long, it does not deny the two years).
_JA_NEG_VERB = re.compile(r"て(?:は|も)?い(?:ない|ません|なかった)")
_JA_NOBODY = re.compile(r"(?:誰も|だれも|何も|一度も)")
_JA_NEG_END = re.compile(r"(?:ない|ません|なかった)")
_JA_CLAUSE_END = re.compile(r"[。、！？!?]")
_NOT_NEGATABLE = frozenset({"duration_year", "duration_month", "duration_week", "duration_day", "year", "version"})

_FUNCTION_WORDS = frozenset(
    """
the a an some about only all these those its his her their our my your another every each with for in on at by
from of and but or nearly almost over under around just when after before since until during between among roughly
approximately more less fewer than top first last next past exactly total up to into within across per like are were
was is had has have we they he she it i you there here both also still already many just some nearly another
""".split()
)


# "8c per diluted share", "13c-25c": cents glued to the number, read so only beside a per-share figure (40c
# alone may be a temperature or a name)
_GLUED_CENT = re.compile(r"c(?![A-Za-z0-9])")
_PER_SHARE_NEAR = re.compile(r"\b(?:per (?:diluted |basic )?share|a share|dividends?|EPS)\b")
_PER_SHARE_REACH = 60  # characters after the cent within which the per-share words must follow


def _is_glued_cent(text: str, e: int, lang: str) -> bool:
    """A c right after a number's last digit (``e``) that is the cent of a per-share amount."""
    return (
        lang == "en"
        and _GLUED_CENT.match(text, e) is not None
        and _PER_SHARE_NEAR.search(text, e, e + _PER_SHARE_REACH) is not None
    )


_PRODUCT_SUFFIX_AFTER = re.compile(r"\s(?:Max|Pro|Plus|Ultra|Mini|Lite|Neo|XL|Series|Edition)\b")
_BRAND_BEFORE = re.compile(r"(?:(?<![\w-])[A-Z][\w-]{0,30}|'s|’s|\bthe)\s$")
_SUBUNIT_GLUED = re.compile(r"(?:in|oz)(?![A-Za-z])")
_MAJOR_UNIT_BEFORE = re.compile(r"\d\s?(?:ft|feet|foot|lbs?|pounds?)\s$")


def _lexicon_symbol_at(text: str, e: int, lang: str) -> bool:
    """A unit symbol of the lexicon (mAh, MP, psi, ppm, mpg, GW) written right at ``e``, ending at a word end."""
    for pattern, _unit, _mult in UNITS_BY_LANG.get(lang, UNITS_BY_LANG["en"]):
        m = pattern.match(text, e)
        if m and m.end() > e and not text[e].isspace() and m.group(0)[:1].isalpha():
            return True
    return False


def _is_product_number(text: str, s: int, e: int, lang: str) -> bool:
    """H100, A100, GPT-4o, GPT5, 3D, 4th: digits glued to Latin letters are names, not quantities.

    Letters that are a unit (256GB, 50mph, 500Km, 10x) or a currency sign or code before the
    number (USD1,700, RM120, US$5) are not names.
    """
    before = text[max(0, s - 2) : s]
    if before[-1:].isascii() and before[-1:].isalpha():
        sign = units.sign_before(text, s)
        if sign is None or sign.end != s:
            return True
    if (
        before[-1:] == "-"
        and before[:1].isascii()
        and before[:1].isalpha()
        and not re.search(r"\d(?:k|K|M|B|bn|m|c)-$", text[max(0, s - 5) : s])
    ):  # 5k-20k, 13c-25c: a range
        return True
    after = text[e : e + 2]
    if after[:1].isascii() and after[:1].isalpha():
        if _is_glued_cent(text, e, lang):
            return False
        # unit suffixes glued to digits are fine
        if re.match(r"(?:B|GW|MW|kW|k|K|M|T|bn|mn|x)(?![A-Za-z])", text[e : e + 3]):
            return False
        hit = units.unit_after(text, e, lang) or units.unit_after(text, e, "en")
        if hit is not None and hit.start == e:
            return False
        if _lexicon_symbol_at(text, e, lang):
            return False  # 3,877mAh, 12MP, 30psi: a unit symbol of the lexicon glued to the digits
        if _SUBUNIT_GLUED.match(text, e) and _MAJOR_UNIT_BEFORE.search(text, max(0, s - 12), s):
            return False  # 6ft 2in, 7lb 3oz: the smaller part of a length or mass
        return True
    return False


def _ja_excluded(text: str, s: int, e: int, unit_end: int, value: float) -> bool:
    before = text[max(0, s - 3) : s]
    after = text[e : unit_end + 2]
    if before.endswith("第") or before.endswith("番号"):
        return True  # 第一の理由, 第2世代; 背番号10: a shirt number
    if re.match(r"(?:つ|番|回)?目", text[e:]) and not re.match(r"(?:週間|日|年|ヶ月)", text[e:]):
        return True  # 2つ目は, 2番目
    if text[e:].startswith("番") and not text[e:].startswith("番組"):
        return True
    if value == 1 and re.match(r"(?:つ|人|個)", text[e:]):
        if before.endswith("の") or before.endswith("もう") or before.endswith("うち"):
            return True  # 機能の1つ, もう1つ: partitive / discourse
        if re.match(r"つ[はの]", text[e:]):
            return True  # 1つは ... : discourse ordinal; 1つの X: an article ("a single X"), not a count
    if value == 2 and re.match(r"度と", text[e:]):
        return True  # 2度と: "never again"
    del after
    return False


# "One, it's cheaper. Two, it ships sooner.", "One is…", "Erstens,": a spelled number opening a sentence and
# followed by a comma, a colon or "is" counts the speaker's points, not things
_ENUMERATION_AFTER = re.compile(r"\s?(?:[,:…]|—|--|\.\.\.|\sis\b|\sist\b)")
_SENTENCE_OPENING = re.compile(r"(?:^|[\n.!?]\s*|\)\s*|\d\d:\d\d(?::\d\d)?\)?\s*)$")
# "two, three tons", "Two, 3 years": a range said with a comma, not a point of a list
_NUMBER_NEXT = re.compile(
    r"(?i),\s?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|zwei|drei|vier|fünf|sechs|sieben|acht|zehn)\b"
)
# "And three, physical AI ...", "and then two: ...": a conjunction opening the sentence before the point's number
_CONJUNCTION_OPENING = re.compile(
    r"(?:^|[.!?]\s|\n)(?:[Aa]nd|[Ss]o|[Tt]hen|[Aa]nd\sthen|[Aa]lso|[Uu]nd|[Dd]ann|[Uu]nd\sdann)\s$"
)
# "shared by the two,", "the two of them": a pronoun, the things were counted before (English only: the
# Recognizers-Text cases read "Die dreihundert waren ..." as a number)
# a clause right after a small spelled number: it counts nothing ("one it's slower", "two you run out of data")
_CLAUSE_AFTER = re.compile(
    r"\s(?:it['’]?s|it|you|we|they|i|there['’]?s|that['’]?s|he|she|the|this|our|your|their|my)\b"
)
# a verb that holds the number as its object ("we have two we like", "there were three you could pick")
_ENUMERATED = re.compile(
    r"(?i)\b(?:one|two|three|four|five|first|second|third)\s(?:it['’]?s|it|you|we|they|i|there['’]?s|that['’]?s|he|she|"
    r"the|this|our|your|their|my)\b"
)
_HOLDS_BEFORE = re.compile(
    r"(?i)\b(?:have|has|had|need|needs|want|wants|got|get|buy|bought|are|were|is|was|be|"
    r"with|of|about|only|just)\s$"
)
_THE_BEFORE = re.compile(r"(?i)\bthe\s$")
_PRONOUN_AFTER = re.compile(r"\s*(?:[,.;:!?)]|$|(?:of|and|were|are|have|had|will|would|who|which|that)\b)")


# "2 times 8 is 16", "if you take five hundred times two fifty": the plain operands of a product said aloud
# (both sides plain numbers, no scale word); amounts with a scale ("405 billion times 15 trillion") stay
_NUMBER_WORD = "|".join(
    sorted({*EN_DIGIT_WORDS, *EN_TEENS, *EN_TENS, "hundred", "thousand"}, key=lambda w: (-len(w), w))
)
_PLAIN_NUMBER = rf"(?:\d+(?:\.\d+)?|(?:{_NUMBER_WORD})(?:[\s-](?:{_NUMBER_WORD}|and)){{0,5}})"
_TIMES_OPERAND_AFTER = re.compile(
    rf"(?i)\s(?:times|mal)\s{_PLAIN_NUMBER}\b(?![\w.,-]*\s(?:million|billion|trillion|[mb]|to\sthe|hoch)\b)"
)
_TIMES_OPERAND_BEFORE = re.compile(rf"(?i)\b{_PLAIN_NUMBER}\s(?:times|mal)\s$")
_PRODUCT_GOES_ON = re.compile(r"(?i)\s?(?:$|[.,;:!?=]|\s(?:is|equals|gives|that|so|you|which|means|makes|and|ist)\b)")
_POWER_SAID = re.compile(r"(?i)\sto\sthe\s|\shoch\s")
_SCALE_WORD = re.compile(r"(?i)\b(?:million|billion|trillion|millionen|milliarden)\b")


def is_product_operand(text: str, s: int, e: int) -> bool:
    """A plain number said as one side of a product ("2 times 8 is 16"): the left side before "times <number>",
    the right side after "<number> times" where the product's clause goes on; no side with a scale word."""
    runs = word_runs(text)
    if runs is not None and "times" not in runs and "mal" not in runs:
        return False  # both sides need "times" or "mal" as a word of its own
    if _SCALE_WORD.search(text, s, e) or _POWER_SAID.search(text, s, e):
        return False
    if _TIMES_OPERAND_AFTER.match(text, e):
        return True
    return bool(_TIMES_OPERAND_BEFORE.search(text, max(0, s - 40), s)) and bool(_PRODUCT_GOES_ON.match(text, e))


_ARTICLE_ORDINAL = re.compile(r"(?i)(?:a|an)\s(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)")
# what may follow a fraction ("a third of voters", "up by a third on last year", "a fifth.")
_FRACTION_GOES_ON = re.compile(
    r"(?i)\s?(?:$|[.,;:!?)\]–—-]|(?:of|and|or|more|less|fewer|since|on|in|from|to|as|than|lower|higher|smaller|larger|"
    r"bigger|the|this|that|last|over|by|compared|per|percent|off|down|up|before|after|at|for|with|while|when|but|"
    r"between|among|year-on-year|a|an)\b)"
)


def is_article_ordinal(text: str, s: int, e: int, lang: str) -> bool:
    """ "a fourth straight week", "a third time": an ordinal before its noun, not the fraction a fourth."""
    return lang == "en" and bool(_ARTICLE_ORDINAL.fullmatch(text, s, e)) and not _FRACTION_GOES_ON.match(text, e)


# a spelled number before "of the <number>": the part of a group whose size the text gives right after
_SMALL_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|zwei|drei|vier|fünf|sechs|zehn)\b"
)
_PARTITIVE_OF = {
    "en": re.compile(rf"(?i)\sof\s(?:the|these|those|its|their|our|his|her|my|your)\s{_SMALL_NUMBER}"),
    "de": re.compile(rf"(?i)\s(?:der|dieser|seiner|ihrer|unserer)\s{_SMALL_NUMBER}"),
}
# the group a part is taken from, said in words ("Two of the three suspects", "one of the five most massive",
# "zwei der drei Verdächtigen"): the size of a group already known, no amount of its own (digits count: "212 of the
# 450 seats")
_PARTITIVE_GROUP_BEFORE = {
    "en": re.compile(rf"(?i)\b{_SMALL_NUMBER}\sof\s(?:the|these|those|its|their|our|his|her|my|your)\s$"),
    "de": re.compile(rf"(?i)\b{_SMALL_NUMBER}\s(?:der|dieser|seiner|ihrer|unserer)\s$"),
}
_NEVER = re.compile(r"(?!)")
# "am 3.", "ihren 100.", "unserer 25.": the word before a German ordinal (lowercased text before it)
_ORDINAL_DETERMINER_BEFORE = re.compile(r"(?:^|\s)(?:" + "|".join(sorted(DE_ORDINAL_DETERMINERS)) + r")\s$")


# "The 10-second takeaway", "5 min read", "3-minute explainer"; "5 Min. Lesezeit", "Lesedauer: 4 Minuten": how long
# a text takes to read is the page's label, no amount its story states
_READING_TIME_AFTER = {
    "en": re.compile(
        r"(?i)[\s-](?:seconds?|minutes?|mins?\.?)[\s-](?:read|takeaway|summary|version|explainer|primer|briefing|listen)\b"
    ),
    "de": re.compile(r"\s?(?:Min\.?|Minuten)\s(?:Lesezeit|Lesedauer)\b"),
}
_READING_TIME_BEFORE = {"de": re.compile(r"\b(?:Lesezeit|Lesedauer):?\s(?:ca\.\s)?$")}


def _reading_time(text: str, s: int, e: int, lang: str) -> bool:
    after = _READING_TIME_AFTER.get(lang)
    before = _READING_TIME_BEFORE.get(lang)
    return bool(
        (after is not None and after.match(text, e)) or (before is not None and before.search(text, max(0, s - 20), s))
    )


_LONE_MINUS_BEFORE = re.compile(r"(?:^|\s)-$")  # "von -1 bis 0"


def _latin_excluded(text: str, s: int, e: int, lang: str) -> bool:
    if _reading_time(text, s, e, lang):
        return True
    after = text[e : e + 8].lower()
    before = text[max(0, s - 12) : s].lower()
    if lang == "en" and after.startswith(" of ") and text[s:e].lower() == "one":
        return True
    if text[s:e].isalpha() and _PARTITIVE_OF.get(lang, _NEVER).match(text, e):
        return True  # "Two of the four are compact", "zwei der drei Verdächtigen": a part of a group counted after
    if (
        text[s:e].isalpha()
        and _PARTITIVE_GROUP_BEFORE.get(lang, _NEVER).search(text, max(0, s - 24), s)
        and text[e : e + 1] != "-"
        and units.unit_after(text, e, lang) is None
    ):
        return True  # "Two of the three suspects": the group's size ("five of the three-ton satellites" weighs)
    word = text[s:e]
    if lang == "en" and word.lower() == "one" and one_not_counted(text, s, e):
        return True  # a pronoun ("another one crashed", "renting one out") or an idiom ("one day we'll")
    if lang == "en" and word.isalpha() and _EN_NUMBER_IDIOM_AFTER.match(text, e):
        return True  # "a two-way street", "one or the other", "one step at a time", "zero tolerance": idioms
    if lang == "en" and _WORE_BEFORE.search(text, max(0, s - 24), s) and units.unit_after(text, e, "en") is None:
        return True  # "Geoff Hurst wore 10", "wearing number 23": a shirt number
    scheme = _SCHEME_WEEK[lang].match(text, e) if lang in _SCHEME_WEEK else None
    if scheme and (_DEFINITE_BEFORE.search(text, max(0, s - 5), s) or scheme[1]):
        return True  # "the four-day week", "a four-day week pilot", "die Vier-Tage-Woche": the scheme's name
    if text.startswith("(k)", e):
        return True  # "their 401(k) plans": a retirement plan's name
    if lang == "en" and _is_model_number(text, s, e):
        return True
    if lang in ("en", "de") and is_product_operand(text, s, e):
        return True
    if word.isalpha():
        if (
            _ENUMERATION_AFTER.match(text, e)
            and not _NUMBER_NEXT.match(text, e)
            and (
                word[0].isupper()
                and _SENTENCE_OPENING.search(text, max(0, s - 12), s)
                or _CONJUNCTION_OPENING.search(text, max(0, s - 14), s)
            )
        ):
            return True
        if lang == "en" and _THE_BEFORE.search(text, max(0, s - 4), s) and _PRONOUN_AFTER.match(text, e):
            return True
        if (
            lang == "en"
            and word.islower()
            and _CLAUSE_AFTER.match(text, e)
            and not _HOLDS_BEFORE.search(text, max(0, s - 12), s)
            and len(_ENUMERATED.findall(text)) >= 2
        ):
            return True  # "two reasons one it's slower two you run out": an enumeration in unpunctuated speech
    if (
        _ORDINAL_DETERMINER_BEFORE.search(before)
        and text[e : e + 1] == "."
        and re.match(r"\.\s[a-zäöüA-ZÄÖÜ]", text[e : e + 3])
    ):
        return True  # "der 2. Platz": German ordinal
    if before.endswith("-") and re.search(r"\d\s?-$", before):
        return False
    if _LONE_MINUS_BEFORE.search(before) and units.unit_after(text, e, lang) is None:
        return True  # "von -1 bis 0": a name, not a quantity ("at -52C" is a temperature)
    return False


_SCHEME_WEEK = {
    "en": re.compile(
        r"(?i)[\s-]day[\s-](?:work(?:ing)?[\s-])?week\b(\s(?:pilot|trial|campaign|movement|scheme|policy|experiment|"
        r"programme|program|study|model|advocates?|organi[sz]ation|global)\b)?"
    ),
    "de": re.compile(r"-Tage-Woche\b(-?(?:Modell|Pilot|Versuch|Studie|Kampagne))?"),
}
_DEFINITE_BEFORE = re.compile(r"(?i)\b(?:the|die|der|den)\s$")
_EN_NUMBER_IDIOM_AFTER = re.compile(
    r"(?i)-way\b|(?<=one)\sor\sthe\sother\b|(?<=one)\s[a-z]+\sat\sa\stime\b|(?<=zero)\stolerance\b"
)
_WORE_BEFORE = re.compile(r"(?i)\b(?:wore|wears|wearing|wear|donned|dons|don)\s(?:the\s)?(?:(?:number|no\.?|#)\s?)?$")


# "The 5090 is the Blackwell generation", "next to the 4090 it is smaller": a model number named with "the"
_MODEL_NUMBER = re.compile(r"[1-9]\d{2,4}")
_THE_MODEL_BEFORE = re.compile(r"(?i)(?:^|\s)the\s\Z")
_MODEL_VERB_AFTER = re.compile(r"\s(?:is|was|it|has|had|will|can|does|did|runs|ships|comes|uses)\b|\s?[,.;:!?)](?!\d)")
_YEARS = range(1800, 2101)


def _is_model_number(text: str, s: int, e: int) -> bool:
    """ "the 4090 is ...": digits after "the" that name a product (no year, no round number) and no noun after."""
    if not _MODEL_NUMBER.fullmatch(text, s, e):
        return False
    value = int(text[s:e])
    return (
        value not in _YEARS
        and value % 100 != 0
        and _THE_MODEL_BEFORE.search(text, max(0, s - 5), s) is not None
        and _MODEL_VERB_AFTER.match(text, e) is not None
    )


# before a number: katakana (a Japanese name), a word with inner capitals or in capitals, a capitalised word
_KATAKANA_BEFORE = re.compile(r"[\u30a1-\u30fa\u30fc]$")
_CAPS_NAME_BEFORE = re.compile(r"(?<![\w-])([a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]*)\s$")
_CAPITALISED_BEFORE = re.compile(r"(?<![.!?]\s)\b([A-Z][A-Za-z]+)\s$")


def _is_name_number(text: str, core: _Core, lang: str) -> bool:
    """A bare number that is part of a name: ソフトウェア1, Segment Anything 2, a lone kanji 一 (一歩)."""
    surface = text[core.start : core.end]
    if (
        lang == "ja"
        and len(surface) == 1
        and not surface.isdigit()
        and not core.scaled
        and not core.vague
        and (_CJK.match(text, core.end) or _CJK.match(text[core.start - 1 : core.start] if core.start else ""))
    ):
        return True  # a lone kanji numeral inside a word: 一歩, 唯一, 三角
    before = text[max(0, core.start - 12) : core.start]
    if _KATAKANA_BEFORE.search(before):
        return True
    suffix = _PRODUCT_SUFFIX_AFTER.match(text, core.end) if not core.word else None
    if suffix and (_PRODUCT_SUFFIX_AFTER.match(text, suffix.end()) or _BRAND_BEFORE.search(before)):
        return True  # Boeing's 737 Max, the 15 Pro Max, Galaxy 24 Ultra: a model's name
    if INDEX_NAME_BEFORE.search(before) or (not core.word and _is_address_number(text, core, lang)):
        return True  # FTSE 100, Fortune 500, DAX 40, 日経225; 22-24 Mill Lane, Hauptstraße 5
    if lang == "ja":
        return JA_LABEL_AFTER.match(text, core.end) is not None  # 3丁目, 5号
    caps = _CAPS_NAME_BEFORE.search(before)
    if (
        not core.word
        and caps
        and caps.group(1).lower() not in _FUNCTION_WORDS
        and caps.group(1) not in ("US", "UK", "EU", "USD", "EUR", "GBP", "CEO", "CFO", "AI", "IT", "OK", "TV", "PC")
    ):
        return True  # iPhone 15, eBay 2, DAX 40, MDAX 50: a camel-case or upper-case name, in German too
    # German capitalizes every noun ("im Büro 10.000 Liegestütze"), so only ja/en read this as a name;
    # a capitalized function word ("The 11 members", "Some 300 residents") names nothing
    name = _CAPITALISED_BEFORE.search(before)
    if (
        lang == "de"
        and name
        and not core.word
        and _DE_NAME_ENDS.match(text, core.end)
        and not _is_year(core.low)
        and units.lookup(name.group(1), "de") is None  # "15 Dollar 50": the cents of a price, no name
        and text[core.start : core.end].isdigit()  # "Nächstes Jahr 100.000": a grouped amount is no label
        and not _DE_PERIOD_NOUN.fullmatch(name.group(1))
    ):
        return True  # "20 Boeing 787.", "Seite 12,": a bare number closing a clause after a noun names it
    if lang != "de" and name and not core.word and name.group(1).lower() not in _FUNCTION_WORDS:
        # a sentence opening with a gerund or an adverb names nothing: "Walking 10,000 steps a day", "Adding 300"
        opening = core.start - len(before) + name.start() == 0 and re.search(r"(?:ing|ly)$", name.group(1))
        return not opening
    return False


# German counts stand before their noun ("20 Flugzeuge"): a bare number after one, ending the clause, is a label
_DE_PERIOD_NOUN = re.compile(r"Jahr|Jahre|Monat|Quartal|Woche|Tag|Halbjahr|Geschäftsjahr|Ende|Anfang|Mitte")
_DE_NAME_ENDS = re.compile(r"\s?(?:[.,;!?)]|$|\s(?:und|oder)\s)")


def _is_year(value: float) -> bool:
    return value == int(value) and int(value) in _YEARS


# "a few hundred megawatts a quarter each": the quarter a rate is per, after a plural noun or a number
_PER_QUARTER = re.compile(r"(?i)(?:\d|(?<![a-z])[a-z]{2,20}s)\s\Z")
_PER_QUARTER_AFTER = re.compile(r"\s(?:each|apiece)\b|\s?[.,;:!?]|\s?\Z")


def _is_period_fraction(text: str, s: int, e: int) -> bool:
    """ "the first two quarters", "three quarters in a row": quarters of a year, a period rather than 50 or 75
    percent; "100 megawatts a quarter": the quarter a rate is per."""
    if not re.search(r"(?i)quarters?$", text[s:e]):
        return False
    if (
        re.fullmatch(r"(?i)a quarter", text[s:e])
        and _PER_QUARTER.search(text, max(0, s - 24), s)
        and _PER_QUARTER_AFTER.match(text, e)
    ):
        return True
    return (
        re.search(
            r"(?i)\b(?:first|last|next|past|previous|prior|recent|coming|following|consecutive|straight)\s$",
            text[max(0, s - 14) : s],
        )
        is not None
        or re.match(r"\s(?:in a row|straight|running)\b", text[e:]) is not None
    )


def _is_edition_year(text: str, start: int, end: int) -> bool:
    """ "Galaxy A9 (2018)": a year in brackets right after a model code names the edition, it is no quantity."""
    return (
        text[end : end + 1] == ")"
        and re.search(r"\b[A-Za-z]+\d+[A-Za-z]*\s?\($", text[max(0, start - 16) : start]) is not None
    )


_NUMBER_SPAN_AFTER = re.compile(r"[A-Za-z]?(?:\s?[-–]\s?\d{1,4}[a-z]?)?")  # "22-24 Mill Lane", "221B Baker Street"


def is_street_ordinal(text: str, s: int, e: int) -> bool:
    """ "350 Fifth Avenue", "at 12 Third Street": a house number and a street named by an ordinal, no fraction."""
    word = re.search(r"\s([A-Z][a-z]+)$", text[s:e])
    return word is not None and STREET_AFTER.match(text, s + word.start()) is not None


# "4K at 120Hz", "shot in 8K", "a 4K TV": a video resolution's name
_RESOLUTION_NAME = re.compile(
    r"[248]K(?=\s(?:at\b|video|TVs?|resolution|display|screens?|monitors?|HDR|UHD|streaming))"
)
_RESOLUTION_BEFORE = re.compile(r"(?i)\b(?:in|supports?|shoots?|records?|streams?)\s$")


def is_resolution_name(text: str, s: int, e: int) -> bool:
    return _RESOLUTION_NAME.fullmatch(text, s, e + 1) is not None or (
        text[s:e] in ("4K", "8K") and _RESOLUTION_BEFORE.search(text, max(0, s - 10), s) is not None
    )


def _is_address_number(text: str, core: _Core, lang: str) -> bool:
    """A house or unit number: a street word after it ("22-24 Mill Lane", "5 Baker Street") or, in German,
    before it ("Hauptstraße 5")."""
    if lang == "de" and STREET_BEFORE.search(text, max(0, core.start - 12), core.start):
        return True
    after = _NUMBER_SPAN_AFTER.match(text[core.end : core.end + 8])
    return STREET_AFTER.match(text, core.end + (after.end() if after else 0)) is not None


def _ja_negated(text: str, start: int, end: int) -> bool:
    m = _JA_CLAUSE_END.search(text, end)
    after = text[end : m.start() if m else len(text)]
    neg = _JA_NEG_VERB.search(after)
    if neg and neg.start() <= 25:
        return True
    left = max((x.end() for x in _JA_CLAUSE_END.finditer(text, 0, start)), default=0)
    return bool(_JA_NOBODY.search(text, left, start)) and _JA_NEG_END.search(after) is not None


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_TIMES_OPERAND_BEFORE = guarded(_TIMES_OPERAND_BEFORE)


# A sentence about how players or seats are numbered ("the goalkeeper taking 1 and the defenders 2 to 5",
# "tournaments number squads from 1 to 23", "Rückennummern von 1 bis 99"): its bare numbers are the labels handed out
_NUMBERING = {
    "en": re.compile(
        r"(?i)\b(?:shirt|jersey|squad|kit)\s?numbers?\b|\bnumber(?:s|ed|ing)?\s(?:their\s|the\s)?(?:squads?|players|"
        r"shirts|jerseys)\b|\bnumbers\b(?=.*\b(?:goalkeepers?|defenders?|strikers?|midfielders?|forwards?)\b)"
    ),
    "de": re.compile(r"(?i)\b(?:Rücken|Trikot)nummer\w*"),
}


def numbering_labels(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """Bare whole numbers under 100 (no unit, no counted noun) in a sentence about handing out numbers are names."""
    pattern = _NUMBERING.get(lang)
    if pattern is None or "umber" not in text and "ummer" not in text or not pattern.search(text):
        return qs
    return [
        q
        for q in qs
        if not (
            q.unit == "count"
            and not q.unit_surface
            and not q.vague
            and q.kind in ("num", "range")
            and 0 <= q.low <= q.high < 100
            and float(q.high).is_integer()
        )
    ]
