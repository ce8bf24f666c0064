"""A small invented corpus for the export tests: four reports from two outlets, events of every kind of date."""

from __future__ import annotations

from pathlib import Path

from dateline.model import Document, Event, EventPlace, Participant, Place, PlaceMention
from dateline.store.duckdb_store import Store
from tests.report.corpus import sentence

TEXT_1 = (
    "Army units and fighters of the Northern Shield clashed outside Kafr Sabt on 3 March 2019, leaving 6 dead. "
    "Around 400 demonstrators gathered in Kafr Sabt in the first week of March to denounce the fighting. "
    "An unidentified drone struck a market near Kafr Sabt in March, killing 2 civilians. "
    "Gunmen shot a shopkeeper in Kafr Sabt on 4 March 2019."
)
TEXT_2 = (
    "Police detained a journalist in Port Maren between 10 and 12 March 2019. "
    "The Northern Shield says it will attack the airport next month."
)


KAFR = Place("p-kafr", "Kafr Sabt", 34.70, 36.72, "SY", "P.PPL", 170001, "11", 0.9)
PORT = Place("p-port", "Port Maren", 35.10, 33.90, "CY", "P.PPLA", 146001, "01", 0.9)
ARMY = Participant("Army units", canonical="Military Forces of Syria", type=1)
SHIELD = Participant("Northern Shield", canonical="Northern Shield Brigade", type=3)


def documents() -> list[Document]:
    one, two = "d-one", "d-two"
    return [
        Document(id=one, source="/home/me/corpus/one.txt", outlet="Valley Courier", published="2019-03-20",
                 language="en", text=TEXT_1,
                 places=(PlaceMention(one, *_se(TEXT_1, "Kafr Sabt"), "Kafr Sabt", "p-kafr", 0.9),),
                 place_records=(KAFR,),
                 events=(
                     Event("ev-clash-0000000000aa", "FIGHT", "clashed", (sentence(one, TEXT_1, "clashed"),),
                           acled="Armed clash", actors=(ARMY, SHIELD), date="2019-03-03", date_precision="day",
                           place=EventPlace("Kafr Sabt", 34.70, 36.72, "p-kafr"), fatalities=6, confidence=0.9,
                           reportable=True, country="SY", admin1="Homs"),
                     Event("ev-protest-00000000bb", "PROTEST", "gathered", (sentence(one, TEXT_1, "demonstrators"),),
                           acled="Peaceful protest", actors=(Participant("demonstrators", canonical="Protesters (Syria)",
                                                                         type=6),),
                           date="2019-W09", date_precision="week", place=EventPlace("Kafr Sabt", 34.70, 36.72, "p-kafr"),
                           confidence=0.8, reportable=True, country="SY"),
                     Event("ev-drone-0000000000cc", "ASSAULT", "struck", (sentence(one, TEXT_1, "drone"),),
                           acled="Air/drone strike", targets=(Participant("civilians", canonical="Civilians (Syria)",
                                                                         type=7),),
                           date="2019-03", date_precision="month", place=EventPlace("Kafr Sabt", 34.70, 36.72, "p-kafr"),
                           fatalities=2, confidence=0.7, reportable=True, country="SY"),
                     Event("ev-shot-00000000000ff", "ASSAULT", "shot", (sentence(one, TEXT_1, "Gunmen"),),
                           acled="Attack", date="2019-03-04", date_precision="day",
                           place=EventPlace("Kafr Sabt", 34.70, 36.72, "p-kafr"), confidence=0.4, reportable=False,
                           country="SY"),
                 )),
        Document(id=two, source="/home/me/corpus/two.html", url="https://www.harbour-times.example/2019/03/13/a",
                 published="2019-03-13", language="en", text=TEXT_2,
                 places=(PlaceMention(two, *_se(TEXT_2, "Port Maren"), "Port Maren", "p-port", 0.9),),
                 place_records=(PORT,),
                 events=(
                     Event("ev-arrest-0000000000dd", "ARREST", "detained", (sentence(two, TEXT_2, "detained"),),
                           acled="Arrests", actors=(Participant("Police", canonical="Police Forces of Cyprus", type=1),),
                           targets=(Participant("a journalist", canonical="Civilians (Cyprus)", type=7),),
                           date="2019-03-10/2019-03-12", date_precision="range",
                           place=EventPlace("Port Maren", 35.10, 33.90, "p-port"), confidence=0.6, reportable=True,
                           country="CY"),
                     Event("ev-plan-00000000000ee", "FIGHT", "attack", (sentence(two, TEXT_2, "airport"),),
                           acled="Armed clash", actors=(SHIELD,), date="2019-04", date_precision="month",
                           modality="planned", confidence=0.3, reportable=False, country="CY"),
                 )),
    ]


def _se(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def build(path: Path) -> Path:
    with Store(path) as store:
        store.write_documents(documents(), pipeline="test")
    return path
