"""The words periods are said in (English, German, Japanese): one pattern per kind of period expression, and the
words around a figure that give its period to another figure (a comparison's base, a turn to another period).

``periods`` resolves them against the event date and the period a results document reports on."""

from __future__ import annotations

import re

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ein": 1, "einem": 1, "zwei": 2,
              "drei": 3, "vier": 4, "fünf": 5, "sechs": 6}  # fmt: skip
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4,
        "erstes": 1, "zweites": 2, "drittes": 3, "viertes": 4, "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4,
        "1": 1, "2": 2, "3": 3, "4": 4, "１": 1, "２": 2, "３": 3, "４": 4, "一": 1, "二": 2, "三": 3, "四": 4,
        "上": 1, "下": 2, "front": 1, "back": 2, "final": 4, "schlussquartal": 4}  # fmt: skip
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTHS.update(
    {
        m: i + 1
        for i, m in enumerate(
            [
                "januar",
                "februar",
                "märz",
                "april",
                "mai",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "dezember",
            ]
        )
    }
)
_Y = r"((?:19|20)\d{2})"
_ORDINAL_QUARTERS = (
    r"first|second|third|fourth|"
    r"ersten|zweiten|dritten|vierten|erstes|zweites|drittes|viertes|erste|zweite|dritte|vierte"
)
_QWORD = rf"({_ORDINAL_QUARTERS})"
_Q = rf"(?P<q>[1-4１-４一二三四]|{_ORDINAL_QUARTERS})"
_H = r"(?P<h>[12]|first|second|front|back|ersten|zweiten|erstes|zweites|erste|zweite|上|下)"
_FY2 = r"(?P<fy>FY\s?'?|fiscal\s+(?:year\s+)?)(?P<y>(?:19|20)?\d{2})\b"  # a fiscal year, also as two digits (FY25)
_YN = r"(?P<y>(?:19|20)\d{2})"

# a target or a level at a year's end: "by the end of 2025", "closed 2024 at", "Ende 2025", "2025年末"
_TARGET_YEAR = re.compile(
    rf"(?:end of|by the end of|by end of|year-end|Ende|bis Ende|Jahresende)\s+{_Y}|{_Y}\s*年末|"
    rf"\b(?:closed|ended|finished|exited)\s+{_Y}\b",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"by the end of (?:the|this) year|end (?:of )?(?:the|this) year|by year[- ]end|"
    r"exit(?:ing)? (?:the|this) (?:fiscal )?year|(?:the|our|an?) exit rate|"
    r"\b(?:closed|ended|finished) the (?:fiscal )?year|\bam Jahresende|"
    r"Ende (?:des|dieses) Jahres|bis Jahresende|zum Jahresende|今年末|年末(?:まで|に|時点)",
    re.IGNORECASE,
)
# A quarter or half with its year, every way it is written (Q3 FY25, fourth-quarter of fiscal 2024, 2025年度第3四半期,
# 3. Quartal 2024, H1 2025, first half of 2025, 2025年上半期, erstes Halbjahr 2025): one pattern per form, named groups.
_QUARTER_YEAR = tuple(re.compile(x, re.IGNORECASE) for x in (
    rf"\bQ{_Q}\s*(?:of\s*)?{_FY2}",
    rf"\b(?P<fy>fiscal\s+)?Q{_Q}\s*(?:of\s*)?'?{_YN}\b",
    rf"\b{_Q}[\s-]+(?:fiscal\s+)?quarter\s+(?:of\s+)?{_FY2}",
    # "fiscal fourth quarter 2025", "fourth fiscal quarter 2025" (and "fiscal Q4 2025" above): a fiscal quarter
    rf"\b(?P<fy>fiscal\s+)?{_Q}[\s-]+(?P<fy2>fiscal\s+)?quarter\s+(?:of\s+)?{_YN}\b",
    rf"{_FY2}\s+{_Q}[\s-]+quarter\b",
    rf"\b{_YN}\s+{_Q}[\s-]+quarter\b",
    rf"\b{_YN}\s?Q(?P<q>[1-4])\b",
    rf"{_YN}年(?P<fy>度)?(?:の)?第{_Q}四半期",
    rf"\b(?P<q>[1-4])\.\s*(?:Geschäfts)?[Qq]uartal\s+(?:(?P<fy>des\s+Geschäftsjahres)\s+)?{_YN}",
    rf"\b{_Q}\s+(?:Geschäfts)?[Qq]uartal\w*\s+(?:(?P<fy>des\s+Geschäftsjahres)\s+)?{_YN}",
))  # fmt: skip
_HALF_YEAR = tuple(re.compile(x, re.IGNORECASE) for x in (
    rf"\bH{_H}\s*(?:of\s*)?{_FY2}",
    rf"\bH{_H}\s*(?:of\s*)?'?{_YN}\b",
    rf"\b{_H}[\s-]+half\s+(?:of\s+)?{_FY2}",
    rf"\b{_H}[\s-]+half\s+(?:of\s+)?{_YN}\b",
    rf"{_YN}年(?P<fy>度)?(?:の)?{_H}半?期",
    rf"\b{_H}[ns]?\s+(?:Halbjahr\w*|Jahreshälfte)\s+{_YN}",
))  # fmt: skip
_FISCAL_YEAR = re.compile(
    rf"\bfiscal(?:\s+year)?\s+{_Y}|\bFY\s?'?((?:19|20)?\d{{2}})\b|Geschäftsjahr(?:es)?\s+{_Y}|{_Y}年度|"
    # a Japanese fiscal year named by the month it ends in: 2025年8月期, 2026年3月期
    rf"{_Y}年\d{{1,2}}月期",
    re.IGNORECASE,
)
_QUARTER = re.compile(
    rf"\bQ([1-4])\b|\b{_QWORD}[\s-]+(fiscal\s+)?quarter|\b{_QWORD}\s+(Geschäfts)?[Qq]uartal|"
    r"\b([1-4])\.\s*(Geschäfts)?[Qq]uartal|第([1-4１-４一二三四])四半期|\b(final)[\s-]+quarter\b|(Schlussquartal)",
    re.IGNORECASE,
)
_HALF = re.compile(
    r"\bH([12])\b|\b(first|second|front|back)[\s-]+half\b|\b(ersten|zweiten|erstes|zweites|erste|zweite)\s+"
    r"(?:Halbjahr|Jahreshälfte)|(?<![以])(上|下)半?期",
    re.IGNORECASE,
)
_THIS_QUARTER = re.compile(r"this quarter|current quarter|(?:laufenden?|aktuellen?) Quartal|今四半期", re.IGNORECASE)
# The quarter or year a results document reports on ("Total revenue for the quarter", "for the full year",
# "im Berichtsquartal", "当四半期", "通期"), the one before it and the one after it.
_THE_QUARTER = re.compile(
    r"\b(?:for|in|during|over) the quarter\b|\bthe quarter's\b|\bim (?:abgelaufenen |vergangenen )?Quartal\b|"
    r"\bim Berichtsquartal\b|当四半期",
    re.IGNORECASE,
)
_THE_YEAR = re.compile(
    # not "in the year-ago quarter"
    r"\b(?:for|in|during) the (?:full |whole |entire )?(?:fiscal )?year\b(?!\s+(?:19|20)\d\d|-|\s+ago)|"
    r"\bfull[- ](?:fiscal[- ])?year\b(?!\s+(?:19|20)\d\d)|\bim (?:gesamten |abgelaufenen )?Geschäftsjahr\b"
    r"(?!\s+(?:19|20)\d\d)|\bim Gesamtjahr\b(?!\s+(?:19|20)\d\d)|通期",
    re.IGNORECASE,
)
# the quarter a year before the reported one: "the same quarter last year", "the prior-year quarter", Vorjahresquartal
_YEAR_AGO_QUARTER = re.compile(
    r"\bthe same quarter (?:of )?(?:last year|a year (?:ago|earlier|before)|the (?:prior|previous) year)\b|"
    r"\bthe (?:prior|previous)[- ]year(?:'s)? quarter\b|\bthe year[- ]ago quarter\b|\bVorjahresquartal\w*|前年同期",
    re.IGNORECASE,
)
# words that compare a figure with another, and the words a period is said in
_COMPARING = (
    r"\b(?:than|compared? (?:with|to)|compares with|against|versus)\b|\bvs\b\.?|gegenüber|verglichen mit|"
    r"im Vergleich zu"
)
_PERIOD_WORDS = r"the|same|prior|previous|first|second|third|fourth|fiscal|quarter|half|year|of|Q[1-4]|FY\S*"
# words that make the period after them the base of a comparison ("up 12.9% from the first quarter", "20 basis
# points lower than last year", "gegenüber dem Vorjahr"): it dates the figure compared with, not the change
_BASE_BEFORE = re.compile(
    rf"(?:{_COMPARING}|\bfrom|\bon|\bover|\babove|\bbelow|\brelative to|\bals)\s+(?:(?:in|with|im|zum)\s+)?"
    rf"(?:(?:that of|dem|der|des|{_PERIOD_WORDS}|(?:19|20)\d\d)\s+){{0,4}}$",
    re.IGNORECASE,
)
# words between a figure and a later period that hand the period to another figure ("$313.6 million, compared with
# $249.0 million a year ago")
_COMPARED = re.compile(_COMPARING, re.IGNORECASE)
# a turn to another period: it dates what follows ("... $0.62 Turning to the full year, we anticipate")
_TURNING = re.compile(
    r"\b(?:turning|moving(?: on)?|looking|coming|going|switching) (?:to|at|ahead to) (?:the )?$|"
    r"\b(?:mit Blick auf|kommen wir zum|zum Ausblick auf) (?:das |den |die )?$",
    re.IGNORECASE,
)
# a figure the period right after it dates ("21.1% in Q2 FY25", "14.3% in the second quarter of 2020")
_OWN_FIGURE = re.compile(
    r"(?<![\d.,])\d[\d.,]*\s*(?:%|percent|million|billion|crore|points?|basis points|Prozent|Millionen|Milliarden)?\s+"
    rf"(?:(?:in|for|during|im|a|an|{_PERIOD_WORDS})\s+){{0,5}}$",
    re.IGNORECASE,
)
# a figure said as the base of a comparison ("up from 31% last year", "against 19% growth")
_BASE_FIGURE = re.compile(rf"(?:{_COMPARING}|\bfrom)\s+(?:\S+\s+){{0,4}}$", re.IGNORECASE)
_PREV_QUARTER = re.compile(
    r"\b(?:last|previous|prior|preceding) quarter\b|\ba quarter ago\b|\bVorquartal\w*|"
    r"\b(?:letzten|vorigen|vorherigen) Quartal\b|前四半期",
    re.IGNORECASE,
)
_NEXT_QUARTER = re.compile(
    r"\b(?:next|coming|upcoming) quarter\b|\b(?:nächsten|kommenden) Quartal\b|次の四半期|来四半期", re.IGNORECASE
)
_THIS_FISCAL = re.compile(
    r"(?:this|current) fiscal year|(?:laufenden?|aktuellen?) Geschäftsjahr|今年度|今期", re.IGNORECASE
)
# the fiscal year after and before the current one: "next fiscal year", "im nächsten Geschäftsjahr", 来期, 前期
_OTHER_FISCAL = re.compile(
    r"\b(?:(next|coming) fiscal year|(last|prior|previous) fiscal year)\b|"
    r"(?:(nächsten|kommenden) Geschäftsjahr|(vorigen|vergangenen|letzten) Geschäftsjahr)|(来期|来年度)|(前期|前年度)",
    re.IGNORECASE,
)
_REL_YEAR = re.compile(
    r"(this year|dieses Jahr|diesem Jahr|in diesem Jahr|laufenden Jahr\w*|今年|本年)|"
    r"(last year|a year (?:ago|earlier|before)|"
    r"the (?:prior|previous) year|the year before|ein Jahr (?:zuvor|früher)|im vergangenen "
    r"Jahr|vergangenes Jahr|"
    r"letztes Jahr|letzten Jahr|im Vorjahr\b|昨年|去年)|(next year|nächstes Jahr|im nächsten Jahr|kommendes Jahr|来年)",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"((?<!\d)\d+|one|two|three|four|five|six)\s+months?\s+ago|vor\s+(\d+|einem|zwei|drei|vier|fünf|sechs)\s+Monat(?:en)?|((?<!\d)\d+)\s*[かヶカケ]月前",
    re.IGNORECASE,
)
_MONTH_EN_DE = re.compile(
    r"(?:as of|on|in|by|at the end of|Ende|im|zum)\s+("
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\b(?:\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d|[.,]\d))?(?:,?\s+"
    + _Y
    + ")?",
    re.IGNORECASE,
)
_MONTH_JA = re.compile(rf"(?:{_Y}年)?(\d{{1,2}})月(?!期)(末|(\d{{1,2}})日)?")
_YEAR = re.compile(rf"(?<![0-9]){_Y}(?:年(?!度|末)|(?![0-9年]))")
_NOW = re.compile(
    r"\b(?:now(?!\s+(?:expect|anticipate|see|forecast|guide|project|estimate|plan|believe|think)\w*)|currently|"
    r"today|at present)\b|\b(?:jetzt|derzeit|heute|aktuell|inzwischen|zurzeit)\b|今は|現在|現時点|目下",
    re.IGNORECASE,
)
_OUTLOOK = re.compile(
    r"\b(?:we|you) (?:now )?see\b|"
    r"\b(?:expect\w*|anticipat\w*|forecast\w*|guid(?:ance|e|es|ed|ing)|outlook|will|plan\w*|on track|"
    r"target(?:s|ing)?)\b|"
    r"erwart\w*|in Aussicht|Prognose|prognostiz\w*|\bwill\b|\bsoll\w*\b|見込|予想|予定|計画|見通し",
    re.IGNORECASE,
)
# a quarter said with the year before ("Q4 last year", "the fourth quarter a year ago"): that quarter a year earlier
_LAST_YEARS = re.compile(
    r"\s{1,3}(?:of\s{1,3})?(?:last year|a year (?:ago|earlier|before)|the (?:prior|previous) year)\b|"
    r"\s{1,3}des Vorjahres\b",
    re.IGNORECASE,
)
# words that say a figure is a change on an earlier period or compared with one: on a results document, what
# changed is the reported period ("Year over year our gross margin is up", "compares with 20.5% a year ago")
_CHANGE_SAID = re.compile(
    r"\byear[- ](?:over|on)[- ]year\b|\bsequential(?:ly)?\b|\bquarter[- ](?:over|on)[- ]quarter\b|"
    r"\bcompare[sd]? (?:with|to)\b|\bim (?:Jahres|Quartals)vergleich\b|\bgegenüber dem Vor(?:jahr|quartal)\b|"
    r"前年(?:同期)?比|前期比",
    re.IGNORECASE,
)
# a clause break between a figure and a later period, and a figure right after that period: the period is the later
# figure's ("$5.61 billion, up 11%, and for the full year we delivered $21.51 billion")
_NEW_CLAUSE = re.compile(r",\s+(?:and|und)\b|;\s|、(?:そして)?")
_LEADS_FIGURE = re.compile(r"[^.;!?\d]{0,30}[$€£¥]?\d")
# a year stated right before "full year" / 通期 ("2025年8月期の通期", "the 2024 full year")
_YEAR_BEFORE = re.compile(r"(?:(?:19|20)\d\d|年\d{1,2}月期|年度)(?:の|\s)?\s?(?:the\s)?$")
