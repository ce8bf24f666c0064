"""Read a corpus: files, directories, stdin; text, HTML, JSON/JSONL, and gzip of any of these.

Reading happens in the main process and only decodes bytes; the CPU-heavy work (HTML extraction,
cleaning, NLP) runs later in the stages. Every input becomes a :class:`Document`: either with its
decoded ``raw`` content, or with ``status="error"`` and a clear reason. Nothing here raises for a
bad input. What a directory holds but is not read (a broken link, a file of unknown type) becomes
an error or skipped Document too, so nothing disappears silently. Each input has a budget of
decompressed bytes and lines (``Settings.max_input_bytes`` / ``max_input_lines``): past it, reading
stops with an error Document (compression bombs, endless blank lines).
"""

from __future__ import annotations

import codecs
import fnmatch
import gzip
import io
import itertools
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
from dateline.model import FROM_METADATA, STATUS_ERROR, STATUS_SKIPPED, Document
from dateline.settings import DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_INPUT_LINES

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
TEXT_FIELDS = ("text", "body", "content", "articleBody", "article")
HTML_FIELDS = ("html", "raw_html")
DATE_FIELDS = ("date", "published", "published_at", "datePublished", "pubdate")
STDIN = "-"
_SNIFF_BYTES = 8192  # how much of a file of unknown type is read to say what it is
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
              (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16"))


class _OverBudget(Exception):
    """An input went past its budget of decompressed bytes or lines; the message says which."""


def discover(paths: Sequence[str], *, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Iterator[str]:
    """Expand inputs into file paths (directories recursively, sorted), applying glob filters.

    Without ``include``, a directory contributes files with a known suffix (and their ``.gz``).
    A file named explicitly is always read. ``-`` means standard input.
    """
    for path, unread in walk(paths, include=include, exclude=exclude):
        if unread is None:
            yield path


def walk(
    paths: Sequence[str], *, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Iterator[tuple[str, Document | None]]:
    """Like :func:`discover`, but also yield what a directory holds that will not be read.

    Each item is ``(path, None)`` for a file to read, or ``(path, document)`` with an error document
    (a broken symbolic link) or a skipped one (a file of unknown type, a FIFO). Hidden files, files
    in hidden folders that would not be read anyway, and files that ``include``/``exclude`` leave
    out are passed over silently: the user chose that.
    """
    for raw in paths:
        if raw == STDIN:
            yield STDIN, None
            continue
        path = Path(raw)
        if not path.is_dir():
            yield str(path), None
            continue
        for child in sorted(path.rglob("*")):
            if child.is_dir() or _left_out(child, include, exclude):
                continue
            known = bool(include) or _known_suffix(child)
            if not known and any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            yield str(child), _unread(child, known)


def _unread(path: Path, known: bool) -> Document | None:
    """None when ``path`` is to be read, else the error or skipped document that records why not."""
    if path.is_symlink() and not path.exists():
        return error_document(str(path), f"broken symbolic link: its target {os.readlink(path)!r} does not exist")
    if not path.is_file():
        return skipped_document(str(path), "not read: not a regular file (a FIFO, socket or device)")
    if known:
        return None
    suffix = "".join(path.suffixes[-2:]) or "(no suffix)"
    what = f"unknown file type {suffix}"
    try:
        with open(path, "rb") as handle:
            decode_bytes(handle.read(_SNIFF_BYTES))
    except UnreadableInput as exc:
        what = f"{str(exc).removesuffix(', not text, HTML or JSON')}, file type {suffix}"
    except OSError as exc:
        return error_document(str(path), f"cannot read file: {exc.strerror or exc}")
    return skipped_document(str(path), f"not read: {what}; a directory contributes its .txt, .md, .html, .json and "
                                       ".jsonl files (and their .gz) unless --include says otherwise")


def _left_out(path: Path, include: Sequence[str], exclude: Sequence[str]) -> bool:
    name = path.name
    if name.startswith(".") or any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(str(path), pat) for pat in exclude):
        return True
    return bool(include) and not any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(str(path), pat) for pat in include)


def _known_suffix(path: Path) -> bool:
    name = path.name
    inner = name[:-3] if name.endswith(".gz") else name
    return Path(inner).suffix.lower() in KNOWN_SUFFIXES


def read_inputs(
    paths: Sequence[str],
    *,
    max_doc_bytes: int,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    max_input_lines: int = DEFAULT_MAX_INPUT_LINES,
) -> Iterator[Document]:
    """Yield one Document per article found in ``paths`` (errors included, never raised)."""
    for source, unread in walk(paths, include=include, exclude=exclude):
        if unread is not None:
            yield unread
            continue
        yield from read_source(source, max_doc_bytes=max_doc_bytes, stdin=stdin,
                               max_input_bytes=max_input_bytes, max_input_lines=max_input_lines)


def read_source(
    source: str,
    *,
    max_doc_bytes: int,
    stdin: BinaryIO | None = None,
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    max_input_lines: int = DEFAULT_MAX_INPUT_LINES,
) -> Iterator[Document]:
    """Read one file (or stdin) into Documents."""
    name = "stdin" if source == STDIN else os.path.basename(source)
    inner = name[:-3] if name.lower().endswith(".gz") else name
    kind = _kind_from_suffix(Path(inner).suffix.lower())
    try:
        if kind == "jsonl":
            stream = _open_stream(source, stdin)
            yield from _read_jsonl(source, stream, max_doc_bytes=max_doc_bytes, max_bytes=max_input_bytes,
                                   max_lines=max_input_lines)
            return
        data = _read_limited(_open_stream(source, stdin), max_doc_bytes)
    except UnreadableInput as exc:
        yield error_document(source, str(exc))
        return
    except OSError as exc:
        yield error_document(source, f"cannot read file: {exc.strerror or exc}")
        return
    yield from documents_from_bytes(source, data, kind=kind, max_doc_bytes=max_doc_bytes, max_lines=max_input_lines)


def documents_from_bytes(
    source: str, data: bytes, *, kind: str | None, max_doc_bytes: int, max_lines: int = DEFAULT_MAX_INPUT_LINES
) -> Iterator[Document]:
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
        yield from _read_json_text(source, text, notes=notes, max_doc_bytes=max_doc_bytes, max_lines=max_lines)
    else:
        yield Document(id=content_id(text.strip(), prefix="d-"), source=source, raw=text, format="text", notes=notes)


def error_document(source: str, reason: str) -> Document:
    """A document that failed before any stage could run."""
    return Document(id=content_id("error", source, reason, prefix="e-"), source=source, status=STATUS_ERROR, error=reason)


def skipped_document(source: str, reason: str) -> Document:
    """A file that was deliberately not read (it is recorded so that nothing disappears silently)."""
    return Document(id=content_id("skipped", source, reason, prefix="e-"), source=source, status=STATUS_SKIPPED,
                    error=reason)


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


def _read_jsonl(source: str, stream: BinaryIO, *, max_doc_bytes: int, max_bytes: int, max_lines: int) -> Iterator[Document]:
    """Stream a JSONL file line by line, so a large corpus file never sits in memory."""
    lineno, found = 0, False
    notes: tuple[str, ...] = ()
    try:
        with stream:
            if wide := _wide_bom(stream):
                # UTF-16/32 JSONL (e.g. Windows PowerShell's Out-File): recode to UTF-8 as it streams
                stream = codecs.EncodedFile(stream, "utf-8", wide, errors="replace")  # type: ignore[assignment]
                notes = (f"not UTF-8: decoded as {wide} (byte order mark)",)
            for lineno, line in enumerate(_limited_lines(stream, max_doc_bytes, max_bytes, max_lines), start=1):
                for document in _jsonl_line(source, lineno, line, max_doc_bytes, notes):
                    found = True
                    yield document
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield error_document(f"{source}#L{lineno + 1}", f"truncated or corrupt gzip data after line {lineno}: {exc}")
        return
    except _OverBudget as exc:
        yield error_document(source, f"{exc}; stopped reading after line {lineno:,}")
        return
    if not found:
        yield error_document(source, "empty input: no JSON records" + (f" ({lineno:,} blank lines)" if lineno else ""))


def _wide_bom(stream: BinaryIO) -> str | None:
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    return next((encoding for bom, encoding in _WIDE_BOMS if head.startswith(bom)), None)


def _limited_lines(stream: BinaryIO, limit: int, max_bytes: int, max_lines: int) -> Iterator[bytes | None]:
    """Yield lines; a line longer than ``limit`` is consumed and yielded as None.

    Raise :class:`_OverBudget` past ``max_bytes`` (after decompression) or ``max_lines`` (blank ones
    included): a 200 KB gzip can hold 200 million empty lines.
    """
    reader = io.BufferedReader(stream) if not hasattr(stream, "readline") else stream  # type: ignore[arg-type]
    consumed = 0
    for count in itertools.count(1):
        line = reader.readline(limit + 1)
        if not line:
            return
        if count > max_lines:
            raise _OverBudget(f"input too long: more than {max_lines:,} lines (per-input budget); split it into smaller files")
        consumed += len(line)
        too_long = len(line) > limit and not line.endswith(b"\n")
        while too_long and consumed <= max_bytes and (rest := reader.readline(1024 * 1024)):
            consumed += len(rest)
            if rest.endswith(b"\n"):
                break
        if consumed > max_bytes:
            raise _OverBudget(f"input too large: more than {_size(max_bytes)} after decompression (per-input budget); "
                              "split it into smaller files")
        yield None if too_long else line


def _size(n: int) -> str:
    return f"{n / 2**30:g} GiB" if n >= 2**30 else f"{n / 2**20:g} MiB"


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


def _read_json_text(
    source: str, text: str, *, notes: tuple[str, ...], max_doc_bytes: int, max_lines: int = DEFAULT_MAX_INPUT_LINES
) -> Iterator[Document]:
    """A .json file: one object, an array of objects, or (leniently) JSON lines."""
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and lines[0].lstrip().startswith("{"):
            for lineno, line in enumerate(text.splitlines(), start=1):
                if lineno > max_lines:
                    yield error_document(source, f"input too long: more than {max_lines:,} lines (per-input budget); "
                                                 f"split it into smaller files; stopped reading after line {max_lines:,}")
                    return
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
