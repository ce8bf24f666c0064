"""Run ``dateline run`` on one text and print every event record, presented or not: a probe for rule work.

    python bench/try_text.py "Rebels shelled the town on Monday." [--published 2011-03-20] [--all]

The text goes through the same library call as ``dateline run`` (default settings, no report) in a temporary
folder; each merged record prints its ACLED sub-event type, confidence, modality, date, place, actors, targets and
toll, and ``REP`` when it is presented (``reportable``). ``--all`` adds the per-sentence event mentions. Write
the text yourself (never paste bench text into a commit).
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
from pathlib import Path
from typing import Any


def record_line(event: dict[str, Any]) -> str:
    """One stored event row as a line: sub-event type, confidence, modality, date, place, actors, targets, toll."""
    def names(side: str) -> list[str]:
        return [a.get("canonical") or a.get("name") or "" for a in event.get(side) or []]
    return (f"{event.get('acled')} conf={event.get('confidence')} mod={event.get('modality')} date={event.get('date')} "
            f"place={(event.get('place') or {}).get('name')} a1={names('actors')} a2={names('targets')} "
            f"toll={event.get('fatalities')}")


def main() -> None:
    from dateline.pipeline import run_corpus
    from dateline.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text")
    parser.add_argument("--published", default="2011-03-20", help="the document's date (default 2011-03-20)")
    parser.add_argument("--all", action="store_true", help="also print the per-sentence event mentions")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "one.jsonl"
        source.write_text(json.dumps({"text": args.text, "date": args.published, "url": "https://example.org/a"}) + "\n",
                          encoding="utf-8")
        out = Path(tmp) / "out"
        run_corpus([str(source)], out_dir=out, settings=Settings(report=False))
        files = ["events.jsonl", *(["event_mentions.jsonl"] if args.all else [])]
        for name in files:
            print(f"# {name}")
            for line in (out / name).read_text(encoding="utf-8").splitlines():
                event = json.loads(line)
                print(f"{'REP' if event.get('reportable') else '   '} {record_line(event)}\n    {event.get('summary')}")


if __name__ == "__main__":
    main()
