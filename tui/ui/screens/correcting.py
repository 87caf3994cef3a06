"""The reader's manual corrections: ``m`` … ``m`` links, ``X`` cuts, ``z``/``Z``.

A base of :class:`~tui.ui.screens.reader.ReaderScreen` (as
:class:`~tui.ui.screens.suggesting.SuggestingScreen` is for suggestions):
the keys ask :class:`~tui.corrections.Corrector` for a job, the jobs run one
at a time in the app's thread worker, in the order of the keys (the store may
be large), and each result is reported and its links shown here. A result
made from a reading since changed by ``+`` or ``-`` is not shown: the links
are chosen again at the threshold on screen, the correction applied.
"""

from __future__ import annotations

from dataclasses import replace

from tui.corrections import Job, Outcome
from tui.ingest.safe_text import visible
from tui.ui.messages import AlignRequested, CorrectionRequested, CorrectionSaved
from tui.ui.screens.suggesting import SuggestingScreen
from tui.ui.suggesting import suggestions_for
from tui.ui.widgets.status_bar import StatusBar
from tui.view.linking import LinkIndex
from tui.view.suggestions import Suggestions


class CorrectingScreen(SuggestingScreen):
    """A screen with linked panes, suggestions and manual corrections."""

    def _show_summary(self) -> None:
        raise NotImplementedError  # the reader's: the status line's summary

    def _show_state(self) -> None:
        raise NotImplementedError  # the reader's: the status line's state

    def action_mark(self) -> None:
        pane = self.linked_panes.active_pane
        if pane.cursor >= 0:
            self._correct(self.corrector.mark_job((pane.index, pane.cursor)))

    def action_cut(self) -> None:
        """Cut the link between the cursor and what is lined up in the pane you came
        from (the source that led before this one); failing that, the next source
        with a lined-up counterpart."""
        linked = self.linked_panes
        leader = linked.active_pane
        for index in linked.cut_order():
            chosen = linked.lined_up(index)
            if chosen >= 0:
                self._correct(
                    self.corrector.cut_job((leader.index, leader.cursor), (index, chosen))
                )
                return
        self.notify("No link to cut: nothing is lined up with this sentence", severity="warning")

    def action_undo(self) -> None:
        self._correct(self.corrector.undo_job())

    def action_redo(self) -> None:
        self._correct(self.corrector.redo_job())

    def _correct(self, work: Outcome | Job) -> None:
        """Report an answer at once, or queue a job that saves: jobs run one at a
        time, in the order of the keys, in a thread (the store may be large)."""
        if isinstance(work, Outcome):
            self._report(work)
            return
        self._show_marks()
        self.corrector.queue(work)
        self._next_job()

    def _next_job(self) -> None:
        """Hand the next queued job to the app's thread worker (one at a time)."""
        job = self.corrector.next_job()
        if job is not None:
            self.post_message(CorrectionRequested(job, self.reading.snapshot()))

    def on_correction_saved(self, message: CorrectionSaved) -> None:
        self.corrector.job_done(message.outcome)  # undo and redo keep what it did
        if self.query(StatusBar):  # not shutting down
            stale = message.snapshot is not None and not self.reading.current(message.snapshot)
            if stale and message.outcome.changed is not None and self.alignment is not None:
                # + or - was pressed while it saved: its links are of the old
                # threshold. Say what it did; choose the links again at the
                # threshold shown, the saved correction applied from the store.
                self._report(replace(message.outcome, changed=None))
                self.post_message(AlignRequested(self.reading.snapshot(), rescore=False))
            else:
                self._report(message.outcome, message.links, message.suggestions)
        self._next_job()

    def _report(
        self,
        outcome: Outcome,
        links: LinkIndex | None = None,
        suggestions: Suggestions | None = None,
    ) -> None:
        """Tell the reader what a correction did and show its links (``links``:
        prebuilt in the worker)."""
        self.notify(
            visible(outcome.message),
            severity="information" if outcome.ok else "warning",
            markup=False,
        )
        self._show_marks()
        if outcome.changed is not None:
            if links is None:
                links = LinkIndex(self.documents, outcome.changed).prebuild()
            self.reading.corrected(links)
            if suggestions is None:
                suggestions = suggestions_for(
                    self.corrector, self.reading, self.corrector.base, outcome.changed
                )
            self.reading.suggestions = suggestions
            self.linked_panes.show_links()
            self._show_summary()
            self._show_state()

    def _show_marks(self) -> None:
        mark = self.corrector.mark
        for pane in self.linked_panes.panes:
            pane.pending = mark[1] if mark is not None and mark[0] == pane.index else -1
            pane.refresh()
