"""Toponym recognition: spaCy's GPE/LOC/FAC mentions plus a guarded gazetteer phrase matcher.

The matcher looks up capitalised word sequences (1–4 words) in the gazetteer and keeps a match
only when it passes the guards: not overlapping an ORG/other entity (a PERSON mention only when a
locative preposition precedes it: "in Bartella"), not a stop word (data/stopwords.txt), not a word
also used in lower case in the same text, not sentence-initial for one-word names, and a big enough
place for one-word names (``MIN_SINGLE_WORD_POP`` or an administrative/country feature).
Demonyms ("Iraqi", NORP mentions) are returned flagged ``demonym``: associative, not locations.
Metonymic uses the small model tags ORG or PERSON ("the EU said", "Liverpool won") are places when the
mention is exactly a country's, region's, province's, capital's or big city's own name; a country, region or
province inside an organisation's name is an associative (``demonym``) mention; a dateline in capitals
("COLUMBUS, Ohio —") is a place (``_datelines``).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from dateline.geo.gazetteer import NAME_ALIAS, NAME_ALT, NAME_PRIMARY, NAME_SHORT, Gazetteer, data_file
from dateline.geo.names import name_key, skeleton
from dateline.geo.propagate import propagated_spans
from dateline.model import Document

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BLOCKING_LABELS = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
MIN_SINGLE_WORD_POP = 15_000  # one-word matches below this are too often a surname or a common word
SHORT_ALTERNATE = 4  # letters: a one-word alternate name this short (an airport code, a short form) is no match alone
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]\.?")  # "L.A.", "D.C.": an abbreviation written as one
MIN_MULTI_WORD_POP = 1_000
MAX_WORDS = 4
OVERRIDABLE_LABELS = frozenset({"PERSON", "ORG"})
ORG_AS_PLACE = True  # an ORG mention that is exactly a country's, region's or big city's name is that place
ORG_PLACE_MIN_POP = 100_000
ORG_PLACE_LABELS = ("ORG", "PERSON")
VARIANT_MIN_LETTERS = 5  # a transliteration of a big city's own name counts too; shorter keys are too often acronyms
INNER_PLACES = True  # places inside organisation names, flagged associative (``_inner_places``)
# only countries, continents, regions and provinces: a town in a name ("Paris Junior College") is too often a namesake
INNER_FEATURES: tuple[str, ...] = ("A.PCL", "L.CONT", "L.RGN", "A.ADM1")
_ORG_PLACE_FEATURES = ("A.PCL", "L.CONT", "L.RGN", "A.ADM1", "P.PPLC")
STRONG_FEATURES = ("A.PCL", "A.ADM1", "L.CONT", "P.PPLC", "P.PPLA")
_WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F][\w'’\u00C0-\u024F]*(?:-[\w'’\u00C0-\u024F]+)*\.?")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash|adh|ath|ed|es|et|ul)-(?=[A-Z\u00C0-\u024F])")
_IN_LIST_RE = re.compile(r"\b(?:in|at|near|from|to)\s+[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?,\s*$")
_LIST_NEXT_RE = re.compile(r"^\s*(?:,|and\b|or\b)")
_CONNECTORS = frozenset({"al", "el", "de", "del", "la", "le", "of", "upon", "on", "the", "da", "do", "dos", "das", "du"})
_SETTLEMENT_OF_RE = re.compile(r"\b(town|village|city|district|suburb|neighbou?rhood)\s+of\s+$", re.I)
MIN_LOCATIVE_POP = 1_000  # one-word names right after "in/near/at/from" need only be a real village
_LOCATIVE_WORDS = r"\b(?:in|near|at|from|into|outside|around|towards?|village of|town of|city of)"
_LOCATIVE_RE = re.compile(_LOCATIVE_WORDS + r"\s+$", re.I)


@dataclass(frozen=True, slots=True)
class ToponymSpan:
    start: int
    end: int
    text: str
    source: str  # "ner" | "matcher" | "document" (propagated: geo/propagate.py) | "gold"
    demonym: bool = False


@cache
def stopwords() -> frozenset[str]:
    lines = data_file("stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def recognize(document: Document, gazetteer: Gazetteer) -> list[ToponymSpan]:
    """Toponym spans of a document, sorted by offset, non-overlapping."""
    text = document.text
    spans: list[ToponymSpan] = []
    for mention in document.mentions:
        if mention.label in PLACE_LABELS or (
                mention.label == "PERSON" and _person_tagged_place(text, mention.start, mention.end)):
            spans.append(ToponymSpan(mention.start, mention.end, text[mention.start:mention.end], "ner"))
        elif mention.label == "NORP" and name_key(mention.text) in gazetteer.demonyms:
            spans.append(ToponymSpan(mention.start, mention.end, text[mention.start:mention.end], "ner", demonym=True))
        elif ORG_AS_PLACE and mention.label in ORG_PLACE_LABELS \
                and (found := _named_place(text, mention.start, mention.end, gazetteer)) \
                and not (mention.label == "PERSON" and _used_as_person(text, found.text)):  # "President Chad ... said"
            spans.append(found)
        elif INNER_PLACES and mention.label == "ORG":
            spans.extend(_inner_places(text, mention.start, mention.end, gazetteer))
    taken = [(s.start, s.end) for s in spans]
    for found in _datelines(document, gazetteer):
        if not any(s < found.end and found.start < e for s, e in taken):
            spans.append(found)
            taken.append((found.start, found.end))
    blocked = [(m.start, m.end, m.label) for m in document.mentions if m.label not in PLACE_LABELS]
    spans.extend(_match(text, gazetteer, taken, blocked, _sentence_starts(document)))
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[ToponymSpan] = []
    for span in spans:
        if not out or span.start >= out[-1].end:
            out.append(span)
    for start, end in propagated_spans(text, document.mentions, [(s.start, s.end) for s in out], _used_as_person):
        out.append(ToponymSpan(start, end, text[start:end], "document"))
    out.sort(key=lambda s: s.start)
    heads = organisation_heads()
    person_words = _person_name_words(document)
    # "BECKY ANDERSON, CNN HOST: ..." then "Yes, Becky, ...": the host, not Berdsk (one sense per discourse)
    out = [s for s in out if s.demonym or " " in s.text or s.text.casefold() not in person_words
           or _strong_or_locative(text, s.start, s.end, gazetteer)]
    return [_compound_modifier(text, span) for span in out
            if not _in_organisation_name(text, span, heads) and not _quoted_exclamation(text, span)
            and not _speaker_label(text, span) and not CONTRACTION.fullmatch(span.text)
            and not _bloc(text, span) and not _title(text, span) and not _weapon_model(text, span)]


# A name spaCy tags PERSON is a place when only a place could stand there ("In Ras Lanuf, ...", "fighters in Bin
# Jawad"): after a locative preposition that no noun of attitude governs ("confidence in X"), not possessive, and
# never elsewhere in the text used as a person (a title before it, a speech verb after it).
_PERSON_PLACE_BEFORE = re.compile(r"(?:^|[^\w])(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]round|[Ii]nto|(?:village|town|city) of)\s+$")
_ATTITUDE_IN = re.compile(r"\b(?:confidence|faith|trust|interest|belief|role|part|stake|share|hand|investment)\s+in\s+$", re.I)
_PERSON_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|President|Col|Gen|Colonel|General|Sheikh|King|Prince|Minister|leader|Sen|"
                           r"spokesman|spokeswoman|Lt|Capt|Maj|Adm)\.?\s+$")
_SPEECH_AFTER = re.compile(r"^(?:,\s+\w+,)?\s+(?:said|says|told|added|asked|wrote|explained|insisted)\b")


def _named_place(text: str, start: int, end: int, gazetteer: Gazetteer,
                 features: tuple[str, ...] | None = None) -> ToponymSpan | None:
    """An ORG- (or PERSON-) tagged mention that is exactly a place's own name: a country, continent, region, first-level
    division, capital or city of ``ORG_PLACE_MIN_POP`` ("the EU said", "Liverpool won", "California sued"), or a
    demonym ("Syrian" tagged ORG in "the Syrian regime"). The small model tags such metonymic uses ORG; the
    corpora count them as toponyms. Names with a word more ("Liverpool FC", "Bank of Japan") are not matched. A
    transliteration of such a city's own name (same skeleton: "Misrata" for Misratah) counts; its other names
    do not ("Google" is an alternate name of Topeka)."""
    surface = text[start:end]
    key = name_key(surface)
    if key in gazetteer.demonyms:
        return ToponymSpan(start, end, surface, "ner", demonym=True)
    for entry, kind in gazetteer.lookup(key):
        feature = entry.feature or ""
        if kind == NAME_SHORT or (kind == NAME_ALT and not feature.startswith(("A.PCL", "L.CONT"))):
            continue  # a country's other names are known to all ("Holland"); a town's are not
        if features is not None:
            if feature.startswith(features):
                return ToponymSpan(start, end, surface, "ner")
        elif feature.startswith(_ORG_PLACE_FEATURES) or (feature.startswith("P") and entry.population >= ORG_PLACE_MIN_POP):
            return ToponymSpan(start, end, surface, "ner")
    if features is None and len(key) >= VARIANT_MIN_LETTERS:
        for entry, kind in gazetteer.lookup_skeleton(skeleton(key)):
            if kind == NAME_PRIMARY and (entry.feature or "").startswith("P") and entry.population >= ORG_PLACE_MIN_POP:
                return ToponymSpan(start, end, surface, "ner")  # "Misrata" for Misratah, "Zawiya" for Az Zawiyah
    return None


# "COLUMBUS, Ohio —", "BEIRUT (Reuters) -", "MANSFIELD — The council ...": a wire dateline in capitals
# (after a comma only a capitalised word may follow: "NATO, the alliance" is no dateline)
_DATELINE_RE = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?=\s*(?:—|–|-|\(|:|,\s*[A-Z]))")


def _datelines(document: Document, gazetteer: Gazetteer) -> list[ToponymSpan]:
    """The place of a capitalised dateline at the start of the text, a paragraph or a sentence (a headline run
    into the text), when the gazetteer knows it as a town, division or country (the matcher skips words in
    capitals)."""
    out = []
    for start in sorted(_sentence_starts(document)):
        match = _DATELINE_RE.match(document.text, start)
        if match is None or len(match.group()) < 3:
            continue
        surface = match.group().rstrip(".")
        if len(surface) < 4:  # "UN", "CNN": acronyms, not datelines
            continue
        # a place's own name (not an alternate: "SDF" is an airport code of Louisville), big or important enough
        entries = [e for e, kind in gazetteer.lookup(name_key(surface)) if kind not in (NAME_ALT, NAME_SHORT)]
        if any((e.feature or "").startswith(STRONG_FEATURES) or e.population >= MIN_SINGLE_WORD_POP for e in entries):
            out.append(ToponymSpan(match.start(), match.start() + len(surface), surface, "matcher"))
    return out


_INNER_WORDS_RE = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}")


def _inner_places(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[ToponymSpan]:
    """Places named inside an organisation's name ("University of Texas", "Ohio Department of Transportation"),
    flagged associative like a demonym: the organisation is of the place, nothing happened there. Demonyms
    inside a name ("Syrian Democratic Forces") are left to the actor coding."""
    out = []
    for match in _INNER_WORDS_RE.finditer(text, start, end):
        words = match.group().split(" ")
        for n in range(len(words), 0, -1):  # the longest run of capitalised words that is a place's own name
            surface = " ".join(words[:n]).rstrip(".")
            found = _named_place(text, match.start(), match.start() + len(surface), gazetteer, INNER_FEATURES)
            if found is not None and found.demonym:  # "Syrian Democratic Forces": the adjective names the actor
                break
            if found is not None and len(surface) >= 4:
                out.append(dataclasses.replace(found, source="ner", demonym=True))
                break
    return [s for s in out if (s.start, s.end) != (start, end)]


def _person_tagged_place(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30):start]
    if not _PERSON_PLACE_BEFORE.search(before) or _ATTITUDE_IN.search(before) or text[end:end + 2] in ("'s", "’s"):
        return False
    return not _used_as_person(text, text[start:end])


def _used_as_person(text: str, name: str) -> bool:
    """Whether ``name`` appears anywhere in ``text`` with a title before it or a speech verb after it."""
    for found in re.finditer(re.escape(name), text):
        before = text[max(0, found.start() - 30):found.start()]
        if _PERSON_TITLE.search(before[-20:]) or (_SPEECH_AFTER.match(text[found.end():found.end() + 30])
                                                  and not _PERSON_PLACE_BEFORE.search(before)):
            return True  # "Rebels near Ras Lanuf said ...": the rebels speak, not the place
    return False


_OPEN_QUOTES = "\"'“‘«"


def _quoted_exclamation(text: str, span: ToponymSpan) -> bool:
    """"chanted, 'Freedom!'": a word quoted alone as a cry is a slogan, not a place."""
    before = text[max(0, span.start - 1):span.start]
    return bool(before) and before in _OPEN_QUOTES and text[span.end:span.end + 1] == "!"


# "I've", "We'll", "It's": a pronoun and a verb, never a place ("I've" folds to "ive", a short name of Paris's
# 4th arrondissement, IVe, which the matcher took in 38 comments and transcripts of the T17 conflict articles)
CONTRACTION = re.compile(r"(?i)(?:i|we|you|they|he|she|it|who|that|there|here|what|let)['’](?:ve|m|ll|re|d|s)")
# "the West", "the East": a bloc or a direction, never the region of that name (Cameroon's "West" region took 116
# mentions of "the West" in the T17 conflict articles)
DIRECTION = re.compile(r"(?i)(?:(?:north|south)(?:east|west)?|east|west)(?:ern|erners?)?")


def _bloc(text: str, span: ToponymSpan) -> bool:
    """"the West", "the Southwest": a direction word alone after "the"."""
    return bool(DIRECTION.fullmatch(span.text)) and text[max(0, span.start - 4):span.start].lower() == "the "


_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,3}\.")
_NAME_AFTER = re.compile(r" [A-Z][a-z]")


def _title(text: str, span: ToponymSpan) -> bool:
    """"Rep. Steve Cohen", "Gen. Khalifa Haftar": a short capitalised abbreviation before a name is a title."""
    return bool(_ABBREVIATION.fullmatch(span.text) and _NAME_AFTER.match(text, span.end))


# A weapon named after a place ("the Milan missile", "Grad rockets", "Scud missiles"): the name is a model, not
# where anything happened; "the Misrata rocket attack" (the weapon noun modifying another) keeps its place, and a
# demonym ("Russian missiles") still names whose they are.
_WEAPON_AFTER = re.compile(r"\s+(?:anti-tank\s+)?(?:missiles?|rockets?|rifles?|launchers?|howitzers?)\b"
                           r"(?!\s+(?:attacks?|strikes?|fire|barrages?|salvos?|launch(?:es)?|hit|impacts?)\b)")


def _weapon_model(text: str, span: ToponymSpan) -> bool:
    return not span.demonym and bool(_WEAPON_AFTER.match(text, span.end))  # "Russian missiles" are Russia's


SPEAKER_TURNS = 2  # a capitalised name before a colon this often is a speaker's label
TRANSCRIPT_TURNS = 4  # turns (any speakers) after a sentence's end that make a text a transcript
_TURN = re.compile(r"[.?!\"”] +[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2}:")


def _speaker_label(text: str, span: ToponymSpan) -> bool:
    """Transcripts name who speaks in capitals before a colon, turn after turn ("ANDERSON: We're going live to
    Cairo"): a speaker, not a place, when the name recurs as a label or the text is a transcript (many turns after
    a sentence's end, whoever speaks: "ROBERTSON:" may speak once). A dateline ("BAGHDAD: ...") has the same
    shape but is written once, at the start."""
    words = text[span.start:span.end]
    if not (words.isupper() and len(words) > 1 and text[span.end:span.end + 1] == ":"):
        return False
    return text.count(words + ":") >= SPEAKER_TURNS or len(_TURN.findall(text)) >= TRANSCRIPT_TURNS


@cache
def organisation_heads() -> frozenset[str]:
    lines = data_file("organisation_heads.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_NEXT_WORD = re.compile(r" ([A-Z][A-Za-z]*)\b")


def _in_organisation_name(text: str, span: ToponymSpan, heads: frozenset[str]) -> bool:
    """"Kasem told Two Rivers Monitor": a name followed by an organisation word names the organisation."""
    match = _NEXT_WORD.match(text, span.end)
    return bool(match and match.group(1) in heads)


# "US-led", "Mosul-based", "Iranian-backed", "Kurdish-controlled": the name qualifies a noun, not a location.
_COMPOUND_AFTER = re.compile(r"\.?-[a-z]{2,}\b")  # "U.S.-backed": the span may stop before the final "."


def _compound_modifier(text: str, span: ToponymSpan) -> ToponymSpan:
    """Flag a name that is the first half of a hyphenated modifier as associative (like a demonym)."""
    if not span.demonym and _COMPOUND_AFTER.match(text, span.end):
        return dataclasses.replace(span, demonym=True)
    return span


def _sentence_starts(document: Document) -> set[int]:
    starts = {s for s, _ in document.sentences} | {s for s, _ in document.paragraphs} | {0}
    if not document.sentences:
        starts |= {m.end() for m in re.finditer(r"[.!?]\s+|\n+", document.text)}
    return starts


def _match(text: str, gazetteer: Gazetteer, taken: list[tuple[int, int]], blocked: list[tuple[int, int, str]],
           sentence_starts: set[int]) -> list[ToponymSpan]:
    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    out: list[ToponymSpan] = []
    i = 0
    while i < len(words):
        start, _, word = words[i]
        if not _capitalized(word) or any(s <= start < e for s, e in taken):
            i += 1
            continue
        found = _longest(text, gazetteer, words, i, blocked, sentence_starts)
        if found is None:
            i += 1
            continue
        span, used = found
        out.append(span)
        i += used
    return out


def _longest(text: str, gazetteer: Gazetteer, words: list[tuple[int, int, str]], i: int,
             blocked: list[tuple[int, int, str]], sentence_starts: set[int]) -> tuple[ToponymSpan, int] | None:
    for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
        chunk = words[i:i + n]
        if not _capitalized(chunk[-1][2]) or any(not _capitalized(w) and w.lower().rstrip(".") not in _CONNECTORS for _, _, w in chunk):
            continue
        if any(text[a[1]:b[0]].strip(" ") not in ("", "-") for a, b in zip(chunk, chunk[1:], strict=False)):
            continue
        start = chunk[0][0]
        raw = text[start:chunk[-1][1]]
        forms = [raw.rstrip(".")] + ([raw] if n == 1 and raw.endswith(".") and _is_abbreviation(raw) else [])
        for surface in forms:
            end = start + len(surface)
            key = name_key(surface)
            if key in gazetteer.demonyms and n == 1:
                if not _blocked(start, end, blocked, text):
                    return ToponymSpan(start, end, surface, "matcher", demonym=True), 1
                continue
            entries = [(e, kind) for e, kind in gazetteer.lookup(key) if kind != NAME_SHORT]  # "Western" (Province)
            if not entries and _ARTICLE_PREFIX.match(surface):  # "al-Brega": the gazetteer may know "Brega"
                key = name_key(_ARTICLE_PREFIX.sub("", surface))
                entries = [(e, kind) for e, kind in gazetteer.lookup(key) if kind != NAME_SHORT]
            if entries and _passes(text, surface, key, entries, start, end, n, blocked, sentence_starts):
                return ToponymSpan(start, end, surface, "matcher"), n
    return None


def _person_name_words(document: Document) -> frozenset[str]:
    """The first and last words, case-folded, of the people the document names in full ("BECKY ANDERSON, CNN HOST":
    "becky", "anderson")."""
    words: set[str] = set()
    for mention in document.mentions:
        parts = document.text[mention.start:mention.end].split()
        if mention.label == "PERSON" and len(parts) >= 2:
            words.update((parts[0].casefold(), parts[-1].casefold()))
    return frozenset(words)


def _strong_or_locative(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """A one-word name that is surely a place even when a person of the document bears it: a locative word before
    it here or anywhere in the document ("in Jordan"; "police found ... in Alexandria", then "Alexandria detectives"),
    or a country, first-level division, continent or capital of that name."""
    if _LOCATIVE_RE.search(text[max(0, start - 20):start]) or \
            re.search(_LOCATIVE_WORDS + r"\s+" + re.escape(text[start:end]) + r"\b", text, re.IGNORECASE):
        return True
    return any((e.feature or "").startswith(STRONG_FEATURES) and kind != NAME_ALT
               for e, kind in gazetteer.lookup(name_key(text[start:end])))


def _surname(text: str, surface: str, blocked: list[tuple[int, int, str]]) -> bool:
    """The document names a person whose name ends in ``surface`` ("Rep. Mike Rogers", then "Rogers called"): the
    bare word is that person, not a town of that name (one sense per discourse)."""
    tail = " " + surface
    return any(label == "PERSON" and text[s:e].endswith(tail) for s, e, label in blocked)


def _capitalized(word: str) -> bool:
    """A name-like word: capitalized, or an Arabic article prefix before a capital ("al-Brega", "el-Arish")."""
    return word[:1].isupper() or bool(_ARTICLE_PREFIX.match(word))


def _is_abbreviation(word: str) -> bool:
    return word.endswith(".") and len(word) <= 6


def _blocked(start: int, end: int, blocked: list[tuple[int, int, str]], text: str) -> bool:
    for s, e, label in blocked:
        if s < end and start < e:
            if label in OVERRIDABLE_LABELS and s == start and e == end and _LOCATIVE_RE.search(text[max(0, start - 20):start]) \
                    and not (label == "PERSON" and (_ATTITUDE_IN.search(text[max(0, start - 30):start])
                                                    or _used_as_person(text, text[start:end]))):
                continue  # "the town of Bashiqa" tagged ORG, "in Bartella" tagged PERSON (not "Mubarak said")
            if label in OVERRIDABLE_LABELS and s == start and e == end and _IN_LIST_RE.search(text[max(0, start - 30):start]) \
                    and _LIST_NEXT_RE.match(text[end:end + 20]):
                continue  # "in Cairo, Suez and Alexandria": a name inside a list of places
            return True
    return False


def _passes(text: str, surface: str, key: str, entries: list, start: int, end: int, n: int,
            blocked: list[tuple[int, int, str]], sentence_starts: set[int]) -> bool:
    if _blocked(start, end, blocked, text):
        return False
    alias = any(kind == NAME_ALIAS for _, kind in entries)
    strong = any((e.feature or "").startswith(STRONG_FEATURES) and kind != NAME_ALT for e, kind in entries)
    # a division's population is the sum of its towns': only a town's own population vouches for a bare word
    population = max(0 if (e.feature or "").startswith("A.ADM") else e.population for e, _ in entries)
    if n > 1:
        return strong or alias or population >= MIN_MULTI_WORD_POP
    if key in stopwords() or (len(surface) <= 3 and not alias) or surface.isupper() and not alias:
        return False
    if len(key) <= SHORT_ALTERNATE and not _DOTTED.fullmatch(surface) and \
            all(kind == NAME_ALT and not (e.feature or "").startswith("A.") for e, kind in entries):
        return False  # "Inc." is Yinchuan's airport code, "Hang" a short form of Hangzhou; "Ill.", "L.A." are kept
    if not (strong or alias) and _surname(text, surface, blocked):
        return False
    if start in sentence_starts and not (strong or alias):
        return False
    if re.search(r"\b" + re.escape(surface.lower()) + r"\b", text):
        return False
    before = text[max(0, start - 25):start]
    if _SETTLEMENT_OF_RE.search(before):
        return True
    if _LOCATIVE_RE.search(before):
        return population >= MIN_LOCATIVE_POP or strong
    return strong or alias or population >= MIN_SINGLE_WORD_POP
