"""Linked scrolling: where a follower pane must be when the leader moves.

The reader keeps the counterpart of the sentence at the leader's *sync row*
on the same screen row in every other pane. This module computes, for one
leader/follower pair, which follower content row belongs on that screen row.
It knows rows and sentence numbers only (see :mod:`tui.view.layout`) and no
Textual, so it is cheap (a bisect and a few lookups per step) and testable.

How a leader position maps to a follower position, as Meld maps positions
through its chunks:

- In a sentence with a counterpart: to the counterpart, proportionally, so a
  long sentence against a short one still scrolls smoothly.
- Between linked sentences whose counterparts keep the same order and are
  no farther apart than the leader's (or before the first / after the last
  link, with the documents' ends as implicit anchors): interpolated between
  the two anchors, so the follower *glides* across passages that only the
  leader has. Moving no faster than the leader, the follower keeps every
  anchor on screen as long as the leader does.
- Otherwise (counterparts out of order, or far apart because the follower
  tells more, or tells it elsewhere): the follower never glides through
  the unrelated text in between. It moves row for row with the *nearer*
  anchor, keeping that anchor's counterpart level with it, and jumps to the
  other anchor where that one becomes the nearer. "Nearer" counts from the
  edge of the screen when the caller says where the sync row is on it, so
  an anchor the leader shows is always preferred to one it does not: while
  the leader shows a linked sentence, the follower shows its counterpart.

With the cursor (rather than scrolling) the sync row is the cursor sentence:
a counterpart lines up exactly, and without one the follower holds still
and says "no counterpart".

The sync row while scrolling is a reading line in the middle of the pane
that slides to the top near the start and to the bottom near the end
(:func:`reading_fraction`), so both ends of every document stay reachable;
a setting puts it on the top row instead, which slides down over the last screen.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol


class Rows(Protocol):
    """What sync needs of a wrapped document (``tui.view.layout.WrappedText`` has it)."""

    @property
    def sentence_first(self) -> Sequence[int]: ...

    @property
    def sentence_last(self) -> Sequence[int]: ...

    @property
    def height(self) -> int: ...


class State(Enum):
    MATCHED = "matched"
    """The sync sentence has a counterpart here and it is lined up."""
    GLIDE = "glide"
    """No counterpart, but the neighbours keep their order: interpolated."""
    ANCHORED = "anchored"
    """No counterpart: the follower moves with the nearer linked neighbour."""
    NONE = "none"
    """No counterpart and no position (cursor mode): the follower holds still."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where a follower should be: ``row`` goes on the leader's sync row."""

    row: float | None
    """None (cursor mode without counterpart): leave the follower where it is."""
    sentence: int
    """The follower sentence lined up, or -1."""
    state: State


HOLD = Target(None, -1, State.NONE)
SLACK = 0.15
"""Blank rows a follower may show past an end of its text, as a share of the
pane (at least ``MIN_SLACK``), before the reading line moves so that it need
not (:func:`reachable_screen_row`)."""
MIN_SLACK = 4


def reading_fraction(top: int, viewport: int, content: int, at_top: bool = False) -> float:
    """Where the reading line sits in the viewport, from 0 (top) to 1 (bottom).

    In the middle of a document it is 0.5. Within the first half screen of
    scrolling it slides linearly up to 0 and within the last half screen down
    to 1 (Meld's ``calc_syncpoint``), so at the very top the first row is
    the sync row and at the very bottom the last one is. With ``at_top`` (the
    ``reading_line = "top"`` setting) it is the top row, sliding down to the
    last row over the last screen only. Non-decreasing in ``top``.
    """
    max_top = content - viewport
    if max_top <= 0 or viewport <= 0:
        return 0.0
    top = min(max(top, 0), max_top)
    if max_top < viewport:
        return top / max_top
    if at_top:
        return min(max((top - (max_top - viewport)) / viewport, 0.0), 1.0)
    half = viewport / 2
    first = min(top / half, 1.0)
    last = min(max((top - (max_top - half)) / half, 0.0), 1.0)
    return (first + last) / 2


def reading_row(top: int, viewport: int, content: int, at_top: bool = False) -> int:
    """The content row of the reading line when the viewport starts at ``top``."""
    fraction = reading_fraction(top, viewport, content, at_top)
    return top + round(fraction * max(0, viewport - 1))


class PairMap:
    """The mapping from one leader source to one follower source.

    ``partner[s]`` is the follower sentence lined up with leader sentence
    ``s`` (its best counterpart), or -1. Building costs O(sentences) once;
    each lookup is O(log sentences).
    """

    __slots__ = ("_next", "_previous", "partner")

    def __init__(self, partner: Sequence[int]) -> None:
        self.partner = list(partner)
        count = len(self.partner)
        self._previous = [-1] * count
        self._next = [-1] * count
        last = -1
        for index in range(count):
            if self.partner[index] >= 0:
                last = index
            self._previous[index] = last
        last = -1
        for index in range(count - 1, -1, -1):
            if self.partner[index] >= 0:
                last = index
            self._next[index] = last

    def follow_sentence(self, sentence: int, follower: Rows, counterpart: int = -1) -> Target:
        """Cursor mode: line up ``counterpart`` (or the best one) with ``sentence``."""
        if counterpart < 0 and 0 <= sentence < len(self.partner):
            counterpart = self.partner[sentence]
        if counterpart < 0 or counterpart >= len(follower.sentence_first):
            return HOLD
        return Target(float(follower.sentence_first[counterpart]), counterpart, State.MATCHED)

    def follow_row(
        self,
        row: float,
        leader: Rows,
        follower: Rows,
        screen_row: int | None = None,
        viewport: int | None = None,
    ) -> Target:
        """Scroll mode: the follower row that belongs beside leader ``row``.

        ``screen_row`` (where ``row`` is on the leader's screen) and
        ``viewport`` (the screen's height) let the follower prefer an anchor
        the leader shows; without them the nearer one in rows is taken.
        """
        height = leader.height
        if height <= 0 or follower.height <= 0:
            return HOLD
        if row < 0:
            inner = self.follow_row(0, leader, follower)
            return _shifted(inner, row)
        if row > height - 1:
            inner = self.follow_row(height - 1, leader, follower)
            return _shifted(inner, row - (height - 1))
        first = leader.sentence_first
        last = leader.sentence_last
        sentence = bisect_right(first, row) - 1
        if sentence >= 0 and row <= last[sentence] and self.partner[sentence] >= 0:
            counterpart = self.partner[sentence]
            share = (row - first[sentence]) / (last[sentence] - first[sentence] + 1)
            span = follower.sentence_last[counterpart] - follower.sentence_first[counterpart]
            return Target(
                follower.sentence_first[counterpart] + share * span, counterpart, State.MATCHED
            )
        return self._between(row, sentence, leader, follower, screen_row, viewport)

    def _between(
        self,
        row: float,
        sentence: int,
        leader: Rows,
        follower: Rows,
        screen_row: int | None,
        viewport: int | None,
    ) -> Target:
        """Between linked sentences: glide if the follower's gap allows it, else anchor."""
        before = self._previous[sentence] if sentence >= 0 else -1
        after_index = sentence + 1
        after = self._next[after_index] if after_index < len(self._next) else -1
        if after >= 0:
            leader_end = leader.sentence_first[after]
            follower_end = follower.sentence_first[self.partner[after]]
        else:
            leader_end, follower_end = leader.height, follower.height
        if before >= 0:
            leader_start = min(leader.sentence_last[before] + 1, leader_end)
            follower_start = follower.sentence_last[self.partner[before]] + 1
        else:
            leader_start = follower_start = 0
        in_order = before < 0 or after < 0 or self.partner[after] >= self.partner[before]
        if in_order:
            # Sentences share rows once wrapped: a gap may be empty, never negative.
            glide_start = min(follower_start, follower_end)
            leader_gap = leader_end - leader_start
            follower_gap = follower_end - glide_start
            if (before < 0 and after < 0) or follower_gap <= leader_gap:
                share = (row - leader_start) / leader_gap if leader_gap else 0.0
                share = min(max(share, 0.0), 1.0)
                return Target(glide_start + share * follower_gap, -1, State.GLIDE)
        # Anchor on a real link (never on a document's end when a link is there).
        below_before = row - leader_start  # rows between the previous link and ``row``
        above_after = leader_end - row  # rows from ``row`` down to the next link
        if before < 0:
            use_before = False
        elif after < 0:
            use_before = True
        elif screen_row is not None and viewport is not None:
            # Room left on screen: how much farther each anchor could be and still show.
            room_before = screen_row - 1 - below_before
            room_after = viewport - 1 - screen_row - above_after
            use_before = room_before >= room_after
        else:
            use_before = below_before < above_after
        if use_before:
            return Target(follower_start + below_before, -1, State.ANCHORED)
        return Target(follower_end - above_after, -1, State.ANCHORED)


def _shifted(target: Target, offset: float) -> Target:
    if target.row is None:
        return target
    return Target(target.row + offset, target.sentence, target.state)


def reachable_screen_row(
    current: int, leader: tuple[int, int, int], followers: list[tuple[int, int]], height: int
) -> int:
    """The screen row on which the cursor sentence and its counterparts stand.

    ``leader`` is (cursor sentence's first layout row, its last, the highest
    top the leader can scroll to); each follower (counterpart's layout row,
    its highest top). Lining a counterpart up with the cursor where it is can
    push a follower past an end of its text, which then shows blank rows
    (once 23 of them above "start of text"). A few are the price of the
    leader holding still while the cursor moves (up to ``SLACK`` of the
    pane); beyond that the *reading line* moves instead, as little as needed,
    within what the leader can reach with the whole cursor sentence on screen.
    """
    first, last, leader_top = leader
    slack = max(MIN_SLACK, int(height * SLACK))
    low = max(0, first - leader_top)
    high = min(first, max(0, height - 1 - (last - first)))
    if low > high:
        return current
    # Screen rows where each counterpart shows with at most ``slack`` blank rows.
    reach = [(row - top - slack, row + slack) for row, top in followers]

    def excess(screen_row: int) -> int:
        return sum(
            max(0, lowest - screen_row) + max(0, screen_row - highest) for lowest, highest in reach
        )

    if excess(current) == 0:
        return current
    candidates = {min(max(current, low), high)}
    for lowest, highest in reach:
        candidates.update(min(max(value, low), high) for value in (lowest, highest))
    return min(candidates, key=lambda row: (excess(row), abs(row - current)))
