from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.report.browser import browser
from tests.report.corpus import build_store


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("store") / "dateline.duckdb")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    yield from browser()
