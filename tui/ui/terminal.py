"""Where the reader draws: the terminal, even when stderr is redirected.

Textual draws on standard error (its Linux driver writes to
``sys.__stderr__``), so ``synoptic 2>err.log`` used to send the whole screen
into the file and leave the terminal blank. When stderr is not a terminal,
:func:`drawing_on_terminal` puts the controlling terminal (``/dev/tty``) on
descriptor 2 for as long as the reader runs and points ``sys.stderr`` at the
redirected file, so warnings still land there; both are put back when the
reader closes. Without a controlling terminal there is nothing to draw on,
and the reader refuses in one line.

Plain file descriptors only: nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from tui.errors import InputError

TERMINAL = "/dev/tty"

NO_TERMINAL = (
    "standard error is redirected and there is no terminal ({terminal}) to draw the "
    "reader on; use --export FORMAT to write to a file"
)


def stderr_is_terminal() -> bool:
    """Whether descriptor 2 is a terminal (what the reader draws on)."""
    try:
        return os.isatty(2)
    except OSError:
        return False


@contextlib.contextmanager
def drawing_on_terminal(terminal: str = TERMINAL) -> Iterator[None]:
    """Run the block with descriptor 2 on the terminal and ``sys.stderr`` on
    wherever stderr was redirected; a no-op when stderr is a terminal already.

    Raises :class:`InputError` (one line) when the terminal cannot be opened.
    """
    if stderr_is_terminal():
        yield
        return
    try:
        tty = os.open(terminal, os.O_WRONLY | os.O_NOCTTY)
    except OSError:
        raise InputError("", NO_TERMINAL.format(terminal=terminal)) from None
    saved = os.dup(2)
    previous = sys.stderr
    with contextlib.ExitStack() as restore:
        restore.callback(os.close, saved)
        restore.callback(os.dup2, saved, 2)
        os.dup2(tty, 2)
        os.close(tty)
        # The redirected file, for warnings; closefd=False: ``saved`` is closed above.
        sys.stderr = open(saved, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        restore.callback(_put_back, previous)
        yield


def _put_back(previous: object) -> None:
    """Flush the warnings written while the reader ran, and restore ``sys.stderr``."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    sys.stderr = previous  # type: ignore[assignment]
