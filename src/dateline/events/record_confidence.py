"""How sure a record is: a small calibrated model over what the record itself shows.

The detector (:mod:`dateline.events.detect`) judges a sentence; a record can still be wrong in a good sentence
(a second trigger, a demand inside a report of fighting) or right in a vague one. This model scores each event
mention from the detector's probabilities and the record's own evidence: a named actor, a stated place and
date, a stated toll, how the trigger is worded, whether it sits in the preamble (captions and summary lines), and
how many other sentences of the document tell the same incident.
It is a logistic regression with isotonic calibration, trained by ``training/event_detector.py`` on the event
mentions of our labelled training sentences (a mention is right when its sentence reports an incident of its
type), with the detector's out-of-fold probabilities so that it does not learn to trust an overfitted
detector. Its weights are in ``data/en/detector.npz`` beside the detector's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dateline.events.actors import told_actors
from dateline.model import Document, Event, Token

FAMILIES = ("Battles", "Explosions", "Violence against civilians", "Demonstrations", "Strategic")
RECORD_FEATURES = (
    "p_event", "p_type", "rule_weight", "verb_trigger", "named_actor", "any_actor", "any_target", "place_stated",
    "place_any", "date_stated", "toll_stated", "fact", "preamble", "first_sentences", "live_triggers",
    "perfect", "subordinate", "quoted", "present", "first_person", *(f"family_{f}" for f in FAMILIES),
    "told_elsewhere",
)
TOLD_CAP = 2  # other sentences telling the incident: two or more count alike


@dataclass(frozen=True, slots=True)
class RecordModel:
    mean: np.ndarray
    scale: np.ndarray
    w: np.ndarray
    b: float
    calib_x: np.ndarray
    calib_y: np.ndarray

    def score(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.mean) / self.scale
        raw = 1.0 / (1.0 + np.exp(-(z @ self.w + self.b)))
        return np.interp(raw, self.calib_x, self.calib_y)


def record_features(event: Event, *, p_event: float, p_type: float, rule_weight: float, verb: bool,
                    stated: tuple[bool, bool], preamble: bool, sentence: int, live_triggers: int,
                    family: str, clause: tuple[bool, ...] = (False, False, False, False, False)) -> np.ndarray:
    """The features of one event mention, in the order of :data:`RECORD_FEATURES`. ``clause``: the trigger's verb
    is in the present perfect ("have killed": often a running total), the trigger sits in a relative or
    adverbial clause, the trigger is inside quotation marks, its verb is in the simple present (captions: "a
    helicopter fires a missile"), the sentence speaks in the first person outside quotes (the reporter's colour)."""
    f = dict.fromkeys(RECORD_FEATURES, 0.0)
    f["p_event"] = p_event
    f["p_type"] = p_type
    f["rule_weight"] = min(1.0, rule_weight)
    f["verb_trigger"] = float(verb)
    told = told_actors(event.actors)  # a crowd added by convention is no evidence
    f["named_actor"] = float(any(a.canonical for a in told))
    f["any_actor"] = float(bool(told))
    f["any_target"] = float(bool(event.targets))
    f["place_stated"] = float(stated[0])
    f["place_any"] = float(event.place is not None)
    f["date_stated"] = float(stated[1])
    f["toll_stated"] = float(event.fatalities is not None)
    f["fact"] = float(event.modality in ("asserted", "claimed"))
    f["preamble"] = float(preamble)
    f["first_sentences"] = float(sentence < 4)
    f["live_triggers"] = min(live_triggers, 4) / 4
    f["perfect"], f["subordinate"], f["quoted"], f["present"], f["first_person"] = (float(v) for v in clause)
    f[f"family_{family if family in FAMILIES else 'Strategic'}"] = 1.0
    return np.array([f[k] for k in RECORD_FEATURES], dtype=np.float32)


def with_told_elsewhere(features: np.ndarray, sentences: int) -> np.ndarray:
    """``features`` with ``told_elsewhere`` set: how many other sentences of the document tell the mention's
    incident (:func:`dateline.events.incidents.told_elsewhere`), known only once every mention is built."""
    out = features.copy()
    out[RECORD_FEATURES.index("told_elsewhere")] = min(sentences, TOLD_CAP) / TOLD_CAP
    return out


def as_chronicle_entry(features: np.ndarray) -> np.ndarray:
    """``features`` without ``present``: in a chronology the historical present is the narrative tense, not a
    caption's."""
    out = features.copy()
    out[RECORD_FEATURES.index("present")] = 0.0
    return out


def clause_shape(document: Document, head: int) -> tuple[bool, bool, bool, bool, bool]:
    """(present perfect, subordinate clause, quoted, simple present, first person) for the trigger at ``head``."""
    tokens = document.tokens
    verb = head
    for _ in range(3):  # a nominal trigger takes the verb it hangs from
        if tokens[verb].pos in ("VERB", "AUX") or tokens[verb].head == verb:
            break
        verb = tokens[verb].head
    aux = auxiliaries(tokens, verb)
    perfect = tokens[verb].tag == "VBN" and any(tokens[k].lemma.lower() == "have" for k in aux)
    subordinate = tokens[verb].dep in ("relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp")
    start = document.sentences[tokens[head].sent][0] if document.sentences else 0
    before = document.text[start:tokens[head].start]
    quoted = (before.count('"') + before.count("“") - before.count("”")) % 2 == 1
    present = tokens[verb].tag in ("VBZ", "VBP") and not aux
    sent = tokens[head].sent
    first_person = not quoted and any(t.sent == sent and t.pos == "PRON" and
                                      document.text[t.start:t.end].lower() in ("we", "i", "us", "our", "my")
                                      for t in tokens[max(0, head - 40):head + 40])
    return perfect, subordinate, quoted, present, first_person


def auxiliaries(tokens: Sequence[Token], verb: int) -> list[int]:
    """The auxiliaries of ``verb`` (within the four words before it: "had been", "will have been")."""
    return [k for k in range(max(0, verb - 4), verb) if tokens[k].head == verb and tokens[k].dep in ("aux", "auxpass")]


def clause_tense(tokens: Sequence[Token], head: int) -> str | None:
    """"present" or "past": the tense of the first finite verb at or above the trigger ("police use water cannons",
    "the headquarters is ransacked", "returns to Egypt to join the demonstrations"; "said troops had attacked": the
    attack's own clause); None for a perfect, a progressive or a modal ("have fired", "are advancing", "could")."""
    current = head
    for _ in range(MAX_TENSE_CLIMB):
        token = tokens[current]
        if token.pos in ("VERB", "AUX"):
            aux = [k for k in auxiliaries(tokens, current) if tokens[k].tag != "TO"]
            if aux:
                first = tokens[aux[0]]
                if first.tag == "MD" or token.tag == "VBG" or (first.lemma.lower() == "have" and first.tag != "VBD"):
                    return None
                return "past" if first.tag == "VBD" else "present" if first.tag in ("VBZ", "VBP") else None
            if token.tag in ("VBZ", "VBP"):
                return "present"
            if token.tag == "VBD":
                return "past"
        if token.head == current:
            return None
        current = token.head
    return None


MAX_TENSE_CLIMB = 6  # head hops from a nominal trigger to its verb ("clashes" → "in" → "wounded" → "reports")
