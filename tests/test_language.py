"""Script-first language detection on real corpus lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.text import language
from helpers.text.language import (
    detect_lang,
    detector,
    document_lang,
    line_lang,
    plain_words,
    script_lang,
    sentence_lang,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("彼らは最近、大規模言語モデルのLlama 3.10をリリースしてオープンソース化しました。", "ja"),
        ("Meta AI汎用アシスタントは、チャットボットよりも複雑なタスクを実行できるものになっていく。", "ja"),
        ("Zuckerberg glaubt, dass AR-Brillen und VR-Headsets zum Kern zukünftiger Computerplattformen werden.", "de"),
        ("Meta’s 0 Million AI Hiring Spree: Why Are Top Researchers Quitting?", "en"),
        (
            "Meta’s splashing mega-millions to lure top AI minds—but new hires are walking right back out the door.",
            "en",
        ),
        ("Hey, alle sind beschäftigt.", "de"),
        ("(07:18)", "unknown"),
        ("2024-08-12", "unknown"),
        ("OK", "unknown"),
        ("Ja.", "unknown"),  # as German as English: lingua is below the confidence floor
        ("", "unknown"),
    ],
)
def test_detect_lang_on_corpus_lines(text, expected):
    assert detect_lang(text) == expected


def test_script_lang():
    assert script_lang("Jensen HuangとMark Zuckerbergの両氏による") == "ja"
    assert script_lang("ｶﾀｶﾅ") == "ja"
    assert script_lang("Mark Zuckerberg: Thanks.") is None
    assert script_lang("Größe") is None


def test_detector_is_built_once():
    assert detector() is detector()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("000_a86c1cdb2fa65775", "ja"),
        ("001_42769d631cd94a90", "de"),
        ("002_eb63065994b04cab", "ja"),
        ("003_ff97695cd6ad6ecf", "ja"),
        ("004_212789ab223fc4b9", "ja"),
    ],
)
def test_document_lang_of_seeds(name, expected):
    assert document_lang((SEEDS / f"{name}.txt").read_text(encoding="utf-8")) == expected


def test_document_lang_majority_not_any():
    # A German article with a language menu naming 日本語 stays German; a
    # Japanese article with an English teaser stays Japanese.
    de = "Das ist ein langer deutscher Absatz über Rechenzentren und Modelle.\n한어EnglishFrançais日本語Deutsch\n"
    ja = "これは日本語の段落です。MetaはLlamaを公開した。\nWhy Are Top Researchers Quitting?\n"
    assert document_lang(de) == "de"
    assert document_lang(ja) == "ja"
    assert document_lang("12:30\n\n") == "unknown"


@pytest.mark.parametrize(
    "text, doc_lang",
    [
        # lingua reads the names as German (0.68) or English: the plain words are the document's language
        ("The Galaxy S24 Ultra has Wi-Fi 7, Bluetooth 5.3 and a Snapdragon 8 Gen 3 chip.", "en"),
        ("Im Test: Apple Watch Ultra 2 mit Always-On Display und Double Tap.", "de"),
    ],
)
def test_names_and_numbers_do_not_flip_a_sentence(text, doc_lang):
    other = "de" if doc_lang == "en" else "en"
    assert detect_lang(text) == other  # the trap: the whole sentence reads as the other language
    assert sentence_lang(text, doc_lang) == doc_lang
    assert line_lang(text) == doc_lang


@pytest.mark.parametrize(
    "text, doc_lang, expected",
    [
        ("Der Vorstand hat beschlossen, die Dividende zu erhöhen.", "en", "de"),
        ("He said the Bundesbank sees growth of 0.3 percent.", "de", "en"),
    ],
)
def test_a_sentence_in_the_other_language_keeps_it(text, doc_lang, expected):
    assert sentence_lang(text, doc_lang) == expected


def test_plain_words_drop_names_codes_and_numbers():
    assert plain_words("The Galaxy S24 Ultra has Wi-Fi 7, Bluetooth 5.3 and a Snapdragon 8 Gen 3 chip.") == (
        "The has and a chip"
    )
    assert plain_words("Samsung Galaxy Tab S9 FE: Exynos 1380, Wi-Fi 6, 8 GB RAM.") == ""


def test_a_few_stray_words_of_an_unsure_line_do_not_decide_its_language():
    """A spreadsheet formula's "cmd calc hat" reads 0.62 English: too unsure to make the line, and with it a
    German document, English; a sentence's plain words that are clearly English still decide."""
    from helpers.text.language import document_lang, line_lang

    assert line_lang("+cmd|' /C calc'!A0 hat 3 GPUs.") == "unknown"
    formulas = (
        "=HYPERLINK(\"http://x.example\",\"klick\") 5 GPUs.\n+cmd|' /C calc'!A0 hat 3 GPUs.\n-2+3 sind 10 Prozent.\n"
    )
    assert document_lang(formulas) == "de"
    line = "Apple sold 10 million phones last year. The Galaxy S24 Ultra has Wi-Fi 7, Bluetooth 5.3 and a chip."
    assert line_lang(line) == "en"


# Lines lingua reads surely (SURE) as English, each with a sentence in it that is not.
_SURE_EN_LINE = (
    "Der Vorstand hat beschlossen, die Dividende zu erhöhen. Analysts expect the payout to rise by 10 percent next "
    "year, the third increase in a row, as profits keep growing and growing across every region the company serves."
)


@pytest.mark.parametrize(
    "text, line, doc_lang, expected",
    [
        ("Der Vorstand hat beschlossen, die Dividende zu erhöhen.", _SURE_EN_LINE, "en", "de"),
        (
            "He said the Bundesbank sees growth of 0.3 percent.",
            "He said the Bundesbank sees growth of 0.3 percent. Die Regierung hält an ihrer Prognose fest und rechnet "
            "für das kommende Jahr mit einem Wachstum von einem Prozent, wie das Ministerium am Dienstag mitteilte.",
            "de",
            "en",
        ),
    ],
)
def test_a_quoted_sentence_keeps_its_language_in_a_line_read_surely_as_the_other(text, line, doc_lang, expected):
    from helpers.text.language import reads_surely

    assert reads_surely(line, doc_lang)  # the trap: the whole line reads surely as the document's language
    assert sentence_lang(text, doc_lang, line_sure=True) == expected


def test_lingua_reads_each_line_once_not_its_sentences_or_its_group_again(monkeypatch):
    """The lines are read for the document's majority; their sentences and the front group (two lines) are not
    read again where the line reads surely as the document's language and the sentence has its words."""
    from helpers.text import language
    from helpers.text.parse import parse_document

    lines = [
        "The company reported its results for the third quarter on Tuesday, and the numbers were better than most "
        "analysts had expected. Revenue rose by 12 percent to 4.1 billion dollars.",
        "The chief executive said that demand for its cloud products was still growing, and that the next quarter "
        "would be just as strong. It has raised its forecast for the full year again.",
        "",
        "Shares of the company rose by 5 percent in early trading. They have gained 40 percent this year, more than "
        "any other stock in the index. Some investors said that the price was now too high for them.",
    ]
    real = language.detector()
    read: list[str] = []

    class Recording:
        def compute_language_confidence_values(self, text):
            read.append(text)
            return real.compute_language_confidence_values(text)

    monkeypatch.setattr(language, "detector", lambda: Recording())
    monkeypatch.setattr(language, "SETTLED_WORDS", 10**9)  # lingua, not the function words, reads every line here
    language._latin_answer.cache_clear()
    doc = parse_document("\n".join(lines), "results")
    language._latin_answer.cache_clear()
    assert len(doc.sentences) >= 7 and {s.lang for s in doc.sentences} == {"en"}
    assert sorted(read) == sorted(ln for ln in lines if ln)
    # with the function words, lingua reads none of these lines: each has a dozen words only English writes
    read.clear()
    monkeypatch.undo()
    monkeypatch.setattr(language, "detector", lambda: Recording())
    doc_again = parse_document("\n".join(lines), "results")
    language._latin_answer.cache_clear()
    assert [s.lang for s in doc_again.sentences] == [s.lang for s in doc.sentences] and read == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Net sales for the quarter came to $1.1 billion, which is $192 million, or 20%, above last year.", "en"),
        ("Flydubai has 251 on order: 131 MAX 8s, 70 MAX 9s and 50 MAX 10s.", "en"),  # lingua: unsure (0.57)
        ("Microsoft's capex was $22.6 billion last quarter.", "en"),  # lingua: unsure (0.51); the figures' words
        ("Mit dabei sind Eric und Alex, und ich bin Martin.", "de"),
        ("Der Film heißt The Day After the War und läuft ab Donnerstag.", None),  # both languages' words: lingua
        ("Analysts at the bank", None),  # two of English's own words: too few
        ("Samsung Galaxy Tab S9 FE: Exynos 1380, Wi-Fi 6, 8 GB RAM, and a big screen for the kids", None),  # 3 of 19
    ],
)
def test_function_words_settle_a_line_without_lingua(text, expected):
    assert language._function_words_lang(text) == expected


def _fixture_lines() -> list[str]:
    root = Path(__file__).resolve().parent / "fixtures" / "claims"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return sorted({line for text in texts for line in text.split("\n") if line.strip()})


def test_lines_settled_by_function_words_read_as_lingua_reads_them_where_lingua_is_sure(monkeypatch):
    """Every line of the claims gold and the seeds that its function words settle, and that lingua reads surely, has
    the language lingua gives it; where they differ lingua was unsure, names, numbers or an address crowding the line
    ("Flydubai has 251 on order: 131 MAX 8s, 70 MAX 9s and 50 MAX 10s." reads 0.57: unknown, now English)."""
    settled = {line: language._function_words_lang(line) for line in _fixture_lines()}
    settled = {line: lang for line, lang in settled.items() if lang is not None}
    monkeypatch.setattr(language, "SETTLED_WORDS", 10**9)
    language._latin_answer.cache_clear()
    try:
        differ = {line for line, lang in settled.items() if line_lang(line) != lang}
        assert all(language._latin_answer(line)[1] < language.SURE for line in differ)
    finally:
        language._latin_answer.cache_clear()
    assert {"en", "de"} <= set(settled.values()) and len(settled) > 100 * len(differ)


@given(st.text(max_size=40))
def test_letter_count_is_the_length_of_the_letter_runs(text):
    """The byte-level count of ASCII letters plus the runs of the others: the length of every ``[^\\W\\d_]`` run."""
    assert language.letter_count(text) == sum(len(run) for run in re.findall(r"[^\W\d_]+", text))
    assert language.letter_count("Straße “quoted” ’s naïve 日本語 ſ \u212a 12") == 6 + 6 + 1 + 5 + 3 + 1 + 1
