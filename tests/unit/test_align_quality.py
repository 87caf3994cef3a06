"""Alignment quality on the bundled news sample, against a graded gold written by reading.

The gold (tests/data/news_gold.json) lists every pair of sentences from two
outlets that a careful reader would link, graded strong (same fact or quote),
medium or weak; benchmarks/score_news.py scores an export against it.

The default threshold is where the fitted score (``tui.align.link_model``) is
right nine times in ten on real news it was not fitted on (benchmarks/
fit_links.py); on this sample, written by us and never fitted to, it must
keep that precision and still find at least half of the strong pairs.
Paraphrases in other words with no name or number in common are what the
static evidence misses: they are marked below as known misses (issue 16).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.documents import ROOT, find_sentence
from tui.export.formats import to_dict
from tui.model import Comparison

BS, CBS, BBC = "business-standard.txt", "cbs-news.txt", "bbc.txt"


def _scorer() -> ModuleType:
    """benchmarks/score_news.py, loaded from its file (benchmarks/ is no package)."""
    path = ROOT / "benchmarks" / "score_news.py"
    spec = importlib.util.spec_from_file_location("score_news", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result(news: Comparison) -> dict:
    scorer = _scorer()
    gold = json.loads((ROOT / "tests" / "data" / "news_gold.json").read_text("utf-8"))
    export = json.loads(json.dumps(to_dict(news)))
    texts = {Path(document.path or "").name: document.text for document in news.documents}
    return scorer.score(export, gold, texts)


def test_strong_pairs_are_found_at_high_precision(result: dict) -> None:
    strong = result["grades"]["strong"]
    assert strong["recall"] >= 0.50, result["grades"]
    assert result["precision"] >= 0.90, result


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A paraphrase with no rare word in common (the example).
        pytest.param(
            (BBC, "It was not immediately clear which measures"),
            (CBS, "It is unclear what sanctions Mr. Trump"),
            marks=pytest.mark.xfail(
                reason="a paraphrase in other words, no name in common: the fitted score "
                "misses it, with or without the encoder (issue 29)",
                strict=True,
            ),
        ),
        # Headline and headline.
        ((BBC, "Trump cancels new North Korea sanctions"), (CBS, "parting with Treasury")),
        # A quote and the sentence that reports it.
        ((BBC, '"I have today ordered'), (CBS, "he would cancel them")),
    ],
)
def test_reader_pairs_are_linked(news: Comparison, first, second) -> None:
    a = find_sentence(news, *first)
    b = find_sentence(news, *second)
    assert any(ref == b for ref, _ in news.alignment.links_of(a))


SHORT_A = "\n\n".join(
    [
        "Trump reverses decision on elephant trophy imports",
        "President Trump on Friday reversed his administration's decision to allow the "
        "import of elephant trophies from Zimbabwe and Zambia.",
        "It was not immediately clear why Trump made the announcement.",
        "Conservation groups celebrated the decision, saying it would protect endangered animals.",
        "The Fish and Wildlife Service said 1,200 elephants were killed between January 2016 "
        "and December 2018 in the two countries.",
        "A spokesman for the hunting lobby said the group was disappointed.",
        "The company apologizes for the confusion caused by its earlier statement.",
    ]
)

SHORT_B = "\n\n".join(
    [
        "Trump Halts Plan to Allow Elephant Trophies Into U.S.",
        "WASHINGTON — President Trump said on Friday that he was putting on hold a decision "
        "to let hunters bring home trophies of elephants killed in Zimbabwe and Zambia.",
        "It is unclear why Mr. Trump reversed the decision.",
        "Environmental groups applauded the reversal.",
        "According to federal data, about 1,200 elephants were hunted from 2016 to 2018 in "
        "those nations.",
        "Safari Club International did not respond to a request for comment.",
        "We apologize for an error in an earlier version of this article.",
        "The weather in Washington was sunny on Friday.",
    ]
)


def test_two_short_articles_link_what_a_reader_would() -> None:
    """The issue's examples: paraphrases with no rare word in common, numbers
    written two ways, an inflection; in articles so short that every word of
    the story is "common" by a one-in-ten rule."""
    from tui.align import align
    from tui.ingest.document import analyse
    from tui.ingest.loading import LoadedText

    documents = [
        analyse(LoadedText(name, None, text, "utf-8"))
        for name, text in (("a.txt", SHORT_A), ("b.txt", SHORT_B))
    ]
    alignment = align(documents)

    def ref(number: int, fragment: str) -> tuple[int, int]:
        sentences = documents[number].sentences
        return number, next(i for i, s in enumerate(sentences) if fragment in s.text)

    linked = {(link.a, link.b) for link in alignment.links}
    for first, second in [
        ("1,200 elephants were killed", "about 1,200 elephants were hunted"),
        ("Trump reverses decision", "Trump Halts Plan"),
        ("President Trump on Friday reversed", "President Trump said on Friday"),
    ]:
        assert (ref(0, first), ref(1, second)) in linked, (first, second)
    assert ref(1, "The weather in Washington") in alignment.unique
    # Paraphrases in other words: each is at least its sentence's best
    # counterpart, whether or not it passes the threshold.
    scored = alignment.scored
    assert scored is not None
    for first, second in [
        ("It was not immediately clear", "It is unclear why"),
        ("The company apologizes", "We apologize"),
    ]:
        a, b = ref(0, first)[1], ref(1, second)[1]
        mine = (scored.source[scored.rows] == 0) & (scored.local[scored.rows] == a)
        best = scored.local[scored.cols[mine]][scored.scores[mine].argmax()]
        assert best == b, (first, second)
