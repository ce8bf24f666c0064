"""Tests for dateline.ingest.html (article body + metadata) and the extraction benchmark's scorer."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from dateline.ingest.html import ExtractedArticle, ExtractionError, extract_html

REPO_ROOT = Path(__file__).resolve().parents[2]

PARAGRAPHS = [
    "Flood barriers along the Riverside district held overnight after the Ashford river rose to its "
    "highest level in forty years, the regional water authority said on Tuesday morning.",
    "Engineers had worked through the weekend to raise the temporary walls by half a metre, and about "
    "1,200 residents who had been told to leave their homes were allowed to return before dawn.",
    "\u201cWe were lucky this time, but the next storm will not wait for us to finish the permanent "
    "defences,\u201d said Maria Okafor, who chairs the authority\u2019s flood committee.",
    "The council expects to publish a revised budget for the permanent barrier in January, after a "
    "public consultation that drew more than three thousand written responses from local households.",
]

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Flood barriers hold as Ashford river peaks | The Riverside Courier</title>
  <meta property="og:site_name" content="The Riverside Courier">
  <meta property="og:title" content="Flood barriers hold as Ashford river peaks">
  <meta property="og:url" content="https://courier.example.com/news/2021/03/flood-barriers-hold">
  <link rel="canonical" href="/news/2021/03/flood-barriers-hold">
  <meta name="author" content="Jane Whitfield">
  <meta property="article:published_time" content="2021-03-16T07:45:00+00:00">
  <script type="application/ld+json">
  {"@context": "https://schema.org", "@type": "NewsArticle",
   "headline": "Flood barriers hold as Ashford river peaks",
   "datePublished": "2021-03-16T07:45:00+00:00",
   "author": {"@type": "Person", "name": "Jane Whitfield"},
   "publisher": {"@type": "Organization", "name": "The Riverside Courier"}}
  </script>
  <style>.cookie-banner { position: fixed; } body { font-family: serif; }</style>
  <script>window.analyticsQueue = ["SCRIPTMARKER tracking call"];</script>
</head>
<body>
  <div class="cookie-banner" id="cookie-consent">
    <p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p>
    <button>Accept all cookies</button>
  </div>
  <header class="site-header">
    <nav class="main-nav">
      <ul>
        <li><a href="/">Home</a></li><li><a href="/news">News</a></li>
        <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
      </ul>
    </nav>
  </header>
  <main>
    <article class="article">
      <h1>Flood barriers hold as Ashford river peaks</h1>
      <div class="byline">By <a rel="author" href="/staff/jane">Jane Whitfield</a>,
        <time datetime="2021-03-16T07:45:00Z">16 March 2021</time></div>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a>
        <a href="#">Email this story</a></div>
      <figure>
        <img src="/img/barrier.jpg" alt="Barrier">
        <figcaption>CAPTIONMARKER Volunteers stack sandbags on Mill Lane. Photo: Sam Reed / Courier</figcaption>
      </figure>
      <div class="article-body">
        <p>PARA0</p>
        <p>PARA1</p>
        <p>PARA2</p>
        <p>PARA3</p>
      </div>
      <aside class="related-links">
        <h3>Related stories</h3>
        <ul>
          <li><a href="/news/a">RELATEDMARKER Council approves new bus lanes for the town centre</a></li>
          <li><a href="/news/b">RELATEDMARKER School reopens after roof repairs are completed</a></li>
        </ul>
      </aside>
    </article>
  </main>
  <footer class="site-footer">
    <p>FOOTERMARKER Copyright 2021 The Riverside Courier Ltd. All rights reserved.</p>
    <ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul>
  </footer>
</body>
</html>
"""
for _i, _p in enumerate(PARAGRAPHS):
    NEWS_PAGE = NEWS_PAGE.replace(f"PARA{_i}", _p)

URL = "https://courier.example.com/news/2021/03/flood-barriers-hold?utm_source=feed"


@pytest.fixture(scope="module")
def article() -> ExtractedArticle:
    return extract_html(NEWS_PAGE, url=URL)


def test_body_paragraphs_kept_in_order(article: ExtractedArticle) -> None:
    paragraphs = article.text.split("\n\n")
    for expected in PARAGRAPHS:
        assert expected in paragraphs
    positions = [article.text.index(p) for p in PARAGRAPHS]
    assert positions == sorted(positions)


def test_boilerplate_dropped(article: ExtractedArticle) -> None:
    for marker in (
        "CAPTIONMARKER",
        "RELATEDMARKER",
        "FOOTERMARKER",
        "cookie",
        "Share on Facebook",
        "Weather",
    ):
        assert marker not in article.text, marker
    # the headline is metadata, not the first body paragraph
    assert not article.text.startswith("Flood barriers hold")


def test_script_and_style_not_in_text(article: ExtractedArticle) -> None:
    assert "SCRIPTMARKER" not in article.text
    assert "font-family" not in article.text
    assert "analyticsQueue" not in article.text


def test_metadata(article: ExtractedArticle) -> None:
    assert article.title == "Flood barriers hold as Ashford river peaks"
    assert article.published == "2021-03-16"
    assert article.author == "Jane Whitfield"
    assert article.site_name == "The Riverside Courier"
    assert article.url == "https://courier.example.com/news/2021/03/flood-barriers-hold"
    assert article.language == "en"


def test_result_is_frozen(article: ExtractedArticle) -> None:
    with pytest.raises(AttributeError):
        article.text = "x"  # type: ignore[misc]


def test_date_from_url_and_no_site_name() -> None:
    page = (
        "<html><head><title>Harbour reopens</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    article = extract_html(page, url="https://news.example.org/2020/07/14/harbour-reopens/")
    assert article.published == "2020-07-14"
    assert article.site_name is None
    assert article.language is None
    assert article.url == "https://news.example.org/2020/07/14/harbour-reopens/"
    assert PARAGRAPHS[1] in article.text


def test_language_from_meta() -> None:
    page = (
        '<html><head><meta http-equiv="content-language" content="de-DE"><title>t</title></head><body>'
        "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
    )
    assert extract_html(page).language == "de"


def test_malformed_and_truncated_html() -> None:
    # no </head>, unclosed <p> and <div>, a stray closing tag, and the document cut off mid-paragraph
    page = (
        "<html><head><title>Broken page</title><body><div class='content'>"
        + "".join(f"<p>{p}" for p in PARAGRAPHS[:3])
        + "</span><p>"
        + PARAGRAPHS[3][:60]
    )
    article = extract_html(page)
    assert PARAGRAPHS[0] in article.text
    assert "Engineers had worked through the weekend" in article.text


def test_bytes_input() -> None:
    article = extract_html(NEWS_PAGE.encode("utf-8"))  # type: ignore[arg-type]
    assert PARAGRAPHS[2] in article.text


def test_split_body_containers_are_joined() -> None:
    chunk = '<div class="article__body">{}</div>'
    page = (
        "<html><head><title>Split</title></head><body><main>"
        + chunk.format("".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]))
        + '<div class="ad-rail"><div class="ad">Advertisement</div></div>'
        + chunk.format("".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]))
        + "</main></body></html>"
    )
    text = extract_html(page).text
    for paragraph in PARAGRAPHS:
        assert paragraph in text


def test_teaser_lines_dropped() -> None:
    page = (
        "<html><head><title>t</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
        + "<p>Read more: Council approves new bus lanes</p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
        + "<p>Sign up for our newsletter to get the day's top headlines delivered to your inbox.</p>"
        + "</article></body></html>"
    )
    text = extract_html(page).text
    assert "bus lanes" not in text
    assert "newsletter" not in text
    assert PARAGRAPHS[3] in text


@pytest.mark.parametrize(
    "page", ["", "   \n\t ", "<html></html>", "<html><head><title>x</title></head><body></body></html>"]
)
def test_empty_pages_raise(page: str) -> None:
    with pytest.raises(ExtractionError):
        extract_html(page)


def test_non_article_page_raises() -> None:
    page = (
        "<html><head><title>Shop</title></head><body><nav><ul>"
        + "".join(f'<li><a href="/c/{i}">Category {i}</a></li>' for i in range(20))
        + "</ul></nav><script>var x = 'a long script body that is not text at all';</script></body></html>"
    )
    with pytest.raises(ExtractionError, match="no article text"):
        extract_html(page)


def test_extraction_error_is_value_error() -> None:
    assert issubclass(ExtractionError, ValueError)


def test_large_page_is_handled() -> None:
    filler = "<div class='promo'><a href='/x'>Offer</a></div>" * 20_000
    page = NEWS_PAGE.replace("<main>", "<main>" + filler)
    article = extract_html(page)
    assert PARAGRAPHS[0] in article.text


# --------------------------------------------------------------------------------------------- scorer


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_extraction", REPO_ROOT / "bench" / "extraction.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_extraction"] = module
    spec.loader.exec_module(module)
    return module


def test_scorer_matches_benchmark_definition() -> None:
    bench = _bench_module()
    truth = {
        "a": "one two three four five six",
        "b": "alpha beta gamma delta",
        "c": "",
    }
    predicted = {
        "a": "one two three four five six seven eight",  # 3 of 5 predicted shingles correct
        "b": "",  # nothing predicted: recall 0, left out of the precision mean
        "c": "",  # both empty: left out of both means
    }
    tp, fp, fn = bench.shingle_matching(truth["a"], predicted["a"])
    assert (tp, fp, fn) == pytest.approx((3 / 5, 2 / 5, 0.0))
    scores = bench.score(truth, predicted)
    assert scores["precision"] == pytest.approx(3 / 5)
    assert scores["recall"] == pytest.approx((1.0 + 0.0) / 2)
    p, r = scores["precision"], scores["recall"]
    assert scores["f1"] == pytest.approx(2 * p * r / (p + r))
    # tokens are \w+ runs, so punctuation and spacing do not matter
    assert bench.page_scores("Hello, world! How are you?", "hello world how are you")["f1"] < 1.0
    assert bench.page_scores("Hello, world! How are you?", "Hello world How  are you")["f1"] == 1.0


def test_benchmark_script_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench_module()
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    truth = {}
    for i in range(3):
        paragraphs = [f"Page {i}. " + p for p in PARAGRAPHS]
        page = (
            f"<html><head><title>Story {i}</title></head><body><nav><a href='/'>Home</a></nav><article>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article><footer>Contact us</footer></body></html>"
        )
        (html_dir / f"page{i}.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
        truth[f"page{i}"] = {"articleBody": "\n".join(paragraphs), "url": f"https://example.com/{i}"}
    truth_path = tmp_path / "ground-truth.json"
    truth_path.write_text(json.dumps(truth), encoding="utf-8")
    baselines = tmp_path / "baselines"
    baselines.mkdir()
    (baselines / "empty.json").write_text(json.dumps({"output": {k: {"articleBody": ""} for k in truth}}))

    assert (
        bench.main(["--html", str(html_dir), "--truth", str(truth_path), "--baselines", str(baselines)]) == 0
    )
    out = capsys.readouterr().out.strip().splitlines()
    result = json.loads(out[-1])
    assert result["f1"] > 0.95
    assert {"precision", "recall", "f1"} <= result.keys()
    assert any("empty" in line for line in out)


def test_page_nested_deeper_than_the_parser_limit():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    deep = f"<html><body>{'<div>' * 300}{body}{'</div>' * 300}</body></html>"
    assert extract_html(deep).text.startswith(PARAGRAPHS[0][:40])  # libxml2 alone stops at 256 levels
    deeper = f"<html><body>{'<div>' * 2100}{body}{'</div>' * 2100}</body></html>"
    with pytest.raises(ExtractionError, match="nested deeper than 2048 levels"):
        extract_html(deeper)


# --------------------------------------------------------------------------------------------- tables

LAYOUT_PAGE = """<html><head><title>Harbour reopens</title></head><body>
<table><tr><td><a href="/">Home</a></td><td><a href="/news">News</a></td></tr></table>
<table><tr><td width="600">
<p>The harbour reopened to fishing boats on Tuesday after a month of repairs to the sea wall, the port authority said.</p>
<p>Skippers queued from before dawn to take their boats out, and the first catch was sold at the quay by noon.</p>
<p>The authority said a second phase of work on the northern breakwater would begin in the spring.</p>
</td><td>&nbsp;</td></tr></table>
<table><tr><th>Boat</th><th>Catch (kg)</th></tr><tr><td>Marisol</td><td>420</td></tr><tr><td>Gull</td><td>310</td></tr></table>
</body></html>"""


def test_layout_table_becomes_paragraphs_data_table_stays_rows() -> None:
    paragraphs = extract_html(LAYOUT_PAGE).text.split("\n\n")
    lede = next(p for p in paragraphs if "harbour reopened" in p)
    assert lede.startswith("The harbour reopened") and lede.endswith("the port authority said.")
    assert any(p.startswith("Skippers queued") for p in paragraphs)
    assert not any(p.startswith("|") and "harbour" in p for p in paragraphs)
    assert "| Marisol | 420 |" in paragraphs


def test_bench_halves_split_sorted_ids_even_and_odd() -> None:
    bench = _bench_module()
    assert bench.halves(["d", "a", "c", "b", "e"]) == {"A": ["a", "c", "e"], "B": ["b", "d"]}
