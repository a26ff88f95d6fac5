"""The site as a reader uses it, in headless Chromium at desktop and phone widths, on the seed build.

The index's counts and links, claim permalinks below the sticky header, the
alignment tables, and the claims explorer: its columns, layout on a phone and
in print, its state in the URL, numbers searched however written, and its rows
downloaded as CSV.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest

from browsing import MARKS
from helpers.reports import explorer

pytestmark = MARKS
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
DOC = "002_eb63065994b04cab"
ALIGNMENT = "alignment/000_a86c1cdb2fa65775__001_42769d631cd94a90.html"
CLAIMS = "table[aria-label=claims]"


def _open(browser, path: Path, width: str = "desktop", fragment: str = "", **context):
    w, h = WIDTHS[width]
    ctx = browser.new_context(viewport={"width": w, "height": h}, accept_downloads=True, **context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri() + fragment, wait_until="load")
    return page, errors


def _records(path: Path) -> int:
    return len(pd.read_csv(path, dtype=str, keep_default_na=False))


def test_index_counts_records_not_lines(browser, seed_build):
    out, _ = seed_build
    page, errors = _open(browser, out / "index.html")
    rows = page.eval_on_selector_all(
        "table[aria-label='data files'] tbody tr",
        "trs => trs.map(tr => [tr.cells[0].textContent.trim(), tr.cells[1].textContent.trim()])",
    )
    shown = {name: int(count.replace(",", "")) for name, count in rows if name.endswith(".csv")}
    assert shown and errors == []
    expected = {p.name: _records(p) for p in (out / "data").glob("*.csv")}
    assert shown == expected
    # the seeds' sentences hold line breaks inside quoted fields: lines and records differ there
    lines = (out / "data" / "sentences.csv").read_bytes().count(b"\n") - 1
    assert lines != expected["sentences.csv"]
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_index_document_links_are_on_screen(browser, seed_build, width):
    out, _ = seed_build
    page, _ = _open(browser, out / "index.html", width)
    inner = page.evaluate("window.innerWidth")
    boxes = page.eval_on_selector_all(
        "table[aria-label=documents] tbody a",
        "as => as.map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.left, r.right]; })",
    )
    assert boxes
    off = [b for b in boxes if b[1] < 0 or b[2] > inner]
    assert off == [], off
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


def _claim_in_long_document(out: Path) -> str:
    """A claim late in the seed document 002, whose page must scroll to reach it."""
    claims = pd.read_csv(out / "data" / "claims.csv", dtype=str, keep_default_na=False)
    own = claims[claims["doc_id"] == DOC]
    return str(own["claim_id"].iloc[len(own) * 3 // 4])


@pytest.mark.parametrize("width", WIDTHS)
def test_claim_permalink_lands_below_the_sticky_header(browser, seed_build, width):
    out, _ = seed_build
    claim = _claim_in_long_document(out)
    page, errors = _open(browser, out / "documents" / f"{DOC}.html", width, fragment=f"#c-{claim}")
    page.wait_for_timeout(100)
    header = page.locator(".site-header").bounding_box()
    sentence = page.locator(".document-text span[id^='s-'].is-target")
    assert sentence.count() == 1
    box = sentence.bounding_box()
    mark = page.locator(f"[id='c-{claim}']").bounding_box()
    height = page.viewport_size["height"]
    assert header and box and mark
    assert page.evaluate("window.scrollY") > 0
    assert mark["y"] >= header["y"] + header["height"] and mark["y"] + mark["height"] <= height
    if box["height"] < height - header["height"]:  # a sentence that fits is shown from its first line
        assert box["y"] >= header["y"] + header["height"] - 1, (box, header)
    assert errors == []
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_alignment_tables_are_styled_and_headers_apart(browser, seed_build, width):
    out, _ = seed_build
    page, _ = _open(browser, out / ALIGNMENT, width)
    tables = page.locator("table.alignment")
    assert tables.count() >= 2
    for i in range(tables.count()):
        table = tables.nth(i)
        rows = table.locator("tbody tr").count()
        head = table.locator("thead")
        if rows == 0:  # an empty table says so instead of showing a header run together
            assert not head.is_visible()
            assert "None" in table.evaluate("e => getComputedStyle(e, '::after').content")
            continue
        if width == "desktop":
            cells = table.locator("thead th")
            padding = cells.first.evaluate("e => parseFloat(getComputedStyle(e).paddingLeft)")
            assert padding >= 4
            boxes = [cells.nth(k).bounding_box() for k in range(cells.count())]
            # the header cells span the table, not huddled at its left edge
            assert boxes[-1]["x"] + boxes[-1]["width"] > 0.8 * table.bounding_box()["width"]
            background = cells.first.evaluate("e => getComputedStyle(e).backgroundColor")
            assert background not in ("rgba(0, 0, 0, 0)", "transparent")
            # the header sits above the first row, covering none of it
            head_box, first = table.locator("thead").bounding_box(), table.locator("tbody tr").first.bounding_box()
            assert (
                head_box["y"] + head_box["height"] <= first["y"] + 1 and head_box["y"] >= table.bounding_box()["y"] - 1
            )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # the counts in words, beside their numbers (a two-column table is as wide as its words)
    counts = page.locator("table[aria-label='what the alignment found']")
    assert "sentences only in a" in counts.inner_text() and "only_a" not in counts.inner_text()
    if width == "desktop":
        assert counts.bounding_box()["width"] < 0.6 * page.locator("main").bounding_box()["width"]
    page.close()


def _shown_headings(page) -> list[str]:
    return page.eval_on_selector_all(
        f"{CLAIMS} thead th", "ths => ths.filter(t => t.offsetParent !== null).map(t => t.textContent.trim())"
    )


def test_explorer_shows_default_columns_and_fits_with_a_chooser(browser, seed_build):
    out, _ = seed_build
    page, errors = _open(browser, out / "explorer.html")
    assert _shown_headings(page) == list(explorer.DEFAULT_COLUMNS)
    wrap = page.locator(".table-wrap", has=page.locator(CLAIMS))
    assert page.locator(CLAIMS).bounding_box()["width"] <= wrap.bounding_box()["width"] + 1
    # sticky header and first column
    position = page.eval_on_selector(f"{CLAIMS} thead th", "e => getComputedStyle(e).position")
    first = page.eval_on_selector(f"{CLAIMS} tbody td", "e => getComputedStyle(e).position")
    assert position == first == "sticky"
    page.click(".table-tools details.columns summary")
    page.check("label:has-text('topic') input[type=checkbox]")
    assert "topic" in _shown_headings(page)
    assert "claims.columns=" in unquote(page.url)
    assert errors == []
    page.close()


def test_explorer_is_cards_on_a_phone_and_prints_every_row(browser, seed_build):
    out, _ = seed_build
    page, _ = _open(browser, out / "explorer.html", "phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    row = page.locator(f"{CLAIMS} tbody tr").first
    assert row.evaluate("e => getComputedStyle(e).display") == "block"
    label = row.locator("td").nth(1).evaluate("e => getComputedStyle(e, '::before').content")
    assert "surface" in label
    # a card filtered out is gone from the phone's screen too
    page.fill("[aria-label='tools for claims'] input[type=search]", "60万")
    shown = page.eval_on_selector_all(f"{CLAIMS} tbody tr", "t => t.filter(e => e.offsetParent !== null).length")
    assert shown == _shown_rows(page) and 0 < shown < page.locator(f"{CLAIMS} tbody tr").count()
    page.close()
    page, _ = _open(browser, out / "explorer.html")
    page.emulate_media(media="print")
    total = page.locator(f"{CLAIMS} tbody tr").count()
    visible = page.eval_on_selector_all(f"{CLAIMS} tbody tr", "t => t.filter(e => e.offsetParent !== null).length")
    assert visible == total
    wrap = page.locator(".table-wrap", has=page.locator(CLAIMS))
    assert wrap.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1")
    page.close()


def _shown_claims(page) -> list[str]:
    return page.eval_on_selector_all(
        f"{CLAIMS} tbody tr:not([hidden]) td:first-child", "t => t.map(e => e.textContent)"
    )


def _shown_rows(page) -> int:
    return page.locator(f"{CLAIMS} tbody tr:not([hidden])").count()


def test_explorer_state_is_in_the_url_and_restored_on_back(browser, seed_build):
    out, _ = seed_build
    page, _ = _open(browser, out / "explorer.html")
    total = _shown_rows(page)
    page.fill("[aria-label='tools for claims'] input[type=search]", "gpu")
    page.click(f"{CLAIMS} thead th:nth-child({explorer.COLUMNS.index('value') + 1}) button")
    shown = _shown_rows(page)
    assert 0 < shown < total
    url = page.url
    assert "claims.q=gpu" in url and "claims.sort=value" in url
    order = _shown_claims(page)
    # a shared link opens the same view
    other, _ = _open(browser, out / "explorer.html", fragment="#" + url.split("#", 1)[1])
    assert _shown_rows(other) == shown
    assert other.input_value("[aria-label='tools for claims'] input[type=search]") == "gpu"
    other.close()
    # open a claim, come back: the same rows, in the same order
    page.locator(f"{CLAIMS} tbody tr:not([hidden]) td:first-child a").first.click()
    page.wait_for_load_state("load")
    assert "#c-" in page.url
    page.go_back(wait_until="load")
    assert page.input_value("[aria-label='tools for claims'] input[type=search]") == "gpu"
    assert _shown_rows(page) == shown
    again = _shown_claims(page)
    assert again == order
    page.close()


# One figure, as a reader may type it in English, German or Japanese.
SPELLINGS = ("600000", "600k", "600,000", "60万", "600 Tsd.", "600.000", "0.6m")


def test_explorer_finds_a_number_however_written(browser, seed_build):
    out, _ = seed_build
    claims = pd.read_csv(out / "data" / "claims.csv", dtype=str, keep_default_na=False)
    wanted = {
        c.rsplit(":", 1)[-1]
        for c, v, lo, hi in zip(claims["claim_id"], claims["value"], claims["value_low"], claims["value_high"])
        if 600000.0 in {float(x) for x in (v, lo, hi) if x}
    }
    assert wanted  # the seeds state 600,000 GPUs (60万台)
    page, _ = _open(browser, out / "explorer.html")
    box = "[aria-label='tools for claims'] input[type=search]"
    for spelling in SPELLINGS:
        page.fill(box, spelling)
        found = set(_shown_claims(page))
        assert wanted <= found, spelling
    page.fill(box, "601k")
    found = set(_shown_claims(page))
    assert not (wanted & found)
    page.close()


def test_explorer_downloads_the_rows_shown_as_csv(browser, seed_build):
    out, _ = seed_build
    page, _ = _open(browser, out / "explorer.html")
    page.fill("[aria-label='tools for claims'] input[type=search]", "gpu")
    shown = _shown_claims(page)
    with page.expect_download() as info:
        page.click("[aria-label='tools for claims'] button:has-text('Download these rows')")
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["claim"] for r in rows] == shown
    assert set(explorer.COLUMNS) <= set(rows[0]) and all("#c-" in r["link"] for r in rows)
    page.close()


def test_index_links_every_table_as_csv_and_parquet_and_the_database(browser, seed_build):
    out, _ = seed_build
    page, _ = _open(browser, out / "index.html")
    links = page.eval_on_selector_all("#main a[href^='data/']", "as => as.map(a => a.getAttribute('href'))")
    tables = sorted(p.stem for p in (out / "data").glob("*.csv"))
    assert {f"data/{t}.csv" for t in tables} | {f"data/{t}.parquet" for t in tables} | {"data/corpus.db"} <= set(links)
    assert all((out / link).is_file() for link in links)
    assert "datasette data/corpus.db" in page.inner_text("#main")
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_site_search_from_disk_finds_claims_sentences_documents_and_findings(browser, seed_build, width):
    out, _ = seed_build
    page, errors = _open(browser, out / "index.html", width)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.fill(".site-tools input[type=search]", "60万")
    page.press(".site-tools input[type=search]", "Enter")
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].endswith("/search.html")
    page.wait_for_function("window.SEARCH_TIMINGS && window.SEARCH_TIMINGS.sentences !== undefined")
    page.wait_for_selector("#search-results li")
    claims = page.locator("section", has=page.locator("h2:text-matches('^Claims')")).locator("li a")
    hrefs = [claims.nth(i).get_attribute("href") for i in range(claims.count())]
    assert hrefs and all("#c-" in h for h in hrefs)
    # the same figure typed another way finds the same claims
    page.fill("#site-q", "600,000")
    page.wait_for_function("document.querySelector('#search-status').textContent.includes('600,000')")
    again = page.locator("section", has=page.locator("h2:text-matches('^Claims')")).locator("li a")
    assert set(hrefs) <= {again.nth(i).get_attribute("href") for i in range(again.count())}
    for query, kind in (("Zuckerberg", "Documents"), ("ledger", "Findings"), ("オープンソース", "Sentences")):
        page.fill("#site-q", query)
        page.wait_for_function(f"document.querySelector('#search-status').textContent.includes({query!r})")
        assert page.locator(f"#search-results h2:text-matches('^{kind}')").count() == 1, (query, kind)
    # a result opens its place
    first = page.locator("#search-results section li a").first
    target = first.get_attribute("href")
    first.click()
    page.wait_for_load_state("load")
    assert unquote(page.url).endswith(unquote(target.split("/", 1)[-1]))
    assert all(u.startswith(("file:", "data:")) for u in requests), requests
    assert errors == []
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_document_page_is_headed_by_its_title_with_contents(browser, seed_build, width):
    out, _ = seed_build
    docs = pd.read_csv(out / "data" / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    doc = "001_42769d631cd94a90"
    page, _ = _open(browser, out / "documents" / f"{doc}.html", width)
    h1 = page.locator("h1")
    assert h1.count() == 1 and h1.inner_text() == docs.loc[doc, "title"] and h1.get_attribute("lang") == "de"
    meta = page.locator(".doc-meta").inner_text()
    assert "German" in meta and docs.loc[doc, "event_date"] in meta and "Mark Zuckerberg" in meta
    toc = page.locator("nav.toc")
    assert toc.count() == 1
    entries = toc.locator("a")
    assert entries.count() >= 5
    if width == "desktop":  # a side panel beside the text, open
        box = toc.bounding_box()
        assert toc.locator("details").get_attribute("open") is not None
        assert box["x"] + box["width"] <= page.locator("main").bounding_box()["x"] + 1
    else:  # folded above the text
        assert toc.locator("details").get_attribute("open") is None
        toc.locator("summary").click()
    entries.nth(2).click()
    target = unquote(entries.nth(2).get_attribute("href"))[1:]
    heading = page.locator(f"[id='{target}']").bounding_box()
    header = page.locator(".site-header").bounding_box()
    assert heading["y"] >= header["height"] - 1
    page.close()


def test_theme_toggle_is_remembered_across_pages(browser, seed_build):
    out, _ = seed_build
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = ctx.new_page()
    page.goto((out / "index.html").as_uri())
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    page.click("button.theme-toggle")  # auto -> dark
    assert page.evaluate(background) != "rgb(255, 255, 255)"
    assert "dark" in page.inner_text("button.theme-toggle")
    page.goto((out / "explorer.html").as_uri())
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(background) != "rgb(255, 255, 255)"
    page.click("button.theme-toggle")  # dark -> light
    page.click("button.theme-toggle")  # light -> the system's (light here)
    assert page.evaluate("document.documentElement.dataset.theme") is None
    ctx.close()
    dark = browser.new_context(color_scheme="dark")
    page = dark.new_page()
    page.goto((out / "index.html").as_uri())
    assert page.evaluate(background) != "rgb(255, 255, 255)"  # no choice made: the system's dark
    dark.close()


def test_every_page_has_the_same_header_and_a_phone_keeps_it_to_two_rows(browser, seed_build):
    out, _ = seed_build
    pages = ("index.html", "search.html", "documents/002_eb63065994b04cab.html", "comparison.html", "explorer.html")
    labels = set()
    for rel in pages:
        page, errors = _open(browser, out / rel, "phone")
        links = page.eval_on_selector_all(".site-header nav a", "as => as.map(a => a.textContent.trim())")
        labels.add(tuple(links))
        header = page.locator(".site-header").bounding_box()
        search = page.locator(".site-tools input[type=search]").bounding_box()
        assert header["height"] <= 90, (rel, header)  # the links on one line, the search box and toggle below
        assert search["width"] >= 200 and page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert errors == []
        page.close()
    assert len(labels) == 1 and next(iter(labels))[0] == "Index", labels
    # the index's documents are cards on a phone, every field named
    page, _ = _open(browser, out / "index.html", "phone")
    row = page.locator("table[aria-label=documents] tbody tr").first
    assert row.evaluate("e => getComputedStyle(e).display") == "block"
    assert "Genre" in row.locator("td").nth(3).evaluate("e => getComputedStyle(e, '::before').content")
    page.close()
    page, _ = _open(browser, out / "search.html", fragment="?q=xyzzy")
    page.wait_for_function("window.SEARCH_TIMINGS && window.SEARCH_TIMINGS.sentences !== undefined")
    page.fill("#site-q", "600k")
    page.wait_for_function("document.querySelector('#search-status').textContent.includes('600k')")
    count = page.locator("#search-results li").count()
    status = page.inner_text("#search-status")
    assert status.startswith(f"{count} result{'s' if count != 1 else ''} for"), status
    page.close()


@pytest.mark.parametrize("doc", ["000_a86c1cdb2fa65775", "001_42769d631cd94a90"])
def test_document_page_is_in_its_document_s_language_and_its_own_words_in_english(browser, seed_build, doc):
    out, _ = seed_build
    docs = pd.read_csv(out / "data" / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    sentences = pd.read_csv(out / "data" / "sentences.csv", dtype=str, keep_default_na=False)
    page, errors = _open(browser, out / "documents" / f"{doc}.html")
    assert page.evaluate("document.documentElement.lang") == docs.loc[doc, "lang"] != "en"
    voice = "el => el.closest('[lang]').lang"
    # the report's prose, header and contents in English; every sentence of the text in its own language
    assert page.locator(".jp-MarkdownCell p").first.evaluate(voice) == "en"
    assert page.locator(".site-header nav a").first.evaluate(voice) == "en"
    assert page.locator("nav.toc summary").evaluate(voice) == "en"
    shown = page.eval_on_selector_all(
        ".document-text span[id^='s-']", "ss => ss.map(s => [s.id.slice(2), s.closest('[lang]').lang])"
    )
    own = sentences[sentences["doc_id"] == doc].set_index("sentence_id")["lang"]
    assert shown and all(lang == own[n] for n, lang in shown)
    assert errors == []
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_comparison_headings_are_in_words_with_the_group_id_only_as_anchor_and_tooltip(browser, seed_build, width):
    out, _ = seed_build
    findings = pd.read_csv(out / "data" / "findings.csv", dtype=str, keep_default_na=False)
    page, errors = _open(browser, out / "comparison.html", width)
    shown = page.eval_on_selector_all(
        "main h3[id]",
        "hs => hs.map(h => [h.id, h.textContent, h.title, (h.querySelector('a.anchor-link') || {}).hash])",
    )
    groups = set(findings.loc[findings["kind"] == "group", "group_id"])
    heads = [h for h in shown if h[0] in groups]
    assert heads
    for gid, text, tip, link in heads:
        assert gid not in text and " · " in text and tip == f"group {gid}" and link == f"#{gid}"
    toc = page.eval_on_selector_all("nav.toc a", "as => as.map(a => a.textContent)")
    assert toc and not any(gid in entry for entry in toc for gid in groups)
    # a link from another page still lands on the group's heading
    gid = heads[-1][0]
    page.goto((out / "comparison.html").as_uri() + f"#{gid}")
    box, header = page.locator(f"h3[id='{gid}']").bounding_box(), page.locator(".site-header").bounding_box()
    assert header["height"] - 1 <= box["y"] <= page.viewport_size["height"]
    assert errors == []
    page.close()
