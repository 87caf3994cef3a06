"""One run at a time in an OUTDIR: two runs writing one folder at once could
leave rows of two thresholds under one manifest that says it is complete.

The lock is an ``flock`` on a hidden file in OUTDIR, held for the whole run
and let go by the operating system when the process ends, however it ends
(a killed run never leaves a stale lock). A second run says which process
holds it, in one line. Where ``fcntl`` does not exist (Windows) runs are not
locked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.errors import InputError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".synoptic-batch.lock"


@contextmanager
def locked(outdir: Path) -> Iterator[None]:
    """Hold OUTDIR's lock while the block runs; :class:`InputError` if another run does."""
    if fcntl is None:
        yield
        return
    path = outdir / LOCK_NAME
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags, 0o644)
    except OSError as error:
        raise InputError(str(outdir), f"cannot lock it ({error.strerror or error})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "?"
            raise InputError(
                str(outdir),
                f"another synoptic batch (process {holder}) is writing here; "
                "wait for it to end, or use another folder",
            ) from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(handle)  # lets the lock go
