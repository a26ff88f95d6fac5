"""Every regular expression of the package runs in linear time on adversarial text.

The patterns are collected from every module of ``helpers`` (module attributes,
class attributes, and lists, tuples and dicts of them), and from ``re``'s cache
after parsing and extracting claims from documents of every format, which holds
the patterns built inside functions. Each pattern scans (``finditer``: a match
tried at every position, the most any caller asks) strings made of a prefix and
a long run of a unit (spaces, dots, digits, ``1.1.``, ``, , ,`` …) at 2,000 and
20,000 characters. A run that needs more than a few seconds, or whose time grows
more than ``MAX_RATIO`` times when the text grows ten times (linear: about 10,
quadratic: about 100), fails. Timing is best-of-N with an absolute floor under
which no growth counts, so a loaded machine cannot make it flake.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import signal
import sys
import time
from pathlib import Path

import pytest

import helpers

FIXTURES = Path(__file__).parent / "fixtures"

SMALL, LARGE = 2_000, 20_000
# Linear growth is 10x; quadratic 100x. Well above the one, well below the other.
MAX_RATIO = 50
# Under this at LARGE a pattern is fast whatever its growth: a quadratic one needs a few hundred
# milliseconds there, and cache effects make a fast linear scan grow by up to 40x from 2,000 to 20,000.
FLOOR_SECONDS = 0.05
# A hang (exponential or cubic backtracking) is cut off and fails.
BUDGET_SECONDS = 3.0

UNITS = [
    " ", "\t", "\n", ".", ",", "1", "a", "A", "-", ":", "#", "あ", "1.", "1,", ", ", "a ", "A ", "A.", "a.", "1 ",
    "1.1.", "0:",
]  # fmt: skip
# Anchored patterns ("^# …", "^Name:") only reach a run after their opening.
PREFIXES = ["# Title", "Introduction", "[00:00] ", "Mark Zuckerberg:", "00:00:01,000 --> "]
PREFIXED_UNITS = [" ", ".", "1"]
# Every unit on its own, then each prefix with the units that follow it in real text.
SHAPES = [("", unit, "!") for unit in UNITS] + [(p, unit, "x") for p in PREFIXES for unit in PREFIXED_UNITS]

# Patterns that are superlinear but only ever see one sentence (``segment.MAX_SENTENCE_CHARS``)
# or a part of one, so their cost per sentence is bounded; checked at that size instead.
# Reported-speech cues try a run of capitalised words at every word of the sentence.
BOUNDED = {
    "((?:[A-ZÄÖÜ][\\wäöüß'’-]+\\s)*[A-ZÄÖÜ]": "text.speakers._source_name: the source part of a cue's match",
    "(?:(?P<src>[^、。「」\\s]{1,24})(?:は|が|も))?「": "text.speakers._QUOTE_REPORTED: one sentence",
    "(?P<src>(?:[A-Z][\\w'’.-]+\\s){0,3}": "text.speakers.CUES en_verb: one sentence",
    "(?P<src>(?:[A-ZÄÖÜ][\\wäöüß'’-]++\\s?){1,3})\\s(?:": "text.speakers.CUES de_verb: one sentence",
    "(?P<src>(?:[A-ZÄÖÜ][\\wäöüß.'’-]+\\s){1,4})zufolge": "text.speakers.CUES de_zufolge: one sentence",
    "(?P<src>(?:[A-Za-z][\\w.'’-]*\\s)*[^、。": "text.speakers.CUES ja_niyoru: one sentence",
    "(?P<src>[A-Za-z][A-Za-z .'’-]*[A-Za-z]|[ァ-ヺー・]{2,})(?:氏": "text.speakers.CUES ja_honorific: one sentence",
    "(?P<src>[^、。「」（）()\\s]{1,20}?)(?:氏": "text.speakers.CUES ja_verb: one sentence",
    "(?:^|[\\n.!?]\\s*|\\)\\s*|": "claims.quantities.filters._SENTENCE_OPENING: searched in the 12 characters before a number",
    "(?i)(?:^|[\\n.!?,;:]\\s*|\\b(?:and|but": "claims.quantities.one_word._CLAUSE_OPENING: searched in the 10 characters before 'one'",
}
# Patterns the package only tries at one position per number (``.match(text, end)`` after a
# quantity): their time is the run they read from there, so they are timed with ``match`` at the run.
ANCHORED = {
    "\\s*(?:[.,;:!?)]|$|\\s(?:and|but": "claims.quantities._CLAUSE_END_AFTER: .match after an age",
    "\\s*(?:[.,;:!?)。、！？]|$)": "claims.quantities._CLAUSE_ENDS: .match after a quantity",
    "\\s*(?:[,.;:!?)]|$|(?:of|and|were": "claims.quantities.filters._PRONOUN_AFTER: .match after 'the two'",
    "(?i)\\s?(?:\\w+\\s){0,3}?(?:gestiegen": "claims.quantities.merge._GERMAN_MOVEMENT_AFTER: .match after a value",
    "(?:\\s(?:in|during|for|over|this|last|next)\\s": "claims.quantities.attach._END_AFTER_TIME: .match after a count",
}


def _unit_patterns() -> set[str]:
    """The lexicon's unit patterns: ``attach`` tries each with ``.match(text, end)`` after a number, never a scan."""
    from helpers.claims.lexicon import UNITS_BY_LANG
    from helpers.text.pattern_tables import _joined

    rows = {pattern.pattern for units in UNITS_BY_LANG.values() for pattern, _unit, _mult in units}
    # and each table's patterns joined in one alternation, which ``pattern_tables.first_match`` tries the same way
    joined = {found.pattern for units in UNITS_BY_LANG.values() if (found := _joined(units)[0]) is not None}
    return rows | joined


UNIT_PATTERNS = _unit_patterns()
BOUND_CHARS = 1_000
BOUND_SECONDS = 0.25

def _collect(obj: object, found: dict[tuple[str, int], re.Pattern], depth: int = 0) -> None:
    if isinstance(obj, re.Pattern):
        if isinstance(obj.pattern, str):
            found.setdefault((obj.pattern, obj.flags), obj)
    elif depth < 3 and isinstance(obj, (list, tuple, set, frozenset)):
        for x in obj:
            _collect(x, found, depth + 1)
    elif depth < 3 and isinstance(obj, dict):
        for x in obj.values():
            _collect(x, found, depth + 1)


def _exercise() -> None:
    """Parse and extract claims from a document of every format, so patterns built in functions are compiled."""
    from helpers.claims.extract import extract_claims
    from helpers.text.decode import read_document
    from helpers.text.parse import parse_document

    paths = sorted((FIXTURES / "formats").glob("*"))[:40] if (FIXTURES / "formats").is_dir() else []
    for p in paths:
        if not p.is_file():
            continue
        try:
            doc = parse_document(read_document(p).text, p.stem)
            extract_claims(doc)
        except Exception:  # a fixture of a malformed file: its patterns still ran
            continue


def _package_calls() -> dict[tuple[str, int], re.Pattern]:
    """The patterns the package's functions compile or use as strings while documents are read."""
    seen: dict[tuple[str, int], re.Pattern] = {}
    original = re._compile  # type: ignore[attr-defined]

    def recording(pattern, flags):
        compiled = original(pattern, flags)
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__", "").split(".")[0] == "re":
            frame = frame.f_back
        if frame is not None and frame.f_globals.get("__name__", "").startswith("helpers.") and isinstance(
            compiled.pattern, str
        ):
            seen.setdefault((compiled.pattern, compiled.flags), compiled)
        return compiled

    re._compile = recording  # type: ignore[attr-defined]
    try:
        _exercise()
    finally:
        re._compile = original  # type: ignore[attr-defined]
    return seen


def package_patterns() -> list[re.Pattern]:
    found: dict[tuple[str, int], re.Pattern] = {}
    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(helpers.__path__, "helpers.")]
    for module in modules:
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                for attr in vars(value).values():
                    _collect(attr, found)
            elif not inspect.ismodule(value):
                _collect(value, found)
    for key, pattern in _package_calls().items():
        found.setdefault(key, pattern)
    return sorted(found.values(), key=lambda p: (p.pattern, p.flags))

class _Hang(Exception):
    pass


def _alarm(signum, frame):  # the regex engine checks signals while it runs
    raise _Hang


def _scan_seconds(pattern: re.Pattern, text: str, reps: int = 3, at: int | None = None) -> float:
    """Best-of-``reps`` time of a full ``finditer`` over ``text`` (or one ``match`` at ``at``);
    raises _Hang past the budget."""
    best = float("inf")
    for _ in range(reps):
        signal.setitimer(signal.ITIMER_REAL, BUDGET_SECONDS)
        try:
            t = time.perf_counter()
            if at is None:
                for _ in pattern.finditer(text):
                    pass
            else:
                pattern.match(text, at)
            best = min(best, time.perf_counter() - t)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if best > 10 * FLOOR_SECONDS:
            break  # slow enough to judge; more repetitions only cost time
    return best

def _text(prefix: str, unit: str, suffix: str, size: int) -> str:
    return prefix + unit * (size // len(unit)) + suffix


def superlinear(pattern: re.Pattern, shapes: list[tuple[str, str, str]] = SHAPES) -> list[str]:
    """The adversarial shapes (prefix, unit, suffix) on which ``pattern`` hangs or grows faster than linear."""
    anchored = pattern.pattern in UNIT_PATTERNS or any(pattern.pattern.startswith(key) for key in ANCHORED)
    bad: list[str] = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for prefix, unit, suffix in shapes:
            shape = f"{prefix!r} + {unit!r}*n + {suffix!r}"
            at = len(prefix) if anchored else None

            def seconds(size: int, reps: int) -> float:
                return _scan_seconds(pattern, _text(prefix, unit, suffix, size), reps, at)

            try:
                large = seconds(LARGE, 1)
                if large < FLOOR_SECONDS:
                    continue
                # Slow at this size: measure properly before judging.
                large = min(large, seconds(LARGE, 2))
                small = seconds(SMALL, 5)
                if large >= FLOOR_SECONDS and large / max(small, 1e-6) > MAX_RATIO:
                    # Confirmed ten times larger again: cache effects make a fast scan jump once
                    # (2,000 characters fit in the cache, 20,000 do not), a quadratic one does each time.
                    larger = seconds(10 * LARGE, 1)
                    if larger / large > MAX_RATIO / 2:
                        bad.append(f"{shape}: {small * 1000:.1f} / {large * 1000:.0f} / {larger * 1000:.0f} ms "
                                   f"at {SMALL:,} / {LARGE:,} / {10 * LARGE:,}")
            except _Hang:
                bad.append(f"{shape}: over {BUDGET_SECONDS} s")
    finally:
        signal.signal(signal.SIGALRM, previous)
    return bad

PATTERNS = package_patterns()


def test_the_package_patterns_are_found():
    sources = {p.pattern for p in PATTERNS}
    assert len(PATTERNS) > 300
    assert any("(?<![.!?…])" in s for s in sources)  # module level (the Latin sentence end)
    assert r"^(?:the|a|an)\s+" in sources  # inside a function (text.speakers: a reported source)


def _bounded(pattern: re.Pattern) -> bool:
    return any(pattern.pattern.startswith(key) for key in BOUNDED)


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if not _bounded(p)], ids=lambda p: p.pattern[:60])
def test_pattern_runs_in_linear_time(pattern):
    bad = superlinear(pattern)
    assert not bad, f"{pattern.pattern!r} grows faster than linear on: " + "; ".join(bad[:5])


def test_every_exempted_pattern_exists():
    for key in list(BOUNDED) + list(ANCHORED):
        assert any(p.pattern.startswith(key) for p in PATTERNS), key


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if _bounded(p)], ids=lambda p: p.pattern[:60])
def test_bounded_pattern_is_fast_on_one_sentence(pattern):
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for prefix, unit, suffix in SHAPES:
            seconds = _scan_seconds(pattern, _text(prefix, unit, suffix, BOUND_CHARS))
            assert seconds < BOUND_SECONDS, f"{prefix!r} + {unit!r}*n + {suffix!r}: {seconds:.2f} s"
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_the_check_catches_backtracking():
    # The Latin sentence end before its fix: overlapping alternatives under "+", then a lookahead.
    old = re.compile(r"(\.\.\.|…|[.!?])+[\"”]*(?=\s+(\S))")
    assert superlinear(old, [("Introduction", ".", "1")])
    # A run of spaces matched by three adjacent stars: cubic.
    assert superlinear(re.compile(r"^[ \t]*(?:[#\s]+)[ \t]*$"), [("", " ", "x")])
    # Quadratic: every start position reads the rest of the run.
    assert superlinear(re.compile(r"[ ]+x"), [("", " ", "!")])
    assert not superlinear(re.compile(r"[ ]+"), [("", " ", "!")])
