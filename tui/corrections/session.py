"""A correcting session: link two sentences by hand, cut a wrong link.

``m`` marks the cursor sentence; ``m`` on a sentence of another source links
the two (Escape cancels the first). ``X`` cuts the link between the cursor
sentence and the one lined up with it in the source that led before (the
reader screen chooses which). Both can be undone and redone (``z`` / ``Z``):
an undo puts the pair back as it was stored before, in the file at once. Every decision goes to the
:class:`~tui.corrections.CorrectionStore` at once (so it is there on reopen
and in ``--export``), and the links are rebuilt from the aligner's own
result plus every stored correction: undoing a cut by linking again gives
back exactly the aligner's view, with no drift from repeated edits.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Literal, Protocol

from tui.corrections.store import Action, CorrectionStore, CorruptStore, apply, decided_pairs
from tui.errors import InputError
from tui.model import Alignment, Comparison, Document, SentenceRef


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a correction key did, for the user: a message and whether it worked."""

    message: str
    ok: bool = True
    changed: Alignment | None = None
    """The corrected alignment when the links changed."""
    recorded: Step | None = None
    """A new correction for undo (:meth:`Corrector.settle` keeps it)."""
    replayed: Literal["undo", "redo"] | None = None
    """The last correction undone or redone (:meth:`Corrector.settle` moves it)."""


@dataclass(frozen=True, slots=True)
class Step:
    """One correction as undo and redo see it: the pair, and its stored state
    before and after (None: nothing stored, the aligner decides)."""

    one: SentenceRef
    two: SentenceRef
    before: Action | None
    after: Action


Job = Callable[["Sources"], Outcome]
"""A correction to save: reads and writes the store, so the reader runs it in a
thread, one at a time, in the order of the keys. It reads the reading only
from the snapshot it is given (documents, threshold, base: the screen may
change them meanwhile) and changes nothing of the corrector: its effect on
undo and redo travels in its :class:`Outcome`, which :meth:`Corrector.settle`
applies on the UI thread (:meth:`Corrector.job_done`)."""


class Sources(Protocol):
    """What a correction is made against (the reader's ``tui.view.reading.Reading``)."""

    @property
    def documents(self) -> Sequence[Document]: ...

    @property
    def threshold(self) -> float: ...

    @property
    def base(self) -> Alignment | None: ...


class Corrector:
    """The store, the pending mark, undo and redo, and the queue of jobs.

    It keeps no copy of the documents, the threshold or the aligner's result:
    it reads them from ``sources`` (the reader's one owner of them). No
    Textual here: the reader screen turns an :class:`Outcome` into a
    notification and new links, and runs each job in a thread worker.
    """

    def __init__(self, sources: Sources, store: CorrectionStore | None = None) -> None:
        """``store``: where corrections go (default the corrections file; a served
        reader passes a :class:`~tui.corrections.session_store.SessionStore`)."""
        self.sources = sources
        self.store = store if store is not None else CorrectionStore()
        self.mark: SentenceRef | None = None
        self.done: list[Step] = []
        """Corrections of this session, newest last, for undo."""
        self.undone: list[Step] = []
        """Undone corrections, newest last, for redo (cleared by a new one)."""
        self.pending = 0
        """Jobs queued or running and not yet done (kept by the UI thread): while
        there are some, undo and redo decide in their own job, after those."""
        self._jobs: deque[Job] = deque()
        self._running = False

    @property
    def documents(self) -> Sequence[Document]:
        return self.sources.documents

    @property
    def base(self) -> Alignment | None:
        return self.sources.base

    # The queue: one job at a time, in the order of the keys ----------------

    def queue(self, job: Job) -> None:
        """A key's job waits its turn (:meth:`next_job` hands it out)."""
        self._jobs.append(job)
        self.pending += 1

    def next_job(self) -> Job | None:
        """The next job to run, or None while one runs or none waits."""
        if self._running or not self._jobs:
            return None
        self._running = True
        return self._jobs.popleft()

    def job_done(self, outcome: Outcome | None = None) -> None:
        """The job handed out last has finished: its effect on undo and redo is
        kept (on the UI thread), and the next may run."""
        if outcome is not None:
            self.settle(outcome)
        self._running = False
        self.pending -= 1

    def settle(self, outcome: Outcome) -> Outcome:
        """Keep what ``outcome`` did for undo and redo; returns it."""
        if outcome.recorded is not None:
            self.done.append(outcome.recorded)
            self.undone.clear()
        elif outcome.replayed == "undo":
            self.undone.append(self.done.pop())
        elif outcome.replayed == "redo":
            self.done.append(self.undone.pop())
        return outcome

    def reloaded(self, same: Sequence[Mapping[int, int]]) -> None:
        """The sources were read again: undo and redo keep the steps whose
        sentences were kept (``same[source]``: old sentence number -> new),
        and the mark is dropped."""
        self.mark = None

        def moved(steps: list[Step]) -> list[Step]:
            kept = []
            for step in steps:
                one, two = (same[ref[0]].get(ref[1]) for ref in (step.one, step.two))
                if one is not None and two is not None:
                    kept.append(replace(step, one=(step.one[0], one), two=(step.two[0], two)))
            return kept

        self.done, self.undone = moved(self.done), moved(self.undone)

    def corrected(self, base: Comparison) -> tuple[Alignment, str]:
        """``base`` (the aligner's result, of the worker's snapshot) with the
        stored corrections applied, and a warning if they could not be.

        Only reads the store: safe in the alignment worker.
        """
        try:
            corrections = self.store.load()
        except CorruptStore as error:
            return base.alignment, f"{error}; showing the links without corrections"
        except Exception as error:  # a store must never cost the links
            message = f"corrections could not be read ({error}); showing the links without them"
            return base.alignment, message
        return apply(base, corrections).alignment, ""

    @staticmethod
    def _comparison(view: Sources, alignment: Alignment) -> Comparison:
        return Comparison(list(view.documents), alignment, view.threshold)

    def press_mark(self, ref: SentenceRef) -> Outcome:
        """First press marks ``ref``; a press in another source links it to the mark."""
        if self.base is None:
            return Outcome("Still aligning: try again in a moment", ok=False)
        marked = self.mark
        if marked is None or marked[0] == ref[0]:
            if marked == ref:
                self.mark = None
                return Outcome("Mark cleared")
            self.mark = ref
            name = self.documents[ref[0]].name
            return Outcome(f"Marked sentence {ref[1] + 1} of {name}: press m on its match")
        self.mark = None
        return self.settle(self._record(self.sources, "link", marked, ref))

    def mark_job(self, ref: SentenceRef) -> Outcome | Job:
        """:meth:`press_mark` with the store's work (the second press) left as a job."""
        if self.base is None or self.mark is None or self.mark[0] == ref[0]:
            return self.press_mark(ref)  # marks or clears: no store work
        marked, self.mark = self.mark, None
        return partial(self._record, action="link", one=marked, two=ref)

    def suggestion_job(self, one: SentenceRef, two: SentenceRef, *, accept: bool) -> Outcome | Job:
        """Accept a suggestion (a link by hand) or reject it (stored as a cut), as a job."""
        if self.base is None:
            return Outcome("Still aligning: try again in a moment", ok=False)
        self.mark = None
        verb = "Suggestion accepted, linked" if accept else "Suggestion rejected, cut"
        return partial(
            self._record, action="link" if accept else "cut", one=one, two=two, verb=verb
        )

    def decided(self, view: Sources | None = None) -> set[tuple[SentenceRef, SentenceRef]]:
        """The pairs a correction is stored for, ``(a, b)`` with ``a < b``, in
        ``view``'s documents (the reading's by default; none when the store
        cannot be read: its warning is given with the links)."""
        documents = list((view or self.sources).documents)
        try:
            return set(decided_pairs(documents, self.store.load()))
        except Exception:  # a store must never cost the links
            return set()

    def cut_job(self, one: SentenceRef, two: SentenceRef) -> Outcome | Job:
        """:meth:`cut` as a job."""
        if self.base is None:
            return self.cut(one, two)
        return partial(self._record, action="cut", one=one, two=two)

    def undo_job(self) -> Outcome | Job:
        """:meth:`undo` as a job (answered at once when there is nothing to undo)."""
        if self.base is None or (not self.pending and not self.done):
            return self.undo()
        return partial(self._replay, undo=True)

    def redo_job(self) -> Outcome | Job:
        """:meth:`redo` as a job (answered at once when there is nothing to redo)."""
        if self.base is None or (not self.pending and not self.undone):
            return self.redo()
        return partial(self._replay, undo=False)

    def cut(self, one: SentenceRef, two: SentenceRef) -> Outcome:
        if self.base is None:
            return Outcome("Still aligning: try again in a moment", ok=False)
        return self.settle(self._record(self.sources, "cut", one, two))

    def _record(
        self, view: Sources, action: Action, one: SentenceRef, two: SentenceRef, verb: str = ""
    ) -> Outcome:
        """Store a link or a cut made against ``view``; the step for undo is in
        the outcome (:meth:`settle` keeps it)."""
        if view.base is None:
            return Outcome("Still aligning: try again in a moment", ok=False)
        comparison = self._comparison(view, view.base)
        try:
            before = self.store.decision(comparison, one, two)
            alignment = self._store(view, action, one, two)
        except (InputError, CorruptStore) as error:
            return Outcome(str(error), ok=False)
        verb = verb or ("Linked by hand" if action == "link" else "Cut the link")
        where = self._where(view, one, two)
        return Outcome(
            f"{verb}: {where} ({self.store.kept})",
            changed=alignment,
            recorded=Step(one, two, before, action),
        )

    def undo(self) -> Outcome:
        """Put the pair of the last correction back as it was stored before it."""
        return self.settle(self._replay(self.sources, undo=True))

    def redo(self) -> Outcome:
        """Make the last undone correction again."""
        return self.settle(self._replay(self.sources, undo=False))

    def _replay(self, view: Sources, *, undo: bool) -> Outcome:
        """Undo or redo the last step (read here, moved by :meth:`settle`: the
        jobs before this one have been settled when it runs)."""
        if view.base is None:
            return Outcome("Still aligning: try again in a moment", ok=False)
        source = self.done if undo else self.undone
        if not source:
            return Outcome(f"Nothing to {'undo' if undo else 'redo'}", ok=False)
        step = source[-1]
        state = step.before if undo else step.after
        try:
            alignment = self._store(view, state, step.one, step.two)
        except (InputError, CorruptStore) as error:
            return Outcome(str(error), ok=False)
        what = "link" if step.after == "link" else "cut"
        verb = "Undone" if undo else "Redone"
        return Outcome(
            f"{verb}: the {what} {self._where(view, step.one, step.two)} ({self.store.kept})",
            changed=alignment,
            replayed="undo" if undo else "redo",
        )

    def _store(
        self, view: Sources, state: Action | None, one: SentenceRef, two: SentenceRef
    ) -> Alignment:
        """Store ``state`` for the pair (None forgets it) and return the corrected links."""
        assert view.base is not None
        comparison = self._comparison(view, view.base)
        if state == "link":
            self.store.link(comparison, one, two)
        elif state == "cut":
            self.store.cut(comparison, one, two)
        else:
            self.store.forget(comparison, one, two)
        return apply(comparison, self.store.load()).alignment

    @staticmethod
    def _where(view: Sources, one: SentenceRef, two: SentenceRef) -> str:
        names = [view.documents[ref[0]].name for ref in (one, two)]
        return f"{names[0]} {one[1] + 1} ↔ {names[1]} {two[1] + 1}"
