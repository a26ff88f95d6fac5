"""A first-character guard for a regular expression: the same matches, found faster.

Python's ``re`` skips ahead to a pattern's possible starts only when the pattern opens with a plain literal or
character class. A case-insensitive word list (``(?i)\\b(?:episode|chapter|...)``) or a pattern that opens with a
look-behind tries every alternative at every position of the text. ``guarded`` prefixes such a pattern with a
look-ahead for the characters any of its matches can start with (computed from its parse tree; matched with the
same case rules as the pattern's own letters), so a position that cannot start a match fails at once. Matches,
spans, groups and group names are unchanged: the look-ahead is zero-width and holds no group. A pattern whose first
character cannot be bounded (one that can match the empty string, or starts with ``.``, ``\\w`` or a negated class)
is returned as it is.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse
from typing import Any

# A class range wider than this makes the guard too broad to help (it would admit most letters)
_MAX_RANGE = 512
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
# The original of each guarded pattern (for the tests, which compare the two)
ORIGINALS: dict[re.Pattern[str], re.Pattern[str]] = {}


def _class_items(items: list[tuple[Any, Any]]) -> list[str] | None:
    """A parsed character class as the items of a class of the guard (``\\d`` kept as a category); None for a
    negated class, a wide range, ``\\w``, ``\\s`` and their negations (too broad to bound)."""
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(f"\\U{av:08x}")
        elif op is sre.RANGE and av[1] - av[0] <= _MAX_RANGE:
            out.append(f"\\U{av[0]:08x}-\\U{av[1]:08x}")
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            out.append("\\d")
        else:
            return None
    return out


def _first(items: Any, icase: bool, out: dict[bool, list[str]]) -> bool | None:
    """Add the class items of the first characters that the sequence ``items`` can consume to ``out[icase]``;
    whether the sequence can match without consuming a character (then what follows counts too), or None when
    its first character cannot be bounded."""
    for op, av in items:
        if op in (sre.LITERAL, sre.IN):
            found = [f"\\U{av:08x}"] if op is sre.LITERAL else _class_items(av)
            if found is None:
                return None
            out[icase].extend(found)
            return False
        if op is sre.BRANCH:
            nullable = [_first(alt.data, icase, out) for alt in av[1]]
            if None in nullable:
                return None
            if not any(nullable):
                return False
        elif op in (sre.SUBPATTERN, sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT, sre.ATOMIC_GROUP):
            inner, sub, optional = icase, av, False
            if op is sre.SUBPATTERN:
                _group, add, remove, sub = av
                inner = (icase or bool(add & sre.SRE_FLAG_IGNORECASE)) and not remove & sre.SRE_FLAG_IGNORECASE
            elif op is not sre.ATOMIC_GROUP:
                optional, sub = av[0] == 0, av[2]
            nullable_sub = _first(sub.data, inner, out)
            if nullable_sub is None:
                return None
            if not nullable_sub and not optional:
                return False
        elif op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return None  # ., a negated literal, a back reference, a conditional group
    return True


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a look-ahead for the characters its matches start with; ``pattern`` itself when those
    cannot be bounded by a small class."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    out: dict[bool, list[str]] = {False: [], True: []}
    if _first(tree.data, bool(tree.state.flags & sre.SRE_FLAG_IGNORECASE), out) is not False:
        return pattern  # unbounded, or may match the empty string: every position can start a match
    alternatives = [f"(?{'i' if icase else '-i'}:[{''.join(items)}])" for icase, items in out.items() if items]
    body = pattern.pattern
    while (flags := _GLOBAL_FLAGS.match(body)) is not None:
        body = body[flags.end() :]  # the global flags move to the compile call, with those given to it
    end = "\n)" if tree.state.flags & sre.SRE_FLAG_VERBOSE else ")"  # a verbose pattern may end in a comment
    fast = re.compile(f"(?={'|'.join(alternatives)})(?:{body}{end}", tree.state.flags)
    ORIGINALS[fast] = pattern
    return fast
