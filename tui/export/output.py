"""Write an export safely: never clobber by surprise, never leave half a file.

Shared by ``--export -o``, the reader's export dialog and the corrections store. A regular file is
written to a temporary name beside the target and renamed into place, so a
crash or a full disk leaves the old file (or nothing) rather than a torn one;
the new file gets the old file's permissions, or the usual ones for a new
file (not mkstemp's private 0600). Something that is not a regular file (a
device, a FIFO) is written to directly, never replaced by a file.
"""

from __future__ import annotations

import errno
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
    try:
        return _checked(output, target, force, inputs, wording)
    except OSError as error:  # e.g. a name over 255 bytes: ENAMETOOLONG from stat
        raise InputError(output, _refusal(error)) from None


def _refusal(error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long (at most 255 bytes a name)"
    return f"cannot be written: {error.strerror or error}"


def _checked(output: str, target: Path, force: bool, inputs: list[str], wording: Wording) -> Path:
    if target.is_dir():
        raise InputError(output, "is a directory; give a file name for the export")
    if output.endswith(("/", os.sep)):
        raise InputError(output, "ends with a slash but is not a folder; give a file name")
    if target.exists():
        resolved = target.resolve()
        if any(spec != "-" and Path(spec).expanduser().resolve() == resolved for spec in inputs):
            raise InputError(output, "is one of the input files; refusing to overwrite it")
        if not force and stat.S_ISREG(target.stat().st_mode):
            raise InputError(output, wording.exists)
    if not target.parent.exists():
        raise InputError(output, f"folder {target.parent} does not exist")
    return target


def write_atomically(
    target: Path, text: str, *, failure: str = "cannot write", overwrite: bool = True
) -> None:
    """Write ``text`` to ``target`` as UTF-8 (see the module docstring).

    A symbolic link is written through: its target is replaced atomically and
    the link stays. With ``overwrite`` off, a file that appeared at the
    target since it was checked is left alone (the new file is hard-linked
    into place, which never replaces) and this says so. An ``OSError``
    becomes an :class:`InputError` that starts with ``failure``.
    """
    try:
        existing = target.stat()
    except OSError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_in_place(target, text, failure)
        return
    target = _through_links(target, failure)
    if existing is not None:
        mode = stat.S_IMODE(existing.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        # A short name of our own: ".{target.name}..." is too long for names near 255 bytes.
        handle, temporary = tempfile.mkstemp(prefix=".synoptic-", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise InputError(str(target), f"{failure} here: {error.strerror}") from None
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="") as stream:
            stream.write(text)
        if overwrite:
            os.replace(temporary, target)
        else:
            _place_new(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(str(target), f"{failure}: {error.strerror}") from None
    except InputError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _through_links(target: Path, failure: str) -> Path:
    """The file a symbolic link ``target`` points to (itself if it is no link)."""
    if not target.is_symlink():
        return target
    try:
        resolved = target.resolve(strict=False)
    except (OSError, RuntimeError):
        raise InputError(str(target), f"{failure}: a symbolic link that loops") from None
    if resolved.is_symlink() or not resolved.parent.is_dir():
        raise InputError(
            str(target), f"{failure}: the link points to {resolved}, which is not there"
        )
    return resolved


def _place_new(temporary: str, target: Path) -> None:
    """Move ``temporary`` to ``target`` only if nothing is there now."""
    try:
        os.link(temporary, target)  # fails with EEXIST rather than replace
    except FileExistsError:
        raise InputError(
            str(target), "appeared while the export was being written; it was left as it is"
        ) from None
    except OSError:
        # No hard links on this file system (FAT, some network mounts): check, then rename.
        if os.path.lexists(target):
            raise InputError(
                str(target), "appeared while the export was being written; it was left as it is"
            ) from None
        os.rename(temporary, target)
        return
    os.unlink(temporary)


def _write_in_place(target: Path, text: str, failure: str) -> None:
    """Write to a device or a FIFO. Opened without blocking: a FIFO nobody
    reads would otherwise hold ``open`` for ever; it is an error instead."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(target, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise InputError(
                str(target), f"{failure}: a named pipe (FIFO) that nothing reads"
            ) from None
        raise InputError(str(target), f"{failure}: {error.strerror}") from None
    try:
        os.set_blocking(handle, True)  # a reader is there: wait for it as usual
        stream = os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="")
    except OSError as error:
        os.close(handle)
        raise InputError(str(target), f"{failure}: {error.strerror}") from None
    try:
        with stream:
            stream.write(text)
    except OSError as error:
        raise InputError(str(target), f"{failure}: {error.strerror}") from None
