"""Summaries, fourth round: a show's cold open is no introduction, an interviewer's statements are no content,
a demonstrative with its own figure stands alone, a factor said in a word is a figure (en, de, ja)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.analysis.summarize.document import _summary
from helpers.analysis.summarize.features import _MULTIPLIER_WORD, dangling, host_intro, quantity_counts
from helpers.analysis.summarize.selection import with_standfirst

COLD_OPEN = {
    "en": [
        ("Guest", "Maybe my problem is that I always wonder whether other people have a better life than me."),
        ("Host", "That sounds like something for a therapist to figure out, honestly."),
        ("Guest", "If we can be each other's therapists, I'm in, that works for me."),
        ("Host", "Welcome to the show, the story of building software companies."),
        ("Host", "My guest recently sold his bootstrapped analytics company to a payments firm for $200 million."),
        ("Host", "How did it start?"),
        ("Guest", "I left my job in 2012 and started a pricing research company with two friends."),
        ("Host", "Why sell?"),
        ("Guest", "Because our customers kept asking us to handle billing for them."),
        ("Host", "Did you ever raise money?"),
        ("Guest", "A little from friends and family early on, and then never again."),
        ("Host", "Did you think about staying independent?"),
        ("Guest", "Of course, but building payments ourselves would have taken years."),
        ("Host", "What comes next?"),
        ("Guest", "I want to spend more time with my family before starting anything new."),
        ("Host", "Thanks for coming on."),
    ],
    "de": [
        ("Gast", "Vielleicht ist mein Problem, dass ich mich immer frage, ob andere besser leben als ich."),
        ("Host", "Das klingt nach einem Thema für eine Therapeutin, ganz ehrlich gesagt."),
        ("Gast", "Wenn wir uns gegenseitig therapieren können, bin ich dabei, das passt mir."),
        ("Host", "Herzlich willkommen zu unserer Sendung über den Aufbau von Softwarefirmen."),
        ("Host", "Mein Gast hat seine Analysefirma gerade für 200 Millionen Dollar an einen Zahlungsdienst verkauft."),
        ("Host", "Wie fing das an?"),
        ("Gast", "Ich habe 2012 meine Stelle gekündigt und mit zwei Freunden eine Preisberatung gegründet."),
        ("Host", "Warum verkaufen?"),
        ("Gast", "Weil unsere Kunden uns immer wieder gebeten haben, die Abrechnung zu übernehmen."),
        ("Host", "Habt ihr je Geld aufgenommen?"),
        ("Gast", "Am Anfang ein wenig von Freunden und Familie, danach nie wieder."),
        ("Host", "Wolltet ihr nicht unabhängig bleiben?"),
        ("Gast", "Natürlich, aber selbst Zahlungen aufzubauen hätte Jahre gedauert."),
        ("Host", "Was kommt als Nächstes?"),
        ("Gast", "Ich möchte mehr Zeit mit meiner Familie verbringen, bevor ich etwas Neues anfange."),
        ("Host", "Danke, dass du da warst."),
    ],
    "ja": [
        ("ゲスト", "ほかの人のほうが良い人生を送っているのではと、いつも気になってしまうのが悩みなんです。"),
        ("ホスト", "それはカウンセラーに相談すべき話かもしれないと思いますよ。"),
        ("ゲスト", "お互いにカウンセラーになれるなら、喜んで引き受けたいと思っています。"),
        ("ホスト", "ソフトウェア企業づくりの舞台裏をお届けします。"),
        ("ホスト", "今日のゲストは、自己資金で育てた分析会社を決済会社に2億ドルで売却したばかりの起業家です。"),
        ("ホスト", "どうやって始めたんですか？"),
        ("ゲスト", "2012年に会社を辞めて、友人2人と価格調査の会社を立ち上げました。"),
        ("ホスト", "なぜ売却を？"),
        ("ゲスト", "顧客から請求業務も引き受けてほしいと何度も頼まれたからです。"),
        ("ホスト", "資金調達はしたんですか？"),
        ("ゲスト", "最初に友人や家族から少しだけ集めて、その後は一度もしていません。"),
        ("ホスト", "独立を続けることは考えましたか？"),
        ("ゲスト", "もちろんです。ただ決済を自分たちで作れば何年もかかったでしょう。"),
        ("ホスト", "これからは？"),
        ("ゲスト", "新しいことを始める前に、家族との時間をもっと取りたいと思っています。"),
        ("ホスト", "ありがとうございました。"),
    ],
}


@pytest.mark.parametrize("lang", ["en", "de", "ja"])
def test_the_host_introduction_is_the_turn_that_welcomes_not_the_cold_open_small_talk(lang):
    turns = COLD_OPEN[lang]
    texts, speakers = [t for _, t in turns], [s for s, _ in turns]
    questions = [t.endswith(("?", "？")) for t in texts]
    assert host_intro(speakers, questions, texts) == {3, 4, 5}
    _, picked = _summary(texts, [lang] * len(texts), 2, 2, speakers=speakers, genre="podcast")
    assert 4 in picked  # the host's introduction with the sale's figure


INTERVIEWS = {
    "en": [
        (
            None,
            "At 90, she still runs the company her parents founded, with 400 staff and sales of $100 million.",
        ),
        ("Interviewer", "You've just turned 90."),
        ("Interviewer", "What do you wish for?"),
        ("Founder", "That it goes on like this, as long as I can still move things."),
        ("Interviewer", "And the business today?"),
        ("Founder", "We sell our herbal tonic in many countries and rebuilt the factory after the war."),
    ],
    "de": [
        (
            None,
            "Mit 90 führt sie noch immer die Firma ihrer Eltern, mit 400 Mitarbeitern und 100 Millionen Euro Umsatz.",
        ),
        ("Interviewer", "Sie sind vor kurzem 90 Jahre alt geworden."),
        ("Interviewer", "Was wünscht man sich da?"),
        ("Gründerin", "Dass es so weitergeht, solange ich noch etwas bewegen kann."),
        ("Interviewer", "Und die Firma heute?"),
        (
            "Gründerin",
            "Wir verkaufen unser Kräutertonikum in viele Länder und haben die Fabrik nach dem Krieg aufgebaut.",
        ),
    ],
    "ja": [
        (None, "90歳の今も、両親が創業した会社を率い、従業員400人、売上高100億円を誇る。"),
        ("聞き手", "先日90歳になられました。"),
        ("聞き手", "今の願いは何ですか？"),
        ("創業者", "このまま続けられることです。何かを動かせる限り、辞めるつもりはありません。"),
        ("聞き手", "会社の今は？"),
        ("創業者", "薬草の強壮剤を多くの国に販売し、戦後には工場を自分たちで建て直しました。"),
    ],
}


@pytest.mark.parametrize("lang", ["en", "de", "ja"])
def test_an_interviewers_statement_leading_to_a_question_is_never_quoted(lang):
    turns = INTERVIEWS[lang]
    texts, speakers = [t for _, t in turns], [s for s, _ in turns]
    for n in (2, 3):
        _, picked = _summary(texts, [lang] * len(texts), n, 2, speakers=speakers, genre="interview")
        assert 1 not in picked
        assert 0 in picked  # the standfirst states the figures


def test_without_a_standfirst_an_interviewers_figures_may_stand_in_for_one():
    turns = [
        ("Reporter", "Over the past two years the central bank raised rates eleven times to a 22-year high."),
        ("Reporter", "Why did it take so long?"),
        ("Chair", "We moved as fast as we could once the data showed inflation was not going away."),
        ("Reporter", "You've been in office for a while now."),
        ("Reporter", "Will rates come down?"),
        ("Chair", "Inflation is coming down, and we will cut when we are confident it keeps falling."),
    ]
    texts, speakers = [t for _, t in turns], [s for s, _ in turns]
    _, picked = _summary(texts, ["en"] * len(texts), 3, 2, speakers=speakers, genre="interview")
    assert 0 in picked and 3 not in picked


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("That's a 500-fold decline, unlike anything seen in energy before.", "en"),
        ("Das ist ein Rückgang um das 500-Fache, wie ihn die Energie noch nie gesehen hat.", "de"),
        ("これは500分の1への低下で、エネルギーの歴史で前例がありません。", "ja"),
    ],
)
def test_a_demonstrative_sentence_with_its_own_figure_stands_alone(text, lang):
    figures = quantity_counts([text], [lang])[0]
    assert figures > 0
    assert dangling(text) and not dangling(text, figures)


@pytest.mark.parametrize("text", ["That's what we learned.", "Das ist der Grund.", "これが理由です。"])
def test_a_demonstrative_sentence_without_a_figure_still_leans_on_the_one_before(text):
    assert dangling(text, 0.0)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("To reach net zero by 2050, the power system has to double in size.", "en"),
        ("Bis 2050 muss sich das Stromnetz verdoppeln, um die Wirtschaft zu elektrifizieren.", "de"),
        ("2050年までに電力網は倍増しなければならない。", "ja"),
    ],
)
def test_a_factor_said_in_a_word_beside_a_year_is_a_figure(text, lang):
    year_only = quantity_counts(
        [text.replace("double", "grow").replace("verdoppeln", "wachsen").replace("倍増", "拡大")], [lang]
    )
    assert quantity_counts([text], [lang])[0] > year_only[0] > 0


@pytest.mark.parametrize(
    "text", ["Growth is now expected in the low double digits by 2025.", "We will double down on this in 2025."]
)
def test_double_digits_and_double_down_are_no_factor(text):
    assert not _MULTIPLIER_WORD.search(text)
    assert _MULTIPLIER_WORD.search(text.replace("double", "doubled").replace(" down", "").replace(" digits", ""))


def test_a_standfirst_sentence_taken_in_is_never_given_up_for_the_next():
    scores = np.array([1.0, 0.8, 0.9, 0.7, 0.6])
    figures = [0.0, 1.6, 0.0, 0.6, 1.0]
    ranked = np.ones(5, dtype=bool)
    similarity = np.eye(5)
    # picks 2 (no figure), 3 and 4; the standfirst 0 (no figure) takes 2's place, then 1 that of the pick
    # stating the fewest figures (3), never 0's although 0 states none
    assert with_standfirst([2, 3, 4], [0, 1], scores, figures, ranked, similarity, 2) == [0, 1, 4]
