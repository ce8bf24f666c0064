"""DATEWISE sentence timelines on invented sentences (a dam breach in the fictional town of Valmora)."""

from __future__ import annotations

from dateline.stories.timeline import DatedSentence, datewise, keywords, sentence_timeline


def _s(doc: str, k: int, text: str, date: str | None, published: str) -> DatedSentence:
    return DatedSentence(doc, k, k + 1, text, date, published, k)


def _collection() -> list[DatedSentence]:
    return [
        _s("a1", 0, "The Valmora dam breached on Monday night and floodwater reached the lower town within hours .",
           "2031-03-03", "2031-03-04"),
        _s("a1", 1, "Rescue teams evacuated hundreds of families from the flooded streets below the Valmora dam .",
           None, "2031-03-04"),
        _s("a1", 2, "The local football club postponed its match against a rival from the north coast .",
           None, "2031-03-04"),
        _s("a2", 0, "Engineers said the Valmora dam breach began with a crack in the spillway wall .",
           "2031-03-03", "2031-03-05"),
        _s("a2", 1, "Floodwater from the dam covered farmland across the valley for a second day .",
           None, "2031-03-05"),
        _s("a3", 0, "Inspectors will visit the dam on 10 March to decide whether the spillway can be repaired .",
           "2031-03-10", "2031-03-05"),
        _s("a4", 0, "The inspectors who visited the Valmora dam said the spillway wall must be rebuilt before spring .",
           "2031-03-10", "2031-03-11"),
        _s("a4", 1, "A ticket seller at the cinema said attendance had been steady all winter long .",
           "2031-03-10", "2031-03-11"),
    ]


def test_keywords_are_the_most_widespread_terms_with_alphabetical_ties() -> None:
    sents = [_s("d1", 0, "dam flood river town", None, "2031-01-01"),
             _s("d2", 0, "dam flood bridge", None, "2031-01-01"),
             _s("d3", 0, "dam river", None, "2031-01-01")]
    assert keywords(sents, 1) == {"dam"}
    assert keywords(sents, 2) == {"dam", "flood"}  # flood and river tie on two documents: alphabetical
    assert keywords(sents, 0) == frozenset()


def test_datewise_picks_on_topic_sentences_in_date_order() -> None:
    out = datewise(_collection(), n_dates=2, per_date=1)
    assert [d for d, _ in out] == sorted(d for d, _ in out)
    by_date = dict(out)
    assert "2031-03-03" in by_date
    assert "dam" in by_date["2031-03-03"][0].text
    for _, picked in out:
        assert len(picked) == 1
        assert "football" not in picked[0].text and "cinema" not in picked[0].text


def test_an_off_topic_sentence_loses_to_one_with_the_story_keywords() -> None:
    out = dict(datewise(_collection(), n_dates=5, per_date=1, start="2031-03-10", end="2031-03-10"))
    assert list(out) == ["2031-03-10"]
    assert "rebuilt" in out["2031-03-10"][0].text


def test_a_date_named_before_it_happened_is_a_plan_not_a_candidate() -> None:
    plan_only = [s for s in _collection() if s.doc == "a3"]
    assert datewise(plan_only, n_dates=3, per_date=1, start="2031-03-10", end="2031-03-10") == []


def test_near_duplicates_are_not_repeated_across_dates() -> None:
    text = "The Valmora dam breached and floodwater reached the lower town within hours ."
    sents = [_s("b1", 0, text, "2031-03-03", "2031-03-04"), _s("b2", 0, text, "2031-03-04", "2031-03-05")]
    out = datewise(sents, n_dates=2, per_date=1)
    assert sum(len(picked) for _, picked in out) == 1


def test_sentence_timeline_rows_keep_their_shape() -> None:
    rows = sentence_timeline("story-1", _collection(), max_dates=2)
    assert rows
    assert set(rows[0]) == {"story", "date", "day", "rank", "event", "text", "sources", "importance"}
    assert all(r["event"] is None and r["importance"] is None for r in rows)
