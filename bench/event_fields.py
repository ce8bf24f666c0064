"""Fields of presented event records, against our training labels: a larger dev set for field rules.

    python bench/event_fields.py [--data ../shared/bench/timelines/t17] [--out DIR] [--reuse] [--show FIELD]
                                 [--matrix type|actor1|actor2]

The gold of ``bench/event_records.py`` has 82 events per half: one record more or less moves a field by 0.03.
This bench reads the incident labels of ``training/data/event_sentences.jsonl`` instead (our own labels on 580
T17 conflict articles, none of them gold articles): per event sentence, each incident's ACLED sub-event type,
actor phrases (offsets) with ACLED-style names, place phrase, date and toll. The articles go through
``dateline run`` (default settings) into ``--out``; each labelled incident is compared with the presented
(``reportable``) records whose source sentences overlap its sentence: the incidents of a sentence are paired one to
one with its records, pairs of the same type first, then those that agree on more fields:

- ``type``: the ACLED sub-event type; ``date``: the predicted day or range inside the labelled one;
- ``actor1`` / ``actor2``: the record's first actor / target, by name or canonical name, equals the labelled
  phrase or name (no labelled actor wants none; an armed clash may come in either order);
- ``place``: the record's place is where the run itself resolved the labelled place phrase (the same place or
  within 25 km), or its name is inside the phrase (places the gazetteer cannot place); unlabelled: not scored;
- ``fatalities``: equal (null = null).

Halves by article (md5 of the article key): T1 is tuned on, T2 reported. Caveats: these labels trained the
detector, so only field accuracy is read here, never detection; and the best-agreeing record of a sentence is
taken, so a change that splits one record into two looks better here than it is (the gold bench counts the
second row as a duplicate). Prints a table per half; last line: JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_gold import TOPICS, locate  # noqa: E402
from event_records import _overlap, is_reported, norm, project, read_jsonl, run_pipeline  # noqa: E402
from t17 import DEFAULT_DATA, key_from_url, load_articles  # noqa: E402

from dateline.events.confidence import FACT_MODALITIES  # noqa: E402
from dateline.geo.gazetteer import haversine_km  # noqa: E402
from dateline.time.calendar import day_span  # noqa: E402

LABELS = Path(__file__).resolve().parents[1] / "training" / "data" / "event_sentences.jsonl"
FIELDS = ("type", "actor1", "actor2", "place", "date", "fatalities")
PLACE_KM = 25.0


def half_of(article: str) -> str:
    return "T1" if int(hashlib.md5(article.encode()).hexdigest(), 16) % 2 == 0 else "T2"


def _phrase(text: str, span: list[int] | None) -> str:
    return text[span[0]:span[1]] if span else ""


def actor_ok(pred: list[dict[str, Any]], span: list[int] | None, name: str | None, text: str, *, first: bool) -> bool:
    if not name and not span:
        return not pred
    if not pred:
        return first and (name or "").lower().startswith("unidentified")
    wanted = {norm(name), norm(_phrase(text, span))} - {""}
    return bool({norm(pred[0].get("name")), norm(pred[0].get("canonical"))} & wanted)


def place_ok(event: dict[str, Any], span: list[int] | None, resolved: list[tuple[int, int, dict[str, Any]]],
             text: str) -> bool | None:
    if not span:
        return None
    place = event.get("place") or {}
    if not place.get("name"):
        return False
    for start, end, record in resolved:
        if start < span[1] and span[0] < end:
            if record["id"] == place.get("place"):
                return True
            if None not in (place.get("lat"), record.get("lat")) and \
                    haversine_km(place["lat"], place["lon"], record["lat"], record["lon"]) <= PLACE_KM:
                return True
    return f" {norm(place['name'])} " in f" {norm(_phrase(text, span))} "


def _resolved_places(out: Path, events: list[dict[str, Any]], doc_article: dict[str, str],
                     raw: dict[str, str]) -> dict[str, list[tuple[int, int, dict[str, Any]]]]:
    """Article → (start, end, place) of every place mention the run resolved, as offsets into the raw text
    (mapped through the source sentences of the run's records)."""
    shifts: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    for event in events:
        for source in event.get("sources") or []:
            article = doc_article.get(source.get("doc"))
            found = locate(raw[article], source.get("text") or "") if article in raw else None
            if found:
                shifts[source["doc"]].append((source["start"], source["end"], found[0] - source["start"], article))
    out_map: dict[str, list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)
    for place in read_jsonl(out / "places.jsonl"):
        for m in place.get("mentions") or []:
            for start, end, shift, article in shifts.get(m["doc"], ()):
                if start <= m["start"] < end:
                    out_map[article].append((m["start"] + shift, m["end"] + shift, place))
                    break
    return out_map


def evaluate(out: Path, labels: list[dict[str, Any]], raw: dict[str, str]) -> tuple[dict, dict]:
    doc_article = {d["id"]: key_from_url(d.get("url") or "") for d in read_jsonl(out / "documents.jsonl")}
    events = read_jsonl(out / "events.jsonl")
    resolved = _resolved_places(out, events, doc_article, raw)
    by_article = defaultdict(list)
    for p in project([e for e in events if is_reported(e)], doc_article, raw):
        by_article[p.article].append(p)
    counts: dict[str, dict[str, int]] = {h: defaultdict(int) for h in ("T1", "T2")}
    misses: dict[tuple[str, str], list[tuple[dict, dict, dict | None]]] = defaultdict(list)
    for row in labels:
        if row["label"] != "event" or row["article"] not in raw:
            continue
        half, text = half_of(row["article"]), raw[row["article"]]
        over = [p for p in by_article[row["article"]] if _overlap(p.spans, [[row["start"], row["end"]]]) > 0]
        for incident, event in zip(row["events"], _aligned(row["events"], [p.event for p in over],
                                                           resolved[row["article"]], text), strict=True):
            c = counts[half]
            c["labelled"] += 1
            if event is None:
                continue
            c["found"] += 1
            checks = _checks(event, incident, resolved[row["article"]], text)
            for field, ok in checks.items():
                c[f"n_{field}"] += 1
                c[f"ok_{field}"] += int(ok)
                if not ok:
                    misses[(half, field)].append((row, incident, event))
            c["all_ok"] += int(all(checks.values()))
    return counts, misses


def _aligned(incidents: list[dict[str, Any]], records: list[dict[str, Any]], resolved: list,
             text: str) -> list[dict[str, Any] | None]:
    """Each labelled incident of a sentence with one of the records told by it: pairs of the same type first,
    then those agreeing on more fields, each record used once while unused ones remain ("demonstrations in
    Paris, London and Tokyo" are three incidents and three records, one per place)."""
    if not records:
        return [None] * len(incidents)
    scores = {(i, r): (records[r].get("acled") == incident["type"],
                       sum(_checks(records[r], incident, resolved, text).values()), -r)
              for i, incident in enumerate(incidents) for r in range(len(records))}
    chosen: dict[int, int] = {}
    for i, r in sorted(scores, key=scores.__getitem__, reverse=True):
        if i not in chosen and r not in chosen.values():
            chosen[i] = r
    for i in range(len(incidents)):  # more incidents than records: the best one again
        chosen.setdefault(i, max(range(len(records)), key=lambda r: scores[(i, r)]))
    return [records[chosen[i]] for i in range(len(incidents))]


def _checks(event: dict[str, Any], incident: dict[str, Any], resolved: list, text: str) -> dict[str, bool]:
    actors, targets = event.get("actors") or [], event.get("targets") or []
    a1 = actor_ok(actors, incident["actor1"], incident["actor1_name"], text, first=True)
    a2 = actor_ok(targets, incident["actor2"], incident["actor2_name"], text, first=False)
    if incident["type"] == "Armed clash" and not (a1 and a2):
        s1 = actor_ok(targets, incident["actor1"], incident["actor1_name"], text, first=True)
        s2 = actor_ok(actors, incident["actor2"], incident["actor2_name"], text, first=False)
        a1, a2 = (s1, s2) if s1 and s2 else (a1, a2)
    checks = {"type": event.get("acled") == incident["type"], "actor1": a1, "actor2": a2}
    place = place_ok(event, incident["place"], resolved, text)
    if place is not None:
        checks["place"] = place
    predicted, labelled = day_span(event.get("date")), day_span(incident.get("date"))
    if labelled:
        checks["date"] = bool(predicted and labelled[0] <= predicted[0] and predicted[1] <= labelled[1])
    checks["fatalities"] = event.get("fatalities") == incident.get("fatalities")
    return checks


def summary(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, float]]:
    return {half: {"labelled": c["labelled"], "found": c["found"],
                   **{f: round(c[f"ok_{f}"] / c[f"n_{f}"], 4) if c[f"n_{f}"] else 0.0 for f in FIELDS},
                   "all_fields": round(c["all_ok"] / c["found"], 4) if c["found"] else 0.0}
            for half, c in counts.items()}


ACTOR_KINDS = ("Civilians", "Protesters", "Rioters", "Military Forces", "Police Forces", "Rebels", "Militia",
               "Unidentified", "NATO", "Coalition")


def _actor_kind(name: str | None) -> str:
    """A coarse kind of an ACLED-style actor name, to count conventions rather than names."""
    if not name:
        return "none"
    return next((kind for kind in ACTOR_KINDS if kind.lower() in name.lower()), "other")


def print_matrix(items: list[tuple[dict, dict, dict | None]], field: str) -> None:
    """(labelled, predicted) pairs of the wrong values of ``field``, most frequent first: a convention the
    records and labels disagree on shows as one large cell."""
    cells: Counter[tuple[str, ...]] = Counter()
    for _, incident, event in items:
        if event is None:
            continue
        if field == "type":
            cells[(incident["type"], str(event.get("acled")))] += 1
            continue
        side = (event.get("actors") if field == "actor1" else event.get("targets")) or []
        predicted = _actor_kind(side[0].get("canonical") or side[0].get("name")) if side else "none"
        cells[(incident["type"], _actor_kind(incident[f"{field}_name"]), predicted)] += 1
    print(f"T1 {field} wrong: {sum(cells.values())}")
    for cell, n in cells.most_common(30):
        print(f"{n:5d}  " + "  ->  ".join(cell) if field == "type" else f"{n:5d}  {cell[0]}: {cell[1]} -> {cell[2]}")


def print_missing(out: Path, labels: list[dict[str, Any]], raw: dict[str, str], limit: int) -> None:
    """T1's labelled incident sentences that no presented record tells, counted by why (no record at all, a record
    below the threshold, one not told as fact, one in the background), then ``limit`` random ones with the records
    the run kept unpresented: where recall is lost."""
    doc_article = {d["id"]: key_from_url(d.get("url") or "") for d in read_jsonl(out / "documents.jsonl")}
    shown, every = defaultdict(list), defaultdict(list)
    for p in project(read_jsonl(out / "events.jsonl"), doc_article, raw):
        every[p.article].append(p)
        if is_reported(p.event):
            shown[p.article].append(p)
    why: Counter[str] = Counter()
    rows = []
    for row in labels:
        if row["label"] != "event" or row["article"] not in raw or half_of(row["article"]) != "T1":
            continue
        span = [[row["start"], row["end"]]]
        if any(_overlap(p.spans, span) > 0 for p in shown[row["article"]]):
            continue
        kept = [p.event for p in every[row["article"]] if _overlap(p.spans, span) > 0]
        kind = "no record" if not kept else \
            "not told as fact" if all(e.get("modality") not in FACT_MODALITIES for e in kept) else \
            "background" if all(e.get("background") for e in kept) else "below the threshold"
        why[kind] += len(row["events"])
        rows.append((kind, row, kept))
    print(f"T1 labelled incidents with no presented record: {sum(why.values())} " +
          ", ".join(f"{kind} {n}" for kind, n in why.most_common()))
    random.Random(0).shuffle(rows)
    for kind, row, kept in rows[:limit]:
        print(f"--- {kind} {row['article']}\n  S: {raw[row['article']][row['start']:row['end']][:300]}")
        for incident in row["events"]:
            print(f"  L: {incident['type']} a1={incident['actor1_name']} date={incident['date']}")
        for event in kept[:2]:
            print(f"  P: {event.get('acled')} conf={event.get('confidence')} mod={event.get('modality')} "
                  f"background={event.get('background')} date={event.get('date')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--out", type=Path, default=Path("/tmp/dateline-event-fields"))
    parser.add_argument("--reuse", action="store_true", help="score an existing --out")
    parser.add_argument("--show", choices=FIELDS, help="print random T1 incidents whose FIELD is wrong")
    parser.add_argument("--matrix", choices=("type", "actor1", "actor2"),
                        help="print T1's wrong FIELD values as (labelled, predicted) counts, by sub-event type for actors")
    parser.add_argument("--missing", action="store_true",
                        help="count T1's labelled incidents no presented record tells, by why, and print some")
    parser.add_argument("--only", help="with --show: only incidents of this labelled sub-event type")
    parser.add_argument("--limit", type=int, default=30, help="with --show or --missing: how many incidents to print")
    args = parser.parse_args()
    labels = [json.loads(line) for line in args.labels.open(encoding="utf-8") if line.strip()]
    keys = {row["article"] for row in labels}
    articles = [a for a in load_articles(args.data, TOPICS) if a.key in keys]
    raw = {a.key: a.text for a in articles}
    if not args.reuse:
        print(f"dateline run on {len(articles)} articles: {run_pipeline(articles, args.out):.1f} s")
    counts, misses = evaluate(args.out, labels, raw)
    result = summary(counts)
    print(f"{'':16}{'T1 (tuned)':>12}{'T2 (held)':>12}")
    for key in ("labelled", "found", *FIELDS, "all_fields"):
        print(f"{key:16}{result['T1'][key]:>12}{result['T2'][key]:>12}")
    if args.matrix:
        print_matrix(misses[("T1", args.matrix)], args.matrix)
    if args.missing:
        print_missing(args.out, labels, raw, args.limit)
    if args.show:
        items = [item for item in misses[("T1", args.show)] if args.only in (None, item[1]["type"])]
        random.Random(0).shuffle(items)
        for row, incident, event in items[:args.limit]:
            text = raw[row["article"]]
            print(f"--- {row['article']} {incident['type']}\n  S: {text[row['start']:row['end']][:300]}")
            print(f"  L: a1={incident['actor1_name']} a2={incident['actor2_name']} "
                  f"place={_phrase(text, incident['place'])!r} date={incident['date']} toll={incident['fatalities']}")
            if event:
                print(f"  P: {event.get('acled')} a1={[a.get('canonical') or a.get('name') for a in event.get('actors') or []]} "
                      f"a2={[a.get('canonical') or a.get('name') for a in event.get('targets') or []]} "
                      f"place={(event.get('place') or {}).get('name')} date={event.get('date')} toll={event.get('fatalities')}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
