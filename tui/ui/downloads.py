"""Exports in the browser (``synoptic --serve``) arrive as downloads.

Served, the reader runs on the server: a file written there is out of the
visitor's reach (and would land in someone else's folder). So when
``App.is_web`` is true, the export worker (:mod:`tui.ui.exporting`) hands
the text to :meth:`textual.app.App.deliver_text` instead, which
textual-serve turns into a download in the visitor's browser. The text is
the same :func:`tui.export.formats.export_text` that ``--export`` writes.
"""

from __future__ import annotations

import io
import re
from pathlib import PurePath
from typing import Any

from textual.app import App

from tui.export.kinds import EXTENSIONS

MIME_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "markdown": "text/markdown",
    "html": "text/html",
}


def download_name(typed: str, kind: str) -> str:
    """The file name the browser saves: the last part of what was typed, in
    letters, digits, ``.``, ``_`` and ``-`` only (textual-serve puts it in an
    HTTP header unquoted), else ``synoptic.EXT``."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", PurePath(typed.strip()).name).strip("._")
    return name or f"synoptic.{EXTENSIONS[kind]}"


def send_download(app: App[Any], text: str, kind: str, typed: str) -> str:
    """Send a finished export to the visitor's browser (on the UI thread);
    returns what to tell them."""
    name = download_name(typed, kind)
    app.deliver_text(
        io.StringIO(text),
        save_filename=name,
        encoding="utf-8",
        mime_type=MIME_TYPES.get(kind, "text/plain"),
    )
    return f"Sent {kind} to your browser as {name}"
