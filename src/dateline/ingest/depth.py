"""Pages nested deeper than the HTML parser allows.

libxml2 (under lxml and trafilatura) stops building the tree 256 elements deep, and everything
below is lost: a page wrapped in a few hundred ``<div>`` looks empty. Such a page is parsed again
with libxml2's "huge" option (2048 levels); past that, the error names the cause.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

_DEPTH_MESSAGE = "Excessive depth in document"
HUGE_MAX_DEPTH = 2048  # libxml2's nesting limit with XML_PARSE_HUGE (lxml's huge_tree)


class TooDeep(ValueError):
    """Even the huge parser stopped at its nesting limit."""


def reparse_if_too_deep(html: str) -> HtmlElement | None:
    """A tree of ``html`` parsed without the default depth limit, or None if that limit was not the problem.

    Raises :class:`TooDeep` when the page is deeper than even the huge parser allows.
    """
    if not _hits_depth_limit(html, huge=False):
        return None
    tree, too_deep = _parse(html, huge=True)
    if too_deep:
        raise TooDeep(f"HTML nested deeper than {HUGE_MAX_DEPTH} levels, the HTML parser's limit (libxml2): "
                      "what lies deeper is lost")
    return tree


def _hits_depth_limit(html: str, *, huge: bool) -> bool:
    return _parse(html, huge=huge)[1]


def _parse(html: str, *, huge: bool) -> tuple[HtmlElement | None, bool]:
    parser = HTMLParser(encoding="utf-8", huge_tree=huge, remove_comments=True, remove_pis=True, collect_ids=False,
                        default_doctype=False)
    try:
        tree = document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        tree = None
    return tree, any(_DEPTH_MESSAGE in entry.message for entry in parser.error_log)
