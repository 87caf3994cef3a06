"""The coverage summary screen: which source tells the fullest story.

A small ``DataTable`` (one row per source) over :func:`tui.compare.summary.coverage_table`;
the numbers are computed and formatted there, so this only lays them out.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.compare.flags import Flag
from tui.compare.summary import coverage_table
from tui.model import Comparison

HINT = (
    "“in N”: share of the row's sentences that source N tells too. "
    "Unique: told by no other source. Flagged: in a possible disagreement. Escape closes."
)


class CoverageScreen(ModalScreen[None]):
    """Per source: sentences, shares found in each other source, unique, flagged."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,C", "dismiss", "Close")]

    def __init__(self, comparison: Comparison, flags: list[Flag]) -> None:
        super().__init__()
        self.headers, self.rows = coverage_table(comparison, flags)

    def compose(self) -> ComposeResult:
        with Vertical(id="coverage-body"):
            yield Static(Text("Coverage", style="bold"), id="coverage-title")
            yield DataTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text(HINT), id="coverage-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(Text(header) for header in self.headers))
        for row in self.rows:
            cells = [Text(row[0])] + [Text(cell, justify="right") for cell in row[1:]]
            table.add_row(*cells)
        table.focus()
