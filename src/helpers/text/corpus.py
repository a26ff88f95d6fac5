"""Finding the documents of a corpus folder and giving each a document id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CATALOG_NAME = "catalog.yaml"
# Reports are named after the document id (documents/<id>.html), and a file
# name may have at most 255 bytes: a longer id is refused rather than crashing
# the run that writes its report.
MAX_ID_BYTES = 200
# The catalog and the question file (helpers.analysis.questions) sit beside the documents.
_NOT_DOCUMENTS = {CATALOG_NAME, "catalog.yml", "questions.yaml", "questions.yml"}


@dataclass(frozen=True)
class SourceFile:
    doc_id: str  # the file name without its extension
    path: Path
    problem: str = ""  # set when the file cannot be a document of this corpus


def discover(seeds_dir: Path) -> list[SourceFile]:
    """Every candidate document in ``seeds_dir``, sorted by document id.

    Hidden files, the catalog, the question file and READMEs are not documents. Two files whose
    names give the same id are both reported rather than one silently winning.
    A symbolic link is a document only when it resolves to a file inside the
    folder; any other link is listed with its problem and is never read.
    """
    root = seeds_dir.resolve()
    files = sorted(
        p
        for p in seeds_dir.iterdir()
        if (p.is_file() or p.is_symlink())
        and not p.name.startswith(".")
        and p.name not in _NOT_DOCUMENTS
        and not p.name.upper().startswith("README")
    )
    by_id: dict[str, list[Path]] = {}
    link_problems: dict[Path, str] = {}
    for p in files:
        problem = link_problem(p, root)
        if problem is None:
            continue  # a link to a folder (or other non-file) inside the corpus, skipped like the folder itself
        if problem:
            link_problems[p] = problem
        by_id.setdefault(p.stem, []).append(p)
    out: list[SourceFile] = []
    for doc_id in sorted(by_id):
        paths = by_id[doc_id]
        if len(paths) == 1:
            problem = link_problems.get(paths[0], "")
            if not problem and len(doc_id.encode("utf-8")) > MAX_ID_BYTES:
                problem = (
                    f"file name too long: the document id has {len(doc_id.encode('utf-8'))} bytes, at most "
                    f"{MAX_ID_BYTES} are allowed (its reports are named after it); shorten the file name"
                )
            out.append(SourceFile(doc_id, paths[0], problem=problem))
            continue
        names = ", ".join(p.name for p in paths)
        out.append(
            SourceFile(
                doc_id,
                paths[0],
                problem=f"document id {doc_id!r} is given by several files ({names}); rename all but one",
            )
        )
    return out


def link_problem(path: Path, root: Path) -> str | None:
    """Why ``path`` cannot be read as a document: "" when it can, None when it is not a file at all.

    A corpus from elsewhere (a git repository, an archive) may carry links to
    /etc/passwd, a token file or /proc; following them would publish those
    files in the reports and data, so only links that stay inside the seeds
    folder are followed.
    """
    if not path.is_symlink():
        return ""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop of links
        return "symbolic link that leads nowhere; replace it with the file itself"
    if not target.is_relative_to(root):
        return "symbolic link to a file outside the seeds folder, refused; copy the file into the folder instead"
    return "" if target.is_file() else None
