"""Ordinary crime is not a political event: an arrest for burglary or a stolen van is police news, not ACLED's.

ACLED codes arrests and looting when they are part of political violence or protest (activists detained,
a militant cell rounded up, shops looted in a riot); its scope excludes ordinary crime. A sentence of the
criminal-justice register ("charged with burglary", "suspected of fraud", "stolen") with no political cue
in it or the sentence before ("protesters", "activists", "militants", "opposition", soldiers or security forces) is
ordinary crime, and its arrests and thefts are no event records (unless the sentence names an armed group of
the actor dictionary). The words are general English crime and
politics vocabulary, not names from any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable

KINDS = frozenset({"Arrests", "Looting/property destruction"})  # the sub-event types crime news reads as
_CRIME = re.compile(
    r"\b(?:charged|charges|suspects?|suspected of|suspicion of|accused of|convicted of|pleaded guilty|jail(?:ed)?|"
    r"custody|court|allegedly|lawsuit|"
    r"burglar(?:y|ies|s)?|theft|thefts|thie(?:f|ves)|stole|stolen|steal(?:ing)?|robber(?:y|ies|s)?|robbed|"
    r"shoplift\w*|carjack\w*|fraud\w*|embezzl\w*|insider trading|murder\w*|homicide|manslaughter|"
    r"assault(?:ed|ing)?|drunk|DUI|impaired driving|drugs?|narcotics?|cocaine|heroin|meth\w*|"
    r"pornography|indecent|broken into|break-ins?|vandal\w*|trespass\w*|warrant)\b",
    re.IGNORECASE,
)
_POLITICAL = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|riot\w*|activists?|dissidents?|opposition|journalists?|"
    r"reporters?|bloggers?|lawyers?|militants?|rebels?|insurgents?|terror\w*|jihadi\w*|extremis\w*|"
    r"separatists?|guerrillas?|militias?|regime|junta|coup|political|politicians?|lawmakers?|"
    r"election\w*|sedition|treason|blasphemy|insurrection|uprising|crackdown|armed group|movement|"
    r"security forces|soldiers?|troops|army|military)\b",
    re.IGNORECASE,
)


def ordinary_crime(text: str, before: str = "", names_group: Callable[[str], bool] | None = None) -> bool:
    """The sentence ``text`` tells ordinary crime: a criminal-justice cue in it or in ``before`` (the sentence before,
    which often tells the same arrest: "... arrested a man for allegedly hiding his mother's body. He was arrested
    after a raid on their home"), and no political cue in either (``names_group``: whether a text names an armed
    group or organisation, which is politics whatever the charge)."""
    return (bool(_CRIME.search(text) or _CRIME.search(before)) and not _POLITICAL.search(text)
            and not _POLITICAL.search(before)
            and not (names_group is not None and names_group(text)))
