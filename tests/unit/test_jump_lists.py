"""The entries of the "Only here" and "Disagreements" lists, without the UI."""

from __future__ import annotations

from tests.support.documents import find_sentence
from tui.compare.coverage import only_here
from tui.compare.disagreements import all_flags, sentence_flags
from tui.compare.flags import Flag, Kind, real_first
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
    entries = [entry for entry in flag_entries(news, flags, active=1) if entry.ref is not None]
    assert len(entries) == len(flags)
    sanders = find_sentence(news, "bbc.txt", "Chairman Kim [Jong-un]")
    for flag, entry in zip(real_first(flags), entries, strict=True):
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


def _flag(kind: Kind, sentence: int, minor: bool = False) -> Flag:
    return Flag(kind, sentence, (0, sentence), (1, sentence), "a", (0, 1), "b", (0, 1), minor)


def test_real_disagreements_come_before_minor_wording_each_in_reading_order() -> None:
    flags = [
        _flag("quote", 1, minor=True),
        _flag("number", 2),
        _flag("quote", 3, minor=True),
        _flag("name", 4),
        _flag("quote", 5),
        _flag("date", 6),
    ]
    ordered = real_first(flags)
    assert [(f.kind, f.group) for f in ordered] == [
        ("number", 2),
        ("name", 4),
        ("quote", 5),
        ("date", 6),
        ("quote", 1),
        ("quote", 3),
    ]


def test_the_disagreements_list_heads_each_part(news: Comparison) -> None:
    # The news sample has minor flags only (spelling variants, an editor's
    # "[Jong-un]", a capital); one real disagreement, last in reading order.
    (real,) = sentence_flags(
        0, (0, 0), "Officials said 12 people died in the storm.", (1, 0),
        "Officials said 15 people died in the storm.",
    )  # fmt: skip
    flags = [*all_flags(news), real]
    entries = flag_entries(news, flags)
    headings = [(n, e.label) for n, e in enumerate(entries) if e.ref is None]
    assert [label for _n, label in headings] == ["Real disagreements", "Minor wording"]
    minor_at = headings[1][0]
    assert [e.label for e in entries[1:minor_at]] == ["number: 12 vs 15"]
    assert all(e.label.endswith("(minor)") for e in entries[minor_at + 1 :])
    labels = [e.label for e in entries[minor_at + 1 :]]
    assert any("Adviser vs Advisor" in label for label in labels)
    assert any("[Jong-un]" in label for label in labels)


def test_only_minor_wording_has_no_empty_disagreements_heading(news: Comparison) -> None:
    a = "She said the deal was over and the talks were done today."
    (minor,) = sentence_flags(0, (0, 0), f'"{a}"', (1, 0), f'"{a.replace("deal", "Deal")}"')
    entries = flag_entries(news, [minor])
    assert [e.label for e in entries if e.ref is None] == ["Minor wording"]
