"""The reader's manual corrections and suggestions: ``m`` … ``m``, ``X``, ``z``/``Z``, ``a``/``A``.

The reader screen owns one :class:`Corrections` and hands it these keys. The
keys ask :class:`~tui.corrections.Corrector` for a job; the jobs run one at
a time in a thread worker of the screen, in the order of the keys (the
store may be large), and each result is reported and its links shown. A
result made from a reading since changed by ``+`` or ``-`` is not shown as
it is: the links are chosen again at the threshold on screen, the
correction applied. A suggestion (a pair a little below the threshold,
:mod:`tui.view.suggestions`) is accepted as a manual link or rejected as a
cut through the same jobs, so ``z`` undoes either.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from tui.corrections import Job, Outcome
from tui.ingest.safe_text import visible
from tui.ui import workers
from tui.ui.messages import CorrectionSaved
from tui.ui.suggesting import suggestions_for
from tui.view.linking import LinkIndex
from tui.view.suggestions import Suggestions

if TYPE_CHECKING:
    from tui.ui.screens.reader import ReaderScreen


class Corrections:
    """What the correction and suggestion keys do on one reader screen."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    # The keys --------------------------------------------------------------

    def mark(self) -> None:
        pane = self.screen.linked_panes.active_pane
        if pane.cursor >= 0:
            self._correct(self.screen.corrector.mark_job((pane.index, pane.cursor)))

    def cut(self) -> None:
        """Cut the link between the cursor and what is lined up in the pane you came
        from (the source that led before this one); failing that, the next source
        with a lined-up counterpart."""
        linked = self.screen.linked_panes
        leader = linked.active_pane
        for index in linked.cut_order():
            chosen = linked.lined_up(index)
            if chosen >= 0:
                job = self.screen.corrector.cut_job((leader.index, leader.cursor), (index, chosen))
                self._correct(job)
                return
        self.screen.notify(
            "No link to cut: nothing is lined up with this sentence", severity="warning"
        )

    def undo(self) -> None:
        self._correct(self.screen.corrector.undo_job())

    def redo(self) -> None:
        self._correct(self.screen.corrector.redo_job())

    def decide(self, *, accept: bool) -> None:
        """``a``: link the cursor sentence and its best suggestion by hand; ``A``:
        store it as a cut link, never suggested again."""
        screen = self.screen
        if screen.not_ready():
            return
        pane = screen.linked_panes.active_pane
        ref = (pane.index, pane.cursor)
        best = screen.reading.suggestions.best(ref) if pane.cursor >= 0 else None
        if best is None:
            screen.notify("No suggestion here: no ? beside this sentence", severity="warning")
            return
        self._correct(screen.corrector.suggestion_job(ref, best.other(ref), accept=accept))

    def cancel_mark(self) -> bool:
        """Escape: cancel a pending ``m`` (False: there was none)."""
        if self.screen.corrector.mark is None:
            return False
        self.screen.corrector.mark = None
        self.report(Outcome("Mark cancelled"))
        return True

    # Jobs and their results ------------------------------------------------

    def _correct(self, work: Outcome | Job) -> None:
        """Report an answer at once, or queue a job that saves: jobs run one at a
        time, in the order of the keys, in a thread (the store may be large)."""
        if isinstance(work, Outcome):
            self.report(work)
            return
        self.show_marks()
        self.screen.corrector.queue(work)
        self._next_job()

    def _next_job(self) -> None:
        """Hand the next queued job to a thread worker (one at a time)."""
        screen = self.screen
        job = screen.corrector.next_job()
        if job is not None:
            snapshot = screen.reading.snapshot()
            work = partial(workers.correct, job, snapshot, screen.corrector, screen.post_message)
            screen.run_in_thread(work, "corrections", "saving", exclusive=False)

    def saved(self, message: CorrectionSaved) -> None:
        """A job is done: keep what it did for undo, show it, start the next."""
        screen = self.screen
        screen.corrector.job_done(message.outcome)  # undo and redo keep what it did
        if screen.shown():
            stale = message.snapshot is not None and not screen.reading.current(message.snapshot)
            if stale and message.outcome.changed is not None and screen.alignment is not None:
                # + or - was pressed while it saved: its links are of the old
                # threshold. Say what it did; choose the links again at the
                # threshold shown, the saved correction applied from the store.
                self.report(replace(message.outcome, changed=None))
                screen.align(rescore=False)
            else:
                self.report(message.outcome, message.links, message.suggestions)
        self._next_job()

    def report(
        self,
        outcome: Outcome,
        links: LinkIndex | None = None,
        suggestions: Suggestions | None = None,
    ) -> None:
        """Tell the reader what a correction did and show its links (``links``:
        prebuilt in the worker)."""
        screen = self.screen
        screen.notify(
            visible(outcome.message),
            severity="information" if outcome.ok else "warning",
            markup=False,
        )
        if outcome.changed is None:
            self.show_marks()
            return
        reading = screen.reading
        if links is None:
            links = LinkIndex(reading.documents, outcome.changed).prebuild()
        reading.corrected(links)
        if suggestions is None:
            corrector = screen.corrector
            suggestions = suggestions_for(corrector, reading, corrector.base, outcome.changed)
        reading.suggestions = suggestions
        self.show_marks()
        screen.show_summary()
        screen.show_state()

    def show_marks(self) -> None:
        """The reading's marks in the panes, the pending ``m`` among them."""
        self.screen.linked_panes.show_reading(self.screen.corrector.mark)
