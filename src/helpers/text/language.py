"""Language of a text span: "ja", "de", "en" or "unknown".

Japanese is decided by script first: any kana or CJK ideograph makes a span
Japanese, so Japanese sentences that quote English product names (Llama 3,
Meta AI) stay Japanese. Only Latin-script text goes to lingua, restricted to
German and English (the corpus languages), with one detector per process.
Lingua calls are cached per exact string: transcripts repeat short lines
("Ja.", "Mark Zuckerberg") many times. A line whose function words settle it
(three or more words only English or only German writes, none of the other's)
is not read by lingua at all: most lines of prose are (``_function_words_lang``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Below this many letters lingua's answer is a coin toss ("OK", "LL.M.").
MIN_LETTERS = 3
# Lingua's two-way confidence; below this the text is as German as English.
MIN_CONFIDENCE = 0.6
# ... and from this on, no names or numbers decided it (a line of names and codes reads 0.7 to 0.9).
SURE = 0.95
# A line's plain words (no names or numbers) decide an unsure line only from this confidence on: a sentence's
# "sold million phones last year has and a chip" reads 0.81 English, a formula's stray "cmd calc hat" 0.62.
PLAIN_SURE = 0.75

_LINGUA_CODES = {Language.GERMAN: "de", Language.ENGLISH: "en"}
# Words that only English or only German writes (articles, pronouns, auxiliaries, conjunctions; lower case only, so
# "Not", "Die Hard" or "MIT" are not counted). A sentence with two of its line's language's and none of the other's
# reads as its line does; any other sentence is read by lingua itself (a German sentence quoted in English prose has
# "der", "hat", "wir" and keeps its own language).
_OWN_WORDS = {
    "en": frozenset(
        (
            "the and of that with this have from which would there their they what were been about into than these "
            "those because could should just our your you is are for to be by or on it at as not but can has had "
            "more some when where who how its if my he she his them very do does did"
        ).split()
    ),
    "de": frozenset(
        (
            "der das und ist nicht ein eine einen einem einer mit für auf dem den sich auch wir ich sie es wird "
            "werden sind haben nach bei über noch oder aber wenn dass zum zur vom im schon wie durch uns sehr vor "
            "mehr kann können unsere diese dieser dieses zu von des aus nur jetzt dann weil ja nein doch mal "
            "eigentlich bis wurde hatte gibt ob einfach immer sein seine ihre ihr mir mich dir dich"
        ).split()
    ),
}
# For settling a line's language without lingua, English has more words German never writes in lower case: the
# figures' words of news and calls ("last quarter", "million", "points"; not "will", "also", "per", "all", "so")
_SETTLING_EN = _OWN_WORDS["en"] | frozenset(
    "we up after over last year million billion percent quarter points against through out one two three new first "
    "said were then".split()
)
_OWN_AND_OTHER = (("en", _SETTLING_EN, _OWN_WORDS["de"]), ("de", _OWN_WORDS["de"], _SETTLING_EN))
# A text with this many of one language's own words, and none of the other's, is that language (_function_words_lang)
SETTLED_WORDS = 3
SETTLED_SHARE = 0.2
# Lingua reads at most this many characters of a text (its start): a 1 MB line is as German as
# its first 100,000 characters, and each call stays bounded however long the line. Far above
# any line, paragraph or group of the seeds (the longest text detected there has 20,479).
DETECT_MAX_CHARS = 100_000


_JAPANESE_CHARS = re.compile(
    "["
    "\u3040-\u30ff"  # hiragana, katakana
    "\u31f0-\u31ff"  # katakana extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # compatibility ideographs
    "\uff66-\uff9f"  # half-width katakana
    "]"
)
# Counted by runs, not one match per character: a Japanese line is a few long
# runs, and building one string per character was the parser's costliest call.
_JAPANESE_RUN = re.compile(_JAPANESE_CHARS.pattern + "+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A word of running text: letters only, not glued to digits or hyphens ("Wi-Fi", "S24", "USB-C" are names).
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:['’][^\W\d_]+)?(?![\w-])")


def script_lang(text: str) -> str | None:
    """ "ja" if ``text`` contains any kana or CJK ideograph, else None."""
    return None if text.isascii() else "ja" if _JAPANESE_CHARS.search(text) else None


def japanese_char_count(text: str) -> int:
    return sum(map(len, _JAPANESE_RUN.findall(text)))


# The ASCII characters that are no letter: in ASCII text the letters (``[^\W\d_]``) are A-Z and a-z, counted by deleting
# the rest from the bytes (at C speed; 40 times faster than the letter runs, and the parser counts every line)
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


# Letters beyond ASCII, counted by runs (a line with curly quotes or an "é" has a few)
_NON_ASCII_LETTER_RUN = re.compile(r"[^\x00-\x7f\W\d_]+")


def letter_count(text: str) -> int:
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    return ascii_letters if text.isascii() else ascii_letters + sum(map(len, _NON_ASCII_LETTER_RUN.findall(text)))


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH)
        .with_preloaded_language_models()
        .build()
    )


def detect_lang(text: str) -> str:
    """Language of ``text``: "ja" by script, else "de"/"en" by lingua, else "unknown"."""
    if script_lang(text) == "ja":
        return "ja"
    return _latin_lang(text[:DETECT_MAX_CHARS])


def _latin_lang(text: str) -> str:
    return _latin_answer(text)[0]


@lru_cache(maxsize=65536)
def _latin_answer(text: str) -> tuple[str, float]:
    """Lingua's language for Latin-script ``text`` and its confidence (0 where there are too few letters)."""
    letters = letter_count(text)
    if letters < MIN_LETTERS:
        return "unknown", 0.0
    settled = _function_words_lang(text)
    if settled is not None:
        return settled, 1.0
    values = detector().compute_language_confidence_values(text)
    if not values:
        return "unknown", 0.0
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return "unknown", best.value
    return _LINGUA_CODES.get(best.language, "unknown"), best.value


def _function_words_lang(text: str) -> str | None:
    """German or English where the text's own function words settle it without lingua: at least
    ``SETTLED_WORDS`` words only that language writes, none only the other writes, and they are at least
    ``SETTLED_SHARE`` of its words. Lingua reads such a line as that language; its confidence can stay under ``SURE``
    where numbers and names crowd the line ("Net sales came to $1.1 billion, which is $192 million, or 20%, ..."),
    but its plain words then read as the line does, so ``line_lang`` answers the same."""
    words = _LETTER_RUN.findall(text)
    if len(words) < SETTLED_WORDS:
        return None
    for lang, own, other in _OWN_AND_OTHER:
        count = sum(map(own.__contains__, words))
        if count >= SETTLED_WORDS and count >= SETTLED_SHARE * len(words):
            return lang if other.isdisjoint(words) else None
    return None


def plain_words(text: str) -> str:
    """The words of ``text`` that carry its language: its first word and the lower-case words, without names,
    product codes and numbers ("The Galaxy S24 Ultra has Wi-Fi 7, Bluetooth 5.3 and a Snapdragon 8 Gen 3 chip"
    -> "The has and a chip"). German capitalises its nouns, but its articles, verbs and particles stay."""
    words = _WORD.findall(text)
    if not any(w[0].islower() for w in words):
        return ""  # names only ("Samsung Galaxy Tab S9 FE: Exynos 1380"): nothing to tell the language by
    return " ".join(w for k, w in enumerate(words) if k == 0 or w[0].islower())


def _names_decide(text: str, lang: str) -> bool:
    """Whether lingua's German-or-English answer for ``text`` rests on its names and numbers: its plain words
    read as the other language."""
    plain = _latin_lang(plain_words(text)[:DETECT_MAX_CHARS])
    return lang in _LINGUA_CODES.values() and plain in _LINGUA_CODES.values() and plain != lang


def line_lang(text: str) -> str:
    """Language of one line: ``detect_lang``, unless names and numbers decided it; then its plain words'.
    Only a line lingua is not sure of is read again (a line of prose is, at 0.95 and more)."""
    if script_lang(text) == "ja":
        return "ja"
    lang, confidence = _latin_answer(text[:DETECT_MAX_CHARS])
    if confidence >= SURE or letter_count(text) < MIN_LETTERS:
        return lang
    if lang in ("de", "en"):
        return ("de" if lang == "en" else "en") if _names_decide(text, lang) else lang
    # names made lingua unsure; the words may not be, but only a sure answer counts: a few stray words
    # ("cmd calc hat" of a spreadsheet formula) are as unsure as the line and must not sway a document
    plain, plain_confidence = _latin_answer(plain_words(text)[:DETECT_MAX_CHARS])
    return plain if plain_confidence >= PLAIN_SURE else "unknown"


def reads_surely(text: str, lang: str) -> bool:
    """Whether lingua reads Latin-script ``text`` as ``lang`` (German or English) with confidence ``SURE`` or more.
    The answer is the one ``line_lang`` reads for the line: a line read for the document's majority is not read
    again for its sentences or its group."""
    if script_lang(text) is not None:
        return False
    answer, confidence = _latin_answer(text[:DETECT_MAX_CHARS])
    return answer == lang and confidence >= SURE


def _own_words(text: str, lang: str) -> bool:
    """Whether ``text`` has two or more words only ``lang`` (German or English) writes and none the other writes."""
    if lang not in _OWN_WORDS:
        return False
    own, other = _OWN_WORDS[lang], _OWN_WORDS["en" if lang == "de" else "de"]
    count = 0
    for word in _LETTER_RUN.findall(text):
        if word in own:
            count += 1
        elif word in other:
            return False
    return count >= 2


def document_lang(text: str, seen: dict[str, tuple[str, int]] | None = None) -> str:
    """Majority language over the lines of ``text``, weighted by letters.

    A German article with a one-line language menu (日本語, 한어 …) stays
    German; a Japanese article with an English video title stays Japanese.
    Japanese lines weigh by their Japanese characters only, so the Latin
    product names inside them do not count for English. ``seen`` (line ->
    language and weight) carries the lines' answers over to another call on
    the same document (its body after the raw text).
    """
    seen = {} if seen is None else seen
    weights: dict[str, int] = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        if line not in seen:
            lang = line_lang(line)
            # A Japanese character carries about as much text as two Latin letters.
            weight = 0 if lang == "unknown" else japanese_char_count(line) * 2 if lang == "ja" else letter_count(line)
            seen[line] = (lang, weight)
        lang, weight = seen[line]
        if lang == "unknown":
            continue
        weights[lang] = weights.get(lang, 0) + weight
    if not weights:
        return "unknown"
    # Ties go to the alphabetically first code so the answer is deterministic.
    return max(sorted(weights), key=lambda k: weights[k])


def segment_lang(text: str, doc_lang: str) -> str:
    """Language of a passage of a document: Japanese by script, else the document's German or English."""
    if script_lang(text) == "ja":
        return "ja"
    if doc_lang in ("de", "en"):
        return doc_lang
    lang = detect_lang(text)
    return lang if lang != "unknown" else doc_lang


def sentence_lang(text: str, doc_lang: str, line_sure: bool = False) -> str:
    """Language of one sentence, the document's when the sentence is too short to tell. A sentence of a German or
    English document takes the other language only where its plain words say so too: names, product codes and
    numbers ("Galaxy S24 Ultra", "Wi-Fi 7", "Bluetooth 5.3") do not make an English sentence German.

    ``line_sure``: the one line that holds the whole sentence reads surely as the document's German or English
    (``reads_surely``, asked once per line). Such a sentence is that language where its own words are too (two words
    only that language writes, none only the other writes), and lingua does not read it again."""
    if line_sure and _own_words(text, doc_lang):
        return doc_lang
    lang = detect_lang(text)
    if lang == "unknown":
        return doc_lang
    if doc_lang in ("de", "en") and lang in ("de", "en") and lang != doc_lang:
        plain = _latin_lang(plain_words(text)[:DETECT_MAX_CHARS])
        if plain != lang:
            return doc_lang
    return lang
