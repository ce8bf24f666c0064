"""Extractive multi-document story summaries in which every sentence cites its sources.

Sentences are scored by similarity to the story centroid (TF-IDF) with a lead bonus, chosen with
redundancy removal (MMR-style), and ordered by publication. Each chosen sentence cites itself and the
sentences of other documents that say nearly the same thing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from dateline.stories.features import cosine, idf_table, weigh, words
from dateline.stories.timeline import DatedSentence

MAX_SENTENCES = 4
LEAD_BONUS = 0.15  # first sentences of news reports state the essentials
REDUNDANCY = 0.45
SUPPORT = 0.35  # another document's sentence this similar is cited as support
MAX_CITES = 5
MIN_WORDS, MAX_WORDS = 6, 55


def summarise_story(story: str, sentences: Sequence[DatedSentence], *, max_sentences: int = MAX_SENTENCES) -> list[dict[str, Any]]:
    """Summary rows ``{story, rank, text, sources}`` for one story."""
    pool = [s for s in sentences if MIN_WORDS <= len(s.text.split()) <= MAX_WORDS]
    if not pool:
        return []
    idf = idf_table(Counter(w for s in pool for w in set(words(s.text))), len(pool))
    default = math.log(1 + len(pool)) + 1.0
    vectors = [weigh(Counter(words(s.text)), idf, default_idf=default) for s in pool]
    centroid: Counter[str] = Counter()
    for vec in vectors:
        centroid.update(vec)
    scores = [cosine(v, centroid) + LEAD_BONUS / (1 + s.position) for s, v in zip(pool, vectors, strict=True)]
    chosen: list[int] = []
    for i in sorted(range(len(pool)), key=lambda i: (-scores[i], pool[i].doc, pool[i].start)):
        if all(cosine(vectors[i], vectors[j]) < REDUNDANCY for j in chosen):
            chosen.append(i)
        if len(chosen) >= max_sentences:
            break
    chosen.sort(key=lambda i: (pool[i].published or "", pool[i].doc, pool[i].start))
    return [{"story": story, "rank": rank, "text": _clean(pool[i].text), "sources": _citations(i, pool, vectors)}
            for rank, i in enumerate(chosen, 1)]


def _citations(i: int, pool: Sequence[DatedSentence], vectors: Sequence[Mapping[str, float]]) -> list[dict[str, Any]]:
    own = pool[i]
    support = sorted(((cosine(vectors[i], vectors[j]), j) for j in range(len(pool)) if pool[j].doc != own.doc),
                     reverse=True)
    cites = [own]
    docs = {own.doc}
    for sim, j in support:
        if sim < SUPPORT or len(cites) >= MAX_CITES:
            break
        if pool[j].doc not in docs:
            docs.add(pool[j].doc)
            cites.append(pool[j])
    return [{"doc": s.doc, "start": s.start, "end": s.end} for s in cites]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def render_markdown(stories: Sequence[Mapping[str, Any]], summaries: Mapping[str, Sequence[Mapping[str, Any]]],
                    conflicts: Mapping[str, Sequence[Mapping[str, Any]]], outlets: Mapping[str, str]) -> str:
    """summary.md: per story a heading, what it covers, cited summary sentences and disagreements."""
    lines = ["# Stories", ""]
    for story in stories:
        docs = story.get("docs") or []
        span = " – ".join(x for x in (story.get("start"), story.get("end")) if x)
        lines += [f"## {story.get('title') or story['id']}", "",
                  f"*{_count(len(docs), 'document')}{_outlets(story.get('outlets') or [])}"
                  + (f", {span}" if span else "") + f"; story `{story['id']}`*", ""]
        for row in summaries.get(story["id"], ()):
            lines.append(f"- {row['text']} {_cite(row['sources'], outlets)}")
        for conflict in conflicts.get(story["id"], ()):
            lines.append(f"- **Sources disagree:** {conflict['note']} {_cite(conflict.get('sources') or [], outlets)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _outlets(names: Sequence[str]) -> str:
    """" from 2 outlets (Herald, Gazette)"; nothing when no outlet is known."""
    if not names:
        return ""
    shown = ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")
    return f" from {_count(len(names), 'outlet')} ({shown})"


def _cite(sources: Sequence[Mapping[str, Any]], outlets: Mapping[str, str]) -> str:
    parts = []
    for s in sources:
        outlet = outlets.get(s["doc"]) or ""
        parts.append(f"{outlet + ' ' if outlet else ''}`{s['doc']}:{s['start']}-{s['end']}`")
    return "[" + "; ".join(parts) + "]" if parts else ""
