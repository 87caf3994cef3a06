"""Which sources have a pane on screen, and what the moving-around keys say
when they cannot move (pure, no Textual: ``LinkedPanes`` applies them).

When the sources do not all fit (panes narrower than ``MIN_PANE_WIDTH``),
only a window of them is displayed; the window follows the active source.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_PANE_WIDTH = 32
STILL_ALIGNING = "Still aligning: try again in a moment"


def window_size(count: int, width: int) -> int:
    """How many panes of at least ``MIN_PANE_WIDTH`` fit in ``width`` columns
    (all of them while the width is not known yet)."""
    width = width or MIN_PANE_WIDTH * count
    return max(1, min(count, width // MIN_PANE_WIDTH))


def window_start(count: int, size: int, active: int, start: int) -> int:
    """The first source of a window of ``size`` that shows ``active``, moved as
    little as possible from ``start``."""
    if active < start:
        start = active
    elif active >= start + size:
        start = active - size + 1
    return max(0, min(start, count - size))


def cut_order(active: int, count: int, came_from: Sequence[int]) -> list[int]:
    """The other sources in the order ``X`` looks for a lined-up link to cut:
    the one that led last (the pane you came from) first, then the rest in order."""
    rest = [(active + offset) % count for offset in range(1, count)]
    recent = [index for index in came_from if index != active and index < count]
    return [*recent, *(index for index in rest if index not in recent)]


def why_no_counterpart(ready: bool, counts: Sequence[int]) -> str:
    """Why ``o`` or ``c`` cannot go anywhere ("" when they can)."""
    if not ready:
        return STILL_ALIGNING
    if not any(counts):
        return "No counterpart: no other source has a sentence linked to this one"
    return ""


def nowhere_to_go(unique: bool, any_passage: bool, forward: bool) -> str:
    """What a passage key says when there is no next (or previous) passage."""
    kind = "unique" if unique else "shared"
    if not any_passage:
        return f"Nowhere to go: no {kind} passage in this source"
    return f"Nowhere to go: no {kind} passage {'after' if forward else 'before'} this one"
