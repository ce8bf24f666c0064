"""Command-line options for reading from the web, shared by `dateline run` and `dateline watch`."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.ingest.fetch import USER_AGENT, FetchOptions

FeedOpt = Annotated[list[str] | None, typer.Option(
    "--feed", help="An RSS/Atom/JSON feed, a sitemap (or sitemap index), a list of URLs, or a site's page that "
                   "announces a feed: a URL or a local file (repeatable). Its articles are fetched.")]
DelayOpt = Annotated[float, typer.Option(
    help="Seconds between two requests to the same host (0: no rate limit). A larger robots.txt Crawl-delay wins.",
    min=0.0)]
TimeoutOpt = Annotated[float, typer.Option(help="Seconds to wait for a web server to connect and for each read.",
                                           min=0.1)]
RetriesOpt = Annotated[int, typer.Option(help="Further attempts after a refused or broken connection, a timeout, "
                                              "or an HTTP 429/5xx answer (with exponential backoff).", min=0)]
AllowPrivateOpt = Annotated[bool, typer.Option(
    "--allow-private", help="Fetch from private and loopback addresses too (your own network, a local server); "
                            "refused by default so a feed cannot point Dateline into your network.")]
UserAgentOpt = Annotated[str, typer.Option(help="User-Agent sent with every request (add a contact address).")]
DEFAULT_DELAY = FetchOptions().delay
DEFAULT_TIMEOUT = FetchOptions().timeout
DEFAULT_RETRIES = FetchOptions().retries


def fetch_options(*, delay: float, timeout: float, retries: int, allow_private: bool, user_agent: str,
                  max_bytes: int) -> FetchOptions:
    return FetchOptions(delay=delay, timeout=timeout, retries=retries, allow_private=allow_private,
                        user_agent=user_agent or USER_AGENT, max_bytes=max_bytes)
