"""Turns of a dialogue: the question a turn answers, and the company a guest's "we" speaks for.

An interviewer names the company, the guest answers with the figure alone: "How big was the year for
AMD?" - "We did 28.5 billion dollars", "まずTSMCです。第4四半期の売上高はどうでしたか。" - "288億ドルでした。".
The answer's subject (and, for an elliptical answer, what it counts and when) is the question's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .clauses import _has, _lang_key
from .entities import mentions, organisation_of, person_for_speaker
from .names import name_mentions
from .subject import _WE, _YOU

# a question: "?" or "？" at its end, or a Japanese "か。" / "かね。"
_QUESTION = re.compile(r"[?？]\s*$|か(?:ね)?[。．]?\s*$")


def is_question(text: str) -> bool:
    """Whether a sentence asks something (ends with a question mark, or with Japanese か)."""
    return _has(_QUESTION, text)


def _key(row: Mapping) -> tuple[str, int]:
    return str(row["doc_id"]), int(row["sentence_id"])


def _question_turn(sent: Mapping, sent_index: Mapping[tuple[str, int], Mapping]) -> list[Mapping]:
    """The question a sentence answers and its lead-in in the same turn ("Let's turn to TSMC. How much did the
    company spend?"), nearest first, or [] when it answers none: it opens its turn, the turn before is another
    speaker's and that turn's last sentence is a question."""
    doc, sid = _key(sent)
    prev = sent_index.get((doc, sid - 1))
    if prev is None or prev.get("block_id") == sent.get("block_id"):
        return []
    speaker, asker = str(sent.get("speaker") or ""), str(prev.get("speaker") or "")
    if not speaker or not asker or speaker == asker or not is_question(str(prev["text"])):
        return []
    lead = sent_index.get((doc, sid - 2))
    return [prev, lead] if lead is not None and lead.get("block_id") == prev.get("block_id") else [prev]


def answered_question(
    sent: Mapping, sent_index: Mapping[tuple[str, int], Mapping], limit: int = 6
) -> tuple[list[Mapping], int]:
    """The sentences an answer may take its subject from, nearest first, and how many of them are its own
    question's turn (the ones that may also date it); ([], 0) when it answers no question.

    After the question and its lead-in comes the answer before the question: an elliptical question ("And the
    data center business?", "設備投資は？") goes on about that answer's subject, which may itself answer an
    earlier question; ``limit`` sentences at most."""
    first = _question_turn(sent, sent_index)
    out, turn = list(first), first
    while turn and len(out) < limit:
        before = sent_index.get((_key(turn[-1])[0], _key(turn[-1])[1] - 1))
        if before is None:
            break
        turn = _question_turn(before, sent_index)
        out += [before, *turn]
    return out[:limit], len(first)


def _organisations(text: str, names: tuple[tuple[str, str], ...]) -> set[str]:
    orgs = set()
    for m in [*mentions(text), *name_mentions(text, names)]:
        e = m.entity
        orgs.add((e.owner if e.kind == "person" else organisation_of(e.name)) or e.name)
    return orgs


def answering_speakers(
    sentences: Iterable[Mapping],
    sent_index: Mapping[tuple[str, int], Mapping],
    known: Mapping[str, str],
    names: tuple[tuple[str, str], ...] = (),
) -> dict[str, str]:
    """Speaker -> the organisation their "we" speaks for, learnt from the questions they answer.

    A speaker nobody places (not in ``known``, not in the people lexicon) who answers a question naming exactly
    one organisation, and not as the addressee's counterpart ("Is Nvidia your supplier?"), with "we" speaks for
    it. A speaker who answers so for two organisations speaks for neither."""
    found: dict[str, set[str]] = {}
    for sent in sentences:
        speaker = str(sent.get("speaker") or "")
        if not speaker or speaker in known or person_for_speaker(speaker) is not None:
            continue
        lk = _lang_key(str(sent.get("lang") or ""))
        if not _has(_WE[lk], str(sent["text"])):
            continue
        question = answered_question(sent, sent_index)[0][:2]
        if not question:
            continue
        orgs: set[str] = set()
        for q in question:
            orgs = _organisations(str(q["text"]), names)
            if orgs or _has(_YOU[lk], str(q["text"])):
                break
        if len(orgs) == 1 and not any(_has(_YOU[lk], str(q["text"])) for q in question):
            found.setdefault(speaker, set()).update(orgs)
    return {s: next(iter(o)) for s, o in sorted(found.items()) if len(o) == 1}
