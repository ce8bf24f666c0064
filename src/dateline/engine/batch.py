"""Run a plan of stages over one batch, isolating failures to the document that caused them.

This is the one function every engine calls (local process pool, in-process, Ray).
"""

from __future__ import annotations

import dataclasses
import logging

from dateline.model import STATUS_ERROR, Document
from dateline.stage import Stage

log = logging.getLogger(__name__)


def run_stages(stages: list[Stage], batch: list[Document]) -> list[Document]:
    """Pass ``batch`` through ``stages``; a stage failing on a batch is retried per document."""
    for stage in stages:
        try:
            batch = stage(batch)
        except Exception:  # noqa: BLE001 - any stage bug must cost one document, not the run
            log.warning("stage %s failed on a batch; retrying document by document", stage.name, exc_info=True)
            batch = [_one(stage, document) for document in batch]
    return [finalize(document) for document in batch]


def _one(stage: Stage, document: Document) -> Document:
    try:
        return stage([document])[0]
    except Exception as exc:  # noqa: BLE001
        log.warning("stage %s failed on %s", stage.name, document.source, exc_info=True)
        return dataclasses.replace(document, status=STATUS_ERROR, error=f"stage {stage.name} failed: {type(exc).__name__}: {exc}")


def finalize(document: Document) -> Document:
    """Drop worker-local bulk (raw input, tokens) before a document leaves the worker."""
    meta = {k: v for k, v in document.meta.items() if k == "entity_parents"}
    return dataclasses.replace(document, raw="", tokens=(), meta=meta)
