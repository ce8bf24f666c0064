"""Headless Debian Chromium for the browser tests (skipped with a reason when it is absent)."""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


# One browser for the whole session, shared by tests/report and tests/web (Playwright's sync API
# allows a single instance per thread); closed when the interpreter exits.
_SHARED: dict[str, Any] = {}


def browser() -> Iterator[Any]:
    """A Chromium browser via Playwright, or a skip explaining what to install."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian chromium not installed at {CHROMIUM} (run .ci/browser-deps.sh)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (run .ci/browser-deps.sh)")
    if "browser" not in _SHARED:
        manager = sync_api.sync_playwright()
        playwright = manager.start()
        _SHARED["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=30_000)
        atexit.register(_close, manager)
    yield _SHARED["browser"]


def _close(manager: Any) -> None:
    _SHARED.pop("browser").close()
    manager.__exit__(None, None, None)


class PageWatch:
    """A page with its console errors and dialogs recorded; requests outside ``allowed`` are blocked."""

    def __init__(self, page: Any, allowed: tuple[str, ...]) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route(allowed))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, allowed: tuple[str, ...]) -> Any:
        def handle(route: Any) -> None:
            url = route.request.url
            if url.startswith(allowed):
                route.continue_()
            else:
                self.blocked.append(url)
                route.abort()
        return handle


def open_page(instance: Any, url: str, allowed: tuple[str, ...]) -> PageWatch:
    page = instance.new_page(viewport={"width": 1300, "height": 860})
    watch = PageWatch(page, allowed)
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    return watch


def shot(watch: PageWatch, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    watch.page.screenshot(path=str(path), full_page=False)
    return path
