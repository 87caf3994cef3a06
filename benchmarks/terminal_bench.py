"""What a user at a real terminal waits for: first screen, links, and ``q``.

Runs the real ``synoptic`` command in a tmux session (a real terminal
emulator, not Textual's headless driver) and times, from the moment the
command is started:

- **first screen**: the text is on the screen (a pane header's sentence
  count shows), polled with ``tmux capture-pane`` every 10 ms;
- **links**: the alignment is in (a pane header shows "% linked");

and, from the moment ``q`` is typed (``tmux send-keys``), **quit**: until the
shell runs its next command (the process is gone, the prompt is back),
signalled with ``tmux wait-for``. Each figure is the best and the median of
``--runs`` cold starts per sample. Without tmux the benchmark says so and
exits 0 (skipped); ``apt-get install tmux`` provides it.

    .venv/bin/python benchmarks/terminal_bench.py [--sample news ...] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNOPTIC = ROOT / ".venv" / "bin" / "synoptic"
SIZE = (160, 48)
POLL = 0.01
TIMEOUT = 120.0
FIRST_SCREEN = "sentences"
"""In every pane header as soon as the text is shown ("42 sentences · aligning…")."""
LINKED = "% linked"
"""In a pane header once the links are in."""
SETTLE = 1.0
"""Seconds to leave the reader alone after the links before pressing ``q``."""


@dataclass
class Run:
    first_screen: float
    links: float
    quit: float


class Tmux:
    """One private tmux server (its own socket), so nobody else's sessions are touched."""

    def __init__(self) -> None:
        self.socket = f"synoptic-bench-{os.getpid()}-{uuid.uuid4().hex[:6]}"

    def __call__(self, *args: str, timeout: float = 30) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return result.stdout

    def close(self) -> None:
        self("kill-server")


def one_run(sample: str) -> Run:
    tmux = Tmux()
    signal = "synoptic-done"
    command = (
        f"{shlex.quote(str(SYNOPTIC))} --sample {shlex.quote(sample)}; "
        f"tmux -L {tmux.socket} wait-for -S {signal}; sleep 60"
    )
    columns, rows = SIZE
    try:
        started = time.monotonic()
        tmux("new-session", "-d", "-x", str(columns), "-y", str(rows), "sh", "-c", command)
        first = links = None
        while time.monotonic() - started < TIMEOUT:
            screen = tmux("capture-pane", "-p")
            now = time.monotonic() - started
            if first is None and FIRST_SCREEN in screen:
                first = now
            if LINKED in screen:
                links = now
                first = now if first is None else first
                break
            time.sleep(POLL)
        if first is None or links is None:
            raise RuntimeError(f"{sample}: no links on the screen within {TIMEOUT:.0f} s")
        time.sleep(SETTLE)
        pressed = time.monotonic()
        tmux("send-keys", "q")
        tmux("wait-for", signal, timeout=TIMEOUT)
        return Run(first, links, time.monotonic() - pressed)
    finally:
        tmux.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", action="append", help="bundled sample (default: news)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("terminal_bench: skipped, tmux is not installed (apt-get install tmux)")
        return 0
    if not SYNOPTIC.exists():
        print(f"terminal_bench: skipped, {SYNOPTIC} is missing (make .venv/.installed)")
        return 0
    print(f"# The reader in a real terminal (tmux {SIZE[0]}x{SIZE[1]}), {args.runs} cold starts")
    print("| sample | first screen s (best / median) | links s | q to prompt s |")
    print("| --- | --- | --- | --- |")
    for sample in args.sample or ["news"]:
        runs = [one_run(sample) for _ in range(args.runs)]

        def cell(values: list[float]) -> str:
            return f"{min(values):.2f} / {statistics.median(values):.2f}"

        print(
            f"| {sample} | {cell([r.first_screen for r in runs])} | "
            f"{cell([r.links for r in runs])} | {cell([r.quit for r in runs])} |"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
