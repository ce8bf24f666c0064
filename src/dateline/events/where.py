"""Where an event happened: the place its clause names, not the reporter's dateline or a distance reference.

For a trigger, the place mentions of its sentence are ranked by how they hang on the trigger in the parse:
a place under the trigger (or under the verb it belongs to) through a locative preposition ("in", "near",
"outside", "at", "around", "across", "on") comes first; a place the trigger's own clause names otherwise
("the town of X was shelled") next; a place inside a participant phrase ("Benghazi-based rebels"), after "from"
or "toward", or in the attribution ("told CNN in Cairo") is never the event's place. A relative location
("25 km north of Mosul") is the offset point the geo stage made, not Mosul. Datelines ("Tripoli, Libya
(CNN) --") never count. A name the gazetteer cannot place ("the village of Qasr Tallin", unresolved) is the
event's place, by name only, when it is where the trigger happened and clearly more so than any placed name
of the sentence (``UNPLACED_MIN_SCORE``): a coder writes the village, not the nearest town the gazetteer knows.
A sentence that names a place of its own after a locative preposition ("in the eastern city of X, fighters said")
never borrows another: that place, when it is the only one, else none. Without a place in the sentence the event
borrows the place of the nearest earlier sentences (within ``LOOKBACK``; a town rather than the country that holds
it), else the place the document is about (:func:`document_focus`), else none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from dateline.clean.wire import AGENCY_TAG
from dateline.events.confidence import is_background
from dateline.events.modality import compared_noun
from dateline.events.triggers import VERB_POS, own_clause
from dateline.geo.rivers import packaged_rivers
from dateline.model import Document, EventPlace, Place, PlaceMention, Token
from dateline.time.lexicon import lexicon as time_lexicon
from dateline.time.tense import token_index

LOCATIVE = frozenset({"in", "near", "outside", "at", "around", "across", "on", "inside", "within", "throughout", "over",
                      "into", "through", "along", "between", "nearby", "off", "beyond", "onto"})
FLIGHT = frozenset({"flee", "escape", "evacuate", "deport", "smuggle", "emigrate", "defect"})  # "to X": a destination
FIRING = frozenset({"fire", "launch", "lob", "shoot", "hurl", "aim", "direct", "rain"})  # "toward X": where it lands
NOT_THERE = frozenset({"from", "toward", "towards", "for", "against", "by", "with", "about", "like", "according to"})
MAX_HOPS = 7
LOOKBACK = 2  # earlier sentences whose place an event without one may borrow
FOCUS_SHARE = 0.5  # a document is about one place when it has half of the mentions below country level
FOCUS_MIN_CONFIDENCE = 0.5  # as stories/geocheck.MIN_CONFIDENCE: only names placed with some certainty
DATELINE = re.compile(rf"^(?:,\s*[A-Z][\w.' -]{{1,40}})?\s*{AGENCY_TAG}")
PLACE_NOUNS = frozenset({"village", "town", "city", "district", "neighborhood", "neighbourhood", "area", "region",
                         "province", "governorate", "suburb", "outskirts", "port", "capital", "quarter", "hamlet",
                         "settlement", "camp", "border", "crossing", "oasis", "stronghold", "enclave",
                         # parts of a place ("pounded parts of the city of X", "the edge of X"): still X
                         "part", "section", "edge", "centre", "center", "heart", "fringe", "limit"})
# sites a town's name before them locates ("Benghazi's Al Jala hospital", "a Cairo hotel"); not an embassy or a base,
# which stand abroad as often as not ("the U.S. embassy")
SITES = frozenset({"hospital", "clinic", "mosque", "church", "square", "airport", "prison", "jail", "university",
                   "school", "hotel", "harbor", "harbour", "refinery", "market", "stadium", "bridge", "road",
                   "highway", "street", "cemetery"})
LOCATING_NOUNS = PLACE_NOUNS | SITES  # a town named before them says where they are
UNPLACED_MIN_SCORE = 2.0  # an unresolved name must hang on the trigger (a path), not only follow "in" somewhere
SAYING = frozenset({"say", "tell", "report", "announce", "add", "state", "confirm"})
SPEAKING = SAYING | {"claim"}  # verbs whose subject tells of an event ("rebels claimed ...")
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "crossing"})
BORDER_PREPOSITIONS = frozenset({"with", "into", "between", "to"})
OPERATION = re.compile(r"\bOperations?(?:\s*$|\s+\S*$)")  # "Operation X" names a campaign, not where it was
WORLD_FEATURES = frozenset({"L.CONT", "L.RGN"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # a finite verb: its word heads a clause, not a list item
SCENE_VERBS = frozenset({"be", "see", "witness", "experience", "suffer", "endure"})  # a place-subject lived the event
CONTEST = frozenset({"control", "possession"})  # "for control of X": a fight over a place happens there


def usable_mentions(document: Document) -> list[PlaceMention]:
    """Resolved place mentions that can be an event's place (no demonyms, no datelines, no rivers, lakes or seas:
    ACLED places an event at the nearest named settlement, never on water; no continent or world region: ACLED
    places every event inside one country)."""
    unusable = {p.id for p in document.place_records if (p.feature or "").startswith("H.")} | world_places(document)
    return [m for m in document.places if m.place is not None and m.qualifier != "demonym"
            and m.place not in unusable and not DATELINE.match(document.text[m.end:m.end + 60])]


def world_places(document: Document) -> set[str]:
    """Ids of the document's places that span countries: continents and world regions ("Europe", "the Middle
    East", "North Africa")."""
    return {p.id for p in document.place_records if p.country is None and (p.feature or "") in WORLD_FEATURES}


def unplaced_mentions(document: Document) -> list[PlaceMention]:
    """Names recognized as places that the gazetteer could not place (no demonyms, no datelines, no rivers or
    seas, no named military operations: "Operation Desert Storm"), and one-word names the tagger took for an
    organisation right after a preposition of place ("eleven rebels were killed in Dafniya")."""
    rivers = packaged_rivers()
    found = [m for m in (*document.places, *_places_read_as_organisations(document))
             if m.place is None and m.qualifier != "demonym" and m.text[:1].isupper()
             and len(m.text) >= 3 and not DATELINE.match(document.text[m.end:m.end + 60])
             and rivers.canonical(m.text) is None and not WATER.search(m.text) and not _common_word(document.text, m.text)
             and not OPERATION.search(document.text[max(0, m.start - 10):m.start] + m.text.split()[0])]
    return sorted(found, key=lambda m: m.start)


WATER = re.compile(r"\b(?:Sea|Ocean|Gulf|Bay|Strait|Straits|Channel|River|Lake)$")  # ACLED never places on water
ORGANISATION_AFTER = re.compile(r"(?:^|\s)(?:in|near|around|outside)\s+$")
ONE_WORD_NAME = re.compile(r"(?:[Aa][ln][- ])?[A-Z][a-z]+")  # "Dafniya", "Al-Josh"; no acronym ("NATO")


def _places_read_as_organisations(document: Document) -> list[PlaceMention]:
    """Unknown village names are often tagged as organisations by the small English model: a single capitalised
    word (no acronym) tagged ORG right after "in", "near", "around" or "outside", named nowhere as a place."""
    known = {(m.start, m.end) for m in document.places}
    return [PlaceMention(document.id, m.start, m.end, m.text, None, 0.0) for m in document.mentions
            if m.label == "ORG" and (m.start, m.end) not in known and ONE_WORD_NAME.fullmatch(m.text)
            and ORGANISATION_AFTER.search(document.text[max(0, m.start - 10):m.start])]


def _common_word(text: str, name: str) -> bool:
    """The name is a common word the document also writes in lower case: a headline's "Rebels said they ..." is no
    place the gazetteer missed."""
    lower = name.lower()
    return lower != name and re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text) is not None


def event_place(document: Document, head: int, start: int, end: int, usable: Sequence[PlaceMention],
                taken: dict[int, PlaceMention], trigger: Sequence[int] = (),
                focus: PlaceMention | None = None, unplaced: Sequence[PlaceMention] = ()) -> PlaceMention | None:
    """The place of the event whose trigger head is token ``head`` in the sentence ``text[start:end]``.

    ``taken``: sentence index → the place an earlier event of that sentence used (the borrowing source);
    ``unplaced``: unresolved place names (:func:`unplaced_mentions`), which win only by a clear margin.
    """
    tokens = document.tokens
    inside = [m for m in usable if start <= m.start and m.end <= end]
    ranked = sorted(((score, m) for m in inside if (score := _score(document, m, head, set(trigger))) is not None),
                    key=lambda sm: (-sm[0], _breadth(document, sm[1]), abs(sm[1].start - tokens[head].start)))
    unplaced_here = [m for m in unplaced if start <= m.start and m.end <= end]
    named = sorted(((score, m) for m in unplaced_here if (score := _score(document, m, head, set(trigger))) is not None),
                   key=lambda sm: (-sm[0], abs(sm[1].start - tokens[head].start)))
    if named and named[0][0] >= UNPLACED_MIN_SCORE and (not ranked or named[0][0] > ranked[0][0]):
        # "the Law Center in Cairo": the placed town that contains it; never a country ("Ras Lanuf, Libya": the town)
        container = next((m for _, m in ranked if not _is_country(document, m) and _qualifies(document, m, named[0][1])),
                         None)
        return container or named[0][1]
    if ranked:
        best = _most_specific(document, [m for _, m in ranked])
        beside = [*inside, *unplaced_here]
        return _described_place(document, best, beside) or best
    if named:
        return named[0][1]  # "In Ras Lanuf, a tank was hit": the sentence's own place, though unplaced, not a borrowed one
    world = world_places(document)
    if any(start <= m.start and m.end <= end and m.place in world and _score(document, m, head, set(trigger)) is not None
           for m in document.places):
        return None  # "protests across the Middle East": no one place, and no place to borrow
    referent = _place_it_names(document, head, start, [*inside, *unplaced_here])
    if referent is not None:  # "two days after militants overran it": the town the sentence named before "it"
        return referent
    own = [m for m in (*inside, *unplaced_here) if _says_where(document, m)]
    if own:  # "clashed ... in the eastern city of X, fighters said": X out of the trigger's reach in the parse
        return own[0] if len({m.place or m.text for m in own}) == 1 else None  # X, never a borrowed place
    sentence = tokens[head].sent
    for back in range(1, LOOKBACK + 1):
        previous = sentence - back
        if previous < 0:
            break
        p_start, p_end = document.sentences[previous]
        if _tells_another_time(document, p_start, p_end) and not _points_back(document, start, end):
            continue  # "Gadhafi and Obama meet at the G-8 summit in Italy in 2009": no place for today's events
        if previous in taken:
            return taken[previous]
        earlier = _without_containers(document, [m for m in usable if p_start <= m.start and m.end <= p_end
                                                 and _lendable(document, m)])
        if earlier:
            borrowed = None if len({m.place for m in earlier}) > 1 else earlier[0]
            return None if borrowed and any(m.place == borrowed.place for m in inside) else borrowed
    if inside:
        return None  # the sentence names places, none of them where it happened: no guess from the document
    return focus


def _place_it_names(document: Document, head: int, start: int, inside: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place a pronoun "it" that the trigger acts on stands for ("rebels say they retook Kikla, a town south of
    Zintan, a week after loyalists overran it"): of the sentence's places before it, below country level, that say
    where something is (:func:`_lendable`), the one highest in the parse (Kikla, not Zintan, which only locates
    it); None without such a pronoun or such a place."""
    tokens = document.tokens
    index = token_index(tokens)
    pronoun = next((c for c in index.children[head] if tokens[c].dep in ("dobj", "nsubjpass")
                    and document.text[tokens[c].start:tokens[c].end].lower() == "it"), None)
    if pronoun is None:
        return None
    before = [m for m in sorted(inside, key=lambda m: m.start) if start <= m.start and m.end <= tokens[pronoun].start
              and not _is_country(document, m) and _lendable(document, m)]
    depths = [(len(_governors(tokens, i)), k) for k, m in enumerate(before) if (i := index.at(m.end - 1)) is not None]
    return before[min(depths)[1]] if depths else None


def _points_back(document: Document, start: int, end: int) -> bool:
    """The sentence names a place by a definite place noun ("the offensive to retake the city"): the town an
    earlier sentence named, whenever that sentence is set."""
    tokens, index = document.tokens, token_index(document.tokens)
    lo, hi = index.at(start), index.at(end - 1)
    if lo is None or hi is None:
        return False
    return any(tokens[k].lemma.lower() in PLACE_NOUNS and tokens[k - 1].lemma.lower() in ("the", "this", "that")
               for k in range(max(lo, 1), hi + 1))


def _tells_another_time(document: Document, start: int, end: int) -> bool:
    """The sentence is dated only in the background, a month or more before publication ("in 2009"; not "rebels,
    who took the town in February, attacked it again on Monday")."""
    dates = [t for t in document.times if start <= t.start and t.end <= end and t.type == "DATE"]
    return bool(dates) and all(is_background(t.value, document.published) for t in dates)


def _says_where(document: Document, mention: PlaceMention) -> bool:
    """The sentence says where something was with this name: below country level, after a locative preposition
    ("in the eastern city of X", "near X", "a doctor at the hospital in X said", "clashes were reported in X"), not
    where a speaker spoke ("the alliance said in Brussels"). A sentence that names such a place of its own never
    borrows an earlier sentence's place, even when the parse does not tie the name to the trigger: the borrowed
    place would be another town."""
    if _is_country(document, mention):
        return False
    tokens = document.tokens
    i = token_index(tokens).at(mention.end - 1)
    word, prep = _governing_preposition(document, tokens, i) if i is not None else (None, None)
    if word not in LOCATIVE or prep is None or _based_in(tokens, prep):
        return False  # "an analyst based in Qatar" says where the analyst works
    v = tokens[prep].head
    # "..., the alliance said in Brussels" is where it was said; "clashes were reported in Tripoli" where they were
    return not (tokens[v].lemma.lower() in SAYING and tokens[v].pos == "VERB"
                and not any(tokens[k].head == v and tokens[k].dep == "auxpass" for k in range(max(0, v - 4), v)))


def _without_containers(document: Document, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """``mentions`` less the countries that contain another of them ("Mosul, the capital of Islamic State in Iraq":
    Mosul is what the sentence lends, Iraq only says where Mosul is)."""
    records = {p.id: p for p in document.place_records}
    inner = {records[m.place].country for m in mentions if m.place in records and not _is_country(document, m)}
    return [m for m in mentions if not (_is_country(document, m) and m.place in records
                                        and records[m.place].country in inner)]


def _lendable(document: Document, mention: PlaceMention) -> bool:
    """Whether an earlier sentence's place mention says where something was, so that a later sentence without a
    place may borrow it: not a name that qualifies a participant ("U.S. officials", "Libya's opposition", "the
    U.S. drone strike"), not a name after "from", "to", "by", "with" ..., not a country as a subject ("the United
    States imposed sanctions") nor a subject of saying ("Tripoli said"). A name that qualifies a place noun or a
    site ("Misrata's port", "Benghazi's Al Jala hospital") and a town as the subject of its own description
    ("Zlitan is 40 km west of Misrata") lend."""
    tokens = document.tokens
    i = token_index(tokens).at(mention.end - 1)
    if i is None:
        return True
    for _ in range(4):  # the head word of the name itself: "New York" → "York"
        head = tokens[i].head
        if head == i or not (mention.start <= tokens[head].start < mention.end):
            break
        i = head
    token = tokens[i]
    if token.dep == "nsubj":  # "the United States said", "Britain sent jets"; a town as subject is where it stands
        record = _record(document, mention)
        return not (tokens[token.head].lemma.lower() in SAYING or (record and (record.feature or "").startswith("A.PCL")))
    if token.dep in ("compound", "poss", "amod", "nmod") and token.head != i:
        return tokens[token.head].lemma.lower() in LOCATING_NOUNS
    word, prep = _governing_preposition(document, tokens, i)
    if word == "in" and prep is not None and (_seat_of(document, tokens, tokens[prep].head) or _based_in(tokens, prep)):
        return False  # "a representative of the rebel council in Cairo", "an analyst based in Qatar": where one sits
    return word not in NOT_THERE | {"to"}  # "carried 300 people to Malta"


SEATED = frozenset({"base", "headquarter", "headquartered"})  # "an analyst based in Qatar": where someone works from
# people and bodies that speak for a side: a place they are "in" is where they are based ("the rebels' envoy in
# Cairo", "the council's office in London"), never where an incident of the text happened
BASED_NOUNS = frozenset({"representative", "envoy", "ambassador", "spokesman", "spokeswoman", "spokesperson", "official",
                         "correspondent", "reporter", "diplomat", "delegation", "council", "committee", "office", "bureau"})


def _based_in(tokens: Sequence[Token], prep: int) -> bool:
    """The preposition ``prep`` hangs on "based" or "headquartered" ("an analyst based in Qatar")."""
    return tokens[tokens[prep].head].lemma.lower() in SEATED


def _seat_of(document: Document, tokens: Sequence[Token], noun: int) -> bool:
    """Token ``noun`` (what an "in X" phrase hangs on) is a body or a person who speaks for one: a noun of
    :data:`BASED_NOUNS`, or a word of a named organisation ("the Transitional Council in Cairo")."""
    if not 0 <= noun < len(tokens) or tokens[noun].pos not in ("NOUN", "PROPN"):
        return False
    if tokens[noun].lemma.lower() in BASED_NOUNS:
        return True
    start = tokens[noun].start
    return any(m.label == "ORG" and m.start <= start < m.end for m in document.mentions)


def document_focus(document: Document, usable: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place a document is about: the most mentioned place below country level when it has at least
    FOCUS_SHARE of those mentions, else the country when every place mentioned is in one country. Only mentions
    that say where something was (:func:`_lendable`), of places resolved with at least FOCUS_MIN_CONFIDENCE, count."""
    records = {p.id: p for p in document.place_records}
    # not "U.S. officials said"; nor a doubtfully placed name, which would place every unplaced sentence of the
    # document (the place's confidence: a part of a town, "the Old City", points to its town at half its own)
    usable = [m for m in usable if _lendable(document, m) and m.place in records
              and records[m.place].confidence >= FOCUS_MIN_CONFIDENCE]
    local = [m for m in usable if not (records.get(m.place or "") and (records[m.place or ""].feature or "").startswith("A.PCL"))]
    if local:
        counts = Counter(m.place for m in local)
        best, n = counts.most_common(1)[0]
        if n / len(local) >= FOCUS_SHARE:
            return next(m for m in local if m.place == best)
    countries = {records[m.place or ""].country for m in usable if records.get(m.place or "")}
    whole = [m for m in usable if m not in local]
    if len(countries) == 1 and whole:
        return whole[0]
    return None


def _qualifies(document: Document, place: PlaceMention, name: PlaceMention) -> bool:
    """``place`` says where ``name`` is ("X in Cairo", "X, Cairo"): it hangs on the name through "in" or an
    apposition within a few hops."""
    index = token_index(document.tokens)
    i = index.at(place.end - 1)
    if i is None or _preposition(document, document.tokens, i) not in ("in", None):
        return False
    if DIRECTION_BEFORE.search(document.text[max(0, place.start - 60):place.start]):
        return False  # "Dafniya, west of Misrata": Misrata is where Dafniya lies from, not what contains it
    for _ in range(4):
        token = document.tokens[i]
        if token.head == i:
            return False
        i = token.head
        if name.start <= document.tokens[i].start < name.end:
            return True
    return False


DIRECTION = r"(?:just\s+|about\s+|some\s+|roughly\s+|around\s+)?(?:[\d.,]+\s*[a-z]+\s+)?" \
            r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:side\s+)?of\s+(?:the\s+)?"
# "Dafniya, west of [Misrata]", "Zlitan, on the coast east of [Tripoli]", "Brega, an oil town 70 km west of [Ajdabiya]":
# a description of the name may come between, not a new clause or another place ("Zlitan, and fighting west of")
NAME_THEN_DIRECTION = re.compile(
    rf"^\s*,\s*(?:(?!(?:and|but|or|while|where|which|who|as|then|after|before|from|to|near)\b)[a-z\d'-]+\s+){{0,6}}"
    rf"{DIRECTION}$", re.IGNORECASE)
DIRECTION_BEFORE = re.compile(rf"{DIRECTION}$", re.IGNORECASE)
NAME_AFTER = re.compile(r"^\s*,\s*(?:in|at|near)?\s*$")  # "[Just west of Misrata], in Dafniya"
OFFSET_GAP = re.compile(r"^\s*,\s*(?:just|about|some|roughly|around)?\s*$", re.IGNORECASE)


def _described_place(document: Document, best: PlaceMention, beside: Sequence[PlaceMention]) -> PlaceMention | None:
    """The named place a direction phrase describes, when ``best`` is only that phrase's reference: "in Dafniya,
    west of Misrata" and "just west of Misrata, in Dafniya" happened in Dafniya (EVENT_CODING: never the
    reference place of a distance), whether or not the gazetteer could place Dafniya."""
    text = document.text
    offset = bool(best.qualifier and best.qualifier.rstrip().endswith(" of"))
    directed = offset or bool(DIRECTION_BEFORE.search(text[max(0, best.start - 60):best.start]))
    if not directed:
        return None
    for m in beside:
        if m is best or (m.place is not None and m.place == best.place):
            continue
        if m.end <= best.start:
            gap = text[m.end:best.start]
            if NAME_THEN_DIRECTION.match(gap) or (offset and OFFSET_GAP.match(gap)):
                return m
        elif m.start >= best.end and NAME_AFTER.match(text[best.end:m.start]):
            return m
    return None


def _most_specific(document: Document, ranked: list[PlaceMention]) -> PlaceMention:
    """The best-ranked place, unless it is a whole country or a division and the sentence also names, as a possible
    place of the event, a town or division inside it (EVENT_CODING: never the country when a town is named):
    "security forces in Algeria clashed with protesters in Algiers" happened in Algiers, a protest "in the West
    Bank city of Ramallah" in Ramallah."""
    best = ranked[0]
    breadth = _breadth(document, best)
    if breadth == 0:
        return best
    records = {p.id: p for p in document.place_records}
    outer = records.get(best.place or "")
    if outer is None or not outer.country:
        return best
    def within(m: PlaceMention) -> bool:  # a country contains its towns and divisions, a division its towns
        inner = records.get(m.place or "")
        return inner is not None and inner.country == outer.country and (breadth == 2 or inner.admin1 == outer.admin1)
    inner = [m for m in ranked[1:] if _breadth(document, m) < breadth and within(m)]
    return inner[0] if inner else best


def _breadth(document: Document, mention: PlaceMention) -> int:
    """0 a town or a point, 1 a division, 2 a country or larger: the most specific of equally good places wins."""
    record = _record(document, mention)
    feature = (record.feature or "") if record else ""
    if feature.startswith(("A.PCL", "L.", "A.@")) or not record:
        return 2
    return 1 if feature.startswith("A.ADM") else 0


def conjoined(document: Document, mention: PlaceMention, usable: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Places coordinated with ``mention`` ("in Cairo, Suez and Alexandria"): each is its own event's place; not
    after "between" ("at a checkpoint on the road between Tabqa and Raqqa": one stretch between two towns)."""
    tokens = document.tokens
    first = token_index(tokens).at(mention.end - 1)
    if first is None or BETWEEN.search(document.text, max(0, mention.start - 40), mention.start):
        return []
    out = []
    for other in usable:
        if other is mention or other.place == mention.place or not (mention.end <= other.start <= mention.end + 80):
            continue
        index = token_index(tokens).at(other.end - 1)
        if index is not None and _coordinated(tokens, index, first):
            out.append(other)
    for other in (*_listed_after(document, mention, usable), *_semicolon_items(document, mention, usable, first)):
        if other not in out and other.place != mention.place:
            out.append(other)
    return out


BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:cities|towns|villages)\s+of\s+)?$", re.IGNORECASE)
LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?:also|even|especially|[a-z]+ly)\s+)?"
                      r"(?:(?:in|at|near)\s+)?(?:the\s+(?:[a-z-]+\s+){0,2}(?:city|town|village|port|capital|district)"
                      r"\s+of\s+)?$")  # "Cairo and the port city of Suez", "al-Baida, Ajdabiya and significantly in Misrata"


def _listed_after(document: Document, mention: PlaceMention, usable: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Places written as one list after ``mention`` ("in Cairo, Suez and Alexandria"), read from the text itself:
    the parser often takes a list's last names for the subject of what follows ("... Suez and Alexandria to
    demand")."""
    following = sorted((m for m in usable if m.start >= mention.end), key=lambda m: m.start)
    records = {p.id: p for p in document.place_records}
    here = records.get(mention.place or "")
    out: list[PlaceMention] = []
    end = mention.end
    for other in following:
        if not LIST_GAP.match(document.text[end:other.start]):
            break
        there = records.get(other.place or "")
        if here and there and there.country == here.country and (there.feature or "").startswith("A."):
            break  # "Aleppo, Syria": the country or province that contains it, not another place
        if _modifies_a_noun_after(document.tokens, token_index(document.tokens).at(other.end - 1)):
            break  # "Off the coast of Misrata, U.S. military planes fired": a modifier of who fired, no list item
        out.append(other)
        end = other.end
    return out


ITEM_PLACE = re.compile(r"(?:\b(?:near|in|at|outside|around)|,|\band)\s+(?:the\s+)?$")


def _semicolon_items(document: Document, mention: PlaceMention, usable: Sequence[PlaceMention],
                     last: int) -> list[PlaceMention]:
    """The places of a list whose items semicolons part, each with its own place ("strikes hit four launchers near
    Tripoli; a tank near Mizdah; storage facilities near Hun and Qaryat": the way military statements list one
    day's strikes): every item's place is its own event's. Only the items after ``mention``'s (``last``: the token
    of its last word), in its sentence; an item with a finite verb is a clause ("...; he and the others were
    struck"), no list item."""
    tokens = document.tokens
    end = document.sentences[tokens[last].sent][1]
    if ";" not in document.text[mention.end:end]:
        return []
    out: list[PlaceMention] = []
    for other in sorted((m for m in usable if mention.end <= m.start < end), key=lambda m: m.start):
        item_start = document.text.rfind(";", mention.end, other.start)
        if item_start < 0:
            continue  # in the first item, with ``mention``: the other readings handle it
        if ITEM_PLACE.search(document.text[max(item_start + 1, other.start - 40):other.start]) and not any(
                tokens[k].tag in FINITE_TAGS for k in token_index(tokens).covering(item_start, other.start)):
            out.append(other)
    return out


def _modifies_a_noun_after(tokens: Sequence[Token], i: int | None) -> bool:
    """Token ``i`` (a name's last word) qualifies a noun to its right ("U.S. military planes", "Syrian troops")."""
    if i is None:
        return False
    token = tokens[i]
    return token.dep in ("compound", "amod", "nmod") and token.head > i and tokens[token.head].pos in ("NOUN", "PROPN")


def _coordinated(tokens: Sequence[Token], i: int, first: int) -> bool:
    """Token ``i`` hangs from ``first`` through conjunct links only (compounds and appositions allowed)."""
    for _ in range(6):
        token = tokens[i]
        if token.head == first and token.dep == "conj":
            return True
        if token.dep not in ("conj", "compound", "appos") or token.head == i:
            return False
        i = token.head
    return False


def _score(document: Document, mention: PlaceMention, head: int, trigger: set[int]) -> float | None:
    """How surely ``mention`` is where the trigger happened; None when it is surely not."""
    tokens = document.tokens
    index = token_index(tokens).at(mention.end - 1)
    if index is None:
        return None
    prep, seat = _governing_preposition(document, tokens, index, trigger)
    path = _path_up(tokens, index, head, prep in LOCATIVE)
    if prep in NOT_THERE and not (mention.qualifier and not mention.qualifier.startswith("candidates:")):
        return None
    if _in_saying_clause(document, tokens, index, head) or _beyond_border(document, tokens, index):
        return None
    if prep == "in" and seat is not None and _based_in(tokens, seat):
        return None  # "protests, said an analyst based in Qatar": where the analyst works, not where it happened
    if prep == "outside" and _is_country(document, mention):
        return None  # "protests took place outside Italy": anywhere but there ("outside Tripoli" is near the city)
    if tokens[index].dep == "nsubj" and _is_country(document, mention) and _has_object(tokens, tokens[index].head):
        return None  # "Israel launched air strikes on Gaza": a country that does something is a party, not a place
    if path is not None:
        hops, via_participant = path
        if via_participant and prep not in LOCATIVE:
            return None  # "Benghazi-based rebels", "the Misrata hospital's doctors"
        return 3.0 - 0.3 * hops + (0.5 if prep in LOCATIVE else 0.0)
    if prep in LOCATIVE and not _inside_reference(document, tokens, index) and not _under_compared(tokens, index):
        return 1.0
    return None  # a place elsewhere in the sentence ("an analyst based in Qatar") is not where it happened


def _has_object(tokens: Sequence[Token], verb: int) -> bool:
    """The verb at ``verb`` has a direct object."""
    return any(tokens[k].dep in ("dobj", "obj") for k in token_index(tokens).children[verb])


def _inside_reference(document: Document, tokens: Sequence[Token], i: int) -> bool:
    """The place's locative phrase qualifies a noun that is itself the object of a preposition that never says where
    (``NOT_THERE``) on a verb: "inspired by events in Tunisia" names where that other thing is, not the sentence's
    event ("an attack by militants in X", on the event's noun, is where it happened)."""
    word, prep = _governing_preposition(document, tokens, i)
    if prep is None or word not in LOCATIVE or document.text[tokens[prep].start:tokens[prep].end].lower() != word:
        return False  # "fought for control of X" is read as "in X" (CONTEST): fought there
    noun = tokens[prep].head
    if noun == prep or tokens[noun].pos not in ("NOUN", "PROPN") or tokens[noun].dep != "pobj":
        return False
    return _elsewhere_on_a_verb(tokens, noun)


def _elsewhere_on_a_verb(tokens: Sequence[Token], noun: int, targets: frozenset[int] | set[int] = frozenset()) -> bool:
    """``noun`` is the object of a preposition that never says where (``NOT_THERE``) hanging on a verb other than the
    event's (``targets``): "encouraged by events", not "killed by troops" nor "an attack by militants"."""
    prep = tokens[noun].head
    return tokens[prep].lemma.lower() in NOT_THERE and tokens[prep].head not in targets \
        and tokens[tokens[prep].head].pos in VERB_POS


def _record(document: Document, mention: PlaceMention) -> Place | None:
    """The gazetteer record a place mention resolved to, None when it is unplaced."""
    return next((p for p in document.place_records if p.id == mention.place), None) if mention.place else None


def _is_country(document: Document, mention: PlaceMention) -> bool:
    record = _record(document, mention)
    return bool(record and (record.feature or "").startswith("A.PCL"))


def _beyond_border(document: Document, tokens: Sequence[Token], i: int) -> bool:
    """A place named as what a border separates ("a crossing into Syria", "the border with Jordan", "crossings
    between Iraq and Iran", "the hills, which border Turkey"): a reference, not where it happened."""
    for _ in range(4):  # up from a name's last word through compounds, appositions and list members
        if tokens[i].dep not in ("compound", "appos", "conj", "flat") or tokens[i].head == i:
            break
        i = tokens[i].head
    token = tokens[i]
    governor = tokens[token.head]
    if token.dep == "dobj":
        return governor.lemma.lower() == "border" and governor.pos == "VERB"
    if token.dep != "pobj" or document.text[governor.start:governor.end].lower() not in BORDER_PREPOSITIONS:
        return False
    # the parser often hangs "into X" on the verb ("attacked a border crossing into Syria"): the word before counts
    return tokens[governor.head].lemma.lower() in BORDER_NOUNS or \
        (token.head > 0 and tokens[token.head - 1].lemma.lower() in BORDER_NOUNS)


# verbs whose subject is at (or around) their object: a coordinated act of the same subject happens there
POSITIONING = frozenset({"surround", "encircle", "besiege", "enter", "storm", "reach", "hold", "occupy", "control"})


def _path_up(tokens: Sequence[Token], i: int, head: int, locative: bool = False) -> tuple[int, bool] | None:
    """Hops from token ``i`` up to ``head`` (or to the verb ``head`` hangs from), and whether the way passes a
    subject or object noun (then the place qualifies a participant). ``locative``: the place follows a locative
    preposition; else a way through another clause with its own subject is none (the place of another act)."""
    children = token_index(tokens).children
    targets = {head}
    if tokens[head].dep == "amod" and tokens[tokens[head].head].lemma.lower() in PLACE_NOUNS:
        targets.add(tokens[head].head)  # "the besieged city of X": the city the trigger describes
    if tokens[head].dep in ("dobj", "pobj", "nsubj", "nsubjpass", "attr") and tokens[head].head != head:
        targets.add(tokens[head].head)  # "carried out an attack in X": X hangs on the light verb
        governor = tokens[head].head
        if tokens[head].dep == "pobj" and tokens[governor].dep == "prep" and tokens[governor].head != governor:
            targets.add(tokens[governor].head)  # "In X, a tank was hit in the fighting": X hangs on "hit"
    scene = _scene_verb(tokens, head)
    if scene is not None:
        targets.add(scene)  # "the town of X was the scene of fierce fighting", "X saw heavy clashes"
    antecedent = _relative_antecedent(tokens, head, children)
    if antecedent is not None:  # "the town of X, which rebels seized on Monday": the town is what was seized
        targets.add(antecedent)
        if tokens[antecedent].dep == "appos" and tokens[antecedent].head != antecedent:
            targets.add(tokens[antecedent].head)  # "X, a town that rebels had captured": X
    clause = tokens[head].head if tokens[head].dep in ("nsubj", "nsubjpass", "dobj") else head
    for verb in {head, clause}:
        # "rebels were surrounding Zlitan and fighting loyalist forces", "had surrounded X, cutting the last road",
        # "entered X after air strikes opened gaps in its wall": at the place the positioning verb names
        if tokens[verb].dep in ("conj", "advcl") and tokens[tokens[verb].head].lemma.lower() in POSITIONING:
            targets.add(tokens[verb].head)
    via_participant = False
    current = i
    for hops in range(MAX_HOPS + 1):
        if current in targets:
            return hops, via_participant
        token = tokens[current]
        if hops and token.dep in ("nsubj", "nsubjpass", "dobj") and token.pos in ("NOUN", "PROPN", "PRON") \
                and token.lemma.lower() not in LOCATING_NOUNS and not _time_word(token.lemma.lower()):
            # "shelled the village of X", "bombed the X airport": X is the place; "hit Misrata Monday evening": a
            # time, not a participant
            via_participant = True
        if token.dep in ("nsubj", "nsubjpass") and token.head not in targets:
            via_participant = True  # "as France and Britain called for airstrikes": a country that acts, no place
        if hops and token.dep == "pobj" and _elsewhere_on_a_verb(tokens, current, targets):
            return None  # "encouraged by events in X": where the thing of another verb is
        if hops and compared_noun(tokens, current, children):
            return None  # "came after similar protests in X toppled its president": X is the compared event's
        if hops and not locative and own_clause(tokens, current, CLAUSE_DEPS):
            return None  # "had left X with friends; he was struck by bullets in Y": X is where another act was
        if token.head == current:
            return None
        current = token.head
    return None


RELATIVE_OBJECTS = frozenset({"which", "that", "where"})  # relative words that stand for what or where the act is


def _relative_antecedent(tokens: Sequence[Token], head: int, children: list[list[int]]) -> int | None:
    """The noun a relative clause of the trigger stands on, when the relative word is the clause's object or its
    place ("the town, which rebels seized", "the village that was shelled", "the square, where police fired"):
    that noun is what the act was done to or where it was done. None when the relative word is its subject ("the
    fighters, who seized ...": the doers, not a place)."""
    token = tokens[head]
    if token.dep != "relcl" or token.head == head:
        return None
    relative = [k for k in children[head] if tokens[k].lemma.lower() in RELATIVE_OBJECTS]
    if any(tokens[k].dep in ("dobj", "nsubjpass") or (tokens[k].dep == "advmod" and tokens[k].lemma.lower() == "where")
           for k in relative):
        return token.head
    return None


CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj", "parataxis"})


def _under_compared(tokens: Sequence[Token], i: int) -> bool:
    """The place qualifies a compared event ("similar protests in X", :func:`modality.compared_event`), within a
    few heads."""
    children = token_index(tokens).children
    current = i
    for _ in range(3):
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            return False
        current = head
        if compared_noun(tokens, current, children):
            return True
    return False


def _scene_verb(tokens: Sequence[Token], head: int) -> int | None:
    """The verb a place-subject lives through the trigger with: "X was the scene of fighting", "X saw clashes",
    "X came under shelling", "X witnessed an attack"; the subject of such a verb is where the trigger happened."""
    current = head
    for _ in range(3):
        token = tokens[current]
        if token.head == current:
            return None
        up = tokens[token.head]
        if token.dep == "pobj" and up.dep == "prep" and up.head != token.head:
            current = up.head  # "the scene of fighting", "under shelling"
            verb = tokens[current]
            if verb.pos == "VERB" and verb.lemma.lower() == "come" and up.lemma.lower() == "under":
                return current
            continue
        if token.dep in ("attr", "dobj"):
            return token.head if up.pos in ("VERB", "AUX") and up.lemma.lower() in SCENE_VERBS else None
        return None
    return None


def _time_word(word: str) -> bool:
    """A weekday, part of day or calendar unit of the time stage's lexicon ("evening", "Monday", "week")."""
    words = time_lexicon()
    return word in words.weekdays or word in words.parts or word in words.units


def _preposition(document: Document, tokens: Sequence[Token], i: int, trigger: set[int] = frozenset()) -> str | None:
    """The preposition governing the place's phrase: "in" for "in the city of Misrata", "on the outskirts of X";
    a preposition inside the trigger ("took to the streets of Cairo") counts as "in"."""
    return _governing_preposition(document, tokens, i, trigger)[0]


def _governing_preposition(document: Document, tokens: Sequence[Token], i: int,
                           trigger: set[int] = frozenset()) -> tuple[str | None, int | None]:
    """:func:`_preposition`'s word and the index of the preposition token it was read from (None, None without one)."""
    current = i
    for _ in range(6):
        token = tokens[current]
        if token.dep in ("compound", "appos", "amod", "nmod", "poss", "conj"):
            current = token.head
            continue
        if token.dep == "pobj":
            prep = tokens[token.head]
            if token.head in trigger:
                return "in", token.head
            word = document.text[prep.start:prep.end].lower()
            if word == "of" and tokens[prep.head].pos in ("NOUN", "PROPN") and prep.head != token.head:
                if tokens[prep.head].lemma.lower() in CONTEST:
                    return "in", token.head  # "a battle raged for control of the town of X": fought over X, so at X
                current = prep.head  # "the streets of Cairo": the streets' preposition
                continue
            if word == "to" and document.text[tokens[prep.head].start:tokens[prep.head].end].lower() == "according":
                return "according to", token.head  # "killed ..., according to a named spokesman": the source
            if word == "to" and tokens[prep.head].lemma.lower() in FLIGHT and prep.head not in trigger:
                return "toward", token.head  # "when she tried to escape to Tunisia": where she was going
            if word in ("toward", "towards") and tokens[prep.head].lemma.lower() in FIRING:
                return "at", token.head  # "mortars were launched toward Zawiya": fired at the town, so hit there
            if word == "for" and _topic_as(document, tokens, token.head):
                return "in", token.head  # "As for Misrata, ... the shelling went on": the sentence is set there
            return word, token.head
        if token.dep == "prep":
            return document.text[token.start:token.end].lower(), current
        return None, None
    return None, None


def _topic_as(document: Document, tokens: Sequence[Token], prep: int) -> bool:
    """The preposition ``prep`` ("for") follows "as" ("As for Misrata, ..."): it names the sentence's topic."""
    return prep > 0 and document.text[tokens[prep - 1].start:tokens[prep - 1].end].lower() == "as"


def _in_saying_clause(document: Document, tokens: Sequence[Token], i: int, head: int) -> bool:
    """"..., a doctor told CNN in Benghazi": the place hangs on a verb of saying before it meets the trigger's own
    chain of governors (the trigger, the verb a nominal trigger belongs to, and up), so it belongs to the saying,
    unless it stands before the saying verb and the trigger after it ("In Zawiya, sources said the fighting ...")."""
    chain = _governors(tokens, head)
    current = i
    for _ in range(MAX_HOPS):
        token = tokens[current]
        if token.head == current:
            return False
        current = token.head
        if tokens[current].lemma.lower() in SAYING and tokens[current].pos == "VERB":
            # "In Zawiya, two sources said the fighting continued": a place fronted before the attribution sets
            # the scene of what is reported after it
            return not tokens[i].start < tokens[current].start < tokens[head].start
        if current in chain:
            return False  # "in Misrata, two mortars landed ..., said an official": under the trigger's verb
    return False


def _governors(tokens: Sequence[Token], i: int) -> set[int]:
    """Token ``i`` and every token above it in the parse."""
    out = {i}
    while tokens[i].head != i and len(out) < 60:
        i = tokens[i].head
        out.add(i)
    return out


def as_event_place(document: Document, mention: PlaceMention | None) -> tuple[EventPlace | None, Place | None]:
    if mention is None:
        return None, None
    record = _record(document, mention)
    if record is None:
        return EventPlace(name=mention.text, lat=None, lon=None, place=mention.place), None
    return EventPlace(name=record.name, lat=record.lat, lon=record.lon, place=record.id), record
