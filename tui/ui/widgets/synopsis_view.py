"""The synopsis table: every source's telling of each passage on one row.

Like the panes this is a Line-API ``ScrollView`` over lines computed once per
width (:mod:`tui.view.synopsis_layout`): no widget per row, so a long comparison
scrolls as cheaply as a short one. A row cursor moves through synopsis rows;
:class:`~tui.ui.screens.synopsis.SynopsisScreen` shows it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.model import Comparison, SentenceRef
from tui.ui.directions import Direction, Edge, Page, step
from tui.ui.widgets.paint import foreground
from tui.view.synopsis_layout import SEPARATOR, SynopsisLayout, layout_synopsis


class SynopsisView(ScrollView, can_focus=True):
    """The synopsis table with a row cursor."""

    DEFAULT_CSS = """
    SynopsisView {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "row('next')", "Next row", show=False),
        Binding("up,k", "row('previous')", "Previous row", show=False),
        Binding("pagedown,space", "page('down')", "Page down", show=False),
        Binding("pageup", "page('up')", "Page up", show=False),
        Binding("home", "edge('start')", "Start", show=False),
        Binding("end", "edge('end')", "End", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "synopsis-view--cursor",
        "synopsis-view--ins",
        "synopsis-view--del",
        "synopsis-view--minor",
        "synopsis-view--moved",
        "synopsis-view--shared",
        "synopsis-view--rule",
    }

    def __init__(self, comparison: Comparison, reference: int, start: SentenceRef | None) -> None:
        super().__init__()
        self.comparison = comparison
        self.reference = reference
        self.table: SynopsisLayout | None = None
        self.cursor = 0
        self._start = start

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or (self.table is not None and self.table.width == width):
            return
        keep = self.selected_ref() if self.table is not None else self._start
        self.table = layout_synopsis(self.comparison, self.reference, width)
        self.virtual_size = Size(width, self.table.height)
        row = self.table.row_of(keep) if keep is not None else -1
        self.cursor = max(0, row)
        self.call_after_refresh(self._reveal)

    # Cursor ---------------------------------------------------------------

    def selected_ref(self) -> SentenceRef | None:
        """The sentence the cursor row stands for, in the source the reader came from.

        A row that source does not tell stands for its nearest sentence before
        (else after): leaving must focus the pane the reader came from, not
        whichever source happens to tell the row.
        """
        if self.table is None or not self.table.rows:
            return self._start
        rows = self.table.rows
        reference = self.reference
        earlier = range(self.cursor, -1, -1)
        later = range(self.cursor + 1, len(rows))
        for number in (*earlier, *later):
            cells = rows[number].cells[reference]
            if cells:
                return (reference, cells[-1] if number < self.cursor else cells[0])
        row = rows[self.cursor]
        source = row.sources[0]
        return (source, row.cells[source][0])

    def move_to(self, row: int) -> None:
        if self.table is None or not self.table.rows:
            return
        self.cursor = max(0, min(row, len(self.table.rows) - 1))
        self._reveal()
        self.refresh()

    def _reveal(self) -> None:
        if self.table is None or not self.table.rows:
            return
        first = self.table.row_first[self.cursor]
        last = self.table.row_last[self.cursor]
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=min(first, last - height + 1), animate=False, immediate=True)

    def action_row(self, direction: Direction) -> None:
        self.move_to(self.cursor + step(direction))

    def action_page(self, direction: Page) -> None:
        if self.table is None:
            return
        height = max(1, self.scrollable_content_region.height)
        line = self.table.row_first[self.cursor] + step(direction) * max(1, height - 2)
        self.move_to(self.table.row_at(line))

    def action_edge(self, edge: Edge) -> None:
        if self.table is not None:
            self.move_to(len(self.table.rows) - 1 if edge == "end" else 0)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """After a wheel or scrollbar scroll, bring the cursor onto the screen (as vim does)."""
        super().watch_scroll_y(old_value, new_value)
        table = self.table
        if table is None or not table.rows:
            return
        top = round(new_value)
        bottom = top + max(1, self.scrollable_content_region.height) - 1
        first = table.row_first[self.cursor]
        if first < top:
            row = table.row_at(top)
            self.cursor = row if table.row_first[row] >= top else min(row + 1, len(table.rows) - 1)
        elif first > bottom:
            self.cursor = table.row_at(bottom)
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if self.table is not None:
            self.move_to(self.table.row_at(round(self.scroll_y) + event.y))

    # Drawing --------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = round(self.scroll_y) + y
        table = self.table
        if table is None or not 0 <= line < table.height:
            return Strip.blank(width, base)
        style = self.get_component_rich_style
        rule = style("synopsis-view--rule")
        paint = {
            "equal": Style(),
            "ins": foreground(style("synopsis-view--ins")),
            "del": foreground(style("synopsis-view--del")),
            "minor": foreground(style("synopsis-view--minor")),
            "moved": foreground(style("synopsis-view--moved")),
            "shared": foreground(style("synopsis-view--shared")),
        }
        row = table.line_row[line]
        selected = row == self.cursor and line <= table.row_last[row]
        back = base + style("synopsis-view--cursor") if selected else base
        if line > table.row_last[row]:
            return Strip([Segment("─" * width, base + rule)]).adjust_cell_length(width, base)
        segments: list[Segment] = []
        for column, cell in enumerate(table.cells_at(line)):
            if column:
                segments.append(Segment(SEPARATOR, base + rule))
            used = 0
            for span in cell:
                segments.append(Segment(span.text, back + paint[span.kind]))
                used += Segment(span.text).cell_length
            pad = table.column_width - used
            if pad > 0:
                segments.append(Segment(" " * pad, back))
        return Strip(segments).adjust_cell_length(width, base)
