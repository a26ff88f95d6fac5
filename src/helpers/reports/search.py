"""Search across the whole site: a small prebuilt index loaded by ``<script>``, and the page that queries it.

``search-index.js`` (at the output folder's root) assigns ``window.SITE_SEARCH``
an index of every document (title, id, event, speakers), every report, every
claim (its words, value, unit, topic, speaker and the sentence it stands in)
and every finding (its claim, topic and verdict); ``search-text.js``, loaded
after it, assigns ``window.SITE_SEARCH_TEXT`` the texts: the sentences (those
of the claims and the summaries) and the findings' detail lines. Script files,
not fetched JSON files: browsers refuse ``fetch`` from ``file://``, and a page
opened from disk must search as well as a published one. ``search.html``
loads them and lists what matches, each result linking to its place (a claim's
permalink, a sentence's anchor, a document, a finding's claim).

The index stays small and quick to load: every repeated string is stored once
(a claim's words as written, units, topics, speakers and verdicts are numbers
into ``strings``), each sentence once, cut to ``SNIPPET_CHARS``, and each file
is a JSON text that the script hands to ``JSON.parse`` (which reads data
faster than the script parser reads the same data as code). The full text of
every sentence is searchable in ``data/corpus.db`` (full-text search) and on
each document's page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from .. import atomic
from ..analysis.attribution import said_by
from ..format import missing

INDEX_FILE = "search-index.js"
TEXT_FILE = "search-text.js"
FORMER_FILES = ("search-sentences.js",)  # what earlier builds wrote in TEXT_FILE's place
PAGE_FILE = "search.html"
SNIPPET_CHARS = 140


class _Strings:
    """Each distinct string once; entries hold its number."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: object) -> int:
        text = "" if missing(value) else str(value)
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


def _cut(text: object) -> str:
    s = "" if missing(text) else " ".join(str(text).split())
    return s if len(s) <= SNIPPET_CHARS else s[: SNIPPET_CHARS - 1] + "…"


def _number(value: object) -> float | None:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return x if x == x and abs(x) != float("inf") else None


def search_index(tables: Mapping[str, pd.DataFrame], reports: Sequence[tuple[str, str]]) -> dict[str, object]:
    """The index as plain data: ``reports`` are (label, path) of the corpus-level pages.

    ``docs``: [id, title, lang, event, date, speakers]; ``sentences``: [doc, sentence_id, text];
    ``claims``: [doc, claim_id, surface, unit, topic, speaker, sentence, numbers];
    ``findings``: [doc, claim_id, topic, verdict] and ``details``: each finding's detail line, in the same
    order. ``doc`` and ``sentence`` are positions in ``docs`` and ``sentences``; surface, unit, topic,
    speaker and verdict positions in ``strings``.
    """
    strings = _Strings()
    empty = pd.DataFrame()
    documents = tables.get("documents", empty)
    docs: list[list[str]] = []
    doc_pos: dict[str, int] = {}
    for d in documents.to_dict("records"):
        doc_pos[str(d["doc_id"])] = len(docs)
        title = d.get("title") or d.get("catalog_title") or ""
        lang, date = str(d.get("lang") or ""), str(d.get("event_date") or "")
        docs.append([str(d["doc_id"]), _cut(title), lang, _cut(d.get("event")), date, _cut(d.get("speakers"))])
    texts = tables.get("sentences", empty)
    by_sentence = (
        dict(zip(zip(texts["doc_id"].astype(str), texts["sentence_id"].astype(int)), texts["text"]))
        if len(texts)
        else {}
    )
    sentences: list[list[object]] = []
    sentence_pos: dict[tuple[str, int], int] = {}

    def sentence(doc: str, sid: object) -> int:
        try:
            key = (doc, int(sid))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return -1
        if key not in sentence_pos and key in by_sentence and doc in doc_pos:
            sentence_pos[key] = len(sentences)
            sentences.append([doc_pos[doc], key[1], _cut(by_sentence[key])])
        return sentence_pos.get(key, -1)

    claims = []
    for c in tables.get("claims", empty).to_dict("records"):
        doc = str(c["doc_id"])
        if doc not in doc_pos:
            continue
        numbers = [n for n in (_number(c.get(k)) for k in ("value", "value_low", "value_high")) if n is not None]
        claim_id = str(c["claim_id"])
        # the document's id is the entry's document: only the rest of the id is stored ("c0001")
        own = claim_id[len(doc) + 1 :] if claim_id.startswith(doc + ":") else claim_id
        claims.append(
            [doc_pos[doc], own, strings(c["surface"]), strings(c.get("unit")), strings(c.get("topic")),
             strings(said_by(c.get("speaker"), c.get("attribution"))), sentence(doc, c.get("sentence_id")),
             [int(n) if n.is_integer() and abs(n) < 2**53 else n for n in sorted(set(numbers))]]
        )  # fmt: skip
    summaries = tables.get("summaries", empty)
    if len(summaries):
        for s in summaries[summaries["kind"] == "sentence"].to_dict("records"):
            sentence(str(s["doc_id"]), s.get("sentence_id"))
    findings, details = [], []
    for f in tables.get("findings", empty).to_dict("records"):
        ids = str(f.get("claim_ids") or "").split()
        first = ids[0] if ids else ""
        doc = first.rsplit(":", 1)[0] if ":" in first else (str(f.get("doc_ids") or "").split() or [""])[0]
        findings.append([doc_pos.get(doc, -1), first, strings(f.get("topic")), strings(f.get("verdict"))])
        details.append(_cut(f.get("detail")))
    return {
        "strings": strings.items,
        "reports": [[label, path] for label, path in reports],
        "docs": docs,
        "sentences": sentences,
        "claims": claims,
        "findings": findings,
        "details": details,
    }


# What a JSON text must have escaped to stand in a single-quoted script string, and how; ``</`` so that no
# reader of the file mistakes it for the end of a script element.
_IN_STRING = str.maketrans(
    {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def index_script(index: object, variable: str = "SITE_SEARCH") -> str:
    """The index as a script that browsers run from disk or a host alike: ``window.<variable>`` set to
    ``JSON.parse('<the index as JSON>')``."""
    body = json.dumps(index, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return f"window.{variable}=JSON.parse('" + body.translate(_IN_STRING).replace("</", "<\\/") + "');\n"


def write_site_search(
    out: Path, tables: Mapping[str, pd.DataFrame], reports: Sequence[tuple[str, str]], page: str
) -> None:
    """``search-index.js``, ``search-text.js`` and ``search.html`` (``page``: the page's HTML) in ``out``,
    each only when changed.

    The texts (sentences and the findings' detail lines, the bulk of the index)
    are a second file that the page loads after the first: documents, claims and
    findings answer at once, the texts' matches follow (claims are then matched
    on their sentence too, findings on their detail).
    """
    index = search_index(tables, reports)
    text = {"sentences": index.pop("sentences"), "details": index.pop("details")}
    files = (
        (INDEX_FILE, index_script(index)),
        (TEXT_FILE, index_script(text, "SITE_SEARCH_TEXT")),
        (PAGE_FILE, page),
    )
    for name, content in files:
        path = out / name
        if not (path.exists() and path.read_text(encoding="utf-8") == content):
            atomic.write_text(path, content)
    for name in FORMER_FILES:
        if (out / name).is_file() and not (out / name).is_symlink():
            (out / name).unlink()
