"""Subjects, periods and what a figure counts (helpers.claims.subjects), on sentences of the kind real transcripts hold."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.claims.subjects import (
    DocumentContext,
    annotate,
    dimension,
    main_subject,
    period_key,
    point_in_time,
)
from helpers.claims.topics import topic_fits


def one(sentence: str, surface: str, unit: str, *, lang: str = "en", speaker: str = "", event: str = "2025-01-29",
        main: str = "", previous: str = "", same_block: bool = True) -> dict:  # fmt: skip
    """Annotate one claim; ``previous`` is the sentence before it (same block unless ``same_block`` is False)."""
    sentences = []
    if previous:
        sentences.append(dict(doc_id="d", sentence_id=1, block_id=1, start=0, text=previous, speaker=speaker, lang=lang))
    start = 1000
    sentences.append(dict(doc_id="d", sentence_id=2, block_id=1 if same_block else 2, start=start, text=sentence,
                          speaker=speaker, lang=lang))  # fmt: skip
    claims = pd.DataFrame([dict(doc_id="d", claim_id="c", sentence_id=2, start=start + sentence.index(surface),
                                surface=surface, unit=unit, lang=lang, speaker=speaker, context=sentence)])  # fmt: skip
    out = annotate(claims, pd.DataFrame(sentences), {"d": DocumentContext("d", event_date=event, main_subject=main)})
    return out.iloc[0].to_dict()


@pytest.mark.parametrize(
    "sentence,surface,unit,lang,speaker,subject,basis",
    [
        # named in the clause; a product before its company
        ("Meta AI now has more than 700 million monthly actives.", "700 million", "count", "en", "", "Meta AI", "clause"),
        ("Metaは2025年の設備投資を約400億ドルと見込んでいる。", "約400億ドル", "usd", "ja", "", "Meta", "clause"),
        ("一方、TikTokの月間利用者は10億人を超えている。", "10億人", "person", "ja", "", "TikTok", "clause"),
        # we / wir / 当社: the speaker's organisation
        ("We now have about 36,000 employees.", "36,000", "person", "en", "Jensen Huang", "Nvidia", "speaker"),
        ("Wir haben heute rund 30.000 Mitarbeiter.", "30.000", "person", "de", "Jensen Huang", "Nvidia", "speaker"),
        ("平均して毎日33億人以上が当社のアプリを利用しました。", "33億人", "person", "ja", "マーク・ザッカーバーグ", "Meta", "speaker"),
        # the maker of the chips does not own them
        ("年末までに35万個のGPU(NVIDIA製のAI向け半導体)を購入する。", "35万個", "gpu", "ja", "", "", ""),
        # someone else's figure
        ("Customers are building clusters of 100,000 GPUs.", "100,000", "gpu", "en", "Jensen Huang", "customers", "other_party"),
        # an age belongs to the person named with it, not to the company before it
        ("Scale AIから引き抜いた28歳のアレクサンダー・ワン。", "28歳", "age", "ja", "", "Alexandr Wang", "clause"),
        # a person's figure is their company's
        ("Zuckerberg says Meta will spend $65 billion.", "$65 billion", "usd", "en", "", "Meta", "clause"),
    ],
)
def test_subject(sentence, surface, unit, lang, speaker, subject, basis):
    got = one(sentence, surface, unit, lang=lang, speaker=speaker)
    assert (got["subject"], got["subject_basis"]) == (subject, basis)


def test_my_years_are_mine_and_yours_are_nobody_we_know():
    mine = one("I've been building in crypto for six years now.", "six years", "duration_year", speaker="Host", main="OpenAI")
    assert mine["subject"] == "Host (d)" and mine["subject_basis"] == "speaker"
    yours = one("You have worked on neural networks for 14 years.", "14 years", "duration_year", speaker="Host", main="OpenAI")
    assert yours["subject"] == "" and yours["subject_basis"] == "other_party"


def test_subject_carries_over_within_a_block_and_falls_back_to_the_document():
    carried = one("Im vergangenen Jahr lagen die Investitionsausgaben bei 39,2 Milliarden Dollar.", "39,2 Milliarden Dollar",
                  "usd", lang="de", previous="Meta will in diesem Jahr 60 Milliarden Dollar investieren.", main="Nvidia")  # fmt: skip
    assert (carried["subject"], carried["subject_basis"]) == ("Meta", "previous_sentence")
    assert (carried["period"], carried["counted"]) == ("2024", "capex")
    fallback = one("Headcount was 74,067 as of December 31.", "74,067", "count", previous="Meta is big.", same_block=False, main="Meta")
    assert (fallback["subject"], fallback["subject_basis"]) == ("Meta", "document")


@pytest.mark.parametrize(
    "sentence,surface,unit,lang,event,period,basis",
    [
        ("Capital expenditures were $14.84 billion in the fourth quarter.", "$14.84 billion", "usd", "en", "2025-01-29", "2024-Q4", "relative"),
        # an outlook names the quarter still to come
        ("Total revenue for the first quarter is expected to be $43 billion.", "$43 billion", "usd", "en", "2025-02-26", "2025-Q1", "relative"),
        ("For fiscal 2025, revenue was $130.5 billion.", "$130.5 billion", "usd", "en", "2025-02-26", "FY2025", "stated"),
        ("Im Geschäftsjahr 2025 setzte Nvidia 130,5 Milliarden Dollar um.", "130,5 Milliarden Dollar", "usd", "de", "2025-02-27", "FY2025", "stated"),
        ("Für das laufende Quartal stellt Nvidia 43 Milliarden Dollar Umsatz in Aussicht.", "43 Milliarden Dollar", "usd", "de", "2025-02-27", "2025-Q1", "relative"),
        ("マイクロソフトは今年度、約800億ドルを投じる。", "約800億ドル", "usd", "ja", "2025-03-03", "FY2025", "relative"),
        ("エヌビディアの第4四半期の売上高は430億ドルに達した。", "430億ドル", "usd", "ja", "2025-03-03", "2024-Q4", "relative"),
        ("2024年第4四半期の売上高は484億ドルでした。", "484億ドル", "usd", "ja", "2025-01-29", "2024-Q4", "stated"),
        # a target for the end of the year is not a count at any date
        ("We plan to end the year with more than 1.3 million GPUs.", "1.3 million", "gpu", "en", "2025-01-29", "end-2025", "target"),
        ("年末までに35万個のGPUを購入する計画だ。", "35万個", "gpu", "ja", "2024-04-18", "end-2024", "target"),
        ("Bis Ende 2025 soll Meta 1,3 Millionen Grafikkarten haben.", "1,3 Millionen", "gpu", "de", "2025-01-30", "end-2025", "target"),
        # relative dates against the event date
        ("And two months ago it was 300 million weekly users.", "300 million", "person", "en", "2025-02-20", "@2024-12-20", "relative"),
        ("Meta beschäftigte Ende Dezember 74.067 Mitarbeiter.", "74.067", "person", "de", "2025-01-30", "2024-12", "relative"),
        ("Im vergangenen Jahr lagen die Investitionsausgaben bei 39,2 Milliarden Dollar.", "39,2 Milliarden Dollar", "usd", "de", "2025-01-30", "2024", "relative"),
        # nothing stated: a count as of the event; a flow gets no period; a forecast is after the event
        ("We have more than 228,000 employees.", "228,000", "person", "en", "2025-01-29", "@2025-01-29", "event_date"),
        ("Revenue was $48.4 billion.", "$48.4 billion", "usd", "en", "2025-01-29", "", ""),
        ("We expect it to reach more than 1 billion people.", "1 billion", "person", "en", "2025-01-29", ">2025-01-29", "outlook"),
    ],
)
def test_period(sentence, surface, unit, lang, event, period, basis):
    got = one(sentence, surface, unit, lang=lang, event=event)
    assert (got["period"], got["period_basis"]) == (period, basis)


def test_now_dates_only_its_own_clause():
    got = one("Meta AI now has 700 million monthly actives, and I expect it will reach more than 1 billion people.",
              "1 billion", "person")  # fmt: skip
    assert got["period_basis"] == "outlook"


def test_period_carries_over_only_for_the_same_subject():
    same = one("Revenue of $39.3 billion was up 12% sequentially.", "$39.3 billion", "usd", event="2025-02-26",
               previous="Q4 was another record quarter.", main="Nvidia")  # fmt: skip
    assert (same["period"], same["period_basis"]) == ("2024-Q4", "previous_sentence")
    other = one("TikTokの月間利用者は10億人を超えている。", "10億人", "person", lang="ja", event="2025-03-03",
                previous="エヌビディアの第4四半期の売上高は430億ドルに達した。")  # fmt: skip
    assert other["period_basis"] == "event_date"


@pytest.mark.parametrize(
    "sentence,surface,unit,lang,counted",
    [
        ("Data center revenue for fiscal 2025 was $115.2 billion.", "$115.2 billion", "usd", "en", "revenue/data center"),
        ("Fourth quarter total revenue was $48.4 billion.", "$48.4 billion", "usd", "en", "revenue"),
        ("Our AI business has surpassed an annual revenue run rate of $13 billion.", "$13 billion", "usd", "en", "run_rate"),
        ("Der Rechenzentrumsumsatz lag bei 35,6 Milliarden Dollar.", "35,6 Milliarden Dollar", "usd", "de", "revenue/rechenzentrum"),
        ("Der Konzern hat rund 3,3 Milliarden tägliche Nutzer.", "3,3 Milliarden", "person", "de", "users/daily"),
        ("Meta AIの月間アクティブユーザーは7億人を超えています。", "7億人", "person", "ja", "users/monthly"),
        ("We have 1 gigawatt.", "1 gigawatt", "watt", "en", "power"),
        ("I have been here for six years.", "six years", "duration_year", "en", ""),
    ],
)
def test_what_is_counted(sentence, surface, unit, lang, counted):
    assert one(sentence, surface, unit, lang=lang)["counted"] == counted


def test_main_subject_needs_a_clear_majority():
    assert main_subject("Meta Platforms Q4 2024 Earnings Call", "Meta AI ... Zuckerberg ... Nvidia") == "Meta"
    assert main_subject("AI and The Next Computing Platforms With Jensen Huang and Mark Zuckerberg", "") == ""
    assert main_subject("", "Nvidia once") == ""


def test_topics_refuse_other_subjects_and_keep_unknown_ones():
    assert topic_fits("meta_gpu_fleet", ["Meta"]) and topic_fits("meta_user_count", ["Facebook", "Meta"])
    assert not topic_fits("meta_user_count", ["TikTok", "ByteDance"]) and not topic_fits("llama_training_cluster", ["customers"])
    assert topic_fits("meta_gpu_fleet", []) and topic_fits("datacenter_power", ["Amazon"])


def test_periods_group_by_quarter_and_points_compare_by_date():
    assert period_key("@2025-01-29") == period_key("2025-02") == "@2025-Q1"
    assert period_key("2024-Q4") == "2024-Q4" and period_key("end-2025") == "end-2025"
    assert point_in_time("2024-12-31") is not None and point_in_time("2024") is None and point_in_time("FY2025") is None


def test_units_map_to_dimensions():
    assert dimension("usd") == dimension("eur") == "currency"
    assert dimension("duration_month") == "time" and dimension("gpu") == "gpu"


@pytest.mark.parametrize(
    "sentence,surface,unit,lang,counted",
    [
        # qualifiers and verbs before a measure narrow nothing: the same capex, the same revenue
        ("Consolidated revenue was $48.4 billion.", "$48.4 billion", "usd", "en", "revenue"),
        ("Reported revenue was $48.4 billion.", "$48.4 billion", "usd", "en", "revenue"),
        ("Segment revenue was $10.1 billion.", "$10.1 billion", "usd", "en", "revenue"),
        ("Cash capex was $14.8 billion.", "$14.8 billion", "usd", "en", "capex"),
        ("Meta expects capex of $60 billion.", "$60 billion", "usd", "en", "capex"),
        ("Meta now sees capital expenditure of $60 billion.", "$60 billion", "usd", "en", "capex"),
        ("We roughly doubled revenue to $39 billion.", "$39 billion", "usd", "en", "revenue"),
        # words that do narrow stay, past a qualifier
        ("Data center segment revenue was $35.6 billion.", "$35.6 billion", "usd", "en", "revenue/data center"),
        ("Der Segmentumsatz lag bei 10 Milliarden Euro.", "10 Milliarden Euro", "eur", "de", "revenue"),
        ("セグメント売上高は100億ドルだった。", "100億ドル", "usd", "ja", "revenue"),
    ],
)
def test_qualifiers_and_verbs_do_not_split_a_measure(sentence, surface, unit, lang, counted):
    assert one(sentence, surface, unit, lang=lang)["counted"] == counted


@pytest.mark.parametrize(
    "sentence,surface,unit,lang,speaker",
    [
        ("Our company has been around for six years.", "six years", "duration_year", "en", ""),
        ("Our revenue grew to $10 billion.", "$10 billion", "usd", "en", "Guest"),
        ("Unser Unternehmen hat 500 Mitarbeiter.", "500", "person", "de", ""),
        ("当社の従業員は500人です。", "500人", "person", "ja", ""),
    ],
)
def test_we_of_an_unknown_speaker_stays_unknown(sentence, surface, unit, lang, speaker):
    got = one(sentence, surface, unit, lang=lang, speaker=speaker, main="Meta", previous="Meta is big.")
    assert (got["subject"], got["subject_basis"]) == ("", "")


def test_a_catalog_role_places_the_speakers_we(tmp_path):
    from helpers.claims.subjects import document_context
    from helpers.text.catalog import load_catalog

    p = tmp_path / "catalog.yaml"
    p.write_text("documents:\n  d:\n    event_date: 2025-01-29\n    roles:\n      Guest: CFO, Meta\n", encoding="utf-8")
    ctx = document_context("d", "", "", load_catalog(p).entry("d"))
    claims = pd.DataFrame([dict(doc_id="d", claim_id="c", sentence_id=1, start=0, surface="$10 billion", unit="usd",
                                lang="en", speaker="Guest", context="Our revenue grew to $10 billion.")])  # fmt: skip
    got = annotate(claims, None, {"d": ctx}).iloc[0]
    assert (got["subject"], got["subject_basis"]) == ("Meta", "speaker")
