from dateline.model import Token
from dateline.time.tense import TokenIndex, token_index


def _tokens(text: str) -> tuple[Token, ...]:
    out, pos = [], 0
    for word in text.split(" "):
        out.append(Token(start=pos, end=pos + len(word), lemma=word, pos="X", tag="X", dep="dep", head=0, sent=0))
        pos += len(word) + 1
    return tuple(out)


def test_at_finds_the_token_holding_an_offset_and_none_between_tokens():
    index = TokenIndex(_tokens("rebels shelled the port"))
    assert index.at(0) == 0 and index.at(9) == 1 and index.at(22) == 3
    assert index.at(6) is None  # the space after "rebels"


def test_the_index_is_reused_for_the_same_tokens_and_rebuilt_for_others():
    first, second = _tokens("one two"), _tokens("one two")
    assert token_index(first) is token_index(first)
    assert token_index(second) is not token_index(first)
    assert token_index(second).tokens is second


def _parsed(words: list[tuple[str, str, str, int]]) -> tuple[str, tuple[Token, ...]]:
    """(word, pos, tag, head) → text and tokens of one hand-parsed sentence."""
    out, pos = [], 0
    for word, part, tag, head in words:
        out.append(Token(start=pos, end=pos + len(word), lemma=word.lower(), pos=part, tag=tag, dep="dep", head=head,
                         sent=0))
        pos += len(word) + 1
    return " ".join(w for w, *_ in words), tuple(out)


def test_a_day_on_a_noun_under_a_plain_present_verb_points_nowhere_from_the_parse():
    from dateline.time.tense import direction_from_tokens

    # "Anger grows over the strike on Friday": Friday → on → strike (noun) → over → grows (present)
    text, tokens = _parsed([("Anger", "NOUN", "NN", 1), ("grows", "VERB", "VBZ", 1), ("over", "ADP", "IN", 1),
                            ("the", "DET", "DT", 4), ("strike", "NOUN", "NN", 2), ("on", "ADP", "IN", 4),
                            ("Friday", "PROPN", "NNP", 5)])
    start = text.index("Friday")
    assert direction_from_tokens(TokenIndex(tokens), start, start + 6) is None  # the cue words decide
    # "Talks resume on Friday": the day hangs from the present verb itself, which points forward
    text, tokens = _parsed([("Talks", "NOUN", "NNS", 1), ("resume", "VERB", "VBP", 1), ("on", "ADP", "IN", 1),
                            ("Friday", "PROPN", "NNP", 2)])
    start = text.index("Friday")
    assert direction_from_tokens(TokenIndex(tokens), start, start + 6) == 1


def _parsed_deps(words: list[tuple[str, str, str, str, int]]) -> tuple[str, tuple[Token, ...]]:
    """(word, pos, tag, dep, head) → text and tokens of one hand-parsed sentence."""
    out, pos = [], 0
    for word, part, tag, dep, head in words:
        out.append(Token(start=pos, end=pos + len(word), lemma=word.lower(), pos=part, tag=tag, dep=dep, head=head,
                         sent=0))
        pos += len(word) + 1
    return " ".join(w for w, *_ in words), tuple(out)


def test_an_infinitive_takes_the_tense_of_the_verb_it_completes():
    from dateline.time.tense import direction_from_tokens

    def direction(governor: tuple[str, str, str, str, int], *aux: tuple[str, str, str, str, int]) -> int | None:
        # "<subject> [aux] <governor> to storm it on Tuesday"
        n = len(aux)
        words = [("Troops", "NOUN", "NNS", "nsubj", n + 1), *aux, governor, ("to", "PART", "TO", "aux", n + 3),
                 ("storm", "VERB", "VB", "xcomp", n + 1), ("it", "PRON", "PRP", "dobj", n + 3),
                 ("on", "ADP", "IN", "prep", n + 3), ("Tuesday", "PROPN", "NNP", "pobj", n + 5)]
        text, tokens = _parsed_deps(words)
        start = text.index("Tuesday")
        return direction_from_tokens(TokenIndex(tokens), start, start + 7)

    assert direction(("tried", "VERB", "VBD", "ROOT", 1)) == -1  # the storming was on the Tuesday before
    assert direction(("try", "VERB", "VB", "ROOT", 2), ("will", "AUX", "MD", "aux", 2)) == 1
    assert direction(("plan", "VERB", "VBP", "ROOT", 1)) == 1


def test_a_verb_whose_past_is_its_base_form_says_nothing_in_the_present():
    from dateline.time.tense import direction_from_tokens

    # "Shells hit the depot on Friday": "hit" may be past or present; the cue words decide
    text, tokens = _parsed([("Shells", "NOUN", "NNS", 1), ("hit", "VERB", "VBP", 1), ("the", "DET", "DT", 3),
                            ("depot", "NOUN", "NN", 1), ("on", "ADP", "IN", 1), ("Friday", "PROPN", "NNP", 4)])
    start = text.index("Friday")
    assert direction_from_tokens(TokenIndex(tokens), start, start + 6) is None
    # "hits" is present only
    text, tokens = _parsed([("Storm", "NOUN", "NN", 1), ("hits", "VERB", "VBZ", 1), ("the", "DET", "DT", 3),
                            ("coast", "NOUN", "NN", 1), ("on", "ADP", "IN", 1), ("Friday", "PROPN", "NNP", 4)])
    start = text.index("Friday")
    assert direction_from_tokens(TokenIndex(tokens), start, start + 6) == 1


def test_a_day_after_the_object_of_a_preposition_may_date_that_noun():
    from dateline.time.tense import direction_from_tokens

    # "Fury rises over the raid on Monday": the parser hangs "on Monday" on "rises", right after "raid", the
    # object of "over" under the same verb; the plain present then says nothing (the cue words decide)
    words = [("Fury", "NOUN", "NN", "nsubj", 1), ("rises", "VERB", "VBZ", "ROOT", 1), ("over", "ADP", "IN", "prep", 1),
             ("the", "DET", "DT", "det", 4), ("raid", "NOUN", "NN", "pobj", 2), ("on", "ADP", "IN", "prep", 1),
             ("Monday", "PROPN", "NNP", "pobj", 5)]
    text, tokens = _parsed_deps(words)
    start = text.index("Monday")
    assert direction_from_tokens(TokenIndex(tokens), start, start + 6) is None
    # "The council holds a vote on Monday": the verb's direct object does not take the day from the verb
    words = [("The", "DET", "DT", "det", 1), ("council", "NOUN", "NN", "nsubj", 2), ("holds", "VERB", "VBZ", "ROOT", 2),
             ("a", "DET", "DT", "det", 4), ("vote", "NOUN", "NN", "dobj", 2), ("on", "ADP", "IN", "prep", 2),
             ("Monday", "PROPN", "NNP", "pobj", 5)]
    text, tokens = _parsed_deps(words)
    start = text.index("Monday")
    assert direction_from_tokens(TokenIndex(tokens), start, start + 6) == 1


def test_set_with_an_object_is_the_act_not_the_plan_word():
    from dateline.time.tense import direction_from_tokens

    def direction(*words: tuple[str, str, str, str, int]) -> int | None:
        text, tokens = _parsed_deps(list(words))
        start = text.index("Monday")
        return direction_from_tokens(TokenIndex(tokens), start, start + 6)

    # "Crowds set fire to the depot on Monday": the burning, whose tense the cue words decide
    assert direction(("Crowds", "NOUN", "NNS", "nsubj", 1), ("set", "VERB", "VBD", "ROOT", 1),
                     ("fire", "NOUN", "NN", "dobj", 1), ("to", "ADP", "IN", "prep", 1),
                     ("the", "DET", "DT", "det", 5), ("depot", "NOUN", "NN", "pobj", 3),
                     ("on", "ADP", "IN", "prep", 1), ("Monday", "PROPN", "NNP", "pobj", 6)) == -1
    # "Officials set the vote for Monday": a schedule points forward
    assert direction(("Officials", "NOUN", "NNS", "nsubj", 1), ("set", "VERB", "VBD", "ROOT", 1),
                     ("the", "DET", "DT", "det", 3), ("vote", "NOUN", "NN", "dobj", 1),
                     ("for", "ADP", "IN", "prep", 1), ("Monday", "PROPN", "NNP", "pobj", 4)) == 1


def test_set_is_a_plan_word_only_before_to_or_for():
    from dateline.time.tense import direction_from_tokens

    def direction(after: tuple[str, str, str, str, int]) -> int | None:
        # "Offices were set <after> ... on Monday"
        words = [("Offices", "NOUN", "NNS", "nsubjpass", 2), ("were", "AUX", "VBD", "auxpass", 2),
                 ("set", "VERB", "VBN", "ROOT", 2), after, ("on", "ADP", "IN", "prep", 2),
                 ("Monday", "PROPN", "NNP", "pobj", 4)]
        text, tokens = _parsed_deps(words)
        start = text.index("Monday")
        return direction_from_tokens(TokenIndex(tokens), start, start + 6)

    assert direction(("ablaze", "ADV", "RB", "advmod", 2)) == -1  # set ablaze on the Monday before
    assert direction(("for", "ADP", "IN", "prep", 2)) == 1  # set for Monday: a schedule
