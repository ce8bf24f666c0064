"""One sense per document for place names (geo/propagate.py), on sentences written for these tests."""

from dateline.geo.propagate import place_names, propagated_spans
from dateline.model import Mention


def _mention(text: str, name: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start=start, end=start + len(name), text=name, label=label)


def _never_person(text: str, name: str) -> bool:
    return False


def test_settlement_noun_and_dateline_mark_a_place():
    text = ("Qaryat Nour, Oltania (CNN) -- Gunmen raided the hamlet of Bir Sallum before dawn. Tel Maran, a small "
            "farming village west of the river, was quiet. The district of Al-Wadi stayed closed.")
    names = place_names(text, [])
    assert {"Qaryat Nour", "Bir Sallum", "Tel Maran", "Al-Wadi"} <= names
    assert "Umm Rasa" in place_names("Crowds gathered in the towns of Umm Rasa and Dibbin.", [])


def test_leading_weekday_is_not_part_of_the_name():
    text = "Two were hurt on Saturday Kafr Tib, Oltania (Reuters) -- Shells fell on Kafr Tib."
    assert "Kafr Tib" in place_names(text, [])
    assert not any(name.startswith("Saturday") for name in place_names(text, []))


def test_a_person_like_apposition_is_no_place():
    text = "Omar Hadid, a city official, said the road was open."
    assert "Omar Hadid" not in place_names(text, [])


def test_name_marked_once_is_a_place_where_it_recurs():
    text = "Fighting reached the town of Zahret. Rockets hit Zahret overnight and Zahret's clinic closed."
    mentions = [_mention(text, "Zahret", "ORG", 1)]
    spans = propagated_spans(text, mentions, [], _never_person)
    assert [text[s:e] for s, e in spans] == ["Zahret", "Zahret", "Zahret"]


def test_majority_tag_decides_and_longer_entities_are_kept():
    text = ("Analysts at Brellow raised their target. Brellow said in Perth that demand grew. Brellow expects more. "
            "The Perth Mint Council met in Perth.")
    mentions = [_mention(text, "Brellow", "GPE"), _mention(text, "Brellow", "ORG", 1),
                _mention(text, "Brellow", "ORG", 2), _mention(text, "Perth", "GPE"),
                _mention(text, "The Perth Mint Council", "ORG")]
    spans = [text[s:e] for s, e in propagated_spans(text, mentions, [(text.index("Perth"), text.index("Perth") + 5)],
                                                      _never_person)]
    assert "Brellow" not in spans  # tagged a firm more often than a place
    assert spans == ["Perth"]  # the last "Perth"; the one inside the council's name stays part of it


def test_names_used_as_people_are_not_propagated():
    text = "The village of Hamdan was shelled. Hamdan said he would stay."
    spans = propagated_spans(text, [], [], lambda t, name: name == "Hamdan")
    assert spans == []
