"""The page-weight budget of a document report (issue 28): at most 150 KB for a 20,000-character document,
on a generated transcript and on the seeds' documents (a longer document's budget grows with its length)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.build import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT_BUDGET = 150 * 1024

SPEAKERS = ("Dana Whitfield", "Marcus Oyelaran", "Priya Raman")
FIGURES = (
    "about {a} million dollars",
    "more than {a},000 GPUs",
    "{a} percent",
    "between {a} and {b} billion tokens",
    "roughly {a} megawatts",
    "{a} years",
    "at least {a} people",
    "{a}.{b} trillion parameters",
)


def english_transcript(chars: int = 20_000) -> str:
    """A labelled English talk transcript of ``chars`` characters, dense with figures (about one
    claim per 85 characters, as the seeds' talk transcripts have)."""
    turns, total, i = [], 0, 0
    while total < chars:
        figure = FIGURES[i % len(FIGURES)].format(a=(i * 37) % 90 + 10, b=(i * 53) % 90 + 10)
        other = FIGURES[(i + 3) % len(FIGURES)].format(a=(i * 11) % 80 + 12, b=(i * 7) % 80 + 12)
        turn = (
            f"{SPEAKERS[i % len(SPEAKERS)]}: We looked at the numbers again this quarter, and the team "
            f"now reports {figure} for the cluster. That compares with {other} a year ago, which "
            f"is why the plan changed.\n\n"
        )
        turns.append(turn)
        total += len(turn)
        i += 1
    return "".join(turns)[:chars]


@pytest.mark.slow
def test_a_20000_character_english_document_report_stays_under_150_kb(tmp_path):
    seeds, notebooks, out = tmp_path / "seeds", tmp_path / "nb", tmp_path / "out"
    seeds.mkdir()
    notebooks.mkdir()
    text = english_transcript()
    assert len(text) == 20_000
    (seeds / "talk.txt").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "notebooks" / "02_document.ipynb", notebooks)
    result = build(BuildOptions(seeds=seeds, out=out, notebooks=notebooks, jobs=1, ledger=None))
    assert result.exit_code == 0, result.problems
    pages = list((out / "documents").glob("*.html"))
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert page.count('<mark id="c-') >= 180  # the figures were found: the page is not light by being empty
    assert pages[0].stat().st_size <= DOCUMENT_BUDGET, f"{pages[0].stat().st_size / 1024:.1f} KB"


def budget(chars: int) -> int:
    """A document report's budget: 150 KB up to 20,000 characters, in proportion beyond."""
    return max(DOCUMENT_BUDGET, DOCUMENT_BUDGET * chars // 20_000)


def test_budget_grows_with_a_document_s_length_only_beyond_20000_characters():
    assert budget(5_000) == budget(20_000) == DOCUMENT_BUDGET
    assert budget(40_000) == 2 * DOCUMENT_BUDGET


@pytest.mark.slow
def test_the_seeds_document_reports_stay_within_the_budget_for_their_length(seed_build):
    import pandas as pd

    out, _ = seed_build
    documents = pd.read_csv(out / "data" / "documents.csv", dtype={"doc_id": str})
    over = {}
    for doc_id, chars in zip(documents["doc_id"], documents["chars"]):
        page = out / "documents" / f"{doc_id}.html"
        assert page.is_file(), doc_id
        if page.stat().st_size > budget(int(chars)):
            over[doc_id] = (page.stat().st_size // 1024, budget(int(chars)) // 1024)
    assert len(documents) >= 5 and over == {}, over
    # the pages share one stylesheet and one script rather than each carrying its own
    assert (out / "assets" / "site.css").is_file() and (out / "assets" / "site.js").is_file()
    assert "<style>" not in (out / "documents" / f"{documents['doc_id'][0]}.html").read_text(encoding="utf-8")


def test_the_claims_table_states_each_figure_once_with_its_qualifier_unit_and_speaker():
    import pandas as pd

    from helpers.reports.claims import claims_table_html, figure_text, who_text

    rows = [
        dict(claim_id="d:c0001", line=3, surface="約35万個", value=350000.0, value_low=350000.0, value_high=350000.0,
             unit="gpu", vague=False, qualifier="approx", topic="meta_gpu_fleet", measure="", speaker="Mark Zuckerberg",
             attribution="turn", speaker_confidence=0.734, lang="ja"),
        dict(claim_id="d:c0002", line=9, surface="tens of billions", value=float("nan"), value_low=1e10,
             value_high=1e11, unit="usd", vague=True, qualifier="", topic="", measure="", speaker="Host",
             attribution="labelled", speaker_confidence=1.0, lang="en"),
        dict(claim_id="d:c0003", line=12, surface="more than 2,000", value=float("nan"), value_low=2000.0,
             value_high=float("inf"), unit="person", vague=False, qualifier="at_least", topic="staff",
             measure="headcount", speaker="", attribution="author", speaker_confidence=0.9, lang="en"),
    ]  # fmt: skip
    assert figure_text(rows[0]) == "≈ 350,000 gpu"
    assert figure_text(rows[1]) == "10,000,000,000–100,000,000,000 usd (vague)"
    assert figure_text(rows[2]).startswith("≥ 2,000") and figure_text(rows[2]).endswith(" person")
    assert who_text(rows[0]) == "Mark Zuckerberg (inferred) 0.73" and who_text(rows[1]) == "Host"
    html = claims_table_html("d", pd.DataFrame(rows))
    assert '<a href="#c-d:c0001">c0001</a>' in html  # the id links within the page
    assert html.count('lang="ja"') == 1 and 'lang="en"' not in html  # only words not in the page's language
    assert html.count("title=") == 3  # how each kind of attribution is known, said once (turn, label, author)
    assert "meta_gpu_fleet" in html and "staff · headcount" in html
    assert 'data-value="350000"' in html and 'data-value="Host"' not in html  # a key only where the text is not one
