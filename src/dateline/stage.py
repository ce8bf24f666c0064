"""The stage contract.

A stage is a small class with a cheap constructor taking only :class:`Settings` (so it pickles to
a worker process or a Ray actor trivially), a ``setup()`` that loads models and data once per
worker, and a call on a batch: a list of :class:`Document` in, the updated list out. A stage
returns new records (``dataclasses.replace``); it never mutates its input and never does I/O
beyond reading its own data. Documents whose ``status`` is not ``ok`` pass through untouched.
"""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from dateline.model import Document
from dateline.settings import Settings


@runtime_checkable
class Stage(Protocol):
    name: ClassVar[str]  # "package.step.vN"; bump N when output changes

    def __init__(self, settings: Settings) -> None: ...

    def setup(self) -> None:
        """Load models and data; called once per worker before the first batch."""

    def __call__(self, batch: list[Document]) -> list[Document]:
        """Process a batch of documents and return the updated batch (same order, same length)."""
        ...


class BaseStage:
    """Convenience base: stores settings, no-op setup, per-document dispatch for OK documents."""

    name: ClassVar[str] = "base.v0"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self) -> None:
        return None

    def __call__(self, batch: list[Document]) -> list[Document]:
        return [self.process(document) if document.ok else document for document in batch]

    def process(self, document: Document) -> Document:
        """Process one OK document. Override this, or ``__call__`` for batch-wise work."""
        return document
