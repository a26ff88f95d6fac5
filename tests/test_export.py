import re

import nbformat
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.reports.export import clean_notebook, to_html
from helpers.reports.render import esc, highlight, table

NASTY = '<script>alert(1)</script><img src=x onerror=alert(2)></table>{{ 7*7 }}{% raw %}<a href="javascript:alert(3)">x</a></textarea>'


def _nb(html_output: str = "") -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print('secret code')")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hello\n")]
    if html_output:
        cell.outputs.append(nbformat.v4.new_output("display_data", data={"text/html": html_output}))
    cell.metadata["papermill"] = {"duration": 1.23, "start_time": "2026-01-01T00:00:00"}
    cell.metadata["execution"] = {"iopub.execute_input": "2026-01-01"}
    cell.execution_count = 7
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), cell]
    nb.metadata["papermill"] = {"duration": 9.9, "input_path": "/abs/path"}
    return nb


def test_report_has_no_code_no_network_and_no_run_metadata():
    html_text = to_html(_nb(), title="T", nav=[("Index", "../index.html")], root="../")
    assert "secret code" not in html_text
    assert "hello" in html_text
    # the only scripts and styles fetched are the site's own, beside the page (helpers.reports.assets)
    fetched = re.findall(r"<(?:script|link)[^>]+(?:src|href)=\"([^\"]*)\"", html_text)
    assert sorted(fetched) == ["../assets/site.css", "../assets/site.js"]
    # URLs survive only inside CSS comments; nothing is fetched.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html_text)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", html_text)
    assert "2026-01-01" not in html_text and "/abs/path" not in html_text
    assert 'href="../index.html"' in html_text


def test_export_is_byte_identical_across_runs():
    a = to_html(_nb("<b>x</b>"), title="T", nav=[])
    b = to_html(_nb("<b>x</b>"), title="T", nav=[])
    assert a == b


def test_clean_notebook_strips_timings():
    nb = clean_notebook(_nb())
    assert "papermill" not in nb.metadata
    assert nb.cells[1].execution_count is None
    assert "papermill" not in nb.cells[1].metadata


def test_failure_banner_is_escaped():
    html_text = to_html(_nb(), title="T", nav=[], failure=NASTY)
    assert "<script>alert(1)" not in html_text
    assert "&lt;script&gt;alert(1)" in html_text


def test_render_helpers_escape_document_text():
    import pandas as pd

    out = table(pd.DataFrame({"text": [NASTY], "n": [1234567.0]}), numeric=("n",))
    assert "<script>" not in out and "<img" not in out and "javascript:alert(3)\">" not in out
    assert '<td class="num" data-value="1234567.0">1,234,567</td>' in out
    marked = highlight(NASTY, [(8, 14, "x")])
    assert "<script>" not in marked and '<mark title="x">' in marked


@settings(max_examples=200, deadline=None)
@given(st.text(), st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=5))
def test_highlight_never_loses_or_injects_text(text, raw_spans):
    spans = [(min(a, b), max(a, b), "t") for a, b in raw_spans]
    out = highlight(text, spans)
    stripped = re.sub(r'<mark title="t">|</mark>', "", out)
    assert stripped == esc(text)


def test_long_tables_get_tools_scroll_in_their_box_and_huge_tables_are_capped():
    import pandas as pd

    out = table(pd.DataFrame({"n": range(100), "unit": ["gpu", "usd"] * 50}), numeric=("n",), max_rows=50)
    assert out.count("<tr>") == 1 + 50  # one header row + 50 data rows, all in one table the script can filter
    assert "50 more rows are not shown" in out
    assert 'class="table-wrap" role="region" tabindex="0"' in out and " data-tools" in out
    assert '<th scope="col" data-filter>unit</th>' in out and '<th scope="col">n</th>' in out
    assert '<td class="num" data-value="12">12</td>' in out  # sorted by the number, not its text
    short = table(pd.DataFrame({"n": range(3)}))
    assert "data-tools" not in short and "table-wrap short" in short


def test_gaps_of_nullable_columns_are_empty_cells():
    """A failed document's row has no counts: pandas' NA in an Int64 column, NaT, NaN and None are all blank cells."""
    import pandas as pd

    df = pd.DataFrame({"doc_id": ["ok", "failed"], "chars": pd.array([1200, None], dtype="Int64"),
                       "share": [0.5, float("nan")], "when": pd.to_datetime(["2024-07-29", None]),
                       "title": pd.array(["Talk", None], dtype="string")})
    html = table(df, numeric=("chars", "share"))
    assert "<NA>" not in html and "NaT" not in html and "nan" not in html
    assert '<td class="num" data-value="1200">1,200</td>' in html and html.count('<td class="num"></td>') == 2
    assert esc(pd.NA) == esc(pd.NaT) == esc(None) == esc(float("nan")) == ""


def test_table_lang_from_code_column_or_function():
    import pandas as pd

    df = pd.DataFrame({"text": ["35万個", "zehn"], "lang": ["ja", "de"]})
    by_column = table(df, lang={"text": "lang"})
    assert '<td lang="ja">35万個</td>' in by_column and '<td lang="de">zehn</td>' in by_column
    by_function = table(df[["text"]], lang={"text": lambda r: "ja" if "万" in r["text"] else "de"})
    assert '<td lang="ja">35万個</td>' in by_function and '<td lang="de">zehn</td>' in by_function
    fixed = table(df[["text"]], lang={"text": "ja"})
    assert fixed.count('lang="ja"') == 2


def test_document_text_is_cut_with_a_note_beyond_the_limit():
    import pandas as pd

    from helpers.reports.render import document_html

    blocks = pd.DataFrame(
        [{"block_id": i, "kind": "paragraph", "start": i * 11, "text": f"Satz {i:04d}.", "speaker": "", "timestamp": ""} for i in range(10)]
    )
    sentences = pd.DataFrame(
        [{"doc_id": "d", "sentence_id": i, "block_id": i, "start": i * 11, "end": i * 11 + 10, "lang": "de"} for i in range(10)]
    )
    full = document_html(blocks, sentences)
    assert full.count('<span id="s-') == 10 and "cut here" not in full
    cut = document_html(blocks, sentences, max_chars=30)
    assert cut.count('<span id="s-') == 3
    assert "cut here after 30 of 100 characters (up to sentence s-2)" in cut


def _varied_notebook() -> nbformat.NotebookNode:
    """Every kind of output the reports hold, and the awkward cases of each."""
    nb = _nb('<table class="data" data-tools aria-label="t"><tr><td>1<br>2</td></tr></table>')
    cell = nbformat.v4.new_code_cell("x", metadata={"tags": ["keep-me"]})
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a 'quoted' <tag> & more\n"),
        nbformat.v4.new_output("stream", name="stdout", text="progress 10%\rprogress 100%\n"),
        nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "42 \x1b[31mred\x1b[0m"}, execution_count=3),
        nbformat.v4.new_output("display_data", data={"text/markdown": "**bold** <span>x</span>", "text/plain": "no"}),
        nbformat.v4.new_output(
            "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}, metadata={"image/png": {"width": 300}}
        ),
        nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=["\x1b[0;31mValueError\x1b[0m: bad <x>"]),
    ]
    nb.cells += [cell, nbformat.v4.new_markdown_cell("## Second & <i>last</i>\n\n* item `code`")]
    nb.cells[-1].metadata["tags"] = ["md-tag"]
    return nb


def test_fast_export_is_the_same_page_as_nbconvert():
    """The report is written without nbconvert's pipeline; parsed, it must be nbconvert's page, node for node.

    (HTML outputs are the notebooks' own well-formed markup and are placed as they are: nbconvert's
    page-wide re-serialization no longer repairs stray tags or adds alt text inside them.)
    """
    from bs4 import BeautifulSoup

    from helpers.reports.export import nbconvert_html

    nav = [("Index", "../index.html"), ('Odd "name" & <b>', "../a&b.html")]
    for nb, failure in ((_varied_notebook(), None), (_nb("<p>ok</p>"), NASTY)):
        fast = to_html(nb, title=f"T {NASTY}", nav=nav, failure=failure)
        reference = clean_notebook(nb)
        reference.metadata["title"] = f"T {NASTY}"
        if failure:
            from helpers.reports.export import failure_banner

            reference.cells.insert(0, failure_banner(failure))
        assert str(BeautifulSoup(fast, features="html.parser")) == nbconvert_html(reference, nav=nav)


def test_outputs_the_fast_export_does_not_know_go_through_nbconvert():
    from helpers.reports.export import nbconvert_html

    nb = _nb()
    nb.cells[1].outputs.append(nbformat.v4.new_output("display_data", data={"text/latex": "$x^2 \\le y$"}))
    reference = clean_notebook(nb)
    reference.metadata["title"] = "T"
    assert to_html(nb, title="T", nav=[]) == nbconvert_html(reference, nav=[])
    assert "jp-RenderedLatex" in to_html(nb, title="T", nav=[])


def test_a_capped_output_is_closed_inside_its_own_box():
    from helpers.build.execute import cap_outputs

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    rows = "".join(f"<tr><td>{i}</td></tr>\n" for i in range(2000))
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": f'<div class="table-wrap"><table>{rows}</table></div>'})]
    nb.cells = [cell, nbformat.v4.new_markdown_cell("after")]
    page = to_html(cap_outputs(nb, max_chars=3000), title="T", nav=[])
    from bs4 import BeautifulSoup

    main = BeautifulSoup(page, features="html.parser").find("main")
    cells = main.find_all("div", class_="jp-Cell", recursive=False)
    assert len(cells) == 2 and cells[1].get_text(strip=True) == "after"  # the page goes on after the cut table
    assert "Shortened." in cells[0].get_text() and cells[0].find("table") is not None


def test_closing_a_capped_output_does_not_grow_with_the_square_of_its_line_breaks():
    from conftest import least_cpu_seconds

    from helpers.build.execute import cap_outputs

    def capped_page(paragraphs: int):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("x")
        text = "".join(f'<p class="paragraph">Absatz {i}<br>a<br>b<br>c<br>d</p>\n' for i in range(paragraphs))
        box = f'<div class="document-text">{text}</div>'
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": box})]
        nb.cells = [cell]
        return cap_outputs(nb, max_chars=len(text) - 100)  # cut inside the document-text box

    small, large = capped_page(2_000), capped_page(16_000)
    small_seconds, _ = least_cpu_seconds(lambda: to_html(small, title="T", nav=[]), 3)
    large_seconds, page = least_cpu_seconds(lambda: to_html(large, title="T", nav=[]), 2)
    assert "Shortened." in page and page.count("<br") > 60_000
    # Eight times the line breaks: linear work about 8 times the CPU time, quadratic 64.
    ratio = large_seconds / small_seconds
    assert ratio < 24, f"8x the line breaks took {ratio:.0f}x the CPU time"


def test_a_page_is_in_its_document_s_language_and_the_report_s_own_words_in_english():
    """The page says the language it is given; its header and cells (English prose) say English, and
    document words in them their own language, so each is read in its voice."""
    from bs4 import BeautifulSoup

    text = '<div class="document-text" lang="ja">売上高は<span lang="en">Nvidia</span></div>'
    pages = {lang: to_html(_nb(text), title="T", nav=[("Index", "index.html")], lang=lang) for lang in ("ja", "de")}
    for lang, page in pages.items():
        soup = BeautifulSoup(page, features="html.parser")
        assert soup.html["lang"] == lang

        def voice(el):
            return el.find_parent(attrs={"lang": True})["lang"] if not el.has_attr("lang") else el["lang"]

        assert voice(soup.find("header")) == voice(soup.find("a", class_="skip")) == "en"
        cells = soup.find_all("div", class_="jp-Cell")
        assert cells and all(c["lang"] == "en" for c in cells)
        assert voice(soup.find(string=re.compile("hello")).parent) == "en"
        assert voice(soup.find(string="売上高は").parent) == "ja" and voice(soup.find(string="Nvidia").parent) == "en"
    english = to_html(_nb(text), title="T", nav=[], lang="en")
    assert '<html lang="en">' in english and 'class="jp-Cell' in english and ' lang="en" class=' not in english
    # a language the reports do not know is no page language: the page stays English
    assert '<html lang="en">' in to_html(_nb(text), title="T", nav=[], lang="x-unknown")
