"""Summaries, eighth round: a talk's figure tied to a deadline or a starting year is its thesis, a co-hosted show's
introduction runs over both hosts' lines until the first question, and a bare welcome of a guest is a greeting
(en, de, ja)."""

from __future__ import annotations

import dataclasses

import pytest

from helpers.analysis.summarize import features
from helpers.analysis.summarize.document import _summary
from helpers.analysis.summarize.features import (
    TALK,
    first_answer,
    host_intro,
    is_milestone,
    names_speakers,
    profile,
)
from helpers.analysis.summarize.filters import reject_reason


@pytest.mark.parametrize(
    "text",
    [
        "By 2050 the rich countries have to cut their emissions by 80%.",
        "To reach net zero by 2050, the power system has to double in size.",
        "The cost of a solar panel has fallen 500-fold since 1975.",
        "Bis 2050 muss sich das Stromnetz verdoppeln.",
        "Seit 1990 sind die Emissionen um 40 % gesunken.",
        "2050年までに排出量ゼロを目指す必要があります。",
        "1990年以降、排出量は40%減りました。",
    ],
)
def test_a_figure_tied_to_a_deadline_or_a_starting_year_is_a_milestone(text):
    assert is_milestone(text)


@pytest.mark.parametrize(
    "text",
    [
        "By 2020 that had fallen to 20 cents a watt.",  # a past point only dates a fact
        "Im Jahr 2020 lag der Preis bei 20 Cent.",
        "2020年には1ワット20セントでした。",
        "Revenue rose 8% in 2019.",
    ],
)
def test_a_year_that_only_dates_a_fact_is_no_milestone(text):
    assert not is_milestone(text)


TALKS = {
    "en": [
        "Today I want to talk about energy, which matters to everyone in the world.",
        "Energy is what lifted families out of poverty in the last century, in every country on earth.",
        "Energy is also what warms the planet, as every climate scientist in the world now agrees.",
        "Cheap energy and a stable climate are what every family in every country on earth needs.",
        "By 2050 the whole world has to bring its emissions of carbon dioxide down to 0%.",
        "We can do it, and we have done harder things than this before.",
        "Thank you.",
    ],
    "de": [
        "Heute möchte ich über Energie sprechen, die für alle Menschen auf der Welt wichtig ist.",
        "Energie hat im letzten Jahrhundert in jedem Land der Erde Familien aus der Armut geholt.",
        "Energie erwärmt aber auch den Planeten, darin sind sich alle Klimaforscher der Welt einig.",
        "Billige Energie und ein stabiles Klima braucht jede Familie in jedem Land der Erde.",
        "Bis 2050 muss die ganze Welt ihre Emissionen von Kohlendioxid auf 0 % senken.",
        "Wir können das schaffen, und wir haben schon Schwierigeres geschafft.",
        "Vielen Dank.",
    ],
    "ja": [
        "今日は、世界中のすべての人にとって大切なエネルギーについてお話しします。",
        "エネルギーは前世紀、地球上のあらゆる国で家族を貧困から救い出しました。",
        "エネルギーは地球を温暖化させてもいる、と世界の気候科学者は皆認めています。",
        "安いエネルギーと安定した気候は、地球上のあらゆる国のあらゆる家族に必要です。",
        "2050年までに世界全体で二酸化炭素の排出を0%にすることを目指す必要があります。",
        "私たちにはできますし、これまでもっと難しいことを成し遂げてきました。",
        "ありがとうございました。",
    ],
}


@pytest.mark.parametrize("lang", sorted(TALKS))
def test_a_talk_summary_takes_its_deadline_figure(lang):
    texts = TALKS[lang]
    _, picked = _summary(texts, [lang] * len(texts), 2, 1, genre="talk")
    assert 4 in picked
    assert TALK.milestone > 0


COHOSTED = [
    ("Guest", "It is impossible to do a show like this one perfectly, and that is the beauty of it."),
    ("Ben", "Welcome to this episode of the show about great companies and the stories behind them."),
    ("Ben", "I'm Ben."),
    ("David", "And I'm David, and we are your hosts."),
    ("Ben", "Today we sit down with the founder who rebuilt the music business after piracy."),
    ("Ben", "His company has paid $40 billion to artists over its lifetime."),
    ("David", "It also has over 500 million monthly listeners."),
    ("Ben", "Let's start at the beginning: what did the music business look like in 2006?"),
    ("Guest", "It was collapsing, and the labels had lost most of their revenue to piracy."),
    ("David", "How did you convince them?"),
    ("Guest", "We showed them that people would pay for something better than piracy."),
    ("Ben", "Why a free tier?"),
    ("Guest", "The free tier is how people find us, and many of them become subscribers later."),
    ("David", "How many markets are you in?"),
    ("Guest", "More than 180 markets, each with its own deals and ways to pay."),
    ("Ben", "Why podcasts?"),
    ("Guest", "Because we see audio as one category, not just music."),
    ("David", "What comes next?"),
    ("Guest", "Audiobooks, and better tools for the people who make the shows."),
    ("Ben", "Thanks so much for coming on."),
]


def test_a_cohosted_introduction_runs_over_both_hosts_lines_until_the_first_question():
    speakers = [s for s, _ in COHOSTED]
    texts = [t for _, t in COHOSTED]
    intro = host_intro(speakers, [t.endswith("?") for t in texts], texts)
    assert {1, 2, 4, 5} <= intro  # the welcoming host's turns before the one asking the first question
    assert 0 not in intro and 7 not in intro and 8 not in intro


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wir begrüßen Katharina Nocun, hallo!", "de"),
        ("Begrüßen wir unseren Gast!", "de"),
        ("Please welcome Jane Smith.", "en"),
        ("And now, please welcome our next speaker.", "en"),
    ],
)
def test_a_bare_welcome_of_a_guest_is_a_greeting(text, lang):
    assert reject_reason(text, lang) == "greeting"


def test_a_welcome_naming_the_guest_and_her_role_is_no_greeting_and_welcomed_is_no_welcome():
    assert reject_reason("We welcome our guest Jane Smith, the chief executive of a large European bank.", "en") is None
    assert reject_reason("We welcomed 300 new customers in the quarter, a record for us.", "en") is None


@pytest.mark.parametrize(
    ("text", "speaker", "others"),
    [
        ("My guest today is planetary scientist Dr. Alan Stern.", "Host", ["Alan Stern"]),
        ("Joining me are senior analysts Emily Flippen and Matt Argersinger.", "Dylan Lewis", ["Emily Flippen"]),
        ("Heute bei mir ist Eva Wolfangel aus dem Digitalressort.", "Moderator", ["Eva Wolfangel"]),
        ("今日は小宮山先生にお話を伺います。", "聞き手", ["小宮山"]),
    ],
)
def test_a_sentence_naming_another_speaker_is_found(text, speaker, others):
    speakers = [speaker, *others, speaker]
    assert names_speakers([text, "Thanks.", "Next."], speakers) == {0}


@pytest.mark.parametrize(
    "text",
    [
        "Herr Stern, nach Ihrem Abschied sieht man Sie seltener.",  # spoken to the guest
        "Thanks so much for coming on, Alan Stern.",
        "I'm Alan Stern, and I'm glad to be here.",  # the speaker's own name
        "The Sternberg lens is an old design.",  # a longer word is no name
    ],
)
def test_a_name_said_to_its_bearer_or_inside_a_word_is_no_introduction(text):
    speaker = "Alan Stern" if text.startswith("I'm") else "Host"
    other = "Host" if speaker == "Alan Stern" else "Alan Stern"
    assert names_speakers([text, "Yes.", "No."], [speaker, other, speaker]) == set()


SHOW = [
    ("Dylan Lewis", "Welcome to the show about markets and the companies that move them."),
    ("Dylan Lewis", "In the studio today are senior analysts Emily Flippen and Matt Argersinger."),
    ("Emily Flippen", "Good to be here."),
    ("Dylan Lewis", "Let's start with the central bank and its eleventh rate increase this year."),
    ("Dylan Lewis", "Matt, what happened?"),
    ("Matt Argersinger", "The central bank raised rates by a quarter point, as everybody expected it would."),
    ("Dylan Lewis", "Emily, what about earnings?"),
    ("Emily Flippen", "Restaurant chains reported slower traffic, and their shares fell on the news."),
    ("Dylan Lewis", "Matt, anything else?"),
    ("Matt Argersinger", "Cable companies keep losing subscribers to the streaming services, quarter after quarter."),
    ("Dylan Lewis", "Emily, one stock on your radar?"),
    ("Emily Flippen", "An auto parts maker that is moving its business toward electric vehicles."),
    ("Dylan Lewis", "Thanks for listening."),
]


def test_the_introductions_sentence_naming_the_guests_who_speak_is_the_guest_introduction():
    texts = [t for _, t in SHOW]
    named, picked = _summary(texts, ["en"] * len(texts), 2, 1, speakers=[s for s, _ in SHOW], genre="podcast")
    anonymous = [{"Emily Flippen": "Analyst 1", "Matt Argersinger": "Analyst 2"}.get(s, s) for s, _ in SHOW]
    unnamed, _ = _summary(texts, ["en"] * len(texts), 2, 1, speakers=anonymous, genre="podcast")
    assert 1 in picked
    assert named[1] - unnamed[1] == pytest.approx(profile("podcast", None, 1.0).guest)
    assert named[1] > 0 and profile("earnings call", None, 1.0).guest == 0


FIRST_ANSWER = {
    "en": [
        ("Host", "Welcome back to the show, and congratulations on the news."),
        ("Host", "What was announced?"),
        ("Guest", "Yes."),
        ("Guest", "The space agency chose me to fly my own experiments aboard a commercial spacecraft next year."),
        ("Guest", "It will be the first flight of its kind for a researcher from the agency."),
        ("Host", "How long is the flight?"),
        ("Guest", "About an hour and a half, with a few minutes of weightlessness at the top of the arc."),
        ("Host", "What did the mission to the dwarf planet teach you?"),
        ("Guest", "That a small world far from the sun can still be geologically active, with glaciers of ice."),
        ("Host", "Thank you."),
    ],
    "de": [
        ("Host", "Willkommen zurück in der Sendung, und herzlichen Glückwunsch zu der Nachricht."),
        ("Host", "Was wurde verkündet?"),
        ("Gast", "Ja."),
        (
            "Gast",
            "Die Raumfahrtagentur hat mich ausgewählt, meine eigenen Experimente an Bord eines Raumschiffs zu fliegen.",
        ),
        ("Gast", "Es wird der erste Flug dieser Art für einen Forscher der Agentur sein."),
        ("Host", "Wie lange dauert der Flug?"),
        ("Gast", "Etwa anderthalb Stunden, mit ein paar Minuten Schwerelosigkeit am höchsten Punkt."),
        ("Host", "Was hat Sie die Mission zum Zwergplaneten gelehrt?"),
        ("Gast", "Dass eine kleine Welt weit von der Sonne geologisch noch aktiv sein kann, mit Gletschern aus Eis."),
        ("Host", "Vielen Dank."),
    ],
    "ja": [
        ("聞き手", "番組へようこそ、そして今回のニュース、おめでとうございます。"),
        ("聞き手", "何が発表されたのですか？"),
        ("ゲスト", "はい。"),
        ("ゲスト", "宇宙機関が、私自身の実験を商業宇宙船に載せて飛ぶ研究者に私を選んだのです。"),
        ("ゲスト", "機関の研究者がこうした飛行をするのは初めてになります。"),
        ("聞き手", "飛行はどのくらいの長さですか？"),
        ("ゲスト", "およそ1時間半で、最も高いところで数分間の無重力があります。"),
        ("聞き手", "準惑星への探査から何を学びましたか？"),
        ("ゲスト", "太陽から遠い小さな世界でも地質学的に活動していて、氷の氷河があるということです。"),
        ("聞き手", "ありがとうございました。"),
    ],
}


@pytest.mark.parametrize("lang", sorted(FIRST_ANSWER))
def test_the_first_answer_of_a_one_guest_interview_opens_on_its_news(lang, monkeypatch):
    speakers = [s for s, _ in FIRST_ANSWER[lang]]
    texts = [t for _, t in FIRST_ANSWER[lang]]
    rejected = [reject_reason(t, lang, s) is not None for s, t in FIRST_ANSWER[lang]]
    questions = [reject_reason(t, lang, s) == "question" for s, t in FIRST_ANSWER[lang]]
    assert first_answer(speakers, questions, rejected) == 3  # "Yes." says nothing: the next sentence
    weight = features.INTERVIEW.answer
    scores, _ = _summary(texts, [lang] * len(texts), 2, 1, speakers=speakers, genre="interview")
    monkeypatch.setattr(features, "INTERVIEW", dataclasses.replace(features.INTERVIEW, answer=0.0))
    without, _ = _summary(texts, [lang] * len(texts), 2, 1, speakers=speakers, genre="interview")
    assert weight > 0 and scores[3] - without[3] == pytest.approx(weight)
    assert all(scores[i] == pytest.approx(without[i]) for i in range(len(texts)) if i != 3)


def test_a_panels_first_answer_is_one_of_many():
    speakers = ["Host", "Host", "Pat", "Host", "Belinda", "Host", "Alex"]
    questions = [False, True, False, True, False, True, False]
    assert first_answer(speakers, questions, [False] * len(speakers)) is None
    assert first_answer(["Host", "Guest"], [False, False], [False, False]) is None  # no question asked
