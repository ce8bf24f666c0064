from __future__ import annotations

import gzip
import io
import json

import pytest

from dateline.ingest.readers import discover, read_inputs, read_source
from dateline.model import STATUS_ERROR

LIMIT = 1024 * 1024


def _docs(path, limit=LIMIT):
    return list(read_source(str(path), max_doc_bytes=limit))


def test_discover_recurses_and_filters(corpus):
    found = sorted(p.split("corpus/")[1] for p in discover([str(corpus)]))
    assert found == ["one.txt", "page.html", "sub/two.md", "sub/zipped.txt.gz", "wire.jsonl"]
    only_txt = list(discover([str(corpus)], include=["*.txt"]))
    assert [p.rsplit("/", 1)[1] for p in only_txt] == ["one.txt"]
    no_sub = list(discover([str(corpus)], exclude=["*/sub/*"]))
    assert all("/sub/" not in p for p in no_sub)


def test_read_each_kind(corpus):
    docs = list(read_inputs([str(corpus)], max_doc_bytes=LIMIT))
    assert all(d.status == "ok" for d in docs), [(d.source, d.error) for d in docs]
    by_format = sorted(d.format for d in docs)
    assert by_format == ["html", "text", "text", "text", "text", "text"]
    wire = [d for d in docs if "wire.jsonl" in d.source]
    assert wire[0].title == "Talks on prisoner exchange stall"
    assert wire[0].published == "2017-07-01" and wire[0].published_from == "metadata"
    assert wire[0].outlet == "Example Wire" and wire[0].url.startswith("https://")
    assert wire[1].published == "2017-07-02" and wire[1].outlet is None
    assert wire[1].source.endswith("#L2")
    zipped = [d for d in docs if d.source.endswith(".gz")]
    assert "ceasefire" in zipped[0].raw


def test_ids_are_content_hashes(tmp_path):
    (tmp_path / "a.txt").write_text("Same words in two files, about a convoy that reached the town.")
    (tmp_path / "b.txt").write_text("Same words in two files, about a convoy that reached the town.")
    a, b = _docs(tmp_path / "a.txt"), _docs(tmp_path / "b.txt")
    assert a[0].id == b[0].id and a[0].source != b[0].source


def test_stdin_is_sniffed():
    stream = io.BytesIO(b'{"text": "An article that arrived on standard input about the siege.", "title": "T"}\n')
    docs = list(read_inputs(["-"], max_doc_bytes=LIMIT, stdin=stream))
    assert len(docs) == 1 and docs[0].title == "T" and docs[0].status == "ok"


@pytest.mark.parametrize(
    ("name", "payload", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        ("nul.html", b"<html>\x00\x00\x00\x01\x02" * 50, "binary"),
        ("bad.json", b'{"text": "unterminated', "malformed JSON"),
        ("list.json", b"[1, 2]", "expected an object"),
        ("notext.json", b'{"title": "only a title"}', "no article text"),
    ],
)
def test_bad_inputs_get_clear_errors(tmp_path, name, payload, reason):
    path = tmp_path / name
    path.write_bytes(payload)
    docs = _docs(path)
    assert docs and all(d.status == STATUS_ERROR for d in docs)
    assert reason.lower() in docs[0].error.lower()


def test_truncated_gzip(tmp_path):
    data = gzip.compress(("A long article about the offensive. " * 200).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    docs = _docs(path)
    assert docs[0].status == STATUS_ERROR and "gzip" in docs[0].error


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 5000)
    docs = _docs(path, limit=10_000)
    assert docs[0].status == STATUS_ERROR and "too large" in docs[0].error


def test_invalid_utf8_is_decoded_and_noted(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le président a déclaré que les négociations reprendraient à Genève.".encode("cp1252"))
    doc = _docs(path)[0]
    assert doc.status == "ok" and "président" in doc.raw
    assert doc.notes and "invalid UTF-8" in doc.notes[0]


def test_jsonl_bad_line_keeps_good_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"text": "First good article about refugees crossing the border."}), "{not json",
             json.dumps({"text": "Second good article about a bombing in the market."}), "x" * 3000]
    path.write_text("\n".join(lines) + "\n")
    docs = list(read_source(str(path), max_doc_bytes=2000))
    statuses = [(d.source.rsplit("#", 1)[1], d.status) for d in docs]
    assert statuses == [("L1", "ok"), ("L2", "error"), ("L3", "ok"), ("L4", "error")]
    assert "too large" in docs[3].error


def test_missing_file(tmp_path):
    docs = _docs(tmp_path / "nope.txt")
    assert docs[0].status == STATUS_ERROR and "cannot read" in docs[0].error
