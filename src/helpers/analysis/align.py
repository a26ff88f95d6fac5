"""Alignment of two renderings of one event (e.g. a Japanese and a German version of one talk).

Both renderings follow the talk's order, so the alignment is monotone. Passages
(the parser's blocks) are scored by the *anchors* they share: quantities from
the claims table (9ヶ月 and neun Monate are both 9 months), digit runs, and
Latin-script names (Llama, Facebook, SPC, Open Compute) that survive
translation. A dynamic programme picks the best monotone set of anchor
matches; passages between two anchor matches are paired by their relative
position in the gap (the share of the gap's characters before them). A gap
that one rendering fills and the other (almost) does not is reported as a
passage only one rendering has.

Each output row pairs one passage of ``doc_a`` with a span of ``doc_b`` (or
with nothing) and says whether the quantities in them agree.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from ..tables import Column, TableSpec
from ..text.model import ParsedDocument

STATUSES = ("matched", "only_a", "only_b", "value_differs")


ALIGNMENT = TableSpec(
    "alignment",
    "one row per aligned passage of two renderings of one event",
    (
        Column("doc_a", "str", "First rendering (document id)."),
        Column("start_a", "int", "Start offset of the passage in doc_a (empty for only_b).", nullable=True),
        Column("end_a", "int", "End offset of the passage in doc_a.", nullable=True),
        Column("doc_b", "str", "Second rendering (document id)."),
        Column("start_b", "int", "Start offset of the matching span in doc_b (empty for only_a).", nullable=True),
        Column("end_b", "int", "End offset of the matching span in doc_b.", nullable=True),
        Column(
            "status",
            "str",
            "matched | value_differs (a quantity of one unit differs) | only_a | only_b (passage one rendering lacks).",
        ),
        Column(
            "method",
            "str",
            "anchor (matched on shared anchors) or position (placed between anchor matches by relative position).",
        ),
        Column("score", "float", "Weight of the shared anchors (0 for position matches).", nullable=True),
        Column(
            "sentence_a",
            "int",
            "sentence_id of the passage's first sentence in doc_a (link anchor #s-N).",
            nullable=True,
        ),
        Column("sentence_b", "int", "sentence_id of the span's first sentence in doc_b.", nullable=True),
        Column("lang_a", "str", "Language of the doc_a passage."),
        Column("lang_b", "str", "Language of the doc_b span."),
        Column("quantities_a", "str", "Quantities (unit=value) claimed in the doc_a passage."),
        Column("quantities_b", "str", "Quantities claimed in the doc_b span."),
        Column("only_in_a", "str", "Quantities of doc_a with no equal quantity in doc_b's span."),
        Column("only_in_b", "str", "Quantities of doc_b with no equal quantity in doc_a's passage."),
        Column("detail", "str", "One line: the shared anchors, or how the quantities differ."),
        Column("excerpt_a", "str", "First characters of the doc_a passage."),
        Column("excerpt_b", "str", "First characters of the doc_b span."),
    ),
)

# Matches below this anchor weight are noise (one shared common word).
MIN_SCORE = 1.5
# Penalty per unit of relative-position difference: a match far from the
# diagonal must be backed by several anchors.
POSITION_PENALTY = 4.0
# A gap side holding less than this share of the characters the other side
# implies (at the documents' overall length ratio) counts as absent.
GAP_PRESENT_SHARE = 0.2
EXCERPT = 80
QUANTITY_TOLERANCE = 0.05

# Names written in katakana in Japanese but in Latin script in German/English.
KATAKANA_NAMES: dict[str, tuple[str, ...]] = {
    "メタ": ("meta",), "フェイスブック": ("facebook",), "ザッカーバーグ": ("zuckerberg",),
    "オープンソース": ("open", "source"), "オープン・コンピュート": ("open", "compute"),
    "ニュースフィード": ("news", "feed"), "プリシラ": ("priscilla",), "ダスティン": ("dustin",),
    "オキュラス": ("oculus",), "グーグル": ("google",), "マイクロソフト": ("microsoft",),
    "ラマ": ("llama",), "サウス・パーク・コモンズ": ("south", "park", "commons"),
    "アンドロイド": ("android",), "インスタグラム": ("instagram",), "エヌビディア": ("nvidia",),
}  # fmt: skip
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_LLAMA_JOINED = re.compile(r"(?i)(llama|lama)(\d)")


@dataclass
class Passage:
    index: int
    start: int
    end: int
    sentence_id: int  # of the passage's first sentence
    lang: str
    text: str
    anchors: Counter = field(default_factory=Counter)
    quantities: list[tuple[str, str, tuple[float, float]]] = field(default_factory=list)  # (unit, surface, range)


def _sentences(doc: ParsedDocument | pd.DataFrame) -> tuple[str, pd.DataFrame]:
    if isinstance(doc, ParsedDocument):
        rows = [
            dict(doc_id=doc.doc_id, sentence_id=s.sentence_id, block_id=s.block_id, start=s.start, end=s.end,
                 lang=s.lang, text=s.text)
            for s in doc.sentences
        ]  # fmt: skip
        return doc.doc_id, pd.DataFrame(
            rows, columns=["doc_id", "sentence_id", "block_id", "start", "end", "lang", "text"]
        )
    ids = sorted(set(doc["doc_id"]))
    if len(ids) != 1:
        raise ValueError(f"expected the sentences of one document, got {len(ids)}: {', '.join(ids[:5])}")
    return ids[0], doc


def latin_tokens(text: str) -> list[str]:
    """Lower-cased Latin-script words, hyphenated compounds split, katakana names mapped to Latin."""
    text = unicodedata.normalize("NFKC", text)
    text = _LLAMA_JOINED.sub(r"\1 \2", text)  # "Llama4" and "Llama 4" are the same name
    out = [w.lower() for w in _LATIN.findall(text)]
    for kana, latin in KATAKANA_NAMES.items():
        out += list(latin) * text.count(kana)
    return out


def _quantity_key(unit: str, rng: tuple[float, float]) -> str:
    lo, hi = rng
    return f"{unit}={lo:g}" if lo == hi else f"{unit}={lo:g}-{hi:g}"


def passages(doc: ParsedDocument | pd.DataFrame, claims: pd.DataFrame | None) -> tuple[str, list[Passage]]:
    """The document's passages (blocks of sentences) with their quantities, in text order."""
    doc_id, sents = _sentences(doc)
    sents = sents.sort_values(["start", "sentence_id"], kind="stable")
    out: list[Passage] = []
    for _, grp in sents.groupby("block_id", sort=False):
        langs = Counter(grp["lang"].fillna("unknown"))
        out.append(
            Passage(
                index=len(out),
                start=int(grp["start"].min()),
                end=int(grp["end"].max()),
                sentence_id=int(grp["sentence_id"].iloc[0]),
                lang=langs.most_common(1)[0][0],
                text=" ".join(str(t) for t in grp["text"]),
            )
        )
    out.sort(key=lambda p: p.start)
    for i, p in enumerate(out):
        p.index = i
    if claims is not None and len(claims):
        mine = claims[claims["doc_id"] == doc_id].sort_values("start", kind="stable")
        starts = [p.start for p in out]
        for c in mine.itertuples():
            rng = _claim_range(c)
            if rng is None:
                continue
            i = _bisect_right(starts, int(c.start)) - 1
            if 0 <= i < len(out) and out[i].start <= c.start < max(out[i].end, out[i].start + 1):
                out[i].quantities.append((str(c.unit), str(c.surface), rng))
    for p in out:
        p.anchors.update(f"w:{t}" for t in latin_tokens(p.text))
        p.anchors.update(f"q:{_quantity_key(u, r)}" for u, _, r in p.quantities)
        p.anchors.update(
            f"n:{d.replace(',', '.')}" for d in _DIGITS.findall(unicodedata.normalize("NFKC", p.text)) if len(d) >= 2
        )
    return doc_id, out


def _bisect_right(xs: list[int], x: int) -> int:
    lo, hi = 0, len(xs)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < xs[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _claim_range(c) -> tuple[float, float] | None:
    def f(x):
        try:
            v = float(x)
        except (TypeError, ValueError):
            return None
        return None if math.isnan(v) else v

    v = f(getattr(c, "value", None))
    if v is not None:
        return (v, v)
    lo, hi = f(getattr(c, "value_low", None)), f(getattr(c, "value_high", None))
    if lo is None and hi is None:
        return None
    return (lo if lo is not None else 0.0, hi if hi is not None else math.inf)


def anchor_weights(a: list[Passage], b: list[Passage]) -> dict[str, float]:
    """Inverse passage frequency of anchors found in both renderings (others cannot anchor)."""
    df_a = Counter(k for p in a for k in p.anchors)
    df_b = Counter(k for p in b for k in p.anchors)
    n = len(a) + len(b)
    weights = {}
    for k in df_a.keys() & df_b.keys():
        w = math.log((n + 1) / (df_a[k] + df_b[k]))
        if k.startswith("q:"):
            w *= 2  # a normalized quantity is the strongest evidence of the same sentence
        weights[k] = max(w, 0.0)
    return weights


def pair_score(p: Passage, q: Passage, weights: dict[str, float]) -> tuple[float, list[str]]:
    shared = [k for k in p.anchors.keys() & q.anchors.keys() if weights.get(k, 0) > 0]
    score = sum(weights[k] * min(p.anchors[k], q.anchors[k]) for k in shared)
    return score, sorted(shared, key=lambda k: (-weights[k], k))


def anchor_matches(
    a: list[Passage], b: list[Passage], weights: dict[str, float]
) -> list[tuple[int, int, float, list[str]]]:
    """Best monotone one-to-one set of anchor matches (DP over passages)."""
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return []
    gain: dict[tuple[int, int], tuple[float, list[str]]] = {}
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            s, shared = pair_score(p, q, weights)
            s -= POSITION_PENALTY * abs((i + 0.5) / n - (j + 0.5) / m)
            if s >= MIN_SCORE:
                gain[(i, j)] = (s, shared)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 diag-match, 1 skip a, 2 skip b
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            options = [(best[i - 1][j], 1), (best[i][j - 1], 2)]
            g = gain.get((i - 1, j - 1))
            if g is not None:
                options.append((best[i - 1][j - 1] + g[0], 0))
            # Ties resolve to the lowest move code: deterministic.
            best[i][j], move[i][j] = max(options, key=lambda t: (t[0], -t[1]))
    out = []
    i, j = n, m
    while i > 0 and j > 0:
        mv = move[i][j]
        if mv == 0:
            s, shared = gain[(i - 1, j - 1)]
            out.append((i - 1, j - 1, s, shared))
            i, j = i - 1, j - 1
        elif mv == 1:
            i -= 1
        else:
            j -= 1
    return out[::-1]


def _fill_gap(ga: list[Passage], gb: list[Passage], ratio: float) -> list[tuple[list[Passage], list[Passage]]]:
    """Pair the passages between two anchor matches by relative position; one-sided when a side is (nearly) empty."""
    len_a = sum(p.end - p.start for p in ga)
    len_b = sum(p.end - p.start for p in gb)
    a_present = bool(ga) and len_a * ratio >= GAP_PRESENT_SHARE * len_b
    b_present = bool(gb) and len_b >= GAP_PRESENT_SHARE * len_a * ratio
    if not (a_present and b_present):
        return [([p], []) for p in ga] + [([], [q]) for q in gb]
    bounds, pos = [], 0
    for p in ga:
        bounds.append((pos / len_a, (pos + p.end - p.start) / len_a))
        pos += p.end - p.start
    assigned: dict[int, list[Passage]] = {i: [] for i in range(len(ga))}
    pos = 0
    for q in gb:
        mid = (pos + (q.end - q.start) / 2) / max(len_b, 1)
        pos += q.end - q.start
        k = next((i for i, (lo, hi) in enumerate(bounds) if lo <= mid < hi), len(ga) - 1)
        assigned[k].append(q)
    out = []
    for i, p in enumerate(ga):
        qs = assigned[i]
        if not qs:
            # Position puts no passage of b here: pair with the b passage nearest in relative position.
            centre = (bounds[i][0] + bounds[i][1]) / 2
            pos, best, best_d = 0, gb[0], math.inf
            for q in gb:
                d = abs((pos + (q.end - q.start) / 2) / max(len_b, 1) - centre)
                if d < best_d:
                    best, best_d = q, d
                pos += q.end - q.start
            qs = [best]
        out.append(([p], qs))
    return out


def _same_quantity(ra: tuple[float, float], rb: tuple[float, float]) -> bool:
    # Rounding in translation (5 %) and vague ranges (何ヶ月 vs ein paar Monate) still agree.
    return ra[0] * (1 - QUANTITY_TOLERANCE) <= rb[1] and rb[0] * (1 - QUANTITY_TOLERANCE) <= ra[1]


def _compare_quantities(qa, qb) -> tuple[str, list[str], list[str], str]:
    """Status and detail from the quantities of two aligned spans.

    Quantities pair up greedily when their units agree and their ranges
    overlap; what is left over is missing in the other rendering, and a
    leftover on both sides in the same unit is a value that differs.
    """
    left_b = list(qb)
    left_a = []
    for u, s, r in qa:
        hit = next((k for k, (ub, _, rb) in enumerate(left_b) if ub == u and _same_quantity(r, rb)), None)
        if hit is None:
            left_a.append((u, s, r))
        else:
            left_b.pop(hit)
    only_a = sorted(_quantity_key(u, r) for u, _, r in left_a)
    only_b = sorted(_quantity_key(u, r) for u, _, r in left_b)
    differing = sorted({u for u, _, _ in left_a} & {u for u, _, _ in left_b})
    if differing:
        notes = []
        for u in differing:
            va = [(s, r) for uu, s, r in left_a if uu == u]
            vb = [(s, r) for uu, s, r in left_b if uu == u]
            note = f"{u}: {', '.join(s for s, _ in va)} vs {', '.join(s for s, _ in vb)}"
            ratio = _power_of_ten(va[0][1], vb[0][1])
            if ratio:
                note += f" (differ by 10^{ratio})"
            notes.append(note)
        return "value_differs", only_a, only_b, "; ".join(notes)
    detail = ""
    if only_a or only_b:
        detail = "quantities missing in the other rendering: " + ", ".join(
            [f"a has {k}" for k in only_a] + [f"b has {k}" for k in only_b]
        )
    return "matched", only_a, only_b, detail


def _power_of_ten(ra: tuple[float, float], rb: tuple[float, float]) -> int | None:
    a, b = ra[0], rb[0]
    if a <= 0 or b <= 0 or math.isinf(a) or math.isinf(b):
        return None
    k = round(math.log10(a / b))
    return k if k != 0 and abs(a / b / 10.0**k - 1) < 0.05 else None


def _excerpt(ps: list[Passage]) -> str:
    text = " ".join(p.text for p in ps)
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def alignment_frame(
    doc_a: ParsedDocument | pd.DataFrame, doc_b: ParsedDocument | pd.DataFrame, claims: pd.DataFrame | None
) -> pd.DataFrame:
    """Passage-by-passage alignment of two renderings; one row per passage of a (and per passage only b has)."""
    id_a, pa = passages(doc_a, claims)
    id_b, pb = passages(doc_b, claims)
    weights = anchor_weights(pa, pb)
    matches = anchor_matches(pa, pb, weights)
    total_a = sum(p.end - p.start for p in pa) or 1
    total_b = sum(p.end - p.start for p in pb) or 1
    ratio = total_b / total_a
    units: list[tuple[list[Passage], list[Passage], str, float, str]] = []
    prev_i, prev_j = -1, -1
    for i, j, s, shared in [*matches, (len(pa), len(pb), 0.0, [])]:
        for ga, gb in _fill_gap(pa[prev_i + 1 : i], pb[prev_j + 1 : j], ratio):
            units.append((ga, gb, "position", 0.0, ""))
        if i < len(pa) and j < len(pb):
            names = ", ".join(k.split(":", 1)[1] for k in shared[:6])
            units.append(([pa[i]], [pb[j]], "anchor", round(s, 3), f"shared anchors: {names}"))
        prev_i, prev_j = i, j
    rows = []
    for ga, gb, method, score, anchors in units:
        qa = [q for p in ga for q in p.quantities]
        qb = [q for p in gb for q in p.quantities]
        if ga and gb:
            status, only_a, only_b, detail = _compare_quantities(qa, qb)
            detail = "; ".join(x for x in (detail, anchors) if x)
        else:
            status = "only_a" if ga else "only_b"
            only_a = sorted(_quantity_key(u, r) for u, _, r in qa)
            only_b = sorted(_quantity_key(u, r) for u, _, r in qb)
            detail = "no counterpart in the other rendering at this point of the talk"
        rows.append(
            dict(
                doc_a=id_a, start_a=ga[0].start if ga else None, end_a=ga[-1].end if ga else None,
                doc_b=id_b,
                start_b=min(q.start for q in gb) if gb else None, end_b=max(q.end for q in gb) if gb else None,
                status=status, method=method, score=score,
                sentence_a=ga[0].sentence_id if ga else None, sentence_b=min(q.sentence_id for q in gb) if gb else None,
                lang_a=ga[0].lang if ga else "", lang_b=gb[0].lang if gb else "",
                quantities_a=" ".join(_quantity_key(u, r) for u, _, r in qa),
                quantities_b=" ".join(_quantity_key(u, r) for u, _, r in qb),
                only_in_a=" ".join(only_a), only_in_b=" ".join(only_b), detail=detail,
                excerpt_a=_excerpt(ga), excerpt_b=_excerpt(gb),
            )
        )  # fmt: skip
    out = pd.DataFrame(rows, columns=ALIGNMENT.names)
    for col in ("start_a", "end_a", "start_b", "end_b", "sentence_a", "sentence_b"):
        out[col] = out[col].astype("Int64")
    return out


def alignment_summary(frame: pd.DataFrame) -> dict[str, int]:
    """Counts per status plus quantities missing on either side."""
    counts = {s: int((frame["status"] == s).sum()) for s in STATUSES}
    counts["quantities_only_in_a"] = int(frame["only_in_a"].str.split().str.len().fillna(0).sum())
    counts["quantities_only_in_b"] = int(frame["only_in_b"].str.split().str.len().fillna(0).sum())
    return counts
