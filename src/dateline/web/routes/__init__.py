"""The web app's routers: read API, ingestion, pages."""
