"""The screens the reader opens over its panes: synopsis, lists, coverage, why, export.

The reader screen owns one :class:`Views`. Each view needs the links, so
each says "Still aligning" until they are in. The lists and the coverage
(whose flags take most of a second on the gospels) are gathered in a
thread worker of the screen (:func:`tui.ui.workers.gather`), whose result
message the screen hands back here to open the view; the synopsis and the
"why" panel are built at once. Each screen's module is imported when it is
first opened, not before the first frame.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui.model import Comparison
from tui.ui import workers
from tui.ui.exporting import ExportRequest, exporting, start_export
from tui.ui.messages import CoverageReady, JumpListReady, View
from tui.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.ui.screens.reader import ReaderScreen


class Views:
    """What the view keys (``s``, ``O``, ``d``, ``C``, ``w``, ``e``) do on one reader screen."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def _comparison(self) -> Comparison | None:
        """The links shown, or None after saying why there are none yet."""
        comparison = self.screen.comparison
        if self.screen.not_ready() or comparison is None:
            return None
        return comparison

    def synopsis(self) -> None:
        comparison = self._comparison()
        if comparison is None:
            return
        pane = self.screen.linked_panes.active_pane
        start = (pane.index, pane.cursor) if pane.cursor >= 0 else None
        from tui.ui.screens.synopsis import SynopsisScreen

        screen = SynopsisScreen(comparison, pane.index, start)
        self.screen.app.push_screen(screen, self.screen.go_to)

    def gather(self, view: View) -> None:
        """Gather a list or the coverage in a worker; its result opens it."""
        comparison = self._comparison()
        if comparison is None:
            return
        screen = self.screen
        screen.query_one(StatusBar).show_state(f"gathering {view.value}…")
        active = screen.linked_panes.active_index
        screen.run_in_thread(
            partial(workers.gather, view, comparison, active, screen.post_message),
            "views",
            "gathering a view",
        )

    def open_list(self, message: JumpListReady) -> None:
        from tui.ui.screens.jump_list import JumpListScreen

        screen = JumpListScreen(message.title, message.entries, message.empty)
        self.screen.app.push_screen(screen, self.screen.go_to)

    def open_coverage(self, message: CoverageReady) -> None:
        from tui.ui.screens.coverage import CoverageScreen

        self.screen.app.push_screen(CoverageScreen(message.comparison, message.flags))

    def why(self) -> None:
        """The "why" panel for the cursor's lined-up pair (or its suggestion)."""
        screen = self.screen
        if screen.not_ready() or screen.alignment is None:
            return
        linked = screen.linked_panes
        pane = linked.active_pane
        if pane.cursor < 0:
            return
        ref = (pane.index, pane.cursor)
        other = next(
            (
                (index, linked.lined_up(index))
                for index in linked.cut_order()
                if linked.lined_up(index) >= 0
            ),
            None,
        )
        # The evidence helpers (numpy, scipy) load on the first w, not before
        # the first frame.
        from tui.ui.screens.why import WhyScreen
        from tui.view.why_panel import why_panel

        reading = screen.reading
        panel = why_panel(reading.documents, screen.alignment, reading.suggestions, ref, other)
        if panel is None:
            screen.notify("Nothing lined up here, and no suggestion", severity="warning")
            return
        screen.app.push_screen(WhyScreen(panel))

    def export(self) -> None:
        comparison = self._comparison()
        if comparison is None:
            return
        if exporting(self.screen):
            self.screen.notify("Still exporting: try again when it is done", severity="warning")
            return
        from tui.ui.screens.export import ExportScreen

        self.screen.app.push_screen(ExportScreen(comparison), partial(self._export, comparison))

    def _export(self, comparison: Comparison, request: ExportRequest | None) -> None:
        """Run the dialog's export in a thread worker; the status bar shows how it goes."""
        if request is not None:
            start_export(self.screen.query_one(StatusBar), comparison, request)
