"""The alignment report's tables: two renderings side by side, sentence by sentence, differences marked.

Every cell is escaped; each side links to its sentence in its document report.
Changed quantities are marked (``<mark>``) in both sides' text. A long pair's
full side-by-side table keeps every link with a difference and folds runs of
plain matched links beyond ``MAX_ROWS`` into one row that says how many were
folded (the alignment table in ``data/`` has them all), so the page stays small
enough for a phone.
"""

from __future__ import annotations

import html

import pandas as pd

from ..analysis.align import STATUSES
from .links import sentence_href
from .markup import esc, lang_attr

MAX_ROWS = 400
FOLD_RUN = 3  # shorter runs of plain links are shown: a fold row would save nothing
_LABEL = {"matched": "=", "value_differs": "≠", "only_a": "only a", "only_b": "only b"}
# ``align.alignment_summary``'s counts in a reader's words (its keys are the data's).
SUMMARY_WORDS = {
    "matched": "links with no figure changed",
    "value_differs": "links whose figures differ",
    "only_a": "sentences only in a",
    "only_b": "sentences only in b",
    "quantities_only_in_a": "quantities only in a",
    "quantities_only_in_b": "quantities only in b",
}


def summary_frame(summary: dict[str, int]) -> pd.DataFrame:
    """``align.alignment_summary``'s counts as a two-column table in a reader's words, in a fixed order."""
    keys = [k for k in SUMMARY_WORDS if k in summary] + [k for k in summary if k not in SUMMARY_WORDS]
    return pd.DataFrame({"what": [SUMMARY_WORDS.get(k, k) for k in keys], "count": [summary[k] for k in keys]})


def _marked(text: str, surfaces: list[str], lang: object) -> str:
    """``text`` escaped, with each of ``surfaces`` found in it wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    for s in sorted({s for s in surfaces if s}, key=len, reverse=True):
        k = text.find(s)
        if k >= 0 and not any(a < k + len(s) and k < b for a, b in spans):
            spans.append((k, k + len(s)))
    out, pos = [], 0
    for a, b in sorted(spans):
        out.append(esc(text[pos:a]) + f"<mark>{esc(text[a:b])}</mark>")
        pos = b
    out.append(esc(text[pos:]))
    body = "".join(out)
    attr = lang_attr(lang)
    return f"<span{attr}>{body}</span>" if attr else body


def _cell(doc: str, sid: object, lang: object, text: object, marks: list[str], documents_href: str) -> str:
    if not isinstance(text, str) or not text:
        return "<td></td>"
    span = _marked(text, marks, lang)
    if pd.isna(sid):
        return f"<td>{span}</td>"
    href = esc(sentence_href(doc, sid, documents_href))
    if not any(m for m in marks if m and m in text):
        return f'<td><a href="{href}">{span}</a></td>'
    # Marked text is not a link: a mark keeps the text's colour, which a link's would spoil in dark mode.
    return f'<td>{span} <a href="{href}">s-{int(float(str(sid)))}</a></td>'


def _changed_surfaces(fidelity: pd.DataFrame | None) -> dict[tuple[str, str, int], tuple[list[str], list[str]]]:
    out: dict[tuple[str, str, int], tuple[list[str], list[str]]] = {}
    if fidelity is None or not len(fidelity):
        return out
    for r in fidelity[fidelity["verdict"] != "same"].itertuples():
        a, b = out.setdefault((str(r.doc_a), str(r.doc_b), int(r.link)), ([], []))
        a.append(str(r.surface_a))
        b.append(str(r.surface_b))
    return out


def alignment_html(
    frame: pd.DataFrame,
    documents_href: str,
    statuses: tuple[str, ...] = STATUSES,
    fidelity: pd.DataFrame | None = None,
    max_rows: int = MAX_ROWS,
) -> str:
    """Links of the given statuses side by side; beyond ``max_rows`` rows, runs of at least ``FOLD_RUN`` plain
    matched links are folded into one row."""
    marks = _changed_surfaces(fidelity)
    rows = frame.reset_index(drop=True)
    rows["link_no"] = rows.groupby(["doc_a", "doc_b"], sort=False).cumcount()
    rows = rows[rows["status"].isin(statuses)]
    plain = (rows["status"] == "matched") & (rows["only_in_a"] == "") & (rows["only_in_b"] == "")
    fold = len(rows) > max_rows
    head = "<tr><th>#</th><th>status</th><th>a</th><th>b</th><th>similarity</th><th>difference</th></tr>"
    body: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= FOLD_RUN:
            body.append(f'<tr class="folded"><td colspan="6">{len(run)} matched links without a difference</td></tr>')
        else:
            body.extend(run)
        run.clear()

    for r, is_plain in zip(rows.itertuples(), plain, strict=True):
        row = _row_html(r, marks.get((str(r.doc_a), str(r.doc_b), int(r.link_no)), ([], [])), documents_href)
        if fold and is_plain:
            run.append(row)
            continue
        flush()
        body.append(row)
    flush()
    return f'<table class="alignment"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'


def _row_html(r, marks: tuple[list[str], list[str]], documents_href: str) -> str:
    score = "" if pd.isna(r.score) else f"{float(r.score):.3f}"
    diff = [x for x in (r.only_in_a and f"dropped: {r.only_in_a}", r.only_in_b and f"added: {r.only_in_b}") if x]
    detail = r.detail.split("; ", 1)[1] if r.status == "value_differs" and "; " in r.detail else ""
    return (
        f'<tr class="status-{html.escape(r.status)}"><td>{int(r.link_no)}</td>'
        f"<td>{html.escape(_LABEL.get(r.status, r.status))}</td>"
        + _cell(r.doc_a, r.sentence_a, r.lang_a, r.excerpt_a, marks[0], documents_href)
        + _cell(r.doc_b, r.sentence_b, r.lang_b, r.excerpt_b, marks[1], documents_href)
        + f"<td>{score}</td>"
        + f'<td lang="und">{esc("; ".join([detail, *diff]) if detail else "; ".join(diff))}</td></tr>'
    )


def fidelity_html(
    fidelity: pd.DataFrame, documents_href: str, verdicts: tuple[str, ...] = ("changed", "dropped", "added")
) -> str:
    """Quantities with the given verdicts: both surfaces (each linking to its sentence), the reason, the contexts."""
    head = "<tr><th>verdict</th><th>a</th><th>b</th><th>reason</th><th>a says</th><th>b says</th></tr>"
    body = []
    for r in fidelity[fidelity["verdict"].isin(verdicts)].itertuples():
        a = _cell(r.doc_a, r.sentence_a, "und", r.surface_a, [], documents_href)
        b = _cell(r.doc_b, r.sentence_b, "und", r.surface_b, [], documents_href)
        ca = _marked(str(r.context_a), [str(r.surface_a)], "und")
        cb = _marked(str(r.context_b), [str(r.surface_b)], "und")
        body.append(
            f'<tr class="verdict-{html.escape(r.verdict)}"><td>{html.escape(r.verdict)}</td>{a}{b}'
            f'<td lang="und">{esc(r.reason)}</td><td>{ca}</td><td>{cb}</td></tr>'
        )
    return f'<table class="fidelity"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
