"""Shared fixtures: the bundled news sample and helpers to find sentences."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.model import Comparison
from tui.pipeline import compare
from tui.resources import sample_files

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def news_paths() -> list[str]:
    return [str(path) for path in sample_files("news")]


@pytest.fixture(scope="session")
def news(news_paths: list[str]) -> Comparison:
    return compare(news_paths)


def find_sentence(comparison: Comparison, source_name: str, fragment: str) -> tuple[int, int]:
    """The (source, sentence) whose text contains ``fragment``; fails if not exactly one."""
    names = [document.name for document in comparison.documents]
    source = names.index(source_name)
    hits = [
        index
        for index, sentence in enumerate(comparison.documents[source].sentences)
        if fragment in sentence.text
    ]
    assert len(hits) == 1, f"{fragment!r} found {len(hits)} times in {source_name}"
    return source, hits[0]


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep every test (and every subprocess it starts) away from the user's real
    corrections file: SYNOPTIC_DATA_DIR points at a temporary directory."""
    directory = tmp_path_factory.mktemp("synoptic-data")
    previous = os.environ.get("SYNOPTIC_DATA_DIR")
    os.environ["SYNOPTIC_DATA_DIR"] = str(directory)
    yield directory
    if previous is None:
        os.environ.pop("SYNOPTIC_DATA_DIR", None)
    else:
        os.environ["SYNOPTIC_DATA_DIR"] = previous
