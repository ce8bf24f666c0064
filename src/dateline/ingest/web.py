"""Read from the web: URLs and feeds become Documents for ``run_corpus`` (see :class:`WebReader`).

De-duplication is by URL and by content hash. A URL whose document is already in the store (ok or
skipped, by the same pipeline) is not fetched again: it counts as ``unchanged``, so a re-run, a resumed
run and every ``dateline watch`` cycle fetch only new articles. A URL met twice in one run is fetched once
(``duplicates``). Pages with the same content under two URLs get the same content-hash id: the pipeline
stores the document once and records both URLs in ``sources``. A URL that failed before is tried again;
once it succeeds its old error rows are removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.ingest.feeds import expand_feed
from dateline.ingest.fetch import Fetcher, FetchOptions, is_url, normalize
from dateline.ingest.readers import read_inputs
from dateline.model import Document

if TYPE_CHECKING:
    from dateline.pipeline import RunSummary
    from dateline.store.duckdb_store import Store


@dataclass(slots=True)
class WebReader:
    """Files, URLs and feeds → Documents; called by ``run_corpus(reader=...)`` with the open store."""

    urls: Sequence[str] = ()
    feeds: Sequence[str] = ()
    files: Sequence[str] = ()
    options: FetchOptions = field(default_factory=FetchOptions)
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()

    def __call__(self, store: Store, summary: RunSummary, pipeline: str) -> Iterator[Document]:
        if self.files:
            yield from read_inputs(self.files, max_doc_bytes=self.options.max_bytes, include=self.include,
                                   exclude=self.exclude)
        with Fetcher(self.options) as fetcher:
            targets: dict[str, str] = {}  # source key (normalised URL) → URL to fetch
            for url in self.urls:
                _add(targets, url, summary)
            for spec in self.feeds:
                expanded = expand_feed(spec, fetcher)
                for document in expanded.errors:
                    yield document
                if not expanded.errors:
                    forget_errors(store, [spec])
                for url in expanded.links:
                    _add(targets, url, summary)
            known = stored_sources(store, targets, pipeline)
            summary.unchanged += len(known)
            todo = [(url, key) for key, url in targets.items() if key not in known]
            for document in fetcher.pages(todo):
                if document.ok:
                    forget_errors(store, [document.source])
                yield document


def split_inputs(inputs: Iterable[str]) -> tuple[list[str], list[str]]:
    """(files, URLs) of the command line's inputs."""
    files: list[str] = []
    urls: list[str] = []
    for item in inputs:
        (urls if is_url(item) else files).append(item)
    return files, urls


def web_reader(inputs: Iterable[str], feeds: Sequence[str], options: FetchOptions, *, include: Sequence[str] = (),
               exclude: Sequence[str] = ()) -> WebReader | None:
    """A reader when ``inputs`` hold a URL or ``feeds`` is given; None for files only (the usual path)."""
    files, urls = split_inputs(inputs)
    if not urls and not feeds:
        return None
    return WebReader(urls=urls, feeds=list(feeds), files=files, options=options, include=include, exclude=exclude)


def _add(targets: dict[str, str], url: str, summary: RunSummary) -> None:
    key = normalize(url)
    if key in targets:
        summary.duplicates += 1
    else:
        targets[key] = url


def stored_sources(store: Store, sources: Iterable[str], pipeline: str) -> set[str]:
    """The sources whose document is already stored by ``pipeline`` with a final status (ok or skipped)."""
    wanted = list(sources)
    if not wanted:
        return set()
    rows = store.con.execute(
        "SELECT DISTINCT s.source FROM sources s JOIN documents d ON d.id = s.doc "
        "WHERE s.source IN (SELECT unnest(?)) AND d.pipeline = ? AND d.status IN ('ok', 'skipped')",
        [wanted, pipeline],
    ).fetchall()
    return {r[0] for r in rows}


def forget_errors(store: Store, sources: Sequence[str]) -> None:
    """Remove the error rows of sources that have now been read (a URL that failed on an earlier run)."""
    store.con.execute(
        "DELETE FROM sources WHERE source IN (SELECT unnest(?)) AND doc IN "
        "(SELECT id FROM documents WHERE status = 'error' AND source IN (SELECT unnest(?)))",
        [list(sources), list(sources)],
    )
    store.con.execute("DELETE FROM documents WHERE status = 'error' AND source IN (SELECT unnest(?))", [list(sources)])

