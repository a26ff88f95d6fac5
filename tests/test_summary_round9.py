"""Summaries, ninth round: a story's lede is always in its summary and keeps the company's headline figures beside
it, a show's line presenting its guests introduces them, its housekeeping is never quoted, its framing sentence and
a talk's thesis count (en, de, ja)."""

from __future__ import annotations

import dataclasses

import pytest

from helpers.analysis.summarize import features
from helpers.analysis.summarize.document import _summary
from helpers.analysis.summarize.features import key_figure, lede
from helpers.analysis.summarize.filters import reject_reason
from helpers.analysis.summarize.framing import framing, is_framing, is_thesis

# A results story: its lede states no figure; the sentences after it are full of them, and the first of them says
# what the lede says with figures, so that without the rule the lede gives way to it.
STORIES = {
    "en": [
        "The parcel carrier beat expectations for the quarter and raised its outlook, "
        "as online shopping lifted deliveries.",
        "Adjusted earnings rose to 92 cents per share from 81 cents a year earlier, "
        "above the 85 cents analysts expected.",
        "Revenue at the freight division rose 4 percent to $903 million, "
        "and the air unit grew 11 percent to $348 million.",
        "The company now expects revenue of $14.2 billion to $14.5 billion for the year, up from $13.9 billion, "
        "and earnings of $3.60 per share.",
        "Shares rose 3 percent to $41.20 in early trading.",
        "The chief executive said demand from online retailers stayed strong through the quarter.",
    ],
    "de": [
        "Der Paketdienst hat im Quartal mehr Gewinn gemacht als Analysten erwartet hatten, "
        "getragen von Onlinebestellungen.",
        "Der bereinigte Gewinn je Aktie stieg im Quartal auf 92 Cent von 81 Cent, Analysten hatten 85 Cent erwartet.",
        "Der Umsatz der Frachtsparte stieg um 4 Prozent auf 903 Millionen Euro, die Luftfracht wuchs um 11 Prozent "
        "auf 348 Millionen Euro.",
        "Für das Jahr rechnet das Unternehmen nun mit 14,2 bis 14,5 Milliarden Euro Umsatz, nach 13,9 Milliarden Euro.",
        "Die Aktie stieg im frühen Handel um 3 Prozent.",
        "Der Vorstandschef sagte, die Nachfrage der Onlinehändler sei das ganze Quartal über stark geblieben.",
    ],
    "ja": [
        "宅配大手の四半期利益は、通販の注文に支えられ、アナリストの予想を上回った。",
        "四半期の1株当たり利益は92円で、前年同期の81円、アナリストの予想の85円を上回った。",
        "貨物部門の売上高は4%増の903億円、航空部門は11%増の348億円だった。",
        "通期の売上高は1兆4200億円から1兆4500億円を見込み、従来の1兆3900億円から引き上げた。",
        "株価は朝方の取引で3%上昇した。",
        "社長は、通販事業者からの需要が四半期を通じて強かったと述べた。",
    ],
}


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_a_storys_lede_takes_a_place_in_its_summary(lang, monkeypatch):
    texts = STORIES[lang]
    _, picked = _summary(texts, [lang] * len(texts), 2, 1, genre="article")
    monkeypatch.setattr(features, "WRITTEN", dataclasses.replace(features.WRITTEN, lede=False))
    _, without = _summary(texts, [lang] * len(texts), 2, 1, genre="article")
    assert 0 in picked and 0 not in without  # without the rule the figures crowd the lede out
    assert len(picked) == 2


@pytest.mark.parametrize(("lang", "n"), [("en", 3), ("de", 2), ("ja", 2)])
def test_the_lede_takes_the_place_of_a_segments_result_not_the_companys_headline(lang, n, monkeypatch):
    texts = STORIES[lang]
    monkeypatch.setattr(features, "WRITTEN", dataclasses.replace(features.WRITTEN, lede=False))
    _, without = _summary(texts, [lang] * len(texts), n, 1, genre="article")
    monkeypatch.undo()
    _, picked = _summary(texts, [lang] * len(texts), n, 1, genre="article")
    assert 0 not in without and 2 in without  # the segment's result was among the picks
    assert 0 in picked and 2 not in picked and 1 in picked  # the per-share result stays


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("Adjusted earnings were 46 cents per share, ahead of estimates.", 2.0),
        ("Revenue at the Legal division rose 2 percent to $803 million.", 0.5),
        ("Im ersten Quartal stieg der Erlös um ein Viertel auf 968 Millionen Euro.", 2.0),
        ("Der Umsatz der Sparte Fracht stieg um 4 Prozent.", 0.5),
        ("売上高は前年同期比8%増の1兆円だった。", 2.0),
        ("セグメント別では、貨物部門が4%増えた。", 0.5),
        ("Shares rose 3 percent in early trading.", 1.0),
    ],
)
def test_a_companys_headline_result_is_a_key_figure_and_a_segments_is_half_one(text, weight):
    assert key_figure(text) == weight


def test_a_lede_after_a_long_preface_or_a_stub_is_no_lede():
    story = "The carrier beat expectations for the quarter and raised its outlook for the year as a whole."
    texts = [story] * 40
    assert lede([0, 2, 3], texts, ["en"] * 40) == 0
    assert lede([12, 13], texts, ["en"] * 40) is None  # past the first fifth (8 of 40)
    assert lede([3, 4], texts[:6], ["en"] * 6) == 3  # a short text: among its first five
    assert lede([], texts, ["en"] * 40) is None
    assert lede([0, 1], ["Costs rose 12%.", story], ["en", "en"]) is None  # a stub
    assert lede([0], [STORIES["ja"][0]], ["ja"]) == 0


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I'm Chris Hill, and with me today are Ian Gray and Ryan Henderson.", "en"),
        ("I'm Dylan Lewis, and joining me in the studio are analysts Emily Flippen and Matt Argersinger.", "en"),
        ("Bei mir ist heute Anna Schmidt, die Gründerin eines Berliner Start-ups.", "de"),
        ("本日のゲストは、宇宙ベンチャーを創業した山田太郎さんです。", "ja"),
    ],
)
def test_a_line_presenting_who_else_is_on_introduces_a_shows_guests_but_is_a_calls_procedure(text, lang):
    assert reject_reason(text, lang, "Host", show=True) is None
    assert reject_reason(text, lang, "Host") == "procedure"
    assert features.is_show(features.profile("podcast", None, 1.0))
    assert not features.is_show(features.profile("earnings call", None, 1.0))


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        ("Support for this podcast and the following message come from a software company.", "en", "sponsor"),
        ("Support for NPR comes from the listeners of this station.", "en", "sponsor"),
        ("You can support the show and get discounts through the affiliate links in the notes.", "en", "sponsor"),
        ("Unterstützt wird diese Folge von unserem Partner aus Hamburg.", "de", "sponsor"),
        ("This episode was produced by Sean Saldana and edited by Alex Goldmark.", "en", "housekeeping"),
        ("Fact-checking by Sierra Juarez.", "en", "housekeeping"),
        ("Music by Drop Electric.", "en", "housekeeping"),
        ("We'll be right back after this short break.", "en", "housekeeping"),
        ("That's after the break.", "en", "housekeeping"),
        ("Review the show on Podchaser and let us know what you think.", "en", "housekeeping"),
        ("Connect with me on LinkedIn to keep the conversation going.", "en", "housekeeping"),
        ("Wenn euch die Folge gefallen hat, bewertet uns bei Apple Podcasts.", "de", "housekeeping"),
        ("Mehr dazu gleich nach der Werbung.", "de", "housekeeping"),
        ("番組の感想はハッシュタグをつけて投稿してください。", "ja", "housekeeping"),
        ("続きはCMのあとで。", "ja", "housekeeping"),
    ],
)
def test_a_shows_housekeeping_is_never_quoted(text, lang, reason):
    assert reject_reason(text, lang, "Host", show=True) == reason


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Cars produced by the Berlin plant rose 10 percent in the quarter.", "en"),
        ("After the break-up of the group, sales fell by a third.", "en"),
        ("Support for the tax cut came from both parties in the end.", "en"),
        ("Analysts expect the rally to stay strong for the rest of the year.", "en"),
        ("Nach der Pause im Winter stiegen die Umsätze wieder.", "de"),
        ("番組の制作費は前年より2割増えた。", "ja"),
    ],
)
def test_what_only_looks_like_housekeeping_may_be_quoted(text, lang):
    assert reject_reason(text, lang, "Host", show=True) is None


SHOW = {
    "en": [
        ("Kim", "If you listen to everything at double speed, live audio feels like the slowest thing ever."),
        ("Lee", "I listen at normal speed, which everyone here thinks is strange."),
        ("Kim", "Hello and welcome to the show, I'm Kim and this is Lee."),
        ("Kim", "In this episode we look at how local newspapers are finding new readers with newsletters."),
        ("Lee", "A newsletter costs almost nothing to send, and readers open it every morning."),
        ("Kim", "Three small papers we spoke to doubled their paying readers in two years."),
        ("Lee", "The newsletters link back to the papers' sites, where the readers pay."),
        ("Kim", "Advertising follows the readers, so the papers earn more from each one."),
        ("Lee", "That's the show, see you next week."),
    ],
    "de": [
        ("Kim", "Wer alles in doppelter Geschwindigkeit hört, für den fühlt sich Live-Audio unendlich langsam an."),
        ("Lee", "Ich höre in normaler Geschwindigkeit, was hier alle seltsam finden."),
        ("Kim", "Hallo und herzlich willkommen zur Sendung, ich bin Kim und neben mir sitzt Lee."),
        ("Kim", "In dieser Folge geht es darum, wie Lokalzeitungen mit Newslettern neue Leser finden."),
        ("Lee", "Ein Newsletter kostet fast nichts, und die Leser öffnen ihn jeden Morgen."),
        ("Kim", "Drei kleine Zeitungen, mit denen wir sprachen, haben ihre zahlenden Leser in zwei Jahren verdoppelt."),
        ("Lee", "Die Newsletter verlinken auf die Seiten der Zeitungen, wo die Leser bezahlen."),
        ("Kim", "Die Werbung folgt den Lesern, also verdienen die Zeitungen an jedem mehr."),
        ("Lee", "Das war die Sendung, bis zur nächsten Woche."),
    ],
    "ja": [
        ("キム", "何でも2倍速で聞いていると、ライブ音声はとても遅く感じます。"),
        ("リー", "私は普通の速さで聞いていて、みんなに変わっていると言われます。"),
        ("キム", "番組へようこそ、キムと、リーです。"),
        ("キム", "今回は、地方紙がニュースレターで新しい読者を見つけている話を取り上げます。"),
        ("リー", "ニュースレターは送るのにほとんど費用がかからず、読者は毎朝開きます。"),
        ("キム", "取材した小さな3紙は、2年で有料読者を倍に増やしました。"),
        ("リー", "ニュースレターは新聞のサイトにつながり、読者はそこでお金を払います。"),
        ("キム", "広告は読者についてくるので、新聞は読者1人あたりの収入を増やせます。"),
        ("リー", "今回はここまで、また次回。"),
    ],
}


@pytest.mark.parametrize("lang", sorted(SHOW))
def test_a_shows_framing_sentence_counts_as_what_its_notes_open_with(lang, monkeypatch):
    speakers = [s for s, _ in SHOW[lang]]
    texts = [t for _, t in SHOW[lang]]
    assert is_framing(texts[3]) and framing(texts, list(range(len(texts)))) == 3
    scores, _ = _summary(texts, [lang] * len(texts), 2, 1, speakers=speakers, genre="podcast")
    weight = features.SPOKEN.framing
    monkeypatch.setattr(features, "SPOKEN", dataclasses.replace(features.SPOKEN, framing=0.0))
    without, _ = _summary(texts, [lang] * len(texts), 2, 1, speakers=speakers, genre="podcast")
    assert weight > 0 and scores[3] - without[3] == pytest.approx(weight)
    assert all(scores[i] == pytest.approx(without[i]) for i in range(len(texts)) if i != 3)


@pytest.mark.parametrize(
    ("text", "thesis"),
    [
        ("My message is simple: clean energy will win on cost, but only if we let it be built.", True),
        ("The central argument of my talk is that cities can feed themselves.", True),
        ("I'm here today to argue that we should pay teachers like engineers.", True),
        ("Meine Botschaft ist einfach: Saubere Energie gewinnt beim Preis.", True),
        ("Die zentrale These lautet: Städte können sich selbst ernähren.", True),
        ("私が一番伝えたいのは、教育への投資が最も効果が高いということです。", True),
        ("The message arrived on a Tuesday, three weeks late.", False),
        ("He made his point in 1975 and nobody listened.", False),
        ("Die Botschaft kam erst drei Wochen später an.", False),
        ("彼のメッセージは三週間後に届いた。", False),
    ],
)
def test_a_talks_thesis_is_where_the_speaker_states_the_message(text, thesis):
    assert is_thesis(text) is thesis


def test_a_talks_thesis_is_in_its_summary(monkeypatch):
    texts = [
        "It is an honour to be here with all of you today in this beautiful old hall.",
        "My message is simple: clean energy will win on cost, but only if we let it be built.",
        "In 1975 a solar panel cost about 100 dollars for each watt of power it produced.",
        "By 2020 that had fallen to 20 cents a watt, a decline nobody in the energy business expected.",
        "Batteries have followed the same curve, and so have wind turbines out at sea.",
        "The hard part now is permits and power lines, which take a decade to approve.",
        "If we fix that, the cheapest energy in history will also be the cleanest.",
        "Thank you.",
    ]
    _, picked = _summary(texts, ["en"] * len(texts), 2, 1, genre="talk")
    monkeypatch.setattr(features, "TALK", dataclasses.replace(features.TALK, thesis=0.0))
    _, without = _summary(texts, ["en"] * len(texts), 2, 1, genre="talk")
    assert 1 in picked and 1 not in without


def test_a_back_and_forth_before_the_welcome_is_banter_but_one_voice_is_the_shows_highlights():
    banter = [
        ("Guest", "Maybe my problem is that I always wonder whether other people live a better life."),
        ("Host", "That is probably something for your therapist to figure out."),
        ("Guest", "If we can be each other's therapists, I am in."),
        ("Host", "Hello and welcome to the show about building software companies."),
        ("Host", "My guest sold his company for $200 million last month."),
        ("Guest", "We never raised venture money, and we grew by giving our first product away."),
    ]
    highlights = [("Guest", t) for _, t in banter[:3]] + banter[3:]
    texts = [t for _, t in banter]
    for turns, bonus in ((banter, 0.0), (highlights, features.SPOKEN.cold_open)):
        place = features.position_prior(list(range(len(texts))), texts, features.SPOKEN, [s for s, _ in turns])
        assert all(place.get(i, 0.0) == bonus for i in range(3))
    assert features.SPOKEN.cold_open > 0


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_a_storys_headline_result_counts_and_a_segments_counts_less(lang, monkeypatch):
    texts = STORIES[lang]
    scores, _ = _summary(texts, [lang] * len(texts), 2, 1, genre="article")
    written = features.WRITTEN
    monkeypatch.setattr(features, "WRITTEN", dataclasses.replace(written, headline=0.0, part=0.0))
    without, _ = _summary(texts, [lang] * len(texts), 2, 1, genre="article")
    assert written.headline > 0 and written.part > 0
    assert scores[1] - without[1] == pytest.approx(written.headline)  # a result per share
    assert scores[2] - without[2] == pytest.approx(written.headline * 0.6 - written.part)  # a segment's revenue
    assert scores[4] == pytest.approx(without[4])  # the shares' move is no result
