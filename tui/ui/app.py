"""The Synoptic reader application: one entry point for the CLI and the tests.

``SynopticApp(paths)`` loads the documents *in the constructor*, so bad input
raises :class:`tui.errors.InputError` before the terminal is taken over and
the CLI can print a one-line message. Text is on screen at the first paint;
alignment, which may take seconds, runs in a thread worker that reports
progress with ``post_message`` and hands the links over when it is done.

This module only loads, styles and runs the workers; the reader itself (its
widgets, keys and actions) is :class:`tui.ui.screens.reader.ReaderScreen`,
the app's default screen. Linking lives in :mod:`tui.ui.widgets.linked_panes`,
drawing in :mod:`tui.ui.widgets.source_pane`, and the logic they use in pure
modules.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.actions import parse
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import get_current_worker

from tui.compare.disagreements import all_flags
from tui.corrections import Corrector, Job, Outcome
from tui.errors import InputError
from tui.ingest.safe_text import visible
from tui.model import Alignment, Comparison, Document
from tui.pipeline import load_documents
from tui.resources import sample_files, styles_dir
from tui.settings import Settings, default_path, save_theme
from tui.ui.abandon import Cancelled as _Cancelled
from tui.ui.abandon import abandoned_on_cancel as _abandoned_on_cancel
from tui.ui.keymap import checked_keymap, remapped
from tui.ui.keys import commands
from tui.ui.messages import (
    AlignmentFailed,
    AlignmentReady,
    AlignProgress,
    CorrectionSaved,
    CoverageReady,
    JumpListReady,
    View,
    ViewRequested,
)
from tui.ui.reloading import Reloader, SourcesReloaded
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.linked_panes import LinkedPanes
from tui.ui.widgets.source_pane import SourcePane
from tui.view.jump_lists import flag_entries, only_here_entries
from tui.view.linking import LinkIndex


class SynopticApp(App[None]):
    """Loads the sources, aligns them in a worker and shows them on a :class:`ReaderScreen`."""

    TITLE = "Synoptic"
    CSS_PATH = str(styles_dir() / "synoptic.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        # Textual's own palette binding has no id, so a keymap could not move it.
        Binding(
            App.COMMAND_PALETTE_BINDING,
            "command_palette",
            "palette",
            show=False,
            priority=True,
            key_display=App.COMMAND_PALETTE_DISPLAY,
            id="command-palette",
        ),
    ]

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        *,
        threshold: float | None = None,
        keep_boilerplate: bool = False,
        documents: list[Document] | None = None,
        settings: Settings | None = None,
        notices: Sequence[str] = (),
    ) -> None:
        """Load the sources now (raising ``InputError``); no paths: the news sample.

        ``settings`` (the settings file, already read) set the theme, the keys,
        how the panes start, and the threshold unless ``threshold`` is given;
        ``notices`` (its warnings) are shown once the screen is up.
        """
        super().__init__()
        self.settings = settings or Settings()
        self.settings_problems = self._apply_settings(self.settings)
        """Theme and keys the settings name that do not exist (one line each)."""
        self.notices = [*notices, *self.settings_problems]
        if documents is None:
            specs = [str(path) for path in paths] or [str(path) for path in sample_files()]
            documents = load_documents(specs, keep_boilerplate)
        self.documents = documents
        self.threshold = threshold = self.settings.threshold_or(threshold)
        self.keep_boilerplate = keep_boilerplate
        self.reloader = Reloader(self)
        # The embedding model and the aligner are loaded by the alignment
        # worker, after the first frame: read here, they held the GIL while the
        # screen was being built and the text showed seconds late (issue 19, 16).
        self.corrector = Corrector(documents, threshold)
        self.reader_screen = ReaderScreen(
            documents,
            self.corrector,
            threshold,
            self.align_sources,
            self.reselect,
            self.save_correction,
            self.settings,
        )

    def _apply_settings(self, settings: Settings) -> list[str]:
        """Theme and keymap from the settings; a warning line for each that cannot apply."""
        warnings = []
        if settings.theme is not None and settings.theme not in self.available_themes:
            near = difflib.get_close_matches(settings.theme, list(self.available_themes), 2)
            hint = f"did you mean {' or '.join(near)}?" if near else "Ctrl+P, Theme lists them"
            warnings.append(
                f"{settings.path or 'settings'}: theme {settings.theme!r} is not a theme "
                f"({hint}); using the default"
            )
        elif settings.theme is not None:
            self.theme = settings.theme
        self._remembered_theme = self.theme
        self._saving_theme = threading.Lock()
        self.user_keymap, bad_keys = checked_keymap(
            settings.keys, self.key_bindings(), settings.path
        )
        return warnings + bad_keys

    def on_mount(self) -> None:
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        for notice in self.notices:
            self.notify(visible(notice), severity="warning", markup=False, timeout=8)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        """The user chose a theme (in the command palette): remember it in the settings file."""
        if theme.name == self._remembered_theme:
            return
        self._remembered_theme = theme.name
        if not self.settings.readable:
            self.notify(
                f"{self.settings.path} could not be read, so it is left as it is: "
                "the theme is not remembered",
                severity="warning",
                markup=False,
            )
            return
        self._save_theme()

    @work(thread=True, group="settings", exit_on_error=False)
    def _save_theme(self) -> None:
        """Write the theme in a thread: a slow disk must not hold up the screen.
        Each save writes the latest theme chosen, so saves never land out of order."""
        path = self.settings.path or default_path()
        try:
            with self._saving_theme:  # the theme is read inside: the last save has the latest
                save_theme(path, self._remembered_theme)
        except InputError as error:
            message = visible(f"Theme not remembered: {error}")
            self.call_from_thread(self.notify, message, severity="warning", markup=False)

    def get_default_screen(self) -> ReaderScreen:
        return self.reader_screen

    @property
    def linked_panes(self) -> LinkedPanes:
        """The panes of the default screen."""
        return self.reader_screen.linked_panes

    @property
    def alignment(self) -> Alignment | None:
        return self.reader_screen.alignment

    # Workers: each posts its result to the reader screen as a typed message.

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def align_sources(self) -> None:
        """Align in a thread: may take seconds, must not freeze the screen.

        The per-pair tables linked scrolling uses are built here too, so the
        first synced step on the UI thread is as cheap as every other.
        """
        worker = get_current_worker()
        screen = self.reader_screen

        def progress(fraction: float, message: str) -> None:
            if worker.is_cancelled:
                raise _Cancelled  # stops the aligner at its next step
            screen.post_message(AlignProgress(fraction, message))

        def aligned() -> Alignment:
            from tui.align import align

            return align(self.documents, self.threshold, progress)

        self._publish(partial(_abandoned_on_cancel, aligned))

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def reselect(self, threshold: float) -> None:
        """Choose links again at a new threshold from the scores kept in memory.

        No scoring: 10-30 ms on the news sample, so the panes follow + and -
        at once; a thread all the same, because ten long sources take longer.
        """
        base = self.corrector.base
        if base is None or base.scored is None:
            return
        scored = base.scored

        def chosen() -> Alignment:
            from tui.align import select

            return select(self.documents, scored, threshold)

        self._publish(chosen)

    def _publish(self, make: Callable[[], Alignment]) -> None:
        """In a worker: make the links, apply the corrections, build the panes'
        tables, and post the result (or the failure) to the reader screen."""
        screen = self.reader_screen
        try:
            base = make()
        except _Cancelled:
            return  # quitting: nobody is waiting for the links
        try:
            alignment, warning = self.corrector.corrected(base)
            links = LinkIndex(self.documents, alignment).prebuild()
        except Exception as error:  # shown in the status bar; the text stays readable
            screen.post_message(AlignmentFailed(str(error)))
            return
        screen.post_message(AlignmentReady(base, links, warning))

    @work(thread=True, group="corrections", exit_on_error=False)
    def save_correction(self, job: Job) -> None:
        """Run one correction (store read-modify-write under its lock, links
        rebuilt) in a thread: with a large store or long sources it takes
        seconds, and the screen must not freeze. The reader starts one at a time."""
        try:
            outcome = job()
            changed = outcome.changed
            links = None if changed is None else LinkIndex(self.documents, changed).prebuild()
        except Exception as error:  # the reader is told; the links stay as they were
            outcome, links = Outcome(f"The correction failed: {error}", ok=False), None
        self.reader_screen.post_message(CorrectionSaved(outcome, links))

    def action_reload(self) -> None:
        """``r`` in the reader: read every source again (:mod:`tui.ui.reloading`)."""
        self.reloader.start()

    async def on_sources_reloaded(self, message: SourcesReloaded) -> None:
        await self.reloader.finish(message)

    def on_view_requested(self, request: ViewRequested) -> None:
        self._gather(request.view, request.comparison, request.active)

    @work(thread=True, exclusive=True, group="views", exit_on_error=False)
    def _gather(self, view: View, comparison: Comparison, active: int) -> None:
        """Work out a view's content in a thread (on the gospels flags take 0.8 s
        and the only-here lists 0.1 s); the screen is built on the UI thread."""
        result: CoverageReady | JumpListReady
        if view is View.COVERAGE:
            result = CoverageReady(comparison, all_flags(comparison, active))
        elif view is View.ONLY_HERE:
            entries = only_here_entries(comparison, active)
            result = JumpListReady("Only here", entries, "Every passage is told by another source.")
        else:
            entries = flag_entries(comparison, all_flags(comparison, active), active)
            result = JumpListReady("Disagreements", entries, "No possible conflicts found.")
        self.reader_screen.post_message(result)

    # App keys and commands ------------------------------------------------

    @classmethod
    def key_bindings(cls) -> list[BindingType]:
        """Every binding the help and the command palette explain: the panes',
        the reader screen's, the app's own and Textual's command palette."""
        return [*SourcePane.BINDINGS, *ReaderScreen.BINDINGS, *cls.BINDINGS]

    def action_help(self) -> None:
        self.push_screen(HelpScreen(remapped(self.key_bindings(), self.user_keymap)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette offers the reader's commands next to Textual's.

        Where a title is taken by both (Textual's "Keys" panel and the
        reader's "Keys" help), the reader's wins, so each title is listed once.
        """
        ours = commands(self.key_bindings())
        titles = {title for title, _help, _action in ours}
        for command in super().get_system_commands(screen):
            if command.title not in titles:
                yield command
        for title, help_text, action in ours:
            # Called directly (not through run_action, which is async) so the
            # command runs as the palette closes.
            _namespace, name, arguments = parse(action)
            method = getattr(self.reader_screen, f"action_{name}", None)
            if method is None:
                method = getattr(self, f"action_{name}")
            yield SystemCommand(title, help_text, partial(method, *arguments))
