"""What makes figures comparable: the group key of a claim (a topic, or subject, measure and period)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ...claims.lexicon import NUMERIC_UNITS
from ...claims.subjects import dimension, entity, period_key
from .rules import TIME_VARYING, TOPIC_KEYS


@dataclass(frozen=True)
class GroupKey:
    """What makes figures comparable: a reviewed topic, or (subject, measure, period) for the rest."""

    topic: str
    subject: str
    measure: str  # generic groups: "<dimension>:<counted>"; topic groups: ""
    period: str  # period key (helpers.claims.subjects.period_key); "" when the topic does not change over time

    def sort_key(self) -> tuple:
        return (*_topic_order(self.topic), self.subject, self.measure, self.period)


def group_key(row: Mapping, topic_subjects: Mapping[str, tuple[str, ...]]) -> GroupKey | None:
    """The group a prepared claim belongs to, or None when it cannot be compared with anything.

    A topic's claims are grouped by their subject (topic assignment already
    refused subjects the topic is not about; a claim whose subject is unknown
    joins the topic's own); those of a topic that changes over time are split by period.
    A claim without topic is grouped only when its subject, what it counts and
    its period are all known (a flow without a stated period is not).
    """
    topic = row["topic"]
    if topic:
        # a product's figures (Meta AI's users) are not its company's (Meta's daily users); a claim whose
        # subject nothing states joins the topic's own subject, as topic assignment let it through
        required = topic_subjects.get(topic, ())
        subject = (
            row["subject"]
            if row["subject"] and row["subject_basis"] != "other_party"
            else (required[0] if required else "")
        )
        period = ""
        if topic in TIME_VARYING:
            period = period_key(row["period"], row["event_date"]) or period_key(
                f"@{row['event_date']}" if row["event_date"] else ""
            )
        return GroupKey(topic, subject, "", period)
    if not _quantity(row["unit"]):
        return None
    if not (row["subject"] and row["counted"] and row["period"]) or row["subject_basis"] == "other_party":
        return None
    return GroupKey(
        "",
        row["subject"],
        f"{_countable(dimension(row['unit']))}:{row['counted']}",
        period_key(row["period"], row["event_date"]),
    )


def short_names(subjects: Iterable[str]) -> dict[str, str]:
    """Each subject the lexicon does not know whose first word is another subject of the corpus, mapped to that
    shorter name: one document's "Micron Technology" (its call's title) is another's "Micron". Not when the short
    name starts two such names ("American Airlines", "American Express"), nor for lexicon entries ("Meta AI" is a
    product, not Meta)."""
    names = set(subjects)
    longer: dict[str, list[str]] = {}
    for name in names:
        first = name.split(" ")[0]
        if first != name and len(first) >= 3 and first in names and entity(name) is None:
            longer.setdefault(first, []).append(name)
    return {name: first for first, names_ in longer.items() if len(names_) == 1 for name in names_}


def _quantity(unit: str) -> bool:
    """Whether figures in this unit are compared as quantities (also currencies and physical units added later)."""
    return unit in NUMERIC_UNITS or dimension(unit) == "currency" or dimension(unit) != unit


def _countable(unit: str) -> str:
    """People and things counted are both counts once ``counted`` says what is counted
    (users: "700 million actives" / "7億人")."""
    return "count" if unit in ("person", "count") else unit


def _topic_order(topic: str) -> tuple[int, str]:
    return (TOPIC_KEYS.index(topic) if topic in TOPIC_KEYS else len(TOPIC_KEYS), topic)
