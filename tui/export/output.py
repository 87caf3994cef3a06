"""Write an export safely: never clobber by surprise, never leave half a file.

Shared by ``--export -o``, the reader's export dialog and the corrections store. A regular file is
written to a temporary name beside the target and renamed into place, so a
crash or a full disk leaves the old file (or nothing) rather than a torn one;
the new file gets the old file's permissions, or the usual ones for a new
file (not mkstemp's private 0600). Something that is not a regular file (a
device, a FIFO) is written to directly, never replaced by a file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tui.errors import InputError


@dataclass(frozen=True, slots=True)
class Wording:
    """What :func:`check_target` says, in the terms of the caller's interface
    (the command line speaks of ``-o`` and ``--force``, the dialog does not)."""

    no_name: str
    """The target is empty."""
    exists: str
    """The target is an existing file and ``force`` is off."""


def check_target(output: str, force: bool, inputs: list[str], wording: Wording) -> Path:
    """Refuse targets we must not write: folders, inputs, existing files without force."""
    if not output:
        raise InputError("", wording.no_name)
    target = Path(output).expanduser()
    if target.is_dir():
        raise InputError(output, "is a directory; give a file name for the export")
    if target.exists():
        resolved = target.resolve()
        if any(spec != "-" and Path(spec).expanduser().resolve() == resolved for spec in inputs):
            raise InputError(output, "is one of the input files; refusing to overwrite it")
        if not force and stat.S_ISREG(target.stat().st_mode):
            raise InputError(output, wording.exists)
    if not target.parent.exists():
        raise InputError(output, f"folder {target.parent} does not exist")
    return target


def write_atomically(target: Path, text: str, *, failure: str = "cannot write") -> None:
    """Write ``text`` to ``target`` as UTF-8 (see the module docstring).

    An ``OSError`` becomes an :class:`InputError` that starts with ``failure``.
    """
    try:
        existing = target.stat()
    except OSError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_in_place(target, text, failure)
        return
    if existing is not None:
        mode = stat.S_IMODE(existing.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise InputError(str(target), f"{failure} here: {error.strerror}") from None
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(str(target), f"{failure}: {error.strerror}") from None


def _write_in_place(target: Path, text: str, failure: str) -> None:
    try:
        with target.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as error:
        raise InputError(str(target), f"{failure}: {error.strerror}") from None
