"""Alignment quality on the bundled news sample, against a graded gold written by reading.

The gold (tests/data/news_gold.json) lists every pair of sentences from two
outlets that a careful reader would link, graded strong (same fact or quote),
medium or weak; benchmarks/score_news.py scores an export against it. The
issue's target: strong recall at least 0.90 at precision at least 0.90.
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
    assert strong["recall"] >= 0.90, result["grades"]
    assert result["precision"] >= 0.90, result


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A paraphrase with no rare word in common (the example).
        (
            (BBC, "It was not immediately clear which measures"),
            (CBS, "It is unclear what sanctions Mr. Trump"),
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
