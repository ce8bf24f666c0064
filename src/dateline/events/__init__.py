"""Events: trigger rules and an optional sentence-embedding classifier → typed, sourced events.

PLOVER event types and modes, ACLED sub-event types, actors/targets from the parse, fatalities,
modality, date and place. See ``README.md`` in this package for how rules and embeddings combine.
"""

from __future__ import annotations

from dateline.events.arguments import Arguments, find_arguments
from dateline.events.classify import EmbeddingClassifier, load_classifier
from dateline.events.combine import main_class
from dateline.events.fatalities import sentence_fatalities
from dateline.events.modality import event_modality
from dateline.events.stage import EventsStage, build_events
from dateline.events.triggers import Candidate, EventClass, Lexicon, load_lexicon, match_sentence

__all__ = [
    "Arguments",
    "Candidate",
    "EmbeddingClassifier",
    "EventClass",
    "EventsStage",
    "Lexicon",
    "build_events",
    "event_modality",
    "find_arguments",
    "load_classifier",
    "load_lexicon",
    "main_class",
    "match_sentence",
    "sentence_fatalities",
]
