"""The ``?`` screen: every key, grouped by what it is for (see :mod:`tui.ui.keys`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.keys import help_table


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help")
    ]

    def __init__(self, bindings: Sequence[BindingType]) -> None:
        """``bindings``: every binding the help explains (keys are read from them)."""
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, rows in help_table(self.bindings):
            table.add_row(Text(title, style="underline"), "")
            for keys, meaning in rows:
                table.add_row(keys, meaning)
            table.add_row("", "")
        with VerticalScroll(id="help-body"):
            yield Static(Text("Synoptic keys", style="bold"), id="help-title")
            yield Static(table)
            yield Static(Text("Escape, q or ? closes this help."), id="help-hint")
