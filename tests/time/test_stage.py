"""TimeStage on Documents."""

from __future__ import annotations

from dateline.model import FROM_INFERRED, FROM_METADATA, STATUS_ERROR, Document
from dateline.settings import Settings
from dateline.time import TimeStage


def test_stage_tags_with_published_anchor() -> None:
    text = "On Thursday afternoon the convoy was hit. Last week the road was closed."
    document = Document(id="a1", source="s", text=text, published="2017-04-06", published_from=FROM_METADATA)
    stage = TimeStage(Settings())
    stage.setup()
    [out] = stage([document])
    values = {t.text: t.value for t in out.times}
    assert values == {"Thursday afternoon": "2017-04-06TAF", "Last week": "2017-W13"}
    assert out.published_from == FROM_METADATA
    assert all(text[t.start : t.end] == t.text for t in out.times)


def test_stage_infers_missing_date() -> None:
    text = "The dam was retaken on April 5, 2017. On Monday the army had entered the town."
    [out] = TimeStage(Settings())([Document(id="a2", source="s", text=text)])
    assert (out.published, out.published_from) == ("2017-04-05", FROM_INFERRED)
    assert out.meta["published_precision"] == "day"
    assert any("inferred" in note for note in out.notes)
    assert {t.text: t.value for t in out.times}["Monday"] == "2017-04-03"


def test_stage_month_precision_leaves_relative_unanchored() -> None:
    [out] = TimeStage(Settings())(
        [Document(id="a3", source="s", text="In March 2017 fighting resumed on Monday.")]
    )
    assert out.published == "2017-03"
    assert {t.text: t.value for t in out.times}["Monday"] == "XXXX-WXX-1"


def test_stage_skips_failed_documents() -> None:
    document = Document(id="a4", source="s", text="Monday", status=STATUS_ERROR)
    assert TimeStage(Settings())([document]) == [document]
    assert TimeStage.name == "time.tag.v3"


def test_that_night_is_the_night_told_before_not_the_day_something_was_said_a_sentence_back() -> None:
    from dateline.nlp.stage import SpacyStage
    from tests.documents import document_builder

    make = document_builder([SpacyStage, TimeStage], "2019-03-08")
    text = ("A drone hit a wedding party on Tuesday night near the river. The ministry said on Wednesday that it "
            "was looking into the reports. Its spokesman said the aircraft had struck a depot in the area that night.")
    values = {t.text: t.value for t in make(text).times}
    assert values["that night"] == "2019-03-05TNI"
    own = "The minister said on Wednesday that the convoy had left that morning, hours before the blast."
    assert {t.text: t.value for t in make(own).times}["that morning"] == "2019-03-06TMO"  # the speech act's own
