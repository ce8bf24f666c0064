"""End to end through the store: incremental assignment, merging, conflicts, timeline, summary."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.model import Figure
from dateline.settings import Settings
from dateline.stories import GeoJSONRivers, update_stories, write_summary_md

from .conftest import make_doc, make_event, sentence_span

FLOOD_A = ("Floods swept through Valmora on Saturday after the Riverton dam overflowed. "
           "Rescue teams from the Red Cross evacuated hundreds of families from the old quarter of Valmora. "
           "Mayor Lorenzo Vidal said the water rose faster than any flood in living memory.")
FLOOD_B = ("Rescue crews in Valmora searched flooded streets on Sunday as the Riverton dam kept releasing water. "
           "The Red Cross said hundreds of families had left their homes in Valmora. "
           "Lorenzo Vidal, the mayor, asked residents to stay on higher ground.")
FLOOD_C = ("The Red Cross opened three shelters in Valmora for families displaced by the floods. "
           "Lorenzo Vidal said repairs to the Riverton dam would take months. "
           "Rescue teams kept searching the flooded old quarter of Valmora.")
FOOTBALL = ("Harlow United beat their rivals three goals to nil at home on Saturday. "
            "Marco Silva scored twice in the second half for United. "
            "The Harlow crowd sang until the final whistle.")


def test_update_second_batch_joins_story_and_unrelated_starts_new(store, write):
    write(make_doc("d-a", FLOOD_A, published="2024-03-02", outlet="Gazette"),
          make_doc("d-b", FLOOD_B, published="2024-03-03", outlet="Herald"))
    update_stories(store, Settings())
    first = dict(store.con.execute("SELECT doc, story FROM story_documents").fetchall())
    assert first["d-a"] == first["d-b"]
    write(make_doc("d-c", FLOOD_C, published="2024-03-05", outlet="Courier"),
          make_doc("d-f", FOOTBALL, published="2024-03-04", outlet="Sport Daily"))
    counts = update_stories(store, Settings())
    second = dict(store.con.execute("SELECT doc, story FROM story_documents").fetchall())
    assert counts["placed"] == 2
    assert {k: second[k] for k in first} == first  # earlier assignments unchanged
    assert second["d-c"] == first["d-a"]
    assert second["d-f"] != first["d-a"]
    stories = {s["id"]: s for s in store.records("stories")}
    assert sorted(stories[first["d-a"]]["docs"]) == ["d-a", "d-b", "d-c"]
    assert stories[first["d-a"]]["start"] == "2024-03-02"


def test_update_near_duplicate_is_linked_not_counted(store, write):
    copy = FLOOD_A.replace("Saturday", "Saturday morning")
    a = make_doc("d-a", FLOOD_A, published="2024-03-02", outlet="Wire",
                 events=(make_event("e-a", sentence_span("d-a", FLOOD_A, "Floods swept"), fatalities=2),))
    b = make_doc("d-copy", copy, published="2024-03-02", outlet="Reprint",
                 events=(make_event("e-copy", sentence_span("d-copy", copy, "Floods swept"), fatalities=2),))
    write(a, b)
    update_stories(store, Settings())
    row = store.con.execute("SELECT story, duplicate_of FROM story_documents WHERE doc = 'd-copy'").fetchone()
    assert row[1] == "d-a"
    merged = list(store.records("merged_events"))
    assert len(merged) == 1 and merged[0]["independent_sources"] == 1
    assert {s["doc"] for s in merged[0]["sources"]} == {"d-a", "d-copy"}


def _two_outlets(write):
    a_text = FLOOD_A + " Two people were killed when a wall collapsed in Valmora."
    b_text = FLOOD_B + " Three people were killed when a wall collapsed in Valmora on Saturday."
    a_span = sentence_span("d-a", a_text, "Two people")
    b_span = sentence_span("d-b", b_text, "Three people")
    fig_a = Figure("f-a", "d-a", a_span.start, a_span.end, 2, "people killed", as_of="2024-03-02")
    fig_b = Figure("f-b", "d-b", b_span.start, b_span.end, 3, "people killed", as_of="2024-03-02")
    write(make_doc("d-a", a_text, published="2024-03-02", outlet="Gazette", figures=(fig_a,),
                   events=(make_event("e-a", a_span, fatalities=2),)),
          make_doc("d-b", b_text, published="2024-03-03", outlet="Herald", figures=(fig_b,),
                   events=(make_event("e-b", b_span, fatalities=3, place="Brenn"),)))


def test_update_merges_outlets_and_keeps_per_source_fatalities(store, write):
    _two_outlets(write)
    update_stories(store, Settings())
    merged = list(store.records("merged_events"))
    assert len(merged) == 1
    event = merged[0]
    assert event["fatalities"] == 2  # most conservative
    assert sorted((s["outlet"], s["value"]) for s in event["fatalities_by_source"]) == [("Gazette", 2), ("Herald", 3)]
    assert {s["doc"] for s in event["sources"]} == {"d-a", "d-b"}
    stories = {r[0] for r in store.con.execute("SELECT story FROM events").fetchall()}
    assert stories == {event["story"]}
    kinds = {c["kind"] for c in store.records("conflicts")}
    assert {"figure", "fatalities"} <= kinds


def test_update_links_conflicting_figures_both_ways(store, write):
    _two_outlets(write)
    update_stories(store, Settings())
    links = {r[0]: json.loads(r[1]) for r in store.con.execute("SELECT id, conflicts_with FROM figures").fetchall()}
    assert links == {"f-a": ["f-b"], "f-b": ["f-a"]}
    note = next(c for c in store.records("conflicts") if c["kind"] == "figure")
    assert note["conservative"] == 2 and "most conservative: 2" in note["note"]


def test_update_flags_river_contradiction(store, write, tmp_path: Path):
    geojson = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Tamber", "featurecla": "River"},
         "geometry": {"type": "LineString", "coordinates": [[2.0, 40.5], [2.0, 41.5]]}}]}
    path = tmp_path / "rivers.json"
    path.write_text(json.dumps(geojson))
    text = ("Valmora, on the Tamber river, was cut off by the floods. "
            "Riverton, on the banks of the Tamber, stayed dry.")
    write(make_doc("d-r", text, published="2024-03-02", outlet="Gazette"))
    update_stories(store, Settings(), rivers=GeoJSONRivers(path))
    flags = [c for c in store.records("conflicts") if c["kind"] == "river"]
    assert len(flags) == 1  # Valmora (lon -3) is ~420 km from the line; Riverton (lon 2) lies on it
    assert flags[0]["subject"] == "Valmora / Tamber" and "km from its centre line" in flags[0]["note"]
    span = flags[0]["sources"][0]
    assert text[span["start"]:span["end"]].startswith("Valmora, on the Tamber")


def test_update_timeline_orders_by_date_then_importance(store, write):
    a_text = FLOOD_A + " Looters attacked shops in Valmora on Sunday."
    b_text = FLOOD_B + " Looters attacked shops in Valmora on Sunday night."
    day1_a = make_event("e1a", sentence_span("d-a", a_text, "Floods swept"), date="2024-03-02", type_="FIGHT", actor="army")
    day1_b = make_event("e1b", sentence_span("d-b", b_text, "Rescue crews"), date="2024-03-02", type_="FIGHT", actor="army")
    lone = make_event("e2", sentence_span("d-a", a_text, "Mayor Lorenzo"), date="2024-03-02", type_="PROTEST", actor="residents")
    later = make_event("e3", sentence_span("d-a", a_text, "Looters"), date="2024-03-03", type_="ASSAULT", actor="looters")
    write(make_doc("d-a", a_text, published="2024-03-02", outlet="Gazette", events=(day1_a, lone, later)),
          make_doc("d-b", b_text, published="2024-03-03", outlet="Herald", events=(day1_b,)))
    update_stories(store, Settings())
    rows = list(store.records("timeline"))
    assert [r["date"] for r in rows] == ["2024-03-02", "2024-03-02", "2024-03-03"]
    assert [r["rank"] for r in rows] == [1, 2, 1]
    assert {s["doc"] for s in rows[0]["sources"]} == {"d-a", "d-b"}  # two outlets rank first
    for row in rows:
        assert row["text"] and "\n" not in row["text"]


def test_write_summary_md_cites_every_sentence(store, write, tmp_path: Path):
    texts = {"d-a": FLOOD_A, "d-b": FLOOD_B, "d-c": FLOOD_C}
    write(*(make_doc(k, v, published="2024-03-0" + str(i + 2), outlet=f"O{i}") for i, (k, v) in enumerate(texts.items())))
    update_stories(store, Settings())
    out = tmp_path / "summary.md"
    write_summary_md(store, out)
    lines = [line for line in out.read_text().splitlines() if line.startswith("- ")]
    assert lines
    for row in store.records("story_summaries"):
        assert row["sources"]
        for src in row["sources"]:
            assert texts[src["doc"]][src["start"]:src["end"]].strip()
        first = row["sources"][0]
        assert " ".join(texts[first["doc"]][first["start"]:first["end"]].split()) == row["text"]
    assert all("`d-" in line for line in lines)
