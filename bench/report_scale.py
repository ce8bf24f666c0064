"""The static report at scale: build it from a synthetic store of N articles, then open it in headless Chromium.

    python bench/report_scale.py [--docs 10000] [--out /tmp/dateline-report-scale]

The store is written through ``Store.write_documents`` from made-up articles (no NLP): each about 3,000
characters with two events, a quote, a figure and three place mentions over a pool of 400 places. Prints the
build time, the total size of the report folder and of ``index.html``, and the time from navigation until the
page is ready (``body[data-ready]``: first-view data loaded, map drawn) and until a click on a map marker has
listed its events (interactive); then the seconds to draw the charts page and to open one article (its text
file loaded on demand). Last, one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from pathlib import Path

from dateline.model import Document, Event, EventPlace, Figure, Participant, Place, PlaceMention, Quote, Span
from dateline.report.build import build_report
from dateline.store.duckdb_store import Store

CHROMIUM = "/usr/bin/chromium"
TYPES = ["FIGHT", "ASSAULT", "PROTEST", "MOBILIZE", "COERCE"]
ACTORS = [f"Armed group {i}" for i in range(60)] + ["Government forces", "Police", "Protesters", "Coalition"]
FILLER = ("Residents said the situation remained tense as officials met to discuss the next steps, "
          "and aid groups warned that supplies were running low in several districts. ")


def places(rng: random.Random, n: int = 400) -> list[Place]:
    """Made-up towns scattered over the Levant and Iraq, with a country and an admin1 code."""
    return [Place(f"p{i}", f"Town {i}", round(rng.uniform(31, 37.5), 3), round(rng.uniform(35.5, 46), 3),
                  rng.choice(["SY", "IQ"]), "P.PPL", None, f"{rng.randint(1, 14):02d}", 0.9) for i in range(n)]


def article(i: int, rng: random.Random, pool: list[Place]) -> Document:
    """One synthetic article: two event sentences, a quote, a figure, filler to ~3,000 characters."""
    doc = f"doc{i:06d}"
    day = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    here = rng.sample(pool, 3)
    actor, target = rng.sample(ACTORS, 2)
    s1 = f"{actor} attacked {target} near {here[0].name} on {day}, killing {rng.randint(0, 9)} people. "
    s2 = f"Hundreds of people marched in {here[1].name} against the fighting. "
    s3 = f'"We will not leave," said a resident of {here[2].name}. '
    s4 = f"About {rng.randint(100, 9000)} people fled the area, the UN said. "
    text = s1 + s2 + s3 + s4 + FILLER * 18

    def at(needle: str, whole: str = text) -> tuple[int, int]:
        start = whole.index(needle)
        return start, start + len(needle)

    def sentence(s: str) -> Span:
        return Span(doc, *at(s.strip()), s.strip())

    mentions = tuple(PlaceMention(doc, *at(p.name), p.name, p.id, 0.9) for p in here)
    events = (
        Event(f"{doc}-e1", rng.choice(TYPES[:2]), "attacked", (sentence(s1),), actors=(Participant(actor),),
              targets=(Participant(target),), date=day, date_precision="day", fatalities=rng.randint(0, 9),
              place=EventPlace(here[0].name, here[0].lat, here[0].lon, here[0].id), summary=s1.strip()[:80],
              confidence=0.8, reportable=True),
        Event(f"{doc}-e2", "PROTEST", "marched", (sentence(s2),), actors=(Participant("Protesters"),), date=day,
              date_precision="day", place=EventPlace(here[1].name, here[1].lat, here[1].lon, here[1].id),
              summary=f"Protest in {here[1].name}", confidence=0.8, reportable=True),
    )
    quote = Quote(f"{doc}-q", doc, *at("We will not leave,"), "We will not leave,", "direct", "a resident", None, "said")
    figure = Figure(f"{doc}-f", doc, *at(s4.strip()), 1000.0, "people displaced", day, "UN")
    return Document(id=doc, source=f"{doc}.txt", title=f"Clashes near {here[0].name} ({i})", outlet=f"Outlet {i % 40}",
                    published=day, language="en", text=text, places=mentions, place_records=tuple(here),
                    events=events, quotes=(quote,), figures=(figure,))


def fill(db: Path, n: int) -> None:
    rng = random.Random(18)
    pool = places(rng)
    with Store(db) as store:
        for start in range(0, n, 500):
            store.write_documents([article(i, rng, pool) for i in range(start, min(n, start + 500))], pipeline="bench")


def open_report(index: Path) -> dict[str, float]:
    """Seconds from navigation to ready and to a clicked marker's event list, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1300, "height": 860})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
        t0 = time.perf_counter()
        page.goto(index.as_uri() + "#/map")
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        ready = time.perf_counter() - t0
        page.locator("#map circle.marker").first.dispatch_event("click")
        page.wait_for_selector("#map-panel .event-item", timeout=60_000)
        interactive = time.perf_counter() - t0
        t1 = time.perf_counter()
        page.goto(index.as_uri() + "#/charts")
        page.wait_for_selector("#chart-by_region .uplot", timeout=60_000)
        charts_s = time.perf_counter() - t1
        t1 = time.perf_counter()
        page.goto(index.as_uri() + "#/doc/doc000123")
        page.wait_for_selector("#article", timeout=60_000)
        article_s = time.perf_counter() - t1
        browser.close()
    return {"ready_s": round(ready, 2), "interactive_s": round(interactive, 2), "charts_s": round(charts_s, 2),
            "article_s": round(article_s, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/dateline-report-scale"))
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    db = args.out / "dateline.duckdb"
    t0 = time.perf_counter()
    fill(db, args.docs)
    fill_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with Store(db, read_only=True) as store:
        index = build_report(store, args.out / "report")
    build_s = time.perf_counter() - t0
    files = [p for p in index.parent.rglob("*") if p.is_file()]
    result = {"docs": args.docs, "fill_s": round(fill_s, 1), "build_s": round(build_s, 1), "files": len(files),
              "total_bytes": sum(p.stat().st_size for p in files), "index_bytes": index.stat().st_size,
              "first_view_bytes": index.stat().st_size + sum(
                  p.stat().st_size for p in files if p.name.startswith(("meta", "basemap", "events", "documents")))}
    result.update(open_report(index))
    for key, value in result.items():
        print(f"{key:>17}  {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
