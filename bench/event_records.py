"""Event records as users get them, against a hand-coded gold of real conflict articles.

    python bench/event_records.py [--gold bench/gold/event_records.jsonl] [--data ../shared/bench/timelines/t17]
                                  [--out DIR] [--reuse] [--no-embeddings] [--threshold X] [--dump WHAT]

The gold articles (detokenized T17 text, ``bench/t17.py``) go through ``dateline run`` — the library call the
CLI makes, default settings — into ``--out``; the bench then reads ``events.jsonl`` (merged, one row per
incident) and ``places.jsonl``, exactly what a user opens. ``--reuse`` scores an existing ``--out``.

Scoring. Each presented event (``reportable``; outputs without that field: asserted and not marked
background) is projected onto every gold article among its sources. A projection matches a gold event of that
article when one of its source sentences overlaps the gold evidence; pairs are taken best first (overlap, then
agreeing event type, sub-event type, place), one to one. A projection that overlaps an already matched gold
event is a duplicate (two rows for one incident). Fields of matched events:

- ``sub_event_type``: ACLED sub-event type equal; ``event_type`` its parent type;
- ``date``: the predicted date (day, or range) inside the gold day or range;
- ``place``: gold town/district (precision 1) within 25 km, region (2) within 100 km, country (3): the same
  country given at country level; or the same normalized name;
- ``actor1`` / ``actor2``: the predicted name or canonical name equals (normalized) the gold name or one of the
  phrases the gold lists for that actor; an unknown/absent gold actor 2 wants none; an unidentified actor 1
  accepts none; for an armed clash the two may come in either order;
- ``fatalities``: equal (null = null).

``fully_correct_share`` = matched events with all six fields right / presented events. Calibration: every
event with a ``confidence`` (presented or not), by bin, with the share that matched a gold event; events not
presented are matched after the presented ones, to the gold events those left (since stop 24: before, they
competed with presented events and could take their match).
Results are printed for half A (tuned on), half B (never tuned on) and both. Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.events.confidence import is_reported
from dateline.geo.gazetteer import haversine_km
from dateline.time.calendar import day_span

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_gold import GOLD, SUB_EVENT_TYPES, TOPICS, locate, mention_texts, read_gold  # noqa: E402
from t17 import DEFAULT_DATA, key_from_url, load_articles, write_jsonl  # noqa: E402
from try_text import record_line  # noqa: E402

FIELDS = ("sub_event_type", "date", "place", "actor1", "actor2", "fatalities")
KM_BY_PRECISION = {1: 25.0, 2: 100.0}
BINS = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
_DROP = {"the", "a", "an", "s", "of"}


# -- reading ---------------------------------------------------------------------------------------------------
def run_pipeline(articles: Sequence[Any], out: Path, *, embeddings: bool = True, threshold: float | None = None) -> float:
    from dateline.pipeline import run_corpus
    from dateline.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        source = write_jsonl(articles, Path(tmp) / "gold-articles.jsonl")
        started = time.perf_counter()
        run_corpus([str(source)], out_dir=out, settings=Settings(report=False, event_embeddings=embeddings,
                                                                 event_threshold=threshold))
        return time.perf_counter() - started


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"'s\b", "", text)
    return " ".join(w for w in re.split(r"[^a-z0-9]+", text) if w and w not in _DROP)


# -- field checks ----------------------------------------------------------------------------------------------
def date_ok(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    p, g = day_span(pred.get("date")), day_span(gold.get("date"))
    return bool(p and g and g[0] <= p[0] and p[1] <= g[1])


def place_ok(pred: dict[str, Any], gold: dict[str, Any], places: dict[str, dict[str, Any]], text: str) -> bool:
    loc = gold.get("location") or {}
    place = pred.get("place") or {}
    if not place:
        return False
    record = places.get(str(place.get("place"))) or {}
    precision = loc.get("geo_precision")
    names = {norm(loc.get("name")), *(norm(m) for m in mention_texts(loc, text))} - {""}
    if precision == 3:
        feature = str(record.get("feature") or "")
        return record.get("country") == loc.get("country") and feature.startswith("A.PCL")
    if norm(place.get("name")) in names:
        return True
    if place.get("lat") is None or loc.get("lat") is None:
        return False
    return haversine_km(place["lat"], place["lon"], loc["lat"], loc["lon"]) <= KM_BY_PRECISION.get(precision, 25.0)


def actor_names(item: dict[str, Any]) -> set[str]:
    return {norm(item.get(k)) for k in ("name", "canonical")} - {""}


def actor_ok(pred: list[dict[str, Any]], gold: dict[str, Any] | None, text: str, *, first: bool) -> bool:
    if not gold:
        return not pred
    wanted = {norm(gold.get("name")), *(norm(m) for m in mention_texts(gold, text))} - {""}
    if first and norm(gold.get("name")).startswith("unidentified") and not pred:
        return True
    if not pred:
        return False
    return bool(actor_names(pred[0]) & wanted)


def _actors(pred: dict[str, Any], gold: dict[str, Any], text: str) -> dict[str, bool]:
    """Actor 1 and actor 2; for an armed clash either order (the text rarely says who started it)."""
    actors, targets = pred.get("actors") or [], pred.get("targets") or []
    checks = {"actor1": actor_ok(actors, gold.get("actor1"), text, first=True),
              "actor2": actor_ok(targets, gold.get("actor2"), text, first=False)}
    if gold.get("sub_event_type") == "Armed clash" and not all(checks.values()):
        swapped = {"actor1": actor_ok(targets, gold.get("actor1"), text, first=True),
                   "actor2": actor_ok(actors, gold.get("actor2"), text, first=False)}
        if all(swapped.values()):
            return swapped
    return checks


def field_checks(pred: dict[str, Any], gold: dict[str, Any], places: dict[str, dict[str, Any]], text: str) -> dict[str, bool]:
    return {
        "event_type": SUB_EVENT_TYPES.get(pred.get("acled") or "") == gold.get("event_type"),
        "sub_event_type": pred.get("acled") == gold.get("sub_event_type"),
        "date": date_ok(pred, gold),
        "place": place_ok(pred, gold, places, text),
        **_actors(pred, gold, text),
        "fatalities": pred.get("fatalities") == gold.get("fatalities"),
    }


# -- matching --------------------------------------------------------------------------------------------------
@dataclass
class Projection:
    event: dict[str, Any]
    article: str
    spans: list[tuple[int, int]]  # source sentences, as offsets into the detokenized article text
    matched: str | None = None
    duplicate: bool = False
    checks: dict[str, bool] = field(default_factory=dict)


def project(events: Iterable[dict[str, Any]], doc_article: dict[str, str], raw: dict[str, str]) -> list[Projection]:
    out = []
    for event in events:
        by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for span in event.get("sources") or []:
            article = doc_article.get(span.get("doc"))
            if article is None or article not in raw:
                continue
            found = locate(raw[article], span.get("text") or "")
            if found:
                by_article[article].append(found)
        for article, spans in by_article.items():
            out.append(Projection(event, article, spans))
    return out


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[Sequence[int]]) -> int:
    return sum(max(0, min(x[1], y[1]) - max(x[0], y[0])) for x in a for y in b)


def match(projections: list[Projection], gold_events: list[dict[str, Any]], places: dict[str, dict[str, Any]],
          text: str) -> None:
    """One-to-one matching of projections to gold events of the same article, best pairs first."""
    pairs = []
    for i, p in enumerate(projections):
        for j, g in enumerate(gold_events):
            overlap = _overlap(p.spans, g["evidence"])
            if overlap <= 0:
                continue
            checks = field_checks(p.event, g, places, text)
            # type, place and day decide; the parties and the toll break ties ("eleven were killed in A, and one
            # in B": two records of one sentence, two gold events a few kilometres apart)
            score = (checks["event_type"] + checks["sub_event_type"] + checks["place"] + checks["date"],
                     checks["actor1"] + checks["actor2"] + checks["fatalities"], overlap)
            pairs.append((score, i, j, checks))
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    for _, i, j, checks in sorted(pairs, key=lambda x: x[0], reverse=True):
        if i in taken_p or j in taken_g:
            continue
        taken_p.add(i)
        taken_g.add(j)
        projections[i].matched = gold_events[j]["id"]
        projections[i].checks = checks
    overlapping = {i for _, i, _, _ in pairs}
    for i in overlapping - taken_p:
        projections[i].duplicate = True


# -- scoring ---------------------------------------------------------------------------------------------------
def score(projections: list[Projection], gold_rows: list[dict[str, Any]]) -> dict[str, Any]:
    shown = [p for p in projections if is_reported(p.event)]
    n_gold = sum(len(r["events"]) for r in gold_rows)
    matched = [p for p in shown if p.matched]
    tp = len(matched)
    precision = tp / len(shown) if shown else 0.0
    recall = len({p.matched for p in matched}) / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fields = {f: (sum(p.checks.get(f, False) for p in matched) / tp if tp else 0.0) for f in ("event_type", *FIELDS)}
    fully = sum(all(p.checks.get(f, False) for f in FIELDS) for p in matched)
    return {
        "gold_events": n_gold, "presented": len(shown), "matched": tp,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "fully_correct": fully, "fully_correct_share": round(fully / len(shown), 4) if shown else 0.0,
        "duplicates": sum(p.duplicate for p in shown),
        "duplicate_rate": round(sum(p.duplicate for p in shown) / len(shown), 4) if shown else 0.0,
        "fields": {k: round(v, 4) for k, v in fields.items()},
    }


def calibration(projections: list[Projection]) -> list[tuple[str, int, float]]:
    rows = []
    scored = [p for p in projections if isinstance(p.event.get("confidence"), (int, float))]
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [p for p in scored if lo <= p.event["confidence"] < hi]
        if inside:
            rows.append((f"[{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'}", len(inside),
                         sum(bool(p.matched) for p in inside) / len(inside)))
    at_least = [p for p in scored if p.event["confidence"] >= 0.8]
    if at_least:
        rows.append(("≥ 0.8", len(at_least), sum(bool(p.matched) for p in at_least) / len(at_least)))
    return rows


def evaluate(out: Path, gold_rows: list[dict[str, Any]], raw: dict[str, str]) -> dict[str, Any]:
    documents = read_jsonl(out / "documents.jsonl")
    doc_article = {d["id"]: key for d in documents if (key := key_from_url(d.get("url")))}
    places = {p["id"]: p for p in read_jsonl(out / "places.jsonl")}
    events = read_jsonl(out / "events.jsonl")
    wanted = {r["article"] for r in gold_rows}
    projections = [p for p in project(events, doc_article, raw) if p.article in wanted]
    by_article = defaultdict(list)
    for p in projections:
        by_article[p.article].append(p)
    gold_by_article = {r["article"]: r["events"] for r in gold_rows}
    for article, items in by_article.items():
        # Presented events are matched first: a record users never see must not take a gold event from one they
        # do. The others are matched to the gold events left, for the calibration table only.
        gold = gold_by_article.get(article, [])
        shown = [p for p in items if is_reported(p.event)]
        match(shown, gold, places, raw[article])
        taken = {p.matched for p in shown if p.matched}
        match([p for p in items if not is_reported(p.event)], [g for g in gold if g["id"] not in taken], places,
              raw[article])
    result: dict[str, Any] = {}
    for half in ("A", "B", "all"):
        rows = [r for r in gold_rows if half == "all" or r["half"] == half]
        keys = {r["article"] for r in rows}
        result[half] = score([p for p in projections if p.article in keys], rows)
        result[half]["calibration"] = calibration([p for p in projections if p.article in keys])
    result["_projections"] = projections
    return result


def print_report(result: dict[str, Any]) -> None:
    print(f"{'':22} {'half A (tuned)':>15} {'half B (held)':>15} {'all':>10}")
    for key in ("gold_events", "presented", "matched", "precision", "recall", "f1", "fully_correct_share",
                "duplicate_rate"):
        print(f"{key:22} " + " ".join(f"{result[h][key]:>15}" if h != "all" else f"{result[h][key]:>10}"
                                      for h in ("A", "B", "all")))
    print("per-field accuracy of matched events:")
    for key in ("event_type", *FIELDS):
        print(f"  {key:20} " + " ".join(f"{result[h]['fields'][key]:>15}" if h != "all" else
                                        f"{result[h]['fields'][key]:>10}" for h in ("A", "B", "all")))
    for half in ("A", "B"):
        print(f"calibration, half {half} (confidence bin, events, share matching a gold event):")
        for label, n, share in result[half]["calibration"]:
            print(f"  {label:12} {n:5d} {share:6.2f}")


def _gold_line(gold: dict[str, Any]) -> str:
    date = gold.get("date") or f"{gold.get('start')}/{gold.get('end')}"
    return (f"{gold['sub_event_type']} date={date} place={(gold.get('location') or {}).get('name')} "
            f"a1={(gold.get('actor1') or {}).get('name')} a2={(gold.get('actor2') or {}).get('name')} "
            f"toll={gold.get('fatalities')}")


def dump(projections: list[Projection], gold_rows: list[dict[str, Any]], raw: dict[str, str], what: str) -> None:
    """Half A's verdicts, for reading what to fix (half B is never printed: it is never looked at)."""
    for row in (r for r in gold_rows if r["half"] == "A"):
        text, mine = raw[row["article"]], [p for p in projections if p.article == row["article"]]
        shown = [p for p in mine if is_reported(p.event)]
        golds = {g["id"]: g for g in row["events"]}
        if what in ("miss", "all"):
            taken = {p.matched for p in shown if p.matched}
            for g in (g for g in row["events"] if g["id"] not in taken):
                print(f"MISS {g['id']}: {_gold_line(g)}\n   gold: " + " | ".join(text[a:b] for a, b in g["evidence"])[:400])
                for p in (p for p in mine if p.matched == g["id"]):
                    print(f"   not presented: {record_line(p.event)}")
        for p in shown:
            source = " | ".join(text[a:b] for a, b in p.spans)[:400]
            if not p.matched and what in ("fp", "all"):
                print(f"{'DUP' if p.duplicate else 'FP '} {p.article}: {record_line(p.event)}\n   source: {source}")
            elif p.matched and what in ("fail", "all") and not all(p.checks.get(f) for f in FIELDS):
                print(f"FAIL {[f for f in FIELDS if not p.checks.get(f)]} {p.matched}\n   record: "
                      f"{record_line(p.event)}\n   gold:   {_gold_line(golds[p.matched])}\n   source: {source}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=None, help="run folder (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="score the existing --out without running")
    parser.add_argument("--show", type=int, default=0, help="print N presented events of half A with their verdicts")
    parser.add_argument("--dump", choices=("miss", "fp", "fail", "all"), default=None,
                        help="print half A's missed gold events (with the unpresented record that matched, if any), "
                             "presented records matching none, or matched records with a wrong field (gold beside)")
    parser.add_argument("--no-embeddings", action="store_true", help="run without the sentence-embedding model")
    parser.add_argument("--threshold", type=float, default=None, help="dateline run --event-threshold (default: its default)")
    args = parser.parse_args()
    gold_rows = read_gold(args.gold)
    articles = {a.key: a for a in load_articles(args.data, TOPICS)}
    chosen = [articles[r["article"]] for r in gold_rows]
    raw = {a.key: a.text for a in chosen}
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "run"
        seconds = 0.0
        if not args.reuse:
            seconds = run_pipeline(chosen, out, embeddings=not args.no_embeddings, threshold=args.threshold)
        result = evaluate(out, gold_rows, raw)
    print_report(result)
    if args.show:
        half_a = {r["article"] for r in gold_rows if r["half"] == "A"}  # never show B: it is never looked at
        shown = [p for p in result["_projections"] if is_reported(p.event) and p.article in half_a]
        for p in shown[: args.show]:
            verdict = "DUP" if p.duplicate else ("OK " if p.matched else "FP ")
            bad = [f for f in FIELDS if p.matched and not p.checks.get(f)]
            print(f"{verdict} {p.article} {p.event.get('acled')} | {p.event.get('summary')} | wrong: {bad}")
    if args.dump:
        dump(result["_projections"], gold_rows, raw, args.dump)
    summary = {"precision": result["B"]["precision"], "recall": result["B"]["recall"],
               "fully_correct_share": result["B"]["fully_correct_share"], "duplicate_rate": result["B"]["duplicate_rate"],
               "A": {k: result["A"][k] for k in ("precision", "recall", "fully_correct_share", "duplicate_rate")},
               "all": {k: result["all"][k] for k in ("precision", "recall", "fully_correct_share", "duplicate_rate")},
               "gold_articles": len(gold_rows), "gold_events": result["all"]["gold_events"], "run_s": round(seconds, 1)}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
