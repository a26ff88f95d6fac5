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
    """The accuracy a step table gives posterior ``p``, rising within each step.

    Each step holds the low end of the accuracy observed over its posteriors
    (``upto`` its last posterior). Inside a step the value rises linearly from
    the step below's figure to the step's own, so decisions keep the order of
    their posteriors (a step table alone would tie them) and no decision gets
    more than its step supports.
    """
    lo, below = 0.0, 0.0
    for row in steps:
        upto, acc = float(row["upto"]), float(row["accuracy"])
        if p <= upto:
            frac = (p - lo) / (upto - lo) if upto > lo else 1.0
            return round(below + (acc - below) * min(1.0, max(0.0, frac)), 4)
        lo, below = upto, acc
    return round(p, 3)


def calibrated_posterior(p: float) -> float:
    """Observed accuracy of dialogue decisions made with posterior ``p``."""
    return posterior_to_accuracy(_calibration().get("posterior") or [], p)


def calibrated_rule(rule: str) -> float:
    """Observed accuracy of a reported-speech rule on the gold; 1.0 for labels."""
    rules = _calibration().get("rules") or {}
    if rule in rules:
        return float(rules[rule])
    return 1.0 if rule == "labelled" else 0.5
