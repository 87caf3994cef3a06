"""Linked scrolling: where the followers go when the leader moves.

The geometry is :mod:`tui.view.sync`'s (pure, tested headless); this module
applies it to the panes: :meth:`SourcePane.place` scrolls a follower without
reporting, so a follower never leads in turn. :class:`LinkedPanes` decides
when (the cursor moved, the leader scrolled, a resize) and calls these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.view.following import SHOWN
from tui.view.linking import LinkIndex
from tui.view.sync import reachable_screen_row, reading_row

if TYPE_CHECKING:
    from tui.ui.widgets.source_pane import SourcePane


def line_up_cursor(leader: SourcePane, followers: Sequence[SourcePane], links: LinkIndex) -> None:
    """Line up the counterparts of the leader's cursor on its screen row; where
    a follower would show blank rows past an end of its text, the reading line
    moves to a row every pane can reach."""
    sentence = leader.cursor
    first = leader.wrapped.sentence_first[sentence]
    screen_row = leader.screen_row_of(first)
    targets: list[tuple[SourcePane, int]] = []
    for follower in followers:
        # The counterpart, or the suggestion previewed in its place.
        chosen = next((n for n, r in follower.roles.items() if r in SHOWN), -1)
        pair = links.pair(leader.index, follower.index)
        target = pair.follow_sentence(sentence, follower.wrapped, chosen)
        if target.row is not None:
            targets.append((follower, int(target.row)))
    level = reachable_screen_row(
        screen_row,
        (first, leader.wrapped.sentence_last[sentence], leader.last_top),
        [(row, follower.last_top) for follower, row in targets],
        leader.viewport_height,
    )
    if level != screen_row:
        leader.place(first, level)
    for follower, row in targets:
        follower.place(row, level)


def line_up_rows(leader: SourcePane, followers: Sequence[SourcePane], links: LinkIndex) -> None:
    """Scroll mode: line up whatever is beside the leader's reading line."""
    top = leader.content_top
    row = reading_row(top, leader.viewport_height, leader.wrapped.height, leader.reading_at_top)
    screen_row = row - top
    for follower in followers:
        pair = links.pair(leader.index, follower.index)
        target = pair.follow_row(
            row, leader.wrapped, follower.wrapped, screen_row, leader.viewport_height
        )
        if target.row is not None:
            follower.place(round(target.row), screen_row)
