"""Finding the documents of a corpus folder and giving each a document id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CATALOG_NAME = "catalog.yaml"
_NOT_DOCUMENTS = {CATALOG_NAME, "catalog.yml"}


@dataclass(frozen=True)
class SourceFile:
    doc_id: str  # the file name without its extension
    path: Path
    problem: str = ""  # set when the file cannot be a document of this corpus


def discover(seeds_dir: Path) -> list[SourceFile]:
    """Every candidate document in ``seeds_dir``, sorted by document id.

    Hidden files, the catalog and READMEs are not documents. Two files whose
    names give the same id are both reported rather than one silently winning.
    """
    files = sorted(
        p
        for p in seeds_dir.iterdir()
        if p.is_file()
        and not p.name.startswith(".")
        and p.name not in _NOT_DOCUMENTS
        and not p.name.upper().startswith("README")
    )
    by_id: dict[str, list[Path]] = {}
    for p in files:
        by_id.setdefault(p.stem, []).append(p)
    out: list[SourceFile] = []
    for doc_id in sorted(by_id):
        paths = by_id[doc_id]
        if len(paths) == 1:
            out.append(SourceFile(doc_id, paths[0]))
            continue
        names = ", ".join(p.name for p in paths)
        out.append(
            SourceFile(doc_id, paths[0], problem=f"document id {doc_id!r} is given by several files ({names}); rename all but one")
        )
    return out
