"""The events stage: trigger rules, a learned detector, the actor dictionary → sourced incident records.

Reads ``text``, ``sentences``, ``tokens``, ``mentions``, ``times``, ``places``/``place_records`` (never
``removed``: captions are not in ``text``). For every sentence with a trigger the detector
(:mod:`dateline.events.detect`) says how likely it reports an incident and of which type; each trigger
becomes an event mention with its actors (:mod:`dateline.events.actors`), place (:mod:`dateline.events.where`),
date, toll and modality; the mentions of one incident in the document become one event
(:mod:`dateline.events.incidents`) with a calibrated ``confidence`` and a ``reportable`` flag.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from dateline.clean.comments import comments_start
from dateline.clean.wire import AGENCY_TAG
from dateline.events.accidents import AIR_KINDS, accidental_explosion, aircraft_crash
from dateline.events.accidents import KINDS as ACCIDENT_KINDS
from dateline.events.actors import (
    ARMED_PARTIES,
    CROWD_TYPES,
    EXTERNAL_INTER,
    VICTIM_INTER,
    ActorContext,
    actor_lexicon,
    country_party,
    crowd,
    crowd_against_force,
    crowds_where_they_gathered,
    document_context,
    opposition_of_their_state,
    other_side,
    party_key,
    remember_subjects,
    told_actors,
    with_crowd,
)
from dateline.events.arguments import Arguments, find_arguments, full_stop
from dateline.events.combine import choose, rule_scores
from dateline.events.confidence import (
    BACKGROUND_DAYS,
    FACT_MODALITIES,
    is_background,
    reportable,
    rules_confidence,
    threshold_of,
)
from dateline.events.crime import KINDS as CRIME_KINDS
from dateline.events.crime import ordinary_crime
from dateline.events.describe import event_date, summary
from dateline.events.detect import Detector, Prediction, encoder_input, load_detector, sentence_features
from dateline.events.fatalities import (
    cause_of_a_total,
    cumulative_count,
    perfect_total,
    sentence_fatalities,
    time_clause,
    trigger_fatalities,
)
from dateline.events.incidents import (
    acled_family,
    casualty_reports,
    combine_incidents,
    family,
    incident_groups,
    is_chronicle,
    told_elsewhere,
)
from dateline.events.modality import (
    asked_about,
    compared_event,
    counted_in_plenty,
    counted_over_a_period,
    event_modality,
    generic_statement,
    gerund_activity,
    governor_cue,
    habitual_statement,
    placed_device,
    protest_as_motive,
)
from dateline.events.perpetrators import fill_perpetrators
from dateline.events.record_confidence import (
    RecordModel,
    as_chronicle_entry,
    clause_shape,
    clause_tense,
    record_features,
    with_told_elsewhere,
)
from dateline.events.triggers import (
    MIN_EVENT_WEIGHT,
    REACTING,
    Candidate,
    EventClass,
    Lexicon,
    children_of,
    load_lexicon,
    match_sentence,
    own_clause,
    subtree,
)
from dateline.events.where import (
    SAYING,
    SPEAKING,
    as_event_place,
    conjoined,
    document_focus,
    event_place,
    unplaced_mentions,
    usable_mentions,
)
from dateline.model import Document, Event, Participant, Place, PlaceMention, Span, Token
from dateline.stage import BaseStage
from dateline.time import calendar as cal
from dateline.time.event_date import said_of_another, since_clause
from dateline.time.resolve_relative import days_ago

log = logging.getLogger(__name__)

CLAUSE_DEPS = frozenset({"ccomp", "relcl", "parataxis", "xcomp", "csubj", "acl"})  # a trigger below these is its own event
FOLD_HOPS = 3  # a dependent trigger this close under another one is part of it ("hit by a rocket launched")
FOLD_ADJACENT = 4  # a folded object this close joins the trigger text ("fires a missile")
OPEN_BELOW = 0.55  # triggers weaker than this may be retyped to any class by the classifier
WEAK_FLOOR = 0.35  # a weak trigger ("killed") alone in a sentence the detector believes (WEAK_GATE) is an event
WEAK_GATE = 0.5
VIOLENT = frozenset({"FIGHT", "ASSAULT"})
PREAMBLE_DATELINE = re.compile(AGENCY_TAG)
BATTLES = frozenset({"armed_clash", "gov_regains", "nsa_overtakes"})
TERRITORY_CLASSES = frozenset({"gov_regains", "nsa_overtakes", "nonviolent_transfer"})
SEIZING = frozenset({"disrupted_weapons", "arrests"})  # their objects are things taken, not events
LISTING_VERBS = frozenset({"include", "contain", "comprise"})
FORCE_MET_CROWD = frozenset({"protest_intervention", "excessive_force"})  # a force acted on a crowd
PROTEST_CLASSES = frozenset({"excessive_force", "mob_violence", "violent_demonstration", "protest_intervention",
                             "peaceful_protest"})
CROWD_ACTS = PROTEST_CLASSES - FORCE_MET_CROWD  # the crowd itself acts: a protest, a riot
# two crowds face each other ("clashes between pro- and anti-government demonstrators", "rival groups of protesters
# fought", "supporters and opponents of the president clashed"): ACLED codes rioters against rioters
RIVAL_CROWDS = re.compile(r"\bpro-?\s*(?:and|or)\s+anti\b|\banti-?\s*(?:and|or)\s+pro\b|\brival\s+(?:\w+\s+)?"
                          r"(?:groups?|crowds?|camps?|protesters|demonstrators|supporters|rallies|marches|factions)\b"
                          r"|\bsupporters\s+and\s+opponents\b|\bopponents\s+and\s+supporters\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger after typing, before it becomes an Event."""

    candidate: Candidate
    cls: str
    score: float
    indices: tuple[int, ...]
    folded: tuple[int, ...] = ()  # heads of the triggers folded into this one ("blasts from the NATO airstrike")


class EventsStage(BaseStage):
    """Detect, type and describe the incidents every OK English document reports."""

    name: ClassVar[str] = "events.extract.v3"

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self._lexicon: Lexicon | None = None
        self._detector: Detector | None = None
        self._countries: dict[str, str] = {}
        self._admin1: dict[tuple[str, str], str] = {}
        self._ready = False

    @property
    def signature(self) -> str:
        """The stage name plus the settings that change its records (a re-run with them redoes the documents)."""
        parts = [self.name]
        threshold = getattr(self.settings, "event_threshold", None)
        if threshold is not None:
            parts.append(f"threshold={threshold:g}")
        files = getattr(self.settings, "actors", ()) or ()
        if files:
            digest = hashlib.sha1()
            for path in files:
                digest.update(Path(path).read_bytes() if Path(path).exists() else path.encode())
            parts.append(f"actors={digest.hexdigest()[:10]}")
        return "@".join(parts)

    def setup(self) -> None:
        if self._ready:
            return
        self._lexicon = load_lexicon("en")
        jobs = max(1, getattr(self.settings, "jobs", 1))
        threads = max(1, (os.cpu_count() or 1) // jobs) if jobs > 1 else None
        self._detector = load_detector("en", embeddings=getattr(self.settings, "event_embeddings", True), threads=threads)
        self._countries, self._admin1 = gazetteer_names(getattr(self.settings, "gazetteer", None))
        self._nationalities = gazetteer_demonyms(getattr(self.settings, "gazetteer", None))
        self._ready = True

    def __call__(self, batch: list[Document]) -> list[Document]:
        self.setup()
        lexicon = self._lexicon or load_lexicon("en")
        work = [(i, _analyse(d, lexicon)) for i, d in enumerate(batch) if d.ok and d.tokens]
        predictions = self._predict([(batch[i], a) for i, a in work], lexicon)
        actors = actor_lexicon("en", tuple(getattr(self.settings, "actors", ()) or ()))
        threshold = threshold_of(getattr(self.settings, "event_threshold", None))
        out = list(batch)
        for i, analysis in work:
            ctx = document_context(batch[i], actors, dict(self._countries))
            ctx.admin1_names = self._admin1
            ctx.nationalities = self._nationalities
            remember_subjects(batch[i], analysis.children, ctx)
            records = self._detector.record_model if self._detector is not None else None
            events = build_events(batch[i], analysis, lexicon, predictions, ctx, threshold, records)
            out[i] = dataclasses.replace(batch[i], events=events)
        return out

    def _predict(self, items: list[tuple[Document, Analysis]], lexicon: Lexicon) -> dict[tuple[str, int], Prediction]:
        """The detector's verdict for every sentence with a trigger, in one batched call."""
        if self._detector is None:
            return {}
        keys, texts, rows = [], [], []
        for document, analysis in items:
            for sent, candidates in sorted(analysis.by_sentence.items()):
                if not any(not c.agent for c in candidates):
                    continue
                keys.append((document.id, sent))
                texts.append(encoder_input(document, sent, analysis.ranges[sent], candidates, analysis.children))
                rows.append(sentence_features(document, sent, analysis.ranges[sent], candidates, lexicon, analysis.children))
        if not keys:
            return {}
        found = self._detector.predict(texts, np.vstack(rows))
        return dict(zip(keys, found, strict=True))


@cache
def gazetteer_names(path: str | None = None) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """ISO2 → country name and (ISO2, admin1 code) → division name, read once from the gazetteer index.
    Both are empty when there is none: actors then keep the ISO code, records the admin1 code. A country ACLED
    spells otherwise is named as ACLED writes it ("Protesters (Palestine)", not GeoNames' "Palestinian
    Territory"; the export's country table). Shared: copy before changing."""
    from dateline.export.acled_reference import countries as acled_countries

    try:
        from dateline.geo.gazetteer import Gazetteer

        with Gazetteer.open(path, build=False) as gazetteer:
            countries = {iso: row[1] for iso, row in gazetteer.countries.items()
                         if iso and row[1] and not iso.startswith("@")}
            admin1 = {key: row[0] for key, row in gazetteer.admin1.items() if all(key) and row[0]}
    except Exception:  # noqa: BLE001 - no gazetteer index
        return {}, {}
    acled = acled_countries()
    return {iso: acled[iso].name if iso in acled else name for iso, name in countries.items()}, admin1


def gazetteer_demonyms(path: str | None = None) -> dict[str, str]:
    """Folded demonym → ISO2 ("syrian" → "SY") from the gazetteer index; empty when there is none."""
    try:
        from dateline.geo.gazetteer import Gazetteer

        with Gazetteer.open(path, build=False) as gazetteer:
            return {key: iso for key, iso in gazetteer.demonyms.items() if len(iso) == 2}
    except Exception:  # noqa: BLE001 - no gazetteer index
        return {}


def _admin1(record: Place | None, ctx: ActorContext) -> str | None:
    """The place's first-level division by name ("Ninawa"), the code when the name is unknown."""
    if record is None or not record.admin1:
        return None
    return ctx.admin1_names.get((record.country or "", record.admin1), record.admin1)


@dataclass(frozen=True, slots=True)
class Analysis:
    children: list[list[int]]
    ranges: dict[int, tuple[int, int]]  # sentence index → token range
    by_sentence: dict[int, list[Candidate]]


def _analyse(document: Document, lexicon: Lexicon) -> Analysis:
    children = children_of(document.tokens)
    ranges = sentence_token_ranges(document)
    comments = comments_start(document.text)  # reader comments are nobody's report of an incident
    by_sentence = {}
    for sent, span in ranges.items():
        if comments is not None and document.tokens[span[1] - 1].end > comments:
            continue
        found = [c for c in match_sentence(document.text, document.tokens, children, span, lexicon)
                 if not _month_name(document, c.head)]
        if found:
            by_sentence[sent] = found
    return Analysis(children=children, ranges=ranges, by_sentence=by_sentence)


def _month_name(document: Document, i: int) -> bool:
    """Token ``i`` is a proper noun inside a time expression: the month of "on March 31", never a march."""
    token = document.tokens[i]
    return token.pos == "PROPN" and any(t.start <= token.start and token.end <= t.end for t in document.times)


def sentence_token_ranges(document: Document) -> dict[int, tuple[int, int]]:
    ranges: dict[int, tuple[int, int]] = {}
    for i, token in enumerate(document.tokens):
        lo, _ = ranges.get(token.sent, (i, i))
        ranges[token.sent] = (lo, i + 1)
    return ranges


def build_events(document: Document, analysis: Analysis, lexicon: Lexicon, predictions: dict[tuple[str, int], Prediction],
                 ctx: ActorContext, threshold: float, records: RecordModel | None = None) -> tuple[Event, ...]:
    """The document's incidents: every trigger typed and described, scored, the mentions of one incident merged."""
    found = event_mentions(document, analysis, lexicon, predictions, ctx, threshold)
    mentions = found.mentions
    if records is not None and mentions:
        scores = records.score(np.vstack(found.features))
        mentions = [dataclasses.replace(e, confidence=round(float(c), 4),
                                        reportable=reportable(e.modality, e.background, float(c), threshold))
                    for e, c in zip(mentions, scores, strict=True)]
    scored = {e.id: e for e in mentions}  # the groups event_mentions found, with the scored mentions
    merged = combine_incidents([[scored[i] for i in group] for group in found.groups], found.specificity, threshold,
                               preamble_end(document), found.countries, found.stated)
    heads = dict(zip((m.id for m in found.mentions), found.heads, strict=True))
    # a record typed by a sentence's unattributed shelling ("six rockets struck in three strikes that hit ...") whose
    # doer came from the sentence's other telling is read like a mention: an air-only force's strike is an air strike
    filled = _air_only_forces(_struck_by_named_force(fill_perpetrators(merged), heads, document, analysis, ctx), lexicon)
    final = crowds_where_they_gathered(filled, ctx)
    return tuple(dataclasses.replace(e, summary=summary(e, found.subjects.get(e.id, ""))) for e in final)



@dataclass(slots=True)
class Mentions:
    """A document's event mentions before they are merged into incidents, with what scoring needs."""

    mentions: list[Event]
    specificity: dict[str, float]  # event id → the rule score of its type
    stated: dict[str, tuple[bool, bool]]  # event id → (its sentence names its place, a date)
    features: list[np.ndarray]  # record features (dateline.events.record_confidence), one per mention
    sentences: list[int]
    heads: list[int] = dataclasses.field(default_factory=list)  # the trigger's head token, one per mention
    objects: dict[str, tuple[str, int]] = dataclasses.field(default_factory=dict)  # id → (thing done to, sentence)
    subjects: dict[str, str] = dataclasses.field(default_factory=dict)  # id → subject words shown without an actor
    unread: set[str] = dataclasses.field(default_factory=set)  # ids whose clause names a doer no one can read
    countries: dict[str, tuple[str, bool]] = dataclasses.field(default_factory=dict)  # place id → (ISO2, whole country)
    groups: list[list[str]] = dataclasses.field(default_factory=list)  # mention ids per incident (incident_groups)
    telling: dict[str, str] = dataclasses.field(default_factory=dict)  # id → id of the clause's first record
    definite: set[str] = dataclasses.field(default_factory=set)  # ids told by a definite noun ("the blast")
    shifted: set[str] = dataclasses.field(default_factory=set)  # ids told after a change of scene ("Elsewhere, ...")
    sequenced: dict[str, bool] = dataclasses.field(default_factory=dict)  # id → told in an "after ..." clause


def event_mentions(document: Document, analysis: Analysis, lexicon: Lexicon,
                   predictions: dict[tuple[str, int], Prediction], ctx: ActorContext, threshold: float) -> Mentions:
    """Every trigger of the document typed and described as an event mention."""
    usable, unplaced = usable_mentions(document), unplaced_mentions(document)
    focus = document_focus(document, usable)
    preamble = preamble_end(document)
    taken: dict[int, PlaceMention] = {}
    out = Mentions([], {}, {}, [], [])
    battles: list[int] = []
    fired: list[int] = []  # shelling of an armed side by no one named
    last_told: str | None = None  # the class of the last violent incident told as fact: what "the attack" retells
    for sent, candidates in sorted(analysis.by_sentence.items()):
        prediction = predictions.get((document.id, sent))
        found = _type_sentence(document, candidates, _class_probs(prediction, lexicon), lexicon,
                               prediction.p_event if prediction else None)
        found = _retellings(document, found, candidates, analysis.children, lexicon, last_told)
        lo, hi = analysis.ranges[sent]
        counting = cumulative_count(document, lo, hi)  # "since March", "so far": the sentence keeps a running total
        deaths = None if counting or \
            perfect_total(document, lo, hi, analysis.children, {c.head for c in candidates}) \
            else sentence_fatalities(document, lo, hi, analysis.children, found[0].candidate.head if found else None)
        live = sum(1 for c in candidates if not c.agent)
        kept = {h for f in found for h in (f.candidate.head, *f.folded)}
        dropped = tuple(c.head for c in candidates if not c.agent and c.head not in kept)
        for k, item in enumerate(found):
            own = trigger_fatalities(document, item.candidate.head, analysis.children) \
                if deaths is not None and len(found) > 1 else None  # each death clause of a list its own toll
            event, thing, subject, unread = _event(document, item, lexicon, analysis,
                                                   own if own is not None else deaths if k == 0 else None,
                                                   prediction, ctx, (usable, unplaced), taken, threshold, focus,
                                                   dropped)
            if event.acled in CRIME_KINDS and ordinary_crime(event.sources[0].text, _previous_sentence(document, sent),
                                                             ctx.lexicon.names_group):
                continue  # police news, not a political event (dateline.events.crime)
            if generic_statement(document.tokens, item.candidate.head, analysis.children) and \
                    not _anchored(document, event.sources[0]):
                continue  # "attacks on journalists are unacceptable": a kind of event, no incident
            if habitual_statement(document.tokens, item.candidate.head, analysis.children) and \
                    not _names_day(document, event.sources[0]):
                continue  # "has repeatedly sent car bombs against its lines": a habit, no incident
            if gerund_activity(document.tokens, item.candidate.head, analysis.children) and \
                    not _names_day(document, event.sources[0]):
                continue  # "using nuclear blasts for peaceful ends was a plank of policy": an activity in general
            if counted_over_a_period(document.tokens, item.candidate.head, analysis.children, event.sources[0].text):
                continue  # "has carried out hundreds of strikes since the offensive began": a campaign's total
            if counting and cause_of_a_total(document, item.candidate.head, analysis.children):
                continue  # "224 civilians have been killed in air strikes ... since June 6": a running total
            if _a_start_that_dates(document.tokens, item.candidate.head):
                continue  # "three weeks after the offensive began": the start of a campaign dates the sentence
            if counted_in_plenty(document.tokens, item.candidate.head) and not _names_day(document, event.sources[0]):
                continue  # "the offensive has been backed by hundreds of coalition air strikes": a tally
            if event.acled == REMOTE_EXPLOSIVE and placed_device(document.tokens, item.candidate.head, lo, hi):
                continue  # "forces laying mines in the harbour": nothing has gone off
            if event.acled in ACCIDENT_KINDS and accidental_explosion(
                    event.sources[0].text, _previous_sentence(document, sent) + " " + _next_sentence(document, sent),
                    bool(event.actors)):
                continue  # an explosion with nothing hostile about it (dateline.events.accidents)
            if event.acled in AIR_KINDS and aircraft_crash(event.sources[0].text):
                continue  # an aircraft that crashed, not one that struck (dateline.events.accidents)
            if protest_as_motive(document.tokens, item.candidate.head, analysis.children):
                continue  # "the ambassador resigned in protest": why one person acted, no demonstration
            if compared_event(document.tokens, item.candidate.head, analysis.children):
                continue  # "came after similar protests abroad toppled its president": a comparison, colour
            extras = [dataclasses.replace(e, id=f"{event.id}-{n}")
                      for n, e in enumerate(_more_places(document, event, usable, ctx), 1)]
            for one in _split_toll([event, *extras]):
                if item.cls in BATTLES and not (one.actors and one.targets):
                    battles.append(len(out.mentions))
                elif item.cls == "shelling" and not one.actors and any(t.type in ARMED_PARTIES for t in one.targets):
                    fired.append(len(out.mentions))
                stated = _stated(document, one, usable, document.tokens[item.candidate.head].start)
                out.mentions.append(one)
                out.specificity[one.id] = item.score
                out.stated[one.id] = stated
                out.objects[one.id] = (thing, sent)
                out.subjects[one.id] = subject
                if unread:
                    out.unread.add(one.id)
                if _definite(document.tokens, item.candidate.head, analysis.children):
                    out.definite.add(one.id)
                if scene_shift(document, sent):
                    out.shifted.add(one.id)
                if item.score > MIN_EVENT_WEIGHT or (one.actors and one.targets):  # a bare "died" counts the dead
                    out.sequenced[one.id] = time_clause(document.tokens, item.candidate.head) is not None
                out.sentences.append(sent)
                out.heads.append(item.candidate.head)
                if one.modality in FACT_MODALITIES and not one.background and lexicon.cls(item.cls).plover in VIOLENT:
                    last_told = item.cls
                out.telling[one.id] = event.id
                out.features.append(record_features(
                    one, p_event=prediction.p_event if prediction else 0.0,
                    p_type=prediction.p_types.get(one.acled or "", 0.0) if prediction else 0.0,
                    rule_weight=item.score, verb=document.tokens[item.candidate.head].pos in ("VERB", "AUX"),
                    stated=stated, preamble=one.sources[0].start < preamble, sentence=sent, live_triggers=live,
                    family=family(one), clause=clause_shape(document, item.candidate.head)))
    for k in battles:  # a side named only later in the document ("... the rebels said") completes a battle
        event, sent = out.mentions[k], out.sentences[k]
        if not event.actors and not event.targets:  # neither side named: the document's two sides
            sides = ctx.main_sides(sent, event.country)
            if sides is not None:
                sides = _taker_first(event.acled, sides)
                out.mentions[k] = dataclasses.replace(event, actors=sides[:1], targets=sides[1:])
            continue
        out.mentions[k] = _with_opponent(event, (event.actors or event.targets)[0], sent, ctx)
    out.mentions = _one_arresting_force(_remote_doers(out.mentions, lexicon, out.unread))
    for k in fired:  # still shelling by no one once the air-only forces are read: "rebel positions were shelled"
        event = out.mentions[k]
        if event.acled == SHELLING and not event.actors:
            hit = next(t for t in event.targets if t.type in ARMED_PARTIES)
            out.mentions[k] = _with_opponent(event, hit, out.sentences[k], ctx)
    out.mentions = [_of_their_state(e, ctx) for e in out.mentions]
    out.countries = place_countries(document)
    told: dict[int, int] = {}  # sentence → its first fact's trigger; never a caption, which is in the present too
    for e, sent, head in zip(out.mentions, out.sentences, out.heads, strict=True):
        if e.modality in FACT_MODALITIES and e.sources[0].start >= preamble and full_stop(document.tokens, head):
            told.setdefault(sent, head)
    chronicle = is_chronicle([clause_tense(document.tokens, head) for head in told.values()])
    tolls = casualty_reports(out.mentions, out.specificity, out.stated)
    groups = incident_groups(out.mentions, preamble, out.countries, out.stated, out.objects, out.definite, tolls,
                             out.sequenced, shifted=out.shifted)
    # how often a kind of incident is told stays the confidence model's evidence in a chronology too, whose
    # entries are each told once
    out.features = [with_told_elsewhere(f, n) for f, n in zip(out.features, _told_per_telling(out, groups),
                                                               strict=True)]
    if chronicle:
        out.features = [as_chronicle_entry(f) for f in out.features]
        groups = incident_groups(out.mentions, preamble, out.countries, out.stated, out.objects, out.definite, tolls,
                                 out.sequenced, chronicle=True, shifted=out.shifted)
    out.groups = [[e.id for e in group] for group in groups]
    return out


DEFINITE = frozenset({"the", "this", "that"})
# a sentence that opens by moving the scene tells another incident than the one before it, whatever place or day
# it borrows: "Elsewhere, ...", "Nearby, police fired tear gas", "In other cities, ...", "Separately, ...",
# "Another group of protesters ...", "Another five people died in an attack on ..." (not "Another 12 were wounded")
SCENE_SHIFT = re.compile(r"(?:elsewhere|nearby|separately|meanwhile|in\s+(?:an)?other\s+(?:cities|towns|places|parts|areas"
                         r"|districts|neighbo(?:u)?rhoods|regions|provinces|city|town|incident|attack)"
                         r"|another\b(?!(?:\s+\w+){0,3}\s+(?:wounded|injured|hurt|died\s+of)))\b", re.I)


def scene_shift(document: Document, sent: int) -> bool:
    """The sentence opens with a word that moves the scene (:data:`SCENE_SHIFT`)."""
    start, end = document.sentences[sent]
    return SCENE_SHIFT.match(document.text, start, end) is not None


# nouns that name an act of violence without saying which ("the attack", "the strike"), and the words that say a
# known act took place ("the strike happened late on Wednesday near X"): such a sentence retells an incident
GENERIC_ACTS = frozenset({"attack", "strike", "raid", "assault", "incident"})
OCCURRED = frozenset({"happen", "occur", "unfold", "come"})


def _retellings(document: Document, found: list[Found], candidates: list[Candidate], children: list[list[int]],
                lexicon: Lexicon, last_told: str | None) -> list[Found]:
    """A sentence that says when or where a known act took place ("The strike happened late on Wednesday near
    Kasrat Faraj", "The attack took place around noon") retells the violent incident the document told last: its
    generic noun takes that incident's class, however weak or generic its own trigger reads, so that the sentence's
    day and place join the incident (:func:`dateline.events.incidents.incident_groups` joins a definite noun to
    the last compatible incident). A sentence with a trigger of its own that the rules keep as another kind of
    violence ("the strike killed 20", a verb) is not touched: only the generic noun as subject of a verb of taking
    place."""
    if last_told is None:
        return found
    tokens = document.tokens
    kept = {f.candidate.head: f for f in found}
    for candidate in candidates:
        head = candidate.head
        token = tokens[head]
        if candidate.agent or token.lemma.lower() not in GENERIC_ACTS or not _definite(tokens, head, children) \
                or token.dep != "nsubj" or not _took_place(tokens, token.head, children):
            continue
        if any(f.candidate.head != head and lexicon.cls(f.cls).plover in VIOLENT for f in found):
            return found  # the sentence tells violence of its own
        retold = Found(candidate, last_told, max(kept[head].score if head in kept else 0.0, MIN_EVENT_WEIGHT),
                       candidate.indices, kept[head].folded if head in kept else ())
        return [retold, *(f for f in found if f.candidate.head != head)]
    return found


def _took_place(tokens: Sequence[Token], verb: int, children: list[list[int]]) -> bool:
    """The verb says that something took place: "happened", "occurred", "came", "took place"."""
    lemma = tokens[verb].lemma.lower()
    if lemma in OCCURRED:
        return True
    return lemma == "take" and any(tokens[c].dep == "dobj" and tokens[c].lemma.lower() == "place" for c in children[verb])


def _definite(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """The trigger is a singular noun with a definite determiner ("the blast", "that attack"): it points back at
    an incident the reader already knows. A plural ("the protests", "the clashes") often names a whole movement
    or campaign instead."""
    return tokens[head].pos == "NOUN" and tokens[head].tag == "NN" and any(
        tokens[c].dep == "det" and tokens[c].lemma.lower() in DEFINITE for c in children[head])


def _with_opponent(event: Event, known: Participant, sentence: int, ctx: ActorContext) -> Event:
    """``event`` with the side the document sets against ``known`` filled in: the target when the event has its
    actor, else the actor; unchanged when the document names no such side."""
    other = ctx.opponent(known, sentence, event.country)
    if other is None:
        return event
    return dataclasses.replace(event, targets=(other,)) if event.actors else dataclasses.replace(event, actors=(other,))


def _told_per_telling(out: Mentions, groups: list[list[Event]]) -> list[int]:
    """How many other sentences tell each mention's incident, the most of any record of its clause: "protesters
    battled police in Cairo, Suez and Alexandria" is one telling split by place, and a later sentence on the
    fighting in Cairo confirms it for every place."""
    told = told_elsewhere(out.mentions, groups)
    best: dict[str, int] = {}
    for mention, n in zip(out.mentions, told, strict=True):
        key = out.telling.get(mention.id, mention.id)
        best[key] = max(best.get(key, 0), n)
    return [best[out.telling.get(m.id, m.id)] for m in out.mentions]


def _one_arresting_force(mentions: list[Event]) -> list[Event]:
    """Arrests that name nobody got the state's police by convention (``_by_convention``, a participant without a
    name); when the document names exactly one state force arresting people, that force made them."""
    return _one_force(mentions, ARRESTS, lambda e: [a for a in e.actors if a.name and a.type == 1],
                      lambda e: len(e.actors) == 1 and not e.actors[0].name)


def _one_force(mentions: list[Event], kind: str, doers: Callable[[Event], Sequence[Participant]],
               open_: Callable[[Event], bool]) -> list[Event]:
    """Mentions of ``kind`` that ``open_`` accepts are by the one party ``doers`` finds across the document's
    mentions of that kind, when there is exactly one (two, or none, leave them as they are)."""
    found = {party_key(a): a for e in mentions if e.acled == kind for a in doers(e)}
    if len(found) != 1:
        return mentions
    ((key, doer),) = found.items()
    return [dataclasses.replace(e, actors=(doer,), targets=other_side((doer,), e.targets))
            if e.acled == kind and open_(e) and key not in map(party_key, e.targets) else e
            for e in mentions]  # a party never struck its own ("rockets struck the leader's compound")


def _of_their_state(event: Event, ctx: ActorContext) -> Event:
    """``event`` with unnamed rebels or gunmen named after the state whose forces they fight (actors.py)."""
    actors, targets = opposition_of_their_state(event.actors, event.targets, ctx)
    if (actors, targets) == (event.actors, event.targets):
        return event
    return dataclasses.replace(event, actors=actors, targets=targets)


def place_countries(document: Document) -> dict[str, tuple[str, bool]]:
    """Place id → (ISO2, whether the place is a whole country), for the incident merger."""
    return {p.id: (p.country, bool(p.feature and p.feature.startswith("A.PCL"))) for p in document.place_records
            if p.country}


def _remote_doers(mentions: list[Event], lexicon: Lexicon, unread: set[str]) -> list[Event]:
    """Who fired from afar: shelling by a party that only bombs is read as its air strike first (so it counts
    as an air force, not a second shelling side), the unnamed firers are filled in, and the parties filled in
    are read the same way."""
    filled = _one_remote_force(_air_only_forces(mentions, lexicon), unread)
    return _air_only_forces(filled, lexicon)


def _air_only_forces(mentions: list[Event], lexicon: Lexicon) -> list[Event]:
    """Shelling by a party the document tells fighting only from the air is an air strike (ACLED codes missiles
    fired from aircraft as air strikes): "Tripoli is being shelled by NATO forces" or "six rockets struck the
    port" in a document where NATO bombs and never fights on the ground. A party that fights a battle or whose
    sentence names a ground-only weapon (artillery, tanks, mortars ...) keeps its shelling."""
    air = {party_key(a) for e in mentions if e.acled == AIR_STRIKE for a in told_actors(e.actors)}
    ground = {party_key(p) for e in mentions if e.acled in GROUND_KINDS for p in (*e.actors, *e.targets) if p.name}
    only_air = air - ground
    if not only_air:
        return mentions
    cls = lexicon.cls("air_strike")
    return [dataclasses.replace(e, acled=cls.acled, type=cls.plover, mode=cls.mode)
            if e.acled == SHELLING and e.actors and party_key(e.actors[0]) in only_air
            and not GROUND_ONLY_WEAPONS.search(e.sources[0].text) else e for e in mentions]


def _one_remote_force(mentions: list[Event], unread: set[str] | frozenset[str] = frozenset()) -> list[Event]:
    """Air strikes or shelling whose sentence names no one firing ("bombs rained down on the capital overnight",
    "bombardments began in the area on Sunday") are by the one party the document names doing that kind of
    remote violence, when it names exactly one (a document with two air forces or two shelling sides, or none,
    leaves them unattributed). ``unread``: mentions whose sentence names a doer the dictionary cannot read ("shelled
    by the crusader aggressors") keep it unknown: the text says who, only not in words we know."""
    out = mentions
    for kind in REMOTE_KINDS:
        out = _one_force(out, kind, lambda e: told_actors(e.actors), lambda e: not e.actors and e.id not in unread)
    # still open because it struck the one party firing that kind: the one other party of the document that fires
    # from afar at all ("four rockets struck the leader's compound" in a document where NATO bombs and the army
    # shells: NATO; _air_only_forces then reads its shelling as an air strike)
    firing = {party_key(a): a for e in out if e.acled in REMOTE_KINDS for a in told_actors(e.actors)}
    return [_by_the_other_remote_force(e, firing) if e.acled in REMOTE_KINDS and not e.actors and e.id not in unread
            and e.targets else e for e in out]


def _by_the_other_remote_force(event: Event, firing: dict[str, Participant]) -> Event:
    """``event`` by the one party of ``firing`` (name → party: all who fire from afar in the document) that it did
    not strike, when leaving out the parties it struck leaves exactly one; or by the only party firing from afar at
    all when what was struck is armed parties other than it ("six rockets hit five coast guard boats" where only
    NATO strikes: NATO's; a strike on a market stays unattributed)."""
    struck = set(map(party_key, event.targets))
    others = [p for key, p in firing.items() if key not in struck]
    armed_only = all(t.type in ARMED_PARTIES for t in event.targets)
    if len(others) != 1 or (len(others) == len(firing) and not armed_only):
        return event  # no party was left out for being struck: the first pass's rule stands
    return dataclasses.replace(event, actors=(others[0],), targets=other_side(others[:1], event.targets))


def _taker_first(acled: str | None, sides: tuple[Participant, Participant]) -> tuple[Participant, Participant]:
    """The document's two sides in the order the territory type says: state forces regain ("the Baghdad regime
    recaptured east Mosul"), a non-state group overtakes."""
    state = [side.type == 1 for side in sides]
    if (acled == "Government regains territory" and state == [False, True]) or \
            (acled == "Non-state actor overtakes territory" and state == [True, False]):
        return sides[1], sides[0]
    return sides


def _modality_key(cls: EventClass) -> tuple[bool, bool]:
    """What an event class changes in its modality: whether it is a protest, whether a change of territory."""
    return cls.key in PROTEST_CLASSES, cls.key in TERRITORY_CLASSES


def _modality(tokens: Sequence[Token], head: int, children: list[list[int]], cls: EventClass) -> str:
    protest, territory = _modality_key(cls)
    if asked_about(tokens, head, children):
        return "hypothetical"  # "will you continue to protest?": a question tells nothing as fact
    return event_modality(tokens, head, children, protest=protest, territory=territory)


def _names_time(document: Document, start: int, end: int) -> bool:
    return any(start <= t.start < end for t in document.times)


def _names_day(document: Document, span: Span) -> bool:
    """The sentence names a day (a date of day precision) outside a "since" clause, not only a period ("since 6
    June", "this month")."""
    return any(span.start <= t.start < span.end and t.type in ("DATE", "TIME")
               and (parsed := cal.parse_value(t.value or "")) is not None and parsed[1] == "day"
               and since_clause(document, t, span.start, span.end) is None for t in document.times)


def _anchored(document: Document, span: Span) -> bool:
    """The sentence names a place or a time of its own."""
    return _names_time(document, span.start, span.end) or any(span.start <= m.start < span.end for m in document.places)


def _previous_sentence(document: Document, sent: int) -> str:
    return document.text[slice(*document.sentences[sent - 1])] if sent > 0 else ""


def _next_sentence(document: Document, sent: int) -> str:
    return document.text[slice(*document.sentences[sent + 1])] if sent + 1 < len(document.sentences) else ""


def _stated(document: Document, event: Event, usable: list[PlaceMention], at: int) -> tuple[bool, bool]:
    """Whether the event's own sentence names its place and a date of it (not the day of something said inside
    it: "have arrested a man, saying he entered the city two weeks ago"); ``at``: the trigger's offset."""
    start, end = event.sources[0].start, event.sources[0].end
    place = bool(event.place) and any(start <= m.start < end and m.place == event.place.place for m in usable)
    if event.place and event.place.place is None:  # a name the gazetteer could not place: stated by name
        place = event.place.name in document.text[start:end]
    date = any(start <= t.start < end and t.type in ("DATE", "TIME") and not said_of_another(document, t, at)
               for t in document.times)
    return place, date


def preamble_end(document: Document) -> int:
    """Where the lede starts when captions and summary lines precede an agency dateline ("Tripoli, Libya (CNN)
    --" in the first half of the text); 0 when there is none."""
    match = PREAMBLE_DATELINE.search(document.text, 0, max(200, len(document.text) // 2))
    return match.end() if match else 0


def _more_places(document: Document, event: Event, usable: list[PlaceMention], ctx: ActorContext) -> list[Event]:
    """"Protesters battled police in Cairo, Suez and Alexandria": one event per place (ACLED's unit), the toll
    kept only when there is one place."""
    if event.place is None:
        return []
    mention = next((m for m in usable if m.place == event.place.place and event.sources[0].start <= m.start
                    < event.sources[0].end), None)
    if mention is None:
        return []
    out = []
    for other in conjoined(document, mention, usable):
        place, record = as_event_place(document, other)
        out.append(dataclasses.replace(event, place=place, admin1=_admin1(record, ctx),
                                       country=record.country if record else event.country, fatalities=None))
    return out


def _split_toll(events: list[Event]) -> list[Event]:
    """A toll stated for several places together belongs to none of them alone."""
    if len(events) < 2:
        return events
    return [dataclasses.replace(e, fatalities=None) for e in events]


def _class_probs(prediction: Prediction | None, lexicon: Lexicon) -> dict[str, float] | None:
    """The detector's ACLED type probabilities as event-class keys."""
    if prediction is None:
        return None
    keys = _class_by_acled(lexicon)
    out: dict[str, float] = {}
    for acled, p in prediction.p_types.items():
        key = keys.get(acled)
        if key:
            out[key] = out.get(key, 0.0) + p
    return out


def _class_by_acled(lexicon: Lexicon) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, cls in lexicon.classes.items():
        if cls.acled and cls.emit:
            out.setdefault(cls.acled, key)
    return out


def _type_sentence(document: Document, candidates: list[Candidate], probs: dict[str, float] | None, lexicon: Lexicon,
                   p_event: float | None = None) -> list[Found]:
    """Type each trigger of a sentence, fold dependent triggers into their governor, drop non-events.

    A weak trigger ("killed", "died": words that usually only tell a consequence) is an event of its own when it
    is the sentence's only trigger and the detector says the sentence reports an incident."""
    def family_of(key: str) -> str:
        return acled_family(lexicon.cls(key).acled) or key

    typed = []
    own_weight: dict[int, float] = {}
    refined: dict[int, float] = {}  # head → its own protest weight, for a protest trigger retyped to another protest
    live = [c for c in candidates if not c.agent]
    # a trigger of a class that makes no record ("anti-aircraft fire" read as an accidental fire) tells no other event
    emitting = [c for c in live if any(lexicon.cls(k).emit for k, _ in c.options)]
    sentence = document.text[slice(*document.sentences[candidates[0].sent])] if candidates else ""
    # a crowd is often named a sentence before the killing at its protest ("police fired on the marchers. Two died.")
    with_previous = f"{_previous_sentence(document, candidates[0].sent)} {sentence}" if candidates else ""
    for candidate in candidates:
        if candidate.agent:
            continue
        scores = rule_scores(candidate, candidates, document.tokens, family_of)
        cls, score = choose(scores, probs, open_set=max(scores.values()) < OPEN_BELOW)
        own = max(scores, key=scores.__getitem__)
        if cls not in scores and not (own in PROTEST_CLASSES and cls in PROTEST_CLASSES) and \
                not _told_by(cls, sentence if cls in REMOTE_CLASSES else with_previous):
            cls = own  # a guess of an air strike needs something that flew, of a riot a crowd
        # A weak trigger the classifier retyped keeps its own weight when it is the sentence's only one ("the aircraft
        # were attacking demonstrators": an air strike); beside another trigger the class is that one's telling.
        alone = len(live) == 1 or emitting == [candidate]
        typed.append(Found(candidate, cls, scores.get(cls, scores[own] if alone else 0.0), candidate.indices))
        own_weight[candidate.head] = scores[own]
        if cls not in scores and own in PROTEST_CLASSES and cls in PROTEST_CLASSES:
            refined[candidate.head] = scores[own]
    folded = [f for f in _fold(document, typed, lexicon) if lexicon.cls(f.cls).emit]
    kept = [f for f in folded if f.score >= MIN_EVENT_WEIGHT]
    if not kept and refined:
        # no trigger tells an event alone, but a crowd's trigger the classifier retyped to another kind of protest
        # still tells its own protest ("supporters attacked demonstrators ..., and the violence killed three")
        typed = [dataclasses.replace(f, score=refined.get(f.candidate.head, f.score)) for f in typed]
        folded = [f for f in _fold(document, typed, lexicon) if lexicon.cls(f.cls).emit]
        kept = [f for f in folded if f.score >= MIN_EVENT_WEIGHT]
    if not kept and p_event is not None and p_event >= WEAK_GATE:
        kept = sorted((f for f in folded if f.score >= WEAK_FLOOR), key=lambda f: -f.score)[:1]
    kept += _coordinated_clauses(document, folded, kept, own_weight)
    return sorted(kept, key=lambda f: (-(lexicon.cls(f.cls).plover in VIOLENT), -f.score, f.candidate.head))


def _coordinated_clauses(document: Document, folded: list[Found], kept: list[Found],
                         own_weight: dict[int, float]) -> list[Found]:
    """Weak triggers heading a clause coordinated with a kept event's, with a subject of their own ("eleven rebels
    were killed in A, and one was killed in B"): each its own event of the kept one's class (ACLED: one event per
    place), not evidence of the first. ``own_weight``: each trigger's rule weight for its own class, which counts
    here even when the classifier retyped it to a class its rules do not hold."""
    tokens = document.tokens
    by_head = {f.candidate.head: f for f in kept}
    out = []
    for found in folded:
        head = found.candidate.head
        first = by_head.get(tokens[head].head)
        if head not in by_head and first is not None and max(found.score, own_weight.get(head, 0.0)) >= WEAK_FLOOR \
                and own_clause(tokens, head):
            out.append(Found(found.candidate, first.cls, first.score, found.indices))
    return out


def _fold(document: Document, typed: list[Found], lexicon: Lexicon) -> list[Found]:
    """"shot down ..., killing two", "fires a missile", "hit by a rocket launched from": one event each."""
    tokens = document.tokens
    by_head = {f.candidate.head: f for f in typed}
    order = sorted(by_head, key=lambda h: -_depth(tokens, h))  # deepest first: chains fold upwards
    for head in order:
        governor = _governing_trigger(tokens, head, by_head)
        if governor is None and lexicon.cls(by_head[head].cls).plover in VIOLENT:
            seizing = {h: f for h, f in by_head.items() if f.cls in SEIZING}  # "seized a cache which included mortars"
            governor = _governing_trigger(tokens, head, seizing, hops=FOLD_HOPS + 2) if seizing else None
        if governor is None:
            continue
        dependent, upper = by_head.pop(head), by_head[governor]
        if upper.cls in SEIZING and lexicon.cls(dependent.cls).plover in VIOLENT:
            by_head[governor] = upper  # "seized rifles and grenades": the weapons seized are no attack of their own
            continue
        if not _same_family(lexicon, dependent.cls, upper.cls):
            by_head[head] = dependent
            continue
        winner = upper if upper.score >= dependent.score else dependent
        adjacent = tokens[head].dep == "dobj" and head - max(upper.indices) <= FOLD_ADJACENT
        indices = tuple(sorted({*upper.indices, *dependent.indices})) if adjacent else upper.indices
        by_head[governor] = Found(upper.candidate, winner.cls, max(upper.score, dependent.score), indices,
                                  (*upper.folded, head, *dependent.folded))
    return [by_head[h] for h in sorted(by_head)]


def _governing_trigger(tokens: Sequence[Token], head: int, by_head: dict[int, Found], hops: int = FOLD_HOPS) -> int | None:
    """The nearest trigger above ``head`` within ``hops``, unless a clause boundary intervenes."""
    current = head
    for _ in range(hops):
        token = tokens[current]
        if token.head == current or _boundary(token) or own_clause(tokens, current):  # two clauses, two events
            return None
        current = token.head
        if current in by_head:
            return None if _time_reference(tokens, current) else current
    return None


STARTING = frozenset({"begin", "start"})


def _a_start_that_dates(tokens: Sequence[Token], head: int) -> bool:
    """The trigger is what began in a clause that dates another event by its start ("since the offensive began",
    "after the fighting started"): a time reference, no telling of an incident."""
    verb = head if tokens[head].lemma.lower() in STARTING else tokens[head].head
    return 0 <= verb < len(tokens) and tokens[verb].lemma.lower() in STARTING and _time_reference(tokens, verb) \
        and (verb == head or tokens[head].dep in ("nsubj", "nsubjpass", "dobj"))


TIME_NOUNS = frozenset({"time", "day", "moment", "week", "month", "night", "hour"})
TIME_PREPS = frozenset({"from", "since", "until", "till", "after", "before"})


def _time_reference(tokens: Sequence[Token], verb: int) -> bool:
    """The trigger heads a clause that only dates the sentence by another event ("..., three weeks after the
    offensive began", "from the time the alliance began its operation until Tuesday, it flew 3,000 sorties"): what
    the parser hangs under it belongs to the main clause's event, not to that one."""
    if time_clause(tokens, verb) == verb:
        return True
    if tokens[verb].dep == "relcl" and _time_noun(tokens, tokens[verb].head):
        return True
    # the parser may hang "from the time" on the verb itself: a time noun that opens the clause before its verb
    return any(_time_noun(tokens, g) and tokens[tokens[g].head].head == verb and tokens[g].head < g
               for g in range(max(0, verb - 8), verb))


def _time_noun(tokens: Sequence[Token], noun: int) -> bool:
    """``noun`` is "the time", "the day" ... after a temporal preposition ("from the time", "since the day")."""
    return tokens[noun].lemma.lower() in TIME_NOUNS and tokens[noun].dep == "pobj" \
        and tokens[tokens[noun].head].lemma.lower() in TIME_PREPS


def _boundary(token: Token) -> bool:
    if token.dep == "relcl" and token.lemma.lower() in LISTING_VERBS:
        return False  # "arms which included missiles and grenades": the list belongs to the arms
    if token.dep == "advcl":
        return token.tag != "VBG"  # "..., killing two pilots" belongs to the main event
    if token.dep == "acl":
        return token.tag != "VBN"  # "a rocket launched from ..." is the same event
    return token.dep in CLAUSE_DEPS


def _same_family(lexicon: Lexicon, a: str, b: str) -> bool:
    if a in PROTEST_CLASSES and b in PROTEST_CLASSES:
        return True  # "police fired tear gas at protesters": one protest met with force
    pa, pb = lexicon.cls(a).plover, lexicon.cls(b).plover
    return pa == pb or (pa in VIOLENT and pb in VIOLENT)


def _depth(tokens: Sequence[Token], i: int) -> int:
    depth = 0
    while tokens[i].head != i and depth < 50:
        i, depth = tokens[i].head, depth + 1
    return depth


def _event(document: Document, item: Found, lexicon: Lexicon, analysis: Analysis, deaths: int | None,
           prediction: Prediction | None, ctx: ActorContext,
           places: tuple[list[PlaceMention], list[PlaceMention]], taken: dict[int, PlaceMention],
           threshold: float, focus: PlaceMention | None = None,
           dropped: tuple[int, ...] = ()) -> tuple[Event, str, str, bool]:
    """One trigger typed and described, with the thing it was done to, the subject words shown without an actor,
    and whether its clause names a doer no one can read. ``places``: the document's usable and unplaced mentions
    (where.py); ``dropped``: heads of the sentence's triggers that make no record of their own (another word of the
    same telling), which may say where it happened."""
    tokens = document.tokens
    head = item.candidate.head
    cls = lexicon.cls(item.cls)
    sent = tokens[head].sent
    sent_start, sent_end = document.sentences[sent]
    where = _telling_place(document, item, dropped, (sent_start, sent_end), places, taken, focus)
    if where is not None:
        taken.setdefault(sent, where)
    place, record = as_event_place(document, where)
    # A name the gazetteer could not place lies in the country the document is about, when it has one.
    country = record.country if record else (ctx.document_country if place else None)
    # victims are never actor 1 of violence, nor of an arrest ("two activists were detained by men in plain clothes")
    violent = (cls.plover in VIOLENT and cls.key not in PROTEST_CLASSES) or cls.key == "arrests"
    read_as = _modality_key(cls)
    modality = _modality(tokens, head, analysis.children, cls)
    def arguments_in(event_country: str | None) -> Arguments:
        return find_arguments(document, head, analysis.children, item.indices,
                              _not_participants(document, analysis, sent, sent_start, sent_end), ctx,
                              event_country=event_country, violent=violent,
                              protest=cls.key in PROTEST_CLASSES, crowd_acts=cls.key in CROWD_ACTS,
                              fact=modality in FACT_MODALITIES, folded=item.folded)

    args = arguments_in(country or ctx.document_country)
    home = _police_abroad(ctx, args) if where is not None and not sent_start <= where.start < sent_end else None
    if home is not None:
        # "Egyptian security forces turn water cannons on the crowds" after a line about Sanaa: police act at home,
        # so the place borrowed from the sentence before is another scene; the record is in the police's country
        where, place, record, country = None, None, None, home
        args = arguments_in(home)
    lo, hi = analysis.ranges[sent]
    own_protest = any(key in PROTEST_CLASSES for key, _ in item.candidate.options)
    cls = _retyped(lexicon, cls, args, _sentence_kinds(document, lo, hi, ctx), deaths, own_protest=own_protest)
    cls = _by_weapon(lexicon, cls, _telling_text(document, analysis.children, head, analysis.ranges[sent]))
    cls = _people_taken(lexicon, cls, args, ctx, tokens[head])
    if cls.key == "excessive_force" and not deaths and warning_fire(tokens, head, analysis.children):
        # shots fired to warn: a force met the crowd; fired by no armed party, the crowd's own celebratory fire
        armed = not args.actors or any(p.type in ARMED_PARTIES for p in args.actors)
        cls = lexicon.cls("protest_intervention" if armed else "peaceful_protest")
    if cls.key in BATTLES:
        args = _both_sides(args, ctx, sent)
    args = _by_convention(cls, args, ctx, country or ctx.document_country)
    if cls.key in REMOTE_CLASSES and not args.targets:
        foreign = bool(args.actors) and args.actors[0].type == EXTERNAL_INTER
        args = _struck_side(args, ctx, sent, country or ctx.document_country,
                            _harm_window(document, analysis.children, lo, hi, head), foreign=foreign,
                            clause=_clause_text(document, analysis.children, head) if foreign else "")
    if cls.key in PROTEST_CLASSES:
        crowds = tuple(crowd(ctx, a, cls.key, record.country if record else None) for a in args.actors)
        args = dataclasses.replace(args, actors=with_crowd(ctx, crowds, cls.key, country or ctx.document_country))
        if cls.key in FORCE_MET_CROWD:
            actors, targets = crowd_against_force(ctx, args.actors, args.targets, cls.key, country or ctx.document_country)
            args = dataclasses.replace(args, actors=actors, targets=targets)
        elif cls.key == "violent_demonstration" and args.actors and args.actors[0].type in (1, EXTERNAL_INTER) and \
                any(t.type in CROWD_TYPES or t.type == VICTIM_INTER for t in args.targets):
            # "clashes between security forces and protesters (residents)": the rioters are actor 1, the force actor 2
            home = country or ctx.document_country
            people = tuple(crowd(ctx, t, cls.key, home) for t in args.targets)
            actors, targets = crowd_against_force(ctx, args.actors, people, cls.key, home)
            args = dataclasses.replace(args, actors=actors, targets=targets)
        elif cls.key == "violent_demonstration" and not args.targets and args.actors and args.actors[0].type in CROWD_TYPES \
                and RIVAL_CROWDS.search(document.text[sent_start:sent_end]):
            args = dataclasses.replace(args, targets=args.actors[:1])  # rioters against rioters
    trigger = _trigger_text(document, item.indices)
    first = tokens[item.indices[0]].start
    date, precision = event_date(document, sent_start, sent_end, at=tokens[head].start)
    if _modality_key(cls) != read_as:  # retyping changed what the modality depends on
        modality = _modality(tokens, head, analysis.children, cls)
    # a peaceful protest has no dead (ACLED: deaths make it another sub-event type; a toll beside a march typed
    # peaceful is a running count of the unrest, "31 people have been killed in protests")
    fatalities = deaths if (cls.plover in VIOLENT or cls.key in PROTEST_CLASSES) and cls.key != "peaceful_protest" \
        else None
    background = is_background(date, document.published) or \
        _said_of_a_person(document, head, sent_start, sent_end) or \
        (date is None and _long_ago(document, sent_start, sent_end))
    confidence = prediction.p_event if prediction is not None else rules_confidence(item.score)
    thing = args.target_lemma if _is_thing(ctx, args.target_lemma) else ""
    return Event(
        id=f"ev-{document.id}-{first}",
        type=cls.plover,
        trigger=trigger,
        sources=(Span(document.id, sent_start, sent_end, document.text[sent_start:sent_end]),),
        mode=cls.mode,
        acled=cls.acled,
        actors=args.actors,
        targets=other_side(args.actors, args.targets),
        date=date,
        date_precision=precision,
        place=place,
        fatalities=fatalities,
        modality=modality,
        confidence=round(confidence, 4),
        reportable=reportable(modality, background, confidence, threshold),
        background=background,
        admin1=_admin1(record, ctx),
        country=country,
    ), thing, args.subject_text if not args.actors else "", args.unread_doer


REMOTE_CLASSES = frozenset({"air_strike", "shelling"})
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
AIR_STRIKE = "Air/drone strike"
ARRESTS = "Arrests"
SHELLING = "Shelling/artillery/missile attack"
REMOTE_KINDS = (AIR_STRIKE, SHELLING)  # fired from afar: the firing side often unnamed
GROUND_KINDS = frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"})
# people hurt; civilian buildings hit are the actor dictionary's `site` rows (actors.tsv)
CIVILIAN_HARM = re.compile(r"\b(?:civilians?|residential|children|women|famil(?:y|ies)|residents?|"
                           r"people|casualt(?:y|ies)|victims?|killed|killing|dead|died|wounded|injured|farm)\b",
                           re.IGNORECASE)
# hardware and sites only an army holds: a foreign force that hits them with no owner named hits the state's forces
MILITARY_TARGET = re.compile(
    r"\b(?:tanks?|armou?red (?:vehicles?|personnel carriers?)|(?:missile |rocket )?launchers?|warships?|gunboats?|"
    r"naval vessels?|radars?|missile (?:sites?|batter(?:y|ies)|support|facilit(?:y|ies)|systems?)|bunkers?|barracks|"
    r"(?:ammunition|weapons?|arms) (?:depots?|stores?|dumps?|storage)|"
    r"military (?:targets?|sites?|installations?|facilit(?:y|ies)|bases?|positions?|vehicles?|compound|headquarters)|"
    r"command\s*-?\s*and\s*-?\s*control|air defen[cs]es?|anti\s*-?\s*aircraft)\b", re.IGNORECASE)
HARM_WINDOW = 10  # tokens either side of the trigger: a glued summary line's other news stays out


def _police_abroad(ctx: ActorContext, args: Arguments) -> str | None:
    """The country (ISO code) of a state's police that the record reads as acting outside it (inter 8, the canonical
    name of that country's police: "Egyptian security forces" at a place in Yemen), None when no party is such."""
    for party in (*args.actors, *args.targets):
        if party.type == EXTERNAL_INTER and party.canonical:
            home = next((iso for iso in ctx.country_names
                         if (police := country_party(ctx, "police", iso)) and police.canonical == party.canonical), None)
            if home is not None:
                return home
    return None


def _long_ago(document: Document, start: int, end: int) -> bool:
    """The sentence's only time is an "N units ago" more than a month back that no publication date resolved ("the
    protests that ignited the conflict seven years ago" in an undated page): background all the same."""
    times = [t for t in document.times if start <= t.start < end and t.type in ("DATE", "TIME")]
    return len(times) == 1 and times[0].rule == "ago.unanchored" and \
        (days_ago(times[0].text) or 0.0) > BACKGROUND_DAYS


def _said_of_a_person(document: Document, head: int, start: int, end: int) -> bool:
    """An incident told in a clause that describes a named person ("Ahmed Hassan, who was beaten to death by
    police", "Ahmed Hassan, killed by police") in a sentence that names no time: who the person is, told as
    background, not news of the day."""
    tokens = document.tokens
    current = head
    for _ in range(4):
        token = tokens[current]
        if token.dep in ("relcl", "acl"):  # a relative clause or a participle after the person's name
            antecedent = tokens[token.head]
            if any(m.label == "PERSON" and m.start <= antecedent.start < m.end for m in document.mentions):
                return not _names_time(document, start, end)
            return False
        if token.head == current:
            return False
        current = token.head
    return False


def _harm_window(document: Document, children: list[list[int]], lo: int, hi: int, head: int) -> tuple[str, list[str]]:
    """The words (text, lemmas) within HARM_WINDOW tokens of the trigger, without the people who tell of it ("two
    residents reached by telephone said": speakers, not victims)."""
    tokens = document.tokens
    speakers: set[int] = set()
    for i in range(lo, hi):
        if tokens[i].lemma.lower() in SPEAKING and tokens[i].pos == "VERB":
            for c in children[i]:
                if tokens[c].dep in ("nsubj", "nsubjpass"):
                    speakers.update(subtree(children, c))
    window = [tokens[i] for i in range(max(lo, head - HARM_WINDOW), min(hi, head + HARM_WINDOW + 1))
              if i not in speakers]
    return " ".join(document.text[t.start:t.end] for t in window), [t.lemma.lower() for t in window]


def _clause_text(document: Document, children: list[list[int]], head: int) -> str:
    """The words of the clause that tells the trigger: the subtree of its verb, or of the verb a trigger noun is the
    subject or object of ("NATO airstrikes hit parts of the city, destroying 14 tanks")."""
    tokens = document.tokens
    verb = head
    if tokens[head].pos in ("NOUN", "PROPN") and tokens[head].dep in ("nsubj", "nsubjpass", "dobj") and \
            0 <= tokens[head].head < len(tokens):
        verb = tokens[head].head
    return " ".join(document.text[tokens[i].start:tokens[i].end] for i in sorted(subtree(children, verb)))


def _struck_side(args: Arguments, ctx: ActorContext, sentence: int, country: str | None,
                 window: tuple[str, list[str]], *, foreign: bool, clause: str = "") -> Arguments:
    """ACLED's second actor of a strike or shelling that names no target ("NATO jets pounded the port"): the
    civilians of the country when the words around the trigger (``window``: text and lemmas) tell of people hurt or
    a civilian site hit; else, for a ``foreign`` force, the party it fights there (the document's opponent of the
    force), or the state's forces when its clause (``clause``) tells of hardware only an army holds (tanks,
    launchers, barracks); else nobody."""
    text, lemmas = window
    if CIVILIAN_HARM.search(text) or any(ctx.lexicon.site_kind(lemmas[:k + 1]) for k in range(len(lemmas))):
        civilians = country_party(ctx, "civilian", country)
        return dataclasses.replace(args, targets=(civilians,)) if civilians else args
    if not foreign:  # a side of the war shelling a town: its targets are whoever the text says, often nobody
        return args
    other = _foreign_force_target(args.actors[0], ctx, sentence, country, clause or text)
    return dataclasses.replace(args, targets=(other,)) if other is not None else args


def _foreign_force_target(actor: Participant, ctx: ActorContext, sentence: int, country: str | None,
                          clause: str) -> Participant | None:
    """Whom a foreign force's strike with no named target hits: the party the document sets against the force,
    else the state's forces when the clause tells of hardware only an army holds, else nobody."""
    other = ctx.opponent(actor, sentence, country)
    if other is None and MILITARY_TARGET.search(clause):
        other = country_party(ctx, "military", country)  # "NATO jets destroyed 14 tanks": the state's hardware
    return other


def _struck_by_named_force(events: Sequence[Event], heads: dict[str, int], document: Document, analysis: Analysis,
                           ctx: ActorContext) -> list[Event]:
    """A foreign force's strike with no target gets the target :func:`_foreign_force_target` reads, also when the
    force came from elsewhere in the document ("a command-and-control center was hit near Tripoli" after "NATO jets
    struck ..."; :func:`_one_remote_force`, :func:`fill_perpetrators`); its civilian harm was already read when
    it named nobody. ``heads``: mention id → its trigger's head token (a record keeps its first mention's id)."""
    out = []
    for event in events:
        head = heads.get(event.id) if event.actors and not event.targets and \
            event.actors[0].type == EXTERNAL_INTER and event.acled in REMOTE_KINDS else None
        if head is not None:
            other = _foreign_force_target(event.actors[0], ctx, document.tokens[head].sent,
                                          event.country or ctx.document_country,
                                          _clause_text(document, analysis.children, head))
            if other is not None:
                event = dataclasses.replace(event, targets=other_side(event.actors, (other,)))
        out.append(event)
    return out


def _is_thing(ctx: ActorContext, lemma: str) -> bool:
    """A physical thing violence can be done to (a helicopter, a convoy, a checkpoint), not a kind of people."""
    if not lemma:
        return False
    kind = ctx.lexicon.nouns.get((lemma,))
    return kind is None or kind == "weapon"


def _by_convention(cls: EventClass, args: Arguments, ctx: ActorContext, country: str | None) -> Arguments:
    """ACLED's conventions where the text leaves a side implicit: a peaceful protest has no second actor;
    people arrested with nobody named were arrested by the state's police."""
    if cls.key == "peaceful_protest" and args.targets:
        return dataclasses.replace(args, targets=())
    if cls.key == "arrests" and not args.actors and country:
        police = country_party(ctx, "police", country)
        return dataclasses.replace(args, actors=(police,)) if police else args
    return args


def _telling_place(document: Document, item: Found, dropped: tuple[int, ...], span: tuple[int, int],
                   places: tuple[list[PlaceMention], list[PlaceMention]], taken: dict[int, PlaceMention],
                   focus: PlaceMention | None) -> PlaceMention | None:
    """The place of the record whose trigger is ``item`` in the sentence ``span`` (:func:`event_place`). When its own
    trigger finds none in the sentence, a place of the sentence that another word of the same telling hangs on wins
    over a borrowed one ("X came under heavy attack, ... from mortars": the record is typed by "mortars", the place
    hangs on "attack"): the triggers folded into it, then those that make no record of their own (``dropped``)."""
    start, end = span
    usable, unplaced = places
    where = event_place(document, item.candidate.head, start, end, usable, taken, item.indices, focus, unplaced)
    if where is not None and start <= where.start < end:
        return where
    for other in (*item.folded, *dropped):
        found = event_place(document, other, start, end, usable, taken, (other,), focus, unplaced)
        if found is not None and start <= found.start < end:
            return found
    return where


TAKING = frozenset({"capture", "seize", "take", "grab", "nab", "snatch"})


def _people_taken(lexicon: Lexicon, cls: EventClass, args: Arguments, ctx: ActorContext, trigger: Token) -> EventClass:
    """"Journalists were captured by pro-government forces", "gunmen seized two aid workers": civilians taken are no
    territory taken; ACLED codes an arrest when state forces took them, an abduction otherwise. The taken are
    civilians when the actor dictionary reads the word so (soldiers captured in a battle stay the battle's)."""
    if cls.key not in TERRITORY_CLASSES or trigger.lemma.lower() not in TAKING:
        return cls
    if ctx.lexicon.nouns.get((args.target_lemma,)) != "civilian":
        return cls
    return lexicon.cls("arrests" if args.actors and args.actors[0].type == 1 else "abduction")


def _both_sides(args: Arguments, ctx: ActorContext, sentence: int) -> Arguments:
    """A battle has two sides: when the text names one, the other is the party the document last named on the
    other side of the conflict."""
    armed = tuple(t for t in args.targets if t.type not in (None, 0, 5, 6, 7))
    if armed != args.targets:  # the dead and wounded of a battle are counted in its toll, not its sides
        args = dataclasses.replace(args, targets=armed)
    for target in args.targets:
        ctx.remember(sentence, target, target=True)
    if args.actors and not args.targets:
        other = ctx.opponent(args.actors[0])
        return dataclasses.replace(args, targets=(other,)) if other else args
    if args.targets and not args.actors:
        other = ctx.opponent(args.targets[0])
        return dataclasses.replace(args, actors=(other,)) if other else args
    return args


NON_LETHAL = frozenset({"gas", "cannon", "spray", "baton", "truncheon", "whip"})
NON_LETHAL_MODIFIERS = frozenset({"rubber", "plastic", "tear", "water", "pepper", "stun", "warning", "sound"})


def warning_fire(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """Force that warns or disperses, not force that kills: "fired in the air", "firing warning shots", "the army
    firing to warn them", "firing tear gas", "fired rubber bullets". ACLED codes a crowd met with it a protest with
    intervention, not excessive force (which is lethal force or force that gravely injures)."""
    for c in children[head]:
        lemma = tokens[c].lemma.lower()
        if tokens[c].dep == "prep" and lemma in ("in", "into") and any(
                tokens[g].lemma.lower() in ("air", "sky") for g in children[c]):
            return True
        if tokens[c].dep in ("dobj", "obj") and _non_lethal(tokens, c, children):
            return True  # "fired warning shots", "fired tear gas", "used water cannon"
        if tokens[c].dep == "prep" and lemma == "with" and any(
                tokens[g].dep == "pobj" and _non_lethal(tokens, g, children) for g in children[c]):
            return True  # "dispersed the crowd with tear gas"
        if tokens[c].dep in ("advcl", "xcomp") and lemma == "warn":
            return True  # "firing to warn them"
    return False


def _non_lethal(tokens: Sequence[Token], i: int, children: list[list[int]]) -> bool:
    """Token ``i`` names a weapon made to disperse, not to kill ("tear gas", "water cannon", "rubber bullets",
    "stun grenades", "warning shots"): by a modifier of that kind, or by its own name (batons, pepper spray)."""
    modifiers = {tokens[g].lemma.lower() for g in children[i] if tokens[g].dep in ("compound", "amod", "nmod")}
    if modifiers & NON_LETHAL_MODIFIERS:
        return True
    return tokens[i].lemma.lower() in NON_LETHAL


def _retyped(lexicon: Lexicon, cls: EventClass, args: Arguments, kinds: set[str], deaths: int | None, *,
             own_protest: bool = True) -> EventClass:
    """ACLED: an armed clash is between organised armed groups; a fight involving protesters or rioters (named as
    participants, or the only people the sentence names) is a violent demonstration; armed men storming a place
    where the only people named are civilians is an attack on civilians; an attack on protesters is a protest met
    with force, lethal force when people died; territory taken by state forces is regained, by a rebel group
    overtaken, whatever the verb. ``kinds``: the actor-dictionary kinds of the sentence's nouns; ``own_protest``:
    the trigger's own words can tell of a demonstration (else its protest class came from the crowd under it)."""
    parties = (*args.actors, *args.targets)
    crowd_clause = bool(kinds & {"protester", "rioter"}) and not kinds & {"military", "rebel", "unidentified", "militia"}
    if cls.key == "armed_clash" and (any(p.type in CROWD_TYPES for p in parties) or (crowd_clause and not any(
            p.type in (1, 2, 3, 4, 8) for p in args.actors))):
        return lexicon.cls("violent_demonstration")
    if cls.key == "armed_clash" and "civilian" in kinds and not kinds & {"military", "police", "rebel", "protester",
                                                                          "rioter"} \
            and not any(p.type in (1, 2, 8) for p in args.targets):
        return lexicon.cls("attack")  # "gunmen stormed the university, killing students"
    if cls.key == "attack" and args.actors and all(p.type in CROWD_TYPES for p in args.actors):
        # a crowd that attacks riots: "protesters attacked a police station"; on civilians, mob violence
        civilians = args.targets and all(p.type == 7 for p in args.targets)
        return lexicon.cls("mob_violence" if civilians else "violent_demonstration")
    if cls.key == "attack" and any(p.type == 6 for p in args.targets):
        return lexicon.cls("excessive_force" if deaths else "protest_intervention")
    if cls.key == "peaceful_protest" and not own_protest and any(p.type in ARMED_PARTIES for p in args.targets):
        # "police attacked protesters as they marched": the crowd made it a protest, the verb says a force met it
        return lexicon.cls("excessive_force" if deaths else "protest_intervention")
    if cls.key == "gov_regains" and args.actors and _non_state(args.actors[0]):
        return lexicon.cls("nsa_overtakes")  # who took it decides: "Isis fighters recaptured the village"
    if cls.key == "nsa_overtakes" and args.actors and args.actors[0].type == 1:
        return lexicon.cls("gov_regains")
    return cls


NON_STATE = frozenset({2, 3, 4})  # rebels, political and identity militias (ACLED inter codes)
ON_BEHALF = re.compile(r"\b(?:pro-|loyal|government-backed|state-backed)", re.I)


def _non_state(actor: Participant) -> bool:
    """A rebel group or a militia that does not fight for the government ("tribal fighters", not "pro-government
    militiamen" or "loyalist militias"): ACLED's "Government regains territory" is the state's and its affiliates'."""
    return actor.type in NON_STATE and not ON_BEHALF.search(actor.name or "")


AIR_WEAPONS = re.compile(r"\b(?:air ?strikes?|air[- ]raids?|air attacks?|air force|air power|warplanes?|war planes?|"
                         r"(?:fighter )?jets?|aircraft|helicopters?|gunships?|drones?|bombers?|sorties?|planes?)\b",
                         re.IGNORECASE)
GROUND_WEAPONS = re.compile(r"\b(?:artillery|mortars?|shell(?:s|ing|ed|fire)?|howitzers?|tanks?|rockets?|grads?|"
                            r"katyushas?|cannons?|rocket launchers?)\b", re.IGNORECASE)
# weapons fired from the ground or the sea, never from aircraft ("NATO warships were shelling loyalist positions")
GROUND_ONLY_WEAPONS = re.compile(r"\b(?:artillery|mortars?|howitzers?|tanks?|grads?|katyushas?|cannons?|"
                                 r"rocket launchers?|(?:heavy )?guns?|(?:war)?ships?|naval|frigates?|destroyers?)\b",
                                 re.IGNORECASE)


# what a sentence must name before the classifier may give a weak trigger ("killed") a class its rules do not hold:
# the means of a remote attack, the crowd of a demonstration ("a journalist was killed in Tikrit" is no riot)
CROWD_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march\w*|crowds?|mobs?|riot\w*|"
                         r"sit-ins?|looters?)\b", re.IGNORECASE)
MEANS_OF = {"air_strike": AIR_WEAPONS, "shelling": GROUND_WEAPONS, **dict.fromkeys(PROTEST_CLASSES, CROWD_WORDS)}


def _told_by(cls: str, sentence: str) -> bool:
    """Whether ``sentence`` names what class ``cls`` needs (:data:`MEANS_OF`); classes without a list need nothing."""
    means = MEANS_OF.get(cls)
    return means is None or bool(means.search(sentence))


ASIDE_CLAUSES = frozenset({"advcl", "ccomp", "conj", "parataxis", "relcl"})


def _telling_text(document: Document, children: list[list[int]], head: int, tokens_range: tuple[int, int]) -> str:
    """The sentence without the clauses that ask for, fear, react to, report or follow something else ("pounded
    Misrata as France called for NATO airstrikes": the airstrikes asked for say nothing of what pounded the town;
    "pounded rebel-held cities after authorities reported a NATO airstrike"): a clause with a subject of its own, not
    holding the trigger, headed by a verb of demand, plan, fear, reaction or saying, or marked "after", "before",
    "since" or "until"."""
    tokens = document.tokens
    lo, hi = tokens_range
    start, end = document.sentences[tokens[head].sent]
    cut: list[tuple[int, int]] = []
    for i in range(lo, hi):
        token = tokens[i]
        if token.dep not in ASIDE_CLAUSES or token.pos not in ("VERB", "AUX"):
            continue
        lemma = token.lemma.lower()
        if not (governor_cue(lemma) or lemma in REACTING or lemma in SPEAKING or time_clause(tokens, i) == i):
            continue
        if not any(tokens[c].dep in ("nsubj", "nsubjpass") for c in children[i]):
            continue
        inside = subtree(children, i)
        if head in inside:
            continue
        cut.append((min(tokens[k].start for k in inside), max(tokens[k].end for k in inside)))
    if not cut:
        return document.text[start:end]
    text = document.text
    return "".join(" " if any(a <= at < b for a, b in cut) else text[at] for at in range(start, end))


def _by_weapon(lexicon: Lexicon, cls: EventClass, sentence: str) -> EventClass:
    """Air strike or shelling by what the sentence says fired: "NATO jets pounded the port" is an air strike
    whatever the verb, "tanks hit the town" shelling. Only when the sentence names weapons of one kind."""
    if cls.key not in ("air_strike", "shelling"):
        return cls
    air, ground = bool(AIR_WEAPONS.search(sentence)), bool(GROUND_WEAPONS.search(sentence))
    if cls.key == "shelling" and air and not ground:
        return lexicon.cls("air_strike")
    if cls.key == "air_strike" and ground and not air:
        return lexicon.cls("shelling")
    return cls


def _sentence_kinds(document: Document, lo: int, hi: int, ctx: ActorContext) -> set[str]:
    """The actor-dictionary kinds of the nouns of tokens ``lo..hi-1`` ("protester", "military", "civilian" ...),
    leaving out who tells it: "a resident told CNN", "according to witnesses" name a source, no participant."""
    tokens = document.tokens
    kinds = set()
    for i in range(lo, hi):
        kind = ctx.lexicon.nouns.get((tokens[i].lemma.lower(),))
        if kind and not _a_source(tokens, i):
            kinds.add(kind)
    return kinds


def _a_source(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` names who tells the sentence or whom it is told to: the subject of a verb of saying, the person
    "told" ("a resident told reporters"), or "according to" them. What is said or reported ("reported civilians
    killed") stays."""
    head = tokens[i].head
    if tokens[i].dep == "nsubj":
        return tokens[head].lemma.lower() in SAYING and tokens[head].pos == "VERB"
    if tokens[i].dep in ("dobj", "dative"):
        return tokens[head].lemma.lower() == "tell" and tokens[head].pos == "VERB"
    return tokens[i].dep == "pobj" and tokens[head].lemma.lower() == "to" and \
        tokens[tokens[head].head].lemma.lower() == "accord"


def _not_participants(document: Document, analysis: Analysis, sent: int, start: int, end: int) -> set[int]:
    """Tokens of the sentence's event triggers (agent nouns like "gunmen" excepted) and time expressions."""
    out = {i for c in analysis.by_sentence.get(sent, []) if not c.agent for i in c.indices}
    lo, hi = analysis.ranges.get(sent, (0, 0))
    for time in document.times:
        if start <= time.start < end:
            out.update(i for i in range(lo, hi) if document.tokens[i].start < time.end and time.start < document.tokens[i].end)
    return out


def _trigger_text(document: Document, indices: Sequence[int]) -> str:
    tokens = document.tokens
    if indices[-1] - indices[0] < 6:
        return document.text[tokens[indices[0]].start : tokens[indices[-1]].end]
    return " ".join(document.text[tokens[i].start : tokens[i].end] for i in indices)
