"""v4 frames and titles: where the cue sits oddly (a relative clause, a comma splice, a bare "X said."
after a quote, a colon label, a fronted "In a survey"), titles, short answers and refusals, and the
boundaries of a content (asides inside it, a quote opened inside it)."""

from __future__ import annotations

from dateline.quotes import extract_attributions
from dateline.quotes.headlines import find_sentence_case_title
from dateline.quotes.speakers import Parse


def _found(document):
    return [(document.text[a.start : a.end], a.cue, a.speaker.name if a.speaker else None) for a in extract_attributions(document)]


def _contents(document):
    return [content for content, _, _ in _found(document)]


def test_relative_pronoun_before_the_cue_is_left_out(make_document):
    doc = make_document("The council approved the levy, which the treasurer said would pay for two new schools.")
    assert ("would pay for two new schools", "said", "the treasurer") in _found(doc)


def test_aside_inside_a_content_stays(make_document):
    doc = make_document("The mayor said that the contractor, who has built three bridges in the county, will finish the work by May.")
    assert "that the contractor, who has built three bridges in the county, will finish the work by May" in _contents(doc)


def test_aside_at_the_end_of_a_content_is_cut(make_document):
    doc = make_document("The mayor said the work will finish by May, which surprised the council.")
    assert "the work will finish by May" in _contents(doc)


def test_bare_frame_after_a_quote_without_comma(make_document):
    doc = make_document("“We will rebuild the market before the rains.” Mayor Okafor said.")
    found = _found(doc)
    assert any(c.startswith("We will rebuild") and cue == "said" and speaker and "Okafor" in speaker for c, cue, speaker in found)


def test_colon_after_a_name_opens_a_quote(make_document):
    doc = make_document("The delay did not surprise the engineer Maria Lopez: “Steel prices doubled in a single year.”")
    assert ("Steel prices doubled in a single year.", ":", "Maria Lopez") in _found(doc)


def test_colon_after_a_common_noun_is_not_a_speaker(make_document):
    doc = make_document("There was one more problem: “the permits,” as everyone called them, had expired.")
    assert not any(cue == ":" for _, cue, _ in _found(doc))


def test_headline_label_with_small_words(make_document):
    doc = make_document("Mayor Okafor to Traders: The Market Will Reopen in June\nThe market has been closed since the fire.")
    found = _found(doc)
    assert any(c == "The Market Will Reopen in June" and cue == ":" for c, cue, _ in found)


def test_mixed_case_transcript_label(make_document):
    doc = make_document("Ana Ruiz: We asked for the wells to be tested twice and nobody came.")
    assert ("We asked for the wells to be tested twice and nobody came", ":", "Ana Ruiz") in _found(doc)


def test_quote_opened_inside_reported_speech_runs_to_its_close(make_document):
    doc = make_document("The minister said the new rules would “protect workers on every site. They are long overdue.”")
    assert any(c.startswith("the new rules would") and "They are long overdue" in c for c in _contents(doc))


def test_support_of_names_the_supporters(make_document):
    doc = make_document("The plan has the support of most farmers in the valley.")
    assert not any("most farmers" in c for c in _contents(doc))


def test_bare_common_noun_object_is_not_a_content(make_document):
    doc = make_document("The council thanked volunteers.")
    assert "volunteers" not in _contents(doc)


def test_fronted_survey_phrase_is_the_source(make_document):
    doc = make_document("In a survey released Monday, 61 percent of residents backed the new tram line.")
    found = _found(doc)
    assert any(c == "61 percent of residents backed the new tram line" and cue == "In" and speaker for c, cue, speaker in found)


def test_fronted_phrase_gives_way_to_a_cue_verb(make_document):
    doc = make_document("In a statement, the company said the plant would close in March.")
    found = _found(doc)
    assert ("the plant would close in March", "said", "the company") in found
    assert not any(cue == "In" for _, cue, _ in found)


def test_naming_verb_with_predicates_only(make_document):
    doc = make_document("Ms. Graham called both the mayor and the governor “reckless”.")
    assert any(c.startswith("both the mayor and the governor") and cue == "called" for c, cue, _ in _found(doc))


def test_title_case_headline_with_two_verbs(make_document):
    doc = make_document("Union Backs Mayor And Denounces Council\nThe union met on Friday.")
    found = _found(doc)
    assert ("Mayor", "Backs", "Union") in found
    assert ("Council", "Denounces", "Union") in found


def test_title_case_noun_after_a_determiner_is_not_the_verb(make_document):
    doc = make_document("The Only Reason Farmers Support The Dam\nWater is scarce in the valley.")
    found = _found(doc)
    assert any(cue == "Support" and c == "The Dam" for c, cue, _ in found)
    assert not any(cue == "Reason" for _, cue, _ in found)


def test_sentence_case_title_fallback(make_document):
    doc = make_document("Fishermen slam harbour plan.\nThe plan would close the old quay.")
    found = find_sentence_case_title(Parse(doc), doc.paragraphs, set())
    assert [(doc.text[a.start : a.end], a.cue) for a in found] == [("harbour plan", "slam")]
    assert found[0].speaker is not None and found[0].speaker.name == "Fishermen"


def test_sentence_case_title_fallback_waits_for_other_cues(make_document):
    doc = make_document("Fishermen slam harbour plan.\nThe plan would close the old quay.")
    cue_at = doc.text.index("slam")
    assert find_sentence_case_title(Parse(doc), doc.paragraphs, {cue_at}) == []


def test_asked_if_keeps_the_question(make_document):
    doc = make_document("Then the reporter asked the students if they were worried about the exams.")
    assert ("if they were worried about the exams", "asked", "the reporter") in _found(doc)


def test_said_yes_is_the_answer(make_document):
    doc = make_document("Asked about the levy, 46 percent of voters said yes.")
    assert any(c == "yes" and cue == "said" for c, cue, _ in _found(doc))


def test_according_to_after_a_verb_with_no_reported_clause(make_document):
    doc = make_document("He added a clause on water rights, according to two people in the room.")
    assert ("He added a clause on water rights", "according to", "two people") in _found(doc)


def test_comma_spliced_frame(make_document):
    doc = make_document("The line will reopen in June, the transport minister told reporters.")
    assert any(c == "The line will reopen in June" and cue == "told" for c, cue, _ in _found(doc))


def test_declined_to_comment(make_document):
    doc = make_document("A spokesman for the port declined to comment.")
    assert any(c == "to comment" and cue == "declined" for c, cue, _ in _found(doc))


def test_hopes_is_repaired_to_hope(make_document):
    doc = make_document("Ms. Diaz hopes the council will approve the budget in April.")
    assert any(c == "the council will approve the budget in April" and cue == "hopes" for c, cue, _ in _found(doc))


def test_as_x_put_it(make_document):
    doc = make_document("As one trader put it, “The river is our only road.”")
    assert ("The river is our only road.", "put", "one trader") in _found(doc)


def test_a_sign_that_reads_a_quote_and_the_quote_is_not_the_speaker(make_document):
    doc = make_document("“Hands off our market,” read one banner.")
    assert any(c.startswith("Hands off our market") and cue == "read" and speaker == "one banner" for c, cue, speaker in _found(doc))


def test_introducing_paragraph_ending_in_a_colon(make_document):
    doc = make_document("Mr. Okafor continued:\n“We have waited ten years for this bridge, and we will not wait ten more.”")
    found = _found(doc)
    assert any(c.startswith("We have waited ten years") and speaker and "Okafor" in speaker for c, _, speaker in found)


def test_trailing_apposition_is_cut(make_document):
    doc = make_document("Ms. Ortiz said she voted for Ben Carson, a surgeon who has never held office.")
    assert "she voted for Ben Carson" in _contents(doc)


def test_trailing_where_clause_is_cut(make_document):
    doc = make_document("The mayor said the ferry would stop at Dunmore, where the pier was rebuilt last year.")
    assert "the ferry would stop at Dunmore" in _contents(doc)


def test_trailing_while_clause_is_cut(make_document):
    doc = make_document("The minister said exports rose in March, while imports fell for a third month.")
    assert "exports rose in March" in _contents(doc)


def test_trailing_participle_is_cut(make_document):
    doc = make_document("Okafor said the market would reopen in June, referring to the fire that closed it.")
    assert "the market would reopen in June" in _contents(doc)


def test_apposition_after_a_dash_is_cut(make_document):
    doc = make_document("The report noted that spending reached $2 million — a record for the county.")
    assert "that spending reached $2 million" in _contents(doc)


def test_apposition_inside_a_content_stays(make_document):
    doc = make_document("The mayor said the contractor, a firm from Leeds, will finish the bridge by May.")
    assert any(c.startswith("the contractor, a firm from Leeds") and c.endswith("by May") for c in _contents(doc))


def test_coordinated_that_clause_is_reported_too(make_document):
    doc = make_document("The governor said the state needs a new reservoir, but that he would not raise taxes to pay for it.")
    assert "the state needs a new reservoir, but that he would not raise taxes to pay for it" in _contents(doc)
