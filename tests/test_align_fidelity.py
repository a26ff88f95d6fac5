"""The fidelity table's verdicts: figures compared as what they count, in all three languages."""

import pytest

from helpers.analysis.align import Quantity, generations, pair_quantities
from helpers.claims.extract import claims_frame
from helpers.text.parse import parse_document


def q(surface: str, unit: str, value: float, high: float | None = None, vague: bool = False) -> Quantity:
    return Quantity(0, 0, surface, unit, value, value if high is None else high, vague)


def verdicts(a: list[Quantity], b: list[Quantity]) -> list[tuple[str, str, str]]:
    return [(x.surface if x else "", y.surface if y else "", v) for x, y, v, _ in pair_quantities(a, b)]


def extracted(text: str) -> list[Quantity]:
    c = claims_frame([parse_document(text, "d")])
    return [q(r.surface, r.unit, r.value) for r in c.itertuples()]


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        ("10万人が参加しました。", "100,000 people took part.", "same"),
        ("8Bのモデルです。", "Ein Modell mit 800 Milliarden Parametern.", "changed"),
        ("800億パラメータのモデルです。", "It is an 80 billion parameter model.", "same"),
        ("It costs $5.", "500円かかります。", "changed"),
        ("We shipped version 1.2.", "Wir haben Version 1.3 ausgeliefert.", "changed"),
        ("Die Industrie hat rund 250.000 Arbeitsplätze verloren.", "Industry has lost around 25,000 jobs.", "changed"),
        ("約1,400か所に上りました。", "It reached around 1,400.", "same"),
    ],
)
def test_real_surfaces(a, b, verdict):
    got = verdicts(extracted(a), extracted(b))
    assert [v for *_, v in got] == [verdict], got


def test_scale_slip_reason_names_the_power_of_ten():
    ((_, _, verdict, reason),) = pair_quantities([q("300万円", "jpy", 3e6)], [q("30 million yen", "jpy", 3e7)])
    assert verdict == "changed" and "10^-1" in reason


def test_currency_change_is_named():
    ((_, _, verdict, reason),) = pair_quantities([q("$5 million", "usd_per_month", 5e6)], [q("5億円", "jpy", 5e8)])
    assert verdict == "changed" and reason.startswith("currency differs: usd")


def test_precision_decides_same_not_a_percentage_tolerance():
    assert verdicts([q("3.58%", "percent", 3.58)], [q("3.6%", "percent", 3.6)])[0][2] == "same"
    assert verdicts([q("352日", "duration_day", 352)], [q("355 days", "duration_day", 355)])[0][2] == "changed"
    # Durations are compared in seconds, whatever unit each side uses.
    assert verdicts([q("9ヶ月", "duration_month", 9)], [q("9 Monate", "duration_month", 9)])[0][2] == "same"


def test_a_count_of_parameters_and_a_bare_count_are_one_figure():
    assert verdicts([q("70B", "parameter", 7e10)], [q("70 billion", "count", 7e10)])[0][2] == "same"


def test_vague_is_never_changed_and_leftovers_are_dropped_or_added():
    got = verdicts([q("何十億ドル", "usd", 1e10, 1e11, vague=True), q("2012年", "year", 2012)],
                   [q("ein paar Milliarden Dollar", "usd", 2e9, 5e9, vague=True)])  # fmt: skip
    assert got == [
        ("何十億ドル", "", "dropped"),
        ("2012年", "", "dropped"),
        ("", "ein paar Milliarden Dollar", "added"),
    ]


def test_bare_cents_name_no_currency():
    assert (
        verdicts([q("5 Cent", "eur_per_kilowatt_hour", 0.05)], [q("5 cents", "usd_per_kilowatt_hour", 0.05)])[0][2]
        == "same"
    )
    assert verdicts([q("5 €", "eur", 5)], [q("$5", "usd", 5)])[0][2] == "changed"


@pytest.mark.parametrize(
    ("text", "n"),
    [("the fourth generation of chips", 4), ("die vierte Generation", 4), ("der fünften Generation", 5),
     ("第5世代のチップ", 5), ("第十二世代", 12), ("our 3rd-generation glasses", 3), ("the next generation", None)],
)  # fmt: skip
def test_generations_in_three_languages(text, n):
    got = generations(text, 0)
    assert [g.low for g in got] == ([] if n is None else [n])


def test_the_aligned_figure_decides_translation_slips():
    """Two renderings of one talk: what the aligned sentence states decides, not a guess from powers of ten."""
    import sys
    from pathlib import Path

    import pandas as pd

    sys.path.insert(0, str(Path(__file__).parent))
    from helpers.analysis.align import aligned_figures
    from helpers.analysis.compare import findings_frame
    from test_compare import CATALOG, LEDGER, claim, claim_of, frame

    claims = frame(
        claim("ja_talk", "j1", "24万人", "person", "creator_count", 240000),
        claim("de_talk", "d1", "24.000 Menschen", "person", "creator_count", 24000, lang="de"),
        claim("ja_talk", "j2", "3万人", "person", "creator_count", 30000, sentence_id=9),
        claim("de_talk", "d2", "35.000 Menschen", "person", "creator_count", 35000, lang="de", sentence_id=9),
    )
    fidelity = pd.DataFrame(
        [dict(claim_a="j1", claim_b="d1", verdict="same", reason="same figure"),
         dict(claim_a="j2", claim_b="d2", verdict="changed", reason="value differs: 30,000 vs 35,000")]
    )  # fmt: skip
    guessed = findings_frame(claims, LEDGER, CATALOG)
    assert claim_of(guessed, "j1")["verdict"] == "translation_slip"  # the guess: a clean power of ten
    told = findings_frame(claims, LEDGER, CATALOG, aligned=aligned_figures(fidelity))
    # The alignment pairs 24万人 with 24.000 Menschen as the same figure (no slip) ...
    assert claim_of(told, "j1")["verdict"] != "translation_slip"
    # ... and says the 30,000 of one rendering is 35,000 in the other: a slip, although no power of ten apart.
    j2 = claim_of(told, "j2")
    assert j2["verdict"] == "translation_slip" and j2["likely_value"] == "35,000 person"
    assert aligned_figures(fidelity)["d2"] == ("j2", "changed", "value differs: 30,000 vs 35,000")
