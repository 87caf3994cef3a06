"""User settings: the settings file read at start (:mod:`.load`) and the theme
written back into it (:mod:`.save`). Plain Python, no Textual."""

from tui.settings.load import (
    READING_LINES,
    SETTINGS_NAME,
    ReadingLine,
    Settings,
    config_dir,
    default_path,
    load_settings,
)
from tui.settings.save import save_theme

__all__ = [
    "READING_LINES",
    "SETTINGS_NAME",
    "ReadingLine",
    "Settings",
    "config_dir",
    "default_path",
    "load_settings",
    "save_theme",
]
