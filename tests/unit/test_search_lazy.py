"""Search results that cost the UI thread nothing per hit: the hits kept as
numbers per source (:class:`Hits`) and spans worked out per painted sentence
(:class:`HitSpans`)."""

from __future__ import annotations

from bisect import bisect_left

import pytest

from tui.model import Document, Sentence
from tui.view.search import AT_ONCE, Found, Hits, HitSpans, find, find_in, runs_at_once

TEXTS = [
    ["The port closed.", "Ships waited.", "The PORT reopened, port by port."],
    ["Nothing here.", "Still nothing."],
    ["A port official spoke.", "Then silence.", "Port again."],
]


def test_hits_read_like_the_list_of_references_in_reading_order() -> None:
    hits = Hits({2: [0, 2], 0: [0, 2]})
    as_list = [(0, 0), (0, 2), (2, 0), (2, 2)]
    assert list(hits) == as_list and hits == as_list and len(hits) == 4
    assert [hits[i] for i in range(-4, 4)] == as_list + as_list
    assert hits[1:3] == as_list[1:3] and hits[::-1] == as_list[::-1]
    assert hits.index((2, 0)) == 2 and (0, 2) in hits and (1, 0) not in hits
    assert bisect_left(hits, (0, 1)) == bisect_left(as_list, (0, 1)) == 1
    with pytest.raises(IndexError):
        hits[4]
    assert Hits({}) == [] and not Hits({})


def test_next_hit_is_the_same_over_hits_as_over_a_plain_list() -> None:
    found = find(TEXTS, "port", range(3), everywhere=True)
    plain = Found(found.query, found.sources, True, list(found.hits))
    assert isinstance(found.hits, Hits) and plain.hits == found.hits
    for at in [(source, sentence) for source in range(3) for sentence in range(4)]:
        for forward in (True, False):
            for inclusive in (True, False):
                assert found.next(at, forward, inclusive) == plain.next(at, forward, inclusive)
    assert found.status() == plain.status() == "4 hits in 2 sources for “port” (n/N)"
    assert found.sentences(2) == plain.sentences(2) == [0, 2] and found.sentences(1) == []


def test_spans_are_worked_out_only_for_the_sentences_asked_for() -> None:
    asked: list[int] = []

    def text_of(number: int) -> str:
        asked.append(number)
        return TEXTS[0][number]

    spans = find(TEXTS, "port", range(3), everywhere=True).spans(0, text_of)
    assert isinstance(spans, HitSpans)
    assert list(spans) == [0, 2] and len(spans) == 2 and 2 in spans and 1 not in spans
    assert asked == [] and spans.worked_out() == 0  # handing it to a pane costs nothing
    assert spans[2] == [(4, 8), (19, 23), (27, 31)]
    assert spans.get(1) is None and spans.get(2) == spans[2]
    assert asked == [2] and spans.worked_out() == 1  # once, then kept
    with pytest.raises(KeyError):
        spans[1]
    assert spans == {0: [(4, 8)], 2: [(4, 8), (19, 23), (27, 31)]}


def document(count: int) -> Document:
    sentences = [Sentence(n * 3, n * 3 + 2, 0, f"s{n}") for n in range(count)]
    return Document("d.txt", None, " " * (count * 3), "utf-8", "", sentences, [], [])


def test_only_small_searches_run_on_the_ui_thread() -> None:
    small, big = document(AT_ONCE // 2), document(AT_ONCE // 2 + 1)
    assert runs_at_once([small, big], [0]) and runs_at_once([small, small], [0, 1])
    assert not runs_at_once([small, big], [0, 1])
    found = find_in([small, big], "s7", [1])
    assert found.sources == (1,) and found.sentences(1)[:2] == [7, 70]
    assert found.hit_sources() == 1 and found.sentences(0) == []
