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


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Sentence vectors (``tui.align.vector_cache``) go to a temporary directory,
    shared by the tests of one process (and the subprocesses they start), never
    to the developer's own cache. Tests of the cache itself pass a directory."""
    directory = tmp_path_factory.mktemp("synoptic-cache")
    previous = os.environ.get("SYNOPTIC_CACHE_DIR")
    os.environ["SYNOPTIC_CACHE_DIR"] = str(directory)
    yield directory
    if previous is None:
        os.environ.pop("SYNOPTIC_CACHE_DIR", None)
    else:
        os.environ["SYNOPTIC_CACHE_DIR"] = previous


@pytest.fixture(autouse=True)
def _private_config_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test (nor any subprocess it starts) reads or writes the developer's own
    settings file: SYNOPTIC_CONFIG_DIR is a fresh, empty directory for each test,
    so a theme one test remembers never reaches the next."""
    directory = tmp_path_factory.mktemp("synoptic-config")
    previous = os.environ.get("SYNOPTIC_CONFIG_DIR")
    os.environ["SYNOPTIC_CONFIG_DIR"] = str(directory)
    yield directory
    if previous is None:
        os.environ.pop("SYNOPTIC_CONFIG_DIR", None)
    else:
        os.environ["SYNOPTIC_CONFIG_DIR"] = previous
