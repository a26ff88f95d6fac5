"""What each source said about each topic, in its own words: the sentences carrying its claims."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..attribution import said_by
from .key_numbers import _blank, _num

TOPIC_COLUMNS = (
    "topic", "doc_id", "lang", "event_id", "event_date", "speaker",
    "n_claims", "sentence_ids", "text",
)  # fmt: skip


def _entry_field(catalog: Mapping[str, Any], doc_id: str, name: str) -> Any:
    entry = catalog.get(doc_id) if hasattr(catalog, "get") else None
    if entry is None:
        return None
    if isinstance(entry, Mapping):
        return entry.get(name)
    return getattr(entry, name, None)


def topic_summaries(
    claims: pd.DataFrame,
    sentences: pd.DataFrame,
    catalog: Mapping[str, Any],
    *,
    max_sentences: int = 3,
) -> pd.DataFrame:
    """What each source said about each topic, in its own words.

    One row per (topic, document): up to ``max_sentences`` sentences carrying
    the document's claims on that topic (those carrying the most claims, shown
    in document order), the speaker(s) as every report words them ("Name (inferred)",
    ``attribution.said_by``), and the event date from the catalog.
    Rows are sorted by topic, then event date (unknown last), then document.
    """
    if claims.empty or "topic" not in claims.columns:
        return pd.DataFrame(columns=list(TOPIC_COLUMNS))
    by_sentence: dict[tuple[str, int], Mapping[str, Any]] = {}
    for rec in sentences.to_dict("records"):
        if not _blank(rec.get("sentence_id")):
            by_sentence[(str(rec["doc_id"]), int(rec["sentence_id"]))] = rec
    # Plain records, not a pandas group per (topic, document): every document report makes these.
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rec in claims.to_dict("records"):
        if not _blank(rec["topic"]):
            groups.setdefault((str(rec["topic"]), str(rec["doc_id"])), []).append(rec)

    rows: list[dict[str, Any]] = []
    for (topic, doc_id), group in sorted(groups.items()):
        counts: Counter[int] = Counter()
        contexts: list[str] = []
        speakers: list[str] = []
        for rec in sorted(group, key=lambda r: (_num(r["start"]), str(r["claim_id"]))):
            sid = rec.get("sentence_id")
            if sid is not None and not _blank(sid) and (doc_id, int(sid)) in by_sentence:
                counts[int(sid)] += 1
            elif not _blank(rec.get("context")):
                contexts.append(" ".join(str(rec["context"]).split()))
            speakers.append(said_by(rec.get("speaker"), rec.get("attribution")))
        top = sorted(counts, key=lambda s: (-counts[s], _num(by_sentence[(doc_id, s)].get("start")), s))
        ids = tuple(sorted(top[:max_sentences], key=lambda s: (_num(by_sentence[(doc_id, s)].get("start")), s)))
        texts = [" ".join(str(by_sentence[(doc_id, s)]["text"]).split()) for s in ids]
        for s in ids:
            speakers.append(
                said_by(by_sentence[(doc_id, s)].get("speaker"), by_sentence[(doc_id, s)].get("attribution"))
            )
        if not texts:
            texts = list(dict.fromkeys(contexts))[:max_sentences]
        lang = (
            _most_common([str(r["lang"]) for r in group if not _missing(r.get("lang"))])
            if "lang" in claims.columns
            else None
        )
        rows.append(
            {
                "topic": topic,
                "doc_id": doc_id,
                "lang": lang,
                "event_id": _entry_field(catalog, doc_id, "event_id"),
                "event_date": _entry_field(catalog, doc_id, "event_date"),
                "speaker": ", ".join(dict.fromkeys(sp for sp in speakers if sp)) or None,
                "n_claims": len(group),
                "sentence_ids": ids,
                "text": ("" if lang == "ja" else " ").join(texts),
            }
        )
    out = pd.DataFrame(rows, columns=list(TOPIC_COLUMNS))
    if out.empty:
        return out
    out["_date"] = out["event_date"].fillna("9999")
    return out.sort_values(["topic", "_date", "doc_id"], kind="stable").drop(columns="_date").reset_index(drop=True)


def _missing(value: Any) -> bool:
    return not isinstance(value, str) and bool(pd.isna(value))


def _most_common(values: list[str]) -> str | None:
    """The most frequent value, the first in sort order among equals (``Series.mode().iloc[0]``); None for none."""
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)
