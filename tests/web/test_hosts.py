"""Only the host names of this machine are served: a rebound domain gets 400 (issue 19, item 9)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dateline.web.app import create_app

LOCAL = ["http://127.0.0.1:8765", "http://localhost", "http://LOCALHOST:8765", "http://[::1]:8765"]


@pytest.mark.parametrize("base", ["http://rebind.attacker.example", "http://127.0.0.1.nip.example:8765",
                                  "http://localhost.evil.example", "http://10.0.0.7:8765"])
def test_only_the_local_host_names_are_served(synthetic_db, base):
    with TestClient(create_app(synthetic_db, token=None), base_url=base) as client:
        for path in ("/api/health", "/api/documents", "/"):
            response = client.get(path)
            assert response.status_code == 400 and "documents" not in response.text, (base, path)
        for local in LOCAL:
            assert client.get(f"{local}/api/health").status_code == 200, local


def test_allowed_hosts_add_names(synthetic_db):
    app = create_app(synthetic_db, token=None, allowed_hosts=["127.0.0.1", "localhost", "[::1]", "dateline.lan", "::2"])
    with TestClient(app, base_url="http://dateline.lan:8765") as client:
        assert client.get("/api/health").status_code == 200
        assert client.get("http://[::2]/api/health").status_code == 200
        assert client.get("http://other.lan/api/health").status_code == 400
