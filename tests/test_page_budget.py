"""The page-weight budget of a document report (issue 28): at most 150 KB for a 20,000-character document."""

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
    assert page.count('<mark class="claim"') >= 180  # the figures were found: the page is not light by being empty
    assert pages[0].stat().st_size <= DOCUMENT_BUDGET, f"{pages[0].stat().st_size / 1024:.1f} KB"
