"""The window over sources and what the moving-around keys say (headless)."""

from __future__ import annotations

from tui.view.source_window import (
    MIN_PANE_WIDTH,
    STILL_ALIGNING,
    cut_order,
    nowhere_to_go,
    why_no_counterpart,
    window_size,
    window_start,
)


def test_the_window_shows_as_many_panes_as_fit_and_follows_the_active_source() -> None:
    assert window_size(3, 0) == 3  # width not known yet: all of them
    assert window_size(3, 80) == 80 // MIN_PANE_WIDTH == 2
    assert window_size(3, 10) == 1
    assert window_start(5, 2, active=0, start=3) == 0
    assert window_start(5, 2, active=4, start=0) == 3
    assert window_start(5, 2, active=3, start=2) == 2  # in view: it stays
    assert window_start(3, 3, active=2, start=2) == 0  # all fit again


def test_x_looks_first_where_the_reader_came_from() -> None:
    assert cut_order(1, 4, came_from=[3, 1, 9]) == [3, 2, 0]
    assert cut_order(0, 3, came_from=[]) == [1, 2]


def test_what_the_keys_say_when_they_cannot_move() -> None:
    assert why_no_counterpart(False, [1]) == STILL_ALIGNING
    assert why_no_counterpart(True, [0, 0]).startswith("No counterpart")
    assert why_no_counterpart(True, [0, 2]) == ""
    assert nowhere_to_go(True, False, True) == "Nowhere to go: no unique passage in this source"
    assert nowhere_to_go(False, True, False) == ("Nowhere to go: no shared passage before this one")
