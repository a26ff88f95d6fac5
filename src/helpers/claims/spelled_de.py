"""German spelled-out numbers in running text: "zwei Komma drei", "eine halbe Million", "fünf und drei Viertel
Milliarden", compounds (dreihundertneunundneunzigtausend) read by text2num. ``spelled.spelled_numbers`` calls
``parse_de`` at each token that may open a run."""

from __future__ import annotations

from functools import lru_cache

from text_to_num import text2num

from .spelled_tokens import digit_value, joined, vulgar
from .spelled_words import DE_FRACTIONS, DE_HALF, DE_SCALES


@lru_cache(maxsize=4096)
def de_word(word: str) -> float | None:
    w = word.lower().replace("ue", "ü") if "ue" in word.lower() and "ü" not in word.lower() else word.lower()
    if w in ("ein", "eine", "einer", "einen", "einem", "eines"):
        return None
    for tail, add in (("einhalb", 0.5),):
        if w.endswith(tail) and len(w) > len(tail):
            head = de_word(w[: -len(tail)]) if w[: -len(tail)] not in ("ein",) else 1.0
            if head is not None:
                return head + add
    if w in DE_HALF:
        return DE_HALF[w]
    try:
        return float(text2num(w, "de"))
    except (ValueError, TypeError):
        return None


def parse_de(text: str, toks: list, i: int, scale: bool = True) -> tuple[int, float, str, int] | None:
    sign = 1.0
    w0 = toks[i][0].lower()
    if w0 == "minus" and i + 1 < len(toks) and joined(text, toks, i + 1):
        sign, i = -1.0, i + 1
    v = vulgar(toks[i][0])
    if v is not None:
        return i + 1, sign * v, "fraction", 1
    w = toks[i][0].lower()
    # "ein halbes", "eine halbe Million", "ein Drittel"
    if w in ("ein", "eine", "einen", "einem", "einer", "eines") and i + 1 < len(toks) and joined(text, toks, i + 1):
        nxt = toks[i + 1][0].lower()
        if nxt in DE_FRACTIONS:
            value = 1.0 / DE_FRACTIONS[nxt]
            if not scale:
                return i + 2, sign * value, "fraction", 2
            return _de_scale_tail(text, toks, i + 2, sign * value, "fraction", 2)
        if nxt in DE_SCALES or nxt in ("dutzend", "hundert", "tausend"):
            mult = DE_SCALES.get(nxt) or {"dutzend": 12.0, "hundert": 100.0, "tausend": 1000.0}[nxt]
            return _de_more(text, toks, i + 2, sign * mult, 2)
        return None
    base = digit_value(w)
    words = 0
    if base is None:
        if w in DE_SCALES:
            return None  # bare "Milliarden", "Tausend": vague or a name, not a number by itself
        base = de_word(w)
        if base is None:
            return None
        words = 1
    j = i + 1
    kind = "int" if float(base).is_integer() else "mixed"
    if w in DE_HALF and w != "dreiviertel":
        kind = "mixed"
    if w == "dreiviertel" or w == "einhalb":
        kind = "fraction"
    # "zwei Komma drei"
    if j + 1 < len(toks) and toks[j][0].lower() == "komma" and joined(text, toks, j) and joined(text, toks, j + 1):
        digits = ""
        k = j + 1
        while k < len(toks) and joined(text, toks, k):
            d = de_word(toks[k][0])
            if d is None or not d.is_integer() or d > 99:
                break
            digits += str(int(d))
            k += 1
        if digits:
            return k, sign * (base + float("0." + digits)), "int", words + 1
    # "drei halbe", "zwei Drittel", "fünf und drei Viertel Milliarde"
    if j < len(toks) and joined(text, toks, j):
        nxt = toks[j][0].lower()
        if nxt in DE_FRACTIONS and words + (1 if digit_value(w) is not None else 0):
            value = base / DE_FRACTIONS[nxt]
            if not scale:
                return j + 1, sign * value, "fraction", words + 1
            return _de_scale_tail(text, toks, j + 1, sign * value, "fraction", words + 1)
        if nxt == "und" and j + 2 < len(toks) and joined(text, toks, j + 1):
            sub = parse_de(text, toks, j + 1, scale=False)
            if sub is not None and sub[2] == "fraction" and words:
                return _de_scale_tail(text, toks, sub[0], sign * (base + sub[1]), "mixed", words + sub[3])
    if words == 0:
        return None
    if kind == "fraction":
        return _de_scale_tail(text, toks, j, sign * base, kind, words)
    return _de_more(text, toks, j, sign * base, words, kind)


def _de_scale_tail(text: str, toks: list, j: int, value: float, kind: str, words: int) -> tuple[int, float, str, int]:
    """A scale word after a (fractional) number: 'eine halbe Million', 'dreieinhalb Millionen'."""
    if j < len(toks) and joined(text, toks, j) and toks[j][0].lower() in DE_SCALES:
        return (
            j + 1,
            value * DE_SCALES[toks[j][0].lower()],
            "int" if (value * DE_SCALES[toks[j][0].lower()]).is_integer() else kind,
            words + 1,
        )
    if j < len(toks) and joined(text, toks, j) and toks[j][0].lower() == "dutzend":
        return j + 1, value * 12, "int", words + 1
    return j, value, kind, words


def _de_more(text: str, toks: list, j: int, value: float, words: int, kind: str = "int") -> tuple[int, float, str, int]:
    """Scale words and the rest of the number: 'zwei Millionen eintausendeinhundertfünfzig', 'fünf Dutzend'."""
    if kind == "mixed":
        return _de_scale_tail(text, toks, j, value, kind, words)
    while j < len(toks) and joined(text, toks, j):
        w = toks[j][0].lower()
        if w in DE_SCALES and value < DE_SCALES[w]:
            value *= DE_SCALES[w]
        elif w == "dutzend":
            value *= 12
        else:
            nxt = de_word(w)
            # the rest of a number after a scale word: smaller than the part before
            if nxt is None or words == 0 or value < 1e6 or nxt >= value or not nxt.is_integer():
                break
            value += nxt
        words += 1
        j += 1
    return j, value, "int", words
