"""Story clustering and cross-document event coreference on ECB+.

    python bench/stories.py --data ../shared/bench/stories/ECB+ [--topics 1,2,3] [--batch 100] [--no-embeddings]

Each document's text is rebuilt from its tokens and run through Dateline's language layer (spaCy +
entities stage); the documents are written to a temporary store in batches and placed by
``update_stories`` after every batch (incremental clustering, as in a real run). Documents carry no date
in ECB+, so the time feature is neutral. Reported against topics and sub-topics (``ecb`` vs ``ecbplus``
halves: two real events of the same kind): pairwise and BCubed P/R/F1 and ARI.

Event coreference, two settings, both merged by ``merge_events`` inside the predicted stories (ECB+ gives
no dates or places Dateline could use): (1) Dateline's own event mentions from the events stage, aligned
to gold mentions by trigger overlap (``event_conll_f1``); (2) the gold mention spans with the trigger lemma
as the type (``event_conll_f1_gold_mentions``, an upper bound for the merging step). Scored with MUC, B3
and CEAF-e against the cross-document chains (mentions in no chain are singletons). Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from dateline.entities.stage import EntitiesStage
from dateline.model import Document
from dateline.nlp.stage import SpacyStage
from dateline.settings import Settings
from dateline.store.duckdb_store import Store
from dateline.stories.merge import EventRow, merge_events

NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "'s", "n't", "'", ")", "]", "''", "%"}
PSEUDO_DATE = "2000-01-01"


@dataclass
class EcbDoc:
    id: str
    topic: str
    subtopic: str
    text: str
    token_spans: dict[str, tuple[int, int]]
    sentences: list[tuple[int, int]]
    events: list[tuple[str, list[str]]] = field(default_factory=list)  # (mention key, token ids)
    chain: dict[str, str] = field(default_factory=dict)  # mention key → gold chain


def read_doc(path: Path, topic: str) -> EcbDoc:
    root = etree.parse(str(path)).getroot()
    text, spans, sent_bounds = "", {}, {}
    prev = ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sep = "" if not text or word in NO_SPACE_BEFORE or prev in {"(", "[", "``", "$"} else " "
        start = len(text) + len(sep)
        text += sep + word
        spans[tok.get("t_id")] = (start, len(text))
        s = int(tok.get("sentence"))
        lo, hi = sent_bounds.get(s, (start, len(text)))
        sent_bounds[s] = (min(lo, start), len(text))
        prev = word
    doc = EcbDoc(path.stem, topic, topic + ("+" if "plus" in path.stem else ""), text, spans,
                 [sent_bounds[k] for k in sorted(sent_bounds)])
    _read_events(root, doc)
    return doc


def _read_events(root: etree._Element, doc: EcbDoc) -> None:
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        if ("ACTION" in m.tag) and m.findall("token_anchor"):
            doc.events.append((f"{doc.id}:{m.get('m_id')}", [a.get("t_id") for a in m.findall("token_anchor")]))
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        note = rel.get("note") or ""
        if rel.tag == "CROSS_DOC_COREF" and note.startswith(("ACT", "NEG")):
            for src in rel.findall("source"):
                doc.chain[f"{doc.id}:{src.get('m_id')}"] = note
        elif rel.tag == "INTRA_DOC_COREF":
            target = rel.find("target")
            for src in rel.findall("source"):
                doc.chain.setdefault(f"{doc.id}:{src.get('m_id')}", f"{doc.id}:intra:{target.get('m_id') if target is not None else ''}")


def read_corpus(data: Path, topics: set[str] | None) -> list[EcbDoc]:
    docs = []
    for folder in sorted((p for p in data.iterdir() if p.is_dir()), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if topics and folder.name not in topics:
            continue
        docs.extend(read_doc(path, folder.name) for path in sorted(folder.glob("*.xml")))
    return docs


# -- clustering metrics -------------------------------------------------------------------------------------
def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for k, v in labels.items():
            groups[v].append(k)
        return {(a, b) for g in groups.values() for i, a in enumerate(sorted(g)) for b in sorted(g)[i + 1:]}
    p, g = pairs(pred), pairs(gold)
    return _prf(len(p & g), len(p), len(g))


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    pc, gc = Counter(pred.values()), Counter(gold.values())
    both = Counter((pred[k], gold[k]) for k in pred)
    precision = sum(both[(pred[k], gold[k])] / pc[pred[k]] for k in pred) / len(pred)
    recall = sum(both[(pred[k], gold[k])] / gc[gold[k]] for k in pred) / len(pred)
    return precision, recall, _f(precision, recall)


def ari(pred: dict[str, str], gold: dict[str, str]) -> float:
    def comb(n: int) -> float:
        return n * (n - 1) / 2
    n = len(pred)
    index = sum(comb(c) for c in Counter((pred[k], gold[k]) for k in pred).values())
    a = sum(comb(c) for c in Counter(pred.values()).values())
    b = sum(comb(c) for c in Counter(gold.values()).values())
    expected = a * b / comb(n)
    top = (a + b) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


# -- coreference metrics (MUC, B3, CEAF-e) --------------------------------------------------------------
def _chains(labels: dict[str, str]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for k, v in labels.items():
        groups[v].add(k)
    return list(groups.values())


def muc(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    def score(a: list[set[str]], b: list[set[str]]) -> tuple[float, float]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = sum(len(c) - len({where.get(m, ("s", m)) for m in c}) for c in a)
        den = sum(len(c) - 1 for c in a)
        return num, den
    rn, rd = score(key, response)
    pn, pd = score(response, key)
    r, p = (rn / rd if rd else 0.0), (pn / pd if pd else 0.0)
    return p, r, _f(p, r)


def b3(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    kof = {m: c for c in key for m in c}
    rof = {m: c for c in response for m in c}
    # mentions found on one side only (detected mentions) overlap nothing on the other
    r = sum(len(kof[m] & rof.get(m, set())) / len(kof[m]) for m in kof) / len(kof) if kof else 0.0
    p = sum(len(rof[m] & kof.get(m, set())) / len(rof[m]) for m in rof) / len(rof) if rof else 0.0
    return p, r, _f(p, r)


def ceafe(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = np.zeros((len(key), len(response)))
    index = {m: j for j, c in enumerate(response) for m in c}
    for i, c in enumerate(key):
        for m in c:
            j = index.get(m)
            if j is not None and not sim[i, j]:
                sim[i, j] = 2 * len(c & response[j]) / (len(c) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    p, r = total / len(response), total / len(key)
    return p, r, _f(p, r)


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p, r = (tp / npred if npred else 0.0), (tp / ngold if ngold else 0.0)
    return p, r, _f(p, r)


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# -- running Dateline --------------------------------------------------------------------------------------
def analyse(docs: list[EcbDoc]) -> list[Document]:
    settings = Settings()
    stages = [SpacyStage(settings), EntitiesStage(settings)]
    for stage in stages:
        stage.setup()
    batch = [Document(id=d.id, source=d.id, text=d.text, language="en", published=PSEUDO_DATE,
                      paragraphs=((0, len(d.text)),)) for d in docs]
    for stage in stages:
        batch = stage(batch)
    return batch


def cluster(analysed: list[Document], batch_size: int, db: Path) -> tuple[dict[str, str], list[float]]:
    from dateline.stories.update import update_stories

    timings = []
    with Store(db) as store:
        for i in range(0, len(analysed), batch_size):
            store.write_documents(analysed[i:i + batch_size], pipeline="bench")
            started = time.perf_counter()
            update_stories(store, Settings())
            timings.append(time.perf_counter() - started)
        assignment = dict(store.con.execute("SELECT doc, story FROM story_documents").fetchall())
    return assignment, timings


def event_coref(docs: list[EcbDoc], analysed: list[Document], stories: dict[str, str]) -> tuple[dict[str, float], str]:
    """Upper-bound setting: the gold event mention spans, merged with the trigger lemma as the type."""
    mode = "gold event mention spans, type = trigger lemma"
    lemmas = {d.id: d for d in analysed}
    rows, gold = [], {}
    for doc in docs:
        for key, tokens in doc.events:
            start = min(doc.token_spans[t][0] for t in tokens)
            end = max(doc.token_spans[t][1] for t in tokens)
            lemma = _lemma(lemmas[doc.id], start, end) or doc.text[start:end].lower()
            rows.append(EventRow(id=key, doc=doc.id, story=stories[doc.id], type=lemma, trigger=lemma,
                                 published=PSEUDO_DATE, original=doc.id,
                                 sources=[{"doc": doc.id, "start": start, "end": end}]))
            gold[key] = doc.chain.get(key, "single:" + key)
    _, membership = merge_events(rows, min_evidence=1.5)
    key, response = _chains(gold), _chains(membership)
    m, b, c = muc(key, response), b3(key, response), ceafe(key, response)
    return {"muc_f1": m[2], "b3_f1": b[2], "ceafe_f1": c[2], "conll_f1": (m[2] + b[2] + c[2]) / 3,
            "mentions": len(rows), "gold_chains": len(key), "predicted_chains": len(response)}, mode


def detected_event_coref(docs: list[EcbDoc], analysed: list[Document], stories: dict[str, str],
                         ) -> dict[str, float]:
    """Event coreference with Dateline's own event mentions (events stage) merged by ``merge_events``.

    A detected mention takes the key of the gold mention its trigger overlaps (else it is a spurious
    mention of its own); gold mentions that nothing detected are missing from the response. The trigger's
    offset is the one the events stage puts in the event id (``ev-<doc>-<offset>``).
    """
    from dateline.events.stage import EventsStage

    stage = EventsStage(Settings())
    stage.setup()
    with_events = stage(analysed)
    by_doc = {d.id: d for d in docs}
    rows, gold, matched = [], {}, set()
    for doc in docs:
        for key, _tokens in doc.events:
            gold[key] = doc.chain.get(key, "single:" + key)
    for document in with_events:
        doc = by_doc[document.id]
        spans = {key: (min(doc.token_spans[t][0] for t in toks), max(doc.token_spans[t][1] for t in toks))
                 for key, toks in doc.events}
        for event in document.events:
            start = int(event.id.rsplit("-", 1)[1])
            end = start + len(event.trigger)
            key = next((k for k, (s, e) in spans.items() if s < end and start < e and k not in matched), None)
            if key is None:
                key = "sys:" + event.id
            else:
                matched.add(key)
            trigger = _lemma(document, start, end) or event.trigger.lower()
            rows.append(EventRow(id=key, doc=document.id, story=stories[document.id], type=event.type, trigger=trigger,
                                 published=PSEUDO_DATE, original=document.id, actors=[_plain(a) for a in event.actors],
                                 sources=[{"doc": document.id, "start": start, "end": end}]))
    _, membership = merge_events(rows, min_evidence=1.5)
    key_chains, response = _chains(gold), _chains(membership)
    m, b, c = muc(key_chains, response), b3(key_chains, response), ceafe(key_chains, response)
    detected = len(rows)
    # merging alone, on the gold mentions the events stage found: both sides restricted to them
    sub_key = _chains({k: v for k, v in gold.items() if k in matched})
    sub_response = _chains({k: v for k, v in membership.items() if k in matched})
    subset = (muc(sub_key, sub_response)[2] + b3(sub_key, sub_response)[2] + ceafe(sub_key, sub_response)[2]) / 3 if matched else 0.0
    return {"muc_f1": m[2], "b3_f1": b[2], "ceafe_f1": c[2], "conll_f1": (m[2] + b[2] + c[2]) / 3, "subset_conll_f1": subset,
            "mentions": detected, "gold_mentions": len(gold), "matched": len(matched),
            "mention_p": len(matched) / detected if detected else 0.0, "mention_r": len(matched) / len(gold) if gold else 0.0,
            "gold_chains": len(key_chains), "predicted_chains": len(response)}


def _plain(participant: object) -> dict[str, object]:
    return {"name": getattr(participant, "name", ""), "entity": getattr(participant, "entity", None)}


def _lemma(document: Document, start: int, end: int) -> str:
    toks = [t for t in document.tokens if t.start >= start and t.end <= end]
    return " ".join(t.lemma.lower() for t in toks)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/bench/stories/ECB+"))
    parser.add_argument("--topics", default="", help="comma-separated topic folders (default: all)")
    parser.add_argument("--batch", type=int, default=100, help="documents per incremental update")
    parser.add_argument("--no-embeddings", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.no_embeddings:
        os.environ["DATELINE_NO_EMBEDDINGS"] = "1"
    docs = read_corpus(args.data, set(args.topics.split(",")) - {""} or None)
    started = time.perf_counter()
    analysed = analyse(docs)
    nlp_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        stories, timings = cluster(analysed, args.batch, Path(tmp) / "bench.duckdb")
    from dateline.stories.features import embeddings_available

    results = {"documents": len(docs), "stories": len(set(stories.values())), "embeddings": embeddings_available()}
    for level in ("topic", "subtopic"):
        gold = {d.id: getattr(d, level) for d in docs}
        pp, pr, pf = pairwise(stories, gold)
        bp, br, bf = bcubed(stories, gold)
        results[level] = {"pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": pf, "bcubed_p": bp, "bcubed_r": br,
                          "bcubed_f1": bf, "ari": ari(stories, gold), "gold_clusters": len(set(gold.values()))}
    coref, mode = event_coref(docs, analysed, stories)
    _print(results, coref, mode, nlp_s, timings)
    detected = detected_event_coref(docs, analysed, stories)
    print(f"event coreference (Dateline's own detected mentions): {detected['mentions']} detected, "
          f"{detected['matched']} of {detected['gold_mentions']} gold mentions found "
          f"(mention P {detected['mention_p']:.3f} R {detected['mention_r']:.3f})")
    print(f"  MUC F1 {detected['muc_f1']:.3f}  B3 F1 {detected['b3_f1']:.3f}  CEAF-e F1 {detected['ceafe_f1']:.3f}  "
          f"CoNLL F1 {detected['conll_f1']:.3f}; on the {detected['matched']} found mentions only: "
          f"CoNLL F1 {detected['subset_conll_f1']:.3f}")
    print(json.dumps({"subtopic_bcubed_f1": round(results["subtopic"]["bcubed_f1"], 4),
                      "topic_bcubed_f1": round(results["topic"]["bcubed_f1"], 4),
                      "event_conll_f1": round(detected["conll_f1"], 4),
                      "event_conll_f1_gold_mentions": round(coref["conll_f1"], 4),
                      "event_mention_f1": round(_f(detected["mention_p"], detected["mention_r"]), 4),
                      "event_conll_f1_found_subset": round(detected["subset_conll_f1"], 4)}))
    return 0


def _print(results: dict, coref: dict, mode: str, nlp_s: float, timings: list[float]) -> None:
    print(f"documents {results['documents']}, predicted stories {results['stories']}, "
          f"embeddings {'on' if results['embeddings'] else 'off'}")
    print(f"language layer {nlp_s:.1f} s; update_stories per batch: " + ", ".join(f"{t:.1f}" for t in timings) + " s")
    print(f"{'level':9} {'gold':>5} {'pw P':>6} {'pw R':>6} {'pw F1':>6} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6}")
    for level in ("topic", "subtopic"):
        r = results[level]
        print(f"{level:9} {r['gold_clusters']:5d} {r['pairwise_p']:6.3f} {r['pairwise_r']:6.3f} {r['pairwise_f1']:6.3f} "
              f"{r['bcubed_p']:6.3f} {r['bcubed_r']:6.3f} {r['bcubed_f1']:6.3f} {r['ari']:6.3f}")
    print(f"event coreference ({mode}): {coref['mentions']} mentions, {coref['gold_chains']} gold chains, "
          f"{coref['predicted_chains']} predicted")
    print(f"  MUC F1 {coref['muc_f1']:.3f}  B3 F1 {coref['b3_f1']:.3f}  CEAF-e F1 {coref['ceafe_f1']:.3f}  "
          f"CoNLL F1 {coref['conll_f1']:.3f}")
    assert math.isfinite(coref["conll_f1"])


if __name__ == "__main__":
    sys.exit(main())
