"""Sentence spans for Japanese, German and English text.

``split_sentences(text, lang)`` returns ``(start, end)`` character spans that
cover every non-whitespace character of ``text`` exactly once, in order,
trimmed of surrounding whitespace. Spans are built from cut positions, so
whatever the rules decide, coverage and non-overlap hold by construction.

Two engines:

* ``"rules"`` (default): a single-pass, regex-driven splitter written for
  this corpus. pysbd 0.3.4 splits ja/de/en well, but measured on the German
  seed it runs at ~100,000 chars/s, a third of the whole extraction budget,
  and it has two misses on the corpus: it does not split "usw. Ich" and it
  splits inside 『…。』. The rule engine keeps pysbd's decisions on the
  corpus (tests compare the two, block by block) and runs at 5-9 million
  chars/s against pysbd's 0.1-0.35 million on the seeds.
* ``"pysbd"``: pysbd with ``clean=False``; its segments are located in the
  text by a forward search (not trusted as offsets), then the same
  post-fixes apply. Kept to check the rule engine against the library.

Rules of the rule engine:

* Japanese terminators 。！？． and ASCII ! ? end a sentence together with any
  closing brackets or quotes right after them, except inside a matched pair
  of 「」 or 『』 (quoted speech stays whole; parenthesised notes with several
  sentences are split like any text).
* A Latin ``.`` ends a sentence only before whitespace and a non-lowercase
  character, and not after a known abbreviation (z. B., Dr., ca., Mr., U.S.,
  e.g. …), a single-letter initial, or (German) an ordinal (``am 3. Oktober``,
  ``ihren 100. Geburtstag``: see ``_german_ordinal``; a number before a word
  that opens sentences, ``stieg auf 100. Danach``, ends one). ``usw.``/``etc.``
  before a capital do end a sentence; ``no.`` is an abbreviation only before a
  number (``No. 1``), also glued to Japanese (``業界No. 1``).
  ``10.000`` and ``3.1`` never split (no whitespace after the dot).
* No sentence is longer than ``MAX_SENTENCE_CHARS``: a longer stretch
  without a terminator (a 1 MB line, thousands of unpunctuated lines) is cut
  at line breaks, then at whitespace, then anywhere not inside a grapheme.
  Everything downstream (language detection, tokenization, claim search)
  works per sentence, and some of it is superlinear in sentence length.
* A blank line always ends a sentence. A single line break inside Japanese
  text ends a sentence only when the line ends in a sentence-final form
  (です, ます, だ, よ, ね …); otherwise the phrase continues on the next line,
  as in subtitle-style translations with one phrase per line.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

Span = tuple[int, int]

# German closes quotes with “ and ‘ („so“, ‚so‘); after a terminator and
# before whitespace they can only be closers.
_CLOSERS = "」』）)】〕］]〉》\"”’'»“‘"
# Quotation marks protect their content: 「…。…」と言った is one sentence.
# Parentheses do not: the corpus's translator notes (湯川解説:…。…) hold
# several full sentences each.
_PAIRS = {"「": "」", "『": "』"}
# A "quote" longer than this is an unbalanced bracket somewhere, not a quote.
_MAX_PROTECTED = 600
_BRACKET_EVENT = re.compile("[" + "".join(_PAIRS) + "".join(_PAIRS.values()) + "]|\n(?=\n)")

_CJK_END = re.compile(r"[。！？．]+[" + re.escape(_CLOSERS) + r"]*")
# In Japanese, ASCII ! and ? end sentences too ("何ですか?"), but not inside
# URLs or product names ("watch?v=", "Yahoo!Japan").
_CJK_END_JA = re.compile(r"(?:[。！？．]|[!?](?![A-Za-z0-9=&/_%]))+[" + re.escape(_CLOSERS) + r"]*")
# A run of terminators, its closers, then whitespace and the next character. The run is one
# character class (not "(\.\.\.|…|[.!?])+", whose overlapping alternatives backtracked
# exponentially on a run of dots with no space after it), every quantifier is possessive, and a
# match starts only where a run starts: a start inside a run would end where the run's own
# match ends, so one failing run costs its length once.
_LATIN_END = re.compile(r"(?<![.!?…])[.!?…]++[" + re.escape(_CLOSERS) + r"]*+(?=\s++(\S))")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n")
# The characters every match of _CJK_END_JA / _LATIN_END starts with (see _matches).
_CJK_END_JA_FIRST = re.compile(r"[。！？．!?]")
_LATIN_END_FIRST = re.compile(r"[.!?…]")


def _matches(pattern: re.Pattern[str], first: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, for a pattern whose every match starts with a character
    ``first`` finds: tried only there. The two end-of-sentence patterns open with a group,
    so the regex engine would try them at every position of every block."""
    out: list[re.Match[str]] = []
    pos = 0
    while (c := first.search(text, pos)) is not None:
        m = pattern.match(text, c.start())
        if m:
            out.append(m)
            pos = m.end()
        else:
            pos = c.start() + 1
    return out


_ABBREV_COMMON = {
    "dr",
    "prof",
    "st",
    "nr",
    "no",
    "vs",
    "ca",
    "inc",
    "ltd",
    "co",
    "corp",
    "jr",
    "sr",
    "mr",
    "mrs",
    "ms",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "a.m",
    "p.m",
    "approx",
    "fig",
    "vol",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_ABBREV = {
    "de": _ABBREV_COMMON
    | {
        "bzw",
        "vgl",
        "evtl",
        "ggf",
        "inkl",
        "bspw",
        "sog",
        "hr",
        "fr",
        "abs",
        "mio",
        "mrd",
        "z.b",
        "d.h",
        "u.a",
        "o.ä",
        "s.o",
        "s.u",
        "u.ä",
        "jh",
        "jhd",
        "mär",
        "okt",
        "dez",
        "tsd",
        "bzgl",
        "ggü",
        "zzgl",
        "usw",
        "etc",
        "str",
    },
    "en": _ABBREV_COMMON | {"etc", "dept", "est", "gen", "gov", "mt", "sen", "rep", "av", "ave"},
}
_ABBREV["ja"] = _ABBREV["en"] | _ABBREV["de"]
_ABBREV["unknown"] = _ABBREV["ja"]
# Abbreviations that usually close a list and therefore a sentence: before a
# capital letter they end it (pysbd misses "usw. Ich").
_SENTENCE_FINAL_ABBREV = {"usw", "etc"}

# Sentence-final forms at the end of a Japanese line without punctuation.
_JA_FINAL = re.compile(
    r"(です|ます|でした|ました|ません|でしょう|ください|下さい|だ|よ|ね|ぞ|ぜ|かな|のか|ですか|ますか)[\s\u3000]*$"
)


# Well above any real sentence of the corpus (the longest seed sentence has
# 385 characters) and small enough that per-sentence work stays cheap.
MAX_SENTENCE_CHARS = 1000


def split_sentences(text: str, lang: str, engine: str = "rules", max_chars: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """Sentence spans in ``text`` (see module docstring); none longer than ``max_chars``."""
    if engine == "rules":
        cuts = _rule_cuts(text, lang)
    elif engine == "pysbd":
        cuts = _pysbd_cuts(text, lang)
    else:
        raise ValueError(f"unknown sentence engine {engine!r} (use 'rules' or 'pysbd')")
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    return _cap_lengths(text, spans_from_cuts(text, cuts), max_chars)


_LINE_BREAK = re.compile(r"\n")
_SPACE = re.compile(r"\s")


def _cap_lengths(text: str, spans: list[Span], max_chars: int) -> list[Span]:
    """Cut every span longer than ``max_chars``, preferring line breaks, then spaces."""
    if all(b - a <= max_chars for a, b in spans):
        return spans
    out: list[Span] = []
    for a, b in spans:
        while b - a > max_chars:
            cut = _cut_point(text, a, a + max_chars)
            out.extend(_trimmed(text, a, cut))
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if a < b:
            out.append((a, b))
    return out


def _trimmed(text: str, a: int, b: int) -> list[Span]:
    while b > a and text[b - 1].isspace():
        b -= 1
    return [(a, b)] if a < b else []


def _cut_point(text: str, a: int, limit: int) -> int:
    """The best place to cut in ``text[a:limit]``: after the last line break, else the last space,
    else ``limit`` moved back off combining marks and joiners so no character cluster is split."""
    window = text[a:limit]
    for pattern in (_LINE_BREAK, _SPACE):
        last = None
        for match in pattern.finditer(window):
            last = match
        if last is not None and last.start() > 0:
            return a + last.start()
    cut = limit
    while cut > a + 1 and (_continues_cluster(text[cut]) or text[cut - 1] == "\u200d"):
        cut -= 1
    return cut


def _continues_cluster(ch: str) -> bool:
    return (
        unicodedata.combining(ch) != 0
        or unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch in "\u200d\ufe0f\ufe0e"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or "\udc00" <= ch <= "\udfff"
    )


def spans_from_cuts(text: str, cuts: set[int]) -> list[Span]:
    """Trimmed, non-empty spans between the cut positions (and text ends)."""
    spans: list[Span] = []
    prev = 0
    for cut in sorted(cuts | {len(text)}):
        if cut <= prev:
            continue
        a, b = prev, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        prev = cut
    return spans


def _rule_cuts(text: str, lang: str) -> set[int]:
    cuts: set[int] = {m.start() for m in _PARAGRAPH_BREAK.finditer(text)}
    protected = _protected_ranges(text)
    starts = [a for a, _ in protected]

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and protected[i][0] < pos < protected[i][1]

    for m in _matches(_CJK_END_JA, _CJK_END_JA_FIRST, text) if lang in ("ja", "unknown") else _CJK_END.finditer(text):
        if not inside(m.start()):
            cuts.add(m.end())

    abbrevs = _ABBREV.get(lang, _ABBREV["unknown"])
    # The word a "." closes starts after the last separator before it. Each search looks back
    # only to the previous match (before that the answer is the previous one's): looking back
    # to the start of the text from every "." read a long line once per sentence.
    word_start = looked = 0
    for m in _matches(_LATIN_END, _LATIN_END_FIRST, text):
        at = m.start()
        sep = max(text.rfind(" ", looked, at), text.rfind("\n", looked, at), text.rfind("\u3000", looked, at))
        word_start, looked = (sep + 1 if sep >= 0 else word_start), at
        if inside(at):
            continue
        if _latin_boundary(text, word_start, at, m.group(0), m.start(1), lang, abbrevs):
            cuts.add(m.end())

    if lang == "ja" or (lang == "unknown" and "\n" in text):
        pos = text.find("\n")
        while pos >= 0:
            line_start = text.rfind("\n", 0, pos) + 1
            if _JA_FINAL.search(text, line_start, pos) and not inside(pos):
                cuts.add(pos)
            pos = text.find("\n", pos + 1)
    return cuts


def _latin_boundary(
    text: str, word_start: int, start: int, punct: str, after: int, lang: str, abbrevs: set[str]
) -> bool:
    """Whether the terminators ``punct`` at ``start`` end a sentence; the next word starts at ``after``."""
    nxt = text[after]
    marks = punct.rstrip(_CLOSERS)
    if "!" in marks or "?" in marks:
        return not nxt.islower()
    if marks in ("...", "…") or len(marks) > 1:
        return nxt.isupper() or nxt.isdigit() or nxt in "\"“„'‘([«"
    # A single ".": look at the token it closes.
    if nxt.islower():
        return False
    word = text[word_start:start].lstrip("\"“„'‘([«")
    token = (_latin_tail(word) if lang in ("ja", "unknown") else word).lower()  # "業界No. 1"
    if token in _SENTENCE_FINAL_ABBREV:
        return nxt.isupper()
    if token in _BEFORE_NUMBER_ABBREV:
        return not nxt.isdigit()  # "No. 1", but "he said no. The talks …"
    if token in abbrevs:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "z. B.", "J. R. R."
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        return False  # "U.S", "e.g"
    if lang == "de" and word.isdigit() and len(word) <= 3:
        return not _german_ordinal(text, word_start, word, after)
    if lang == "en" and word.isdigit() and len(word) <= 2 and _SPLIT_DECIMAL.match(text, after):
        return not text[max(0, word_start - 2) : word_start].rstrip().islower()  # captions' "it was 4. 4 trillion"
    return True


# the digit after a caption's broken decimal point and a lower-case word: "4. 4 trillion", "6. 5 inches"
_SPLIT_DECIMAL = re.compile(r"\d\s[a-z%]")


# A German ordinal is a number and a period ("am 3. Oktober", "ihren 100. Geburtstag", "der 2. Weltkrieg").
# Before a word that opens sentences the number ends one ("Der Umsatz stieg auf 100. Danach …"); so it
# does after a word that counts ("stieg auf 12. Rettungskräfte …", "auf Platz 3. Der Trainer …").
_DE_MONTHS = set(
    "januar februar märz april mai juni juli august september oktober november dezember "
    "jan feb mär apr jun jul aug sep sept okt nov dez".split()
)
# (claims.quantities.filters reads the same words: "ihren 100. Geburtstag" counts nothing)
DE_ORDINAL_DETERMINERS = frozenset(
    "am im zum zur vom beim der die das den dem des "
    "ihr ihre ihren ihrem ihrer ihres sein seine seinen seinem seiner seines unser unsere unseren unserem "
    "unserer unseres euer eure euren eurem eurer mein meine meinen meinem meiner dein deine deinen deinem "
    "deiner diese dieser diesen diesem dieses jede jeder jeden jedem jedes".split()
)
_DE_COUNTING = set("auf um bis über unter rund etwa knapp fast gegen nur insgesamt platz rang nummer".split())
_DE_OPENERS = set(
    "der die das den dem des ein eine einen einem einer er sie es wir ich ihr man dies diese dieser dieses "
    "danach dann doch aber und auch so damit dabei dazu heute jetzt nun zudem außerdem allerdings denn "
    "deshalb daher trotzdem wie was wer wo warum wann als wenn weil ob im am in mit nach vor seit bei für "
    "auf zum zur vom laut damals zuletzt später zuvor zwar immerhin erst noch schon bereits alle alles "
    "viele mehr kein keine hier dort da somit also".split()
)
_WORD_AT = re.compile(r"[^\W\d_]+")
# Abbreviations only before a number: "no" is also a word that ends sentences.
_BEFORE_NUMBER_ABBREV = {"no"}


def _latin_tail(word: str) -> str:
    """The Latin letters ending ``word`` (the word itself if it has none): "業界No" -> "No"."""
    k = len(word)
    while k > 0 and word[k - 1].isascii() and word[k - 1].isalpha():
        k -= 1
    return word[k:] if k < len(word) else word


def _german_ordinal(text: str, word_start: int, number: str, after: int) -> bool:
    """Whether ``number`` + "." at ``word_start`` is an ordinal; the capitalised next word starts at ``after``."""
    m = _WORD_AT.match(text, after)
    nxt = m.group().lower() if m else ""
    if nxt in _DE_MONTHS:
        return True
    if nxt in _DE_OPENERS:
        return False
    before = text[max(0, word_start - 40) : word_start].split()
    prev = before[-1].strip("\"“„'‘([«,").lower() if before else ""
    if prev in DE_ORDINAL_DETERMINERS:
        return True
    if prev in _DE_COUNTING:
        return False
    return len(number) <= 2


def _protected_ranges(text: str) -> list[Span]:
    """Outermost matched bracket/quote pairs, as (open, close) positions."""
    if not any(ch in text for ch in _PAIRS):
        return []
    stack: list[tuple[str, int]] = []
    # Where each closer's openers sit in ``stack``: a closer finds its opener without walking
    # the stack (thousands of unmatched 「 before a run of 』 made that quadratic).
    openers: dict[str, list[int]] = {closer: [] for closer in _PAIRS.values()}
    pairs: list[Span] = []
    for m in _BRACKET_EVENT.finditer(text):
        ch, i = m.group(), m.start()
        if ch in _PAIRS:
            openers[_PAIRS[ch]].append(len(stack))
            stack.append((_PAIRS[ch], i))
        elif ch in openers:
            # Unwind to the matching opener; unmatched closers are ignored.
            if openers[ch]:
                k = openers[ch][-1]
                open_pos = stack[k][1]
                del stack[k:]
                for at in openers.values():
                    while at and at[-1] >= k:
                        at.pop()
                if i - open_pos <= _MAX_PROTECTED:
                    pairs.append((open_pos, i))
        elif stack:
            stack.clear()  # brackets never run across a blank line
            for at in openers.values():
                at.clear()
    pairs.sort()
    outer: list[Span] = []
    for a, b in pairs:
        if outer and a < outer[-1][1]:
            continue
        outer.append((a, b))
    return outer


@lru_cache(maxsize=4)
def _segmenter(lang: str):
    import pysbd

    return pysbd.Segmenter(language=lang if lang in ("ja", "de", "en") else "en", clean=False, char_span=False)


def _pysbd_cuts(text: str, lang: str) -> set[int]:
    cuts: set[int] = {m.start() for m in _PARAGRAPH_BREAK.finditer(text)}
    seg = _segmenter(lang)
    cursor = 0
    for piece in seg.segment(text):
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, cursor)
        if found < 0:
            # pysbd altered the text; its boundary cannot be placed exactly.
            continue
        cursor = found + len(piece)
        cuts.add(cursor)
    # The one post-fix pysbd needs on this corpus: "usw. Ich" / "etc. The".
    for m in re.finditer(r"\b(usw|etc)\.(?=\s+[A-ZÄÖÜ])", text):
        cuts.add(m.end())
    return cuts
