"""Stable identifiers: the same input gives the same id on every run and every machine."""

from __future__ import annotations

import hashlib


def content_id(*parts: str | bytes, prefix: str = "", length: int = 16) -> str:
    """Hash the parts (in order) into a short hex id, optionally prefixed (``d-3f2a...``)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x1f")
    return prefix + digest.hexdigest()[:length]
