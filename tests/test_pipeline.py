"""End to end: `run_corpus` over a corpus of every input kind, bad inputs, re-runs and resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.pipeline import run_corpus
from dateline.settings import Settings
from dateline.store.duckdb_store import Store

from .conftest import FRENCH

SETTINGS = Settings(jobs=1, batch_size=4)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    from .conftest import ARTICLE_HTML, ARTICLE_ONE, ARTICLE_TWO

    root = tmp_path_factory.mktemp("run")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(ARTICLE_ONE)
    (corpus / "copy-of-one.txt").write_text(ARTICLE_ONE)  # exact duplicate
    (corpus / "two.txt").write_text(ARTICLE_TWO)
    (corpus / "page.html").write_text(ARTICLE_HTML)
    (corpus / "french.txt").write_text(FRENCH)
    (corpus / "empty.txt").write_text("")
    (corpus / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    (corpus / "broken.jsonl").write_text('{"text": "A good line about shelling near the river, residents said."}\n{oops\n')
    out = root / "out"
    summary = run_corpus([str(corpus)], out_dir=out, settings=SETTINGS)
    return corpus, out, summary


def test_run_summary_counts(ran):
    _, _, summary = ran
    assert summary.ok == 4  # one, two, page, the good JSONL line
    assert summary.skipped == 1  # french
    assert summary.errors == 3  # empty, photo, broken JSONL line
    assert summary.duplicates == 1


def test_documents_file_contract(ran):
    _, out, _ = ran
    docs = {d["source"].rsplit("/", 1)[1]: d for d in _jsonl(out / "documents.jsonl")}
    for d in docs.values():
        assert {"id", "source", "title", "outlet", "published", "published_from", "language", "text", "removed", "status"} <= d.keys()
    assert docs["two.txt"]["published"] == "2017-06-20" and docs["two.txt"]["published_from"] == "text"
    assert docs["page.html"]["outlet"] == "Northern Ledger" and docs["page.html"]["published"] == "2017-06-23"
    assert docs["page.html"]["published_from"] == "metadata"
    assert "cookies" not in docs["page.html"]["text"] and "Deir Hafer" in docs["page.html"]["text"]
    assert docs["french.txt"]["status"] == "skipped" and docs["french.txt"]["language"] == "fr"
    assert "English-only" in docs["french.txt"]["error"]
    assert docs["photo.txt"]["status"] == "error" and "JPEG" in docs["photo.txt"]["error"]
    assert docs["empty.txt"]["status"] == "error"


def test_entities_merge_aliases_and_short_forms(ran):
    _, out, _ = ran
    entities = {e["name"]: e for e in _jsonl(out / "entities.jsonl")}
    isis = entities["Islamic State"]
    assert {"Islamic State", "Isis", "IS", "ISIL"} <= set(isis["aliases"])
    assert len({m["doc"] for m in isis["mentions"]}) == 2  # merged across documents
    haddad = entities["Rami Haddad"]
    assert {"Colonel Rami Haddad", "Col Haddad", "Mr Haddad"} <= set(haddad["aliases"])
    unit = next(e for e in entities.values() if "17th division" in e["name"])
    assert unit["part_of"] == entities["Syrian Army"]["id"]  # "the Syrian army's 17th division"


def _spans(out: Path):
    """Every provenance span of every output file, with the file it came from."""
    for entity in _jsonl(out / "entities.jsonl"):
        yield from (("entities", m) for m in entity["mentions"])
    for place in _jsonl(out / "places.jsonl"):
        yield from (("places", m) for m in place["mentions"] if m and m.get("doc"))
    for name in ("times", "quotes", "figures"):
        yield from ((name, r) for r in _jsonl(out / f"{name}.jsonl"))
    for name in ("events", "event_mentions", "timeline"):
        for record in _jsonl(out / f"{name}.jsonl"):
            yield from ((name, s) for s in record["sources"])


def test_every_span_matches_the_text(ran):
    _, out, _ = ran
    texts = {d["id"]: d["text"] for d in _jsonl(out / "documents.jsonl")}
    checked: dict[str, int] = {}
    for name, span in _spans(out):
        text = texts[span["doc"]][span["start"] : span["end"]]
        if name == "figures":  # a figure's span is its sentence, which the record does not repeat
            assert text.strip() and 0 <= span["start"] < span["end"] <= len(texts[span["doc"]])
        else:
            assert text == span["text"], (name, span)
        checked[name] = checked.get(name, 0) + 1
    assert checked["entities"] > 20
    for name in ("places", "times", "quotes", "figures", "events", "event_mentions", "timeline"):
        assert checked.get(name, 0) > 0, f"no {name} spans"


def test_run_writes_every_stage_output(ran):
    _, out, _ = ran
    events = _jsonl(out / "events.jsonl")
    assert events and all(e["type"] and e["sources"] and e["story"] for e in events)
    assert any(e["fatalities"] == 4 for e in events)  # "four soldiers were killed"
    assert any(e["place"] and e["place"]["lat"] is not None for e in events)
    quotes = _jsonl(out / "quotes.jsonl")
    assert any(q["kind"] == "direct" and q["speaker"] == "Rami Haddad" for q in quotes)
    figures = _jsonl(out / "figures.jsonl")
    assert any(f["value"] == 2500 and "fled" in f["unit_or_what"] for f in figures)
    stories = _jsonl(out / "stories.jsonl")
    assert {d for s in stories for d in s["docs"]} == {d["id"] for d in _jsonl(out / "documents.jsonl") if d["status"] == "ok"}
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert summary.count("`d-") >= len(stories)  # every story's sentences cite doc:start-end
    report = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "dateline-manifest" in report and "http://" not in report.split("dateline-manifest")[0]
    assert (out / "report" / "data" / "events-0000.js").exists()


def test_rerun_is_idempotent(ran):
    corpus, out, _ = ran
    before = {p.name: p.read_bytes() for p in out.glob("*.jsonl")}
    summary = run_corpus([str(corpus)], out_dir=out, settings=SETTINGS)
    assert summary.unchanged == 5 and summary.ok == 0 and summary.duplicates == 1
    after = {p.name: p.read_bytes() for p in out.glob("*.jsonl")}
    assert before == after
    with Store(out / "dateline.duckdb", read_only=True) as store:
        assert store.counts()["documents"] == 8


def test_resume_after_kill(tmp_path):
    """kill -9 in the middle of a run, then run again: every document once, none half-written."""
    from .conftest import ARTICLE_ONE

    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"a{i:03d}.txt").write_text(ARTICLE_ONE.replace("Tal Hamra", f"Tal Hamra {i}"))
    out = tmp_path / "out"
    script = ("import sys; from pathlib import Path; from dateline.pipeline import run_corpus; from dateline.settings import Settings;"
              f"run_corpus([{str(corpus)!r}], out_dir=Path({str(out)!r}), settings=Settings(jobs=1, batch_size=2))")
    proc = subprocess.Popen([sys.executable, "-c", script])
    db = out / "dateline.duckdb"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.5)
        if db.exists() and _count_ok(db) >= 6:
            break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    summary = run_corpus([str(corpus)], out_dir=out, settings=SETTINGS)
    assert summary.errors == 0
    assert summary.unchanged + summary.ok == 60 and summary.unchanged > 0
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 60
        dupes = store.con.execute("SELECT count(*) FROM (SELECT doc, start FROM mentions GROUP BY 1, 2 HAVING count(*) > 1)").fetchone()[0]
        assert dupes == 0
    assert len(_jsonl(out / "documents.jsonl")) == 60


def _count_ok(db: Path) -> int:
    import duckdb

    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return 0  # the writer holds the lock; keep waiting
    try:
        return con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    finally:
        con.close()


def test_cli_exit_code_and_stats(ran, tmp_path):
    from typer.testing import CliRunner

    from dateline.cli.main import app

    corpus, _, _ = ran
    out = tmp_path / "cli"
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(corpus), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output  # some inputs failed
    assert "4 ok" in result.output and "3 errors" in result.output
    stats = runner.invoke(app, ["stats", "--db", str(out / "dateline.duckdb")])
    assert stats.exit_code == 0 and "documents" in stats.output and "JPEG" in stats.output
    ingested = runner.invoke(app, ["ingest", str(corpus), "--out", str(tmp_path / "ingest"), "--jobs", "1"])
    assert ingested.exit_code == 1 and "4 ok" in ingested.output
    ingest_docs = _jsonl(tmp_path / "ingest" / "documents.jsonl")
    assert any("Tal Hamra" in d["text"] for d in ingest_docs)
    assert _jsonl(tmp_path / "ingest" / "entities.jsonl") == []  # no language analysis in ingest
    for fmt in ("csv", "parquet", "jsonl"):
        exported = runner.invoke(app, ["export", "--db", str(out / "dateline.duckdb"), "--format", fmt, "--out", str(tmp_path / fmt)])
        assert exported.exit_code == 0, exported.output
        assert (tmp_path / fmt / f"documents.{fmt}").stat().st_size > 0
