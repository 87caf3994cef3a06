"""Coverage matrix and "only here" passages."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from tests.support.documents import find_sentence
from tui.compare.coverage import coverage, lacking, only_here, presence
from tui.compare.disagreements import all_flags
from tui.model import Comparison


def test_matrix_counts(news: Comparison) -> None:
    flags = all_flags(news)
    table = coverage(news, flags)
    assert [line.sentences for line in table] == [len(d.sentences) for d in news.documents]
    unique = [sum(1 for s, _ in news.alignment.unique if s == n) for n in range(3)]
    assert [line.unique for line in table] == unique
    for line in table:
        assert line.found_in[line.source] is None
        for share in line.found_in:
            assert share is None or 0 < share < 1
    # Every flag of the sample is minor (Adviser / Advisor, a quote's case): no
    # disagreement, so nothing is counted as flagged...
    assert flags and all(flag.minor for flag in flags)
    assert [line.flagged for line in table] == [0, 0, 0]
    # ...while a real one counts each sentence once, in both its sources.
    real = [replace(flag, minor=False) for flag in flags if flag.kind == "name"]
    assert [line.flagged for line in coverage(news, real)] == [1, 1, 0]
    assert coverage(news)[0].flagged == 0


def test_share_is_counted_through_groups(news: Comparison) -> None:
    found = presence(news)
    sanders = find_sentence(news, "bbc.txt", "Chairman Kim [Jong-un]")
    assert found[sanders] == {1, 2}
    bbc = coverage(news)[0]
    in_bs = sum(1 for i in range(bbc.sentences) if 1 in found.get((0, i), set()))
    assert bbc.found_in[1] == in_bs / bbc.sentences


def test_only_here_joins_consecutive_sentences(news: Comparison) -> None:
    passages = only_here(news)
    assert len(passages) == 3
    bbc = passages[0]
    unique_bbc = sorted(i for s, i in news.alignment.unique if s == 0)
    assert [i for p in bbc for i in p.sentences] == unique_bbc
    liaison = find_sentence(news, "bbc.txt", "withdrew from the inter-Korean liaison office")
    (run,) = [p for p in bbc if liaison[1] in p.sentences]
    assert run.last > run.first and "liaison office" in run.text
    for first, second in pairwise(bbc):
        assert second.first > first.last + 1, "neighbouring runs must be one passage"


def test_what_another_source_lacks(news: Comparison) -> None:
    found = presence(news)
    lacks = lacking(news, 0, 2)
    missing = [i for p in lacks for i in p.sentences]
    assert missing == [
        i for i in range(len(news.documents[0].sentences)) if 2 not in found.get((0, i), set())
    ]
    # Lacking in one source includes everything lacking in all of them.
    assert set(missing) >= {i for p in only_here(news)[0] for i in p.sentences}
