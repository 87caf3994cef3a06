"""The local pool reads stories only as fast as it aligns them (memory stays flat),
and stops its workers when the run stops early."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator

import pytest

from tests.support.corpus import inline_story
from tui.batch.inputs import SourceSpec, StorySpec
from tui.batch.pool import IN_FLIGHT_PER_WORKER, run_in_pool
from tui.batch.story import StoryRows

pytestmark = pytest.mark.process  # starts whole processes: not in make test-fast


def test_stories_are_read_as_they_are_needed_and_workers_stop_with_the_run() -> None:
    pulled = 0

    def stories() -> Iterator[StorySpec]:
        nonlocal pulled
        for number in range(10_000):
            pulled += 1
            record = inline_story(f"s{number}", number)
            yield StorySpec(
                record["id"],
                tuple(SourceSpec(s["name"], text=s["text"]) for s in record["sources"]),
            )

    before = set(multiprocessing.active_children())
    results = run_in_pool(stories(), 1, 35.0, False)
    first = next(results)
    assert isinstance(first, StoryRows)
    assert pulled <= IN_FLIGHT_PER_WORKER + 1  # not the 10,000 stories
    for _ in range(3):
        next(results)
    assert pulled <= IN_FLIGHT_PER_WORKER + 4
    ours = set(multiprocessing.active_children()) - before
    assert ours  # the worker process
    results.close()  # what Ctrl+C does to the run
    deadline = time.monotonic() + 30
    while any(child.is_alive() for child in ours) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(child.is_alive() for child in ours)
