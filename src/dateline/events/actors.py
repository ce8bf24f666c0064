"""Actors a coder would write: a participant phrase → ACLED-style canonical actor and ``inter`` code.

A phrase is read from its head token outwards (``data/en/actors.tsv`` is the dictionary):

1. a named organisation ("NATO", "Islamic State") → its dictionary name and code;
2. a generic head noun ("troops", "riot police", "gunmen", "protesters", "residents") → a template such as
   ``Military Forces of {country}`` or ``Protesters ({country})``; the country is a demonym in the phrase
   ("Libyan rebels"), the country of a leader the phrase names ("Gadhafi's forces", "pro-Assad troops",
   "forces loyal to Mubarak": the document says whose leader he is, "Libyan leader Moammar Gadhafi"), else
   where the event happened, else the document's main country;
3. a modifier cue decides what a generic head is ("government forces", "rebel fighters", "opposition units");
4. a weapon or vehicle ("warplanes", "a drone", "tanks") is never an actor: its operator is read from its
   modifiers ("NATO warplanes", "government tanks", "French jets"), else the actor is unknown;
5. anything else ("proposal", "southern bank", "number", "his vest") is no actor at all.

Pronouns and descriptions ("they", "the group") take the last actor named in the two sentences before.
State forces acting outside their own country get ``inter`` 8 (external forces), as in ACLED.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from dateline.events.triggers import MIN_EVENT_WEIGHT, data_rows, load_lexicon, subtree
from dateline.model import Document, Event, Mention, Participant, Token
from dateline.quotes.direct import Marked, find_marked

STATE_KINDS = frozenset({"military", "police"})
VICTIM_INTER = 7
EXTERNAL_INTER = 8
KIND_BY_TEMPLATE = {
    "Military Forces of {country}": "military",
    "Police Forces of {country}": "police",
    "Rebels ({country})": "rebel",
    "Unidentified Armed Group ({country})": "unidentified",
    "Militia ({country})": "militia",
    "Protesters ({country})": "protester",
    "Rioters ({country})": "rioter",
    "Civilians ({country})": "civilian",
}
LEADER_TITLES = ("leader", "president", "prime minister", "premier", "king", "ruler", "strongman", "dictator",
                 "emir", "sultan", "head of state", "regime", "government", "chancellor", "monarch")
PLURAL_PRONOUNS = frozenset({"they", "them"})
FIRST_PERSON = frozenset({"we", "us"})
GROUP_DESCRIPTIONS = frozenset({"group", "organisation", "organization", "movement"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "quantmod", "npadvmod", "det", "case",
                           "punct", "advmod"})
RECENT_SENTENCES = 2
ARMED_KINDS = frozenset({"military", "police", "rebel", "militia", "unidentified", "generic"})


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """The parsed ``actors.tsv``."""

    nouns: dict[tuple[str, ...], str]  # lemma phrase → kind ("military", ..., "generic", "weapon")
    templates: dict[str, tuple[str, int]]  # kind → (canonical template, inter)
    cues: dict[str, str]  # modifier word → kind
    groups: tuple[tuple[re.Pattern[str], str, int], ...]  # name pattern → canonical, inter
    sites: dict[tuple[str, ...], str] = field(default_factory=dict)  # civilian building → the kind of its people
    heads: frozenset[str] = frozenset()  # the last lemma of every noun phrase
    armed_heads: frozenset[str] = frozenset()  # ... of the phrases that name armed or security forces
    means: dict[str, frozenset[str]] = field(default_factory=dict)  # "militant" → the groups the bare word usually means

    def site_kind(self, lemmas: Sequence[str]) -> str | None:
        """The kind of the people of a civilian site named by the last one or two ``lemmas`` ("residential area")."""
        return (self.sites.get(tuple(lemmas[-2:])) if len(lemmas) > 1 else None) or \
            (self.sites.get((lemmas[-1],)) if lemmas else None)

    def names_group(self, text: str) -> bool:
        """``text`` names an organisation of the dictionary (Islamic State, NATO, the SDF ...)."""
        return any(pattern.search(text) for pattern, _, _ in self.groups)


@cache
def actor_lexicon(language: str = "en", extra: tuple[str, ...] = ()) -> ActorLexicon:
    """The packaged dictionary plus any user files (same columns), later rows first."""
    rows = list(data_rows("actors.tsv", language))
    for path in extra:
        rows = _user_rows(Path(path)) + rows
    nouns: dict[tuple[str, ...], str] = {}
    templates: dict[str, tuple[str, int]] = {}
    cues: dict[str, str] = {}
    sites: dict[tuple[str, ...], str] = {}
    groups: list[tuple[re.Pattern[str], str, int]] = []
    means: dict[str, frozenset[str]] = {}
    for row in rows:
        kind, words, canonical, inter = row["kind"], row["words"], row["canonical"], int(row["inter"] or 0)
        names = [w.strip() for w in words.split("|") if w.strip()]
        if kind == "noun":
            key = KIND_BY_TEMPLATE.get(canonical) or {"{generic}": "generic"}.get(canonical, canonical)
            templates.setdefault(key, (canonical, inter))
            for name in names:
                nouns.setdefault(tuple(name.lower().split()), key)
        elif kind == "weapon":
            for name in names:
                nouns.setdefault(tuple(name.lower().split()), "weapon")
        elif kind == "site":
            for name in names:
                sites.setdefault(tuple(name.lower().split()), canonical)
        elif kind == "cue":
            for name in names:
                cues.setdefault(name.lower(), canonical)
        elif kind == "means":
            meant = frozenset(g.strip() for g in canonical.split("|") if g.strip())
            for name in names:
                means[name.lower()] = means.get(name.lower(), frozenset()) | meant
        elif kind == "group":
            # names match in any case, except a short acronym that is also a word ("IS", "AU"): its own case only
            exact = [re.escape(n) for n in names if len(n) <= 3 and n.isupper()]
            loose = [_dotted(n) for n in names if not (len(n) <= 3 and n.isupper())]
            alternatives = [f"(?i:{'|'.join(loose)})"] if loose else []
            alternatives += exact
            pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
            groups.append((pattern, canonical, inter))
    return ActorLexicon(nouns=nouns, templates=templates, cues=cues, groups=tuple(groups), sites=sites, means=means,
                        heads=frozenset(phrase[-1] for phrase in nouns),
                        armed_heads=frozenset(phrase[-1] for phrase, kind in nouns.items() if kind in ARMED_KINDS))


def _user_rows(path: Path) -> list[dict[str, str]]:
    lines = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header = lines[0] if lines and lines[0][:2] == ["kind", "words"] else ["kind", "words", "canonical", "inter", "notes"]
    body = lines[1:] if lines and lines[0][:2] == ["kind", "words"] else lines
    return [dict(zip(header, row + [""] * (len(header) - len(row)), strict=False)) for row in body]


@dataclass(slots=True)
class ActorContext:
    """What one document tells about its actors: leaders, its countries, the actors named so far."""

    lexicon: ActorLexicon
    country_names: dict[str, str]  # ISO2 → name
    leaders: dict[str, str] = field(default_factory=dict)  # lower-cased surname → ISO2
    demonyms: dict[int, str] = field(default_factory=dict)  # char offset of a demonym → ISO2
    country_spans: dict[tuple[int, int], str] = field(default_factory=dict)  # a country's name in the text → ISO2
    document_country: str | None = None
    recent: list[tuple[int, Participant]] = field(default_factory=list)  # (sentence, actor) named so far
    subjects: list[tuple[int, Participant]] = field(default_factory=list)  # armed parties acting in any sentence
    mentioned: list[tuple[int, Participant]] = field(default_factory=list)  # armed parties named otherwise
    adversaries: dict[str, Counter[str]] = field(default_factory=dict)  # party → parties it fought in this document
    parties: dict[str, Participant] = field(default_factory=dict)  # key → the participant, for adversaries
    attacking: Counter[str] = field(default_factory=Counter)  # armed party → how often it acted in violence
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (ISO2, admin1 code) → name
    called: dict[str, tuple[str, int]] = field(default_factory=dict)  # "militant" → the one named group so called
    short_names: dict[str, tuple[str, int]] = field(default_factory=dict)  # "coalition" → the "US-led coalition" named
    defined: dict[str, tuple[str, int]] = field(default_factory=dict)  # "police" → the group defined as "the ... security force"
    nationalities: dict[str, str] = field(default_factory=dict)  # folded demonym ("syrian") → ISO2, from the gazetteer
    allies: set[frozenset[str]] = field(default_factory=set)  # parties that act together ("the army and allied militias")
    quotations: list[Marked] | None = None  # the document's quotations in marks, read once when a quoted "we" needs them

    def marked_quotations(self, document: Document) -> list[Marked]:
        """The document's quotations in quotation marks (the quotes stage's reader), read on first use."""
        if self.quotations is None:
            self.quotations = find_marked(document.text, document.paragraphs)
        return self.quotations

    def country_name(self, iso: str | None) -> str | None:
        if not iso:
            return None
        return self.country_names.get(iso, iso)

    def remember(self, sentence: int, participant: Participant, *, target: bool = False) -> None:
        """Note a party of an event of ``sentence``. A ``target`` goes before the sentence's actors: a "they" that
        follows most often continues the one who acted ("Troops attacked rebel positions. They then shelled ...")."""
        if participant.type in (None, 0, VICTIM_INTER):
            return
        at = len(self.recent)
        while target and at and self.recent[at - 1][0] == sentence:
            at -= 1
        self.recent.insert(at, (sentence, participant))

    def remember_adversaries(self, actors: Sequence[Participant], targets: Sequence[Participant]) -> None:
        """Armed parties the text sets against each other in one violent event ("the SDF fought Islamic State"), and
        the armed parties it tells acting in one, whoever the target."""
        for a in actors:
            if a.type in ARMED_PARTIES:
                self.attacking[party_key(a)] += 1
            for t in targets:
                ka, kt = party_key(a), party_key(t)
                if a.type in ARMED_PARTIES and t.type in ARMED_PARTIES and ka != kt:
                    self.adversaries.setdefault(ka, Counter())[kt] += 1
                    self.adversaries.setdefault(kt, Counter())[ka] += 1
                    self.parties.setdefault(ka, a)
                    self.parties.setdefault(kt, t)

    def opponent(self, participant: Participant, sentence: int | None = None,
                 country: str | None = None) -> Participant | None:
        """The party on the other side of an armed conflict (state forces against rebels and militias) named
        nearest to ``sentence`` in the document (before it when ``sentence`` is None), to complete a battle
        whose text names one side ("four rebels were killed in fighting around Misrata"). Parties that acted
        in any sentence count (:func:`remember_subjects`), not only the actors of earlier events."""
        fought = self.adversaries.get(party_key(participant))
        if fought:  # the document already set this party against another: that is its other side
            best = min(fought, key=lambda k: (self._remote(k), -fought[k]))
            if not self._remote(best):
                return self.parties[best]
            return self._named_opponent(participant, sentence, country, ground=True) or self.parties[best]
        return self._named_opponent(participant, sentence, country)

    def _named_opponent(self, participant: Participant, sentence: int | None, country: str | None,
                        ground: bool = False) -> Participant | None:
        """The nearest party on the other side named in the document (``ground``: no external force)."""
        side = _side(participant)
        if side is None:
            return None
        pool = self.recent if sentence is None else self.recent + self.subjects + self.mentioned
        others = [(sent, other) for sent, other in pool if (s := _side(other)) is not None and s != side
                  and not (ground and other.type == 8) and frozenset((party_key(participant), party_key(other))) not in self.allies]
        if not others:
            return None
        if sentence is None:
            return others[-1][1]
        home = self.country_name(country or self.document_country)  # where the battle is: its own state's forces first
        return min(others, key=lambda pair: (self._foreign(pair[1], home), abs(pair[0] - sentence), pair[0] > sentence))[1]

    def main_sides(self, sentence: int, country: str | None = None) -> tuple[Participant, Participant] | None:
        """The two parties of the document's armed conflict, for a battle whose sentence names neither ("the
        fighting has cost him dearly"): the pair the document set against each other most often, else the armed
        party it names most and that party's :meth:`opponent`. The side the document tells attacking more often
        comes first: a battle that names neither side is most likely that side's offensive again."""
        pairs = Counter({tuple(sorted((a, b))): n for a, fought in self.adversaries.items() for b, n in fought.items()})
        if pairs:
            a, b = min(pairs, key=lambda pair: (self._remote(pair[0]) or self._remote(pair[1]), -pairs[pair]))
            home = self.parties[b] if self._remote(a) else self.parties[a]  # NATO struck it; on the ground it fought
            other = self.opponent(home, sentence, country)  # never None: home has a fought party
            if other is None:
                return None
            return (other, home) if self.attacking[party_key(other)] > self.attacking[party_key(home)] else (home, other)
        pool = [p for _, p in self.recent + self.subjects + self.mentioned if _side(p) is not None]
        if not pool:
            return None
        counts = Counter(party_key(p) for p in pool)
        main = next(p for p in pool if party_key(p) == counts.most_common(1)[0][0])
        other = self.opponent(main, sentence, country)
        return (main, other) if other is not None else None

    def _remote(self, key: str) -> bool:
        """An external force (ACLED inter 8: NATO, a coalition) the document set against a party: it fought from
        the air far more often than on the ground, so a ground battle's other side is another party when there is one."""
        return self.parties[key].type == 8

    @staticmethod
    def _foreign(participant: Participant, home: str | None) -> bool:
        """State forces of another country than the one the document is about (a last resort as the other side)."""
        return bool(home) and participant.type == 1 and home not in (participant.canonical or "")

    def last_actor(self, sentence: int) -> Participant | None:
        """The party a "they" or "the group" of ``sentence`` means: the last actor of an event named in the
        RECENT_SENTENCES before it (or in it), or an armed party that was the subject of an earlier sentence
        of any kind ("Government troops moved on the town. They started shelling ..."), the nearer one."""
        best: tuple[int, Participant] | None = None
        for sent, participant in reversed(self.recent):
            if sentence - RECENT_SENTENCES <= sent <= sentence:
                best = (sent, participant)
                break
        for sent, participant in reversed(self.subjects):
            if sentence - RECENT_SENTENCES <= sent < sentence:
                if best is None or sent > best[0]:
                    best = (sent, participant)
                break
        return best[1] if best else None


def party_key(participant: Participant) -> str:
    """How two mentions of one party compare: its dictionary name, else its words, in any case."""
    return (participant.canonical or participant.name).lower()


def _side(participant: Participant) -> str | None:
    """State forces are one side; a named armed group (Islamic State, the SDF) is a side of its own, so two named
    groups can fight each other; unnamed rebels and militias ("Rebels (Libya)") are the armed opposition."""
    if participant.type == 1:
        return "state"
    if participant.type in (2, 3, 4):
        canonical = participant.canonical or ""
        return "armed" if not canonical or canonical.endswith(")") else f"group:{canonical}"
    return None


def document_context(document: Document, lexicon: ActorLexicon, country_names: dict[str, str]) -> ActorContext:
    """Leaders, demonyms, country names and the main country of ``document``."""
    records = {p.id: p for p in document.place_records}
    demonyms: dict[int, str] = {}
    country_spans: dict[tuple[int, int], str] = {}
    counts: Counter[str] = Counter()
    for mention in document.places:
        record = records.get(mention.place or "")
        if record is None or not record.country:
            continue
        if mention.qualifier == "demonym":
            for k in range(mention.start, mention.end):
                demonyms[k] = record.country
            counts[record.country] += 0.5
        else:
            counts[record.country] += 1
        if record.feature and record.feature.startswith("A.PCL"):
            country_names.setdefault(record.country, record.name)
            if mention.qualifier != "demonym":
                country_spans[(mention.start, mention.end)] = record.country
    main = counts.most_common(1)[0][0] if counts else None
    ctx = ActorContext(lexicon=lexicon, country_names=country_names, demonyms=demonyms, document_country=main,
                       country_spans=country_spans)
    ctx.leaders = _leaders(document, demonyms, country_names, main)
    ctx.called = _called(document.text, lexicon)
    ctx.short_names = _short_names(document.text, lexicon)
    ctx.defined = _defined(document, lexicon)
    return ctx


_ACRONYM = re.compile(r"\b[A-Z]{2,3}\b")


def _dotted(name: str) -> str:
    """A name as a pattern that also matches its acronyms written with stops: "US-led coalition" matches
    "U.S.-led coalition", "UN peacekeepers" "U.N. peacekeepers"."""
    out, at = [], 0
    for match in _ACRONYM.finditer(name):
        out.append(re.escape(name[at:match.start()]))
        out.append("".join(re.escape(letter) + r"\.?" for letter in match.group(0)))
        at = match.end()
    out.append(re.escape(name[at:]))
    return "".join(out)


def _short_names(text: str, lexicon: ActorLexicon) -> dict[str, tuple[str, int]]:
    """The lower-case last word of a group name the document uses ("the US-led coalition") → that group, so the
    document's later "coalition aircraft" and "the coalition said" mean it; a word two named groups end in, or a
    word of the actor dictionary ("forces" of "coalition forces"), means nothing by itself."""
    found: dict[str, set[tuple[str, int]]] = {}
    for pattern, canonical, inter in lexicon.groups:
        for match in pattern.finditer(text):
            words = match.group(0).split()
            last = words[-1]
            if len(words) > 1 and last.islower() and (last,) not in lexicon.nouns and last not in lexicon.cues:
                found.setdefault(last, set()).add((canonical, inter))
    return {word: next(iter(groups)) for word, groups in found.items() if len(groups) == 1}


_APPOSITION = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?,\s+(?:the|a|an)\s+([^,.;:()\"]{3,80})")
_PHRASE_END = re.compile(r"\s+(?:of|in|for|from|that|which|who|with|based|backed|led|run|controlled)\b.*$")
DEFINED_KINDS = frozenset({"military", "police", "rebel", "militia"})


def _defined(document: Document, lexicon: ActorLexicon) -> dict[str, tuple[str, int]]:
    """The kind of force a named group is defined as by apposition ("the Asayish, the internal security force of
    the Kurdish-led administration" → police) → that group: the document's later "Kurdish security forces" are
    it, not the state's police. A kind two groups are defined as means neither. Groups are the dictionary's and
    the organisations the tagger names (with the kind's inter code)."""
    text = document.text
    named: list[tuple[int, str, int | None]] = [(m.end(), canonical, inter) for pattern, canonical, inter in lexicon.groups
                                                for m in pattern.finditer(text)]
    named += [(m.end, m.canonical or m.text, None) for m in document.mentions if m.label == "ORG"]
    found: dict[str, set[tuple[str, int]]] = {}
    for end, name, inter in named:
        after = _APPOSITION.match(text[end:end + 120])
        if not after:
            continue
        words = _PHRASE_END.sub("", after.group(1)).lower().split()
        for n in (2, 1):  # "security force", then "force"
            tail = tuple(w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words[-n:])
            kind = lexicon.nouns.get(tail) or lexicon.nouns.get(tuple(words[-n:]))
            if len(words) >= n and kind in DEFINED_KINDS:
                found.setdefault(kind, set()).add((name, inter if inter is not None else lexicon.templates[kind][1]))
                break
    return {kind: next(iter(groups)) for kind, groups in found.items() if len(groups) == 1}


SALIENT_MENTIONS = 2  # a group the document names at least this often is one it is about


_NEXT_WORD = re.compile(r"^['’]?s?\s+(\w+)")


def _called(text: str, lexicon: ActorLexicon) -> dict[str, tuple[str, int]]:
    """Words for an unnamed armed party that the document itself attaches to one named group ("Islamic State
    militants", "ISIS's snipers") → that group: the bare "militants" of the same document are that group
    (EVENT_CODING: a description is resolved to the named party the document means). A word the document
    attaches to two groups stays unresolved; when the document attaches such words to one group only, all of
    them ("gunmen", "the bomber") mean it."""
    found: dict[str, set[tuple[str, int]]] = {}
    counts: dict[tuple[str, int], int] = {}  # how often the document names each armed group
    for pattern, canonical, inter in lexicon.groups:
        if inter not in (2, 3, 4):
            continue  # coalitions and peacekeepers are not what "militants" means
        for match in pattern.finditer(text):
            counts[(canonical, inter)] = counts.get((canonical, inter), 0) + 1
            after = _NEXT_WORD.match(text[match.end():match.end() + 30])
            if not after:
                continue
            word = after.group(1).lower()
            for form in (word, word[:-1] if word.endswith("s") else ""):  # "gunmen" is listed; "militants" is not
                if form and lexicon.nouns.get((form,)) == "unidentified":
                    found.setdefault(form, set()).add((canonical, inter))
                    break
    named = {group for groups in found.values() for group in groups}
    if len(named) == 1:
        (only,) = named
        return {words[0]: only for words, kind in lexicon.nouns.items() if kind == "unidentified" and len(words) == 1}
    called = {lemma: next(iter(groups)) for lemma, groups in found.items() if len(groups) == 1}
    if found:
        return called
    # The document attaches none of the words to a group: a word means the one group it usually means (the
    # dictionary's `means` rows) among those the document names more than once ("Daesh", "ISIS", "Islamic State"
    # ... and "the militants went door to door"); a group named in passing ("blamed al-Qaeda") is not meant.
    salient = {group for group, n in counts.items() if n >= SALIENT_MENTIONS}
    for word, meant in lexicon.means.items():
        candidates = {group for group in salient if group[0] in meant}
        if len(candidates) == 1:
            called[word] = next(iter(candidates))
    return called


_TITLE = "|".join(re.escape(t) for t in LEADER_TITLES)
_BEFORE = re.compile(rf"(\S+?)(?:'s)?\s+(?:(?:longtime|long-time|embattled|former|ousted|late|beleaguered)\s+)?(?:{_TITLE})\s+(?:(?:col\.?|colonel|gen\.?|general|mr\.?)\s+)?$", re.IGNORECASE)
_AFTER = re.compile(rf"^,?\s+(?:the\s+)?(?:country's|nation's|(\S+?)(?:'s)?)\s+(?:{_TITLE})\b", re.IGNORECASE)
# whose regime, forces or weapons the text speaks of: a person who commands them leads a state ("Gadhafi's tanks")
_OWNS = re.compile(r"^(?:'s)?\s+(?:regime|government|forces|troops|loyalists|army|administration|military|soldiers|"
                   r"militias?|security forces|snipers|tanks|warplanes|jets|artillery)\b", re.IGNORECASE)


def _leaders(document: Document, demonyms: dict[int, str], names: dict[str, str], main: str | None) -> dict[str, str]:
    """People the document names as a country's leader ("Libyan leader Moammar Gadhafi") → that country.

    A person whose regime, government or forces the text speaks of ("Gadhafi's regime") leads the document's
    main country when no title names another.
    """
    by_name = {n.lower(): iso for iso, n in names.items()}
    text = document.text
    out: dict[str, str] = {}
    owners: set[str] = set()
    for m in document.mentions:
        if m.label != "PERSON":
            continue
        key = surname(m.canonical or m.text)
        before = _BEFORE.search(text[max(0, m.start - 60):m.start])
        after = _AFTER.match(text[m.end:m.end + 60])
        iso = None
        for match, offset in ((before, max(0, m.start - 60)), (after, m.end)):
            if match is None:
                continue
            word = match.group(1)
            if word:
                start = offset + match.start(1)
                iso = demonyms.get(start) or by_name.get(word.lower().rstrip("'s"))
            elif match is after:
                iso = main
            if iso:
                break
        if iso:
            out.setdefault(key, iso)
        elif _OWNS.match(text[m.end:m.end + 30]) or re.search(r"\bpro-\s?$|\banti-\s?$", text[max(0, m.start - 5):m.start]):
            owners.add(key)
    people = {surname(m.canonical or m.text) for m in document.mentions if m.label == "PERSON"}
    for m in document.mentions:  # "Gadhafi's forces" tagged ORG, when the text names him as a person elsewhere
        key = surname(re.sub(r"^(?:pro|anti)-", "", m.text, flags=re.IGNORECASE))
        if m.label == "ORG" and key in people and _OWNS.match(text[m.end:m.end + 30]):
            owners.add(key)
    if main:
        for key in owners:
            out.setdefault(key, main)
    return out


def surname(name: str) -> str:
    words = re.findall(r"[\w'-]+", name.lower())
    return words[-1] if words else ""


ARMED_PARTIES = frozenset({1, 2, 3, 4, 8})
PARTY_DEPS = frozenset({"nsubjpass", "dobj", "pobj", "conj", "appos", "poss"})  # other places a party is named in


def _covered(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether an offset lies inside one of ``spans`` (bisect over the starts, not a scan)."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))  # furthest end among spans starting so far

    def inside(offset: int) -> bool:
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and reach[k] > offset

    return inside


def remember_subjects(document: Document, children: list[list[int]], ctx: ActorContext) -> None:
    """Note every armed party of the document: subjects of a verb (``ctx.subjects``, what a later "they" or "the
    group" may mean) and parties named in other roles (``ctx.mentioned``); both can be a battle's other side."""
    tokens = document.tokens
    heads, armed = ctx.lexicon.heads, ctx.lexicon.armed_heads
    inside_any = _covered([(m.start, m.end) for m in document.mentions])
    inside_org = _covered([(m.start, m.end) for m in document.mentions if m.label in ("ORG", "NORP")])
    for i, token in enumerate(tokens):
        subject = token.dep == "nsubj" and tokens[token.head].pos == "VERB"
        if not (subject or token.dep in PARTY_DEPS) or token.pos not in ("NOUN", "PROPN"):
            continue
        if token.lemma.lower() not in (heads if subject else armed) and not (inside_any if subject else inside_org)(token.start):
            continue  # neither a dictionary noun (of an armed kind) nor inside a named entity (an organisation)
        if _allied(tokens, i):
            continue  # "the army, along with local militias, ...": on the army's side, never its opponent
        if _associated(tokens, i):
            continue  # "armed gangs connected to al Qaeda": a label for another party, not a party on the scene
        found = describe(document, i, children, ctx, event_country=None, sentence=token.sent, role="actor")
        if found is not None and found.type in ARMED_PARTIES:
            (ctx.subjects if subject else ctx.mentioned).append((token.sent, found))
            if subject:
                _remember_allies(document, i, found, children, ctx)


def _remember_allies(document: Document, i: int, party: Participant, children: list[list[int]],
                     ctx: ActorContext) -> None:
    """A party coordinated with another as one subject and called its ally ("the Iraqi army and allied militias
    entered the district") is never the other's opponent in this document. Without the ally word coordinated
    subjects are as often the two sides ("both rebels and pro-Gadhafi forces have claimed advances")."""
    tokens = document.tokens
    for k in children[i]:
        if tokens[k].dep != "conj" or tokens[k].pos not in ("NOUN", "PROPN"):
            continue
        if not any(tokens[c].dep == "amod" and tokens[c].lemma.lower() in ALLY_WORDS for c in children[k]):
            continue
        other = describe(document, k, children, ctx, event_country=None, sentence=tokens[k].sent, role="actor")
        if other is not None and other.type in ARMED_PARTIES and party_key(other) != party_key(party):
            ctx.allies.add(frozenset((party_key(party), party_key(other))))


ASSOCIATION = frozenset({"connect", "link", "tie", "affiliate", "associate", "relate"})


def _associated(tokens: Sequence[Token], i: int) -> bool:
    """A party named only as what another is tied to ("gangs connected to al Qaeda", "ties with Hezbollah")."""
    if tokens[i].dep != "pobj":
        return False
    prep = tokens[tokens[i].head]
    return prep.lemma.lower() in ("to", "with") and tokens[prep.head].lemma.lower() in ASSOCIATION


ALLY_PREPS = frozenset({"alongside", "beside"})
ALLY_WORDS = frozenset({"allied", "ally", "affiliated", "affiliate", "friendly", "partner"})  # lemmas: "allied militias"
ALLY_ADVERBS = frozenset({"along", "together"})  # "along with", "together with"


def _allied(tokens: Sequence[Token], i: int) -> bool:
    """A party named as another's companion or backer: "along with X", "together with X", "alongside X", "backed by
    X", "supported by X"."""
    while tokens[i].dep == "pobj" and tokens[tokens[i].head].lemma.lower() == "of" and \
            tokens[tokens[tokens[i].head].head].dep == "pobj":  # "along with a number of local militias"
        i = tokens[tokens[i].head].head
    if tokens[i].dep != "pobj":
        return False
    prep = tokens[tokens[i].head]
    lemma = prep.lemma.lower()
    if lemma in ALLY_PREPS:
        return True
    if lemma == "with" and (tokens[prep.head].lemma.lower() in ALLY_ADVERBS or any(
            tokens[k].head == tokens[i].head and tokens[k].dep == "advmod" and tokens[k].lemma.lower() in ALLY_ADVERBS
            for k in range(max(0, i - 4), i))):
        return True
    return prep.dep == "agent" and tokens[prep.head].dep == "acl" and tokens[prep.head].lemma.lower() in SUPPORT_VERBS


# -- one participant ---------------------------------------------------------------------------------------------
def describe(document: Document, head: int, children: list[list[int]], ctx: ActorContext, *,
             event_country: str | None, sentence: int, role: str = "actor") -> Participant | None:
    """The participant whose phrase is headed by token ``head``, or None when it names nobody.

    ``role``: "actor" or "target". A person the document does not name as a leader is no actor (a coder
    writes the armed group, which the text rarely ties to one person), but a person hurt or seized is a
    civilian target."""
    tokens = document.tokens
    token = tokens[head]
    surface = document.text[token.start:token.end]
    if surface.lower() in FIRST_PERSON:
        return _speakers_group(document, token, ctx)
    if token.pos == "PRON" or surface.lower() in PLURAL_PRONOUNS | PERSON_PRONOUNS:
        return _pronoun(surface.lower(), ctx, sentence)
    counted = _counted(tokens, head, children)
    if counted is not None:  # "thousands of people", "dozens of protesters": the people counted
        return describe(document, counted, children, ctx, event_country=event_country, sentence=sentence, role=role)
    lo, hi = phrase_bounds(tokens, head, children)
    phrase = document.text[lo:hi]
    mention = _mention_at(document.mentions, token.start, token.end)
    lemma_phrase = _head_phrase(document, head, lo, ctx.lexicon)
    kind = ctx.lexicon.nouns.get(lemma_phrase) if lemma_phrase else None
    if kind is None:
        kind = ctx.lexicon.nouns.get((token.lemma.lower(),)) or ctx.lexicon.nouns.get((surface.lower(),))
    if kind == "civilian" and any(tokens[c].dep in ("acl", "amod") and tokens[c].lemma.lower() in ("arm", "armed")
                                  for c in children[head]):
        kind = "unidentified"  # "men armed with knives", as "armed men": an armed party the text does not name
    if kind is None and (_is_place(document, token) or (mention is not None and mention.label in ("GPE", "LOC", "FAC")
                                                        and not _country_of_name(ctx, mention.canonical or mention.text))):
        # "retook al-Brega", "shelled Misrata": a place is where, never who; but a place hit that the phrase says
        # a side holds ("pounded rebel-held Misrata") names that side as the target
        return _holder(document, head, lo, children, ctx, event_country) if role == "target" else None
    if mention is None and token.lemma.lower() in GROUP_DESCRIPTIONS and \
            _clean(phrase).lower() in (f"the {surface.lower()}", surface.lower()):  # "the group" → the party meant
        return _description(ctx, sentence)
    group = _group(ctx, phrase, mention) or (ctx.short_names.get(token.lemma.lower()) if kind is None else None)
    if group is not None and kind != "weapon":
        return Participant(name=_clean(phrase), canonical=group[0], type=group[1])
    if mention is not None and kind is None:
        if mention.label == "PERSON" and (side := _affiliation(document, head, children, ctx, event_country, sentence,
                                                               role)) is not None:
            return side
        return _named(document, mention, ctx, phrase, event_country, role)
    if kind is None and role == "target":  # "the opposition-controlled town of Ras Lanuf": its holder
        return _holder(document, head, lo, children, ctx, event_country) or _site(document, head, ctx, event_country)
    if kind is None:
        return None
    if kind == "civilian" and token.lemma.lower() in FOLLOWERS and any(
            tokens[c].dep == "poss" for c in children[head]):
        kind = "generic"  # "Gadhafi's men", "his men": the owner's fighters, whoever the owner is
    spans = _owner_spans(document, head, lo, children)
    owner = _owner(document, spans, ctx)
    # "Syrian government forces": the cue word says what kind of force, a demonym before it says whose
    nation = _phrase_country(document, spans, ctx) if owner is not None and owner[0] == "cue" else None
    if kind == "weapon":
        return _operator(owner, ctx, phrase, event_country, nation)
    if kind == "generic":
        if owner is None:  # "units", "fighters", "members" of nobody named: no actor (EVENT_CODING: unknown)
            return _member_of(document, head, children, ctx, event_country, sentence, role)
        return _from_owner(owner, ctx, phrase, event_country, nation)
    if kind == "unidentified" and owner is None and \
            (named := ctx.called.get(token.lemma.lower()) or ctx.called.get(surface.lower())):
        return Participant(name=_clean(phrase), canonical=named[0], type=named[1])  # the group "militants" means here
    if owner is not None and owner[0] == "cue" and kind in ("military", "unidentified", "militia"):
        kind = owner[1]
    if kind in ctx.defined and (owner is None or owner[0] == "cue") and nation is None:
        named = ctx.defined[kind]  # "Kurdish security forces" where the Asayish is defined as a security force
        return Participant(name=_clean(phrase), canonical=named[0], type=named[1])
    country = _owner_country(owner) or nation or event_country or ctx.document_country
    return _templated(ctx, kind, country, phrase, event_country)


def _affiliation(document: Document, head: int, children: list[list[int]], ctx: ActorContext,
                 event_country: str | None, sentence: int, role: str) -> Participant | None:
    """The armed side a named person belongs to as the text describes him ("Ali Hassan, a rebel commander", "rebel
    commander Ali Hassan", "a soldier who gave his name as Omar"): ACLED codes the side, not the man. None when no
    describing noun names an armed party (a person otherwise stays a civilian target)."""
    tokens = document.tokens
    nouns = [c for c in children[head] if tokens[c].dep in ("appos", "compound") and tokens[c].pos == "NOUN"]
    up = tokens[head].head
    if tokens[head].dep == "appos" and tokens[up].pos == "NOUN":
        nouns.append(up)
    if tokens[head].dep == "pobj" and tokens[up].lemma.lower() == "as" and tokens[tokens[up].head].dep in ("relcl", "acl"):
        verb = tokens[up].head  # "a rebel who identified himself only as Walid"
        if tokens[tokens[verb].head].pos == "NOUN":
            nouns.append(tokens[verb].head)
    for noun in nouns:
        named = _mention_at(document.mentions, tokens[noun].start, tokens[noun].end)
        if named is not None and named.label == "PERSON":
            continue  # a word of the name itself: describing it would ask this question again
        found = describe(document, noun, children, ctx, event_country=event_country, sentence=sentence, role=role)
        if found is not None and found.type in ARMED_PARTIES:
            return found
    return None


def _member_of(document: Document, head: int, children: list[list[int]], ctx: ActorContext,
               event_country: str | None, sentence: int, role: str) -> Participant | None:
    """The armed body a generic member belongs to ("the commander of the rebel army", "two officers of the Syrian
    army"), or None."""
    tokens = document.tokens
    for prep in children[head]:
        if tokens[prep].dep == "prep" and tokens[prep].lemma.lower() == "of":
            for body in children[prep]:
                if tokens[body].dep == "pobj":
                    found = describe(document, body, children, ctx, event_country=event_country, sentence=sentence,
                                     role=role)
                    if found is not None and found.canonical and found.type in ARMED_PARTIES:
                        return found
    return None


FOLLOWERS = frozenset({"man", "men"})  # possessed ("X's men"), the words mean the owner's armed followers
ORG_WORDS = frozenset({"army", "force", "forces", "front", "brigade", "brigades", "battalion", "party", "movement",
                       "council", "group", "organization", "organisation", "committee", "union", "alliance", "coalition",
                       "militia", "guard", "guards", "police", "ministry", "government", "regime", "authority",
                       "administration", "command", "service", "agency", "network", "league", "association",
                       "federation", "company", "office", "mission", "corps", "unit", "units", "committees"})
QUANTITIES = frozenset({"thousand", "hundred", "dozen", "score", "ten", "million", "number", "group", "crowd",
                        "band", "handful", "couple", "some", "many", "most", "all", "several", "few", "total",
                        "majority", "rest", "lot", "each", "none"})


def _site(document: Document, head: int, ctx: ActorContext, event_country: str | None) -> Participant | None:
    """A civilian building or area hit ("mortars landed on a clinic", "shelled residential areas"): the civilians
    of the country."""
    kind = ctx.lexicon.site_kind([t.lemma.lower() for t in document.tokens[max(0, head - 1):head + 1]])
    return country_party(ctx, kind, event_country or ctx.document_country) if kind else None


HELD = re.compile(r"([\w.'’]+)(?:\s*-\s*|\s+)(?:held|controlled|occupied|run|dominated)\b", re.IGNORECASE)
HOLDING_VERBS = frozenset({"hold", "control", "occupy", "run", "dominate", "besiege"})


def _holder(document: Document, head: int, lo: int, children: list[list[int]], ctx: ActorContext,
            event_country: str | None) -> Participant | None:
    """The side a place or site is said to be held by ("the rebel-held town", "a regime-controlled district",
    "a town held by the rebels"): EVENT_CODING's target of violence aimed at a place, when the text names one."""
    tokens = document.tokens
    before = document.text[lo:tokens[head].start]
    for m in HELD.finditer(before):  # the word before "-held" read as a phrase's owner is
        found = _operator(_owner(document, [(lo + m.start(1), lo + m.end(1))], ctx), ctx, "", event_country)
        if found is not None and found.canonical:
            return found
    for c in children[head]:  # "held by militants": the agent read as any actor phrase is
        if tokens[c].dep == "acl" and tokens[c].lemma.lower() in HOLDING_VERBS:
            for g in (g for a in children[c] if tokens[a].dep == "agent" for g in children[a] if tokens[g].dep == "pobj"):
                found = describe(document, g, children, ctx, event_country=event_country, sentence=tokens[g].sent)
                if found is not None and found.canonical and found.type not in (None, 0, VICTIM_INTER):
                    return found
    return None


def _counted(tokens: Sequence[Token], head: int, children: list[list[int]]) -> int | None:
    token = tokens[head]
    if token.pos != "NUM" and token.lemma.lower() not in QUANTITIES:
        return None
    for c in children[head]:
        if tokens[c].dep == "prep" and tokens[c].lemma.lower() == "of":
            objects = [g for g in children[c] if tokens[g].dep == "pobj"]
            if objects:
                return objects[0]
    return None


def _is_place(document: Document, token: Token) -> bool:
    """The token is part of a toponym (resolved or not) that is no country."""
    for m in document.places:
        if m.start <= token.start and token.end <= m.end and m.qualifier != "demonym":
            record = next((p for p in document.place_records if p.id == m.place), None)
            return not (record and (record.feature or "").startswith("A.PCL"))
    return False


def _pronoun(word: str, ctx: ActorContext, sentence: int) -> Participant | None:
    if word in PLURAL_PRONOUNS or word == "it":
        found = ctx.last_actor(sentence)
        if found is None or (word == "it" and found.type not in ARMED_PARTIES):
            return None  # "it" stands for an armed party only (a force, a group), never for a crowd or a thing
        return Participant(name=found.name, canonical=found.canonical, type=found.type, entity=found.entity)
    return None  # "he"/"she" name a person, handled as a named mention by the caller


def _speakers_group(document: Document, token: Token, ctx: ActorContext) -> Participant | None:
    """The group a quoted "we" speaks for: the one group the sentence's words outside the quotation name ("'Today we
    begin the final stage,' a spokeswoman for the SDF said"), else the next sentence's (a quotation that runs on);
    None when no single group is named: the last actor is the wrong guess, a quoted "we" is rarely the party
    the reporter named last. A "we" outside quotation marks is the writer's, no party's. Quotations are read by
    the quotes stage's reader (paragraph by paragraph, so one opened a sentence earlier counts)."""
    marked = ctx.marked_quotations(document)
    if not any(m.start <= token.start < m.end for m in marked):
        return None
    for k in (token.sent, token.sent + 1):
        if k >= len(document.sentences):
            break
        start, end = document.sentences[k]
        outside = document.text[start:end]
        for m in marked:  # blank out what is quoted, keeping offsets
            a, b = max(m.start, start), min(m.end, end)
            if a < b:
                outside = outside[:a - start] + " " * (b - a) + outside[b - start:]
        named = {(canonical, inter) for pattern, canonical, inter in ctx.lexicon.groups if pattern.search(outside)}
        named |= {group for m in document.mentions if m.label == "ORG" and start <= m.start and m.end <= end
                  and m.text in outside and (group := _group(ctx, "", m)) is not None}
        if len(named) == 1:
            (canonical, inter), = named
            return Participant(name=canonical, canonical=canonical, type=inter)
        if named:
            return None
    return None


def _description(ctx: ActorContext, sentence: int) -> Participant | None:
    found = ctx.last_actor(sentence)
    return Participant(name=found.name, canonical=found.canonical, type=found.type) if found else None


def _group(ctx: ActorContext, phrase: str, mention: Mention | None) -> tuple[str, int] | None:
    texts = [t for t in (mention.canonical if mention else None, mention.text if mention else None, phrase) if t]
    for pattern, canonical, inter in ctx.lexicon.groups:
        if any(pattern.search(t) for t in texts):
            return canonical, inter
    return None


def _named(document: Document, mention: Mention, ctx: ActorContext, phrase: str, event_country: str | None,
           role: str = "actor") -> Participant | None:
    """A named entity as actor: a leader stands for his state's forces, a country for its military."""
    name = mention.canonical or mention.text
    if mention.label == "PERSON":
        iso = ctx.leaders.get(surname(name))
        if iso:
            return _templated(ctx, "military", iso, name, event_country)
        if role == "target":
            return _templated(ctx, "civilian", event_country or ctx.document_country, name, event_country)
        return None
    if mention.label == "GPE":
        iso = _country_of_name(ctx, name)
        if iso:
            return _templated(ctx, "military", iso, name, event_country)
        return None  # a city is not an actor
    if mention.label == "ORG":
        iso = ctx.leaders.get(surname(re.sub(r"^(?:pro|anti)-", "", name, flags=re.IGNORECASE)))
        if iso and not name.lower().startswith("anti-"):  # "Gadhafi", "Pro-Gadhafi" tagged ORG: the leader's forces
            return _templated(ctx, "military", iso, name, event_country)
        words = tuple(w.lower() for w in re.findall(r"[\w-]+", name))
        kind = next((ctx.lexicon.nouns.get((w,)) for w in reversed(words) if ctx.lexicon.nouns.get((w,))), None)
        if kind in KIND_BY_TEMPLATE.values() and kind in STATE_KINDS:
            iso = next((ctx.demonyms.get(k) for k in range(mention.start, mention.end) if ctx.demonyms.get(k)), None)
            return _templated(ctx, kind, iso or event_country or ctx.document_country, name, event_country)
        if role == "target" and not set(words) & ORG_WORDS and not kind:
            return None  # "shelling on Dafniya": an unknown one-word "organisation" hit by violence is mostly a place
        if words and words[-1] in event_nouns() and not set(words) & ORG_WORDS:
            return None  # "Misrata Shelling", "Tripoli Clashes": a headline's words the tagger took for a name
        return Participant(name=name, canonical=name, type=0)
    if mention.label == "NORP":
        iso = ctx.demonyms.get(mention.start)
        if iso:  # "Libyans": people of a country
            return _templated(ctx, "civilian", iso, name, event_country)
    return None


def _country_of_name(ctx: ActorContext, name: str) -> str | None:
    lowered = name.lower()
    return next((iso for iso, n in ctx.country_names.items() if n.lower() == lowered), None)


def _owner(document: Document, spans: list[tuple[int, int]], ctx: ActorContext) -> tuple[str, str] | None:
    """Who the phrase belongs to, read in its owner ``spans`` (:func:`_owner_spans`): ("group", canonical) |
    ("leader", iso) | ("cue", kind) | ("country", iso) | ("org", name)."""
    text = document.text
    raw = " ".join(text[a:b] for a, b in spans)
    for pattern, canonical, _inter in ctx.lexicon.groups:
        if pattern.search(raw):  # "US-led coalition" is a group name; "US-led" before another noun only a supporter
            return ("group", canonical)
    for word in re.findall(r"[\w-]+", raw):
        if (short := ctx.short_names.get(word.lower())) is not None:  # "coalition aircraft" after "the US-led coalition"
            return ("group", short[0])
    window = " ".join(_SUPPORTER.sub(" ", text[a:b]) for a, b in spans)  # "U.S.-backed Syrian fighters": Syrian
    for key, iso in ctx.leaders.items():
        if re.search(rf"(?<![\w]){re.escape(key)}\b", window, re.IGNORECASE):
            return ("leader", iso)
    words = [w.lower() for w in re.findall(r"[\w-]+", window)]
    for word in words:
        kind = ctx.lexicon.cues.get(word)
        if kind:
            return ("cue", kind)
    for word in words:  # "militant positions", "jihadist fighters": an armed party's noun used as a modifier
        kind = ctx.lexicon.nouns.get((word,))
        if kind in ARMED_KINDS and kind != "generic":
            named = ctx.called.get(word)  # the one group the document calls so
            return ("group", named[0]) if named else ("cue", kind)
    iso = _phrase_country(document, spans, ctx)
    if iso:
        return ("country", iso)
    for a, b in spans:  # "members of the Asayish", "Hezbollah fighters": a named organisation owns them
        for m in document.mentions:
            if m.label == "ORG" and a <= m.start and m.end <= b:
                group = _group(ctx, "", m)  # the dictionary's name for it ("NATO-allied aircraft": NATO)
                return ("group", group[0]) if group else ("org", m.canonical or m.text)
    return None


def _owner_spans(document: Document, head: int, lo: int, children: list[list[int]]) -> list[tuple[int, int]]:
    """Where a phrase names its owner: the words before its head ("Syrian government forces") and what it is
    loyal to ("forces loyal to X"); never a modifying clause after the head ("the army, backed by Russian jets")."""
    return [(lo, document.tokens[head].start), *_loyal_to(document, head, children)]


def _phrase_country(document: Document, spans: list[tuple[int, int]], ctx: ActorContext) -> str | None:
    """The country a demonym or country name in the owner ``spans`` names, not a supporter's ("U.S.-backed"); a
    demonym inside an organisation's name ("Syrian government forces" tagged ORG) is no place mention, so the
    gazetteer's demonyms are read too."""
    text = document.text
    for a, b in spans:
        for k in range(a, b):
            if k in ctx.demonyms and not _SUPPORTER.match(text, k):
                return ctx.demonyms[k]
    for a, b in spans:
        for word in re.findall(r"[\w-]+", _SUPPORTER.sub(" ", text[a:b])):
            iso = ctx.nationalities.get(word.lower()) or _country_of_name(ctx, word)
            if iso:
                return iso
    for a, b in spans:  # a country named as the gazetteer reads it ("U.S. fighter jets", "UK troops")
        for (start, end), iso in ctx.country_spans.items():
            if a <= start and end <= b and not _SUPPORTER.match(text, start):
                return iso
    return None


_SUPPORTER = re.compile(r"[\w.'’]+-(?:backed|led|supported|trained|armed|allied|sponsored|made|built|manufactured|designed|supplied|era)\b", re.IGNORECASE)
THE_COUNTRIES = re.compile(r"^(?:United |Central African|Democratic Republic|Republic of|Czech Republic|Dominican "
                           r"Republic|Netherlands|Philippines|Gambia|Bahamas|Comoros|Maldives|Marshall Islands|Solomon "
                           r"Islands|Seychelles|Vatican|Palestinian Territor)")


def _loyal_to(document: Document, head: int, children: list[list[int]]) -> list[tuple[int, int]]:
    """"forces loyal to X", "supporters of X", "troops of X", "a strike by X": the span of X."""
    tokens = document.tokens
    out = []
    for c in children[head]:
        lemma = tokens[c].lemma.lower()
        if tokens[c].dep == "acl" and lemma in ALIGNED:  # "vehicles aligned with the Libyan opposition"
            for a in children[c]:
                if tokens[a].dep == "prep" and tokens[a].lemma.lower() in ("with", "to"):
                    for g in children[a]:
                        if tokens[g].dep == "pobj":
                            sub = [k for k in subtree(children, g) if k <= g]
                            out.append((tokens[min(sub)].start, tokens[g].end))
        elif tokens[c].dep == "amod" and lemma == "loyal" or (tokens[c].dep == "prep" and lemma in ("of", "from")):
            for g in subtree(children, c):
                if tokens[g].pos == "PROPN":
                    out.append((tokens[g].start, tokens[g].end))
        elif tokens[c].dep == "acl" and tokens[c].tag == "VBN" and tokens[c].lemma.lower() not in SUPPORT_VERBS:
            # "a checkpoint run by the SDF"; "the army, backed by Russian jets" is no Russian army
            for a in children[c]:
                if tokens[a].dep == "agent":
                    for g in children[a]:
                        if tokens[g].dep == "pobj":
                            sub = [k for k in subtree(children, g) if k <= g or tokens[k].dep in ("compound", "amod")]
                            out.append((tokens[min(sub)].start, tokens[g].end))
        elif tokens[c].dep == "prep" and lemma == "by":  # "an air strike by the US-led coalition": its operator
            for g in children[c]:
                if tokens[g].dep == "pobj":
                    sub = subtree(children, g)
                    sub = [k for k in sub if k <= g or tokens[k].dep in ("compound", "amod")]
                    out.append((tokens[min(sub)].start, tokens[g].end))
    return out


# "vehicles aligned with X", "the compound belonging to X"; "allied" (lemma "ally") names a supporter: SUPPORT_VERBS
ALIGNED = frozenset({"align", "affiliate", "link", "belong"})
SUPPORT_VERBS = frozenset({"back", "support", "assist", "aid", "help", "arm", "train", "fund", "finance", "sponsor",
                           "equip", "reinforce", "accompany", "join", "escort", "cover", "ally"})


def _owner_country(owner: tuple[str, str] | None) -> str | None:
    return owner[1] if owner and owner[0] in ("leader", "country") else None


def _from_owner(owner: tuple[str, str], ctx: ActorContext, phrase: str, event_country: str | None,
                nation: str | None = None) -> Participant | None:
    """``nation``: the country a demonym beside a cue word names ("Syrian government troops")."""
    how, value = owner
    if how == "group":
        inter = next((i for _p, c, i in ctx.lexicon.groups if c == value), 0)
        return Participant(name=_clean(phrase), canonical=value, type=inter)
    if how == "org":
        return Participant(name=_clean(phrase), canonical=value, type=0)
    if how == "leader" or (how == "country" and _head_word(phrase) in NATIONAL_HEADS):
        return _templated(ctx, "military", value, phrase, event_country)  # "Gadhafi's fighters", "Iraqi forces"
    if how == "country":
        return None  # "Syrian fighters": a nationality is no side
    return _templated(ctx, value, nation or event_country or ctx.document_country, phrase, event_country)


NATIONAL_HEADS = frozenset({"force", "forces", "unit", "units"})  # "Iraqi forces" are the state's; "Syrian fighters" are not


def _head_word(phrase: str) -> str:
    words = phrase.lower().split()
    return words[-1] if words else ""


def _operator(owner: tuple[str, str] | None, ctx: ActorContext, phrase: str, event_country: str | None,
              nation: str | None = None) -> Participant | None:
    """The party behind a weapon, vehicle or position, named by its canonical name (the phrase is the thing)."""
    if owner is None:
        return None
    if owner[0] == "country":  # "French jets": a state's weapons are its military's
        found = _templated(ctx, "military", owner[1], phrase, event_country)
    else:
        found = _from_owner(owner, ctx, phrase, event_country, nation)
    if found is None or not found.canonical:
        return found
    return Participant(name=found.canonical, entity=found.entity, canonical=found.canonical, type=found.type)


OPPOSITION_KINDS = ARMED_KINDS - STATE_KINDS - {"generic"}  # rebels, militias, unidentified armed groups


def _template_of(ctx: ActorContext, canonical: str | None) -> tuple[str, str] | None:
    """(kind, country name) of a name the dictionary's templates made ("Rebels (Tunisia)" → rebel, Tunisia;
    "Military Forces of the United States" → military, United States); None for any other name."""
    for kind, (template, _) in ctx.lexicon.templates.items():
        if "{country}" not in template:
            continue
        head, _, tail = template.partition("{country}")
        if canonical and canonical.startswith(head) and canonical.endswith(tail) and len(canonical) > len(head + tail):
            return kind, canonical[len(head):len(canonical) - len(tail)].removeprefix("the ")
    return None


def opposition_of_their_state(actors: tuple[Participant, ...], targets: tuple[Participant, ...],
                              ctx: ActorContext) -> tuple[tuple[Participant, ...], tuple[Participant, ...]]:
    """Unnamed rebels or gunmen fighting one state's forces are that state's armed opposition: an event placed
    across a border ("rebels holding a border post" in Tunisia against Libya's army) named them by the place's
    country ("Rebels (Tunisia)"). Named groups and protesters keep their names."""
    read = {id(p): _template_of(ctx, p.canonical) for p in (*actors, *targets)}
    states = {found[1] for p in (*actors, *targets)  # a state's own forces (inter 1), not one acting abroad
              if p.type == 1 and (found := read[id(p)]) and found[0] in STATE_KINDS}
    iso = _country_of_name(ctx, next(iter(states))) if len(states) == 1 else None
    if iso is None:
        return actors, targets

    def fix(p: Participant) -> Participant:
        found = read[id(p)]
        if not found or found[0] not in OPPOSITION_KINDS or found[1] in states:
            return p
        party = country_party(ctx, found[0], iso)
        return dataclasses.replace(p, canonical=party.canonical) if party else p

    return tuple(fix(p) for p in actors), tuple(fix(p) for p in targets)


def country_party(ctx: ActorContext, kind: str, iso: str | None) -> Participant | None:
    """The dictionary's party of ``kind`` for a country, named by convention, not read ("police" → "Police Forces
    of Egypt", "civilian" → "Civilians (Libya)"); None without a template or a country."""
    found = _templated(ctx, kind, iso, "", iso)
    return found if found.canonical else None


def _templated(ctx: ActorContext, kind: str, iso: str | None, phrase: str, event_country: str | None) -> Participant:
    template, inter = ctx.lexicon.templates.get(kind, ("", 0))
    country = ctx.country_name(iso)
    if country and template.startswith("{country}") is False and " of {country}" in template and THE_COUNTRIES.match(country):
        country = "the " + country  # "Military Forces of the United States"
    canonical = template.replace("{country}", country) if template and country else None
    if kind in STATE_KINDS and iso and event_country and iso != event_country:
        inter = EXTERNAL_INTER
    return Participant(name=_clean(phrase), canonical=canonical, type=inter)


# -- phrases -----------------------------------------------------------------------------------------------------
def phrase_bounds(tokens: Sequence[Token], i: int, children: list[list[int]]) -> tuple[int, int]:
    """Character span of the head and the modifiers just left of it (no determiners or clauses)."""
    first = i
    while first > 0 and _governed_by(tokens, first - 1, i) and (
            tokens[first - 1].dep in MODIFIER_DEPS - {"det", "punct", "advmod"} | {"case"}
            or tokens[first - 1].pos in ("PROPN", "ADJ") and tokens[first - 1].head == i):  # "NATO airstrikes" misparsed
        first -= 1
    while first > 1 and tokens[first - 1].dep == "punct" and _governed_by(tokens, first - 2, i) and (
            tokens[first - 2].dep in ("amod", "compound", "npadvmod")
            or tokens[first - 2].end == tokens[first - 1].start and tokens[first - 1].end == tokens[first].start):
        # "pro-Gadhafi": "pro", "-", "Gadhafi"; a word hyphenated without spaces is one word: "a 46-year-old man",
        # "the so-called Islamic State", never "year-old man" or "called Islamic State"
        first -= 2
    return tokens[first].start, tokens[i].end


def _governed_by(tokens: Sequence[Token], k: int, i: int) -> bool:
    for _ in range(4):
        if tokens[k].head == i:
            return True
        if tokens[k].head == k:
            return False
        k = tokens[k].head
    return False


def _head_phrase(document: Document, head: int, lo: int, lexicon: ActorLexicon) -> tuple[str, ...] | None:
    """The longest dictionary phrase ending at the head ("riot police", "armed men"), as lemmas."""
    tokens = document.tokens
    start = head
    while start > 0 and tokens[start - 1].start >= lo:
        start -= 1
    lemmas = [tokens[k].lemma.lower() for k in range(start, head + 1)]
    words = [document.text[tokens[k].start:tokens[k].end].lower() for k in range(start, head + 1)]
    for n in range(len(lemmas), 0, -1):
        for seq in (tuple(lemmas[-n:-1]) + (lemmas[-1],), tuple(words[-n:])):
            if seq in lexicon.nouns:
                return seq
    return None


def _mention_at(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    return next((m for m in mentions if m.start <= start and end <= m.end), None)


def _clean(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase).strip(" ,;:-")


def crowd(ctx: ActorContext, participant: Participant, event_class: str, where: str | None = None) -> Participant:
    """People who protest are protesters, people who riot are rioters (ACLED names crowds by what they do, and
    after the country where they gather: ``where``, the event's placed country, when known)."""
    if participant.type not in (VICTIM_INTER, 6, 5) or not participant.canonical:
        return participant
    kind = "rioter" if event_class in ("violent_demonstration", "mob_violence") else "protester"
    country = ctx.country_name(where) if where else None
    if not country and participant.canonical.endswith(")"):
        country = participant.canonical.rpartition("(")[2].rstrip(")")
    template, inter = ctx.lexicon.templates.get(kind, ("", participant.type or 0))
    canonical = template.replace("{country}", country) if template and country else participant.canonical
    return Participant(name=participant.name, entity=participant.entity, canonical=canonical, type=inter)


CROWD_TYPES = frozenset({5, 6})  # ACLED inter codes of rioters and protesters
MUTUAL = re.compile(r"\b(?:clash|fight|fought|battl|brawl|scuffl|skirmish|confront|exchang|trade)", re.IGNORECASE)
# else protesters; a crowd that loots or wrecks property rioted (ACLED: demonstrators who destroy are rioters)
CROWD_CLASSES = {"Violent demonstration": "violent_demonstration", "Mob violence": "mob_violence",
                 "Looting/property destruction": "violent_demonstration"}


def crowds_where_they_gathered(events: Sequence[Event], ctx: ActorContext) -> list[Event]:
    """ACLED names protesters, rioters and civilians after the country where the event took place: a record's
    crowds and civilians take its final country (a crowd described before the event's place was known, or in
    another telling of the incident, would carry the country the document is about; "four American journalists"
    held in Libya are civilians in Libya, their nationality is no party of the war)."""
    out = []
    for event in events:
        if event.country and any(p.type in CROWD_TYPES for p in (*event.actors, *event.targets)):
            event_class = CROWD_CLASSES.get(event.acled or "", "peaceful_protest")
            # a crowd the rioters fell upon ("supporters of the president attacked demonstrators") did not riot:
            # ACLED's second actor is protesters, unless the two crowds fought each other ("clashed with")
            attacked = "peaceful_protest" if event_class != "peaceful_protest" and not MUTUAL.search(event.trigger) \
                else event_class
            event = dataclasses.replace(event, actors=_crowds_in(ctx, event.actors, event_class, event.country),
                                        targets=_crowds_in(ctx, event.targets, attacked, event.country))
        if event.country and any(p.type == VICTIM_INTER for p in (*event.actors, *event.targets)):
            event = dataclasses.replace(event, actors=_civilians_in(ctx, event.actors, event.country),
                                        targets=_civilians_in(ctx, event.targets, event.country))
        out.append(event)
    return out


def _civilians_in(ctx: ActorContext, parties: tuple[Participant, ...], country: str) -> tuple[Participant, ...]:
    """``parties`` with the dictionary's civilians of any country as the civilians of ``country`` (a named group
    of civilians, e.g. a user's row with inter 7, keeps its name)."""
    here = country_party(ctx, "civilian", country)
    template = ctx.lexicon.templates.get("civilian", ("", 0))[0]
    if here is None or "{country}" not in template:
        return parties
    before, after = template.split("{country}", 1)
    return tuple(dataclasses.replace(p, canonical=here.canonical)
                 if p.type == VICTIM_INTER and p.canonical and p.canonical.startswith(before)
                 and p.canonical.endswith(after) else p for p in parties)


def _crowds_in(ctx: ActorContext, parties: tuple[Participant, ...], event_class: str,
               country: str | None) -> tuple[Participant, ...]:
    return tuple(crowd(ctx, p, event_class, country) if p.type in CROWD_TYPES else p for p in parties)


def with_crowd(ctx: ActorContext, actors: tuple[Participant, ...], event_class: str,
               country: str | None) -> tuple[Participant, ...]:
    """ACLED names a protest's actor 1 after the crowd ("Protesters (Jordan)"); the organisation that called it
    comes after, as an associated actor. A demonstration that names nobody still had a crowd: actor 1 is the
    country's protesters (rioters for a riot)."""
    if any(a.type in (5, 6) for a in actors):
        return actors
    crowd_actor = _crowd_of(ctx, event_class, country)
    if crowd_actor is None or any(a.type in (1, 8) for a in actors):
        return actors  # a protest whose only named party is a force: see crowd_against_force
    return (crowd_actor, *actors)


@cache
def event_nouns(language: str = "en") -> frozenset[str]:
    """The one-word nouns of the event lexicon that tell an event by themselves ("shelling", "clashes")."""
    words: set[str] = set()
    for rules in load_lexicon(language).rules.values():
        for rule in rules:
            if rule.pos in ("NOUN", "ANY") and len(rule.words) == 1 and rule.weight >= MIN_EVENT_WEIGHT:
                words.update((rule.words[0], rule.words[0] + "s", rule.words[0] + "es"))
    return frozenset(words)


def told_actors(actors: Sequence[Participant]) -> list[Participant]:
    """The actors the text names: a crowd added by convention (:func:`with_crowd`, no name) tells nothing about
    who acted, so it neither counts as evidence nor keeps two tellings of one incident apart."""
    return [a for a in actors if a.name or a.type not in (5, 6)]


def other_side(actors: Sequence[Participant], targets: Sequence[Participant]) -> tuple[Participant, ...]:
    """The targets that are not one of the actors: a party never acts on itself in one record ("Gadhafi's forces"
    and "Libya's army" both mean the state's forces; a second sentence's target may be the first one's actor).
    Rioters are the exception: two crowds can fight each other ("clashes between pro- and anti-government
    demonstrators": rioters against rioters)."""
    own = {key for a in actors if (key := party_key(a))}
    riot = bool(actors) and all(a.type == 5 for a in actors)
    return tuple(t for t in targets if party_key(t) not in own or (riot and t.type == 5))


def crowd_against_force(ctx: ActorContext, actors: tuple[Participant, ...], targets: tuple[Participant, ...],
                        event_class: str, country: str | None) -> tuple[tuple[Participant, ...], tuple[Participant, ...]]:
    """"Security forces fired tear gas to disperse the crowds": the force met a crowd the text does not name as a
    party; ACLED writes the crowd as actor 1 and the force as actor 2 ("soldiers beat demonstrators" too)."""
    crowds = tuple(t for t in targets if t.type in CROWD_TYPES)
    if actors and crowds and not any(a.type in CROWD_TYPES for a in actors):
        return crowds, (*actors, *(t for t in targets if t not in crowds))
    if not actors or any(p.type in (5, 6) for p in (*actors, *targets)) or not all(a.type in (1, 8) for a in actors):
        return actors, targets
    crowd_actor = _crowd_of(ctx, event_class, country)
    if crowd_actor is None:
        return actors, targets
    return (crowd_actor,), (*actors, *targets)


def _crowd_of(ctx: ActorContext, event_class: str, country: str | None) -> Participant | None:
    kind = "rioter" if event_class in ("violent_demonstration", "mob_violence") else "protester"
    template, inter = ctx.lexicon.templates.get(kind, ("", 0))
    name = ctx.country_name(country)
    if not template or not name:
        return None
    # No name: the text does not name this crowd (as with the police of an arrest nobody is said to have made)
    return Participant(name="", canonical=template.replace("{country}", name), type=inter)


def is_victim(participant: Participant) -> bool:
    return participant.type == VICTIM_INTER


def canonical_or_name(participant: Participant) -> str:
    return participant.canonical or participant.name


def names(participants: Iterable[Participant]) -> list[str]:
    return [canonical_or_name(p) for p in participants]
