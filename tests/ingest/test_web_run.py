"""URLs and feeds through `run_corpus` and the CLI: once only, bad URLs as error rows, idempotent re-runs."""

from __future__ import annotations

import dataclasses
import json

import duckdb
import pytest
from typer.testing import CliRunner

from dateline.cli.main import INGEST_PLAN, app
from dateline.ingest.fetch import FetchOptions
from dateline.ingest.web import WebReader
from dateline.pipeline import run_corpus
from dateline.settings import Settings
from tests.ingest.local_site import LocalSite, article_html, closed_port_url, rss

INGEST = Settings(jobs=1, batch_size=16, stages=INGEST_PLAN, corpus_steps=False, report=False)
FAST = FetchOptions(delay=0, timeout=0.5, retries=0, allow_private=True)


@pytest.fixture
def site():
    with LocalSite() as s:
        s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        yield s


def _documents(out):
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def test_feed_of_100_items_ingests_100_documents_once(site, tmp_path):
    links = [site.page(f"/news/{i}.html", article_html(i)) for i in range(100)]
    feed = site.feed("/feed.xml", rss(links, home=site.url("/")))
    out = tmp_path / "out"
    first = run_corpus([], out_dir=out, settings=INGEST, reader=WebReader(feeds=[feed], options=FAST))
    assert (first.ok, first.errors, first.unchanged) == (100, 0, 0)
    docs = _documents(out)
    assert len(docs) == 100 and {d["url"] for d in docs} == set(links) and {d["source"] for d in docs} == set(links)
    assert all(d["status"] == "ok" and d["title"] for d in docs)

    site.log.clear()
    second = run_corpus([], out_dir=out, settings=INGEST, reader=WebReader(feeds=[feed], options=FAST))
    assert (second.ok, second.errors, second.unchanged) == (0, 0, 100)
    assert site.requests("/news/") == []  # nothing fetched again: only the feed was read
    assert len(_documents(out)) == 100


def test_bad_urls_are_error_rows_and_good_documents_are_kept(site, tmp_path):
    good = [site.page(f"/news/{i}.html", article_html(i)) for i in range(3)]
    bad = {
        site.url("/news/missing.html"): "HTTP 404 Not Found",
        site.add("/files/report.pdf", b"%PDF-1.4", content_type="application/pdf"): "not an HTML page",
        site.page("/private/memo.html", article_html(7)): "refused by robots.txt",
        closed_port_url("/news/x.html"): "connection refused",
    }
    feed = site.feed("/feed.xml", rss([good[0], *bad, good[1]]))
    out = tmp_path / "out"

    def run():
        reader = WebReader(urls=[good[2], good[0]], feeds=[feed, site.url("/no-feed.xml")], options=FAST)
        return run_corpus([], out_dir=out, settings=INGEST, reader=reader)

    summary = run()
    assert summary.ok == 3 and summary.errors == 5 and summary.duplicates == 1  # good[0]: as URL and in the feed
    rows = {d["source"]: d for d in _documents(out)}
    for url, reason in bad.items():
        assert rows[url]["status"] == "error" and reason in rows[url]["error"]
    assert "feed not read: HTTP 404" in rows[site.url("/no-feed.xml")]["error"]
    assert all(rows[u]["status"] == "ok" for u in good)

    again = run()  # idempotent: failures are tried again and give the same rows
    assert (again.ok, again.errors, again.unchanged) == (0, 5, 3)
    assert {d["source"]: d for d in _documents(out)} == rows

    fixed = next(iter(bad))
    site.page("/news/missing.html", article_html(42))  # the 404 page appears: its error row goes
    third = run()
    assert (third.ok, third.errors) == (1, 4)
    now = [d for d in _documents(out) if d["source"] == fixed]
    assert [d["status"] for d in now] == ["ok"]


def test_same_page_under_two_urls_is_one_document_with_two_sources(site, tmp_path):
    a = site.page("/news/a.html", article_html(1))
    b = site.page("/mirror/a.html", article_html(1))
    out = tmp_path / "out"
    summary = run_corpus([], out_dir=out, settings=INGEST, reader=WebReader(urls=[a, b], options=FAST))
    assert summary.ok == 1 and summary.duplicates == 1
    con = duckdb.connect(str(out / "dateline.duckdb"), read_only=True)
    assert sorted(r[0] for r in con.execute("SELECT source FROM sources").fetchall()) == sorted([a, b])
    con.close()
    again = run_corpus([], out_dir=out, settings=INGEST, reader=WebReader(urls=[a, b], options=FAST))
    assert (again.ok, again.unchanged) == (0, 2)


def test_cli_run_reads_urls_and_feeds(site, tmp_path, monkeypatch):
    """`dateline run URL --feed FEED`: the CLI hands URLs and feeds to the fetcher (stages cut to ingest for speed)."""
    import dateline.cli.main as cli

    real = cli.run_corpus

    def ingest_only(inputs, **kwargs):
        kwargs["settings"] = dataclasses.replace(kwargs["settings"], stages=INGEST_PLAN, corpus_steps=False, report=False)
        return real(inputs, **kwargs)

    monkeypatch.setattr(cli, "run_corpus", ingest_only)
    page = site.page("/news/1.html", article_html(1))
    feed = site.feed("/feed.xml", rss([site.url("/news/2.html"), site.url("/news/3.html")]))
    site.page("/news/2.html", article_html(2))
    local = tmp_path / "local.html"
    local.write_text(article_html(5), encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(local), page, "--feed", feed, "--out", str(out), "--jobs", "1", "--delay", "0",
            "--timeout", "0.5", "--retries", "0", "--allow-private"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output  # /news/3.html is missing
    assert "3 ok" in result.output and "1 errors" in result.output and "HTTP 404" in result.output
    docs = {d["source"]: d for d in _documents(out)}
    assert docs[page]["url"] == page and docs[str(local)]["url"] is None

    result = CliRunner().invoke(app, ["run", "--out", str(out)])
    assert result.exit_code == 2 and "--feed" in result.output


def test_cli_watch_once_fetches_only_new_articles(site, tmp_path):
    feed = site.feed("/feed.xml", rss([site.page(f"/news/{i}.html", article_html(i)) for i in range(3)]))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# my feeds\n{feed}\n\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["watch", str(feeds), "--out", str(out), "--once", "--ingest-only", "--jobs", "1", "--delay", "0",
            "--allow-private"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "3 ok" in result.output

    site.feed("/feed.xml", rss([site.url(f"/news/{i}.html") for i in range(4)]))  # one new article
    site.page("/news/3.html", article_html(3))
    site.log.clear()
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 ok" in result.output and "3 unchanged" in result.output
    assert site.requests("/news/") == ["/news/3.html"]
    assert len(_documents(out)) == 4


def test_watch_every_parses_durations():
    from dateline.cli.watch import parse_every

    assert parse_every("1h") == 3600 and parse_every("1h30m") == 5400 and parse_every("90") == 90
    for bad in ("", "soon", "0m", "1x"):
        with pytest.raises(ValueError):
            parse_every(bad)
