"""Near-duplicate detection with MinHash/LSH."""

from __future__ import annotations

from dateline.stories.dedup import DuplicateIndex, signature

from .test_update import FLOOD_A, FLOOD_B, FOOTBALL


def test_dedup_finds_wire_copy_and_not_rewrite_of_other_story():
    index = DuplicateIndex()
    index.add("d-a", signature(FLOOD_A))
    index.add("d-f", signature(FOOTBALL))
    copy = FLOOD_A.replace("Mayor Lorenzo Vidal said", "Lorenzo Vidal, the mayor, said") + " (Wire)"
    hit = index.find(signature(copy))
    assert hit is not None and hit[0] == "d-a"
    assert index.find(signature(FLOOD_B)) is None  # same story, different words: linked by clustering, not a copy


def test_dedup_signature_is_stable():
    assert signature(FLOOD_A).tolist() == signature(FLOOD_A).tolist()
    assert len(signature("")) == len(signature(FLOOD_A))
