"""Progress of a batch on stderr: a bar on a terminal, one summary line otherwise.

On a terminal the line is redrawn at most ten times a second (stories done,
per second, time left); in a log (stderr a file or a pipe) only the failed
stories' lines and the final summary appear, so logs stay short.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tui import wording
from tui.ingest.safe_text import visible

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1


class Progress:
    """Counts of a run and their display."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.written = 0
        self.skipped = 0
        self.failed = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._bar_shown = False
        try:
            self.live = bool(self.stream.isatty())
        except (AttributeError, ValueError, OSError):
            self.live = False

    @property
    def done(self) -> int:
        return self.written + self.skipped + self.failed

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def rate(self) -> float:
        """Stories aligned per second (skipped ones took no time)."""
        elapsed = self.seconds
        return (self.written + self.failed) / elapsed if elapsed > 0 else 0.0

    def step(self, *, written: int = 0, skipped: int = 0, failed: int = 0) -> None:
        self.written += written
        self.skipped += skipped
        self.failed += failed
        now = time.monotonic()
        if self.live and (now - self._drawn >= REDRAW_SECONDS or self.done == self.total):
            self._drawn = now
            self._write("\r" + self.bar() + "\x1b[K")
            self._bar_shown = True

    def bar(self) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = round(share * BAR_WIDTH)
        rate = self.rate()
        left = (self.total - self.done) / rate if rate > 0 else None
        eta = "" if left is None else f" · {_clock(left)} left"
        failed = f" · {self.failed} failed" if self.failed else ""
        return (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} stories"
            f" · {rate:.1f}/s{eta}{failed}"
        )

    def say(self, message: str) -> None:
        """A line of its own (a failed story), above the bar."""
        prefix = "\r\x1b[K" if self._bar_shown else ""
        self._write(f"{prefix}synoptic: {visible(message)}\n")
        self._drawn = 0.0

    def summary(self, outdir: str, interrupted: bool = False) -> str:
        how = "interrupted after" if interrupted else "done in"
        return (
            f"batch {how} {self.seconds:.1f} s: {wording.count(self.written, 'story')} written, "
            f"{self.skipped} already written, {self.failed} failed "
            f"({self.rate():.1f} stories/s) -> {outdir}"
        )

    def finish(self, line: str) -> None:
        if self._bar_shown:
            self._write("\r\x1b[K")
        self._write(f"synoptic: {visible(line)}\n")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            pass


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
