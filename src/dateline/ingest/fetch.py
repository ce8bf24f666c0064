"""Fetch web pages politely: robots.txt, a per-host rate limit, timeouts, retries with backoff, a clear user agent.

Every URL becomes a :class:`~dateline.model.Document`, either with the page's HTML as ``raw`` (the
extraction stage reads it like a local HTML file) or with ``status="error"`` and a reason a person can act
on: ``HTTP 404 Not Found``, ``connection refused by 127.0.0.1:8000``, ``timed out after 20 s``,
``refused by robots.txt``, ``not an HTML page (Content-Type: application/pdf)``. Nothing here raises for a
bad URL.

What comes from trafilatura and courlan, and what is written here:

- HTTP goes through urllib3, as in ``trafilatura.downloads``, and through trafilatura's own connection pool
  (``create_pool``), which blocks private and loopback addresses on every hop (SSRF protection; off with
  ``allow_private``). ``trafilatura.fetch_url``/``fetch_response`` themselves are not used: they return
  ``None`` for every failure (refused, timed out, too many retries), so the reason the project's bad-input
  rule must store per document would be lost; their backoff is tied to the timeout (timeout/2 seconds) and
  a refused connection is never retried; and their only rate limit is a sleep between whole batches.
- robots.txt is parsed by ``trafilatura.spider.parse_robots`` (the standard library's parser); fetching it
  and caching it per host is done here because trafilatura's ``get_rules`` fetches with ``fetch_url``
  (again no status: a 401/403 or 5xx robots.txt cannot be told from a missing one).
- URLs are normalised with ``courlan.normalize_url`` (tracking parameters such as ``utm_*`` dropped).
- The per-host rate limit is written here: courlan's ``UrlStore`` schedules hosts for a single crawler
  loop, not for a pool of threads fetching side by side.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import ipaddress
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import certifi
import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationParseError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    ResponseError,
    SSLError,
)

from dateline import __version__
from dateline.ingest.readers import documents_from_bytes, error_document
from dateline.model import Document
from dateline.settings import DEFAULT_MAX_DOC_BYTES

USER_AGENT = f"Dateline/{__version__} (news event extraction; polite fetcher: robots.txt, rate-limited)"
HTML_TYPES = {"text/html", "application/xhtml+xml"}
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})  # worth another try after a pause
MAX_RETRY_AFTER = 30.0  # seconds: a server asking for a longer pause gets an error instead
MAX_CRAWL_DELAY = 60.0  # seconds: a robots.txt Crawl-delay above this is capped


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch. The defaults are polite for real news sites; tests and benches turn the delay off."""

    delay: float = 1.0  # seconds between two requests to the same host (0: no rate limit); robots' Crawl-delay wins if larger
    timeout: float = 20.0  # seconds, for connecting and for each read
    retries: int = 2  # further attempts after a refused/broken connection, a timeout or a 429/5xx answer
    backoff: float = 1.0  # seconds; the pause before retry n is backoff * 2**(n-1) (Retry-After is honoured)
    workers: int = 8  # pages fetched at the same time (across hosts; one host is still rate limited)
    robots: bool = True  # obey robots.txt
    allow_private: bool = False  # allow private and loopback addresses (your own network, a test server)
    user_agent: str = USER_AGENT
    max_bytes: int = DEFAULT_MAX_DOC_BYTES
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP answer (or why there is none)."""

    url: str
    final_url: str
    status: int | None = None
    content_type: str = ""
    data: bytes = b""
    error: str | None = None  # set when there is no usable answer

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def normalize(url: str) -> str:
    """The key a URL is stored and de-duplicated under: courlan's normalisation, without the fragment."""
    from courlan import normalize_url

    url = url.strip()
    with contextlib.suppress(ValueError, AttributeError):  # courlan gives up on odd URLs: keep them as written
        url = normalize_url(url)
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def host_of(url: str) -> str:
    """``scheme://host:port``: what one robots.txt covers."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _gate_key(url: str) -> str:
    """What the rate limit counts per: the host name (http and https of one site are one server)."""
    return (urlsplit(url).hostname or url).lower()


class HostGate:
    """Per-host spacing of request starts across threads: at most one request per ``delay`` seconds per host.

    Written by hand: trafilatura's download buffer (``load_download_buffer``) sleeps between whole batches
    and courlan's ``UrlStore`` timestamps hosts for one crawler loop; neither spaces concurrent threads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str, delay: float) -> None:
        if delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + delay
        if start > now:
            time.sleep(start - now)


class Fetcher:
    """Fetch pages concurrently and politely. Thread-safe; use as a context manager."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        from trafilatura.downloads import create_pool

        self.options = options or FetchOptions()
        pool_args = {"ca_certs": certifi.where(), "cert_reqs": "CERT_REQUIRED", "maxsize": max(4, self.options.workers)}
        self._vet_hosts = False
        if "ssrf_protection" in inspect.signature(create_pool).parameters:
            # trafilatura's pool: with ssrf_protection every connection (redirects included) to a non-public
            # address is refused after DNS resolution, so a feed cannot point the fetcher into your network.
            self._pool = create_pool(ssrf_protection=not self.options.allow_private, **pool_args)
        else:  # a trafilatura without it: check the addresses a host name resolves to before each request
            self._pool = urllib3.PoolManager(num_pools=50, **pool_args)
            self._vet_hosts = not self.options.allow_private
        self._gate = HostGate()
        self._robots: dict[str, RobotFileParser | str | None] = {}  # host → rules, a refusal reason, or None (no rules)
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.clear()

    # -- one request -----------------------------------------------------------------------
    def get(self, url: str) -> Fetched:
        """GET ``url`` (rate limited, retried); never raises."""
        self._gate.wait(_gate_key(url), self._delay_for(url))
        return self._request(url)

    def _retry(self) -> urllib3.Retry:
        o = self.options
        extra = {"retry_after_max": int(MAX_RETRY_AFTER)} if _RETRY_AFTER_MAX else {}  # urllib3 >= 2.6
        return urllib3.Retry(
            total=None, connect=o.retries, read=o.retries, status=o.retries, other=0, redirect=o.max_redirects,
            backoff_factor=o.backoff, backoff_max=MAX_RETRY_AFTER, status_forcelist=RETRY_STATUS,
            respect_retry_after_header=True, raise_on_status=False, raise_on_redirect=True, **extra,
        )

    def _request(self, url: str) -> Fetched:
        o = self.options
        attempts = o.retries + 1
        if self._vet_hosts and (private := _private_address(url)):
            return Fetched(url, url, error=_reason(OSError(f"SSRF protection: {private}"), url, o.timeout, 1))
        headers = {"User-Agent": o.user_agent, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                   **urllib3.util.make_headers(accept_encoding=True)}
        try:
            response = self._pool.request("GET", url, headers=headers, retries=self._retry(), preload_content=False,
                                          timeout=urllib3.Timeout(connect=o.timeout, read=o.timeout))
        except MaxRetryError as exc:
            return Fetched(url, url, error=_reason(exc.reason, url, o.timeout, attempts))
        except (HTTPError, ValueError) as exc:
            return Fetched(url, url, error=_reason(exc, url, o.timeout, attempts))
        try:
            data = _read_capped(response, o.max_bytes)
        except _TooLarge:
            return Fetched(url, url, status=response.status,
                           error=f"document too large: more than {o.max_bytes // (1024 * 1024)} MiB (limit: --max-doc-mb)")
        except (HTTPError, OSError) as exc:
            return Fetched(url, url, status=response.status, error=_reason(exc, url, o.timeout, 1))
        finally:
            response.release_conn()
        final = urljoin(url, response.geturl() or url)
        return Fetched(url, final, response.status, response.headers.get("Content-Type", ""), data)

    # -- robots.txt ------------------------------------------------------------------------
    def _rules(self, url: str) -> RobotFileParser | str | None:
        """The robots.txt rules of ``url``'s host (fetched once per host), a reason to refuse, or None."""
        host = host_of(url)
        with self._lock:
            lock = self._robots_locks.setdefault(host, threading.Lock())
        with lock:
            if host not in self._robots:
                self._robots[host] = self._load_robots(host)
            return self._robots[host]

    def _load_robots(self, host: str) -> RobotFileParser | str | None:
        from trafilatura.spider import parse_robots

        robots_url = host + "/robots.txt"
        self._gate.wait(_gate_key(robots_url), self.options.delay)
        answer = self._request(robots_url)
        if answer.error or answer.status is None:
            return None  # host unreachable: the page request will say why
        if answer.status in (401, 403):
            return f"robots.txt of {host} is not readable (HTTP {answer.status}): the site forbids crawling"
        if answer.status >= 500:  # RFC 9309: a server error on robots.txt means "assume complete disallow"
            return f"robots.txt of {host} failed (HTTP {answer.status}): not fetched, as RFC 9309 asks"
        if answer.status >= 400 or not answer.data:
            return None  # no robots.txt: everything is allowed
        return parse_robots(robots_url, answer.data.decode("utf-8", errors="replace"))

    def allowed(self, url: str) -> str | None:
        """None when robots.txt allows ``url``; else the reason it may not be fetched."""
        if not self.options.robots:
            return None
        rules = self._rules(url)
        if isinstance(rules, str):
            return rules
        if rules is not None and not rules.can_fetch(self.options.user_agent, url):
            return f"refused by robots.txt of {host_of(url)} (Disallow for this user agent)"
        return None

    def _delay_for(self, url: str) -> float:
        delay = self.options.delay
        rules = self._robots.get(host_of(url)) if self.options.robots else None
        if isinstance(rules, RobotFileParser):
            crawl_delay = rules.crawl_delay(self.options.user_agent)
            if crawl_delay:
                delay = max(delay, min(float(crawl_delay), MAX_CRAWL_DELAY))
        return delay

    # -- pages -----------------------------------------------------------------------------
    def page(self, url: str, *, source: str | None = None) -> Document:
        """Fetch one article page into a Document (``raw`` = its HTML, ``url`` = the address after redirects)."""
        source = source or url
        refused = self.allowed(url)
        if refused:
            return error_document(source, refused)
        answer = self.get(url)
        reason = page_problem(answer)
        if reason:
            return error_document(source, reason)
        documents = list(documents_from_bytes(source, answer.data, kind="html", max_doc_bytes=self.options.max_bytes))
        document = documents[0]
        if not document.ok:
            return document
        notes = document.notes + ((f"redirected to {answer.final_url}",) if answer.final_url != url else ())
        return dataclasses.replace(document, url=answer.final_url, notes=notes)

    def pages(self, urls: Iterable[tuple[str, str]]) -> Iterator[Document]:
        """Fetch ``(url, source)`` pairs on ``workers`` threads; yield Documents in input order."""
        window = max(1, self.options.workers) * 4  # bounded read-ahead
        pool = ThreadPoolExecutor(max(1, self.options.workers), thread_name_prefix="fetch")
        pending: list[Future[Document]] = []
        try:
            for url, source in urls:
                pending.append(pool.submit(self.page, url, source=source))
                if len(pending) >= window:
                    yield pending.pop(0).result()
            while pending:
                yield pending.pop(0).result()
        finally:  # stopped early (Ctrl-C, an error downstream): drop what has not started
            pool.shutdown(wait=False, cancel_futures=True)


def page_problem(answer: Fetched) -> str | None:
    """Why a fetched answer is not an article page, or None."""
    if answer.error:
        return answer.error
    assert answer.status is not None
    if not 200 <= answer.status < 300:
        return f"HTTP {answer.status} {_phrase(answer.status)}".rstrip()
    mime = answer.content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return f"not an HTML page (Content-Type: {mime})"
    if not mime and answer.data.lstrip()[:1] != b"<":
        return "not an HTML page (no Content-Type and the body is not markup)"
    return None


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class _TooLarge(Exception):
    pass


def _read_capped(response: Any, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.stream(2**16):
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(exc: BaseException | None, url: str, timeout: float, attempts: int) -> str:
    """A failure as a sentence: what happened, to which host, after how many attempts."""
    netloc = urlsplit(url).netloc or url
    tries = f" ({attempts} attempts)" if attempts > 1 else ""
    text = str(exc)
    if "SSRF protection" in text:
        return (f"refused to fetch {netloc}: a private or local network address "
                "(pass --allow-private to fetch from your own network)")
    if isinstance(exc, NameResolutionError) or "Name or service not known" in text or "nodename nor servname" in text:
        return f"host not found: {urlsplit(url).hostname}"
    if isinstance(exc, NewConnectionError) and "timed out" not in text:  # (a subclass of ConnectTimeoutError)
        if "refused" in text.lower():
            return f"connection refused by {netloc}{tries}"
        return f"cannot connect to {netloc}: {text.split(': ', 1)[-1]}{tries}"
    if isinstance(exc, ConnectTimeoutError):
        return f"timed out connecting to {netloc} after {timeout:g} s{tries}"
    if isinstance(exc, ReadTimeoutError):
        return f"timed out waiting for {netloc} after {timeout:g} s{tries}"
    if isinstance(exc, SSLError):
        return f"TLS/SSL error with {netloc}: {text}"
    if isinstance(exc, ResponseError) and "redirect" in text.lower():
        return "too many redirects"
    if isinstance(exc, ProtocolError):
        return f"connection to {netloc} broken: {text}{tries}"
    if isinstance(exc, (LocationParseError, ValueError)):
        return f"invalid URL: {url}"
    return f"download failed from {netloc}: {text or type(exc).__name__}{tries}"


def _private_address(url: str) -> str | None:
    """A non-public address ``url``'s host resolves to, if any (the fallback SSRF check; see Fetcher)."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return None  # the request itself will report that the host is not found
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not (getattr(address, "ipv4_mapped", None) or address).is_global:
            return str(address)
    return None


def _has_retry_after_max() -> bool:
    return "retry_after_max" in inspect.signature(urllib3.Retry.__init__).parameters


_RETRY_AFTER_MAX = _has_retry_after_max()
