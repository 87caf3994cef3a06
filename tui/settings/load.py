"""The settings file: where it is, what it may say, and how it is read.

``settings.toml`` lives in the platform's config directory
(``platformdirs.user_config_dir("synoptic")``, e.g. ``~/.config/synoptic``),
or in ``$SYNOPTIC_CONFIG_DIR``; ``--config PATH`` names another file. It only
sets how the reader *starts*; a command-line option always wins over it.

Reading never stops the program: a file that cannot be parsed, or a value
that makes no sense, is one warning line naming the file and the key, and
the default is used. A missing default file is simply no settings; a file
the user named explicitly and that does not exist is an
:class:`~tui.errors.InputError` (they asked for it). The file is only ever
written by :mod:`tui.settings_file`, and only the ``theme`` key.

No Textual here: whether a theme name or a key name exists is the app's to
say (:mod:`tui.ui.keymap`); this module checks types and ranges.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tui.align.threshold import DEFAULT_THRESHOLD
from tui.errors import InputError
from tui.regular_files import FileRefused, read_regular

SETTINGS_NAME = "settings.toml"
CONFIG_DIR_VARIABLE = "SYNOPTIC_CONFIG_DIR"

ReadingLine = Literal["middle", "top"]
READING_LINES: tuple[ReadingLine, ...] = ("middle", "top")
"""Where the panes line up while scrolling: a line in the middle of the pane
(sliding to the top and bottom near either end), or the top row (sliding to
the bottom over the last screen)."""

MAX_SETTINGS_BYTES = 1024 * 1024
"""A settings file is a few lines; anything over this is not one (issue 18)."""
UNKNOWN_SHOWN = 5
"""How many unknown key names a warning spells out before it says "…"."""

KNOWN_KEYS = ("theme", "threshold", "show_boilerplate", "linked", "reading_line", "keys")


@dataclass(frozen=True, slots=True)
class Settings:
    """How the reader starts; every field has the value used without a file."""

    theme: str | None = None
    """A Textual theme name; None: Textual's default."""
    threshold: float | None = None
    """None: the command line's or :data:`DEFAULT_THRESHOLD`."""
    show_boilerplate: bool = False
    """Start with boilerplate shown (dimmed), as after pressing ``b``."""
    linked: bool = True
    """Start with the panes linked (``x`` unlinks them)."""
    reading_line: ReadingLine = "middle"
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys (comma-separated), for ``App.set_keymap``."""
    path: Path | None = None
    """The settings file (which may not exist yet); the theme is saved there."""
    readable: bool = True
    """False when the file exists but could not be read or parsed: it is then
    never written, so nothing the user wrote is lost."""

    def threshold_or(self, given: float | None) -> float:
        """The threshold to use: the command line's, else the file's, else the default."""
        if given is not None:
            return given
        return DEFAULT_THRESHOLD if self.threshold is None else self.threshold


def config_dir() -> Path:
    """``$SYNOPTIC_CONFIG_DIR``, else the platform's config directory for synoptic."""
    override = os.environ.get(CONFIG_DIR_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("synoptic", appauthor=False))


def default_path() -> Path:
    return config_dir() / SETTINGS_NAME


def load_settings(explicit: str | None = None) -> tuple[Settings, list[str]]:
    """The settings and one warning line per problem (without the ``synoptic:`` prefix).

    ``explicit`` is ``--config PATH``: it must exist (else :class:`InputError`).
    """
    path = Path(explicit) if explicit is not None else default_path()
    label = str(path)
    try:
        data = read_regular(path, MAX_SETTINGS_BYTES)
    except FileRefused as error:
        # A FIFO would block, /dev/zero would never end: only regular files are read.
        if explicit is not None:
            raise InputError(label, f"settings file {error}") from None
        return Settings(path=path, readable=False), [f"{label}: {error}; using defaults"]
    except FileNotFoundError:
        if explicit is not None:
            raise InputError(label, "no such settings file") from None
        return Settings(path=path), []
    except IsADirectoryError:
        if explicit is not None:
            raise InputError(label, "is a directory, not a settings file") from None
        return Settings(path=path, readable=False), [f"{label}: is a directory; using defaults"]
    except OSError as error:
        if explicit is not None:
            raise InputError(label, f"cannot read: {error.strerror}") from None
        reason = error.strerror or "cannot read"
        return Settings(path=path, readable=False), [f"{label}: {reason}; using defaults"]
    try:
        # utf-8-sig: Windows editors may start the file with a byte-order mark.
        table = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Settings(path=path, readable=False), [f"{label}: not UTF-8; using defaults"]
    except tomllib.TOMLDecodeError as error:
        warning = f"{label}: not valid TOML ({error}); using defaults"
        return Settings(path=path, readable=False), [warning]
    except RecursionError:  # tomllib recurses into nested arrays and inline tables
        warning = f"{label}: not valid TOML (nested too deeply); using defaults"
        return Settings(path=path, readable=False), [warning]
    return parse_settings(table, path)


def parse_settings(table: dict[str, object], path: Path) -> tuple[Settings, list[str]]:
    """Check each key of a parsed file; a bad value is a warning and its default."""
    label = str(path)
    warnings: list[str] = []

    def warn(key: str, problem: str, default: object) -> None:
        warnings.append(f"{label}: {key} {problem}; using {default}")

    unknown = [key for key in table if key not in KNOWN_KEYS]
    if unknown:
        warnings.append(f"{label}: {_unknown(unknown)} ignored")

    theme = table.get("theme")
    if theme is not None and not isinstance(theme, str):
        warn("theme", "must be a theme name in quotes", "the default theme")
        theme = None

    threshold = _threshold(table.get("threshold"))
    if table.get("threshold") is not None and threshold is None:
        warn("threshold", "must be a number from 0 to 100", f"{DEFAULT_THRESHOLD:g}")

    flags: dict[str, bool] = {}
    for key, default in (("show_boilerplate", False), ("linked", True)):
        value = table.get(key, default)
        if not isinstance(value, bool):
            warn(key, "must be true or false", str(default).lower())
            value = default
        flags[key] = value

    reading_line = table.get("reading_line", "middle")
    if reading_line not in READING_LINES:
        choices = " or ".join(f'"{name}"' for name in READING_LINES)
        warn("reading_line", f"must be {choices}", '"middle"')
        reading_line = "middle"

    keys: dict[str, str] = {}
    raw_keys = table.get("keys", {})
    if not isinstance(raw_keys, dict):
        warn("keys", "must be a table ([keys]) of binding ids and keys", "the default keys")
    else:
        bad = []
        for binding_id, value in raw_keys.items():
            if isinstance(value, str) and value.strip():
                keys[binding_id] = value
            else:
                bad.append(binding_id)
        if len(bad) > UNKNOWN_SHOWN:
            shown = ", ".join(" ".join(name.split())[:40] for name in bad[:UNKNOWN_SHOWN])
            warnings.append(
                f'{label}: {len(bad):,} keys.… entries must be keys in quotes, e.g. "f" '
                f"({shown}, …); using their default keys"
            )
        else:
            warnings.extend(
                f'{label}: keys.{binding_id} must be a key in quotes, e.g. "f"; '
                "using its default key"
                for binding_id in bad
            )

    settings = Settings(
        theme=theme,
        threshold=threshold,
        show_boilerplate=flags["show_boilerplate"],
        linked=flags["linked"],
        reading_line=reading_line,  # type: ignore[arg-type]
        keys=keys,
        path=path,
    )
    return settings, warnings


def _unknown(keys: list[str]) -> str:
    """``unknown settings a, b`` or, for many, ``10,000 unknown settings: a, b, c, …``:
    a warning is one line, whatever the file holds."""
    names = [" ".join(key.split())[:40] or repr(key) for key in keys[:UNKNOWN_SHOWN]]
    if len(keys) == 1:
        return f"unknown setting {names[0]}"
    if len(keys) <= UNKNOWN_SHOWN:
        return f"unknown settings {', '.join(names)}"
    return f"{len(keys):,} unknown settings: {', '.join(names)}, …"


def _threshold(value: object) -> float | None:
    """``value`` as a threshold, or None when it is not a number from 0 to 100.

    Compared before conversion: ``float()`` of a 400-digit integer overflows.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return float(value) if 0 <= value <= 100 else None
