"""``r``: read every source again, keep the corrections and the place, say what changed.

The reader screen owns a :class:`Reloader` and talks to it alone (the app
takes no part). Pressing ``r`` starts a thread worker that
re-reads the sources (:mod:`tui.ingest.reread`: files with the same loader,
URLs fetched again, standard input kept), matches old and new sentences
(:mod:`tui.compare.changes`) and records the manual corrections whose
sentences were kept against the new text (:mod:`tui.corrections.carry`).
It posts one :class:`SourcesReloaded` to the reader screen, so it is
handled after any result the reader was already sent; on the UI thread the
reading takes the new documents, each pane whose text changed shows
the new text, the cursor is put back on its sentence (or the nearest one),
the status bar says "aligning…" and the usual alignment worker runs again.

While a reload runs, the reader has no alignment (as at start-up), so the
keys that need links (corrections, views, ``+``/``-``) say "Still aligning";
a second ``r`` says a reload is running and starts nothing. A reload is not
started while an alignment, a view or a correction is still in a worker,
so no result of the old sources can arrive for the new ones.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from tui.compare.changes import SentenceChanges, reload_summary, sentence_changes
from tui.corrections import CorrectionStore, Corrector
from tui.corrections.carry import carried
from tui.ingest.reread import reread_all
from tui.ingest.safe_text import visible
from tui.model import Alignment, Document
from tui.ui.exporting import exporting
from tui.ui.messages import AlignmentReady
from tui.ui.widgets.linked_panes import LinkedPanes
from tui.ui.widgets.source_pane import SourcePane
from tui.ui.widgets.status_bar import StatusBar
from tui.view.reading import Reading

if TYPE_CHECKING:
    from tui.ui.screens.reader import ReaderScreen


@dataclass
class SourcesReloaded(Message):
    """The sources read again, compared with what the reader shows."""

    documents: list[Document]
    """The new documents; an unchanged or unreadable source keeps its old one."""
    changes: list[SentenceChanges | None]
    """Per source: how its sentences changed, or None when it was not read again."""
    summary: str
    """The one line that says what changed."""
    problems: list[str] = field(default_factory=list)
    """One line per source that kept its old text, and why."""
    failure: str = ""
    """Why the reload failed as a whole (nothing was changed then)."""

    @property
    def changed(self) -> bool:
        return any(change is not None and change.text_changed for change in self.changes)


@dataclass(slots=True)
class _Place:
    """Where the reader was: what the panes showed, to find again in the new text."""

    active: int
    cursors: list[int]
    tops: list[int]
    """The sentence at the top of each pane."""
    cursor_row: int
    """The screen row of the leader's cursor."""


class Reloader:
    """Starts reloads and applies their results to the reader screen's reading and panes."""

    def __init__(
        self, screen: ReaderScreen, reading: Reading, corrector: Corrector, keep_boilerplate: bool
    ) -> None:
        self.screen = screen
        self.reading = reading
        self.corrector = corrector
        self.keep_boilerplate = keep_boilerplate
        self.running = False
        self._held: Alignment | None = None

    # Starting (UI thread) -------------------------------------------------

    def start(self) -> None:
        """``r``: read the sources again in a worker, unless something is in the way."""
        screen = self.screen
        if self.running:
            screen.notify("Already reloading: wait for it to finish", severity="warning")
            return
        busy = self._busy()
        if not busy and self.corrector.pending:
            # A correction saved but not yet shown still belongs to the old text.
            busy = "saving"
        if busy:
            screen.notify(f"Still {busy}: try again in a moment", severity="warning")
            return
        self.running = True
        # As at start-up: no links to act on until the new ones arrive.
        self._held = self.reading.hold()
        for status in screen.query(StatusBar):
            status.show_progress(0.0, "reading the sources again")
        documents = list(self.reading.documents)
        keep = self.keep_boilerplate
        store = self.corrector.store
        screen.run_worker(
            lambda: self._work(documents, keep, store),
            thread=True,
            group="reload",
            exclusive=True,
            exit_on_error=False,
            name="reloading",
        )

    def _busy(self) -> str:
        """What the screen's workers are still doing (each is named after it):
        their results belong to the sources as they are now."""
        for worker in self.screen.app.workers:
            if worker.node is self.screen and not worker.is_finished:
                return worker.name
        return "exporting" if exporting(self.screen) else ""

    # Working (thread) -----------------------------------------------------

    def _work(self, old: list[Document], keep: bool, store: CorrectionStore) -> None:
        """Read, compare and carry the corrections over; post the result (never raise).

        The work runs in a daemon thread this worker waits for: a URL may take
        its whole timeout, and ``q`` must not wait for it (the app waits for
        its workers' threads as it exits; cancelled, this worker returns at once).
        """
        worker = get_current_worker()
        done = threading.Event()
        result: list[SourcesReloaded] = []

        def run() -> None:
            try:
                result.append(_reloaded(old, keep, store))
            except Exception as error:  # the reader keeps what it shows
                result.append(SourcesReloaded(old, [None] * len(old), "", failure=str(error)))
            finally:
                done.set()

        threading.Thread(target=run, name="reload", daemon=True).start()
        while not done.wait(0.05):
            if worker.is_cancelled:
                return  # quitting: nobody is waiting
        self.screen.post_message(result[0])

    # Finishing (UI thread) ------------------------------------------------

    async def finish(self, message: SourcesReloaded) -> None:
        """Show the new text where the reader was, say what changed, align again."""
        screen = self.screen
        self.running = False
        if not screen.query(StatusBar):
            return  # shutting down
        for problem in message.problems:
            screen.notify(visible(problem), severity="warning", markup=False)
        if message.failure or not message.changed:
            self._restore()
            if message.failure:
                text = f"Reload failed: {message.failure}; nothing was changed"
                screen.notify(visible(text), severity="error", markup=False)
            else:
                screen.notify(visible(message.summary), markup=False)
            return
        panes = screen.query_one(LinkedPanes)
        place = _where(panes)
        documents = message.documents
        same = [
            change.same if change is not None else _identity(document)
            for change, document in zip(message.changes, documents, strict=True)
        ]
        self.reading.reload(documents)
        self.corrector.reloaded(same)
        panes.show_documents()  # no links yet: the headers say "aligning…"
        _put_back(panes, place, message.changes)
        screen.notify(visible(message.summary), markup=False)
        # Once the new text is on screen: the aligner's thread would delay the paint.
        screen.call_after_refresh(self._align)

    def _align(self) -> None:
        self.screen.start_alignment()

    def _restore(self) -> None:
        """Nothing changed: the links shown stay, as if the reload never started."""
        base, links = self._held, self.reading.links
        if base is None or links.alignment is None:
            self._align()  # there were none (the aligner failed): try again
            return
        # The suggestions shown stay too (they were dropped: "0 suggestions").
        snapshot, suggestions = self.reading.snapshot(), self.reading.suggestions
        self.screen.post_message(AlignmentReady(base, links, snapshot, suggestions=suggestions))


def _reloaded(old: list[Document], keep: bool, store: CorrectionStore) -> SourcesReloaded:
    """The work of a reload, without Textual state: safe in a thread."""
    rereads = reread_all(old, keep)
    changes: list[SentenceChanges | None] = []
    documents: list[Document] = []
    for before, again in zip(old, rereads, strict=True):
        if not again.fresh:
            changes.append(None)
            documents.append(before)
            continue
        change = sentence_changes(before, again.document)
        changes.append(change)
        # An unchanged source keeps its document: same anchors, same panes.
        documents.append(again.document if change.text_changed else before)
    summary = reload_summary([document.name for document in old], changes)
    problems = [again.problem for again in rereads if again.problem]
    if any(change is not None and change.text_changed for change in changes):
        same = [
            change.same if change is not None else _identity(document)
            for change, document in zip(changes, documents, strict=True)
        ]
        try:
            kept = store.add_missing(carried(store.load(), old, documents, same))
        except Exception as error:  # a store problem must not cost the new text
            problems.append(f"Corrections were not carried over: {error}")
            kept = 0
        if kept:
            summary += f" · {kept} correction{'s' if kept != 1 else ''} kept"
    return SourcesReloaded(documents, changes, summary, problems)


def _identity(document: Document) -> dict[int, int]:
    return {number: number for number in range(len(document.sentences))}


def _where(panes: LinkedPanes) -> _Place:
    leader = panes.active_pane
    cursor_row = 0
    if leader.cursor >= 0 and leader.wrapped.height:
        cursor_row = leader.screen_row_of(leader.wrapped.sentence_first[leader.cursor])
    ordered = sorted(panes.panes, key=lambda pane: pane.index)
    tops = [
        pane.wrapped.sentence_at(max(0, pane.content_top)) if pane.wrapped.height else -1
        for pane in ordered
    ]
    return _Place(leader.index, [pane.cursor for pane in ordered], tops, cursor_row)


def _put_back(panes: LinkedPanes, place: _Place, changes: list[SentenceChanges | None]) -> None:
    """In each pane whose text changed: the sentence that was at the top (a
    follower) or under the cursor (the leader, on the same screen row), found
    in the new text. Followers line up for real once the links arrive."""
    for pane in panes.panes:
        change = changes[pane.index]
        if change is None or not change.text_changed:
            continue
        if pane.index != place.active:
            pane.cursor = change.nearest(place.cursors[pane.index])  # quietly: not a leader
            _show_sentence_at(pane, change.nearest(place.tops[pane.index]), 0)
            continue
        cursor = change.nearest(place.cursors[pane.index])
        if cursor >= 0:
            pane.set_cursor(cursor, sync=False, reveal=False)
            _show_sentence_at(pane, cursor, place.cursor_row)
            pane.reveal(cursor)


def _show_sentence_at(pane: SourcePane, sentence: int, screen_row: int) -> None:
    if 0 <= sentence < len(pane.wrapped.sentence_first):
        pane.show_top(pane.wrapped.sentence_first[sentence] - screen_row)
