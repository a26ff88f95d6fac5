"""Topics: which reviewed topic (``data/topics.yaml``) a quantity speaks to, and what exactly it measures.

A topic applies when one of its cue words occurs in the quantity's clause (or
sentence) and the unit fits; with no cue the topic stays empty, never a guess.
A topic that names its ``subjects`` applies only to figures whose subject
(``helpers.claims.subjects``) is one of them or unknown (``topic_fits``).
How the comparison treats a topic's figures (over time, as a family, as
versions) and its name in a reader's words are read with it (``behaviours``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..text.regex_guard import guarded
from ..text.safeload import load_yaml
from .quantities import Quantity


@dataclass(frozen=True)
class _Topic:
    key: str
    units: frozenset[str]
    cues: tuple[str, ...]
    exclude: tuple[str, ...]
    measures: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]
    default_measure: str
    clause_only: bool = False
    min_value: float | None = None
    subjects: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    return load_yaml(resources.files("helpers.claims").joinpath("data/topics.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def report_order() -> tuple[str, ...]:
    """Topic keys in the order reports list them."""
    order = tuple(_lexicon()["report_order"])
    keys = [t.key for t in topics()]
    if sorted(order) != sorted(keys):
        raise ValueError(
            f"topics.yaml: report_order must list every topic once; differs by {sorted(set(order) ^ set(keys))}"
        )
    return order


@lru_cache(maxsize=1)
def topics() -> tuple[_Topic, ...]:
    """The topic lexicon (data/topics.yaml), in file order (earlier topics win ties)."""
    raw = _lexicon()
    out = []
    for key, spec in raw["topics"].items():
        cues: list[str] = []
        for lang_cues in (spec.get("cues") or {}).values():
            cues.extend(str(c) for c in lang_cues)
        exclude: list[str] = []
        for lang_cues in (spec.get("exclude") or {}).values():
            exclude.extend(str(c) for c in lang_cues)
        measures = []
        for mk, mv in (spec.get("measures") or {}).items():
            # a measure is a list of cues, or {cues: [...], units: [...]} when the unit decides
            if isinstance(mv, dict):
                measures.append(
                    (str(mk), tuple(str(c) for c in mv.get("cues") or []), frozenset(mv.get("units") or []))
                )
            else:
                measures.append((str(mk), tuple(str(c) for c in mv or []), frozenset()))
        min_value = spec.get("min_value")
        out.append(
            _Topic(
                key,
                frozenset(spec["units"]),
                tuple(cues),
                tuple(exclude),
                tuple(measures),
                str(spec.get("default_measure", "")),
                spec.get("scope", "sentence") == "clause",
                float(min_value) if min_value is not None else None,
                tuple(str(s) for s in spec.get("subjects") or ()),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class TopicBehaviour:
    """How the comparison and the reports treat a topic's figures (``data/topics.yaml``, beside its cues)."""

    key: str
    name: str  # the topic in a reader's words; the key when the lexicon gives none
    time_varying: bool = False  # grouped by period: two dates can both hold
    family: bool = False  # values name members of a family (8B, 70B, 405B): differing values are no conflict
    versions: bool = False  # values are release versions, checked against the ledger's release rows
    measure_words: tuple[tuple[str, str], ...] = ()  # measure key -> the measure in a reader's words


_FLAGS = ("time_varying", "family", "versions")


@lru_cache(maxsize=1)
def behaviours() -> dict[str, TopicBehaviour]:
    """Each topic's behaviour, by key, in file order; a flag that is not true or false is an error here."""
    out = {}
    for key, spec in _lexicon()["topics"].items():
        for flag in _FLAGS:
            if not isinstance(spec.get(flag, False), bool):
                raise ValueError(f"topics.yaml: {key}.{flag} must be true or false, not {spec[flag]!r}")
        words = spec.get("measure_words") or {}
        out[str(key)] = TopicBehaviour(
            str(key),
            str(spec.get("name") or key),
            time_varying=bool(spec.get("time_varying", False)),
            family=bool(spec.get("family", False)),
            versions=bool(spec.get("versions", False)),
            measure_words=tuple((str(k), str(v)) for k, v in words.items()),
        )
    return out


def topics_where(flag: str) -> frozenset[str]:
    """The keys of the topics whose ``flag`` (time_varying, family, versions) is true."""
    if flag not in _FLAGS:
        raise KeyError(f"no topic flag {flag!r}; flags are {', '.join(_FLAGS)}")
    return frozenset(k for k, b in behaviours().items() if getattr(b, flag))


@lru_cache(maxsize=1)
def topic_subjects() -> dict[str, tuple[str, ...]]:
    """Topic key -> the subjects it is about (empty: any subject)."""
    return {t.key: t.subjects for t in topics()}


def topic_fits(topic: str, lineage: tuple[str, ...] | list[str]) -> bool:
    """Whether a figure whose subject has this ``lineage`` (itself, then its parents) may carry ``topic``.

    An unknown subject (empty lineage) fits: the cue words are then the only evidence, as before subjects existed.
    """
    wanted = topic_subjects().get(topic, ())
    if not wanted or not lineage or not lineage[0]:
        return True
    return any(s in wanted for s in lineage)


@lru_cache(maxsize=2048)
def _cue_re(cue: str) -> re.Pattern[str]:
    # Short acronyms must also end the word (plural s allowed): "AR" is not "arbeiten", "GPU" is "GPUs"
    tail = r"s?(?![a-z])" if cue.isupper() and len(cue) <= 4 else ""
    return re.compile(r"(?<![A-Za-z])" + re.escape(cue.lower()) + tail)


# Cached per (cue, window): every quantity of a sentence asks about the same sentence (and
# mostly the same clause); a sentence of 200 numbers read itself once per cue per number.
@lru_cache(maxsize=1 << 16)
def _cue_hit(cue: str, window: str) -> bool:
    if cue.isascii():
        lowered = _lowered(window)
        # The pattern starts with the cue's lower-case letters: where they are not in the window, it cannot match.
        return cue.lower() in lowered and _cue_re(cue).search(lowered) is not None
    return cue in window


# Cached per (topic, window): the quantities of a sentence ask about the same sentence and mostly the same clause.
@lru_cache(maxsize=1 << 14)
def _topic_hits(rank: int, window: str) -> int:
    """How many of the topic's cues ``window`` holds; 0 where it holds one of the topic's exclusions."""
    cues, exclude = _cue_letters()[rank]
    lowered = _lowered(window)
    # A cue whose letters are not in the window is no hit: only the others are searched (most cues are absent).
    hits = sum(1 for c, low in cues if (low in lowered if low else c in window) and _cue_hit(c, window))
    return (
        0
        if not hits or any((low in lowered if low else c in window) and _cue_hit(c, window) for c, low in exclude)
        else hits
    )


@lru_cache(maxsize=1)
def _cue_letters() -> tuple[tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]], ...]:
    """Per topic, its cues and its exclusions, each with its lower-case letters ("" where the cue is not ASCII)."""

    def keyed(cues: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        return tuple((c, c.lower() if c.isascii() else "") for c in cues)

    return tuple((keyed(tuple(t.cues)), keyed(tuple(t.exclude))) for t in topics())


@lru_cache(maxsize=256)
def _lowered(window: str) -> str:
    return window.lower()


_CLAUSE_SPLIT = re.compile(r"[。！？!?;；]|、|,\s|\(|\)|（|）")


def _clause(text: str, start: int, end: int) -> str:
    # the sentence's splits found once for all its quantities (marks of one or two characters: a split ending by
    # ``start`` is one a scan up to ``start`` finds, one from ``end`` on is one a scan from there finds)
    splits = _splits(text)
    left = max((e for s, e in splits if e <= start), default=0)
    right = next((s for s, _ in splits if s >= end), len(text))
    return text[left:right]


@lru_cache(maxsize=256)
def _splits(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _CLAUSE_SPLIT.finditer(text))


def assign_topic(sentence: str, q: Quantity) -> tuple[str, str]:
    """(topic, measure) for a quantity from the cue words around it; ('', '') when nothing matches.

    The quantity's own clause is tried first, then the whole sentence, so two
    quantities in one sentence (35万個 to buy vs 22万個 in clusters) keep their own topics.
    """
    clause = _clause(sentence, q.start, q.end)
    for window in (clause, sentence):
        best: tuple[int, int, _Topic] | None = None
        for rank, t in enumerate(topics()):
            if q.unit not in t.units:
                continue
            if t.clause_only and window is not clause:
                continue
            if t.min_value is not None and (q.value_high is None or q.value_high < t.min_value):
                continue
            hits = _topic_hits(rank, window)
            if not hits:
                continue
            if best is None or hits > best[0]:
                best = (hits, rank, t)
        if best is not None:
            t = best[2]
            return t.key, _measure(t, q, window, sentence)
    return "", ""


def _measure(t: _Topic, q: Quantity, window: str, sentence: str) -> str:
    """The first measure whose cues occur near the quantity (its clause), else in the sentence."""
    for text in (window, sentence):
        for mk, mcues, munits in t.measures:
            if munits and q.unit not in munits:
                continue
            if (munits and not mcues) or any(_cue_hit(c, text) for c in mcues):
                return mk
    return t.default_measure


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_CLAUSE_SPLIT = guarded(_CLAUSE_SPLIT)
