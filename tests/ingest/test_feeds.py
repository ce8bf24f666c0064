"""Feeds, sitemaps and pages that announce feeds → article URLs (served on 127.0.0.1, or read from files)."""

from __future__ import annotations

import gzip
import json

import pytest

from dateline.ingest.feeds import expand_feed, feed_links, kind_of
from dateline.ingest.fetch import Fetcher, FetchOptions
from tests.ingest.local_site import LocalSite, atom, rss, sitemap

FAST = FetchOptions(delay=0, timeout=0.5, retries=0, allow_private=True)


@pytest.fixture
def site():
    with LocalSite() as s:
        yield s


@pytest.fixture
def fetcher():
    with Fetcher(FAST) as f:
        yield f


def test_rss_items_only_relative_links_resolved(site, fetcher):
    url = site.feed("/feed.xml", rss([site.url("/news/a.html"), "/news/b.html", site.url("/news/a.html")],
                                     home=site.url("/")))
    expanded = expand_feed(url, fetcher)
    assert expanded.kind == "feed" and not expanded.errors
    assert expanded.links == [site.url("/news/a.html"), site.url("/news/b.html")]  # no channel link, no repeat


def test_rss_channel_section_link_is_not_an_article():
    text = rss(["https://ledger.example/news/2017/a"], home="https://ledger.example/world")
    assert feed_links(text, "https://ledger.example/feed.xml") == ["https://ledger.example/news/2017/a"]


def test_atom_feed(site, fetcher):
    url = site.add("/atom.xml", atom([site.url("/news/1.html"), site.url("/news/2.html")]),
                   content_type="application/atom+xml")
    assert expand_feed(url, fetcher).links == [site.url("/news/1.html"), site.url("/news/2.html")]


def test_json_feed():
    text = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Ledger",
                       "items": [{"id": "1", "url": "https://ledger.example/news/1"}]})
    assert kind_of(text) == "feed"
    assert feed_links(text, None) == ["https://ledger.example/news/1"]


def test_sitemap_index_is_followed(site, fetcher):
    site.add("/sitemap-news.xml", sitemap([site.url("/news/1.html"), site.url("/news/2.html")]),
             content_type="application/xml")
    site.add("/sitemap-more", gzip.compress(sitemap([site.url("/news/3.html")]).encode()),
             content_type="application/octet-stream")
    url = site.add("/sitemap.xml", sitemap([site.url("/sitemap-news.xml"), site.url("/sitemap-more")], index=True),
                   content_type="application/xml")
    expanded = expand_feed(url, fetcher)
    assert expanded.kind == "sitemap" and not expanded.errors
    assert expanded.links == [site.url(f"/news/{i}.html") for i in (1, 2, 3)]


def test_page_announcing_a_feed(site, fetcher):
    site.feed("/rss", rss([site.url("/news/9.html")], home=site.url("/")))
    url = site.page("/", '<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head>'
                         "<body><p>Front page</p></body></html>")
    assert expand_feed(url, fetcher).links == [site.url("/news/9.html")]


def test_feed_from_a_local_file_and_a_url_list(tmp_path, fetcher):
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(["https://ledger.example/news/1", "https://ledger.example/news/2"]), encoding="utf-8")
    assert expand_feed(str(feed), fetcher).links == ["https://ledger.example/news/1", "https://ledger.example/news/2"]
    listing = tmp_path / "urls.txt"
    listing.write_text("https://ledger.example/news/3\n\nhttps://ledger.example/news/4\n", encoding="utf-8")
    assert expand_feed(str(listing), fetcher).links == ["https://ledger.example/news/3", "https://ledger.example/news/4"]


@pytest.mark.parametrize("make, reason", [
    (lambda site, tmp: site.url("/nowhere.xml"), "feed not read: HTTP 404 Not Found"),
    (lambda site, tmp: site.add("/junk.xml", "just some words, no links", content_type="text/plain"),
     "not an RSS, Atom or JSON feed"),
    (lambda site, tmp: str(tmp / "missing.xml"), "feed not read: cannot read file"),
])
def test_unreadable_feed_is_an_error_row(site, fetcher, tmp_path, make, reason):
    spec = make(site, tmp_path)
    expanded = expand_feed(spec, fetcher)
    assert expanded.links == []
    assert [d.source for d in expanded.errors] == [spec]
    assert reason in expanded.errors[0].error
