"""What each source said about each topic, in its own words: the sentences carrying its claims."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..attribution import said_by
from .features import figure_weight
from .filters import reject_reason
from .key_numbers import _blank, _num

_WORD = re.compile(r"\w+")

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
    the document's claims on that topic (those carrying the most claims, then the weightiest
    figures, shown in document order), the speaker(s) as every report words them ("Name (inferred)",
    ``attribution.said_by``), and the event date from the catalog. The rules of a document's
    summary hold here too: no question, greeting, thanks, sponsor read, procedure, label or
    fragment (``filters.reject_reason``) is quoted, and a sentence repeating one already quoted
    is left out; a topic whose every sentence is such has no row.
    Rows are sorted by topic, then event date (unknown last), then document.
    """
    if claims.empty or "topic" not in claims.columns:
        return pd.DataFrame(columns=list(TOPIC_COLUMNS))
    by_sentence = _sentence_index(sentences)
    rows = []
    for (topic, doc_id), group in sorted(_claim_groups(claims).items()):
        row = _topic_row(topic, doc_id, group, by_sentence, catalog, max_sentences, "lang" in claims.columns)
        if row is not None:
            rows.append(row)
    out = pd.DataFrame(rows, columns=list(TOPIC_COLUMNS))
    if out.empty:
        return out
    out["_date"] = out["event_date"].fillna("9999")
    return out.sort_values(["topic", "_date", "doc_id"], kind="stable").drop(columns="_date").reset_index(drop=True)


_Index = dict[tuple[str, int], Mapping[str, Any]]


def _sentence_index(sentences: pd.DataFrame) -> _Index:
    """Each sentence row by (document, sentence id)."""
    out: _Index = {}
    for rec in sentences.to_dict("records"):
        if not _blank(rec.get("sentence_id")):
            out[(str(rec["doc_id"]), int(rec["sentence_id"]))] = rec
    return out


def _claim_groups(claims: pd.DataFrame) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The claims of each (topic, document), as plain records: every document report makes these,
    and a pandas group per pair costs more than the work done on it."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rec in claims.to_dict("records"):
        if not _blank(rec["topic"]):
            groups.setdefault((str(rec["topic"]), str(rec["doc_id"])), []).append(rec)
    return groups


def _topic_row(
    topic: str,
    doc_id: str,
    group: list[dict[str, Any]],
    by_sentence: _Index,
    catalog: Mapping[str, Any],
    max_sentences: int,
    has_lang: bool,
) -> dict[str, Any] | None:
    """The row of one (topic, document), or None when none of its sentences may be quoted."""
    counts, weights, contexts, speakers = _tally(group, doc_id, by_sentence)
    if not counts and not contexts:
        return None
    start = {s: _num(by_sentence[(doc_id, s)].get("start")) for s in counts}
    top = sorted(counts, key=lambda s: (-counts[s], -weights[s], start[s], s))
    top = _distinct(top, {s: str(by_sentence[(doc_id, s)]["text"]) for s in top})
    ids = tuple(sorted(top[:max_sentences], key=lambda s: (start[s], s)))
    texts = [" ".join(str(by_sentence[(doc_id, s)]["text"]).split()) for s in ids]
    speakers += [
        said_by(by_sentence[(doc_id, s)].get("speaker"), by_sentence[(doc_id, s)].get("attribution")) for s in ids
    ]
    if not texts:
        texts = list(dict.fromkeys(contexts))[:max_sentences]
    lang = _most_common([str(r["lang"]) for r in group if not _missing(r.get("lang"))]) if has_lang else None
    return {
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


def _tally(
    group: list[dict[str, Any]], doc_id: str, by_sentence: _Index
) -> tuple[Counter[int], dict[int, float], list[str], list[str]]:
    """Per quotable sentence, its claims and their figures' weight; the contexts of claims without
    a sentence row; and each claim's speaker, in document order."""
    counts: Counter[int] = Counter()
    weights: dict[int, float] = {}
    contexts: list[str] = []
    speakers: list[str] = []
    for rec in sorted(group, key=lambda r: (_num(r["start"]), str(r["claim_id"]))):
        sid = rec.get("sentence_id")
        if sid is not None and not _blank(sid) and (doc_id, int(sid)) in by_sentence:
            if _quotable(by_sentence[(doc_id, int(sid))]):
                counts[int(sid)] += 1
                weights[int(sid)] = weights.get(int(sid), 0.0) + figure_weight(
                    str(rec.get("surface") or ""), _unit(rec.get("unit"))
                )
        elif not _blank(rec.get("context")) and _quotable_context(str(rec["context"]), rec.get("lang")):
            contexts.append(" ".join(str(rec["context"]).split()))
        speakers.append(said_by(rec.get("speaker"), rec.get("attribution")))
    return counts, weights, contexts, speakers


def _unit(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _quotable(sentence: Mapping[str, Any]) -> bool:
    """Whether a topic summary may quote a sentence row (the rules of a document's summary)."""
    speaker = sentence.get("speaker")
    return (
        reject_reason(
            str(sentence.get("text") or ""),
            str(sentence.get("lang") or ""),
            speaker if isinstance(speaker, str) else None,
        )
        is None
    )


def _quotable_context(context: str, lang: Any) -> bool:
    """A claim's context (a snippet, perhaps without its end) may be quoted unless a summary never would."""
    return reject_reason(context, str(lang or ""), punctuated=False) is None


# Two quoted sentences sharing more than this share of their words say the same thing.
_SAME = 0.6


def _distinct(ids: list[int], text_of: Mapping[int, str]) -> list[int]:
    """``ids`` in order, less those that repeat an earlier one: the same figures in mostly the same words."""
    kept: list[tuple[int, set[str]]] = []
    for i in ids:
        words = set(units_of(text_of[i]))
        if not any(_repeats(words, other) for _, other in kept):
            kept.append((i, words))
    return [i for i, _ in kept]


def _repeats(words: set[str], other: set[str]) -> bool:
    if not words or not other or {w for w in words if w.isdigit()} != {w for w in other if w.isdigit()}:
        return False
    return len(words & other) > _SAME * min(len(words), len(other))


def units_of(text: str) -> list[str]:
    """Lowercased words, or characters in Japanese script: what ``_distinct`` compares."""
    return [w.lower() for w in _WORD.findall(text)] if text.isascii() else [c for c in text if c.isalnum()]


def _missing(value: Any) -> bool:
    return not isinstance(value, str) and bool(pd.isna(value))


def _most_common(values: list[str]) -> str | None:
    """The most frequent value, the first in sort order among equals (``Series.mode().iloc[0]``); None for none."""
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)
