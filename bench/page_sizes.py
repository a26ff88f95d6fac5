"""Page sizes of the reports: per-document reports of a build, and corpus-level pages at scale.

    .venv/bin/python bench/page_sizes.py REPORTS_DIR              # sizes of an existing build
    .venv/bin/python bench/page_sizes.py --synthetic 1000 WORK    # build a synthetic corpus's corpus-level pages
    .venv/bin/python bench/page_sizes.py --data DATA_DIR OUT     # only run the corpus-level notebooks on a build's tables

With ``--synthetic N`` a corpus of N documents is written by make_synthetic.py and
built with only the corpus-level notebooks (overview, comparison, claims explorer)
plus the index, since those are the pages that grow with the corpus; per-document
reports do not depend on the corpus size. With ``--data`` the corpus-level
notebooks run on the tables of an earlier build (its ``data/`` folder) and
are exported to OUT, so that a change to a report is measured in minutes
rather than after a new extraction; the explorer's first page stands for all
of them (the pages hold the same number of documents). Budgets (issue 17): a
per-document report under 150 KB, every corpus-level page under 5 MB.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT_BUDGET = 150 * 1024
CORPUS_BUDGET = 5 * 1024 * 1024
PER_DOCUMENT = ("documents", "claims", "summaries")


def sizes(out: Path) -> list[tuple[str, int]]:
    return sorted(
        (p.relative_to(out).as_posix(), p.stat().st_size)
        for p in out.rglob("*.html")
        if "_build" not in p.relative_to(out).parts
    )


def report(out: Path) -> int:
    over = 0
    for rel, size in sizes(out):
        budget = DOCUMENT_BUDGET if rel.split("/")[0] in PER_DOCUMENT else CORPUS_BUDGET
        flag = "" if size <= budget else f"  OVER {budget // 1024:,} KB"
        over += bool(flag)
        print(f"{size / 1024:10.1f} KB  {rel}{flag}")
    return over


def synthetic(n: int, work: Path, jobs: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from make_synthetic import write_corpus

    from helpers.build import BuildOptions, build

    seeds, notebooks, out = work / "seeds", work / "notebooks", work / "reports"
    if not seeds.exists():
        write_corpus(seeds, n)
    notebooks.mkdir(parents=True, exist_ok=True)
    for name in ("01_corpus_overview", "04_comparison", "07_claims_explorer"):
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", notebooks)
    t0 = time.perf_counter()
    build(BuildOptions(seeds=seeds, out=out, notebooks=notebooks, jobs=jobs))
    print(f"built {n} documents' corpus-level pages in {time.perf_counter() - t0:.0f}s")
    return out


CORPUS_NOTEBOOKS = {"01_corpus_overview": "corpus.html", "04_comparison": "comparison.html", "07_claims_explorer": "explorer.html"}


def notebooks_on_data(data: Path, out: Path, catalog: Path | None = None, ledger: Path = ROOT / "references" / "reference_facts.csv") -> Path:
    """Execute the corpus-level notebooks on the tables in ``data`` and export each to ``out``, as the build does."""
    import nbformat
    import papermill

    from helpers.build.execute import cap_outputs
    from helpers.reports.export import to_html

    out.mkdir(parents=True, exist_ok=True)
    params = {"data_dir": str(data), "catalog_path": str(catalog or ""), "ledger_path": str(ledger)}
    for name, report in CORPUS_NOTEBOOKS.items():
        t0 = time.perf_counter()
        executed = out / f"{name}.ipynb"
        papermill.execute_notebook(str(ROOT / "notebooks" / f"{name}.ipynb"), str(executed), parameters=params,
                                   cwd=str(ROOT / "notebooks"), progress_bar=False)  # fmt: skip
        nb = nbformat.read(str(executed), as_version=4)
        (out / report).write_text(to_html(cap_outputs(nb), title=name, nav=[]), encoding="utf-8")
        print(f"ran and exported {name} in {time.perf_counter() - t0:.0f}s")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="a build's output folder, or with --synthetic a work folder")
    ap.add_argument("--synthetic", type=int, metavar="N", help="build a synthetic corpus of N documents first")
    ap.add_argument("--data", type=Path, metavar="DATA_DIR", help="run the corpus-level notebooks on this data folder into FOLDER")
    ap.add_argument("--catalog", type=Path, help="with --data: the corpus's catalog (event dates), e.g. seeds/catalog.yaml")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if args.data:
        out = notebooks_on_data(args.data.resolve(), args.folder.resolve(), args.catalog.resolve() if args.catalog else None)
    else:
        out = synthetic(args.synthetic, args.folder, args.jobs) if args.synthetic else args.folder
    return 1 if report(out) else 0


if __name__ == "__main__":
    sys.exit(main())
