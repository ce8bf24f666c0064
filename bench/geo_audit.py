"""Wrong-placement audit: every toponym the geo stage places in a corpus, with why it won.

    dateline run examples/ --out /tmp/demo --no-report
    python bench/geo_audit.py /tmp/demo/dateline.duckdb [more stores] [--gazetteer PATH]

Reads the cleaned documents of each store (as ``dateline run`` ingested them), runs the spaCy stage,
recognizes and resolves their toponyms and prints one row per distinct (document, name, place):
the place, its country and feature, the confidence and the score terms that made it win, or the
candidates an unresolved name kept. Judging right or wrong is left to the reader (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from dateline.geo import Gazetteer, ensure_embedded, resolve_places
from dateline.geo.recognize import recognize
from dateline.geo.resolve import Toponym, resolve_toponyms
from dateline.model import Document


def documents(store: Path) -> list[Document]:
    """The stored documents of one store, analysed by the spaCy stage."""
    import duckdb

    from dateline.nlp.stage import SpacyStage
    from dateline.settings import Settings

    with duckdb.connect(str(store), read_only=True) as conn:
        rows = conn.execute("SELECT id, source, text, paragraphs FROM documents WHERE text IS NOT NULL ORDER BY id").fetchall()
    docs = [Document(id=i, source=src or "", text=text, paragraphs=tuple(tuple(p) for p in json.loads(paras or "[]")))
            for i, src, text, paras in rows]
    stage = SpacyStage(Settings())
    stage.setup()
    return stage(docs)


def audit(docs: list[Document], gazetteer: Gazetteer) -> list[tuple[str, str, str, str, int]]:
    """(document, mention, place, why, count) per distinct placement of the geo stage's mentions."""
    rows: Counter[tuple[str, str, str, str]] = Counter()
    for doc in docs:
        found = recognize(doc, gazetteer)
        toponyms = [Toponym(s.start, s.end, s.text) for s in found]
        resolve_toponyms(gazetteer, doc.text, toponyms)  # the same ranking resolve_places does: for the reasons
        mentions, records = resolve_places(doc, gazetteer, spans=found)
        by_id = {r.id: r for r in records}
        for m in mentions:
            t = next((t for t in toponyms if m.start <= t.start and t.end <= m.end), None)
            why = t.reason if t is not None else ""
            place = by_id.get(m.place or "")
            if place is not None:
                where = f"{place.name} ({place.country or '-'}, {place.feature or 'offset'})"
                if place.id.startswith("off:"):
                    why = f"offset from a placed town ({m.qualifier})"
                elif m.qualifier and place.id != (t.best.place_id if t and t.best else None):
                    why = f"part of the story's town ({m.qualifier}); confidence {m.confidence:.2f}"
            else:
                where = "unresolved" + (f" [{m.qualifier}]" if m.qualifier else "")
            label = f"{m.text} [{m.qualifier}]" if m.qualifier and place is not None else m.text
            rows[(doc.id[:20], label, where, why)] += 1
    return [(*key, n) for key, n in rows.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--gazetteer", type=Path, default=None)
    parser.add_argument("--by-name", action="store_true", help="one row per (name, place) over all documents")
    args = parser.parse_args()
    with Gazetteer(ensure_embedded(args.gazetteer)) as gazetteer:
        for folder in args.stores:
            rows = audit(documents(folder), gazetteer)
            if args.by_name:
                print(f"\n### {folder}\n\n| name | placed at | mentions | documents | why (one of them) |\n|---|---|---|---|---|")
                grouped: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
                for doc, name, place, why, n in rows:
                    grouped.setdefault((name, place), []).append((doc, why, n))
                for (name, place), items in sorted(grouped.items(), key=lambda kv: kv[0][1]):
                    print(f"| {name} | {place} | {sum(n for _, _, n in items)} | {len({d for d, _, _ in items})} | {items[0][1]} |")
                continue
            print(f"\n### {folder}\n\n| document | name | placed at | why | n |\n|---|---|---|---|---|")
            for doc, name, place, why, n in rows:
                print(f"| {doc} | {name} | {place} | {why} | {n} |")


if __name__ == "__main__":
    main()
