"""The Ray engine: the same stages, the same batch function, run as Ray Data actors.

Optional: ``pip install 'dateline[ray]'``. Each actor builds the plan from stage names and
settings and calls ``setup()`` once, like a local worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from dateline.engine.batch import run_stages
from dateline.errors import DatelineError
from dateline.model import Document
from dateline.registry import build_plan
from dateline.settings import Settings


class _StageActor:
    def __init__(self, settings: Settings) -> None:
        self.stages = build_plan(settings)
        for stage in self.stages:
            stage.setup()

    def __call__(self, rows: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        batch = list(rows["document"])
        out = np.empty(len(batch), dtype=object)
        out[:] = run_stages(self.stages, batch)
        return {"document": out}


def run_ray(batches: Iterable[list[Document]], settings: Settings, *, address: str | None = None) -> Iterator[list[Document]]:
    """Yield processed batches from a Ray cluster (local when ``address`` is None)."""
    try:
        import ray
    except ImportError as exc:
        raise DatelineError("E020", "the Ray engine needs Ray: pip install 'dateline[ray]'") from exc
    if not ray.is_initialized():
        ray.init(address=address, ignore_reinit_error=True, log_to_driver=False)
    documents = [{"document": d} for batch in batches for d in batch]
    if not documents:
        return
    dataset = ray.data.from_items(documents).map_batches(
        _StageActor,
        fn_constructor_args=(settings,),
        batch_size=settings.batch_size,
        batch_format="numpy",
        concurrency=max(1, settings.jobs),
    )
    for rows in dataset.iter_batches(batch_size=settings.batch_size, batch_format="numpy"):
        yield list(rows["document"])
