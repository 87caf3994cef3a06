"""Search in one source or in every source: hits in reading order, next and previous."""

from __future__ import annotations

from tui.view.search import NOTHING, find

TEXTS = [
    ["The port closed.", "Ships waited.", "The PORT reopened."],
    ["Nothing here.", "Still nothing."],
    ["A port official spoke.", "Then silence."],
]


def test_every_source_in_reading_order_source_by_source() -> None:
    found = find(TEXTS, "port", range(3), everywhere=True)
    assert found.hits == [(0, 0), (0, 2), (2, 0)]
    assert found.hit_sources() == 2
    assert found.status() == "3 hits in 2 sources for “port” (n/N)"
    assert found.spans(0, TEXTS[0]) == {0: [(4, 8)], 2: [(4, 8)]}
    assert found.spans(1, TEXTS[1]) == {}


def test_one_source_counts_without_sources() -> None:
    found = find(TEXTS, "port", [2])
    assert found.hits == [(2, 0)] and found.sentences(2) == [0] and found.sentences(0) == []
    assert found.status() == "1 hit for “port” (n/N)"
    assert (
        find(TEXTS, "whale", range(3), everywhere=True).status().startswith("no hits in any source")
    )
    assert NOTHING.status() == "" and NOTHING.next((0, 0), True) is None


def test_next_and_previous_cross_sources_and_wrap() -> None:
    found = find(TEXTS, "port", range(3), everywhere=True)
    assert found.next((0, 0), True, inclusive=True) == (0, 0)
    assert found.next((0, 0), True) == (0, 2)
    assert found.next((0, 2), True) == (2, 0)  # over source 1, which has none
    assert found.next((1, 1), True) == (2, 0)  # from a source without hits
    assert found.next((2, 0), True) == (0, 0)  # wraps to the first source
    assert found.next((0, 0), False) == (2, 0)  # and back
    assert found.next((2, 0), False) == (0, 2)
    assert found.next((2, 1), False, inclusive=True) == (2, 0)
    walk, at = [], (0, 0)
    for _ in range(3):
        at = found.next(at, True) or at
        walk.append(at)
    assert walk == [(0, 2), (2, 0), (0, 0)]


def test_query_text_is_shown_safely() -> None:
    found = find([["a \x1b[31m b"]], "\x1b[31m", [0], everywhere=True)
    assert "\x1b" not in found.status() and found.hits == [(0, 0)]
