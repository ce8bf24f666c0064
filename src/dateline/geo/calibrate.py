"""Calibrated confidence of a resolved toponym: P(the place is within 161 km of the right one).

A logistic model over the winner's signals (``resolve.signals``: softmax share, match quality, prior,
cue, feature breadth, how much of the document lies in its country, nearness to the document's other
places). Its weights are data, ``data/confidence.json``, fitted by ``bench/geo_calibrate.py`` on half A
of LGL and GeoWebNews (gold spans) with scikit-learn; at run time only this dot product is needed, so
scikit-learn stays an optional (training) dependency. Without the file the share is returned unchanged.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources

CONFIDENCE_FILE = "confidence.json"


@cache
def model() -> tuple[float, dict[str, float]] | None:
    """(intercept, weight per signal), or None when no fitted model ships."""
    path = resources.files("dateline.geo").joinpath("data", CONFIDENCE_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()}


def calibrated(signals: dict[str, float]) -> float:
    """The probability the fitted model gives these signals (the share itself without a model)."""
    fitted = model()
    if fitted is None:
        return signals.get("share", 0.0)
    intercept, weights = fitted
    z = intercept + sum(w * signals.get(name, 0.0) for name, w in weights.items())
    return 1.0 / (1.0 + math.exp(-z))
