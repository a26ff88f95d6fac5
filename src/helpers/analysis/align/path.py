"""The monotone sentence alignment of two renderings, in the manner of Bertalign.

1. **Anchors**: pairs of sentences that are each other's most similar
   sentence with a cosine of at least ``ANCHOR_MIN``; of those, the heaviest
   chain that is increasing on both sides (a weighted longest increasing
   subsequence, O(k log k)).
2. **Band**: the alignment path may only pass within ``BAND`` sentences of
   the line through the anchors, so the dynamic programme costs
   O((n + m) * BAND), not O(n * m); similarities are computed inside the band
   only.
3. **Dynamic programme** over the band with links 1-1, 1-2, 2-1, 1-3, 3-1
   and the one-sided 1-0 / 0-1 ("only in"). A link gains ``weight * (similarity -
   THRESHOLD)`` less a length-ratio penalty; an unlinked sentence gains 0, so a
   sentence is linked only where it is more similar to its partner than
   unrelated sentences are (a write-up that summarises gets honest "only in"
   rows). The similarity of a span of several sentences is that of the
   normalised sum of its sentences' vectors.
4. **Reordered links**: sentences left unlinked on both sides that are each
   other's best match above ``REORDER_MIN`` are linked out of order (a write-up
   that moves a sentence elsewhere).

Everything is deterministic: ties resolve to the lowest move code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

THRESHOLD = 0.78  # cosine of unrelated sentences is ~0.70-0.80 with multilingual-e5-small
ANCHOR_MIN = 0.86
REORDER_MIN = 0.88
BAND = 20
LENGTH_PENALTY = 0.02
MERGE_WEIGHT = 0.9
MERGE3_WEIGHT = 0.9
CHUNK = 512
NEIGHBOURS = 4
MARGIN = 0.0
MARGIN_WEIGHT = 1.0

SKIP_A, SKIP_B, ONE_ONE, ONE_TWO, TWO_ONE, ONE_THREE, THREE_ONE = 0, 1, 2, 3, 4, 5, 6
_STEPS = {SKIP_A: (1, 0), SKIP_B: (0, 1), ONE_ONE: (1, 1), ONE_TWO: (1, 2), TWO_ONE: (2, 1), ONE_THREE: (1, 3),
          THREE_ONE: (3, 1)}  # fmt: skip
MAX_SPAN = 3


def _links() -> tuple[tuple[int, int, int, float], ...]:
    """(move, a sentences, b sentences, weight) of the links the DP may make."""
    return (
        (ONE_ONE, 1, 1, 1.0),
        (ONE_TWO, 1, 2, MERGE_WEIGHT),
        (TWO_ONE, 2, 1, MERGE_WEIGHT),
        (ONE_THREE, 1, 3, MERGE3_WEIGHT),
        (THREE_ONE, 3, 1, MERGE3_WEIGHT),
    )


@dataclass(frozen=True)
class Link:
    a: tuple[int, ...]  # sentence positions in rendering a (empty: only in b)
    b: tuple[int, ...]
    score: float  # cosine of the two spans (0 for one-sided links)
    method: str  # anchor | path | reordered | "" (one-sided)


def _best_matches(ea: np.ndarray, eb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per row of ea its best column and cosine, per column of eb its best row and cosine (chunked: O(n+m) memory)."""
    n, m = len(ea), len(eb)
    best_j, best_sa = np.zeros(n, dtype=np.int64), np.full(n, -2.0, dtype=np.float32)
    best_i, best_sb = np.zeros(m, dtype=np.int64), np.full(m, -2.0, dtype=np.float32)
    for lo in range(0, n, CHUNK):
        s = ea[lo : lo + CHUNK] @ eb.T
        best_j[lo : lo + CHUNK] = s.argmax(axis=1)
        best_sa[lo : lo + CHUNK] = s.max(axis=1)
        col = s.max(axis=0)
        better = col > best_sb
        best_sb[better] = col[better]
        best_i[better] = (s.argmax(axis=0) + lo)[better]
    return best_j, best_sa, best_i, best_sb


def neighbour_means(ea: np.ndarray, eb: np.ndarray, k: int = NEIGHBOURS) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence of each side the mean cosine of its ``k`` nearest sentences of the other side (chunked)."""
    n, m = len(ea), len(eb)
    ka = np.zeros(n, dtype=np.float64)
    kb_parts: list[np.ndarray] = []
    kk_a, kk_b = min(k, m), min(k, n)
    for lo in range(0, n, CHUNK):
        s = ea[lo : lo + CHUNK] @ eb.T
        ka[lo : lo + CHUNK] = -np.sort(-np.partition(s, m - kk_a, axis=1)[:, m - kk_a :], axis=1).mean(axis=1)
        kb_parts.append(np.partition(s, max(len(s) - kk_b, 0), axis=0)[max(len(s) - kk_b, 0) :])
    kb = np.concatenate(kb_parts, axis=0)
    kb = np.partition(kb, len(kb) - kk_b, axis=0)[len(kb) - kk_b :].mean(axis=0).astype(np.float64)
    return ka, kb


def anchors(ea: np.ndarray, eb: np.ndarray, minimum: float = ANCHOR_MIN) -> list[tuple[int, int, float]]:
    """Mutual best pairs above ``minimum``; of those the heaviest chain increasing on both sides."""
    if len(ea) == 0 or len(eb) == 0:
        return []
    best_j, best_sa, best_i, _ = _best_matches(ea, eb)
    cands = [
        (i, int(best_j[i]), float(best_sa[i]))
        for i in range(len(ea))
        if best_sa[i] >= minimum and best_i[best_j[i]] == i
    ]
    return _heaviest_chain(cands, len(eb))


def _heaviest_chain(cands: list[tuple[int, int, float]], m: int) -> list[tuple[int, int, float]]:
    """Weighted longest strictly increasing subsequence in j (cands sorted by i, one per i): Fenwick prefix maxima."""
    tree = [(0.0, -1)] * (m + 1)  # (best chain weight ending at j' <= j, index into cands)
    prev = [-1] * len(cands)
    total = [0.0] * len(cands)

    def query(j: int) -> tuple[float, int]:  # best over columns < j
        best, k = (0.0, -1), j
        while k > 0:
            if tree[k][0] > best[0]:
                best = tree[k]
            k -= k & -k
        return best

    for idx, (_, j, s) in enumerate(cands):
        w, p = query(j)
        total[idx], prev[idx] = w + s, p
        k = j + 1
        while k <= m:
            if total[idx] > tree[k][0]:
                tree[k] = (total[idx], idx)
            k += k & -k
    if not cands:
        return []
    k = max(range(len(cands)), key=lambda t: (total[t], -t))
    chain = []
    while k >= 0:
        chain.append(cands[k])
        k = prev[k]
    return chain[::-1]


def band(
    n: int, m: int, anchor_pairs: list[tuple[int, int, float]], width: int = BAND
) -> tuple[np.ndarray, np.ndarray]:
    """Per DP row i (0..n) the allowed columns [lo, hi]: within ``width`` of the line through the anchors."""
    xs = [0.0] + [i + 0.5 for i, _, _ in anchor_pairs] + [float(n)]
    ys = [0.0] + [j + 0.5 for _, j, _ in anchor_pairs] + [float(m)]
    centre = np.interp(np.arange(n + 1, dtype=np.float64), xs, ys)
    # Rows between two anchors far apart in b may need any column between them.
    seg = np.searchsorted(np.asarray(xs), np.arange(n + 1), side="right") - 1
    seg = np.clip(seg, 0, len(xs) - 2)
    y0, y1 = np.asarray(ys)[seg], np.asarray(ys)[seg + 1]
    lo = np.minimum(centre - width, np.where(y1 - y0 <= 4 * width, y0 - width, centre - width))
    hi = np.maximum(centre + width, np.where(y1 - y0 <= 4 * width, y1 + width, centre + width))
    lo = np.clip(np.floor(lo), 0, m).astype(np.int64)
    hi = np.clip(np.ceil(hi), 0, m).astype(np.int64)
    lo[0], hi[n] = 0, m
    return lo, hi


class _Scorer:
    """Similarities and gains of spans, computed on demand inside the band."""

    def __init__(self, ea: np.ndarray, eb: np.ndarray, len_a: np.ndarray, len_b: np.ndarray) -> None:
        self.ea, self.eb = ea, eb
        self.len_a, self.len_b = len_a.astype(np.float64), len_b.astype(np.float64)
        self.ratio = max(float(self.len_b.sum()), 1.0) / max(float(self.len_a.sum()), 1.0)
        self.span_a = self._span_norms(ea)
        self.span_b = self._span_norms(eb)
        self.knn_a, self.knn_b = neighbour_means(ea, eb)
        self.cum_knn_b = np.concatenate([[0.0], np.cumsum(self.knn_b)])
        self.cum_len_b = np.concatenate([[0.0], np.cumsum(self.len_b)])

    @staticmethod
    def _span_norms(e: np.ndarray) -> dict[int, np.ndarray]:
        """Per span length k (1..MAX_SPAN) and start i, the norm of the sum of e[i..i+k-1] (1.0 past the end)."""
        n = len(e)
        d1 = np.einsum("ij,ij->i", e[:-1], e[1:]).astype(np.float64) if n > 1 else np.zeros(0)
        d2 = np.einsum("ij,ij->i", e[:-2], e[2:]).astype(np.float64) if n > 2 else np.zeros(0)
        out = {1: np.ones(n + 1)}
        two = np.ones(n + 1)
        two[: len(d1)] = np.sqrt(np.maximum(2.0 + 2.0 * d1, 1e-9))
        three = np.ones(n + 1)
        three[: len(d2)] = np.sqrt(np.maximum(3.0 + 2.0 * (d1[:-1] + d1[1:] + d2), 1e-9))
        out[2], out[3] = two, three
        return out

    @staticmethod
    def gain(cos: np.ndarray, knn_a: np.ndarray | float, knn_b: np.ndarray | float, weight: float) -> np.ndarray:
        """Similarity above the threshold, plus how far it stands out from the two sentences' nearest neighbours
        (a margin: a write-up's sentence on the same topic is similar to many sentences, a translation to one)."""
        margin = cos - (np.asarray(knn_a) + np.asarray(knn_b)) / 2 - MARGIN
        return weight * (cos - THRESHOLD + MARGIN_WEIGHT * margin)

    def row(self, i: int, lo: int, hi: int) -> np.ndarray:
        """Cosines of a-sentence i with b-sentences lo..hi-1."""
        if i < 0 or lo >= hi:
            return np.zeros(max(hi - lo, 0), dtype=np.float64)
        return (self.eb[lo:hi] @ self.ea[i]).astype(np.float64)

    def penalty(self, la: np.ndarray | float, lb: np.ndarray | float) -> np.ndarray:
        return LENGTH_PENALTY * np.abs(np.log((np.asarray(lb) / self.ratio + 10.0) / (np.asarray(la) + 10.0)))


def _row_candidates(sc: _Scorer, prev: list[np.ndarray], los: np.ndarray, i: int, lo: int, hi: int):
    """Best value per column j in [lo, hi] of row i from the rows above: a skip of a, or a link ending at (i, j)."""
    width = hi - lo + 1
    cols = np.arange(lo, hi + 1)
    val = np.full(width, -math.inf)
    mv = np.full(width, -1, dtype=np.int64)

    def from_row(r: int, dj: int) -> np.ndarray:
        """best[r][j - dj] for each column j (−inf outside row r's band)."""
        out = np.full(width, -math.inf)
        if r < 0:
            return out
        src = cols - dj - los[r]
        ok = (src >= 0) & (src < len(prev[r]))
        out[ok] = prev[r][src[ok]]
        return out

    def consider(cand: np.ndarray, code: int) -> None:
        better = cand > val
        val[better], mv[better] = cand[better], code

    consider(from_row(i - 1, 0), SKIP_A)
    s_lo = max(lo - MAX_SPAN, 0)
    rows = [sc.row(i - k, s_lo, hi) for k in range(1, min(i, MAX_SPAN) + 1)]  # a[i-k] against b[s_lo..hi-1]
    for code, da, db, weight in _links():
        if da > i:
            continue
        # Cosine of the a span's summed vectors with every b span of db sentences ending before column j.
        summed = np.concatenate([[0.0], np.cumsum(np.sum(rows[:da], axis=0))])
        ok = cols - db >= s_lo
        jj = cols[ok]
        dots = summed[jj - s_lo] - summed[jj - db - s_lo]
        sim = dots / (sc.span_a[da][i - da] * sc.span_b[db][jj - db])
        knn_a = float(sc.knn_a[i - da : i].mean())
        knn_b = (sc.cum_knn_b[jj] - sc.cum_knn_b[jj - db]) / db
        len_a = float(sc.len_a[i - da : i].sum())
        len_b = sc.cum_len_b[jj] - sc.cum_len_b[jj - db]
        g = np.full(width, -math.inf)
        g[ok] = sc.gain(sim, knn_a, knn_b, weight) - sc.penalty(len_a, len_b)
        consider(from_row(i - da, db) + g, code)
    return val, mv


def monotone_path(
    ea: np.ndarray, eb: np.ndarray, len_a: np.ndarray, len_b: np.ndarray, anchor_pairs: list[tuple[int, int, float]]
) -> list[tuple[int, int, int]]:
    """The best monotone path through the band: (move, i, j) steps, i and j the sentences the step starts at."""
    n, m = len(ea), len(eb)
    los, his = band(n, m, anchor_pairs)
    sc = _Scorer(ea, eb, len_a, len_b)
    best: list[np.ndarray] = []
    moves: list[np.ndarray] = []
    for i in range(n + 1):
        lo, hi = int(los[i]), int(his[i])
        if i == 0:
            val, mv = np.full(hi - lo + 1, -math.inf), np.full(hi - lo + 1, -1, dtype=np.int64)
        else:
            val, mv = _row_candidates(sc, best, los, i, lo, hi)
        if lo == 0 and i == 0:
            val[0], mv[0] = 0.0, -1
        # Skipping b sentences along the row: a running maximum (gain 0 per skip).
        for k in range(1, len(val)):
            if val[k - 1] > val[k]:
                val[k], mv[k] = val[k - 1], SKIP_B
        best.append(val)
        moves.append(mv)
    steps = []
    i, j = n, m
    while i > 0 or j > 0:
        code = int(moves[i][j - los[i]])
        di, dj = _STEPS[code]
        i, j = i - di, j - dj
        steps.append((code, i, j))
    return steps[::-1]


def links_from_path(
    steps: list[tuple[int, int, int]], ea: np.ndarray, eb: np.ndarray, anchor_set: set[tuple[int, int]]
):
    out: list[Link] = []
    for code, i, j in steps:
        di, dj = _STEPS[code]
        a, b = tuple(range(i, i + di)), tuple(range(j, j + dj))
        if a and b:
            va, vb = ea[list(a)].sum(axis=0), eb[list(b)].sum(axis=0)
            cos = float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb) or 1.0))
            method = "anchor" if (a[0], b[0]) in anchor_set and len(a) == len(b) == 1 else "path"
            out.append(Link(a, b, cos, method))
        else:
            out.append(Link(a, b, 0.0, ""))
    return out


def reorder(links: list[Link], ea: np.ndarray, eb: np.ndarray, minimum: float = REORDER_MIN) -> list[Link]:
    """Link sentences left alone on both sides that are each other's best match (above ``minimum``), out of order."""
    lone_a = [lk.a[0] for lk in links if not lk.b]
    lone_b = [lk.b[0] for lk in links if not lk.a]
    if not lone_a or not lone_b:
        return links
    bj, sa, bi, _ = _best_matches(ea[lone_a], eb[lone_b])
    pairs = {
        lone_a[k]: (lone_b[int(bj[k])], float(sa[k])) for k in range(len(lone_a)) if sa[k] >= minimum and bi[bj[k]] == k
    }
    taken = {b for b, _ in pairs.values()}
    out = []
    for lk in links:
        if not lk.b and lk.a[0] in pairs:
            b, s = pairs[lk.a[0]]
            out.append(Link(lk.a, (b,), s, "reordered"))
        elif not lk.a and lk.b[0] in taken:
            continue
        else:
            out.append(lk)
    return out


def align_vectors(ea: np.ndarray, eb: np.ndarray, len_a: np.ndarray, len_b: np.ndarray) -> list[Link]:
    """Links between two renderings' sentences (rows of ``ea`` and ``eb``, normalised), in a's order."""
    if len(ea) == 0 or len(eb) == 0:
        return [Link((i,), (), 0.0, "") for i in range(len(ea))] + [Link((), (j,), 0.0, "") for j in range(len(eb))]
    anchor_pairs = anchors(ea, eb)
    steps = monotone_path(ea, eb, len_a, len_b, anchor_pairs)
    links = links_from_path(steps, ea, eb, {(i, j) for i, j, _ in anchor_pairs})
    return reorder(links, ea, eb)
