"""Numbers of speech that count nothing: spans a talk transcript says with a number and no amount in them.

Talk and podcast transcripts say numbers that no reader would list as a figure: "twenty four seven", a rating on a
scale ("a 10 out of 10", "on a scale of one to ten it's an eight"), a request to wait ("hang on one second"), a time
of day said with a digit ("at 6 in the morning", "um halb acht"), a radio station's frequency ("news talk seven
eighty"), number idioms ("cloud nine", "catch-22", "a two-sided marketplace", "the 80/20 rule", "a thousand percent
sure", "kill two birds with one stone", "zero idea", "on the count of three") and names that hold a number ("the
10-K", "your 401k", "after 9/11", "shot in 4K"). The same categories in German ("vierundzwanzig sieben", "eine 10
von 10", "Wolke sieben", "fünf vor zwölf", "unter vier Augen", "null Ahnung") and Japanese ("24時間365日",
"10点満点で8点", "百パーセント確信"). ``speech_idiom_spans`` gives the spans of one sentence that hold no claim; the
pipeline drops every number inside them, as it does for URLs and timestamps.
"""

from __future__ import annotations

import re

from ...text.regex_guard import guarded
from ..word_runs import word_runs

_EN_SMALL = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}(?:\.\d)?)"
_EN_TOP = r"(?:five|ten|a\shundred|one\shundred|5|10|100)"
_EN_DIGIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_EN_TENS = r"(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
# a station's frequency said in words: "seven eighty", "ten ten", "eleven thirty"
_EN_FREQUENCY_WORDS = (
    rf"(?:{_EN_DIGIT_WORD}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen)\s"
    rf"(?:{_EN_TENS}(?:[\s-]{_EN_DIGIT_WORD})?|oh\s{_EN_DIGIT_WORD}|ten|eleven|twelve)"
)

# English: each group of idioms with the words one of which (or all of a "+"-joined few) every match of it holds; a
# sentence of ASCII text is tried only with the groups whose words its word runs hold (``word_runs``)
_EN_GROUPS = (
    # around the clock
    ("seven|7", r"\btwenty[\s-]four[\s-](?:seven|7)\b|\b24[\s-]seven\b"),
    # a rating: "a 10 out of 10", "an eight out of ten", "ten out of ten would recommend" (not "8 out of 10 doctors":
    # a share of a group), "on a scale of one to ten"
    (
        "out|scale",
        rf"\b(?:an?|the|perfect)\s{_EN_SMALL}\sout\sof\s{_EN_TOP}\b(?!\s(?:of\s)?[a-z]+s\b)"
        rf"|\bscale\sof\s(?:from\s)?(?:zero|one|0|1)\s(?:to|through|and)\s{_EN_TOP}\b"
        r"|\b(?:ten|10)\sout\sof\s(?:ten|10)\b(?!\s(?:of\s)?[a-z]+s\b)",
    ),
    # a request to wait: "hang on one second", "just a sec", "give me one minute"
    (
        "sec|second|minute",
        r"\b(?:(?:hang|hold)\son|wait|just|give\sme|bear\swith\sme(?:\sfor)?)\s(?:a|one)\s(?:sec|second|minute)\b",
    ),
    # number idioms
    (
        "cloud|catch|sided|put+two|putting+two|rule|principle|split|two+for+one|one+go|one+sense|one+swoop|one+breath|"
        "one+shot|birds|square|yards|sevens|dozen|one+only|pony|zero|count|one+two+three|one+to",
        r"\bcloud\s(?:nine|9)\b|\bcatch[\s-]22\b|\b(?:one|two|three|multi)[\s-]sided\b|\bput(?:ting)?\stwo\sand\stwo\b"
        r"|\b(?:80|eighty)[/\s-](?:20|twenty)\s(?:rule|principle|split)\b|\btwo[\s-]for[\s-]one\b"
        r"|\bin\sone\s(?:go|sense|fell\sswoop|breath|shot)\b|\btwo\sbirds\swith\sone\sstone\b|\bsquare\sone\b"
        r"|\b(?:the\s)?whole\snine\syards\b|\b(?:six|sixes)\sand\s(?:sevens|half\sa\sdozen)\b|\bone\sand\sonly\b"
        r"|\bone[\s-]trick\spony\b|\bzero\s(?:idea|clue|interest|chance|doubt|desire|sense|respect)\b"
        r"|\bone\sshot\sat\b|\bcount\sof\s(?:three|3|ten|10)\b|\bone,\stwo,\sthree\b"
        r"|\bone[\s-]to[\s-]one\b(?!\s(?:hundred|thousand|million|billion|point)\b)",
    ),
    # hyperbole: "a thousand percent sure", "I agree a million percent", "give 110 percent", "a million questions",
    # "the million dollar question"
    (
        "thousand|million|billion|hundred|gazillion|000|110",
        r"\b(?:a\s)?(?:thousand|million|1,?000|110|hundred\sand\sten)\s?(?:%|percent\b|per\scent\b)"
        r"(?=\s(?:sure|certain|agree|right|correct|confident|committed|behind\syou|on\sboard)\b)"
        r"|\b(?:agree|give|gave|giving)(?:\swith\s(?:you|him|her|them|that|this))?\s(?:it\s)?(?:a\s)?"
        r"(?:thousand|million|1,?000|110|hundred\sand\sten)\s?(?:%|percent\b|per\scent\b)"
        r"|\ba\s(?:hundred|thousand|million|billion|gazillion)\s(?:questions|things|reasons|ideas|ways|stories|thoughts)\b"
        r"|\b(?:million|billion|sixty[\s-]four\sthousand|64,000)[\s-]dollar\squestion\b",
    ),
    # "did a complete 180", "a 360 degree review"
    (
        "180|360|eighty|sixty",
        r"\b(?:a|complete|full|total|whole)\s(?:180|360|one[\s-]eighty|three[\s-]sixty)(?=\s(?:on|in|from|with)\b|\s?[.,;:!?]|$)"
        r"|\b(?:180|360|one[\s-]eighty|three[\s-]sixty)[\s-]degrees?\s(?:turn|u-turn|review|view|feedback|approach|shift|"
        r"change|pivot|reversal|look|perspective)\b",
    ),
    # "the 20 minute mark", "a top 10 list", "leave us a five star review"
    (
        "mark|list|lists|star|stars",
        r"\b(?:\d{1,3}|[a-z]{3,7}(?:[\s-][a-z]{3,5})?)[\s-](?:minute|hour|second)\smark\b"
        r"|\btop[\s-](?:\d{1,3}|three|five|ten|twenty|fifty|hundred)\slists?\b"
        r"|\b(?:five|5)[\s-]star\s(?:review|rating)s?\b"
        r"|\b(?:five|5)\sstars\b(?=\s(?:wherever|on\s(?:apple|spotify|itunes|the\sapp)|and\sa\sreview))",
    ),
    # names of filings, plans and events: "the 10-K", "your 401k", "after 9/11", "shot in 4K"
    (
        "k|q|f|s+1|401k|401|403|403b|9+11|4k|8k",
        r"(?-i:\b(?:10-[KQ]|8-K|20-F|S-1|F-1)\b)|\b40[13]\s?\(?[kb]\)?(?![\w(])|(?<![\d/])9/11(?![\d/])"
        r"|(?-i:\b[48]K\b)(?=\s(?:video|tv|tvs|display|displays|screen|screens|resolution|monitor|monitors|hdr|"
        r"camera|footage|streaming)\b|\s?[.,;:!?]|$)",
    ),
    # a station on the dial: "news talk seven eighty", "FM 101.5", "101.5 FM"
    (
        "talk|radio|fm|am",
        rf"\b(?:news[\s-]?talk|talk\s?radio|sports\s?(?:talk|radio))\s(?:{_EN_FREQUENCY_WORDS}|\d{{2,4}}(?:\.\d)?)\b"
        r"|(?-i:\b(?:FM|AM)\s\d{2,4}(?:\.\d)?\b|\b\d{2,3}\.\d\s?FM\b)",
    ),
    # a time of day said with a digit: "at 6 in the morning", "by 11 at night"
    (
        "morning|afternoon|evening|night|tonight",
        r"(?<![\d.,$£€])\b(?:1[0-2]|[1-9])(?=\s(?:in\sthe\s(?:morning|afternoon|evening)|at\snight|tonight)\b)",
    ),
)
_IDIOMS = {
    "de": re.compile(
        r"(?i)\bvierundzwanzig[\s/-]sieben\b|(?<![\d/.,])24/7(?![\d/])|\b24[\s-]sieben\b"
        r"|\beine\s(?:null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|\d{1,2}(?:,\d)?)\svon\s(?:fünf|zehn|5|10)\b"
        r"|\bSkala\svon\s(?:null|eins|0|1)\sbis\s(?:fünf|zehn|hundert|5|10|100)\b"
        r"|\bWolke\s(?:sieben|7)\b|\bCatch[\s-]22\b|\b(?:80|achtzig)[/-](?:20|zwanzig)[\s-]?(?:Regel|Prinzip)\b"
        r"|\bfünf\svor\szwölf\b|\bunter\svier\sAugen\b|\bzwei\sFliegen\smit\seiner\sKlappe\b|\bfünf\sgerade\b"
        r"|\b(?:hundert|tausend|100|1\.?000)\s?(?:%|Prozent\b)(?=\s(?:sicher|einverstanden|überzeugt|richtig)\b)"
        # a time of day in words: "um halb acht", "viertel nach neun", "um acht Uhr"
        r"|\b(?:halb|viertel\s(?:nach|vor)|dreiviertel)\s(?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|"
        r"zwölf|1[0-2]|[1-9])\b"
        r"|\bum\s(?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)(?=\s(?:Uhr|morgens|abends)\b)"
        # "wir zwei", "ihr drei": a pronoun, not a count
        r"|\b(?:wir|ihr|uns|euch)\s(?:zwei|drei|beide)\b(?=\s?(?:[,.;!?]|$|haben|sind|waren|hatten))"
        # "null Ahnung", "tausend Fragen", "auf drei", "eins zu eins", "nach 9/11"
        r"|\bnull\s(?:Ahnung|Chance|Interesse|Bock|Zweifel|Toleranz)\b|\btausend\s(?:Fragen|Dinge|Gründe|Ideen)\b"
        r"|\bauf\sdrei\b(?=\s?(?:[,.;!?]|$|zählen))|\beins\szu\seins\b|(?<![\d/])9/11(?![\d/])"
        # "eine 180-Grad-Wende", "Kehrtwende um 180 Grad", "ein 360-Grad-Blick", "fünf Sterne bei Apple Podcasts"
        r"|\b(?:180|360)-Grad-(?:Wende|Drehung|Kehrtwende|Blick|Sicht|Feedback|Ansatz)|\b(?:Kehrt)?wende\sum\s180\sGrad\b"
        r"|\b(?:fünf|5)\sSterne\b(?=\s(?:bei|auf)\s(?:Apple|Spotify|iTunes))"
    ),
    "ja": re.compile(
        r"24時間365日|二十四時間三百六十五日"
        r"|(?:5|10|100|五|十|百)点満点(?:中|で)?(?:言うと|いうと|評価すると)?(?:、)?(?:\d{1,3}|[一二三四五六七八九十百]{1,3})点"
        r"|(?:100|百)(?:パーセント|%)(?=(?:確信|間違いない|同意|賛成|自信))"
        r"|(?:180|360|百八十|三百六十)度(?=(?:転換|変わ|方向転換|評価|の転換))"
    ),
}
# German and Japanese: pieces one of which every match holds (German compared in lower case); a sentence without
# any is not scanned
_KEYS = {
    "de": (
        *(f"{pronoun} {count}" for pronoun in ("wir", "ihr", "uns", "euch") for count in ("zwei", "drei", "beide")),
        "sieben",
        "24/7",
        "von 10",
        "von zehn",
        "von 5",
        "von fünf",
        "skala",
        "catch",
        "regel",
        "prinzip",
        "zwölf",
        "augen",
        "klappe",
        "gerade",
        "prozent",
        "%",
        "halb",
        "viertel",
        "uhr",
        "morgens",
        "abends",
        "null",
        "tausend",
        "auf drei",
        "eins zu eins",
        "9/11",
        "grad",
        "sterne",
    ),
    "ja": (
        "24時間",
        "二十四時間",
        "点満点",
        "百パーセント",
        "100パーセント",
        "100%",
        "百%",
        "180度",
        "360度",
        "百八十度",
        "三百六十度",
    ),
}
_RUN = re.compile(r"\w+")
# after a rating scale said in the sentence, the rating given on it: "on a scale of one to ten it's an eight"
_RATING_GIVEN = {
    "en": re.compile(rf"(?i)\b(?:an?|the)\s{_EN_SMALL}\b(?!\s?(?:%|percent\b|[a-z]+s\b|point\b|hundred\b|thousand\b))"),
    "de": re.compile(
        r"(?i)\beine\s(?:null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|\d{1,2})\b(?!\s?(?:%|Prozent))"
    ),
}
_SCALE = {
    "en": re.compile(r"(?i)\bscale\sof\b"),
    "de": re.compile(r"(?i)\bSkala\svon\b"),
}
_RATING_REACH = 80  # characters after a scale within which its rating is given


def speech_idiom_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of one sentence whose numbers are said in speech and count nothing (see the module's docstring)."""
    if lang == "en":  # only the groups whose words the sentence's word runs hold
        runs = word_runs(text)
        if runs is None:  # not ASCII ("it’s"): the runs as found, which every match's words are among still
            runs = frozenset(_RUN.findall(text.lower()))
        spans = [
            m.span()
            for some, words, group in _EN_TRIED
            if not runs.isdisjoint(some) and any(needed <= runs for needed in words)
            for m in group.finditer(text)
        ]
        said = "scale" in runs
    else:
        pattern, keys = _IDIOMS.get(lang), _KEYS.get(lang, ())
        low = text.lower() if lang == "de" else text
        if pattern is None or not any(key in low for key in keys):
            return []
        spans = [m.span() for m in pattern.finditer(text)]
        said = "skala" in low
    scale = _SCALE.get(lang)
    found = scale.search(text) if scale is not None and said else None
    if found is not None:
        given = _RATING_GIVEN[lang]
        spans += [m.span() for m in given.finditer(text, found.end(), found.end() + _RATING_REACH)]
    return spans


_IDIOMS = {lang: guarded(p) for lang, p in _IDIOMS.items()}
# each group as (any of its words, the words needed together, its pattern): the first a fast test that fails most
_EN_TRIED = tuple(
    (
        frozenset(words.replace("+", "|").split("|")),
        tuple(frozenset(w.split("+")) for w in words.split("|")),
        guarded(re.compile("(?i)" + pattern)),
    )
    for words, pattern in _EN_GROUPS
)
