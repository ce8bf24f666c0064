"""How rule evidence and the detector's type probabilities combine into one event class.

Every class a trigger's rules allow gets its rule weight (0–1, in ``triggers.tsv``); evidence from
the rest of the sentence (a perpetrator noun such as "suicide bomber", a modifier such as "grenade"
in "grenade attack") adds its classes at ``EVIDENCE_FACTOR`` of their weight. With the detector
(:mod:`dateline.events.detect`), each class's score becomes ``rule + EMBED_WEIGHT * p(type | sentence)``: a
specific trigger (weight ~1) keeps its class, a generic one ("attack", 0.5) is retyped when the sentence
reads like an air strike or a riot. Without it the best rule wins (ties: file order).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from dateline.events.triggers import Candidate
from dateline.model import Token

EMBED_WEIGHT = 1.0  # chosen on the CASE dev set from 0, 0.3, 0.5, 0.8, 1.0, 1.5, 3.0 (events v2; see BENCHMARKS.md)
EVIDENCE_FACTOR = 0.9  # sentence evidence is slightly weaker than the trigger's own rules
EVIDENCE_HOPS = 2  # "a suicide bomber attacked" (subject), "an attack by gunmen" (by → gunmen)


def rule_scores(candidate: Candidate, evidence: Sequence[Candidate], tokens: Sequence[Token],
                family: Callable[[str], str] | None = None) -> dict[str, float]:
    """Class → rule score for one trigger, with evidence under it ("suicide bomber", "grenade") folded in.

    ``family`` (class → ACLED event type): evidence adds a class only in a family the trigger's own rules do not
    name. A participant says what kind of event it is ("a suicide bomber attacked": an explosion), but within the
    trigger's family the trigger's word says how it went: "protesters clashed with police" is no peaceful protest
    because protesters are in it."""
    scores = dict(candidate.options)
    own = {family(cls) for cls in scores} if family else set()
    for other in evidence:
        if other is candidate or not other.agent or not _under(tokens, other.head, candidate.head):
            continue
        for cls, weight in other.options:
            if family and cls not in scores and family(cls) in own:
                continue
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
