"""Issue 19, decoding: UTF-16/32, one stray byte in UTF-8, cp1252 over cp1250, a few NUL bytes."""

from __future__ import annotations

import json

import pytest

from dateline.ingest.readers import read_source

LIMIT = 1024 * 1024
TEXT = "The café’s owner, Señor Muñoz, said on Tuesday that the talks would resume. « Fine », said Zoë."


def _doc(tmp_path, name, payload):
    path = tmp_path / name
    path.write_bytes(payload)
    docs = list(read_source(str(path), max_doc_bytes=LIMIT))
    assert len(docs) == 1
    return docs[0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom", "utf-16-le", "utf-32"])
def test_utf16_and_utf32_text_is_read(tmp_path, encoding):
    if encoding == "utf-16-be-bom":
        payload = "\ufeff".encode("utf-16-be") + TEXT.encode("utf-16-be")
    else:
        payload = TEXT.encode(encoding)  # utf-16 and utf-32 write a BOM; utf-16-le does not
    doc = _doc(tmp_path, "unicode.txt", payload)
    assert doc.status == "ok" and doc.raw == TEXT, doc.error
    assert any("decoded as utf_" in note for note in doc.notes)


def test_utf16_jsonl_is_read_line_by_line(tmp_path):
    lines = "".join(json.dumps({"text": f"{TEXT} ({i})"}, ensure_ascii=False) + "\n" for i in range(3))
    path = tmp_path / "feed.jsonl"
    path.write_bytes(lines.encode("utf-16"))
    docs = list(read_source(str(path), max_doc_bytes=LIMIT))
    assert [d.raw for d in docs] == [f"{TEXT} ({i})" for i in range(3)]


def test_one_stray_byte_is_replaced_not_the_whole_article_garbled(tmp_path):
    payload = TEXT.encode() + b" \xff " + TEXT.encode()
    doc = _doc(tmp_path, "stray.txt", payload)
    assert doc.raw == f"{TEXT} \ufffd {TEXT}"
    assert any("1 undecodable byte" in note for note in doc.notes)


def test_windows_1252_is_preferred_to_other_single_byte_guesses(tmp_path):
    doc = _doc(tmp_path, "legacy.txt", TEXT.encode("cp1252"))
    assert doc.raw == TEXT
    assert any("decoded as cp1252" in note for note in doc.notes)


def test_a_few_nul_bytes_are_removed_and_noted(tmp_path):
    payload = TEXT.encode()[:20] + b"\x00\x00" + TEXT.encode()[20:]
    doc = _doc(tmp_path, "nul.txt", payload)
    assert doc.status == "ok" and doc.raw == TEXT
    assert "removed 2 NUL byte(s)" in doc.notes
