"""Dateline: read news reports and turn them into sourced, structured knowledge.

Public API::

    from dateline import run_corpus, Settings
    summary = run_corpus(["examples/"], out_dir=Path("out"))

    import dateline
    with dateline.open("out/") as data:   # read-only: tables as pandas DataFrames or Arrow tables
        data.events, data.arrow("places"), data.acled()
"""

from __future__ import annotations

import logging

from dateline.api import Dataset, open_store
from dateline.model import Document, Entity, Mention, Span
from dateline.pipeline import RunSummary, run_corpus
from dateline.settings import Settings

logging.getLogger(__name__).addHandler(logging.NullHandler())

open = open_store  # `dateline.open(path)`, the documented entry point; shadows nothing inside this module

# `open` stays out of __all__: `from dateline import *` must not shadow the builtin
__all__ = ["Dataset", "Document", "Entity", "Mention", "RunSummary", "Settings", "Span", "open_store", "run_corpus"]
__version__ = "0.1.0"
