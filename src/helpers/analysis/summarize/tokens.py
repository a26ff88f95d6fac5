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
    out: list[str] = []
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
    return out


def _word_tokens(text: str, lang: str) -> list[str]:
    stops = STOPWORDS.get(lang) or (STOPWORDS["de"] | STOPWORDS["en"])
    out: list[str] = []
    for match in _LATIN_WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if len(word) < 2 or word in stops:
            continue
        out.append(_stem(word, lang))
    return out


def _token_lists(texts: Sequence[str], langs: Sequence[str]) -> list[list[str]]:
    """``content_tokens`` of each sentence; a sentence said again in the document is tokenized once."""
    seen: dict[tuple[str, str], list[str]] = {}
    out = []
    for key in zip(texts, langs):
        tokens = seen.get(key)
        if tokens is None:
            tokens = seen[key] = content_tokens(*key)
        out.append(tokens)
    return out


def content_tokens(text: str, lang: str) -> list[str]:
    """The content words of one sentence, normalized for comparison.

    ``lang`` is "ja", "de", "en" or anything else; an unknown language is
    read as Japanese when the text is in Japanese script, else as words.
    """
    if lang == "ja" or (lang not in SUFFIXES and _JA_SCRIPT.search(text)):
        return _ja_tokens(text)
    return _word_tokens(text, lang)
