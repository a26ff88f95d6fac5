"""Numeral finders for Japanese text: digits and kanji numerals (kanji-only ones where SudachiPy tags
a numeral), vague numerals (数百億), 割/分/厘 (3割8分7厘), hiragana readings (にじゅうさん) and
fractions (3分の2).
"""

from __future__ import annotations

import re

from .. import numbers
from ..lexicon import JA_CORE, JA_VAGUE, JA_VAGUE_FOLLOW
from .model import _Core, _overlaps, _spans

_JA_NUM = r"[0-9〇零一二三四五六七八九十百千万億兆.]+"
_JA_FRACTION = re.compile(
    rf"(?P<sign>-|マイナス)?(?<!{_JA_NUM[:-1]})(?:(?P<whole>{_JA_NUM})と)?(?P<den>{_JA_NUM})分の(?P<num>{_JA_NUM})"
)
# a hiragana run made only of numeral readings (the parser then checks it is one numeral)
_KANA_RUN = re.compile(r"(?<![ぁ-ゖ])(?:" + "|".join(numbers.KANA_TOKENS) + r")+(?![ぁ-ゖ])")
_JA_WARI = re.compile(
    rf"(?<![0-9.{'〇零一二三四五六七八九十'}])([0-9.{'〇零一二三四五六七八九十'}]+)\s?割(?:([0-9一二三四五六七八九])分)?(?:([0-9一二三四五六七八九])厘)?(半)?"
)
_KANA_MULTIPLIERS = ("じゅう", "じゅっ", "ひゃく", "びゃく", "ぴゃく", "せん", "ぜん", "まん", "おく", "ちょう")


def _sudachi_numerals(text: str) -> tuple[frozenset[int], dict[int, int]]:
    """Start offsets of SudachiPy numeral (数詞) tokens and where each numeral run ends."""
    from ...text.japanese import tokenize

    starts: set[int] = set()
    ends: dict[int, int] = {}
    run_start: int | None = None
    for off, m in tokenize(text):
        is_num = m.part_of_speech()[1] == "数詞"
        if is_num:
            starts.add(off)
            if run_start is None:
                run_start = off
            ends[run_start] = off + len(m.surface())
        else:
            run_start = None
    return frozenset(starts), ends


def _ja_cores(text: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """Digit and kanji numerals, then the vague numerals that none of them covers."""
    cores = _ja_numerals(text, taken)
    return cores + _ja_vague(text, taken + _spans(cores))


def _ja_numerals(text: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """Digit and kanji numerals with their sign (−5, マイナス10000)."""
    cores: list[_Core] = []
    sudachi: tuple[frozenset[int], dict[int, int]] | None = None
    for m in JA_CORE.finditer(text):
        s, e = m.start(), m.end()
        surface = m.group(0)
        if _overlaps(s, e, taken):
            continue
        if not any(c.isdigit() for c in surface):
            # Kanji-only: trust it only where SudachiPy tags a numeral (一緒, 十分, 統一 are words)
            if sudachi is None:
                sudachi = _sudachi_numerals(text)
            if s not in sudachi[0]:
                # SudachiPy misses some numerals standing alone (千三百, 四十万); a digit with 百/千/万/億/兆
                # after it is a numeral in any case (万一 "just in case" starts with the multiplier)
                if not re.fullmatch(
                    r"[〇零一二三四五六七八九十][〇零一二三四五六七八九十百千万億兆・]*[百千万億兆][〇零一二三四五六七八九十百千万億兆・]*",
                    surface,
                ) or text[s - 1 : s] in ("何", "数", "幾"):
                    continue
            elif "・" not in surface:  # 九・二三: the point between kanji digits is evidence enough
                e = min(e, sudachi[1].get(s, e))
            surface = text[s:e]
            if surface and surface[-1] in "万億兆" and len(surface) == 1:
                continue
        # digits run straight into 万/億/兆 of a vague word (数十億) are handled by JA_VAGUE
        v = numbers.parse_japanese(surface)
        if v is None:
            # trailing scale char without a number or garbage: try without the tail
            continue
        # −5, マイナス10000: a sign before the numeral (マイナス1から0, a phase name, is taken already)
        if s >= 1 and text[s - 1] == "-" and (s == 1 or not (text[s - 2].isascii() and text[s - 2].isalnum())):
            v, s = -v, s - 1
        elif text[max(0, s - 4) : s] == "マイナス":
            v, s = -v, s - 4
        cores.append(_Core(s, e, v, v, scaled=any(c in "万億兆" for c in surface)))
    return cores


def _ja_vague(text: str, blocked: list[tuple[int, int]]) -> list[_Core]:
    """数百億, 何千人, 数十: a vague numeral from the bracket table, scaled by 万/億/兆 where one follows it."""
    cores: list[_Core] = []
    for m in JA_VAGUE.finditer(text):
        s, e = m.start(), m.end()
        if _overlaps(s, e, blocked) or _overlaps(s, e, _spans(cores)):
            continue
        word = m.group(0)
        prefix = word.rstrip("万億兆")
        bracket = numbers.vague_bracket(prefix, "ja")
        if bracket is None:
            continue
        follow = JA_VAGUE_FOLLOW.match(text, e)
        if not follow:
            continue
        if follow.group(0) in ("の", "という", "、") and len(prefix) == 1 and word == prefix:
            continue  # 何の, 数の: not numerals
        scale = numbers.parse_japanese("1" + word[len(prefix) :]) if word != prefix else 1.0
        if scale is None:
            continue
        cores.append(_Core(s, e, bracket[0] * scale, bracket[1] * scale, vague=True, scaled=word != prefix))
    return cores


def _ja_wari(text: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """3割8分7厘 (38.7 %), 七割半 (75 %): tenths, hundredths and thousandths written out."""
    cores: list[_Core] = []
    for m in _JA_WARI.finditer(text) if "割" in text else ():
        if _overlaps(m.start(), m.end(), taken) or not (m.group(2) or m.group(3) or m.group(4)):
            continue
        tenths, hundredths, thousandths = (numbers.parse_japanese(g) if g else 0.0 for g in m.group(1, 2, 3))
        if tenths is None or hundredths is None or thousandths is None:
            continue
        v = 10 * tenths + hundredths + thousandths / 10 + (5.0 if m.group(4) else 0.0)
        cores.append(_Core(m.start(), m.end(), v, v, unit="percent"))
    return cores


def _kana_numerals(text: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """にじゅうさん, さんびゃく: a hiragana run that is one numeral from end to end; a lone short reading
    only between spaces (さん after a name is "Mr.", に and ご are particles and prefixes)."""
    cores: list[_Core] = []
    for m in _KANA_RUN.finditer(text) if " " in text or any(k in text for k in _KANA_MULTIPLIERS) else ():
        if _overlaps(m.start(), m.end(), taken):
            continue
        parsed = numbers.parse_hiragana(m.group(0))
        if parsed is None or parsed[0] is None:
            continue
        v, tokens, multiplier = parsed
        alone = (m.start() == 0 or text[m.start() - 1] == " ") and (m.end() == len(text) or text[m.end()] == " ")
        if multiplier and tokens >= 2 or alone and len(m.group(0)) >= 2:
            cores.append(_Core(m.start(), m.end(), v, v, word=True))
    return cores


def _ja_fractions(text: str, taken: list[tuple[int, int]]) -> list[_Core]:
    """3分の2 (two thirds), 1と2分の1 (one and a half), マイナス5分の4, 100億分の1."""
    cores: list[_Core] = []
    for m in _JA_FRACTION.finditer(text) if "分の" in text else ():
        if _overlaps(m.start(), m.end(), taken):
            continue
        num = numbers.parse_japanese(m.group("num"))
        den = numbers.parse_japanese(m.group("den"))
        whole = numbers.parse_japanese(m.group("whole")) if m.group("whole") else None
        if num is None or not den or (m.group("whole") and whole is None):
            continue
        sign = -1.0 if m.group("sign") else 1.0
        if whole is not None:
            v = sign * (whole + num / den)
            cores.append(_Core(m.start(), m.end(), v, v))
        else:
            cores.append(_Core(m.start(), m.end(), sign * 100 * num / den, sign * 100 * num / den, kind="fraction"))
    return cores


def _dedupe(cores: list[_Core]) -> list[_Core]:
    seen: set[tuple[int, int]] = set()
    out = []
    for c in sorted(cores, key=lambda c: (c.start, -(c.end - c.start))):
        if (c.start, c.end) in seen or any(s <= c.start and c.end <= e for s, e in seen):
            continue
        seen.add((c.start, c.end))
        out.append(c)
    return out
