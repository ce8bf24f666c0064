"""The figures stage: fill ``Document.figures``."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from dateline.figures.extract import counted_words, extract_figures
from dateline.figures.numbers import number_words
from dateline.model import Document
from dateline.quotes import extract_attributions
from dateline.quotes.stage import ATTRIBUTIONS_KEY
from dateline.stage import BaseStage


class FiguresStage(BaseStage):
    """Reported counts (killed, displaced, trained ...) with what, as-of date and who reported them."""

    name: ClassVar[str] = "figures.extract.v3"

    def setup(self) -> None:
        counted_words()
        number_words()

    def process(self, document: Document) -> Document:
        # the source of a figure is the speaker of its clause: the quotes stage's attributions when it ran first
        attributions = document.meta.get(ATTRIBUTIONS_KEY)
        if attributions is None:
            attributions = extract_attributions(document)
        return dataclasses.replace(document, figures=tuple(extract_figures(document, attributions)))
