"""A modal list of places to go: the "Only here" and "Disagreements" screens.

The lists are short (passages, flags), so a Textual ``OptionList`` is enough;
entries come ready-made from :mod:`tui.view.jump_lists`. Enter dismisses the
screen with the entry's sentence and the app moves the panes there;
headings are disabled options, so the cursor skips them.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.model import SentenceRef
from tui.ui.widgets.option_list import PagedOptionList
from tui.view.jump_lists import Entry


class JumpListScreen(ModalScreen[SentenceRef | None]):
    """A titled list of entries; Enter goes to the highlighted one, Escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(self, title: str, entries: list[Entry], empty: str) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries
        self.empty = empty
        self._done = False
        """Set by the first Enter (or click): a second one, queued before the
        screen is gone, must not pop another screen (ScreenStackError)."""

    def compose(self) -> ComposeResult:
        options = [self._option(number, entry) for number, entry in enumerate(self.entries)]
        with Vertical(id="jump-body"):
            yield Static(Text(self.title_text, style="bold"), id="jump-title")
            if any(entry.ref is not None for entry in self.entries):
                yield PagedOptionList(*options, id="jump-list")
            else:
                yield Static(Text(self.empty), id="jump-empty")
            yield Static(Text("Enter goes there · Escape closes"), id="jump-hint")

    def _option(self, number: int, entry: Entry) -> Option:
        if entry.ref is None:
            text = Text(entry.label, style="bold underline")
            if entry.detail:
                text.append(f"  {entry.detail}", style="dim")
            return Option(text, id=str(number), disabled=True)
        text = Text("  ")
        text.append(entry.label)
        if entry.detail:
            text.append(f"  · {entry.detail}", style="dim")
        return Option(text, id=str(number))

    def on_mount(self) -> None:
        for option_list in self.query(OptionList):
            option_list.focus()
            first = next((n for n, e in enumerate(self.entries) if e.ref is not None), None)
            if first is not None:
                option_list.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._close(self.entries[int(event.option.id)].ref)

    def action_close(self) -> None:
        self._close(None)

    def _close(self, ref: SentenceRef | None) -> None:
        """Dismiss once: later keys and clicks aimed at this screen do nothing."""
        if self._done or not self.is_current:
            return
        self._done = True
        self.dismiss(ref)
