"""Smoke test of the TempEval-3 scorer in bench/time.py on a tiny TimeML document written here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2017-04-06" functionInDocument="CREATION_TIME">April 6, 2017</TIMEX3></DCT>
<TEXT>
Ships left <TIMEX3 tid="t1" type="DATE" value="2017-04-04">Tuesday</TIMEX3> &amp; docked
<TIMEX3 tid="t2" type="DATE" value="2017-W13">last week</TIMEX3> after <TIMEX3 tid="t3" type="DURATION" value="P3D">three days</TIMEX3> at sea.
</TEXT>
</TimeML>
"""


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_time", REPO_ROOT / "bench" / "time.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_time"] = module
    spec.loader.exec_module(module)
    return module


def test_parse_timeml_offsets() -> None:
    bench = _bench()
    doc = bench.parse_timeml(TIMEML)
    assert str(doc.dct) == "2017-04-06"
    assert [t.text for t in doc.timexes] == ["Tuesday", "last week", "three days"]  # the DCT is excluded
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    assert "&" in doc.text


def test_scorer_definitions() -> None:
    bench = _bench()
    gold = bench.parse_timeml(TIMEML).timexes
    Timex = bench.Timex
    system = [
        Timex(gold[0].start, gold[0].end, "Tuesday", "DATE", "2017-04-04"),  # strict, right value
        Timex(gold[1].start + 5, gold[1].end, "week", "DATE", "2017-W14"),  # relaxed only, wrong value
        Timex(0, 5, "Ships", "DATE", "2017"),  # false positive
    ]
    counts = bench.Counts()
    bench.score(gold, system, counts)
    result = bench.figures(counts)
    assert result["strict_p"] == round(1 / 3, 4) and result["strict_r"] == round(1 / 3, 4)
    assert result["relaxed_p"] == round(2 / 3, 4) and result["relaxed_r"] == round(2 / 3, 4)
    assert result["value_p"] == round(1 / 3, 4) and result["value_r"] == round(1 / 3, 4)
    assert result["type_accuracy"] == 1.0


def test_tagger_on_tiny_document(tmp_path: Path) -> None:
    bench = _bench()
    (tmp_path / "doc.tml").write_text(TIMEML, encoding="utf-8")
    assert bench.main(["--data", str(tmp_path)]) == 0
