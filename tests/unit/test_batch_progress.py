"""Progress on stderr: a bar on a terminal, nothing but failures and a summary in a log."""

from __future__ import annotations

import io
import re

from tui.batch.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_rate_and_time_left() -> None:
    stream = Terminal()
    progress = Progress(4, stream)
    progress.step(written=1)
    progress.say("story x: no such file \x1b[31m")
    progress.step(failed=1)
    progress.step(skipped=2)
    progress.finish(progress.summary("out"))
    text = stream.getvalue()
    assert "\r[######" in text and "/4 stories" in text and "/s" in text
    assert "synoptic: story x: no such file" in text and "\x1b[31m" not in text  # made visible
    assert "4/4 stories" in text and " left" in text
    assert re.search(  # the bar is cleared before the summary line
        r"\r\x1b\[Ksynoptic: batch done in [\d.]+ s: 1 story written, 2 already written, "
        r"1 failed \([\d.]+ stories/s\) -> out\n$",
        text,
    )


def test_a_log_gets_failures_and_one_summary_line() -> None:
    stream = io.StringIO()
    progress = Progress(3, stream)
    progress.step(written=1)
    progress.say("story y: is not JSON")
    progress.step(failed=1)
    progress.step(written=1)
    progress.finish(progress.summary("out", interrupted=True))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "synoptic: story y: is not JSON"
    assert len(lines) == 2 and lines[1].startswith("synoptic: batch interrupted after ")
    assert "2 stories written, 0 already written, 1 failed" in lines[1]
    assert "\r" not in stream.getvalue()
