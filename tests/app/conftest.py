"""Fixtures of the Pilot tests: one way to open a reader, what it said, and
each set of sources scored once per test process.

- ``reader(sources, size=..., **options)``: the app built, ``run_test``
  entered and the links shown (``aligned``); yields the Pilot.
- ``said``: every notice any app of the test showed (``App.notify`` is
  public; the app's list of notifications is not).
- Scoring (the slow, threshold-free half of aligning) is remembered per
  process for the same documents, so the hundred tests that open the news
  sample score it once per xdist worker, not once each. Choosing the links
  at a threshold (``select``), the corrections and everything the reader
  does with them still run in every test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.pilot import aligned
from tests.support.reader import Opener, Said, score_once
from tui.align import aligner
from tui.ui.app import SynopticApp


@pytest.fixture(autouse=True)
def _each_set_of_sources_scored_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Per test (a test may put its own ``score`` in place), never per session:
    a unit test run later in the same process scores for real."""
    monkeypatch.setattr(aligner, "score", score_once)


@pytest.fixture(autouse=True)
def corrections_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Each Pilot test its own corrections folder (``SYNOPTIC_DATA_DIR``): a link
    one test makes or cuts never reaches another run later by the same xdist
    worker; a test that reads or spoils the file asks for this folder."""
    directory = tmp_path_factory.mktemp("corrections")
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def reader() -> Opener:
    """``async with reader(sources, size=(160, 48), **options) as pilot``: a
    reader on ``sources`` (the bundled news sample when empty), its links shown."""

    @asynccontextmanager
    async def open_reader(
        sources: Iterable[str | Path] = (),
        size: tuple[int, int] = (160, 48),
        **options: Any,
    ) -> AsyncIterator[Pilot[Any]]:
        app = SynopticApp([str(source) for source in sources], **options)
        async with app.run_test(size=size) as pilot:
            await aligned(pilot)
            yield pilot

    return open_reader


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> Said:
    """What every app of the test notified (from any thread), kept in order."""
    record = Said()
    real = SynopticApp.notify

    def notify(self: SynopticApp, message: str, **options: Any) -> None:
        record.record(str(message), str(options.get("severity", "information")))
        real(self, message, **options)

    monkeypatch.setattr(SynopticApp, "notify", notify)
    return record
