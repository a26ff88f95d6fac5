"""The reports in a real headless Chromium, opened from file:// with no network."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import unquote, urlsplit

from browsing import MARKS

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
pytestmark = MARKS


def _open(browser, path: Path, scheme: str = "light", fragment: str = ""):
    """Open a report; collect console errors, page errors and every request made."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    seen = {"console": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: seen["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["console"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri() + fragment, wait_until="load")
    return page, seen


def _pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "_build" not in p.relative_to(out).parts)


def _japanese_fonts(page, selector: str) -> list[dict]:
    """The platform fonts Chromium really used to draw the element's text."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})
    node = cdp.send("DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": selector})
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]


def test_every_report_opens_offline_without_errors(browser, seed_build):
    out, _ = seed_build
    for path in _pages(out):
        page, seen = _open(browser, path)
        assert seen["console"] == [], f"{path.name}: {seen['console']}"
        bad = [u for u in seen["requests"] if urlsplit(u).scheme not in ("file", "data")]
        assert bad == [], f"{path.name} requested {bad}"
        broken_images = page.evaluate(
            "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 60))"
        )
        assert broken_images == [], path.name
        # the site's shared stylesheet and script (assets/), found relative to the page
        styled = "getComputedStyle(document.querySelector('.site-header')).position === 'sticky'"
        assert page.evaluate(styled) and page.evaluate("typeof window.helpersReadNumber === 'function'"), path.name
        page.close()


def test_links_and_anchors_resolve_in_the_browser(browser, seed_build):
    out, _ = seed_build
    page, _ = _open(browser, out / "index.html")
    hrefs = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    page.close()
    assert hrefs
    for href in sorted(set(hrefs)):
        parts = urlsplit(href)
        assert parts.scheme == "file", href
        path = Path(unquote(parts.path))
        if path.suffix != ".html":  # data files download rather than render
            assert path.is_file(), href
            continue
        target, seen = _open(browser, path)
        assert seen["console"] == []
        if parts.fragment:
            assert target.locator(f"[id='{parts.fragment}']").count() == 1, href
        target.close()


def test_claim_links_land_on_their_words_and_sentences_in_the_page(browser, seed_build):
    out, _ = seed_build
    page, _ = _open(browser, out / "documents" / "002_eb63065994b04cab.html")
    hrefs = page.evaluate(
        "Array.from(document.querySelectorAll('a[href*=\"#c-\"], a[href*=\"#s-\"]')).map(a => a.href)"
    )
    claim_links = [h for h in hrefs if "#c-" in h]
    assert len(claim_links) > 5 and len(hrefs) > len(claim_links)  # the claims table, and the summary's sentences
    here = page.url.split("#")[0]
    for href in hrefs:
        assert href.split("#")[0] == here, href  # the claims and the text they link to are one page
        frag = unquote(urlsplit(href).fragment)
        assert page.locator(f"[id='{frag}']").count() == 1, href
    page.close()


def test_japanese_is_drawn_with_a_real_font_and_screenshots_are_saved(browser, seed_build):
    out, _ = seed_build
    ARTIFACTS.mkdir(exist_ok=True)
    page, _ = _open(browser, out / "documents" / "002_eb63065994b04cab.html")
    fonts = _japanese_fonts(page, ".document-text[lang=ja] span[id^='s-']")
    assert fonts, "no font used"
    assert all(f["glyphCount"] > 0 for f in fonts)
    families = {f["familyName"] for f in fonts}
    assert any("IPA" in fam or "Noto" in fam or "CJK" in fam for fam in families), families
    page.screenshot(path=str(ARTIFACTS / "document-002.png"), full_page=False)
    page.close()
    for name, path in (("index", out / "index.html"), ("comparison", out / "comparison.html")):
        if path.exists():
            page, _ = _open(browser, path)
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
            page.close()


def test_injected_markup_executes_nothing(browser, nasty_build):
    out, result = nasty_build
    assert any(r.report == "documents/evil.html" and r.status == "ok" for r in result.runs)
    for path in _pages(out):
        page, seen = _open(browser, path)
        assert page.evaluate("window.__pwned === undefined"), path.name
        assert seen["dialogs"] == [], path.name
        page.close()
    page, _ = _open(browser, out / "documents" / "evil.html")
    body = page.inner_text("body")
    assert "<script>window.__pwned" in body
    assert "{{ 7*7 }}" in body
    assert page.locator("a[href^='javascript:']").count() == 0
    page.close()


DOC = "002_eb63065994b04cab"
# One page of each kind the build writes (the explorer, index and corpus-level reports once each).
PAGE_TYPES = {
    "index": "index.html",
    "corpus": "corpus.html",
    "document": f"documents/{DOC}.html",
    "comparison": "comparison.html",
    "alignment": "alignment/000_a86c1cdb2fa65775__001_42769d631cd94a90.html",
    "explorer": "explorer.html",
}


def _axe_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # axe-core comes inside the PyPI package and is injected into the page: nothing is fetched.
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} e.g. {v['nodes'][0]['html'][:120]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_every_page_passes_axe_in_light_and_page_types_in_dark(browser, seed_build):
    out, _ = seed_build
    problems = {}
    for path in _pages(out):
        page, _ = _open(browser, path)
        found = _axe_problems(page)
        if found:
            problems[str(path.relative_to(out))] = found
        page.close()
    for rel in PAGE_TYPES.values():
        page, _ = _open(browser, out / rel, scheme="dark")
        found = _axe_problems(page)
        if found:
            problems[f"{rel} (dark)"] = found
        page.close()
    assert problems == {}


def test_screenshots_of_every_page_type_in_light_and_dark(browser, seed_build):
    out, _ = seed_build
    ARTIFACTS.mkdir(exist_ok=True)
    for name, rel in PAGE_TYPES.items():
        for scheme in ("light", "dark"):
            page, seen = _open(browser, out / rel, scheme=scheme)
            assert seen["console"] == [], rel
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert (background == "rgb(255, 255, 255)") == (scheme == "light"), (rel, scheme, background)
            # nothing wider than the window: wide tables scroll inside their own box
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (rel, scheme)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{scheme}.png"), full_page=False)
            if name == "comparison":  # the first screen is text: the headline's chart has its own picture
                chart = page.locator("figure.chart").first
                chart.scroll_into_view_if_needed()
                page.screenshot(path=str(ARTIFACTS / f"{name}-chart-{scheme}.png"), full_page=False)
                # a chart drawn in the page's colours: its marks differ from the background in both schemes
                fill = chart.locator("svg a circle").first.evaluate("e => getComputedStyle(e).fill")
                assert fill not in (background, "rgb(0, 0, 0)", "none"), (scheme, fill)
            page.close()


# The headline questions' topics (seeds/questions.yaml); the seeds give several figures on the GPU fleet.
HEADLINE_TOPICS = ("meta_gpu_fleet", "llama_training_cluster", "open_compute_savings")


def test_headline_charts_are_named_svg_groups_described_in_words(browser, seed_build):
    import re

    from playwright.sync_api import expect

    from helpers.claims.topics import behaviours

    out, _ = seed_build
    page, _ = _open(browser, out / "comparison.html")
    drawn = [t for t in HEADLINE_TOPICS if page.locator(f"svg[aria-labelledby='chart-{t}-t']").count()]
    assert "meta_gpu_fleet" in drawn
    for topic in drawn:
        chart = page.locator(f"svg[aria-labelledby='chart-{topic}-t']")
        assert chart.evaluate("e => e.tagName") == "svg"
        # named in a reader's words (the topic's name in topics.yaml), not by its key
        name = re.escape(behaviours()[topic].name[:1].upper() + behaviours()[topic].name[1:])
        expect(chart).to_have_accessible_name(re.compile(rf"^Chart of {name}: \w+ by event date$"))
        expect(chart).to_have_accessible_description(re.compile(rf"^{name}: \d+ figures in \w+ from \d+ sources?"))
        # every mark is a link to its claim with a tooltip saying what it is
        marks = chart.locator("a")
        assert marks.count() >= 2
        assert all("#c-" in marks.nth(i).get_attribute("href") for i in range(marks.count()))
    page.close()


def test_explorer_filters_sorts_and_searches_fast(browser, seed_build):
    out, _ = seed_build
    page, seen = _open(browser, out / "explorer.html")
    table = "table[aria-label=claims]"
    total = page.locator(f"{table} tbody tr").count()
    claims = (out / "data" / "claims.csv").read_text(encoding="utf-8")
    assert total == sum(1 for _ in csv.DictReader(io.StringIO(claims)))  # every claim of the corpus, one page
    timings = page.evaluate(
        """() => {
        const box = document.querySelector('.table-tools input[type=search]');
        const times = [];
        for (const ch of 'h100') {
            const t0 = performance.now();
            box.value += ch;
            box.dispatchEvent(new Event('input'));
            document.body.offsetHeight;  // include the layout the change causes
            times.push(performance.now() - t0);
        }
        return times;
    }"""
    )
    # The target is under 100 ms per keystroke (56 ms, then 0.3-8 ms, measured on the seeds); the
    # assertion allows a loaded CI machine and still catches a filter that rebuilds the page.
    print(f"explorer filter ms per keystroke: {timings}")
    assert sorted(timings)[len(timings) // 2] < 100 and max(timings) < 1000, timings
    shown = page.locator(f"{table} tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert all("h100" in t.lower() for t in shown.all_inner_texts())
    page.fill(".table-tools input[type=search]", "")
    unit, value = _column(page, table, "unit"), _column(page, table, "value")
    page.select_option(f"select[id$='-{unit - 1}']", "gpu")
    units = page.eval_on_selector_all(f"{table} tbody tr:not([hidden]) td:nth-child({unit})", "tds => tds.map(t => t.textContent)")
    assert units and set(units) == {"gpu"}
    assert "Showing" in page.inner_text(".table-tools output")
    page.click(f"{table} th:nth-child({value}) button")  # ascending by the number
    values = page.eval_on_selector_all(
        f"{table} tbody tr:not([hidden]) td:nth-child({value})", "tds => tds.map(t => parseFloat(t.textContent.replace(/[,\\s]/g, '')))"
    )
    numbers = [v for v in values if v == v]
    assert numbers == sorted(numbers) and len(numbers) > 1
    assert page.get_attribute(f"{table} th:nth-child({value})", "aria-sort") == "ascending"
    assert seen["console"] == []
    page.close()


def _column(page, table: str, name: str) -> int:
    """The 1-based position of the column headed ``name`` (headings hold a sort button after the script runs)."""
    heads = page.eval_on_selector_all(f"{table} thead th", "ths => ths.map(t => t.textContent.trim())")
    return heads.index(name) + 1


def _inferred_claim(out) -> dict:
    """A claim of the seed build whose speaker was decoded from an unlabelled dialogue (000 and 004 have many)."""
    rows = csv.DictReader(io.StringIO((out / "data" / "claims.csv").read_text(encoding="utf-8")))
    return next(r for r in rows if r["attribution"] == "turn" and r["speaker"])


def test_speaker_and_inferred_attribution_shown_next_to_claims(browser, seed_build):
    out, _ = seed_build
    c = _inferred_claim(out)
    shown = f"{c['speaker']} (inferred)"
    # the document report: the claims table names the speaker as inferred, in words, with the confidence beside it;
    # the first row of inferred speakers says what the mark means
    page, seen = _open(browser, out / "documents" / f"{c['doc_id']}.html")
    table = page.locator("table[aria-label='claims of the document']")
    row = table.locator("tbody tr", has=page.locator(f"a[href$='#c-{c['claim_id']}']"))
    assert row.count() == 1
    assert f"{shown} {float(c['speaker_confidence']):.2f}" in row.inner_text()
    assert table.locator("tbody td span[title*='inferred: decoded from the turns']").count() == 1
    # ... the claim's mark in the text says who, and turns are headed by an inferred speaker
    # (the mark's tooltip leaves the speaker to the turn's heading or voice before it, which names them;
    # a turn continuing the same voice is not headed again, so the name is the last one shown before the mark)
    named = page.eval_on_selector(
        f"[id='c-{c['claim_id']}']",
        """mark => {
            const names = [...document.querySelectorAll('.document-text .speaker')]
                .filter(s => s.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING);
            return names.length ? names[names.length - 1].textContent : null;
        }""",
    )
    assert named == shown
    assert page.locator("p.turn strong .speaker.inferred").count() > 0
    assert seen["console"] == []
    page.close()
    # the explorer: filtering by attribution "turn" leaves only speakers marked inferred
    page, _ = _open(browser, out / "explorer.html")
    table = "table[aria-label=claims]"
    speaker, attribution = _column(page, table, "speaker"), _column(page, table, "attribution")
    page.select_option(f"select[id$='-{attribution - 1}']", "turn")
    speakers = page.eval_on_selector_all(
        f"{table} tbody tr:not([hidden]) td:nth-child({speaker})", "tds => tds.map(t => t.textContent)")
    assert speakers and all(s.endswith(" (inferred)") for s in speakers)
    page.close()
    # the comparison: a group sentence says who claims the figure, marked inferred
    page, _ = _open(browser, out / "comparison.html")
    sentences = page.locator("p.who-claims").all_inner_texts()
    assert any("(inferred) says" in s for s in sentences), sentences[:5]
    page.close()


def test_claim_permalinks_highlight_the_sentence(browser, seed_build):
    out, _ = seed_build
    page, _ = _open(browser, out / "explorer.html")
    href = page.get_attribute("table[aria-label=claims] tbody tr td:first-child a", "href")
    page.close()
    assert "#c-" in href
    rel, fragment = href.split("#", 1)
    target, seen = _open(browser, out / unquote(rel), fragment="#" + fragment)
    claim_id = unquote(fragment)
    sentence = target.locator(".document-text span[id^='s-'].is-target")
    assert sentence.count() == 1
    assert sentence.locator(f"[id='{claim_id}']").count() == 1
    box, height = sentence.bounding_box(), target.viewport_size["height"]
    assert box and 0 <= box["y"] <= height  # scrolled into view
    assert seen["console"] == []
    target.close()


def test_keyboard_reaches_every_table_control(browser, seed_build):
    out, _ = seed_build
    page, _ = _open(browser, out / "explorer.html")
    page.evaluate("window.TOOLS = \"[aria-label='tools for claims']\"")
    # every control on screen (a folded column chooser's boxes and hidden columns' headings are not)
    wanted = page.evaluate(
        "Array.from(document.querySelectorAll(`${window.TOOLS} input, ${window.TOOLS} select, ${window.TOOLS} summary, "
        "${window.TOOLS} button, table[aria-label=claims] th button`))"
        ".filter(e => e.checkVisibility()).length"
    )
    assert wanted >= 12
    reached = set()
    for _ in range(wanted + 20):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate(
                "(() => { const e = document.activeElement; const m = e.matches(`${window.TOOLS} input, ${window.TOOLS} select, "
                "${window.TOOLS} summary, ${window.TOOLS} button, table[aria-label=claims] th button`); "
                "return m ? (e.id || e.textContent) : ''; })()"
            )
        )
    reached.discard("")
    assert len(reached) >= wanted, (len(reached), wanted, " ".join(sorted(reached)))
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement !== document.body")
    page.close()


def test_a_failed_report_passes_axe_in_light_and_dark(browser, tmp_path):
    """A notebook that raises: papermill's error marks and the traceback's colours are readable by everyone."""
    import nbformat
    import papermill as pm

    from helpers.reports.assets import write_site_assets
    from helpers.reports.export import to_html

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("print('first cell ran')"),
        nbformat.v4.new_code_cell("def load():\n    raise ValueError('bad row in line 3')\n\nload()"),
    ]
    nbformat.write(nb, tmp_path / "in.ipynb")
    try:
        pm.execute_notebook(str(tmp_path / "in.ipynb"), str(tmp_path / "out.ipynb"), progress_bar=False)
    except pm.PapermillExecutionError as exc:
        failure = str(exc)
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in executed.cells)
    page = tmp_path / "failed.html"
    page.write_text(to_html(executed, title="Failed", nav=[], failure=failure), encoding="utf-8")
    write_site_assets(tmp_path)
    problems = {}
    for scheme in ("light", "dark"):
        opened, _ = _open(browser, page, scheme=scheme)
        assert opened.locator("a[href='#papermill-error-cell']").inner_text() == "go to the cell that failed"
        assert "bad row in line 3" in opened.inner_text("body")
        found = _axe_problems(opened)
        if found:
            problems[scheme] = found
        opened.close()
    assert problems == {}
