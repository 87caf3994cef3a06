"""The line under the panes: alignment progress, link state, source window.

While the alignment worker runs it shows a progress bar and what the
aligner is doing, so the user knows links are coming; afterwards it
summarises the links and keeps the states that change what keys do in view
(unlinked, search hits, which sources of how many are shown).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from tui.ingest.safe_text import visible


class StatusBar(Horizontal):
    """Progress while aligning, then a summary."""

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1.0, show_eta=False, id="align-progress")
        yield Static(Text("Aligning… starting"), id="status-left")
        yield Static(id="status-right")

    def show_progress(self, fraction: float, message: str) -> None:
        self.query_one(ProgressBar).update(progress=fraction)
        self.query_one("#status-left", Static).update(Text(f"Aligning… {visible(message)}"))

    def show_summary(self, text: str) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#status-left", Static).update(Text(text))

    def show_state(self, text: str) -> None:
        self.query_one("#status-right", Static).update(Text(text))
