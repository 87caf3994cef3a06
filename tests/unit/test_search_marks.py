"""Search hits as word spans, and their wording."""

from __future__ import annotations

from tui.view.linking import hit_spans, hits_phrase
from tui.view.marking import split_by_spans


def test_hit_spans_ignore_case_and_find_every_occurrence() -> None:
    text = "Sanctions on sanctions; no SANCTIONS."
    assert hit_spans(text, "sanctions") == [(0, 9), (13, 22), (27, 36)]
    assert hit_spans(text, "  ") == []
    assert hit_spans("a[b]c", "[b]") == [(1, 4)]  # the query is text, not a pattern


def test_split_by_spans_cuts_a_piece_that_starts_inside_its_sentence() -> None:
    # The piece "ctions on sanc" starts at offset 3 of "Sanctions on sanctions".
    parts = split_by_spans("ctions on sanc", 3, [(0, 9), (13, 22)])
    assert parts == [("ctions", True), (" on ", False), ("sanc", True)]
    assert "".join(text for text, _ in parts) == "ctions on sanc"


def test_hits_are_counted_in_words() -> None:
    assert [hits_phrase(n) for n in (0, 1, 2)] == ["no hits", "1 hit", "2 hits"]
