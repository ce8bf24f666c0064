"""The date a sentence's events happened on: the time expression governing the event verb, else the
nearest preceding one in the paragraph (history, over a month before publication, only from the two sentences
before: news returns to the present after a digression), else the document date."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta

from dateline.model import Document, TimeExpression
from dateline.time import calendar as cal
from dateline.time.entries import STAMP_RULE, local_stamp
from dateline.time.lexicon import number_value
from dateline.time.tense import REPORTING_VERBS, TokenIndex, governing_verb, token_index

PRECISION = {"day": "day", "week": "week", "month": "month", "quarter": "month", "year": "year"}
MAX_HEAD_STEPS = 6
BORROW_SENTENCES = 2  # history (a date over a month before publication) lends its date this far only
HISTORY_DAYS = 30  # EVENT_CODING.md's background horizon: "more than about a month before publication"


def event_date(document: Document, start: int, end: int, *, at: int | None = None) -> tuple[str | None, str | None]:
    """(value, precision) for the events of ``document.text[start:end]`` (a sentence span).

    ``at``, the offset of the event's trigger, matters for "since" clauses: in "224 civilians have been
    killed since the offensive began on 6 June" the offensive began on 6 June, but the killing is a range
    from 6 June to the publication date (``"2017-06-06/2017-07-04"``, precision ``range``).
    """
    dated = [t for t in document.times if t.type in ("DATE", "TIME") and cal.parse_value(t.value)]
    inside = [t for t in dated if start <= t.start and t.end <= end]
    if at is not None:
        inside = [t for t in inside if not said_of_another(document, t, at)]
        # "troops shelled the town on Thursday, a spokesman told CNN Saturday": Saturday dates the saying; the
        # clause's own day wins whenever it has one
        inside = [t for t in inside if not dates_the_saying(document, t)] or inside
    if at is not None:
        # "troops moved in, the first time since 1985 that the army was used": 1985 dates another clause
        inside = [t for t in inside if not _since_elsewhere(document, t, start, end, at)]
    offset = offset_clause(document, at) if at is not None else None
    if offset is not None:  # "two days after militants overran it": a day counted from the main clause's
        days, (lo, hi), main = offset
        own = [t for t in inside if lo <= t.start < hi]
        if not own:  # the clause names no day of its own
            return _shifted(event_date(document, start, end, at=main), days)
        inside = own  # "two days after bandits overran it on Monday": Monday
    if inside:
        chosen = _governing(document, inside, start, end) or inside[0]
        clause = since_clause(document, chosen, start, end) if at is not None else None
        if clause is not None and not clause[0] <= at < clause[1]:  # type: ignore[operator]
            return _since_range(document, chosen)
        return _refined(chosen, inside)
    lo = _paragraph_start(document, start)
    near = _sentences_back(document, start, BORROW_SENTENCES)
    before = [t for t in dated if lo <= t.start and t.end <= start and (t.start >= near or not _history(document, t))]
    while before and _in_since_clause(document, before[-1]):
        before.pop()  # only the nearest expressions are read: parse walks for those alone
    if before:
        if before[-1].rule == STAMP_RULE:  # a live page's entry without a date of its own: its stamp's day
            return _value(local_stamp(document.text, [t for t in before if t.rule == STAMP_RULE]))
        return _value(before[-1])
    return _document_date(document)


OFFSET_UNITS = {"day": 1, "week": 7}  # "two days after ...", "a week before ..."
OFFSET_MARKS = {"after": -1, "before": 1}  # the clause's event is that many days before / after the main clause's


def offset_clause(document: Document, at: int) -> tuple[int, tuple[int, int], int] | None:
    """Days between the main clause's day and the event at offset ``at`` when the event is told in a clause
    counted from it ("recaptured the town on Friday, two days after militants overran it": the overrunning was
    two days before Friday, -2), with the clause's character span and the offset of the main clause's verb;
    None for any other event."""
    tokens = document.tokens
    if not tokens:
        return None
    index = token_index(tokens)
    children = index.children
    current = index.at(at)
    if current is None:
        return None
    for _ in range(MAX_HEAD_STEPS):
        token = tokens[current]
        if token.dep in ("ccomp", "xcomp") or token.lemma.lower() in REPORTING_VERBS:
            return None  # "a day after NATO acknowledged an errant strike": the day of the saying, not the strike's
        if token.dep == "advcl":
            marker = next((i for i in children[current] if tokens[i].dep in ("mark", "prep")
                           and tokens[i].lemma.lower() in OFFSET_MARKS), None)
            if marker is None:
                return None
            # "two days" hangs on the clause's verb, on "after", or, as the parser often has it, on the main verb
            around = (*children[current], *children[marker], *children[token.head])
            unit = next((i for i in around if tokens[i].dep == "npadvmod"
                         and tokens[i].lemma.lower() in OFFSET_UNITS and 0 < marker - i <= 2), None)
            if unit is None:
                return None
            count = next((number_value(document.text[tokens[i].start:tokens[i].end]) for i in children[unit]
                          if tokens[i].dep in ("nummod", "det")), None)
            if not count or count != int(count):
                return None
            span = _subtree(current, children)
            days = OFFSET_MARKS[tokens[marker].lemma.lower()] * int(count) * OFFSET_UNITS[tokens[unit].lemma.lower()]
            return days, (tokens[min(span)].start, tokens[max(span)].end), tokens[token.head].start
        head = token.head
        if head == current or not 0 <= head < len(tokens):
            return None
        current = head
    return None


def _shifted(dated: tuple[str | None, str | None], days: int) -> tuple[str | None, str | None]:
    """A day-precision date moved by ``days``; a coarser one is kept (a week or month holds the day anyway)."""
    value, precision = dated
    if value is None or precision != "day" or len(value) != 10:
        return value, precision
    try:
        return cal.fmt_day(date.fromisoformat(value) + timedelta(days=days)), "day"
    except ValueError:
        return value, precision


def said_of_another(document: Document, time: TimeExpression, at: int) -> bool:
    """The expression dates what someone said happened, in a clause under the event's trigger ("have arrested a
    man, saying he entered the city two weeks ago"): the day of another event, not the trigger's. A day that
    dates the saying itself ("..., the soldier said Friday") is not such a day."""
    tokens = document.tokens
    if not tokens:
        return False
    index = token_index(tokens)
    trigger = index.at(at)
    current = min(index.covering(time.start, time.end))
    dated_verb = False  # passed the verb the expression dates
    passed = False  # a reporting verb above that verb: the expression is inside what was said
    for _ in range(2 * MAX_HEAD_STEPS):
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            return False
        current = head
        if current == trigger:
            return passed
        if tokens[current].pos == "VERB":
            reporting = tokens[current].lemma.lower() in REPORTING_VERBS
            if not dated_verb and reporting:
                return False  # it dates the saying
            dated_verb, passed = True, passed or reporting
    return False


def dates_the_saying(document: Document, time: TimeExpression) -> bool:
    """The first verb above the expression is a verb of saying ("..., a spokesman told CNN Saturday")."""
    if not document.tokens:
        return False
    verb = governing_verb(token_index(document.tokens), time.start, time.end)
    return verb is not None and document.tokens[verb].lemma.lower() in REPORTING_VERBS


def _refined(chosen: TimeExpression, inside: list[TimeExpression]) -> tuple[str | None, str | None]:
    """The chosen expression's value, or the one day of the sentence that falls inside it when it is a week or a
    month: "one week ago, Egyptians emerged from Friday prayers" is that Friday, not the whole week."""
    value, precision = _value(chosen)
    span = cal.day_span(value) if value and precision in ("week", "month") else None
    if span is None:
        return value, precision
    days = {v[0] for t in inside if t is not chosen and (v := _value(t))[1] == "day"
            and (point := cal.day_span(v[0])) is not None and span[0] <= point[0] <= span[1]}
    return (days.pop(), "day") if len(days) == 1 else (value, precision)


def since_clause(document: Document, time: TimeExpression, start: int, end: int) -> tuple[int, int] | None:
    """Character span of the "since ..." phrase or clause holding ``time``, or None when there is none."""
    found = _since_root(document, time, start, end)
    if found is None:
        return None
    index, root = found
    subtree = _subtree(root, index.children)
    return document.tokens[min(subtree)].start, document.tokens[max(subtree)].end


def _since_root(document: Document, time: TimeExpression, start: int, end: int) -> tuple[TokenIndex, int] | None:
    """The token index and the token whose subtree is the "since ..." phrase or clause holding ``time`` in the
    sentence ``text[start:end]``, or None."""
    if not document.tokens:
        return None
    index = token_index(document.tokens)
    sentence = {i for i in index.covering(start, end) if start <= document.tokens[i].start < end}
    current: int | None = min(index.covering(time.start, time.end))
    for _ in range(MAX_HEAD_STEPS):
        if current is None or current not in sentence:
            return None
        if _is_since(document, current) or any(_is_since(document, c) and document.tokens[c].dep in ("mark", "prep")
                                               for c in index.children[current]):
            return index, current
        head = document.tokens[current].head
        current = head if head != current else None
    return None


def _since_elsewhere(document: Document, time: TimeExpression, start: int, end: int, at: int) -> bool:
    """``time`` is in a "since" phrase that hangs on neither the trigger nor a word above it, but on a noun or on a
    clause that describes one: "the first time since 1985 that the army was used" compares with 1985, it does not
    date "troops moved in". A phrase on the trigger's own path ("224 were killed in strikes since June 6") makes the
    event a range from that day (:func:`since_clause`)."""
    found = _since_root(document, time, start, end)
    if found is None:
        return False
    index, root = found
    tokens = document.tokens
    trigger = index.at(at)
    if trigger is None:
        return False
    attached = tokens[root].head
    current = trigger
    for _ in range(2 * MAX_HEAD_STEPS):
        if current in (attached, root):
            return False
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            break
        current = head
    # on a verb of the sentence's own clauses (a conjunct "killed in air strikes, shelling and clashes since ...",
    # which the parser may hang on any of them) it still scopes the event; on a noun ("the first time since 1985",
    # "the worst violence since 2008") or a clause that describes one ("the town, besieged since March") it does not
    return not (tokens[attached].pos in ("VERB", "AUX") and tokens[attached].dep not in ("relcl", "acl"))


def _in_since_clause(document: Document, time: TimeExpression) -> bool:
    """``time`` is in a "since" phrase of its sentence ("since taking office in 1981"): the start of a state that
    lasts until now, never the day a later sentence's events happened on."""
    if not document.tokens or not document.sentences:
        return False
    i = bisect_right(document.sentences, time.start, key=lambda span: span[0]) - 1
    if i < 0:
        return False
    lo, hi = document.sentences[i]
    return since_clause(document, time, lo, hi) is not None


def _is_since(document: Document, i: int) -> bool:
    token = document.tokens[i]
    return document.text[token.start:token.end].lower() == "since"


def _subtree(root: int, children: list[list[int]]) -> list[int]:
    out, stack = [], [root]
    while stack:
        i = stack.pop()
        out.append(i)
        stack.extend(children[i])
    return out


def _since_range(document: Document, time: TimeExpression) -> tuple[str | None, str | None]:
    value, precision = _value(time)
    until, _ = _document_date(document)
    if value and until and len(value) == 10 and len(until) == 10 and until > value:
        return f"{value}/{until}", "range"
    return value, precision


def _governing(
    document: Document, inside: list[TimeExpression], start: int, end: int
) -> TimeExpression | None:
    """The expression whose tokens hang (through heads) closest to the sentence's root verb."""
    if not document.tokens:
        return None
    index = token_index(document.tokens)
    sentence = [i for i in index.covering(start, end) if start <= document.tokens[i].start < end]
    roots = {i for i in sentence if document.tokens[i].head == i or document.tokens[i].dep == "ROOT"}
    best: tuple[int, TimeExpression] | None = None
    for time in inside:
        steps = _steps_to(document, index, time, roots)
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, time)
    return best[1] if best else None


def _steps_to(document: Document, index: TokenIndex, time: TimeExpression, roots: set[int]) -> int | None:
    tokens = document.tokens
    current = min(index.covering(time.start, time.end))
    for steps in range(MAX_HEAD_STEPS):
        if current in roots:
            return steps
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            return None
        current = head
    return None


def _history(document: Document, time: TimeExpression) -> bool:
    """The expression ends more than ``HISTORY_DAYS`` before publication ("the 1996 massacre")."""
    span = cal.day_span(time.value)
    published = cal.day_span(document.published[:10]) if document.published else None
    return bool(span and published and published[1] - span[1] > HISTORY_DAYS)


def _sentences_back(document: Document, start: int, n: int) -> int:
    """The start of the sentence ``n`` sentences before the one starting at ``start`` (text without paragraph
    breaks, as scraped pages often are, would otherwise lend "1996" from anywhere above)."""
    if not document.sentences:
        return 0
    i = bisect_right(document.sentences, start, key=lambda span: span[0]) - 1
    return document.sentences[max(0, i - n)][0]


def _paragraph_start(document: Document, start: int) -> int:
    starts = [s for s, _ in document.paragraphs]
    i = bisect_right(starts, start) - 1
    return (
        document.paragraphs[i][0]
        if i >= 0 and start < document.paragraphs[i][1]
        else 0
        if not starts
        else start
    )


def _value(time: TimeExpression) -> tuple[str | None, str | None]:
    parsed = cal.parse_value(time.value)
    if parsed is None:
        return None, None
    day, precision = parsed
    if precision == "day":
        return cal.fmt_day(day), "day"
    if precision == "range":  # "during Ramadan": its first and last day
        return time.value, "range"
    if precision == "week" and time.value.endswith("-WE"):  # "over the weekend": its Saturday and Sunday
        monday = day - timedelta(days=day.weekday())
        return f"{cal.fmt_day(monday + timedelta(days=5))}/{cal.fmt_day(monday + timedelta(days=6))}", "range"
    if precision == "week":
        return cal.fmt_week(day), "week"
    if precision in ("month", "quarter"):
        return (time.value[:7], "month") if precision == "month" else (f"{day.year:04d}", "year")
    return f"{day.year:04d}", "year"


def _document_date(document: Document) -> tuple[str | None, str | None]:
    if not document.published:
        return None, None
    value = document.published[:10]
    return value, {10: "day", 7: "month", 4: "year"}.get(len(value))


def report_day(document: Document) -> str | None:
    """The last day the document reports from: the publication date, or a later entry stamp of a live page
    (its entries run on past the date it carries). Nothing it tells happened after this day."""
    published = document.published
    stamps = [t.value[:10] for t in document.times if t.rule == STAMP_RULE]
    if published and len(published) >= 10 and stamps:
        return max(published[:10], *stamps)
    return published
