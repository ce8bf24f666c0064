"""Reader comments left in an article's text (blog and news-site comment sections, as scrapers often keep them).

A comment section is recognized by its stamps, "March 8, 2011 at 6:40 pm | ...": a date, "at", a clock time and
a separator, the layout most comment systems print before or after each comment. Two or more stamps mark the
section; it starts at the line of the first one. Nothing is removed from the text (provenance stays simple and a
false alarm loses nothing): later stages read :func:`comments_start` and never take facts from what follows it.
"""

from __future__ import annotations

import re

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
STAMP = re.compile(rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}},? at \d{{1,2}}:\d{{2}}\s?(?:[ap]\.?m\.?)?"
                   rf"(?:\s?[A-Z]{{2,4}})?\s?[|•·–-]", re.IGNORECASE)
MIN_STAMPS = 2


def comments_start(text: str) -> int | None:
    """Where the reader comments begin (the start of the line of the first stamp), or None."""
    stamps = STAMP.finditer(text)
    first = next(stamps, None)
    if first is None or next(stamps, None) is None:
        return None
    line = text.rfind("\n", 0, first.start())
    return line + 1 if line >= 0 else first.start()
