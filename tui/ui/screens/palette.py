"""Textual's command palette, with page keys that cannot crash it.

Why: ``PageUp``/``PageDown`` in the palette fail inside Textual's option list
(``KeyError`` in ``OptionList._move_page``, exit 1) whenever its list has not
laid out its lines yet: on a terminal so short that the list gets no row, or
while a new search's results are shown. A key mash in tmux finds it in under
a minute. Here the page keys go through :meth:`Palette.action_page`, which
pages the list when it can and otherwise does nothing (the list is empty or
about to be drawn: there is nothing to page through yet).

And it closes once: a command chosen twice in a row (Enter, Enter, fast)
made Textual's palette dismiss itself twice, and the second pop took the
reader's own screen (``ScreenStackError``, exit 1).
"""

from __future__ import annotations

from typing import ClassVar

from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette


async def _nothing() -> None:
    return None


class Palette(CommandPalette):
    """The command palette the reader opens (``Ctrl+P``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page(-1)", "Previous page", show=False),
        Binding("pagedown", "page(1)", "Next page", show=False),
    ]

    def action_page(self, direction: int) -> None:
        for commands in self.query(CommandList):
            try:
                if direction > 0:
                    commands.action_page_down()
                else:
                    commands.action_page_up()
            except KeyError:  # Textual's list before its lines are laid out
                return

    def dismiss(self, result: object = None) -> AwaitComplete:
        """Close, unless already closed (or covered): popping then would take
        whichever screen is on top, the reader's own included."""
        if self.app.screen is not self:
            return AwaitComplete(_nothing())
        return super().dismiss(result)  # type: ignore[arg-type]
