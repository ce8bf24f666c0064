"""Across documents: merge in-document canonical names into corpus-wide entities with stable ids."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.entities.aliases import normalize_surface
from dateline.ids import content_id
from dateline.model import Entity, Span

# Labels that may name the same thing: spaCy wavers between GPE/LOC/FAC, and between ORG/NORP for groups.
LABEL_GROUP = {"GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org", "NORP": "norp", "PERSON": "person"}


@dataclass(frozen=True, slots=True)
class MentionRow:
    doc: str
    start: int
    end: int
    text: str
    label: str
    canonical: str


def link_entities(
    mentions: Iterable[MentionRow], *, parents: Iterable[tuple[str, str]] = ()
) -> tuple[list[Entity], dict[tuple[str, int, int], str]]:
    """Group mentions into entities; return the entities and (doc, start, end) → entity id."""
    groups: dict[tuple[str, str], list[MentionRow]] = defaultdict(list)
    for row in mentions:
        groups[_key(row)].append(row)
    _merge_short_person_names(groups)
    entities: list[Entity] = []
    assignment: dict[tuple[str, int, int], str] = {}
    ids: dict[str, str] = {}
    for key in sorted(groups):
        rows = groups[key]
        entity_id = content_id(*key, prefix="ent-")
        name = _best_name(rows)
        ids[normalize_surface(name)] = entity_id
        for row in rows:
            ids.setdefault(normalize_surface(row.canonical), entity_id)
            assignment[(row.doc, row.start, row.end)] = entity_id
        entities.append(
            Entity(
                id=entity_id,
                name=name,
                type=Counter(r.label for r in rows).most_common(1)[0][0],
                aliases=tuple(sorted({r.text for r in rows})),
                mentions=tuple(Span(r.doc, r.start, r.end, r.text) for r in sorted(rows, key=lambda r: (r.doc, r.start))),
            )
        )
    parent_of = {ids[normalize_surface(c)]: ids[normalize_surface(p)] for c, p in parents
                 if normalize_surface(c) in ids and normalize_surface(p) in ids}
    entities = [Entity(e.id, e.name, e.type, e.aliases, e.mentions, part_of=parent_of.get(e.id)) for e in entities]
    return entities, assignment


def _key(row: MentionRow) -> tuple[str, str]:
    return LABEL_GROUP.get(row.label, row.label.lower()), normalize_surface(row.canonical or row.text)


def _merge_short_person_names(groups: dict[tuple[str, str], list[MentionRow]]) -> None:
    """A lone surname ("McGurk") joins the one full name in the corpus that ends with it."""
    full = [key for key in groups if key[0] == "person" and " " in key[1]]
    by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in full:
        by_last[key[1].split()[-1]].append(key)
    for key in [k for k in groups if k[0] == "person" and " " not in k[1]]:
        targets = by_last.get(key[1], [])
        if len(targets) == 1:
            groups[targets[0]].extend(groups.pop(key))


def _best_name(rows: list[MentionRow]) -> str:
    counts = Counter(r.canonical or r.text for r in rows)
    return max(counts, key=lambda name: (len(name.split()) if rows[0].label == "PERSON" else 0, counts[name],
                                         sum(c.isupper() for c in name), name))
