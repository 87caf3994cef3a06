"""The reader's search line: ``/`` in the active source, ``f`` in every source at once.

The reader screen owns one :class:`Search` and hands it the search keys and
the search bar's messages: open the line, run what was typed, close it.
What matches and which hit comes next is :mod:`tui.view.search`'s; marking
the hits and moving there is :class:`~tui.ui.widgets.linked_panes.LinkedPanes`'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.ui.directions import Direction
from tui.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui.ui.screens.reader import ReaderScreen


class Search:
    """The search line of one reader screen."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def open(self, everywhere: bool) -> None:
        """``/`` searches the active source, ``f`` every source at once."""
        bar = self.screen.query_one(SearchBar)
        bar.value = ""  # a new search, not the last one with more typed on its end
        bar.everywhere = everywhere
        bar.display = True
        bar.focus()

    def hit(self, direction: Direction) -> None:
        self.screen.linked_panes.next_hit(direction == "next")

    def run(self, text: str) -> None:
        """What was typed, in the source or sources the line was opened for."""
        bar = self.screen.query_one(SearchBar)
        bar.display = False
        panes = self.screen.linked_panes
        panes.search(text, bar.everywhere, say_none=True)
        panes.active_pane.focus()  # after: the first hit may be in another source

    def close(self) -> None:
        self.screen.query_one(SearchBar).display = False
        panes = self.screen.linked_panes
        panes.clear_search()
        panes.active_pane.focus()
