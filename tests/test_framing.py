"""How a figure is framed (helpers.claims.framing): actual, guidance, forecast, general statement, generation, in en/de/ja."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.claims.framing import STATUSES, Frame, clause_around, frame_of


@pytest.mark.parametrize(
    "sentence,surface,lang,status",
    [
        ("Capital expenditures were $14.3 billion in the fourth quarter.", "$14.3 billion", "en", "actual"),
        ("We expect to invest approximately $75 billion in capital expenditures in 2025.", "approximately $75 billion", "en", "guidance"),
        ("Revenue was $22.6 billion in the second quarter, in line with expectations.", "$22.6 billion", "en", "actual"),
        ("Analysts expect Meta's capital expenditures to reach $50 billion next year.", "$50 billion", "en", "forecast"),
        ("Im vierten Quartal setzte Amazon 187,8 Milliarden Dollar um.", "187,8 Milliarden Dollar", "de", "actual"),
        ("Nvidia hat im Quartal einen Umsatz von 39,3 Milliarden Dollar erzielt.", "39,3 Milliarden Dollar", "de", "actual"),
        ("Für das laufende Quartal stellt Nvidia einen Umsatz von 43 Milliarden Dollar in Aussicht.", "43 Milliarden Dollar", "de", "guidance"),
        ("Analysten erwarten einen Umsatz von 40 Milliarden Dollar.", "40 Milliarden Dollar", "de", "forecast"),
        ("アルファベットの2025年の設備投資は914億ドルだった。", "914億ドル", "ja", "actual"),
        ("同社は年初の時点で、2025年の設備投資を約750億ドルと見込んでいた。", "約750億ドル", "ja", "guidance"),
        ("市場予想では売上高は400億ドルとされる。", "400億ドル", "ja", "forecast"),
        # an outlook reaches the figures coordinated after it in its sentence
        ("We plan 63 to 64 new restaurants, about 55 company-owned and 8 to 9 franchised.", "8 to 9", "en",
         "guidance"),
        ("We now expect growth of about 4%, and total revenue growth of 20% to 21%.", "20% to 21%", "en", "guidance"),
        ("For the full year we see commodity inflation of about 6%.", "about 6%", "en", "guidance"),
        ("Wir erwarten 4 % Wachstum, im Ausland 2 %.", "2 %", "de", "guidance"),
        # ... but not past a verb that reports what happened, a contrast or a "now"
        ("We expect growth of 4%, and revenue was $5 billion.", "$5 billion", "en", "actual"),
        ("We plan to buy 350,000 GPUs, but now we run 240,000.", "240,000", "en", "actual"),
        ("年末までに35万個を購入する計画だが、今は22万個で学習している。", "22万個", "ja", "actual"),
        ("Was oft übersehen wird, ist, dass es vor 10 Jahren begann.", "10 Jahren", "de", "actual"),
    ],
)
def test_status_in_three_languages(sentence, surface, lang, status):
    assert frame_of(sentence, surface, lang).status == status


@pytest.mark.parametrize(
    "sentence,surface,lang",
    [
        ("Right, and large language models in general are trained on something like 10 to the 13 tokens.", "10 to the 13 tokens", "en"),
        ("Sprachmodelle werden generell mit rund 10 Billionen Token trainiert.", "10 Billionen Token", "de"),
        ("一般的に、大規模言語モデルは10兆トークンで学習される。", "10兆トークン", "ja"),
    ],
)
def test_general_statements(sentence, surface, lang):
    assert frame_of(sentence, surface, lang).generic


def test_one_models_figure_is_not_general():
    assert not frame_of("Llama 3 was trained on 15 trillion tokens.", "15 trillion tokens", "en").generic


@pytest.mark.parametrize(
    "sentence,surface,lang,generation",
    [
        ("Meta's next-generation cluster has more than 100,000 GPUs.", "100,000 GPUs", "en", "next"),
        ("The previous cluster generation at Meta had about 16,000 GPUs.", "16,000 GPUs", "en", "previous"),
        ("Die nächste Generation der Cluster hat 100.000 GPUs.", "100.000 GPUs", "de", "next"),
        ("次世代のクラスターは10万個のGPUを備える。", "10万個", "ja", "next"),
        ("Meta trained Llama 3 on clusters of 24,000 GPUs.", "24,000 GPUs", "en", ""),
    ],
)
def test_generations(sentence, surface, lang, generation):
    assert frame_of(sentence, surface, lang).generation == generation


def test_cues_are_read_in_the_figures_own_clause():
    s = "Revenue was $96.5 billion in the fourth quarter, and we expect growth to continue."
    assert clause_around(s, s.index("$96.5"), s.index(" in the")) == "Revenue was $96.5 billion in the fourth quarter"
    assert frame_of(s, "$96.5 billion", "en").status == "actual"


def test_short_cues_end_the_word():
    # "will" is not "willing", "plan" not "planet"
    assert frame_of("Shareholders were willing to pay $5 billion.", "$5 billion", "en").status == "actual"
    assert frame_of("The planet has 8 billion people.", "8 billion", "en").status == "actual"


@given(st.text(max_size=80), st.sampled_from(["en", "de", "ja", "fr", ""]))
def test_any_text_gets_a_frame(text, lang):
    f = frame_of(text, text[:5], lang)
    assert isinstance(f, Frame) and f.status in STATUSES and f.generation in ("", "next", "previous")
