"""Which records are presented as facts: background, modality, the threshold, and the packaged weights."""

from __future__ import annotations

import numpy as np

from dateline.events.confidence import (
    DEFAULT_THRESHOLD,
    is_background,
    reportable,
    rules_confidence,
    threshold_of,
)
from dateline.events.detect import FEATURES, _load_heads, load_detector
from dateline.events.record_confidence import RECORD_FEATURES


def test_background_is_more_than_a_month_before_publication():
    assert is_background("2014-06-10", "2017-06-12")
    assert is_background("2017-04", "2017-06-12")
    assert not is_background("2017-06-01", "2017-06-12")
    assert not is_background("2017-05-01/2017-06-10", "2017-06-12")  # a range ending recently
    assert not is_background(None, "2017-06-12") and not is_background("2017-06-01", None)


def test_only_told_facts_above_the_threshold_are_reportable():
    assert reportable("asserted", False, 0.9, 0.4)
    assert reportable("claimed", False, 0.9, 0.4)  # attributed facts count (EVENT_CODING)
    for modality in ("planned", "hypothetical", "denied"):
        assert not reportable(modality, False, 0.99, 0.4)
    assert not reportable("asserted", True, 0.99, 0.4)
    assert not reportable("asserted", False, 0.39, 0.4)
    assert threshold_of(None) == DEFAULT_THRESHOLD and threshold_of(0.7) == 0.7
    assert rules_confidence(1.0) <= 0.6


def test_the_packaged_weights_match_the_features_the_stage_computes():
    loaded = _load_heads("en")
    assert loaded is not None
    types, heads, records = loaded
    assert len(types) == 25
    for variant in ("embed", "rules"):
        assert variant in heads and variant in records
        assert records[variant].w.shape == (len(RECORD_FEATURES),)
    assert heads["rules"].event_w.shape == (len(FEATURES),)
    assert heads["embed"].event_w.shape == (384 + len(FEATURES),)


def test_record_confidence_is_calibrated_probabilities_rising_with_the_detector():
    detector = load_detector("en", embeddings=False)
    model = detector.record_model
    low, high = np.zeros(len(RECORD_FEATURES), dtype=np.float32), np.zeros(len(RECORD_FEATURES), dtype=np.float32)
    low[RECORD_FEATURES.index("p_event")], high[RECORD_FEATURES.index("p_event")] = 0.05, 0.95
    scores = model.score(np.vstack([low, high]))
    assert 0.0 <= scores[0] < scores[1] <= 1.0


def test_an_incident_the_article_tells_again_is_surer(events_of):
    once = ("Militiamen shelled the river port of Kessa on Tuesday. The harbour authority reopened two quays "
            "for grain ships.")
    again = ("Militiamen shelled the river port of Kessa on Tuesday. Residents said the shelling of Kessa went on "
             "for three hours.")
    (told_once,) = [e for e in events_of(once, "2019-03-06") if e.acled and "Shelling" in e.acled]
    (told_twice,) = [e for e in events_of(again, "2019-03-06") if e.acled and "Shelling" in e.acled]
    assert len(told_twice.sources) == 2
    assert told_twice.confidence > told_once.confidence
