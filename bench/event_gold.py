"""Tools for Dateline's hand-coded event gold (real T17 conflict articles coded by EVENT_CODING.md).

    python bench/event_gold.py select --out WORKDIR          # choose the articles, split them in halves
    python bench/event_gold.py dump --out WORKDIR            # write each chosen article as text for coders
    python bench/event_gold.py import WORKDIR/coded/*.json   # coder files (evidence as strings) → offsets
    python bench/event_gold.py check [GOLD]                  # every span, date, type and field valid

The gold in the repository (``bench/gold/event_records.jsonl``) holds labels and character offsets into
the detokenized article text (``bench/t17.py``), never the text itself: the bench data's licence keeps
the text in ``../shared``. Coders write evidence as exact quotes; ``import`` turns them into offsets.

Selection, round 1: articles of 250–1,100 words that are not show transcripts, 24 per topic, drawn with a
fixed seed; a draw sharing more than 30 % of its 5-word shingles with an earlier one is skipped (CNN often
re-files the same story). Round 1 turned out to be mostly commentary (77 events in 48 articles), so round 2
(``select --round 2 --exclude KEYS``) adds 16 per topic drawn the same way from articles that report
incidents (at least 4 of the words killed, clashes, fighting, protesters, attack, strike, shelling, arrested,
troops, police), excluding round 1, the articles whose sentences were labelled for training (``KEYS``) and
their near-duplicates. Halves: by a hash of the article key, balanced per topic and round. Half A is the one
the event stage may be tuned on; half B is reported and never tuned on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from t17 import DEFAULT_DATA, Article, load_articles  # noqa: E402

TOPICS = ("LibyaWar_cnn", "EgyptianProtest_cnn")
GOLD = Path(__file__).resolve().parent / "gold" / "event_records.jsonl"
ARTICLES = Path(__file__).resolve().parent / "gold" / "event_articles.tsv"
PER_TOPIC = 24
SEED = 2026
MIN_WORDS, MAX_WORDS = 250, 1100
MAX_SHARED_SHINGLES = 0.3
ROUND2_PER_TOPIC = 16
INCIDENT_WORDS = re.compile(r"\b(?:killed|clash(?:es|ed)?|fighting|protesters|attack(?:s|ed)?|strikes?|shelling|arrested|"
                            r"troops|police)\b", re.IGNORECASE)

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Arrests": "Strategic developments",
    "Agreement": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Other": "Strategic developments",
}
NON_EVENT_REASONS = ("generic", "cumulative", "planned", "threat", "hypothetical", "question", "denied", "speech",
                     "diplomacy", "colour", "background", "other")
INTER = range(0, 9)  # 0: unknown / none
GEO_PRECISION = (1, 2, 3)  # 1 town or district, 2 region (admin1/admin2), 3 country


# -- selection -------------------------------------------------------------------------------------------------
def _transcript(text: str) -> bool:
    return len(re.findall(r"\b[A-Z][A-Z'.]+(?: [A-Z][A-Z'.]+)*:", text)) > 5


def _shingles(text: str) -> set[str]:
    w = text.lower().split()
    return {" ".join(w[i:i + 5]) for i in range(len(w) - 4)}


def _draw(pool: list[Article], rng: random.Random, limit: int, seen: list[set[str]]) -> list[tuple[Article, str]]:
    """Up to ``limit`` articles of ``pool`` in random order, skipping near-copies of ``seen`` and of each other;
    balanced halves: ordered by hash, alternating A and B."""
    rng.shuffle(pool)
    picked: list[Article] = []
    for a in pool:
        sh = _shingles(a.text)
        if any(len(sh & s) > MAX_SHARED_SHINGLES * min(len(sh), len(s)) for s in seen):
            continue
        picked.append(a)
        seen.append(sh)
        if len(picked) == limit:
            break
    ordered = sorted(picked, key=lambda a: hashlib.sha1(a.key.encode()).hexdigest())
    return [(a, "AB"[i % 2]) for i, a in enumerate(ordered)]


def _eligible(a: Article) -> bool:
    return MIN_WORDS <= len(a.text.split()) <= MAX_WORDS and not _transcript(a.text)


def select(articles: Sequence[Article]) -> list[tuple[Article, str]]:
    """Round 1: PER_TOPIC distinct articles per topic."""
    rng = random.Random(SEED)
    return [pick for topic in TOPICS
            for pick in _draw([a for a in articles if a.topic == topic and _eligible(a)], rng, PER_TOPIC, [])]


def select_round2(articles: Sequence[Article], taken: set[str], excluded: set[str]) -> list[tuple[Article, str]]:
    """Round 2: ROUND2_PER_TOPIC more, incident-heavy, unlike anything already taken or excluded."""
    rng = random.Random(SEED + 2)
    avoid = [_shingles(a.text) for a in articles if a.key in taken or a.key in excluded]
    chosen: list[tuple[Article, str]] = []
    for topic in TOPICS:
        pool = [a for a in articles if a.topic == topic and a.key not in taken and a.key not in excluded
                and _eligible(a) and len(INCIDENT_WORDS.findall(a.text)) >= 4]
        chosen += _draw(pool, rng, ROUND2_PER_TOPIC, list(avoid))
    return chosen


def read_selection(path: Path = ARTICLES) -> dict[str, str]:
    """article key → half."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return {r[0]: r[1] for r in rows}


# -- import and check ------------------------------------------------------------------------------------------
def _norm_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def locate(text: str, quote: str, after: int = 0) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text`` (exact, else whitespace-insensitive), searching from ``after`` first."""
    quote = quote.strip()
    for start in (after, 0):
        i = text.find(quote, start)
        if i >= 0:
            return i, i + len(quote)
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def import_coded(paths: Iterable[Path], articles: dict[str, Article], selection: dict[str, str]) -> tuple[list[dict], list[str]]:
    """Coder JSON files → gold rows with offsets; also return every problem found."""
    rows, problems = [], []
    for path in paths:
        coded = json.loads(path.read_text(encoding="utf-8"))
        for item in coded if isinstance(coded, list) else [coded]:
            key = item["article"]
            if key not in articles:
                problems.append(f"{path.name}: unknown article {key}")
                continue
            text = articles[key].text
            row = {"article": key, "half": selection.get(key), "coder": item.get("coder", path.stem),
                   "events": [], "non_events": []}
            for k, event in enumerate(item.get("events", [])):
                spans = []
                for quote in event.get("evidence", []):
                    span = locate(text, quote)
                    if span is None:
                        problems.append(f"{key} event {k}: evidence not found: {quote[:80]!r}")
                    else:
                        spans.append(list(span))
                out = {f: event.get(f) for f in ("sub_event_type", "date", "fatalities")}
                for field in ("actor1", "actor2", "location"):
                    out[field] = _spanned(event.get(field), text, spans, problems, f"{key} event {k} {field}")
                out["attribution"] = _phrase_spans([event.get("attribution")], text, spans) if event.get("attribution") else None
                out["notes"] = strip_quotes(event.get("notes"))
                out["event_type"] = SUB_EVENT_TYPES.get(event.get("sub_event_type", ""))
                out["evidence"] = spans
                out["id"] = f"{key}#{k}"
                row["events"].append(out)
            for k, non in enumerate(item.get("non_events", [])):
                span = locate(text, non.get("evidence", ""))
                if span is None:
                    problems.append(f"{key} non-event {k}: evidence not found: {non.get('evidence', '')[:80]!r}")
                    continue
                row["non_events"].append({"evidence": [list(span)], "reason": non.get("reason"),
                                          "notes": strip_quotes(non.get("notes"))})
            rows.append(row)
    rows.sort(key=lambda r: r["article"])
    problems += check_rows(rows, articles)
    return rows, problems


def _phrase_spans(phrases: Iterable[str | None], text: str, evidence: Sequence[Sequence[int]]) -> list[list[int]]:
    """Offsets of each phrase, inside the evidence when it is there (the repository keeps no article text)."""
    out = []
    for phrase in phrases:
        if not phrase or not phrase.strip():
            continue
        found = None
        for start, end in evidence:
            i = text.find(phrase.strip(), start, end)
            if i >= 0:
                found = (i, i + len(phrase.strip()))
                break
        found = found or locate(text, phrase)
        if found:
            out.append(list(found))
    return out


def _spanned(item: Any, text: str, evidence: Sequence[Sequence[int]], problems: list[str], where: str) -> Any:
    """An actor or location with its ``mentions`` (phrases) turned into ``mention_spans`` (offsets)."""
    if not isinstance(item, dict):
        return item
    out = {k: v for k, v in item.items() if k not in ("mentions", "notes")}
    phrases = [m for m in item.get("mentions") or [] if isinstance(m, str) and m.strip()]
    out["mention_spans"] = _phrase_spans(phrases, text, evidence)
    if len(out["mention_spans"]) < len(phrases):
        problems.append(f"{where}: {len(phrases) - len(out['mention_spans'])} mention(s) not found in the text")
    return out


def strip_quotes(note: str | None) -> str | None:
    """Coders' notes without quoted article text."""
    if not note:
        return note
    return re.sub(r"[\"“][^\"”]*[\"”]|(?<!\w)'[^']{3,}?'(?!\w)", "[…]", note)


def mention_texts(item: dict[str, Any] | None, text: str) -> list[str]:
    """The phrases an actor or location item names in ``text`` (from its offsets)."""
    if not item:
        return []
    return [text[a:b] for a, b in item.get("mention_spans") or []]


def _valid_date(value: Any, dct: str) -> bool:
    if not isinstance(value, str):
        return False
    parts = value.split("/")
    try:
        days = [dt.date.fromisoformat(p) for p in parts]
    except ValueError:
        return False
    return len(parts) <= 2 and days[0] <= days[-1] and days[-1] <= dt.date.fromisoformat(dct)


def check_rows(rows: Sequence[dict], articles: dict[str, Article]) -> list[str]:
    problems = []
    for row in rows:
        key = row["article"]
        article = articles[key]
        if row.get("half") not in ("A", "B"):
            problems.append(f"{key}: not in the selection")
        for event in row["events"]:
            where = f"{event['id']}"
            if event.get("sub_event_type") not in SUB_EVENT_TYPES:
                problems.append(f"{where}: unknown sub_event_type {event.get('sub_event_type')!r}")
            if not event.get("evidence"):
                problems.append(f"{where}: no evidence")
            for start, end in event.get("evidence", []):
                if not (0 <= start < end <= len(article.text)):
                    problems.append(f"{where}: span out of range")
            if not _valid_date(event.get("date"), article.dct):
                problems.append(f"{where}: bad date {event.get('date')!r} (dct {article.dct})")
            for field in ("actor1", "actor2"):
                actor = event.get(field)
                if actor is None:
                    continue
                if not isinstance(actor, dict) or not actor.get("name") or actor.get("inter") not in INTER:
                    problems.append(f"{where}: {field} must be null or {{name, inter, mentions}}: {actor!r}")
            if not event.get("actor1"):
                problems.append(f"{where}: actor1 missing (use name 'Unidentified Armed Group' etc.)")
            loc = event.get("location")
            if not isinstance(loc, dict) or not loc.get("name") or loc.get("geo_precision") not in GEO_PRECISION \
                    or not loc.get("country"):
                problems.append(f"{where}: location must be {{name, admin1, country, geo_precision, lat, lon}}: {loc!r}")
            elif not isinstance(loc.get("lat"), (int, float)) or not isinstance(loc.get("lon"), (int, float)):
                problems.append(f"{where}: location without coordinates: {loc.get('name')}")
            fat = event.get("fatalities")
            if fat is not None and (not isinstance(fat, int) or fat < 0):
                problems.append(f"{where}: fatalities must be null or an int >= 0")
        for non in row["non_events"]:
            if non.get("reason") not in NON_EVENT_REASONS:
                problems.append(f"{key}: non-event reason {non.get('reason')!r} not in {NON_EVENT_REASONS}")
    return problems


def write_gold(rows: Sequence[dict], path: Path = GOLD) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def read_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("select", "dump", "import", "check"))
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--round", type=int, default=1)
    parser.add_argument("--exclude", type=Path, help="file of article keys to keep out of the selection")
    args = parser.parse_args()
    articles = {a.key: a for a in load_articles(args.data, TOPICS)}
    if args.command == "select" and args.round == 2:
        excluded = set(args.exclude.read_text().split()) if args.exclude else set()
        chosen = select_round2(list(articles.values()), set(read_selection()), excluded)
        with ARTICLES.open("a", encoding="utf-8") as handle:
            handle.write("".join(f"{a.key}\t{h}\t{a.dct}\t{len(a.text.split())}\n" for a, h in chosen))
        print(json.dumps({"articles": len(chosen), "A": sum(h == "A" for _, h in chosen), "path": str(ARTICLES)}))
    elif args.command == "select":
        chosen = select(list(articles.values()))
        ARTICLES.parent.mkdir(parents=True, exist_ok=True)
        ARTICLES.write_text("article\thalf\tdct\twords\n" + "".join(
            f"{a.key}\t{h}\t{a.dct}\t{len(a.text.split())}\n" for a, h in chosen), encoding="utf-8")
        print(json.dumps({"articles": len(chosen), "A": sum(h == "A" for _, h in chosen), "path": str(ARTICLES)}))
    elif args.command == "dump":
        out = args.out / "articles"
        out.mkdir(parents=True, exist_ok=True)
        for key in read_selection():
            a = articles[key]
            (out / f"{key.replace('/', '_')}.txt").write_text(
                f"ARTICLE: {key}\nPUBLISHED (dct): {a.dct}\n\n{a.text}\n", encoding="utf-8")
        print(json.dumps({"dumped": len(read_selection()), "folder": str(out)}))
    elif args.command == "import":
        rows, problems = import_coded(args.files, articles, read_selection())
        for p in problems:
            print("PROBLEM", p)
        if args.out:
            write_gold(rows, args.out)
        else:
            write_gold(rows)
        print(json.dumps({"articles": len(rows), "events": sum(len(r["events"]) for r in rows),
                          "non_events": sum(len(r["non_events"]) for r in rows), "problems": len(problems)}))
    else:
        rows = read_gold(args.files[0] if args.files else GOLD)
        problems = check_rows(rows, articles)
        for p in problems:
            print("PROBLEM", p)
        print(json.dumps({"articles": len(rows), "events": sum(len(r["events"]) for r in rows), "problems": len(problems)}))


if __name__ == "__main__":
    main()
