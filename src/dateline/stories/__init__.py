"""Stories: near-duplicates, incremental story clustering, cross-source event merging, conflicts,
timelines and cited summaries. The corpus-level entry point is :func:`update_stories`."""

from dateline.stories.cluster import StoryClusterer, place_documents
from dateline.stories.dedup import DuplicateIndex, signature
from dateline.stories.geocheck import GazetteerRivers, GeoJSONRivers, RiverIndex
from dateline.stories.merge import EventRow, merge_events
from dateline.stories.timeline import DatedSentence, datewise
from dateline.stories.update import update_stories, write_summary_md

__all__ = [
    "DatedSentence",
    "DuplicateIndex",
    "EventRow",
    "GazetteerRivers",
    "GeoJSONRivers",
    "RiverIndex",
    "StoryClusterer",
    "datewise",
    "merge_events",
    "place_documents",
    "signature",
    "update_stories",
    "write_summary_md",
]
