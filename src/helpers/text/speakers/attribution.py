"""Who says each sentence: labels taken as given, dialogue decoded, write-ups read for reported speech."""

from __future__ import annotations

from .calibration import calibrated_posterior, calibrated_rule
from .cues import _ANSWER_START, _QUESTION_END
from .dialogue import decode_dialogue
from .names import aliases, given_names, self_introductions, unquoted, vocatives
from .reported import (
    _ASIDE,
    _EVIDENTIAL,
    _FIRST_PERSON,
    _INTERVIEWER,
    _LATIN_FULL_NAME,
    _QUESTION,
    author_asides,
    reported_source,
)
from .roles import _ROLE_LABELS, _guest, roles
from .voice import Unit, Voice

BEFORE_CHARS = 400  # how far back in the paragraph a pronoun looks for the person it means
# A dialogue decision whose posterior (summed over every reading of the conversation) is under this is left
# unknown rather than guessed: with two people it means the decoder's best path and the summed evidence
# disagree; with more, that no one holds even a third of the evidence. Under 0.35, 28 of 58 sentences of the
# development gold and none of 3 of the calibration gold had the speaker right (bench/eval_speakers.py).
UNDECIDED_BELOW = 0.35
HEADING_CHARS = 300  # how much of a transcript's title is read for who hosts whom
# ... and under this many times chance (1 / the number of speakers): in a call with six people a posterior of
# 0.3 is still twice chance, and on the gold such decisions were mostly right.
UNDECIDED_CHANCES = 1.5
DIALOGUE_GENRES = ("transcript", "interview", "conversation", "podcast", "talk", "gespräch")
REPORT_GENRES = ("article", "notes", "commentary", "summary", "report", "artikel")


def attribute(
    text: str,
    units: list[Unit],
    speakers: list[str] | None = None,
    genre: str | None = None,
    event: str | None = None,
) -> list[Voice]:
    """One :class:`Voice` per unit (see the package docstring of ``text.speakers``)."""
    known = [s for s in (speakers or []) if s.strip()]
    alias = aliases(known)
    if not units:
        return []
    labelled = any(u.speaker for u in units)
    g = (genre or "").lower()
    dialogue_genre = any(w in g for w in DIALOGUE_GENRES)
    report_genre = any(w in g for w in REPORT_GENRES)
    if labelled:
        out = _labelled(units, known, event)
    elif len(known) >= 2 and (dialogue_genre or (not report_genre and _looks_like_dialogue(units, known))):
        return _decoded(units, known, event, _title(text, units), genre)
    elif dialogue_genre and not report_genre and len(known) < 2:
        return _monologue(units, known)
    else:
        out = [None] * len(units)
    return _written(units, out, known, alias, event, labelled)


def _labelled(units: list[Unit], known: list[str], event: str | None) -> list[Voice | None]:
    """The labelled units' voices; units without a label stay None (read as a write-up)."""
    out: list[Voice | None] = [None] * len(units)
    # A role label ("HOST:", "Gastgeber", "司会") names the catalog's one host
    # (or guest) when the catalog says who that is.
    by_role: dict[str, str] = {}
    role = roles(known, event, None)
    for r in ("host", "guest"):
        holders = [s for s in known if role.get(s) == r]
        if len(holders) == 1:
            by_role[r] = holders[0]
    for i, u in enumerate(units):
        if u.speaker:
            label_role = _ROLE_LABELS.get(u.speaker.strip().lower())
            who = by_role.get(label_role, u.speaker) if label_role else u.speaker
            out[i] = Voice(who, "labelled", calibrated_rule("labelled"), "labelled")
    return out


# headings, and a title that states a figure (a sentence too, for its claims): the author's, never a speaker's
_AUTHORS = ("heading", "title")


def _authored(u: Unit) -> Voice:
    """A heading's or a title's sentence: the author's, at its own rule's observed accuracy."""
    return Voice(None, "author", calibrated_rule(u.block_kind), u.block_kind)


def _title(text: str, units: list[Unit]) -> str:
    """The text before the first unit (a transcript's title line, which the parser keeps out of the sentences)
    and any headings."""
    before = text[: units[0].start] if units else ""
    return " ".join([before.strip(), *(u.text for u in units if u.block_kind in _AUTHORS)])[:HEADING_CHARS]


def _decoded(
    units: list[Unit], known: list[str], event: str | None, title: str = "", genre: str | None = None
) -> list[Voice]:
    """An unlabelled dialogue between known speakers, decoded as a whole (headings are the author's)."""
    out: list[Voice | None] = [None] * len(units)
    body = [i for i, u in enumerate(units) if u.block_kind not in _AUTHORS]
    role = roles(known, event, [units[i] for i in body], title)
    for i, (who, p) in zip(body, decode_dialogue([units[i] for i in body], known, role, genre=genre)):
        confidence = calibrated_posterior(p)
        if who is None:
            out[i] = Voice(None, "author", calibrated_rule("editorial"), "editorial")
        elif p < min(UNDECIDED_BELOW, UNDECIDED_CHANCES / len(known)):
            # The evidence does not decide: no figure is pinned on a person who more likely did not say it.
            out[i] = Voice(None, "unknown", confidence, "undecided", p)
        else:
            out[i] = Voice(who, "turn", confidence, "turn", p)
    for i in range(len(units)):
        if out[i] is None:
            out[i] = _authored(units[i])
    return [v for v in out if v is not None]


def _monologue(units: list[Unit], known: list[str]) -> list[Voice]:
    """A transcript of one known person is theirs (headings aside); with
    nobody known, who speaks stays unknown rather than guessed."""
    out: list[Voice] = []
    for u in units:
        if u.block_kind in _AUTHORS:
            out.append(_authored(u))
        elif known:
            out.append(Voice(known[0], "turn", calibrated_rule("monologue"), "monologue"))
        else:
            out.append(Voice(None, "unknown", 0.0, "no_speakers"))
    return out


def _written(
    units: list[Unit],
    out: list[Voice | None],
    known: list[str],
    alias: dict[str, str],
    event: str | None,
    labelled: bool,
) -> list[Voice]:
    """Voices of the units ``out`` leaves open, read as a write-up: reported speech, notes, the author."""
    role = roles(known, event, None)
    guest = _guest(known, role, units, alias)
    host = next((s for s in known if role.get(s) == "host"), None)
    notes = not labelled and any(u.timestamp for u in units)
    in_notes = False
    block_source: dict[int, tuple[str | None, str]] = {}
    last: str | None = None
    last_block: int | None = None
    named_before: dict[str, str] = {}
    before_block, before = -1, ""  # the paragraph so far, for pronouns
    for i, u in enumerate(units):
        if out[i] is not None:
            continue
        s = u.text
        if u.block_kind in _AUTHORS:
            out[i] = _authored(u)
            in_notes = in_notes or notes
            continue
        if u.timestamp:
            in_notes = True
        if notes and in_notes and _INTERVIEWER.search(s):
            block_source[u.block_id] = (host, "interviewer")
        stripped = _ASIDE.sub("", s)
        rest = stripped.strip()
        if not rest or (len(rest) < 3 and (asides := author_asides(s)) and asides[0][0] == 0):
            out[i] = Voice(None, "author", calibrated_rule("aside"), "aside")
            continue
        if u.block_id != before_block:
            before_block, before = u.block_id, ""
        cue = reported_source(stripped, alias, last, before[-BEFORE_CHARS:], named_before)
        before += s
        for m in _LATIN_FULL_NAME.finditer(s):
            named_before.setdefault(m.group(0).split()[-1], m.group(0))
        if cue is not None:
            src, rule = cue
            last = src or last
            last_block = u.block_id
            block_source[u.block_id] = (src, "inherited")
            out[i] = Voice(src, "reported", calibrated_rule(rule), rule)
            continue
        if last and last_block is not None and u.block_id - last_block <= 1 and _EVIDENTIAL.search(s):
            out[i] = Voice(last, "reported", calibrated_rule("evidential"), "evidential")
            continue
        inherited = block_source.get(u.block_id)
        if inherited and inherited[1] == "interviewer":
            out[i] = Voice(inherited[0], "reported", calibrated_rule("interviewer"), "interviewer")
            continue
        if notes and in_notes and guest:
            out[i] = Voice(guest, "reported", calibrated_rule("notes"), "notes")
            continue
        if inherited and not _QUESTION.search(s) and not _FIRST_PERSON.search(unquoted(s)):
            out[i] = Voice(inherited[0], "reported", calibrated_rule("inherited"), "inherited")
            continue
        out[i] = Voice(None, "author", calibrated_rule("author"), "author")
    return [v for v in out if v is not None]


def _looks_like_dialogue(units: list[Unit], known: list[str]) -> bool:
    """A known speaker introduces themselves or is addressed by name, or many
    paragraphs ask and answer: a conversation, not a write-up."""
    alias, given = aliases(known), given_names(known)
    if any(self_introductions(unquoted(u.text), alias) or vocatives(unquoted(u.text), given) for u in units):
        return True
    blocks: dict[int, str] = {}
    for u in units:
        blocks[u.block_id] = blocks.get(u.block_id, "") + u.text
    if len(blocks) < 6:
        return False
    asked = sum(bool(_QUESTION_END.search(t.rstrip())) for t in blocks.values())
    answered = sum(bool(_ANSWER_START.search(t)) for t in blocks.values())
    return (asked + answered) / len(blocks) >= 0.15
