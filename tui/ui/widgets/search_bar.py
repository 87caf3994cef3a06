"""The ``/`` search line: type, Enter to go to the first hit, Escape to close.

It only collects the query; the linked panes search the active source, so the
same ``n``/``N`` keys keep working after the bar has closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """An input docked under the panes, hidden until ``/``."""

    DEFAULT_CSS = """
    SearchBar {
        dock: bottom;
        height: 3;
        margin-bottom: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close search", show=False)]

    @dataclass
    class Closed(Message):
        """The user dismissed the bar (Escape)."""

    def __init__(self) -> None:
        super().__init__(placeholder="Search this source (Enter: first hit, Escape: close)")

    def action_close(self) -> None:
        self.post_message(self.Closed())
