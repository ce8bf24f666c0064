"""The `dateline` command a person expects: --version, bad inputs refused at once, progress lines, stats."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

import dateline
import dateline.cli.main as cli
from dateline.cli.main import app
from dateline.pipeline import STEP_DOCUMENTS, RunSummary
from tests.export.corpus import build


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"dateline {dateline.__version__}"


@pytest.mark.parametrize("command", ["run", "ingest"])
def test_a_missing_input_is_a_usage_error_before_anything_loads(command, tmp_path, monkeypatch):
    def must_not_run(*args, **kwargs):
        raise AssertionError("the pipeline (and its models) must not start")

    monkeypatch.setattr(cli, "run_corpus", must_not_run)
    (tmp_path / "real.txt").write_text("Protesters gathered in Basra on Monday.", encoding="utf-8")
    result = CliRunner().invoke(app, [command, str(tmp_path / "real.txt"), str(tmp_path / "typo.txt"),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "no such file or directory" in result.output and "typo.txt" in result.output
    assert not (tmp_path / "out").exists()


def fake_run(*, documents: int, steps: list[str]):
    """A stand-in for run_corpus that reports documents and steps as the real one does, in no time."""

    def run_corpus(inputs, *, progress=None, step=None, **kwargs) -> RunSummary:
        step(STEP_DOCUMENTS)
        for _ in range(documents):
            progress(1, 100)
        for name in steps:
            step(name)
        return RunSummary(ok=documents, words=100 * documents)

    return run_corpus


def test_without_a_terminal_progress_is_plain_lines_with_total_eta_and_steps(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Report number {i}.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\n', encoding="utf-8")
    monkeypatch.setattr(cli, "run_corpus", fake_run(documents=5, steps=["linking entities across documents",
                                                                        "writing the report"]))
    monkeypatch.setenv("DATELINE_PROGRESS_SECONDS", "0")
    result = CliRunner().invoke(app, ["run", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if re.match(r"\[\d\d:\d\d:\d\d\] ", line)]
    assert lines[0].endswith(f"step: {STEP_DOCUMENTS}")
    assert any(f"{STEP_DOCUMENTS}: 2/5 documents (40%)" in line and "ETA" in line for line in lines), lines
    assert any(f"{STEP_DOCUMENTS}: 5/5 documents (100%)" in line for line in lines)
    assert lines[-3].endswith("step: linking entities across documents") and lines[-2].endswith("step: writing the report")
    assert "finished in" in lines[-1]


def test_plain_lines_are_periodic_not_one_per_document(tmp_path, monkeypatch):
    (tmp_path / "a.jsonl").write_text("".join(f'{{"text": "report {i}"}}\n' for i in range(50)), encoding="utf-8")
    monkeypatch.setattr(cli, "run_corpus", fake_run(documents=50, steps=[]))
    monkeypatch.setenv("DATELINE_PROGRESS_SECONDS", "3600")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "a.jsonl"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.count("documents (") == 0  # none due within the hour: no line per document


def test_stats_breaks_the_events_down_and_explains_them(tmp_path):
    db = build(tmp_path / "dateline.duckdb")
    result = CliRunner().invoke(app, ["stats", "--db", str(db)], terminal_width=200)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "events: 6 event mentions (one per report in one document" in text
    assert "reportable (told as fact" in text and "4 of 6" in text
    assert "dates: 2019-02-25 to 2019-04-30" in text
    assert re.search(r"Battles │ Armed clash │ 2 │ 1", text) and re.search(r"Syria │ 4 │ 3", text)
    assert re.search(r"Cyprus │ 2 │ 1", text)


def test_stats_and_export_refuse_a_missing_store(tmp_path):
    for command in (["stats"], ["export", "--out", str(tmp_path / "x")]):
        result = CliRunner().invoke(app, [*command, "--db", str(tmp_path / "none.duckdb")])
        assert result.exit_code == 2 and "no store at" in result.output
