"""Rank candidates and pick one place per toponym, with a confidence.

The score of a candidate (all terms in 0–1, weights ``W_*`` tuned on LGL and GeoWebNews, see
BENCHMARKS.md) is::

    W_MATCH * match                          how well the name matches (exact > alternate > skeleton > fuzzy)
  + W_PRIOR * prior                          importance: log population and feature weight (data/features.tsv)
  + W_CUE * containment                      "Alexandria, Louisiana", "Mosul, Iraq": the candidate lies in the named region
  + W_COUNTRY * country share                document focus: share of the document's toponyms in the same country
  + W_ADMIN * admin1 share                   ... and in the same first-level division
  + W_NEAR * proximity                       coherence: closeness to the document's other confident places
  + W_SUPPORT * support                      the document's other names' probability of lying in its division

Two passes: the first ranks by match, prior, cues and support (from the other names' match and prior); its
results give the document focus, the anchor places and the support (from its ranking) that the second pass
uses. The winner's ``share`` is its softmax share (temperature
``TEMPERATURE``) times the match quality. Its ``confidence`` is calibrated: a logistic model of the
winner's signals (``signals``: share, match, prior, cue, how much of the document is in its country, how
near it is to the document's other places; ``calibrate.py``, fitted on half A of LGL and GeoWebNews) estimates the
probability that the place is within 161 km of the right one. Below ``UNRESOLVED_BELOW`` the name stays
unresolved (``best`` None) and keeps its candidates and its withheld guess (``withheld``). Names with no
candidate stay unresolved too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from dateline.geo.calibrate import calibrated
from dateline.geo.candidates import Candidate, candidates
from dateline.geo.gazetteer import Entry, Gazetteer, haversine_km, read_tsv
from dateline.geo.names import name_key

W_MATCH = 2.0
W_PRIOR = 2.0
W_CUE = 3.0
W_COUNTRY = 0.5  # grid search on LGL+GWN (BENCHMARKS.md)
W_ADMIN = 3.0
W_NEAR = 1.0
W_SUPPORT = 1.0  # candidate support: other names of the document that could lie in the same first-level division
NEAR_SCALE_KM = 150.0  # proximity term decays as exp(-d / NEAR_SCALE_KM)
TEMPERATURE = 0.5
LOW_CONFIDENCE = 0.35  # a guess below this is no place: since the calibrated confidence, the same as UNRESOLVED_BELOW
UNRESOLVED_BELOW = 0.35  # calibrated confidence below which a name is left unresolved (BENCHMARKS.md)
WEAK_MATCH = 0.8  # skeleton/fuzzy matches: only kept inside the document's focus or for big places
WEAK_MATCH_MIN_POP = 50_000
LOCAL_DIVISIONS = ("A.ADM2", "A.ADM3", "A.ADM4", "A.ADM5", "A.ADMD")  # a district is big by its towns, not known by all
CAPITAL_MIN_POP = 100_000  # a division named like a big town in it ("Deir ez-Zor"): the bare name means the town
W_SAME_NAME = 1.0
FAR_KM = 1_500.0  # a weak match of a small place farther than this from every anchor place is dropped
FAR_MATCH = 0.9  # "weak" for that test: below a primary, alias or ASCII name (alternate names, skeletons, fuzzy)
ANCHOR_CONFIDENCE = 0.6
BROAD_FEATURES = frozenset({"A.PCLI", "A.PCLS", "A.PCLD", "L.CONT", "A.ADM1", "L.RGN"})  # too big to anchor proximity
_LIST_COMMA = re.compile(r"^\s*,\s*$")  # two toponyms with only a comma between them: items of a list
_LIST_GOES_ON = re.compile(r"^\s*(?:,|and\b|or\b)")
_ABBREVIATION = re.compile(r"^(?:[A-Z]{2}|.*\.)$")
_CUE_RE = re.compile(r"^\s*,\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")


@dataclass(slots=True)
class Toponym:
    """A span to resolve (from recognition or given as gold)."""

    start: int
    end: int
    text: str
    candidates: list[Candidate] = field(default_factory=list)
    cue: list[tuple[str, str | None]] = field(default_factory=list)  # (country, admin1) named right after it
    best: Entry | None = None
    confidence: float = 0.0
    demonym: bool = False  # "Iraqi", "Kurdish": associative, resolved to the country but not an event location
    kind_cue: str | None = None  # GeoNames feature class the text asks for: "the city of X" → "P"
    reason: str = ""  # why the winner won: its score terms ("match 1.00, prior 0.62, cue, near 12 km")
    share: float = 0.0  # the winner's softmax share times its match (uncalibrated)
    signals: dict[str, float] = field(default_factory=dict)  # what the calibrated confidence is computed from
    withheld: Entry | None = None  # the best guess of a name left unresolved for its low confidence
    support: dict[tuple[str, str], float] = field(default_factory=dict)  # (country, admin1) → other names there
    spread: dict[tuple[str, str], float] = field(default_factory=dict)  # first pass: its probability per division


WORLD_REGIONS = frozenset({"L.RGN", "L.CONT"})


def _world_region_first(found: list[Candidate]) -> list[Candidate]:
    """"the Middle East", "Africa": a world region or continent named by its own name is what news means, not a
    village of that name (Middle East, Maryland: 1,872 people), unless a containment cue says otherwise (the
    caller skips toponyms with one)."""
    regions = [c for c in found if (c.entry.feature or "") in WORLD_REGIONS and c.match >= 1.0]
    return regions or found


@cache
def feature_weights() -> dict[str, float]:
    return {row[0]: float(row[1]) for row in read_tsv("features.tsv")}


def prior(entry: Entry) -> float:
    """Importance of a place in 0–1: log population blended with its feature weight."""
    weights = feature_weights()
    feature = entry.feature or "P"
    fweight = weights.get(feature, weights.get(feature[:1], 0.3))
    pop = min(1.0, math.log10(entry.population + 1) / 7.0) if entry.population else 0.0
    if not entry.population and feature[:1] in "AL":
        pop = fweight
    return 0.5 * fweight + 0.5 * pop


def resolve_toponyms(gazetteer: Gazetteer, text: str, toponyms: Sequence[Toponym], *,
                     threshold: float = UNRESOLVED_BELOW) -> None:
    """Fill ``best`` and ``confidence`` of every toponym in place (two passes, see module docstring).

    ``threshold``: calibrated confidence below which the place is withheld (0 keeps every guess)."""
    ordered = sorted(toponyms, key=lambda t: t.start)
    listed = {id(b) for a, b in zip(ordered, ordered[1:], strict=False) if _LIST_COMMA.match(text[a.end:b.start])}
    for toponym in toponyms:
        found = _demonym_candidates(gazetteer, toponym)
        toponym.candidates = found if found is not None else _filter_weak(candidates(gazetteer, toponym.text), None)
        toponym.cue = _containment(gazetteer, text, toponym.end, listed=id(toponym) in listed)
        toponym.kind_cue = kind_cue(text, toponym.start, toponym.end)
        if not toponym.cue:
            toponym.candidates = _world_region_first(toponym.candidates)
        stated = stated_country(gazetteer, text, toponym.start)
        if stated is not None and not toponym.demonym:
            toponym.cue.append((stated, None))
            # "the eastern Libyan town of Sarir": a place in another country is wrong; unresolved is better
            toponym.candidates = [c for c in toponym.candidates if c.entry.country == stated]
    for toponym in toponyms:
        toponym.spread = _prior_spread(toponym.candidates)
    _support(toponyms)
    for toponym in toponyms:
        _pick(toponym, focus=None, anchors=())
    _support(toponyms)
    focus = _focus(toponyms)
    first = [(t.text, t.best.country, t.confidence) for t in toponyms if t.best is not None and t.best.country]
    anchors = [(t, t.best.lat, t.best.lon) for t in toponyms
               if t.best is not None and t.confidence >= ANCHOR_CONFIDENCE and t.best.feature not in BROAD_FEATURES]
    for toponym in toponyms:
        others = [(lat, lon) for a, lat, lon in anchors if a.text != toponym.text]
        toponym.candidates = _filter_far_weak(_filter_weak(toponym.candidates, focus), others)
        _pick(toponym, focus=focus, anchors=others)
        _calibrate(toponym, [(c, w) for text, c, w in first if text != toponym.text], others, threshold)


def _calibrate(toponym: Toponym, countries: Sequence[tuple[str, float]], anchors: Sequence[tuple[float, float]],
               threshold: float) -> None:
    """Replace the share by the calibrated confidence; below ``threshold`` withhold the place.

    ``countries``: (country, first-pass confidence) of the document's other names."""
    if toponym.best is None:
        return
    toponym.signals = signals(toponym, countries, anchors)
    toponym.confidence = round(calibrated(toponym.signals), 3)
    toponym.reason = f"confidence {toponym.confidence:.2f} (share {toponym.share:.2f}); " + toponym.reason.split(": ", 1)[-1]
    if toponym.confidence < threshold:
        toponym.withheld, toponym.best = toponym.best, None
        toponym.reason = "withheld, " + toponym.reason


def signals(toponym: Toponym, countries: Sequence[tuple[str, float]],
            anchors: Sequence[tuple[float, float]]) -> dict[str, float]:
    """The winner's signals for calibration, each in 0–1 (``countries``: see ``_calibrate``)."""
    e = toponym.best
    assert e is not None
    feature = e.feature or ""
    broad = feature in BROAD_FEATURES or feature.startswith("A.PCL")
    near = min((haversine_km(e.lat, e.lon, lat, lon) for lat, lon in anchors), default=None)
    cue = bool(toponym.cue and any(e.country == c for c, _ in toponym.cue)) or bool(
        toponym.kind_cue and feature[:1] == toponym.kind_cue)
    total = sum(w for _, w in countries)
    same = sum(w for c, w in countries if c == e.country) / total if total > 0 and e.country else 1.0
    return {
        "share": toponym.share,
        "match": max((c.match for c in toponym.candidates if c.entry.id == e.id), default=0.0),
        "prior": prior(e),
        "cue": float(cue),
        "broad": float(broad),
        "demonym": float(toponym.demonym),
        "country_focus": same,  # share of the document's other names in the winner's country
        "near": math.exp(-near / NEAR_SCALE_KM) if near is not None else 0.0,
        "distance": math.log1p(near) / math.log1p(20_000.0) if near is not None else 0.0,  # far from all others
        "foreign": float(not broad and total > 0 and same == 0.0),  # every other name is in another country
        "no_anchor": float(near is None),
        "single": float(len(toponym.candidates) == 1),
    }


def _prior_spread(cands: Sequence[Candidate]) -> dict[tuple[str, str], float]:
    """Before the first pass: a name's probability per division from match and prior alone (softmax)."""
    if not cands:
        return {}
    scores = [(W_MATCH * c.match + W_PRIOR * prior(c.entry)) / TEMPERATURE for c in cands]
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    spread: Counter[tuple[str, str]] = Counter()
    for c, w in zip(cands, weights, strict=True):
        if c.entry.country and c.entry.admin1:
            spread[(c.entry.country, c.entry.admin1)] += w / total
    return dict(spread)


def _support(toponyms: Sequence[Toponym]) -> None:
    """Fill each toponym's ``support``: for every first-level division, the mean over the document's other
    names of their probability of lying there (their ``spread``: from match and prior before the first pass,
    from its ranking after it). "Athens" beside "Clarke County" is in Georgia
    even when neither first-pass winner is; "California" (the state) weighs more than a town of that name."""
    spreads = {name_key(t.text): t.spread for t in toponyms if t.spread and not t.demonym}
    for t in toponyms:
        own = name_key(t.text)
        others = [spread for name, spread in spreads.items() if name != own]
        if not others:
            continue
        total: Counter[tuple[str, str]] = Counter()
        for spread in others:
            total.update(spread)
        t.support = {key: value / len(others) for key, value in total.items()}


def _demonym_candidates(gazetteer: Gazetteer, toponym: Toponym) -> list[Candidate] | None:
    """The country of a demonym ("Iraqi" → Iraq); [] for one with no country ("Kurdish"); None otherwise."""
    country = gazetteer.demonyms.get(name_key(toponym.text))
    if country is None:
        return None
    toponym.demonym = True
    entry = gazetteer.country_entry(country)
    return [Candidate(entry, 1.0)] if entry is not None else []


@dataclass(frozen=True, slots=True)
class Focus:
    countries: dict[str, float]
    admin1: dict[tuple[str, str], float]


def _focus(toponyms: Sequence[Toponym]) -> Focus:
    countries: Counter[str] = Counter()
    admin1: Counter[tuple[str, str]] = Counter()
    total = 0.0
    for t in toponyms:
        if t.best is None or not t.best.country:
            continue
        weight = t.confidence
        countries[t.best.country] += weight
        if t.best.admin1 and t.best.feature != "A.PCLI":
            admin1[(t.best.country, t.best.admin1)] += weight
        total += weight
    if total <= 0:
        return Focus({}, {})
    return Focus({k: v / total for k, v in countries.items()}, {k: v / total for k, v in admin1.items()})


def _filter_weak(cands: list[Candidate], focus: Focus | None) -> list[Candidate]:
    """Drop skeleton/fuzzy candidates that are neither big (a town or a wide area; a district is not known by its
    population: "Sarir" in a report on Libya is not the Istanbul district Sarıyer) nor in the document's focus countries."""
    out = []
    for c in cands:
        big = c.entry.population >= WEAK_MATCH_MIN_POP and not (c.entry.feature or "").startswith(LOCAL_DIVISIONS)
        if c.match >= WEAK_MATCH or big or focus is None or focus.countries.get(c.entry.country or "", 0.0) >= 0.2:
            out.append(c)
    return out


def _filter_far_weak(cands: list[Candidate], anchors: Sequence[tuple[float, float]]) -> list[Candidate]:
    """Drop alternate-name, partial or fuzzy matches of small places far from every confident place of the document.

    "Hawi al-Hawa" in a report on Raqqa is not Hāwī, Hawaii, and "Majer near Zlitan" is not Mayer,
    Minnesota (whose alternate names include Majer): a name that is not the place's own, with no support from
    the document's geography, is left unresolved rather than placed on another continent.
    """
    if not anchors:
        return cands
    out = []
    for c in cands:
        weak = c.match < FAR_MATCH and c.entry.population < WEAK_MATCH_MIN_POP \
            and not (c.entry.feature or "").startswith(("P.PPLC", "A.PCL"))  # capitals and countries are known by all
        if weak and min(haversine_km(c.entry.lat, c.entry.lon, lat, lon) for lat, lon in anchors) > FAR_KM:
            continue
        out.append(c)
    return out


def _terms(c: Candidate, toponym: Toponym, focus: Focus | None, anchors: Sequence[tuple[float, float]]) -> dict[str, float]:
    """The weighted score terms of one candidate (their sum is its score); also the winner's ``reason``."""
    e = c.entry
    terms = {"match": W_MATCH * c.match, "prior": W_PRIOR * prior(e)}
    if toponym.cue and any(e.country == country and (admin is None or e.admin1 == admin) for country, admin in toponym.cue):
        terms["cue"] = W_CUE
    if toponym.kind_cue and (e.feature or "")[:1] == toponym.kind_cue:
        terms["kind"] = W_CUE
    if focus is not None:
        terms["country focus"] = W_COUNTRY * focus.countries.get(e.country or "", 0.0)
        if e.admin1:
            terms["admin1 focus"] = W_ADMIN * focus.admin1.get((e.country or "", e.admin1), 0.0)
    if anchors:
        nearest = min(haversine_km(e.lat, e.lon, lat, lon) for lat, lon in anchors)
        terms["near"] = W_NEAR * math.exp(-nearest / NEAR_SCALE_KM)
    if W_SUPPORT and e.country and e.admin1 and toponym.support:
        terms["support"] = W_SUPPORT * toponym.support.get((e.country, e.admin1), 0.0)
    return terms


def _score(c: Candidate, toponym: Toponym, focus: Focus | None, anchors: Sequence[tuple[float, float]]) -> float:
    return sum(_terms(c, toponym, focus, anchors).values())


def _reason(terms: dict[str, float], confidence: float) -> str:
    parts = [f"{name} {value:.2f}" for name, value in terms.items() if value >= 0.005]
    return f"confidence {confidence:.2f}: " + ", ".join(parts)


def _pick(toponym: Toponym, *, focus: Focus | None, anchors: Sequence[tuple[float, float]]) -> None:
    if not toponym.candidates:
        toponym.best, toponym.confidence, toponym.share, toponym.reason = None, 0.0, 0.0, "no candidate"
        return
    capitals = {(c.entry.country, c.entry.admin1) for c in toponym.candidates
                if (c.entry.feature or "").startswith("P") and c.entry.population >= CAPITAL_MIN_POP}
    scored = sorted(((_score(c, toponym, focus, anchors)
                      - (W_SAME_NAME if c.entry.feature == "A.ADM1" and (c.entry.country, c.entry.admin1) in capitals else 0.0), c)
                     for c in toponym.candidates), key=lambda sc: -sc[0])
    top = scored[0][0]
    total = sum(math.exp((s - top) / TEMPERATURE) for s, _ in scored)
    spread: Counter[tuple[str, str]] = Counter()
    for s, c in scored:
        if c.entry.country and c.entry.admin1:
            spread[(c.entry.country, c.entry.admin1)] += math.exp((s - top) / TEMPERATURE) / total
    toponym.spread = dict(spread)
    winner = scored[0][1]
    toponym.best = winner.entry
    toponym.confidence = toponym.share = round(min(1.0, winner.match) / total, 3)
    toponym.reason = _reason(_terms(winner, toponym, focus, anchors), toponym.confidence)


_PLACE_BEFORE = re.compile(r"\b(?:city|town|village|capital|port|suburb|hamlet)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"^\s+(?:city|town|village)\b(?!\s+of\b)", re.IGNORECASE)


def kind_cue(text: str, start: int, end: int) -> str | None:
    """"the city of Deir ez-Zor", "Deir ez-Zor city" → "P" (a populated place), else None.

    (The same cue for regions, "X province", lowered LGL Acc@161: the recognised span usually holds the
    word already, and "state"/"county" after a name are often not about the name.)
    """
    if _PLACE_BEFORE.search(text[max(0, start - 40):start]) or _PLACE_AFTER.match(text[end:end + 20]):
        return "P"
    return None


_DEMONYM_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+(?:city|town|village|port|capital|suburb|hamlet|district|"
                             r"neighbou?rhood)\s+of\s+(?:the\s+)?$")


def stated_country(gazetteer: Gazetteer, text: str, start: int) -> str | None:
    """The country a demonym before the name states: "the Libyan town of Sarir" → LY; else None."""
    match = _DEMONYM_BEFORE.search(text[max(0, start - 60):start])
    return gazetteer.demonyms.get(name_key(match.group(1))) if match else None


def _containment(gazetteer: Gazetteer, text: str, end: int, *, listed: bool = False) -> list[tuple[str, str | None]]:
    """Regions named right after a toponym (", Louisiana", ", Iraq", ", TX") as (country, admin1).

    ``listed``: the toponym is an item of a comma list of places ("Atlanta, Los Angeles, Paris, New York, London"):
    a region that the list goes on after is the next item, not where the toponym lies."""
    match = _CUE_RE.match(text[end:end + 60])
    if not match:
        return []
    words = match.group(1).split()
    for n in range(len(words), 0, -1):
        found = gazetteer.regions.get(name_key(" ".join(words[:n])))
        if found:
            named = " ".join(words[:n])
            after = end + match.start(1) + len(named)
            if listed and not _ABBREVIATION.match(named) and _LIST_GOES_ON.match(text[after:after + 8]):
                return []  # an abbreviation ("Louisville, Ky., New Haven, Conn.") is only ever a region
            return [(country, admin1) for country, admin1 in found]
    return []
