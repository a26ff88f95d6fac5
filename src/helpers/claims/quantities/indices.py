"""Points: stock-market index levels and moves ("the FTSE 100 fell 95.85 points to 7,652.91": both numbers are
index points, ``index_point``, neither percentage points nor a count), a share price's move in points (pence when
the price is in pence), points someone scored (a count) and a lead in a poll ("a 5-point lead": percentage points).

Only a sentence that names an index (FTSE, DAX, 日経平均, "index", "benchmark") is read as index points, so "five
points of gross margin" stays percentage points and "110 points" in a match report keeps its reading.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...text.regex_guard import guarded
from .model import _Q

_INDEX_CONTEXT = re.compile(
    r"\b(?:FTSE|Footsie|Dow|Nasdaq|S&P|[MS]?DAX|TecDAX|[MS]?Dax|TecDax|CAC|Stoxx|STOXX|Nikkei|Topix|TOPIX|Hang Seng"
    r"|Russell \d+|Sensex"
    r"|Nifty|KOSPI|Kospi|ASX|IBEX|Ibex|SMI|ATX|[Ii]ndex|[Ii]ndices|[Bb]enchmark|[Bb]lue[- ]chips?|Leitindex"
    r"|Aktienindex|Indizes)\b|日経平均|株価指数|指数|TOPIX|ダウ"
)
# the unit words of an index move, as the unit tables read them (percentage points) or not at all (Punkte)
_POINT_SURFACES = frozenset({"points", "point", "pts", "ポイント"})
_POINT_WORD_AFTER = {"de": re.compile(r"\s(?:Punkte?n?|Zählern?)\b"), "en": re.compile(r"\s?pts\b\.?")}
# "five points of gross margin": points of a share, which are percentage points
_OF_AFTER = re.compile(r"\s(?:of|der|des)\s")
# the level an index moved to or stands at: "to 7,652.91", "at 19,940.66", "auf 15.800", "bei 15.812,34"
# past a record or a high: "to a record 5,916.78", "at a new high of 4,500", "auf ein Rekordhoch von 16.000"
_LEVEL_BEFORE = re.compile(
    r"\b(?:to|at|from|auf|bei|von)\s(?:(?:a|an|the|ein|einen|einem)\s)?(?:(?:new|fresh|record|all-time|neues?)\s)?"
    r"(?:(?:high|low|peak|close|Rekordhoch|Rekordstand|Hoch|Tief)\s(?:of\s|von\s)?)?\Z"
)
# a level the index passed or came near: "slipped below 30,000", "über 16.000", "topped 5,000", "crossed 40,000"
_LEVEL_BOUND = re.compile(r"(?:below|above|under|over|past|beyond|near|around|unter|über)\s(?=\d)")
_LEVEL_VERB = re.compile(r"\b(?:topped|crossed|breached|passed|surpassed|cleared|knackte|überwand|durchbrach)\s\Z")
# a move of the index written bare, as headlines do: "Dow sheds 430+", "Nasdaq gains 310"
_MOVE_VERB = re.compile(
    r"\b(?:shed|sheds|drops?|dropped|falls|fell|slips?|slipped|sinks|sank|tumbles?|tumbled|plunges?|plunged|loses|lost|"
    r"gains?|gained|adds?|added|rises|rose|jumps?|jumped|climbs?|climbed|soars?|soared|surges?|surged)\s\Z"
)
_MIN_LEVEL = 100  # index levels run in the hundreds and thousands; a smaller bare number is something else


def index_points(text: str, qs: list[_Q], lang: str) -> list[_Q]:
    """The sentence's quantities with index moves and levels read as ``index_point`` where it names an index."""
    if not any(q.unit in ("percentage_point", "count") for q in qs) or not _INDEX_CONTEXT.search(text):
        return qs
    out: list[_Q] = []
    for q in qs:
        if q.unit == "percentage_point" and q.unit_surface in _POINT_SURFACES and not _OF_AFTER.match(text, q.end):
            q = replace(q, unit="index_point")
        elif q.unit == "count" and not q.explicit_unit and not q.vague:
            q = _bare_index_reading(text, q, lang)
        out.append(q)
    return out


# Japanese news quotes the Nikkei's and the Dow's moves and levels in yen and dollars: "日経平均は430円高の3万8112円"
_JA_PRICED_INDEX = re.compile(r"日経平均|日経225|ダウ平均|ダウ工業株|ダウ30種|NYダウ")
_JA_INDEX_MONEY = frozenset({"円", "ドル"})
# a market report: the index moved ("430円高", "500円超下落", "続伸"); a bare "日経平均は2222円13銭です" keeps its yen
_JA_INDEX_MOVE = re.compile(
    r"[0-9０-９]円(?:超)?(?:高|安)|ドル(?:超)?(?:高|安)|上昇|下落|値上がり|値下がり|反発|反落|続伸|続落|上げ幅|下げ幅"
)


def ja_index_money(text: str, qs: list[_Q]) -> list[_Q]:
    """In a market report naming the Nikkei or the Dow and a move, their moves and levels written in 円 or ドル
    (no 億 or 兆 of money) are index points."""
    if not _JA_PRICED_INDEX.search(text) or not _JA_INDEX_MOVE.search(text):
        return qs
    return [
        replace(q, unit="index_point")
        if q.unit in ("jpy", "usd")
        and q.unit_surface in _JA_INDEX_MONEY
        and not any(ch in text[q.start : q.end] for ch in "億兆")
        else q
        for q in qs
    ]


def _bare_index_reading(text: str, q: _Q, lang: str) -> _Q:
    """A number with no unit read as index points: followed by Punkte/Zähler/pts, a level after to/at/auf or a
    bound, or a move after its verb ("sheds 430+")."""
    word = _POINT_WORD_AFTER.get(lang)
    m = word.match(text, q.end) if word else None
    if m:
        return replace(q, end=m.end(), unit="index_point", explicit_unit=True, unit_surface=m.group(0).strip())
    if q.low >= _MIN_LEVEL and (
        _LEVEL_BEFORE.search(text[max(0, q.start - 40) : q.start])
        or _LEVEL_VERB.search(text[max(0, q.start - 20) : q.start])
        or _MOVE_VERB.search(text[max(0, q.start - 20) : q.start])
        or _LEVEL_BOUND.match(text, q.start)
    ):
        return replace(q, unit="index_point")
    if _MOVE_VERB.search(text[max(0, q.start - 20) : q.start]) and _THEN_LEVEL.match(text, q.end):
        return replace(q, unit="index_point")  # "the Nasdaq 100 added 10.74 at 2,228.42": a small move, then the level
    return q


# the level a move reached, right after it: " at 2,228.42", ", to 7,652.91"
_THEN_LEVEL = re.compile(r",?\s(?:at|to)\s\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|,?\s(?:at|to)\s\d{3,}")


# between a move in points and the share price it reached: " or 24.8% to", " to"
_POINTS_THEN_PRICE = re.compile(r",?\s?(?:or\s[\d.]{1,6}%,?\s)?(?:to|at)\s(?:close\sat\s)?")


def share_price_points(text: str, qs: list[_Q]) -> list[_Q]:
    """A share price's move in points is pence when the price it reached is in pence: "Flybe plunged 11.6 points
    or 24.8% to 35.1p" (11.6 pence), whatever index the sentence names."""
    out = list(qs)
    for i, q in enumerate(out[:-1]):
        if q.unit not in ("percentage_point", "index_point") or q.unit_surface not in _POINT_SURFACES:
            continue
        level = next((r for r in out[i + 1 : i + 3] if r.unit != "percent"), None)
        if (
            level is not None
            and level.unit == "gbp"
            and level.unit_surface == "p"
            and _POINTS_THEN_PRICE.fullmatch(text, q.end, level.start) is not None
        ):
            out[i] = replace(q, unit="gbp", low=q.raw_low * 0.01, high=q.raw_high * 0.01, mult=0.01)
    return out


# "scored 30 points", "racked up 41 points": a player's or team's points, a count (not percentage points)
_SCORED_BEFORE = re.compile(
    r"(?i)\b(?:scor(?:e|es|ed|ing)|tall(?:y|ied|ies)|total(?:l?ed)|racked\sup|poured\sin|erziel\w*|punktete)\b"
    r"[^.;:!?%]{0,25}$"
)


# "moved 5 points clear", "three points adrift of safety", "zwei Punkte Vorsprung": a gap in a league table
_TABLE_GAP_AFTER = re.compile(r"\s(?:clear|adrift|off\sthe\s(?:top|pace)|Vorsprung|Rückstand)\b")


def scored_points(text: str, qs: list[_Q]) -> list[_Q]:
    """Points someone scored are a count: "The guard scored 30 points and grabbed 12 rebounds"; so is a gap in a
    league table ("moved 5 points clear"), outside a sentence about a poll."""
    out = []
    for q in qs:
        if (
            q.unit == "percentage_point"
            and q.unit_surface.lower() in _POINT_SURFACES | {"punkte", "punkten"}
            and (
                _SCORED_BEFORE.search(text, max(0, q.start - 40), q.start)
                or _TABLE_GAP_AFTER.match(text, q.end)
                and not _POLL_CONTEXT.search(text)
            )
        ):
            q = replace(q, unit="count", low=q.raw_low, high=q.raw_high, mult=1.0)
        out.append(q)
    return out


# "a 5-point lead in the poll", "a 5-Punkte-Vorsprung": a lead in a poll is in percentage points
_POINT_LEAD = re.compile(
    r"-?(?:point|Punkte?)[\s-](?=(?:lead|edge|gap|margin|advantage|swing|deficit|Vorsprung|Abstand|Rückstand)\b)"
)
_POLL_CONTEXT = re.compile(
    r"(?i)\b(?:polls?|polling|survey\w*|voters?|approval|ratings?|percent|per\scent|Umfrage\w*|Wähler\w*|part(?:y|ies)|"
    r"elections?|electorate|candidates?|ballots?|Partei\w*|Wahl\w*)\b|%"
    r"|\b(?:Republicans?|Democrats?|Labour|Tor(?:y|ies)|Conservatives?|GOP|SPD|CDU|AfD|Grüne)\b"
)


def poll_points(text: str, qs: list[_Q]) -> list[_Q]:
    """ "Biden has a 5-point lead in the poll": the number before "-point lead" in a sentence about a poll or a
    party is percentage points (in a match report a 10-point lead stays a count)."""
    if "oint" not in text and "unkte" not in text or not _POLL_CONTEXT.search(text):
        return qs
    out = []
    for q in qs:
        m = _POINT_LEAD.match(text, q.end) if q.unit == "count" and q.kind == "num" and not q.vague else None
        if m is not None:
            q = replace(q, end=m.end() - 1, unit="percentage_point", explicit_unit=True, unit_surface="point")
        out.append(q)
    return out


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_INDEX_CONTEXT = guarded(_INDEX_CONTEXT)
_POLL_CONTEXT = guarded(_POLL_CONTEXT)
