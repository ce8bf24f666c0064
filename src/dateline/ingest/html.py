"""HTML page → article body and metadata.

The body comes from trafilatura (its own rule-based extractor, cross-checked against its bundled
readability and jusText fallbacks). Around it this module adds only what trafilatura does not do, each
step measured on the article-extraction benchmark (``bench/extraction.py``, see BENCHMARKS.md):

* precision-first extraction, with a recall-mode retry when the precision pass misfires and keeps only a
  sliver of the page;
* re-joining an article body that the page splits over several sibling containers (trafilatura keeps the
  first matching container only);
* pruning content hidden from readers (inline ``display:none``, ``hidden``, pop-up cards) and keeping
  quoted tweets, which trafilatura throws away with their widget wrappers;
* a last, line-level clean-up of boilerplate that survives inside the body container: the headline
  repeated as the first line, "Read more:"/"Related:" teasers, newsletter and follow-us prompts.

Metadata: title and author from trafilatura's metadata extractor, the publication date from htmldate
without its free-text guessing (only dates the page states: meta tags, JSON-LD, ``<time>``, URL), and
site name / canonical URL / language read directly from the markup.

The function is pure: no network, no files, no global state besides compiled patterns.
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml.html import HtmlElement

from dateline.ingest.depth import TooDeep, reparse_if_too_deep

__all__ = ["ExtractedArticle", "ExtractionError", "extract_html"]


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    text: str  # article body only; paragraphs separated by "\n\n"
    title: str | None
    published: str | None  # "YYYY-MM-DD" when the page states it
    author: str | None
    site_name: str | None  # og:site_name / publisher, else None
    url: str | None  # canonical / og:url when present, else the URL passed in
    language: str | None  # ISO 639-1 from <html lang> or meta, when stated


class ExtractionError(ValueError):
    """No article body could be found in the HTML."""


# Pages bigger than this lose their scripts, styles, inline SVG and comments before parsing, and are then
# cut to this size: news articles are far smaller, what lies beyond is data blobs or endless comment
# threads, and extraction time grows with the markup (about 3 s per MB of dense markup).
MAX_HTML_CHARS = 5_000_000
_NON_TEXT_RE = re.compile(r"<(script|style|svg|noscript)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)
# A body shorter than this (in word tokens) is not an article.
MIN_BODY_WORDS = 8
# An article has at least one paragraph of running text this long (words); link lists and labels do not.
MIN_SENTENCE_WORDS = 10
MIN_SENTENCE_CHARS = 80
# When the precision pass keeps less than this share of what the recall pass finds, it misfired
# (e.g. it locked onto a licence notice) and the recall pass wins.
RECALL_RESCUE_RATIO = 0.2

_WORD_RE = re.compile(r"\w+")


def extract_html(html: str, *, url: str | None = None) -> ExtractedArticle:
    """Extract the article body and metadata of one HTML page; raises ExtractionError if there is none."""
    if not isinstance(html, str | bytes):
        raise ExtractionError(f"expected HTML text, got {type(html).__name__}")
    if isinstance(html, bytes):
        html = _decode(html)
    if not html.strip():
        raise ExtractionError("empty HTML")
    try:
        return _extract(_parse(html), url)
    except ExtractionError:
        try:
            deep = reparse_if_too_deep(_prepare(html))
        except TooDeep as exc:
            raise ExtractionError(f"no article text found in HTML: {exc}") from None
        if deep is None:
            raise
        return _extract(deep, url)


def _extract(tree: HtmlElement | None, url: str | None) -> ExtractedArticle:
    if tree is None:
        raise ExtractionError("no article text found in HTML (unparseable)")
    metadata = _metadata(tree, url)
    paragraphs = _body_paragraphs(tree, url)
    paragraphs = _clean_paragraphs(paragraphs, metadata.title)
    text = "\n\n".join(paragraphs)
    if len(_WORD_RE.findall(text)) < MIN_BODY_WORDS or not any(map(_is_running_text, paragraphs)):
        # nothing, or only link lists / labels ("Category 1", "Category 2", ...): not an article
        raise ExtractionError("no article text found in HTML")

    return ExtractedArticle(
        text=text,
        title=metadata.title,
        published=_published(tree, url),
        author=metadata.author,
        site_name=_site_name(tree),
        url=_canonical_url(tree, url) or url,
        language=_language(tree),
    )


def _is_running_text(paragraph: str) -> bool:
    # characters as well as words: Chinese and Japanese sentences are single \w+ "words"
    return len(_WORD_RE.findall(paragraph)) >= MIN_SENTENCE_WORDS or len(paragraph) >= MIN_SENTENCE_CHARS


# --------------------------------------------------------------------------------------------- parsing


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:MAX_HTML_CHARS]).best()
        return str(best) if best is not None else raw.decode("utf-8", errors="replace")


def _prepare(html: str) -> str:
    html = html.replace("\x00", "")
    if len(html) > MAX_HTML_CHARS:
        html = _NON_TEXT_RE.sub("", html)[:MAX_HTML_CHARS]
    return html


def _parse(html: str) -> HtmlElement | None:
    from trafilatura.utils import load_html

    html = _prepare(html)
    try:
        tree = load_html(html)
        if tree is None and "<" in html:
            # trafilatura rejects bare fragments ("<p>x</p>"); give them a document around them
            tree = load_html(f"<html><body>{html}</body></html>")
    except (ValueError, TypeError):
        return None
    if tree is None or not len(tree):
        return None
    return tree


# --------------------------------------------------------------------------------------------- body


# Never article text: content hidden from readers (e.g. pop-up cards that inline links carry with them,
# a biography with the person's latest headlines in the middle of a sentence). Pages that hide the whole
# body until a script reveals it are retried without this pruning (see _body_paragraphs).
_POPUP = (
    'contains(@class, "rollover") or contains(@class, "tooltip") or contains(@class, "popover")'
    ' or contains(@class, "hovercard")'
)
PRUNE_XPATH = [
    '//*[contains(translate(@style, " ", ""), "display:none")]',
    "//*[@hidden]",
    # innermost pop-up element holding a card (picture or several links), not the linked term itself
    f"//*[{_POPUP}][.//img or count(.//a) > 1][not(.//*[{_POPUP}])]",
]


def _trafilatura(tree: HtmlElement, url: str | None, *, precision: bool, prune: bool = True) -> list[str]:
    from trafilatura import bare_extraction

    try:
        document = bare_extraction(
            tree,
            url=url,
            favor_precision=precision,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=False,
            deduplicate=False,
            prune_xpath=(PRUNE_XPATH or None) if prune else None,
        )
    except Exception:  # noqa: BLE001 - trafilatura raises assorted errors on pathological trees
        return []
    if document is None or document.body is None:
        return []
    return _render(document.body)


def _render(body) -> list[str]:
    """trafilatura's XML body → paragraphs (one per block element; list items become "- " lines)."""
    from trafilatura.xml import xmltotxt

    _unwrap_layout_tables(body)
    text = xmltotxt(body, False) or ""
    return [line.strip() for line in text.split("\n") if line.strip()]


# A table cell holding a block of its own (paragraph, heading, list, quote, table) or this many words is
# running text, not a table value.
LAYOUT_CELL_WORDS = 20
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table"})


def _unwrap_layout_tables(body) -> None:
    """Render layout tables as paragraphs, in place: one paragraph per cell, the cell's own blocks kept.

    Written by hand because trafilatura writes every table as "| cell | cell |" rows, each cell on one line:
    on pages laid out with tables (common before CSS layouts) the whole article becomes one table row, with
    its paragraphs run together, and nothing downstream can tell it from a data table. A table is a layout
    table when one of its own cells holds running text (a block element or ``LAYOUT_CELL_WORDS`` words);
    data tables (short values in every cell) stay rows.
    """
    for table in list(body.iter("table")):
        cells = table.xpath("./row/cell")
        if not any(_is_running_cell(cell) for cell in cells):
            continue
        table.tag = "div"  # xmltotxt writes unknown containers as their children, no separators of their own
        for row in table.xpath("./row"):
            row.tag = "div"
        for cell in cells:
            cell.tag = "p"
            cell.attrib.clear()


def _is_running_cell(cell) -> bool:
    if any(child.tag in _BLOCK_TAGS for child in cell):
        return True
    return len(_WORD_RE.findall("".join(cell.itertext()))) >= LAYOUT_CELL_WORDS


def _n_words(paragraphs: list[str]) -> int:
    return sum(len(_WORD_RE.findall(p)) for p in paragraphs)


def _body_paragraphs(tree: HtmlElement, url: str | None) -> list[str]:
    tree = _join_split_bodies(tree)
    tree = _unwrap_embedded_posts(tree)
    paragraphs = _precise_then_recall(tree, url, prune=True)
    if _n_words(paragraphs) < MIN_BODY_WORDS and PRUNE_XPATH:
        paragraphs = _precise_then_recall(tree, url, prune=False)
    return paragraphs


def _precise_then_recall(tree: HtmlElement, url: str | None, *, prune: bool) -> list[str]:
    precise = _trafilatura(tree, url, precision=True, prune=prune)
    n_precise = _n_words(precise)
    # The precision pass sometimes keeps only a sliver of the page (a licence notice, a teaser). Only then
    # is the recall pass worth its cost: run it and keep it if the precision pass missed most of it.
    if n_precise < 400:
        recall = _trafilatura(tree, url, precision=False, prune=prune)
        if n_precise < RECALL_RESCUE_RATIO * _n_words(recall):
            return recall
    return precise


# Containers whose class says "this is (a piece of) the article body".
_BODY_CLASS = re.compile(
    r"(?:^|[\s_-])(?:article|story|post|entry)(?:[_-]{1,2})(?:body|content|text)(?:$|[\s_-])", re.I
)
_NOT_BODY_CLASS = re.compile(r"comment|related|recirc|promo|teaser|sidebar|footer", re.I)


def _join_split_bodies(tree: HtmlElement) -> HtmlElement:
    """Merge an article body that the page splits into several sibling containers with the same class.

    Written by hand because trafilatura (like readability) takes the first element matching its body
    patterns and drops the rest: pages that interleave ads or rails between chunks of the article lose
    everything after the first chunk. Only containers whose class names an article body, holding
    paragraphs themselves, none inside another, are merged, in document order, into the first one.
    """
    if not any(len(els) > 1 for els in _body_groups(tree)):
        return tree
    tree = deepcopy(tree)
    for elements in _body_groups(tree):
        if len(elements) < 2 or any(_is_ancestor(a, b) for a in elements for b in elements if a is not b):
            continue
        first = elements[0]
        for other in elements[1:]:
            if other.text and other.text.strip():
                lead = first.makeelement("p", {})
                lead.text = other.text
                first.append(lead)
            for child in list(other):
                first.append(child)
            other.drop_tree()  # keeps the tail text in place
    return tree


def _body_groups(tree: HtmlElement) -> list[list[HtmlElement]]:
    """Body-like containers holding paragraphs, grouped by (tag, class), in document order."""
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for element in tree.iter("div", "section", "article"):
        cls = element.get("class")
        if not cls or not _BODY_CLASS.search(cls) or _NOT_BODY_CLASS.search(cls):
            continue
        if any(child.tag == "p" for child in element):
            groups.setdefault((element.tag, cls), []).append(element)
    return list(groups.values())


def _is_ancestor(a: HtmlElement, b: HtmlElement) -> bool:
    parent = b.getparent()
    while parent is not None:
        if parent is a:
            return True
        parent = parent.getparent()
    return False


UNWRAP_EMBEDS = True
_EMBEDDED_POST_XPATH = '//blockquote[contains(@class, "twitter-tweet")]'


def _unwrap_embedded_posts(tree: HtmlElement) -> HtmlElement:
    """Turn embedded social posts (quoted tweets) into plain block quotes.

    Written by hand because trafilatura discards them with the "social" widget containers around them,
    while the words of a tweet an article quotes are part of the story. The outermost wrapper that holds
    nothing but the post is replaced by a class-less ``<blockquote>`` with the post's paragraphs and
    attribution line.
    """
    if not UNWRAP_EMBEDS or not tree.xpath(_EMBEDDED_POST_XPATH):
        return tree
    tree = deepcopy(tree)
    for quote in tree.xpath(_EMBEDDED_POST_XPATH):
        text = quote.text_content().strip()
        if not text:
            continue
        target = quote
        parent = target.getparent()
        while (
            parent is not None
            and parent.tag in ("div", "figure", "section", "aside", "span")
            and parent.text_content().strip() == text
        ):
            target, parent = parent, parent.getparent()
        if parent is None:
            continue
        for script in quote.xpath(".//script"):
            script.drop_tree()
        replacement = quote.makeelement("blockquote", {})
        replacement.text = quote.text
        for child in list(quote):
            replacement.append(child)
        replacement.tail = target.tail
        parent.replace(target, replacement)
    return tree


# --------------------------------------------------------------------------------------------- clean-up

# Lines that are boilerplate wherever they appear in a body: teasers for other stories, sharing and
# newsletter prompts. Kept deliberately narrow (anchored, short lines only) - a false hit deletes news.
_TEASER = re.compile(
    r"^(?:read more|see more|see also|related|related articles?|more|also on [\w.]+|also read|read also|"
    r"recommended|you may also like|you might also like|more from [\w .]+|leggi anche|lesen sie auch|"
    r"lire aussi|à lire aussi|leia também|veja também|lea también|don'?t miss|most read|trending)\b"
    r"\s*(?:[:.…\-–—|»>]|\.\.\.|$)",
    re.I,
)
_PROMO = re.compile(
    r"(?:sign up (?:for|to)|subscribe to (?:our|the)|newsletters?\b.*\binbox|delivered to your inbox|"
    r"like this story\? share it|share (?:this|it) with a friend|follow us on|"
    r"get the latest updates right in your inbox)",
    re.I,
)
_MAX_BOILERPLATE_WORDS = 40


def _norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.casefold()))


# A heading that announces a block of links to other stories ("More Great WIRED Stories").
_TEASER_HEADING = re.compile(
    r"^(?:more|related|recommended|popular|trending|latest|top|further|other)\b.{0,40}"
    r"\b(?:stories|articles|news|posts|reads|reading|coverage|links|videos|headlines)\s*:?$",
    re.I,
)
# How many words a headline-like line following a teaser heading may have before it counts as prose.
_TEASER_ITEM_WORDS = 25
CLEAN_TEASER_BLOCKS = True


def _is_teaser_item(paragraph: str) -> bool:
    """A link-list line: a list item, or a short line that does not end like a sentence."""
    if paragraph.startswith("- "):
        return True
    words = len(_WORD_RE.findall(paragraph))
    return words <= _TEASER_ITEM_WORDS and not paragraph.rstrip().endswith(
        (".", "!", "?", ":", "”", '"', "»")
    )


def _clean_paragraphs(paragraphs: list[str], title: str | None) -> list[str]:
    out = list(paragraphs)
    # the headline repeated as the first line(s) of the body
    if title:
        norm_title = _norm(title)
        for i in range(min(2, len(out))):
            if norm_title and _norm(out[i]) == norm_title:
                del out[i]
                break
    kept = []
    in_teaser_block = False
    for paragraph in out:
        words = len(_WORD_RE.findall(paragraph))
        if in_teaser_block and _is_teaser_item(paragraph):
            continue
        in_teaser_block = False
        if words <= _MAX_BOILERPLATE_WORDS and (_TEASER.match(paragraph) or _PROMO.search(paragraph)):
            # a bare heading ("DON'T MISS", "Related:") heads a block of teaser links: drop them too
            in_teaser_block = CLEAN_TEASER_BLOCKS and words <= 4
            continue
        if words <= 8 and _TEASER_HEADING.match(paragraph):
            in_teaser_block = CLEAN_TEASER_BLOCKS
            continue
        kept.append(paragraph)
    return kept


# --------------------------------------------------------------------------------------------- metadata


def _metadata(tree: HtmlElement, url: str | None):
    from trafilatura.metadata import Document, extract_metadata

    try:
        # fast=True: skip htmldate's extensive (free-text) search; the date is read separately below
        return extract_metadata(tree, url, None, True, None)
    except Exception:  # noqa: BLE001
        return Document()


def _published(tree: HtmlElement, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=False,
            outputformat="%Y-%m-%d",
        )
    except Exception:  # noqa: BLE001
        return None
    return found or None


def _meta(tree: HtmlElement, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for element in tree.xpath(f'//meta[@{attr}="{name}"]'):
                value = (element.get("content") or "").strip()
                if value:
                    return value
    return None


def _json_ld(tree: HtmlElement) -> list[dict]:
    objects: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return objects


def _site_name(tree: HtmlElement) -> str | None:
    name = _meta(tree, "og:site_name")
    if name:
        return name
    for obj in _json_ld(tree):
        publisher = obj.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if (
            isinstance(publisher, dict)
            and isinstance(publisher.get("name"), str)
            and publisher["name"].strip()
        ):
            return publisher["name"].strip()
    return None


def _canonical_url(tree: HtmlElement, url: str | None) -> str | None:
    for element in tree.xpath('//link[@rel="canonical"][@href]'):
        href = element.get("href", "").strip()
        if href:
            return urljoin(url, href) if url else href
    value = _meta(tree, "og:url")
    if value:
        return urljoin(url, value) if url else value
    return None


_LANG_RE = re.compile(r"^\s*([a-zA-Z]{2})(?:[-_][a-zA-Z0-9]+)*\s*$")


def _language(tree: HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for element in tree.xpath("//meta[@http-equiv or @name or @property][@content]"):
        key = (element.get("http-equiv") or element.get("name") or element.get("property") or "").lower()
        if key in ("content-language", "language", "og:locale", "dc.language"):
            candidates.append(element.get("content"))
    for value in candidates:
        if not value:
            continue
        match = _LANG_RE.match(value.split(",")[0])
        if match:
            return match.group(1).lower()
    return None
