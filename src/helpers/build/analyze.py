"""The analysis stage: corpus-level tables computed from the extracted ones.

Runs in the build process after extraction and before any notebook, so
notebooks only read and display: ``findings`` (claims compared across sources
and with the ledger) and ``alignment`` (renderings of one event, passage by
passage). ``summaries`` (summary sentences and key numbers per document) are
made per document by extraction; ``analyze`` makes them only for tables that
come without them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..analysis.align import ALIGNMENT, alignment_frame
from ..analysis.compare import FINDINGS, findings_frame
from ..analysis.summarize import summaries_frame
from ..text.catalog import Catalog

ANALYSED = ("findings", "alignment")


def rendering_pairs_in(catalog: Catalog, doc_ids: list[str]) -> list[tuple[str, str]]:
    """Pairs of documents of the corpus that render one event (both must have built): each with the event's first.

    An event's renderings are aligned with its first one (by document id), not
    with each other: k renderings make k - 1 alignments and reports rather than
    k(k - 1) / 2, and every rendering is still shown against a common one.
    """
    present = set(doc_ids)
    by_event: dict[str, list[str]] = {}
    for doc_id, entry in catalog.items():
        if entry.event_id and entry.rendering_of and doc_id in present:
            by_event.setdefault(entry.event_id, []).append(doc_id)
    pairs = []
    for ids in by_event.values():
        first, *others = sorted(ids)
        pairs += [(first, other) for other in others]
    return sorted(pairs)


def analyze(tables: Mapping[str, pd.DataFrame], catalog: Catalog, ledger: pd.DataFrame) -> dict[str, pd.DataFrame]:
    claims, sentences = tables["claims"], tables["sentences"]
    findings = FINDINGS.coerce(findings_frame(claims, ledger, catalog, sentences))
    ok = sorted(set(tables["documents"].loc[tables["documents"]["status"] == "ok", "doc_id"]))
    parts = [
        alignment_frame(sentences[sentences["doc_id"] == a], sentences[sentences["doc_id"] == b], claims)
        for a, b in rendering_pairs_in(catalog, ok)
    ]
    alignment = ALIGNMENT.coerce(pd.concat(parts, ignore_index=True)) if parts else ALIGNMENT.empty()
    if "summaries" in tables:
        summaries = tables["summaries"]
    else:
        docs = tables["documents"]
        genres = dict(zip(docs["doc_id"].astype(str), docs["genre"])) if "genre" in docs.columns else {}
        formats = dict(zip(docs["doc_id"].astype(str), docs["format"])) if "format" in docs.columns else {}
        summaries = summaries_frame(sentences, claims, genres, formats)
    return {"findings": findings, "alignment": alignment, "summaries": summaries}
