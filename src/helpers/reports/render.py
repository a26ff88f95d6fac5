"""HTML fragments shared by the reports: tables, the document text, the summary, figure defaults.

Every piece of document text goes through ``markup.esc`` and carries its
language by ``markup.lang_attr``; links come from ``links``, numbers from
``helpers.format``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from ..analysis.attribution import said_by
from ..format import grouped as format_number
from ..format import missing
from ..format import value as format_value
from .links import claim_anchor, sentence_anchor, sentence_href
from .markup import esc, lang_attr, speaker_html

__all__ = [
    "esc",
    "format_number",
    "format_value",
    "sentence_href",
    "table",
    "boxed",
    "document_html",
    "summary_html",
    "document_heading_html",
    "setup_matplotlib",
]

TOOLS_AFTER = 8  # tables with more rows get search, sort and filters
MAX_TABLE_ROWS = 2000  # beyond this a report points to the CSV instead of growing without bound
# Columns whose few distinct values make a useful filter (a select above the table).
FILTER_COLUMNS = frozenset(
    (
        "doc_id",
        "document",
        "speaker",
        "attribution",
        "unit",
        "topic",
        "verdict",
        "lang",
        "language",
        "kind",
        "qualifier",
        "measure",
        "genre",
        "status",
        "event_date",
    )
)
MAX_FILTER_VALUES = 60


def table(
    df: pd.DataFrame,
    *,
    numeric: tuple[str, ...] = (),
    lang: Mapping[str, str | Callable[[Mapping[str, object]], str]] | None = None,
    links: Mapping[str, Callable[[Mapping[str, object]], str]] | None = None,
    caption: str = "",
    label: str = "",
    max_rows: int = MAX_TABLE_ROWS,
    tools: bool | None = None,
    filters: tuple[str, ...] | None = None,
    hidden: tuple[str, ...] = (),
    cells: Mapping[str, Callable[[Mapping[str, object]], str]] | None = None,
    keys: Mapping[str, Callable[[Mapping[str, object]], object]] | None = None,
    optional: tuple[str, ...] = (),
    state: bool = False,
    cards: bool = False,
) -> str:
    """An escaped HTML table in a box that scrolls on its own (the page never overflows).

    ``lang`` maps a column to a language code, to the name of a column holding
    one, or to a row -> code function; ``links`` maps a column to a row -> href
    function. Tables longer than ``TOOLS_AFTER`` rows (or ``tools=True``) get
    sorting, search and a filter for each column in ``filters`` (default: the
    ``FILTER_COLUMNS`` present with few distinct values), run by report.js.
    Columns in ``hidden`` are not shown but reach the row functions.
    ``cells`` maps a column to a row -> HTML function that escapes what it
    shows (``markup.speaker_html``); ``keys`` to a row -> text that filters and
    sorts the column instead of its shown text (a speaker's name, whatever its
    attribution mark; None where the shown text is the key). With tools, the columns in ``optional`` start hidden
    behind a column chooser; ``state`` keeps the search, filters, sort and
    columns in the page's URL (shareable, restored on Back); ``cards`` wraps
    the text to the page's width, keeps the first column in view and shows
    each row as a card on a phone (report.js and report.css).
    """
    lang = lang or {}
    links = links or {}
    cells = cells or {}
    keys = keys or {}
    omitted = max(0, len(df) - max_rows)
    if omitted:
        df = df.head(max_rows)
    if tools is None:
        tools = len(df) > TOOLS_AFTER
    if filters is None:
        filters = tuple(c for c in df.columns if c in FILTER_COLUMNS and df[c].nunique() <= MAX_FILTER_VALUES)
    shown = [c for c in df.columns if c not in hidden]
    # Landmarks need distinct names: an unnamed table is named by its first columns.
    name = label or caption or "table of " + ", ".join(map(str, shown[:4]))
    head = "".join(
        f'<th scope="col"{" data-filter" if tools and c in filters else ""}'
        f"{' data-optional' if tools and c in optional else ''}>{esc(c)}</th>"
        for c in shown
    )
    rows = _rows(df, shown, numeric, lang, links, cells, keys)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    wrap = "table-wrap" if len(rows) > TOOLS_AFTER else "table-wrap short"
    note = (
        f'<p class="note">{omitted:,} more rows are not shown here; the data files have them all.</p>'
        if omitted
        else ""
    )
    # The box scrolls, so it must be reachable and named for keyboard and screen-reader users.
    return (
        f'<div class="{wrap}" role="region" tabindex="0" aria-label="{esc(name)}">'
        f'<table class="data{" cards" if cards else ""}"{" data-tools" if tools else ""}'
        f'{" data-state" if tools and state else ""} aria-label="{esc(name)}">{cap}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{note}"
    )


RowFunction = Callable[[Mapping[str, object]], str]


def _cell(
    col: str,
    rec: Mapping[str, object],
    numeric: tuple[str, ...],
    lang: Mapping[str, str | RowFunction],
    links: Mapping[str, RowFunction],
    cells: Mapping[str, RowFunction],
    keys: Mapping[str, Callable[[Mapping[str, object]], object]],
) -> str:
    """One ``<td>`` of ``table``: its text, sort key, language and link."""
    v = rec[col]
    # Strings are taken as already formatted (e.g. a year must not become "2,020").
    text = (
        cells[col](rec) if col in cells else format_number(v) if col in numeric and not isinstance(v, str) else esc(v)
    )
    attrs = ' class="num"' if col in numeric else ""
    key = keys[col](rec) if col in keys else None
    if key is not None:  # a key function returns None where the shown text already is the key
        attrs += f' data-value="{esc(key)}"'
    elif col in numeric and not isinstance(v, str) and text:
        attrs += f' data-value="{esc(v)}"'  # sorts by the number, not by its grouped text
    if col in lang:
        spec = lang[col]
        code = spec(rec) if callable(spec) else rec.get(spec, spec) if spec in rec else spec
        attrs += lang_attr(code)
    if col in links and text:
        text = f'<a href="{esc(links[col](rec))}">{text}</a>'
    return f"<td{attrs}>{text}</td>"


def _rows(
    df: pd.DataFrame,
    shown: list[str],
    numeric: tuple[str, ...],
    lang: Mapping[str, str | RowFunction],
    links: Mapping[str, RowFunction],
    cells: Mapping[str, RowFunction],
    keys: Mapping[str, Callable[[Mapping[str, object]], object]],
) -> list[str]:
    """The ``<tr>`` of each row of ``df``, showing the ``shown`` columns."""
    rows = []
    # Column by column as lists: to_dict("records") boxes cell by cell, which costs more than the
    # HTML of a corpus-sized table (1,000 documents, thirteen columns).
    names = list(df.columns)
    columns = [df.iloc[:, k].tolist() for k in range(len(names))]
    for values in zip(*columns) if columns else [()] * len(df):
        rec = dict(zip(names, values))
        tds = [_cell(col, rec, numeric, lang, links, cells, keys) for col in shown]
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return rows


def boxed(table_html: str, label: str, tools: bool = False) -> str:
    """A table made elsewhere (comparison, alignment) in the same scrolling box as ``table``'s,
    optionally with tools."""
    if tools:
        table_html = table_html.replace('<table class="data', '<table data-tools class="data', 1)
    return f'<div class="table-wrap" role="region" tabindex="0" aria-label="{esc(label)}">{table_html}</div>'


def highlight(text: str, spans: Sequence[tuple[int, int, str] | tuple[int, int, str, str]]) -> str:
    """Escape ``text`` and wrap each (start, end, title[, anchor id]) span in <mark>; spans must not overlap.

    The markup is as short as it can be (a report holds hundreds): no class (the stylesheet
    styles ``.document-text mark``), and no ``title`` when the title is empty."""
    out, pos = [], 0
    for start, end, title, *anchor in sorted(spans):
        ident = f' id="{esc(anchor[0])}"' if anchor else ""
        if start < pos:
            # An overlapped claim keeps its permalink, landing on the claim it overlaps.
            if ident:
                out.append(f"<span{ident}></span>")
            continue
        out.append(esc(text[pos:start]))
        tip = f' title="{esc(title)}"' if title else ""
        out.append(f"<mark{ident}{tip}>{esc(text[start:end])}</mark>")
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


MAX_DOCUMENT_CHARS = 2_000_000  # text shown in one report; the data files always hold all of it


def document_html(
    blocks: pd.DataFrame,
    sentences: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    max_chars: int = MAX_DOCUMENT_CHARS,
) -> str:
    """The document block by block, each sentence an anchor ``#s-N``; chrome shown muted.

    Built from the blocks' own text (offsets are document offsets), so the
    report shows exactly the words of the file. Claims are highlighted. After
    ``max_chars`` of text the rest is left to the data files, with a note.
    A turn is headed by its speaker (``markup.speaker_html``: "Name (inferred)"
    when decoded); where the voice changes inside a block (a second decoded
    turn in one paragraph, a person reported in an article) the sentence is
    preceded by its speaker in brackets.
    """
    by_block: dict[int, list[dict]] = {}
    for rec in sentences.sort_values("start").to_dict("records"):
        by_block.setdefault(int(rec["block_id"]), []).append(rec)
    marks = _claim_marks(claims)
    # The text's own language is said once, on the text; a sentence in another language says its own.
    langs = sentences["lang"].value_counts() if "lang" in sentences and len(sentences) else None
    main = str(langs.index[0]) if langs is not None and len(langs) else ""
    explained: set[str] = set()  # speakers whose turn has said once how they are known
    state: dict[str, str] = {}  # "voice": the voice the previous block ended in (a continued turn goes unheaded)
    parts = [f'<div class="document-text"{lang_attr(main)}>']
    ordered = blocks.sort_values("start").to_dict("records")
    total = sum(len(str(b["text"])) for b in ordered)
    shown = 0
    for b in ordered:
        kind, text = b["kind"], str(b["text"])
        if shown >= max_chars:
            last = max(
                (int(s["sentence_id"]) for bid in by_block if bid < int(b["block_id"]) for s in by_block[bid]),
                default=-1,
            )
            parts.append(
                f"<p><em>The text is cut here after {shown:,} of {total:,} characters"
                f"{f' (up to sentence s-{last})' if last >= 0 else ''}; the full text is in "
                "data/blocks.csv and data/sentences.csv.</em></p>"
            )
            break
        shown += len(text)
        if kind != "turn":
            state.clear()
        if kind == "chrome":
            parts.append(f'<p class="chrome"><small>[page chrome] {_lines(esc(text))}</small></p>')
            continue
        if kind == "title" and int(b["block_id"]) not in by_block:
            parts.append(f"<h3>{_lines(esc(text))}</h3>")
            continue  # a title that states a figure is a sentence, anchored and marked as a heading is
        parts.append(_block_html(b, by_block.get(int(b["block_id"]), []), marks, main, explained, state))
    parts.append("</div>")
    return "\n".join(parts)


# A claim's highlight: (start, end) in document offsets, its unit, who says it and its anchor.
_Mark = tuple[int, int, str, str, str]


def _claim_marks(claims: pd.DataFrame | None) -> dict[int, list[_Mark]]:
    """The highlights of the claims, by sentence_id."""
    marks: dict[int, list[_Mark]] = {}
    if claims is not None and len(claims):
        for c in claims.to_dict("records"):
            said = said_by(c.get("speaker"), c.get("attribution"))
            unit = "" if pd.isna(c.get("unit")) else str(c.get("unit", ""))
            marks.setdefault(int(c["sentence_id"]), []).append(
                (int(c["start"]), int(c["end"]), unit, said, claim_anchor(str(c["claim_id"])))
            )
    return marks


def _block_html(
    b: Mapping,
    sentences: list[dict],
    marks: Mapping[int, list[_Mark]],
    main: str = "",
    explained: set[str] | None = None,
    state: dict[str, str] | None = None,
) -> str:
    """One block (paragraph or heading) headed by its speaker and time, its sentences anchored
    and their claims marked. ``main``: the text's language (a sentence in it carries no ``lang``
    of its own); ``explained``: the speakers whose tooltip says how they are known, added to on
    their first turn (the same tooltip on each of hundreds of turns was a fifth of a report);
    ``state["voice"]``: the voice the previous turn ended in, written back at the end. A turn
    that continues that voice is not headed again (as a printed transcript names a speaker once
    for consecutive paragraphs); its timestamp stays."""
    explained = set() if explained is None else explained
    state = {} if state is None else state
    kind, text, b0 = b["kind"], str(b["text"]), int(b["start"])
    label = ""
    # the voice the block opens with; "" is the writer's own (author or unknown), which goes unmarked
    voice = ""
    if b.get("speaker"):
        how = "turn" if str(b.get("speaker_inferred")).lower() == "true" else "labelled"
        voice = said_by(b["speaker"], how)
        if state.get("voice") != voice:
            # A transcript's own label needs no tooltip on every one of its turns (12 KB of a seed's report)
            first = how != "labelled" and voice not in explained
            explained.add(voice)
            label += f"<strong>{speaker_html(b['speaker'], how, explain=first)}:</strong> "
    if b.get("timestamp"):
        label += f"<code>({esc(b['timestamp'])})</code> "
    body, pos = [], 0
    for s in sentences:
        s0, s1 = int(s["start"]) - b0, int(s["end"]) - b0
        if s0 < pos or s1 > len(text):
            continue
        body.append(esc(text[pos:s0]))
        said = said_by(s.get("speaker"), s.get("attribution"))
        said = "" if said == "author" else said
        if said != voice and (said or voice):
            # how the voice is known is said on its first appearance; later ones keep only the confidence
            key = f"{said}\0{s.get('attribution')}"
            first = key not in explained
            explained.add(key)
            shown_as = (
                speaker_html(s.get("speaker"), s.get("attribution"), s.get("speaker_confidence"), meaning=first)
                or "speaker unknown"
            )
            body.append(f'<small class="voice">[{shown_as}]</small> ')
        voice = said
        own = marks.get(int(s["sentence_id"]), [])
        # A mark's tooltip says who only when the turn heading or the voice shown before the sentence does not.
        spans = [
            (a - b0 - s0, z - b0 - s0, unit if who in ("", voice, "author") else f"{unit} · {who}", anchor)
            for a, z, unit, who, anchor in own
            if s0 <= a - b0 and z - b0 <= s1
        ]
        # A claim whose words cannot be marked here (a caption surface across a dropped
        # timestamp) still has its permalink, at the start of its sentence.
        unplaced = "".join(
            f'<span id="{esc(anchor)}"></span>' for a, z, *_, anchor in own if not (s0 <= a - b0 and z - b0 <= s1)
        )
        # Only an id: a report holds hundreds of sentences; the stylesheet finds them by ``[id^="s-"]``.
        body.append(
            f'<span id="{sentence_anchor(s["sentence_id"])}"'
            f"{lang_attr(s.get('lang')) if s.get('lang') != main else ''}>"
            f"{unplaced}{highlight(text[s0:s1], spans)}</span>"
        )
        pos = s1
    body.append(esc(text[pos:]))
    if voice and kind == "turn":
        state["voice"] = voice
    else:
        state.clear()
    tag = {"heading": "h4", "title": "h3"}.get(kind, "p")
    return f'<{tag} class="{esc(kind)}">{label}{_lines("".join(body))}</{tag}>'


def _lines(escaped: str) -> str:
    return escaped.replace("\n", "<br>\n")


def summary_html(
    summaries: pd.DataFrame, sentences: pd.DataFrame, claims: pd.DataFrame, documents_href: str | None = None
) -> str:
    """A document's summary sentences and key numbers (rows of the summaries table), each linking to its sentence.

    ``documents_href`` None links within the page (the document report itself).
    """

    def link(sentence_id: int | str) -> str:
        if documents_href is None:
            return f"#{sentence_anchor(sentence_id)}"
        return sentence_href(doc_id, sentence_id, documents_href)

    if not len(sentences):
        return "<p>No body sentences to summarize.</p>"
    doc_id = str(sentences["doc_id"].iloc[0])
    by_sentence = sentences.set_index("sentence_id")
    items = []
    for row in summaries[summaries["kind"] == "sentence"].sort_values("rank").itertuples():
        s = by_sentence.loc[row.sentence_id]
        href = link(row.sentence_id)
        said = speaker_html(s.get("speaker"), s.get("attribution"), s.get("speaker_confidence"))
        who = f" <small>— {said}</small>" if said else ""
        items.append(f'<li><a href="{esc(href)}"{lang_attr(s.get("lang"))}>{esc(s["text"])}</a>{who}</li>')
    out = ["<h3>Summary</h3>", "<ol>", *items, "</ol>"]
    key = summaries[summaries["kind"] == "key_claim"].sort_values("rank")
    if len(key):
        by_claim = claims.set_index("claim_id")
        out.append("<h3>Key numbers</h3><ul>")
        for row in key.itertuples():
            c = by_claim.loc[row.claim_id]
            href = link(row.sentence_id)
            value = (
                format_number(c["value"])
                if str(c["value"]) not in ("", "nan")
                else f"{format_number(c['value_low'])}–{format_number(c['value_high'])}"
            )
            topic = f" <small>({esc(c['topic'])})</small>" if c.get("topic") else ""
            out.append(
                f'<li><a href="{esc(href)}"{lang_attr(c.get("lang"))}>{esc(c["surface"])}</a> = {esc(value)} '
                f"{esc(c['unit'])}{topic}</li>"
            )
        out.append("</ul>")
    return "\n".join(out)


LANGUAGE_NAMES = {"ja": "Japanese", "de": "German", "en": "English"}


def document_heading_html(doc: Mapping[str, object], sentences: pd.DataFrame | None = None) -> str:
    """A document report's heading: its title (in its language), then its language, date, speakers and genre.

    The title is the file's, else the catalog's, else the event's, else the id;
    the speakers are the catalog's, else the names the text's own labels give
    (the first four by sentences). Escaped; the id stays visible, in small type.
    """

    def text(key: str) -> str:
        value = doc.get(key)
        return "" if missing(value) else str(value).strip()

    doc_id = text("doc_id")
    title = text("title") or text("catalog_title")
    lang = text("lang") or text("catalog_language")
    title_lang = lang if title else ""  # an event's name or an id is the catalog's words, not the document's
    title = title or text("event") or doc_id
    speakers = text("speakers")
    if not speakers and sentences is not None and len(sentences) and "speaker" in sentences:
        named = sentences.loc[sentences["speaker"].fillna("") != "", "speaker"].astype(str)
        speakers = "; ".join(named.value_counts().index[:4])
    date = text("event_date") or text("published")
    facts = [LANGUAGE_NAMES.get(lang, lang), date and f"event {date}"]
    facts += [speakers and f"speakers: {speakers}", text("genre")]
    meta = " · ".join(esc(f) for f in facts if f)
    return (
        f'<h1 class="doc-title"{lang_attr(title_lang)}>{esc(title)}</h1>'
        f'<p class="doc-meta">{meta}{" · " if meta else ""}<code>{esc(doc_id)}</code></p>'
    )


def setup_matplotlib() -> None:
    """Japanese-capable, deterministic figures."""
    import matplotlib
    import matplotlib_fontja  # noqa: F401  (registers IPAexGothic and makes it the default)

    matplotlib.rcParams.update(
        {
            "figure.dpi": 96,
            "savefig.dpi": 96,
            "svg.hashsalt": "helpers",
            "axes.unicode_minus": False,
        }
    )
