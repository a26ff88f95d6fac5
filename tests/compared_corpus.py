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


def judged_fixture(folder: Path) -> tuple[pd.DataFrame, dict, list, dict, dict]:
    """``compare_corpus`` of a fixture with splits: claims, verdicts, expected figures, their claim ids, splits."""
    claims, findings, gold = compare_corpus(folder)
    splits = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))["splits"]
    verdicts, ids = judged(claims, findings, gold)
    return claims, verdicts, gold, ids, splits


def unplanted_conflicts(claims: pd.DataFrame, verdicts: dict, gold: list, ids: dict) -> list[tuple[str, str]]:
    """(claim id, detail) of each `conflict` on a figure the analyst did not mark as one."""
    genuine = {ids[k] for k in ((g["doc"], g["surface"]) for g in gold if g["verdict"] == "conflict") if k in ids}
    called = {c for c in claims["claim_id"] if verdicts.get(c, ("",))[0] == "conflict"}
    return [(c, verdicts[c][1]) for c in sorted(called - genuine)]


def misjudged_dev_traps(verdicts: dict, gold: list, ids: dict, splits: dict) -> list[tuple]:
    """The dev split's trap figures judged `conflict` against the analyst, or `unverified` without a reason."""
    wrong = []
    for g in gold:
        if g["doc"] not in splits["dev"] or "trap" not in g or (g["doc"], g["surface"]) not in ids:
            continue
        verdict, detail = verdicts.get(ids[(g["doc"], g["surface"])], ("", ""))
        if (verdict == "conflict" and g["verdict"] != "conflict") or (verdict == "unverified" and not detail):
            wrong.append((g["doc"], g["surface"], g["trap"], verdict, detail))
    return wrong
