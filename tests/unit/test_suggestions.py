"""Suggestions: scored pairs a little below the threshold (tui.view.suggestions),
and what the "why" panel says about a pair (tui.view.why_panel)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np

from tui.align import select
from tui.model import Comparison
from tui.pipeline import compare
from tui.resources import sample_files
from tui.view.suggestions import (
    SUGGESTION_BAND,
    Suggestions,
    count_phrase,
    find_suggestions,
)
from tui.view.why_panel import why_panel


def scores_of(comparison: Comparison) -> dict[tuple, float]:
    """Every scored pair's score, by ``(a, b)`` refs."""
    scored = comparison.alignment.scored
    source, local = scored.source.tolist(), scored.local.tolist()
    found = {}
    rows, cols, values = scored.rows.tolist(), scored.cols.tolist(), scored.scores.tolist()
    for i, j, value in zip(rows, cols, values, strict=True):
        one, two = (source[i], local[i]), (source[j], local[j])
        found[(min(one, two), max(one, two))] = value
    return found


def test_the_band_is_fifteen_points_in_one_place() -> None:
    assert SUGGESTION_BAND == 15.0


def test_suggestions_score_in_the_band_and_are_no_links(news: Comparison) -> None:
    alignment = news.alignment
    found = find_suggestions(news.documents, alignment, alignment, news.threshold)
    assert len(found) > 0
    scores = scores_of(news)
    links = {(link.a, link.b) for link in alignment.links}
    for item in found.items:
        assert item.a < item.b and item.a[0] != item.b[0]
        assert news.threshold - SUGGESTION_BAND <= item.score < news.threshold
        assert 0 <= scores[(item.a, item.b)] - item.score < 0.1 + 1e-6  # rounded down
        assert (item.a, item.b) not in links
        group = alignment.group_of(item.a)
        assert group is None or group != alignment.group_of(item.b)  # not linked already
    # Each sentence offers at most one suggestion per other source.
    per = Counter((end, item.other(end)[0]) for item in found.items for end in (item.a, item.b))
    assert max(per.values()) == 1
    # Pairs in the band that were left out are all explained by those rules.
    band = [
        pair
        for pair, value in scores.items()
        if news.threshold - SUGGESTION_BAND <= value < news.threshold and pair not in links
    ]
    assert len(band) >= len(found)


def test_decided_pairs_are_never_suggested(news: Comparison) -> None:
    alignment = news.alignment
    found = find_suggestions(news.documents, alignment, alignment, news.threshold)
    first = found.items[0]
    again = find_suggestions(
        news.documents, alignment, alignment, news.threshold, {(first.a, first.b)}
    )
    assert first not in again.items
    assert found.best(first.a) == first and again.best(first.a) != first


def test_a_higher_threshold_suggests_what_it_no_longer_links(news: Comparison) -> None:
    strict = news.threshold + 10
    stricter = select(news.documents, news.alignment.scored, strict)
    found = find_suggestions(news.documents, stricter, stricter, strict)
    assert found.items and all(strict - 15 <= item.score < strict for item in found.items)
    assert any(item.score >= news.threshold for item in found.items)  # links at the default


def test_nothing_scored_means_no_suggestions(news: Comparison) -> None:
    from tui.model import Alignment

    bare = Alignment(news.alignment.links, news.alignment.groups, news.alignment.unique)
    assert len(find_suggestions(news.documents, bare, bare, 35.0)) == 0
    assert len(Suggestions()) == 0 and Suggestions().best((0, 0)) is None


def test_copies_name_the_real_sources(tmp_path: Path) -> None:
    """With a source that copies another, the scored pairs are the distinct
    sources'; suggestions are named by the sources as opened."""
    files = [Path(path) for path in sample_files("news")]
    twin = tmp_path / "twin.txt"
    shutil.copyfile(files[0], twin)
    comparison = compare([str(twin), *(str(path) for path in files)])
    assert comparison.alignment.scored.origin is not None
    found = find_suggestions(
        comparison.documents, comparison.alignment, comparison.alignment, comparison.threshold
    )
    assert len(found) > 0
    for item in found.items:
        for source, sentence in (item.a, item.b):
            assert sentence < len(comparison.documents[source].sentences)
    sources = {end[0] for item in found.items for end in (item.a, item.b)}
    assert sources <= {0, 2, 3}  # the twin (1) is aligned by identity only


def test_count_phrase_singular_and_plural() -> None:
    assert count_phrase(39, 12) == "39 links · 12 suggestions"
    assert count_phrase(1, 1) == "1 link · 1 suggestion"
    assert count_phrase(0, 0) == "0 links · 0 suggestions"


def test_why_panel_of_a_link_a_suggestion_and_nothing(news: Comparison) -> None:
    alignment = news.alignment
    found = find_suggestions(news.documents, alignment, alignment, news.threshold)
    link = max(alignment.links, key=lambda link: link.score)
    panel = why_panel(news.documents, alignment, found, link.a, link.b)
    assert panel is not None and panel.title.startswith("Why linked: ")
    assert panel.score == f"score {link.score:g}" and panel.reasons
    suggestion = found.items[0]
    panel = why_panel(news.documents, alignment, found, suggestion.a, None)
    assert panel is not None and panel.title.startswith("Why suggested: ")
    assert f"score {suggestion.score:g}, below the threshold" in panel.score
    lonely = next(
        (0, n) for n in range(len(news.documents[0].sentences)) if found.best((0, n)) is None
    )
    assert why_panel(news.documents, alignment, found, lonely, None) is None
    assert np.isfinite(suggestion.score)
