"""A fixture corpus extracted exactly as the build does it and compared against the project's ledger.

Shared by the comparison tests that judge findings against an analyst's ``expected.yaml``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from helpers.analysis.compare import findings_frame
from helpers.analysis.ledger import load_ledger
from helpers.build.extract import combine, extract_document
from helpers.text.catalog import load_catalog
from helpers.text.corpus import discover

REPO = Path(__file__).resolve().parents[1]


def compare_corpus(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    """Claims, findings and the expected figures of the corpus in ``folder`` (documents in ``docs/``)."""
    docs = folder / "docs"
    catalog = load_catalog(docs / "catalog.yaml")
    extractions = [extract_document(s, catalog) for s in discover(docs)]
    assert all(e.ok for e in extractions), [e.row["error"] for e in extractions if not e.ok]
    tables = combine(extractions)
    claims = tables["claims"]
    ledger = load_ledger(REPO / "references" / "reference_facts.csv")
    findings = findings_frame(claims, ledger, catalog, tables["sentences"])
    gold = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))["figures"]
    return claims, findings, gold


def judged(claims: pd.DataFrame, findings: pd.DataFrame, gold: list) -> tuple[dict, dict]:
    """Each claim's (verdict, detail) from its claim or version finding, and the claim id of each expected
    figure ((doc, surface) -> the first claim of that document whose surface contains it)."""
    verdicts = {}
    for r in findings[findings["kind"].isin(["claim", "version"])].itertuples():
        for cid in r.claim_ids.split():
            verdicts[cid] = (r.verdict, r.detail)
    ids = {}
    for g in gold:
        rows = claims[(claims["doc_id"] == g["doc"]) & claims["surface"].str.contains(g["surface"], regex=False)]
        if len(rows):
            ids[(g["doc"], g["surface"])] = str(rows.iloc[0]["claim_id"])
    return verdicts, ids
