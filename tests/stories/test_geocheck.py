"""Geography checks: river adjacency in its common phrasings, distances from the place the claim names."""

from __future__ import annotations

import pytest

from dateline.geo.rivers import PackagedRivers
from dateline.stories.geocheck import PlacedMention, check_document, default_rivers, river_claims

# An invented river running north-south along lon 10.0, from lat 40 to 42.
RIVERS = PackagedRivers({"source": "test lines", "rivers": [
    {"name": "Sorrel", "names": ["Nahr Sorrel"], "lines": [[[10.0, 40.0], [10.0, 41.0], [10.0, 42.0]]]}]})
ON_RIVER = (41.0, 10.05)  # ~4 km from the line
FAR = (41.0, 12.0)  # ~168 km east of it


def place(text: str, sentence: str, name: str, at: tuple[float, float], *, pid: str = "", feature: str = "P.PPL",
          confidence: float = 0.9, qualifier: str | None = None, nth: int = 0) -> PlacedMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return PlacedMention(start, start + len(name), name, pid or f"gn:{abs(hash(name)) % 10_000}", at[0], at[1],
                         feature, confidence, qualifier)


def run(text: str, mentions: list[PlacedMention], rivers=RIVERS) -> list[dict]:
    return check_document("d1", text, [(0, len(text))], mentions, rivers=rivers)


@pytest.mark.parametrize("sentence", [
    "Brelin, on the Sorrel, lost power for a week.",
    "Brelin lies on the Sorrel river, two hours from the coast.",
    "Brelin straddles the Sorrel, its two halves joined by one bridge.",
    "Brelin, a city on the banks of the Sorrel, took in the displaced.",
    "Troops took Brelin in March and now fight for the western side of the Sorrel river.",
])
def test_river_phrasings_flag_a_place_far_from_the_river(sentence):
    rows = run(sentence, [place(sentence, sentence, "Brelin", FAR)])
    assert len(rows) == 1
    row = rows[0]
    assert row["kind"] == "river" and row["subject"].startswith("Brelin")
    evidence = row["evidence"]
    assert evidence["river"] == "Sorrel" and evidence["geometry"] == "test lines"
    assert 160 < evidence["computed_km"] < 175 and evidence["tolerance_km"] == 30.0
    assert evidence["place"]["lat"] == FAR[0] and evidence["nearest_point"]["lon"] == pytest.approx(10.0)


@pytest.mark.parametrize("sentence", [
    "Brelin, on the Sorrel, lost power for a week.",
    "Brelin straddles the Sorrel, its two halves joined by one bridge.",
    "Troops took Brelin in March and now fight for the western side of the Sorrel river.",
])
def test_true_river_statements_are_not_flagged(sentence):
    assert run(sentence, [place(sentence, sentence, "Brelin", ON_RIVER)]) == []


@pytest.mark.parametrize("sentence", [
    "Brelin, on the Sorrel front, was shelled overnight.",  # a front line named after the river
    "Brelin sent volunteers to the Sorrel Shield operation.",
    "Brelin, on the Marrow river, lost power.",  # a river the index does not know: nothing to measure
    "Brelin lies west of the Sorrel.",  # not a claim of lying on it
])
def test_what_is_not_a_river_claim_is_not_checked(sentence):
    assert run(sentence, [place(sentence, sentence, "Brelin", FAR)]) == []


def test_a_river_claim_uses_only_settlements_placed_surely():
    sentence = "Brelin, on the Sorrel, lost power for a week."
    unsure = place(sentence, sentence, "Brelin", FAR, confidence=0.3)
    country = place(sentence, sentence, "Brelin", FAR, feature="A.PCLI")
    assert run(sentence, [unsure]) == [] and run(sentence, [country]) == []


def test_alternate_river_names_find_the_same_lines():
    claims = river_claims("Brelin, on the Nahr Sorrel, lost power.", RIVERS)
    assert [c.river for c in claims] == ["Nahr Sorrel"]


def test_repeated_name_missed_by_recognition_is_still_the_subject():
    text = "Brelin was quiet. Brelin lies on the Sorrel river."
    first = place(text, text, "Brelin", FAR)  # only the first occurrence was recognized
    rows = check_document("d1", text, [(0, 17), (18, len(text))], [first], rivers=RIVERS)
    assert len(rows) == 1 and rows[0]["sources"][0]["start"] == 18


def _offset_case(text: str, subject_at: tuple[float, float]) -> list[PlacedMention]:
    anchor = (41.0, 10.0)
    offset = "50 km west of Caldera"
    start = text.index(offset)
    return [place(text, text, "Ostvik", subject_at),
            PlacedMention(start, start + len(offset), offset, "off:abc", 41.0, 9.405, None, 0.85, "50 km W of"),
            place(text, text, "Valdren", (44.0, 12.0), feature="A.PCLI", pid="gn:1"),
            place(text, text, "Caldera", anchor, pid="gn:2", nth=1)]


def test_distance_is_measured_from_the_place_the_claim_names_not_the_country():
    text = "Ostvik lies about 50 km west of Caldera, the largest town in Valdren. Caldera is calm."
    assert run(text, _offset_case(text, (41.02, 9.41))) == []  # true: ~50 km west of Caldera


def test_a_wrong_distance_is_flagged_with_its_reference():
    text = "Ostvik lies about 50 km west of Caldera, the largest town in Valdren. Caldera is calm."
    rows = run(text, _offset_case(text, (41.0, 11.2)))  # really ~100 km east
    assert len(rows) == 1
    evidence = rows[0]["evidence"]
    assert evidence["reference"]["name"] == "Caldera" and evidence["reference"]["place"] == "gn:2"
    assert evidence["reference"]["lat"] == 41.0 and evidence["stated_km"] == 50.0
    assert evidence["stated_direction"] == "W" and 95 < evidence["computed_km"] < 106
    assert "coordinates give a bearing" in rows[0]["note"] and "stated 50 km" in rows[0]["note"]


def test_reference_without_its_own_mention_comes_from_the_offset_point():
    text = "Ostvik lies about 50 km west of Caldera."
    start = text.index("50 km")
    mentions = [place(text, text, "Ostvik", (41.0, 11.2)),
                PlacedMention(start, len(text) - 1, "50 km west of Caldera", "off:abc", 41.0, 9.405, None, 0.85,
                              "50 km W of")]
    rows = run(text, mentions)
    assert len(rows) == 1
    ref = rows[0]["evidence"]["reference"]
    assert ref["from"] == "offset" and ref["lon"] == pytest.approx(10.0, abs=0.01)


def test_distance_to_a_country_is_not_measured_from_its_centroid():
    text = "Ostvik, 40 km north of Valdren's border, was shelled."
    mentions = [place(text, text, "Ostvik", (41.0, 11.2)),
                place(text, text, "Valdren", (44.0, 12.0), feature="A.PCLI", pid="gn:1")]
    assert run(text, mentions) == []


def test_default_rivers_know_the_euphrates_and_the_tigris_without_an_import(tmp_path):
    rivers = default_rivers(str(tmp_path / "no-index.sqlite"))
    mosul = (36.34, 43.13)
    wrong = "Mosul, on the Euphrates, is Iraq's second city."
    right = "Mosul, on the Tigris, is Iraq's second city."
    flags = run(wrong, [place(wrong, wrong, "Mosul", mosul)], rivers=rivers)
    assert len(flags) == 1 and flags[0]["evidence"]["computed_km"] > 150
    assert "Natural Earth" in flags[0]["evidence"]["geometry"]
    assert run(right, [place(right, right, "Mosul", mosul)], rivers=rivers) == []
    raqqa = "Raqqa, on the Al Furat, was encircled."  # Natural Earth's Syrian name of the Euphrates
    assert run(raqqa, [place(raqqa, raqqa, "Raqqa", (35.95, 39.01))], rivers=rivers) == []


def test_imported_geometry_adds_to_the_packaged_lines_and_never_hides_them(tmp_path):
    import json

    from dateline.stories.geocheck import ChainedRivers, GeoJSONRivers

    partial = tmp_path / "partial.json"  # an imported file that knows only a far stretch of the Sorrel
    partial.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Sorrel"},
         "geometry": {"type": "LineString", "coordinates": [[20.0, 50.0], [20.0, 51.0]]}}]}))
    rivers = ChainedRivers([GeoJSONRivers(partial), RIVERS])
    sentence = "Brelin, on the Sorrel, lost power for a week."
    assert run(sentence, [place(sentence, sentence, "Brelin", ON_RIVER)], rivers=rivers) == []
    [row] = run(sentence, [place(sentence, sentence, "Brelin", FAR)], rivers=rivers)
    assert row["evidence"]["geometry"] == "GeoJSON file partial.json; test lines"


def test_reference_named_only_inside_the_offset_is_found_in_another_sentence():
    text = "Caldera is calm. Ostvik lies about 50 km west of Caldera."
    start = text.index("50 km")
    mentions = [place(text, text, "Caldera", (41.0, 10.0), pid="gn:2"), place(text, text, "Ostvik", (41.0, 11.2)),
                PlacedMention(start, len(text) - 1, "50 km west of Caldera", "off:abc", 41.0, 9.405, None, 0.85,
                              "50 km W of")]
    [row] = check_document("d1", text, [(0, 16), (17, len(text))], mentions, rivers=RIVERS)
    assert row["evidence"]["reference"] == {"name": "Caldera", "place": "gn:2", "lat": 41.0, "lon": 10.0,
                                            "from": "mention"}


@pytest.mark.parametrize("sentence", [
    "Families fled from Brelin to camps on the Sorrel.",
    "Troops left Brelin and camped on the Sorrel.",
])
def test_a_river_claim_about_something_else_in_the_sentence_is_not_the_places(sentence):
    assert run(sentence, [place(sentence, sentence, "Brelin", FAR)]) == []


def test_an_offset_about_something_else_is_not_the_last_places():
    text = "Clashes near Ostvik and at a village 50 km west of Caldera."
    start = text.index("50 km")
    mentions = [place(text, text, "Ostvik", (41.0, 11.2)),
                PlacedMention(start, len(text) - 1, "50 km west of Caldera", "off:abc", 41.0, 9.405, None, 0.85,
                              "50 km W of")]
    assert run(text, mentions) == []


@pytest.mark.parametrize("sentence", [
    "Brelin, on the Sorrel website, posted the notice.",
    "Brelin, on the Sorrel's website, posted the notice.",
    "Brelin, on the Sorrel border, was shelled.",
])
def test_a_bare_river_name_followed_by_a_noun_is_something_else(sentence):
    assert run(sentence, [place(sentence, sentence, "Brelin", FAR)]) == []


def test_after_bank_of_the_river_any_word_may_follow():
    sentence = "Brelin fell when units advancing along the southern bank of the Sorrel cut the road."
    [row] = run(sentence, [place(sentence, sentence, "Brelin", FAR)])
    assert row["evidence"]["phrase"] == "along the southern bank of the Sorrel"


def test_a_side_of_a_bare_river_name_may_be_followed_by_any_word():
    sentence = "Brelin's defenders say the western side of the Sorrel remains theirs."
    [row] = run(sentence, [place(sentence, sentence, "Brelin", FAR)])
    assert row["evidence"]["phrase"] == "western side of the Sorrel"
