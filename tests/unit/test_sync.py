"""The linked-scroll mapping: exact on links, gliding in order, still otherwise."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.view.sync import PairMap, State, reading_fraction, reading_row


@dataclass
class FakeRows:
    """Sentences laid out back to back with the given heights and gaps."""

    heights: list[int]
    gaps: list[int] = field(default_factory=list)
    sentence_first: list[int] = field(init=False)
    sentence_last: list[int] = field(init=False)
    height: int = field(init=False)

    def __post_init__(self) -> None:
        row = 0
        self.sentence_first, self.sentence_last = [], []
        for index, size in enumerate(self.heights):
            self.sentence_first.append(row)
            self.sentence_last.append(row + size - 1)
            row += size + (self.gaps[index] if index < len(self.gaps) else 0)
        self.height = row


def test_reading_line_is_top_at_start_middle_inside_and_bottom_at_end() -> None:
    assert reading_row(0, 20, 200) == 0
    assert reading_row(100, 20, 200) == 100 + 10  # round(0.5 * 19)
    assert reading_row(180, 20, 200) == 199
    assert reading_fraction(0, 20, 10) == 0.0  # everything fits


def test_a_top_reading_line_is_the_top_row_until_the_last_screen() -> None:
    assert reading_row(0, 20, 200, at_top=True) == 0
    assert reading_row(100, 20, 200, at_top=True) == 100  # the top row, mid-document
    assert reading_row(160, 20, 200, at_top=True) == 160  # a screen before the end
    assert reading_row(170, 20, 200, at_top=True) == 170 + 10  # sliding down: round(0.5 * 19)
    assert reading_row(180, 20, 200, at_top=True) == 199  # the last row at the very end


@given(st.integers(1, 80), st.integers(0, 400), st.booleans())
def test_reading_fraction_is_monotone_and_reaches_both_ends(
    viewport: int, content: int, at_top: bool
) -> None:
    max_top = max(0, content - viewport)
    fractions = [reading_fraction(top, viewport, content, at_top) for top in range(max_top + 1)]
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert fractions == sorted(fractions)
    if max_top > 0:
        assert fractions[0] == 0.0 and fractions[-1] == 1.0
    rows = [reading_row(top, viewport, content, at_top) for top in range(max_top + 1)]
    assert all(top <= row < top + viewport for top, row in enumerate(rows))


def test_cursor_lines_up_the_best_or_chosen_counterpart_and_holds_without() -> None:
    follower = FakeRows([2, 3, 1, 4])
    pair = PairMap([2, -1, 0])
    target = pair.follow_sentence(0, follower)
    assert (target.row, target.sentence, target.state) == (5.0, 2, State.MATCHED)
    assert pair.follow_sentence(0, follower, counterpart=3).row == 6.0
    held = pair.follow_sentence(1, follower)
    assert held.row is None and held.state is State.NONE


def test_scroll_glides_between_in_order_links() -> None:
    leader = FakeRows([2, 6, 2])  # middle sentence is unique to the leader
    follower = FakeRows([2, 2])
    pair = PairMap([0, -1, 1])
    assert pair.follow_row(0, leader, follower).row == 0
    middle = [pair.follow_row(row, leader, follower) for row in range(2, 8)]
    assert all(t.state is State.GLIDE for t in middle)
    assert [t.row for t in middle] == [2.0] * 6  # the gap is empty in the follower
    assert pair.follow_row(8, leader, follower).row == 2


def test_scroll_between_links_out_of_order_moves_with_the_nearer_and_jumps() -> None:
    leader = FakeRows([2, 2, 2])
    follower = FakeRows([2, 2, 2])
    pair = PairMap([2, -1, 0])  # the follower tells the two facts the other way round
    assert pair.follow_row(0, leader, follower).row == 4
    near_first, near_second = (pair.follow_row(row, leader, follower) for row in (2, 3))
    assert near_first.state is near_second.state is State.ANCHORED
    # Row 2 is next to the first link: its counterpart (rows 4-5) stays just above.
    assert near_first.row == 6
    # Row 3 is next to the second link: its counterpart (row 0) comes just below.
    assert near_second.row == -1
    assert pair.follow_row(4, leader, follower).row == 0


def test_scroll_never_glides_through_a_longer_gap_in_the_follower() -> None:
    """Luke 3:19 against Mark: two links in order, but chapters apart in the follower."""
    leader = FakeRows([2, 4, 2])  # a 4-row passage between two linked sentences
    follower = FakeRows([2, 100, 2])  # 100 unrelated rows between their counterparts
    pair = PairMap([0, -1, 2])
    rows = [pair.follow_row(row, leader, follower) for row in range(2, 6)]
    assert all(target.state is State.ANCHORED for target in rows)
    # Row for row after the first link, then row for row before the second.
    assert [target.row for target in rows] == [2, 3, 100, 101]


def test_the_anchor_the_leader_shows_wins_over_the_nearer_one() -> None:
    leader = FakeRows([2, 6, 2])
    follower = FakeRows([2, 100, 2])
    pair = PairMap([0, -1, 2])
    # Row 3 is nearer the first link (1 row below it) than the second (5 rows above)…
    assert pair.follow_row(3, leader, follower).row == 3
    # …but with row 3 on the screen's top row the first link is off screen: take the second.
    assert pair.follow_row(3, leader, follower, screen_row=0, viewport=10).row == 102 - 5


def test_long_sentence_against_short_one_moves_proportionally() -> None:
    leader = FakeRows([10])
    follower = FakeRows([5])
    pair = PairMap([0])
    rows = [pair.follow_row(row, leader, follower).row for row in range(10)]
    assert rows[0] == 0 and rows == sorted(rows) and rows[-1] < 5


@st.composite
def in_order_pairs(draw):
    """Two documents and a monotone partial matching between their sentences."""
    left = draw(st.lists(st.integers(1, 6), min_size=1, max_size=30))
    right = draw(st.lists(st.integers(1, 6), min_size=1, max_size=30))
    gaps_left = draw(st.lists(st.integers(0, 2), min_size=len(left), max_size=len(left)))
    gaps_right = draw(st.lists(st.integers(0, 2), min_size=len(right), max_size=len(right)))
    chosen = sorted(draw(st.sets(st.integers(0, len(left) - 1), max_size=len(left))))
    targets = sorted(draw(st.sets(st.integers(0, len(right) - 1), max_size=len(right))))
    count = min(len(chosen), len(targets))
    partner = [-1] * len(left)
    for leader_sentence, follower_sentence in zip(chosen[:count], targets[:count], strict=True):
        partner[leader_sentence] = follower_sentence
    return FakeRows(left, gaps_left), FakeRows(right, gaps_right), partner


@settings(max_examples=300, deadline=None)
@given(in_order_pairs())
def test_in_order_mapping_is_defined_monotone_and_exact_on_links(case) -> None:
    leader, follower, partner = case
    pair = PairMap(partner)
    targets = [pair.follow_row(row, leader, follower) for row in range(-3, leader.height + 3)]
    rows = [target.row for target in targets]
    assert None not in rows  # in order: the follower never needs to hold still
    assert rows == sorted(rows)  # and never moves backwards while the leader moves on
    for sentence, counterpart in enumerate(partner):
        if counterpart >= 0:
            target = pair.follow_row(leader.sentence_first[sentence], leader, follower)
            assert target.row == follower.sentence_first[counterpart]
            assert target.state is State.MATCHED
    inside = [row for row in rows[3:-3]]
    assert all(0 <= row <= follower.height for row in inside)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 40), min_size=1, max_size=4), min_size=1, max_size=8),
    st.lists(st.lists(st.integers(1, 40), min_size=1, max_size=4), min_size=1, max_size=8),
    st.integers(8, 50),
    st.data(),
)
def test_real_wrapped_layouts_map_in_order_without_going_back(left, right, width, data) -> None:
    """Sentences share rows once wrapped; in-order links must still never move backwards."""
    from tests.support.documents import document_of_lengths
    from tui.view.layout import layout_document

    leader = layout_document(document_of_lengths(left), width)
    follower = layout_document(document_of_lengths(right), width)
    count_left = len(leader.sentence_first)
    count_right = len(follower.sentence_first)
    chosen = sorted(data.draw(st.sets(st.integers(0, count_left - 1))))
    targets = sorted(data.draw(st.sets(st.integers(0, count_right - 1))))
    partner = [-1] * count_left
    linked = min(len(chosen), len(targets))  # pair the first of each, in order
    for a, b in zip(chosen[:linked], targets[:linked], strict=True):
        partner[a] = b
    pair = PairMap(partner)
    rows = [pair.follow_row(row, leader, follower).row for row in range(leader.height)]
    assert None not in rows
    assert rows == sorted(rows)
    for sentence, counterpart in enumerate(partner):
        if counterpart >= 0 and leader.sentence_at(leader.sentence_first[sentence]) == sentence:
            assert (
                pair.follow_sentence(sentence, follower).row == follower.sentence_first[counterpart]
            )


def test_the_reading_line_moves_only_where_a_follower_would_show_many_blank_rows() -> None:
    from tui.view.sync import MIN_SLACK, reachable_screen_row

    height = 40  # slack: 6 rows
    # The cursor on screen row 20 of a leader that can scroll anywhere; the
    # follower's counterpart is its row 2: level on row 20, 18 blank rows above
    # its start. The reading line moves up until only 6 are left.
    assert reachable_screen_row(20, (50, 51, 500), [(2, 500)], height) == 8
    # A few blank rows are the price of the leader holding still.
    assert reachable_screen_row(5, (50, 51, 500), [(2, 500)], height) == 5
    # A leader whose text fits on its screen cannot scroll: it stays.
    assert reachable_screen_row(20, (20, 21, 0), [(2, 500)], height) == 20
    # Near the end: a follower whose counterpart is on its last screen.
    assert reachable_screen_row(5, (300, 300, 500), [(95, 80)], height) == 9
    assert MIN_SLACK >= 1
    # Two followers that want opposite ways: the least blank rows in all.
    row = reachable_screen_row(20, (50, 51, 500), [(2, 500), (95, 80)], height)
    assert 8 <= row <= 15
