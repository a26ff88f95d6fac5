"""Another corpus, its own questions: the site built from earnings-call transcripts about another company.

The corpus of tests/fixtures/questions/earnings (a call, an article and a
listener's notes about one quarter, with its own ``questions.yaml``) is built
once, with every notebook and no ledger, and read in headless Chromium at
desktop and phone widths: the comparison answers the corpus's questions,
the site search finds its claims, the claims explorer filters them, and no
page says anything of the seeds' corpus.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
import yaml

from browsing import MARKS
from helpers.build import BuildOptions, build

pytestmark = MARKS
ROOT = Path(__file__).resolve().parents[1]
EARNINGS = ROOT / "tests" / "fixtures" / "questions" / "earnings"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
CLAIMS = "table[aria-label=claims]"
SEARCH_BOX = "[aria-label='tools for claims'] input[type=search]"
# What only the seeds' corpus would put on a page: its company, people, models and topic keys.
SEEDS_WORDS = re.compile(r"\b(?:Meta|Llama|Zuckerberg|H100|Nvidia|Susan Li|Jensen Huang)\b|\b(?:meta|llama)_[a-z0-9_]+")


@pytest.fixture(scope="session")
def earnings_build(tmp_path_factory) -> Path:
    """The earnings corpus with its question file, built into a fresh folder (every notebook, no ledger)."""
    seeds = tmp_path_factory.mktemp("earnings_seeds")
    for p in EARNINGS.iterdir():
        if p.suffix in (".txt", ".yaml"):
            shutil.copy(p, seeds)
    out = tmp_path_factory.mktemp("earnings_reports")
    result = build(BuildOptions(seeds=seeds, out=out, ledger=None, jobs=1))
    assert result.exit_code == 0, result.problems
    return out


def _open(browser, path: Path, width: str = "desktop", query: str = ""):
    w, h = WIDTHS[width]
    page = browser.new_page(viewport={"width": w, "height": h})
    seen: dict[str, list[str]] = {"errors": [], "requests": []}
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(path.as_uri() + query, wait_until="load")
    return page, seen


def _questions() -> list[str]:
    asked = yaml.safe_load((EARNINGS / "questions.yaml").read_text(encoding="utf-8"))["questions"]
    return [q["question"] for q in asked]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_comparison_answers_the_corpus_s_own_questions(browser, earnings_build, width):
    page, seen = _open(browser, earnings_build / "comparison.html", width)
    headings = page.eval_on_selector_all("h3", "hs => hs.map(h => h.textContent.trim())")
    asked = _questions()
    assert [h for h in headings if h in asked] == asked  # each question, in the file's order
    answers = {q: page.locator(f"h3:text-is({q!r}) ~ ul.answer").first.inner_text() for q in asked}
    revenue, staff = answers[asked[0]], answers[asked[1]]
    assert "Tomas Lind says $3.2 billion of revenue" in revenue and "$32 billion" in revenue
    assert "contradicts" in revenue and staff.count("18,500 employees") == 3
    assert "no question file" not in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # a figure of an answer opens its sentence in its document
    link = page.locator(f"h3:text-is({asked[0]!r}) ~ ul.answer a[href*='#s-']").first
    target = unquote(link.get_attribute("href").split("#", 1)[1])
    link.click()
    page.wait_for_load_state("load")
    assert "/documents/" in page.url and page.locator(f"[id='{target}']").count() == 1
    assert seen["errors"] == [] and all(u.startswith(("file:", "data:")) for u in seen["requests"])
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_site_search_finds_the_corpus_s_claims(browser, earnings_build, width):
    claims = pd.read_csv(earnings_build / "data" / "claims.csv", dtype=str, keep_default_na=False)
    revenue = {c for c, v in zip(claims["claim_id"], claims["value"]) if v and float(v) == 3.2e9}
    assert len(revenue) >= 2
    page, seen = _open(browser, earnings_build / "index.html", width)
    page.fill(".site-tools input[type=search]", "3.2 billion")
    page.press(".site-tools input[type=search]", "Enter")
    page.wait_for_load_state("load")
    page.wait_for_function("window.SEARCH_TIMINGS && window.SEARCH_TIMINGS.sentences !== undefined")
    for query, wanted in (("3.2 billion", revenue), ("3,200,000,000", revenue), ("$3.2bn", revenue)):
        page.fill("#site-q", query)
        page.wait_for_function(f"document.querySelector('#search-status').textContent.includes({query!r})")
        found = page.locator("section", has=page.locator("h2:text-matches('^Claims')")).locator("li a")
        hrefs = {unquote(found.nth(i).get_attribute("href")) for i in range(found.count())}
        assert {h.split("#c-", 1)[1] for h in hrefs if "#c-" in h} >= wanted, query
    page.fill("#site-q", "Tomas Lind")
    page.wait_for_function("document.querySelector('#search-status').textContent.includes('Tomas Lind')")
    assert page.locator("#search-results h2:text-matches('^Claims')").count() == 1
    page.fill("#site-q", "Tesla earnings call")
    page.wait_for_function("document.querySelector('#search-status').textContent.includes('Tesla earnings call')")
    documents = page.locator("section", has=page.locator("h2:text-matches('^Documents')")).locator("li a")
    assert documents.count() >= 1
    documents.first.click()
    page.wait_for_load_state("load")
    assert "/documents/q3_" in page.url and page.locator("h1").inner_text().startswith(("Tesla", "Notes"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert seen["errors"] == [] and all(u.startswith(("file:", "data:")) for u in seen["requests"])
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_explorer_lists_filters_and_opens_the_corpus_s_claims(browser, earnings_build, width):
    claims = pd.read_csv(earnings_build / "data" / "claims.csv", dtype=str, keep_default_na=False)
    staff = {c.rsplit(":", 1)[1] + "@" + c.rsplit(":", 1)[0] for c, v in zip(claims["claim_id"], claims["value"])
             if v and float(v) == 18500}  # fmt: skip
    assert len(staff) == 3
    page, seen = _open(browser, earnings_build / "explorer.html", width)
    rows = page.locator(f"{CLAIMS} tbody tr")
    assert rows.count() == len(claims)
    page.fill(SEARCH_BOX, "18500")
    shown = page.locator(f"{CLAIMS} tbody tr:not([hidden])")
    links = [unquote(shown.nth(i).locator("td:first-child a").get_attribute("href")) for i in range(shown.count())]
    assert len(links) == 3 and all("#c-" in h for h in links)
    assert {h.split("#c-", 1)[1].split(":", 1)[1] + "@" + h.split("#c-", 1)[1].split(":", 1)[0] for h in links} == staff
    if width == "phone":  # cards, nothing off-screen
        assert shown.first.evaluate("e => getComputedStyle(e).display") == "block"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert "claims.q=18500" in page.url
    shown.first.locator("td:first-child a").click()
    page.wait_for_load_state("load")
    assert "/documents/q3_" in page.url and "#c-" in page.url
    page.go_back(wait_until="load")
    assert page.input_value(SEARCH_BOX) == "18500" and page.locator(f"{CLAIMS} tbody tr:not([hidden])").count() == 3
    assert seen["errors"] == []
    page.close()


def test_no_page_says_anything_of_the_seeds_corpus(browser, earnings_build):
    files = sorted(
        p for p in earnings_build.rglob("*") if p.suffix in (".html", ".js", ".css") and "_build" not in p.parts
    )
    assert len([p for p in files if p.suffix == ".html"]) >= 7  # index, search, three documents, corpus reports
    found = {p.relative_to(earnings_build).as_posix(): set(SEEDS_WORDS.findall(p.read_text("utf-8"))) for p in files}
    assert {k: v for k, v in found.items() if v} == {}
    page, _ = _open(browser, earnings_build / "index.html")
    assert page.locator("h1").inner_text() == "Corpus reports"  # the catalog names no corpus title
    assert page.locator("table[aria-label=documents] tbody tr").count() == 3
    page.close()
