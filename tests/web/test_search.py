"""Search over the full-text index: aliases, diacritics, transliterations, highlight offsets, filters, freshness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.model import Document, Entity, Event, EventPlace, Participant, Place, PlaceMention, Span
from dateline.store.duckdb_store import Store
from dateline.store.search_index import index_path, refresh
from dateline.web.search import EventFilters, search

# Invented reports; the town is written four ways across them.
TEXTS = {
    "d-river": "Fighters of the Syrian Democratic Forces entered Al Mayādīn on Tuesday after heavy shelling, "
               "a commander said. Twelve people were killed in the town.",
    "d-wire": "Residents of Mayadeen said the market had been closed for a week. Prices of bread doubled.",
    "d-bridge": "The SDF said its units crossed the bridge at Deir ez-Zor at dawn. No one was hurt.",
    "d-other": "Farmers near Homs said the harvest was the best in years. The rains came early.",
}
PUBLISHED = {"d-river": "2019-02-12", "d-wire": "2019-02-20", "d-bridge": "2019-03-01", "d-other": "2018-09-01"}
MAYADIN = Place("p-mayadin", "Al Mayādīn", 35.02, 40.45, "SY", "P.PPL", None, "09", 0.9)


def _span(doc: str, needle: str) -> tuple[int, int]:
    start = TEXTS[doc].index(needle)
    return start, start + len(needle)


def _sentence(doc: str) -> Span:
    text = TEXTS[doc]
    end = text.index(". ") + 1
    return Span(doc, 0, end, text[:end])


def _documents() -> list[Document]:
    battle = Event("ev-d-river-0", "FIGHT", "entered", (_sentence("d-river"),), acled="Armed clash",
                   actors=(Participant("Fighters of the Syrian Democratic Forces", canonical="Syrian Democratic Forces"),),
                   date="2019-02-12", date_precision="day", place=EventPlace("Al Mayādīn", 35.02, 40.45, "p-mayadin"),
                   fatalities=12, summary="SDF fighters enter Al Mayādīn", confidence=0.8, reportable=True,
                   country="SY")
    crossing = Event("ev-d-bridge-0", "MOBILIZE", "crossed", (_sentence("d-bridge"),), acled="Non-violent transfer",
                     actors=(Participant("SDF", canonical="Syrian Democratic Forces"),), date="2019-03-01",
                     date_precision="day", summary="SDF crosses the bridge at Deir ez-Zor", confidence=0.4,
                     reportable=False, modality="claimed", country="SY")
    docs = []
    for doc, text in TEXTS.items():
        events = {"d-river": (battle,), "d-bridge": (crossing,)}.get(doc, ())
        places = ()
        if "Mayādīn" in text:
            places = (PlaceMention(doc, *_span(doc, "Al Mayādīn"), "Al Mayādīn", "p-mayadin", 0.9),)
        docs.append(Document(id=doc, source=f"{doc}.txt", title=None, outlet="Test Wire", published=PUBLISHED[doc],
                             language="en", text=text, places=places, place_records=(MAYADIN,) if places else (),
                             events=events))
    return docs


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    db = tmp_path_factory.mktemp("search") / "dateline.duckdb"
    store = Store(db)
    store.write_documents(_documents(), pipeline="test")
    sdf = Entity("e-sdf", "Syrian Democratic Forces", "ORG", ("SDF", "Syrian Democratic Forces"), ())
    store.replace_entities([sdf], {})
    refresh(store.con, index_path(db))
    yield store, index_path(db)
    store.close()


def _ids(result: dict, kind: str) -> list[str]:
    return [i["id"] for i in result[kind]["items"]]


@pytest.mark.parametrize("typed", ["Mayadin", "mayādīn", "Al-Mayadeen", "Meyadin", "al mayadin"])
def test_alternate_spellings_find_the_town(indexed: tuple[Store, Path], typed: str) -> None:
    store, path = indexed
    result = search(store.con, path, typed)
    assert set(_ids(result, "documents")) == {"d-river", "d-wire"}
    assert _ids(result, "places") == ["p-mayadin"] and _ids(result, "events") == ["ev-d-river-0"]


def test_highlights_are_offsets_into_the_cleaned_text(indexed: tuple[Store, Path]) -> None:
    store, path = indexed
    items = {i["id"]: i for i in search(store.con, path, "Al-Mayadeen")["documents"]["items"]}
    for doc, word in (("d-river", "Mayādīn"), ("d-wire", "Mayadeen")):
        snippet = items[doc]["snippet"]
        assert TEXTS[doc][snippet["start"]:snippet["end"]] == snippet["text"]
        assert [TEXTS[doc][h["start"]:h["end"]] for h in snippet["highlights"]] == [word]
    event = search(store.con, path, "Mayadin")["events"]["items"][0]
    assert [(h["doc"], TEXTS[h["doc"]][h["start"]:h["end"]]) for h in event["highlights"]] == [("d-river", "Mayādīn")]


def test_an_alias_finds_the_full_name_and_back(indexed: tuple[Store, Path]) -> None:
    store, path = indexed
    result = search(store.con, path, "SDF")
    assert set(_ids(result, "documents")) == {"d-river", "d-bridge"} and _ids(result, "entities") == ["e-sdf"]
    river = next(i for i in result["documents"]["items"] if i["id"] == "d-river")
    assert [TEXTS["d-river"][h["start"]:h["end"]] for h in river["snippet"]["highlights"]] == ["Syrian Democratic Forces"]
    assert set(_ids(search(store.con, path, "syrian democratic forces"), "documents")) == {"d-river", "d-bridge"}


def test_every_word_must_match(indexed: tuple[Store, Path]) -> None:
    store, path = indexed
    assert _ids(search(store.con, path, "SDF bridge"), "documents") == ["d-bridge"]
    assert _ids(search(store.con, path, "Mayadin harvest"), "documents") == []
    assert _ids(search(store.con, path, "Deir al-Zour"), "documents") == ["d-bridge"]  # ez-Zor, transliterated


def test_the_last_word_may_be_unfinished(indexed: tuple[Store, Path]) -> None:
    store, path = indexed
    assert set(_ids(search(store.con, path, "Mayad"), "documents")) == {"d-river", "d-wire"}
    result = search(store.con, path, "police bridg")
    assert _ids(result, "documents") == [] and _ids(search(store.con, path, "SDF bridg"), "documents") == ["d-bridge"]
    hit = search(store.con, path, "SDF bridg")["documents"]["items"][0]["snippet"]
    assert "bridge" in [TEXTS["d-bridge"][h["start"]:h["end"]] for h in hit["highlights"]]
    assert _ids(search(store.con, path, "bridg "), "documents") == []  # a finished word is a whole word
    assert _ids(search(store.con, path, "bri"), "documents") == []  # too short to be a prefix


@pytest.mark.parametrize(("filters", "expected"), [
    (EventFilters(actor="SDF"), ["ev-d-river-0", "ev-d-bridge-0"]),
    (EventFilters(actor="SDF", reportable=True), ["ev-d-river-0"]),
    (EventFilters(date_from="2019-02-20"), ["ev-d-bridge-0"]),
    (EventFilters(date_to="2019-02"), ["ev-d-river-0"]),
    (EventFilters(type="armed clash"), ["ev-d-river-0"]),
    (EventFilters(type="MOBILIZE", modality="claimed"), ["ev-d-bridge-0"]),
    (EventFilters(fatalities=10), ["ev-d-river-0"]),
    (EventFilters(country="sy", fatalities=13), []),
    (EventFilters(country="Syria", fatalities=12), ["ev-d-river-0"]),
    (EventFilters(country="Iraq"), []),
])
def test_event_filters_without_words(indexed: tuple[Store, Path], filters: EventFilters, expected: list[str]) -> None:
    store, path = indexed
    assert _ids(search(store.con, path, "", filters=filters), "events") == expected


def test_the_app_says_when_its_index_is_behind_and_catches_up(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from dateline.web.app import create_app

    db = tmp_path / "dateline.duckdb"
    with Store(db) as store:
        store.write_documents(_documents(), pipeline="test")
    with TestClient(create_app(db, token=None), base_url="http://127.0.0.1") as client:
        app_searcher = client.app.state.searcher  # type: ignore[attr-defined]
        assert client.get("/api/search?q=Mayadeen").json()["index"]["fresh"] is True
        index_path(db).unlink()  # the index lost: answers must not pretend
        assert client.get("/api/search?q=Mayadeen").json()["index"]["fresh"] is False
        app_searcher.wait(30)
        again = client.get("/api/search?q=Mayadeen").json()
        assert again["index"]["fresh"] is True and again["total"] == 2
