"""The summary of one document: from a sentences table, a parsed document or a text file.

A sentence's score is its centrality (LexRank over TF-IDF, everyday words weighted down), plus,
as the document's genre has it (``features.Profile``), a bonus for the figures it states and the
recurring names it mentions, a bonus for an author's lead or a show's cold open, and for a call a
penalty for its late questions and answers. Sentences that ``filters.reject_reason`` rejects
(questions, greetings, thanks, sponsor reads, procedure, chrome, labels, fragments) are never
chosen; the rest are picked by maximal marginal relevance (``selection._select_mmr``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ...text import model
from .centrality import _PairwiseCosine, _rank
from .features import (
    DATE_WEIGHT,
    askers,
    dangling,
    first_answer,
    headline_weight,
    host_intro,
    is_milestone,
    is_outlook,
    is_part,
    is_show,
    key_figure,
    lede,
    length_prior,
    names_speakers,
    position_prior,
    profile,
    qa_start,
    quantity_counts,
    recurring_names,
)
from .filters import elliptical_answer, punctuated, reject_reason
from .framing import framing, is_thesis
from .selection import _select_mmr, with_standfirst
from .tokens import COMMON_WEIGHT, MIN_CONTENT_TOKENS, _common, analyse

SENTENCE_COLUMNS = (
    "doc_id", "sentence_id", "block_id", "start", "end", "line", "lang",
    "speaker", "speaker_inferred", "timestamp", "text",
)  # fmt: skip
LENGTH_PENALTY = 0.4  # times features.length_prior
DANGLING_PENALTY = 0.2  # a sentence that opens on a pronoun leaning on the one before
_MAX_QUANTITIES = 3  # a sentence stating three figures gets the whole quantity bonus
# A year as written (2020, 1970年, ２０２１): a sentence that dates what it says ("This episode was recorded on
# June 10, 2020.") counts the date as one of its content words.
_YEAR = re.compile(r"(?<![0-9０-９])(?:19|20|１９|２０)[0-9０-９]{2}(?![0-9０-９])")


def summarize_sentences(
    sentences: pd.DataFrame,
    n: int = 5,
    *,
    min_tokens: int = MIN_CONTENT_TOKENS,
    genre: str | None = None,
    fmt: str | None = None,
) -> pd.DataFrame:
    """The ``n`` best summary rows of one document's sentences table.

    Returns the chosen rows in document order with an added ``score`` column;
    fewer than ``n`` when fewer sentences may be chosen. ``genre`` (the catalog's) and ``fmt``
    (the document's format) choose how the summary weighs lead, figures and names.
    """
    if "doc_id" in sentences.columns and sentences["doc_id"].nunique() > 1:
        raise ValueError(
            "summarize_sentences takes one document at a time; got "
            + ", ".join(sorted(map(str, sentences["doc_id"].unique())))
        )
    ordered = _body_in_order(sentences)
    scores, chosen = _summary(
        *_texts_and_langs(ordered), n, min_tokens, speakers=_speakers(ordered), genre=genre, fmt=fmt
    )
    out = ordered.iloc[chosen].copy()
    out["score"] = scores[chosen]
    return out


def _body_in_order(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences a summary may quote (no headings), in document order."""
    if "block_kind" in sentences.columns:
        sentences = sentences[~sentences["block_kind"].isin(("heading", "title"))]
    sort_keys = [c for c in ("start", "sentence_id") if c in sentences.columns]
    return sentences.sort_values(sort_keys, kind="stable") if sort_keys else sentences


def _texts_and_langs(ordered: pd.DataFrame) -> tuple[list[str], list[str]]:
    return ordered["text"].fillna("").astype(str).tolist(), ordered["lang"].fillna("unknown").astype(str).tolist()


def _speakers(ordered: pd.DataFrame) -> list[str | None]:
    """The speaker each sentence's label states (inferred speakers, such as a quote's, count as none)."""
    if "speaker" not in ordered.columns:
        return [None] * len(ordered)
    inferred = ordered["speaker_inferred"].tolist() if "speaker_inferred" in ordered.columns else [False] * len(ordered)
    return [s if isinstance(s, str) and s and inf is not True else None for s, inf in zip(ordered["speaker"], inferred)]


def _blocks(ordered: pd.DataFrame) -> list[int] | None:
    """Each sentence's paragraph (``block_id``), when the table has one."""
    if "block_id" not in ordered.columns:
        return None
    return [int(b) if b == b else -1 for b in ordered["block_id"].tolist()]


def _weight(token: str) -> float:
    return COMMON_WEIGHT if token in _common("any") else 1.0


def _summary(
    texts: list[str],
    langs: list[str],
    n: int,
    min_tokens: int,
    *,
    speakers: Sequence[str | None] | None = None,
    genre: str | None = None,
    fmt: str | None = None,
    quantities: Sequence[float] | None = None,
    blocks: Sequence[int] | None = None,
) -> tuple[np.ndarray, list[int]]:
    """(scores, positions of the ``n`` chosen sentences in input order) for one document's sentences.

    ``quantities`` (weighted figures per sentence, ``features.figure_weight``, e.g. from the claims
    table) spares counting them again. ``blocks`` (each sentence's paragraph) lets a written
    text's whole first paragraph count as its lead.
    """
    found = analyse(texts, langs)
    dated = [1 if _YEAR.search(t) else 0 for t in texts]
    centrality, ranked, similarity = _rank([t for t, _ in found], min_tokens, weight=_weight, dates=dated)
    speakers = list(speakers) if speakers is not None else [None] * len(texts)
    prof = profile(genre, fmt, sum(1 for s in speakers if s) / max(1, len(texts)))
    reasons = _reasons(texts, langs, speakers, is_show(prof))
    candidates = ranked & np.array([r is None for r in reasons], dtype=bool)
    standfirst = np.zeros(len(texts), dtype=bool)
    if prof.header:
        preamble = _preamble(speakers)
        if prof.standfirst:
            standfirst = candidates & preamble
        candidates &= ~preamble
    interviewers = askers(speakers, [r == "question" for r in reasons])
    intro = host_intro(speakers, [r == "question" for r in reasons], texts) if prof.intro else set()
    # who the guest is: the introduction's sentence naming another speaker
    guests = intro & names_speakers(texts, speakers) if prof.guest else set()
    answer = first_answer(speakers, [r == "question" for r in reasons], [r is not None for r in reasons])
    if prof.kind == "interview":
        candidates &= ~_interviewer_lines(speakers, interviewers, intro, standfirst, texts, langs)
    scores = np.zeros(len(texts))
    positions = [int(i) for i in np.flatnonzero(candidates | standfirst)]
    if not positions:
        return scores, []
    if quantities is None:
        quantities = _figures_at(texts, langs, positions)
    names = recurring_names([nm for _, nm in found])
    place = position_prior(positions, texts, prof, speakers, quantities, blocks)
    qa = qa_start(texts) if prof.late else None
    frame = framing(texts, positions) if prof.framing else None
    top = max(centrality[i] for i in positions) or 1.0
    for i in positions:
        figures = min(quantities[i], _MAX_QUANTITIES) / _MAX_QUANTITIES
        scores[i] = (
            centrality[i] / top
            + prof.quantities * figures
            + prof.names * names[i]
            + place.get(i, 0.0)
            + (prof.outlook if figures and is_outlook(texts[i]) else 0.0)
            + (prof.milestone if quantities[i] > DATE_WEIGHT and is_milestone(texts[i]) else 0.0)
            + (prof.headline * headline_weight(texts[i]) if figures else 0.0)
            - (prof.part if figures and is_part(texts[i]) else 0.0)
            - (prof.late if qa is not None and i > qa else 0.0)
            # the host's introduction, its welcome naming the episode or guest among it (a bare one is a greeting)
            + (prof.intro if i in intro else 0.0)
            + (prof.guest if i in guests else 0.0)
            + (prof.answer if i == answer else 0.0)
            + (prof.framing if i == frame else 0.0)
            + (prof.thesis if prof.thesis and is_thesis(texts[i]) else 0.0)
            - (prof.asker if speakers[i] in interviewers and i not in intro else 0.0)
            - LENGTH_PENALTY * length_prior(texts[i], langs[i])
            - (DANGLING_PENALTY if dangling(texts[i], quantities[i]) else 0.0)
        )
    # A result and the forecast of the same measure are two points only in a results call; elsewhere
    # a plan and a fact sharing their words repeat each other.
    forecasts = [bool(quantities[i]) and is_outlook(t) for i, t in enumerate(texts)] if prof.kind == "call" else None
    picked = _select_mmr(scores, candidates, ranked, similarity, n, texts, forecasts)
    first = lede(positions, texts, langs) if prof.lede else None
    picked = _with_lead(
        picked, first, standfirst, math.ceil(prof.standfirst * n), texts, quantities, scores, (ranked, similarity)
    )
    return scores, picked


def _figures_at(texts: Sequence[str], langs: Sequence[str], positions: Sequence[int]) -> list[float]:
    """The weighted figures (``features.quantity_counts``) of the sentences at ``positions``; 0 elsewhere."""
    out = [0.0] * len(texts)
    for i, q in zip(positions, quantity_counts([texts[i] for i in positions], [langs[i] for i in positions])):
        out[i] = q
    return out


def _with_lead(
    picked: list[int],
    first: int | None,
    standfirst: np.ndarray,
    most: int,
    texts: Sequence[str],
    quantities: Sequence[float],
    scores: np.ndarray,
    similar: tuple[np.ndarray, np.ndarray | _PairwiseCosine],
) -> list[int]:
    """``picked`` with an author's lead taken in: a story's lede (``first``) in place of the pick with the least key
    figures (``features.key_figure``: a segment's result goes before the company's), then up to ``most`` sentences
    of an interview's ``standfirst`` (its author's summary, above the first turn)."""
    ranked, similarity = similar
    if first is not None and first not in picked:
        kept = [q * key_figure(t) for q, t in zip(quantities, texts)]
        picked = with_standfirst(picked, [first], scores, kept, ranked, similarity, 1)
    if standfirst.any():
        lead = [int(i) for i in np.flatnonzero(standfirst)]
        picked = with_standfirst(picked, lead, scores, quantities, ranked, similarity, most)
    return picked


def _reasons(
    texts: Sequence[str], langs: Sequence[str], speakers: Sequence[str | None], show: bool
) -> list[str | None]:
    """Why each sentence may not be quoted (``filters.reject_reason``), or None; in a ``show`` a line presenting
    its guests may. An answer naming only what was asked for is half of the question's sentence: a fragment."""
    ends = punctuated(texts)
    reasons = [reject_reason(t, lang, sp, punctuated=ends, show=show) for t, lang, sp in zip(texts, langs, speakers)]
    for i in range(1, len(texts)):
        answers = reasons[i - 1] == "question" and speakers[i] and speakers[i - 1] and speakers[i] != speakers[i - 1]
        if answers and reasons[i] is None and elliptical_answer(texts[i], langs[i]):
            reasons[i] = "fragment"
    return reasons


def _interviewer_lines(
    speakers: Sequence[str | None],
    interviewers: set[str],
    intro: set[int],
    standfirst: np.ndarray,
    texts: Sequence[str],
    langs: Sequence[str],
) -> np.ndarray:
    """The interviewer's sentences an interview's summary leaves out: their statements lead to a question
    ("Sie sind vor kurzem 90 Jahre alt geworden.", "You've just turned 90."). Without a standfirst, the
    interviewer's introduction and the statements that give figures are the standfirst the piece lacks."""
    asked = [i for i, s in enumerate(speakers) if s in interviewers]
    if not standfirst.any():
        figures = quantity_counts([texts[i] for i in asked], [langs[i] for i in asked])
        asked = [i for i, f in zip(asked, figures) if not f and i not in intro]
    out = np.zeros(len(speakers), dtype=bool)
    out[asked] = True
    return out


def _preamble(speakers: Sequence[str | None]) -> np.ndarray:
    """In a labelled transcript (most sentences carry a speaker), the unlabelled header above its first turn."""
    out = np.zeros(len(speakers), dtype=bool)
    labelled = [i for i, s in enumerate(speakers) if s]
    if labelled and len(labelled) * 2 >= len(speakers):
        out[: labelled[0]] = True
    return out


def summarize_document(
    doc: model.ParsedDocument, n: int = 5, *, min_tokens: int = MIN_CONTENT_TOKENS, genre: str | None = None
) -> list[model.Sentence]:
    """The ``n`` best body sentences of ``doc`` for a summary, in document order."""
    sents = sorted(
        (s for s in doc.sentences if s.block_kind not in ("heading", "title")), key=lambda s: (s.start, s.sentence_id)
    )
    _, chosen = _summary(
        [s.text for s in sents],
        [s.lang for s in sents],
        n,
        min_tokens,
        speakers=[None if s.speaker_inferred else s.speaker for s in sents],
        genre=genre,
        fmt=doc.format,
        blocks=[s.block_id for s in sents],
    )
    return [sents[i] for i in chosen]


def summarize_path(path: str, n: int = 5, genre: str | None = None) -> list[str]:
    """Summary sentences of any text file (``python -m helpers summarize PATH``)."""
    from ...text.parse import parse_file  # parsing pulls in language models: load on use

    doc = parse_file(path, genre=genre)
    return [" ".join(s.text.split()) for s in summarize_document(doc, n, genre=genre)]
