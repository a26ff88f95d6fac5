"""What every notebook's first cell calls: the tables, the catalog and the ledger, and figure defaults.

Notebooks take ``data_dir``, ``catalog_path``, ``ledger_path`` and (those
that answer the headline questions) ``questions_path`` as parameters. The
build passes its own data folder (and "" for a catalog or ledger it found
unusable: the notebook then has none; for questions, the question file or the
one it generated). Run by hand (JupyterLab, nbval) with ``data_dir = ""``, the
corpus in ``seeds/`` is extracted and analysed in-process, with the
repository's catalog, ledger and question file unless others are given, so
every notebook runs top to bottom on a fresh clone.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import pandas as pd

from .analysis.ledger import empty_ledger, load_ledger
from .analysis.questions import QUESTIONS_NAME, Question, generate_questions, load_questions
from .build.analyze import analyze
from .build.builder import DEFAULT_LEDGER, DEFAULT_SEEDS
from .build.extract import CorpusTables, check_claims, combine, extract_document
from .build.pipeline import TABLES
from .exceptions import ConfigurationError, UnknownDocumentError
from .reports.render import setup_matplotlib
from .tables import TableSpec
from .text.catalog import Catalog, load_catalog
from .text.corpus import CATALOG_NAME, discover


@dataclass
class Notebook:
    tables: Mapping[str, pd.DataFrame]
    catalog: Catalog
    ledger: pd.DataFrame
    questions: list[Question] = field(default_factory=list)  # the headline questions (helpers.analysis.questions)

    def documents_of(self, doc_id: str) -> dict[str, pd.DataFrame]:
        """The rows of every per-document table that belong to ``doc_id`` (raises for an unknown id)."""
        check_doc_id(doc_id, self.tables["documents"])
        return {k: v[v["doc_id"] == doc_id] for k, v in self.tables.items() if "doc_id" in v.columns}

    def columns(self, name: str, columns: Sequence[str]) -> pd.DataFrame:
        """Only ``columns`` of table ``name``, typed as in the whole table.

        A corpus report that counts sentences needs two of the sentences
        table's fourteen columns: at a thousand documents, parsing all of it
        (36 MB of text) cost a second on every rebuild.
        """
        if isinstance(self.tables, TablesOf):
            return self.tables.columns(name, columns)
        return self.tables[name][list(columns)].copy()


def setup(
    data_dir: str | Path = "",
    catalog_path: str | Path = "",
    ledger_path: str | Path = "",
    questions_path: str | Path = "",
) -> Notebook:
    setup_matplotlib()
    if data_dir:
        catalog = _read_file(Path(catalog_path), load_catalog) if catalog_path else Catalog(path=None)
        ledger = _read_file(Path(ledger_path), load_ledger) if ledger_path else empty_ledger()
        nb = Notebook(TablesOf(data_dir), catalog, ledger)
        # the build passes the questions to the notebooks that answer them; no other run reads the findings for them
        if questions_path:
            nb.questions = _read_file(Path(questions_path), load_questions)
        return nb
    catalog_file = Path(catalog_path) if catalog_path else DEFAULT_SEEDS / CATALOG_NAME
    ledger_file = Path(ledger_path) if ledger_path else DEFAULT_LEDGER
    tables = {
        k: v.copy() for k, v in _extract_now(str(DEFAULT_SEEDS.resolve()), str(catalog_file), str(ledger_file)).items()
    }
    nb = Notebook(tables, load_catalog(catalog_file), load_ledger(ledger_file))
    if not questions_path and (DEFAULT_SEEDS / QUESTIONS_NAME).exists():
        questions_path = DEFAULT_SEEDS / QUESTIONS_NAME
    # by hand, a corpus without a question file is asked about its largest groups, as the build would
    nb.questions = load_questions(questions_path) if questions_path else generate_questions(tables["findings"])
    return nb


def load_tables(data_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of a build's data folder, with the types its writer meant."""
    return dict(TablesOf(data_dir))


class TablesOf(Mapping[str, pd.DataFrame]):
    """The tables of a build's data folder, each read when a notebook first asks for it.

    A corpus-level report reads two to four of the eight tables: at a
    thousand documents, reading them all (60 MB of blocks and sentences the
    comparison never looks at) cost more than the report and doubled the
    kernel's memory.
    """

    def __init__(self, data_dir: str | Path) -> None:
        d = Path(data_dir)
        if not (d / "documents.csv").exists():
            raise ConfigurationError("no documents.csv here; run `make reports` or pass data_dir=''", path=str(d))
        self._files = {
            spec.name: (spec, d / f"{spec.name}.csv") for spec in TABLES if (d / f"{spec.name}.csv").exists()
        }
        self._read: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._read:
            spec, path = self._files[name]
            self._read[name] = _read_table(spec, path)
        return self._read[name]

    def columns(self, name: str, columns: Sequence[str]) -> pd.DataFrame:
        """Only ``columns`` of table ``name``: from the whole table when it was read, else parsing those alone."""
        if name in self._read:
            return self._read[name][list(columns)].copy()
        spec, path = self._files[name]
        return _read_table(spec, path, tuple(columns))

    def __contains__(self, name: object) -> bool:
        return name in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


# The build runs notebook after notebook in one warm kernel, many reading the
# same files: parsing a 1,000-document corpus's sentences per run would cost more
# than the run's own cells, and every run reads the catalog (for a thousand
# documents a large YAML file) and the ledger. A file is parsed again only when
# its bytes change; each run gets its own copy, so what one run does to what it
# read no other sees. Only the files read last are kept. A small table (a
# document's own rows, read by one run) is parsed on every read instead: keeping
# it would cost a copy per read and memory, for no other run to reuse.
_FILE_CACHE: OrderedDict[str, tuple[str, object]] = OrderedDict()
CACHE_FILES = 24  # the corpus's tables, a few explorer pages' own, the catalog and the ledger
CACHED_FROM_BYTES = 1 << 20
_T = TypeVar("_T")


def _parsed(key: str, data: bytes, parse: Callable[[], _T]) -> _T:
    """``parse()`` of a file's ``data``, parsed again only when the bytes changed; each run gets its own copy."""
    import copy
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    cached = _FILE_CACHE.pop(key, None)
    if cached is None or cached[0] != digest:
        cached = (digest, parse())
    _FILE_CACHE[key] = cached
    while len(_FILE_CACHE) > CACHE_FILES:
        _FILE_CACHE.popitem(last=False)
    # The cache holds values of every parse's type; a key's value is what parse() of that key made (a _T).
    return copy.deepcopy(cached[1])  # type: ignore[return-value]


def _read_file(path: Path, parse: Callable[[Path], _T]) -> _T:
    return _parsed(str(path), path.read_bytes(), lambda: parse(path))


def _read_table(spec: TableSpec, path: Path, columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """The table at ``path`` (only ``columns`` when given), parsed again only when its bytes changed."""
    data = path.read_bytes()
    if len(data) < CACHED_FROM_BYTES:
        return spec.parse_csv(data, columns)
    key = f"{path}|{','.join(columns)}" if columns else str(path)
    return _parsed(key, data, lambda: spec.parse_csv(data, columns))


@lru_cache(maxsize=2)
def _extract_now(seeds_dir: str, catalog_file: str, ledger_file: str) -> CorpusTables:
    catalog = load_catalog(catalog_file)
    tables = combine(check_claims([extract_document(s, catalog) for s in discover(Path(seeds_dir))]))
    tables.update(analyze(tables, catalog, load_ledger(ledger_file)))
    return tables


def check_doc_id(doc_id: str, documents: pd.DataFrame) -> None:
    """Raise a clear error listing the valid ids when a notebook is given an unknown one."""
    valid = sorted(documents["doc_id"].astype(str))
    if doc_id not in valid:
        raise UnknownDocumentError(doc_id, valid)
