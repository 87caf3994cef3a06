"""What a user at a real terminal waits for: first screen, links, and ``q``.

Runs the real ``synoptic`` command in a tmux session (a real terminal
emulator, not Textual's headless driver) and times, from the moment the
command is started:

- **first screen**: the text is on the screen (a pane header's sentence
  count shows), polled with ``tmux capture-pane`` every 10 ms;
- **first links**: the first links are in (a pane header shows "% linked");
- **final links**: the encoder's pass is in too (the status line no longer
  says "refining…"), with an empty sentence-vector cache (a first opening);
- **reopened**: final links again, the same sources opened a second time
  (the vectors read from the cache, ``tui.align.vector_cache``);

and, from the moment ``q`` is typed (``tmux send-keys``), **quit**: until the
shell runs its next command (the process is gone, the prompt is back),
signalled with ``tmux wait-for``. Each figure is the best and the median of
``--runs`` cold starts per sample, on a quiet machine and on a busy one (a
process spinning on one of the cores, ``--load busy``). Without tmux the
benchmark says so and exits 0 (skipped); ``apt-get install tmux`` provides it.

The package's bytecode is compiled first, as ``pip install`` of the wheel
does: an editable install run with ``PYTHONDONTWRITEBYTECODE`` (as this
project's sandboxes and many CI images set) would otherwise compile every
module of ``tui`` on every start, about 0.2 s no user pays.

    .venv/bin/python benchmarks/terminal_bench.py [--sample news ...] [--runs 3]
        [--load quiet --load busy] [--open LABEL FILE...]
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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
REFINING = "refining…"
"""On the status line while the first links are shown (``tui.view.summary``)."""
SUMMARY = re.compile(r"\b\d+ links? · ")
"""The status line's summary of the links ("194 links · …"): the final links are
in when it shows without "refining…" (a frame caught half-drawn may show the
headers' counts before the status line)."""
SETTLE = 1.0
"""Seconds to leave the reader alone after the links before pressing ``q``."""


@dataclass
class Run:
    first_screen: float
    links: float
    final: float
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


def one_run(arguments: list[str], cache: Path) -> Run:
    """One cold start of the reader with ``arguments`` (``--sample news``, or
    files), its vectors cached in ``cache``."""
    tmux = Tmux()
    signal = "synoptic-done"
    command = (
        f"SYNOPTIC_CACHE_DIR={shlex.quote(str(cache))} "
        f"{shlex.join([str(SYNOPTIC), *arguments])}; "
        f"tmux -L {tmux.socket} wait-for -S {signal}; sleep 60"
    )
    columns, rows = SIZE
    try:
        started = time.monotonic()
        tmux("new-session", "-d", "-x", str(columns), "-y", str(rows), "sh", "-c", command)
        first = links = final = None
        while time.monotonic() - started < TIMEOUT:
            screen = tmux("capture-pane", "-p")
            now = time.monotonic() - started
            if first is None and FIRST_SCREEN in screen:
                first = now
            if LINKED in screen:
                first = now if first is None else first
                links = now if links is None else links
                if SUMMARY.search(screen) and REFINING not in screen:
                    final = now
                    break
            time.sleep(POLL)
        if first is None or links is None or final is None:
            raise RuntimeError(f"{arguments}: no final links on the screen within {TIMEOUT:.0f} s")
        time.sleep(SETTLE)
        pressed = time.monotonic()
        tmux("send-keys", "q")
        tmux("wait-for", signal, timeout=TIMEOUT)
        return Run(first, links, final, time.monotonic() - pressed)
    finally:
        tmux.close()


@contextmanager
def load(kind: str) -> Iterator[None]:
    """``busy``: a process spins on one core for the duration (CI's lot); ``quiet``: none."""
    if kind != "busy":
        yield
        return
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        spinner.kill()
        spinner.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", action="append", help="bundled sample (default: news)")
    parser.add_argument(
        "--open",
        nargs="+",
        action="append",
        metavar="LABEL FILE",
        help="a row for these files, named LABEL (e.g. --open seeds ../shared/seeds/0*.txt)",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--load", action="append", choices=("quiet", "busy"), help="default: both")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("terminal_bench: skipped, tmux is not installed (apt-get install tmux)")
        return 0
    if not SYNOPTIC.exists():
        print(f"terminal_bench: skipped, {SYNOPTIC} is missing (make .venv/.installed)")
        return 0
    compileall.compile_dir(ROOT / "tui", quiet=1)
    print(f"# The reader in a real terminal (tmux {SIZE[0]}x{SIZE[1]}), {args.runs} cold starts")
    print("(seconds from the command, best / median)\n")
    print(
        "| sample | machine | first screen | first links | final links | reopened | q to prompt |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    rows = [
        (sample, ["--sample", sample]) for sample in args.sample or ([] if args.open else ["news"])
    ]
    rows += [(label, [str(Path(f).resolve()) for f in files]) for label, *files in args.open or []]
    for kind in args.load or ["quiet", "busy"]:
        for sample, arguments in rows:
            cold: list[Run] = []
            warm: list[Run] = []
            with load(kind):
                for _ in range(args.runs):
                    with tempfile.TemporaryDirectory(prefix="synoptic-bench-") as cache:
                        cold.append(one_run(arguments, Path(cache)))
                        warm.append(one_run(arguments, Path(cache)))

            def cell(values: list[float]) -> str:
                return f"{min(values):.2f} / {statistics.median(values):.2f}"

            print(
                f"| {sample} | {kind} | {cell([r.first_screen for r in cold])} | "
                f"{cell([r.links for r in cold])} | {cell([r.final for r in cold])} | "
                f"{cell([r.final for r in warm])} | {cell([r.quit for r in cold])} |"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
