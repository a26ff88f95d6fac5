"""The analysis stage: corpus-level tables computed from the extracted ones.

Runs in the build process after extraction and before any notebook, so
notebooks only read and display: ``findings`` (claims compared across sources
and with the ledger), ``alignment`` (renderings of one event, sentence by
sentence) and ``fidelity`` (every quantity of each aligned link: same, changed,
dropped or added). Sentence embeddings for the alignment are cached by content
in ``embed_cache`` and computed only for documents with another rendering;
:func:`embedding_names` says which entries those are, so the build can drop the rest.
``summaries`` (summary sentences and key numbers per document) are
made per document by extraction; ``analyze`` makes them only for tables that
come without them. Speakers known in one rendering are carried over to the
sentences and claims aligned with them in another (``analysis.align.speakers``):
``analyze`` returns those two tables too, and compares the carried claims.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..analysis.align import (
    ALIGNMENT,
    FIDELITY,
    align_renderings,
    aligned_figures,
    carry_into_tables,
    sentence_frame,
)
from ..analysis.compare import FINDINGS, findings_frame
from ..analysis.embed import cache_name
from ..analysis.summarize import summaries_frame
from ..text.catalog import Catalog

ANALYSED = ("findings", "alignment", "fidelity")


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


def _built(documents: pd.DataFrame) -> list[str]:
    return sorted(set(documents.loc[documents["status"] == "ok", "doc_id"]))


def embedding_names(tables: Mapping[str, pd.DataFrame], catalog: Catalog) -> set[str]:
    """The embedding cache's entries :func:`analyze` reads or writes for this corpus: one per aligned rendering."""
    docs = {d for pair in rendering_pairs_in(catalog, _built(tables["documents"])) for d in pair}
    if not docs:
        return set()  # the sentences table is not even read
    sentences = tables["sentences"]
    return {cache_name(list(sentence_frame(sentences[sentences["doc_id"] == d])[1]["text"].astype(str))) for d in docs}


def analyze(
    tables: Mapping[str, pd.DataFrame], catalog: Catalog, ledger: pd.DataFrame, embed_cache: Path | None = None
) -> dict[str, pd.DataFrame]:
    claims, sentences = tables["claims"], tables["sentences"]
    ok = _built(tables["documents"])
    aligned = [
        align_renderings(sentences[sentences["doc_id"] == a], sentences[sentences["doc_id"] == b], claims,
                         cache_dir=embed_cache)
        for a, b in rendering_pairs_in(catalog, ok)
    ]  # fmt: skip
    alignment = (
        ALIGNMENT.coerce(pd.concat([x.alignment for x in aligned], ignore_index=True)) if aligned else ALIGNMENT.empty()
    )
    fid = [x.fidelity for x in aligned if len(x.fidelity)]
    fidelity = FIDELITY.coerce(pd.concat(fid, ignore_index=True)) if fid else FIDELITY.empty()
    # Who says a figure decides whose figure it is: compare the claims with the speakers carried over.
    sentences, claims = carry_into_tables(sentences, claims, alignment)
    # The aligned sentences' figures decide translation slips (analysis.compare).
    findings = FINDINGS.coerce(findings_frame(claims, ledger, catalog, sentences, aligned_figures(fidelity)))
    if "summaries" in tables:
        summaries = tables["summaries"]
    else:
        docs = tables["documents"]
        genres = dict(zip(docs["doc_id"].astype(str), docs["genre"])) if "genre" in docs.columns else {}
        formats = dict(zip(docs["doc_id"].astype(str), docs["format"])) if "format" in docs.columns else {}
        summaries = summaries_frame(sentences, claims, genres, formats)
    return {"findings": findings, "alignment": alignment, "fidelity": fidelity, "summaries": summaries,
            "sentences": sentences, "claims": claims}  # fmt: skip
