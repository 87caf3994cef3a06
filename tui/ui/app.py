"""The Synoptic reader application: one entry point for the CLI and the tests.

``SynopticApp(paths)`` loads the documents *in the constructor*, so bad input
raises :class:`tui.errors.InputError` before the terminal is taken over and
the CLI can print a one-line message. Text is on screen at the first paint;
alignment, which may take seconds, runs in a thread worker that reports
progress with ``post_message`` and hands the links over when it is done.

This module only composes widgets, binds keys and orchestrates the worker;
linking lives in :mod:`tui.widgets.reader`, drawing in
:mod:`tui.widgets.source_pane`, and the logic they use in pure modules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, cast

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from tui.align import DEFAULT_THRESHOLD, align
from tui.compare.disagreements import Flag, all_flags
from tui.ingest.safe_text import visible
from tui.model import Alignment, Comparison, Document, SentenceRef
from tui.pipeline import load_documents
from tui.resources import sample_files, styles_dir
from tui.ui.screens.coverage import CoverageScreen
from tui.ui.screens.export import ExportScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.jump_list import JumpListScreen
from tui.ui.screens.synopsis import SynopsisScreen
from tui.ui.widgets.correcting import Corrector, Outcome
from tui.ui.widgets.reader import Reader
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.status_bar import StatusBar
from tui.view.jump_lists import Entry, flag_entries, only_here_entries
from tui.view.linking import LinkIndex


@dataclass
class AlignProgress(Message):
    """Sent from the alignment thread: how far it is and what it does."""

    fraction: float
    message: str


class SynopticApp(App[None]):
    """Several accounts of one story, side by side, scrolling together."""

    TITLE = "Synoptic"
    CSS_PATH = str(styles_dir() / "synoptic.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "switch(1)", "Next source", priority=True),
        Binding("shift+tab", "switch(-1)", "Previous source", show=False, priority=True),
        Binding("l,right", "switch(1)", "Next source", show=False),
        Binding("h,left", "switch(-1)", "Previous source", show=False),
        *[Binding(str(n), f"source({n})", f"Source {n}", show=False) for n in range(1, 10)],
        Binding("right_square_bracket", "passage(0, 1)", "Next shared"),
        Binding("left_square_bracket", "passage(0, 0)", "Previous shared", show=False),
        Binding("u", "passage(1, 1)", "Next unique"),
        Binding("U", "passage(1, 0)", "Previous unique", show=False),
        Binding("o", "counterpart", "Counterpart"),
        Binding("c", "cycle", "Cycle", show=False),
        Binding("x", "toggle_link", "Unlink"),
        Binding("b", "boilerplate", "Boilerplate", show=False),
        Binding("slash", "search", "Search"),
        Binding("n", "hit(1)", "Next hit", show=False),
        Binding("N", "hit(0)", "Previous hit", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("s", "synopsis", "Synopsis"),
        Binding("O", "only_here", "Only here", show=False),
        Binding("d", "disagreements", "Disagreements", show=False),
        Binding("C", "coverage", "Coverage", show=False),
        Binding("m", "mark", "Mark / link", show=False),
        Binding("X", "cut", "Cut link", show=False),
        Binding("e", "export", "Export", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        *,
        threshold: float = DEFAULT_THRESHOLD,
        keep_boilerplate: bool = False,
        documents: list[Document] | None = None,
    ) -> None:
        """Load the sources now (raising ``InputError``); no paths: the news sample."""
        super().__init__()
        if documents is None:
            specs = [str(path) for path in paths] or [str(path) for path in sample_files()]
            documents = load_documents(specs, keep_boilerplate)
        self.documents = documents
        self.threshold = threshold
        self.alignment: Alignment | None = None
        self.corrector = Corrector(documents, threshold)
        self._align_warning = ""

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    def compose(self) -> ComposeResult:
        yield Reader(self.documents, id="reader")
        yield SearchBar()
        yield StatusBar(id="status")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reader keys act only on the reader: on top of it, a view or list owns the keys.

        Without this, Tab or ``]`` pressed in the synopsis would move the
        hidden panes, and the footer would offer keys that do nothing visible.
        """
        return not (len(self.screen_stack) > 1 and action in self._reader_actions())

    @classmethod
    def _reader_actions(cls) -> set[str]:
        names = set()
        for binding in cls.BINDINGS:
            if isinstance(binding, Binding):
                names.add(binding.action.split("(")[0])
        return names - {"quit", "help"}

    def on_mount(self) -> None:
        self.query_one(SearchBar).display = False
        self.reader.active_pane.focus()
        self.query_one(StatusBar).show_progress(0.0, "starting")
        self.align_sources()

    # Alignment worker -----------------------------------------------------

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def align_sources(self) -> LinkIndex:
        """Align in a thread: may take seconds, must not freeze the screen.

        The per-pair tables linked scrolling uses are built here too, so the
        first synced step on the UI thread is as cheap as every other.
        """
        worker = get_current_worker()

        def progress(fraction: float, message: str) -> None:
            if not worker.is_cancelled:
                self.post_message(AlignProgress(fraction, message))

        base = align(self.documents, self.threshold, progress)
        alignment, warning = self.corrector.corrected(base)
        self._align_warning = warning  # shown once the worker's result is taken
        return LinkIndex(self.documents, alignment).prebuild()

    def on_align_progress(self, message: AlignProgress) -> None:
        # The worker may still report while the app shuts down: widgets gone.
        for status in self.query(StatusBar):
            if self.alignment is None:
                status.show_progress(message.fraction, message.message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "align" or not self.query(StatusBar):
            return
        status = self.query_one(StatusBar)
        if event.state == WorkerState.SUCCESS:
            links = event.worker.result
            assert isinstance(links, LinkIndex) and links.alignment is not None
            alignment = self.alignment = links.alignment
            self.reader.set_links(links)
            if self._align_warning:
                self.notify(visible(self._align_warning), severity="warning", markup=False)
            status.show_summary(
                f"{len(alignment.links)} links in {len(alignment.groups)} groups · "
                f"{len(alignment.unique)} unique sentences"
            )
        elif event.state == WorkerState.ERROR:
            status.show_summary(f"Alignment failed: {visible(str(event.worker.error))}")
        self._show_state()

    # Status ---------------------------------------------------------------

    def on_reader_changed(self, _message: Reader.Changed) -> None:
        self._show_state()

    def _show_state(self) -> None:
        if not self.query(StatusBar) or not self.query(Reader):
            return  # shutting down
        reader = self.reader
        parts = []
        if reader.search_query:
            parts.append(f"{len(reader.hits)} hits for “{visible(reader.search_query)}” (n/N)")
        if not reader.linked:
            parts.append("UNLINKED (x relinks)")
        count = len(self.documents)
        if reader.window_size < count:
            first = reader.window_start + 1
            last = reader.window_start + reader.window_size
            parts.append(f"sources {first}–{last} of {count} (h/l)")
        self.query_one(StatusBar).show_state(" · ".join(parts))

    # Actions --------------------------------------------------------------

    def action_switch(self, step: int) -> None:
        self.reader.switch(step)

    def action_source(self, number: int) -> None:
        if number <= len(self.documents):
            self.reader.activate(number - 1)

    def action_passage(self, unique: int, forward: int) -> None:
        self.reader.passage(bool(unique), bool(forward))

    def action_counterpart(self) -> None:
        self.reader.jump_to_counterpart()

    def action_cycle(self) -> None:
        self.reader.cycle_counterpart()

    def action_toggle_link(self) -> None:
        self.reader.toggle_link()

    def action_boilerplate(self) -> None:
        self.reader.toggle_boilerplate()

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.display = True
        bar.focus()

    def action_hit(self, forward: int) -> None:
        self.reader.next_hit(bool(forward))

    def action_clear_search(self) -> None:
        self.reader.clear_search()

    @property
    def comparison(self) -> Comparison | None:
        """The aligned (and corrected) comparison, once the worker is done."""
        if self.alignment is None:
            return None
        return Comparison(self.documents, self.alignment, self.threshold)

    def _not_ready(self) -> bool:
        if self.alignment is None:
            self.notify("Still aligning: try again in a moment", severity="warning")
            return True
        return False

    def action_synopsis(self) -> None:
        comparison = self.comparison
        if comparison is None or self._not_ready():
            return
        pane = self.reader.active_pane
        start = (pane.index, pane.cursor) if pane.cursor >= 0 else None
        self.push_screen(SynopsisScreen(comparison, pane.index, start), self.go_to)

    def action_only_here(self) -> None:
        self._open_view("only here")

    def action_disagreements(self) -> None:
        self._open_view("disagreements")

    def action_coverage(self) -> None:
        self._open_view("coverage")

    def _open_view(self, view: str) -> None:
        comparison = self.comparison
        if comparison is None or self._not_ready():
            return
        self.query_one(StatusBar).show_state(f"gathering {view}…")
        self._gather(view, comparison, self.reader.active)

    @work(thread=True, exclusive=True, group="views", exit_on_error=False)
    def _gather(self, view: str, comparison: Comparison, active: int) -> None:
        """Work out a view's content in a thread (on the gospels flags take 0.8 s
        and the only-here lists 0.1 s); the screen is built on the UI thread."""
        content: list[Entry] | list[Flag]
        if view == "only here":
            content = only_here_entries(comparison, active)
        elif view == "coverage":
            content = all_flags(comparison, active)
        else:
            content = flag_entries(comparison, all_flags(comparison, active), active)
        self.call_from_thread(self._show_view, view, comparison, content)

    def _show_view(
        self, view: str, comparison: Comparison, content: list[Entry] | list[Flag]
    ) -> None:
        self._show_state()
        if view == "coverage":
            self.push_screen(CoverageScreen(comparison, cast(list[Flag], content)))
            return
        entries = cast(list[Entry], content)
        empty = {
            "only here": "Every passage is told by another source.",
            "disagreements": "No possible conflicts found.",
        }[view]
        self.push_screen(JumpListScreen(view.capitalize(), entries, empty), self.go_to)

    def action_mark(self) -> None:
        pane = self.reader.active_pane
        if pane.cursor >= 0:
            self._report(self.corrector.press_mark((pane.index, pane.cursor)))

    def action_cut(self) -> None:
        reader = self.reader
        leader = reader.active_pane
        count = len(self.documents)
        for offset in range(1, count):
            index = (leader.index + offset) % count
            chosen = reader.lined_up(index)
            if chosen >= 0:
                self._report(self.corrector.cut((leader.index, leader.cursor), (index, chosen)))
                return
        self.notify("No link to cut: nothing is lined up with this sentence", severity="warning")

    def _report(self, outcome: Outcome) -> None:
        self.notify(
            visible(outcome.message),
            severity="information" if outcome.ok else "warning",
            markup=False,
        )
        mark = self.corrector.mark
        for pane in self.reader.panes:
            pane.pending = mark[1] if mark is not None and mark[0] == pane.index else -1
            pane.refresh()
        if outcome.changed is not None:
            self.alignment = outcome.changed
            self.reader.set_links(LinkIndex(self.documents, outcome.changed).prebuild())

    def action_export(self) -> None:
        comparison = self.comparison
        if comparison is None or self._not_ready():
            return
        self.push_screen(ExportScreen(comparison, self.reader.active), self._exported)

    def _exported(self, message: str | None) -> None:
        if message:
            self.notify(visible(message), markup=False)

    def go_to(self, ref: SentenceRef | None) -> None:
        """Put the cursor of source ``ref[0]`` on sentence ``ref[1]`` (from a view or list)."""
        if ref is None:
            return
        source, sentence = ref
        self.reader.activate(source)
        self.reader.active_pane.set_cursor(sentence)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        bar = self.query_one(SearchBar)
        bar.display = False
        self.reader.active_pane.focus()
        if not self.reader.search(event.value):
            self.notify(f"No hits for “{visible(event.value)}”", severity="warning", markup=False)

    def on_search_bar_closed(self, _message: SearchBar.Closed) -> None:
        bar = self.query_one(SearchBar)
        bar.display = False
        self.reader.clear_search()
        self.reader.active_pane.focus()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette offers the reader's commands next to Textual's."""
        yield from super().get_system_commands(screen)
        commands = [
            ("Unlink / relink panes", "Stop or resume linked scrolling", self.action_toggle_link),
            ("Show / hide boilerplate", "Page furniture, dimmed", self.action_boilerplate),
            ("Next shared passage", "Text other sources share", lambda: self.action_passage(0, 1)),
            ("Next unique passage", "Text only this source has", lambda: self.action_passage(1, 1)),
            ("Jump to counterpart", "The matching sentence elsewhere", self.action_counterpart),
            ("Cycle counterparts", "Line up the next of several", self.action_cycle),
            ("Search this source", "Find text in the active pane", self.action_search),
            ("Synopsis", "Every source's telling, row by row", self.action_synopsis),
            ("Only here", "Passages no other source has", self.action_only_here),
            (
                "Disagreements",
                "Numbers, dates, names, quotes told differently",
                self.action_disagreements,
            ),
            ("Coverage", "How much of each source the others tell", self.action_coverage),
            ("Mark / link sentences", "m here, then m on its match", self.action_mark),
            ("Cut link", "Unlink the cursor and its lined-up match", self.action_cut),
            ("Export", "JSON, CSV, Markdown or HTML to a file", self.action_export),
            ("Keys", "Show every key", self.action_help),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)
