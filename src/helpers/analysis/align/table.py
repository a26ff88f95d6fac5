"""The alignment and fidelity tables of two renderings of one event, sentence by sentence.

:func:`align_renderings` embeds both renderings' sentences (``analysis.embed``,
cached by content), links them (``path``), carries speakers over
(``speakers``) and pairs every quantity of each link (``fidelity``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ...tables import Column, TableSpec
from ...text.model import ParsedDocument
from ..embed import Embedder, embed_sentences
from .fidelity import FIDELITY, Quantity, generations, kind_of, pair_quantities
from .path import Link, align_vectors
from .speakers import carry_speakers

STATUSES = ("matched", "only_a", "only_b", "value_differs")
EXCERPT = 80
SENTENCE_COLUMNS = ["doc_id", "sentence_id", "block_id", "start", "end", "lang", "text"]

ALIGNMENT = TableSpec(
    "alignment",
    "one row per link of two renderings of one event: sentences of one linked to sentences of the other, or alone",
    (
        Column("doc_a", "str", "First rendering (document id)."),
        Column(
            "start_a",
            "int",
            "Start offset of the link's first sentence in doc_a (empty for only_b).",
            nullable=True,
        ),
        Column("end_a", "int", "End offset of the link's last sentence in doc_a.", nullable=True),
        Column("doc_b", "str", "Second rendering (document id)."),
        Column(
            "start_b",
            "int",
            "Start offset of the link's first sentence in doc_b (empty for only_a).",
            nullable=True,
        ),
        Column("end_b", "int", "End offset of the link's last sentence in doc_b.", nullable=True),
        Column(
            "status",
            "str",
            "matched | value_differs (a quantity changed: see fidelity) | only_a | only_b (a sentence the other "
            "rendering does not render).",
        ),
        Column(
            "method",
            "str",
            "anchor (a high-similarity pair fixing the path), path (found between anchors), reordered (linked out of "
            "order); empty for only_a/only_b.",
        ),
        Column(
            "score",
            "float",
            "Cosine similarity of the two sides' sentence embeddings, 3 decimals (empty for only rows).",
            nullable=True,
        ),
        Column(
            "sentence_a",
            "int",
            "sentence_id of the link's first sentence in doc_a (link anchor #s-N).",
            nullable=True,
        ),
        Column("sentence_b", "int", "sentence_id of the link's first sentence in doc_b.", nullable=True),
        Column("lang_a", "str", "Language of the doc_a sentences."),
        Column("lang_b", "str", "Language of the doc_b sentences."),
        Column("quantities_a", "str", "Quantities (unit=value) claimed in the doc_a sentences."),
        Column("quantities_b", "str", "Quantities claimed in the doc_b sentences."),
        Column("only_in_a", "str", "Quantities of doc_a dropped by doc_b (fidelity verdict dropped)."),
        Column("only_in_b", "str", "Quantities of doc_b added to doc_a (fidelity verdict added)."),
        Column("detail", "str", "One line: the similarity and what changed."),
        Column("excerpt_a", "str", "First characters of the doc_a sentences."),
        Column("excerpt_b", "str", "First characters of the doc_b sentences."),
        Column("sentences_a", "str", "sentence_ids of the link in doc_a, space-separated (empty for only_b)."),
        Column("sentences_b", "str", "sentence_ids of the link in doc_b, space-separated (empty for only_a)."),
        Column("link", "str", "Shape of the link: 1-1, 1-2, 2-1, 1-0 (only_a) or 0-1 (only_b)."),
        Column("speaker_a", "str", "Speaker of the doc_a sentences, after speakers carried over."),
        Column("speaker_b", "str", "Speaker of the doc_b sentences, after speakers carried over."),
        Column(
            "speaker_carried",
            "str",
            "a_to_b or b_to_a when one side took its speaker from the other (attribution aligned, confidence = score);"
            " else empty.",
        ),
    ),
)  # fmt: skip


@dataclass
class Aligned:
    """One pair's links, their tables, and both renderings' sentences with speakers carried over."""

    links: list[Link]
    alignment: pd.DataFrame
    fidelity: pd.DataFrame
    sentences_a: pd.DataFrame
    sentences_b: pd.DataFrame


def sentence_frame(doc: ParsedDocument | pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The document id and its sentences in text order (a parsed document or its rows of the sentences table)."""
    if isinstance(doc, ParsedDocument):
        from ...text.frames import frames

        doc = frames(doc)["sentences"]
    ids = sorted(set(doc["doc_id"]))
    if len(ids) != 1:
        raise ValueError(f"expected the sentences of one document, got {len(ids)}: {', '.join(map(str, ids[:5]))}")
    out = doc.sort_values(["start", "sentence_id"], kind="stable").reset_index(drop=True)
    for col, default in (("speaker", None), ("attribution", "unknown"), ("speaker_confidence", 0.0)):
        if col not in out.columns:
            out[col] = default
    return ids[0], out


def _quantities(doc_id: str, sents: pd.DataFrame, claims: pd.DataFrame | None) -> list[list[Quantity]]:
    """Per sentence (by position) its quantities: the claims', then product generations."""
    pos = {int(s): k for k, s in enumerate(sents["sentence_id"])}
    out: list[list[Quantity]] = [[] for _ in range(len(sents))]
    if claims is not None and len(claims):
        mine = claims[claims["doc_id"] == doc_id]
        for c in mine.itertuples():
            k = pos.get(int(c.sentence_id)) if pd.notna(c.sentence_id) else None
            rng = _claim_range(c)
            if k is None or rng is None:
                continue
            vague = bool(getattr(c, "vague", False)) if pd.notna(getattr(c, "vague", False)) else False
            out[k].append(Quantity(int(c.sentence_id), int(c.start), str(c.surface), str(c.unit), rng[0], rng[1],
                                   vague or math.isnan(_float(c.value)), str(c.claim_id)))  # fmt: skip
    for k, (sid, start, text) in enumerate(zip(sents["sentence_id"], sents["start"], sents["text"], strict=True)):
        out[k] += generations(str(text), int(sid), int(start))
        out[k].sort(key=lambda q: q.start)
    return out


def _float(x: object) -> float:
    try:
        return float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def _claim_range(c: object) -> tuple[float, float] | None:
    v = _float(getattr(c, "value", None))
    if not math.isnan(v):
        return (v, v)
    lo, hi = _float(getattr(c, "value_low", None)), _float(getattr(c, "value_high", None))
    if math.isnan(lo) and math.isnan(hi):
        return None
    return (0.0 if math.isnan(lo) else lo, math.inf if math.isnan(hi) else hi)


def _key(q: Quantity) -> str:
    return f"{q.unit}={q.low:g}" if q.low == q.high else f"{q.unit}={q.low:g}-{q.high:g}"


def _excerpt(texts: Sequence[str]) -> str:
    text = " ".join(texts)
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def align_renderings(
    doc_a: ParsedDocument | pd.DataFrame,
    doc_b: ParsedDocument | pd.DataFrame,
    claims: pd.DataFrame | None,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
) -> Aligned:
    """Sentence alignment of two renderings, with its fidelity table and speakers carried over."""
    id_a, sa = sentence_frame(doc_a)
    id_b, sb = sentence_frame(doc_b)
    ea = embed_sentences(list(sa["text"].astype(str)), embedder, cache_dir)
    eb = embed_sentences(list(sb["text"].astype(str)), embedder, cache_dir)
    len_a = np.asarray([len(str(t)) for t in sa["text"]])
    len_b = np.asarray([len(str(t)) for t in sb["text"]])
    links = align_vectors(ea, eb, len_a, len_b)
    sa2, sb2, carried = carry_speakers(sa, sb, links)
    qa, qb = _quantities(id_a, sa, claims), _quantities(id_b, sb, claims)
    rows, fid_rows = [], []
    for n, lk in enumerate(links):
        row, fids = _link_rows(n, lk, (id_a, sa2, qa), (id_b, sb2, qb), carried.get(n, ""))
        rows.append(row)
        fid_rows += fids
    alignment = pd.DataFrame(rows, columns=ALIGNMENT.names)
    for col in ("start_a", "end_a", "start_b", "end_b", "sentence_a", "sentence_b"):
        alignment[col] = alignment[col].astype("Int64")
    fidelity = pd.DataFrame(fid_rows, columns=FIDELITY.names)
    for col in ("sentence_a", "sentence_b", "link"):
        fidelity[col] = fidelity[col].astype("Int64")
    return Aligned(links, alignment, fidelity, sa2, sb2)


def _side(sents: pd.DataFrame, idx: tuple[int, ...]) -> dict:
    if not idx:
        return dict(start=None, end=None, sentence=None, ids="", lang="", texts=[], speaker="")
    rows = sents.iloc[list(idx)]
    speakers = [str(s) for s in rows["speaker"] if isinstance(s, str) and s]
    return dict(
        start=int(rows["start"].min()), end=int(rows["end"].max()), sentence=int(rows["sentence_id"].iloc[0]),
        ids=" ".join(str(int(x)) for x in rows["sentence_id"]), lang=str(rows["lang"].iloc[0] or ""),
        texts=[str(t) for t in rows["text"]], speaker=speakers[0] if speakers else "",
    )  # fmt: skip


def _link_rows(n: int, lk: Link, a_info: tuple, b_info: tuple, carried: str) -> tuple[dict, list[dict]]:
    (id_a, sa, qa), (id_b, sb, qb) = a_info, b_info
    A, B = _side(sa, lk.a), _side(sb, lk.b)
    qs_a = [q for i in lk.a for q in qa[i]]
    qs_b = [q for j in lk.b for q in qb[j]]
    score = round(lk.score, 3) if lk.a and lk.b else None
    fids: list[dict] = []
    if lk.a and lk.b:
        pairs = pair_quantities(qs_a, qs_b)
        for a, b, verdict, reason in pairs:
            either = a if a is not None else b
            assert either is not None  # every pair holds a quantity of at least one side
            fids.append(dict(
                doc_a=id_a, doc_b=id_b, link=n, sentence_a=a.sentence_id if a else A["sentence"],
                sentence_b=b.sentence_id if b else B["sentence"], verdict=verdict, kind=kind_of(either),
                surface_a=a.surface if a else "", surface_b=b.surface if b else "", unit_a=a.unit if a else "",
                unit_b=b.unit if b else "", value_a=a.low if a else None, value_b=b.low if b else None,
                claim_a=a.claim_id if a else "", claim_b=b.claim_id if b else "", score=score, reason=reason,
                context_a=" ".join(A["texts"]), context_b=" ".join(B["texts"]),
            ))  # fmt: skip
        changed = [f for f in fids if f["verdict"] == "changed"]
        status = "value_differs" if changed else "matched"
        only_a = sorted(_key(a) for a, _, v, _ in pairs if v == "dropped" and a)
        only_b = sorted(_key(b) for _, b, v, _ in pairs if v == "added" and b)
        notes = [f"{f['surface_a']} vs {f['surface_b']}: {f['reason']}" for f in changed]
        detail = "; ".join([f"similarity {score:.3f}", *notes])
    else:
        status = "only_a" if lk.a else "only_b"
        only_a, only_b = sorted(_key(q) for q in qs_a), sorted(_key(q) for q in qs_b)
        detail = "no sentence of the other rendering renders this one"
    row = dict(
        doc_a=id_a, start_a=A["start"], end_a=A["end"], doc_b=id_b, start_b=B["start"], end_b=B["end"],
        status=status, method=lk.method, score=score, sentence_a=A["sentence"], sentence_b=B["sentence"],
        lang_a=A["lang"], lang_b=B["lang"], quantities_a=" ".join(_key(q) for q in qs_a),
        quantities_b=" ".join(_key(q) for q in qs_b), only_in_a=" ".join(only_a), only_in_b=" ".join(only_b),
        detail=detail, excerpt_a=_excerpt(A["texts"]), excerpt_b=_excerpt(B["texts"]), sentences_a=A["ids"],
        sentences_b=B["ids"], link=f"{len(lk.a)}-{len(lk.b)}", speaker_a=A["speaker"], speaker_b=B["speaker"],
        speaker_carried=carried,
    )  # fmt: skip
    return row, fids


def alignment_frame(
    doc_a: ParsedDocument | pd.DataFrame,
    doc_b: ParsedDocument | pd.DataFrame,
    claims: pd.DataFrame | None,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
) -> pd.DataFrame:
    """The alignment table of two renderings (see :func:`align_renderings`)."""
    return align_renderings(doc_a, doc_b, claims, embedder, cache_dir).alignment


def alignment_summary(frame: pd.DataFrame) -> dict[str, int]:
    """Counts per status plus quantities dropped or added."""
    counts = {s: int((frame["status"] == s).sum()) for s in STATUSES}
    counts["quantities_only_in_a"] = int(frame["only_in_a"].str.split().str.len().fillna(0).sum())
    counts["quantities_only_in_b"] = int(frame["only_in_b"].str.split().str.len().fillna(0).sum())
    return counts
