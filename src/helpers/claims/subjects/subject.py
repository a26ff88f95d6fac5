"""Whose figure it is: the organisation, product or person the clause, the speaker's "we", a generic party,
the sentence or the document names (see the package docstring for the order)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .clauses import Resolved, _all, _has, _lang_key, clause_span
from .comparison import drop_bases
from .entities import Entity, Mention, mentions, organisation_of, person_for_speaker
from .measures import DURATIONS
from .names import name_mentions

_WE = {
    "en": re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|[Ww]e're|[Ww]e've)\b"),
    "de": re.compile(r"\b(?:[Ww]ir|[Uu]nser\w*|uns)\b"),
    "ja": re.compile(r"私たち|わたしたち|我々|われわれ|当社|弊社|自社|私ども|僕ら"),
}
_YOU = {
    "en": re.compile(r"\b[Yy]ou(?:'ve|'re)?\b|\b[Yy]our\b"),
    "de": re.compile(r"\b(?:Sie|[Dd]u|Ihr\w*|[Dd]ein\w*)\b"),
    "ja": re.compile(r"あなた|君|御社|貴社"),
}
_I = {
    "en": re.compile(r"\b(?:I|I've|I'm|I'd|[Mm]y)\b"),
    "de": re.compile(r"\b(?:[Ii]ch|[Mm]ein\w*)\b"),
    "ja": re.compile(r"私(?!たち|ども)|僕(?!ら)|俺"),
}
_BACK_REFERENCE = {
    "en": re.compile(r"\b(?:[Ii]t|[Ii]ts|[Tt]hey|[Tt]heir|[Tt]he company|[Tt]he firm|[Tt]he group)\b"),
    # "er" and a possessive "sein" before its noun ("Sein Umsatz"), not the verb ("wird ... sein")
    "de": re.compile(
        r"\b(?:[Dd]as Unternehmen|[Dd]er Konzern|[Dd]ie Firma|[Dd]es Konzerns|[Dd]es Unternehmens|er)\b|"
        r"\b[Ss]ein(?:e|em|en|er|es)? [A-ZÄÖÜ]"
    ),
    "ja": re.compile(r"同社|同グループ"),
}
# Years in a job, not a company's age: "has been at Oracle for 26 years", "seit 26 Jahren bei Oracle", "CEOを16年務め".
_TENURE = {
    "en": re.compile(
        r"\b(?:worked|working|served|serving|joined|tenure|career)\b|\bbeen (?:at|with|in|on)\b|"
        r"\bin the (?:field|industry|business)\b|"
        r"\b(?:as|been) (?:the |its |our |their |his |her )?(?:CEO|CFO|CTO|chief|president|chair\w*)\b|"
        r"\brunning (?:it|the company)\b|\bcovered (?:it|them|the company)\b"
    ),
    "de": re.compile(r"\bseit\b[^.;]{0,40}\bbei\b|\b(?:arbeitet|tätig|Karriere|Laufbahn|Amtszeit)\b|\bim Amt\b|"
                     r"\b(?:Chef|Chefin|Finanzchefin|Finanzchef|Vorstandschef\w*)\b"),
    "ja": re.compile(r"勤続|在籍|勤め|務め|入社|キャリア|取材"),
}  # fmt: skip
# Someone else's figure: a generic party named before the figure.
_OTHER_PARTY = {
    "en": re.compile(r"\b(?:[Cc]ustomers|[Cc]lients|[Aa]nalysts|[Cc]ompetitors|[Rr]ivals|[Ii]nvestors|[Oo]thers)\b"),
    "de": re.compile(r"\b(?:Kunden|Analysten|Konkurrenten|Wettbewerber|Investoren|Anleger)\b"),
    "ja": re.compile(r"顧客|アナリスト|競合|投資家|他社"),
}


# a number right before a word: the word is what it counts ("1,876 clients", "3 Millionen Kunden", "500社の顧客")
_COUNTED_BEFORE = re.compile(
    r"\d\s?(?:[Mm]illion(?:en|s)?|[Bb]illion(?:en|s)?|[Tt]housand|Mio\.?|Mrd\.?|万|億)?\s?(?:社の|人の)?$"
)


def _own(entity_: Entity, personal: bool) -> str:
    """The subject an entity stands for: a person's figure is their organisation's unless it is personal."""
    if entity_.kind == "person" and not personal:
        return entity_.owner or entity_.name
    return entity_.name


def _pick(ms: list[Mention], at: int) -> Mention:
    """The mention nearest before the figure, else the nearest after it."""
    before = [m for m in ms if m.end <= at]
    if before:
        return before[-1]
    return min(ms, key=lambda m: m.start - at)


def main_subject(
    title_text: str,
    body: str,
    speakers: Iterable[str] = (),
    names: tuple[tuple[str, str], ...] = (),
    heading_owner: str = "",
) -> str:
    """The organisation a document is mainly about, or "" when none dominates.

    Names in the title and catalog entry count three times; one organisation must be named at least twice and
    twice as often as any other, a product counting for its organisation but not towards the two (a podcast that
    names Meta once and Llama three times, Nvidia and Microsoft twice each, is about no one company). ``names`` are
    the document's own organisations the lexicon does not know (``names.document_names``);
    ``heading_owner``, the company a results heading is about, counts three times more.
    """
    score: dict[str, float] = {}
    named: dict[str, float] = {}  # the same without its products' mentions
    if heading_owner:
        score[heading_owner] = named[heading_owner] = 3.0
    for text, weight in ((title_text, 3.0), (body, 1.0)):
        for m in [*mentions(text), *name_mentions(text, names)]:
            org = organisation_of(m.entity.name) or m.entity.name
            score[org] = score.get(org, 0.0) + weight
            if m.entity.kind != "product":
                named[org] = named.get(org, 0.0) + weight
    for s in speakers:
        p = person_for_speaker(s)
        if p is not None and p.owner:
            score[p.owner] = score.get(p.owner, 0.0) + 1.0
            named[p.owner] = named.get(p.owner, 0.0) + 1.0
    if not score:
        return ""
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return top if named.get(top, 0.0) >= 2 and n >= 2 * second else ""


def subject_in_sentence(
    text: str,
    start: int,
    end: int,
    lang: str,
    unit: str,
    speaker_org: str,
    speaker: str,
    names: tuple[tuple[str, str], ...] = (),
) -> tuple[Resolved | None, bool]:
    """The subject the sentence itself gives, and whether the clause refers back to an earlier one; ``names``
    are the document's own organisations the lexicon does not know (``names.document_names``)."""
    lk = _lang_key(lang)
    personal = unit == "age" or unit in DURATIONS
    left, right = clause_span(text, start, end)
    clause = text[left:right]
    ms = mentions(text)
    if names:
        ms = sorted([*ms, *name_mentions(text, names)], key=lambda m: m.start)
    ms = drop_bases(text, ms, start, end, lk)  # "half of GPT-4o's price": the figure is not GPT-4o's
    inside = [m for m in ms if left <= m.start and m.end <= right]
    if not inside and unit == "watt":
        # a chip's power is its maker's ("A Blackwell GPU draws 1,000 watts"): only a count of chips is their owner's
        inside = [m for m in mentions(text, makers=True) if left <= m.start and m.end <= right]
    if personal and speaker and _has(_I[lk], clause):
        # "I have been at Oracle for 26 years": the speaker's own years, not the company's age
        return Resolved(speaker, "speaker"), False
    if personal and _has(_TENURE[lk], clause):
        # someone's years in a job: the person named with them, else someone the text does not name here
        people = [m for m in ms if m.entity.kind == "person"]
        if people:
            return Resolved(_pick(people, start).entity.name, "clause"), False
        return Resolved("", "other_party" if _has(_YOU[lk], clause) else ""), False
    if inside:
        people = [m for m in inside if m.entity.kind == "person"]
        # an age or a span of years belongs to the person named with it ("Scale AIから引き抜いた28歳のワン")
        chosen = _pick(people, start) if personal and people else _pick(inside, start)
        return Resolved(_own(chosen.entity, personal), "clause"), False
    if _has(_WE[lk], clause):
        # "our company" of a speaker the text does not place: someone's, but nobody we know (not the document's)
        return Resolved(speaker_org, "speaker" if speaker_org else ""), False
    if personal and speaker and _has(_I[lk], clause):
        return Resolved(speaker, "speaker"), False
    if personal and _has(_YOU[lk], clause):
        # the addressee's own years: someone the text does not name here, not the document's company
        return Resolved("", "other_party"), False
    # a party counted by a figure ("1,876 clients") owns nothing: it is what the figure counts
    parties = [
        m for m in _all(_OTHER_PARTY[lk], text) if not _COUNTED_BEFORE.search(text, max(0, m.start() - 24), m.start())
    ]
    other = next((m for m in parties if left <= m.start() < start), None)
    if other:
        return Resolved(other.group(0).lower(), "other_party"), False
    other = next((m for m in parties if m.end() <= start), None)
    if other and not ms:
        return Resolved(other.group(0).lower(), "other_party"), False
    if ms:
        return Resolved(_own(_pick(ms, start).entity, personal), "sentence"), False
    if _has(_WE[lk], text):
        return Resolved(speaker_org, "speaker" if speaker_org else ""), False
    return None, _has(_BACK_REFERENCE[lk], clause)
