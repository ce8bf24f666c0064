"""Two gaps of spaCy's rule lemmatizer that later stages trip over, filled from its own lookup tables.

The English pipelines lemmatize by part of speech with a table of exceptions, so two kinds of word keep their
surface form as lemma, and every lexicon keyed on lemmas (triggers, actors, cue words) misses them:

- a verb built from an irregular one with a prefix: "retook", "overtook" is in the exceptions, "retook" is not;
- a common noun at the start of a sentence that the tagger reads as a proper noun ("Rebels captured ...",
  "Protesters marched ..."): a proper noun's lemma is its surface form, so "Rebels" never becomes "rebel".

Hand-written because spaCy exposes no call that lemmatizes a word as another part of speech than its tag; this
reads the same tables (``lemma_exc``, ``lemma_rules``, ``lemma_index``) its rule lemmatizer reads.
"""

from __future__ import annotations

from typing import Any

VERB_PREFIXES = ("re", "over", "under", "out", "mis", "with", "up", "fore")


class LemmaRepair:
    """Lemmas for the two gaps above, from a loaded spaCy pipeline's lemmatizer tables (none: no repair)."""

    def __init__(self, nlp: Any) -> None:
        self._exc: dict[str, dict[str, list[str]]] = {}
        self._rules: dict[str, list[list[str]]] = {}
        self._index: dict[str, set[str]] = {}
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in getattr(nlp, "pipe_names", ()) else None
        lookups = getattr(lemmatizer, "lookups", None)
        if lookups is None or not all(lookups.has_table(t) for t in ("lemma_exc", "lemma_rules", "lemma_index")):
            return
        exc, rules, index = (lookups.get_table(t) for t in ("lemma_exc", "lemma_rules", "lemma_index"))
        self._exc = {pos: dict(exc.get(pos, {})) for pos in ("verb", "noun")}
        self._rules = {"noun": list(rules.get("noun", []))}
        self._index = {pos: set(index.get(pos, [])) for pos in ("noun", "verb")}

    def lemma(self, token: Any) -> str:
        """The token's lemma, repaired where one of the two gaps applies."""
        lemma: str = token.lemma_
        lower = token.text.lower()
        if token.pos_ == "VERB" and lower.startswith(VERB_PREFIXES) and lemma.lower() == lower:  # any tag: a guess
            return self._prefixed_verb(lower) or lemma
        if token.pos_ == "PROPN" and token.is_sent_start and token.ent_iob_ == "O" and token.text.istitle():
            return self._common_noun(lower) or lemma
        return lemma

    def _prefixed_verb(self, lower: str) -> str | None:
        verbs = self._exc.get("verb", {})
        if lower in self._index.get("verb", set()):
            return None  # "relent" is a verb of its own, not "re" + "lent"
        for prefix in VERB_PREFIXES:
            rest = lower[len(prefix):]
            if lower.startswith(prefix) and len(rest) > 2 and verbs.get(rest):
                return prefix + verbs[rest][0]
        return None

    def _common_noun(self, lower: str) -> str | None:
        """The singular of a plural common noun ("rebels" → "rebel"); None for anything else (a name, a
        singular: its lemma is already its lower-cased form for every lexicon that reads it)."""
        nouns = self._index.get("noun", set())
        if exception := self._exc.get("noun", {}).get(lower):
            return exception[0] if exception[0] != lower else None
        for old, new in self._rules.get("noun", []):
            if old and lower.endswith(old):
                candidate = lower[: len(lower) - len(old)] + new
                if candidate != lower and candidate in nouns:
                    return candidate
        return None
