"""Extractive summaries that can be traced back to the sentences they quote.

Sentences are ranked by centrality (LexRank: PageRank over TF-IDF cosine
similarities between the sentences of one document, everyday words weighted down), plus the
bonuses the document's genre gives to figures, recurring names and place (``features``); what a
summary never quotes is in ``filters``; sentences are picked by maximal marginal relevance. LexRank needs the full
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

The package's modules: ``tokens`` (content words and names), ``centrality`` (LexRank
and the centroid), ``filters`` (what is never quoted), ``features`` (figures, names, place,
genre profiles), ``selection`` (the summary's sentences, MMR), ``document`` (the
summary of one document), ``key_numbers``, ``topics`` (what each source said
about each topic) and ``table`` (the summaries table). Their public names, and
the ranking internals the robustness tests drive, are importable from here.
"""

from __future__ import annotations

from .centrality import DAMPING, LEXRANK_MAX_SENTENCES, rank_sentences
from .centrality import _rank as _rank  # the robustness tests drive ranking and selection alone
from .document import SENTENCE_COLUMNS, summarize_document, summarize_path, summarize_sentences
from .features import Profile, figure_weight, profile
from .filters import punctuated, reject_reason
from .key_numbers import UNIT_TIERS, is_calendar_or_version, key_claims
from .selection import REDUNDANCY
from .selection import _select as _select
from .table import KEY_CLAIMS, SUMMARIES, SUMMARY_SENTENCES, summaries_frame
from .tokens import MIN_CONTENT_TOKENS, STOPWORDS, SUFFIXES, content_tokens
from .topics import TOPIC_COLUMNS, topic_summaries

__all__ = [
    # content words
    "MIN_CONTENT_TOKENS",
    "STOPWORDS",
    "SUFFIXES",
    "content_tokens",
    # centrality and selection
    "DAMPING",
    "LEXRANK_MAX_SENTENCES",
    "REDUNDANCY",
    "rank_sentences",
    # what a summary never quotes, and what each genre weighs
    "reject_reason",
    "punctuated",
    "Profile",
    "profile",
    "figure_weight",
    # one document's summary
    "SENTENCE_COLUMNS",
    "summarize_sentences",
    "summarize_document",
    "summarize_path",
    # key numbers and topics
    "UNIT_TIERS",
    "is_calendar_or_version",
    "key_claims",
    "TOPIC_COLUMNS",
    "topic_summaries",
    # the summaries table
    "SUMMARY_SENTENCES",
    "KEY_CLAIMS",
    "SUMMARIES",
    "summaries_frame",
]
