"""The file name an export is offered under: the first source's, then ``-synoptic``.

``bbc.txt`` exported as HTML is offered as ``bbc-synoptic.html``, so exports
of different stories do not all fight over one ``synoptic.html``. Only
letters, digits, ``.``, ``_`` and ``-`` of the source's name are kept (a
URL or a name from standard input makes no odd file name).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath

from tui.export.kinds import EXTENSIONS
from tui.model import Document

STEM_LIMIT = 80
"""Characters of the source's name kept, so the name stays short."""

STEM_BYTES = 200
"""At most this many UTF-8 bytes of it: a file name may have 255 bytes, and
80 characters of a script outside the Basic Multilingual Plane are 320."""

_UNSAFE = re.compile(r"[^\w.-]+")


def export_name(documents: Sequence[Document], kind: str) -> str:
    """``{first source's stem}-synoptic.{extension}``, or ``synoptic.{extension}``."""
    extension = EXTENSIONS[kind]
    name = documents[0].name if documents else ""
    stem = PurePosixPath(name.rstrip("/").replace("\\", "/")).stem if name != "-" else ""
    stem = _UNSAFE.sub("-", stem).strip("-._")[:STEM_LIMIT]
    stem = stem.encode("utf-8")[:STEM_BYTES].decode("utf-8", "ignore").rstrip("-._")
    return f"{stem}-synoptic.{extension}" if stem else f"synoptic.{extension}"
