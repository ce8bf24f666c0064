"""A store held by another process: one line naming it and exit status 3, no traceback (issue 19, item 8)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.main import app

HOLD = "import sys, duckdb; con = duckdb.connect(sys.argv[1]); print('holding', flush=True); sys.stdin.read()"


@pytest.fixture
def held(tmp_path) -> Iterator[tuple[Path, int]]:
    """A store that another process keeps open read-write; (its path, that process's pid)."""
    db = tmp_path / "out" / "dateline.duckdb"
    db.parent.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield db, holder.pid
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("command", [
    ["stats", "--db", "{db}"],
    ["export", "--db", "{db}", "--out", "{tmp}/export"],
    ["report", "--db", "{db}", "--out", "{tmp}/report"],
    ["ingest", "{tmp}/in.txt", "--db", "{db}", "--out", "{tmp}/o", "--jobs", "1"],
    ["run", "{tmp}/in.txt", "--out", "{out}", "--jobs", "1", "--no-embeddings"],
])
def test_a_locked_store_is_one_line_and_exit_3(held, tmp_path, command):
    db, pid = held
    (tmp_path / "in.txt").write_text("Protesters gathered in Basra on Monday.", encoding="utf-8")
    args = [a.format(db=db, tmp=tmp_path, out=db.parent) for a in command]
    result = CliRunner().invoke(app, args)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 3, result.output
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith("error: the store") and f"in use by process {pid} (python)" in lines[0]


def test_the_exit_codes_are_documented():
    result = CliRunner().invoke(app, ["--help"])
    assert "Exit codes" in result.output and "3 the store is in use by another process" in " ".join(result.output.split())
