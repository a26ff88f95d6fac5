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
from ..text.catalog import Catalog, rendering_pairs

ANALYSED = ("findings", "alignment")


def rendering_pairs_in(catalog: Catalog, doc_ids: list[str]) -> list[tuple[str, str]]:
    """Pairs of documents of the corpus that render one event (both must have built)."""
    present = set(doc_ids)
    return [(a, b) for a, b in rendering_pairs(catalog) if a in present and b in present]


def analyze(tables: Mapping[str, pd.DataFrame], catalog: Catalog, ledger: pd.DataFrame) -> dict[str, pd.DataFrame]:
    claims, sentences = tables["claims"], tables["sentences"]
    findings = FINDINGS.coerce(findings_frame(claims, ledger, catalog, sentences))
    ok = sorted(set(tables["documents"].loc[tables["documents"]["status"] == "ok", "doc_id"]))
    parts = [
        alignment_frame(sentences[sentences["doc_id"] == a], sentences[sentences["doc_id"] == b], claims)
        for a, b in rendering_pairs_in(catalog, ok)
    ]
    alignment = ALIGNMENT.coerce(pd.concat(parts, ignore_index=True)) if parts else ALIGNMENT.empty()
    summaries = tables["summaries"] if "summaries" in tables else summaries_frame(sentences, claims)
    return {"findings": findings, "alignment": alignment, "summaries": summaries}
