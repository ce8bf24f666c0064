"""The same plan gives the same documents in-process, in the process pool and (when installed) on Ray."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.engine.local import run_local
from dateline.ingest.readers import read_inputs
from dateline.settings import Settings

PLAN = ("ingest.extract", "clean.noise", "nlp.language")


def _batches(corpus, size=2):
    docs = [d for d in read_inputs([str(corpus)], max_doc_bytes=1 << 20) if d.ok]
    return [docs[i : i + size] for i in range(0, len(docs), size)]


def _key(batches):
    docs = [d for batch in batches for d in batch]
    return sorted((d.id, d.text, d.title, d.published, d.status, tuple(r.kind for r in d.removed)) for d in docs)


def test_pool_matches_in_process(corpus):
    one = list(run_local(_batches(corpus), Settings(jobs=1, stages=PLAN)))
    two = list(run_local(_batches(corpus), Settings(jobs=2, stages=PLAN)))
    assert _key(one) == _key(two) and len(_key(one)) == 6


def test_ray_matches_local(corpus):
    pytest.importorskip("ray")
    from dateline.engine.ray_engine import run_ray

    local = list(run_local(_batches(corpus), Settings(jobs=1, stages=PLAN)))
    on_ray = list(run_ray(_batches(corpus), Settings(jobs=1, stages=PLAN)))
    assert _key(local) == _key(on_ray)


def test_stage_failure_costs_one_document(corpus):
    from dateline.engine.batch import run_stages
    from dateline.registry import build_plan

    class Exploding:
        name = "test.explode.v1"

        def __call__(self, batch):
            if any("Manbij" in d.text for d in batch):
                raise RuntimeError("boom")
            return batch

    stages = [*build_plan(Settings(stages=PLAN)), Exploding()]
    docs = [d for batch in _batches(corpus, size=10) for d in batch]
    out = run_stages(stages, docs)
    failed = [d for d in out if d.status == "error"]
    assert len(failed) == 1 and "test.explode.v1 failed: RuntimeError: boom" in failed[0].error
    assert all(d.status == "ok" for d in out if d is not failed[0])
    assert all(dataclasses.replace(d).raw == "" for d in out)


# A stage plugin, registered through an entry point of a distribution on sys.path (spawned workers get the
# parent's sys.path): `setup` sleeps SETUP_SECONDS like a model load, a document "sleep N" takes N seconds.
SLOW_PLUGIN = '''
import os, pathlib, time
from dateline.stage import BaseStage

class SlowStage(BaseStage):
    name = "test.slow.v1"

    def setup(self):
        marks = os.environ.get("DATELINE_TEST_MARKS")
        if marks:
            pathlib.Path(marks, str(os.getpid())).touch()
        time.sleep(float(os.environ.get("DATELINE_TEST_SETUP_SECONDS", "0")))

    def process(self, document):
        if document.text.startswith("sleep "):
            time.sleep(float(document.text.split()[1]))
        return document
'''


@pytest.fixture
def slow_plugin(tmp_path, monkeypatch):
    """The stage name "test.slow" (see SLOW_PLUGIN), importable here and in spawned workers."""
    import importlib

    from dateline import registry

    root = tmp_path / "plugin"
    dist = root / "dateline_test_slow-0.1.dist-info"
    dist.mkdir(parents=True)
    (root / "dateline_test_slow.py").write_text(SLOW_PLUGIN, encoding="utf-8")
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: dateline-test-slow\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[dateline.stages]\ntest.slow = dateline_test_slow:SlowStage\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(root), os.environ.get("PYTHONPATH")) if p))
    importlib.invalidate_caches()
    registry._plugins.cache_clear()
    yield root
    registry._plugins.cache_clear()


def _doc(text: str):
    from dateline.model import Document

    return Document(id=f"d-{text.replace(' ', '-')}", source=text, format="text", text=text)


def test_pool_yields_batches_in_input_order(slow_plugin):
    """Whichever worker finishes first, batches come back in the order they went in (item 7 of issue 19)."""
    texts = ["sleep 2", *(f"fast {i}" for i in range(7))]
    out = list(run_local([[_doc(t)] for t in texts], Settings(jobs=2, stages=("test.slow",))))
    assert [b[0].text for b in out] == texts


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie is dead, only not reaped yet


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_parent(slow_plugin, tmp_path, monkeypatch):
    """kill -9 of the parent while its workers load their models: the workers go too (item 6 of issue 19)."""
    marks = tmp_path / "marks"
    marks.mkdir()
    monkeypatch.setenv("DATELINE_TEST_MARKS", str(marks))
    monkeypatch.setenv("DATELINE_TEST_SETUP_SECONDS", "120")
    script = ("import sys; sys.path.insert(0, sys.argv[1])\n"
              "from dateline.engine.local import run_local\nfrom dateline.model import Document\n"
              "from dateline.settings import Settings\n"
              "batches = [[Document(id=f'd-{i}', source='s', format='text', text='x')] for i in range(4)]\n"
              "list(run_local(batches, Settings(jobs=2, stages=('test.slow',))))\n")
    parent = subprocess.Popen([sys.executable, "-c", script, str(slow_plugin)])
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = [int(p.name) for p in marks.iterdir()]
            time.sleep(0.2)
        assert len(workers) == 2 and set(workers) <= set(_children(parent.pid)), "the workers did not start"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived their killed parent"
    finally:
        for pid in [parent.pid, *workers]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
