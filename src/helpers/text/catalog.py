"""The document catalog (``seeds/catalog.yaml``): what each document is.

Problems are reported with the line of the catalog they come from. A
document the catalog does not know still builds with inferred fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import ConfigurationError
from .safeload import BoundExceeded, Unreadable, compose_yaml, read_regular

LANGUAGES = ("ja", "de", "en")
# Far beyond any real catalog (a 1 MB catalog describes about 4,000 documents and
# parses in about a second); a bigger file is refused before it is parsed.
MAX_CATALOG_BYTES = 4_000_000
_STR_FIELDS = ("title", "genre", "event", "event_id", "rendering_of", "source")
_DATE_FIELDS = ("event_date", "published")
KNOWN_FIELDS = frozenset(_STR_FIELDS + _DATE_FIELDS + ("language", "speakers", "roles"))


@dataclass(frozen=True)
class CatalogEntry:
    doc_id: str
    title: str | None = None
    language: str | None = None
    genre: str | None = None
    event: str | None = None
    event_id: str | None = None
    event_date: str | None = None
    published: str | None = None
    speakers: tuple[str, ...] = ()
    # speaker name -> role ("CFO, Meta"): whose "we" a speaker's figures are (helpers.claims.subjects)
    roles: tuple[tuple[str, str], ...] = ()
    rendering_of: str | None = None
    source: str | None = None
    line: int | None = None  # where the entry starts in catalog.yaml


@dataclass
class Catalog(Mapping[str, CatalogEntry]):
    """Read-only mapping doc_id -> entry, plus the problems found while loading."""

    path: str | None
    entries: dict[str, CatalogEntry] = field(default_factory=dict)
    problems: list[ConfigurationError] = field(default_factory=list)
    title: str = ""  # what the corpus is about, as the index page heads it (top-level ``title:``)

    def __getitem__(self, doc_id: str) -> CatalogEntry:
        return self.entries[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def entry(self, doc_id: str) -> CatalogEntry:
        """The entry for ``doc_id``, or an empty one for an uncatalogued document."""
        return self.entries.get(doc_id) or CatalogEntry(doc_id=doc_id)

    def check_documents(self, doc_ids: list[str]) -> None:
        """Record entries that name no document present in the corpus."""
        for doc_id, entry in sorted(self.entries.items()):
            if doc_id not in doc_ids:
                self.problems.append(
                    ConfigurationError(
                        f"entry {doc_id!r} names a document that is not in the corpus",
                        path=self.path,
                        line=entry.line,
                    )
                )


def _date_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, int) and 1900 <= value <= 2100:
        return str(value)
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            if value.isdigit() and len(value) == 4:
                return value
    raise ValueError(f"not a date (YYYY-MM-DD or YYYY): {_describe(value)}")


def _describe(value: Any) -> str:
    """A rejected value in an error message: short scalars as written, anything else by its type.

    Never the whole value: a rejected value may be an alias-expanded structure
    whose text would take gigabytes.
    """
    if isinstance(value, (str, int, float, bool, dt.date)):
        text = repr(value)
        return text if len(text) <= 80 else text[:77] + "..."
    return f"a {type(value).__name__}"


def _entry(
    doc_id: str, node: yaml.MappingNode, data: dict[str, Any], path: str, line: int
) -> tuple[CatalogEntry | None, list[ConfigurationError]]:
    """The entry, or None with every problem of its fields (each with its own line), so one edit fixes all."""
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    problems: list[ConfigurationError] = []

    def fail(key: str, message: str) -> None:
        problems.append(
            ConfigurationError(f"{doc_id}.{key}: {message}", path=path, line=lines.get(key, node.start_mark.line + 1))
        )

    for key in sorted(set(map(str, data)) - KNOWN_FIELDS):
        fail(key, f"unknown field (known: {', '.join(sorted(KNOWN_FIELDS))})")
    values: dict[str, Any] = {}
    for key in _STR_FIELDS:
        v = data.get(key)
        if v is not None and not isinstance(v, (str, int, float)):
            fail(key, f"expected text, got {type(v).__name__}")
            continue
        values[key] = None if v is None else str(v)
    for key in _DATE_FIELDS:
        try:
            values[key] = _date_str(data.get(key))
        except ValueError as e:
            fail(key, str(e))
    lang = data.get("language")
    if lang is not None and lang not in LANGUAGES:
        fail("language", f"unknown language {_describe(lang)} (supported: {', '.join(LANGUAGES)})")
    speakers = data.get("speakers") or []
    if not isinstance(speakers, list) or not all(isinstance(s, str) for s in speakers):
        fail("speakers", "expected a list of names")
    roles = data.get("roles") or {}
    if not isinstance(roles, dict) or not all(isinstance(r, (str, int, float)) for r in roles.values()):
        fail("roles", "expected a mapping of speaker name to role (Susan Li: CFO, Meta)")
        roles = {}
    if problems:
        return None, sorted(problems, key=lambda e: e.line or 0)
    entry = CatalogEntry(doc_id=doc_id, language=lang, speakers=tuple(speakers),
                         roles=tuple((str(k), str(v)) for k, v in roles.items()), line=line, **values)  # fmt: skip
    return entry, []


def load_catalog(path: str | Path | None) -> Catalog:
    """Read a catalog; a missing file is an empty catalog.

    Malformed YAML, a file that is not a regular file of at most
    ``MAX_CATALOG_BYTES`` and YAML beyond the bounds of
    :func:`~helpers.text.safeload.compose_yaml` (an alias bomb, say) raise
    :class:`ConfigurationError`. A bad entry is left out and recorded in
    ``Catalog.problems`` so the other entries still apply.
    """
    if path is None:
        return Catalog(path=None)
    p = str(path)
    text = _read_catalog(Path(path))
    if text is None:
        return Catalog(path=p)
    try:
        root, data = compose_yaml(text)
    except Unreadable as e:
        raise ConfigurationError(e.message, path=p, line=e.line) from None
    catalog = Catalog(path=p)
    if data is None or root is None:
        return catalog
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise ConfigurationError("expected a mapping with a 'documents' mapping", path=p, line=1)
    if isinstance(data.get("title"), str):
        catalog.title = " ".join(data["title"].split())
    elif data.get("title") is not None:
        catalog.problems.append(ConfigurationError("title: expected text", path=p, line=_key_line(root, "title")))
    docs_node = next(v for k, v in root.value if k.value == "documents")
    for key_node, value_node in docs_node.value:
        doc_id = str(key_node.value)
        entry_data = data["documents"][key_node.value if key_node.value in data["documents"] else doc_id]
        if entry_data is None:
            entry_data, value_node = {}, yaml.MappingNode("tag:yaml.org,2002:map", [], start_mark=key_node.start_mark)
        if not isinstance(entry_data, dict) or not isinstance(value_node, yaml.MappingNode):
            catalog.problems.append(
                ConfigurationError(f"{doc_id}: expected a mapping of fields", path=p, line=key_node.start_mark.line + 1)
            )
            continue
        entry, problems = _entry(doc_id, value_node, entry_data, p, key_node.start_mark.line + 1)
        if entry is not None:
            catalog.entries[doc_id] = entry
        catalog.problems.extend(problems)
    return catalog


def _key_line(root: yaml.Node, key: str) -> int:
    """The line (1-based) of a top-level key of the catalog."""
    return next((k.start_mark.line + 1 for k, _ in root.value if k.value == key), 1)


def _read_catalog(path: Path) -> str | None:
    """The catalog's text, or None when there is no such file; only a regular file of bounded size is read."""
    p = str(path)
    try:
        data = read_regular(path, MAX_CATALOG_BYTES)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise ConfigurationError(f"cannot read the catalog: {e.strerror}", path=p) from None
    except BoundExceeded as e:
        raise ConfigurationError(f"the catalog: {e.message}", path=p) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ConfigurationError(f"not UTF-8 text (byte {e.start})", path=p) from None


def rendering_pairs(catalog: Mapping[str, CatalogEntry]) -> list[tuple[str, str]]:
    """Pairs of documents that render the same event, sorted."""
    entries = catalog
    by_event: dict[str, list[str]] = {}
    for doc_id, e in entries.items():
        if e.event_id and e.rendering_of:
            by_event.setdefault(e.event_id, []).append(doc_id)
    pairs = []
    for ids in by_event.values():
        ids = sorted(ids)
        pairs += [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    return sorted(pairs)
