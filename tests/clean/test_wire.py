from __future__ import annotations

import pytest

from dateline.clean.cleaner import clean_body
from dateline.clean.wire import parse_header_line, parse_source_line, split_wire_dateline

LEDE = "Fighters loyal to the council said on Friday they had taken the coastal road after two days of fighting."


@pytest.mark.parametrize(("dateline", "place", "agency", "date_text"), [
    ("MISRATA, Libya (Reuters) - ", "MISRATA, Libya", "Reuters", None),
    ("BENGHAZI (AP) — ", "BENGHAZI", "AP", None),
    ("Port-au-Prince, Haiti (CNN) -- ", "Port-au-Prince, Haiti", "CNN", None),
    ("Zawiya (AFP) – ", "Zawiya", "AFP", None),
    ("GHARYAN, Libya, May 3 (Wire Agency) - ", "GHARYAN, Libya", "Wire Agency", "May 3"),
    ("SIRTE - ", "SIRTE", None, None),
    ("LAS CRUCES, N.M. (AP) — ", "LAS CRUCES, N.M.", "AP", None),
])
def test_wire_datelines_are_read(dateline, place, agency, date_text):
    header, rest = split_wire_dateline(dateline + LEDE)
    assert (header.place, header.agency, header.date_text) == (place, agency, date_text)
    assert header.text == dateline.strip() and rest == LEDE


@pytest.mark.parametrize("paragraph", [
    "The envoy said the truce - agreed in March - was holding, and that both sides had kept their word.",
    "Militia (Local Group) - said to be loyal to the council, the fighters took the road on Friday night.",
    "Liberation Front (LF) - The group said on Friday it had taken the road after two days of fighting.",
    "SIRTE - Gone.",
])
def test_prose_is_not_a_dateline(paragraph):
    assert split_wire_dateline(paragraph) is None


def test_header_line_and_dateline_on_one_line():
    line = f"MISRATA, Libya | Sat Apr 16, 2011 9:40am EDT MISRATA, Libya (Reuters) - {LEDE}"
    header, rest = split_wire_dateline(line)
    assert header.place == "MISRATA, Libya" and header.published == "2011-04-16" and header.agency == "Reuters"
    assert rest == LEDE


@pytest.mark.parametrize(("line", "place", "source", "published"), [
    ("SIRTE, Libya | Thu Oct 20, 2011 10:02am EDT", "SIRTE, Libya", None, "2011-10-20"),
    ("example-news.co.uk, Thursday 20 October 2011 15.02 BST", None, "example-news.co.uk", "2011-10-20"),
    ("Issued by the Coastal Aid Forum, 4 May 2019", None, "Coastal Aid Forum", "2019-05-04"),
])
def test_header_lines(line, place, source, published):
    header = parse_header_line(line)
    assert (header.place, header.source, header.published) == (place, source, published)


def test_a_clause_with_a_date_is_not_a_header_line():
    assert parse_header_line("The talks began in Geneva, 17 October 2016") is None


def test_source_lines():
    assert parse_source_line("Source: Wire Agency") == "Wire Agency"
    assert parse_source_line("Source: the army said many people had been killed in the town overnight") is None


def test_wire_copy_header_becomes_metadata_not_text():
    body = (f"Rebels take coastal road\n\nBy Nadia Karim and Paul Ortega\n\n"
            f"MISRATA, Libya | Sat Apr 16, 2011 9:40am EDT MISRATA, Libya (Reuters) - {LEDE}\n\n"
            "A spokesman said the road would be reopened to aid convoys within days, once it had been cleared.")
    result = clean_body(body)
    assert result.text.startswith("Fighters loyal")
    assert result.place == "MISRATA, Libya" and result.agency == "Reuters" and result.published == "2011-04-16"
    assert result.author == "Nadia Karim and Paul Ortega" and result.title == "Rebels take coastal road"
    assert ("dateline", "MISRATA, Libya | Sat Apr 16, 2011 9:40am EDT MISRATA, Libya (Reuters) -") in [
        (r.kind, r.text) for r in result.removed]


def test_a_dateline_after_kept_summary_lines_stays_in_the_text():
    body = (f"Road retaken\n\nThe council says the coastal road is open again after two days of fighting.\n\n"
            f"MISRATA, Libya (CNN) -- {LEDE}")
    result = clean_body(body)
    assert "MISRATA, Libya (CNN) --" in result.text and result.place is None
