"""An option list whose page keys cannot crash before it has laid out its rows.

Why: Textual's ``OptionList`` pages from the rows it has laid out, and before
it has (a terminal too short for a row, or a list just filled) ``PageUp`` or
``PageDown`` raises ``KeyError`` in ``OptionList._move_page`` and the app
exits 1. A key mash in tmux finds it in the jump lists within a minute. The
page keys here do nothing until there are rows to page through.
"""

from __future__ import annotations

from textual.widgets import OptionList


class PagedOptionList(OptionList):
    """An ``OptionList`` with page keys that wait for its rows."""

    def action_page_down(self) -> None:
        try:
            super().action_page_down()
        except KeyError:  # Textual's list before its rows are laid out
            return

    def action_page_up(self) -> None:
        try:
            super().action_page_up()
        except KeyError:  # as above
            return
