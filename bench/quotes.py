"""Quote attribution on PolNeAR (brat Source/Cue/Content): Dateline beside textacy, in the same run.

    python bench/quotes.py [--data /work/shared/bench/quotes/polnear/dev] [--limit N] [--no-textacy]

Documents are built through the language layer (``nlp.spacy`` + ``entities.canonical`` stages, called
in sequence so tokens are kept) over the raw PolNeAR text (paragraphs = blank-line separated blocks),
then ``dateline.quotes.extract_attributions`` runs (the function ``QuotesStage`` calls).

Matching (word tokens = ``\\w+`` runs, so quote marks and punctuation never count):
- content: a system content matches a gold content when their shared words are >= 50% of the
  LONGER of the two (symmetric: neither may be more than twice the overlap). One-to-one, greedy by
  overlap. Split quotes with one cue ("'A,' he said. 'B.'") are merged into one content, as PolNeAR
  annotates them as one discontinuous content.
- source accuracy: over matched contents whose gold attribution has a Source: the system speaker span
  overlaps the gold Source span, or names the same canonical entity (a mention in the gold span).
- cue: a system cue matches a gold cue when the spans overlap (one-to-one).
Articles annotated by several annotators (agreement articles) are scored once, with the first
annotator's file in sorted order. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from dateline.entities.stage import EntitiesStage
from dateline.model import Document
from dateline.nlp.stage import SpacyStage
from dateline.quotes import extract_attributions
from dateline.settings import Settings

DEFAULT_DATA = Path("/work/shared/bench/quotes/polnear/dev")
WORD = re.compile(r"\w+")
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
MATCH_SHARE = 0.5
Spans = list[tuple[int, int]]


@dataclass
class Item:
    """One attribution, gold or system: content spans, cue span, source span, source name."""

    content: Spans
    cue: Spans = field(default_factory=list)
    source: Spans = field(default_factory=list)
    source_name: str | None = None


def read_ann(path: Path) -> list[Item]:
    """Attributions of one brat file; an event line may name a span defined after it, so spans are read first."""
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    spans: dict[str, tuple[str, Spans]] = {}
    for parts in lines:
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, [tuple(map(int, piece.split())) for piece in offsets.split(";")])  # type: ignore[misc]
    items = []
    for parts in lines:
        if parts[0].startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":") for arg in parts[1].split())
            if roles.get("Content") in spans:
                items.append(Item(spans[roles["Content"]][1], spans.get(roles.get("Cue", ""), ("", []))[1],
                                  spans.get(roles.get("Source", ""), ("", []))[1]))
    return items


def load(data: Path, limit: int | None) -> list[tuple[str, str, list[Item]]]:
    chosen: dict[str, Path] = {}
    for ann in sorted((data / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out = []
    for name, ann in sorted(chosen.items())[:limit]:
        text = (data / "text" / f"{name}.txt").read_text(encoding="utf-8")
        out.append((name, text, read_ann(ann)))
    return out


def build_documents(articles: list[tuple[str, str, list[Item]]]) -> list[Document]:
    settings = Settings()
    docs = [Document(id=name, source=name, text=text, language="en", paragraphs=_paragraphs(text)) for name, text, _ in articles]
    for stage in (SpacyStage(settings), EntitiesStage(settings)):
        stage.setup()
        docs = stage(docs)
    return docs


def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip())


def dateline_items(document: Document) -> list[Item]:
    groups: dict[tuple[int | None, str], Item] = {}
    for a in extract_attributions(document):
        key = (a.cue_start if a.cue_start is not None else -a.start, a.kind)
        item = groups.setdefault(key, Item([], [(a.cue_start, a.cue_end)] if a.cue_start is not None else []))
        item.content.append((a.start, a.end))
        if a.speaker is not None and not item.source:
            item.source, item.source_name = [(a.speaker.start, a.speaker.end)], a.speaker.name
    return list(groups.values())


def textacy_items(nlp: object, text: str) -> list[Item]:
    """textacy's triples; when it refuses a text (unbalanced marks), run it paragraph by paragraph."""
    try:
        return _textacy_triples(nlp, text, 0)
    except ValueError:
        items = []
        for start, end in _paragraphs(text):
            try:
                items.extend(_textacy_triples(nlp, text[start:end], start))
            except ValueError:
                continue
        return items


def _textacy_triples(nlp: object, text: str, offset: int) -> list[Item]:
    from textacy.extract.triples import direct_quotations

    doc = nlp(text)  # type: ignore[operator]
    items = []
    for triple in direct_quotations(doc):
        speaker = [(offset + t.idx, offset + t.idx + len(t.text)) for t in triple.speaker]
        cue = [(offset + t.idx, offset + t.idx + len(t.text)) for t in triple.cue]
        items.append(Item([(offset + triple.content.start_char, offset + triple.content.end_char)], cue, speaker))
    return items


def words(text: str, spans: Spans) -> set[int]:
    return {m.start() for s, e in spans for m in WORD.finditer(text, s, e)}


def score(text: str, document: Document | None, gold: list[Item], system: list[Item]) -> dict[str, int]:
    gold_words = [words(text, g.content) for g in gold]
    sys_words = [words(text, s.content) for s in system]
    pairs = sorted(((len(gw & sw), gi, si) for gi, gw in enumerate(gold_words) for si, sw in enumerate(sys_words)), reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    counts = {"gold": len(gold), "system": len(system), "matched": 0, "with_source": 0, "source_ok": 0}
    for shared, gi, si in pairs:
        if shared == 0 or gi in used_g or si in used_s or shared < MATCH_SHARE * max(len(gold_words[gi]), len(sys_words[si])):
            continue
        used_g.add(gi)
        used_s.add(si)
        counts["matched"] += 1
        if gold[gi].source:
            counts["with_source"] += 1
            counts["source_ok"] += _source_ok(document, gold[gi], system[si])
    cue_gold = [c for g in gold for c in g.cue[:1]]
    cue_sys = [c for s in system for c in s.cue[:1]]
    counts.update(cue_gold=len(cue_gold), cue_system=len(cue_sys), cue_matched=_overlap_matches(cue_gold, cue_sys))
    return counts


def _source_ok(document: Document | None, gold: Item, system: Item) -> int:
    if any(_overlaps(g, s) for g in gold.source for s in system.source):
        return 1
    if document is None or not system.source_name:
        return 0
    names = {m.canonical or m.text for m in document.mentions for g in gold.source if _overlaps(g, (m.start, m.end))}
    return int(system.source_name in names)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _overlap_matches(gold: Spans, system: Spans) -> int:
    used: set[int] = set()
    for g in gold:
        hit = next((i for i, s in enumerate(system) if i not in used and _overlaps(g, s)), None)
        if hit is not None:
            used.add(hit)
    return len(used)


def prf(matched: int, system: int, gold: int) -> tuple[float, float, float]:
    p = matched / system if system else 0.0
    r = matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summarize(totals: dict[str, int]) -> dict[str, float]:
    p, r, f = prf(totals["matched"], totals["system"], totals["gold"])
    cp, cr, cf = prf(totals["cue_matched"], totals["cue_system"], totals["cue_gold"])
    accuracy = totals["source_ok"] / totals["with_source"] if totals["with_source"] else 0.0
    return {"content_p": p, "content_r": r, "content_f1": f, "source_accuracy": accuracy, "cue_p": cp, "cue_r": cr, "cue_f1": cf}


def add(totals: dict[str, int], counts: dict[str, int]) -> None:
    for key, value in counts.items():
        totals[key] = totals.get(key, 0) + value


def run_textacy(articles: list[tuple[str, str, list[Item]]]) -> tuple[dict[str, float], float] | None:
    try:
        import textacy  # noqa: F401
    except ImportError:
        return None
    from dateline.nlp.models import load_spacy

    nlp = load_spacy()
    totals: dict[str, int] = {}
    started = time.perf_counter()
    for _, text, gold in articles:
        add(totals, score(text, None, gold, textacy_items(nlp, text)))
    return summarize(totals), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-textacy", action="store_true")
    args = parser.parse_args()

    articles = load(args.data, args.limit)
    started = time.perf_counter()
    documents = build_documents(articles)
    layer_seconds = time.perf_counter() - started
    started = time.perf_counter()
    system = [dateline_items(d) for d in documents]
    quote_seconds = time.perf_counter() - started
    totals: dict[str, int] = {}
    for (_, text, gold), document, items in zip(articles, documents, system, strict=True):
        add(totals, score(text, document, gold, items))
    ours = summarize(totals)
    theirs = None if args.no_textacy else run_textacy(articles)
    n_words = sum(len(text.split()) for _, text, _ in articles)
    print(f"PolNeAR {args.data}: {len(articles)} articles, {totals['gold']} gold attributions, {n_words} words")
    print(f"{'system':<10} {'content P':>9} {'R':>6} {'F1':>6} {'source acc':>10} {'cue P':>6} {'R':>6} {'F1':>6}")
    rows = [("dateline", ours)] + ([("textacy", theirs[0])] if theirs else [])
    for label, row in rows:
        print(f"{label:<10} {row['content_p']:9.3f} {row['content_r']:6.3f} {row['content_f1']:6.3f} "
              f"{row['source_accuracy']:10.3f} {row['cue_p']:6.3f} {row['cue_r']:6.3f} {row['cue_f1']:6.3f}")
    print(f"speed: language layer {layer_seconds:.1f}s, quotes {quote_seconds:.2f}s ({n_words / max(quote_seconds, 1e-9):,.0f} words/s)"
          + (f", textacy (spaCy + direct_quotations) {theirs[1]:.1f}s" if theirs else ""), file=sys.stdout)
    result = {**{k: round(v, 4) for k, v in ours.items()}, "articles": len(articles), "gold": totals["gold"]}
    if theirs:
        result["textacy"] = {k: round(v, 4) for k, v in theirs[0].items()}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
