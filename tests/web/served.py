"""The app served by uvicorn on 127.0.0.1 at a free port, in a thread, for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def served_app(db: Path, token: str) -> Iterator[str]:
    """Serve the store ``db`` with write token ``token``; yield its base URL; stop it on exit."""
    uvicorn = pytest.importorskip("uvicorn")
    from dateline.web.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not instance.started:
        pytest.fail("uvicorn did not start within 15 s")
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)
