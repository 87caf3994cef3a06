"""The entries of the "Only here" and "Disagreements" lists, without the UI."""

from __future__ import annotations

from tests.support.documents import find_sentence
from tui.compare.coverage import only_here
from tui.compare.disagreements import all_flags
from tui.compare.summary import coverage_table
from tui.model import Comparison
from tui.view.jump_lists import flag_entries, only_here_entries, snippet


def test_only_here_lists_the_active_source_first_and_every_passage(news: Comparison) -> None:
    entries = only_here_entries(news, active=1)
    assert entries[0].label == "Only in business-standard.txt" and entries[0].ref is None
    refs = {entry.ref for entry in entries if entry.ref is not None}
    for source, passages in enumerate(only_here(news)):
        assert {(source, p.first) for p in passages} <= refs


def test_flag_entries_jump_to_the_active_side(news: Comparison) -> None:
    flags = all_flags(news, 1)
    entries = flag_entries(news, flags, active=1)
    assert len(entries) == len(flags)
    sanders = find_sentence(news, "bbc.txt", "Chairman Kim [Jong-un]")
    for flag, entry in zip(flags, entries, strict=True):
        assert entry.ref in (flag.a, flag.b)
        if 1 in (flag.a[0], flag.b[0]):
            assert entry.ref is not None and entry.ref[0] == 1
    assert any(sanders in (f.a, f.b) and f.kind == "quote" for f in flags)


def test_snippet_is_one_safe_line() -> None:
    assert snippet("a\x1b[31m\nb  c", 50) == "a␛[31m b c"
    assert snippet("word " * 40, 20).endswith("…") and len(snippet("word " * 40, 20)) <= 20


def test_coverage_table_matches_the_coverage_numbers(news: Comparison) -> None:
    headers, rows = coverage_table(news, all_flags(news))
    assert headers == ["Source", "Sentences", "in 1", "in 2", "in 3", "Unique", "Flagged"]
    assert [row[0] for row in rows] == ["1 bbc.txt", "2 business-standard.txt", "3 cbs-news.txt"]
    assert [row[2 + number] for number, row in enumerate(rows)] == ["—", "—", "—"]
    assert rows[0][1] == str(len(news.documents[0].sentences))
