"""The plain-text reader: what ``formats`` does not recognise is read line by line (see ``helpers.text.parse``)."""

from __future__ import annotations

from .reader import parse_plain

__all__ = ["parse_plain"]
