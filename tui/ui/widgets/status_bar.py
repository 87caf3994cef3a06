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

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
    }
    StatusBar ProgressBar {
        width: 30;
        height: 1;
        padding: 0 1;
    }
    StatusBar #status-left {
        width: 1fr;
        padding: 0 1;
    }
    StatusBar #status-right {
        width: auto;
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1.0, show_eta=False, id="align-progress")
        yield Static(Text("Aligning… starting"), id="status-left")
        yield Static(id="status-right")

    # Worker results may arrive while the app closes and this bar is being
    # removed, children first: every update finds its part with ``query``,
    # which is empty then, rather than ``query_one``, which would raise.

    def show_progress(self, fraction: float, message: str) -> None:
        for bar in self.query(ProgressBar):
            bar.display = True  # hidden by a summary; shown again by a reload
            bar.update(progress=fraction)
        self._say("#status-left", f"Aligning… {visible(message)}")

    def show_summary(self, text: str) -> None:
        for bar in self.query(ProgressBar):
            bar.display = False
        self._say("#status-left", text)

    def show_state(self, text: str) -> None:
        self._say("#status-right", text)

    def _say(self, selector: str, text: str) -> None:
        for label in self.query(selector).results(Static):
            label.update(Text(text))
