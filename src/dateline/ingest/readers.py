"""Read a corpus: files, directories, stdin; text, HTML, JSON/JSONL, and gzip of any of these.

Reading happens in the main process and only decodes bytes; the CPU-heavy work (HTML extraction,
cleaning, NLP) runs later in the stages. Every input becomes a :class:`Document`: either with its
decoded ``raw`` content, or with ``status="error"`` and a clear reason. Nothing here raises for a
bad input.
"""

from __future__ import annotations

import codecs
import fnmatch
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from dateline.ids import content_id
from dateline.ingest.decode import UnreadableInput, decode_bytes
from dateline.ingest.metadata import normalize_date, outlet_from_url
from dateline.model import FROM_METADATA, STATUS_ERROR, Document

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
TEXT_FIELDS = ("text", "body", "content", "articleBody", "article")
HTML_FIELDS = ("html", "raw_html")
DATE_FIELDS = ("date", "published", "published_at", "datePublished", "pubdate")
STDIN = "-"
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
              (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16"))


def discover(paths: Sequence[str], *, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Iterator[str]:
    """Expand inputs into file paths (directories recursively, sorted), applying glob filters.

    Without ``include``, a directory contributes files with a known suffix (and their ``.gz``).
    A file named explicitly is always read. ``-`` means standard input.
    """
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _wanted(child, include, exclude):
                    yield str(child)
        else:
            yield str(path)


def _wanted(path: Path, include: Sequence[str], exclude: Sequence[str]) -> bool:
    name = path.name
    if name.startswith(".") or any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(str(path), pat) for pat in exclude):
        return False
    if include:
        return any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(str(path), pat) for pat in include)
    inner = name[:-3] if name.endswith(".gz") else name
    return Path(inner).suffix.lower() in KNOWN_SUFFIXES


def read_inputs(
    paths: Sequence[str],
    *,
    max_doc_bytes: int,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    stdin: BinaryIO | None = None,
) -> Iterator[Document]:
    """Yield one Document per article found in ``paths`` (errors included, never raised)."""
    for source in discover(paths, include=include, exclude=exclude):
        yield from read_source(source, max_doc_bytes=max_doc_bytes, stdin=stdin)


def read_source(source: str, *, max_doc_bytes: int, stdin: BinaryIO | None = None) -> Iterator[Document]:
    """Read one file (or stdin) into Documents."""
    name = "stdin" if source == STDIN else os.path.basename(source)
    inner = name[:-3] if name.lower().endswith(".gz") else name
    kind = _kind_from_suffix(Path(inner).suffix.lower())
    try:
        if kind == "jsonl":
            yield from _read_jsonl(source, _open_stream(source, stdin), max_doc_bytes=max_doc_bytes)
            return
        data = _read_limited(_open_stream(source, stdin), max_doc_bytes)
    except UnreadableInput as exc:
        yield error_document(source, str(exc))
        return
    except OSError as exc:
        yield error_document(source, f"cannot read file: {exc.strerror or exc}")
        return
    yield from documents_from_bytes(source, data, kind=kind, max_doc_bytes=max_doc_bytes)


def documents_from_bytes(source: str, data: bytes, *, kind: str | None, max_doc_bytes: int) -> Iterator[Document]:
    """Turn one input's bytes into Documents, sniffing the format when ``kind`` is None."""
    try:
        decoded = decode_bytes(data)
    except UnreadableInput as exc:
        yield error_document(source, str(exc))
        return
    notes = decoded.notes
    text = decoded.text
    if not text.strip():
        yield error_document(source, "empty document: no text in the input")
        return
    kind = kind or sniff_kind(text)
    if kind == "html":
        yield Document(id=content_id(text, prefix="d-"), source=source, raw=text, format="html", notes=notes)
    elif kind in ("json", "jsonl"):
        yield from _read_json_text(source, text, notes=notes, max_doc_bytes=max_doc_bytes)
    else:
        yield Document(id=content_id(text.strip(), prefix="d-"), source=source, raw=text, format="text", notes=notes)


def error_document(source: str, reason: str) -> Document:
    """A document that failed before any stage could run."""
    return Document(id=content_id("error", source, reason, prefix="e-"), source=source, status=STATUS_ERROR, error=reason)


def sniff_kind(text: str) -> str:
    """Guess text / html / jsonl from content (used for stdin and unknown suffixes)."""
    head = text.lstrip()[:2048].lower()
    if head.startswith(("{", "[")):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<article" in head:
        return "html"
    return "text"


def _kind_from_suffix(suffix: str) -> str | None:
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return None


def _open_stream(source: str, stdin: BinaryIO | None) -> BinaryIO:
    stream: BinaryIO = (stdin or sys.stdin.buffer) if source == STDIN else open(source, "rb")  # noqa: SIM115
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if head == b"\x1f\x8b" or source.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=stream)  # type: ignore[return-value]
    return stream


def _read_limited(stream: BinaryIO, limit: int) -> bytes:
    """Read the whole stream, refusing more than ``limit`` bytes (also guards gzip bombs)."""
    try:
        with stream:
            data = stream.read(limit + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise UnreadableInput(f"truncated or corrupt gzip data: {exc}") from exc
    if len(data) > limit:
        raise UnreadableInput(f"document too large: more than {limit // (1024 * 1024)} MiB (limit: --max-doc-mb)")
    return data


def _read_jsonl(source: str, stream: BinaryIO, *, max_doc_bytes: int) -> Iterator[Document]:
    """Stream a JSONL file line by line, so a large corpus file never sits in memory."""
    lineno = 0
    notes: tuple[str, ...] = ()
    try:
        with stream:
            if wide := _wide_bom(stream):
                # UTF-16/32 JSONL (e.g. Windows PowerShell's Out-File): recode to UTF-8 as it streams
                stream = codecs.EncodedFile(stream, "utf-8", wide, errors="replace")  # type: ignore[assignment]
                notes = (f"not UTF-8: decoded as {wide} (byte order mark)",)
            for lineno, line in enumerate(_limited_lines(stream, max_doc_bytes), start=1):
                yield from _jsonl_line(source, lineno, line, max_doc_bytes, notes)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield error_document(f"{source}#L{lineno + 1}", f"truncated or corrupt gzip data after line {lineno}: {exc}")


def _wide_bom(stream: BinaryIO) -> str | None:
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    return next((encoding for bom, encoding in _WIDE_BOMS if head.startswith(bom)), None)


def _limited_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Yield lines; a line longer than ``limit`` is consumed and yielded as None."""
    reader = io.BufferedReader(stream) if not hasattr(stream, "readline") else stream  # type: ignore[arg-type]
    while True:
        line = reader.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := reader.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _jsonl_line(
    source: str, lineno: int, line: bytes | None, max_doc_bytes: int, notes: tuple[str, ...] = ()
) -> Iterator[Document]:
    where = f"{source}#L{lineno}"
    if line is None:
        yield error_document(where, f"document too large: line longer than {max_doc_bytes // (1024 * 1024)} MiB")
        return
    if not line.strip():
        return
    try:
        decoded = decode_bytes(line)
        record = json.loads(decoded.text)
    except UnreadableInput as exc:
        yield error_document(where, str(exc))
        return
    except json.JSONDecodeError as exc:
        yield error_document(where, f"malformed JSON line: {exc.msg} at column {exc.colno}")
        return
    yield document_from_record(where, record, notes=notes + decoded.notes)


def _read_json_text(source: str, text: str, *, notes: tuple[str, ...], max_doc_bytes: int) -> Iterator[Document]:
    """A .json file: one object, an array of objects, or (leniently) JSON lines."""
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and lines[0].lstrip().startswith("{"):
            for lineno, line in enumerate(text.splitlines(), start=1):
                yield from _jsonl_line(source, lineno, line.encode("utf-8"), max_doc_bytes, notes)
            return
        yield error_document(source, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    records: Iterable[Any] = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records):
        where = source if not isinstance(parsed, list) else f"{source}#{index}"
        yield document_from_record(where, record, notes=notes)


def document_from_record(where: str, record: Any, *, notes: tuple[str, ...] = ()) -> Document:
    """Map a JSON record (fields text/body/content, title, date/published, url, source) to a Document."""
    if not isinstance(record, dict):
        return error_document(where, f"JSON record is a {type(record).__name__}, expected an object with a 'text' field")
    html = _first_str(record, HTML_FIELDS)
    body = _first_str(record, TEXT_FIELDS)
    if not body and not html:
        return error_document(where, f"JSON record has no article text (expected one of: {', '.join(TEXT_FIELDS)})")
    title = _first_str(record, ("title", "headline"))
    url = _first_str(record, ("url", "link"))
    outlet = _first_str(record, ("source", "outlet", "site_name", "publisher"))
    if outlet and outlet.startswith(("http://", "https://")):
        url, outlet = url or outlet, None
    published = normalize_date(_first_str(record, DATE_FIELDS))
    fmt = "html" if html and not body else "text"
    raw = html if fmt == "html" else body
    return Document(
        id=content_id(title or "", (raw or "").strip(), prefix="d-"),
        source=where,
        raw=raw or "",
        format=fmt,
        title=title.strip() if title else None,
        url=url,
        outlet=outlet or outlet_from_url(url),
        published=published,
        published_from=FROM_METADATA if published else None,
        author=_first_str(record, ("author", "byline")),
        notes=notes,
    )


def _first_str(record: dict[str, Any], keys: Sequence[str]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return ", ".join(value)
    return None
