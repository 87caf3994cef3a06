"""The reader's suggestions and its "why" panel: ``a`` / ``A`` and ``w``.

A base of :class:`~tui.ui.screens.reader.ReaderScreen` (as
:class:`~tui.ui.screens.searching.SearchingScreen` is for search) that holds
what the reader does with suggestions (pairs a little below the threshold,
:mod:`tui.view.suggestions`): mark them, accept one as a manual link or
reject it as a cut, through the corrections the reader already has (so
``z`` undoes either); and the panel saying why a pair is linked
(:mod:`tui.view.why_panel`).
"""

from __future__ import annotations

from tui.corrections import Corrector, Job, Outcome
from tui.model import Alignment, Document
from tui.ui.screens.searching import SearchingScreen
from tui.view.reading import Reading
from tui.view.suggestions import Suggestions


class SuggestingScreen(SearchingScreen):
    """A screen with linked panes, corrections and suggestions."""

    corrector: Corrector
    reading: Reading

    @property
    def suggestions(self) -> Suggestions:
        """The reading's (its one owner)."""
        return self.reading.suggestions

    @property
    def documents(self) -> list[Document]:
        raise NotImplementedError  # the reader's

    @property
    def alignment(self) -> Alignment | None:
        raise NotImplementedError  # the reader's

    def _correct(self, work: Outcome | Job) -> None:
        raise NotImplementedError  # the reader's: queue the correction job

    def _not_ready(self) -> bool:
        raise NotImplementedError  # the reader's: says "still aligning"

    def action_accept(self) -> None:
        """Link the cursor sentence and its best suggestion by hand."""
        self._decide(accept=True)

    def action_reject(self) -> None:
        """Store the cursor's best suggestion as a cut link: never suggested again."""
        self._decide(accept=False)

    def _decide(self, *, accept: bool) -> None:
        if self._not_ready():
            return
        pane = self.linked_panes.active_pane
        ref = (pane.index, pane.cursor)
        best = self.suggestions.best(ref) if pane.cursor >= 0 else None
        if best is None:
            self.notify("No suggestion here: no ? beside this sentence", severity="warning")
            return
        other = best.other(ref)
        self._correct(self.corrector.suggestion_job(ref, other, accept=accept))

    def action_why(self) -> None:
        """Open the "why" panel for the cursor's lined-up pair (or its suggestion)."""
        if self._not_ready() or self.alignment is None:
            return
        linked = self.linked_panes
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

        panel = why_panel(self.documents, self.alignment, self.suggestions, ref, other)
        if panel is None:
            self.notify("Nothing lined up here, and no suggestion", severity="warning")
            return
        self.app.push_screen(WhyScreen(panel))
