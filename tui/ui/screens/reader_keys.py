"""The reader screen's keys, in footer order.

The help and the command palette explain them by id (:mod:`tui.ui.keys`),
a keymap in the settings moves them by id (:mod:`tui.ui.keymap`), and the
README's key table lists every one. Kept apart from the screen so that the
screen's module holds what the keys do, not the long list of them.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

READER_BINDINGS: list[BindingType] = [
    # In footer order. The help and the command palette explain them by id
    # (tui/ui/keys.py), and the README's key table lists every key.
    Binding("tab", "switch('next')", "Next source", priority=True, id="next-source"),
    Binding(
        "shift+tab",
        "switch('previous')",
        "Previous source",
        show=False,
        priority=True,
        id="previous-source",
    ),
    Binding("l,right", "switch('next')", "Next source", show=False, id="next-source-letter"),
    Binding(
        "h,left",
        "switch('previous')",
        "Previous source",
        show=False,
        id="previous-source-letter",
    ),
    *[
        Binding(str(n), f"source({n})", f"Source {n}", show=False, id=f"source-{n}")
        for n in range(1, 10)
    ],
    Binding("right_square_bracket", "passage('shared', 'next')", "Next shared", id="next-shared"),
    Binding(
        "left_square_bracket",
        "passage('shared', 'previous')",
        "Previous shared",
        show=False,
        id="previous-shared",
    ),
    Binding("u", "passage('unique', 'next')", "Next unique", id="next-unique"),
    Binding(
        "U",
        "passage('unique', 'previous')",
        "Previous unique",
        show=False,
        id="previous-unique",
    ),
    Binding("o", "counterpart", "Counterpart", id="counterpart"),
    Binding("c", "cycle", "Cycle", show=False, id="cycle"),
    Binding("x", "toggle_link", "Unlink", id="toggle-link"),
    Binding("b", "boilerplate", "Boilerplate", show=False, id="boilerplate"),
    Binding("plus,equals_sign", "threshold('up')", "Stricter", show=False, id="threshold-up"),
    Binding("minus", "threshold('down')", "Looser", show=False, id="threshold-down"),
    Binding("slash", "search", "Search", id="search"),
    Binding("f", "search(True)", "Find in all", show=False, id="search-all"),
    Binding("n", "hit('next')", "Next hit", show=False, id="next-hit"),
    Binding("N", "hit('previous')", "Previous hit", show=False, id="previous-hit"),
    Binding("escape", "clear_search", "Cancel mark / clear search", show=False, id="clear-search"),
    Binding("s", "synopsis", "Synopsis", id="synopsis"),
    Binding("O", "only_here", "Only here", show=False, id="only-here"),
    Binding("d", "disagreements", "Disagreements", show=False, id="disagreements"),
    Binding("C", "coverage", "Coverage", show=False, id="coverage"),
    Binding("m", "mark", "Mark / link", show=False, id="mark"),
    Binding("X", "cut", "Cut link", show=False, id="cut"),
    Binding("z", "undo", "Undo correction", show=False, id="undo"),
    Binding("Z", "redo", "Redo correction", show=False, id="redo"),
    Binding("a", "accept", "Accept suggestion", show=False, id="accept-suggestion"),
    Binding("A", "reject", "Reject suggestion", show=False, id="reject-suggestion"),
    Binding("w", "why", "Why linked", show=False, id="why"),
    Binding("e", "export", "Export", show=False, id="export"),
    Binding("r", "reload", "Reload", show=False, id="reload"),
]
