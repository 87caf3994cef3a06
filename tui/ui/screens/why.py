"""The "why" panel: the score of the cursor's lined-up pair and its evidence in words.

The reasons come from :func:`tui.align.why.reasons` (headless, the same as
the JSON export's ``why``); this screen only lays them out. Every text from
a source goes into a ``rich.text.Text``, never into markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ingest.safe_text import visible
from tui.view.why_panel import WhyPanel


class WhyScreen(ModalScreen[None]):
    """A small modal over the panes; Escape, q or w closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,w", "dismiss", "Close")]

    def __init__(self, panel: WhyPanel) -> None:
        super().__init__()
        self.panel = panel

    def compose(self) -> ComposeResult:
        panel = self.panel
        body = Text()
        for text in panel.sentences:
            body.append("“" + visible(text) + "”\n", style="italic")
        reasons = Text()
        for reason in panel.reasons:
            reasons.append("• " + visible(reason) + "\n")
        with Vertical(id="why-body"):
            yield Static(Text(visible(panel.title), style="bold"), id="why-title")
            yield Static(Text(panel.score), id="why-score")
            yield Static(body, id="why-sentences")
            reasons.rstrip()
            yield Static(reasons, id="why-reasons")
            yield Static(Text("Escape closes."), id="why-hint")
