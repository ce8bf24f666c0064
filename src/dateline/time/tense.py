"""Which way does an expression point? -1 past, +1 future, 0 unknown.

With spaCy tokens: the verb governing the expression and its auxiliaries ("will", "was ... -ed").
Without tokens: the nearest tense cue word (``data/en/tense.tsv``, or a word ending in "-ed") before
the expression in its sentence, else after it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from dateline.model import Token
from dateline.time.lexicon import lexicon

WORD = re.compile(r"[A-Za-z']+")
SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'])|\n\s*\n")
FUTURE_LEMMAS = frozenset({"will", "shall", "expect", "schedule", "plan", "due", "intend", "set", "aim"})
MAX_HEAD_STEPS = 4
# verbs that only report (the quotes stage's wider cue list holds "protest", "continue", "vow": events or plans)
REPORTING_VERBS = frozenset({"say", "tell", "announce", "report", "state", "add", "confirm", "claim", "deny", "declare",
                             "acknowledge", "admit", "disclose", "reveal", "note", "comment", "explain"})
PLAN_WORDS = frozenset({"due", "scheduled", "expected", "planned", "set", "slated"})
PLAN_TO = frozenset({"set", "is", "are", "slated", "poised"})  # "<word> to <verb>" points forward
PRESENT_REPORTING = frozenset({"say", "be", "have", "tell", "report", "claim", "add", "state"})
# English verbs whose past tense is their base form: "shells hit the market on Monday" may be either tense, so the
# tagger's present (VBP) says nothing and the sentence's cue words decide (a closed class of irregular verbs)
SAME_IN_PAST = frozenset({"hit", "cut", "put", "set", "shut", "beat", "cast", "spread", "burst", "quit", "let", "hurt",
                          "shed", "split", "upset", "thrust", "bet", "broadcast", "cost", "rid", "slit", "spit"})


class TokenIndex:
    """Token lookups by character offset, and each token's children (built once per document)."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.starts = [token.start for token in tokens]
        self.children: list[list[int]] = [[] for _ in tokens]
        for index, token in enumerate(tokens):
            if token.head != index and 0 <= token.head < len(tokens):
                self.children[token.head].append(index)

    def covering(self, start: int, end: int) -> range:
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = bisect_right(self.starts, end - 1)
        return range(first, max(last, first + 1))

    def at(self, offset: int) -> int | None:
        """Index of the token holding character ``offset``, or None between tokens."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.tokens[i].end else None


_last_index: tuple[Sequence[Token], TokenIndex] | None = None


def token_index(tokens: Sequence[Token]) -> TokenIndex:
    """The :class:`TokenIndex` of ``tokens``, built once per document: stages ask many questions of one
    document's tokens in a row (every event candidate's date and place), so the last index is kept."""
    global _last_index
    last = _last_index
    if last is not None and last[0] is tokens:
        return last[1]
    index = TokenIndex(tokens)
    _last_index = (tokens, index)
    return index


def sentence_bounds(text: str, start: int, sentences: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The sentence holding offset ``start``: from ``sentences`` when given, else by punctuation."""
    if sentences:
        index = bisect_right([s for s, _ in sentences], start) - 1
        if index >= 0 and sentences[index][0] <= start < sentences[index][1]:
            return sentences[index]
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    hi_candidates = [i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0]
    return lo, (min(hi_candidates) + 1 if hi_candidates else len(text))


def direction_from_tokens(index: TokenIndex, start: int, end: int) -> int | None:
    """Tense of the verb that governs the expression, or None when no verb is found or the verb is a plain
    present above a noun the expression dates (then the cue words decide)."""
    tokens = index.tokens
    inside = set(index.covering(start, end))
    if not inside:
        return None
    current = min(inside)
    via_noun = False
    preposition = ""  # the first preposition above the expression ("set the vote for Tuesday": for)
    for _ in range(MAX_HEAD_STEPS):
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            return None
        if tokens[current].dep == "prep" and _after_prepositional_noun(tokens, current, head):
            via_noun = True
        if tokens[current].dep == "prep" and not preposition:
            preposition = tokens[current].lemma.lower()
        current = head
        if current not in inside and tokens[current].pos in ("VERB", "AUX"):
            return _verb_direction(index, current, dates_noun=via_noun, scheduled=preposition == "for")
        via_noun = via_noun or (current not in inside and tokens[current].pos == "NOUN")
    return None


def _after_prepositional_noun(tokens: Sequence[Token], prep: int, verb: int) -> bool:
    """The day's preposition follows a noun that is itself the object of another preposition of the same verb
    ("anger grows over an air strike on Wednesday night"): the parser hangs "on Wednesday" on the verb, but it as
    likely dates the noun. A verb's direct object does not count ("holds a vote on Tuesday" is the holding's day)."""
    noun = prep - 1
    if noun < 0 or tokens[noun].pos != "NOUN" or tokens[noun].dep != "pobj":
        return False
    outer = tokens[noun].head
    return 0 <= outer < len(tokens) and outer != prep and tokens[outer].dep == "prep" and tokens[outer].head == verb


def _verb_direction(index: TokenIndex, verb: int, *, dates_noun: bool = False, scheduled: bool = False) -> int | None:
    """``dates_noun``: the expression dates a noun under the verb ("anger grows over an air strike on Wednesday
    night"): a plain present verb then says nothing of when that was (None: the cue words decide). ``scheduled``:
    the expression follows "for" ("set the vote for Tuesday")."""
    tokens = index.tokens
    auxes = [tokens[c] for c in index.children[verb] if tokens[c].dep in ("aux", "auxpass")]
    governor = tokens[verb].head
    if tokens[verb].tag == "VB" and tokens[verb].dep == "xcomp" and governor != verb \
            and tokens[governor].pos in ("VERB", "AUX") and any(aux.tag == "TO" for aux in auxes):
        return _verb_direction(index, governor)  # "tried to storm the town on Tuesday": the trying's tense
    lemmas = {aux.lemma.lower() for aux in auxes}
    if scheduled or not set_as_an_act(tokens, verb, index.children[verb]):
        lemmas.add(tokens[verb].lemma.lower())
    if lemmas & FUTURE_LEMMAS or any(
        aux.tag == "MD" and aux.lemma.lower() in ("will", "'ll", "shall") for aux in auxes
    ):
        return 1
    if any(aux.lemma.lower() == "go" and aux.tag == "VBG" for aux in auxes):
        return 1
    if tokens[verb].tag == "VBD" or any(aux.tag == "VBD" for aux in auxes):
        return -1
    if tokens[verb].tag == "VBN" and any(aux.lemma.lower() == "have" for aux in auxes):
        return -1
    if tokens[verb].tag in ("VBP", "VB") and not auxes and tokens[verb].lemma.lower() in SAME_IN_PAST:
        return None
    if tokens[verb].tag in ("VBZ", "VBP", "VB") and tokens[verb].lemma.lower() not in PRESENT_REPORTING:
        return None if dates_noun and not auxes else 1  # news present with a day: "the talks resume Monday"
    return 0


def set_as_an_act(tokens: Sequence[Token], verb: int, children: Sequence[int]) -> bool:
    """"protesters set fire to the station on Tuesday", "an attack set it on fire", "the pipeline was set on fire":
    "set" is an act, past or present, unless it schedules: the plan word of "is set to resume" and "set for Friday"
    (the word after it is "to" or "for", and it has no object; ``children``: the verb's dependents)."""
    if tokens[verb].lemma.lower() != "set":
        return False
    if any(tokens[c].dep == "dobj" for c in children):
        return True
    after = tokens[verb + 1].lemma.lower() if verb + 1 < len(tokens) else ""
    return after not in ("to", "for")


def direction_from_words(text: str, start: int, end: int, bounds: tuple[int, int]) -> int:
    """Nearest tense cue before the expression within its sentence, else the first one after it."""
    cues = lexicon().tense
    before = WORD.findall(text[bounds[0] : start])
    for index in range(len(before) - 1, -1, -1):
        found = _cue(before[index], cues)
        if found < 0 and index and before[index - 1].lower() == "be":
            continue  # "will be held": the participle of a passive says nothing; look further back
        if found > 0 and _pluperfect(before, index):
            return -1  # "had been due to expire Friday": a plan already overtaken by events
        if not found and before[index].lower() == "to" and index and before[index - 1].lower() in PLAN_TO:
            return 1  # "set to resume Monday", "is to resume trading Tuesday"
        if found > 0 and before[index].lower() == "until" and all(w.lower() == "up" for w in before[:index]):
            break  # a fronted "Until Thursday, they had ...": the main clause after it decides
        if found:
            return found
    for word in WORD.findall(text[end : bounds[1]]):
        found = _cue(word, cues)
        if found:
            return found
    return 0


def _pluperfect(words: list[str], index: int) -> bool:
    """A plan word + "to" right after "had" / "had been" ("had been scheduled to expire")."""
    if words[index].lower() not in PLAN_WORDS or index + 1 >= len(words) or words[index + 1].lower() != "to":
        return False
    lower = [w.lower() for w in words[max(0, index - 2) : index]]
    return lower[-1:] == ["had"] or lower == ["had", "been"]


def _cue(word: str, cues: dict[str, int]) -> int:
    lower = word.lower()
    if lower in cues:
        return cues[lower]
    if len(lower) > 4 and lower.endswith("ed") and word[0].islower():
        return -1
    return 0


def governing_verb(index: TokenIndex, start: int, end: int) -> int | None:
    """The token index of the verb that governs the expression at ``start..end``, or None."""
    tokens = index.tokens
    inside = set(index.covering(start, end))
    if not inside:
        return None
    current = min(inside)
    for _ in range(MAX_HEAD_STEPS):
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            return None
        current = head
        if current not in inside and tokens[current].pos in ("VERB", "AUX"):
            return current
    return None

