"""Read a file Synoptic keeps for itself (settings, corrections) within bounds.

Such a file is read at every start, so whatever sits at its path must not
hang the program or fill its memory: a FIFO would block ``open`` until a
writer came, and a symbolic link to ``/dev/zero`` would be read forever.
:func:`read_regular` opens without blocking, reads only a regular file, and
stops at a size cap; each refusal is a :class:`FileRefused` whose message
fits one line after the file's name.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileRefused(Exception):
    """The path holds something that is not a readable regular file of a sane size."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in the user's words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def megabytes(size: int) -> str:
    return f"{size / 2**20:g} MB" if size >= 2**20 else f"{size // 1024} KB"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes.

    ``FileNotFoundError``, ``IsADirectoryError`` and ``PermissionError`` are
    raised as the operating system gives them; anything else at the path
    (a FIFO, a device, a socket) or a file over ``limit`` raises
    :class:`FileRefused`. ``O_NONBLOCK`` makes opening a FIFO return at once
    instead of waiting for a writer; ``fstat`` then says what was opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(path, flags)
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"is {kind_of(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise FileRefused(f"is larger than {megabytes(limit)}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while we read it
            raise FileRefused(f"is larger than {megabytes(limit)}")
        return b"".join(chunks)
    finally:
        os.close(handle)
