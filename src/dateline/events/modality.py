"""Modality of an event mention: asserted, claimed, denied, hypothetical or planned.

Read from the trigger's own auxiliaries and negation, then from the verbs that govern it (up to
``MAX_HOPS`` heads): "denied carrying out the attack" (denied), "has previously claimed to shoot down"
(claimed), "could enter it later" / "is expected to take weeks" (hypothetical), "are to cut the
route" / "will launch" / "plans to" (planned). Cue words live in ``data/en/modality.tsv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from dateline.events.fatalities import RUNNING_TOTAL
from dateline.events.triggers import data_rows, subtree, verb_lemmas
from dateline.model import Token
from dateline.time.tense import set_as_an_act

ASSERTED = "asserted"
ABILITY = "ability"  # "able to": a past ability ("were able to") is an achievement, any other a possibility
ATTEMPT = "attempt"  # a cue ("tried to", "attempting to") whose own clause says whether the attempt was made
PRESUPPOSING = frozenset({"after", "follow", "amid", "since", "despite"})  # a preposition whose object has happened
MAX_HOPS = 4  # governing verbs examined; beyond that a cue belongs to another clause
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
PASS_THROUGH = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "nsubjpass", "nsubj", "advcl", "acomp", "attr", "conj"})


@cache
def modality_cues(language: str = "en") -> dict[tuple[str, str], str]:
    """(lemma, relation) → modality."""
    return {(r["lemma"], r["relation"]): r["modality"] for r in data_rows("modality.tsv", language)}


def governor_cue(lemma: str) -> str | None:
    """What a governing verb ``lemma`` makes of what it governs ("call", "plan": planned; "fear": hypothetical),
    None for none or for "asserted" ("managed to")."""
    cue = modality_cues().get((lemma, "governor"))
    return None if cue in (None, ASSERTED) else cue


GATHERING = frozenset({"take", "gather", "follow", "march", "pour", "flock", "turn", "assemble", "come", "converge",
                       "rally", "mass", "head", "return", "join", "fill", "crowd", "throng", "spill", "go", "walk"})


def event_modality(tokens: Sequence[Token], head: int, children: list[list[int]], *, protest: bool = False,
                   territory: bool = False) -> str:
    """The modality of the event whose trigger head is ``head``.

    ``protest``: the trigger is a protest; "took to the streets to protest", "gathered to demand" tell a protest
    that happened (the gathering is the protest), not a plan, so such a purpose clause defers to its governor.
    ``territory``: the trigger is a change of control; an attempt at it ("trying to take the city") is no capture,
    while an attempted act of violence is one ("tried to storm", "were attempting to bomb": ACLED codes the attack
    that was made), so the attempt's own auxiliaries decide ("will try to storm": planned)."""
    cues = modality_cues()
    current, via, previous = head, "", head
    for hop in range(MAX_HOPS + 1):
        # a verb coordinated with a verb shares its auxiliaries ("will regroup and shell"), not its meaning ("vowed
        # revenge and shelled the port": the shelling is no vow); a noun conjunct stays under the verb's meaning
        coordinated = via == "conj" and tokens[previous].pos == "VERB" and tokens[current].pos == "VERB"
        # a conjoined clause with its own subject is a sentence of its own: "fire could be heard, and mortars were
        # launched" launched mortars; what governs both clauses ("she said ...") still counts, one hop up
        independent = via == "conj" and any(tokens[c].dep in SUBJECT_DEPS for c in children[previous])
        found = None if independent else _local(tokens, current, children, cues, governor=hop > 0 and not coordinated,
                                                lemma_only=via in SUBJECT_DEPS, trigger=head)
        if found == ABILITY:  # "were able to take over": achieved; "may be able to", "are able to": not yet
            governor = tokens[current].head
            found = ASSERTED if governor != current and tokens[governor].tag == "VBD" else "hypothetical"
        if found == ATTEMPT:
            if territory:
                return "planned"
            found = _local(tokens, current, children, cues, governor=False, lemma_only=False)
        if found is not None:
            return found
        if hop > 0 and via == "pobj" and tokens[current].dep == "prep":
            found = _noun_complement(tokens, tokens[current].head, cues)
            if found is not None:
                return found
        if tokens[current].tag == "VBD" and any(tokens[c].dep == "mark" and tokens[c].lemma.lower() in PRESUPPOSING
                                                for c in children[current]):
            return ASSERTED  # "ordered banks closed after protests drove out the chairman": the protests took place
        if _in_case(tokens, current, children):
            return "hypothetical"  # "ready to lie flat in case they bombed again"
        token = tokens[current]
        if hop > 0 and token.dep == "prep" and token.tag in ("IN", "VBG") and token.lemma.lower() in PRESUPPOSING:
            return ASSERTED  # "will lift the emergency following protests": the protests took place
        if hop == 0 and _purpose(tokens, current, children) and not (protest and _protest_done(tokens, current)):
            return "planned"  # "launched an operation to retake the city"
        if token.head == current or token.dep not in PASS_THROUGH:
            break
        if _infinitive(tokens, token.head, children) and tokens[token.head].start > tokens[head].start:
            break  # "Protesters battle police ... to demand an end": a purpose clause parsed as the governor
        previous, current, via = current, token.head, token.dep
    return ASSERTED


OTHER_CLAUSES = frozenset({"conj", "cc", "advcl", "ccomp", "parataxis", "csubj", "acl", "relcl", "xcomp", "punct"})


# a count, a part or a stretch of an event is the event ("will launch a wave of attacks", "took part in the protests")
COUNT_NOUNS = frozenset({
    "wave", "series", "string", "spate", "round", "barrage", "volley", "hail", "flurry", "burst", "number", "dozen",
    "score", "hundred", "thousand", "day", "night", "week", "part", "start", "beginning", "kind", "type", "form", "act",
    "campaign", "spree", "bout", "incident", "case", "instance",
})
# a telling of an event is as sure as the telling ("denied reports of an attack")
TELLING_NOUNS = frozenset({
    "report", "claim", "allegation", "accusation", "rumor", "rumour", "account", "word", "news", "story", "evidence",
    "sign", "indication", "image", "footage", "video", "picture", "photo", "photograph",
})
# how far along an event is: what asks for its end or fears its return governs it ("demanding an end to air strikes")
ASPECT_NOUNS = frozenset({"end", "halt", "stop", "cessation", "ban", "moratorium", "suspension", "resumption", "return",
                          "escalation", "continuation", "renewal", "pause", "lull", "respite", "truce", "ceasefire"})
TRANSPARENT_NOUNS = COUNT_NOUNS | TELLING_NOUNS | ASPECT_NOUNS


def _noun_complement(tokens: Sequence[Token], noun: int, cues: dict[tuple[str, str], str]) -> str | None:
    """The modality of an event told inside a noun's complement ("an investigation into the detention", "at the
    time of the attack", "casualties from a clash"): the noun presupposes it, so what governs the noun ("urging an
    investigation", "was not home at the time") says nothing of the event: asserted. A noun of intent or fear
    says its own ("plans for an attack", "the threat of air strikes"); a count, a part or a report of the event
    is transparent (None: the governors above still decide)."""
    if not 0 <= noun < len(tokens) or tokens[noun].pos not in ("NOUN", "PROPN"):
        return None
    lemma = tokens[noun].lemma.lower()
    cue = cues.get((lemma, "noun")) or cues.get((lemma, "governor"))
    if cue is not None:
        return cue if cue not in (ABILITY, ATTEMPT) else None
    if lemma in TRANSPARENT_NOUNS:
        return None
    return ASSERTED


def _in_case(tokens: Sequence[Token], i: int, children: list[list[int]]) -> bool:
    """The clause of token ``i`` opens with "in case" (a precaution against what has not happened). Read from the
    words around the clause's first token: the parser attaches "in case" in several ways (a preposition and its
    noun before the clause, a marker inside it)."""
    if tokens[i].pos not in ("VERB", "AUX"):
        return False
    first, stack = i, [i]
    while stack:
        k = stack.pop()
        first = min(first, k)
        stack.extend(c for c in children[k] if tokens[c].dep not in OTHER_CLAUSES)

    def words(a: int) -> tuple[str, str]:
        return (tokens[a].lemma.lower(), tokens[a + 1].lemma.lower()) if a >= 0 and a + 1 < len(tokens) else ("", "")

    return ("in", "case") in (words(first - 2), words(first))


def _protest_done(tokens: Sequence[Token], i: int) -> bool:
    """A protest's purpose clause that tells the protest itself: under a gathering ("took to the streets to
    protest") or under any verb ("braved the rain to protest": the clause is the verb's purpose, and the verb's own
    modality, read next, says whether it happened)."""
    governor = tokens[tokens[i].head]
    return governor.lemma.lower() in GATHERING or (tokens[i].dep == "advcl" and governor.pos == "VERB")


def _infinitive(tokens: Sequence[Token], i: int, children: list[list[int]]) -> bool:
    return any(tokens[c].dep == "aux" and tokens[c].lemma.lower() == "to" for c in children[i])


def _purpose(tokens: Sequence[Token], i: int, children: list[list[int]]) -> bool:
    """A to-infinitive hanging from a noun or a clause ("an operation to retake", "in order to cut")."""
    has_to = any(tokens[c].dep == "aux" and tokens[c].lemma.lower() == "to" for c in children[i])
    return has_to and tokens[i].dep in ("acl", "advcl", "relcl")


def _local(
    tokens: Sequence[Token], i: int, children: list[list[int]], cues: dict[tuple[str, str], str], *, governor: bool, lemma_only: bool,
    trigger: int = -1,
) -> str | None:
    """A cue on token ``i``: its lemma (when it governs the trigger), auxiliaries, negation, markers, and on the
    trigger noun itself (``i == trigger``) an adjective of intent or chance ("the planned march").

    Above a subject ("the battle ... will not be a picnic") only the governing verb's own lemma
    counts ("the battle is expected to take weeks").
    """
    token = tokens[i]
    lemma = token.lemma.lower()
    if governor:
        cue = cues.get((lemma, "governor"))
        if cue is not None and not names_its_object(tokens, i, children) and not set_as_an_act(tokens, i, children[i]):
            return cue  # "asserted" too: "managed to enter" stops the search
        if lemma_only:
            return None
        if lemma in ("be", "go") and _has_to_infinitive(tokens, i, children):
            return cues.get((lemma, "aux-to")) or cues.get((lemma, "governor-to"))
    kids = children[i]
    if token.pos in ("NOUN", "PROPN") and i == trigger:  # "the planned march", "a possible attack": not (yet) one
        cue = next((m for c in kids if tokens[c].dep == "amod" for lemma in _modifier_lemmas(tokens[c])
                    if (m := cues.get((lemma, "modifier"))) is not None), None)
        if cue is not None:
            return cue
    aux = [tokens[c].lemma.lower() for c in kids if tokens[c].dep in ("aux", "auxpass")]
    if "be" in aux and "to" in aux and aux.index("be") < aux.index("to"):
        return cues.get(("be", "aux-to"))  # "are to cut the route"
    if any(tokens[c].dep == "neg" and not _focus(tokens, c) for c in kids) and token.pos in ("VERB", "AUX"):
        return "denied"
    for c in kids:
        dep, child_lemma = tokens[c].dep, tokens[c].lemma.lower()
        if dep == "aux":
            cue = cues.get((child_lemma, "aux"))
            if cue is not None:
                # "shelling could be heard", "could see smoke": a past perception, told as fact
                return ASSERTED if child_lemma == "could" and lemma in PERCEPTION else cue
        if dep == "mark":
            cue = cues.get((child_lemma, "mark"))
            if cue is not None:
                return cue
    return None


def _modifier_lemmas(token: Token) -> tuple[str, ...]:
    """The lemma of an adjective, and the verb lemma of a participle the tagger read as one ("planned" → "plan")."""
    lemma = token.lemma.lower()
    return (lemma, *verb_lemmas(lemma)) if token.pos == "ADJ" else (lemma,)


PERCEPTION = frozenset({"hear", "see", "feel", "smell", "watch", "spot"})


def names_its_object(tokens: Sequence[Token], i: int, children: list[list[int]]) -> bool:
    """The verb at ``i`` says what its object is ("calling the attack an escalation", "called the onslaught a
    massacre": an object predicate): it describes the event, it does not ask for it."""
    return any(tokens[c].dep == "oprd" for c in children[i])


FOCUS_ADVERBS = frozenset({"just", "only", "merely", "simply", "solely"})


def _focus(tokens: Sequence[Token], neg: int) -> bool:
    """"not just taking over the city", "not only shelled but ...": a negation that widens what it governs
    ("not only X but Y" tells X) denies nothing."""
    return neg + 1 < len(tokens) and tokens[neg + 1].lemma.lower() in FOCUS_ADVERBS


def _has_to_infinitive(tokens: Sequence[Token], i: int, children: list[list[int]]) -> bool:
    """"are to cut": a form of "be"/"go" governing an infinitive with "to"."""
    for c in children[i]:
        if tokens[c].dep == "xcomp" and any(tokens[g].lemma.lower() == "to" for g in children[c]):
            return tokens[i].lemma.lower() == "be" or tokens[i].tag == "VBG"
    return False


GENERIC_DETERMINERS = frozenset({"det", "poss", "nummod"})


def generic_statement(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """The trigger is a bare plural that a present-tense "be" says something of ("Attacks on journalists are
    unacceptable", "Protests are a right"): a statement about a kind of event, never one incident (EVENT_CODING.md:
    generic statements are no event records), unless its sentence names a place or a time ("clashes are heavy in
    Homs today": the caller checks that)."""
    token = tokens[head]
    if token.tag != "NNS" or token.dep != "nsubj":
        return False
    if any(tokens[c].dep in GENERIC_DETERMINERS for c in children[head]):
        return False  # "the attacks", "their protests", "two attacks": particular ones
    verb = tokens[token.head]
    return verb.lemma.lower() == "be" and verb.tag in ("VBZ", "VBP") and \
        any(tokens[c].dep in ("acomp", "attr") for c in children[token.head])


WH_WORDS = frozenset({"WDT", "WP", "WP$", "WRB"})
CLOSING = frozenset({'"', "'", "''", "”", "’", ")", "]"})
MAX_CLIMB = 50  # heads climbed from a question's last word to the verb it asks with


def asked_about(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """The trigger is in the clause a sentence ending in "?" asks: under the nearest verb above the sentence's last
    word whose auxiliary stands before its subject ("will you continue to protest?") or that a wh-word opens ("why
    are you detaining them?"). A summary line glued to a headline question ("... wounding twelve people Can the
    truce hold?") asks only its last clause."""
    sent, lo, hi = tokens[head].sent, head, head + 1
    while lo > 0 and tokens[lo - 1].sent == sent:
        lo -= 1
    while hi < len(tokens) and tokens[hi].sent == sent:
        hi += 1
    end = hi - 1
    while end > lo and (tokens[end].pos == "SPACE" or tokens[end].lemma in CLOSING):
        end -= 1
    if tokens[end].lemma != "?":
        return False
    current = next((i for i in range(end, lo - 1, -1) if tokens[i].pos not in ("PUNCT", "SPACE")), None)
    for _ in range(MAX_CLIMB):
        if current is None:
            return False
        kids = children[current]
        subject = next((c for c in kids if tokens[c].dep in ("nsubj", "nsubjpass", "expl")), None)
        inverted = subject is not None and (
            any(tokens[c].dep in ("aux", "auxpass") and c < subject for c in kids)
            or (tokens[current].lemma.lower() == "be" and current < subject))
        opened = any(tokens[c].tag in WH_WORDS and c < current for c in kids)
        if tokens[current].pos in ("VERB", "AUX") and (inverted or opened):
            return head in subtree(children, current)
        current = None if tokens[current].head == current else tokens[current].head
    return False


def gerund_activity(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """The trigger is a gerund that is its clause's subject, or the object of one ("Using nuclear blasts for
    peaceful ends was a plank of policy", "Shelling homes is a crime"): an activity named in general, no incident,
    unless the sentence names its day ("Bombing the bridges on Monday cut the city off": the caller checks)."""
    token = tokens[head]
    if token.tag == "VBG" and token.dep == "csubj":  # with an object of its own: "shelling, snipers are in the
        return any(tokens[c].dep in ("dobj", "obj") for c in children[head])  # east" is a headline's noun
    if token.dep not in ("dobj", "obj") or not 0 <= token.head < len(tokens):
        return False
    verb = tokens[token.head]
    return verb.tag == "VBG" and verb.dep == "csubj"


SINGULAR_SUBJECT_TAGS = frozenset({"NN", "NNP"})
SINGULAR_PRONOUNS = frozenset({"he", "she", "i"})


def protest_as_motive(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """The trigger is the "protest" of "in protest" on the act of one person ("the ambassador resigned in protest at
    the crackdown", "he set himself on fire in protest"): why someone acted, no demonstration. A crowd acting in
    protest ("shopkeepers closed their shops in protest") still protests."""
    token = tokens[head]
    if token.lemma.lower() != "protest" or token.dep != "pobj" or not 0 <= token.head < len(tokens):
        return False
    prep = tokens[token.head]
    if prep.lemma.lower() != "in" or not 0 <= prep.head < len(tokens) or tokens[prep.head].pos not in ("VERB", "AUX"):
        return False
    subjects = [c for c in children[prep.head] if tokens[c].dep in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(tokens[c].tag in SINGULAR_SUBJECT_TAGS or tokens[c].lemma.lower() in SINGULAR_PRONOUNS
                                  for c in subjects)


COMPARING = frozenset({"similar", "comparable", "analogous"})
REFERENCE_CLAUSES = frozenset({"advcl", "relcl", "acl", "pcomp"})


def compared_noun(tokens: Sequence[Token], i: int, children: list[list[int]]) -> bool:
    """The word at ``i`` is modified by "similar" (or "comparable", "analogous"): "similar protests"."""
    return any(tokens[c].dep == "amod" and tokens[c].lemma.lower() in COMPARING for c in children[i])


def compared_event(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """The trigger is a "similar" event the sentence compares its own news with, inside a preposition or a
    subordinate clause ("the march came after similar protests in a neighbouring country toppled its president",
    "rallies inspired by similar protests abroad"): colour, no incident (EVENT_CODING.md: comparisons). A similar
    event the sentence itself reports ("others reported similar protests in three towns", "similar protests took
    place in the port") stays one."""
    token = tokens[head]
    if not compared_noun(tokens, head, children):
        return False
    if token.dep == "pobj":
        return True
    if token.dep in ("nsubj", "nsubjpass", "dobj") and 0 <= token.head < len(tokens) and token.head != head:
        return tokens[token.head].dep in REFERENCE_CLAUSES
    return False


FREQUENCY = frozenset({"repeatedly", "routinely", "regularly", "frequently", "often", "constantly", "daily", "nightly",
                       "habitually", "periodically", "sometimes", "occasionally"})


def habitual_statement(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """A frequency adverb on the trigger, or on the verb whose object or subject a trigger noun is ("has repeatedly
    sent suicide car bombs against its lines", "militants routinely attack convoys"): a habit, no one incident
    (EVENT_CODING.md), unless the sentence names the day (the caller checks: "repeatedly shelled the town on
    Monday" is one day's shelling)."""
    verbs = [head]
    if tokens[head].pos in ("NOUN", "PROPN") and tokens[head].dep in ("dobj", "nsubj", "nsubjpass", "pobj"):
        verbs.append(tokens[head].head)
    if tokens[head].dep == "conj":  # "have taken over homes and simply shelled": the first verb's setting is shared
        verbs.append(tokens[head].head)
    return any((tokens[c].dep == "advmod" and tokens[c].lemma.lower() in FREQUENCY) or _in_earlier_ones(tokens, c, children)
               or _over_weeks(tokens, c, children) for v in verbs for c in children[v])


LONG_UNITS = frozenset({"week", "month", "year"})
RECENT = frozenset({"recent", "past", "last", "previous", "several", "few", "many"})


def _over_weeks(tokens: Sequence[Token], prep: int, children: list[list[int]]) -> bool:
    """"In recent weeks, thousands have taken to the streets", "over the past months", "violent at times": what the
    clause tells is spread over weeks or more, a summary of many days, no one incident (a day named in the sentence
    overrides it: the caller checks)."""
    if tokens[prep].dep != "prep":
        return False
    if tokens[prep].lemma.lower() == "at":  # "have gotten violent at times": now and then, over a period
        return any(tokens[g].dep == "pobj" and tokens[g].lemma.lower() == "time" and tokens[g].tag == "NNS"
                   and not children[g] for g in children[prep])
    if tokens[prep].lemma.lower() not in ("in", "over", "during", "throughout"):
        return False
    return any(tokens[g].dep == "pobj" and tokens[g].tag == "NNS" and tokens[g].lemma.lower() in LONG_UNITS and any(
        tokens[k].lemma.lower() in RECENT for k in children[g]) for g in children[prep])


def _many_times(tokens: Sequence[Token], c: int, children: list[list[int]]) -> bool:
    """"have been bombed at least four times", "shelled several times": ``c`` counts the act more than once (over
    a period, :func:`counted_over_a_period`; "shot ten times" alone counts the shots of one act)."""
    if tokens[c].lemma.lower() != "time" or tokens[c].tag != "NNS" or tokens[c].dep not in ("npadvmod", "advmod", "dobj"):
        return False
    return any(tokens[k].dep in ("nummod", "amod") and tokens[k].lemma.lower() not in ("one", "first", "last")
               for k in children[c])


EARLIER = frozenset({"previous", "past", "earlier", "prior"})


def _in_earlier_ones(tokens: Sequence[Token], prep: int, children: list[list[int]]) -> bool:
    """"In previous battles, ...", "during past offensives": what the clause tells happened again and again before,
    no one incident."""
    if tokens[prep].dep != "prep" or tokens[prep].lemma.lower() not in ("in", "during"):
        return False
    return any(tokens[g].dep == "pobj" and tokens[g].tag == "NNS" and any(
        tokens[k].dep == "amod" and tokens[k].lemma.lower() in EARLIER for k in children[g]) for g in children[prep])


QUANTITY_NOUNS = frozenset({"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands",
                            "number", "series", "wave", "string"})


MANY = frozenset({"dozen", "score", "hundred", "thousand"})  # as plural nouns: "hundreds of"


def counted_in_plenty(tokens: Sequence[Token], head: int) -> bool:
    """The trigger is a plural noun counted by a plural numeral ("hundreds of coalition air strikes", "dozens of
    raids"): told without a day of its own, a campaign's tally, no one incident (:func:`counted_over_a_period`
    needs no such numeral but a period cue)."""
    owner = _counted_by(tokens, head)
    return owner is not None and tokens[head].tag == "NNS" and owner.lemma.lower() in MANY and owner.tag == "NNS"


def _counted_by(tokens: Sequence[Token], head: int) -> Token | None:
    """The word that counts the trigger in "<count> of <trigger>" ("hundreds of strikes"), None otherwise."""
    token = tokens[head]
    if token.dep != "pobj" or not 0 <= token.head < len(tokens) or tokens[token.head].lemma.lower() != "of":
        return None
    of = tokens[token.head]
    return tokens[of.head] if 0 <= of.head < len(tokens) else None


def counted_over_a_period(tokens: Sequence[Token], head: int, children: list[list[int]], sentence: str) -> bool:
    """The trigger is a plural noun with a count ("hundreds of strikes", "3,981 sorties", "31 strikes"), or a verb
    done a number of times ("bombed four times"), in a sentence that counts over a period ("since the offensive
    began", "so far", "in the past week"): a campaign's running total, no one incident (EVENT_CODING.md:
    cumulative totals are no event records)."""
    token = tokens[head]
    if not RUNNING_TOTAL.search(sentence):
        return False
    if token.pos == "VERB":  # "over the last decade, trains have been bombed at least four times"
        return any(_many_times(tokens, c, children) for c in children[head])
    if token.tag != "NNS":
        return False
    if any(tokens[c].dep == "nummod" for c in children[head]):
        return True
    owner = _counted_by(tokens, head)
    # "one of the heaviest attacks on Tripoli so far" is one incident
    return owner is not None and (owner.lemma.lower() in QUANTITY_NOUNS or
                                  (owner.tag == "CD" and owner.lemma.lower() != "one"))


PLACING = frozenset({"lay", "plant", "place", "sow", "bury", "hide", "install", "rig", "lace", "booby-trap", "pack"})
DETONATION = frozenset({"explode", "detonate", "blast", "explosion", "blow", "kill", "wound", "injure", "destroy",
                        "hit", "strike", "damage", "die", "off"})


def placed_device(tokens: Sequence[Token], head: int, lo: int, hi: int) -> bool:
    """The trigger is a device a clause only places ("forces laying mines in the harbour", "planted a bomb under
    the car", "fields sown with mines") and nothing in the sentence ``tokens[lo:hi]`` sets it off: no explosion has
    happened (an explosive's record needs one; EVENT_CODING.md), whatever else the sentence tells (an interception,
    an arrest)."""
    token = tokens[head]
    if token.pos != "NOUN" or token.dep not in ("dobj", "pobj") or not 0 <= token.head < len(tokens):
        return False
    verb = token.head
    if token.dep == "pobj":  # "farmland sown with mines", "a car rigged with explosives"
        if tokens[verb].lemma.lower() != "with" or not 0 <= tokens[verb].head < len(tokens):
            return False
        verb = tokens[verb].head
    if tokens[verb].lemma.lower() not in PLACING:
        return False
    return not any(tokens[k].lemma.lower() in DETONATION for k in range(lo, hi))
