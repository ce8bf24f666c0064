"""A small hand-written corpus with events, places, quotes, figures, stories and a hostile article."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.model import (
    Document,
    Event,
    EventPlace,
    Figure,
    Mention,
    Participant,
    Place,
    PlaceMention,
    Quote,
    Span,
)
from dateline.pipeline import relink_entities
from dateline.store.duckdb_store import Store

PIPELINE = "test"

TEXT_A = (
    "Government troops retook the village of Tal Hamra on Tuesday after a two-day battle with militants. "
    "\"We entered at first light and the fighters ran,\" said Colonel Rami Haddad. "
    "Four soldiers were killed in the fighting near Raqqa. "
    "About 2,500 people fled towards Ain Issa, the IOM said."
)
TEXT_B = (
    "Coalition aircraft struck positions held by Islamic State near Tabqa on Monday. "
    "The strikes destroyed two boats on the southern bank of the lake. "
    "Thousands of protesters marched in Baghdad on Friday to demand better services. "
    "\"We will not leave the streets,\" said organiser Layla Hassan."
)
# Untrusted article text: nothing here may execute in the report or the app.
TEXT_HOSTILE = (
    "<script>window.__pwned = 1; alert('x')</script> Militants attacked a checkpoint in Mosul on Sunday. "
    "<img src=x onerror=\"window.__pwned=2\"> Two police officers were killed. "
    "\"<b>bold</b> <script>window.__pwned=3</script> we deny it,\" said spokesman </script><script>window.__pwned=4</script>."
)


def span(doc: str, text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(doc, start, start + len(needle), needle)


def sentence(doc: str, text: str, needle: str) -> Span:
    """The sentence containing ``needle`` (sentences end with '. ')."""
    at = text.index(needle)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    return Span(doc, start, end, text[start:end])


PLACES = {
    "p-talhamra": Place("p-talhamra", "Tal Hamra", 35.95, 38.75, "SY", "P.PPL", None, None, 0.8),
    "p-raqqa": Place("p-raqqa", "Raqqa", 35.95, 39.01, "SY", "P.PPLA", 163915, "04", 0.95),
    "p-tabqa": Place("p-tabqa", "Tabqa", 35.84, 38.55, "SY", "P.PPL", 164000, None, 0.9),
    "p-baghdad": Place("p-baghdad", "Baghdad", 33.34, 44.40, "IQ", "P.PPLC", 98182, None, 0.99),
    "p-mosul": Place("p-mosul", "Mosul", 36.34, 43.13, "IQ", "P.PPLA", 99072, None, 0.97),
}


def _doc_a() -> Document:
    d, t = "d-a", TEXT_A
    s_battle = sentence(d, t, "Tal Hamra")
    s_killed = sentence(d, t, "Four soldiers")
    return Document(
        id=d, source="a.txt", title="Troops retake Tal Hamra", outlet="Example News", published="2017-04-04",
        language="en", text=t,
        mentions=(Mention(*_se(t, "Rami Haddad"), "Rami Haddad", "PERSON", "Rami Haddad"),
                  Mention(*_se(t, "IOM"), "IOM", "ORG", "IOM")),
        places=(PlaceMention(d, *_se(t, "Tal Hamra"), "Tal Hamra", "p-talhamra", 0.8),
                PlaceMention(d, *_se(t, "Raqqa"), "Raqqa", "p-raqqa", 0.95)),
        place_records=(PLACES["p-talhamra"], PLACES["p-raqqa"]),
        events=(
            Event("ev-battle", "FIGHT", "battle", (s_battle,), mode="firearms", acled="Armed clash",
                  actors=(Participant("Government troops"),), targets=(Participant("militants"),),
                  date="2017-04-04", date_precision="day",
                  place=EventPlace("Tal Hamra", 35.95, 38.75, "p-talhamra"), summary="Troops retake Tal Hamra",
                  story="s-syria", confidence=0.9, reportable=True),
            Event("ev-killed", "FIGHT", "killed", (s_killed,), acled="Armed clash",
                  actors=(Participant("militants"),), targets=(Participant("soldiers"),), date="2017-04-03",
                  date_precision="day", place=EventPlace("Raqqa", 35.95, 39.01, "p-raqqa"), fatalities=4,
                  summary="Four soldiers killed near Raqqa", story="s-syria", confidence=0.9, reportable=True),
        ),
        quotes=(Quote("q-haddad", d, *_se(t, "We entered at first light and the fighters ran,"),
                      "We entered at first light and the fighters ran,", "direct", "Rami Haddad", "e-haddad", "said"),),
        figures=(Figure("f-fled", d, *_sent_se(t, "2,500"), 2500.0, "people displaced", "2017-04-04", "IOM"),),
    )


def _doc_b() -> Document:
    d, t = "d-b", TEXT_B
    return Document(
        id=d, source="b.txt", title="Strikes near Tabqa; protest in Baghdad", outlet="Wire", published="2017-06-20",
        language="en", text=t,
        mentions=(Mention(*_se(t, "Islamic State"), "Islamic State", "ORG", "Islamic State"),
                  Mention(*_se(t, "Layla Hassan"), "Layla Hassan", "PERSON", "Layla Hassan")),
        places=(PlaceMention(d, *_se(t, "Tabqa"), "Tabqa", "p-tabqa", 0.9),
                PlaceMention(d, *_se(t, "Baghdad"), "Baghdad", "p-baghdad", 0.99)),
        place_records=(PLACES["p-tabqa"], PLACES["p-baghdad"]),
        events=(
            Event("ev-strike", "ASSAULT", "struck", (sentence(d, t, "Coalition aircraft"),), mode="aerial",
                  acled="Air/drone strike", actors=(Participant("Coalition"),), targets=(Participant("Islamic State"),),
                  date="2017-06-19", date_precision="day", place=EventPlace("Tabqa", 35.84, 38.55, "p-tabqa"),
                  summary="Coalition strikes near Tabqa", story="s-syria", confidence=0.9, reportable=True),
            Event("ev-protest", "PROTEST", "marched", (sentence(d, t, "protesters marched"),),
                  acled="Peaceful protest", actors=(Participant("Protesters"),), date="2017-06",
                  date_precision="month", place=EventPlace("Baghdad", 33.34, 44.40, "p-baghdad"),
                  summary="Protest in Baghdad", confidence=0.9, reportable=True),
        ),
        quotes=(Quote("q-layla", d, *_se(t, "We will not leave the streets,"), "We will not leave the streets,",
                      "direct", "Layla Hassan", None, "said"),),
        figures=(Figure("f-boats", d, *_sent_se(t, "two boats"), 2.0, "boats destroyed"),),
    )


def _doc_hostile() -> Document:
    d, t = "d-x", TEXT_HOSTILE
    qtext = "<b>bold</b> <script>window.__pwned=3</script> we deny it,"
    return Document(
        id=d, source="x.html", title="<script>window.__pwned=5</script>Checkpoint attack", outlet="<i>Evil</i>",
        published="2017-05-07", language="en", text=t,
        places=(PlaceMention(d, *_se(t, "Mosul"), "Mosul", "p-mosul", 0.97),),
        place_records=(PLACES["p-mosul"],),
        events=(Event("ev-hostile", "ASSAULT", "attacked", (sentence(d, t, "Militants attacked"),),
                      actors=(Participant("<img src=x onerror=\"window.__pwned=6\">"),), date="2017-05-07",
                      date_precision="day", place=EventPlace("Mosul", 36.34, 43.13, "p-mosul"), fatalities=2,
                      summary="<script>window.__pwned=7</script>Checkpoint attack in Mosul", confidence=0.9, reportable=True),),
        quotes=(Quote("q-hostile", d, *_se(t, qtext), qtext, "direct", "<svg onload=window.__pwned=8>", None, "said"),),
    )


def _se(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _sent_se(text: str, needle: str) -> tuple[int, int]:
    s = sentence("", text, needle)
    return s.start, s.end


STORIES = [
    {"id": "s-syria", "title": "Battle for Raqqa", "docs": ["d-a", "d-b"],
     "events": ["ev-battle", "ev-killed", "ev-strike"], "start": "2017-04-03", "end": "2017-06-19"},
]


def _summaries() -> list[dict]:
    a = _doc_a()
    return [{"story": "s-syria", "rank": 1, "text": "Government troops and coalition aircraft pressed on towards Raqqa.",
             "sources": [_plain(a.events[0].sources[0])]}]


def _timeline() -> list[dict]:
    a = _doc_a()
    return [
        {"story": "s-syria", "date": "2017-04-03", "event": "ev-killed", "text": "Four soldiers killed near Raqqa",
         "sources": [_plain(a.events[1].sources[0])]},
        {"story": "s-syria", "date": "2017-04-04", "event": "ev-battle", "text": "Troops retake Tal Hamra",
         "sources": [_plain(a.events[0].sources[0])]},
        {"story": "s-syria", "date": "2017-06-19", "event": "ev-strike", "text": "Coalition strikes near Tabqa",
         "sources": [_plain(_doc_b().events[0].sources[0])]},
    ]


def _plain(s: Span) -> dict:
    return {"doc": s.doc, "start": s.start, "end": s.end, "text": s.text}


def documents() -> list[Document]:
    return [_doc_a(), _doc_b(), _doc_hostile()]


def build_store(path: Path, *, with_stories: bool = True) -> Path:
    """Write the corpus into a new store at ``path`` (stories/timeline tables created if missing)."""
    with Store(path) as store:
        store.write_documents(documents(), pipeline=PIPELINE)
        relink_entities(store)
        if with_stories:
            _write_rows(store, "stories", STORIES)
            _write_rows(store, "timeline", _timeline())
            _write_rows(store, "story_summaries", _summaries())
    return path


_FALLBACK_DDL = {
    "stories": 'CREATE TABLE IF NOT EXISTS stories (id VARCHAR, title VARCHAR, docs VARCHAR, events VARCHAR, '
               '"start" VARCHAR, "end" VARCHAR, summary VARCHAR)',
    "story_summaries": 'CREATE TABLE IF NOT EXISTS story_summaries (story VARCHAR, rank INTEGER, text VARCHAR, sources VARCHAR)',
    "timeline": 'CREATE TABLE IF NOT EXISTS timeline (story VARCHAR, date VARCHAR, event VARCHAR, text VARCHAR, '
                'sources VARCHAR)',
}


def _write_rows(store: Store, table: str, rows: list[dict]) -> None:
    store.con.execute(_FALLBACK_DDL[table])
    cols = [r[0] for r in store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]
    for row in rows:
        names = [c for c in cols if c in row]
        values = [json.dumps(row[c]) if isinstance(row[c], (list, dict)) else row[c] for c in names]
        quoted = ", ".join(f'"{c}"' for c in names)
        marks = ", ".join("?" for _ in names)
        store.con.execute(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', values)
