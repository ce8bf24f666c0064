"""Reported figures: a number that counts people or things crisis reporting tracks, what it counts,
as of when, and who reported it.

A number is a figure when the noun it counts ("302,000 people", "hundreds of jihadists") or the
verb that noun goes with ("180 ISIS leaders had been killed") is in ``data/en/counted.tsv``.
``unit_or_what`` is the counted noun phrase plus that verb: "people fled", "members of the Iraqi
security forces trained", "civilians living in Mosul". The source is the speaker of the quote or
reported speech the number sits in (see :mod:`dateline.quotes`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from dateline.clean.comments import comments_start
from dateline.events.fatalities import RUNNING_TOTAL
from dateline.figures.numbers import Number, find_numbers
from dateline.model import Document, Figure
from dateline.quotes import Attribution
from dateline.quotes.speakers import Parse

NOUN_POS = frozenset({"NOUN", "PROPN"})
OF_HEADS = frozenset({"members", "number", "thousands", "hundreds", "dozens", "tens", "millions", "scores"})
VERB_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
MAX_NOUN_GAP = 4  # tokens allowed between a number and its counted noun ("302,000 Iraqi civilians")


@cache
def counted_words(language: str = "en") -> tuple[frozenset[str], frozenset[str]]:
    """(counted nouns, counted verbs/participles) from the packaged TSV."""
    path = resources.files("dateline.figures") / "data" / language / "counted.tsv"
    nouns, verbs = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            word, kind = line.split("\t")[:2]
            (nouns if kind.strip() == "noun" else verbs).add(word.strip().lower())
    return frozenset(nouns), frozenset(verbs)


def extract_figures(document: Document, attributions: list[Attribution]) -> list[Figure]:
    """Every reported figure in the document, one per counted number."""
    if not document.tokens:
        return []
    parse = Parse(document)
    figures = []
    comments = comments_start(document.text)  # figures in readers' comments are nobody's report
    for start, end in document.sentences:
        if comments is not None and end > comments:
            break
        for number, value in _with_ranges(document.text, find_numbers(document.text, start, end)):
            what = counted_what(parse, number)
            if what is None:
                continue
            figures.append(
                Figure(
                    id=f"f-{document.id}-{number.start}",
                    doc=document.id,
                    start=start,
                    end=end,
                    value=value,
                    unit_or_what=what,
                    as_of=as_of(document, start, end, at=number.start),
                    attributed_to=_source(number, attributions, start, end),
                    cumulative=is_running_total(document.text[start:end]),
                )
            )
    return figures


def is_running_total(sentence: str) -> bool:
    """The sentence counts over a period ("killed since March", "the toll has risen to 40", "in the past week"):
    the same test the events stage uses before it gives a toll to one incident."""
    return bool(RUNNING_TOTAL.search(sentence))


_RANGE_JOIN = re.compile(r"\s*(?:and|to|or|-|–|—)\s*", re.IGNORECASE)


def _with_ranges(text: str, numbers: list[Number]) -> list[tuple[Number, float]]:
    """Each number with the value to report; a range ("between 17 and 21 civilians", "17-21 people") is one
    figure, read at its second number (which the counted noun follows) with the lower, most conservative value
    (ACLED's convention)."""
    out: list[tuple[Number, float]] = []
    skip = False
    for i, number in enumerate(numbers):
        if skip:
            skip = False
            continue
        following = numbers[i + 1] if i + 1 < len(numbers) else None
        if following is not None and _RANGE_JOIN.fullmatch(text, number.end, following.start) and number.value < following.value:
            out.append((following, number.value))
            skip = True
        else:
            out.append((number, number.value))
    return out


def counted_what(parse: Parse, number: Number) -> str | None:
    """"people fled" for "302,000 people have fled"; None when the number counts nothing we track."""
    nouns, verbs = counted_words()
    noun = _counted_noun(parse, number)
    if noun is None:
        return None
    phrase = _noun_phrase(parse, number, noun)
    verb = _verb(parse, noun, verbs)
    word = parse.word(noun).lower()
    if word not in nouns and parse.tokens[noun].lemma.lower() + "s" not in nouns and verb is None:
        return None
    return f"{phrase} {verb}" if verb and verb not in phrase.split() else phrase


def _counted_noun(parse: Parse, number: Number) -> int | None:
    """The noun the number counts: its syntactic head, or the first noun after it (via "of")."""
    last = parse.token_at(number.end - 1)
    if last is None:
        return None
    head = parse.tokens[last].head
    if parse.tokens[head].pos in NOUN_POS and head > last and head - last <= MAX_NOUN_GAP:
        return _through_of(parse, head)
    for i in range(last + 1, min(last + 1 + MAX_NOUN_GAP, len(parse.tokens))):
        if parse.tokens[i].sent != parse.tokens[last].sent:
            break
        if parse.tokens[i].pos in NOUN_POS:
            return _through_of(parse, i)
        if parse.tokens[i].pos not in ("ADJ", "ADP", "NUM", "DET", "PROPN", "ADV") and parse.word(i).lower() != "of":
            break
    return None


def _through_of(parse: Parse, noun: int) -> int:
    """"thousands of civilians": count the civilians."""
    if parse.word(noun).lower() in ("number", "thousands", "hundreds", "dozens", "tens", "millions"):
        of = next((c for c in parse.children[noun] if parse.word(c).lower() == "of"), None)
        obj = next((c for c in parse.children[of] if parse.tokens[c].dep == "pobj"), None) if of is not None else None
        if obj is not None:
            return obj
    return noun


def _noun_phrase(parse: Parse, number: Number, noun: int) -> str:
    """Words after the number up to the noun, plus an "of ..." phrase ("members of the Iraqi security forces")."""
    first = parse.token_at(number.end - 1)
    start = parse.tokens[(first if first is not None else noun - 1) + 1].start
    end = parse.tokens[noun].end
    if parse.word(noun).lower() in OF_HEADS:
        of = next((c for c in parse.children[noun] if parse.word(c).lower() == "of" and c > noun), None)
        if of is not None:
            end = parse.tokens[max(parse.subtree(of))].end
    phrase = parse.text[start:end].strip(" ,;:–—-")
    if phrase.lower().startswith("of "):
        phrase = phrase[3:]
    return " ".join(phrase.split())


def _verb(parse: Parse, noun: int, verbs: frozenset[str]) -> str | None:
    """The counted participle: "people fled", "leaders killed", "civilians living in Mosul"."""
    token = parse.tokens[noun]
    for child in parse.children[noun]:
        if parse.tokens[child].dep in ("acl", "relcl", "amod") and _is_counted_verb(parse, child, verbs):
            if parse.tokens[child].dep == "acl" and child > noun:
                return parse.text[parse.tokens[child].start : parse.tokens[max(parse.subtree(child))].end]
            return parse.word(child)
    if token.dep == "pobj" and parse.word(token.head).lower() == "of":  # "hundreds of residents were executed"
        token = parse.tokens[parse.tokens[token.head].head]
    if token.dep in VERB_DEPS and _is_counted_verb(parse, token.head, verbs):
        verb = parse.tokens[token.head]
        return _participle(parse.text[verb.start : verb.end], verb.lemma)
    return None


def _is_counted_verb(parse: Parse, i: int, verbs: frozenset[str]) -> bool:
    token = parse.tokens[i]
    return parse.word(i).lower() in verbs or _participle(parse.word(i), token.lemma) in verbs


def _participle(word: str, lemma: str) -> str:
    """"flee"/"fled"/"fleeing" → "fled"; regular verbs → lemma + "ed"."""
    irregular = {"flee": "fled", "die": "died", "hurt": "hurt", "leave": "left"}
    if word.lower().endswith("ed") or lemma not in irregular and not word.lower().endswith(("ing", "s")):
        return word.lower()
    if lemma in irregular:
        return irregular[lemma]
    return lemma + ("d" if lemma.endswith("e") else "ed")


def as_of(document: Document, start: int, end: int, *, at: int | None = None) -> str | None:
    """The date the figure at ``at`` in sentence ``text[start:end]`` refers to (time stage), else the
    publication date; a running total ("killed since 6 June") is as of the end of its range."""
    from dateline.time import event_date

    value, _precision = event_date(document, start, end, at=at)
    if value and "/" in value:
        value = value.split("/", 1)[1]
    return value or document.published


def _source(number: Number, attributions: list[Attribution], start: int, end: int) -> str | None:
    """The speaker of the quote or reported clause containing the number."""
    for attribution in attributions:
        if attribution.start <= number.start and number.end <= attribution.end and attribution.speaker is not None:
            return attribution.speaker.name
    return None
