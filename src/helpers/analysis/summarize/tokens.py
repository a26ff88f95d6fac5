"""The content words of a sentence, normalized for comparison: what summaries measure centrality over.

Japanese is compared through SudachiPy's normalized content words (so that
買い/買った/買う are one word); German and English through lowercased word
forms with light suffix stripping.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from ...text import japanese

# Sentences with fewer content words than this are never chosen for a summary.
MIN_CONTENT_TOKENS = 4

STOPWORDS: dict[str, frozenset[str]] = {
    # Normalized forms (SudachiPy normalized_form) of content-POS words that
    # carry no topic: formal nouns, light verbs, speech and thought verbs.
    "ja": frozenset(
        """
        こと 事 もの 物 者 ため 為 よう 様 ところ 所 とき 時 方 ほう 訳 わけ 筈 はず
        うち 内 中 感じ 的 風 辺 等 達 さん 君 様 皆 皆さん 人 人たち 自分 何 何か
        本当 今 今日 最近 実際 ちょっと 一つ 一 二 多く 沢山 全部 全て 以上 以下
        する 為る 居る いる 有る ある 成る なる 出来る できる 言う 云う 思う 考える
        見る 来る 行く 分かる 解る 判る 持つ 思える 聞く 話す 感じる 貰う もらう 呉れる くれる
        良い いい よい 無い ない 多い 大きい 凄い すごい
        """.split()
    ),
    "de": frozenset(
        """
        aber alle allem allen aller alles als also am an ander andere anderen anders auch auf aus
        bei beim bin bis bisschen bist da dabei dadurch dafür damit dann daran darauf darum das dass
        dem den denen denn der deren des deshalb dich die dies diese diesem diesen dieser dieses dir
        doch dort du durch eben ein eine einem einen einer eines einfach einige er es etwa etwas euch
        euer für ganz gar gibt gewesen habe haben hast hat hatte hätte hier hin ich ihm ihn ihnen ihr
        ihre ihrem ihren ihrer im immer in ins ist ja jede jedem jeden jeder jetzt kann kein keine
        können könnte man manche mehr mein meine meinem meinen meiner mich mir mit muss müssen nach
        nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen seiner sich sie
        sind so sogar solche soll sollte sondern sonst über um und uns unser unsere unter viel viele
        vom von vor wahrscheinlich war waren warum was weil weiß weißt welche wenn wer werde werden
        wie wieder will wir wird wirklich wo wollen wurde würde würden zu zum zur zwar zwischen
        denke glaube sagen sagte sage gesagt machen macht gemacht sehen sieht dinge ding okay
        """.split()
    ),
    "en": frozenset(
        """
        a about after again all also am an and any are as at be because been before being but by can
        could did do does doing don done for from get got had has have having he her here him his how
        i if in into is it its just know like me more most my no not now of on one only or other our
        out over really said say so some such than that the their them then there these they thing
        things think this those through to too up us very was we were what when where which who why
        will with would yeah you your going gonna lot kind sort mean right okay well
        """.split()
    ),
}
# Everyday words of each language: content words by part of speech, but spread through any
# talk or article whatever its subject (a short word-frequency list of our own). They still
# count for centrality, at COMMON_WEIGHT, so that sentences sharing only them are not "central".
COMMON_WEIGHT = 0.25
COMMON: dict[str, frozenset[str]] = {
    "en": frozenset(
        """
        actually always another around back bad best better big bit come comes coming day days
        different doesn done else even ever every everybody everyone everything example fact feel
        few find first give go goes good great guess guy guys happen happened hard help honestly
        idea important interesting keep last least let life little long look looking lot lots
        made make makes making many maybe much need new next nice obviously oh part people person
        place point pretty probably put question quite rather real reason same saying see seem
        seems show something sometimes start started stuff sure take talk talking tell thing
        things thought time times today together try trying turn two understand use used want
        wanted way ways went whole work working world year years yes yet
        """.split()
    ),
    "de": frozenset(
        """
        anfang art bisher dabei dann deswegen eigentlich ende erst erste ersten fall frage ganze
        geht gehen gut gute guten heute hier irgendwie jahr jahre jahren kommen kommt lange leute
        letzte letzten mal menschen natürlich neue neuen nämlich prinzip punkt richtig sache sachen
        schon sicher sozusagen spannend stelle teil thema tun vielleicht weise welt wichtig wissen
        zeit ziemlich zumindest
        """.split()
    ),
    "ja": frozenset(
        """
        人々 素晴らしい 非常 問題 部分 場合 意味 必要 重要 大切 世界 会社 仕事 時間 気 話 形 面
        点 側 今回 前回 最初 最後 結局 一番 全然 色々 いろいろ 大体 普通 簡単 面白い 難しい 新しい
        """.split()
    ),
}
# (suffix, replacement), longest first: the first match is replaced, once.
SUFFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "de": tuple((x, "") for x in ("ungen", "ung", "ern", "em", "en", "er", "es", "e", "n", "s")),
    "en": (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("ly", ""), ("s", "")),
}
_MIN_STEM = 4

# Parts of speech (SudachiPy, first level) that carry content.
_JA_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞"})
# Second/third levels that do not, even under a content POS: numerals (numbers
# are counted by the claims module, not by centrality), counters, and
# auxiliary-like uses (いる/ある/する after a te-form).
_JA_SKIP_SUBPOS = frozenset({"数詞", "非自立可能", "助数詞可能", "助動詞語幹"})
_LATIN_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’-](?=[^\W\d_]))*", re.UNICODE)
_NAME_WORD = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W\d_]", re.UNICODE)
_MIXED_CASE = re.compile(r"^[^\W\d_]*(?:[A-Z]{2,}|[a-z][A-Z]|\d)")
_JA_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def _stem(word: str, lang: str) -> str:
    for suffix, replacement in SUFFIXES.get(lang, ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)] + replacement
    return word


@cache
def _ja_content_pos(pos_id: int) -> bool:
    # A dictionary has a few thousand parts of speech; every sentence's every word asks about one.
    pos = japanese.dictionary().pos_of(pos_id)
    return pos[0] in _JA_CONTENT_POS and pos[1] not in _JA_SKIP_SUBPOS and pos[2] not in _JA_SKIP_SUBPOS


def _ja_tokens(text: str) -> list[str]:
    return _ja_tokens_and_names(text)[0]


def _ja_tokens_and_names(text: str) -> tuple[list[str], set[str]]:
    out: list[str] = []
    names: set[str] = set()
    stop = STOPWORDS["ja"]
    for m in japanese.morphemes(text):
        if not _ja_content_pos(m.part_of_speech_id()):
            continue
        form = m.normalized_form()
        if form in stop or m.dictionary_form() in stop:
            continue
        if form.isascii():
            form = form.lower()
            # Stray Latin letters (the H of "H100") and English stop words
            # inside Japanese text are not content.
            if len(form) < 2 or form in STOPWORDS["en"]:
                continue
        elif len(form) == 1 and unicodedata.name(form, "").startswith("HIRAGANA"):
            continue
        out.append(form)
        if _ja_proper(m.part_of_speech_id()) or (form.isascii() and len(form) > 2):
            names.add(form)
    return out, names


@cache
def _ja_proper(pos_id: int) -> bool:
    return japanese.dictionary().pos_of(pos_id)[1] == "固有名詞"


def _word_tokens(text: str, lang: str) -> list[str]:
    stops = STOPWORDS.get(lang) or (STOPWORDS["de"] | STOPWORDS["en"])
    out: list[str] = []
    for match in _LATIN_WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if len(word) < 2 or word in stops:
            continue
        out.append(_stem(word, lang))
    return out


def _word_names(text: str, lang: str) -> set[str]:
    """Names in German or English: acronyms and mixed case (GPU, H100, OpenAI), English words
    capitalised inside a sentence, and runs of two or more capitalised words (Hugo Boss)."""
    names: set[str] = set()
    words = [(m.group(), m.start()) for m in _NAME_WORD.finditer(text)]
    run: list[str] = []
    for i, (word, _) in enumerate(words + [("", len(text))]):
        capital = bool(word) and word[0].isupper() and i > 0
        if capital:
            run.append(word)
        else:
            if len(run) >= 2:
                names.add(" ".join(run).lower())
            run = []
        if not word:
            continue
        if (_MIXED_CASE.search(word) and not word[0].isdigit()) or (
            lang != "de" and capital and word.lower() not in STOPWORDS["en"]
        ):
            names.add(word.lower())
    return names


def _token_lists(texts: Sequence[str], langs: Sequence[str]) -> list[list[str]]:
    """``content_tokens`` of each sentence; a sentence said again in the document is tokenized once."""
    return [tokens for tokens, _ in analyse(texts, langs)]


def analyse(texts: Sequence[str], langs: Sequence[str]) -> list[tuple[list[str], set[str]]]:
    """(content words, names) of each sentence; a sentence said again is analysed once."""
    seen: dict[tuple[str, str], tuple[list[str], set[str]]] = {}
    out = []
    for key in zip(texts, langs):
        found = seen.get(key)
        if found is None:
            found = seen[key] = content_tokens_and_names(*key)
        out.append(found)
    return out


def content_tokens_and_names(text: str, lang: str) -> tuple[list[str], set[str]]:
    """``content_tokens`` of a sentence and the names it mentions (lowercased), in one pass."""
    if lang == "ja" or (lang not in SUFFIXES and _JA_SCRIPT.search(text)):
        return _ja_tokens_and_names(text)
    return _word_tokens(text, lang), _word_names(text, lang)


def content_tokens(text: str, lang: str) -> list[str]:
    """The content words of one sentence, normalized for comparison.

    ``lang`` is "ja", "de", "en" or anything else; an unknown language is
    read as Japanese when the text is in Japanese script, else as words.
    """
    return content_tokens_and_names(text, lang)[0]


def common_weight(token: str, lang: str) -> float:
    """How much a content word counts for centrality: ``COMMON_WEIGHT`` for the everyday words
    of the language (Leute, 人々, great), which every sentence of a talk shares; else 1."""
    return COMMON_WEIGHT if token in _common(lang) else 1.0


@cache
def _common(lang: str) -> frozenset[str]:
    words = COMMON.get(lang)
    if words is None:
        return frozenset().union(*(_common(x) for x in COMMON))
    return frozenset(_stem(w, lang) for w in words) | frozenset(words)
