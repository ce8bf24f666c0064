"""Temporal expressions: recognition and TIMEX3 normalisation, publication-date inference, event dates."""

from dateline.time.event_date import event_date
from dateline.time.pubdate import infer_publication_date
from dateline.time.stage import TimeStage
from dateline.time.tagger import tag_times

__all__ = ["TimeStage", "event_date", "infer_publication_date", "tag_times"]
