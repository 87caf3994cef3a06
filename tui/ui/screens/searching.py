"""The reader's search: ``/`` in the active source, ``f`` in every source at once.

A base of :class:`~tui.ui.screens.reader.ReaderScreen` that holds the search
line's part of the reader: open the line, run what was typed, close it.
What matches and which hit comes next is :mod:`tui.view.search`'s; marking
the hits and moving there is :class:`LinkedPanes`'.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Input

from tui.ui.directions import Direction
from tui.ui.widgets.linked_panes import LinkedPanes
from tui.ui.widgets.search_bar import SearchBar


class SearchingScreen(Screen[None]):
    """A screen with linked panes and a search line under them."""

    @property
    def linked_panes(self) -> LinkedPanes:
        return self.query_one(LinkedPanes)

    def action_search(self, everywhere: bool = False) -> None:
        """``/`` searches the active source, ``f`` every source at once."""
        bar = self.query_one(SearchBar)
        bar.value = ""  # a new search, not the last one with more typed on its end
        bar.everywhere = everywhere
        bar.display = True
        bar.focus()

    def action_hit(self, direction: Direction) -> None:
        self.linked_panes.next_hit(direction == "next")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        bar = self.query_one(SearchBar)
        bar.display = False
        self.linked_panes.search(event.value, bar.everywhere, say_none=True)
        self.linked_panes.active_pane.focus()  # after: the first hit may be in another source

    def on_search_bar_closed(self, _message: SearchBar.Closed) -> None:
        bar = self.query_one(SearchBar)
        bar.display = False
        self.linked_panes.clear_search()
        self.linked_panes.active_pane.focus()
