"""Counting the documents of a run beforehand, for the progress total (cli/progress.py)."""

from __future__ import annotations

import gzip
import json

from dateline.cli.progress import _duration, count_documents


def test_files_lines_and_array_items_are_counted(tmp_path):
    (tmp_path / "a.txt").write_text("One report.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Another.</p>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n', encoding="utf-8")
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write('{"text": "x"}\n{"text": "y"}\n')
    (tmp_path / "e.json").write_text(json.dumps([{"text": "x"}, {"text": "y"}]), encoding="utf-8")
    (tmp_path / "f.json").write_text("{broken", encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 1 + 1 + 3 + 2 + 2 + 1
    assert count_documents([str(tmp_path / "a.txt"), str(tmp_path / "c.jsonl")]) == 4
    assert count_documents([str(tmp_path)], include=["*.txt"]) == 1


def test_stdin_and_urls_have_no_total(tmp_path):
    assert count_documents(["-"]) is None
    assert count_documents([str(tmp_path), "https://news.example/a"]) is None


def test_durations_read_as_a_person_would_write_them():
    assert (_duration(42), _duration(430), _duration(7300)) == ("42s", "7m10s", "2h01m")


def test_on_a_terminal_the_bar_shows_total_eta_and_named_steps():
    import io

    from rich.console import Console

    from dateline.cli.progress import run_display
    from dateline.pipeline import STEP_DOCUMENTS

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=160, color_system=None)
    with run_display(console, 4) as display:
        display.step(STEP_DOCUMENTS)
        display.documents(3, 900)
        display.step("stories, cross-source event merging, conflicts, timeline")
    text = screen.getvalue()
    assert f"{STEP_DOCUMENTS}" in text and "4/4 docs" in text and "ETA" in text  # done: duplicates were the rest
    assert "stories, cross-source event merging" in text
