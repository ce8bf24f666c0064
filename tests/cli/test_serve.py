"""`dateline serve`: the host names it answers to, the token from the environment (issue 19, items 9 and 10)."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dateline.cli.main import app
from dateline.store.duckdb_store import Store


@pytest.fixture
def served(monkeypatch) -> dict[str, Any]:
    """Run `serve` without a server (nor its warm-up for POSTs): the app it would serve is kept here."""
    import sys

    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw))
    monkeypatch.setattr(sys, "setswitchinterval", lambda seconds: None)
    with contextlib.suppress(ImportError):
        from dateline.web.ingestor import Ingestor

        monkeypatch.setattr(Ingestor, "warm", lambda self: None)
        monkeypatch.setattr(Ingestor, "start_workers", lambda self: None)
    return seen


def test_serve_answers_only_its_own_host_names(served, tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "192.168.1.20", "--allowed-host", "dateline.lan"])
    assert result.exit_code == 0, result.output
    for base, status in [("http://192.168.1.20:8765", 200), ("http://dateline.lan", 200), ("http://localhost", 200),
                         ("http://rebound.attacker.example", 400), ("http://192.168.1.21", 400)]:
        with TestClient(served["app"], base_url=base) as client:
            assert client.get("/api/health").status_code == status, base


def test_serve_takes_the_token_from_the_environment_and_says_so(served, tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_TOKEN", "from-env")
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.duckdb"), "--create"])
    assert result.exit_code == 0 and "writes need the token" in result.output, result.output
    with TestClient(served["app"], base_url="http://127.0.0.1") as client:
        body = {"documents": [{"text": "Protesters gathered in Basra on Monday."}]}
        assert client.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
    help_text = " ".join(CliRunner().invoke(app, ["serve", "--help"]).output.split())
    assert "DATELINE_TOKEN" in help_text and "ps" in help_text and "--allowed-host" in help_text


def test_serve_refuses_a_missing_store_instead_of_creating_one(served, tmp_path):
    missing = tmp_path / "typo" / "dateline.duckdb"
    result = CliRunner().invoke(app, ["serve", "--db", str(missing)])
    assert result.exit_code == 2 and "no store at" in result.output and "--create" in result.output, result.output
    assert "app" not in served and not missing.exists() and not missing.parent.exists()
