"""Dateline: read news reports and turn them into sourced, structured knowledge.

Public API::

    from dateline import run_corpus, Settings
    summary = run_corpus(["examples/"], out_dir=Path("out"))
"""

from __future__ import annotations

import logging

from dateline.model import Document, Entity, Mention, Span
from dateline.pipeline import RunSummary, run_corpus
from dateline.settings import Settings

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Document", "Entity", "Mention", "RunSummary", "Settings", "Span", "run_corpus"]
__version__ = "0.1.0"
