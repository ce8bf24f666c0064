"""`dateline serve`: a JSON API and the report's views, live over a DuckDB store."""

from dateline.web.app import create_app

__all__ = ["create_app"]
