"""The line under the panes: alignment progress, link state, source window.

While the alignment worker runs it shows a progress bar and what the
aligner is doing, so the user knows links are coming; afterwards it
summarises the links and keeps the states that change what keys do in view
(unlinked, search hits, which sources of how many are shown). An export
running in its worker reports here too: the bar comes back while it runs,
and the summary when it is done.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from tui.ingest.safe_text import visible
from tui.ui.messages import ExportDone, ExportProgress


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
        width: auto;
        padding: 0 1;
    }
    StatusBar #status-right {
        width: 1fr;
        padding: 0 1;
        text-align: right;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    NARROW = 120
    """Below this many columns the summary is its short form: the links and the
    threshold stay in view, and the state on the right is cut with an ellipsis
    (at 80×24 the two used to run into each other, the summary squeezed out)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._summary = ""
        self._short = ""
        self._summary_shown = False
        self._exporting = False
        """An export is under way: the bar and its words stay until it is done."""

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
        self._summary_shown = False
        self._say("#status-left", f"Aligning… {visible(message)}")

    def show_summary(self, text: str, short: str = "") -> None:
        """``text`` on the left; ``short`` instead when the terminal is narrow."""
        self._summary, self._short = text, short
        if self._exporting:
            return  # shown again when the export is done
        for bar in self.query(ProgressBar):
            bar.display = False
        self._summary_shown = True
        self._say_summary()

    def on_resize(self) -> None:
        if self._summary_shown and not self._exporting:
            self._say_summary()

    def _say_summary(self) -> None:
        narrow = self.size.width < self.NARROW and self._short
        self._say("#status-left", self._short if narrow else self._summary)

    def on_export_progress(self, message: ExportProgress) -> None:
        self._exporting = True
        self._summary_shown = False
        for bar in self.query(ProgressBar):
            bar.display = True
            if message.fraction is None:
                bar.update(total=None)  # under way: the bar pulses
            else:
                bar.update(total=1.0, progress=message.fraction)
        self._say("#status-left", f"Exporting… {visible(message.message)}")

    def on_export_done(self, message: ExportDone) -> None:
        self._exporting = False
        self.show_summary(self._summary, self._short)
        self.notify(
            visible(message.message),
            severity="information" if message.ok else "error",
            markup=False,
        )

    def show_state(self, text: str) -> None:
        self._say("#status-right", text)

    def _say(self, selector: str, text: str) -> None:
        for label in self.query(selector).results(Static):
            label.update(Text(text, no_wrap=True, overflow="ellipsis", end=""))
