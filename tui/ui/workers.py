"""The work the app runs in thread workers for the reader, away from Textual's state.

Each function works on a :class:`~tui.view.reading.Snapshot` taken on the UI
thread when the work was asked for, and hands its one result to ``post``
(the reader screen's thread-safe ``post_message``); none touches a widget,
the app or the reading itself. The reader screen starts them
(:mod:`tui.ui.screens.reader`, and its helpers for corrections and views).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

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
    ScoresRefined,
    View,
)
from tui.ui.suggesting import suggestions_for
from tui.view.linking import LinkIndex
from tui.view.reading import Snapshot

if TYPE_CHECKING:
    from tui.align import ScoredPairs
    from tui.scoring_ahead import ScoringAhead

Post = Callable[[Message], object]


def align(
    snapshot: Snapshot, corrector: Corrector, post: Post, ahead: ScoringAhead | None = None
) -> None:
    """Score and link the snapshot's documents at its threshold, in two steps.

    The links of the first scores are posted as soon as they are made (well
    under a second for news articles); then the encoder's pass refines the
    scores (``tui.align.refine``, most of the work) and they are posted for
    the reader to choose its links from again, at the threshold it shows then.
    ``ahead``: a child process scoring these sources since start-up
    (``tui.scoring_ahead``); its scores are taken when it has them, and this
    thread scores whatever it does not give. The per-pair tables linked
    scrolling uses are built here too, so the first synced step on the UI
    thread is as cheap as every other.
    """
    try:
        _two_steps(snapshot, corrector, post, ahead)
    finally:
        if ahead is not None:
            ahead.close()  # done, or nobody waits for its scores any more


def _two_steps(
    snapshot: Snapshot, corrector: Corrector, post: Post, ahead: ScoringAhead | None
) -> None:
    worker = get_current_worker()
    documents = list(snapshot.documents)

    def progress(fraction: float, message: str) -> None:
        if worker.is_cancelled:
            raise Cancelled  # stops the aligner at its next step
        post(AlignProgress(fraction, message))

    def cancelled() -> bool:
        return worker.is_cancelled

    def aligned() -> Alignment:
        from tui.align import select  # numpy alone: the scoring is the child's

        early = ahead.first(documents, cancelled) if ahead is not None else None
        if early is not None:
            return select(documents, early, snapshot.threshold)
        if cancelled():
            raise Cancelled
        from tui.align import align

        return align(documents, snapshot.threshold, progress, first=True)

    base = _publish(snapshot, corrector, post, lambda: abandoned_on_cancel(aligned))
    scored = base.scored if base is not None else None
    if scored is None or not scored.pending:
        return

    def refined() -> ScoredPairs:
        final = ahead.final(documents, cancelled) if ahead is not None else None
        if final is not None:
            return final  # the scoring machinery is never imported here
        from tui.align import refine, score

        if scored.refinement is None:  # first scores from the child, which failed since
            again = score(documents, progress)
            assert again is not None
            return again
        return refine(scored, progress)

    try:
        final = abandoned_on_cancel(refined)
    except Cancelled:
        return  # quitting
    except Exception as error:  # the first links stay, and the reader says why
        post(ScoresRefined(None, snapshot, str(error)))
        return
    post(ScoresRefined(final, snapshot))


def reselect(snapshot: Snapshot, corrector: Corrector, post: Post) -> None:
    """Choose links again at the snapshot's threshold from the scores its base kept.

    No scoring: 10-30 ms on the news sample, so the panes follow + and - at
    once; a thread all the same, because ten long sources take longer.
    """
    scored = snapshot.scores
    if scored is None:
        return

    def chosen() -> Alignment:
        from tui.align import select

        return select(list(snapshot.documents), scored, snapshot.threshold)

    _publish(snapshot, corrector, post, chosen)


def _publish(
    snapshot: Snapshot, corrector: Corrector, post: Post, make: Callable[[], Alignment]
) -> Alignment | None:
    """Make the links, apply the corrections, build the panes' tables, and post
    the result (or the failure); the aligner's result, if there is one."""
    try:
        base = make()
        alignment, warning = corrector.corrected(snapshot.comparison(base))
        links = LinkIndex(snapshot.documents, alignment).prebuild()
        suggestions = suggestions_for(corrector, snapshot, base, alignment)
    except Cancelled:
        return None  # quitting: nobody is waiting for the links
    except Exception as error:  # shown in the status bar; the text stays readable
        post(AlignmentFailed(str(error), snapshot))
        return None
    post(AlignmentReady(base, links, snapshot, warning, suggestions))
    return base


def correct(job: Job, snapshot: Snapshot, corrector: Corrector, post: Post) -> None:
    """Run one correction (the store's read-modify-write under its lock, links
    rebuilt, suggestions found again): with a large store or long sources it
    takes seconds."""
    suggestions = None
    try:
        outcome = job(snapshot)
        changed = outcome.changed
        links = None if changed is None else LinkIndex(snapshot.documents, changed).prebuild()
        if changed is not None:
            suggestions = suggestions_for(corrector, snapshot, snapshot.base, changed)
    except Exception as error:  # the reader is told; the links stay as they were
        outcome, links = Outcome(f"The correction failed: {error}", ok=False), None
    post(CorrectionSaved(outcome, links, suggestions, snapshot))


def gather(view: View, comparison: Comparison, active: int, post: Post) -> None:
    """Work out a view's content (on the gospels flags take 0.8 s and the
    only-here lists 0.1 s); the screen is built on the UI thread."""
    from tui.compare.disagreements import all_flags  # asked for rarely: not at start-up
    from tui.view.jump_lists import flag_entries, only_here_entries

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
