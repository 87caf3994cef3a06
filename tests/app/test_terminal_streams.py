"""``synoptic 2>err.log``: the reader draws on the terminal, the warnings go
to the file (issue 19, defect 14). Real processes on a pseudo-terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.terminal import start_on_pty

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

SHOWN = b"bbc.txt"
"""In the first pane's header: the reader is on the screen."""


def test_a_redirected_stderr_keeps_the_warnings_and_the_screen_stays_on_the_terminal(
    tmp_path: Path,
) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('threshold = "lots"\n', encoding="utf-8")
    log = tmp_path / "err.log"
    run = start_on_pty(["--config", str(config)], stderr=log)
    try:
        assert run.read_until(lambda drawn: SHOWN in drawn, timeout=90), bytes(run.drawn)[-2000:]
        run.type("q")
        code = run.finish(timeout=30)
    finally:
        if run.process.poll() is None:
            run.process.kill()
    assert code == 0
    written = log.read_bytes()
    assert b"threshold must be a number" in written
    assert b"\x1b" not in written, f"the screen went into the file: {written[:200]!r}"


def test_without_a_terminal_to_draw_on_it_refuses_in_one_line(tmp_path: Path) -> None:
    """stdout looks like a terminal (a pty) but there is no controlling terminal."""
    import os

    master, slave = os.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tui"],
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
            timeout=60,
        )
    finally:
        os.close(slave)
        os.close(master)
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2
    assert lines == [
        "synoptic: error: standard error is redirected and there is no terminal (/dev/tty) "
        "to draw the reader on; use --export FORMAT to write to a file"
    ]


LINKED = b"% linked"
"""In a pane header once the links are in."""

QUIT_SECONDS = 0.8
"""From ``q`` to the process gone. The reader needs about 0.3 s on a busy
2-core machine (``make bench``); before the fix it took 1.2 s, the
interpreter's teardown after the screen was gone. Generous, for CI."""


def test_q_ends_the_process_without_the_interpreters_teardown(tmp_path: Path) -> None:
    """Issue 19, defect 13: the shell prompt waited a second for Python to free
    the model and the alignment after the screen was gone."""
    import time

    marker = tmp_path / "teardown-ran"
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').close())\n"
        "from tui.cli import main\n"
        "sys.exit(main([]))\n"
    )
    run = start_on_pty([], stderr=tmp_path / "err.log", command=[sys.executable, "-c", code])
    try:
        assert run.read_until(lambda drawn: LINKED in drawn, timeout=90), bytes(run.drawn)[-2000:]
        pressed = time.monotonic()
        run.type("q")
        status = run.finish(timeout=30)
        took = time.monotonic() - pressed
    finally:
        if run.process.poll() is None:
            run.process.kill()
    assert status == 0
    assert not marker.exists(), "the interpreter's teardown ran after the reader closed"
    assert took < QUIT_SECONDS, f"q took {took:.2f} s"
