"""What the status line says, as text (tui/view/summary.py)."""

from __future__ import annotations

from tui.model import Comparison
from tui.view.summary import REFINING, state_text, summary_texts


def test_the_summary_long_and_short(news: Comparison) -> None:
    alignment = news.alignment
    long, short = summary_texts(alignment, 4, 85, refining=False)
    links = len(alignment.links)
    assert long.startswith(f"{links} links · 4 suggestions · ") and long.endswith(
        "threshold 85 (+/-)"
    )
    assert f"{len(alignment.unique)} unique" in long
    assert short == f"{links} links · 4 suggestions · threshold 85"
    assert REFINING in summary_texts(alignment, 0, 85, refining=True)[1]


def test_the_state_says_only_what_holds() -> None:
    assert state_text("", True, (0, 3), 3, "") == ""
    text = state_text("2 hits for “Kim”", False, (2, 3), 9, "? cbs.txt 4 (80): a accepts")
    assert text == (
        "2 hits for “Kim” · UNLINKED (x relinks) · sources 3–5 of 9 (h/l) · "
        "? cbs.txt 4 (80): a accepts"
    )
