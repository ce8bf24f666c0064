"""Within one document: give every mention a canonical name and fix labels spaCy gets wrong.

- alias groups (data file): "Isis", "IS", "ISIL" → "Islamic State";
- people: "Mr McGurk", "McGurk" → "Brett McGurk" when the document names him in full;
  "Col Mohammed" → "Colonel Mohammed" (rank expanded) when no fuller name exists;
- organisations: case variants share one name; a unit keeps a link to its parent
  ("the Iraqi army's 9th armoured division" → part of "Iraqi Army");
- labels: a PERSON that a place cue ("the village of X", "X, an industrial zone") or the
  gazetteer says is a place becomes GPE.

Written by hand: spaCy has no within-document alias/short-form resolution for news names, and
coreference models cannot be loaded here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from dateline.entities.aliases import AliasTable, normalize_surface, org_cues, place_cues
from dateline.model import Document, Mention

NAME_TOKEN = re.compile(r"[\w][\w.'’-]*")
PARENT_GAP = re.compile(r"^\s*(?:'s|’s)\s+$")  # "Iraqi army" + "'s " + "9th armoured division"
APPOSITION_CUE = re.compile(r"^,\s+(?:an?|the)\s+((?:[\w-]+\s+){0,2}[\w-]+)")
PlaceCheck = Callable[[str], bool]


def canonicalize(document: Document, aliases: AliasTable, *, is_place: PlaceCheck | None = None) -> Document:
    """Return the document with corrected labels and in-document canonical names on its mentions."""
    text = document.text
    mentions = [_relabel(m, text, aliases, is_place) for m in document.mentions]
    mentions = [_with_title(m, text, aliases) if m.label == "PERSON" else m for m in mentions]
    people = _full_names(mentions, aliases)
    org_forms = _preferred_forms(m for m in mentions if m.label != "PERSON")
    resolved = []
    for mention in mentions:
        if mention.canonical:  # set by the alias ruler
            name = mention.canonical
        elif (hit := aliases.lookup(mention.text)) is not None:
            name = hit[0]
        elif mention.label == "PERSON":
            name = _person_name(mention.text, people, aliases)
        else:
            name = org_forms.get(normalize_surface(mention.text), mention.text)
        resolved.append(dataclasses.replace(mention, canonical=name))
    return dataclasses.replace(document, mentions=tuple(resolved))


def parent_links(document: Document, aliases: AliasTable) -> dict[str, str]:
    """Unit → parent organisation, by canonical name, from possessives and containment."""
    links: dict[str, str] = {}
    orgs = [m for m in document.mentions if m.label == "ORG"]
    for unit in orgs:
        if aliases.lookup(unit.text) is None and (inner := _known_org_inside(unit, aliases)) is not None:
            links[unit.canonical] = inner
            continue
        for other in orgs:
            if other is unit or other.canonical == unit.canonical:
                continue
            inside = unit.start <= other.start and other.end <= unit.end
            possessive = other.end <= unit.start and PARENT_GAP.match(document.text[other.end : unit.start])
            if inside or possessive:
                links.setdefault(unit.canonical, other.canonical)
    return links


def _known_org_inside(unit: Mention, aliases: AliasTable) -> str | None:
    """The longest alias-table organisation named inside a longer ORG ("9th Iraqi army division")."""
    words = NAME_TOKEN.findall(unit.text)
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            hit = aliases.lookup(" ".join(words[i : i + size]))
            if hit is not None and hit[1] == "ORG" and hit[0] != unit.canonical:
                return hit[0]
    return None


def _relabel(mention: Mention, text: str, aliases: AliasTable, is_place: PlaceCheck | None) -> Mention:
    hit = aliases.lookup(mention.text)
    if hit is not None:
        return dataclasses.replace(mention, label=hit[1], canonical=hit[0])
    if mention.label != "PERSON":
        return mention
    if _has_place_cue(mention, text) or (is_place is not None and is_place(mention.text)):
        return dataclasses.replace(mention, label="GPE")
    previous = text[max(0, mention.start - 20) : mention.start].split()
    if previous and previous[-1].lower() in org_cues():
        return dataclasses.replace(mention, label="ORG")  # "Kurdish broadcaster Rudaw"
    return mention


def _has_place_cue(mention: Mention, text: str) -> bool:
    cues = place_cues()
    before = [w.strip("[](),.") for w in text[max(0, mention.start - 30) : mention.start].lower().split()]
    after = text[mention.end : mention.end + 40]
    if before and before[-1] == "of" and len(before) >= 2 and before[-2] in cues:
        return True  # "the village of X"
    if before and before[-1] in cues:
        return True  # "Hay X"
    next_word = NAME_TOKEN.match(after.lstrip())
    if next_word and next_word.group(0).lower() in cues and after[:1] == " ":
        return True  # "X district"
    apposition = APPOSITION_CUE.match(after)
    return bool(apposition and any(w in cues for w in apposition.group(1).lower().split()))  # "X, an industrial zone"


def _with_title(mention: Mention, text: str, aliases: AliasTable) -> Mention:
    """Extend a PERSON span leftwards over a rank or honorific spaCy left out ("Col" + "Mohammed")."""
    before = text[max(0, mention.start - 25) : mention.start]
    for form in sorted(aliases.titles, key=len, reverse=True):
        if before.lower().endswith(form + " ") and (len(before) == len(form) + 1 or not before[-len(form) - 2].isalnum()):
            start = mention.start - len(form) - 1
            return dataclasses.replace(mention, start=start, text=text[start : mention.end])
    return mention


def _split_title(surface: str, aliases: AliasTable) -> tuple[str, list[str]]:
    """"Col Mohammed" → ("Colonel", ["Mohammed"]); "Mr McGurk" → ("", ["McGurk"])."""
    words = NAME_TOKEN.findall(surface)
    title = ""
    while words:
        two = " ".join(words[:2]).lower()
        if len(words) > 2 and two in aliases.titles:
            title, words = aliases.titles[two] or title, words[2:]
        elif len(words) > 1 and words[0].lower() in aliases.titles:
            title, words = aliases.titles[words[0].lower()] or title, words[1:]
        else:
            break
    return title, words


def _full_names(mentions: list[Mention], aliases: AliasTable) -> list[list[str]]:
    names = []
    for mention in mentions:
        if mention.label == "PERSON":
            _, words = _split_title(mention.text, aliases)
            if len(words) >= 2:
                names.append(words)
    return sorted(names, key=len, reverse=True)


def _person_name(surface: str, people: list[list[str]], aliases: AliasTable) -> str:
    title, words = _split_title(surface, aliases)
    if len(words) >= 2:
        return " ".join(words)
    if not words:
        return surface
    single = words[0]
    for full in people:  # longest first: "Brett McGurk" for "McGurk"
        if single in (full[-1], full[0]):
            return " ".join(full)
    return f"{title} {single}" if title else single


def _preferred_forms(mentions: object) -> dict[str, str]:
    """Per normalised key, the best-capitalised surface ("Iraqi Army" over "Iraqi army")."""
    forms: dict[str, str] = {}
    for mention in mentions:  # type: ignore[attr-defined]
        key = normalize_surface(mention.text)
        surface = re.sub(r"^(?:the|so-called)\s+", "", mention.text, flags=re.I)
        surface = re.sub(r"(?:'s|’s)$", "", surface)
        if key not in forms or _caps(surface) > _caps(forms[key]):
            forms[key] = surface
    return forms


def _caps(text: str) -> int:
    return sum(1 for c in text if c.isupper())
