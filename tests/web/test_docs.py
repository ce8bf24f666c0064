"""/docs and /redoc: packaged Swagger UI and ReDoc, no CDN, no inline script, a CSP without remote sources."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.web.app import create_app


@pytest.fixture(scope="module")
def client(synthetic_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(synthetic_db, token=None), base_url="http://127.0.0.1") as client:
        yield client


@pytest.mark.parametrize(("path", "bundle"), [("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")])
def test_docs_pages_load_packaged_files_only(client: TestClient, path: str, bundle: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert f'src="/docs/static/{bundle}"' in page.text
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page.text), "nothing from a CDN"
    assert "<script>" not in page.text  # no inline script: the set-up is a file too
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "http" not in csp and "*" not in csp
    for src in re.findall(r'src="([^"]+)"', page.text):
        asset = client.get(src)
        assert asset.status_code == 200 and asset.headers["content-type"].startswith("text/javascript")
        assert len(asset.content) > (100_000 if src.endswith(bundle) else 20)


def test_docs_setup_scripts_point_at_the_schema(client: TestClient) -> None:
    assert "/openapi.json" in client.get("/docs/static/swagger-init.js").text
    assert "/openapi.json" in client.get("/docs/static/redoc-init.js").text
    assert client.get("/docs/static/swagger-ui.css").headers["content-type"].startswith("text/css")


def test_docs_assets_outside_the_list_are_not_served(client: TestClient) -> None:
    assert client.get("/docs/static/core.py").status_code == 404
    assert client.get("/docs/static/..%2F__init__.py").status_code == 404


def test_the_app_pages_keep_the_strict_csp(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "blob:" not in csp
