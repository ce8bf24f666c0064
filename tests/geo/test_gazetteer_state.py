"""Explicit gazetteer state: an index says what it holds, imports are recorded, the geo stage names its index."""

from __future__ import annotations

from dateline.geo.embedded import embedded_stamp
from dateline.geo.gazetteer import Gazetteer, index_state, state_of
from dateline.geo.importer import import_paths
from dateline.geo.stage import NOTE_PREFIX, GeoStage
from dateline.model import Document
from dateline.settings import Settings
from tests.geo.conftest import current_index


def test_every_import_is_recorded_with_its_hash_and_changes_the_fingerprint(geo_files, tmp_path):
    db = current_index(tmp_path / "corpus.sqlite")
    before = state_of(db, build=False)
    assert before["imports"] == [] and before["fingerprint"].startswith("gz-") and before["default"] is False
    import_paths(db, [geo_files / "extra.csv"])
    after = state_of(db, build=False)
    assert after["fingerprint"] != before["fingerprint"]
    [item] = after["imports"]
    assert item["file"] == "extra.csv" and item["kind"] == "csv" and item["rows"] == 1
    assert len(item["sha1"]) == 40 and item["at"].endswith("Z") and item["bytes"] > 0
    import_paths(db, [geo_files / "rivers.json"])
    assert [i["file"] for i in state_of(db, build=False)["imports"]] == ["extra.csv", "rivers.json"]


def test_the_same_data_gives_the_same_fingerprint_wherever_it_lies(geo_files, tmp_path):
    a, b = current_index(tmp_path / "a.sqlite"), current_index(tmp_path / "b.sqlite")
    for db in (a, b):
        import_paths(db, [geo_files / "extra.csv"])
    assert state_of(a, build=False)["fingerprint"] == state_of(b, build=False)["fingerprint"]


def test_info_lists_imports_and_state(gazetteer):
    info = gazetteer.info()
    assert [i["file"] for i in info["imports"]][:2] == ["admin1CodesASCII.txt", "admin2Codes.txt"]
    assert info["fingerprint"] == index_state(gazetteer.conn, gazetteer.path)["fingerprint"]


def test_missing_index_has_no_fingerprint(tmp_path):
    state = state_of(tmp_path / "none.sqlite", build=False)
    assert state["fingerprint"] is None and state["imports"] == []


def test_geo_stage_signature_and_notes_name_the_index(geo_files, tmp_path):
    db = current_index(tmp_path / "corpus.sqlite")
    import_paths(db, [geo_files / "XX.txt"])
    stage = GeoStage(Settings(gazetteer=str(db)))
    fingerprint = state_of(db, build=False)["fingerprint"]
    assert stage.signature == f"geo.resolve.v1@{fingerprint}"
    doc = stage.process(Document(id="d1", source="t", text="Shops closed in Mosul.", notes=(f"{NOTE_PREFIX}old",)))
    notes = [n for n in doc.notes if n.startswith(NOTE_PREFIX)]
    assert notes == [f"{NOTE_PREFIX}{fingerprint} {db.resolve()}"]
    import_paths(db, [geo_files / "extra.csv"])
    assert GeoStage(Settings(gazetteer=str(db))).signature != f"geo.resolve.v1@{fingerprint}"
    with Gazetteer(db) as gaz:
        assert gaz.state()["fingerprint"] != fingerprint


def test_a_new_named_index_starts_as_a_copy_of_a_clean_default(geo_files, tmp_path, monkeypatch):
    from dateline.geo.gazetteer import CACHE_ENV, default_index_path, seed_from_default

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert seed_from_default(tmp_path / "a.sqlite") is False  # no default index yet
    current_index(default_index_path())
    assert seed_from_default(tmp_path / "a.sqlite") is True
    assert state_of(tmp_path / "a.sqlite", build=False)["embedded_stamp"] == embedded_stamp()
    assert seed_from_default(tmp_path / "a.sqlite") is False  # never over an existing index
    import_paths(default_index_path(), [geo_files / "extra.csv"])
    assert seed_from_default(tmp_path / "b.sqlite") is False  # the default holds imports: build instead
    assert not (tmp_path / "b.sqlite").exists()
