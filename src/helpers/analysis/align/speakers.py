"""Speakers carried over from one rendering to another along the sentence alignment.

Where one rendering knows who says a sentence (a transcript label, or an
attribution at least ``CONFIDENT`` likely), the sentences linked to it in the
other rendering take that speaker, with attribution ``aligned`` and as
confidence the source's confidence times the link's (:func:`link_confidence`).
A sentence the other rendering labels itself never changes; one whose speaker
it inferred (a decoded turn, reported speech, the author's own words, or an
earlier carry) changes only over a confident link and when the carried speaker
is the likelier one; a sentence with no speaker takes it over any link.

:func:`carry_speakers` works on one pair's sentences and links (the alignment
table's ``speaker_a`` / ``speaker_b``); :func:`carry_into_tables` writes the
same decisions into the corpus's ``sentences`` and ``claims`` tables from the
alignment table, so that the comparison and the reports see them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import pandas as pd

from .path import Link

CONFIDENT = 0.8
ALIGNED = "aligned"
# A link's cosine read as the chance that it is right, linear in between: with multilingual-e5-small
# sentences that do not render each other average 0.77-0.80 and a sentence and its translation 0.88-0.92
# (5th percentile 0.84) on the alignment gold (docs/performance.md). Not calibrated on speakers.
LINK_FLOOR = 0.78
LINK_SURE = 0.88


def link_confidence(score: float) -> float:
    """0 at ``LINK_FLOOR`` and below, 1 at ``LINK_SURE`` and above, linear in between."""
    return min(1.0, max(0.0, (float(score) - LINK_FLOOR) / (LINK_SURE - LINK_FLOOR)))


def _name(x: object) -> str:
    return x if isinstance(x, str) else ""


def _conf(x: object) -> float:
    return float(x) if pd.notna(x) else 0.0  # type: ignore[arg-type]


def _source(frame: pd.DataFrame, labels: Sequence[Hashable]) -> tuple[str, float]:
    """The one speaker the linked sentences are known to have and its least confidence (("", 0) if none or several)."""
    names, confs = set(), []
    for i in labels:
        speaker, att = _name(frame.at[i, "speaker"]), frame.at[i, "attribution"]
        conf = 1.0 if att == "labelled" else _conf(frame.at[i, "speaker_confidence"])
        if speaker and (att == "labelled" or conf >= CONFIDENT):
            names.add(speaker)
            confs.append(conf)
    return (names.pop(), min(confs)) if len(names) == 1 else ("", 0.0)


def _takes(frame: pd.DataFrame, i: Hashable, name: str, conf: float, link_conf: float) -> bool:
    att = frame.at[i, "attribution"]
    if att == "labelled" or conf <= 0 or _name(frame.at[i, "speaker"]) == name:
        return False
    if att == "unknown" and not _name(frame.at[i, "speaker"]):
        return True
    return link_conf >= CONFIDENT and conf > _conf(frame.at[i, "speaker_confidence"])


def _carry_link(src: pd.DataFrame, dst: pd.DataFrame, ids_src: Sequence[Hashable], ids_dst: Sequence[Hashable],
                score: float) -> list[Hashable]:  # fmt: skip
    """Carry the source sentences' speaker onto the linked ones of ``dst`` (in place); the labels that took it."""
    name, src_conf = _source(src, ids_src)
    if not name:
        return []
    link_conf = link_confidence(score)
    conf = round(src_conf * link_conf, 3)
    took = [i for i in ids_dst if _takes(dst, i, name, conf, link_conf)]
    for i in took:
        dst.at[i, "speaker"] = name
        dst.at[i, "attribution"] = ALIGNED
        dst.at[i, "speaker_confidence"] = conf
        if "speaker_inferred" in dst.columns:
            dst.at[i, "speaker_inferred"] = True
    return took


def _writable(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["speaker"] = out["speaker"].astype(object)
    out["speaker_confidence"] = out["speaker_confidence"].astype(float)
    return out


def carry_speakers(
    sents_a: pd.DataFrame, sents_b: pd.DataFrame, links: list[Link]
) -> tuple[pd.DataFrame, pd.DataFrame, dict[int, str]]:
    """Both renderings' sentences (positions as in ``links``) with speakers carried over; per link, the direction."""
    a, b = _writable(sents_a), _writable(sents_b)
    carried: dict[int, str] = {}
    for n, lk in enumerate(links):
        if not lk.a or not lk.b:
            continue
        ia, ib = [a.index[i] for i in lk.a], [b.index[i] for i in lk.b]
        for src, dst, ids_src, ids_dst, tag in ((sents_a, b, ia, ib, "a_to_b"), (sents_b, a, ib, ia, "b_to_a")):
            if _carry_link(src, dst, ids_src, ids_dst, lk.score):
                carried[n] = tag
                break
    return a, b, carried


def _ids(cell: object) -> list[int]:
    return [int(x) for x in cell.split()] if isinstance(cell, str) else []


def carry_into_tables(
    sentences: pd.DataFrame, claims: pd.DataFrame, alignment: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus's sentences and claims with the speakers the alignment carries over (the inputs stay untouched).

    The links of every pair are taken in the alignment table's order, each
    direction decided on the sentences as extracted (a carried speaker is
    not carried on). A claim takes its sentence's new speaker when it had the
    sentence's voice (not that of an aside or quotation inside it).
    """
    if not len(alignment) or not len(sentences):
        return sentences, claims
    out = _writable(sentences)
    label = {(str(d), int(s)): i for i, d, s in zip(sentences.index, sentences["doc_id"], sentences["sentence_id"])}
    changed: list[Hashable] = []
    for row in alignment.itertuples(index=False):
        ia = [label.get((str(row.doc_a), s)) for s in _ids(row.sentences_a)]
        ib = [label.get((str(row.doc_b), s)) for s in _ids(row.sentences_b)]
        if not ia or not ib or None in ia or None in ib or pd.isna(row.score):
            continue
        for ids_src, ids_dst in ((ia, ib), (ib, ia)):
            took = _carry_link(sentences, out, ids_src, ids_dst, float(row.score))
            changed += took
            if took:
                break
    if not changed:
        return sentences, claims
    return out, _carry_claims(claims, sentences, out, sorted(set(changed), key=str))


def _carry_claims(
    claims: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame, changed: list[Hashable]
) -> pd.DataFrame:
    key = {(str(before.at[i, "doc_id"]), int(before.at[i, "sentence_id"])): i for i in changed}
    where = zip(claims.index, claims["doc_id"].astype(str), claims["sentence_id"], strict=True)
    hits = [(c, key[(d, int(s))]) for c, d, s in where if pd.notna(s) and (d, int(s)) in key]
    if not hits:
        return claims
    out = _writable(claims)
    for c, i in hits:
        same_voice = _name(claims.at[c, "speaker"]) == _name(before.at[i, "speaker"]) and (
            claims.at[c, "attribution"] == before.at[i, "attribution"]
        )
        if same_voice:
            for col in ("speaker", "attribution", "speaker_confidence"):
                out.at[c, col] = after.at[i, col]
    return out
