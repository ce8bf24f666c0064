"""Issue 19: Chinese and Japanese (no spaces between words) are recognised as not English."""

from __future__ import annotations

import pytest

from dateline.model import Document
from dateline.nlp.language import detect_language
from dateline.nlp.stage import LanguageStage
from dateline.settings import Settings

CHINESE = "市政府周二表示，新桥将在下个月开放。数百名居民参加了昨天的会议，并提出了许多问题。"
JAPANESE = "市役所は火曜日、新しい橋が来月開通すると発表した。昨日の会合には数百人の住民が参加した。"


@pytest.mark.parametrize("text", [CHINESE, JAPANESE], ids=["zh", "ja"])
def test_cjk_is_detected_and_skipped(text):
    guess = detect_language(text)
    assert guess.language != "en" and guess.confidence >= 0.9
    document = LanguageStage(Settings(jobs=1)).process(Document(id="d", source="s", text=text))
    assert document.status == "skipped" and document.language == guess.language
