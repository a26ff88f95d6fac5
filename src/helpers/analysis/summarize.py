"""Extractive summaries that can be traced back to the sentences they quote.

Sentences are ranked by centrality (LexRank: PageRank over TF-IDF cosine
similarities between the sentences of one document). LexRank needs the full
sentence-by-sentence similarity matrix; above ``LEXRANK_MAX_SENTENCES``
eligible sentences (a book-sized document) that matrix no longer fits in
memory, so centrality becomes the cosine of each sentence to the document's
TF-IDF centroid, which is linear in the number of sentences. Summaries only ever
quote whole body sentences, each keeping its ``sentence_id``, so every line of
a summary links back to its place in the document.

Japanese is compared through SudachiPy's normalized content words (so that
買い/買った/買う are one word); German and English through lowercased word
forms with light suffix stripping. Sentences with fewer than
``MIN_CONTENT_TOKENS`` content words (「そうだな。」, "Ja, genau.") are never
chosen: they are central to nothing a reader wants summarised.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import ThreadpoolController

from ..claims.lexicon import CALENDAR_UNITS
from ..tables import Column, TableSpec
from ..text import japanese, model
from ..text.frames import typed_frame
from .attribution import said_by

MIN_CONTENT_TOKENS = 4
DAMPING = 0.85
# Two summary sentences sharing more than this cosine similarity say the same
# thing twice; the second one is only used when nothing else is left.
REDUNDANCY = 0.6
_MAX_ITER = 200
_TOL = 1e-10
# Scores equal up to float noise tie; document order then decides.
_SCORE_DECIMALS = 12
_VOCAB_BLOCK = 1024
# 4,000 sentences make a 128 MB similarity matrix and take seconds; the seed
# documents have at most ~1,100 eligible sentences, so they all use LexRank.
LEXRANK_MAX_SENTENCES = 4000

# --- Language data ---------------------------------------------------------

STOPWORDS: dict[str, frozenset[str]] = {
    # Normalized forms (SudachiPy normalized_form) of content-POS words that
    # carry no topic: formal nouns, light verbs, speech and thought verbs.
    "ja": frozenset(
        """
        こと 事 もの 物 者 ため 為 よう 様 ところ 所 とき 時 方 ほう 訳 わけ 筈 はず
        うち 内 中 感じ 的 風 辺 等 達 さん 君 様 皆 皆さん 人 人たち 自分 何 何か
        本当 今 今日 最近 実際 ちょっと 一つ 一 二 多く 沢山 全部 全て 以上 以下
        する 為る 居る いる 有る ある 成る なる 出来る できる 言う 云う 思う 考える
        見る 来る 行く 分かる 解る 判る 持つ 思える 聞く 話す 感じる 貰う もらう 呉れる くれる
        良い いい よい 無い ない 多い 大きい 凄い すごい
        """.split()
    ),
    "de": frozenset(
        """
        aber alle allem allen aller alles als also am an ander andere anderen anders auch auf aus
        bei beim bin bis bisschen bist da dabei dadurch dafür damit dann daran darauf darum das dass
        dem den denen denn der deren des deshalb dich die dies diese diesem diesen dieser dieses dir
        doch dort du durch eben ein eine einem einen einer eines einfach einige er es etwa etwas euch
        euer für ganz gar gibt gewesen habe haben hast hat hatte hätte hier hin ich ihm ihn ihnen ihr
        ihre ihrem ihren ihrer im immer in ins ist ja jede jedem jeden jeder jetzt kann kein keine
        können könnte man manche mehr mein meine meinem meinen meiner mich mir mit muss müssen nach
        nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen seiner sich sie
        sind so sogar solche soll sollte sondern sonst über um und uns unser unsere unter viel viele
        vom von vor wahrscheinlich war waren warum was weil weiß weißt welche wenn wer werde werden
        wie wieder will wir wird wirklich wo wollen wurde würde würden zu zum zur zwar zwischen
        denke glaube sagen sagte sage gesagt machen macht gemacht sehen sieht dinge ding okay
        """.split()
    ),
    "en": frozenset(
        """
        a about after again all also am an and any are as at be because been before being but by can
        could did do does doing don done for from get got had has have having he her here him his how
        i if in into is it its just know like me more most my no not now of on one only or other our
        out over really said say so some such than that the their them then there these they thing
        things think this those through to too up us very was we were what when where which who why
        will with would yeah you your going gonna lot kind sort mean right okay well
        """.split()
    ),
}
# (suffix, replacement), longest first: the first match is replaced, once.
SUFFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "de": tuple((x, "") for x in ("ungen", "ung", "ern", "em", "en", "er", "es", "e", "n", "s")),
    "en": (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("ly", ""), ("s", "")),
}
_MIN_STEM = 4

# Parts of speech (SudachiPy, first level) that carry content.
_JA_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞"})
# Second/third levels that do not, even under a content POS: numerals (numbers
# are counted by the claims module, not by centrality), counters, and
# auxiliary-like uses (いる/ある/する after a te-form).
_JA_SKIP_SUBPOS = frozenset({"数詞", "非自立可能", "助数詞可能", "助動詞語幹"})
_LATIN_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’-](?=[^\W\d_]))*", re.UNICODE)
_JA_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")


# --- Tokens -----------------------------------------------------------------


def _stem(word: str, lang: str) -> str:
    for suffix, replacement in SUFFIXES.get(lang, ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)] + replacement
    return word


@lru_cache(maxsize=None)
def _ja_content_pos(pos_id: int) -> bool:
    # A dictionary has a few thousand parts of speech; every sentence's every word asks about one.
    pos = japanese.dictionary().pos_of(pos_id)
    return pos[0] in _JA_CONTENT_POS and pos[1] not in _JA_SKIP_SUBPOS and pos[2] not in _JA_SKIP_SUBPOS


def _ja_tokens(text: str) -> list[str]:
    out: list[str] = []
    stop = STOPWORDS["ja"]
    for m in japanese.morphemes(text):
        if not _ja_content_pos(m.part_of_speech_id()):
            continue
        form = m.normalized_form()
        if form in stop or m.dictionary_form() in stop:
            continue
        if form.isascii():
            form = form.lower()
            # Stray Latin letters (the H of "H100") and English stop words
            # inside Japanese text are not content.
            if len(form) < 2 or form in STOPWORDS["en"]:
                continue
        elif len(form) == 1 and unicodedata.name(form, "").startswith("HIRAGANA"):
            continue
        out.append(form)
    return out


def _word_tokens(text: str, lang: str) -> list[str]:
    stops = STOPWORDS.get(lang) or (STOPWORDS["de"] | STOPWORDS["en"])
    out: list[str] = []
    for match in _LATIN_WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if len(word) < 2 or word in stops:
            continue
        out.append(_stem(word, lang))
    return out


def _token_lists(texts: Sequence[str], langs: Sequence[str]) -> list[list[str]]:
    """``content_tokens`` of each sentence; a sentence said again in the document is tokenized once."""
    seen: dict[tuple[str, str], list[str]] = {}
    out = []
    for key in zip(texts, langs):
        tokens = seen.get(key)
        if tokens is None:
            tokens = seen[key] = content_tokens(*key)
        out.append(tokens)
    return out


def content_tokens(text: str, lang: str) -> list[str]:
    """The content words of one sentence, normalized for comparison.

    ``lang`` is "ja", "de", "en" or anything else; an unknown language is
    read as Japanese when the text is in Japanese script, else as words.
    """
    if lang == "ja" or (lang not in SUFFIXES and _JA_SCRIPT.search(text)):
        return _ja_tokens(text)
    return _word_tokens(text, lang)


# --- Ranking ----------------------------------------------------------------


def _tfidf_rows(token_lists: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Unit-length TF-IDF vectors as (rows, cols, values, vocabulary size), frequent words first."""
    n = len(token_lists)
    counts = [Counter(tokens) for tokens in token_lists]
    df = Counter(t for c in counts for t in c)
    index = {t: i for i, t in enumerate(sorted(df, key=lambda t: (-df[t], t)))}
    rows, cols, vals = [], [], []
    for row, c in enumerate(counts):
        for t, tf in c.items():
            rows.append(row)
            cols.append(index[t])
            vals.append(tf * (math.log((1 + n) / (1 + df[t])) + 1.0))  # smoothed idf, always > 0
    rows_a, cols_a, vals_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=float)
    norms = np.zeros(n)
    np.add.at(norms, rows_a, vals_a**2)
    norms = np.sqrt(norms)
    norms[norms == 0] = 1.0
    return rows_a, cols_a, vals_a / norms[rows_a], len(index)


class _PairwiseCosine:
    """``similarity[j, k]`` computed on demand from sparse rows.

    Selection only asks for the pairs among the few sentences it picks, so
    large documents never materialize the quadratic matrix.
    """

    def __init__(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n: int) -> None:
        order = np.argsort(rows, kind="stable")
        self._cols, self._vals = cols[order], vals[order]
        self._bounds = np.searchsorted(rows[order], np.arange(n + 1))
        self.shape = (n, n)
        # Selection compares every candidate with the same few picked rows.
        self._row = lru_cache(maxsize=256)(self._row_uncached)

    def _row_uncached(self, i: int) -> dict[int, float]:
        lo, hi = self._bounds[i], self._bounds[i + 1]
        return dict(zip(self._cols[lo:hi].tolist(), self._vals[lo:hi].tolist()))

    def __getitem__(self, pair: tuple[int, int]) -> float:
        a, b = self._row(int(pair[0])), self._row(int(pair[1]))
        if len(b) < len(a):
            a, b = b, a
        return float(sum(v * b.get(c, 0.0) for c, v in a.items()))


def _centroid_scores(token_lists: Sequence[Sequence[str]]) -> tuple[np.ndarray, _PairwiseCosine]:
    """Cosine of each sentence to the TF-IDF centroid, normalized to sum to 1; O(tokens)."""
    n = len(token_lists)
    rows, cols, vals, vocab = _tfidf_rows(token_lists)
    centroid = np.zeros(vocab)
    np.add.at(centroid, cols, vals)
    norm = np.linalg.norm(centroid)
    if norm:
        centroid /= norm
    scores = np.zeros(n)
    np.add.at(scores, rows, vals * centroid[cols])
    # A sentence sharing no word with the rest still gets a positive score, as in LexRank.
    scores = scores + 1e-12
    return scores / scores.sum(), _PairwiseCosine(rows, cols, vals, n)


def _cosine_tfidf(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Cosine similarities between the TF-IDF vectors of the sentences.

    The vectors are sparse (a sentence uses a few dozen of thousands of
    words), so the product is summed over blocks of the vocabulary: memory
    stays at sentences x block rather than sentences x vocabulary.
    """
    n = len(token_lists)
    # Frequent words come first: later blocks then touch only the few
    # sentences that use their rare words, and only those rows are multiplied.
    rows_a, cols_a, vals_a, vocab = _tfidf_rows(token_lists)
    similarity = np.zeros((n, n))
    for lo in range(0, vocab, _VOCAB_BLOCK):
        keep = (cols_a >= lo) & (cols_a < lo + _VOCAB_BLOCK)
        used, local_rows = np.unique(rows_a[keep], return_inverse=True)
        block = np.zeros((len(used), _VOCAB_BLOCK))
        block[local_rows, cols_a[keep] - lo] = vals_a[keep]
        similarity[np.ix_(used, used)] += block @ block.T
    return similarity


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def _pagerank(similarity: np.ndarray, damping: float = DAMPING) -> np.ndarray:
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    transition = similarity.copy()
    np.fill_diagonal(transition, 0.0)
    out_weight = transition.sum(axis=1, keepdims=True)
    dangling = out_weight[:, 0] == 0
    out_weight[dangling] = 1.0
    transition /= out_weight
    # A sentence similar to nothing spreads its vote evenly (dangling node).
    transition[dangling] = 1.0 / n
    scores = np.full(n, 1.0 / n)
    for _ in range(_MAX_ITER):
        updated = (1.0 - damping) / n + damping * (transition.T @ scores)
        if np.abs(updated - scores).sum() < _TOL:
            scores = updated
            break
        scores = updated
    return scores / scores.sum()


def _rank(
    token_lists: Sequence[Sequence[str]], min_tokens: int, max_lexrank: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | _PairwiseCosine]:
    """(scores, eligible mask, similarity among eligible) for the given token lists.

    Above ``max_lexrank`` eligible sentences (default ``LEXRANK_MAX_SENTENCES``)
    the centroid method replaces LexRank and similarities are computed on demand.
    """
    limit = LEXRANK_MAX_SENTENCES if max_lexrank is None else max_lexrank
    eligible = np.array([len(set(tokens)) >= min_tokens for tokens in token_lists], dtype=bool)
    scores = np.zeros(len(token_lists))
    chosen = [tokens for tokens, ok in zip(token_lists, eligible) if ok]
    similarity: np.ndarray | _PairwiseCosine
    if len(chosen) > limit:
        scores[eligible], similarity = _centroid_scores(chosen)
    else:
        # A document's matrices are a few hundred rows: BLAS threads cost more in
        # waking and spinning than they save, and in a build every core already
        # runs a worker of its own. One thread gives the same numbers (OpenBLAS
        # splits rows and columns among threads, never the sum of one element).
        with _blas().limit(limits=1, user_api="blas"):
            similarity = _cosine_tfidf(chosen)
            scores[eligible] = _pagerank(similarity)
    return scores, eligible, similarity


def rank_sentences(
    texts: list[str], langs: list[str], *, min_tokens: int = MIN_CONTENT_TOKENS
) -> np.ndarray:
    """Centrality score per sentence; 0.0 for sentences too short to be chosen.

    Scores of eligible sentences are positive and sum to 1. Sentences are
    compared only with the other sentences given, so pass one document at a time.
    """
    if len(texts) != len(langs):
        raise ValueError(f"{len(texts)} texts but {len(langs)} languages")
    return _rank(_token_lists(texts, langs), min_tokens)[0]


def _select(
    scores: np.ndarray, eligible: np.ndarray, similarity: np.ndarray | _PairwiseCosine, n: int
) -> list[int]:
    """Indices of the chosen sentences, in input order."""
    if n <= 0:
        return []
    positions = np.flatnonzero(eligible)
    local = scores[positions]
    # Highest score first; equal scores (to float noise) in document order.
    order = np.lexsort((positions, -np.round(local, _SCORE_DECIMALS)))
    picked: list[int] = []
    held_back: list[int] = []
    for j in order:
        if len(picked) == n:
            break
        if any(similarity[j, k] > REDUNDANCY for k in picked):
            held_back.append(int(j))
        else:
            picked.append(int(j))
    picked += held_back[: n - len(picked)]
    return sorted(int(positions[j]) for j in picked)


# --- Public entry points ----------------------------------------------------

SENTENCE_COLUMNS = (
    "doc_id", "sentence_id", "block_id", "start", "end", "line", "lang",
    "speaker", "speaker_inferred", "timestamp", "text",
)  # fmt: skip


def summarize_sentences(
    sentences: pd.DataFrame, n: int = 5, *, min_tokens: int = MIN_CONTENT_TOKENS
) -> pd.DataFrame:
    """The ``n`` most central rows of one document's sentences table.

    Returns the chosen rows in document order with an added ``score`` column;
    fewer than ``n`` when fewer sentences are long enough to be chosen.
    """
    if "doc_id" in sentences.columns and sentences["doc_id"].nunique() > 1:
        raise ValueError(
            "summarize_sentences takes one document at a time; got "
            + ", ".join(sorted(map(str, sentences["doc_id"].unique())))
        )
    ordered = _body_in_order(sentences)
    scores, chosen = _summary(*_texts_and_langs(ordered), n, min_tokens)
    out = ordered.iloc[chosen].copy()
    out["score"] = scores[chosen]
    return out


def _body_in_order(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences a summary may quote (no headings), in document order."""
    if "block_kind" in sentences.columns:
        sentences = sentences[sentences["block_kind"] != "heading"]
    sort_keys = [c for c in ("start", "sentence_id") if c in sentences.columns]
    return sentences.sort_values(sort_keys, kind="stable") if sort_keys else sentences


def _texts_and_langs(ordered: pd.DataFrame) -> tuple[list[str], list[str]]:
    return ordered["text"].fillna("").astype(str).tolist(), ordered["lang"].fillna("unknown").astype(str).tolist()


def _summary(texts: list[str], langs: list[str], n: int, min_tokens: int) -> tuple[np.ndarray, list[int]]:
    """(scores, positions of the ``n`` chosen sentences in input order) for one document's sentences."""
    scores, eligible, similarity = _rank(_token_lists(texts, langs), min_tokens)
    return scores, _select(scores, eligible, similarity, n)


def summarize_document(
    doc: model.ParsedDocument, n: int = 5, *, min_tokens: int = MIN_CONTENT_TOKENS
) -> list[model.Sentence]:
    """The ``n`` most central body sentences of ``doc``, in document order."""
    sents = sorted((s for s in doc.sentences if s.block_kind != "heading"), key=lambda s: (s.start, s.sentence_id))
    _, chosen = _summary([s.text for s in sents], [s.lang for s in sents], n, min_tokens)
    return [sents[i] for i in chosen]


def summarize_path(path: str, n: int = 5) -> list[str]:
    """Summary sentences of any text file (``python -m helpers summarize PATH``)."""
    from ..text.parse import parse_file  # parsing pulls in language models: load on use

    doc = parse_file(path)
    return [" ".join(s.text.split()) for s in summarize_document(doc, n)]


# --- Key numbers ------------------------------------------------------------

# Units a reader of this corpus looks for first, by substring of the unit
# (lowercased); earlier tiers rank higher. Unlisted units rank after these,
# and claims with no unit (bare counts) last.
UNIT_TIERS: tuple[tuple[str, ...], ...] = (
    ("usd", "eur", "jpy", "$", "€", "dollar", "euro", "ドル", "円", "yen", "currency", "money"),
    ("gpu", "h100", "chip", "flop", "token", "param", "watt", "gw", "mw", "compute", "datacenter"),
    ("user", "people", "person", "researcher", "employee", "人", "名", "staff"),
    ("%", "percent", "prozent", "share", "ratio"),
)
# Claims that are dates or product versions rather than quantities.
_CALENDAR_MEASURES = frozenset({"date", "year", "calendar_year", "version", "time_of_day", "timestamp"})
# helpers.claims writes calendar years as unit "year" (durations are "duration_year").
_YEAR_SURFACE = re.compile(r"^\s*(?:19|20)\d\d\s*(?:年|s)?\s*$")
# "Llama 3.1", "GPT-5", "v2", "3.1.0"; not a bare "10.000" (German thousands).
_VERSION_SURFACE = re.compile(
    r"\b(?:llama|gpt|version|v)[\s-]*\d|\b\d+\.\d+\.\d+\b", re.IGNORECASE
)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value.strip())


def is_calendar_or_version(claim: Mapping[str, Any]) -> bool:
    """Whether a claim row is a calendar year, date or version rather than a quantity."""
    measure = "" if _blank(claim.get("measure")) else str(claim.get("measure")).lower()
    unit = "" if _blank(claim.get("unit")) else str(claim.get("unit")).lower()
    surface = "" if _blank(claim.get("surface")) else str(claim.get("surface"))
    if measure in _CALENDAR_MEASURES or unit in CALENDAR_UNITS:
        return True
    if unit in ("", "years") and _YEAR_SURFACE.match(surface):
        return True
    return not unit and bool(_VERSION_SURFACE.search(surface))


def _unit_tier(unit: Any) -> int:
    if _blank(unit):
        return len(UNIT_TIERS) + 1
    text = str(unit).lower()
    for tier, keys in enumerate(UNIT_TIERS):
        if any(k in text for k in keys):
            return tier
    return len(UNIT_TIERS)


def _magnitude(row: Mapping[str, Any]) -> float:
    for col in ("value", "value_high", "value_low"):
        v = row.get(col)
        if not _blank(v):
            try:
                return math.log10(abs(float(v)) + 1.0)
            except (TypeError, ValueError):
                continue
    return 0.0


def key_claims(claims: pd.DataFrame, doc_id: str, k: int = 8) -> pd.DataFrame:
    """The ``k`` most salient claims of one document, most salient first.

    Order: claims with a topic, then by unit interest (money, compute, people,
    shares, other units, bare counts), precise before vague, larger magnitude
    first, then document order. Dates and versions only fill in when there
    are no other claims. A value repeated in the same unit is listed once.
    """
    rows = claims[claims["doc_id"] == doc_id] if len(claims) else claims
    if rows.empty or k <= 0:
        return rows.iloc[0:0].copy()
    return pd.DataFrame(_key_records(rows.to_dict("records"), k), columns=rows.columns).reset_index(drop=True)


def _key_records(records: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    """The ``k`` key claims among one document's claim rows, most salient first (see :func:`key_claims`)."""
    quantities = [r for r in records if not is_calendar_or_version(r)]
    # Dates and versions have no meaningful magnitude: keep them in document order.
    keep, by_magnitude = (quantities, True) if quantities else (records, False)

    def key(r: Mapping[str, Any]) -> tuple:
        has_topic = not _blank(r.get("topic"))
        vague = str(r.get("vague")).lower() in ("true", "1", "yes")
        return (
            0 if has_topic else 1,
            _unit_tier(r.get("unit")),
            1 if vague else 0,
            -round(_magnitude(r), 9) if by_magnitude else 0.0,
            _num(r.get("start")),
            str(r.get("claim_id")),
        )

    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for r in sorted(keep, key=key):
        # A figure said twice is one key number; vague figures (no value) are
        # the same when worded the same.
        what = r.get("value") if not _blank(r.get("value")) else " ".join(str(r.get("surface")).lower().split())
        ident = (str(what), str(r.get("unit")).lower())
        if ident in seen:
            continue
        seen.add(ident)
        out.append(r)
        if len(out) == k:
            break
    return out


def _num(value: Any) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return math.inf
    return math.inf if math.isnan(v) else v


# --- Topic summaries ---------------------------------------------------------

TOPIC_COLUMNS = (
    "topic", "doc_id", "lang", "event_id", "event_date", "speaker",
    "n_claims", "sentence_ids", "text",
)  # fmt: skip


def _entry_field(catalog: Mapping[str, Any], doc_id: str, name: str) -> Any:
    entry = catalog.get(doc_id) if hasattr(catalog, "get") else None
    if entry is None:
        return None
    if isinstance(entry, Mapping):
        return entry.get(name)
    return getattr(entry, name, None)


def topic_summaries(
    claims: pd.DataFrame,
    sentences: pd.DataFrame,
    catalog: Mapping[str, Any],
    *,
    max_sentences: int = 3,
) -> pd.DataFrame:
    """What each source said about each topic, in its own words.

    One row per (topic, document): up to ``max_sentences`` sentences carrying
    the document's claims on that topic (those carrying the most claims, shown
    in document order), the speaker(s) as every report words them ("Name (inferred)",
    ``attribution.said_by``), and the event date from the catalog.
    Rows are sorted by topic, then event date (unknown last), then document.
    """
    if claims.empty or "topic" not in claims.columns:
        return pd.DataFrame(columns=list(TOPIC_COLUMNS))
    by_sentence: dict[tuple[str, int], Mapping[str, Any]] = {}
    for rec in sentences.to_dict("records"):
        if not _blank(rec.get("sentence_id")):
            by_sentence[(str(rec["doc_id"]), int(rec["sentence_id"]))] = rec
    # Plain records, not a pandas group per (topic, document): every document report makes these.
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rec in claims.to_dict("records"):
        if not _blank(rec["topic"]):
            groups.setdefault((str(rec["topic"]), str(rec["doc_id"])), []).append(rec)

    rows: list[dict[str, Any]] = []
    for (topic, doc_id), group in sorted(groups.items()):
        counts: Counter[int] = Counter()
        contexts: list[str] = []
        speakers: list[str] = []
        for rec in sorted(group, key=lambda r: (_num(r["start"]), str(r["claim_id"]))):
            sid = rec.get("sentence_id")
            if not _blank(sid) and (doc_id, int(sid)) in by_sentence:
                counts[int(sid)] += 1
            elif not _blank(rec.get("context")):
                contexts.append(" ".join(str(rec["context"]).split()))
            speakers.append(said_by(rec.get("speaker"), rec.get("attribution")))
        top = sorted(counts, key=lambda s: (-counts[s], _num(by_sentence[(doc_id, s)].get("start")), s))
        ids = tuple(sorted(top[:max_sentences], key=lambda s: (_num(by_sentence[(doc_id, s)].get("start")), s)))
        texts = [" ".join(str(by_sentence[(doc_id, s)]["text"]).split()) for s in ids]
        for s in ids:
            speakers.append(said_by(by_sentence[(doc_id, s)].get("speaker"), by_sentence[(doc_id, s)].get("attribution")))
        if not texts:
            texts = list(dict.fromkeys(contexts))[:max_sentences]
        lang = _most_common([str(r["lang"]) for r in group if not _missing(r.get("lang"))]) if "lang" in claims.columns else None
        rows.append(
            {
                "topic": topic,
                "doc_id": doc_id,
                "lang": lang,
                "event_id": _entry_field(catalog, doc_id, "event_id"),
                "event_date": _entry_field(catalog, doc_id, "event_date"),
                "speaker": ", ".join(dict.fromkeys(sp for sp in speakers if sp)) or None,
                "n_claims": len(group),
                "sentence_ids": ids,
                "text": ("" if lang == "ja" else " ").join(texts),
            }
        )
    out = pd.DataFrame(rows, columns=list(TOPIC_COLUMNS))
    if out.empty:
        return out
    out["_date"] = out["event_date"].fillna("9999")
    return out.sort_values(["topic", "_date", "doc_id"], kind="stable").drop(columns="_date").reset_index(drop=True)


def _missing(value: Any) -> bool:
    return not isinstance(value, str) and bool(pd.isna(value))


def _most_common(values: list[str]) -> str | None:
    """The most frequent value, the first in sort order among equals (``Series.mode().iloc[0]``); None for none."""
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)


# --- The summaries table ------------------------------------------------------

SUMMARY_SENTENCES = 5  # sentences in a document's summary
KEY_CLAIMS = 8  # key numbers listed with it

SUMMARIES = TableSpec(
    "summaries",
    "one row per summary item of a document: its summary sentences (document order) and key numbers (most salient first)",
    (
        Column("doc_id", "str", "Document id."),
        Column("kind", "str", "sentence (an extractive summary sentence) or key_claim (one of the document's key numbers).", isin=("sentence", "key_claim")),
        Column("rank", "int", "Position in the summary: document order for sentences, salience order for key numbers; from 1.", min_value=1),
        Column("sentence_id", "int", "The sentence (anchor s-N in the document report).", min_value=0),
        Column("claim_id", "str", "The key number's claim (empty for summary sentences)."),
        Column("score", "float", "LexRank centrality of a summary sentence (empty for key numbers).", nullable=True),
    ),
    unique=("doc_id", "kind", "rank"),
)


def summaries_frame(sentences: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Summary sentences and key numbers of every document in ``sentences``."""
    # Rows as plain dicts (what to_dict("records") gives, for a fraction of its cost on text columns).
    names = list(claims.columns)
    claims_of: dict[Any, list[dict[str, Any]]] = {}
    for values in zip(*(claims[c].tolist() for c in names)):
        row = dict(zip(names, values))
        claims_of.setdefault(row["doc_id"], []).append(row)
    columns: dict[str, list] = {c: [] for c in SUMMARIES.names}

    def add(**row: Any) -> None:
        for c in SUMMARIES.names:
            columns[c].append(row[c])

    for doc_id, doc_sentences in sentences.groupby("doc_id", sort=True):
        ordered = _body_in_order(doc_sentences)
        scores, chosen = _summary(*_texts_and_langs(ordered), SUMMARY_SENTENCES, MIN_CONTENT_TOKENS)
        sentence_ids = ordered["sentence_id"].tolist()
        for rank, i in enumerate(chosen, 1):
            add(doc_id=doc_id, kind="sentence", rank=rank, sentence_id=sentence_ids[i], claim_id="", score=float(scores[i]))
        for rank, c in enumerate(_key_records(claims_of.get(str(doc_id), []), KEY_CLAIMS), 1):
            add(doc_id=doc_id, kind="key_claim", rank=rank, sentence_id=c["sentence_id"], claim_id=c["claim_id"], score=None)
    return typed_frame(SUMMARIES, columns)
