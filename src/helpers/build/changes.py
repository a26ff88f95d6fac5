"""What changed since the previous build: claims added, removed or re-valued; verdicts changed.

Claim ids are positions (c0001, c0002, ...) and shift when a document is
edited, so claims are matched across builds by what they say: document,
sentence text, surface and its occurrence in that sentence.
"""

from __future__ import annotations

import pandas as pd

from ..tables import Column, TableSpec

CHANGES = TableSpec(
    "changes",
    "one row per claim or finding that changed since the previous build in the same folder",
    (
        Column("change", "str", "added, removed, value_changed (claims) or verdict_changed, added, removed (findings)"),
        Column("kind", "str", "claim or finding"),
        Column("doc_id", "str", "document of the claim (empty for findings)"),
        Column("id", "str", "claim_id or finding_id in the new build (the old one for removed rows)"),
        Column("surface", "str", "the claim's words as written, or the finding's topic"),
        Column("old", "str", "previous value (claims: value or low–high and unit; findings: verdict)"),
        Column("new", "str", "new value or verdict"),
        Column("detail", "str", "the sentence of the claim, or the finding's reason"),
    ),
)


def _claim_value(row: dict) -> str:
    v = row.get("value", "")
    if v is not None and str(v) not in ("", "nan", "None"):
        return f"{v} {row.get('unit', '')}".strip()
    return f"{row.get('value_low', '')}–{row.get('value_high', '')} {row.get('unit', '')}".strip()


# What matching and reporting a claim reads: the rest of a large corpus's rows need not become dicts.
_CLAIM_COLUMNS = ("doc_id", "claim_id", "context", "sentence_id", "surface", "value", "value_low", "value_high", "unit")


def _claims_by_key(df: pd.DataFrame) -> dict[tuple, dict]:
    out: dict[tuple, dict] = {}
    seen: dict[tuple, int] = {}
    for row in df[[c for c in _CLAIM_COLUMNS if c in df.columns]].to_dict("records"):
        context = str(row.get("context", row.get("sentence_id", "")))
        base = (str(row["doc_id"]), context, str(row["surface"]))
        n = seen.get(base, 0)
        seen[base] = n + 1
        row["_context"] = context
        row["_value"] = _claim_value(row)
        out[(*base, n)] = row
    return out


def _rows_by_document(df: pd.DataFrame) -> dict[str, tuple]:
    """Each document's claims as the hashes of what matching reads, in order."""
    cols = [c for c in _CLAIM_COLUMNS if c in df.columns]
    hashes = pd.util.hash_pandas_object(df[cols], index=False).to_numpy()
    docs = df["doc_id"].astype(str).to_numpy()
    return {
        doc: tuple(hashes[rows]) for doc, rows in pd.Series(range(len(df))).groupby(docs, sort=False).indices.items()
    }


def claim_changes(old: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    if old is None:
        return pd.DataFrame(columns=CHANGES.names)
    # Claims are matched within their document: a document whose rows are the same has no change,
    # and a rebuild that adds one document to a thousand matches that one document's claims.
    before, after = _rows_by_document(old), _rows_by_document(new)
    changed = {d for d in before.keys() | after.keys() if before.get(d) != after.get(d)}
    o = _claims_by_key(old[old["doc_id"].astype(str).isin(changed)])
    n = _claims_by_key(new[new["doc_id"].astype(str).isin(changed)])
    rows = []
    for key, r in n.items():
        if key not in o:
            rows.append(("added", "claim", r["doc_id"], r["claim_id"], r["surface"], "", r["_value"], r["_context"]))
        elif o[key]["_value"] != r["_value"]:
            rows.append(
                (
                    "value_changed",
                    "claim",
                    r["doc_id"],
                    r["claim_id"],
                    r["surface"],
                    o[key]["_value"],
                    r["_value"],
                    r["_context"],
                )
            )
    for key, r in o.items():
        if key not in n:
            rows.append(("removed", "claim", r["doc_id"], r["claim_id"], r["surface"], r["_value"], "", r["_context"]))
    return _sorted(rows)


def finding_changes(old: pd.DataFrame | None, new: pd.DataFrame | None) -> pd.DataFrame:
    if old is None or new is None:
        return pd.DataFrame(columns=CHANGES.names)

    def keyed(df: pd.DataFrame) -> dict[tuple, dict]:
        # Only the columns a change shows: every column of thousands of findings as dicts cost a second.
        def col(name: str) -> list[str]:
            return df[name].astype(str).tolist() if name in df.columns else [""] * len(df)

        shown = ("finding_id", "topic", "verdict", "detail")
        records = [dict(zip(shown, values)) for values in zip(*(col(c) for c in shown))]
        return dict(zip(zip(col("topic"), col("kind"), col("claim_ids"), col("reference")), records))

    o, n = keyed(old), keyed(new)
    rows = []
    for key, r in n.items():
        if key not in o:
            rows.append(("added", "finding", "", r["finding_id"], r["topic"], "", r["verdict"], r["detail"]))
        elif o[key]["verdict"] != r["verdict"]:
            rows.append(
                (
                    "verdict_changed",
                    "finding",
                    "",
                    r["finding_id"],
                    r["topic"],
                    o[key]["verdict"],
                    r["verdict"],
                    r["detail"],
                )
            )
    for key, r in o.items():
        if key not in n:
            rows.append(("removed", "finding", "", r["finding_id"], r["topic"], r["verdict"], "", r["detail"]))
    return _sorted(rows)


def _sorted(rows: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=CHANGES.names).astype(str)
    return df.sort_values(["kind", "doc_id", "id", "change"], kind="stable").reset_index(drop=True)
