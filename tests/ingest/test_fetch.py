"""Fetching pages politely from a local server: documents, clear errors, robots.txt, retries, rate limit."""

from __future__ import annotations

import time

import pytest

from dateline.ingest.fetch import Fetcher, FetchOptions, normalize
from tests.ingest.local_site import LocalSite, article_html, closed_port_url

FAST = FetchOptions(delay=0, timeout=0.5, retries=0, backoff=0, allow_private=True)


@pytest.fixture
def site():
    with LocalSite() as s:
        s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        yield s


def test_page_becomes_a_document_with_its_url_and_our_user_agent(site):
    url = site.page("/news/1.html", article_html(1))
    with Fetcher(FAST) as fetcher:
        doc = fetcher.page(url)
    assert doc.ok and doc.format == "html"
    assert doc.url == url and doc.source == url
    assert "report number 1 of the day" in doc.raw
    agents = {agent for path, agent, _ in site.log}
    assert len(agents) == 1 and agents.pop().startswith("Dateline/")
    assert site.requests() == ["/robots.txt", "/news/1.html"]


@pytest.mark.parametrize("setup, expected", [
    (lambda s: s.url("/missing.html"), "HTTP 404 Not Found"),
    (lambda s: s.add("/report.pdf", b"%PDF-1.4 ...", content_type="application/pdf"),
     "not an HTML page (Content-Type: application/pdf)"),
    (lambda s: s.page("/private/secret.html", article_html(2)), "refused by robots.txt"),
    (lambda s: s.page("/slow.html", article_html(3), sleep=1.5), "timed out waiting for 127.0.0.1"),
    (lambda s: closed_port_url(), "connection refused by 127.0.0.1"),
    (lambda s: s.add("/empty.html", ""), "empty document"),
])
def test_a_failing_url_is_an_error_document_with_a_clear_reason(site, setup, expected):
    url = setup(site)
    with Fetcher(FAST) as fetcher:
        doc = fetcher.page(url)
    assert doc.status == "error" and doc.source == url
    assert expected in doc.error


def test_robots_disallowed_page_is_never_requested(site):
    url = site.page("/private/secret.html", article_html(2))
    with Fetcher(FAST) as fetcher:
        fetcher.page(url)
    assert "/private/secret.html" not in site.requests()


def test_private_addresses_are_refused_unless_allowed(site):
    url = site.page("/news/1.html", article_html(1))
    with Fetcher(FetchOptions(delay=0, timeout=0.5, retries=0)) as fetcher:
        doc = fetcher.page(url)
    assert doc.status == "error" and "--allow-private" in doc.error
    assert site.log == []  # not even robots.txt was fetched


def test_server_errors_are_retried_with_backoff(site):
    url = site.page("/busy.html", article_html(4), failures=2)
    with Fetcher(FetchOptions(delay=0, timeout=0.5, retries=2, backoff=0.05, allow_private=True)) as fetcher:
        doc = fetcher.page(url)
    assert doc.ok
    assert site.requests("/busy") == ["/busy.html"] * 3

    site.page("/down.html", article_html(5), failures=5)
    with Fetcher(FetchOptions(delay=0, timeout=0.5, retries=1, backoff=0.01, allow_private=True)) as fetcher:
        doc = fetcher.page(site.url("/down.html"))
    assert doc.status == "error" and doc.error == "HTTP 503 Service Unavailable"
    assert site.requests("/down") == ["/down.html"] * 2


def test_redirect_keeps_the_final_address_as_url(site):
    final = site.page("/news/new.html", article_html(6))
    old = site.add("/news/old.html", "", status=301, headers={"Location": "/news/new.html"})
    with Fetcher(FAST) as fetcher:
        doc = fetcher.page(old)
    assert doc.ok and doc.source == old and doc.url == final
    assert any("redirected to" in n for n in doc.notes)


def test_oversize_page_is_refused(site):
    url = site.page("/big.html", "<html><body>" + "x" * 5000 + "</body></html>")
    with Fetcher(FetchOptions(delay=0, timeout=0.5, retries=0, allow_private=True, max_bytes=1000)) as fetcher:
        doc = fetcher.page(url)
    assert doc.status == "error" and doc.error.startswith("document too large")


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    urls = [site.page(f"/news/{i}.html", article_html(i)) for i in range(4)]
    options = FetchOptions(delay=0.15, timeout=1, retries=0, allow_private=True, workers=4)
    with Fetcher(options) as fetcher:
        started = time.monotonic()
        docs = list(fetcher.pages((u, u) for u in urls))
        elapsed = time.monotonic() - started
    assert [d.source for d in docs] == urls  # input order, whatever the completion order
    assert all(d.ok for d in docs)
    times = sorted(t for _, _, t in site.log)  # robots.txt + 4 pages
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 5 and min(gaps) >= 0.14
    assert elapsed >= 0.14 * 4


def test_robots_crawl_delay_raises_the_delay(site):
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 7\n", content_type="text/plain")
    with Fetcher(FAST) as fetcher:
        assert fetcher.allowed(site.url("/news/1.html")) is None
        assert fetcher._delay_for(site.url("/news/1.html")) == 7


def test_robots_server_error_means_disallow(site):
    site.add("/robots.txt", "oops", status=503, content_type="text/plain")
    url = site.page("/news/1.html", article_html(1))
    with Fetcher(FAST) as fetcher:
        doc = fetcher.page(url)
    assert doc.status == "error" and "robots.txt" in doc.error and "503" in doc.error


def test_normalize_drops_fragments_and_tracking():
    assert normalize("http://127.0.0.1:8000/a.html?utm_source=rss&id=3#top") == "http://127.0.0.1:8000/a.html?id=3"
    assert normalize("HTTPS://Example.COM/news/a") == normalize("https://example.com/news/a")
