"""The shape of one fault-injection case for bench/faults.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    """One case: the issue item it checks, a short name, and a function returning (ok, what happened)."""

    item: str
    name: str
    run: Callable[[], tuple[bool, str]]
