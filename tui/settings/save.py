"""Remember the theme: write the ``theme`` key, and nothing else, into the settings file.

The file is the user's: comments, order, spacing and every other key stay
as they were, byte for byte (tomlkit edits the parsed document in place).
A file that does not parse is never written: the user may be half-way
through editing it, and rewriting it would lose what they wrote. The new
text replaces the old atomically (a temporary file beside it, renamed), so
a crash never leaves a torn file; a symbolic link (a dotfiles manager's) is
written through and stays a link. A missing file (and folder) is created.
"""

from __future__ import annotations

import re
import threading
import tomllib
from pathlib import Path

from tui.errors import InputError
from tui.export.output import write_atomically
from tui.regular_files import FileRefused, read_regular
from tui.settings.load import MAX_SETTINGS_BYTES

NEW_FILE_HEADER = '# Synoptic settings (see "Settings" in the README).\n'

LEFT_ALONE = "theme not saved (the file is left as it is)"

_lock = threading.Lock()
"""Saves from several threads run one at a time (each reads, edits and replaces)."""


def with_theme(text: str, theme: str) -> str:
    """``text`` (a settings file) with ``theme`` set; raises ``ValueError`` if it
    does not parse, so the caller never writes a file it could not read."""
    import tomlkit

    try:
        tomllib.loads(text)  # what the reader accepts, exactly
        document = tomlkit.parse(text)
    except (tomllib.TOMLDecodeError, tomlkit.exceptions.ParseError, RecursionError) as error:
        raise ValueError(str(error)) from None
    document["theme"] = theme
    updated = tomlkit.dumps(document)
    if "\r\n" in text and not re.search(r"(?<!\r)\n", text):
        # tomlkit ends a key it adds with "\n": keep a Windows file's line endings.
        updated = re.sub(r"(?<!\r)\n", "\r\n", updated)
    return updated


BOM = b"\xef\xbb\xbf"


def save_theme(path: Path, theme: str) -> None:
    """Set ``theme`` in the settings file at ``path``; :class:`InputError` says why not."""
    with _lock:
        bom = False
        try:
            # Only a regular file of sane size (it may have changed since start).
            data = read_regular(path, MAX_SETTINGS_BYTES)
            bom = data.startswith(BOM)
            text = data.decode("utf-8-sig")
        except FileNotFoundError:
            text = None
        except UnicodeDecodeError:
            raise InputError(str(path), f"is not UTF-8; {LEFT_ALONE}") from None
        except FileRefused as error:
            raise InputError(str(path), f"{error}; {LEFT_ALONE}") from None
        except OSError as error:
            raise InputError(
                str(path), f"cannot read it ({error.strerror}); {LEFT_ALONE}"
            ) from None
        if text is None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise InputError(str(path.parent), f"cannot create it: {error.strerror}") from None
            updated = NEW_FILE_HEADER + with_theme("", theme)
        else:
            try:
                updated = with_theme(text, theme)
            except ValueError:
                raise InputError(str(path), f"is not valid TOML; {LEFT_ALONE}") from None
        if updated != text:
            if text is not None and bom:
                updated = "\ufeff" + updated  # the file keeps its byte-order mark
            write_atomically(path, updated, failure="cannot save the theme")
