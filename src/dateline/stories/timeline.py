"""Story timelines: dated merged events ranked by importance, and DATEWISE sentence timelines.

Event timeline: every dated merged event of a story, ordered by date, most important first within a
date (independent sources, fatalities, centrality to the story), each with one line and its sources.

``datewise`` follows news-tls DATEWISE (Gholipour Ghalandari & Ifrim 2020): rank dates, then summarise
each selected date from the sentences that mention it (or that were published that day and mention no
date). Changes from the paper, measured on Timeline17 (BENCHMARKS.md): an unsupervised date score
that counts distinct documents (so one article repeating a date counts once) plus publication volume;
sentence selection by similarity to the date's centroid plus similarity to the whole collection's
centroid, over unigram and bigram TF-IDF vectors, preferring sentences that contain one of the
collection's keywords (its most widespread terms, found without supervision,
standing in for news-tls's given topic keywords); redundancy removal across the whole timeline, not only
within a date.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.events.confidence import is_reported
from dateline.stories.features import cosine, idf_table, weigh, words

PUB_WEIGHT = 0.5  # a document published on a date counts this much toward that date
NEXT_DAY_WEIGHT = 0.5  # ... and toward the day before (news reports yesterday's events)
CANDIDATE_LEAD = 8  # undated sentences considered per article published on the date
NEXT_DAY_LEAD = 2  # ... and per article published the day after
EXPLICIT_BONUS = 0.0  # extra score for a sentence naming the date itself (0: 0.05-0.2 lowered AR1 on T17)
MIN_WORDS, MAX_WORDS = 8, 80
REDUNDANCY = 0.5  # a sentence this similar to one already chosen is skipped
MAX_LINE = 220
STORY_WEIGHT = 1.0  # weight of similarity to the whole collection next to similarity to the date's sentences
KEYWORDS = 3  # the collection's most widespread terms; a candidate with none of them is chosen last
NO_KEYWORD_PENALTY = 10.0
BIGRAMS = True  # vectors hold adjacent content-word pairs too (phrases: "oil spill", "relief well")


@dataclass(frozen=True, slots=True)
class DatedSentence:
    doc: str
    start: int
    end: int
    text: str
    date: str | None  # the day the sentence is about (explicit mention), None when it names none
    published: str | None
    position: int = 0  # sentence index in its document


def date_scores(sentences: Sequence[DatedSentence]) -> Counter[str]:
    """DATEWISE date ranking: distinct documents mentioning the date, plus publication volume."""
    mentions: dict[str, set[str]] = defaultdict(set)
    published: dict[str, set[str]] = defaultdict(set)
    for s in sentences:
        if s.date:
            mentions[s.date].add(s.doc)
        if s.published:
            published[s.published[:10]].add(s.doc)
    scores: Counter[str] = Counter()
    for date, docs in mentions.items():
        scores[date] += len(docs)
    for date, docs in published.items():
        scores[date] += PUB_WEIGHT * len(docs)
        scores[_shift(date, -1)] += NEXT_DAY_WEIGHT * PUB_WEIGHT * len(docs)
    return scores


def datewise(sentences: Sequence[DatedSentence], *, n_dates: int, per_date: int,
             start: str | None = None, end: str | None = None) -> list[tuple[str, list[DatedSentence]]]:
    """Select ``n_dates`` dates and ``per_date`` sentences for each; chronological order."""
    scores = date_scores(sentences)
    candidates = _candidates(sentences)
    ranked = [d for d, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
              if candidates.get(d) and (start is None or d >= start) and (end is None or d <= end)]
    terms = {id(s): _terms(s.text) for s in sentences}
    idf = idf_table(Counter(w for ts in terms.values() for w in set(ts)), len(sentences))
    default = math.log(1 + len(sentences)) + 1.0
    vectors = {key: weigh(Counter(ts), idf, default_idf=default) for key, ts in terms.items()}
    story: Counter[str] = Counter()
    if STORY_WEIGHT:
        for vec in vectors.values():
            story.update(vec)
    context = _Context(vectors, _normalised(story), keywords(sentences, KEYWORDS))
    chosen: list[Mapping[str, float]] = []
    out: list[tuple[str, list[DatedSentence]]] = []
    for date in ranked:
        picked = _summarise(date, candidates[date], context, per_date, chosen)
        if picked:
            out.append((date, picked))
        if len(out) >= n_dates:
            break
    return sorted(out)


@dataclass(frozen=True, slots=True)
class _Context:
    vectors: Mapping[int, Mapping[str, float]]  # id(sentence) -> L2-normalised TF-IDF vector
    story: Mapping[str, float]  # L2-normalised centroid of the whole collection
    keywords: frozenset[str]


def keywords(sentences: Sequence[DatedSentence], k: int) -> frozenset[str]:
    """The ``k`` content words found in the most documents (ties alphabetically): the topic's query terms."""
    docs: dict[str, set[str]] = defaultdict(set)
    for s in sentences:
        docs[s.doc].update(words(s.text))
    df = Counter(w for ws in docs.values() for w in ws)
    return frozenset(w for w, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:k])


def _terms(text: str) -> list[str]:
    ws = words(text)
    return ws + [f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False)] if BIGRAMS else ws


def _candidates(sentences: Sequence[DatedSentence]) -> dict[str, list[DatedSentence]]:
    """Per date: sentences naming it (not from articles published before it: those are plans and
    forecasts), and the lead sentences naming no date of articles published that day or the next."""
    found: dict[str, list[DatedSentence]] = defaultdict(list)
    for s in sentences:
        n = len(s.text.split())
        if not MIN_WORDS <= n <= MAX_WORDS:
            continue
        if s.date:
            if not s.published or s.published[:10] >= s.date:
                found[s.date].append(s)
        elif s.published and s.position < CANDIDATE_LEAD:
            found[s.published[:10]].append(s)
            if s.position < NEXT_DAY_LEAD:  # the next morning's report of the day before
                found[_shift(s.published[:10], -1)].append(s)
    return found


def _summarise(date: str, group: list[DatedSentence], context: _Context, k: int,
               chosen: list[Mapping[str, float]]) -> list[DatedSentence]:
    """Best-scoring sentences of a date, skipping any too close to one already in the timeline.

    Score: cosine to the date's centroid + STORY_WEIGHT × cosine to the collection's centroid; a
    sentence with none of the collection's keywords comes last.
    """
    vectors = [context.vectors[id(s)] for s in group]
    centroid: Counter[str] = Counter()
    for vec in vectors:
        centroid.update(vec)
    unit = _normalised(centroid)
    score = []
    for s, vec in zip(group, vectors, strict=True):
        x = _dot(vec, unit) + STORY_WEIGHT * _dot(vec, context.story)
        if s.date and s.date == date:
            x += EXPLICIT_BONUS
        if context.keywords and context.keywords.isdisjoint(vec):
            x -= NO_KEYWORD_PENALTY
        score.append(x)
    order = sorted(range(len(group)), key=lambda i: (-score[i], group[i].doc, group[i].start))
    picked: list[DatedSentence] = []
    for i in order:
        if any(cosine(vectors[i], c) >= REDUNDANCY for c in chosen):
            continue
        picked.append(group[i])
        chosen.append(vectors[i])
        if len(picked) >= k:
            break
    return picked


def _normalised(vec: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of sparse vectors (the cosine when both are L2-normalised)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _shift(date: str, days: int) -> str:
    try:
        return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return date


# -- event timelines --------------------------------------------------------------------------------------
FINE_PRECISIONS = frozenset({"day", "week"})


def event_timeline(story: str, merged: Sequence[Mapping[str, Any]], story_terms: Mapping[str, float]) -> list[dict[str, Any]]:
    """Timeline rows (story, date, rank, event, text, sources, importance) of a story's dated events.

    Only reportable events (``reportable``: told as fact, not background, confident enough; rows without the
    field: not background and not planned, hypothetical or denied) and, when the story has day- or week-dated
    events, not those dated only to a month or a year. Dates are ordered by the day they start ("2017-W13"
    before "2017-04-06").
    """
    kept = [e for e in merged if e.get("date") and is_reported(e)]
    if any(e.get("date_precision") in FINE_PRECISIONS for e in kept):
        kept = [e for e in kept if e.get("date_precision") in FINE_PRECISIONS]
    by_date: dict[str, list[tuple[float, Mapping[str, Any]]]] = defaultdict(list)
    for event in kept:
        by_date[event["date"]].append((importance(event, story_terms), event))
    rows = []
    for date in sorted(by_date, key=_date_key):
        ranked = sorted(by_date[date], key=lambda pair: (-pair[0], pair[1]["id"]))
        for rank, (score, event) in enumerate(ranked, 1):
            rows.append({"story": story, "date": date, "day": _date_key(date)[0], "rank": rank, "event": event["id"],
                         "text": one_line(event), "sources": event["sources"], "importance": round(score, 4)})
    return rows


def _date_key(value: str) -> tuple[str, str]:
    """ISO weeks sort by their Monday."""
    if len(value) >= 8 and value[4:6] == "-W" and value[6:8].isdigit():
        try:
            return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1).isoformat(), value
        except ValueError:
            pass
    return value, value


def importance(event: Mapping[str, Any], story_terms: Mapping[str, float]) -> float:
    """Independent sources, then fatalities, then how central the event's sentences are to the story."""
    text = " ".join(s.get("text") or "" for s in event.get("sources", ()))
    centrality = cosine(Counter(words(text)), story_terms) if story_terms else 0.0
    return (math.log1p(event.get("independent_sources") or 1) + 0.5 * math.log1p(event.get("fatalities") or 0)
            + 0.5 * centrality)


def one_line(event: Mapping[str, Any]) -> str:
    """The event's summary, else its shortest reporting sentence, on one line."""
    text = event.get("summary") or ""
    if not text:
        texts = [s.get("text") or "" for s in event.get("sources", ()) if s.get("text")]
        text = min(texts, key=len) if texts else f"{event.get('type', 'event')} ({event.get('trigger', '')})"
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1].rsplit(" ", 1)[0] + "…"


def sentence_timeline(story: str, sentences: Sequence[DatedSentence], *, max_dates: int) -> list[dict[str, Any]]:
    """Fallback for stories without dated events: DATEWISE over sentences with explicit dates."""
    dated = [s for s in sentences if s.date]
    n_dates = min(max_dates, len({s.date for s in dated}))
    rows = []
    for date, picked in datewise(dated, n_dates=n_dates, per_date=1):
        for rank, s in enumerate(picked, 1):
            rows.append({"story": story, "date": date, "day": _date_key(date)[0], "rank": rank, "event": None,
                         "text": one_line({"sources": [{"text": s.text}]}),
                         "sources": [{"doc": s.doc, "start": s.start, "end": s.end, "text": s.text}], "importance": None})
    return rows
