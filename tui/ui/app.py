"""The Synoptic reader application: one entry point for the CLI and the tests.

``SynopticApp(paths)`` loads the documents *in the constructor*, so bad input
raises :class:`tui.errors.InputError` before the terminal is taken over and
the CLI can print a one-line message. Text is on screen at the first paint;
alignment, which may take seconds, runs in a thread worker that reports
progress with ``post_message`` and hands the links over when it is done.

This module only loads, styles and runs the workers; the reader itself (its
widgets, keys and actions) is :class:`tui.ui.screens.reader.ReaderScreen`,
the app's default screen. Linking lives in :mod:`tui.ui.widgets.reader`,
drawing in :mod:`tui.ui.widgets.source_pane`, and the logic they use in pure
modules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, cast

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from tui.align import DEFAULT_THRESHOLD, align
from tui.compare.disagreements import Flag, all_flags
from tui.model import Alignment, Comparison, Document
from tui.pipeline import load_documents
from tui.resources import sample_files, styles_dir
from tui.ui.screens.coverage import CoverageScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.jump_list import JumpListScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.correcting import Corrector
from tui.ui.widgets.reader import Reader
from tui.view.jump_lists import Entry, flag_entries, only_here_entries
from tui.view.linking import LinkIndex


@dataclass
class AlignProgress(Message):
    """Sent from the alignment thread: how far it is and what it does."""

    fraction: float
    message: str


class SynopticApp(App[None]):
    """Loads the sources, aligns them in a worker and shows them on a :class:`ReaderScreen`."""

    TITLE = "Synoptic"
    CSS_PATH = str(styles_dir() / "synoptic.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
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
        self.corrector = Corrector(documents, threshold)
        self.reader_screen = ReaderScreen(documents, self.corrector, threshold, self.align_sources)
        self._align_warning = ""

    def get_default_screen(self) -> ReaderScreen:
        return self.reader_screen

    @property
    def reader(self) -> Reader:
        """The reader widget of the default screen (the panes)."""
        return self.reader_screen.reader

    @property
    def alignment(self) -> Alignment | None:
        return self.reader_screen.alignment

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
        self.reader_screen.show_progress(message.fraction, message.message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "align":
            return
        if event.state == WorkerState.SUCCESS:
            links = event.worker.result
            assert isinstance(links, LinkIndex)
            self.reader_screen.show_links(links, self._align_warning)
        elif event.state == WorkerState.ERROR:
            self.reader_screen.show_failure(event.worker.error)

    # Views gathered in a worker -------------------------------------------

    def on_reader_screen_view_requested(self, request: ReaderScreen.ViewRequested) -> None:
        self._gather(request.view, request.comparison, request.active)

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
        self.reader_screen.view_shown()
        if view == "coverage":
            self.push_screen(CoverageScreen(comparison, cast(list[Flag], content)))
            return
        entries = cast(list[Entry], content)
        empty = {
            "only here": "Every passage is told by another source.",
            "disagreements": "No possible conflicts found.",
        }[view]
        self.push_screen(
            JumpListScreen(view.capitalize(), entries, empty), self.reader_screen.go_to
        )

    # App keys and commands ------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette offers the reader's commands next to Textual's."""
        yield from super().get_system_commands(screen)
        reader = self.reader_screen
        commands = [
            ("Unlink / relink panes", "Stop or resume linked scrolling", reader.action_toggle_link),
            ("Show / hide boilerplate", "Page furniture, dimmed", reader.action_boilerplate),
            (
                "Next shared passage",
                "Text other sources share",
                lambda: reader.action_passage(0, 1),
            ),
            (
                "Next unique passage",
                "Text only this source has",
                lambda: reader.action_passage(1, 1),
            ),
            ("Jump to counterpart", "The matching sentence elsewhere", reader.action_counterpart),
            ("Cycle counterparts", "Line up the next of several", reader.action_cycle),
            ("Search this source", "Find text in the active pane", reader.action_search),
            ("Synopsis", "Every source's telling, row by row", reader.action_synopsis),
            ("Only here", "Passages no other source has", reader.action_only_here),
            (
                "Disagreements",
                "Numbers, dates, names, quotes told differently",
                reader.action_disagreements,
            ),
            ("Coverage", "How much of each source the others tell", reader.action_coverage),
            ("Mark / link sentences", "m here, then m on its match", reader.action_mark),
            ("Cut link", "Unlink the cursor and its lined-up match", reader.action_cut),
            ("Export", "JSON, CSV, Markdown or HTML to a file", reader.action_export),
            ("Keys", "Show every key", self.action_help),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)
