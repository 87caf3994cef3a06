"""The short key line: most useful keys first, only whole ones (headless)."""

from __future__ import annotations

from tui.view.key_line import PALETTE, fitting, footer_width, ordered


def test_help_and_quit_come_first_the_rest_in_the_order_given() -> None:
    bindings = [("next-shared", "]", "Next shared"), (None, "x", "Other"), ("quit", "q", "Quit")]
    bindings.append(("help", "?", "Help"))
    assert ordered(bindings) == [("?", "Help"), ("q", "Quit"), ("]", "Next shared"), ("x", "Other")]


def test_only_whole_entries_fit_and_the_footer_width_counts_them_all() -> None:
    entries = [("?", "Help"), ("q", "Quit"), ("tab", "Next source")]
    assert fitting(entries, 15) == entries[:2]  # " ? Help  q Quit": 15 columns
    assert fitting(entries, 14) == entries[:1]  # one less: "q Quit" is not cut, it goes
    assert fitting(entries, 100) == entries
    assert fitting(entries, 3) == []
    assert footer_width(entries) == (1 + 4 + 3) + (1 + 4 + 3) + (3 + 11 + 3) + PALETTE
