"""RSS/Atom/JSON feeds, sitemaps and plain URL lists → the article URLs they list.

The parsing is trafilatura's: ``trafilatura.feeds.find_links`` reads RSS, Atom and JSON Feed,
``trafilatura.feeds.determine_feed`` finds the feeds a web page announces, and ``trafilatura.sitemaps``
(``SitemapObject.process``, ``extract_robots_sitemaps``) reads XML and text sitemaps. What is written here:

- Link checking. trafilatura passes every link through courlan's ``check_url``/``extract_domain``, which
  reject an IP host with a port (``http://127.0.0.1:8000/...``) and ``localhost`` (so an intranet or test
  server gives no links), and keep only links to the feed's own domain (aggregators such as Google News
  legitimately link elsewhere). Here a link only has to be an absolute http(s) URL that is not a home page.
- Only the items' part of a feed is read: ``find_links`` takes every ``<link>`` of the document, the
  channel's own (the site's home or section page) included.
- Fetching goes through :class:`~dateline.ingest.fetch.Fetcher` (robots.txt, rate limit, clear errors).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from trafilatura.feeds import FeedParameters, determine_feed, find_links, is_potential_feed
from trafilatura.sitemaps import DETECT_SITEMAP_LINK, SitemapObject, extract_robots_sitemaps

from dateline.ingest.decode import UnreadableInput, decode_bytes
from dateline.ingest.fetch import Fetcher, is_url, page_problem
from dateline.ingest.readers import error_document
from dateline.model import Document

MAX_SITEMAPS = 50  # sitemaps read per --feed (a sitemap index can list thousands)
MAX_FEEDS_PER_PAGE = 3  # feeds a web page announces that are read
_ITEMS = re.compile(r"<(?:[\w-]+:)?(?:item|entry)\b", re.IGNORECASE)
_SITEMAP = re.compile(r"<(?:[\w.-]+:)?(?:urlset|sitemapindex)\b")
_SITEMAP_INDEX = re.compile(r"<(?:[\w.-]+:)?sitemapindex\b")
_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.MULTILINE)


@dataclass(slots=True)
class Expanded:
    """What one ``--feed`` gave: article URLs in feed order, and error rows for what could not be read."""

    links: list[str] = field(default_factory=list)
    errors: list[Document] = field(default_factory=list)
    kind: str = ""  # feed | sitemap | page | list


def kind_of(text: str) -> str:
    """``sitemap``, ``feed`` (RSS/Atom/JSON Feed), ``page`` (HTML), ``list`` (URLs one per line) or ``unknown``."""
    head = text.lstrip()[:4096]
    if _SITEMAP.search(head):
        return "sitemap"
    if is_potential_feed(head) or (head.startswith("{") and '"items"' in text):
        return "feed"
    if "<html" in head.lower() or "<!doctype html" in head.lower():
        return "page"
    if _URL_LINE.search(text):
        return "list"
    return "unknown"


def feed_links(text: str, base: str | None) -> list[str]:
    """Article URLs of an RSS/Atom/JSON feed, in feed order."""
    text = text.strip()
    first_item = _ITEMS.search(text)
    if first_item and not text.startswith("{"):
        text = "<rss>" + text[first_item.start():]  # items only; find_links wants a feed opening tag
    host = urlsplit(base).netloc if base else ""
    links = find_links(text, FeedParameters(base or "", host, base or "", external=True))
    return _checked(links, base)


def sitemap_links(text: str, url: str) -> tuple[list[str], list[str]]:
    """(article URLs, nested sitemap URLs) of an XML or text sitemap."""
    sitemap = _Sitemap(url, text)
    sitemap.process()
    return _checked(sitemap.urls, url), _checked(sitemap.sitemap_urls, url)


def page_feeds(html: str, url: str) -> list[str]:
    """The feeds a web page announces (``<link rel="alternate" type="application/rss+xml">``, feed-like links)."""
    return determine_feed(html, FeedParameters(url, urlsplit(url).netloc, url, external=True))[:MAX_FEEDS_PER_PAGE]


def expand_feed(spec: str, fetcher: Fetcher) -> Expanded:
    """Read ``spec`` (a feed, sitemap or web page URL, or a local file of one) into article URLs."""
    out = Expanded()
    text, base, problem = _load(spec, fetcher)
    if problem:
        out.errors.append(error_document(spec, f"feed not read: {problem}"))
        return out
    out.kind = kind_of(text)
    if out.kind == "feed":
        out.links = feed_links(text, base)
    elif out.kind == "sitemap":
        out.links = _walk_sitemaps(spec, text, base, fetcher, out)
    elif out.kind == "list":
        out.links = _checked(_URL_LINE.findall(text), base)
    elif out.kind == "page" and base:
        _from_page(text, base, fetcher, out)
    else:
        out.errors.append(error_document(spec, "feed not read: not an RSS, Atom or JSON feed, a sitemap, "
                                               "a list of URLs or a web page that announces a feed"))
    out.links = list(dict.fromkeys(out.links))
    return out


def _from_page(html: str, url: str, fetcher: Fetcher, out: Expanded) -> None:
    """A web page given as a feed: read the feeds it announces, else the sitemaps its robots.txt lists."""
    for feed in page_feeds(html, url):
        text, _, problem = _load(feed, fetcher)
        if problem:
            out.errors.append(error_document(feed, f"feed not read: {problem}"))
        elif kind_of(text) == "feed":
            out.links.extend(feed_links(text, feed))
    if out.links:
        return
    host = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    robots, _, problem = _load(host + "/robots.txt", fetcher, robots_check=False)
    for sitemap in [] if problem else extract_robots_sitemaps(robots, host)[:MAX_SITEMAPS]:
        text, _, problem = _load(sitemap, fetcher)
        if not problem and kind_of(text) == "sitemap":
            out.links.extend(_walk_sitemaps(sitemap, text, sitemap, fetcher, out))
    if not out.links:
        out.errors.append(error_document(url, "feed not read: the page announces no feed and robots.txt lists no sitemap"))


def _walk_sitemaps(spec: str, text: str, base: str | None, fetcher: Fetcher, out: Expanded) -> list[str]:
    """A sitemap and the sitemaps it points to (a sitemap index), breadth first, at most MAX_SITEMAPS."""
    links, queue = sitemap_links(text, base or spec)
    seen = {spec}
    while queue and len(seen) < MAX_SITEMAPS:
        nested = queue.pop(0)
        if nested in seen:
            continue
        seen.add(nested)
        body, _, problem = _load(nested, fetcher)
        if problem:
            out.errors.append(error_document(nested, f"sitemap not read: {problem}"))
            continue
        more, deeper = sitemap_links(body, nested)
        links.extend(more)
        queue.extend(deeper)
    return links


def _load(spec: str, fetcher: Fetcher, *, robots_check: bool = True) -> tuple[str, str | None, str | None]:
    """(text, base URL, problem) of a feed URL or file; gzip is undone."""
    if is_url(spec):
        refused = fetcher.allowed(spec) if robots_check else None
        if refused:
            return "", spec, refused
        answer = fetcher.get(spec)
        if answer.error or answer.status is None or not 200 <= answer.status < 300:
            return "", spec, page_problem(answer)
        data, base = answer.data, answer.final_url
    else:
        try:
            data = Path(spec).read_bytes()
        except OSError as exc:
            return "", None, f"cannot read file: {exc.strerror or exc}"
        base = None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            return "", base, f"corrupt gzip data: {exc}"
    try:
        text = decode_bytes(data).text
    except UnreadableInput as exc:
        return "", base, str(exc)
    if not text.strip():
        return "", base, "empty"
    return text, base, None


def _checked(links: list[str], base: str | None) -> list[str]:
    """Absolute http(s) URLs, relative ones resolved against ``base``; home pages and duplicates dropped."""
    out: list[str] = []
    for link in links:
        link = link.strip()
        if base and not is_url(link):
            link = urljoin(base, link)
        if not is_url(link):
            continue
        if urlsplit(link).path in ("", "/") and not urlsplit(link).query:
            continue  # a site's home page is never an article (an RSS channel links to it)
        out.append(link)
    return list(dict.fromkeys(out))


class _Sitemap(SitemapObject):  # type: ignore[misc]
    """trafilatura's sitemap reader with its link check replaced (see the module docstring); in a sitemap
    index every location is a sitemap, whatever its extension."""

    __slots__ = ("index",)

    def __init__(self, url: str, text: str) -> None:
        super().__init__(url, urlsplit(url).netloc, [], external=True)
        self.current_url = url
        self.content = text
        self.index = bool(_SITEMAP_INDEX.search(text[:4096]))

    def handle_link(self, link: str) -> None:
        if link == self.current_url:
            return
        if self.index or DETECT_SITEMAP_LINK.search(link):
            self.sitemap_urls.append(link)
        else:
            self.urls.append(link)
