"""v3 patterns: stance adjectives, passives without an agent, relative-pronoun sources, quoted titles,
glued dash bylines, coordinated infinitives and clauses, object predicates and their phrases."""

from __future__ import annotations

from dateline.quotes import extract_attributions
from dateline.quotes.speakers import load_lexicon


def _found(document):
    return [(document.text[a.start : a.end], a.cue, a.speaker.name if a.speaker else None) for a in extract_attributions(document)]


def test_adjective_lexicon_loads():
    adjectives, _ = load_lexicon("adjective_cues")
    assert {"sure", "clear", "critical", "willing"} <= adjectives


def test_copular_adjective_with_that_clause(make_document):
    doc = make_document("The mayor was confident that the new bridge would open by June.")
    assert ("that the new bridge would open by June", "was confident", "The mayor") in _found(doc)


def test_expletive_it_gives_no_source(make_document):
    doc = make_document("It is clear that the harbour needs a new pier.")
    assert ("that the harbour needs a new pier", "is clear", None) in _found(doc)


def test_copular_adjective_with_of_phrase(make_document):
    doc = make_document("Senator Ruth Adler has been critical of the fuel tax.")
    assert ("the fuel tax", "has been critical", "Ruth Adler") in _found(doc)


def test_copular_adjective_with_infinitive(make_document):
    doc = make_document("The farmers were willing to sell their land to the city.")
    contents = [c for c, _, _ in _found(doc)]
    assert "to sell their land to the city" in contents


def test_passive_object_cue_without_agent(make_document):
    found = _found(make_document("The new treasurer was accused of hiding the audit."))
    assert found == [("The new treasurer was accused of hiding the audit", "was accused", None)]
    assert _found(make_document("The curfew was announced on Monday night.")) == [("The curfew", "was announced", None)]


def test_relative_pronoun_source_takes_antecedent_name(make_document):
    doc = make_document("The audit angered Anna Berg, who said the agency had ignored the warnings for years.")
    (attribution,) = extract_attributions(doc)
    assert doc.text[attribution.speaker.start : attribution.speaker.end] == "who"
    assert attribution.speaker.name == "Anna Berg"


def test_quoted_show_title_is_not_a_quote(make_document):
    doc = make_document("On “Morning Coffee Hour,” the minister said the fishing quota was fair.")
    assert [c for c, _, _ in _found(doc)] == ["the fishing quota was fair"]


def test_dash_glued_to_closing_mark(make_document):
    doc = make_document("“The plan will hurt small farms and empty our villages.”― Maria Ortiz\n"
                        "“We were never asked about any of it.”― Jonas Weber")
    speakers = [s for _, _, s in _found(doc)]
    assert speakers == ["Maria Ortiz", "Jonas Weber"]


def test_coordinated_infinitives_stay_in_content(make_document):
    doc = make_document("She wants to double the library budget, hire new teachers and build two schools.")
    assert ("to double the library budget, hire new teachers and build two schools", "wants", "She") in _found(doc)


def test_coordinated_that_clause_with_cue_word_stays_in_content(make_document):
    doc = make_document("He said that the levy would raise rents but that it would also add jobs in the port.")
    contents = [c for c, _, _ in _found(doc)]
    assert "that the levy would raise rents but that it would also add jobs in the port" in contents


def test_handing_over_verbs_are_not_cues(make_document):
    assert _found(make_document("The company released its annual report on Tuesday.")) == []


def test_relative_object_predicate(make_document):
    doc = make_document("The union denounced what the owners called a “final offer” on wages.")
    assert ("a “final offer” on wages", "called", "the owners") in _found(doc)


def test_object_with_predicate_and_phrases(make_document):
    cited = _found(make_document("The councillor cited complaints residents had filed as proof of neglect."))
    assert ("complaints residents had filed as proof of neglect", "cited", "The councillor") in cited
    described = _found(make_document("The report described poor treatment by the contractor behind closed doors."))
    assert described[0][0] == "poor treatment by the contractor behind closed doors"
