"""The Synoptic reader application: one entry point for the CLI and the tests.

``SynopticApp(paths)`` loads the documents *in the constructor*, so bad input
raises :class:`tui.errors.InputError` before the terminal is taken over and
the CLI can print a one-line message. Text is on screen at the first paint;
alignment, which may take seconds, runs in a thread worker that reports
progress with ``post_message`` and hands the links over when it is done.

This module keeps the settings, theme, keymap, notices and command palette;
the reader itself (its widgets, keys and actions, the :class:`Reading` that
owns documents, threshold, links and suggestions, and the thread workers
that make them, :mod:`tui.ui.workers`) is
:class:`tui.ui.screens.reader.ReaderScreen`, the app's default screen.
Linking lives in :mod:`tui.ui.widgets.linked_panes`, drawing in
:mod:`tui.ui.widgets.source_pane`, and the logic they use in pure modules.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.actions import parse
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.corrections import SessionStore
from tui.ingest.safe_text import visible
from tui.model import Document
from tui.pipeline import load_documents
from tui.resources import sample_files, styles_dir
from tui.settings import Settings
from tui.ui.keymap import checked_keymap, remapped
from tui.ui.keys import commands
from tui.ui.messages import Notice
from tui.ui.screens.palette import Palette
from tui.ui.screens.reader import ReaderScreen
from tui.ui.screens.too_small import TooSmallScreen, too_small
from tui.ui.theme_memory import ThemeMemory
from tui.ui.widgets.source_pane import SourcePane
from tui.view.reading import Reading

if TYPE_CHECKING:
    from tui.scoring_ahead import ScoringAhead

SESSION_ONLY_NOTICE = (
    "Served reader: links you make or cut and the theme you choose last for this "
    "session only; no file on the server is changed"
)


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
        session_only: bool = False,
        ahead: ScoringAhead | None = None,
    ) -> None:
        """Load the sources now (raising ``InputError``); no paths: the news sample.

        ``settings`` (the settings file, already read) set the theme, the keys,
        how the panes start, and the threshold unless ``threshold`` is given;
        ``notices`` (its warnings) are shown once the screen is up.
        ``session_only`` (a reader served to a browser visitor): corrections
        and theme last for this session, and no file of the owner's is written.
        ``ahead``: a child process already scoring these sources
        (``tui.scoring_ahead``), for the first alignment.
        """
        super().__init__()
        self.session_only = session_only
        self.settings = settings or Settings()
        self.settings_problems = self._apply_settings(self.settings)
        """Theme and keys the settings name that do not exist (one line each)."""
        self.notices = [*notices, *self.settings_problems]
        if session_only:
            self.notices.append(SESSION_ONLY_NOTICE)
        if documents is None:
            specs = [str(path) for path in paths] or [str(path) for path in sample_files()]
            documents = load_documents(specs, keep_boilerplate)
        self.keep_boilerplate = keep_boilerplate
        # The embedding model and the aligner are loaded by the alignment
        # worker, after the first frame: read here, they held the GIL while the
        # screen was being built and the text showed seconds late (issue 19, 16).
        reading = Reading(documents, self.settings.threshold_or(threshold))
        store = SessionStore() if session_only else None
        self.reader_screen = ReaderScreen(reading, self.settings, keep_boilerplate, store, ahead)

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
        self.theme_memory = ThemeMemory(self, settings, self.session_only)
        self.user_keymap, bad_keys = checked_keymap(
            settings.keys, self.key_bindings(), settings.path
        )
        return warnings + bad_keys

    def on_mount(self) -> None:
        self.call_after_refresh(self._collect_again)
        self._fit_terminal(self.size)
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        if self.notices:  # one notice, a row each: a second would take the first's place
            text = "\n".join(visible(notice) for notice in self.notices)
            self.notify(text, severity="warning", markup=False, timeout=8)
        self.theme_memory.watch()

    @staticmethod
    def _collect_again() -> None:
        """After the first frame, where the CLI turned the cyclic collector off
        for the start-up (``tui.cli``): the objects made so far (Textual, the
        screen) are kept out of its way for good, and it is on again."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """On the reader, a notice takes the key line's place for a while
        (Textual's toast covered the panes' text); over any other screen it is
        Textual's toast. Thread-safe, as Textual's is: where it goes is chosen
        on the UI thread (:meth:`on_notice`)."""
        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        self.post_message(Notice(message, title, severity, timeout, markup))

    def on_notice(self, notice: Notice) -> None:
        if self.screen is not self.reader_screen or not self.reader_screen.say(notice):
            super().notify(
                notice.message,
                title=notice.title,
                severity=notice.severity,
                timeout=notice.timeout,
                markup=notice.markup,
            )

    def get_default_screen(self) -> ReaderScreen:
        return self.reader_screen

    # App keys and commands ------------------------------------------------

    @classmethod
    def key_bindings(cls) -> list[BindingType]:
        """Every binding the help and the command palette explain: the panes',
        the reader screen's, the app's own and Textual's command palette."""
        return [*SourcePane.BINDINGS, *ReaderScreen.BINDINGS, *cls.BINDINGS]

    def on_resize(self, event: events.Resize) -> None:
        self._fit_terminal(event.size)

    def _fit_terminal(self, size: Size) -> None:
        """Cover whatever is open with :class:`TooSmallScreen` while the terminal
        is too small for it, and uncover it when it is large enough again."""
        shown = self.screen if isinstance(self.screen, TooSmallScreen) else None
        if too_small(size):
            if shown is None:
                self.push_screen(TooSmallScreen())
            else:
                shown.show(size)
        elif shown is not None:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once quitting, the app's own keys (help, the palette) open nothing either;
        nor while the terminal is too small (only ``q`` works then)."""
        if action == "quit":
            return True
        return self.return_code is None and not isinstance(self.screen, TooSmallScreen)

    def action_command_palette(self) -> None:
        """Textual's palette, with page keys safe on a short terminal (:mod:`.palette`)."""
        open_already = any(isinstance(screen, CommandPalette) for screen in self.screen_stack)
        if self.use_command_palette and not open_already:
            self.push_screen(Palette(id="--command-palette"))

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen  # opened with ?, not at start-up

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
