from __future__ import annotations

import pytest

from dateline.cli.gazetteer import app
from dateline.geo import Gazetteer, ensure_embedded
from dateline.geo.gazetteer import default_index_path


@pytest.mark.slow
def test_embedded_index_builds_in_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    path = ensure_embedded()
    assert path.parent == tmp_path and path == default_index_path()
    mtime = path.stat().st_mtime_ns
    assert ensure_embedded() == path and path.stat().st_mtime_ns == mtime  # stamp unchanged: no rebuild
    with Gazetteer(path) as gaz:
        mosul = next(e for e, _kind in gaz.lookup("mosul") if e.feature and e.feature.startswith("P."))
        assert abs(mosul.lat - 36.34) < 0.2
        assert gaz.lookup("united states")[0][0].feature == "A.PCLI"
        assert ("EG", None) in gaz.regions["egypt"]  # "Alexandria, Egypt": a country is a containment cue too


@pytest.mark.slow
def test_two_processes_building_one_index_both_succeed(tmp_path):
    """Two runs started together on a fresh machine: the second waits for the first one's build."""
    import subprocess
    import sys

    index = tmp_path / "race.sqlite"
    code = "import sys; from dateline.geo import ensure_embedded; ensure_embedded(sys.argv[1])"
    runs = [subprocess.Popen([sys.executable, "-c", code, str(index)], stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    errors = [run.communicate(timeout=600)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    with Gazetteer(index) as gaz:
        assert gaz.lookup("mosul")


def test_cli_import_and_info(geo_files, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import dateline.cli.gazetteer as cli

    monkeypatch.setattr(cli, "ensure_embedded", lambda db=None, force=False: db)
    db = tmp_path / "cli.sqlite"
    result = CliRunner().invoke(app, ["import", str(geo_files / "XX.txt"), str(geo_files / "extra.csv"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["info", "--db", str(db), "--json"])
    assert result.exit_code == 0
    assert '"geonames:XX.txt"' in result.output
