"""The calibrated confidence: a logistic model of the winner's signals, weights shipped as data."""

from __future__ import annotations

from dateline.geo import calibrate
from dateline.geo.resolve import UNRESOLVED_BELOW

# An exact, important name beside the document's other places, and a loose spelling of a hamlet on
# another continent from every other place the document names.
CLOSE = {"share": 0.95, "match": 1.0, "prior": 0.7, "cue": 0.0, "broad": 0.0, "demonym": 0.0, "country_focus": 0.8,
         "near": 0.9, "distance": 0.3, "foreign": 0.0, "no_anchor": 0.0, "single": 0.0}
ASTRAY = {"share": 0.5, "match": 0.55, "prior": 0.3, "cue": 0.0, "broad": 0.0, "demonym": 0.0, "country_focus": 0.0,
          "near": 0.0, "distance": 0.95, "foreign": 1.0, "no_anchor": 0.0, "single": 0.0}


def test_shipped_model_has_a_weight_for_every_signal():
    fitted = calibrate.model()
    assert fitted is not None
    _intercept, weights = fitted
    assert set(weights) == set(CLOSE)


def test_close_exact_name_is_confident_and_a_stray_guess_is_withheld():
    assert calibrate.calibrated(CLOSE) > 0.9
    assert calibrate.calibrated(ASTRAY) < UNRESOLVED_BELOW


def test_being_the_only_name_abroad_lowers_confidence():
    abroad = {**CLOSE, "foreign": 1.0, "country_focus": 0.0}
    assert calibrate.calibrated(abroad) < calibrate.calibrated(CLOSE)


def test_without_a_model_the_share_is_the_confidence(monkeypatch):
    monkeypatch.setattr(calibrate, "model", lambda: None)
    assert calibrate.calibrated({"share": 0.42, "match": 1.0}) == 0.42
