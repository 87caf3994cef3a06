"""The synopsis screen: every source's telling of each passage on one row, one scroll.

The rows follow the order of the source the reader came from, and its
column header says so. Leaving the screen (``s``, Escape or Enter) dismisses
it with that source's sentence at (or nearest before) the cursor row, so
the panes open where the reader was, in the pane the reader came from.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.ingest.safe_text import visible
from tui.model import Comparison, SentenceRef
from tui.ui.widgets.synopsis_view import SynopsisView
from tui.view.synopsis_layout import SEPARATOR, column_width

ORDER_WORDS = (" · rows in its order", " · its order", " · order")
"""What the reference column's header adds, longest first: the first that fits."""


class SynopsisScreen(Screen[SentenceRef | None]):
    """The synopsis with a header of source names; dismissed with the cursor's sentence."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,escape,enter", "close", "Back to panes"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, comparison: Comparison, reference: int, start: SentenceRef | None) -> None:
        super().__init__()
        self.comparison = comparison
        self.reference = reference
        self.start = start

    @property
    def view(self) -> SynopsisView:
        return self.query_one(SynopsisView)

    def compose(self) -> ComposeResult:
        yield Static(id="synopsis-header")
        yield SynopsisView(self.comparison, self.reference, self.start)
        yield Footer()

    def on_mount(self) -> None:
        self.view.focus()

    def on_resize(self) -> None:
        self._header()

    def _header(self) -> None:
        documents = self.comparison.documents
        width = column_width(self.size.width - 1, len(documents))
        header = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, document in enumerate(documents):
            if index:
                header.append(SEPARATOR)
            label = f"{index + 1} {visible(document.name)}"
            if index == self.reference:
                # Said in words ("(order)" alone left readers guessing), as much
                # as fits: cut mid-phrase at 80 columns it read "rows in".
                label += next((s for s in ORDER_WORDS if cell_len(label + s) <= width), "")
            if cell_len(label) > width:
                label = label[: max(0, width - 1)] + "…"
            label = label[:width].ljust(width)
            header.append(label, style="bold" if index == self.reference else "")
        self.query_one("#synopsis-header", Static).update(header)

    def action_close(self) -> None:
        self.dismiss(self.view.selected_ref())
