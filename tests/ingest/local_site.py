"""A web site on 127.0.0.1 for the fetching tests: pages, feeds, robots.txt and failures, written here.

    with LocalSite() as site:
        site.page("/news/1.html", article_html(1))
        url = site.url("/news/1.html")

Every request is logged (path, User-Agent, monotonic time) in ``site.log``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOPICS = [
    ("Convoy reaches besieged town", "A convoy of thirty lorries carrying flour and medicine reached the besieged town of "
     "Deir Hafer on Thursday, the first aid to arrive in three months, the United Nations said."),
    ("Talks on prisoner exchange stall", "Negotiators from both sides met in Geneva on Friday but failed to agree on a "
     "prisoner exchange, a UN envoy said after the meeting ended late in the evening."),
    ("Market reopens in Manbij", "Traders in Manbij reopened the central market on Saturday for the first time since "
     "the fighting ended, local officials said, as families returned to the city."),
]


def article_html(i: int, *, title: str | None = None) -> str:
    """A small news page, different for every ``i`` (so its content hash differs)."""
    head, lead = TOPICS[i % len(TOPICS)]
    title = title or f"{head} (report {i})"
    return f"""<!doctype html>
<html lang="en"><head><title>{title} | Northern Ledger</title>
<meta property="og:site_name" content="Northern Ledger">
<meta property="article:published_time" content="2017-06-{1 + i % 28:02d}T08:10:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>{lead} This is report number {i} of the day.</p>
<p>"People queued from before sunrise," said Amal Nasser, who coordinates food distribution in the area for the
World Food Programme. "Some had walked for hours to reach the distribution point {i}."</p>
<p>The agency said the supplies would feed about {1000 + i} people for a month, but warned that fighting on the road
could stop further deliveries in the coming weeks.</p>
</article>
<footer>Copyright 2017 Northern Ledger. All rights reserved.</footer>
</body></html>
"""


def rss(items: list[str], *, home: str = "https://northern-ledger.example/") -> str:
    entries = "".join(f"<item><title>Item {n}</title><link>{link}</link><guid>{link}</guid></item>\n"
                      for n, link in enumerate(items))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
            f'<channel><title>Northern Ledger</title><link>{home}</link>'
            f'<atom:link href="{home}feed.xml" rel="self" type="application/rss+xml"/>\n{entries}</channel></rss>\n')


def atom(items: list[str]) -> str:
    entries = "".join(f'<entry><title>Item {n}</title><link rel="alternate" href="{link}"/><id>{link}</id></entry>\n'
                      for n, link in enumerate(items))
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title>'
            '<link href="https://northern-ledger.example/" rel="alternate"/>'
            f'<link href="https://northern-ledger.example/atom.xml" rel="self"/>\n{entries}</feed>\n')


def sitemap(urls: list[str], *, index: bool = False) -> str:
    tag, inner = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    body = "".join(f"<{inner}><loc>{u}</loc></{inner}>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</{tag}>\n'


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    sleep: float = 0.0
    headers: dict[str, str] | None = None
    failures: int = 0  # answer ``fail_status`` this many times first
    fail_status: int = 503


class LocalSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[], Route]] = {}
        self.log: list[tuple[str, str, float]] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = 1 << 16  # headers and body in one write (no Nagle/delayed-ACK stall on keep-alive)

            def do_GET(self) -> None:  # noqa: N802
                with site._lock:
                    site.log.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
                    route = site.routes.get(self.path)
                    if callable(route):
                        route = route()
                    failing = route is not None and route.failures > 0
                    if failing:
                        route.failures -= 1  # type: ignore[union-attr]
                if route is None:
                    self._send(404, "text/html", b"<html><body>not found</body></html>")
                    return
                if route.sleep:
                    time.sleep(route.sleep)
                if failing:
                    self._send(route.fail_status, "text/html", b"<html><body>try later</body></html>")
                    return
                self._send(route.status, route.content_type, route.body, route.headers or {})

            def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in (headers or {}).items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> LocalSite:
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes, **kwargs: object) -> str:
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def page(self, path: str, html: str, **kwargs: object) -> str:
        return self.add(path, html, **kwargs)

    def feed(self, path: str, xml: str) -> str:
        return self.add(path, xml, content_type="application/rss+xml; charset=utf-8")

    def requests(self, prefix: str = "") -> list[str]:
        return [p for p, _, _ in self.log if p.startswith(prefix)]


def closed_port_url(path: str = "/gone.html") -> str:
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"
