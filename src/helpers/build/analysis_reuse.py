"""The analysis stage, reused when nothing it is computed from changed (``_build/analysis.json``).

Analysis is corpus-wide (findings compare every document's claims) and takes
longer than everything else in a rebuild that changes nothing; its inputs are
the extracted tables, the catalog, the ledger and the code. The data files
written by the previous build are reused only if their bytes are the ones it
wrote (a CSV round trip gives back the same frame).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .. import atomic
from ..tables import to_csv_bytes
from ..text.catalog import Catalog
from .analyze import ANALYSED, analyze
from .confine import read_record
from .digests import frame_digest, sha, write_if_changed
from .pipeline import table_spec

ANALYSIS_RECORD = "analysis.json"
# Sentence embeddings of documents with another rendering, by content (see analysis.embed).
EMBED_CACHE = "embed"
# The largest record read back: far above a real one, far below what would exhaust memory.
MAX_RECORD_BYTES = 256 * 1024 * 1024


def analysis_key(
    tables: Mapping[str, pd.DataFrame],
    catalog: Catalog,
    ledger: pd.DataFrame,
    fixed: dict[str, str],
    files: Mapping[str, bytes] | None = None,
) -> str:
    """Digest of everything the analysis is computed from; ``files``: the tables' CSV bytes, when known already."""
    return sha(
        json.dumps(
            {
                **fixed,
                "tables": {
                    name: sha(files[name] if files and name in files else to_csv_bytes(tables[name]))
                    for name in sorted(tables)
                },
                "catalog": repr(sorted(catalog.entries.items())),
                "ledger": frame_digest(ledger),
            },
            sort_keys=True,
        ).encode()
    )


def _read_analysis_record(record_path: Path) -> dict:
    """The last analysis' key and its files' digests; empty when there is no usable record."""
    try:
        record = read_record(record_path, MAX_RECORD_BYTES) if record_path.exists() else {}
        return record if isinstance(record, dict) and isinstance(record.get("files", {}), dict) else {}
    except (OSError, ValueError):
        return {}  # a damaged record only costs the analysis


def analyze_or_reuse(
    tables: Mapping[str, pd.DataFrame],
    catalog: Catalog,
    ledger: pd.DataFrame,
    fixed: dict[str, str],
    data_dir: Path,
    build_dir: Path,
    files: Mapping[str, bytes] | None = None,
) -> dict[str, pd.DataFrame]:
    """The analysis tables, read back from the data folder when nothing they are computed from changed."""
    key = analysis_key(tables, catalog, ledger, fixed, files)
    record_path = build_dir / ANALYSIS_RECORD
    record = _read_analysis_record(record_path)
    paths = {name: data_dir / f"{name}.csv" for name in ANALYSED}
    if record.get("key") == key and all(
        p.exists() and sha(p.read_bytes()) == record.get("files", {}).get(name) for name, p in paths.items()
    ):
        return {name: table_spec(name).read_csv(p) for name, p in paths.items()}
    analysed = {
        name: df for name, df in analyze(tables, catalog, ledger, build_dir / EMBED_CACHE).items() if name in ANALYSED
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    digests = {}
    for name, df in analysed.items():
        data = to_csv_bytes(df)
        write_if_changed(paths[name], data)
        digests[name] = sha(data)
    build_dir.mkdir(parents=True, exist_ok=True)
    atomic.write_text(record_path, json.dumps({"key": key, "files": digests}, indent=2, sort_keys=True) + "\n")
    return analysed
