"""The search part of the linked panes: ``/`` in one source, ``f`` in all.

A base of :class:`~tui.ui.widgets.linked_panes.LinkedPanes`: it runs a
search (in a thread worker when it is big, so the screen never freezes),
hands each pane its hits and goes from hit to hit. What matches and which
hit comes next is :mod:`tui.view.search`'s.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var

from tui.ingest.safe_text import visible
from tui.model import Document
from tui.ui.widgets.source_pane import SourcePane
from tui.view.search import NOTHING, Found, find_in, runs_at_once


class SearchingPanes(Horizontal):
    """Panes that can be searched; the subclass says which panes there are."""

    found: var[Found] = var(NOTHING, init=False, always_update=True)
    """What ``/`` or ``f`` found (:data:`NOTHING` when no search)."""

    @property
    def documents(self) -> list[Document]:
        """The documents searched (the subclass says where they live)."""
        raise NotImplementedError

    class Searched(Message, bubble=False):
        """A search run in a thread is done (``number``: which one)."""

        def __init__(self, number: int, found: Found, say_none: bool) -> None:
            super().__init__()
            self.number, self.found, self.say_none = number, found, say_none

    searches = 0
    """How many searches were started (only the last one's result is shown)."""

    # What the subclass provides ---------------------------------------------

    @property
    def panes(self) -> list[SourcePane]:
        raise NotImplementedError

    def pane(self, index: int) -> SourcePane:
        raise NotImplementedError

    @property
    def active_pane(self) -> SourcePane:
        raise NotImplementedError

    def activate(self, index: int, *, focus: bool = True, carry: bool = True) -> None:
        raise NotImplementedError

    def search_shown(self) -> None:
        """The hits shown changed: the status line should say so."""

    # Searching --------------------------------------------------------------

    def search(self, query: str, everywhere: bool = False, say_none: bool = False) -> None:
        """Highlight ``query`` in the active source (or ``everywhere``: in every
        source) and go to the first hit at/after the cursor, in reading order;
        ``say_none``: say so when nothing is found. Big searches run in a thread
        (a newer search or Esc drops an older one's result): no freeze."""
        sources = range(len(self.documents)) if everywhere else [self.active_pane.index]
        self.searches += 1
        if runs_at_once(self.documents, sources):
            self._show(find_in(self.documents, query, sources, everywhere), say_none)
            return
        number, documents = self.searches, self.documents
        self.run_worker(
            lambda: self.post_message(
                self.Searched(number, find_in(documents, query, sources, everywhere), say_none)
            ),
            thread=True,
            exclusive=True,
            group="search",
            exit_on_error=False,
        )

    def on_searching_panes_searched(self, message: Searched) -> None:
        if message.number == self.searches:  # else superseded, or cleared
            self._show(message.found, message.say_none)

    def _show(self, found: Found, say_none: bool) -> None:
        self.found = found
        self.next_hit(forward=True, inclusive=True)
        if say_none and not found.hits:
            query = visible(found.query)
            self.notify(f"No hits for “{query}”", severity="warning", markup=False)

    def watch_found(self, found: Found) -> None:
        """Mark the words of every hit in the panes ("" clears them): cheap,
        the spans are worked out as rows are painted."""
        for pane in self.panes:
            pane.hits = found.spans(pane.index, _text_of(pane.document))
            pane.refresh()
        self.search_shown()

    def next_hit(self, forward: bool, inclusive: bool = False) -> None:
        """``n``/``N``: the next hit in reading order, in whichever source it is."""
        found, pane = self.found, self.active_pane
        if found.query and not found.everywhere and found.sources != (pane.index,):
            self.search(found.query)  # the user switched source: search this one
            return
        target = found.next((pane.index, pane.cursor), forward, inclusive)
        if target is None:
            self.app.bell()
            return
        self.activate(target[0], carry=False)
        self.pane(target[0]).set_cursor(target[1])

    def clear_search(self) -> None:
        self.searches += 1  # a search still running is dropped
        self.found = NOTHING


def _text_of(document: Document) -> Callable[[int], str]:
    """A sentence's text by number, without copying 100,000 texts into a list."""
    sentences = document.sentences
    return lambda number: sentences[number].text
