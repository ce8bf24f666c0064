"""How rule evidence and the embedding classifier combine into one event class.

Every class a trigger's rules allow gets its rule weight (0–1, in ``triggers.tsv``); evidence from
the rest of the sentence (a perpetrator noun such as "suicide bomber", a modifier such as "grenade"
in "grenade attack") adds its classes at ``EVIDENCE_FACTOR`` of their weight. With the classifier,
each class's score becomes ``rule + EMBED_WEIGHT * p(class | sentence)``: a specific trigger (weight
~1) keeps its class, a generic one ("attack", 0.5) is retyped when the sentence reads like an air
strike or a riot. Without the classifier the best rule wins (ties: file order).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dateline.events.triggers import Candidate
from dateline.model import Token

EMBED_WEIGHT = 1.0  # chosen on the CASE dev set from 0, 0.3, 0.5, 0.8, 1.0, 1.5, 3.0 (see BENCHMARKS.md)
EVIDENCE_FACTOR = 0.9  # sentence evidence is slightly weaker than the trigger's own rules
FIRST_SENTENCE = 1.0  # salience of a snippet's first sentence (the lede states the main event)
LATER_SENTENCE = 0.75
ROOT_BONUS = 0.1
EVIDENCE_HOPS = 2  # "a suicide bomber attacked" (subject), "an attack by gunmen" (by → gunmen)


def rule_scores(candidate: Candidate, evidence: Sequence[Candidate], tokens: Sequence[Token]) -> dict[str, float]:
    """Class → rule score for one trigger, with evidence under it ("suicide bomber", "grenade") folded in."""
    scores = dict(candidate.options)
    for other in evidence:
        if other is candidate or not other.agent or not _under(tokens, other.head, candidate.head):
            continue
        for cls, weight in other.options:
            scores[cls] = max(scores.get(cls, 0.0), weight * EVIDENCE_FACTOR)
    return scores


def _under(tokens: Sequence[Token], i: int, head: int) -> bool:
    """``i`` is ``head`` or depends on it within EVIDENCE_HOPS."""
    for _ in range(EVIDENCE_HOPS + 1):
        if i == head:
            return True
        if tokens[i].head == i:
            return False
        i = tokens[i].head
    return False


def choose(scores: Mapping[str, float], probs: Mapping[str, float] | None, *, open_set: bool = True) -> tuple[str, float]:
    """The best class and its combined score; ``open_set``: the classifier may pick a class no rule gave."""
    if not probs:
        best = max(scores.items(), key=lambda kv: kv[1])
        return best
    classes = {*scores, *probs} if open_set else set(scores)
    combined = {cls: scores.get(cls, 0.0) + EMBED_WEIGHT * probs.get(cls, 0.0) for cls in classes}
    return max(combined.items(), key=lambda kv: kv[1])


def salience(candidate: Candidate, *, first_sentence: int, is_root: bool) -> float:
    base = FIRST_SENTENCE if candidate.sent == first_sentence else LATER_SENTENCE
    return base + (ROOT_BONUS if is_root else 0.0)


def main_class(
    candidates: Sequence[Candidate], roots: set[int], probs: Mapping[str, float] | None, *, first_sentence: int = 0
) -> str | None:
    """The class of a text's main event: the most salient trigger evidence plus the classifier."""
    scores: dict[str, float] = {}
    for candidate in candidates:
        weight = salience(candidate, first_sentence=first_sentence, is_root=candidate.head in roots)
        if candidate.agent:
            weight *= EVIDENCE_FACTOR
        for cls, score in candidate.options:
            scores[cls] = max(scores.get(cls, 0.0), score * weight)
    if not scores and not probs:
        return None
    return choose(scores, probs)[0]
