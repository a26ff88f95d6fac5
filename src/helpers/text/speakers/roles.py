"""Roles: who hosts and who is the guest, from a role label, the event's wording or the opening welcome."""

from __future__ import annotations

import re

import numpy as np

from .names import aliases, given_names, mentions, self_introductions, unquoted, vocatives
from .voice import Unit

_ROLE_LABELS = {
    **dict.fromkeys(
        (
            "host",
            "interviewer",
            "moderator",
            "gastgeber",
            "gastgeberin",
            "moderatorin",
            "司会",
            "聞き手",
            "ホスト",
            "インタビュアー",
            "q",
            "frage",
            "question",
        ),
        "host",
    ),
    **dict.fromkeys(("guest", "gast", "ゲスト", "a", "antwort", "answer"), "guest"),
}
WELCOME_BLOCKS = 15  # how far into a conversation the guest's welcome is looked for
_WELCOME = re.compile(
    r"ようこそ|お迎え|お招き|ゲスト|紹介します|パネリスト|welcome|please join me|my guest|our guest"
    r"|joins? us|joining (?:me|us)|with me (?:today|here|now|on stage)|with me:|(?:our|the|a|very good|great) panel\b"
    r"|willkommen|begrüßen|zu Gast|bei mir sind|auf dem Podium",
    re.IGNORECASE,
)


def roles(speakers: list[str], event: str | None, units: list[Unit] | None = None, heading: str = "") -> dict[str, str]:
    """speaker -> "host" | "guest" from the event's wording or the opening welcome; {} when unknown.

    "X podcast interview with Y", "talk with Y", "Gespräch mit Y": Y is the
    guest, everyone else a host. Failing that, the person welcomed by name
    in the first paragraphs is the guest ("皆さんようこそ マーク・ザッカーバーグです").
    """
    alias = aliases(speakers)
    guests: set[str] = set()
    for line in (event or "", heading):  # the catalog's event first, then the transcript's own title
        hosts = _hosts_named(line, alias)
        if hosts and len(hosts) < len(speakers):
            return {s: ("host" if s in hosts else "guest") for s in speakers}
        m = _WITH.search(line)
        if m and not guests:
            guests = mentions(m.group(1) or m.group(2), alias)
            guests = guests if len(guests) < len(speakers) else set()
    if not guests and units:
        blocks: list[int] = []
        for u in units:
            if u.block_id not in blocks:
                blocks.append(u.block_id)
            if len(blocks) > WELCOME_BLOCKS:
                break
            s = unquoted(u.text)
            if _WELCOME.search(s):
                # "I'm Marcus Mabry, and I have four heads of institutes with me: A, B, C and D": whoever introduces
                # themselves while introducing the others hosts.
                named = mentions(s, alias) - self_introductions(s, alias)
                # One person welcomed, or a panel introduced ("I have a very good panel: A, B and C"): whoever
                # introduces everyone else hosts.
                if len(named) == 1 or (len(speakers) > 2 and len(named) == len(speakers) - 1):
                    guests = named
                    break
    if not guests and event:
        # "The Brian Lehrer Show", "Maischberger-Talk", "羽鳥慎一の番組": the person a show is named after hosts it.
        m = _SHOW_OF.search(event)
        hosts = mentions(m.group(1) or m.group(2), alias) if m else set()
        if len(hosts) == 1 and len(speakers) > 1:
            return {s: ("host" if s in hosts else "guest") for s in speakers}
    if not guests or len(guests) == len(speakers):
        return _roles_from_text(speakers, units) if units else {}
    return {s: ("guest" if s in guests else "host") for s in speakers}


_WITH = re.compile(r"\b(?:with|mit|featuring)\s+(.+)$|^(.{1,60}?)(?:との|と)(?:対談|対話|鼎談)", re.IGNORECASE)
# "moderated by X", "hosted by X", "presided by X", "moderiert von X", "Moderation: X", "司会：X", "進行：X": X hosts,
# the others are guests.
_MODERATED_BY = re.compile(
    r"\b(?:moderated by|hosted by|chaired by|presided (?:over )?by|presider:?|moderiert von|geleitet von|Moderation:?"
    r"|Gastgeber(?:in)?:?)\s+(.+)$"
    r"|(?:司会|進行)[：:は]\s*(.+)$",
    re.IGNORECASE,
)


def _hosts_named(line: str, alias: dict[str, str]) -> set[str]:
    m = _MODERATED_BY.search(line)
    return mentions(m.group(1) or m.group(2), alias) if m else set()


_SHOW_OF = re.compile(
    r"^(?:the\s+)?(.{1,60}?)(?:'s|-)?\s*(?:show|hour|podcast|talk|journal|sendung)\b|^(.{1,30}?)の(?:番組|ラジオ)",
    re.IGNORECASE,
)


W_CALLS_OPERATOR = 3.0  # a call's host the text never names says "Operator, next question, please."
OPERATOR_NAME = re.compile(r"\boperator(?:in)?\b|オペレーター", re.IGNORECASE)  # a call's operator, by label
_MODERATOR_NAME = re.compile(r"\b(?:operator|moderator|moderatorin|host)\b|司会|オペレーター", re.IGNORECASE)
# "Our first question comes from Kevin Walsh": the person named asks (an analyst on a call, a caller).
_ASKER_ANNOUNCED = re.compile(
    r"\b(?:questions? (?:comes?|is) from|next question is from|line of|Frage kommt von)\b|次の質問は|ご質問は",
    re.IGNORECASE,
)


def _roles_from_text(speakers: list[str], units: list[Unit]) -> dict[str, str]:
    """Roles when neither the event nor a welcome names the guest: a speaker called "Operator" or "司会"
    moderates; people announced as asking ("question comes from X") are analysts; people asked a question by
    name are the ones who answer (guests). With two speakers, the one asked is the guest and the other hosts."""
    alias, given = aliases(speakers), given_names(speakers)
    role: dict[str, str] = {p: "moderator" for p in speakers if _MODERATOR_NAME.search(p)}
    asked: set[str] = set()
    for u in units:
        s = unquoted(u.text)
        m = _ASKER_ANNOUNCED.search(s)
        if m:
            for name in mentions(s[m.end() :], alias):
                role.setdefault(name, "analyst")
        asked |= {name for name, asks in vocatives(s, given).items() if asks}
    for name in asked:
        role.setdefault(name, "guest")
    analysts = [p for p, r in role.items() if r == "analyst"]
    if len(analysts) >= 2:
        # A call: the analysts are announced; the others the text names (thanked, asked, handed to) answer them.
        named = set().union(*(mentions(unquoted(u.text), alias) for u in units))
        for name in named:
            role.setdefault(name, "guest")
    if len(speakers) == 2 and list(role.values()) == ["guest"]:
        role.update({p: "host" for p in speakers if p not in role})
    return role


def _guest(known: list[str], role: dict[str, str], units: list[Unit], alias: dict[str, str]) -> str | None:
    """Whose words an interview's notes pass on: the one guest, the one known speaker, or the one named most."""
    guests = [s for s in known if role.get(s) == "guest"]
    if len(guests) == 1:
        return guests[0]
    if len(known) == 1:
        return known[0]
    if not known:
        return None
    counts = dict.fromkeys(known, 0)
    for u in units:
        for name in mentions(u.text, alias):
            counts[name] += 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


# The operator addressed by the word, whether or not the operator is among the speakers ("Thank you, operator.",
# "Operator, next question, please.", "Danke, Operator.", "オペレーターさん、…").
_TO_OPERATOR = re.compile(
    r"\b(?:thank you|thanks|danke(?: schön)?|vielen dank),?\s{1,2}operator(?:in)?\b|^\W{0,3}operator(?:in)?\s{0,2},"
    r"|^\W{0,3}オペレーター(?:さん)?[、,]",
    re.IGNORECASE,
)
# The call closed in the company's voice ("Thank you for joining us today, and we look forward to speaking with all
# of you soon.", "Wir freuen uns auf das nächste Gespräch.", "今後ともよろしくお願いいたします。"): the company's
# host, not the operator, who speaks for no one ("This concludes today's conference. You may now disconnect.").
_COMPANY_CLOSE = re.compile(
    r"\b(?:thank you|thanks)(?: all| everyone| everybody)?(?: again)? for joining us\b"
    r"|\bwe look forward to (?:speaking|talking|seeing|updating|catching up)\b"
    r"|\bwir freuen uns (?:auf|darauf)\b|\bdanke, dass Sie (?:heute )?(?:bei uns|dabei) waren\b"
    r"|今後とも(?:ご支援|ご指導|よろしく)",
    re.IGNORECASE,
)


def unnamed_host(
    units: list[Unit], people: list[str], alias: dict[str, str], addressed: list[set[str]], emit: np.ndarray
) -> None:
    """On a call, a sentence that addresses the operator ("Operator, next question, please.", "Thank you, operator.",
    "オペレーター、…") or closes the call in the company's voice ("Thank you for joining us, and we look forward to
    speaking with you.") is the company's host: it leans to the speakers the text never names (an investor-relations
    host introduces others, nobody introduces them); the operator, the analysts announced and the executives thanked
    are all named. A call: the operator is among the speakers, or someone addresses one."""
    operators = {p for p in people if OPERATOR_NAME.search(p)}
    texts = [unquoted(u.text) for u in units]
    to_operator = [bool(who & operators) or bool(_TO_OPERATOR.search(t)) for who, t in zip(addressed, texts)]
    if not operators and not any(to_operator):
        return
    named = set().union(*(mentions(t, alias) for t in texts)) if units else set()
    unnamed = [k for k, p in enumerate(people) if p not in named and p not in operators]
    if not unnamed or len(unnamed) == len(people) - len(operators):
        return
    for i, t in enumerate(texts):
        if to_operator[i] or _COMPANY_CLOSE.search(t):
            emit[i, unnamed] += W_CALLS_OPERATOR
