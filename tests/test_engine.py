"""The same plan gives the same documents in-process, in the process pool and (when installed) on Ray."""

from __future__ import annotations

import dataclasses

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
