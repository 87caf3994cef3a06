"""The reader screen's keys, in footer order.

The help and the command palette explain them by id (:mod:`tui.ui.keys`),
a keymap in the settings moves them by id (:mod:`tui.ui.keymap`), and the
README's key table lists every one. Kept apart from the screen so that the
screen's module holds what the keys do, not the long list of them.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType


def both_ways(
    keys: tuple[str, str],
    action: str,
    noun: str,
    name: str,
    *,
    shown: bool = True,
    priority: bool = False,
) -> list[Binding]:
    """The next and previous bindings of one move, the previous one never in the
    footer: ``action`` with ``{}`` for the direction ("switch('{}')"), described
    "Next {noun}" / "Previous {noun}", ids ``next-{name}`` / ``previous-{name}``."""
    return [
        Binding(
            key,
            action.format(direction),
            f"{direction.title()} {noun}",
            show=shown and direction == "next",
            priority=priority,
            id=f"{direction}-{name}",
        )
        for key, direction in zip(keys, ("next", "previous"), strict=True)
    ]


READER_BINDINGS: list[BindingType] = [
    # In footer order. The help and the command palette explain them by id
    # (tui/ui/keys.py), and the README's key table lists every key.
    *both_ways(("tab", "shift+tab"), "switch('{}')", "source", "source", priority=True),
    *both_ways(("l,right", "h,left"), "switch('{}')", "source", "source-letter", shown=False),
    *[
        Binding(str(n), f"source({n})", f"Source {n}", show=False, id=f"source-{n}")
        for n in range(1, 10)
    ],
    *both_ways(
        ("right_square_bracket", "left_square_bracket"),
        "passage('shared', '{}')",
        "shared",
        "shared",
    ),
    *both_ways(("u", "U"), "passage('unique', '{}')", "unique", "unique"),
    Binding("o", "counterpart", "Counterpart", id="counterpart"),
    Binding("c", "cycle", "Cycle", show=False, id="cycle"),
    Binding("x", "toggle_link", "Unlink", id="toggle-link"),
    Binding("b", "boilerplate", "Boilerplate", show=False, id="boilerplate"),
    Binding("plus,equals_sign", "threshold('up')", "Stricter", show=False, id="threshold-up"),
    Binding("minus", "threshold('down')", "Looser", show=False, id="threshold-down"),
    Binding("slash", "search", "Search", id="search"),
    Binding("f", "search(True)", "Find in all", show=False, id="search-all"),
    *both_ways(("n", "N"), "hit('{}')", "hit", "hit", shown=False),
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
