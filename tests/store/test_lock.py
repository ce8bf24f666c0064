"""Who holds a locked store, from DuckDB's lock error (issue 19, item 8)."""

from __future__ import annotations

import os

import pytest

from dateline.store.lock import lock_holder

PREFIX = 'IO Error: Could not set lock on file "/tmp/out/dateline.duckdb": Conflicting lock is held in '


@pytest.mark.parametrize(("message", "expected"), [
    (PREFIX + "/usr/bin/python3.11 (PID 999999). See also https://duckdb.org/docs/current/connect/concurrency",
     "process 999999 (python3.11)"),
    (PREFIX + "/usr/bin/python3 (PID 999998) by user alice. See also https://duckdb.org/docs", "process 999998 (python3)"),
    (PREFIX + "/opt/bin/dateline. See also https://duckdb.org/docs", "another process (dateline)"),
    ("IO Error: Could not set lock on file: Resource temporarily unavailable", "another process"),
])
def test_lock_holder_reads_the_message(message, expected):
    assert lock_holder(message) == expected


def test_lock_holder_names_a_live_process_by_its_command():
    message = PREFIX + f"/usr/bin/python3 (PID {os.getpid()}). See also https://duckdb.org/docs"
    holder = lock_holder(message)
    assert holder.startswith(f"process {os.getpid()} (") and "--" not in holder  # program and sub-command only
