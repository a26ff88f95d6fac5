"""The lexicon of organisations, products and people (data/entities.yaml) and where a text names them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...text.safeload import load_yaml


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str  # organisation | product | person
    owner: str  # organisation of a person, parent of a product ("" when none)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: Entity


def _data(name: str) -> dict:
    text = resources.files("helpers.claims").joinpath(f"data/{name}").read_text("utf-8")
    return load_yaml(text)


@lru_cache(maxsize=1)
def entities() -> dict[str, tuple[Entity, tuple[str, ...]]]:
    """Entity name -> (entity, aliases), from data/entities.yaml."""
    raw = _data("entities.yaml")
    out: dict[str, tuple[Entity, tuple[str, ...]]] = {}
    for name, aliases in (raw.get("organisations") or {}).items():
        out[str(name)] = (Entity(str(name), "organisation", ""), tuple(map(str, aliases)))
    for name, spec in (raw.get("products") or {}).items():
        out[str(name)] = (Entity(str(name), "product", str(spec.get("parent") or "")), tuple(map(str, spec["aliases"])))
    for name, spec in (raw.get("people") or {}).items():
        out[str(name)] = (
            Entity(str(name), "person", str(spec.get("organisation") or "")),
            tuple(map(str, spec["aliases"])),
        )
    return out


@lru_cache(maxsize=1)
def _alias_index() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]], dict[str, Entity]]:
    """Where an alias can start (one character class), the aliases by first character (longest first), and their
    entities.

    Scanning the candidate positions is linear in the text; one regex alternation
    of every alias tries them all at every position and costs ~10 µs a character.
    """
    by_alias: dict[str, Entity] = {}
    for entity_, aliases in entities().values():
        for a in aliases:
            by_alias.setdefault(a, entity_)
    by_first: dict[str, list[str]] = {}
    for a in sorted(by_alias, key=lambda s: (-len(s), s)):
        by_first.setdefault(a[0], []).append(a)
    starts = re.compile("[" + "".join(re.escape(c) for c in sorted(by_first)) + "]")
    return starts, {c: tuple(v) for c, v in by_first.items()}, by_alias


# After a Latin alias: a genitive or plural s ("Metas", "Meta's"), then no further letter (a version may follow:
# "Llama3").
_LATIN_END = re.compile(r"(?:'s|’s|s)?(?![A-Za-z])")


def _alias_at(text: str, i: int, candidates: tuple[str, ...]) -> str | None:
    for a in candidates:
        if not text.startswith(a, i):
            continue
        end = i + len(a)
        if a.isascii():
            if i > 0 and (text[i - 1].isascii() and text[i - 1].isalnum()):
                continue
            if not _LATIN_END.match(text, end):
                continue
        elif end < len(text) and ("ァ" <= text[end] <= "ヶ" or text[end] == "ー"):
            continue  # メタ is not メタバース
        return a
    return None


# "NVIDIA製の半導体", "Nvidia H100s", "AMD-Chips": the maker of the hardware, not whose figure it is.
_MAKER_AFTER = re.compile(
    r"(?:'s|’s)?(?:\s|-)?(?:製|GPUs?\b|H100|H200|A100|B200|GB200|MI300|chips?\b|Chips\b|Grafikkarten|accelerators?\b|半導体)"
)


def mentions(text: str, makers: bool = False) -> list[Mention]:
    """Entities named in ``text``, left to right, longest alias first.

    A company named as the maker of chips ("NVIDIA製", "Nvidia GPUs") is left
    out unless ``makers``: the chips' count belongs to whoever owns them.
    """
    return list(_mentions(text, makers))


@lru_cache(maxsize=4096)
def _mentions(text: str, makers: bool) -> tuple[Mention, ...]:
    # cached: every claim of a sentence asks about the same sentence
    starts, by_first, by_alias = _alias_index()
    out = []
    pos = 0
    for m in starts.finditer(text):
        i = m.start()
        if i < pos:
            continue
        alias = _alias_at(text, i, by_first[text[i]])
        if alias is None:
            continue
        end = i + len(alias)
        pos = end
        if not makers and _MAKER_AFTER.match(text, end):
            continue
        out.append(Mention(i, end, by_alias[alias]))
    return tuple(out)


def entity(name: str) -> Entity | None:
    hit = entities().get(name)
    return hit[0] if hit else None


def organisation_of(name: str) -> str:
    """The organisation behind an entity name (a person's employer, a product's parent, an organisation itself)."""
    e = entity(name)
    if e is None:
        return ""
    if e.kind == "organisation":
        return e.name
    return organisation_of(e.owner) if e.owner and e.owner != name else e.owner


def lineage(name: str) -> list[str]:
    """``name`` and every parent up to its organisation ("Meta AI" -> ["Meta AI", "Meta"])."""
    out = [name]
    e = entity(name)
    while e is not None and e.owner and e.owner not in out:
        out.append(e.owner)
        e = entity(e.owner)
    return out


def person_for_speaker(speaker: str) -> Entity | None:
    """The lexicon person a speaker label names ("Mark Zuckerberg", "ザック", "Zuckerberg")."""
    if not speaker:
        return None
    for m in mentions(speaker):
        if m.entity.kind == "person":
            return m.entity
    return None


# A version number right after a product's name ("Llama 3", "Llama-3.1", "Llama3", "Gemini 2.5"); not a model size,
# an amount or a percentage ("Llama 405B", "Llama 70 billion").
_VERSION_AFTER = re.compile(
    r"[ \-]?[vV]?(\d{1,2}(?:\.\d{1,2})?)(?![\d.,]|\s*(?:%|[BbTtMmKk]\b|billion|trillion|million|thousand|"
    r"Milliard|Billion|Million|兆|億|万))"
)


def version_named(text: str, before: int | None = None, first: bool = False) -> tuple[str, str]:
    """The product and version named last before ``before`` (else anywhere; the first one when ``first``) in
    ``text``: ("Llama", "3.1"), or ("", "") when no product is named with a version."""
    found = ("", "")
    for m in mentions(text, makers=True):
        if before is not None and m.start >= before:
            break
        if m.entity.kind != "product":
            continue
        v = _VERSION_AFTER.match(text, m.end)
        if v is not None:
            found = (m.entity.name, v.group(1))
            if first:
                break
    return found
