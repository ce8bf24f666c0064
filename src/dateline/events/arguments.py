"""Actors and targets of a trigger, read from the dependency parse.

Verbal triggers: the subject acts on the object ("Isis shot down a helicopter"); in the passive the
"by" agent acts on the subject ("the helicopter was hit by a rocket"). A verb with no subject of its
own borrows the one of the verb it hangs from ("..., killing two pilots"; "managed to enter").
Nominal triggers: possessors, demonyms and "by" phrases act ("Israeli air strikes", "an attack by
militants"); "on"/"against"/"for" phrases are targets ("the battle for Falluja"); a nominal that is
the object of a light verb takes that verb's subject ("the army started the offensive").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from dateline.events.actors import (
    ARMED_PARTIES,
    CROWD_TYPES,
    FIRST_PERSON,
    ActorContext,
    country_party,
    describe,
    is_victim,
    party_key,
    phrase_bounds,
)
from dateline.events.modality import COUNT_NOUNS, names_its_object
from dateline.events.triggers import REACTING, subtree
from dateline.events.where import FINITE_TAGS, SAYING, SPEAKING
from dateline.model import Document, Participant, Token
from dateline.time.tense import governing_verb, token_index

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
# modifiers that name an armed side whatever the noun ("a rebel formation", "an army column"); not "interior" or
# "government", which also qualify people and offices ("the former interior minister", "a government official")
ARMED_CUES = frozenset({"rebel", "opposition", "insurgent", "army", "military", "loyalist", "militia", "rebel-held"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
INHERIT_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "ccomp"})
TARGET_PREPS = frozenset({"on", "against", "for", "at", "into", "in", "with"})
VERB_TARGET_PREPS = frozenset({"on", "against", "at", "with", "upon", "into", "toward", "towards"})
BY = frozenset({"by"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
# objects that are the weapon, not the target ("fired tear gas at protesters")
INSTRUMENTS = frozenset({"rocket", "missile", "shell", "mortar", "bomb", "mine", "bullet", "grenade", "explosive", "ied",
                         "airstrike", "strike", "attack", "blast", "explosion", "fire", "gunfire", "gas", "cannon",
                         "shot", "round", "ammunition", "weapon", "salvo", "barrage", "volley"})
RECIPROCAL = frozenset({"clash", "fight", "battle", "skirmish", "scuffle", "brawl"})  # "X and Y clashed": two sides
SETTING_PREPS = frozenset({"in", "near", "at", "on", "outside", "inside", "around", "across", "along", "over", "during",
                           "after", "before", "throughout", "since", "until"})  # where and when, not against whom
MAX_CLIMB = 3  # head hops when a trigger borrows its subject from a governing verb


@dataclass(frozen=True, slots=True)
class Arguments:
    actors: tuple[Participant, ...] = ()
    targets: tuple[Participant, ...] = ()
    target_lemma: str = ""  # lemma of the first target's head ("helicopter"): ties mentions of one incident
    subject_text: str = ""  # the grammatical subject even when it is no participant ("the offensive" began)
    unread_doer: bool = False  # the clause names a doer the dictionary cannot read ("shelled by the aggressors")


def find_arguments(document: Document, head: int, children: list[list[int]], trigger: Sequence[int],
                   excluded: frozenset[int] | set[int], ctx: ActorContext, *, event_country: str | None = None,
                   violent: bool = False, protest: bool = False, crowd_acts: bool = False, fact: bool = True,
                   folded: Sequence[int] = ()) -> Arguments:
    """Actors and targets of the trigger whose head token is ``head`` (``trigger``: all its token indices).

    Every phrase goes through the actor dictionary (:func:`dateline.events.actors.describe`): fragments are
    dropped, pronouns resolved, canonical names and ``inter`` codes filled, a weapon stands for its operator
    ("NATO airstrikes hit ..." → NATO), and victims of ``violent`` events are never actors. ``excluded`` tokens
    (other triggers, time expressions) are participants only when they are nouns the dictionary can read. Only an
    event told as ``fact`` sets its parties against each other for the rest of the document (a plan or a threat
    names a party's enemy but does not make a battle's sides). ``folded``: the heads of triggers folded into this
    one, whose side words may name the doer ("explosions from the NATO airstrike"). ``crowd_acts``: the trigger is
    the crowd's own act (a protest, a riot), so a pronoun subject never stands for an armed party.
    """
    tokens = document.tokens
    pair = _between(tokens, head, children)
    if pair:
        actor_heads, target_heads = [pair[0]], [pair[1]]
    elif tokens[head].pos in ("VERB", "AUX"):
        actor_heads, target_heads = _verb_arguments(tokens, head, children)
        if tokens[head].lemma.lower() in DYING_VERBS:  # "two medics died in the airstrike": who died was hit
            actor_heads, target_heads = [], actor_heads + target_heads
    else:
        actor_heads, target_heads = _noun_arguments(tokens, head, children)
    target_heads = [i for i in target_heads if i not in trigger]  # "started the offensive": no target "offensive"
    if not target_heads and tokens[head].pos in ("VERB", "AUX") and not pair:  # "fired missiles on a rebel unit"
        target_heads = _prep_objects(tokens, head, children)
    subject_heads = [i for i in actor_heads if i in excluded and _nominal(tokens[i])]
    actor_heads = [i for i in actor_heads if i not in excluded or _nominal(tokens[i])]
    target_heads = [i for i in target_heads if i not in excluded or _nominal(tokens[i])]
    sentence = tokens[head].sent
    actors = _described(document, actor_heads, children, ctx, event_country, sentence, "actor")
    if crowd_acts and actor_heads and all(tokens[i].pos == "PRON" for i in actor_heads) and \
            actors and all(a.type in ARMED_PARTIES for a in actors):
        actors = ()  # "attacked protesters as they were demonstrating": the last armed party named did not protest
    unread = bool(actor_heads) and not actors and not any(
        ctx.lexicon.nouns.get((tokens[i].lemma.lower(),)) == "weapon" or i in excluded for i in actor_heads)
    if not actors and actor_heads:
        actors = _reporting_operator(document, actor_heads[0], children, ctx, event_country, sentence)
    if not actors and violent:  # "rocket attacks launched by X hit the market", "died in attacks by X"
        actors = next((found for noun in _event_nouns(tokens, head, actor_heads, children, excluded)
                       if (found := _described(document, _noun_arguments(tokens, noun, children)[0], children, ctx,
                                               event_country, sentence, "actor"))), ())
    if not actors and violent:  # "explosions from the NATO airstrike": the folded trigger names its operator
        actors = next((found for noun in folded if tokens[noun].pos in ("NOUN", "PROPN")
                       and (found := _named_operator(document, noun, children, ctx, event_country, sentence))), ())
    if not actors and violent:  # "heavy government shelling", "rebel attacks killed two soldiers"
        nominal = [head] if tokens[head].pos not in ("VERB", "AUX") or tokens[head].dep == "acl" else []
        # a subject's side word speaks for the subject only when it is an act or a force ("rebel attacks killed",
        # "government tanks shelled"), not an outlet or a speaker ("state TV cut to airstrikes")
        nouns = nominal + [i for i in actor_heads if tokens[i].pos == "NOUN"
                           and (i in excluded or (tokens[i].lemma.lower(),) in ctx.lexicon.nouns)]
        actors = next((side for noun in nouns if (side := _side_modifier(document, noun, children, ctx, event_country))), ())
    targets = _described(document, target_heads, children, ctx, event_country, sentence, "target")
    if not targets or {party_key(t) for t in targets} <= {party_key(a) for a in actors}:
        targets = _antecedent(document, target_heads, head, children, ctx, event_country, sentence, actors) or targets
    if violent and not targets and tokens[head].dep == "advcl" and tokens[head].tag == "VBG":
        targets = _described(document, _governor_targets(tokens, head, children), children, ctx, event_country,
                             sentence, "target")  # "fired at three Libyan boats, destroying one": the boats
    if violent and not targets:  # "fired missiles on a rebel formation", "hit an army column": the armed side named
        targets = next((side for t in target_heads if tokens[t].pos == "NOUN"
                        and (side := _side_modifier(document, t, children, ctx, event_country, ARMED_CUES))), ())
    if not targets and len(actors) == 2 and _reciprocal(tokens, head, children):
        actors, targets = actors[:1], actors[1:2]  # "police and protesters clashed": the two sides
    if violent and actors and not targets:
        hit = target_heads + _participle_objects(tokens, head, children)  # "..., destroying 14 tanks"
        targets = _assets_of_opponent(document, hit, ctx, actors[0], sentence)
    keys = {(t.canonical or t.name) for t in targets}
    actors = tuple(a for a in actors if (a.canonical or a.name) not in keys) or actors
    if protest and not any(a.type in CROWD_TYPES for a in actors) and any(t.type in CROWD_TYPES for t in targets):
        actors, targets = targets, actors  # ACLED: protesters are actor 1, the force that met them actor 2
    if violent and any(is_victim(a) for a in actors):
        victims = tuple(a for a in actors if is_victim(a))
        actors = tuple(a for a in actors if not is_victim(a))
        # "two civilians died in the shelling": the dead are its targets; "the driver of a minibus detonated his
        # explosives" did the act: never actor 1 (no party ACLED names) nor the target
        if not _acts_on_an_object(tokens, head, actor_heads, children):
            targets = targets or victims
    for actor in actors:
        ctx.remember(sentence, actor)
    if violent and fact:
        ctx.remember_adversaries(actors, targets)
    return Arguments(
        actors=actors, targets=targets,
        target_lemma=tokens[target_heads[0]].lemma.lower() if target_heads else "",
        subject_text=_phrase_text(document, subject_heads[:1], children),
        unread_doer=unread and not actors,
    )


def _reciprocal(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """A reciprocal verb used on its own ("X and Y clashed"), not against a third party ("the army and its allies
    are battling to dislodge the jihadists", "... fought the rebels", "... clashed with police")."""
    if tokens[head].lemma.lower() not in RECIPROCAL:
        return False
    return not any(tokens[c].dep in ("dobj", "obj", "xcomp", "ccomp", "advcl")
                   or (tokens[c].dep == "prep" and tokens[c].lemma.lower() not in SETTING_PREPS)
                   for c in children[head])


def _antecedent(document: Document, target_heads: list[int], head: int, children: list[list[int]], ctx: ActorContext,
                event_country: str | None, sentence: int, actors: tuple[Participant, ...]) -> tuple[Participant, ...]:
    """"Garyan had been taken by rebels but loyalists were shelling them": a plural pronoun object that names no
    one else is the nearest plural party named before it in the sentence that is not the actor."""
    tokens = document.tokens
    pronoun = next((i for i in target_heads if tokens[i].pos == "PRON"
                    and document.text[tokens[i].start:tokens[i].end].lower() in ("them", "they")), None)
    if pronoun is None:
        return ()
    own = {party_key(a) for a in actors}
    for k in range(pronoun - 1, -1, -1):
        if tokens[k].sent != tokens[head].sent:
            break
        if tokens[k].tag in ("NNS", "NNPS") and tokens[k].dep not in ("compound", "amod"):
            found = describe(document, k, children, ctx, event_country=event_country, sentence=sentence, role="target")
            if found is not None and found.canonical and party_key(found) not in own:
                return (found,)
    return ()


def _named_operator(document: Document, noun: int, children: list[list[int]], ctx: ActorContext,
                    event_country: str | None, sentence: int) -> tuple[Participant, ...]:
    """The party a weapon phrase names as its operator ("the NATO airstrike"), never a fragment ("Grad rockets")
    nor an unknown group ("sniper fire")."""
    found = _described(document, [noun], children, ctx, event_country, sentence, "actor")
    named = found and found[0].canonical and found[0].type and not found[0].canonical.startswith("Unidentified")
    return found if named else ()


def _side_modifier(document: Document, head: int, children: list[list[int]], ctx: ActorContext,
                   event_country: str | None, words: frozenset[str] | None = None) -> tuple[Participant, ...]:
    """A nominal trigger whose modifier says which side did it ("heavy government shelling", "rebel attacks"):
    that side's party of the country. ``words``: only these modifiers count."""
    tokens = document.tokens
    sides = [c for c in children[head] if tokens[c].dep in ("amod", "compound")]
    if tokens[head].dep == "acl" and tokens[head].head == head - 1:
        sides.append(head - 1)  # the same words parsed as a noun with a participle: "government" + "shelling"
    for c in sides:
        if words is not None and tokens[c].lemma.lower() not in words:
            continue
        kind = ctx.lexicon.cues.get(tokens[c].lemma.lower())
        party = country_party(ctx, kind, event_country or ctx.document_country) if kind else None
        if party is not None:
            return (replace(party, name=document.text[tokens[c].start:tokens[c].end]),)
    return ()


OPERATORS = frozenset({1, 8})  # state and foreign forces: the parties that report their own aircraft's strikes
# devices planted, driven or thrown, not fired: "a car bomb killed nine, the army said" is no army strike
PLANTED = frozenset({"bomb", "mine", "landmine", "explosive", "explosives", "device", "ied", "grenade"})


def _reporting_operator(document: Document, head: int, children: list[list[int]], ctx: ActorContext,
                        event_country: str | None, sentence: int) -> tuple[Participant, ...]:
    """"The coalition said aircraft had destroyed three boats": a weapon whose operator the clause does not name is
    the reporting force's, when that force is a state's or a foreign military (a rebel spokesman's "jets bombed"
    are the enemy's). "A spokesman for the rebels said fighters attacked ...": a bare armed word ("fighters",
    "forces", "units") a party's own spokesman uses is that party's, whatever its kind."""
    lemma = document.tokens[head].lemma.lower()
    kind = ctx.lexicon.nouns.get((lemma,))
    if kind not in ("weapon", "generic") or lemma in PLANTED:
        return ()
    speaker = _speaker(document.tokens, head)
    if speaker is None:
        return ()
    wanted = OPERATORS if kind == "weapon" else ARMED_PARTIES
    for k in _speaker_words(document.tokens, speaker, children):
        found = describe(document, k, children, ctx, event_country=event_country, sentence=sentence, role="actor")
        if found is not None:
            return (found,) if found.type in wanted else ()
    return ()


def _speaker_words(tokens: Sequence[Token], speaker: int, children: list[list[int]]) -> list[int]:
    """The speaker and the words that say whom the speaker speaks for: "Mostafa Bozen, a spokesman for the rebels"
    (the apposition and its "for"/"of" object), "a rebel spokesman", "army spokesman" (its modifiers)."""
    out = [speaker]
    heads = [speaker] + [c for c in children[speaker] if tokens[c].dep == "appos"]
    for h in heads:
        out += [c for c in children[h] if tokens[c].dep in ("compound", "amod") and c != speaker]
        if h != speaker:
            out.append(h)
        out += [g for c in children[h] if tokens[c].dep == "prep" and tokens[c].lemma.lower() in ("for", "of")
                for g in children[c] if tokens[g].dep == "pobj"]
    return list(dict.fromkeys(out))


def _participle_objects(tokens: Sequence[Token], head: int, children: list[list[int]]) -> list[int]:
    """Objects of a participle clause that tells what the event did ("hit the city, destroying 14 tanks")."""
    return [g for c in children[head] if tokens[c].dep == "advcl" and tokens[c].tag == "VBG"
            for g in children[c] if tokens[g].dep == "dobj"]


def _assets_of_opponent(document: Document, heads: list[int], ctx: ActorContext, actor: Participant,
                        sentence: int) -> tuple[Participant, ...]:
    """"NATO jets destroyed two tanks": a weapon or position hit whose holder the phrase does not name belongs to
    the side the document sets against the actor (EVENT_CODING: actor 2 is the party whose assets were hit)."""
    tokens = document.tokens
    if not any(ctx.lexicon.nouns.get((tokens[i].lemma.lower(),)) == "weapon" for i in heads):
        return ()
    other = ctx.opponent(actor, sentence)
    return (other,) if other is not None else ()


def _acts_on_an_object(tokens: Sequence[Token], head: int, actor_heads: Sequence[int], children: list[list[int]]) -> bool:
    """The actor is the active subject of the trigger verb, which has a direct object ("the driver detonated his
    explosives"): whoever it names did the act."""
    return tokens[head].pos == "VERB" and any(tokens[c].dep == "dobj" for c in children[head]) and \
        any(tokens[i].dep == "nsubj" and tokens[i].head == head for i in actor_heads)


def _described(document: Document, heads: list[int], children: list[list[int]], ctx: ActorContext,
               event_country: str | None, sentence: int, role: str) -> tuple[Participant, ...]:
    out: dict[str, Participant] = {}
    for i in _resolve_pronouns(document, heads):
        found = describe(document, i, children, ctx, event_country=event_country, sentence=sentence, role=role)
        if found is None and (person := _named_in_apposition(document, i, children)) is not None:
            # "the novelist Karim Haddad": a word the dictionary does not know, and the person it names
            found = describe(document, person, children, ctx, event_country=event_country, sentence=sentence, role=role)
        if found is not None:
            out.setdefault((found.canonical or found.name).lower(), found)
    return tuple(out.values())


def _named_in_apposition(document: Document, i: int, children: list[list[int]]) -> int | None:
    """The name of a person in apposition to the noun at ``i`` ("the novelist Karim Haddad"), None without one."""
    tokens = document.tokens
    return next((c for c in children[i] if tokens[c].dep == "appos" and tokens[c].pos == "PROPN"
                 and any(m.label == "PERSON" and m.start <= tokens[c].start < m.end for m in document.mentions)), None)


PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PRONOUN_LOOKBACK = 2  # sentences searched for the person a "he"/"she" refers to


def _resolve_pronouns(document: Document, heads: list[int]) -> list[int]:
    """"he"/"she" → the token of the last person named in this or the previous sentences; "they"/"them" are
    kept (the actor context resolves them to the last party named), "we"/"us" too (to the quoted speaker's
    group); other pronouns are dropped."""
    tokens = document.tokens
    out = []
    for i in heads:
        token = tokens[i]
        if token.pos != "PRON":
            out.append(i)
            continue
        word = document.text[token.start:token.end].lower()
        if word in ("they", "them", "it"):
            speaker = _speaker(tokens, i)
            if speaker is not None:
                out.append(speaker)  # "the coalition said it had conducted 27 strikes": the coalition
            elif word != "it" or token.dep == "nsubj":
                out.append(i)  # "it" only as the doer; the actor context reads it as the last party named
            continue
        if word in FIRST_PERSON:
            out.append(i)  # a quoted "we": the group its speaker speaks for (the actor context reads it)
            continue
        if word not in PERSON_PRONOUNS:
            continue
        owner = _relative_owner(tokens, i)
        if owner is not None:
            out.append(owner)  # "the woman who says troops beat her": the woman
            continue
        first_sentence = document.sentences[max(0, token.sent - PRONOUN_LOOKBACK)][0] if document.sentences else 0
        bound = _subject_span(tokens, i)
        people = [m for m in document.mentions if m.label == "PERSON" and first_sentence <= m.start < token.start
                  and not bound[0] <= m.start < bound[1]]
        if people:
            person = people[-1]
            found = next((k for k in range(i, -1, -1) if tokens[k].start <= person.start < tokens[k].end
                          or (person.start <= tokens[k].start and tokens[k].end <= person.end)), None)
            if found is not None:
                out.append(found)
    return out


def _relative_owner(tokens: Sequence[Token], i: int) -> int | None:
    """The common noun a relative clause holding pronoun ``i`` describes ("a woman who was dragged away after saying
    troops had raped her", "the man who says police beat him"): the one the pronoun means, before any name the
    clause mentions; None outside such a clause or when the clause's own subject is the pronoun."""
    current = i
    for _ in range(8):
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            return None
        if tokens[current].dep == "relcl":
            return head if tokens[head].pos == "NOUN" and tokens[i].dep not in ("nsubj", "nsubjpass") else None
        current = head
    return None


def _subject_span(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    """(start, end) offsets of the subject of the verb a pronoun depends on ("forces loyal to Gadhafi raped her":
    "her" is never Gadhafi, whom the subject names), (0, 0) when there is none."""
    index = token_index(tokens)
    verb = governing_verb(index, tokens[i].start, tokens[i].end)
    if verb is None:
        return 0, 0
    children = index.children
    inside = [k for c in children[verb] if tokens[c].dep in ("nsubj", "nsubjpass") for k in subtree(children, c)]
    if not inside:
        return 0, 0
    return min(tokens[k].start for k in inside), max(tokens[k].end for k in inside)


def _speaker(tokens: Sequence[Token], i: int) -> int | None:
    """The subject of the saying verb a pronoun's clause reports ("X said it had ..." → X), when it is a noun."""
    verb = tokens[i].head
    if tokens[i].dep != "nsubj" or tokens[verb].dep != "ccomp":
        return None
    saying = tokens[verb].head
    if tokens[saying].lemma.lower() not in SPEAKING:
        return None
    window = range(max(0, saying - 40), min(len(tokens), saying + 10))
    return next((k for k in window if tokens[k].head == saying and k != saying and tokens[k].dep == "nsubj"
                 and tokens[k].pos in ("NOUN", "PROPN")), None)


def _event_nouns(tokens: Sequence[Token], head: int, subjects: list[int], children: list[list[int]],
                 excluded: frozenset[int] | set[int]) -> list[int]:
    """Other triggers' nouns that tell what did the harm of the verb at ``head``: its subject ("rocket attacks
    launched by X hit the market") or its "in"/"by" phrase ("three civilians died in attacks by X"); their own
    "by" phrases and possessors name the actor."""
    if tokens[head].pos not in ("VERB", "AUX"):
        return []
    heads = [i for i in subjects if i in excluded and tokens[i].pos == "NOUN"]
    heads += [g for c in children[head] if tokens[c].dep in ("prep", "agent") and tokens[c].lemma.lower() in ("in", "by")
              for g in children[c] if tokens[g].dep == "pobj" and g in excluded and tokens[g].pos == "NOUN"]
    return heads


def _verb_arguments(tokens: Sequence[Token], head: int, children: list[list[int]]) -> tuple[list[int], list[int]]:
    kids = children[head]
    actors = [c for c in kids if tokens[c].dep in SUBJECT_DEPS]
    targets = [c for c in kids if tokens[c].dep in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
    headline = bool(actors) and _headline_passive(tokens, head, kids)
    if headline:
        actors, targets = [], actors  # "four journalists arrested, ministry says": they were arrested
    actors += _agents(tokens, head, children)
    passive = tokens[head].tag == "VBN" and not headline and _passive(tokens, head, children)
    if passive and not actors:  # "were beaten, arrested and harassed by police": each was done by the police
        actors = _shared_agent(tokens, head, children)
    if passive and not targets:  # "were arrested and beaten", "reported being beaten": who suffered it
        targets = _passive_patient(tokens, head, children)
    if not actors and tokens[head].tag == "VBG":  # "under continued shelling by Gadhafi's forces", parsed as a gerund
        actors = _prep_objects(tokens, head, children, BY)
    if not actors and not headline and not passive and not any(tokens[c].dep in PASSIVE_SUBJECT_DEPS for c in kids):
        actors = _borrowed_subject(tokens, head, children)
    if tokens[head].dep in ("acl", "relcl") and not targets and tokens[head].tag == "VBN":
        targets = [tokens[head].head]  # "the aircraft downed by Islamic State"
    if not [t for t in targets if tokens[t].lemma.lower() not in INSTRUMENTS]:  # "fired tear gas at protesters"
        targets = _prep_objects(tokens, head, children) or targets
    return _with_conjuncts(tokens, actors, children), _with_conjuncts(tokens, targets, children)


def _agents(tokens: Sequence[Token], verb: int, children: list[list[int]]) -> list[int]:
    """The nouns of ``verb``'s passive "by" phrase ("was hit by a rocket" → rocket)."""
    return [g for c in children[verb] if tokens[c].dep == "agent" for g in children[c] if tokens[g].dep == "pobj"]


def _passive(tokens: Sequence[Token], head: int, children: list[list[int]]) -> bool:
    """A passive participle: it has a passive auxiliary or subject of its own, or it is coordinated after one
    ("were beaten, arrested and harassed": all three are passive)."""
    current = head
    for _ in range(MAX_CLIMB + 1):
        if any(tokens[c].dep == "auxpass" or tokens[c].dep in PASSIVE_SUBJECT_DEPS for c in children[current]):
            return True
        if tokens[current].dep != "conj" or tokens[current].tag != "VBN" or tokens[current].head == current:
            return False
        current = tokens[current].head
    return False


def _shared_agent(tokens: Sequence[Token], head: int, children: list[list[int]]) -> list[int]:
    """The "by" phrase after the last of coordinated participles belongs to each of them ("beaten, arrested and
    harassed by security forces": the parser hangs it on the last one only). A conjunct with an object or an agent
    of its own ends the chain ("killed by a sniper and buried by his family")."""
    current = head
    for _ in range(MAX_CLIMB + 1):
        following = [c for c in children[current] if tokens[c].dep == "conj" and tokens[c].tag == "VBN" and c > current]
        if not following:
            break
        current = following[-1]
        agents = _agents(tokens, current, children)
        if agents:
            return agents
        if any(tokens[c].dep in OBJECT_DEPS for c in children[current]):
            return []
    return []


def _passive_patient(tokens: Sequence[Token], head: int, children: list[list[int]]) -> list[int]:
    """Who suffered a passive participle with no subject of its own: the passive subject of the participle it is
    coordinated with ("two men were arrested and beaten"), or the subject of the verb it completes ("journalists
    reported being beaten")."""
    current = head
    for _ in range(MAX_CLIMB):
        token = tokens[current]
        if token.head == current or token.dep not in ("conj", "xcomp"):
            return []
        current = token.head
        patients = [c for c in children[current] if tokens[c].dep in PASSIVE_SUBJECT_DEPS]
        if token.dep == "xcomp":
            patients = patients or [c for c in children[current] if tokens[c].dep in SUBJECT_DEPS]
        if patients:
            return patients
    return []


def _headline_passive(tokens: Sequence[Token], head: int, kids: list[int]) -> bool:
    """A past participle with a subject, no auxiliary and no object is a headline's passive with "were" left out
    ("Two soldiers killed near border"): the tagger's VBN says participle, a past tense would be VBD. A clause
    opened by a subordinator is no headline ("after government shells detonated": a past tense the tagger missed)."""
    return tokens[head].tag == "VBN" and not any(tokens[c].dep in ("aux", "auxpass", "dobj", "obj", "mark") for c in kids) \
        and not (all(tokens[c].pos == "PROPN" for c in kids if tokens[c].dep in SUBJECT_DEPS) and full_stop(tokens, head))


def full_stop(tokens: Sequence[Token], head: int) -> bool:
    """The sentence of ``head`` ends with a full stop, as a headline does not: with a named subject, "The SDF, an
    alliance of militias, attacked from the east." is a past tense the tagger read as a participle."""
    end = head
    while end + 1 < len(tokens) and tokens[end + 1].sent == tokens[head].sent:
        end += 1
    return tokens[end].tag == "."  # the tag of a full stop, "!" and "?"


BETWEEN_DEPTH = 3  # "died in fighting on Friday between X and Y": died → in → fighting → between


def _governor_targets(tokens: Sequence[Token], head: int, children: list[list[int]]) -> list[int]:
    """The objects of the verb a participle trigger hangs from ("fired at X, destroying one" → X)."""
    verb = tokens[head].head
    return _struck_objects(tokens, verb, children) or _prep_objects(tokens, verb, children)


def _struck_objects(tokens: Sequence[Token], verb: int, children: list[list[int]]) -> list[int]:
    """The direct objects of ``verb`` that are not the weapon used ("struck the compound", not "fired rockets")."""
    return [c for c in children[verb] if tokens[c].dep in OBJECT_DEPS and tokens[c].lemma.lower() not in INSTRUMENTS]


def _prep_objects(tokens: Sequence[Token], verb: int, children: list[list[int]],
                  preps: frozenset[str] = VERB_TARGET_PREPS) -> list[int]:
    """The objects of ``verb``'s prepositions in ``preps`` ("fired at X", "used tear gas against X")."""
    return [g for c in children[verb] if tokens[c].dep == "prep" and tokens[c].lemma.lower() in preps
            for g in children[c] if tokens[g].dep == "pobj"]


def _nominal(token: Token) -> bool:
    """A noun, or a word tagged as a verb where only a noun can stand (the small tagger reads plurals such as
    "airstrikes" in "NATO airstrikes hit ..." as verbs but still parses them as the subject)."""
    return token.pos in ("NOUN", "PROPN") or (token.pos == "VERB" and token.dep in NOMINAL_DEPS)


def _between(tokens: Sequence[Token], head: int, children: list[list[int]]) -> tuple[int, int] | None:
    """The two sides of "clashes between X and Y", hanging from the trigger or from a noun under it within
    BETWEEN_DEPTH hops in the same clause ("killed in fighting Saturday between the army and the rebels"):
    the parties of the fight, whoever the clause's subject is. A trigger noun that is its verb's subject also owns
    that verb's "between" ("fighting continued on Wednesday between X and Y", "clashes erupted between X and Y"):
    the parser hangs the phrase on the verb, yet only the fight can be between two sides."""
    level = [head]
    if tokens[head].dep in ("nsubj", "nsubjpass") and _nominal(tokens[head]) and tokens[head].head != head:
        level.append(tokens[head].head)
    for _ in range(BETWEEN_DEPTH):
        below = []
        for node in level:
            for c in children[node]:
                if tokens[c].dep == "prep" and tokens[c].lemma.lower() == "between":
                    sides = [g for g in children[c] if tokens[g].dep == "pobj"]
                    sides += [k for g in sides for k in children[g] if tokens[k].dep == "conj"]
                    if len(sides) >= 2:
                        return sides[0], sides[1]
                elif tokens[c].dep in ("prep", "pobj", "pcomp", "npadvmod") or \
                        (tokens[c].dep in ("dobj", "nsubj") and tokens[c].pos == "NOUN"):
                    below.append(c)
        level = below
    return None


def _borrowed_subject(tokens: Sequence[Token], head: int, children: list[list[int]]) -> list[int]:
    """The subject of the verb this one depends on (participles, infinitives, conjoined verbs)."""
    current = head
    for _ in range(MAX_CLIMB):
        token = tokens[current]
        if token.head == current or not (token.dep in INHERIT_DEPS or _misattached_verb(tokens, current)):
            return []
        if token.dep in ("acl", "relcl") and tokens[token.head].pos in ("NOUN", "PROPN", "PRON"):
            return [] if token.tag == "VBN" else [token.head]  # "militants holding out" act; "a rocket launched" does not
        if token.dep == "ccomp" and tokens[token.head].lemma.lower() in SAYING:
            return []  # "an official said ... the academy was also hit": the speaker hit nothing
        current = token.head
        subjects = [c for c in children[current] if tokens[c].dep in SUBJECT_DEPS]
        if subjects:
            return subjects
    return []


def _misattached_verb(tokens: Sequence[Token], i: int) -> bool:
    """A finite verb the parser could only hang on another verb as an unlabelled ``dep`` ("officers responding to
    reports of a gunman fatally shot a man": "shot" under "responding"): the verb it hangs on holds its subject."""
    return tokens[i].dep == "dep" and tokens[i].tag in FINITE_TAGS and tokens[tokens[i].head].pos == "VERB"


def _noun_arguments(tokens: Sequence[Token], head: int, children: list[list[int]]) -> tuple[list[int], list[int]]:
    actors: list[int] = []
    targets: list[int] = []
    for c in children[head]:
        dep, lemma = tokens[c].dep, tokens[c].lemma.lower()
        if dep == "poss" or (dep in ("amod", "compound") and tokens[c].pos == "PROPN"):
            actors.append(c)
        elif dep == "prep" and lemma == "by":
            actors += [g for g in children[c] if tokens[g].dep == "pobj"]
        elif dep == "acl" and tokens[c].tag == "VBN":  # "executions committed by forces loyal to X"
            actors += _agents(tokens, c, children)
        elif dep == "prep" and lemma in TARGET_PREPS:
            targets += [g for g in children[c] if tokens[g].dep == "pobj"]
    if not actors:
        actors = _light_verb_subject(tokens, head, children)
    if not targets:
        targets = _under_fire(tokens, head, children)
        if targets and not actors:  # "the town came under attack from rebel fighters", "... under fire by gunmen"
            actors = _fire_from(tokens, head, children)
    if not targets and tokens[head].dep == "nsubj" and tokens[tokens[head].head].pos == "VERB":
        verb = tokens[head].head  # "four rockets struck the compound", "airstrikes destroyed two tanks"
        targets = _struck_objects(tokens, verb, children)
    if not targets and tokens[head].dep in ("dobj", "obj") and tokens[head].head != head:
        verb = tokens[head].head  # "police used tear gas against protesters": the light verb's target
        targets = _prep_objects(tokens, verb, children)
    return _with_conjuncts(tokens, actors, children), _with_conjuncts(tokens, targets, children)


# Prepositions that set a nominal trigger beside its clause rather than under its subject's doing ("rebels gained
# ground despite heavy shelling", "came under shelling", "fled after the air strikes"), and verbs whose subject
# suffers what the nominal names ("two fighters died in the shelling"): the clause's subject is no actor of it.
CIRCUMSTANCE_PREPS = frozenset({"despite", "amid", "amidst", "under", "after", "before", "during", "following",
                                "since", "from"})
# verbs whose subject tells of or saw what the noun names ("state TV reported clashes", "witnesses described the
# shelling"): the teller is no actor of it
OBSERVING = SPEAKING | {"describe", "witness", "see", "hear", "show", "film", "photograph", "document", "cover", "record"}
SUFFERING_VERBS = frozenset({"die", "perish", "suffer", "flee", "escape", "survive", "hide", "shelter", "cower"})
NO_DOER_VERBS = SUFFERING_VERBS | OBSERVING | REACTING  # their subject suffers, tells of or reacts to the nominal
DYING_VERBS = frozenset({"die", "perish"})  # as a trigger ("... died in the shelling") the subject is the victim


def _light_verb_subject(tokens: Sequence[Token], head: int, children: list[list[int]]) -> list[int]:
    """"the army started the offensive", "carried out an air strike", "fought ... using suicide bombings"."""
    current = head
    for _ in range(MAX_CLIMB):
        token = tokens[current]
        if token.head == current or token.dep not in ("dobj", "pobj", "prep", "conj", "attr", "appos"):
            return []
        if token.dep == "prep" and token.lemma.lower() in CIRCUMSTANCE_PREPS:
            return []
        if token.dep == "prep" and tokens[token.head].pos in ("NOUN", "PROPN") and \
                tokens[token.head].lemma.lower() not in COUNT_NOUNS:
            return []  # "Amnesty urged an investigation into the detention": the noun's party did not detain
        current = token.head
        if tokens[current].pos in ("VERB", "AUX") and names_its_object(tokens, current, children):
            return []  # "Ibrahim said, calling the attack an escalation": who names an act did not do it
        if tokens[current].pos in ("VERB", "AUX") and tokens[current].lemma.lower() in NO_DOER_VERBS:
            return []  # "two fighters died in the shelling", "France criticized the air strikes": no doers
        if tokens[current].pos in ("VERB", "AUX"):
            subjects = [c for c in children[current] if tokens[c].dep in SUBJECT_DEPS]
            # "confronted by police with tear gas": the police used it
            return subjects or _agents(tokens, current, children) or _borrowed_subject(tokens, current, children)
    return []


def _under_fire(tokens: Sequence[Token], head: int, children: list[list[int]]) -> list[int]:
    """"rebels came under heavy shelling", "the convoy has come under attack", "he was put under house arrest":
    whoever came or was put under it was its target."""
    current = head
    for _ in range(MAX_CLIMB):  # "came under a hail of artillery and rocket attacks"
        token = tokens[current]
        if token.dep == "conj" and token.head != current:
            current = token.head
        elif token.dep == "pobj" and tokens[token.head].lemma.lower() == "of" and tokens[token.head].head != token.head:
            current = tokens[token.head].head
        else:
            break
    token = tokens[current]
    if token.dep != "pobj" or tokens[token.head].lemma.lower() != "under":
        return []
    verb = tokens[token.head].head
    if tokens[token.head].dep != "prep":
        return []
    if tokens[verb].lemma.lower() in PLACING_UNDER:  # "he was put under house arrest", "placed them under arrest"
        return [c for c in children[verb] if tokens[c].dep in ("dobj", "nsubjpass")]
    if tokens[verb].lemma.lower() != "come":
        return []
    return [c for c in children[verb] if tokens[c].dep in SUBJECT_DEPS] or _borrowed_subject(tokens, verb, children)


def _fire_from(tokens: Sequence[Token], head: int, children: list[list[int]]) -> list[int]:
    """The parties after "from" or "by" on a nominal trigger something came under, or on the verb it hangs on
    ("came under attack from rebel fighters", "came under fire by gunmen")."""
    holders = [head]
    up = tokens[head].head
    while tokens[up].dep in ("prep", "pobj", "conj") and tokens[up].head != up and len(holders) < MAX_CLIMB:
        holders.append(up)  # up to the verb the "under" phrase hangs on
        up = tokens[up].head
    holders.append(up)
    return [g for h in holders for c in children[h] if tokens[c].dep == "prep" and tokens[c].lemma.lower() in ("from", "by")
            for g in children[c] if tokens[g].dep == "pobj"]


PLACING_UNDER = frozenset({"put", "place"})  # "put under arrest": whoever was put there is the target


def _with_conjuncts(tokens: Sequence[Token], heads: list[int], children: list[list[int]]) -> list[int]:
    """Add coordinated nouns: "the army and allied militias"."""
    out: list[int] = []
    stack = list(heads)
    while stack:
        i = stack.pop(0)
        if i in out:
            continue
        out.append(_resolve_relative(tokens, i))
        stack += [c for c in children[i] if tokens[c].dep == "conj" and tokens[c].pos in ("NOUN", "PROPN", "PRON")]
    return out


def _resolve_relative(tokens: Sequence[Token], i: int) -> int:
    """"ISIS, which seized the city" → ISIS."""
    verb = tokens[i].head
    if tokens[i].lemma.lower() in RELATIVE_PRONOUNS and tokens[verb].dep == "relcl":
        return tokens[verb].head
    return i


def _phrase_text(document: Document, heads: list[int], children: list[list[int]]) -> str:
    if not heads:
        return ""
    lo, hi = phrase_bounds(document.tokens, heads[0], children)
    return document.text[lo:hi]
