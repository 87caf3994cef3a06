"""Alignment quality on the raw seed articles (the bundled news sample)."""

from __future__ import annotations

import pytest

from tests.support.documents import find_sentence
from tui.model import Comparison

BS, CBS, BBC = "business-standard.txt", "cbs-news.txt", "bbc.txt"


def linked(news: Comparison, a: tuple[int, int], b: tuple[int, int]) -> bool:
    return any(ref == b for ref, _ in news.alignment.links_of(a))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # The Sanders quote, in all three outlets.
        (
            (BS, "President Trump likes Chairman Kim and he doesn't"),
            (CBS, "Sarah Sanders explained"),
        ),
        ((BS, "President Trump likes Chairman Kim and he doesn't"), (BBC, "she added:")),
        ((CBS, "Sarah Sanders explained"), (BBC, "she added:")),
        # The maritime-industry quote.
        ((BS, '"The maritime industry must do more'), (BBC, "the maritime industry must do more")),
        ((CBS, "the maritime industry had to do"), (BBC, "the maritime industry must do more")),
        # The tweet.
        ((BS, "It was announced today by the US Treasury"), (BBC, "Trump wrote:")),
        ((BS, "It was announced today by the US Treasury"), (BBC, '"I have today ordered')),
        ((CBS, "he would cancel them"), (BBC, '"I have today ordered')),
        ((BS, "It was announced today by the US Treasury"), (CBS, "he would cancel them")),
        # Bolton.
        (
            (BS, "National Security Advisor John Bolton"),
            (BBC, "National Security Adviser John Bolton"),
        ),
        # The headlines.
        ((CBS, "parting with Treasury"), (BBC, "Trump cancels new North Korea sanctions")),
    ],
)
def test_shared_passages_are_linked(news: Comparison, first, second) -> None:
    a = find_sentence(news, *first)
    b = find_sentence(news, *second)
    assert linked(news, a, b), f"{first} and {second} are not linked"
    assert news.alignment.group_of(a) == news.alignment.group_of(b) is not None


def test_sanders_quote_forms_one_group_across_all_sources(news: Comparison) -> None:
    ref = find_sentence(news, BS, "President Trump likes Chairman Kim and he doesn't")
    group = news.alignment.groups[news.alignment.group_of(ref)]
    assert {source for source, _ in group.members} == {0, 1, 2}


def test_unrelated_sentences_are_not_linked(news: Comparison) -> None:
    liaison = find_sentence(news, BBC, "The liaison office, located in the North Korean border")
    assert news.alignment.links_of(liaison) == []
    assert liaison in news.alignment.unique
    companies = find_sentence(news, BS, "Dalian Haibo International Freight")
    assert news.alignment.links_of(companies) == []


def test_no_boilerplate_is_linked(news: Comparison) -> None:
    for link in news.alignment.links:
        for source, index in (link.a, link.b):
            document = news.documents[source]
            sentence = document.sentences[index]
            for span in document.boilerplate:
                assert sentence.end <= span.start or sentence.start >= span.end
            for word in ("cookies", "Subscribe", "READ MORE", "₹", "contributed to this report"):
                assert word not in sentence.text


def test_links_are_between_sources_once_each(news: Comparison) -> None:
    seen = set()
    for link in news.alignment.links:
        assert link.source_a < link.source_b
        assert 0 <= link.score <= 100
        key = (link.a, link.b)
        assert key not in seen
        seen.add(key)
