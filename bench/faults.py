"""Fault injection at full size: bad inputs, bombs, kill -9, concurrent writers, hostile requests.

    python bench/faults.py [--only ingest|runtime]

Each area's cases live in their own module (``faults_ingest.py``: decoding, language, bombs, duplicates;
``faults_runtime.py``: workers, determinism, locks, the web app). Every case runs the real command or app
as a user would and reports what happened. Prints a table of case → outcome and a last JSON line; the
exit code is non-zero when any case fails. Not a unit test: some cases take minutes. The small versions
of every case are in ``tests/``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


AREAS = ("ingest", "runtime")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=AREAS, action="append", help="run one area (repeatable)")
    args = parser.parse_args()
    rows: list[dict] = []
    for area in args.only or AREAS:
        module = importlib.import_module(f"faults_{area}")
        for case in module.CASES:
            started = time.perf_counter()
            try:
                ok, outcome = case.run()
            except Exception as exc:  # a case that crashes is a failed case, not a crashed bench
                ok, outcome = False, f"bench error: {type(exc).__name__}: {exc}"
            rows.append({"area": area, "item": case.item, "case": case.name, "ok": ok, "outcome": outcome,
                         "seconds": round(time.perf_counter() - started, 1)})
            print(f"{area:8} {case.item:>4} {case.name:38} {'ok' if ok else 'FAIL':4} "
                  f"{rows[-1]['seconds']:7.1f}s  {outcome}", flush=True)
    failed = [r["case"] for r in rows if not r["ok"]]
    print(json.dumps({"cases": len(rows), "failed": len(failed), "failures": failed}))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
