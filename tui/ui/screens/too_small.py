"""The screen shown while the terminal is too small for the reader.

Why: below a few rows and columns the reader and the screens on top of it
(the command palette's option list among them) have no room to lay out, and
some of Textual's widgets fail on a zero-height viewport (``PageDown`` in the
palette at 40×3: ``KeyError`` in its option list). Whatever is open stays
underneath, untouched; this screen covers it until the terminal is large
enough again, and only ``q`` (quit) works meanwhile.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 40
MIN_HEIGHT = 10


def too_small(size: Size) -> bool:
    """Whether a terminal of ``size`` cannot show the reader."""
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


class TooSmallScreen(Screen[None]):
    """Says how large the terminal must be; the app pops it when it is."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "app.quit", "Quit")]

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
    }
    TooSmallScreen > Static {
        width: auto;
        height: auto;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.show(self.app.size)

    def show(self, size: Size) -> None:
        """Say the size now and the size needed (short lines: there is little room)."""
        message = Text(
            f"Terminal too small: {size.width}×{size.height}\n"
            f"Synoptic needs {MIN_WIDTH}×{MIN_HEIGHT}\nEnlarge it, or q to quit",
            justify="center",
        )
        self.query_one("#too-small", Static).update(message)
