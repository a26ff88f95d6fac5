"""What a sentence on a call is about: the company's numbers (margins, cash flow, guidance, buybacks, tax), the topic
a chief financial officer answers (English, German, Japanese).

On an earnings call the CFO often answers without a hand-over; who talks about the numbers is learned on the call
itself (:mod:`.dialogue` re-estimates how each person talks), so a statement about margins leans to whoever has
talked about margins, not to a person named in advance.
"""

from __future__ import annotations

import re

import numpy as np

FINANCE = re.compile(
    r"\b(?:(?:gross|operating|net|EBITDA) margins?|margins?|(?:free )?cash flow|guidance|guide[ds]?|outlook for the"
    r"|EPS|earnings per share|basis points|gross profit|operating (?:income|expenses?|profit|leverage|loss)|opex"
    r"|capex|capital expenditures?|tax rate|buy ?backs?|repurchas(?:e[ds]?|ing)|share count|dilution|balance sheet"
    r"|working capital|depreciation|(?:non-)?GAAP|SG&A|we expect (?:revenue|bookings|sales)|on the numbers)\b"
    r"|\b(?:Marge|Margen|Bruttomarge|Cashflow|Free Cashflow|Prognose|Ausblick|Ergebnis je Aktie|Basispunkte"
    r"|Bruttogewinn|operative[sn]? Ergebnis|Betriebsergebnis|Investitionen|Steuerquote|Aktienrückk[aä]uf\w*|Bilanz"
    r"|Abschreibung\w*|Umlaufvermögen)\b"
    r"|利益率|マージン|キャッシュフロー|ガイダンス|業績見通し|1株当たり利益|ベーシスポイント|営業利益|設備投資|税率"
    r"|自社株買い|減価償却|バランスシート",
    re.IGNORECASE,
)


def finance_sentences(texts: list[str], statements: np.ndarray) -> np.ndarray:
    """Which of ``texts`` state the company's numbers: a statement (``statements``: not a question, welcome or
    moderation) that names a margin, cash flow, guidance, a buyback, capex, tax… ("Gross margin was 70.4%.",
    "Der freie Cashflow lag bei 211 Millionen.", "営業利益率は22%でした。")."""
    return np.array([bool(ok and FINANCE.search(t)) for t, ok in zip(texts, statements)], dtype=bool)
