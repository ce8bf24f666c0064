"""Stage names → stage classes. Built-ins are listed here; plugins arrive via entry points.

Engines ship stage *names* (and settings) to workers, never stage objects, so the same plan runs
in a local process pool or on Ray unchanged.
"""

from __future__ import annotations

import importlib
from functools import cache
from importlib.metadata import entry_points

from dateline.errors import DatelineError
from dateline.settings import Settings
from dateline.stage import Stage

BUILTIN_STAGES: dict[str, str] = {
    "ingest.extract": "dateline.ingest.stage:ExtractStage",
    "clean.noise": "dateline.clean.stage:CleanStage",
    "nlp.language": "dateline.nlp.stage:LanguageStage",
    "nlp.spacy": "dateline.nlp.stage:SpacyStage",
    "entities.canonical": "dateline.entities.stage:EntitiesStage",
    "time.tag": "dateline.time.stage:TimeStage",
    "geo.resolve": "dateline.geo.stage:GeoStage",
    # events read the time and geo results (event dates and places), so they come after both
    "events.extract": "dateline.events.stage:EventsStage",
    "quotes.extract": "dateline.quotes.stage:QuotesStage",
    "figures.extract": "dateline.figures.stage:FiguresStage",
}
DEFAULT_PLAN: tuple[str, ...] = tuple(BUILTIN_STAGES)
ENTRY_POINT_GROUP = "dateline.stages"


@cache
def _plugins() -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def stage_class(name: str) -> type[Stage]:
    """Import the class registered under ``name`` (built-in first, then plugins)."""
    target = BUILTIN_STAGES.get(name) or _plugins().get(name)
    if target is None:
        known = ", ".join(sorted({*BUILTIN_STAGES, *_plugins()}))
        raise DatelineError("E010", f"unknown stage '{name}'; known stages: {known}")
    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]


def build_plan(settings: Settings) -> list[Stage]:
    """Instantiate the stages of the run plan (cheap: no models are loaded here)."""
    return [stage_class(name)(settings) for name in (settings.stages or DEFAULT_PLAN)]


def plan_signature(settings: Settings) -> str:
    """A string naming every stage and version in the plan (and the settings that change a stage's output, when
    the stage says so in its ``signature``); stored with each document."""
    return "+".join(getattr(stage, "signature", stage.name) for stage in build_plan(settings))
