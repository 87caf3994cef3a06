"""The reader's notices ("Linked by hand…", "Still aligning…"), in the key line's place.

Textual's toasts stood over the panes' text, bottom right, and left stray
half-blocks at the panes' edge while shown. Here a notice takes the place of
the line of keys under the status line for a few seconds (the keys are the
same every time; the status line's progress and link counts stay in view),
as a message line does in ``nano``. A notice too long for one row wraps onto
at most three, the panes giving up the rows it takes beyond the keys' one.
"""

from __future__ import annotations

import contextlib

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from tui.ui.messages import Notice
from tui.ui.widgets.key_hints import KeyHints


class NoticeLine(Static):
    """The newest notice, for its time; hidden between notices."""

    DEFAULT_CSS = """
    NoticeLine {
        display: none;
        height: auto;
        max-height: 3;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None

    def show(self, notice: Notice) -> None:
        """``notice`` for its time (a newer one takes its place at once), coloured
        by its severity. Untrusted text comes with ``markup=False`` and is shown
        as it is; broken markup in our own words is shown as typed."""
        content = Content(notice.message)
        if notice.markup:
            with contextlib.suppress(Exception):  # Textual's markup errors have no common base
                content = Content.from_markup(notice.message)
        if notice.title:
            content = Content(f"{notice.title}: ") + content
        self.update(content)
        self.set_classes(f"-{notice.severity}")
        self.display = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(notice.timeout, self._end)
        self._fit_keys()

    @property
    def notice(self) -> str:
        """The notice shown now ("" when none)."""
        return str(self.content) if self.display else ""

    def _end(self) -> None:
        self._timer = None
        self.display = False
        self._fit_keys()

    def _fit_keys(self) -> None:
        """The key line hidden while a notice is in its place, back after."""
        for hints in self.screen.query(KeyHints):
            hints.fit(self.screen.size.width, notice=self.display)
