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
