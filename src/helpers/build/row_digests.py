"""What each notebook run reads of the tables: its documents' rows, as digests and as the files it is given.

A per-document run depends on its own rows only; the build hashes every
document's rows of every table once (``RowDigests``) and writes a run's own
rows into its folder only when the run executes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..tables import to_csv_bytes
from .digests import sha, write_if_changed
from .rows import Chunk
from .rows import join as join_chunks

if TYPE_CHECKING:
    import numpy as np


class RowDigests:
    """Digest of each document's rows of each table, computed once per build rather than once per run.

    A per-document run depends on its own rows only, and finding them by
    filtering every table for every run would cost minutes at a thousand
    documents. Where the documents' rows come as CSV bytes (``build.rows``) a
    document's digest is their hash and its row files are joined from them;
    otherwise rows are hashed column-wise in one vectorised pass (pandas'
    stable 64-bit row hash) and grouped by document.
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame], chunks: dict[str, dict[str, Chunk]] | None = None) -> None:
        self.tables = tables
        # table -> document -> its rows as CSV bytes (build.rows), for tables every document has them of
        self.chunks = chunks or {}
        self._by_doc: dict[str, dict[str, str]] = {}
        self._rows: dict[str, Mapping[str, Any]] = {}  # table -> document -> positions of its rows (array or list)
        self._row_hashes: dict[str, tuple[bytes, np.ndarray]] = {}
        self._written: set[tuple[Path, str]] = set()  # a document's reports share its folder: each file once a build

    def per_document(self, name: str) -> bool:
        """Whether table ``name`` has a ``doc_id`` column (without making a frame of a table held as bytes)."""
        return name in self.chunks or "doc_id" in self.tables[name].columns

    def _hashes(self, name: str) -> tuple[bytes, np.ndarray]:
        """The table's header (columns and types) and one 64-bit hash per row, computed once."""
        if name not in self._row_hashes:
            df = self.tables[name]
            header = json.dumps([[c, str(t)] for c, t in df.dtypes.items()]).encode()
            self._row_hashes[name] = (header, pd.util.hash_pandas_object(df, index=False).to_numpy())
        return self._row_hashes[name]

    def _table(self, name: str) -> dict[str, str]:
        if name not in self._by_doc and name in self.chunks:
            self._by_doc[name] = {doc: sha(c.header + c.body) for doc, c in self.chunks[name].items() if c.body}
        if name not in self._by_doc:
            import numpy as np

            df = self.tables[name]
            header, rows = self._hashes(name)
            codes, docs = pd.factorize(df["doc_id"].astype(str), sort=True)
            order = np.argsort(codes, kind="stable")
            bounds = np.searchsorted(codes[order], np.arange(len(docs) + 1))
            self._by_doc[name] = {
                str(doc): sha(header + rows[order[bounds[i] : bounds[i + 1]]].tobytes()) for i, doc in enumerate(docs)
            }
        return self._by_doc[name]

    def _positions(self, name: str) -> Mapping[str, Any]:
        """document -> positions of its rows; in a table without ``doc_id`` (findings), of the rows involving it."""
        if name not in self._rows:
            df = self.tables[name]
            if "doc_id" in df.columns:
                self._rows[name] = df.groupby(df["doc_id"].astype(str), sort=False).indices
            else:
                self._rows[name] = _involving(df)
        return self._rows[name]

    def _at(self, name: str, doc_ids: tuple[str, ...]) -> np.ndarray:
        """Positions of the rows of ``doc_ids`` in table order, each row once."""
        import numpy as np

        found = [self._positions(name).get(d) for d in doc_ids]
        parts = [np.asarray(p, dtype=np.intp) for p in found if p is not None]
        return np.unique(np.concatenate(parts or [np.array([], dtype=np.intp)]))

    def write_own_rows(self, folder: Path, names: tuple[str, ...], doc_ids: tuple[str, ...]) -> None:
        """Write the rows of ``doc_ids`` of each table in ``names`` into ``folder``, as the data files would hold them.

        A table without a ``doc_id`` column (findings) gets the rows involving any of ``doc_ids``.
        """
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            if (folder, name) in self._written:
                continue
            self._written.add((folder, name))
            if name in self.chunks:
                wanted = set(doc_ids)  # in table order, as filtering the table gives them
                joined = join_chunks([c for d, c in self.chunks[name].items() if d in wanted])
                if joined is not None:
                    write_if_changed(folder / f"{name}.csv", joined)
                    continue
            write_if_changed(folder / f"{name}.csv", to_csv_bytes(self.tables[name].take(self._at(name, doc_ids))))

    def of(self, names: list[str], doc_ids: tuple[str, ...]) -> str:
        """One digest of the rows of ``doc_ids`` in the tables ``names`` (as ``write_own_rows`` writes them)."""
        empty = sha(b"")
        parts = []
        for name in sorted(names):
            if self.per_document(name):
                parts += [f"{name}\0{doc}\0{self._table(name).get(doc, empty)}" for doc in doc_ids]
            else:
                header, rows = self._hashes(name)
                parts.append(f"{name}\0{sha(header + rows[self._at(name, doc_ids)].tobytes())}")
        return sha("\n".join(parts).encode())


def _involving(findings: pd.DataFrame) -> dict[str, list[int]]:
    """document -> positions of the findings involving it: naming it, or holding one of its claims.

    A page's verdicts come from the findings holding its claims and its findings
    table lists the findings naming its documents; each finding names the
    documents of its claims, but a page must not depend on that to show the same.
    """
    by_doc: dict[str, list[int]] = {}
    for i, (docs, claims) in enumerate(zip(findings["doc_ids"].astype(str), findings["claim_ids"].astype(str))):
        involved = set(docs.split()) | {cid.rsplit(":", 1)[0] for cid in claims.split()}
        for d in involved:
            by_doc.setdefault(d, []).append(i)
    return by_doc
