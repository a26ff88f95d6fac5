"""A figure compared with an entity is not that entity's (helpers.claims.subjects.comparison), in en/de/ja; the
entity named as the base keeps a figure attached to it, and a proportion that compares nothing stays its owner's."""

from __future__ import annotations

import pytest

from helpers.claims.subjects import subject_in_sentence
from test_subjects import one


def subject_of(sentence: str, surface: str, lang: str) -> str | None:
    start = sentence.index(surface)
    resolved, _ = subject_in_sentence(sentence, start, start + len(surface), lang, "usd", "", "")
    return resolved.value if resolved else None


@pytest.mark.parametrize(
    "sentence,surface,lang,subject",
    [
        # the base is named before the figure in its clause: the figure goes to the entity compared, or to none here
        ("Llamaの費用はGPT-4oの半分だ。", "半分", "ja", "Llama"),
        ("405はGPT-4Oモデルの推論コストの約半分だと思います。", "半分", "ja", None),
        ("It costs half of GPT-4o's price.", "half", "en", None),
        ("It is cheaper than GPT-4o by 50%.", "50%", "en", None),
        ("It runs at about half the cost of GPT-4o.", "about half", "en", None),
        ("Im Vergleich zu GPT-4o kostet es 50 Prozent weniger.", "50 Prozent", "de", None),
        ("Es ist billiger als GPT-4o um 50 Prozent.", "50 Prozent", "de", None),
        ("GPT-4oと比べ、Llamaのコストは3割安い。", "3割", "ja", "Llama"),
        # a model like another costs its own
        ("By 2026 a model comparable to GPT-4 is roughly $25 million.", "$25 million", "en", None),
        ("Ein Modell, vergleichbar mit GPT-4, kostet rund 25 Millionen Dollar.", "25 Millionen Dollar", "de", None),
        ("2026年にはGPT-4並みのモデルが約2500万ドルで作れる。", "約2500万ドル", "ja", None),
    ],
)
def test_a_figure_compared_with_an_entity_is_not_its_figure(sentence, surface, lang, subject):
    assert subject_of(sentence, surface, lang) == subject


@pytest.mark.parametrize(
    "sentence,surface,lang,subject",
    [
        ("GPT-3 had 175B parameters, Llama far fewer.", "175B", "en", "GPT"),
        ("Llama has 405B parameters, far more than GPT-3's 175B.", "175B", "en", "GPT"),
        ("Llama has 405B parameters, far more than GPT-3's 175B.", "405B", "en", "Llama"),
        ("Es kostet 10 Dollar weniger als GPT-4o mit 20 Dollar.", "20 Dollar", "de", "GPT"),
        ("LlamaはGPT-3の1750億より少ない700億のパラメータを持つ。", "1750億", "ja", "GPT"),
        ("LlamaはGPT-3の1750億より少ない700億のパラメータを持つ。", "700億", "ja", "Llama"),
    ],
)
def test_the_base_keeps_a_figure_attached_to_it(sentence, surface, lang, subject):
    assert subject_of(sentence, surface, lang) == subject


@pytest.mark.parametrize(
    "sentence,surface,lang",
    [
        ("Half of Meta's revenue comes from ads.", "Half", "en"),
        ("Revenue grew 20% in the first half of Meta's fiscal year.", "20%", "en"),
        ("Wie Meta mitteilte, stieg der Umsatz um 20 Prozent.", "20 Prozent", "de"),
        ("Die Hälfte von Metas Umsatz stammt aus Werbung, rund 50 Prozent.", "50 Prozent", "de"),
        ("Metaの設備投資は前年の2倍だ。", "2倍", "ja"),
        ("Metaの売上の半分は広告だ。", "半分", "ja"),
    ],
)
def test_a_proportion_or_source_that_compares_nothing_stays_the_owners(sentence, surface, lang):
    assert subject_of(sentence, surface, lang) == "Meta"


def test_a_compared_figure_carries_the_sentence_befores_subject():
    row = one("405はGPT-4Oモデルの推論コストの約半分だと思います。", "約半分", "ratio", lang="ja",
              previous="Llamaの最大モデルは4050億パラメータです。")  # fmt: skip
    assert (row["subject"], row["subject_basis"]) == ("Llama", "previous_sentence")
