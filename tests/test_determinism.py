"""Two `dateline run --jobs 2` of the same input write the same outputs, whichever worker finishes first
(issue 19, item 7).

Six demo articles (three files), one document per batch, two workers. To make the two runs finish their
documents in different orders for sure, a ``sitecustomize`` on the workers' path holds one article back
for a few seconds: the first article in one run, the second in the other (before the fix, the place rows
they share took the values of whichever document was written last). Every file is compared byte for
byte except the DuckDB store, whose bytes depend on how its transactions went: it is compared table by
table, row by row.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "examples" / name for name in ("2017-07-04_euphrates-post_old-city-breach.html",
                                                "2017-07-11_morning-ledger_raqqa-truce-talks.html",
                                                "feed_middle-east-wires.jsonl")]
HOLD_SECONDS = 8
HOLD_BACK = '''
import os, sys
if "--multiprocessing-fork" in sys.orig_argv and os.environ.get("DATELINE_TEST_HOLD"):
    import time
    import dateline.engine.local as local

    real = local._work

    def _work(batch, *args, **kwargs):
        if any(d.source.endswith(os.environ["DATELINE_TEST_HOLD"]) for d in batch):
            time.sleep(float(os.environ["DATELINE_TEST_HOLD_SECONDS"]))
        return real(batch, *args, **kwargs)

    _work.__module__, _work.__qualname__ = real.__module__, real.__qualname__
    local._work = _work
'''


def _run(out: Path, hooks: Path, hold: str) -> None:
    env = {**os.environ, "DATELINE_TEST_HOLD": hold, "DATELINE_TEST_HOLD_SECONDS": str(HOLD_SECONDS),
           "PYTHONPATH": os.pathsep.join([str(hooks), *sys.path])}
    cli = [sys.executable, "-c", "from dateline.cli.main import main; main()"]
    done = subprocess.run([*cli, "run", *map(str, INPUTS), "--out", str(out), "--jobs", "2", "--batch-size", "1"],
                          capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]


def _tables(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in names}
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.model
def test_two_parallel_runs_write_identical_outputs(tmp_path):
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(HOLD_BACK, encoding="utf-8")
    one, two = tmp_path / "one", tmp_path / "two"
    _run(one, hooks, hold=INPUTS[0].name)
    _run(two, hooks, hold=INPUTS[1].name)
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert len(files) > 10
    differ = [str(f) for f in files if f.suffix != ".duckdb" and (one / f).read_bytes() != (two / f).read_bytes()]
    assert differ == []
    tables_one, tables_two = _tables(one / "dateline.duckdb"), _tables(two / "dateline.duckdb")
    # ``runs`` is the log of runs: when each happened differs by nature (its gazetteer state must not)
    assert [t for t in tables_one if t != "runs" and tables_one[t] != tables_two.get(t)] == []
    assert [r[4] for r in tables_one["runs"]] == [r[4] for r in tables_two["runs"]]
