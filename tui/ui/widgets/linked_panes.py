"""The side-by-side panes and the rules that link them.

:class:`LinkedPanes` owns one column (header + :class:`SourcePane`) per
source and is the only place that moves one pane because of another. The
active pane leads: its cursor moves and scrolls are turned into positions
for every other visible pane through :mod:`tui.view.sync`. Followers are moved with
:meth:`SourcePane.place`, which scrolls without reporting, so a follower
never leads in turn (no feedback loop) and every step is synchronous.

When the sources do not all fit, only a window of them is displayed
(:mod:`tui.view.source_window`); switching to a source outside it moves
the window. Where followers go is :mod:`tui.ui.widgets.pane_sync`'s.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var

from tui.model import Document, SentenceRef
from tui.settings import Settings
from tui.ui.widgets.pane_header import PaneHeader
from tui.ui.widgets.pane_sync import line_up_cursor, line_up_rows
from tui.ui.widgets.searching_panes import SearchingPanes
from tui.ui.widgets.source_pane import SourcePane
from tui.view.following import Role, Status, follower_view
from tui.view.layout import NO_SENTENCE
from tui.view.linking import LinkIndex, next_passage
from tui.view.marking import cursor_marks
from tui.view.position import position_label, source_label
from tui.view.reading import Reading
from tui.view.source_window import (
    STILL_ALIGNING,
    cut_order,
    nowhere_to_go,
    why_no_counterpart,
    window_size,
    window_start,
)


class LinkedPanes(SearchingPanes):
    """All panes of one comparison, linked."""

    DEFAULT_CSS = """
    LinkedPanes {
        height: 1fr;
    }
    LinkedPanes > .column {
        width: 1fr;
        height: 1fr;
    }
    """

    # State the user changes now and then, with what follows from it in a watcher.
    linked: var[bool] = var(True, init=False)
    """Whether the other panes follow the active one."""
    active_index: var[int] = var(0, init=False)
    """The source whose pane leads."""

    class StatusChanged(Message):
        """Something the status bar shows changed (window, link state, search)."""

    def __init__(
        self, reading: Reading, *, id: str | None = None, settings: Settings | None = None
    ) -> None:
        """``reading``: what to show, owned by the screen (the panes keep no copy of
        its documents or links); ``settings``: how the panes start (linked,
        boilerplate shown, reading line)."""
        super().__init__(id=id)
        self.reading = reading
        documents = reading.documents
        self.settings = settings or Settings()
        self.set_reactive(LinkedPanes.linked, self.settings.linked)
        self.window_start = 0
        self.window_size = len(documents)
        self.choice = 0
        self.came_from: list[int] = []
        """The sources that led before the active one, most recent first."""
        self._resync_pending = False
        self._labels = [source_label(document.name) for document in documents]
        """Each source's name as a book is cited ("Luke"), for the headers' positions."""

    def compose(self):
        # The window over sources is chosen from the terminal's width before the
        # first layout, so the first paint wraps each pane at its final width
        # (not at three panes' width, reflowed once this widget knows its size).
        self.window_size = window_size(len(self.documents), self.app.size.width)
        # The first column's classes are given here, not added on mount: each
        # added class (and an order selector such as :first-of-type) styles the
        # column's widgets once more before the first frame (issue 27).
        for index, document in enumerate(self.documents):
            classes = "column -first -active" if index == 0 else "column"
            column = Vertical(classes=classes, id=f"column-{index}")
            column.display = index in self.visible_indices()
            with column:
                yield PaneHeader(document, index)
                yield SourcePane(document, index, id=f"pane-{index}", settings=self.settings)

    @property
    def documents(self) -> list[Document]:
        return self.reading.documents

    @property
    def links(self) -> LinkIndex:
        return self.reading.links

    @property
    def panes(self) -> list[SourcePane]:
        return list(self.query(SourcePane))

    def pane(self, index: int) -> SourcePane:
        return self.query_one(f"#pane-{index}", SourcePane)

    def header(self, index: int) -> PaneHeader:
        return self.query_one(f"#column-{index} PaneHeader", PaneHeader)

    @property
    def active_pane(self) -> SourcePane:
        return self.pane(self.active_index)

    def visible_indices(self) -> range:
        return range(self.window_start, self.window_start + self.window_size)

    def on_mount(self) -> None:
        self._fit_window()
        first = self.pane(0)
        first.is_leader = True
        self.refresh_highlights()

    def on_resize(self) -> None:
        self._fit_window()
        # Taller or shorter panes (the search bar hid, the terminal changed) may
        # clamp a padded follower's scroll: line everyone up again. Without this
        # a hit near the end stood rows away from its counterparts.
        self._resync_soon()

    # Window over sources --------------------------------------------------

    def _fit_window(self) -> None:
        count = len(self.documents)
        self.window_size = window_size(count, self.size.width or self.app.size.width)
        self.window_start = window_start(
            count, self.window_size, self.active_index, self.window_start
        )
        for index in range(count):
            column = self.query_one(f"#column-{index}")
            column.display = index in self.visible_indices()
        self.post_message(self.StatusChanged())

    # Alignment ------------------------------------------------------------

    def show_documents(self) -> None:
        """The reading's sources were read again: each pane whose document changed
        shows the new text (unchanged panes keep their place), the search and
        the mark of ``m`` (found in the old text) go, and the links (none yet)."""
        self.clear_search()
        for pane in self.panes:
            document = self.documents[pane.index]
            if pane.document is not document:
                pane.show_document(document)
                header = self.header(pane.index)
                header.document = document
                header.refresh_text()
        self.show_reading()

    def show_reading(self, mark: SentenceRef | None = None) -> None:
        """Push the reading's marks to the panes (sentences only one source has,
        suggestions, and ``mark``: the sentence a pending ``m`` marked), then
        highlight and line up (the cursor's best suggestion is previewed where
        no counterpart is). The one way the panes learn of new links."""
        for pane in self.panes:
            pane.unique = self.links.unique[pane.index]
            pane.suggested = self.reading.suggestions.marked(pane.index)
            pane.pending = mark[1] if mark is not None and mark[0] == pane.index else NO_SENTENCE
            pane.refresh()
        self.refresh_highlights()
        self.sync_cursor()

    # Activation -----------------------------------------------------------

    def activate(self, index: int, *, focus: bool = True, carry: bool = True) -> None:
        """Make source ``index`` lead; its cursor goes to what was lined up."""
        index = max(0, min(index, len(self.documents) - 1))
        old = self.active_pane
        if index != self.active_index:
            new = self.pane(index)
            self.active_index = index
            new.trim_padding()
            if carry:
                self._carry_cursor(old, new)
            old.refresh()
            new.refresh()
            self.refresh_highlights()
        if focus and not self.active_pane.has_focus:
            self.active_pane.focus()

    def watch_active_index(self, old: int, new: int) -> None:
        """Another source leads: the leader flags, the highlighted column and the
        window over sources follow (the cursor is carried by :meth:`activate`)."""
        self.came_from = [old, *(i for i in self.came_from if i not in (old, new))]
        self.pane(old).is_leader = False
        self.pane(new).is_leader = True
        self.query_one(f"#column-{old}").remove_class("-active")
        self.query_one(f"#column-{new}").add_class("-active")
        self._fit_window()

    def _carry_cursor(self, old: SourcePane, new: SourcePane) -> None:
        """The new leader's cursor goes to the counterpart lined up with the old
        one's, unless it already stands on one of its counterparts: going to
        another source and back (``3 1``) returns where you were, not to the
        best counterpart's own best counterpart."""
        if old.cursor >= 0 and new.cursor >= 0:
            counterparts = self.links.counterparts(old.index, old.cursor, new.index)
            if any(number == new.cursor for number, _score in counterparts):
                new.set_cursor(new.cursor, sync=self.linked, reveal=not self.linked)
                return
        lined_up = [number for number, role in new.roles.items() if role is Role.LINED_UP]
        if lined_up:
            new.set_cursor(lined_up[0], sync=self.linked, reveal=not self.linked)
        elif old.cursor >= 0 and new.document.sentences:
            screen_row = old.screen_row_of(old.wrapped.sentence_first[old.cursor])
            row = max(0, new.content_top + screen_row)
            new.set_cursor(max(0, new.wrapped.sentence_at(row)), sync=False)

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if isinstance(widget, SourcePane) and widget.index != self.active_index:
            self.activate(widget.index, focus=False, carry=False)

    # Events from panes ----------------------------------------------------

    def on_source_pane_cursor_moved(self, event: SourcePane.CursorMoved) -> None:
        pane = event.pane
        if pane.index != self.active_index:
            self.activate(pane.index, focus=False, carry=False)
        self.choice = 0
        self.refresh_highlights()
        if event.sync:
            self.sync_cursor()

    def on_source_pane_rewrapped(self, event: SourcePane.Rewrapped) -> None:
        """Rows moved: line everything up again once the screen has settled."""
        self._resync_soon()

    def _resync_soon(self) -> None:
        if not self._resync_pending:
            self._resync_pending = True
            self.call_after_refresh(self.resync)

    def on_source_pane_scrolled(self, event: SourcePane.Scrolled) -> None:
        pane = event.pane
        if self.linked:
            self.sync_rows(pane)
        if pane.index == self.active_index:
            pane.cursor_into_view()

    # Highlights -----------------------------------------------------------

    def refresh_highlights(self) -> None:
        """Mark the cursor's counterparts in the other panes and say how they relate."""
        leader = self.active_pane
        ready = self.links.ready
        for pane in self.panes:
            index = pane.index
            if pane is leader:
                pane.roles = {}
                status = Status("" if self.linked else "unlinked", "info")
                shown = leader.cursor
            else:
                shows = follower_view(
                    self.links,
                    (leader.index, leader.cursor),
                    index,
                    choice=self.choice,
                    linked=self.linked,
                    suggestions=self.reading.suggestions,
                    manual=self.is_manual,
                )
                pane.roles, status, shown = dict(shows.roles), shows.status, shows.shown
            pane.refresh()
            counts = self.links.counts(index) if ready else None
            position = position_label(pane.document, shown, self._labels[index])
            self.header(index).set_info(counts, status, position)
        self._mark_differences(leader)

    def _mark_differences(self, leader: SourcePane) -> None:
        """Word differences between the cursor sentence and each lined-up counterpart."""
        for pane in self.panes:
            pane.marks = {}
        if leader.cursor < 0 or not self.links.ready:
            return
        lined = {pane.index: self.lined_up(pane.index) for pane in self.panes if pane is not leader}
        texts = {
            index: self.pane(index).document.sentences[sentence].text
            for index, sentence in lined.items()
            if sentence >= 0
        }
        if not texts:
            return
        mine, theirs = cursor_marks(leader.document.sentences[leader.cursor].text, texts)
        leader.marks = {leader.cursor: mine}
        for index, marks in theirs.items():
            self.pane(index).marks = {lined[index]: marks}

    def is_manual(self, one: SentenceRef, two: SentenceRef) -> bool:
        """Whether the link between ``one`` and ``two`` was made by hand."""
        return self.links.is_manual(one, two)

    def lined_up(self, index: int) -> int:
        """The sentence of pane ``index`` lined up with the cursor, or -1."""
        roles = self.pane(index).roles
        return next((n for n, role in roles.items() if role is Role.LINED_UP), -1)

    # Linked scrolling -----------------------------------------------------

    def _followers(self, leader: SourcePane) -> list[SourcePane]:
        return [self.pane(i) for i in self.visible_indices() if i != leader.index]

    def sync_cursor(self) -> None:
        """Line up the counterparts of the active pane's cursor on its screen row."""
        leader = self.active_pane
        if self.linked and leader.cursor >= 0 and self.links.ready:
            line_up_cursor(leader, self._followers(leader), self.links)

    def sync_rows(self, leader: SourcePane) -> None:
        """Scroll mode: line up whatever is beside the leader's reading line."""
        if self.links.ready:
            line_up_rows(leader, self._followers(leader), self.links)

    def resync(self) -> None:
        """After a resize or re-wrap: reveal the cursor and line everyone up again."""
        self._resync_pending = False
        leader = self.active_pane
        if leader.cursor >= 0:
            leader.reveal(leader.cursor)
        self.sync_cursor()

    # Commands -------------------------------------------------------------

    def toggle_link(self) -> None:
        self.linked = not self.linked

    def watch_linked(self, linked: bool) -> None:
        self.refresh_highlights()
        if linked:
            self.sync_cursor()
        self.post_message(self.StatusChanged())

    def toggle_boilerplate(self) -> None:
        for pane in self.panes:
            pane.toggle_boilerplate()

    def cycle_counterpart(self) -> None:
        """Line up the next of several counterparts (or say why there is none)."""
        leader = self.active_pane
        counts = [
            len(self.links.counterparts(leader.index, leader.cursor, index))
            for index in range(len(self.documents))
            if index != leader.index
        ]
        if self._say_why_no_counterpart(counts):
            return
        if max(counts) < 2:
            self.notify("Nothing to cycle: one counterpart in each source", severity="warning")
            return
        self.choice += 1
        self.refresh_highlights()
        self.sync_cursor()

    def _say_why_no_counterpart(self, counts: list[int]) -> bool:
        """Notify (and return True) when the cursor sentence has no counterpart at all."""
        why = why_no_counterpart(self.links.ready, counts)
        if why:
            self.notify(why, severity="warning")
        return bool(why)

    def cut_order(self) -> list[int]:
        """The other sources in the order ``X`` looks for a lined-up link to cut."""
        return cut_order(self.active_index, len(self.documents), self.came_from)

    def switch(self, step: int) -> None:
        self.activate((self.active_index + step) % len(self.documents))

    def jump_to_counterpart(self) -> None:
        """Go to the next source (in order) that has a counterpart of the cursor."""
        leader = self.active_pane
        index, counts = self.links.next_source_with_counterpart((leader.index, leader.cursor))
        if index is not None:
            self.activate(index)
        else:
            self._say_why_no_counterpart(counts)

    def passage(self, unique: bool, forward: bool) -> None:
        """Go to the next (or previous) shared or unique passage, or say why not
        (as ``o`` and ``c`` do: a bell alone is easy to miss, or muted)."""
        pane = self.active_pane
        if not self.links.ready:
            self.notify(STILL_ALIGNING, severity="warning")
            return
        flags = self.links.unique_flags(pane.index) if unique else self.links.linked[pane.index]
        target = next_passage(flags, pane.cursor, forward)
        if target is not None:
            pane.set_cursor(target)
            return
        self.app.bell()
        self.notify(nowhere_to_go(unique, any(flags), forward), severity="warning")

    def search_shown(self) -> None:
        self.post_message(self.StatusChanged())
