"""Alignment of renderings of one event (a talk's English transcript, its Japanese translation, a German write-up).

Sentences are linked across languages by multilingual sentence embeddings
(``analysis.embed``) and a monotone dynamic programme between high-similarity
anchors, in the manner of Bertalign (``path``): links 1-1, 1-2 and 2-1 with a
similarity score each, and "only in" rows for sentences the other rendering
does not render. ``fidelity`` pairs every quantity of each link (same,
changed, dropped, added); ``speakers`` carries known speakers across links.
The tables are ``alignment`` and ``fidelity`` (``table``).
"""

from .fidelity import FIDELITY, VERDICTS, Quantity, aligned_figures, generations, pair_quantities
from .path import Link, align_vectors, anchors, band
from .speakers import ALIGNED, carry_into_tables, carry_speakers, link_confidence
from .table import (
    ALIGNMENT,
    STATUSES,
    Aligned,
    align_renderings,
    alignment_frame,
    alignment_summary,
    sentence_frame,
)

__all__ = [
    "ALIGNED",
    "ALIGNMENT",
    "FIDELITY",
    "STATUSES",
    "VERDICTS",
    "Aligned",
    "Link",
    "Quantity",
    "align_renderings",
    "align_vectors",
    "aligned_figures",
    "alignment_frame",
    "alignment_summary",
    "anchors",
    "band",
    "carry_into_tables",
    "carry_speakers",
    "generations",
    "link_confidence",
    "pair_quantities",
    "sentence_frame",
]
