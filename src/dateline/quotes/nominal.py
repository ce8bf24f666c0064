"""Attribution beyond reported clauses: nominal contents, prepositional cues, noun cues.

News attributes stances and characterisations as well as speech (the PolNeAR sense of attribution):

- object cues (``data/en/object_verbs.txt``): "Clinton **cited** his remarks", "Trump **called** the
  deal a disaster", "the union **endorsed** Clinton" — the direct object (with a predicate or an
  "as/for/of/to" phrase after it) is the content, the subject the source. In the passive ("Clinton
  **was endorsed by** the union") the subject is the content and the "by" phrase the source.
- prepositional cues (``data/en/prep_verbs.txt``): "Trump **called for** a repeal", "she **spoke
  about** her mother", "he **called on** Congress to act" — the preposition's object is the content.
- noun cues (``data/en/noun_cues.txt``): "Trump's **claim** that crime is rising", "her **criticism**
  of the plan" — the noun's complement is the content; the possessor, or the subject of the verb the
  noun is the object of ("she voiced **disdain** for ..."), the source.

- passives without an agent: "the treasurer **was accused** of hiding the audit", "the curfew **was
  announced**" — the subject with what the verb says of it is the content; no source.
- relative objects: "what the owners **called** a “final offer”" — the predicate is the content.
- stance adjectives (``data/en/adjective_cues.txt``): "she **was sure** that ...", "he has been **critical**
  of ...", "it is **clear** that ..." — the adjective's clause or phrase is the content, the copula's
  subject the source (not an expletive "it").

Contents mostly inside quote marks stay direct quotes (:mod:`dateline.quotes.direct`).
"""

from __future__ import annotations

from functools import cache

from dateline.quotes.direct import Marked
from dateline.quotes.indirect import (
    _inside_quote,
    _mostly_quoted,
    _trimmed,
    first_run,
    without_asides,
    without_trailing_asides,
)
from dateline.quotes.speakers import (
    Attribution,
    Parse,
    Speaker,
    cue_text,
    load_lexicon,
    name_before,
    resolve_speaker,
    subject_of,
)

OBJECT_EXTENSION_DEPS = frozenset({"oprd", "xcomp", "ccomp", "acomp"})  # "called it a disaster", "urged them to vote"
OBJECT_EXTENSION_PREPS = frozenset({"as", "for", "of", "to"})  # "criticized the law as ...", "accused him of ..."
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})  # "called on Congress to act"
NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl"})
NOUN_PREPS = frozenset({"of", "about", "for", "on", "over", "against"})
HOLDER_OF_NOUNS = frozenset({"support", "backing"})  # "the support of millions": the supporters; "support for X": X
NOUN_SOURCE_HEAD_DEPS = frozenset({"dobj", "attr", "nsubj", "nsubjpass"})
SPEECH_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECT_LATER_PREPS = frozenset({"by", "about", "from", "with", "behind", "against", "over"})  # "described behavior by X behind the scenes"
NOUN_LATER_PREPS = frozenset({"at", "by", "from", "with", "in", "behind", "against", "over", "during"})  # "questions about practices at a foundation"
NAMING_VERBS = frozenset({"call", "label", "brand", "dub", "term", "deem", "pronounce"})  # "called X Y": X Y is what was said
BARE_NOUN_TAGS = frozenset({"NN", "NNS"})
MIN_OBJECT_WORDS = 1  # "Clinton cited it": PolNeAR annotates even a pronoun object
PASSIVE_EXTENSION_DEPS = frozenset({"oprd", "xcomp", "acomp"})  # "he was called a charlatan", "was urged to quit"
COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "sound", "look", "grow", "stay"})
ADJECTIVE_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})  # "sure that ...", "willing to ..."
ADJECTIVE_PREPS = frozenset({"of", "about", "over", "with", "on", "toward", "towards", "at", "to"})  # "critical of ..."
STANCE_FRAME_PREPS = frozenset({"about", "over"})  # "upbeat about", "bitter over"; not "of" ("full of") or "on" ("based on")
NOT_SAID_OBJECTS = frozenset({"life", "lives"})  # "the blast claimed twelve lives": a death toll, not a claim
EXPLETIVES = frozenset({"it", "there", "this"})  # "it is clear that ...": no source
RAISING_COMPLEMENT_DEPS = frozenset({"xcomp", "oprd", "acomp", "ccomp"})  # "seems to work", "appears weak"


def find_nominal(parse: Parse, marked: list[Marked], history: list[Speaker], taken: set[int]) -> list[Attribution]:
    """Object, prepositional and noun-cue attributions; ``taken`` holds cue tokens already used."""
    object_verbs, object_with_prep = load_lexicon("object_verbs")
    _, prep_cues = load_lexicon("prep_verbs")
    raising = load_raising_verbs()
    noun_cues, _ = load_lexicon("noun_cues")
    adjective_cues, _ = load_lexicon("adjective_cues")
    out: list[Attribution] = []
    for i, token in enumerate(parse.tokens):
        if i in taken or token.pos not in ("VERB", "NOUN", "ADJ"):
            continue
        lemma = token.lemma.lower()
        found: tuple[tuple[int, int], int | None, tuple[str, int, int]] | None = None
        if token.pos == "VERB":
            found = _raising_cue(parse, i, raising)
            found = found or _prep_cue(parse, i, prep_cues)
            if found is None and (parse.lemma_in(i, object_verbs) or _has_required_prep(parse, i, object_with_prep)):
                found = _object_cue(parse, i)
        elif token.pos == "NOUN" and lemma in noun_cues:
            found = _noun_cue(parse, i)
        elif token.pos == "ADJ" and (lemma in adjective_cues or _stance_frame(parse, i)):
            found = _adjective_cue(parse, i)
        if found is None or _inside_quote(token.start, marked):
            continue
        span, subject, cue = found
        trimmed = _trimmed(parse, *span)
        if trimmed is None or _mostly_quoted(trimmed, marked):
            continue
        subject = subject if subject is not None else name_before(parse, i, trimmed)
        speaker = resolve_speaker(parse, subject, history) if subject is not None else None
        if speaker is not None and (speaker.start < trimmed[1] and trimmed[0] < speaker.end):
            continue  # no source, or the "subject" overlaps the content: a parse error
        out.append(Attribution(trimmed[0], trimmed[1], "indirect", cue[0], cue[1], cue[2], speaker))
        if speaker is not None:
            history.append(speaker)
    return out


@cache
def load_raising_verbs(language: str = "en") -> tuple[frozenset[str], frozenset[str]]:
    """Raising cues from ``data/<language>/raising_verbs.txt``: (active lemmas, passive-only lemmas)."""
    words, _ = load_lexicon("raising_verbs", language)
    passive = frozenset(w.removeprefix("passive:") for w in words if w.startswith("passive:"))
    return frozenset(w for w in words if not w.startswith("passive:")), passive


def _raising_cue(parse: Parse, verb: int, raising: tuple[frozenset[str], frozenset[str]]) -> tuple[tuple[int, int], int | None, tuple[str, int, int]] | None:
    """"The plan seems to work", "the bill is expected to pass", "it appears that ...": no source.

    The subject through the end of the verb's "to" clause or predicate is the content (one span, so
    it holds the cue words too); after an expletive "it" the "that" clause alone.
    """
    active, passive_only = raising
    is_passive = any(parse.tokens[c].dep == "auxpass" for c in parse.children[verb])
    if not (parse.lemma_in(verb, passive_only) and is_passive) and not (parse.lemma_in(verb, active) and not is_passive):
        return None
    subject = parse.child(verb, SPEECH_SUBJECTS)
    if subject is None or subject > verb:
        return None
    after = [c for c in parse.children[verb] if c > verb]
    if parse.word(subject).lower() in EXPLETIVES:
        clause = next((c for c in after if parse.tokens[c].dep == "ccomp"), None)
        if clause is None:
            return None
        return parse.span_of(_contiguous(parse, parse.subtree(clause))), None, cue_text(parse, verb)
    complement = next((c for c in after if parse.tokens[c].dep in RAISING_COMPLEMENT_DEPS), None)
    if complement is None:
        return None
    subject_run = _contiguous(parse, parse.subtree(subject))
    end = max(_contiguous(parse, parse.subtree(complement)))
    return (parse.tokens[min(subject_run)].start, parse.tokens[end].end), None, cue_text(parse, verb)


def _has_required_prep(parse: Parse, verb: int, cues: frozenset[tuple[str, ...]]) -> bool:
    """"see X as Y": a verb that is a cue only with this preposition after its object."""
    lemma = parse.tokens[verb].lemma.lower()
    obj = parse.child(verb, frozenset({"dobj"}))
    heads = [verb] if obj is None else [verb, obj]  # the parser hangs "as ..." on the verb or on its object
    return any((lemma, parse.word(c).lower()) in cues for h in heads for c in parse.children[h] if c > verb and parse.tokens[c].dep == "prep")


def _object_cue(parse: Parse, verb: int) -> tuple[tuple[int, int], int | None, tuple[str, int, int]] | None:
    children = parse.children[verb]
    passive = any(parse.tokens[c].dep == "auxpass" for c in children)
    if passive:
        agent = parse.child(verb, frozenset({"agent"}))
        subject = parse.child(verb, frozenset({"nsubjpass"}))
        by = parse.child(agent, frozenset({"pobj"})) if agent is not None else None
        if subject is None:
            return None
        if by is None:
            return _passive_without_agent(parse, verb, subject)
        indices = parse.subtree(subject)
        words, start, _ = cue_text(parse, verb)
        end = parse.tokens[agent].end
        return parse.span_of(indices), by, (parse.text[start:end], start, end)
    obj = parse.child(verb, frozenset({"dobj"}))
    if obj is None:
        return _predicates_only(parse, verb)
    if parse.tokens[obj].lemma.lower() in NOT_SAID_OBJECTS:
        return None
    if obj < verb:  # "what she called a rant", "which he described as ...": the predicate is the content
        return _relative_predicate(parse, verb)
    indices = parse.subtree(obj)
    for c in children:
        dep, word = parse.tokens[c].dep, parse.word(c).lower()
        if c > obj and (dep in OBJECT_EXTENSION_DEPS or (dep == "prep" and (word in OBJECT_EXTENSION_PREPS or _about_object(parse, c)))):
            indices.extend(parse.subtree(c))
    run = _contiguous(parse, _filled(parse, verb, indices))
    if len([i for i in run if parse.tokens[i].pos != "PUNCT"]) < MIN_OBJECT_WORDS:
        return None
    if len(run) == 1 and parse.tokens[run[0]].tag in BARE_NOUN_TAGS:
        return None  # "issued statements", "thanked supporters": a bare common noun is rarely what was said
    return parse.span_of(run), subject_of(parse, verb), cue_text(parse, verb)


def _predicates_only(parse: Parse, verb: int) -> tuple[tuple[int, int], int | None, tuple[str, int, int]] | None:
    """"called both Trump and Clinton “crazy”" parsed with no object, only predicates: everything from
    the verb to the end of the last predicate is the content."""
    predicates = [c for c in parse.children[verb] if c > verb and parse.tokens[c].dep == "oprd"]
    if not predicates or parse.tokens[verb].lemma.lower() not in NAMING_VERBS:
        return None
    end = max(parse.subtree(predicates[-1]))
    sent = parse.tokens[verb].sent
    run = [i for i in range(verb + 1, end + 1) if parse.tokens[i].sent == sent]
    while run and parse.tokens[run[0]].pos in ("CCONJ", "PUNCT"):
        run = run[1:]
    if not run:
        return None
    return parse.span_of(run), subject_of(parse, verb), cue_text(parse, verb)


def _about_object(parse: Parse, prep: int, preps: frozenset[str] | None = None) -> bool:
    """A phrase right after the object that is not a time or a place of the telling ("by Trump behind the scenes")."""
    obj = parse.child(prep, frozenset({"pobj"}))
    if obj is None or prep - 1 not in set(parse.subtree(parse.tokens[prep].head)) - {parse.tokens[prep].head}:
        return False
    mention = parse.mention_at(obj)
    return parse.word(prep).lower() in (preps or OBJECT_LATER_PREPS) and (mention is None or mention.label not in ("DATE", "TIME", "GPE", "LOC"))


def _relative_predicate(parse: Parse, verb: int) -> tuple[tuple[int, int], int | None, tuple[str, int, int]] | None:
    """"what she called a “rant”": the object is a relative pronoun before the verb; its predicate after it is the content."""
    extensions = [c for c in parse.children[verb] if c > verb and (parse.tokens[c].dep == "oprd" or (parse.tokens[c].dep == "prep" and parse.word(c).lower() == "as"))]
    if not extensions:
        return None
    indices = [i for c in extensions for i in parse.subtree(c)]
    run = _contiguous(parse, indices)
    if parse.tokens[run[0]].dep == "prep" and len(run) > 1:
        run = run[1:]  # "described as a fraud": the "as" is part of the cue
    return parse.span_of(run), subject_of(parse, verb), cue_text(parse, verb)


def _filled(parse: Parse, verb: int, indices: list[int]) -> list[int]:
    """Object and its predicate with what the parser hung on the verb between them ("cited remarks [Trump had made] as examples")."""
    lo, hi = min(indices), max(indices)
    if lo < verb or hi - lo + 1 == len(set(indices)):
        return sorted(set(indices))
    own = set(parse.subtree(verb))
    gap = [i for i in range(lo, hi + 1) if i not in indices]
    if any(i not in own or i == verb or parse.tokens[i].sent != parse.tokens[verb].sent for i in gap):
        return sorted(set(indices))
    return list(range(lo, hi + 1))


def _passive_without_agent(parse: Parse, verb: int, subject: int) -> tuple[tuple[int, int], int | None, tuple[str, int, int]] | None:
    """"He was accused of fraud", "the plan was announced": the subject (and what the verb says of it) is the content."""
    if subject > verb:
        return None
    indices = parse.subtree(subject)
    for c in parse.children[verb]:
        dep, word = parse.tokens[c].dep, parse.word(c).lower()
        if c > verb and (dep in PASSIVE_EXTENSION_DEPS or (dep == "prep" and word in OBJECT_EXTENSION_PREPS)):
            indices.extend(parse.subtree(c))
    subject_run = _contiguous(parse, parse.subtree(subject))
    if not subject_run:
        return None
    end = max(indices) if max(indices) > verb else max(subject_run)
    return (parse.tokens[min(subject_run)].start, parse.tokens[end].end), None, cue_text(parse, verb)


def _adjective_cue(parse: Parse, adj: int) -> tuple[tuple[int, int], int | None, tuple[str, int, int]] | None:
    """"She was sure that ...", "he has been critical of ...", "it is clear that ...": a stance adjective after a copula."""
    token = parse.tokens[adj]
    head = token.head
    if token.dep != "acomp" or head == adj or parse.tokens[head].lemma.lower() not in COPULAS:
        return None
    content: list[int] | None = None
    for c in parse.children[adj]:
        if c < adj:
            continue
        dep = parse.tokens[c].dep
        if dep in ADJECTIVE_CLAUSE_DEPS:
            content = parse.subtree(c)
            break
        if dep == "prep" and parse.word(c).lower() in ADJECTIVE_PREPS:
            obj = parse.child(c, frozenset({"pobj", "pcomp"}))
            if obj is not None:
                content = parse.subtree(obj)
                break
    if content is None:
        clause = next((c for c in parse.children[head] if c > adj and parse.tokens[c].dep == "ccomp"), None)
        content = parse.subtree(clause) if clause is not None else None
    if not content:
        return None
    subject = subject_of(parse, head)
    if subject is not None and parse.word(subject).lower() in EXPLETIVES:
        subject = None
    _, start, _ = cue_text(parse, head)
    start = min(start, token.start)
    return parse.span_of(_contiguous(parse, content)), subject, (parse.text[start : token.end], start, token.end)


def _stance_frame(parse: Parse, adj: int) -> bool:
    """An adjective outside the list in a frame that only a stance fills: "was upbeat about ...",
    "is adamant that ..." (a "that" clause or an about/over phrase after a predicative adjective)."""
    for c in parse.children[adj]:
        if c < adj:
            continue
        dep = parse.tokens[c].dep
        if dep == "prep" and parse.word(c).lower() in STANCE_FRAME_PREPS:
            return True
        if dep == "ccomp" and parse.word(min(parse.subtree(c))).lower() == "that":
            return True
    return False


def _prep_cue(parse: Parse, verb: int, cues: frozenset[tuple[str, ...]]) -> tuple[tuple[int, int], int | None, tuple[str, int, int]] | None:
    lemmas = parse.lemma_forms(verb)  # "hoping for" → "hope for"
    particles = [parse.word(c).lower() for c in parse.children[verb] if parse.tokens[c].dep == "prt"]
    for c in parse.children[verb]:
        if parse.tokens[c].dep != "prep" or c < verb:
            continue
        prep = parse.word(c).lower()
        if not any((form, *particles, prep) in cues or (form, prep) in cues for form in lemmas):
            continue
        obj = parse.child(c, frozenset({"pobj", "pcomp"}))
        if obj is None:
            continue
        indices = parse.subtree(obj)
        indices += [i for d in parse.children[verb] if d > c and parse.tokens[d].dep in CLAUSE_DEPS for i in parse.subtree(d)]
        run = _contiguous(parse, sorted(indices))
        _, start, _ = cue_text(parse, verb)
        end = parse.tokens[c].end
        return parse.span_of(run), subject_of(parse, verb), (parse.text[start:end], start, end)
    return None


def _noun_cue(parse: Parse, noun: int) -> tuple[tuple[int, int], int | None, tuple[str, int, int]] | None:
    token = parse.tokens[noun]
    if token.dep == "pobj" and parse.word(token.head).lower() == "in" and parse.child(noun, frozenset({"poss", "det"})) is None:
        return None  # "in charge of the mission": an idiom, not a report
    content: list[int] | None = None
    for c in parse.children[noun]:
        if c < noun:
            continue
        token = parse.tokens[c]
        if token.dep in NOUN_CLAUSE_DEPS and _complement_clause(parse, c):
            content = parse.subtree(c)
            break
        if token.dep == "prep" and parse.word(c).lower() in NOUN_PREPS:
            if parse.word(c).lower() == "of" and parse.tokens[noun].lemma.lower() in HOLDER_OF_NOUNS:
                continue  # "the support of millions": "of" names the supporters
            obj = parse.child(c, frozenset({"pobj", "pcomp"}))
            if obj is not None:
                content = parse.subtree(obj)
                for later in parse.children[noun]:  # "questions about business practices [at a foundation ...]"
                    if later > max(content) and later == max(content) + 1 and parse.tokens[later].dep == "prep" and _about_object(parse, later, NOUN_LATER_PREPS):
                        content += parse.subtree(later)
                break
    if not content:
        return None
    token = parse.tokens[noun]
    return parse.span_of(_contiguous(parse, content)), _noun_source(parse, noun), (parse.word(noun), token.start, token.end)


def _complement_clause(parse: Parse, clause: int) -> bool:
    """A "that ..." or "to ..." clause (not a relative clause: "the claim [that] he made")."""
    first = min(parse.subtree(clause))
    word = parse.word(first).lower()
    if word == "to":
        return True
    return word == "that" and parse.tokens[first].dep == "mark"


def _noun_source(parse: Parse, noun: int) -> int | None:
    """"Trump's claim": the possessor; "she voiced disdain for": the subject of the governing verb."""
    poss = parse.child(noun, frozenset({"poss"}))
    if poss is not None:
        return poss
    token = parse.tokens[noun]
    if token.dep in ("dobj", "attr") and token.head != noun and parse.tokens[token.head].pos in ("VERB", "AUX"):
        return subject_of(parse, token.head)
    return None


def _contiguous(parse: Parse, indices: list[int]) -> list[int]:
    """The first contiguous run of token indices (asides dropped), without trailing conjunctions and punctuation."""
    run = first_run(parse, without_trailing_asides(parse, without_asides(parse, sorted(set(indices)))))
    while len(run) > 1 and parse.tokens[run[-1]].pos in ("CCONJ", "PUNCT"):
        run.pop()
    return run
