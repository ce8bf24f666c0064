"""Issue 19, input side, at full size: encodings, languages, bombs, duplicates, odd files (run by bench/faults.py).

Every case writes generated inputs into a temporary folder and runs the real command line
(``dateline ingest``: extraction, cleaning and language identification, no other NLP) as a
subprocess with the caller's ``PYTHONPATH``, then reads the store and the exit status. No real news
text: the articles are a few sentences written for this file.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
from fault_case import Case

ARTICLE = ("The café’s owner, Señor Muñoz, said on Tuesday that the bridge over the river would reopen next month. "
           "« We waited long enough », said Zoë Brandt, who runs the bakery on the square. Engineers finished the "
           "repairs ahead of schedule, the council said, and the first buses will cross on Monday morning.")
CHINESE = "市政府周二表示，新桥将在下个月开放。数百名居民参加了昨天的会议，并提出了许多问题。工程师说维修工作提前完成。"
JAPANESE = "市役所は火曜日、新しい橋が来月開通すると発表した。昨日の会合には数百人の住民が参加した。技師によると修理は予定より早く終わった。"
CLI = [sys.executable, "-c", "from dateline.cli.main import main; main()"]
_RSS_PROBE = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
              "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def _ingest(inputs: list[Path], out: Path, *, timeout: float = 600) -> tuple[int, str, float]:
    started = time.perf_counter()
    done = subprocess.run([*CLI, "ingest", *map(str, inputs), "--out", str(out), "-j", "1"], capture_output=True,
                          text=True, timeout=timeout, env=os.environ.copy())
    return done.returncode, done.stderr, time.perf_counter() - started


def _peak_rss_mb(args: list[str]) -> tuple[int, float]:
    """Exit status and peak RSS (MB) of one command, measured in a fresh process so that no earlier case counts."""
    line = subprocess.run([sys.executable, "-c", _RSS_PROBE, *args], capture_output=True, text=True, check=True,
                          env=os.environ.copy()).stdout.split()
    return int(line[0]), int(line[1]) / 1024  # ru_maxrss is in KiB on Linux


def _rows(out: Path) -> dict[str, dict]:
    con = duckdb.connect(str(out / "dateline.duckdb"), read_only=True)
    try:
        cursor = con.execute("SELECT source, status, error, language, text, notes FROM documents")
        names = [c[0] for c in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
    finally:
        con.close()


def _in_tmp(body: Callable[[Path], tuple[bool, str]]) -> Callable[[], tuple[bool, str]]:
    def run() -> tuple[bool, str]:
        with tempfile.TemporaryDirectory(prefix="faults-ingest-") as tmp:
            return body(Path(tmp))

    return run


def _short(text: str | None, n: int = 70) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------------------------- item 1


@_in_tmp
def utf16_files(tmp: Path) -> tuple[bool, str]:
    corpus = tmp / "in"
    corpus.mkdir()
    texts = {name: f"{ARTICLE} ({name})" for name in ("le", "be", "le-no-bom", "utf32", "feed")}
    (corpus / "le.txt").write_bytes(texts["le"].encode("utf-16"))  # BOM + little-endian, as Windows "Unicode"
    (corpus / "be.txt").write_bytes(b"\xfe\xff" + texts["be"].encode("utf-16-be"))
    (corpus / "le-no-bom.txt").write_bytes(texts["le-no-bom"].encode("utf-16-le"))
    (corpus / "utf32.txt").write_bytes(texts["utf32"].encode("utf-32"))
    record = json.dumps({"text": texts["feed"]}, ensure_ascii=False) + "\n"
    (corpus / "feed.jsonl").write_bytes(record.encode("utf-16"))
    rc, _, _ = _ingest([corpus], tmp / "out")
    rows = {Path(s.split("#")[0]).stem: r for s, r in _rows(tmp / "out").items()}
    exact = sorted(k for k, r in rows.items() if r["status"] == "ok" and r["text"] == texts[k])
    ok = rc == 0 and len(exact) == len(texts) == len(rows)
    return ok, f"exit {rc}; read exactly: {', '.join(exact) or 'none'} (of UTF-16 LE/BE with BOM, LE without, UTF-32, UTF-16 JSONL)"


# --------------------------------------------------------------------------------------------- item 2


@_in_tmp
def cjk_articles(tmp: Path) -> tuple[bool, str]:
    corpus = tmp / "in"
    corpus.mkdir()
    (corpus / "zh.txt").write_text(CHINESE * 3, encoding="utf-8")
    (corpus / "ja.txt").write_text(JAPANESE * 3, encoding="utf-8")
    (corpus / "en.txt").write_text(ARTICLE, encoding="utf-8")
    rc, _, _ = _ingest([corpus], tmp / "out")
    rows = {Path(s).stem: r for s, r in _rows(tmp / "out").items()}
    got = {k: (r["status"], r["language"]) for k, r in rows.items()}
    ok = rc == 0 and got["zh"][0] == got["ja"][0] == "skipped" and got["ja"][1] == "ja" and got["en"] == ("ok", "en")
    return ok, f"exit {rc}; " + ", ".join(f"{k}: {s} ({lang})" for k, (s, lang) in sorted(got.items()))


# --------------------------------------------------------------------------------------------- item 3


@_in_tmp
def stray_byte_and_cp1252(tmp: Path) -> tuple[bool, str]:
    corpus = tmp / "in"
    corpus.mkdir()
    head, tail = ARTICLE.split(" the bridge", 1)
    (corpus / "stray.txt").write_bytes(f"{head} ".encode() + b"\xff" + f"the bridge{tail}".encode())
    (corpus / "cp1252.txt").write_bytes(ARTICLE.encode("cp1252"))
    rc, _, _ = _ingest([corpus], tmp / "out")
    rows = {Path(s).stem: r for s, r in _rows(tmp / "out").items()}
    stray_ok = rows["stray"]["text"] == f"{head} \ufffdthe bridge{tail}"
    legacy_ok = rows["cp1252"]["text"] == ARTICLE
    notes = "; ".join(f"{k}: {json.loads(r['notes'])}" for k, r in sorted(rows.items()))
    outcome = f"exit {rc}; stray {'exact' if stray_ok else 'GARBLED'}, cp1252 {'exact' if legacy_ok else 'GARBLED'}"
    return rc == 0 and stray_ok and legacy_ok, f"{outcome}; {notes}"


# --------------------------------------------------------------------------------------------- item 4


@_in_tmp
def newline_bomb(tmp: Path) -> tuple[bool, str]:
    bomb = tmp / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        for _ in range(210):
            handle.write(b"\n" * 1_000_000)
    rc, _, seconds = _ingest([bomb], tmp / "out", timeout=300)
    rows = _rows(tmp / "out")
    row = rows.get(str(bomb), {})
    ok = rc != 0 and row.get("status") == "error" and seconds < 30
    return ok, f"{bomb.stat().st_size // 1024} KB gzip, 210M lines: exit {rc} in {seconds:.1f}s; {_short(row.get('error'))}"


@_in_tmp
def bad_line_flood(tmp: Path) -> tuple[bool, str]:
    flood = tmp / "flood.jsonl.gz"
    flood.write_bytes(gzip.compress(b'{"id": 1}\n' * 100_000))
    rc, _, seconds = _ingest([flood], tmp / "out", timeout=300)
    errors = sum(r["status"] == "error" for r in _rows(tmp / "out").values())
    ok = rc == 1 and errors == 100_000 and seconds < 60
    return ok, f"100k records without text: exit {rc}, {errors} error rows in {seconds:.1f}s"


# --------------------------------------------------------------------------------------------- item 5


@_in_tmp
def duplicate_flood(tmp: Path) -> tuple[bool, str]:
    line = (json.dumps({"title": "Bridge reopens", "text": ARTICLE}, ensure_ascii=False) + "\n").encode()
    small, big = tmp / "small.jsonl.gz", tmp / "dups.jsonl.gz"
    small.write_bytes(gzip.compress(line * 1_000))
    big.write_bytes(gzip.compress(line * 600_000))
    args = [*CLI, "ingest", "--out", str(tmp / "out-small"), "-j", "1", str(small)]
    rc_small, rss_small = _peak_rss_mb(args)
    rc_big, rss_big = _peak_rss_mb([*CLI, "ingest", "--out", str(tmp / "out-big"), "-j", "1", str(big)])
    con = duckdb.connect(str(tmp / "out-big" / "dateline.duckdb"), read_only=True)
    sources = con.execute("SELECT count(*) FROM sources").fetchone()[0]
    con.close()
    growth = rss_big - rss_small
    ok = rc_small == rc_big == 0 and sources == 600_000 and growth < 120
    return ok, (f"peak RSS {rss_small:.0f} MB (1k duplicates) -> {rss_big:.0f} MB (600k duplicates), "
                f"+{growth:.0f} MB; {sources} source rows")


# --------------------------------------------------------------------------------------------- also


@_in_tmp
def deep_html(tmp: Path) -> tuple[bool, str]:
    corpus = tmp / "in"
    corpus.mkdir()
    body = f"<p>{ARTICLE}</p><p>{ARTICLE}</p>"
    for depth in (300, 3000):
        html = f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"
        (corpus / f"deep{depth}.html").write_text(html, encoding="utf-8")
    rc, _, _ = _ingest([corpus], tmp / "out")
    rows = {Path(s).stem: r for s, r in _rows(tmp / "out").items()}
    ok = rows["deep300"]["status"] == "ok" and "nested deeper" in (rows["deep3000"]["error"] or "") and rc == 1
    return ok, f"exit {rc}; 300 levels: {rows['deep300']['status']}; 3000 levels: {_short(rows['deep3000']['error'], 90)}"


@_in_tmp
def nul_bytes(tmp: Path) -> tuple[bool, str]:
    corpus = tmp / "in"
    corpus.mkdir()
    raw = ARTICLE.encode()
    (corpus / "two-nuls.txt").write_bytes(raw[:50] + b"\x00" + raw[50:90] + b"\x00" + raw[90:])
    (corpus / "many-nuls.txt").write_bytes(b"\x00\x01\x00\x02" * 2000)
    rc, _, _ = _ingest([corpus], tmp / "out")
    rows = {Path(s).stem: r for s, r in _rows(tmp / "out").items()}
    few, many = rows["two-nuls"], rows["many-nuls"]
    ok = few["text"] == ARTICLE and "removed 2 NUL byte(s)" in json.loads(few["notes"]) and many["status"] == "error"
    return ok, f"exit {rc}; 2 NULs: {few['status']} {json.loads(few['notes'])}; 4000 NULs: {_short(many['error'], 50)}"


@_in_tmp
def unread_files_in_directory(tmp: Path) -> tuple[bool, str]:
    corpus = tmp / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(tmp / "gone.txt", corpus / "link.txt")
    (corpus / "data.bin").write_bytes(bytes(range(256)) * 64)
    rc, stderr, _ = _ingest([corpus], tmp / "out")
    stats = subprocess.run([*CLI, "stats", "--db", str(tmp / "out" / "dateline.duckdb")], capture_output=True,
                           text=True, env=os.environ.copy())
    shown = " ".join((stats.stdout + stats.stderr).split())
    rows = {Path(s).name: r["status"] for s, r in _rows(tmp / "out").items()}
    ok = (rc == 1 and rows == {"good.txt": "ok", "link.txt": "error", "data.bin": "skipped"}
          and "link.txt" in shown and "data.bin" in shown and "1 skipped" in stderr and "1 errors" in stderr)
    return ok, f"exit {rc}; {rows}; in stats: {'link.txt' in shown and 'data.bin' in shown}"


CASES: list[Case] = [
    Case("1", "UTF-16/UTF-32 text and JSONL", utf16_files),
    Case("2", "Chinese and Japanese articles", cjk_articles),
    Case("3", "stray byte in UTF-8; cp1252 file", stray_byte_and_cp1252),
    Case("4", "204 KB gzip of 210M newlines", newline_bomb),
    Case("4", "100k JSONL records without text", bad_line_flood),
    Case("5", "gzip of 600k duplicate lines", duplicate_flood),
    Case("+", "HTML nested 300 and 3000 deep", deep_html),
    Case("+", "a few NUL bytes vs many", nul_bytes),
    Case("+", "broken link, binary file in a dir", unread_files_in_directory),
]
