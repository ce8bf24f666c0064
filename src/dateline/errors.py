"""Coded, actionable errors. The library raises these; only the CLI and web layer print them."""

from __future__ import annotations


class DatelineError(RuntimeError):
    """An error with a stable code (E###) and a message that says what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
