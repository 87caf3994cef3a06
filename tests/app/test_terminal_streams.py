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
