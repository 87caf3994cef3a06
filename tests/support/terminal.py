"""Run the real ``synoptic`` command on a pseudo-terminal, as a user's shell would.

The child gets the pty as its controlling terminal (so ``/dev/tty`` is the
pty), standard input and output on it, and standard error wherever the test
says (a file, to try ``synoptic 2>err.log``). The test reads what the reader
draws from the master side and types keys into it.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class PtyRun:
    """A running ``synoptic`` on a pty: what it drew so far, and its process."""

    process: subprocess.Popen[bytes]
    master: int
    drawn: bytearray = field(default_factory=bytearray)

    def read_until(self, done: Callable[[bytes], bool], timeout: float) -> bool:
        """Read the screen output until ``done(all output)`` or the timeout."""
        deadline = time.monotonic() + timeout
        while not done(bytes(self.drawn)):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the child closed the pty
                    return done(bytes(self.drawn))
                if not chunk:
                    return done(bytes(self.drawn))
                self.drawn += chunk
        return True

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float) -> int:
        """Wait for the process (draining the pty so it never blocks on output)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read_until(lambda _drawn: False, 0.1)
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait()
        os.close(self.master)
        return code


def start_on_pty(
    args: list[str],
    stderr: Path,
    size: tuple[int, int] = (120, 40),
    command: list[str] | None = None,
) -> PtyRun:
    """``python -m tui ARGS 2>stderr`` (or ``command``) on a new pty of ``size``
    (columns, rows)."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    slave_name = os.ttyname(slave)

    def controlling_terminal() -> None:  # in the child, after setsid
        os.close(os.open(slave_name, os.O_RDWR))

    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(columns), LINES=str(rows))
    with stderr.open("wb") as error:
        process = subprocess.Popen(
            command or [sys.executable, "-m", "tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=error,
            start_new_session=True,
            preexec_fn=controlling_terminal,
            env=env,
        )
    os.close(slave)
    return PtyRun(process, master)
