"""Fetching speed against a local web server, the rate limiter off.

    python bench/fetch.py [--pages 500] [--workers 1 8] [--latency-ms 0] [--jobs 1]

Starts an HTTP server on 127.0.0.1 with N generated article pages, an RSS feed listing them and a
robots.txt, then measures, with ``--delay 0``:

- fetch: the feed read and every page fetched (robots.txt, HTTP, decoding), for each --workers count;
- ingest: ``run_corpus`` from the feed with the ingest stages (fetch + extract + clean + language), into a
  fresh store;
- re-run: the same again into that store (every article already stored: nothing fetched but the feed).

Prints a table, then one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from dateline.cli.main import INGEST_PLAN
from dateline.ingest.feeds import expand_feed
from dateline.ingest.fetch import Fetcher, FetchOptions
from dateline.ingest.web import WebReader
from dateline.pipeline import run_corpus
from dateline.settings import Settings

PARAGRAPHS = [
    "Government troops said on Tuesday they had driven militants out of the village of Tal Hamra, 20 kilometres "
    "west of the city, after a two-day battle in which {n} fighters were reported killed.",
    '"We entered the village at first light and the fighters ran," said Colonel Rami Haddad, a spokesman for '
    "the army's 17th division, speaking to reporters at checkpoint {n}.",
    "Aid workers from the International Organization for Migration said about {k} people had fled towards Ain "
    "Issa since Sunday, many of them on foot.",
    "The United Nations said a convoy of thirty lorries carrying flour and medicine was waiting at the crossing, "
    "and warned that fighting on the road could stop deliveries for weeks.",
]


def page(i: int) -> bytes:
    body = "".join(f"<p>{p.format(n=i, k=1000 + i)}</p>\n" for p in PARAGRAPHS)
    return (f"<!doctype html><html lang='en'><head><title>Report {i} | Bench Ledger</title>"
            f"<meta property='article:published_time' content='2017-06-{1 + i % 28:02d}'></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>Troops retake village, report {i}</h1>\n{body}</article>"
            "<footer>Copyright Bench Ledger</footer></body></html>").encode()


def _serve(pages: int, latency: float, port_queue: multiprocessing.Queue) -> None:
    """The web site, in its own process so that it does not share the fetcher's interpreter (GIL)."""
    routes: dict[str, tuple[str, bytes]] = {f"/news/{i}.html": ("text/html; charset=utf-8", page(i)) for i in range(pages)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # headers and body in one write (no Nagle/delayed-ACK stall on keep-alive)

        def do_GET(self) -> None:  # noqa: N802
            ctype, body = routes.get(self.path, ("text/html", b"not found"))
            if latency and self.path.startswith("/news/"):
                time.sleep(latency)  # a slower server: what fetching side by side is for
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    items = "".join(f"<item><title>Report {i}</title><link>{base}/news/{i}.html</link></item>" for i in range(pages))
    routes["/feed.xml"] = ("application/rss+xml", f"<?xml version='1.0'?><rss version='2.0'><channel><title>Bench"
                           f"</title><link>{base}/</link>{items}</channel></rss>".encode())
    routes["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /private/\n")
    port_queue.put(base)
    server.serve_forever(poll_interval=0.05)


def serve(pages: int, latency: float) -> tuple[multiprocessing.Process, str]:
    context = multiprocessing.get_context("fork")
    port_queue = context.Queue()
    process = context.Process(target=_serve, args=(pages, latency, port_queue), daemon=True)
    process.start()
    return process, port_queue.get(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--latency-ms", type=float, default=0.0, help="the server waits this long before each page")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the ingest stages")
    args = parser.parse_args()

    server, base = serve(args.pages, args.latency_ms / 1000)
    feed = f"{base}/feed.xml"
    rows: list[tuple[str, int, float]] = []
    result: dict[str, object] = {"pages": args.pages, "latency_ms": args.latency_ms, "jobs": args.jobs}
    try:
        for workers in args.workers:
            options = FetchOptions(delay=0, timeout=10, retries=0, workers=workers, allow_private=True)
            started = time.perf_counter()
            with Fetcher(options) as fetcher:
                links = expand_feed(feed, fetcher).links
                docs = list(fetcher.pages((u, u) for u in links))
            seconds = time.perf_counter() - started
            ok = sum(d.ok for d in docs)
            assert ok == args.pages, f"{ok} of {args.pages} pages fetched"
            rows.append((f"fetch, {workers} worker(s)", ok, seconds))
            result[f"fetch_w{workers}_pages_per_s"] = round(ok / seconds, 1)

        options = FetchOptions(delay=0, timeout=10, retries=0, workers=max(args.workers), allow_private=True)
        settings = Settings(jobs=args.jobs, stages=INGEST_PLAN, corpus_steps=False, report=False)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            for label in ("ingest (fetch+extract+clean+language)", "re-run (all stored)"):
                started = time.perf_counter()
                summary = run_corpus([], out_dir=out, settings=settings, reader=WebReader(feeds=[feed], options=options))
                seconds = time.perf_counter() - started
                done = summary.ok if label.startswith("ingest") else summary.unchanged
                rows.append((label, done, seconds))
                key = "ingest" if label.startswith("ingest") else "rerun"
                result[f"{key}_docs"] = summary.ok
                result[f"{key}_unchanged"] = summary.unchanged
                result[f"{key}_seconds"] = round(seconds, 2)
            result["ingest_docs_per_s"] = round(int(result["ingest_docs"]) / float(result["ingest_seconds"]), 1)
    finally:
        server.terminate()

    print(f"{'step':42} {'pages':>6} {'seconds':>8} {'pages/s':>8}")
    for label, count, seconds in rows:
        print(f"{label:42} {count:6d} {seconds:8.2f} {count / seconds:8.1f}")
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
