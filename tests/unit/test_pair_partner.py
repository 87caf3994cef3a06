"""Which counterpart a follower lines up (``LinkIndex.pair``): the best one,
and among several as good the one that keeps the passage in order."""

from __future__ import annotations

from tests.support.documents import document_of_lengths
from tui.align.groups import group_all
from tui.model import Link
from tui.view.linking import LinkIndex


def _index(links: list[Link]) -> LinkIndex:
    documents = [document_of_lengths([[10] * 8]), document_of_lengths([[10] * 8])]
    return LinkIndex(documents, group_all(links, documents))


def _partners(links: list[Link]) -> list[int]:
    return _index(links).pair(0, 1).partner


def test_among_equal_counterparts_the_one_after_the_previous_partner_is_lined_up() -> None:
    """A quote the other source tells in three sentences, all at 100: the one
    after the previous sentence's partner, not the first of the three."""
    quote = [Link(0, 1, 1, 6, 100.0), Link(0, 1, 1, 1, 100.0), Link(0, 1, 1, 5, 100.0)]
    partners = _partners([Link(0, 0, 1, 4, 99.0), *quote, Link(0, 2, 1, 7, 98.0)])
    assert partners[:3] == [4, 5, 7]


def test_a_clearly_better_counterpart_is_lined_up_whatever_the_order() -> None:
    partners = _partners([Link(0, 0, 1, 0, 99.0), Link(0, 1, 1, 6, 100.0), Link(0, 1, 1, 1, 90.0)])
    assert partners[:2] == [0, 6]


def test_the_cursor_lines_up_the_counterpart_scrolling_lines_up() -> None:
    """``counterparts`` (what the cursor lines up, and ``c`` cycles) starts with
    the scroll's partner; the others follow, best first."""
    quote = [Link(0, 1, 1, 6, 100.0), Link(0, 1, 1, 1, 100.0), Link(0, 1, 1, 5, 100.0)]
    index = _index([Link(0, 0, 1, 4, 99.0), *quote, Link(0, 1, 1, 7, 80.0)])
    assert [number for number, _ in index.counterparts(0, 1, 1)] == [5, 1, 6, 7]
