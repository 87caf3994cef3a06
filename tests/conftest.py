"""Shared fixtures: the bundled news sample, and private data and config directories
for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tui.model import Comparison
from tui.pipeline import compare
from tui.resources import sample_files

# make test-fast: a few examples a property (tests/support/examples.py).
settings.register_profile("fast", max_examples=12)


@pytest.fixture(scope="session")
def news_paths() -> list[str]:
    return [str(path) for path in sample_files("news")]


@pytest.fixture(scope="session")
def news(news_paths: list[str]) -> Comparison:
    return compare(news_paths)


def _pointed(variable: str, directory: Path) -> Iterator[Path]:
    """``variable`` names ``directory`` while the fixture lives (for this process
    and every subprocess a test starts), then what it named before."""
    previous = os.environ.get(variable)
    os.environ[variable] = str(directory)
    yield directory
    if previous is None:
        os.environ.pop(variable, None)
    else:
        os.environ[variable] = previous


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep every test (and every subprocess it starts) away from the user's real
    corrections file: SYNOPTIC_DATA_DIR points at a temporary directory."""
    yield from _pointed("SYNOPTIC_DATA_DIR", tmp_path_factory.mktemp("synoptic-data"))


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Sentence vectors (``tui.align.vector_cache``) go to a temporary directory,
    shared by the tests of one process (and the subprocesses they start), never
    to the developer's own cache. Tests of the cache itself pass a directory."""
    yield from _pointed("SYNOPTIC_CACHE_DIR", tmp_path_factory.mktemp("synoptic-cache"))


@pytest.fixture(autouse=True)
def _private_config_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test (nor any subprocess it starts) reads or writes the developer's own
    settings file: SYNOPTIC_CONFIG_DIR is a fresh, empty directory for each test,
    so a theme one test remembers never reaches the next."""
    yield from _pointed("SYNOPTIC_CONFIG_DIR", tmp_path_factory.mktemp("synoptic-config"))
