"""Confidence from evidence: raw dialogue posteriors and reported-speech rules mapped to observed accuracy.

The table ``data/speaker_calibration.yaml`` is fitted offline on the
hand-labelled gold (``bench/eval_speakers.py --calibrate``), never at run time.
"""

from __future__ import annotations

from functools import lru_cache

from ..safeload import load_yaml
from .voice import _data_file


@lru_cache(maxsize=1)
def _calibration() -> dict:
    return load_yaml(_data_file("speaker_calibration.yaml")) or {}


def calibrated_posterior(p: float) -> float:
    """Observed accuracy of dialogue decisions made with posterior ``p`` (piecewise constant)."""
    table = _calibration().get("posterior") or []
    for row in table:
        if p <= float(row["upto"]):
            return float(row["accuracy"])
    return round(p, 3)


def calibrated_rule(rule: str) -> float:
    """Observed accuracy of a reported-speech rule on the gold; 1.0 for labels."""
    rules = _calibration().get("rules") or {}
    if rule in rules:
        return float(rules[rule])
    return 1.0 if rule == "labelled" else 0.5
