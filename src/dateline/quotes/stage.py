"""The quotes stage: fill ``Document.quotes`` (and speaker roles and spans in ``meta``)."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from dateline.clean.comments import comments_start
from dateline.model import Document, Quote
from dateline.quotes import extract_attributions, load_speech_verbs
from dateline.quotes.speakers import Attribution, load_lexicon
from dateline.stage import BaseStage

LEXICONS = ("object_verbs", "prep_verbs", "noun_cues", "adjective_cues", "not_source_labels", "raising_verbs", "source_nouns")
META_KEY = "quote_details"  # quote id → {speaker_role, speaker_start, speaker_end, cue_start, cue_end}
ATTRIBUTIONS_KEY = "attributions"  # the Attribution records themselves, for later stages of the same worker


class QuotesStage(BaseStage):
    """Direct and indirect quotes with speakers resolved to canonical entity names."""

    name: ClassVar[str] = "quotes.extract.v4"

    def setup(self) -> None:
        load_speech_verbs()
        for name in LEXICONS:
            load_lexicon(name)

    def process(self, document: Document) -> Document:
        attributions = extract_attributions(document)
        comments = comments_start(document.text)  # readers' comments quote nobody the article reports
        if comments is not None:
            attributions = [a for a in attributions if a.end <= comments]
        quotes = tuple(to_quote(document, a) for a in attributions)
        details = {q.id: _details(a) for q, a in zip(quotes, attributions, strict=True)}
        meta = {**document.meta, META_KEY: details, ATTRIBUTIONS_KEY: attributions}
        return dataclasses.replace(document, quotes=quotes, meta=meta)


def to_quote(document: Document, attribution: Attribution) -> Quote:
    """The model record for one attribution (``text`` is exactly ``document.text[start:end]``)."""
    speaker = attribution.speaker
    return Quote(
        id=f"q-{document.id}-{attribution.start}",
        doc=document.id,
        start=attribution.start,
        end=attribution.end,
        text=document.text[attribution.start : attribution.end],
        kind=attribution.kind,
        speaker=speaker.name if speaker else None,
        speaker_entity=None,
        cue=attribution.cue,
    )


def _details(attribution: Attribution) -> dict[str, Any]:
    speaker = attribution.speaker
    return {
        "speaker_role": speaker.role if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "cue_start": attribution.cue_start,
        "cue_end": attribution.cue_end,
    }
