"""Near-duplicate detection: MinHash signatures over word shingles, banded LSH, verified estimate.

Hand-written (about 60 lines of numpy) rather than ``datasketch``: signatures must be stored per document
in DuckDB and compared incrementally against everything seen before, and a fixed seed keeps them stable
across runs and machines; the whole thing is small enough not to justify a dependency.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

SHINGLE = 4  # words per shingle: wire rewrites keep most 4-word runs, unrelated articles share few
NUM_PERM = 64
BANDS = 16  # 16 bands × 4 rows: candidate pairs from Jaccard ≈ 0.5 up ((1/16)^(1/4))
ROWS = NUM_PERM // BANDS
DUPLICATE_JACCARD = 0.5  # estimated shingle Jaccard at or above which two texts are copies
_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1
_TOKEN_RE = re.compile(r"\w+")

_rng = np.random.default_rng(20240606)
_A = _rng.integers(1, _MAX_HASH, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _MAX_HASH, size=NUM_PERM, dtype=np.uint64)


def shingles(text: str, *, size: int = SHINGLE) -> set[int]:
    """32-bit hashes of the word ``size``-grams of ``text`` (case and punctuation folded)."""
    tokens = _TOKEN_RE.findall(text.lower())
    if len(tokens) < size:
        return {zlib.crc32(" ".join(tokens).encode())} if tokens else set()
    return {zlib.crc32(" ".join(tokens[i:i + size]).encode()) for i in range(len(tokens) - size + 1)}


def signature(text: str) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` values < 2^32) of the shingles of ``text``."""
    hashed = np.fromiter(shingles(text), dtype=np.uint64)
    if hashed.size == 0:
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.int64)
    # (a·x + b) mod p with a, x < 2^32 so a·x fits in 64 bits; then folded to 32 bits
    mixed = (hashed[None, :] * _A[:, None] + _B[:, None]) % np.uint64(_PRIME)
    return (mixed.min(axis=1) & np.uint64(_MAX_HASH)).astype(np.int64)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


class DuplicateIndex:
    """LSH buckets over signatures; ``find`` returns the earliest indexed near-copy of a signature."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
        self._signatures: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, doc: str, sig: np.ndarray) -> None:
        self._signatures[doc] = sig
        for band, key in self._keys(sig):
            self._buckets[(band, key)].append(doc)

    def find(self, sig: np.ndarray, *, threshold: float = DUPLICATE_JACCARD) -> tuple[str, float] | None:
        """The first-indexed document whose estimated Jaccard with ``sig`` reaches ``threshold``."""
        seen: set[str] = set()
        best: tuple[str, float] | None = None
        for band, key in self._keys(sig):
            for doc in self._buckets.get((band, key), ()):
                if doc in seen:
                    continue
                seen.add(doc)
                score = estimate_jaccard(sig, self._signatures[doc])
                if score >= threshold and (best is None or score > best[1]):
                    best = (doc, score)
        return best

    @staticmethod
    def _keys(sig: np.ndarray) -> Iterable[tuple[int, bytes]]:
        for band in range(BANDS):
            yield band, sig[band * ROWS:(band + 1) * ROWS].tobytes()


def original_of(doc: str, duplicate_of: dict[str, str | None]) -> str:
    """Follow ``duplicate_of`` links to the first copy."""
    seen = {doc}
    while (parent := duplicate_of.get(doc)) and parent not in seen:
        seen.add(parent)
        doc = parent
    return doc
