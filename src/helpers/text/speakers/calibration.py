"""Confidence from evidence: raw dialogue posteriors and reported-speech rules mapped to observed accuracy.

The table ``data/speaker_calibration.yaml`` is fitted offline on dialogues held
out from the rules' development (``bench/eval_speakers.py --calibrate``), never
at run time.
"""

from __future__ import annotations

from functools import lru_cache

from ..safeload import load_yaml
from .voice import _data_file


@lru_cache(maxsize=1)
def _calibration() -> dict:
    return load_yaml(_data_file("speaker_calibration.yaml")) or {}


def posterior_to_accuracy(steps: list[dict], p: float) -> float:
    """The accuracy a step table gives posterior ``p``: linear between the steps' midpoints.

    Each step holds the accuracy observed over its posteriors (``upto`` its
    last posterior, the step before's ``upto`` its first). The figure at a
    step's midpoint is the step's own; between midpoints it runs linearly, and
    below the first or above the last it stays flat. Decisions so keep the
    order of their posteriors (a step table alone would tie them) while each
    step's decisions average about the accuracy observed for them.
    """
    if not steps:
        return round(p, 3)
    points, lo = [], 0.0
    for row in steps:
        upto = float(row["upto"])
        points.append(((lo + upto) / 2, float(row["accuracy"])))
        lo = upto
    if p <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if p <= x1:
            return round(y0 + (y1 - y0) * (p - x0) / (x1 - x0), 4) if x1 > x0 else y1
    return points[-1][1]


def calibrated_posterior(p: float) -> float:
    """Observed accuracy of dialogue decisions made with posterior ``p``."""
    return posterior_to_accuracy(_calibration().get("posterior") or [], p)


def calibrated_rule(rule: str) -> float:
    """Observed accuracy of a reported-speech rule on the gold; 1.0 for labels and for a document's title (the
    author's by construction)."""
    rules = _calibration().get("rules") or {}
    if rule in rules:
        return float(rules[rule])
    return 1.0 if rule in ("labelled", "title") else 0.5
