"""Loading the tidy tables notebooks read: from a build's data folder, or extracted on the spot.

Notebooks take ``data_dir`` as a parameter. The build passes its own data
folder; run by hand (JupyterLab, nbval) with ``data_dir = ""`` they extract
the corpus in ``seeds/`` in-process, so every notebook runs top to bottom on
a fresh clone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from .exceptions import ConfigurationError, UnknownDocumentError

REPO_ROOT = Path(__file__).resolve().parents[2]
# Columns read as numbers; every other column is text ("" when empty), so ids
# like "001" and all-empty text columns never turn into floats or NaN.
NUMERIC_COLUMNS = frozenset({
    "start", "end", "line", "value", "value_low", "value_high", "block_id", "sentence_id",
    "chars", "lines", "blocks", "sentences", "claims", "bytes", "score",
    "start_a", "end_a", "start_b", "end_b", "likely_value", "reference_value",
})  # fmt: skip


BOOL_COLUMNS = frozenset({"speaker_inferred", "vague"})


def read_csv(path: str | Path) -> pd.DataFrame:
    """Read one of the build's tables with the types the writer meant."""
    path = Path(path)
    head = pd.read_csv(path, nrows=0)
    dtypes = {c: "string" for c in head.columns if c not in NUMERIC_COLUMNS}
    df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values={c: [""] for c in head.columns if c in NUMERIC_COLUMNS})
    for c in dtypes:
        df[c] = df[c].astype(str)
    for c in BOOL_COLUMNS & set(df.columns):
        df[c] = df[c].str.lower().eq("true")
    return df


@lru_cache(maxsize=4)
def _extract_now(seeds_dir: str) -> dict[str, pd.DataFrame]:
    from .catalog import load_catalog
    from .corpus import CATALOG_NAME, discover
    from .extract import combine, extract_document

    seeds = Path(seeds_dir)
    catalog = load_catalog(seeds / CATALOG_NAME)
    return combine([extract_document(s, catalog) for s in discover(seeds)])


def load_tables(data_dir: str | Path | None = "", seeds_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """``documents``, ``blocks``, ``sentences``, ``claims`` (and ``findings`` when built)."""
    if data_dir:
        d = Path(data_dir)
        if not (d / "documents.csv").exists():
            raise ConfigurationError("no documents.csv here; run `make reports` or pass data_dir=''", path=str(d))
        out = {p.stem: read_csv(p) for p in sorted(d.glob("*.csv"))}
        return out
    seeds = Path(seeds_dir) if seeds_dir else REPO_ROOT / "seeds"
    return {k: v.copy() for k, v in _extract_now(str(seeds.resolve())).items()}


def check_doc_id(doc_id: str, documents: pd.DataFrame) -> None:
    """Raise a clear error listing the valid ids when a notebook is given an unknown one."""
    valid = sorted(documents["doc_id"].astype(str))
    if doc_id not in valid:
        raise UnknownDocumentError(doc_id, valid)
