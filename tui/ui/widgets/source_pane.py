"""One source's text: a virtualised, wrapped, highlighted, scrollable pane.

Like Textualize's toolong, this is a Line-API ``ScrollView``: the text is
wrapped once per width into rows (:mod:`tui.view.layout`) and ``render_line``
draws only the rows on screen, so a 30,000-sentence source costs no more to
show or scroll than a short one, and there is no widget per sentence.

The pane knows its own cursor and highlights but nothing about other
sources: it reports what the user did (``CursorMoved``, ``Scrolled``) and
:class:`~tui.ui.widgets.linked_panes.LinkedPanes` decides where the others
go, calling :meth:`SourcePane.place` on them.

Followers must sometimes put a row near their start (or end) lower (or
higher) on screen than scrolling allows, to line it up with the leader.
For that the pane adds blank *padding* rows above or below its text; they
are only as many as needed and are trimmed when the user takes the pane.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker, WorkerState

from tui.compare.wordiff import Mark
from tui.model import Document
from tui.settings import Settings
from tui.ui.directions import Direction, Edge, Page, step
from tui.ui.widgets.paint import foreground
from tui.ui.widgets.row_paint import (
    GUTTER,
    Role,
    edge_line,
    gutter,
    marked_segments,
    piece_style,
)
from tui.view.layout import NO_SENTENCE, WrappedText, empty_wrapped_text, layout_document
from tui.view.marking import piece_offsets
from tui.view.sync import reading_row

WRAP_AT_ONCE = 3000
"""Sources with more sentences than this are wrapped in a thread."""

START = Settings()
"""How a pane starts without a settings file."""


class SourcePane(ScrollView, can_focus=True):
    """The wrapped text of one document, with a sentence cursor."""

    DEFAULT_CSS = """
    SourcePane {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    """

    show_boilerplate: var[bool] = var(False, init=False)
    """Whether boilerplate is wrapped in (dimmed) or left out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor('next')", "Next sentence", show=False, id="next-sentence"),
        Binding(
            "up,k", "cursor('previous')", "Previous sentence", show=False, id="previous-sentence"
        ),
        Binding("pagedown,space", "page('down')", "Page down", show=False, id="page-down"),
        Binding("pageup", "page('up')", "Page up", show=False, id="page-up"),
        Binding("home", "edge('start')", "Start", show=False, id="start"),
        Binding("end", "edge('end')", "End", show=False, id="end"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-pane--cursor",
        "source-pane--lined-up",
        "source-pane--other",
        "source-pane--hit",
        "source-pane--boilerplate",
        "source-pane--unique-mark",
        "source-pane--other-mark",
        "source-pane--suggestion-mark",
        "source-pane--ins",
        "source-pane--del",
        "source-pane--minor",
        "source-pane--moved",
        "source-pane--shared",
    }

    @dataclass
    class CursorMoved(Message):
        """The user moved the cursor; ``sync`` says whether others should follow it."""

        pane: SourcePane
        sync: bool = True

    @dataclass
    class Rewrapped(Message):
        """The rows changed (new width, boilerplate shown or hidden)."""

        pane: SourcePane

    @dataclass
    class Scrolled(Message):
        """The pane scrolled other than by :meth:`SourcePane.place`."""

        pane: SourcePane

    def __init__(
        self, document: Document, index: int, *, id: str | None = None, settings: Settings = START
    ) -> None:
        super().__init__(id=id)
        self.document = document
        self.index = index
        self.set_reactive(SourcePane.show_boilerplate, settings.show_boilerplate)
        self.reading_at_top = settings.reading_line == "top"
        self.wrapped = empty_wrapped_text(document)
        # What is drawn is kept in plain attributes, not reactives: on every
        # scroll step and cursor move the leader sets them on every follower,
        # and each owner calls refresh() once when it is done. Reactives would
        # run their machinery (and a refresh) per assignment on the hot path.
        self.cursor = 0 if document.sentences else NO_SENTENCE
        self.is_leader = False
        self.roles: dict[int, Role] = {}
        self.unique: frozenset[int] = frozenset()
        self.suggested: frozenset[int] = frozenset()
        """Sentences with a suggestion (a pair a little below the threshold): a dimmed ``?``."""
        self.hits: Mapping[int, list[tuple[int, int]]] = {}
        """Search hits: sentence -> where the query occurs in its text (worked
        out lazily, row by row: see :class:`~tui.view.search.HitSpans`)."""
        self.marks: dict[int, list[Mark]] = {}
        """Word-difference marks of the sentences in the focused group."""
        self.pending = NO_SENTENCE
        """A sentence marked with ``m``, waiting to be linked (shown in the gutter)."""
        self.pad_top = 0
        self.pad_bottom = 0
        self._quiet = 0
        self._base_style: Style | None = None
        self._piece_styles: dict[str, Style] | None = None
        self._layout_width = 0

    # Geometry -------------------------------------------------------------

    @property
    def viewport_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    @property
    def content_top(self) -> int:
        """The layout row at the top of the viewport (negative in top padding)."""
        return round(self.scroll_y) - self.pad_top

    @property
    def last_top(self) -> int:
        """The last layout row that can be the first on screen without padding."""
        return max(0, self.wrapped.height - self.viewport_height)

    def screen_row_of(self, row: int) -> int:
        return row - self.content_top

    def _set_extent(self, pad_top: int, pad_bottom: int) -> None:
        self.pad_top, self.pad_bottom = pad_top, pad_bottom
        height = pad_top + self.wrapped.height + pad_bottom
        self.virtual_size = Size(self.wrapped.width + GUTTER, height)

    def _scroll_quietly(self, y: int) -> None:
        """Scroll without reporting ``Scrolled`` (so followers never lead)."""
        self._quiet += 1
        try:
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
        finally:
            self._quiet -= 1

    def place(self, row: int, screen_row: int) -> None:
        """Show layout ``row`` on ``screen_row``, padding the ends if needed."""
        top = row - screen_row
        height = self.viewport_height
        pad_top = max(0, -top)
        pad_bottom = max(0, top + height - self.wrapped.height)
        if (pad_top, pad_bottom) != (self.pad_top, self.pad_bottom):
            self._set_extent(pad_top, pad_bottom)
        self._scroll_quietly(top + pad_top)

    def show_top(self, top: int, *, report: bool = True) -> None:
        """Scroll so layout row ``top`` is the first on screen: as the user would
        (followers follow the reading line), or without ``report``ing it (the
        cursor is about to move, and the followers line up with it alone)."""
        limit = max(0, self.wrapped.height - self.viewport_height)
        top = min(max(top, 0), limit)
        self.trim_padding()
        if report:
            self.scroll_to(y=top + self.pad_top, animate=False, immediate=True)
        else:
            self._scroll_quietly(top + self.pad_top)

    def trim_padding(self) -> None:
        """Drop the padding rows that are off screen, keeping what is shown still."""
        top = self.content_top
        height = self.viewport_height
        pad_top = max(0, min(self.pad_top, -top))
        pad_bottom = max(0, min(self.pad_bottom, top + height - self.wrapped.height))
        if (pad_top, pad_bottom) != (self.pad_top, self.pad_bottom):
            self._set_extent(pad_top, pad_bottom)
            self._scroll_quietly(top + pad_top)

    # Wrapping -------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.relayout()

    def relayout(self, force: bool = False) -> None:
        """Re-wrap for the current width, keeping the top sentence in place.

        Small sources are wrapped at once. A large one (wrapping 30,000
        sentences takes a few hundred ms) is wrapped in a thread worker so
        the screen never freezes; until it is done the pane keeps its old
        rows, or on first show the rows of its first few hundred sentences.
        """
        width = max(1, self.scrollable_content_region.width - GUTTER)
        if width == self._layout_width and not force:
            return
        self._layout_width = width
        if len(self.document.sentences) <= WRAP_AT_ONCE:
            self._use(layout_document(self.document, width, self.show_boilerplate))
            return
        if self.wrapped.height == 0:
            head = layout_document(self.document, width, self.show_boilerplate, WRAP_AT_ONCE)
            self._use(head)
        self._wrap_in_thread(width, self.show_boilerplate)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _wrap_in_thread(self, width: int, show_boilerplate: bool) -> WrappedText:
        return layout_document(self.document, width, show_boilerplate)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.SUCCESS:
            return
        wrapped = event.worker.result
        if isinstance(wrapped, WrappedText) and wrapped.width == self._layout_width:
            event.stop()
            self._use(wrapped)

    def _use(self, wrapped: WrappedText) -> None:
        """Show ``wrapped`` with the sentence that was at the top still there."""
        anchor = self.wrapped.sentence_at(max(0, self.content_top)) if self.wrapped.height else -1
        self.wrapped = wrapped
        self._set_extent(0, 0)
        if anchor >= 0:
            self._scroll_quietly(wrapped.sentence_first[anchor])
        self.refresh()
        self.post_message(self.Rewrapped(self))

    def show_document(self, document: Document) -> None:
        """The source was read again (``r``): wrap the new text, nothing marked yet."""
        self.document, self.wrapped = document, empty_wrapped_text(document)
        self.cursor = 0 if document.sentences else NO_SENTENCE
        self.roles, self.unique, self.hits, self.marks = {}, frozenset(), {}, {}
        self.suggested = frozenset()
        self.pending = NO_SENTENCE
        self.relayout(force=True)

    def toggle_boilerplate(self) -> None:
        self.show_boilerplate = not self.show_boilerplate

    def watch_show_boilerplate(self) -> None:
        self.relayout(force=True)

    # Cursor ---------------------------------------------------------------

    def set_cursor(self, sentence: int, *, sync: bool = True, reveal: bool = True) -> None:
        """Move the cursor to ``sentence`` and report it."""
        if not self.document.sentences:
            return
        sentence = min(max(sentence, 0), len(self.document.sentences) - 1)
        self.cursor = sentence
        if reveal:
            self.reveal(sentence)
        self.refresh()
        self.post_message(self.CursorMoved(self, sync))

    def reveal(self, sentence: int) -> None:
        """Scroll the least needed to show ``sentence`` (quietly: the cursor leads)."""
        first = self.wrapped.sentence_first[sentence]
        last = self.wrapped.sentence_last[sentence]
        top = self.content_top
        height = self.viewport_height
        # Keep a margin (vim's scrolloff) so the cursor rarely sits at an edge,
        # where followers would need padding to line their counterparts up.
        margin = min(height // 4, max(0, (height - (last - first + 1)) // 2))
        if first < top + margin:
            new_top = first - margin
        elif last >= top + height - margin:
            new_top = min(first - margin, last - height + 1 + margin)
        else:
            return
        limit = max(0, self.wrapped.height - height)
        self.trim_padding()
        self._scroll_quietly(min(max(new_top, 0), limit) + self.pad_top)

    def cursor_into_view(self) -> None:
        """After the user scrolled, bring the cursor back on screen (as vim does)."""
        if self.cursor < 0:
            return
        top = max(0, self.content_top)
        bottom = top + self.viewport_height - 1
        first = self.wrapped.sentence_first[self.cursor]
        if top <= first <= bottom:
            return
        if first < top:
            candidate = self.wrapped.sentence_at(top)
            if candidate < 0 or self.wrapped.sentence_first[candidate] < top:
                candidate += 1
        else:
            candidate = self.wrapped.sentence_at(bottom)
        candidate = min(max(candidate, 0), len(self.document.sentences) - 1)
        if candidate != self.cursor:
            self.set_cursor(candidate, sync=False, reveal=False)

    def action_cursor(self, direction: Direction) -> None:
        if self.cursor >= 0:
            self.set_cursor(self.cursor + step(direction))

    def action_page(self, direction: Page) -> None:
        """A page on, the cursor carried to the reading line (where the others line up)."""
        before = self.content_top
        self.show_top(before + step(direction) * max(1, self.viewport_height - 2))
        if self.content_top == before:  # nothing left to scroll: to the first / last sentence
            self._carry_cursor(0 if direction == "up" else len(self.document.sentences) - 1)
            return
        top = self.content_top
        row = reading_row(top, self.viewport_height, self.wrapped.height, self.reading_at_top)
        sentence = max(0, self.wrapped.sentence_at(row))
        if self.wrapped.sentence_first[sentence] < top:  # a tall one, begun above the screen
            following = sentence + 1
            shown = top + self.viewport_height
            if following < len(self.document.sentences) and (
                self.wrapped.sentence_first[following] < shown
            ):
                sentence = following
        self._carry_cursor(sentence)

    def action_edge(self, edge: Edge) -> None:
        """To the start or end of the text, with the cursor on its first or last sentence.

        Quietly: were the scroll reported, a follower with no counterpart of
        that sentence would follow the reading line instead of holding still."""
        self.show_top(self.wrapped.height if edge == "end" else 0, report=False)
        self._carry_cursor(len(self.document.sentences) - 1 if edge == "end" else 0)

    def _carry_cursor(self, sentence: int) -> None:
        """Home, End and the page keys take the cursor (and its highlights) along."""
        if self.document.sentences and self.wrapped.height:
            self.set_cursor(sentence, reveal=False)

    def on_click(self, event: events.Click) -> None:
        row = self.content_top + event.y
        sentence = self.wrapped.sentence_at_cell(row, event.x - GUTTER)
        if sentence == NO_SENTENCE:
            sentence = self.wrapped.sentence_at(row)
        self.focus()
        if sentence >= 0:
            self.set_cursor(sentence, reveal=False)

    # Reporting scrolls ----------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._quiet and round(old_value) != round(new_value):
            self.post_message(self.Scrolled(self))

    # Drawing --------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles are looked up once per repaint, not once per row: on a big
        # screen that halves the cost of a scroll step.
        self._base_style = self.rich_style
        self._piece_styles = self._styles()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style or self.rich_style
        row = self.content_top + y
        styles = self._piece_styles or self._styles()
        if not 0 <= row < self.wrapped.height:
            return edge_line(row, self.wrapped.height, width, base, styles)
        line = self.wrapped.line(row)
        sentences = {piece.sentence for piece in line if piece.sentence != NO_SENTENCE}
        first = self.wrapped.sentence_first
        suggested = (
            frozenset(n for n in sentences if n in self.suggested and first[n] == row)
            if self.suggested
            else frozenset()
        )
        left = gutter(sentences, self.pending, self.roles, self.unique, styles, base, suggested)
        segments = left if isinstance(left, list) else [left]
        marked = self.marks and not sentences.isdisjoint(self.marks)
        # Not isdisjoint(self.hits): that walks every hit when hits is no set.
        hit = self.hits and any(sentence in self.hits for sentence in sentences)
        offsets = piece_offsets(self.wrapped, row) if marked or hit else []
        cursor = self.cursor if self.is_leader else None
        for number, piece in enumerate(line):
            style = base + piece_style(piece, styles, cursor, self.roles)
            marks = self.marks.get(piece.sentence) if marked else None
            spans = self.hits.get(piece.sentence) if hit else None
            if (marks is None and spans is None) or piece.boilerplate:
                segments.append(Segment(piece.text, style))
            else:
                segments.extend(
                    marked_segments(piece.text, offsets[number], style, marks, spans, styles)
                )
        return Strip(segments).adjust_cell_length(width, base)

    def _styles(self) -> dict[str, Style]:
        styles = {
            name.removeprefix("source-pane--"): self.get_component_rich_style(name)
            for name in self.COMPONENT_CLASSES
        }
        for kind in ("ins", "del", "minor", "moved", "shared"):
            styles[kind] = foreground(styles[kind])
        return styles
