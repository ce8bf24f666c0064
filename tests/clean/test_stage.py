from __future__ import annotations

from dateline.clean.stage import CleanStage
from dateline.model import FROM_METADATA, FROM_TEXT, FROM_URL, Document
from dateline.settings import Settings

BODY = ("AL-QAIM, Iraq (Wire Agency) - Troops reached the border crossing on Friday, officers said, after a week "
        "of fighting in the desert towns along the river.\n\nThe crossing had been closed since the spring.")


def _clean(**fields) -> Document:
    stage = CleanStage(Settings())
    stage.setup()
    return stage([Document(id="d-1", source="t", raw=fields.pop("raw", BODY), **fields)])[0]


def test_dateline_place_and_agency_go_to_notes_and_outlet():
    document = _clean()
    assert document.text.startswith("Troops reached")
    assert "dateline: AL-QAIM, Iraq" in document.notes and "agency: Wire Agency" in document.notes
    assert document.outlet == "Wire Agency"


def test_outlet_from_metadata_or_url_wins_over_the_agency():
    assert _clean(outlet="Desert Courier").outlet == "Desert Courier"
    assert _clean(url="https://www.desert-courier.example/world/2019/07/12/crossing").outlet == "desert-courier.example"


def test_published_from_metadata_then_text_then_url():
    url = "https://www.desert-courier.example/world/2019/jul/12/crossing"
    assert (_clean(url=url).published, _clean(url=url).published_from) == ("2019-07-12", FROM_URL)
    dated = _clean(url=url, raw="12 July 2019 10:05\n\n" + BODY)
    assert (dated.published, dated.published_from) == ("2019-07-12", FROM_TEXT)
    stated = _clean(url=url, published="2019-07-11", published_from=FROM_METADATA)
    assert (stated.published, stated.published_from) == ("2019-07-11", FROM_METADATA)


def test_guard_note_reaches_the_document():
    raw = "Crossing reopens\n\n" + "\n\n".join(["1/3 Trucks queue at the crossing on the road from the river AFP"] * 1 + [
        "Trucks crossed on Friday."])
    document = _clean(raw=raw)
    assert "1/3 Trucks" in document.text
    assert any("more than 20%" in note for note in document.notes)
