"""Who said it: cue words, the speaker's span, canonical name and role, pronoun resolution.

Works on the :class:`~dateline.model.Token` tuples and entity mentions the language layer leaves on
a document (no spaCy here). ``Parse`` indexes the dependency tree once per document.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dateline.model import Document, Mention, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
RELATIVE_SUBJECTS = frozenset({"who", "that", "which", "whom"})  # "the senator, who said ...": the senator
NAME_LABELS = ("PERSON", "ORG", "NORP", "GPE")
NP_LEFT_DEPS = frozenset({"det", "compound", "amod", "poss", "nummod", "nmod", "quantmod", "case"})
ROLE_DEPS = frozenset({"appos", "prep"})
MAX_ROLE_CHARS = 120  # roles longer than this are clauses, not titles ("who was appointed by ...")
MAX_MENTION_CHARS = 300  # no entity mention is longer: bounds the backward search in ``mention_at``
DESCRIPTION_WINDOW = 80  # chars around an earlier PERSON mention searched for "the envoy"-style nouns


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: surface span in the text, best name, and role/title when given."""

    start: int
    end: int
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """One quote with everything we know about it (the stage turns it into a ``Quote``)."""

    start: int
    end: int
    kind: str  # direct | indirect
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: Speaker | None = None


@cache
def load_speech_verbs(language: str = "en") -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """Single-word cue lemmas and multi-word cues (as word tuples) from the packaged list."""
    return load_lexicon("speech_verbs", language)


@cache
def load_lexicon(name: str, language: str = "en") -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """A packaged cue list ``data/<language>/<name>.txt``: single words and multi-word entries."""
    path = resources.files("dateline.quotes") / "data" / language / f"{name}.txt"
    words, phrases = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        if " " in line:
            phrases.add(tuple(line.split()))
        else:
            words.add(line)
    return frozenset(words), frozenset(phrases)


class Parse:
    """Index of a document's tokens: children lists, char → token lookup, subtrees."""

    def __init__(self, document: Document) -> None:
        self.text = document.text
        self.tokens: tuple[Token, ...] = document.tokens
        self.starts = [t.start for t in self.tokens]
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for i, token in enumerate(self.tokens):
            if token.head != i:
                self.children[token.head].append(i)
        self.mentions = sorted(document.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self._sentences: dict[int, list[int]] = {}
        for i, token in enumerate(self.tokens):
            self._sentences.setdefault(token.sent, []).append(i)

    def sentence_tokens(self, sent: int) -> list[int]:
        """Indices of the tokens of sentence ``sent``."""
        return self._sentences.get(sent, [])

    def word(self, i: int) -> str:
        token = self.tokens[i]
        return self.text[token.start : token.end]

    def lemma_forms(self, i: int) -> tuple[str, ...]:
        """Token ``i``'s lemma, and the lemma with its "e" back when the lemmatizer cut "hope"/"hoped"/
        "hopes"/"hoping" to "hop" (a real word, so its rules accept it)."""
        lemma = self.tokens[i].lemma.lower()
        word = self.word(i).lower()
        return (lemma, lemma + "e") if word in (lemma + "e", lemma + "ed", lemma + "es", lemma + "ing") else (lemma,)

    def lemma_in(self, i: int, lemmas: frozenset[str]) -> bool:
        """Whether one of token ``i``'s :meth:`lemma_forms` is in ``lemmas``."""
        return any(form in lemmas for form in self.lemma_forms(i))

    def token_at(self, char: int) -> int | None:
        """Index of the token covering ``char`` (or the last token starting before it)."""
        i = bisect.bisect_right(self.starts, char) - 1
        return i if i >= 0 else None

    def tokens_between(self, start: int, end: int) -> range:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return range(lo, hi)

    def subtree(self, i: int) -> list[int]:
        out, todo = [], [i]
        while todo:
            j = todo.pop()
            out.append(j)
            todo.extend(self.children[j])
        return sorted(out)

    def span_of(self, indices: list[int]) -> tuple[int, int]:
        return self.tokens[min(indices)].start, self.tokens[max(indices)].end

    def child(self, i: int, deps: frozenset[str]) -> int | None:
        return next((c for c in self.children[i] if self.tokens[c].dep in deps), None)

    def mention_at(self, i: int) -> Mention | None:
        """The earliest-starting mention covering token ``i`` (mentions are sorted by start)."""
        char = self.tokens[i].start
        found = None
        for j in range(bisect.bisect_right(self.mention_starts, char) - 1, -1, -1):
            mention = self.mentions[j]
            if mention.start < char - MAX_MENTION_CHARS:
                break
            if char < mention.end:
                found = mention
        return found


def find_cues(parse: Parse, indices: range | list[int], *, language: str = "en") -> list[int]:
    """Token indices (in order) whose lemma is a cue: a speech verb or the head of a multi-word cue."""
    words, phrases = load_speech_verbs(language)
    found = []
    for i in indices:
        token = parse.tokens[i]
        if (token.pos in ("VERB", "AUX") and parse.lemma_in(i, words)) or _starts_phrase(parse, i, phrases):
            found.append(i)
    return found


def _starts_phrase(parse: Parse, i: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    first = {parse.word(i).lower(), parse.tokens[i].lemma.lower()}
    for phrase in phrases:
        if phrase[0] not in first:
            continue
        n = len(phrase)
        if i + n <= len(parse.tokens) and all(parse.word(i + k).lower() == phrase[k] or parse.tokens[i + k].lemma.lower() == phrase[k] for k in range(n)):
            return True
    return False


def cue_text(parse: Parse, cue: int) -> tuple[str, int, int]:
    """The cue words ("said", "has learned", "according to", "told") and their char span."""
    token = parse.tokens[cue]
    if parse.word(cue).lower() == "according" and cue + 1 < len(parse.tokens):
        return "according to", token.start, parse.tokens[cue + 1].end
    aux = [c for c in parse.children[cue] if parse.tokens[c].dep in ("aux", "auxpass") and c < cue]
    start = parse.tokens[aux[0]].start if aux and cue - aux[0] <= 2 else token.start
    return parse.text[start : token.end], start, token.end


def subject_of(parse: Parse, cue: int) -> int | None:
    """The subject token of a cue verb (through conjunctions), or the object of "according to"."""
    if parse.word(cue).lower() == "according":
        to = parse.child(cue, frozenset({"prep"})) if parse.children[cue] else None
        to = to if to is not None else (cue + 1 if cue + 1 < len(parse.tokens) else None)
        return parse.child(to, frozenset({"pobj"})) if to is not None else None
    seen = cue
    for _ in range(4):
        subject = _nearest_subject(parse, seen)
        if subject is not None and (seen == cue or find_cues(parse, [seen])):
            return subject
        if parse.tokens[seen].dep not in ("conj", "xcomp", "advcl", "ccomp") or parse.tokens[seen].head == seen:
            break
        seen = parse.tokens[seen].head
    return _adjacent_name(parse, cue)


def _nearest_subject(parse: Parse, verb: int) -> int | None:
    """The subject child closest to the verb (a quote's own subject can be mis-attached to "said")."""
    subjects = [c for c in parse.children[verb] if parse.tokens[c].dep in SUBJECT_DEPS]
    return min(subjects, key=lambda c: abs(c - verb)) if subjects else None


def _adjacent_name(parse: Parse, cue: int) -> int | None:
    """A name right after the cue ("..., said Hadi al-Amiri") when the parser found no subject."""
    nxt = cue + 1
    if nxt < len(parse.tokens) and parse.mention_at(nxt) is not None:
        return nxt
    return None


def resolve_speaker(parse: Parse, head: int, history: list[Speaker]) -> Speaker:
    """Turn a subject token into a speaker: mention name, resolved pronoun, or the noun phrase.

    A relative pronoun ("the senator, who said ...") keeps its own span (the text's source word) and
    takes the name and role of its antecedent.
    """
    antecedent = relative_antecedent(parse, head)
    if antecedent != head:
        named = resolve_speaker(parse, antecedent, history)
        token = parse.tokens[head]
        return Speaker(token.start, token.end, named.name, named.role)
    word = parse.word(head)
    token = parse.tokens[head]
    if word.lower() in PERSONAL_PRONOUNS:
        return Speaker(token.start, token.end, _antecedent(parse, token.start, history) or word)
    mention = _best_mention(parse, head)
    if mention is not None:
        return Speaker(mention.start, mention.end, mention.canonical or mention.text, _role(parse, head, mention))
    start, end = _noun_phrase(parse, head)
    phrase = parse.text[start:end]
    linked = _described_person(parse, head, start)
    if linked is not None:
        return Speaker(start, end, linked, phrase)
    preps = [_trim(parse, parse.subtree(c)) for c in parse.children[head] if parse.tokens[c].dep == "prep" and c > head]
    return Speaker(start, end, phrase, " ".join(p for p in preps if p) or None)


def relative_antecedent(parse: Parse, head: int) -> int:
    """A relative pronoun subject ("who", "that") stands for the noun its clause modifies ("a senator who said ...")."""
    if parse.word(head).lower() not in RELATIVE_SUBJECTS or parse.tokens[head].dep not in SUBJECT_DEPS:
        return head
    verb = parse.tokens[head].head
    for _ in range(4):  # "who later said", "who has repeatedly called for": climb conj/xcomp to the relcl verb
        if parse.tokens[verb].dep == "relcl":
            antecedent = parse.tokens[verb].head
            return antecedent if antecedent < head and parse.tokens[antecedent].pos in ("NOUN", "PROPN", "PRON") else head
        if parse.tokens[verb].dep not in ("conj", "xcomp") or parse.tokens[verb].head == verb:
            break
        verb = parse.tokens[verb].head
    return head


def _best_mention(parse: Parse, head: int) -> Mention | None:
    """The mention naming the subject: the head's own PERSON, an appositive PERSON, any name."""
    own = parse.mention_at(head)
    if own is not None and own.label == "PERSON":
        return own
    for child in parse.children[head]:
        if parse.tokens[child].dep == "appos":
            found = [parse.mention_at(i) for i in parse.subtree(child)]
            people = [m for m in found if m is not None and m.label == "PERSON"]
            if people:
                return people[0]
    if own is not None and own.label in NAME_LABELS:
        return own
    return None


def _noun_phrase(parse: Parse, head: int) -> tuple[int, int]:
    left = [c for c in parse.children[head] if c < head and parse.tokens[c].dep in NP_LEFT_DEPS]
    indices = [head]
    for c in left:
        indices.extend(parse.subtree(c))
    return parse.span_of(indices)


def _role(parse: Parse, head: int, mention: Mention) -> str | None:
    """Title and descriptive phrase of a named speaker ("General", "the leader of the Badr Organization")."""
    parts = []
    if mention.canonical and mention.text.endswith(mention.canonical) and mention.text != mention.canonical:
        parts.append(mention.text[: -len(mention.canonical)].strip())
    name_tokens = set(parse.tokens_between(mention.start, mention.end))
    anchor = max(name_tokens) if name_tokens else head
    if parse.tokens[anchor].dep == "appos":  # "The envoy ..., Brett McGurk": the role is the head phrase
        governor = parse.tokens[anchor].head
        indices = [i for i in parse.subtree(governor) if i not in set(parse.subtree(anchor))]
        parts.append(_trim(parse, indices))
    for child in parse.children[anchor]:
        if parse.tokens[child].dep in ROLE_DEPS and child > anchor:
            parts.append(_trim(parse, parse.subtree(child)))
    kept = [p for p in parts if p and len(p) <= MAX_ROLE_CHARS]
    role = ""
    for part in kept:
        glue = " " if part.split()[0].lower() in ("of", "for", "at", "in", "from", "with") else ", "
        role = f"{role}{glue}{part}" if role else part
    return role or None


def _trim(parse: Parse, indices: list[int]) -> str:
    """Text of the first contiguous run of tokens, without edge punctuation."""
    indices = sorted(indices)
    run = [indices[0]]
    for i in indices[1:]:
        if i != run[-1] + 1 or parse.word(i) == ",":
            break
        run.append(i)
    while run and parse.tokens[run[-1]].pos == "PUNCT":
        run.pop()
    while run and parse.tokens[run[0]].pos == "PUNCT":
        run.pop(0)
    return parse.text[parse.tokens[run[0]].start : parse.tokens[run[-1]].end] if run else ""


def _antecedent(parse: Parse, before: int, history: list[Speaker]) -> str | None:
    """The most recent PERSON speaker or PERSON subject before ``before``."""
    best: tuple[int, str] | None = None
    for speaker in history:
        if speaker.start < before and speaker.name and speaker.name[0].isupper():
            best = max(best or (speaker.start, speaker.name), (speaker.start, speaker.name))
    fallback = None
    for mention in parse.mentions:
        if mention.start >= before:
            break
        if mention.label != "PERSON":
            continue
        fallback = mention
        i = parse.token_at(mention.end - 1)
        subject = i is not None and parse.tokens[i].dep in SUBJECT_DEPS | {"appos", "ROOT"}
        if subject and (best is None or mention.start > best[0]):
            best = (mention.start, mention.canonical or mention.text)
    if best is None and fallback is not None:
        return fallback.canonical or fallback.text
    return best[1] if best else _proper_subject(parse, before)


def _proper_subject(parse: Parse, before: int) -> str | None:
    """No PERSON mention (NER missed the name): the latest proper-noun subject before ``before``."""
    last = parse.token_at(before)
    for i in range((last or 0) - 1, -1, -1):
        token = parse.tokens[i]
        if token.dep == "nsubj" and token.pos == "PROPN":
            start, end = _noun_phrase(parse, i)
            return parse.text[start:end]
    return None


def _described_person(parse: Parse, head: int, start: int) -> str | None:
    """Link "the envoy" to an earlier PERSON whose nearby description contains "envoy"."""
    if not any(parse.word(c).lower() == "the" for c in parse.children[head]):
        return None
    noun = parse.word(head).lower()
    if not noun.isalpha() or parse.tokens[head].tag in ("NNS", "NNPS"):
        return None
    for mention in reversed(parse.mentions):
        if mention.start >= start or mention.label != "PERSON":
            continue
        window = parse.text[max(0, mention.start - DESCRIPTION_WINDOW) : mention.end + DESCRIPTION_WINDOW].lower()
        if noun in window.split() or f"{noun} " in window:
            return mention.canonical or mention.text
    return None


def name_before(parse: Parse, cue: int, outside: tuple[int, int]) -> int | None:
    """No parsed subject: the last name mention before the cue in its sentence, outside the content."""
    sent = parse.tokens[cue].sent
    for i in range(cue - 1, -1, -1):
        token = parse.tokens[i]
        if token.sent != sent:
            break
        if outside[0] <= token.start < outside[1]:
            continue
        mention = parse.mention_at(i)
        if mention is not None and mention.label in NAME_LABELS:
            return i
    return None
