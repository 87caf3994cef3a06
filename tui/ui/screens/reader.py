"""The reader's screen: the linked panes, the search bar, the status bar and their keys.

The app pushes it as its default screen. Because the reader's bindings live
here (:mod:`tui.ui.screens.reader_keys`), a screen pushed on top (synopsis,
lists, dialogs, help) hides them by itself: Tab or ``]`` pressed in the
synopsis cannot move the panes below, and the footer offers only keys that
do something visible.

The screen owns the :class:`~tui.view.reading.Reading` (documents,
threshold, links, suggestions) and runs the work that takes time in its own
thread workers (:mod:`tui.ui.workers`), each given a snapshot of the reading
and posting its result back here, where a result of a snapshot no longer
current is dropped. What the keys do beyond moving around is in small
helpers the screen owns: :class:`~tui.ui.correcting.Corrections`,
:class:`~tui.ui.searching.Search`, :class:`~tui.ui.viewing.Views` and the
:class:`~tui.ui.reloading.Reloader`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, partial
from typing import TYPE_CHECKING, ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input

from tui.corrections import CorrectionStore, Corrector
from tui.ingest.safe_text import visible
from tui.model import Alignment, Comparison, SentenceRef
from tui.settings import Settings
from tui.ui import workers
from tui.ui.correcting import Corrections
from tui.ui.directions import Direction, PassageKind, step
from tui.ui.messages import (
    AlignmentFailed,
    AlignmentReady,
    AlignProgress,
    CorrectionSaved,
    CoverageReady,
    JumpListReady,
    Notice,
    ScoresRefined,
    View,
)
from tui.ui.screens.reader_keys import READER_BINDINGS
from tui.ui.searching import Search
from tui.ui.suggesting import suggestion_note
from tui.ui.viewing import Views
from tui.ui.widgets.key_hints import KeyHints
from tui.ui.widgets.linked_panes import LinkedPanes
from tui.ui.widgets.notice_line import NoticeLine
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.status_bar import StatusBar
from tui.view.reading import Reading
from tui.view.suggestions import Suggestions
from tui.view.summary import state_text, summary_texts

if TYPE_CHECKING:
    from tui.scoring_ahead import ScoringAhead
    from tui.ui.reloading import Reloader, SourcesReloaded

THRESHOLD_STEP = 5.0
"""How much + and - move the score threshold."""


class ReaderScreen(Screen[None]):
    """Several accounts of one story, side by side, scrolling together."""

    BINDINGS: ClassVar[list[BindingType]] = READER_BINDINGS

    def __init__(
        self,
        reading: Reading,
        settings: Settings | None = None,
        keep_boilerplate: bool = False,
        store: CorrectionStore | None = None,
        ahead: ScoringAhead | None = None,
    ) -> None:
        """``reading``: what to show (its links arrive later); ``keep_boilerplate``:
        how the sources were read, for ``r``; ``store``: where corrections go
        (a served reader's :class:`~tui.corrections.SessionStore` keeps them
        for the session); ``ahead``: a child process already scoring these
        sources (``tui.scoring_ahead``), for the first alignment."""
        super().__init__()
        self.reading = reading
        self.settings = settings
        self.corrector = Corrector(reading, store)
        self.corrections = Corrections(self)
        self.search = Search(self)
        self.views = Views(self)
        self._ahead = ahead
        self._keep_boilerplate = keep_boilerplate
        self._noted: set[str] = set()

    @cached_property
    def reloader(self) -> Reloader:
        """Made at the first ``r``: re-reading and matching old text with new
        is not imported before the first frame."""
        from tui.ui.reloading import Reloader

        return Reloader(self, self.reading, self.corrector, self._keep_boilerplate)

    @property
    def linked_panes(self) -> LinkedPanes:
        return self.query_one(LinkedPanes)

    @property
    def alignment(self) -> Alignment | None:
        """The corrected alignment shown, once there is one."""
        return self.reading.alignment

    @property
    def comparison(self) -> Comparison | None:
        """The aligned (and corrected) comparison, once the worker is done."""
        return self.reading.comparison()

    def shown(self) -> bool:
        """Whether the screen's widgets are there: a worker's result may arrive
        while the app closes and they are being removed, children first."""
        return bool(self.query(StatusBar))

    def not_ready(self) -> bool:
        """True, after saying so, while there are no links to act on."""
        if self.alignment is None:
            self.notify("Still aligning: try again in a moment", severity="warning")
            return True
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Under a modal (help, a list, a dialog) this screen is still drawn, footer
        included: its keys are not live there, so the footer leaves them out. Once
        the app is quitting, a key that arrived with ``q`` (``q e`` typed fast)
        opens nothing: a dialog mounted while the app closes has no widgets."""
        return self.is_active and self.app.return_code is None

    def compose(self) -> ComposeResult:
        yield LinkedPanes(self.reading, id="panes", settings=self.settings)
        yield SearchBar()
        yield StatusBar(id="status")
        yield NoticeLine()
        yield KeyHints()

    def on_resize(self) -> None:
        self._fit_key_line()

    def _fit_key_line(self) -> None:
        for hints in self.query(KeyHints):  # the footer, or a shorter line, or a notice
            hints.fit(self.size.width, notice=self.query_one(NoticeLine).display)

    async def _mount_footer(self) -> None:
        """Textual's footer, once the text is on the screen: its key widgets,
        styled before the first frame, put the text 0.08 s later (issue 27)."""
        if self.is_attached and not self.query(Footer):  # (not once ``q`` took it down)
            await self.mount(Footer(), before=self.query_one(KeyHints))
            self.refresh_bindings()  # what a footer waits for to show its keys
            self._fit_key_line()

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_footer)
        self.query_one(SearchBar).display = False
        self.linked_panes.active_pane.focus()
        # Started here, not in App.on_mount (which runs before this screen is
        # composed), so the panes are set up before any link arrives.
        self.start_alignment()

    # Work in threads ------------------------------------------------------

    def run_in_thread(
        self, work: Callable[[], None], group: str, doing: str, exclusive: bool = True
    ) -> None:
        """A thread worker of this screen, named after what it is ``doing`` (``r``
        says it); ``exclusive``: a newer one of its group cancels the older."""
        self.run_worker(work, doing, group, thread=True, exclusive=exclusive, exit_on_error=False)

    def start_alignment(self) -> None:
        """Score and link the reading as it is now (at start-up, after ``r``)."""
        self.align(rescore=True)

    def align(self, *, rescore: bool) -> None:
        """Links for the reading as it is now: scored anew, or (``rescore`` False)
        chosen again at its threshold from the scores its base kept."""
        snapshot = self.reading.snapshot()
        if not rescore:
            # A group of its own: choosing links again (+, -, the refined
            # scores) must not cancel the encoder's pass, which may still run.
            job = partial(workers.reselect, snapshot, self.corrector, self.post_message)
            self.run_in_thread(job, "select", "choosing links")
            return
        ahead, self._ahead = self._ahead, None  # the child scored the sources as opened
        if ahead is not None and snapshot.generation:
            ahead.close()  # read again since: the child's scores are of other text
            ahead = None
        job = partial(workers.align, snapshot, self.corrector, self.post_message, ahead)
        self.run_in_thread(job, "align", "aligning")

    # Worker results -------------------------------------------------------

    def on_align_progress(self, message: AlignProgress) -> None:
        for status in self.query(StatusBar):  # none while the app shuts down
            if self.alignment is None:
                status.show_progress(message.fraction, message.message)

    def on_alignment_ready(self, message: AlignmentReady) -> None:
        """The links (corrections applied): show them and sum them up."""
        if not self.shown() or not self.reading.current(message.snapshot):
            return  # shutting down, or overtaken: another + or -, or read again
        self.reading.aligned(message.base, message.links)
        self.reading.suggestions = message.suggestions or Suggestions()
        self.linked_panes.show_reading(self.corrector.mark)
        if message.warning:
            self.notify(visible(message.warning), severity="warning", markup=False)
        for note in message.base.notes:  # bounds the aligner hit, each said once
            if note not in self._noted:
                self._noted.add(note)
                self.notify(visible(note), severity="warning", markup=False)
        self.show_summary()
        self.show_state()

    def on_scores_refined(self, message: ScoresRefined) -> None:
        """The encoder's pass is in: choose the links again from its scores, at
        the threshold shown now, the stored corrections applied (the reader's
        place and cursor stay where they are)."""
        if not self.shown() or message.snapshot.generation != self.reading.generation:
            return  # shutting down, or the text was read again since
        self.reading.refined(message.scores)
        if message.scores is None:
            text = f"Refining the links failed: {message.error}; the first links stay"
            self.notify(visible(text), severity="warning", markup=False)
            self.show_summary()
            return
        self.align(rescore=False)

    def on_alignment_failed(self, message: AlignmentFailed) -> None:
        if not self.shown():
            return
        if message.snapshot is not None and not self.reading.current(message.snapshot):
            return  # overtaken: newer work is under way or shown
        self.query_one(StatusBar).show_summary(f"Alignment failed: {visible(message.error)}")
        self.show_state()

    def on_correction_saved(self, message: CorrectionSaved) -> None:
        self.corrections.saved(message)

    def on_jump_list_ready(self, message: JumpListReady) -> None:
        self.show_state()
        self.views.open_list(message)

    def on_coverage_ready(self, message: CoverageReady) -> None:
        self.show_state()
        self.views.open_coverage(message)

    async def on_sources_reloaded(self, message: SourcesReloaded) -> None:
        message.stop()
        await self.reloader.finish(message)

    # The status line ------------------------------------------------------

    def say(self, notice: Notice) -> bool:
        """Show ``notice`` in the key line's place (False: the app is closing)."""
        for line in self.query(NoticeLine):
            line.show(notice)
            return True
        return False

    def show_summary(self) -> None:
        """The alignment in one line: links, groups, unique sentences, threshold."""
        reading = self.reading
        if reading.alignment is None or not self.shown():
            return
        long, short = summary_texts(
            reading.alignment, len(reading.suggestions), reading.threshold, reading.refining
        )
        self.query_one(StatusBar).show_summary(long, short=short)

    def show_state(self) -> None:
        """The states that change what keys do: search hits, unlinked, the window
        of sources, the cursor's suggestion."""
        if not self.shown() or not self.query(LinkedPanes):
            return  # shutting down
        linked = self.linked_panes
        pane = linked.active_pane
        ref = (pane.index, pane.cursor)
        note = suggestion_note(self.reading.suggestions, self.reading.documents, ref)
        search = linked.found.status() if linked.found.query else ""
        window = (linked.window_start, linked.window_size)
        text = state_text(search, linked.linked, window, len(self.reading.documents), note)
        self.query_one(StatusBar).show_state(text)

    def on_linked_panes_status_changed(self, _message: LinkedPanes.StatusChanged) -> None:
        self.show_state()

    def on_source_pane_cursor_moved(self, _message: object) -> None:
        self.show_state()  # the cursor's suggestion, if it has one

    # Moving around --------------------------------------------------------

    def action_switch(self, direction: Direction) -> None:
        self.linked_panes.switch(step(direction))

    def action_source(self, number: int) -> None:
        if number <= len(self.reading.documents):
            self.linked_panes.activate(number - 1)

    def action_passage(self, kind: PassageKind, direction: Direction) -> None:
        self.linked_panes.passage(kind == "unique", direction == "next")

    def action_counterpart(self) -> None:
        self.linked_panes.jump_to_counterpart()

    def action_cycle(self) -> None:
        self.linked_panes.cycle_counterpart()

    def action_toggle_link(self) -> None:
        self.linked_panes.toggle_link()

    def action_boilerplate(self) -> None:
        if not any(document.boilerplate for document in self.reading.documents):
            self.notify("No boilerplate was found in these sources: nothing to show or hide")
            return
        self.linked_panes.toggle_boilerplate()

    def go_to(self, ref: SentenceRef | None) -> None:
        """Put the cursor of source ``ref[0]`` on sentence ``ref[1]`` (from a view or list)."""
        if ref is None:
            return
        source, sentence = ref
        self.linked_panes.activate(source)
        self.linked_panes.active_pane.set_cursor(sentence)

    # The links: threshold, reload, corrections, suggestions ------------------

    def action_threshold(self, direction: Literal["up", "down"]) -> None:
        """Stricter or looser links: choose them again from the scores kept in memory."""
        if self.not_ready():
            return
        base = self.corrector.base
        if base is None or base.scored is None:
            self.notify("Nothing to choose from: no pair was scored", severity="warning")
            return
        step = THRESHOLD_STEP if direction == "up" else -THRESHOLD_STEP
        threshold = min(100.0, max(0.0, self.reading.threshold + step))
        if threshold == self.reading.threshold:
            self.notify(f"The threshold is already {threshold:g}", severity="warning")
            return
        self.reading.threshold = threshold
        self.align(rescore=False)

    def action_reload(self) -> None:
        """``r``: read every source again (:mod:`tui.ui.reloading`)."""
        self.reloader.start()

    def action_mark(self) -> None:
        self.corrections.mark()

    def action_cut(self) -> None:
        self.corrections.cut()

    def action_undo(self) -> None:
        self.corrections.undo()

    def action_redo(self) -> None:
        self.corrections.redo()

    def action_accept(self) -> None:
        self.corrections.decide(accept=True)

    def action_reject(self) -> None:
        self.corrections.decide(accept=False)

    # Search ---------------------------------------------------------------

    def action_search(self, everywhere: bool = False) -> None:
        self.search.open(everywhere)

    def action_hit(self, direction: Direction) -> None:
        self.search.hit(direction)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.search.run(event.value)

    def on_search_bar_closed(self, _message: SearchBar.Closed) -> None:
        self.search.close()

    def action_clear_search(self) -> None:
        """Escape: cancel a pending ``m`` if there is one, else clear the search."""
        if not self.corrections.cancel_mark():
            self.linked_panes.clear_search()

    # Views ----------------------------------------------------------------

    def action_synopsis(self) -> None:
        self.views.synopsis()

    def action_only_here(self) -> None:
        self.views.gather(View.ONLY_HERE)

    def action_disagreements(self) -> None:
        self.views.gather(View.DISAGREEMENTS)

    def action_coverage(self) -> None:
        self.views.gather(View.COVERAGE)

    def action_why(self) -> None:
        self.views.why()

    def action_export(self) -> None:
        self.views.export()
