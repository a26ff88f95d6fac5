"""Digests the build keys its reuse on: of bytes, of the package's code, of a notebook's cells, of a table.

And the one way the build writes a file it may have written before: only when
its bytes change, so an unchanged output keeps its stats (``unchanged``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from .. import atomic


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def helpers_source_digest() -> str:
    """Hash of the package's own code and data: any change re-runs what imports it."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def notebook_source_digest(path: Path) -> str:
    """Hash of a notebook's cells (type, source, tags), ignoring outputs and metadata."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        (c.get("cell_type"), "".join(c.get("source", "")), sorted(c.get("metadata", {}).get("tags", [])))
        for c in nb.get("cells", [])
    ]
    return sha(json.dumps(cells, ensure_ascii=False).encode())


def frame_digest(df: pd.DataFrame) -> str:
    """Digest of a table's columns, types and every row (vectorised: fast on a thousand documents)."""
    header = json.dumps([[c, str(t)] for c, t in df.dtypes.items()]).encode()
    return sha(header + pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes())


def write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    atomic.write_bytes(path, data)
