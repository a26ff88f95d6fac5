"""Test helper: a dialogue's sentences as speaker ``Unit``s, one paragraph per block number."""

from __future__ import annotations

from helpers.text.speakers.voice import Unit


def dialogue_units(sentences: list[tuple[int, str]]) -> list[Unit]:
    """(block, text) pairs -> units in order, each block its own paragraph and line."""
    units, pos = [], 0
    for block, text in sentences:
        units.append(Unit(pos, pos + len(text), block + 1, block, "turn", text, None, None))
        pos += len(text) + 1
    return units
