"""Language of a text span: "ja", "de", "en" or "unknown".

Japanese is decided by script first: any kana or CJK ideograph makes a span
Japanese, so Japanese sentences that quote English product names (Llama 3,
Meta AI) stay Japanese. Only Latin-script text goes to lingua, restricted to
German and English (the corpus languages), with one detector per process.
Lingua calls are cached per exact string: transcripts repeat short lines
("Ja.", "Mark Zuckerberg") many times.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Below this many letters lingua's answer is a coin toss ("OK", "LL.M.").
MIN_LETTERS = 3
# Lingua's two-way confidence; below this the text is as German as English.
MIN_CONFIDENCE = 0.6

_LINGUA_CODES = {Language.GERMAN: "de", Language.ENGLISH: "en"}
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


def script_lang(text: str) -> str | None:
    """ "ja" if ``text`` contains any kana or CJK ideograph, else None."""
    return "ja" if _JAPANESE_CHARS.search(text) else None


def japanese_char_count(text: str) -> int:
    return sum(map(len, _JAPANESE_RUN.findall(text)))


def letter_count(text: str) -> int:
    return sum(map(len, _LETTER_RUN.findall(text)))


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


@lru_cache(maxsize=65536)
def _latin_lang(text: str) -> str:
    letters = letter_count(text)
    if letters < MIN_LETTERS:
        return "unknown"
    values = detector().compute_language_confidence_values(text)
    if not values:
        return "unknown"
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return "unknown"
    return _LINGUA_CODES.get(best.language, "unknown")


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
            lang = detect_lang(line)
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


def sentence_lang(text: str, doc_lang: str) -> str:
    """Language of one sentence, the document's when the sentence is too short to tell."""
    lang = detect_lang(text)
    return doc_lang if lang == "unknown" else lang
