"""Bounded readers for files the build does not control: YAML, JSON and the bytes of a file.

Every file a build reads may come from elsewhere (a corpus from a shared
drive, a restored CI cache, a hand-edited ledger), so each reader here has a
bound on what it accepts and names the bound it hit:

* ``read_regular``: only a regular file, opened without blocking (a FIFO
  cannot hang the build) and read up to a size limit (``/dev/zero`` cannot
  fill memory).
* ``load_yaml`` / ``compose_yaml``: YAML of bounded size, nesting depth and
  alias count, whose aliases expand to a bounded number of values (an alias
  bomb of a few hundred bytes would otherwise take gigabytes).
* ``load_json``: JSON of bounded size; nesting beyond what Python's parser can
  recurse into is a named error, not a ``RecursionError``.

A bound hit raises :class:`BoundExceeded`, malformed text :class:`Malformed`;
callers re-raise either as their own named error for the file at fault
(``ConfigurationError`` for the catalog and ledger, ``DocumentError`` for a
document), so the rest of the build goes on.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import HelpersError

# libyaml when installed (PyYAML's wheels have it): five times faster, same marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Far beyond any real YAML the package reads (a 1 MB catalog describes about
# 4,000 documents and nests four levels deep).
MAX_YAML_CHARS = 4_000_000
MAX_YAML_DEPTH = 64
MAX_YAML_ALIASES = 100_000
# Aliases may share a value (one speakers list, say), but expanded, a file has
# at most this many values: the bound stops an alias bomb in milliseconds.
MAX_EXPANDED_VALUES = 1_000_000


class Unreadable(HelpersError):
    """Text a bounded reader cannot use; ``line`` (1-based) when known. Callers name the file."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(message if line is None else f"line {line}: {message}")


class Malformed(Unreadable):
    """Text that is not valid YAML or JSON."""


class BoundExceeded(Unreadable):
    """Input beyond one of the readers' bounds (size, nesting depth, aliases, expansion, not a regular file)."""


def read_regular(path: str | Path, max_bytes: int, *, follow_links: bool = True) -> bytes:
    """The bytes of ``path``, when it is a regular file of at most ``max_bytes``.

    Opened without blocking, so a FIFO cannot hang the build (which holds the
    output folder's lock), and read with a bound, so a device such as
    /dev/zero cannot fill memory. ``OSError`` (a missing file, say) is left to
    the caller, which knows what a missing file means. With ``follow_links``
    false a link is not opened at all (``OSError``, ELOOP): the build's own
    records and pages are never links it made.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_links else os.O_NOFOLLOW)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BoundExceeded("not a regular file (a folder, pipe or device?)")
        if info.st_size > max_bytes:
            raise BoundExceeded(f"the file has {info.st_size:,} bytes; at most {max_bytes:,} are allowed")
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while being read
        raise BoundExceeded(f"the file has more than {max_bytes:,} bytes; at most {max_bytes:,} are allowed")
    return data


def load_yaml(text: str, *, max_chars: int = MAX_YAML_CHARS) -> Any:
    """The value of a YAML document, within the bounds (see ``compose_yaml``)."""
    return compose_yaml(text, max_chars=max_chars)[1]


def compose_yaml(text: str, *, max_chars: int = MAX_YAML_CHARS) -> tuple[yaml.Node | None, Any]:
    """The node graph (with each node's line) and the value of a YAML document.

    Refused before anything is constructed: more than ``max_chars``
    characters, nesting deeper than ``MAX_YAML_DEPTH``, more than
    ``MAX_YAML_ALIASES`` aliases, aliases expanding to more than
    ``MAX_EXPANDED_VALUES`` values or deeper than ``MAX_YAML_DEPTH``, or an
    alias inside its own anchor.
    """
    if len(text) > max_chars:
        raise BoundExceeded(f"YAML of {len(text):,} characters; at most {max_chars:,} are read")
    try:
        _check_events(text)
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return None, None
            _check_expansion(root)
            return root, loader.construct_document(root)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        raise Malformed(f"malformed YAML: {e.problem or e}", _line(e.problem_mark or e.context_mark)) from None
    except yaml.YAMLError as e:
        raise Malformed(f"malformed YAML: {str(e)[:200]}") from None


def _check_events(text: str) -> None:
    """Nesting depth and alias count, from the event stream (no recursion, stops at the first bound hit)."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise BoundExceeded(f"YAML nested more than {MAX_YAML_DEPTH} levels deep", _line(event.start_mark))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise BoundExceeded(f"more than {MAX_YAML_ALIASES:,} aliases", _line(event.start_mark))


def _line(mark: Any) -> int | None:
    """The 1-based line of a YAML mark (None when the parser gave none)."""
    return mark.line + 1 if mark is not None else None


def _check_expansion(root: yaml.Node) -> None:
    """Refuse aliases expanding to over ``MAX_EXPANDED_VALUES`` values, deeper than ``MAX_YAML_DEPTH``, or into a cycle.

    Counted on the composed graph, where an alias is one shared node, before
    anything is constructed; each node is counted once, so the work is linear
    in the file.
    """
    seen: dict[int, tuple[int, int]] = {}  # node -> (values, levels) when expanded
    open_nodes: set[int] = set()

    def expand(node: yaml.Node, depth: int) -> tuple[int, int]:
        if id(node) in seen:
            return seen[id(node)]
        line = _line(node.start_mark)
        if id(node) in open_nodes:
            raise BoundExceeded("an alias contains itself (a recursive structure)", line)
        if depth > MAX_YAML_DEPTH:  # keeps the recursion itself bounded
            raise BoundExceeded(f"aliases nest values more than {MAX_YAML_DEPTH} levels deep", line)
        open_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        total, levels = 1, 0
        for child in children:
            values, below = expand(child, depth + 1)
            total += values
            levels = max(levels, below + 1)
            if total > MAX_EXPANDED_VALUES:
                message = f"aliases expand to more than {MAX_EXPANDED_VALUES:,} values (an alias bomb?)"
                raise BoundExceeded(message, line)
            if levels > MAX_YAML_DEPTH:  # a shared node counted once still nests as deep as it is
                raise BoundExceeded(f"aliases nest values more than {MAX_YAML_DEPTH} levels deep", line)
        open_nodes.discard(id(node))
        seen[id(node)] = total, levels
        return total, levels

    expand(root, 0)


def load_json(text: str | bytes, *, max_chars: int | None = None) -> Any:
    """The value of a JSON text; deeper nesting than the parser can recurse into is :class:`BoundExceeded`.

    Python's parser recurses once per level and stops at the interpreter's
    recursion limit (about 1,000 levels), far beyond any transcript (Deepgram's
    responses nest eight deep).
    """
    if max_chars is not None and len(text) > max_chars:
        raise BoundExceeded(f"JSON of {len(text):,} characters; at most {max_chars:,} are read")
    try:
        return json.loads(text)
    except RecursionError:
        raise BoundExceeded("JSON nested too deeply (over about 1,000 levels)") from None
    except ValueError as e:  # JSONDecodeError, or bytes that are not UTF-8
        raise Malformed(str(e)[:200]) from None
