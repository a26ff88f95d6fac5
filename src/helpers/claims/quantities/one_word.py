"""English "one" that counts nothing: a pronoun standing for a noun ("the big one", "renting one out", "another
one"), "one day" as "some day", and "one" opening a clause as "a certain" ("One customer came to us").

Split from ``filters`` (one concept: the readings of the word "one"); ``one_not_counted`` is its one question.
"""

from __future__ import annotations

import re

from .. import units

# "One day we'll get there", "and one day, she left": "one day" as "some day" (an idiom), where it opens a clause
# and a subject or a comma follows; "it took one day", "in one day" stay a day
_ONE_DAY_IDIOM = re.compile(
    r"(?i)\sday(?=\s*,|\s+(?:we|you|they|he|she|it|i|this|that|there|soon|when|someone|somebody|every|everyone|"
    r"everybody|everything|all|the|our|your|my|their|his|her|people)\b)"
)
# "one day" measured: after a word that takes a length of time ("took one day", "in one day", "only one day"), or
# before "of", a rate or a relation ("one day of training", "one day a week", "one day later"); elsewhere "one
# day" is "some day" ("toward one day building a car", "qualify for Boston one day")
_DAY_MEASURED_BEFORE = re.compile(
    r"(?i)\b(?:in|for|within|took|takes|take|taking|spend|spent|spends|last|lasts|lasted|than|only|just|about|over|"
    r"under|after|every|each|per|just|least|nearly|almost|roughly|around|with|by|a|of|to|from|than)\s$"
)
_DAY_MEASURED_AFTER = re.compile(
    r"(?i)\s?(?:[-–]|\s(?:of|a|an|per|each|every|later|earlier|ago|before|after|off|old|long|left|to|or|and|trip|"
    r"pass|passes|event|course|delay|lead|high|low|move|rally|fall|drop|gain|loss|record)\b)"
)
_CLAUSE_OPENING = re.compile(
    r"(?i)(?:^|[\n.!?,;:]\s*|\b(?:and|but|so|maybe|perhaps|until|till|hope|that|then|anyway|well|yeah|because|if)\s)$"
)


# "renting one out", "give one away": "one" as a pronoun before a verb's particle
_PARTICLE_AFTER = re.compile(r"\s(?:out|up|off|back|down|away|too|either|instead|yourself|myself|ourselves)\b")


def one_not_counted(text: str, s: int, e: int) -> bool:
    """Whether the English "one" at ``text[s:e]`` is a pronoun or an idiom rather than a count of one."""
    if text[s:e] == "one" and _PARTICLE_AFTER.match(text, e):
        return True  # "renting one out", "pick one up": a pronoun
    if re.search(r"\b(?:another|every|each|any)\s$", text[max(0, s - 12) : s].lower()):
        return True  # "another one crashed", "each one of them": a pronoun
    if _pronoun_one(text, s, e):
        return True
    if text.startswith(" day", e) and _one_day_idiom(text, s, e):
        return True
    return _one_as_subject(text, s, e)


def _one_day_idiom(text: str, s: int, e: int) -> bool:
    """ "one day" as "some day": not measured by the words around it (``_DAY_MEASURED_BEFORE``/``_AFTER``)."""
    if _ONE_DAY_IDIOM.match(text, e) and _CLAUSE_OPENING.search(text, max(0, s - 10), s):
        return True
    if text[e + 4 : e + 5] == "s" or _DAY_MEASURED_BEFORE.search(text, max(0, s - 12), s):
        return False
    return not _DAY_MEASURED_AFTER.match(text, e + 4)


# "One customer came to us", "and one rack has as many parts as", "like one writer put it": "one" and a noun opening a
# clause name a single instance as its subject ("a certain"), not an amount; after a verb or a preposition ("had one
# goal", "fits on one gpu") the one stays a count, and so does one with a unit ("one gigawatt")
_ONE_OPENING = re.compile(r"(?i)(?:^|[\n.!?;:]\s?|\b(?:and|but|so|then|like|yeah|because|well)\s)$")
_ONE_NOUN_AFTER = re.compile(
    r"\s(?!(?:of|in|on|or|and|to|per|more|less|percent|hundred|thousand|million|billion|trillion|dozen|half|third|"
    r"quarter|point|times|more|last|thing|day|week|month|year|time|second|minute|hour)\b)[a-z]{3,20}\s(?!(?:of|or|and|to|per|a)\b)[a-z]"
)


# "one page is about 500 words", "one token equals 0.7 words": one of a unit being defined, a count that stays
_ONE_DEFINED = re.compile(
    r"\s[a-z]{3,20}\s(?:is|equals|means|=)\s(?:about\s|roughly\s|around\s|like\s)?(?:\d|a\b|an\b)"
)


def _one_as_subject(text: str, s: int, e: int) -> bool:
    if not _ONE_OPENING.search(text, max(0, s - 10), s) or not _ONE_NOUN_AFTER.match(text, e):
        return False
    if _ONE_DEFINED.match(text, e):
        return False
    return units.unit_after(text, e, "en", words_only=True) is None


# "the big one runs", "a cheaper one": "one" standing for a noun said before; "at any one time": no amount either
_ADJECTIVE_ONE_BEFORE = re.compile(r"(?i)\b(?:the|a|an|this|that|which|its|their|our|my|your)\s[a-z]{2,15}\s\Z")
_ANY_ONE_BEFORE = re.compile(r"(?i)\bany\s\Z")


def _pronoun_one(text: str, s: int, e: int) -> bool:
    if _ANY_ONE_BEFORE.search(text, max(0, s - 4), s):
        return True
    before = _ADJECTIVE_ONE_BEFORE.search(text, max(0, s - 28), s)
    if before is None or before.group(0).split()[1].lower() in _NOT_ADJECTIVES:
        return False
    return units.unit_after(text, e, "en", words_only=True) is None and not _NOUN_AFTER_ONE.match(text, e)


# words between a determiner and "one" that make it a count ("the only one", "a mere one"), or start a number
_NOT_ADJECTIVES = frozenset(
    {
        "hundred",
        "thousand",
        "million",
        "billion",
        "and",
        "top",
        "number",
        "no",
        "just",
        "mere",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "had",
        "have",
        "takes",
        "took",
        "costs",
        "needs",
        "for",
        "with",
        "of",
        "at",
        "in",
        "on",
        "to",
        "by",
        "than",
        "about",
        "only",
        "over",
        "under",
        "another",
    }
)
# a plural or a noun right after: "the top one percent", "a big one-time charge"
_NOUN_AFTER_ONE = re.compile(r"-|\s(?:of|in|out)\b")
