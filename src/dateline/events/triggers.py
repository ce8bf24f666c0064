"""The event lexicon (classes, trigger rules) and trigger matching over Dateline tokens.

Triggers are matched on lowercased lemmas (or surface forms) of consecutive tokens; a two-word verb
phrase also matches a verb and its particle ("shot the drone down"). A rule may require a context
word (any lemma within ``CONTEXT_WINDOW`` tokens in the same sentence, or among the trigger's
dependents) — that is how "fire" becomes a missile launch next to "missile" and a blaze elsewhere.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from lemminflect import getLemma

from dateline.model import Token
from dateline.time.tense import token_index

MIN_EVENT_WEIGHT = 0.5  # rule weight below which a trigger is evidence only ("operation", "war", a bare "killed")

CONTEXT_WINDOW = 8  # tokens each side; wide enough for "fired two missiles at", narrow enough to stay local
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN", "ADJ", "X"})  # spaCy tags some event nouns ADJ/X ("offensive")
AGENT = "AGENT"  # rows naming a perpetrator ("suicide bomber"): evidence for typing, an event only through its verb
# (:func:`_acting_agents`)
# verbs whose subject reacts to what their object names ("crowds protesting the arrest of an activist", "France
# criticized the air strikes", "accused soldiers of raping her"): that object is a grievance told beside the clause
REACTING = frozenset({"protest", "condemn", "denounce", "decry", "criticize", "criticise", "deplore", "mourn",
                      "investigate", "probe", "deny", "blame", "accuse", "oppose", "slam", "lament", "regret",
                      "commemorate"})


@dataclass(frozen=True, slots=True)
class EventClass:
    """One event class: a PLOVER type and mode, its ACLED sub-event type and CASE 2021 label."""

    key: str
    plover: str
    mode: str | None
    acled: str | None
    case: str
    emit: bool
    description: str = ""


@dataclass(frozen=True, slots=True)
class TriggerRule:
    words: tuple[str, ...]
    pos: str  # VERB | NOUN | ANY | AGENT
    cls: str
    weight: float
    context: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    classes: dict[str, EventClass]
    rules: dict[str, tuple[TriggerRule, ...]]  # first word → rules, longest phrase first

    def cls(self, key: str) -> EventClass:
        return self.classes[key]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matched trigger: its tokens, and the classes its rules allow, best first."""

    head: int  # index of the syntactic head token in Document.tokens
    indices: tuple[int, ...]  # token indices of the trigger words
    sent: int
    options: tuple[tuple[str, float], ...]  # (class key, rule weight)
    agent: bool = False  # evidence only: matched by AGENT rows, or a modifier ("grenade attack")
    modifies: int | None = None  # for a modifier: the token it modifies

    @property
    def best(self) -> str:
        return self.options[0][0]


def data_rows(name: str, language: str = "en") -> Iterator[dict[str, str]]:
    """Rows of a packaged TSV file (header row; ``#`` lines are comments)."""
    path = resources.files("dateline.events").joinpath("data", language, name)
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items() if k is not None}


@cache
def load_lexicon(language: str = "en") -> Lexicon:
    """Read ``classes.tsv`` and ``triggers.tsv`` for ``language``."""
    classes = {row["class"]: _event_class(row) for row in data_rows("classes.tsv", language)}
    by_first: dict[str, list[TriggerRule]] = {}
    for row in data_rows("triggers.tsv", language):
        rule = TriggerRule(
            words=tuple(row["trigger"].lower().split()),
            pos=row["pos"].upper() or "ANY",
            cls=row["class"],
            weight=float(row["weight"] or 0.5),
            context=frozenset(w for w in row.get("context", "").lower().split("|") if w),
        )
        if rule.cls not in classes:
            raise ValueError(f"triggers.tsv: unknown class '{rule.cls}' for '{row['trigger']}'")
        by_first.setdefault(rule.words[0], []).append(rule)
    rules = {k: tuple(sorted(v, key=lambda r: -len(r.words))) for k, v in by_first.items()}
    return Lexicon(classes=classes, rules=rules)


def _event_class(row: dict[str, str]) -> EventClass:
    return EventClass(
        key=row["class"],
        plover=row["plover"],
        mode=row["mode"] or None,
        acled=row["acled"] or None,
        case=row["case"],
        emit=row["emit"] == "yes",
        description=row.get("description", ""),
    )


def children_of(tokens: Sequence[Token]) -> list[list[int]]:
    """Dependents of every token (index lists), in text order."""
    children: list[list[int]] = [[] for _ in tokens]
    for i, token in enumerate(tokens):
        if token.head != i and 0 <= token.head < len(tokens):
            children[token.head].append(i)
    return children


def subtree(children: list[list[int]], i: int) -> list[int]:
    """Token ``i`` and everything it governs, in text order."""
    out, stack = [], [i]
    while stack:
        k = stack.pop()
        out.append(k)
        stack.extend(children[k])
    return sorted(out)


def own_clause(tokens: Sequence[Token], i: int, joined_as: frozenset[str] = frozenset({"conj"})) -> bool:
    """Token ``i`` is a verb joined to its head as ``joined_as`` (by default coordinated) with a subject of its own:
    a clause of its own ("troops shelled the town, and rebels attacked a post"; "eleven were killed in A, and one
    was killed in B")."""
    if tokens[i].dep not in joined_as or tokens[i].pos not in VERB_POS:
        return False
    return any(tokens[k].dep in ("nsubj", "nsubjpass") for k in token_index(tokens).children[i])


def word_forms(token: Token, text: str) -> tuple[str, ...]:
    """The forms a trigger rule's word may match: the parser's lemma, the surface form and, for a verb, the verb
    lemma of an English inflection table (the small parser lemmatizes "raped" as "rap" and leaves "retook")."""
    surface = text[token.start : token.end].lower()
    if token.pos != "VERB":
        return token.lemma.lower(), surface
    return token.lemma.lower(), surface, *verb_lemmas(surface)


@lru_cache(maxsize=65536)
def verb_lemmas(surface: str) -> tuple[str, ...]:
    """The verb lemmas of a word form by an English inflection table ("planned" → "plan")."""
    return tuple(getLemma(surface, upos="VERB"))


def match_sentence(
    text: str, tokens: Sequence[Token], children: list[list[int]], span: tuple[int, int], lexicon: Lexicon
) -> list[Candidate]:
    """All trigger candidates among tokens ``span[0]..span[1]-1`` (one sentence)."""
    lo, hi = span
    lemmas = [tokens[i].lemma.lower() for i in range(lo, hi)]
    used: set[int] = set()
    found: list[Candidate] = []
    for i in range(lo, hi):
        if i in used:
            continue
        for words, rules in _phrases_at(i, tokens, text, lexicon):
            indices = _match(words, i, tokens, text, children, hi)
            if indices is None:
                continue
            candidate = _candidate(indices, rules, tokens, children, lemmas, lo)
            if candidate is not None:
                found.append(candidate)
                used.update(indices)
                break
    found = _no_fight_with_a_disaster(found, tokens, children, lexicon)
    found = _no_act_of_a_disaster(found, tokens, children, lexicon)
    return found + _acting_agents(found, tokens, children)


DISASTERS = frozenset({"natural_disaster", "man_made_disaster"})
STRUGGLE_CLASSES = frozenset({"armed_clash"})


def _no_fight_with_a_disaster(found: list[Candidate], tokens: Sequence[Token], children: list[list[int]],
                              lexicon: Lexicon) -> list[Candidate]:
    """"Crews fought two apartment fires", "battling the blaze", "fighting the floods": a struggle whose object is a
    disaster (a noun whose own trigger rules are all disasters) is no clash between armed sides, and the disaster
    it fights is no weapons fire the detector may retype ("heavy fire" is): both words leave the sentence's
    triggers."""
    dropped: set[int] = set()
    for candidate in found:
        if tokens[candidate.head].pos not in VERB_POS or \
                not any(cls in STRUGGLE_CLASSES for cls, _ in candidate.options):
            continue
        for c in children[candidate.head]:
            rules = [r for r in lexicon.rules.get(tokens[c].lemma.lower(), ()) if r.pos in ("NOUN", "ANY")]
            if tokens[c].dep in ("dobj", "obj") and c not in candidate.indices and rules and \
                    all(r.cls in DISASTERS for r in rules):  # not the trigger's own word ("opened fire")
                dropped.update((candidate.head, c))
    return [c for c in found if c.head not in dropped] if dropped else found


def _is_disaster(i: int, tokens: Sequence[Token], lexicon: Lexicon) -> bool:
    """Token ``i`` is a disaster noun: every trigger rule of its lemma is a disaster ("earthquake", "hurricane")."""
    rules = [r for r in lexicon.rules.get(tokens[i].lemma.lower(), ()) if r.pos in ("NOUN", "ANY")]
    return tokens[i].pos in ("NOUN", "PROPN") and bool(rules) and all(r.cls in DISASTERS for r in rules)


def _no_act_of_a_disaster(found: list[Candidate], tokens: Sequence[Token], children: list[list[int]],
                          lexicon: Lexicon) -> list[Candidate]:
    """"A strong earthquake struck the town", "the coast was hit by a hurricane": a verb whose doer is a disaster
    (its subject, or the agent of its passive) tells the disaster, not a strike or an attack; the verb leaves the
    sentence's triggers and the disaster noun stays its own trigger."""
    dropped: set[int] = set()
    for candidate in found:
        head = candidate.head
        if tokens[head].pos not in VERB_POS or all(cls in DISASTERS for cls, _ in candidate.options):
            continue
        doers = [c for c in children[head] if tokens[c].dep in ("nsubj", "csubj")]
        doers += [g for c in children[head] if tokens[c].dep == "agent" for g in children[c]
                  if tokens[g].dep == "pobj"]
        if any(_is_disaster(d, tokens, lexicon) for d in doers):
            dropped.add(head)
    return [c for c in found if c.head not in dropped] if dropped else found


# verbs of saying, thinking, wanting and being: what a perpetrator does with them is no incident ("rioters said",
# "protesters want", "gunmen were")
NOT_AN_ACT = frozenset({
    "say", "tell", "report", "announce", "add", "state", "confirm", "claim", "insist", "deny", "allege", "warn",
    "vow", "threaten", "pledge", "promise", "plan", "intend", "want", "wish", "need", "hope", "expect", "believe",
    "think", "fear", "worry", "know", "seem", "appear", "be", "have", "become", "remain", "stay", "call", "urge",
    "ask", "accuse", "blame", "condemn", "welcome", "support", "agree", "refuse", "reject", "decide", "try",
    "attempt", "prepare", "wait", "await", "include", "number", "describe", "speak", "write",
    "post", "tweet", "see", "hear", "watch", "look", "feel",
})


ACTING_AGENT = 0.8  # AGENT rows this strong name the act itself: a rioter riots, a looter loots; a protester or a
# gunman may do anything ("protesters hid journalists", "gunmen fled")


def _acting_agents(found: list[Candidate], tokens: Sequence[Token], children: list[list[int]]) -> list[Candidate]:
    """A perpetrator noun that names its act (weight ≥ :data:`ACTING_AGENT`) and did something ("rioters smashed
    shop windows", "looters stripped the museum") tells its incident through the verb it is the subject of, when that
    verb is in the past tense, tells an act (:data:`NOT_AN_ACT`) and neither is nor governs a trigger of its own: the
    verb becomes a trigger of the noun's classes."""
    taken = {i for c in found if not c.agent for i in c.indices}
    out: list[Candidate] = []
    for candidate in found:
        if not candidate.agent or candidate.modifies is not None or candidate.options[0][1] < ACTING_AGENT:
            continue
        noun = tokens[candidate.head]
        verb = noun.head
        if noun.dep != "nsubj" or verb in taken or tokens[verb].pos != "VERB" or tokens[verb].tag != "VBD":
            continue
        if tokens[verb].lemma.lower() in NOT_AN_ACT or any(c in taken for c in children[verb]):
            continue
        taken.add(verb)
        out.append(Candidate(head=verb, indices=(verb,), sent=candidate.sent, options=candidate.options))
    return out


def _phrases_at(i: int, tokens: Sequence[Token], text: str, lexicon: Lexicon) -> list[tuple[tuple[str, ...], list[TriggerRule]]]:
    """Rules whose first word is this token's lemma or surface form, grouped by phrase, longest first."""
    grouped: dict[tuple[str, ...], list[TriggerRule]] = {}
    for form in dict.fromkeys(word_forms(tokens[i], text)):
        for rule in lexicon.rules.get(form, ()):
            grouped.setdefault(rule.words, []).append(rule)
    return sorted(grouped.items(), key=lambda kv: -len(kv[0]))


def _match(
    words: tuple[str, ...], i: int, tokens: Sequence[Token], text: str, children: list[list[int]], hi: int
) -> tuple[int, ...] | None:
    if i + len(words) <= hi and all(
        w in word_forms(tokens[i + k], text) for k, w in enumerate(words)
    ):
        return tuple(range(i, i + len(words)))
    if len(words) == 2 and tokens[i].pos in VERB_POS:
        for c in children[i]:
            if tokens[c].dep in ("prt", "dobj", "dative", "attr", "acomp") and words[1] in word_forms(tokens[c], text):
                return (i, c)  # "shot the drone down", "took control", "set ablaze"
            if tokens[c].dep == "prep" and tokens[c].lemma.lower() == "on":
                for g in children[c]:  # "set the station on fire": the phrase's noun after "on"
                    if tokens[g].dep == "pobj" and words[1] in word_forms(tokens[g], text):
                        return (i, g)
    return None


def _candidate(
    indices: tuple[int, ...],
    rules: list[TriggerRule],
    tokens: Sequence[Token],
    children: list[list[int]],
    lemmas: list[str],
    lo: int,
) -> Candidate | None:
    head = _phrase_head(indices, tokens)
    token = tokens[head]
    modifier = token.dep in ("compound", "amod", "nmod") and token.pos != "VERB"
    window = set(lemmas[max(0, indices[0] - lo - CONTEXT_WINDOW) : indices[-1] - lo + CONTEXT_WINDOW + 1])
    window.update(tokens[c].lemma.lower() for c in children[head])
    subject = _subject_lemmas(tokens, head, children)
    options: dict[str, float] = {}
    agent_only = True
    objects = any(tokens[c].dep in ("dobj", "obj", "nsubjpass", "auxpass") and not _misread_place(tokens, c, children)
                  for c in children[head])  # done to someone
    grievance = reacted_to(tokens, head)
    for rule in rules:
        if not _pos_ok(rule.pos, token.pos, objects) or not _context_ok(rule.context, window, subject):
            continue
        if rule.context and grievance:  # the reacting clause's words ("protesters") are no setting of what they protest
            continue
        weight = rule.weight + (0.05 if rule.context else 0.0)  # a satisfied context is more specific
        options[rule.cls] = max(options.get(rule.cls, 0.0), weight)
        agent_only = agent_only and rule.pos == AGENT
    if not options:
        return None
    ranked = tuple(sorted(options.items(), key=lambda kv: -kv[1]))
    if modifier:  # "attack helicopters", "grenade attack": evidence for the word it modifies, not an event
        return Candidate(head=head, indices=indices, sent=token.sent, options=ranked, agent=True, modifies=token.head)
    return Candidate(head=head, indices=indices, sent=token.sent, options=ranked, agent=agent_only)


# prepositions the tagger sometimes reads as adjectives of the noun after them ("rallied outside parliament": parsed
# as an object "parliament" with an adjective "outside")
PLACE_PREPOSITIONS = frozenset({"outside", "inside", "near", "around", "across", "along", "beside", "opposite"})


def _misread_place(tokens: Sequence[Token], i: int, children: list[list[int]]) -> bool:
    """An object that is really a preposition's: a place preposition before it is tagged as its adjective."""
    return any(tokens[c].dep == "amod" and c < i and tokens[c].lemma.lower() in PLACE_PREPOSITIONS for c in children[i])


def reacted_to(tokens: Sequence[Token], head: int) -> bool:
    """Whether a nominal is what a reacting verb's subject protests, condemns or blames ("protested the arrest",
    "accused soldiers of raping her")."""
    token = tokens[head]
    governor = token.head
    if token.dep in ("pobj", "pcomp") and tokens[governor].dep == "prep":
        governor = tokens[governor].head  # "protested against the arrest", "accused them of raping"
    elif token.dep not in ("dobj", "obj"):
        return False
    return governor != head and tokens[governor].pos in VERB_POS and tokens[governor].lemma.lower() in REACTING


def _context_ok(context: frozenset[str], window: set[str], subject: set[str]) -> bool:
    """Plain context words match the window; ``@`` words must be in the trigger's subject ("@army")."""
    if not context:
        return True
    plain = {w for w in context if not w.startswith("@")}
    actor = {w.lstrip("@") for w in context if w.startswith("@")}
    return bool(plain & window or actor & subject)


def _subject_lemmas(tokens: Sequence[Token], head: int, children: list[list[int]]) -> set[str]:
    """Lemmas of the subject (or passive "by" agent) phrases of a verb, climbing ``xcomp``/``advcl``."""
    current, lemmas = head, set()
    for _ in range(3):
        for c in children[current]:
            dep = tokens[c].dep
            if dep in ("nsubj", "agent", "poss", "compound", "amod") or (dep == "prep" and tokens[c].lemma.lower() == "by"):
                stack = [c]
                while stack:
                    k = stack.pop()
                    lemmas.add(tokens[k].lemma.lower())
                    stack += children[k]
        if lemmas or tokens[current].dep not in ("xcomp", "advcl", "acl", "conj") or tokens[current].head == current:
            break
        current = tokens[current].head
    return lemmas


def _pos_ok(rule_pos: str, pos: str, objects: bool = False) -> bool:
    if rule_pos == "VERB":
        return pos in VERB_POS
    if rule_pos == "IVERB":  # a verb used without a direct object ("crowds rallied", not "he rallied supporters")
        return pos in VERB_POS and not objects
    if rule_pos == "TVERB":  # a verb done to someone: an object or the passive ("police dispersed the crowd", "the
        return pos in VERB_POS and objects  # crowd was dispersed"; not "the marchers dispersed peacefully")
    if rule_pos in ("NOUN", AGENT):
        return pos in NOUN_POS
    return True


def _phrase_head(indices: tuple[int, ...], tokens: Sequence[Token]) -> int:
    """The token of the phrase whose head lies outside it (the last one as a fallback)."""
    inside = set(indices)
    for i in indices:
        if tokens[i].head not in inside or tokens[i].head == i:
            return i
    return indices[-1]
