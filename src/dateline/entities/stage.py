"""The per-document entities stage (canonical names, corrected labels)."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from dateline.entities.aliases import load_alias_table
from dateline.entities.canonical import canonicalize, parent_links
from dateline.entities.places import is_well_known_place, well_known_place_names
from dateline.model import Document
from dateline.stage import BaseStage


class EntitiesStage(BaseStage):
    """Canonicalise mentions within each document; record unit → parent links in ``meta``."""

    name: ClassVar[str] = "entities.canonical.v1"

    def setup(self) -> None:
        load_alias_table(tuple(self.settings.aliases))
        well_known_place_names()

    def process(self, document: Document) -> Document:
        aliases = load_alias_table(tuple(self.settings.aliases))
        document = canonicalize(document, aliases, is_place=_place_check(document))
        meta = {**document.meta, "entity_parents": parent_links(document, aliases)}
        return dataclasses.replace(document, meta=meta)


def _place_check(document: Document):  # type: ignore[no-untyped-def]
    """A place test that never fires on a name the document also uses inside a longer person name."""
    person_words = {w for m in document.mentions if m.label == "PERSON" and " " in m.text for w in m.text.split()}

    def check(surface: str) -> bool:
        return surface not in person_words and is_well_known_place(surface)

    return check
