"""Which of the reader's keys a short key line shows, and when it is needed
(pure, no Textual: ``tui.ui.widgets.key_hints`` draws it).

Textual's footer lays every shown binding side by side and cuts the last ones
at the edge. Where it would, the key line shows the same keys, most useful
first, as many whole ones as fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

FIRST = (
    "help",
    "quit",
    "next-source",
    "search",
    "synopsis",
    "counterpart",
    "toggle-link",
    "next-shared",
    "next-unique",
)
"""Binding ids in the order they are offered when not all fit (others after)."""
GAP = "  "
PALETTE = len(" ^p palette ") + 1
"""The command palette's key at the footer's right end, and its border."""

Entry = tuple[str, str]
"""(key as shown, description)."""


def ordered(bindings: Iterable[tuple[str | None, str, str]]) -> list[Entry]:
    """(id, key, description) of each shown binding, most useful first (ties in
    the order given)."""
    ranked = sorted(
        enumerate(bindings),
        key=lambda item: (FIRST.index(item[1][0]) if item[1][0] in FIRST else len(FIRST), item[0]),
    )
    return [(key, description) for _, (_id, key, description) in ranked]


def footer_width(entries: Sequence[Entry]) -> int:
    """Columns Textual's footer needs for every key ("▏key description ")."""
    return sum(len(key) + len(description) + 3 for key, description in entries) + PALETTE


def fitting(entries: Sequence[Entry], width: int) -> list[Entry]:
    """The first entries that fit whole in ``width`` columns, a gap between each."""
    used = 0
    shown: list[Entry] = []
    for key, description in entries:
        piece = len(key) + 1 + len(description) + (len(GAP) if shown else 1)
        if used + piece > width:
            break
        used += piece
        shown.append((key, description))
    return shown
