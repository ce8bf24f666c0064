"""Indirect (reported) speech: "Mr X said ISIS had lost ..." → the reported clause, attributed to X.

A cue verb's clausal complement (``ccomp``, with its "that") is the content, in the cue's sentence; "...,
according to X" and a fronted "In a CNN poll, ..." make the rest of the clause the content; a
parenthetical or comma-spliced frame ("The bridge, he said, will open ...", "X is ready, the minister
told reporters") makes the clause it frames the content; "asked if ..." keeps the question and "said yes"
the answer. What the writer adds at the end of a content after a comma or a dash is an aside and is cut
(", which ...", an apposition, a "where"/"while"/"as" clause, a participle); an aside inside a content stays. A quotation opened inside the content runs to its closing
mark. With no parsed subject, the last name before the cue in the sentence is the source; with none at
all the clause is kept without a source. Clauses four fifths inside quotation marks are left to
:mod:`dateline.quotes.direct`.
"""

from __future__ import annotations

from dateline.quotes.direct import Marked
from dateline.quotes.speakers import (
    Attribution,
    Parse,
    Speaker,
    cue_text,
    find_cues,
    load_lexicon,
    name_before,
    resolve_speaker,
    subject_of,
)

CONTENT_DEPS = frozenset({"ccomp", "xcomp"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
MIN_CONTENT_TOKENS = 3  # "he said so" has no reported clause worth keeping
MAX_QUOTED_SHARE = 0.8  # a clause more than four fifths inside quote marks is a direct quote
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "whose"})
POLL_NOUNS = frozenset({"poll", "survey", "average"})  # "leads in the polls", "trails in the RealClearPolitics average"
ASIDE_SEPARATORS = frozenset({",", "—", "–", "--"})  # ", a neurosurgeon who ...", "— a high sum, but ..."
ASIDE_MARKS = frozenset({"while", "as", "since", "whereas", "although", "though", "even", "whether"})
WH_TAGS = frozenset({"WDT", "WP"})
EDGE_PUNCT = " ,;:.—–-\n\t"
QUESTION_CUES = frozenset({"ask", "wonder", "inquire", "question"})
SHORT_ANSWER_CUES = frozenset({"say"})
SHORT_ANSWERS = frozenset({"yes", "no", "so", "same"})
REFUSAL_CUES = frozenset({"decline", "refuse"})  # "declined to comment" is an attribution of its own
ASPECTUAL_CUES = frozenset({"continue"})  # "he continued: '...'" is a cue; "continued to campaign" is not
NOT_THAT_CUES = frozenset({"mean", "ensure", "prove", "make"})  # "the ruling means that ...": a consequence, not a stance


def find_indirect(parse: Parse, marked: list[Marked], history: list[Speaker]) -> list[Attribution]:
    """Reported-speech attributions for every cue verb with a clausal complement."""
    out: list[Attribution] = []
    cues = find_cues(parse, range(len(parse.tokens)))
    phrases = _source_phrases(parse)
    cues = sorted(set(cues) | set(_that_clause_verbs(parse)) | set(phrases))
    for cue in cues:
        if cue in phrases:
            span = _according_content(parse, cue) if phrases[cue] else _poll_content(parse, cue)
        else:
            span = _content(parse, cue)
        if span is None or _mostly_quoted(span, marked) or _inside_quote(parse.tokens[cue].start, marked):
            continue
        span = through_open_quote(span, marked)
        words, start, end = cue_text(parse, cue)
        if cue in phrases:  # "in a poll ...": the phrase's noun is the source
            subject = parse.child(cue, frozenset({"pobj"}))
        else:
            subject = subject_of(parse, cue)
            subject = subject if subject is not None else name_before(parse, cue, span)
        speaker = resolve_speaker(parse, subject, history) if subject is not None else None
        parenthetical = span[0] <= start < span[1]  # "X, he said, Y": cue and source inside the span
        if speaker is not None and not parenthetical and speaker.start >= span[0] and speaker.end <= span[1]:
            continue  # no source, or the "subject" is inside the content: a parse error
        out.append(Attribution(span[0], span[1], "indirect", words, start, end, speaker))
        if speaker is not None:
            history.append(speaker)
    return out


def _that_clause_verbs(parse: Parse) -> list[int]:
    out = []
    for i, t in enumerate(parse.tokens):
        if t.pos != "VERB" or t.lemma.lower() in NOT_THAT_CUES:
            continue
        subj = parse.child(i, frozenset({"nsubj"}))
        if subj is None or parse.word(subj).lower() in ("it", "this", "that", "which"):
            continue
        for c in parse.children[i]:
            if c > i and parse.tokens[c].dep == "ccomp":
                first = min(parse.subtree(c))
                if parse.word(first).lower() == "that" and parse.tokens[first].dep == "mark":
                    out.append(i)
                    break
    return out


def _poll_content(parse: Parse, prep: int) -> tuple[int, int] | None:
    """"Trump has a decisive lead in the polls ...": the clause the phrase hangs on, up to the phrase."""
    head = parse.tokens[prep].head
    while parse.tokens[head].pos not in ("VERB", "AUX") and parse.tokens[head].head != head:
        head = parse.tokens[head].head  # "a growing lead in the poll": from the noun up to its verb
    sent = parse.tokens[prep].sent
    own = set(parse.subtree(prep))
    indices = [i for i in parse.subtree(head) if i not in own and i < prep and parse.tokens[i].sent == sent]
    run = first_run(parse, without_asides(parse, indices))
    if len(run) < MIN_CONTENT_TOKENS:
        return None
    return _trimmed(parse, *parse.span_of(run))


def _source_phrases(parse: Parse) -> dict[int, bool]:
    """"In a CNN poll, 48 percent chose Clinton": a fronted "in" phrase whose noun is a poll, report or
    statement attributes the rest of the clause. ("For Trump, ..." was measured too: as often a
    beneficiary as a point of view, so it is not a cue.)"""
    nouns, _ = load_lexicon("source_nouns")
    out: dict[int, bool] = {}  # prep token → fronted
    for i, t in enumerate(parse.tokens):
        if t.dep != "prep" or parse.word(i).lower() != "in":
            continue
        obj = parse.child(i, frozenset({"pobj"}))
        if obj is None or not parse.lemma_in(obj, nouns) or parse.tokens[obj].tag not in ("NN", "NNS"):
            continue
        sentence = parse.sentence_tokens(t.sent)
        lead = [j for j in sentence if j < i and parse.tokens[j].pos not in ("CCONJ", "PUNCT", "SPACE")]
        end = max(parse.subtree(i))
        fronted = not lead and end + 1 < len(parse.tokens) and parse.word(end + 1) == ","
        if not fronted and not parse.lemma_in(obj, POLL_NOUNS):
            continue  # mid-clause, only polls: "Trump leads in the polls"; "in an interview" or "in the count" is no source
        if find_cues(parse, sentence):
            continue  # "said in a statement", "in an interview, she argued": the verb is the cue
        out[i] = fronted
    return out


def _content(parse: Parse, cue: int) -> tuple[int, int] | None:
    if parse.word(cue).lower() == "according":
        return _according_content(parse, cue)
    passive = any(parse.tokens[c].dep == "auxpass" for c in parse.children[cue])
    aspectual = parse.tokens[cue].lemma.lower() in ASPECTUAL_CUES
    sent = parse.tokens[cue].sent  # the parser sometimes hangs the next sentence's quote on the cue
    complements = [c for c in parse.children[cue] if parse.tokens[c].dep in CONTENT_DEPS and parse.tokens[c].sent == sent
                   and not ((passive or aspectual) and parse.tokens[c].dep == "xcomp")]
    if parse.lemma_in(cue, QUESTION_CUES):  # "asked the students if they were ...": the parser makes the question an adverbial
        complements += [c for c in parse.children[cue] if c > cue and parse.tokens[c].dep == "advcl" and parse.tokens[c].sent == sent
                        and any(parse.tokens[m].dep == "mark" and parse.word(m).lower() in ("if", "whether") for m in parse.children[c])]
    if any(c > cue for c in complements):  # "X ripped Y: He said Z": the clause after the cue is what he said
        complements = [c for c in complements if c > cue]
    if not complements and parse.lemma_in(cue, SHORT_ANSWER_CUES):
        answer = next((c for c in parse.children[cue] if c > cue and parse.word(c).lower() in SHORT_ANSWERS
                       and parse.tokens[c].dep in ("dobj", "advmod", "intj", "amod")), None)
        if answer is not None:  # "46 percent said yes", "a third said the same": the answer is what was said
            return _trimmed(parse, *parse.span_of(parse.subtree(answer)))
    if not complements:
        if parse.tokens[cue].dep == "parataxis" or _spliced_frame(parse, cue):
            return _parenthetical_content(parse, cue)
        return None
    indices = [i for c in complements for i in _clause(parse, c) if parse.tokens[i].sent == sent]
    if len(indices) > 1 and indices[0] < cue < indices[1] and parse.tokens[indices[0]].tag in WH_TAGS:
        indices = indices[1:]  # "which officials said will go ...": the relative pronoun before the cue is left out
    indices += _coordinated_infinitives(parse, cue, complements, max(indices))
    indices += _coordinated_that_clauses(parse, cue, max(indices))
    indices = _without_coordinated_cues(parse, without_trailing_asides(parse, without_asides(parse, indices)))
    if len(indices) < (2 if parse.lemma_in(cue, REFUSAL_CUES) else MIN_CONTENT_TOKENS):
        return None
    return _trimmed(parse, *parse.span_of(indices))


def _clause(parse: Parse, head: int) -> list[int]:
    """The reported clause without a clause the parser hung before it ("X won, he said Y" parsed with
    "X won" inside Y): PolNeAR keeps that earlier clause out of the content three times in four."""
    drop = {i for c in parse.children[head] if c < head and parse.tokens[c].dep == "ccomp" for i in parse.subtree(c)}
    return [i for i in parse.subtree(head) if i not in drop]


def _coordinated_that_clauses(parse: Parse, cue: int, end: int) -> list[int]:
    """"said the U.S. needs X, but that he would not support Y": a "that" clause the parser coordinated
    with the cue verb is reported too (unless it has a cue of its own)."""
    out: list[int] = []
    for c in parse.children[cue]:
        token = parse.tokens[c]
        if c <= end or token.dep != "conj" or token.sent != parse.tokens[cue].sent:
            continue
        if not any(parse.tokens[m].dep == "mark" and parse.word(m).lower() == "that" for m in parse.children[c]):
            continue
        clause = parse.subtree(c)
        if find_cues(parse, clause):
            continue
        out.extend(range(end + 1, max(clause) + 1))
        end = max(clause)
    return out


def _coordinated_infinitives(parse: Parse, cue: int, complements: list[int], end: int) -> list[int]:
    """"wants to triple X, grow Y and create Z": bare verbs the parser coordinated with the cue continue its "to" clause."""
    infinitive = any(parse.tokens[c].dep == "xcomp" and parse.tokens[c].tag == "VB" for c in complements)
    if not infinitive:
        return []
    out: list[int] = []
    for c in parse.children[cue]:
        token = parse.tokens[c]
        if c <= end or token.dep != "conj" or token.tag != "VB" or parse.child(c, SUBJECTS) is not None:
            continue
        if any(parse.tokens[a].dep == "aux" for a in parse.children[c]):
            continue  # "wants to go and will ...": a new clause of the source's own
        clause = parse.subtree(c)
        out.extend(range(end + 1, max(clause) + 1))
        end = max(clause)
    return out


def _spliced_frame(parse: Parse, cue: int) -> bool:
    """"This includes X, Defense Secretary Ash Carter told a panel.": the parser coordinates the frame with
    the clause before it; a comma and no conjunction mark it as a frame."""
    token = parse.tokens[cue]
    if token.dep != "conj" or token.head > cue or parse.child(cue, SUBJECTS) is None:
        return False
    if any(parse.tokens[c].dep == "cc" for c in parse.children[token.head] if token.head < c < cue):
        return False
    first = min(parse.subtree(cue))
    return first > 0 and parse.word(first - 1) == ","


def _parenthetical_content(parse: Parse, cue: int) -> tuple[int, int] | None:
    """"The museum, Mr. Obama said, would make ...": the clause the parenthetical cue interrupts."""
    head = parse.tokens[cue].head
    own = set(parse.subtree(cue))
    indices = [i for i in parse.subtree(head) if i not in own]
    if len(indices) < MIN_CONTENT_TOKENS or find_cues(parse, [head]):
        return None
    return _trimmed(parse, *parse.span_of(indices))


def without_trailing_asides(parse: Parse, indices: list[int]) -> list[int]:
    """Cut what the writer adds after a comma or a dash at the end of a content: an apposition ("voted for Ben
    Carson, a neurosurgeon who ..."), a "where"/"when" clause, a "while"/"as"/"since"/"although" clause
    and a participle ("..., referring to the convention"). PolNeAR leaves them out of the content."""
    keep = sorted(indices)
    for _ in range(2):  # "X, a senator, while ...": up to two asides
        words = [i for i in keep if parse.tokens[i].pos != "PUNCT"]
        if len(words) < 2:
            break
        cut = next((k for k in keep[1:] if _opens_trailing_aside(parse, k, keep, words[-1])), None)
        if cut is None:
            break
        keep = [i for i in keep if i < cut]
    return keep


def _opens_trailing_aside(parse: Parse, comma: int, keep: list[int], last: int) -> bool:
    first = comma + 1
    if parse.word(comma) not in ASIDE_SEPARATORS or first not in keep:
        return False
    head = first  # the constituent the comma opens: climb while the head's phrase starts at the same word
    while parse.tokens[head].head != head and parse.tokens[head].head in keep and min(parse.subtree(parse.tokens[head].head)) == first:
        head = parse.tokens[head].head
    if max(parse.subtree(head)) < last:
        return False  # something of the content follows: not at the end
    token, word = parse.tokens[head], parse.word(first).lower()
    if token.dep == "appos":
        return True
    if token.dep == "relcl":
        return word in ("where", "when")
    if token.dep == "advcl":
        return word in ASIDE_MARKS or (token.tag == "VBG" and head == first)
    return False


def without_asides(parse: Parse, indices: list[int]) -> list[int]:
    """Drop the writer's asides: non-restrictive relative clauses (", which forced her to leave ...")."""
    keep = set(indices)
    for i in indices:
        if parse.tokens[i].dep == "relcl" and i in keep:
            clause = parse.subtree(i)
            first = clause[0]
            if first > 0 and parse.word(first - 1) == "," and parse.word(first).lower() in RELATIVE_PRONOUNS:
                if any(j > clause[-1] + 1 and parse.tokens[j].pos != "PUNCT" for j in keep):
                    continue  # "that Mrs. Clinton, who had ..., did better": an aside inside the content stays
                keep.difference_update(clause)
                keep.discard(first - 1)
    return sorted(keep)


def _without_coordinated_cues(parse: Parse, indices: list[int]) -> list[int]:
    """Cut "killed and said: '...'" before the second cue; keep the first contiguous run."""
    cues = set(find_cues(parse, indices))
    cut = sorted(i for i in indices if i in cues and parse.tokens[i].dep == "conj" and not _own_clause(parse, i)
                 and parse.tokens[i].lemma.lower() not in ASPECTUAL_CUES)
    if cut:
        indices = [i for i in indices if i < cut[0]]
    run = first_run(parse, sorted(indices))
    while run and parse.tokens[run[-1]].pos in ("CCONJ", "PUNCT"):
        run.pop()
    return run


def _own_clause(parse: Parse, verb: int) -> bool:
    """"... but that it would add ...": a coordinated verb with its own subject or "that" is part of the content."""
    return any(parse.tokens[c].dep in SUBJECTS or (parse.tokens[c].dep == "mark" and parse.word(c).lower() == "that") for c in parse.children[verb])


def first_run(parse: Parse, indices: list[int]) -> list[int]:
    """The first run of consecutive token indices; a gap of whitespace tokens (a no-break or double
    space the parser hung elsewhere) does not end the run."""
    run = indices[:1]
    for i in indices[1:]:
        if i != run[-1] + 1 and any(parse.word(k).strip() for k in range(run[-1] + 1, i)):
            break
        run.append(i)
    return run


def _according_content(parse: Parse, cue: int) -> tuple[int, int] | None:
    """"X happened, according to Y": the clause of the verb "according" modifies, minus the phrase."""
    head = parse.tokens[cue].head
    if find_cues(parse, [head]) and any(parse.tokens[c].dep in CONTENT_DEPS for c in parse.children[head]):
        return None  # "X said Y, according to Reuters": X is the source, the agency only relays
    sent = parse.tokens[cue].sent
    own = set(parse.subtree(cue))
    indices = [i for i in parse.sentence_tokens(sent) if i not in own]
    if len(indices) < MIN_CONTENT_TOKENS:
        return None
    before = [i for i in indices if i < cue]
    after = [i for i in indices if i > max(own)]
    side = before if len(before) >= len(after) else after
    if len(side) < MIN_CONTENT_TOKENS:
        return None
    return _trimmed(parse, *parse.span_of(side))


def _trimmed(parse: Parse, start: int, end: int) -> tuple[int, int] | None:
    text = parse.text
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return (start, end) if end > start else None


def through_open_quote(span: tuple[int, int], marked: list[Marked]) -> tuple[int, int]:
    """'said that “ethanol people” “do a fantastic job. And ...”': a quote opened inside the content runs to its closing mark."""
    start, end = span
    for m in marked:
        if start <= m.open < end < m.end and m.close is not None:
            end = m.close + 1
    return start, end


def _mostly_quoted(span: tuple[int, int], marked: list[Marked]) -> bool:
    length = span[1] - span[0]
    inside = sum(max(0, min(span[1], m.end) - max(span[0], m.start)) for m in marked if not m.fragment)
    return length > 0 and inside / length > MAX_QUOTED_SHARE


def _inside_quote(char: int, marked: list[Marked]) -> bool:
    return any(m.start <= char < m.end for m in marked)
