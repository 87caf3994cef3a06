"""The work the app runs in thread workers for the reader, away from Textual's state.

Each function works on a :class:`~tui.view.reading.Snapshot` taken on the UI
thread when the work was asked for, and hands its one result to ``post``
(the reader screen's thread-safe ``post_message``); none touches a widget,
the app or the reading itself. The app starts them (:mod:`tui.ui.app`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.worker import get_current_worker

from tui.compare.disagreements import all_flags
from tui.corrections import Corrector, Job, Outcome
from tui.model import Alignment, Comparison
from tui.ui.abandon import Cancelled, abandoned_on_cancel
from tui.ui.messages import (
    AlignmentFailed,
    AlignmentReady,
    AlignProgress,
    CorrectionSaved,
    CoverageReady,
    JumpListReady,
    View,
)
from tui.ui.suggesting import suggestions_for
from tui.view.jump_lists import flag_entries, only_here_entries
from tui.view.linking import LinkIndex
from tui.view.reading import Snapshot

Post = Callable[[Message], object]


def align(snapshot: Snapshot, corrector: Corrector, post: Post) -> None:
    """Score and link the snapshot's documents at its threshold (may take seconds).

    The per-pair tables linked scrolling uses are built here too, so the
    first synced step on the UI thread is as cheap as every other.
    """
    worker = get_current_worker()

    def progress(fraction: float, message: str) -> None:
        if worker.is_cancelled:
            raise Cancelled  # stops the aligner at its next step
        post(AlignProgress(fraction, message))

    def aligned() -> Alignment:
        from tui.align import align

        return align(list(snapshot.documents), snapshot.threshold, progress)

    _publish(snapshot, corrector, post, lambda: abandoned_on_cancel(aligned))


def reselect(snapshot: Snapshot, corrector: Corrector, post: Post) -> None:
    """Choose links again at the snapshot's threshold from the scores its base kept.

    No scoring: 10-30 ms on the news sample, so the panes follow + and - at
    once; a thread all the same, because ten long sources take longer.
    """
    scored = snapshot.base.scored if snapshot.base is not None else None
    if scored is None:
        return

    def chosen() -> Alignment:
        from tui.align import select

        return select(list(snapshot.documents), scored, snapshot.threshold)

    _publish(snapshot, corrector, post, chosen)


def _publish(
    snapshot: Snapshot, corrector: Corrector, post: Post, make: Callable[[], Alignment]
) -> None:
    """Make the links, apply the corrections, build the panes' tables, and post
    the result (or the failure)."""
    try:
        base = make()
        alignment, warning = corrector.corrected(snapshot.comparison(base))
        links = LinkIndex(snapshot.documents, alignment).prebuild()
        suggestions = suggestions_for(corrector, base, alignment)
    except Cancelled:
        return  # quitting: nobody is waiting for the links
    except Exception as error:  # shown in the status bar; the text stays readable
        post(AlignmentFailed(str(error), snapshot))
        return
    post(AlignmentReady(base, links, snapshot, warning, suggestions))


def correct(job: Job, snapshot: Snapshot, corrector: Corrector, post: Post) -> None:
    """Run one correction (the store's read-modify-write under its lock, links
    rebuilt, suggestions found again): with a large store or long sources it
    takes seconds."""
    suggestions = None
    try:
        outcome = job()
        changed = outcome.changed
        links = None if changed is None else LinkIndex(snapshot.documents, changed).prebuild()
        if changed is not None:
            suggestions = suggestions_for(corrector, snapshot.base, changed)
    except Exception as error:  # the reader is told; the links stay as they were
        outcome, links = Outcome(f"The correction failed: {error}", ok=False), None
    post(CorrectionSaved(outcome, links, suggestions, snapshot))


def gather(view: View, comparison: Comparison, active: int, post: Post) -> None:
    """Work out a view's content (on the gospels flags take 0.8 s and the
    only-here lists 0.1 s); the screen is built on the UI thread."""
    result: CoverageReady | JumpListReady
    if view is View.COVERAGE:
        result = CoverageReady(comparison, all_flags(comparison, active))
    elif view is View.ONLY_HERE:
        entries = only_here_entries(comparison, active)
        result = JumpListReady("Only here", entries, "Every passage is told by another source.")
    else:
        entries = flag_entries(comparison, all_flags(comparison, active), active)
        result = JumpListReady("Disagreements", entries, "No possible conflicts found.")
    post(result)
