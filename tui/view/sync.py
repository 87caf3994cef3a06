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
- Between linked sentences whose counterparts keep the same order (or
  before the first / after the last link, with the documents' ends as
  implicit anchors): interpolated between the two anchors, so the follower
  *glides* across passages that only one source has.
- Between anchors whose counterparts are out of order: no position makes
  sense, so the follower *holds still* where the previous link left it
  (just after that link's counterpart, on the sync row) until the leader
  reaches the next linked sentence, where it *jumps*. Holding "where the
  previous link left it" rather than "wherever it was" keeps the result
  the same whether the leader got there line by line or a page at once.

With the cursor (rather than scrolling) the sync row is the cursor sentence:
a counterpart lines up exactly, and without one the follower holds still
and says "no counterpart".

The sync row while scrolling is a reading line in the middle of the pane
that slides to the top near the start and to the bottom near the end
(:func:`reading_fraction`), so both ends of every document stay reachable.
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
    NONE = "none"
    """No counterpart and no interpolation: the follower holds still."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where a follower should be: ``row`` goes on the leader's sync row."""

    row: float | None
    """None (cursor mode without counterpart): leave the follower where it is."""
    sentence: int
    """The follower sentence lined up, or -1."""
    state: State


HOLD = Target(None, -1, State.NONE)


def reading_fraction(top: int, viewport: int, content: int) -> float:
    """Where the reading line sits in the viewport, from 0 (top) to 1 (bottom).

    In the middle of a document it is 0.5. Within the first half screen of
    scrolling it slides linearly up to 0 and within the last half screen down
    to 1 (Meld's ``calc_syncpoint``), so at the very top the first row is
    the sync row and at the very bottom the last one is. Non-decreasing in
    ``top``.
    """
    max_top = content - viewport
    if max_top <= 0 or viewport <= 0:
        return 0.0
    top = min(max(top, 0), max_top)
    if max_top < viewport:
        return top / max_top
    half = viewport / 2
    first = min(top / half, 1.0)
    last = min(max((top - (max_top - half)) / half, 0.0), 1.0)
    return (first + last) / 2


def reading_row(top: int, viewport: int, content: int) -> int:
    """The content row of the reading line when the viewport starts at ``top``."""
    return top + round(reading_fraction(top, viewport, content) * max(0, viewport - 1))


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

    def follow_row(self, row: float, leader: Rows, follower: Rows) -> Target:
        """Scroll mode: the follower row that belongs beside leader ``row``."""
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
        return self._glide(row, sentence, leader, follower)

    def _glide(self, row: float, sentence: int, leader: Rows, follower: Rows) -> Target:
        """Interpolate between the linked sentences around ``row``, if in order."""
        before = self._previous[sentence] if sentence >= 0 else -1
        after_index = sentence + 1
        after = self._next[after_index] if after_index < len(self._next) else -1
        if before >= 0 and after >= 0 and self.partner[after] <= self.partner[before]:
            # Out of order: stay where the previous link left the follower, so
            # it holds still however far (or fast) the leader moves on.
            partner = self.partner[before]
            return Target(float(follower.sentence_last[partner] + 1), -1, State.NONE)
        if after >= 0:
            leader_end = leader.sentence_first[after]
            follower_end = follower.sentence_first[self.partner[after]]
        else:
            leader_end, follower_end = leader.height, follower.height
        if before >= 0:
            partner = self.partner[before]
            leader_start = min(leader.sentence_last[before] + 1, leader_end)
            follower_start = min(follower.sentence_last[partner] + 1, follower_end)
        else:
            leader_start = follower_start = 0
        if leader_end > leader_start:
            share = min(max((row - leader_start) / (leader_end - leader_start), 0.0), 1.0)
        else:
            share = 0.0
        return Target(follower_start + share * (follower_end - follower_start), -1, State.GLIDE)


def _shifted(target: Target, offset: float) -> Target:
    if target.row is None:
        return target
    return Target(target.row + offset, target.sentence, target.state)
