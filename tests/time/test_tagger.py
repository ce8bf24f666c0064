"""Recognition and normalisation, one block per rule family (sentences written for these tests)."""

from __future__ import annotations

import datetime

import pytest

from dateline.model import Token
from dateline.time import tag_times

THU = datetime.date(2017, 4, 6)  # a Thursday
MON = datetime.date(2016, 10, 31)  # a Monday


def _find(text: str, anchor: datetime.date | None, phrase: str, **kwargs):  # type: ignore[no-untyped-def]
    for expression in tag_times(text, doc_id="d", anchor=anchor, **kwargs):
        if expression.text == phrase:
            return expression
    found = [(e.text, e.value) for e in tag_times(text, doc_id="d", anchor=anchor, **kwargs)]
    raise AssertionError(f"{phrase!r} not tagged; got {found}")


# ------------------------------------------------------------------------------------------ weekdays


@pytest.mark.parametrize(
    ("text", "anchor", "phrase", "value"),
    [
        (
            "On Thursday afternoon the convoy was hit near the bridge.",
            THU,
            "Thursday afternoon",
            "2017-04-06TAF",
        ),
        ("Shelling resumed on Monday, residents said.", MON, "Monday", "2016-10-31"),
        ("A second brigade joined the assault on Saturday.", MON, "Saturday", "2016-10-29"),
        ("Negotiators will meet again on Friday in Geneva.", THU, "Friday", "2017-04-07"),
        ("The vote is expected on Tuesday.", THU, "Tuesday", "2017-04-11"),
        ("Rebels withdrew last Thursday.", THU, "last Thursday", "2017-03-30"),
        ("The envoy arrives next Monday.", THU, "next Monday", "2017-04-10"),
        # a day running on from the weekday just named is the next day, even past the report's date
        ("Jets struck the port late Monday and early Tuesday.", MON, "early Tuesday", "2016-11-01"),
        ("Shells fell from Sunday night into Monday.", MON, "Monday", "2016-10-31"),
        ("Fighting eased on Friday and flared again on Sunday.", MON, "Sunday", "2016-10-30"),
    ],
)
def test_weekday_direction(text: str, anchor: datetime.date, phrase: str, value: str) -> None:
    assert _find(text, anchor, phrase).value == value


def test_weekday_part_of_day_is_time() -> None:
    expression = _find("On Thursday afternoon the convoy was hit.", THU, "Thursday afternoon")
    assert expression.type == "TIME"
    assert expression.anchor == "2017-04-06"
    assert expression.rule.startswith("weekday.")


def test_weekday_tense_from_tokens() -> None:
    text = "They meet Friday"
    tokens = (
        Token(0, 4, "they", "PRON", "PRP", "nsubj", 1, 0),
        Token(5, 9, "meet", "VERB", "VBP", "ROOT", 1, 0),
        Token(10, 16, "Friday", "PROPN", "NNP", "npadvmod", 1, 0),
    )
    assert _find(text, THU, "Friday", tokens=tokens).value == "2017-04-07"
    past = tokens[:1] + (Token(5, 9, "meet", "VERB", "VBD", "ROOT", 1, 0),) + tokens[2:]
    assert _find(text, THU, "Friday", tokens=past).value == "2017-03-31"


# ---------------------------------------------------------------------------------- calendar dates


@pytest.mark.parametrize(
    ("text", "anchor", "phrase", "value"),
    [
        ("Troops launched the push to the river on October 17.", MON, "October 17", "2016-10-17"),
        ("The camp was emptied on 28 March.", THU, "28 March", "2017-03-28"),
        ("Elections will be held on May 14.", THU, "May 14", "2017-05-14"),
        ("The ceasefire collapsed on December 20.", THU, "December 20", "2016-12-20"),
        ("The treaty was signed on Aug. 7, 1998.", THU, "Aug. 7, 1998", "1998-08-07"),
        ("Filed 2015-03-02 in court.", THU, "2015-03-02", "2015-03-02"),
        ("The siege began in August 2014.", THU, "August 2014", "2014-08"),
        ("Most of the fighters left in 2015.", THU, "2015", "2015"),
        ("Refugees returned in the 1990s.", THU, "the 1990s", "199"),
        ("Results for fiscal 2016 were weak.", THU, "fiscal 2016", "2016"),
        ("The offensive began in October.", MON, "October", "2016-10"),
    ],
)
def test_calendar_dates(text: str, anchor: datetime.date, phrase: str, value: str) -> None:
    assert _find(text, anchor, phrase).value == value


def test_yearless_date_records_anchor_and_rule() -> None:
    expression = _find("Troops crossed the river on October 17.", MON, "October 17")
    assert expression.anchor == "2016-10-31"
    assert expression.rule == "date.yearless.past"


def test_bare_may_is_not_a_month() -> None:
    assert not [
        e for e in tag_times("Officials may decide later.", doc_id="d", anchor=THU) if e.text == "may"
    ]
    assert _find("The talks stalled in May.", THU, "May").value == "2017-05"


def test_range_gives_two_dates() -> None:
    found = {
        e.text: e.value
        for e in tag_times("Aid was blocked between January 4 and February 7.", doc_id="d", anchor=THU)
    }
    assert found["January 4"] == "2017-01-04"
    assert found["February 7"] == "2017-02-07"


# ------------------------------------------------------------------------------- relative expressions


@pytest.mark.parametrize(
    ("text", "phrase", "value", "mod"),
    [
        ("Prices of bread doubled last week.", "last week", "2017-W13", None),
        ("The army said earlier this year that it would withdraw.", "earlier this year", "2017", "START"),
        ("The town fell two years ago.", "two years ago", "2015", None),
        ("A new mayor took office last month.", "last month", "2017-03", None),
        ("A referendum is planned next year.", "next year", "2018", None),
        ("Talks resumed yesterday.", "yesterday", "2017-04-05", None),
        ("The convoy will leave tomorrow.", "tomorrow", "2017-04-07", None),
        ("The bridge reopened six weeks ago.", "six weeks ago", "2017-W08", None),
        ("Fighting flared again late last year.", "late last year", "2016", "END"),
        ("The camp was quiet this morning.", "this morning", "2017-04-06TMO", None),
    ],
)
def test_relative_expressions(text: str, phrase: str, value: str, mod: str | None) -> None:
    expression = _find(text, THU, phrase)
    assert (expression.value, expression.mod) == (value, mod)
    assert expression.anchor == "2017-04-06"


def test_an_age_beyond_the_calendar_is_a_vague_past() -> None:
    expression = _find("Farmers settled the valley 9,000 years ago.", THU, "9,000 years ago")
    assert expression.value == "PAST_REF"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Hundreds have fled in recent weeks.", "recent weeks", "PXW"),
        ("Investors expect a rate cut in the near future.", "the near future", "FUTURE_REF"),
        ("Layoffs may help the airline in the short term.", "the short term", "FUTURE_REF"),
        ("The council is now meeting daily.", "now", "PRESENT_REF"),
        ("Such raids were common in the past.", "the past", "PAST_REF"),
        ("Donors promised more help in the future.", "the future", "FUTURE_REF"),
    ],
)
def test_fuzzy_references(text: str, phrase: str, value: str) -> None:
    assert _find(text, THU, phrase).value == value


def test_anaphora_uses_last_date() -> None:
    text = "The dam was seized on March 3. Two days later the militia blew up the bridge."
    assert _find(text, THU, "Two days later").value == "2017-03-05"


def test_quarter_and_year_earlier() -> None:
    text = "Profit rose in the third quarter. A year earlier the firm lost money."
    found = {e.text: e.value for e in tag_times(text, doc_id="d", anchor=datetime.date(2016, 11, 2))}
    assert found["the third quarter"] == "2016-Q3"
    assert found["A year earlier"] == "2015-Q3"


# ---------------------------------------------------------------------------------- durations, sets


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("It was a two-week military operation.", "a two-week", "P2W"),
        ("The siege lasted three months.", "three months", "P3M"),
        ("Losses grew over the past two years.", "the past two years", "P2Y"),
        ("Shelling went on for at least 72 hours.", "at least 72 hours", "PT72H"),
        ("The trip took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("The feud has gone on for decades.", "decades", "PXDE"),
    ],
)
def test_durations(text: str, phrase: str, value: str) -> None:
    expression = _find(text, THU, phrase)
    assert (expression.type, expression.value) == ("DURATION", value)


def test_duration_mod() -> None:
    assert _find("Shelling went on for at least 72 hours.", THU, "at least 72 hours").mod == "EQUAL_OR_MORE"


def test_verb_last_is_not_part_of_duration() -> None:
    assert _find("The truce would last two years.", THU, "two years").value == "P2Y"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Aid flights land every Monday.", "every Monday", "XXXX-WXX-1"),
        ("The bulletin appears weekly.", "weekly", "P1W"),
        ("Patrols go out every day.", "every day", "P1D"),
        ("Each family gets $40 a month.", "a month", "P1M"),
    ],
)
def test_sets(text: str, phrase: str, value: str) -> None:
    expression = _find(text, THU, phrase)
    assert (expression.type, expression.value) == ("SET", value)


def test_clock_time() -> None:
    assert _find("The blast came at 10:35 a.m. Friday.", THU, "10:35 a.m. Friday").value == "2017-03-31T10:35"


# ---------------------------------------------------------------------------------- contract


def test_offsets_and_ids_are_exact() -> None:
    text = "Between Monday and\nlast week, about two years ago,   on 28 March 2016 the town fell."
    expressions = tag_times(text, doc_id="doc7", anchor=THU)
    assert len(expressions) >= 4
    for expression in expressions:
        assert text[expression.start : expression.end] == expression.text
        assert expression.id == f"t-doc7-{expression.start}"
        assert expression.doc == "doc7"
        assert expression.type in ("DATE", "TIME", "DURATION", "SET")


def test_without_anchor_values_are_underspecified() -> None:
    found = {
        e.text: e
        for e in tag_times("They met on Monday, on October 17 and in 2015.", doc_id="d", anchor=None)
    }
    assert found["Monday"].value == "XXXX-WXX-1"
    assert found["October 17"].value == "XXXX-10-17"
    assert found["2015"].value == "2015"
    assert found["2015"].anchor is None


def test_empty_and_plain_text() -> None:
    assert tag_times("", doc_id="d", anchor=THU) == []
    assert tag_times("The quick brown fox.", doc_id="d", anchor=THU) == []


# ------------------------------------------------------------- financial years, months of a named year


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "value"),
    [
        ("The brewer earned $12 million in the year ended June 30.", "the year", "DURATION", "P1Y"),
        ("Sales in the fiscal year ending March 31 fell 4%.", "the fiscal year", "DURATION", "P1Y"),
        ("The chain forecast higher profit for the full year.", "the full year", "DATE", "2017"),
        ("The shares hit a low for the year in March.", "the year", "DATE", "2017"),
        ("Output fell throughout the year.", "the year", "DURATION", "P1Y"),
    ],
)
def test_year_ended_and_for_the_year(text: str, phrase: str, kind: str, value: str) -> None:
    expression = _find(text, THU, phrase)
    assert (expression.type, expression.value) == (kind, value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The mill closed in June last year.", "June last year", "2016-06"),
        ("Rationing began in January this year.", "January this year", "2017-01"),
        ("The bridge should reopen in early May next year.", "early May next year", "2018-05"),
    ],
)
def test_month_of_relative_year(text: str, phrase: str, value: str) -> None:
    assert _find(text, THU, phrase).value == value


def test_week_of_a_date() -> None:
    expression = _find("A hearing is set for the week of April 17.", THU, "the week of April 17")
    assert (expression.type, expression.value) == ("DATE", "2017-W16")


@pytest.mark.parametrize(
    ("text", "phrase", "value", "mod"),
    [
        ("The merger should close by year-end.", "year-end", "2017", "END"),
        ("The index has gained 9% since year end.", "year end", "2016", "END"),
        ("New rules must be in place by the year's end.", "the year's end", "2017", "END"),
    ],
)
def test_year_end(text: str, phrase: str, value: str, mod: str) -> None:
    expression = _find(text, THU, phrase)
    assert (expression.value, expression.mod) == (value, mod)


def test_year_end_as_adjective_is_not_a_date() -> None:
    assert not [e for e in tag_times("Year-end bonuses were cut.", doc_id="d", anchor=THU)]


# ------------------------------------------------------------------------- weekday direction cues


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # a fronted "Until <day>," frames the main clause, whose past perfect decides
        ("Until Tuesday, the police had not named a suspect.", "Tuesday", "2017-04-04"),
        # ... while a deadline extended "until" a day still points forward
        ("The council extended the deadline until Tuesday.", "Tuesday", "2017-04-11"),
        # a plan in the past perfect has been overtaken: the day is behind us
        ("The bid had been due to expire Monday evening.", "Monday evening", "2017-04-03TEV"),
        ("The offer had been scheduled to lapse Tuesday.", "Tuesday", "2017-04-04"),
        # "set to" / "is to" + verb point forward
        ("The peace talks, stalled by attacks, are set to resume Monday.", "Monday", "2017-04-10"),
        ("The stock, traded in London, is to resume trading in Paris Tuesday.", "Tuesday", "2017-04-11"),
        # the earliest time of something still to come
        ("The family could be reunited as early as Monday.", "Monday", "2017-04-10"),
        # a possessive day names an event already reported, whatever the modal around it
        ("Lawyers said they would appeal Tuesday's verdict.", "Tuesday", "2017-04-04"),
        # ... unless the event is awaited
        ("Campaigning ended ahead of Sunday's vote.", "Sunday", "2017-04-09"),
    ],
)
def test_weekday_direction_cues(text: str, phrase: str, value: str) -> None:
    assert _find(text, THU, phrase).value == value


def test_weekday_seed_behaviours() -> None:
    """Past-tense reports: a bare weekday is the latest such day on or before the publication date."""
    assert _find("Gunmen stormed the market on Thursday afternoon.", THU, "Thursday afternoon").value == (
        "2017-04-06TAF"
    )
    assert _find("The airport was shut on Monday.", MON, "Monday").value == "2016-10-31"
    assert _find("Militias pulled back on Saturday.", MON, "Saturday").value == "2016-10-29"
    assert _find("Aid reached the city on October 17.", MON, "October 17").value == "2016-10-17"


def test_year_relative_expressions_resolve_against_a_year_only_anchor():
    text = "The army retook the east of the city earlier this year. Last year the road was cut. On Monday talks began."
    found = {t.text: t for t in tag_times(text, doc_id="d", anchor=None, anchor_year=2017)}
    assert found["earlier this year"].value == "2017" and found["earlier this year"].anchor == "2017"
    assert found["Last year"].value == "2016"
    assert found["Monday"].value.startswith("XXXX")  # a weekday needs the day


# ------------------------------------------------------------------------------------------ Islamic holidays


@pytest.mark.parametrize(
    ("text", "anchor", "phrase", "value"),
    [
        # written during the holy month: this one, as the range of its days (Umm al-Qura calendar)
        ("Shops in the old quarter close early during Ramadan.", datetime.date(2011, 8, 15), "Ramadan",
         "2011-08-01/2011-08-29"),
        ("The ceasefire held over Eid al-Fitr, a spokesman said.", datetime.date(2011, 9, 2), "Eid al-Fitr", "2011-08-30"),
        ("Two activists were detained before Eid al-Adha 2013.", datetime.date(2014, 1, 5), "Eid al-Adha 2013",
         "2013-10-15"),
    ],
)
def test_islamic_holidays_are_dates(text, anchor, phrase, value):
    assert _find(text, anchor, phrase).value == value


def test_a_range_value_has_range_precision_and_covers_its_days():
    from dateline.time.calendar import day_span, parse_value

    assert parse_value("2011-08-01/2011-08-29") == (datetime.date(2011, 8, 1), "range")
    assert day_span("2011-08-01/2011-08-29") == (datetime.date(2011, 8, 1).toordinal(), datetime.date(2011, 8, 29).toordinal())
