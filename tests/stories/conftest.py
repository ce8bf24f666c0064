"""Hand-built documents, events and figures for the stories tests (no model, no shared data)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dateline.model import (
    Document,
    Event,
    EventPlace,
    Figure,
    Mention,
    Participant,
    Place,
    PlaceMention,
    Span,
)
from dateline.store.duckdb_store import Store
from dateline.stories import features

SENTENCE = re.compile(r"[^.!?]+[.!?]")
ENTITY_WORDS = {"Valmora": "GPE", "Riverton": "GPE", "Lorenzo Vidal": "PERSON", "Red Cross": "ORG",
                "Harlow": "GPE", "United": "ORG", "Marco Silva": "PERSON", "Brenn": "GPE"}
PLACES = {"Valmora": ("dl:valmora", 40.0, -3.0), "Riverton": ("dl:riverton", 41.0, 2.0),
          "Harlow": ("dl:harlow", 51.77, 0.1), "Brenn": ("dl:brenn", 40.05, -3.05)}


@pytest.fixture(autouse=True)
def _no_embeddings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Lexical features only: the default test run needs no torch (embeddings have their own test)."""
    monkeypatch.setenv("DATELINE_NO_EMBEDDINGS", "1")
    features._embedder.cache_clear()
    yield
    features._embedder.cache_clear()


def make_doc(doc_id: str, text: str, *, published: str, outlet: str, title: str | None = None,
             events: tuple[Event, ...] = (), figures: tuple[Figure, ...] = ()) -> Document:
    """A document with sentences, entity and place mentions found by exact string match."""
    sentences = tuple((m.start() + (len(m.group()) - len(m.group().lstrip())), m.end()) for m in SENTENCE.finditer(text))
    mentions, places, records = [], [], {}
    for name, label in ENTITY_WORDS.items():
        for m in re.finditer(re.escape(name), text):
            mentions.append(Mention(m.start(), m.end(), name, label, canonical=name))
            if name in PLACES:
                pid, lat, lon = PLACES[name]
                places.append(PlaceMention(doc_id, m.start(), m.end(), name, pid, 0.9))
                records[pid] = Place(pid, name, lat, lon, "XX", "P.PPL", None, None, 0.9)
    return Document(id=doc_id, source=f"test/{doc_id}", title=title, outlet=outlet, published=published, text=text,
                    language="en", sentences=sentences, mentions=tuple(mentions), places=tuple(places),
                    place_records=tuple(records.values()), events=events, figures=figures)


def sentence_span(doc_id: str, text: str, needle: str) -> Span:
    """The provenance span of the sentence containing ``needle``."""
    pos = text.index(needle)
    start = max(text.rfind(". ", 0, pos) + 2, 0) if text.rfind(". ", 0, pos) >= 0 else 0
    end = text.index(".", pos) + 1
    return Span(doc_id, start, end, text[start:end])


def make_event(event_id: str, span: Span, *, type_: str = "ASSAULT", date: str = "2024-03-02",
               fatalities: int | None = None, place: str = "Valmora", actor: str = "gunmen") -> Event:
    pid, lat, lon = PLACES[place]
    return Event(id=event_id, type=type_, trigger="attack", sources=(span,), date=date, date_precision="day",
                 place=EventPlace(place, lat, lon, pid), fatalities=fatalities, actors=(Participant(actor),),
                 confidence=0.9, reportable=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "t.duckdb") as opened:
        yield opened


@pytest.fixture
def write(store: Store) -> Callable[..., None]:
    def _write(*docs: Document) -> None:
        store.write_documents(list(docs), pipeline="test")
    return _write
