"""Rates: an amount per something ("$25bn a year", "£1.37 per litre", "13p a share", "pro Jahr", "1バレル当たり").

A rate keeps its whole unit, ``<amount unit>_per_<per what>``: the amount in its base unit (``usd``,
``cubic_meter`` for barrels of oil, ``count``), the per-what as named (``year``, ``month``, ``week``, ``day``,
``hour``, ``share``, ``barrel``, ``liter``, ``ounce``, ``tonne``, ``square_foot`` ...). Speeds and data rates
keep the physical base unit the vocabulary already has (``2 miles per second`` is ``meter_per_second``).
``RATE_UNITS`` lists every rate unit the extractor can emit, for the vocabulary and the data dictionary.
"""

from __future__ import annotations

import re

# per-what -> its surfaces per language (regular-expression fragments, lower case where the language allows)
PER_WHAT: dict[str, dict[str, str]] = {
    "year": {"en": r"years?|yr|annum", "de": r"jahr|jahre", "ja": r"年|年間"},
    "month": {"en": r"months?|mo", "de": r"monat", "ja": r"か月|カ月|ヶ月|月"},
    "week": {"en": r"weeks?|wk", "de": r"woche", "ja": r"週"},
    "day": {"en": r"days?|night", "de": r"tag", "ja": r"日"},
    "hour": {"en": r"hours?|hr", "de": r"stunde", "ja": r"時間"},
    "second": {"en": r"seconds?|sec", "de": r"sekunde", "ja": r"秒"},
    "share": {"en": r"(?:(?:diluted|basic|ordinary|adjusted)\s)?shares?", "de": r"aktie", "ja": r"株"},
    "barrel": {"en": r"barrels?|bbl", "de": r"barrel|fass", "ja": r"バレル"},
    "liter": {"en": r"litres?|liters?", "de": r"liter", "ja": r"リットル"},
    "gallon": {"en": r"gallons?|gal", "de": r"gallone", "ja": r"ガロン"},
    "ounce": {"en": r"(?:troy\s)?ounces?|oz", "de": r"unze", "ja": r"オンス"},
    "tonne": {"en": r"tonnes?|tons?", "de": r"tonne", "ja": r"トン"},
    "bushel": {"en": r"bushels?|bu", "de": r"scheffel|bushel", "ja": r"ブッシェル"},
    "kilogram": {"en": r"kilos?|kilograms?|kg", "de": r"kilo|kilogramm|kg", "ja": r"キロ|キログラム"},
    "lb": {"en": r"pounds?|lbs?", "de": r"pfund", "ja": r"ポンド"},  # "$3 a pound" of beef, copper, coffee: weight
    "game": {"en": r"games?|matche?s?", "de": r"spiel|partie", "ja": r"試合"},  # "1.5 goals per game"
    "square_foot": {"en": r"square\sfoot|sq\.?\s?ft", "de": r"quadratfuß", "ja": r"平方フィート"},
    "square_meter": {
        "en": r"square\smetres?|square\smeters?|sq\.?\s?m",
        "de": r"quadratmeter|m²",
        "ja": r"平方メートル|平米",
    },
    "kilowatt_hour": {"en": r"kwh|kilowatt[\s-]hours?", "de": r"kwh|kilowattstunde", "ja": r"kwh|キロワット時"},
    "megawatt_hour": {"en": r"mwh|megawatt[\s-]hours?", "de": r"mwh|megawattstunde", "ja": r"mwh|メガワット時"},
    "person": {
        "en": r"person|head|capita|user|subscriber|member|employee|adult|resident|citizen|inhabitant|taxpayer"
        r"|student|pupil|patient|passenger",
        "de": r"kopf|person|nutzer|mitarbeiter|einwohner|erwachsene[nr]?|bürger|schüler(?:in)?|patient(?:in)?",
        "ja": r"人",
    },
    # freight per box: FEU (forty-foot equivalent unit) or a container of a stated size
    "container": {
        "en": r"feu|(?:(?:20|40|45)[\s-](?:foot|ft)\s)?containers?|box",
        "de": r"feu|(?:(?:20|40)-fuß-)?container",
        "ja": r"feu|コンテナ",
    },
    # box-office takings per cinema (the per-theatre average)
    "location": {
        "en": r"locations?|venues?|theat(?:er|re)s?|cinemas?|screens?",
        "de": r"kino|leinwand|spielstätte",
        "ja": r"館|スクリーン",
    },
    "gpu_hour": {"en": r"gpu[\s-]hours?|gpu[\s-]hr", "de": r"gpu-stunden?", "ja": r"gpu時間"},
    "gpu": {"en": r"gpus?", "de": r"gpu", "ja": r"gpu"},
    "parameter": {"en": r"parameters?", "de": r"parameter", "ja": r"パラメータ"},
    "token": {"en": r"tokens?", "de": r"token", "ja": r"トークン"},
}
# the amounts a rate is built on; a percentage or a calendar year "a year" is growth or a date, not a rate
AMOUNTS = (
    "usd",
    "eur",
    "gbp",
    "jpy",
    "cny",
    "chf",
    "cad",
    "aud",
    "inr",
    "krw",
    "gel",
    "count",
    "person",
    "token",
    "parameter",
    "gpu",
    "kilogram",
    "cubic_meter",
    "joule",
    "byte",
    "meter",
    "duration_second",
)
_PHYSICAL_RATE = {
    ("meter", "hour"): ("meter_per_second", 1 / 3600),
    ("byte", "hour"): ("byte_per_second", 1 / 3600),
    ("meter", "second"): ("meter_per_second", 1.0),
    ("byte", "second"): ("byte_per_second", 1.0),
    ("joule", "second"): ("watt", 1.0),
    ("joule", "hour"): ("watt", 1 / 3600),
}
# an amount per a stated distance ("£838 per 10,000 miles", "27 kWh/100 mi", "6 litres per 100 km"), per metre
PER_DISTANCE_AMOUNTS = tuple(a for a in AMOUNTS if a not in ("count", "person", "token", "parameter", "gpu", "byte",
                                                             "meter", "duration_second"))  # fmt: skip
RATE_UNITS = (
    tuple(f"{a}_per_{p}" for a in AMOUNTS for p in PER_WHAT if (a, p) not in _PHYSICAL_RATE)
    + ("meter_per_gallon",)  # mpg (lexicon): a distance per volume, named by its own word
    + tuple(f"{a}_per_meter" for a in PER_DISTANCE_AMOUNTS)
)

_RATE_SET = frozenset(RATE_UNITS)


def amount_unit(unit: str) -> str:
    """The unit of a rate's amount (``gbp`` for ``gbp_per_share``); any other unit as it is."""
    return unit.partition("_per_")[0] if unit in _RATE_SET else unit


# "a year", "per barrel", "each day", "every week", "/yr", "a diluted share", "pro Jahr", "je Barrel", "im Jahr"
_CONNECTOR = {
    "en": r"(?:,?\s(?:a|an|per|each|every|a\ssingle)\s|\s?/\s?)",
    "de": r"(?:\s(?:pro|je|im|am|in\sder|in\sjedem|jeden|jede|jedes)\s|\s?/\s?)",
    "ja": r"(?:/|毎|あたり|当たり)",
}
# "1バレル当たり", "1株あたり", "年間", "毎日": Japanese names the per-what before the amount
_JA_BEFORE = re.compile(
    r"(?:(?:1|一|１)\s?("
    + "|".join(f"(?P<{k}>{v['ja']})" for k, v in PER_WHAT.items() if k not in ("year", "month", "day", "hour", "week"))
    + r")\s?(?:当たり|あたり|当り|=)の?|(?P<year>年間|毎年)|(?P<month>毎月|月間)"
    r"|(?P<day>毎日|日量|1日あたり|一日あたり)|(?P<hour>毎時|時速)|(?P<week>毎週|(?<![今先来前翌同])週に?))(?:約|およそ)?\s?$"
)


def _after_re(lang: str) -> re.Pattern[str]:
    key = lang if lang in _CONNECTOR else "en"
    alts = "|".join(f"(?P<{k}>{v[key]})" for k, v in PER_WHAT.items())
    # "85 million barrels each, per day": a distributive "each" may come first; "of oil" may name the amount
    # one or two words may name the amount before the per-what: "tonnes of carbon dioxide a year", "bug reports a day"
    word = r"\s(?!(?:in|for|over|within|than|from|to|by|at|on|the|und|im|per|a|an|each|every|pro|je)\b)[a-z]+"
    return re.compile(
        r"\)?(?:\s(?:of\s)?(?!(?:in|for|over|within|than|from|to|by|at|on|the|und|im)\b)[a-z]+"
        r"|(?:\sof)?" + word + word + r")?" + _CONNECTOR[key] + r"(?:" + alts + r")(?![A-Za-zÄÖÜäöüß])",
        0 if key == "ja" else re.IGNORECASE,
    )


_AFTER = {lang: _after_re(lang) for lang in ("en", "de", "ja")}
# "500,000 tonnes of steel annually", "2 million barrels daily": an adverb names the per-what
_ADVERB_AFTER = re.compile(
    r"(?:\s(?:of\s)?(?!(?:in|for|over|than|from|to|by|at|on|the|and|or)\b)[a-z]+){0,2}?"
    r"\s(?:(?P<year>annually|yearly|per\sannum)|(?P<month>monthly)|(?P<week>weekly)|(?P<day>daily)|(?P<hour>hourly))\b"
)
# "85 million barrels of oil are produced every day": a passive verb between the amount and its per-what
_CURRENCY_SAID = re.compile(r"\s(?:U\.S\.|US|USD|Cdn|CAD|AUD)(?=\s)")
_PASSIVE = re.compile(
    r"(?:\sof\s[a-z]+)?\s(?:is|are|was|were|get|gets|got)\s[a-z]+(?:ed|en|t)(?=\s(?:every|each|per)\s)"
)
_NOUN_BETWEEN = re.compile(r"\s(?:[a-z]+\s)?[a-z]+s\b")  # "3078 jobs", "six cappuccinos": what the count counts
# "$3 per million tokens", "$15 per million output tokens": a price per token, quoted per thousand or million
_PER_SCALED_TOKENS = re.compile(
    r"(?i)\s(?:per|a|for\severy|every)\s(?:(?P<k>1,000|1000|thousand|a\sthousand)|(?P<m>million|a\smillion|one\smillion|"
    r"1\smillion|1m))\s(?:(?:input|output|generated|prompt|completion|cached)\s)?tokens\b"
)


_POINTS_A_GAME = re.compile(r"(?i)(?<=points)\s(?:a|per)\s(?:game|match)\b")
_HOURS_A_PERIOD = re.compile(r"\s(?:work(?:ing)?[\s-])?(?:(?P<week>weeks?)|(?P<day>days?))\b")
_DAYS_A_WEEK = re.compile(r"(?i)(,\s[\w.]+-hours?)?\s(?:work(?:ing)?[\s-])?week\b(?!s)")
# days counted per a longer period: how often, not for how long ("three days a week", "週3日")
_FREQUENCY_OF_DAYS = frozenset({"week", "month", "year"})


def rate_after(text: str, end: int, unit: str, explicit: bool, lang: str) -> tuple[str, float, int] | None:
    """(rate unit, factor on the amount, end of the rate) when ``per what`` follows an amount ending at ``end``.
    Days a week, month or year say how often ("three or four days a week", "drei Tage pro Woche"): a count."""
    if unit == "percentage_point" and lang == "en":
        game = _POINTS_A_GAME.match(text, end)  # "30 points a game": a player's points, counted per game
        return ("count_per_game", 1.0, game.end()) if game else None
    if unit not in AMOUNTS and unit != "duration_day":
        return None
    if lang == "en" and unit == "duration_second" and text[max(0, end - 6) : end].lower().endswith(("-hour", "-hours")):
        week = _HOURS_A_PERIOD.match(text, end)  # "40-hour weeks", "a 12-hour day": hours per week or day
        if week is not None:
            return f"duration_second_per_{week.lastgroup}", 1.0, week.end()
    if lang == "en" and unit == "duration_day" and text[max(0, end - 4) : end].lower() in ("-day", " day"):
        week = _DAYS_A_WEEK.match(text, end)  # "a four-day week", "a four-day, 32-hour week": days worked a week
        if week is not None:
            return "count_per_week", 1.0, end if week[1] else week.end()  # the hours keep their own span
    if lang == "de" and unit == "duration_day" and text.startswith("-Tage-Woche", end - 5):
        return "count_per_week", 1.0, end + len("-Woche")  # "eine Vier-Tage-Woche": days worked a week
    pos = end
    if unit == "count" and not explicit and lang == "en":
        noun = _NOUN_BETWEEN.match(text, pos)
        if noun is None:
            return None  # a bare number before "a day" is no rate of anything
        pos = noun.end()
    if lang == "en" and unit in ("usd", "cad", "aud"):
        said = _CURRENCY_SAID.match(text, pos)  # "$89.53 U.S. a barrel": the currency said again
        pos = said.end() if said else pos
    scaled = _PER_SCALED_TOKENS.match(text, pos) if lang == "en" else None
    if scaled is not None:
        return f"{unit}_per_token", 1e-3 if scaled.group("k") else 1e-6, scaled.end()
    passive = _PASSIVE.match(text, pos) if lang == "en" else None
    m = _AFTER[lang if lang in _AFTER else "en"].match(text, passive.end() if passive else pos)
    if m is None and lang == "en":
        m = _ADVERB_AFTER.match(text, pos)
    if m is None:
        return None
    what = next(k for k, v in m.groupdict().items() if v)
    if what == unit or (unit, what) in (("duration_second", "hour"),):
        return None  # "a day a day", "hours an hour": no rate
    if what in ("year", "month", "week", "day", "hour", "second") and _is_denominator_period(text, m.end()):
        return None
    if unit == "duration_day":
        return (f"count_per_{what}", 1.0, m.end()) if what in _FREQUENCY_OF_DAYS else None
    name, factor = _PHYSICAL_RATE.get((unit, what), (f"{unit}_per_{what}", 1.0))
    # "$57 (£44) a barrel": the bracketed amount is a rate too, its span stays inside the bracket
    return name, factor, end if m.group(0).startswith(")") else m.end()


def _is_denominator_period(text: str, end: int) -> bool:
    """ "a year earlier", "a year ago", "month-on-month", "two doses a month apart": a period reference or an
    interval, not the rate's per-what."""
    return (
        re.match(
            r"[\s-](?:earlier|ago|before|later|apart|on[\s-](?:year|month|week|day|quarter)|to[\s-]date|prior|from\snow)\b",
            text[end : end + 12],
        )
        is not None
    )


def rate_before(text: str, start: int, unit: str) -> tuple[str, float, int] | None:
    """Japanese: (rate unit, factor on the amount, start) when the per-what is named before the amount
    (1バレル当たり70ドル, 年間100万トン, 毎時300キロメートル); days named after a week are how often (週3日)."""
    if unit not in AMOUNTS and unit != "duration_day":
        return None
    m = _JA_BEFORE.search(text, max(0, start - 12), start)
    if m is None:
        return None
    what = next(k for k, v in m.groupdict().items() if v)
    if unit == "duration_second" and what not in ("week", "day", "month"):
        return None  # 週に30時間, 毎日3時間: hours a week or a day; 年間 before hours is how long, 毎時 no rate
    if unit == "duration_day":
        return (f"count_per_{what}", 1.0, m.start()) if what in _FREQUENCY_OF_DAYS else None
    name, factor = _PHYSICAL_RATE.get((unit, what), (f"{unit}_per_{what}", 1.0))
    return name, factor, m.start()


# "spending per student was $12,970", "revenue per user of $5", "$489 per location ... per screen was $300":
# English may name the per-what before the amount, across a verb or "of". Only per head, place and box: the gold
# reads "earnings per share were $0.47" and "the cost per GPU-hour is $0.96" as plain money.
_NAMED_BEFORE = ("person", "location", "container")
_EN_BEFORE = re.compile(
    r"\bper\s(?:"
    + "|".join(f"(?P<{k}>{PER_WHAT[k]['en']})" for k in _NAMED_BEFORE)
    + r")\s(?:(?:was|is|were|are|stood|came|rose|fell|climbed|reached|averaged|of|at|to|about|around|roughly|"
    r"nearly)\s){1,3}\Z",
    re.IGNORECASE,
)


def rate_named_before(text: str, start: int, unit: str) -> str | None:
    """English: the rate unit when its per-what is named just before the amount ("per student was $12,970")."""
    if unit not in AMOUNTS or unit in ("count", "person", "duration_second"):
        return None
    m = _EN_BEFORE.search(text, max(0, start - 60), start)
    if m is None:
        return None
    what = next(k for k, v in m.groupdict().items() if v)
    return None if (unit, what) in _PHYSICAL_RATE or what == unit else f"{unit}_per_{what}"
