"""What a build reads before it extracts: the documents, the catalog, the ledger and the question file, with what
is wrong with them.

A bad catalog, ledger or question file is a configuration problem: it is
reported (exit status 2) and the build goes on without it, so what can be
built still is (without a question file, the reports answer questions made
from the corpus: ``questions_for_notebooks``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..analysis.ledger import empty_ledger, load_ledger
from ..analysis.questions import QUESTIONS_NAME, generate_questions, load_questions, questions_yaml
from ..exceptions import ConfigurationError, LedgerError
from ..text.catalog import Catalog, load_catalog
from ..text.corpus import CATALOG_NAME, SourceFile, discover
from .digests import write_if_changed
from .options import BuildOptions
from .pipeline import PIPELINE


@dataclass
class BuildInputs:
    sources: list[SourceFile]
    catalog: Catalog
    catalog_usable: bool  # False: the catalog could not be read; notebooks get none rather than trip over it again
    ledger: pd.DataFrame  # empty when there is none or it is broken
    ledger_for_notebooks: Path | None  # None when broken: reported once, here
    problems: list[str] = field(default_factory=list)
    questions_file: Path | None = None  # a usable question file; None: questions are made from the corpus

    @property
    def config_error(self) -> bool:
        return bool(self.problems)

    def catalog_file(self) -> Path | None:
        """The catalog file the notebooks read, when it is usable and still there."""
        path = self.catalog.path
        return Path(path) if self.catalog_usable and path and Path(path).exists() else None


def read_inputs(opts: BuildOptions) -> BuildInputs:
    """The documents to build, the catalog and the ledger; a broken catalog or ledger is a problem, not a stop."""
    problems: list[str] = []
    catalog_path = opts.catalog or (opts.seeds / CATALOG_NAME)
    catalog_usable = True
    try:
        catalog = load_catalog(catalog_path)
    except ConfigurationError as e:
        problems.append(str(e))
        catalog_usable = False
        catalog = Catalog(path=str(catalog_path))
    sources = discover(opts.seeds)
    catalog.check_documents([s.doc_id for s in sources])
    problems += [str(p) for p in catalog.problems]
    # A broken ledger is reported once, here; the comparison then runs without it.
    ledger, ledger_problems = load_ledger_or_empty(opts.ledger)
    problems += ledger_problems
    ledger_for_notebooks = None if ledger_problems else opts.ledger
    questions_file, question_problems = check_questions(opts)
    problems += question_problems
    return BuildInputs(sources, catalog, catalog_usable, ledger, ledger_for_notebooks, problems, questions_file)


def check_questions(opts: BuildOptions) -> tuple[Path | None, list[str]]:
    """The question file the reports answer (``--questions``, else ``<seeds>/questions.yaml`` when there is one),
    or None and the problem that made it unusable."""
    path = opts.questions or opts.seeds / QUESTIONS_NAME
    if opts.questions is None and not path.exists():
        return None, []
    try:
        load_questions(path)
    except ConfigurationError as e:
        return None, [str(e)]
    return path, []


GENERATED_NAME = "questions.yaml"  # in _build/: the questions made for a corpus without a question file


def questions_for_notebooks(questions_file: Path | None, findings: pd.DataFrame, build_dir: Path) -> Path:
    """The question file the notebooks read: the corpus's own, else one made from its largest groups (written
    into ``build_dir``, where a user can copy it from to edit)."""
    if questions_file is not None:
        return questions_file
    path = build_dir / GENERATED_NAME
    note = (
        "Questions made from the corpus's largest groups of comparable figures (this corpus has no question file).\n"
        "Copy this file beside the documents as questions.yaml and edit it to ask your own."
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(path, questions_yaml(generate_questions(findings), note).encode("utf-8"))
    return path


def load_ledger_or_empty(path: Path | None) -> tuple[pd.DataFrame, list[str]]:
    """The ledger, or an empty one and the problems that made it unusable."""
    if path is None:
        return empty_ledger(), []
    if not path.exists():
        return empty_ledger(), [f"{path}: reference ledger not found"]
    try:
        return load_ledger(path), []
    except LedgerError as e:
        return empty_ledger(), [str(p) for p in e.problems]
    except ConfigurationError as e:
        return empty_ledger(), [str(e)]


def check_notebooks(notebooks: Path, lock: Mapping[str, dict]) -> None:
    """Refuse a notebooks folder without one of the pipeline's notebooks when the last build made reports.

    Building from it would remove every one of them as a report of a notebook
    taken out of the pipeline: a mistyped ``--notebooks`` is far likelier.
    """
    if lock and not any((notebooks / f"{spec.name}.ipynb").is_file() for spec in PIPELINE):
        raise ConfigurationError(
            f"none of the pipeline's notebooks ({', '.join(spec.name for spec in PIPELINE)}) is here; building would "
            f"remove the {len(lock)} report(s) of the last build: check --notebooks",
            path=str(notebooks),
        )
