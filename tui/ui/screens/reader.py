"""The reader's screen: the linked panes, the search bar, the status bar and their keys.

The app pushes it as its default screen. Because the reader's bindings live
here, a screen pushed on top (synopsis, lists, dialogs, help) hides them by
itself: Tab or ``]`` pressed in the synopsis cannot move the panes below,
and the footer offers only keys that do something visible.

The screen owns the :class:`~tui.view.reading.Reading` (documents,
threshold, links) and what the reader does with it (manual corrections,
reloads, the views opened from it). Work that takes time it asks of the app
with a message carrying a snapshot of the reading (``AlignRequested``,
``CorrectionRequested``, ``ViewRequested``); the app's thread worker posts
the result back here.
"""

from __future__ import annotations

import contextlib
from functools import cached_property, partial
from typing import TYPE_CHECKING, ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer

from tui import wording
from tui.corrections import CorrectionStore, Corrector, Outcome
from tui.ingest.safe_text import visible
from tui.model import Alignment, Comparison, Document, SentenceRef
from tui.settings import Settings
from tui.ui.directions import Direction, PassageKind, step
from tui.ui.exporting import ExportRequest, exporting, start_export
from tui.ui.messages import (
    AlignmentFailed,
    AlignmentReady,
    AlignProgress,
    AlignRequested,
    CoverageReady,
    JumpListReady,
    Notice,
    ScoresRefined,
    View,
    ViewRequested,
)
from tui.ui.screens.correcting import CorrectingScreen
from tui.ui.suggesting import suggestion_note
from tui.ui.widgets.key_hints import KeyHints
from tui.ui.widgets.linked_panes import LinkedPanes
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.status_bar import StatusBar
from tui.view.reading import Reading
from tui.view.suggestions import Suggestions, count_phrase

if TYPE_CHECKING:
    from tui.ui.reloading import Reloader, SourcesReloaded

THRESHOLD_STEP = 5.0
"""How much + and - move the score threshold."""
REFINING = "refining…"
"""On the status line while the links shown are of the first scores (the
encoder's pass still runs); ``benchmarks/terminal_bench.py`` waits for it to go."""


class ReaderScreen(CorrectingScreen):
    """Several accounts of one story, side by side, scrolling together."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # In footer order. The help and the command palette explain them by id
        # (tui/ui/keys.py), and the README's key table lists every key.
        Binding("tab", "switch('next')", "Next source", priority=True, id="next-source"),
        Binding(
            "shift+tab",
            "switch('previous')",
            "Previous source",
            show=False,
            priority=True,
            id="previous-source",
        ),
        Binding("l,right", "switch('next')", "Next source", show=False, id="next-source-letter"),
        Binding(
            "h,left",
            "switch('previous')",
            "Previous source",
            show=False,
            id="previous-source-letter",
        ),
        *[
            Binding(str(n), f"source({n})", f"Source {n}", show=False, id=f"source-{n}")
            for n in range(1, 10)
        ],
        Binding(
            "right_square_bracket", "passage('shared', 'next')", "Next shared", id="next-shared"
        ),
        Binding(
            "left_square_bracket",
            "passage('shared', 'previous')",
            "Previous shared",
            show=False,
            id="previous-shared",
        ),
        Binding("u", "passage('unique', 'next')", "Next unique", id="next-unique"),
        Binding(
            "U",
            "passage('unique', 'previous')",
            "Previous unique",
            show=False,
            id="previous-unique",
        ),
        Binding("o", "counterpart", "Counterpart", id="counterpart"),
        Binding("c", "cycle", "Cycle", show=False, id="cycle"),
        Binding("x", "toggle_link", "Unlink", id="toggle-link"),
        Binding("b", "boilerplate", "Boilerplate", show=False, id="boilerplate"),
        Binding("plus,equals_sign", "threshold('up')", "Stricter", show=False, id="threshold-up"),
        Binding("minus", "threshold('down')", "Looser", show=False, id="threshold-down"),
        Binding("slash", "search", "Search", id="search"),
        Binding("f", "search(True)", "Find in all", show=False, id="search-all"),
        Binding("n", "hit('next')", "Next hit", show=False, id="next-hit"),
        Binding("N", "hit('previous')", "Previous hit", show=False, id="previous-hit"),
        Binding(
            "escape", "clear_search", "Cancel mark / clear search", show=False, id="clear-search"
        ),
        Binding("s", "synopsis", "Synopsis", id="synopsis"),
        Binding("O", "only_here", "Only here", show=False, id="only-here"),
        Binding("d", "disagreements", "Disagreements", show=False, id="disagreements"),
        Binding("C", "coverage", "Coverage", show=False, id="coverage"),
        Binding("m", "mark", "Mark / link", show=False, id="mark"),
        Binding("X", "cut", "Cut link", show=False, id="cut"),
        Binding("z", "undo", "Undo correction", show=False, id="undo"),
        Binding("Z", "redo", "Redo correction", show=False, id="redo"),
        Binding("a", "accept", "Accept suggestion", show=False, id="accept-suggestion"),
        Binding("A", "reject", "Reject suggestion", show=False, id="reject-suggestion"),
        Binding("w", "why", "Why linked", show=False, id="why"),
        Binding("e", "export", "Export", show=False, id="export"),
        Binding("r", "reload", "Reload", show=False, id="reload"),
    ]

    def __init__(
        self,
        reading: Reading,
        settings: Settings | None = None,
        keep_boilerplate: bool = False,
        store: CorrectionStore | None = None,
    ) -> None:
        """``reading``: what to show (its links arrive later); ``keep_boilerplate``:
        how the sources were read, for ``r``; ``store``: where corrections go
        (a served reader's :class:`~tui.corrections.SessionStore` keeps them
        for the session)."""
        super().__init__()
        self.reading = reading
        self.settings = settings
        self.corrector = Corrector(reading, store)
        self._keep_boilerplate = keep_boilerplate
        self._noted: set[str] = set()

    @cached_property
    def reloader(self) -> Reloader:
        """Made at the first ``r``: re-reading and matching old text with new
        is not imported before the first frame."""
        from tui.ui.reloading import Reloader

        return Reloader(self, self.reading, self.corrector, self._keep_boilerplate)

    @property
    def documents(self) -> list[Document]:
        return self.reading.documents

    @property
    def threshold(self) -> float:
        return self.reading.threshold

    @property
    def alignment(self) -> Alignment | None:
        """The corrected alignment shown, once there is one."""
        return self.reading.alignment

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
        yield Footer()
        yield KeyHints()

    def on_resize(self) -> None:
        # Textual's footer where its keys fit, a shorter line of them where not.
        for hints in self.query(KeyHints):
            hints.fit(self.size.width)

    def on_mount(self) -> None:
        self.query_one(SearchBar).display = False
        self.linked_panes.active_pane.focus()
        # Started here, not in App.on_mount (which runs before this screen is
        # composed), so the panes are set up before any link arrives.
        self.start_alignment()

    def start_alignment(self) -> None:
        """Ask the app to align the reading as it is now (bubbles to the app)."""
        self.post_message(AlignRequested(self.reading.snapshot()))

    # Worker results -------------------------------------------------------

    def on_align_progress(self, message: AlignProgress) -> None:
        # The worker may still report while the app shuts down: widgets gone.
        for status in self.query(StatusBar):
            if self.alignment is None:
                status.show_progress(message.fraction, message.message)

    def on_alignment_ready(self, message: AlignmentReady) -> None:
        """The links (corrections applied): show them and sum them up."""
        if not self.query(StatusBar):
            return  # shutting down
        if not self.reading.current(message.snapshot):
            return  # overtaken: another + or -, or the sources were read again
        self.reading.aligned(message.base, message.links)
        self.reading.suggestions = message.suggestions or Suggestions()
        self.linked_panes.show_links()
        if message.warning:
            self.notify(visible(message.warning), severity="warning", markup=False)
        for note in message.base.notes:  # bounds the aligner hit, each said once
            if note not in self._noted:
                self._noted.add(note)
                self.notify(visible(note), severity="warning", markup=False)
        self._show_summary()
        self._show_state()

    def on_scores_refined(self, message: ScoresRefined) -> None:
        """The encoder's pass is in: choose the links again from its scores, at
        the threshold shown now, the stored corrections applied (the reader's
        place and cursor stay where they are)."""
        if not self.query(StatusBar) or message.snapshot.generation != self.reading.generation:
            return  # shutting down, or the text was read again since
        self.reading.refined(message.scores)
        if message.scores is None:
            text = f"Refining the links failed: {message.error}; the first links stay"
            self.notify(visible(text), severity="warning", markup=False)
            self._show_summary()
            return
        self.post_message(AlignRequested(self.reading.snapshot(), rescore=False))

    def say(self, notice: Notice) -> bool:
        """Show ``notice`` in the status line's place (False: no status line, the
        app is closing). Untrusted text comes with ``markup=False`` and is shown
        as it is; broken markup in our own words is shown as typed."""
        text = Content(notice.message)
        if notice.markup:
            with contextlib.suppress(Exception):  # Textual's markup errors have no common base
                text = Content.from_markup(notice.message)
        if notice.title:
            text = Content(f"{notice.title}: ") + text
        for status in self.query(StatusBar):
            status.show_notice(text, notice.severity, notice.timeout)
            return True
        return False

    def _show_summary(self) -> None:
        """The alignment in one line: links, groups, unique sentences, threshold."""
        alignment = self.alignment
        if alignment is None or not self.query(StatusBar):
            return
        links = count_phrase(len(alignment.links), len(self.suggestions))
        if self.reading.refining:  # the links of the first scores; the encoder's are coming
            links = f"{links} · {REFINING}"
        self.query_one(StatusBar).show_summary(
            f"{links} · {wording.count(len(alignment.groups), 'group')} · "
            f"{len(alignment.unique)} unique · threshold {self.threshold:g} (+/-)",
            short=f"{links} · threshold {self.threshold:g}",
        )

    def on_alignment_failed(self, message: AlignmentFailed) -> None:
        if not self.query(StatusBar):
            return
        if message.snapshot is not None and not self.reading.current(message.snapshot):
            return  # overtaken: newer work is under way or shown
        self.query_one(StatusBar).show_summary(f"Alignment failed: {visible(message.error)}")
        self._show_state()

    def on_jump_list_ready(self, message: JumpListReady) -> None:
        self._show_state()
        from tui.ui.screens.jump_list import JumpListScreen

        screen = JumpListScreen(message.title, message.entries, message.empty)
        self.app.push_screen(screen, self.go_to)

    def on_coverage_ready(self, message: CoverageReady) -> None:
        self._show_state()
        from tui.ui.screens.coverage import CoverageScreen

        self.app.push_screen(CoverageScreen(message.comparison, message.flags))

    @property
    def comparison(self) -> Comparison | None:
        """The aligned (and corrected) comparison, once the worker is done."""
        return self.reading.comparison()

    def _not_ready(self) -> bool:
        if self.alignment is None:
            self.notify("Still aligning: try again in a moment", severity="warning")
            return True
        return False

    # Status ---------------------------------------------------------------

    def on_linked_panes_status_changed(self, _message: LinkedPanes.StatusChanged) -> None:
        self._show_state()

    def _show_state(self) -> None:
        if not self.query(StatusBar) or not self.query(LinkedPanes):
            return  # shutting down
        linked = self.linked_panes
        parts = [linked.found.status()] if linked.found.query else []
        if not linked.linked:
            parts.append("UNLINKED (x relinks)")
        count = len(self.documents)
        if linked.window_size < count:
            first = linked.window_start + 1
            last = linked.window_start + linked.window_size
            parts.append(f"sources {first}–{last} of {count} (h/l)")
        pane = linked.active_pane
        note = suggestion_note(self.suggestions, self.documents, (pane.index, pane.cursor))
        if note:
            parts.append(note)
        self.query_one(StatusBar).show_state(" · ".join(parts))

    def on_source_pane_cursor_moved(self, _message: object) -> None:
        self._show_state()  # the cursor's suggestion, if it has one

    # Moving around --------------------------------------------------------

    def action_switch(self, direction: Direction) -> None:
        self.linked_panes.switch(step(direction))

    def action_source(self, number: int) -> None:
        if number <= len(self.documents):
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
        if not any(document.boilerplate for document in self.documents):
            self.notify("No boilerplate was found in these sources: nothing to show or hide")
            return
        self.linked_panes.toggle_boilerplate()

    def action_threshold(self, direction: Literal["up", "down"]) -> None:
        """Stricter or looser links: choose them again from the scores kept in memory."""
        if self._not_ready():
            return
        base = self.corrector.base
        if base is None or base.scored is None:
            self.notify("Nothing to choose from: no pair was scored", severity="warning")
            return
        step = THRESHOLD_STEP if direction == "up" else -THRESHOLD_STEP
        threshold = min(100.0, max(0.0, self.threshold + step))
        if threshold == self.threshold:
            self.notify(f"The threshold is already {threshold:g}", severity="warning")
            return
        self.reading.threshold = threshold
        self.post_message(AlignRequested(self.reading.snapshot(), rescore=False))

    def action_reload(self) -> None:
        """``r``: read every source again (:mod:`tui.ui.reloading`)."""
        self.reloader.start()

    async def on_sources_reloaded(self, message: SourcesReloaded) -> None:
        message.stop()
        await self.reloader.finish(message)

    def go_to(self, ref: SentenceRef | None) -> None:
        """Put the cursor of source ``ref[0]`` on sentence ``ref[1]`` (from a view or list)."""
        if ref is None:
            return
        source, sentence = ref
        self.linked_panes.activate(source)
        self.linked_panes.active_pane.set_cursor(sentence)

    # Search (the rest is SearchingScreen's) --------------------------------

    def action_clear_search(self) -> None:
        """Escape: cancel a pending ``m`` if there is one, else clear the search."""
        if self.corrector.mark is not None:
            self.corrector.mark = None
            self._report(Outcome("Mark cancelled"))
            return
        self.linked_panes.clear_search()

    # Views ----------------------------------------------------------------

    def action_synopsis(self) -> None:
        comparison = self.comparison
        if self._not_ready() or comparison is None:  # says why first
            return
        pane = self.linked_panes.active_pane
        start = (pane.index, pane.cursor) if pane.cursor >= 0 else None
        from tui.ui.screens.synopsis import SynopsisScreen

        self.app.push_screen(SynopsisScreen(comparison, pane.index, start), self.go_to)

    def action_only_here(self) -> None:
        self._open_view(View.ONLY_HERE)

    def action_disagreements(self) -> None:
        self._open_view(View.DISAGREEMENTS)

    def action_coverage(self) -> None:
        self._open_view(View.COVERAGE)

    def _open_view(self, view: View) -> None:
        """Ask the app to gather the view in a worker; its result message opens it."""
        comparison = self.comparison
        if self._not_ready() or comparison is None:  # says why first
            return
        self.query_one(StatusBar).show_state(f"gathering {view.value}…")
        self.post_message(ViewRequested(view, comparison, self.linked_panes.active_index))

    # Export ---------------------------------------------------------------

    def action_export(self) -> None:
        comparison = self.comparison
        if self._not_ready() or comparison is None:  # says why first
            return
        if exporting(self):
            self.notify("Still exporting: try again when it is done", severity="warning")
            return
        from tui.ui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(comparison), partial(self._export, comparison))

    def _export(self, comparison: Comparison, request: ExportRequest | None) -> None:
        """Run the dialog's export in a thread worker; the status bar shows how it goes."""
        if request is not None:
            start_export(self.query_one(StatusBar), comparison, request)
