"""The search line of ``/`` (this source) and ``f`` (every source): type, Enter
to go to the first hit, Escape to close.

It only collects the query and says what will be searched; the linked panes
search, so the same ``n``/``N`` keys keep working after the bar has closed.
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

    PLACEHOLDERS: ClassVar[dict[bool, str]] = {
        False: "Search this source (Enter: first hit, Escape: close)",
        True: "Search every source (Enter: first hit, Escape: close)",
    }

    def __init__(self) -> None:
        super().__init__(placeholder=self.PLACEHOLDERS[False])
        self._everywhere = False

    @property
    def everywhere(self) -> bool:
        """Whether Enter searches every source (``f``) or the active one (``/``)."""
        return self._everywhere

    @everywhere.setter
    def everywhere(self, value: bool) -> None:
        self._everywhere = value
        self.placeholder = self.PLACEHOLDERS[value]

    def action_close(self) -> None:
        self.post_message(self.Closed())
