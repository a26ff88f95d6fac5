"""The extractor's vocabulary, per language: numeral patterns, units and counters, qualifiers,
range connectors, fractions, dates and the things that look like numbers but are not claims.

Rules here are general (a counter, a currency sign, a qualifier word), never a fix for one sentence.
"""

from __future__ import annotations

import re

from ..text.regex_guard import guarded
from .currency_tables import COMMON_CODES, SIGN_CODES
from .people_words import ORGANISATIONS, PERSON_DE, PERSON_EN
from .units import vocabulary

# the corpus's units first (stable names), then the vocabulary of claims.units (ISO currencies, pint base units)
UNITS = vocabulary()
QUALIFIERS = ("approx", "at_least", "at_most", "almost", "negated", "")
# Units that name a point in time or a release rather than an amount: never summed, ranged or compared as sizes.
CALENDAR_UNITS = ("year", "version")
NUMERIC_UNITS = tuple(u for u in UNITS if u not in CALENDAR_UNITS)


DIGIT = r"[0-9０-９]"
_KANJI_NUM = "〇零一二三四五六七八九十百千万億兆"

# Japanese numeral: digits (with 1,000 grouping and decimals) and kanji numerals with 万/億/兆
# (1,000 and 1、000 and 1 000 grouping; 3.5 and kanji 九・二三 decimals)
_KANJI_DIGIT = "〇零一二三四五六七八九"
JA_CORE = re.compile(
    rf"(?:{DIGIT}|[{_KANJI_NUM}]|(?<={DIGIT})[,，、 ](?={DIGIT}{{3}}(?!{DIGIT}))|(?<={DIGIT})[.．](?={DIGIT})"
    rf"|(?<=[{_KANJI_DIGIT}十百千万])・(?=[{_KANJI_DIGIT}]))+"
)
JA_VAGUE = re.compile(r"(?:数|何|幾)(?:十|百|千)?(?:[万億兆])?")
# what may follow a vague Japanese numeral for it to be a quantity at all (数多く, 何か are not)
JA_VAGUE_FOLLOW = re.compile(
    r"(?:年|ヶ月|か月|カ月|ヵ月|ケ月|週間|日|時間|人|名|個|台|社|ドル|円|トークン|パーセント|という|の|、|万|億|兆)"
)
HAS_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# A Latin-script numeral: an optional minus (not after a word, number or percent sign: GPT-4, 10-15 and
# 48.7%-50.2% have none),
# space-grouped thousands (1 234 567, 40 000; not "47 787s", "12 787-9s": a count of a model), digits with
# separators, a leading-dot decimal (.08) and an
# exponent (1.5e9, 2^5). Letters right before the digits are judged later (H100 is a name, USD1,700 money).
LATIN_NUM = re.compile(
    r"(?<![0-9])(?<![0-9][.,])(?:(?<![\w)\]\-.,%])-)?"
    r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}(?!s\b|-\d))+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)*|\.\d+)"
    r"(?:[eE][+-]?\d{1,3}(?![\w])|\^[+-]?\d{1,3}(?:\.\d+)?)?"
)
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")

NUMWORD_HINT = {
    "de": re.compile(
        r"^(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|"
        r"fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|eins|ein)",
        re.I,
    ),
    "en": re.compile(
        r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
        r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
        r"eighty|ninety|hundred|thousand)",
        re.I,
    ),
}

# a model generation named by its number: Llama 3.1, llama 3 (ASR captions), GPT-4, gpt 3; GPT-4o is a name
VERSION = re.compile(
    r"(?:(?<![A-Za-z])(?:Llama|LLaMA|LLAMA|Lama|llama)|ラマ|(?<![A-Za-z])(?:GPT|gpt|Claude|claude|Gemini|gemini|Grok|grok)"
    r"(?=[\s\-]?\d+(?:\.\d+)?(?!\w)))"
    r"[\s\-]?(\d+(?:\.\d+)?)"
)
TIMESTAMP = re.compile(r"(?<![0-9])\d{1,2}:\d{2}(?::\d{2})?(?![0-9])")
# "マイナス1から0", "von -1 bis 0": a phase name, not a quantity
NAMED_RANGE = re.compile(
    r"(?:マイナス|minus\s|(?<![\w\d])[-−])\d+\s?(?:から|bis|to|〜|～)\s?\d+"
    # "1からnへ", "from 1 to n": a growth phase named after a variable, not a range
    r"|(?<![\d.,])\d+\s?(?:から|to|bis|zu)\s?[nNxX](?![A-Za-z0-9])"
)
URL = re.compile(r"https?://\S+|www\.\S+")
# "1.", "21/20.", "3)" opening a line and followed by the item (or nothing): a list marker, not a count
LIST_MARKER = re.compile(r"(?m)^[ \t]*\d{1,2}(?:/\d{1,2})?[.)](?=[ \t]*$|[ \t]+[A-Z\"“‘'(£$€])")
# Names and labels that contain a number (issue 26), one lexicon for en/de/ja. A number right after one of these
# nouns names an item ("day two", "web 3", "Suite 4", "Spieltag 12", "Gleis 9"), as does an index or product
# family written before it ("FTSE 100", "Fortune 500", "DAX 40", "日経225") and a street word after it
# ("22-24 Mill Lane"). Capitalized names before a bare number are read as names by a general rule
# (filters._is_name_number); the lists hold what that rule cannot see: lower-case nouns, German (where every
# noun is capitalized) and Japanese.
LABEL_NOUN_BEFORE = re.compile(
    r"(?i)\b(?:episode|chapter|page|section|season|part|number|no\.|nos\.|item|room|figure|fig\.|table|day|round|"
    r"game|match|matchday|stage|lap|level|phase|step|gate|platform|route|flight|suite|unit|apartment|apt\.|flat|"
    r"building|block|exit|junction|highway|interstate|jersey|shirt|web|generation|gen|series|mark|mk|type|class|"
    r"grade|tier|hole|track|verse|article|clause|rule|bus|line|channel|radio|vol\.?|volume|issue|pp?\.?|"
    # a lane, a terminal, a category, a rocket or mission and a phone line named by their number: "lane 4",
    # "Terminal 5", "a category 5 hurricane", "falcon nine", "artemis two", "apollo eleven", "galaxy note nine"
    r"lane|terminal|pier|berth|seat|bay|category|proposition|amendment|mission|falcon|artemis|apollo|soyuz|note|"
    # "week three of training", "the best of year three": a week or year named by its number (not "a week 20
    # people", "this week 3,000 GPUs", "last year 500")
    r"(?<!\ba\s)(?<!per\s)(?<!each\s)(?<!this\s)(?<!last\s)(?<!next\s)(?<!every\s)(?<!that\s)(?:week|year)|"
    # "hit the wall around mile 20", "bei Kilometer 30": a point on a course named by its distance
    r"(?<!\ba\s)(?<!per\s)(?<!each\s)(?<!every\s)(?:mile|kilomet(?:re|er)|meile)|"
    # a business named by a number ("betting group 888 also rose"): a bare number right after the word is its name
    r"group|company|firm|chain|retailer|bookmaker|lender|insurer|brand|operator|carrier|broker|miner|"
    r"unternehmen|konzern|firma|marke|"
    r"folge|kapitel|seite|abschnitt|nummer|nr\.|teil|staffel|abbildung|abb\.|tabelle|tag|runde|spiel|spieltag|"
    r"etappe|stufe|schritt|gleis|linie|flug|zimmer|raum|trikot|klasse|typ|gruppe|artikel|paragraf|absatz|"
    # a product line named by a letter or "model" and its number, as captions write "BMW i3", "Tesla Model 3",
    # "Audi Q7": "the bmw i three", "a model three", "das modell drei"
    r"model|modell|(?<=[a-z]\s)(?-i:[b-hj-np-z]|i))"
    r"\s?#?\s?$|#$"
)
# (any case: captions write "ftse 100", "iphone 15", "windows 11")
INDEX_NAME_BEFORE = re.compile(
    r"(?:\b(?i:ftse|dow(?: jones)?|dax|mdax|sdax|tecdax|fortune|s&p|nikkei|russell|stoxx|cac|ibex|aex|kospi|sensex|"
    r"nifty|hang seng|nasdaq|iphone|ipad|windows|android|ios|macos|galaxy|pixel|xbox|playstation|snapdragon|gpt|web)"
    r"|\b(?:Global|Inc\.|SMI|ATX|(?<![.!?]\s)(?<!^)Group\sof)|日経(?:平均)?|ダウ|ニッケイ)[\s-]?$"
)
STREET_AFTER = re.compile(
    r"\s(?:[A-Z][a-z]+\s)?(?:Lane|Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Way|Drive|Dr\.?|Court|"
    r"Place|Square|Boulevard|Blvd\.?|Close|Crescent|Terrace|Row|Gardens|Hill|Park)\b"
)
STREET_BEFORE = re.compile(r"(?i)(?:straße|strasse|str\.|weg|platz|allee|gasse|damm|ufer)\s$")
JA_LABEL_AFTER = re.compile(r"(?:丁目|番地|号(?!令))")
# "(2-1)", "won 3-1", "Seoul edged Gwangju 2-1", "3対1で勝利": a score in a sentence about a match, not a range
SCORE = re.compile(
    r"(?<![A-Za-z0-9_.,$£€¥/:-])\d{1,2}\s?[-–:対]\s?\d{1,2}(?![A-Za-z0-9_%/:]|[.,]\d|\s?(?:%|percent|per\b|Prozent|[a-z]+s\b))"
)
SPORT_CONTEXT = re.compile(
    r"(?i)\b(?:won|wins?|winning|beat|beats|beaten|edged?|edges|drew|draw|draws|defeat\w*|victory|victories|lost|los(?:e|es|ing)|"
    r"lead|led|leads|score\w*|goals?|match|matches|game|fixture|final|half-time|full-time|thrash\w*|routed|"
    r"gewann|gewinnt|siegte|verlor|Sieg|Niederlage|unentschieden|Tore?|Spiel|Partie)\b|勝|敗|引き分け|得点"
)
# "Cantlay at -20", "Justin Thomas (-15)": a golfer's score to par, in a sentence about a round (German "bei -12")
TO_PAR = re.compile(
    r"(?<![\w.,$£€¥/:-])[-−+]\d{1,2}(?!\d|[.,]\d|\s?(?:%|percent|Prozent|°|degrees?\b|Grad\b|[a-z]+s\b))"
)
GOLF_CONTEXT = re.compile(
    r"(?i)\b(?:par|holes?|birdies?|bogeys?|eagles?|rounds?|shots?|strokes?|golf\w*|PGA|LPGA|Loch|Löcher[n]?|"
    r"Runden?|Schlag|Schläge[n]?)\b"
)
# "2019-20", "2000/01": a season or a fiscal year named by two consecutive years, no quantity (the pipeline checks
# that the second is the year after the first)
# "2020-2021", "2023/2024" name one too, written in full: with a slash, or where a school, season or fiscal
# word is near ("served 19,203 students in 2020-2021"; "a value arrived only in 1908–1909" stays two years)
SEASON = re.compile(r"(?<![\d.,])((?:18|19|20)\d{2})\s?([-/–])\s?(\d{2}|(?:18|19|20)\d{2})(?!\d|[.,]\d|%)")
SEASON_CONTEXT = re.compile(
    r"(?i)\b(?:students?|pupils?|schools?|enrol+ments?|academic|season|fiscal|financial|budget|tax\syear|term|"
    r"schüler\w*|schul\w*|saison|geschäftsjahr\w*|haushalt\w*|studierende\w*)\b"
)
# "the 4x100m medley relay", "4 x 400m", "4x200-metre": a relay named by its legs, no quantity ("4x4 vehicles" and
# "3 x 3" need the metres)
RELAY = re.compile(r"(?<![\w.,])\d\s?[x×]\s?\d{2,4}\s?(?:m|-?met(?:re|er)s?)(?![A-Za-z])")
# "Rating: 5/10", "scored 8/10": a score out of ten closing its clause is a rating, not a share
RATING = re.compile(r"(?<![\d/.,\-])\d{1,2}(?:\.\d)?\s?/\s?10(?![\d/]|[.,]\d)(?=\s*(?:[.,;:!?)\]]|$|\n))")

ISO_DATE = re.compile(r"(?<![0-9])((?:18|19|20)\d{2})[-/](\d{1,2})[-/](\d{1,2})(?![0-9])")
JA_DATE = re.compile(r"((?:18|19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_MONTHS_DE = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
DE_DATE = re.compile(rf"(\d{{1,2}})\.\s?(?:{_MONTHS_DE})(?:\s((?:18|19|20)\d{{2}}))?")
# Jan. 30, Sept 5: a month may be abbreviated, with or without its full stop
_MONTH_EN = r"(?:(?:" + _MONTHS_EN + r")|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?![a-z])"
EN_DATE = re.compile(rf"{_MONTH_EN}\s(\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s((?:18|19|20)\d{{2}})(?!\d))?")
# 30 June, 15th of November 2019: the day first
EN_DAY_MONTH = re.compile(
    rf"(?<![\d.,])(\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH_EN}(?:,?\s((?:18|19|20)\d{{2}})(?!\d))?"
)
# "4–5 August 2025", "the 4th to the 6th of May", "4.–5. August": the first day of a range of days is a date too
DAY_RANGE_START = re.compile(
    rf"(?<![\d.,])\d{{1,2}}(?:st|nd|rd|th|\.)?\s?(?:[–-]|to|and|bis|und)\s?(?:the\s)?"
    rf"(?=\d{{1,2}}(?:st|nd|rd|th|\.)?\s(?:of\s)?(?:{_MONTH_EN}|(?:{_MONTHS_DE})\b))"
)
# a model named by its number and a model word: "737 Max", "Pixel 8 Pro", "A320neo" (glued: a product number already)
MODEL_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,4}(?=[\s-](?:Max|MAX|Pro|Plus|Ultra|Mini|Neo|neo|Dreamliner|Turbo|Edition)\b)"
)
# "Oct. 8-12", "March 3rd-5th": days of a month, a range of dates
MONTH_DAY_RANGE = re.compile(
    rf"\b{_MONTH_EN}\s\d{{1,2}}(?:st|nd|rd|th)?\s?[–-]\s?\d{{1,2}}(?:st|nd|rd|th)?(?![\d%]|[.,]\d|\s?(?:per|percent)\b)"
)
# "the biggest one-day fall", "a one day record": the length of the session that moved, no amount of days
ONE_DAY_MOVE = re.compile(
    r"(?i)\b(?:one|single)[\s-]day\s(?=(?:percentage\s|points?\s)?(?:fall|drop|gain|rise|loss|decline|move|jump"
    r"|rally|sell-?off|slump|surge|plunge|increase|decrease|record|high|low)s?\b)"
)
# an asteroid's or comet's provisional designation: the year and a code ("2013 YP139", "2007 PA8", "C/2020 F3")
# and a star's or planet's catalogue name: a Flamsteed number, its constellation and a planet's letter ("51 Eri b",
# "51 Pegasi b")
DESIGNATION = re.compile(
    r"(?<![\w.,])(?:[CP]/)?(?:1[89]|20)\d{2}\s[A-Z]{1,2}\d{1,4}(?![\w])|(?<![\w.,])\d{1,3}\s[A-Z][a-z]{2,}\s[b-h](?!\w)"
)
# 11/28/2018, 28.11.2018, 1/29/20: a numeric date, whose year is the quantity (two digits: the closest century;
# dotted only with four, so a version 1.2.10 stays apart)
NUMERIC_DATE = re.compile(
    r"(?<![\d/.,])\d{1,2}(?:/\d{1,2}/((?:18|19|20)\d{2}|\d{2})|\.\d{1,2}\.((?:18|19|20)\d{2}))"
    r"(?![\d/]|[.,]\d)"
)
# FY26, FY 2015, FY'24: a fiscal year, named by its calendar year
FISCAL_YEAR = re.compile(r"\bFY\s?['’]?((?:19|20)\d{2}|\d{2})(?![\d/.-]\d|\w)")
# the 2030s, die 1990er (Jahre): a decade, its ten years
DECADE = {
    "en": re.compile(r"(?<![\d'’.,])((?:1[5-9]|20)\d0)['’]?s\b"),
    "de": re.compile(r"(?<![\d.,])((?:1[5-9]|20)\d0)er\b(?:[\s-]Jahren?\b)?"),
}
# a month and a year ("mid-September 2014", "im März 2021"): a point in time, the year
MONTH_YEAR = re.compile(rf"(?:(?:mid|early|late)-?\s?)?(?:{_MONTHS_EN}|{_MONTHS_DE})\s((?:18|19|20)\d{{2}})(?!\d)")
# The start of a month's name as every pattern above writes it (cased): a sentence without one holds no match of
# DE_DATE, EN_DATE, EN_DAY_MONTH, MONTH_YEAR, DAY_RANGE_START or MONTH_DAY_RANGE, and they are not run on it (a
# literal alternation is searched at C speed; those patterns try their look-behinds at every position)
MONTH_NAMED = re.compile("Jan|Feb|Mar|Mär|Apr|May|Mai|Jun|Jul|Aug|Sep|Oct|Okt|Nov|Dec|Dez")
NEED_MONTH = frozenset({DE_DATE, EN_DATE, EN_DAY_MONTH, MONTH_YEAR, DAY_RANGE_START, MONTH_DAY_RANGE})
# '25, ’98: a two-digit year
SHORT_YEAR = re.compile(r"(?<![\w'’])['’](\d{2})(?![\w'’])")
# 5月4日, 8月4〜5日: a day (or days) of a month in Japanese, not four days
JA_MONTH_DAY = re.compile(r"(?<![0-9])(\d{1,2})月(\d{1,2})(?:[〜~～–-]\d{1,2})?日")  # 8月4〜5日: days too

# (pattern right after the number, unit, multiplier). Order matters: longest first.
_Unit = tuple[re.Pattern[str], str, float]


def _u(p: str, unit: str, mult: float = 1.0) -> _Unit:
    return (re.compile(p), unit, mult)


_SHARED_UNITS: list[_Unit] = [
    # video: "4K at 60fps", "2160p@60fps", "mit 120 fps", "60フレーム/秒"
    _u(r"\s?(?:fps\b|FPS\b|frames?\sper\ssecond\b|フレーム/秒|フレーム毎秒)", "frame_per_second"),
    _u(r"\s?(?:GW(?![A-Za-z])|ギガワット(?!時))", "watt", 1e9),
    _u(r"\s?(?:MW(?![A-Za-z])|メガワット(?!時))", "watt", 1e6),
    _u(r"\s?(?:kW(?![A-Za-z])|キロワット(?!時))", "watt", 1e3),
    _u(r"\s?(?:%|％|パーセント)", "percent"),
    _u(r"(?:x|×)(?![A-Za-z0-9])", "multiple"),
    # compound units written as one symbol: battery charge, tyre pressure, concentrations, fuel economy
    _u(r"\s?mAh(?![A-Za-z])", "coulomb", 3.6),
    _u(r"\s?psi(?![A-Za-z])", "pascal", 6894.757293168361),
    _u(r"\s?mm\s?Hg(?![A-Za-z])", "pascal", 133.322387415),  # blood pressure: millimetres of mercury
    _u(r"\s?(?:bpd|b/d)(?![A-Za-z/])", "cubic_meter_per_day", 0.158987294928),  # oil: barrels per day
    _u(r"\s?(?:ppm|parts\sper\smillion)(?![A-Za-z])", "percent", 1e-4),
    _u(r"\s?ppb(?![A-Za-z])", "percent", 1e-7),
    _u(r"\s?(?:mpg|miles per gallon)(?![A-Za-z])", "meter_per_gallon", 1609.344),
    _u(r"\s?km/s(?![A-Za-z])", "meter_per_second", 1e3),  # orbital speeds: "7.8 km/s"
    # electric range per energy: "3.7 mi/kWh" (spelled "miles per kWh" is the rate rule's)
    _u(r"\s?mi/kWh(?![A-Za-z])", "meter_per_kilowatt_hour", 1609.344),
    # a chip's throughput: "40 TOPS" (trillion operations per second)
    _u(r"\s?TOPS(?![A-Za-z])", "count_per_second", 1e12),
]
_JA_UNITS: list[_Unit] = _SHARED_UNITS + [
    _u(r"\s?(?:米ドル|ドル)", "usd"),
    _u(r"\s?トークン", "token"),
    _u(r"\s?(?:FLOPs?|フロップス?)(?![A-Za-z])", "flop"),
    _u(r"\s?(?:パラメータ|パラメーター)", "parameter"),
    _u(r"B(?![A-Za-z])", "parameter", 1e9),
    _u(r"(?:歳|才)", "age"),
    _u(r"年代", "year"),
    _u(r"年間", "duration_year"),
    _u(r"年", "_year"),
    _u(r"(?:ヶ|ケ|か|カ|ヵ|ヶ)月(?:間)?", "duration_month"),
    _u(r"週間", "duration_week"),
    _u(r"日間", "duration_day"),
    _u(r"日(?![本曜])", "duration_day"),
    _u(r"(?:人|名)", "person"),
    _u(r"(?:個|台)", "_piece"),
    _u(r"月(?!間)", "_month_name"),
    _u(r"倍", "multiple"),
    _u(r"ダース", "count", 12.0),
    _u(r"[kK](?![A-Za-z])", "count", 1e3),
    _u(r"\s?割(?![り合])", "percent", 10.0),
    _u(r"(?:月|位|点)", "other"),
    _u(r"(?:つ|回|件|社|匹|本|枚|冊|か国|カ国|ヶ国|種類|チーム)", "count"),
]
_GPU_WORDS = (
    r"GPUs?|gpus?|TPUs?|tpus?|(?:[HhAaBb]|GB|gb)(?:[1-9]00|20)s?|H100-Äquivalente|Grafikkarten|Chips|chips|accelerators"
)
# a memory size said before the GPU word is the GPU's own unit, not a kind of GPU ("an 80GB GPU", "eighty gigabyte gpu")
_NOT_BYTES = r"(?!(?:[KMGT]B|[kmgt]b|(?:kilo|mega|giga|tera)bytes?|gigs?)\s)"
_DE_UNITS: list[_Unit] = _SHARED_UNITS + [
    _u(r"\s?(?:von\s)?(?:US-Dollar|Dollar|USD|\$)", "usd"),
    _u(r"\s?Prozent(?!punkt)", "percent"),
    _u(r"\s?Token[s]?", "token"),
    _u(r"\s?Parameter[n]?", "parameter"),
    _u(r"\s?FLOPs?(?![A-Za-z])", "flop"),  # Rechenoperationen, as written in German AI talk too
    _u(r"-?(?:[Ff]ache[ns]?|[Ff]ach)\b", "multiple"),  # "das 25-Fache", "eine 3-fach höhere Leistung"
    _u(r"B(?![A-Za-z])", "parameter", 1e9),
    _u(r"\s?Megawatt", "watt", 1e6),
    _u(r"\s?Gigawatt", "watt", 1e9),
    _u(r"\s?Jahre alt", "age"),
    _u(r"\s?Jahrzehnt(?:e|en)?\b", "duration_year", 10.0),
    # "ein 12-jähriger Junge", "eine 12-Jährige", "die 12-jährige wurde": an age; "die 12-jährige Geschichte" a span
    _u(r"-Jährige[nrms]?\b", "age"),
    _u(
        r"-jährige[nrms]?\b(?=\s(?:Junge|Mädchen|Mann|Frau|Kind|Sohn|Tochter|Mutter|Vater|Schüler\w*|Fahrer\w*|"
        r"Spieler\w*|Patient\w*|Täter\w*|Opfer|Rentner\w*|Deutsche[rn]?)\b|\s[a-zäöü]|[^\sA-Za-zÄÖÜäöü]|$)",
        "age",
    ),
    _u(r"-jährige[nrms]?\b", "duration_year"),
    _u(r"-Jahres\b", "duration_year"),
    _u(r"\s?Jahr(?:e|en|es)?\b", "_year"),
    _u(r"\s?Monat(?:e|en|s)?\b", "duration_month"),
    _u(r"\s?Woche[n]?\b", "duration_week"),
    _u(r"\s?Tag(?:e|en)?\b", "duration_day"),
    _u(r"\s?Mal\b", "count"),  # "drei Mal": occurrences, counted (as 回 and "times")
    _u(rf"\s?(?:(?!(?:von|und|oder|bis|für|pro|je|mit|bei|unter)\b)[a-zäöüß]+\s)?(?:{PERSON_DE})\b", "person"),
    _u(rf"(?:\s|-)?(?:{_NOT_BYTES}[A-Z][\w-]{{0,40}}\s)?(?:{_GPU_WORDS})\b", "gpu"),
]
FLOP_PREFIXES = {"giga": 1e9, "tera": 1e12, "peta": 1e15, "exa": 1e18}
PREFIXED_FLOP = "_prefixed_flop"


def flop_reading(surface: str) -> tuple[str, float]:
    """The unit and factor of a prefixed compute word: "teraflops" (per second), "petaflop days" (a day's worth)."""
    word = surface.strip().lower()
    mult = next(m for p, m in FLOP_PREFIXES.items() if word.startswith(p))
    return ("flop", mult * 86400) if "day" in word else ("flop_per_second", mult)


EN_UNITS: list[_Unit] = _SHARED_UNITS + [
    _u(r"\s?(?:of\s)?(?:dollars|dollar|USD)\b", "usd"),
    _u(r"\s?grand\b(?!\s(?:total|jury|prix|slam|piano|tour|opening|final|central|canyon|master))", "usd", 1e3),
    _u(r"\s?percent\b", "percent"),
    _u(r"\s?(?:of\s)?(?:(?!of\b|and\b|or\b|to\b|the\b)[a-z]+\s)?tokens?\b", "token"),
    _u(r"\s(?:token\s)?context(?:\s(?:window|length))?\b", "token"),  # "an 8K context": its length in tokens
    _u(r"\s?(?:of\s)?(?:billion\s)?parameters?\b", "parameter"),
    # compute in prefixed words as spoken: "126 teraflops" (per second), "3640 petaflop days" (a petaflop/s for a day)
    _u(r"\s?(?i:giga|tera|peta|exa)-?flop(?:s\b|[\s-]?days?\b|\b)", PREFIXED_FLOP),  # read by flop_reading
    _u(r"\s?(?:FLOPS|FLOP/s)(?![A-Za-z])", "flop_per_second"),  # operations per second; FLOPs: operations
    _u(r"\s?FLOPs?(?![A-Za-z])", "flop"),
    _u(r"\s(?:flops|flop)\b", "flop"),  # captions write FLOPs in lower case: total operations, as in speech
    _u(r"\s?(?:MP|[Mm]ega-?pixels?)(?![A-Za-z])", "pixel", 1e6),
    _u(r"\s?gigs\b", "byte", 1e9),  # "16 gigs of memory": gigabytes, as spoken
    _u(r"\s?pixels?\s(?:per|an?)\sinch\b", "pixel_per_inch"),
    _u(r"\s?pixels?\b", "pixel"),
    _u(r"\s?in\.?(?=\))", "meter", 0.0254),  # "(about 0.47 in)": inches, abbreviated, in a bracketed conversion
    # "12g of sugar", "a 100g bar": grams glued to the digits (a lone g is no symbol: 5G, 4g networks are not grams)
    _u(
        r"g(?![A-Za-z0-9])(?!\s(?:networks?|phones?|LTE|signal|coverage|connectivity|speeds?|mobile|wireless|data|spectrum|"
        r"services?|modems?|rollout|technology|handsets?)\b)",
        "kilogram",
        1e-3,
    ),
    _u(r"\s?bcm\b", "cubic_meter", 1e9),  # gas: billion cubic metres
    _u(r"\s?-?ppi\b", "pixel_per_inch"),
    _u(r"-in\.(?!\w)", "meter", 0.0254),  # "a 6.3-in. screen"
    _u(r"B(?![A-Za-z])", "parameter", 1e9),
    _u(r"\s?megawatts?\b", "watt", 1e6),
    _u(r"\s?gigawatts?\b", "watt", 1e9),
    _u(r"(?:\s|-)years?(?:\s|-)old\b", "age"),
    _u(r"\s?decades?\b", "duration_year", 10.0),
    _u(r"(?:\s|-)[Yy]ears?\b(?![\s-](?:on|to|over)[\s-](?:year|date))", "_year"),
    _u(r"(?:\s|-)months?\b", "duration_month"),
    _u(r"(?:\s|-)weeks?\b", "duration_week"),
    _u(r"(?:\s|-)days?\b", "duration_day"),
    # "15 times higher", "1.5 times the size of", "five times that of Jupiter", "70 times revenue": a multiple;
    # "I went three times": occurrences
    _u(
        r"\s?times\b(?=\s(?:the|that|those|as|more|less|over|revenue|sales|earnings|(?!(?:per|after|under|never|ever|other|"
        r"either|whether)\b)[a-z]+er)\b)",
        "multiple",
    ),
    _u(r"\s?times\b", "count"),  # "won nine times", "I went three times": occurrences, counted
    _u(
        # (not across the organisations counted first: "61 companies cut staff hours")
        rf"[\s-]?(?:of\s)?(?:(?!(?:of|and|or|to|in|the|a|than|for|per|from|at|by|with|on|among|{ORGANISATIONS})\b)"
        rf"[a-z]+\s){{0,2}}"
        rf"(?:[A-Z][a-z]+\s(?=[a-z]))?"
        rf"(?:{PERSON_EN})\b",
        "person",
    ),
    _u(r"\s?(?:[A-Z][\w-]{0,40}\s|[a-z]{3,20}(?:ed|al)\s)?(?:GPU|gpu|H100|h100|A100)[\s-]hours?\b", "gpu_hour"),
    _u(rf"(?:\s|-)?(?:{_NOT_BYTES}(?:[A-Z][\w-]{{0,40}}\s|[a-z]{{3,20}}\s(?=gpus?\b)))?(?:{_GPU_WORDS})\b", "gpu"),
]
UNITS_BY_LANG = {"ja": _JA_UNITS, "de": _DE_UNITS, "en": EN_UNITS}

# ISO codes in capitals, for a scale letter or abbreviation that only counts as one before a currency
_CODES_AFTER = "|".join(code.upper() for code in (*COMMON_CODES, *SIGN_CODES))
SCALE_AFTER = {
    "de": re.compile(
        r"\s?(Milliarden|Milliarde|Millionen|Million|Mrd\.?|Mio\.?|Mill\.|Billionen|Billion|Tausend|Tsd\.?)"
        r"(?![A-Za-zäöü])"
    ),
    # "9.14 B CHF", "$3 B", "21.43 bill.CHF", "4.2 mill. EUR": a capital B or a cut-off word of scale before money
    "en": re.compile(
        r"\s?((?i:trillion|billion|million|thousand)|bn|mn|bln|mln|tln|tn|trn)\b|\s?(k|K|M)(?![A-Za-z0-9])|(T|b)(?![A-Za-z0-9])"
        rf"|\s?(B|bill\.|mill\.)(?=\s?(?:\$|dollars\b|(?:{_CODES_AFTER})\b))"
    ),
}
# Japanese nouns after の/という that say what is counted
JA_PERSON_NOUN = re.compile(
    r"(?:の|という|もの)?(?:人々|人|ユーザー|クリエーター|クリエイター|友人|従業員|研究者|エンジニア|社員|メンバー|ファン)"
)
JA_GPU_CONTEXT = re.compile(r"GPU|ＧＰＵ|H100|A100|半導体|チップ")
LATIN_GPU_CONTEXT = re.compile(r"GPU|gpus?\b|H100|A100|h100|chips?\b|Chips\b|Grafikkarten")

# Words before a number that bound or soften it. Negated comparisons come first ("no more than" is at most).
_OR_EQUAL = r"(?:\s(?:than\s)?or\sequal\s(?:to|than))?"
PREFIX_QUAL = {
    "ja": [
        (re.compile(r"(?:約|およそ|大体|だいたい|おおよそ)$"), "approx"),
        (re.compile(r"(?:ほぼ)$"), "almost"),
        (re.compile(r"(?:最大|最高|多くて|多くても)$"), "at_most"),
        (re.compile(r"(?:少なくとも|最低)$"), "at_least"),
    ],
    "de": [
        (re.compile(r"(?:etwa|ungefähr|rund|circa|ca\.|zirka|gut)\s$", re.I), "approx"),
        (re.compile(r"(?:fast|beinahe|knapp|nahezu|annähernd)\s$", re.I), "almost"),
        (
            re.compile(
                r"(?<![A-Za-zäöüß])(?:nicht mehr als|nicht über|höchstens|maximal|bis zu|weniger als|kleiner "
                r"als|niedriger als|"
                r"unter|unterhalb von)\s$",
                re.I,
            ),
            "at_most",
        ),
        (
            re.compile(
                r"(?<![A-Za-zäöüß])(?:nicht weniger als|mehr als|über|mindestens|wenigstens|größer als|höher als|"
                r"oberhalb von)\s$",
                re.I,
            ),
            "at_least",
        ),
        (re.compile(r"(?:keine[nrms]?|kein|nicht)\s$", re.I), "negated"),
    ],
    "en": [
        (re.compile(r"(?:about|around|approximately|roughly|some|circa|~)\s?$", re.I), "approx"),
        (re.compile(r"(?:almost|nearly|close to)\s$", re.I), "almost"),
        (re.compile(r"(?<![A-Za-z])(?:no|not)\s(?:more|greater|higher|larger|bigger)\sthan\s?$", re.I), "at_most"),
        (re.compile(r"(?<![A-Za-z])(?:no|not)\s(?:less|fewer|smaller|lower)\sthan\s?$", re.I), "at_least"),
        (
            re.compile(
                rf"(?<![A-Za-z])(?:(?:no|not)\s(?:more|greater|higher|larger|bigger)\sthan|(?:less|fewer|smaller|lower)(?:\sthan)?"
                rf"{_OR_EQUAL}|less than|fewer than|smaller than|lower than|up to|at most|under|below|south of|"
                rf"a maximum of|<=?|≤)\s?$",
                re.I,
            ),
            "at_most",
        ),
        (
            re.compile(
                rf"(?<![A-Za-z])(?:(?:no|not)\s(?:less|fewer|smaller|lower)\sthan|(?:more|greater|higher|larger|bigger)"
                rf"(?:\sthan)?{_OR_EQUAL}|more than|greater than|higher than|larger than|bigger than|over|"
                rf"above|at least|upwards of|north of|in excess of|exceeding|a minimum of|>=?|≥)\s?$",
                re.I,
            ),
            "at_least",
        ),
        (re.compile(r"(?<![A-Za-z])(?:not|no)\s$", re.I), "negated"),
    ],
}
# Words after a number: Japanese counters' companions, and "or more" / "oder weniger" in German and English
JA_SUFFIX_QUAL = [
    (re.compile(r"(?:ほど|くらい|ぐらい|程度|前後|頃|ごろ|余り|あまり)"), "approx"),
    (
        re.compile(
            r"(?:以上|超|強|より(?:大きいか等しい|多いか等しい|大きい|大きく|多い|多く|上)|を(?:超える|超え|上回る|上回り))"
        ),
        "at_least",
    ),
    (
        re.compile(
            r"(?:以下|以内|未満|足らず|より(?:小さいか等しい|少ないか等しい|小さい|小さく|少ない|少なく|下)|を下回る|"
            r"に満たない)"
        ),
        "at_most",
    ),
    (re.compile(r"(?:近く|弱)"), "almost"),
]
LATIN_SUFFIX_QUAL = {
    "en": [
        (
            re.compile(r"\s(?:or|and)\s(?:more|higher|above|greater|over|up)\b(?!\s+than)|\+(?![\w])|\splus\b", re.I),
            "at_least",
        ),
        (re.compile(r"\s(?:or|and)\s(?:less|fewer|lower|below|under)\b(?!\s+than)", re.I), "at_most"),
    ],
    "de": [
        (re.compile(r"\s(?:oder|und)\s(?:mehr|darüber|höher)\b|\+(?![\w])", re.I), "at_least"),
        (re.compile(r"\s(?:oder|und)\s(?:weniger|darunter|niedriger)\b", re.I), "at_most"),
    ],
}
RANGE_CONNECTOR = {
    "ja": re.compile(r"\s?(?:から|〜|～|~|－|-|–|、|か|ないし)\s?"),
    "de": re.compile(r"\s?(?:bis|-|–|oder|und)\s?|-\s(?:bis|oder|und)\s"),
    "en": re.compile(r"\s?(?:to|through|thru|-|–|~|or|and)\s?|-\s(?:to|or|and)\s"),
}  # the last: a first number whose unit is left hanging on its hyphen ("a 15- to 20-year asset", "10- bis 15-mal")
# "the first half", "first-half results", "half-year profit", "the other half of the story": a period or an idiom;
# "the eastern half of the state" (die östliche Hälfte, 東半分): a region
_NOT_A_HALF_BEFORE = (
    r"and a ",
    r"[Ff]irst ",
    r"[Ff]irst-",
    r"[Ss]econd ",
    r"[Ss]econd-",
    r"1st ",
    r"2nd ",
    r"1st-",
    r"2nd-",
    r"[Oo]ther ",
    r"[Bb]ack ",
    r"[Ff]ront ",
    r"[Ll]atter ",
    r"[Ff]ormer ",
    # a region named by its side: "the eastern half of the state", "the northern half of the county"
    r"[Ee]astern ",
    r"[Ww]estern ",
    r"[Nn]orthern ",
    r"[Ss]outhern ",
    r"[Uu]pper ",
    r"[Ll]ower ",
)
# The word first, then what may not stand before it, looked back at from its end: a pattern that opens with
# a literal is searched for that literal at C speed; one that opens with fourteen look-behinds tries them all
# at every position of every sentence (50 times slower).
_HALF_WORD = r"half(?<!\whalf)" + "".join(rf"(?<!{before}half)" for before in _NOT_A_HALF_BEFORE)
FRACTIONS = {
    "ja": [(re.compile(r"(?<!上)(?<!下)(?<!前)(?<!後)(?<!東)(?<!西)(?<!南)(?<!北)半分"), 50.0)],
    "de": [
        (
            re.compile(
                r"(?<!ersten )(?<!zweiten )(?<!anderen )(?<!andere )(?<!lichen )(?<!liche )(?<!oberen )(?<!unteren )"
                r"\bHälfte\b"
            ),
            50.0,
        ),
        (re.compile(r"\bDrittel\b"), 100 / 3),
    ],
    "en": [
        (
            re.compile(
                _HALF_WORD + r"\b(?![\s-](?:an?\s)?(?:hour|day|year|month|week|of the time|time|"
                r"term|season|century|decade|per\scent|percent|of\sthe\s(?:story|picture|equation|battle|coin))s?\b)"
            ),
            50.0,
        )
    ],
}


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
LATIN_NUM = guarded(LATIN_NUM)
JA_CORE = guarded(JA_CORE)
VERSION = guarded(VERSION)
NAMED_RANGE = guarded(NAMED_RANGE)
INDEX_NAME_BEFORE = guarded(INDEX_NAME_BEFORE)
SPORT_CONTEXT = guarded(SPORT_CONTEXT)
SEASON = guarded(SEASON)
DESIGNATION = guarded(DESIGNATION)
FISCAL_YEAR = guarded(FISCAL_YEAR)
DECADE = {key: guarded(pattern) for key, pattern in DECADE.items()}
LABEL_NOUN_BEFORE = guarded(LABEL_NOUN_BEFORE)
