"""The theme the user chooses (in the command palette), remembered in the settings file.

Written by a thread worker: a slow disk must not hold up the screen. A served
reader (a browser visitor's) keeps the theme for the session only, and a
settings file that could not be read is left as it is: writing the theme
into it would lose what it held.
"""

from __future__ import annotations

import threading

from textual.app import App
from textual.theme import Theme

from tui.errors import InputError
from tui.ingest.safe_text import visible
from tui.settings import Settings, default_path, save_theme


class ThemeMemory:
    """Saves each theme the user switches to, the latest last."""

    def __init__(self, app: App[None], settings: Settings, session_only: bool) -> None:
        self.app = app
        self.settings = settings
        self.session_only = session_only
        self.remembered = app.theme
        self._saving = threading.Lock()

    def watch(self) -> None:
        """From now on, remember each theme chosen."""
        self.app.theme_changed_signal.subscribe(self.app, self._changed)

    def _changed(self, theme: Theme) -> None:
        if theme.name == self.remembered:
            return
        self.remembered = theme.name
        if self.session_only:
            self.app.notify(
                "Theme for this session only: a served reader leaves the settings file as it is",
                markup=False,
            )
            return
        if not self.settings.readable:
            self.app.notify(
                f"{self.settings.path} could not be read, so it is left as it is: "
                "the theme is not remembered",
                severity="warning",
                markup=False,
            )
            return
        self.app.run_worker(self._save, thread=True, group="settings", exit_on_error=False)

    def _save(self) -> None:
        """Each save writes the latest theme chosen, so saves never land out of order."""
        path = self.settings.path or default_path()
        try:
            with self._saving:  # the theme is read inside: the last save has the latest
                save_theme(path, self.remembered)
        except InputError as error:
            message = visible(f"Theme not remembered: {error}")
            self.app.call_from_thread(self.app.notify, message, severity="warning", markup=False)
