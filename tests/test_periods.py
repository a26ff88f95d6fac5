"""Periods, what is counted and how a figure is framed, read per claim from its own clause (issue 26), in en/de/ja.

Sentences written for these tests in the style of earnings calls, interviews and news.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.claims.subjects import DocumentContext, annotate


def claims_of(sentence: str, surfaces: list[str], unit: str, *, lang: str = "en", event: str = "2025-01-29",
              speaker: str = "", main: str = "", reported: tuple[str, str] = ("", "")) -> list[dict]:  # fmt: skip
    """Annotate every surface of one sentence (each at its own next occurrence, left to right)."""
    start, at, rows = 1000, 0, []
    for i, surface in enumerate(surfaces):
        at = sentence.index(surface, at)
        rows.append(dict(doc_id="d", claim_id=f"c{i}", sentence_id=1, start=start + at, surface=surface, unit=unit,
                         lang=lang, speaker=speaker, context=sentence))  # fmt: skip
        at += len(surface)
    sentences = pd.DataFrame(
        [dict(doc_id="d", sentence_id=1, block_id=1, start=start, text=sentence, speaker=speaker, lang=lang)]
    )
    ctx = DocumentContext("d", event_date=event, main_subject=main, reported=reported)
    out = annotate(pd.DataFrame(rows), sentences, {"d": ctx})
    return out.to_dict("records")


def period_of(sentence: str, surface: str, unit: str = "usd", **kw) -> tuple[str, str]:
    got = claims_of(sentence, [surface], unit, **kw)[0]
    return got["period"], got["period_basis"]


@pytest.mark.parametrize(
    "sentence,surface,lang,event,period,basis",
    [
        # quarters, written every way
        ("Fourth-quarter revenue was $48.4 billion.", "$48.4 billion", "en", "2025-01-29", "2024-Q4", "relative"),
        ("Third-quarter capex came in at $9.2 billion.", "$9.2 billion", "en", "2025-01-29", "2024-Q3", "relative"),
        ("Q3 FY25 revenue was $35.1 billion.", "$35.1 billion", "en", "2025-01-29", "FY2025-Q3", "stated"),
        ("Revenue in Q3 fiscal 2025 was $35.1 billion.", "$35.1 billion", "en", "2025-01-29", "FY2025-Q3", "stated"),
        (
            "Im dritten Quartal 2024 lag der Umsatz bei 35 Milliarden Dollar.",
            "35 Milliarden Dollar",
            "de",
            "2025-01-29",
            "2024-Q3",
            "stated",
        ),
        (
            "Das dritte Quartal brachte 35 Milliarden Dollar Umsatz.",
            "35 Milliarden Dollar",
            "de",
            "2025-01-29",
            "2024-Q3",
            "relative",
        ),
        (
            "Ein drittes Quartal mit 35 Milliarden Dollar Umsatz.",
            "35 Milliarden Dollar",
            "de",
            "2025-01-29",
            "2024-Q3",
            "relative",
        ),
        ("第3四半期の売上高は351億ドルだった。", "351億ドル", "ja", "2025-01-29", "2024-Q3", "relative"),
        ("2025年度第3四半期の売上高は351億ドルだった。", "351億ドル", "ja", "2025-01-29", "FY2025-Q3", "stated"),
        # fiscal years
        ("For fiscal 2025, revenue was $130.5 billion.", "$130.5 billion", "en", "2025-02-26", "FY2025", "stated"),
        ("FY2025 revenue was $130.5 billion.", "$130.5 billion", "en", "2025-02-26", "FY2025", "stated"),
        (
            "Im Geschäftsjahr 2025 setzte Nvidia 130,5 Milliarden Dollar um.",
            "130,5 Milliarden Dollar",
            "de",
            "2025-02-27",
            "FY2025",
            "stated",
        ),
        ("2025年度の売上高は1305億ドルだった。", "1305億ドル", "ja", "2025-02-27", "FY2025", "stated"),
        # halves
        ("First-half revenue was $80 billion.", "$80 billion", "en", "2025-08-01", "2025-H1", "relative"),
        ("In the first half of 2025, revenue was $80 billion.", "$80 billion", "en", "2025-08-01", "2025-H1", "stated"),
        ("H1 2025 revenue was $80 billion.", "$80 billion", "en", "2025-08-01", "2025-H1", "stated"),
        (
            "Im ersten Halbjahr lag der Umsatz bei 80 Milliarden Dollar.",
            "80 Milliarden Dollar",
            "de",
            "2025-08-01",
            "2025-H1",
            "relative",
        ),
        ("上期の売上高は800億ドルだった。", "800億ドル", "ja", "2025-08-01", "2025-H1", "relative"),
        # the back half of the year, the year's exit, guidance verbs (earnings-call speech)
        (
            "In the back half we expect revenue of $90 billion.",
            "$90 billion",
            "en",
            "2025-08-01",
            "2025-H2",
            "relative",
        ),
        (
            "In der zweiten Jahreshälfte erwarten wir 90 Milliarden Dollar Umsatz.",
            "90 Milliarden Dollar",
            "de",
            "2025-08-01",
            "2025-H2",
            "relative",
        ),
        ("ARR should be $4 billion exiting the year.", "$4 billion", "en", "2025-08-01", "end-2025", "target"),
        ("2025年上半期の売上高は800億ドルだった。", "800億ドル", "ja", "2025-08-01", "2025-H1", "stated"),
        # relative years against the event date; a comparison base is no period
        ("Capex next year will be about $60 billion.", "$60 billion", "en", "2025-01-29", "2026", "relative"),
        ("Last year capex was $39 billion.", "$39 billion", "en", "2025-01-29", "2024", "relative"),
        (
            "Im Vorjahr lag der Umsatz bei 30 Milliarden Dollar.",
            "30 Milliarden Dollar",
            "de",
            "2025-01-29",
            "2024",
            "relative",
        ),
        ("来年の設備投資は600億ドルになる見込みだ。", "600億ドル", "ja", "2025-01-29", "2026", "relative"),
        ("Revenue grew 20% year-over-year to $10 billion.", "$10 billion", "en", "2025-01-29", "", ""),
    ],
)
def test_period_forms(sentence, surface, lang, event, period, basis):
    assert period_of(sentence, surface, lang=lang, event=event) == (period, basis)


def test_the_figures_own_clause_gives_its_period():
    a, b = claims_of("Fourth-quarter revenue was $48.4 billion, and capex this year will be about $60 billion.",
                     ["$48.4 billion", "$60 billion"], "usd")  # fmt: skip
    assert (a["period"], b["period"]) == ("2024-Q4", "2025")
    c, d = claims_of(
        "Capex this year will be $60 billion, after $39 billion last year.", ["$60 billion", "$39 billion"], "usd"
    )
    assert (c["period"], d["period"]) == ("2025", "2024")


def test_another_figures_outlook_does_not_date_an_actual():
    a, b = claims_of("Revenue was $10 billion, up 20% year-over-year, and next year we expect $12 billion.",
                     ["$10 billion", "$12 billion"], "usd")  # fmt: skip
    assert (a["period"], b["period"]) == ("", "2026")
    # a period in a clause of its own still dates the figure after it
    assert period_of("Next year, we expect capex of $60 billion.", "$60 billion") == ("2026", "relative")


@pytest.mark.parametrize(
    "sentence,surfaces,lang,frames",
    [
        (
            "Revenue was $10 billion in the fourth quarter; we expect $10 billion in the first quarter.",
            ["$10 billion", "$10 billion"],
            "en",
            [("actual", False, ""), ("guidance", False, "")],
        ),
        ("Analysts expect $50 billion.", ["$50 billion"], "en", [("forecast", False, "")]),
        ("Language models in general train on 15 trillion tokens.", ["15 trillion"], "en", [("actual", True, "")]),
        (
            "The next-generation cluster will have 100,000 GPUs, the previous cluster had 24,000 GPUs.",
            ["100,000", "24,000"],
            "en",
            [("guidance", False, "next"), ("actual", False, "previous")],
        ),
        (
            "Der Umsatz lag bei 10 Milliarden Euro; für 2026 erwartet der Konzern 12 Milliarden Euro.",
            ["10 Milliarden Euro", "12 Milliarden Euro"],
            "de",
            [("actual", False, ""), ("guidance", False, "")],
        ),
        (
            "売上高は100億ドルで、来期は120億ドルを見込む。",
            ["100億ドル", "120億ドル"],
            "ja",
            [("actual", False, ""), ("guidance", False, "")],
        ),
    ],
)
def test_framing_columns_read_each_claims_own_position(sentence, surfaces, lang, frames):
    got = claims_of(sentence, surfaces, "usd", lang=lang)
    assert [(g["status"], bool(g["generic"]), g["generation"]) for g in got] == frames


def test_a_sentence_of_many_figures_and_dates_is_annotated_in_linear_time():
    import time

    def seconds(n: int) -> float:
        # the frames are built outside the timer: each row's context repeats the whole sentence, and building
        # n such rows costs n x the sentence's length in pandas, not in the annotation
        sentence = " ".join(
            f"in {2000 + i % 20} we expect ${i} billion and revenue was ${i + 1} billion" for i in range(n)
        )
        start, at, rows = 1000, 0, []
        for i in range(n):
            for surface in (f"${i} billion", f"${i + 1} billion"):
                at = sentence.index(surface, at)
                rows.append(dict(doc_id="d", claim_id=f"c{len(rows)}", sentence_id=1, start=start + at,
                                 surface=surface, unit="usd", lang="en", speaker="", context=""))  # fmt: skip
                at += len(surface)
        claims = pd.DataFrame(rows)
        sentences = pd.DataFrame([dict(doc_id="d", sentence_id=1, block_id=1, start=start, text=sentence, speaker="",
                                       lang="en")])  # fmt: skip
        ctx = {"d": DocumentContext("d", event_date="2025-01-29")}
        t = time.process_time()
        annotate(claims, sentences, ctx)
        return time.process_time() - t

    small, large = seconds(300), seconds(2400)
    # 8x the figures: linear is ~8x the time, quadratic ~64x
    assert large < 25 * max(small, 0.01)


def test_any_text_gets_a_period_or_none():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from helpers.claims.subjects import period_in

    words = st.sampled_from(["Q3", "FY25", "fiscal", "2025", "first", "half", "H1", "fourth-quarter", "quarter", "drittes",
                             "Quartal", "Halbjahr", "第3四半期", "上期", "2025年度", "next year", "im Vorjahr", "of", " ", ",",
                             "expect", "3.", "年", "13月", "by the end of the year"])  # fmt: skip

    @settings(max_examples=300, deadline=None)
    @given(st.lists(words, max_size=12), st.integers(0, 80), st.booleans())
    def check(parts, at, outlook):
        got = period_in(" ".join(parts), at, "2025-01-29", outlook)
        assert got is None or got.basis in ("stated", "relative", "target")

    check()


def call_period(sentence: str, surface: str, reported: tuple[str, str], event: str, lang: str = "en") -> str:
    """The period of one figure on a results call reporting ``reported`` (quarter, year), held on ``event``."""
    return claims_of(sentence, [surface], "percent", lang=lang, event=event, reported=reported)[0]["period"]


@pytest.mark.parametrize(
    "sentence,surface,period",
    [
        # the base of a comparison dates the figure compared with, not the change or the current figure
        ("Revenue was $293.2 million, up 12.9% from the first quarter of 2021.", "12.9%", "2021-Q2"),
        ("Food costs were 22.2% of sales, 20 basis points lower than last year.", "20 basis points", "2021-Q2"),
        ("Restaurant sales were $313.6 million, compared with $249.0 million a year ago.", "$313.6 million",
         "2021-Q2"),
        # on a quarterly call a year ago is the same quarter a year before
        ("Restaurant sales were $313.6 million, compared with $249.0 million a year ago.", "$249.0 million",
         "2020-Q2"),
        ("Reserve inventory was 52% of the total, up from 31% last year.", "31%", "2020-Q2"),
        ("Comparable sales fell 17%, against 19% growth in the same quarter last year.", "19%", "2020-Q2"),
        ("We ended the quarter with 1,876 clients, against 1,872 a year earlier.", "1,872", "2020-Q2"),
        # what happened, said without a period, is the reported quarter's; a count said in the present is not
        ("Adjusted EBITDA was $34.1 million, an increase of $8.5 million.", "$8.5 million", "2021-Q2"),
        ("Der Umsatz betrug 5 Millionen Euro.", "5 Millionen Euro", "2021-Q2"),
        ("We serve 620 restaurants in 32 states.", "620", "@2021-08-02"),
        # "we now expect" is an outlook, not a point in time; the back half is the reported year's second half
        ("For the back half we see demand above supply at 5%.", "5%", "2021-H2"),
        # a turn to another period dates what follows it
        ("Capital expenditures were 5% to 6% Turning to the full year, we see 7%.", "5% to 6%", "2021-Q2"),
        # "pulled in maybe" names no month
        ("Console sales were pulled in maybe 3% early.", "3%", "2021-Q2"),
    ],
)
def test_a_results_calls_figures_take_the_reported_quarter_not_their_comparisons(sentence, surface, period):
    assert call_period(sentence, surface, ("2021-Q2", "2021"), "2021-08-02") == period


def test_a_period_said_of_another_figure_is_not_carried_to_the_next_sentence():
    from helpers.claims.subjects import period_in

    before = "The margin of 21.3% compares with 20.5% a year ago and 21.1% in Q2 FY25."
    assert period_in(before, len(before), "2025-01-16", False, False, ("FY2025-Q3", "FY2025"), carried=True) is None
    stated = "For Q2 FY25 the margin was 21.1%."
    got = period_in(stated, len(stated), "2025-01-16", False, False, ("FY2025-Q3", "FY2025"), carried=True)
    assert got is not None and got.value == "FY2025-Q2"


def test_the_back_half_on_a_call_is_the_year_under_way():
    got = call_period("For the back half demand was above supply at 5%.", "5%", ("2021-Q2", "2021"), "2021-08-02")
    assert got == "2021-H2"


def test_exiting_the_year_on_a_fiscal_year_call_is_the_end_of_the_fiscal_year():
    got = call_period("We expect ARR to be down 2% exiting the year.", "2%", ("FY2025-Q3", "FY2025"), "2025-05-01")
    assert got == "end-FY2025"


def test_now_before_an_outlook_verb_is_no_point_in_time():
    got = call_period("We now expect growth of about 4% for fiscal 2025.", "about 4%", ("FY2025-Q3", "FY2025"),
                      "2025-11-04")  # fmt: skip
    assert got == "FY2025"


def test_an_unlabelled_we_on_a_companys_own_call_speaks_for_the_company():
    sentence = "Looking at the Q4, we anticipate billings of $2 billion."
    rows = [dict(doc_id="d", claim_id="c0", sentence_id=1, start=1000 + sentence.index("$2"), surface="$2 billion",
                 unit="usd", lang="en", speaker="", context=sentence)]  # fmt: skip
    sentences = pd.DataFrame([dict(doc_id="d", sentence_id=1, block_id=1, start=1000, text=sentence, speaker="",
                                   lang="en")])  # fmt: skip
    own = DocumentContext("d", event_date="2024-11-07", main_subject="Acme", own_event=True)
    assert annotate(pd.DataFrame(rows), sentences, {"d": own}).loc[0, "subject"] == "Acme"
    other = DocumentContext("d", event_date="2024-11-07", main_subject="Acme", own_event=False)
    assert annotate(pd.DataFrame(rows), sentences, {"d": other}).loc[0, "subject"] != "Acme"
