"""Counts read as English wherever they are shown (issue 19, defect 10)."""

from __future__ import annotations

import re

from tui.model import Comparison
from tui.view.jump_lists import only_here_entries
from tui.wording import count

WRONG = re.compile(r"(?<![\d,.])1 (passages|sentences|links|sources|groups)\b")


def test_count_is_singular_for_one_only() -> None:
    assert count(1, "passage") == "1 passage"
    assert count(0, "passage") == "0 passages"
    assert count(2, "match") == "2 matches"
    assert count(1234, "sentence", grouped=True) == "1,234 sentences"


def test_only_here_says_one_passage_not_passages(news: Comparison) -> None:
    """Whatever the counts (every source, loose to strict links), never "1 passages"."""
    from tui.align import select

    details = []
    for threshold in (35.0, 50.0, 70.0, news.threshold):
        chosen = select(news.documents, news.alignment.scored, threshold)
        comparison = Comparison(news.documents, chosen, threshold)
        for active in range(len(news.documents)):
            details += [entry.detail for entry in only_here_entries(comparison, active=active)]
    assert details and not any(WRONG.search(detail) for detail in details), details
    assert count(1, "passage") == "1 passage" and count(2, "passage") == "2 passages"
