"""The analysis stage, reused when nothing it is computed from changed (``_build/analysis.json``).

Analysis is corpus-wide (findings compare every document's claims) and takes
longer than everything else in a rebuild that changes nothing; its inputs are
the extracted tables, the catalog, the ledger and the code. The data files
written by the previous build are reused only if their bytes are the ones it
wrote (a CSV round trip gives back the same frame). The speakers the
alignment carries over are written into the sentences and claims tables, in
both cases (``carried_tables``), so each document's rows there are its
extraction's plus what its partner rendering tells about its speakers.
The embedding cache keeps only the entries of the corpus's renderings, after
the analysis, whether it ran or was reused (:func:`prune_embeddings`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, MutableMapping
from pathlib import Path

import pandas as pd

from .. import atomic
from ..analysis.align import carry_into_tables
from ..analysis.embed import prune_cache
from ..tables import to_csv_bytes
from ..text.catalog import Catalog
from .analyze import ANALYSED, analyze, embedding_names
from .confine import read_record
from .digests import frame_digest, sha, write_if_changed
from .pipeline import table_spec
from .rows import Chunk, document_chunks
from .rows import join as join_chunks

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
    """The analysis tables, read back from the data folder when nothing they are computed from changed.

    Also ``sentences`` and ``claims`` with the speakers carried over (see :func:`carried_tables`).
    """
    key = analysis_key(tables, catalog, ledger, fixed, files)
    record_path = build_dir / ANALYSIS_RECORD
    record = _read_analysis_record(record_path)
    paths = {name: data_dir / f"{name}.csv" for name in ANALYSED}
    if record.get("key") == key and all(
        p.exists() and sha(p.read_bytes()) == record.get("files", {}).get(name) for name, p in paths.items()
    ):
        reused = {name: table_spec(name).read_csv(p) for name, p in paths.items()}
        sentences, claims = carry_into_tables(tables["sentences"], tables["claims"], reused["alignment"])
        prune_embeddings(tables, catalog, build_dir)
        return {**reused, "sentences": sentences, "claims": claims}
    made = analyze(tables, catalog, ledger, build_dir / EMBED_CACHE)
    prune_embeddings(tables, catalog, build_dir)
    analysed = {name: df for name, df in made.items() if name in ANALYSED}
    data_dir.mkdir(parents=True, exist_ok=True)
    digests = {}
    for name, df in analysed.items():
        data = to_csv_bytes(df)
        write_if_changed(paths[name], data)
        digests[name] = sha(data)
    build_dir.mkdir(parents=True, exist_ok=True)
    atomic.write_text(record_path, json.dumps({"key": key, "files": digests}, indent=2, sort_keys=True) + "\n")
    return {**analysed, "sentences": made["sentences"], "claims": made["claims"]}


def prune_embeddings(tables: Mapping[str, pd.DataFrame], catalog: Catalog, build_dir: Path) -> list[str]:
    """Delete the embedding cache's entries this corpus does not align (an edited or dropped rendering's).

    Only regular entry files directly inside ``<build>/embed`` go, and none when
    the folder is a link (``analysis.embed.prune_cache``). Returns the names deleted.
    """
    return prune_cache(build_dir / EMBED_CACHE, embedding_names(tables, catalog))


SPEAKER_COLUMNS = ("speaker", "attribution", "speaker_confidence", "speaker_inferred")


def _changed_docs(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """The documents with a row whose speaker columns differ (same rows, same order)."""
    if after is before:
        return []
    differs = pd.Series(False, index=before.index)
    for col in SPEAKER_COLUMNS:
        if col in before.columns:
            old, new = before[col], after[col]
            differs |= ~((old == new) | (old.isna() & new.isna()))
    return sorted(set(before.loc[differs, "doc_id"].astype(str)))


def carried_tables(
    tables: MutableMapping[str, pd.DataFrame],
    carried: Mapping[str, pd.DataFrame],
    files: dict[str, bytes],
    chunks: dict[str, dict[str, Chunk]],
) -> list[str]:
    """Put the carried sentences and claims in ``tables``, ``files`` and ``chunks``; the documents changed.

    Only the changed documents' rows are serialised again; the data files are
    joined from the rows as extraction's are (``build.rows``).
    """
    touched: set[str] = set()
    for name in ("sentences", "claims"):
        if name not in carried or name not in tables:
            continue
        before, after = tables[name], carried[name]
        docs = _changed_docs(before, after)
        if not docs:
            continue
        touched.update(docs)
        tables[name] = after
        per_doc = chunks.get(name)
        if per_doc is not None:
            for doc in docs:
                per_doc[doc] = document_chunks({name: after[after["doc_id"].astype(str) == doc]})[name]
        joined = join_chunks(list(per_doc.values())) if per_doc is not None else None
        files[name] = joined if joined is not None else to_csv_bytes(after)
    return sorted(touched)
