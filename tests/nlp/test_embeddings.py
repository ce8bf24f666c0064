"""The shared sentence encoder: bfloat16 only where the CPU has it natively, and close to float32 when used."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.nlp import embeddings

SENTENCES = ["Militiamen burned two lorries on the coast road north of the port on Tuesday.",
             "The council will meet next month to discuss the water budget."]


def _model():
    try:
        return embeddings.sentence_model()
    except (ImportError, OSError, ValueError, RuntimeError) as error:
        pytest.skip(f"no embedding model: {error}")


def test_float32_forced_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    embeddings._native_bf16.cache_clear()
    monkeypatch.setenv("DATELINE_EMBED_FP32", "1")
    try:
        assert embeddings._native_bf16("cpu") is False
    finally:
        embeddings._native_bf16.cache_clear()


def test_never_bfloat16_on_a_gpu() -> None:
    assert embeddings._native_bf16("cuda:0") is False


def test_vectors_are_unit_float32_and_close_to_float32(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _model()
    fast = embeddings.encode(model, SENTENCES)
    embeddings._native_bf16.cache_clear()
    monkeypatch.setenv("DATELINE_EMBED_FP32", "1")
    try:
        exact = embeddings.encode(model, SENTENCES)
    finally:
        embeddings._native_bf16.cache_clear()
    assert fast.dtype == np.float32 and fast.shape == (2, 384)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-3)
    assert (fast * exact).sum(axis=1).min() > 0.999
    assert float(fast[0] @ fast[1]) < 0.9  # two unrelated sentences stay apart
