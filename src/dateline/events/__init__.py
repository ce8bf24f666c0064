"""Events: trigger rules, a learned detector and an actor dictionary → typed, sourced incident records.

PLOVER event types and modes, ACLED sub-event types, actors/targets with ACLED actor types, fatalities,
modality, date, place, a calibrated confidence and whether the record is presented as fact. See
``README.md`` in this package for how the parts fit.
"""

from __future__ import annotations

from dateline.events.actors import ActorContext, actor_lexicon, describe, document_context
from dateline.events.arguments import Arguments, find_arguments
from dateline.events.detect import Detector, load_detector, sentence_features
from dateline.events.fatalities import cumulative_count, sentence_fatalities
from dateline.events.incidents import merge_incidents
from dateline.events.modality import event_modality
from dateline.events.stage import EventsStage, build_events
from dateline.events.triggers import Candidate, EventClass, Lexicon, load_lexicon, match_sentence

__all__ = [
    "ActorContext",
    "Arguments",
    "Candidate",
    "Detector",
    "EventClass",
    "EventsStage",
    "Lexicon",
    "actor_lexicon",
    "build_events",
    "cumulative_count",
    "describe",
    "document_context",
    "event_modality",
    "find_arguments",
    "load_detector",
    "load_lexicon",
    "match_sentence",
    "merge_incidents",
    "sentence_features",
    "sentence_fatalities",
]
