"""Words for people in en/de: the nouns a count of people is said with ("12,000 employees", "3.000 Mitarbeiter"),
and the clauses that name people before their count ("Subscribers passed 7 million", "the number of Americans
receiving benefits fell 49,000"). Split from ``lexicon`` (one concept: counted people).
"""

from __future__ import annotations

import re

from ..text.regex_guard import guarded

PERSON_DE = (
    r"Menschen|Leute[n]?|Personen|Nutzer(?:innen|n)?|Benutzer[n]?|Mitarbeiter(?:innen|n)?|"
    r"Ingenieure[n]?|Forscher(?:innen|n)?|Entwickler(?:innen|n)?|Kreative[n]?|Creator[s]?|Kunden|"
    r"Angestellte[n]?|Personen|Freunde[n]?|Schüler[n]?|Studenten|Leiter[n]?|Manager[n]?|Absolventen|Beschäftigte[n]?"
)
ORGANISATIONS = (
    r"companies|firms|businesses|employers|organi[sz]ations|banks|schools|universities|hospitals|councils|stores|shops"
)
PERSON_EN = (
    r"people|persons|users|employees|engineers|researchers|developers|creators|customers|authors|founders|"
    r"friends|students|staff|person|user|employee|engineer|researcher|developer|creator|subscribers|"
    r"runners|fans|guests|viewers|listeners|visitors|passengers|workers|residents|spectators|analysts|"
    r"patients|voters|members|subscriber|runner|fan|guest|viewer|listener|visitor|worker|"
    r"customer|men|women|children|kids|adults|players|athletes|citizens|Britons|Americans|Germans|"
    r"staffers|scientists|doctors|nurses|teachers|soldiers|investors|shareholders|deaths|victims|"
    r"survivors|migrants|refugees|tourists|immigrants|participants|respondents|applicants|pupils|graduates|"
    r"teenagers|babies|inmates|prisoners|officers|troops|protesters|casualties|individuals|consumers|drivers|"
    r"shoppers|borrowers|homeowners|astronauts|competitors|entrants|finishers|freshers|hires|recruits|trainees|interns|"
    r"golfers|golfer|cyclists|riders|swimmers|"
    r"lives|justices|judges|jurors|senators|lawmakers|legislators|MPs|ministers|executives|journalists|crew"
)
# "Xbox Live users rose 26% to 46 million.", "Subscribers passed 7 million.": people named before their count
PEOPLE_BEFORE = re.compile(
    r"(?i)\b(?:users|subscribers|customers|employees|members|visitors|viewers|listeners|residents|people|workers|"
    r"voters|fans|spectators|passengers|students|patients|followers|players|staff|headcount|workforce|population|"
    r"freshers|hires|recruits|trainees|interns)\b"
    r"(?:(?!\b(?:revenue|sales|profit|income|earnings|cost|costs|price|prices|spend|spending|budget|hours|"
    # "and" joins clauses, unless it joins a capitalised name ("Subscribers to Office 365 Home and Personal")
    r"minutes|days|years|times|and(?!\s[A-Z])|but|while|whereas|"
    # people who want, need, ask for, order or buy an amount are not that amount ("customers want 100,000")
    r"wants?|wanted|needs?|needed|asks?|asked|orders?|ordered|buys?|bought|requests?|requested|demands?)\b)"
    r"[^.;:!?$£€¥\n]){0,60}$"
)
# "The number of Americans receiving benefits fell 49,000 to 1.98 million", "a sample of more than 2,000",
# "Die Zahl der Arbeitslosen sank um 20.000", "eine Stichprobe von 2.000": the clause counts people, whatever follows
PEOPLE_COUNTED_BEFORE = {
    "en": re.compile(
        rf"(?i)\b(?:the\snumber\sof\s(?:\w+\s){{0,2}}(?:{PERSON_EN})\b(?:(?!\b(?:and|but|while|whereas)\b)"
        r"(?:\d[.,]\d|[^.;:!?$£€¥%\n])){0,60}|\bsample\s(?:size\s)?of\s(?:(?:more|fewer|less)\sthan\s|about\s|around\s|over\s|nearly\s|some\s)?)$"
    ),
    "de": re.compile(
        rf"\b(?:[Dd]ie\sZahl\sder\s(?:\w+\s){{0,2}}(?:{PERSON_DE}|Arbeitslosen|Erwerbstätigen|Einwohner)\b"
        r"(?:(?!\b(?:und|aber|während)\b)(?:\d[.,]\d|[^.;:!?$£€¥%\n])){0,60}|\bStichprobe\svon\s(?:(?:mehr|weniger)\sals\s|rund\s|etwa\s|über\s)?)$"
    ),
}
# "the first 95 who developed symptoms" (a relative "who"), "411 000 have." (an elliptical clause after "1613
# people had waited"): a bare count of people; the second pattern is a count of people earlier in the sentence
PERSON_AFTER_ELLIPSIS = {
    "en": (
        re.compile(r"\s(?:have|has|had|did|do|does|were|are|will|would)\s?[.,;:!?)]"),
        re.compile(rf"\d\s(?:{PERSON_EN})\b"),
    ),
    "de": (
        re.compile(r"\s(?:haben|hatten|sind|waren)\s?[.,;:!?)]"),
        re.compile(rf"\d\s(?:{PERSON_DE})\b"),
    ),
}
# "Die Zahl der Mitarbeiter stieg im Quartal um 5.000.", "Die Belegschaft wuchs auf 323.000.": the same in German
PEOPLE_BEFORE_DE = re.compile(
    r"\b(?:Mitarbeiter\w*|Beschäftigte\w*|Belegschaft|Kunden|Nutzer\w*|Abonnenten|Mitglieder\w*|Einwohner\w*|"
    r"Besucher\w*|Fahrgäste\w*|Passagiere\w*|Zuschauer\w*|Absolventen|Personal)\b"
    r"(?:(?!\b(?:Umsatz|Umsätze|Gewinn|Kosten|Preis\w*|Stunden|Tage|Jahre|und|aber|während|wollen|brauchen|"
    r"bestellen|bestellten|kaufen|kauften)\b)[^.;:!?$£€¥\n]){0,60}$"
)


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
PEOPLE_COUNTED_BEFORE = {key: guarded(pattern) for key, pattern in PEOPLE_COUNTED_BEFORE.items()}
PEOPLE_BEFORE = guarded(PEOPLE_BEFORE)
PEOPLE_BEFORE_DE = guarded(PEOPLE_BEFORE_DE)
