"""Fatalities stated in a sentence: "killing two pilots" → 2, "dozens were killed" → 12.

Vague counts follow ACLED's convention (``data/en/numbers.tsv``: "dozens" 12, "hundreds" 100,
"several" 10); a range or alternatives keep the lowest number ("between 10 and 15" → 10). When a
sentence has several death words, the largest single count is kept (never summed: "killed 12 ...
the death toll rose to 12" would double). Casualties (which include the wounded) are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from dateline.events.triggers import data_rows, subtree
from dateline.model import Document, Token

RUNNING_TOTAL = re.compile(
    r"\b(?:since|so far|to date|in total|total of|altogether|throughout|"
    r"over the (?:past|last)|in the (?:past|last) (?:\w+ )?(?:days?|weeks?|months?|years?)|"
    r"(?:death |casualty )?toll (?:has |had )?(?:risen|rose|climbed|reached|stands|stood)|"
    r"toll (?:\w+ ){0,2}(?:is |was )?(?:now )?up to|nationwide|across the country|"
    r"during the (?:uprising|conflict|war|revolt|unrest|revolution|crisis|protests|fighting)|"
    r"in the (?:uprising|conflict|civil war|war|revolt|unrest|revolution|crisis)(?![\w-])|"
    r"(?:this|last) (?:year|month))\b", re.IGNORECASE)
NO_DEATHS = re.compile(r"\b(?:no (?:casualties|deaths|fatalities|one (?:was |were )?(?:killed|hurt|injured))|"
                       r"nobody (?:was )?(?:killed|hurt|injured)|(?:caused|causing|left|leaving) no (?:casualties|deaths)|"
                       r"without (?:casualties|loss of life))\b", re.IGNORECASE)
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
MEASURE = re.compile(r"\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|miles?|kilomet(?:er|re)s?|km|"
                     r"feet|foot|met(?:er|re)s?|inch(?:es)?|tons?|tonnes?|stor(?:e)?y|stories|storeys)\b(?!\s+(?:ago|later|after|before))",
                     re.IGNORECASE)
TOLL_LOOKAHEAD = 8  # tokens after "toll" searched for its number ("the death toll has risen to 12")
NEGATIVE = frozenset({"no", "none", "nobody"})
VAGUE_WORDS = frozenset({"several", "many", "multiple", "numerous"})  # ACLED's 10 for a count the text does not give
FATALLY = "fatally"  # "fatally shot": the harm killed (not "mortally wounded": dying, not yet dead)
HURT = frozenset({"injure", "injured", "wound", "wounded", "hurt"})  # words that make a count one of the wounded


@dataclass(frozen=True, slots=True)
class DeathWords:
    roles: dict[tuple[str, str], str]  # (lemma, coarse POS) → role
    numbers: dict[str, float]


@cache
def death_words(language: str = "en") -> DeathWords:
    roles = {(r["lemma"], r["pos"]): r["role"] for r in data_rows("death_words.tsv", language)}
    numbers = {r["word"]: float(r["value"]) for r in data_rows("numbers.tsv", language)}
    return DeathWords(roles=roles, numbers=numbers)


def cumulative_count(document: Document, lo: int, hi: int) -> bool:
    """The sentence (tokens ``lo..hi-1``) counts deaths over a period ("have been killed since March",
    "the toll has risen to 40", "in the past week"): a running total, never one incident's fatalities."""
    if lo >= hi:
        return False
    tokens = document.tokens
    return bool(RUNNING_TOTAL.search(document.text[tokens[lo].start:tokens[hi - 1].end]))


def cause_of_a_total(document: Document, head: int, children: list[list[int]]) -> bool:
    """The trigger at ``head`` tells only a running total ("at least 224 civilians have been killed in air strikes,
    shelling and clashes since the offensive began"): a death verb in the present perfect, or a noun (or one of a
    list of nouns) after "in" or "by" on one. Asked only of a sentence that counts deaths over a period
    (:func:`cumulative_count`, which the caller has read once for the sentence); such a sentence tells no incident
    ("were killed on Monday, bringing the toll since March to 40" does)."""
    tokens, words = document.tokens, death_words()
    i = head
    if tokens[i].pos in ("NOUN", "PROPN"):
        while tokens[i].dep == "conj" and tokens[i].head != i:
            i = tokens[i].head
        prep = tokens[i].head
        if tokens[i].dep != "pobj" or tokens[prep].lemma.lower() not in ("in", "by"):
            return False
        i = tokens[prep].head
    return _perfect_death(tokens, i, children, words)


def _perfect_death(tokens: Sequence[Token], i: int, children: list[list[int]], words: DeathWords) -> bool:
    """Token ``i`` is a death verb in the present perfect ("have been killed", "has died"; not the past perfect of
    a story's background)."""
    return _role(tokens[i], words) in ("transitive", "intransitive") and tokens[i].tag == "VBN" and \
        any(tokens[c].dep == "aux" and tokens[c].lemma.lower() == "have" and tokens[c].tag in ("VBP", "VBZ")
            for c in children[i])


def perfect_total(document: Document, lo: int, hi: int, children: list[list[int]], triggers: set[int]) -> bool:
    """"At least 20 children have been killed by shrapnel in the city": deaths told in the present perfect with
    no time and no incident in their clause are a count kept over a period, not one incident's toll ("have been
    killed in an air strike", "have died since Monday" name what or when). ``triggers``: the token indices of the
    sentence's event triggers."""
    if lo >= hi:
        return False
    tokens = document.tokens
    words = death_words()
    for i in range(lo, hi):
        if not _perfect_death(tokens, i, children, words):
            continue
        clause = subtree(children, i)
        start, end = tokens[min(clause)].start, tokens[max(clause)].end
        if not any(k != i and k in triggers for k in clause) and \
                not any(start <= t.start < end and t.type in ("DATE", "TIME") for t in document.times):
            return True
    return False


def trigger_fatalities(document: Document, i: int, children: list[list[int]]) -> int | None:
    """People killed according to the death word at token ``i`` alone ("one was killed in Zliten" in "eleven
    were killed in Dafniya, and one was killed in Zliten"), or None when ``i`` is no death word that counts."""
    words = death_words()
    role = _death_role(document.tokens, i, children, words)
    return _count_for(document, i, role, children, words) if role else None


def sentence_fatalities(document: Document, lo: int, hi: int, children: list[list[int]],
                        trigger: int | None = None) -> int | None:
    """People killed according to tokens ``lo..hi-1`` (one sentence), or None when not stated.

    Deaths in a clause that did not happen ("could see thousands killed") do not count; "no casualties",
    "nobody was killed" is 0. With the event's ``trigger``, deaths told in a clause that only dates it by another
    act ("the shelling came after rebels killed several snipers") are that act's, not the event's."""
    from dateline.events.modality import event_modality

    words = death_words()
    counts = []
    if lo < hi and NO_DEATHS.search(document.text[document.tokens[lo].start:document.tokens[hi - 1].end]):
        return 0
    own = time_clause(document.tokens, trigger) if trigger is not None else None
    for i in range(lo, hi):
        role = _death_role(document.tokens, i, children, words)
        if role is None:
            continue
        if trigger is not None and (other := time_clause(document.tokens, i)) is not None and other != own:
            continue
        if event_modality(document.tokens, i, children) not in ("asserted", "claimed"):
            continue
        count = _count_for(document, i, role, children, words)
        if count is not None:
            counts.append(count)
    return max(counts) if counts else None


TIME_MARKS = frozenset({"after", "since", "before", "until"})
CLAUSE_STEPS = 4


def time_clause(tokens: Sequence[Token], i: int) -> int | None:
    """The verb of the "after/before/since/until" clause token ``i`` sits in, None when it sits in none."""
    current = i
    for _ in range(CLAUSE_STEPS):
        # the marker among the six words before the verb: one further back the small parser mostly hangs there by
        # mistake (all of a token's children, TokenIndex.children, moved the T1 actor 2 field 0.6118 -> 0.6081)
        if any(tokens[k].head == current and tokens[k].dep == "mark" and tokens[k].lemma.lower() in TIME_MARKS
               for k in range(max(0, current - 6), current)):
            return current
        if tokens[current].head == current or tokens[current].dep in ("ROOT", "ccomp", "conj", "parataxis"):
            return None
        current = tokens[current].head
    return None


def _role(token: Token, words: DeathWords) -> str | None:
    """How the death word ``token`` tells its count ("transitive", "noun" ...), None when it is none that counts."""
    role = words.roles.get((token.lemma.lower(), _coarse(token.pos)))
    return None if role == "ignore" else role


def _death_role(tokens: Sequence[Token], i: int, children: list[list[int]], words: DeathWords) -> str | None:
    """:func:`_role`, and a verb of harm done "fatally" ("fatally shot a man", "was fatally stabbed") counts its
    object or passive subject as dead, as "kill" does."""
    role = _role(tokens[i], words)
    if role is None and tokens[i].pos == "VERB" and \
            any(tokens[c].lemma.lower() == FATALLY and tokens[c].dep == "advmod" for c in children[i]):
        return "transitive"
    return role


def _coarse(pos: str) -> str:
    return {"AUX": "VERB", "PROPN": "NOUN"}.get(pos, pos)


def _count_for(document: Document, i: int, role: str, children: list[list[int]], words: DeathWords) -> int | None:
    tokens = document.tokens
    kids = children[i]
    if role == "transitive":
        victims = [c for c in kids if tokens[c].dep in ("dobj", "nsubjpass")]
        if not victims and tokens[i].dep in ("acl", "amod") and tokens[i].tag == "VBN":
            victims = [tokens[i].head]  # "two soldiers killed in the attack"
    elif role == "intransitive":
        victims = [c for c in kids if tokens[c].dep in ("nsubj",)]
    elif role == "claim":
        return _of_count(document, kids, children, words, lemma="life")
    elif role == "predicate":
        return _dead_count(document, i, children, words)
    elif role == "count":  # "12 bodies", "the bodies of five men"
        return _number_near(document, i, children, words) or _of_count(document, kids, children, words)
    else:  # noun: "the deaths of 12 people", "death toll of 12", "causing one death"
        return _of_count(document, kids, children, words) or _toll(document, i, words) \
            or _number_near(document, i, children, words)
    counts = [n for v in victims if (n := _victim_count(document, v, children, words)) is not None]
    return min(counts) if counts else None


def _victim_count(document: Document, v: int, children: list[list[int]], words: DeathWords) -> int | None:
    """How many people the noun phrase headed by ``v`` counts."""
    tokens = document.tokens
    if tokens[v].lemma.lower() in NEGATIVE or any(tokens[c].lemma.lower() in NEGATIVE for c in children[v]):
        return 0
    own = _parse_number(document, [v], words)
    if own is None:
        own = _number_near(document, v, children, words)
    if own is None and tokens[v].tag in ("NN", "NNP") and tokens[v].pos != "PRON":
        own = 1  # "killing a policeman", "the pilot was killed"
    if own is None:
        return None
    # "four of its soldiers and five shoppers died", "killed two soldiers and a shepherd", "one of his sons and three
    # of his grandchildren": the groups add up (not "one dead and 15 injured": a bare number joined on is another
    # count, of the wounded)
    more = [_victim_count(document, c, children, words) for c in children[v]
            if tokens[c].dep == "conj" and (tokens[c].pos in ("NOUN", "PROPN") or _counts_of(tokens, c, children))
            and not any(tokens[k].lemma.lower() in HURT for k in children[c])]
    return own + sum(n for n in more if n is not None)


def _counts_of(tokens: Sequence[Token], i: int, children: list[list[int]]) -> bool:
    """A number that counts people of a group it names ("three of his grandchildren")."""
    return tokens[i].pos == "NUM" and any(tokens[c].dep == "prep" and tokens[c].lemma.lower() == "of"
                                          for c in children[i])


def _number_near(document: Document, v: int, children: list[list[int]], words: DeathWords) -> int | None:
    """The count attached to a noun: a numeric modifier, or "dozens of" governing it."""
    tokens = document.tokens
    mods = [c for c in children[v] if tokens[c].dep in ("nummod", "quantmod", "amod", "det")]
    parts = sorted({k for c in mods for k in subtree(children, c)})
    number = _parse_number(document, parts, words)
    if number is not None:
        return number
    head = tokens[v].head
    if tokens[head].dep == "prep" and tokens[head].lemma.lower() == "of":
        return _parse_number(document, [tokens[head].head], words)  # "dozens of civilians"
    return None


def _of_count(document: Document, kids: list[int], children: list[list[int]], words: DeathWords, *, lemma: str = "") -> int | None:
    tokens = document.tokens
    for c in kids:
        if tokens[c].dep == "dobj" and (not lemma or tokens[c].lemma.lower() == lemma):
            kids = kids + children[c]
    for c in kids:
        if tokens[c].dep == "prep" and tokens[c].lemma.lower() == "of":
            for g in children[c]:
                if tokens[g].dep == "pobj":
                    return _victim_count(document, g, children, words)
    return None


def _dead_count(document: Document, i: int, children: list[list[int]], words: DeathWords) -> int | None:
    """"12 dead", "left 12 people dead", "two were dead"."""
    tokens = document.tokens
    number = _number_near(document, i, children, words)
    if number is not None:
        return number
    head = tokens[i].head
    if tokens[i].dep == "amod":
        return _victim_count(document, head, children, words)
    holders = [c for c in children[head] if tokens[c].dep == "dobj" and c != i]
    holders = holders or [c for c in children[head] if tokens[c].dep == "nsubj" and c != i]
    counts = [n for c in holders if (n := _victim_count(document, c, children, words)) is not None]
    return min(counts) if counts else None


def _toll(document: Document, i: int, words: DeathWords) -> int | None:
    tokens = document.tokens
    sent = tokens[i].sent
    for k in range(i + 1, min(len(tokens), i + TOLL_LOOKAHEAD)):
        if tokens[k].sent != sent:
            break
        number = _parse_number(document, [k], words)
        if number is not None and tokens[k].pos == "NUM":
            return number
    return None


def _parse_number(document: Document, indices: Sequence[int], words: DeathWords) -> int | None:
    """The lowest number among the tokens; adjacent number words combine ("two hundred", "1.5 million")."""
    groups: list[list[float]] = []
    vague: list[bool] = []  # per group: a lone vague word ("many"), ACLED's 10 for a count the text does not give
    previous = -2
    for i in sorted(indices):
        if document.text[document.tokens[i].start : document.tokens[i].end] == "-" and i == previous + 1:
            previous = i  # "twenty-five" is three tokens
            continue
        value = _token_value(document.text, document.tokens[i], words)
        if value is not None and MEASURE.match(document.text, document.tokens[i].end):
            value = None  # "a 17-year-old boy", "a two-day siege": an age or a length, not a count of people
        if value is None:
            previous = -2
            continue
        if i == previous + 1 and groups and _joins(groups[-1][-1], value):
            groups[-1].append(value)
            vague[-1] = False
        else:
            groups.append([value])
            vague.append(document.text[document.tokens[i].start:document.tokens[i].end].lower() in VAGUE_WORDS)
        previous = i
    values = [_combine(g) for g in groups]
    # "as many as 21", "several - at least 12 -": a vague word beside an exact count is no count of its own
    exact = [v for v, lone in zip(values, vague, strict=True) if not lone]
    values = exact or values
    return int(min(values)) if values else None


def _token_value(text: str, token: Token, words: DeathWords) -> float | None:
    surface = text[token.start : token.end].lower()
    if DIGITS.match(surface):
        return float(surface.replace(",", ""))
    if surface in ("a", "an") and token.dep != "quantmod":
        return None  # "a" counts only as "a dozen"/"a hundred" (handled by _combine)
    if "-" in surface:
        parts = [words.numbers.get(p) for p in surface.split("-")]
        if all(p is not None for p in parts):
            return float(sum(p for p in parts if p is not None))
    return words.numbers.get(surface)


def _joins(last: float, value: float) -> bool:
    """"twenty five", "two hundred", "1.5 million" join; "10 15" (a range) does not."""
    return value >= 100 or (last >= 20 and last % 10 == 0 and last < 100 and value < 10)


def _combine(values: list[float]) -> float:
    """"two hundred" → 200, "twenty five" → 25, "1.5 million" → 1.5e6."""
    total = 0.0
    current = 0.0
    for value in values:
        if value >= 100 and current:
            current *= value
        elif value >= 100:
            current = value
        else:
            current += value
        if value >= 1000:
            total, current = total + current, 0.0
    return total + current
