"""Executed notebook -> offline, byte-reproducible HTML report (its style and script shared: ``assets``)."""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .markup import KNOWN_LANGS

if TYPE_CHECKING:  # importing nbformat costs ~1 s (jsonschema format checks); a no-op build never needs it
    import nbformat

TEMPLATES_DIR = Path(str(resources.files("helpers.reports") / "templates"))
# Only ids the template generated; a uuid inside document text is data and stays.
_UUID = re.compile(r"(?<=id=\")[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\")")


# A cell with this tag runs (and nbval still checks it) but is left out of the report:
# the checked cells print plain text for a stable comparison, not for readers.
HIDE_TAG = "report-hide"
# How a capped HTML output's note begins (build.execute.cap_outputs writes it).
SHORTENED = '<div class="error-box"><strong>Shortened.</strong>'


def slot(name: str) -> str:
    """Where a notebook's output leaves room for markup the build adds at export (see ``to_html``'s ``slots``).

    For what a report shows about other reports (an explorer page's links to
    the other pages): it changes when they change, and filling it at export
    lets the build export the report again instead of executing it again. An
    HTML comment, so a notebook run on its own shows nothing there.
    """
    return f"<!--report-slot:{name}-->"


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    # Without nbconvert's code-highlighting styles (4.6 KB on every page): the reports hide code
    # inputs and the notebooks' prose has no code blocks (a ``pre`` is styled by report.css).
    return HTMLExporter(
        config=Config({"CSSHTMLHeaderPreprocessor": {"enabled": False}}),
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        template_name="offline",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


# papermill marks a failed run with two markdown cells: a red 2em link whose text the markdown renderer
# drops (an empty link to a screen reader) and the anchor above the failing cell. Both are replaced with
# words in the report's own style; the executed notebook keeps papermill's cells.
PAPERMILL_ERROR_TAG = "papermill-error-cell-tag"
_ERROR_ANCHOR = 'id="papermill-error-cell"'
_ERROR_LINK = (
    '<p class="error-note">The run stopped with an error: '
    '<a href="#papermill-error-cell">go to the cell that failed</a>.</p>'
)
_ERROR_HERE = '<p class="error-note" id="papermill-error-cell"><strong>The run stopped at the next cell.</strong></p>'
# Terminal colour codes (a traceback's syntax colours): the report shows the text in its own colours,
# which keep their contrast in light and dark themes; ansi2html's fixed palette does not.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(text: str) -> str:
    """``text`` without terminal escape sequences."""
    return _ANSI.sub("", text)


def _plain_outputs(cell: nbformat.NotebookNode) -> None:
    """Strip terminal colours from a code cell's text outputs, in place."""
    for out in cell.get("outputs", []):
        if "text" in out:
            out["text"] = strip_ansi("".join(out["text"]) if isinstance(out["text"], list) else out["text"])
        if "traceback" in out:
            out["traceback"] = [strip_ansi(line) for line in out["traceback"]]
        plain = out.get("data", {}).get("text/plain")
        if plain is not None:
            out["data"]["text/plain"] = strip_ansi("".join(plain) if isinstance(plain, list) else plain)


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs between two runs of the same inputs (timings, kernel details)."""
    nb = copy.deepcopy(nb)
    # With code hidden, a cell without output is only blank space in the report.
    nb.cells = [
        c
        for c in nb.cells
        if (c.cell_type != "code" or c.get("outputs")) and HIDE_TAG not in c.get("metadata", {}).get("tags", [])
    ]
    for cell in nb.cells:
        _plain_outputs(cell)
        if PAPERMILL_ERROR_TAG in cell.get("metadata", {}).get("tags", []):
            cell.source = _ERROR_HERE if _ERROR_ANCHOR in cell.source else _ERROR_LINK
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("language_info", None)
    for i, cell in enumerate(nb.cells):
        # papermill's injected-parameters cell gets a random id on every run.
        if "id" in cell:
            cell.id = f"cell-{i}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            cell.execution_count = None
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = None
                out.get("metadata", {}).pop("execution", None)
    return nb


def failure_banner(message: str) -> nbformat.NotebookNode:
    """A markdown cell placed first in a failed report; the message is escaped."""
    import nbformat

    body = html.escape(message)
    cell = nbformat.v4.new_markdown_cell(
        f'<div class="error-box"><strong>This report did not build completely.</strong>\n{body}</div>'
    )
    cell.id = "cell-failure"  # nbformat's id is random: the same failure must give the same page
    return cell


def to_html(
    nb: nbformat.NotebookNode,
    *,
    title: str,
    nav: list[tuple[str, str]],
    lang: str = "en",
    failure: str | None = None,
    slots: Mapping[str, str] | None = None,
    root: str = "",
) -> str:
    """The report of an executed notebook; each ``slot(name)`` in its outputs is replaced by ``slots[name]``.

    ``root``: the way from the report up to the output folder (``"../"`` for ``documents/x.html``), where
    the site's shared stylesheet and script are (``assets``).
    """
    nb = clean_notebook(nb)
    nb.metadata["title"] = title
    if failure:
        nb.cells.insert(0, failure_banner(failure))
    fast = _fast_html(nb, title=title, nav=nav, lang=lang, root=root)
    page = fast if fast is not None else nbconvert_html(nb, nav=nav, lang=lang, root=root)
    for name, markup in (slots or {}).items():
        page = page.replace(slot(name), markup)
    return page_lang(page, lang)


# The report's own words (its header, prose and table heads) are English whatever the page's language.
_CHROME_EN = ('<a class="skip"', '<header class="site-header"', '<div class="jp-Cell ')


def page_lang(page: str, lang: str) -> str:
    """``page`` in ``lang`` (a document report: its document's language), its own English words marked so.

    The page's ``<html lang>`` is ``lang`` (English when unknown); on a page in
    another language, the skip link, the header and every notebook cell say
    ``lang="en"``, and the document's words inside them carry their own
    language (``markup.lang_attr``), so a screen reader reads each in its voice.
    """
    lang = lang if lang in KNOWN_LANGS else "en"
    page = page.replace('<html lang="en">', f'<html lang="{lang}">', 1)
    if lang == "en":
        return page
    for opening in _CHROME_EN:
        page = page.replace(opening, opening[: opening.index(" ")] + ' lang="en"' + opening[opening.index(" ") :])
    return page


def nbconvert_html(nb: nbformat.NotebookNode, *, nav: list[tuple[str, str]], lang: str = "en", root: str = "") -> str:
    """The report as nbconvert's lab template writes it (re-serialized by BeautifulSoup): the reference
    the fast path is held to, and the path for outputs the fast path does not know."""
    body, _ = _exporter().from_notebook_node(
        nb,
        resources={"report_nav": nav, "report_root": root, "language_code": lang},
    )
    return _stable_ids(body)


# The fast path writes the lab template's markup itself. nbconvert spends most of an export
# (~0.3 s of a 1.5 s report) validating the notebook after every preprocessor, rendering
# Jinja blocks and parsing and re-serializing the whole page with BeautifulSoup; here the
# page is joined from strings, and only markdown cells (the notebooks' fixed prose) go
# through nbconvert, once per distinct source. The page differs from nbconvert's only in
# how the outputs' own HTML is serialized (attribute order, ``<br>`` for ``<br/>``): parsed
# with the same parser, the two are the same tree (tests/test_export.py checks it).
# Output types the lab template would render in this order of preference (nbconvert's
# display_data_priority); ``_output_html`` knows HTML, markdown, PNG, JPEG and plain text, and
# a notebook with any other kind goes through nbconvert.
_PRIORITY = (
    "application/vnd.jupyter.widget-view+json", "application/javascript", "text/html", "text/markdown",
    "image/svg+xml", "text/vnd.mermaid", "text/latex", "image/png", "image/jpeg", "text/plain",
)  # fmt: skip
_IMG_ALT = "No description has been provided for this image"


def _text(value: str) -> str:
    return html.escape(value, quote=False)


@lru_cache(maxsize=256)
def _markdown_html(source: str) -> str:
    """A markdown cell's HTML exactly as nbconvert renders and BeautifulSoup re-serializes it."""
    from bs4 import BeautifulSoup
    from nbconvert.filters.strings import strip_files_prefix

    rendered = strip_files_prefix(_exporter().markdown2html({}, source))
    return str(BeautifulSoup(rendered, features="html.parser"))


def _ansi_text(text: str) -> str:
    from nbconvert.filters.ansi import ansi2html

    return str(ansi2html(text))


def _image(mime: str, output: dict, extra: str) -> str:
    meta = output.get("metadata", {})
    meta = meta.get(mime, meta) if isinstance(meta.get(mime), dict) else meta
    attrs = {"alt": _IMG_ALT, "src": f"data:{mime};base64,{_attr(str(output['data'][mime]))}"}
    for key in ("width", "height"):
        if meta.get(key) is not None:
            attrs[key] = _attr(str(meta[key]))
    classes = ["unconfined"] if meta.get("unconfined") else []
    if meta.get("needs_background") in ("light", "dark"):
        classes.append(f"jp-needs-{meta['needs_background']}-background")
    attrs["class"] = " ".join(classes)
    body = "".join(f' {k}="{v}"' for k, v in sorted(attrs.items()))
    return f'<div class="jp-RenderedImage jp-OutputArea-output{extra}">\n<img{body}/>\n</div>'


_TAG_MARK = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def close_open_tags(markup: str) -> str:
    """``markup`` followed by the closing tags of the elements it leaves open, innermost first.

    One pass with a stack of open elements (BeautifulSoup's html.parser builder scans
    a list of every void element seen so far at each closing tag: quadratic in a
    document's ``<br>``s). Document text in the markup is escaped, so every ``<`` opens a tag.
    """
    open_tags: list[str] = []
    for m in _TAG_MARK.finditer(markup):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if self_closing or name in _VOID:
            continue
        if not closing:
            open_tags.append(name)
        elif name in open_tags:
            while open_tags.pop() != name:
                pass  # an element closed without closing its children: they end with it
    return markup + "".join(f"</{name}>" for name in reversed(open_tags))


def _output_html(output: dict) -> str | None:
    """One output as the lab template renders it, or None for a kind the fast path does not know."""
    kind = output.get("output_type")
    if kind == "stream":
        mime = {"stdout": "text/plain", "stderr": "application/vnd.jupyter.stderr"}.get(output.get("name", ""))
        if mime is None:
            return None
        return _output_div("jp-RenderedText", "", mime, f"<pre>{_ansi_text(output['text'])}</pre>")
    if kind == "error":
        lines = "".join(f"\n{_ansi_text(line)}" for line in output.get("traceback", []))
        return _output_div("jp-RenderedText", "", "application/vnd.jupyter.stderr", f"<pre>{lines}</pre>")
    if kind not in ("display_data", "execute_result"):
        return None
    extra = " jp-OutputArea-executeResult" if kind == "execute_result" else ""
    data = output.get("data", {})
    mime = next((m for m in _PRIORITY if m in data), None)
    if mime is None:
        return ""
    value = data[mime]
    value = "".join(value) if isinstance(value, list) else str(value)
    if mime == "text/html":
        if SHORTENED in value:
            # A capped output is cut between block elements and may leave some open: close
            # them inside this output, not at the page's next closing tag.
            value = close_open_tags(value)
        return _output_div("jp-RenderedHTMLCommon jp-RenderedHTML", extra, "text/html", value)
    if mime == "text/markdown":
        return _output_div("jp-RenderedHTMLCommon jp-RenderedMarkdown", extra, "text/markdown", _markdown_html(value))
    if mime in ("image/png", "image/jpeg"):
        return _image(mime, output, extra)
    if mime == "text/plain":
        return _output_div("jp-RenderedText", extra, "text/plain", f"<pre>{_ansi_text(value)}</pre>")
    return None


def _output_div(renderer: str, extra: str, mime: str, inner: str) -> str:
    """An output's box as the lab template writes it; ``renderer``: the classes of the renderer that drew it."""
    return f'<div class="{renderer} jp-OutputArea-output{extra}" data-mime-type="{mime}">\n{inner}\n</div>'


def _classes(base: str, cell: dict) -> str:
    tags = cell.get("metadata", {}).get("tags", [])
    return " ".join([base, *(f"celltag_{t}" for t in tags)])


def _cell_id(cell: dict) -> str:
    return f' id="{_attr("cell-id=" + cell["id"])}"' if cell.get("id") else ""


def _cell_html(cell: dict) -> str | None:
    if cell.get("cell_type") == "markdown":
        if cell.get("attachments"):
            return None
        source = "".join(cell.get("source", ""))
        classes = _classes("jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput", cell)
        return (
            f'\n<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell"{_cell_id(cell)}>\n'
            '<div class="jp-Cell-inputWrapper">\n'
            '<div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser">\n</div>\n'
            f'<div class="jp-InputArea jp-Cell-inputArea"><div class="{classes}" data-mime-type="text/markdown">\n'
            f"{_markdown_html(source)}\n</div>\n</div>\n</div>\n</div>"
        )
    if cell.get("cell_type") != "code":
        return None
    outputs = cell.get("outputs", [])
    parts = []
    for output in outputs:
        rendered = _output_html(output)
        if rendered is None:
            return None
        child = (
            "jp-OutputArea-child jp-OutputArea-executeResult"
            if output.get("output_type") == "execute_result"
            else "jp-OutputArea-child"
        )
        parts.append(f'<div class="{child}">\n{rendered}\n</div>\n')
    no_outputs = "" if outputs else " jp-mod-noOutputs"
    classes = _classes("jp-Cell jp-CodeCell jp-Notebook-cell" + no_outputs + " jp-mod-noInput", cell)
    return (
        f'<div class="{classes}"{_cell_id(cell)}>\n'
        '<div class="jp-Cell-outputWrapper">\n'
        '<div class="jp-Collapser jp-OutputCollapser jp-Cell-outputCollapser">\n</div>\n'
        f'<div class="jp-OutputArea jp-Cell-outputArea">\n{"".join(parts)}</div>\n</div>\n</div>'
    )


_MARK = "\x00helpers-report-mark\x00"
_ROOT_MARK = "\x00helpers-report-root\x00"


@lru_cache(maxsize=1)
def _page_frame() -> tuple[str, str, str, str]:
    """The page around the cells, as nbconvert writes it, cut at the title, the navigation and the cells.

    Taken from nbconvert's own export of an empty notebook, so the head (the
    links to the shared assets, the language) stays whatever its configuration
    makes it; the way up to the assets is ``_ROOT_MARK`` until a page fills it in.
    """
    import nbformat

    empty = nbformat.v4.new_notebook()
    empty.metadata["title"] = _MARK
    page = nbconvert_html(empty, nav=[(_MARK, _MARK)], root=_ROOT_MARK)
    head, rest = page.split(f"<title>{_MARK}</title>")
    between, rest = rest.split(f'<a href="{_MARK}">{_MARK}</a>')
    after_nav, tail = rest.split("</main>")
    return head + "<title>", "</title>" + between, after_nav, "</main>" + tail


def _attr(value: str) -> str:
    """An attribute value escaped as BeautifulSoup writes it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _fast_html(
    nb: nbformat.NotebookNode, *, title: str, nav: list[tuple[str, str]], lang: str, root: str
) -> str | None:
    cells = []
    for cell in nb.cells:
        rendered = _cell_html(cell)
        if rendered is None:
            return None
        cells.append(rendered)
    head, between, after_nav, tail = (part.replace(_ROOT_MARK, _attr(root)) for part in _page_frame())
    links = "".join(f'<a href="{_attr(href)}">{_text(label)}</a>' for label, href in nav)
    return _stable_ids(head + _text(title) + between + links + after_nav + "".join(cells) + tail)


def _stable_ids(html_text: str) -> str:
    """nbconvert's lab template gives some outputs random uuid4 ids: number them instead."""
    seen: dict[str, str] = {}

    def repl(m: re.Match[str]) -> str:
        return seen.setdefault(m.group(0), f"output-{len(seen) + 1}")

    return _UUID.sub(repl, html_text)
