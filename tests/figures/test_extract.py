"""Figures: what is counted, value, source and as-of date."""

from __future__ import annotations

from dateline.figures.stage import FiguresStage
from dateline.settings import Settings


def _figures(document):
    return FiguresStage(Settings()).process(document).figures


def test_fled_figure_with_qualifier(make_document):
    doc = make_document("More than 45,000 people have fled the district since the fighting began.", published="2017-05-02")
    (figure,) = _figures(doc)
    assert figure.value == 45_000 and figure.unit_or_what == "people fled"
    assert figure.as_of == "2017-05-02" or figure.as_of is not None
    assert doc.text[figure.start : figure.end] == doc.text  # the sentence


def test_figure_attributed_to_organisation(make_document):
    doc = make_document("The camp is full, with the United Nations saying 12,000 people were displaced in one week.")
    (figure,) = _figures(doc)
    assert figure.unit_or_what == "people displaced"
    assert figure.attributed_to == "United Nations"


def test_trained_members_figure(make_document):
    doc = make_document("The mission has trained nearly 20,000 members of the national police, the ambassador said.")
    (figure,) = _figures(doc)
    assert figure.value == 20_000
    assert figure.unit_or_what == "members of the national police trained"


def test_killed_leaders_and_vague_count(make_document):
    doc = make_document("She said 35 rebel commanders had been killed. Dozens of families remain trapped in the valley.")
    values = {f.unit_or_what: f.value for f in _figures(doc)}
    assert values["rebel commanders killed"] == 35
    assert values["families"] == 12 or values.get("families trapped") == 12


def test_no_figure_from_years_ages_percentages(make_document):
    doc = make_document("In 2016 a 14-year-old was hurt, and 60 percent of the town was retaken by the 3rd division.")
    assert _figures(doc) == ()


def test_range_is_one_figure_at_its_lower_value(make_document):
    doc = make_document("Activists said between 17 and 21 civilians were killed in the strike on the crossing.")
    (figure,) = _figures(doc)
    assert figure.value == 17 and figure.unit_or_what == "civilians killed"
    doc = make_document("Medics said 30-40 people were wounded.")
    (figure,) = _figures(doc)
    assert figure.value == 30 and "wounded" in figure.unit_or_what


def test_figures_reuse_the_quotes_stages_attributions(make_document):
    from dateline.quotes.stage import QuotesStage

    doc = make_document("The United Nations said 12,000 people were displaced, and medics said 40 were wounded.")
    alone = FiguresStage(Settings()).process(doc).figures
    after_quotes = FiguresStage(Settings()).process(QuotesStage(Settings()).process(doc)).figures
    assert alone and after_quotes == alone


def test_running_totals_are_marked_cumulative(make_document):
    total = _figures(make_document("More than 300 people have been killed since the fighting began in March."))
    single = _figures(make_document("The blast killed 14 people at the market on Monday."))
    assert total and all(f.cumulative for f in total)
    assert single and not any(f.cumulative for f in single)


def test_no_figure_is_taken_from_reader_comments(make_document):
    article = "More than 45,000 people have fled the district since the fighting began.\n"
    comments = ("Ann\nMarch 8, 2011 at 6:40 pm | I heard 3,000 people were displaced in one week.\n"
                "Bob\nMarch 8, 2011 at 7:02 pm | No, it was more.\n")
    figures = _figures(make_document(article + comments, published="2017-05-02"))
    assert [f.value for f in figures] == [45_000]
