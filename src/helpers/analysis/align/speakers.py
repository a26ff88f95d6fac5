"""Speakers carried over from one rendering to another along the sentence alignment.

Where one rendering knows who says a sentence (a transcript label, or an
attribution at least ``CONFIDENT`` likely), the sentences linked to it in the
other rendering take that speaker, with attribution ``aligned`` and the
link's similarity as confidence, unless the other rendering labels them
itself or already knows their speaker at least as confidently.
"""

from __future__ import annotations

import pandas as pd

from .path import Link

CONFIDENT = 0.8
ALIGNED = "aligned"


def _known(row: pd.Series) -> bool:
    speaker = row["speaker"]
    if not isinstance(speaker, str) or not speaker:
        return False
    conf = row["speaker_confidence"]
    return row["attribution"] == "labelled" or (pd.notna(conf) and float(conf) >= CONFIDENT)


def _source(frame: pd.DataFrame, idx: tuple[int, ...]) -> str:
    """The one speaker the linked sentences are known to have ("" if none or several)."""
    names = {str(frame.iloc[i]["speaker"]) for i in idx if _known(frame.iloc[i])}
    return names.pop() if len(names) == 1 else ""


def _takes(row: pd.Series, confidence: float) -> bool:
    if row["attribution"] == "labelled":
        return False
    has = isinstance(row["speaker"], str) and bool(row["speaker"])
    conf = float(row["speaker_confidence"]) if pd.notna(row["speaker_confidence"]) else 0.0
    return not has or conf < confidence


def carry_speakers(
    sents_a: pd.DataFrame, sents_b: pd.DataFrame, links: list[Link]
) -> tuple[pd.DataFrame, pd.DataFrame, dict[int, str]]:
    """Both renderings' sentences (positions as in ``links``) with speakers carried over; per link, the direction."""
    a, b = sents_a.copy(), sents_b.copy()
    for frame in (a, b):
        frame["speaker"] = frame["speaker"].astype(object)
        frame["speaker_confidence"] = frame["speaker_confidence"].astype(float)
    carried: dict[int, str] = {}
    for n, lk in enumerate(links):
        if not lk.a or not lk.b:
            continue
        conf = round(float(lk.score), 3)
        for src, dst, ids_src, ids_dst, tag in ((sents_a, b, lk.a, lk.b, "a_to_b"), (sents_b, a, lk.b, lk.a, "b_to_a")):
            name = _source(src, ids_src)
            if not name:
                continue
            took = False
            for i in ids_dst:
                if _takes(dst.iloc[i], conf) and dst.iloc[i]["speaker"] != name:
                    dst.iat[i, dst.columns.get_loc("speaker")] = name
                    dst.iat[i, dst.columns.get_loc("attribution")] = ALIGNED
                    dst.iat[i, dst.columns.get_loc("speaker_confidence")] = conf
                    took = True
            if took:
                carried[n] = tag
                break
    return a, b, carried
