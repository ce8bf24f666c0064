"""The language layer: language identification, then spaCy sentences, tokens and entity mentions.

spaCy is imported only in this package. Later stages read the character offsets and the
:class:`~dateline.model.Token` tuples this stage leaves on the document, never a spaCy ``Doc``.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from dateline.entities.aliases import load_alias_table
from dateline.model import STATUS_SKIPPED, Document, Mention, Token
from dateline.nlp.language import detect_language
from dateline.nlp.lemmas import LemmaRepair
from dateline.nlp.models import load_spacy
from dateline.stage import BaseStage

# Labels that name things (numbers, dates and amounts are handled by their own stages).
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
MAX_SPACY_CHARS = 2_000_000  # longer texts would need gigabytes in the parser
PIPE_BATCH = 32


class LanguageStage(BaseStage):
    """Set ``language``; non-English documents are kept but marked skipped for English-only stages."""

    name: ClassVar[str] = "nlp.language.v1"

    def process(self, document: Document) -> Document:
        guess = detect_language(document.text)
        if guess.language != "en" and guess.confidence >= self.settings.min_english_confidence:
            return dataclasses.replace(
                document,
                language=guess.language,
                status=STATUS_SKIPPED,
                error=f"language '{guess.language}' (confidence {guess.confidence:.2f}): English-only stages skipped",
            )
        return dataclasses.replace(document, language="en")


class SpacyStage(BaseStage):
    """Run the English spaCy pipeline (with Dateline's alias entity ruler) over a batch."""

    name: ClassVar[str] = "nlp.spacy.v2"  # v2: lemmatizer gaps repaired (nlp/lemmas.py)

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self._nlp: Any = None
        self._lemmas: LemmaRepair | None = None

    def setup(self) -> None:
        if self._nlp is not None:
            return
        nlp = load_spacy(self.settings.spacy_model)
        ruler = nlp.add_pipe("entity_ruler", name="dateline_aliases", before="ner")
        ruler.add_patterns(list(load_alias_table(tuple(self.settings.aliases)).patterns))
        nlp.max_length = MAX_SPACY_CHARS + 1
        self._lemmas = LemmaRepair(nlp)
        self._nlp = nlp

    def __call__(self, batch: list[Document]) -> list[Document]:
        self.setup()
        todo = [i for i, d in enumerate(batch) if d.ok and len(d.text) <= MAX_SPACY_CHARS]
        out = list(batch)
        for i in (i for i, d in enumerate(batch) if d.ok and len(d.text) > MAX_SPACY_CHARS):
            out[i] = dataclasses.replace(
                batch[i], status="error", error=f"article text too long for the language layer (> {MAX_SPACY_CHARS} chars)"
            )
        docs = self._nlp.pipe((batch[i].text for i in todo), batch_size=PIPE_BATCH)
        for i, doc in zip(todo, docs, strict=True):
            out[i] = annotate(batch[i], doc, self._lemmas)
        return out


def annotate(document: Document, doc: Any, lemmas: LemmaRepair | None = None) -> Document:
    """Copy sentences, tokens and entity mentions from a spaCy ``Doc`` onto the document (``lemmas``: the
    repair of the lemmatizer's gaps, :mod:`dateline.nlp.lemmas`)."""
    sentences = split_sentences(doc, document.paragraphs)
    tokens = _tokens(doc, sentences, lemmas)
    mentions = tuple(m for ent in doc.ents if ent.label_ in ENTITY_LABELS and (m := _mention(ent)) is not None)
    return dataclasses.replace(document, sentences=sentences, tokens=tokens, mentions=mentions)


def split_sentences(doc: Any, paragraphs: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """spaCy sentences, cut at paragraph boundaries and trimmed of whitespace."""
    cuts = sorted({end for _, end in paragraphs})
    spans: list[tuple[int, int]] = []
    text = doc.text
    for sent in doc.sents:
        start = sent.start_char
        for cut in (c for c in cuts if sent.start_char < c < sent.end_char):
            spans.append((start, cut))
            start = cut
        spans.append((start, sent.end_char))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return tuple(trimmed)


def _tokens(doc: Any, sentences: tuple[tuple[int, int], ...], lemmas: LemmaRepair | None) -> tuple[Token, ...]:
    tokens = []
    sent_index = 0
    for tok in doc:
        while sent_index + 1 < len(sentences) and tok.idx >= sentences[sent_index][1]:
            sent_index += 1
        lemma = lemmas.lemma(tok) if lemmas is not None else tok.lemma_
        tokens.append(Token(tok.idx, tok.idx + len(tok.text), lemma, tok.pos_, tok.tag_, tok.dep_, tok.head.i, sent_index))
    return tuple(tokens)


def _mention(ent: Any) -> Mention | None:
    """Trim a leading determiner and a trailing possessive; drop spans with no capitalised word."""
    tokens = list(ent)
    while tokens and tokens[0].lower_ in ("the", "a", "an") and len(tokens) > 1:
        tokens = tokens[1:]
    while tokens and tokens[-1].text in ("'s", "’s", "'", "’") and len(tokens) > 1:
        tokens = tokens[:-1]
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens):
        return None  # "toothy grin" tagged PERSON: names have a capital (units start with a number)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Mention(start, end, ent.doc.text[start:end], ent.label_, canonical=ent.ent_id_ or "")
