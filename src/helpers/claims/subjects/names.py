"""Organisations the lexicon does not know: the names a document itself gives companies.

A user's corpus is about companies that ``data/entities.yaml`` has never heard of
("Acme Robotics", "Globex Inc.", 株式会社グローベックス). A name becomes one of
the document's organisations (``document_names``) only on strong evidence, because
an unknown subject is better than a wrong one:

* the company a results heading is about ("Acme Robotics Q3 2025 Earnings Call",
  "Fourth Quarter 2024 Results – Globex Inc.", "Globex AG: Zahlen zum dritten
  Quartal"): a capitalised run before the period or event words, or a whole
  segment of the heading ending in a corporate suffix;
* a capitalised run ending in a legal form or a corporate word (Inc, Corp, Ltd,
  plc, GmbH, AG, SE, Co., Group, Holdings, Technologies, Labs, Bank ...);
* a single capitalised word used as the owner of something: "Globex's revenue",
  "Globex reported", "Hooli now has" (English), never a word the document also
  writes in lower case, a month, a weekday, a place, a speaker's name or a
  function word, and at the start of a sentence only when the document also
  writes it capitalised elsewhere;
* Japanese 株式会社X, X株式会社 and katakana + 社 (イニテック社).

The name kept is the run without its legal form ("Globex Inc." -> "Globex";
"Pied Piper Technologies" stays whole); the document's figures then find it
wherever it is written, as they find a lexicon entry (``name_mentions``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .entities import Entity, Mention, mentions

# Legal forms: dropped from the name ("Globex Inc." is Globex).
_LEGAL = frozenset(
    "Inc Corp Corporation Ltd Limited plc PLC GmbH AG SE Co LLC LLP KGaA NV N.V SA S.A SpA KK Pty".split()
)
# Words that end a company's name and stay in it.
_CORPORATE = frozenset(
    "Group Holdings Holding Technologies Technology Labs Laboratories Bank Industries Systems Robotics Motors "
    "Pharmaceuticals Therapeutics Networks Semiconductor Semiconductors Software Airlines Energy Konzern "
    "Gruppe Werke".split()
)
# Capitalised words that never start (or make) a company's name: function words, titles, descriptors of a
# company ("Rival Initech Ltd."), months, weekdays, periods and report words.
_NOT_NAME = frozenset(
    """The A An And But Or So Also Then However While When After Before Since Both Only Even Still Yet Now Today
    Yesterday Tomorrow Last Next This That These Those Our Their Its His Her My Your We They He She It I You In
    At On For From With By Of To As If Under Over Per Thanks Thank Good Welcome Yes No Well Okay OK Shares Stock
    Rival Rivals Competitor Peer Customer Partner Supplier Parent Unit Subsidiary Chipmaker Carmaker Retailer
    Lender Insurer Analyst Analysts Operator Host Guest CEO CFO COO CTO Chief President Chairman Founder AI US USA
    UK EU GPU GPUs Q1 Q2 Q3 Q4 FY Fiscal First Second Third Fourth Full Half Quarter Quarterly Annual Year
    Results Earnings Call Conference Report Update Investor Investors Webcast Revenue Sales Profit Income
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Der Die Das Den Dem Des Ein Eine Einer Eines Unser Unsere Unserem Unseren Unserer Ihr Ihre Sein Seine
    Bei Im Vom Zum Zur Mit Für Auch Und Aber Laut Nach Wie Von
    Konkurrent Rivale Wettbewerber Umsatz Gewinn Zahlen Quartal Ergebnis Ergebnisse Geschäftsjahr
    Januar Februar März Mai Juni Juli Oktober Dezember Montag Dienstag Mittwoch Donnerstag Freitag Samstag
    Sonntag Management Company Industry Sector Firm""".split()
)
# Words that open a headline rather than a company's name ("Big Tech earnings roundup").
_ORDINAL_NAMES = frozenset("First Second Third Fourth".split())
_HEADLINE_WORDS = frozenset("Big Small New Top Global Tech Strong Record Weak Best Biggest Episode Notes".split())
# Places a possessive or a verb can follow ("China's exports", "London has"): never a company here.
_PLACES = frozenset(
    """America American Americas Europe European Asia Africa China Chinese Japan Japanese Germany German India
    Britain British England France French Canada Mexico Brazil Korea Taiwan Russia Ukraine Italy Spain
    Australia Israel Singapore London Paris Berlin Tokyo Beijing Shanghai York California Texas Ohio Washington
    Florida Munich München Frankfurt Hamburg Deutschland Europa Frankreich Amerika Wall Street Silicon Valley
    Hollywood Congress Parliament Government Fed Treasury Earth Mars Moon Sun""".split()
)
# A word, possessive included; starts with a letter (linear: each match starts where the last one ended).
# A brand's exclamation mark is part of its name ("WOW!", "Yahoo!") where a space or the end follows it.
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9&.\-]*(?:!(?=\s|$))?(?:['’]s)?")
# After a single capitalised word: it owns something or did something (English).
_OWNER_VERB = re.compile(
    r" (?:now |also |still |currently )?(?:reported|posted|announced|generated|recorded|shipped|booked|employs|"
    r"employed|hired|operates|guided)\b|"
    r" (?:now |also |still |currently )?(?:has|had|expects|raised|grew|spent|invested) (?:about |around |roughly |"
    r"more than |over |nearly |almost |some )?[$€£¥]?\d[\d,.]*(?: million| billion| thousand)? ?(?:employees|staff|"
    r"workers|customers|clients|users|subscribers|stores|plants|factories|offices|in (?:revenue|sales))\b"
)
# What a company's possessive owns ("Globex's revenue"); a person's or a law's ("Planck's constant") is none of these.
_OWNED = re.compile(
    r" (?:\w+ ){0,2}?(?:revenue|sales|profit|earnings|income|shares|stock|market|margin|customers|employees|"
    r"workforce|unit|division|subsidiary|business|results|guidance|capex|capital|spending|valuation|board|"
    r"CEO|CFO|chief|products?|platform|cloud|fleet|plants?|factor(?:y|ies)|operations|stores|headquarters|"
    r"investors|shareholders|debt|cash|deliveries|shipments|backlog|bookings)\b"
)


def _sentence_initial(text: str, i: int) -> bool:
    """Whether the word at ``i`` opens a sentence, a line or a speaker's turn."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    while j >= 0 and text[j] in "\"'”’)":
        j -= 1
    return j < 0 or text[j] in ".!?:;\n"


# Japanese: 株式会社X, X株式会社, katakana + 社 (not 同社, 当社: those are no katakana).
_JA_NAME = re.compile(
    r"株式会社([ァ-ヶー・]{2,20}|[一-龥]{2,8}(?=の|は|が|と|を|に|、|。|\s|$))|([ァ-ヶー・]{2,20}|[A-Z][A-Za-z&\-]{1,30})(?:株式会社|社(?![ァ-ヶー一-龥]))"
)
_AFTER_POSSESSIVE = re.compile(r"['’]s $")
_SEPARATORS = re.compile(r"\s[–—\-|]\s|:\s|,\s|\n")


def _bare(token: str) -> str:
    return token.rstrip(".").replace(".", "") if token.rstrip(".") in {"N.V", "S.A"} else token.rstrip(".")


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of capitalised words separated by single spaces."""
    runs: list[list[re.Match[str]]] = []
    prev: re.Match[str] | None = None
    for m in _TOKEN.finditer(text):
        if not m.group(0)[0].isupper() and m.group(0) != "plc":
            prev = None
            continue
        joined = prev is not None and text[prev.end() : m.start()] == " "
        if joined and prev is not None and _possessive(prev.group(0)):
            joined = False  # "Globex's Chief": the name ended
        elif joined and prev is not None and prev.group(0).endswith(".") and _bare(prev.group(0)) not in _LEGAL:
            joined = False  # the sentence ended
        elif joined and prev is not None and _bare(prev.group(0)) in _LEGAL and _bare(m.group(0)) not in _LEGAL:
            joined = False  # a legal form ends the name ("Stark Maschinenbau SE Telefonkonferenz")
        if joined:
            runs[-1].append(m)
        else:
            runs.append([m])
        prev = m
    return runs


def _possessive(token: str) -> bool:
    return token.endswith(("'s", "’s"))


def _name_of(words: list[str], lower: set[str]) -> str:
    """The company name a run ending in a legal form or corporate word gives, or "" when it gives none."""
    words = [w[:-2] if _possessive(w) else w for w in words]
    while words and (words[0] in _NOT_NAME or words[0].lower() in lower):
        words = words[1:]
    if len(words) < 2:
        return ""
    last = _bare(words[-1])
    if last in _LEGAL:
        core = [_bare(w) for w in words[:-1]]
        while core and _bare(core[-1]) in _LEGAL:
            core = core[:-1]
    elif last in _CORPORATE:
        core = [_bare(w) for w in words]
    else:
        return ""
    if not core or any(w in _NOT_NAME or w in _PLACES for w in core[:1]) or len(core) > 5:
        return ""
    return " ".join(core)


def _period_word(w: str) -> bool:
    return w in _NOT_NAME or w in _HEADLINE_WORDS or re.fullmatch(r"(?:FY|Q[1-4]|H[12])\d*", w) is not None


def _ends_name(words: list[str], i: int) -> bool:
    """Whether a heading's word ``i`` ends the company's name before it; an ordinal opening a name ("First Watch
    Q3 ...") does not, when the word after it is no period word."""
    if i == 0 and words[0] in _ORDINAL_NAMES and len(words) > 1 and not _period_word(words[1]):
        return False
    return _period_word(words[i])


def heading_company(heading: str, lower: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """The company a results heading names as its own ("Acme Robotics Q3 2025 Earnings Call"), or ""."""
    for m in _JA_NAME.finditer(heading):
        return m.group(1) or m.group(2)
    for part in _SEPARATORS.split(heading):
        for run in _runs(part)[:1]:
            if run[0].start() > 0 and part[: run[0].start()].strip():
                continue  # the run must open its segment
            words = [m.group(0) for m in run]
            named = _name_of(words, lower)
            if named:
                return named
            # words up to the first period or event word
            core = []
            for i, w in enumerate(words):
                if _ends_name(words, i):
                    break
                core.append(_bare(w))
            rest = part[run[len(core)].start() :] if len(core) < len(run) else part[run[-1].end() :]
            if (
                core
                and len(core) <= 4
                # an ordinal opening the name ("First Watch") is a common word in any text
                and not any(w in _PLACES or w.lower() in lower for w in core[core[0] in _ORDINAL_NAMES :])
                and _EVENT.search(rest)
                and _EVENT_NOUN.search(rest)
            ):
                return " ".join(core)
    return ""


_EVENT = re.compile(
    r"^\s*(?:\d{4}\s+)?(?:(?:FY|Q[1-4]|H[12])\s?\d*|First|Second|Third|Fourth|Fiscal|Full[- ]Year|Annual|Quarterly|"
    r"Earnings|Results|Investor|Shareholder|Capital Markets|Hauptversammlung|Zahlen|Quartal|Geschäftsjahr|"
    r"Bilanz)",
    re.IGNORECASE,
)


_EVENT_NOUN = re.compile(
    r"\b(?:Earnings|Results|Call|Report|Webcast|Conference|Meeting|Update|Letter|Presentation|Briefing)\b|"
    r"Zahlen|Hauptversammlung|Telefonkonferenz|Bilanz|決算|説明会",
    re.IGNORECASE,
)


def document_names(heading: str, body: str, speakers: Iterable[str] = ()) -> tuple[tuple[str, str], ...]:
    """(alias, name) pairs of the organisations ``heading`` and ``body`` name that the lexicon does not know,
    longest alias first; the heading's own company first of equal ones."""
    text = heading + "\n" + body
    lower = {m.group(0).lower() for m in _TOKEN.finditer(text) if m.group(0)[0].islower()}
    people = {w for s in speakers for w in re.findall(r"[^\W\d_]+", s)}
    found: dict[str, str] = {}

    def keep(alias: str, name: str) -> None:
        if name and not mentions(name) and not mentions(alias) and not (set(name.split()) & people):
            found.setdefault(alias, name)
            found.setdefault(name, name)

    for line in heading.split("\n"):  # a title, the catalog's title, its event: each a heading of its own
        owner = heading_company(line, lower)
        keep(owner, owner)
    for m in _JA_NAME.finditer(text):
        keep(m.group(0), m.group(1) or m.group(2))
    initial_only: dict[str, bool] = {}
    cues: dict[str, set[str]] = {}
    for run in _runs(text):
        words = [m.group(0) for m in run]
        name = _name_of(words, lower)
        if name:
            if not _AFTER_POSSESSIVE.search(text[max(0, run[0].start() - 3) : run[0].start()]):
                keep(name, name)  # not "Domino's Pizza Group": whose name that is, is unclear
            continue
        for m in run:
            w = m.group(0)
            base = w[:-2] if _possessive(w) else w
            initial = _sentence_initial(text, m.start())
            initial_only[base] = initial_only.get(base, True) and initial
        if len(run) != 1:
            continue
        m = run[0]
        w = m.group(0)
        base = w[:-2] if _possessive(w) else w
        if _possessive(w) and _OWNED.match(text, m.end()):
            cue = "possessive"
        elif _OWNER_VERB.match(text, m.end()):
            cue = "verb"
        else:
            continue
        if base in _NOT_NAME or base in _PLACES or base.lower() in lower or base in people:
            continue
        if len(base) >= 3 and base[1:].replace("-", "").isalpha():
            cues.setdefault(base, set()).add(cue)
    for base, kinds in cues.items():
        # a word only ever written at the start of a sentence ("Revenue grew") needs a possessive of a
        # company's things ("Initech's fleet")
        if not initial_only.get(base, True) or "possessive" in kinds:
            keep(base, base)
    # "Lloyds" for "Lloyds Banking Group", "Acme" for "Acme Robotics": a first word that names one of them only
    firsts: dict[str, set[str]] = {}
    for name in set(found.values()):
        first = name.split(" ")[0]
        if " " in name and len(first) >= 3 and first.lower() not in lower and first not in _HEADLINE_WORDS:
            firsts.setdefault(first, set()).add(name)
    for first, owners in firsts.items():
        if len(owners) == 1 and found.get(first, first) == first and first not in _NOT_NAME and first not in _PLACES:
            found[first] = next(iter(owners))  # "Wonka's chief" is Wonka Industries' when the text names it so
    return tuple(sorted(found.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def _word_char(c: str) -> bool:
    """A character that continues a name: a Latin letter or digit, or katakana (メタ is not メタバース)."""
    return (c.isascii() and c.isalnum()) or c in "ÄÖÜäöüßéèáàóòíìúùñç" or "ァ" <= c <= "ヶ" or c == "ー"


def name_mentions(text: str, names: tuple[tuple[str, str], ...]) -> list[Mention]:
    """Where ``text`` writes one of a document's own organisation names (``document_names``), left to right."""
    if not names:
        return []
    out: list[Mention] = []
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in mentions(text, makers=True)]
    for alias, name in names:
        i = text.find(alias)
        while i >= 0:
            end = i + len(alias)
            before_ok = i == 0 or not _word_char(text[i - 1])
            after_ok = end >= len(text) or not _word_char(text[end])
            if (
                before_ok
                and (after_ok or text.startswith(("'s", "’s"), end))
                and not any(s < end and i < e for s, e in taken)
            ):
                out.append(Mention(i, end, Entity(name, "organisation", "")))
                taken.append((i, end))
            i = text.find(alias, end)
    return sorted(out, key=lambda m: m.start)


_ROLE_SPLIT = re.compile(r",\s*|\s(?:at|of|bei|von)\s|\s@\s?")


def role_company(role: str) -> str:
    """The company a catalog role names after its title ("CFO, Acme Robotics", "CEO at Globex Inc."), or ""."""
    part = _ROLE_SPLIT.split(role.strip())[-1].strip()
    if part == role.strip():
        return ""
    for m in _JA_NAME.finditer(part):
        return m.group(1) or m.group(2)
    runs = _runs(part)
    if len(runs) != 1 or runs[0][0].start() != 0 or runs[0][-1].end() != len(part):
        return ""
    words = [m.group(0) for m in runs[0]]
    named = _name_of(words, set())
    if named:
        return named
    if len(words) > 4 or any(w in _NOT_NAME or w in _PLACES for w in words):
        return ""
    return " ".join(_bare(w) for w in words)
