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
    from tui.align import select

    # At 35 the sample has a one-sentence passage told by one source only.
    loose = Comparison(news.documents, select(news.documents, news.alignment.scored, 35.0), 35.0)
    details = [entry.detail for entry in only_here_entries(loose, active=0)]
    assert any(detail == "1 passage" for detail in details), details
    assert not any(WRONG.search(detail) for detail in details), details
